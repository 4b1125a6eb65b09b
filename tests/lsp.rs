//! The language server driven through the protocol, in process over duplex pipes.

#[path = "lsp/client.rs"]
mod client;

use client::*;
use serde_json::{Value, json};

/// A Product Owner description with a cross-role claim, a clear claim and an unqualified one.
const ROLE_DOC: &str = "# Product Owner\n\n- Own the product roadmap.\n- Own the product backlog.\n- Schedule releases.\n";

/// A team charter where both roles claim the roadmap.
const CHARTER: &str = "# Checkout team charter\n\n## Product Manager\n\n- Own the product roadmap.\n\n## Product Owner\n\n- Own the product roadmap.\n- Own the product backlog.\n";

async fn started(capabilities: Value) -> TestClient {
    let (mut client, _server) = in_process();
    client.initialize(capabilities, Value::Null).await;
    client
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// What a diagnostic looks like to a user: where, which rule, how bad, what it says.
fn normalised(diagnostics: &[Value]) -> Vec<String> {
    let mut list: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            json!([
                d["range"],
                d["code"],
                d["severity"],
                d["source"],
                d["message"]
            ])
            .to_string()
        })
        .collect();
    list.sort();
    list
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|diagnostic| diagnostic["code"] == code)
        .unwrap_or_else(|| panic!("no {code} diagnostic in {diagnostics:?}"))
}

