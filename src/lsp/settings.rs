//! What a check needs beyond the text: the configuration that applies to the document. This is
//! the one seam between the server and configuration; checks run the shared loader's `Config`
//! exactly as `rolelint check` does.

use crate::config::{Config, Overrides};
use crate::engine::{Analysis, Document, DocumentFormat, FindingClass, analyze};
use crate::rules::Rule;
use crate::suppress::{self, IdStatus, UNUSED_SUPPRESSION_RULE, UnusedSuppression};
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

    /// Checks one text. The same steps as `Config::check`, which returns findings only, while
    /// the server also needs the claims, sections and title of the same analysis; a test keeps
    /// the two in step.
    pub(crate) fn check(&self, text: &str, format: DocumentFormat) -> Checked {
        let config = &self.config;
        let mut analysis = analyze(text, format, &config.rules, &config.options);
        let findings: Vec<_> = std::mem::take(&mut analysis.findings)
            .into_iter()
            .filter(|finding| config.rule_enabled(&finding.rule, Some(finding.class)))
            .map(|mut finding| {
                finding.severity =
                    config.severity_for(&finding.rule, Some(finding.class), finding.severity);
                finding
            })
            .collect();
        if !text.contains("rolelint-") {
            analysis.findings = findings;
            return Checked {
                analysis,
                unused_suppressions: Vec::new(),
            };
        }
        let comments = match format {
            DocumentFormat::Markdown => Document::parse(text, format).html_comments,
            DocumentFormat::PlainText => suppress::find_html_comments(text),
        };
        let suppressed =
            suppress::apply_suppressions(text, &comments, findings, |id| id_status(config, id));
        analysis.findings = suppressed.findings;
        let report_unused = config.rule_enabled(UNUSED_SUPPRESSION_RULE, None);
        let unused_suppressions = suppressed
            .unused
            .into_iter()
            .filter(|_| report_unused)
            .map(|mut unused| {
                unused.severity =
                    config.severity_for(UNUSED_SUPPRESSION_RULE, None, unused.severity);
                unused
            })
            .collect();
        Checked {
            analysis,
            unused_suppressions,
        }
    }

    /// A rule by id, for explanations.
    pub(crate) fn rule(&self, id: &str) -> Option<&Rule> {
        self.config.rules.get(id)
    }
}

/// Whether a suppression names a rule or class that runs (as `Config` decides it).
fn id_status(config: &Config, id: &str) -> IdStatus {
    if let Some(class) = FindingClass::from_id(id) {
        let any_enabled = config
            .rules
            .rules
            .iter()
            .any(|rule| rule.class == class && config.rule_enabled(&rule.id, Some(class)));
        return if any_enabled {
            IdStatus::Active
        } else {
            IdStatus::Inactive
        };
    }
    match config.rules.get(id) {
        Some(rule) if config.rule_enabled(id, Some(rule.class)) => IdStatus::Active,
        Some(_) => IdStatus::Inactive,
        None if config.is_known_id(id) => IdStatus::Inactive,
        None => IdStatus::Unknown,
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
