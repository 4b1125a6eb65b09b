//! The rules shipped inside the binary, so that it runs from any folder.

use super::RuleSource;

include!(concat!(env!("OUT_DIR"), "/bundled_rules.rs"));

/// The bundled rule files, in file-name order, with `rules/<id>.toml` as their path.
pub fn sources() -> Vec<RuleSource> {
    BUNDLED_RULES
        .iter()
        .map(|(name, text)| RuleSource {
            path: format!("rules/{name}"),
            text: (*text).to_string(),
        })
        .collect()
}
