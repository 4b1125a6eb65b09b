//! Word lists for reading a clause: ownership verbs, collaboration, negation, and the small
//! words that end a verb's reach. Clause understanding lives here, not in rule files, because
//! it is the same for every responsibility.

use std::collections::HashSet;

/// Word forms, looked up once per word of every clause read: a fast fixed hasher, as these
/// keys are the lexicon's own words, not input an attacker chooses.
type Forms = HashSet<String, foldhash::fast::FixedState>;
use std::sync::OnceLock;

/// Verbs (by stem) that give the subject ownership of what follows.
const OWNERSHIP_STEMS: &[&str] = &[
    "own",
    "define",
    "set",
    "drive",
    "decide",
    "determine",
    "lead",
    "manage",
    "create",
    "write",
    // "spell out the acceptance criteria".
    "spell",
    "build",
    "develop",
    "establish",
    "run",
    "conduct",
    "perform",
    "maintain",
    "shape",
    "craft",
    "formulate",
    "plan",
    "prioritize",
    "prioritise",
    "order",
    "groom",
    "refine",
    "research",
    "analyze",
    "analyse",
    "study",
    "oversee",
    "head",
    "direct",
    "champion",
    "execute",
    "handle",
    "chart",
    "produce",
    "author",
    "draft",
    // "Redact the user stories": a job ad's calque of "rédiger", "redactar" (to write).
    "redact",
    "devise",
    "price",
    "position",
    "launch",
    "schedule",
    "curate",
    "steer",
    "control",
    "organize",
    "organise",
    "rank",
    "sequence",
    "pick",
    "choose",
    "select",
    "approve",
    "sign",
    "accept",
    "reject",
    "facilitate",
    "identify",
    "investigate",
    "explore",
    "assess",
    "evaluate",
    "gather",
    "conceive",
    "design",
    "articulate",
    "take",
    "hold",
    "keep",
    "interview",
    "elaborate",
    "specify",
    "update",
    // "carry out market research", "undertake competitor reviews", "spearhead the strategy".
    "carry",
    "carries",
    "carried",
    "undertake",
    "undertook",
    "undertaken",
    "spearhead",
    "orchestrate",
    "prepare",
    "compile",
    // "generate the roadmap", "outline the strategy", "envision the product's future".
    "generate",
    "outline",
    "envision",
    "conceptualize",
    "conceptualise",
    "frame",
    // "size the market".
    "size",
];

/// Adjectives and nouns that, with a following preposition, express ownership
/// ("responsible for", "in charge of", "owner of").
const OWNERSHIP_HOLDERS: &[&str] = &[
    "responsible",
    "responsibility",
    "responsibilities",
    "accountable",
    "accountability",
    "charge",
    "owner",
    "owners",
    "ownership",
    "authority",
    "duties",
    "duty",
    "include",
    "includes",
    "including",
    // "tasked with the roadmap", "decisions about the vision", "custodian of the backlog".
    "tasked",
    "entrusted",
    "decision-maker",
    "decision-makers",
    "custodian",
    "guardian",
    "steward",
    "gatekeeper",
    "decision",
    "decisions",
];

/// Verbs that turn what follows into a contribution rather than ownership.
const COLLABORATION_STEMS: &[&str] = &[
    "contribute",
    "support",
    "help",
    "assist",
    "collaborate",
    "input",
    "feedback",
    // "gives context for the ordering of the backlog".
    "context",
    // "Leaving backlog decisions to the teams", "delegate sprint planning to the PO".
    "leave",
    "delegate",
    "align",
    "understand",
    "follow",
    "communicate",
    "share",
    "translate",
    "turn",
    "break",
    "inform",
    "participate",
    "attend",
    "join",
    "coordinate",
    "consult",
    "advise",
    "feed",
    "review",
    "check",
    "explain",
    "present",
    "learn",
    "use",
    "apply",
    "implement",
    "reflect",
    "challenge",
    "respect",
    "protect",
    "connect",
    "link",
    "represent",
    "advocate",
    "bring",
    "refer",
    "escalate",
    "report",
    "hand",
    "receive",
    "liaise",
    "observe",
    "watch",
    "read",
    "consider",
    "inherit",
    "fit",
    "aligned",
    "based",
    "derived",
    "respond",
    "monitor",
    "influence",
    "shadow",
];

