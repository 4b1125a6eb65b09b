//! Sentences and clauses: splitting block text, finding each clause's actor (whose
//! responsibility it states), and reading whether an object is owned, shared or denied.

use super::finding::Role;
use super::lexicon;
use super::roles::{MentionKind, RoleMention};
use compact_str::CompactString;
use std::ops::Range;

/// A word of a clause: its byte range in the document and its lower-case text.
#[derive(Debug, Clone)]
pub struct Token {
    pub range: Range<usize>,
    /// Kept inline for short words: a clause is tokenized on every read of it.
    pub lower: CompactString,
    /// A comma, semicolon or colon stands between this token and the previous one.
    pub after_comma: bool,
}

/// Whose responsibility a clause states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Role(Role),
    /// "Both the PM and the PO…", "Either of them…".
    Both,
    /// "Neither…", "Nobody…".
    Nobody,
    /// A role that is not a product role (Scrum Master, Project Manager, …).
    OtherRole,
    /// No role can be told.
    Unknown,
}

impl From<MentionKind> for Actor {
    /// The actor a mention names: its product role, or another role.
    fn from(kind: MentionKind) -> Actor {
        match kind {
            MentionKind::Product(role) => Actor::Role(role),
            MentionKind::OtherRole => Actor::OtherRole,
        }
    }
}

/// How the clause names its own subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A role mention stands as the subject.
    Mention(Actor, Range<usize>),
    /// "They", "he", "she": the previous sentence's subject.
    Pronoun,
    /// "You and the Product Owner…": the reader and a product role named together.
    AlongsideReader(Role, Range<usize>),
    /// "You", "we", an imperative, or anything else: the section decides.
    Implicit,
}

/// "measure", "judges", "evaluate": a verb that says how somebody is judged.
fn is_judging_verb(word: &str) -> bool {
    [
        "measur", "judg", "evaluat", "assess", "rate", "rating", "apprais", "review",
    ]
    .iter()
    .any(|stem| word.starts_with(stem))
}

/// "main stakeholders", "bonus", "success": after a possessive, something of the person's
/// own (a few describing words may come first).
fn is_personal_attribute(tokens: &[Token]) -> bool {
    names_personal_attribute(tokens.iter().map(|token| token.lower.as_str()))
}

/// [`is_personal_attribute`] over lower-case words.
fn names_personal_attribute<'a>(words: impl Iterator<Item = &'a str>) -> bool {
    words
        .take(3)
        .find(|word| {
            !matches!(
                *word,
                "main" | "key" | "primary" | "closest" | "annual" | "yearly" | "quarterly" | "own"
            )
        })
        .is_some_and(|word| {
            matches!(
                word,
                "stakeholders"
                    | "bonus"
                    | "targets"
                    | "target"
                    | "success"
                    | "performance"
                    | "goals"
                    | "objectives"
                    | "kpis"
                    | "horizon"
                    | "focus"
                    | "review"
                    | "appraisal"
            )
        })
}

/// Splits a block's lintable text into sentence ranges (absolute offsets).
pub fn split_sentences(lintable: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let bytes = lintable.as_bytes();
    let mut sentences = Vec::new();
    let mut start = block.start;
    // Only the three end marks can end a sentence: jump from one to the next.
    for offset in memchr::memchr3_iter(b'.', b'!', b'?', &bytes[block.clone()]) {
        let index = block.start + offset;
        if index < start {
            continue;
        }
        let is_end = index + 1 < block.end
            && bytes[index + 1].is_ascii_whitespace()
            && !is_abbreviation(&lintable[start..index])
            && next_starts_sentence(&lintable[index + 1..block.end]);
        if is_end {
            push_trimmed(lintable, start..index + 1, &mut sentences);
            start = index + 1;
        }
    }
    push_trimmed(lintable, start..block.end, &mut sentences);
    // "**Writes:** stories\n**Leads:** customer interviews": a line opening with a label
    // starts a sentence of its own, stop or no stop before it.
    if memchr::memchr(b'\n', &bytes[block.clone()]).is_none() {
        return sentences;
    }
    let mut split = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        let mut start = sentence.start;
        for offset in memchr::memchr_iter(b'\n', &bytes[sentence.clone()]) {
            let index = sentence.start + offset;
            if opens_with_label(&lintable[index + 1..sentence.end])
                || (start == block.start
                    && is_title_line(&lintable[start..index], &lintable[index + 1..sentence.end]))
            {
                push_trimmed(lintable, start..index, &mut split);
                start = index + 1;
            }
        }
        push_trimmed(lintable, start..sentence.end, &mut split);
    }
    split
}

/// Is the block's first line a short title over what follows ("Goal 3 — Learn the
/// market\nLead the market research…")? A wrapped line of prose is longer, or runs on into
/// a lower-case word.
fn is_title_line(line: &str, rest: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let ends_open = line
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|last| {
            matches!(
                last.to_ascii_lowercase().as_str(),
                "and" | "or" | "the" | "a" | "an" | "of" | "to" | "for" | "with" | "by" | "in"
            )
        });
    (1..=6).contains(&words)
        && line.len() <= 60
        && !ends_open
        && !line.ends_with([',', ';'])
        && line.contains(['—', '–', '-', ':'])
        && rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
            .starts_with(char::is_uppercase)
}

/// Does the line open with a short capitalised label and its colon ("Leads:", "Sets (with
/// the team):", "Success measured by:")?
fn opens_with_label(line: &str) -> bool {
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let Some(colon) = line.get(..48).unwrap_or(line).find(':') else {
        return false;
    };
    let label = line[..colon].trim_end_matches(['*', '_']);
    label.starts_with(|c: char| c.is_uppercase())
        && label.split_whitespace().count() <= 5
        && !label.contains(['.', ',', ';'])
        && line[colon + 1..].starts_with(char::is_whitespace)
}

fn next_starts_sentence(rest: &str) -> bool {
    match rest.trim_start().chars().next() {
        Some(c) => !c.is_lowercase(),
        None => false,
    }
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        word.as_str(),
        "e.g"
            | "i.e"
            | "etc"
            | "vs"
            | "approx"
            | "incl"
            | "dr"
            | "mr"
            | "ms"
            | "mrs"
            | "st"
            | "no"
            | "cf"
            | "sr"
            | "jr"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_alphabetic()))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let leading = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let start = range.start + leading;
        out.push(start..start + trimmed.len());
    }
}

/// Splits a sentence into clauses at semicolons, spaced dashes, contrastive joins
/// ("while", "whereas", "but") and a comma that hands the sentence to another role.
pub fn split_clauses(
    lintable: &str,
    sentence: Range<usize>,
    mentions: &[RoleMention],
) -> Vec<Range<usize>> {
    let text = &lintable[sentence.clone()];
    let bytes = text.as_bytes();
    let mut cuts: Vec<usize> = Vec::new();
    // "Where Nadia, our PM, plans for years, you'll plan a few sprints ahead": a sentence that
    // opens with a contrast goes on, after a comma, with the reader as its subject.
    let opens_with_contrast = ["where ", "whereas ", "while ", "whilst ", "unlike "]
        .iter()
        .any(|word| {
            bytes.len() >= word.len() && bytes[..word.len()].eq_ignore_ascii_case(word.as_bytes())
        });
    // One pass over the bytes that can start a separator: ';', ',', ' ' before a dash or
    // "whereas".
    for (offset, &byte) in bytes.iter().enumerate() {
        match byte {
            b';' => cuts.push(offset + 1),
            b',' => {
                let after = &bytes[offset + 1..];
                let opens_with = |words: &[&[u8]]| {
                    words
                        .iter()
                        .any(|word| lexicon::starts_with_ignoring_case(after, word))
                };
                // "…, freeing the PM to…" starts a clause of its own, about someone else.
                let contrast = opens_with(&[
                    b" while ",
                    b" whereas ",
                    b" but ",
                    b" although ",
                    b" freeing ",
                    b" leaving ",
                    b" allowing ",
                    b" letting ",
                    // "…, so that the Product Owner can focus on ordering": a purpose with
                    // a subject of its own.
                    b" so that ",
                ]);
                let reader_goes_on = opens_with_contrast
                    && opens_with(&[b" you ", b" you'", " you’".as_bytes(), b" we "]);
                // "She sets where checkout is going, and I turn her priorities into backlog
                // items": the writer starts a clause of their own.
                let writer_goes_on = opens_with(&[
                    b" and i ",
                    b" and i'",
                    " and i’".as_bytes(),
                    b" but i ",
                    b" but i'",
                    " but i’".as_bytes(),
                ]);
                // "I propose the dates, and she sets the launch": a third person starts a
                // clause of their own.
                let someone_goes_on = opens_with(&[
                    b" and she ",
                    b" and he ",
                    b" and they ",
                    b" but she ",
                    b" but he ",
                    b" but they ",
                ]);
                if someone_goes_on {
                    // After the conjunction: the clause opens on its subject.
                    cuts.push(offset + 1 + " and".len());
                } else if contrast || reader_goes_on || writer_goes_on {
                    cuts.push(offset + 1);
                }
            }
            // Only a dash (ASCII or the first byte of an en or em dash) or a "w" can follow
            // the space of a separator; most spaces stop here.
            b' ' if matches!(bytes.get(offset + 1), Some(b'-' | 0xE2 | b'w' | b'W')) => {
                // An ASCII byte is always a character boundary.
                let rest = &text[offset..];
                let dash = [" — ", " – ", " -- ", " - "]
                    .iter()
                    .any(|separator| rest.starts_with(separator));
                let whereas =
                    rest.len() >= 9 && rest.as_bytes()[..9].eq_ignore_ascii_case(b" whereas ");
                if dash || whereas {
                    cuts.push(offset + 1);
                }
            }
            _ => {}
        }
    }
    // ", and the Product Manager sets…": a new subject starts a new clause.
    let first = mentions.partition_point(|mention| mention.range.start <= sentence.start);
    let last = mentions.partition_point(|mention| mention.range.start < sentence.end);
    for mention in &mentions[first..last.max(first)] {
        // "…and own it, founder just signs off": another role cuts a clause only when a verb
        // follows it.
        if mention.kind == MentionKind::OtherRole
            && !text
                .get(mention.range.end.saturating_sub(sentence.start)..)
                .and_then(|after| after.split_whitespace().next())
                .is_some_and(|next| {
                    matches!(
                        next,
                        "will" | "just" | "also" | "then" | "can" | "must" | "shall"
                    ) || (next.len() > 3 && is_third_person_form(next))
                })
        {
            continue;
        }
        // A mention that runs past the sentence's end is no subject inside it.
        if mention.range.start <= sentence.start || mention.range.end > sentence.end {
            continue;
        }
        // "…with Jakob, our Product Manager, to slice…", "…with our PM, Dario, to turn…": a
        // title or name between commas before an infinitive stands beside the one before it;
        // the writer still acts.
        if text
            .get(mention.range.end - sentence.start..)
            .is_some_and(|after| after.trim_start().starts_with(", to "))
        {
            continue;
        }
        let before = &text[..mention.range.start - sentence.start];
        let trimmed = before.trim_end();
        let trimmed = strip_last_word(trimmed, &["the", "our", "a", "an", "their", "your"]);
        let trimmed = strip_last_word(trimmed, &["and", "but", "so", "while", "whereas"]);
        if let Some(comma) = trimmed.strip_suffix(',') {
            // "Meet Priya, the Product Owner, and agree…": a title between commas after a name
            // stands beside the name; the sentence goes on with its own subject.
            // The title may carry a short complement: "the Product Owner for checkout,". Only
            // that far is read, so a long sentence full of titles stays linear.
            let after = &bytes[mention.range.end - sentence.start..];
            let after_title = memchr::memchr(b',', &after[..after.len().min(41)])
                .map(|comma| &after[..comma])
                .is_some_and(|complement| {
                    !complement.windows(5).any(|window| window == b" and ")
                        && !complement.contains(&b';')
                });
            // A name, not a title in a list of them ("Product Owner, Product Manager, …").
            // Mentions are in text order and never overlap: only the last one before the
            // comma can end at it.
            let comma_at = sentence.start + comma.len();
            let previous = mentions.partition_point(|other| other.range.start < comma_at);
            let title_before = previous.checked_sub(1).is_some_and(|index| {
                let other = &mentions[index];
                let words = &lintable[other.range.clone()];
                other.range.end == comma_at
                    && (words.contains(' ') || !words.chars().any(char::is_lowercase))
            });
            let name_before = !title_before
                && comma
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|word| word.starts_with(char::is_uppercase) && word.len() > 1);
            if !(after_title && name_before) {
                cuts.push(comma.len() + 1);
            }
        }
    }
    // ", and Oksana prioritises the roadmap": so does a named person's.
    for comma in memchr::memchr_iter(b',', bytes) {
        let Some(rest) = text[comma + 1..].strip_prefix(' ') else {
            continue;
        };
        // A name is capitalised, after an optional joining word: most commas are followed
        // by neither, and need no more reading.
        let may_name = rest.starts_with(|c: char| c.is_uppercase())
            || CLAUSE_JOINERS.iter().any(|joiner| {
                rest.strip_prefix(joiner)
                    .is_some_and(|after| after.starts_with(' '))
            });
        if may_name && names_third_party(rest) {
            cuts.push(comma + 1);
        }
        // "Dana tells me the roadmap priority, I turn it into backlog order": after a
        // clause about a named person, the writer goes on about their own work.
        if ["I ", "I'", "I’"]
            .iter()
            .any(|pronoun| rest.starts_with(pronoun))
            && opens_with_named_person(text)
        {
            cuts.push(comma + 1);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut clauses = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut > start && cut < text.len() {
            push_trimmed(
                lintable,
                sentence.start + start..sentence.start + cut,
                &mut clauses,
            );
            start = cut;
        }
    }
    push_trimmed(lintable, sentence.start + start..sentence.end, &mut clauses);
    clauses
}

/// Whether the text opens with a capitalised name and a verb in the third person: "Dana
/// tells me…", "Marco sends…".
fn opens_with_named_person(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(name), Some(verb)) = (words.next(), words.next()) else {
        return false;
    };
    is_capitalised_name(name) && verb.len() > 2 && is_third_person_form(verb)
}

/// A capitalised word that may be a first name: "Dana", not "PM", "The" or "I".
fn is_capitalised_name(word: &str) -> bool {
    word.len() > 1
        && word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && !super::roles::NOT_NAMES.contains(&word)
}

/// A lower-case word shaped like a verb in the third person: "tells", "signs", not "process".
fn is_third_person_form(word: &str) -> bool {
    word.ends_with('s') && !word.ends_with("ss") && word.chars().all(|c| c.is_ascii_lowercase())
}

/// Words that join a clause to the one before it: "…, and Oksana prioritises the roadmap".
const CLAUSE_JOINERS: &[&str] = &["and", "but", "while", "whereas", "or", "so"];

