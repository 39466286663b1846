//! The layout the HTML reader records for panels: table rows (`<tr>`, and a `<dt>` with the
//! `<dd>`s after it) and cell breaks (see [`crate::document::Layout`]).

use super::Parser;
use crate::diagnostic::Span;

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

    /// Rows end at `</tr>` (after it) and at the end of a table or list (before it).
    pub(super) fn row_end_tag(&mut self, name: &str, at: usize, end: usize) {
        match name {
            "tr" => self.close_row(end),
            "table" | "tbody" | "thead" | "tfoot" | "dl" => self.close_row(at),
            _ => {}
        }
    }
}
