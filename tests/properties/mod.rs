//! Properties that must hold for any text, shared by the quick runs in `cargo test`
//! (`tests/engine_properties.rs`, `tests/hardening_properties.rs`) and the long run in
//! `benches/hardening.rs`: each is a function that returns a proptest failure instead of
//! panicking, so either runner can drive it.

#![allow(dead_code)]

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rolelint::engine::{DocumentFormat, EngineOptions, analyze, apply_edits};
use rolelint::rules::RuleSet;
use rolelint::text::{ColumnEncoding, LineMap, Position};
use std::sync::OnceLock;

pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(RuleSet::bundled)
}

/// Text built from role words, Markdown syntax and awkward characters, so that random
/// documents exercise the rules and the parser rather than only plain letters.
pub fn document_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# Product Owner\n",
        "## Product Manager\n",
        "- ",
        "* ",
        "1. ",
        "\n",
        "\r\n",
        "\n\n",
        " ",
        "Own the product roadmap",
        "prioritize features",
        "the backlog",
        "you will not ",
        "; ",
        "Both the PM and the PO own the backlog",
        "Product Manager/Owner",
        "é",
        "“",
        "”",
        "’s",
        "😀",
        "\u{a0}",
        "\u{200b}",
        "—",
        "`code`",
        "<!-- x -->",
        "```\n",
        "|",
        " | ",
        // Whole table rows, so that real GFM tables form: an empty header row, a row header
        // that names a role, a person in the next cell.
        "| | |\n|---|---|\n",
        "| Team | Platform |\n",
        "| Product Manager | Dana Whitfield |\n",
        "---\n",
        "title: PO\n",
        "schedule releases",
        "velocity",
        "revenue",
        "next sprint",
        "3-year roadmap",
        ". ",
        ", while the ",
        "Scrum Master",
        "they ",
        "**",
        "_",
        "[",
        "](",
        ")",
        // Loose title words, names and commas, so that titles run across cell borders, line
        // cuts and commas ("| Jo, senior Product | Owner notes |" once broke the reader).
        "Product",
        "Owner",
        "Manager",
        "Owner, Product",
        "Manager, Product",
        "Jo, ",
        ", ",
        "Senior ",
        "our PO",
        "Project Manager",
        "Who owns the roadmap?",
        "Q: ",
        "also acts as ",
        // Titles with invisible characters inside, whose lintable offsets are not the
        // original's character boundaries (one panicked next to a table border).
        "Product\u{200b}Manager",
        "P\u{200b}M",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

/// For any text the engine returns without panicking: every range lies inside the text on
/// character boundaries, and a second run gives the same findings.
pub fn findings_are_well_formed_and_deterministic(
    text: &str,
    plain: bool,
) -> Result<(), TestCaseError> {
    let format = if plain {
        DocumentFormat::PlainText
    } else {
        DocumentFormat::Markdown
    };
    let options = EngineOptions::default();
    let first = analyze(text, format, rules(), &options);
    for finding in &first.findings {
        prop_assert!(finding.range.start <= finding.range.end && finding.range.end <= text.len());
        prop_assert!(
            text.is_char_boundary(finding.range.start) && text.is_char_boundary(finding.range.end)
        );
        for suggestion in &finding.suggestions {
            for edit in &suggestion.edits {
                prop_assert!(edit.range.end <= text.len());
                prop_assert!(
                    text.is_char_boundary(edit.range.start)
                        && text.is_char_boundary(edit.range.end)
                );
            }
        }
    }
    let second = analyze(text, format, rules(), &options);
    prop_assert_eq!(&first.findings, &second.findings);
    Ok(())
}

