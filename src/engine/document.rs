//! The document model: Markdown or plain text read into headings and text blocks, with a
//! "lintable" copy of the text in which everything that must never be linted is blanked.
//!
//! The lintable copy has exactly the byte length of the original and keeps every newline, so a
//! byte offset found in it is the same offset in the original text. Code, HTML, front matter
//! and Markdown syntax become spaces.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// How to read a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentFormat {
    #[default]
    Markdown,
    PlainText,
}

impl DocumentFormat {
    /// Chooses the format from a file name: `.txt` and `.text` are plain text, the rest Markdown.
    pub fn from_path(path: &str) -> DocumentFormat {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            DocumentFormat::PlainText
        } else {
            DocumentFormat::Markdown
        }
    }
}

/// What kind of container a block of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    TableCell,
}

/// A heading; `parent` is the nearest earlier heading of a lower level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// Byte range of the heading's text (without the `#` markers).
    pub range: Range<usize>,
    pub parent: Option<usize>,
}

/// A run of lintable text from one container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    /// The innermost heading above this block (for a heading block: the heading itself).
    pub heading: Option<usize>,
    /// For table cells: the column and the header text range of that column. Boxed, as are
    /// the row headers: most blocks are not table cells, and a long document has many blocks.
    pub table_column_header: Option<Box<Range<usize>>>,
    /// For table cells after the first column: the range of the row's first cell, which in a
    /// "Role | Responsibilities" table names whose row it is.
    pub table_row_header: Option<Box<Range<usize>>>,
}

/// A container being read: its kind, its id, and for a table cell the column header's and
/// the row's first cell's ranges. Text goes to the innermost open container.
type OpenContainer = (BlockKind, usize, Option<Range<usize>>, Option<Range<usize>>);

/// A parsed document: the original text, its lintable copy, headings and blocks.
#[derive(Debug, Clone)]
pub struct Document<'text> {
    pub text: &'text str,
    pub lintable: String,
    pub headings: Vec<Heading>,
    pub blocks: Vec<Block>,
    /// The range of the document title: a front-matter `title:` value, else the first
    /// level-1 heading, else a heading that comes before any other text.
    pub title: Option<Range<usize>>,
    /// The heading index of the title when the title is a heading.
    pub title_heading: Option<usize>,
    /// A front-matter `role:` value, or a `position:` beside a front-matter `title:`: a review
    /// titled "2024 review: Kofi Mensah" says there which role it is about.
    pub role_field: Option<Range<usize>>,
    /// Byte ranges of HTML comments (`<!-- … -->`), for inline suppressions.
    pub html_comments: Vec<Range<usize>>,
    /// Words with invisible characters inside ("Pro\u{200b}duct"), in order. In the lintable
    /// copy their visible letters are moved together and the freed bytes blanked at the word's
    /// end, so inside such a word lintable offsets are not the original's: a range that
    /// touches one must grow to cover the whole word (see [`Document::cover_shifted_words`]).
    pub shifted_words: Vec<Range<usize>>,
}

/// Characters that take up no space when the text is read: soft hyphen, zero-width space
/// and joiners, word joiner, byte order mark, bidirectional controls, variation selectors.
/// Pasted text carries them, and they must not hide a word from the rules.
pub fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

impl<'text> Document<'text> {
    /// Grows `range` to cover whole every shifted word it touches, so that it lies on the
    /// original text's character boundaries and spans what the reader sees.
    pub fn cover_shifted_words(&self, range: Range<usize>) -> Range<usize> {
        let mut range = range;
        let first = self
            .shifted_words
            .partition_point(|word| word.end <= range.start);
        for word in &self.shifted_words[first..] {
            if word.start >= range.end.max(range.start + 1) {
                break;
            }
            range.start = range.start.min(word.start);
            range.end = range.end.max(word.end);
        }
        range
    }

    /// Reads `text` in the given format. Never fails: any text is a document.
    pub fn parse(text: &'text str, format: DocumentFormat) -> Document<'text> {
        let mut builder = Builder::new(text);
        let body_start = builder.skip_bom_and_front_matter();
        match format {
            DocumentFormat::Markdown => builder.read_markdown(body_start),
            DocumentFormat::PlainText => builder.read_plain_text(body_start),
        }
        builder.finish()
    }

    /// The lintable text of a range.
    pub fn lintable_slice(&self, range: Range<usize>) -> &str {
        &self.lintable[range]
    }

    /// The 0-based line number of a byte offset (newlines counted in the original text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.text.as_bytes()[..offset.min(self.text.len())]
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count()
    }
}

struct Builder<'text> {
    text: &'text str,
    lintable: Vec<u8>,
    headings: Vec<Heading>,
    blocks: Vec<Block>,
    front_matter_title: Option<Range<usize>>,
    front_matter_role: Option<Range<usize>>,
    html_comments: Vec<Range<usize>>,
    shifted_words: Vec<Range<usize>>,
}

impl<'text> Builder<'text> {
    fn new(text: &'text str) -> Self {
        // Start fully blank (newlines kept); text is copied in as it is recognised as lintable.
        let lintable = text
            .bytes()
            .map(|byte| if byte == b'\n' { b'\n' } else { b' ' })
            .collect();
        Builder {
            text,
            lintable,
            headings: Vec::new(),
            blocks: Vec::new(),
            front_matter_title: None,
            front_matter_role: None,
            html_comments: Vec::new(),
            shifted_words: Vec::new(),
        }
    }

    /// Copies text into the lintable copy; Unicode spaces (NBSP, thin space, …) become as many
    /// ASCII spaces as they have bytes, so patterns can use ASCII `\s` and offsets stay put.
    fn copy_lintable(&mut self, range: Range<usize>) {
        let source = &self.text[range.clone()];
        if source.is_ascii() {
            self.lintable[range].copy_from_slice(source.as_bytes());
            return;
        }
        let mut has_invisible = false;
        for (offset, character) in source.char_indices() {
            let at = range.start + offset;
            let width = character.len_utf8();
            if (character.is_whitespace() && character != '\n') || is_invisible(character) {
                self.lintable[at..at + width].fill(b' ');
                has_invisible |= is_invisible(character);
            } else {
                character.encode_utf8(&mut self.lintable[at..at + width]);
            }
        }
        if has_invisible {
            self.join_split_words(range);
        }
    }

