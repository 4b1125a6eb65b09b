//! The built `rolelint server` under abuse over stdio: every protocol mistake a client can make
//! gets the JSON-RPC / LSP error it calls for, and none of them ends the session or changes
//! what the server holds. The heavy forms (a 20 MB open, 10 000 random edits) run in
//! `benches/hardening.rs`; here they run reduced.

#[path = "lsp/client.rs"]
mod client;

use client::*;
use serde_json::{Value, json};
use std::process::Stdio;
use tokio::process::Child;

fn spawn_server() -> (TestClient, Child) {
    let mut child = start_binary(&["server"], Stdio::null());
    (client_of(&mut child), child)
}

async fn exit_code(child: &mut Child) -> Option<i32> {
    tokio::time::timeout(PATIENCE, child.wait())
        .await
        .expect("the server exits")
        .expect("status")
        .code()
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn hover_params(uri: &str) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } })
}

/// The next error answer with a null id (what a message without a usable id gets).
async fn null_id_error(client: &mut TestClient) -> i64 {
    let answer = client
        .next_matching(|message| message.get("error").is_some() && message["id"].is_null())
        .await
        .expect("an error answer");
    answer["error"]["code"].as_i64().expect("code")
}

const ROLE_DOC: &str =
    "# Product Owner — Café 😀\n\n- Own the product roadmap.\n- Write user stories.\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_protocol_mistake_gets_its_error_code() {
    let (mut client, mut child) = spawn_server();
    // Before `initialize`: -32002 (server not initialized).
    let early = client
        .request("textDocument/hover", hover_params("file:///a.md"))
        .await;
    assert_eq!(early["error"]["code"], -32002, "{early}");
    client.initialize(push_capabilities(), Value::Null).await;
    // A second `initialize` is an invalid request.
    let again = client
        .request("initialize", json!({ "capabilities": {} }))
        .await;
    assert_eq!(again["error"]["code"], -32600, "{again}");

    // Malformed JSON: -32700, with a null id.
    for body in [&b"{\"jsonrpc\":\"2.0\",\"id\":1,"[..], b"\xff\xfe", b"{]"] {
        client.send_raw_bytes(&framed(body)).await;
        assert_eq!(null_id_error(&mut client).await, -32700);
    }
    // A JSON scalar or array is no request: -32600 with a null id.
    for body in [&b"42"[..], b"\"hello\"", b"null", b"[]", b"true"] {
        client.send_raw_bytes(&framed(body)).await;
        assert_eq!(null_id_error(&mut client).await, -32600, "{body:?}");
    }
    // Unknown methods: -32601; unknown notifications are ignored.
    let unknown = client.request("rolelint/noSuchThing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    client
        .notify("rolelint/noSuchNotification", json!({}))
        .await;
    client.notify("$/noSuchNotification", json!([1, 2])).await;
    // Parameters of the wrong types: -32602.
    for params in [
        json!({ "textDocument": "not an object" }),
        json!({ "textDocument": { "uri": 42 }, "position": { "line": 0, "character": 0 } }),
        json!({ "textDocument": { "uri": "file:///a.md" }, "position": { "line": -1, "character": "x" } }),
        json!([1, 2, 3]),
    ] {
        let answer = client.request("textDocument/hover", params.clone()).await;
        assert_eq!(answer["error"]["code"], -32602, "{params} -> {answer}");
    }
    // A notification with wrong parameters has no answer and changes nothing.
    client
        .notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": 7, "text": [] } }),
        )
        .await;
    client
        .notify(
            "textDocument/didChange",
            json!({ "contentChanges": "all of it" }),
        )
        .await;
    // `$/cancelRequest` without an id, with a wrong id, for nothing pending: ignored.
    client.notify("$/cancelRequest", json!({})).await;
    client.notify("$/cancelRequest", Value::Null).await;
    client
        .notify("$/cancelRequest", json!({ "id": { "nested": true } }))
        .await;
    client
        .notify("$/cancelRequest", json!({ "id": 987_654 }))
        .await;

    // A lone surrogate cannot be text: the message is malformed JSON, the document not opened.
    client
        .send_raw_bytes(&framed(
            br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///s.md","languageId":"markdown","version":1,"text":"a\ud800b"}}}"#,
        ))
        .await;
    assert_eq!(null_id_error(&mut client).await, -32700);
    // NUL and other control characters are text like any other.
    let controls = "file:///controls.md";
    client
        .open(
            controls,
            1,
            &format!("{ROLE_DOC}Team\0notes \u{1}\u{7f}.\n\0"),
        )
        .await;
    let diagnostics = client.diagnostics_for(controls, 1).await;
    assert!(
        diagnostics.iter().any(|d| d["code"] == "po-owns-roadmap"),
        "{diagnostics:?}"
    );

    // After all of that the session works as before.
    let uri = "file:///role.md";
    client.open(uri, 1, ROLE_DOC).await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    assert!(
        diagnostics.iter().any(|d| d["code"] == "po-owns-roadmap"),
        "{diagnostics:?}"
    );
    // After `shutdown`: -32600 for any request, then `exit` ends with 0.
    let shutdown = client.request("shutdown", Value::Null).await;
    assert_eq!(shutdown["result"], Value::Null, "{shutdown}");
    let late = client
        .request("textDocument/hover", hover_params(uri))
        .await;
    assert_eq!(late["error"]["code"], -32600, "{late}");
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_code(&mut child).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_content_lengths_do_not_end_the_session() {
    let (mut client, mut child) = spawn_server();
    client.initialize(push_capabilities(), Value::Null).await;
    let hover = |id: i64| {
        serde_json::to_vec(&json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": hover_params("file:///none.md") }))
            .expect("json")
    };
    // Too short: the body is cut (a parse error), its tail is skipped up to the next header.
    let body = hover(100);
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() - 10).into_bytes();
    bytes.extend_from_slice(&body);
    client.send_raw_bytes(&bytes).await;
    assert_eq!(null_id_error(&mut client).await, -32700);
    // No usable length (missing, negative, not a number, absurdly large): skipped.
    for header in [
        "Content-Type: application/json\r\n\r\n",
        "Content-Length: -5\r\n\r\n",
        "Content-Length: abc\r\n\r\n",
        "Content-Length: 99999999999999999999\r\n\r\n",
    ] {
        client.send_raw_bytes(header.as_bytes()).await;
        assert_eq!(null_id_error(&mut client).await, -32700, "{header:?}");
    }
    let answer = client
        .request("textDocument/hover", hover_params("file:///none.md"))
        .await;
    assert_eq!(answer["result"], Value::Null, "{answer}");
    // Too long: the body swallows the start of the next frame. Both are lost, and the
    // frames after them are read again.
    let body = hover(200);
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() + 20).into_bytes();
    bytes.extend_from_slice(&body);
    bytes.extend_from_slice(&framed(&hover(201)));
    client.send_raw_bytes(&bytes).await;
    let answer = client
        .request("textDocument/hover", hover_params("file:///none.md"))
        .await;
    assert_eq!(answer["result"], Value::Null, "{answer}");
    client.shutdown().await;
    assert_eq!(exit_code(&mut child).await, Some(0));
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound.max(1) as u64) as usize
    }
}

