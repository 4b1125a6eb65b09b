//! Role vocabulary: which words name a Product Manager, a Product Owner, or a role that is
//! neither (Project Manager, Scrum Master, …), and where a text names them.

use super::finding::Role;
use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use regex::Regex;
use regex_automata::{Input, meta, util::syntax};
use std::collections::HashMap;
use std::ops::Range;

/// What a role mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Product(Role),
    /// A role that is neither PM nor PO: Project Manager, Scrum Master, Product Designer, …
    OtherRole,
}

/// One place where the text names a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleMention {
    pub kind: MentionKind,
    pub range: Range<usize>,
}

/// Full titles of the Product Manager; senior and specialist variants included, and the
/// one-word spellings of Dutch and German posts written in English ("Produktmanager").
/// "Product Lead" is the usual title of a senior product manager; capitalised "Product
/// Management" is the team of product managers (as in scaled frameworks).
const PM_TITLES: &str = r"(?:(?:senior|sr\.?|lead|principal|staff|group|technical|associate|junior|jr\.?|chief|digital|growth|platform|data)\s+)*(?:product[\s-]+(?:managers?|leads?)|produ[ck]t-?manager(?:s|in|innen)?)|(?-i:Product\s+Management)(?:\s+(?:team|function))?";
/// Words naming whose or which part a holder is, before a title: "Supplier Product Owner",
/// "Area Product Owner". Read in mentions only: in every rule pattern that names the roles
/// they would cost more memory than they find. One space only, so that a table cell's last
/// word never joins the title in the next cell.
const PM_QUALIFIERS: &str =
    r"(?:(?:client|supplier|vendor|area|domain|portfolio|regional|global) )?";
const PO_QUALIFIERS: &str =
    r"(?:(?:client|supplier|vendor|area|domain|feature|team|squad|tribe|regional|global) )?";
/// The French and Spanish titles that posts written in English keep ("Chef de produit (H/F)",
/// "Jefe de producto", "Dueño de producto"). Read in mentions only, like the qualifiers.
const PM_FOREIGN_TITLES: &str =
    r"|chefs? de produit|responsables? produit|(?:jefe|jefa|gerente) de producto";
const PO_FOREIGN_TITLES: &str = r"|dueñ[oa] de producto";
/// Titles written surname-first, as some job ladders sort them ("Senior Manager, Product",
/// "Owner, Product"). Capitalised only, and kept only where nothing continues the title
/// (see [`reads_as_inverted_title`]).
const PM_INVERTED_TITLE: &str = r"|(?-i:Manager,[ \t]+Product)";
const PO_INVERTED_TITLE: &str = r"|(?-i:Owner,[ \t]+Product)";
/// Full titles of the Product Owner, proxy and Scrum variants included.
/// A rank before an abbreviated title belongs to it: "**Senior PO:** orders the backlogs"
/// names its subject as "**Product Owner:**" does.
const ABBREVIATION_RANKS: &str =
    r"(?i:\b(?:senior|sr\.?|lead|principal|staff|group|technical|associate|junior|jr\.?)\s+)";
const PO_TITLES: &str = r"(?:(?:senior|sr\.?|lead|principal|proxy|technical|associate|junior|jr\.?|chief|agile|scrum|digital|business)\s+)*(?:product[\s-]+owners?|produ[ck]t-?owners?)";
/// Roles that share words with PM/PO titles but are neither.
const OTHER_ROLES: &str = r"(?:product\s+marketing\s+managers?|project\s+managers?|program(?:me)?\s+managers?|product\s+designers?|product\s+directors?|scrum\s*masters?|engineering\s+managers?|delivery\s+managers?|product\s+sponsors?|project\s+sponsors?|business\s+analysts?|product\s+analysts?|development\s+team|dev\s+team|tech(?:nical)?\s+leads?|agile\s+coach(?:es)?|release\s+train\s+engineers?|head\s+of\s+(?:(?:digital|member|consumer|customer|core|platform|data|mobile|retail|business|group|global|regional)\s+)?products?|vp\s+of\s+(?:(?:digital|member|consumer|customer|core|platform|data|mobile|retail|business|group|global|regional)\s+)?products?|product\s+operations\s+managers?|delivery\s+leads?|release\s+managers?|solution\s+managers?|epic\s+owners?|business\s+owners?|service\s+owners?|customer\s+success\s+managers?|(?:co-?)?founders?)";

/// Compiled role vocabulary, built once per configuration.
#[derive(Debug, Clone)]
pub struct RoleVocabulary {
    mentions: meta::Regex,
    pm_pattern: String,
    po_pattern: String,
    /// A person's name just before a title: "Tom is the …", "Anna, our …".
    name_before_title: Regex,
    /// People's names just after a title: "… (Anna):", "… (Dana Whitfield, in post)", "…, Marc,
    /// accepts …", "…, Marta and Jon.",
    /// "…: Marco Bellini.", "… — Ruth Adeyemi", "… is Ruth.".
    name_after_title: Regex,
    /// What may follow a title that names a person's role ("Tom is the Product Owner.").
    title_ends_naming: Regex,
    /// No alias holds a sentence mark, so a title never runs across one (see
    /// [`RoleVocabulary::independent_spans`]).
    splittable: bool,
}

/// Marks that end a sentence and that no built-in title holds.
const SENTENCE_MARKS: [char; 5] = ['.', ':', ';', '!', '?'];

/// The first line start at or after `from` that follows a blank line, where the paragraph
/// before ends with a sentence mark that no title can hold.
fn safe_split_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"\n\n") {
        let split = at + offset + 2;
        // Look back a little only: a long blank run (a blanked comment) is no place to split,
        // and reading back over it at every blank line would be quadratic.
        let window_start = text.floor_char_boundary(split.saturating_sub(256));
        let before = text[window_start..split].trim_end();
        let ends_sentence = before.ends_with(SENTENCE_MARKS)
            && !(before.ends_with('.') && {
                let word = before[..before.len() - 1]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                word.eq_ignore_ascii_case("sr") || word.eq_ignore_ascii_case("jr")
            });
        if ends_sentence {
            return Some(split);
        }
        at = split;
    }
    None
}

/// Capitalised words that start sentences but never name a person holding a role.
/// Words that end the name of a product, team or unit, not a person's: "Infusion Platform",
/// "Checkout Squad".
const NAMES_OF_THINGS: &[&str] = &[
    "Platform",
    "Platforms",
    "Team",
    "Teams",
    "Squad",
    "Squads",
    "Tribe",
    "App",
    "Apps",
    "Service",
    "Services",
    "Portal",
    "Suite",
    "Hub",
    "Group",
    "Cloud",
    "Studio",
    "Labs",
    "Systems",
    "System",
    "Solutions",
    "Products",
    "Product",
    "Engine",
    "Network",
    "Unit",
    "Division",
    "Department",
    "Office",
    "Programme",
    "Program",
    "Project",
    "Module",
    // "Lead Product Manager, Patient Experience": a team named after a title, not a person.
    "Experience",
    "Experiences",
    "Journey",
    "Journeys",
    "Operations",
    "Analytics",
    "Insights",
    "Commerce",
    "Banking",
    "Payments",
    "Billing",
    "Claims",
    "Records",
    "Search",
    "Discovery",
    "Onboarding",
    "Checkout",
    "Growth",
    "Retention",
    "Engagement",
    "Support",
    "Success",
    "Reporting",
    "Data",
    "Infrastructure",
    "Tools",
    "Tooling",
    "Integrations",
    "Marketplace",
    "Logistics",
    "Delivery",
    "Care",
    "Mobile",
    "Web",
];

/// Verbs that open a sentence before a name: "Ask Tomás, our product manager, …".
const VERBS_BEFORE_NAMES: &[&str] = &[
    "Ask", "Contact", "Email", "Ping", "Message", "Call", "See", "Tell", "Thank", "Thanks", "Meet",
    "Welcome", "Invite", "Copy", "Cc", "Reach", "Consult", "Loop",
];

pub(crate) const NOT_NAMES: &[&str] = &[
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "Who",
    "Which",
    "What",
    "There",
    "Here",
    "Everyone",
    "Someone",
    "Nobody",
    "Each",
    "One",
    "The",
    "Our",
    "Your",
    "You",
    "We",
    "Role",
    "Team",
    "Product",
    "Manager",
    "Owner",
    "Scrum",
    "Lead",
    "Head",
    "Senior",
    "Project",
    "Program",
    "Engineering",
    "Design",
    "Marketing",
    "Sales",
    "Customer",
    "Business",
    "Technical",
    "Proxy",
    "Group",
    "Principal",
    "Today",
    "Currently",
    "Usually",
    "Nor",
    "Neither",
    "Both",
    "Either",
    "Also",
    "And",
    "But",
    "Or",
    "If",
    "When",
    "Where",
    "Why",
    "How",
    "Yes",
    "No",
];

/// A title that names a person by the other product role than the one the text gave them
/// first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retitled {
    /// The later title, in the text the mentions were read from.
    pub title: Range<usize>,
    /// The role that later title names.
    pub role: Role,
}

