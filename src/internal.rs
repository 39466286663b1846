//! claimlint's own rules: the ids it reports problems with the input and with suppression
//! comments under (`claimlint/...`), with their default severities and documentation, so
//! `claimlint rules`, `claimlint explain`, SARIF and the config treat them like any other.

use crate::diagnostic::{Category, Severity};
use crate::suppress::{INVALID_INPUT, UNKNOWN_RULE, UNUSED};

/// One of claimlint's own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InternalRule {
    /// The id, `claimlint/name`.
    pub id: &'static str,
    /// The severity it is reported at unless the config changes it.
    pub severity: Severity,
    /// Whether `claimlint.yaml` or `--ignore` may change it. Input errors may not: copy
    /// claimlint cannot read is copy nobody checked.
    pub configurable: bool,
    /// One line.
    pub summary: &'static str,
    /// The documentation, Markdown, in the sections every rule has.
    pub docs: &'static str,
}

/// Every internal rule, in id order.
pub const RULES: &[InternalRule] = &[
    InternalRule {
        id: INVALID_INPUT,
        severity: Severity::Error,
        configurable: false,
        summary: "the input itself is malformed: front matter that is not YAML, a misspelt directive",
        docs: "## What it checks\n\nProblems with the file itself that stop claimlint from \
               reading part of it: front matter that is not valid YAML or not a mapping, a \
               `claimlint-` comment that is not one of the suppression directives, JSON-LD that \
               is not JSON, a CSV quote never closed or a row with the wrong number of \
               fields.\n\n## Why it matters\n\nCopy claimlint cannot read is copy it cannot \
               check, and a misspelt directive would otherwise suppress nothing without a word. \
               A file with an input error makes the exit code 2; this rule cannot be turned off \
               or down.\n\n## Example\n\n```markdown\n<!-- claimlint-disabel-next-line -->\n\
               ```\n\n## Fix\n\nCorrect the input: the message says what is wrong and where.\n",
    },
    InternalRule {
        id: UNKNOWN_RULE,
        severity: Severity::Warning,
        configurable: true,
        summary: "a suppression comment names a rule that does not exist",
        docs: "## What it checks\n\nA suppression comment (`claimlint-disable`, \
               `claimlint-disable-line`, `claimlint-disable-next-line`) that names a rule id \
               no loaded rule pack defines.\n\n## Why it matters\n\nA typo in a rule id \
               suppresses nothing, so the finding it was meant for is still reported, or a \
               renamed rule is no longer covered.\n\n## Example\n\n```markdown\n\
               <!-- claimlint-disable-next-line us-fda/disease-claims -->\n```\n\n## Fix\n\n\
               Use an id from `claimlint rules`.\n",
    },
    InternalRule {
        id: UNUSED,
        severity: Severity::Info,
        configurable: true,
        summary: "a suppression comment that suppresses nothing",
        docs: "## What it checks\n\nA suppression comment with no finding to suppress, or a \
               `claimlint-enable` with no `claimlint-disable` before it.\n\n## Why it \
               matters\n\nA stale suppression hides the next real finding on that line. It is \
               an info by default, so one stale comment does not fail a run at the default \
               `fail_on: warning`; set it to `warning` in `claimlint.yaml` to make it \
               fail.\n\n## Example\n\n```markdown\n\
               <!-- claimlint-disable-next-line us-fda/miracle-claim -->\n\
               Supports a calm mood.\n```\n\n## Fix\n\nRemove the comment.\n",
    },
];

/// The internal rule with this id, or with this name after `claimlint/`.
pub fn find(id_or_name: &str) -> Option<&'static InternalRule> {
    RULES
        .iter()
        .find(|r| r.id == id_or_name || r.id.strip_prefix("claimlint/") == Some(id_or_name))
}

impl InternalRule {
    /// The category: always `other`.
    pub fn category(&self) -> Category {
        Category::Other
    }

    /// The documentation as `claimlint explain` prints it, in the form of a pack rule's.
    pub fn documentation(&self, severity: Option<Severity>) -> String {
        let mut out = format!("# {}\n\n{}\n\n", self.id, self.summary);
        out.push_str("- kind: `internal`\n");
        out.push_str(&format!("- category: `{}`\n", self.category()));
        out.push_str(&format!("- default severity: `{}`\n", self.severity));
        if let Some(s) = severity.filter(|s| *s != self.severity) {
            out.push_str(&format!("- severity in this config: `{s}`\n"));
        }
        out.push('\n');
        out.push_str(self.docs.trim());
        out.push('\n');
        out
    }
}
