//! Fixes: choosing the edits to apply (never two overlapping suggestions), applying them
//! with the file's line endings, writing the result without risking the original, and
//! unified diffs for `--diff`.

use crate::config::Config;
use crate::engine::{DocumentFormat, Edit, Suggestion, apply_edits};
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// How many times fixing re-checks its own output for fixes that became possible.
const MAX_FIX_ROUNDS: usize = 8;

/// Why a fixed file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the file changed since it was read; not written")]
    ChangedSinceRead,
    #[error("could not write the fixed file: {0}")]
    Io(#[from] io::Error),
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    if a.range.is_empty() && b.range.is_empty() {
        return a.range.start == b.range.start;
    }
    a.range.start < b.range.end && b.range.start < a.range.end
        || (a.range.is_empty() && a.range.start > b.range.start && a.range.start < b.range.end)
        || (b.range.is_empty() && b.range.start > a.range.start && b.range.start < a.range.end)
}

/// Picks one suggestion per finding (the first with edits that `unsafe_fixes` allows) and
/// keeps it only when none of its edits overlaps an edit already taken, so a suggestion is
/// applied whole or not at all. Returns the edits and how many suggestions they make up.
pub fn choose_edits<'a>(
    suggestions: impl IntoIterator<Item = &'a [Suggestion]>,
    unsafe_fixes: bool,
) -> (Vec<Edit>, usize) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut count = 0;
    for choices in suggestions {
        let Some(suggestion) = choices
            .iter()
            .find(|suggestion| !suggestion.edits.is_empty() && (suggestion.safe || unsafe_fixes))
        else {
            continue;
        };
        let clashes = suggestion.edits.iter().enumerate().any(|(index, edit)| {
            taken.iter().any(|other| overlaps(edit, other))
                || suggestion.edits[..index]
                    .iter()
                    .any(|other| overlaps(edit, other))
        });
        if !clashes {
            taken.extend(suggestion.edits.iter().cloned());
            count += 1;
        }
    }
    (taken, count)
}

/// Whether a text ends its lines with CRLF (most of its line breaks are CRLF).
fn uses_crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    crlf > 0 && crlf * 2 >= text.matches('\n').count()
}

/// Rewrites bare `\n` in a replacement as `\r\n` for a CRLF file.
fn with_line_endings(replacement: &str, crlf: bool) -> String {
    if !crlf || !replacement.contains('\n') {
        return replacement.to_string();
    }
    let mut converted = String::with_capacity(replacement.len() + 8);
    let mut previous = '\0';
    for character in replacement.chars() {
        if character == '\n' && previous != '\r' {
            converted.push('\r');
        }
        converted.push(character);
        previous = character;
    }
    converted
}

/// Applies fixes to a text until none is left (or a round limit): returns the new text and how
/// many fixes were applied.
pub fn fix_text(
    config: &Config,
    text: &str,
    format: DocumentFormat,
    unsafe_fixes: bool,
) -> (String, usize) {
    let crlf = uses_crlf(text);
    let mut current = text.to_string();
    let mut fixed = 0;
    for _ in 0..MAX_FIX_ROUNDS {
        let result = config.check(&current, format);
        let suggestions = result
            .findings
            .iter()
            .map(|finding| finding.suggestions.as_slice())
            .chain(
                result
                    .unused_suppressions
                    .iter()
                    .map(|unused| std::slice::from_ref(&unused.suggestion)),
            );
        let (mut edits, count) = choose_edits(suggestions, unsafe_fixes);
        if count == 0 {
            break;
        }
        for edit in &mut edits {
            edit.replacement = with_line_endings(&edit.replacement, crlf);
        }
        let (next, applied) = apply_edits(&current, &edits);
        if applied == 0 || next == current {
            break;
        }
        current = next;
        fixed += count;
    }
    (current, fixed)
}

/// A unified diff between two versions of a file (empty when they are equal).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// How long a file must have gone unmodified before a fix replaces it. A program that saves
/// a file by truncating it and writing it in pieces leaves it short for a moment; a file
/// modified this recently may be in that state, so the fix waits for the period to pass and
/// then looks again.
pub const QUIET_PERIOD: Duration = Duration::from_millis(250);

/// The modification time of a file, `None` where the file system keeps none.
pub fn modified_time(path: &Path) -> io::Result<Option<SystemTime>> {
    Ok(std::fs::metadata(path)?.modified().ok())
}

/// Whether the file still looks as it was read: the same modification time (taken before
/// the read) and the same bytes. A save that rewrites identical bytes still moves the time.
fn unchanged(path: &Path, original: &[u8], read_modified: Option<SystemTime>) -> io::Result<bool> {
    Ok(modified_time(path)? == read_modified && std::fs::read(path)? == original)
}

/// Waits until the file was last modified at least [`QUIET_PERIOD`] ago (once: a
/// modification during the wait moves the time, which the caller then sees).
fn wait_until_quiet(read_modified: Option<SystemTime>) {
    let wait = match read_modified.map(|modified| modified.elapsed()) {
        Some(Ok(age)) => QUIET_PERIOD.saturating_sub(age),
        // No time, or one in the future (a clock ahead): wait the whole period.
        _ => QUIET_PERIOD,
    };
    if !wait.is_zero() {
        std::thread::sleep(wait);
    }
}

