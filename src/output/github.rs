//! GitHub Actions workflow commands: one `::warning file=…,line=…::message` line per finding,
//! which the Actions runner shows as annotations on the pull request.

use super::{FileReport, Reporter, RunEnd};
use crate::engine::Severity;
use std::io::{self, Write};

/// Streams workflow-command annotations.
#[derive(Debug, Default)]
pub struct GithubReporter;

/// Escapes a command's message (`%`, CR and LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for GithubReporter {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        for diagnostic in &report.diagnostics {
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = diagnostic.message.to_string();
            if let Some(suggestion) = diagnostic.suggestions.first() {
                message.push_str(&format!("\nSuggestion: {}", suggestion.title));
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.path),
                diagnostic.start.line,
                diagnostic.start.column,
                diagnostic.end.line,
                diagnostic.end.column,
                escape_property(&format!("rolelint {}", diagnostic.rule)),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, end: &RunEnd<'_>) -> io::Result<()> {
        for error in end.errors {
            writeln!(
                out,
                "::error file={}{}::{}",
                escape_property(&error.path),
                match (error.line, error.column) {
                    (Some(line), Some(column)) => format!(",line={line},col={column}"),
                    _ => String::new(),
                },
                escape_data(&error.message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
