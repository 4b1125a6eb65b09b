//! Reports: the findings of a run converted to lines and columns, and written in one of the
//! report formats. With the language server's conversion, the only place that turns byte
//! offsets into positions (through `crate::text`).
//!
//! Reports stream: a [`Reporter`] receives one file at a time, in the run's deterministic
//! order, so a run over many files holds only the files in flight.

pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::engine::{Finding, Severity};
use crate::rules::Rule;
use crate::suppress::{SUPPRESSION_CLASS, UNUSED_SUPPRESSION_RULE, UnusedSuppression};
use crate::text::{ColumnEncoding, LineMap};
use serde::Serialize;
use std::io::{self, Write};
use std::sync::Arc;

/// A 1-based line and column (columns in Unicode characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportPosition {
    pub line: u32,
    pub column: u32,
}

/// A text edit of a suggestion, in report positions.
#[derive(Debug, Clone, Serialize)]
pub struct ReportEdit {
    pub start: ReportPosition,
    pub end: ReportPosition,
    pub replacement: String,
}

/// A clarification offered with a diagnostic.
#[derive(Debug, Clone, Serialize)]
pub struct ReportSuggestion {
    pub title: Arc<str>,
    /// Safe suggestions are applied by `--fix`; the others only by `--unsafe-fixes`.
    pub safe: bool,
    pub edits: Vec<ReportEdit>,
}

/// A second place that takes part in a diagnostic.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRelated {
    pub start: ReportPosition,
    pub end: ReportPosition,
    pub message: String,
}

/// One finding with positions.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDiagnostic {
    pub rule: Arc<str>,
    /// A finding class id, or `suppression` for `unused-suppression`.
    pub class: String,
    pub severity: Severity,
    pub message: Arc<str>,
    pub start: ReportPosition,
    pub end: ReportPosition,
    pub role: Option<String>,
    pub responsibility: Option<Arc<str>>,
    pub suggestions: Vec<ReportSuggestion>,
    pub related: Vec<ReportRelated>,
    /// Byte offsets into the file, for tools that prefer them.
    pub byte_start: usize,
    pub byte_end: usize,
}

/// The findings of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub diagnostics: Vec<ReportDiagnostic>,
    /// The file's text, kept for snippets; not serialized.
    #[serde(skip)]
    pub source: String,
    /// Findings at or above this severity fail the run (from the file's config).
    #[serde(skip)]
    pub fail_on: Severity,
    /// How many findings `--fix` fixed in this file.
    #[serde(skip)]
    pub fixed: usize,
}

/// A file, config or rule file that could not be used; the run exits with 2.
#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
    /// 1-based place of the mistake in a config or rule file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl FileError {
    /// An error about a whole file.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// `path[:line:column]`, as printed on stderr.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", self.path),
            _ => self.path.clone(),
        }
    }
}

/// A file that was skipped on purpose (binary, not a regular file); does not fail the run.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

impl FileReport {
    /// Converts engine findings and unused suppressions to report positions, in document order.
    /// Takes them by value and moves their text, so that a file with very many findings is
    /// not held twice.
    pub fn new(
        path: String,
        source: String,
        findings: Vec<Finding>,
        unused_suppressions: Vec<UnusedSuppression>,
    ) -> FileReport {
        let map = LineMap::new(&source);
        // Findings come in text order: one cursor walks the lines forward instead of a
        // search per position.
        let cursor = std::cell::RefCell::new(map.cursor(&source, ColumnEncoding::Chars));
        let position = |offset: usize| {
            let position = cursor.borrow_mut().position(offset);
            ReportPosition {
                line: position.line + 1,
                column: position.column + 1,
            }
        };
        let suggestion = |suggestion: crate::engine::Suggestion| ReportSuggestion {
            title: suggestion.title,
            safe: suggestion.safe,
            edits: suggestion
                .edits
                .into_iter()
                .map(|edit| ReportEdit {
                    start: position(edit.range.start),
                    end: position(edit.range.end),
                    replacement: edit.replacement,
                })
                .collect(),
        };
        let mut diagnostics: Vec<ReportDiagnostic> =
            Vec::with_capacity(findings.len() + unused_suppressions.len());
        for finding in findings {
            diagnostics.push(ReportDiagnostic {
                rule: finding.rule,
                class: finding.class.id().to_string(),
                severity: finding.severity,
                message: finding.message,
                start: position(finding.range.start),
                end: position(finding.range.end),
                role: finding.role.map(|role| role.id().to_string()),
                responsibility: finding.responsibility,
                suggestions: finding.suggestions.into_iter().map(suggestion).collect(),
                related: finding
                    .related
                    .into_iter()
                    .map(|related| ReportRelated {
                        start: position(related.range.start),
                        end: position(related.range.end),
                        message: related.message.to_string(),
                    })
                    .collect(),
                byte_start: finding.range.start,
                byte_end: finding.range.end,
            });
        }
        for unused in unused_suppressions {
            diagnostics.push(ReportDiagnostic {
                rule: UNUSED_SUPPRESSION_RULE.into(),
                class: SUPPRESSION_CLASS.to_string(),
                severity: unused.severity,
                message: unused.message.into(),
                start: position(unused.range.start),
                end: position(unused.range.end),
                role: None,
                responsibility: None,
                suggestions: vec![suggestion(unused.suggestion)],
                related: Vec::new(),
                byte_start: unused.range.start,
                byte_end: unused.range.end,
            });
        }
        diagnostics.sort_by(|a, b| {
            (a.byte_start, a.byte_end, &a.rule).cmp(&(b.byte_start, b.byte_end, &b.rule))
        });
        FileReport {
            path,
            diagnostics,
            source,
            fail_on: Severity::Warning,
            fixed: 0,
        }
    }

