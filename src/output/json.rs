//! The JSON report: a stable schema (version 1), documented in docs/json-schema.json.
//!
//! `{"version":1,"files":[{"path","diagnostics":[…]}],"errors":[…],"skipped":[…],"summary":{…}}`,
//! written one file at a time.

use super::{FileReport, Reporter, RunEnd};
use std::io::{self, Write};

/// The schema version; changes only when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;

/// Streams the JSON report.
#[derive(Debug, Default)]
pub struct JsonReporter {
    files_written: usize,
}

fn to_json<T: serde::Serialize>(value: &T) -> io::Result<String> {
    serde_json::to_string(value).map_err(io::Error::other)
}

impl Reporter for JsonReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(out, "{{\n  \"version\": {SCHEMA_VERSION},\n  \"files\": [")
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        let separator = if self.files_written == 0 { "" } else { "," };
        self.files_written += 1;
        write!(out, "{separator}\n    ")?;
        // Through a small buffer of a known type: the serializer's many small writes are then
        // plain copies, not calls through `dyn Write`; a file with very many findings is
        // still never held as one string.
        let mut buffered = io::BufWriter::with_capacity(64 * 1024, &mut *out);
        serde_json::to_writer(&mut buffered, report).map_err(io::Error::other)?;
        buffered.flush()
    }

    fn end(&mut self, out: &mut dyn Write, end: &RunEnd<'_>) -> io::Result<()> {
        let close = if self.files_written == 0 { "" } else { "\n  " };
        writeln!(
            out,
            "{close}],\n  \"errors\": {},\n  \"skipped\": {},\n  \"summary\": {}\n}}",
            to_json(&end.errors)?,
            to_json(&end.skipped)?,
            to_json(end.summary)?
        )
    }
}
