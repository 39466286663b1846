//! The lines a panel is read from, each split into its cells: a plain-text line at runs of
//! two or more spaces (or a tab), a table row at its cells, any other block at its cell
//! breaks (the `<span>`s of a `<div>` grid).

use crate::diagnostic::Span;
use crate::document::{Block, BlockKind, Document, OffsetMap};
use std::ops::Range;

/// Where a cell's text stands.
#[derive(Debug, Clone, Copy)]
enum Origin<'a> {
    /// Verbatim in the source from this byte on (plain text).
    Source(usize),
    /// In a block's text from this offset on.
    Block(&'a OffsetMap, usize),
}

/// One cell of a line: its text (trimmed) and where it stands.
#[derive(Debug, Clone, Copy)]
pub(super) struct Cell<'a> {
    /// The words.
    pub text: &'a str,
    origin: Origin<'a>,
}

impl<'a> Cell<'a> {
    /// The source span of a range of the cell's text.
    pub fn span(&self, range: Range<usize>) -> Span {
        match self.origin {
            Origin::Source(at) => Span::new(at + range.start, at + range.end),
            Origin::Block(map, at) => map.span(at + range.start..at + range.end),
        }
    }

    /// The source span of the whole cell.
    pub fn whole(&self) -> Span {
        self.span(0..self.text.len())
    }

    /// The part of the cell from `range`, as a cell of its own (trimmed).
    pub fn slice(&self, range: Range<usize>) -> Cell<'a> {
        let raw = &self.text[range.clone()];
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        let shift = range.start + lead;
        Cell {
            text,
            origin: match self.origin {
                Origin::Source(at) => Origin::Source(at + shift),
                Origin::Block(map, at) => Origin::Block(map, at + shift),
            },
        }
    }
}

/// What a line is, as far as its markup says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineKind {
    /// A heading.
    Heading,
    /// A row of a table.
    TableRow,
    /// Anything else: a paragraph, a list item, a plain-text line.
    Other,
}

/// One line, with its cells.
#[derive(Debug, Clone)]
pub(super) struct Line<'a> {
    /// Its cells, left to right, none empty.
    pub cells: Vec<Cell<'a>>,
    /// Leading spaces of a plain-text line (a tab counts four); 0 otherwise.
    pub indent: usize,
    /// What the markup says it is.
    pub kind: LineKind,
}

impl Line<'_> {
    /// The cells' text joined with " | ", for patterns that read across cells.
    pub fn joined(&self) -> String {
        let texts: Vec<&str> = self.cells.iter().map(|c| c.text).collect();
        texts.join(" | ")
    }

    /// The whole line in the source.
    pub fn span(&self) -> Span {
        match (self.cells.first(), self.cells.last()) {
            (Some(a), Some(b)) => Span::new(a.whole().start, b.whole().end),
            _ => Span::default(),
        }
    }
}

/// Split `text` (standing at `origin`) into cells at `breaks` (text offsets).
fn split_at<'a>(text: &'a str, breaks: &[usize], origin: Origin<'a>, out: &mut Vec<Cell<'a>>) {
    let whole = Cell { text, origin };
    let mut from = 0;
    for &b in breaks.iter().chain(std::iter::once(&text.len())) {
        if b <= from || b > text.len() || !text.is_char_boundary(b) {
            continue;
        }
        let cell = whole.slice(from..b);
        if !cell.text.is_empty() {
            out.push(cell);
        }
        from = b;
    }
}

/// Where runs of two or more spaces, or tabs, split a plain-text line into columns.
fn column_breaks(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let tab = bytes[i] == b'\t';
        if tab || (bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&b| b == b' ' || b == b'\t')) {
            let mut j = i;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                j += 1;
            }
            out.push(j);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a line is a rule drawn with characters ("_____", "-----", "═════"): panels in
/// plain text draw them between their parts, and the rows run on across them.
fn is_rule_line(line: &str) -> bool {
    line.chars().count() >= 3
        && line.chars().all(|c| {
            matches!(
                c,
                '_' | '-' | '=' | '─' | '━' | '═' | '—' | '–' | '*' | '~' | ' '
            )
        })
}

