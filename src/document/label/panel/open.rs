//! A panel being read: its rows nested as they are added (by indentation, under a blend,
//! by name), a row with no amount waiting for the line that continues it, and the blends
//! found when the panel closes.

use super::super::lines::LineKind;
use super::super::{Blend, Panel, PanelKind, Row, Text};
use crate::diagnostic::Span;

/// Words that make a row a proprietary blend when members follow it.
const BLEND_WORDS: &[&str] = &["blend", "proprietary", "complex", "matrix", "formula"];

/// Names that are nested under the row above them on a panel.
const SUB_ROWS: &[&str] = &[
    "saturated fat",
    "trans fat",
    "polyunsaturated fat",
    "monounsaturated fat",
    "dietary fiber",
    "soluble fiber",
    "insoluble fiber",
    "total sugars",
    "sugars",
    "added sugars",
    "sugar alcohol",
];

pub(super) fn is_blend(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| BLEND_WORDS.contains(&w))
}

/// A panel being read.
pub(super) struct Open {
    pub(super) panel: Panel,
    /// Lines since the last one that belonged to the panel.
    pub(super) idle: usize,
    /// The indentation of the first row (plain text).
    pub(super) base_indent: Option<usize>,
    /// A row with no amount, waiting to see whether the next line continues it.
    pub(super) pending: Option<(Row, usize, LineKind)>,
    /// The top-level row that nested rows go under, and whether it is a blend.
    pub(super) top: Option<(usize, bool)>,
}

impl Open {
    pub(super) fn new(kind: PanelKind, span: Span) -> Open {
        Open {
            panel: Panel::new(kind, span),
            idle: 0,
            base_indent: None,
            pending: None,
            top: None,
        }
    }

    pub(super) fn extend(&mut self, span: Span) {
        self.panel.span = Span::new(
            self.panel.span.start.min(span.start),
            self.panel.span.end.max(span.end),
        );
        self.idle = 0;
    }

    /// Add a row, nested as its indentation, its name and the rows before it say.
    pub(super) fn push_row(&mut self, mut row: Row, indent: usize) {
        let base = *self.base_indent.get_or_insert(indent);
        let lower = row.name.text.to_lowercase();
        let top = self.top;
        let nested_name = lower.starts_with("includes")
            || lower.starts_with("of which")
            || SUB_ROWS.contains(&lower.as_str());
        let member = top.is_some_and(|(t, blend)| {
            blend && (row.amount.is_none() || indent > base) && t < self.panel.rows.len()
        });
        if let Some((t, _)) = top
            && (indent > base || nested_name || member)
        {
            row.depth = if lower.starts_with("includes") && self.panel.rows.len() > t + 1 {
                2
            } else {
                1
            };
            row.parent = Some(if row.depth == 2 {
                self.panel.rows.len() - 1
            } else {
                t
            });
        } else {
            self.top = Some((self.panel.rows.len(), is_blend(&row.name.text)));
        }
        self.extend(row.span);
        self.panel.rows.push(row);
    }

    /// Settle a waiting row: a row of its own in a table or as a blend, else it was not one.
    pub(super) fn settle(&mut self) -> bool {
        let Some((row, indent, kind)) = self.pending.take() else {
            return true;
        };
        // A blend's members: in a table any row under it, in plain text the indented ones.
        let base = self.base_indent.unwrap_or(0);
        let member = self.top.is_some_and(|(_, blend)| blend)
            && (kind == LineKind::TableRow || indent > base);
        if kind == LineKind::TableRow || member || is_blend(&row.name.text) {
            self.push_row(row, indent);
            true
        } else {
            false
        }
    }

    pub(super) fn finish(mut self) -> Option<Panel> {
        self.settle();
        let mut panel = self.panel;
        if panel.rows.is_empty() {
            return None;
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); panel.rows.len()];
        for (j, r) in panel.rows.iter().enumerate() {
            if let Some(p) = r.parent {
                members[p].push(j);
            }
        }
        for (i, (r, members)) in panel.rows.iter().zip(members).enumerate() {
            if !is_blend(&r.name.text) {
                continue;
            }
            let proprietary = r.name.text.to_lowercase().contains("proprietary");
            if !members.is_empty() || proprietary {
                panel.blends.push(Blend { row: i, members });
            }
        }
        Some(panel)
    }
}

/// Join a row written on two lines: the name above, the rest on the indented line.
pub(super) fn continue_row(above: Row, below: Row) -> Row {
    let joined = |a: &Text, b: &Text| Text {
        text: format!("{} {}", a.text, b.text).trim().to_string(),
        span: Span::new(a.span.start, b.span.end.max(a.span.end)),
    };
    let (name, qualifier) = match (&above.qualifier, &below.qualifier) {
        // "Vitamin A (50% as beta-carotene, 50% as" + "retinyl acetate)".
        (Some(q), _) => {
            let tail = if below.name.text.is_empty() {
                below.qualifier.clone().unwrap_or(below.name.clone())
            } else {
                Text {
                    text: match &below.qualifier {
                        Some(bq) => format!("{} {}", below.name.text, bq.text),
                        None => below.name.text.clone(),
                    },
                    span: Span::new(
                        below.name.span.start,
                        below
                            .qualifier
                            .as_ref()
                            .map_or(below.name.span.end, |b| b.span.end),
                    ),
                }
            };
            (above.name.clone(), Some(joined(q, &tail)))
        }
        // "Saw Palmetto Berry Extract (Serenoa repens)" + "(85-95% fatty acids)".
        (None, Some(bq)) if below.name.text.is_empty() => (above.name.clone(), Some(bq.clone())),
        // "Milk Thistle Seed Extract" + "standardized to 80% silymarin".
        _ => (joined(&above.name, &below.name), below.qualifier.clone()),
    };
    Row {
        name,
        form: above.form.or(below.form),
        qualifier: match (above.qualifier.is_some(), qualifier) {
            (false, Some(q)) if !below.name.text.is_empty() || below.qualifier.is_some() => Some(q),
            (_, q) => q,
        },
        span: Span::new(above.span.start, below.span.end),
        ..below
    }
}

/// Whether the parenthesis count of `text` leaves one open.
pub(super) fn unbalanced(text: &str) -> bool {
    text.matches('(').count() > text.matches(')').count()
}