    /// Invisible characters became blanks; where one stood inside a word, moves the word's
    /// letters together ("Pro duct" → "Product  ") and remembers the word.
    fn join_split_words(&mut self, range: Range<usize>) {
        let source = &self.text[range.clone()];
        let characters: Vec<(usize, char)> = source.char_indices().collect();
        let is_letter = |character: char| character.is_alphanumeric();
        let mut index = 0;
        while index < characters.len() {
            if !is_letter(characters[index].1) {
                index += 1;
                continue;
            }
            // A word: letters, possibly with invisible characters between them.
            let start = index;
            let mut end = index + 1;
            let mut split = false;
            while end < characters.len() {
                let character = characters[end].1;
                if is_letter(character) {
                    end += 1;
                } else if is_invisible(character) {
                    let mut next = end;
                    while next < characters.len() && is_invisible(characters[next].1) {
                        next += 1;
                    }
                    if next < characters.len() && is_letter(characters[next].1) {
                        split = true;
                        end = next;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if split {
                let word_start = range.start + characters[start].0;
                let word_end = range.start
                    + characters
                        .get(end)
                        .map_or(source.len(), |&(offset, _)| offset);
                let mut at = word_start;
                for &(_, character) in &characters[start..end] {
                    if is_letter(character) {
                        at += character.encode_utf8(&mut self.lintable[at..]).len();
                    }
                }
                self.lintable[at..word_end].fill(b' ');
                self.shifted_words.push(word_start..word_end);
            }
            index = end;
        }
    }

    /// Returns the offset where the body starts, after a BOM and a front-matter block.
    fn skip_bom_and_front_matter(&mut self) -> usize {
        let mut start = 0;
        if self.text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8();
        }
        let rest = &self.text[start..];
        let fence = if rest.starts_with("---") {
            "---"
        } else if rest.starts_with("+++") {
            "+++"
        } else {
            return start;
        };
        let first_line_end = match rest.find('\n') {
            Some(end) => end,
            None => return start,
        };
        if rest[..first_line_end].trim_end() != fence {
            return start;
        }
        let mut line_start = first_line_end + 1;
        while line_start < rest.len() {
            let line_end = rest[line_start..]
                .find('\n')
                .map_or(rest.len(), |end| line_start + end);
            let line = rest[line_start..line_end].trim_end_matches('\r');
            if line.trim_end() == fence || (fence == "---" && line.trim_end() == "...") {
                let fields = find_front_matter_title(rest, first_line_end + 1, line_start);
                let shift = |range: Range<usize>| range.start + start..range.end + start;
                self.front_matter_role = match &fields.title {
                    Some(_) => fields.stand_in.clone().or(fields.role),
                    None => fields.role,
                }
                .map(shift);
                self.front_matter_title = fields.title.or(fields.stand_in).map(shift);
                return start + (line_end + 1).min(rest.len());
            }
            line_start = line_end + 1;
        }
        // An unclosed front matter is read as ordinary text.
        start
    }

    fn read_markdown(&mut self, body_start: usize) {
        let body = &self.text[body_start..];
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        // Open containers: (kind, id, table column header) — text goes to the innermost one.
        let mut containers: Vec<OpenContainer> = Vec::new();
        let mut row_header: Option<Range<usize>> = None;
        let mut next_container_id = 0usize;
        let mut last_block_container: Option<usize> = None;
        let mut in_code_block = 0usize;
        let mut current_heading: Option<usize> = None;
        let mut heading_level_stack: Vec<(u8, usize)> = Vec::new();
        let mut table_headers: Vec<Range<usize>> = Vec::new();
        let mut in_table_head = false;
        let mut column = 0usize;
        let mut numbered_row = false;
        let mut open_heading: Option<(u8, usize)> = None;

        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            let range = range.start + body_start..range.end + body_start;
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code_block += 1,
                Event::End(TagEnd::CodeBlock) => in_code_block = in_code_block.saturating_sub(1),
                Event::Start(Tag::Heading { level, .. }) => {
                    let level = level as u8;
                    open_heading = Some((level, range.start));
                    containers.push((BlockKind::Heading, next_container_id, None, None));
                    next_container_id += 1;
                }
                Event::End(TagEnd::Heading(_)) => {
                    containers.pop();
                    if let Some((level, _)) = open_heading.take() {
                        // The heading's text range is its last block, if it had any text.
                        let text_range = match self.blocks.last() {
                            Some(block)
                                if block.kind == BlockKind::Heading && block.heading.is_none() =>
                            {
                                block.range.clone()
                            }
                            _ => range.clone(),
                        };
                        let index = self.push_heading(level, text_range, &mut heading_level_stack);
                        current_heading = Some(index);
                        if let Some(block) = self.blocks.last_mut()
                            && block.kind == BlockKind::Heading
                            && block.heading.is_none()
                        {
                            block.heading = Some(index);
                        }
                    }
                }
                Event::Start(Tag::Paragraph) => {
                    // A loose list wraps each item's text in a paragraph: it is still an item.
                    let kind = match containers.last() {
                        Some((BlockKind::ListItem, ..)) => BlockKind::ListItem,
                        _ => BlockKind::Paragraph,
                    };
                    containers.push((kind, next_container_id, None, None));
                    next_container_id += 1;
                }
                Event::Start(Tag::Item) => {
                    containers.push((BlockKind::ListItem, next_container_id, None, None));
                    next_container_id += 1;
                }
                Event::Start(Tag::TableHead) => {
                    in_table_head = true;
                    table_headers.clear();
                    column = 0;
                }
                Event::End(TagEnd::TableHead) => in_table_head = false,
                Event::Start(Tag::TableRow) => column = 0,
                Event::Start(Tag::TableCell) => {
                    let header = if in_table_head {
                        None
                    } else {
                        table_headers.get(column).cloned()
                    };
                    // A row's first cell names the row; after a column of row numbers
                    // ("| 2 | Product roadmap | C | A |"), the second one does.
                    let row = if in_table_head {
                        None
                    } else if column == 0 {
                        numbered_row = is_row_number(&self.text[range.clone()]);
                        row_header = Some(range.clone());
                        None
                    } else if column == 1 && numbered_row {
                        row_header = Some(range.clone());
                        None
                    } else {
                        row_header.clone()
                    };
                    containers.push((BlockKind::TableCell, next_container_id, header, row));
                    next_container_id += 1;
                    if in_table_head {
                        table_headers.push(range.clone());
                    }
                }
                Event::End(TagEnd::TableCell) => {
                    containers.pop();
                    column += 1;
                }
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                    containers.pop();
                }
                Event::Text(_) if in_code_block == 0 => {
                    let Some((kind, id, header, row)) = containers.last().cloned() else {
                        continue;
                    };
                    self.copy_lintable(range.clone());
                    let heading = if kind == BlockKind::Heading {
                        None
                    } else {
                        current_heading
                    };
                    // "3.2 Sets the sprint goal…", "• She'll own the backlog": a numbered
                    // clause or a line with a bullet Markdown does not know stands alone, as
                    // a list item does, even on the next line of the same paragraph.
                    // Only blanks may stand between the line's start and the text; read
                    // back over them alone, so that a long line of many pieces stays linear.
                    let at_line_start = self.text.as_bytes()[..range.start]
                        .iter()
                        .rev()
                        .find(|&&byte| byte != b' ' && byte != b'\t')
                        .is_none_or(|&byte| byte == b'\n' || byte == b'\r');
                    let clause_marker = if kind == BlockKind::Paragraph && at_line_start {
                        // Read on the source line: Markdown hands "[10:02]" over in pieces.
                        // A marker is short: a few dozen bytes of the line are enough.
                        let window = self
                            .text
                            .floor_char_boundary((range.start + 64).min(self.text.len()));
                        let line_end = self.text[range.start..window]
                            .find('\n')
                            .map_or(window, |end| range.start + end);
                        let line = &self.text[range.start..line_end];
                        // "📣 We're hiring a Product Manager" opening a plain-text file is
                        // its title, not an item.
                        let title_line = line.starts_with(is_pictograph)
                            && self.text[..range.start].trim().is_empty();
                        if title_line {
                            0
                        } else {
                            line_item_marker(line)
                        }
                    } else {
                        0
                    };
                    let extends_last = last_block_container == Some(id);
                    match self.blocks.last_mut() {
                        _ if clause_marker > 0 => self.blocks.push(Block {
                            kind: BlockKind::ListItem,
                            range: range.start + clause_marker
                                ..range.end.max(range.start + clause_marker),
                            heading,
                            table_column_header: None,
                            table_row_header: None,
                        }),
                        Some(block) if extends_last => block.range.end = range.end,
                        _ => self.blocks.push(Block {
                            kind,
                            range: range.clone(),
                            heading,
                            table_column_header: header.map(Box::new),
                            table_row_header: row.map(Box::new),
                        }),
                    }
                    last_block_container = Some(id);
                }
                // An HTML table pasted into Markdown holds duties as a Markdown table does
                // (the guard reads it); any other HTML block is read by its text elements.
                Event::Start(Tag::HtmlBlock)
                    if in_code_block == 0
                        && !self.read_html_table(range.clone(), current_heading) =>
                {
                    self.read_html_elements(range, &mut current_heading, &mut heading_level_stack);
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.record_html_comments(range);
                }
                Event::End(TagEnd::Strong) if in_code_block == 0 => {
                    self.read_bold_lead_in(range);
                }
                _ => {}
            }
            // Text of an outer container that resumes after a nested one starts a new block.
            if let Some(&(_, id, _, _)) = containers.last()
                && last_block_container.is_some_and(|last| last != id)
            {
                last_block_container = None;
            }
        }
    }

    /// "**Competitive analysis.** Nobody owns it yet": a short bold lead-in that opens its line
    /// and ends with a full stop labels what follows, as "**Competitive analysis:**" does. Its
    /// full stop reads as a colon in the lintable copy, so the label and its text stay one
    /// sentence.
    fn read_bold_lead_in(&mut self, strong: Range<usize>) {
        // A lead-in is short: long or nested runs are passed over at once, so that a line of
        // many runs stays linear.
        if strong.len() > 80 {
            return;
        }
        // Only blanks and a list marker may stand before it on its line; read back over at
        // most 16 bytes.
        let before = &self.text.as_bytes()[strong.start.saturating_sub(16)..strong.start];
        let on_line = match before.iter().rposition(|&byte| byte == b'\n') {
            Some(newline) => &before[newline + 1..],
            None if strong.start <= 16 => before,
            None => return,
        };
        let opens_line = on_line
            .iter()
            .all(|byte| b" \t-*+0123456789.)[]xX>".contains(byte));
        let label = self.text[strong.clone()].trim_end_matches(['*', '_']);
        let followed_by_text = self.text[strong.end..]
            .strip_prefix(' ')
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_alphabetic);
        if !opens_line
            || !followed_by_text
            || !label.ends_with('.')
            || label.ends_with("..")
            || label.split_whitespace().count() > 4
        {
            return;
        }
        let stop = strong.start + label.len() - 1;
        if self.lintable[stop] == b'.' {
            self.lintable[stop] = b':';
        }
    }

    /// Reads the cells of an HTML table in an HTML block as table cells: a row of `<th>`
    /// cells (else the first row) heads the columns, and a row's first cell names the row.
    /// Only the text between tags is lintable. A table cut by a blank line ends its block
    /// there, as CommonMark ends the HTML block.
    fn read_html_table(&mut self, block: Range<usize>, heading: Option<usize>) -> bool {
        let lower = self.text[block.clone()].to_ascii_lowercase();
        if !lower.contains("<table") {
            return false;
        }
        let rows = html_table_rows(&lower);
        let has_header_cells = rows.iter().flatten().any(|(_, header)| *header);
        let mut headers: Vec<Range<usize>> = Vec::new();
        for cells in rows {
            if cells.is_empty() {
                continue;
            }
            let is_header_row = if has_header_cells {
                cells.iter().all(|(_, header)| *header)
            } else {
                headers.is_empty()
            };
            let mut row_header: Option<Range<usize>> = None;
            for (column, (cell, _)) in cells.into_iter().enumerate() {
                let cell = block.start + cell.start..block.start + cell.end;
                self.copy_html_text(cell.clone());
                let (column_header, row) = if is_header_row {
                    (None, None)
                } else {
                    (headers.get(column).cloned(), row_header.clone())
                };
                if is_header_row {
                    headers.push(cell.clone());
                } else if column == 0 {
                    row_header = Some(cell.clone());
                }
                if cell.is_empty() {
                    continue;
                }
                self.blocks.push(Block {
                    kind: BlockKind::TableCell,
                    range: cell,
                    heading,
                    table_column_header: column_header.map(Box::new),
                    table_row_header: row.map(Box::new),
                });
            }
        }
        true
    }

    /// Records a heading under the nearest open heading of a lower level, and returns its
    /// index. `open` holds the open headings' (level, index), outermost first.
    fn push_heading(
        &mut self,
        level: u8,
        range: Range<usize>,
        open: &mut Vec<(u8, usize)>,
    ) -> usize {
        while open
            .last()
            .is_some_and(|&(open_level, _)| open_level >= level)
        {
            open.pop();
        }
        let index = self.headings.len();
        self.headings.push(Heading {
            level,
            range,
            parent: open.last().map(|&(_, index)| index),
        });
        open.push((level, index));
        index
    }

    /// Reads the text elements of an HTML block: headings (`<h1>`–`<h6>`) as headings,
    /// `<li>` as list items, and paragraphs and the like as paragraphs. A job post pasted
    /// from a careers page holds its duties so. Only the text between tags is lintable.
    fn read_html_elements(
        &mut self,
        block: Range<usize>,
        current_heading: &mut Option<usize>,
        heading_level_stack: &mut Vec<(u8, usize)>,
    ) {
        let lower = self.text[block.clone()].to_ascii_lowercase();
        for element in html_text_elements(&lower) {
            let content = block.start + element.content.start..block.start + element.content.end;
            let text = &self.text[content.clone()];
            let leading = text.len() - text.trim_start().len();
            let range = content.start + leading..content.start + leading + text.trim().len();
            if range.is_empty() {
                continue;
            }
            self.copy_html_text(range.clone());
            let kind = match element.kind {
                HtmlText::Heading(level) => {
                    *current_heading =
                        Some(self.push_heading(level, range.clone(), heading_level_stack));
                    BlockKind::Heading
                }
                HtmlText::Item => BlockKind::ListItem,
                HtmlText::Paragraph => BlockKind::Paragraph,
            };
            self.blocks.push(Block {
                kind,
                range,
                heading: *current_heading,
                table_column_header: None,
                table_row_header: None,
            });
        }
    }

    /// Copies the text of an HTML cell into the lintable copy, leaving its tags blank.
    fn copy_html_text(&mut self, cell: Range<usize>) {
        let mut start = cell.start;
        while start < cell.end {
            let rest = &self.text[start..cell.end];
            let Some(open) = rest.find('<') else {
                self.copy_lintable(start..cell.end);
                return;
            };
            self.copy_lintable(start..start + open);
            start = rest[open..]
                .find('>')
                .map_or(cell.end, |close| start + open + close + 1);
        }
    }

    fn record_html_comments(&mut self, range: Range<usize>) {
        let html = &self.text[range.clone()];
        let mut search_from = 0;
        while let Some(open) = html[search_from..].find("<!--") {
            let open = search_from + open;
            let close = html[open..]
                .find("-->")
                .map_or(html.len(), |close| open + close + 3);
            let comment = range.start + open..range.start + close;
            // Events come in document order: a repeat can only be the last one recorded.
            if self.html_comments.last() != Some(&comment) {
                self.html_comments.push(comment);
            }
            search_from = close;
        }
    }

    /// Plain text: the first line is the title, short lines followed by a blank line are
    /// headings, list lines are items, other lines join into paragraphs.
    fn read_plain_text(&mut self, body_start: usize) {
        let body_end = self.text.len();
        self.copy_lintable(body_start..body_end);
        let mut line_start = body_start;
        let mut paragraph: Option<Range<usize>> = None;
        let mut current_heading: Option<usize> = None;
        let mut seen_text = false;
        while line_start < body_end {
            let line_end = self.text[line_start..]
                .find('\n')
                .map_or(body_end, |end| line_start + end);
            let line = self.text[line_start..line_end].trim_end_matches('\r');
            let trimmed = line.trim();
            let content_start = line_start + (line.len() - line.trim_start().len());
            let content = content_start..content_start + trimmed.len();
            let next_line = self.text[(line_end + 1).min(body_end)..]
                .split('\n')
                .next()
                .map(str::trim);
            let next_line_blank = next_line.is_none_or(str::is_empty);
            // "Expectations" over "------------": a line underlined with dashes or equals signs
            // is a heading, as in Markdown.
            let underlined = next_line.is_some_and(is_underline);
            if trimmed.is_empty() || is_underline(trimmed) {
                self.flush_paragraph(&mut paragraph, current_heading);
            } else if underlined && looks_like_heading(trimmed) {
                self.flush_paragraph(&mut paragraph, current_heading);
                current_heading = Some(self.push_plain_heading(content, seen_text));
                seen_text = true;
            } else if is_list_line(trimmed)
                && !is_numbered_capitals_heading(trimmed)
                // "📣 We're hiring a PM" as the first line is the title, not an item.
                && (seen_text || !trimmed.starts_with(is_pictograph))
            {
                self.flush_paragraph(&mut paragraph, current_heading);
                // Dot leaders are blank in the lintable copy: they end no sentence.
                let mut search = 0;
                while let Some(found) = trimmed[search..].find("...") {
                    let start = search + found;
                    let length =
                        trimmed[start..].len() - trimmed[start..].trim_start_matches('.').len();
                    self.lintable[content.start + start..content.start + start + length].fill(b' ');
                    search = start + length;
                }
                // The item's text starts after its marker ("- ", "4.3.1 ", "(a) ").
                let marker = list_marker_length(trimmed);
                let skipped =
                    marker + trimmed[marker..].len() - trimmed[marker..].trim_start().len();
                self.blocks.push(Block {
                    kind: BlockKind::ListItem,
                    range: content.start + skipped..content.end,
                    heading: current_heading,
                    table_column_header: None,
                    table_row_header: None,
                });
                seen_text = true;
            } else if (!seen_text
                || next_line_blank
                || is_capitals_heading(trimmed)
                || heads_next_line(trimmed, next_line))
                && (paragraph.is_none() || is_numbered_capitals_heading(trimmed))
                && looks_like_heading(trimmed)
            {
                current_heading = Some(self.push_plain_heading(content, seen_text));
                seen_text = true;
            } else {
                match paragraph.as_mut() {
                    Some(open) => open.end = content.end,
                    None => paragraph = Some(content),
                }
                seen_text = true;
            }
            line_start = line_end + 1;
        }
        self.flush_paragraph(&mut paragraph, current_heading);
    }

    /// Records a plain-text heading: the first line of the text is the title (level 1); a
    /// later heading in capitals ("2. ROLE: PRODUCT MANAGER") stands under it (level 2), and
    /// any other ("Responsibilities") under the last capitals heading (level 3). Returns its
    /// index among the headings.
    fn push_plain_heading(&mut self, content: Range<usize>, seen_text: bool) -> usize {
        let level = if !seen_text {
            1
        } else if is_capitals_heading(&self.text[content.clone()]) {
            2
        } else {
            3
        };
        let parent = self
            .headings
            .iter()
            .rposition(|heading| heading.level < level);
        let index = self.headings.len();
        self.headings.push(Heading {
            level,
            range: content.clone(),
            parent,
        });
        self.blocks.push(Block {
            kind: BlockKind::Heading,
            range: content,
            heading: Some(index),
            table_column_header: None,
            table_row_header: None,
        });
        index
    }

    fn flush_paragraph(&mut self, paragraph: &mut Option<Range<usize>>, heading: Option<usize>) {
        if let Some(range) = paragraph.take() {
            self.blocks.push(Block {
                kind: BlockKind::Paragraph,
                range,
                heading,
                table_column_header: None,
                table_row_header: None,
            });
        }
    }

    fn finish(self) -> Document<'text> {
        let Builder {
            text,
            lintable,
            headings,
            mut blocks,
            front_matter_title,
            front_matter_role,
            html_comments,
            mut shifted_words,
        } = self;
        // The document lives as long as its analysis: give back what growing the lists left.
        blocks.shrink_to_fit();
        shifted_words.sort_by_key(|word| word.start);
        // Every byte is either copied from valid UTF-8 at character boundaries or an ASCII blank.
        let lintable = String::from_utf8(lintable)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
        let first_text_block = blocks.first();
        let title_heading = headings
            .iter()
            .position(|heading| heading.level == 1)
            .or_else(|| match first_text_block {
                Some(block) if block.kind == BlockKind::Heading => block.heading,
                _ => None,
            });
        let title = front_matter_title
            .clone()
            .or_else(|| title_heading.map(|index| headings[index].range.clone()));
        Document {
            text,
            lintable,
            headings,
            blocks,
            title,
            title_heading: if front_matter_title.is_some() {
                None
            } else {
                title_heading
            },
            role_field: front_matter_role,
            html_comments,
            shifted_words,
        }
    }
}

