//! A minimal LSP client for tests: drives a server over any byte streams (in process over
//! tokio duplex pipes, or a child process's stdio), answers the server's own requests, and
//! collects what it sends.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::mpsc;

/// Starts the built `rolelint` binary with `arguments`, its stdin and stdout piped and its
/// stderr as given.
pub fn start_binary(arguments: &[&str], stderr: std::process::Stdio) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_rolelint"))
        .args(arguments)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(stderr)
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts")
}

/// A client over the stdio of a server that [`start_binary`] started.
pub fn client_of(child: &mut tokio::process::Child) -> TestClient {
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    TestClient::over(stdout, stdin)
}

/// How long a test waits for any one answer before failing.
pub const PATIENCE: Duration = Duration::from_secs(60);

type Writer = Arc<tokio::sync::Mutex<Box<dyn AsyncWrite + Send + Unpin>>>;

/// Writes one framed message.
pub async fn write_message(writer: &Writer, message: &Value) {
    let body = serde_json::to_vec(message).expect("serialisable");
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    let mut writer = writer.lock().await;
    // The server may be gone (tests of `exit`): a failed write is not the test's failure.
    let _ = writer.write_all(&frame).await;
    let _ = writer.flush().await;
}

/// Reads one framed message; None at the end of the stream.
pub async fn read_message<R: AsyncBufRead + Unpin>(reader: &mut R) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

/// What the client remembers of the server's requests, and how it answers them.
#[derive(Default)]
pub struct ServerRequests {
    /// `workspace/applyEdit` parameters, in order.
    pub applied_edits: Vec<Value>,
    /// Every request the server sent the client.
    pub received: Vec<Value>,
    /// The answer to `workspace/configuration` for the `rolelint` section.
    pub settings: Value,
}

fn answer(request: &Value, requests: &Mutex<ServerRequests>) -> Value {
    let mut requests = requests.lock().expect("not poisoned");
    requests.received.push(request.clone());
    let result = match request["method"].as_str().unwrap_or_default() {
        "workspace/configuration" => {
            let items = request["params"]["items"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            Value::Array(items.iter().map(|_| requests.settings.clone()).collect())
        }
        "workspace/applyEdit" => {
            requests.applied_edits.push(request["params"].clone());
            json!({ "applied": true })
        }
        _ => Value::Null,
    };
    json!({ "jsonrpc": "2.0", "id": request["id"], "result": result })
}

/// The test's side of one server.
pub struct TestClient {
    writer: Writer,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages read while waiting for something else.
    backlog: VecDeque<Value>,
    next_id: i64,
    pub requests: Arc<Mutex<ServerRequests>>,
    /// The result of `initialize`.
    pub initialize_result: Value,
    /// Every notification the server sent, in order.
    pub notifications: Vec<Value>,
}

/// Starts an in-process server over duplex pipes; returns the client and the server task.
pub fn in_process() -> (TestClient, tokio::task::JoinHandle<i32>) {
    let (client_side, server_side) = tokio::io::duplex(1 << 16);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(rolelint::lsp::serve(server_read, server_write));
    let (client_read, client_write) = tokio::io::split(client_side);
    (TestClient::over(client_read, client_write), server)
}

impl TestClient {
    /// A client over the given streams (the server's output and input).
    pub fn over<R, W>(from_server: R, to_server: W) -> TestClient
    where
        R: AsyncRead + Send + Unpin + 'static,
        W: AsyncWrite + Send + Unpin + 'static,
    {
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(Box::new(to_server)));
        let requests = Arc::new(Mutex::new(ServerRequests::default()));
        let (sender, incoming) = mpsc::unbounded_channel();
        // The answering task must not keep the server's input open: once the client is
        // dropped, the server sees the end of its input, whether or not it writes again.
        let answer_writer = Arc::downgrade(&writer);
        let answer_requests = Arc::clone(&requests);
        tokio::spawn(async move {
            let mut reader = BufReader::new(from_server);
            while let Some(message) = read_message(&mut reader).await {
                if message.get("method").is_some() && message.get("id").is_some() {
                    let reply = answer(&message, &answer_requests);
                    if let Some(writer) = answer_writer.upgrade() {
                        write_message(&writer, &reply).await;
                    }
                }
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        TestClient {
            writer,
            incoming,
            backlog: VecDeque::new(),
            next_id: 1,
            requests,
            initialize_result: Value::Null,
            notifications: Vec::new(),
        }
    }

    /// Sends `initialize` with these capabilities and options, then `initialized`.
    pub async fn initialize(&mut self, capabilities: Value, initialization_options: Value) {
        let response = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "capabilities": capabilities,
                    "initializationOptions": initialization_options,
                }),
            )
            .await;
        assert!(
            response.get("error").is_none(),
            "initialize failed: {response}"
        );
        self.initialize_result = response["result"].clone();
        self.notify("initialized", json!({})).await;
    }

    /// Sends `initialize` with the whole parameters given, then `initialized`.
    pub async fn initialize_with(&mut self, params: Value) {
        let response = self.request("initialize", params).await;
        assert!(
            response.get("error").is_none(),
            "initialize failed: {response}"
        );
        self.initialize_result = response["result"].clone();
        self.notify("initialized", json!({})).await;
    }

    /// Sends bytes as they are, framing included.
    pub async fn send_raw_bytes(&self, bytes: &[u8]) {
        let mut writer = self.writer.lock().await;
        let _ = writer.write_all(bytes).await;
        let _ = writer.flush().await;
    }

    pub async fn notify(&self, method: &str, params: Value) {
        write_message(
            &self.writer,
            &json!({ "jsonrpc": "2.0", "method": method, "params": params }),
        )
        .await;
    }

    /// Sends a request without waiting; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        write_message(
            &self.writer,
            &json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }),
        )
        .await;
        id
    }

    /// Sends a request and returns the whole response message.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// Sends a request and returns its result, failing the test on an error.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Waits for the response to request `id`.
    pub async fn response(&mut self, id: i64) -> Value {
        self.next_matching(|message| message.get("method").is_none() && message["id"] == json!(id))
            .await
            .unwrap_or_else(|| panic!("no response to request {id}"))
    }

    /// The next message that matches, keeping the others for later; None if the server is gone.
    pub async fn next_matching(&mut self, wanted: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(index) = self.backlog.iter().position(&wanted) {
            return self.backlog.remove(index);
        }
        loop {
            let message = tokio::time::timeout(PATIENCE, self.incoming.recv())
                .await
                .expect("the server answered in time")?;
            if message.get("method").is_some() && message.get("id").is_none() {
                self.notifications.push(message.clone());
            }
            if wanted(&message) {
                return Some(message);
            }
            self.backlog.push_back(message);
        }
    }

    /// Waits for diagnostics of `uri` published for `version` (or a later one).
    pub async fn diagnostics_for(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self
            .next_matching(|message| {
                message["method"] == "textDocument/publishDiagnostics"
                    && message["params"]["uri"] == uri
                    && message["params"]["version"]
                        .as_i64()
                        .is_some_and(|v| v >= version)
            })
            .await
            .expect("diagnostics were published");
        assert_eq!(
            message["params"]["version"].as_i64(),
            Some(version),
            "diagnostics carry the version they were computed for"
        );
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub async fn open(&self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": version, "text": text } }),
        )
        .await;
    }

    /// Replaces a range (line/character pairs in the negotiated encoding).
    pub async fn edit(&self, uri: &str, version: i64, range: [[u32; 2]; 2], text: &str) {
        self.change(uri, version, lsp_range(range), text).await;
    }

    /// Replaces a range given as a JSON `Range`.
    pub async fn change(&self, uri: &str, version: i64, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": range, "text": text }],
            }),
        )
        .await;
    }

    /// Shuts the server down cleanly.
    pub async fn shutdown(&mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null).await;
    }
}

