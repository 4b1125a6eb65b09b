//! Throughput of the analysis core alone (no IO, no report): a 4 KB role description and a
//! 1 MB one built from the example documents. The whole-process figures against grep come
//! from scripts/bench_throughput.py.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rolelint::engine::{DocumentFormat, EngineOptions, analyze};
use rolelint::rules::RuleSet;
use std::hint::black_box;

const EXAMPLES: &[&str] = &[
    include_str!("../examples/product-owner-mixed.md"),
    include_str!("../examples/product-manager-clean.md"),
    include_str!("../examples/team-charter.md"),
];

/// Example documents repeated (each copy keeps its headings) up to `size` bytes.
fn document(size: usize) -> String {
    let mut text = String::new();
    let mut index = 0;
    while text.len() < size {
        text.push_str(EXAMPLES[index % EXAMPLES.len()]);
        text.push('\n');
        index += 1;
    }
    text
}

fn engine(criterion: &mut Criterion) {
    let rules = RuleSet::bundled();
    let options = EngineOptions::default();
    let mut group = criterion.benchmark_group("analyze");
    for size in [4 * 1024, 1024 * 1024] {
        let text = document(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |bencher, text| {
            bencher.iter(|| analyze(black_box(text), DocumentFormat::Markdown, &rules, &options))
        });
    }
    group.finish();
    criterion.bench_function("compile bundled rules", |bencher| {
        bencher.iter(RuleSet::bundled)
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