/// The fields of a front matter that name the document or its role.
struct FrontMatterTitles {
    title: Option<Range<usize>>,
    /// A job board's `job_title` or `position`: stands in for a missing title.
    stand_in: Option<Range<usize>>,
    /// `role: Product Owner`: says which role the document is about.
    role: Option<Range<usize>>,
}

fn find_front_matter_title(front: &str, from: usize, to: usize) -> FrontMatterTitles {
    const STAND_INS: &[&str] = &[
        "job_title",
        "job-title",
        "jobtitle",
        "position",
        "role_title",
    ];
    let mut title = None;
    let mut stand_in = None;
    let mut role = None;
    let mut line_start = from;
    while line_start < to {
        let line_end = front[line_start..to]
            .find('\n')
            .map_or(to, |end| line_start + end);
        let line = front[line_start..line_end].trim_end_matches('\r');
        let Some(separator) = line.find([':', '=']) else {
            line_start = line_end + 1;
            continue;
        };
        let key = line[..separator].trim_end();
        let value = &line[separator + 1..];
        let value_start = line_start + separator + 1;
        let leading = value.len() - value.trim_start().len();
        let trimmed = value.trim();
        let unquoted = trimmed.trim_matches(|c| c == '"' || c == '\'');
        let quote_offset = (trimmed.len() - unquoted.len()) / 2;
        let start = value_start + leading + quote_offset;
        let found = (!unquoted.is_empty()).then(|| start..start + unquoted.len());
        if key == "title" && title.is_none() {
            title = found.clone();
        }
        if role.is_none() && key.eq_ignore_ascii_case("role") {
            role = found.clone();
        }
        if stand_in.is_none() && STAND_INS.iter().any(|name| key.eq_ignore_ascii_case(name)) {
            stand_in = found;
        }
        line_start = line_end + 1;
    }
    FrontMatterTitles {
        title,
        stand_in,
        role,
    }
}

