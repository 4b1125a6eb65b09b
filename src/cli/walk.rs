//! Finding the files to check: folders are walked like ripgrep walks them (`.gitignore`,
//! `.ignore`, hidden files skipped, symbolic links not followed), in name order, and each file
//! is kept when its configuration and the `--include`/`--exclude` globs select it.

use crate::config::ConfigResolver;
use crate::output::{FileError, SkippedFile};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};

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

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walked {
    pub inputs: Vec<Input>,
    pub errors: Vec<FileError>,
    pub skipped: Vec<SkippedFile>,
    /// Files left out because the config that applies to them is broken.
    pub config_failures: Vec<PathBuf>,
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

/// Collects the files to check from the command line's paths, in a deterministic order.
pub fn collect(
    paths: &[PathBuf],
    strip_dot: bool,
    options: &WalkOptions,
    resolver: &mut ConfigResolver,
    read_stdin: &mut dyn FnMut() -> std::io::Result<Vec<u8>>,
    stdin_name: &str,
) -> Walked {
    let mut walked = Walked::default();
    for path in paths {
        if path.as_os_str() == "-" {
            match read_stdin() {
                Ok(bytes) => walked.inputs.push(Input::Stdin {
                    name: stdin_name.to_string(),
                    bytes,
                }),
                Err(error) => walked.errors.push(FileError::new(
                    stdin_name,
                    format!("cannot read standard input: {error}"),
                )),
            }
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
                walked.errors.push(FileError::new(shown, message));
                continue;
            }
            Err(error) => {
                walked.errors.push(FileError::new(shown, error.to_string()));
                continue;
            }
        };
        if metadata.is_dir() {
            walk_folder(path, strip_dot, options, resolver, &mut walked);
        } else if metadata.is_file() {
            // A file named on the command line is checked whatever its extension, unless a
            // config or `--exclude` excludes it.
            match resolver.config_for(path) {
                Ok(config) => {
                    let excluded = config.excludes(path)
                        || options
                            .exclude
                            .as_ref()
                            .is_some_and(|exclude| matches(exclude, path));
                    if !excluded {
                        walked.inputs.push(Input::File {
                            path: path.clone(),
                            display: shown,
                        });
                    }
                }
                Err(_) => walked.config_failures.push(path.clone()),
            }
        } else {
            walked.skipped.push(SkippedFile {
                path: shown,
                reason: "not a regular file".to_string(),
            });
        }
    }
    walked
}

fn walk_folder(
    folder: &Path,
    strip_dot: bool,
    options: &WalkOptions,
    resolver: &mut ConfigResolver,
    walked: &mut Walked,
) {
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
                walked.errors.push(FileError::new(path, error.to_string()));
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
        let config = match resolver.config_for(path) {
            Ok(config) => config,
            Err(_) => {
                walked.config_failures.push(path.to_path_buf());
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
        let display = display_path(path, strip_dot);
        if file_type.is_file() {
            walked.inputs.push(Input::File {
                path: path.to_path_buf(),
                display,
            });
        } else {
            walked.skipped.push(SkippedFile {
                path: display,
                reason: "not a regular file".to_string(),
            });
        }
    }
}