/// The lines of a plain-text source. Blank lines and suppression comments are left out.
pub(super) fn text_lines(doc: &Document) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    source_lines(&doc.source, 0, &mut out);
    out
}

/// The lines of `text`, which stands in the source at `offset`, read as plain text.
fn source_lines<'a>(text: &'a str, offset: usize, out: &mut Vec<Line<'a>>) {
    for (start, end, _) in crate::document::text::lines(text) {
        let raw = &text[start..end];
        let start = start + offset;
        let trimmed = raw.trim_start();
        if trimmed.starts_with("<!--")
            || is_rule_line(trimmed.trim_end())
            || trimmed.starts_with("```")
            || trimmed.starts_with("~~~")
        {
            continue;
        }
        if trimmed.trim_end().is_empty() {
            // Blank lines end some runs of rows: they are kept as lines with no cells.
            if out.last().is_some_and(|l: &Line<'_>| !l.cells.is_empty()) {
                out.push(Line {
                    cells: Vec::new(),
                    indent: 0,
                    kind: LineKind::Other,
                });
            }
            continue;
        }
        let lead = raw.len() - trimmed.len();
        let indent = raw[..lead]
            .bytes()
            .map(|b| if b == b'\t' { 4 } else { 1 })
            .sum();
        let text = trimmed.trim_end();
        let mut cells = Vec::new();
        split_at(
            text,
            &column_breaks(text),
            Origin::Source(start + lead),
            &mut cells,
        );
        out.push(Line {
            cells,
            indent,
            kind: LineKind::Other,
        });
    }
}

/// A block's cells, split at the layout's cell breaks inside it.
fn block_cells<'a>(doc: &Document, block: &'a Block, out: &mut Vec<Cell<'a>>) {
    let span = block.source_span();
    let breaks: Vec<usize> = doc
        .layout
        .breaks_in(span)
        .iter()
        .map(|&b| block.map.text_at(b))
        .collect();
    split_at(&block.text, &breaks, Origin::Block(&block.map, 0), out);
}

