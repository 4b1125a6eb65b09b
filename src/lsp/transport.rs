//! A guard in front of the framework's transport. The framework stops reading for good at the
//! first frame it cannot decode, which would let one bad message end the session. The guard
//! reads the client's frames itself, passes on only frames the framework can decode, answers
//! the others with the JSON-RPC error (-32700 parse error, -32600 invalid request), and merges
//! those answers into the server's output between whole frames.
//!
//! The guard also spares a `didOpen` the framework's two extra passes over its text (a second
//! JSON parse into a tree, then a conversion of the tree): it parses the notification once,
//! straight into its typed parameters, parks them in `ParkedOpens` and passes the framework
//! a small `rolelint/parkedOpen` notification with a ticket in its place. That notification
//! travels the same pipe, so the open still takes its turn in the client's order.

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::{DidOpenTextDocumentParams, TextDocumentItem, Uri};

/// A frame for the client's output, in pieces written one after the other with nothing
/// between them: a big frame serialised in parts is never copied into one buffer.
#[derive(Debug, Default)]
pub(crate) struct OutgoingFrame {
    pieces: Vec<Vec<u8>>,
}

impl OutgoingFrame {
    /// A frame from its pieces, header first.
    pub(crate) fn from_pieces(pieces: Vec<Vec<u8>>) -> OutgoingFrame {
        OutgoingFrame { pieces }
    }

    /// How many pieces the frame is written in.
    #[cfg(test)]
    pub(crate) fn piece_count(&self) -> usize {
        self.pieces.len()
    }

    /// The frame's bytes in one buffer.
    #[cfg(test)]
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        self.pieces.concat()
    }
}

impl From<Vec<u8>> for OutgoingFrame {
    fn from(whole: Vec<u8>) -> OutgoingFrame {
        OutgoingFrame {
            pieces: vec![whole],
        }
    }
}

/// The notification the guard sends the framework in place of a parked `didOpen`. Only the
/// guard may send it: a client message with this method is refused.
pub(crate) const PARKED_OPEN_METHOD: &str = "rolelint/parkedOpen";

/// The parameters of `rolelint/parkedOpen`.
#[derive(Debug, Deserialize, serde::Serialize)]
pub(crate) struct ParkedOpenTicket {
    pub(crate) ticket: u64,
}

/// `didOpen` parameters parsed by the guard, waiting for their ticket to reach the server.
#[derive(Clone, Default)]
pub(crate) struct ParkedOpens {
    waiting: Arc<Mutex<BTreeMap<u64, DidOpenTextDocumentParams>>>,
    next_ticket: Arc<AtomicU64>,
}

impl ParkedOpens {
    /// Parks one open and returns its ticket.
    fn park(&self, open: DidOpenTextDocumentParams) -> u64 {
        let ticket = self.next_ticket.fetch_add(1, Ordering::Relaxed);
        self.waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(ticket, open);
        ticket
    }

    /// Takes the open a ticket stands for. Tickets reach the server in the order they were
    /// given, so opens parked before this one whose tickets never arrived (the framework drops
    /// notifications sent before `initialize`) are dropped with it.
    pub(crate) fn take(&self, ticket: u64) -> Option<DidOpenTextDocumentParams> {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        let open = waiting.remove(&ticket);
        let later = waiting.split_off(&ticket);
        *waiting = later;
        open
    }

    /// How many opens are parked.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// The only JSON-RPC version there is.
#[derive(Deserialize)]
enum JsonRpcVersion {
    #[serde(rename = "2.0")]
    V2,
}

/// The method of a message that may be parked; any other method fails the parse at once.
#[derive(Deserialize)]
enum ParkableMethod {
    #[serde(rename = "textDocument/didOpen")]
    DidOpen,
}

/// A `didOpen` notification exactly as the framework would accept it, with the text left as
/// it is in the frame.
#[derive(Deserialize)]
struct DidOpenNotification<'a> {
    #[allow(dead_code)]
    jsonrpc: JsonRpcVersion,
    #[allow(dead_code)]
    method: ParkableMethod,
    #[serde(borrow)]
    params: RawDidOpenParams<'a>,
    /// A `didOpen` with an id is a broken request, left to the usual path.
    #[serde(default)]
    id: Option<serde::de::IgnoredAny>,
}

