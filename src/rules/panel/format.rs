//! The format of a Supplement Facts panel (21 CFR 101.36): its title, a %DV for each
//! nutrient that has a Daily Value, a symbol tied to "Daily Value not established" for each
//! dietary ingredient that has none, a proprietary blend's total weight, and a serving size.
//! Only panels are checked, not the lines and sentences that say what a unit holds.

use super::daily_values::DvTable;
use super::{PanelCheck, is_table};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::label::{DvValue, Panel, PanelKind, Row};
use crate::document::{BlockKind, Document};
use crate::rules::{Context, RuleMeta};
use regex::Regex;
use std::sync::LazyLock;

/// Rows that have no Daily Value and take no symbol (21 CFR 101.36(b)(2)(i)): their %DV is
/// left blank.
const NO_SYMBOL: &[&str] = &[
    "calories",
    "calories from fat",
    "calories from saturated fat",
    "total sugars",
    "sugars",
    "sugar",
    "includes added sugars",
    "trans fat",
    "polyunsaturated fat",
    "monounsaturated fat",
    "sugar alcohol",
    "sugar alcohols",
    "soluble fiber",
    "insoluble fiber",
];

/// Units a food is not sold in: a panel served in them is a supplement's.
const SUPPLEMENT_UNITS: &[&str] = &[
    "capsule", "softgel", "tablet", "caplet", "gummy", "chewable", "lozenge", "dropper", "drop",
];

static SUPPLEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:dietary\s+supplement|supplement\s+facts|food\s+supplement|supplements?)\b",
    )
    .expect("valid regex")
});

static NOT_ESTABLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)daily\s+values?\s*(?:\(\s*dv\s*\)\s*)?(?:is\s+|are\s+|has\s+|have\s+)?(?:not|no)\s+(?:been\s+|yet\s+)?established")
        .expect("valid regex")
});

/// Whether the product of a panel is a supplement: it is served in capsules, tablets or
/// gummies, marks an ingredient as having no Daily Value, or its copy says "supplement".
fn is_supplement(doc: &Document, panel: &Panel) -> bool {
    if panel
        .serving
        .as_ref()
        .and_then(|s| s.unit)
        .is_some_and(|u| SUPPLEMENT_UNITS.contains(&u))
    {
        return true;
    }
    if panel
        .footnotes
        .iter()
        .any(|f| NOT_ESTABLISHED.is_match(&f.text.text))
    {
        return true;
    }
    let (blocks, _) = super::unit_of(doc, panel.span.start);
    doc.blocks[blocks]
        .iter()
        .any(|b| SUPPLEMENT.is_match(&b.text))
}

/// Whether the footnote "Daily Value not established" goes with `symbol`: a footnote of the
/// panel, or a line of the product's copy that starts with the symbol.
fn symbol_tied(doc: &Document, panel: &Panel, symbol: &str) -> bool {
    if panel
        .footnotes
        .iter()
        .any(|f| f.symbol.as_deref() == Some(symbol) && NOT_ESTABLISHED.is_match(&f.text.text))
    {
        return true;
    }
    let (blocks, _) = super::unit_of(doc, panel.span.start);
    doc.blocks[blocks].iter().any(|b| {
        b.kind != BlockKind::FrontMatter
            && b.text.contains(symbol)
            && b.text
                .split(symbol)
                .skip(1)
                .any(|after| NOT_ESTABLISHED.find(after).is_some_and(|m| m.start() < 40))
    })
}

/// Whether a row is a blend's member (listed under it, no amount of its own needed).
fn in_blend(panel: &Panel, i: usize) -> bool {
    panel.blends.iter().any(|b| b.members.contains(&i))
}

/// Whether a row's name starts with a nutrient's name ("Magnesium glycinate"): a nutrient
/// named by its compound, which the table does not match but which has a Daily Value.
fn names_a_nutrient(table: &DvTable, row: &Row) -> bool {
    let name = super::daily_values::normalize(&row.name.text);
    let mut words = name.split(' ');
    let mut head = String::new();
    for _ in 0..3 {
        let Some(w) = words.next() else {
            break;
        };
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(w);
        if table.lookup(&head).is_some() {
            return true;
        }
    }
    false
}