/// Words after which an earlier verb no longer governs the object.
const BREAKERS: &[&str] = &[
    "with",
    "to",
    "that",
    "which",
    "who",
    "whom",
    "so",
    "because",
    "into",
    "by",
    "from",
    "against",
    "than",
    "per",
    "via",
    "using",
    "through",
    "while",
    "whereas",
    "where",
    "when",
    "if",
    "as",
    "about",
    "on",
    "in",
    "for",
    "of",
    "at",
    "under",
    "within",
    "across",
    "between",
    "like",
    "such",
    "including",
    "towards",
    "toward",
    "after",
    "before",
    "during",
    "behind",
];

/// Quantifiers that let "of" pass ("most of the user stories").
const QUANTIFIERS: &[&str] = &[
    "most",
    "all",
    "some",
    "many",
    "each",
    "any",
    "part",
    "much",
    "both",
    "none",
    "one",
    // Aspects of a thing, which whoever decides them owns: "decide the order of the backlog",
    // "set the direction of the product", "own the scope of each release".
    "order",
    "ordering",
    "priority",
    "priorities",
    "scope",
    "content",
    "contents",
    "direction",
    "shape",
    "future",
    // A run of the work: "run a programme of customer interviews".
    "programme",
    "program",
    "series",
    "round",
    "rounds",
    // A share of the thing: "own their squad's slice of the roadmap".
    "slice",
    "slices",
    "portion",
    "piece",
    "section",
];

/// Words that deny what follows in the clause.
const NEGATIONS: &[&str] = &[
    "not",
    "never",
    "no",
    "nor",
    "neither",
    "won't",
    "wont",
    "don't",
    "dont",
    "doesn't",
    "doesnt",
    "isn't",
    "aren't",
    "can't",
    "cannot",
    "shouldn't",
    "without",
    "instead",
    "rather",
    "nobody",
    "won’t",
    "don’t",
    "doesn’t",
    "isn’t",
    "aren’t",
    "can’t",
    "shouldn’t",
    "wouldn't",
    "wouldn’t",
    "avoid",
    "avoids",
    "none",
];

/// Nouns that name a role's remit, so that a denial next to them takes the remit away:
/// "isn't part of this job", "is not your responsibility", "not within your remit".
const REMIT_WORDS: &[&str] = &[
    "part",
    "yours",
    // "Pricing and packaging are not mine", said by the role's holder.
    "mine",
    "ours",
    "job",
    "role",
    "remit",
    "scope",
    "responsibility",
    "responsibilities",
    "duty",
    "duties",
    "concern",
    "brief",
    "mandate",
    "task",
    "tasks",
    "focus",
];

/// Is this lower-case token a word for a role's remit ("responsibility", "job", "call")?
pub fn is_remit_word(token: &str) -> bool {
    REMIT_WORDS.contains(&token) || matches!(token, "call" | "decision" | "area")
}

/// Verbs that place a responsibility with someone: "belongs to the PM", "sits with marketing",
/// "stays with the client", "falls outside this role", "moves to the tech leads".
const PLACEMENT_STEMS: &[&str] = &[
    "belong", "sit", "stay", "remain", "rest", "lie", "fall", "live", "move", "pass", "transfer",
    "shift",
];

/// Is this lower-case token a verb that places a responsibility ("belongs", "sits", "stays")?
fn is_placement_verb(token: &str) -> bool {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    matches_stem(token, &FORMS, PLACEMENT_STEMS)
}

/// Possessives that, after a form of "be", give what precedes to someone else ("are theirs").
const OTHER_POSSESSIVES: &[&str] = &["theirs", "his", "hers"];

/// Could this word open one of the shapes `is_disowned_after` reads? A cheap test that spares
/// most clauses the full reading.
pub fn may_start_disowning(word: &str) -> bool {
    // One lookup in one set: this runs for every word after every object the rules find.
    static STARTERS: OnceLock<Forms> = OnceLock::new();
    let starters = STARTERS.get_or_init(|| {
        let mut starters = inflections(PLACEMENT_STEMS);
        starters.extend(
            NEGATIONS
                .iter()
                .chain(OTHER_POSSESSIVES)
                .chain(&["left", "out", "outside"])
                .map(|word| word.to_string()),
        );
        starters
    });
    starters.contains(word)
        || word.ends_with("n't")
        || word.ends_with("n’t")
        || (word.starts_with("re-") || word.starts_with("co-")) && is_placement_verb(word)
}

