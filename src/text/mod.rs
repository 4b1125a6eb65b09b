//! The one place that converts byte offsets to lines and columns, in UTF-8 bytes, UTF-16
//! code units or Unicode characters, and back. A line ends at `\n`, `\r\n` or a lone `\r`,
//! as the Language Server Protocol counts lines.

use line_index::{LineIndex, TextSize, WideEncoding};

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnEncoding {
    Utf8,
    Utf16,
    /// Unicode scalar values: what the JSON report calls a character.
    Chars,
}

/// A 0-based line and column in some encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// Line starts of one text, for converting positions both ways.
#[derive(Debug, Clone)]
pub struct LineMap {
    index: LineIndex,
    len: usize,
}

impl LineMap {
    /// Indexes the line breaks of `text`.
    pub fn new(text: &str) -> LineMap {
        let index = if has_lone_carriage_return(text) {
            // The index only knows `\n`. A lone `\r` is a line break too; both are one byte,
            // so a copy with each lone `\r` turned into `\n` has the same offsets.
            LineIndex::new(&lone_carriage_returns_as_newlines(text))
        } else {
            LineIndex::new(text)
        };
        LineMap {
            index,
            len: text.len(),
        }
    }

    /// The position of a byte offset; an offset past the end or inside a character is moved
    /// back to the nearest character boundary.
    pub fn position(&self, text: &str, offset: usize, encoding: ColumnEncoding) -> Position {
        let offset = text.floor_char_boundary(offset.min(self.len));
        let line_col = self.index.line_col(TextSize::from(offset as u32));
        let column = match encoding {
            ColumnEncoding::Utf8 => line_col.col,
            ColumnEncoding::Utf16 => self
                .index
                .to_wide(WideEncoding::Utf16, line_col)
                .map_or(line_col.col, |wide| wide.col),
            ColumnEncoding::Chars => self
                .index
                .to_wide(WideEncoding::Utf32, line_col)
                .map_or(line_col.col, |wide| wide.col),
        };
        Position {
            line: line_col.line,
            column,
        }
    }

    /// The byte offset of a position; a line past the end gives the end of the text, a column
    /// past the end of its line gives the end of that line (before its line break).
    pub fn offset(&self, text: &str, position: Position, encoding: ColumnEncoding) -> usize {
        let Some(line_range) = self.index.line(position.line) else {
            return self.len;
        };
        let line_start = u32::from(line_range.start()) as usize;
        let line_end = u32::from(line_range.end()) as usize;
        let line_text = &text[line_start..line_end.min(text.len())];
        let content = line_text.trim_end_matches('\n').trim_end_matches('\r');
        let column = position.column as usize;
        let within = match encoding {
            ColumnEncoding::Utf8 => text_floor(content, column),
            ColumnEncoding::Utf16 => {
                let mut units = 0;
                let mut bytes = content.len();
                for (index, character) in content.char_indices() {
                    if units >= column {
                        bytes = index;
                        break;
                    }
                    units += character.len_utf16();
                }
                if units < column {
                    content.len()
                } else {
                    bytes.min(content.len())
                }
            }
            ColumnEncoding::Chars => content
                .char_indices()
                .nth(column)
                .map_or(content.len(), |(index, _)| index),
        };
        line_start + within
    }
}

impl LineMap {
    /// A converter for many offsets of `text` in a row. It gives the same positions as
    /// `position`, but offsets in increasing order cost a step forward each instead of a
    /// search, and a column is counted on from the previous one on the same line.
    pub fn cursor<'a>(&'a self, text: &'a str, encoding: ColumnEncoding) -> PositionCursor<'a> {
        let mut cursor = PositionCursor {
            map: self,
            text,
            encoding,
            line: 0,
            line_start: 0,
            next_line_start: 0,
            counted_to: 0,
            counted_columns: 0,
        };
        cursor.enter_line(0);
        cursor
    }

    /// Where line `line` starts and where the next one starts (past the end for the last).
    fn line_bounds(&self, line: u32) -> Option<(usize, usize)> {
        let range = self.index.line(line)?;
        let start = u32::from(range.start()) as usize;
        let end = u32::from(range.end()) as usize;
        // The last line runs to the end of the text, which is a position on it too.
        let next_start = if self.index.line(line + 1).is_some() {
            end
        } else {
            usize::MAX
        };
        Some((start, next_start))
    }
}

