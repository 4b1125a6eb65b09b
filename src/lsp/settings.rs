//! What a check needs beyond the text: the configuration that applies to the document. This is
//! the one seam between the server and configuration; checks run the shared loader's `Config`
//! exactly as `rolelint check` does.

use crate::config::{Config, Overrides};
use crate::engine::{Analysis, DocumentFormat};
use crate::rules::Rule;
use crate::suppress::UnusedSuppression;
use std::path::Path;
use std::sync::Arc;

/// The configuration one check runs with.
#[derive(Debug, Clone)]
pub(crate) struct CheckSettings {
    pub(crate) config: Arc<Config>,
}

/// A check's results: the engine's analysis, with the findings the configuration reports
/// (enabled rules, configured severities, inline suppressions applied), and the suppression
/// comments that hide nothing.
pub(crate) struct Checked {
    pub(crate) analysis: Analysis,
    pub(crate) unused_suppressions: Vec<UnusedSuppression>,
}

impl CheckSettings {
    /// The bundled rules with default options: what runs when no configuration applies.
    pub(crate) fn defaults() -> CheckSettings {
        CheckSettings {
            config: Arc::new(Config::defaults(Path::new("."), &Overrides::default())),
        }
    }

    /// Checks one text with the shared check, keeping the claims, sections and title of the
    /// same analysis for hover, symbols and the role balance.
    pub(crate) fn check(&self, text: &str, format: DocumentFormat) -> Checked {
        let checked = self.config.analyze(text, format);
        Checked {
            analysis: checked.analysis,
            unused_suppressions: checked.unused_suppressions,
        }
    }

    /// A rule by id, for explanations.
    pub(crate) fn rule(&self, id: &str) -> Option<&Rule> {
        self.config.rules.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The server's check reports exactly what `Config::check` reports.
    #[test]
    fn the_server_check_matches_the_shared_check() {
        let configs = [
            "",
            "[rules]\ndisable = [\"unqualified-shared\"]\n[rules.severity]\npo-owns-roadmap = \"error\"\n",
            "[rules]\nenable = [\"cross-role\"]\n",
            "[roles]\ncombined = true\n",
        ];
        let texts = [
            "# Product Owner\n\n- Own the product roadmap.\n- Schedule releases.\n",
            "# Product Owner\n\n<!-- rolelint-disable-next-line po-owns-roadmap -->\n- Own the product roadmap.\n<!-- rolelint-disable-next-line no-such-rule -->\n- Own the backlog.\n<!-- rolelint-disable-next-line cross-role -->\n- Schedule releases.\n",
        ];
        for config_text in configs {
            let config = Config::parse(
                config_text,
                Path::new("/tmp/.rolelint.toml"),
                &Overrides::default(),
            )
            .expect("valid config");
            let settings = CheckSettings {
                config: Arc::new(config.clone()),
            };
            for text in texts {
                for format in [DocumentFormat::Markdown, DocumentFormat::PlainText] {
                    let shared = config.check(text, format);
                    let ours = settings.check(text, format);
                    assert_eq!(ours.analysis.findings, shared.findings, "{config_text}");
                    assert_eq!(ours.unused_suppressions, shared.unused_suppressions);
                }
            }
        }
    }
}
