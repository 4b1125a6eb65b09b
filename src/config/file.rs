//! The `.rolelint.toml` format as TOML sees it. Every value keeps its span so that a mistake
//! is reported at its line and column; unknown keys are rejected.

use crate::engine::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One `.rolelint.toml` file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Findings at or above this severity fail the run (exit 1): error | warning | info.
    #[serde(default)]
    pub fail_on: Option<Spanned<Severity>>,
    /// Which files a folder walk checks (gitignore-style globs, relative to the config's
    /// folder); replaces the default `*.md`, `*.markdown`, `*.mdx`, `*.txt`.
    #[serde(default)]
    pub include: Option<Vec<Spanned<String>>>,
    /// Files and folders never checked (gitignore-style globs, relative to the config's folder).
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Extra folders of rule files (`*.toml`), relative to the config's folder.
    #[serde(default)]
    pub rule_folders: Vec<Spanned<String>>,
    #[serde(default)]
    pub rules: RulesTable,
    #[serde(default)]
    pub roles: RolesTable,
}

/// The `[rules]` table: which rules run and how severe their findings are.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RulesTable {
    /// Rule ids, finding classes or `all`; when given, only these run.
    #[serde(default)]
    pub enable: Option<Vec<Spanned<String>>>,
    /// Rule ids or finding classes that do not run.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Severity by rule id or finding class (a rule id wins over its class).
    #[serde(default)]
    pub severity: BTreeMap<String, Spanned<Severity>>,
}

/// The `[roles]` table: the organisation's own titles and whether it combines the roles.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RolesTable {
    /// Extra titles that name a Product Manager, such as "Product Lead".
    #[serde(default)]
    pub product_manager: Vec<Spanned<String>>,
    /// Extra titles that name a Product Owner, such as "Delivery Owner".
    #[serde(default)]
    pub product_owner: Vec<Spanned<String>>,
    /// The organisation merges the two roles on purpose: mixing is reported once, as info.
    #[serde(default)]
    pub combined: bool,
}
