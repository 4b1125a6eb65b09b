//! The trigger index: which rules can match in a clause, found with one scan of it.
//!
//! One lazy DFA runs every rule's `objects` and `patterns` at once and reports which of
//! them match. Only the forward automaton is built (no reverse automaton, no capture
//! engines): the index needs to know *whether* a pattern matches, never where.

use super::{REGEX_SIZE_LIMIT, Rule, ascii_word_boundaries};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};
use std::collections::HashSet;
use std::fmt;

type CachePool = Pool<Cache, Box<dyn Fn() -> Cache + Send + Sync>>;

/// One automaton over every indexed rule's trigger patterns.
pub struct TriggerIndex {
    dfa: DFA,
    /// Search state, one per thread that reads the index.
    caches: CachePool,
    /// The rule id and the position in the rule set of each pattern's rule.
    owners: Vec<(String, usize)>,
    /// The ids of the rules the automaton was built with.
    covered: HashSet<String>,
}

impl fmt::Debug for TriggerIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TriggerIndex")
            .field("patterns", &self.owners.len())
            .finish_non_exhaustive()
    }
}

impl TriggerIndex {
    pub(super) fn build(rules: &[Rule]) -> Option<TriggerIndex> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (position, rule) in rules.iter().enumerate() {
            for pattern in &rule.trigger_patterns {
                patterns.push(ascii_word_boundaries(pattern));
                owners.push((rule.id.clone(), position));
            }
        }
        if patterns.is_empty() {
            return None;
        }
        // ASCII automata are several times smaller and faster to build; a rule folder with
        // a pattern that needs Unicode gets a Unicode automaton.
        let dfa = build_dfa(&patterns, false).or_else(|| build_dfa(&patterns, true))?;
        let covered = owners.iter().map(|(id, _)| id.clone()).collect();
        let for_pool = dfa.clone();
        let caches: CachePool = Pool::new(Box::new(move || for_pool.create_cache()));
        Some(TriggerIndex {
            dfa,
            caches,
            owners,
            covered,
        })
    }

    /// The rules whose triggers match somewhere in `text`, as (id, position in the rule set
    /// the index was built from). Should the automaton give up, every indexed rule is named:
    /// the index may name a rule that then finds nothing, never miss one.
    pub fn matching_rules(&self, text: &str) -> Vec<(&str, usize)> {
        let mut matched = PatternSet::new(self.dfa.pattern_len());
        let searched = self.dfa.try_which_overlapping_matches(
            &mut self.caches.get(),
            &Input::new(text),
            &mut matched,
        );
        let owners: Box<dyn Iterator<Item = &(String, usize)>> = match searched {
            Ok(()) => Box::new(
                matched
                    .iter()
                    .map(|pattern| &self.owners[pattern.as_usize()]),
            ),
            Err(_) => Box::new(self.owners.iter()),
        };
        let mut rules: Vec<(&str, usize)> = owners
            .map(|(id, position)| (id.as_str(), *position))
            .collect();
        rules.dedup();
        rules
    }

    /// Whether the index was built with this rule's triggers.
    pub fn covers(&self, rule_id: &str) -> bool {
        self.covered.contains(rule_id)
    }
}

fn build_dfa(patterns: &[String], unicode: bool) -> Option<DFA> {
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(MatchKind::All)
                .cache_capacity(REGEX_SIZE_LIMIT * 8),
        )
        .syntax(
            syntax::Config::new()
                .case_insensitive(true)
                .unicode(unicode)
                .utf8(true),
        )
        .thompson(
            thompson::Config::new()
                .which_captures(thompson::WhichCaptures::None)
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT * 8)),
        )
        .build_many(patterns)
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
    }
}
