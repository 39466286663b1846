//! The fields every rule carries whatever its kind, and the macro that declares a kind's
//! YAML form with them.

use crate::diagnostic::{Category, Diagnostic, Severity, Span};

/// The fields every rule carries, whatever its kind.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// Stable id, `pack/name`.
    pub id: String,
    /// One of the closed set.
    pub category: Category,
    /// Effective severity.
    pub severity: Severity,
    /// Message template (`{placeholders}` are filled per finding).
    pub message: String,
    /// The regulation or source.
    pub cite: Option<String>,
    /// How to fix a finding.
    pub help: String,
    /// One line for `claimlint rules`.
    pub summary: String,
    /// Full documentation in Markdown: what it checks, why, examples, the fix.
    pub docs: String,
    /// Where the rule came from.
    pub origin: String,
}

impl RuleMeta {
    /// A diagnostic of this rule with a filled-in message.
    pub fn diagnostic(&self, vars: &[(&str, &str)], span: Span) -> Diagnostic {
        let mut d = Diagnostic::new(
            self.id.clone(),
            self.category,
            self.severity,
            fill(&self.message, vars),
            span,
        );
        d.help = Some(fill(&self.help, vars));
        d.cite = self.cite.clone();
        d
    }
}

/// The one line of a rule written without a `summary`: the first sentence of its docs'
/// "What it checks" section, else its message with each `{placeholder}` (filled per
/// finding) shown as `…`, never the raw template.
pub fn default_summary(message: &str, docs: &str) -> String {
    let mut lines = docs
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("## What it checks"));
    if lines.next().is_some() {
        let paragraph: Vec<&str> = lines
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let paragraph = paragraph.join(" ");
        let sentence = paragraph
            .find(". ")
            .map_or(paragraph.as_str(), |i| &paragraph[..i]);
        let sentence = sentence.trim_end_matches('.').trim();
        if !sentence.is_empty() {
            return sentence.to_string();
        }
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(open) = rest.find('{') {
        match rest[open..].find('}') {
            Some(close)
                if rest[open + 1..open + close]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_') =>
            {
                out.push_str(&rest[..open]);
                out.push('…');
                rest = &rest[open + close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replace `{name}` placeholders in `template`, one name after the other (a value may hold
/// a later name's placeholder).
///
/// A name whose placeholder is not in the text so far costs a search and nothing else, and
/// the first text with no `{` ends it: each finding's message and help went through a
/// `format!` and a `replace` (two allocations) per name.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    let mut placeholder = String::new();
    for (k, v) in vars {
        if !out.contains('{') {
            break;
        }
        placeholder.clear();
        placeholder.push('{');
        placeholder.push_str(k);
        placeholder.push('}');
        if out.contains(placeholder.as_str()) {
            out = out.replace(placeholder.as_str(), v);
        }
    }
    out
}

macro_rules! rule_file {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Stable id, `pack/name`.
            pub id: String,
            /// The rule kind.
            pub kind: String,
            /// Category (closed set).
            pub category: $crate::diagnostic::Category,
            /// Default severity.
            pub severity: $crate::diagnostic::Severity,
            /// Message template.
            pub message: String,
            /// Regulatory citation.
            #[serde(default)]
            pub cite: Option<String>,
            /// Help template.
            pub help: String,
            /// One-line summary (default: the message).
            #[serde(default)]
            pub summary: String,
            /// Full documentation.
            #[serde(default)]
            pub docs: String,
            $($(#[$fm])* pub $field: $ty),*
        }

        impl $name {
            pub(crate) fn meta(&self, origin: &str) -> $crate::rules::RuleMeta {
                $crate::rules::RuleMeta {
                    id: self.id.clone(),
                    category: self.category,
                    severity: self.severity,
                    message: self.message.clone(),
                    cite: self.cite.clone(),
                    help: self.help.clone(),
                    summary: if self.summary.trim().is_empty() {
                        $crate::rules::meta::default_summary(&self.message, &self.docs)
                    } else {
                        self.summary.clone()
                    },
                    docs: self.docs.clone(),
                    origin: origin.to_string(),
                }
            }
        }
    };
}
pub(crate) use rule_file;