/// The code actions for one diagnostic.
async fn actions_for(client: &mut TestClient, uri: &str, diagnostic: &Value) -> Vec<Value> {
    client
        .call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": diagnostic["range"],
                "context": { "diagnostics": [diagnostic], "only": ["quickfix"] },
            }),
        )
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], prefix: &str) -> &'a Value {
    actions
        .iter()
        .find(|action| {
            action["title"]
                .as_str()
                .is_some_and(|t| t.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no action titled {prefix:?} in {actions:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capabilities_announce_incremental_sync_and_every_feature() {
    let client = started(push_capabilities()).await;
    let capabilities = &client.initialize_result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["documentSymbolProvider"], true);
    assert!(capabilities["codeLensProvider"].is_object());
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "source.fixAll.rolelint"])
    );
    assert!(
        capabilities["executeCommandProvider"]["commands"]
            .as_array()
            .is_some_and(|commands| commands.contains(&json!("rolelint.applyAllSafeFixes")))
    );
    assert!(
        capabilities.get("diagnosticProvider").is_none(),
        "no pull diagnostics for a client that cannot pull"
    );
    assert_eq!(client.initialize_result["serverInfo"]["name"], "rolelint");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_carry_rule_link_source_severity_and_fixes() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///role.md";
    client.open(uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    assert_eq!(
        codes(&diagnostics),
        ["po-owns-roadmap", "unqualified-release-dates"]
    );
    let roadmap = with_code(&diagnostics, "po-owns-roadmap");
    assert_eq!(
        slice(ROLE_DOC, &roadmap["range"], "utf-16"),
        "Own the product roadmap"
    );
    assert_eq!(roadmap["source"], "rolelint");
    assert_eq!(roadmap["severity"], 2);
    assert_eq!(
        roadmap["codeDescription"]["href"],
        "https://github.com/rolelint/rolelint/blob/main/docs/rules/po-owns-roadmap.md"
    );
    // The fixes are not carried in the diagnostic (that would multiply the size of every
    // publish); the server finds them from the diagnostic's range and code.
    assert!(roadmap.get("data").is_none(), "{roadmap}");
    let actions = actions_for(&mut client, uri, roadmap).await;
    assert!(
        actions.len() >= 2,
        "its suggestions and the disable fix: {actions:?}"
    );
    titled(&actions, "Disable po-owns-roadmap");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn optional_diagnostic_properties_follow_the_client_capabilities() {
    // A client that does not say it shows rule links or related places gets neither: on a big
    // document they would be a large part of every publish.
    let mut client = started(json!({})).await;
    let uri = "file:///charter.md";
    client.open(uri, 1, CHARTER).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let roadmap = with_code(&diagnostics, "po-owns-roadmap");
    assert!(roadmap.get("codeDescription").is_none(), "{roadmap}");
    assert!(roadmap.get("relatedInformation").is_none(), "{roadmap}");
    // Its quick fixes are the same.
    let actions = actions_for(&mut client, uri, roadmap).await;
    titled(&actions, "Disable po-owns-roadmap");
    // A pulling client that says so in its pull capabilities gets both.
    let mut client = started(json!({ "textDocument": { "diagnostic": {
        "relatedInformation": true,
        "codeDescriptionSupport": true,
    } } }))
    .await;
    client.open(uri, 1, CHARTER).await;
    let report = client
        .call(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let items = report["items"].as_array().expect("items").clone();
    let roadmap = with_code(&items, "po-owns-roadmap");
    assert!(roadmap["codeDescription"]["href"].is_string(), "{roadmap}");
    assert_eq!(
        roadmap["relatedInformation"].as_array().map(Vec::len),
        Some(1),
        "{roadmap}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn double_ownership_points_at_the_other_owner() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///charter.md";
    client.open(uri, 1, CHARTER).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let roadmap = with_code(&diagnostics, "po-owns-roadmap");
    let related = roadmap["relatedInformation"]
        .as_array()
        .expect("related information");
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["location"]["uri"], uri);
    let other = &related[0]["location"]["range"];
    assert_eq!(other["start"]["line"], 4, "the Product Manager's own line");
    assert_eq!(slice(CHARTER, other, "utf-16"), "Own the product roadmap");
    assert_eq!(roadmap["range"]["start"]["line"], 8);
}

/// A line with é, curly quotes, an emoji and CRLF line endings, in one encoding.
async fn multibyte_positions_are_right(capabilities: Value, encoding: &str) {
    let mut client = started(capabilities).await;
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        encoding
    );
    let text = "# Product Owner\r\n\r\n- Café “Checkout” 😀: Own the product roadmap.\r\n- Own the product backlog.\r\n";
    let uri = "file:///multibyte.md";
    client.open(uri, 1, text).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let roadmap = with_code(&diagnostics, "po-owns-roadmap");
    assert_eq!(
        slice(text, &roadmap["range"], encoding),
        "Own the product roadmap"
    );
    let line = "- Café “Checkout” 😀: Own the product roadmap.";
    let units = |s: &str| -> u32 {
        if encoding == "utf-8" {
            s.len() as u32
        } else {
            s.encode_utf16().count() as u32
        }
    };
    let expected_start = units(&line[..line.find("Own").unwrap()]);
    assert_eq!(
        roadmap["range"]["start"],
        json!({"line": 2, "character": expected_start})
    );
    // Replace "Own" (just after the emoji) using positions in this encoding: the server must
    // find the same bytes, and its diagnostics must equal a fresh open of the edited text.
    let own = line.find("Own").unwrap();
    client
        .edit(
            uri,
            2,
            [[2, units(&line[..own])], [2, units(&line[..own + 3])]],
            "Contribute to",
        )
        .await;
    let after_edit = client.diagnostics_for(uri, 2).await;
    assert!(!codes(&after_edit).contains(&"po-owns-roadmap".to_string()));
    // An insertion after the emoji shifts the diagnostics of the text below it by nothing and
    // keeps everything consistent with a fresh open.
    let emoji_end = line.find('😀').unwrap() + '😀'.len_utf8();
    client
        .edit(
            uri,
            3,
            [
                [2, units(&line[..emoji_end])],
                [2, units(&line[..emoji_end])],
            ],
            " é",
        )
        .await;
    let edited = client.diagnostics_for(uri, 3).await;
    let expected_text = text.replacen("😀: Own", "😀 é: Contribute to", 1);
    client
        .open("file:///multibyte-fresh.md", 1, &expected_text)
        .await;
    let fresh = client
        .diagnostics_for("file:///multibyte-fresh.md", 1)
        .await;
    assert_eq!(normalised(&edited), normalised(&fresh));
    // Positions past the end of a line clamp to the line's end, before its CRLF.
    client
        .edit(uri, 4, [[0, 500], [0, 900]], " (Payments)")
        .await;
    let clamped = client.diagnostics_for(uri, 4).await;
    let clamped_text =
        expected_text.replacen("# Product Owner\r\n", "# Product Owner (Payments)\r\n", 1);
    client
        .open("file:///multibyte-fresh2.md", 1, &clamped_text)
        .await;
    let fresh = client
        .diagnostics_for("file:///multibyte-fresh2.md", 1)
        .await;
    assert_eq!(normalised(&clamped), normalised(&fresh));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf16_positions_by_default() {
    multibyte_positions_are_right(push_capabilities(), "utf-16").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn utf8_positions_when_the_client_offers_them() {
    let mut capabilities = push_capabilities();
    capabilities["general"] = json!({ "positionEncodings": ["utf-32", "utf-8", "utf-16"] });
    multibyte_positions_are_right(capabilities, "utf-8").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_sent_without_waiting_end_in_the_fresh_open_diagnostics() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///edits.md";
    client.open(uri, 1, "# Product Owner\n\n").await;
    let mut text = "# Product Owner\n\n".to_string();
    let lines = [
        "- Own the product roadmap.\n",
        "- Define the long-term product vision.\n",
        "- Own the product backlog.\n",
        "- Schedule releases.\n",
    ];
    for (index, line) in lines.iter().enumerate() {
        let at = 2 + index as u32;
        client
            .edit(uri, 2 + index as i64, [[at, 0], [at, 0]], line)
            .await;
        text.push_str(line);
    }
    // Delete the vision line again with a multi-line range.
    client.edit(uri, 6, [[3, 0], [4, 0]], "").await;
    text = text.replacen(lines[1], "", 1);
    let edited = client.diagnostics_for(uri, 6).await;
    client.open("file:///edits-fresh.md", 1, &text).await;
    let fresh = client.diagnostics_for("file:///edits-fresh.md", 1).await;
    assert_eq!(normalised(&edited), normalised(&fresh));
    assert_eq!(
        codes(&edited),
        ["po-owns-roadmap", "unqualified-release-dates"]
    );
    // Every publish for the edited document carried a version, and they never went back.
    let versions: Vec<i64> = client
        .notifications
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
        .map(|n| n["params"]["version"].as_i64().expect("versioned publish"))
        .collect();
    assert!(
        versions.windows(2).all(|pair| pair[0] < pair[1]),
        "{versions:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_with_old_versions_and_unknown_documents_are_ignored() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///versions.md";
    client.open(uri, 5, ROLE_DOC).await;
    client.diagnostics_for(uri, 5).await;
    // Version 4 is older than 5: ignored, with a log line.
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": "# Product Owner\n" }] }),
        )
        .await;
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": "file:///never-opened.md", "version": 9 }, "contentChanges": [{ "text": "x" }] }),
        )
        .await;
    client.edit(uri, 6, [[0, 0], [0, 0]], "").await;
    let diagnostics = client.diagnostics_for(uri, 6).await;
    assert_eq!(
        codes(&diagnostics),
        ["po-owns-roadmap", "unqualified-release-dates"]
    );
    // Log messages go out on their own task: wait for each rather than expecting them to
    // have arrived before the diagnostics.
    let log_containing = |parts: &'static [&'static str]| {
        move |message: &serde_json::Value| {
            message["method"] == "window/logMessage"
                && message["params"]["message"]
                    .as_str()
                    .is_some_and(|text| parts.iter().all(|part| text.contains(part)))
        }
    };
    for parts in [&["version 4"][..], &["never-opened.md", "not open"][..]] {
        let parts: &'static [&'static str] = parts;
        let seen = client.notifications.iter().any(log_containing(parts));
        if !seen {
            assert!(
                client.next_matching(log_containing(parts)).await.is_some(),
                "no log line with {parts:?}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_a_document_clears_its_diagnostics() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///closed.md";
    client.open(uri, 1, ROLE_DOC).await;
    assert!(!client.diagnostics_for(uri, 1).await.is_empty());
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let cleared = client
        .next_matching(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        })
        .await
        .expect("a publish after close");
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_when_the_client_pulls() {
    let mut client =
        started(json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } }))
            .await;
    assert_eq!(
        client.initialize_result["capabilities"]["diagnosticProvider"]["identifier"],
        "rolelint"
    );
    let uri = "file:///pulled.md";
    client.open(uri, 1, ROLE_DOC).await;
    let pull =
        |previous: Value| json!({ "textDocument": { "uri": uri }, "previousResultId": previous });
    let first = client
        .call("textDocument/diagnostic", pull(Value::Null))
        .await;
    assert_eq!(first["kind"], "full");
    assert_eq!(
        codes(first["items"].as_array().expect("items")),
        ["po-owns-roadmap", "unqualified-release-dates"]
    );
    let result_id = first["resultId"].clone();
    let again = client
        .call("textDocument/diagnostic", pull(result_id.clone()))
        .await;
    assert_eq!(again["kind"], "unchanged");
    assert_eq!(again["resultId"], result_id);
    // Remove the roadmap line; the next pull reflects it.
    client.edit(uri, 2, [[2, 0], [3, 0]], "").await;
    let after = client
        .call("textDocument/diagnostic", pull(result_id))
        .await;
    assert_eq!(after["kind"], "full");
    assert_eq!(
        codes(after["items"].as_array().expect("items")),
        ["unqualified-release-dates"]
    );
    assert!(
        !client
            .notifications
            .iter()
            .any(|n| n["method"] == "textDocument/publishDiagnostics"),
        "a pulling client gets no pushed diagnostics"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn safe_fix_is_the_preferred_quick_fix() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///safe.md";
    client.open(uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let releases = with_code(&diagnostics, "unqualified-release-dates");
    let actions = actions_for(&mut client, uri, releases).await;
    let preferred: Vec<&Value> = actions
        .iter()
        .filter(|a| a["isPreferred"] == true)
        .collect();
    assert_eq!(preferred.len(), 1, "{actions:?}");
    assert_eq!(preferred[0]["kind"], "quickfix");
    assert_eq!(
        preferred[0]["diagnostics"][0]["code"],
        "unqualified-release-dates"
    );
    let fixed = apply_text_edits(ROLE_DOC, &edits_for(&preferred[0]["edit"], uri), "utf-16");
    assert_eq!(
        fixed,
        ROLE_DOC.replace(
            "- Schedule releases.",
            "- Schedule releases for sprint increments."
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_suggestions_are_quick_fixes_that_are_not_preferred() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///suggestion.md";
    client.open(uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let roadmap = with_code(&diagnostics, "po-owns-roadmap");
    let actions = actions_for(&mut client, uri, roadmap).await;
    assert!(
        actions.iter().all(|a| a["isPreferred"] == false),
        "{actions:?}"
    );
    let handoff = titled(&actions, "Make it a hand-off");
    let fixed = apply_text_edits(ROLE_DOC, &edits_for(&handoff["edit"], uri), "utf-16");
    assert_eq!(
        fixed,
        ROLE_DOC.replace(
            "- Own the product roadmap.",
            "- Contribute to the product roadmap owned by the Product Manager."
        )
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disable_for_this_line_inserts_the_suppression_comment_above() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///disable.md";
    let text = "# Product Owner\r\n\r\n  - Own the product roadmap.\r\n";
    client.open(uri, 1, text).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let roadmap = with_code(&diagnostics, "po-owns-roadmap");
    let actions = actions_for(&mut client, uri, roadmap).await;
    let disable = titled(&actions, "Disable po-owns-roadmap for this line");
    assert_eq!(disable["isPreferred"], false);
    let fixed = apply_text_edits(text, &edits_for(&disable["edit"], uri), "utf-16");
    assert_eq!(
        fixed,
        "# Product Owner\r\n\r\n  <!-- rolelint-disable-next-line po-owns-roadmap -->\r\n  - Own the product roadmap.\r\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declaring_a_combined_role_silences_the_mixed_duties() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///declare.md";
    client.open(uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let roadmap = with_code(&diagnostics, "po-owns-roadmap");
    let actions = actions_for(&mut client, uri, roadmap).await;
    let declare = titled(&actions, "Declare this a combined");
    let fixed = apply_text_edits(ROLE_DOC, &edits_for(&declare["edit"], uri), "utf-16");
    assert_eq!(
        fixed,
        ROLE_DOC.replace(
            "# Product Owner\n",
            "# Product Owner\n\nThis role also acts as Product Manager: it owns both sets of responsibilities listed below.\n"
        )
    );
    client.open("file:///declared.md", 1, &fixed).await;
    let after = client.diagnostics_for("file:///declared.md", 1).await;
    assert!(
        !codes(&after).contains(&"po-owns-roadmap".to_string()),
        "{after:?}"
    );
    assert!(
        codes(&after).contains(&"declared-combined-role".to_string()),
        "{after:?}"
    );
    // The same declaration is available as a command that asks the editor to apply it.
    client
        .call(
            "workspace/executeCommand",
            json!({ "command": "rolelint.declareCombinedRole", "arguments": [uri] }),
        )
        .await;
    let applied = client.requests.lock().unwrap().applied_edits.clone();
    assert_eq!(applied.len(), 1);
    assert_eq!(
        apply_text_edits(ROLE_DOC, &edits_for(&applied[0]["edit"], uri), "utf-16"),
        fixed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_applies_every_safe_fix() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///fixall.md";
    let text = "# Product Owner\n\n- Schedule releases.\n- Own the product backlog.\n- Plan releases with the team.\n";
    client.open(uri, 1, text).await;
    client.diagnostics_for(uri, 1).await;
    let actions = client
        .call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": lsp_range([[0, 0], [0, 0]]),
                "context": { "diagnostics": [], "only": ["source.fixAll"] },
            }),
        )
        .await;
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.rolelint");
    let fixed = apply_text_edits(text, &edits_for(&actions[0]["edit"], uri), "utf-16");
    assert_eq!(
        fixed,
        "# Product Owner\n\n- Schedule releases for sprint increments.\n- Own the product backlog.\n- Plan releases for sprint increments with the team.\n"
    );
    // Asking only for quick fixes leaves the source action out.
    let quick_only = client
        .call(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": lsp_range([[0, 0], [0, 0]]),
                "context": { "diagnostics": [], "only": ["quickfix"] },
            }),
        )
        .await;
    assert_eq!(quick_only, json!([]));
    // The command form asks the editor to apply the same edit, stamped with the version when
    // the editor supports versioned edits.
    client
        .call(
            "workspace/executeCommand",
            json!({ "command": "rolelint.applyAllSafeFixes", "arguments": [uri] }),
        )
        .await;
    let applied = client.requests.lock().unwrap().applied_edits.clone();
    assert_eq!(
        apply_text_edits(text, &edits_for(&applied[0]["edit"], uri), "utf-16"),
        fixed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn versioned_edits_when_the_client_supports_them() {
    let mut capabilities = push_capabilities();
    capabilities["workspace"] = json!({ "workspaceEdit": { "documentChanges": true } });
    let mut client = started(capabilities).await;
    let uri = "file:///versioned.md";
    client.open(uri, 7, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 7).await;
    let actions = actions_for(
        &mut client,
        uri,
        with_code(&diagnostics, "unqualified-release-dates"),
    )
    .await;
    let change = &titled(&actions, "State the level")["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({ "uri": uri, "version": 7 }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fixes_from_an_older_version_are_not_offered() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///stale.md";
    client.open(uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    client.edit(uri, 2, [[0, 0], [0, 0]], "\n").await;
    client.diagnostics_for(uri, 2).await;
    let actions = actions_for(&mut client, uri, with_code(&diagnostics, "po-owns-roadmap")).await;
    assert_eq!(actions, Vec::<Value>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_diagnostic_of_the_current_check_gets_fixes() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///matching.md";
    client.open(uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    let roadmap = with_code(&diagnostics, "po-owns-roadmap").clone();
    assert!(!actions_for(&mut client, uri, &roadmap).await.is_empty());
    // The same place under another rule's code, a shifted range, or another source: none of
    // them is a finding of this check.
    let mut other_code = roadmap.clone();
    other_code["code"] = json!("unqualified-release-dates");
    let mut shifted = roadmap.clone();
    shifted["range"]["start"]["character"] = json!(3);
    let mut foreign = roadmap.clone();
    foreign["source"] = json!("another-linter");
    for diagnostic in [other_code, shifted, foreign] {
        assert_eq!(
            actions_for(&mut client, uri, &diagnostic).await,
            Vec::<Value>::new(),
            "{diagnostic}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulled_diagnostics_get_their_quick_fixes() {
    let mut client =
        started(json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } }))
            .await;
    let uri = "file:///pulled-fixes.md";
    client.open(uri, 1, ROLE_DOC).await;
    let report = client
        .call(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let items = report["items"].as_array().expect("items").clone();
    let roadmap = with_code(&items, "po-owns-roadmap");
    assert!(roadmap.get("data").is_none(), "{roadmap}");
    let actions = actions_for(&mut client, uri, roadmap).await;
    let disable = titled(&actions, "Disable po-owns-roadmap");
    let fixed = apply_text_edits(ROLE_DOC, &edits_for(&disable["edit"], uri), "utf-16");
    assert!(
        fixed.contains(
            "<!-- rolelint-disable-next-line po-owns-roadmap -->\n- Own the product roadmap"
        ),
        "{fixed}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_explains_a_flagged_span() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///hover.md";
    client.open(uri, 1, ROLE_DOC).await;
    client.diagnostics_for(uri, 1).await;
    let hover = client
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 10 } }),
        )
        .await;
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(text.contains("**po-owns-roadmap**"), "{text}");
    let rules = rolelint::rules::RuleSet::bundled();
    let rule = rules.get("po-owns-roadmap").expect("bundled rule");
    assert!(text.contains(&rule.summary), "{text}");
    assert!(text.contains("Why it matters:"), "{text}");
    assert!(
        text.contains("declare it a combined"),
        "advice without an edit is listed: {text}"
    );
    assert_eq!(
        slice(ROLE_DOC, &hover["range"], "utf-16"),
        "Own the product roadmap"
    );
    // Nothing flagged, no heading: no hover.
    let nothing = client
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 10 } }),
        )
        .await;
    assert_eq!(nothing, Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_role_heading_lists_what_the_text_gives_it() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///role-hover.md";
    client.open(uri, 1, ROLE_DOC).await;
    client.diagnostics_for(uri, 1).await;
    let hover = client
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 5 } }),
        )
        .await;
    let text = hover["contents"]["value"].as_str().expect("markdown");
    assert!(text.starts_with("**Product Owner**"), "{text}");
    assert!(
        text.contains("- roadmap (owned by the Product Manager)"),
        "{text}"
    );
    assert!(
        text.contains("- backlog\n") || text.ends_with("- backlog"),
        "{text}"
    );
    assert!(
        text.contains("- release-dates (shared: say at which level)"),
        "{text}"
    );
    // In a charter, a section heading lists only that section's claims.
    client.open("file:///charter-hover.md", 1, CHARTER).await;
    client.diagnostics_for("file:///charter-hover.md", 1).await;
    let section = client
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///charter-hover.md" }, "position": { "line": 2, "character": 6 } }),
        )
        .await;
    let text = section["contents"]["value"].as_str().expect("markdown");
    assert!(text.starts_with("**Product Manager**"), "{text}");
    assert!(text.contains("- roadmap"), "{text}");
    assert!(!text.contains("backlog"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn symbols_outline_the_roles_and_their_sections() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///symbols.md";
    client.open(uri, 1, CHARTER).await;
    let symbols = client
        .call(
            "textDocument/documentSymbol",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let symbols = symbols.as_array().expect("symbols");
    assert_eq!(symbols.len(), 1);
    assert_eq!(symbols[0]["name"], "Checkout team charter");
    let children = symbols[0]["children"].as_array().expect("children");
    let names: Vec<(&str, &str)> = children
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["detail"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Product Manager", "Product Manager"),
            ("Product Owner", "Product Owner")
        ]
    );
    assert_eq!(children[1]["range"]["start"]["line"], 6);
    assert_eq!(
        children[1]["selectionRange"]["start"],
        json!({"line": 6, "character": 3})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_lens_shows_the_role_balance_on_the_title() {
    let mut client = started(push_capabilities()).await;
    let uri = "file:///lens.md";
    client.open(uri, 1, CHARTER).await;
    let lenses = client
        .call(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let lens = &lenses[0];
    assert_eq!(lens["command"]["title"], "PM 2 · PO 1 · shared 0");
    assert_eq!(
        slice(CHARTER, &lens["range"], "utf-16"),
        "Checkout team charter"
    );
    client
        .call(
            "workspace/executeCommand",
            json!({ "command": lens["command"]["command"], "arguments": lens["command"]["arguments"] }),
        )
        .await;
    let shown = client
        .next_matching(|m| m["method"] == "window/showMessage")
        .await
        .expect("a message");
    assert_eq!(
        shown["params"]["message"],
        "Role balance: PM 2 · PO 1 · shared 0"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_client_input_gets_errors_not_crashes() {
    let (mut client, server) = in_process();
    // Before initialize: -32002.
    let early = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": "file:///x.md" }, "position": { "line": 0, "character": 0 } }))
        .await;
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(push_capabilities(), Value::Null).await;
    let unknown = client.request("rolelint/unknownThing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    let unknown_dollar = client.request("$/rolelint/unknownThing", json!({})).await;
    assert_eq!(unknown_dollar["error"]["code"], -32601);
    let bad = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": "not an object" }),
        )
        .await;
    assert_eq!(bad["error"]["code"], -32602);
    let no_command = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "rolelint.nothing", "arguments": [] }),
        )
        .await;
    assert_eq!(no_command["error"]["code"], -32602);
    let no_uri = client
        .request(
            "workspace/executeCommand",
            json!({ "command": "rolelint.applyAllSafeFixes", "arguments": [42] }),
        )
        .await;
    assert_eq!(no_uri["error"]["code"], -32602);
    // Far out of range positions are clamped, for requests and edits alike.
    let uri = "file:///clamp.md";
    client.open(uri, 1, ROLE_DOC).await;
    client.diagnostics_for(uri, 1).await;
    let far = client
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 4_000_000_000u32, "character": 4_000_000_000u32 } }),
        )
        .await;
    assert_eq!(far, Value::Null);
    client
        .edit(uri, 2, [[900, 9], [901, 0]], "- Own the market research.\n")
        .await;
    let clamped = client.diagnostics_for(uri, 2).await;
    let appended = format!("{ROLE_DOC}- Own the market research.\n");
    client.open("file:///clamp-fresh.md", 1, &appended).await;
    let fresh = client.diagnostics_for("file:///clamp-fresh.md", 1).await;
    assert_eq!(normalised(&clamped), normalised(&fresh));
    // Hover and actions on documents that are not open answer with nothing.
    let hover = client
        .call("textDocument/hover", json!({ "textDocument": { "uri": "file:///nope.md" }, "position": { "line": 0, "character": 0 } }))
        .await;
    assert_eq!(hover, Value::Null);
    client.shutdown().await;
    assert_eq!(server.await.expect("server task"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_reports_failure() {
    let (mut client, server) = in_process();
    client.initialize(push_capabilities(), Value::Null).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(server.await.expect("server task"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_is_answered_while_a_big_document_is_checked() {
    let mut client = started(push_capabilities()).await;
    let small = "file:///small.md";
    client.open(small, 1, ROLE_DOC).await;
    client.diagnostics_for(small, 1).await;
    // About 300 KB of role text: its check takes a while in a test build.
    let big_uri = "file:///big.md";
    let paragraph = "## Product Owner\n\n- Own the product roadmap and the backlog for the team.\n- Schedule releases.\n\n";
    let big = format!(
        "# Product Owner\n\n{}",
        paragraph.repeat(300_000 / paragraph.len())
    );
    client.open(big_uri, 1, &big).await;
    let hover_id = client
        .send_request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": small }, "position": { "line": 2, "character": 10 } }),
        )
        .await;
    let first = client
        .next_matching(|m| {
            (m.get("method").is_none() && m["id"] == hover_id)
                || (m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == big_uri)
        })
        .await
        .expect("an answer");
    assert_eq!(
        first["id"], hover_id,
        "the hover came before the big document's diagnostics"
    );
    assert!(
        first["result"]["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("po-owns-roadmap"))
    );
    let big_diagnostics = client.diagnostics_for(big_uri, 1).await;
    assert!(big_diagnostics.len() > 300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opens_take_their_turn_and_the_internal_open_is_not_the_clients() {
    let (mut client, server) = in_process();
    // An open sent before initialize is dropped, as the protocol says.
    client.open("file:///early.md", 1, ROLE_DOC).await;
    client.initialize(push_capabilities(), Value::Null).await;
    let symbols_of = |uri: &str| json!({ "textDocument": { "uri": uri } });
    let early = client
        .call(
            "textDocument/documentSymbol",
            symbols_of("file:///early.md"),
        )
        .await;
    assert_eq!(early, Value::Null, "the early open was dropped");
    // The notification the server uses in place of an open is refused from the client.
    let forged = client
        .request("rolelint/parkedOpen", json!({ "ticket": 0 }))
        .await;
    assert_eq!(forged["error"]["code"], -32601);
    client
        .notify("rolelint/parkedOpen", json!({ "ticket": 0 }))
        .await;
    let still_closed = client
        .call(
            "textDocument/documentSymbol",
            symbols_of("file:///early.md"),
        )
        .await;
    assert_eq!(still_closed, Value::Null);
    // An open, an edit, a close and a reopen sent without waiting are applied in that order:
    // the edit finds the document open, and the reopened text is the one that stays.
    let uri = "file:///order.md";
    client.open(uri, 1, "# Product Owner\n\n").await;
    client
        .edit(uri, 2, [[2, 0], [2, 0]], "- Own the product roadmap.\n")
        .await;
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    client.open(uri, 1, ROLE_DOC).await;
    client.open("file:///order-fresh.md", 1, ROLE_DOC).await;
    let fresh = client.diagnostics_for("file:///order-fresh.md", 1).await;
    let symbols = client
        .call("textDocument/documentSymbol", symbols_of(uri))
        .await;
    assert!(symbols.is_array(), "{symbols}");
    let hover_at =
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 8 } });
    let hover = client.call("textDocument/hover", hover_at).await;
    assert!(
        hover.to_string().contains("roadmap"),
        "the reopened text is checked: {hover}"
    );
    let reopened: Vec<Value> = client
        .notifications
        .iter()
        .rev()
        .find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
        .and_then(|n| n["params"]["diagnostics"].as_array().cloned())
        .unwrap_or_default();
    assert_eq!(normalised(&reopened), normalised(&fresh));
    client.shutdown().await;
    assert_eq!(server.await.expect("server task"), 0);
}