impl Default for RoleVocabulary {
    fn default() -> Self {
        RoleVocabulary::new(&[], &[]).expect("built-in role vocabulary compiles")
    }
}

impl RoleVocabulary {
    /// Builds the vocabulary with extra titles an organisation uses for each role
    /// (matched case-insensitively as whole words).
    pub fn new(
        pm_aliases: &[String],
        po_aliases: &[String],
    ) -> Result<RoleVocabulary, regex::Error> {
        let alias_pattern = |aliases: &[String]| {
            aliases
                .iter()
                .filter(|alias| !alias.trim().is_empty())
                .map(|alias| {
                    let words: Vec<String> = alias.split_whitespace().map(regex::escape).collect();
                    format!("|{}s?", words.join(r"\s+"))
                })
                .collect::<String>()
        };
        // Abbreviations are upper case only, even inside a case-insensitive rule pattern.
        let (pm_alias, po_alias) = (alias_pattern(pm_aliases), alias_pattern(po_aliases));
        let pm_pattern = format!(r"(?i:{PM_TITLES}{pm_alias})|(?-i:\bPMs?\b)");
        let po_pattern = format!(r"(?i:{PO_TITLES}{po_alias})|(?-i:\bPOs?\b)");
        // One automaton with three patterns: a match says which kind it is without capture
        // groups. Other roles come first so that "Product Marketing Manager" never reads as
        // a PM.
        let patterns: Vec<String> = [
            format!("(?i:{OTHER_ROLES})"),
            format!(
                r"(?i:{PM_QUALIFIERS}(?:{PM_TITLES}){pm_alias}{PM_FOREIGN_TITLES}{PM_INVERTED_TITLE})|(?:{ABBREVIATION_RANKS})?(?-i:\bPMs?\b)"
            ),
            format!(
                r"(?i:{PO_QUALIFIERS}(?:{PO_TITLES}){po_alias}{PO_FOREIGN_TITLES}{PO_INVERTED_TITLE})|(?:{ABBREVIATION_RANKS}|(?i:proxy\s+))?(?-i:\bPOs?\b)"
            ),
        ]
        .iter()
        .map(|pattern| {
            crate::rules::ascii_word_boundaries(&format!(r"\b(?:{pattern})(?:['’]s)?\b"))
        })
        .collect();
        let ascii = meta::Regex::builder()
            .syntax(syntax::Config::new().unicode(false))
            .build_many(&patterns);
        // An alias with non-ASCII letters needs Unicode mode.
        let mentions = match ascii {
            Ok(regex) => regex,
            Err(_) => meta::Regex::new_many(&patterns)
                .map_err(|error| regex::Error::Syntax(error.to_string()))?,
        };
        Ok(RoleVocabulary {
            mentions,
            pm_pattern: format!("(?:{pm_pattern})"),
            po_pattern: format!("(?:{po_pattern})"),
            // Names are read in Latin letters (see `latin_names`).
            name_before_title: Regex::new(&latin_names(
                // "Tom is the …", "Tom Reyes is our …", "…, Maria as our …", "… and Tom as
                // the …", "Maria (our …)", "Priya (taking over as …", "meet Ola Berg, our
                // new …", "A day with Lena, Product …": the first name is what the text goes
                // on to use.
                r"\b(\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?(?:,[ \t]+who)?[ \t]+(?:(?:is|will\s+be|becomes|remains)\s+(?:the|our|a|an)\s+(?:new\s+)?|is\s+|becomes\s+|(?:stays|remains)\s+|(?:moves|steps)\s+into\s+the\s+role\s+of\s+(?:the\s+)?|takes\s+(?:on|over)\s+(?:the\s+role\s+of|as)\s+(?:the\s+)?|(?:will\s+)?(?:acts?|serves?|joins?(?:\s+us)?(?:\s+(?:today|tomorrow|now)|\s+(?:on|in|from|next|this)(?:\s+\S+){1,3}?)?|starts?|stays?(?:\s+on)?|remains?|continues?|steps?\s+in|fills?\s+in)\s+as\s+(?:the\s+|our\s+|a\s+|an\s+)?(?:new\s+)?|(?:joined|started|acted|served|was\s+hired)(?:\s+\S+){0,5}?\s+as\s+(?:the\s+|our\s+|a\s+|an\s+)?(?:new\s+)?)$|(?:[,;(]\s*|\band\s+|\bwith\s+)(\p{Lu}\p{Ll}+)\s+as\s+(?:the|our)\s+$|\b(\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?\s*[(\[]\s*(?:(?:taking\s+over|acting|serving|starting|stepping\s+in)\s+as\s+)?(?:the\s+|our\s+)?$|(?i:\b(?:meet|welcome|introducing|introduce|(?:a|one)[ \t]+(?:day|week|morning)[ \t]+with|spotlight[ \t]+on|say[ \t]+hello[ \t]+to))[ \t]+[*_]*(\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?[*_]*,[ \t]+(?:(?:our|your|the)[ \t]+)?(?:new[ \t]+)?$|\b(\p{Lu}\p{Ll}+)(?:[ \t]+(\p{Lu}[\p{Ll}'’-]+))?,[ \t]+(?:our|the)[ \t]+(?:new[ \t]+|interim[ \t]+|current[ \t]+)?$|\b(\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}[\p{Ll}-]+)?['’]s[ \t]+(?:new[ \t]+)?role[ \t]+as[ \t]+(?:the[ \t]+|our[ \t]+|a[ \t]+|an[ \t]+)?$|\b(\p{Lu}\p{Ll}+),[ \t]+as[ \t]+(?:the[ \t]+|our[ \t]+|\p{Lu}[\p{Ll}&-]*['’]s[ \t]+)?(?:new[ \t]+)?$",
            ))?,
            name_after_title: Regex::new(&latin_names(
                r"^\s*(?:\(\s*(\p{Lu}\p{Ll}+(?:(?:,\s+|\s+and\s+)\p{Lu}\p{Ll}+)*)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?(?:,\s*\p{Ll}[^)\n]{0,24})?\s*\)(?:\s*[:,]|\s+\p{Ll}|[ \t]*(?m:$))|,\s+(\p{Lu}\p{Ll}+(?:(?:,\s+|\s+and\s+)\p{Lu}\p{Ll}+)*)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?(?:,\s+\p{Ll}|\s*[.;]))|^(?:[ \t]+for[ \t]+\p{Lu}[\p{Ll}'’-]+(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?)?[\s*_]*[—–:][\s*_]*(\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?[\s*_]*(?:[.;,·|]|\([ \t]*\p{Ll}|(?m:$))|^\s+is\s+(\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?\s*(?:[.;,]|(?m:$))",
            ))?,
            title_ends_naming: Regex::new(
                r"^(?:\s*[.,;:)\]!]|\s+(?:and|who|for|on|in|at)\b|[ \t]*\([^)\n]{1,40}\)|[ \t*_]*(?m:$))",
            )?,
            splittable: !pm_aliases
                .iter()
                .chain(po_aliases)
                .any(|alias| alias.contains(SENTENCE_MARKS)),
        })
    }

    /// A regex fragment (non-capturing) that matches the titles of a role.
    pub fn title_pattern(&self, role: Role) -> &str {
        match role {
            Role::Pm => &self.pm_pattern,
            Role::Po => &self.po_pattern,
        }
    }

    /// Every role mention in `text`, in order; offsets are relative to `text`.
    pub fn mentions(&self, text: &str) -> Vec<RoleMention> {
        self.mentions_and_retitles(text).0
    }

    /// The mentions, and the titles that give a person named as holding one product role
    /// the other one ("Lena is our Product Owner. … Lena, the Product Manager for cards, …").
    pub fn mentions_and_retitles(&self, text: &str) -> (Vec<RoleMention>, Vec<Retitled>) {
        let spans = self.independent_spans(text);
        let mut found = if spans.len() > 1 {
            let parts: Vec<Vec<RoleMention>> = spans
                .into_par_iter()
                .map(|span| self.mentions_in_span(text, span))
                .collect();
            parts.concat()
        } else {
            self.mentions_in_span(text, 0..text.len())
        };
        add_pdm_mentions(text, &mut found);
        if defines_pm_as_project_manager(text, &found) || uses_pm_for_project_manager(text, &found)
        {
            for mention in &mut found {
                if is_abbreviated_pm(&text[mention.range.clone()]) {
                    mention.kind = MentionKind::OtherRole;
                }
            }
        }
        let retitled = self.add_named_holders(text, &mut found);
        (found, retitled)
    }

    /// The titles that start in `span`, read with the whole text around it.
    fn mentions_in_span(&self, text: &str, span: Range<usize>) -> Vec<RoleMention> {
        let mut found = Vec::new();
        let mut at = span.start;
        while at < span.end {
            let Some(matched) = self.mentions.search(&Input::new(text).range(at..span.end)) else {
                break;
            };
            // "Engineering Manager, Product Designer" lists two roles.
            if !reads_as_inverted_title(text, matched.range()) {
                at = matched.start() + 1;
                continue;
            }
            at = matched.end().max(at + 1);
            // The possessive "'s" is matched but not part of the title.
            let mut range = matched.range();
            let covered = &text[range.clone()];
            if let Some(stripped) = covered
                .strip_suffix("'s")
                .or_else(|| covered.strip_suffix("’s"))
            {
                range.end = range.start + stripped.len();
            }
            let kind = match matched.pattern().as_usize() {
                0 => MentionKind::OtherRole,
                1 => MentionKind::Product(Role::Pm),
                _ => MentionKind::Product(Role::Po),
            };
            if kind != MentionKind::OtherRole && is_false_abbreviation(text, range.clone()) {
                continue;
            }
            found.push(RoleMention { kind, range });
        }
        found
    }

