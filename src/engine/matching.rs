//! Runs the rules over a parsed document: role context for every clause, then each matcher
//! kind, then the document-level rules and the clean-up between findings.

use super::clause::{self, Actor, Governance, Subject, Token};
use super::document::{Block, BlockKind, Document};
use super::finding::{Edit, Finding, FindingClass, Owner, RelatedSpan, Role, Suggestion};
use super::lexicon;
use super::roles::{self, HeadingRole, MentionKind, Retitled, RoleMention, heading_role};
use super::{Analysis, Claim, EngineOptions, RoleSection};
use crate::rules::{AppliesTo, MatcherKind, Rule, RuleSet, Scope};
use rayon::prelude::*;
use regex::Regex;
use regex_automata::meta::Regex as RuleRegex;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock};

/// How far around a shared responsibility a level may stand to qualify it (bytes).
const QUALIFIER_WINDOW: usize = 120;

/// A clause with everything the matchers need to know about it.
struct ClauseView {
    range: Range<usize>,
    /// The block's index (compact: a long document has tens of thousands of clauses).
    block: u32,
    actor: Actor,
    /// The subject mention, if the clause names its subject.
    subject: Option<Range<u32>>,
    /// Under a heading such as "What this role is not".
    negated_section: bool,
    is_heading: bool,
    /// No heading or title gives this clause a role, and none gives it to another role: in a
    /// document about the product roles, such text (a charter's "Shared" section) speaks of
    /// them both.
    open_context: bool,
    /// An activity in a RACI matrix: its owner is the role marked accountable in its row.
    raci_activity: bool,
}

/// The text (by address), the clause range and its words.
type CachedTokens = (usize, Range<usize>, Rc<Vec<Token>>);

thread_local! {
    /// The words of the clause read last. The rules read one clause at a time, often several
    /// times in a row; keeping every clause's words for a long document would cost more
    /// memory than tokenizing again costs time.
    static LAST_TOKENS: RefCell<Option<CachedTokens>> = const { RefCell::new(None) };
}

impl ClauseView {
    fn block(&self) -> usize {
        self.block as usize
    }

    fn subject(&self) -> Option<Range<usize>> {
        self.subject
            .as_ref()
            .map(|subject| subject.start as usize..subject.end as usize)
    }

    /// The clause's words.
    fn tokens(&self, lintable: &str) -> Rc<Vec<Token>> {
        let text_id = lintable.as_ptr() as usize;
        LAST_TOKENS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((id, range, tokens)) = cache.as_ref()
                && *id == text_id
                && *range == self.range
            {
                return Rc::clone(tokens);
            }
            let tokens = Rc::new(clause::tokenize(lintable, self.range.clone()));
            *cache = Some((text_id, self.range.clone(), Rc::clone(&tokens)));
            tokens
        })
    }
}

struct Context<'doc, 'text> {
    document: &'doc Document<'text>,
    mentions: Vec<RoleMention>,
    /// Titles that name a person by the other product role than the text gave them first.
    retitled: Vec<Retitled>,
    clauses: Vec<ClauseView>,
    heading_roles: Vec<HeadingRole>,
    document_role: Option<Role>,
    /// The title names another role or both product roles.
    document_blocked: bool,
    /// The title is a product leadership post ("Head of Product"), whose holder is a
    /// Product Manager.
    titled_for_leadership: bool,
    /// The document's title, when it has one.
    title: Option<Range<usize>>,
    /// The title names both product roles ("Product Manager/Owner"): its duties are read as
    /// claims of the role that owns them, to see whether the post holds both jobs.
    both_titled: Option<Role>,
    /// For each heading: does it deny what it lists ("What this role is not")?
    heading_denies: Vec<bool>,
    /// The roles that stand as the subject of at least one sentence.
    subject_roles: BTreeSet<Role>,
    /// The roles whose sections or subjects appear in the document.
    roles_present: BTreeSet<Role>,
    /// For rules covered by the trigger index: the clauses where their triggers match.
    /// Clause indices are `u32`: a long document has many candidates per rule.
    indexed_candidates: Vec<Vec<u32>>,
    /// The ids of the rules covered by the trigger index.
    indexed_rules: Vec<bool>,
    /// Who wrote the text, when a line near the top says so ("A note from Sanne, Product
    /// Manager"): the one who speaks as "I".
    author: Option<Actor>,
    /// The text reviews how someone held a role (a performance review, a promotion case):
    /// what it tells in the past is the role as it was held, not a story.
    reviews_a_role: bool,
    /// The text tells someone's own career (a CV, a profile's "About"): its past, too, is the
    /// role as it was held.
    tells_a_career: bool,
    /// In a review of someone in a product role, or a profile of them, that person's first
    /// name: "Tomasz manages the product" speaks of the role reviewed.
    reviewed_person: Option<(String, Role)>,
    /// Messages and suggestion titles that do not quote the text, filled once for each
    /// template and role and shared by every finding that uses them: a long document has
    /// thousands of findings with the same few texts.
    shared_texts: Mutex<SharedTexts>,
}

/// Filled templates by (template address, role): see [`Context::shared_text`].
type SharedTexts = HashMap<(usize, Option<Role>), Arc<str>>;

impl Context<'_, '_> {
    /// A template filled for a role, shared when it does not quote the matched text. Keyed
    /// by the template's address: templates live in the rule set for the whole analysis.
    fn shared_text(&self, template: &str, matched: &str, role: Option<Role>) -> Arc<str> {
        if quotes_match(template) {
            return Arc::from(fill_template(template, matched, role));
        }
        let key = (template.as_ptr() as usize, role);
        let mut shared = self
            .shared_texts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shared
            .entry(key)
            .or_insert_with(|| Arc::from(fill_template(template, matched, role)))
            .clone()
    }

    fn lintable(&self) -> &str {
        &self.document.lintable
    }

    /// The role of the person a review is about, when the clause opens with their name
    /// ("Tomasz manages the product").
    fn reviewed_person_acts(&self, clause: &str) -> Option<Role> {
        let (name, role) = self.reviewed_person.as_ref()?;
        let opens_with_name = |text: &str| {
            text.split_whitespace().next().is_some_and(|first| {
                let first = first.trim_end_matches([',', ':']);
                first == name
                    || first
                        .strip_suffix("'s")
                        .or_else(|| first.strip_suffix("’s"))
                        .is_some_and(|owner| owner == name)
            })
        };
        // "Put simply, Malik owns the product": after a short lead.
        let after_lead = clause
            .get(..clause.len().min(24))
            .and_then(|start| start.find(", "))
            .map(|comma| &clause[comma + 2..]);
        (opens_with_name(clause) || after_lead.is_some_and(opens_with_name)).then_some(*role)
    }

    /// Is what stands at `position` denied to the clause's actor, or told as a past that is
    /// no longer the role?
    fn is_negated(&self, tokens: &[Token], position: usize) -> bool {
        if self.reviews_a_role || self.tells_a_career {
            clause::is_denied(tokens, position)
        } else {
            clause::is_negated(tokens, position)
        }
    }

    fn mentions_in(&self, range: &Range<usize>) -> &[RoleMention] {
        let start = self
            .mentions
            .partition_point(|mention| mention.range.start < range.start);
        let end = self
            .mentions
            .partition_point(|mention| mention.range.start < range.end);
        &self.mentions[start..end]
    }

    /// Does the clause name `role` other than as its subject ("owned by the PM", "with the PO")?
    /// A role named in contrast ("overlaps with the Product Manager's remit", "instead of
    /// the PM") is not the one the work is handed to.
    fn names_role_outside_subject(&self, clause: &ClauseView, role: Role) -> bool {
        self.mentions_in(&clause.range).iter().any(|mention| {
            // "Take over the roadmap from Laura": the one it is taken from owns it no more.
            let before = &self.lintable()[clause.range.start..mention.range.start];
            let taken_from = before.trim_end().ends_with(" from")
                && [" over ", "inherit"]
                    .iter()
                    .any(|word| before.to_ascii_lowercase().contains(word));
            // "You write the stories whenever the Product Owner is away": the owner is named
            // only as absent. A condition that opens the sentence ("If Theo is away, the
            // engineering lead covers…") leads into somebody else's duty.
            let opening = before.trim_start();
            let leading_condition = ["if ", "when ", "whenever ", "while "].iter().any(|word| {
                lexicon::starts_with_ignoring_case(opening.as_bytes(), word.as_bytes())
            });
            let after = &self.lintable()[mention.range.end
                ..self.lintable().floor_char_boundary(
                    (mention.range.end + 24)
                        .min(clause.range.end)
                        .max(mention.range.end),
                )];
            let absent = [
                " is away",
                " is absent",
                " is on leave",
                " is out",
                " is off",
                " is unavailable",
                " is on holiday",
                " is on vacation",
                // "I wrote the criteria myself while the team's PO was on leave".
                " was away",
                " was absent",
                " was on leave",
                " was out",
                " was off",
                " was on holiday",
                " was on vacation",
                " were away",
                " were on leave",
                "'s away",
                "'s out",
                "'s off",
                "'s on leave",
                "’s away",
                "’s out",
                "’s off",
                "’s on leave",
            ]
            .iter()
            .any(|words| after.starts_with(words))
                && !leading_condition;
            // "…, so that the Product Owner can focus on ordering": the owner is named in a
            // purpose after the claim, as the one the claim frees.
            // So is "… so the Product Owners can concentrate on delivery", without the comma.
            let lower_before = before.trim_end().to_ascii_lowercase();
            let purpose = [" so that ", ", so "]
                .iter()
                .any(|words| lower_before.contains(words))
                || ([" so", " so the", " so our", " so your", " so their"]
                    .iter()
                    .any(|words| lower_before.ends_with(words))
                    && matches!(
                        first_word(after).to_ascii_lowercase().as_str(),
                        "can" | "could" | "will" | "may" | "are" | "have" | "don" | "do"
                    ));
            // "…sets the release dates and keeps Olu informed": the one told of a decision
            // takes no part in it.
            let told = {
                let mut words = lower_before.split_whitespace().rev();
                let last = words.next();
                let verb = match last {
                    Some("the" | "our" | "your" | "their") => words.next(),
                    _ => last,
                };
                let after = after.trim_start().as_bytes();
                match verb {
                    Some("keep" | "keeps" | "keeping") => {
                        ["informed", "posted", "updated", "in the loop", "up to date"]
                            .iter()
                            .any(|words| {
                                lexicon::starts_with_ignoring_case(after, words.as_bytes())
                            })
                    }
                    Some("inform" | "informs" | "informing" | "notify" | "notifies") => true,
                    _ => false,
                }
            };
            mention.kind == MentionKind::Product(role)
                && clause.subject().as_ref() != Some(&mention.range)
                && !taken_from
                && !absent
                && !purpose
                && !told
                && !lexicon::contrasts_before(
                    &self.lintable()[clause.range.start.max(
                        self.lintable()
                            .floor_char_boundary(mention.range.start.saturating_sub(32)),
                    )..mention.range.start],
                )
        })
    }

    /// The clauses in which the rule's objects or patterns can match.
    fn candidates<'a>(
        &'a self,
        position: usize,
        rule: &Rule,
    ) -> impl Iterator<Item = &'a ClauseView> + 'a {
        self.candidate_indices(position, rule)
            .into_owned()
            .into_iter()
            .filter_map(|index| self.clauses.get(index as usize))
    }

    /// The indices of the clauses in which the rule's objects or patterns can match, in
    /// order. Rules covered by the rule set's trigger index were found with one scan of each
    /// clause; any other rule is found with one pass of its own regexes over the whole text.
    /// `position` is the rule's place in the rule set.
    fn candidate_indices(&self, position: usize, rule: &Rule) -> Cow<'_, [u32]> {
        if self.indexed_rules.get(position) == Some(&true) {
            return Cow::Borrowed(&self.indexed_candidates[position]);
        }
        let mut indices = Vec::new();
        for regex in [rule.objects.as_ref(), rule.patterns.as_ref()]
            .into_iter()
            .flatten()
        {
            for found in regex.find_iter(self.lintable()) {
                if let Some(index) = self.clause_index_at(found.start()) {
                    indices.push(clause_id(index));
                }
            }
        }
        indices.sort_unstable();
        indices.dedup();
        Cow::Owned(indices)
    }

    /// The index of the clause that holds `offset`, if a clause does (quoted examples and
    /// the gaps between sentences are in none).
    fn clause_index_at(&self, offset: usize) -> Option<usize> {
        let index = self
            .clauses
            .partition_point(|clause| clause.range.end <= offset);
        (self.clauses.get(index)?.range.start <= offset).then_some(index)
    }

    fn heading_text_of_block(&self, block: usize) -> Option<&str> {
        let heading = self.document.blocks[block].heading?;
        Some(&self.document.text[self.document.headings[heading].range.clone()])
    }
}

/// Reads the document's role context, runs every rule and tidies the findings.
pub fn run(document: &Document, rules: &RuleSet, options: &EngineOptions) -> Analysis {
    // Another document may have lived at the same address: never reuse its words.
    forget_last_tokens();
    let analysis = run_rules(document, rules, options);
    forget_last_tokens();
    analysis
}

/// "| Manager, Product | Owner, Product |": the lintable copy blanks a table's borders, so a
/// title may seem to run from one cell into the next ("Product   Owner"). Such a match names
/// nothing; each cell is read again on its own.
fn split_at_table_borders(
    document: &Document,
    vocabulary: &roles::RoleVocabulary,
    mentions: &mut Vec<RoleMention>,
) {
    // Mention ranges are lintable offsets: inside a word that held invisible characters
    // they may not fall on the original's character boundaries, and such a word holds no
    // border anyway.
    let crosses = |mention: &RoleMention| {
        document
            .text
            .get(mention.range.clone())
            .is_some_and(|original| original.contains('|'))
    };
    if !mentions.iter().any(crosses) {
        return;
    }
    let mut read_again = Vec::new();
    mentions.retain(|mention| {
        if !crosses(mention) {
            return true;
        }
        let mut start = mention.range.start;
        for (offset, _) in document.text[mention.range.clone()].match_indices('|') {
            read_again.push(start..mention.range.start + offset);
            start = mention.range.start + offset + 1;
        }
        read_again.push(start..mention.range.end);
        false
    });
    for piece in read_again {
        // The last piece may open a title that goes on in its cell ("Owner, Product"): read
        // to the cell's end.
        let cell_end = document.text[piece.end..]
            .find(['\n', '|'])
            .map_or(document.text.len(), |end| piece.end + end);
        for mut mention in vocabulary.mentions(&document.lintable[piece.start..cell_end]) {
            mention.range = piece.start + mention.range.start..piece.start + mention.range.end;
            if mention.range.start < piece.end {
                mentions.push(mention);
            }
        }
    }
    mentions.sort_by_key(|mention| mention.range.start);
    mentions.dedup_by_key(|mention| mention.range.start);
}

fn forget_last_tokens() {
    LAST_TOKENS.with(|cache| *cache.borrow_mut() = None);
}

fn run_rules(document: &Document, rules: &RuleSet, options: &EngineOptions) -> Analysis {
    let vocabulary = &options.vocabulary;
    let (mut mentions, retitled) = vocabulary.mentions_and_retitles(&document.lintable);
    split_at_table_borders(document, vocabulary, &mut mentions);
    // "[08:52] maria.lopez (Head of Product): Daniel owns…": the speaker's role in a chat
    // line labels who writes, not whom the line is about.
    mentions.retain(|mention| {
        !is_speaker_label(&document.lintable, &mention.range)
            && !names_channel(&document.lintable, &mention.range)
    });
    let mut context = Context {
        document,
        mentions,
        retitled,
        clauses: Vec::new(),
        heading_roles: Vec::new(),
        document_role: None,
        document_blocked: false,
        titled_for_leadership: false,
        title: None,
        both_titled: None,
        heading_denies: document
            .headings
            .iter()
            .map(|heading| lexicon::is_denying_heading(&document.text[heading.range.clone()]))
            .collect(),
        subject_roles: BTreeSet::new(),
        roles_present: BTreeSet::new(),
        indexed_candidates: vec![Vec::new(); rules.rules.len()],
        indexed_rules: vec![false; rules.rules.len()],
        author: None,
        reviews_a_role: false,
        tells_a_career: false,
        reviewed_person: None,
        shared_texts: Mutex::new(HashMap::new()),
    };
    context.heading_roles = document
        .headings
        .iter()
        .map(|heading| {
            let mentions = context.mentions_in(&heading.range);
            if roles::is_joined_title(&document.text[heading.range.clone()]) {
                HeadingRole::NoProductRole
            } else if names_partner(&document.lintable, &heading.range, mentions) {
                HeadingRole::Silent
            } else if let Some(role) = aliased_title(document.text, &heading.range, mentions) {
                HeadingRole::Product(role)
            } else if is_leadership_post_heading(&document.text[heading.range.clone()], mentions) {
                // "## Head of Product" over its own post on a careers page: who leads product
                // management is a Product Manager.
                HeadingRole::Product(Role::Pm)
            } else {
                heading_role(mentions)
            }
        })
        .collect();
    (context.document_role, context.document_blocked) = document_role(&context, options);
    context.title = title_range(&context, options);
    context.titled_for_leadership = context
        .title
        .clone()
        .is_some_and(|title| roles::is_product_leadership_title(&document.text[title]));
    context.both_titled = both_titled(&context, options);
    // "Product Owner (Product Manager)": the second title is an alias; the post describes
    // the first role, and the ambiguous title is a finding of its own.
    if context.document_role.is_none()
        && let Some(role) = context.both_titled
        && !title_range(&context, options)
            .is_some_and(|title| roles::is_joined_title(&document.text[title]))
    {
        context.document_role = Some(role);
        context.document_blocked = false;
    }
    // A title read for what the post says of itself ("Head of Product", a "Product Lead" who
    // serves as Product Owner, a "Product Manager/Owner" post written to a Product Owner)
    // gives its section that role too.
    if let (Some(heading), Some(role)) = (document.title_heading, context.document_role)
        && context.heading_roles.get(heading) != Some(&HeadingRole::Product(role))
    {
        context.heading_roles[heading] = HeadingRole::Product(role);
    }
    // A front-matter title repeated as the first heading reads as the title does.
    if let (None, Some(title), Some(role)) = (
        document.title_heading,
        &document.title,
        context.document_role,
    ) && let Some(first) = document
        .headings
        .iter()
        .position(|heading| heading.level == 1)
        && document.text[document.headings[first].range.clone()].trim()
            == document.text[title.clone()].trim()
    {
        context.heading_roles[first] = HeadingRole::Product(role);
    }
    context.author = author(&context);
    // The title says whether the text tells a role as it was held.
    if let Some(title) = title_range(&context, options).map(|title| &document.text[title]) {
        let lower = title.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        context.reviews_a_role = reviews_a_role(&words);
        context.tells_a_career = tells_a_career(title, &words);
    }
    context.tells_a_career |= is_cover_letter(&document.lintable);
    if context.reviews_a_role
        && let Some(role) = context.document_role
    {
        let title = title_range(&context, options).map_or("", |title| &document.text[title]);
        let opening = &document.lintable[..document.lintable.floor_char_boundary(600)];
        context.reviewed_person =
            roles::reviewed_person(title, opening).map(|name| (name.to_string(), role));
    } else if let Some(role) = context.document_role
        && let Some(title) = title_range(&context, options).map(|title| &document.text[title])
        && let Some((name, name_end)) = roles::profiled_person(title)
        // "Malik Osei — Product Owner": the role is named after the name.
        && options.vocabulary.mentions(title).iter().any(|mention| {
            mention.kind == MentionKind::Product(role) && mention.range.start >= name_end
        })
    {
        context.reviewed_person = Some((name.to_string(), role));
    }
    build_clauses(&mut context);
    if let Some(index) = rules.trigger_index() {
        for (position, rule) in rules.rules.iter().enumerate() {
            context.indexed_rules[position] = index.covers(&rule.id);
        }
        let lintable = &document.lintable;
        let clauses = &context.clauses;
        let candidates = &mut context.indexed_candidates;
        let scan = |chunk: Range<usize>, found: &mut dyn FnMut(usize, usize)| {
            let mut scanner = index.scanner();
            for clause_index in chunk {
                let text = &lintable[clauses[clause_index].range.clone()];
                for &(rule_id, position) in scanner.matching_rules(text) {
                    // The position is right unless the rules changed after the index was built.
                    let position = match rules.rules.get(position) {
                        Some(rule) if *rule.id == *rule_id => position,
                        _ => match rules.rules.iter().position(|rule| *rule.id == *rule_id) {
                            Some(position) => position,
                            None => continue,
                        },
                    };
                    found(position, clause_index);
                }
            }
        };
        let mut add = |position: usize, clause_index: usize| {
            let list: &mut Vec<u32> = &mut candidates[position];
            let clause_index = clause_id(clause_index);
            if list.last() != Some(&clause_index) {
                list.push(clause_index);
            }
        };
        let chunks = clause_chunks(document, clauses.len());
        if chunks.len() > 1 {
            let found: Vec<Vec<(usize, usize)>> = chunks
                .into_par_iter()
                .map(|chunk| {
                    let mut pairs = Vec::new();
                    scan(chunk, &mut |position, clause| {
                        pairs.push((position, clause))
                    });
                    pairs
                })
                .collect();
            for (position, clause_index) in found.into_iter().flatten() {
                add(position, clause_index);
            }
        } else {
            for chunk in chunks {
                scan(chunk, &mut add);
            }
        }
    }

    let mut findings = Vec::new();
    let claims = run_line_rules(&context, rules, &mut findings);
    for (position, rule) in rules.rules.iter().enumerate() {
        match rule.kind {
            MatcherKind::Phrase => phrase_in_title(&context, rule, &mut findings),
            MatcherKind::DeclaredCombination => {
                run_declared_combination(&context, position, rule, &mut findings)
            }
            MatcherKind::TitleConflict => {
                run_title_conflict(&context, position, rule, &mut findings)
            }
            MatcherKind::PersonTitledTwice => {
                run_person_titled_twice(&context, rule, &mut findings)
            }
            MatcherKind::DoubleOwnership => {
                nobody_owns_what_came_before(&context, rule, &mut findings)
            }
            _ => {}
        }
    }
    // Document-level rules read what the line-level rules found. A document that lacks its
    // own role's core describes the other role under a wrong title; that is not a mix, so
    // missing-core runs first and a combination is only looked for without it.
    for rule in rules
        .rules
        .iter()
        .filter(|rule| rule.kind == MatcherKind::MissingCore)
    {
        run_missing_core(&context, rule, &mut findings);
    }
    let missing_core = findings
        .iter()
        .any(|finding| finding.class == FindingClass::MissingCore);
    for rule in &rules.rules {
        if rule.kind == MatcherKind::UndeclaredCombination && !missing_core {
            run_undeclared_combination(&context, rule, &claims, &mut findings);
        }
    }
    let declared = options.combined_roles
        || findings.iter().any(|finding| {
            rules
                .get(&finding.rule)
                .is_some_and(|rule| rule.kind == MatcherKind::DeclaredCombination)
        });
    let mut findings = tidy(findings, &claims, declared, rules);
    one_per_table_row(&mut findings, document);
    let sections = role_sections(&context);
    Analysis {
        findings,
        claims,
        sections,
        document_role: context.document_role,
        title: document.title.clone(),
    }
}

/// Is the document titled for a role that is neither product role ("Engineering Manager,
/// Platform")?
fn titled_other_role(context: &Context) -> bool {
    let document = context.document;
    let title = document.title.clone().or_else(|| {
        document
            .title_heading
            .map(|heading| document.headings[heading].range.clone())
    });
    title.is_some_and(|title| {
        let mentions = context.mentions_in(&title);
        mentions
            .iter()
            .any(|mention| mention.kind == MentionKind::OtherRole)
            && !mentions
                .iter()
                .any(|mention| matches!(mention.kind, MentionKind::Product(_)))
    })
}

/// "#product-leads", "#po_guild": a chat channel's name, not its members' title. A tag
/// written as one word ("#productowner") still says what a post is about.
fn names_channel(lintable: &str, mention: &Range<usize>) -> bool {
    let bytes = lintable.as_bytes();
    let named = &bytes[mention.clone()];
    bytes[..mention.start].last() == Some(&b'#')
        && (named.contains(&b'-')
            || named.contains(&b'_')
            || bytes
                .get(mention.end)
                .is_some_and(|&next| next == b'-' || next == b'_' || next.is_ascii_alphanumeric()))
}

/// Is the title a chat speaker's label: "maria.lopez (Head of Product): …"?
fn is_speaker_label(lintable: &str, title: &Range<usize>) -> bool {
    lintable[..title.start].ends_with('(')
        && lintable[title.end..].starts_with("):")
        && lintable[..title.start - 1]
            .rsplit('\n')
            .next()
            .is_some_and(|line| {
                let speaker = line.trim_start();
                // "[08:52] maria.lopez ": a time stamp and one name, nothing else.
                speaker.starts_with('[') && speaker.split_whitespace().count() <= 3
            })
}

/// "For comparison, my week as a PM:", "Here's what I do:": a lead-in that speaks as "I"
/// hands the list after it to the writer, when the writer's role is known.
fn writer_lead_in(context: &Context, block: &Block, writer: Option<Actor>) -> Option<HeadingRole> {
    let writer = writer?;
    let lintable = context.lintable();
    let text = lintable[block.range.clone()].trim_end();
    if !text.ends_with(':') {
        return None;
    }
    static OWN_WORK: OnceLock<Option<Regex>> = OnceLock::new();
    let own_work = OWN_WORK
        .get_or_init(|| {
            Regex::new(r"(?i)\b(?:my\s+(?:[\w-]+\s+)?(?:weeks?|days?|job|role|work|responsibilities|duties|remit|plan|split|side|calendar|schedule)|(?:what|here's\s+what|here\s+is\s+what)\s+i\s+(?:do|own|handle|cover|took|take|keep|kept)|i\s+(?:do|own|handle|cover|took|take|keep|kept|spend|split))\b").ok()
        })
        .as_ref()?;
    let last_sentence = clause::split_sentences(lintable, block.range.clone()).pop()?;
    own_work
        .is_match(&lintable[last_sentence])
        .then_some(match writer {
            Actor::Role(role) => HeadingRole::Product(role),
            _ => HeadingRole::NoProductRole,
        })
}

/// The role of the speaker a block's first line names, as a chat export labels each message:
/// "**Sven Ek** (Product Owner) · 09:05", "Mara Lind (PM):". The line holds a short name, the
/// role in brackets and at most a time.
fn line_speaker(lintable: &str, block: &Range<usize>, mentions: &[RoleMention]) -> Option<Actor> {
    let first_line_end = lintable[block.clone()]
        .find('\n')
        .map_or(block.end, |at| block.start + at);
    // The name itself may be known as the role's holder; the bracketed title decides.
    let Some(mention) = mentions
        .iter()
        .take_while(|m| m.range.end <= first_line_end)
        .find(|m| {
            lintable[block.start..m.range.start]
                .trim_end()
                .ends_with('(')
        })
    else {
        return named_holder_line(lintable, block.start..first_line_end, mentions);
    };
    let before = lintable[block.start..mention.range.start].trim_end();
    let name = before.strip_suffix('(')?.trim();
    let words = name.split_whitespace().count();
    let after = lintable[mention.range.end..first_line_end].trim();
    // "**Nadia (Product Manager, Search)**": the team may follow the title.
    let after = match after.strip_prefix(',') {
        Some(team) => team.split_once(')').filter(|(team, _)| team.len() <= 40)?.1,
        None => after.strip_prefix(')')?,
    }
    .trim_start();
    let time_only = after
        .trim_start_matches(['·', '•', '|', '-', '–', ':'])
        .trim()
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ':' | ' ' | 'a' | 'p' | 'm' | 'A' | 'P' | 'M'));
    let named = (1..=4).contains(&words)
        && name
            .trim_start_matches(['*', '_'])
            .starts_with(char::is_uppercase);
    (named && time_only).then_some(Actor::from(mention.kind))
}

/// "**Tanvi Shah**, Mon 11:15" over a message: a line that holds only a name the text knows
/// as a role's holder, and the time the message was sent.
fn named_holder_line(
    lintable: &str,
    line: Range<usize>,
    mentions: &[RoleMention],
) -> Option<Actor> {
    static SENT_AT: OnceLock<Option<Regex>> = OnceLock::new();
    let mention = mentions.first()?;
    if mention.range.end > line.end
        || !lintable[line.start..mention.range.start].trim().is_empty()
        || !lintable[mention.range.clone()].starts_with(char::is_uppercase)
    {
        return None;
    }
    let sent_at = SENT_AT
        .get_or_init(|| {
            Regex::new(r"(?i)^(?-i:(?:\s+[A-ZÀ-Þ][\w'’-]*){0,2})[\s*_,·•|–—-]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*|(?:today|yesterday)(?:\s+at)?\s*)?\d{1,2}[:.]\d{2}(?:\s*[ap]m)?\s*$").ok()
        })
        .as_ref()?;
    if !sent_at.is_match(&lintable[mention.range.end..line.end]) {
        return None;
    }
    Some(Actor::from(mention.kind))
}

/// A forum or chat reply's header: "**u/hanne.pm** · Product Manager · 2d", "**Ravi Menon,
/// Product Owner (Billing)** · 2 days ago", "**rkessler** · 4 hours ago", "**u/tess** (OP) ·
/// 8 points". Gives who writes the reply: its handle, the role the header names if any, and
/// whether it marks the original poster. A chat line may carry its message after the fields
/// ("… · Today at 10:05 · Today I own the backlog"): then the header is that line's alone.
struct ReplyHeader<'text> {
    handle: &'text str,
    role: Option<Actor>,
    original_poster: bool,
}

