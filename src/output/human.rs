//! The human report: a rustc-style block per finding (severity, rule, message, the source
//! lines with the span underlined, the suggestions) and a summary line.

use super::{FileReport, ReportDiagnostic, Reporter, RunEnd};
use crate::engine::Severity;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::io::{self, Write};

/// Streams the human report; `color` adds ANSI colours (only for a terminal without NO_COLOR).
#[derive(Debug)]
pub struct HumanReporter {
    color: bool,
}

impl HumanReporter {
    pub fn new(color: bool) -> HumanReporter {
        HumanReporter { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// The most text shown on either side of a span: a longer line is reported without its
/// excerpt, so that a document made of one huge line costs time in proportion to its size
/// rather than to its size times its findings.
const MAX_EXCERPT_CONTEXT: usize = 2048;

/// The lines a diagnostic spans: their text, the 1-based first line number and the
/// diagnostic's byte range relative to that text. `None` when the span is not on character
/// boundaries or its lines are too long to show.
fn excerpt<'a>(
    source: &'a str,
    diagnostic: &ReportDiagnostic,
) -> Option<(&'a str, usize, std::ops::Range<usize>)> {
    let start = diagnostic.byte_start.min(source.len());
    let end = diagnostic.byte_end.clamp(start, source.len());
    if !source.is_char_boundary(start)
        || !source.is_char_boundary(end)
        || end - start > MAX_EXCERPT_CONTEXT
    {
        return None;
    }
    let before = source.floor_char_boundary(start.saturating_sub(MAX_EXCERPT_CONTEXT));
    let line_start = match source[before..start].rfind('\n') {
        Some(index) => before + index + 1,
        None if before == 0 => 0,
        None => return None,
    };
    let after = source.ceil_char_boundary((end + MAX_EXCERPT_CONTEXT).min(source.len()));
    let line_end = match source[end..after].find('\n') {
        Some(index) => end + index,
        None if after == source.len() => source.len(),
        None => return None,
    };
    let text = &source[line_start..line_end];
    Some((
        text,
        diagnostic.start.line as usize,
        start - line_start..end - line_start,
    ))
}

impl Reporter for HumanReporter {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        for diagnostic in &report.diagnostics {
            let level = match diagnostic.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
                Severity::Info => Level::INFO,
            };
            let location = format!(
                "{}:{}:{}",
                report.path, diagnostic.start.line, diagnostic.start.column
            );
            let helps: Vec<(&str, String)> = diagnostic
                .suggestions
                .iter()
                .map(|suggestion| {
                    let label = if suggestion.safe && !suggestion.edits.is_empty() {
                        "fix"
                    } else {
                        "suggestion"
                    };
                    let mut text = suggestion.title.to_string();
                    for edit in &suggestion.edits {
                        // Shown on one line: line breaks of the original become spaces.
                        let replacement = edit
                            .replacement
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        if !replacement.is_empty() {
                            text.push_str(&format!("\n  → \"{replacement}\""));
                        }
                    }
                    (label, text)
                })
                .collect();
            let mut title = level
                .clone()
                .primary_title(&*diagnostic.message)
                .id(&*diagnostic.rule);
            let rendered = match excerpt(&report.source, diagnostic) {
                Some((text, line, span)) => {
                    // A CR would be drawn as a symbol; a space keeps every offset in place.
                    let text = text.replace('\r', " ");
                    let mut group = title.element(
                        Snippet::source(text.as_str())
                            .line_start(line)
                            .path(report.path.as_str())
                            .annotation(AnnotationKind::Primary.span(span)),
                    );
                    for (label, help) in &helps {
                        group = group
                            .element(Level::HELP.with_name(Some(*label)).message(help.as_str()));
                    }
                    renderer.render(&[group])
                }
                None => {
                    title = title.id(&*diagnostic.rule);
                    let mut group = title.element(Level::NOTE.message(location.as_str()));
                    for (label, help) in &helps {
                        group = group
                            .element(Level::HELP.with_name(Some(*label)).message(help.as_str()));
                    }
                    renderer.render(&[group])
                }
            };
            writeln!(out, "{rendered}\n")?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, end: &RunEnd<'_>) -> io::Result<()> {
        let summary = end.summary;
        let mut extra = String::new();
        if summary.fixed > 0 {
            extra.push_str(&format!("; {} fixed", summary.fixed));
        }
        if summary.unreadable > 0 {
            extra.push_str(&format!("; {} could not be checked", summary.unreadable));
        }
        if summary.skipped > 0 {
            extra.push_str(&format!("; {} skipped", summary.skipped));
        }
        writeln!(
            out,
            "{} {} in {} of {} ({} error{}, {} warning{}, {} info){extra}",
            self.paint("1", "rolelint:"),
            plural(summary.diagnostics, "finding"),
            summary.files_with_findings,
            plural(summary.files, "file"),
            summary.errors,
            if summary.errors == 1 { "" } else { "s" },
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" },
            summary.infos,
        )
    }
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}
