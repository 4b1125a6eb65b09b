//! The trigger index: which rules can match in a clause, found with one scan of it.
//!
//! One lazy DFA runs every rule's `objects` and `patterns` at once and reports which of
//! them match. Only the forward automaton is built (no reverse automaton, no capture
//! engines): the index needs to know *whether* a pattern matches, never where.

use super::{REGEX_SIZE_LIMIT, Rule, ascii_word_boundaries};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};
use regex_syntax::hir::{Hir, HirKind};
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// One automaton over every indexed rule's trigger patterns.
pub struct TriggerIndex {
    dfa: DFA,
    /// Search state, one per thread that reads the index.
    caches: CachePool,
    /// The rule id and the position in the rule set of each pattern's rule (one pattern per
    /// rule).
    owners: Vec<(Arc<str>, usize)>,
    /// The ids of the rules the automaton was built with.
    covered: HashSet<String>,
    /// Whether some pattern needed a Unicode automaton, several times larger and slower.
    unicode: bool,
}

impl fmt::Debug for TriggerIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TriggerIndex")
            .field("patterns", &self.owners.len())
            .field("unicode", &self.unicode)
            .finish_non_exhaustive()
    }
}

impl TriggerIndex {
    pub(super) fn build(rules: &[Rule]) -> Option<TriggerIndex> {
        let mut patterns: Vec<Vec<String>> = Vec::new();
        let mut owners = Vec::new();
        // One automaton pattern per rule: the index asks which rules match, and fewer
        // patterns mean fewer match states to build and a smaller set to read per clause.
        for (position, rule) in rules.iter().enumerate() {
            if rule.trigger_patterns.is_empty() {
                continue;
            }
            patterns.push(
                rule.trigger_patterns
                    .iter()
                    .map(|pattern| ascii_word_boundaries(pattern))
                    .collect(),
            );
            owners.push((rule.id.clone(), position));
        }
        if patterns.is_empty() {
            return None;
        }
        // ASCII automata are several times smaller and faster to build; a rule folder with
        // a pattern that needs Unicode gets a Unicode automaton.
        let (dfa, unicode) = match build_dfa(&patterns, false) {
            Some(dfa) => (dfa, false),
            None => (build_dfa(&patterns, true)?, true),
        };
        let covered = owners.iter().map(|(id, _)| id.to_string()).collect();
        let for_pool = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        Some(TriggerIndex {
            dfa,
            caches,
            owners,
            covered,
            unicode,
        })
    }

    /// A scanner that reads clause after clause with one search state.
    pub fn scanner(&self) -> TriggerScanner<'_> {
        TriggerScanner {
            index: self,
            cache: self.caches.get(),
            matched: PatternSet::new(self.dfa.pattern_len()),
            rules: Vec::new(),
        }
    }

    /// The rules whose triggers match somewhere in `text` (see
    /// [`TriggerScanner::matching_rules`]).
    #[cfg(test)]
    fn matching_rules(&self, text: &str) -> Vec<(&str, usize)> {
        self.scanner().matching_rules(text).to_vec()
    }

    /// Whether the index was built with this rule's triggers.
    pub fn covers(&self, rule_id: &str) -> bool {
        self.covered.contains(rule_id)
    }
}

/// Reads clauses with the index, keeping its search state and buffers between them.
pub struct TriggerScanner<'index> {
    index: &'index TriggerIndex,
    cache: PoolGuard<'index, Cache, Box<dyn Fn() -> Cache + Send + Sync>>,
    matched: PatternSet,
    rules: Vec<(&'index str, usize)>,
}

impl<'index> TriggerScanner<'index> {
    /// The rules whose triggers match somewhere in `text`, as (id, position in the rule set
    /// the index was built from), each once. Should the automaton give up, every indexed
    /// rule is named: the index may name a rule that then finds nothing, never miss one.
    pub fn matching_rules(&mut self, text: &str) -> &[(&'index str, usize)] {
        let index = self.index;
        self.matched.clear();
        self.rules.clear();
        let searched = index.dfa.try_which_overlapping_matches(
            &mut self.cache,
            &Input::new(text),
            &mut self.matched,
        );
        let mut push = |(id, position): &'index (Arc<str>, usize)| {
            self.rules.push((&**id, *position));
        };
        match searched {
            Ok(()) => self
                .matched
                .iter()
                .for_each(|pattern| push(&index.owners[pattern.as_usize()])),
            Err(_) => index.owners.iter().for_each(push),
        }
        &self.rules
    }
}

/// Whether a counted gap stands anywhere in the pattern.
fn has_gap(hir: &Hir) -> bool {
    is_gap(hir)
        || match hir.kind() {
            HirKind::Alternation(items) | HirKind::Concat(items) => items.iter().any(has_gap),
            HirKind::Capture(capture) => has_gap(&capture.sub),
            HirKind::Repetition(repetition) => has_gap(&repetition.sub),
            _ => false,
        }
}

