//! `rolelint check`: resolve configs, walk, check files in parallel while the report streams
//! out in the walk's order, apply or show fixes, and choose the exit code.

use super::fix::{fix_text, modified_time, unified_diff, write_atomically};
use super::walk::{self, Input, Walk, WalkEvent, WalkOptions};
use super::{CheckArgs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Format};
use crate::config::{Config, ConfigResolver, ConfigSource, Overrides};
use crate::engine::DocumentFormat;
use crate::output::{
    FileError, FileReport, Reporter, RuleInfo, RunEnd, SkippedFile, Summary,
    github::GithubReporter, gitlab::GitlabReporter, human::HumanReporter, json::JsonReporter,
    junit::JunitReporter, sarif::SarifReporter,
};
use std::collections::{HashSet, VecDeque};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::SystemTime;

/// How many files, per thread, may be checked or wait for their turn to be written at once:
/// enough that a slow file does not leave the other threads idle, few enough that the texts
/// and reports held at a time stay small (and their memory is reused rather than grown).
const FILES_IN_FLIGHT_PER_THREAD: usize = 16;

/// How many leading bytes are searched for a NUL to tell a binary file.
const BINARY_PROBE_LENGTH: usize = 8192;

/// What `--fix` / `--diff` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    Off,
    Write,
    Diff,
}

/// One file to check with its configuration.
struct Job {
    input: Input,
    config: Arc<Config>,
}

/// What checking one file gave.
enum Outcome {
    Checked {
        report: FileReport,
        /// `--diff`: the diff of the fixes.
        diff: String,
        /// `--fix` on standard input: the fixed text.
        fixed_stdin: Option<String>,
        /// `--fix`: the file could not be written.
        write_error: Option<FileError>,
    },
    Failed(FileError),
    Skipped(SkippedFile),
}

/// The UTF-8 encoding of U+FEFF, which some editors put at the start of a file.
const UTF8_BYTE_ORDER_MARK: &str = "\u{feff}";

/// The name of a UTF-16 encoding whose byte order mark starts `bytes`.
fn utf16_byte_order_mark(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16 little-endian"),
        [0xFE, 0xFF, ..] => Some("UTF-16 big-endian"),
        _ => None,
    }
}

fn not_utf8(path: &str, bytes: &[u8], error: &std::string::FromUtf8Error) -> FileError {
    let offset = error.utf8_error().valid_up_to();
    // Lines end at `\n`, `\r\n` or a lone `\r`, as everywhere else in the reports.
    let before = &bytes[..offset];
    let line = before
        .iter()
        .enumerate()
        .filter(|&(index, &byte)| {
            byte == b'\n' || (byte == b'\r' && bytes.get(index + 1) != Some(&b'\n'))
        })
        .count()
        + 1;
    // The column counts bytes: the line's characters up to the bad byte may be anything.
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n' || byte == b'\r')
        .map_or(0, |index| index + 1);
    let column = offset - line_start + 1;
    FileError::new(
        path,
        format!("not valid UTF-8: invalid byte at offset {offset} (line {line}, byte {column})"),
    )
}