fn reply_header<'text>(
    lintable: &'text str,
    block: &Block,
    mentions: &[RoleMention],
) -> Option<ReplyHeader<'text>> {
    // The handle, perhaps after a time stamp; then the title and team in brackets or after a
    // comma; then the header's fields, each after a dot or bar. Negated classes rather than
    // `\w`: the pattern reads many paragraphs, and Unicode word classes grow its automaton
    // by megabytes.
    static HEADER: OnceLock<Option<Regex>> = OnceLock::new();
    static FIELD: OnceLock<Option<Regex>> = OnceLock::new();
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let text = &lintable[block.range.clone()];
    let line = text.trim();
    let first_line = line.split('\n').next().unwrap_or("");
    // Most paragraphs are prose: a header has fields after a dot or bar, or is one short
    // line with a title in brackets or after a comma.
    let has_fields = first_line.contains(['·', '•', '|']);
    let titled_line = first_line.len() <= 100
        && first_line.len() == line.len()
        && first_line.contains(['(', ',']);
    if first_line.len() > 400 || !(has_fields || titled_line) {
        return None;
    }
    let header = HEADER
        .get_or_init(|| {
            Regex::new(r"^(?:\[[0-9:]+(?:\s*[ap]m)?\]\s*)?(?P<handle>(?:u/|@)[^\s·•|(),]+|[a-z][^\s·•|(),:]*|[A-Z][^\s·•|(),:]*(?:\s+[A-Z][^\s·•|(),:]*){0,2})\s*(?P<title>\([^()]{1,60}\)|,[^·•|()]{1,60}(?:\([^()]{1,30}\))?)?\s*(?P<fields>(?:[·•|][^·•|]*)*)$").ok()
        })
        .as_ref()?;
    let field = FIELD
        .get_or_init(|| {
            Regex::new(r"(?i)^(?:\d+\s*(?:[smhdwy]|mins?|minutes?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)(?:\s+ago)?|(?:today|yesterday)(?:\s+at)?\s+\d{1,2}[:.]\d{2}(?:\s*[ap]m)?|(?:today|yesterday)|\d+\s+(?:points?|upvotes?|votes?|likes?|replies)|edited|\(?op\)?|no\s+flair|\d{1,2}[:.]\d{2}(?:\s*[ap]m)?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d[\d:. apm]*|\d{4}-\d{2}-\d{2}[\d:. ]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?:\s+\d{4})?|accepted\s+answer|top\s+comment)$").ok()
        })
        .as_ref()?;
    let found = header.captures(first_line)?;
    let offset = block.range.end - text.trim_start().len();
    let named_in = |range: Range<usize>| {
        mentions.iter().filter(move |mention| {
            mention.range.start >= offset + range.start && mention.range.end <= offset + range.end
        })
    };
    let title = found.name("title");
    let mut original_poster = title.is_some_and(|title| title.as_str().trim() == "(OP)");
    let mut role_mention = title.and_then(|title| named_in(title.range()).next());
    let mut dated = false;
    let mut message_inline = false;
    let fields = found.name("fields");
    let mut start = fields.map_or(first_line.len(), |fields| fields.start());
    for piece in fields
        .map_or("", |fields| fields.as_str())
        .split(['·', '•', '|'])
    {
        let range = start..start + piece.len();
        start = range.end
            + first_line[range.end..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let piece = piece.trim();
        let value = piece.strip_prefix("flair:").unwrap_or(piece).trim();
        if value.is_empty() {
            continue;
        }
        if message_inline {
            // The message holds a dot or bar of its own.
            continue;
        }
        let named = named_in(range).next();
        if named.is_some()
            && value.split_whitespace().count() <= 8
            && !value.ends_with(['.', '?', '!'])
        {
            role_mention = role_mention.or(named);
        } else if value.eq_ignore_ascii_case("op") || value.eq_ignore_ascii_case("(op)") {
            original_poster = true;
        } else if field.is_match(value) {
            dated = true;
        } else if dated && value.split_whitespace().count() >= 3 {
            message_inline = true;
        } else {
            return None;
        }
    }
    // A name on its own line, or a name and a title, is no reply header: the fields tell it.
    if !dated && !original_poster && role_mention.is_none() {
        return None;
    }
    // The header's own line holds nothing else, unless the message follows it.
    if !message_inline && line.contains('\n') {
        return None;
    }
    Some(ReplyHeader {
        handle: found.name("handle")?.as_str(),
        role: role_mention.map(|mention| Actor::from(mention.kind)),
        original_poster,
    })
}

/// The handle a thread's opening names as its poster: "**Posted to r/agile by
/// u/ticket_taker_tess**", "… · 148 points · posted by *fennwick*".
fn poster_handle<'doc>(context: &Context<'doc, '_>) -> Option<&'doc str> {
    static POSTED_BY: OnceLock<Option<Regex>> = OnceLock::new();
    let posted_by = POSTED_BY
        .get_or_init(|| {
            Regex::new(r"(?i)\b(?:posted|asked|submitted|started)\b[^\n]{0,60}?\bby\s+((?:u/|@)?[\w.-]*\w)").ok()
        })
        .as_ref()?;
    let lintable: &'doc str = &context.document.lintable;
    opening_blocks(context, 3).find_map(|block| {
        let found = posted_by.captures(&lintable[block.range.clone()])?.get(1)?;
        Some(&lintable[block.range.start + found.start()..block.range.start + found.end()])
    })
}

/// Do two handles name the same person ("u/tess" and "tess")?
fn same_handle(one: &str, other: &str) -> bool {
    let bare = |handle: &str| {
        handle
            .trim_start_matches("u/")
            .trim_start_matches('@')
            .to_ascii_lowercase()
    };
    !one.is_empty() && bare(one) == bare(other)
}

/// "**Nadia (Product Manager)**" on a line of its own over a quoted message ("> I'll accept
/// the stories myself"): the label's speaker says "I" in the quote.
fn quoted_under_speaker(context: &Context, block_index: usize) -> Option<Actor> {
    let document = context.document;
    let block = &document.blocks[block_index];
    let label = document.blocks.get(block_index.checked_sub(1)?)?;
    let line_start = document.text[..block.range.start]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let quoted = document.text[line_start..block.range.start]
        .trim_start()
        .starts_with('>');
    // The label holds one line and nothing but the speaker; the quote comes right after it.
    // Table cells share a line, so the label may end after this block's line starts.
    let between = document.text.get(label.range.end..line_start)?;
    let adjacent = between.matches('\n').count() <= 2;
    let one_line = !document.lintable[label.range.clone()].contains('\n');
    (quoted && adjacent && one_line && label.kind == BlockKind::Paragraph)
        .then(|| {
            line_speaker(
                &document.lintable,
                &label.range,
                context.mentions_in(&label.range),
            )
        })
        .flatten()
}

/// The role a paragraph opens by addressing its reader as: "If you're a Product Owner, …",
/// "If you are the PM, …".
fn addressed_reader(context: &Context, block: &Block) -> Option<Role> {
    const OPENINGS: &[&str] = &[
        "if you're ",
        "if you’re ",
        "if you are ",
        "when you're ",
        "when you’re ",
        "when you are ",
    ];
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let lintable = context.lintable();
    let text = lintable[block.range.clone()].trim_start();
    let opened = OPENINGS
        .iter()
        .find(|opening| lexicon::starts_with_ignoring_case(text.as_bytes(), opening.as_bytes()))?;
    let offset = block.range.end - text.len() + opened.len();
    let rest = &lintable[offset..block.range.end];
    let article = ["a ", "an ", "the ", "our ", "a new ", "the new "]
        .iter()
        .filter(|article| lexicon::starts_with_ignoring_case(rest.as_bytes(), article.as_bytes()))
        .map(|article| article.len())
        .max()
        .unwrap_or(0);
    let mention = context
        .mentions_in(&block.range)
        .iter()
        .find(|mention| mention.range.start == offset + article)?;
    // The title ends the condition: "If you're a Product Owner, …".
    let after = lintable[mention.range.end..block.range.end].trim_start_matches([' ', '*', '_']);
    match mention.kind {
        MentionKind::Product(role) if after.starts_with(',') => Some(role),
        _ => None,
    }
}

/// The role of the speaker a transcript's turn opens with: "**Ines (Product Manager):** A lot
/// of it is outside…", "[00:02:47] **Priya:** Honestly, my horizon…". The label is a short
/// name, perhaps with the role in brackets, before a colon, and a sentence follows it; the name
/// counts when the text has named it as a role's holder.
fn turn_speaker(lintable: &str, block: &Range<usize>, mentions: &[RoleMention]) -> Option<Actor> {
    let label_end = turn_label_end(lintable, block)?;
    // The bracketed title decides, else the name as a known holder.
    let in_label: Vec<&RoleMention> = mentions
        .iter()
        .filter(|mention| mention.range.start >= block.start && mention.range.end <= label_end)
        .collect();
    let mention = in_label.last()?;
    Some(Actor::from(mention.kind))
}

/// Where the label of a transcript's turn ends (its colon): a short name, perhaps with a
/// time stamp or a role in brackets, and a sentence of four words or more after it.
fn turn_label_end(lintable: &str, block: &Range<usize>) -> Option<usize> {
    let first_line_end = lintable[block.clone()]
        .find('\n')
        .map_or(block.end, |at| block.start + at);
    let line = &lintable[block.start..first_line_end];
    let colon = line.find(':').filter(|&colon| colon <= 60)?;
    let label = line[..colon].trim();
    // A time stamp first: "[00:02:47] Priya".
    let label = match label.strip_prefix('[') {
        Some(stamped) => stamped.split_once(']')?.1.trim(),
        None => label,
    };
    let spoken_words = line[colon + 1..].split_whitespace().count();
    let label_words = label.split_whitespace().count();
    if !(1..=5).contains(&label_words)
        || spoken_words < 4
        || !label.starts_with(char::is_uppercase)
        || label.starts_with("Product")
        || label.starts_with("PM")
        || label.starts_with("PO")
    {
        return None;
    }
    Some(block.start + colon)
}

/// Where a chat turn's label ends, when it names who speaks, not who acts: under "**Ines
/// Carvalho:** Day to day you keep the backlog ordered" the reader keeps it. Such a label is
/// no part of the turn's sentences. A label over a duty of its own ("**Ines:** owns the
/// roadmap and pricing", a team page) stays its subject.
fn spoken_turn_label(
    document: &Document,
    block: &Block,
    mentions: &[RoleMention],
) -> Option<usize> {
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let lintable = &document.lintable;
    let label_end = turn_label_end(lintable, &block.range)?;
    // A written colon: a bold "**Sun-hee Park, Program Manager.**" over "Sun-hee coordinates
    // …" reads as a label too, but heads a profile, not a message.
    if document.text.as_bytes().get(label_end) != Some(&b':') {
        return None;
    }
    let spoken = first_word(&lintable[label_end + 1..block.range.end]).to_ascii_lowercase();
    (!lexicon::is_ownership_verb(&spoken)
        && mentions
            .iter()
            .any(|mention| mention.range.end <= label_end))
    .then_some(label_end + 1)
}

/// "Working with the Product Manager", "Your partnership with the PO": a heading over how the
/// reader works with a role is not that role's section.
fn names_partner(lintable: &str, heading: &Range<usize>, mentions: &[RoleMention]) -> bool {
    let Some(first) = mentions.first() else {
        return false;
    };
    let before = &lintable[heading.start..first.range.start.max(heading.start)];
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    // "You and the Product Owner" joins the role to the reader; "Accept and ship (Product
    // Owner)" only joins two steps, and the bracket says whose they are.
    let joined = !before.trim_end().ends_with('(')
        && words.iter().any(|word| word.eq_ignore_ascii_case("and"));
    joined
        || words
            .iter()
            .any(|word| word.eq_ignore_ascii_case("with") || word.eq_ignore_ascii_case("alongside"))
}

/// The heading that opens the text, when a front-matter title names no role: "title: Role
/// profile: Growth" over "# Product Manager/Owner, Growth". Its index among the headings.
fn heading_under_silent_front_matter(context: &Context, options: &EngineOptions) -> Option<usize> {
    let document = context.document;
    let (Some(title), None) = (&document.title, document.title_heading) else {
        return None;
    };
    if heading_role(&options.vocabulary.mentions(&document.text[title.clone()]))
        != HeadingRole::Silent
    {
        return None;
    }
    let first = document.blocks.first()?;
    first.heading.filter(|_| first.kind == BlockKind::Heading)
}

/// The range that stands as the document's title: the title, the heading under a front-matter
/// title that names no role, or a first line that reads as a title.
fn title_range(context: &Context, options: &EngineOptions) -> Option<Range<usize>> {
    match heading_under_silent_front_matter(context, options) {
        Some(heading) => Some(context.document.headings[heading].range.clone()),
        None => context
            .document
            .title
            .clone()
            .or_else(|| first_line_title(context)),
    }
}

/// The role the document is about: its title's role, else the role it says it is hiring.
/// The role the document's title names; "Product Manager/Owner" names both.
fn title_role(context: &Context, options: &EngineOptions) -> HeadingRole {
    let document = context.document;
    let title_text = title_range(context, options).map_or("", |title| &document.text[title]);
    if roles::is_joined_title(title_text) {
        return HeadingRole::NoProductRole;
    }
    if let Some(heading) = heading_under_silent_front_matter(context, options) {
        return context.heading_roles[heading];
    }
    match (document.title_heading, &document.title) {
        (Some(heading), _) => match subtitle(context) {
            Some((role, _)) => HeadingRole::Product(role),
            None => context.heading_roles[heading],
        },
        (None, Some(title)) => {
            heading_role(&options.vocabulary.mentions(&document.text[title.clone()]))
        }
        (None, None) => first_line_role(context),
    }
}

/// "FIELDWORK STUDIO - OPEN ROLE" over "Product Owner (client-side placement)": a title that
/// names no role, followed straight away by a heading that names one, takes that role. Returns
/// the role and that heading's index.
fn subtitle(context: &Context) -> Option<(Role, usize)> {
    let title_heading = context.document.title_heading?;
    // Read from the title's own words: the title's entry in `heading_roles` takes the
    // document's role once that is known.
    let title = &context.document.headings[title_heading].range;
    if heading_role(context.mentions_in(title)) != HeadingRole::Silent {
        return None;
    }
    let blocks = &context.document.blocks;
    let title_block = blocks.iter().position(|block| {
        block.kind == BlockKind::Heading && block.heading == Some(title_heading)
    })?;
    let next = blocks.get(title_block + 1)?;
    let index = next.heading.filter(|_| next.kind == BlockKind::Heading)?;
    match context.heading_roles[index] {
        HeadingRole::Product(role) => Some((role, index)),
        _ => None,
    }
}

/// A document without a heading often opens with its title as a line of its own
/// ("Senior Technical Program Manager, Ground Segment"): a short first paragraph of one
/// line that does not end a sentence.
fn first_line_role(context: &Context) -> HeadingRole {
    match first_line_title(context) {
        Some(line) if roles::is_joined_title(&context.document.text[line.clone()]) => {
            HeadingRole::NoProductRole
        }
        Some(line) => heading_role(context.mentions_in(&line)),
        None => HeadingRole::Silent,
    }
}

/// The first line of a document without a heading, when it reads as a title: short, not
/// ending a sentence, and not opening one ("We are…", "Our…").
fn first_line_title(context: &Context) -> Option<Range<usize>> {
    let first = context.document.blocks.first()?;
    if first.kind != BlockKind::Paragraph || context.document.title.is_some() {
        return None;
    }
    let lintable = context.lintable();
    let block = &lintable[first.range.clone()];
    let line_length = block.find('\n').unwrap_or(block.len());
    let line = block[..line_length].trim_end();
    let first_word = line
        .split(|character: char| !character.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_title = !line.trim().is_empty()
        && line.len() <= 100
        && !roles::is_byline(line)
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && !matches!(
            first_word.as_str(),
            "we" | "our"
                | "you"
                | "your"
                | "the"
                | "this"
                | "as"
                | "in"
                | "at"
                | "join"
                | "are"
                | "is"
                | "a"
                | "an"
        );
    // Offsets read in the lintable copy; inside a word that held invisible characters they
    // are not the original's, so the range grows to whole words on character boundaries.
    let text = context.document.text;
    is_title.then(|| {
        let end = text.ceil_char_boundary(first.range.start + line.len());
        context.document.cover_shifted_words(first.range.start..end)
    })
}

/// A short heading that is a title leading product management and nothing more: "Head of
/// Product", "VP of Product, Payments".
fn is_leadership_post_heading(heading: &str, mentions: &[RoleMention]) -> bool {
    matches!(mentions, [only] if only.kind == MentionKind::OtherRole)
        && heading.split_whitespace().count() <= 6
        && roles::is_product_leadership_title(heading)
}

/// The role the document is about and whether it is about another role: its title's, else
/// the one it says it is hiring.
fn document_role(context: &Context, options: &EngineOptions) -> (Option<Role>, bool) {
    let document = context.document;
    let title_text = title_range(context, options).map_or("", |title| &document.text[title]);
    // "Head of Product" leads product management: the post is a Product Manager's.
    if roles::is_product_leadership_title(title_text) {
        return (Some(Role::Pm), false);
    }
    match title_role(context, options) {
        // "Digital Product Lead" whose post says "you'll serve as the Product Owner".
        HeadingRole::Product(Role::Pm) if roles::is_lead_title(title_text) => {
            match hiring_role(context, true) {
                HeadingRole::Product(role) => (Some(role), false),
                _ => (Some(Role::Pm), false),
            }
        }
        HeadingRole::Product(role) => (Some(role), false),
        // "Product Manager/Owner" whose post goes on "As our Product Owner you will…": the
        // title stays ambiguous, and the post says which role it describes.
        HeadingRole::NoProductRole if roles::is_joined_title(title_text) => {
            match hiring_role(context, false) {
                HeadingRole::Product(role) => (Some(role), false),
                _ => (None, true),
            }
        }
        HeadingRole::NoProductRole => (None, true),
        HeadingRole::Silent => match role_field_role(context, options) {
            HeadingRole::Product(role) => (Some(role), false),
            HeadingRole::NoProductRole => (None, true),
            HeadingRole::Silent => match hiring_role(context, true) {
                HeadingRole::Product(role) => (Some(role), false),
                HeadingRole::NoProductRole => (None, true),
                HeadingRole::Silent => (title_line_role(context), false),
            },
        },
    }
}

/// "♻️ Reposting for visibility … **Product Manager, Home Insurance Quotes | Coverly**": a
/// repost, a chat message or a letterhead gives the post's title a line of its own near the
/// top, before any heading, often in bold or italics.
fn title_line_role(context: &Context) -> Option<Role> {
    let document = context.document;
    // A title stands among the first three blocks; a bold line further down labels a part.
    for block in document.blocks.iter().take(3) {
        // A list or a table has begun: the title lines are behind.
        if matches!(block.kind, BlockKind::ListItem | BlockKind::TableCell) {
            break;
        }
        // Headings that name no role ("Job Profile  Ref. NM-2025-114") are passed over; one
        // that names a role says what follows.
        if block.kind == BlockKind::Heading
            && block
                .heading
                .is_some_and(|heading| context.heading_roles[heading] != HeadingRole::Silent)
        {
            break;
        }
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        // The block starts inside the emphasis; its first line in the source holds the marks.
        // A forwarded post quotes its title: "> Technical Product Manager - Ingest".
        let source = source_line(document.text, &(block.range.start..block.range.start));
        let quote_marks = document.text[source.clone()].len()
            - document.text[source.clone()]
                .trim_start_matches(['>', ' ', '\t'])
                .len();
        let source = source.start + quote_marks..source.end;
        let line = document.text[source.clone()].trim();
        let inner = line.trim_matches(['*', '_']);
        let emphasised = line.len() <= 120
            && line.len() > inner.len() + 1
            && line.starts_with(['*', '_'])
            && line.ends_with(['*', '_'])
            && !inner.trim_end().ends_with(':');
        // "NORTHGATE MUTUAL … Job Profile" over "Product Manager, Digital Claims Portal": a
        // short line of its own that ends no sentence reads as a title too.
        let title_line = line.len() <= 70
            && !line.ends_with(['.', '!', '?', ':', ';', ','])
            && !line.contains(": ")
            && !line.contains("...");
        if !(emphasised || title_line) || roles::is_joined_title(inner) {
            continue;
        }
        // A title opens with the role ("Product Manager, Home Quotes"); a label that names
        // one ("**What changes for Product Owners**") heads a section instead.
        let inner_start = source.start
            + (document.text[source.clone()].len()
                - document.text[source.clone()].trim_start().len())
            + (line.len() - line.trim_start_matches(['*', '_']).len());
        let mentions = context.mentions_in(&source);
        // "Applies to: Product Manager and Product Owner" names no one role.
        let one_role = mentions
            .iter()
            .all(|mention| mention.kind == mentions[0].kind);
        // A name before the title ("**Lena Hoffmann, Product Manager**") labels a person.
        let opens_with_title = one_role
            && mentions.first().is_some_and(|mention| {
                // Mention ranges are lintable offsets: read the words there.
                let words = &context.lintable()[mention.range.clone()];
                mention.range.start == inner_start
                    && (words.to_ascii_lowercase().contains("product")
                        || words.starts_with("PM")
                        || words.starts_with("PO"))
            });
        if let (true, HeadingRole::Product(role)) = (opens_with_title, heading_role(mentions)) {
            return Some(role);
        }
    }
    None
}

/// The role a front-matter `role:` field names, under a title that names none: "title: 2024
/// review" with "role: Product Owner, Checkout".
fn role_field_role(context: &Context, options: &EngineOptions) -> HeadingRole {
    let document = context.document;
    match &document.role_field {
        Some(field) if !roles::is_joined_title(&document.text[field.clone()]) => {
            heading_role(&options.vocabulary.mentions(&document.text[field.clone()]))
        }
        _ => HeadingRole::Silent,
    }
}

/// Is the text a review of how someone held a role: "2024 Annual Performance Review — Kofi
/// Mensah", "Promotion case", "Year-end self-assessment", "Exit interview"? A request to
/// review ("please review by Friday") is not one.
fn reviews_a_role(title_words: &[&str]) -> bool {
    title_words
        .iter()
        .enumerate()
        .any(|(index, word)| match *word {
            "review" => index == 0 || title_words[index - 1] != "please",
            "appraisal" | "assessment" | "promotion" | "feedback" | "calibration" => true,
            "exit" => title_words.get(index + 1) == Some(&"interview"),
            _ => false,
        })
}

/// A CV ("# Hannah Okafor", "Curriculum vitae"), a profile's "About", a bio: the writer's
/// own career, told mostly in the past.
fn tells_a_career(title: &str, title_words: &[&str]) -> bool {
    roles::is_bare_name(title)
        || matches!(title_words, ["about"] | ["about", "me"])
        || title_words
            .iter()
            .enumerate()
            .any(|(index, word)| match *word {
                "cv" | "resume" | "résumé" | "linkedin" | "bio" | "biography" => true,
                "curriculum" => title_words.get(index + 1) == Some(&"vitae"),
                _ => false,
            })
}

/// A cover letter ("Dear Hiring Team, I'm writing to apply for…") tells the writer's career,
/// as a CV does: what the writer did is the role as they held it.
fn is_cover_letter(lintable: &str) -> bool {
    let opening = lintable[..lintable.floor_char_boundary(600)].to_ascii_lowercase();
    let greets = opening
        .split('\n')
        .any(|line| line.trim_start().starts_with("dear "));
    greets && (opening.contains("apply") || opening.contains("application"))
}

/// The product role named first in a title that names both ("Product Owner (Product
/// Manager)", "PM/PO").
fn both_titled(context: &Context, options: &EngineOptions) -> Option<Role> {
    let document = context.document;
    let title = title_range(context, options)?;
    let text = &document.text[title];
    let mentions = options.vocabulary.mentions(text);
    let product: Vec<(Role, Range<usize>)> = mentions
        .iter()
        .filter_map(|mention| match mention.kind {
            MentionKind::Product(role) => Some((role, mention.range.clone())),
            MentionKind::OtherRole => None,
        })
        .collect();
    let (first, first_range) = product.first()?.clone();
    // "Product Manager/Owner", "PM/PO", "Product Owner (Product Manager)": one post under two
    // titles. "Product Manager vs Product Owner" compares them and is not a post, nor is a
    // charter's list of its roles ("Claims team (Group PM, PM, PO)").
    if roles::is_joined_title(text) {
        return Some(first);
    }
    let (_, second) = product.iter().find(|(role, _)| *role != first)?;
    text[first_range.end..second.start]
        .contains('(')
        .then_some(first)
}

/// "Product Owner (Product Manager), Live Ops": the second title, in brackets, is an alias;
/// the heading is about the first role.
fn aliased_title(text: &str, heading: &Range<usize>, mentions: &[RoleMention]) -> Option<Role> {
    let mut product = mentions.iter().filter_map(|mention| match mention.kind {
        MentionKind::Product(role) => Some((role, mention.range.clone())),
        MentionKind::OtherRole => None,
    });
    let (first, first_range) = product.next()?;
    let (_, second_range) = product.find(|(role, _)| *role != first)?;
    let between = text.get(first_range.end..second_range.start)?;
    (second_range.end <= heading.end && between.trim() == "(").then_some(first)
}

/// The first `count` blocks of text, headings left out: where a post says who wrote it and
/// whom it hires.
fn opening_blocks<'doc>(
    context: &Context<'doc, '_>,
    count: usize,
) -> impl Iterator<Item = &'doc super::document::Block> {
    context
        .document
        .blocks
        .iter()
        .filter(|block| block.kind != BlockKind::Heading)
        .take(count)
}

/// The role of the person who signs the text near its top: "*A note from Sanne de Vries,
/// Product Manager*", "Posted by Ola (Product Owner)", "Hi! I'm Daniel Achebe, Product Manager
/// for Online Renewals". A byline without a product role, or
/// none, says nothing.
fn author(context: &Context) -> Option<Actor> {
    static SIGNED: OnceLock<Option<Regex>> = OnceLock::new();
    let signed = SIGNED
        .get_or_init(|| {
            Regex::new(r"(?i)^[\s*_>]*(?:(?:hi|hello|hey|greetings)\b[^.!?\n]{0,30}[!,.]\s+)?(?:(?:an?\s+)?(?:note|message|word|letter|update)\s+from|posted\s+by|written\s+by|shared\s+by|by|from|i['’]m|i\s+am|my\s+name\s+is|\#[\w-]+[\s*_]*[·|•—–-])\s+(?-i:[A-ZÀ-ÖØ-Þ][\w'’-]*)(?:\s+(?:(?:de|van|von|der|den|da|di|du|le|la|el|al|bin|ibn)\s+)*(?-i:[A-ZÀ-ÖØ-Þ][\w'’-]*)){0,3}\s*[,(–—|·-]\s*(?:our\s+|the\s+)?(?:(?:senior|lead|principal|group|staff)\s+)?$").ok()
        })
        .as_ref()?;
    // "I'm applying for the Product Owner role", "For four years I have been the Product Owner
    // for…", "I've spent six years as a Product Owner": the writer names their own title.
    static SELF_TITLED: OnceLock<Option<Regex>> = OnceLock::new();
    let self_titled = SELF_TITLED
        .get_or_init(|| {
            Regex::new(r"(?i)(?:^|[^\w'’])(?:i['’]m|i\s+am|i\s+have\s+been|i['’]ve\s+been|i\s+was|i\s+became|i['’]ve\s+become|i\s+work\s+as|(?:i['’]m|i\s+am)\s+applying\s+(?:for|to\s+be)|my\s+application\s+for|i['’]ve\s+spent\s+(?:the\s+)?(?:last\s+|past\s+)?(?:[\w-]+\s+){0,2}?(?:years?|months?)\s+as)\s+(?:(?:currently|now)\s+)?(?:an?\s+|the\s+|your\s+|our\s+)?(?:(?:senior|lead|principal|group|staff|new)\s+)?$").ok()
        })
        .as_ref()?;
    opening_blocks(context, 3).find_map(|block| {
        let lintable = context.lintable();
        let mention = context.mentions_in(&block.range).first()?;
        let before = &lintable[block.range.start..mention.range.start];
        let near = &before[before.floor_char_boundary(before.len().saturating_sub(120))..];
        // A question ("Q: I'm the Product Manager. Do I write the stories?") is someone
        // else's case, not the writer's.
        let asks = lintable[block.range.clone()].contains('?');
        (signed.is_match(before)
            || (!asks && self_titled.is_match(near))
            || opens_on_own_title(lintable, &block.range, &mention.range))
        .then_some(Actor::from(mention.kind))
    })
}

/// The title a reply opens on as its writer's: "Technical Product Manager at a dev-tools
/// company. Honestly? …" under a header that names no role.
fn reply_opens_on_own_title(context: &Context, block: &Block) -> Option<Actor> {
    let mention = context.mentions_in(&block.range).first()?;
    opens_on_own_title(context.lintable(), &block.range, &mention.range)
        .then_some(Actor::from(mention.kind))
}

/// "Product Manager at a booking-tool company. I came from client services…": a post that
/// opens on its writer's bare title and then speaks as "I".
fn opens_on_own_title(lintable: &str, block: &Range<usize>, title: &Range<usize>) -> bool {
    // A title may run on past its block ("Product---\n\nOwner"): then it opens nothing.
    let (Some(before), Some(after)) = (
        lintable.get(block.start..title.start),
        lintable.get(title.end..block.end),
    ) else {
        return false;
    };
    if !before
        .chars()
        .all(|c| c.is_whitespace() || "*_>".contains(c))
    {
        return false;
    }
    let placed = ["at", "with", "for", "in"].iter().any(|word| {
        after
            .strip_prefix(' ')
            .and_then(|rest| rest.strip_prefix(word))
            .is_some_and(|rest| rest.starts_with(' '))
    });
    // "Product Owner, consumer subscriptions. My targets…": the team after a comma.
    let teamed = after.strip_prefix(", ").is_some_and(|rest| {
        rest.split_once(['.', ';'])
            .is_some_and(|(team, _)| team.split_whitespace().count() <= 4)
    });
    (placed || teamed)
        && after
            .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .any(|word| matches!(word, "I" | "I'm" | "I’m" | "I've" | "I’ve" | "my" | "My"))
}

