//! `--format json`: one object, `{"version": 2, "diagnostics": [...], "summary": {...},
//! "errors": [...]}`. The schema is documented in `docs/json-schema.md` and changes only with a
//! new `version`.

use super::{Finding, InputMessage, Position, Summary};
use serde::Serialize;

/// The schema version.
pub const VERSION: u32 = 2;

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
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    markets: &'a [String],
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
    let mut stream = Stream::default();
    let mut out = Stream::head().to_string();
    for f in findings {
        out.push_str(&stream.finding(f));
    }
    out.push_str(&stream.tail(errors, summary));
    out
}

/// The report written as it is made: [`Stream::head`], then each finding as its file is
/// linted, then the summary and errors, so a run over a whole catalog never holds every
/// finding (the 50 MB corpus: 124 MB peak with them held, most of it the findings and the
/// rendered string). Byte for byte what [`render`] writes.
#[derive(Debug, Default)]
pub struct Stream {
    written: usize,
}

/// The pretty-printed report with no diagnostics, split around the empty list.
fn empty_report(errors: &[InputMessage], summary: &Summary) -> (String, usize) {
    let report = Report {
        version: VERSION,
        diagnostics: Vec::new(),
        summary,
        errors,
    };
    let text = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into());
    let at = text
        .find("\"diagnostics\": [")
        .map_or(text.len(), |i| i + "\"diagnostics\": [".len());
    (text, at)
}

impl Stream {
    /// Everything before the first diagnostic.
    pub fn head() -> String {
        let (text, at) = empty_report(&[], &Summary::default());
        text[..at].to_string()
    }

    /// One diagnostic, with the separator before it.
    pub fn finding(&mut self, f: &Finding) -> String {
        let item = serde_json::to_string_pretty(&diagnostic_out(f)).unwrap_or_default();
        let mut out = String::with_capacity(item.len() + item.len() / 8);
        out.push_str(if self.written == 0 { "\n" } else { ",\n" });
        // Inside the list, two levels deep; JSON strings hold no raw line breaks.
        for (i, line) in item.lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str("    ");
            out.push_str(line);
        }
        self.written += 1;
        out
    }

    /// Everything after the last diagnostic, with the trailing newline.
    pub fn tail(&self, errors: &[InputMessage], summary: &Summary) -> String {
        let (text, at) = empty_report(errors, summary);
        // `at` is just past the list's `[`; the empty report closes it at once.
        let rest = text[at..].strip_prefix(']').unwrap_or(&text[at..]);
        let close = if self.written == 0 { "]" } else { "\n  ]" };
        format!("{close}{rest}\n")
    }
}

fn diagnostic_out(f: &Finding) -> DiagnosticOut<'_> {
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
        markets: &d.markets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Diagnostic, Label, Severity, Span};
    use crate::document::LineIndex;

    /// The whole report serialized in one piece, as `render` did before it streamed.
    fn at_once(findings: &[Finding], errors: &[InputMessage], summary: &Summary) -> String {
        let report = Report {
            version: VERSION,
            diagnostics: findings.iter().map(diagnostic_out).collect(),
            summary,
            errors,
        };
        serde_json::to_string_pretty(&report).unwrap() + "\n"
    }

    #[test]
    fn the_stream_writes_the_same_document_as_one_serialization() {
        let text = "Cures \"gout\".\nSupports\tcalm \u{2014} focus.\n";
        let index = LineIndex::new(text);
        let mut d = Diagnostic::new(
            "us-fda/x",
            Category::Other,
            Severity::Error,
            "a \"quoted\" message\nover two lines",
            Span::new(0, 5),
        );
        d.labels.push(Label {
            span: Span::new(6, 12),
            text: "label".into(),
        });
        let one = Finding::new("a.md", d.clone(), text, &index, 0);
        let two = Finding::new("b.md", d, text, &index, 0);
        let errors = vec![InputMessage {
            path: "c.md".into(),
            level: "error",
            message: "no such file or folder".into(),
            line: Some(3),
            column: None,
            not_read: None,
            raw_path: None,
        }];
        let mut summary = Summary::default();
        summary.add(Severity::Error);
        for (findings, errors) in [
            (vec![], vec![]),
            (vec![one.clone()], vec![]),
            (vec![one, two], errors),
        ] {
            assert_eq!(
                render(&findings, &errors, &summary),
                at_once(&findings, &errors, &summary)
            );
        }
    }
}
