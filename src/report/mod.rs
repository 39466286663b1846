//! Reporters: one [`Finding`] type with resolved positions, many formats.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::LineIndex;
use crate::rules::RuleSet;
use serde::Serialize;

/// Where the documentation of every rule is published: `<base><pack>/<name>.md`.
pub const RULE_DOCS_BASE: &str = "https://github.com/claimlint/claimlint/blob/main/docs/rules/";

/// The published documentation page of a rule id (`us-fda/disease-claim`).
pub fn rule_docs_url(id: &str) -> String {
    format!("{RULE_DOCS_BASE}{id}.md")
}

/// What reporters and the language server say about a rule: its names and documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc<'a> {
    /// The id, `pack/name`.
    pub id: &'a str,
    /// The category.
    pub category: Category,
    /// The effective severity.
    pub severity: Severity,
    /// One line.
    pub summary: &'a str,
    /// The full documentation, Markdown.
    pub docs: &'a str,
    /// How to fix a finding.
    pub help: Option<&'a str>,
    /// The regulation.
    pub cite: Option<&'a str>,
    /// The published page, for rules that ship with claimlint; user rules have none.
    pub url: Option<String>,
}

impl RuleDoc<'_> {
    /// The readable name: the id without its pack.
    pub fn name(&self) -> &str {
        self.id.rsplit('/').next().unwrap_or(self.id)
    }

    /// The first paragraph of the documentation's "What it checks" section, on one line;
    /// the summary when there is no such section.
    pub fn description(&self) -> String {
        let mut lines = self
            .docs
            .lines()
            .skip_while(|l| !l.starts_with("## What it checks"));
        if lines.next().is_none() {
            return self.summary.to_string();
        }
        let paragraph: Vec<&str> = lines
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        if paragraph.is_empty() {
            self.summary.to_string()
        } else {
            paragraph.join(" ")
        }
    }
}

/// The documentation of rule `id`: from the rule set, or for claimlint's own ids.
pub fn rule_doc<'a>(rules: &'a RuleSet, id: &'a str) -> Option<RuleDoc<'a>> {
    if let Some(rule) = rules.rule(id) {
        let m = &rule.meta;
        return Some(RuleDoc {
            id: &m.id,
            category: m.category,
            severity: m.severity,
            summary: &m.summary,
            docs: &m.docs,
            help: Some(m.help.as_str()).filter(|h| !h.is_empty()),
            cite: m.cite.as_deref(),
            url: m
                .origin
                .ends_with("(built in)")
                .then(|| rule_docs_url(&m.id)),
        });
    }
    let internal = crate::internal::RULES.iter().find(|r| r.id == id)?;
    Some(RuleDoc {
        id: internal.id,
        category: internal.category(),
        severity: rules.internal_severity(id).unwrap_or(internal.severity),
        summary: internal.summary,
        docs: internal.docs,
        help: None,
        cite: None,
        url: Some(rule_docs_url(internal.id)),
    })
}

/// A span in UTF-16 code units, the unit SARIF and the Language Server Protocol count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Utf16Span {
    /// Offset of the start from the beginning of the text (no byte order mark).
    pub offset: usize,
    /// Length.
    pub len: usize,
    /// 1-based column of the start.
    pub column: usize,
    /// 1-based column of the end.
    pub end_column: usize,
}

/// A span with its 1-based line and character column at both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// First byte (in the file, counting a byte order mark).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`, in characters.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`, in characters.
    pub end_column: usize,
    /// The same span counted in UTF-16 code units (not part of the JSON schema).
    #[serde(skip)]
    pub utf16: Utf16Span,
}

impl Position {
    /// Resolve `span` in `text` (which had `bom` bytes of byte order mark removed).
    pub fn new(span: Span, text: &str, index: &LineIndex, bom: usize) -> Position {
        let (line, column) = index.line_col(text, span.start);
        let (end_line, end_column) = index.line_col(text, span.end);
        let (_, column16) = index.line_col_utf16(text, span.start);
        let (_, end_column16) = index.line_col_utf16(text, span.end);
        let start = crate::document::line_index::floor_char_boundary(text, span.start);
        let end = crate::document::line_index::floor_char_boundary(text, span.end).max(start);
        let offset = index.utf16_offset(text, start);
        let utf16 = Utf16Span {
            offset,
            len: index.utf16_offset(text, end) - offset,
            column: column16 + 1,
            end_column: end_column16 + 1,
        };
        Position {
            start: span.start + bom,
            end: span.end + bom,
            line,
            column,
            end_line,
            end_column,
            utf16,
        }
    }
}