/// `DidOpenTextDocumentParams` with the text not decoded yet.
#[derive(Deserialize)]
struct RawDidOpenParams<'a> {
    #[serde(rename = "textDocument", borrow)]
    text_document: RawTextDocumentItem<'a>,
}

/// `TextDocumentItem` with the text not decoded yet.
#[derive(Deserialize)]
struct RawTextDocumentItem<'a> {
    uri: Uri,
    #[serde(rename = "languageId")]
    language_id: String,
    version: i32,
    /// The JSON string as it is in the frame: serde_json checks it without copying it, and
    /// `decode_json_string` decodes it once into a buffer of the right size. serde_json
    /// itself would decode it into a growing scratch buffer and copy it again from there,
    /// which for a big document costs twice as long.
    #[serde(borrow)]
    text: &'a RawValue,
}

/// The `didOpen` parameters of a body that is a valid `didOpen` notification.
fn parse_did_open(body: &[u8]) -> Option<DidOpenTextDocumentParams> {
    let notification: DidOpenNotification = serde_json::from_slice(body).ok()?;
    if notification.id.is_some() {
        return None;
    }
    let item = notification.params.text_document;
    Some(DidOpenTextDocumentParams {
        text_document: TextDocumentItem {
            uri: item.uri,
            language_id: item.language_id,
            version: item.version,
            text: decode_json_string(item.text.get())?,
        },
    })
}

/// Decodes a JSON string literal that serde_json has checked for its shape: quotes around
/// it, no control characters, escapes of the known kinds with four hex digits after `\u`.
/// None for anything else and for a `\u` escape that is no character (a lone surrogate),
/// which serde_json refuses too.
fn decode_json_string(literal: &str) -> Option<String> {
    let mut rest = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut text = String::with_capacity(rest.len());
    while let Some(backslash) = rest.find('\\') {
        text.push_str(&rest[..backslash]);
        let escape = *rest.as_bytes().get(backslash + 1)?;
        if !b"\"\\/bfnrtu".contains(&escape) {
            return None;
        }
        // Every known escape character is ASCII, so this is a character boundary.
        rest = &rest[backslash + 2..];
        let character = match escape {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = hex_unit(rest)?;
                rest = &rest[4..];
                match unit {
                    0xD800..=0xDBFF => {
                        let low = rest.strip_prefix("\\u").and_then(hex_unit)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        rest = &rest[6..];
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    _ => char::from_u32(unit)?,
                }
            }
            _ => return None,
        };
        text.push(character);
    }
    text.push_str(rest);
    Some(text)
}

/// The UTF-16 code unit of the four hex digits that start `text`.
fn hex_unit(text: &str) -> Option<u32> {
    let digits = text.get(..4)?;
    if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// The notification that stands for a parked open.
fn ticket_body(ticket: u64) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "jsonrpc": "2.0",
        "method": PARKED_OPEN_METHOD,
        "params": ParkedOpenTicket { ticket },
    }))
    .unwrap_or_default()
}

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
    // The guard's own notification is not the client's to send: it is unknown to the client.
    if let (Some(Value::String(method)), Some(id @ (Value::Number(_) | Value::String(_)))) =
        (value.get("method"), value.get("id"))
        && (method.starts_with("$/") || method == PARKED_OPEN_METHOD)
    {
        return Err(Some(error_frame(id.clone(), -32601, "Method not found")));
    }
    if value.get("method").and_then(Value::as_str) == Some(PARKED_OPEN_METHOD) {
        return Err(None);
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

/// Copies the client's frames to the server, answering the bad ones itself and parking opens.
async fn guard_input<I, W>(
    input: I,
    mut to_server: W,
    answers: mpsc::UnboundedSender<OutgoingFrame>,
    parked: ParkedOpens,
) where
    I: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    loop {
        match read_frame(&mut reader).await {
            Frame::End => break,
            Frame::BadHeader => {
                eprintln!("rolelint server: skipped a message without a valid Content-Length");
                let _ = answers
                    .send(error_frame(Value::Null, -32700, "Parse error: bad header").into());
            }
            Frame::Body(body) => match parse_did_open(&body) {
                Some(open) => {
                    drop(body);
                    let ticket = parked.park(open);
                    if to_server
                        .write_all(&frame(&ticket_body(ticket)))
                        .await
                        .is_err()
                        || to_server.flush().await.is_err()
                    {
                        break;
                    }
                }
                None => match vet(&body) {
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
                            let _ = answers.send(answer.into());
                        }
                    }
                },
            },
        }
    }
    let _ = to_server.shutdown().await;
}