/// "We are looking for a Product Owner…" in the opening paragraphs names the role; "We are
/// hiring a Program Manager…" says the document is about another one. `joined_names`: whether
/// "hiring a PM/PO" names its first role.
fn hiring_role(context: &Context, joined_names: bool) -> HeadingRole {
    static HIRING: OnceLock<Option<Regex>> = OnceLock::new();
    let hiring = HIRING
        .get_or_init(|| {
            // "We are hiring a …", "you'll serve as the …", "joins us on Monday as …",
            // "starts Monday as …", "takes over as …", "please welcome Lena, our new …",
            // "promoted to …", "this lands with you as our …", a profile's "I'm a …" or "I've
            // been a …", a vacancy notice's "Post: …" or "Position: …", or an email's
            // "Subject: …"; a recruiter "working on an exclusive … search"; a post about one's
            // own work: "Two years as …", "doing a good job as a …", "A week in the life of a …";
            // a chat post's "We're hiring! …".
            Regex::new(r"(?i)(?-u:\b)(?:(?:hiring|hire|hired\s+as|looking\s+for|seeking|recruiting|headcount\s+for|budget\s+for|(?:an?\s+)?opening\s+for|working\s+on|searching\s+for|filling|(?:joins?\s+(?:us|the\s+team|our\s+team)|starts?|begins?|takes?\s+over)\s+(?:[a-z0-9-]+\s+){0,3}?as|(?:welcome|introducing)\s+[^,\n]{1,40},\s+(?:our|your|the)(?:\s+new)?|(?:day|week|morning)\s+with\s+[^,\n]{1,40},|need|serve\s+as|act\s+as|promoted\s+to|appointed(?:\s+as)?|i['’]m|i\s+am|i\s+work\s+as|i['’]ve\s+been|i\s+have\s+been|(?:with|to|for)\s+you\s+as|(?:years?|months?|job|journey|career)\s+as|(?:day|week|life)\s+(?:in\s+the\s+life\s+)?of|(?:welcome(?:\s+(?:aboard|on\s+board|to\s+the\s+team))?|have\s+you(?:\s+(?:on\s+board|here|with\s+us))?)\s+as)\s+(?:an?|the|our|one)?\s*|(?:post|position|role|title|subject|(?:job|role|position)\s+title|vacancy)\s*:\s*|(?:we['’]re|we\s+are|now)\s+hiring\s*[!:.]+\s*)(?:[\w-]+\s+){0,2}?$").ok()
        })
        .as_ref();
    // "As our Product Owner you will…" opening a paragraph, perhaps after a short label
    // ("**About the role.** As our new Product Manager, you…").
    static OPENING_AS: OnceLock<Option<Regex>> = OnceLock::new();
    let opening_as = OPENING_AS
        .get_or_init(|| {
            Regex::new(r"(?i)^\s*(?:[*_]{0,2}[^.:*_\n]{1,30}[.:][*_]{0,2}\s+)?as\s+(?:an?|the|our)\s+(?:[\w-]+\s+){0,2}?$").ok()
        })
        .as_ref();
    let (Some(hiring), Some(opening_as)) = (hiring, opening_as) else {
        return HeadingRole::Silent;
    };
    let lintable = context.lintable();
    for block in opening_blocks(context, 4) {
        // "| **Job title** | Product Manager (Library Systems) |".
        let title_row = block.table_row_header.as_ref().is_some_and(|header| {
            let label = lintable[header.as_ref().clone()]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase();
            matches!(
                label.as_str(),
                "job title" | "title" | "post" | "post title" | "position" | "role" | "vacancy"
            )
        });
        for mention in context.mentions_in(&block.range) {
            if title_row {
                return match mention.kind {
                    MentionKind::Product(role) => HeadingRole::Product(role),
                    MentionKind::OtherRole => HeadingRole::NoProductRole,
                };
            }
            let window_start = lintable.floor_char_boundary(
                mention
                    .range
                    .start
                    .saturating_sub(40)
                    .max(block.range.start),
            );
            // "We're hiring a PM/PO" names its first role, as such a title does; under a
            // title that is joined already, it says nothing new.
            // A title may run past its block's end (a table cell): never before the title's end.
            let after_end = lintable.floor_char_boundary(
                (mention.range.end + 40)
                    .min(block.range.end)
                    .max(mention.range.end),
            );
            // "our new PM/PO": a title joined by a slash names no one role.
            let slashed = lintable[mention.range.end..after_end]
                .trim_start()
                .starts_with('/')
                || lintable[window_start..mention.range.start]
                    .trim_end()
                    .ends_with('/');
            if !joined_names
                && (slashed
                    || roles::is_joined_title(&lintable[mention.range.clone()])
                    || roles::is_joined_title(&lintable[mention.range.start..after_end]))
            {
                continue;
            }
            let before = &lintable[window_start..mention.range.start];
            let opens_block = window_start == block.range.start;
            if hiring.is_match(before) || (opens_block && opening_as.is_match(before)) {
                return match mention.kind {
                    MentionKind::Product(role) => HeadingRole::Product(role),
                    // "looking for their first Head of Product": who leads product management
                    // is a Product Manager.
                    MentionKind::OtherRole
                        if roles::is_product_leadership_title(
                            &lintable[mention.range.start..after_end],
                        ) =>
                    {
                        HeadingRole::Product(Role::Pm)
                    }
                    MentionKind::OtherRole => HeadingRole::NoProductRole,
                };
            }
        }
    }
    HeadingRole::Silent
}

/// Does a table header say its cells are not the role's own ("Doesn't do", "Not in scope",
/// "Stays out of")? A header is short; a long one is no such label.
fn header_disowns(header: &str) -> bool {
    header.len() <= 64
        && (lexicon::is_denying_heading(header) || lexicon::is_abstaining_header(header))
}

/// The role a block's section is about, whether the section denies what it lists, and
/// whether the section belongs to another role (or both) so that nothing in it is a product
/// role's.
fn section_context(context: &Context, block: usize) -> (Option<Role>, bool, bool) {
    let document = context.document;
    // A row headed "Doesn't do" or "Not in scope" in a role card lists what the role does not
    // own. ("Delivery support" names a duty: a row's "support" is no hand-off.)
    let row_disowns = document.blocks[block]
        .table_row_header
        .as_deref()
        .is_some_and(|row| header_disowns(&document.text[row.clone()]));
    // "| The PO does | The PO does not |": the column names the role, and may deny.
    if let Some(header) = &document.blocks[block].table_column_header
        && let HeadingRole::Product(role) = heading_role(context.mentions_in(header))
    {
        let column_denies = header_disowns(&document.text[header.as_ref().clone()]);
        return (Some(role), row_disowns || column_denies, false);
    }
    // Under a column headed "Does not do" or "Contributes to", the cell lists what the role
    // does not own: the role of the row ("Role | Responsibilities | Does not do") or of the
    // section ("## Product Owner" over "Does | Doesn't do").
    let column_disowns = document.blocks[block]
        .table_column_header
        .as_deref()
        .is_some_and(|column| {
            let column = &document.text[column.clone()];
            header_disowns(column)
                || (column.len() <= 64 && lexicon::is_contributing_heading(column))
        });
    let mut negated = row_disowns || column_disowns;
    // A "Role | Responsibilities" table: the row's first cell names whose row it is. In a
    // "Stakeholder | How often | What for" table it names whom the section's role meets.
    if let Some(header) = &document.blocks[block].table_row_header
        && !lists_contacts(context, header)
    {
        match heading_role(context.mentions_in(header)) {
            HeadingRole::Product(role) => return (Some(role), column_disowns, false),
            HeadingRole::NoProductRole => return (None, false, true),
            HeadingRole::Silent => {}
        }
    }
    let mut heading = document.blocks[block].heading;
    if document.blocks[block].kind == BlockKind::Heading {
        heading = heading.and_then(|index| document.headings[index].parent);
    }
    while let Some(index) = heading {
        negated |= context.heading_denies[index];
        match context.heading_roles[index] {
            HeadingRole::Product(role) => return (Some(role), negated, false),
            HeadingRole::NoProductRole => return (None, negated, true),
            HeadingRole::Silent => heading = document.headings[index].parent,
        }
    }
    // A heading that is the title and names both roles already stopped the walk above.
    (context.document_role, negated, context.document_blocked)
}

/// The owner a short list item or line names after its text, as an OKR sheet does: "KR 2.3 —
/// Velocity stays stable. *Owner: Farid (PM, Billing)*".
fn trailing_owner(context: &Context, block: &Block) -> Option<Actor> {
    if !matches!(block.kind, BlockKind::ListItem | BlockKind::Paragraph) || block.range.len() > 400
    {
        return None;
    }
    let text = &context.lintable()[block.range.clone()];
    let label = label_end(text)?;
    // The label stands after the item's text, not in front of it ("**Document owner:**
    // Hannah"), and ends the item.
    let before_label = text[..label]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '-'));
    if before_label.len() < 24 || text[label..].trim_end().contains('\n') || text.len() - label > 80
    {
        return None;
    }
    let after = block.range.start + label..block.range.end;
    let roles: BTreeSet<Role> = context
        .mentions_in(&after)
        .iter()
        .filter_map(|mention| match mention.kind {
            MentionKind::Product(role) => Some(role),
            MentionKind::OtherRole => None,
        })
        .collect();
    match roles.len() {
        0 => None,
        1 => roles.first().map(|&role| Actor::Role(role)),
        _ => Some(Actor::Both),
    }
}

/// Where an owner label ("Owner:", "Owned by:", "DRI:") ends in an item, if one stands on
/// its own. Only each label's first place counts. Labels end in a colon, so only the text
/// before each colon is compared: a long document has many items.
fn label_end(text: &str) -> Option<usize> {
    const LABELS: [&str; 4] = ["owner:", "owners:", "owned by:", "dri:"];
    let bytes = text.as_bytes();
    let mut seen = [false; LABELS.len()];
    for (colon, _) in text.match_indices(':') {
        for (label, seen) in LABELS.iter().zip(seen.iter_mut()) {
            let Some(at) = (colon + 1).checked_sub(label.len()) else {
                continue;
            };
            if *seen || !bytes[at..=colon].eq_ignore_ascii_case(label.as_bytes()) {
                continue;
            }
            *seen = true;
            // A label of its own, not a title ending in "Owner:" ("Product Owner: Amira").
            let word_before =
                text[..at].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
            let standalone = at == 0
                || (!text[..at].ends_with(char::is_alphanumeric)
                    && !word_before
                        .rsplit(|c: char| !c.is_alphanumeric())
                        .next()
                        .is_some_and(|word| word.eq_ignore_ascii_case("product")));
            if standalone {
                return Some(colon + 1);
            }
        }
    }
    None
}

/// Does an owner cell that names both roles give each its own level, the roadmap or the
/// quarter to one and the sprint or the backlog to the other, in two parts?
fn splits_by_level(lower: &str) -> bool {
    let words = |list: &[&str]| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| list.contains(&word))
    };
    lower.contains([';', ','])
        && words(&[
            "roadmap",
            "quarter",
            "quarterly",
            "themes",
            "strategy",
            "annual",
            "portfolio",
        ])
        && words(&[
            "sprint",
            "sprints",
            "backlog",
            "backlogs",
            "iteration",
            "stories",
        ])
}

/// Is the first column, whose cell is `row_header`, headed as a list of the people a role
/// works with ("Stakeholder", "Contacts", "Works with")?
fn lists_contacts(context: &Context, row_header: &Range<usize>) -> bool {
    let blocks = &context.document.blocks;
    let at = blocks.partition_point(|block| block.range.start < row_header.start);
    blocks
        .get(at)
        .filter(|block| block.range.start < row_header.end)
        .and_then(|block| block.table_column_header.as_deref())
        .is_some_and(|column| {
            let column = context.document.text[column.clone()]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            matches!(
                column.as_str(),
                "stakeholder"
                    | "stakeholders"
                    | "contact"
                    | "contacts"
                    | "counterpart"
                    | "counterparts"
                    | "partner"
                    | "partners"
                    | "works with"
                    | "relationship"
                    | "relationships"
                    | "audience"
            )
        })
}

/// What a block's clauses inherit from where the block stands.
#[derive(Clone, Copy)]
struct BlockSetting {
    section_role: Option<Role>,
    negated_section: bool,
    other_role_section: bool,
    raci_owner: Option<Actor>,
    /// Who writes the forum reply or chat message the block is part of, if a reply header
    /// over it names someone other than the post's writer (see [`reply_header`]).
    replier: Option<Actor>,
}

fn build_clauses(context: &mut Context) {
    let document = context.document;
    let raci = raci_owners(context);
    let mut roles_present = BTreeSet::new();
    // "The Product Owner will:" or a line holding only "**Product Owner**" heads the list
    // that follows it, as a heading would: (its role, the heading both stand under).
    let mut lead_in: Option<(HeadingRole, Option<usize>)> = None;
    // "**You will not**" or "Not your job:" over a list denies the items, as such a heading
    // would: the heading the label stands under.
    let mut denying_label: Option<Option<usize>> = None;
    // A thread's replies: the first header's handle is the post's writer; each later header
    // hands "I" to its own writer until the next header or heading.
    let mut first_handle: Option<&str> = poster_handle(context);
    let mut body_seen = false;
    let mut poster_role: Option<Actor> = None;
    let mut replier: Option<Actor> = None;
    let mut settings = Vec::with_capacity(document.blocks.len());
    for (block_index, block) in document.blocks.iter().enumerate() {
        if block.kind == BlockKind::Heading {
            replier = None;
        }
        let header = reply_header(&document.lintable, block, context.mentions_in(&block.range));
        if let Some(header) = &header {
            // A header before any body heads the post itself; after the body, a reply.
            let writer = *first_handle.get_or_insert(if body_seen { "" } else { header.handle });
            let by_poster = header.original_poster || same_handle(header.handle, writer);
            if by_poster && header.role.is_some() {
                poster_role = header.role;
            }
            replier = match header.role {
                Some(role) => Some(role),
                // The post's own writer: the role their first header gave, else whatever the
                // text says of its author.
                None if by_poster => poster_role,
                None => Some(
                    document
                        .blocks
                        .get(block_index + 1)
                        .and_then(|reply| reply_opens_on_own_title(context, reply))
                        .unwrap_or(Actor::Unknown),
                ),
            };
        } else if matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
            && document.lintable[block.range.clone()]
                .split_whitespace()
                .nth(7)
                .is_some()
        {
            body_seen = true;
        }
        let (mut section_role, mut negated_section, other_role_section) =
            section_context(context, block_index);
        match block.kind {
            BlockKind::ListItem => {
                negated_section |= denying_label == Some(block.heading);
            }
            BlockKind::Paragraph => {
                denying_label = is_denying_label(context, block).then_some(block.heading);
            }
            _ => denying_label = None,
        }
        // "4. Agreed split / Chen (Senior PM, Logistics): / - owns the vision": a list item's
        // paragraph that ends with a colon and names its subject heads the items after it.
        let item_lead_in = (block.kind == BlockKind::ListItem
            && document.lintable[block.range.clone()]
                .trim_end()
                .ends_with(':'))
        .then(|| list_lead_in(context, block))
        .flatten();
        match (block.kind, lead_in) {
            // "- **Jo, Product Owner**" over the items nested under it; "- **Ravi,
            // Engineering lead**" ends what the last such label handed on.
            (BlockKind::ListItem, _) if is_label_item(document.text, &block.range) => {
                lead_in = list_lead_in(context, block).map(|role| (role, block.heading));
            }
            (BlockKind::ListItem, _) if item_lead_in.is_some() => {
                lead_in = item_lead_in.map(|role| (role, block.heading));
            }
            (BlockKind::ListItem, Some((role, heading))) if heading == block.heading => {
                match role {
                    HeadingRole::Product(role) => section_role = Some(role),
                    HeadingRole::NoProductRole => section_role = None,
                    HeadingRole::Silent => {}
                }
            }
            (BlockKind::ListItem, _) => {}
            (BlockKind::Paragraph, _) => {
                lead_in = list_lead_in(context, block)
                    .or_else(|| writer_lead_in(context, block, replier.or(context.author)))
                    .map(|role| (role, block.heading));
            }
            _ => lead_in = None,
        }
        if let Some(role) = section_role {
            roles_present.insert(role);
        }
        settings.push(BlockSetting {
            section_role,
            negated_section,
            other_role_section,
            raci_owner: raci
                .get(&block_index)
                .copied()
                .or_else(|| trailing_owner(context, block)),
            replier,
        });
    }
    // Blocks are read independently, on several threads for a long document.
    let shared: &Context = context;
    let read = |blocks: Range<usize>| {
        forget_last_tokens();
        let mut clauses = Vec::new();
        for block_index in blocks {
            block_clauses(shared, block_index, settings[block_index], &mut clauses);
        }
        forget_last_tokens();
        clauses
    };
    let chunks = block_chunks(document);
    let mut clauses: Vec<ClauseView> = if chunks.len() > 1 {
        chunks.into_par_iter().map(read).flatten().collect()
    } else {
        chunks.into_iter().flat_map(read).collect()
    };
    // One sentence about the other role ("our Product Manager does that") is a hand-off; a
    // role described in several sentences is part of the document.
    let mut subject_sentences: BTreeMap<Role, usize> = BTreeMap::new();
    // A field naming who keeps or reviews the page ("Reviewer: Hanne, Product Lead")
    // describes nobody's work.
    let describes_work = |clause: &ClauseView| {
        let text = document.lintable[clause.range.clone()].trim();
        let field = text.split_once(':').map(|(field, _)| {
            field
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
                .to_ascii_lowercase()
        });
        !field.is_some_and(|field| lexicon::is_page_keeper_field(&field))
    };
    for clause in &clauses {
        if let Actor::Role(role) = clause.actor
            && clause.subject().is_some()
            && describes_work(clause)
        {
            let count = subject_sentences.entry(role).or_insert(0usize);
            *count += 1;
            if *count >= 2 {
                roles_present.insert(role);
            }
        }
    }
    // Clauses never overlap: their starts are distinct, and no buffer is needed to sort them.
    clauses.sort_unstable_by_key(|clause| clause.range.start);
    clauses.shrink_to_fit();
    context.clauses = clauses;
    context.roles_present = roles_present;
    context.subject_roles = subject_sentences.into_keys().collect();
}

/// The quotations a block gives as lines not to write: "Seen in an ad: “Our Product Owner
/// owns the roadmap.”", "❌ Don't write: “Product Manager/Owner wanted”". Each runs from its
/// opening quote to the closing one, or to the end of the line.
fn quoted_examples(lintable: &str, block: &Range<usize>) -> Vec<Range<usize>> {
    static LABEL: OnceLock<Option<Regex>> = OnceLock::new();
    let text = &lintable[block.clone()];
    if !text.contains(['"', '“']) {
        return Vec::new();
    }
    // ASCII word boundaries: a Unicode one stops the fast automaton on any accented letter.
    let Some(label) = LABEL
        .get_or_init(|| {
            Regex::new(
                r#"(?i)(?:(?-u:\b)seen\s+in\s+(?:an?|the)\s+(?:(?:job\s+)?ad|advert|post|posting|jd|wild)|(?-u:\b)(?:don['’]?t|do\s+not|never)\s+write|(?-u:\b)avoid(?:\s+writing)?|(?-u:\b)bad(?:\s+example)?|(?-u:\b)wrong|(?-u:\b)anti-?pattern|(?-u:\b)red\s+flag|(?-u:\b)instead\s+of|(?-u:\b)not\s+this|(?-u:\b)for\s+(?:example|instance)|(?-u:\b)e\.g\.|(?-u:\b)something\s+like|(?-u:\b)write\s+(?:it|this|that)\s+down|(?-u:\b)(?:say|state|write)\s+(?:it\s+|so\s+)?(?:explicitly|plainly|clearly|outright|in\s+writing)|(?-u:\b)such\s+as|❌|✗|🚫)[\s*_]*[:—–-]?[\s*_]*["“]"#,
            )
            .ok()
        })
        .as_ref()
    else {
        return Vec::new();
    };
    let mut examples: Vec<Range<usize>> = label
        .find_iter(text)
        .map(|found| {
            let open = block.start + found.end();
            let rest = &lintable[open..block.end];
            let close = rest.find(['"', '”', '\n']).unwrap_or(rest.len());
            open..open + close
        })
        .collect();
    // A myth put right: "“The PO owns the roadmap.” No. The PO gives input to it."
    let opening = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    if let Some(quoted) = opening
        .strip_prefix('"')
        .or_else(|| opening.strip_prefix('“'))
    {
        let open = block.end - quoted.len();
        if let Some(close) = quoted.find(['"', '”', '\n']) {
            let quote_length = quoted[close..].chars().next().map_or(1, char::len_utf8);
            let after = quoted[close + quote_length..].trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '*' | '_' | '—' | '–' | '-')
            });
            let refuted = [
                "no.",
                "no,",
                "no!",
                "not true",
                "wrong",
                "false",
                "nope",
                "myth",
                "not necessarily",
                "not quite",
                "not really",
                "not so",
            ]
            .iter()
            .any(|word| lexicon::starts_with_ignoring_case(after.as_bytes(), word.as_bytes()));
            if refuted {
                examples.push(open..open + close);
            }
        }
    }
    examples
}

/// Splits one block into clauses and finds each clause's actor.
fn block_clauses(
    context: &Context,
    block_index: usize,
    setting: BlockSetting,
    clauses: &mut Vec<ClauseView>,
) {
    let document = context.document;
    let lintable = &document.lintable;
    let block = &document.blocks[block_index];
    let BlockSetting {
        section_role,
        negated_section,
        other_role_section,
        raci_owner,
        replier,
    } = setting;
    let is_heading = block.kind == BlockKind::Heading;
    let block_mentions = context.mentions_in(&block.range);
    let mut previous_subject: Option<Actor> = None;
    // The product roles named as subjects in the sentence before, and in this one so far:
    // "The PM owns the roadmap; the PO orders the backlog. They meet weekly" means both.
    let mut roles_now: BTreeSet<Role> = BTreeSet::new();
    let sentences = if is_heading {
        vec![block.range.clone()]
    } else {
        let spoken_from =
            spoken_turn_label(document, block, block_mentions).unwrap_or(block.range.start);
        clause::split_sentences(lintable, spoken_from..block.range.end)
    };
    let examples = quoted_examples(lintable, &block.range);
    // "**Sven Ek** (Product Owner) · 09:05" over a chat message: who says "I" in it.
    let speaker = (!is_heading)
        .then(|| {
            line_speaker(lintable, &block.range, block_mentions)
                .or_else(|| turn_speaker(lintable, &block.range, block_mentions))
                .or_else(|| quoted_under_speaker(context, block_index))
        })
        .flatten()
        .or(replier);
    // "**If you're a Product Owner,** start by reading the backlog. … After that, the backlog
    // is yours": the paragraph addresses the holder of that role throughout.
    let section_actor_here = addressed_reader(context, block)
        .or_else(|| opening_label_role(context, block))
        .map(Actor::Role)
        .or(section_role.map(Actor::Role));
    // Only where no heading or title gives the role: a section's own role is the surer guess.
    let earlier_subject = section_role
        .is_none()
        .then(|| subject_named_before(context, clauses, block))
        .flatten();
    for sentence in sentences {
        let roles_before = std::mem::take(&mut roles_now);
        let mut labelled_owner = false;
        // The person other than a product role that the sentence opens on, for a pronoun
        // after it.
        let mut named_person: Option<Actor> = None;
        let clause_ranges = if is_heading {
            vec![sentence.clone()]
        } else {
            clause::split_clauses(lintable, sentence.clone(), block_mentions)
                .into_iter()
                .flat_map(|range| clause::bounded_pieces(lintable, range))
                .collect()
        };
        for (clause_index, range) in clause_ranges.into_iter().enumerate() {
            // A line quoted as what not to write states nothing about the document's roles.
            if examples
                .iter()
                .any(|example| range.start < example.end && example.start < range.end)
            {
                continue;
            }
            let view = ClauseView {
                range: range.clone(),
                block: clause_id(block_index),
                actor: Actor::Unknown,
                subject: None,
                negated_section,
                is_heading,
                open_context: section_role.is_none() && !other_role_section,
                raci_activity: raci_owner.is_some(),
            };
            let section_actor = section_actor_here.unwrap_or(Actor::Unknown);
            let (actor, subject) = if let Some(owner) = raci_owner {
                (owner, None)
            } else if asks_who(lintable, &range) {
                // "Who owns the roadmap?" asks; the answer, not the question, gives it to a
                // role: "Who sets release dates? The Product Manager."
                (
                    answering_role(lintable, &range, block_mentions)
                        .map_or(Actor::Unknown, Actor::Role),
                    None,
                )
            } else if is_heading {
                (section_actor, None)
            } else if let Some(author) = speaker
                .or(context.author)
                .filter(|_| clause::speaks_as_i(&lintable[range.clone()]))
            {
                // "I keep the roadmap" in a note signed by the Product Manager.
                (author, None)
            } else if lexicon::starts_with_ignoring_case(
                lintable[range.clone()].trim_start().as_bytes(),
                b"so that ",
            ) && !context
                .mentions_in(&range)
                .iter()
                .any(|mention| matches!(mention.kind, MentionKind::Product(_)))
            {
                // "…, so that roadmap themes turn into epics": a purpose tells what follows
                // from the duty, about something else.
                (Actor::OtherRole, None)
            } else if !may_name_subject(lintable, &range, block_mentions) {
                // "Jonah owns the roadmap", "Marketing sets the prices": somebody the text
                // has not named as a product role acts, not the reader.
                if let Some(role) = context.reviewed_person_acts(&lintable[range.clone()]) {
                    if clause_index == 0 {
                        named_person = Some(Actor::Role(role));
                    }
                    (Actor::Role(role), None)
                } else if clause::names_third_party(&lintable[range.clone()])
                    || clause::names_outside_holder(&lintable[range.clone()])
                    || clause::opens_on_delivery_team(&lintable[range.clone()])
                {
                    if clause_index == 0 {
                        named_person = Some(Actor::OtherRole);
                    }
                    (Actor::OtherRole, None)
                } else {
                    (
                        continued_subject(previous_subject, clause_index, &lintable[range.clone()])
                            .or(previous_subject.filter(|_| clause_index == 1 && labelled_owner))
                            .unwrap_or(section_actor),
                        None,
                    )
                }
            } else {
                let tokens = &view.tokens(lintable);
                match clause::find_subject(tokens, block_mentions, &range) {
                    // "Both of them run interviews" under "## Product Management — Mara and
                    // Tobias": the pronoun names the section's people, not both roles.
                    // In a document about another role ("Neither of them owns product
                    // decisions" in an Engineering Manager post), they are that role's people.
                    Subject::Mention(actor @ (Actor::Both | Actor::Nobody), mention)
                        if match actor {
                            Actor::Both => section_role.is_some(),
                            _ => titled_other_role(context),
                        } && matches!(
                            lintable[mention.clone()].to_ascii_lowercase().as_str(),
                            "both" | "either" | "neither"
                        )
                            && !context.mentions_in(&range).iter().any(|named| {
                                matches!(named.kind, MentionKind::Product(_))
                            })
                            // "Both Marcus and Priya will…" names the two.
                            && !lintable[mention.end..range.end]
                                .trim_start()
                                .starts_with(char::is_uppercase) =>
                    {
                        (section_actor, None)
                    }
                    Subject::Mention(actor, mention) => {
                        // The person reviewed, named by both titles in the text, holds the
                        // role the review is about.
                        let actor = match &context.reviewed_person {
                            Some((name, role))
                                if actor == Actor::OtherRole
                                    && lintable[mention.clone()] == *name =>
                            {
                                Actor::Role(*role)
                            }
                            // "The Head of Product will…" in the Head of Product's own post
                            // is the post's holder, who leads product management.
                            _ if actor == Actor::OtherRole
                                && context.document_role == Some(Role::Pm)
                                && roles::is_product_leadership_title(
                                    &lintable[mention.clone()],
                                )
                                && context.titled_for_leadership =>
                            {
                                Actor::Role(Role::Pm)
                            }
                            _ => actor,
                        };
                        if clause_index == 0 {
                            previous_subject = Some(actor);
                            // "Tom — map out the feature plan": an action item's owner,
                            // alone before the dash, does what follows it.
                            labelled_owner = lintable[range.clone()]
                                .trim_matches(|c: char| !c.is_alphanumeric())
                                == lintable[mention.clone()].trim();
                        }
                        if let Actor::Role(role) = actor {
                            roles_now.insert(role);
                        }
                        (actor, Some(mention))
                    }
                    // "They" is the previous subject, else the role last named
                    // before it ("Coach the Product Owners; they own…").
                    // "…, the PM brings the roadmap, the PO brings what the team learned, and
                    // they agree…": both, named earlier in the same sentence.
                    Subject::Pronoun
                        if ((roles_before.len() == 2 && clause_index == 0)
                            || roles_now.len() == 2)
                            && lintable[range.clone()]
                                .trim_start()
                                .get(..5)
                                .is_some_and(|word| word.eq_ignore_ascii_case("they ")) =>
                    {
                        (Actor::Both, None)
                    }
                    // "**Product Owners** look inward. / • They own the backlog": a pronoun
                    // on a line of its own goes back to the subject named before it, even
                    // under a section or title of the other role.
                    Subject::Pronoun => (
                        previous_subject
                            // "Lucía owns the vision, and she runs the research".
                            .or(named_person)
                            .or_else(|| last_product_role_before(block_mentions, range.start))
                            .or(earlier_subject)
                            .or_else(|| subject_named_before(context, clauses, block))
                            .unwrap_or_else(|| {
                                // "I propose the dates, and she sets the launch": where the
                                // writer speaks as "I", "she" is somebody else.
                                let writer_speaks = speaker.or(context.author).is_some()
                                    || clauses
                                        .iter()
                                        .rev()
                                        .take_while(|earlier| {
                                            earlier.block == clause_id(block_index)
                                        })
                                        .any(|earlier| {
                                            clause::speaks_as_i(&lintable[earlier.range.clone()])
                                        });
                                let someone_else = writer_speaks
                                    && tokens.iter().take(3).any(|token| {
                                        matches!(token.lower.as_str(), "he" | "she" | "his" | "her")
                                    });
                                if someone_else {
                                    Actor::Unknown
                                } else {
                                    section_actor
                                }
                            }),
                        None,
                    ),
                    // The reader and the other role: both own it.
                    Subject::AlongsideReader(role, mention) => match section_role {
                        Some(reader) if reader != role => (Actor::Both, Some(mention)),
                        _ => (section_actor, None),
                    },
                    // "Femke owns the backlog and runs the ceremonies with the development
                    // team": a named person acts even when the clause names a team later.
                    // "The board approved a plan, and the Product Owner…" is about the role
                    // named after it.
                    Subject::Implicit
                        if clause::names_third_party(&lintable[range.clone()])
                            || (clause::names_outside_holder(&lintable[range.clone()])
                                && !context.mentions_in(&range).iter().any(|mention| {
                                    matches!(mention.kind, MentionKind::Product(_))
                                })) =>
                    {
                        (Actor::OtherRole, None)
                    }

                    Subject::Implicit => (
                        continued_subject(previous_subject, clause_index, &lintable[range.clone()])
                            .unwrap_or(section_actor),
                        None,
                    ),
                }
            };
            clauses.push(ClauseView {
                actor,
                subject: subject.map(|subject| clause_id(subject.start)..clause_id(subject.end)),
                ..view
            });
        }
    }
}

