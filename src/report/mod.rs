//! Reporters: one [`Finding`] type with resolved positions, many formats.

pub mod human;
pub mod json;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::LineIndex;
use serde::Serialize;

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
}

impl Position {
    /// Resolve `span` in `text` (which had `bom` bytes of byte order mark removed).
    pub fn new(span: Span, text: &str, index: &LineIndex, bom: usize) -> Position {
        let (line, column) = index.line_col(text, span.start);
        let (end_line, end_column) = index.line_col(text, span.end);
        Position {
            start: span.start + bom,
            end: span.end + bom,
            line,
            column,
            end_line,
            end_column,
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
        Finding {
            path: path.to_string(),
            diagnostic,
            position,
            label_positions,
            edit_positions,
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

    /// The closing line of human output.
    pub fn line(&self) -> String {
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
