//! Each claim found in the copy judged against the row of the panel that states its
//! nutrient: the %DV a content claim needs, the nutrients "high potency" names, and the
//! reference food and amount a comparative claim owes.

use super::super::arithmetic::{row_amount, written};
use super::super::daily_values::{Audience, Audiences, DvTable};
use super::Found;
use crate::diagnostic::{Diagnostic, Label};
use crate::document::Block;
use crate::document::label::{DvValue, Panel, Row};
use crate::rules::{Context, RuleMeta};
use regex::Regex;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

/// The reference food of a comparative claim: "than an orange", "compared with".
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bthan\b|\bcompared\s+(?:to|with)\b|\bvs\.?(?:\s|$)|\bversus\b|\brelative\s+to\b",
    )
    .expect("valid regex")
});

/// How much more: "50% more", "twice as much", "3x", "5 mg more".
static HOW_MUCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b([0-9]+(?:\.[0-9]+)?)\s*(?:%|percent)|\b(twice|double|triple)\b|\b([0-9]+(?:\.[0-9]+)?)\s*(?:x|times)\b|\b([0-9]+(?:\.[0-9]+)?)\s*(mg|mcg|g)\s+more\b)")
        .expect("valid regex")
});

/// Where a product's panels state a nutrient: the panel and the row.
fn panel_row<'p>(
    table: &DvTable,
    panels: &[&'p Panel],
    nutrient: usize,
) -> Option<(&'p Panel, &'p Row)> {
    panels.iter().find_map(|p| {
        p.rows
            .iter()
            .find(|r| r.amount.is_some() && table.row_nutrient(r) == Some(nutrient))
            .map(|r| (*p, r))
    })
}

/// The %DV per serving of a row: computed from its amount with the Daily Value of the
/// panel's first audience, else the %DV as stated.
fn row_percent(
    table: &DvTable,
    ctx: &Context<'_>,
    aud: &RefCell<Audiences>,
    panel: &Panel,
    row: &Row,
    nutrient: usize,
) -> Option<f64> {
    let n = &table.nutrients[nutrient];
    let audience = aud
        .borrow_mut()
        .of(ctx.doc, panel)
        .into_iter()
        .find(|a| n.dv.contains_key(a))
        .unwrap_or(Audience::Adults);
    if let Some((amount, _)) = row_amount(n, row)
        && let Some(dv) = n.dv.get(&audience)
    {
        return Some(amount / dv * 100.0);
    }
    match row.daily_value.as_ref().map(|d| &d.value) {
        Some(DvValue::Percent(p)) => Some(*p),
        Some(DvValue::LessThanOne) => Some(0.5),
        _ => None,
    }
}

pub(super) fn content(
    table: &DvTable,
    meta: &RuleMeta,
    ctx: &Context<'_>,
    aud: &RefCell<Audiences>,
    panels: &[&Panel],
    (found, high): &(Found, bool),
    out: &mut Vec<Diagnostic>,
) {
    let high = *high;
    let Some((panel, row)) = panel_row(table, panels, found.nutrient) else {
        return;
    };
    let Some(pct) = row_percent(table, ctx, aud, panel, row, found.nutrient) else {
        return;
    };
    let block = &ctx.doc.blocks[found.block];
    let words = block.text[found.words.clone()].to_lowercase();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = (pct * 10.0).round() / 10.0;
    let (needs, fix) = if high {
        if shown >= 20.0 {
            return;
        }
        let fix = if shown >= 10.0 {
            "say \"good source of\" (10 to 19% of the Daily Value), or raise the amount to 20% of the Daily Value per serving"
        } else {
            "raise the amount to 20% of the Daily Value per serving, or drop the claim"
        };
        ("20% of the Daily Value or more per serving", fix)
    } else {
        // "Contains" and "provides" above 19% say nothing untrue; "good source" is the
        // defined term for 10 to 19% (101.54(c)), and 20% or more is "high".
        if (10.0..20.0).contains(&shown) || (shown >= 20.0 && !words.contains("source")) {
            return;
        }
        let fix = if shown >= 20.0 {
            "say \"high in\" or \"excellent source of\", which 20% or more supports"
        } else {
            "raise the amount to at least 10% of the Daily Value per serving, or drop the claim"
        };
        ("10 to 19% of the Daily Value per serving", fix)
    };
    let name = table.nutrients[found.nutrient].display();
    let percent = written(pct);
    let claim = format!("{words} {}", &block.text[found.name.clone()]);
    let vars = [
        ("claim", claim.as_str()),
        ("nutrient", name.as_str()),
        ("percent", percent.as_str()),
        ("needs", needs),
        ("fix", fix),
    ];
    let span = block.span(found.words.start..found.name.end);
    let mut d = meta.diagnostic(&vars, span);
    d.labels.push(Label {
        span: row.span,
        text: format!("{percent} of the Daily Value per serving"),
    });
    out.push(d);
}

