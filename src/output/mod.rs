//! Reports: the findings of a run converted to lines and columns, and written as human text
//! or JSON. The only place (with the language server's conversion) that turns byte offsets
//! into positions, through `crate::text`.

pub mod human;
pub mod json;

use crate::engine::{Finding, FindingClass, Severity};
use crate::text::{ColumnEncoding, LineMap};
use serde::Serialize;

/// A 1-based line and column (columns in Unicode characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReportPosition {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportEdit {
    pub start: ReportPosition,
    pub end: ReportPosition,
    pub replacement: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportSuggestion {
    pub title: String,
    pub safe: bool,
    pub edits: Vec<ReportEdit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportRelated {
    pub start: ReportPosition,
    pub end: ReportPosition,
    pub message: String,
}

/// One finding with positions.
#[derive(Debug, Clone, Serialize)]
pub struct ReportDiagnostic {
    pub rule: String,
    pub class: FindingClass,
    pub severity: Severity,
    pub message: String,
    pub start: ReportPosition,
    pub end: ReportPosition,
    pub role: Option<String>,
    pub responsibility: Option<String>,
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
}

/// A file that could not be checked.
#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

impl FileReport {
    /// Converts engine findings to report positions.
    pub fn new(path: String, source: String, findings: &[Finding]) -> FileReport {
        let map = LineMap::new(&source);
        let position = |offset: usize| {
            let position = map.position(&source, offset, ColumnEncoding::Chars);
            ReportPosition {
                line: position.line + 1,
                column: position.column + 1,
            }
        };
        let diagnostics = findings
            .iter()
            .map(|finding| ReportDiagnostic {
                rule: finding.rule.clone(),
                class: finding.class,
                severity: finding.severity,
                message: finding.message.clone(),
                start: position(finding.range.start),
                end: position(finding.range.end),
                role: finding.role.map(|role| role.id().to_string()),
                responsibility: finding.responsibility.clone(),
                suggestions: finding
                    .suggestions
                    .iter()
                    .map(|suggestion| ReportSuggestion {
                        title: suggestion.title.clone(),
                        safe: suggestion.safe,
                        edits: suggestion
                            .edits
                            .iter()
                            .map(|edit| ReportEdit {
                                start: position(edit.range.start),
                                end: position(edit.range.end),
                                replacement: edit.replacement.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                related: finding
                    .related
                    .iter()
                    .map(|related| ReportRelated {
                        start: position(related.range.start),
                        end: position(related.range.end),
                        message: related.message.clone(),
                    })
                    .collect(),
                byte_start: finding.range.start,
                byte_end: finding.range.end,
            })
            .collect();
        FileReport {
            path,
            diagnostics,
            source,
        }
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub diagnostics: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unreadable: usize,
}

impl Summary {
    pub fn of(files: &[FileReport], errors: &[FileError]) -> Summary {
        let all = files.iter().flat_map(|file| &file.diagnostics);
        let count = |severity| {
            all.clone()
                .filter(|diagnostic| diagnostic.severity == severity)
                .count()
        };
        Summary {
            files: files.len(),
            files_with_findings: files
                .iter()
                .filter(|file| !file.diagnostics.is_empty())
                .count(),
            diagnostics: all.clone().count(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            unreadable: errors.len(),
        }
    }
}
