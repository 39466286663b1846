//! Amounts in the copy against the upper limit: each sentence's amounts, with the units and
//! frequencies it directs, or a per-unit fact with the directions elsewhere on the page; the
//! life stage each is for comes from the words before it, its sentence or the heading above.

use super::reading::{self, Sentence};
use super::{Daily, DoseCheck, DoseRule, NameRef, audience};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::document::BlockKind;
use crate::rules::{Context, RuleMeta};
use std::cell::OnceCell;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Directions for taking a unit: the sentence, the count, units a day, the life stages.
type Direction<'a> = (&'a Sentence, &'a reading::Count, f64, Vec<&'static str>);

/// A finding in the copy with what it is of: the nutrient, the daily amount and the block,
/// so that a dose the panel states too is reported once.
pub(super) struct CopyFinding {
    /// The nutrient (an index into the table).
    pub nutrient: usize,
    /// The daily amount, in the nutrient's unit.
    pub value: f64,
    /// The block the amount is in.
    pub block: usize,
    /// The finding.
    pub diagnostic: Diagnostic,
}

/// The life stages a whole sentence names, once read.
type SentenceStages = OnceCell<Option<Vec<&'static str>>>;

/// The findings made in one sentence, by nutrient and daily amount: the same dose stated
/// twice (within 1%) is one finding. Ordered, so each amount is a search, not a scan.
#[derive(Default)]
struct Reported(BTreeSet<(usize, u64)>);

impl Reported {
    /// Whether `value` of `nutrient` is within 1% of one reported, and if not, record it.
    fn repeats(&mut self, nutrient: usize, value: f64) -> bool {
        let near = |v: f64| (v - value).abs() <= v * 0.01;
        // The bits of positive finite numbers sort as the numbers do.
        let repeated = if value.is_finite() && value > 0.0 {
            let (lo, hi) = (value / 1.0102, value / 0.9898);
            self.0
                .range((nutrient, lo.to_bits())..=(nutrient, hi.to_bits()))
                .any(|&(_, v)| near(f64::from_bits(v)))
        } else {
            self.0
                .iter()
                .any(|&(n, v)| n == nutrient && near(f64::from_bits(v)))
        };
        if !repeated {
            self.0.insert((nutrient, value.to_bits()));
        }
        repeated
    }
}

impl DoseRule {
    /// The life stages the amount or count at `at` is for: the words leading to it, else its
    /// sentence, else the nearest heading above (`headings`, per block), else adults.
    /// `whole` keeps what the whole sentence says, read once: a sentence of thousands of
    /// amounts would be read once for each.
    fn stages(
        &self,
        ctx: &Context<'_>,
        headings: &[Option<Vec<&'static str>>],
        (s, whole): (&Sentence, &SentenceStages),
        at: usize,
    ) -> Vec<&'static str> {
        let block = &ctx.doc.blocks[s.block].text;
        if let Some(st) = audience::stages(&block[s.lead_in(at)..at]) {
            return st;
        }
        if let Some(st) = whole.get_or_init(|| audience::stages(&block[s.range.clone()])) {
            return st.clone();
        }
        headings[s.block].clone().unwrap_or_else(|| vec!["adults"])
    }