/// Whether the writer speaks of themselves in the clause's first few words: "I keep the
/// roadmap", "Twice a week I run the interviews", "I'll own the backlog".
pub fn speaks_as_i(clause: &str) -> bool {
    let is_i = |word: &str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        // Chat is often typed in lower case: "i've set the price".
        word == "I"
            || ["I'", "I’", "i'", "i’"]
                .iter()
                .any(|prefix| word.starts_with(prefix))
    };
    // "My quarterly review is the burn-down chart": what is the writer's own says something
    // of the writer.
    let mut words = clause
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()));
    if words
        .next()
        .is_some_and(|first| first.eq_ignore_ascii_case("my"))
    {
        let lower: Vec<String> = words.take(3).map(str::to_ascii_lowercase).collect();
        if names_personal_attribute(lower.iter().map(String::as_str)) {
            return true;
        }
    }
    // A bullet Markdown does not know ("5️⃣", "👉") is no word.
    let mut after_comma = false;
    clause
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphabetic))
        .take(8)
        .enumerate()
        .any(|(position, word)| {
            // "Since Jun's out, I'll accept…": after a short lead and its comma.
            let speaks = is_i(word) && (position < 4 || after_comma);
            after_comma = word.ends_with(',');
            speaks
        })
}

/// Whether a clause opens with a capitalised name and a verb in the third person of an
/// ownership verb: "Jonah owns the roadmap", "Finance sets the budget". Imperatives ("Own the
/// roadmap") and pronouns ("You own…", "This sets…") are not names.
pub fn names_third_party(clause: &str) -> bool {
    let mut words = clause.split_whitespace().peekable();
    // "…, and Oksana prioritises the roadmap": the joining word is not the subject.
    words.next_if(|word| {
        CLAUSE_JOINERS
            .iter()
            .any(|joiner| word.eq_ignore_ascii_case(joiner))
    });
    let Some(first) = words.next() else {
        return false;
    };
    // "Marco, who leads product for the marketplace, stays …": the relative clause between
    // the name and its verb describes the person.
    let first = match first.strip_suffix(',') {
        Some(name) if words.next_if(|word| *word == "who").is_some() => {
            let mut closed = false;
            for word in words.by_ref().take(16) {
                if word.ends_with(',') {
                    closed = true;
                    break;
                }
            }
            if !closed {
                return false;
            }
            name
        }
        _ => first,
    };
    let Some(verb) = words.next() else {
        return false;
    };
    let is_name = |word: &str| {
        is_capitalised_name(word)
            // "Running interviews is…": a gerund and its object, not a name and a verb.
            && !word.ends_with("ing")
            // "Set prices for new plans", "Turn designs into stories", "Support sales with
            // demos": an imperative and its object.
            && {
                let lower = word.to_lowercase();
                !lexicon::is_ownership_verb(&lower)
                    && !lexicon::is_conversion_verb(&lower)
                    && !lexicon::is_collaboration_verb(&lower)
            }
    };
    let is_verb = |word: &str| {
        word.chars().all(|c| c.is_ascii_lowercase()) && lexicon::is_ownership_verb(word)
    };
    // "Marcus and Ayesha own their squads' backlogs": two people and their verb.
    if verb == "and"
        && is_name(first)
        && let (Some(second), Some(plural_verb)) = (words.next(), words.next())
    {
        return is_name(second) && is_verb(plural_verb);
    }
    // "Marco stays responsible for pricing": one who keeps a remit while the post covers
    // another part. ("Sam is responsible for…" may well be the post's own holder.)
    let mut holds = || {
        matches!(verb, "stays" | "remains")
            && words
                .next()
                .is_some_and(|word| matches!(word, "responsible" | "accountable" | "answerable"))
    };
    is_name(first) && ((verb.ends_with('s') && is_verb(verb)) || holds())
}

fn strip_last_word<'a>(text: &'a str, words: &[&str]) -> &'a str {
    for word in words {
        if let Some(rest) = text.strip_suffix(word) {
            let lower_ok = rest.is_empty() || rest.ends_with(char::is_whitespace);
            if lower_ok {
                return rest.trim_end();
            }
        }
        let upper: String = word
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
            .collect();
        if let Some(rest) = text.strip_suffix(upper.as_str())
            && (rest.is_empty() || rest.ends_with(char::is_whitespace))
        {
            return rest.trim_end();
        }
    }
    text
}

/// The longest clause the rules read in one piece. Real sentences are far shorter; a longer
/// run of text without sentence breaks (a 10 MB single line) is read in pieces so that the
/// work per clause stays bounded and the whole stays linear.
pub const MAX_CLAUSE_BYTES: usize = 4096;

/// Cuts a clause longer than `MAX_CLAUSE_BYTES` at whitespace (or, failing that, at a
/// character boundary) into pieces no longer than that.
pub fn bounded_pieces(lintable: &str, clause: Range<usize>) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = clause.start;
    while clause.end - start > MAX_CLAUSE_BYTES {
        let limit = lintable.floor_char_boundary(start + MAX_CLAUSE_BYTES);
        let cut = lintable[start..limit]
            .rfind(char::is_whitespace)
            .map(|offset| start + offset)
            .filter(|&cut| cut > start)
            .unwrap_or(limit);
        if cut <= start {
            break;
        }
        push_trimmed(lintable, start..cut, &mut pieces);
        start = cut;
    }
    push_trimmed(lintable, start..clause.end, &mut pieces);
    pieces
}

/// The words of a clause, lower-cased, with their absolute ranges.
pub fn tokenize(lintable: &str, clause: Range<usize>) -> Vec<Token> {
    let text = &lintable[clause.clone()];
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut word_start: Option<usize> = None;
    let mut comma_pending = false;
    let mut offset = 0;
    // Byte by byte: rule vocabulary is English, so most text is ASCII; other characters are
    // decoded where they stand.
    while offset < bytes.len() {
        let byte = bytes[offset];
        let (width, in_word) = if byte.is_ascii() {
            (
                1,
                byte.is_ascii_alphanumeric()
                    || (word_start.is_some() && matches!(byte, b'\'' | b'-' | b'&')),
            )
        } else {
            let Some(character) = text[offset..].chars().next() else {
                break;
            };
            (
                character.len_utf8(),
                character.is_alphanumeric() || (word_start.is_some() && character == '’'),
            )
        };
        match (in_word, word_start) {
            (true, None) => word_start = Some(offset),
            (false, Some(start)) => {
                push_word(
                    text,
                    clause.start,
                    start..offset,
                    &mut comma_pending,
                    &mut tokens,
                );
                word_start = None;
            }
            _ => {}
        }
        if matches!(byte, b',' | b';' | b':' | b'(' | b')') {
            comma_pending = true;
        }
        offset += width;
    }
    if let Some(start) = word_start {
        push_word(
            text,
            clause.start,
            start..text.len(),
            &mut comma_pending,
            &mut tokens,
        );
    }
    tokens
}

/// Adds the word at `word` (relative to the clause text starting at `base`), without the
/// apostrophes and hyphens that end it.
fn push_word(
    text: &str,
    base: usize,
    word: Range<usize>,
    after_comma: &mut bool,
    tokens: &mut Vec<Token>,
) {
    const CURLY_APOSTROPHE: &[u8] = "’".as_bytes();
    let bytes = &text.as_bytes()[word.clone()];
    let mut length = bytes.len();
    loop {
        if length > 0 && matches!(bytes[length - 1], b'\'' | b'-') {
            length -= 1;
        } else if bytes[..length].ends_with(CURLY_APOSTROPHE) {
            length -= CURLY_APOSTROPHE.len();
        } else {
            break;
        }
    }
    if length == 0 {
        return;
    }
    let word_text = &text[word.start..word.start + length];
    let lower = if word_text.is_ascii() {
        let mut lower = CompactString::from(word_text);
        lower.make_ascii_lowercase();
        lower
    } else {
        CompactString::from(word_text.to_lowercase())
    };
    tokens.push(Token {
        range: base + word.start..base + word.start + length,
        lower,
        after_comma: *after_comma,
    });
    *after_comma = false;
}

/// Words that may stand before a subject ("As the Product Owner…", "Once a PM has…").
/// Imperatives that open a sentence by addressing a person: "Meet Priya, …", "Ask Tom, …".
const ADDRESSING_IMPERATIVES: &[&str] = &[
    "meet", "ask", "tell", "thank", "invite", "contact", "email", "call", "ping", "brief",
    "consult", "involve", "see", "visit", "greet", "join",
];

const SUBJECT_LEADERS: &[&str] = &[
    "as",
    "the",
    "a",
    "an",
    "our",
    "your",
    "their",
    "each",
    "every",
    "this",
    "that",
    "and",
    "but",
    "while",
    "whereas",
    "once",
    "so",
    "then",
    "however",
    "also",
    "we",
    "need",
    "want",
    "any",
    "both",
    "one",
    "new",
    "future",
    "dedicated",
    "successful",
    "good",
    "great",
    // Time words that open a sentence: "Today the Product Manager owns …".
    "today",
    "now",
    "currently",
    "typically",
    "usually",
    "often",
    "sometimes",
    "here",
    "meanwhile",
    // A team word before a title: "the Tribe Product Manager", "each Squad Product Owner".
    "tribe",
    "squad",
    "area",
    "domain",
    "journey",
    "portfolio",
    "platform",
    // How the post is filled: "the contract Product Owner", "our interim PM".
    "contract",
    "interim",
    "freelance",
    "permanent",
    "external",
    "incoming",
    "current",
];

/// Time phrases that may stand before a subject: "At the moment nobody owns…", "Currently
/// both decide…".
pub const TIME_LEADS: &[&[&str]] = &[
    &["at", "the", "moment"],
    &["at", "present"],
    &["right", "now"],
    &["for", "now"],
    &["in", "practice"],
    &["in", "reality"],
    &["currently"],
    &["today"],
    &["usually"],
    &["often"],
    &["sometimes"],
    // A day told in order: "Then he writes the stories".
    &["then"],
    &["later"],
    &["afterwards"],
    &["finally"],
    // Where it happens: "In most squads both the PM and the PO groom the backlog".
    &["in", "most", "squads"],
    &["in", "most", "teams"],
    &["in", "many", "teams"],
    &["in", "some", "teams"],
    &["in", "most", "companies"],
    &["in", "many", "companies"],
    &["in", "our", "team"],
    &["in", "our", "teams"],
    // Meeting notes: "Agreed that Lukas's stakeholders remain…", "Decided: Ole owns…".
    &["agreed", "that"],
    &["agreed"],
    &["decided", "that"],
    &["decided"],
    &["confirmed", "that"],
    &["confirmed"],
    &["noted", "that"],
];