/// Applying every safe fix removes the findings it fixes and leaves every line without a
/// fix byte-identical.
pub fn safe_fixes_remove_their_findings(text: &str) -> Result<(), TestCaseError> {
    let options = EngineOptions::default();
    let analysis = analyze(text, DocumentFormat::Markdown, rules(), &options);
    let safe: Vec<_> = analysis
        .findings
        .iter()
        .filter_map(|finding| {
            finding
                .suggestions
                .iter()
                .find(|suggestion| suggestion.safe)
                .map(|suggestion| (finding, suggestion))
        })
        .collect();
    let edits: Vec<_> = safe
        .iter()
        .flat_map(|(_, suggestion)| suggestion.edits.clone())
        .collect();
    let (fixed, _) = apply_edits(text, &edits);
    let after = analyze(&fixed, DocumentFormat::Markdown, rules(), &options);
    // Where each fixed finding starts in the fixed text: shifted by the edits before it.
    let shifted = |offset: usize| -> usize {
        let mut position = offset as isize;
        for edit in &edits {
            if edit.range.end <= offset {
                position += edit.replacement.len() as isize - edit.range.len() as isize;
            }
        }
        position as usize
    };
    for (finding, _) in &safe {
        let start = shifted(finding.range.start);
        let still_there = after
            .findings
            .iter()
            .any(|later| later.rule == finding.rule && later.range.start == start);
        prop_assert!(
            !still_there,
            "{} still flagged after its safe fix in {:?}",
            finding.rule,
            fixed
        );
    }
    // Lines without a fixed finding keep their text.
    // A finding may span a soft line break inside a paragraph: every line it covers counts.
    let fixed_lines: Vec<usize> = safe
        .iter()
        .flat_map(|(finding, _)| {
            let first = text[..finding.range.start].matches('\n').count();
            let last = text[..finding.range.end].matches('\n').count();
            first..=last
        })
        .collect();
    let before_lines: Vec<&str> = text.split('\n').collect();
    let after_lines: Vec<&str> = fixed.split('\n').collect();
    if before_lines.len() == after_lines.len() {
        for (index, (before, after)) in before_lines.iter().zip(&after_lines).enumerate() {
            if !fixed_lines.contains(&index) {
                prop_assert_eq!(before, after);
            }
        }
    }
    Ok(())
}

/// Any text, weighted towards what makes positions hard: every kind of line break, characters
/// of one to four UTF-8 bytes (two UTF-16 units for those outside the BMP), combining and
/// invisible characters.
pub fn positioned_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "a", " ", "\n", "\r", "\r\n", "\n\r", "é", "e\u{301}", "角", "😀", "👩\u{200d}💼",
            "\u{200b}", "\u{2067}", "\u{feff}", "\t", "\u{a0}", "“",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// The position of `offset` counted by hand: lines end at `\n`, `\r\n` or a lone `\r`, and
/// the column counts the line's text before the offset in the encoding.
fn expected_position(text: &str, offset: usize, encoding: ColumnEncoding) -> Position {
    let bytes = text.as_bytes();
    let mut line = 0;
    let mut line_start = 0;
    for index in 0..offset {
        let ends_line = bytes[index] == b'\n'
            || (bytes[index] == b'\r' && bytes.get(index + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            line_start = index + 1;
        }
    }
    let before = &text[line_start..offset];
    let column = match encoding {
        ColumnEncoding::Utf8 => before.len(),
        ColumnEncoding::Utf16 => before.encode_utf16().count(),
        ColumnEncoding::Chars => before.chars().count(),
    };
    Position {
        line,
        column: column as u32,
    }
}

/// For any text and every character boundary (but the middle of a `\r\n`), the position
/// agrees with one counted by hand in UTF-8, UTF-16 and characters, and converting it back
/// gives the offset again.
pub fn positions_round_trip(text: &str) -> Result<(), TestCaseError> {
    let map = LineMap::new(text);
    let boundaries = text
        .char_indices()
        .map(|(offset, _)| offset)
        .chain(std::iter::once(text.len()));
    for offset in boundaries {
        if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
            continue;
        }
        for encoding in [
            ColumnEncoding::Utf8,
            ColumnEncoding::Utf16,
            ColumnEncoding::Chars,
        ] {
            let position = map.position(text, offset, encoding);
            prop_assert_eq!(
                position,
                expected_position(text, offset, encoding),
                "{:?} at {} in {:?}",
                encoding,
                offset,
                text
            );
            prop_assert_eq!(
                map.offset(text, position, encoding),
                offset,
                "{:?} {:?} in {:?}",
                encoding,
                position,
                text
            );
        }
    }
    Ok(())
}
