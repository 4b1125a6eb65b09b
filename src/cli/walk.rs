//! Finding the files to check: folders are walked like ripgrep walks them (`.gitignore`,
//! `.ignore`, hidden files skipped, symbolic links not followed), in name order, and each file
//! is kept when its configuration and the `--include`/`--exclude` globs select it. Memory does
//! not grow with the number of files: a folder is held as a window of compact names.

use crate::config::{CONFIG_FILE_NAME, Config, ConfigError, ConfigResolver};
use crate::output::{FileError, SkippedFile};
use ignore::IncrementalIgnore;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
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

    /// Walks a folder depth first, each folder's entries in name order (a sub-folder's files
    /// come at the sub-folder's place). The `ignore` crate decides, one entry at a time, what
    /// `.gitignore`, `.ignore`, git's excludes and the hidden-file rule leave out; the walk
    /// itself holds only the listings of the folders it is inside, as compact names.
    fn folder(&mut self, root: &Path, emit: &mut dyn FnMut(WalkEvent)) {
        self.folder_within(root, WalkLimits::default(), emit);
    }

    /// [`Walk::folder`] within the given limits.
    fn folder_within(&mut self, root: &Path, limits: WalkLimits, emit: &mut dyn FnMut(WalkEvent)) {
        let window = limits.listing_window;
        let options = self.options;
        let mut builder = ignore::WalkBuilder::new(root);
        builder
            .hidden(!options.hidden)
            .git_ignore(!options.no_ignore)
            .git_global(!options.no_ignore)
            .git_exclude(!options.no_ignore)
            .ignore(!options.no_ignore)
            .parents(!options.no_ignore)
            .require_git(false)
            .follow_links(false);
        // One matcher per path given to the builder: this one.
        let Some(mut ignored) = builder.build_matchers().pop() else {
            return;
        };
        let mut folders_since_fresh_matcher = 0;
        // Ignore-file errors already reported: a fresh matcher reads the files again.
        let mut reported = HashSet::new();
        let absolute_root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        // The folder being listed, relative to `root`; it grows and shrinks with `open`.
        let mut relative = PathBuf::new();
        let mut open: Vec<FolderListing> = Vec::new();
        let mut listing = FolderListing::new(root.to_path_buf(), window);
        if self.read(&mut listing, &relative, &mut ignored, &mut reported, emit) {
            listing.config = Some(self.resolver.config_for(root));
            open.push(listing);
        }
        while let Some(listing) = open.last_mut() {
            let Some(mut entry) = listing.next_entry() else {
                // The window is used up: read the folder's next names, or leave it.
                if listing.resume_after.is_none()
                    || !self.read(listing, &relative, &mut ignored, &mut reported, emit)
                {
                    open.pop();
                    relative.pop();
                }
                continue;
            };
            relative.push(listing.name(entry));
            let path = root.join(&relative);
            if entry.kind == EntryKind::Unknown {
                // The listing could not tell what the entry is: ask again, now that its turn
                // has come, so that an error is reported once and in walk order.
                match std::fs::symlink_metadata(&path) {
                    Ok(metadata) => entry.kind = EntryKind::of(metadata.file_type()),
                    Err(error) => {
                        let shown = display_path(&path, self.strip_dot);
                        emit(WalkEvent::Error(FileError::new(shown, error.to_string())));
                    }
                }
                let ignored_folder =
                    entry.kind == EntryKind::Folder && ignored.matched(&relative, true).is_ignore();
                if matches!(entry.kind, EntryKind::Unknown | EntryKind::Link) || ignored_folder {
                    relative.pop();
                    continue;
                }
            }
            match entry.kind {
                EntryKind::Folder => {
                    // The matcher keeps what it learnt of every folder: start afresh now and
                    // then (it reads the ignore files above the next paths again), so that a
                    // tree of very many folders does not grow it for the whole walk.
                    folders_since_fresh_matcher += 1;
                    if folders_since_fresh_matcher >= limits.folders_per_ignore_matcher {
                        if let Some(fresh) = builder.build_matchers().pop() {
                            ignored = fresh;
                        }
                        folders_since_fresh_matcher = 0;
                    }
                    let parent_config = listing.config.clone();
                    let mut child = FolderListing::new(path, window);
                    if self.read(&mut child, &relative, &mut ignored, &mut reported, emit) {
                        // The nearest config file above a file applies: a folder without one
                        // has its parent's config, with no lookup kept for it.
                        child.config = match parent_config {
                            Some(config) if !child.has_config_file => Some(config),
                            _ => Some(self.resolver.config_for(&child.folder)),
                        };
                        // `relative` now names the child's folder, until it is left.
                        open.push(child);
                    } else {
                        relative.pop();
                    }
                }
                EntryKind::File | EntryKind::Other => {
                    let config = match &listing.config {
                        Some(config) => config.clone(),
                        None => self.resolver.config_for(&listing.folder),
                    };
                    let absolute = absolute_root.join(&relative);
                    self.walked_file(path, &absolute, entry.kind, config, emit);
                    relative.pop();
                }
                EntryKind::Link | EntryKind::Unknown => {
                    relative.pop();
                }
            }
        }
    }

    /// Reads the next window of a folder's entries: the first names (in name order) after
    /// the ones already walked, without what the ignore rules and the hidden-file rule leave
    /// out and without symbolic links, which are not followed. False when the folder cannot
    /// be read at all.
    fn read(
        &self,
        listing: &mut FolderListing,
        relative: &Path,
        ignored: &mut IncrementalIgnore,
        reported: &mut HashSet<String>,
        emit: &mut dyn FnMut(WalkEvent),
    ) -> bool {
        let folder = listing.folder.clone();
        let shown = || display_path(&folder, self.strip_dot);
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => {
                emit(WalkEvent::Error(FileError::new(
                    shown(),
                    format!("cannot read folder: {error}"),
                )));
                return false;
            }
        };
        let after = listing.start_window();
        // Once the window overflowed (and `overflowed` is set), the greatest name it kept:
        // greater names wait for a later read.
        let mut bound: Option<OsString> = None;
        let mut names_after = 0usize;
        let mut entry_path = relative.to_path_buf();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    // A folder that fails half-way is walked with what was read, and reported
                    // once (not again at each window).
                    let message = format!("cannot read folder: {error}");
                    if reported.insert(format!("{}:{message}", shown())) {
                        emit(WalkEvent::Error(FileError::new(shown(), message)));
                    }
                    break;
                }
            };
            let name = entry.file_name();
            if name == CONFIG_FILE_NAME {
                listing.has_config_file = true;
            }
            if after.as_ref().is_some_and(|after| name <= *after) {
                continue;
            }
            names_after += 1;
            if bound.as_ref().is_some_and(|bound| name > *bound) {
                continue;
            }
            let kind = entry.file_type().map_or(EntryKind::Unknown, EntryKind::of);
            if kind == EntryKind::Link {
                continue;
            }
            entry_path.push(&name);
            let (matched, error) =
                ignored.matched_with_errors(&entry_path, kind == EntryKind::Folder);
            entry_path.pop();
            for error in error
                .iter()
                .flat_map(|error| ignore_file_errors(error, &folder, self.strip_dot))
            {
                if reported.insert(format!("{}:{:?}:{}", error.path, error.line, error.message)) {
                    emit(WalkEvent::Error(error));
                }
            }
            if matched.is_ignore() {
                continue;
            }
            if let Err(message) = listing.add(name, kind) {
                emit(WalkEvent::Error(FileError::new(shown(), message)));
                break;
            }
            if listing.entries.len() >= 2 * listing.window {
                listing.keep_first(listing.window);
                bound = listing.last_name();
            }
        }
        listing.end_window(names_after);
        true
    }

    /// A file met in a folder: checked when the config or `--include` includes it and
    /// neither excludes it.
    fn walked_file(
        &self,
        path: PathBuf,
        absolute: &Path,
        kind: EntryKind,
        config: Result<Arc<Config>, ConfigError>,
        emit: &mut dyn FnMut(WalkEvent),
    ) {
        let config = match config {
            Ok(config) => config,
            Err(error) => {
                emit(WalkEvent::ConfigError(error));
                return;
            }
        };
        // The absolute path spares the matchers from asking for the working folder again.
        let included = match &self.options.include {
            Some(include) => matches(include, absolute) && !config.excludes(absolute),
            None => config.walk_includes(absolute),
        };
        let excluded = self
            .options
            .exclude
            .as_ref()
            .is_some_and(|exclude| matches(exclude, absolute));
        if !included || excluded {
            return;
        }
        let display = display_path(&path, self.strip_dot);
        if kind == EntryKind::File {
            emit(WalkEvent::File(Input::File { path, display }, config));
        } else {
            emit(WalkEvent::Skipped(SkippedFile {
                path: display,
                reason: "not a regular file".to_string(),
            }));
        }
    }
}