/// Finds how a clause names its subject.
/// "Fairway's", "the client’s", "the teams'": a word that owns what follows it.
fn is_possessive(word: &str) -> bool {
    word.len() > 2 && (word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'"))
}

pub fn find_subject(tokens: &[Token], mentions: &[RoleMention], clause: &Range<usize>) -> Subject {
    let lead = TIME_LEADS
        .iter()
        .find(|phrase| {
            phrase.len() < tokens.len()
                && phrase
                    .iter()
                    .zip(tokens)
                    .all(|(word, token)| token.lower == *word)
        })
        .map_or(0, |phrase| phrase.len());
    // "In some trains each Product Owner…", "In smaller squads the PM…": where it happens,
    // three words, before the subject.
    let lead = if lead == 0 && is_place_lead(tokens) {
        3
    } else if lead == 0 && is_named_place_lead(tokens) {
        2
    } else if lead == 0 {
        time_lead_length(tokens)
    } else {
        lead
    };
    let tokens = &tokens[lead..];
    let Some(first) = tokens.first() else {
        return Subject::Implicit;
    };
    match first.lower.as_str() {
        "both" | "either" => {
            let next = tokens.get(1).map(|token| token.lower.as_str());
            // "Both Hannah and Tomasz write…", "Either Ana or Jonas decides…": two named
            // people joined at the start of the clause.
            let joined_names = tokens
                .iter()
                .skip(1)
                .take(4)
                .any(|token| matches!(token.lower.as_str(), "and" | "or"));
            // "Both decide…", "Both own…": the pronoun alone, before its verb.
            let before_verb = next.is_some_and(|word| {
                lexicon::is_ownership_verb(word)
                    || matches!(
                        word,
                        "decide" | "are" | "have" | "will" | "can" | "must" | "should" | "share"
                    )
            });
            if matches!(next, Some("of" | "roles" | "the" | "product" | "pm" | "po"))
                || next.is_none()
                || joined_names
                || before_verb
            {
                return Subject::Mention(Actor::Both, first.range.clone());
            }
        }
        // "Nobody else reorders it" says the owner is the one just named.
        "nobody" | "no-one" if tokens.get(1).is_some_and(|token| token.lower == "else") => {
            return Subject::Implicit;
        }
        "no" if tokens.get(1).is_some_and(|token| token.lower == "one")
            && tokens.get(2).is_some_and(|token| token.lower == "else") =>
        {
            return Subject::Implicit;
        }
        // "…; neither of them changes it on their own": a rule for how they decide together,
        // not a duty that nobody holds.
        "neither" | "nobody" | "no-one" if acts_alone(tokens) => return Subject::Implicit,
        // "Neither PO owns pricing": none of the holders of one role, the role denied (the
        // clause's "neither" negates it); "neither the PM nor the PO" names nobody.
        "neither" if !tokens.iter().any(|token| token.lower == "nor") => {
            if let Some(role) = tokens.get(1).and_then(|next| {
                mentions
                    .iter()
                    .find(|mention| mention.range.start == next.range.start)
                    .and_then(|mention| match mention.kind {
                        MentionKind::Product(role) => Some(role),
                        MentionKind::OtherRole => None,
                    })
            }) {
                return Subject::Mention(Actor::Role(role), tokens[1].range.clone());
            }
            return Subject::Mention(Actor::Nobody, first.range.clone());
        }
        // "Neither pricing nor contract scope is yours to negotiate": the reader is denied
        // both, which says nothing of anybody else.
        "neither"
            if tokens.iter().any(|token| token.lower == "yours")
                || tokens.windows(2).any(|pair| {
                    pair[0].lower == "your" && lexicon::is_remit_word(&pair[1].lower)
                }) =>
        {
            return Subject::Implicit;
        }
        "neither" | "nobody" | "no-one" => {
            return Subject::Mention(Actor::Nobody, first.range.clone());
        }
        "no" if tokens.get(1).is_some_and(|token| token.lower == "one") => {
            return Subject::Mention(Actor::Nobody, first.range.clone());
        }
        "they" | "he" | "she" => return Subject::Pronoun,
        // "…; each of them owns their team's backlog".
        "each"
            if tokens.get(1).is_some_and(|token| token.lower == "of")
                && tokens.get(2).is_some_and(|token| token.lower == "them") =>
        {
            return Subject::Pronoun;
        }
        // "His main stakeholders are…", "Her bonus is tied to…": what belongs to the person
        // last named says something of that person.
        "his" | "her" | "their" if is_personal_attribute(&tokens[1..]) => {
            return Subject::Pronoun;
        }
        _ => {}
    }
    // "Competitor research: honestly nobody owns this right now": a label, then nobody.
    if let Some(nobody) = tokens
        .iter()
        .take(8)
        .position(|token| matches!(token.lower.as_str(), "nobody" | "no-one" | "neither"))
        && nobody > 0
        && (tokens[nobody].after_comma
            || (nobody > 1
                && tokens[nobody - 1].after_comma
                && matches!(
                    tokens[nobody - 1].lower.as_str(),
                    "honestly" | "currently" | "frankly" | "still" | "really" | "today"
                )))
        && tokens
            .get(nobody + 1)
            .is_none_or(|token| token.lower != "else")
        && !acts_alone(&tokens[nobody..])
    {
        return Subject::Mention(Actor::Nobody, tokens[nobody].range.clone());
    }
    // "Release dates: none of us owns these", "Competitive analysis is nobody's job".
    if let Some(none) = tokens.windows(3).take(8).position(|triple| {
        (triple[0].lower == "none"
            && triple[1].lower == "of"
            && matches!(triple[2].lower.as_str(), "us" | "them"))
            || (matches!(triple[0].lower.as_str(), "is" | "are")
                && matches!(triple[1].lower.as_str(), "nobody" | "nobody's" | "nobody’s")
                && lexicon::is_remit_word(&triple[2].lower))
    }) {
        return Subject::Mention(Actor::Nobody, tokens[none].range.clone());
    }
    // "Competitor analysis sits outside both roles": it is neither role's.
    if let Some(outside) = tokens.windows(3).position(|triple| {
        matches!(
            triple[0].lower.as_str(),
            "sits" | "sit" | "falls" | "fall" | "lies" | "lie" | "is" | "are"
        ) && triple[1].lower == "outside"
            && triple[2].lower == "both"
    }) {
        return Subject::Mention(Actor::Nobody, tokens[outside + 1].range.clone());
    }
    // "Ordering the backlog is both Priya's and Tom's call": the predicate names
    // both holders, whoever is named in it.
    if let Some(both) = tokens.windows(2).position(|pair| {
        matches!(pair[0].lower.as_str(), "is" | "are" | "remains" | "remain")
            && pair[1].lower == "both"
    }) && tokens[both + 2..]
        .iter()
        .take(6)
        .any(|token| lexicon::is_remit_word(&token.lower))
    {
        return Subject::Mention(Actor::Both, tokens[both + 1].range.clone());
    }
    // "When that happens, they own the backlog": a pronoun after a short lead and a comma.
    if let Some(after_lead) = tokens.iter().take(6).position(|token| token.after_comma)
        && matches!(tokens[after_lead].lower.as_str(), "they" | "he" | "she")
    {
        return Subject::Pronoun;
    }
    // Mentions are sorted by start: take the clause's slice of a block's mentions, never the
    // whole list (a block can be a 10 MB line).
    let first = mentions.partition_point(|mention| mention.range.start < clause.start);
    let last = mentions.partition_point(|mention| mention.range.start < clause.end);
    let in_clause: Vec<&RoleMention> = mentions[first..last.max(first)]
        .iter()
        .filter(|mention| mention.range.end <= clause.end)
        .collect();
    for (position, mention) in in_clause.iter().enumerate() {
        let before =
            &tokens[..tokens.partition_point(|token| token.range.end <= mention.range.start)];
        // Words since the last comma: an introductory phrase ("Beyond this, a PM…") may precede.
        // "Pricing: Dev decides": a mark right before the mention starts its clause.
        let mention_after_mark = tokens
            .get(before.len())
            .is_some_and(|token| token.after_comma);
        let since_comma_start = if mention_after_mark {
            before.len()
        } else {
            before
                .iter()
                .rposition(|token| token.after_comma)
                .unwrap_or(0)
        };
        let lead = &before[since_comma_start..];
        // "When a change spans two teams, neither the POs nor the PM…".
        let quantifier = lead
            .first()
            .filter(|_| since_comma_start > 0 && lead.len() <= 2)
            .and_then(|first| match first.lower.as_str() {
                "neither" => Some(Actor::Nobody),
                "both" | "either" => Some(Actor::Both),
                _ => None,
            });
        if let Some(actor) = quantifier {
            return Subject::Mention(actor, lead[0].range.clone());
        }
        // "We will measure PMs on velocity": the role judged is the one the clause is about.
        let judged_lead = match lead {
            [rest @ .., determiner]
                if matches!(
                    determiner.lower.as_str(),
                    "the" | "our" | "each" | "every" | "a"
                ) =>
            {
                rest
            }
            _ => lead,
        };
        if let [judges @ .., verb] = judged_lead
            && is_judging_verb(&verb.lower)
            && !judges.is_empty()
            // "The Buyer will assess the Group PM on…": whoever judges, in a few words.
            && judges.len() <= 4
            && judges.iter().all(|token| {
                matches!(
                    token.lower.as_str(),
                    "we" | "they"
                        | "i"
                        | "will"
                        | "shall"
                        | "would"
                        | "should"
                        | "also"
                        | "then"
                        | "the"
                        | "buyer"
                        | "client"
                        | "authority"
                        | "employer"
                        | "company"
                        | "council"
                        | "board"
                        | "manager"
                )
            })
        {
            let actor = Actor::from(mention.kind);
            return Subject::Mention(actor, mention.range.clone());
        }
        // "You and the Product Owners will jointly own…".
        if let (["you", "and", rest @ ..], MentionKind::Product(role)) = (
            lead.iter()
                .map(|token| token.lower.as_str())
                .collect::<Vec<_>>()
                .as_slice(),
            mention.kind,
        ) && rest.len() <= 2
            && rest.iter().all(|word| SUBJECT_LEADERS.contains(word))
        {
            return Subject::AlongsideReader(role, mention.range.clone());
        }
        // "Fairway's Head of Product owns…", "the client's Product Manager sets…": a possessive
        // stands where a determiner would.
        let is_subject = lead.len() <= 3
            && lead.iter().all(|token| {
                SUBJECT_LEADERS.contains(&token.lower.as_str()) || is_possessive(&token.lower)
            });
        // "…with Jakob, our Product Manager, to slice…": a title between commas before an
        // infinitive stands beside a name; the clause's subject came before it.
        let beside_name = tokens
            .get(tokens.partition_point(|token| token.range.start < mention.range.end))
            .is_some_and(|next| next.after_comma && next.lower == "to");
        // "Meet Priya, the Product Owner for checkout, and agree…": the title stands beside
        // the person an opening imperative addresses, and the sentence goes on after it; the
        // reader is the subject. A title line ("Meet Sam, our new PO") is about that person.
        let beside_addressed = (2..=3).contains(&since_comma_start)
            && ADDRESSING_IMPERATIVES.contains(&before[0].lower.as_str())
            && tokens[before.len()..].iter().take(16).any(|token| {
                token.after_comma
                    && token.range.start >= mention.range.end
                    && matches!(token.lower.as_str(), "and" | "then")
            });
        // "Agree with Tomás, our Product Owner, on how…": a title between commas after a
        // person a preposition governs stands beside that person.
        let closed_by_comma = tokens
            .get(tokens.partition_point(|token| token.range.start < mention.range.end))
            .is_some_and(|next| next.after_comma);
        let beside_object = closed_by_comma
            && since_comma_start >= 2
            // The preposition stands one or two words before the comma.
            && [2, 3].iter().any(|&back| {
                since_comma_start >= back
                    && matches!(
                        before[since_comma_start - back].lower.as_str(),
                        "with" | "to" | "from" | "for" | "alongside"
                    )
            });
        // "Weigh requests from customers, founders and support": a list a preposition
        // governs goes on after the comma; the one named there is one of its members.
        // "…: Kofi and Mei will both write them" is a pair that acts.
        let next_at = tokens.partition_point(|token| token.range.start < mention.range.end);
        let pair_acts = tokens.get(next_at + 2).is_some_and(|word| {
            lexicon::is_ownership_verb(&word.lower)
                || matches!(
                    word.lower.as_str(),
                    "will"
                        | "shall"
                        | "must"
                        | "can"
                        | "should"
                        | "may"
                        | "are"
                        | "do"
                        | "both"
                        | "each"
                        | "jointly"
                        | "together"
                        | "have"
                        | "decide"
                        | "share"
                )
        });
        let in_governed_list = since_comma_start > 0
            && lead.is_empty()
            && tokens.get(next_at).is_some_and(|next| {
                next.after_comma || (matches!(next.lower.as_str(), "and" | "or") && !pair_acts)
            })
            && before[before[..since_comma_start]
                .iter()
                .rposition(|token| token.after_comma)
                .unwrap_or(0)..since_comma_start]
                .iter()
                .any(|token| {
                    matches!(
                        token.lower.as_str(),
                        "from" | "with" | "to" | "for" | "by" | "between" | "among" | "including"
                    )
                });
        if !is_subject || beside_name || beside_addressed || beside_object || in_governed_list {
            continue;
        }
        let actor = match mention.kind {
            // "The Product Manager and the Product Owner…" names both.
            MentionKind::Product(_) if joined_to_next(tokens, &in_clause, position) => Actor::Both,
            MentionKind::Product(role) => Actor::Role(role),
            MentionKind::OtherRole => Actor::OtherRole,
        };
        return Subject::Mention(actor, mention.range.clone());
    }
    // "Release dates are owned by neither the PM nor the PO", "the backlog is ordered jointly
    // by the Product Manager and the Product Owner": a passive names its subject last.
    for (index, token) in tokens.iter().enumerate() {
        // "Sign-off of release dates is not assigned to either of them": an assignment names
        // its holder after "to".
        let assigned_to = token.lower == "to"
            && index > 0
            && matches!(
                tokens[index - 1].lower.as_str(),
                "assigned"
                    | "allocated"
                    | "delegated"
                    | "entrusted"
                    | "given"
                    | "belongs"
                    | "belong"
            );
        // "Final say on pricing rests with both the PM and the PO": a placement names its
        // holder after "with".
        let placed_with = token.lower == "with"
            && index > 0
            && matches!(
                tokens[index - 1].lower.as_str(),
                "rests" | "rest" | "lies" | "lie" | "sits" | "sit"
            );
        let assigned_to = assigned_to || placed_with;
        if (token.lower != "by" && !assigned_to) || index == 0 {
            continue;
        }
        let mut verb = index - 1;
        if verb > 0
            && matches!(
                tokens[verb].lower.as_str(),
                "jointly" | "together" | "equally" | "collectively"
            )
        {
            verb -= 1;
        }
        if !assigned_to && !lexicon::is_ownership_verb(&tokens[verb].lower) {
            continue;
        }
        let agent = tokens.get(index + 1);
        // "… are not owned by anyone".
        let denied = tokens[..verb].iter().rev().take(3).any(|token| {
            matches!(
                token.lower.as_str(),
                "not" | "never" | "isn't" | "aren't" | "isn" | "aren" | "t"
            )
        });
        let actor = match agent.map(|agent| agent.lower.as_str()) {
            // "… not owned by either role", "… not assigned to any one role".
            Some("either" | "any") if denied => Actor::Nobody,
            Some("both" | "either") => Actor::Both,
            Some("neither" | "nobody") => Actor::Nobody,
            Some("anyone" | "anybody") if denied => Actor::Nobody,
            _ => {
                let agent_mention = in_clause
                    .iter()
                    .position(|mention| mention.range.start > token.range.start);
                // "… not decided by the PM and not by the PO": each role denied is nobody.
                let denied_roles = || {
                    let named = |role| {
                        in_clause.iter().any(|mention| {
                            mention.range.start > token.range.start
                                && mention.kind == MentionKind::Product(role)
                        })
                    };
                    named(Role::Pm) && named(Role::Po)
                };
                match agent_mention {
                    Some(_) if denied && denied_roles() => Actor::Nobody,
                    Some(position) if joined_to_next(tokens, &in_clause, position) => Actor::Both,
                    // "… is also owned by the Product Owner": the agent named holds it.
                    // A reduced relative ("the roadmap set by the PM") names whose the thing
                    // is, not who the clause's subject is: the passive needs its auxiliary.
                    Some(position)
                        if let MentionKind::Product(role) = in_clause[position].kind
                            && tokens[..verb].iter().rev().take(3).any(|token| {
                                matches!(
                                    token.lower.as_str(),
                                    "is" | "are" | "was" | "were" | "be" | "been" | "gets" | "get"
                                )
                            })
                            // "…, and you will translate its themes": another subject goes on.
                            && !tokens[index + 1..].iter().any(|token| {
                                matches!(
                                    token.lower.as_str(),
                                    "you" | "we" | "i" | "they" | "he" | "she"
                                )
                            })
                            && tokens.get(index + 1).is_some_and(|next| {
                                in_clause[position].range.start <= next.range.start + 4
                            }) =>
                    {
                        Actor::Role(role)
                    }
                    // "Keep the roadmap, owned by the Head of Digital Retail, in step with
                    // delivery": a holder the text names but the vocabulary does not know is
                    // still somebody else.
                    _ if tokens[verb].lower == "owned" && names_someone(&tokens[index + 1..]) => {
                        Actor::OtherRole
                    }
                    _ => continue,
                }
            }
        };
        let range = agent.map_or(token.range.clone(), |agent| agent.range.clone());
        return Subject::Mention(actor, range);
    }
    // "Release planning won't sit with anyone", "it sits with nobody", "has no owner".
    for window in tokens.windows(3) {
        let words = [
            window[0].lower.as_str(),
            window[1].lower.as_str(),
            window[2].lower.as_str(),
        ];
        let unowned = matches!(
            words,
            [
                "sit" | "sits" | "rests" | "rest" | "lies" | "lie",
                "with",
                "anyone" | "nobody" | "no-one"
            ] | ["has" | "have", "no", "owner" | "clear" | "single" | "named"]
        );
        if unowned {
            return Subject::Mention(Actor::Nobody, window[2].range.clone());
        }
    }
    Subject::Implicit
}

/// Nouns for people and bodies outside the product roles that hold decisions in a company.
const OUTSIDE_HOLDERS: &[&str] = &[
    "ceo",
    "cto",
    "coo",
    "cfo",
    "cmo",
    "cpo",
    "cro",
    "cco",
    "cdo",
    "board",
    "investors",
    "leadership",
    "executives",
    "executive",
    "management",
    "sales",
    "marketing",
    "finance",
    "legal",
    "client",
    "clients",
    "director",
    "directors",
    "vp",
    "vps",
    "head",
    "heads",
    "chief",
    "officer",
    "committee",
    "engineering",
];

/// Words that may stand in such a holder's noun phrase: "the head of sales", "our executive
/// team".
const OUTSIDE_HOLDER_MODIFIERS: &[&str] = &[
    "team",
    "teams",
    "group",
    "department",
    "lead",
    "leads",
    "of",
    "senior",
    "steering",
    "commercial",
    "digital",
    "technology",
    "&",
];

/// Does the clause open with a holder outside the product roles and go on with an ownership
/// verb ("The board sets…", "Our CEO, Rhiannon, will decide…", "Sam and the head of sales
/// own…")? A name may stand before "and" or between commas beside the holder.
pub fn names_outside_holder(clause: &str) -> bool {
    let mut holder = false;
    let mut names = 0;
    let mut after_comma = false;
    let mut words = clause.split_whitespace().take(10).peekable();
    let mut index = 0;
    while let Some(raw) = words.next() {
        // Read for most clauses: lower-cased inline, without allocating.
        let word = lower_inline(raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'));
        let is_holder = OUTSIDE_HOLDERS.contains(&word.as_str());
        let is_modifier = OUTSIDE_HOLDER_MODIFIERS.contains(&word.as_str());
        let noun = is_holder || is_modifier;
        // "the Head of Trading": a holder's noun is no verb ("head", "lead").
        if holder && !noun {
            let verb = lexicon::is_ownership_verb(&word)
                || (matches!(
                    word.as_str(),
                    "will" | "shall" | "must" | "should" | "can" | "may"
                ) && clause
                    .split_whitespace()
                    .skip(index + 1)
                    .take(2)
                    .any(|next| lexicon::is_ownership_verb(&lower_inline(next))));
            if verb {
                return true;
            }
        }
        // "Sam and …" opens with a name.
        let mut name_before_and = || {
            index == 0
                && words.peek().is_some_and(|next| {
                    next.trim_matches(|c: char| !c.is_alphanumeric())
                        .eq_ignore_ascii_case("and")
                })
        };
        if is_holder {
            holder = true;
        } else if is_modifier || SUBJECT_LEADERS.contains(&word.as_str()) {
        } else if names < 2 && ((after_comma && holder) || name_before_and()) {
            names += 1;
        } else {
            return false;
        }
        after_comma = raw.ends_with(',');
        index += 1;
    }
    false
}

/// A word in lower case, kept inline when short.
fn lower_inline(word: &str) -> CompactString {
    let mut lower = CompactString::from(word);
    lower.as_mut_str().make_ascii_lowercase();
    lower
}

/// Do the words after "by" name a holder that decides ("the Head of Digital Retail", "our
/// director", "the leadership team")?
fn names_someone(after_by: &[Token]) -> bool {
    after_by
        .iter()
        .find(|token| !matches!(token.lower.as_str(), "the" | "our" | "a" | "an" | "their"))
        .is_some_and(|first| {
            matches!(
                first.lower.as_str(),
                "director"
                    | "directors"
                    | "head"
                    | "heads"
                    | "board"
                    | "leadership"
                    | "executive"
                    | "executives"
                    | "management"
                    | "ceo"
                    | "cpo"
                    | "vp"
                    | "business"
                    | "client"
            )
        })
}

/// Does the clause open with "in" + a quantifier + a plural noun ("In some trains", "In
/// smaller squads") and go on?
fn is_place_lead(tokens: &[Token]) -> bool {
    tokens.len() > 4
        && tokens[0].lower == "in"
        && matches!(
            tokens[1].lower.as_str(),
            "some" | "most" | "many" | "all" | "other" | "smaller" | "larger" | "bigger" | "few"
        )
        && tokens[2].lower.len() > 3
        && tokens[2].lower.ends_with('s')
        && !tokens[2].lower.ends_with("ss")
}

/// Does the clause open with "at" or "in" and one word before a determiner ("At Northwind
/// the Product Owner…", "In Lisbon our PO…")?
fn is_named_place_lead(tokens: &[Token]) -> bool {
    tokens.len() > 4
        && matches!(tokens[0].lower.as_str(), "at" | "in")
        && tokens[1].lower.len() > 2
        && matches!(tokens[2].lower.as_str(), "the" | "our" | "each" | "every")
}

/// The length of a time phrase that opens the clause before its subject: "From Q3 the
/// Product Owner…", "By the end of 2026 the PM…", "After lunch he…", "On Mondays Theo…".
/// A preposition, then words that only tell a time; none when nothing follows.
fn time_lead_length(tokens: &[Token]) -> usize {
    let opens = tokens
        .first()
        .is_some_and(|token| TIME_LEAD_PREPOSITIONS.contains(&token.lower.as_str()));
    if !opens {
        return 0;
    }
    let length = 1 + tokens[1..]
        .iter()
        .take(MAX_TIME_LEAD_WORDS - 1)
        .take_while(|token| is_time_word(&token.lower))
        .count();
    // At least one word that tells a time, and a clause after it.
    let tells_time = tokens[1..length]
        .iter()
        .any(|token| !matches!(token.lower.as_str(), "the" | "of" | "next" | "this"));
    if tells_time && length + 2 < tokens.len() {
        length
    } else {
        0
    }
}

/// The most words a time phrase before a subject takes: its preposition and five words that
/// tell a time.
pub const MAX_TIME_LEAD_WORDS: usize = 6;

/// Words that open a time phrase before a clause's subject (see [`time_lead_length`]).
pub const TIME_LEAD_PREPOSITIONS: &[&str] = &[
    "from", "by", "until", "after", "before", "starting", "in", "during", "at", "on", "every",
    "each", "once",
];

/// A word that only tells a time: "Q3", "2026", "January", "Mondays", "the", "end", "of",
/// "next", "quarter", "lunch".
fn is_time_word(word: &str) -> bool {
    let quarter_or_half = word.len() == 2
        && matches!(word.as_bytes()[0], b'q' | b'h')
        && word.as_bytes()[1].is_ascii_digit();
    let number = !word.is_empty() && word.bytes().all(|byte| byte.is_ascii_digit());
    let day = word.trim_end_matches('s');
    quarter_or_half
        || number
        || matches!(
            word,
            "the"
                | "of"
                | "next"
                | "this"
                | "start"
                | "end"
                | "beginning"
                | "middle"
                | "then"
                | "now"
                | "on"
                | "onwards"
                | "lunch"
                | "morning"
                | "mornings"
                | "afternoon"
                | "afternoons"
                | "evening"
                | "week"
                | "weeks"
                | "month"
                | "months"
                | "quarter"
                | "quarters"
                | "year"
                | "years"
                | "term"
                | "day"
                | "days"
                | "today"
                | "tomorrow"
                | "january"
                | "february"
                | "march"
                | "april"
                | "may"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
                | "spring"
                | "summer"
                | "autumn"
                | "winter"
                | "sprint"
                | "sprints"
                | "iteration"
                | "iterations"
                | "every"
                | "each"
                | "other"
        )
        || matches!(
            day,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        )
}

/// Does the clause say someone acts alone ("on their own", "alone", "unilaterally") or
/// without somebody else ("Neither Marcus nor Sophie re-orders the backlog without Dana")?
fn acts_alone(tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(index, token)| {
        matches!(
            token.lower.as_str(),
            "alone" | "unilaterally" | "single-handedly" | "themselves"
        ) || (matches!(token.lower.as_str(), "without" | "unless")
            // In the same stretch of the clause: "…, so tests shipped without a rule" is
            // another statement.
            && !tokens[1..=index].iter().any(|token| token.after_comma))
            || (token.lower == "own"
                && index >= 2
                && tokens[index - 2].lower == "on"
                && matches!(
                    tokens[index - 1].lower.as_str(),
                    "their" | "his" | "her" | "its"
                ))
    })
}

/// Is the mention at `position` joined to a mention of the other role right after it ("the
/// Product Manager and the Product Owner", "PM or PO")?
fn joined_to_next(tokens: &[Token], in_clause: &[&RoleMention], position: usize) -> bool {
    let Some(mention) = in_clause.get(position) else {
        return false;
    };
    // "Ines (PM) and Tobias (PO)": a named holder's title in brackets right after the name
    // is the same holder; the pair is read from the title on.
    let mut next_position = position + 1;
    let mut mention = *mention;
    while let Some(title) = in_clause.get(next_position)
        && title.kind == mention.kind
        && title.range.start <= mention.range.end + 2
    {
        mention = title;
        next_position += 1;
    }
    let Some(next) = in_clause.get(next_position) else {
        return false;
    };
    let (MentionKind::Product(role), MentionKind::Product(other)) = (mention.kind, next.kind)
    else {
        return false;
    };
    let between = tokens
        .iter()
        .filter(|token| {
            token.range.start >= mention.range.end && token.range.end <= next.range.start
        })
        .map(|token| token.lower.as_str())
        .collect::<Vec<_>>();
    other != role
        && matches!(
            between.as_slice(),
            ["and"]
                | ["and", "the"]
                | ["or"]
                | ["or", "the"]
                | ["&"]
                | ["and", "a"]
                | ["or", "a"]
                | ["and", "by"]
                | ["and", "also", "by"]
                | ["and", "by", "the"]
        )
}

/// What stands before an object in its clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Governance {
    /// An ownership verb governs the object; the range starts at the verb.
    Owned { verb: Range<usize> },
    /// A collaboration verb governs it.
    Collaboration,
    /// Nothing governs it.
    Ungoverned,
}

