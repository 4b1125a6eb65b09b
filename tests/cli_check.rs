//! `rolelint check` end to end: exit codes, inputs, configuration, suppressions and walking,
//! through the real binary.

mod cli_support;

use cli_support::{CLEAN, PO_POST, Run, Workspace, rules_by_file};

fn rules_of(json: &str, path: &str) -> Vec<String> {
    rules_by_file(json)
        .into_iter()
        .find(|(file, _)| file == path)
        .map(|(_, rules)| rules)
        .unwrap_or_else(|| panic!("{path} not in report: {json}"))
}

#[test]
fn exit_code_0_when_nothing_is_found() {
    let workspace = Workspace::new();
    workspace.write("clean.md", CLEAN);
    let run = workspace.run(&["check", "clean.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("0 findings in 0 of 1 file"),
        "{}",
        run.stdout
    );
}

#[test]
fn exit_code_1_on_findings_at_or_above_fail_on() {
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    assert_eq!(workspace.run(&["check", "po.md"]).code, 1);
    assert_eq!(
        workspace
            .run(&["check", "po.md", "--fail-on", "error"])
            .code,
        0
    );
    assert_eq!(
        workspace.run(&["check", "po.md", "--fail-on", "info"]).code,
        1
    );
    workspace.write(".rolelint.toml", "fail-on = \"error\"\n");
    assert_eq!(workspace.run(&["check", "po.md"]).code, 0);
    // A severity override can lift a finding over the threshold.
    workspace.write(
        ".rolelint.toml",
        "fail-on = \"error\"\n[rules.severity]\npo-owns-roadmap = \"error\"\n",
    );
    assert_eq!(workspace.run(&["check", "po.md"]).code, 1);
}

#[test]
fn exit_code_2_on_usage_errors() {
    let workspace = Workspace::new();
    let run = workspace.run(&["check", "--no-such-flag"]);
    assert_eq!(run.code, 2);
    let run = workspace.run(&["check", "--format", "xml", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("xml"));
}

#[test]
fn a_missing_path_is_named_and_the_other_files_are_still_checked() {
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&["check", "missing.md", "po.md", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("missing.md: no such file or folder"),
        "{}",
        run.stderr
    );
    assert!(rules_of(&run.stdout, "po.md").contains(&"po-owns-roadmap".to_string()));
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(report["errors"][0]["path"], "missing.md");
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_the_byte_offset() {
    let workspace = Workspace::new();
    workspace.write("latin1.md", b"# Caf\xe9\n\nText.\n");
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&["check", ".", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("latin1.md: not valid UTF-8: invalid byte at offset 5 (line 1, byte 6)"),
        "{}",
        run.stderr
    );
    assert!(rules_of(&run.stdout, "./po.md").contains(&"po-owns-roadmap".to_string()));
}

#[test]
fn a_binary_file_is_skipped_with_a_note() {
    let workspace = Workspace::new();
    workspace.write("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    workspace.write("clean.md", CLEAN);
    let run = workspace.run(&["check", ".", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("skipped ./image.md: binary file"),
        "{}",
        run.stderr
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(report["skipped"][0]["path"], "./image.md");
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn standard_input_is_checked_under_its_stdin_filename() {
    let workspace = Workspace::new();
    let run = workspace.run_with_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "posts/po.md",
            "--format",
            "json",
        ],
        PO_POST,
    );
    assert_eq!(run.code, 1);
    assert!(rules_of(&run.stdout, "posts/po.md").contains(&"po-owns-roadmap".to_string()));
    let run = workspace.run_with_stdin(&["check", "-", "--format", "json"], PO_POST);
    assert!(rules_of(&run.stdout, "-").contains(&"po-owns-roadmap".to_string()));
}

#[test]
fn the_stdin_filename_finds_the_config() {
    let workspace = Workspace::new();
    workspace.write(
        "team/.rolelint.toml",
        "[rules]\ndisable = [\"po-owns-roadmap\"]\n",
    );
    let run = workspace.run_with_stdin(
        &[
            "check",
            "-",
            "--stdin-filename",
            "team/po.md",
            "--format",
            "json",
        ],
        PO_POST,
    );
    assert!(!rules_of(&run.stdout, "team/po.md").contains(&"po-owns-roadmap".to_string()));
}

#[test]
fn the_nearest_config_above_each_file_wins() {
    let workspace = Workspace::new();
    workspace.write(
        ".rolelint.toml",
        "[rules]\ndisable = [\"po-owns-roadmap\"]\n",
    );
    workspace.write(
        "team/.rolelint.toml",
        "[rules]\ndisable = [\"unqualified-prioritization\"]\n",
    );
    workspace.write("top.md", PO_POST);
    workspace.write("team/deep/nested.md", PO_POST);
    let run = workspace.run_in("team/deep", &["check", "--format", "json"], None);
    let nested = rules_of(&run.stdout, "nested.md");
    assert!(
        nested.contains(&"po-owns-roadmap".to_string()),
        "{nested:?}"
    );
    assert!(!nested.contains(&"unqualified-prioritization".to_string()));
    let run = workspace.run(&["check", "--format", "json"]);
    let top = rules_of(&run.stdout, "top.md");
    assert!(!top.contains(&"po-owns-roadmap".to_string()));
    assert!(top.contains(&"unqualified-prioritization".to_string()));
}

#[test]
fn config_flag_and_no_config() {
    let workspace = Workspace::new();
    workspace.write(
        ".rolelint.toml",
        "[rules]\ndisable = [\"po-owns-roadmap\"]\n",
    );
    workspace.write(
        "other.toml",
        "[rules]\ndisable = [\"unqualified-prioritization\"]\n",
    );
    workspace.write("po.md", PO_POST);
    let discovered = workspace.run(&["check", "po.md", "--format", "json"]);
    assert!(!rules_of(&discovered.stdout, "po.md").contains(&"po-owns-roadmap".to_string()));
    let none = workspace.run(&["check", "po.md", "--no-config", "--format", "json"]);
    let rules = rules_of(&none.stdout, "po.md");
    assert!(rules.contains(&"po-owns-roadmap".to_string()));
    assert!(rules.contains(&"unqualified-prioritization".to_string()));
    let explicit = workspace.run(&[
        "check",
        "po.md",
        "--config",
        "other.toml",
        "--format",
        "json",
    ]);
    let rules = rules_of(&explicit.stdout, "po.md");
    assert!(rules.contains(&"po-owns-roadmap".to_string()));
    assert!(!rules.contains(&"unqualified-prioritization".to_string()));
    let missing = workspace.run(&["check", "po.md", "--config", "nope.toml"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.toml"), "{}", missing.stderr);
}

#[test]
fn an_unknown_config_key_is_an_error_with_file_line_and_column() {
    let workspace = Workspace::new();
    workspace.write(
        "sub/.rolelint.toml",
        "fail-on = \"error\"\n\n[rules]\nfrobnicate = true\n",
    );
    workspace.write("sub/po.md", PO_POST);
    let run = workspace.run_in("sub", &["check", "po.md"], None);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(".rolelint.toml:4:1: unknown field `frobnicate`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_config_is_an_error_with_file_line_and_column() {
    let workspace = Workspace::new();
    workspace.write(".rolelint.toml", "exclude = \"drafts\"\n");
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&["check", "po.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(".rolelint.toml:1:11:"),
        "{}",
        run.stderr
    );
    workspace.write(".rolelint.toml", "this is = not [toml\n");
    let run = workspace.run(&["check", "po.md", "--format", "json"]);
    assert_eq!(run.code, 2);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(report["errors"][0]["line"], 1);
}

#[test]
fn a_broken_rule_file_is_reported_and_the_other_rules_run() {
    let workspace = Workspace::new();
    workspace.write(".rolelint.toml", "rule-folders = [\"house-rules\"]\n");
    workspace.write("house-rules/broken-rule.toml", "summary = \"x\"\nkind = \n");
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&["check", "po.md", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken-rule.toml:2:"), "{}", run.stderr);
    assert!(rules_of(&run.stdout, "po.md").contains(&"po-owns-roadmap".to_string()));
}

#[test]
fn role_aliases_from_the_config_name_the_roles() {
    let workspace = Workspace::new();
    let post = PO_POST.replace("# Product Owner", "# Delivery Owner");
    workspace.write("post.md", &post);
    let before = workspace.run(&["check", "post.md", "--format", "json"]);
    assert!(!rules_of(&before.stdout, "post.md").contains(&"po-owns-roadmap".to_string()));
    workspace.write(
        ".rolelint.toml",
        "[roles]\nproduct-owner = [\"Delivery Owner\"]\n",
    );
    let after = workspace.run(&["check", "post.md", "--format", "json"]);
    assert!(rules_of(&after.stdout, "post.md").contains(&"po-owns-roadmap".to_string()));
}

#[test]
fn inline_suppressions_hide_findings_and_stale_ones_are_reported() {
    let workspace = Workspace::new();
    workspace.write(
        "po.md",
        "# Product Owner\n\n<!-- rolelint-disable-next-line po-owns-roadmap -->\n- Own the product roadmap for the payments team.\n\n<!-- rolelint-disable unqualified-shared -->\n- Prioritise features with the team.\n<!-- rolelint-enable unqualified-shared -->\n\n<!-- rolelint-disable-next-line -->\n- Order the product backlog.\n",
    );
    let run = workspace.run(&["check", "po.md", "--format", "json"]);
    assert_eq!(rules_of(&run.stdout, "po.md"), ["unused-suppression"]);
    assert_eq!(
        run.code, 0,
        "an info finding does not fail the default threshold"
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let unused = &report["files"][0]["diagnostics"][0];
    assert_eq!(unused["severity"], "info");
    assert_eq!(unused["class"], "suppression");
    assert_eq!(unused["start"]["line"], 10);
}

#[test]
fn disable_file_hides_everything() {
    let workspace = Workspace::new();
    workspace.write(
        "po.md",
        format!("{PO_POST}\n<!-- rolelint-disable-file -->\n"),
    );
    let run = workspace.run(&["check", "po.md", "--format", "json"]);
    assert_eq!(run.code, 0);
    assert!(rules_of(&run.stdout, "po.md").is_empty());
}

#[test]
fn walking_respects_gitignore_hidden_files_and_globs() {
    let workspace = Workspace::new();
    workspace.write(".gitignore", "ignored/\n");
    workspace.write("ignored/po.md", PO_POST);
    workspace.write(".hidden/po.md", PO_POST);
    workspace.write("notes.rst", PO_POST);
    workspace.write("posts/a.md", PO_POST);
    workspace.write("posts/b.txt", PO_POST);
    workspace.write("drafts/c.md", PO_POST);
    let paths = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["check", "--format", "json"];
        full.extend_from_slice(args);
        rules_by_file(&workspace.run(&full).stdout)
            .into_iter()
            .map(|(path, _)| path)
            .collect()
    };
    assert_eq!(paths(&[]), ["drafts/c.md", "posts/a.md", "posts/b.txt"]);
    assert_eq!(
        paths(&["--exclude", "drafts/"]),
        ["posts/a.md", "posts/b.txt"]
    );
    assert_eq!(paths(&["--include", "*.txt"]), ["posts/b.txt"]);
    assert_eq!(
        paths(&["--hidden", "--no-ignore"]),
        [
            ".hidden/po.md",
            "drafts/c.md",
            "ignored/po.md",
            "posts/a.md",
            "posts/b.txt"
        ]
    );
    workspace.write(
        ".rolelint.toml",
        "include = [\"*.rst\", \"*.md\"]\nexclude = [\"drafts/\"]\n",
    );
    assert_eq!(paths(&[]), ["notes.rst", "posts/a.md"]);
    // A file named on the command line is checked whatever its extension, unless excluded.
    assert_eq!(paths(&["posts/b.txt", "drafts/c.md"]), ["posts/b.txt"]);
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let workspace = Workspace::new();
    for index in 0..40 {
        let text = if index % 3 == 0 { CLEAN } else { PO_POST };
        workspace.write(&format!("posts/{}/post-{index:02}.md", index % 4), text);
    }
    let one = workspace.run(&["check", "--threads", "1", "--format", "json"]);
    let two = workspace.run(&["check", "--threads", "2", "--format", "json"]);
    let four = workspace.run(&["check", "--threads", "4", "--format", "json"]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
    let paths: Vec<String> = rules_by_file(&one.stdout)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 40);
}

#[test]
fn the_report_goes_to_the_output_file() {
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&[
        "check",
        "po.md",
        "--format",
        "json",
        "--output",
        "report.json",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        rules_of(&workspace.read("report.json"), "po.md").contains(&"po-owns-roadmap".to_string())
    );
}

#[test]
fn human_output_has_no_colour_when_piped() {
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    let run = workspace.run(&["check", "po.md"]);
    assert!(!run.stdout.contains('\u{1b}'));
    assert!(
        run.stdout.contains("warning[po-owns-roadmap]"),
        "{}",
        run.stdout
    );
}

#[test]
fn rules_lists_every_rule_and_explain_shows_examples() {
    let workspace = Workspace::new();
    let run = workspace.run(&["rules", "--format", "json"]);
    assert_eq!(run.code, 0);
    let rules: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let ids: Vec<&str> = rules
        .as_array()
        .expect("array")
        .iter()
        .map(|rule| rule["id"].as_str().expect("id"))
        .collect();
    assert!(ids.contains(&"po-owns-roadmap"));
    assert!(ids.contains(&"unused-suppression"));
    let bundled = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
        .expect("rules folder")
        .count();
    assert_eq!(ids.len(), bundled + 1);

    let human = workspace.run(&["rules"]);
    assert!(
        human
            .stdout
            .lines()
            .any(|line| line.starts_with("po-owns-roadmap")
                && line.contains("cross-role")
                && line.contains("warning"))
    );

    let explain = workspace.run(&["explain", "po-owns-roadmap"]);
    assert_eq!(explain.code, 0);
    assert!(
        explain
            .stdout
            .contains("Own the product roadmap for the payments team.")
    );
    assert!(explain.stdout.contains("Not flagged"));
    let unknown = workspace.run(&["explain", "po-owns-everything"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("po-owns-everything"));
}

#[test]
fn rules_reflect_the_config() {
    let workspace = Workspace::new();
    workspace.write(
        ".rolelint.toml",
        "[rules]\ndisable = [\"po-owns-roadmap\"]\n[rules.severity]\npo-owns-vision = \"error\"\n",
    );
    let run = workspace.run(&["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let find = |id: &str| {
        rules
            .as_array()
            .expect("array")
            .iter()
            .find(|rule| rule["id"] == id)
            .cloned()
            .expect("rule listed")
    };
    assert_eq!(find("po-owns-roadmap")["enabled"], false);
    assert_eq!(find("po-owns-vision")["severity"], "error");
}

#[test]
fn init_writes_a_starter_config_once() {
    let workspace = Workspace::new();
    let run = workspace.run(&["init"]);
    assert_eq!(run.code, 0);
    assert!(
        workspace
            .read(".rolelint.toml")
            .contains("fail-on = \"warning\"")
    );
    let again = workspace.run(&["init"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
    workspace.write("po.md", PO_POST);
    assert_eq!(workspace.run(&["check", "po.md"]).code, 1);
}

#[test]
fn every_check_option_is_documented() {
    let workspace = Workspace::new();
    let help = workspace.run(&["check", "--help"]).stdout;
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md"))
        .expect("docs/cli.md");
    let options: Vec<&str> = help
        .split(|c: char| c.is_whitespace() || c == ',' || c == '=' || c == '[' || c == ']')
        .filter(|word| word.starts_with("--") && word.len() > 2)
        .filter(|word| *word != "--help")
        .collect();
    assert!(options.len() >= 10, "{options:?}");
    for option in options {
        assert!(
            docs.contains(&format!("`{option}")),
            "{option} is not in docs/cli.md"
        );
    }
}

#[test]
fn errors_and_notes_on_stderr() {
    let workspace = Workspace::new();
    workspace.write("posts/latin1.md", b"# Caf\xe9\n");
    workspace.write("posts/image.md", b"GIF89a\x00\x01");
    workspace.write("posts/clean.md", CLEAN);
    workspace.write(
        "broken/.rolelint.toml",
        "[roles]\nproduct-owner = \"Delivery Owner\"\n",
    );
    workspace.write("broken/post.md", PO_POST);
    let run = workspace.run(&["check", "posts", "broken", "gone.md"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[cfg(unix)]
#[test]
fn pipes_are_skipped_and_dangling_links_are_errors() {
    let workspace = Workspace::new();
    workspace.write("clean.md", CLEAN);
    let status = std::process::Command::new("mkfifo")
        .arg(workspace.root().join("pipe.md"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    // Nobody writes to the pipe: reading it would block forever.
    let run = workspace.run(&["check", ".", "pipe.md"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("skipped ./pipe.md: not a regular file"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("skipped pipe.md: not a regular file"),
        "{}",
        run.stderr
    );
    std::os::unix::fs::symlink("nowhere.md", workspace.root().join("dangling.md"))
        .expect("symlink");
    let run = workspace.run(&["check", "dangling.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("dangling.md: symbolic link to a file that does not exist")
    );
}

#[test]
fn the_suppression_module_does_no_io() {
    // The language server reuses it on unsaved buffers: it must work on text alone.
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/suppress.rs"))
        .expect("src/suppress.rs");
    for word in [
        "std::fs",
        "std::io",
        "std::env",
        "std::process",
        "println!",
        "eprintln!",
        "tokio",
    ] {
        let used = source
            .lines()
            .map(|line| line.split("//").next().unwrap_or(""))
            .any(|code| code.contains(word));
        assert!(!used, "src/suppress.rs uses {word}");
    }
}

#[test]
fn order_holds_with_more_files_than_are_in_flight() {
    // Many more files than the threads check at a time, so that checking and writing overlap.
    let workspace = Workspace::new();
    for index in 0..600 {
        let text = if index % 5 == 0 { PO_POST } else { CLEAN };
        workspace.write(&format!("posts/{:03}/post.md", 599 - index), text);
    }
    let one = workspace.run(&["check", "--threads", "1", "--format", "json"]);
    let two = workspace.run(&["check", "--threads", "2", "--format", "json"]);
    assert_eq!(one.stdout, two.stdout);
    let paths: Vec<String> = rules_by_file(&one.stdout)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(paths.len(), 600);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    let report: serde_json::Value = serde_json::from_str(&one.stdout).expect("json");
    assert_eq!(report["summary"]["files_with_findings"], 120);
}

#[test]
fn a_nested_walk_is_in_name_order_and_the_same_on_any_number_of_threads() {
    let workspace = Workspace::new();
    workspace.write(".gitignore", "build/\n*.tmp.md\n!keep.tmp.md\n");
    workspace.write(".ignore", "private.md\n");
    // Anchored to `docs/`: a top-level `drafts/` is walked.
    workspace.write("docs/.gitignore", "/drafts/\n");
    workspace.write(
        "team/.rolelint.toml",
        "[rules]\ndisable = [\"po-owns-roadmap\"]\n",
    );
    // A long file first, so that files after it are checked before it is.
    workspace.write("a/big.md", PO_POST.repeat(60));
    for path in [
        "README.md",
        "B-side.md",
        "a.md",
        "a/inner.md",
        "a-b.md",
        "a0/z.md",
        "build/out.md",
        "x.tmp.md",
        "keep.tmp.md",
        "private.md",
        ".hidden/h.md",
        "notes.rst",
        "docs/.secret.md",
        "docs/drafts/d.md",
        "docs/guide/intro.md",
        "docs/guide/zz/last.md",
        "drafts/top.md",
        "team/po.md",
        "team/sub/po.md",
        "zeta/po.md",
    ] {
        workspace.write(path, PO_POST);
    }
    workspace.write("docs/guide/image.md", b"GIF89a\x00\x01");
    workspace.write("docs/guide/latin1.md", b"# Caf\xe9\n");
    let runs: Vec<_> = ["1", "2", "3"]
        .iter()
        .map(|threads| workspace.run(&["check", "--threads", threads, "--format", "json"]))
        .collect();
    for run in &runs[1..] {
        assert_eq!(run.code, runs[0].code);
        assert_eq!(run.stdout, runs[0].stdout);
        assert_eq!(run.stderr, runs[0].stderr);
    }
    let run = &runs[0];
    assert_eq!(run.code, 2, "{run:?}");
    let paths: Vec<String> = rules_by_file(&run.stdout)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    // Folder by folder, each folder's names byte by byte, a folder's files at its name's
    // place (so `a/` comes before `a-b.md`, unlike a sort of whole paths).
    assert_eq!(
        paths,
        [
            "B-side.md",
            "README.md",
            "a/big.md",
            "a/inner.md",
            "a-b.md",
            "a.md",
            "a0/z.md",
            "docs/guide/intro.md",
            "docs/guide/zz/last.md",
            "drafts/top.md",
            "keep.tmp.md",
            "team/po.md",
            "team/sub/po.md",
            "zeta/po.md",
        ]
    );
    // Each folder's config: the one in `team/` applies below it, and only there.
    assert!(!rules_of(&run.stdout, "team/po.md").contains(&"po-owns-roadmap".to_string()));
    assert!(!rules_of(&run.stdout, "team/sub/po.md").contains(&"po-owns-roadmap".to_string()));
    assert!(rules_of(&run.stdout, "zeta/po.md").contains(&"po-owns-roadmap".to_string()));
    // Notes and errors come in walk order too.
    assert_eq!(
        run.stderr,
        "rolelint: note: skipped docs/guide/image.md: binary file (contains NUL bytes)\n\
         rolelint: error: docs/guide/latin1.md: not valid UTF-8: invalid byte at offset 5 (line 1, byte 6)\n"
    );
}

#[test]
fn a_gitignore_above_the_walked_folder_applies() {
    let workspace = Workspace::new();
    workspace.write(".gitignore", "/sub/skip.md\nskip-anywhere.md\n");
    for path in [
        "sub/keep.md",
        "sub/skip.md",
        "sub/skip-anywhere.md",
        "skip.md",
    ] {
        workspace.write(path, PO_POST);
    }
    let paths = |run: Run| -> Vec<String> {
        rules_by_file(&run.stdout)
            .into_iter()
            .map(|(path, _)| path)
            .collect()
    };
    assert_eq!(
        paths(workspace.run(&["check", "sub", "--format", "json"])),
        ["sub/keep.md"]
    );
    assert_eq!(
        paths(workspace.run_in("sub", &["check", "--format", "json"], None)),
        ["keep.md"]
    );
    assert_eq!(
        paths(workspace.run(&["check", "--format", "json"])),
        ["skip.md", "sub/keep.md"]
    );
}

#[test]
fn a_broken_gitignore_line_is_an_error_with_file_and_line_and_the_other_lines_apply() {
    let workspace = Workspace::new();
    workspace.write("posts/.gitignore", "*.skip.md\n{unclosed\n");
    workspace.write("posts/a.skip.md", PO_POST);
    workspace.write("posts/b.md", PO_POST);
    let run = workspace.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr
            .starts_with("rolelint: error: posts/.gitignore:2:1: error parsing glob '{unclosed'"),
        "{}",
        run.stderr
    );
    let files: Vec<String> = rules_by_file(&run.stdout)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(files, ["posts/b.md"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(report["errors"][0]["path"], "posts/.gitignore");
    assert_eq!(report["errors"][0]["line"], 2);
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_walked_in_byte_order() {
    use std::os::unix::ffi::OsStrExt;
    let workspace = Workspace::new();
    workspace.write("z.md", PO_POST);
    workspace.write("a.md", PO_POST);
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(workspace.root().join(odd), PO_POST).expect("write");
    let run = workspace.run(&["check", "--format", "json"]);
    let paths: Vec<String> = rules_by_file(&run.stdout)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert_eq!(paths, ["a.md", "caf\u{fffd}.md", "z.md"].map(String::from));
}

/// Whether every thread of a process sleeps (in a system call).
#[cfg(target_os = "linux")]
fn all_threads_sleep(pid: u32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.flatten().all(|task| {
        std::fs::read_to_string(task.path().join("stat"))
            .ok()
            // The state follows the command name in parentheses.
            .and_then(|stat| {
                stat.rsplit_once(") ")
                    .map(|(_, rest)| rest.starts_with('S'))
            })
            .unwrap_or(false)
    })
}

#[cfg(target_os = "linux")]
#[test]
fn one_thread_is_the_main_thread_alone() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let workspace = Workspace::new();
    for (threads, expected) in [("1", 1), ("2", 2), ("3", 3)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rolelint"))
            .args([
                "check",
                "-",
                "--no-config",
                "--format",
                "json",
                "--threads",
                threads,
            ])
            .current_dir(workspace.root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("rolelint starts");
        // The walk waits for standard input after the threads start: count them once the
        // whole process has been asleep for a while.
        let mut asleep = 0;
        for _ in 0..400 {
            asleep = if all_threads_sleep(child.id()) {
                asleep + 1
            } else {
                0
            };
            if asleep == 5 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        assert_eq!(asleep, 5, "rolelint never waited for its input");
        let count = std::fs::read_dir(format!("/proc/{}/task", child.id()))
            .expect("tasks")
            .count();
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(PO_POST.as_bytes()).expect("write");
        drop(stdin);
        let output = child.wait_with_output().expect("rolelint ends");
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(count, expected, "--threads {threads}");
    }
}

#[cfg(unix)]
#[test]
fn human_output_is_coloured_on_a_terminal_unless_no_color_is_set() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let workspace = Workspace::new();
    workspace.write("po.md", PO_POST);
    let on_terminal = |no_color: bool| -> String {
        let mut command = std::process::Command::new("script");
        command
            .args(["-qec"])
            .arg(format!("{} check po.md", env!("CARGO_BIN_EXE_rolelint")))
            .arg("/dev/null")
            .stdin(std::process::Stdio::null())
            .current_dir(workspace.root());
        if no_color {
            command.env("NO_COLOR", "1");
        } else {
            command.env_remove("NO_COLOR");
        }
        let output = command.output().expect("`script` from util-linux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let coloured = on_terminal(false);
    assert!(coloured.contains("po-owns-roadmap"), "{coloured}");
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let plain = on_terminal(true);
    assert!(plain.contains("po-owns-roadmap"), "{plain}");
    assert!(!plain.contains("\u{1b}["), "{plain}");
}