/// Is the responsibility before these words taken away from the clause's actor by what follows
/// it? `after` are the lower-case words from the object on, in clause order.
///
/// Reads three shapes: a denied remit ("… isn't part of this job", "… is not yours"), a
/// placement elsewhere ("… belongs to the Product Manager", "… is left to marketing",
/// "… falls outside this role", "… is out of scope") and another's possession ("… are theirs").
pub fn is_disowned_after(after: &[&str]) -> bool {
    for (index, word) in after.iter().enumerate() {
        let next = after.get(index + 1).copied();
        let next_two = after.get(index + 2).copied();
        if is_negation(word)
            && after[index + 1..]
                .iter()
                .take(4)
                .any(|later| REMIT_WORDS.contains(later))
        {
            return true;
        }
        // "… and a roadmap I don't own": a relative clause right after the object denies it.
        if (2..=4).contains(&index)
            && matches!(after[index - 1], "i" | "we" | "you")
            && is_negation(word)
            && next.is_some_and(|verb| is_ownership_verb(verb) || verb == "control")
        {
            return true;
        }
        // "including the move to the cloud": after a determiner the word is a noun.
        let after_determiner = index > 0
            && matches!(
                after[index - 1],
                "the" | "a" | "an" | "this" | "that" | "its" | "our" | "their"
            );
        if is_placement_verb(word)
            && !after_determiner
            && matches!(
                next,
                Some("with" | "to" | "outside" | "elsewhere" | "beyond")
            )
            && !matches!(next_two, Some("you" | "this" | "yourself"))
        {
            return true;
        }
        if *word == "left" && next == Some("to") && next_two != Some("you") {
            return true;
        }
        if (*word == "out" && next == Some("of") && next_two == Some("scope"))
            || (*word == "outside"
                && after[index + 1..]
                    .iter()
                    .take(3)
                    .any(|later| REMIT_WORDS.contains(later)))
        {
            return true;
        }
        // "… are his" gives it away; "… are his main stakeholders" only says whose they are.
        let stands_alone = *word != "his"
            || matches!(
                next,
                None | Some("and" | "or" | "but" | "alone" | "now" | "too" | "to" | "entirely")
            );
        if OTHER_POSSESSIVES.contains(word)
            && stands_alone
            && index > 0
            && matches!(
                after[index - 1],
                "are" | "is" | "remain" | "remains" | "stay" | "stays"
            )
        {
            return true;
        }
    }
    false
}

/// Does a heading announce that its section lists what a role does *not* do
/// ("What this role is not", "Outside your remit", "Out of scope")?
pub fn is_denying_heading(text: &str) -> bool {
    const DENYING: &[&str] = &[
        "not",
        "isn't",
        "isn’t",
        "aren't",
        "aren’t",
        "won't",
        "won’t",
        "don't",
        "don’t",
        "doesn't",
        "doesn’t",
        "never",
        "non",
        "nor",
        "outside",
        "exclusions",
        "excluded",
    ];
    // "Am I a feature-factory PM? Our roadmap never looks past two sprints": after a question
    // the heading tells a story; only its first sentence can head a list of what is denied.
    let text = match text.find(['?', '!']) {
        Some(mark) if !text[mark + 1..].trim().is_empty() => &text[..mark],
        _ => text,
    };
    let mut previous: [&str; 2] = ["", ""];
    let mut words = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|word| !word.is_empty())
        .peekable();
    while let Some(word) = words.next() {
        if DENYING
            .iter()
            .any(|denying| word.eq_ignore_ascii_case(denying))
        {
            // "Your Product Owner is not a mini-CEO" says what the role is not like; the
            // duties under it are still the role's.
            let after_is = ["is", "are"]
                .iter()
                .any(|verb| previous[1].eq_ignore_ascii_case(verb))
                || !word.eq_ignore_ascii_case("not");
            let names_a_likeness = after_is
                && words
                    .next_if(|next| {
                        next.eq_ignore_ascii_case("a") || next.eq_ignore_ascii_case("an")
                    })
                    .is_some()
                && words.peek().is_some();
            if !names_a_likeness {
                return true;
            }
        }
        if word.eq_ignore_ascii_case("scope")
            && previous[0].eq_ignore_ascii_case("out")
            && previous[1].eq_ignore_ascii_case("of")
        {
            return true;
        }
        previous = [previous[1], word];
    }
    false
}

/// Does a table's column or row header announce what a role keeps away from ("Stays out of",
/// "Leaves to others")? Only a short header says that of every cell under it.
pub fn is_abstaining_header(text: &str) -> bool {
    const ABSTAINING: &[&str] = &[
        "stays out of",
        "stay out of",
        "keeps out of",
        "keep out of",
        "leaves to",
        "leave to",
        "hands off",
    ];
    contains_any_phrase(text, ABSTAINING)
}