    /// Splits a long text into spans that no title can run across, to read them on several
    /// threads. A split goes after a blank line whose paragraph ends with a sentence mark
    /// (".", ":", ";", "!", "?"): a title never holds one (but "Sr." and "Jr.", which end no
    /// split), so no match can reach across. One span for a short text or a one-thread pool.
    fn independent_spans(&self, text: &str) -> Vec<Range<usize>> {
        const MIN_BYTES: usize = 256 * 1024;
        let threads = rayon::current_num_threads();
        if !self.splittable || text.len() < MIN_BYTES || threads < 2 {
            return std::iter::once(0..text.len()).collect();
        }
        let parts = (threads * 2).min(text.len() / (MIN_BYTES / 4));
        let mut spans = Vec::with_capacity(parts);
        let mut start = 0;
        for part in 1..parts {
            let target = text.len() * part / parts;
            if target <= start {
                continue;
            }
            let Some(split) = safe_split_after(text, target) else {
                break;
            };
            if split > start && split < text.len() {
                spans.push(start..split);
                start = split;
            }
        }
        spans.push(start..text.len());
        spans
    }

    /// "Tom is the Product Owner. … Tom also defines …": a person named as holding one
    /// product role stands for that role wherever the name appears. A name given both roles
    /// names neither.
    fn add_named_holders(&self, text: &str, found: &mut Vec<RoleMention>) -> Vec<Retitled> {
        let mut names: Vec<(&str, MentionKind)> = Vec::new();
        // The role each name was first given, and the later titles that give it the other.
        let mut first_roles: Vec<MentionKind> = Vec::new();
        let mut retitled: Vec<Retitled> = Vec::new();
        let mut positions: HashMap<&str, usize> = HashMap::new();
        // How many title columns of each table header (by its start) were read.
        let mut columns_read: HashMap<usize, usize> = HashMap::new();
        for mention in found.iter() {
            let MentionKind::Product(_) = mention.kind else {
                continue;
            };
            // Room before the title for "Kofi joined the Checkout squad in 2023 as".
            let window_start = text.floor_char_boundary(mention.range.start.saturating_sub(64));
            let window_end = text.ceil_char_boundary((mention.range.end + 40).min(text.len()));
            // "Success is the PM's goal" is not a naming: the title must end the statement.
            let naming_end = !text[..mention.range.end].ends_with('s')
                && self
                    .title_ends_naming
                    .is_match(&text[mention.range.end..window_end]);
            let before = naming_end
                .then(|| {
                    self.name_before_title
                        .captures(&text[window_start..mention.range.start])
                })
                .flatten()
                .and_then(|captures| {
                    captures
                        .get(1)
                        .or_else(|| captures.get(2))
                        .or_else(|| captures.get(3))
                        .or_else(|| captures.get(4))
                        // "If Aiko, our Product Manager, is on leave": an apposition, its
                        // name the word before the comma when the one before that is none.
                        .or_else(|| match (captures.get(5), captures.get(6)) {
                            (Some(first), Some(second))
                                if NOT_NAMES.iter().chain(VERBS_BEFORE_NAMES).any(|word| {
                                    *word
                                        == &text[window_start + first.start()
                                            ..window_start + first.end()]
                                }) =>
                            {
                                Some(second)
                            }
                            (first, _) => first,
                        })
                        // "Tomás Lindqvist's role as Product Owner".
                        .or_else(|| captures.get(7))
                        // "Dana, as Oakridge's Product Manager, signs off …".
                        .or_else(|| captures.get(8))
                })
                .map(|name| &text[window_start + name.start()..window_start + name.end()])
                .or_else(|| {
                    naming_end
                        .then(|| name_before_dash(&text[window_start..mention.range.start]))
                        .flatten()
                })
                .or_else(|| {
                    naming_end
                        .then(|| name_before_comma(&text[window_start..mention.range.start]))
                        .flatten()
                })
                .or_else(|| name_in_name_column(text, mention.range.start));
            // "Senior Product Manager — Clinic Records" on the title line names the team or
            // the product, not a person.
            let on_title_line = || {
                text[..mention.range.start]
                    .trim_start()
                    .find('\n')
                    .is_none()
            };
            let after = self
                .name_after_title
                .captures(&text[mention.range.end..window_end])
                .and_then(|captures| {
                    captures
                        .get(1)
                        .or_else(|| captures.get(2))
                        .or_else(|| captures.get(3).filter(|_| !on_title_line()))
                        .or_else(|| captures.get(4))
                })
                .map(|name| &text[mention.range.end + name.start()..mention.range.end + name.end()])
                .or_else(|| name_in_next_cell(&text[mention.range.end..window_end]));
            // "As our new Product Manager for Pick & Pack, Dana is…" gives a second title to
            // someone named before; it names nobody new ("As Product Manager, Ivo will…" in
            // a handover may be the post itself).
            let retitles_only = (before.is_none() && after.is_none())
                .then(|| {
                    name_after_opening_as(
                        &text[window_start..mention.range.start],
                        window_start == 0,
                        &text[mention.range.end..window_end],
                    )
                })
                .flatten();
            // "two Product Owners, Marta and Jon." names each of them. A title with its holder
            // named before it ("| Hannah Lindqvist | Senior Product Manager | Route Planning |")
            // has no second holder after it: that is a team or a product.
            let after = after.filter(|_| before.is_none());
            let after_names = after.into_iter().flat_map(|names| {
                names
                    .split([','])
                    .flat_map(|part| part.split(" and "))
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
            });
            let column_names = names_in_column_below(text, &mention.range, &mut columns_read);
            // "Product Manager/Owner | Priya": the holder of a joined title holds neither role.
            let kind = if text[mention.range.end..window_end].starts_with('/')
                || text[window_start..mention.range.start].ends_with('/')
            {
                MentionKind::OtherRole
            } else {
                mention.kind
            };
            let naming = before
                .into_iter()
                .chain(after_names)
                .chain(column_names)
                .map(|name| (name, true))
                .chain(retitles_only.map(|name| (name, false)));
            for (name, registers) in naming {
                // "the Head of Loyalty (our Product Manager)": a word after "of" ends a job
                // title or a team's name; it is nobody's first name.
                let name_start = name.as_ptr() as usize - text.as_ptr() as usize;
                let word_before = text[..name_start]
                    .trim_end_matches(['*', '_', ' ', '\t'])
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                // "Product Owner, Infusion Platform": a product's or a team's name.
                // One blank apart: a table's blanked cell border is not inside a name.
                let word_after = text[name_start + name.len()..]
                    .strip_prefix(' ')
                    .filter(|rest| !rest.starts_with(char::is_whitespace))
                    .and_then(|rest| rest.split(|c: char| !c.is_alphanumeric()).next())
                    .unwrap_or("");
                if NOT_NAMES.contains(&name)
                    || ["of", "for", "the", "at", "from", "to"].contains(&word_before)
                    || NAMES_OF_THINGS.contains(&word_after)
                {
                    continue;
                }
                match positions.get(name) {
                    Some(&position) => {
                        // A name given two roles names neither; a later title that gives
                        // it the other product role is reported below.
                        if names[position].1 != kind {
                            names[position].1 = MentionKind::OtherRole;
                        }
                        if let (MentionKind::Product(first), MentionKind::Product(role)) =
                            (first_roles[position], kind)
                            && first != role
                            && retitled
                                .last()
                                .is_none_or(|last| last.title != mention.range)
                        {
                            retitled.push(Retitled {
                                title: mention.range.clone(),
                                role,
                            });
                        }
                    }
                    None if registers => {
                        positions.insert(name, names.len());
                        names.push((name, kind));
                        first_roles.push(kind);
                    }
                    None => {}
                }
            }
        }
        // One pass over the text for all names, and a binary search for overlaps: a long
        // document names many people and holds many mentions.
        let names: Vec<(&str, MentionKind)> = names
            .into_iter()
            .filter(|(_, kind)| *kind != MentionKind::OtherRole)
            .collect();
        if names.is_empty() {
            return retitled;
        }
        let Ok(searcher) = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|(name, _)| name))
        else {
            return retitled;
        };
        let mut added = Vec::new();
        for matched in searcher.find_iter(text) {
            let (start, end) = (matched.start(), matched.end());
            let kind = names[matched.pattern().as_usize()].1;
            let bounded_before = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let bounded_after = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            // `found` is sorted by start; only mentions starting before `end` can overlap, and
            // mentions are short, so looking back a little is enough.
            let before_end = found.partition_point(|mention| mention.range.start < end);
            let overlaps = found[..before_end]
                .iter()
                .rev()
                .take_while(|mention| mention.range.start + 256 > start)
                .any(|mention| start < mention.range.end);
            if bounded_before && bounded_after && !overlaps {
                added.push(RoleMention {
                    kind,
                    range: start..end,
                });
            }
        }
        if !added.is_empty() {
            found.extend(added);
            found.sort_by_key(|mention| mention.range.start);
        }
        retitled
    }
}

