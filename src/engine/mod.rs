//! The analysis core: reads a document, attributes each clause to a role, runs the rules and
//! returns findings with their clarifications. Pure: no IO, no printing, no async, no LSP.
//! Everything is in byte offsets into the text it was given.

pub mod clause;
pub mod document;
pub mod finding;
pub mod lexicon;
mod matching;
pub mod roles;

use crate::rules::RuleSet;
pub use document::{Document, DocumentFormat};
pub use finding::{Edit, Finding, FindingClass, Owner, RelatedSpan, Role, Severity, Suggestion};
use roles::RoleVocabulary;
use std::ops::Range;
use std::sync::Arc;

/// Settings that change how a document is read, beyond which rules run.
#[derive(Debug, Clone, Default)]
pub struct EngineOptions {
    /// The titles that name each role (built-in titles plus an organisation's aliases).
    pub vocabulary: RoleVocabulary,
    /// The organisation combines the two roles on purpose: mixing is not reported line by line.
    pub combined_roles: bool,
}

/// A responsibility that the text gives a role, whether or not it is a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub range: Range<usize>,
    /// The role the text gives it to.
    pub role: Role,
    pub responsibility: Arc<str>,
    /// Who owns it in the domain taxonomy.
    pub owner: Owner,
}

/// A heading and the role its section is about, for outlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSection {
    /// The heading's text range.
    pub heading: Range<usize>,
    pub level: u8,
    /// The whole section: from the heading to the next heading of the same or a lower level.
    pub range: Range<usize>,
    pub role: Option<Role>,
}

/// Everything the engine learned about a document.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Findings in document order.
    pub findings: Vec<Finding>,
    /// Every responsibility claim the rules recognised, problems or not.
    pub claims: Vec<Claim>,
    pub sections: Vec<RoleSection>,
    /// The role the document as a whole is about, from its title.
    pub document_role: Option<Role>,
    /// The document title's range.
    pub title: Option<Range<usize>>,
}

/// Analyses one document with the given rules.
pub fn analyze(
    text: &str,
    format: DocumentFormat,
    rules: &RuleSet,
    options: &EngineOptions,
) -> Analysis {
    let document = Document::parse(text, format);
    let mut analysis = matching::run(&document, rules, options);
    if !document.shifted_words.is_empty() {
        cover_shifted_words(&document, &mut analysis);
    }
    analysis
}

/// Grows every range that touches a word with invisible characters inside to the whole word
/// (see [`Document::shifted_words`]). An edit that grew no longer replaces exactly what the
/// rule read, so it is offered but not applied unasked.
fn cover_shifted_words(document: &Document, analysis: &mut Analysis) {
    let cover = |range: &mut Range<usize>| {
        let covered = document.cover_shifted_words(range.clone());
        let grew = covered != *range;
        *range = covered;
        grew
    };
    for finding in &mut analysis.findings {
        cover(&mut finding.range);
        for related in &mut finding.related {
            cover(&mut related.range);
        }
        for suggestion in &mut finding.suggestions {
            let mut grew = false;
            for edit in &mut suggestion.edits {
                grew |= cover(&mut edit.range);
            }
            if grew {
                suggestion.safe = false;
            }
        }
    }
    for claim in &mut analysis.claims {
        cover(&mut claim.range);
    }
}

