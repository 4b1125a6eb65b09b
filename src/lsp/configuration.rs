//! Which configuration applies to each document. Sources, strongest first: a config file the
//! editor names (`configPath`, like `--config`), else the nearest `.rolelint.toml` above the
//! document (unless `noConfig`, like `--no-config`), else the `config` table of the editor's
//! settings (the keys of `.rolelint.toml`, as JSON), else the defaults. Everything is loaded by
//! the shared loader in `crate::config`. A config that breaks keeps its last good version.

use crate::config::{
    Config, ConfigError, ConfigResolver, ConfigSource, Overrides, find_config_file,
};
use crate::rules::RuleError;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The `rolelint` section of the editor's settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EditorSettings {
    pub(crate) config_path: Option<PathBuf>,
    pub(crate) no_config: bool,
    pub(crate) rule_folders: Vec<PathBuf>,
    /// `.rolelint.toml` keys given in the settings themselves.
    pub(crate) config: Option<serde_json::Map<String, Value>>,
}

impl EditorSettings {
    /// Reads settings given either as the `rolelint` section itself or as an object holding
    /// it; anything unexpected is ignored rather than failing.
    pub(crate) fn from_json(value: &Value) -> EditorSettings {
        let section = value.get("rolelint").unwrap_or(value);
        let text = |key: &str| section.get(key).and_then(Value::as_str).map(PathBuf::from);
        EditorSettings {
            config_path: text("configPath").filter(|path| !path.as_os_str().is_empty()),
            no_config: section
                .get("noConfig")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            rule_folders: section
                .get("ruleFolders")
                .and_then(Value::as_array)
                .map(|folders| {
                    folders
                        .iter()
                        .filter_map(Value::as_str)
                        .map(PathBuf::from)
                        .collect()
                })
                .unwrap_or_default(),
            config: section.get("config").and_then(Value::as_object).cloned(),
        }
    }
}

/// A configuration or rule file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Problem {
    pub(crate) path: String,
    /// 1-based, as the loader reports them.
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

impl From<&ConfigError> for Problem {
    fn from(error: &ConfigError) -> Problem {
        Problem {
            path: error.path.clone(),
            line: error.line,
            column: error.column,
            message: error.message.clone(),
        }
    }
}

impl From<&RuleError> for Problem {
    fn from(error: &RuleError) -> Problem {
        Problem {
            path: error.path.clone(),
            line: error.line,
            column: error.column,
            message: error.message.clone(),
        }
    }
}

/// The name the editor's own `config` table goes by in messages.
const EDITOR_SETTINGS_NAME: &str = "rolelint editor settings";

/// Every configuration the server has loaded.
pub(crate) struct Configurations {
    settings: EditorSettings,
    /// The workspace folder: where the editor's rule folders and `config` table are rooted.
    root: PathBuf,
    resolver: ConfigResolver,
    editor_config: Option<Result<Arc<Config>, ConfigError>>,
    last_good: HashMap<PathBuf, Arc<Config>>,
    defaults: Option<Arc<Config>>,
}

impl Configurations {
    pub(crate) fn new(root: PathBuf, settings: EditorSettings) -> Configurations {
        Configurations {
            resolver: resolver_for(&settings, &root),
            settings,
            root,
            editor_config: None,
            last_good: HashMap::new(),
            defaults: None,
        }
    }

    pub(crate) fn settings(&self) -> &EditorSettings {
        &self.settings
    }

    /// New editor settings; everything is loaded again on the next check.
    pub(crate) fn set_settings(&mut self, settings: EditorSettings) {
        self.resolver = resolver_for(&settings, &self.root);
        self.settings = settings;
        self.reload();
    }

    /// Forgets what was loaded (a config or rule file changed); last good configs are kept.
    pub(crate) fn reload(&mut self) {
        self.resolver.clear();
        self.editor_config = None;
        self.defaults = None;
    }

    fn overrides(&self) -> Overrides {
        Overrides {
            fail_on: None,
            rule_folders: self
                .settings
                .rule_folders
                .iter()
                .map(|folder| self.root.join(folder))
                .collect(),
        }
    }

    fn defaults(&mut self) -> Arc<Config> {
        if self.defaults.is_none() {
            self.defaults = Some(Arc::new(Config::defaults(&self.root, &self.overrides())));
        }
        self.defaults
            .clone()
            .unwrap_or_else(|| Arc::new(Config::defaults(&self.root, &Overrides::default())))
    }

    /// The editor's `config` table as a configuration, or the defaults without one.
    fn editor_or_defaults(&mut self, problems: &mut Vec<Problem>) -> Arc<Config> {
        let Some(table) = self.settings.config.clone() else {
            return self.defaults();
        };
        if self.editor_config.is_none() {
            let path = self.root.join(EDITOR_SETTINGS_NAME);
            let loaded = toml::to_string(&table)
                .map_err(|error| ConfigError {
                    path: EDITOR_SETTINGS_NAME.to_string(),
                    line: 1,
                    column: 1,
                    message: format!("cannot be read as configuration: {error}"),
                })
                .and_then(|text| Config::parse(&text, &path, &self.overrides()))
                .map(Arc::new)
                .map_err(|error| ConfigError {
                    path: EDITOR_SETTINGS_NAME.to_string(),
                    ..error
                });
            self.editor_config = Some(loaded);
        }
        match self.editor_config.clone() {
            Some(Ok(config)) => {
                self.last_good
                    .insert(PathBuf::from(EDITOR_SETTINGS_NAME), Arc::clone(&config));
                problems.extend(config.rule_errors.iter().map(Problem::from));
                config
            }
            Some(Err(error)) => {
                problems.push(Problem::from(&error));
                match self.last_good.get(Path::new(EDITOR_SETTINGS_NAME)) {
                    Some(config) => Arc::clone(config),
                    None => self.defaults(),
                }
            }
            None => self.defaults(),
        }
    }

    /// The configuration for a document (by file path; None for documents not on disk), and
    /// the problems met while loading it.
    pub(crate) fn for_document(&mut self, path: Option<&Path>) -> (Arc<Config>, Vec<Problem>) {
        let mut problems = Vec::new();
        let config_file = match (&self.settings.config_path, path) {
            (Some(file), _) => Some(self.root.join(file)),
            (None, Some(path)) if !self.settings.no_config => {
                path.parent().and_then(find_config_file)
            }
            _ => None,
        };
        let (Some(config_file), Some(document)) =
            (config_file.clone(), path.or(config_file.as_deref()))
        else {
            let config = self.editor_or_defaults(&mut problems);
            return (config, problems);
        };
        let config = match self.resolver.config_for(document) {
            Ok(config) => {
                self.last_good.insert(config_file, Arc::clone(&config));
                problems.extend(config.rule_errors.iter().map(Problem::from));
                config
            }
            Err(error) => {
                problems.push(Problem::from(&error));
                match self.last_good.get(&config_file) {
                    Some(config) => Arc::clone(config),
                    None => self.editor_or_defaults(&mut problems),
                }
            }
        };
        (config, problems)
    }
}

fn resolver_for(settings: &EditorSettings, root: &Path) -> ConfigResolver {
    let source = match &settings.config_path {
        Some(file) => ConfigSource::File(root.join(file)),
        None if settings.no_config => ConfigSource::Defaults,
        None => ConfigSource::Discover,
    };
    let overrides = Overrides {
        fail_on: None,
        rule_folders: settings
            .rule_folders
            .iter()
            .map(|folder| root.join(folder))
            .collect(),
    };
    ConfigResolver::new(source, overrides)
}
