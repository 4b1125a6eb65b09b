//! Which configuration applies to each document: the nearest `.rolelint.toml` above it (or the
//! file the editor names with `configPath`, like `--config`; none with `noConfig`, like
//! `--no-config`), with the editor's settings on top: the `rolelint` section holds the keys of
//! `.rolelint.toml`, and each key it sets replaces the file's. Everything is loaded by the
//! shared loader in `crate::config`. A config that breaks keeps its last good version.

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
    /// The `.rolelint.toml` keys the editor sets, laid over the config file's.
    pub(crate) config: Option<toml::Table>,
}

impl EditorSettings {
    /// Reads settings given either as the `rolelint` section itself or as an object holding
    /// it. `configPath` and `noConfig` steer where the file comes from; every other key is a
    /// `.rolelint.toml` key (null values are dropped).
    pub(crate) fn from_json(value: &Value) -> EditorSettings {
        let section = value
            .get("rolelint")
            .filter(|section| section.is_object())
            .unwrap_or(value);
        let Some(object) = section.as_object() else {
            return EditorSettings::default();
        };
        let config_path = object
            .get("configPath")
            .and_then(Value::as_str)
            .filter(|path| !path.is_empty())
            .map(PathBuf::from);
        let no_config = object
            .get("noConfig")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let keys: serde_json::Map<String, Value> = object
            .iter()
            .filter(|(key, _)| key.as_str() != "configPath" && key.as_str() != "noConfig")
            .filter_map(|(key, value)| without_nulls(value).map(|value| (key.clone(), value)))
            .collect();
        let config = (!keys.is_empty())
            .then(|| toml::Table::try_from(keys).ok())
            .flatten();
        EditorSettings {
            config_path,
            no_config,
            config,
        }
    }
}

/// A JSON value without its nulls, which TOML cannot hold; None for null itself.
fn without_nulls(value: &Value) -> Option<Value> {
    match value {
        Value::Null => None,
        Value::Object(map) => Some(Value::Object(
            map.iter()
                .filter_map(|(key, value)| without_nulls(value).map(|value| (key.clone(), value)))
                .collect(),
        )),
        Value::Array(items) => Some(Value::Array(
            items.iter().filter_map(without_nulls).collect(),
        )),
        other => Some(other.clone()),
    }
}

/// Lays `over` onto `base`: tables merge key by key, anything else is replaced.
fn lay_over(base: &mut toml::Table, over: &toml::Table) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(over_table)) => {
                lay_over(base_table, over_table);
            }
            _ => {
                base.insert(key.clone(), value.clone());
            }
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

/// The name the editor's settings go by in messages.
const EDITOR_SETTINGS_NAME: &str = "rolelint editor settings";

/// Every configuration the server has loaded.
pub(crate) struct Configurations {
    settings: EditorSettings,
    /// The workspace folder: the root of the editor's settings when no config file applies.
    root: PathBuf,
    /// Config files as they are (no editor settings to lay over them).
    resolver: ConfigResolver,
    /// Config files with the editor's settings laid over them, by file (None: no file).
    layered: HashMap<Option<PathBuf>, Result<Arc<Config>, ConfigError>>,
    last_good: HashMap<Option<PathBuf>, Arc<Config>>,
}

impl Configurations {
    pub(crate) fn new(root: PathBuf, settings: EditorSettings) -> Configurations {
        Configurations {
            resolver: resolver_for(&settings, &root),
            settings,
            root,
            layered: HashMap::new(),
            last_good: HashMap::new(),
        }
    }

    /// The workspace folder.
    pub(crate) fn root(&self) -> &std::path::Path {
        &self.root
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
        self.layered.clear();
    }

    /// The config file that applies to a document, if any.
    fn config_file(&self, path: Option<&Path>) -> Option<PathBuf> {
        match (&self.settings.config_path, path) {
            (Some(file), _) => Some(self.root.join(file)),
            (None, Some(path)) if !self.settings.no_config => {
                path.parent().and_then(find_config_file)
            }
            _ => None,
        }
    }

    /// Loads a config file (or none) with the editor's settings laid over it.
    fn load_layered(&self, file: Option<&Path>, over: &toml::Table) -> Result<Config, ConfigError> {
        let overrides = Overrides::default();
        let mut table = toml::Table::new();
        let mut shown = self.root.join(EDITOR_SETTINGS_NAME);
        if let Some(file) = file {
            // The file on its own first, so that its own mistakes are reported at its lines.
            Config::load(file, &overrides)?;
            let text = std::fs::read_to_string(file).map_err(|error| ConfigError {
                path: file.display().to_string(),
                line: 1,
                column: 1,
                message: error.to_string(),
            })?;
            table = toml::from_str(&text).map_err(|error| ConfigError {
                path: file.display().to_string(),
                line: 1,
                column: 1,
                message: error.to_string(),
            })?;
            shown = file.to_path_buf();
        }
        lay_over(&mut table, over);
        let text = toml::to_string(&table).map_err(|error| ConfigError {
            path: EDITOR_SETTINGS_NAME.to_string(),
            line: 1,
            column: 1,
            message: format!("cannot be read as configuration: {error}"),
        })?;
        // Mistakes found now come from the editor's settings.
        Config::parse(&text, &shown, &overrides).map_err(|error| ConfigError {
            path: EDITOR_SETTINGS_NAME.to_string(),
            line: 1,
            column: 1,
            message: error.message,
        })
    }

    /// The configuration for a document (by file path; None for documents not on disk), and
    /// the problems met while loading it.
    pub(crate) fn for_document(&mut self, path: Option<&Path>) -> (Arc<Config>, Vec<Problem>) {
        let file = self.config_file(path);
        let loaded = match (&self.settings.config, &file) {
            (None, Some(file)) => self.resolver.config_for(path.unwrap_or(file)),
            (None, None) => Ok(self.resolver.defaults()),
            (Some(over), _) => {
                if !self.layered.contains_key(&file) {
                    let loaded = self.load_layered(file.as_deref(), over).map(Arc::new);
                    self.layered.insert(file.clone(), loaded);
                }
                self.layered
                    .get(&file)
                    .cloned()
                    .unwrap_or_else(|| Ok(self.resolver.defaults()))
            }
        };
        let mut problems = Vec::new();
        let config = match loaded {
            Ok(config) => {
                self.last_good.insert(file, Arc::clone(&config));
                problems.extend(config.rule_errors.iter().map(Problem::from));
                config
            }
            Err(error) => {
                problems.push(Problem::from(&error));
                match self.last_good.get(&file) {
                    Some(config) => Arc::clone(config),
                    None => self.resolver.defaults(),
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
    ConfigResolver::new(source, Overrides::default())
}