/// Converts a run of byte offsets of one text to positions; see `LineMap::cursor`.
pub struct PositionCursor<'a> {
    map: &'a LineMap,
    text: &'a str,
    encoding: ColumnEncoding,
    line: u32,
    line_start: usize,
    next_line_start: usize,
    /// The last offset converted on the current line and its column.
    counted_to: usize,
    counted_columns: u32,
}

/// How many lines the cursor steps forward one by one before it searches instead.
const CURSOR_STEPS: u32 = 8;

impl PositionCursor<'_> {
    /// The position of a byte offset, exactly as `LineMap::position` gives it.
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = self.text.floor_char_boundary(offset.min(self.map.len));
        if offset < self.line_start {
            self.seek(offset);
        } else if offset >= self.next_line_start {
            let mut steps = 0;
            while offset >= self.next_line_start && steps < CURSOR_STEPS {
                self.enter_line(self.line + 1);
                steps += 1;
            }
            if offset >= self.next_line_start {
                self.seek(offset);
            }
        }
        let column = match self.encoding {
            ColumnEncoding::Utf8 => (offset - self.line_start) as u32,
            ColumnEncoding::Utf16 | ColumnEncoding::Chars => {
                if offset < self.counted_to {
                    self.counted_to = self.line_start;
                    self.counted_columns = 0;
                }
                let between = &self.text[self.counted_to..offset];
                self.counted_columns += wide_columns(between, self.encoding);
                self.counted_to = offset;
                self.counted_columns
            }
        };
        Position {
            line: self.line,
            column,
        }
    }

    /// Moves to the line holding `offset` by searching the line starts.
    fn seek(&mut self, offset: usize) {
        let line = self.map.index.line_col(TextSize::from(offset as u32)).line;
        self.enter_line(line);
    }

    fn enter_line(&mut self, line: u32) {
        let (start, next_start) = self
            .map
            .line_bounds(line)
            .unwrap_or((self.map.len, usize::MAX));
        self.line = line;
        self.line_start = start;
        self.next_line_start = next_start;
        self.counted_to = start;
        self.counted_columns = 0;
    }
}

/// The UTF-16 code units or characters of a stretch of one line.
fn wide_columns(text: &str, encoding: ColumnEncoding) -> u32 {
    if text.is_ascii() {
        return text.len() as u32;
    }
    match encoding {
        ColumnEncoding::Utf16 => text.chars().map(char::len_utf16).sum::<usize>() as u32,
        _ => text.chars().count() as u32,
    }
}

/// Whether a `\r` ends a line on its own (not followed by `\n`).
fn has_lone_carriage_return(text: &str) -> bool {
    lone_carriage_returns(text).next().is_some()
}

/// The offsets of the `\r` not followed by `\n`.
fn lone_carriage_returns(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    text.match_indices('\r')
        .map(|(index, _)| index)
        .filter(move |index| bytes.get(index + 1) != Some(&b'\n'))
}