/// The length of a plain-text list line's marker: "- ", "12. ", "4.3.1 ", "(a) "; none for a
/// row with dot leaders.
/// A table cell that only numbers its row: "1", "2.", "#3", "(4)".
fn is_row_number(cell: &str) -> bool {
    let number = cell.trim().trim_matches(['|', ' ', '#', '(', ')', '.']);
    !number.is_empty() && number.len() <= 4 && number.chars().all(|c| c.is_ascii_digit())
}

/// Bullets typed as characters: "• ", "– ", "→ ", "✅ ".
const BULLETS: &[char] = &[
    '•', '◦', '▪', '‣', '·', '–', '—', '→', '➜', '➤', '►', '✓', '✔', '✅', '☑', '・', '❌', '✗',
    '✘', '✖', '🚫', '👉',
];

/// A picture character that job ads set before each line as its bullet: "🔧", "🌍", "🗓️",
/// "⭐". The emoji and pictograph blocks of Unicode, and the older symbol and dingbat blocks.
fn is_pictograph(character: char) -> bool {
    matches!(
        character,
        '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
    )
}

/// The length of a line item's marker and the blanks after it: a numbered clause (see
/// [`numbered_clause_marker`]) or a bullet character. 0 when the line has none.
fn line_item_marker(text: &str) -> usize {
    let numbered = numbered_clause_marker(text).max(chat_stamp_length(text));
    if numbered > 0 {
        return numbered;
    }
    let Some(bullet) = text
        .chars()
        .next()
        .filter(|&c| BULLETS.contains(&c) || is_pictograph(c))
    else {
        return 0;
    };
    // A bullet may carry a variation selector ("✔️").
    let after_bullet = text[bullet.len_utf8()..].trim_start_matches('\u{fe0f}');
    let rest = after_bullet.trim_start_matches([' ', '\t', '\u{a0}']);
    // Japanese text sets its bullet ("・") right against the item.
    if (rest.len() == after_bullet.len() && bullet != '・') || rest.is_empty() {
        return 0;
    }
    text.len() - rest.len()
}

