//! The rule file format as TOML sees it. Every field keeps its span so that a mistake is
//! reported at its line and column. Unknown keys are rejected.

use serde::Deserialize;
use toml::Spanned;

/// One rule file (`rules/<id>.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// One line: what the rule finds.
    pub summary: String,
    /// Why it matters, in the domain's terms.
    pub rationale: String,
    /// Finding class (DOMAIN.md): cross-role, ambiguous-title, …
    pub class: Spanned<String>,
    /// error | warning | info
    pub severity: Spanned<String>,
    /// The role context the rule reads: pm | po | product-role | document.
    pub applies_to: Spanned<String>,
    /// The matcher kind: claim | phrase | unqualified | vague | double-ownership |
    /// missing-core | undeclared-combination | declared-combination | title-conflict.
    pub kind: Spanned<String>,
    /// Responsibility id from the domain taxonomy.
    #[serde(default)]
    pub responsibility: Option<Spanned<String>>,
    /// Who owns the responsibility: pm | po | shared.
    #[serde(default)]
    pub owner: Option<Spanned<String>>,
    /// The message shown with each finding; may use {role}, {other}, {match}.
    pub message: String,
    /// Objects an ownership verb must govern (claim); for an unqualified responsibility, the
    /// activities a decision table gives its owner column ("| Release dates | PO |").
    #[serde(default)]
    pub objects: Vec<Spanned<String>>,
    /// Evidence patterns; their meaning depends on the kind.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// A match that overlaps one of these is not a finding.
    #[serde(default)]
    pub exceptions: Vec<Spanned<String>>,
    /// The clause or its heading must also match one of these (phrase).
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
    /// Words near the match that make it specific enough (unqualified, vague).
    #[serde(default)]
    pub qualifiers: Vec<Spanned<String>>,
    /// Where to look: body (default) | headings | all.
    #[serde(default)]
    pub scope: Option<Spanned<String>>,
    /// undeclared-combination: distinct responsibilities of the other role needed.
    #[serde(default)]
    pub threshold: Option<Spanned<u32>>,
    #[serde(default)]
    pub suggestions: Vec<SuggestionSpec>,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

/// A clarification offered with each finding.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SuggestionSpec {
    pub title: String,
    /// Safe edits keep the author's meaning and may be applied without asking.
    #[serde(default)]
    pub safe: bool,
    /// Replaces the finding's span; may use {match}, {verb}, {phrase}, {role}, {other}.
    #[serde(default)]
    pub replacement: Option<String>,
    /// Inserted as a new paragraph after the title (document-level findings).
    #[serde(default)]
    pub insert_after_title: Option<String>,
    /// Only offered in this role context (pm | po).
    #[serde(default)]
    pub role: Option<Spanned<String>>,
}

/// An example that runs as a test: `flagged` text must produce a finding on `span`,
/// `clean` text must produce none of this rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExampleSpec {
    #[serde(default)]
    pub flagged: Option<String>,
    #[serde(default)]
    pub clean: Option<String>,
    /// The exact text the finding must cover (flagged examples).
    #[serde(default)]
    pub span: Option<String>,
    /// The text after applying the first suggestion with edits (flagged examples).
    #[serde(default)]
    pub fixed: Option<String>,
}