/// Does a title written surname-first ("Manager, Product") stand alone? Not when the next
/// word goes on with another title ("Manager, Product Designer", "Owner, Product Data"), nor
/// when a word before it makes it another role ("Account Manager, Product").
fn reads_as_inverted_title(text: &str, range: Range<usize>) -> bool {
    let matched = &text[range.clone()];
    if !(matched.starts_with("Manager,") || matched.starts_with("Owner,")) {
        return true;
    }
    let after = &text[range.end..];
    let next_word_capitalised = after
        .strip_prefix([' ', '\t'])
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()));
    let before = text[..range.start].trim_end_matches([' ', '\t']);
    let word_before = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
        .next()
        .unwrap_or("");
    let word_before_ok = !word_before.starts_with(|c: char| c.is_uppercase())
        || [
            "Senior",
            "Sr.",
            "Sr",
            "Lead",
            "Principal",
            "Group",
            "Staff",
            "Associate",
            "Junior",
            "Jr.",
            "Jr",
            "Technical",
            "Digital",
            "Global",
            "Regional",
            "A",
            "An",
            "The",
            "Our",
        ]
        .contains(&word_before);
    !next_word_capitalised && word_before_ok
}

/// "- **Lena Morales** — Product Manager": a line that opens with a person's name and a dash
/// before the title.
fn name_before_dash(before: &str) -> Option<&str> {
    let line = before.rsplit('\n').next()?;
    let line = line.trim_end();
    let line = line
        .strip_suffix(['—', '–', '-'])?
        .trim_end()
        .trim_end_matches(['*', '_']);
    let line = line
        .trim_start()
        .trim_start_matches(['-', '+', ' '])
        .trim_start_matches(['*', '_']);
    // "## 🧭 Kenji — Product Manager": an emoji before the name is decoration.
    let mut words = line
        .split(' ')
        .filter(|word| word.chars().any(char::is_alphanumeric));
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    (is_name_word(first) && rest.len() <= 1 && rest.iter().all(|word| is_name_word(word)))
        .then_some(first)
}

/// "# Annual review: Dana Kowalczyk, Product Owner", "Self-assessment — Priya Nair, Product
/// Manager": a full name and a comma before the title, at the start of a line or of its part
/// after a dash or colon. Only a first name and a surname: "Customer Success, Product
/// Manager" or "Sales, Product Owner and Design" name nobody.
fn name_before_comma(before: &str) -> Option<&str> {
    let line = before.rsplit('\n').next()?;
    let line = line.trim_end().strip_suffix(',')?.trim_end();
    let part = line
        .rsplit(['—', '–', ':', '|'])
        .next()?
        .trim_start_matches(['#', '*', '_', '-', '+', ' ', '\t']);
    let mut words = part.split(' ').filter(|word| !word.is_empty());
    let (first, surname) = (words.next()?, words.next());
    let named = match surname {
        Some(surname) => is_name_word(surname) && !NOT_NAMES.contains(&surname),
        // "Our people: Lena, Product Owner": one name alone, opening its line or its part.
        None => !VERBS_BEFORE_NAMES.contains(&first),
    };
    (words.next().is_none() && is_name_word(first) && !NOT_NAMES.contains(&first) && named)
        .then_some(first)
}

/// Job boards' "PdM" (Product Manager), found by a plain search rather than in the mention
/// automaton: its lower-case "d" inside an upper-case abbreviation splits the automaton's byte
/// classes and costs about 0.3 MiB on a 5 MB document. Keeps `found` in text order.
fn add_pdm_mentions(text: &str, found: &mut Vec<RoleMention>) {
    let before = found.len();
    for start in memchr::memmem::find_iter(text.as_bytes(), b"PdM") {
        let mut end = start + 3;
        if text.as_bytes().get(end) == Some(&b's') {
            end += 1;
        }
        let word_char = |byte: Option<&u8>| byte.is_some_and(|b| b.is_ascii_alphanumeric());
        if word_char(start.checked_sub(1).and_then(|i| text.as_bytes().get(i)))
            || word_char(text.as_bytes().get(end))
        {
            continue;
        }
        found.push(RoleMention {
            kind: MentionKind::Product(Role::Pm),
            range: start..end,
        });
    }
    if found.len() > before {
        found.sort_by_key(|mention| mention.range.start);
    }
}

/// "| Squad | Product Manager | Product Owner |" over "| Checkout | Ines Carvalho | Kofi
/// Mensah (60%) |": a table whose header cell is only a title names, in each row below, the
/// person who holds it. The lintable copy has blanks where the pipes were and a blank line
/// for the delimiter row; a row is read only when it has as many cells as the header, so an
/// empty cell never shifts a name into the wrong column.
///
/// `columns_read` counts the title columns read per header: a table has one column per role,
/// and a header made of many titles is read for its first few only, so the cost stays a small
/// multiple of the table's size.
fn names_in_column_below<'text>(
    text: &'text str,
    title: &Range<usize>,
    columns_read: &mut HashMap<usize, usize>,
) -> Vec<&'text str> {
    const MAX_ROWS: usize = 64;
    const MAX_COLUMNS: usize = 4;
    // A header row is short: look no further than this either side of the title, so that a
    // text of one huge line stays linear.
    const MAX_HEADER: usize = 1024;
    // The cheap test first, as this runs for every title: a cell holds the title alone, with
    // the blanks of the blanked pipes (or the line's edge) on both sides.
    let before = &text[..title.start];
    let after = &text[title.end..];
    let cell_edge_before = before.is_empty() || before.ends_with("  ") || before.ends_with('\n');
    let cell_edge_after = after.is_empty() || after.starts_with("  ") || after.starts_with(" \n");
    if !(cell_edge_before && cell_edge_after) {
        return Vec::new();
    }
    let window_start = text.floor_char_boundary(title.start.saturating_sub(MAX_HEADER));
    let line_start = match text[window_start..title.start].rfind('\n') {
        Some(newline) => window_start + newline + 1,
        None if window_start == 0 => 0,
        None => return Vec::new(),
    };
    let window_end = text.floor_char_boundary((title.end + MAX_HEADER).min(text.len()));
    let Some(line_end) = text[title.end..window_end]
        .find('\n')
        .map(|end| title.end + end)
    else {
        return Vec::new();
    };
    // The delimiter row: blank in the lintable copy, but not empty, and short.
    let after_header = &text[(line_end + 1).min(text.len())..];
    let bound = after_header.floor_char_boundary(after_header.len().min(MAX_HEADER));
    let Some(delimiter_length) = after_header[..bound].find('\n') else {
        return Vec::new();
    };
    if delimiter_length == 0 || !after_header[..delimiter_length].trim().is_empty() {
        return Vec::new();
    }
    // Rows as long as a header row at most, each found by a bounded search: a title heading a
    // column over a few huge lines costs no more than over short ones.
    let mut rest = &after_header[delimiter_length + 1..];
    let lines = std::iter::from_fn(move || {
        let bound = rest.floor_char_boundary(rest.len().min(4 * MAX_HEADER));
        let end = rest[..bound]
            .find('\n')
            .or((bound == rest.len()).then_some(bound))?;
        let line = &rest[..end];
        rest = &rest[(end + 1).min(rest.len())..];
        Some(line)
    });
    let read = columns_read.entry(line_start).or_insert(0);
    if *read >= MAX_COLUMNS {
        return Vec::new();
    }
    *read += 1;
    let header: Vec<(usize, &str)> = table_cells(&text[line_start..line_end]).collect();
    let title_offset = title.start - line_start;
    let Some(column) = header
        .iter()
        .position(|(start, cell)| *start == title_offset && cell.len() <= title.len() + 1)
    else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for row in lines.take(MAX_ROWS) {
        if row.trim().is_empty() {
            break;
        }
        let row_cells: Vec<(usize, &str)> = table_cells(row).collect();
        if row_cells.len() != header.len() {
            continue;
        }
        let cell = row_cells[column].1;
        // "Kofi Mensah (60%)": a share of the week after the name.
        let cell = cell.split(" (").next().unwrap_or(cell).trim();
        if let Some(first) = full_name(cell) {
            names.push(first);
        }
    }
    names
}