/// Is the clause a question about who holds something ("Who owns the roadmap?", "**Which
/// role writes the stories?**")?
fn asks_who(lintable: &str, range: &Range<usize>) -> bool {
    let opening = lintable[range.clone()]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#' | '>'));
    let opening = opening
        .strip_prefix("Q:")
        .or_else(|| opening.strip_prefix("Q."))
        .unwrap_or(opening)
        .trim_start();
    let asks = ["who ", "who's ", "whose ", "which role", "what role"]
        .iter()
        .any(|word| lexicon::starts_with_ignoring_case(opening.as_bytes(), word.as_bytes()));
    asks && is_question(lintable, range.start)
}

/// The product role that answers a question about who holds something, named first after
/// its question mark ("Who sets release dates? The Product Manager.").
fn answering_role(
    lintable: &str,
    question: &Range<usize>,
    mentions: &[RoleMention],
) -> Option<Role> {
    let window_end = lintable.ceil_char_boundary((question.start + 200).min(lintable.len()));
    let mark = question.start + lintable[question.start..window_end].find('?')?;
    let answer_end = lintable.ceil_char_boundary((mark + 40).min(lintable.len()));
    let first = mentions.partition_point(|mention| mention.range.start <= mark);
    match mentions.get(first)?.kind {
        MentionKind::Product(role) if mentions[first].range.start < answer_end => Some(role),
        _ => None,
    }
}

/// "**Kasia Nowak, Product Manager** — owns the driver roadmap": a clause after the first of
/// its sentence that opens with a verb in the third person goes on with the subject the
/// sentence opened with.
fn continued_subject(previous: Option<Actor>, clause_index: usize, clause: &str) -> Option<Actor> {
    previous.filter(|_| clause_index > 0 && opens_with_third_person_verb(clause))
}

/// Does the clause open with an ownership verb in the third person ("owns", "sets",
/// "decides"), with no subject before it?
fn opens_with_third_person_verb(clause: &str) -> bool {
    // The clause may start at the dash that cut it off ("— owns the roadmap").
    clause
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .next()
        .is_some_and(|word| {
            word.len() > 2
                && word.ends_with('s')
                && word.starts_with(|c: char| c.is_ascii_lowercase())
                && lexicon::is_ownership_verb(word)
        })
}

/// Splits the blocks into consecutive chunks of about equal text, as [`clause_chunks`] does.
fn block_chunks(document: &Document) -> Vec<Range<usize>> {
    let blocks = document.blocks.len();
    let count = chunk_count(document).min(blocks.max(1));
    if count <= 1 {
        return std::iter::once(0..blocks).collect();
    }
    let share = document.text.len() / count + 1;
    let mut chunks = Vec::with_capacity(count);
    let mut start = 0;
    for (index, block) in document.blocks.iter().enumerate() {
        if block.range.end >= share * (chunks.len() + 1) && index + 1 > start {
            chunks.push(start..index + 1);
            start = index + 1;
        }
    }
    if start < blocks {
        chunks.push(start..blocks);
    }
    chunks
}

/// The product roles of people the document introduces by their initials: "**MO** — Mariam
/// Okafor, Senior Product Manager", "JL = Jonas Lind (Product Owner)". A RACI matrix may
/// head its columns with the initials alone.
fn initials_of_roles(context: &Context) -> HashMap<String, Role> {
    let text = context.document.text;
    let mut roles = HashMap::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        let opening = line.trim_start_matches(|c: char| c.is_whitespace() || "-*+>_".contains(c));
        let initials: String = opening
            .chars()
            .take_while(char::is_ascii_uppercase)
            .collect();
        let after = opening[initials.len()..]
            .trim_start_matches(['*', '_'])
            .trim_start();
        if !(2..=3).contains(&initials.len()) || !after.starts_with(['—', '–', '-', ':', '=', '('])
        {
            continue;
        }
        let role = context
            .mentions_in(&range)
            .iter()
            .find_map(|mention| match mention.kind {
                MentionKind::Product(role) => Some(role),
                _ => None,
            });
        if let Some(role) = role {
            roles.entry(initials).or_insert(role);
        }
    }
    roles
}

/// Reads RACI matrices: a table whose columns name both product roles and whose cells hold
/// only the letters R, A, C and I. A row's first cell is an activity, owned by the role
/// marked A: one product role, both (a double claim), or nobody at all. Returns the owner by
/// the block index of each activity cell.
fn raci_owners(context: &Context) -> HashMap<usize, Actor> {
    #[derive(Default)]
    struct Row {
        pm: Option<bool>,
        po: Option<bool>,
        /// Which product roles are marked R (responsible).
        pm_responsible: bool,
        po_responsible: bool,
        anyone_accountable: bool,
        only_letters: bool,
        /// What the row's "Owner" column says: a product role, or nobody.
        owner_column: Option<Actor>,
        table: Option<usize>,
        /// Where the row's first cell ends (its range may hold the blanks around the text).
        end: usize,
    }
    let document = context.document;
    let lintable = context.lintable();
    let mut rows: BTreeMap<usize, Row> = BTreeMap::new();
    // Tables (by their product-role column) in which somebody is accountable at all: a
    // matrix of R's only says nothing about owners.
    let mut tables_with_owners: BTreeSet<usize> = BTreeSet::new();
    // People's initials as column headers ("| Activity | MO | JL |"), read once if needed.
    let mut initials_roles: Option<HashMap<String, Role>> = None;
    for block in &document.blocks {
        let (BlockKind::TableCell, Some(row_header), Some(column_header)) = (
            block.kind,
            &block.table_row_header,
            &block.table_column_header,
        ) else {
            continue;
        };
        let text = lintable[block.range.clone()].trim();
        // "Not involved", "n/a", "none": nobody's cell, in a RACI matrix or a table of duties.
        let uninvolved = matches!(
            text.to_ascii_lowercase().trim_end_matches('.'),
            "not involved" | "n/a" | "none" | "no role" | "not applicable"
        ) || is_nobody_cell(text);
        let raci_letters = text.chars().all(|character| {
            matches!(
                character,
                'R' | 'A' | 'D' | 'C' | 'I' | '/' | ',' | '+' | '&' | '-' | '–' | '—' | ' '
            )
        });
        // A one-word matrix: "Owns" against "Input", perhaps behind a mark ("✅ decides").
        let lower = text
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(['.', '*', '_', '!'])
            .to_ascii_lowercase();
        // A tick in a role's column marks the role that does the row.
        let tick = matches!(
            text.trim_end_matches('\u{fe0f}'),
            "✔" | "✓" | "✅" | "☑" | "☑️" | "x" | "X" | "●"
        );
        let owner_word = tick
            || matches!(
                lower.as_str(),
                "owns"
                    | "owner"
                    | "owns it"
                    | "accountable"
                    | "decides"
                    | "decide"
                    | "final say"
                    | "sets"
                    | "sets it"
                    | "leads"
                    | "leads it"
            );
        let contributor_word = matches!(
            lower.as_str(),
            "input"
                | "gives input"
                | "consulted"
                | "informed"
                | "contributes"
                | "supports"
                | "reviews"
                | "reviewer"
                | "reviewed"
        );
        let letters = uninvolved || raci_letters || owner_word || contributor_word;
        // "D" decides, in a decision matrix.
        let accountable = owner_word
            || (raci_letters && !uninvolved && (text.contains('A') || text.contains('D')));
        let row = rows.entry(row_header.start).or_insert_with(|| Row {
            only_letters: true,
            end: row_header.end,
            ..Row::default()
        });
        row.anyone_accountable |= accountable;
        // A "Responsibility | Owner" table names the owner in words; a "Decision | Authority of
        // the position" table says how far the reader decides.
        let authority = is_authority_column(&lintable[column_header.as_ref().clone()]);
        if authority || is_owner_column(&lintable[column_header.as_ref().clone()]) {
            let mentions = context.mentions_in(&block.range);
            let names = |role| {
                mentions
                    .iter()
                    .any(|mention| mention.kind == MentionKind::Product(role))
            };
            // "Ilse presents; Tomas gives input": the one who only contributes owns nothing.
            let lower = text.to_ascii_lowercase();
            let one_contributes = ["input", "consulted", "supports", "contributes", "advises"]
                .iter()
                .any(|word| lower.contains(word));
            let first_named = mentions.iter().find_map(|mention| match mention.kind {
                MentionKind::Product(role) => Some(Actor::Role(role)),
                MentionKind::OtherRole => None,
            });
            row.owner_column = match heading_role(mentions) {
                _ if names(Role::Pm) && names(Role::Po) && one_contributes => first_named,
                // "Product Manager sets the quarter; Product Owner picks the sprint": each
                // role holds its own level, so the row is settled and claims nothing.
                _ if names(Role::Pm) && names(Role::Po) && splits_by_level(&lower) => {
                    Some(Actor::OtherRole)
                }
                // "Product Manager and Product Owner, jointly".
                _ if names(Role::Pm) && names(Role::Po) => Some(Actor::Both),
                HeadingRole::Product(role) => Some(Actor::Role(role)),
                _ if is_nobody_cell(text) => Some(Actor::Nobody),
                // "You", "Final say is yours", "Yours to set": the reader, whose role the
                // document is about.
                HeadingRole::Silent if is_reader_cell(&lower) => {
                    context.document_role.map(Actor::Role)
                }
                // "Decides", "Approves": the reader holds it; "Consulted", "Recommends to the
                // CFO": somebody else does.
                HeadingRole::Silent if authority => match first_word(&lower) {
                    "decides" | "decide" | "owns" | "approves" | "accountable" | "final"
                    | "sets" | "leads" => context.document_role.map(Actor::Role),
                    "consulted" | "recommends" | "informed" | "input" | "advises" | "supports"
                    | "contributes" | "proposes" | "none" => Some(Actor::OtherRole),
                    _ => None,
                },
                _ => None,
            };
        }
        let column_role = match heading_role(context.mentions_in(column_header)) {
            HeadingRole::Silent => {
                let initials = initials_roles.get_or_insert_with(|| initials_of_roles(context));
                initials
                    .get(lintable[column_header.as_ref().clone()].trim())
                    .map_or(HeadingRole::Silent, |role| HeadingRole::Product(*role))
            }
            role => role,
        };
        if let HeadingRole::Product(role) = column_role {
            // A notes column beside the roles' columns leaves the matrix a matrix.
            row.only_letters &= letters;
            let responsible = raci_letters && !uninvolved && text.contains('R');
            // A role may have several columns (Chief and Area Product Owner): it decides
            // the row when any of them does.
            match role {
                Role::Pm => {
                    row.pm = Some(row.pm == Some(true) || accountable);
                    row.pm_responsible |= responsible;
                }
                Role::Po => {
                    row.po = Some(row.po == Some(true) || accountable);
                    row.po_responsible |= responsible;
                }
            }
            // The table is known by its first product-role column, the same in every row.
            let table = *row.table.get_or_insert(column_header.start);
            // A table that gives duties in words ("Owns it and keeps it ordered") has owners.
            if !letters {
                tables_with_owners.insert(table);
            }
        }
    }
    for row in rows.values() {
        if let (true, true, Some(table)) = (row.only_letters, row.anyone_accountable, row.table) {
            tables_with_owners.insert(table);
        }
    }
    let mut owners = HashMap::new();
    for (index, block) in document.blocks.iter().enumerate() {
        if block.kind != BlockKind::TableCell || block.table_row_header.is_some() {
            continue;
        }
        let Some((_, row)) = rows.range(..=block.range.start).next_back() else {
            continue;
        };
        if row.end < block.range.end {
            continue;
        }
        if let Some(owner) = row.owner_column {
            owners.insert(index, owner);
            continue;
        }
        if !row.only_letters {
            continue;
        }
        // An empty cell holds no text, and so no block: it marks nothing.
        let owner = match (row.pm, row.po) {
            (Some(true), Some(true)) => Actor::Both,
            (Some(true), Some(false) | None) => Actor::Role(Role::Pm),
            (Some(false) | None, Some(true)) => Actor::Role(Role::Po),
            // A row with no A at all: the one product role that does the work holds it.
            (Some(false), Some(false)) if !row.anyone_accountable && row.pm_responsible => {
                if row.po_responsible {
                    continue;
                }
                Actor::Role(Role::Pm)
            }
            (Some(false), Some(false)) if !row.anyone_accountable && row.po_responsible => {
                Actor::Role(Role::Po)
            }
            (Some(false), Some(false))
                if !row.anyone_accountable
                    && row
                        .table
                        .is_some_and(|table| tables_with_owners.contains(&table)) =>
            {
                Actor::Nobody
            }
            _ => continue,
        };
        owners.insert(index, owner);
    }
    owners
}

/// Whether a table column names each row's owner: "Owner", "Owned by", "Accountable".
/// Does an owner cell (lower case) name the reader: "You", "you, with finance", "Final say is
/// yours", "Yours to set", "your call"?
fn is_reader_cell(cell: &str) -> bool {
    matches!(first_word(cell), "you" | "yours")
        || [" is yours", " are yours", "your call", "your decision"]
            .iter()
            .any(|phrase| cell.contains(phrase))
}

/// A table header's text, lower-cased and without emphasis; None for a header too long to be
/// a column's name.
fn column_name(header: &str) -> Option<String> {
    (header.len() <= 64).then(|| {
        header
            .trim()
            .trim_matches(['*', '_'])
            .trim()
            .to_ascii_lowercase()
    })
}

fn is_owner_column(header: &str) -> bool {
    let Some(header) = column_name(header) else {
        return false;
    };
    matches!(
        header.as_str(),
        "owner"
            | "owners"
            | "dri"
            | "dris"
            | "owned by"
            | "accountable"
            | "who owns it"
            | "decision owner"
            | "decides"
            | "decided by"
            | "who decides"
            | "decision maker"
            | "who holds it"
            | "held by"
            | "holder"
            // The one who approves a decision in a DACI table decides it.
            | "approver"
            | "approvers"
            | "approved by"
            | "final approver"
    ) || [
        "who decides ",
        "who owns ",
        "owner (",
        "owned by ",
        "decided by ",
        "who holds ",
        "held by ",
        // "Owner from 1 May", "Owner after the restructure", "Owner (new)".
        "owner from ",
        "owner after ",
        "owner since ",
        "owner as of ",
        "new owner",
        "owner today",
        "owner now",
    ]
    .iter()
    .any(|start| header.starts_with(start))
}

/// Whether a table column says what authority the reader's position has over each row's
/// decision: "Authority of the position", "Decision rights", "This role".
fn is_authority_column(header: &str) -> bool {
    let Some(header) = column_name(header) else {
        return false;
    };
    header.starts_with("authority")
        || header.starts_with("decision right")
        || header.starts_with("level of authority")
        || matches!(
            header.as_str(),
            "this role" | "this position" | "role of the position"
        )
}

fn first_word(text: &str) -> &str {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|word| !word.is_empty())
        .unwrap_or("")
}

/// An owner cell that names nobody: "nobody yet", "no one", "unassigned", "TBD".
fn is_nobody_cell(text: &str) -> bool {
    let text = text.trim().to_ascii_lowercase();
    [
        "nobody",
        "no one",
        "no-one",
        "unassigned",
        "tbd",
        "not assigned",
        "none yet",
        // "Neither product role; the squad has not assigned it yet", "Not owned by Product
        // Management nor by the Product Owners".
        "neither",
        "not owned",
        "not yet assigned",
        "owned by neither",
        "owned by nobody",
        "no owner",
        "no clear owner",
        "— nobody",
        "- nobody",
    ]
    .iter()
    .any(|nobody| text.starts_with(nobody))
}

/// The role of the last product-role mention that ends before `offset`.
fn last_product_role_before(mentions: &[RoleMention], offset: usize) -> Option<Actor> {
    let before = mentions.partition_point(|mention| mention.range.start < offset);
    mentions[..before]
        .iter()
        .rev()
        .filter(|mention| mention.range.end <= offset)
        .find_map(|mention| match mention.kind {
            MentionKind::Product(role) => Some(Actor::Role(role)),
            MentionKind::OtherRole => None,
        })
}

/// Who a pronoun opening a block stands for: the subject named last in the blocks before it,
/// in its section and not far back. "Diego owns the backlog." over "- He writes the user
/// stories."; clauses read in another chunk of a long document are not looked at.
fn subject_named_before(
    context: &Context,
    clauses: &[ClauseView],
    block: &super::document::Block,
) -> Option<Actor> {
    const PRONOUN_REACH: usize = 600;
    let floor = block.range.start.saturating_sub(PRONOUN_REACH);
    clauses
        .iter()
        .rev()
        .take_while(|clause| {
            clause.range.start >= floor
                && context.document.blocks[clause.block()].heading == block.heading
        })
        // "Nobody should wait for an answer" names no one a later "he" could be.
        .find(|clause| clause.subject().is_some() && clause.actor != Actor::Nobody)
        .map(|clause| clause.actor)
}

/// A clause can only name its subject with a role mention or a leading "both", "either",
/// "neither", "nobody", "no one" or pronoun; the others need no tokenizing to be read.
fn may_name_subject(lintable: &str, clause: &Range<usize>, mentions: &[RoleMention]) -> bool {
    let first = mentions.partition_point(|mention| mention.range.start < clause.start);
    if mentions
        .get(first)
        .is_some_and(|mention| mention.range.start < clause.end)
    {
        return true;
    }
    // "… owned by neither of them": a passive names its subject last.
    let text = &lintable[clause.clone()];
    if [
        "by neither",
        "by both",
        "by either",
        "by nobody",
        "by anyone",
        "by anybody",
        "by any one",
        "to either",
        "to neither",
        "to nobody",
        " with anyone",
        " with nobody",
        " with no-one",
        " no owner",
        " no clear owner",
        " no single owner",
        " no named owner",
        // "…, owned by the Head of Digital Retail, …".
        " owned by ",
        // "Competitor analysis sits outside both roles", "Research: nobody owns this".
        " outside both ",
        "none of us ",
        "none of them ",
        " nobody's ",
        " nobody’s ",
        ": nobody ",
        ": no-one ",
        ": neither ",
        ": honestly nobody ",
        ": currently nobody ",
    ]
    .iter()
    .any(|agent| text.contains(agent))
    {
        return true;
    }
    // A dash that cut the clause off ("POs - they run…") is no word.
    let mut words = lintable[clause.clone()]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|word| word.contains(char::is_alphanumeric));
    let first_word = words.next().unwrap_or("");
    // A time phrase may come first ("At the moment nobody…", "After lunch he…"): look past
    // it.
    let lead_length = clause::TIME_LEADS
        .iter()
        .filter(|phrase| phrase[0].eq_ignore_ascii_case(first_word))
        .map(|phrase| phrase.len())
        .chain(
            clause::TIME_LEAD_PREPOSITIONS
                .iter()
                .filter(|preposition| preposition.eq_ignore_ascii_case(first_word))
                .map(|_| clause::MAX_TIME_LEAD_WORDS),
        )
        .max()
        .unwrap_or(0);
    std::iter::once(first_word)
        .chain(words.take(lead_length))
        .any(|first_word| {
            [
                "both", "either", "neither", "nobody", "no-one", "no", "they", "he", "she", "his",
                "her", "their", "each",
            ]
            .iter()
            .any(|word| first_word.eq_ignore_ascii_case(word))
        })
        // "When that happens, they own the backlog".
        || text
            .get(..text.floor_char_boundary(48))
            .is_some_and(|lead| [", they ", ", he ", ", she "].iter().any(|pronoun| lead.contains(pronoun)))
}

/// The whole line (or lines) of the original text that a range stands on, without the newlines.
fn source_line(text: &str, range: &Range<usize>) -> Range<usize> {
    // A lintable offset inside a word that held invisible characters is no character
    // boundary of the original: widen to one.
    let (range_start, range_end) = (
        text.floor_char_boundary(range.start),
        text.ceil_char_boundary(range.end),
    );
    let start = text[..range_start]
        .rfind('\n')
        .map_or(0, |newline| newline + 1);
    let end = text[range_end..]
        .find('\n')
        .map_or(text.len(), |newline| range_end + newline);
    start..end
}

/// A list item that is all bold and short ("- **Jo, Product Owner**"): a label over the
/// items after it, not a duty. Read in the original text, where the bold marks still are.
fn is_label_item(text: &str, range: &Range<usize>) -> bool {
    if range.len() > 80 {
        return false;
    }
    let Range {
        start: line_start,
        end: line_end,
    } = source_line(text, range);
    if range.start - line_start > 16 || line_end - range.end > 8 {
        return false;
    }
    let line = text[line_start..line_end].trim();
    let line = ["- ", "* ", "+ "]
        .iter()
        .find_map(|marker| line.strip_prefix(marker))
        .unwrap_or(line)
        .trim()
        .trim_end_matches(':');
    // A marker glyph may open the item ("▸ **Jo, Product Owner**").
    let line = line.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '*' && c != '_');
    line.len() > 4
        && ((line.starts_with("**") && line.ends_with("**"))
            || (line.starts_with("__") && line.ends_with("__")))
}

/// The role a paragraph hands to the list after it: a paragraph that ends with a colon and
/// names one role in its last sentence ("As Product Owner you will:"), or one that holds
/// little but a title ("**Product Manager**"). `None` when it is not a lead-in.
fn list_lead_in(context: &Context, block: &super::document::Block) -> Option<HeadingRole> {
    let lintable = context.lintable();
    let text = lintable[block.range.clone()].trim_end();
    let mentions = context.mentions_in(&block.range);
    if mentions.is_empty() {
        return None;
    }
    if text.ends_with(':') {
        // The role must be the sentence's subject ("The Product Owner will:"), or the sentence
        // a label ("Responsibilities of the Product Owner:"); "Working with the Product
        // Manager, you will:" and "Unlike a Product Manager, you will:" hand nothing on.
        let last_sentence = clause::split_sentences(lintable, block.range.clone()).pop()?;
        let tokens = clause::tokenize(lintable, last_sentence.clone());
        let named = context.mentions_in(&last_sentence);
        let is_subject = matches!(
            clause::find_subject(&tokens, named, &last_sentence),
            Subject::Mention(Actor::Role(_) | Actor::OtherRole, _)
        );
        let is_label = tokens.iter().all(|token| {
            named.iter().any(|mention| {
                mention.range.start <= token.range.start && token.range.end <= mention.range.end
            }) || matches!(
                token.lower.as_str(),
                "responsibilities"
                    | "responsibility"
                    | "duties"
                    | "tasks"
                    | "role"
                    | "of"
                    | "the"
                    | "a"
                    | "an"
                    | "our"
                    | "your"
                    | "for"
                    | "key"
                    | "main"
                    | "core"
                    | "what"
                    | "does"
                    | "do"
                    | "is"
                    | "typical"
                    | "as"
            )
        });
        // "What the Product Owner will actually do, per Gareth:".
        // "During that time Jamie will:": whatever opens the sentence, the role named right
        // before "will:" heads the list.
        let is_subject = is_subject
            || named.last().is_some_and(|last| {
                let tail = lintable[last.range.end..last_sentence.end]
                    .trim()
                    .trim_end_matches(':')
                    .trim_end()
                    .to_ascii_lowercase();
                // "From 1 March Tomasz:": a time, then the one who holds the list.
                let after_time = tail.is_empty()
                    && tokens.first().is_some_and(|first| {
                        clause::TIME_LEAD_PREPOSITIONS.contains(&first.lower.as_str())
                    });
                (after_time
                    || matches!(
                        tail.as_str(),
                        "will"
                            | "will also"
                            | "should"
                            | "must"
                            | "is expected to"
                            | "is responsible for"
                    ))
                    && matches!(last.kind, MentionKind::Product(_))
            });
        // "What the founders have told me they want:" lists the post's duties, not theirs.
        let asks_what = tokens.first().is_some_and(|token| token.lower == "what")
            && named
                .iter()
                .any(|mention| matches!(mention.kind, MentionKind::Product(_)));
        return (is_subject || is_label || asks_what).then(|| heading_role(named));
    }
    // The line right above the list labels it: "[10:02] Henrik (Director)" and then
    // "Sunniva Berg - Product Owner" on the next line of the same paragraph.
    let line_start = text.rfind('\n').map_or(0, |newline| newline + 1);
    label_line_role(
        context,
        block.range.start + line_start..block.range.start + text.len(),
    )
}

/// "**Marta Kowalska — Technical Product Manager**" on a paragraph's first line, and that
/// person's duties on the lines after it: the label's role is the paragraph's.
fn opening_label_role(context: &Context, block: &Block) -> Option<Role> {
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let lintable = context.lintable();
    // More lines must follow the label.
    let first_end = lintable[block.range.clone()].find('\n')?;
    let original = context.document.text;
    let first = original[source_line(original, &(block.range.start..block.range.start))].trim();
    let bold = (first.starts_with("**") || first.starts_with("__"))
        && first.trim_end_matches(':').ends_with(['*', '_']);
    if !bold {
        return None;
    }
    match label_line_role(context, block.range.start..block.range.start + first_end)? {
        HeadingRole::Product(role) => Some(role),
        HeadingRole::NoProductRole | HeadingRole::Silent => None,
    }
}

/// The role a line labels: a title alone ("**Product Owner**"), with its holder ("Sunniva
/// Berg - Product Owner", "**Product Manager — Ruth Adeyemi**") or a short note.
fn label_line_role(context: &Context, line: Range<usize>) -> Option<HeadingRole> {
    let lintable = context.lintable();
    let text = &lintable[line.clone()];
    let mentions = context.mentions_in(&line);
    if mentions.is_empty() {
        return None;
    }
    // "**Product Owners** — one per squad; …": a bold title opening the line, and a note on
    // the role after a dash, label the list as the title alone would.
    if let Some(role) = bold_title_label(context, line.clone()) {
        return Some(role);
    }
    // "Owner: Lead Product Manager, Patient Experience": a field naming who keeps the page,
    // not whose duties the list holds.
    let label = lintable[line.start..mentions[0].range.start]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
        .to_ascii_lowercase();
    if let Some(field) = label.strip_suffix(':')
        && lexicon::is_page_keeper_field(field.trim_end_matches(['*', '_']).trim())
    {
        return None;
    }
    // "**Luis Ortega — Proxy Product Owner (for Marta's area)**": a closing note in brackets
    // says where the holder works; a name in it is somebody else's.
    let unmarked = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let note = unmarked
        .rfind('(')
        .filter(|_| unmarked.ends_with(')'))
        .map(|open| {
            (
                open,
                mentions.partition_point(|mention| mention.range.start < line.start + open),
            )
        })
        // "Lucy Fenwick (Product Owner)": the title itself may be in the brackets.
        .filter(|(_, kept)| *kept > 0);
    let (text, mentions) = match note {
        Some((open, kept)) => (&text[..open], &mentions[..kept]),
        None => (text, mentions),
    };
    let last = mentions.last()?;
    // "**Marta Kowalska — Technical Product Manager**": the holder, a dash, the title.
    if last.range.start > line.start
        && roles::names_holder_before_title(&lintable[line.start..last.range.start])
        && lintable
            .get(last.range.end..line.start + unmarked.len())
            .and_then(|rest| {
                rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':'))
                    .split('(')
                    .next()
            })
            .is_some_and(|rest| rest.trim().is_empty())
    {
        return Some(heading_role(std::slice::from_ref(last)));
    }
    let title_bytes: usize = mentions.iter().map(|mention| mention.range.len()).sum();
    // "Sunniva Berg - Product Owner, Data Platform": a team after the title's comma.
    let last_title_end = mentions.last().map_or(0, |mention| mention.range.end);
    let text = match text.rfind(',') {
        Some(comma) if text.len() - comma <= 40 && last_title_end <= line.start + comma => {
            &text[..comma]
        }
        _ => text,
    };
    // "**3. Product Owner duties**": a contract's section number is no text of the label.
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    let text = &text[super::document::section_number_length(text)..];
    let other_bytes = text
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':'))
        .len()
        .saturating_sub(title_bytes);
    // "**Product Manager — Ruth Adeyemi**": the title and the person who holds it.
    let holder_follows = || {
        // The line may have been cut at a comma before the first title's end.
        lintable
            .get(mentions[0].range.end..line.start + text.len())
            .is_some_and(roles::names_holder_after_title)
    };
    ((other_bytes <= 12 || holder_follows()) && !text.contains('.')).then(|| heading_role(mentions))
}

/// The role of a line that opens with a bold title and goes on after a dash or colon, in
/// the bold ("**Product Manager — Eleanor Voss (Senior PM)**") or after it ("**Group Product
/// Manager** — one per journey"). Read in the original text, where the bold marks still are.
fn bold_title_label(context: &Context, line: Range<usize>) -> Option<HeadingRole> {
    let starts_note = |text: &str| text.trim_start().starts_with(['—', '–', '-', ':']);
    // The block may start after the marks: read its whole source line.
    let line = source_line(context.document.text, &line);
    let text = &context.document.text[line.clone()];
    let marker = ["**", "__"]
        .into_iter()
        .find(|marker| text.starts_with(marker))?;
    let close = text[2..].find(marker)? + 2;
    let bold = line.start + 2..line.start + close;
    let mentions = context.mentions_in(&bold);
    // A mention's offsets are lintable ones; inside a word that held invisible characters
    // they are not the original's character boundaries, so read around the whole word.
    let first = context
        .document
        .cover_shifted_words(mentions.first()?.range.clone());
    let original = context.document.text;
    let before = original.get(bold.start..first.start.max(bold.start));
    if !before.is_some_and(|before| before.trim().is_empty()) {
        return None;
    }
    let in_bold = original.get(first.end.min(bold.end)..bold.end)?.trim();
    let labelled = if in_bold.len() <= 4 {
        starts_note(&text[close + 2..])
    } else {
        starts_note(in_bold)
    };
    labelled.then(|| heading_role(&mentions[..1]))
}