/// "…, break roadmap themes into epics", "Slicing roadmap items into backlog epics": the verb
/// right before the object reads it and makes what follows "into"; nothing owns the object
/// itself.
pub fn is_made_into_something(tokens: &[Token], object_start: usize) -> bool {
    let at = tokens.partition_point(|token| token.range.end <= object_start);
    tokens[..at].last().is_some_and(|verb| {
        lexicon::is_conversion_verb(&verb.lower)
            && tokens[at..]
                .iter()
                .take(8)
                .any(|token| token.lower == "into")
    })
}

/// Reads whether an ownership verb governs the object starting at `object_start`: a verb
/// before it ("own the roadmap"), or a passive or possessive predicate after it ("the vision
/// is defined by you", "pricing is your responsibility").
pub fn governance(tokens: &[Token], object_start: usize) -> Governance {
    if is_made_into_something(tokens, object_start) {
        return Governance::Ungoverned;
    }
    let at = tokens.partition_point(|token| token.range.end <= object_start);
    // "Present the roadmap you own": whatever the verb before it, the reader owns the object.
    if let Some(verb) = owned_in_relative(&tokens[at..], &["you"]) {
        return Governance::Owned { verb };
    }
    match governance_before(tokens, object_start) {
        Governance::Ungoverned => passive_governance(tokens, object_start),
        // "Some experience running customer interviews is a plus": a skill, not a duty.
        Governance::Owned { verb } if names_a_skill(tokens, &verb) => Governance::Ungoverned,
        found => found,
    }
}

/// Is the verb a skill's gerund: "experience running interviews", "background in defining
/// pricing", "skilled at writing stories"?
fn names_a_skill(tokens: &[Token], verb: &Range<usize>) -> bool {
    let at = tokens.partition_point(|token| token.range.start < verb.start);
    if !tokens
        .get(at)
        .is_some_and(|token| token.lower.ends_with("ing"))
    {
        return false;
    }
    let before = &tokens[..at];
    let noun = match before {
        [.., noun, link] if matches!(link.lower.as_str(), "in" | "with" | "at" | "of") => noun,
        [.., noun] => noun,
        [] => return false,
    };
    // Not "years": "the next three years, including a vision" counts time, not a skill.
    lexicon::is_skill_noun(&noun.lower) && noun.lower != "years"
}

/// Forms of "be" (and "get") that open a passive or a predicate.
const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "gets", "get", "remains", "remain",
];

/// Past participles of ownership verbs that the stem rules do not produce.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "set",
    "run",
    "led",
    "built",
    "kept",
    "held",
    "written",
    "drawn",
    "driven",
    "taken",
    "chosen",
    "made",
    "done",
    "undertaken",
    "shaped",
];

/// Words that may stand between "be" and its participle ("is currently owned").
fn is_passive_filler(word: &str) -> bool {
    word.ends_with("ly") || matches!(word, "also" | "still" | "always" | "now" | "usually")
}

/// "… the Growth roadmap they own", "the backlog you manage": a relative clause without
/// "that" right after the object, its subject one of `pronouns`, its verb one of ownership.
/// `after` starts at the object. Gives the verb.
fn owned_in_relative(after: &[Token], pronouns: &[&str]) -> Option<Range<usize>> {
    let pronoun = after
        .iter()
        .take(4)
        .skip(1)
        .position(|token| pronouns.contains(&token.lower.as_str()))?
        + 1;
    let plain = !after[pronoun].after_comma
        && !after[..pronoun]
            .iter()
            .any(|token| lexicon::is_breaker(&token.lower) || token.lower == "and");
    let verb = after
        .get(pronoun + 1)
        .filter(|token| plain && !token.after_comma && lexicon::is_ownership_verb(&token.lower))?;
    Some(verb.range.clone())
}