/// "| Lena | Product Owner |" in a table whose first column is headed "Name" (or "Person",
/// "Who"): the row's first cell names the holder of the title in the next one. The lintable
/// copy has blanks where the pipes were; the header is looked for a few lines up.
fn name_in_name_column(text: &str, title_start: usize) -> Option<&str> {
    // The name cell opens the row: look back a few dozen bytes only, so that a long line with
    // many titles stays linear.
    let window = text.floor_char_boundary(title_start.saturating_sub(64));
    let line_start = match text[window..title_start].rfind('\n') {
        Some(newline) => window + newline + 1,
        None if window == 0 => 0,
        None => return None,
    };
    let before = &text[line_start..title_start];
    if !before.starts_with(' ') || !before.ends_with("  ") {
        return None;
    }
    let cell = before.trim();
    let words: Vec<&str> = cell.split(' ').collect();
    let is_person = |word: &&str| is_name_word(word) && !NOT_NAMES.contains(word);
    if cell.is_empty() || words.len() > 2 || !words.iter().all(is_person) {
        return None;
    }
    // Rows are consecutive lines; the row under the header is the blanked delimiter row.
    let mut blank_lines = 0;
    for line in text[..line_start.saturating_sub(1)].rsplit('\n').take(40) {
        let first_cell = table_cells(line).next().map_or("", |(_, cell)| cell);
        if first_cell.is_empty() {
            blank_lines += 1;
            if blank_lines > 1 {
                return None;
            }
            continue;
        }
        if ["name", "person", "who", "people", "team member", "member"]
            .iter()
            .any(|header| first_cell.eq_ignore_ascii_case(header))
        {
            return Some(words[0]);
        }
    }
    None
}

/// A word written as a name is: a capital, then lower-case letters ("Marcus", "O'neil").
fn is_name_word(word: &str) -> bool {
    let mut characters = word.chars();
    characters.next().is_some_and(char::is_uppercase)
        && word.len() > 1
        && characters.all(|c| c.is_lowercase() || matches!(c, '\'' | '’' | '-'))
}

/// "| Product Owner | Marcus Feld | Team backlog |": a table row whose next cell holds only a
/// person's full name names the title's holder. The lintable copy has blanks where the pipes were,
/// so a cell is text between runs of two or more blanks on the same line.
fn name_in_next_cell(after: &str) -> Option<&str> {
    let line = after.split('\n').next()?;
    let (cell_start, cell) = table_cells(line).next()?;
    if cell_start < 2 {
        return None;
    }
    full_name(cell)
}

/// The cells of a table row in the lintable copy, where the pipes are blanks: runs of text
/// parted by two or more blanks, each with its offset in the row.
fn table_cells(row: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = row;
    let mut offset = 0;
    std::iter::from_fn(move || {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return None;
        }
        let end = trimmed.find("  ").unwrap_or(trimmed.len());
        let cell = (offset, trimmed[..end].trim_end());
        offset += end;
        rest = &trimmed[end..];
        Some(cell)
    })
}

/// A table cell that holds a person's full name ("Marcus Feld") gives the first name. A
/// one-word cell is as often a column's heading ("Notes") as a name, and a two-word cell may
/// be another function ("Eng Lead", "Data Science").
fn full_name(cell: &str) -> Option<&str> {
    let is_person = |word: &str| {
        is_name_word(word) && !FUNCTION_WORDS.contains(&word) && !NOT_NAMES.contains(&word)
    };
    let mut words = cell.split(' ');
    match (words.next(), words.next(), words.next()) {
        (Some(first), Some(surname), None) if is_person(first) && is_person(surname) => Some(first),
        _ => None,
    }
}

/// Words that make a two-word cell a function or a column heading, not a person.
const FUNCTION_WORDS: &[&str] = &[
    "Lead",
    "Leads",
    "Team",
    "Engineer",
    "Engineering",
    "Eng",
    "Design",
    "Designer",
    "Marketing",
    "Sales",
    "Master",
    "Coach",
    "Analyst",
    "Architect",
    "Director",
    "Head",
    "Officer",
    "Ops",
    "Support",
    "Legal",
    "Finance",
    "Data",
    "Science",
    "Notes",
    "Comments",
    "Owner",
    "Manager",
    "Tech",
    "Security",
    "Operations",
    "Success",
    "Research",
    "Partner",
    "Stakeholder",
];

/// A naming pattern with its letter classes narrowed to Latin script (ASCII, Latin-1 and
/// Latin Extended-A): the full Unicode classes `\p{Lu}` and `\p{Ll}` cost about a megabyte
/// of automaton each time a pattern holds them, in every process.
fn latin_names(pattern: &str) -> String {
    pattern
        .replace(r"[\p{Ll}'’-]", "[a-zß-öø-ÿĀ-ž'’-]")
        .replace(r"\p{Lu}", "[A-ZÀ-ÖØ-ÞĀ-ž]")
        .replace(r"\p{Ll}", "[a-zß-öø-ÿĀ-ž]")
}

/// "As our new Product Manager for Pick & Pack, Dana is your first contact": a sentence that
/// opens with the title names its holder after the comma.
fn name_after_opening_as<'text>(
    before: &str,
    at_text_start: bool,
    after: &'text str,
) -> Option<&'text str> {
    static OPENING: std::sync::OnceLock<Option<(Regex, Regex)>> = std::sync::OnceLock::new();
    let (opening, named) = OPENING
        .get_or_init(|| {
            let opening = Regex::new(
                r"(?:^|[.!?:\n][ \t*_]*)(?i:as)[ \t]+(?i:(?:our|the|your|their)[ \t]+)?(?i:new[ \t]+)?$",
            );
            let named = Regex::new(&latin_names(
                r"^(?:[ \t]+(?:for|on|in|at|of)[ \t]+[^,.\n]{1,40})?,[ \t]+(\p{Lu}\p{Ll}+)(?:[ \t]+\p{Lu}[\p{Ll}'’-]+)?[ \t]+(?:is|will|has|was|joins|leads|owns|takes|looks)\b",
            ));
            opening.ok().zip(named.ok())
        })
        .as_ref()?;
    // The window may start mid-sentence: its start is a sentence's only at the text's.
    if !opening
        .find(before)
        .is_some_and(|found| found.start() > 0 || at_text_start)
    {
        return None;
    }
    let name = named.captures(after)?.get(1)?;
    Some(&after[name.range()])
}

/// The person a review is about: the full name after a separator in its title ("2024
/// review — Kofi Mensah", "Promotion case: Jun Park, Product Owner"), else the name in an
/// "Employee:" or "Name:" field near the top. Gives the first name, as the text goes on to
/// use it.
pub fn reviewed_person<'text>(title: &'text str, opening: &'text str) -> Option<&'text str> {
    static NAMED: std::sync::OnceLock<Option<(Regex, Regex)>> = std::sync::OnceLock::new();
    let (in_title, in_field) = NAMED
        .get_or_init(|| {
            let in_title = Regex::new(&latin_names(
                r"[—–:|-]\s*[*_]*\s*(\p{Lu}\p{Ll}+)\s+\p{Lu}[\p{Ll}'’-]+",
            ))
            .ok()?;
            let in_field = Regex::new(&latin_names(
                r"(?im)^[\s*_]*(?:employee|name|reviewee|candidate|nominee|team\s+member)[\s*_]*:[\s*_]*(\p{Lu}\p{Ll}+)\s+\p{Lu}[\p{Ll}'’-]+",
            ))
            .ok()?;
            Some((in_title, in_field))
        })
        .as_ref()?;
    [in_title.captures(title), in_field.captures(opening)]
        .into_iter()
        .flatten()
        .filter_map(|captures| captures.get(1))
        .map(|name| name.as_str())
        .find(|name| !NOT_NAMES.contains(name) && !FUNCTION_WORDS.contains(name))
}

/// The person a profile or bio is about: the full name that opens its title, before a
/// separator ("Malik Osei — Product Owner, Claims", "Ana Ruiz, Product Manager"). Gives the
/// first name and where the name ends in the title.
pub fn profiled_person(title: &str) -> Option<(&str, usize)> {
    static NAMED: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let named = NAMED
        .get_or_init(|| {
            Regex::new(&latin_names(
                r"^[\s*_#]*(\p{Lu}\p{Ll}+)(?:\s+\p{Lu}[\p{Ll}'’-]+){1,3}\s*[—–:|,(-]",
            ))
            .ok()
        })
        .as_ref()?;
    let captures = named.captures(title)?;
    let name = captures.get(1)?.as_str();
    (!NOT_NAMES.contains(&name) && !FUNCTION_WORDS.contains(&name))
        .then(|| (name, captures.get(0).map_or(0, |whole| whole.end())))
}

/// A title that is only a person's name ("# Hannah Okafor"), as a CV opens.
pub fn is_bare_name(title: &str) -> bool {
    static NAME: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let Some(name) = NAME
        .get_or_init(|| {
            Regex::new(&latin_names(
                r"^[\s*_#]*(\p{Lu}\p{Ll}+)(?:\s+\p{Lu}[\p{Ll}'’-]+){1,3}[\s*_]*$",
            ))
            .ok()
        })
        .as_ref()
    else {
        return false;
    };
    name.captures(title)
        .and_then(|captures| captures.get(1))
        .is_some_and(|first| {
            !NOT_NAMES.contains(&first.as_str()) && !FUNCTION_WORDS.contains(&first.as_str())
        })
}

/// "3 PM", "PO Box" and "PO number" use the letters for something else ("our 2 POs" counts
/// people).
fn is_false_abbreviation(text: &str, range: Range<usize>) -> bool {
    let word = &text[range.clone()];
    if !(word.starts_with("PM") || word.starts_with("PO")) || word.len() > 3 {
        return false;
    }
    let before = text[..range.start].trim_end();
    if word.len() == 2 && before.ends_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // Only the next word matters: never copy the rest of a long text.
    let after = text[range.end..].trim_start();
    [&b"box"[..], b"number", b"#"]
        .iter()
        .any(|word| super::lexicon::starts_with_ignoring_case(after.as_bytes(), word))
}

