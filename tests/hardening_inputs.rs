//! The bad-input catalogue: hostile or odd files, names, configs and rule files given to the
//! real `rolelint check`, each with the outcome it must have. Whatever the input, the run ends
//! (no hang), never panics, never changes a file it was not asked to fix, and an input it
//! cannot check is named on standard error with the reason.

mod cli_support;

use cli_support::{PO_POST, Workspace};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// Longer than any case needs in a debug build; a run past it counts as a hang.
const HANG_LIMIT: Duration = Duration::from_secs(60);

/// What one run did.
#[derive(Debug)]
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn report(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}): {}", self.stdout))
    }

    /// `(rule, 1-based line, 1-based column)` of every diagnostic, in report order.
    fn diagnostics(&self) -> Vec<(String, u64, u64)> {
        let report = self.report();
        report["files"]
            .as_array()
            .expect("files")
            .iter()
            .flat_map(|file| file["diagnostics"].as_array().expect("diagnostics").clone())
            .map(|diagnostic| {
                (
                    diagnostic["rule"].as_str().expect("rule").to_string(),
                    diagnostic["start"]["line"].as_u64().expect("line"),
                    diagnostic["start"]["column"].as_u64().expect("column"),
                )
            })
            .collect()
    }

    fn rules(&self) -> Vec<String> {
        self.diagnostics()
            .into_iter()
            .map(|(rule, _, _)| rule)
            .collect()
    }
}

/// Runs `rolelint ARGS` in `folder` with a hang limit, and checks what holds for every input:
/// it ended with an exit code, printed no panic, and wrote nothing but the report.
fn run_in(folder: &Path, args: &[&str]) -> Outcome {
    let before = snapshot(folder);
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rolelint"))
        .current_dir(folder)
        .args(args)
        .timeout(HANG_LIMIT)
        .output()
        .expect("rolelint runs");
    let outcome = Outcome {
        code: output
            .status
            .code()
            .unwrap_or_else(|| panic!("rolelint {args:?} hung or was killed")),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !outcome.stderr.contains("panicked"),
        "rolelint {args:?} panicked: {}",
        outcome.stderr
    );
    if !args.contains(&"--fix") {
        assert_eq!(before, snapshot(folder), "rolelint {args:?} changed a file");
    }
    outcome
}

fn run(workspace: &Workspace, args: &[&str]) -> Outcome {
    run_in(workspace.root(), args)
}

/// Every regular file under a folder with its bytes, in name order (links and pipes not read).
fn snapshot(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if file_type.is_dir() {
                pending.push(path);
            } else if file_type.is_file()
                && let Ok(bytes) = std::fs::read(&path)
            {
                files.push((path.display().to_string(), bytes));
            }
        }
    }
    files.sort();
    files
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

// ---- encodings ------------------------------------------------------------------------------