/// "… is owned and ordered by the Product Owner", "… will be defined by you", "… is your
/// responsibility", "… is yours": the predicate after the object names who owns it. Only an
/// agent that is the clause's own reader ("you"), a product role or "both"/"neither" counts;
/// "set by the business" says nothing about the role.
fn passive_governance(tokens: &[Token], object_start: usize) -> Governance {
    let after = &tokens[tokens.partition_point(|token| token.range.start < object_start)..];
    // "Roadmap ownership", "backlog management", "pricing decisions": a noun of ownership
    // right after the object's words. The object's own first word is not one ("waits for a
    // decision").
    if let Some(noun) = after
        .iter()
        .take(4)
        .skip(1)
        .take_while(|token| !lexicon::is_breaker(&token.lower) && token.lower != "and")
        .find(|token| lexicon::is_ownership_noun(&token.lower))
    {
        // "The team has its own backlog owner, Kim", "our roadmap owner": whose owner it is
        // names a third person, not the one the clause is about.
        let start = tokens.partition_point(|token| token.range.start < object_start);
        let mut determiner = tokens[..start].iter().rev();
        let first = determiner.next().map(|token| token.lower.as_str());
        let first = if first == Some("own") {
            determiner.next().map(|token| token.lower.as_str())
        } else {
            first
        };
        let someone_else = matches!(noun.lower.as_str(), "owner" | "owners")
            && matches!(
                first,
                Some("its" | "their" | "his" | "her" | "our" | "your")
            );
        if someone_else {
            return Governance::Ungoverned;
        }
        return Governance::Owned {
            verb: noun.range.clone(),
        };
    }
    // "Click & Collect roadmap: yours.": a fragment whose last word gives it to the reader.
    if let Some(last) = after.last()
        && after.len() <= 8
        && last.lower == "yours"
    {
        return Governance::Owned {
            verb: last.range.clone(),
        };
    }
    // "The product vision for your area, which you define and present": a relative clause
    // after the object gives it to the reader.
    if let Some(relative) = after
        .iter()
        .take(10)
        .position(|token| matches!(token.lower.as_str(), "which" | "that"))
        && after
            .get(relative + 1)
            .is_some_and(|token| token.lower == "you")
    {
        let verb = after[relative + 2..]
            .iter()
            .take(3)
            .find(|token| lexicon::is_ownership_verb(&token.lower));
        if let Some(verb) = verb {
            return Governance::Owned {
                verb: verb.range.clone(),
            };
        }
    }
    if let Some(verb) = owned_in_relative(after, &["they", "he", "she"]) {
        return Governance::Owned { verb };
    }
    // "Release planning sits with the Product Owner", "… won't sit with anyone", "the roadmap
    // has no owner": a predicate of place or possession names the owner.
    if let Some(window) = after.windows(2).take(10).find(|window| {
        matches!(
            [window[0].lower.as_str(), window[1].lower.as_str()],
            ["sit" | "sits" | "rest" | "rests" | "lie" | "lies", "with"]
                | ["belong" | "belongs", "to"]
                | ["has" | "have", "no"]
        )
    }) {
        return Governance::Owned {
            verb: window[0].range.clone(),
        };
    }
    // "Sprint planning falls to you", "… falls under your remit", "stories come from you",
    // "pricing is in your hands", "release dates are down to you": the reader is given it.
    if let Some(window) = after.windows(3).take(10).find(|window| {
        let words = [
            window[0].lower.as_str(),
            window[1].lower.as_str(),
            window[2].lower.as_str(),
        ];
        matches!(
            words,
            ["fall" | "falls", "to" | "under" | "within", "you" | "your"]
                | ["come" | "comes", "from", "you"]
                | ["in", "your", "hands"]
                | ["down", "to", "you"]
        )
    }) {
        return Governance::Owned {
            verb: window[0].range.clone(),
        };
    }
    // "acceptance criteria written by you", "Tickets for the squad: written by you": a
    // participle after the object, with no "be" before it.
    if let Some(participle) = after.iter().take(8).position(|token| {
        BE_FORMS.contains(&token.lower.as_str()) || is_passive_participle(&token.lower)
    }) && is_passive_participle(&after[participle].lower)
        && after
            .get(participle + 1)
            .is_some_and(|token| token.lower == "by")
        && agent_is_product_role(&after[participle + 2..])
    {
        return Governance::Owned {
            verb: after[participle].range.clone(),
        };
    }
    let Some(be) = after
        .iter()
        .take(10)
        .position(|token| BE_FORMS.contains(&token.lower.as_str()))
    else {
        return Governance::Ungoverned;
    };
    let mut index = be + 1;
    // "… are not owned by anyone" says that nobody owns them; any other "not" denies an owner.
    let by_anyone = after.windows(2).take(12).any(|pair| {
        pair[0].lower == "by" && matches!(pair[1].lower.as_str(), "anyone" | "anybody")
    });
    // "… is to be defined by the postholder".
    while after.get(index).is_some_and(|token| {
        is_passive_filler(&token.lower)
            || (by_anyone && token.lower == "not")
            || matches!(token.lower.as_str(), "to" | "be")
    }) {
        index += 1;
    }
    let Some(first) = after.get(index) else {
        return Governance::Ungoverned;
    };
    // "… is yours", "… is your responsibility".
    if first.lower == "yours"
        || (first.lower == "your"
            && after
                .get(index + 1)
                .is_some_and(|next| lexicon::is_remit_word(&next.lower)))
    {
        return Governance::Owned {
            verb: first.range.clone(),
        };
    }
    if !is_passive_participle(&first.lower) {
        return Governance::Ungoverned;
    }
    // Coordinated participles: "owned and ordered by".
    while after.get(index + 1).is_some_and(|token| {
        matches!(token.lower.as_str(), "and" | "or") || is_passive_participle(&token.lower)
    }) {
        index += 1;
    }
    // "owned jointly by", "decided together by".
    while after.get(index + 1).is_some_and(|token| {
        is_passive_filler(&token.lower)
            || matches!(token.lower.as_str(), "together" | "jointly" | "equally")
    }) {
        index += 1;
    }
    if after.get(index + 1).map(|token| token.lower.as_str()) != Some("by") {
        return Governance::Ungoverned;
    }
    let owned_by_role = agent_is_product_role(&after[index + 2..]);
    if owned_by_role {
        Governance::Owned {
            verb: first.range.clone(),
        }
    } else {
        Governance::Ungoverned
    }
}

/// Does the agent of a passive ("… by you", "… by the Product Owner", "… by neither") name
/// the reader or a product role? "set by the business" says nothing about the role.
fn agent_is_product_role(after_by: &[Token]) -> bool {
    let agent: Vec<&str> = after_by
        .iter()
        .map(|token| token.lower.as_str())
        .filter(|word| !matches!(*word, "the" | "our" | "your" | "a" | "an" | "this" | "each"))
        .take(2)
        .collect();
    let named = match agent.as_slice() {
        [
            "you" | "yourself" | "neither" | "both" | "either" | "nobody" | "anyone" | "anybody"
            | "pm" | "po" | "pms" | "pos",
            ..,
        ] => true,
        ["role" | "postholder" | "post-holder" | "jobholder", ..] => true,
        [_, second] => {
            matches!(*second, "manager" | "managers" | "owner" | "owners")
                && matches!(agent[0], "product")
        }
        _ => false,
    };
    named
        || (agent.len() == 2
            && matches!(
                agent[0],
                "senior" | "proxy" | "group" | "technical" | "lead" | "principal"
            )
            && agent[1] == "product")
}

fn is_passive_participle(word: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&word)
        || (lexicon::is_ownership_verb(word) && (word.ends_with("ed") || word.ends_with("en")))
}

/// "You make the roadmap", "makes the benchmark of the competition": "make" with the object
/// as what is made, as posts translated from languages with one verb for "do" and "make"
/// say it. Not "make sure the roadmap…", "make the roadmap visible" or "make the vision
/// into a backlog", where the object is only checked, shown or read.
fn makes_object(tokens: &[Token], verb: usize, object_start: usize) -> bool {
    // "Do the competitive analysis", "does market research": "do" with the object right
    // after it, or after one determiner.
    if matches!(tokens[verb].lower.as_str(), "do" | "does" | "doing") {
        let between =
            &tokens[verb + 1..tokens.partition_point(|token| token.range.end <= object_start)];
        return match between {
            [] => true,
            [determiner] => matches!(
                determiner.lower.as_str(),
                "the" | "all" | "our" | "your" | "its" | "their" | "any"
            ),
            _ => false,
        };
    }
    if !matches!(tokens[verb].lower.as_str(), "make" | "makes" | "making") {
        return false;
    }
    if tokens
        .get(verb + 1)
        .is_some_and(|next| matches!(next.lower.as_str(), "sure" | "certain" | "it"))
    {
        return false;
    }
    // "Making the vision into a backlog" converts the object: it is read, not made.
    let after = tokens.partition_point(|token| token.range.start < object_start);
    for token in tokens[after..].iter().take(6) {
        if token.lower == "into" || lexicon::is_make_complement(&token.lower) {
            return false;
        }
        if token.after_comma || lexicon::is_breaker(&token.lower) {
            break;
        }
    }
    true
}