    /// For each block, the life stages the nearest heading before it names, if any.
    fn heading_stages(ctx: &Context<'_>) -> Vec<Option<Vec<&'static str>>> {
        let mut current: Option<Vec<&'static str>> = None;
        let mut out = Vec::with_capacity(ctx.doc.blocks.len());
        for b in &ctx.doc.blocks {
            out.push(current.clone());
            if b.kind == BlockKind::Heading {
                current = audience::stages(&b.text);
            }
        }
        out
    }

    /// Upper-limit and called-safe checks on the prose. A dose the panel check reports
    /// (the same nutrient and daily amount in the same product) is left to it.
    pub(super) fn check_copy(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let found = self.copy_findings(meta, ctx);
        if found.is_empty() {
            return;
        }
        let panels = if self.check == DoseCheck::UpperLimit && super::panel::checked(ctx) {
            self.panel_groups(meta, ctx)
        } else {
            super::panel::Groups::default()
        };
        for f in found {
            if !panels.reports(ctx, &f) {
                out.push(f.diagnostic);
            }
        }
    }

    /// The findings of the upper-limit or called-safe check on the prose.
    pub(super) fn copy_findings(&self, meta: &RuleMeta, ctx: &Context<'_>) -> Vec<CopyFinding> {
        let mut out = Vec::new();
        let sentences = self.sentences(ctx);
        let headings = Self::heading_stages(ctx);
        let mut mains: BTreeMap<usize, Option<usize>> = BTreeMap::new();
        let called_safe = self.check == DoseCheck::CalledSafe;
        // Per-unit facts waiting for directions elsewhere: (sentence, dose).
        let mut facts: Vec<(usize, usize)> = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            if s.harms || (!called_safe && s.reported) || s.safe != called_safe {
                continue;
            }
            let text = &ctx.doc.blocks[s.block].text;
            let mut reported = Reported::default();
            let whole = SentenceStages::new();
            for (di, dose) in s.doses.iter().enumerate() {
                let is_compound = matches!(dose.name, Some((_, NameRef::Compound(..))));
                if is_compound && dose.paired.is_some() {
                    // The elemental amount next to it is what counts.
                    continue;
                }
                let (name, name_range) = match &dose.name {
                    Some((r, n)) => (*n, Some(r.clone())),
                    None => {
                        if !s.dosing {
                            continue;
                        }
                        let unit = ctx.doc.unit_of(s.block);
                        let main = *mains
                            .entry(unit.start)
                            .or_insert_with(|| self.main_nutrient(ctx, unit));
                        match main {
                            Some(n) => (NameRef::Nutrient(n), None),
                            None => continue,
                        }
                    }
                };
                let mut labels = Vec::new();
                let mut frequency = if dose.daily_marked {
                    None
                } else {
                    s.frequency_after(dose.range.end)
                };
                let multiplier = match &dose.per_unit {
                    Some(pu) => match s.count_of(pu.unit) {
                        Some(c) if s.directs() => {
                            labels.push((c.range.clone(), "units taken"));
                            frequency = s
                                .frequency_after(c.range.end)
                                .or_else(|| s.frequency_after(dose.range.end));
                            c.n / pu.per
                        }
                        None if s.daily || !s.frequencies.is_empty() => 1.0,
                        _ => {
                            let waiting = pu.unit.is_some()
                                && dose.name.is_some()
                                && !s.directs()
                                && s.count_of(pu.unit).is_none();
                            if waiting {
                                facts.push((si, di));
                            }
                            continue;
                        }
                    },
                    None if s.directs() => 1.0,
                    None => continue,
                };
                let times = frequency.map_or(1.0, |f| f.times);
                if let Some(f) = frequency.filter(|f| f.times != 1.0) {
                    labels.push((f.range.clone(), "times a day"));
                }
                let amount_text = &text[dose.range.clone()];
                let Some(daily) = self.daily(name, dose, multiplier * times, amount_text) else {
                    continue;
                };
                let nutrient = &self.table.nutrients[daily.nutrient];
                let stages = self.stages(ctx, &headings, (s, &whole), dose.range.start);
                let Some((stage, limit)) = audience::strictest(nutrient, &stages) else {
                    continue;
                };
                if daily.value <= limit * 1.000_001 {
                    continue;
                }
                if reported.repeats(daily.nutrient, daily.value) {
                    continue;
                }
                let block = &ctx.doc.blocks[s.block];
                let mut d = self.diagnostic(
                    meta,
                    nutrient,
                    stage,
                    limit,
                    &daily.shown,
                    block.span(dose.range.clone()),
                    dose.amount.unit,
                );
                if let Some(r) = name_range {
                    d.labels.push(Label {
                        span: block.span(r),
                        text: "the nutrient".into(),
                    });
                }
                if let Some(c) = &s.ceiling {
                    d.labels.push(Label {
                        span: block.span(c.clone()),
                        text: "stated as an allowed amount".into(),
                    });
                }
                for (r, text) in labels {
                    d.labels.push(Label {
                        span: block.span(r),
                        text: text.into(),
                    });
                }
                d.labels.sort_by_key(|l| l.span);
                d.labels.dedup_by_key(|l| l.span);
                out.push(CopyFinding {
                    nutrient: daily.nutrient,
                    value: daily.value,
                    block: s.block,
                    diagnostic: d,
                });
            }
        }
        if !called_safe {
            self.check_facts_with_directions(meta, ctx, &headings, &sentences, &facts, &mut out);
        }
        out
    }

