//! The language server (`rolelint server`): a thin shell around the engine over stdio, built
//! on `tower-lsp-server`. See docs/server.md for what it offers and how it keeps order.

mod configuration;
mod convert;
mod documents;
mod features;
mod server;
mod settings;
mod transport;

use server::Backend;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tower_lsp_server::{LspService, Server};

/// How many requests and notifications the framework runs at once. Requests that wait for a
/// check (symbols, code lens, pulled diagnostics) must not hold up hovers while a big document
/// is being checked.
const CONCURRENCY: usize = 32;

/// Serves the protocol on the given streams until `exit` or the end of the input. Returns the
/// process exit code the protocol asks for: 0 after a `shutdown` request, 1 otherwise.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    transport::guarded(
        input,
        transport::AsyncWriteSink::new(output),
        serve_unguarded,
    )
    .await
}

/// The framework's own transport, which must only ever see decodable frames; `outbound` takes
/// frames the server writes to the output itself, `parked` the opens the guard parsed.
async fn serve_unguarded<I, O>(
    input: I,
    output: O,
    outbound: mpsc::UnboundedSender<transport::OutgoingFrame>,
    parked: transport::ParkedOpens,
) -> i32
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&shutdown_requested);
    let (service, socket) =
        LspService::build(move |client| Backend::new(client, outbound, flag, parked))
            .custom_method(transport::PARKED_OPEN_METHOD, Backend::parked_open)
            .finish();
    Server::new(input, output, socket)
        .concurrency_level(CONCURRENCY)
        .serve(service)
        .await;
    if shutdown_requested.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}

/// How many checks run at once: one per core and two more, so a huge document being checked
/// does not hold up the others. More threads would not check faster, and each one costs
/// memory (its stack and its allocator caches): opening 100 documents at once used to start
/// 100 threads.
fn check_threads() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from) + 2
}

/// The pipe buffer asked for on stdin and stdout.
#[cfg(target_os = "linux")]
const PIPE_BYTES: usize = 1 << 20;

/// Widens the pipes to the editor, when they are pipes. The diagnostics of a big document are
/// megabytes; through the default 64 KiB pipe the server and the editor trade them in small
/// pieces, one context switch each, which took longer than serialising them. Best effort: a
/// refusal (not a pipe, or over the system's limit) leaves the pipe as it is.
#[cfg(target_os = "linux")]
fn widen_pipes() {
    let _ = rustix::pipe::fcntl_setpipe_size(std::io::stdin(), PIPE_BYTES);
    let _ = rustix::pipe::fcntl_setpipe_size(std::io::stdout(), PIPE_BYTES);
}

#[cfg(not(target_os = "linux"))]
fn widen_pipes() {}

/// Runs the language server on stdin/stdout and returns the process exit code.
pub fn run_stdio() -> i32 {
    widen_pipes();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(check_threads())
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("rolelint server: cannot start the async runtime: {error}");
            return crate::cli::EXIT_ERROR;
        }
    };
    let stdout = match transport::StdoutThread::start() {
        Ok(stdout) => stdout,
        Err(error) => {
            eprintln!("rolelint server: cannot start the output thread: {error}");
            return crate::cli::EXIT_ERROR;
        }
    };
    let code = runtime.block_on(transport::guarded(
        tokio::io::stdin(),
        stdout,
        serve_unguarded,
    ));
    // A check of a huge document may still be running on a blocking thread: do not wait.
    runtime.shutdown_timeout(Duration::from_millis(50));
    code
}
