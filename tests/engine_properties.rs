//! Properties of the engine that must hold for any text: no panic, ranges on character
//! boundaries inside the text, the same findings every time, and safe fixes that remove the
//! findings they fix without touching lines that had none.

use proptest::prelude::*;
use rolelint::engine::{DocumentFormat, EngineOptions, analyze, apply_edits};
use rolelint::rules::RuleSet;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(RuleSet::bundled)
}

/// Text built from role words, Markdown syntax and awkward characters, so that random
/// documents exercise the rules and the parser rather than only plain letters.
fn document_text() -> impl Strategy<Value = String> {
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
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn findings_are_well_formed_and_deterministic(text in document_text(), plain in any::<bool>()) {
        let format = if plain { DocumentFormat::PlainText } else { DocumentFormat::Markdown };
        let options = EngineOptions::default();
        let first = analyze(&text, format, rules(), &options);
        for finding in &first.findings {
            prop_assert!(finding.range.start <= finding.range.end && finding.range.end <= text.len());
            prop_assert!(text.is_char_boundary(finding.range.start) && text.is_char_boundary(finding.range.end));
            for suggestion in &finding.suggestions {
                for edit in &suggestion.edits {
                    prop_assert!(edit.range.end <= text.len());
                    prop_assert!(text.is_char_boundary(edit.range.start) && text.is_char_boundary(edit.range.end));
                }
            }
        }
        let second = analyze(&text, format, rules(), &options);
        prop_assert_eq!(&first.findings, &second.findings);
    }

    #[test]
    fn safe_fixes_remove_their_findings(text in document_text()) {
        let options = EngineOptions::default();
        let analysis = analyze(&text, DocumentFormat::Markdown, rules(), &options);
        let safe: Vec<_> = analysis
            .findings
            .iter()
            .filter_map(|finding| finding.suggestions.iter().find(|suggestion| suggestion.safe).map(|suggestion| (finding, suggestion)))
            .collect();
        let edits: Vec<_> = safe.iter().flat_map(|(_, suggestion)| suggestion.edits.clone()).collect();
        let (fixed, _) = apply_edits(&text, &edits);
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
            let still_there = after.findings.iter().any(|later| later.rule == finding.rule && later.range.start == start);
            prop_assert!(!still_there, "{} still flagged after its safe fix in {:?}", finding.rule, fixed);
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
    }
}
