//! Configuration (`.rolelint.toml`): one loader shared by the CLI and the language server.
//!
//! A [`Config`] is a loaded file (or the defaults) with its rules compiled. [`Config::check`]
//! is the one function both shells call to check a text: it runs the engine, applies rule
//! selection, severity overrides and inline suppressions. [`ConfigResolver`] finds the
//! nearest `.rolelint.toml` above a file and caches what it loaded.

pub mod file;
mod starter;

use crate::engine::roles::RoleVocabulary;
use crate::engine::{
    Analysis, Document, DocumentFormat, EngineOptions, Finding, FindingClass, Severity,
};
use crate::rules::{Rule, RuleError, RuleSet, RuleSource};
use crate::suppress::{self, IdStatus, UNUSED_SUPPRESSION_RULE, UnusedSuppression};
use crate::text::{ColumnEncoding, LineMap};
use file::ConfigFile;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use starter::STARTER_CONFIG;

/// The name of the configuration file looked for in each folder.
pub const CONFIG_FILE_NAME: &str = ".rolelint.toml";

/// File patterns a folder walk checks when no `include` is configured.
pub const DEFAULT_INCLUDE: &[&str] = &["*.md", "*.markdown", "*.mdx", "*.txt"];

/// A configuration file that cannot be used, with the place of the mistake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct ConfigError {
    pub path: String,
    /// 1-based line and column (1:1 when the file as a whole is wrong).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Settings given on the command line (or by an editor) that win over every config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces `fail-on`.
    pub fail_on: Option<Severity>,
    /// Rule folders loaded after the config's own (paths as given, not relative to a config).
    pub rule_folders: Vec<PathBuf>,
}

/// A loaded configuration with its rules compiled, ready to check texts.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file, or `None` for the defaults.
    pub path: Option<PathBuf>,
    /// The folder that relative globs and rule folders start from.
    pub root: PathBuf,
    /// Findings at or above this severity fail the run.
    pub fail_on: Severity,
    /// The compiled rules (bundled, then the config's folders, then the overrides' folders).
    pub rules: RuleSet,
    pub options: EngineOptions,
    /// Rule files that did not load; the other rules run. Shells show these as errors.
    pub rule_errors: Vec<RuleError>,
    selection: RuleSelection,
    /// Severity by rule id or class id.
    severities: HashMap<String, Severity>,
    include: Option<Gitignore>,
    exclude: Gitignore,
    /// Ids of every rule source, loaded or not, for telling unknown ids from broken rules.
    known_rule_ids: BTreeSet<String>,
}

/// Which rules run: `enable` (ids, classes or `all`) minus `disable`; an id beats a class.
#[derive(Debug, Clone, Default)]
struct RuleSelection {
    /// `None` means `all`.
    enable: Option<BTreeSet<String>>,
    disable: BTreeSet<String>,
}

impl RuleSelection {
    fn enabled(&self, rule: &str, class: Option<&str>) -> bool {
        if self.disable.contains(rule) {
            return false;
        }
        let enabled_by_list = |id: &str| {
            self.enable
                .as_ref()
                .is_none_or(|enable| enable.contains("all") || enable.contains(id))
        };
        if self
            .enable
            .as_ref()
            .is_some_and(|enable| enable.contains(rule))
        {
            return true;
        }
        match class {
            Some(class) if self.disable.contains(class) => false,
            Some(class) => enabled_by_list(rule) || enabled_by_list(class),
            None => enabled_by_list(rule),
        }
    }
}

/// The result of checking one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckResult {
    /// Findings of enabled rules, not suppressed, with configured severities, in document order.
    pub findings: Vec<Finding>,
    /// Suppression comments that hide nothing (rule id `unused-suppression`).
    pub unused_suppressions: Vec<UnusedSuppression>,
}

/// The result of [`Config::analyze`].
#[derive(Debug, Clone, Default)]
pub struct CheckedAnalysis {
    /// The engine's analysis; its `findings` are the reported ones (selection, severities and
    /// suppressions applied).
    pub analysis: Analysis,
    pub unused_suppressions: Vec<UnusedSuppression>,
}

