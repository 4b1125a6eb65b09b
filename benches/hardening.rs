//! The long forms of the hardening tests, too slow for `cargo test`: the properties with a
//! thousand times more cases, the random-edit soak with 10 000 edits, and the big inputs (a
//! 50 MB document, a 10 MB single line) with their time per megabyte, which must stay flat as
//! the input grows.
//!
//! `cargo bench --bench hardening` runs everything (minutes);
//! `cargo bench --bench hardening -- soak` runs the parts whose name contains `soak`
//! (`properties`, `positions`, `soak`, `big`). `HARDENING_CASE_FACTOR` (default 1000) scales
//! the property cases. Exits 1 when any part fails.

#[path = "../tests/lsp/client.rs"]
mod client;
#[path = "../tests/properties/mod.rs"]
mod properties;
#[path = "../tests/lsp/soak.rs"]
mod soak;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rolelint::config::{Config as LintConfig, Overrides};
use rolelint::engine::DocumentFormat;
use std::path::Path;
use std::time::Instant;

fn case_factor() -> u32 {
    std::env::var("HARDENING_CASE_FACTOR")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(1000)
}

/// Runs one property for `cases` cases; the failure (shrunk) as text.
fn run_property<S: Strategy>(
    cases: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> Result<(), String> {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, property)
        .map_err(|error| error.to_string())
}

fn engine_properties() -> Result<(), String> {
    let cases = 256 * case_factor();
    run_property(
        cases,
        (properties::document_text(), any::<bool>()),
        |(text, plain)| properties::findings_are_well_formed_and_deterministic(&text, plain),
    )?;
    println!("  findings well formed and deterministic: {cases} cases");
    run_property(cases, properties::document_text(), |text| {
        properties::safe_fixes_remove_their_findings(&text)
    })?;
    println!("  safe fixes remove their findings: {cases} cases");
    Ok(())
}

fn position_properties() -> Result<(), String> {
    let cases = 512 * case_factor();
    run_property(cases, properties::positioned_text(), |text| {
        properties::positions_round_trip(&text)
    })?;
    println!("  positions round-trip in UTF-8, UTF-16 and characters: {cases} cases");
    Ok(())
}

fn soaks() -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| error.to_string())?;
    for (encoding, seed) in [
        ("utf-16", 0x5eed_0010_0000_0001),
        ("utf-8", 0x5eed_0010_0000_0002),
    ] {
        let started = Instant::now();
        // The soak asserts; a failure is a panic, caught by the caller.
        runtime.block_on(soak::soak(encoding, 10_000, 500, seed));
        println!(
            "  10 000 random edits in {encoding}: server text equals the client's ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

const ROLE_BLOCK: &str = "# Product Owner — Payments\n\n- Own the product roadmap for the payments team.\n- Write user stories with acceptance criteria.\n- Prioritise features with the team.\n\nThe Product Manager and the Product Owner share the backlog; PM vs PO.\n\n";

/// Seconds per megabyte to check `text` (best of three runs).
fn seconds_per_megabyte(config: &LintConfig, text: &str, format: DocumentFormat) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..3 {
        let started = Instant::now();
        findings = config.check(text, format).findings.len();
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best / (text.len() as f64 / 1e6), findings)
}

fn big_inputs() -> Result<(), String> {
    let config = LintConfig::defaults(Path::new("."), &Overrides::default());
    let document = |size: usize| ROLE_BLOCK.repeat(size / ROLE_BLOCK.len() + 1);
    let sentence = "The Product Owner owns the product roadmap and writes the user stories. ";
    let line = |size: usize| sentence.repeat(size / sentence.len() + 1);
    // Context read around a clause: a list under a label, one huge list item, a role table
    // with a "Does not do" column; each clause must not reread the whole of them.
    let context = |size: usize| {
        let items = size / 35 + 1;
        let mut text = String::from("# Product Manager\n\n**You'll be measured on**\n\n");
        for item in 0..items / 3 {
            text.push_str(&format!("- Team velocity, item {item}.\n"));
        }
        text.push_str("\n- ");
        for item in 0..items / 3 {
            text.push_str(&format!("Velocity is tracked, {item}. "));
        }
        text.push_str("\n\n| Role | Does not do |\n|---|---|\n");
        for item in 0..items / 3 {
            text.push_str(&format!("| Product Manager | Owns the backlog, {item} |\n"));
        }
        text
    };
    // Markup that Markdown hands over in many small pieces on one line: each piece must not
    // reread the line up to it.
    let markup = |size: usize| "*a **b ".repeat(size / 7 + 1);
    // Clauses that say nobody owns "them": each looks back for what it speaks of, and must
    // not compare itself with every finding before it.
    let unowned = |size: usize| {
        let paragraph =
            "**Release dates.** The PM thinks the PO sets them. For now nobody owns them.\n\n";
        format!(
            "# Team charter\n\n{}",
            paragraph.repeat(size / paragraph.len() + 1)
        )
    };
    let mut failed = Vec::new();
    for (name, small, big) in [
        ("document", document(5_000_000), document(50_000_000)),
        ("single line", line(1_000_000), line(10_000_000)),
        ("lists and tables", context(1_000_000), context(10_000_000)),
        ("markup on one line", markup(200_000), markup(2_000_000)),
        ("unowned duties", unowned(500_000), unowned(5_000_000)),
    ] {
        let (small_rate, _) = seconds_per_megabyte(&config, &small, DocumentFormat::Markdown);
        let (big_rate, findings) = seconds_per_megabyte(&config, &big, DocumentFormat::Markdown);
        let ratio = big_rate / small_rate;
        println!(
            "  {name}: {:.1} MB in {:.2} s ({:.1} MB/s, {findings} findings); time per MB {:.2}x that of {:.1} MB",
            big.len() as f64 / 1e6,
            big_rate * big.len() as f64 / 1e6,
            1.0 / big_rate,
            ratio,
            small.len() as f64 / 1e6,
        );
        // Linear: the time per megabyte of ten times the input stays within twice the small one.
        if ratio > 2.0 {
            failed.push(format!("{name}: time per MB grew {ratio:.2}x"));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("; "))
    }
}

/// One part of the run: `Err` says what failed.
type Part = fn() -> Result<(), String>;

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|argument| !argument.starts_with("--"))
        .collect();
    let parts: [(&str, Part); 4] = [
        ("properties", engine_properties),
        ("positions", position_properties),
        ("soak", soaks),
        ("big", big_inputs),
    ];
    let mut failures = 0;
    for (name, part) in parts {
        if !filters.is_empty() && !filters.iter().any(|filter| name.contains(filter.as_str())) {
            continue;
        }
        println!("{name}:");
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(part)
            .unwrap_or_else(|_| Err("panicked (see the message above)".to_string()));
        match outcome {
            Ok(()) => println!("  ok ({:.1} s)", started.elapsed().as_secs_f64()),
            Err(message) => {
                failures += 1;
                println!("  FAILED: {message}");
            }
        }
    }
    std::process::exit(if failures == 0 { 0 } else { 1 });
}
