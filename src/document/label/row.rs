//! One row of a panel from its cells: the name with its form ("Magnesium (as magnesium
//! glycinate)"), the amount per serving and a second amount in parentheses ("125 mcg (5,000
//! IU)"), and the %DV as stated. The amount is the first one outside parentheses, in its own
//! cell when the row has one ("Zinc | 25 mg 227%"), else after the name in the same cell
//! ("Total Carbohydrate 4 g").

use super::lines::Cell;
use super::quantity::{self, Found, QuantityUnit};
use super::{DailyValue, Quantity, Row, Text};
use crate::diagnostic::Span;
use regex::Regex;
use std::sync::LazyLock;

/// The first amount in `text` that lies outside parentheses and starts at or after `from`.
fn amount_outside_parens(text: &str, from: usize) -> Option<Found> {
    let mut depth = Vec::with_capacity(text.len() + 1);
    let mut d = 0i32;
    for b in text.bytes() {
        depth.push(d);
        match b {
            b'(' | b'[' => d += 1,
            b')' | b']' => d = (d - 1).max(0),
            _ => {}
        }
    }
    depth.push(d);
    quantity::amounts(text)
        .into_iter()
        .find(|f| f.range.start >= from && depth[f.range.start] == 0)
}

fn quantity(cell: &Cell<'_>, f: &Found) -> Quantity {
    Quantity {
        value: f.value,
        unit: f.unit,
        basis: f.basis,
        text: cell.text[f.range.clone()].to_string(),
        span: cell.span(f.range.clone()),
    }
}

fn text_of(cell: &Cell<'_>) -> Text {
    Text {
        text: cell.text.to_string(),
        span: cell.whole(),
    }
}

/// "(5,000 IU)" right after an amount.
static ALTERNATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[\(\[]\s*([^()\[\]]*?)\s*[\)\]]").expect("valid regex"));

/// "Calories 15", "Calories: 15".
static CALORIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(calories(?:\s+from\s+fat)?)\s*:?\s*([0-9]+)?").expect("valid regex")
});

/// What follows the amount: the alternate amount and the %DV, read from `rest` (the
/// remainder of the amount's cell) and then the cells after it.
fn after_amount(rest: &Cell<'_>, later: &[Cell<'_>]) -> (Option<Quantity>, Option<DailyValue>) {
    let mut alternate = None;
    let mut dv_from = 0;
    if let Some(caps) = ALTERNATE.captures(rest.text) {
        let inner = caps.get(1).expect("group 1");
        let found = quantity::amounts(inner.as_str());
        if let Some(f) = found.first() {
            let shifted = Found {
                range: inner.start() + f.range.start..inner.start() + f.range.end,
                ..f.clone()
            };
            alternate = Some(quantity(rest, &shifted));
            dv_from = caps.get(0).expect("group 0").end();
        }
    }
    let dv = std::iter::once(rest.slice(dv_from..rest.text.len()))
        .chain(later.iter().copied())
        .find_map(|c| daily_value(&c));
    (alternate, dv)
}

fn daily_value(cell: &Cell<'_>) -> Option<DailyValue> {
    let found = quantity::daily_value(cell.text)?;
    // The %DV opens its cell (or the rest of the amount's cell): "13% anthocyanins" in a
    // name is not one.
    if !cell.text[..found.range.start].trim().is_empty() {
        return None;
    }
    Some(DailyValue {
        value: found.value,
        symbol: found.symbol,
        text: cell.text[found.range.clone()].to_string(),
        span: cell.span(found.range),
    })
}

/// The name, its qualifier in parentheses and the form after "as" in it.
fn name_parts(cell: &Cell<'_>) -> (Text, Option<Text>, Option<Text>) {
    let text = cell
        .text
        .trim_end_matches([':', '-', '–', '—', '|', ' ', ',']);
    let trimmed = cell.slice(0..text.len());
    let Some(open) = trimmed.text.find(['(', '[']) else {
        return (text_of(&trimmed), None, None);
    };
    let head = trimmed.slice(0..open);
    let qualifier = trimmed.slice(open..trimmed.text.len());
    let form = form_in(&qualifier);
    let head = if head.text.is_empty() {
        // "(85-95% fatty acids)" continues the name above: it is all qualifier.
        Text {
            text: String::new(),
            span: Span::new(qualifier.whole().start, qualifier.whole().start),
        }
    } else {
        text_of(&head)
    };
    (head, Some(text_of(&qualifier)), form)
}