/// "Product Manager/Owner", "Product Owner or Manager", "PM/PO": one title that joins both roles.
pub fn is_joined_title(text: &str) -> bool {
    static JOINED: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    JOINED
        .get_or_init(|| {
            Regex::new(r"(?i:\bproduct\s+(?:manager|owner)s?\s*(?:/|&|\bor\b|\+)\s*(?:product\s+)?(?:owner|manager)s?\b)|\bPMs?\s*[/&+]\s*POs?\b|\bPOs?\s*[/&+]\s*PMs?\b").ok()
        })
        .as_ref()
        .is_some_and(|joined| joined.is_match(text))
}

/// Whether the rest of a line after a title names the title's holder and nothing else:
/// "— Ruth Adeyemi", ": Sam", "(Marco Bellini)".
pub fn names_holder_after_title(rest: &str) -> bool {
    static HOLDER: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    HOLDER
        .get_or_init(|| {
            Regex::new(&latin_names(r"^[\s*_]*(?:[—–:-]|\()\s*\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{Ll}'’-]+){0,2}\s*\)?[\s*_]*$"))
                .ok()
        })
        .as_ref()
        .is_some_and(|holder| holder.is_match(rest))
}

/// "**Marta Kowalska — Technical Product Manager**": the text before a title names its
/// holder, and then a dash.
pub fn names_holder_before_title(before: &str) -> bool {
    name_before_dash(before).is_some()
}

/// "PM (Project Manager) for System Integration", "in our company, \"PM\" means the Project
/// Manager": a text that spells its "PM" out as another role uses it for that role throughout.
/// Read just after each "PM" the text holds: most texts hold none.
fn defines_pm_as_project_manager(text: &str, mentions: &[RoleMention]) -> bool {
    static SPELLED_OUT: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let Some(spelled_out) = SPELLED_OUT
        .get_or_init(|| {
            Regex::new(r#"(?i)^(?:s?\s*\(\s*(?:the\s+)?|s?["”'’]\s+(?:means|stands\s+for|refers\s+to|is)\s+(?:the\s+|our\s+|a\s+)?)(?:project|program(?:me)?)(?:\s+managers?\b|\s*,\s*not\s+product\b)"#)
                .ok()
        })
        .as_ref()
    else {
        return false;
    };
    mentions
        .iter()
        .filter(|mention| text[mention.range.clone()].starts_with("PM"))
        .any(|mention| {
            let start = mention.range.start + 2;
            let end = text.floor_char_boundary((start + 64).min(text.len()));
            // "Project Manager (PM)": the abbreviation given after the full title.
            let window = text.floor_char_boundary(mention.range.start.saturating_sub(40));
            let abbreviated = text[window..mention.range.start]
                .trim_end()
                .strip_suffix('(')
                .map(|before| before.trim_end().to_ascii_lowercase())
                .is_some_and(|before| {
                    ["project manager", "program manager", "programme manager"]
                        .iter()
                        .any(|title| before.ends_with(title))
                });
            abbreviated || spelled_out.is_match(&text[start..end])
        })
}

/// "PM", "PMs", or one of them after a rank ("Senior PM").
fn is_abbreviated_pm(title: &str) -> bool {
    matches!(title.split_whitespace().last(), Some("PM" | "PMs"))
}

/// A Project Manager's CV or post that says "As PM on the rollout…": the text names a Project
/// Manager, and no product role but the bare "PM".
fn uses_pm_for_project_manager(text: &str, mentions: &[RoleMention]) -> bool {
    let is_bare_pm = |mention: &RoleMention| is_abbreviated_pm(&text[mention.range.clone()]);
    mentions.iter().any(is_bare_pm)
        && mentions.iter().any(|mention| {
            mention.kind == MentionKind::OtherRole
                && text[mention.range.clone()]
                    .get(..7)
                    .is_some_and(|start| start.eq_ignore_ascii_case("project"))
        })
        && mentions.iter().all(|mention| match mention.kind {
            MentionKind::Product(Role::Pm) => is_bare_pm(mention),
            MentionKind::Product(Role::Po) => false,
            MentionKind::OtherRole => true,
        })
}

/// "**Aino Virtanen** · Head of Product at Kasvu", "Priya Nair | Product Owner at Bloom": a
/// post's byline, a person's name and then the position they hold somewhere. It says who
/// wrote the text, not which role the text is about.
pub fn is_byline(line: &str) -> bool {
    static BYLINE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    BYLINE
        .get_or_init(|| {
            // Also a chat post's header: "**#team-payments** · posted by Lucas Ferreira (Head of
            // Product)", "#wms-squad · Gabriel Nunes (Product Manager)", "Pinned in #new-joiners
            // by Femi (Principal Product Manager)".
            Regex::new(&latin_names(r"^[\s*_]*\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}[\s*_]*[·|•—–,-]\s*[^·|•]*?\bat\s+\p{Lu}|^[\s*_]*#[\w-]+[\s*_]*[·|•—–-]|(?i:\b(?:posted|pinned|shared|written|forwarded|sent)\s+(?:in\s+\S+\s+)?by\s+\p{Lu})"))
                .ok()
        })
        .as_ref()
        .is_some_and(|byline| byline.is_match(line))
}

/// "Head of Product", "VP of Product", "Director of Product Management", "Chief Product
/// Officer", "Product Director": a title that leads product management. As a document's
/// title it makes the document a Product Manager's; elsewhere such a person is somebody else.
pub fn is_product_leadership_title(text: &str) -> bool {
    static LEADERSHIP: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    LEADERSHIP
        .get_or_init(|| {
            // The word after "product" says whether another function is led ("Head of
            // Product Marketing", "VP of Product Design").
            Regex::new(r"(?i)\b(?:(?:head|vp|vice\s+president|director|svp|evp)\s*,?\s+(?:of\s+)?(?:(?:digital|member|consumer|customer|core|platform|data|mobile|retail|business|group|global|regional)\s+)?products?|chief\s+product\s+officer|product\s+director)\b(?:\s+(\w+))?").ok()
        })
        .as_ref()
        .and_then(|leadership| leadership.captures(text))
        .is_some_and(|found| {
            !found.get(1).is_some_and(|next| {
                matches!(
                    next.as_str().to_ascii_lowercase().as_str(),
                    "marketing" | "design" | "operations" | "ops" | "analytics" | "support"
                )
            })
        })
}

/// "Product Lead", "Digital Product Lead": a title that most often means a Product Manager,
/// but that a post may give to its Product Owner ("you'll serve as the Product Owner").
pub fn is_lead_title(text: &str) -> bool {
    static LEAD: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    LEAD.get_or_init(|| Regex::new(r"(?i)\bproduct\s+leads?\b").ok())
        .as_ref()
        .is_some_and(|lead| lead.is_match(text))
        && !text.to_ascii_lowercase().contains("manager")
}

/// The role a heading or title is about: exactly one product role, or `None` when it names
/// both, neither, or a role that is not a product role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingRole {
    /// The heading names no role at all: look further up.
    Silent,
    /// The heading is about one product role.
    Product(Role),
    /// The heading names both product roles, or another role: no product context below it.
    NoProductRole,
}

