//! Human output through miette, with a line-indexed source so each label costs a binary
//! search instead of a rescan of the file, and a rustc-style `note:` for the citation.

use super::Finding;
use crate::diagnostic::Severity;
use crate::document::LineIndex;
use crate::document::line_index::{ceil_char_boundary, floor_char_boundary};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;

/// Context longer than this many bytes is cut to a window around the span.
const MAX_SNIPPET: usize = 4096;
/// Bytes of context kept on each side of the span when a snippet is cut.
const WINDOW: usize = 120;

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
        let mut ctx_first = first_line.saturating_sub(before);
        let mut ctx_last = (last_line + after).min(self.index.line_count() - 1);
        let mut data_start = if before == 0 {
            start
        } else {
            self.index.line_start(ctx_first)
        };
        let next = self.index.line_start(ctx_last + 1);
        let mut data_end = if next == usize::MAX {
            len
        } else {
            next.min(len)
        };
        let mut line_count = if next == usize::MAX {
            ctx_last
        } else {
            ctx_last + 1
        };
        // On very long lines (minified HTML, a one-line export) show a window around the
        // span: the whole line for every finding would make output quadratic in its length.
        let span_end = start + span.len();
        if before > 0 && data_end - data_start > MAX_SNIPPET {
            let from = floor_char_boundary(self.text, start.saturating_sub(WINDOW));
            if from > data_start {
                data_start = from;
                ctx_first = first_line;
            }
            let to = ceil_char_boundary(self.text, span_end.saturating_add(WINDOW));
            if to < data_end {
                data_end = to;
                ctx_last = self.index.line_of(to.saturating_sub(1));
                line_count = ctx_last;
            }
        }
        // miette splits the snippet into lines at `\n` only: with lone `\r` line breaks it
        // would show the context as one line under the wrong number. Show the span's own
        // lines then, without their breaks.
        // Only snippets (cut to a window above) are scanned: the header's request (no context)
        // reaches to the end of the line, and scanning that for every finding on a line of
        // megabytes made the output quadratic in the line's length.
        let lone_cr = || {
            let data = &self.text.as_bytes()[data_start..data_end];
            data.iter()
                .enumerate()
                .any(|(i, &b)| b == b'\r' && data.get(i + 1) != Some(&b'\n'))
        };
        if before > 0 && last_line == first_line && lone_cr() {
            let line_start = self.index.line_start(first_line);
            if data_start < line_start {
                data_start = line_start;
                ctx_first = first_line;
            }
            let line_end = self.text[data_start..]
                .find(['\r', '\n'])
                .map_or(len, |i| data_start + i);
            data_end = data_end.min(line_end.max(span_end));
            line_count = first_line;
        }
        let column = if before == 0 || data_start > self.index.line_start(ctx_first) {
            self.index.line_col(self.text, data_start).1 - 1
        } else {
            0
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
        // The header names the primary span, which must be where the finding is, as in every
        // other format. miette draws overlapping spans on one line poorly, so a label that
        // starts where the span starts stands for the span (the claim word of a claim). When
        // none does (a wrong disclaimer labelled at the claim that needs it, a link labelled
        // at its text), the span itself is the primary one and the labels are secondary.
        let span_of = |s: crate::diagnostic::Span| SourceSpan::from((s.start, s.len()));
        let primary_label = d.labels.iter().position(|l| l.span.start == d.span.start);
        let primary = match primary_label {
            Some(i) => LabeledSpan::new_primary_with_span(
                Some(d.labels[i].text.clone()),
                span_of(d.labels[i].span),
            ),
            None => LabeledSpan::new_primary_with_span(None, span_of(d.span)),
        };
        let others = d
            .labels
            .iter()
            .enumerate()
            .filter(move |(i, _)| Some(*i) != primary_label)
            // A finding that names thousands of mentions (a page that lists a disease on
            // every line) draws the first few; its message counts the rest, and the JSON and
            // SARIF reports keep every one.
            .take(MAX_LABELS)
            .map(move |(_, l)| LabeledSpan::new_with_span(Some(l.text.clone()), span_of(l.span)));
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

/// The most secondary labels drawn under one finding.
const MAX_LABELS: usize = 12;

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
        // Not at the hyphens of `claimlint-disable-line` or `us-fda/disease-claim`.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_context_lines(1);
    let source = IndexedSource::new(name, text, index);
    let mut out = String::new();
    // A page linted for the default market alone says nothing of markets, as before they
    // existed; otherwise every finding names its markets.
    let show_markets = findings.iter().any(|f| {
        !f.diagnostic.markets.is_empty() && f.diagnostic.markets != [crate::market::DEFAULT]
    });
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
        if show_markets && let Some(m) = crate::market::describe(&f.diagnostic.markets) {
            out.push_str(&format!("  note: {m}\n"));
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

    #[test]
    fn a_very_long_line_is_shown_as_a_window_around_the_span() {
        let line = "Our tea supports calm. ".repeat(5000);
        let text = format!("{line}It prevents migraines. {line}\n");
        let index = LineIndex::new(&text);
        let start = line.len() + 3;
        let span = SourceSpan::from((start, 8));
        let source = IndexedSource::new("t", &text, &index);
        let window = source.read_span(&span, 1, 1).unwrap();
        let data = std::str::from_utf8(window.data()).unwrap();
        assert!(data.len() <= 2 * WINDOW + 8 + 4, "{} bytes", data.len());
        assert!(data.contains("It prevents migraines."), "{data}");
        assert_eq!(window.span().offset(), start - WINDOW);
        assert_eq!(window.line(), 0);
        assert_eq!(window.column(), start - WINDOW);
        // The header position is still the span's own.
        let header = source.read_span(&span, 0, 0).unwrap();
        assert_eq!((header.line(), header.column()), (0, start));
    }
}
