//! Every report format of `rolelint check` on the same two files, as snapshots, and the JSON
//! and SARIF reports validated against their schemas.

mod cli_support;

use cli_support::{CLEAN, PO_POST, Workspace};

/// A workspace with a file with findings, a clean file, and a stale suppression.
fn sample() -> Workspace {
    let workspace = Workspace::new();
    workspace.write("posts/po.md", PO_POST);
    workspace.write("posts/clean.md", CLEAN);
    workspace.write(
        "posts/notes.md",
        "# Notes\n\n<!-- rolelint-disable-next-line po-owns-roadmap -->\nWe meet on Tuesdays & \"Thursdays\".\n",
    );
    workspace
}

fn report(format: &str) -> String {
    let workspace = sample();
    let run = workspace.run(&["check", "posts", "--format", format]);
    assert_eq!(run.code, 1, "{run:?}");
    run.stdout
}

fn validate(schema: &serde_json::Value, instance: &serde_json::Value) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn human() {
    insta::assert_snapshot!(report("human"));
}

#[test]
fn json_matches_the_documented_schema() {
    let text = report("json");
    insta::assert_snapshot!(text);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/json-schema.json")).expect("schema is JSON");
    let instance: serde_json::Value = serde_json::from_str(&text).expect("report is JSON");
    validate(&schema, &instance);
    // The schema is strict enough to catch a broken report.
    let mut broken = instance.clone();
    let with_findings = instance["files"]
        .as_array()
        .expect("files")
        .iter()
        .position(|file| file["path"] == "posts/po.md")
        .expect("po.md reported");
    broken["files"][with_findings]["diagnostics"][0]["start"]["line"] = serde_json::json!(0);
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn json_with_errors_matches_the_schema() {
    let workspace = sample();
    workspace.write(".rolelint.toml", "[rules]\nfrobnicate = 1\n");
    workspace.write("other/bad.md", b"\xff\xfe");
    let run = workspace.run(&[
        "check",
        "posts",
        "other",
        "missing.md",
        "--format",
        "json",
        "--no-config",
    ]);
    assert_eq!(run.code, 2);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/json-schema.json")).expect("schema is JSON");
    let instance: serde_json::Value = serde_json::from_str(&run.stdout).expect("report is JSON");
    validate(&schema, &instance);
    assert_eq!(instance["errors"].as_array().expect("errors").len(), 2);
}

#[test]
fn sarif_matches_the_sarif_2_1_0_schema() {
    let text = report("sarif");
    let instance: serde_json::Value = serde_json::from_str(&text).expect("report is JSON");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0.json")).expect("schema is JSON");
    validate(&schema, &instance);
    let run = &instance["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(rules.iter().any(|rule| {
        rule["id"] == "po-owns-roadmap"
            && rule["help"]["text"]
                .as_str()
                .is_some_and(|help| !help.is_empty())
    }));
    let results = run["results"].as_array().expect("results");
    let roadmap = results
        .iter()
        .find(|result| result["ruleId"] == "po-owns-roadmap")
        .expect("roadmap result");
    assert_eq!(
        rules[roadmap["ruleIndex"].as_u64().expect("index") as usize]["id"],
        "po-owns-roadmap"
    );
    assert_eq!(
        roadmap["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "posts/po.md"
    );
    assert_eq!(
        roadmap["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    assert!(
        roadmap["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
            .as_str()
            .is_some_and(|text| text.contains("owned by the Product Manager"))
    );
    insta::assert_snapshot!(text);
}

#[test]
fn sarif_with_errors_matches_the_schema() {
    let workspace = sample();
    let run = workspace.run(&["check", "posts", "missing.md", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    let instance: serde_json::Value = serde_json::from_str(&run.stdout).expect("report is JSON");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0.json")).expect("schema is JSON");
    validate(&schema, &instance);
    assert_eq!(
        instance["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn github() {
    let text = report("github");
    assert!(
        text.lines()
            .all(|line| line.starts_with("::warning file=") || line.starts_with("::notice file="))
    );
    insta::assert_snapshot!(text);
}

#[test]
fn junit() {
    let text = report("junit");
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert!(text.trim_end().ends_with("</testsuites>"));
    insta::assert_snapshot!(text);
}

#[test]
fn gitlab() {
    let text = report("gitlab");
    let issues: serde_json::Value = serde_json::from_str(&text).expect("report is JSON");
    for issue in issues.as_array().expect("array") {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].is_u64());
    }
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .as_array()
        .expect("array")
        .iter()
        .map(|issue| issue["fingerprint"].as_str().expect("fingerprint"))
        .collect();
    assert_eq!(fingerprints.len(), issues.as_array().expect("array").len());
    insta::assert_snapshot!(text);
}

#[test]
fn no_findings_in_every_format_is_well_formed() {
    let workspace = Workspace::new();
    workspace.write("clean.md", CLEAN);
    for format in ["human", "json", "sarif", "github", "junit", "gitlab"] {
        let run = workspace.run(&["check", "clean.md", "--format", format]);
        assert_eq!(run.code, 0, "{format}: {run:?}");
        if matches!(format, "json" | "sarif" | "gitlab") {
            serde_json::from_str::<serde_json::Value>(&run.stdout)
                .unwrap_or_else(|error| panic!("{format}: {error}\n{}", run.stdout));
        }
    }
}

#[test]
fn sarif_lists_rules_of_configs_met_during_the_walk() {
    let workspace = Workspace::new();
    workspace.write("a/po.md", PO_POST);
    workspace.write("b/.rolelint.toml", "rule-folders = [\"house\"]\n");
    workspace.write(
        "b/house/po-owns-house-roadmap.toml",
        include_str!("../rules/po-owns-roadmap.toml"),
    );
    workspace.write("b/po.md", PO_POST);
    let run = workspace.run(&["check", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{run:?}");
    let instance: serde_json::Value = serde_json::from_str(&run.stdout).expect("report is JSON");
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0.json")).expect("schema is JSON");
    validate(&schema, &instance);
    let run = &instance["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    let house = results
        .iter()
        .find(|result| result["ruleId"] == "po-owns-house-roadmap")
        .expect("the house rule reports");
    let index = house["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[index]["id"], "po-owns-house-roadmap");
    for result in results {
        let index = result["ruleIndex"]
            .as_u64()
            .expect("every result has an index") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}
