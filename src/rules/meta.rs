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

/// Replace `{name}` placeholders in `template`.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
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
                        self.message.clone()
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
