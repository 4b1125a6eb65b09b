//! The command line: `rolelint check`, `rolelint rules`, `rolelint explain`, `rolelint server`.

use crate::engine::{DocumentFormat, EngineOptions, Severity, analyze};
use crate::output::{self, FileError, FileReport};
use crate::rules::RuleSet;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Exit code: nothing at or above the failure threshold.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the failure threshold.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage, configuration or input error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "rolelint",
    version,
    about = "Finds mixed and ambiguous Product Manager / Product Owner responsibilities in role descriptions"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check files and folders (`-` reads standard input).
    Check(CheckArgs),
    /// Run the language server over stdio.
    Server(ServerArgs),
}

#[derive(clap::Args, Debug)]
pub struct ServerArgs {
    /// Accepted for clients that pass it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Extensions checked when walking folders.
const EXTENSIONS: &[&str] = &["md", "markdown", "mdx", "txt"];

/// Runs the CLI and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Server(_) => crate::lsp::run_stdio(),
    }
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<FileError>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(entries) => entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .collect(),
            Err(error) => {
                errors.push(FileError {
                    path: path.display().to_string(),
                    message: error.to_string(),
                });
                return;
            }
        };
        entries.sort();
        for entry in entries {
            let hidden = entry
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if entry.is_dir() {
                collect_files(&entry, out, errors);
            } else if entry.extension().is_some_and(|ext| {
                EXTENSIONS.contains(&ext.to_string_lossy().to_ascii_lowercase().as_str())
            }) {
                out.push(entry);
            }
        }
    } else if path.exists() {
        out.push(path.to_path_buf());
    } else {
        errors.push(FileError {
            path: path.display().to_string(),
            message: "no such file or folder".to_string(),
        });
    }
}

fn check(args: CheckArgs) -> i32 {
    let rules = RuleSet::bundled();
    let options = EngineOptions::default();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut reports = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            if let Err(error) = std::io::stdin().read_to_end(&mut bytes) {
                errors.push(FileError {
                    path: "-".into(),
                    message: error.to_string(),
                });
                continue;
            }
            match String::from_utf8(bytes) {
                Ok(text) => {
                    let analysis = analyze(&text, DocumentFormat::Markdown, &rules, &options);
                    reports.push(FileReport::new("-".into(), text, &analysis.findings));
                }
                Err(error) => errors.push(FileError {
                    path: "-".into(),
                    message: format!(
                        "not valid UTF-8 (invalid byte at offset {})",
                        error.utf8_error().valid_up_to()
                    ),
                }),
            }
            continue;
        }
        collect_files(path, &mut files, &mut errors);
    }
    for file in files {
        let display = file.display().to_string();
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(error) => {
                errors.push(FileError {
                    path: display,
                    message: error.to_string(),
                });
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                errors.push(FileError {
                    path: display,
                    message: format!(
                        "not valid UTF-8 (invalid byte at offset {})",
                        error.utf8_error().valid_up_to()
                    ),
                });
                continue;
            }
        };
        let analysis = analyze(&text, DocumentFormat::from_path(&display), &rules, &options);
        reports.push(FileReport::new(display, text, &analysis.findings));
    }
    let rendered = match args.format {
        Format::Json => output::json::render(&reports, &errors),
        Format::Human => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
            output::human::render(&reports, &errors, color)
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(rendered.as_bytes());
    let _ = stdout.flush();
    if !errors.is_empty() {
        return EXIT_ERROR;
    }
    let failing = reports
        .iter()
        .flat_map(|report| &report.diagnostics)
        .any(|diagnostic| diagnostic.severity >= Severity::Warning);
    if failing { EXIT_FINDINGS } else { EXIT_CLEAN }
}
