//! Elemental amounts against the compound weights they are said to come from, in the copy
//! ("500 mg magnesium glycinate providing 100 mg magnesium") and in serving facts.

use super::{DoseRule, ELEMENTAL_TOLERANCE, convert, figure, table};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::{Context, RuleMeta};
use table::{NameRef, Nutrient, Unit};

impl DoseRule {
    /// Compound weights in the copy with an elemental amount they cannot hold.
    pub(super) fn check_elemental_in_copy(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        for s in self.sentences(ctx).iter() {
            let block = &ctx.doc.blocks[s.block];
            for dose in &s.doses {
                let (Some((_, NameRef::Compound(n, ci))), Some(ei)) = (&dose.name, dose.paired)
                else {
                    continue;
                };
                let elemental = &s.doses[ei];
                let compound = self.table.compound(*n, *ci);
                let nutrient = &self.table.nutrients[*n];
                let Some(unit) = nutrient.unit else {
                    continue;
                };
                let iu = nutrient.iu;
                let (Some(weight), Some(claimed)) = (
                    convert(dose.amount.high, dose.amount.unit, unit, None),
                    convert(elemental.amount.low, elemental.amount.unit, unit, iu),
                ) else {
                    continue;
                };
                let most = weight * compound.max_fraction();
                if claimed <= most * ELEMENTAL_TOLERANCE {
                    continue;
                }
                let compound_name = dose
                    .name
                    .as_ref()
                    .map(|(r, _)| block.text[r.clone()].to_lowercase())
                    .unwrap_or_default();
                let compound_text =
                    format!("{} of {compound_name}", &block.text[dose.range.clone()]);
                let mut d = self.elemental_diagnostic(
                    meta,
                    nutrient,
                    &block.text[elemental.range.clone()],
                    &compound_text,
                    most,
                    compound.max_fraction(),
                    block.span(elemental.range.clone()),
                );
                d.labels.push(Label {
                    span: block.span(
                        dose.range.start
                            ..dose
                                .name
                                .as_ref()
                                .map_or(dose.range.end, |(r, _)| r.end.max(dose.range.end)),
                    ),
                    text: "the compound weight".into(),
                });
                d.labels.sort_by_key(|l| l.span);
                out.push(d);
            }
        }
    }

    /// Serving facts that list an elemental amount and the compounds it comes from.
    pub(super) fn check_elemental_in_serving_facts(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(facts) = ctx.doc.serving_facts() else {
            return;
        };
        for (n, entries) in self.serving_by_nutrient(&facts.per_serving) {
            let nutrient = &self.table.nutrients[n];
            let (compounds, elemental): (Vec<_>, Vec<_>) = entries
                .iter()
                .partition(|(_, r)| matches!(r, NameRef::Compound(..)));
            if compounds.is_empty() || elemental.is_empty() {
                continue;
            }
            let mut most = 0.0;
            let mut max_fraction: f64 = 0.0;
            for (a, r) in &compounds {
                let NameRef::Compound(cn, ci) = r else {
                    continue;
                };
                let c = self.table.compound(*cn, *ci);
                let Some(w) = nutrient
                    .unit
                    .and_then(|u| convert(a.value, a.unit, u, None))
                else {
                    continue;
                };
                most += w * c.max_fraction();
                max_fraction = max_fraction.max(c.max_fraction());
            }
            let mut claimed = 0.0;
            for (a, r) in &elemental {
                if let Some((w, _)) = self.in_unit(*r, a.value, a.unit, a.basis.as_deref()) {
                    claimed += w;
                }
            }
            if claimed <= most * ELEMENTAL_TOLERANCE {
                continue;
            }
            let compound_text = compounds
                .iter()
                .map(|(a, _)| format!("{} of {}", a.text, a.name))
                .collect::<Vec<_>>()
                .join(" and ");
            let elemental_text = elemental
                .iter()
                .map(|(a, _)| a.text.clone())
                .collect::<Vec<_>>()
                .join(" + ");
            let mut d = self.elemental_diagnostic(
                meta,
                nutrient,
                &elemental_text,
                &compound_text,
                most,
                max_fraction,
                elemental[0].0.span,
            );
            for (a, _) in &compounds {
                d.labels.push(Label {
                    span: a.span,
                    text: "the compound weight".into(),
                });
            }
            d.labels.sort_by_key(|l| l.span);
            out.push(d);
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn elemental_diagnostic(
        &self,
        meta: &RuleMeta,
        nutrient: &Nutrient,
        elemental: &str,
        compound: &str,
        most: f64,
        fraction: f64,
        span: Span,
    ) -> Diagnostic {
        let unit = nutrient.unit.map_or("", Unit::as_str);
        let most_text = format!("about {} {unit}", figure(most));
        let percent = format!("{}%", figure(fraction * 100.0));
        let mut d = meta.diagnostic(
            &[
                ("elemental", elemental),
                ("nutrient", &nutrient.name()),
                ("compound", compound),
                ("most", &most_text),
                ("fraction", &percent),
            ],
            span,
        );
        d.labels.push(Label {
            span,
            text: "the elemental amount".into(),
        });
        d
    }
}