/// Where the merged output goes, one whole frame at a time.
pub(crate) trait FrameSink {
    /// Writes one frame (or queues it to be written in order); an error means the client is
    /// gone.
    async fn send(&mut self, frame: OutgoingFrame) -> std::io::Result<()>;
    /// Returns once every frame sent so far has been written out.
    async fn flush(&mut self) -> std::io::Result<()>;
}

/// A sink over any async stream (the in-process pipes of the tests).
pub(crate) struct AsyncWriteSink<O> {
    output: std::pin::Pin<Box<O>>,
}

impl<O: AsyncWrite> AsyncWriteSink<O> {
    pub(crate) fn new(output: O) -> AsyncWriteSink<O> {
        AsyncWriteSink {
            output: Box::pin(output),
        }
    }
}

impl<O: AsyncWrite> FrameSink for AsyncWriteSink<O> {
    async fn send(&mut self, frame: OutgoingFrame) -> std::io::Result<()> {
        for piece in &frame.pieces {
            self.output.write_all(piece).await?;
        }
        self.output.flush().await
    }

    async fn flush(&mut self) -> std::io::Result<()> {
        self.output.flush().await
    }
}

/// What the stdout thread is asked to do.
enum StdoutJob {
    Frame(OutgoingFrame),
    Flush(tokio::sync::oneshot::Sender<std::io::Result<()>>),
}

/// The process's stdout, written by a thread of its own. A frame goes out straight from the
/// buffers it was serialised into: tokio's stdout would copy it, 2 MiB at a time, and hand
/// each copy to a blocking thread, which made writing a big document's diagnostics cost
/// twice what the pipe does.
pub(crate) struct StdoutThread {
    jobs: std::sync::mpsc::Sender<StdoutJob>,
}

impl StdoutThread {
    /// Starts the thread.
    pub(crate) fn start() -> std::io::Result<StdoutThread> {
        let (jobs, queue) = std::sync::mpsc::channel::<StdoutJob>();
        std::thread::Builder::new()
            .name("rolelint-stdout".to_string())
            .spawn(move || {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                // After a failed write the client is gone: later frames are dropped, and a
                // flush reports the failure.
                let mut failure: Option<std::io::ErrorKind> = None;
                for job in queue {
                    match job {
                        StdoutJob::Frame(frame) if failure.is_none() => {
                            let written = frame
                                .pieces
                                .iter()
                                .try_for_each(|piece| stdout.write_all(piece))
                                .and_then(|()| stdout.flush());
                            failure = written.err().map(|error| error.kind());
                        }
                        StdoutJob::Frame(_) => {}
                        StdoutJob::Flush(done) => {
                            let _ = done.send(match failure {
                                Some(kind) => Err(kind.into()),
                                None => stdout.flush(),
                            });
                        }
                    }
                }
            })?;
        Ok(StdoutThread { jobs })
    }

