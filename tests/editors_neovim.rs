//! The Neovim plugin (`editors/neovim`) in a real headless Neovim against the built server:
//! diagnostics at the right lines, a quick fix, `:RolelintFixAll`, settings, root folders and
//! `:checkhealth`. Neovim must be installed (`.ci/install-editor-deps`); without it these fail.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

fn plugin_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/neovim")
}

fn fixture(name: &str) -> String {
    let path = plugin_folder().join("tests/fixtures").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn server_command() -> Value {
    json!([env!("CARGO_BIN_EXE_rolelint"), "server"])
}

/// `nvim`, or a failure that says how to install it: these tests never skip.
fn nvim() -> Command {
    let probe = Command::new("nvim").arg("--version").output();
    match probe {
        Ok(output) if output.status.success() => Command::new("nvim"),
        _ => panic!(
            "Neovim is required for the editor tests: install it with `apt-get install -y neovim` \
             (or run .ci/install-editor-deps)"
        ),
    }
}

/// One run of `tests/driver.lua`.
struct Run<'a> {
    scenario: &'a str,
    file: &'a Path,
    settings: Value,
    extra_env: Vec<(&'a str, String)>,
}

impl<'a> Run<'a> {
    fn new(scenario: &'a str, file: &'a Path) -> Self {
        Run {
            scenario,
            file,
            settings: json!({}),
            extra_env: Vec::new(),
        }
    }

    fn settings(mut self, settings: Value) -> Self {
        self.settings = settings;
        self
    }

    fn env(mut self, name: &'a str, value: impl Into<String>) -> Self {
        self.extra_env.push((name, value.into()));
        self
    }

    /// Runs Neovim and returns the driver's report; fails on any error inside the editor.
    fn report(self) -> Value {
        let out_folder = TempDir::new().expect("temporary folder");
        let out = out_folder.path().join("report.json");
        let plugin = plugin_folder();
        let mut command = nvim();
        command
            .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "--cmd"])
            .arg(format!("set rtp^={}", plugin.display()))
            .arg("-c")
            .arg(format!(
                "luafile {}",
                plugin.join("tests/driver.lua").display()
            ))
            .env("ROLELINT_CMD", server_command().to_string())
            .env("ROLELINT_FILE", self.file)
            .env("ROLELINT_SCENARIO", self.scenario)
            .env("ROLELINT_SETTINGS", self.settings.to_string())
            .env("ROLELINT_OUT", &out)
            .current_dir(self.file.parent().expect("fixture folder"));
        for (name, value) in &self.extra_env {
            command.env(name, value);
        }
        let output = command.output().expect("nvim runs");
        let report: Value = std::fs::read_to_string(&out)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_else(|| {
                panic!(
                    "no report from Neovim (status {}):\nstdout: {}\nstderr: {}",
                    output.status,
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                )
            });
        assert!(
            report.get("error").is_none(),
            "error inside Neovim: {}\nstderr: {}",
            report["error"],
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            output.status.success(),
            "nvim exited with {}",
            output.status
        );
        report
    }
}

/// A fixture copied into a fresh folder, so fixes never touch the originals.
fn workspace_with(name: &str) -> (TempDir, PathBuf) {
    let folder = TempDir::new().expect("temporary folder");
    let path = folder.path().join(name);
    std::fs::write(&path, fixture(name)).expect("write fixture");
    (folder, path)
}

