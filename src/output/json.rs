//! The JSON report: a stable schema (version 1), documented in docs/json-schema.json.

use super::{FileError, FileReport, Summary};
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    files: &'a [FileReport],
    errors: &'a [FileError],
    summary: Summary,
}

/// Renders the report as pretty JSON with a trailing newline.
pub fn render(files: &[FileReport], errors: &[FileError]) -> String {
    let report = JsonReport {
        version: 1,
        files,
        errors,
        summary: Summary::of(files, errors),
    };
    let mut text = serde_json::to_string_pretty(&report)
        .unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"));
    text.push('\n');
    text
}