    fn queue(&self, job: StdoutJob) -> std::io::Result<()> {
        self.jobs
            .send(job)
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

impl FrameSink for StdoutThread {
    async fn send(&mut self, frame: OutgoingFrame) -> std::io::Result<()> {
        self.queue(StdoutJob::Frame(frame))
    }

    async fn flush(&mut self) -> std::io::Result<()> {
        let (done, written) = tokio::sync::oneshot::channel();
        self.queue(StdoutJob::Flush(done))?;
        written
            .await
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?
    }
}

/// Copies the server's frames to the client, with the guard's answers between them.
async fn merge_output<R, S>(
    from_server: R,
    mut sink: S,
    mut answers: mpsc::UnboundedReceiver<OutgoingFrame>,
) where
    R: AsyncRead + Unpin + Send + 'static,
    S: FrameSink,
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
    loop {
        let next = tokio::select! {
            biased;
            frame = server_frames.recv() => frame.map(OutgoingFrame::from),
            Some(answer) = answers.recv() => Some(answer),
        };
        let Some(frame) = next else { break };
        if sink.send(frame).await.is_err() {
            reader_task.abort();
            return;
        }
    }
    while let Ok(answer) = answers.try_recv() {
        if sink.send(answer).await.is_err() {
            return;
        }
    }
    let _ = sink.flush().await;
}

fn frame_bytes(body: Vec<u8>) -> Vec<u8> {
    frame(&body)
}

/// Runs `serve` (the framework's transport on the given streams) behind the guard. `serve`
/// also gets a sender for frames of its own, merged into the output like the guard's answers.
pub(crate) async fn guarded<I, S, F, Fut>(input: I, output: S, serve: F) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    S: FrameSink,
    F: FnOnce(
        tokio::io::DuplexStream,
        tokio::io::DuplexStream,
        mpsc::UnboundedSender<OutgoingFrame>,
        ParkedOpens,
    ) -> Fut,
    Fut: std::future::Future<Output = i32>,
{
    let (client_to_guard, server_input) = tokio::io::duplex(256 * 1024);
    let (server_output, guard_from_server) = tokio::io::duplex(256 * 1024);
    let (answers, answer_queue) = mpsc::unbounded_channel();
    let outbound = answers.clone();
    let parked = ParkedOpens::default();
    let input_task = tokio::spawn(guard_input(input, client_to_guard, answers, parked.clone()));
    let merge = merge_output(guard_from_server, output, answer_queue);
    let (code, ()) = tokio::join!(
        async {
            let code = serve(server_input, server_output, outbound, parked).await;
            // The server has ended: stop reading the client, so the output can finish.
            input_task.abort();
            code
        },
        merge
    );
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn did_open_body(extra: &str) -> Vec<u8> {
        format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen",{extra}"params":{{"textDocument":{{"uri":"file:///a.md","languageId":"markdown","version":3,"text":"é “x” 😀\r\nPO\n"}}}}}}"#
        )
        .into_bytes()
    }

    #[test]
    fn a_did_open_notification_is_parsed_into_its_parameters() {
        let open = parse_did_open(&did_open_body("")).expect("a valid didOpen");
        assert_eq!(open.text_document.uri.as_str(), "file:///a.md");
        assert_eq!(open.text_document.version, 3);
        assert_eq!(open.text_document.text, "é “x” 😀\r\nPO\n");
        // The fields may come in any order.
        let reordered = br#"{"params":{"textDocument":{"text":"t","version":1,"languageId":"markdown","uri":"file:///b.md"}},"method":"textDocument/didOpen","jsonrpc":"2.0"}"#;
        assert_eq!(
            parse_did_open(reordered).map(|open| open.text_document.text),
            Some("t".to_string())
        );
    }

