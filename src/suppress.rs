//! Inline suppressions: HTML comments such as `<!-- rolelint-disable-next-line po-owns-roadmap -->`
//! that hide findings, and the report of suppressions that hide nothing. Pure: it works on the
//! text, the byte ranges of its HTML comments and the findings, so the CLI and the language
//! server share it.
//!
//! Directives (each takes rule ids or finding classes, separated by spaces or commas; none
//! means every rule; text after ` -- ` is a free reason):
//!
//! - `rolelint-disable-next-line [IDS]`: findings that start on the line after the comment;
//! - `rolelint-disable [IDS]` … `rolelint-enable [IDS]`: findings that start in between
//!   (to the end of the file when no `enable` follows);
//! - `rolelint-disable-file [IDS]`: findings anywhere in the file.

use crate::engine::{Edit, Finding, FindingClass, Severity, Suggestion};
use crate::text::{ColumnEncoding, LineMap};
use std::collections::BTreeSet;
use std::ops::Range;

/// The rule id under which unused or malformed suppressions are reported.
pub const UNUSED_SUPPRESSION_RULE: &str = "unused-suppression";

/// The class name shown for [`UNUSED_SUPPRESSION_RULE`] in reports (not a domain class).
pub const SUPPRESSION_CLASS: &str = "suppression";

/// Every directive starts with this word.
const DIRECTIVE_PREFIX: &str = "rolelint-";

/// What a suppression comment asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    DisableNextLine,
    Disable,
    Enable,
    DisableFile,
}

impl DirectiveKind {
    fn from_word(word: &str) -> Option<DirectiveKind> {
        match word {
            "rolelint-disable-next-line" => Some(DirectiveKind::DisableNextLine),
            "rolelint-disable" => Some(DirectiveKind::Disable),
            "rolelint-enable" => Some(DirectiveKind::Enable),
            "rolelint-disable-file" => Some(DirectiveKind::DisableFile),
            _ => None,
        }
    }

    /// The directive as written in a comment.
    pub fn word(self) -> &'static str {
        match self {
            DirectiveKind::DisableNextLine => "rolelint-disable-next-line",
            DirectiveKind::Disable => "rolelint-disable",
            DirectiveKind::Enable => "rolelint-enable",
            DirectiveKind::DisableFile => "rolelint-disable-file",
        }
    }
}

/// One suppression comment found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule ids or class ids; empty means every rule.
    pub ids: Vec<String>,
    /// The byte range of the whole comment.
    pub range: Range<usize>,
    /// 0-based line of the comment's end.
    pub end_line: u32,
}

/// A comment that starts with `rolelint-` but is not a known directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MalformedDirective {
    pub range: Range<usize>,
    pub word: String,
}

/// How the configuration sees an id named in a directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdStatus {
    /// A rule or class that runs: a suppression of it that hides nothing is stale.
    Active,
    /// A known rule or class that the configuration turned off: not reported.
    Inactive,
    /// Neither a rule nor a class.
    Unknown,
}

/// A suppression comment that hides nothing, names an unknown id, or is not a directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedSuppression {
    /// The comment's byte range.
    pub range: Range<usize>,
    pub message: String,
    /// Info unless the configuration changes the severity of `unused-suppression`.
    pub severity: Severity,
    /// Removing the comment, when nothing in it is used (a safe edit).
    pub suggestion: Suggestion,
}

/// The findings left after suppressions, and the suppressions that did nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suppressed {
    pub findings: Vec<Finding>,
    pub unused: Vec<UnusedSuppression>,
}

/// Finds HTML comments in a text that was not parsed as Markdown (plain text files).
pub fn find_html_comments(text: &str) -> Vec<Range<usize>> {
    let mut comments = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--") {
        let open = from + open;
        let close = text[open + 4..]
            .find("-->")
            .map_or(text.len(), |close| open + 4 + close + 3);
        comments.push(open..close);
        from = close;
    }
    comments
}

/// Reads the directives out of the given HTML comment ranges (others are ignored).
pub fn parse_directives(
    text: &str,
    comments: &[Range<usize>],
) -> (Vec<Directive>, Vec<MalformedDirective>) {
    let mut directives = Vec::new();
    let mut malformed = Vec::new();
    let mut lines: Option<LineMap> = None;
    for range in comments {
        let Some(comment) = text.get(range.clone()) else {
            continue;
        };
        let body = comment.strip_prefix("<!--").unwrap_or(comment);
        let body = body.strip_suffix("-->").unwrap_or(body).trim();
        if !body.starts_with(DIRECTIVE_PREFIX) {
            continue;
        }
        // A reason may follow ` -- `; it is for people only.
        let body = body.split(" -- ").next().unwrap_or(body);
        let mut words = body
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|word| !word.is_empty());
        let word = words.next().unwrap_or_default();
        let Some(kind) = DirectiveKind::from_word(word) else {
            malformed.push(MalformedDirective {
                range: range.clone(),
                word: word.to_string(),
            });
            continue;
        };
        let map = lines.get_or_insert_with(|| LineMap::new(text));
        let end_line = map
            .position(text, range.end.saturating_sub(1), ColumnEncoding::Utf8)
            .line;
        directives.push(Directive {
            kind,
            ids: words.map(str::to_string).collect(),
            range: range.clone(),
            end_line,
        });
    }
    (directives, malformed)
}

