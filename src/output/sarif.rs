//! SARIF 2.1.0: one run with the rules' metadata (summary, rationale as help, default level)
//! and one result per finding, with fixes for suggestions that carry edits. GitHub code
//! scanning reads it. Columns are Unicode code points (`columnKind`).

use super::{FileReport, ReportDiagnostic, Reporter, RuleInfo, RunEnd};
use crate::engine::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Streams the SARIF log. Results are written as files come in; the tool section with the
/// rules follows them (JSON objects are unordered), so that rules of configs met late in the
/// walk are listed too.
#[derive(Debug, Default)]
pub struct SarifReporter {
    /// Rules in the order they became known; results point at them by index.
    rules: Vec<RuleInfo>,
    written: usize,
}

impl SarifReporter {
    pub fn new() -> SarifReporter {
        SarifReporter::default()
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: `/` separators, other bytes outside the unreserved
/// set percent-encoded. Absolute paths become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let normalized = path.replace('\\', "/");
    let trimmed = normalized.strip_prefix("./").unwrap_or(&normalized);
    let mut encoded = String::with_capacity(trimmed.len());
    for byte in trimmed.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    if trimmed.starts_with('/') {
        format!("file://{encoded}")
    } else {
        encoded
    }
}

fn rule_descriptor(rule: &RuleInfo) -> Value {
    json!({
        "id": rule.id,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.rationale },
        "help": {
            "text": format!("{}\n\n{}\n\nRun `rolelint explain {}` for examples.", rule.summary, rule.rationale, rule.id),
            "markdown": format!("**{}**\n\n{}\n\nRun `rolelint explain {}` for examples.", rule.summary, rule.rationale, rule.id),
        },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [rule.class] },
    })
}

fn region(start: super::ReportPosition, end: super::ReportPosition) -> Value {
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

impl SarifReporter {
    fn result(&self, uri: &str, diagnostic: &ReportDiagnostic) -> Value {
        let mut result = json!({
            "ruleId": diagnostic.rule,
            "level": level(diagnostic.severity),
            "message": { "text": diagnostic.message },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region(diagnostic.start, diagnostic.end),
                }
            }],
        });
        if let Some(index) = self
            .rules
            .iter()
            .position(|rule| *rule.id == *diagnostic.rule)
        {
            result["ruleIndex"] = json!(index);
        }
        let fixes: Vec<Value> = diagnostic
            .suggestions
            .iter()
            .filter(|suggestion| !suggestion.edits.is_empty())
            .map(|suggestion| {
                json!({
                    "description": { "text": suggestion.title },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": suggestion.edits.iter().map(|edit| json!({
                            "deletedRegion": region(edit.start, edit.end),
                            "insertedContent": { "text": edit.replacement },
                        })).collect::<Vec<_>>(),
                    }],
                    "properties": { "safe": suggestion.safe },
                })
            })
            .collect();
        if !fixes.is_empty() {
            result["fixes"] = Value::Array(fixes);
        }
        let mut properties = serde_json::Map::new();
        properties.insert("class".into(), json!(diagnostic.class));
        if let Some(role) = &diagnostic.role {
            properties.insert("role".into(), json!(role));
        }
        if let Some(responsibility) = &diagnostic.responsibility {
            properties.insert("responsibility".into(), json!(responsibility));
        }
        result["properties"] = Value::Object(properties);
        result
    }
}

impl Reporter for SarifReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"$schema\": \"{SARIF_SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [{{\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": ["
        )
    }

    fn rules(&mut self, rules: &[RuleInfo]) {
        for rule in rules {
            if !self.rules.iter().any(|known| known.id == rule.id) {
                self.rules.push(rule.clone());
            }
        }
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let uri = path_to_uri(&report.path);
        for diagnostic in &report.diagnostics {
            let separator = if self.written == 0 { "" } else { "," };
            self.written += 1;
            write!(out, "{separator}\n      {}", self.result(&uri, diagnostic))?;
        }
        Ok(())
    }

    fn end(&mut self, out: &mut dyn Write, end: &RunEnd<'_>) -> io::Result<()> {
        let close = if self.written == 0 { "" } else { "\n    " };
        let notifications: Vec<Value> = end
            .errors
            .iter()
            .map(|error| {
                let mut location = json!({
                    "physicalLocation": { "artifactLocation": { "uri": path_to_uri(&error.path) } }
                });
                if let (Some(line), Some(column)) = (error.line, error.column) {
                    location["physicalLocation"]["region"] =
                        json!({ "startLine": line, "startColumn": column });
                }
                json!({
                    "level": "error",
                    "message": { "text": error.message },
                    "locations": [location],
                })
            })
            .collect();
        let invocation = json!({
            "executionSuccessful": end.errors.is_empty(),
            "toolExecutionNotifications": notifications,
        });
        let driver = json!({
            "name": "rolelint",
            "version": env!("CARGO_PKG_VERSION"),
            "rules": self.rules.iter().map(rule_descriptor).collect::<Vec<_>>(),
        });
        writeln!(
            out,
            "{close}],\n    \"invocations\": [{invocation}],\n    \"tool\": {{ \"driver\": {driver} }}\n  }}]\n}}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("./docs/a b.md"), "docs/a%20b.md");
        assert_eq!(path_to_uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(path_to_uri("rôle.md"), "r%C3%B4le.md");
    }
}