    #[test]
    fn anything_but_a_valid_did_open_notification_is_left_to_the_framework() {
        // A request (it has an id), another method, another version, broken parameters and
        // broken JSON all take the usual path, which answers them as before.
        assert!(parse_did_open(&did_open_body(r#""id":7,"#)).is_none());
        let other = String::from_utf8(did_open_body(""))
            .unwrap()
            .replace("didOpen", "didChange");
        assert!(parse_did_open(other.as_bytes()).is_none());
        let old = String::from_utf8(did_open_body(""))
            .unwrap()
            .replace("2.0", "1.0");
        assert!(parse_did_open(old.as_bytes()).is_none());
        let no_text = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":1}}}"#;
        assert!(parse_did_open(no_text).is_none());
        let body = did_open_body("");
        assert!(parse_did_open(&body[..body.len() - 1]).is_none());
    }

    #[test]
    fn a_ticket_body_is_what_the_framework_decodes() {
        let body = ticket_body(41);
        assert_eq!(vet_framework_shape(&body), Ok(()));
        let value: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(value["method"], PARKED_OPEN_METHOD);
        assert_eq!(value["params"]["ticket"], 41);
        assert!(value.get("id").is_none());
    }

    /// Whether the framework would decode a body (the check `vet` makes, without the refusal
    /// of the guard's own method).
    fn vet_framework_shape(body: &[u8]) -> Result<(), ()> {
        let value: Value = serde_json::from_slice(body).map_err(|_| ())?;
        Message::deserialize(&value).map(|_| ()).map_err(|_| ())
    }

    #[test]
    fn clients_cannot_send_the_guards_own_notification() {
        let notification =
            br#"{"jsonrpc":"2.0","method":"rolelint/parkedOpen","params":{"ticket":0}}"#;
        assert_eq!(vet(notification), Err(None));
        let request =
            br#"{"jsonrpc":"2.0","id":5,"method":"rolelint/parkedOpen","params":{"ticket":0}}"#;
        let answer = vet(request).expect_err("refused").expect("answered");
        let answer = String::from_utf8(answer).unwrap();
        assert!(
            answer.contains("-32601") && answer.contains(r#""id":5"#),
            "{answer}"
        );
    }

    #[test]
    fn taking_a_ticket_drops_the_opens_parked_before_it() {
        let parked = ParkedOpens::default();
        let open = || parse_did_open(&did_open_body("")).unwrap();
        let first = parked.park(open());
        let second = parked.park(open());
        let third = parked.park(open());
        assert_eq!(parked.len(), 3);
        assert!(parked.take(second).is_some());
        // The first ticket never reached the server: its open went with the second.
        assert_eq!(parked.len(), 1);
        assert!(parked.take(first).is_none());
        assert!(parked.take(third).is_some());
        assert!(parked.take(third).is_none());
        assert_eq!(parked.len(), 0);
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The decoder reads every string literal serde_json accepts as serde_json does,
        /// including escapes of every kind, surrogate pairs and lone surrogates.
        #[test]
        fn the_text_decoder_agrees_with_serde_json(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-z é“”😀\u{a0}\u{2028}]{0,6}",
                    proptest::sample::select(vec![
                        "\\n", "\\r\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f",
                        "\\u00e9", "\\u201C", "\\ud83d\\ude00", "\\ud83d", "\\ude00",
                        "\\ud83d\\u0041", "\\u0000", "\\x", "\\", "\\u12", "\\uZZZZ",
                    ]).prop_map(str::to_string),
                ],
                0..12,
            ),
        ) {
            let literal = format!("\"{}\"", pieces.concat());
            // Only what passed serde_json's check of the frame reaches the decoder.
            if serde_json::from_str::<&RawValue>(&literal).is_ok() {
                let expected = serde_json::from_str::<String>(&literal).ok();
                proptest::prop_assert_eq!(decode_json_string(&literal), expected, "{}", literal);
            }
        }
    }

    #[test]
    fn broken_escapes_are_refused_without_a_panic() {
        for literal in [
            "\"\\é\"",
            "\"\\",
            "\"a\\\"",
            "\"\\u12\"",
            "\"\\u+123\"",
            "\"\\ud800\\u\"",
            "\"\\ud800\\uZZZZ\"",
            "\"\\ud800\\n\"",
            "no quotes",
            "\"",
        ] {
            assert_eq!(decode_json_string(literal), None, "{literal}");
        }
    }

    #[test]
    fn a_text_that_is_not_a_string_is_left_to_the_framework() {
        let number = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":1,"text":42}}}"#;
        assert!(parse_did_open(number).is_none());
        let lone = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.md","languageId":"markdown","version":1,"text":"\ud800"}}}"#;
        assert!(parse_did_open(lone).is_none());
    }
}