/// `(rule, 1-based line)` of each rolelint diagnostic in a list from the driver.
fn rules_and_lines(diagnostics: &Value) -> Vec<(String, u64)> {
    diagnostics
        .as_array()
        .expect("a diagnostic list")
        .iter()
        .filter(|diagnostic| diagnostic["source"] == "rolelint")
        .map(|diagnostic| {
            (
                diagnostic["rule"].as_str().unwrap_or_default().to_string(),
                diagnostic["line"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected
        .iter()
        .map(|(rule, line)| (rule.to_string(), *line))
        .collect()
}

fn lines_of(report: &Value) -> Vec<String> {
    report["after"]["lines"]
        .as_array()
        .expect("buffer lines")
        .iter()
        .map(|line| line.as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn markdown_findings_appear_at_their_lines() {
    let (_folder, file) = workspace_with("po-mixed.md");
    let report = Run::new("diagnostics", &file).report();
    assert_eq!(report["filetype"], "markdown");
    assert_eq!(report["client"]["name"], "rolelint");
    assert_eq!(
        rules_and_lines(&report["diagnostics"]),
        pairs(&[
            ("po-owns-roadmap", 6),
            ("unqualified-prioritization", 7),
            ("unqualified-release-dates", 9),
        ])
    );
    let roadmap = &report["diagnostics"][0];
    assert_eq!(roadmap["col"], 2, "the finding starts at 'Own', after '- '");
    assert_eq!(
        roadmap["severity"], 2,
        "warnings show as vim.diagnostic.severity.WARN"
    );
}

#[test]
fn plain_text_documents_are_checked_too() {
    let (_folder, file) = workspace_with("po-notes.txt");
    let report = Run::new("diagnostics", &file).report();
    assert_eq!(report["filetype"], "text");
    assert_eq!(
        rules_and_lines(&report["diagnostics"]),
        pairs(&[("po-owns-vision", 4)])
    );
}

#[test]
fn columns_are_right_after_multibyte_characters() {
    let (_folder, file) = workspace_with("unicode.md");
    let report = Run::new("diagnostics", &file).report();
    assert_eq!(
        rules_and_lines(&report["diagnostics"]),
        pairs(&[("po-owns-roadmap", 3)])
    );
    // Neovim shows byte columns; the span starts at "own the product roadmap".
    let line = fixture("unicode.md")
        .lines()
        .nth(2)
        .expect("line 3")
        .to_string();
    let start = line.find("own the product roadmap").expect("phrase");
    assert_eq!(report["diagnostics"][0]["col"], start as u64);
}

#[test]
fn a_clean_document_has_no_diagnostics() {
    let (_folder, file) = workspace_with("clean.md");
    let report = Run::new("diagnostics", &file).report();
    assert_eq!(report["diagnostics"], json!([]));
}

#[test]
fn a_quick_fix_rewrites_the_flagged_text() {
    let (_folder, file) = workspace_with("po-mixed.md");
    let report = Run::new("quickfix", &file)
        .env("ROLELINT_RULE", "po-owns-roadmap")
        .env("ROLELINT_ACTION", "hand-off")
        .report();
    let lines = lines_of(&report);
    assert_eq!(
        lines[5],
        "- Contribute to the product roadmap owned by the Product Manager for the payments platform."
    );
    // Only that line changed.
    let original_text = fixture("po-mixed.md");
    let original: Vec<&str> = original_text.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        if index != 5 {
            assert_eq!(line, original[index], "line {} changed", index + 1);
        }
    }
    assert_eq!(report["after"]["modified"], true);
    let remaining = rules_and_lines(&report["after"]["diagnostics"]);
    assert!(
        !remaining.iter().any(|(rule, _)| rule == "po-owns-roadmap"),
        "the fixed finding is gone: {remaining:?}"
    );
    // A non-mechanical suggestion is offered but never preferred.
    let actions = report["actions"].as_array().expect("actions");
    let applied = actions
        .iter()
        .find(|action| action["title"] == report["applied"])
        .expect("the applied action is listed");
    assert_eq!(
        applied["preferred"], false,
        "an unsafe rewrite is not preferred"
    );
}

#[test]
fn fix_all_applies_only_the_safe_fixes() {
    let (_folder, file) = workspace_with("po-mixed.md");
    let report = Run::new("fixall", &file).report();
    let lines = lines_of(&report);
    let original: Vec<String> = fixture("po-mixed.md").lines().map(String::from).collect();
    // The level-stating fixes are safe; the roadmap hand-off changes meaning and is left alone.
    assert_eq!(lines[5], original[5]);
    assert_ne!(lines[6], original[6], "prioritisation gets a level");
    assert!(
        lines[6].starts_with("- Prioritise features"),
        "{}",
        lines[6]
    );
    assert_ne!(lines[8], original[8], "release dates get a level");
    let remaining = rules_and_lines(&report["after"]["diagnostics"]);
    assert!(
        remaining.contains(&("po-owns-roadmap".to_string(), 6)),
        "{remaining:?}"
    );
    assert!(
        !remaining
            .iter()
            .any(|(rule, _)| rule == "unqualified-prioritization"),
        "{remaining:?}"
    );
}

#[test]
fn disabling_a_rule_in_the_settings_removes_its_diagnostics() {
    let (_folder, file) = workspace_with("po-mixed.md");
    let settings = json!({ "rules": { "disable": ["unqualified-prioritization"] } });
    let report = Run::new("diagnostics", &file)
        .settings(settings.clone())
        .report();
    assert_eq!(
        rules_and_lines(&report["diagnostics"]),
        pairs(&[("po-owns-roadmap", 6), ("unqualified-release-dates", 9)])
    );

    // The same change made while the server runs.
    let report = Run::new("reconfigure", &file)
        .env("ROLELINT_NEW_SETTINGS", settings.to_string())
        .report();
    assert_eq!(rules_and_lines(&report["diagnostics"]).len(), 3);
    assert_eq!(
        rules_and_lines(&report["after"]["diagnostics"]),
        pairs(&[("po-owns-roadmap", 6), ("unqualified-release-dates", 9)])
    );
}

#[test]
fn the_root_is_the_nearest_rolelint_toml_else_git() {
    let folder = TempDir::new().expect("temporary folder");
    let nested = folder.path().join("roles/payments");
    std::fs::create_dir_all(&nested).expect("folders");
    std::fs::create_dir(folder.path().join(".git")).expect(".git");
    let file = nested.join("clean.md");
    std::fs::write(&file, fixture("clean.md")).expect("write");

    let report = Run::new("diagnostics", &file).report();
    let root = folder.path().canonicalize().expect("root");
    assert_eq!(report["client"]["root_dir"], root.display().to_string());

    std::fs::write(folder.path().join("roles/.rolelint.toml"), "").expect("config");
    let report = Run::new("diagnostics", &file).report();
    assert_eq!(
        report["client"]["root_dir"],
        root.join("roles").display().to_string()
    );
}

#[test]
fn checkhealth_reports_the_server_and_its_version() {
    let folder = TempDir::new().expect("temporary folder");
    let out = folder.path().join("health.txt");
    let plugin = plugin_folder();
    let setup = format!(
        "lua require('rolelint').setup({{ cmd = {{ '{}', 'server' }} }})",
        env!("CARGO_BIN_EXE_rolelint")
    );
    let output = nvim()
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "--cmd"])
        .arg(format!("set rtp^={}", plugin.display()))
        .args(["-c", &setup, "-c", "checkhealth rolelint", "-c"])
        .arg(format!("write! {}", out.display()))
        .args(["-c", "qa!"])
        .output()
        .expect("nvim runs");
    let health = std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "no health report: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert!(
        health.contains(&format!("OK: server: {}", env!("CARGO_BIN_EXE_rolelint"))),
        "{health}"
    );
    assert!(
        health.contains(&format!(
            "OK: version: rolelint {}",
            env!("CARGO_PKG_VERSION")
        )),
        "{health}"
    );
    assert!(!health.contains("ERROR"), "{health}");

    // A missing server is an error with advice.
    let output = nvim()
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "--cmd"])
        .arg(format!("set rtp^={}", plugin.display()))
        .args([
            "-c",
            "lua require('rolelint').setup({ cmd = { '/nonexistent/rolelint', 'server' } })",
            "-c",
            "checkhealth rolelint",
            "-c",
        ])
        .arg(format!("write! {}", out.display()))
        .args(["-c", "qa!"])
        .output()
        .expect("nvim runs");
    let health = std::fs::read_to_string(&out).expect("health report");
    assert!(
        health.contains("ERROR: '/nonexistent/rolelint' was not found"),
        "{health}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(health.contains("cargo install"), "{health}");
}

#[test]
fn the_help_file_builds_and_documents_every_command() {
    let folder = TempDir::new().expect("temporary folder");
    let doc = folder.path().join("doc");
    std::fs::create_dir(&doc).expect("doc folder");
    std::fs::copy(
        plugin_folder().join("doc/rolelint.txt"),
        doc.join("rolelint.txt"),
    )
    .expect("copy help");
    let output = nvim()
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "try | helptags {} | catch | echo v:exception | cquit 1 | endtry",
            doc.display()
        ))
        .args(["-c", "qa!"])
        .output()
        .expect("nvim runs");
    assert!(
        output.status.success(),
        "helptags failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tags = std::fs::read_to_string(doc.join("tags")).expect("tags written");
    let tag_names: Vec<&str> = tags
        .lines()
        .filter_map(|line| line.split('\t').next())
        .collect();
    let source = std::fs::read_to_string(plugin_folder().join("lua/rolelint/init.lua"))
        .expect("plugin source");
    let commands: Vec<&str> = source
        .split("nvim_create_user_command('")
        .skip(1)
        .filter_map(|rest| rest.split('\'').next())
        .collect();
    assert_eq!(commands, ["RolelintFixAll", "RolelintExplain"]);
    for command in commands {
        assert!(
            tag_names.contains(&format!(":{command}").as_str()),
            ":{command} has no help tag"
        );
    }
    for tag in ["rolelint.setup()", "rolelint-settings", "rolelint-health"] {
        assert!(tag_names.contains(&tag), "{tag} has no help tag");
    }
}

