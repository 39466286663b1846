//! What the parsers saw of a page's layout that prose blocks do not keep: which table cells
//! share a row (`<tr>`, a Markdown table line, a `<dt>` with the `<dd>`s after it), and where
//! inside a block one inline element ended and the next began with nothing but white space
//! between them (the cells of a `<div>` grid of `<span>`s, which read as one run of text),
//! and the Markdown code blocks, whose lines a plain-text panel may be drawn in. The label
//! reader uses both to read Supplement Facts panels; rules never look at them.

use crate::diagnostic::Span;

/// Rows and cell breaks, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The source span of each table row, in order, not overlapping.
    pub rows: Vec<Span>,
    /// Source offsets where one inline element's end tag is followed by another's start tag.
    pub breaks: Vec<usize>,
    /// The source span of each Markdown code block (fences included) and of the text of each
    /// HTML `<pre>` that holds no markup, in order. Rules never read code; a label drawn in
    /// columns inside one is still the product's label.
    pub code: Vec<Span>,
    /// The source span of each HTML `<nav>`, in order: a site's menu, which names its aisles
    /// ("Cold, Flu & Allergy"), not the product on the page.
    pub navigation: Vec<Span>,
}

impl Layout {
    /// The index of the row that holds source offset `at`.
    pub fn row_at(&self, at: usize) -> Option<usize> {
        let i = self.rows.partition_point(|r| r.end <= at);
        self.rows
            .get(i)
            .filter(|r| r.start <= at && at < r.end)
            .map(|_| i)
    }

    /// Whether `span` lies inside a `<nav>`.
    pub fn in_navigation(&self, span: Span) -> bool {
        let i = self.navigation.partition_point(|n| n.end < span.end);
        self.navigation
            .get(i)
            .is_some_and(|n| n.start <= span.start && span.end <= n.end)
    }

    /// The breaks inside `span`.
    pub fn breaks_in(&self, span: Span) -> &[usize] {
        let lo = self.breaks.partition_point(|&b| b <= span.start);
        let hi = self.breaks.partition_point(|&b| b < span.end);
        &self.breaks[lo..hi.max(lo)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_breaks_are_found_by_position() {
        let layout = Layout {
            rows: vec![Span::new(10, 20), Span::new(20, 30)],
            breaks: vec![5, 12, 15, 25],
            code: Vec::new(),
            navigation: vec![Span::new(40, 60), Span::new(70, 80)],
        };
        assert!(layout.in_navigation(Span::new(41, 59)));
        assert!(layout.in_navigation(Span::new(70, 80)));
        assert!(!layout.in_navigation(Span::new(55, 65)));
        assert!(!layout.in_navigation(Span::new(61, 69)));
        assert_eq!(layout.row_at(9), None);
        assert_eq!(layout.row_at(10), Some(0));
        assert_eq!(layout.row_at(20), Some(1));
        assert_eq!(layout.row_at(30), None);
        assert_eq!(layout.breaks_in(Span::new(10, 20)), &[12, 15]);
        assert_eq!(layout.breaks_in(Span::new(12, 15)), &[] as &[usize]);
    }
}
