//! The command line: `rolelint check`, `rolelint rules`, `rolelint explain`, `rolelint init`,
//! `rolelint server`. Exit codes: 0 nothing at or above the failure threshold, 1 findings at
//! or above it, 2 usage, configuration or input error.

mod check;
pub mod fix;
mod rules;
pub mod walk;

use crate::engine::Severity;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Exit code: nothing at or above the failure threshold.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the failure threshold (with `--diff`: a file would change).
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage, configuration or input error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "rolelint",
    version,
    about = "Finds mixed and ambiguous Product Manager / Product Owner responsibilities in role descriptions",
    after_help = "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check files and folders (`-` reads standard input).
    Check(CheckArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Show a rule's documentation and examples.
    Explain(ExplainArgs),
    /// Write a commented starter `.rolelint.toml` in the current folder.
    Init(InitArgs),
    /// Run the language server over stdio.
    Server(ServerArgs),
}

#[derive(clap::Args, Debug)]
pub struct ServerArgs {
    /// Accepted for clients that pass it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

/// Report formats of `rolelint check`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// rustc-style snippets and a summary line.
    Human,
    /// The stable JSON schema (docs/json-schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow-command annotations.
    Github,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// A severity as a command-line value.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(value: SeverityArg) -> Severity {
        match value {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check (default: the current folder); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Use this config file for every file instead of the nearest `.rolelint.toml`.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore every `.rolelint.toml`; use the defaults.
    #[arg(long)]
    pub no_config: bool,
    /// Findings at or above this severity make the run exit with 1 (overrides `fail-on`).
    #[arg(long, value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// Check only walked files that match this glob (gitignore syntax; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Never check files that match this glob (gitignore syntax; repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Walk hidden files and folders too.
    #[arg(long)]
    pub hidden: bool,
    /// Do not read `.gitignore` and `.ignore` files.
    #[arg(long)]
    pub no_ignore: bool,
    /// The file name standard input stands for (config lookup, format, reports).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Load extra rule files from this folder (repeatable).
    #[arg(long, value_name = "DIR")]
    pub rule_folder: Vec<PathBuf>,
    /// Apply safe fixes to the files (standard input: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// With `--fix` or `--diff`, apply fixes not marked safe too.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff; write nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Threads, the main thread included (default: one per core); with 1, the main thread
    /// alone checks the files, one after the other.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,
    /// List the rules as this config file sets them up (default: the nearest `.rolelint.toml`).
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// List the rules with the defaults, ignoring every `.rolelint.toml`.
    #[arg(long)]
    pub no_config: bool,
}

/// Formats of `rolelint rules`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The rule id, as `rolelint rules` lists it.
    pub rule: String,
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Folder to write `.rolelint.toml` in.
    #[arg(default_value = ".")]
    pub folder: PathBuf,
}

/// Runs the CLI and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(args) => rules::list(args),
        Command::Explain(args) => rules::explain(args),
        Command::Init(args) => init(args),
        Command::Server(_) => crate::lsp::run_stdio(),
    }
}

fn init(args: InitArgs) -> i32 {
    let path = args.folder.join(crate::config::CONFIG_FILE_NAME);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let result = file.and_then(|mut file| {
        use std::io::Write;
        file.write_all(crate::config::STARTER_CONFIG.as_bytes())
    });
    match result {
        Ok(()) => {
            println!("rolelint: wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "rolelint: error: {} already exists; not overwritten",
                path.display()
            );
            EXIT_ERROR
        }
        Err(error) => {
            eprintln!("rolelint: error: {}: {error}", path.display());
            EXIT_ERROR
        }
    }
}
