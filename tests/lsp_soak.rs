//! A random-edit soak: 1 000 random incremental edits with multi-byte text, CRLF and combining
//! marks. After every batch, the server's diagnostics for the edited document equal those of a
//! fresh open of the text the client holds, so the server's copy of the text is the client's.

#[path = "lsp/client.rs"]
mod client;

#[path = "lsp/soak.rs"]
mod soak;

use soak::soak;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_random_edits_in_utf16() {
    soak("utf-16", 1000, 100, 0x5eed_1234_abcd_0001).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_edits_in_utf8() {
    soak("utf-8", 300, 50, 0x5eed_1234_abcd_0002).await;
}