/// The errors of reading ignore files (an unreadable file, a line that is not a valid glob),
/// one per problem, each named by its file and line when the error says which.
fn ignore_file_errors(error: &ignore::Error, folder: &Path, strip_dot: bool) -> Vec<FileError> {
    fn flatten(
        error: &ignore::Error,
        path: Option<&Path>,
        line: Option<u64>,
        found: &mut Vec<(Option<PathBuf>, Option<u64>, String)>,
    ) {
        match error {
            ignore::Error::Partial(errors) => {
                for error in errors {
                    flatten(error, path, line, found);
                }
            }
            ignore::Error::WithPath { path, err } => flatten(err, Some(path), line, found),
            ignore::Error::WithLineNumber { line, err } => flatten(err, path, Some(*line), found),
            ignore::Error::WithDepth { err, .. } => flatten(err, path, line, found),
            other => found.push((path.map(Path::to_path_buf), line, other.to_string())),
        }
    }
    let mut found = Vec::new();
    flatten(error, None, None, &mut found);
    found
        .into_iter()
        .map(|(path, line, message)| {
            let path = display_path(path.as_deref().unwrap_or(folder), strip_dot);
            let line = line.and_then(|line| usize::try_from(line).ok());
            FileError {
                path,
                message,
                line,
                // The glob is the whole line.
                column: line.map(|_| 1),
            }
        })
        .collect()
}

