//! The layout the HTML reader records for panels: table rows (`<tr>`, and a `<dt>` with the
//! `<dd>`s after it), grid rows (a `<div class="row">` whose cells are its child `<div>`s)
//! and cell breaks (see [`crate::document::Layout`]).

use super::Parser;
use super::tags::Tag;
use crate::diagnostic::Span;

/// A block element the markup calls a row (`role="row"`, or a class such as `row` or
/// `facts-row`), read as one table row when its children are leaves: a CSS grid panel's
/// `<div class="row"><div>Magnesium</div><div>200 mg</div></div>`. A child that holds
/// blocks of its own (a page layout's `row` of columns of paragraphs) makes it no row.
pub(super) struct GridRow {
    /// Its index in the stack of open elements.
    depth: usize,
    /// Where its start tag starts.
    start: usize,
}

/// Whether a class token names a row: `row`, `facts-row`, `nutrient_row`, `row-item`.
fn is_row_class(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    t == "row" || t.ends_with("-row") || t.ends_with("_row") || t.starts_with("row-")
}

impl Parser<'_> {
    /// End the table row being read at source offset `end`.
    pub(super) fn close_row(&mut self, end: usize) {
        if let Some(start) = self.row_start.take()
            && end > start
        {
            self.doc.layout.rows.push(Span::new(start, end));
        }
    }

    /// Rows: a `<tr>` or `<dt>` starts one, the end of a row, table or list ends it.
    pub(super) fn row_start_tag(&mut self, name: &str, at: usize) {
        match name {
            "tr" | "dt" => {
                self.close_row(at);
                self.row_start = Some(at);
            }
            "table" | "tbody" | "thead" | "tfoot" | "dl" => self.close_row(at),
            _ => {}
        }
    }

    /// A block start tag: one inside a cell of a grid row makes that row a layout of blocks,
    /// not a row of cells.
    pub(super) fn grid_row_child(&mut self, name: &str) {
        if let Some(g) = &self.grid_row
            && self.open.len() > g.depth + 1
            && !super::elements::VOID.contains(&name)
        {
            self.grid_row = None;
        }
    }

    /// After a block element opened at `at`: a row, when its attributes call it one and no
    /// table or grid row is being read.
    pub(super) fn grid_row_start(&mut self, tag: &Tag, at: usize) {
        if self.grid_row.is_some() || self.row_start.is_some() {
            return;
        }
        let attr_is = |name: &str, test: &dyn Fn(&str) -> bool| {
            tag.attr(name)
                .is_some_and(|r| self.src[r.clone()].split_ascii_whitespace().any(test))
        };
        if attr_is("role", &|r| r.eq_ignore_ascii_case("row")) || attr_is("class", &is_row_class) {
            self.grid_row = Some(GridRow {
                depth: self.open.len() - 1,
                start: at,
            });
        }
    }

    /// After a block end tag that ends at `end`: the grid row, when it is now closed.
    pub(super) fn grid_row_end(&mut self, end: usize) {
        if let Some(g) = &self.grid_row
            && self.open.len() <= g.depth
        {
            let start = g.start;
            self.grid_row = None;
            if self.row_start.is_none()
                && self.doc.layout.rows.last().is_none_or(|r| r.end <= start)
            {
                self.doc.layout.rows.push(Span::new(start, end));
            }
        }
    }

    /// A `<pre>` skipped as code ended at `end`: plain text in it (no markup, no character
    /// references) is kept for the label reader, which reads it as a plain-text file's lines.
    pub(super) fn pre_text_end(&mut self, end: usize) {
        if let Some(start) = self.pre_start.take()
            && start < end
            && !self.src[start..end].contains(['<', '&'])
        {
            self.doc.layout.code.push(Span::new(start, end));
        }
    }

    /// Rows end at `</tr>` (after it) and at the end of a table or list (before it).
    pub(super) fn row_end_tag(&mut self, name: &str, at: usize, end: usize) {
        match name {
            "tr" => self.close_row(end),
            "table" | "tbody" | "thead" | "tfoot" | "dl" => self.close_row(at),
            _ => {}
        }
    }
}