/// Applies the suppressions in `comments` to `findings` (in document order) and reports the
/// suppressions that hide nothing. `id_status` tells which ids exist and run.
pub fn apply_suppressions(
    text: &str,
    comments: &[Range<usize>],
    findings: Vec<Finding>,
    id_status: impl Fn(&str) -> IdStatus,
) -> Suppressed {
    let (directives, malformed) = parse_directives(text, comments);
    if directives.is_empty() && malformed.is_empty() {
        return Suppressed {
            findings,
            unused: Vec::new(),
        };
    }
    let map = LineMap::new(text);
    // For each directive, the ids (or "" for all) that hid at least one finding.
    let mut used: Vec<BTreeSet<String>> = vec![BTreeSet::new(); directives.len()];
    let mut kept = Vec::new();
    for finding in findings {
        let line = map
            .position(text, finding.range.start, ColumnEncoding::Utf8)
            .line;
        match suppressing_directive(&directives, &finding, line) {
            Some((index, id)) => {
                used[index].insert(id);
            }
            None => kept.push(finding),
        }
    }
    let mut unused = Vec::new();
    for (directive, used_ids) in directives.iter().zip(&used) {
        if directive.kind == DirectiveKind::Enable {
            continue;
        }
        if let Some(report) = unused_report(text, directive, used_ids, &id_status) {
            unused.push(report);
        }
    }
    for bad in malformed {
        unused.push(UnusedSuppression {
            message: format!(
                "`{}` is not a rolelint directive; use rolelint-disable-next-line, rolelint-disable, rolelint-enable or rolelint-disable-file",
                bad.word
            ),
            severity: Severity::Info,
            suggestion: Suggestion {
                title: "Correct the directive's name".into(),
                safe: false,
                edits: Vec::new(),
            },
            range: bad.range,
        });
    }
    unused.sort_by_key(|report| (report.range.start, report.range.end));
    Suppressed {
        findings: kept,
        unused,
    }
}

/// Whether a directive's id list names this finding; returns the id that matched ("" = all).
fn names_finding(ids: &[String], rule: &str, class: FindingClass) -> Option<String> {
    if ids.is_empty() {
        return Some(String::new());
    }
    ids.iter()
        .find(|id| id.as_str() == rule || id.as_str() == class.id())
        .cloned()
}

/// The directive that hides a finding, if any: a next-line comment first, then an open
/// disable region, then a file-wide one.
fn suppressing_directive(
    directives: &[Directive],
    finding: &Finding,
    line: u32,
) -> Option<(usize, String)> {
    let rule = &*finding.rule;
    let class = finding.class;
    for (index, directive) in directives.iter().enumerate() {
        if directive.kind == DirectiveKind::DisableNextLine
            && directive.end_line + 1 == line
            && let Some(id) = names_finding(&directive.ids, rule, class)
        {
            return Some((index, id));
        }
    }
    if let Some(found) = region_state(directives, finding) {
        return Some(found);
    }
    for (index, directive) in directives.iter().enumerate() {
        if directive.kind == DirectiveKind::DisableFile
            && let Some(id) = names_finding(&directive.ids, rule, class)
        {
            return Some((index, id));
        }
    }
    None
}