/// The UTF-16 position of a byte offset (no lone `\r` in these texts).
fn utf16_position(text: &str, offset: usize) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    json!({
        "line": text[..offset].matches('\n').count(),
        "character": text[line_start..offset].encode_utf16().count(),
    })
}

fn codes_and_ranges(diagnostics: &[Value]) -> Vec<String> {
    let mut list: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{} {} {}", d["code"], d["range"], d["message"]))
        .collect();
    list.sort();
    list
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_changes_sent_without_waiting_ends_in_the_clients_text() {
    let (mut client, mut child) = spawn_server();
    client.initialize(push_capabilities(), Value::Null).await;
    let uri = "file:///flood.md";
    let mut text = ROLE_DOC.to_string();
    client.open(uri, 1, &text).await;
    let pieces = [
        "a",
        "é",
        "😀",
        " ",
        "\n",
        "- Own the product roadmap.\n",
        "角",
    ];
    let mut random = Random(0x0f10_0d5e_ed00_0001);
    let mut version = 1;
    for change in 1..=5000 {
        let mut start = text.floor_char_boundary(random.below(text.len() + 1));
        let mut end = text.floor_char_boundary((start + random.below(3)).min(text.len()));
        let mut inserted = pieces[random.below(pieces.len())];
        if change == 5000 {
            // The last change gives the text a title and a duty, so there is something to compare.
            (start, end) = (0, 0);
            inserted = "# Product Owner\n\n- Own the product roadmap.\n\n";
        }
        let range =
            json!({ "start": utf16_position(&text, start), "end": utf16_position(&text, end) });
        text.replace_range(start..end, inserted);
        version += 1;
        client.change(uri, version, range, inserted).await;
    }
    let flooded = client.diagnostics_for(uri, version).await;
    client.open("file:///fresh.md", 1, &text).await;
    let fresh = client.diagnostics_for("file:///fresh.md", 1).await;
    assert!(!fresh.is_empty(), "the final text has findings to compare");
    assert_eq!(codes_and_ranges(&flooded), codes_and_ranges(&fresh));
    client.shutdown().await;
    assert_eq!(exit_code(&mut child).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_open_does_not_stop_the_server() {
    // 2 MB here; 20 MB in the benchmark.
    let (mut client, mut child) = spawn_server();
    client.initialize(push_capabilities(), Value::Null).await;
    let paragraph = "The Product Owner owns the product roadmap and writes user stories. ";
    let mut big = String::from("# Product Owner\n\n");
    while big.len() < 2_000_000 {
        big.push_str(paragraph);
        big.push_str("\n\n- Own the product backlog 😀.\n\n");
    }
    let uri = "file:///huge.md";
    client.open(uri, 1, &big).await;
    // Requests are answered while the big text is checked.
    let answer = client
        .request("textDocument/hover", hover_params("file:///none.md"))
        .await;
    assert_eq!(answer["result"], Value::Null, "{answer}");
    let diagnostics = client.diagnostics_for(uri, 1).await;
    assert!(!diagnostics.is_empty());
    client.shutdown().await;
    assert_eq!(exit_code(&mut child).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_codes_follow_the_shutdown() {
    // `exit` without `shutdown`: 1, as the protocol says.
    let (mut client, mut child) = spawn_server();
    client.initialize(push_capabilities(), Value::Null).await;
    client.open("file:///a.md", 1, ROLE_DOC).await;
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_code(&mut child).await, Some(1));
    // `exit` before `initialize`: 1 as well.
    let (client, mut child) = spawn_server();
    client.notify("exit", Value::Null).await;
    assert_eq!(exit_code(&mut child).await, Some(1));
    // `shutdown` then `exit`: 0.
    let (mut client, mut child) = spawn_server();
    client.initialize(push_capabilities(), Value::Null).await;
    client.shutdown().await;
    assert_eq!(exit_code(&mut child).await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lone_carriage_return_is_a_line_break_both_ways() {
    // The protocol counts `\n`, `\r\n` and a lone `\r` as line breaks, in positions the
    // client sends and in those the server sends back.
    let (mut client, mut child) = spawn_server();
    client.initialize(push_capabilities(), Value::Null).await;
    let uri = "file:///cr.md";
    client
        .open(uri, 1, "# Product Owner 😀\r\r- Write user stories.\r\n")
        .await;
    client.diagnostics_for(uri, 1).await;
    client
        .edit(uri, 2, [[2, 2], [2, 20]], "Own the product roadmap")
        .await;
    let diagnostics = client.diagnostics_for(uri, 2).await;
    let roadmap = diagnostics
        .iter()
        .find(|d| d["code"] == "po-owns-roadmap")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert_eq!(
        roadmap["range"],
        json!({ "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 25 } })
    );
    client.shutdown().await;
    assert_eq!(exit_code(&mut child).await, Some(0));
}
