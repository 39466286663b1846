//! Label facts outside a panel: a line that says what one unit holds ("Each scoop (5 g)
//! provides: Magnesium (as citrate) 300 mg, Zinc 15 mg"), and label-style rows on lines of
//! their own ("Zinc 50 mg", "Vitamin D3: 125 mcg (5,000 IU)", a specification table's
//! "Elemental iron per tablet | 65 mg"). Consecutive rows are one panel with no serving size;
//! a row whose name says "per tablet" is a panel of one tablet.

use super::lines::{Cell, Line};
use super::quantity::{self, unit_noun};
use super::{Panel, PanelKind, Row, Serving, row};
use crate::diagnostic::Span;
use regex::Regex;
use std::sync::LazyLock;

/// "Each scoop (5 g) provides:", "Per serving (2 capsules):", "One softgel contains:".
static PER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:each|every|one|per|1)\s+(?:([0-9]+(?:\.[0-9]+)?)\s*)?([a-z][a-z\- ]{0,30}?)\s*(?:\(([^)]*)\))?\s*(?:contains|provides|supplies|delivers|has|holds|gives|offers)?\s*:\s*")
        .expect("valid per-unit regex")
});

/// Words that make a name prose, not a label row ("Take 50 mg", "up to 400 mg").
const PROSE: &[&str] = &[
    "take",
    "takes",
    "taking",
    "took",
    "is",
    "are",
    "was",
    "were",
    "be",
    "can",
    "may",
    "should",
    "will",
    "we",
    "you",
    "your",
    "our",
    "i",
    "my",
    "it",
    "this",
    "that",
    "than",
    "up",
    "about",
    "over",
    "under",
    "above",
    "below",
    "only",
    "just",
    "least",
    "most",
    "more",
    "less",
    "with",
    "contains",
    "contain",
    "provides",
    "provide",
    "providing",
    "delivers",
    "get",
    "gets",
    "has",
    "have",
    "had",
    "to",
    "of",
    "and",
    "or",
    "from",
    "daily",
    "day",
    "a",
    "an",
    "the",
    "if",
    "for",
    "as",
    "at",
    "in",
    "on",
    "by",
    "each",
    "every",
    "why",
    "how",
    "what",
    "when",
];

/// A row read from one item of a list: "Magnesium (as citrate) 300 mg" or "300 mg of zinc".
fn item_row(cell: &Cell<'_>) -> Option<Row> {
    let found = quantity::amounts(cell.text);
    if let Some(f) = found.first().filter(|f| f.range.start == 0) {
        // "300 mg of magnesium": the name after the amount.
        let rest = &cell.text[f.range.end..];
        let lead = rest.len() - rest.trim_start().len();
        let after = rest.trim_start();
        let skip = if after.to_lowercase().starts_with("of ") {
            3
        } else {
            0
        };
        let name = cell.slice(f.range.end + lead + skip..cell.text.len());
        let mut r = row::parse(&[name])?;
        r.amount = Some(super::Quantity {
            value: f.value,
            unit: f.unit,
            basis: f.basis,
            text: cell.text[f.range.clone()].to_string(),
            span: cell.span(f.range.clone()),
        });
        r.span = cell.whole();
        return Some(r);
    }
    row::parse(&[*cell]).filter(|r| r.amount.is_some())
}

/// Split `cell` at commas and semicolons outside parentheses.
fn list_items<'a>(cell: &Cell<'a>) -> Vec<Cell<'a>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    for (i, b) in cell.text.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b',' | b';' if depth == 0 => {
                out.push(cell.slice(from..i));
                from = i + 1;
            }
            _ => {}
        }
    }
    out.push(cell.slice(from..cell.text.len()));
    out.retain(|c| !c.text.is_empty());
    out
}

/// What a line that says what a unit holds gives.
pub(super) enum PerUnit {
    /// A panel, rows and all: "Each scoop provides: Magnesium 300 mg, Zinc 15 mg".
    Panel(Panel),
    /// The head of a panel whose rows follow on the next lines: "Each capsule contains:",
    /// a column head "Per 2 capsules", "Medicinal ingredients (per tablet)".
    Opens(PanelKind, Serving),
}

/// A column head that says what the amounts below it are for: "Per 2 capsules", "Per
/// tablet", "Medicinal ingredients (per tablet)", and a Canadian label's "Medicinal
/// ingredients (each 10 mL):".
static PER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?:[a-z -]*\(\s*)?(?:amount\s+)?per|[a-z][a-z -]*\(\s*each)\s+(?:({c})\s+)?([a-z][a-z -]{{0,30}}?)\s*\)?\s*:?\s*$",
        c = quantity::COUNT
    ))
    .expect("valid per-head regex")
});