#[test]
fn the_lsp_config_file_matches_the_plugin_defaults() {
    let folder = TempDir::new().expect("temporary folder");
    let out = folder.path().join("configs.json");
    let plugin = plugin_folder();
    let script = format!(
        "lua local file = dofile('{}'); local defaults = require('rolelint').config; \
         local handle = io.open('{}', 'w'); handle:write(vim.fn.json_encode({{ file = {{ cmd = file.cmd, \
         filetypes = file.filetypes, root_markers = file.root_markers, settings = file.settings }}, \
         plugin = {{ cmd = defaults.cmd, filetypes = defaults.filetypes, root_markers = defaults.root_markers, \
         settings = require('rolelint').client_settings() }} }})); handle:close()",
        plugin.join("lsp/rolelint.lua").display(),
        out.display()
    );
    let output = nvim()
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "--cmd"])
        .arg(format!("set rtp^={}", plugin.display()))
        .args(["-c", &script, "-c", "qa!"])
        .output()
        .expect("nvim runs");
    let configs: Value = std::fs::read_to_string(&out)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_else(|| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(configs["file"], configs["plugin"]);
    assert_eq!(configs["file"]["cmd"], json!(["rolelint", "server"]));
    // An empty configuration travels as an object, never as an empty list.
    assert_eq!(configs["file"]["settings"], json!({ "rolelint": {} }));
}

