//! The VS Code extension (`editors/vscode`): its unit and manifest tests, its client half against
//! the built server, and the `.vsix` package. Needs node and `npm ci` in editors/vscode
//! (`.ci/install-editor-deps`); without them these fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

/// The npm scripts all compile into the same `out/` folder, so they run one at a time.
static NPM: Mutex<()> = Mutex::new(());

fn extension_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode")
}

/// Runs `npm run SCRIPT` in the extension folder and fails with its output unless it succeeds.
fn npm_run(script: &str) -> Output {
    let _one_at_a_time = NPM.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let folder = extension_folder();
    assert!(
        folder.join("node_modules/.bin/tsc").exists(),
        "the extension's packages are not installed: run `npm ci` in {} (or .ci/install-editor-deps)",
        folder.display()
    );
    let output = Command::new("npm")
        .args(["run", "--silent", script])
        .current_dir(&folder)
        .env("ROLELINT_BIN", env!("CARGO_BIN_EXE_rolelint"))
        .output()
        .unwrap_or_else(|error| {
            panic!("node and npm are required for the VS Code tests ({error}); install Node.js 20 or later")
        });
    assert!(
        output.status.success(),
        "npm run {script} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The number after `# pass` in node's TAP summary.
fn passed_count(output: &Output) -> usize {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("# pass "))
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn vscode_extension_logic_and_manifest() {
    let output = npm_run("test");
    // Guards against a runner that silently finds no test files.
    assert!(
        passed_count(&output) >= 20,
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn vscode_client_settings_diagnostics_and_code_actions_against_the_server() {
    let output = npm_run("test:server");
    assert!(
        passed_count(&output) >= 4,
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn vscode_extension_packages_into_a_vsix() {
    let vsix = extension_folder().join("rolelint.vsix");
    let _ = std::fs::remove_file(&vsix);
    npm_run("package");
    let bytes = std::fs::read(&vsix).expect("npm run package writes rolelint.vsix");
    assert!(bytes.starts_with(b"PK"), "a .vsix is a zip archive");
    // Zip archives list their file names uncompressed.
    let contains = |name: &str| {
        bytes
            .windows(name.len())
            .any(|window| window == name.as_bytes())
    };
    for entry in [
        "extension.vsixmanifest",
        "extension/package.json",
        "extension/readme.md",
        "extension/out/src/extension.js",
        "extension/node_modules/vscode-languageclient/package.json",
    ] {
        assert!(contains(entry), "{entry} is missing from the .vsix");
    }
    assert!(
        !contains("extension/out/test/"),
        "tests are not shipped in the .vsix"
    );
}

/// Every VS Code setting, set, as the extension turns it into server configuration.
const PRINT_CONFIGURATION: &str = r#"
const { readClientSettings, toServerConfiguration } = require('./out/src/settings');
const values = {
  'rules.enable': ['all'],
  'rules.disable': ['po-owns-vision', 'vague-ownership'],
  'rules.severity': { 'po-owns-roadmap': 'error', 'unqualified-shared': 'info' },
  ruleFolders: ['house-rules'],
  'roles.productManager': ['Product Lead'],
  'roles.productOwner': ['Delivery Owner'],
  'roles.combined': true,
  failOn: 'info',
};
const reader = { inspect: (key) => ({ globalValue: values[key] }) };
const { settings, warnings } = readClientSettings(reader, true);
if (warnings.length > 0) { throw new Error(warnings.join('\n')); }
process.stdout.write(JSON.stringify(toServerConfiguration(settings, '/work/space')));
"#;

#[test]
fn vscode_settings_become_keys_the_config_loader_accepts() {
    npm_run("compile");
    let _one_at_a_time = NPM.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let output = Command::new("node")
        .args(["-e", PRINT_CONFIGURATION])
        .current_dir(extension_folder())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let configuration: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("JSON configuration");
    // The same object as a .rolelint.toml: unknown keys or wrong types are errors there.
    let as_toml = toml::to_string(&configuration).expect("configuration as TOML");
    let file: rolelint::config::file::ConfigFile =
        toml::from_str(&as_toml).unwrap_or_else(|error| panic!("{error}\nin\n{as_toml}"));
    let disabled: Vec<&str> = file
        .rules
        .disable
        .iter()
        .map(|id| id.get_ref().as_str())
        .collect();
    assert_eq!(disabled, ["po-owns-vision", "vague-ownership"]);
    assert_eq!(file.rules.severity.len(), 2);
    assert_eq!(file.roles.product_manager[0].get_ref(), "Product Lead");
    assert_eq!(file.roles.product_owner[0].get_ref(), "Delivery Owner");
    assert!(file.roles.combined);
    assert_eq!(
        file.rule_folders[0].get_ref(),
        &Path::new("/work/space")
            .join("house-rules")
            .display()
            .to_string()
    );
    assert!(file.fail_on.is_some());
}
