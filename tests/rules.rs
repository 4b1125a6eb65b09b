//! Every rule file's examples run as tests: flagged text must produce the rule's finding on
//! the expected span (and the first fix must give the expected text), clean text must not.

use rolelint::engine::{DocumentFormat, EngineOptions, analyze, apply_edits};
use rolelint::rules::{RuleSet, bundled};

#[test]
fn every_bundled_rule_file_loads() {
    let (set, errors) = RuleSet::compile(&bundled::sources(), &Default::default());
    assert!(
        errors.is_empty(),
        "broken bundled rules:\n{}",
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(set.rules.len(), bundled::sources().len());
}

#[test]
fn every_rule_example_behaves_as_documented() {
    let rules = RuleSet::bundled();
    let options = EngineOptions::default();
    let mut failures = Vec::new();
    for rule in &rules.rules {
        for (index, example) in rule.examples.iter().enumerate() {
            let label = format!("{} example {}", rule.id, index + 1);
            if let Some(text) = &example.flagged {
                let analysis = analyze(text, DocumentFormat::Markdown, &rules, &options);
                let hits: Vec<_> = analysis
                    .findings
                    .iter()
                    .filter(|finding| finding.rule == rule.id)
                    .collect();
                let Some(finding) = hits.first() else {
                    let found: Vec<String> = analysis
                        .findings
                        .iter()
                        .map(|f| format!("{} on {:?}", f.rule, &text[f.range.clone()]))
                        .collect();
                    failures.push(format!("{label}: not flagged (found instead: {found:?})"));
                    continue;
                };
                let flagged_text = &text[finding.range.clone()];
                if let Some(span) = &example.span
                    && flagged_text != span
                {
                    failures.push(format!(
                        "{label}: flagged {flagged_text:?}, expected {span:?}"
                    ));
                }
                if let Some(fixed) = &example.fixed {
                    match finding
                        .suggestions
                        .iter()
                        .find(|suggestion| !suggestion.edits.is_empty())
                    {
                        None => failures.push(format!(
                            "{label}: expects a fix but the finding has no edits"
                        )),
                        Some(suggestion) => {
                            let (result, _) = apply_edits(text, &suggestion.edits);
                            if &result != fixed {
                                failures.push(format!(
                                    "{label}: fix gives\n{result}\nexpected\n{fixed}"
                                ));
                            }
                        }
                    }
                }
            }
            if let Some(text) = &example.clean {
                let analysis = analyze(text, DocumentFormat::Markdown, &rules, &options);
                for finding in analysis
                    .findings
                    .iter()
                    .filter(|finding| finding.rule == rule.id)
                {
                    failures.push(format!(
                        "{label}: clean text flagged on {:?}",
                        &text[finding.range.clone()]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule example failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