fn process(job: &Job, mode: FixMode, unsafe_fixes: bool) -> Outcome {
    // The modification time is taken before the read, so that a fix can tell whether the
    // file changed after it was read.
    let read_file = |path: &Path| -> std::io::Result<(Option<SystemTime>, Vec<u8>)> {
        let modified = modified_time(path)?;
        Ok((modified, std::fs::read(path)?))
    };
    let (display, bytes, path, read_modified) = match &job.input {
        Input::File { path, display } => match read_file(path) {
            Ok((modified, bytes)) => (display.clone(), bytes, Some(path.as_path()), modified),
            Err(error) => {
                return Outcome::Failed(FileError::new(display.clone(), error.to_string()));
            }
        },
        Input::Stdin { name, bytes } => (name.clone(), bytes.clone(), None, None),
    };
    if let Some(encoding) = utf16_byte_order_mark(&bytes) {
        return Outcome::Failed(FileError::new(
            display,
            format!(
                "not valid UTF-8: {encoding} text (byte order mark at offset 0); save it as UTF-8"
            ),
        ));
    }
    let probe = &bytes[..bytes.len().min(BINARY_PROBE_LENGTH)];
    if probe.contains(&0) {
        return Outcome::Skipped(SkippedFile {
            path: display,
            reason: "binary file (contains NUL bytes)".to_string(),
        });
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let failure = not_utf8(&display, error.as_bytes(), &error);
            return Outcome::Failed(failure);
        }
    };
    // A UTF-8 byte order mark is no part of the text: columns start after it, and a fixed
    // file gets it back.
    let byte_order_mark = if text.starts_with(UTF8_BYTE_ORDER_MARK) {
        text.drain(..UTF8_BYTE_ORDER_MARK.len());
        UTF8_BYTE_ORDER_MARK
    } else {
        ""
    };
    let format = DocumentFormat::from_path(&display);
    let config = &job.config;
    let report_of = |text: String, fixed: usize| {
        let result = config.check(&text, format);
        let mut report = FileReport::new(
            display.clone(),
            text,
            result.findings,
            result.unused_suppressions,
        );
        report.fail_on = config.fail_on;
        report.fixed = fixed;
        report
    };
    match mode {
        FixMode::Off => Outcome::Checked {
            report: report_of(text, 0),
            diff: String::new(),
            fixed_stdin: None,
            write_error: None,
        },
        FixMode::Diff => {
            let (fixed_text, count) = fix_text(config, &text, format, unsafe_fixes);
            let diff = unified_diff(&display, &text, &fixed_text);
            Outcome::Checked {
                report: report_of(text, count),
                diff,
                fixed_stdin: None,
                write_error: None,
            }
        }
        FixMode::Write => {
            let (fixed_text, count) = fix_text(config, &text, format, unsafe_fixes);
            match path {
                None => Outcome::Checked {
                    report: report_of(fixed_text.clone(), count),
                    diff: String::new(),
                    fixed_stdin: Some(format!("{byte_order_mark}{fixed_text}")),
                    write_error: None,
                },
                Some(_) if count == 0 || fixed_text == text => Outcome::Checked {
                    report: report_of(text, 0),
                    diff: String::new(),
                    fixed_stdin: None,
                    write_error: None,
                },
                Some(path) => match write_atomically(
                    path,
                    format!("{byte_order_mark}{text}").as_bytes(),
                    read_modified,
                    &format!("{byte_order_mark}{fixed_text}"),
                ) {
                    Ok(()) => Outcome::Checked {
                        report: report_of(fixed_text, count),
                        diff: String::new(),
                        fixed_stdin: None,
                        write_error: None,
                    },
                    Err(error) => Outcome::Checked {
                        write_error: Some(FileError::new(display.clone(), error.to_string())),
                        report: report_of(text, 0),
                        diff: String::new(),
                        fixed_stdin: None,
                    },
                },
            }
        }
    }
}

fn print_error(error: &FileError) {
    eprintln!("rolelint: error: {}: {}", error.location(), error.message);
}

fn print_skipped(skipped: &SkippedFile) {
    eprintln!(
        "rolelint: note: skipped {}: {}",
        skipped.path, skipped.reason
    );
}

fn reporter_for(format: Format, color: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(HumanReporter::new(color)),
        Format::Json => Box::new(JsonReporter::default()),
        Format::Sarif => Box::new(SarifReporter::new()),
        Format::Github => Box::new(GithubReporter),
        Format::Junit => Box::new(JunitReporter),
        Format::Gitlab => Box::new(GitlabReporter::default()),
    }
}

/// A path inside the working folder is shown relative to it (config files are found as
/// absolute paths).
fn short_path(path: &str) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|working| {
            Path::new(path)
                .strip_prefix(working)
                .ok()
                .map(|relative| relative.display().to_string())
        })
        .filter(|relative| !relative.is_empty())
        .unwrap_or_else(|| path.to_string())
}