/// Applies edits to a text. Edits are applied from the end; an edit that overlaps one already
/// taken is skipped, so the result is always well formed. Returns the new text and how many
/// edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits
        .iter()
        .filter(|edit| {
            edit.range.start <= edit.range.end
                && edit.range.end <= text.len()
                && text.is_char_boundary(edit.range.start)
                && text.is_char_boundary(edit.range.end)
        })
        .collect();
    sorted.sort_by_key(|edit| (edit.range.start, edit.range.end));
    let mut taken: Vec<&Edit> = Vec::new();
    for edit in sorted {
        let overlaps = taken.last().is_some_and(|last| {
            edit.range.start < last.range.end
                || (edit.range.start == last.range.start
                    && edit.range.is_empty() == last.range.is_empty())
        });
        if !overlaps {
            taken.push(edit);
        }
    }
    let mut result = text.to_string();
    for edit in taken.iter().rev() {
        result.replace_range(edit.range.clone(), &edit.replacement);
    }
    (result, taken.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_edits_are_not_applied_together() {
        let edits = vec![
            Edit {
                range: 0..5,
                replacement: "A".into(),
            },
            Edit {
                range: 3..8,
                replacement: "B".into(),
            },
            Edit {
                range: 9..10,
                replacement: "C".into(),
            },
        ];
        let (text, applied) = apply_edits("0123456789", &edits);
        assert_eq!(applied, 2);
        assert_eq!(text, "A5678C");
    }

    fn rule_ids(text: &str) -> Vec<String> {
        let analysis = analyze(
            text,
            DocumentFormat::Markdown,
            &RuleSet::bundled(),
            &EngineOptions::default(),
        );
        analysis
            .findings
            .into_iter()
            .map(|finding| finding.rule.to_string())
            .collect()
    }

    #[test]
    fn a_table_border_splits_titles_and_never_breaks_the_reader() {
        // The blanked border between "Product" and "Owner" once made a title run past its
        // cell's sentence, and the clause reader panicked.
        let table = "# Roles\n\n| | Manager, Product | Owner, Product |\n|---|---|---|\n\
                     | Horizon | 1–3 years | 1–3 sprints |\n";
        let analysis = analyze(
            table,
            DocumentFormat::Markdown,
            &RuleSet::bundled(),
            &EngineOptions::default(),
        );
        assert!(analysis.findings.is_empty(), "{:?}", analysis.findings);
        let titled = "# Team\n\n| Jo, senior Product | Owner notes |\n|---|---|\n| x | y |\n";
        let found = rule_ids(titled);
        assert!(found.is_empty(), "{found:?}");
        // Titles with invisible characters, whose lintable offsets are not the original's
        // character boundaries, next to a table.
        let hidden = "# Roles\n\nProduct\u{200b}Manager and Product\u{200b} Owner and \
                      P\u{200b}M\n\n| a | b |\n|---|---|\n| Product | Owner |\n";
        let _ = rule_ids(hidden);
        // A bold title with an invisible character inside, over a duty on the same line.
        let bold_hidden = "**P\u{200b}M**Own the product roadmap- Project Manager1. ";
        let _ = rule_ids(bold_hidden);
        let bold_label = "**Product\u{200b}Owner** — Own the product roadmap.\n";
        let _ = rule_ids(bold_label);
    }

    #[test]
    fn a_list_lead_in_cut_at_a_comma_inside_its_title_is_read_safely() {
        // Found by random documents: the lead-in reader sliced past the line it had cut.
        let text = "\u{a0} \u{a0} the backlog or also acts as Senior # the roadmap or strategy \
                    neither next sprint Senior\n1.  Product Manager — Owner, Product ## combined \
                    . our PO ** Project Manager\n";
        let analysis = analyze(
            text,
            DocumentFormat::Markdown,
            &RuleSet::bundled(),
            &EngineOptions::default(),
        );
        assert!(analysis.findings.len() < 10, "{:?}", analysis.findings);
    }

    #[test]
    fn a_pronoun_on_a_bullet_line_goes_back_to_the_subject_above() {
        let explainer = "> Pinned in #new-joiners by Femi (Principal Product Manager)\n\n\
                         **Product Owners** look inward and a few sprints ahead.\n\
                         • They own and order the backlog for their Scrum team\n\
                         • They write the user stories\n";
        let found = rule_ids(explainer);
        assert!(found.is_empty(), "{found:?}");
        // Even under a title of the other role.
        let found = rule_ids(
            "# Product Manager\n\n**Product Owners** look inward and a few sprints ahead.\n\
             • They own and order the backlog for their Scrum team\n",
        );
        assert!(
            !found.iter().any(|rule| rule == "pm-owns-backlog"),
            "{found:?}"
        );
    }

    #[test]
    fn a_list_items_labelled_paragraph_heads_the_items_under_it() {
        let minutes = "Minutes\n\nAttendees: Chen (Senior Product Manager), Ines (Product Owner)\n\n\
                       1. Agreed split\n\n   Chen (Senior PM, Logistics):\n   \
                       - owns the logistics vision and the 12-month roadmap\n\n   \
                       Ines (PO, Routing):\n   - owns and orders the team backlog\n";
        let found = rule_ids(minutes);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_role_card_row_that_denies_lists_what_the_role_does_not_own() {
        let card = "# Role card\n\n| | Product Owner, Loyalty |\n|---|---|\n\
                    | Owns | Loyalty backlog: ordering and refinement |\n\
                    | Doesn't do | Pricing of partner offers, campaign planning |\n";
        let found = rule_ids(card);
        assert!(found.is_empty(), "{found:?}");
        let card = card.replace("Doesn't do", "Also owns");
        let found = rule_ids(&card);
        assert!(
            found.iter().any(|rule| rule == "po-owns-go-to-market"),
            "{found:?}"
        );
    }

    #[test]
    fn a_raci_activity_written_as_a_sentence_is_read_by_its_verb() {
        let actions = "# Retro actions\n\nMarcus is our Product Manager.\n\n\
                       | # | Action | Owner |\n|---|---|---|\n\
                       | 4 | Marcus owns the landscape review and shares it at the next sprint review | Marcus |\n";
        let found = rule_ids(actions);
        assert!(
            !found.iter().any(|rule| rule == "pm-runs-sprint"),
            "{found:?}"
        );
    }

    #[test]
    fn someone_named_as_owner_after_the_object_holds_it() {
        let found = rule_ids(
            "# Product Owner\n\n- Own the team backlog.\n- Keep the Savings roadmap, owned by \
             the Head of Digital Retail, in step with what the team delivers.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn work_left_or_delegated_to_others_is_a_hand_off() {
        let found = rule_ids(
            "# Head of Product\n\n- Set the product vision and a three-year strategy.\n\
             - Leave backlog decisions to the teams: they decide the order of work.\n\
             - Delegate sprint planning to the Product Owners.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn neither_with_one_title_denies_that_role() {
        let text = "# Team\n\n## Product Owners\n\n- Own the backlog.\n\n## Shared\n\n";
        let found = rule_ids(&format!(
            "{text}Neither PO owns pricing or the roadmap; both give input.\n"
        ));
        assert!(found.is_empty(), "{found:?}");
        let found = rule_ids(&format!("{text}Neither the PM nor the PO owns pricing.\n"));
        assert!(
            found
                .iter()
                .any(|rule| rule == "both-roles-own-responsibility"),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_written_surname_first_names_its_role() {
        let found = rule_ids("# Owner, Product — Routing\n\n- Own the product roadmap.\n");
        assert!(
            found.iter().any(|rule| rule == "po-owns-roadmap"),
            "{found:?}"
        );
        let found = rule_ids(
            "# Senior Manager, Product\n\n- Own the product backlog and write the user stories.\n",
        );
        assert!(
            found.iter().any(|rule| rule == "pm-owns-backlog"),
            "{found:?}"
        );
        // Two roles in a list, and another role's title, are not inverted titles.
        let found = rule_ids(
            "# Team\n\nOur Engineering Manager, Product Designer and Account Manager, Product \
             Sales own the product roadmap.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_question_about_who_owns_something_assigns_nothing() {
        let faq = "# Product Owner FAQ\n\nYou own the product backlog.\n\n\
                   **Who owns the roadmap?**\nYour tribe's Product Manager.\n\n\
                   Q: Who sets the product vision?\n";
        let found = rule_ids(faq);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_head_of_product_post_is_a_product_managers() {
        let found = rule_ids(
            "# Head of Product\n\n- You'll personally groom the backlog for every squad.\n",
        );
        assert!(
            found.iter().any(|rule| rule == "pm-owns-backlog"),
            "{found:?}"
        );
        // Leading another function is not leading product management.
        let found = rule_ids("# Head of Product Marketing\n\n- Own the product backlog.\n");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_person_named_as_holding_a_role_stands_for_it() {
        let charter = "# Team charter\n\nThe team has six developers, Sanne as Scrum Master, \
                       Maria as our Product Owner and Tom as the Product Manager.\n\n\
                       Tom writes the user stories for every epic himself.\n";
        let found = rule_ids(charter);
        assert!(
            found.iter().any(|rule| rule == "pm-writes-user-stories"),
            "{found:?}"
        );
        // "Join as the Product Owner" names nobody.
        let found =
            rule_ids("# Product Owner\n\nJoin as the Product Owner, and own the backlog.\n");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_product_lead_who_serves_as_product_owner_is_a_product_owner() {
        let post = "# Digital Product Lead\n\nYou'll serve as the Product Owner for the payments squad.\n\n\
                    - Refine and order the product backlog every week.\n";
        assert!(rule_ids(post).is_empty(), "{:?}", rule_ids(post));
        let found = rule_ids(&format!("{post}- Own the product roadmap.\n"));
        assert!(
            found.iter().any(|rule| rule == "po-owns-roadmap"),
            "{found:?}"
        );
        // Without that sentence a Product Lead is a Product Manager.
        let found = rule_ids("# Digital Product Lead\n\n- Own the product backlog.\n");
        assert!(
            found.iter().any(|rule| rule == "pm-owns-backlog"),
            "{found:?}"
        );
    }

    #[test]
    fn a_head_of_product_heading_on_a_careers_page_is_a_product_managers_post() {
        let page = "# We're hiring\n\n## Head of Product\n\nYou will be responsible for the \
                    success of our product.\n\n## Product Owner\n\n- Order the backlog.\n";
        assert_eq!(rule_ids(page), ["vague-product-ownership"]);
        // A heading that goes on about the person is no post of its own.
        let longer = "# Team\n\n## What our Head of Product expects from the squads this year\n\n\
                      You will be responsible for the success of our product.\n";
        assert!(!rule_ids(longer).contains(&"vague-product-ownership".to_string()));
    }

    #[test]
    fn a_second_title_given_to_a_named_holder_is_found_in_apposition_and_opening_as() {
        let charter = "# Engagement charter\n\n**Client Product Owner — Dana Whitfield.** Dana \
                       owns the backlog.\n\n- Dana, as Oakridge's Product Manager, signs off \
                       each increment.\n";
        assert!(rule_ids(charter).contains(&"person-called-by-both-titles".to_string()));
        let welcome = "# Announcement\n\nPlease welcome Dana Reyes, who joins today as proxy \
                       Product Owner for the squad.\nAs our new Product Manager for Pick & Pack, \
                       Dana is your first contact.\n";
        assert!(rule_ids(welcome).contains(&"person-called-by-both-titles".to_string()));
        // Opening "As …" names nobody new: a handover's "As Product Manager, Ivo will…" is
        // not a second title.
        let handover = "# Handover: Product Owner, Loyalty\n\n- As Product Manager for \
                        Loyalty, Ivo will hold the roadmap.\n- Ivo owns the loyalty backlog.\n";
        let found = rule_ids(handover);
        assert!(!found.contains(&"pm-owns-backlog".to_string()), "{found:?}");
        assert!(
            !found.contains(&"person-called-by-both-titles".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn invisible_characters_do_not_hide_a_title() {
        let rules = RuleSet::bundled();
        let options = EngineOptions::default();
        for title in [
            "Pro\u{200b}duct Owner",
            "Product\u{200b} Owner",
            "Product \u{2060}Owner",
            "Product\u{ad} Owner",
            "Prod\u{ad}uct Owner",
            "Product\u{200c} Owner",
            "Product \u{feff}Owner",
            "\u{2066}Product Owner\u{2069}",
        ] {
            let text = format!("# {title}\n\n- Own the product roadmap.\n");
            let analysis = analyze(&text, DocumentFormat::Markdown, &rules, &options);
            let roadmap = analysis
                .findings
                .iter()
                .find(|finding| &*finding.rule == "po-owns-roadmap");
            let Some(roadmap) = roadmap else {
                panic!("{title:?}: {:?}", analysis.findings);
            };
            assert_eq!(&text[roadmap.range.clone()], "Own the product roadmap");
        }
    }

    #[test]
    fn a_span_inside_a_split_word_covers_the_whole_word() {
        let rules = RuleSet::bundled();
        let text = "# Product Owner\n\n- Own the product road\u{ad}map.\n";
        let analysis = analyze(
            text,
            DocumentFormat::Markdown,
            &rules,
            &EngineOptions::default(),
        );
        let roadmap = analysis
            .findings
            .iter()
            .find(|finding| &*finding.rule == "po-owns-roadmap")
            .expect("the split word is read as a word");
        assert_eq!(
            &text[roadmap.range.clone()],
            "Own the product road\u{ad}map"
        );
        // An edit that grew is offered, never applied unasked.
        for suggestion in &roadmap.suggestions {
            for edit in &suggestion.edits {
                assert!(text.is_char_boundary(edit.range.start));
                assert!(text.is_char_boundary(edit.range.end));
            }
            if !suggestion.edits.is_empty() {
                assert!(!suggestion.safe, "{suggestion:?}");
            }
        }
    }

    #[test]
    fn patterns_that_start_inside_a_joined_word_stay_on_character_boundaries() {
        let rules = RuleSet::bundled();
        let options = EngineOptions::default();
        for title in ["Product Manager", "Product Owner", "Charter"] {
            for body in [
                "- Report velocity\u{200b}schedule releases every week.",
                "- Own velocity\u{200b}schedule releases and road\u{ad}map work.",
                "Both the PM and the PO own the backlog\u{200b}é and prio\u{200b}ritise features.",
                "| Activity | Product Manager | Product Owner |\n|---|---|---|\n| velocity\u{200b}pricing | A | A |",
            ] {
                let text = format!("# {title}\n\n{body}\n");
                let analysis = analyze(&text, DocumentFormat::Markdown, &rules, &options);
                for finding in &analysis.findings {
                    assert!(
                        text.is_char_boundary(finding.range.start),
                        "{text:?} {finding:?}"
                    );
                    assert!(
                        text.is_char_boundary(finding.range.end),
                        "{text:?} {finding:?}"
                    );
                    for edit in finding.suggestions.iter().flat_map(|s| &s.edits) {
                        assert!(text.is_char_boundary(edit.range.start), "{text:?}");
                        assert!(text.is_char_boundary(edit.range.end), "{text:?}");
                    }
                }
            }
        }
    }
}
