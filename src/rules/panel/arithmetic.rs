//! The %DV arithmetic of a panel (21 CFR 101.36(b)(2)(iii)): the amount per serving over
//! the Daily Value of 21 CFR 101.9(c)(8)(iv) or (c)(9), to the nearest whole percent, "<1%"
//! where that is zero. The Daily Values are those of the audience the label names
//! ([`daily_values::audiences`]). A stated %DV the declared amount cannot give is a
//! finding; when it is what the values before 2016 give, `help:` says so.

use super::daily_values::{self, Audience, DvNutrient, DvTable, in_dv_unit, percent_range};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::label::{DvValue, PanelKind, Quantity, Row};
use crate::rules::dose::amount::figure;
use crate::rules::{Context, RuleMeta};

/// The %DV a figure in the DV's unit gives, as a label writes it.
pub(super) fn written(percent: f64) -> String {
    if percent < 1.0 {
        "<1%".to_string()
    } else {
        format!("{}%", figure(percent.round()))
    }
}

/// A row's amount per serving in its Daily Value's unit, with the quantity it was read
/// from: the amount, or the alternate when only that converts ("1,000 IU (25 mcg)").
pub(super) fn row_amount<'r>(n: &DvNutrient, row: &'r Row) -> Option<(f64, &'r Quantity)> {
    let text = row.full_name();
    [row.amount.as_ref(), row.alternate.as_ref()]
        .into_iter()
        .flatten()
        .find_map(|q| in_dv_unit(n, q, &text).map(|v| (v, q)))
}

/// Whether the stated %DV is one the declared amount can give.
fn agrees(stated: &DvValue, lo: f64, hi: f64) -> bool {
    match stated {
        DvValue::Percent(p) => {
            *p >= lo - 0.5 - 1e-9 && *p <= hi + 0.5 + 1e-9 && !(*p == 0.0 && lo > 0.0)
        }
        DvValue::LessThanOne => lo < 1.0,
        DvValue::Symbol(_) => true,
    }
}

/// Check every stated %DV of every panel.
pub(super) fn check(
    table: &DvTable,
    meta: &RuleMeta,
    ctx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let doc = ctx.doc;
    let mut cache = daily_values::Audiences::default();
    for panel in &doc.label.panels {
        if panel.kind == PanelKind::FrontMatter || super::other_market(doc, panel) {
            continue;
        }
        let mut audiences: Option<Vec<Audience>> = None;
        for row in &panel.rows {
            let Some(stated) = &row.daily_value else {
                continue;
            };
            if matches!(stated.value, DvValue::Symbol(_)) {
                continue;
            }
            let Some(ni) = table.row_nutrient(row) else {
                continue;
            };
            let n = &table.nutrients[ni];
            let Some((amount, q)) = row_amount(n, row) else {
                continue;
            };
            let auds = audiences.get_or_insert_with(|| cache.of(doc, panel));
            let with_dv: Vec<(Audience, f64)> = auds
                .iter()
                .filter_map(|a| n.dv.get(a).map(|v| (*a, *v)))
                .collect();
            let Some(&(first, dv)) = with_dv.first() else {
                continue;
            };
            if with_dv.iter().any(|(_, dv)| {
                let (lo, hi) = percent_range(amount, q, *dv);
                agrees(&stated.value, lo, hi)
            }) {
                continue;
            }
            let exact = amount / dv * 100.0;
            let expected = written(exact);
            let basis = n
                .basis
                .as_deref()
                .map(|b| format!(" {}", b.to_uppercase()))
                .unwrap_or_default();
            let dv_text = format!("{} {}{basis}", figure(dv), n.unit.as_str());
            // "5,000 IU (1,500 mcg RAE)", "400 mcg (680 mcg DFE)": what the figure counts as.
            let same = (plain_amount(n, q) - amount).abs() <= amount * 1e-9;
            let amount_text = if !same {
                format!("{} ({} {}{basis})", q.text, figure(amount), n.unit.as_str())
            } else {
                q.text.clone()
            };
            let name = n.display();
            let old = before_2016(n, row, &stated.value)
                .map(|old| {
                    format!(
                        "; {} is what the Daily Value before 2016 ({old}) gives: the Daily Values of the 2016 rule (81 FR 33742) apply",
                        stated.text
                    )
                })
                .unwrap_or_default();
            let for_audience = match first {
                Audience::Adults => String::new(),
                other => format!(" for {}", other.describe()),
            };
            let vars = [
                ("nutrient", name.as_str()),
                ("stated", stated.text.as_str()),
                ("amount", amount_text.as_str()),
                ("expected", expected.as_str()),
                ("dv", dv_text.as_str()),
                ("audience", first.describe()),
                ("old", old.as_str()),
                ("for", for_audience.as_str()),
            ];
            let mut d = meta.diagnostic(&vars, stated.span);
            d.labels.push(Label {
                span: q.span,
                text: format!("{} of {name} per serving", q.text),
            });
            if let Some(c) = &d.cite {
                d.cite = Some(format!(
                    "{c}; the Daily Value of {name} for {} is {dv_text}",
                    first.describe()
                ));
            }
            out.push(d);
        }
    }
}

/// A quantity in the nutrient's unit by mass alone (NaN for IU): when it differs from the
/// amount on the Daily Value's basis, messages show both.
fn plain_amount(n: &DvNutrient, q: &Quantity) -> f64 {
    use crate::document::front_matter::AmountUnit;
    use crate::document::label::QuantityUnit;
    let mcg = match q.unit {
        QuantityUnit::Mass(AmountUnit::G) => q.value * 1e6,
        QuantityUnit::Mass(AmountUnit::Mg) => q.value * 1e3,
        QuantityUnit::Mass(AmountUnit::Mcg) => q.value,
        _ => return f64::NAN,
    };
    let per = match n.unit {
        super::daily_values::DvUnit::G => 1e6,
        super::daily_values::DvUnit::Mg => 1e3,
        _ => 1.0,
    };
    mcg / per
}

/// The value before 2016 a stated %DV was computed with, as "5,000 IU", if it was.
fn before_2016(n: &DvNutrient, row: &Row, stated: &DvValue) -> Option<String> {
    let old = n.before_2016?;
    let amount = daily_values::in_old_unit(n, old, row, &row.full_name())?;
    let pct = amount / old.value * 100.0;
    let agrees = match stated {
        DvValue::Percent(p) => (p - pct).abs() < 1.0,
        DvValue::LessThanOne => pct < 1.0,
        DvValue::Symbol(_) => false,
    };
    agrees.then(|| format!("{} {}", figure(old.value), old.unit.as_str()))
}
