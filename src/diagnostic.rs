//! Diagnostics: what a rule reports, with spans as byte offsets into the original source.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Likely a problem; fails a run by default.
    Warning,
    /// A clear violation.
    Error,
}

impl Severity {
    /// The lowercase name used in reports and config.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The closed set of categories scripts and dashboards group by. Rule ids may grow; this may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A claim to diagnose, treat, cure, mitigate or prevent a disease.
    DiseaseClaim,
    /// The DSHEA disclaimer is missing or malformed.
    Disclaimer,
    /// A dose above a safe upper limit.
    Dose,
    /// A claim of evidence with no reference behind it.
    Reference,
    /// Something a label must carry (or must not), checked on the label itself.
    Label,
    /// Anything else, including problems with the input or with suppressions.
    Other,
}

impl Category {
    /// The kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::DiseaseClaim => "disease-claim",
            Category::Disclaimer => "disclaimer",
            Category::Dose => "dose",
            Category::Reference => "reference",
            Category::Label => "label",
            Category::Other => "other",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open byte range `start..end` into a document's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted range is clamped to empty.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether this span and `other` share a byte.
    pub fn intersects(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A secondary span with a short explanation, e.g. the claim verb of a disease claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What this part of the text is.
    pub text: String,
}

/// Whether a fix may be applied without a human reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applied by `--fix`.
    Safe,
    /// Changes meaning or needs review; shown, never applied automatically.
    Unsafe,
}

/// One replacement of a source range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace (empty to insert).
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A suggested change: a title in the imperative and the edits that make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, e.g. "append the DSHEA disclaimer".
    pub title: String,
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id, e.g. `us-fda/disease-claim`.
    pub rule: String,
    /// The rule's category.
    pub category: Category,
    /// The effective severity (after config overrides).
    pub severity: Severity,
    /// What is wrong: lowercase, no trailing period.
    pub message: String,
    /// The words at fault.
    pub span: Span,
    /// Secondary spans.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// The regulation or source it rests on.
    pub cite: Option<String>,
    /// A machine-applicable fix, when one exists.
    pub fix: Option<Fix>,
    /// Where in a file with parts the finding sits, e.g. "row 12, column `Body (HTML)`,
    /// product `magnesium-glycinate`" in a catalog export; `None` for a file that is one whole.
    pub context: Option<String>,
    /// The markets the finding is for (`us`, `eu`), sorted; empty when the run names no
    /// market (`packs:` set without `market:`). See docs/markets.md.
    pub markets: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic with no labels, help, citation or fix.
    pub fn new(
        rule: impl Into<String>,
        category: Category,
        severity: Severity,
        message: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            rule: rule.into(),
            category,
            severity,
            message: message.into(),
            span,
            labels: Vec::new(),
            help: None,
            cite: None,
            fix: None,
            context: None,
            markets: Vec::new(),
        }
    }
}