fn lone_carriage_returns_as_newlines(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for index in lone_carriage_returns(text) {
        bytes[index] = b'\n';
    }
    // Swapping one ASCII byte for another keeps the text valid UTF-8.
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

fn text_floor(content: &str, column: usize) -> usize {
    content.floor_char_boundary(column.min(content.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_in_every_encoding() {
        let text = "é “quote” 😀 end\r\nsecond line";
        let map = LineMap::new(text);
        for encoding in [
            ColumnEncoding::Utf8,
            ColumnEncoding::Utf16,
            ColumnEncoding::Chars,
        ] {
            for (offset, character) in text.char_indices() {
                if character == '\n' {
                    continue;
                }
                let position = map.position(text, offset, encoding);
                assert_eq!(
                    map.offset(text, position, encoding),
                    offset,
                    "{encoding:?} {offset}"
                );
            }
        }
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "one\rtwo\r\nthree\nfour\r\rsix";
        let map = LineMap::new(text);
        let starts = [
            ("one", 0),
            ("two", 1),
            ("three", 2),
            ("four", 3),
            ("six", 5),
        ];
        for (word, line) in starts {
            let offset = text.find(word).unwrap();
            assert_eq!(
                map.position(text, offset, ColumnEncoding::Utf16),
                Position { line, column: 0 },
                "{word}"
            );
        }
        // The empty line between the two lone `\r`.
        let empty = text.find("\r\rsix").unwrap() + 1;
        assert_eq!(
            map.offset(text, Position { line: 4, column: 0 }, ColumnEncoding::Utf8),
            empty
        );
        // A column past the end of a line stops before its lone `\r`.
        assert_eq!(
            map.offset(text, Position { line: 0, column: 9 }, ColumnEncoding::Utf16),
            3
        );
    }

    #[test]
    fn mixed_line_endings_round_trip_in_every_encoding() {
        let text = "é\r😀 a\r\n“b”\nc\r\r\n\u{200b}d\r";
        let map = LineMap::new(text);
        for encoding in [
            ColumnEncoding::Utf8,
            ColumnEncoding::Utf16,
            ColumnEncoding::Chars,
        ] {
            for (offset, character) in text.char_indices() {
                // The `\n` of a CRLF sits inside one line break: it has no position of its own.
                if character == '\n' && text[..offset].ends_with('\r') {
                    continue;
                }
                let position = map.position(text, offset, encoding);
                assert_eq!(
                    map.offset(text, position, encoding),
                    offset,
                    "{encoding:?} {offset}"
                );
            }
        }
    }

    /// Every offset of `text`, in the order given, through one cursor and through `position`.
    fn cursor_agrees(text: &str, offsets: &[usize]) {
        let map = LineMap::new(text);
        for encoding in [
            ColumnEncoding::Utf8,
            ColumnEncoding::Utf16,
            ColumnEncoding::Chars,
        ] {
            let mut cursor = map.cursor(text, encoding);
            for &offset in offsets {
                assert_eq!(
                    cursor.position(offset),
                    map.position(text, offset, encoding),
                    "{encoding:?} offset {offset} of {text:?}"
                );
            }
        }
    }

    #[test]
    fn the_cursor_gives_the_positions_of_the_map_in_any_order() {
        let texts = [
            "é “quote” 😀 end\r\nsecond line",
            "é\r😀 a\r\n“b”\nc\r\r\n\u{200b}d\r",
            "\n\n\nthree empty lines above\n\u{a0}nbsp – en dash\n",
            "",
            "no line break at all, but 😀 and é",
        ];
        for text in texts {
            // Every byte (inside characters too) and past the end, forwards and backwards.
            let forwards: Vec<usize> = (0..=text.len() + 2).collect();
            let backwards: Vec<usize> = forwards.iter().rev().copied().collect();
            cursor_agrees(text, &forwards);
            cursor_agrees(text, &backwards);
            // Ranges as findings give them: a start, its end, then a jump elsewhere.
            let jumps: Vec<usize> = (0..text.len())
                .flat_map(|start| {
                    [
                        start,
                        (start * 7 + 3) % (text.len() + 1),
                        text.len() - start,
                    ]
                })
                .collect();
            cursor_agrees(text, &jumps);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_cursor_agrees_on_random_texts_and_offsets(
            characters in proptest::collection::vec(
                proptest::sample::select(vec!['a', ' ', '\n', '\r', 'é', '“', '😀', '\u{a0}']),
                0..80,
            ),
            offsets in proptest::collection::vec(0usize..400, 0..60),
        ) {
            let text: String = characters.into_iter().collect();
            cursor_agrees(&text, &offsets);
        }
    }

    #[test]
    fn the_cursor_crosses_many_lines_at_once() {
        let text: String = (0..200)
            .map(|line| format!("line {line} “é” 😀\r\n"))
            .collect();
        let offsets = [0, 5, text.len() / 2, text.len() / 2 + 40, 30, text.len(), 3];
        cursor_agrees(&text, &offsets);
    }

    #[test]
    fn columns_differ_by_encoding() {
        let text = "😀x";
        let map = LineMap::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(map.position(text, x, ColumnEncoding::Utf8).column, 4);
        assert_eq!(map.position(text, x, ColumnEncoding::Utf16).column, 2);
        assert_eq!(map.position(text, x, ColumnEncoding::Chars).column, 1);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\ncd";
        let map = LineMap::new(text);
        assert_eq!(
            map.offset(
                text,
                Position {
                    line: 0,
                    column: 99
                },
                ColumnEncoding::Utf16
            ),
            2
        );
        assert_eq!(
            map.offset(text, Position { line: 9, column: 0 }, ColumnEncoding::Utf16),
            5
        );
    }
}
