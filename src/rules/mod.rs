//! Rule files: parsing, validation and compilation into the closed set of matcher kinds the
//! engine runs. A broken rule file is reported with its path, line and column and disables
//! only itself.

pub mod bundled;
pub mod docs;
pub mod schema;
mod triggers;

pub use triggers::TriggerIndex;

use crate::engine::finding::{FindingClass, Owner, Role, Severity};
use crate::engine::roles::RoleVocabulary;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use schema::{ExampleSpec, RuleSpec};
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use toml::Spanned;

/// Compiled size limit for one rule regex; a pattern over it is rejected at load.
pub(crate) const REGEX_SIZE_LIMIT: usize = 2 * 1024 * 1024;
/// Longest pattern text accepted, before compiling.
const PATTERN_LENGTH_LIMIT: usize = 4096;

/// The closed set of matcher kinds (see docs/rules/README.md for each one's meaning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatcherKind {
    /// An ownership verb governs one of `objects`, or a whole `patterns` claim matches.
    Claim,
    /// A `patterns` phrase stated for the role, with `requires` context if given.
    Phrase,
    /// A shared responsibility (`patterns`) taken on without a level (`qualifiers`).
    Unqualified,
    /// A vague ownership phrase with nothing concrete (`qualifiers`) on its line or the next.
    Vague,
    /// Both roles (or neither) own a responsibility.
    DoubleOwnership,
    /// A single-role document never mentions the role's core (`patterns`).
    MissingCore,
    /// A single-role document claims `threshold` responsibilities of the other role.
    UndeclaredCombination,
    /// The document says the role is combined (`patterns`).
    DeclaredCombination,
    /// A document about one role addresses its reader by the other role's title (`patterns`).
    TitleConflict,
    /// A person named as holding one product role is named elsewhere by the other role's
    /// title (no patterns: the names are read from the text; `exceptions` clear a clause).
    PersonTitledTwice,
}

impl MatcherKind {
    const ALL: [(&'static str, MatcherKind); 10] = [
        ("claim", MatcherKind::Claim),
        ("phrase", MatcherKind::Phrase),
        ("unqualified", MatcherKind::Unqualified),
        ("vague", MatcherKind::Vague),
        ("double-ownership", MatcherKind::DoubleOwnership),
        ("missing-core", MatcherKind::MissingCore),
        ("undeclared-combination", MatcherKind::UndeclaredCombination),
        ("declared-combination", MatcherKind::DeclaredCombination),
        ("title-conflict", MatcherKind::TitleConflict),
        ("person-titled-twice", MatcherKind::PersonTitledTwice),
    ];

    /// Every matcher kind, in documentation order.
    pub fn all() -> impl Iterator<Item = MatcherKind> {
        MatcherKind::ALL.into_iter().map(|(_, kind)| kind)
    }

    pub fn id(self) -> &'static str {
        MatcherKind::ALL
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("?", |(id, _)| id)
    }
}

/// The role context a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    Role(Role),
    /// Either product role.
    ProductRole,
    /// The whole document, whatever the context.
    Document,
}

impl AppliesTo {
    pub fn id(self) -> &'static str {
        match self {
            AppliesTo::Role(role) => role.id(),
            AppliesTo::ProductRole => "product-role",
            AppliesTo::Document => "document",
        }
    }
}

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Body,
    Headings,
    All,
}

/// A compiled suggestion template.
#[derive(Debug, Clone)]
pub struct SuggestionTemplate {
    pub title: String,
    pub safe: bool,
    pub replacement: Option<String>,
    pub insert_after_title: Option<String>,
    pub role: Option<Role>,
}

/// A rule ready to run.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: Arc<str>,
    /// Where the rule came from (a path, or `bundled:rules/<id>.toml`).
    pub origin: String,
    pub summary: String,
    pub rationale: String,
    pub class: FindingClass,
    pub severity: Severity,
    pub applies_to: AppliesTo,
    pub kind: MatcherKind,
    pub responsibility: Option<Arc<str>>,
    pub owner: Option<Owner>,
    pub message: String,
    pub objects: Option<Regex>,
    pub patterns: Option<Regex>,
    pub exceptions: Option<Regex>,
    pub requires: Option<Regex>,
    pub qualifiers: Option<Regex>,
    /// The expanded `objects` and `patterns`, each a regex source: what makes a clause worth
    /// reading for this rule.
    pub trigger_patterns: Vec<String>,
    pub scope: Scope,
    pub threshold: u32,
    pub suggestions: Vec<SuggestionTemplate>,
    pub examples: Vec<ExampleSpec>,
    /// The raw pattern text, for documentation.
    pub pattern_sources: Vec<(String, Vec<String>)>,
}