/// The lines of a Markdown or HTML document: its blocks, with the cells of a table row
/// together. Blocks that are not on the page (front matter values, attribute text, JSON-LD)
/// are left out.
pub(super) fn block_lines<'a>(doc: &'a Document) -> Vec<Line<'a>> {
    let mut out: Vec<Line<'_>> = Vec::new();
    let mut last_row: Option<usize> = None;
    // Code blocks, read as plain text where they stand among the blocks.
    let mut code = doc.layout.code.iter().peekable();
    let mut code_before = |at: usize, out: &mut Vec<Line<'a>>| {
        while let Some(c) = code.next_if(|c| c.start < at) {
            source_lines(&doc.source[c.start..c.end], c.start, out);
        }
    };
    for block in &doc.blocks {
        if block.kind == BlockKind::FrontMatter {
            continue;
        }
        let start = block.source_span().start;
        code_before(start, &mut out);
        // Table cells, and `<dt>`/`<dd>` items, whose start lies in one row.
        let row = doc.layout.row_at(start);
        if let (Some(r), Some(line)) = (row, out.last_mut())
            && last_row == Some(r)
        {
            block_cells(doc, block, &mut line.cells);
            continue;
        }
        last_row = row;
        let mut cells = Vec::new();
        block_cells(doc, block, &mut cells);
        let kind = match (block.kind, row) {
            (BlockKind::Heading, _) => LineKind::Heading,
            (_, Some(_)) => LineKind::TableRow,
            _ => LineKind::Other,
        };
        out.push(Line {
            cells,
            indent: 0,
            kind,
        });
    }
    code_before(usize::MAX, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn cells(doc: &Document, lines: &[Line<'_>]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| {
                l.cells
                    .iter()
                    .map(|c| {
                        // The cell's span starts and ends with its words.
                        let s = &doc.source[c.whole().start..c.whole().end];
                        let first = c.text.split_whitespace().next().unwrap();
                        let last = c.text.split_whitespace().last().unwrap();
                        let (a, z) = (first.chars().next(), last.chars().next_back());
                        assert!(s.starts_with(a.unwrap()), "{s:?} for {:?}", c.text);
                        assert!(s.ends_with(z.unwrap()), "{s:?} for {:?}", c.text);
                        c.text.to_string()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn plain_text_columns_split_at_runs_of_spaces() {
        let src =
            "Supplement Facts\n\n  Zinc (as zinc gluconate)      60 mg    545%\n\tDHA\t480 mg\n";
        let doc = Document::parse(src.into(), Format::Text);
        let lines = text_lines(&doc);
        assert_eq!(
            cells(&doc, &lines),
            [
                vec!["Supplement Facts"],
                vec![],
                vec!["Zinc (as zinc gluconate)", "60 mg", "545%"],
                vec!["DHA", "480 mg"],
            ]
        );
        assert_eq!(lines[2].indent, 2);
        assert_eq!(lines[3].indent, 4);
    }

    #[test]
    fn markdown_table_rows_keep_their_cells_together() {
        let src = "## Supplement Facts\n\n| Serving Size 1 Tablet | |\n|---|---|\n| Iron (as ferrous sulfate) | 65 mg 361% |\n\nAfter.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        let lines = block_lines(&doc);
        assert_eq!(
            cells(&doc, &lines),
            [
                vec!["Supplement Facts"],
                vec!["Serving Size 1 Tablet"],
                vec!["Iron (as ferrous sulfate)", "65 mg 361%"],
                vec!["After."],
            ]
        );
        assert_eq!(lines[0].kind, LineKind::Heading);
        assert_eq!(lines[2].kind, LineKind::TableRow);
    }

    #[test]
    fn html_rows_and_span_grids() {
        let src = "<table><tr><td>Magnesium</td><td>200 mg</td><td>48%</td></tr>\n<tr><td>Glycine</td>\n<td>1,150 mg</td></tr></table>\n<div class=\"row\"><span>Zinc (as zinc citrate)</span><span>25 mg 227%</span></div><p>Mag<b>nesium</b> helps</p><dl><dt>Vitamin C</dt><dd>90 mg</dd></dl>";
        let doc = Document::parse(src.into(), Format::Html);
        let lines = block_lines(&doc);
        assert_eq!(
            cells(&doc, &lines),
            [
                vec!["Magnesium", "200 mg", "48%"],
                vec!["Glycine", "1,150 mg"],
                vec!["Zinc (as zinc citrate)", "25 mg 227%"],
                vec!["Magnesium helps"],
                vec!["Vitamin C", "90 mg"],
            ]
        );
    }

    #[test]
    fn div_grid_rows_whose_cells_are_divs() {
        let src = "<div role=\"table\"><div class=\"cell\">Serving Size 2 Capsules</div>\n<div class=\"row\"><div class=\"cell\">Magnesium (as glycinate)</div><div class=\"cell\">200 mg</div><div class=\"cell\">48%</div></div>\n<div role=\"row\"><div>Melatonin</div><div></div><div>3 mg</div></div></div>\n<div class=\"row\"><div class=\"col\"><p>One.</p><p>Two.</p></div><div class=\"col\"><h2>Three</h2></div></div>";
        let doc = Document::parse(src.into(), Format::Html);
        let lines = block_lines(&doc);
        assert_eq!(
            cells(&doc, &lines),
            [
                vec!["Serving Size 2 Capsules"],
                vec!["Magnesium (as glycinate)", "200 mg", "48%"],
                vec!["Melatonin", "3 mg"],
                // A page layout's row of columns holding paragraphs is no panel row.
                vec!["One."],
                vec!["Two."],
                vec!["Three"],
            ]
        );
        assert_eq!(lines[1].kind, LineKind::TableRow);
        assert_eq!(lines[3].kind, LineKind::Other);
    }

    #[test]
    fn markdown_code_blocks_are_read_as_plain_text_lines() {
        let src = "## Medicinal ingredients (per capsule)\n\n```text\nZinc (as zinc picolinate)     30 mg\n```\n\nTake one.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        let lines = block_lines(&doc);
        assert_eq!(
            cells(&doc, &lines),
            [
                vec!["Medicinal ingredients (per capsule)"],
                vec!["Zinc (as zinc picolinate)", "30 mg"],
                vec!["Take one."],
            ]
        );
    }
}
