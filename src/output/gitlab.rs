//! GitLab Code Quality JSON: an array of issues with a stable fingerprint each, as the
//! `codequality` report of a GitLab CI job.

use super::{FileReport, Reporter, RunEnd};
use crate::engine::Severity;
use serde_json::json;
use std::io::{self, Write};

/// Streams the Code Quality report.
#[derive(Debug, Default)]
pub struct GitlabReporter {
    written: usize,
}

/// FNV-1a, 64 bits: a fingerprint that stays the same across runs and builds.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

impl Reporter for GitlabReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "[")
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        // The fingerprint uses the flagged text, not the line, so that it survives edits
        // elsewhere in the file; the occurrence count keeps repeated text apart.
        let mut seen: Vec<(&str, String)> = Vec::new();
        for diagnostic in &report.diagnostics {
            let flagged = report
                .source
                .get(diagnostic.byte_start..diagnostic.byte_end)
                .unwrap_or_default()
                .to_string();
            let key = (&*diagnostic.rule, flagged.clone());
            let occurrence = seen.iter().filter(|existing| **existing == key).count();
            seen.push(key);
            let severity = match diagnostic.severity {
                Severity::Error => "critical",
                Severity::Warning => "major",
                Severity::Info => "info",
            };
            let issue = json!({
                "type": "issue",
                "check_name": diagnostic.rule,
                "description": diagnostic.message,
                "categories": ["Clarity"],
                "severity": severity,
                "fingerprint": fingerprint(&[&report.path, &diagnostic.rule, &flagged, &occurrence.to_string()]),
                "location": {
                    "path": report.path,
                    "lines": { "begin": diagnostic.start.line, "end": diagnostic.end.line },
                },
            });
            let separator = if self.written == 0 { "" } else { "," };
            self.written += 1;
            write!(out, "{separator}\n  {issue}")?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, _end: &RunEnd<'_>) -> io::Result<()> {
        let close = if self.written == 0 { "" } else { "\n" };
        writeln!(out, "{close}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["ab", ""]));
        assert_eq!(fingerprint(&[]).len(), 16);
    }
}