/// A short paragraph that labels the list after it and denies it: "**You will not**",
/// "What this role does not do:". Read in the original text, where the bold marks still are.
fn is_denying_label(context: &Context, block: &super::document::Block) -> bool {
    if block.range.len() > 64 {
        return false;
    }
    let text = context.document.text;
    let text = text[source_line(text, &block.range)].trim();
    if text.len() > 64 || text.contains(". ") {
        return false;
    }
    let bold = (text.starts_with("**") || text.starts_with("__"))
        && text.trim_end_matches(':').ends_with(['*', '_']);
    // "What the job doesn't involve" on a line of its own over a list labels it as a heading
    // would; a sentence ends with a stop.
    let plain_label = text.split_whitespace().count() <= 8 && !text.ends_with(['.', '!', '?']);
    (bold || text.ends_with(':') || plain_label) && lexicon::is_denying_heading(text)
}

/// The longest list item or row header read whole as context for one of its clauses.
const CONTEXT_BLOCK_MAX: usize = 1024;

/// How many blocks back a list item looks for its list's label.
const LIST_LABEL_REACH: usize = 64;

/// The short paragraph that labels the list a list item stands in ("**You'll be measured
/// on**", "Success looks like:"), read as a heading would be.
fn list_label<'doc>(context: &Context<'doc, '_>, block: usize) -> Option<&'doc str> {
    let blocks = &context.document.blocks;
    let heading = blocks[block].heading;
    // Looking back a bounded way: an item far down a long list is read in constant time.
    let label = blocks[..block]
        .iter()
        .rev()
        .take(LIST_LABEL_REACH)
        .take_while(|before| before.heading == heading)
        .find(|before| before.kind != BlockKind::ListItem)?;
    let text = context.document.lintable[label.range.clone()].trim();
    (label.kind == BlockKind::Paragraph && text.len() <= 80 && !text.contains(". ")).then_some(text)
}

/// Does the rule read clauses with this actor?
/// Like `applies`, and a product-role rule also reads a clause of open context in a document
/// about the product roles: "Features are prioritised at the weekly sync" in a charter leaves
/// open which role decides.
fn applies_to_clause(context: &Context, rule: &Rule, clause: &ClauseView) -> bool {
    // A charter with a section for each role speaks of them in its shared sections too.
    let both_sections = context.roles_present.len() == 2;
    let product_role_text = (clause.open_context
        && !context.document_blocked
        && (context.document_role.is_some()
            || !context.subject_roles.is_empty()
            || both_sections))
        // Under a title that names both roles, the post's duties are a product role's.
        || context.both_titled.is_some();
    applies(rule, clause.actor)
        || (rule.applies_to == AppliesTo::ProductRole
            && clause.actor == Actor::Unknown
            && product_role_text)
}

fn applies(rule: &Rule, actor: Actor) -> bool {
    match (rule.applies_to, actor) {
        (AppliesTo::Role(role), Actor::Role(actor_role)) => role == actor_role,
        (AppliesTo::ProductRole, Actor::Role(_)) => true,
        (AppliesTo::Document, _) => true,
        _ => false,
    }
}

fn in_scope(rule: &Rule, clause: &ClauseView) -> bool {
    match rule.scope {
        Scope::Body => !clause.is_heading,
        Scope::Headings => clause.is_heading,
        Scope::All => true,
    }
}

/// Matches of `regex` inside the clause, in clause order, with absolute ranges. A pattern
/// may read up to the clause's end (`$`), through its closing mark; the match never covers
/// that mark or the blanks before it, so that an edit replacing it keeps the sentence whole.
fn matches_in<'a>(
    lintable: &'a str,
    regex: &'a RuleRegex,
    clause: &Range<usize>,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let start = clause.start;
    let text = &lintable[clause.clone()];
    regex.find_iter(text).map(move |found| {
        let kept = text[found.start()..found.end()]
            .trim_end_matches(|character: char| {
                matches!(character, '.' | ';' | '!' | '?') || character.is_ascii_whitespace()
            })
            .len();
        let end = if kept == 0 {
            found.end()
        } else {
            found.start() + kept
        };
        start + found.start()..start + end
    })
}

fn overlaps_exception(
    lintable: &str,
    rule: &Rule,
    clause: &Range<usize>,
    found: &Range<usize>,
) -> bool {
    ExceptionSpans::new(lintable, rule, clause).overlap(found)
}

/// A rule's exception matches in one span of text, read on first use and then kept for each
/// further match of the rule's patterns in that span.
struct ExceptionSpans<'a> {
    lintable: &'a str,
    rule: &'a Rule,
    span: Range<usize>,
    read: std::cell::OnceCell<Vec<Range<usize>>>,
}

impl<'a> ExceptionSpans<'a> {
    fn new(lintable: &'a str, rule: &'a Rule, span: &Range<usize>) -> Self {
        ExceptionSpans {
            lintable,
            rule,
            span: span.clone(),
            read: std::cell::OnceCell::new(),
        }
    }

    /// Does an exception overlap `found`?
    fn overlap(&self, found: &Range<usize>) -> bool {
        let Some(exceptions) = &self.rule.exceptions else {
            return false;
        };
        self.read
            .get_or_init(|| matches_in(self.lintable, exceptions, &self.span).collect())
            .iter()
            .any(|exception| exception.start < found.end && found.start < exception.end)
    }
}

fn actor_role(actor: Actor) -> Option<Role> {
    match actor {
        Actor::Role(role) => Some(role),
        _ => None,
    }
}

/// The claim a clause makes on one object match: the span from the verb to the object.
fn owned_span(
    context: &Context,
    clause: &ClauseView,
    found: &Range<usize>,
    owner: Option<Owner>,
) -> Option<Range<usize>> {
    let lintable = context.lintable();
    let tokens = &clause.tokens(lintable);
    let verb = match clause::governance(tokens, found.start) {
        Governance::Owned { verb } => verb,
        // A bare noun in a list of duties is a duty ("- Market analysis").
        Governance::Ungoverned if is_listed_duty(context, clause, tokens, found) => found.clone(),
        Governance::Ungoverned if label_owned_by_subject(context, clause, found) => found.clone(),
        _ => return None,
    };
    if context.is_negated(tokens, found.start) || clause.negated_section {
        return None;
    }
    // "…owned by the Product Manager", "work with the PO on…": the owner is named, a hand-off.
    if let Some(Owner::Pm | Owner::Po) = owner {
        let owner_role = if owner == Some(Owner::Pm) {
            Role::Pm
        } else {
            Role::Po
        };
        if actor_role(clause.actor) != Some(owner_role)
            && context.names_role_outside_subject(clause, owner_role)
        {
            return None;
        }
    }
    // A passive names its verb after the object ("the vision is defined by you").
    Some(verb.start.min(found.start)..found.end.max(verb.end))
}

/// "**Pricing for new tiers:** Dev decides": a label, and after its colon the person who
/// decides it.
fn label_owned_by_subject(context: &Context, clause: &ClauseView, found: &Range<usize>) -> bool {
    let Some(subject) = clause.subject() else {
        return false;
    };
    let lintable = context.lintable();
    if subject.start < found.end || subject.end > clause.range.end {
        return false;
    }
    let between = &lintable[found.end..subject.start];
    if between.len() > 80 || !between.contains(':') {
        return false;
    }
    // "Roadmap to backlog: Noor prioritises…" names a hand-off between two things, not one
    // that Noor owns.
    let label = &lintable[clause.range.start..found.end + between.find(':').unwrap_or(0)];
    if label.contains(" to ") || label.contains('→') || label.contains("->") {
        return false;
    }
    let mut words = lintable[subject.end..clause.range.end]
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        });
    let verb = words.next().unwrap_or_default();
    // "Acceptance criteria: the PM is accountable".
    lexicon::is_ownership_verb(&verb)
        || (matches!(verb.as_str(), "is" | "are")
            && words
                .next()
                .is_some_and(|word| matches!(word.as_str(), "accountable" | "responsible")))
}

/// Is the object a verbless item in a list of duties? The list must sit under a heading that
/// is not about requirements, skills, benefits or the company.
fn is_listed_duty(
    context: &Context,
    clause: &ClauseView,
    tokens: &[Token],
    found: &Range<usize>,
) -> bool {
    let block = &context.document.blocks[clause.block()];
    let lintable = context.lintable();
    // An activity in a RACI matrix is a duty of whoever is accountable for it; an activity
    // written as a sentence ("Marcus owns the review and shares it at the next sprint
    // review") says itself what its verb governs.
    if clause.raci_activity {
        let before = &tokens[..tokens.partition_point(|token| token.range.start < found.start)];
        return !before
            .iter()
            .any(|token| lexicon::is_ownership_verb(&token.lower))
            && !clause::is_made_into_something(tokens, found.start);
    }
    // A list item, or a cell that describes its row in a table of duties ("Market |
    // Competitive analysis of …"). The item must be that one phrase: "Market research? Not
    // your job: …" is a question.
    let duty_item = match block.kind {
        BlockKind::ListItem => true,
        BlockKind::TableCell => block.table_row_header.is_some(),
        _ => false,
    };
    duty_item
        && lintable[block.range.clone()].trim() == &lintable[clause.range.clone()]
        && match context.heading_text_of_block(clause.block()) {
            Some(heading) => !lexicon::is_non_duty_heading(heading),
            // A plain-text post: the "Responsibilities" line over its bullets stands for a
            // heading.
            None => list_label(context, clause.block())
                .is_some_and(|label| !lexicon::is_non_duty_heading(label)),
        }
        && clause::is_verbless_duty(tokens, found.start)
}

/// Runs the rules that read one clause at a time, clause by clause: a clause's words are
/// read once for every rule that looks at it. Claims come back in rule order, then text
/// order, as the document-level rules expect.
fn run_line_rules(context: &Context, rules: &RuleSet, findings: &mut Vec<Finding>) -> Vec<Claim> {
    // (clause index, rule position), compact: a long document has many.
    let mut work: Vec<(u32, u32)> = Vec::new();
    for (position, rule) in rules.rules.iter().enumerate() {
        if matches!(
            rule.kind,
            MatcherKind::Claim
                | MatcherKind::Phrase
                | MatcherKind::Unqualified
                | MatcherKind::Vague
                | MatcherKind::DoubleOwnership
        ) {
            let position = clause_id(position);
            work.extend(
                context
                    .candidate_indices(position as usize, rule)
                    .iter()
                    .map(|&clause| (clause, position)),
            );
        }
    }
    work.sort_unstable();
    // Clause by clause, in chunks that end at clause boundaries so that a long document is
    // read on several threads; the chunks' results join in text order.
    let pieces = clause_chunks(context.document, context.clauses.len());
    let mut work_chunks: Vec<&[(u32, u32)]> = Vec::with_capacity(pieces.len());
    let mut rest = work.as_slice();
    for piece in &pieces {
        let split = rest.partition_point(|(clause, _)| (*clause as usize) < piece.end);
        let (chunk, after) = rest.split_at(split);
        work_chunks.push(chunk);
        rest = after;
    }
    let run_chunk =
        |chunk: &[(u32, u32)], findings: &mut Vec<Finding>, claims: &mut Vec<(usize, Claim)>| {
            // A worker thread may hold the words of another document's clause.
            forget_last_tokens();
            let mut found_claims = Vec::new();
            for &(clause_index, position) in chunk {
                let position = position as usize;
                let rule = &rules.rules[position];
                let Some(clause) = context.clauses.get(clause_index as usize) else {
                    continue;
                };
                match rule.kind {
                    MatcherKind::Claim => {
                        claim_in_clause(context, rule, clause, findings, &mut found_claims)
                    }
                    MatcherKind::Phrase => phrase_in_clause(context, rule, clause, findings),
                    MatcherKind::Unqualified => {
                        unqualified_in_clause(context, rule, clause, findings, &mut found_claims)
                    }
                    MatcherKind::Vague => vague_in_clause(context, rule, clause, findings),
                    MatcherKind::DoubleOwnership => {
                        double_ownership_in_clause(context, rule, clause, findings)
                    }
                    _ => {}
                }
                claims.extend(found_claims.drain(..).map(|claim| (position, claim)));
            }
            forget_last_tokens();
        };
    let mut claims: Vec<(usize, Claim)> = Vec::new();
    if work_chunks.len() > 1 {
        let results: Vec<ChunkResult> = work_chunks
            .into_par_iter()
            .map(|chunk| {
                let mut chunk_findings = Vec::new();
                let mut chunk_claims = Vec::new();
                run_chunk(chunk, &mut chunk_findings, &mut chunk_claims);
                (chunk_findings, chunk_claims)
            })
            .collect();
        for (chunk_findings, chunk_claims) in results {
            findings.extend(chunk_findings);
            claims.extend(chunk_claims);
        }
    } else {
        // One chunk writes straight into the lists: no second copy of a long document's
        // findings.
        for chunk in work_chunks {
            run_chunk(chunk, findings, &mut claims);
        }
    }
    // By rule, then in text order: a rule's claims in one clause never share a start.
    claims
        .sort_unstable_by_key(|(position, claim)| (*position, claim.range.start, claim.range.end));
    claims.into_iter().map(|(_, claim)| claim).collect()
}

/// The findings and the (rule position, claim) pairs of one chunk of clauses.
type ChunkResult = (Vec<Finding>, Vec<(usize, Claim)>);

/// A clause index or rule position in the compact form the work lists keep. A document has
/// fewer clauses than bytes, and no text near 4 GiB is read whole.
fn clause_id(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Documents shorter than this are read on one thread: splitting costs more than it saves.
/// From here up, an editor's re-read after each edit gains from a second core (107 KB:
/// a quarter less latency).
const PARALLEL_MIN_BYTES: usize = 32 * 1024;

/// How many chunks to read a document in: one for a short document or a one-thread pool,
/// else a few per thread so that threads that finish early take more.
fn chunk_count(document: &Document) -> usize {
    let threads = rayon::current_num_threads();
    if document.text.len() < PARALLEL_MIN_BYTES || threads < 2 {
        1
    } else {
        (threads * 4).min(document.text.len() / (PARALLEL_MIN_BYTES / 4))
    }
}

/// Splits the clauses into [`chunk_count`] consecutive chunks.
fn clause_chunks(document: &Document, clause_count: usize) -> Vec<Range<usize>> {
    let count = chunk_count(document).clamp(1, clause_count.max(1));
    let size = clause_count.div_ceil(count).max(1);
    (0..count)
        .map(|chunk| (chunk * size).min(clause_count)..((chunk + 1) * size).min(clause_count))
        .filter(|chunk| !chunk.is_empty() || clause_count == 0)
        .collect()
}

fn claim_in_clause(
    context: &Context,
    rule: &Rule,
    clause: &ClauseView,
    findings: &mut Vec<Finding>,
    claims: &mut Vec<Claim>,
) {
    let lintable = context.lintable();
    let owner_role = match rule.owner {
        Some(Owner::Pm) => Some(Role::Pm),
        Some(Owner::Po) => Some(Role::Po),
        _ => None,
    };
    if clause.is_heading {
        return;
    }
    // Under a title that names both roles, a duty with no other owner is the owner's
    // own: a claim that only says which job the post holds, never a finding.
    let title_claim = clause.actor == Actor::Unknown && context.both_titled.is_some();
    let Some(actor) = actor_role(clause.actor).or(if title_claim { owner_role } else { None })
    else {
        return;
    };
    let is_problem = !title_claim && applies(rule, clause.actor);
    // The same objects in the owner's own context are healthy claims, kept for outlines.
    if !is_problem && Some(actor) != owner_role {
        return;
    }
    let mut spans: Vec<Range<usize>> = Vec::new();
    // Spans read from a passive ("the vision is defined by you") or a verbless duty start at
    // the object, and spans led by a noun of ownership ("responsibility for …") have no verb,
    // so a "verb + object" rewrite does not fit them.
    let mut passive_spans: Vec<Range<usize>> = Vec::new();
    let exceptions = ExceptionSpans::new(lintable, rule, &clause.range);
    if let Some(objects) = &rule.objects {
        for found in matches_in(lintable, objects, &clause.range) {
            if exceptions.overlap(&found) {
                continue;
            }
            if let Some(span) = owned_span(context, clause, &found, rule.owner) {
                if span.start == found.start || starts_with_holder(&lintable[span.clone()]) {
                    passive_spans.push(span.clone());
                }
                spans.push(span);
            }
        }
    }
    if let Some(patterns) = &rule.patterns {
        for found in matches_in(lintable, patterns, &clause.range) {
            if exceptions.overlap(&found)
                || !is_stated(context, clause, &found, rule.owner, Help::Contributes)
            {
                continue;
            }
            if !reads_as_verb_phrase(&lintable[found.clone()]) {
                passive_spans.push(found.clone());
            }
            spans.push(found);
        }
    }
    let Some(span) = spans.into_iter().min_by_key(|span| span.start) else {
        return;
    };
    if let (Some(responsibility), Some(owner)) = (&rule.responsibility, rule.owner) {
        claims.push(Claim {
            range: span.clone(),
            role: actor,
            responsibility: responsibility.clone(),
            owner,
        });
    }
    if is_problem {
        let mut finding = make_finding(context, rule, span.clone(), Some(actor));
        if passive_spans.contains(&span) {
            for suggestion in &mut finding.suggestions {
                suggestion.edits.clear();
                suggestion.safe = false;
            }
        }
        findings.push(finding);
    }
}

/// Does the span open with a noun or adjective of ownership ("Responsibility for the
/// strategy", "decision-maker for the roadmap", "[final] say on pricing")? A "verb + object"
/// rewrite does not fit it.
fn starts_with_holder(span: &str) -> bool {
    let first = span.split_whitespace().next().unwrap_or("");
    // Words are short; a long one is no holder, and needs no lower-case copy.
    if first.len() > 32 {
        return false;
    }
    let first = first.to_ascii_lowercase();
    (lexicon::is_ownership_holder(&first) && !lexicon::is_ownership_verb(&first))
        || first == "say"
        || clause::opens_on_nominal_holder(&span.split_whitespace().take(4).collect::<Vec<_>>())
}

/// Does a matched phrase read as "verb + object", so that a rewrite of that shape fits it?
/// A label and its value ("Tickets for the squad: written by you"), a passive ("… drafted by
/// you") or a noun of ownership ("responsibility for …") does not.
fn reads_as_verb_phrase(span: &str) -> bool {
    let passive_by_you = span
        .as_bytes()
        .windows(7)
        .any(|window| window.eq_ignore_ascii_case(b" by you"));
    !(span.contains(':') || passive_by_you || starts_with_holder(span))
}

/// How a phrase after "help", "support" or "work with" reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Help {
    /// "Help define the vision" is a contribution, not ownership.
    Contributes,
    /// "Helps manage the product" is as vague as managing it.
    Counts,
}

/// Is a phrase stated for the clause's actor: not denied, not a contribution (unless `help`
/// counts), not handed to the role that owns it?
fn is_stated(
    context: &Context,
    clause: &ClauseView,
    found: &Range<usize>,
    owner: Option<Owner>,
    help: Help,
) -> bool {
    let tokens = &clause.tokens(context.lintable());
    if clause.negated_section
        || context.is_negated(tokens, found.start)
        || (help == Help::Contributes && clause::collaboration_before(tokens, found.start))
        || clause::is_other_persons_verb(tokens, found.start)
    {
        return false;
    }
    let Some(actor) = actor_role(clause.actor) else {
        return true;
    };
    let handed_to = match owner {
        Some(Owner::Pm) => Some(Role::Pm),
        Some(Owner::Po) => Some(Role::Po),
        _ => Some(actor.other()),
    };
    handed_to.is_none_or(|role| role == actor || !context.names_role_outside_subject(clause, role))
}

/// Document-wide phrases (titles) also read a front-matter title, which is not lintable.
fn phrase_in_title(context: &Context, rule: &Rule, findings: &mut Vec<Finding>) {
    let Some(patterns) = &rule.patterns else {
        return;
    };
    if rule.applies_to == AppliesTo::Document
        && rule.scope != Scope::Body
        && let (Some(title), None) = (&context.document.title, context.document.title_heading)
        && let Some(found) = patterns.find(&context.document.text[title.clone()])
    {
        let span = title.start + found.start()..title.start + found.end();
        findings.push(make_finding(context, rule, span, None));
    }
}

fn phrase_in_clause(
    context: &Context,
    rule: &Rule,
    clause: &ClauseView,
    findings: &mut Vec<Finding>,
) {
    let lintable = context.lintable();
    let Some(patterns) = &rule.patterns else {
        return;
    };
    if !in_scope(rule, clause) || !applies(rule, clause.actor) {
        return;
    }
    let exceptions = ExceptionSpans::new(lintable, rule, &clause.range);
    for found in matches_in(lintable, patterns, &clause.range) {
        if exceptions.overlap(&found) {
            continue;
        }
        // Whom a role serves is said through the work done with them: "present progress to
        // the CCO and sales heads, who are your primary stakeholders" states them all the same.
        let help = if rule.class == FindingClass::StakeholderMismatch {
            Help::Counts
        } else {
            Help::Contributes
        };
        if rule.applies_to != AppliesTo::Document
            && !is_stated(context, clause, &found, rule.owner, help)
        {
            continue;
        }
        if let Some(requires) = &rule.requires {
            // Cheapest first; the block is read only when the clause and heading say nothing.
            let in_clause = requires.is_match(&lintable[clause.range.clone()]);
            let in_heading = || {
                context
                    .heading_text_of_block(clause.block())
                    .is_some_and(|heading| requires.is_match(heading))
            };
            // A table cell reads its row's header ("Impact measured by | … | Revenue"), and a
            // list item its other sentences ("What will you be judged on? Velocity.").
            // Only short ones: a long item is read per clause, and rereading it whole for
            // each of its clauses would be quadratic.
            let block = &context.document.blocks[clause.block()];
            let in_block = || match block.kind {
                // A goal sheet's "Measure" column says the same of each cell under it.
                BlockKind::TableCell => [&block.table_row_header, &block.table_column_header]
                    .into_iter()
                    .any(|header| {
                        header.as_deref().is_some_and(|header| {
                            header.len() <= CONTEXT_BLOCK_MAX
                                && requires.is_match(&lintable[header.clone()])
                        })
                    }),
                BlockKind::ListItem => {
                    (block.range.len() <= CONTEXT_BLOCK_MAX
                        && requires.is_match(&lintable[block.range.clone()]))
                        || list_label(context, clause.block())
                            .is_some_and(|label| requires.is_match(label))
                }
                // A paragraph's sentence: "we'll look at velocity, as the main sign that
                // you're doing well".
                // An answer reads its question too: "How do you measure a PM's success?
                // Mostly by velocity."
                BlockKind::Paragraph => {
                    block.range.len() <= CONTEXT_BLOCK_MAX && {
                        let sentences = clause::split_sentences(lintable, block.range.clone());
                        sentences
                            .iter()
                            .position(|sentence| sentence.contains(&clause.range.start))
                            .is_some_and(|index| {
                                requires.is_match(&lintable[sentences[index].clone()])
                                    || index.checked_sub(1).is_some_and(|previous| {
                                        let question = &lintable[sentences[previous].clone()];
                                        question.trim_end().ends_with('?')
                                            && requires.is_match(question)
                                    })
                            })
                    }
                }
                _ => false,
            };
            // A goal sheet or a promotion case says so once, in its title ("H2 Objectives —
            // Senior Product Manager", "Promotion rubric").
            let in_title = || {
                context.title.as_ref().is_some_and(|title| {
                    title.len() <= CONTEXT_BLOCK_MAX && requires.is_match(&lintable[title.clone()])
                })
            };
            if !in_clause && !in_heading() && !in_block() && !in_title() {
                continue;
            }
        }
        findings.push(make_finding(context, rule, found, actor_role(clause.actor)));
        break;
    }
}

fn unqualified_in_clause(
    context: &Context,
    rule: &Rule,
    clause: &ClauseView,
    findings: &mut Vec<Finding>,
    claims: &mut Vec<Claim>,
) {
    let lintable = context.lintable();
    let Some(patterns) = &rule.patterns else {
        return;
    };
    // "Both prioritise features" leaves the level as open as one role saying it.
    let both = clause.actor == Actor::Both;
    if clause.is_heading || !(both || applies_to_clause(context, rule, clause)) {
        return;
    }
    let exceptions = ExceptionSpans::new(lintable, rule, &clause.range);
    let mut spans: Vec<Range<usize>> = matches_in(lintable, patterns, &clause.range).collect();
    // "| Release dates | Product Owner |": a decision table's activity is its owner's, with
    // no verb to say so.
    if clause.raci_activity
        && let Some(objects) = &rule.objects
    {
        let tokens = clause.tokens(lintable);
        for found in matches_in(lintable, objects, &clause.range) {
            if clause::is_made_into_something(&tokens, found.start) {
                continue;
            }
            if !spans
                .iter()
                .any(|span| span.start < found.end && found.start < span.end)
            {
                spans.push(found);
            }
        }
        spans.sort_by_key(|span| span.start);
    }
    for found in spans {
        if exceptions.overlap(&found)
            || !is_stated(context, clause, &found, rule.owner, Help::Contributes)
        {
            continue;
        }
        let window_start = lintable.floor_char_boundary(
            found
                .start
                .saturating_sub(QUALIFIER_WINDOW)
                .max(clause.range.start),
        );
        let window_end =
            lintable.ceil_char_boundary((found.end + QUALIFIER_WINDOW).min(clause.range.end));
        let qualified = rule.qualifiers.as_ref().is_some_and(|qualifiers| {
            qualifiers.is_match(&lintable[window_start..window_end])
                || row_cells_qualify(context, clause, &found, qualifiers)
        });
        if let (Some(responsibility), Some(role)) = (&rule.responsibility, actor_role(clause.actor))
        {
            claims.push(Claim {
                range: found.clone(),
                role,
                responsibility: responsibility.clone(),
                owner: Owner::Shared,
            });
        }
        if !qualified {
            findings.push(make_finding(context, rule, found, actor_role(clause.actor)));
            // Every occurrence gets its own finding, so that each gets its own fix.
        }
    }
}

/// "| Feature prioritisation | Across the roadmap, quarter by quarter | Within the backlog |":
/// a duty that heads a table row is qualified by the cells beside it.
fn row_cells_qualify(
    context: &Context,
    clause: &ClauseView,
    found: &Range<usize>,
    qualifiers: &RuleRegex,
) -> bool {
    let block = &context.document.blocks[clause.block()];
    // Only a duty named in a few words heads such a row ("Launch dates for new benefits"); a
    // longer first cell, or one that names a role, is an action of its own ("PO to prioritise
    // requests better | Marta | next sprint").
    let words = context.lintable()[clause.range.clone()]
        .split_whitespace()
        .count();
    if block.kind != BlockKind::TableCell
        || block.table_row_header.is_some()
        || words > 6
        || (words > 4 && !context.mentions_in(&clause.range).is_empty())
    {
        return false;
    }
    let row = source_line(context.lintable(), found);
    row.len() <= 2048 && qualifiers.is_match(&context.lintable()[row])
}

/// A document about one role that calls its reader by the other role's title.
fn run_title_conflict(
    context: &Context,
    position: usize,
    rule: &Rule,
    findings: &mut Vec<Finding>,
) {
    let AppliesTo::Role(role) = rule.applies_to else {
        return;
    };
    let Some(patterns) = &rule.patterns else {
        return;
    };
    if context
        .document_role
        .is_some_and(|document_role| document_role != role)
    {
        return;
    }
    let lintable = context.lintable();
    // A text about no one role ("Product roles at Brightwell") still says it of a role
    // that is the clause's subject: "our Product Owners are still listed as …".
    for clause in context.candidates(position, rule).filter(|clause| {
        !clause.is_heading && (context.document_role.is_some() || clause.actor == Actor::Role(role))
    }) {
        let exceptions = ExceptionSpans::new(lintable, rule, &clause.range);
        let Some(found) =
            matches_in(lintable, patterns, &clause.range).find(|found| !exceptions.overlap(found))
        else {
            continue;
        };
        // Without a document role the clause must name the role itself ("As a PM, I…" in a
        // text by someone who has been both is no retitling), and "as the Product Manager"
        // after a name or a move names a role held ("Maria as our Product Owner and Tom as
        // the Product Manager", "a Senior PO who moves over starts as a Product Manager").
        if context.document_role.is_none()
            && (holds_role_as(lintable, &clause.range, &found)
                || !context
                    .mentions_in(&clause.range)
                    .iter()
                    .any(|mention| mention.kind == MentionKind::Product(role)))
        {
            continue;
        }
        // Only a denial up to the address counts: "As our Product Manager, you will sit
        // with the firmware team" places the reader, and denies nothing.
        let tokens = clause.tokens(lintable);
        let addressed = tokens.partition_point(|token| token.range.start < found.end);
        if !context.is_negated(&tokens[..addressed], found.start) {
            findings.push(make_finding(context, rule, found, Some(role)));
            return;
        }
    }
}

fn vague_in_clause(
    context: &Context,
    rule: &Rule,
    clause: &ClauseView,
    findings: &mut Vec<Finding>,
) {
    let lintable = context.lintable();
    // Lines are read in the lintable copy: it keeps every newline where the text has it, and
    // its offsets are the ones the patterns found.
    let text = lintable;
    let Some(patterns) = &rule.patterns else {
        return;
    };
    if clause.is_heading || !applies_to_clause(context, rule, clause) {
        return;
    }
    let exceptions = ExceptionSpans::new(lintable, rule, &clause.range);
    for found in matches_in(lintable, patterns, &clause.range) {
        if exceptions.overlap(&found) || !is_stated(context, clause, &found, None, Help::Counts) {
            continue;
        }
        // Concrete work on the same line or the next one makes the phrase a summary.
        let line_start = text[..found.start].rfind('\n').map_or(0, |index| index + 1);
        let line_end = text[found.end..]
            .find('\n')
            .map_or(text.len(), |index| found.end + index);
        let next_end = text[(line_end + 1).min(text.len())..]
            .find('\n')
            .map_or(text.len(), |index| line_end + 1 + index);
        // A table row's other cells and the next row are other columns and other duties; so
        // is the next item of a list, unless this item leads into it with a colon.
        let block = &context.document.blocks[clause.block()];
        let leads_on = lintable[block.range.clone()].trim_end().ends_with(':');
        // An earlier sentence on the line ("The squad builds the query engine behind
        // customer dashboards. As Product Owner you manage the product.") says what the team
        // does, not what the role owns.
        let sentence_start = text[line_start..clause.range.start.max(line_start)]
            .rfind(['.', '?', '!'])
            .map_or(line_start, |stop| line_start + stop + 1);
        let nearby = if block.kind == BlockKind::TableCell
            || (block.kind == BlockKind::ListItem && !leads_on)
        {
            block.range.clone()
        } else {
            sentence_start..next_end.max(line_end)
        };
        // The phrase's own words ("the success of the discovery product") name no work.
        let around = [
            nearby.start..found.start.max(nearby.start),
            found.end.min(nearby.end)..nearby.end,
        ];
        let concrete = rule.qualifiers.as_ref().is_some_and(|qualifiers| {
            around
                .iter()
                .any(|part| !part.is_empty() && qualifiers.is_match(&lintable[part.clone()]))
        });
        if !concrete {
            findings.push(make_finding(context, rule, found, actor_role(clause.actor)));
            break;
        }
    }
}