/// The form named after "as" in a qualifier: "(as magnesium bisglycinate chelate)".
fn form_in(qualifier: &Cell<'_>) -> Option<Text> {
    static AS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?:^|[\s(\[])as\s+([^,;()\[\]]+)").expect("valid"));
    let caps = AS.captures(qualifier.text)?;
    let m = caps.get(1)?;
    let form = qualifier.slice(m.range());
    (!form.text.is_empty()).then(|| text_of(&form))
}

/// Read one row from its cells; `None` when there is no name and no amount.
pub(super) fn parse(cells: &[Cell<'_>]) -> Option<Row> {
    let first = cells.first()?;
    let span = Span::new(first.whole().start, cells.last()?.whole().end);
    let calories = CALORIES.captures(first.text);
    let opening = |c: &Cell<'_>| {
        quantity::amounts(c.text)
            .into_iter()
            .next()
            .filter(|f| f.range.start == 0)
    };
    // An amount that opens a later cell: the first cell is the name. Otherwise the amount is
    // in the name's cell, after a letter.
    let in_later = (1..cells.len()).find_map(|k| opening(&cells[k]).map(|f| (k, f)));
    let from = first
        .text
        .find(char::is_alphabetic)
        .unwrap_or(first.text.len());
    type Parts<'c, 'a> = (Cell<'a>, Option<Quantity>, Option<Cell<'a>>, &'c [Cell<'a>]);
    let (name_cell, amount, rest, later): Parts<'_, '_> = match in_later {
        Some((k, f)) => {
            let c = &cells[k];
            (
                *first,
                Some(quantity(c, &f)),
                Some(c.slice(f.range.end..c.text.len())),
                &cells[k + 1..],
            )
        }
        None => match amount_outside_parens(first.text, from) {
            Some(f) => (
                first.slice(0..f.range.start),
                Some(quantity(first, &f)),
                Some(first.slice(f.range.end..first.text.len())),
                &cells[1..],
            ),
            None => (*first, None, None, &cells[1..]),
        },
    };
    let (name, qualifier, form) = name_parts(&name_cell);
    let (alternate, daily_value) = match &rest {
        Some(r) => after_amount(r, later),
        None => (None, later.iter().find_map(daily_value)),
    };
    let mut amount = amount;
    let mut name = name;
    if amount.is_none()
        && let Some(caps) = calories
    {
        // "Calories 15" or "Calories | 15": a figure with no unit.
        let figure = caps.get(2).map(|m| (first, m.range())).or_else(|| {
            later.first().and_then(|c| {
                let digits = c.text.bytes().take_while(u8::is_ascii_digit).count();
                (digits > 0).then_some((c, 0..digits))
            })
        });
        if let Some((cell, range)) = figure {
            amount = Some(Quantity {
                value: cell.text[range.clone()].parse().unwrap_or(0.0),
                unit: QuantityUnit::Calories,
                basis: None,
                text: cell.text[range.clone()].to_string(),
                span: cell.span(range),
            });
            let m = caps.get(1).expect("group 1");
            name = text_of(&first.slice(m.range()));
        }
    }
    if name.text.is_empty() && qualifier.is_none() && amount.is_none() {
        return None;
    }
    Some(Row {
        name,
        form,
        qualifier,
        amount,
        alternate,
        daily_value,
        depth: 0,
        parent: None,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::super::lines;
    use super::*;
    use crate::document::label::DvValue;
    use crate::document::{Document, Format};

    /// A row as (name, form, amount, alternate, %DV).
    type Read = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );

    /// Each line of plain text read as a row.
    fn rows(src: &str) -> Vec<Read> {
        let doc = Document::parse(src.into(), Format::Text);
        lines::text_lines(&doc)
            .iter()
            .filter_map(|l| parse(&l.cells))
            .map(|r| {
                let at = |s: Span| doc.source[s.start..s.end].to_string();
                assert_eq!(at(r.name.span), r.name.text, "the name's span");
                (
                    r.name.text,
                    r.form.map(|f| f.text),
                    r.amount.map(|a| at(a.span)),
                    r.alternate.map(|a| at(a.span)),
                    r.daily_value.map(|d| at(d.span)),
                )
            })
            .collect()
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn names_forms_amounts_and_daily_values() {
        let got = rows(
            "Vitamin D3 (as cholecalciferol)        25 mcg (1,000 IU)     125%\n\
             Zinc (as zinc citrate) 25 mg 227%\n\
             Folate (400 mcg folic acid)   667 mcg DFE   167%\n\
             Black Elderberry Extract (Sambucus nigra fruit, 13% anthocyanins)  150 mg †\n\
             Total Carbohydrate 4 g  1%*\n\
             Zinc 50 mg\n\
             Calories 15\n\
             Lutein (from marigold extract)   500 mcg   **\n",
        );
        assert_eq!(
            got,
            [
                (
                    "Vitamin D3".into(),
                    s("cholecalciferol"),
                    s("25 mcg"),
                    s("1,000 IU"),
                    s("125%")
                ),
                (
                    "Zinc".into(),
                    s("zinc citrate"),
                    s("25 mg"),
                    None,
                    s("227%")
                ),
                ("Folate".into(), None, s("667 mcg DFE"), None, s("167%")),
                (
                    "Black Elderberry Extract".into(),
                    None,
                    s("150 mg"),
                    None,
                    s("†")
                ),
                ("Total Carbohydrate".into(), None, s("4 g"), None, s("1%*")),
                ("Zinc".into(), None, s("50 mg"), None, None),
                ("Calories".into(), None, s("15"), None, None),
                ("Lutein".into(), None, s("500 mcg"), None, s("**")),
            ]
        );
    }

    #[test]
    fn rows_without_an_amount_keep_their_name() {
        let got = rows(
            "Saw Palmetto Berry Extract (Serenoa repens)\nVitamin A (50% as beta-carotene, 50% as\n",
        );
        assert_eq!(got[0].0, "Saw Palmetto Berry Extract");
        assert_eq!(got[0].2, None);
        assert_eq!(got[1].0, "Vitamin A");
        assert_eq!(got[1].1, s("beta-carotene"));
        assert_eq!(got[1].4, None, "50% in the name is not a %DV");
    }

    #[test]
    fn less_than_one_percent() {
        let doc = Document::parse("Sodium   5 mg   <1%\n".into(), Format::Text);
        let l = lines::text_lines(&doc);
        let r = parse(&l[0].cells).unwrap();
        assert_eq!(r.daily_value.unwrap().value, DvValue::LessThanOne);
    }
}
