//! docs/rules/ is generated from the rule files; this test fails when it is stale and
//! rewrites it when run with UPDATE_RULE_DOCS=1.

use rolelint::rules::{RuleSet, docs};
use std::fs;
use std::path::Path;

#[test]
fn rule_docs_are_current() {
    let rules = RuleSet::bundled();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut expected: Vec<(String, String)> = rules
        .rules
        .iter()
        .map(|rule| (format!("{}.md", rule.id), docs::render(rule)))
        .collect();
    expected.push(("README.md".to_string(), docs::render_index(&rules)));
    if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
        fs::create_dir_all(&folder).expect("docs/rules can be created");
        for entry in fs::read_dir(&folder).expect("docs/rules is readable") {
            let path = entry.expect("readable entry").path();
            if path.extension().is_some_and(|extension| extension == "md") {
                fs::remove_file(path).expect("stale page can be removed");
            }
        }
        for (name, text) in &expected {
            fs::write(folder.join(name), text).expect("docs/rules is writable");
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        match fs::read_to_string(folder.join(name)) {
            Ok(committed) if &committed == text => {}
            Ok(_) => stale.push(format!("{name} differs")),
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    let known: Vec<&str> = expected.iter().map(|(name, _)| name.as_str()).collect();
    for entry in fs::read_dir(&folder).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !known.contains(&name.as_str()) {
            stale.push(format!("{name} has no rule file"));
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is stale ({}); run `{}`",
        stale.join(", "),
        docs::REGENERATE
    );
}
