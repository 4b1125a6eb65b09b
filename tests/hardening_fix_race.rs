//! `rolelint check --fix` racing another program that keeps saving the same file the slow
//! way (truncate, write half, pause, write the rest). Whenever the other program looks, the
//! file holds one whole version of its own or that version fixed: never a cut or mixed text.

mod cli_support;

use cli_support::Workspace;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

const PRIORITISE: &str = "- Prioritise features with the team.";
const PRIORITISE_FIXED: &str = "- Prioritise features in the product backlog with the team.";

/// How many versions the other program saves at least.
const VERSIONS: usize = 12;
/// How many fix runs must end while it saves.
const RACING_RUNS: usize = 4;
/// Its pause between the two halves of a save: longer than a fix takes to read, check and
/// write a small file, so a fix that trusted a half-written file would replace it.
const MID_SAVE_PAUSE: Duration = Duration::from_millis(120);
/// How long it waits after a save before it looks at the file.
const LOOK_DELAY: Duration = Duration::from_millis(40);

/// A version with its safe fix near the top, so that even the first half of a save has a fix
/// to apply.
fn version(number: usize) -> String {
    let notes = "\nThe team meets on Tuesdays to review the work.\n".repeat(10);
    format!(
        "# Product Owner\n\n{PRIORITISE}\n- Order the product backlog.\n{notes}\n<!-- saved version {number} -->\n"
    )
}

fn fixed(text: &str) -> String {
    text.replace(PRIORITISE, PRIORITISE_FIXED)
}

/// Saves like an editor without atomic saves: truncate, half, pause, rest.
fn slow_save(path: &Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).expect("open for writing");
    let half = text.len() / 2;
    file.write_all(&text.as_bytes()[..half]).expect("write");
    file.flush().expect("flush");
    std::thread::sleep(MID_SAVE_PAUSE);
    file.write_all(&text.as_bytes()[half..]).expect("write");
}

/// The other program: saves version after version (at least [`VERSIONS`], and until
/// [`RACING_RUNS`] fix runs have ended meanwhile), looks at the file a moment after each save,
/// and returns what it found that was neither its version nor that version fixed, with the
/// number of its last version.
fn other_program(
    path: PathBuf,
    fix_runs: Arc<AtomicUsize>,
    done: Arc<AtomicBool>,
) -> (Vec<String>, usize) {
    let mut bad = Vec::new();
    let mut number = 0;
    while number < VERSIONS || fix_runs.load(Ordering::SeqCst) < RACING_RUNS {
        number += 1;
        let saved = version(number);
        slow_save(&path, &saved);
        std::thread::sleep(LOOK_DELAY);
        let now = std::fs::read_to_string(&path).unwrap_or_else(|error| format!("<{error}>"));
        if now != saved && now != fixed(&saved) {
            bad.push(format!("after version {number}: {now:?}"));
        }
    }
    done.store(true, Ordering::SeqCst);
    (bad, number)
}

fn fix(workspace: &Workspace) -> i32 {
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rolelint"))
        .current_dir(workspace.root())
        .args(["check", "--fix", "post.md"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("rolelint runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    output.status.code().expect("rolelint ended")
}

#[test]
fn fix_never_cuts_or_mixes_a_file_being_saved() {
    let workspace = Workspace::new();
    let path = workspace.write("post.md", version(0));
    let done = Arc::new(AtomicBool::new(false));
    let fix_runs = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (path, fix_runs, done) = (path.clone(), Arc::clone(&fix_runs), Arc::clone(&done));
        std::thread::spawn(move || other_program(path, fix_runs, done))
    };
    while !done.load(Ordering::SeqCst) {
        let code = fix(&workspace);
        // 0: fixed or nothing to fix; 2: the file changed under the fix, not written.
        assert!(matches!(code, 0 | 2), "exit code {code}");
        fix_runs.fetch_add(1, Ordering::SeqCst);
    }
    let (bad, last) = writer.join().expect("the other program ran");
    assert!(bad.is_empty(), "{} bad states: {bad:#?}", bad.len());
    // Once the saves stop, the fix applies to the last version.
    assert_eq!(fix(&workspace), 0);
    assert_eq!(workspace.read("post.md"), fixed(&version(last)));
    let leftovers: Vec<_> = std::fs::read_dir(workspace.root())
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers, ["post.md"], "no temporary file is left behind");
}