#[test]
fn explain_shows_the_rule_under_the_cursor() {
    let (_folder, file) = workspace_with("po-notes.txt");
    let report = Run::new("explain", &file)
        .env("ROLELINT_LINE", "4")
        .report();
    assert_eq!(report["rule_under_cursor"], "po-owns-vision");
    let explanation: Vec<&str> = report["explanation"]
        .as_array()
        .expect("an explanation buffer opened")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        explanation
            .first()
            .is_some_and(|line| line.starts_with("po-owns-vision: ")),
        "{explanation:?}"
    );
    assert!(
        report["explanation_name"]
            .as_str()
            .is_some_and(|name| name.ends_with("rolelint://explain/po-owns-vision")),
        "{}",
        report["explanation_name"]
    );
    assert_eq!(
        report["explanation_checked"], false,
        "the explanation itself is not linted"
    );
}

#[test]
fn a_project_rolelint_toml_applies_in_the_editor() {
    let (folder, file) = workspace_with("po-mixed.md");
    std::fs::write(
        folder.path().join(".rolelint.toml"),
        "[rules]\ndisable = [\"unqualified-release-dates\"]\n\n[rules.severity]\npo-owns-roadmap = \"error\"\n",
    )
    .expect("config");
    let report = Run::new("diagnostics", &file).report();
    assert_eq!(
        rules_and_lines(&report["diagnostics"]),
        pairs(&[("po-owns-roadmap", 6), ("unqualified-prioritization", 7)])
    );
    assert_eq!(
        report["diagnostics"][0]["severity"], 1,
        "raised to vim.diagnostic.severity.ERROR"
    );
}