fn double_ownership_in_clause(
    context: &Context,
    rule: &Rule,
    clause: &ClauseView,
    findings: &mut Vec<Finding>,
) {
    let lintable = context.lintable();
    let Some(patterns) = &rule.patterns else {
        return;
    };
    if clause.is_heading {
        return;
    }
    // "Owns the roadmap jointly with the Product Owners", "… together with Amara": one role,
    // and the other named right after the joining words. Where they stand: the object must
    // come before them.
    let jointly: Option<usize> = match clause.actor {
        Actor::Role(role) => joint_owner_at(context, clause, role.other()),
        _ => None,
    };
    // "Acceptance criteria: neither the PM nor the PO writes them": the label before the
    // colon is what nobody owns.
    if jointly.is_none() && !matches!(clause.actor, Actor::Both | Actor::Nobody) {
        let text = &lintable[clause.range.clone()];
        if let Some(colon) = label_owned_by_nobody(text)
            && let Some(found) = matches_in(lintable, patterns, &clause.range)
                .find(|found| found.end <= clause.range.start + colon)
        {
            findings.push(make_finding(
                context,
                rule,
                clause.range.start..found.end,
                None,
            ));
        }
        return;
    }
    // "Neither role writes the other's artefact": each keeps its own.
    if clause.actor == Actor::Nobody {
        let text = &lintable[clause.range.clone()];
        if text.contains("other's") || text.contains("other’s") {
            return;
        }
    }
    let tokens = &clause.tokens(lintable);
    let exceptions = ExceptionSpans::new(lintable, rule, &clause.range);
    for found in matches_in(lintable, patterns, &clause.range) {
        if exceptions.overlap(&found) || jointly.is_some_and(|joint| found.end > joint) {
            continue;
        }
        // A subject read from a passive's agent ("… owned jointly by Priya and Tom") comes
        // after the object, and its verb is one of ownership.
        let agent_after = clause
            .subject()
            .is_some_and(|subject| subject.start >= found.end);
        // "Both Olu and Marta accept or reject finished increments", "Mara and Jonas both sign
        // off stories": the phrase opens with the deciding verb itself.
        let own_verb = matches!(clause.actor, Actor::Both | Actor::Nobody)
            && matches!(
                first_word(&lintable[found.clone()])
                    .to_ascii_lowercase()
                    .as_str(),
                "accept" | "accepts" | "sign" | "signs"
            );
        let owned = clause.raci_activity
            || agent_after
            || own_verb
            || matches!(
                clause::governance(tokens, found.start),
                Governance::Owned { .. }
            );
        // "Nobody owns the backlog" is a finding because of the negation, not despite it.
        let denied_by_subject =
            clause.actor == Actor::Nobody && !owner_named_next(context, clause, found.end);
        // "… belongs to Katrin and Tobias jointly": the predicate that names both agents is
        // no denial.
        let given_to_both = agent_after
            && clause.actor == Actor::Both
            && tokens.iter().any(|token| {
                matches!(
                    token.lower.as_str(),
                    "jointly" | "together" | "equally" | "both" | "shared"
                )
            });
        if owned && (denied_by_subject || given_to_both || !context.is_negated(tokens, found.start))
        {
            let start = clause
                .subject()
                .map_or(clause.range.start, |subject| subject.start.min(found.start));
            let start = tokens
                .first()
                .map_or(start, |first| first.range.start.min(start));
            findings.push(make_finding(context, rule, start..found.end, None));
            break;
        }
    }
}

/// "Neither of you owns the roadmap: that belongs to the Product Manager", "No PO sets the
/// vision; the PM does": the rest of the sentence names the owner, so the thing is owned,
/// only not by those the clause speaks of.
fn owner_named_next(context: &Context, clause: &ClauseView, after: usize) -> bool {
    static OWNER: OnceLock<Option<Regex>> = OnceLock::new();
    let lintable = context.lintable();
    let block = &context.document.blocks[clause.block()];
    let rest_start = after.min(block.range.end);
    let rest = &lintable[rest_start..block.range.end];
    let rest = &rest[..rest.find(['.', '!', '?', '\n']).unwrap_or(rest.len())];
    if rest.len() > 160 {
        return false;
    }
    let Some(owner) = OWNER
        .get_or_init(|| {
            Regex::new(
                r"(?i)^[\s,;:—–-]*(?:(?:that|this|it|they|those|these|which)(?:['’]s|\s+is|\s+are)?\s+)?(?:(?:belongs?|falls?)\s+to|(?:is\s+|are\s+)?owned\s+by|(?:sits?|lies|rests?|stays?)\s+with|(?:is\s+)?(?:the\s+)?(?:job|call|remit|domain)\s+of|(?:is\s+|are\s+)?(?:up\s+to|for))\s+(?:the\s+|our\s+|your\s+)?$",
            )
            .ok()
        })
        .as_ref()
    else {
        return false;
    };
    let range = rest_start..rest_start + rest.len();
    context.mentions_in(&range).iter().any(|mention| {
        matches!(mention.kind, MentionKind::Product(_))
            && (owner.is_match(&lintable[rest_start..mention.range.start])
                || matches!(
                    first_word(lintable[mention.range.end..range.end].trim_start())
                        .to_ascii_lowercase()
                        .as_str(),
                    "does" | "do" | "owns" | "own" | "holds" | "sets" | "decides"
                ))
            && lintable[rest_start..mention.range.start]
                .trim_start_matches([' ', ',', ';', ':', '—', '–', '-'])
                .split_whitespace()
                .count()
                <= 6
    })
}

/// How far back a clause that says nobody owns "them" looks for what it speaks of (bytes).
const NOBODY_LOOKBACK: usize = 300;

/// "**Release dates.** The PM assumes the PO sets them … For now nobody owns them", "| Definition
/// of done | Neither product role |": a clause saying that nobody owns it, with the thing named
/// earlier in its paragraph or in its table row. Clauses whose own words name it are read by
/// the line rules.
fn nobody_owns_what_came_before(context: &Context, rule: &Rule, findings: &mut Vec<Finding>) {
    let Some(patterns) = &rule.patterns else {
        return;
    };
    let lintable = context.lintable();
    // This rule's findings so far, by range, sorted: a long document has many, and each clause
    // here looks for an overlap in logarithmic time.
    let mut reported: Vec<Range<usize>> = findings
        .iter()
        .filter(|finding| finding.rule == rule.id)
        .map(|finding| finding.range.clone())
        .collect();
    reported.sort_by_key(|range| range.start);
    let overlaps_reported = |found: &Range<usize>| {
        let after = reported.partition_point(|range| range.start < found.end);
        reported[..after]
            .iter()
            .rev()
            .take_while(|range| range.start + CONTEXT_BLOCK_MAX > found.start)
            .any(|range| found.start < range.end)
    };
    let mut added = Vec::new();
    for clause in context
        .clauses
        .iter()
        .filter(|clause| clause.actor == Actor::Nobody && !clause.is_heading)
    {
        let block = &context.document.blocks[clause.block()];
        let in_row = block.table_row_header.as_deref();
        let points_back = lintable[clause.range.clone()]
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| matches!(word, "them" | "it" | "this" | "these" | "those"));
        if (in_row.is_none() && !points_back)
            || matches_in(lintable, patterns, &clause.range)
                .next()
                .is_some()
        {
            continue;
        }
        let earlier = match in_row {
            Some(row) => row.clone(),
            None => {
                lintable.floor_char_boundary(
                    clause
                        .range
                        .start
                        .saturating_sub(NOBODY_LOOKBACK)
                        .max(block.range.start),
                )..clause.range.start
            }
        };
        let exceptions = ExceptionSpans::new(lintable, rule, &earlier);
        let Some(found) = matches_in(lintable, patterns, &earlier)
            .filter(|found| !exceptions.overlap(found))
            .last()
        else {
            continue;
        };
        // Clauses come in text order: a repeat of what they speak of is the last one added.
        if !overlaps_reported(&found) && added.last() != Some(&found) {
            added.push(found);
        }
    }
    findings.extend(
        added
            .into_iter()
            .map(|found| make_finding(context, rule, found, None)),
    );
}

/// Where "jointly with", "together with" or "alongside" starts in a clause, when the words
/// right after it name the other role ("the Product Owner", a holder such as "Amara").
fn joint_owner_at(context: &Context, clause: &ClauseView, other: Role) -> Option<usize> {
    let lintable = context.lintable();
    let text = &lintable[clause.range.clone()];
    let mentions = context.mentions_in(&clause.range);
    // Read for every clause that may claim something twice: the searchers are built once.
    static JOINTS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| {
            [" jointly with ", " together with ", " alongside "]
                .map(|joint| memchr::memmem::Finder::new(joint.as_bytes()))
        });
    JOINTS
        .iter()
        .filter_map(|joint| {
            joint
                .find(text.as_bytes())
                .map(|at| (at, joint.needle().len()))
        })
        .find_map(|(at, length)| {
            let after = clause.range.start + at + length;
            let named = mentions.iter().any(|mention| {
                mention.kind == MentionKind::Product(other) && mention.range.start >= after && {
                    // "the Product Owner", "the squad POs": a determiner and one word.
                    let words: Vec<&str> = lintable[after..mention.range.start]
                        .split_whitespace()
                        .collect();
                    words.len() <= 2
                        && words
                            .iter()
                            .all(|word| word.chars().all(char::is_lowercase))
                }
            });
            named.then_some(clause.range.start + at)
        })
}

/// Where the colon stands in "Release dates: nobody is responsible for setting them" or
/// "Acceptance criteria: neither Priya nor Oskar writes them", a label that the rest of the
/// clause says nobody owns.
fn label_owned_by_nobody(clause: &str) -> Option<usize> {
    let colon = clause.find(": ")?;
    let rest = clause[colon + 2..].trim_start();
    // "Acceptance criteria: at the moment neither Cathal nor Aoife writes them".
    let rest = [
        "at the moment ",
        "for now ",
        "right now ",
        "currently ",
        "today ",
        // "Release dates: honestly, nobody owns these".
        "honestly, ",
        "frankly, ",
        "in practice, ",
        "so far, ",
    ]
    .iter()
    .find_map(|lead| {
        rest.get(..lead.len())
            .filter(|start| start.eq_ignore_ascii_case(lead))
            .map(|_| &rest[lead.len()..])
    })
    .unwrap_or(rest);
    let starts_with =
        |word: &str| lexicon::starts_with_ignoring_case(rest.as_bytes(), word.as_bytes());
    // "Release dates: not yet assigned to anyone", "Release dates: unassigned".
    if [
        "not yet assigned",
        "unassigned",
        "not assigned",
        "no owner",
        "nobody yet",
    ]
    .iter()
    .any(|word| starts_with(word))
    {
        return Some(colon);
    }
    // The cheap test first: most labels are not followed by "nobody".
    if !["neither ", "nobody ", "no one ", "no-one "]
        .iter()
        .any(|word| starts_with(word))
    {
        return None;
    }
    let owned = rest
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_ascii_lowercase)
        .any(|word| {
            lexicon::is_ownership_verb(&word)
                || matches!(word.as_str(), "responsible" | "accountable")
        });
    owned.then_some(colon)
}

fn run_declared_combination(
    context: &Context,
    position: usize,
    rule: &Rule,
    findings: &mut Vec<Finding>,
) {
    let lintable = context.lintable();
    let Some(patterns) = &rule.patterns else {
        return;
    };
    let title_text = match (&context.document.title, context.document.title_heading) {
        (Some(title), None) => Some(title.clone()),
        _ => None,
    };
    let mut places: Vec<Range<usize>> = Vec::new();
    if let Some(title) = title_text
        && let Some(found) = patterns.find(&context.document.text[title.clone()])
    {
        places.push(title.start + found.start()..title.start + found.end());
    }
    // A declaration may run across a clause break ("is our Product Manager and sits with the
    // engineers as their Product Owner"), where no single clause holds it: the blocks of the
    // candidate clauses are read whole, and so is each block that names both roles.
    let mut blocks: Vec<usize> = context
        .candidates(position, rule)
        .map(|clause| clause.block())
        .collect();
    blocks.extend(
        context
            .document
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, block)| {
                let mentions = context.mentions_in(&block.range);
                [Role::Pm, Role::Po].iter().all(|role| {
                    mentions
                        .iter()
                        .any(|mention| mention.kind == MentionKind::Product(*role))
                })
            })
            .map(|(index, _)| index),
    );
    blocks.sort_unstable();
    blocks.dedup();
    'blocks: for block_index in blocks {
        if !places.is_empty() {
            break;
        }
        let block = &context.document.blocks[block_index].range;
        let exceptions = ExceptionSpans::new(lintable, rule, block);
        for found in matches_in(lintable, patterns, block) {
            // Only where a clause is read: a quoted line not to write declares nothing.
            let Some(start) = context
                .clause_index_at(found.start)
                .map(|index| &context.clauses[index])
            else {
                continue;
            };
            let tokens = &start.tokens(lintable);
            // "We chose not to split the roles: here the PM also acts as the PO" declares;
            // a denial before a comma or colon does not reach the declaration after it. The
            // declaration's own words are no denial ("sits with the engineers as their PO").
            let before = tokens.partition_point(|token| token.range.start < found.start);
            let own_part = tokens[..before]
                .iter()
                .rposition(|token| token.after_comma)
                .unwrap_or(0);
            if !context.is_negated(&tokens[own_part..before], found.start)
                && !exceptions.overlap(&found)
                && !is_question(lintable, found.end)
            {
                places.push(found);
                continue 'blocks;
            }
        }
    }
    if let Some(place) = places.into_iter().next() {
        findings.push(make_finding(context, rule, place, context.document_role));
    }
}

/// Is the match a role held "as" one, by a name or after a move: "Tom as the Product
/// Manager", "starts as a Product Manager", or opening the clause ("As a PM, I…")? Not an
/// apposition: "Camilo, as the team's product manager, …".
fn holds_role_as(lintable: &str, clause: &Range<usize>, found: &Range<usize>) -> bool {
    if !lintable[found.clone()]
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case("as "))
    {
        return false;
    }
    let before = lintable[clause.start..found.start].trim_end();
    // "Camilo, as the team's product manager, signs off…": an apposition gives the title.
    if before.ends_with(',') {
        return false;
    }
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.is_empty()
        || word.starts_with(char::is_uppercase)
        || matches!(
            word,
            "start"
                | "starts"
                | "started"
                | "begin"
                | "begins"
                | "began"
                | "join"
                | "joins"
                | "joined"
                | "move"
                | "moves"
                | "moved"
                | "promoted"
                | "hired"
                | "appointed"
        )
}

/// "Lena is our Product Owner" and later "ask Lena, our Product Manager": one person under
/// two titles. The later title is the finding, unless it stands in a line quoted as an
/// example or an exception covers its clause ("before she became our PO, Lena was the
/// Product Manager").
fn run_person_titled_twice(context: &Context, rule: &Rule, findings: &mut Vec<Finding>) {
    let lintable = context.lintable();
    for retitled in &context.retitled {
        let Some(clause) = context
            .clause_index_at(retitled.title.start)
            .map(|index| &context.clauses[index])
        else {
            continue;
        };
        if overlaps_exception(lintable, rule, &clause.range, &clause.range) {
            continue;
        }
        findings.push(make_finding(
            context,
            rule,
            retitled.title.clone(),
            Some(retitled.role),
        ));
    }
}

/// Does the sentence that goes on at `from` end with a question mark? "Can one person be both
/// PM and PO?" asks; it declares nothing.
fn is_question(lintable: &str, from: usize) -> bool {
    let end = lintable.ceil_char_boundary((from + 300).min(lintable.len()));
    lintable
        .get(from..end)
        .and_then(|rest| rest.find(['.', '!', '?', '\n']))
        .is_some_and(|mark| lintable[from + mark..].starts_with('?'))
}

/// A document about one role, with no section or subject of the other role.
fn single_role(context: &Context, rule: &Rule) -> Option<Role> {
    let role = context.document_role?;
    if let AppliesTo::Role(applies_to) = rule.applies_to
        && applies_to != role
    {
        return None;
    }
    (!context.roles_present.contains(&role.other())).then_some(role)
}

fn title_span(context: &Context) -> Range<usize> {
    if let Some((_, heading)) = subtitle(context) {
        return context.document.headings[heading].range.clone();
    }
    context.document.title.clone().unwrap_or_else(|| {
        let first_line_end = context
            .document
            .text
            .find('\n')
            .unwrap_or(context.document.text.len());
        0..first_line_end
    })
}

fn run_missing_core(context: &Context, rule: &Rule, findings: &mut Vec<Finding>) {
    let Some(role) = single_role(context, rule) else {
        return;
    };
    let Some(patterns) = &rule.patterns else {
        return;
    };
    let lintable = context.lintable();
    // "Medical, dental and vision cover" names no vision of the product: a core word that an
    // exception covers does not count. Exceptions are read around each word only.
    let counts = |found: &Range<usize>| {
        let window = lintable.floor_char_boundary(found.start.saturating_sub(CORE_EXCEPTION_REACH))
            ..lintable.ceil_char_boundary((found.end + CORE_EXCEPTION_REACH).min(lintable.len()));
        !overlaps_exception(lintable, rule, &window, found)
    };
    if matches_in(lintable, patterns, &(0..lintable.len())).any(|found| counts(&found)) {
        return;
    }
    findings.push(make_finding(context, rule, title_span(context), Some(role)));
}

/// How far around a core word an exception is looked for (bytes).
const CORE_EXCEPTION_REACH: usize = 48;

fn run_undeclared_combination(
    context: &Context,
    rule: &Rule,
    claims: &[Claim],
    findings: &mut Vec<Finding>,
) {
    if let Some(role) = context.both_titled {
        run_both_titled_combination(context, rule, role, claims, findings);
        return;
    }
    let Some(role) = single_role(context, rule) else {
        return;
    };
    let other_owner = if role == Role::Pm {
        Owner::Po
    } else {
        Owner::Pm
    };
    let mut crossed: BTreeMap<&str, Range<usize>> = BTreeMap::new();
    for claim in claims
        .iter()
        .filter(|claim| claim.role == role && claim.owner == other_owner)
    {
        crossed
            .entry(&*claim.responsibility)
            .or_insert_with(|| claim.range.clone());
    }
    // The title already gives the role its own work; what makes a mix is the other role's.
    if crossed.len() < rule.threshold as usize {
        return;
    }
    // "Write the user stories and acceptance criteria" is one duty however many objects its
    // verb takes: the other role's work must come from at least two verbs.
    let mut verbs = claims
        .iter()
        .filter(|claim| claim.role == role && claim.owner == other_owner)
        .map(|claim| claim.range.start);
    let first = verbs.next();
    if !verbs.any(|start| Some(start) != first) {
        return;
    }
    // Two duties crammed into one line ("Own the backlog and write the stories") read as one
    // line of the other role's work: on one line, a mix takes a third duty.
    let starts: BTreeSet<usize> = claims
        .iter()
        .filter(|claim| claim.role == role && claim.owner == other_owner)
        .map(|claim| claim.range.start)
        .collect();
    let (Some(&lowest), Some(&highest)) = (starts.first(), starts.last()) else {
        return;
    };
    let one_line = memchr::memchr(b'\n', &context.lintable().as_bytes()[lowest..highest]).is_none();
    if one_line && starts.len() < 3 {
        return;
    }
    let mut finding = make_finding(context, rule, title_span(context), Some(role));
    finding.related = crossed
        .into_iter()
        .map(|(responsibility, range)| RelatedSpan {
            range,
            message: format!("{} responsibility: {responsibility}", role.other().title()).into(),
        })
        .collect();
    finding.related.sort_by_key(|related| related.range.start);
    findings.push(finding);
}

/// A title that names both roles over a post that holds both jobs: as many duties of each
/// role as a single-role post would need to be called combined.
fn run_both_titled_combination(
    context: &Context,
    rule: &Rule,
    role: Role,
    claims: &[Claim],
    findings: &mut Vec<Finding>,
) {
    let distinct = |owner: Owner| {
        claims
            .iter()
            .filter(|claim| claim.owner == owner)
            .map(|claim| &*claim.responsibility)
            .collect::<BTreeSet<&str>>()
            .len()
    };
    let threshold = rule.threshold as usize;
    // A document with a section for each role describes two roles (a charter, a comparison).
    let two_roles =
        context.roles_present.contains(&Role::Pm) && context.roles_present.contains(&Role::Po);
    if !two_roles && distinct(Owner::Pm) >= threshold && distinct(Owner::Po) >= threshold {
        findings.push(make_finding(context, rule, title_span(context), Some(role)));
    }
}

