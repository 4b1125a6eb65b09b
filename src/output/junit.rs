//! JUnit XML: one test suite per file, one failing test case per finding (a file without
//! findings has one passing case), as CI systems ingest it.

use super::{FileReport, Reporter, RunEnd};
use std::io::{self, Write};

/// Streams the JUnit report.
#[derive(Debug, Default)]
pub struct JunitReporter;

/// Escapes text for XML attributes and content; characters XML 1.0 forbids become U+FFFD.
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                escaped.push('\u{FFFD}')
            }
            c => escaped.push(c),
        }
    }
    escaped
}

impl Reporter for JunitReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"rolelint\">")
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let path = escape_xml(&report.path);
        let failures = report.diagnostics.len();
        writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            failures.max(1)
        )?;
        if report.diagnostics.is_empty() {
            writeln!(
                out,
                "    <testcase name=\"no findings\" classname=\"{path}\"/>"
            )?;
        }
        for diagnostic in &report.diagnostics {
            let mut details = format!(
                "{}:{}:{}: {} [{}]",
                report.path,
                diagnostic.start.line,
                diagnostic.start.column,
                diagnostic.severity,
                diagnostic.rule
            );
            for suggestion in &diagnostic.suggestions {
                details.push_str(&format!("\nsuggestion: {}", suggestion.title));
            }
            writeln!(
                out,
                "    <testcase name=\"{} at {}:{}\" classname=\"{path}\">",
                escape_xml(&diagnostic.rule),
                diagnostic.start.line,
                diagnostic.start.column
            )?;
            writeln!(
                out,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape_xml(&diagnostic.message),
                diagnostic.severity,
                escape_xml(&details)
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")
    }

    fn end(&mut self, out: &mut dyn Write, end: &RunEnd<'_>) -> io::Result<()> {
        if !end.errors.is_empty() {
            writeln!(
                out,
                "  <testsuite name=\"rolelint errors\" tests=\"{0}\" failures=\"0\" errors=\"{0}\">",
                end.errors.len()
            )?;
            for error in end.errors {
                let location = escape_xml(&error.location());
                writeln!(
                    out,
                    "    <testcase name=\"{location}\" classname=\"rolelint\">\n      <error message=\"{}\"/>\n    </testcase>",
                    escape_xml(&error.message)
                )?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape_xml("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