/// Does the text hold any of these lower-case phrases, in any case?
fn contains_any_phrase(text: &str, phrases: &[&str]) -> bool {
    let lower = text.to_lowercase();
    phrases.iter().any(|phrase| lower.contains(phrase))
}

/// Does a heading (a table column's, usually) announce what a role contributes to rather than
/// owns ("Contributes to", "Supports", "Consulted on", "Gives input to")?
pub fn is_contributing_heading(text: &str) -> bool {
    const CONTRIBUTING: &[&str] = &[
        "contributes",
        "contribute",
        "contributing",
        "contribution",
        "contributions",
        "supports",
        "support",
        "supporting",
        "consulted",
        "input",
        "helps",
        "assists",
        "informed",
    ];
    text.split(|c: char| !c.is_alphanumeric()).any(|word| {
        CONTRIBUTING
            .iter()
            .any(|known| word.eq_ignore_ascii_case(known))
    })
}

/// Pronouns that carry the subject of the previous sentence.
pub const CARRY_PRONOUNS: &[&str] = &["they", "he", "she", "this person", "the role holder"];

/// How far back (in words) an ownership verb may stand from its object.
pub const VERB_REACH: usize = 6;

/// Every inflected form of the stems: the stem, -s, -es, -ed, -d, -ing, the forms of a
/// stem ending in -e, and doubled final consonants ("planned", "setting").
fn inflections(stems: &[&str]) -> Forms {
    let mut forms = Forms::default();
    for stem in stems {
        for suffix in ["", "s", "es", "ed", "d", "ing"] {
            forms.insert(format!("{stem}{suffix}"));
        }
        if let Some(base) = stem.strip_suffix('e') {
            for suffix in ["ing", "ed", "es"] {
                forms.insert(format!("{base}{suffix}"));
            }
        }
        if let Some(last) = stem.chars().last().filter(|c| !"aeiouwy".contains(*c)) {
            for suffix in ["ing", "ed"] {
                forms.insert(format!("{stem}{last}{suffix}"));
            }
        }
    }
    forms
}

/// Looks a lower-case token up in a set of inflected forms; "re-order" and "co-own" count
/// as "order" and "own".
fn matches_stem(token: &str, forms: &OnceLock<Forms>, stems: &[&str]) -> bool {
    is_form(token, forms.get_or_init(|| inflections(stems)))
}

/// Looks a lower-case token up in a set of forms, reading "re-order" as "order".
fn is_form(token: &str, forms: &Forms) -> bool {
    let mut token = token;
    // `strip_prefix` with a &str compares bytes; `trim_start_matches` would build a
    // substring searcher on every call.
    while let Some(rest) = token.strip_prefix("re-") {
        token = rest;
    }
    while let Some(rest) = token.strip_prefix("co-") {
        token = rest;
    }
    forms.contains(token)
}

/// Is this lower-case token a form of "work" or "partner", a collaboration only with "with"
/// after it ("the team works on", "store partners" are not)?
pub fn is_work_verb(token: &str) -> bool {
    matches!(
        token,
        "work"
            | "works"
            | "worked"
            | "working"
            | "partner"
            | "partners"
            | "partnered"
            | "partnering"
    )
}

/// Is this lower-case token an ownership verb in any of its forms?
pub fn is_ownership_verb(token: &str) -> bool {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    // One lookup for regular and irregular forms alike: this runs for nearly every word
    // before an object.
    let forms = FORMS.get_or_init(|| {
        let mut forms = inflections(OWNERSHIP_STEMS);
        forms.extend(
            IRREGULAR_OWNERSHIP_FORMS
                .iter()
                .map(|form| form.to_string()),
        );
        forms
    });
    is_form(token, forms)
}

/// Past forms of ownership verbs that the suffix rules do not make: "I wrote the stories",
/// "she led the discovery work".
const IRREGULAR_OWNERSHIP_FORMS: &[&str] = &[
    "wrote",
    "written",
    "drove",
    "driven",
    "led",
    "built",
    "ran",
    "chose",
    "chosen",
    "took",
    "taken",
    "held",
    "kept",
    "undertook",
    "undertaken",
];