impl Config {
    /// The defaults: bundled rules, default vocabulary, `fail-on = "warning"`, plus overrides.
    /// Rule folders are relative to `root`.
    pub fn defaults(root: &Path, overrides: &Overrides) -> Config {
        let mut config = Config {
            path: None,
            root: root.to_path_buf(),
            fail_on: overrides.fail_on.unwrap_or(Severity::Warning),
            rules: RuleSet::default(),
            options: EngineOptions::default(),
            rule_errors: Vec::new(),
            selection: RuleSelection::default(),
            severities: HashMap::new(),
            include: None,
            exclude: Gitignore::empty(),
            known_rule_ids: BTreeSet::new(),
        };
        let mut sources = crate::rules::bundled::sources();
        for folder in &overrides.rule_folders {
            read_rule_folder(folder, None, &mut sources, &mut config.rule_errors);
        }
        config.compile_rules(&sources);
        config
    }

    /// Reads and loads a config file.
    pub fn load(path: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        let whole_file = |message: String| ConfigError {
            path: path.display().to_string(),
            line: 1,
            column: 1,
            message,
        };
        // Only a regular file is read: a pipe or a device would block or never end.
        let metadata = std::fs::metadata(path).map_err(|error| whole_file(error.to_string()))?;
        if !metadata.is_file() {
            return Err(whole_file("not a regular file".to_string()));
        }
        let bytes = std::fs::read(path).map_err(|error| whole_file(error.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|error| {
            whole_file(format!(
                "not valid UTF-8 (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            ))
        })?;
        Config::parse(&text, path, overrides)
    }

    /// Loads a config from its text; `path` names it in errors, and its folder is the root for
    /// globs and rule folders (which are read from disk).
    pub fn parse(text: &str, path: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let error_at = |span: Range<usize>, message: String| {
            let map = LineMap::new(text);
            let position = map.position(text, span.start, ColumnEncoding::Chars);
            ConfigError {
                path: shown.clone(),
                line: position.line as usize + 1,
                column: position.column as usize + 1,
                message,
            }
        };
        let file: ConfigFile = toml::from_str(text).map_err(|error| {
            error_at(
                error.span().unwrap_or(0..0),
                error.message().trim().to_string(),
            )
        })?;
        let root = path
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();

        let pm_aliases: Vec<String> = file
            .roles
            .product_manager
            .iter()
            .map(|alias| alias.get_ref().clone())
            .collect();
        let po_aliases: Vec<String> = file
            .roles
            .product_owner
            .iter()
            .map(|alias| alias.get_ref().clone())
            .collect();
        let vocabulary = RoleVocabulary::new(&pm_aliases, &po_aliases).map_err(|error| {
            let span = file
                .roles
                .product_manager
                .first()
                .or(file.roles.product_owner.first())
                .map_or(0..0, |alias| alias.span());
            error_at(span, format!("role titles do not compile: {error}"))
        })?;

        let glob_set = |globs: &[toml::Spanned<String>]| -> Result<Gitignore, ConfigError> {
            let mut builder = GitignoreBuilder::new(&root);
            for glob in globs {
                builder
                    .add_line(None, glob.get_ref())
                    .map_err(|error| error_at(glob.span(), format!("bad glob: {error}")))?;
            }
            builder
                .build()
                .map_err(|error| error_at(0..0, format!("bad glob: {error}")))
        };
        let include = file.include.as_deref().map(glob_set).transpose()?;
        let exclude = glob_set(&file.exclude)?;

        let mut rule_errors = Vec::new();
        let mut sources = crate::rules::bundled::sources();
        for folder in &file.rule_folders {
            let resolved = root.join(folder.get_ref());
            check_inside(&root, &resolved, "rule folder")
                .map_err(|message| error_at(folder.span(), message))?;
            if !resolved.is_dir() {
                return Err(error_at(
                    folder.span(),
                    format!("rule folder `{}` does not exist", resolved.display()),
                ));
            }
            read_rule_folder(&resolved, Some(&root), &mut sources, &mut rule_errors);
        }
        for folder in &overrides.rule_folders {
            read_rule_folder(folder, None, &mut sources, &mut rule_errors);
        }

        let mut config = Config {
            path: Some(path.to_path_buf()),
            root,
            fail_on: overrides
                .fail_on
                .or(file.fail_on.as_ref().map(|value| *value.get_ref()))
                .unwrap_or(Severity::Warning),
            rules: RuleSet::default(),
            options: EngineOptions {
                vocabulary,
                combined_roles: file.roles.combined,
            },
            rule_errors,
            selection: RuleSelection::default(),
            severities: HashMap::new(),
            include,
            exclude,
            known_rule_ids: BTreeSet::new(),
        };
        config.compile_rules(&sources);

        let check_id = |id: &toml::Spanned<String>, allow_all: bool| {
            let value = id.get_ref().as_str();
            if (allow_all && value == "all") || config.is_known_id(value) {
                Ok(value.to_string())
            } else {
                Err(error_at(
                    id.span(),
                    format!("`{value}` is not a rule id or finding class (see `rolelint rules`)"),
                ))
            }
        };
        let enable = match &file.rules.enable {
            Some(ids) => Some(
                ids.iter()
                    .map(|id| check_id(id, true))
                    .collect::<Result<BTreeSet<_>, _>>()?,
            ),
            None => None,
        };
        let disable = file
            .rules
            .disable
            .iter()
            .map(|id| check_id(id, false))
            .collect::<Result<BTreeSet<_>, _>>()?;
        let mut severities = HashMap::new();
        for (id, severity) in &file.rules.severity {
            if !config.is_known_id(id) {
                return Err(error_at(
                    severity.span(),
                    format!(
                        "`{id}` in [rules.severity] is not a rule id or finding class (see `rolelint rules`)"
                    ),
                ));
            }
            severities.insert(id.clone(), *severity.get_ref());
        }
        config.selection = RuleSelection { enable, disable };
        config.severities = severities;
        Ok(config)
    }

    /// Compiles the rule sources in parallel (regex compilation is most of a run's start-up);
    /// a later source replaces an earlier rule of the same id, as `RuleSet::compile` does.
    fn compile_rules(&mut self, sources: &[RuleSource]) {
        let vocabulary = &self.options.vocabulary;
        let compiled: Vec<(RuleSet, Vec<RuleError>)> = sources
            .par_iter()
            .map(|source| RuleSet::compile(std::slice::from_ref(source), vocabulary))
            .collect();
        let mut rules: Vec<Rule> = Vec::new();
        for (set, errors) in compiled {
            for rule in set.rules {
                rules.retain(|existing| existing.id != rule.id);
                rules.push(rule);
            }
            self.rule_errors.extend(errors);
        }
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        self.rules = RuleSet::from_rules(rules);
        // The trigger index is built with the rules, not by the first check: in the server
        // that check is a document the user is waiting for.
        let _ = self.rules.trigger_index();
        self.known_rule_ids = sources.iter().map(RuleSource::id).collect();
        self.known_rule_ids
            .insert(UNUSED_SUPPRESSION_RULE.to_string());
    }

    /// Whether an id names a rule (loaded or broken), a finding class or `unused-suppression`.
    pub fn is_known_id(&self, id: &str) -> bool {
        self.known_rule_ids.contains(id) || FindingClass::from_id(id).is_some()
    }

    /// Whether findings of this rule are reported.
    pub fn rule_enabled(&self, rule: &str, class: Option<FindingClass>) -> bool {
        self.selection.enabled(rule, class.map(FindingClass::id))
    }

    /// The severity a finding is reported with: configured for its rule, else for its class,
    /// else the rule's own.
    pub fn severity_for(
        &self,
        rule: &str,
        class: Option<FindingClass>,
        default: Severity,
    ) -> Severity {
        self.severities
            .get(rule)
            .or_else(|| class.and_then(|class| self.severities.get(class.id())))
            .copied()
            .unwrap_or(default)
    }

    /// Whether a file met during a folder walk is checked: it matches `include` (or the
    /// default extensions) and not `exclude`.
    pub fn walk_includes(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        let included = match &self.include {
            Some(include) => include
                .matched_path_or_any_parents(&relative, false)
                .is_ignore(),
            None => has_default_extension(path),
        };
        included && !self.excludes(path)
    }

    /// Whether a path is excluded by the config (files named on the command line too).
    pub fn excludes(&self, path: &Path) -> bool {
        let relative = self.relative(path);
        self.exclude
            .matched_path_or_any_parents(&relative, false)
            .is_ignore()
    }

    /// The path relative to the config's folder, or its file name when it lies outside.
    fn relative(&self, path: &Path) -> PathBuf {
        let absolute_root = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match absolute.strip_prefix(&absolute_root) {
            Ok(relative) if !relative.as_os_str().is_empty() => relative.to_path_buf(),
            _ => path
                .file_name()
                .map_or_else(|| path.to_path_buf(), PathBuf::from),
        }
    }

    /// Checks one text: the engine's findings for the enabled rules with configured
    /// severities, minus inline suppressions, plus the suppressions that hide nothing.
    pub fn check(&self, text: &str, format: DocumentFormat) -> CheckResult {
        let checked = self.analyze(text, format);
        CheckResult {
            findings: checked.analysis.findings,
            unused_suppressions: checked.unused_suppressions,
        }
    }

    /// [`Config::check`] that keeps the whole analysis (claims, sections, title) for shells that
    /// show more than findings; `analysis.findings` holds the reported findings.
    pub fn analyze(&self, text: &str, format: DocumentFormat) -> CheckedAnalysis {
        let mut analysis = crate::engine::analyze(text, format, &self.rules, &self.options);
        let findings: Vec<Finding> = std::mem::take(&mut analysis.findings)
            .into_iter()
            .filter(|finding| self.rule_enabled(&finding.rule, Some(finding.class)))
            .map(|mut finding| {
                finding.severity =
                    self.severity_for(&finding.rule, Some(finding.class), finding.severity);
                finding
            })
            .collect();
        // Parsing for comments costs a second pass, so only texts that mention a directive pay.
        if !text.contains("rolelint-") {
            analysis.findings = findings;
            return CheckedAnalysis {
                analysis,
                unused_suppressions: Vec::new(),
            };
        }
        let comments = match format {
            DocumentFormat::Markdown => Document::parse(text, format).html_comments,
            DocumentFormat::PlainText => suppress::find_html_comments(text),
        };
        let suppressed =
            suppress::apply_suppressions(text, &comments, findings, |id| self.id_status(id));
        analysis.findings = suppressed.findings;
        let report_unused = self.rule_enabled(UNUSED_SUPPRESSION_RULE, None);
        let unused_suppressions = suppressed
            .unused
            .into_iter()
            .filter(|_| report_unused)
            .map(|mut unused| {
                unused.severity = self.severity_for(UNUSED_SUPPRESSION_RULE, None, unused.severity);
                unused
            })
            .collect();
        CheckedAnalysis {
            analysis,
            unused_suppressions,
        }
    }

    /// How a suppression comment's id stands under this config: a rule or class that runs,
    /// one that is turned off (or whose file is broken), or an unknown id.
    pub fn id_status(&self, id: &str) -> IdStatus {
        if let Some(class) = FindingClass::from_id(id) {
            let any_enabled = self
                .rules
                .rules
                .iter()
                .any(|rule| rule.class == class && self.rule_enabled(&rule.id, Some(class)));
            return if any_enabled {
                IdStatus::Active
            } else {
                IdStatus::Inactive
            };
        }
        match self.rules.get(id) {
            Some(rule) if self.rule_enabled(id, Some(rule.class)) => IdStatus::Active,
            Some(_) => IdStatus::Inactive,
            // A rule whose file is broken is known but does not run.
            None if self.known_rule_ids.contains(id) => IdStatus::Inactive,
            None => IdStatus::Unknown,
        }
    }
}

/// Whether a file name has one of the default extensions.
pub fn has_default_extension(path: &Path) -> bool {
    path.extension().is_some_and(|extension| {
        let extension = extension.to_string_lossy().to_ascii_lowercase();
        DEFAULT_INCLUDE
            .iter()
            .any(|pattern| pattern.strip_prefix("*.") == Some(extension.as_str()))
    })
}

/// A rule folder (or a rule file in it) must stay inside the config file's folder, so that a
/// config in a repository cannot make rolelint read files elsewhere on the machine; `what`
/// names the path in the message.
fn check_inside(root: &Path, folder: &Path, what: &str) -> Result<(), String> {
    let canonical_root = root.canonicalize().map_err(|error| {
        format!(
            "cannot resolve the config's folder `{}`: {error}",
            root.display()
        )
    })?;
    let Ok(canonical_folder) = folder.canonicalize() else {
        // A missing folder is reported by the caller.
        return Ok(());
    };
    if canonical_folder.starts_with(&canonical_root) {
        Ok(())
    } else {
        Err(format!(
            "{what} `{}` is outside the config's folder `{}`",
            folder.display(),
            root.display()
        ))
    }
}

/// Reads every `*.toml` of a folder (in name order) as a rule source; problems become rule
/// errors and the rest still load. With `inside`, a folder named by a config file, a rule
/// file that resolves (through a symbolic link) outside that folder is refused unread.
fn read_rule_folder(
    folder: &Path,
    inside: Option<&Path>,
    sources: &mut Vec<RuleSource>,
    errors: &mut Vec<RuleError>,
) {
    let folder_error = |message: String| RuleError {
        path: folder.display().to_string(),
        line: 1,
        column: 1,
        message,
    };
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(folder_error(format!("cannot read rule folder: {error}")));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
                && path.is_file()
        })
        .collect();
    paths.sort();
    for path in paths {
        let shown = path.display().to_string();
        if let Some(root) = inside
            && let Err(message) = check_inside(root, &path, "rule file")
        {
            errors.push(RuleError {
                path: shown,
                line: 1,
                column: 1,
                message,
            });
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(RuleSource { path: shown, text }),
                Err(error) => errors.push(RuleError {
                    path: shown,
                    line: 1,
                    column: 1,
                    message: format!(
                        "not valid UTF-8 (invalid byte at offset {})",
                        error.utf8_error().valid_up_to()
                    ),
                }),
            },
            Err(error) => errors.push(RuleError {
                path: shown,
                line: 1,
                column: 1,
                message: error.to_string(),
            }),
        }
    }
}