fn located(path: &str, line: usize, column: usize, message: &str) -> FileError {
    FileError {
        path: short_path(path),
        message: message.to_string(),
        line: Some(line),
        column: Some(column),
    }
}

/// An outcome and its walk position.
type Placed = (u64, Outcome);

/// The state of one run: the report being written and what it has counted so far.
struct Session {
    mode: FixMode,
    unsafe_fixes: bool,
    reporter: Box<dyn Reporter>,
    sink: Box<dyn Write>,
    /// Files in walk order, from the next one to write on: `None` while a worker checks it.
    /// Errors and notes met by the walk queue here too, so that every run writes them in
    /// the same order, whatever the number of threads.
    pending: VecDeque<Option<Outcome>>,
    /// The walk position of the front of `pending`.
    first_pending: u64,
    /// At most this many entries wait in `pending` while the walk goes on.
    pending_limit: usize,
    /// Workers send each outcome back with its walk position.
    outcome_sender: Sender<Placed>,
    outcome_receiver: Receiver<Placed>,
    /// `--threads 1`: check on the main thread, one file after the other, with no worker.
    inline: bool,
    summary: Summary,
    errors: Vec<FileError>,
    skipped: Vec<SkippedFile>,
    /// Configs whose rules and rule errors were already announced.
    seen_configs: Vec<Arc<Config>>,
    /// Config errors already reported (each file under a broken config repeats it).
    seen_config_errors: HashSet<String>,
    failing: bool,
    diffs: usize,
    fixed_stdin_text: Option<String>,
    write_failed: bool,
}

impl Session {
    fn error(&mut self, error: FileError) {
        print_error(&error);
        self.errors.push(error);
    }

    /// Reports a config's broken rule files and tells the reporter its rules, once.
    fn announce(&mut self, config: &Arc<Config>) {
        if self
            .seen_configs
            .iter()
            .any(|seen| Arc::ptr_eq(seen, config))
        {
            return;
        }
        for error in &config.rule_errors {
            let error = located(&error.path, error.line, error.column, &error.message);
            self.queue(Outcome::Failed(error));
        }
        let mut rules: Vec<RuleInfo> = config.rules.rules.iter().map(RuleInfo::of).collect();
        rules.push(RuleInfo::unused_suppression());
        self.reporter.rules(&rules);
        self.seen_configs.push(config.clone());
    }

    fn event(&mut self, event: WalkEvent) {
        match event {
            WalkEvent::File(input, config) => {
                self.announce(&config);
                self.check(Job { input, config });
            }
            WalkEvent::Error(error) => self.queue(Outcome::Failed(error)),
            WalkEvent::Skipped(note) => self.queue(Outcome::Skipped(note)),
            WalkEvent::ConfigError(error) => {
                if self.seen_config_errors.insert(error.to_string()) {
                    let error = located(&error.path, error.line, error.column, &error.message);
                    self.queue(Outcome::Failed(error));
                }
            }
        }
    }

    /// Queues something that needs no checking, behind the files walked before it.
    fn queue(&mut self, outcome: Outcome) {
        self.pending.push_back(Some(outcome));
        self.write_ready();
    }

    /// Checks a file: on the main thread with `--threads 1`, else on a worker while the walk
    /// goes on, as long as no more than `pending_limit` files are in flight.
    fn check(&mut self, job: Job) {
        let (mode, unsafe_fixes) = (self.mode, self.unsafe_fixes);
        if self.inline {
            let outcome = process_guarded(&job, mode, unsafe_fixes);
            self.queue(outcome);
            return;
        }
        let position = self.first_pending + self.pending.len() as u64;
        self.pending.push_back(None);
        let sender = self.outcome_sender.clone();
        // First in, first out: the thread that spawns (the main thread, when it helps) takes
        // the oldest file too, the one the report waits for.
        rayon::spawn_fifo(move || {
            let outcome = process_guarded(&job, mode, unsafe_fixes);
            // The receiver lives as long as the run.
            let _ = sender.send((position, outcome));
        });
        self.write_ready();
        if self.pending.len() > self.pending_limit {
            self.wait_until_pending(self.pending_limit);
        }
    }

