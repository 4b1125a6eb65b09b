//! The plain data the engine returns: findings, suggestions and edits, all in byte offsets.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// One of the two product roles the linter reasons about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Product Manager: strategy, vision, roadmap, market, customers.
    Pm,
    /// Product Owner: backlog, user stories, acceptance, sprints, the team.
    Po,
}

impl Role {
    /// The other product role.
    pub fn other(self) -> Role {
        match self {
            Role::Pm => Role::Po,
            Role::Po => Role::Pm,
        }
    }

    /// Short id as used in rule files and reports.
    pub fn id(self) -> &'static str {
        match self {
            Role::Pm => "pm",
            Role::Po => "po",
        }
    }

    /// The full title, as used in messages and fixes.
    pub fn title(self) -> &'static str {
        match self {
            Role::Pm => "Product Manager",
            Role::Po => "Product Owner",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Who owns a responsibility in the domain taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Owner {
    Pm,
    Po,
    Shared,
}

/// The ten kinds of problem the linter reports (DOMAIN.md, "What the linter flags").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingClass {
    CrossRole,
    AmbiguousTitle,
    DoubleOwnership,
    UnqualifiedShared,
    HorizonMismatch,
    MetricMismatch,
    StakeholderMismatch,
    VagueOwnership,
    MissingCore,
    CombinedRole,
}

impl FindingClass {
    /// Every class, in documentation order.
    pub const ALL: [FindingClass; 10] = [
        FindingClass::CrossRole,
        FindingClass::AmbiguousTitle,
        FindingClass::DoubleOwnership,
        FindingClass::UnqualifiedShared,
        FindingClass::HorizonMismatch,
        FindingClass::MetricMismatch,
        FindingClass::StakeholderMismatch,
        FindingClass::VagueOwnership,
        FindingClass::MissingCore,
        FindingClass::CombinedRole,
    ];

    /// The kebab-case id used in rule files, config and reports.
    pub fn id(self) -> &'static str {
        match self {
            FindingClass::CrossRole => "cross-role",
            FindingClass::AmbiguousTitle => "ambiguous-title",
            FindingClass::DoubleOwnership => "double-ownership",
            FindingClass::UnqualifiedShared => "unqualified-shared",
            FindingClass::HorizonMismatch => "horizon-mismatch",
            FindingClass::MetricMismatch => "metric-mismatch",
            FindingClass::StakeholderMismatch => "stakeholder-mismatch",
            FindingClass::VagueOwnership => "vague-ownership",
            FindingClass::MissingCore => "missing-core",
            FindingClass::CombinedRole => "combined-role",
        }
    }

    /// Parses a kebab-case class id.
    pub fn from_id(id: &str) -> Option<FindingClass> {
        FindingClass::ALL.into_iter().find(|class| class.id() == id)
    }

    /// Document-level classes describe the whole document rather than one line.
    pub fn is_document_level(self) -> bool {
        matches!(self, FindingClass::MissingCore | FindingClass::CombinedRole)
    }

    /// The mismatch classes are more specific than plain cross-role and win over it.
    pub fn specificity(self) -> u8 {
        match self {
            FindingClass::HorizonMismatch
            | FindingClass::MetricMismatch
            | FindingClass::StakeholderMismatch => 2,
            FindingClass::CrossRole => 1,
            _ => 0,
        }
    }
}

impl fmt::Display for FindingClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How serious a finding is; ordered from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn from_id(id: &str) -> Option<Severity> {
        match id {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A replacement of a byte range of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// A clarification the author can make; `edits` is empty when the fix is not mechanical.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// Shared: the findings of one rule and role have the same titles.
    pub title: Arc<str>,
    /// Safe edits keep the author's meaning and may be applied without asking.
    pub safe: bool,
    pub edits: Vec<Edit>,
}

/// A second place that takes part in a finding, such as the other owner of a responsibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedSpan {
    pub range: Range<usize>,
    pub message: Arc<str>,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id (the rule file's stem).
    pub rule: Arc<str>,
    pub class: FindingClass,
    pub severity: Severity,
    /// Shared: the findings of one rule and role have the same message.
    pub message: Arc<str>,
    /// Byte range into the original text.
    pub range: Range<usize>,
    /// The role context the flagged text was read in.
    pub role: Option<Role>,
    /// Responsibility id from the domain taxonomy, when one is involved.
    pub responsibility: Option<Arc<str>>,
    pub suggestions: Vec<Suggestion>,
    pub related: Vec<RelatedSpan>,
}