/// How many entries of one folder the walk holds at a time: a larger folder is read again
/// for each next window of names, so that memory does not grow with the folder's size.
const LISTING_WINDOW: usize = 4096;

/// The ignore matcher is built afresh after this many folders (see `Walk::folder_within`).
const FOLDERS_PER_IGNORE_MATCHER: usize = 1024;

/// What a folder walk holds at most.
#[derive(Debug, Clone, Copy)]
struct WalkLimits {
    /// Entries of one folder at a time.
    listing_window: usize,
    /// Folders the ignore matcher learns before it is built afresh.
    folders_per_ignore_matcher: usize,
}

impl Default for WalkLimits {
    fn default() -> WalkLimits {
        WalkLimits {
            listing_window: LISTING_WINDOW,
            folders_per_ignore_matcher: FOLDERS_PER_IGNORE_MATCHER,
        }
    }
}

/// A folder is read at most about this many times: a folder so large that it would take more
/// gets a larger window instead (reading it again costs time, holding it costs memory).
const MOST_READS_PER_FOLDER: usize = 16;

/// What a folder entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Folder,
    File,
    /// A symbolic link: not followed.
    Link,
    /// A pipe, socket or device: reported as skipped when it would be checked.
    Other,
    /// The listing could not tell: asked again when the entry's turn comes.
    Unknown,
}