/// A panel's title as messages name it: up to "Facts" ("Nutrition Facts Serving Size 2"
/// is the title with the next line run into it).
fn title_text(panel: &Panel, default: &'static str) -> String {
    let Some(t) = &panel.title else {
        return default.to_string();
    };
    let lower = t.text.to_lowercase();
    match lower.find("facts") {
        Some(i) => t.text[..i + 5].to_string(),
        None => t.text.clone(),
    }
}

/// Where a finding about a whole panel points: its title, else the panel.
fn panel_span(panel: &Panel) -> Span {
    panel.title.as_ref().map_or(panel.span, |t| t.span)
}

/// Run one format check over every panel.
pub(super) fn check(
    which: PanelCheck,
    table: &DvTable,
    meta: &RuleMeta,
    ctx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let doc = ctx.doc;
    for panel in doc.label.panels.iter().filter(|p| is_table(p)) {
        // %NRV panels follow their own market's rules for what a row states.
        if matches!(
            which,
            PanelCheck::MissingDailyValue | PanelCheck::NotEstablished
        ) && super::other_market(doc, panel)
        {
            continue;
        }
        match which {
            PanelCheck::NutritionFactsTitle
                if panel.kind == PanelKind::NutritionFacts && is_supplement(doc, panel) =>
            {
                let title = title_text(panel, "Nutrition Facts");
                out.push(meta.diagnostic(&[("title", &title)], panel_span(panel)));
            }
            PanelCheck::ServingSize if panel.serving.is_none() && !panel.rows.is_empty() => {
                let title = title_text(panel, "Supplement Facts");
                out.push(meta.diagnostic(&[("title", &title)], panel_span(panel)));
            }
            PanelCheck::BlendWeight => {
                for b in &panel.blends {
                    let row = &panel.rows[b.row];
                    if row.amount.is_none() && !b.members.is_empty() {
                        out.push(meta.diagnostic(&[("blend", &row.name.text)], row.name.span));
                    }
                }
            }
            PanelCheck::MissingDailyValue => {
                for (i, row) in panel.rows.iter().enumerate() {
                    if row.amount.is_none() || in_blend(panel, i) {
                        continue;
                    }
                    let Some(ni) = table.row_nutrient(row) else {
                        continue;
                    };
                    let n = &table.nutrients[ni];
                    // The %DV of protein may be left out (21 CFR 101.36(b)(2)(iii)).
                    if n.id == "protein" {
                        continue;
                    }
                    let marked_none = match row.daily_value.as_ref().map(|d| &d.value) {
                        None => true,
                        Some(DvValue::Symbol(s)) => symbol_tied(doc, panel, s),
                        Some(_) => false,
                    };
                    if marked_none {
                        let name = n.display();
                        out.push(meta.diagnostic(
                            &[("nutrient", &name), ("row", &row.name.text)],
                            row.name.span,
                        ));
                    }
                }
            }
            PanelCheck::NotEstablished => {
                for (i, row) in panel.rows.iter().enumerate() {
                    let is_blend = panel.blends.iter().any(|b| b.row == i);
                    if row.amount.is_none() || (in_blend(panel, i) && !is_blend) {
                        continue;
                    }
                    let name = super::daily_values::normalize(&row.name.text);
                    if NO_SYMBOL.contains(&name.as_str())
                        || table.row_nutrient(row).is_some()
                        || names_a_nutrient(table, row)
                    {
                        continue;
                    }
                    let problem = match row.daily_value.as_ref().map(|d| &d.value) {
                        None => "is not marked with a symbol".to_string(),
                        Some(DvValue::Symbol(s)) if !symbol_tied(doc, panel, s) => format!(
                            "is marked {s}, but no footnote ties {s} to \"Daily Value not established\""
                        ),
                        Some(_) => continue,
                    };
                    out.push(meta.diagnostic(
                        &[("row", &row.name.text), ("problem", &problem)],
                        row.name.span,
                    ));
                }
            }
            _ => {}
        }
    }
}
