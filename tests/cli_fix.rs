//! `rolelint check --fix`, `--unsafe-fixes` and `--diff` through the real binary.

mod cli_support;

use cli_support::{CLEAN, PO_POST, Workspace, rules_by_file};

const PRIORITISE: &str = "- Prioritise features with the team.";
const PRIORITISE_FIXED: &str = "- Prioritise features in the product backlog with the team.";

fn rules_of(json: &str) -> Vec<String> {
    rules_by_file(json)
        .into_iter()
        .flat_map(|(_, rules)| rules)
        .collect()
}

#[test]
fn fix_applies_the_safe_fix_and_leaves_the_rest_byte_identical() {
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&["check", "po.md", "--fix", "--format", "json"]);
    let expected = PO_POST.replace(PRIORITISE, PRIORITISE_FIXED);
    assert_eq!(workspace.read("po.md"), expected);
    // The report describes the fixed file: the fixed finding is gone, the unsafe one stays.
    let rules = rules_of(&run.stdout);
    assert!(
        !rules.contains(&"unqualified-prioritization".to_string()),
        "{rules:?}"
    );
    assert!(rules.contains(&"po-owns-roadmap".to_string()));
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(report["summary"]["fixed"], 1);
    // A second run finds nothing more to fix.
    workspace.run(&["check", "po.md", "--fix"]);
    assert_eq!(workspace.read("po.md"), expected);
}

#[test]
fn fix_keeps_crlf_line_endings() {
    let workspace = Workspace::new();
    let crlf = PO_POST.replace('\n', "\r\n");
    workspace.write("po.md", &crlf);
    workspace.run(&["check", "po.md", "--fix"]);
    assert_eq!(
        std::fs::read(workspace.root().join("po.md")).expect("read"),
        crlf.replace(PRIORITISE, PRIORITISE_FIXED).into_bytes()
    );
}

#[test]
fn unsafe_fixes_apply_the_others_too() {
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&[
        "check",
        "po.md",
        "--fix",
        "--unsafe-fixes",
        "--format",
        "json",
    ]);
    let fixed = workspace.read("po.md");
    assert!(fixed.contains(
        "- Contribute to the product roadmap owned by the Product Manager for the payments team."
    ), "{fixed}");
    assert!(fixed.contains(PRIORITISE_FIXED));
    assert!(!rules_of(&run.stdout).contains(&"po-owns-roadmap".to_string()));
}

#[test]
fn fix_removes_suppressions_that_suppress_nothing() {
    let workspace = Workspace::new();
    workspace.write(
        "notes.md",
        "# Notes\n\n<!-- rolelint-disable-next-line -->\nWe meet on Tuesdays.\n",
    );
    let run = workspace.run(&["check", "notes.md", "--fix"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        workspace.read("notes.md"),
        "# Notes\n\nWe meet on Tuesdays.\n"
    );
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    workspace.write("clean.md", CLEAN);
    let run = workspace.run(&["check", "po.md", "clean.md", "--diff"]);
    assert_eq!(run.code, 1, "a diff that would change a file exits with 1");
    insta::assert_snapshot!(run.stdout);
    assert!(
        run.stderr.contains("1 fix would change 1 file"),
        "{}",
        run.stderr
    );
    assert_eq!(workspace.read("po.md"), PO_POST);
    let clean = workspace.run(&["check", "clean.md", "--diff"]);
    assert_eq!(clean.code, 0);
    assert!(clean.stdout.is_empty());
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let workspace = Workspace::new();
    let run = workspace.run_with_stdin(
        &["check", "-", "--fix", "--stdin-filename", "po.md"],
        PO_POST,
    );
    assert_eq!(run.stdout, PO_POST.replace(PRIORITISE, PRIORITISE_FIXED));
    assert!(
        run.stderr.contains("po-owns-roadmap"),
        "the report goes to stderr: {}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn fix_writes_through_a_symbolic_link_and_keeps_it() {
    let workspace = Workspace::new();
    workspace.write("real/po.md", PO_POST);
    std::os::unix::fs::symlink("real/po.md", workspace.root().join("link.md")).expect("symlink");
    workspace.run(&["check", "link.md", "--fix"]);
    let link = workspace.root().join("link.md");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("stat")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        workspace.read("real/po.md"),
        PO_POST.replace(PRIORITISE, PRIORITISE_FIXED)
    );
}