impl EntryKind {
    fn of(file_type: std::fs::FileType) -> EntryKind {
        if file_type.is_symlink() {
            EntryKind::Link
        } else if file_type.is_dir() {
            EntryKind::Folder
        } else if file_type.is_file() {
            EntryKind::File
        } else {
            EntryKind::Other
        }
    }
}

/// Where one entry's name lies in its [`FolderListing`], and what the entry is: 8 bytes.
#[derive(Debug, Clone, Copy)]
struct ListedEntry {
    /// Where the name starts in `names`, or its index in `odd_names`.
    start: u32,
    /// The name's length in bytes in `names` (unused for odd names).
    length: u16,
    kind: EntryKind,
    /// The name is in `odd_names`.
    odd: bool,
}

/// A window of one folder's entries in name order, held compactly: the names in one string
/// and 8 bytes per entry, at most [`LISTING_WINDOW`] entries (twice that while reading), so
/// that a folder of 20 000 files costs no more memory than one of 2 000.
#[derive(Debug)]
struct FolderListing {
    /// The folder, read again for each window.
    folder: PathBuf,
    /// The UTF-8 names, one after the other.
    names: String,
    /// Names that are not UTF-8 (rare), or too long for `ListedEntry::length`, as they are.
    odd_names: Vec<OsString>,
    entries: Vec<ListedEntry>,
    /// The next entry to visit.
    next: usize,
    /// How many entries a window holds.
    window: usize,
    /// The last read left names out for lack of room.
    overflowed: bool,
    /// The name the next read starts after, when the last read left names out.
    resume_after: Option<OsString>,
    /// The configuration of the folder's files.
    config: Option<Result<Arc<Config>, ConfigError>>,
    /// The folder holds an entry named `.rolelint.toml`.
    has_config_file: bool,
}

impl FolderListing {
    fn new(folder: PathBuf, window: usize) -> FolderListing {
        FolderListing {
            folder,
            names: String::new(),
            odd_names: Vec::new(),
            entries: Vec::new(),
            next: 0,
            window,
            overflowed: false,
            resume_after: None,
            config: None,
            has_config_file: false,
        }
    }

    /// Empties the window for the next read; returns the name that read starts after.
    fn start_window(&mut self) -> Option<OsString> {
        self.names.clear();
        self.odd_names.clear();
        self.entries.clear();
        self.next = 0;
        self.overflowed = false;
        self.resume_after.take()
    }

    /// Sorts what a read found and keeps the window's worth; `names_after` is how many names
    /// the read met after the previous window.
    fn end_window(&mut self, names_after: usize) {
        self.keep_first(self.window);
        if self.overflowed {
            self.resume_after = self.last_name();
        }
        // A very large folder: fewer, larger windows.
        self.window = self.window.max(names_after / MOST_READS_PER_FOLDER + 1);
    }

    /// Adds an entry; an error when the listing cannot hold more.
    fn add(&mut self, name: OsString, kind: EntryKind) -> Result<(), String> {
        let compact = name.to_str().and_then(|text| {
            let start = u32::try_from(self.names.len()).ok()?;
            let length = u16::try_from(text.len()).ok()?;
            u32::try_from(self.names.len() + text.len()).ok()?;
            Some((text, start, length))
        });
        let entry = match compact {
            Some((text, start, length)) => {
                self.names.push_str(text);
                ListedEntry {
                    start,
                    length,
                    kind,
                    odd: false,
                }
            }
            None => {
                let start = u32::try_from(self.odd_names.len())
                    .map_err(|_| "too many entries in one folder".to_string())?;
                self.odd_names.push(name);
                ListedEntry {
                    start,
                    length: 0,
                    kind,
                    odd: true,
                }
            }
        };
        self.entries.push(entry);
        Ok(())
    }

