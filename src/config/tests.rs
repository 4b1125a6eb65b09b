use super::*;

const PO_ROADMAP: &str = "# Product Owner\n\n- Own the product roadmap for the payments team.\n";

fn parse(text: &str) -> Result<Config, ConfigError> {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join(CONFIG_FILE_NAME);
    std::fs::write(&path, text).expect("write config");
    Config::load(&path, &Overrides::default())
}

fn rules_of(result: &CheckResult) -> Vec<(String, Severity)> {
    result
        .findings
        .iter()
        .map(|finding| (finding.rule.to_string(), finding.severity))
        .collect()
}

#[test]
fn unknown_keys_are_errors_with_line_and_column() {
    let error =
        parse("fail-on = \"error\"\n[rules]\nfrobnicate = true\n").expect_err("unknown key");
    assert_eq!((error.line, error.column), (3, 1));
    assert!(error.message.contains("frobnicate"), "{}", error.message);
    assert!(error.path.ends_with(CONFIG_FILE_NAME));
}

#[test]
fn wrong_types_are_errors_with_line_and_column() {
    let error = parse("exclude = \"drafts\"\n").expect_err("wrong type");
    assert_eq!(error.line, 1);
    assert_eq!(error.column, 11);
    let error = parse("\nfail-on = \"loud\"\n").expect_err("bad severity");
    assert_eq!(error.line, 2);
    assert!(error.message.contains("loud"), "{}", error.message);
}

#[test]
fn unknown_rule_ids_are_errors() {
    let error = parse("[rules]\ndisable = [\"po-owns-everything\"]\n").expect_err("unknown id");
    assert_eq!((error.line, error.column), (2, 12));
    assert!(error.message.contains("po-owns-everything"));
    let error = parse("[rules.severity]\nno-such-rule = \"error\"\n").expect_err("unknown id");
    assert_eq!(error.line, 2);
}

#[test]
fn the_starter_config_loads_and_equals_the_defaults() {
    let config = parse(STARTER_CONFIG).expect("starter config loads");
    assert_eq!(config.fail_on, Severity::Warning);
    assert!(config.rule_errors.is_empty());
    let defaults = Config::defaults(Path::new("."), &Overrides::default());
    assert_eq!(
        config.check(PO_ROADMAP, DocumentFormat::Markdown),
        defaults.check(PO_ROADMAP, DocumentFormat::Markdown)
    );
}

#[test]
fn rules_are_disabled_by_id_and_by_class_and_an_id_wins() {
    let defaults = Config::defaults(Path::new("."), &Overrides::default());
    let all = defaults.check(PO_ROADMAP, DocumentFormat::Markdown);
    assert!(
        rules_of(&all)
            .iter()
            .any(|(rule, _)| rule == "po-owns-roadmap")
    );

    let by_id = parse("[rules]\ndisable = [\"po-owns-roadmap\"]\n").expect("config");
    let result = by_id.check(PO_ROADMAP, DocumentFormat::Markdown);
    assert!(
        !rules_of(&result)
            .iter()
            .any(|(rule, _)| rule == "po-owns-roadmap")
    );

    let by_class = parse("[rules]\ndisable = [\"cross-role\"]\n").expect("config");
    let result = by_class.check(PO_ROADMAP, DocumentFormat::Markdown);
    assert!(
        result
            .findings
            .iter()
            .all(|finding| finding.class != FindingClass::CrossRole)
    );

    let id_wins = parse("[rules]\nenable = [\"po-owns-roadmap\"]\ndisable = [\"cross-role\"]\n")
        .expect("config");
    let result = id_wins.check(PO_ROADMAP, DocumentFormat::Markdown);
    assert_eq!(
        rules_of(&result),
        [("po-owns-roadmap".to_string(), Severity::Warning)]
    );
}

#[test]
fn severity_overrides_by_id_beat_by_class() {
    let config = parse("[rules.severity]\ncross-role = \"info\"\npo-owns-roadmap = \"error\"\n")
        .expect("config");
    let result = config.check(PO_ROADMAP, DocumentFormat::Markdown);
    assert!(rules_of(&result).contains(&("po-owns-roadmap".to_string(), Severity::Error)));
    for finding in &result.findings {
        if finding.class == FindingClass::CrossRole && &*finding.rule != "po-owns-roadmap" {
            assert_eq!(finding.severity, Severity::Info);
        }
    }
}

#[test]
fn role_aliases_name_the_roles() {
    let text = "# Delivery Owner\n\n- Own the product roadmap for the payments team.\n";
    let defaults = Config::defaults(Path::new("."), &Overrides::default());
    let before = defaults.check(text, DocumentFormat::Markdown);
    assert!(
        !rules_of(&before)
            .iter()
            .any(|(rule, _)| rule == "po-owns-roadmap")
    );
    let config = parse("[roles]\nproduct-owner = [\"Delivery Owner\"]\n").expect("config");
    let after = config.check(text, DocumentFormat::Markdown);
    assert!(
        rules_of(&after)
            .iter()
            .any(|(rule, _)| rule == "po-owns-roadmap")
    );
}

#[test]
fn combined_roles_reach_the_engine() {
    let config = parse("[roles]\ncombined = true\n").expect("config");
    assert!(config.options.combined_roles);
}

#[test]
fn fail_on_is_read_and_overridden() {
    let config = parse("fail-on = \"error\"\n").expect("config");
    assert_eq!(config.fail_on, Severity::Error);
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join(CONFIG_FILE_NAME);
    std::fs::write(&path, "fail-on = \"error\"\n").expect("write");
    let overrides = Overrides {
        fail_on: Some(Severity::Info),
        ..Overrides::default()
    };
    assert_eq!(
        Config::load(&path, &overrides).expect("config").fail_on,
        Severity::Info
    );
}

