//! Emacs with eglot against the built server, configured as editors/README.md says: findings at
//! their lines, a quick fix, and settings from `eglot-workspace-configuration`. Needs Emacs and
//! eglot (`.ci/install-editor-deps`: `emacs-nox`, `elpa-eglot`); without them these fail.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

fn driver() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/emacs/tests/eglot-driver.el")
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("editors/neovim/tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Runs the eglot driver on a copy of a fixture; `env` adds scenario variables.
fn run_eglot(fixture_name: &str, env: &[(&str, &str)]) -> Value {
    let probe = Command::new("emacs").arg("--version").output();
    assert!(
        probe.is_ok_and(|output| output.status.success()),
        "Emacs is required for the eglot tests: install it with \
         `apt-get install -y emacs-nox elpa-eglot` (or run .ci/install-editor-deps)"
    );
    let folder = TempDir::new().expect("temporary folder");
    let file = folder.path().join(fixture_name);
    std::fs::write(&file, fixture(fixture_name)).expect("write fixture");
    let out = folder.path().join("report.json");
    let mut command = Command::new("emacs");
    command
        .args(["--batch", "-Q", "-l"])
        .arg(driver())
        .env("ROLELINT_BIN", env!("CARGO_BIN_EXE_rolelint"))
        .env("ROLELINT_FILE", &file)
        .env("ROLELINT_OUT", &out)
        .current_dir(folder.path());
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("emacs runs");
    let report: Value = std::fs::read_to_string(&out)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| {
            panic!(
                "no report from Emacs (status {}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
        });
    assert!(
        report.get("error").is_none(),
        "error inside Emacs: {}\n{}",
        report["error"],
        String::from_utf8_lossy(&output.stderr)
    );
    report
}

/// `(line, text)` pairs of the driver's Flymake diagnostics.
fn diagnostics(list: &Value) -> Vec<(u64, String)> {
    list.as_array()
        .expect("diagnostics")
        .iter()
        .map(|pair| {
            (
                pair[0].as_u64().unwrap_or_default(),
                pair[1].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn eglot_shows_findings_at_their_lines() {
    let report = run_eglot("po-notes.txt", &[]);
    let found = diagnostics(&report["diagnostics"]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, 4);
    assert!(
        found[0].1.starts_with("rolelint [po-owns-vision]: "),
        "{}",
        found[0].1
    );
}

#[test]
fn eglot_applies_a_quick_fix() {
    let report = run_eglot(
        "po-notes.txt",
        &[
            ("ROLELINT_SCENARIO", "quickfix"),
            ("ROLELINT_RULE", "po-owns-vision"),
            ("ROLELINT_ACTION", "hand-off"),
        ],
    );
    let text = report["text"].as_str().expect("buffer text");
    let original = fixture("po-notes.txt");
    assert_ne!(text, original);
    assert!(
        text.contains("contribute to the product vision owned by the Product Manager"),
        "{text}"
    );
    assert_eq!(
        text.lines().take(3).collect::<Vec<_>>(),
        original.lines().take(3).collect::<Vec<_>>(),
        "only the flagged line changes"
    );
    assert_eq!(diagnostics(&report["after"]), Vec::new());
}

#[test]
fn eglot_workspace_configuration_disables_a_rule() {
    let report = run_eglot(
        "po-notes.txt",
        &[(
            "ROLELINT_EGLOT_CONFIG",
            r#"(:rolelint (:rules (:disable ["po-owns-vision"])))"#,
        )],
    );
    assert_eq!(diagnostics(&report["diagnostics"]), Vec::new());
}
