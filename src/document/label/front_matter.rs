//! The serving facts of the front matter (docs/serving-facts.md) as a panel of the label
//! model, so that the checks of a panel read them as they read a Supplement Facts table.

use super::quantity::{self, QuantityUnit, unit_noun};
use super::{Panel, PanelKind, Quantity, Row, Serving, Text};
use crate::diagnostic::Span;
use crate::document::front_matter::ServingFacts;

/// The panel of `supplement:` in the front matter.
pub(super) fn panel(facts: &ServingFacts) -> Panel {
    let spans = facts.per_serving.iter().map(|a| a.span);
    let span = spans
        .clone()
        .chain(facts.serving_span)
        .chain(facts.servings_per_day.map(|(_, s)| s))
        .reduce(|a, b| Span::new(a.start.min(b.start), a.end.max(b.end)))
        .unwrap_or_default();
    let mut panel = Panel::new(PanelKind::FrontMatter, span);
    panel.serving = facts.serving.as_ref().map(|text| {
        let lower = text.to_lowercase();
        let mut words = lower.split_whitespace();
        let (count, rest) = match words.next().and_then(quantity::count) {
            Some(n) => (n, words.collect::<Vec<_>>().join(" ")),
            None => (1.0, lower.split_whitespace().collect::<Vec<_>>().join(" ")),
        };
        Serving {
            count,
            unit: unit_noun(&rest).map(|(u, _)| u),
            weight: None,
            also: None,
            text: text.clone(),
            span: facts.serving_span.unwrap_or(span),
        }
    });
    panel.servings_per_day = facts.servings_per_day;
    panel.rows = facts
        .per_serving
        .iter()
        .map(|a| Row {
            name: Text {
                text: a.name.clone(),
                span: a.span,
            },
            form: None,
            qualifier: None,
            amount: Some(Quantity {
                value: a.value,
                unit: QuantityUnit::Mass(a.unit),
                basis: match a.basis.as_deref() {
                    Some("dfe") => Some(super::Basis::Dfe),
                    Some("rae") => Some(super::Basis::Rae),
                    Some("ne") => Some(super::Basis::Ne),
                    _ => None,
                },
                text: a.text.clone(),
                span: a.span,
            }),
            alternate: None,
            daily_value: None,
            depth: 0,
            parent: None,
            span: a.span,
        })
        .collect();
    panel
}
