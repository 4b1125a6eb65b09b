//! The random-edit soak shared by `tests/lsp_soak.rs` (1 000 edits) and
//! `benches/hardening.rs` (10 000): random incremental edits with multi-byte text, CRLF and
//! combining marks; after every batch the server's diagnostics for the edited document equal
//! those of a fresh open of the text the client holds.

#![allow(dead_code)]

use super::client::*;
use serde_json::{Value, json};

const SEED_TEXT: &str = "# Product Owner — Checkout\r\n\r\n- Own the product roadmap for “Café” 😀 teams.\n- Own the product backlog.\n- Schedule releases.\n\n## Team charter\n\nBoth the Product Manager and the Product Owner prioritise the backlog. naïve e\u{301} 角色\n";

const PIECES: &[&str] = &[
    "a",
    " ",
    "é",
    "角",
    "😀",
    "\u{301}",
    "\n",
    "\r\n",
    "PM",
    "Product Owner",
    "Product Manager",
    "\t",
    "👩\u{200d}💼",
    "—",
    "\u{a0}",
    "“",
    "”",
    " own the roadmap",
    " backlog",
    "\n- Own the product roadmap.\n",
    "\r\n- Schedule releases 😀.\r\n",
    "\n# Product Owner\n\n",
];

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

/// The LSP position of a byte offset, lines split at `\n` (CRLF keeps its `\r` on the line).
fn position(text: &str, offset: usize, encoding: &str) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let line = text[..offset].matches('\n').count();
    let before = &text[line_start..offset];
    let character = if encoding == "utf-8" {
        before.len()
    } else {
        before.encode_utf16().count()
    };
    json!({ "line": line, "character": character })
}

/// A character boundary that is not between a CR and its LF.
fn boundary(text: &str, mut offset: usize) -> usize {
    offset = text.floor_char_boundary(offset.min(text.len()));
    if offset > 0 && text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
        offset -= 1;
    }
    offset
}

fn normalised(diagnostics: &[Value]) -> Vec<String> {
    let mut list: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            json!([
                d["range"],
                d["code"],
                d["severity"],
                d["message"],
                d["relatedInformation"]
            ])
            .to_string()
        })
        .collect();
    list.sort();
    list
}

/// Sends `edits` random edits in `encoding` (`utf-8` or `utf-16`) and after every `batch`
/// compares the server's diagnostics with those of a fresh open of the client's text.
pub async fn soak(encoding: &str, edits: usize, batch: usize, seed: u64) {
    let (mut client, _server) = in_process();
    let mut capabilities = push_capabilities();
    if encoding == "utf-8" {
        capabilities["general"] = json!({ "positionEncodings": ["utf-8"] });
    }
    client.initialize(capabilities, Value::Null).await;
    let uri = "file:///soak.md";
    let mut text = SEED_TEXT.to_string();
    client.open(uri, 1, &text).await;
    let mut random = Random(seed);
    let mut version = 1;
    let mut fresh_count = 0;
    let mut batches_with_findings = 0;
    for edit in 1..=edits {
        let start = boundary(&text, random.below(text.len() + 1));
        let end = boundary(&text, start + random.below(6)).max(start);
        let mut inserted = String::new();
        for _ in 0..random.below(4) {
            inserted.push_str(PIECES[random.below(PIECES.len())]);
        }
        let range = json!({ "start": position(&text, start, encoding), "end": position(&text, end, encoding) });
        text.replace_range(start..end, &inserted);
        version += 1;
        client.change(uri, version, range, &inserted).await;
        if edit % batch == 0 {
            let edited = client.diagnostics_for(uri, version).await;
            fresh_count += 1;
            let fresh_uri = format!("file:///fresh-{fresh_count}.md");
            client.open(&fresh_uri, 1, &text).await;
            let mut fresh = client.diagnostics_for(&fresh_uri, 1).await;
            for diagnostic in &mut fresh {
                if let Some(related) = diagnostic["relatedInformation"].as_array_mut() {
                    for item in related {
                        item["location"]["uri"] = json!(uri);
                    }
                }
            }
            assert_eq!(
                normalised(&edited),
                normalised(&fresh),
                "after {edit} edits ({encoding}, seed {seed}) the text is {text:?}"
            );
            if !edited.is_empty() {
                batches_with_findings += 1;
            }
            client
                .notify(
                    "textDocument/didClose",
                    json!({ "textDocument": { "uri": fresh_uri } }),
                )
                .await;
        }
    }
    assert!(
        batches_with_findings * 2 >= edits / batch,
        "most batches must have findings to compare ({batches_with_findings})"
    );
}