/// A rule file that could not be loaded, with the place of the mistake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RuleError {
    pub path: String,
    /// 1-based line and column of the mistake (1:1 when the file as a whole is wrong).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// A rule file's text and where it came from.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// The path shown in errors; its file stem is the rule id.
    pub path: String,
    pub text: String,
}

impl RuleSource {
    /// The rule id: the file stem.
    pub fn id(&self) -> String {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        name.strip_suffix(".toml").unwrap_or(name).to_string()
    }
}

/// The rules to run, in id order.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Built on first use from the rules as they are then.
    triggers: Arc<OnceLock<Option<TriggerIndex>>>,
}

impl RuleSet {
    /// Compiles rule sources; later sources replace earlier rules of the same id. Broken
    /// files are returned as errors and left out; the others load.
    pub fn compile(
        sources: &[RuleSource],
        vocabulary: &RoleVocabulary,
    ) -> (RuleSet, Vec<RuleError>) {
        let mut rules: Vec<Rule> = Vec::new();
        let mut errors = Vec::new();
        for source in sources {
            match compile_rule(source, vocabulary) {
                Ok(rule) => {
                    rules.retain(|existing| existing.id != rule.id);
                    rules.push(rule);
                }
                Err(error) => errors.push(error),
            }
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        (RuleSet::from_rules(rules), errors)
    }

    /// The bundled rules with the default vocabulary.
    pub fn bundled() -> RuleSet {
        RuleSet::compile(&bundled::sources(), &RoleVocabulary::default()).0
    }

    /// A rule set of already compiled rules.
    pub fn from_rules(rules: Vec<Rule>) -> RuleSet {
        RuleSet {
            rules,
            triggers: Arc::default(),
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| *rule.id == *id)
    }

    /// The trigger index, built from the rules on first use. Rules removed afterwards are
    /// simply not run; a rule added afterwards is not covered and is scanned on its own.
    pub fn trigger_index(&self) -> Option<&TriggerIndex> {
        self.triggers
            .get_or_init(|| TriggerIndex::build(&self.rules))
            .as_ref()
    }
}

/// Converts a byte offset in a file to a 1-based line and column (in characters).
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    (line, before[line_start..].chars().count() + 1)
}

struct Context<'a> {
    source: &'a RuleSource,
}