/// A JSON range from `[[line, character], [line, character]]`.
pub fn lsp_range(range: [[u32; 2]; 2]) -> Value {
    json!({
        "start": { "line": range[0][0], "character": range[0][1] },
        "end": { "line": range[1][0], "character": range[1][1] },
    })
}

/// Client capabilities for the common case: pushed diagnostics, versioned edits off.
pub fn push_capabilities() -> Value {
    json!({
        "textDocument": { "publishDiagnostics": {
            "relatedInformation": true,
            "versionSupport": true,
            "codeDescriptionSupport": true,
        } },
    })
}

/// The text of a range given in an encoding ("utf-8" or "utf-16").
pub fn slice<'a>(text: &'a str, range: &Value, encoding: &str) -> &'a str {
    let start = offset_of(text, &range["start"], encoding);
    let end = offset_of(text, &range["end"], encoding);
    &text[start..end]
}

/// The byte offset of an LSP position, counting lines at `\n`.
pub fn offset_of(text: &str, position: &Value, encoding: &str) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let mut line_start = 0;
    for _ in 0..line {
        line_start = text[line_start..]
            .find('\n')
            .map_or(text.len(), |newline| line_start + newline + 1);
    }
    let mut units = 0;
    for (index, character_here) in text[line_start..].char_indices() {
        let rest = &text[line_start + index..];
        if units >= character || rest.starts_with('\n') || rest.starts_with("\r\n") {
            return line_start + index;
        }
        units += if encoding == "utf-8" {
            character_here.len_utf8()
        } else {
            character_here.len_utf16()
        };
    }
    text.len()
}

/// Applies LSP text edits (JSON) to a text, from the last to the first.
pub fn apply_text_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            (
                offset_of(text, &edit["range"]["start"], encoding),
                offset_of(text, &edit["range"]["end"], encoding),
                edit["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|span| std::cmp::Reverse(span.0));
    let mut result = text.to_string();
    for (start, end, replacement) in spans {
        result.replace_range(start..end, &replacement);
    }
    result
}

/// The text edits of a workspace edit for one document, whichever form it takes.
pub fn edits_for(workspace_edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(changes) = workspace_edit["changes"][uri].as_array() {
        return changes.clone();
    }
    workspace_edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|change| change["textDocument"]["uri"] == uri)
        .flat_map(|change| change["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}