/// Whether this is a counted repetition that can repeat more than once: a gap.
fn is_gap(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(repetition) => repetition
            .max
            .is_some_and(|max| max >= 2 && max > repetition.min),
        _ => false,
    }
}

/// The shortest a piece can match, in bytes: how selective it is.
fn shortest(hirs: &[Hir]) -> usize {
    hirs.iter()
        .map(|hir| hir.properties().minimum_len().unwrap_or(0))
        .sum()
}

/// A pattern that matches wherever the given one does, and maybe elsewhere, but is cheaper
/// for the shared automaton: a counted gap such as `(?:\w+\s+){0,4}` multiplies the states
/// of every other pattern it is searched with, so a pattern with gaps is cut at them and its
/// longest piece stands for it. Each piece of a match is itself a match of that piece, so
/// the index still names every rule that matches; the rule's own patterns then decide.
fn relax(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Alternation(branches) => Hir::alternation(branches.iter().map(relax).collect()),
        HirKind::Capture(capture) => relax(&capture.sub),
        HirKind::Concat(items) if items.iter().any(is_gap) => {
            let best = items
                .split(is_gap)
                .rev()
                .max_by_key(|piece| shortest(piece))
                .unwrap_or(&[]);
            // A piece of a few letters would match nearly every clause; keep the pattern.
            if shortest(best) < MIN_PIECE_BYTES {
                return hir.clone();
            }
            Hir::concat(best.to_vec())
        }
        _ => hir.clone(),
    }
}

/// The shortest piece that may stand for a pattern with gaps.
const MIN_PIECE_BYTES: usize = 4;

/// The automaton over each rule's patterns (one automaton pattern per rule, its patterns as
/// alternatives), each pattern parsed once and relaxed (see [`relax`]) before compiling.
fn build_dfa(rule_patterns: &[Vec<String>], unicode: bool) -> Option<DFA> {
    let syntax = syntax::Config::new()
        .case_insensitive(true)
        .unicode(unicode)
        .utf8(true);
    let mut hirs = Vec::with_capacity(rule_patterns.len());
    for patterns in rule_patterns {
        let mut alternatives = Vec::with_capacity(patterns.len());
        for pattern in patterns {
            let hir = syntax::parse_with(pattern, &syntax).ok()?;
            alternatives.push(if has_gap(&hir) { relax(&hir) } else { hir });
        }
        hirs.push(Hir::alternation(alternatives));
    }
    let nfa = thompson::Compiler::new()
        .syntax(syntax)
        .configure(
            thompson::Config::new()
                .which_captures(thompson::WhichCaptures::None)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT * 8)),
        )
        .build_many_from_hir(&hirs)
        .ok()?;
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(MatchKind::All)
                .cache_capacity(REGEX_SIZE_LIMIT * 8),
        )
        .build_from_nfa(nfa)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn names_the_rules_whose_patterns_match() {
        let rules = RuleSet::bundled();
        let index = TriggerIndex::build(&rules.rules).expect("bundled rules index");
        let named: Vec<&str> = index
            .matching_rules("own the product roadmap")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert!(named.contains(&"po-owns-roadmap"), "{named:?}");
        assert!(!named.contains(&"pm-owns-backlog"), "{named:?}");
        assert!(index.matching_rules("nothing to see here").is_empty());
        assert!(index.covers("po-owns-roadmap"));
        // One bundled pattern that needs Unicode (a negated class, `.`) would make the whole
        // automaton Unicode: several times slower on every document.
        assert!(
            !index.unicode,
            "a bundled trigger pattern needs a Unicode automaton"
        );
    }

    #[test]
    fn a_pattern_with_a_gap_stands_as_its_longest_piece() {
        let pattern = r"\b(?:attend|join)\s+(?:[\w-]+\s+){0,4}?(?:daily\s+stand[- ]?ups?)\b";
        let cut = relaxed(pattern);
        let piece = regex::Regex::new(&format!("(?i){cut}")).expect("relaxed pattern");
        // Everything the pattern matches, the piece matches; and more, the gap being gone.
        for text in [
            "attend the daily standup",
            "join our two daily stand-ups",
            "Daily standups",
        ] {
            assert!(piece.is_match(text), "{cut} on {text:?}");
        }
        assert!(!piece.is_match("attend the weekly review"), "{cut}");
        // A gap between short pieces keeps the pattern whole: a piece of a few letters would
        // name the rule in nearly every clause.
        assert_eq!(
            relaxed(r"a(?:\w+\s+){0,3}b"),
            parsed(r"a(?:\w+\s+){0,3}b").to_string()
        );
    }

    fn parsed(pattern: &str) -> Hir {
        syntax::parse_with(
            pattern,
            &syntax::Config::new().case_insensitive(true).unicode(false),
        )
        .expect("pattern")
    }

    fn relaxed(pattern: &str) -> String {
        relax(&parsed(pattern)).to_string()
    }
}
