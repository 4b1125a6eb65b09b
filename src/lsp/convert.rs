//! The only crossing between LSP positions and the engine's byte offsets. Every conversion
//! goes through `crate::text::LineMap` in the encoding negotiated at initialisation, one at a
//! time or, for a whole publish, through one cursor.

use crate::text::{ColumnEncoding, LineMap, Position as TextPosition, PositionCursor};
use std::ops::Range as ByteRange;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The column encoding agreed with the client: UTF-8 when it offers it, UTF-16 otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// Picks UTF-8 if the client lists it among its position encodings, else UTF-16 (the
    /// protocol's default, which every client must support).
    pub(crate) fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offers_utf8 = offered
            .unwrap_or_default()
            .contains(&PositionEncodingKind::UTF8);
        if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub(crate) fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    fn columns(self) -> ColumnEncoding {
        match self {
            Encoding::Utf8 => ColumnEncoding::Utf8,
            Encoding::Utf16 => ColumnEncoding::Utf16,
        }
    }
}

/// A text with its line map and the negotiated encoding: converts both ways.
#[derive(Clone, Copy)]
pub(crate) struct Converter<'a> {
    pub(crate) text: &'a str,
    pub(crate) lines: &'a LineMap,
    pub(crate) encoding: Encoding,
}

impl<'a> Converter<'a> {
    /// A cursor that converts many offsets in a row, mostly increasing, to positions in the
    /// negotiated encoding: the same positions as `position`, for less work.
    pub(crate) fn cursor(&self) -> PositionCursor<'a> {
        self.lines.cursor(self.text, self.encoding.columns())
    }

    /// The byte offset of a client position; positions past a line's end or past the end of
    /// the text are clamped, positions inside a character move to a character boundary.
    pub(crate) fn offset(&self, position: Position) -> usize {
        let offset = self.lines.offset(
            self.text,
            TextPosition {
                line: position.line,
                column: position.character,
            },
            self.encoding.columns(),
        );
        self.text.floor_char_boundary(offset.min(self.text.len()))
    }

    /// The byte range of a client range, with its ends put in order.
    pub(crate) fn byte_range(&self, range: Range) -> ByteRange<usize> {
        let start = self.offset(range.start);
        let end = self.offset(range.end);
        start.min(end)..start.max(end)
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let position = self
            .lines
            .position(self.text, offset, self.encoding.columns());
        Position::new(position.line, position.column)
    }

    pub(crate) fn range(&self, range: &ByteRange<usize>) -> Range {
        Range::new(self.position(range.start), self.position(range.end))
    }

    /// The byte offset where the line holding `offset` starts.
    pub(crate) fn line_start(&self, offset: usize) -> usize {
        let line = self.position(offset).line;
        self.offset(Position::new(line, 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF32])),
            Encoding::Utf16
        );
        assert_eq!(
            Encoding::negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            Encoding::Utf8
        );
    }

    #[test]
    fn ranges_round_trip_in_both_encodings() {
        let text = "é “x” 😀 PO\r\nnext";
        let lines = LineMap::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let converter = Converter {
                text,
                lines: &lines,
                encoding,
            };
            let po = text.find("PO").unwrap();
            let range = converter.range(&(po..po + 2));
            assert_eq!(converter.byte_range(range), po..po + 2, "{encoding:?}");
        }
    }
}