    /// Writes, in walk order, every outcome whose turn has come and that is ready.
    fn write_ready(&mut self) {
        while let Ok((position, outcome)) = self.outcome_receiver.try_recv() {
            self.store(position, outcome);
        }
        while let Some(Some(_)) = self.pending.front() {
            if let Some(Some(outcome)) = self.pending.pop_front() {
                self.first_pending += 1;
                self.write_outcome(outcome);
            }
        }
    }

    fn store(&mut self, position: u64, outcome: Outcome) {
        let index = position
            .checked_sub(self.first_pending)
            .map(|index| index as usize);
        if let Some(slot) = index.and_then(|index| self.pending.get_mut(index)) {
            *slot = Some(outcome);
        }
    }

    /// Writes outcomes until at most `limit` wait. Meanwhile the main thread checks files
    /// itself when it is one of the pool's threads (and there is a file nobody checks yet),
    /// and otherwise sleeps until a worker sends an outcome.
    fn wait_until_pending(&mut self, limit: usize) {
        loop {
            self.write_ready();
            if self.pending.len() <= limit {
                return;
            }
            if rayon::yield_now() == Some(rayon::Yield::Executed) {
                continue;
            }
            match self.outcome_receiver.recv() {
                Ok((position, outcome)) => self.store(position, outcome),
                // Cannot happen: the session holds a sender.
                Err(_) => return,
            }
        }
    }

    /// Writes every report still pending.
    fn finish(&mut self) {
        self.wait_until_pending(0);
    }

    /// Writes one outcome: a file's report (or diff), an error or a note.
    fn write_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Checked {
                report,
                diff,
                fixed_stdin,
                write_error,
            } => {
                if let Some(error) = write_error {
                    self.error(error);
                }
                if fixed_stdin.is_some() {
                    self.fixed_stdin_text = fixed_stdin;
                }
                self.failing |= report.fails();
                self.summary.add(&report);
                if self.mode == FixMode::Diff {
                    if !diff.is_empty() {
                        self.diffs += 1;
                        self.write_failed |= self.sink.write_all(diff.as_bytes()).is_err();
                    }
                } else {
                    self.write_failed |= self.reporter.file(&mut self.sink, &report).is_err();
                }
            }
            Outcome::Failed(error) => self.error(error),
            Outcome::Skipped(note) => {
                print_skipped(&note);
                self.skipped.push(note);
            }
        }
    }
}

/// [`process`], with a panic turned into an error naming the file, so that one bad file
/// never takes the run down with it.
fn process_guarded(job: &Job, mode: FixMode, unsafe_fixes: bool) -> Outcome {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process(job, mode, unsafe_fixes)
    }))
    .unwrap_or_else(|_| {
        let path = match &job.input {
            Input::File { display, .. } => display.clone(),
            Input::Stdin { name, .. } => name.clone(),
        };
        Outcome::Failed(FileError::new(
            path,
            "internal error while checking this file (please report it)",
        ))
    })
}