/// Reads which role a heading names.
pub fn heading_role(mentions: &[RoleMention]) -> HeadingRole {
    let has = |role| {
        mentions
            .iter()
            .any(|m| m.kind == MentionKind::Product(role))
    };
    match (has(Role::Pm), has(Role::Po)) {
        (true, true) => HeadingRole::NoProductRole,
        (true, false) => HeadingRole::Product(Role::Pm),
        (false, true) => HeadingRole::Product(Role::Po),
        (false, false) if mentions.iter().any(|m| m.kind == MentionKind::OtherRole) => {
            HeadingRole::NoProductRole
        }
        (false, false) => HeadingRole::Silent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_of_a_named_product_area_lead_product_management() {
        assert!(is_product_leadership_title("Head of Digital Product"));
        assert!(is_product_leadership_title("Head of Member Products"));
        assert!(!is_product_leadership_title(
            "Head of Digital Product Marketing"
        ));
        let vocabulary = RoleVocabulary::default();
        let mentions = vocabulary.mentions("Fairway's Head of Member Products owns the roadmap.");
        assert!(
            mentions
                .iter()
                .any(|mention| mention.kind == MentionKind::OtherRole),
            "{mentions:?}"
        );
    }

    #[test]
    fn a_text_that_spells_pm_out_as_project_manager() {
        let vocabulary = RoleVocabulary::default();
        let text = "PM (Project Manager) for integration projects. As PM you plan the work.";
        assert!(
            vocabulary
                .mentions(text)
                .iter()
                .all(|mention| mention.kind == MentionKind::OtherRole)
        );
        let text = "# Project Manager (PM) - Rollout\n\nAs PM you keep a backlog of tasks. Our Product Manager owns the roadmap.";
        let kinds: Vec<MentionKind> = vocabulary
            .mentions(text)
            .iter()
            .map(|mention| mention.kind)
            .collect();
        assert!(kinds.contains(&MentionKind::Product(Role::Pm)));
        assert!(
            vocabulary
                .mentions(text)
                .iter()
                .filter(|mention| text[mention.range.clone()].starts_with("PM"))
                .all(|mention| mention.kind == MentionKind::OtherRole)
        );
        assert!(
            vocabulary
                .mentions("As PM you own the roadmap.")
                .iter()
                .all(|mention| mention.kind == MentionKind::Product(Role::Pm))
        );
        // A Project Manager's CV that goes on "As PM on the rollout…".
        let text = "# Senior Project Manager\n\nAs PM on the rollout I owned the delivery backlog.";
        assert!(
            vocabulary
                .mentions(text)
                .iter()
                .all(|mention| mention.kind == MentionKind::OtherRole)
        );
        // Beside a Product Owner, "PM" is the Product Manager.
        let text =
            "The Project Manager tracks budget; the PM sets the vision; the PO orders the backlog.";
        assert!(
            vocabulary
                .mentions(text)
                .iter()
                .any(|mention| mention.kind == MentionKind::Product(Role::Pm))
        );
    }

    #[test]
    fn a_name_in_a_name_column_holds_the_title_beside_it() {
        let table = "  Name   Role  \n            \n  Lena   Product Owner  \n  Backlog   Product Owner  \n";
        let at = |needle: &str| {
            let row = table.find(needle).unwrap();
            row + table[row..].find("Product Owner").unwrap()
        };
        assert_eq!(name_in_name_column(table, at("Lena")), Some("Lena"));
        let no_header = "  Area   Role  \n            \n  Lena   Product Owner  \n";
        let row = no_header.find("Lena").unwrap();
        let title = row + no_header[row..].find("Product Owner").unwrap();
        assert_eq!(name_in_name_column(no_header, title), None);
    }

    #[test]
    fn names_in_a_column_under_a_title_hold_it() {
        let text = "  Squad   Product Manager   Product Owner   Lead  \n                 \n  Checkout   Ines Carvalho   Kofi Mensah (60%)   Ruth Adler  \n  Wallet      Kofi Mensah (40%)   Ruth Adler  \n\nKofi orders the backlog.";
        let pm = text.find("Product Manager").unwrap();
        let po = text.find("Product Owner").unwrap();
        let mut read = HashMap::new();
        assert_eq!(
            names_in_column_below(text, &(pm..pm + 15), &mut read),
            vec!["Ines"]
        );
        // The Wallet row lacks a cell: it is not read, so no name slips into the wrong column.
        assert_eq!(
            names_in_column_below(text, &(po..po + 13), &mut read),
            vec!["Kofi"]
        );
        // A title in running text heads no column.
        let text = "Our Product Owner\nKofi Mensah joined us.";
        assert!(names_in_column_below(text, &(4..17), &mut read).is_empty());
    }

    #[test]
    fn a_name_in_the_next_table_cell_holds_the_title() {
        assert_eq!(
            name_in_next_cell("   Marcus Feld   Team backlog  "),
            Some("Marcus")
        );
        assert_eq!(name_in_next_cell("   Notes  "), None);
        assert_eq!(name_in_next_cell("   Eng Lead   Marketing  "), None);
        assert_eq!(name_in_next_cell(" Marcus owns it"), None);
        assert_eq!(
            name_in_next_cell("   Team backlog, sprint delivery  "),
            None
        );
    }

    #[test]
    fn the_person_a_review_is_about() {
        assert_eq!(
            reviewed_person("2024 Annual Performance Review — Kofi Mensah", ""),
            Some("Kofi")
        );
        assert_eq!(
            reviewed_person("Promotion case: Jun Park, Product Owner", ""),
            Some("Jun")
        );
        assert_eq!(
            reviewed_person(
                "ANNUAL PERFORMANCE REVIEW 2024",
                "Employee:        Tomasz Wilk\nPosition: Product Owner"
            ),
            Some("Tomasz")
        );
        assert_eq!(reviewed_person("Annual review 2024", "Some text."), None);
    }

    #[test]
    fn the_person_a_profile_is_about() {
        assert_eq!(
            profiled_person("Malik Osei — Product Owner, Small Business Claims").map(|p| p.0),
            Some("Malik")
        );
        assert_eq!(
            profiled_person("Ana María Ruiz, Product Manager").map(|p| p.0),
            Some("Ana")
        );
        assert_eq!(profiled_person("Product Owner — Claims"), None);
        assert_eq!(profiled_person("Payments squad"), None);
    }

    #[test]
    fn a_byline_is_not_a_title() {
        assert!(is_byline(
            "**Aino Virtanen** · Head of Product at Kasvu Savings"
        ));
        assert!(is_byline("Priya Nair | Product Owner at Bloom"));
        assert!(is_byline(
            "**#team-payments** · posted by Lucas Ferreira (Head of Product)"
        ));
        assert!(is_byline(
            "**#wms-squad** · Gabriel Nunes (Product Manager)"
        ));
        assert!(!is_byline("Product Owner · Payments · Berlin"));
        assert!(!is_byline("Senior Product Manager, Growth"));
    }

    #[test]
    fn one_word_titles_of_posts_written_in_english_abroad() {
        let vocabulary = RoleVocabulary::default();
        let kinds = |text: &str| -> Vec<MentionKind> {
            vocabulary
                .mentions(text)
                .into_iter()
                .map(|mention| mention.kind)
                .collect()
        };
        let (pm, po) = (
            MentionKind::Product(Role::Pm),
            MentionKind::Product(Role::Po),
        );
        assert_eq!(kinds("Produktmanager (m/w/d) and a Productowner"), [pm, po]);
        assert_eq!(
            kinds("Chef de produit (H/F), Jefe de producto, Dueño de producto"),
            [pm, pm, po]
        );
    }

    #[test]
    fn a_name_and_a_dash_before_a_title() {
        assert_eq!(
            name_before_dash("intro\n- **Lena Morales** — "),
            Some("Lena")
        );
        assert_eq!(name_before_dash("Tomás – "), Some("Tomás"));
        assert_eq!(name_before_dash("   🧭 Kenji — "), Some("Kenji"));
        assert_eq!(name_before_dash("- Roadmap and vision — "), None);
        assert_eq!(name_before_dash("Lena Morales "), None);
        assert_eq!(name_before_dash("the team — "), None);
    }

    #[test]
    fn a_full_name_and_a_comma_before_a_title() {
        assert_eq!(
            name_before_comma("# Annual review: Dana Kowalczyk, "),
            Some("Dana")
        );
        assert_eq!(
            name_before_comma("x\n# H1 Self-Assessment — Priya Nair, "),
            Some("Priya")
        );
        assert_eq!(name_before_comma("Customer Success, "), None);
        assert_eq!(name_before_comma("Sales, "), None);
        assert_eq!(name_before_comma("We hired Dana Kowalczyk, "), None);
        assert_eq!(name_before_comma("Dana Kowalczyk "), None);
    }

    fn kinds(text: &str) -> Vec<(MentionKind, String)> {
        RoleVocabulary::default()
            .mentions(text)
            .into_iter()
            .map(|mention| (mention.kind, text[mention.range].to_string()))
            .collect()
    }

    #[test]
    fn a_long_text_splits_only_where_no_title_can_run_across() {
        assert_eq!(safe_split_after("Own it.\n\nNext", 0), Some(9));
        // A paragraph that ends in a word, or in "Sr.", could continue a title.
        assert_eq!(safe_split_after("Senior\n\nProduct Manager", 0), None);
        // The look back is short (a long blank run is no place to split): reading back over
        // blanked comments at every blank line made a long document quadratic.
        let blank_run = format!("Done.{}\n\nNext", " ".repeat(300));
        assert_eq!(safe_split_after(&blank_run, 0), None);
        assert_eq!(
            safe_split_after("Hiring a Sr.\n\nProduct Manager.\n\nNext", 0),
            Some(32)
        );
        // Read in parallel spans, a long text finds what one pass finds.
        let vocabulary = RoleVocabulary::default();
        let mut text = String::new();
        for index in 0..4000 {
            text.push_str(&format!(
                "The Product Owner {index} orders the backlog; the PM sets the vision.\n\n\
                 Hiring a Sr.\n\nProduct Manager and a Head of Product.\n\n"
            ));
        }
        let alone = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool")
            .install(|| vocabulary.mentions(&text));
        let shared = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .expect("pool")
            .install(|| {
                assert!(vocabulary.independent_spans(&text).len() > 1);
                vocabulary.mentions(&text)
            });
        assert_eq!(alone, shared);
    }

    #[test]
    fn titles_and_abbreviations() {
        assert_eq!(
            kinds("The Senior Product Manager and the proxy product owner; PMs and POs."),
            vec![
                (
                    MentionKind::Product(Role::Pm),
                    "Senior Product Manager".to_string()
                ),
                (
                    MentionKind::Product(Role::Po),
                    "proxy product owner".to_string()
                ),
                (MentionKind::Product(Role::Pm), "PMs".to_string()),
                (MentionKind::Product(Role::Po), "POs".to_string()),
            ]
        );
        // "PdM" is a common short form of Product Manager on job boards; "pdm" is not.
        assert_eq!(
            kinds("Sr. PdM, Habits (pdm team)"),
            vec![(MentionKind::Product(Role::Pm), "PdM".to_string())]
        );
    }

    #[test]
    fn delivery_and_scaled_agile_roles_are_not_product_roles() {
        for title in [
            "Delivery Lead",
            "Release Manager",
            "Epic Owner",
            "Business Owners",
            "Solution Manager",
        ] {
            assert_eq!(
                kinds(&format!("Our {title} keeps a backlog.")),
                vec![(MentionKind::OtherRole, title.to_string())],
                "{title}"
            );
        }
    }

    #[test]
    fn other_roles_are_not_product_roles() {
        for text in [
            "Product Marketing Manager",
            "Project Manager",
            "Scrum Master",
            "Program Manager",
            // A start-up's founder often keeps the vision: that is not the reader's duty.
            "our founder",
            "Tom, our co-founder",
        ] {
            assert_eq!(kinds(text)[0].0, MentionKind::OtherRole, "{text}");
        }
    }

    #[test]
    fn lowercase_and_false_abbreviations_are_ignored() {
        assert!(kinds("Meet at 3 PM, send it to PO Box 12, raise a PO number").is_empty());
        assert!(kinds("the pm slot and po files").is_empty());
        assert_eq!(kinds("work with our 2 POs").len(), 1);
    }

    #[test]
    fn named_role_holders_stand_for_their_role() {
        let text =
            "Tom is the Product Owner. Priya is our Product Manager. Tom writes; Priya decides.";
        let named: Vec<(MentionKind, String)> = kinds(text)
            .into_iter()
            .filter(|(_, name)| name == "Tom" || name == "Priya")
            .collect();
        assert_eq!(
            named,
            vec![
                (MentionKind::Product(Role::Po), "Tom".to_string()),
                (MentionKind::Product(Role::Pm), "Priya".to_string()),
                (MentionKind::Product(Role::Po), "Tom".to_string()),
                (MentionKind::Product(Role::Pm), "Priya".to_string()),
            ]
        );
        let text = "Two Product Owners, Marta and Jon. Marta and Jon own the backlogs.";
        assert_eq!(
            kinds(text)
                .iter()
                .filter(|(kind, _)| *kind == MentionKind::Product(Role::Po))
                .count(),
            5
        );
        // The holder of a joined title holds neither role.
        let text = "| Product Manager/Owner | Priya Nandakumar |\n\nPriya owns the backlog.";
        assert!(
            kinds(text)
                .iter()
                .all(|(_, name)| !name.starts_with("Priya"))
        );
        // A review's opening: "Kofi joined the Checkout squad in 2023 as Product Owner."
        let text =
            "Kofi joined the Checkout squad in 2023 as Product Owner. Kofi owns the backlog.";
        assert_eq!(
            kinds(text)
                .iter()
                .filter(|(kind, name)| *kind == MentionKind::Product(Role::Po) && name == "Kofi")
                .count(),
            2
        );
        // Meeting notes: "Dana Whitfield [Product Manager], Ole Brandt [Product Owner]".
        let text = "**Attendees:** Dana Whitfield [Product Manager], Ole Brandt [Product Owner]\n\n- Ole owns the backlog.\n- Dana keeps the roadmap.";
        let named: Vec<(MentionKind, String)> = kinds(text)
            .into_iter()
            .filter(|(_, name)| name == "Ole" || name == "Dana")
            .collect();
        assert_eq!(
            named,
            vec![
                (MentionKind::Product(Role::Pm), "Dana".to_string()),
                (MentionKind::Product(Role::Po), "Ole".to_string()),
                (MentionKind::Product(Role::Po), "Ole".to_string()),
                (MentionKind::Product(Role::Pm), "Dana".to_string()),
            ]
        );
        // The title line "Senior Product Manager — Clinic Records" names the product; the same
        // shape further down names a person.
        let text = "Senior Product Manager — Clinic Records\n\nClinic Records has two squads.\n\n### Product Owner — Ruth Adeyemi\n\nRuth writes the stories.";
        let named: Vec<(MentionKind, String)> = kinds(text)
            .into_iter()
            .filter(|(_, name)| name == "Clinic" || name == "Ruth")
            .collect();
        assert_eq!(
            named,
            vec![
                (MentionKind::Product(Role::Po), "Ruth".to_string()),
                (MentionKind::Product(Role::Po), "Ruth".to_string()),
            ]
        );
        // A title line such as "Product Owner, Payments" names a team, not a person.
        assert_eq!(kinds("Product Owner, Payments\n\nPayments grow.").len(), 1);
        // A heading's last word is no first name of the person named on the next line.
        let text = "## Roles\n\nDana is our Product Manager.\n\nRoles change; Dana decides.";
        assert!(
            kinds(text)
                .iter()
                .all(|(kind, name)| name != "Roles" || *kind != MentionKind::Product(Role::Pm)),
            "{:?}",
            kinds(text)
        );
        // The last mention of each text: the person named, standing for the role.
        for (text, role, name) in [
            (text, Role::Pm, "Dana"),
            (
                "Everyone, meet **Ola Berg**, our new Product Owner!\n\nOla orders the backlog.",
                Role::Po,
                "Ola",
            ),
            (
                "## Product Manager (Dana Whitfield)\n\nDana sets the vision.",
                Role::Pm,
                "Dana",
            ),
            (
                "**Product Manager (Anna):** Anna sets the strategy.",
                Role::Pm,
                "Anna",
            ),
        ] {
            assert_eq!(
                kinds(text).last(),
                Some(&(MentionKind::Product(role), name.to_string())),
                "{text}"
            );
        }
        let text = "The roadmap is the Head of Loyalty (our Product Manager).\n\nLoyalty App.";
        assert!(kinds(text).iter().all(|(_, name)| name != "Loyalty"));
        // A possessive title is not a naming, and a name given both roles names neither.
        assert_eq!(
            kinds("Success is the Product Manager's goal. Success").len(),
            1
        );
        let both = "Sam is the Product Owner. Sam is the Product Manager. Sam decides.";
        assert!(kinds(both).iter().all(|(_, text)| text != "Sam"));
        // Latin letters beyond ASCII, and namings without an article or in a heading.
        let text = "Tomás Wirth is Product Manager for Merchant Tools. Łucja joins as Product Owner for the teams.\n\n### Product Owner (Ines)\n\nTomás, Łucja and Ines agree.";
        let named: Vec<String> = kinds(text)
            .into_iter()
            .filter(|(kind, _)| matches!(kind, MentionKind::Product(_)))
            .map(|(_, name)| name)
            .filter(|name| !name.contains("Product"))
            .collect();
        assert_eq!(
            named,
            vec!["Tomás", "Łucja", "Ines", "Tomás", "Łucja", "Ines"]
        );
    }

    #[test]
    fn product_lead_is_a_product_manager_title() {
        assert_eq!(
            kinds("Product Lead, Savings"),
            vec![(MentionKind::Product(Role::Pm), "Product Lead".to_string())]
        );
        assert!(kinds("a product-led company").is_empty());
    }

    #[test]
    fn aliases_extend_the_vocabulary() {
        let vocabulary = RoleVocabulary::new(
            &["Product Lead".to_string()],
            &["Delivery Owner".to_string()],
        )
        .unwrap();
        let mentions = vocabulary.mentions("Our Product Lead works with the delivery owner.");
        assert_eq!(mentions.len(), 2);
        assert_eq!(mentions[0].kind, MentionKind::Product(Role::Pm));
        assert_eq!(mentions[1].kind, MentionKind::Product(Role::Po));
    }

    #[test]
    fn a_person_given_the_other_title_later_is_retitled() {
        let vocabulary = RoleVocabulary::default();
        let text = "Aiko Tanaka is the Product Owner for the platform.\n\n\
                    If Aiko, our Product Manager, is on leave, the tech lead accepts items.\n";
        let (mentions, retitled) = vocabulary.mentions_and_retitles(text);
        assert_eq!(retitled.len(), 1, "{retitled:?}");
        assert_eq!(&text[retitled[0].title.clone()], "Product Manager");
        assert_eq!(retitled[0].role, Role::Pm);
        // Named by both titles, the name stands for neither role.
        assert!(
            !mentions
                .iter()
                .any(|mention| &text[mention.range.clone()] == "Aiko"),
            "{mentions:?}"
        );
        // "X's role as Product Owner" names its holder too.
        let text = "Priya is our Product Manager.\n\nTomás Lindqvist's role as Product Owner \
                    for the video team stays.\n\nAsk Tomás, our product manager for video.\n";
        let (_, retitled) = vocabulary.mentions_and_retitles(text);
        assert_eq!(retitled.len(), 1, "{retitled:?}");
        // Two people, one title each: nothing.
        let text = "Mara is our Product Owner and Jonas is our Product Manager.\n\n\
                    Ask Mara, our Product Owner.\n";
        assert!(vocabulary.mentions_and_retitles(text).1.is_empty());
    }
}
