//! `--format json`: one object, `{"version": 1, "diagnostics": [...], "summary": {...},
//! "errors": [...]}`. The schema is documented in `docs/json-schema.md` and changes only with a
//! new `version`.

use super::{Finding, InputMessage, Position, Summary};
use serde::Serialize;

/// The schema version.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct LabelOut<'a> {
    span: Position,
    text: &'a str,
}

#[derive(Serialize)]
struct EditOut<'a> {
    span: Position,
    replacement: &'a str,
}

#[derive(Serialize)]
struct FixOut<'a> {
    title: &'a str,
    applicability: crate::diagnostic::Applicability,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct DiagnosticOut<'a> {
    path: &'a str,
    rule: &'a str,
    category: crate::diagnostic::Category,
    severity: crate::diagnostic::Severity,
    message: &'a str,
    span: Position,
    labels: Vec<LabelOut<'a>>,
    help: Option<&'a str>,
    cite: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<DiagnosticOut<'a>>,
    summary: &'a Summary,
    errors: &'a [InputMessage],
}

/// Render the whole report as one JSON document (with a trailing newline).
pub fn render(findings: &[Finding], errors: &[InputMessage], summary: &Summary) -> String {
    let diagnostics = findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            DiagnosticOut {
                path: &f.path,
                rule: &d.rule,
                category: d.category,
                severity: d.severity,
                message: &d.message,
                span: f.position,
                labels: d
                    .labels
                    .iter()
                    .zip(&f.label_positions)
                    .map(|(l, p)| LabelOut {
                        span: *p,
                        text: &l.text,
                    })
                    .collect(),
                help: d.help.as_deref(),
                cite: d.cite.as_deref(),
                fix: d.fix.as_ref().map(|fix| FixOut {
                    title: &fix.title,
                    applicability: fix.applicability,
                    edits: fix
                        .edits
                        .iter()
                        .zip(&f.edit_positions)
                        .map(|(e, p)| EditOut {
                            span: *p,
                            replacement: &e.replacement,
                        })
                        .collect(),
                }),
                context: d.context.as_deref(),
            }
        })
        .collect();
    let report = Report {
        version: VERSION,
        diagnostics,
        summary,
        errors,
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}
