//! The built `rolelint server` binary over stdio: the whole lifecycle end to end.

#[path = "lsp/client.rs"]
mod client;

use client::*;
use serde_json::{Value, json};
use std::process::Stdio;
use tokio::io::AsyncReadExt;
use tokio::process::Child;

fn spawn_server(arguments: &[&str]) -> (TestClient, Child) {
    let mut child = start_binary(arguments, Stdio::piped());
    (client_of(&mut child), child)
}

async fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut text).await;
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lifecycle_over_stdio_ends_with_exit_code_zero() {
    let (mut client, mut child) = spawn_server(&["server", "--stdio"]);
    client.initialize(push_capabilities(), Value::Null).await;
    let uri = "file:///stdio.md";
    client
        .open(uri, 1, "# Product Owner\n\n- Own the product roadmap.\n")
        .await;
    let diagnostics = client.diagnostics_for(uri, 1).await;
    assert!(
        diagnostics.iter().any(|d| d["code"] == "po-owns-roadmap"),
        "{diagnostics:?}"
    );
    let hover = client
        .call(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 4 } }),
        )
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.contains("po-owns-roadmap"))
    );
    client.shutdown().await;
    let status = tokio::time::timeout(PATIENCE, child.wait())
        .await
        .expect("the server exits")
        .expect("status");
    assert_eq!(status.code(), Some(0));
    let stderr = stderr_of(&mut child).await;
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Every byte on stdout was a protocol frame: the client parsed each one, and it saw the
    // log line on window/logMessage while the same line went to stderr.
    assert!(stderr.contains("rolelint server: ready"), "{stderr}");
    assert!(
        client
            .notifications
            .iter()
            .any(|n| n["method"] == "window/logMessage")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_ends_with_exit_code_one() {
    let (mut client, mut child) = spawn_server(&["server"]);
    client.initialize(push_capabilities(), Value::Null).await;
    client.notify("exit", Value::Null).await;
    let status = tokio::time::timeout(PATIENCE, child.wait())
        .await
        .expect("the server exits")
        .expect("status");
    assert_eq!(status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_ends_when_the_client_goes_away() {
    let (mut client, mut child) = spawn_server(&["server"]);
    client.initialize(push_capabilities(), Value::Null).await;
    drop(client);
    let status = tokio::time::timeout(PATIENCE, child.wait())
        .await
        .expect("the server exits on end of input")
        .expect("status");
    assert_eq!(status.code(), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_frames_get_a_parse_error_and_the_server_goes_on() {
    let (mut client, mut child) = spawn_server(&["server"]);
    client.initialize(push_capabilities(), Value::Null).await;
    client
        .send_raw_bytes(b"Content-Length: 9\r\n\r\n{not json")
        .await;
    let error = client
        .next_matching(|m| m.get("error").is_some() && m["id"].is_null())
        .await
        .expect("an error reply");
    assert_eq!(error["error"]["code"], -32700);
    // Valid JSON that is no message: invalid request, answered with its id when it has one.
    client
        .send_raw_bytes(b"Content-Length: 25\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":11}")
        .await;
    let invalid = client
        .next_matching(|m| m["id"] == 11)
        .await
        .expect("an invalid request reply");
    assert_eq!(invalid["error"]["code"], -32600);
    // A header without a usable length is skipped, and the next frame is read again.
    client.send_raw_bytes(b"Content-Length: abc\r\n\r\n").await;
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///none.md" }, "position": { "line": 0, "character": 0 } }),
        )
        .await;
    assert_eq!(hover["result"], Value::Null, "{hover}");
    client.shutdown().await;
    let status = tokio::time::timeout(PATIENCE, child.wait())
        .await
        .expect("the server exits")
        .expect("status");
    assert_eq!(status.code(), Some(0));
}

/// The server widens both pipes to the editor, so the megabytes of diagnostics of a big
/// document do not cross 64 KiB at a time.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_widens_its_pipes_to_the_editor() {
    use std::os::fd::AsFd;
    let mut child = start_binary(&["server"], Stdio::null());
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let input_pipe = stdin.as_fd().try_clone_to_owned().expect("dup stdin");
    let output_pipe = stdout.as_fd().try_clone_to_owned().expect("dup stdout");
    let mut client = TestClient::over(stdout, stdin);
    // Once it has answered `initialize`, the server has set up its pipes.
    client.initialize(push_capabilities(), Value::Null).await;
    let limit: usize = std::fs::read_to_string("/proc/sys/fs/pipe-max-size")
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(1 << 20);
    let wanted = limit.min(1 << 20);
    let (fresh, _) = rustix::pipe::pipe().expect("a pipe");
    let default_size = rustix::pipe::fcntl_getpipe_size(&fresh).expect("pipe size");
    assert!(default_size < wanted, "a new pipe is {default_size} bytes");
    for pipe in [&input_pipe, &output_pipe] {
        assert_eq!(
            rustix::pipe::fcntl_getpipe_size(pipe).expect("pipe size"),
            wanted
        );
    }
    client.shutdown().await;
    let _ = tokio::time::timeout(PATIENCE, child.wait()).await;
}

/// A team charter section with a double claim, multi-byte characters and CRLF line endings.
const BIG_SECTION: &str = "## Product Owner\r\n\r\n- Own the product roadmap “now” 😀 é.\r\n- Schedule releases.\r\n\r\n## Product Manager\r\n\r\n- Own the product roadmap.\r\n- Own the product backlog “today”.\r\n\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_big_documents_diagnostics_arrive_whole_over_stdio() {
    // Enough findings for the publish frame to be serialised and written in several parts.
    let text = format!("# Team charter\r\n\r\n{}", BIG_SECTION.repeat(1500));
    let uri = "file:///big-stdio.md";
    let (mut client, mut child) = spawn_server(&["server"]);
    client
        .initialize(utf16_capabilities_with_related(), Value::Null)
        .await;
    client.open(uri, 1, &text).await;
    let over_stdio = client.diagnostics_for(uri, 1).await;
    let (mut in_process, _server) = in_process();
    in_process
        .initialize(utf16_capabilities_with_related(), Value::Null)
        .await;
    in_process.open(uri, 1, &text).await;
    let expected = in_process.diagnostics_for(uri, 1).await;
    assert!(expected.len() > 4096, "{} diagnostics", expected.len());
    assert_eq!(over_stdio, expected);
    // The last diagnostic's range is on the last section: positions survived the parts.
    let last_line = over_stdio
        .iter()
        .filter_map(|d| d["range"]["end"]["line"].as_u64())
        .max();
    assert_eq!(last_line, Some(text.matches("\r\n").count() as u64 - 2));
    client.shutdown().await;
    let status = tokio::time::timeout(PATIENCE, child.wait())
        .await
        .expect("the server exits")
        .expect("status");
    assert_eq!(status.code(), Some(0));
}

fn utf16_capabilities_with_related() -> Value {
    json!({ "textDocument": { "publishDiagnostics": { "versionSupport": true, "relatedInformation": true } } })
}
