//! Rule documentation generated from the rule files: one page per rule and an index.
//! `tests/rule_docs.rs` fails when the committed pages under docs/rules/ are stale.

use super::{AppliesTo, MatcherKind, Rule, RuleSet};
use crate::engine::Owner;
use std::fmt::Write;

/// The command that rewrites the pages, quoted in each page.
pub const REGENERATE: &str = "UPDATE_RULE_DOCS=1 cargo test --test rule_docs";

fn reads(applies_to: AppliesTo) -> &'static str {
    match applies_to {
        AppliesTo::Role(crate::engine::Role::Pm) => "text about a Product Manager",
        AppliesTo::Role(crate::engine::Role::Po) => "text about a Product Owner",
        AppliesTo::ProductRole => "text about either product role",
        AppliesTo::Document => "the whole document, whatever its role",
    }
}

/// What each matcher kind does, in one sentence.
pub fn kind_description(kind: MatcherKind) -> &'static str {
    match kind {
        MatcherKind::Claim => {
            "an ownership verb (own, define, set, write, manage…) governs one of the objects, or a whole claim pattern matches, in a clause stated for the role: not negated, not a contribution, not handed to the owner"
        }
        MatcherKind::Phrase => {
            "a pattern matches in a clause stated for the role (not negated, not a contribution), with `requires` context in the clause or its heading when given"
        }
        MatcherKind::Unqualified => {
            "a shared responsibility is taken on with no level (`qualifiers`) within a few words; in a decision table, an activity (`objects`) whose owner column names the role"
        }
        MatcherKind::Vague => {
            "a vague ownership phrase stands with nothing concrete (`qualifiers`) on its line or the next"
        }
        MatcherKind::DoubleOwnership => {
            "a clause whose subject is both roles (or neither) owns one of the patterns"
        }
        MatcherKind::MissingCore => {
            "a document about this one role never mentions any of the patterns"
        }
        MatcherKind::UndeclaredCombination => {
            "a document about one role claims `threshold` or more distinct responsibilities of the other role without declaring a combined role"
        }
        MatcherKind::DeclaredCombination => {
            "the document says the role is combined; its mixed lines are then not reported one by one"
        }
        MatcherKind::TitleConflict => {
            "a document about this role addresses its reader by the other role's title"
        }
        MatcherKind::PersonTitledTwice => {
            "a person the text names as holding one product role is named elsewhere by the other role's title"
        }
    }
}

fn owner_text(owner: Option<Owner>) -> &'static str {
    match owner {
        Some(Owner::Pm) => " (owned by the Product Manager)",
        Some(Owner::Po) => " (owned by the Product Owner)",
        Some(Owner::Shared) => " (shared by both roles)",
        None => "",
    }
}

fn fenced(out: &mut String, text: &str) {
    let _ = writeln!(out, "~~~~markdown\n{}\n~~~~\n", text.trim_end());
}

/// The documentation page of one rule.
pub fn render(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- Generated from rules/{}.toml by `{REGENERATE}`. Do not edit. -->\n",
        rule.id
    );
    let _ = writeln!(out, "# {}\n\n{}\n", rule.id, rule.summary);
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Class | `{}` |", rule.class);
    let _ = writeln!(out, "| Severity | {} |", rule.severity);
    let _ = writeln!(out, "| Reads | {} |", reads(rule.applies_to));
    let _ = writeln!(out, "| Matcher | `{}` |", rule.kind.id());
    if let Some(responsibility) = &rule.responsibility {
        let _ = writeln!(
            out,
            "| Responsibility | `{responsibility}`{} |",
            owner_text(rule.owner)
        );
    }
    let _ = writeln!(out, "\n## Why it matters\n\n{}\n", rule.rationale);
    let _ = writeln!(
        out,
        "## What it finds\n\nThe `{}` matcher reports a finding when {}.\n",
        rule.kind.id(),
        kind_description(rule.kind)
    );
    let _ = writeln!(out, "Message: _{}_\n", rule.message);
    for (list, patterns) in &rule.pattern_sources {
        if patterns.is_empty() {
            continue;
        }
        let _ = writeln!(out, "`{list}`:\n");
        for pattern in patterns {
            let _ = writeln!(out, "- `{}`", pattern.replace('|', "\\|"));
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "## Clarifications\n");
    for suggestion in &rule.suggestions {
        let kind = match (
            &suggestion.replacement,
            &suggestion.insert_after_title,
            suggestion.safe,
        ) {
            (None, None, _) => "advice".to_string(),
            (_, _, true) => "safe fix".to_string(),
            _ => "suggested edit, applied only when chosen".to_string(),
        };
        let role = suggestion
            .role
            .map(|role| format!(", for a {}", role.title()))
            .unwrap_or_default();
        let _ = writeln!(out, "- {} ({kind}{role})", suggestion.title);
        if let Some(replacement) = &suggestion.replacement {
            let _ = writeln!(out, "  - replaces the flagged words with: `{replacement}`");
        }
        if let Some(insertion) = &suggestion.insert_after_title {
            let _ = writeln!(out, "  - adds after the title: `{insertion}`");
        }
    }
    let _ = writeln!(out, "\n## Examples\n");
    for example in &rule.examples {
        if let Some(text) = &example.flagged {
            let _ = writeln!(
                out,
                "Flagged{}:\n",
                example
                    .span
                    .as_ref()
                    .map(|span| format!(" (on `{span}`)"))
                    .unwrap_or_default()
            );
            fenced(&mut out, text);
            if let Some(fixed) = &example.fixed {
                let _ = writeln!(out, "After the first fix:\n");
                fenced(&mut out, fixed);
            }
        }
        if let Some(text) = &example.clean {
            let _ = writeln!(out, "Not flagged:\n");
            fenced(&mut out, text);
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The index page of all rules.
pub fn render_index(rules: &RuleSet) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- Generated from rules/*.toml by `{REGENERATE}`. Do not edit. -->\n"
    );
    let _ = writeln!(out, "# Rules\n");
    let _ = writeln!(
        out,
        "Each rule is one file in `rules/`; the file name is the rule id. The format is described in [../rule-format.md](../rule-format.md).\n"
    );
    let _ = writeln!(
        out,
        "| Rule | Class | Severity | Summary |\n|---|---|---|---|"
    );
    for rule in &rules.rules {
        let _ = writeln!(
            out,
            "| [{id}]({id}.md) | `{}` | {} | {} |",
            rule.class,
            rule.severity,
            rule.summary.replace('|', "\\|"),
            id = rule.id
        );
    }
    let _ = writeln!(out, "\n## Matcher kinds\n");
    for kind in MatcherKind::all() {
        let _ = writeln!(out, "- `{}`: {}.", kind.id(), kind_description(kind));
    }
    out
}