/// The length of a chat message's time stamp ("[10:02] ", "[9:58 AM] "), or 0: each message
/// of an exported chat is a line item of its own, not a wrapped line of one long sentence.
fn chat_stamp_length(line: &str) -> usize {
    let Some(inside) = line.strip_prefix('[') else {
        return 0;
    };
    let Some(close) = inside.find(']').filter(|&close| close <= 12) else {
        return 0;
    };
    let stamp = inside[..close].trim_end_matches([' ', 'A', 'P', 'M', 'a', 'p', 'm']);
    let mut parts = stamp.split(':');
    let is_time = parts.clone().count() >= 2
        && parts
            .all(|part| (1..=2).contains(&part.len()) && part.chars().all(|c| c.is_ascii_digit()));
    let after = &inside[close + 1..];
    let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
    if is_time && blanks > 0 && !after.trim().is_empty() {
        1 + close + 1 + blanks
    } else {
        0
    }
}

/// The length of a numbered clause's marker and the blanks after it ("4.1 ", "3.2.1  "), or
/// 0. At least two numbers: "2024 was…" and "3. Roles" are not clauses.
fn numbered_clause_marker(text: &str) -> usize {
    section_number_marker(text, 2)
}

/// The length of a section number with a dot and the blanks after it, with text after them:
/// "3. " or "2.1 " before "Product Owner duties". 0 when the text opens with none.
pub fn section_number_length(text: &str) -> usize {
    section_number_marker(text, 1)
}

/// A number of at least `parts` dotted parts ("3.", "4.3.1"), none empty, then blanks and
/// more text: the length of the number and the blanks, else 0.
fn section_number_marker(text: &str, parts: usize) -> usize {
    let number = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let marker = &text[..number];
    let numbers = marker.trim_end_matches('.').split('.');
    let well_formed = marker.starts_with(|c: char| c.is_ascii_digit())
        && marker.contains('.')
        && numbers.clone().count() >= parts
        && numbers.into_iter().all(|part| !part.is_empty());
    let blanks = text[number..].len() - text[number..].trim_start_matches([' ', '\t']).len();
    if well_formed && blanks > 0 && number + blanks < text.len() {
        number + blanks
    } else {
        0
    }
}

fn list_marker_length(line: &str) -> usize {
    let marker = line_item_marker(line);
    if marker > 0 {
        return marker;
    }
    match line.chars().next() {
        Some('-' | '*' | '+') => 1,
        Some('(') => 3,
        Some(c) if c.is_ascii_digit() => line
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ')'))
            .unwrap_or(line.len()),
        _ => 0,
    }
}

fn is_list_line(line: &str) -> bool {
    // A row with dot leaders ("Backlog order ........ Accountable: Product Owner") stands on
    // its own line.
    if line.contains("....") {
        return true;
    }
    // A typed bullet, a chat time stamp or a numbered clause ("4.3.1  The Supplier shall…").
    if line_item_marker(line) > 0 {
        return true;
    }
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '+') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        // "(a) owns the backlog".
        Some('(') => {
            let mut rest = chars;
            rest.next().is_some_and(|c| c.is_ascii_lowercase())
                && rest.next() == Some(')')
                && rest.next().is_some_and(char::is_whitespace)
        }
        _ => false,
    }
}

