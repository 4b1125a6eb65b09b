//! The commented starter configuration that `rolelint init` writes.

/// A `.rolelint.toml` that states every key with its default value and what it does.
pub const STARTER_CONFIG: &str = r#"# rolelint configuration. rolelint uses the nearest .rolelint.toml above each file.
# Every key is optional; the values below are the defaults unless marked as an example.

# Findings at or above this severity make `rolelint check` exit with 1: "error", "warning" or "info".
fail-on = "warning"

# Files a folder walk checks (gitignore-style globs, relative to this file's folder).
# Leaving it out checks *.md, *.markdown, *.mdx and *.txt.
# include = ["*.md", "*.txt"]

# Files and folders never checked (gitignore-style globs, relative to this file's folder).
exclude = []

# Extra folders of rule files (one rule per *.toml), relative to this file's folder.
rule-folders = []

[rules]
# Rule ids, finding classes (such as "cross-role") or "all". Only these run.
enable = ["all"]
# Rule ids or finding classes that do not run; an id wins over its class.
disable = []

# Severity ("error", "warning" or "info") by rule id or finding class.
[rules.severity]
# po-owns-roadmap = "error"
# unqualified-shared = "info"

[roles]
# Titles your organisation uses for each role, besides the usual ones (example values).
product-manager = []    # e.g. ["Product Lead"]
product-owner = []      # e.g. ["Delivery Owner"]
# Set to true when your organisation combines the two roles on purpose: mixed duties are
# then reported once, as information, instead of line by line.
combined = false
"#;
