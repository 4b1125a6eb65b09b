//! `rolelint rules` and `rolelint explain`: rule discovery from the command line.

use super::{EXIT_CLEAN, EXIT_ERROR, ExplainArgs, ListFormat, RulesArgs};
use crate::config::{ConfigResolver, ConfigSource, Overrides};
use crate::output::RuleInfo;
use crate::rules::{Rule, RuleSet};
use std::fmt::Write;
use std::path::Path;

/// Lists the rules: id, class, severity and summary.
pub fn list(args: RulesArgs) -> i32 {
    let source = match (&args.config, args.no_config) {
        (_, true) => ConfigSource::Defaults,
        (Some(path), false) => ConfigSource::File(path.clone()),
        (None, false) => ConfigSource::Discover,
    };
    let mut resolver = ConfigResolver::new(source, Overrides::default());
    let config = match resolver.config_for(Path::new(".")) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("rolelint: error: {error}");
            return EXIT_ERROR;
        }
    };
    for error in &config.rule_errors {
        eprintln!("rolelint: error: {error}");
    }
    let mut infos: Vec<(RuleInfo, bool)> = config
        .rules
        .rules
        .iter()
        .map(|rule| {
            let info = RuleInfo::of(rule);
            let severity = config.severity_for(&rule.id, Some(rule.class), rule.severity);
            let enabled = config.rule_enabled(&rule.id, Some(rule.class));
            (RuleInfo { severity, ..info }, enabled)
        })
        .collect();
    let unused = RuleInfo::unused_suppression();
    let enabled = config.rule_enabled(&unused.id, None);
    infos.push((unused, enabled));
    match args.format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = infos
                .iter()
                .map(|(info, enabled)| {
                    serde_json::json!({
                        "id": info.id,
                        "class": info.class,
                        "severity": info.severity,
                        "summary": info.summary,
                        "enabled": enabled,
                    })
                })
                .collect();
            match serde_json::to_string_pretty(&rows) {
                Ok(text) => println!("{text}"),
                Err(error) => {
                    eprintln!("rolelint: error: {error}");
                    return EXIT_ERROR;
                }
            }
        }
        ListFormat::Human => {
            let id_width = infos
                .iter()
                .map(|(info, _)| info.id.len())
                .max()
                .unwrap_or(0);
            let class_width = infos
                .iter()
                .map(|(info, _)| info.class.len())
                .max()
                .unwrap_or(0);
            for (info, enabled) in &infos {
                let off = if *enabled { "" } else { " (disabled)" };
                println!(
                    "{:id_width$}  {:class_width$}  {:7}  {}{off}",
                    info.id,
                    info.class,
                    info.severity.id(),
                    info.summary
                );
            }
        }
    }
    EXIT_CLEAN
}

fn indent(text: &str) -> String {
    text.trim_end_matches('\n')
        .lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("    {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A rule's documentation as plain text with its examples.
pub fn explain_text(rule: &Rule) -> String {
    let (role, other) = match rule.applies_to {
        crate::rules::AppliesTo::Role(role) => (role.title(), role.other().title()),
        _ => ("role", "other role"),
    };
    let fill = |text: &str| text.replace("{role}", role).replace("{other}", other);
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", rule.id, rule.summary);
    let _ = writeln!(
        out,
        "class: {}   severity: {}   applies to: {}   matcher: {}",
        rule.class,
        rule.severity,
        rule.applies_to.id(),
        rule.kind.id()
    );
    if let Some(responsibility) = &rule.responsibility {
        let _ = writeln!(out, "responsibility: {responsibility}");
    }
    let _ = writeln!(out, "\nWhy\n\n{}\n", indent(rule.rationale.trim()));
    if !rule.suggestions.is_empty() {
        let _ = writeln!(out, "Suggestions\n");
        for suggestion in &rule.suggestions {
            let kind =
                if suggestion.replacement.is_some() || suggestion.insert_after_title.is_some() {
                    if suggestion.safe {
                        "safe fix"
                    } else {
                        "fix, not safe"
                    }
                } else {
                    "advice"
                };
            let _ = writeln!(out, "    - {} ({kind})", fill(&suggestion.title));
        }
        let _ = writeln!(out);
    }
    for example in &rule.examples {
        if let Some(flagged) = &example.flagged {
            let _ = writeln!(out, "Flagged\n\n{}\n", indent(flagged));
            if let Some(span) = &example.span {
                let _ = writeln!(out, "    finding on: \"{span}\"\n");
            }
            if let Some(fixed) = &example.fixed {
                let _ = writeln!(out, "After the fix\n\n{}\n", indent(fixed));
            }
        }
        if let Some(clean) = &example.clean {
            let _ = writeln!(out, "Not flagged\n\n{}\n", indent(clean));
        }
    }
    let _ = writeln!(
        out,
        "Turn it off with `disable = [\"{}\"]` in .rolelint.toml, or for one line with\n<!-- rolelint-disable-next-line {} -->",
        rule.id, rule.id
    );
    out
}

/// Prints one rule's documentation.
pub fn explain(args: ExplainArgs) -> i32 {
    let mut resolver = ConfigResolver::new(ConfigSource::Discover, Overrides::default());
    let rules = match resolver.config_for(Path::new(".")) {
        Ok(config) => config.rules.clone(),
        Err(_) => RuleSet::bundled(),
    };
    if let Some(rule) = rules.get(&args.rule) {
        print!("{}", explain_text(rule));
        return EXIT_CLEAN;
    }
    if args.rule == crate::suppress::UNUSED_SUPPRESSION_RULE {
        let info = RuleInfo::unused_suppression();
        println!(
            "{}: {}\n\nclass: {}   severity: {}\n\nWhy\n\n    {}\n\nFlagged\n\n    <!-- rolelint-disable-next-line po-owns-roadmap -->\n    A line without that finding.\n\n`--fix` removes such comments.",
            info.id, info.summary, info.class, info.severity, info.rationale
        );
        return EXIT_CLEAN;
    }
    eprintln!(
        "rolelint: error: no rule `{}`; `rolelint rules` lists them",
        args.rule
    );
    EXIT_ERROR
}
