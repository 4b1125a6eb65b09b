//! A guard in front of the framework's transport. The framework stops reading for good at the
//! first frame it cannot decode, which would let one bad message end the session. The guard
//! reads the client's frames itself, passes on only frames the framework can decode, answers
//! the others with the JSON-RPC error (-32700 parse error, -32600 invalid request), and merges
//! those answers into the server's output between whole frames.

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest frame accepted; a bigger Content-Length is treated as broken framing rather
/// than allocated.
const MAX_FRAME_BYTES: usize = 512 * 1024 * 1024;

/// What the framework decodes: a response from the client, or a request or notification.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)]
enum Message {
    Response(Response),
    Request(Request),
}

/// One frame read from a stream.
enum Frame {
    Body(Vec<u8>),
    /// A header block without a usable Content-Length.
    BadHeader,
    End,
}

async fn read_frame<R: AsyncBufRead + Unpin>(reader: &mut R) -> Frame {
    let mut length: Option<usize> = None;
    let mut broken = false;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return Frame::End,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header {
                // Stray blank lines between frames.
                continue;
            }
            break;
        }
        saw_header = true;
        // A frame whose Content-Length was wrong leaves bytes before the next header on the
        // same line: pick the header up where it starts.
        let line = line
            .to_ascii_lowercase()
            .find("content-length")
            .map_or(line, |start| &line[start..]);
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            match value.trim().parse::<usize>() {
                Ok(parsed) if parsed <= MAX_FRAME_BYTES => length = Some(parsed),
                _ => broken = true,
            }
        }
    }
    match length {
        Some(length) if !broken => {
            let mut body = vec![0; length];
            match reader.read_exact(&mut body).await {
                Ok(_) => Frame::Body(body),
                Err(_) => Frame::End,
            }
        }
        _ => Frame::BadHeader,
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

fn error_frame(id: Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
    frame(body.to_string().as_bytes())
}

/// Checks one body; the error answer to send instead when the framework could not decode it.
fn vet(body: &[u8]) -> Result<(), Option<Vec<u8>>> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Err(Some(error_frame(Value::Null, -32700, "Parse error")));
    };
    // The framework passes requests named `$/…` over without an answer; they get one here.
    if let (Some(Value::String(method)), Some(id @ (Value::Number(_) | Value::String(_)))) =
        (value.get("method"), value.get("id"))
        && method.starts_with("$/")
    {
        return Err(Some(error_frame(id.clone(), -32601, "Method not found")));
    }
    let shaped = match value.get("method") {
        Some(method) => method.is_string(),
        None => value.get("result").is_some() || value.get("error").is_some(),
    };
    // Read from the parsed tree in place: a copy of it would double the cost of a big didOpen.
    if shaped && Message::deserialize(&value).is_ok() {
        return Ok(());
    }
    // Valid JSON but not a message: answer requests that carry a usable id; a notification
    // gets no answer, anything else an answer with a null id.
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let usable_id = matches!(id, Value::Number(_) | Value::String(_));
    let is_notification = value.get("method").is_some() && value.get("id").is_none();
    if is_notification {
        return Err(None);
    }
    Err(Some(error_frame(
        if usable_id { id } else { Value::Null },
        -32600,
        "Invalid request",
    )))
}

/// Copies the client's frames to the server, answering the bad ones itself.
async fn guard_input<I, W>(input: I, mut to_server: W, answers: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    loop {
        match read_frame(&mut reader).await {
            Frame::End => break,
            Frame::BadHeader => {
                eprintln!("rolelint server: skipped a message without a valid Content-Length");
                let _ = answers.send(error_frame(Value::Null, -32700, "Parse error: bad header"));
            }
            Frame::Body(body) => match vet(&body) {
                Ok(()) => {
                    if to_server.write_all(&frame(&body)).await.is_err() {
                        break;
                    }
                    if to_server.flush().await.is_err() {
                        break;
                    }
                }
                Err(answer) => {
                    eprintln!("rolelint server: answered a message that is not valid JSON-RPC");
                    if let Some(answer) = answer {
                        let _ = answers.send(answer);
                    }
                }
            },
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copies the server's frames to the client, with the guard's answers between them.
async fn merge_output<R, O>(
    from_server: R,
    output: O,
    mut answers: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    R: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    // Frames are read whole on their own task, so that waiting for either source never drops
    // half a frame.
    let (frames, mut server_frames) = mpsc::channel::<Vec<u8>>(64);
    let reader_task = tokio::spawn(async move {
        let mut reader = BufReader::with_capacity(64 * 1024, from_server);
        loop {
            match read_frame(&mut reader).await {
                Frame::Body(body) => {
                    if frames.send(frame_bytes(body)).await.is_err() {
                        break;
                    }
                }
                Frame::BadHeader => continue,
                Frame::End => break,
            }
        }
    });
    let mut output = std::pin::pin!(output);
    loop {
        let next = tokio::select! {
            biased;
            frame = server_frames.recv() => frame,
            Some(answer) = answers.recv() => Some(answer),
        };
        let Some(bytes) = next else { break };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            reader_task.abort();
            return;
        }
    }
    while let Ok(answer) = answers.try_recv() {
        if output.write_all(&answer).await.is_err() {
            return;
        }
    }
    let _ = output.flush().await;
}

fn frame_bytes(body: Vec<u8>) -> Vec<u8> {
    frame(&body)
}

/// Runs `serve` (the framework's transport on the given streams) behind the guard. `serve`
/// also gets a sender for frames of its own, merged into the output like the guard's answers.
pub(crate) async fn guarded<I, O, F, Fut>(input: I, output: O, serve: F) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
    F: FnOnce(
        tokio::io::DuplexStream,
        tokio::io::DuplexStream,
        mpsc::UnboundedSender<Vec<u8>>,
    ) -> Fut,
    Fut: std::future::Future<Output = i32>,
{
    let (client_to_guard, server_input) = tokio::io::duplex(256 * 1024);
    let (server_output, guard_from_server) = tokio::io::duplex(256 * 1024);
    let (answers, answer_queue) = mpsc::unbounded_channel();
    let outbound = answers.clone();
    let input_task = tokio::spawn(guard_input(input, client_to_guard, answers));
    let merge = merge_output(guard_from_server, output, answer_queue);
    let (code, ()) = tokio::join!(
        async {
            let code = serve(server_input, server_output, outbound).await;
            // The server has ended: stop reading the client, so the output can finish.
            input_task.abort();
            code
        },
        merge
    );
    code
}