/// Runs `rolelint check` and returns the exit code.
pub fn run(args: CheckArgs) -> i32 {
    let overrides = Overrides {
        fail_on: args.fail_on.map(Into::into),
        rule_folders: args.rule_folder.clone(),
    };
    let source = if args.no_config {
        ConfigSource::Defaults
    } else if let Some(path) = &args.config {
        ConfigSource::File(path.clone())
    } else {
        ConfigSource::Discover
    };
    let explicit_config = matches!(source, ConfigSource::File(_));
    let mut resolver = ConfigResolver::new(source, overrides);
    let (include, exclude) = match (
        walk::glob_matcher(&args.include),
        walk::glob_matcher(&args.exclude),
    ) {
        (Ok(include), Ok(exclude)) => (include, exclude),
        (Err(message), _) | (_, Err(message)) => {
            eprintln!("rolelint: error: {message}");
            return EXIT_ERROR;
        }
    };
    let walk_options = WalkOptions {
        include,
        exclude,
        hidden: args.hidden,
        no_ignore: args.no_ignore,
    };
    let strip_dot = args.paths.is_empty();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "-".to_string());
    let mode = if args.diff {
        FixMode::Diff
    } else if args.fix {
        FixMode::Write
    } else {
        FixMode::Off
    };
    let fixes_stdin = mode == FixMode::Write && paths.iter().any(|path| path.as_os_str() == "-");
    let to_stdout = args.output.is_none();
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(error) => {
                eprintln!("rolelint: error: {}: {error}", path.display());
                return EXIT_ERROR;
            }
        },
        // With `--fix` on standard input the fixed text owns standard output.
        None if fixes_stdin => Box::new(std::io::stderr()),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let color = args.format == Format::Human
        && to_stdout
        && !fixes_stdin
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    // The global pool, so that compiling the rules of each config uses the same threads. The
    // main thread is one of them: it walks and writes the report, and checks files while it
    // waits, so that N threads never compete for N cores with a coordinator (and
    // `--threads 1` is the main thread alone).
    if let Err(error) = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .use_current_thread()
        .build_global()
    {
        eprintln!("rolelint: error: cannot start worker threads: {error}");
        return EXIT_ERROR;
    }
    let (outcome_sender, outcome_receiver) = std::sync::mpsc::channel();
    let mut session = Session {
        mode,
        unsafe_fixes: args.unsafe_fixes,
        reporter: reporter_for(args.format, color),
        sink,
        pending: VecDeque::new(),
        first_pending: 0,
        pending_limit: FILES_IN_FLIGHT_PER_THREAD * rayon::current_num_threads(),
        outcome_sender,
        outcome_receiver,
        inline: rayon::current_num_threads() == 1,
        summary: Summary::default(),
        errors: Vec::new(),
        skipped: Vec::new(),
        seen_configs: Vec::new(),
        seen_config_errors: HashSet::new(),
        failing: false,
        diffs: 0,
        fixed_stdin_text: None,
        write_failed: false,
    };
    if mode != FixMode::Diff && session.reporter.begin(&mut session.sink).is_err() {
        session.write_failed = true;
    }
    if explicit_config {
        // Load it now so that a missing or broken `--config` is reported even with no files.
        match resolver.config_for(Path::new(".")) {
            Ok(config) => session.announce(&config),
            Err(error) => session.event(WalkEvent::ConfigError(error)),
        }
    }
    let mut read_stdin = || {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    };
    let mut walk = Walk {
        options: &walk_options,
        resolver: &mut resolver,
        strip_dot,
        stdin_name: &stdin_name,
        read_stdin: &mut read_stdin,
    };
    walk.run(&paths, &mut |event| session.event(event));
    session.finish();

    let mut session = session;
    session.summary.unreadable = session.errors.len();
    session.summary.skipped = session.skipped.len();
    if mode == FixMode::Diff {
        let (fixed, diffs) = (session.summary.fixed, session.diffs);
        eprintln!(
            "rolelint: {fixed} fix{} would change {diffs} file{}",
            if fixed == 1 { "" } else { "es" },
            if diffs == 1 { "" } else { "s" }
        );
    } else {
        let end = RunEnd {
            summary: &session.summary,
            errors: &session.errors,
            skipped: &session.skipped,
        };
        session.write_failed |= session.reporter.end(&mut session.sink, &end).is_err();
    }
    session.write_failed |= session.sink.flush().is_err();
    let Session {
        sink,
        fixed_stdin_text,
        mut write_failed,
        errors,
        failing,
        diffs,
        ..
    } = session;
    drop(sink);
    if let Some(text) = fixed_stdin_text {
        let mut stdout = std::io::stdout().lock();
        write_failed |= stdout.write_all(text.as_bytes()).is_err() || stdout.flush().is_err();
    }
    if write_failed {
        eprintln!("rolelint: error: could not write the report");
        return EXIT_ERROR;
    }
    if !errors.is_empty() {
        EXIT_ERROR
    } else if (mode == FixMode::Diff && diffs > 0) || (mode != FixMode::Diff && failing) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