impl Context<'_> {
    fn error_at(&self, span: Range<usize>, message: impl Into<String>) -> RuleError {
        let (line, column) = line_column(&self.source.text, span.start);
        RuleError {
            path: self.source.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    fn error(&self, message: impl Into<String>) -> RuleError {
        RuleError {
            path: self.source.path.clone(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn compile_rule(source: &RuleSource, vocabulary: &RoleVocabulary) -> Result<Rule, RuleError> {
    let context = Context { source };
    let id = source.id();
    if !is_kebab_case(&id) {
        return Err(context.error(format!(
            "rule id `{id}` (the file name) must be kebab-case, like `po-owns-roadmap`"
        )));
    }
    let spec: RuleSpec = toml::from_str(&source.text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        context.error_at(span, error.message().trim().to_string())
    })?;

    let class = FindingClass::from_id(spec.class.get_ref()).ok_or_else(|| {
        let known: Vec<&str> = FindingClass::ALL.iter().map(|class| class.id()).collect();
        context.error_at(
            spec.class.span(),
            format!(
                "unknown class `{}`; expected one of {}",
                spec.class.get_ref(),
                known.join(", ")
            ),
        )
    })?;
    let severity = Severity::from_id(spec.severity.get_ref()).ok_or_else(|| {
        context.error_at(
            spec.severity.span(),
            format!(
                "unknown severity `{}`; expected error, warning or info",
                spec.severity.get_ref()
            ),
        )
    })?;
    let applies_to = match spec.applies_to.get_ref().as_str() {
        "pm" => AppliesTo::Role(Role::Pm),
        "po" => AppliesTo::Role(Role::Po),
        "product-role" => AppliesTo::ProductRole,
        "document" => AppliesTo::Document,
        other => {
            return Err(context.error_at(
                spec.applies_to.span(),
                format!("unknown applies-to `{other}`; expected pm, po, product-role or document"),
            ));
        }
    };
    let kind = MatcherKind::ALL
        .iter()
        .find(|(name, _)| name == spec.kind.get_ref())
        .map(|(_, kind)| *kind)
        .ok_or_else(|| {
            let known: Vec<&str> = MatcherKind::ALL.iter().map(|(name, _)| *name).collect();
            context.error_at(
                spec.kind.span(),
                format!(
                    "unknown kind `{}`; expected one of {}",
                    spec.kind.get_ref(),
                    known.join(", ")
                ),
            )
        })?;
    let owner = match &spec.owner {
        None => None,
        Some(owner) => Some(match owner.get_ref().as_str() {
            "pm" => Owner::Pm,
            "po" => Owner::Po,
            "shared" => Owner::Shared,
            other => {
                return Err(context.error_at(
                    owner.span(),
                    format!("unknown owner `{other}`; expected pm, po or shared"),
                ));
            }
        }),
    };
    let scope = match &spec.scope {
        None => Scope::Body,
        Some(scope) => match scope.get_ref().as_str() {
            "body" => Scope::Body,
            "headings" => Scope::Headings,
            "all" => Scope::All,
            other => {
                return Err(context.error_at(
                    scope.span(),
                    format!("unknown scope `{other}`; expected body, headings or all"),
                ));
            }
        },
    };

    // Which lists each kind reads: a list the kind ignores is a mistake worth reporting.
    let needs: &[&str] = match kind {
        MatcherKind::Claim => &["objects|patterns"],
        MatcherKind::Phrase
        | MatcherKind::Vague
        | MatcherKind::MissingCore
        | MatcherKind::DeclaredCombination
        | MatcherKind::TitleConflict
        | MatcherKind::Unqualified => &["patterns"],
        MatcherKind::DoubleOwnership => &["patterns"],
        MatcherKind::UndeclaredCombination | MatcherKind::PersonTitledTwice => &[],
    };
    let lists: [(&str, &Vec<Spanned<String>>); 5] = [
        ("objects", &spec.objects),
        ("patterns", &spec.patterns),
        ("exceptions", &spec.exceptions),
        ("requires", &spec.requires),
        ("qualifiers", &spec.qualifiers),
    ];
    for need in needs {
        let present = need.split('|').any(|name| {
            lists
                .iter()
                .any(|(list, values)| list == &name && !values.is_empty())
        });
        if !present {
            return Err(context.error(format!(
                "kind `{}` needs a non-empty `{}` list",
                kind.id(),
                need.replace('|', "` or `")
            )));
        }
    }
    let allowed: &[&str] = match kind {
        MatcherKind::Claim => &["objects", "patterns", "exceptions"],
        MatcherKind::Phrase => &["patterns", "exceptions", "requires"],
        MatcherKind::Unqualified => &["objects", "patterns", "exceptions", "qualifiers"],
        MatcherKind::Vague => &["patterns", "exceptions", "qualifiers"],
        MatcherKind::DoubleOwnership => &["patterns", "exceptions"],
        MatcherKind::MissingCore
        | MatcherKind::DeclaredCombination
        | MatcherKind::TitleConflict => &["patterns", "exceptions"],
        MatcherKind::UndeclaredCombination => &[],
        MatcherKind::PersonTitledTwice => &["exceptions"],
    };
    for (name, values) in &lists {
        if let Some(first) = values.first()
            && !allowed.contains(name)
        {
            return Err(context.error_at(
                first.span(),
                format!("kind `{}` does not use `{name}`", kind.id()),
            ));
        }
    }
    let role_relative = matches!(applies_to, AppliesTo::Role(_));
    let compile_list =
        |values: &Vec<Spanned<String>>| -> Result<(Option<Regex>, Vec<String>), RuleError> {
            if values.is_empty() {
                return Ok((None, Vec::new()));
            }
            let mut parts = Vec::new();
            for value in values {
                if value.get_ref().len() > PATTERN_LENGTH_LIMIT {
                    return Err(context.error_at(
                        value.span(),
                        format!("pattern is longer than {PATTERN_LENGTH_LIMIT} characters"),
                    ));
                }
                if !role_relative
                    && (value.get_ref().contains("{role}") || value.get_ref().contains("{other}"))
                {
                    return Err(context
                        .error_at(value.span(), "{role} and {other} need applies-to pm or po"));
                }
                let expanded = expand_placeholders(value.get_ref(), applies_to, vocabulary)
                    .map_err(|message| context.error_at(value.span(), message))?;
                parts.push(format!("(?:{expanded})"));
            }
            match build_regex(&parts.join("|")) {
                Ok(regex) => Ok((Some(regex), parts)),
                Err(joined_error) => {
                    // Compile each pattern alone to point at the one that is wrong.
                    for (value, part) in values.iter().zip(&parts) {
                        if let Err(error) = build_regex(part) {
                            return Err(context.error_at(
                                value.span(),
                                format!("invalid pattern: {}", describe_regex_error(&error)),
                            ));
                        }
                    }
                    Err(context.error_at(
                        values[0].span(),
                        format!(
                            "patterns too large together: {}",
                            describe_regex_error(&joined_error)
                        ),
                    ))
                }
            }
        };
    let (objects, object_parts) = compile_list(&spec.objects)?;
    let (patterns, pattern_parts) = compile_list(&spec.patterns)?;
    let (exceptions, _) = compile_list(&spec.exceptions)?;
    let (requires, _) = compile_list(&spec.requires)?;
    let (qualifiers, _) = compile_list(&spec.qualifiers)?;
    let trigger_patterns: Vec<String> = object_parts.into_iter().chain(pattern_parts).collect();

    let mut suggestions = Vec::new();
    for suggestion in &spec.suggestions {
        let role = match &suggestion.role {
            None => None,
            Some(role) => Some(match role.get_ref().as_str() {
                "pm" => Role::Pm,
                "po" => Role::Po,
                other => {
                    return Err(context.error_at(
                        role.span(),
                        format!("unknown suggestion role `{other}`; expected pm or po"),
                    ));
                }
            }),
        };
        suggestions.push(SuggestionTemplate {
            title: suggestion.title.clone(),
            safe: suggestion.safe,
            replacement: suggestion.replacement.clone(),
            insert_after_title: suggestion.insert_after_title.clone(),
            role,
        });
    }
    if suggestions.is_empty() {
        return Err(context.error("a rule needs at least one [[suggestions]] entry: every finding carries a clarification"));
    }
    if spec
        .examples
        .iter()
        .all(|example| example.flagged.is_none())
    {
        return Err(
            context.error("a rule needs at least one [[examples]] entry with `flagged` text")
        );
    }
    for example in &spec.examples {
        if example.flagged.is_some() == example.clean.is_some() {
            return Err(
                context.error("each [[examples]] entry has exactly one of `flagged` or `clean`")
            );
        }
    }
    let responsibility = spec
        .responsibility
        .as_ref()
        .map(|value| value.get_ref().as_str().into());
    let threshold = spec.threshold.as_ref().map_or(2, |value| *value.get_ref());
    let sources_of = |values: &Vec<Spanned<String>>| {
        values
            .iter()
            .map(|value| value.get_ref().clone())
            .collect::<Vec<_>>()
    };
    Ok(Rule {
        id: id.into(),
        origin: source.path.clone(),
        summary: spec.summary.trim().to_string(),
        rationale: spec.rationale.trim().to_string(),
        class,
        severity,
        applies_to,
        kind,
        responsibility,
        owner,
        message: spec.message.trim().to_string(),
        objects,
        patterns,
        exceptions,
        requires,
        qualifiers,
        trigger_patterns,
        scope,
        threshold,
        suggestions,
        examples: spec.examples.clone(),
        pattern_sources: vec![
            ("objects".to_string(), sources_of(&spec.objects)),
            ("patterns".to_string(), sources_of(&spec.patterns)),
            ("exceptions".to_string(), sources_of(&spec.exceptions)),
            ("requires".to_string(), sources_of(&spec.requires)),
            ("qualifiers".to_string(), sources_of(&spec.qualifiers)),
        ],
    })
}

/// What is wrong with a pattern, in one line: its syntax error, or the size limit it broke.
fn describe_regex_error(error: &meta::BuildError) -> String {
    if let Some(limit) = error.size_limit() {
        return format!("Compiled regex exceeds size limit of {limit} bytes");
    }
    match error.syntax_error() {
        Some(syntax) => first_line(&syntax.to_string()),
        None => first_line(&error.to_string()),
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .rfind(|line| !line.trim().is_empty())
        .unwrap_or(text)
        .trim()
        .to_string()
}

/// Compiles a rule pattern, case-insensitive. Classes such as `\w` and `\s` are ASCII when
/// the pattern allows it: rule vocabulary is English, the document model turns Unicode spaces
/// into ASCII ones, and ASCII automata are several times smaller and faster to build and run.
/// A pattern that needs Unicode mode (a negated class, `.`) gets it.
fn build_regex(pattern: &str) -> Result<Regex, Box<meta::BuildError>> {
    // No literal prefilter: a rule's regexes only read clauses in which the trigger index
    // already found them, and extracting case-insensitive literals is most of what compiling
    // a rule costs.
    let build = |unicode: bool| {
        Regex::builder()
            .configure(
                Regex::config()
                    .auto_prefilter(false)
                    .which_captures(WhichCaptures::Implicit)
                    .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                    .hybrid_cache_capacity(REGEX_SIZE_LIMIT)
                    .dfa_size_limit(Some(REGEX_SIZE_LIMIT)),
            )
            .syntax(
                syntax::Config::new()
                    .case_insensitive(true)
                    .unicode(unicode)
                    .nest_limit(64),
            )
            .build(&ascii_word_boundaries(pattern))
            .map_err(Box::new)
    };
    build(false).or_else(|_| build(true))
}

/// Prepares a pattern for ASCII mode: `\b` becomes an ASCII word boundary, and a character
/// class that lists non-ASCII characters (`['’]`) becomes an alternation, which ASCII mode
/// accepts. Rule vocabulary is English; ASCII automata are several times smaller and faster
/// to build and run, and they keep working on text with curly quotes or accents.
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(character) = rest.chars().next() {
        if character == '\\' {
            let mut escape = rest.chars().skip(1);
            match escape.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            }
            let taken: usize = rest.chars().take(2).map(char::len_utf8).sum();
            rest = &rest[taken..];
            continue;
        }
        if character == '['
            && let Some((alternation, length)) = class_as_alternation(rest)
        {
            out.push_str(&alternation);
            rest = &rest[length..];
            continue;
        }
        out.push(character);
        rest = &rest[character.len_utf8()..];
    }
    out
}

/// `['’]` → `(?:'|’)` when the class lists single characters, at least one of them not ASCII.
/// Returns the alternation and the length of the class in the pattern.
fn class_as_alternation(class: &str) -> Option<(String, usize)> {
    // The class's items: ASCII ones stay in a class, the others become alternatives.
    let mut ascii = String::new();
    let mut others: Vec<String> = Vec::new();
    let mut characters = class.char_indices().skip(1).peekable();
    let mut first = true;
    while let Some((index, character)) = characters.next() {
        match character {
            ']' if !first => {
                if others.is_empty() {
                    return None;
                }
                let mut alternatives = Vec::new();
                if !ascii.is_empty() {
                    alternatives.push(format!("[{ascii}]"));
                }
                alternatives.extend(others);
                return Some((format!("(?:{})", alternatives.join("|")), index + 1));
            }
            '\\' => {
                let (_, escaped) = characters.next()?;
                if !escaped.is_ascii() {
                    return None;
                }
                ascii.push('\\');
                ascii.push(escaped);
            }
            // A hyphen first or last is itself; between two items it makes a range.
            '-' if first || characters.peek().is_some_and(|&(_, next)| next == ']') => {
                ascii.push_str("\\-");
            }
            '^' | '[' | '-' | ']' => return None,
            other if other.is_ascii() => ascii.push_str(&regex::escape(&other.to_string())),
            other => others.push(regex::escape(&other.to_string())),
        }
        first = false;
    }
    None
}

/// Replaces {pm}, {po}, {role}, {other} with the role title patterns.
fn expand_placeholders(
    pattern: &str,
    applies_to: AppliesTo,
    vocabulary: &RoleVocabulary,
) -> Result<String, String> {
    let mut expanded = pattern
        .replace("{pm}", vocabulary.title_pattern(Role::Pm))
        .replace("{po}", vocabulary.title_pattern(Role::Po));
    if let AppliesTo::Role(role) = applies_to {
        expanded = expanded
            .replace("{role}", vocabulary.title_pattern(role))
            .replace("{other}", vocabulary.title_pattern(role.other()));
    }
    Ok(expanded)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r##"
summary = "s"
rationale = "r"
class = "cross-role"
severity = "warning"
applies-to = "po"
kind = "claim"
message = "m"
objects = ['roadmap']
[[suggestions]]
title = "t"
[[examples]]
flagged = "# Product Owner\n\n- Own the roadmap."
"##;

    fn compile_one(path: &str, text: &str) -> Result<Rule, RuleError> {
        compile_rule(
            &RuleSource {
                path: path.to_string(),
                text: text.to_string(),
            },
            &RoleVocabulary::default(),
        )
    }

    #[test]
    fn a_valid_rule_compiles() {
        let rule = compile_one("rules/po-owns-roadmap.toml", VALID).unwrap();
        assert_eq!(&*rule.id, "po-owns-roadmap");
        assert_eq!(rule.kind, MatcherKind::Claim);
    }

    #[test]
    fn unknown_key_is_reported_at_its_line() {
        let text = VALID.replace("message = \"m\"", "message = \"m\"\nmesage = \"typo\"");
        let error = compile_one("x/bad-rule.toml", &text).unwrap_err();
        assert_eq!(error.line, 9, "{error}");
        assert!(error.message.contains("mesage"), "{error}");
        assert!(
            error.to_string().starts_with("x/bad-rule.toml:9:1:"),
            "{error}"
        );
    }

    #[test]
    fn invalid_regex_points_at_the_pattern() {
        let text = VALID.replace("objects = ['roadmap']", "objects = ['road(map']");
        let error = compile_one("x/bad-rule.toml", &text).unwrap_err();
        assert_eq!((error.line, error.column), (9, 12), "{error}");
        assert!(error.message.contains("invalid pattern"), "{error}");
    }

    #[test]
    fn enormous_regex_is_rejected() {
        let text = VALID.replace(
            "objects = ['roadmap']",
            r"objects = ['\pL{2000}\pL{2000}\pL{2000}']",
        );
        let error = compile_one("x/big-rule.toml", &text).unwrap_err();
        assert!(error.message.contains("invalid pattern"), "{error}");
    }

    #[test]
    fn wrong_values_are_named() {
        let text = VALID.replace("\"cross-role\"", "\"cross-roles\"");
        let error = compile_one("x/r.toml", &text).unwrap_err();
        assert!(
            error.message.contains("unknown class `cross-roles`"),
            "{error}"
        );
        let error = compile_one("x/Bad_Name.toml", VALID).unwrap_err();
        assert!(error.message.contains("kebab-case"), "{error}");
    }

    #[test]
    fn patterns_are_prepared_for_ascii_mode() {
        assert_eq!(
            ascii_word_boundaries(r"\bteam['’]s\b"),
            r"(?-u:\b)team(?:[']|’)s(?-u:\b)"
        );
        assert_eq!(ascii_word_boundaries(r"[\w'’-]+"), r"(?:[\w'\-]|’)+");
        assert_eq!(ascii_word_boundaries(r"[a-z]+[.]"), r"[a-z]+[.]");
        assert!(build_regex(r"\bteam['’]s\b").is_ok());
        // Only ASCII automata are small: a pattern with a curly quote in a class is one.
        let ascii = regex::RegexBuilder::new(&ascii_word_boundaries(r"[\w'’-]+\s+x"))
            .unicode(false)
            .build();
        assert!(ascii.is_ok(), "{ascii:?}");
    }

    #[test]
    fn broken_file_disables_only_itself() {
        let sources = vec![
            RuleSource {
                path: "a/good-rule.toml".into(),
                text: VALID.into(),
            },
            RuleSource {
                path: "a/broken-rule.toml".into(),
                text: "not toml at all [".into(),
            },
        ];
        let (set, errors) = RuleSet::compile(&sources, &RoleVocabulary::default());
        assert_eq!(set.rules.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "a/broken-rule.toml");
    }
}