/// Replaces a file's content without ever leaving it half written: writes a temporary file
/// in the same folder with the original's permissions, then renames it over the original.
/// Refuses when the file no longer holds `original` or its modification time moved from
/// `read_modified` (taken before `original` was read): someone changed it meanwhile. Looks
/// last once the file has been quiet for [`QUIET_PERIOD`], so that a save still under way
/// is not taken for the file's content.
pub fn write_atomically(
    path: &Path,
    original: &[u8],
    read_modified: Option<SystemTime>,
    new_text: &str,
) -> Result<(), WriteError> {
    write_atomically_with(path, original, read_modified, new_text, |file, bytes| {
        file.write_all(bytes)
    })
}

/// [`write_atomically`] with the step that writes the bytes given, so that a failing write
/// can be tested.
pub fn write_atomically_with(
    path: &Path,
    original: &[u8],
    read_modified: Option<SystemTime>,
    new_text: &str,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    // Write through a symbolic link to the file it names, and keep the link.
    let target = std::fs::canonicalize(path)?;
    if !unchanged(&target, original, read_modified)? {
        return Err(WriteError::ChangedSinceRead);
    }
    let permissions = std::fs::metadata(&target)?.permissions();
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".rolelint-fix-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    write(temporary.as_file_mut(), new_text.as_bytes())?;
    temporary.as_file().sync_all()?;
    std::fs::set_permissions(temporary.path(), permissions)?;
    // Check again right before the rename, once the file is quiet, to keep the window for a
    // lost update small and never to replace a save still under way.
    wait_until_quiet(read_modified);
    if !unchanged(&target, original, read_modified)? {
        return Err(WriteError::ChangedSinceRead);
    }
    temporary
        .persist(&target)
        .map_err(|error| WriteError::Io(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggestion(safe: bool, edits: &[(usize, usize, &str)]) -> Suggestion {
        Suggestion {
            title: "".into(),
            safe,
            edits: edits
                .iter()
                .map(|(start, end, text)| Edit {
                    range: *start..*end,
                    replacement: text.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn overlapping_suggestions_are_not_taken_together() {
        let first = [suggestion(true, &[(0, 5, "A"), (20, 22, "B")])];
        let second = [suggestion(true, &[(21, 25, "C")])];
        let third = [suggestion(true, &[(30, 31, "D")])];
        let (edits, count) = choose_edits([&first[..], &second[..], &third[..]], false);
        assert_eq!(count, 2);
        assert_eq!(edits.len(), 3);
    }

    #[test]
    fn unsafe_suggestions_need_the_flag() {
        let only_unsafe = [suggestion(false, &[(0, 1, "x")])];
        assert_eq!(choose_edits([&only_unsafe[..]], false).1, 0);
        assert_eq!(choose_edits([&only_unsafe[..]], true).1, 1);
    }

    #[test]
    fn replacements_follow_crlf_files() {
        assert!(uses_crlf("a\r\nb\r\n"));
        assert!(!uses_crlf("a\nb\n"));
        assert_eq!(with_line_endings("x\ny\r\nz", true), "x\r\ny\r\nz");
    }

    #[test]
    fn the_original_survives_a_failed_write() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("post.md");
        std::fs::write(&path, "original text\n").expect("write");
        let modified = modified_time(&path).expect("stat");
        let result = write_atomically_with(
            &path,
            b"original text\n",
            modified,
            "new text\n",
            |file, bytes| {
                file.write_all(&bytes[..3])?;
                Err(io::Error::other("disk full"))
            },
        );
        assert!(matches!(result, Err(WriteError::Io(_))));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "original text\n"
        );
        let leftovers: Vec<_> = std::fs::read_dir(folder.path())
            .expect("list")
            .map(|entry| entry.expect("entry").file_name())
            .collect();
        assert_eq!(leftovers, ["post.md"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("post.md");
        std::fs::write(&path, "edited meanwhile\n").expect("write");
        let modified = modified_time(&path).expect("stat");
        let result = write_atomically(&path, b"as read\n", modified, "fixed\n");
        assert!(matches!(result, Err(WriteError::ChangedSinceRead)));
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            "edited meanwhile\n"
        );
    }

    #[test]
    fn a_file_saved_again_with_the_same_bytes_is_not_written() {
        // The bytes alone cannot tell a save that began again with the same first half.
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("post.md");
        std::fs::write(&path, "same text\n").expect("write");
        let modified = modified_time(&path).expect("stat");
        let earlier = modified.map(|time| time - Duration::from_secs(5));
        let result = write_atomically(&path, b"same text\n", earlier, "fixed\n");
        assert!(matches!(result, Err(WriteError::ChangedSinceRead)));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "same text\n");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("post.md");
        std::fs::write(&path, "a\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        let modified = modified_time(&path).expect("stat");
        write_atomically(&path, b"a\n", modified, "b\n").expect("written");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "b\n");
    }
}
