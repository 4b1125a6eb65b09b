//! The open documents: their text as the client last sent it, their version, and the latest
//! check. Changes are applied here, synchronously, in the order the client sent them.

use super::convert::{Converter, Encoding};
use super::features::CheckedDocument;
use crate::engine::DocumentFormat;
use crate::text::LineMap;
use std::sync::Arc;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

/// One document the client has open.
pub(crate) struct OpenDocument {
    pub(crate) text: Arc<String>,
    pub(crate) lines: Arc<LineMap>,
    pub(crate) version: i32,
    /// A server-wide counter bumped on every open and change: unlike the client's version it
    /// also tells a reopened document from its earlier life.
    pub(crate) revision: u64,
    /// The revision this document was opened at; identifies its check worker.
    pub(crate) opened_at: u64,
    pub(crate) format: DocumentFormat,
    /// The latest finished check; may be older than `revision` while a check runs.
    pub(crate) checked: Option<Arc<CheckedDocument>>,
    /// A check worker is running for this document.
    pub(crate) worker_running: bool,
    /// The text changed while the worker was checking: it must check again.
    pub(crate) recheck_wanted: bool,
}

impl OpenDocument {
    pub(crate) fn new(
        text: String,
        version: i32,
        revision: u64,
        language_id: &str,
        path: &str,
    ) -> OpenDocument {
        let lines = Arc::new(LineMap::new(&text));
        OpenDocument {
            text: Arc::new(text),
            lines,
            version,
            revision,
            opened_at: revision,
            format: format_of(language_id, path),
            checked: None,
            worker_running: false,
            recheck_wanted: false,
        }
    }

    /// Applies the client's changes in order. A change with a range replaces that range
    /// (clamped to the text); a change without one replaces the whole text.
    pub(crate) fn apply_changes(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            let text = Arc::make_mut(&mut self.text);
            match change.range {
                Some(range) => {
                    let converter = Converter {
                        text,
                        lines: &self.lines,
                        encoding,
                    };
                    let bytes = converter.byte_range(range);
                    text.replace_range(bytes, &change.text);
                }
                None => *text = change.text,
            }
            self.lines = Arc::new(LineMap::new(text));
        }
    }

    /// The latest check if it is of the current text, though maybe with an older
    /// configuration: versions only move forward within one open, so the same version means
    /// the same text.
    pub(crate) fn check_of_current_text(&self) -> Option<&Arc<CheckedDocument>> {
        self.checked
            .as_ref()
            .filter(|checked| checked.version == self.version)
    }

    /// The latest check if it is of the current text and configuration.
    pub(crate) fn current_check(&self) -> Option<&Arc<CheckedDocument>> {
        self.checked
            .as_ref()
            .filter(|checked| checked.revision == self.revision)
    }
}

/// Plain text for `plaintext` documents and `.txt` files, Markdown otherwise.
fn format_of(language_id: &str, path: &str) -> DocumentFormat {
    // VS Code says "plaintext"; Neovim, eglot and Helix say "text".
    match language_id {
        "plaintext" | "text" => DocumentFormat::PlainText,
        "markdown" | "mdx" => DocumentFormat::Markdown,
        _ => DocumentFormat::from_path(path),
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn language_ids_of_every_client_choose_the_format() {
        assert_eq!(format_of("text", "untitled:1"), DocumentFormat::PlainText);
        assert_eq!(format_of("plaintext", "a.md"), DocumentFormat::PlainText);
        assert_eq!(format_of("markdown", "a.txt"), DocumentFormat::Markdown);
        assert_eq!(format_of("unknown", "notes.txt"), DocumentFormat::PlainText);
    }
}