    /// Whether a finding of this file reaches its failure threshold.
    pub fn fails(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity >= self.fail_on)
    }
}

/// Counts for the summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    pub files_with_findings: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files, configs and rule files that could not be used.
    pub unreadable: usize,
    /// Files skipped on purpose (binary, not a regular file).
    pub skipped: usize,
    /// Findings fixed by `--fix`.
    pub fixed: usize,
}

impl Summary {
    /// Adds one file's counts.
    pub fn add(&mut self, file: &FileReport) {
        self.files += 1;
        if !file.diagnostics.is_empty() {
            self.files_with_findings += 1;
        }
        self.diagnostics += file.diagnostics.len();
        self.fixed += file.fixed;
        for diagnostic in &file.diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// The counts of a set of files and errors, for callers that hold them all.
    pub fn of(files: &[FileReport], errors: &[FileError]) -> Summary {
        let mut summary = Summary::default();
        for file in files {
            summary.add(file);
        }
        summary.unreadable = errors.len();
        summary
    }
}

/// What a report says about a rule, for formats that list rules (SARIF).
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub class: String,
    pub severity: Severity,
    pub summary: String,
    pub rationale: String,
}

impl RuleInfo {
    pub fn of(rule: &Rule) -> RuleInfo {
        RuleInfo {
            id: rule.id.to_string(),
            class: rule.class.id().to_string(),
            severity: rule.severity,
            summary: rule.summary.clone(),
            rationale: rule.rationale.trim().to_string(),
        }
    }

    /// The pseudo-rule under which stale suppressions are reported.
    pub fn unused_suppression() -> RuleInfo {
        RuleInfo {
            id: UNUSED_SUPPRESSION_RULE.to_string(),
            class: SUPPRESSION_CLASS.to_string(),
            severity: Severity::Info,
            summary: "A rolelint suppression comment suppresses nothing".to_string(),
            rationale: "Suppressions that no longer hide a finding hide the next real one. Remove them, or name the rule they are meant for.".to_string(),
        }
    }
}

/// Everything a report needs at its end.
pub struct RunEnd<'a> {
    pub summary: &'a Summary,
    pub errors: &'a [FileError],
    pub skipped: &'a [SkippedFile],
}

/// A report format that is written as files come in.
pub trait Reporter {
    /// Called once before any file.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;
    /// Called with the rules of each configuration as it comes into use, before its files.
    fn rules(&mut self, _rules: &[RuleInfo]) {}
    /// Called for each checked file, in the run's order.
    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;
    /// Called once at the end.
    fn end(&mut self, out: &mut dyn Write, end: &RunEnd<'_>) -> io::Result<()>;
}

/// Renders a whole run into a string with one reporter (for tests and small runs).
pub fn render_to_string(
    reporter: &mut dyn Reporter,
    files: &[FileReport],
    errors: &[FileError],
    skipped: &[SkippedFile],
) -> String {
    let mut out: Vec<u8> = Vec::new();
    let mut summary = Summary::of(files, errors);
    summary.skipped = skipped.len();
    let _ = reporter.begin(&mut out);
    reporter.rules(&[RuleInfo::unused_suppression()]);
    for file in files {
        let _ = reporter.file(&mut out, file);
    }
    let _ = reporter.end(
        &mut out,
        &RunEnd {
            summary: &summary,
            errors,
            skipped,
        },
    );
    String::from_utf8_lossy(&out).into_owned()
}
