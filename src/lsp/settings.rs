//! What a check needs beyond the text: the rules and engine options in force. This is the one
//! seam between the server and configuration, so that loading `.rolelint.toml` changes only
//! how a `CheckSettings` is built, never how documents are checked.

use crate::engine::{Analysis, DocumentFormat, EngineOptions, analyze};
use crate::rules::{Rule, RuleSet};

/// The rules and options one check runs with.
#[derive(Debug)]
pub(crate) struct CheckSettings {
    rules: RuleSet,
    options: EngineOptions,
}

impl CheckSettings {
    /// The bundled rules with default options: what runs when no configuration is found.
    pub(crate) fn bundled() -> CheckSettings {
        CheckSettings {
            rules: RuleSet::bundled(),
            options: EngineOptions::default(),
        }
    }

    /// Checks one text.
    pub(crate) fn check(&self, text: &str, format: DocumentFormat) -> Analysis {
        analyze(text, format, &self.rules, &self.options)
    }

    /// A rule by id, for explanations.
    pub(crate) fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.get(id)
    }
}
