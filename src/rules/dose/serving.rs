//! Serving facts from the front matter (docs/serving-facts.md): the amount per serving times
//! the servings a day, per nutrient, against the UL.

use super::{DoseRule, audience, figure, normalize, note, table};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::BlockKind;
use crate::document::front_matter::ServingAmount;
use crate::rules::{Context, RuleMeta};
use std::collections::BTreeMap;
use table::NameRef;

impl DoseRule {
    /// Serving facts: per-serving amounts times servings a day, per nutrient.
    pub(super) fn check_serving_facts(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(facts) = ctx.doc.serving_facts() else {
            return;
        };
        let servings = facts.servings_per_day.map_or(1.0, |(n, _)| n);
        let stages = self.front_matter_stages(ctx);
        for (n, entries) in self.serving_by_nutrient(&facts.per_serving) {
            let nutrient = &self.table.nutrients[n];
            let Some(unit) = nutrient.unit else {
                continue;
            };
            let Some((stage, limit)) = audience::strictest(nutrient, &stages) else {
                continue;
            };
            // Elemental entries, when there are any, are the amount; compound entries are
            // then only their source.
            let elemental: Vec<_> = entries
                .iter()
                .filter(|(_, r)| !matches!(r, NameRef::Compound(..)))
                .collect();
            let counted: Vec<_> = if elemental.is_empty() {
                entries.iter().collect()
            } else {
                elemental
            };
            let mut per_serving = 0.0;
            let mut parts = Vec::new();
            let mut about = false;
            for (a, r) in &counted {
                let Some((weight, fraction)) =
                    self.in_unit(*r, a.value, a.unit, a.basis.as_deref())
                else {
                    continue;
                };
                per_serving += weight * fraction;
                let mut part = format!("{} {}", a.text, a.name);
                if fraction < 1.0 {
                    about = true;
                    part.push_str(&format!(
                        " (about {} {} {})",
                        figure(weight * fraction),
                        unit.as_str(),
                        nutrient.name()
                    ));
                }
                parts.push(part);
            }
            let total = per_serving * servings;
            if parts.is_empty() || total <= limit * 1.000_001 {
                continue;
            }
            let written = counted[0].0.unit;
            let noun = if servings == 1.0 {
                "serving"
            } else {
                "servings"
            };
            let each = facts
                .serving
                .as_ref()
                .map(|s| format!(" ({s} each)"))
                .unwrap_or_default();
            let verb = if servings == 1.0 { "makes" } else { "make" };
            let about = if about { "about " } else { "" };
            let computation = format!(
                "{} {noun}{each} of {} a day {verb} {about}{} {}",
                figure(servings),
                parts.join(" and "),
                figure(total),
                unit.as_str()
            );
            let limit_text = self.limit_text(nutrient, limit, written);
            let stage_text = table::stage_words(stage);
            let mut d = meta.diagnostic(
                &[
                    ("computation", &computation),
                    ("nutrient", &nutrient.name()),
                    ("limit", &limit_text),
                    ("stage", &stage_text),
                ],
                counted[0].0.span,
            );
            d.cite = Some(note(nutrient, &stage_text, &limit_text));
            d.labels.push(Label {
                span: counted[0].0.span,
                text: "per serving".into(),
            });
            for (a, _) in counted.iter().skip(1) {
                d.labels.push(Label {
                    span: a.span,
                    text: "also counted".into(),
                });
            }
            if let Some((_, span)) = facts.servings_per_day {
                d.labels.push(Label {
                    span,
                    text: "servings a day".into(),
                });
            }
            d.labels.sort_by_key(|l| l.span);
            out.push(d);
        }
    }

    /// The life stages the front matter's prose (title, description) addresses, else adults.
    pub(super) fn front_matter_stages(&self, ctx: &Context<'_>) -> Vec<&'static str> {
        let text: Vec<&str> = ctx
            .doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::FrontMatter)
            .map(|b| b.text.as_str())
            .collect();
        audience::stages(&text.join(". ")).unwrap_or_else(|| vec!["adults"])
    }

    /// Serving-fact entries grouped by the nutrient their name belongs to; unknown names
    /// (botanicals, nutrients not in the table) are left out.
    pub(super) fn serving_by_nutrient<'a>(
        &self,
        entries: &'a [ServingAmount],
    ) -> BTreeMap<usize, Vec<(&'a ServingAmount, NameRef)>> {
        let mut by: BTreeMap<usize, Vec<(&ServingAmount, NameRef)>> = BTreeMap::new();
        for a in entries {
            if let Some(r) = self.by_name.get(&normalize(&a.name)) {
                by.entry(r.nutrient()).or_default().push((a, *r));
            }
        }
        by
    }
}