/// A line that says what one unit holds.
pub(super) fn per_unit(line: &Line<'_>) -> Option<PerUnit> {
    if let Some(head) = line.cells.iter().find_map(|c| {
        let caps = PER_HEAD.captures(c.text)?;
        let n = caps
            .get(1)
            .map_or(Some(1.0), |m| quantity::count(m.as_str()))?;
        let (unit, _) = unit_noun(&caps[2].to_lowercase())?;
        // The serving in its own words ("2 capsules", "10 mL"), not the whole head.
        let from = caps.get(1).map_or(caps.get(2)?.start(), |m| m.start());
        let text = c.text[from..caps.get(2)?.end()].to_string();
        (unit != "serving").then(|| Serving {
            count: n,
            unit: Some(unit),
            weight: None,
            also: None,
            text,
            span: c.whole(),
        })
    }) {
        return Some(PerUnit::Opens(PanelKind::Loose, head));
    }
    let first = line.cells.first()?;
    let caps = PER_UNIT.captures(first.text)?;
    let words = caps[2].to_lowercase();
    let (mut unit, _) = unit_noun(&words)?;
    // "Each 1 ml (approx. 20 drops) contains:".
    let mut count = caps
        .get(1)
        .and_then(|m| quantity::count(m.as_str()))
        .filter(|&n| n > 0.0)
        .unwrap_or(1.0);
    let mut weight = None;
    let mut also = None;
    if let Some(inner) = caps.get(3) {
        // "Per serving (2 capsules)": the serving in units; "Each scoop (5 g)": its weight.
        let text = inner.as_str().to_lowercase();
        let amounts = quantity::amounts(inner.as_str());
        if let Some(f) = amounts.first() {
            let range = inner.start() + f.range.start..inner.start() + f.range.end;
            weight = Some(super::Quantity {
                value: f.value,
                unit: f.unit,
                basis: f.basis,
                text: first.text[range.clone()].to_string(),
                span: first.span(range),
            });
        } else if unit == "serving"
            && let Some((n, rest)) = text.split_once(' ')
            && let Some(n) = quantity::count(n)
            && let Some((u, _)) = unit_noun(rest.trim())
        {
            count = n;
            unit = u;
        } else {
            also = quantity::counted_as(&text).filter(|&(_, u)| u != unit);
        }
    }
    let lead = caps.get(0).expect("group 0");
    let serving = Serving {
        count,
        unit: Some(unit),
        weight,
        also,
        text: first.text[..lead.end()]
            .trim_end_matches([':', ' '])
            .to_string(),
        span: first.span(0..lead.end()),
    };
    let list = first.slice(lead.end()..first.text.len());
    let rows: Vec<Row> = list_items(&list).iter().filter_map(item_row).collect();
    if rows.is_empty() {
        return list
            .text
            .is_empty()
            .then_some(PerUnit::Opens(PanelKind::PerUnit, serving));
    }
    let mut panel = Panel::new(PanelKind::PerUnit, line.span());
    panel.serving = Some(serving);
    panel.rows = rows;
    Some(PerUnit::Panel(panel))
}

/// Whether a row read from a line of its own is a label-style row: a short name of a few
/// words, an amount, and after it at most a %DV or "per capsule".
fn label_style(row: &Row, line: &Line<'_>) -> Option<Option<(&'static str, Span)>> {
    let amount = row.amount.as_ref()?;
    let last = line.cells.last().map_or("", |c| c.text);
    if !matches!(amount.unit, quantity::QuantityUnit::Mass(_)) || last.ends_with(['?', '!']) {
        return None;
    }
    let name = row.name.text.to_lowercase();
    let words: Vec<&str> = name
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 || !name.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    // "Elemental iron per tablet": the row is for one tablet.
    let mut per = None;
    if let Some(at) = words.iter().position(|w| *w == "per" || *w == "each")
        && at + 1 < words.len()
        && let Some((u, _)) = unit_noun(&words[at + 1..].join(" "))
    {
        per = Some((u, row.name.span));
        if at == 0 {
            return None;
        }
    }
    let body = per.map_or(&words[..], |_| {
        &words[..words
            .iter()
            .position(|w| *w == "per" || *w == "each")
            .unwrap_or(words.len())]
    });
    if body.iter().any(|w| PROSE.contains(w)) || name.contains(['.', '!', '?']) {
        return None;
    }
    // Nothing but a %DV (or the alternate amount) besides the name and the amount.
    let mut rest = line.joined();
    let parts = [
        Some(&row.name.text),
        row.qualifier.as_ref().map(|q| &q.text),
        Some(&amount.text),
        row.alternate.as_ref().map(|a| &a.text),
        row.daily_value.as_ref().map(|d| &d.text),
    ];
    for part in parts.into_iter().flatten() {
        if let Some(at) = rest.find(part.as_str()) {
            rest.replace_range(at..at + part.len(), " ");
        }
    }
    let tail = rest
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (tail == 0).then_some(per)
}

/// Label-style rows waiting to become a panel.
#[derive(Debug, Default)]
pub(super) struct Loose {
    rows: Vec<Row>,
    /// Rows that are panels of their own ("per tablet"), in order.
    pending_panels: Vec<Panel>,
}

impl Loose {
    /// A line outside any panel: kept when it reads as a label-style row.
    pub(super) fn offer(&mut self, line: &Line<'_>) {
        let Some(r) = row::parse(&line.cells) else {
            return;
        };
        match label_style(&r, line) {
            Some(Some((unit, span))) => {
                // A row of its own: what one unit holds.
                let mut p = Panel::new(PanelKind::Loose, r.span);
                p.serving = Some(Serving {
                    count: 1.0,
                    unit: Some(unit),
                    weight: None,
                    also: None,
                    text: format!("1 {unit}"),
                    span,
                });
                p.rows.push(r);
                self.pending_panels.push(p);
            }
            Some(None) => self.rows.push(r),
            None => {}
        }
    }

    /// End the run of rows: they become a panel.
    pub(super) fn flush(&mut self, panels: &mut Vec<Panel>) {
        panels.append(&mut self.pending_panels);
        if self.rows.is_empty() {
            return;
        }
        let rows = std::mem::take(&mut self.rows);
        let span = Span::new(rows[0].span.start, rows[rows.len() - 1].span.end);
        let mut p = Panel::new(PanelKind::Loose, span);
        p.rows = rows;
        panels.push(p);
    }
}