/// A diagnostic with its file and resolved positions, ready for any format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The path as given (or the `--stdin-filename`).
    pub path: String,
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    /// Its span, resolved.
    pub position: Position,
    /// Each label's span, resolved, in label order.
    pub label_positions: Vec<Position>,
    /// Each fix edit's span, resolved, in edit order.
    pub edit_positions: Vec<Position>,
    /// The source text the span covers.
    pub excerpt: String,
    /// The words around it on its line, normalised: part of its fingerprint (see
    /// [`crate::baseline`]).
    pub surroundings: String,
    /// Its fingerprint among the findings of its file (see [`crate::baseline`]), once
    /// [`crate::baseline::set_fingerprints`] has seen them all; empty until then.
    pub fingerprint: String,
    /// The path's bytes, when they are not UTF-8 and `path` shows them with U+FFFD: SARIF's
    /// URIs encode the bytes themselves.
    pub raw_path: Option<Vec<u8>>,
}

impl Finding {
    /// Resolve a diagnostic's positions in `text`.
    pub fn new(
        path: &str,
        diagnostic: Diagnostic,
        text: &str,
        index: &LineIndex,
        bom: usize,
    ) -> Finding {
        let position = Position::new(diagnostic.span, text, index, bom);
        let label_positions = diagnostic
            .labels
            .iter()
            .map(|l| Position::new(l.span, text, index, bom))
            .collect();
        let edit_positions = diagnostic
            .fix
            .iter()
            .flat_map(|f| f.edits.iter())
            .map(|e| Position::new(e.span, text, index, bom))
            .collect();
        let start = crate::document::line_index::floor_char_boundary(text, diagnostic.span.start);
        let end = crate::document::line_index::floor_char_boundary(text, diagnostic.span.end);
        Finding {
            excerpt: text[start..end.max(start)].to_string(),
            surroundings: crate::baseline::context(text, start, end.max(start)),
            fingerprint: String::new(),
            path: path.to_string(),
            diagnostic,
            position,
            label_positions,
            edit_positions,
            raw_path: None,
        }
    }
}

/// A problem with an input or the configuration, reported beside the findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputMessage {
    /// The file.
    pub path: String,
    /// `error` (exit code 2), `warning` or `note`.
    pub level: &'static str,
    /// What happened.
    pub message: String,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// When the message is that the file was skipped unread (binary, too large), which;
    /// not part of the JSON schema, where the message says it.
    #[serde(skip)]
    pub not_read: Option<crate::document::NotRead>,
    /// The path's bytes when they are not UTF-8 (see [`Finding::raw_path`]).
    #[serde(skip)]
    pub raw_path: Option<Vec<u8>>,
}

/// Counts for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files linted.
    pub files: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// Inputs that could not be linted or had errors.
    pub input_errors: usize,
}

impl Summary {
    /// Count one finding.
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    /// Total findings.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The closing line of human output; when inputs had errors, it says so, since they
    /// are what makes the exit code 2.
    pub fn line(&self) -> String {
        let mut line = self.findings_line();
        if self.input_errors > 0 {
            let (n, has) = match self.input_errors {
                1 => ("1 input".to_string(), "has"),
                n => (format!("{n} inputs"), "have"),
            };
            line.push_str(&format!("; {n} {has} errors, so the exit code is 2"));
        }
        line
    }

    fn findings_line(&self) -> String {
        let files = if self.files == 1 { "file" } else { "files" };
        if self.total() == 0 {
            return format!("no problems found in {} {files}", self.files);
        }
        let mut parts = Vec::new();
        for (n, one, many) in [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "infos"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        }
        let problems = if self.total() == 1 {
            "problem"
        } else {
            "problems"
        };
        format!(
            "found {} {problems} ({}) in {} {files}",
            self.total(),
            parts.join(", "),
            self.files
        )
    }
}
