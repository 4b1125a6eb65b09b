//! Configuration in the language server: `.rolelint.toml` files, initialization options,
//! `workspace/configuration`, `didChangeConfiguration`, watched files, broken configs and
//! inline suppressions.

#[path = "lsp/client.rs"]
mod client;

use client::*;
use serde_json::{Value, json};
use std::path::Path;

const ROLE_DOC: &str = "# Product Owner\n\n- Own the product roadmap.\n- Own the product backlog.\n- Schedule releases.\n";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Starts a server for a workspace folder with these capabilities and initialization options.
async fn start_in(folder: &Path, capabilities: Value, options: Value) -> TestClient {
    let (mut client, _server) = in_process();
    client
        .initialize_with(json!({
            "processId": null,
            "rootUri": file_uri(folder),
            "capabilities": capabilities,
            "initializationOptions": options,
        }))
        .await;
    client
}

/// Waits for a publish for `uri` whose codes satisfy `wanted`.
async fn publish_where(
    client: &mut TestClient,
    uri: &str,
    wanted: impl Fn(&[String]) -> bool,
) -> Vec<Value> {
    let message = client
        .next_matching(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && wanted(&codes(
                    m["params"]["diagnostics"].as_array().map_or(&[][..], |v| v),
                ))
        })
        .await
        .expect("a matching publish");
    message["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_nearest_config_file_applies() {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        folder.path().join(".rolelint.toml"),
        "[rules]\ndisable = [\"unqualified-shared\"]\n\n[rules.severity]\npo-owns-roadmap = \"error\"\n",
    )
    .expect("write config");
    std::fs::create_dir(folder.path().join("posts")).expect("subfolder");
    let mut client = start_in(folder.path(), push_capabilities(), Value::Null).await;
    let uri = file_uri(&folder.path().join("posts/po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(&uri, 1).await;
    assert_eq!(codes(&diagnostics), ["po-owns-roadmap"]);
    assert_eq!(diagnostics[0]["severity"], 1, "the configured severity");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialization_options_configure_documents_without_a_config_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let options = json!({ "rules": { "disable": ["po-owns-roadmap"] } });
    let mut client = start_in(folder.path(), push_capabilities(), options).await;
    let uri = file_uri(&folder.path().join("po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    assert_eq!(
        codes(&client.diagnostics_for(&uri, 1).await),
        ["unqualified-release-dates"]
    );
    // A document that is not on disk gets the same editor settings.
    client.open("untitled:Untitled-1", 1, ROLE_DOC).await;
    assert_eq!(
        codes(&client.diagnostics_for("untitled:Untitled-1", 1).await),
        ["unqualified-release-dates"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_configuration_is_asked_for_the_rolelint_section() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (mut client, _server) = in_process();
    client.requests.lock().unwrap().settings =
        json!({ "roles": { "product-owner": ["Delivery Owner"] } });
    client
        .initialize_with(json!({
            "processId": null,
            "rootUri": file_uri(folder.path()),
            "capabilities": { "workspace": { "configuration": true } },
        }))
        .await;
    let uri = file_uri(&folder.path().join("delivery.md"));
    // The alias makes "Delivery Owner" a Product Owner title, so the roadmap claim is flagged.
    client
        .open(
            &uri,
            1,
            "# Delivery Owner\n\n- Own the product roadmap.\n- Own the product backlog.\n",
        )
        .await;
    publish_where(&mut client, &uri, |codes| {
        codes.contains(&"po-owns-roadmap".to_string())
    })
    .await;
    let asked = client.requests.lock().unwrap().received.clone();
    let configuration = asked
        .iter()
        .find(|request| request["method"] == "workspace/configuration")
        .expect("asked for configuration");
    assert_eq!(configuration["params"]["items"][0]["section"], "rolelint");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_null_configuration_answer_keeps_the_settings_in_use() {
    let folder = tempfile::tempdir().expect("temp dir");
    let (mut client, _server) = in_process();
    client.requests.lock().unwrap().settings =
        json!({ "roles": { "product-owner": ["Delivery Owner"] } });
    client
        .initialize_with(json!({
            "processId": null,
            "rootUri": file_uri(folder.path()),
            "capabilities": { "workspace": { "configuration": true } },
        }))
        .await;
    let uri = file_uri(&folder.path().join("delivery.md"));
    let text = "# Delivery Owner\n\n- Own the product roadmap.\n- Own the product backlog.\n";
    client.open(&uri, 1, text).await;
    let flagged = |codes: &[String]| codes.contains(&"po-owns-roadmap".to_string());
    publish_where(&mut client, &uri, flagged).await;
    // The editor now has no `rolelint` section: it answers null when asked again.
    client.requests.lock().unwrap().settings = Value::Null;
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        )
        .await;
    client
        .next_matching(|message| {
            message["method"] == "workspace/configuration" && message.get("id").is_some()
        })
        .await
        .expect("asked for the settings again");
    client
        .edit(&uri, 2, [[3, 0], [3, 0]], "- Talk to customers.\n")
        .await;
    client
        .edit(&uri, 3, [[4, 0], [4, 0]], "- Write user stories.\n")
        .await;
    let diagnostics = client.diagnostics_for(&uri, 3).await;
    assert!(
        flagged(&codes(&diagnostics)),
        "the alias from the last good settings still applies: {diagnostics:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_workspace_config_is_loaded_at_start_before_any_document() {
    // The server loads (and compiles) the workspace's configuration as soon as it is
    // initialised, so a broken one is shown before the first document is opened.
    let folder = tempfile::tempdir().expect("temp dir");
    let config = folder.path().join(".rolelint.toml");
    std::fs::write(&config, "[rules]\nseverity = 3\n").expect("write config");
    let mut client = start_in(folder.path(), push_capabilities(), Value::Null).await;
    let shown = client
        .next_matching(|m| m["method"] == "window/showMessage")
        .await
        .expect("a message");
    let text = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(text.contains(".rolelint.toml:2:"), "{text}");
    let config_uri = file_uri(&config);
    let on_config = publish_where(&mut client, &config_uri, |codes| !codes.is_empty()).await;
    assert_eq!(on_config[0]["range"]["start"]["line"], 1);
    // Opening a document shows the problem no second time and checks with the defaults.
    let uri = file_uri(&folder.path().join("po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    assert_eq!(
        codes(&client.diagnostics_for(&uri, 1).await),
        ["po-owns-roadmap", "unqualified-release-dates"]
    );
    assert_eq!(
        client
            .notifications
            .iter()
            .filter(|m| m["method"] == "window/showMessage")
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn did_change_configuration_rechecks_open_documents() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut client = start_in(folder.path(), push_capabilities(), Value::Null).await;
    let uri = file_uri(&folder.path().join("po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    assert_eq!(
        codes(&client.diagnostics_for(&uri, 1).await),
        ["po-owns-roadmap", "unqualified-release-dates"]
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rolelint": { "rules": { "disable": ["cross-role"] } } } }),
        )
        .await;
    publish_where(&mut client, &uri, |codes| {
        codes == ["unqualified-release-dates"]
    })
    .await;
    // `configPath` names a config file explicitly (here without other editor keys).
    std::fs::write(
        folder.path().join("strict.toml"),
        "[rules]\nenable = [\"cross-role\"]\n",
    )
    .expect("write config");
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rolelint": { "configPath": "strict.toml" } } }),
        )
        .await;
    publish_where(&mut client, &uri, |codes| codes == ["po-owns-roadmap"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watched_config_files_reload_and_a_broken_one_keeps_the_last_good() {
    let folder = tempfile::tempdir().expect("temp dir");
    let config = folder.path().join(".rolelint.toml");
    std::fs::write(&config, "[rules]\ndisable = [\"po-owns-roadmap\"]\n").expect("write config");
    let capabilities = json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
    });
    let mut client = start_in(folder.path(), capabilities, Value::Null).await;
    let uri = file_uri(&folder.path().join("po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    assert_eq!(
        codes(&client.diagnostics_for(&uri, 1).await),
        ["unqualified-release-dates"]
    );
    let registration = client
        .requests
        .lock()
        .unwrap()
        .received
        .iter()
        .find(|request| request["method"] == "client/registerCapability")
        .cloned()
        .expect("the watcher was registered");
    assert_eq!(
        registration["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    // Break the config: shown as a diagnostic on the file and a message, and the last good
    // configuration stays in use.
    std::fs::write(
        &config,
        "[rules]\ndisable = [\"po-owns-roadmap\"]\nseverity = 3\n",
    )
    .expect("write config");
    let config_uri = file_uri(&config);
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
        )
        .await;
    let shown = client
        .next_matching(|m| m["method"] == "window/showMessage")
        .await
        .expect("a message");
    assert_eq!(shown["params"]["type"], 1);
    let text = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(text.contains(".rolelint.toml:3:"), "{text}");
    let on_config = publish_where(&mut client, &config_uri, |codes| !codes.is_empty()).await;
    assert_eq!(on_config.len(), 1);
    assert_eq!(on_config[0]["range"]["start"]["line"], 2);
    assert_eq!(on_config[0]["severity"], 1);
    let still = publish_where(&mut client, &uri, |_| true).await;
    assert_eq!(
        codes(&still),
        ["unqualified-release-dates"],
        "the last good config"
    );
    // Repair it with another rule: the file's diagnostics are cleared and the new config runs.
    std::fs::write(&config, "[rules]\ndisable = [\"unqualified-shared\"]\n").expect("write config");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
        )
        .await;
    let cleared = publish_where(&mut client, &config_uri, |codes| codes.is_empty()).await;
    assert!(cleared.is_empty());
    publish_where(&mut client, &uri, |codes| codes == ["po-owns-roadmap"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_suppressions_are_honoured_and_unused_ones_reported() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut client = start_in(folder.path(), push_capabilities(), Value::Null).await;
    let uri = file_uri(&folder.path().join("po.md"));
    let text = "# Product Owner\n\n<!-- rolelint-disable-next-line po-owns-roadmap -->\n- Own the product roadmap.\n<!-- rolelint-disable-next-line po-owns-vision -->\n- Own the product backlog.\n";
    client.open(&uri, 1, text).await;
    let diagnostics = client.diagnostics_for(&uri, 1).await;
    assert_eq!(codes(&diagnostics), ["unused-suppression"]);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 4);
    // Its fix removes the comment.
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": diagnostics[0]["range"],
                "context": { "diagnostics": [diagnostics[0]], "only": ["quickfix"] },
            }),
        )
        .await;
    let fixed = apply_text_edits(text, &edits_for(&actions[0]["edit"], &uri), "utf-16");
    assert!(!fixed.contains("po-owns-vision"), "{fixed}");
    assert!(fixed.contains("po-owns-roadmap -->"), "{fixed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_disable_action_really_silences_the_finding() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut client = start_in(folder.path(), push_capabilities(), Value::Null).await;
    let uri = file_uri(&folder.path().join("po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(&uri, 1).await;
    let roadmap = diagnostics
        .iter()
        .find(|d| d["code"] == "po-owns-roadmap")
        .expect("roadmap finding");
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": roadmap["range"],
                "context": { "diagnostics": [roadmap], "only": ["quickfix"] },
            }),
        )
        .await;
    let disable = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == "Disable po-owns-roadmap for this line")
        .expect("disable action");
    let edits = edits_for(&disable["edit"], &uri);
    let fixed = apply_text_edits(ROLE_DOC, &edits, "utf-16");
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": edits.iter().map(|e| json!({ "range": e["range"], "text": e["newText"] })).collect::<Vec<_>>() }),
        )
        .await;
    assert_eq!(
        codes(&client.diagnostics_for(&uri, 2).await),
        ["unqualified-release-dates"]
    );
    assert!(fixed.contains(
        "<!-- rolelint-disable-next-line po-owns-roadmap -->\n- Own the product roadmap."
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editor_settings_are_laid_over_the_config_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        folder.path().join(".rolelint.toml"),
        "[rules]\ndisable = [\"unqualified-shared\"]\n",
    )
    .expect("write config");
    let options = json!({ "rules": { "severity": { "po-owns-roadmap": "error" } } });
    let mut client = start_in(folder.path(), push_capabilities(), options).await;
    let uri = file_uri(&folder.path().join("po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(&uri, 1).await;
    assert_eq!(
        codes(&diagnostics),
        ["po-owns-roadmap"],
        "the file's disable still applies"
    );
    assert_eq!(
        diagnostics[0]["severity"], 1,
        "the editor's severity applies on top"
    );
    // A key the editor sets replaces the file's: enabling everything brings the rule back.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rolelint": { "rules": { "disable": [] } } } }),
        )
        .await;
    publish_where(&mut client, &uri, |codes| codes.len() == 2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_editor_settings_are_shown_and_the_last_good_stays() {
    let folder = tempfile::tempdir().expect("temp dir");
    let options = json!({ "rules": { "disable": ["po-owns-roadmap"] } });
    let mut client = start_in(folder.path(), push_capabilities(), options).await;
    let uri = file_uri(&folder.path().join("po.md"));
    client.open(&uri, 1, ROLE_DOC).await;
    assert_eq!(
        codes(&client.diagnostics_for(&uri, 1).await),
        ["unqualified-release-dates"]
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rolelint": { "rules": { "disable": "po-owns-roadmap" } } } }),
        )
        .await;
    let shown = client
        .next_matching(|m| m["method"] == "window/showMessage")
        .await
        .expect("a message");
    let text = shown["params"]["message"].as_str().unwrap_or_default();
    assert!(text.contains("rolelint editor settings"), "{text}");
    let still = publish_where(&mut client, &uri, |_| true).await;
    assert_eq!(
        codes(&still),
        ["unqualified-release-dates"],
        "the last good settings"
    );
}
