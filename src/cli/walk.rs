//! Finding the files to check: folders are walked like ripgrep walks them (`.gitignore`,
//! `.ignore`, hidden files skipped, symbolic links not followed), in name order, and each file
//! is kept when its configuration and the `--include`/`--exclude` globs select it.

use crate::config::{Config, ConfigError, ConfigResolver};
use crate::output::{FileError, SkippedFile};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One thing to check.
#[derive(Debug, Clone)]
pub enum Input {
    File {
        path: PathBuf,
        /// The path as reports show it.
        display: String,
    },
    /// Standard input, already read.
    Stdin { name: String, bytes: Vec<u8> },
}

/// How to walk.
#[derive(Debug, Default)]
pub struct WalkOptions {
    /// `--include` globs: replace every config's `include` when given.
    pub include: Option<Gitignore>,
    /// `--exclude` globs: added to every config's `exclude`.
    pub exclude: Option<Gitignore>,
    /// Walk hidden files and folders too.
    pub hidden: bool,
    /// Do not read `.gitignore` / `.ignore` files.
    pub no_ignore: bool,
}

/// Builds a glob matcher (gitignore syntax) rooted at the working folder.
pub fn glob_matcher(globs: &[String]) -> Result<Option<Gitignore>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut builder = GitignoreBuilder::new(root);
    for glob in globs {
        builder
            .add_line(None, glob)
            .map_err(|error| format!("bad glob `{glob}`: {error}"))?;
    }
    builder
        .build()
        .map(Some)
        .map_err(|error| format!("bad glob: {error}"))
}

fn matches(matcher: &Gitignore, path: &Path) -> bool {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = absolute
        .strip_prefix(matcher.path())
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| {
            path.file_name()
                .map_or_else(|| path.to_path_buf(), PathBuf::from)
        });
    matcher
        .matched_path_or_any_parents(&relative, false)
        .is_ignore()
}

/// What the walk meets, in order.
pub enum WalkEvent {
    /// A file (or standard input) to check, with the configuration that applies to it.
    File(Input, Arc<Config>),
    /// A path that cannot be checked.
    Error(FileError),
    /// A path skipped on purpose.
    Skipped(SkippedFile),
    /// The config file that applies to a path is broken (sent for every path under it).
    ConfigError(ConfigError),
}

/// Shows a walked path: without the `./` the walk of the default `.` adds.
fn display_path(path: &Path, strip_dot: bool) -> String {
    let shown = path.display().to_string();
    if strip_dot {
        shown
            .strip_prefix("./")
            .map(str::to_string)
            .unwrap_or(shown)
    } else {
        shown
    }
}

/// Everything the walk needs besides the paths.
pub struct Walk<'a> {
    pub options: &'a WalkOptions,
    pub resolver: &'a mut ConfigResolver,
    /// Strip the `./` of the default `.`.
    pub strip_dot: bool,
    pub stdin_name: &'a str,
    pub read_stdin: &'a mut dyn FnMut() -> std::io::Result<Vec<u8>>,
}

impl Walk<'_> {
    /// Walks the command line's paths in a deterministic order and sends each file to `emit`
    /// as it is found, so that nothing is held for the whole run.
    pub fn run(&mut self, paths: &[PathBuf], emit: &mut dyn FnMut(WalkEvent)) {
        for path in paths {
            if path.as_os_str() == "-" {
                self.stdin(emit);
                continue;
            }
            let shown = path.display().to_string();
            let metadata = match std::fs::metadata(path) {
                Ok(metadata) => metadata,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                    let message = if std::fs::symlink_metadata(path).is_ok() {
                        "symbolic link to a file that does not exist"
                    } else {
                        "no such file or folder"
                    };
                    emit(WalkEvent::Error(FileError::new(shown, message)));
                    continue;
                }
                Err(error) => {
                    emit(WalkEvent::Error(FileError::new(shown, error.to_string())));
                    continue;
                }
            };
            if metadata.is_dir() {
                self.folder(path, emit);
            } else if metadata.is_file() {
                // A file named on the command line is checked whatever its extension, unless
                // a config or `--exclude` excludes it.
                match self.resolver.config_for(path) {
                    Ok(config) => {
                        let excluded = config.excludes(path)
                            || self
                                .options
                                .exclude
                                .as_ref()
                                .is_some_and(|exclude| matches(exclude, path));
                        if !excluded {
                            let input = Input::File {
                                path: path.clone(),
                                display: shown,
                            };
                            emit(WalkEvent::File(input, config));
                        }
                    }
                    Err(error) => emit(WalkEvent::ConfigError(error)),
                }
            } else {
                emit(WalkEvent::Skipped(SkippedFile {
                    path: shown,
                    reason: "not a regular file".to_string(),
                }));
            }
        }
    }

    fn stdin(&mut self, emit: &mut dyn FnMut(WalkEvent)) {
        let name = self.stdin_name.to_string();
        let bytes = match (self.read_stdin)() {
            Ok(bytes) => bytes,
            Err(error) => {
                emit(WalkEvent::Error(FileError::new(
                    name,
                    format!("cannot read standard input: {error}"),
                )));
                return;
            }
        };
        match self.resolver.config_for(Path::new(&name)) {
            Ok(config) => emit(WalkEvent::File(Input::Stdin { name, bytes }, config)),
            Err(error) => emit(WalkEvent::ConfigError(error)),
        }
    }

    fn folder(&mut self, folder: &Path, emit: &mut dyn FnMut(WalkEvent)) {
        let options = self.options;
        let walker = ignore::WalkBuilder::new(folder)
            .hidden(!options.hidden)
            .git_ignore(!options.no_ignore)
            .git_global(!options.no_ignore)
            .git_exclude(!options.no_ignore)
            .ignore(!options.no_ignore)
            .parents(!options.no_ignore)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let path = match &error {
                        ignore::Error::WithPath { path, .. } => path.display().to_string(),
                        _ => folder.display().to_string(),
                    };
                    emit(WalkEvent::Error(FileError::new(path, error.to_string())));
                    continue;
                }
            };
            let Some(file_type) = entry.file_type() else {
                continue;
            };
            // Folders are walked; symbolic links are not followed (no loops, no duplicates).
            if file_type.is_dir() || file_type.is_symlink() {
                continue;
            }
            let path = entry.path();
            let config = match self.resolver.config_for(path) {
                Ok(config) => config,
                Err(error) => {
                    emit(WalkEvent::ConfigError(error));
                    continue;
                }
            };
            let included = match &options.include {
                Some(include) => matches(include, path) && !config.excludes(path),
                None => config.walk_includes(path),
            };
            let excluded = options
                .exclude
                .as_ref()
                .is_some_and(|exclude| matches(exclude, path));
            if !included || excluded {
                continue;
            }
            let display = display_path(path, self.strip_dot);
            if file_type.is_file() {
                let input = Input::File {
                    path: path.to_path_buf(),
                    display,
                };
                emit(WalkEvent::File(input, config));
            } else {
                emit(WalkEvent::Skipped(SkippedFile {
                    path: display,
                    reason: "not a regular file".to_string(),
                }));
            }
        }
    }
}