    /// Sorts the entries by name, byte by byte as the file system spells them, keeps the
    /// first `count` and lets go of the other names (the next read finds them again).
    fn keep_first(&mut self, count: usize) {
        let (names, odd_names) = (&self.names, &self.odd_names);
        self.entries.sort_unstable_by(|a, b| {
            name_of(names, odd_names, a).cmp(name_of(names, odd_names, b))
        });
        if self.entries.len() <= count {
            return;
        }
        self.overflowed = true;
        self.entries.truncate(count);
        let mut kept_names = String::new();
        let mut kept_odd_names = Vec::new();
        for entry in &mut self.entries {
            if entry.odd {
                let name = self
                    .odd_names
                    .get_mut(entry.start as usize)
                    .map(std::mem::take)
                    .unwrap_or_default();
                // Fewer names than before: the index fits.
                entry.start = kept_odd_names.len() as u32;
                kept_odd_names.push(name);
            } else {
                let start = entry.start as usize;
                let name = self
                    .names
                    .get(start..start + usize::from(entry.length))
                    .unwrap_or_default();
                // A shorter string than before: the offset fits.
                entry.start = kept_names.len() as u32;
                kept_names.push_str(name);
            }
        }
        self.names = kept_names;
        self.odd_names = kept_odd_names;
    }

    /// The greatest name in the (sorted) window.
    fn last_name(&self) -> Option<OsString> {
        self.entries
            .last()
            .map(|entry| self.name(*entry).to_os_string())
    }

    fn next_entry(&mut self) -> Option<ListedEntry> {
        let entry = self.entries.get(self.next).copied()?;
        self.next += 1;
        Some(entry)
    }

    fn name(&self, entry: ListedEntry) -> &OsStr {
        name_of(&self.names, &self.odd_names, &entry)
    }
}