/// Drops what a declared combination covers, lets specific classes win over plain cross-role
/// on the same words, links a cross-role claim to the other role's own claim, and sorts.
fn tidy(
    mut findings: Vec<Finding>,
    claims: &[Claim],
    declared: bool,
    rules: &RuleSet,
) -> Vec<Finding> {
    if declared {
        findings.retain(|finding| {
            let covered = matches!(
                finding.class,
                FindingClass::CrossRole
                    | FindingClass::HorizonMismatch
                    | FindingClass::MetricMismatch
                    | FindingClass::StakeholderMismatch
                    // A declared combination holds both roles' cores.
                    | FindingClass::MissingCore
            ) || rules.get(&finding.rule).is_some_and(|rule| {
                // A combined role is both: it may be called by either title.
                matches!(
                    rule.kind,
                    MatcherKind::UndeclaredCombination
                        | MatcherKind::TitleConflict
                        | MatcherKind::PersonTitledTwice
                )
            });
            !covered
        });
    }
    let mut specific: Vec<Range<usize>> = findings
        .iter()
        .filter(|finding| finding.class.specificity() == 2)
        .map(|finding| finding.range.clone())
        .collect();
    specific.sort_by_key(|range| range.start);
    // The longest specific span bounds how far back an overlapping one can start.
    let longest = specific.iter().map(|range| range.len()).max().unwrap_or(0);
    findings.retain(|finding| {
        if finding.class != FindingClass::CrossRole {
            return true;
        }
        let from = specific.partition_point(|range| range.start + longest < finding.range.start);
        let to = specific.partition_point(|range| range.start < finding.range.end);
        !specific[from..to.max(from)]
            .iter()
            .any(|range| finding.range.start < range.end)
    });
    let mut first_claim: BTreeMap<(Role, &str), &Claim> = BTreeMap::new();
    for claim in claims {
        first_claim
            .entry((claim.role, &*claim.responsibility))
            .or_insert(claim);
    }
    let mut related_messages: BTreeMap<(Role, Arc<str>), Arc<str>> = BTreeMap::new();
    for finding in findings
        .iter_mut()
        .filter(|finding| finding.class == FindingClass::CrossRole)
    {
        let (Some(role), Some(responsibility)) = (finding.role, &finding.responsibility) else {
            continue;
        };
        // One link to the other role's first claim shows the double claim; a long document
        // must not get one link per claim.
        if let Some(claim) = first_claim.get(&(role.other(), &**responsibility)) {
            // Shared: the links of one role and responsibility say the same.
            let message = related_messages
                .entry((role, responsibility.clone()))
                .or_insert_with(|| {
                    format!(
                        "the {} also owns {responsibility} here",
                        role.other().title()
                    )
                    .into()
                })
                .clone();
            finding.related.reserve_exact(1);
            finding.related.push(RelatedSpan {
                range: claim.range.clone(),
                message,
            });
        }
    }
    // Unstable sorting needs no buffer beside a long list; the rest of a finding breaks ties,
    // so the order stays the same from run to run.
    findings.sort_unstable_by(|a, b| {
        (a.range.start, a.range.end, &a.rule)
            .cmp(&(b.range.start, b.range.end, &b.rule))
            .then_with(|| a.message.cmp(&b.message))
            .then_with(|| a.role.cmp(&b.role))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
    findings.shrink_to_fit();
    findings
}

/// A table row states one duty across its cells ("Backlog craft | Has owned a backlog of 100
/// items"): a rule that matches in several of its cells reports the row once.
fn one_per_table_row(findings: &mut Vec<Finding>, document: &Document) {
    let blocks = &document.blocks;
    let mut reported: std::collections::HashSet<(Arc<str>, usize)> =
        std::collections::HashSet::new();
    findings.retain(|finding| {
        let cell = blocks
            .partition_point(|block| block.range.start <= finding.range.start)
            .checked_sub(1)
            .map(|index| &blocks[index])
            .filter(|block| {
                block.kind == BlockKind::TableCell && finding.range.end <= block.range.end
            });
        // A row is known by its first cell.
        cell.is_none_or(|cell| {
            let row = cell
                .table_row_header
                .as_ref()
                .map_or(cell.range.start, |header| header.start);
            reported.insert((finding.rule.clone(), row))
        })
    });
}

fn role_sections(context: &Context) -> Vec<RoleSection> {
    let document = context.document;
    let mut sections = Vec::new();
    for (index, heading) in document.headings.iter().enumerate() {
        let end = document.headings[index + 1..]
            .iter()
            .find(|next| next.level <= heading.level)
            .map_or(document.text.len(), |next| {
                document.text[..next.range.start]
                    .rfind('\n')
                    .map_or(next.range.start, |newline| newline + 1)
            });
        let start = document.text[..heading.range.start]
            .rfind('\n')
            .map_or(0, |newline| newline + 1);
        let role = match context.heading_roles[index] {
            HeadingRole::Product(role) => Some(role),
            _ => None,
        };
        sections.push(RoleSection {
            heading: heading.range.clone(),
            level: heading.level,
            range: start..end.max(heading.range.end),
            role,
        });
    }
    sections
}

/// Builds a finding with its message and suggestions.
fn make_finding(
    context: &Context,
    rule: &Rule,
    range: Range<usize>,
    role: Option<Role>,
) -> Finding {
    let text = context.document.text;
    // A range read in the lintable copy may fall inside a word that held invisible
    // characters; it then covers the whole word, and its edits are no longer exact.
    let covered = context.document.cover_shifted_words(range.clone());
    let exact = covered == range;
    let range = covered;
    let matched = &text[range.clone()];
    let fill = |template: &str| fill_template(template, matched, role);
    let mut suggestions = Vec::with_capacity(rule.suggestions.len());
    for template in &rule.suggestions {
        if template.role.is_some() && template.role != role {
            continue;
        }
        let mut edits = Vec::with_capacity(
            usize::from(template.replacement.is_some())
                + usize::from(template.insert_after_title.is_some()),
        );
        if let Some(replacement) = &template.replacement {
            edits.push(Edit {
                range: range.clone(),
                replacement: match_case(matched, &fill(replacement)),
            });
        }
        if let Some(insertion) = &template.insert_after_title {
            let at = match (&context.document.title, context.document.title_heading) {
                (Some(title), _) => text[title.end..]
                    .find('\n')
                    .map_or(text.len(), |newline| title.end + newline),
                (None, _) => 0,
            };
            let line_ending = if text.contains("\r\n") { "\r\n" } else { "\n" };
            let inserted = if at == 0 && context.document.title.is_none() {
                format!("{}{line_ending}{line_ending}", fill(insertion))
            } else {
                format!("{line_ending}{line_ending}{}", fill(insertion))
            };
            edits.push(Edit {
                range: at..at,
                replacement: inserted,
            });
        }
        suggestions.push(Suggestion {
            title: context.shared_text(&template.title, matched, role),
            safe: template.safe && exact && !edits.is_empty(),
            edits,
        });
    }
    Finding {
        rule: rule.id.clone(),
        class: rule.class,
        severity: rule.severity,
        message: context.shared_text(&rule.message, matched, role),
        range,
        role,
        responsibility: rule.responsibility.clone(),
        suggestions,
        related: Vec::new(),
    }
}

/// The verb of a matched duty and the phrase after it: "Carry out market analysis" reads
/// as ("Carry out", "market analysis"), a phrasal verb keeping its particle.
fn split_verb(matched: &str) -> (&str, &str) {
    const PARTICLES: [&str; 8] = [
        "out", "up", "on", "off", "over", "through", "forward", "down",
    ];
    let leading: Vec<&str> = matched.split_whitespace().take(5).collect();
    if let Some(length) = clause::leading_phrasal_verb(&leading) {
        // "take care of the backlog": the verb ends after the phrase's last word.
        // The words are slices of `matched`: their addresses give their offsets.
        let last = leading[length - 1];
        let end = last.as_ptr() as usize - matched.as_ptr() as usize + last.len();
        return (&matched[..end], matched[end..].trim_start());
    }
    let Some((verb, rest)) = matched.split_once(char::is_whitespace) else {
        return (matched, "");
    };
    let rest = rest.trim_start();
    match rest.split_once(char::is_whitespace) {
        Some((particle, phrase))
            if PARTICLES
                .iter()
                .any(|known| particle.eq_ignore_ascii_case(known)) =>
        {
            (
                matched[..matched.len() - phrase.len()].trim_end(),
                phrase.trim_start(),
            )
        }
        _ => (verb, rest),
    }
}

/// Does a template quote the matched text ({match}, {verb}, {phrase})?
fn quotes_match(template: &str) -> bool {
    ["{match}", "{verb}", "{phrase}"]
        .iter()
        .any(|placeholder| template.contains(placeholder))
}

/// Fills {match}, {verb}, {phrase}, {role} and {other} in a message or replacement.
fn fill_template(template: &str, matched: &str, role: Option<Role>) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let (verb, rest) = split_verb(matched);
    let (role_title, other_title) = match role {
        Some(role) => (role.title(), role.other().title()),
        None => ("role", "other role"),
    };
    // One pass over the template; unknown placeholders are kept as written.
    let mut out = String::with_capacity(template.len() + matched.len() + 32);
    let mut rest_of_template = template;
    while let Some(open) = rest_of_template.find('{') {
        out.push_str(&rest_of_template[..open]);
        let after = &rest_of_template[open..];
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        match &after[1..close] {
            "match" => out.push_str(matched),
            "verb" => out.push_str(verb),
            "phrase" => {
                let lower = rest.to_ascii_lowercase();
                let determiners = [
                    "the ", "a ", "an ", "our ", "your ", "their ", "its ", "this ", "all ",
                    "most ",
                ];
                if !rest.is_empty()
                    && !determiners
                        .iter()
                        .any(|determiner| lower.starts_with(determiner))
                {
                    out.push_str("the ");
                }
                out.push_str(rest);
            }
            "role" => out.push_str(role_title),
            "other" => out.push_str(other_title),
            _ => out.push_str(&after[..=close]),
        }
        rest_of_template = &after[close + 1..];
    }
    out.push_str(rest_of_template);
    // Findings keep their texts: a long document has many.
    out.shrink_to_fit();
    out
}

/// Gives a replacement the capitalisation of the text it replaces.
fn match_case(original: &str, replacement: &str) -> String {
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut characters = replacement.chars();
    match characters.next() {
        Some(first) if starts_upper => first.to_uppercase().chain(characters).collect(),
        Some(first)
            if first.is_uppercase() && original.chars().next().is_some_and(char::is_lowercase) =>
        {
            // Keep proper nouns ("Product Manager") as written.
            replacement.to_string()
        }
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_owner_label_ends_where_its_colon_is() {
        let item = "Quarterly pricing review — Owner: Dana";
        assert_eq!(label_end(item), Some(item.find(':').unwrap() + 1));
        assert_eq!(label_end("Launch plan, **owned by:** Luis"), Some(24));
        assert_eq!(label_end("Incident follow-up (DRI: Sam)"), Some(24));
        assert_eq!(label_end("Owners: the whole team"), Some(7));
        // A title that ends in "Owner" is no label, and only a label's first place counts.
        assert_eq!(label_end("Product Owner: Amira"), None);
        assert_eq!(label_end("Product Owner: Amira, owner: Sam"), None);
        assert_eq!(label_end("Product Owner: Amira, DRI: Sam"), Some(26));
        assert_eq!(
            label_end("Co-owner: Ana; ratio 3:1 — née owner: é"),
            Some(9)
        );
        assert_eq!(label_end("ratio 3:1 — née owner: é"), Some(25));
        assert_eq!(label_end("no label here, just text: fine"), None);
    }

    #[test]
    fn templates_fill_and_keep_case() {
        assert_eq!(
            fill_template(
                "contribute to {phrase} owned by the {other}",
                "Own product roadmap",
                Some(Role::Po)
            ),
            "contribute to the product roadmap owned by the Product Manager"
        );
        assert_eq!(
            match_case("Own the roadmap", "contribute to it"),
            "Contribute to it"
        );
        assert_eq!(
            split_verb("Carry out market analysis"),
            ("Carry out", "market analysis")
        );
        assert_eq!(split_verb("Own the roadmap"), ("Own", "the roadmap"));
        assert_eq!(
            split_verb("Taking  care of the roadmap"),
            ("Taking  care of", "the roadmap")
        );
        assert_eq!(
            split_verb("look after the backlog"),
            ("look after", "the backlog")
        );
        // "care" alone is no phrase: only the whole phrase is a verb.
        assert_eq!(
            split_verb("care of the roadmap"),
            ("care", "of the roadmap")
        );
    }

    #[test]
    fn a_phrasal_verb_is_rewritten_whole() {
        for (duty, rewritten) in [
            (
                "Take care of the product backlog.",
                "Feed roadmap priorities into the product backlog owned by the Product Owner.",
            ),
            (
                "Look after the product backlog.",
                "Feed roadmap priorities into the product backlog owned by the Product Owner.",
            ),
        ] {
            let text = format!("# Product Manager\n\n- {duty}\n");
            let analysis = analyze_markdown(&text);
            let finding = analysis
                .findings
                .iter()
                .find(|finding| &*finding.rule == "pm-owns-backlog")
                .expect("flagged");
            let edits = &finding.suggestions[0].edits;
            let (fixed, _) = crate::engine::apply_edits(&text, edits);
            assert_eq!(fixed, format!("# Product Manager\n\n- {rewritten}\n"));
        }
    }

    #[test]
    fn a_named_third_party_is_not_the_reader() {
        assert!(clause::names_third_party(
            "Jonah owns the Pocketbook roadmap"
        ));
        assert!(clause::names_third_party("Finance sets the budget"));
        // Imperatives, pronouns and the reader are not third parties.
        assert!(!clause::names_third_party("Owns the roadmap"));
        assert!(!clause::names_third_party("Sets priorities for the team"));
        assert!(!clause::names_third_party("You own the backlog"));
        assert!(!clause::names_third_party("This sets the direction"));
        assert!(!clause::names_third_party("Jonah joins the stand-up"));
    }

    #[test]
    fn a_title_in_a_table_under_an_empty_header_row_is_read_without_panic() {
        // A title that runs past its cell's block once panicked the opening's reader.
        let text = "# Platform charter\n\n| | |\n|---|---|\n| Team | Platform |\n| Product Manager | Dana Whitfield |\n";
        let analysis = analyze_markdown(text);
        assert!(
            analysis
                .findings
                .iter()
                .all(|finding| finding.range.end <= text.len())
        );
    }

    fn analyze_markdown(text: &str) -> Analysis {
        super::super::analyze(
            text,
            super::super::DocumentFormat::Markdown,
            &RuleSet::bundled(),
            &EngineOptions::default(),
        )
    }

    #[test]
    fn a_table_row_reports_each_rule_once() {
        let text = "# Product Manager\n\n| # | Competency | What good looks like |\n|---|---|---|\n| 1 | Backlog craft | Has owned and groomed a product backlog of 100 items |\n| 2 | Discovery | Runs customer interviews every week |\n";
        let analysis = analyze_markdown(text);
        let backlog: Vec<&Finding> = analysis
            .findings
            .iter()
            .filter(|finding| &*finding.rule == "pm-owns-backlog")
            .collect();
        assert_eq!(backlog.len(), 1, "{:?}", analysis.findings);
    }

    #[test]
    fn a_duty_led_by_a_noun_of_ownership_gets_no_verb_rewrite() {
        let text = "# Product Owner\n\n- Responsibility for the product strategy lies with you.\n- You will be the decision-maker for the product roadmap.\n- You have the final say on the product strategy.\n- You are on the hook for the product roadmap.\n- Take care of the product roadmap.\n- Own the product vision.\n";
        let analysis = analyze_markdown(text);
        let rewrites: Vec<(&str, bool)> = analysis
            .findings
            .iter()
            .filter(|finding| finding.class == FindingClass::CrossRole)
            .map(|finding| {
                let has_edit = finding
                    .suggestions
                    .iter()
                    .any(|suggestion| !suggestion.edits.is_empty());
                (&text[finding.range.clone()], has_edit)
            })
            .collect();
        // The two noun-led duties are flagged but offer no "verb + object" rewrite, which
        // would read "contribute to the for the product roadmap"; the verb-led one keeps it.
        assert_eq!(
            rewrites,
            vec![
                ("Responsibility for the product strategy", false),
                ("decision-maker for the product roadmap", false),
                ("say on the product strategy", false),
                // "on the hook for" is no verb either; "take care of" is, whole.
                ("on the hook for the product roadmap", false),
                ("Take care of the product roadmap", true),
                ("Own the product vision", true),
            ],
            "{:?}",
            analysis.findings
        );
        // A rule pattern that reads a label and its value, or a passive, is no verb phrase
        // either.
        let text = "# Product Manager\n\n- Tickets for the squad: written by you.\n";
        let analysis = analyze_markdown(text);
        let finding = analysis
            .findings
            .iter()
            .find(|finding| &*finding.rule == "pm-writes-user-stories")
            .expect("the tickets line is flagged");
        assert!(
            finding
                .suggestions
                .iter()
                .all(|suggestion| suggestion.edits.is_empty()),
            "{finding:?}"
        );
    }

    #[test]
    fn an_owner_cell_that_names_the_reader_gives_the_row_to_the_post() {
        let text = "# Product Owner, Tariffs\n\n| Area | Who holds it |\n|---|---|\n| Product backlog | You |\n| Product vision for smart tariffs | Final say is yours |\n| Market research | Product Manager (Jakub) |\n";
        let analysis = analyze_markdown(text);
        let flagged: Vec<(&str, &str)> = analysis
            .findings
            .iter()
            .filter(|finding| finding.class == FindingClass::CrossRole)
            .map(|finding| (&*finding.rule, &text[finding.range.clone()]))
            .collect();
        assert_eq!(
            flagged,
            vec![("po-owns-vision", "vision")],
            "{:?}",
            analysis.findings
        );
    }

    #[test]
    fn a_profile_that_says_i_have_been_a_role_is_about_that_role() {
        let text = "# About me\n\nI'm Sofia, and I've been a Product Owner at Banca Serena for three years.\n\n## My week\n\nMy main stakeholders are the Chief Digital Officer and the regional sales directors.\n";
        let analysis = analyze_markdown(text);
        assert_eq!(analysis.document_role, Some(Role::Po));
        assert!(
            analysis
                .findings
                .iter()
                .any(|finding| &*finding.rule == "po-serves-executives"),
            "{:?}",
            analysis.findings
        );
    }

    #[test]
    fn both_of_them_in_a_role_section_is_that_roles_people() {
        let text = "# Travel train charter\n\n## Product Management — Mara Lindqvist and Tobias Ekwueme\n\n- Both of them run customer interviews with travellers.\n\n## Product Owners\n\n- Each Product Owner orders the team backlog.\n\n## Shared\n\n- Both Mara and Ines decide the release dates.\n";
        let analysis = analyze_markdown(text);
        let double: Vec<&str> = analysis
            .findings
            .iter()
            .filter(|finding| finding.class == FindingClass::DoubleOwnership)
            .map(|finding| &text[finding.range.clone()])
            .collect();
        assert!(
            double.iter().all(|span| !span.contains("interviews")),
            "{:?}",
            analysis.findings
        );
        // Two people named after "Both" are still two holders.
        assert!(
            double.iter().any(|span| span.contains("release dates")),
            "{:?}",
            analysis.findings
        );
    }

    #[test]
    fn a_chat_speakers_role_is_no_subject() {
        let text = "#route-planning\n\n[08:51] maria.lopez (Head of Product): Daniel starts Monday as our Product Manager.\n[08:55] maria.lopez (Head of Product): Daniel runs sprint planning for the squad.\n";
        let analysis = analyze_markdown(text);
        assert!(
            analysis
                .findings
                .iter()
                .any(|finding| &*finding.rule == "pm-runs-sprint"),
            "{:?}",
            analysis.findings
        );
        let text = "# Slack export\n\n**Oskar** · Thu 15:02\nTomas, most of this lands with you as our Product Owner.\n\n**Oskar** · Thu 15:04\n- You own the three-year platform roadmap.\n";
        let analysis = analyze_markdown(text);
        assert_eq!(
            analysis.document_role,
            Some(Role::Po),
            "{:?}",
            analysis.findings
        );
        assert!(is_speaker_label(
            "x\n[08:51] maria.lopez (Head of Product): Hi",
            &(23..38)
        ));
        assert!(!is_speaker_label(
            "Ask our lead (Head of Product): Sam",
            &(14..29)
        ));
    }

    fn rules_found(text: &str) -> Vec<String> {
        analyze_markdown(text)
            .findings
            .into_iter()
            .map(|finding| finding.rule.to_string())
            .collect()
    }

    /// The text each finding of `rule` flags, in order.
    fn flagged_spans<'text>(text: &'text str, rule: &str) -> Vec<&'text str> {
        analyze_markdown(text)
            .findings
            .iter()
            .filter(|finding| &*finding.rule == rule)
            .map(|finding| &text[finding.range.clone()])
            .collect()
    }

    fn assert_flagged(found: &[String], rule: &str) {
        assert!(found.iter().any(|id| id == rule), "{rule} not in {found:?}");
    }

    fn assert_not_flagged(found: &[String], rule: &str) {
        assert!(!found.iter().any(|id| id == rule), "{rule} in {found:?}");
    }

    /// The lines of a text that `rule` flags.
    fn lines_flagged(text: &str, rule: &str) -> Vec<usize> {
        analyze_markdown(text)
            .findings
            .iter()
            .filter(|finding| &*finding.rule == rule)
            .map(|finding| text[..finding.range.start].matches('\n').count() + 1)
            .collect()
    }

    #[test]
    fn a_reply_header_names_who_writes_the_reply() {
        let document = Document::parse(
            "**u/hanne.pm** · Product Manager · 2d\n\n\
             **rkessler** · 4 hours ago\n\n\
             **Ravi Menon, Product Owner (Billing)** · 2 days ago\n\n\
             **u/tess** (OP) · 8 points\n\n\
             **Where:** Lisbon, hybrid\n\n\
             **Ravi Menon** owns the roadmap.\n\n\
             Thanks · see you at 10:00 and bring the notes\n",
            super::super::DocumentFormat::Markdown,
        );
        let mentions = roles::RoleVocabulary::default().mentions(&document.lintable);
        let headers: Vec<Option<(String, Option<Actor>, bool)>> = document
            .blocks
            .iter()
            .map(|block| {
                let start = mentions.partition_point(|m| m.range.start < block.range.start);
                let end = mentions.partition_point(|m| m.range.start < block.range.end);
                reply_header(&document.lintable, block, &mentions[start..end]).map(|header| {
                    (
                        header.handle.to_string(),
                        header.role,
                        header.original_poster,
                    )
                })
            })
            .collect();
        assert_eq!(
            headers,
            [
                Some(("u/hanne.pm".into(), Some(Actor::Role(Role::Pm)), false)),
                Some(("rkessler".into(), None, false)),
                Some(("Ravi Menon".into(), Some(Actor::Role(Role::Po)), false)),
                Some(("u/tess".into(), None, true)),
                None,
                None,
                None,
            ]
        );
    }

    #[test]
    fn each_reply_in_a_thread_speaks_as_its_writer() {
        let thread = "# How do you split the work with a new PM?\n\n\
                      **u/lowen_po** · Product Owner · 2d\n\n\
                      Our company just hired its first Product Manager and I want to hand things over cleanly.\n\n\
                      **u/hanne.pm** · Product Manager · 2d\n\n\
                      - I took the vision and the twelve-month roadmap.\n\
                      - I keep the product roadmap and present it every quarter.\n\n\
                      **rkessler** · 4 hours ago\n\n\
                      I own the product roadmap at my place, for what it is worth.\n\n\
                      **u/lowen_po** · 1d\n\n\
                      - I keep the backlog and the sprint goals.\n\
                      - I also own the product roadmap for now.\n";
        // The PM's reply and the writer of no known role own it rightly or unknowably; the
        // poster, a Product Owner, does not.
        assert_eq!(lines_flagged(thread, "po-owns-roadmap"), [19]);
        assert!(lines_flagged(thread, "pm-owns-backlog").is_empty());
    }

    #[test]
    fn a_reply_that_opens_on_its_writers_title_speaks_as_that_role() {
        let thread = "# Ask HN: what are you measured on?\n\n\
                      **Ask HN: what are you measured on?** · 148 points · posted by *fennwick*\n\n\
                      > My review is next month and I do not know which numbers matter for my role.\n\n\
                      **tsiolkovsky** · 6 hours ago\n\n\
                      Product Owner, consumer subscriptions. My targets this year: grow market share in Spain.\n\n\
                      **fennwick** · 5 hours ago\n\n\
                      My targets this year: grow market share in Spain, too.\n";
        assert_eq!(lines_flagged(thread, "po-judged-by-business-outcomes"), [9]);
    }

    #[test]
    fn a_title_that_runs_past_the_replys_first_block_opens_nothing() {
        // "Product" ends its block; the title it starts ends in the next one.
        let thread = "# Thread\n\nA long opening post about the roles in our company today.\n\n\
                      **rkessler** · 4 hours ago\n\nProduct\n\nOwner, payments. My targets: market share.\n";
        rules_found(thread);
    }

    #[test]
    fn a_writers_list_of_their_own_week_is_theirs() {
        let thread = "# PO here: my stakeholders are the C-suite\n\n\
                      **u/quill_po** · Product Owner · 14h\n\n\
                      Long-time lurker, first post, and the backlog is a mess.\n\n\
                      **u/nadia_spm** · Senior Product Manager · 9h\n\n\
                      For comparison, my week as a PM at a similar company:\n\n\
                      - A review of the multi-year strategy with our CPO once a month.\n";
        assert!(lines_flagged(thread, "po-plans-years-ahead").is_empty());
    }

    #[test]
    fn a_cover_letter_tells_the_writers_career() {
        let letter = "Dear Hiring Team,\n\nI'm writing to apply for the Product Owner position.\n\n\
                      For the past four years I have been the Product Owner for the storefront.\n\n\
                      I was the one who decided our delivery-fee pricing in 2022.\n";
        assert_flagged(&rules_found(letter), "po-owns-go-to-market");
        // Without the letter's opening, the past is a story.
        let story = "# Product Owner\n\nOur last Product Owner was the one who decided the \
                     delivery-fee pricing.\n";
        assert_not_flagged(&rules_found(story), "po-owns-go-to-market");
    }

    #[test]
    fn a_role_named_only_as_absent_in_the_past_is_no_hand_off() {
        let review = "# Self-review — Group Product Manager, Telematics\n\n## What could have gone better\n\n\
                      - I wrote the acceptance criteria for all of the driver-app stories myself \
                      while the team's PO was on leave.\n";
        assert_flagged(&rules_found(review), "pm-owns-acceptance");
    }

    #[test]
    fn she_after_the_writers_i_is_somebody_else() {
        let found =
            rules_found("# Product Owner\n\n- I write the stories, and she sets the pricing.\n");
        assert_not_flagged(&found, "po-owns-go-to-market");
        // Named earlier in the sentence, both roles are "they".
        let found = rules_found(
            "# Who does what\n\nOnce a quarter the Product Manager brings the roadmap, the \
             Product Owner brings what the team learned, and they agree what the next sprints \
             aim at.\n",
        );
        assert_not_flagged(&found, "pm-steered-by-sprint");
        // A named person stays the subject after "and she".
        let found = rules_found(
            "# Product Owner\n\nLucía owns the vision, and she runs the customer research.\n",
        );
        assert_not_flagged(&found, "po-owns-customer-discovery");
    }

    #[test]
    fn an_okr_names_its_owner_after_the_key_result() {
        let sheet = "# Q3 OKRs\n\n## O1. Grow\n\n\
                     - KR 1.4 — Net revenue retention above 100%. *Owner: Owen (PO, Onboarding)*\n\
                     - KR 2.3 — Billing squad velocity stays stable. *Owner: Farid (PM, Billing)*\n";
        let found = rules_found(sheet);
        assert_flagged(&found, "po-judged-by-business-outcomes");
        assert_flagged(&found, "pm-judged-by-delivery-metrics");
        // A "Document owner:" field heads the page; it assigns nothing.
        let header = "# Post-mortem\n\n**Document owner:** Hannah (Product Manager)\n\
                      **Contributors:** Bruno (Product Owner)\n**Status:** decisions agreed\n";
        assert_not_flagged(&rules_found(header), "both-roles-own-responsibility");
    }

    #[test]
    fn a_stakeholder_table_names_whom_the_section_role_meets() {
        let map = "# Stakeholder map\n\n## Product Owner (Mei)\n\n\
                   | Stakeholder | How often | What for |\n|---|---|---|\n\
                   | Luis (PM) | weekly | turning roadmap themes into backlog items |\n";
        assert_not_flagged(&rules_found(map), "pm-owns-backlog");
        // In a "Role | Responsibilities" table the first cell still names whose row it is.
        let charter = "# Charter\n\n| Role | Responsibilities |\n|---|---|\n\
                       | Product Manager | Orders the product backlog |\n";
        assert_flagged(&rules_found(charter), "pm-owns-backlog");
    }

    #[test]
    fn a_column_that_names_the_role_may_deny() {
        let card = "# Role card: Product Owner\n\n| The PO does | The PO does not |\n|---|---|\n\
                    | Order the backlog | Own the long-term roadmap |\n";
        assert_not_flagged(&rules_found(card), "po-plans-years-ahead");
        let swapped = card.replace(
            "| Order the backlog | Own the long-term roadmap |",
            "| Own the long-term roadmap | Order the backlog |",
        );
        assert_flagged(&rules_found(&swapped), "po-plans-years-ahead");
    }

    #[test]
    fn a_duty_heading_a_row_is_qualified_by_its_cells() {
        let table = "# Who owns what\n\n| Responsibility | Product Manager | Product Owner |\n\
                     |---|---|---|\n\
                     | Feature prioritisation | Across the roadmap, quarter by quarter | Within the backlog, sprint by sprint |\n";
        assert_not_flagged(&rules_found(table), "unqualified-prioritization");
        // A longer first cell is an action of its own; a deadline beside it is no level.
        let actions = "# Retro actions\n\n| Action | Who | By |\n|---|---|---|\n\
                       | Product Owner to prioritise incoming requests better | Marta | next sprint |\n";
        assert_flagged(&rules_found(actions), "unqualified-prioritization");
    }

    #[test]
    fn a_post_about_ones_own_job_names_the_writers_role() {
        let post = "Two years as Product Owner at Brightline today!\n\n\
                    I define the product vision for our claims app.\n";
        assert_flagged(&rules_found(post), "po-owns-vision");
    }

    #[test]
    fn another_role_acting_after_a_comma_starts_its_own_clause() {
        let brief = "# Product Owner, freelance\n\n\
                     - you'll also put together the product roadmap for the year and own it, founder just signs off\n";
        assert_flagged(&rules_found(brief), "po-owns-roadmap");
    }

    #[test]
    fn a_charter_title_listing_its_roles_is_no_alias() {
        let charter = "# Team charter (Group PM, PM, PO)\n\nWe work together.\n\n\
                       | Meeting | Output |\n|---|---|\n\
                       | Refinement | ready stories for the next two sprints |\n";
        assert_not_flagged(&rules_found(charter), "pm-steered-by-sprint");
    }

    #[test]
    fn a_chat_message_says_i_as_its_labelled_speaker() {
        let thread = "# Jo's first weeks\n\nA note from Jo Mensah, Product Manager\n\n\
                      **Sven Ek** (Product Owner) · 09:05\nFrom my side: fine. I'm ordering the backlog for sprint 30.\n";
        let found = rules_found(thread);
        assert_not_flagged(&found, "pm-owns-backlog");
        // Without the label the author, the Product Manager, says "I".
        let found = rules_found(&thread.replace("**Sven Ek** (Product Owner) · 09:05\n", ""));
        assert_flagged(&found, "pm-owns-backlog");
    }

    #[test]
    fn a_speaker_label_over_a_quoted_message_says_who_i_is() {
        let thread = "# #search-squad thread\n\n**Jun (Product Owner)**\n> I'm off next week.\n\n\
                      **Nadia (Product Manager, Search)**\n\
                      > Since Jun's out, I'll accept or reject the stories at the review myself.\n";
        assert_flagged(&rules_found(thread), "pm-owns-acceptance");
        // The quote belongs to the label right above it, not to one further up.
        let found = rules_found(&thread.replace("**Nadia (Product Manager, Search)**\n", ""));
        assert_not_flagged(&found, "pm-owns-acceptance");
    }

    #[test]
    fn an_owner_cell_that_splits_by_level_settles_the_row() {
        let charter = "# Data platform charter\n\n| Decision | Owner |\n|---|---|\n\
                       | Release dates | Product Manager sets the quarter; Product Owner picks the sprint |\n\
                       | Backlog order | Product Manager and Product Owner |\n";
        assert_eq!(
            flagged_spans(charter, "both-roles-own-responsibility"),
            ["Backlog"]
        );
    }

    #[test]
    fn numbered_contract_clauses_take_the_role_of_their_bold_label() {
        let sow = "# SOW 7 \u{2013} product roles\n\n**3. Product Owner duties**\n\n\
                   3.1 Manage and order the app backlog.\n\
                   3.2 Define the product vision for the app.\n";
        assert_flagged(&rules_found(sow), "po-owns-vision");
        // Lines that do not all open with a clause number are no list.
        let prose = sow.replace("3.1 Manage", "We manage");
        assert_not_flagged(&rules_found(&prose), "po-owns-vision");
    }

    #[test]
    fn a_label_and_nobody_or_outside_both_roles_names_no_owner() {
        let charter = "# Squad charter\n\n## Product Manager\n\n- Owns the roadmap.\n\n\
                       ## Product Owner\n\n- Owns the backlog.\n\n## Gaps\n\n\
                       - Competitor analysis: honestly nobody owns this right now.\n\
                       - Customer interviews sit outside both roles.\n\
                       - Release dates: none of us owns these.\n\
                       - Pricing is nobody's job.\n";
        assert_eq!(
            flagged_spans(charter, "both-roles-own-responsibility"),
            [
                "Competitor analysis",
                "Customer interviews",
                "Release dates",
                "Pricing"
            ]
        );
    }

    #[test]
    fn a_decision_table_row_gives_its_activity_to_the_owner_column() {
        let charter = "# Checkout charter\n\n| Decision | Owner |\n|---|---|\n\
                       | Release dates | Product Owner |\n\
                       | Release dates for each sprint increment | Product Owner |\n";
        // The second row states its level.
        assert_eq!(
            flagged_spans(charter, "unqualified-release-dates"),
            ["Release dates"]
        );
    }

    #[test]
    fn two_steps_joined_in_a_heading_still_name_its_bracketed_role() {
        let guide = "# Release guide\n\n## Plan the goal (Product Manager)\n\nYou write the goal.\n\n\
                     ## Accept and ship (Product Owner)\n\nYou accept or reject the increment.\n";
        assert_not_flagged(&rules_found(guide), "pm-owns-acceptance");
        // "You and the Product Owner" is a partner, not the section's role.
        let partner = guide.replace(
            "Accept and ship (Product Owner)",
            "You and the Product Owner",
        );
        assert_flagged(&rules_found(&partner), "pm-owns-acceptance");
    }

    #[test]
    fn a_paragraph_that_addresses_one_role_holds_that_role() {
        let note = "# A welcome note from the Head of Product\n\n\
                    **If you're a Product Owner,** start with the sprint reviews. After that, the \
                    backlog is yours: you order it and refine it.\n\n\
                    Everyone else: the roadmap is yours.\n";
        let found = rules_found(note);
        assert_not_flagged(&found, "pm-owns-backlog");
        // Without the address the post's own role holds the backlog.
        let found = rules_found(&note.replace("**If you're a Product Owner,** start", "Start"));
        assert_flagged(&found, "pm-owns-backlog");
    }

    #[test]
    fn neither_thing_being_yours_denies_the_reader() {
        let post = "# Proxy Product Owner\n\n- Order the backlog.\n\
                    - Neither pricing nor contract scope is yours to negotiate.\n";
        let found = rules_found(post);
        assert_not_flagged(&found, "both-roles-own-responsibility");
        assert_not_flagged(&found, "po-owns-go-to-market");
    }

    #[test]
    fn stakeholders_named_through_work_with_them_are_still_stakeholders() {
        let post = "# Product Owner\n\n- Order the backlog.\n\
                    - Present progress to the regional sales directors and the CMO, who are your \
                    primary stakeholders.\n";
        assert_flagged(&rules_found(post), "po-serves-executives");
        // Contribution still hands off a claim of ownership.
        let roadmap = "# Product Owner\n\n- Order the backlog.\n- Help shape the roadmap.\n";
        assert_not_flagged(&rules_found(roadmap), "po-owns-roadmap");
    }

    #[test]
    fn work_the_role_is_told_to_stop_is_not_its_work() {
        let memo = "# Product Manager\n\n- Own the vision.\n\
                    - Stop attending every daily stand-up; go when the PO invites you.\n";
        assert_not_flagged(&rules_found(memo), "pm-embedded-in-ceremonies");
        let habit = memo.replace("Stop attending", "Keep attending");
        assert_flagged(&rules_found(&habit), "pm-embedded-in-ceremonies");
    }

    #[test]
    fn a_deed_done_on_the_object_after_of_is_owned() {
        let post = "# Proxy Product Owner\n\n- Order the backlog.\n\
                    - Run a monthly scan of competing loyalty apps.\n";
        assert_flagged(&rules_found(post), "po-owns-competitive-analysis");
        // A deed somebody else does is not the post's.
        let read = post.replace("Run a monthly scan of", "Read the monthly scan of");
        assert_not_flagged(&rules_found(&read), "po-owns-competitive-analysis");
    }

    #[test]
    fn asking_who_owns_something_claims_nothing() {
        let tips = "# Product Owner tips\n\n1. Order the backlog.\n\
                    2. Know who owns the roadmap and talk to them every week.\n\
                    3. The rest depends on pricing and a roadmap I don't own.\n";
        assert_not_flagged(&rules_found(tips), "po-owns-roadmap");
        let owns = tips.replace("Know who owns the roadmap", "Own the roadmap");
        assert_flagged(&rules_found(&owns), "po-owns-roadmap");
    }

    #[test]
    fn a_product_director_post_is_a_product_managers() {
        let post = "# Product Director\n\n- Own the backlog for every squad.\n";
        assert_flagged(&rules_found(post), "pm-owns-backlog");
    }

    #[test]
    fn calques_of_writing_and_doing_are_duties() {
        let post = "# Senior Product Manager\n\n- Set the strategy.\n\
                    - Redact the user stories and the criteria of acceptance.\n";
        let found = rules_found(post);
        assert_flagged(&found, "pm-writes-user-stories");
        let post = "# Product Owner\n\n- Order the backlog.\n\
                    - Realise market studies on the eClinical market.\n";
        assert_flagged(&rules_found(post), "po-owns-market-research");
    }

    #[test]
    fn a_greeting_before_a_self_introduction_keeps_the_author() {
        let guide = "# A guide to the Time & Absence team\n\nHi! I'm Lena Berg, the Product Manager for Time & Absence.\n\n\
                     ## What I do\n\nI also write every user story that goes into the sprint.\n";
        let found = rules_found(guide);
        assert_flagged(&found, "pm-writes-user-stories");
    }

    #[test]
    fn the_person_a_profile_is_about_holds_its_role() {
        let bio = "---\ntitle: \"Malik Osei — Product Owner, Claims\"\n---\n\n# Malik Osei\n\n\
                   ## What Malik does\n\nPut simply, Malik owns the product.\n";
        let found = rules_found(bio);
        assert_flagged(&found, "vague-product-ownership");
        // Another person's name is not the profiled person.
        let found = rules_found(&bio.replace("Malik owns", "Tobias owns"));
        assert_not_flagged(&found, "vague-product-ownership");
    }

    #[test]
    fn a_heading_with_an_alias_in_brackets_is_about_the_first_role() {
        let post = "---\ntitle: Live Ops - Product Owner\n---\n\n# Product Owner (Product Manager), Live Ops\n\n\
                    ## What you do\n\n- Own the live ops backlog.\n- Plan the go-to-market for each season.\n";
        let found = rules_found(post);
        assert_flagged(&found, "po-owns-go-to-market");
    }

    #[test]
    fn labels_that_hand_off_or_name_the_accountable_role() {
        // "Roadmap to backlog:" names a hand-off, not something the subject owns.
        let charter = "# Subscriptions squad\n\n## Product Manager: Noor\n\n- Noor owns the vision.\n\n\
                       ## Product Owner: Felix\n\n- Felix owns the product backlog.\n\n## Hand-offs\n\n\
                       - Roadmap to backlog: Noor prioritises at roadmap level each quarter.\n";
        let found = rules_found(charter);
        assert_not_flagged(&found, "pm-owns-backlog");
        // "Acceptance criteria: the PM is accountable" gives them to the PM.
        let raci = "# Hotel booking squad\n\n## Who decides\n\n\
                    - Acceptance criteria: the PM is accountable; the PO is responsible.\n";
        let found = rules_found(raci);
        assert_flagged(&found, "pm-owns-acceptance");
    }

    #[test]
    fn a_decision_rights_table_says_what_the_position_decides() {
        let post = "# Product Manager, Connected Services\n\n## Decision rights\n\n\
                    | Decision | Authority of the position |\n|---|---|\n\
                    | Product vision and strategy | Decides |\n\
                    | Ordering of the product backlog | Consulted (owned by the Product Owner) |\n\
                    | Writing user stories | Decides |\n";
        let found = rules_found(post);
        assert_not_flagged(&found, "pm-owns-backlog");
        assert_flagged(&found, "pm-writes-user-stories");
    }

    #[test]
    fn a_role_with_two_columns_decides_when_either_column_does() {
        // The Chief and the Area Product Owner are both Product Owners: the Chief's
        // "Decides" is not undone by the Area's "Informed".
        let charter = "# Energy product charter\n\n\
                       | Decision | Product Manager | Chief Product Owner | Area Product Owner |\n\
                       |---|---|---|---|\n\
                       | Product vision | Decides | Consulted | Informed |\n\
                       | Release dates to customers | Decides | Decides | Informed |\n";
        let found = rules_found(charter);
        assert_flagged(&found, "both-roles-own-responsibility");
    }

    #[test]
    fn a_holder_outside_the_product_roles_claims_nothing_for_the_reader() {
        let post = "# Product Owner\n\n- Own the backlog and keep it ordered.\n\n\
                    Sam and our CEO, Rhiannon, keep the roadmap. The board sets the vision.\n";
        let found = rules_found(post);
        assert_not_flagged(&found, "po-owns-roadmap");
        assert_not_flagged(&found, "po-owns-vision");
    }

    #[test]
    fn duties_named_as_nouns_are_claims() {
        let post = "# Product Owner, Data Platform\n\n## Responsibilities\n\n\
                    - Ordering of the platform backlog\n\
                    - Platform strategy for the next year\n\
                    - Analysis of market, trends and competitors\n";
        let found = rules_found(post);
        assert_flagged(&found, "po-owns-strategy");
        assert_flagged(&found, "po-owns-market-research");
        // A question's "Which competitor…" names no duty.
        let scorecard = "# Product Owner\n\n- Own the backlog.\n\n\
                         - Which competitor worries you most?\n";
        assert_not_flagged(&rules_found(scorecard), "po-owns-competitive-analysis");
        // The remit names the deed; the roadmap's own communication is no hand-off.
        for duty in [
            "Responsibility for the creation of the product roadmap",
            "Creation of the product roadmap and its communication to the management",
        ] {
            let post =
                format!("# Product Owner\n\n## Your tasks\n\n1. Own the backlog.\n2. {duty}\n");
            assert_flagged(&rules_found(&post), "po-owns-roadmap");
        }
        let shared = "# Product Owner\n\n1. Own the backlog.\n\
                      2. Creation of the product roadmap in communication with the PM\n";
        assert_not_flagged(&rules_found(shared), "po-owns-roadmap");
    }

    #[test]
    fn a_title_with_its_holder_named_first_names_the_holder() {
        // "A day with Lena, Product Owner …": Lena holds the role the title names.
        let day = "# A day with Lena, Product Owner on the Claims app\n\n\
                   Once a quarter, Lena sets the product strategy for Claims.\n";
        assert_flagged(&rules_found(day), "po-owns-strategy");
        // "Our people: Lena, Product Owner (Travel)": the name alone opens its part.
        let people =
            "# Our people: Lena, Product Owner (Travel)\n\n- Lena sets the premium levels.\n";
        assert_flagged(&rules_found(people), "po-owns-go-to-market");
        // Somebody else named in the text still acts for themselves.
        assert_not_flagged(
            &rules_found(&people.replace("- Lena sets", "- Marco sets")),
            "po-owns-go-to-market",
        );
    }

    #[test]
    fn how_a_post_is_filled_does_not_hide_its_title() {
        let faq = "# FAQ\n\nOn most placements, the contract Product Owner sets the price points for each plan.\n";
        assert_flagged(&rules_found(faq), "po-owns-go-to-market");
    }

    #[test]
    fn a_column_of_what_the_role_stays_out_of_denies_its_cells() {
        let post = "# Group Product Manager\n\n| Owns | Stays out of |\n|---|---|\n\
                    | The vision and the two-year strategy | Day-to-day backlog order |\n";
        assert_not_flagged(&rules_found(post), "pm-owns-backlog");
    }

    #[test]
    fn a_plain_line_that_denies_labels_the_list_under_it() {
        let post = "# Proxy Product Owner\n\nWhat the job involves\n\n- Order the backlog.\n\n\
                    What the job doesn't involve\n\n- Setting the product strategy or roadmap\n";
        let found = rules_found(post);
        assert_not_flagged(&found, "po-owns-strategy");
        assert_not_flagged(&found, "po-owns-roadmap");
    }

    #[test]
    fn nobody_waiting_is_no_referent_for_a_later_pronoun() {
        let post = "# Product Owner\n\nOur founder, Imran, is our Head of Product: he sets the \
                    vision and owns the roadmap.\n\n| What | How |\n|---|---|\n\
                    | Product backlog | You own it and order it |\n\
                    | The team's questions | Nobody should wait hours for an answer |\n\
                    | The roadmap | You give Imran input; he owns it |\n";
        assert_not_flagged(&rules_found(post), "both-roles-own-responsibility");
    }

    #[test]
    fn a_passive_names_its_holder_after_by() {
        let charter = "# Wallet charter\n\n## Product Manager\n\n- Owns the vision and the roadmap.\n\n\
                       ## Product Owner\n\n- Owns the backlog.\n\n## Open points\n\n\
                       - The product roadmap is also owned by the Product Owner.\n\
                       - The definition of done is not decided by the PM and not by the PO.\n";
        let found = rules_found(charter);
        assert_flagged(&found, "po-owns-roadmap");
        assert_flagged(&found, "both-roles-own-responsibility");
        // A reduced relative says whose the roadmap is; the reader still acts.
        let post = "# Product Owner\n\n- Own and order the backlog, working from the roadmap \
                    set by the Product Manager.\n";
        assert_not_flagged(&rules_found(post), "pm-owns-backlog");
    }

    #[test]
    fn a_bold_title_with_a_note_heads_the_list_under_it() {
        let charter = "# Lending charter\n\n## Roles\n\n\
                       **Product Owners** — one per squad.\n\
                       - Squad backlog, ordered and refined\n\
                       - Roadmap for their journey\n\n\
                       ## Purpose\n\nWe make checkout fast.\n\n\
                       **Product Manager — Eleanor Voss (Senior PM)**\n\
                       - Sets the vision for checkout.\n\
                       - Joins the daily stand-up every morning as a full team member.\n";
        let found = rules_found(charter);
        assert_flagged(&found, "po-owns-roadmap");
        assert_flagged(&found, "pm-embedded-in-ceremonies");
    }

    #[test]
    fn each_labelled_line_of_a_paragraph_is_read_on_its_own() {
        // Without a stop between the lines, "Contributes to" would reach back over the
        // whole paragraph and make every line a contribution.
        let post = "# Product Owner (Payroll)\n\n**Accountable:** backlog ordering for Payroll\n\
                    **Leads:** customer interviews and discovery for new payroll markets\n\
                    **Contributes to:** the payroll roadmap owned by our Product Manager\n";
        assert_flagged(&rules_found(post), "po-owns-customer-discovery");
    }

    #[test]
    fn a_bold_label_line_naming_a_holder_gives_the_paragraph_its_role() {
        let page = "# Data team — who does what\n\n\
                    **Marta Kowalska — Technical Product Manager**\n\
                    Sets the direction for the platform.\n\
                    Joins the daily stand-up as a working member of the squad.\n";
        assert_flagged(&rules_found(page), "pm-embedded-in-ceremonies");
        // A note in brackets after a title over a list: "(Anneke, Felipe)" are its holders,
        // and the list is the Product Owners'.
        let memo = "# Who does what\n\n**Product Managers (Ji-woo, Tariq)**\n\
                    - Own the vision and the roadmap\n\n\
                    **Product Owners (Anneke, Felipe)**\n\
                    - Own your team's backlog and order it\n";
        let found = rules_found(memo);
        assert!(
            !found.iter().any(|rule| rule == "pm-owns-backlog"),
            "{found:?}"
        );
    }

    #[test]
    fn a_decision_table_reads_verbs_in_its_cells() {
        let post = "# Team\n\n| Topic | PM | PO |\n|---|---|---|\n\
                    | Story-level acceptance criteria | **Decide** | Informed |\n";
        assert_flagged(&rules_found(post), "pm-owns-acceptance");
        let charter = "# Checkout squad\n\n| Decision | PM | PO |\n|---|---|---|\n\
                       | Release dates | Sets | Sets |\n";
        assert_flagged(&rules_found(charter), "both-roles-own-responsibility");
    }

    #[test]
    fn a_reviewer_field_describes_no_role_in_the_document() {
        let review = "ANNUAL REVIEW 2024\n\nEmployee: Tomasz Wilk\n\
                      Position: Product Owner, Table Booking\n\
                      Reviewer: Hanne Sorensen, Product Lead\n\n\
                      Tomasz wrote the user stories and kept them small.\n";
        assert_flagged(&rules_found(review), "po-post-without-backlog");
    }

    #[test]
    fn a_place_or_a_sprint_before_the_subject_leaves_it_the_subject() {
        let page = "# How pricing works\n\n## Who decides\n\n\
                    At Northwind the Product Owner also decides the price points for each plan.\n\n\
                    After every sprint the PM reshapes the roadmap.\n\n\
                    The Product Manager owns the vision; the Product Owner owns the backlog.\n";
        let found = rules_found(page);
        assert_flagged(&found, "po-owns-go-to-market");
        assert_flagged(&found, "pm-steered-by-sprint");
    }

    #[test]
    fn a_goal_sheet_column_of_measures_names_what_judges_the_role() {
        let goals = "# Goals 2025: Ben, Product Manager\n\n- Own the data platform vision.\n\n\
                     | # | Goal | Measure |\n|---|---|---|\n\
                     | 4 | Improve delivery | Team velocity up 15% |\n";
        assert_flagged(&rules_found(goals), "pm-judged-by-delivery-metrics");
    }

    #[test]
    fn a_matrix_may_head_its_columns_with_the_initials_of_the_people() {
        let charter = "# Payments squad\n\n- **MO** — Mariam Okafor, Senior Product Manager\n\
                       - **JL** — Jonas Lind, Product Owner\n\n\
                       | Activity | MO | JL |\n|---|---|---|\n\
                       | Product vision | A/R | C |\n\
                       | Accepting finished stories | A | A |\n";
        assert_flagged(&rules_found(charter), "both-roles-own-responsibility");
    }

    #[test]
    fn a_matrix_in_html_reads_as_one_in_markdown() {
        let charter = "# Onboarding charter\n\n<table>\n\
                       <tr><th>Activity</th><th>Product Manager</th><th>Product Owner</th></tr>\n\
                       <tr><td>Quarterly roadmap</td><td>A</td><td>C</td></tr>\n\
                       <tr><td>Sprint goal for each iteration</td><td>A</td><td>C</td></tr>\n\
                       </table>\n";
        assert_flagged(&rules_found(charter), "pm-runs-sprint");
    }

    #[test]
    fn one_named_in_a_list_a_preposition_governs_is_no_subject() {
        let post = "# Product Manager\n\n- Own the vision.\n\
                    - Weigh feature requests from customers, founders and support against \
                    each other and prioritise features.\n";
        assert_flagged(&rules_found(post), "unqualified-prioritization");
    }

    #[test]
    fn whoever_assesses_the_role_names_the_role_judged() {
        let charter = "# Learning platforms\n\n- The Product Manager owns the vision.\n\n\
                       The Buyer will assess the Group Product Manager each quarter on:\n\n\
                       - adoption of new features;\n\
                       - the teams' average velocity and burn-down.\n";
        assert_flagged(&rules_found(charter), "pm-judged-by-delivery-metrics");
    }

    #[test]
    fn a_time_and_a_name_before_a_colon_head_the_list() {
        let update = "# Priya Raman moves to Senior Product Manager\n\n\
                      As Senior Product Manager, Priya will:\n\n- set the long-term direction.\n\n\
                      ## Who takes over\n\n\
                      Tomasz Nowak joins from the Lending squad as the new Product Owner. \
                      From 1 March Tomasz:\n\n- owns and orders the Wallet product backlog;\n";
        assert_not_flagged(&rules_found(update), "pm-owns-backlog");
    }

    #[test]
    fn a_letter_that_welcomes_the_reader_as_a_role_is_about_that_role() {
        let letter = "Subject: Welcome aboard\n\nAisha,\n\n\
                      Great to have you as Product Owner for the Loyalty squad.\n\n\
                      1. Get the loyalty backlog into shape.\n\
                      2. Put together a five-year plan for where loyalty goes next.\n";
        assert_flagged(&rules_found(letter), "po-plans-years-ahead");
        let forwarded = "Subject: Fwd: posting\n\nCan someone read this?\n\n\
                         > Technical Product Manager - Ingest Platform\n> Berlin\n>\n\
                         > - write the user stories for the pipelines\n";
        assert_flagged(&rules_found(forwarded), "pm-writes-user-stories");
    }

    #[test]
    fn a_matrix_cell_behind_a_mark_still_names_the_decider() {
        let charter = "# Onboarding platform charter\n\n| Decision | Yusuf (PM) | Marta (PO) |\n|---|:---:|:---:|\n\
                       | Vision and strategy | ✅ decides | 💬 consulted |\n\
                       | Acceptance of increments | — | ✅ decides |\n";
        let found = rules_found(charter);
        assert_not_flagged(&found, "pm-owns-acceptance");
    }

    #[test]
    fn a_dri_column_names_the_owner() {
        let readme = "# Data platform squad\n\n| Area | DRI |\n|---|---|\n\
                      | Vision and roadmap | Sam (PM) |\n\
                      | Ordering the product backlog | Sam (PM) and Leila (PO) |\n";
        let found = rules_found(readme);
        assert!(
            found
                .iter()
                .any(|rule| rule == "both-roles-own-responsibility"),
            "{found:?}"
        );
    }

    #[test]
    fn a_product_named_after_a_title_is_nobody() {
        // "Infusion Platform" is no person holding the Product Owner role, so the title's
        // words stay the title's.
        let post = "# Technical Product Manager, Infusion Pump Platform\n\n## What you'll own\n\n\
                    - You will write the user stories for the firmware team.\n\n## The title\n\n\
                    Our HR system lists it as Product Owner, Infusion Platform.\n";
        let found = rules_found(post);
        assert_flagged(&found, "pm-writes-user-stories");
    }

    #[test]
    fn a_denial_in_an_opening_phrase_stays_before_its_comma() {
        let post = "# Product Owner, Freight\n\n- Own the product backlog.\n\n\
                    Rather than waiting for leadership to hand one down, you will set the product vision.\n\n\
                    In quarters without a Product Manager in post, you will also define the product strategy.\n";
        let found = rules_found(post);
        assert_flagged(&found, "po-owns-vision");
        assert_flagged(&found, "po-owns-strategy");
        // A denial in the main clause still denies.
        let found = rules_found(
            "# Product Owner, Freight\n\n- Own the product backlog.\n\n\
                                 In this team, you will not set the product vision.\n",
        );
        assert_not_flagged(&found, "po-owns-vision");
    }

    #[test]
    fn a_label_line_names_the_holders_after_its_colons() {
        let overview = "# Streaming org overview\n\n## Playback\n\n\
                        *Product Manager:* Elliot Shaw · *Product Owner:* Bea Moreno · both report to Nadia\n\n\
                        Elliot owns the playback roadmap and runs the viewer survey. He reports what he finds to Nadia.\n\n\
                        Bea owns the Playback backlog. She writes the stories and sets the sprint goal.\n";
        let found = rules_found(overview);
        assert_not_flagged(&found, "pm-writes-user-stories");
    }

    #[test]
    fn a_myth_put_right_is_an_example() {
        let wiki = "# PM and PO: common myths\n\n\
                    - \"The PO owns the roadmap.\" No. The PO gives input to the roadmap; the PM owns it.\n";
        let found = rules_found(wiki);
        assert_not_flagged(&found, "po-owns-roadmap");
        // Curly quotes, whose closing mark is three bytes long.
        let curly = wiki.replacen('"', "“", 1).replacen('"', "”", 1);
        let found = rules_found(&curly);
        assert_not_flagged(&found, "po-owns-roadmap");
        // A quotation that is not put right still speaks.
        let found = rules_found(&wiki.replace("No. ", "Yes. "));
        assert_flagged(&found, "po-owns-roadmap");
    }

    #[test]
    fn keeping_a_plan_under_review_is_keeping_it() {
        let post = "# Product Owner, Smart Ticketing\n\nThe Product Owner shall:\n\n\
                    - maintain the ordered product backlog;\n\
                    - develop and keep under review a rolling five-year plan for ticketing products;\n";
        let found = rules_found(post);
        assert_flagged(&found, "po-plans-years-ahead");
    }

    #[test]
    fn a_declared_combination_lacks_no_core() {
        let text = "# Product Manager\n\nThis role also acts as Product Owner for the squad.\n\n- Write the user stories and acceptance criteria.\n- Run sprint planning with the team.\n";
        let analysis = analyze_markdown(text);
        let classes: Vec<FindingClass> = analysis
            .findings
            .iter()
            .map(|finding| finding.class)
            .collect();
        assert_eq!(
            classes,
            vec![FindingClass::CombinedRole],
            "{:?}",
            analysis.findings
        );
    }

    #[test]
    fn a_label_that_nobody_owns() {
        let clause = "Release dates: nobody on the squad is responsible for setting them";
        assert_eq!(label_owned_by_nobody(clause), Some(13));
        assert!(
            label_owned_by_nobody("Acceptance criteria: neither Priya nor Oskar writes them")
                .is_some()
        );
        assert!(label_owned_by_nobody("Release dates: agreed at the planning forum").is_none());
        assert!(label_owned_by_nobody("Nobody owns the roadmap").is_none());
        assert!(
            label_owned_by_nobody("Release dates: honestly, nobody owns these right now").is_some()
        );
    }

    #[test]
    fn a_chat_turns_label_names_who_speaks_not_who_acts() {
        let chat = "# Chat: welcome thread for our new Product Owner\n\n\
                    **Ines Carvalho (Senior Product Manager):** Good question, short version.\n\n\
                    **Ines Carvalho:** Day to day you keep the backlog ordered and you write \
                    the stories with the team.\n\n\
                    **Ines Carvalho:** Oh, one more: you will also set the long-term vision.\n";
        let found = rules_found(chat);
        assert_not_flagged(&found, "pm-owns-backlog");
        assert_not_flagged(&found, "pm-writes-user-stories");
        assert_flagged(&found, "po-plans-years-ahead");
        // A team page's bold name over a duty of its own is still its subject, and a label
        // closed by a full stop heads a profile.
        let team = "# Team\n\nInes Carvalho is our Product Manager.\n\n\
                    **Ines Carvalho:** owns the backlog and the sprint goals.\n";
        assert_flagged(&rules_found(team), "pm-owns-backlog");
        let profile = "# Who's who\n\n## Across streams\n\n**Sun-hee Park, Program Manager.** \
                       Sun-hee coordinates the cross-stream release plan.\n";
        assert!(rules_found(profile).is_empty());
    }

    #[test]
    fn a_message_under_a_known_holders_name_and_time_is_theirs() {
        let thread = "# #product-leads — reorg thread\n\n\
                      > **Rafael Mendes** (Head of Product), Mon 11:02\n\
                      > Tanvi steps in as proxy PO for Billing until we hire.\n\n\
                      > **Tanvi Shah**, Mon 11:15\n\
                      > Thanks Rafael. Just to confirm: I'll own the billing backlog.\n\n\
                      You keep the backlog ordered.\n";
        let found = rules_found(thread);
        // Neither Tanvi's "I" nor the channel's name makes anyone a Product Manager.
        assert_not_flagged(&found, "pm-owns-backlog");
        assert!(names_channel("#product-leads", &(1..13)));
        assert!(!names_channel("#productowner ", &(1..13)));
    }

    #[test]
    fn a_cv_tells_the_role_as_it_was_held() {
        let cv = "# Hannah Okafor\n\nSenior Product Manager · Payments\n\n## Experience\n\n\
                  ### Senior Product Manager — Ledgerline\n\n\
                  - My quarterly objectives were tied to squad velocity and sprint burn-down.\n";
        assert_flagged(&rules_found(cv), "pm-judged-by-delivery-metrics");
        // A story in a post is still no duty.
        let story = "# Senior Product Manager\n\n- Our first PM was measured on squad velocity.\n";
        assert_not_flagged(&rules_found(story), "pm-judged-by-delivery-metrics");
        assert!(roles::is_bare_name("Hannah Okafor"));
        assert!(!roles::is_bare_name("Product Owner"));
    }

    #[test]
    fn a_writer_who_names_their_own_title_says_i_as_that_role() {
        let letter = "Dear Ms Lindqvist,\n\nI'm applying for the Product Owner role on your \
                      Returns team.\n\nI don't own the roadmap; our Product Manager, Ifeoma, \
                      does. She sets where checkout is going over the year, and I turn her \
                      priorities into backlog items.\n";
        assert_not_flagged(&rules_found(letter), "pm-owns-backlog");
        // A question is somebody else's case.
        let faq = "# FAQ: who decides what between the PM and the PO?\n\n\
                   **Q: I'm the Product Manager. Do I write the stories?**\n\
                   A: No. The PO writes the stories.\n";
        assert_not_flagged(&rules_found(faq), "pm-writes-user-stories");
    }

    #[test]
    fn an_action_items_owner_before_the_dash_does_the_item() {
        let minutes = "Sprint 41 planning\n\nAttendees: Tom (PO), Lisa (PM), Rosa (SM)\n\n\
                       Action items\n\n* Tom — map out the search feature plan for 2026 to \
                       2028.\n";
        assert_flagged(&rules_found(minutes), "po-plans-years-ahead");
    }

    #[test]
    fn the_object_of_someone_elses_relative_clause_is_theirs() {
        let post = "# Product Owner, Live Ops\n\nYou own the backlog.\n\n- Pass player \
                    feedback to the Game Director, who owns the long-term vision for the title.\n";
        assert_not_flagged(&rules_found(post), "po-plans-years-ahead");
    }

    #[test]
    fn a_short_title_line_over_a_paragraph_is_no_part_of_its_first_sentence() {
        let goals = "# Ramp-up goals for our new Product Owner\n\nGoal 3 — Learn the market\n\
                     Lead the market research for the Nordic expansion.\n";
        assert_flagged(&rules_found(goals), "po-owns-market-research");
    }

    #[test]
    fn quoted_advice_states_no_duty() {
        let blog = "# PM vs PO\n\n## One person?\n\n\
                    If the roles merge, write it down: \"this Product Manager also acts as \
                    Product Owner for team X\".\n";
        let found = rules_found(blog);
        assert_not_flagged(&found, "declared-combined-role");
    }

    #[test]
    fn a_role_named_in_a_purpose_without_a_comma_takes_nothing_over() {
        let profile = "# Senior Product Manager, Mortgages\n\n- Write the user stories for the \
                       squads' upcoming work so the Product Owners can concentrate on delivery.\n";
        assert_flagged(&rules_found(profile), "pm-writes-user-stories");
    }

    #[test]
    fn an_owner_column_may_say_from_when() {
        let table = "# Who owns what\n\n| Area | Owner from 1 May | Notes |\n|---|---|---|\n\
                     | Product backlog ordering | Product Manager and Product Owner | x |\n";
        assert_flagged(&rules_found(table), "both-roles-own-responsibility");
    }

    #[test]
    fn nobody_among_those_named_is_no_gap_when_the_sentence_names_the_owner() {
        let charter =
            |line: &str| format!("# Team charter\n\n## Product Owner and Scrum Master\n\n{line}\n");
        for settled in [
            "Neither of you owns the roadmap: that belongs to the Product Manager.",
            "Neither of you sets the vision; the Product Manager does.",
            "Nobody here owns the roadmap — it sits with our Product Manager, Ana.",
        ] {
            let found = rules_found(&charter(settled));
            assert_not_flagged(&found, "both-roles-own-responsibility");
        }
        for open in [
            "Neither of you owns the roadmap.",
            "Neither of you owns the roadmap, which is a problem for the Product Manager.",
            "Nobody owns the backlog that the Product Owner refines.",
        ] {
            let found = rules_found(&charter(open));
            assert_flagged(&found, "both-roles-own-responsibility");
        }
    }

    #[test]
    fn a_rank_before_an_abbreviated_title_keeps_it_the_subject() {
        let found = rules_found(
            "# PM and PO, level by level\n\n**Senior PO:** orders the backlogs of two teams and \
             writes the domain's product strategy each year.\n",
        );
        assert_flagged(&found, "po-owns-strategy");
        let found = rules_found("# Levels\n\nThe Lead PM owns the product backlog.\n");
        assert_flagged(&found, "pm-owns-backlog");
    }

    #[test]
    fn the_owner_in_a_title_holds_nothing() {
        let found = rules_found(
            "# Roadmap review\n\n- The Product Owner flags roadmap items that need refinement.\n",
        );
        assert_not_flagged(&found, "po-owns-roadmap");
    }

    #[test]
    fn a_relative_clause_or_a_gift_gives_the_object() {
        assert_flagged(
            &rules_found("# Product Owner\n\n- Present the roadmap you own to the board.\n"),
            "po-owns-roadmap",
        );
        assert_flagged(
            &rules_found("# Product Owner\n\nYou have been given the product roadmap.\n"),
            "po-owns-roadmap",
        );
    }

    #[test]
    fn a_team_named_after_a_title_is_no_person() {
        // "Patient" is no name: the plan stays the Product Owner's.
        let found = rules_found(
            "# New PO plan — Patient App squad\n\nOwner: Lead Product Manager, Patient \
             Experience.\n\n- Own the competitive landscape deck for leadership.\n",
        );
        assert_flagged(&found, "po-owns-competitive-analysis");
    }

    #[test]
    fn a_holder_named_after_a_title_for_a_team() {
        let found = rules_found(
            "# Q3 plan\n\nGroup Product Manager for Growth: Tomás (joined in May).\n\n\
             ## How Tomás will work this quarter\n\n- Write the user stories for the squads.\n",
        );
        assert_flagged(&found, "pm-writes-user-stories");
    }

    #[test]
    fn phrasal_verbs_hold_or_make_what_follows() {
        for duty in [
            "Look after the product backlog.",
            "Take care of the product backlog.",
            "Be on the hook for the product backlog.",
            "Put together the product backlog.",
            "Come up with the product backlog.",
        ] {
            let found = rules_found(&format!("# Product Manager\n\n- {duty}\n"));
            assert_flagged(&found, "pm-owns-backlog");
        }
        // Somebody else looks after it.
        let found = rules_found(
            "# Product Manager\n\n- Work with Noor, who looks after the product backlog.\n",
        );
        assert_not_flagged(&found, "pm-owns-backlog");
    }

    #[test]
    fn the_head_of_product_in_its_own_post_is_its_holder() {
        let found =
            rules_found("# Head of Product\n\nThe Head of Product will own the product backlog.\n");
        assert_flagged(&found, "pm-owns-backlog");
        // A recruiter's message for the post: what the founders want is the post's work.
        let found = rules_found(
            "Subject: Head of Product role\n\nHi Sam,\n\nA start-up is looking for their \
             first Head of Product.\n\nWhat the founders have told me they want:\n\n\
             - Manage and groom the product backlog day to day.\n",
        );
        assert_flagged(&found, "pm-owns-backlog");
    }

    #[test]
    fn a_vague_phrase_is_not_made_concrete_by_its_own_words() {
        let found = rules_found(
            "# Product Owner\n\n- Refine backlog items.\n- You will be responsible for the \
             success of the discovery product.\n",
        );
        assert_flagged(&found, "vague-product-ownership");
    }

    #[test]
    fn an_owner_named_in_a_purpose_takes_nothing_over() {
        let found = rules_found(
            "# Product Manager\n\nYou will also write the acceptance criteria for every story, \
             so that the Product Owner can focus on ordering.\n",
        );
        assert_flagged(&found, "pm-owns-acceptance");
    }

    #[test]
    fn a_stand_in_named_before_will_heads_the_list() {
        let found = rules_found(
            "Hi all\n\nWhile Sara is away, Jamie will step in as proxy PO for the squad.\n\n\
             During that time Jamie will:\n\n- define the mobile product strategy\n",
        );
        assert_flagged(&found, "po-owns-strategy");
    }
}