/// Phrases that hold what follows them: "look after the backlog", "take care of the
/// roadmap", "on the hook for pricing", "the go-to person for release dates", "call the shots
/// on the backlog". Each word is a set of forms; `verbal` says whether the phrase opens on
/// its verb, so that a "verb + object" rewrite can replace the whole phrase.
struct PhrasalHolder {
    words: &'static [&'static [&'static str]],
    verbal: bool,
}

const TAKE: &[&str] = &["take", "takes", "taking", "took", "taken"];
const CALL: &[&str] = &["call", "calls", "calling", "called"];

const PHRASAL_HOLDERS: &[PhrasalHolder] = &[
    PhrasalHolder {
        words: &[&["look", "looks", "looking", "looked"], &["after"]],
        verbal: true,
    },
    PhrasalHolder {
        words: &[TAKE, &["care"], &["of"]],
        verbal: true,
    },
    PhrasalHolder {
        words: &[&["on"], &["the"], &["hook"], &["for"]],
        verbal: false,
    },
    // "take the lead on competitor benchmarking".
    PhrasalHolder {
        words: &[TAKE, &["the"], &["lead"], &["on", "in", "for"]],
        verbal: true,
    },
    PhrasalHolder {
        words: &[&["go-to"], &["person"], &["for"]],
        verbal: false,
    },
    // "come up with the pricing".
    PhrasalHolder {
        words: &[&["come", "comes", "coming", "came"], &["up"], &["with"]],
        verbal: true,
    },
    PhrasalHolder {
        words: &[CALL, &["the"], &["shots"], &["on", "over"]],
        verbal: true,
    },
];

/// Does the breaker at `index` end one of the [`PHRASAL_HOLDERS`]? Gives the index of the
/// phrase's first word.
fn phrasal_holder(before: &[Token], index: usize) -> Option<usize> {
    PHRASAL_HOLDERS.iter().find_map(|phrase| {
        let start = (index + 1).checked_sub(phrase.words.len())?;
        before[start..=index]
            .iter()
            .zip(phrase.words)
            .all(|(token, forms)| forms.contains(&token.lower.as_str()))
            .then_some(start)
    })
}

/// How many of the leading words form a phrasal holder that opens on its verb ("take care
/// of", "look after"), if they do: the verb a rewrite replaces.
pub fn leading_phrasal_verb(words: &[&str]) -> Option<usize> {
    PHRASAL_HOLDERS
        .iter()
        .filter(|phrase| phrase.verbal && words.len() > phrase.words.len())
        .find(|phrase| {
            words
                .iter()
                .zip(phrase.words)
                .all(|(word, forms)| forms.iter().any(|form| form.eq_ignore_ascii_case(word)))
        })
        .map(|phrase| phrase.words.len())
}

/// Does the text open on a phrasal holder that is no verb ("on the hook for")?
pub fn opens_on_nominal_holder(words: &[&str]) -> bool {
    PHRASAL_HOLDERS
        .iter()
        .filter(|phrase| !phrase.verbal && words.len() >= phrase.words.len())
        .any(|phrase| {
            words
                .iter()
                .zip(phrase.words)
                .all(|(word, forms)| forms.iter().any(|form| form.eq_ignore_ascii_case(word)))
        })
}

fn governance_before(tokens: &[Token], object_start: usize) -> Governance {
    let before = &tokens[..tokens.partition_point(|token| token.range.end <= object_start)];
    let mut distance = 0;
    for (index, token) in before.iter().enumerate().rev() {
        let word = token.lower.as_str();
        if is_collaboration_at(before, index) {
            // "define and communicate the vision": the first verb still owns it.
            if let Some(owner) = coordinated_owner(before, index) {
                if has_collaboration_lead(&before[..owner]) {
                    return Governance::Collaboration;
                }
                return Governance::Owned {
                    verb: before[owner].range.clone(),
                };
            }
            return Governance::Collaboration;
        }
        // "The team has its own backlog owner": "own" after a possessive says whose the thing
        // is, not who acts.
        let possessive_own = word == "own"
            && index > 0
            && matches!(
                before[index - 1].lower.as_str(),
                "its" | "their" | "his" | "her" | "our" | "your" | "my"
            );
        // "The Product Owner flags roadmap items": "owner" in the title is the subject, not a
        // holder of the object.
        let in_title =
            matches!(word, "owner" | "owners") && index > 0 && before[index - 1].lower == "product";
        // "… have been given the competitor analysis", "is assigned the release plan": the
        // subject receives the object.
        let received = matches!(word, "given" | "handed" | "assigned" | "allocated")
            && index > 0
            && (BE_FORMS.contains(&before[index - 1].lower.as_str())
                || matches!(before[index - 1].lower.as_str(), "got" | "gets"));
        if received {
            return Governance::Owned {
                verb: token.range.clone(),
            };
        }
        // "put together the roadmap", "draw up the pricing", "map out the strategy".
        let previous_word = index
            .checked_sub(1)
            .map_or("", |at| before[at].lower.as_str());
        let phrasal_verb = match word {
            "together" => matches!(
                previous_word,
                "put" | "puts" | "putting" | "pull" | "pulls" | "pulling" | "pulled"
            ),
            "up" => matches!(
                previous_word,
                "draw" | "draws" | "drawing" | "drew" | "drawn"
            ),
            "out" => matches!(
                previous_word,
                "map" | "maps" | "mapping" | "mapped" | "lay" | "lays" | "laying" | "laid"
            ),
            _ => false,
        };
        if !possessive_own
            && (lexicon::is_ownership_verb(word)
                || phrasal_verb
                || (lexicon::is_ownership_holder(word) && !in_title)
                || makes_object(tokens, index, object_start))
        {
            let (index, token) = if phrasal_verb {
                (index - 1, &before[index - 1])
            } else {
                (index, token)
            };
            // "products that deliver our vision": the verb belongs to a relative clause whose
            // subject is the noun before it, not the clause's actor.
            let previous = index.checked_sub(1).map(|i| before[i].lower.as_str());
            // "… so that it shapes the roadmap": "it" is a thing, and the thing does it.
            // "happy to let someone else run the backlog": somebody else does it.
            // "Work with the Product Owner, who owns the backlog": the one named before the
            // comma. Without one ("members of the leadership team who manage the product",
            // "you are the one who sets the price") the clause's subject may still act.
            // "Know who owns the roadmap": an indirect question names somebody else.
            let asked_who = previous == Some("who")
                && index.checked_sub(2).is_some_and(|asker| {
                    matches!(
                        before[asker].lower.as_str(),
                        "know" | "knows" | "ask" | "asks" | "learn" | "understand" | "out" | "sure"
                    )
                });
            let other_who = previous == Some("who") && (before[index - 1].after_comma || asked_who);
            if matches!(previous, Some("that" | "which" | "it" | "else"))
                || other_who
                || follows_other_antecedent(before, index)
            {
                return Governance::Ungoverned;
            }
            if has_collaboration_lead(&before[..index]) {
                return Governance::Collaboration;
            }
            return Governance::Owned {
                verb: token.range.clone(),
            };
        }
        if lexicon::is_breaker(word) {
            let previous = index.checked_sub(1).map(|i| before[i].lower.as_str());
            // "translate the strategy into user stories", "break epics into stories": the
            // verb makes what follows "into", even though it only reads what precedes it.
            if word == "into"
                && let Some(maker) = before[..index]
                    .iter()
                    .rposition(|token| lexicon::is_conversion_verb(&token.lower))
                    .filter(|&maker| index - maker <= lexicon::VERB_REACH)
            {
                // "… which turns them into epics", "themes are turned into epics": a
                // relative or a passive converts for someone else.
                let relative = maker.checked_sub(1).is_some_and(|i| {
                    matches!(
                        before[i].lower.as_str(),
                        "which" | "that" | "are" | "is" | "were" | "was" | "be" | "been" | "get"
                    )
                });
                // "a roadmap they can turn into backlog items": somebody else converts.
                let other_maker = before[..maker]
                    .iter()
                    .rev()
                    .find(|token| {
                        !matches!(
                            token.lower.as_str(),
                            "can"
                                | "could"
                                | "will"
                                | "would"
                                | "may"
                                | "might"
                                | "should"
                                | "must"
                                | "then"
                                | "later"
                                // "the context she needs to turn themes into epics".
                                | "to"
                                | "needs"
                                | "need"
                                | "wants"
                                | "want"
                        )
                    })
                    .is_some_and(|token| {
                        matches!(
                            token.lower.as_str(),
                            "they"
                                | "he"
                                | "she"
                                | "team"
                                | "teams"
                                | "squad"
                                | "squads"
                                | "developers"
                                | "engineers"
                        )
                    });
                if relative || other_maker {
                    return Governance::Ungoverned;
                }
                if has_collaboration_lead(&before[..maker]) {
                    return Governance::Collaboration;
                }
                return Governance::Owned {
                    verb: before[maker].range.clone(),
                };
            }
            // "decide which features ship": an indirect question is the verb's object;
            // "decide on the pricing", "decide about the scope": so is a topic.
            let topic = matches!(word, "on" | "about" | "upon")
                && previous.is_some_and(|verb| {
                    matches!(verb, "decide" | "decides" | "deciding" | "decided")
                });
            if (matches!(word, "which" | "when")
                && previous.is_some_and(lexicon::is_ownership_verb))
                || topic
            {
                return Governance::Owned {
                    verb: before[index - 1].range.clone(),
                };
            }
            // "Conduct the annual review of competing apps": "review" is the deed's noun
            // here, not a verb of taking part.
            let deed_noun = word == "of"
                && previous.is_some_and(lexicon::is_deed_noun)
                && index >= 2
                && matches!(
                    before[index - 2].lower.as_str(),
                    "the" | "a" | "an" | "annual" | "monthly" | "quarterly" | "weekly" | "regular"
                );
            if !deed_noun && previous.is_some_and(lexicon::is_collaboration_verb) {
                return Governance::Collaboration;
            }
            // "has the final say on pricing", "the last word over the roadmap".
            let final_say = matches!(word, "on" | "over" | "in")
                && matches!(previous, Some("say" | "word"))
                && index >= 2
                && matches!(before[index - 2].lower.as_str(), "final" | "last");
            let phrase = phrasal_holder(before, index);
            // "…; that's Noor, who looks after the backlog": somebody else holds it.
            if phrase.is_some_and(|start| {
                start.checked_sub(1).is_some_and(|at| {
                    matches!(
                        before[at].lower.as_str(),
                        "who" | "that" | "which" | "it" | "else"
                    )
                })
            }) {
                return Governance::Ungoverned;
            }
            let holder =
                previous.is_some_and(lexicon::is_ownership_holder) || final_say || phrase.is_some();
            let quantified = word == "of" && previous.is_some_and(lexicon::is_quantifier);
            // "Run a monthly scan of competing apps", "Conduct a review of competitors", "Own
            // our research into industry trends": the verb does the deed whose object follows
            // "of" or "into".
            if matches!(word, "of" | "into")
                && previous.is_some_and(lexicon::is_deed_noun)
                // "Lead the tribe's annual review of competitor apps": a few words between.
                && let Some(verb) = before[..index - 1]
                    .iter()
                    .rev()
                    .take(4)
                    .find(|token| lexicon::is_ownership_verb(&token.lower))
            {
                if has_collaboration_lead(&before[..index - 1]) {
                    return Governance::Collaboration;
                }
                return Governance::Owned {
                    verb: verb.range.clone(),
                };
            }
            if holder {
                if has_collaboration_lead(&before[..index - 1]) {
                    return Governance::Collaboration;
                }
                // A phrase is its verb whole: a rewrite replaces "take care of", not "care of".
                let verb_start = phrase.map_or(index - 1, |start| start);
                return Governance::Owned {
                    verb: before[verb_start].range.start..before[index].range.end,
                };
            }
            if !quantified {
                return Governance::Ungoverned;
            }
        }
        distance += 1;
        if distance > lexicon::VERB_REACH {
            break;
        }
    }
    Governance::Ungoverned
}

/// "Work with the Service Owner, who holds the strategy": after a comma, "who" hands the verb
/// at `verb` to the person just named. Only a product role or the reader ("the Product Owner,
/// who owns the backlog") leaves it with the clause's actor.
fn follows_other_antecedent(before: &[Token], verb: usize) -> bool {
    // "Work with Gert, who orders the backlog and writes the stories": a verb joined to the
    // relative clause's first verb is the same person's.
    let joined_verb = before[verb].after_comma
        || verb
            .checked_sub(1)
            .is_some_and(|previous| matches!(before[previous].lower.as_str(), "and" | "or"));
    let reach = if joined_verb { 12 } else { 3 };
    let Some(who) = before[..verb]
        .iter()
        .rev()
        .take(reach)
        .position(|token| token.lower == "who")
        .map(|back| verb - 1 - back)
    else {
        return false;
    };
    let between_are_auxiliaries = before[who + 1..verb].iter().all(|token| {
        matches!(
            token.lower.as_str(),
            "will" | "would" | "also" | "currently" | "already" | "still" | "can" | "should"
        )
    }) || (joined_verb
        && !before[who + 1..verb]
            .iter()
            .any(|token| matches!(token.lower.as_str(), "you" | "your" | "while" | "but")));
    let word_before = |back: usize| {
        who.checked_sub(back)
            .map_or("", |index| before[index].lower.as_str())
    };
    let product_role = match word_before(1) {
        "owner" | "owners" | "manager" | "managers" => word_before(2) == "product",
        "pm" | "po" | "pms" | "pos" | "you" => true,
        _ => false,
    };
    between_are_auxiliaries && before[who].after_comma && !product_role
}

/// Is the verb at `position` the predicate of a relative clause about somebody else ("Work
/// with Gert, who orders the backlog and writes the stories")?
pub fn is_other_persons_verb(tokens: &[Token], position: usize) -> bool {
    let index = tokens.partition_point(|token| token.range.start < position);
    index < tokens.len()
        && (follows_other_antecedent(tokens, index) || in_other_persons_object(tokens, index))
}

/// Is the word at `index` inside the object of such a relative clause ("Pass feedback to the
/// Game Director, who owns the long-term vision")? Only a short object, with no second verb
/// joined to it.
fn in_other_persons_object(tokens: &[Token], index: usize) -> bool {
    let from = index.saturating_sub(6);
    let Some(who) = tokens[from..index]
        .iter()
        .rposition(|token| token.lower == "who")
        .map(|at| from + at)
    else {
        return false;
    };
    let verb = who + 1;
    verb < index
        && follows_other_antecedent(tokens, verb)
        && !tokens[verb + 1..index].iter().any(|token| {
            token.after_comma
                || matches!(
                    token.lower.as_str(),
                    "and" | "or" | "you" | "your" | "but" | "while" | "whereas"
                )
        })
}

/// The index of an ownership verb joined to the collaboration verb at `index` by "and",
/// "or" or a comma: "defines and communicates", "own, share".
fn coordinated_owner(before: &[Token], index: usize) -> Option<usize> {
    let joined = before[index].after_comma
        || index
            .checked_sub(1)
            .is_some_and(|previous| matches!(before[previous].lower.as_str(), "and" | "or" | "&"));
    if !joined {
        return None;
    }
    let owner = if before[index].after_comma {
        index.checked_sub(1)?
    } else {
        index.checked_sub(2)?
    };
    lexicon::is_ownership_verb(&before[owner].lower).then_some(owner)
}

/// Does the word at `index` make the clause a collaboration? Work led with the delivery team
/// is not one (the partner is read only after the cheap test of the word).
fn is_collaboration_at(before: &[Token], index: usize) -> bool {
    is_collaboration_word_at(before, index) && !leads_the_delivery_team(before, index)
}

/// Is the word at `index` a collaboration verb? After a determiner it is a noun ("plan the
/// work for the sprint", "own the support roadmap") and collaborates with nobody.
fn is_collaboration_word_at(before: &[Token], index: usize) -> bool {
    // "work" is a collaboration only when it is work *with* someone: "the team works on X"
    // says nothing about who owns X.
    if lexicon::is_work_verb(&before[index].lower) {
        return before.get(index + 1).is_some_and(|next| {
            matches!(
                next.lower.as_str(),
                "with" | "closely" | "alongside" | "together" | "hand" | "jointly"
            )
        });
    }
    // After a determiner or a noun it names a thing: "the review", "your performance review";
    // "keep under review" is upkeep.
    lexicon::is_collaboration_verb(&before[index].lower)
        && !index.checked_sub(1).is_some_and(|previous| {
            matches!(
                before[previous].lower.as_str(),
                "the"
                    | "under"
                    | "a"
                    | "an"
                    | "our"
                    | "their"
                    | "your"
                    | "its"
                    | "this"
                    | "all"
                    | "performance"
                    | "annual"
                    | "quarterly"
                    | "yearly"
                    | "monthly"
                    | "weekly"
                    | "peer"
                    | "sprint"
                    | "code"
                    | "design"
                    // "The number I answer for at review time": a time, not a meeting held.
                    | "at"
                    | "by"
                    | "before"
                    | "after"
                    | "until"
            )
        })
        // "You will be reviewed on velocity", "is checked each quarter against": a passive
        // says how the actor is judged, not whom they work with.
        && !(index.checked_sub(1).is_some_and(|previous| {
            matches!(
                before[previous].lower.as_str(),
                "be" | "is" | "are" | "was" | "were" | "been" | "being"
            )
        }) && before[index + 1..]
            .iter()
            .take(3)
            .any(|next| matches!(next.lower.as_str(), "on" | "against" | "by" | "based")))
        // "Participate as a member of the Scrum team": a verb followed by "as" names a place
        // in the team, not help given to someone. "Has delegated authority to set…" holds
        // the authority.
        && before
            .get(index + 1)
            .is_none_or(|next| !matches!(next.lower.as_str(), "as" | "authority" | "powers"))
        // "requests from customers and support against each other", "the support team": a
        // noun in a list, or before the noun it modifies.
        && !(before[index].lower == "support"
            && before.get(index + 1).is_some_and(|next| {
                matches!(
                    next.lower.as_str(),
                    "against" | "team" | "teams" | "staff" | "agents" | "desk" | "tickets"
                )
            }))
        // "evaluated based on velocity", "will be based mainly on velocity" say what a
        // judgement rests on.
        && !(before[index].lower == "based"
            && index.checked_sub(1).is_some_and(|previous| {
                matches!(
                    before[previous].lower.as_str(),
                    "evaluated"
                        | "judged"
                        | "measured"
                        | "assessed"
                        | "rated"
                        | "reviewed"
                        | "appraised"
                        | "rewarded"
                        | "paid"
                        | "be"
                        | "is"
                        | "are"
                )
            }))
}

/// The delivery team's people, and the words that make "team" or "squad" the delivery team
/// ("the development team").
const DELIVERY_PEOPLE: &[&str] = &["developers", "devs", "engineers"];
const DELIVERY_QUALIFIERS: &[&str] = &["development", "dev", "engineering", "scrum", "delivery"];

/// Does the clause open on the delivery team as its subject ("The devs run their own
/// stand-ups", "Engineers co-write the acceptance criteria", "The development team owns…"),
/// with a verb after it? The team acts, which is no product role's duty.
pub fn opens_on_delivery_team(clause: &str) -> bool {
    // Read for every clause without a role in it: compare without allocating.
    let is_any = |word: &str, choices: &[&str]| {
        choices
            .iter()
            .any(|choice| word.eq_ignore_ascii_case(choice))
    };
    let mut words = clause
        .split(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '-' | '•' | '>'))
        .filter(|word| !word.is_empty())
        .peekable();
    words.next_if(|word| is_any(word, &["the", "our", "your", "their"]));
    let qualified = words
        .next_if(|word| is_any(word, DELIVERY_QUALIFIERS))
        .is_some();
    let team = words.next().is_some_and(|noun| {
        is_any(noun, DELIVERY_PEOPLE)
            || noun.eq_ignore_ascii_case("testers")
            // "The team" alone may be the role's own squad; "the development team" is not.
            || (qualified && is_any(noun, &["team", "squad"]))
    });
    team && words.next().is_some_and(|next| {
        next.chars().next().is_some_and(char::is_alphabetic)
            && !is_any(
                next,
                &[
                    "and", "or", "of", "with", "for", "to", "in", "on", "at", "who", "that",
                ],
            )
    })
}

/// "Work with the developers to write the user stories", "sit with the engineers to order
/// the backlog": done with the team one leads, the work is still one's own. Only a partner
/// that is nothing but the delivery team, and a purpose ("to …") after it.
fn leads_the_delivery_team(before: &[Token], index: usize) -> bool {
    let Some(with) = before
        .get(index + 1..)
        .and_then(|rest| rest.iter().take(2).position(|token| token.lower == "with"))
        .map(|offset| index + 1 + offset)
    else {
        return false;
    };
    let mut partner = 0;
    for token in &before[with + 1..] {
        let word = token.lower.as_str();
        match word {
            "to" => return partner > 0,
            "the" | "your" | "our" | "their" | "its" => {}
            "team" | "squad" => partner += 1,
            _ if DELIVERY_PEOPLE.contains(&word) || DELIVERY_QUALIFIERS.contains(&word) => {
                partner += 1
            }
            _ => return false,
        }
    }
    false
}

/// A collaboration verb earlier in the same list item of the clause ("help define…",
/// "work with the PM to set…").
fn has_collaboration_lead(before: &[Token]) -> bool {
    for (index, token) in before.iter().enumerate().rev() {
        if is_collaboration_at(before, index) && coordinated_owner(before, index).is_none() {
            return true;
        }
        // "The PM and the PO meet every Monday to turn themes into backlog items": a meeting
        // held for the work is done together.
        if matches!(token.lower.as_str(), "meet" | "meets" | "met")
            && before[index + 1..].iter().any(|later| later.lower == "to")
        {
            return true;
        }
        if token.after_comma
            || matches!(
                token.lower.as_str(),
                "where"
                    | "who"
                    | "which"
                    | "that"
                    | "so"
                    | "because"
                    | "when"
                    | "while"
                    | "whereas"
            )
        {
            break;
        }
    }
    false
}

/// Is the clause a verbless duty ("Market analysis and competitive research", "Pricing of
/// the add-ons") whose object at `object_start` is one of its leading nouns? Nothing before
/// the object may be a verb or a preposition, and nothing in the clause may speak of
/// collaboration or of a skill ("market research experience").
pub fn is_verbless_duty(tokens: &[Token], object_start: usize) -> bool {
    // Without a part-of-speech tagger an unknown first word may be a verb ("Provide vision",
    // "Ensure the roadmap is…"), so the object must open the item, after at most a
    // determiner and a plain modifier.
    const LEADERS: &[&str] = &[
        "the",
        "a",
        "an",
        "our",
        "your",
        "their",
        "its",
        "product",
        "overall",
        "full",
        "end-to-end",
        "long-term",
        "short-term",
        "annual",
        "quarterly",
        "yearly",
        "strategic",
    ];
    // A duty named by its deed: "Creation and maintenance of the roadmap", "Writing of user
    // stories", "Ownership of the backlog".
    const DEEDS: &[&str] = &[
        "development",
        "creation",
        "definition",
        "ownership",
        "writing",
        "authoring",
        "management",
        "maintenance",
        "refinement",
        "prioritisation",
        "prioritization",
        "planning",
        "preparation",
        "drafting",
        "shaping",
        "setting",
        "formulation",
        "steering",
        "analysis",
        "research",
        "decision",
    ];
    let is_deed = |token: &Token| DEEDS.contains(&token.lower.as_str());
    let before = &tokens[..tokens.partition_point(|token| token.range.end <= object_start)];
    // "Responsibility for the creation of the roadmap": the remit names the deed.
    let is_remit_holder = |word: &str| {
        matches!(
            word,
            "responsibility" | "responsible" | "accountability" | "accountable"
        )
    };
    let before = match before {
        [remit, for_, the, rest @ ..]
            if is_remit_holder(&remit.lower)
                && for_.lower == "for"
                && the.lower == "the"
                && rest.first().is_some_and(is_deed) =>
        {
            rest
        }
        [remit, for_, rest @ ..]
            if is_remit_holder(&remit.lower)
                && for_.lower == "for"
                && rest.first().is_some_and(is_deed) =>
        {
            rest
        }
        _ => before,
    };
    let before = match before {
        [deed, and, other_deed, of, rest @ ..]
            if is_deed(deed) && and.lower == "and" && is_deed(other_deed) && of.lower == "of" =>
        {
            rest
        }
        [deed, of, rest @ ..] if is_deed(deed) && of.lower == "of" => rest,
        _ => before,
    };
    // "Platform strategy", "The squad backlog": one plain noun may stand right before the
    // object as its modifier.
    let leaders = match before {
        [rest @ .., last]
            if !LEADERS.contains(&last.lower.as_str()) && is_plain_modifier(&last.lower) =>
        {
            rest
        }
        _ => before,
    };
    before.len() <= 2
        && leaders
            .iter()
            .all(|token| LEADERS.contains(&token.lower.as_str()))
        && tokens.iter().enumerate().all(|(index, token)| {
            let word = token.lower.as_str();
            // "Creation of the roadmap and its communication to the board": the object's own
            // communication, not somebody else's input.
            let objects_own = token.range.start > object_start
                && index
                    .checked_sub(1)
                    .is_some_and(|previous| matches!(tokens[previous].lower.as_str(), "its"));
            !lexicon::is_collaboration_verb(word)
                && (objects_own || !lexicon::is_collaboration_noun(word))
                && !lexicon::is_skill_noun(word)
        })
}

