//! A long document is read in chunks on several threads; what it finds must not depend on
//! how many threads there are.

use rolelint::engine::{Analysis, DocumentFormat, EngineOptions, analyze};
use rolelint::rules::RuleSet;
use std::path::Path;

/// Every other hand-written corpus document, joined into one document of a little over
/// `max_bytes`. The long one (4 MB) is long enough for many chunks on each thread, and
/// bounded as the corpus grows (the whole corpus five times over took almost four minutes in
/// a debug build).
fn joined_documents(max_bytes: usize) -> String {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/docs");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("tests/corpus/docs is readable")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    paths.sort();
    let mut text = String::new();
    for path in paths.iter().step_by(2) {
        if text.len() > max_bytes {
            break;
        }
        text.push_str(&std::fs::read_to_string(path).expect("corpus document"));
        text.push_str("\n\n");
    }
    text
}

fn analyze_with_threads(threads: usize, text: &str, rules: &RuleSet) -> Analysis {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(|| {
            analyze(
                text,
                DocumentFormat::Markdown,
                rules,
                &EngineOptions::default(),
            )
        })
}

#[test]
fn a_long_document_reads_the_same_on_one_thread_and_on_several() {
    let text = joined_documents(4 * 1024 * 1024);
    assert!(
        text.len() > 512 * 1024,
        "the corpus must be long enough to be split: {} bytes",
        text.len()
    );
    reads_the_same_on_one_thread_and_on_several(&text, 100);
}

/// A document of some tens of kilobytes is split too: an editor re-reads it on every edit.
#[test]
fn a_mid_sized_document_reads_the_same_on_one_thread_and_on_several() {
    let text = joined_documents(100 * 1024);
    assert!(
        (100 * 1024..128 * 1024).contains(&text.len()),
        "a mid-sized document: {} bytes",
        text.len()
    );
    reads_the_same_on_one_thread_and_on_several(&text, 5);
}

fn reads_the_same_on_one_thread_and_on_several(text: &str, least_findings: usize) {
    let rules = RuleSet::bundled();
    let alone = analyze_with_threads(1, text, &rules);
    let shared = analyze_with_threads(3, text, &rules);
    assert!(
        alone.findings.len() > least_findings,
        "the document finds too little to compare: {}",
        alone.findings.len()
    );
    assert_eq!(
        format!("{:?}", alone.findings),
        format!("{:?}", shared.findings)
    );
    assert_eq!(
        format!("{:?}", alone.claims),
        format!("{:?}", shared.claims)
    );
    assert_eq!(
        format!("{:?}", alone.sections),
        format!("{:?}", shared.sections)
    );
}