#[allow(clippy::too_many_arguments)]
pub(super) fn potency(
    table: &DvTable,
    meta: &RuleMeta,
    ctx: &Context<'_>,
    aud: &RefCell<Audiences>,
    panels: &[&Panel],
    block: &Block,
    claim: Range<usize>,
    named: Option<crate::lean_regex::Match<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    let span = block.span(claim.clone());
    let claim_text = &block.text[claim];
    if let Some(m) = named {
        // "High potency vitamin C": 100% of the RDI of vitamin C (101.54(f)(1)).
        let Some(nutrient) = table.lookup(m.as_str()) else {
            return;
        };
        if table.nutrients[nutrient].drv {
            return;
        }
        let Some((panel, row)) = panel_row(table, panels, nutrient) else {
            return;
        };
        let Some(pct) = row_percent(table, ctx, aud, panel, row, nutrient) else {
            return;
        };
        if pct >= 99.5 {
            return;
        }
        let name = table.nutrients[nutrient].display();
        let percent = written(pct);
        let problem =
            format!("{name} is {percent} of its Daily Value per serving; it needs 100% or more");
        let mut d = meta.diagnostic(&[("claim", claim_text), ("problem", &problem)], span);
        d.labels.push(Label {
            span: row.span,
            text: format!("{percent} of the Daily Value per serving"),
        });
        out.push(d);
        return;
    }
    // The product: 100% or more for two thirds of the vitamins and minerals present at
    // 2% or more (101.54(f)(2)).
    let Some(panel) = panels.iter().find(|p| super::super::is_table(p)) else {
        return;
    };
    let mut present = Vec::new();
    for row in &panel.rows {
        let Some(n) = table.row_nutrient(row) else {
            continue;
        };
        if table.nutrients[n].drv || present.iter().any(|(m, _, _)| *m == n) {
            continue;
        }
        if let Some(pct) = row_percent(table, ctx, aud, panel, row, n)
            && pct >= 2.0
        {
            present.push((n, pct, row.span));
        }
    }
    if present.is_empty() {
        return;
    }
    let full = present.iter().filter(|(_, p, _)| *p >= 99.5).count();
    if full * 3 >= present.len() * 2 {
        return;
    }
    let problem = format!(
        "{full} of the {} vitamins and minerals present at 2% of the Daily Value or more reach 100%; two thirds ({}) must",
        present.len(),
        (present.len() * 2).div_ceil(3)
    );
    let mut d = meta.diagnostic(&[("claim", claim_text), ("problem", &problem)], span);
    d.labels.push(Label {
        span: panel.title.as_ref().map_or(panel.span, |t| t.span),
        text: "the panel".into(),
    });
    out.push(d);
}

pub(super) fn comparative(
    table: &DvTable,
    meta: &RuleMeta,
    ctx: &Context<'_>,
    aud: &RefCell<Audiences>,
    panels: &[&Panel],
    found: &Found,
    out: &mut Vec<Diagnostic>,
) {
    let block = &ctx.doc.blocks[found.block];
    let sentence = &block.text[found.sentence.clone()];
    let n = &table.nutrients[found.nutrient];
    let name = n.display();
    let claim = block.text[found.words.start..found.name.end].to_string();
    let span = block.span(found.words.start..found.name.end);
    let mut missing = Vec::new();
    if !REFERENCE.is_match(sentence) {
        missing.push("the reference food it is compared with".to_string());
    }
    let how_much = HOW_MUCH.captures(sentence);
    if how_much.is_none() {
        missing.push(format!(
            "how much more {name} it has (a percentage or a fraction)"
        ));
    }
    // At least 10% of the Daily Value more than the reference (101.54(e)(1)(ii)).
    let mut label = None;
    if let Some(c) = &how_much
        && let Some((panel, row)) = panel_row(table, panels, found.nutrient)
        && let Some(pct) = row_percent(table, ctx, aud, panel, row, found.nutrient)
    {
        let difference = if let Some(p) = c.get(1).and_then(|m| m.as_str().parse::<f64>().ok()) {
            Some(pct - pct / (1.0 + p / 100.0))
        } else if let Some(w) = c.get(2) {
            let times = match w.as_str().to_lowercase().as_str() {
                "triple" => 3.0,
                _ => 2.0,
            };
            Some(pct - pct / times)
        } else if let Some(x) = c.get(3).and_then(|m| m.as_str().parse::<f64>().ok()) {
            (x > 1.0).then(|| pct - pct / x)
        } else if let (Some(v), Some(u)) = (c.get(4), c.get(5)) {
            // "5 mg more": the difference itself, over the Daily Value.
            let mcg = match u.as_str().to_lowercase().as_str() {
                "g" => 1e6,
                "mg" => 1e3,
                _ => 1.0,
            };
            let per = match n.unit {
                super::super::daily_values::DvUnit::G => 1e6,
                super::super::daily_values::DvUnit::Mg => 1e3,
                _ => 1.0,
            };
            let dv =
                n.dv.get(&Audience::Adults)
                    .copied()
                    .unwrap_or(f64::INFINITY);
            v.as_str()
                .parse::<f64>()
                .ok()
                .map(|v| v * mcg / per / dv * 100.0)
        } else {
            None
        };
        if let Some(diff) = difference
            && diff < 9.95
        {
            missing.push(format!(
                "a difference of at least 10% of the Daily Value: it is {}",
                written(diff)
            ));
            label = Some((
                row.span,
                format!("{} of the Daily Value per serving", written(pct)),
            ));
        }
    }
    if missing.is_empty() {
        return;
    }
    let missing = join(&missing);
    let vars = [
        ("claim", claim.as_str()),
        ("nutrient", name.as_str()),
        ("missing", missing.as_str()),
    ];
    let mut d = meta.diagnostic(&vars, span);
    if let Some((span, text)) = label {
        d.labels.push(Label { span, text });
    }
    out.push(d);
}

/// "a, b and c".
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}
