//! Shared helper for the CLI tests: a temporary folder of documents and a way to run the real
//! `rolelint` binary in it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A Product Owner post with two findings: `po-owns-roadmap` (an unsafe fix) and
/// `unqualified-prioritization` (a safe fix).
pub const PO_POST: &str = "# Product Owner\n\n- Own the product roadmap for the payments team.\n- Write user stories with acceptance criteria.\n- Prioritise features with the team.\n- Order the product backlog.\n";

/// A document without findings.
pub const CLEAN: &str = "# Team notes\n\nWe meet on Tuesdays.\n";

/// A temporary folder in the system's temp folder (outside the repository, so that a
/// `.rolelint.toml` of the repository itself never applies to the tests).
pub struct Workspace {
    folder: tempfile::TempDir,
}

/// What a run printed and returned.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            folder: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.folder.path()
    }

    /// Writes a file (making its folders) and returns its path.
    pub fn write(&self, relative: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, content).expect("write");
        path
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).expect("read")
    }

    /// Runs `rolelint ARGS` in the workspace.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args, None)
    }

    /// Runs `rolelint ARGS` in the workspace with `input` on standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Run {
        self.run_in(".", args, Some(input))
    }

    /// Runs `rolelint ARGS` in a folder of the workspace.
    pub fn run_in(&self, folder: &str, args: &[&str], input: Option<&str>) -> Run {
        let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_rolelint"));
        command
            .current_dir(self.root().join(folder))
            .args(args)
            .env_remove("NO_COLOR");
        if let Some(input) = input {
            command.write_stdin(input.to_string());
        }
        let output = command.output().expect("rolelint runs");
        Run {
            code: output.status.code().expect("exit code"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

/// The rule ids reported per file by `--format json` output.
pub fn rules_by_file(json: &str) -> Vec<(String, Vec<String>)> {
    let report: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|file| {
            (
                file["path"].as_str().expect("path").to_string(),
                file["diagnostics"]
                    .as_array()
                    .expect("diagnostics")
                    .iter()
                    .map(|diagnostic| diagnostic["rule"].as_str().expect("rule").to_string())
                    .collect(),
            )
        })
        .collect()
}