/// Replays the disable/enable comments that end before the finding and returns the one that
/// still covers it. A specific `enable` re-opens one rule inside a `disable` of all rules.
fn region_state(directives: &[Directive], finding: &Finding) -> Option<(usize, String)> {
    let rule = &*finding.rule;
    let class = finding.class.id();
    let mut all_disabled: Option<usize> = None;
    let mut disabled: Vec<(String, usize)> = Vec::new();
    let mut reenabled: BTreeSet<String> = BTreeSet::new();
    for (index, directive) in directives.iter().enumerate() {
        if directive.range.end > finding.range.start {
            break;
        }
        match directive.kind {
            DirectiveKind::Disable if directive.ids.is_empty() => {
                all_disabled = Some(index);
                disabled.clear();
                reenabled.clear();
            }
            DirectiveKind::Disable => {
                for id in &directive.ids {
                    disabled.retain(|(existing, _)| existing != id);
                    disabled.push((id.clone(), index));
                    reenabled.remove(id);
                }
            }
            DirectiveKind::Enable if directive.ids.is_empty() => {
                all_disabled = None;
                disabled.clear();
                reenabled.clear();
            }
            DirectiveKind::Enable => {
                for id in &directive.ids {
                    disabled.retain(|(existing, _)| existing != id);
                    if all_disabled.is_some() {
                        reenabled.insert(id.clone());
                    }
                }
            }
            DirectiveKind::DisableNextLine | DirectiveKind::DisableFile => {}
        }
    }
    if let Some((id, index)) = disabled
        .iter()
        .find(|(id, _)| id.as_str() == rule || id.as_str() == class)
    {
        return Some((*index, id.clone()));
    }
    match all_disabled {
        Some(index) if !reenabled.contains(rule) && !reenabled.contains(class) => {
            Some((index, String::new()))
        }
        _ => None,
    }
}

fn unused_report(
    text: &str,
    directive: &Directive,
    used_ids: &BTreeSet<String>,
    id_status: &impl Fn(&str) -> IdStatus,
) -> Option<UnusedSuppression> {
    let word = directive.kind.word();
    if directive.ids.is_empty() {
        if !used_ids.is_empty() {
            return None;
        }
        return Some(UnusedSuppression {
            range: directive.range.clone(),
            message: format!("This `{word}` comment suppresses nothing; remove it"),
            severity: Severity::Info,
            suggestion: removal(text, directive),
        });
    }
    let mut unknown = Vec::new();
    let mut stale = Vec::new();
    for id in &directive.ids {
        match id_status(id) {
            IdStatus::Unknown => unknown.push(format!("`{id}`")),
            IdStatus::Active if !used_ids.contains(id) => stale.push(format!("`{id}`")),
            IdStatus::Active | IdStatus::Inactive => {}
        }
    }
    if unknown.is_empty() && stale.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !unknown.is_empty() {
        parts.push(format!(
            "names {} which {} no rule or finding class",
            unknown.join(", "),
            if unknown.len() == 1 { "is" } else { "are" }
        ));
    }
    if !stale.is_empty() {
        parts.push(format!("suppresses nothing for {}", stale.join(", ")));
    }
    let nothing_used = used_ids.is_empty()
        && directive
            .ids
            .iter()
            .all(|id| id_status(id) != IdStatus::Inactive);
    let suggestion = if nothing_used {
        removal(text, directive)
    } else {
        Suggestion {
            title: "Remove the ids that suppress nothing".into(),
            safe: false,
            edits: Vec::new(),
        }
    };
    Some(UnusedSuppression {
        range: directive.range.clone(),
        message: format!("This `{word}` comment {}", parts.join(" and ")),
        severity: Severity::Info,
        suggestion,
    })
}