fn name_of<'a>(names: &'a str, odd_names: &'a [OsString], entry: &ListedEntry) -> &'a OsStr {
    if entry.odd {
        odd_names
            .get(entry.start as usize)
            .map_or(OsStr::new(""), OsString::as_os_str)
    } else {
        let start = entry.start as usize;
        names
            .get(start..start + usize::from(entry.length))
            .map_or(OsStr::new(""), OsStr::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigSource, Overrides};

    /// The paths a folder walk checks (and its errors and notes), within `limits`.
    fn walked(root: &Path, limits: WalkLimits) -> Vec<String> {
        let options = WalkOptions::default();
        let mut resolver = ConfigResolver::new(ConfigSource::Defaults, Overrides::default());
        let mut no_stdin = || Ok(Vec::new());
        let mut walk = Walk {
            options: &options,
            resolver: &mut resolver,
            strip_dot: false,
            stdin_name: "-",
            read_stdin: &mut no_stdin,
        };
        let mut paths = Vec::new();
        walk.folder_within(root, limits, &mut |event| match event {
            WalkEvent::File(Input::File { path, .. }, _) => paths.push(
                path.strip_prefix(root)
                    .unwrap_or(&path)
                    .display()
                    .to_string(),
            ),
            WalkEvent::File(Input::Stdin { name, .. }, _) => paths.push(name),
            WalkEvent::Error(error) => {
                paths.push(format!("error {}:{:?}", error.path, error.line));
            }
            WalkEvent::Skipped(skipped) => paths.push(format!("skipped {}", skipped.path)),
            WalkEvent::ConfigError(error) => paths.push(format!("config error {}", error.path)),
        });
        paths
    }

    fn write(root: &Path, relative: &str) {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, "# Notes\n").expect("write");
    }

    #[test]
    fn small_windows_walk_the_same_files_in_the_same_order() {
        let folder = tempfile::tempdir().expect("temp dir");
        let root = folder.path();
        for index in (0..23).rev() {
            write(root, &format!("post-{index:02}.md"));
        }
        for name in [
            "B.md",
            "a.md",
            "a-b.md",
            "a/x.md",
            "a0/y.md",
            "z/deep/er/most.md",
        ] {
            write(root, name);
        }
        write(root, "notes.rst");
        write(root, ".hidden/secret.md");
        std::fs::write(root.join(".gitignore"), "post-1*.md\n/z/deep/er/\n").expect("write");
        let whole = walked(root, WalkLimits::default());
        let mut expected = vec!["B.md", "a/x.md", "a-b.md", "a.md", "a0/y.md"]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
        expected.extend(
            (0..23)
                .filter(|index| !(10..20).contains(index))
                .map(|index| format!("post-{index:02}.md")),
        );
        assert_eq!(whole, expected);
        for window in [1, 2, 3, 5, 8] {
            let limits = WalkLimits {
                listing_window: window,
                ..WalkLimits::default()
            };
            assert_eq!(walked(root, limits), whole, "window of {window}");
        }
    }

    #[test]
    fn a_fresh_ignore_matcher_keeps_every_rule_and_reports_an_error_once() {
        let folder = tempfile::tempdir().expect("temp dir");
        let root = folder.path();
        std::fs::write(root.join(".gitignore"), "skip-*.md\n{broken\n").expect("write");
        for outer in ["one", "three", "two"] {
            for inner in ["a", "b", "c"] {
                write(root, &format!("{outer}/{inner}/keep.md"));
                write(root, &format!("{outer}/{inner}/skip-me.md"));
                write(root, &format!("{outer}/{inner}/local.md"));
                std::fs::write(root.join(format!("{outer}/{inner}/.ignore")), "local.md\n")
                    .expect("write");
            }
        }
        let whole = walked(root, WalkLimits::default());
        assert_eq!(whole.len(), 10, "{whole:?}");
        assert_eq!(
            whole[0],
            format!("error {}:Some(2)", root.join(".gitignore").display())
        );
        assert!(
            whole[1..].iter().all(|path| path.ends_with("/keep.md")),
            "{whole:?}"
        );
        for folders in [1, 2, 5] {
            let limits = WalkLimits {
                folders_per_ignore_matcher: folders,
                ..WalkLimits::default()
            };
            assert_eq!(walked(root, limits), whole, "fresh after {folders} folders");
        }
    }

    #[test]
    fn listings_keep_names_in_byte_order_and_let_go_of_the_rest() {
        let mut listing = FolderListing::new(PathBuf::from("."), 3);
        for name in ["delta", "Alpha", "charlie", "bravo", "écho"] {
            listing
                .add(OsString::from(name), EntryKind::File)
                .expect("add");
        }
        // A name too long for the compact form goes with the odd names.
        let long = "b".repeat(usize::from(u16::MAX) + 1);
        listing
            .add(OsString::from(&long), EntryKind::Folder)
            .expect("add");
        listing.end_window(6);
        let names: Vec<_> = listing
            .entries
            .iter()
            .map(|&entry| {
                (
                    listing.name(entry).to_string_lossy().into_owned(),
                    entry.kind,
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Alpha".to_string(), EntryKind::File),
                (long, EntryKind::Folder),
                ("bravo".to_string(), EntryKind::File),
            ]
        );
        assert_eq!(listing.resume_after, Some(OsString::from("bravo")));
        assert_eq!(listing.names, "Alphabravo");
        // The next window starts after the last name walked.
        assert_eq!(listing.start_window(), Some(OsString::from("bravo")));
        assert!(listing.entries.is_empty() && listing.names.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_sort_by_their_bytes() {
        use std::os::unix::ffi::OsStringExt;
        let mut listing = FolderListing::new(PathBuf::from("."), 10);
        for name in [
            b"z".to_vec(),
            vec![0xff, b'a'],
            b"a".to_vec(),
            vec![0xc3, 0xa9],
        ] {
            listing
                .add(OsString::from_vec(name), EntryKind::File)
                .expect("add");
        }
        listing.end_window(4);
        let names: Vec<Vec<u8>> = listing
            .entries
            .iter()
            .map(|&entry| listing.name(entry).as_encoded_bytes().to_vec())
            .collect();
        assert_eq!(
            names,
            [
                b"a".to_vec(),
                b"z".to_vec(),
                vec![0xc3, 0xa9],
                vec![0xff, b'a']
            ]
        );
        assert_eq!(listing.resume_after, None);
    }
}