/// Can this word be a noun that modifies the object after it ("platform", "squad"), and not
/// a verb that takes it ("Provide vision", "Communicate strategy")? Without a part-of-speech
/// tagger, the words a duty opens with as a verb are kept out by name and by form: the
/// lexicon's verbs, and these others.
fn is_plain_modifier(word: &str) -> bool {
    const VERBS: &[&str] = &[
        "provide",
        "know",
        "deliver",
        "track",
        "evangelise",
        "evangelize",
        "validate",
        "clarify",
        "embrace",
        "see",
        "realise",
        "realize",
        "pursue",
        "advance",
        "serve",
        "meet",
        "hit",
        "achieve",
        "grow",
        "improve",
        "test",
        "ship",
        "release",
        // Words of grammar, which never modify a noun the way "platform" does.
        "which",
        "what",
        "who",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "any",
        "some",
        "all",
        "more",
        "most",
        "less",
        "other",
        "such",
        "many",
        "much",
        "few",
        "these",
        "those",
        "his",
        "her",
        "my",
        "one",
        "two",
        "three",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "and",
        "but",
        "for",
        "from",
        "with",
        "into",
        "about",
        "than",
        "then",
        "new",
    ];
    word.len() > 2
        && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !word.ends_with("ing")
        && !word.ends_with("ed")
        && !word.ends_with("ly")
        && !VERBS.contains(&word)
        && !lexicon::is_ownership_verb(word)
        && !lexicon::is_collaboration_verb(word)
        && !lexicon::is_work_verb(word)
        && !lexicon::is_conversion_verb(word)
        && !lexicon::is_negation(word)
}

/// Is the clause told in the past before `position` ("Our first Product Owner was expected
/// to set the vision")? A story of what happened states no duty; a review of the period that
/// is still running ("My main KPI this half was velocity") describes the role as it is.
fn is_past_narrative(tokens: &[Token], position: usize) -> bool {
    let before = &tokens[..tokens.partition_point(|token| token.range.start < position)];
    let current_period = || {
        tokens.windows(2).any(|pair| {
            pair[0].lower == "this"
                && matches!(
                    pair[1].lower.as_str(),
                    "half" | "year" | "quarter" | "cycle" | "period" | "review"
                )
        })
    };
    before.iter().enumerate().any(|(index, token)| {
        matches!(token.lower.as_str(), "was" | "were")
            || (token.lower == "used"
                && before.get(index + 1).is_some_and(|next| next.lower == "to"))
    }) && !before
        .iter()
        .any(|token| matches!(token.lower.as_str(), "will" | "now" | "today"))
        && !current_period()
}

/// Is what stands at `position` denied to the clause's actor, or only told as the past?
/// Either a negation before it
/// ("not", "never", "won't") or a predicate after it that takes it away ("… isn't part of
/// this job", "… belongs to the Product Manager", "… are theirs").
pub fn is_negated(tokens: &[Token], position: usize) -> bool {
    is_past_narrative(tokens, position) || is_denied(tokens, position)
}

/// Is what stands at `position` denied to the clause's actor: [`is_negated`] without the
/// past, for a text where the past is the role as it was held (a performance review).
pub fn is_denied(tokens: &[Token], position: usize) -> bool {
    // "Because the squad has no Product Owner, you will act as one": a denial inside an
    // opening subordinate phrase does not reach the main clause after its comma.
    // So does one before a comma and a subject: "Rather than waiting for leadership, you will
    // set the vision", "In quarters without a Product Manager, you will define the strategy".
    let main_clause_start = match tokens.first().map(|token| token.lower.as_str()) {
        Some(
            "because" | "although" | "though" | "while" | "whilst" | "since" | "as" | "if" | "when"
            | "whereas" | "unlike" | "given" | "rather" | "instead",
        ) => tokens.iter().position(|token| token.after_comma),
        // "The one thing we haven't sorted out: our PO also sets the prices": a product role
        // named after the break is a subject of its own too.
        _ => tokens.iter().enumerate().position(|(index, token)| {
            token.after_comma
                && (matches!(
                    token.lower.as_str(),
                    "you" | "we" | "they" | "i" | "she" | "he"
                ) || (matches!(token.lower.as_str(), "our" | "my" | "your")
                    && tokens.get(index + 1).is_some_and(|next| {
                        matches!(next.lower.as_str(), "po" | "pm" | "pos" | "pms")
                    })))
        }),
    }
    .filter(|&comma| tokens[comma].range.start <= position)
    .unwrap_or(0);
    let before = &tokens[..tokens.partition_point(|token| token.range.start < position)];
    // "We have no Product Owner yet, so you will order the backlog": a consequence after a
    // comma is a clause of its own.
    let main_clause_start = before
        .iter()
        .rposition(|token| {
            token.after_comma
                && matches!(
                    token.lower.as_str(),
                    "so" | "therefore" | "thus" | "hence" | "consequently"
                )
        })
        .map_or(main_clause_start, |start| start.max(main_clause_start));
    let main_clause = &before[main_clause_start.min(before.len())..];
    if main_clause.iter().enumerate().any(|(index, token)| {
        lexicon::is_negation(&token.lower)
            // "no further than the next sprint", "no more than two weeks" limit, not deny;
            // "will no longer manage backlogs" denies.
            && !(token.lower == "no"
                && main_clause.get(index + 1).is_some_and(|next| {
                    match next.lower.as_str() {
                        "further" | "farther" | "later" | "beyond" => true,
                        "more" | "longer" => main_clause
                            .get(index + 2)
                            .is_none_or(|after| after.lower == "than"),
                        _ => false,
                    }
                }))
    }) {
        return true;
    }
    // "Stop attending every daily stand-up", "you'll stop writing the stories": the work is
    // to end, not to be done.
    let through_position =
        &tokens[main_clause_start.min(before.len())..(before.len() + 1).min(tokens.len())];
    if through_position.windows(2).any(|pair| {
        matches!(
            pair[0].lower.as_str(),
            "stop" | "stops" | "stopped" | "quit" | "cease" | "ceases"
        ) && pair[1].lower.ends_with("ing")
    }) {
        return true;
    }
    let after = &tokens[tokens.partition_point(|token| token.range.start < position)..];
    if !after
        .iter()
        .any(|token| lexicon::may_start_disowning(&token.lower))
    {
        return false;
    }
    let words: Vec<&str> = after.iter().map(|token| token.lower.as_str()).collect();
    lexicon::is_disowned_after(&words)
}