fn looks_like_heading(line: &str) -> bool {
    line.chars().count() <= 80 && !line.ends_with(['.', ',', ';', '!', '?'])
}

/// "Who you work with" over "Your main stakeholders are…": a few words with no closing mark,
/// on a line of their own after a blank one, head the sentence that starts on the next line.
/// A wrapped paragraph's first line is longer than that.
fn heads_next_line(line: &str, next_line: Option<&str>) -> bool {
    let starts_upper = |text: &str| text.chars().next().is_some_and(char::is_uppercase);
    line.len() <= 40
        && line.split_whitespace().count() <= 6
        && !line.contains(':')
        && starts_upper(line)
        && next_line.is_some_and(|next| {
            starts_upper(next)
                && !next.contains(": ")
                && (next.len() > 60 || next.ends_with(['.', '!', '?']))
        })
}

/// "WHO YOU'LL WORK WITH", "THE ROLE": a line in capitals heads the text below it even with
/// no blank line between them.
fn is_capitals_heading(line: &str) -> bool {
    let line = without_bracket_remark(line);
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4 && !line.chars().any(char::is_lowercase)
}

/// The line without a short remark in brackets at its end: "3. PRODUCT OWNER (Luis)", "ROLE:
/// PRODUCT MANAGER (seconded, 4 days a week)".
fn without_bracket_remark(line: &str) -> &str {
    let line = line.trim_end();
    line.strip_suffix(')')
        .and_then(|open| {
            let start = open.rfind('(')?;
            (open[start + 1..].chars().count() <= 40).then(|| open[..start].trim_end())
        })
        .unwrap_or(line)
}

/// "-------", "=======": a line that underlines the one above it.
fn is_underline(line: &str) -> bool {
    line.len() >= 3 && (line.bytes().all(|b| b == b'-') || line.bytes().all(|b| b == b'='))
}

/// "4. RESPONSIBILITIES OF THE SUPPLIER PRODUCT MANAGER": a numbered line in capitals is a
/// section heading, not an item of a list.
fn is_numbered_capitals_heading(line: &str) -> bool {
    line.starts_with(|c: char| c.is_ascii_digit())
        && without_bracket_remark(line)
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 6
        && is_capitals_heading(line)
        && looks_like_heading(line)
}

/// What an HTML text element is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HtmlText {
    Heading(u8),
    Item,
    Paragraph,
}

/// An HTML element that holds text, and its content's range (after its opening tag's `>`,
/// up to its closing tag or the next element that opens).
#[derive(Debug, Clone, PartialEq, Eq)]
struct HtmlElement {
    kind: HtmlText,
    content: Range<usize>,
}

/// The text elements of lower-cased HTML, in order, found in one pass over its tags.
fn html_text_elements(lower: &str) -> Vec<HtmlElement> {
    const BLOCK_TAGS: &[&[u8]] = &[
        b"li",
        b"p",
        b"dd",
        b"dt",
        b"h1",
        b"h2",
        b"h3",
        b"h4",
        b"h5",
        b"h6",
        b"ul",
        b"ol",
        b"dl",
        b"div",
        b"section",
        b"article",
        b"header",
        b"footer",
        b"blockquote",
        b"table",
        b"figcaption",
    ];
    let bytes = lower.as_bytes();
    let mut elements: Vec<HtmlElement> = Vec::new();
    let mut open: Option<(HtmlText, usize)> = None;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        let (closing, name_start) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        let Some(name) = BLOCK_TAGS.iter().find(|name| {
            name_start.starts_with(name)
                && name_start
                    .get(name.len())
                    .is_none_or(|byte| matches!(byte, b'>' | b'/') || byte.is_ascii_whitespace())
        }) else {
            continue;
        };
        // Any block tag, opening or closing, ends the open element's text.
        let mut item_opened = false;
        if let Some((kind, content)) = open.take() {
            item_opened =
                kind == HtmlText::Item && lower[content..at.max(content)].trim().is_empty();
            elements.push(HtmlElement {
                kind,
                content: content..at.max(content),
            });
        }
        if closing {
            continue;
        }
        let kind = match *name {
            b"li" => HtmlText::Item,
            // "<li><p>Write the stories.</p></li>": the item's paragraph is the item.
            b"p" if item_opened => HtmlText::Item,
            [b'h', level] => HtmlText::Heading(level - b'0'),
            b"p" | b"dd" | b"dt" | b"blockquote" | b"figcaption" | b"div" => HtmlText::Paragraph,
            _ => continue,
        };
        // The tag's ">" is looked for only up to the next "<": linear on broken input.
        let tag_end = memchr::memchr(b'<', rest).unwrap_or(rest.len());
        let Some(end) = memchr::memchr(b'>', &rest[..tag_end]) else {
            continue;
        };
        open = Some((kind, at + 2 + end));
    }
    if let Some((kind, content)) = open {
        elements.push(HtmlElement {
            kind,
            content: content..lower.len(),
        });
    }
    elements
}

/// A tag of an HTML table, at its `<`.
enum HtmlTag {
    Row,
    /// A `<td>` or `<th>` cell, and where its content starts (after the tag's `>`).
    Cell {
        header: bool,
        content: usize,
    },
    /// `</tr>`, `</td>`, `</th>` or `</table>`.
    End,
}

/// The table tags of lower-cased HTML, in order, found in one pass.
fn html_table_tags(lower: &str) -> Vec<(usize, HtmlTag)> {
    let bytes = lower.as_bytes();
    let mut tags = Vec::new();
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        // "<th" but not "<thead": the name ends at a blank or the tag's end.
        let named = |name: &[u8]| {
            rest.starts_with(name)
                && rest
                    .get(name.len())
                    .is_none_or(|byte| *byte == b'>' || *byte == b'/' || byte.is_ascii_whitespace())
        };
        if named(b"tr") {
            tags.push((at, HtmlTag::Row));
        } else if named(b"td") || named(b"th") {
            // The tag's ">" is looked for only up to the next "<": linear on broken input.
            let tag_end = memchr::memchr(b'<', rest).unwrap_or(rest.len());
            let content =
                memchr::memchr(b'>', &rest[..tag_end]).map_or(at + 1 + tag_end, |end| at + 2 + end);
            tags.push((
                at,
                HtmlTag::Cell {
                    header: rest[1] == b'h',
                    content,
                },
            ));
        } else if named(b"/tr") || named(b"/td") || named(b"/th") || named(b"/table") {
            tags.push((at, HtmlTag::End));
        }
    }
    tags
}