/// The nearest `.rolelint.toml` in `folder` or one of its parents (an absolute path).
pub fn find_config_file(folder: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    absolute
        .ancestors()
        .map(|ancestor| ancestor.join(CONFIG_FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A config file's outcome: loaded, or why not.
pub type LoadedConfig = Result<Arc<Config>, ConfigError>;

/// Where configuration comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigSource {
    /// The nearest `.rolelint.toml` above each file (the defaults when there is none).
    Discover,
    /// One file for everything (`--config PATH`).
    File(PathBuf),
    /// No file at all (`--no-config`).
    Defaults,
}

/// Finds and caches the configuration of each file.
#[derive(Debug)]
pub struct ConfigResolver {
    source: ConfigSource,
    overrides: Overrides,
    /// The config file that applies in a folder (`None`: the defaults).
    folder_configs: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, LoadedConfig>,
    defaults: Option<Arc<Config>>,
}

impl ConfigResolver {
    pub fn new(source: ConfigSource, overrides: Overrides) -> ConfigResolver {
        ConfigResolver {
            source,
            overrides,
            folder_configs: HashMap::new(),
            loaded: HashMap::new(),
            defaults: None,
        }
    }

    /// The configuration for a file (or for a folder's files when `path` is a folder). An
    /// error means the config file that applies is broken.
    pub fn config_for(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        let config_path = match &self.source {
            ConfigSource::Defaults => None,
            ConfigSource::File(file) => Some(file.clone()),
            ConfigSource::Discover => {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let folder = if absolute.is_dir() {
                    absolute
                } else {
                    absolute
                        .parent()
                        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
                };
                match self.folder_configs.get(&folder) {
                    Some(found) => found.clone(),
                    None => {
                        let found = find_config_file(&folder);
                        self.folder_configs.insert(folder, found.clone());
                        found
                    }
                }
            }
        };
        match config_path {
            None => Ok(self.defaults()),
            Some(config_path) => self
                .loaded
                .entry(config_path.clone())
                .or_insert_with(|| Config::load(&config_path, &self.overrides).map(Arc::new))
                .clone(),
        }
    }

    /// The defaults with the overrides (rule folders relative to the working folder).
    pub fn defaults(&mut self) -> Arc<Config> {
        self.defaults
            .get_or_insert_with(|| Arc::new(Config::defaults(Path::new("."), &self.overrides)))
            .clone()
    }

    /// Forgets everything loaded, for when config or rule files change.
    pub fn clear(&mut self) {
        self.folder_configs.clear();
        self.loaded.clear();
        self.defaults = None;
    }

    /// Every config loaded so far, in path order (the defaults first when used).
    pub fn loaded(&self) -> Vec<(Option<PathBuf>, LoadedConfig)> {
        let mut loaded: Vec<_> = self
            .loaded
            .iter()
            .map(|(path, config)| (Some(path.clone()), config.clone()))
            .collect();
        loaded.sort_by(|a, b| a.0.cmp(&b.0));
        if let Some(defaults) = &self.defaults {
            loaded.insert(0, (None, Ok(defaults.clone())));
        }
        loaded
    }
}

#[cfg(test)]
mod tests;
