//! The human report: `path:line:col: severity[rule] message`, the source line with a caret
//! underline, the suggestions, and a summary line.

use super::{FileError, FileReport, Summary};
use std::fmt::Write;

/// Renders findings for a person reading a terminal or a CI log.
pub fn render(files: &[FileReport], errors: &[FileError], color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    for error in errors {
        let _ = writeln!(
            out,
            "{}: {} {}",
            error.path,
            paint("1;31", "error:"),
            error.message
        );
    }
    for file in files {
        let lines: Vec<&str> = file.source.split('\n').collect();
        for diagnostic in &file.diagnostics {
            let severity_code = match diagnostic.severity {
                crate::engine::Severity::Error => "1;31",
                crate::engine::Severity::Warning => "1;33",
                crate::engine::Severity::Info => "1;36",
            };
            let _ = writeln!(
                out,
                "{}:{}:{}: {} {}",
                paint("1", &file.path),
                diagnostic.start.line,
                diagnostic.start.column,
                paint(
                    severity_code,
                    &format!("{}[{}]", diagnostic.severity, diagnostic.rule)
                ),
                diagnostic.message
            );
            let line_number = diagnostic.start.line as usize;
            if let Some(line) = lines.get(line_number - 1) {
                let line = line.trim_end_matches('\r');
                let gutter = line_number.to_string();
                let _ = writeln!(out, "{} |", " ".repeat(gutter.len()));
                let _ = writeln!(out, "{gutter} | {line}");
                let start = (diagnostic.start.column as usize).saturating_sub(1);
                let line_chars = line.chars().count();
                let end = if diagnostic.end.line == diagnostic.start.line {
                    (diagnostic.end.column as usize).saturating_sub(1)
                } else {
                    line_chars
                };
                let prefix: String = line
                    .chars()
                    .take(start)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let width = end.saturating_sub(start).max(1);
                let _ = writeln!(
                    out,
                    "{} | {}{}",
                    " ".repeat(gutter.len()),
                    prefix,
                    paint(severity_code, &"^".repeat(width))
                );
            }
            for suggestion in &diagnostic.suggestions {
                let label = if suggestion.safe { "fix" } else { "suggestion" };
                let _ = writeln!(out, "  = {}: {}", paint("1;32", label), suggestion.title);
                for edit in &suggestion.edits {
                    if !edit.replacement.trim().is_empty() {
                        let _ = writeln!(out, "      → \"{}\"", edit.replacement.trim());
                    }
                }
            }
            let _ = writeln!(out);
        }
    }
    let summary = Summary::of(files, errors);
    let _ = writeln!(
        out,
        "{} {} in {} of {} file{} ({} error{}, {} warning{}, {} info){}",
        paint("1", "rolelint:"),
        plural(summary.diagnostics, "finding"),
        summary.files_with_findings,
        summary.files,
        if summary.files == 1 { "" } else { "s" },
        summary.errors,
        if summary.errors == 1 { "" } else { "s" },
        summary.warnings,
        if summary.warnings == 1 { "" } else { "s" },
        summary.infos,
        if summary.unreadable > 0 {
            format!("; {} unreadable", summary.unreadable)
        } else {
            String::new()
        }
    );
    out
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}