    /// A per-unit fact ("each capsule provides 200 mg of magnesium") with the directions
    /// for that unit elsewhere on the page ("take 2 capsules twice daily").
    fn check_facts_with_directions(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        headings: &[Option<Vec<&'static str>>],
        sentences: &[Sentence],
        facts: &[(usize, usize)],
        out: &mut Vec<CopyFinding>,
    ) {
        if facts.is_empty() {
            return;
        }
        // The directions of each unit (a catalog's product, or the page): for each counted
        // unit and set of life stages, the one that takes the most units a day, which is the
        // one that gives a fact its highest daily amount. Kept in the order first seen.
        let mut directions: HashMap<usize, Vec<Direction>> = HashMap::new();
        let mut index: HashMap<(usize, usize, Vec<&'static str>), usize> = HashMap::new();
        for dir in sentences {
            if dir.harms || dir.reported || !dir.directs() {
                continue;
            }
            let whole = SentenceStages::new();
            for count in &dir.counts {
                let times = dir
                    .frequency_after(count.range.end)
                    .map_or(1.0, |f| f.times);
                let stages = self.stages(ctx, headings, (dir, &whole), count.range.start);
                let units = count.n * times;
                let unit = ctx.doc.unit_of(dir.block).start;
                let list = directions.entry(unit).or_default();
                match index.entry((unit, count.unit, stages.clone())) {
                    Entry::Occupied(at) => {
                        let kept = &mut list[*at.get()];
                        if units > kept.2 {
                            *kept = (dir, count, units, stages);
                        }
                    }
                    Entry::Vacant(at) => {
                        at.insert(list.len());
                        list.push((dir, count, units, stages));
                    }
                }
            }
        }
        for &(si, di) in facts {
            let s = &sentences[si];
            let dose = &s.doses[di];
            let (Some((name_range, name)), Some(pu)) = (&dose.name, &dose.per_unit) else {
                continue;
            };
            let text = &ctx.doc.blocks[s.block].text;
            let amount_text = &text[dose.range.clone()];
            // The worst directions for this unit: (ratio to the UL, daily, stage, limit, direction).
            let mut worst: Option<(f64, Daily, &'static str, f64, &Sentence, &reading::Count)> =
                None;
            // In a catalog, one product's directions say nothing of another's.
            let of_unit = directions.get(&ctx.doc.unit_of(s.block).start);
            for (dir, count, units, stages) in of_unit.into_iter().flatten() {
                if pu.unit.is_some_and(|u| u != count.unit) {
                    continue;
                }
                let Some(daily) = self.daily(*name, dose, units / pu.per, amount_text) else {
                    continue;
                };
                let nutrient = &self.table.nutrients[daily.nutrient];
                let Some((stage, limit)) = audience::strictest(nutrient, stages) else {
                    continue;
                };
                let ratio = daily.value / limit;
                if ratio > 1.000_001 && worst.as_ref().is_none_or(|w| ratio > w.0) {
                    worst = Some((ratio, daily, stage, limit, dir, count));
                }
            }
            let Some((_, daily, stage, limit, dir, count)) = worst else {
                continue;
            };
            let block = &ctx.doc.blocks[s.block];
            let nutrient = &self.table.nutrients[daily.nutrient];
            let mut d = self.diagnostic(
                meta,
                nutrient,
                stage,
                limit,
                &daily.shown,
                block.span(dose.range.clone()),
                dose.amount.unit,
            );
            let dir_block = &ctx.doc.blocks[dir.block];
            let mut how = dir_block.span(count.range.clone());
            if let Some(f) = dir
                .frequency_after(count.range.end)
                .filter(|f| f.times != 1.0)
            {
                let fs = dir_block.span(f.range.clone());
                how = Span::new(how.start.min(fs.start), how.end.max(fs.end));
            }
            d.labels.push(Label {
                span: block.span(name_range.clone()),
                text: "the nutrient".into(),
            });
            d.labels.push(Label {
                span: block.span(pu.range.clone()),
                text: "per unit".into(),
            });
            d.labels.push(Label {
                span: how,
                text: "the directions".into(),
            });
            d.labels.sort_by_key(|l| l.span);
            d.labels.dedup_by_key(|l| l.span);
            out.push(CopyFinding {
                nutrient: daily.nutrient,
                value: daily.value,
                block: s.block,
                diagnostic: d,
            });
        }
    }
}