/// The rows of the HTML tables in lower-cased HTML: each cell's trimmed content range and
/// whether it is a header cell (`<th>`). A cell ends at the next table tag, closed or not.
fn html_table_rows(lower: &str) -> Vec<Vec<(Range<usize>, bool)>> {
    let tags = html_table_tags(lower);
    let mut rows = Vec::new();
    let mut current: Option<Vec<(Range<usize>, bool)>> = None;
    for (index, (_, tag)) in tags.iter().enumerate() {
        match tag {
            HtmlTag::Row => rows.extend(current.replace(Vec::new())),
            HtmlTag::Cell { header, content } => {
                let end = tags
                    .get(index + 1)
                    .map_or(lower.len(), |(next, _)| *next)
                    .max(*content);
                let text = &lower[*content..end];
                let leading = text.len() - text.trim_start().len();
                let start = content + leading;
                if let Some(row) = current.as_mut() {
                    row.push((start..start + text.trim().len(), *header));
                }
            }
            HtmlTag::End => {}
        }
    }
    rows.extend(current);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_text(document: &Document) -> Vec<String> {
        document
            .blocks
            .iter()
            .map(|block| document.lintable[block.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn lintable_copy_blanks_code_html_and_front_matter() {
        let text = "---\ntitle: Product Owner\n---\n# Hi `code`\n\n<!-- hidden -->\n```\nroadmap\n```\nOwn the *roadmap*.\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        assert_eq!(document.lintable.len(), text.len());
        assert!(!document.lintable.contains("code"));
        assert!(!document.lintable.contains("hidden"));
        assert!(!document.lintable.contains("title"));
        assert_eq!(document.lintable.matches("roadmap").count(), 1);
        assert_eq!(&text[document.title.clone().unwrap()], "Product Owner");
        assert_eq!(document.html_comments.len(), 1);
    }

    #[test]
    fn html_elements_are_read_as_headings_items_and_paragraphs() {
        let text = "<div class=\"job\">\n  <h1>Proxy Product Owner</h1>\n  <p>Leeds · \
                    Permanent</p>\n</div>\n\n## Duties\n\n<ul>\n  <li>Keep the <b>backlog</b> \
                    in order.</li>\n  <li><p>Write the stories.</p></li>\n  <li>Run planning\n\
                    <!-- a note --></ul>\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        assert_eq!(document.lintable.len(), text.len());
        let blocks: Vec<(BlockKind, &str)> = document
            .blocks
            .iter()
            .map(|block| (block.kind, document.lintable[block.range.clone()].trim()))
            .collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading, "Proxy Product Owner"),
                (BlockKind::Paragraph, "Leeds · Permanent"),
                (BlockKind::Heading, "Duties"),
                (BlockKind::ListItem, "Keep the    backlog     in order."),
                (BlockKind::ListItem, "Write the stories."),
                // An unclosed item ends at the next block tag; the comment stays blank.
                (BlockKind::ListItem, "Run planning"),
            ]
        );
        assert_eq!(document.headings.len(), 2);
        assert_eq!(document.headings[0].level, 1);
        assert_eq!(document.blocks[3].heading, Some(1));
    }

    #[test]
    fn an_html_table_is_read_as_a_table() {
        let text = "# Charter\n\n<table>\n<tr><th>Activity</th><th>PM</th></tr>\n\
                    <tr><td>Sprint <b>goal</b></td><td>A</td></tr>\n</table>\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        assert_eq!(document.lintable.len(), text.len());
        assert!(!document.lintable.contains("<td>"));
        assert!(!document.lintable.contains("<b>"));
        let cells: Vec<&str> = document
            .blocks
            .iter()
            .filter(|block| block.kind == BlockKind::TableCell)
            .map(|block| document.lintable[block.range.clone()].trim())
            .collect();
        assert_eq!(cells, ["Activity", "PM", "Sprint    goal", "A"]);
        let cell = document.blocks.last().unwrap();
        let column = cell.table_column_header.as_deref().unwrap();
        let row = cell.table_row_header.as_deref().unwrap();
        assert_eq!(&text[column.clone()], "PM");
        assert_eq!(&text[row.clone()], "Sprint <b>goal</b>");
    }

    #[test]
    fn unclosed_html_cells_end_at_the_next_tag() {
        let lower = "<table><tr><td>a<td>b <tr><td> c</table><td";
        let rows = html_table_rows(lower);
        let texts: Vec<Vec<&str>> = rows
            .iter()
            .map(|row| row.iter().map(|(cell, _)| &lower[cell.clone()]).collect())
            .collect();
        assert_eq!(texts, [vec!["a", "b"], vec!["c", ""]]);
    }

    #[test]
    fn a_short_bold_lead_in_with_a_full_stop_reads_as_a_label() {
        let text = "**Competitive analysis.** Nobody owns it.\n\n- **Release dates.** The PO.\n\n**We are hiring for a new team now.** Apply.\n\nSee **this.** Then.\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        assert_eq!(document.lintable.len(), text.len());
        assert!(document.lintable.contains("analysis:"));
        assert!(document.lintable.contains("dates:"));
        assert!(document.lintable.contains("now."));
        assert!(document.lintable.contains("this."));
    }

    #[test]
    fn a_picture_bullet_stands_alone_but_a_first_line_is_the_title() {
        let text = "# PM\n\n🌍 Talk to factory owners\n🗓️ Plan only as far as the next sprint\n⭐ Own the product\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        let items: Vec<String> = blocks_text(&document).into_iter().skip(1).collect();
        assert_eq!(
            items,
            [
                "Talk to factory owners",
                "Plan only as far as the next sprint",
                "Own the product"
            ]
        );
        let post = "📣 We're hiring a Product Manager\n\n🔧 Own the roadmap\n";
        let document = Document::parse(post, DocumentFormat::PlainText);
        let blocks = blocks_text(&document);
        assert!(blocks[0].starts_with("📣 We're hiring"), "{blocks:?}");
        assert_eq!(blocks[1], "Own the roadmap");
    }

    #[test]
    fn plain_text_rows_and_numbered_clauses_stand_alone() {
        let text = "Operating model\n\nBacklog order ....... Accountable: Product Owner\nRoadmap ............. Accountable: Product Manager\n\n4.3.1  The Supplier shall provide a Product Owner.\n4.3.2  The Product Owner shall own the backlog.\n  (a) writes the stories;\n  (b) runs the sprint review.\n";
        let document = Document::parse(text, DocumentFormat::PlainText);
        let items: Vec<String> = blocks_text(&document)
            .into_iter()
            .filter(|block| !block.starts_with("Operating"))
            .collect();
        assert_eq!(items.len(), 6, "{items:?}");
        assert!(items[1].starts_with("Roadmap"));
    }

    #[test]
    fn a_short_plain_line_heads_the_sentence_below_it() {
        let text = "Product Owner\n\nWho you work with\nYour main stakeholders are the teams.\n\nWe are hiring a Product Owner for\nthe claims team in Leeds.\n";
        let document = Document::parse(text, DocumentFormat::PlainText);
        let headings: Vec<&str> = document
            .headings
            .iter()
            .map(|heading| &text[heading.range.clone()])
            .collect();
        assert_eq!(headings, ["Product Owner", "Who you work with"]);
        assert!(
            blocks_text(&document).contains(
                &"We are hiring a Product Owner for\nthe claims team in Leeds.".to_string()
            )
        );
    }

    #[test]
    fn a_column_of_row_numbers_does_not_name_the_rows() {
        let text = "| # | Activity | PM |\n|---|---|---|\n| 1 | Roadmap | A |\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        let letter = document
            .blocks
            .iter()
            .find(|block| &document.lintable[block.range.clone()] == "A")
            .expect("the letter cell");
        let row = letter.table_row_header.as_deref().expect("a row header");
        assert_eq!(document.text[row.clone()].trim(), "Roadmap");
    }

    #[test]
    fn each_chat_message_is_an_item() {
        let text = "Chat export\n\n[10:01] hamid: I am not going anywhere\n[10:02] jon: the PO owns the vision\n[9:58 AM] maya: ok\n";
        for format in [DocumentFormat::PlainText, DocumentFormat::Markdown] {
            let blocks = blocks_text(&Document::parse(text, format));
            assert_eq!(
                blocks[1..],
                [
                    "hamid: I am not going anywhere",
                    "jon: the PO owns the vision",
                    "maya: ok"
                ],
                "{format:?}: {blocks:?}"
            );
        }
    }

    fn plain_text_headings(text: &str) -> Vec<&str> {
        Document::parse(text, DocumentFormat::PlainText)
            .headings
            .iter()
            .map(|heading| &text[heading.range.clone()])
            .collect()
    }

    #[test]
    fn a_line_in_capitals_heads_the_text_right_below_it() {
        let text = "PRODUCT OWNER\n\nWHO YOU'LL WORK WITH\nYour main stakeholders are the team.\nPO AND PM\n";
        assert_eq!(
            plain_text_headings(text),
            ["PRODUCT OWNER", "WHO YOU'LL WORK WITH"]
        );
        let text = "STATEMENT OF WORK\n\n3. SUPPLIER PERSONNEL\nOne Product Manager.\n4. RESPONSIBILITIES OF THE PRODUCT MANAGER\n4.1 Own the roadmap.\n5. SQL\n";
        assert_eq!(
            plain_text_headings(text),
            [
                "STATEMENT OF WORK",
                "3. SUPPLIER PERSONNEL",
                "4. RESPONSIBILITIES OF THE PRODUCT MANAGER"
            ]
        );
        let text = "Acme Health\nHandbook for product roles\n\nExpectations\n============\nSenior Product Owners set the vision.\nHow we judge\n---\nReviews.\n";
        assert_eq!(
            plain_text_headings(text),
            [
                "Acme Health",
                "Handbook for product roles",
                "Expectations",
                "How we judge"
            ]
        );
        let text = "TEAM CHARTER\n\n3. PRODUCT OWNER (Luis)\n  - Orders the backlog.\n4. PM/PO (small teams only)\n5. ROLE: PRODUCT MANAGER (seconded, 4 days a week)\n";
        assert_eq!(
            plain_text_headings(text),
            [
                "TEAM CHARTER",
                "3. PRODUCT OWNER (Luis)",
                "5. ROLE: PRODUCT MANAGER (seconded, 4 days a week)"
            ]
        );
    }

    #[test]
    fn markdown_numbered_clauses_and_typed_bullets_stand_alone() {
        let text = "## 3. Product Owner\n\n3.1 Chidi is the Product Owner.\n3.2 Sets the sprint goal.\n\nIn 2024 we grew. 3.5 per cent more.\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        let blocks = blocks_text(&document);
        assert_eq!(
            blocks,
            [
                "3. Product Owner",
                "Chidi is the Product Owner.",
                "Sets the sprint goal.",
                "In 2024 we grew. 3.5 per cent more."
            ],
            "{blocks:?}"
        );
        assert_eq!(document.blocks[1].kind, BlockKind::ListItem);
        let text = "What you'll do:\n\n• Own the backlog\n• Write the stories – with the team\n→ Run the review\n";
        let blocks = blocks_text(&Document::parse(text, DocumentFormat::Markdown));
        assert_eq!(
            blocks,
            [
                "What you'll do:",
                "Own the backlog",
                "Write the stories – with the team",
                "Run the review"
            ],
            "{blocks:?}"
        );
    }

    #[test]
    fn list_items_and_nested_items_are_separate_blocks() {
        let text = "# T\n\n- outer item\n  - inner item\n- second\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        let texts = blocks_text(&document);
        assert_eq!(texts, vec!["T", "outer item", "inner item", "second"]);
    }

    #[test]
    fn loose_list_items_are_list_items() {
        let text = "Intro:\n\n- Own the backlog.\n\n- Write the stories.\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        let kinds: Vec<BlockKind> = document.blocks.iter().map(|block| block.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
    }

    #[test]
    fn table_cells_know_their_column_header() {
        let text = "| Product Manager | Product Owner |\n|---|---|\n| Vision | Backlog |\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        let backlog = document
            .blocks
            .iter()
            .find(|block| &text[block.range.clone()] == "Backlog")
            .unwrap();
        assert_eq!(
            &text[*backlog.table_column_header.clone().unwrap()].trim(),
            &"Product Owner"
        );
    }

    #[test]
    fn plain_text_title_headings_and_items() {
        let text = "Product Owner\r\n\r\nWhat you will do\r\n\r\n- Own the backlog.\r\nWrite stories\r\nfor the team.\r\n";
        let document = Document::parse(text, DocumentFormat::PlainText);
        assert_eq!(&text[document.title.clone().unwrap()], "Product Owner");
        assert_eq!(document.headings.len(), 2);
        let texts = blocks_text(&document);
        // A list item starts after its marker.
        assert!(texts.contains(&"Own the backlog.".to_string()));
    }

    #[test]
    fn unicode_spaces_become_ascii_spaces_of_the_same_length() {
        let text = "Product\u{a0}Owner and\u{2009}more";
        let document = Document::parse(text, DocumentFormat::Markdown);
        assert_eq!(document.lintable, "Product  Owner and   more");
    }

    #[test]
    fn front_matter_job_title_stands_in_for_a_missing_title() {
        let title = |text: &'static str| {
            let document = Document::parse(text, DocumentFormat::Markdown);
            document.title.map(|range| &text[range])
        };
        assert_eq!(
            title(
                "---\njob_title: \"Senior Product Manager (Product Owner)\"\ncompany: Q\n---\nText.\n"
            ),
            Some("Senior Product Manager (Product Owner)")
        );
        assert_eq!(
            title("---\nposition: Product Owner\ntitle: Careers\n---\nText.\n"),
            Some("Careers")
        );
        assert_eq!(title("---\ncompany: Q\n---\nText.\n"), None);
        // Beside a title, the role field is kept for what the document is about.
        let text = "---\ntitle: 2024 review\nrole: Product Owner, Checkout\n---\nText.\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        assert_eq!(&text[document.title.unwrap()], "2024 review");
        assert_eq!(
            &text[document.role_field.unwrap()],
            "Product Owner, Checkout"
        );
    }

    #[test]
    fn bom_and_unclosed_front_matter() {
        let text = "\u{feff}---\ntitle: x\n# Product Owner\n";
        let document = Document::parse(text, DocumentFormat::Markdown);
        assert_eq!(document.lintable.len(), text.len());
        assert!(document.title.is_some());
    }
}