#[test]
fn invalid_utf8_is_named_with_the_file_and_the_first_bad_byte() {
    let workspace = Workspace::new();
    let cases: [(&str, &[u8], usize); 7] = [
        ("first-byte.md", b"\xff# Product Owner\n", 0),
        ("mid-title.md", b"# Product \xe9 Owner\n", 10),
        ("truncated.md", b"# Product Owner\n\nCaf\xc3", 20),
        ("overlong.md", b"# Roles\n\nOverlong \xc0\xaf slash\n", 18),
        ("surrogate.md", b"ok\n\xed\xa0\x80\n", 3),
        ("continuation.md", b"ok\r\nok\n\x80\n", 7),
        ("f5.md", b"ok\rok\n\xf5\x80\x80\x80\n", 6),
    ];
    for (name, bytes, _) in &cases {
        workspace.write(&format!("enc/{name}"), bytes);
    }
    let outcome = run(&workspace, &["check", "--format", "json", "enc"]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    for (name, _, offset) in cases {
        let expected = format!("enc/{name}: not valid UTF-8: invalid byte at offset {offset} ");
        assert!(
            outcome.stderr.contains(&expected),
            "{expected:?} in {}",
            outcome.stderr
        );
    }
    // Lines count `\n`, `\r\n` and a lone `\r` alike.
    assert!(
        outcome.stderr.contains(
            "continuation.md: not valid UTF-8: invalid byte at offset 7 (line 3, byte 1)"
        )
    );
    assert!(
        outcome
            .stderr
            .contains("f5.md: not valid UTF-8: invalid byte at offset 6 (line 3, byte 1)")
    );
    // The byte within the line, for an editor's line:column.
    assert!(
        outcome
            .stderr
            .contains("overlong.md: not valid UTF-8: invalid byte at offset 18 (line 3, byte 10)")
    );
    // Nothing of those files is linted.
    assert_eq!(outcome.diagnostics(), []);
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn utf16_with_a_byte_order_mark_is_named_as_not_utf8() {
    let workspace = Workspace::new();
    workspace.write("little.md", utf16(PO_POST, false));
    workspace.write("big.md", utf16(PO_POST, true));
    let outcome = run(&workspace, &["check", "little.md", "big.md"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .contains("little.md: not valid UTF-8: UTF-16 little-endian text"),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome
            .stderr
            .contains("big.md: not valid UTF-8: UTF-16 big-endian text"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn a_utf8_byte_order_mark_is_not_a_column_and_survives_a_fix() {
    let workspace = Workspace::new();
    let with_mark = format!("\u{feff}{PO_POST}");
    workspace.write("bom.md", &with_mark);
    workspace.write("plain.md", PO_POST);
    let marked = run(&workspace, &["check", "--format", "json", "bom.md"]);
    let plain = run(&workspace, &["check", "--format", "json", "plain.md"]);
    assert_eq!(marked.code, 1);
    assert!(!marked.diagnostics().is_empty());
    assert_eq!(marked.diagnostics(), plain.diagnostics());
    run(&workspace, &["check", "--fix", "bom.md", "plain.md"]);
    let fixed = workspace.read("bom.md");
    assert!(fixed.starts_with('\u{feff}'), "{fixed:?}");
    assert_ne!(fixed, with_mark, "the safe fix was applied");
    assert_eq!(&fixed['\u{feff}'.len_utf8()..], workspace.read("plain.md"));
}

#[test]
fn binary_files_are_skipped_with_a_note_and_give_no_findings() {
    let workspace = Workspace::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(PO_POST.as_bytes());
    workspace.write("image.md", &png);
    workspace.write("nul.md", format!("# Product Owner\n\0\n{PO_POST}"));
    let outcome = run(
        &workspace,
        &["check", "--format", "json", "image.md", "nul.md"],
    );
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(outcome.diagnostics(), []);
    for name in ["image.md", "nul.md"] {
        assert!(
            outcome
                .stderr
                .contains(&format!("skipped {name}: binary file (contains NUL bytes)")),
            "{}",
            outcome.stderr
        );
    }
}

#[test]
fn a_nul_far_into_a_text_does_not_cut_the_text_short() {
    // Past the binary probe, a NUL is one more character: the text after it is still checked.
    let workspace = Workspace::new();
    let text = format!("{}\0\n{PO_POST}", "Team notes.\n".repeat(1000));
    workspace.write("late-nul.md", &text);
    let outcome = run(&workspace, &["check", "--format", "json", "late-nul.md"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(
        outcome.rules().contains(&"po-owns-roadmap".to_string()),
        "{:?}",
        outcome.rules()
    );
}

#[test]
fn empty_and_whitespace_only_files_are_clean() {
    let workspace = Workspace::new();
    workspace.write("empty.md", "");
    workspace.write("blank.md", " \n\t\n\r\n\u{a0}\n");
    workspace.write("no-newline.md", "# Team notes");
    let outcome = run(&workspace, &["check", "--format", "json", "."]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    assert_eq!(
        outcome.report()["files"].as_array().expect("files").len(),
        3
    );
    assert_eq!(outcome.diagnostics(), []);
}

// ---- size -----------------------------------------------------------------------------------

#[test]
fn a_large_document_and_a_long_single_line_finish() {
    // Reduced from the 50 MB / 10 MB of the benchmark so that the debug build stays quick;
    // the timing belongs to `benches/`, here only the outcome counts.
    let workspace = Workspace::new();
    let mut big = String::new();
    while big.len() < 2_000_000 {
        big.push_str(PO_POST);
        big.push_str("\nThe team meets on Tuesdays to review the work.\n\n");
    }
    workspace.write("big.md", &big);
    let sentence = "The Product Owner owns the product roadmap and the team ships. ";
    let line = sentence.repeat(1_000_000 / sentence.len());
    workspace.write("line.md", format!("# Product Owner\n\n{line}\n"));
    let outcome = run(&workspace, &["check", "--format", "json", "big.md"]);
    assert_eq!(outcome.code, 1);
    let posts = big.matches("# Product Owner").count();
    let findings = outcome.diagnostics().len();
    assert!(findings >= posts, "{findings} findings for {posts} posts");
    let outcome = run(&workspace, &["check", "line.md"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    // The human report grows with the findings, never with the line's length times the
    // findings: no finding quotes the whole line.
    assert!(
        outcome.stdout.len() < line.len() * 16,
        "{} bytes of report for a {} byte line",
        outcome.stdout.len(),
        line.len()
    );
    let longest = outcome.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 4096, "a report line of {longest} bytes");
}

// ---- Markdown made to hurt a parser ---------------------------------------------------------

#[test]
fn deep_nesting_and_pathological_markup_finish() {
    let workspace = Workspace::new();
    let depth = 10_000;
    let role_line = "The Product Owner owns the product roadmap.\n";
    let documents = [
        (
            "nested-list.md",
            format!("{}{role_line}", "- ".repeat(depth)),
        ),
        (
            "nested-quote.md",
            format!("{}{role_line}", "> ".repeat(depth)),
        ),
        (
            "tight-quote.md",
            format!("{}{role_line}", ">".repeat(depth)),
        ),
        (
            "indented-list.md",
            (0..1000)
                .map(|level| format!("{}- item\n", "  ".repeat(level)))
                .collect(),
        ),
        ("emphasis.md", "*a **b ".repeat(100_000)),
        // Closed bold runs on one line: each is read as a possible lead-in.
        ("strong-runs.md", "**a.** b ".repeat(200_000)),
        (
            "nested-strong.md",
            format!("{}a{}", "**_".repeat(20_000), "_**".repeat(20_000)),
        ),
        ("closers.md", format!("a{}", "_*".repeat(100_000))),
        ("openers.md", format!("{}a", "**_".repeat(60_000))),
        (
            "backticks.md",
            (1..600).map(|run| "`".repeat(run) + "x ").collect(),
        ),
        ("links.md", "[a](".repeat(50_000)),
        ("html-openers.md", "<!-- <a ".repeat(30_000)),
        (
            "table.md",
            format!(
                "| a | b |\n|---|---|\n{}",
                "| Product Owner | roadmap |\n".repeat(20_000)
            ),
        ),
    ];
    for (name, text) in &documents {
        workspace.write(name, text);
    }
    let outcome = run(&workspace, &["check", "--format", "json", "."]);
    assert!(matches!(outcome.code, 0 | 1), "{}", outcome.stderr);
    let checked = outcome.report()["files"].as_array().expect("files").len();
    assert_eq!(checked, documents.len());
    // The role line at the bottom of the deep nests is still read.
    let quoted = run(
        &workspace,
        &["check", "--format", "json", "nested-quote.md"],
    );
    assert!(
        quoted.rules().contains(&"po-owns-roadmap".to_string()),
        "{:?}",
        quoted.rules()
    );
}

#[test]
fn unclosed_fences_and_comments_run_to_the_end_of_the_file() {
    let workspace = Workspace::new();
    let duty = "- Own the product roadmap.\n";
    workspace.write("fence.md", format!("# Product Owner\n\n```\n{duty}"));
    workspace.write("comment.md", format!("# Product Owner\n\n<!--\n{duty}"));
    workspace.write("open.md", format!("# Product Owner\n\n{duty}"));
    let roadmap = |name: &str| {
        run(&workspace, &["check", "--format", "json", name])
            .rules()
            .contains(&"po-owns-roadmap".to_string())
    };
    // Code and comments are not prose: what an unclosed fence or comment holds is not read.
    assert!(roadmap("open.md"));
    assert!(!roadmap("fence.md"));
    assert!(!roadmap("comment.md"));
}

#[test]
fn unclosed_front_matter_is_read_as_text() {
    // Without its closing `---` the block is no front matter: the duty in it is checked.
    let workspace = Workspace::new();
    let body = "summary: Own the product roadmap.\n";
    workspace.write("open.md", format!("---\n{body}\n# Product Owner\n"));
    workspace.write("closed.md", format!("---\n{body}---\n\n# Product Owner\n"));
    let roadmap = |name: &str| {
        run(&workspace, &["check", "--format", "json", name])
            .rules()
            .contains(&"po-owns-roadmap".to_string())
    };
    assert!(roadmap("open.md"));
    assert!(!roadmap("closed.md"));
}

// ---- characters and line endings ------------------------------------------------------------

#[test]
fn invisible_and_bidi_characters_around_titles_keep_columns_right() {
    let workspace = Workspace::new();
    // Bidi isolates around the title: the title is read, and its column counts characters.
    workspace.write(
        "isolated.md",
        "# \u{2067}Product Owner\u{2069}\n\n- Own the product roadmap.\n",
    );
    let outcome = run(&workspace, &["check", "--format", "json", "isolated.md"]);
    assert!(
        outcome
            .diagnostics()
            .contains(&("po-owns-roadmap".to_string(), 3, 3))
    );
    // Zero-width, joiner, override and soft-hyphen characters inside or around a title: the
    // run ends and every reported range lies on character boundaries of the text.
    let titles = [
        "Product\u{200b}Owner",
        "Product\u{200b} Owner",
        "Pro\u{200b}duct Owner",
        "Product\u{200d}Owner",
        "Product \u{2060}Owner",
        "\u{202e}Product Owner\u{202c}",
        "Product\u{ad}Owner",
        "\u{feff}Product Owner",
    ];
    for (index, title) in titles.iter().enumerate() {
        workspace.write(
            &format!("invisible-{index}.md"),
            format!("# {title}\n\n- Own the product roadmap.\n- Write user stories.\n"),
        );
    }
    let outcome = run(
        &workspace,
        &[
            "check",
            "--format",
            "json",
            "--include",
            "invisible-*.md",
            ".",
        ],
    );
    assert!(matches!(outcome.code, 0 | 1), "{}", outcome.stderr);
    let report = outcome.report();
    for file in report["files"].as_array().expect("files") {
        let text = workspace.read(file["path"].as_str().expect("path"));
        let lines: Vec<&str> = text.split('\n').collect();
        for diagnostic in file["diagnostics"].as_array().expect("diagnostics") {
            for end in ["start", "end"] {
                let line = diagnostic[end]["line"].as_u64().expect("line") as usize;
                let column = diagnostic[end]["column"].as_u64().expect("column") as usize;
                let characters = lines[line - 1].chars().count();
                assert!(column >= 1 && column <= characters + 1, "{diagnostic}");
            }
        }
    }
}

#[test]
fn every_line_ending_counts_as_one_line_break() {
    let workspace = Workspace::new();
    let lines = ["# Product Owner", "", "- Own the product roadmap."];
    workspace.write("lf.md", lines.join("\n") + "\n");
    workspace.write("crlf.md", lines.join("\r\n") + "\r\n");
    workspace.write("cr.md", lines.join("\r") + "\r");
    workspace.write(
        "mixed.md",
        format!("{}\r\n{}\r{}\n", lines[0], lines[1], lines[2]),
    );
    let expected = run(&workspace, &["check", "--format", "json", "lf.md"]).diagnostics();
    assert!(expected.contains(&("po-owns-roadmap".to_string(), 3, 3)));
    for name in ["crlf.md", "cr.md", "mixed.md"] {
        let outcome = run(&workspace, &["check", "--format", "json", name]);
        assert_eq!(outcome.diagnostics(), expected, "{name}");
    }
}

// ---- the file system ------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_not_followed() {
    let workspace = Workspace::new();
    workspace.write("loop/doc.md", PO_POST);
    std::os::unix::fs::symlink(".", workspace.root().join("loop/self")).expect("symlink");
    std::os::unix::fs::symlink("..", workspace.root().join("loop/up")).expect("symlink");
    std::os::unix::fs::symlink("a.md", workspace.root().join("loop/b.md")).expect("symlink");
    std::os::unix::fs::symlink("b.md", workspace.root().join("loop/a.md")).expect("symlink");
    let outcome = run(&workspace, &["check", "--format", "json", "loop"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let files = outcome.report()["files"].clone();
    let paths: Vec<&str> = files
        .as_array()
        .expect("files")
        .iter()
        .map(|file| file["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths, ["loop/doc.md"]);
    // Named on the command line, a link in a loop is an error naming it.
    let outcome = run(&workspace, &["check", "loop/a.md"]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("loop/a.md"), "{}", outcome.stderr);
}

#[cfg(unix)]
#[test]
fn unreadable_paths_are_errors_naming_them() {
    use std::os::unix::fs::PermissionsExt;
    let workspace = Workspace::new();
    workspace.write("ok.md", PO_POST);
    // Reading through a file as if it were a folder fails for every user, root included.
    workspace.write("plain.md", "text\n");
    let through_file = run(
        &workspace,
        &["check", "--format", "json", "ok.md", "plain.md/inner.md"],
    );
    assert_eq!(through_file.code, 2);
    assert!(
        through_file.stderr.contains("plain.md/inner.md: "),
        "{}",
        through_file.stderr
    );
    assert!(
        through_file
            .rules()
            .contains(&"po-owns-roadmap".to_string())
    );
    // A file without read permission: an error naming it, unless this user reads it anyway
    // (an administrator ignores permissions).
    let locked = workspace.write("locked.md", PO_POST);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable_anyway = std::fs::read(&locked).is_ok();
    let outcome = run(&workspace, &["check", "locked.md"]);
    if readable_anyway {
        assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    } else {
        assert_eq!(outcome.code, 2);
        assert!(
            outcome.stderr.contains("locked.md: Permission denied"),
            "{}",
            outcome.stderr
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).expect("chmod");
}

#[test]
fn a_folder_named_like_a_document_is_walked() {
    let workspace = Workspace::new();
    workspace.write("x.md/inner.md", PO_POST);
    let outcome = run(&workspace, &["check", "--format", "json", "x.md"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert_eq!(outcome.report()["files"][0]["path"], "x.md/inner.md");
}

#[cfg(unix)]
#[test]
fn pipes_never_block_a_run() {
    let workspace = Workspace::new();
    workspace.write("doc.md", PO_POST);
    mkfifo(&workspace.root().join("pipe.md"));
    // Walked, named, fixed, included by every glob, or given as the config: never read.
    for args in [
        &["check", "."][..],
        &["check", "pipe.md"],
        &["check", "--fix", "pipe.md"],
        &["check", "--include", "*", "."],
    ] {
        let outcome = run(&workspace, args);
        assert!(
            outcome.stderr.contains("pipe.md: not a regular file"),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    mkfifo(&workspace.root().join("pipe.toml"));
    let outcome = run(&workspace, &["check", "--config", "pipe.toml", "doc.md"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("pipe.toml:1:1: not a regular file"),
        "{}",
        outcome.stderr
    );
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_checked_and_reported_as_they_are() {
    let workspace = Workspace::new();
    let names = [
        "with space.md",
        "rôle-角色-👩\u{200d}💼.md",
        "new\nline.md",
        "--fix.md",
        "-.md",
        "it's \"quoted\" $HOME.md",
    ];
    for name in names {
        workspace.write(&format!("names/{name}"), PO_POST);
    }
    let outcome = run(&workspace, &["check", "--format", "json", "names"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    let report = outcome.report();
    let mut paths: Vec<String> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|file| file["path"].as_str().expect("path").to_string())
        .collect();
    paths.sort();
    let mut expected: Vec<String> = names.iter().map(|name| format!("names/{name}")).collect();
    expected.sort();
    assert_eq!(paths, expected);
    // A name that looks like an option is a path after `--`, and `--fix.md` is not `--fix`.
    let outcome = run_in(
        &workspace.root().join("names"),
        &["check", "--format", "json", "--", "--fix.md"],
    );
    assert_eq!(outcome.code, 1);
    assert_eq!(outcome.report()["files"][0]["path"], "--fix.md");
    // A name that is not UTF-8 is shown lossily, never a panic.
    use std::os::unix::ffi::OsStrExt;
    let raw = std::ffi::OsStr::from_bytes(b"bad\xffname.md");
    std::fs::write(workspace.root().join("names").join(raw), PO_POST).expect("write");
    let outcome = run(&workspace, &["check", "--format", "json", "names"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
    assert!(
        outcome.stdout.contains("bad\u{fffd}name.md"),
        "{}",
        outcome.stdout
    );
}

// ---- configs and rule files -----------------------------------------------------------------

#[test]
fn broken_configs_are_errors_naming_the_file_and_the_place() {
    let workspace = Workspace::new();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "wrong-types",
            b"fail-on = \"warning\"\nrule-folders = 42\n",
            ".rolelint.toml:2:16: invalid type: integer `42`, expected a sequence",
        ),
        (
            "unknown-key",
            b"frobnicate = true\n",
            ".rolelint.toml:1:1: unknown field `frobnicate`",
        ),
        (
            "not-toml",
            b"this is = not [toml\n\0\n",
            ".rolelint.toml:1:6:",
        ),
        (
            "utf16",
            b"\xff\xfex\0 \0=\0 \x001\0\n\0",
            ".rolelint.toml:1:1: not valid UTF-8 (invalid byte at offset 0)",
        ),
        (
            "severity",
            b"[rules.severity]\npo-owns-roadmap = \"loud\"\n",
            ".rolelint.toml:2:19: unknown variant `loud`",
        ),
    ];
    for (folder, config, _) in &cases {
        workspace.write(&format!("{folder}/.rolelint.toml"), config);
        workspace.write(&format!("{folder}/sub/doc.md"), PO_POST);
    }
    for (folder, _, expected) in cases {
        let outcome = run_in(
            &workspace.root().join(folder).join("sub"),
            &["check", "doc.md"],
        );
        assert_eq!(outcome.code, 2, "{folder}: {}", outcome.stderr);
        assert!(
            outcome.stderr.contains(expected),
            "{folder}: {expected:?} in {}",
            outcome.stderr
        );
    }
    // An empty config is the defaults.
    workspace.write("empty/.rolelint.toml", "");
    workspace.write("empty/doc.md", PO_POST);
    let outcome = run_in(&workspace.root().join("empty"), &["check", "doc.md"]);
    assert_eq!(outcome.code, 1, "{}", outcome.stderr);
}

#[test]
fn a_workspace_config_cannot_read_rules_outside_its_folder() {
    let outside = Workspace::new();
    outside.write("secret.toml", "summary = \"not for you\"\n");
    let outside_path = outside.root().display().to_string();
    let workspace = Workspace::new();
    workspace.write("doc.md", PO_POST);
    for folder in ["../../../../../../../../etc", outside_path.as_str()] {
        workspace.write(".rolelint.toml", format!("rule-folders = [{:?}]\n", folder));
        let outcome = run(&workspace, &["check", "doc.md"]);
        assert_eq!(outcome.code, 2, "{}", outcome.stderr);
        assert!(
            outcome.stderr.contains(".rolelint.toml:1:17: rule folder")
                && outcome.stderr.contains("is outside the config's folder"),
            "{}",
            outcome.stderr
        );
        assert!(!outcome.stderr.contains("not for you"));
    }
}

#[cfg(unix)]
#[test]
fn links_cannot_carry_a_workspace_rule_folder_outside() {
    let outside = Workspace::new();
    outside.write("rules/secret.toml", "summary = \"not for you\"\nkind = \n");
    let workspace = Workspace::new();
    workspace.write("doc.md", PO_POST);
    std::fs::create_dir(workspace.root().join("house")).expect("mkdir");
    std::os::unix::fs::symlink(
        outside.root().join("rules/secret.toml"),
        workspace.root().join("house/secret.toml"),
    )
    .expect("symlink");
    // A rule file linked from outside is refused unread, and the other rules still run.
    workspace.write(".rolelint.toml", "rule-folders = [\"house\"]\n");
    let outcome = run(&workspace, &["check", "--format", "json", "doc.md"]);
    assert_eq!(outcome.code, 2, "{}", outcome.stderr);
    assert!(
        outcome.stderr.contains("house/secret.toml:1:1: rule file")
            && outcome.stderr.contains("is outside the config's folder"),
        "{}",
        outcome.stderr
    );
    assert!(outcome.rules().contains(&"po-owns-roadmap".to_string()));
    // A linked rule folder pointing outside is refused as a whole.
    std::os::unix::fs::symlink(
        outside.root().join("rules"),
        workspace.root().join("linked"),
    )
    .expect("symlink");
    workspace.write(".rolelint.toml", "rule-folders = [\"linked\"]\n");
    let outcome = run(&workspace, &["check", "doc.md"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("rule folder") && outcome.stderr.contains("is outside"),
        "{}",
        outcome.stderr
    );
    // The user's own command line may name any folder: that folder is read.
    workspace.write(".rolelint.toml", "");
    let rules = outside.root().join("rules").display().to_string();
    let outcome = run(&workspace, &["check", "--rule-folder", &rules, "doc.md"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome.stderr.contains("secret.toml:2:"),
        "{}",
        outcome.stderr
    );
}

/// A rule in the real format whose one pattern is `pattern`.
fn rule_with_pattern(pattern: &str, flagged: &str) -> String {
    format!(
        "summary = \"Test rule\"\nrationale = \"For the hardening tests.\"\nclass = \"ambiguous-title\"\n\
         severity = \"warning\"\napplies-to = \"document\"\nkind = \"phrase\"\n\
         message = \"'{{match}}' matched.\"\npatterns = ['{pattern}']\n\n\
         [[suggestions]]\ntitle = \"Say which role\"\n\n[[examples]]\nflagged = \"{flagged}\"\n"
    )
}

#[test]
fn a_catastrophic_regex_runs_in_linear_time() {
    // Nested repetition is exponential for a backtracking engine; the rules' engine is not
    // one, so the rule loads and the run ends.
    let workspace = Workspace::new();
    workspace.write(".rolelint.toml", "rule-folders = [\"house\"]\n");
    workspace.write(
        "house/nested-repetition.toml",
        rule_with_pattern("(?:a+)+!", "aaaa!"),
    );
    let text = format!(
        "{}{}\n",
        ("a".repeat(30) + "?\n").repeat(2000),
        "a".repeat(50_000)
    );
    workspace.write("doc.md", &text);
    let outcome = run(&workspace, &["check", "--format", "json", "doc.md"]);
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    workspace.write("doc.md", format!("{text}aaa!\n"));
    let outcome = run(&workspace, &["check", "--format", "json", "doc.md"]);
    assert_eq!(outcome.rules(), ["nested-repetition"]);
}

#[test]
fn an_enormous_regex_is_rejected_at_load_with_a_clear_message() {
    let workspace = Workspace::new();
    workspace.write(".rolelint.toml", "rule-folders = [\"house\"]\n");
    let alternation: Vec<String> = (0..100_000).map(|word| format!("w{word:06}x")).collect();
    workspace.write(
        "house/huge.toml",
        rule_with_pattern(&alternation.join("|"), "w000001x"),
    );
    workspace.write("doc.md", PO_POST);
    let outcome = run(&workspace, &["check", "--format", "json", "doc.md"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .contains("huge.toml:8:13: pattern is longer than"),
        "{}",
        outcome.stderr
    );
    // The other rules still run.
    assert!(outcome.rules().contains(&"po-owns-roadmap".to_string()));
    // Short but with a huge compiled size: rejected for its size.
    workspace.write("house/huge.toml", rule_with_pattern(".{5000}", "x"));
    let outcome = run(&workspace, &["check", "doc.md"]);
    assert_eq!(outcome.code, 2);
    assert!(
        outcome
            .stderr
            .contains("huge.toml:8:13: invalid pattern: Compiled regex exceeds size limit"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn broken_rule_files_are_named_with_their_line() {
    let workspace = Workspace::new();
    workspace.write(".rolelint.toml", "rule-folders = [\"house\"]\n");
    workspace.write("house/not-toml.toml", "[[rule]\nid = pm\n");
    workspace.write(
        "house/unknown-key.toml",
        rule_with_pattern("\\bPM\\b", "PM") + "frobnicate = true\n",
    );
    workspace.write("house/binary.toml", b"\xff\xfe\0\0");
    workspace.write("doc.md", PO_POST);
    let outcome = run(&workspace, &["check", "--format", "json", "doc.md"]);
    assert_eq!(outcome.code, 2);
    for expected in [
        "not-toml.toml:1:8:",
        "unknown-key.toml:",
        "unknown field `frobnicate`",
        "binary.toml:1:1: not valid UTF-8",
    ] {
        assert!(
            outcome.stderr.contains(expected),
            "{expected:?} in {}",
            outcome.stderr
        );
    }
    assert!(outcome.rules().contains(&"po-owns-roadmap".to_string()));
}