#[test]
fn rule_folders_load_and_a_broken_rule_does_not_stop_the_others() {
    let folder = tempfile::tempdir().expect("temp dir");
    let rules = folder.path().join("house-rules");
    std::fs::create_dir(&rules).expect("mkdir");
    std::fs::write(rules.join("broken-rule.toml"), "summary = \n").expect("write");
    let path = folder.path().join(CONFIG_FILE_NAME);
    std::fs::write(&path, "rule-folders = [\"house-rules\"]\n").expect("write");
    let config = Config::load(&path, &Overrides::default()).expect("config");
    assert_eq!(config.rule_errors.len(), 1);
    assert!(config.rule_errors[0].path.ends_with("broken-rule.toml"));
    assert!(config.rules.get("po-owns-roadmap").is_some());
    let result = config.check(PO_ROADMAP, DocumentFormat::Markdown);
    assert!(
        rules_of(&result)
            .iter()
            .any(|(rule, _)| rule == "po-owns-roadmap")
    );
}

#[test]
fn rule_folders_outside_the_config_folder_are_refused() {
    let outer = tempfile::tempdir().expect("temp dir");
    let inner = outer.path().join("repo");
    std::fs::create_dir(&inner).expect("mkdir");
    std::fs::create_dir(outer.path().join("elsewhere")).expect("mkdir");
    let path = inner.join(CONFIG_FILE_NAME);
    std::fs::write(&path, "rule-folders = [\"../elsewhere\"]\n").expect("write");
    let error = Config::load(&path, &Overrides::default()).expect_err("outside");
    assert!(error.message.contains("outside"), "{}", error.message);
    assert_eq!((error.line, error.column), (1, 17));
}

#[test]
fn the_nearest_config_wins() {
    let top = tempfile::tempdir().expect("temp dir");
    let nested = top.path().join("team").join("posts");
    std::fs::create_dir_all(&nested).expect("mkdir");
    std::fs::write(top.path().join(CONFIG_FILE_NAME), "fail-on = \"error\"\n").expect("write");
    std::fs::write(
        top.path().join("team").join(CONFIG_FILE_NAME),
        "fail-on = \"info\"\n",
    )
    .expect("write");
    let mut resolver = ConfigResolver::new(ConfigSource::Discover, Overrides::default());
    let deep = resolver
        .config_for(&nested.join("post.md"))
        .expect("config");
    assert_eq!(deep.fail_on, Severity::Info);
    let shallow = resolver
        .config_for(&top.path().join("post.md"))
        .expect("config");
    assert_eq!(shallow.fail_on, Severity::Error);
    let mut no_config = ConfigResolver::new(ConfigSource::Defaults, Overrides::default());
    assert_eq!(
        no_config
            .config_for(&nested.join("post.md"))
            .expect("defaults")
            .fail_on,
        Severity::Warning
    );
}

#[test]
fn include_and_exclude_globs_are_relative_to_the_config() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join(CONFIG_FILE_NAME);
    std::fs::write(&path, "include = [\"*.md\"]\nexclude = [\"drafts/\"]\n").expect("write");
    let config = Config::load(&path, &Overrides::default()).expect("config");
    assert!(config.walk_includes(&folder.path().join("a.md")));
    assert!(config.walk_includes(&folder.path().join("team/a.md")));
    assert!(!config.walk_includes(&folder.path().join("a.txt")));
    assert!(!config.walk_includes(&folder.path().join("drafts/a.md")));
    assert!(config.excludes(&folder.path().join("drafts/deep/a.md")));
}

#[test]
fn suppressions_apply_through_check_and_stale_ones_are_reported() {
    let config = Config::defaults(Path::new("."), &Overrides::default());
    let text = "# Product Owner\n\n<!-- rolelint-disable-next-line po-owns-roadmap -->\n- Own the product roadmap for the payments team.\n\n<!-- rolelint-disable-next-line -->\nWrite user stories.\n";
    let result = config.check(text, DocumentFormat::Markdown);
    assert!(
        !rules_of(&result)
            .iter()
            .any(|(rule, _)| rule == "po-owns-roadmap")
    );
    assert_eq!(result.unused_suppressions.len(), 1);
    assert_eq!(result.unused_suppressions[0].severity, Severity::Info);

    let quiet = parse("[rules]\ndisable = [\"unused-suppression\"]\n").expect("config");
    assert!(
        quiet
            .check(text, DocumentFormat::Markdown)
            .unused_suppressions
            .is_empty()
    );
}

#[test]
fn configs_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Config>();
    assert_send_sync::<ConfigResolver>();
    assert_send_sync::<CheckResult>();
}

#[test]
fn a_rule_folder_replaces_a_bundled_rule_of_the_same_id() {
    let folder = tempfile::tempdir().expect("temp dir");
    let rules = folder.path().join("house-rules");
    std::fs::create_dir(&rules).expect("mkdir");
    let bundled = include_str!("../../rules/po-owns-roadmap.toml")
        .replace("severity = \"warning\"", "severity = \"error\"");
    std::fs::write(rules.join("po-owns-roadmap.toml"), bundled).expect("write");
    let path = folder.path().join(CONFIG_FILE_NAME);
    std::fs::write(&path, "rule-folders = [\"house-rules\"]\n").expect("write");
    let config = Config::load(&path, &Overrides::default()).expect("config");
    assert!(config.rule_errors.is_empty(), "{:?}", config.rule_errors);
    let rule = config.rules.get("po-owns-roadmap").expect("rule");
    assert_eq!(rule.severity, Severity::Error);
    assert!(rule.origin.contains("house-rules"), "{}", rule.origin);
    let ids: Vec<&str> = config.rules.rules.iter().map(|rule| &*rule.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "one rule per id, in id order");
}