/// A safe edit that removes a comment; a comment alone on its line takes the line with it.
fn removal(text: &str, directive: &Directive) -> Suggestion {
    let range = directive.range.clone();
    let line_start = text[..range.start].rfind('\n').map_or(0, |index| index + 1);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |index| range.end + index + 1);
    let before = &text[line_start..range.start];
    let after = &text[range.end..line_end];
    let alone = before.trim().is_empty() && after.trim().is_empty();
    let edit_range = if alone { line_start..line_end } else { range };
    Suggestion {
        title: "Remove the suppression comment".into(),
        safe: true,
        edits: vec![Edit {
            range: edit_range,
            replacement: String::new(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str, needle: &str, rule: &str, class: FindingClass) -> Finding {
        let start = text.find(needle).expect("needle in text");
        Finding {
            rule: rule.into(),
            class,
            severity: Severity::Warning,
            message: "".into(),
            range: start..start + needle.len(),
            role: None,
            responsibility: None,
            suggestions: Vec::new(),
            related: Vec::new(),
        }
    }

    fn status(id: &str) -> IdStatus {
        match id {
            "po-owns-roadmap" | "po-owns-vision" | "cross-role" => IdStatus::Active,
            "pm-owns-backlog" => IdStatus::Inactive,
            _ => IdStatus::Unknown,
        }
    }

    /// Runs suppressions over `text` with one finding per needle (all po-owns-roadmap,
    /// cross-role) and returns the rule ids of the kept findings' needles and the messages.
    fn check(text: &str, needles: &[&str]) -> (Vec<String>, Vec<String>) {
        let findings = needles
            .iter()
            .map(|needle| finding(text, needle, "po-owns-roadmap", FindingClass::CrossRole))
            .collect();
        let result = apply_suppressions(text, &find_html_comments(text), findings, status);
        (
            result
                .findings
                .iter()
                .map(|finding| text[finding.range.clone()].to_string())
                .collect(),
            result
                .unused
                .iter()
                .map(|unused| unused.message.clone())
                .collect(),
        )
    }

    #[test]
    fn next_line_hides_only_the_next_line() {
        let text = "<!-- rolelint-disable-next-line po-owns-roadmap -->\nOwn A.\nOwn B.\n";
        let (kept, unused) = check(text, &["Own A", "Own B"]);
        assert_eq!(kept, ["Own B"]);
        assert!(unused.is_empty());
    }

    #[test]
    fn class_ids_and_empty_lists_match() {
        let text = "<!-- rolelint-disable-next-line cross-role -->\nOwn A.\n<!-- rolelint-disable-next-line -->\nOwn B.\n";
        let (kept, unused) = check(text, &["Own A", "Own B"]);
        assert!(kept.is_empty());
        assert!(unused.is_empty());
    }

    #[test]
    fn other_rule_ids_do_not_hide() {
        let text = "<!-- rolelint-disable-next-line po-owns-vision -->\nOwn A.\n";
        let (kept, unused) = check(text, &["Own A"]);
        assert_eq!(kept, ["Own A"]);
        assert_eq!(
            unused,
            ["This `rolelint-disable-next-line` comment suppresses nothing for `po-owns-vision`"]
        );
    }

    #[test]
    fn region_runs_until_enable() {
        let text = "Own A.\n<!-- rolelint-disable po-owns-roadmap -->\nOwn B.\n<!-- rolelint-enable po-owns-roadmap -->\nOwn C.\n";
        let (kept, unused) = check(text, &["Own A", "Own B", "Own C"]);
        assert_eq!(kept, ["Own A", "Own C"]);
        assert!(unused.is_empty());
    }

    #[test]
    fn region_without_enable_runs_to_the_end() {
        let text = "<!-- rolelint-disable -->\nOwn A.\n\nOwn B.\n";
        let (kept, _) = check(text, &["Own A", "Own B"]);
        assert!(kept.is_empty());
    }

    #[test]
    fn specific_enable_reopens_one_rule_inside_disable_all() {
        let text =
            "<!-- rolelint-disable -->\nOwn A.\n<!-- rolelint-enable cross-role -->\nOwn B.\n";
        let (kept, _) = check(text, &["Own A", "Own B"]);
        assert_eq!(kept, ["Own B"]);
    }

    #[test]
    fn disable_file_hides_everywhere() {
        let text = "Own A.\n\nOwn B.\n<!-- rolelint-disable-file po-owns-roadmap -->\n";
        let (kept, unused) = check(text, &["Own A", "Own B"]);
        assert!(kept.is_empty());
        assert!(unused.is_empty());
    }

    #[test]
    fn stale_unknown_and_malformed_directives_are_reported() {
        let text = "<!-- rolelint-disable-next-line -->\nNothing here.\n<!-- rolelint-disable-next-line no-such-rule -->\nOwn A.\n<!-- rolelint-disabel -->\n";
        let (kept, unused) = check(text, &["Own A"]);
        assert_eq!(kept, ["Own A"]);
        assert_eq!(unused.len(), 3);
        assert!(unused[0].contains("suppresses nothing"));
        assert!(unused[1].contains("`no-such-rule` which is no rule"));
        assert!(unused[2].contains("`rolelint-disabel` is not a rolelint directive"));
    }

    #[test]
    fn inactive_ids_are_not_reported() {
        let text = "<!-- rolelint-disable-next-line pm-owns-backlog -->\nNothing.\n";
        let (_, unused) = check(text, &[]);
        assert!(unused.is_empty());
    }

    #[test]
    fn removing_an_unused_comment_takes_its_line() {
        let text = "# T\n<!-- rolelint-disable-next-line -->\nText.\n";
        let result = apply_suppressions(text, &find_html_comments(text), Vec::new(), status);
        let (fixed, applied) = crate::engine::apply_edits(text, &result.unused[0].suggestion.edits);
        assert_eq!(applied, 1);
        assert_eq!(fixed, "# T\nText.\n");
    }

    #[test]
    fn reasons_after_double_dash_are_not_ids() {
        let text = "<!-- rolelint-disable-next-line po-owns-roadmap -- our PO owns it on purpose -->\nOwn A.\n";
        let (kept, unused) = check(text, &["Own A"]);
        assert!(kept.is_empty());
        assert!(unused.is_empty());
    }

    #[test]
    fn ordinary_comments_are_ignored() {
        let text = "<!-- a note for editors -->\nOwn A.\n";
        let (kept, unused) = check(text, &["Own A"]);
        assert_eq!(kept, ["Own A"]);
        assert!(unused.is_empty());
    }
}