/// Words that make "make X …" a matter of showing or enabling X, not of making it: "make the
/// roadmap visible", "make the backlog easy to read", "make the launch happen".
pub fn is_make_complement(token: &str) -> bool {
    matches!(
        token,
        "visible"
            | "transparent"
            | "available"
            | "accessible"
            | "clear"
            | "clearer"
            | "understandable"
            | "known"
            | "easy"
            | "easier"
            | "public"
            | "consistent"
            | "ready"
            | "happen"
            | "possible"
            | "work"
            | "better"
            | "simpler"
            | "useful"
            | "real"
            | "count"
    )
}

/// Is this lower-case token an ownership adjective or noun ("responsible", "owner")?
pub fn is_ownership_holder(token: &str) -> bool {
    OWNERSHIP_HOLDERS.contains(&token)
}

/// Nouns that turn a responsibility into a skill a candidate brings ("pricing experience").
const SKILL_NOUNS: &[&str] = &[
    "experience",
    "experienced",
    "knowledge",
    "skills",
    "skill",
    "skilled",
    "background",
    "familiarity",
    "familiar",
    "exposure",
    "understanding",
    "expertise",
    "certification",
    "certified",
    "degree",
    "years",
    "proficiency",
    "proven",
];

/// Does the text just before a role's name set the role against the subject rather than
/// hand it the work: "overlaps with the …", "unlike the …", "instead of the …"?
pub fn contrasts_before(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .any(|word| {
            let word = word.to_ascii_lowercase();
            word.starts_with("overlap")
                || word.starts_with("replac")
                || matches!(
                    word.as_str(),
                    "unlike" | "instead" | "rather" | "without" | "despite" | "conflicts"
                )
        })
}

/// Nouns of taking part rather than owning ("roadmap alignment", "pricing input").
pub fn is_collaboration_noun(token: &str) -> bool {
    matches!(
        token,
        "alignment"
            | "input"
            | "inputs"
            | "feedback"
            | "support"
            | "collaboration"
            | "contribution"
            | "contributions"
            | "coordination"
            | "communication"
            | "participation"
            | "awareness"
            | "visibility"
            | "insight"
            | "insights"
            | "liaison"
            | "handover"
            | "hand-off"
            | "walkthrough"
            | "walkthroughs"
    )
}

/// Nouns of a deed whose object follows "of": "a monthly scan of competing apps", "the
/// annual review of competitors".
const DEED_NOUNS: &[&str] = &[
    "scan",
    "scans",
    "review",
    "reviews",
    "audit",
    "audits",
    "survey",
    "surveys",
    "study",
    "studies",
    "assessment",
    "evaluation",
    "benchmark",
    "mapping",
    "overview",
    "analysis",
    "analyses",
    "comparison",
    "comparisons",
    "research",
];

/// Is this lower-case token the noun of a deed ("review", "scan", "analysis")?
pub fn is_deed_noun(token: &str) -> bool {
    DEED_NOUNS.contains(&token)
}

/// Is this lower-case token a word for a candidate's skill or experience?
pub fn is_skill_noun(token: &str) -> bool {
    SKILL_NOUNS.contains(&token)
}

/// Does a heading open a section of requirements, skills, benefits or company background,
/// where a bare noun names no duty ("Requirements", "About you", "What we offer")?
pub fn is_non_duty_heading(text: &str) -> bool {
    const MARKERS: &[&str] = &[
        "requirement",
        "qualification",
        "skill",
        "experience",
        "about you",
        "about us",
        "you have",
        "you bring",
        "you'll bring",
        "you’ll bring",
        "profile",
        "nice to have",
        "bonus",
        "ideal",
        "who you are",
        "look for",
        "looking for",
        "background",
        "competenc",
        "education",
        "benefit",
        "offer",
        "perks",
        "salary",
        "compensation",
        "company",
        "who we are",
        "tools",
        "technolog",
    ];
    contains_any_phrase(text, MARKERS)
}

/// Nouns that, right after a responsibility, make it owned: "roadmap ownership", "backlog
/// management", "pricing decisions", "strategy definition".
const OWNERSHIP_NOUNS: &[&str] = &[
    "ownership",
    "owner",
    "owners",
    "management",
    "decisions",
    "decision",
    "definition",
    "creation",
    "authorship",
    "accountability",
];

/// Is this lower-case token a noun of ownership ("ownership", "management")?
pub fn is_ownership_noun(token: &str) -> bool {
    OWNERSHIP_NOUNS.contains(&token)
}

/// Verbs that turn one thing into another ("translate the vision into stories"): what comes
/// after "into" is made by the subject.
const CONVERSION_STEMS: &[&str] = &[
    "translate",
    "turn",
    "break",
    "convert",
    "distil",
    "distill",
    "decompose",
    "split",
    "slice",
];