/// Is a collaboration verb anywhere before `position` in the clause?
pub fn collaboration_before(tokens: &[Token], position: usize) -> bool {
    let before = &tokens[..tokens.partition_point(|token| token.range.start < position)];
    has_collaboration_lead(before)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_named_person_acts_but_a_gerund_does_not() {
        assert!(names_third_party(
            "Femke owns the backlog and runs the ceremonies"
        ));
        assert!(names_third_party("and Oksana prioritises the roadmap"));
        assert!(!names_third_party(
            "Running interviews is the main part of the job"
        ));
        assert!(!names_third_party("Own the roadmap"));
        assert!(names_third_party(
            "Marcus and Ayesha own their squads' backlogs"
        ));
        assert!(!names_third_party("Marcus and I own the backlog"));
        // An imperative that converts or collaborates is no name: "Turn designs into…".
        assert!(!names_third_party(
            "Turn designs and requests into user stories"
        ));
        assert!(!names_third_party("Support sales with demos"));
        // A relative clause between the name and its verb; a remit kept by someone else.
        assert!(names_third_party(
            "Marco, who leads product for the marketplace, stays responsible for pricing"
        ));
        assert!(names_third_party(
            "Marco remains accountable for the roadmap"
        ));
        // "Sam is responsible for…" may be the post's own holder, and "also" goes on with the
        // person the text is about.
        assert!(!names_third_party(
            "Sam is responsible for the product's success"
        ));
        assert!(!names_third_party("Aiko also sets the release dates"));
        assert!(!names_third_party("Marco, who"));
    }

    #[test]
    fn the_delivery_team_as_subject() {
        assert!(opens_on_delivery_team("The devs run their own stand-ups."));
        assert!(opens_on_delivery_team(
            "Engineers co-write acceptance criteria"
        ));
        assert!(opens_on_delivery_team(
            "- The development team owns the board"
        ));
        assert!(!opens_on_delivery_team("The team owns the backlog"));
        assert!(!opens_on_delivery_team(
            "The developers and I plan the sprint"
        ));
        assert!(!opens_on_delivery_team("Run the daily stand-up"));
    }

    #[test]
    fn chat_in_lower_case_still_says_i() {
        assert!(speaks_as_i("i've set the price for the team plan"));
        assert!(speaks_as_i("Since Jun's out, I'll accept the stories"));
        assert!(!speaks_as_i("The team told me the price is set"));
    }

    #[test]
    fn the_writer_goes_on_after_a_named_persons_clause() {
        let text = "Dana tells me the roadmap priority, I turn it into backlog order";
        assert_eq!(
            clause_texts(text),
            vec![
                "Dana tells me the roadmap priority,",
                "I turn it into backlog order"
            ]
        );
        // An opening phrase is no clause about a person: "As PM, I own…" stays whole.
        assert_eq!(clause_texts("As PM, I own the roadmap").len(), 1);
    }

    #[test]
    fn a_lead_taken_and_a_meeting_held() {
        assert!(matches!(
            governance_of("Takes the lead on competitor benchmarking", "competitor"),
            Governance::Owned { .. }
        ));
        assert_eq!(
            governance_of(
                "The two of them meet weekly to turn roadmap themes into epics",
                "epics"
            ),
            Governance::Collaboration
        );
        assert!(matches!(
            governance_of("has delegated authority to set the fees", "fees"),
            Governance::Owned { .. }
        ));
        // A passive conversion names no maker: "… a slot where themes are turned into epics".
        assert_eq!(
            governance_of(
                "agree a slot where roadmap themes are turned into epics",
                "epics"
            ),
            Governance::Ungoverned
        );
    }

    #[test]
    fn a_bullet_of_symbols_is_no_word_before_i() {
        assert!(speaks_as_i(
            "5️⃣ Since last month I'm also in charge of pricing"
        ));
        assert!(!speaks_as_i(
            "Since last month our team has been in charge of pricing"
        ));
    }

    #[test]
    fn a_holder_outside_the_product_roles_acts_for_itself() {
        for clause in [
            "Our CEO keeps the roadmap",
            "The board sets the vision",
            "Sam and our CEO, Rhiannon, keep the roadmap",
            "The head of sales will decide pricing",
            "Sales and marketing own the go-to-market plan",
        ] {
            assert!(names_outside_holder(clause), "{clause}");
        }
        for clause in [
            "Present the roadmap to the CEO",
            "Management of the roadmap",
            "Own the roadmap with the head of sales",
            "the Head of Trading and the Group Marketing team are your primary stakeholders",
            "The Commercial Director, the Head of Trading and the Group Marketing team are your primary stakeholders",
            "The Commercial Director",
            "The sales team will be your main stakeholders",
        ] {
            assert!(!names_outside_holder(clause), "{clause}");
        }
    }

    #[test]
    fn the_writer_speaks_as_i_in_the_first_words() {
        assert!(speaks_as_i("I keep the twelve-month roadmap"));
        assert!(speaks_as_i("Twice a week I run the interviews"));
        assert!(speaks_as_i("I’ll own the backlog"));
        assert!(!speaks_as_i("You own the backlog and I help"));
        assert!(!speaks_as_i("Own the roadmap for iOS"));
    }

    use super::*;
    use crate::engine::roles::RoleVocabulary;

    fn clause_texts(text: &str) -> Vec<String> {
        let vocabulary = RoleVocabulary::default();
        let mentions = vocabulary.mentions(text);
        split_sentences(text, 0..text.len())
            .into_iter()
            .flat_map(|sentence| split_clauses(text, sentence, &mentions))
            .map(|range| text[range].to_string())
            .collect()
    }

    #[test]
    fn long_clauses_are_read_in_bounded_pieces() {
        let text = "word ".repeat(3000) + "é".repeat(3000).as_str();
        let pieces = bounded_pieces(&text, 0..text.len());
        assert!(pieces.len() >= 4);
        for piece in &pieces {
            assert!(piece.len() <= MAX_CLAUSE_BYTES);
            assert!(text.is_char_boundary(piece.start) && text.is_char_boundary(piece.end));
        }
        assert_eq!(bounded_pieces("a short clause", 0..14), vec![0..14]);
    }

    #[test]
    fn a_title_beside_a_name_starts_no_clause() {
        assert_eq!(
            clause_texts("Meet Priya, the Product Owner, and agree how themes become items."),
            ["Meet Priya, the Product Owner, and agree how themes become items."]
        );
        assert_eq!(
            clause_texts("Meet Priya, the Product Owner for checkout, and agree on themes."),
            ["Meet Priya, the Product Owner for checkout, and agree on themes."]
        );
        // A title after a comma with no name before it is a new subject; so is one in a list
        // of titles.
        assert_eq!(
            clause_texts("Years as a Product Owner, Product Manager, or similar."),
            ["Years as a Product Owner,", "Product Manager, or similar."]
        );
        assert_eq!(
            clause_texts("The PM sets the vision, and the Product Owner orders the backlog."),
            [
                "The PM sets the vision,",
                "and the Product Owner orders the backlog."
            ]
        );
    }

    #[test]
    fn a_contrast_goes_on_with_the_reader_after_its_comma() {
        assert_eq!(
            clause_texts(
                "Where Nadia, our PM, plans for next year, you'll be thinking about the next sprints."
            ),
            [
                "Where Nadia, our PM, plans for next year,",
                "you'll be thinking about the next sprints."
            ]
        );
        // Without the opening contrast, the comma before "you" cuts nothing.
        assert_eq!(
            clause_texts("As Product Owner, you will order the backlog."),
            ["As Product Owner, you will order the backlog."]
        );
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let text = "Own the backlog, e.g. the order. Write stories! Then ship.";
        assert_eq!(
            clause_texts(text),
            vec![
                "Own the backlog, e.g. the order.",
                "Write stories!",
                "Then ship."
            ]
        );
    }

    #[test]
    fn clauses_split_at_semicolons_and_new_subjects() {
        let text = "The Product Owner keeps the sprint goal; the Product Manager, however, writes the stories.";
        assert_eq!(clause_texts(text).len(), 2);
        let text =
            "The Product Manager owns the roadmap, while the Product Owner owns the backlog.";
        assert_eq!(clause_texts(text).len(), 2);
        let text =
            "Each team has its own Product Owner, and the Product Manager sets the direction.";
        assert_eq!(clause_texts(text).len(), 2);
        let text = "I sat down with Jakob, our Product Manager, to slice the roadmap into epics.";
        assert_eq!(clause_texts(text).len(), 1);
    }

    fn governance_of(text: &str, object: &str) -> Governance {
        let tokens = tokenize(text, 0..text.len());
        governance(&tokens, text.find(object).unwrap())
    }

    #[test]
    fn ownership_collaboration_and_reach() {
        assert!(matches!(
            governance_of("Own the product roadmap", "roadmap"),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("Define product vision, road-map and growth", "road-map"),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("responsible for the roadmap", "roadmap"),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("the final decision-maker on pricing", "pricing"),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("custodian of the product backlog", "backlog"),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("writes most of the user stories", "user"),
            Governance::Owned { .. }
        ));
        assert_eq!(
            governance_of("Contribute to the roadmap", "roadmap"),
            Governance::Collaboration
        );
        assert_eq!(
            governance_of("Help define the roadmap", "roadmap"),
            Governance::Collaboration
        );
        assert_eq!(
            governance_of("develop cases aligned with product strategy", "strategy"),
            Governance::Collaboration
        );
        assert_eq!(
            governance_of("Keep an eye on the roadmap", "roadmap"),
            Governance::Ungoverned
        );
        assert_eq!(
            governance_of("ship products that define our vision", "vision"),
            Governance::Ungoverned
        );
        assert_eq!(
            governance_of(
                "Give Noor the context she needs to turn themes into epics",
                "epics"
            ),
            Governance::Ungoverned
        );
        assert_eq!(
            governance_of(
                "happy to let someone else run the day-to-day backlog",
                "day-to-day"
            ),
            Governance::Ungoverned
        );
        assert_eq!(
            governance_of(
                "keep it ordered, break roadmap themes into epics",
                "roadmap"
            ),
            Governance::Ungoverned
        );
        assert_eq!(
            governance_of("The team has its own backlog owner, Kim", "backlog"),
            Governance::Ungoverned
        );
    }

    #[test]
    fn passive_and_possessive_predicates_name_the_owner() {
        let owned = |text: &str, object: &str| {
            matches!(governance_of(text, object), Governance::Owned { .. })
        };
        assert!(owned(
            "The product vision will be defined by you.",
            "vision"
        ));
        assert!(owned(
            "The product backlog is owned and ordered by the Product Owner.",
            "backlog"
        ));
        assert!(owned(
            "Release dates are currently owned by neither of them.",
            "Release"
        ));
        assert!(owned("The roadmap is your responsibility.", "roadmap"));
        assert!(owned(
            "Sprint planning falls to you; we meet on Mondays.",
            "Sprint"
        ));
        assert!(owned("You have the final say on pricing.", "pricing"));
        assert!(matches!(
            governance_of("Do the competitive analysis of rival apps", "competitive"),
            Governance::Owned { .. }
        ));
        assert!(!matches!(
            governance_of("Do a quick review of the roadmap", "roadmap"),
            Governance::Owned { .. }
        ));
        assert!(owned(
            "The pricing model falls under your remit.",
            "pricing"
        ));
        assert!(owned("User stories come from you.", "User"));
        assert!(owned("Pricing decisions are in your hands.", "Pricing"));
        assert!(!owned("Pricing falls to the sales team.", "Pricing"));
        assert!(!owned("The roadmap is set by the business.", "roadmap"));
        assert!(!owned(
            "The roadmap is shared with the whole company.",
            "roadmap"
        ));
    }

    #[test]
    fn verbless_duties() {
        let verbless = |text: &str, object: &str| {
            let tokens = tokenize(text, 0..text.len());
            is_verbless_duty(&tokens, text.find(object).unwrap())
        };
        assert!(verbless(
            "Market analysis and competitive research",
            "Market"
        ));
        assert!(verbless("The product roadmap for the app", "roadmap"));
        assert!(!verbless("Providing vision and direction", "vision"));
        assert!(!verbless("Ensure the roadmap is realistic", "roadmap"));
        assert!(verbless("Pricing of the add-ons", "Pricing"));
        assert!(!verbless("Market research experience", "Market"));
        assert!(!verbless("Roadmap input from the team", "Roadmap"));
        assert!(!verbless("Roadmap alignment with stakeholders", "Roadmap"));
        assert!(!verbless("Experience with market research", "market"));
        assert!(!verbless("Understand the roadmap", "roadmap"));
    }

    #[test]
    fn coordinated_verbs_and_ownership_nouns() {
        assert!(matches!(
            governance_of("defines and communicates the long-term vision", "vision"),
            Governance::Owned { .. }
        ));
        assert_eq!(
            governance_of("help define and communicate the vision", "vision"),
            Governance::Collaboration
        );
        assert!(matches!(
            governance_of("Roadmap ownership for the mobile app", "Roadmap"),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("Pricing decisions for new plans", "Pricing"),
            Governance::Owned { .. }
        ));
        assert_eq!(
            governance_of("Roadmap input from the team", "Roadmap"),
            Governance::Ungoverned
        );
    }

    #[test]
    fn conversions_and_indirect_questions_are_owned() {
        assert!(matches!(
            governance_of("Translate the strategy into user stories", "user"),
            Governance::Owned { .. }
        ));
        assert_eq!(
            governance_of("Help translate the strategy into user stories", "user"),
            Governance::Collaboration
        );
        assert_eq!(
            governance_of(
                "Partner with teams that break the roadmap into epics",
                "epics"
            ),
            Governance::Ungoverned
        );
        assert!(matches!(
            governance_of("Decide which features ship", "which"),
            Governance::Owned { .. }
        ));
    }

    #[test]
    fn verbs_joined_in_a_relative_clause_belong_to_its_person() {
        assert!(!matches!(
            governance_of(
                "Work with Gert, who orders the product backlog and writes the stories",
                "stories"
            ),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of(
                "Meet Gert, who orders the backlog, and you write the stories",
                "stories"
            ),
            Governance::Owned { .. }
        ));
    }

    #[test]
    fn a_relative_clause_after_the_object_gives_it_to_the_reader() {
        assert!(matches!(
            governance_of(
                "The product vision for your area, which you define and present",
                "vision"
            ),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("The vision, which you will then define", "vision"),
            Governance::Owned { .. }
        ));
        assert!(matches!(
            governance_of("The vision, which the Product Manager defines", "vision"),
            Governance::Ungoverned
        ));
    }

    #[test]
    fn a_skills_gerund_owns_nothing() {
        assert!(matches!(
            governance_of(
                "Some experience running customer interviews is a plus",
                "customer"
            ),
            Governance::Ungoverned
        ));
        assert!(matches!(
            governance_of("A background in defining pricing", "pricing"),
            Governance::Ungoverned
        ));
        assert!(matches!(
            governance_of("Keep running customer interviews", "customer"),
            Governance::Owned { .. }
        ));
    }

    #[test]
    fn denials_after_the_object() {
        let denied = |text: &str, object: &str| {
            let tokens = tokenize(text, 0..text.len());
            is_negated(&tokens, text.find(object).unwrap())
        };
        assert!(!denied(
            "The one thing we haven't sorted out: our PO also sets the price points.",
            "price"
        ));
        // "No longer" denies; "no longer than" and "no more than" limit.
        assert!(denied(
            "Product Managers will no longer manage backlogs.",
            "backlogs"
        ));
        assert!(!denied(
            "Plan no longer than two sprints ahead for the backlog.",
            "backlog"
        ));
        assert!(!denied(
            "Keep the plan no more than two sprints out in the backlog.",
            "backlog"
        ));
        assert!(denied("Pricing and packaging are not mine.", "Pricing"));
        assert!(denied(
            "Setting the vision isn't part of this job.",
            "vision"
        ));
        assert!(denied(
            "Pricing and positioning decisions are theirs.",
            "positioning"
        ));
        assert!(denied(
            "The roadmap belongs to the Product Manager.",
            "roadmap"
        ));
        assert!(denied("Pricing is left to the commercial team.", "Pricing"));
        assert!(denied("Market research falls outside this role.", "Market"));
        assert!(denied("Go-to-market planning is out of scope.", "Go"));
        assert!(!denied("The roadmap stays with you.", "roadmap"));
        assert!(denied(
            "Our first Product Owner was expected to set the vision.",
            "vision"
        ));
        assert!(!denied(
            "You will set the vision that was agreed.",
            "vision"
        ));
        assert!(!denied(
            "My main KPI this half was the squad's velocity.",
            "velocity"
        ));
        assert!(!denied(
            "Because the squad has no Product Owner, you will own the backlog.",
            "backlog"
        ));
        assert!(!denied(
            "We have no Product Owner yet, so you will order the backlog.",
            "backlog"
        ));
        assert!(denied(
            "You will not own the roadmap, the pricing or the market research.",
            "research"
        ));
        assert!(denied(
            "You will not own pricing, positioning or the roadmap.",
            "roadmap"
        ));
        assert!(!denied(
            "Own the roadmap and share it with sales.",
            "roadmap"
        ));
    }

    #[test]
    fn subjects() {
        let vocabulary = RoleVocabulary::default();
        let subject = |text: &str| {
            let mentions = vocabulary.mentions(text);
            let tokens = tokenize(text, 0..text.len());
            find_subject(&tokens, &mentions, &(0..text.len()))
        };
        assert!(matches!(
            subject("As Product Owner you own it"),
            Subject::Mention(Actor::Role(Role::Po), _)
        ));
        assert!(matches!(
            subject("The PM will decide"),
            Subject::Mention(Actor::Role(Role::Pm), _)
        ));
        assert!(matches!(
            subject("Beyond this, a product manager writes"),
            Subject::Mention(Actor::Role(Role::Pm), _)
        ));
        assert!(matches!(
            subject("The Product Manager and the Product Owner meet"),
            Subject::Mention(Actor::Both, _)
        ));
        assert!(matches!(
            subject("Either of them may order it"),
            Subject::Mention(Actor::Both, _)
        ));
        assert_eq!(
            subject("Work closely with the Product Manager"),
            Subject::Implicit
        );
        assert_eq!(subject("They prioritize stories"), Subject::Pronoun);
        assert_eq!(subject("nobody else reorders it"), Subject::Implicit);
        assert!(matches!(
            subject("Nobody reorders it"),
            Subject::Mention(Actor::Nobody, _)
        ));
        assert_eq!(
            subject("His main stakeholders are the executive team"),
            Subject::Pronoun
        );
        assert_eq!(
            subject("Her bonus is tied to quarterly revenue"),
            Subject::Pronoun
        );
        assert_eq!(subject("Their input shapes the roadmap"), Subject::Implicit);
        assert!(matches!(
            subject("We will measure PMs on the velocity of their teams"),
            Subject::Mention(Actor::Role(Role::Pm), _)
        ));
        assert!(matches!(
            subject("The Scrum Master runs it"),
            Subject::Mention(Actor::OtherRole, _)
        ));
        assert!(matches!(
            subject("Today the Product Manager owns the vision"),
            Subject::Mention(Actor::Role(Role::Pm), _)
        ));
        assert!(matches!(
            subject("Release dates are owned by neither the PM nor the PO"),
            Subject::Mention(Actor::Nobody, _)
        ));
        // Each title in brackets after its holder's name.
        assert!(matches!(
            subject("Ines (PM) and Tobias (PO) will both rank the backlog"),
            Subject::Mention(Actor::Both, _)
        ));
        assert!(matches!(
            subject("each of them owns their team's backlog"),
            Subject::Pronoun
        ));
        assert!(matches!(
            subject("when that happens, they own the backlog"),
            Subject::Pronoun
        ));
        assert!(matches!(
            subject("neither of them changes it on their own"),
            Subject::Implicit
        ));
        assert!(matches!(
            subject("Neither Marcus nor Sophie re-orders the backlog without Dana"),
            Subject::Implicit
        ));
        assert!(matches!(
            subject("neither of them owns it"),
            Subject::Mention(Actor::Nobody, _)
        ));
        assert!(matches!(
            subject("In some trains each Product Owner sets the vision for their area"),
            Subject::Mention(Actor::Role(Role::Po), _)
        ));
        assert!(!matches!(
            subject("I sat down with Jakob, our Product Manager, to slice the roadmap"),
            Subject::Mention(..)
        ));
        assert!(!matches!(
            subject(
                "Meet Priya, the Product Owner for checkout, and agree how themes become items"
            ),
            Subject::Mention(..)
        ));
        assert!(!matches!(
            subject("Agree with Tomás, our Product Owner, on how roadmap themes turn into epics"),
            Subject::Mention(..)
        ));
        assert!(matches!(
            subject("Priya, the Product Owner for checkout, agrees how themes become items"),
            Subject::Mention(Actor::Role(Role::Po), _)
        ));
        assert!(matches!(
            subject("From Q3 the Product Owner will lead competitor analysis"),
            Subject::Mention(Actor::Role(Role::Po), _)
        ));
        assert!(matches!(
            subject("By the end of 2026 the PM sets the pricing"),
            Subject::Mention(Actor::Role(Role::Pm), _)
        ));
        assert!(matches!(
            subject("After lunch he writes the user stories"),
            Subject::Pronoun
        ));
        assert!(!matches!(
            subject("From the backlog the team pulls work"),
            Subject::Mention(..)
        ));
        assert!(matches!(
            subject("Agreed that the Product Owner keeps the release calendar"),
            Subject::Mention(Actor::Role(Role::Po), _)
        ));
        assert!(matches!(
            subject("Final say on pricing rests with both the PM and the PO"),
            Subject::Mention(Actor::Both, _)
        ));
        assert!(matches!(
            subject("The release calendar lies with neither the PM nor the PO"),
            Subject::Mention(Actor::Nobody, _)
        ));
        assert!(matches!(
            subject("Ordering the backlog is both the PM's and the PO's call"),
            Subject::Mention(Actor::Both, _)
        ));
        assert!(matches!(
            subject("Tom is the Product Owner. Tom also sets the goal"),
            Subject::Mention(Actor::Role(Role::Po), _)
        ));
    }
}
