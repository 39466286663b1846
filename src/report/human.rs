//! Human output through miette, with a line-indexed source so each label costs a binary
//! search instead of a rescan of the file, and a rustc-style `note:` for the citation.

use super::Finding;
use crate::diagnostic::Severity;
use crate::document::LineIndex;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// A source with its line table, for miette. Gives the same contents as miette's own `str`
/// source for any request with at least one context line (the only kind the handler makes).
pub struct IndexedSource<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
}

impl<'a> IndexedSource<'a> {
    /// Wrap `text` (named `name`) with its line index.
    pub fn new(name: &'a str, text: &'a str, index: &'a LineIndex) -> Self {
        IndexedSource { name, text, index }
    }
}

impl SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let len = self.text.len();
        let start = span.offset();
        if start > len || start + span.len() > len {
            return Err(MietteError::OutOfBounds);
        }
        let last_byte = (start + span.len())
            .saturating_sub(1)
            .max(start)
            .min(len.saturating_sub(1));
        let first_line = self.index.line_of(start);
        let mut last_line = self.index.line_of(last_byte);
        // A span ending on a line break reaches into the next line, as miette counts it.
        if !span.is_empty() && matches!(self.text.as_bytes().get(last_byte), Some(b'\n' | b'\r')) {
            last_line = (last_line + 1).min(self.index.line_count() - 1);
        }
        let ctx_first = first_line.saturating_sub(before);
        let ctx_last = (last_line + after).min(self.index.line_count() - 1);
        let data_start = if before == 0 {
            start
        } else {
            self.index.line_start(ctx_first)
        };
        let next = self.index.line_start(ctx_last + 1);
        let data_end = if next == usize::MAX {
            len
        } else {
            next.min(len)
        };
        let column = if before == 0 {
            self.text[self.index.line_start(first_line)..start]
                .chars()
                .count()
        } else {
            0
        };
        let line_count = if next == usize::MAX {
            ctx_last
        } else {
            ctx_last + 1
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &self.text.as_bytes()[data_start..data_end],
            (data_start, data_end - data_start).into(),
            ctx_first,
            column,
            line_count,
        )))
    }
}

struct Report<'a> {
    finding: &'a Finding,
    source: &'a IndexedSource<'a>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.finding.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = &self.finding.diagnostic;
        // miette draws overlapping spans on one line poorly: when a finding has labels, they
        // mark its words (the first one primary) and the whole span is not underlined.
        if d.labels.is_empty() {
            let primary = LabeledSpan::new_primary_with_span(
                None,
                SourceSpan::from((d.span.start, d.span.len())),
            );
            return Some(Box::new(std::iter::once(primary)));
        }
        Some(Box::new(d.labels.iter().enumerate().map(|(i, l)| {
            let span = SourceSpan::from((l.span.start, l.span.len()));
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.text.clone()), span)
            } else {
                LabeledSpan::new_with_span(Some(l.text.clone()), span)
            }
        })))
    }
}

/// How to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// Width to wrap at.
    pub width: usize,
}

/// Render every finding of one file.
pub fn render_file(
    findings: &[Finding],
    name: &str,
    text: &str,
    index: &LineIndex,
    style: Style,
) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_context_lines(1);
    let source = IndexedSource::new(name, text, index);
    let mut out = String::new();
    for f in findings {
        let report = Report {
            finding: f,
            source: &source,
        };
        let mut rendered = String::new();
        if handler.render_report(&mut rendered, &report).is_err() {
            rendered = format!("{}: {}\n", f.diagnostic.rule, f.diagnostic.message);
        }
        out.push_str(rendered.trim_end());
        out.push('\n');
        if let Some(context) = &f.diagnostic.context {
            out.push_str(&format!("  note: in {context}\n"));
        }
        if let Some(cite) = &f.diagnostic.cite {
            out.push_str(&format!("  note: {cite}\n"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_source_matches_miettes_own() {
        let text = "first line\nsecond line here\nthird\r\nfourth\n";
        let index = LineIndex::new(text);
        let ours = IndexedSource::new("t", text, &index);
        for (start, len) in [(0, 5), (11, 6), (18, 10), (34, 6), (29, 0)] {
            // The handler always asks for context lines; with none, miette returns only the
            // span itself, which this source does not imitate.
            for ctx in [1, 2] {
                let span = SourceSpan::from((start, len));
                let a = ours.read_span(&span, ctx, ctx).unwrap();
                let b = text.read_span(&span, ctx, ctx).unwrap();
                assert_eq!(a.data(), b.data(), "data for {start},{len} ctx {ctx}");
                assert_eq!(a.line(), b.line(), "line for {start},{len} ctx {ctx}");
                assert_eq!(a.column(), b.column(), "column for {start},{len} ctx {ctx}");
                assert_eq!(a.span(), b.span(), "span for {start},{len} ctx {ctx}");
            }
        }
    }
}