/// Is this lower-case token a verb that makes something out of something else?
pub fn is_conversion_verb(token: &str) -> bool {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    matches_stem(token, &FORMS, CONVERSION_STEMS) || matches!(token, "broke" | "broken")
}

/// Is this lower-case token a collaboration verb in any of its forms?
pub fn is_collaboration_verb(token: &str) -> bool {
    static FORMS: OnceLock<Forms> = OnceLock::new();
    matches_stem(token, &FORMS, COLLABORATION_STEMS)
}

/// Does this lower-case token end a verb's reach?
pub fn is_breaker(token: &str) -> bool {
    BREAKERS.contains(&token)
}

pub fn is_quantifier(token: &str) -> bool {
    QUANTIFIERS.contains(&token)
}

/// Is this lower-case token a negation?
/// Does `text` open with `prefix`, ignoring ASCII case? Read in bytes, so that a cut inside a
/// multi-byte character is no concern.
pub fn starts_with_ignoring_case(text: &[u8], prefix: &[u8]) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

pub fn is_negation(token: &str) -> bool {
    static SET: OnceLock<Forms> = OnceLock::new();
    SET.get_or_init(|| NEGATIONS.iter().map(|word| word.to_string()).collect())
        .contains(token)
        || token.ends_with("n't")
        || token.ends_with("n’t")
}

/// Fields that name who keeps, wrote or approves a page ("Owner:", "Written by:"), not the
/// role whose duties it lists.
pub fn is_page_keeper_field(field: &str) -> bool {
    matches!(
        field,
        "owner"
            | "page owner"
            | "document owner"
            | "doc owner"
            | "author"
            | "authors"
            | "written by"
            | "maintained by"
            | "maintainer"
            | "contact"
            | "reviewer"
            | "reviewers"
            | "reviewed by"
            | "approver"
            | "approved by"
            | "prepared by"
            | "editor"
            | "sponsor"
            | "last updated by"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_may_start_a_disowning() {
        for word in [
            "not",
            "never",
            "won’t",
            "shouldn't",
            "theirs",
            "outside",
            "left",
            "belongs",
            "sits",
            "remained",
            "falls",
        ] {
            assert!(may_start_disowning(word), "{word}");
        }
        for word in ["owns", "roadmap", "the", "sitter", "belonging-ish"] {
            assert!(!may_start_disowning(word), "{word}");
        }
    }

    #[test]
    fn verb_forms() {
        for word in [
            "own",
            "owns",
            "owned",
            "owning",
            "defines",
            "defining",
            "writes",
            "set",
            "sets",
            "setting",
            "re-order",
            "prioritizes",
            "runs",
            "running",
        ] {
            assert!(is_ownership_verb(word), "{word}");
        }
        for word in ["contributes", "supporting", "helps", "aligned"] {
            assert!(is_collaboration_verb(word), "{word}");
            assert!(!is_ownership_verb(word), "{word}");
        }
        for word in [
            "carry",
            "undertakes",
            "spearheading",
            "prepared",
            "outlines",
            "wrote",
            "led",
            "drove",
        ] {
            assert!(is_ownership_verb(word), "{word}");
        }
        for word in ["translates", "broken", "slicing"] {
            assert!(is_conversion_verb(word), "{word}");
        }
        assert!(is_denying_heading("What sits outside this role"));
        assert!(is_denying_heading("Out of scope"));
        assert!(!is_denying_heading("What you will own"));
        assert!(!is_denying_heading("Your Product Owner is not a mini-CEO"));
        assert!(!is_denying_heading(
            "Am I a feature-factory PM? Our roadmap never looks past two sprints"
        ));
        assert!(is_denying_heading("What won't you do?"));
        assert!(is_denying_heading("What this role is not"));
        assert!(is_denying_heading("Not a PM task"));
        assert!(is_abstaining_header("Stays out of"));
        assert!(!is_abstaining_header("Owns"));
        assert!(!is_ownership_verb("product"));
        assert!(!is_ownership_verb("settle"));
        assert!(is_disowned_after(&["pricing", "is", "his"]));
        assert!(is_disowned_after(&[
            "ownership",
            "moves",
            "to",
            "the",
            "tech",
            "leads"
        ]));
        assert!(!is_disowned_after(&[
            "roadmap",
            "including",
            "the",
            "move",
            "to",
            "the",
            "cloud"
        ]));
        assert!(!is_disowned_after(&[
            "executives",
            "are",
            "his",
            "main",
            "stakeholders"
        ]));
    }
}
