//! Panels against the upper limit: each row's amount per serving times the servings a day
//! the directions allow, anywhere in the product's copy (before the panel or after it),
//! for the audience the directions name. A Supplement Facts panel with no directions
//! counts one serving a day; label-style rows, "Each capsule provides" lines and sentences
//! need directions. One dose stated in several places (the panel, a specification table, a
//! sentence of the copy) is one finding at the panel row, with the other places as labels;
//! the prose check leaves such a dose to this one.

use super::copy::CopyFinding;
use super::{DoseCheck, DoseRule, audience, figure, note, table};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::document::front_matter::AmountUnit;
use crate::document::label::{Direction, Panel, PanelKind, QuantityUnit, Row};
use crate::rules::{Context, RuleKind, RuleMeta};
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;
use table::NameRef;

/// Whether the rule set runs the panel check (then the prose check leaves it its doses).
pub(super) fn checked(ctx: &Context<'_>) -> bool {
    ctx.set
        .rules
        .iter()
        .any(|r| matches!(&r.kind, RuleKind::Dose(d) if d.check == DoseCheck::Panel))
}

/// One panel row above the upper limit.
pub(super) struct Candidate {
    nutrient: usize,
    value: f64,
    /// The product (see [`crate::document::Document::unit_key`]).
    unit: usize,
    /// Where the panel ranks as the place to report at: a Supplement Facts panel first.
    rank: u8,
    /// From a sentence of the copy: the prose check reports it when it finds it too.
    sentence: bool,
    diagnostic: Diagnostic,
}

/// One dose above the upper limit, stated in one or more panels.
pub(super) struct Group {
    primary: Candidate,
    /// Where else the same dose is stated.
    also: Vec<Span>,
}

/// The doses of a document's panels, found by product, nutrient and daily amount (within
/// 1%) with a search, not a scan: a page of thousands of rows stays linear.
#[derive(Default)]
pub(super) struct Groups {
    groups: Vec<Group>,
    index: BTreeMap<(usize, usize, u64), usize>,
}

impl Groups {
    /// The group of this dose, if any.
    fn find(&self, unit: usize, nutrient: usize, value: f64) -> Option<usize> {
        if !(value.is_finite() && value > 0.0) {
            return None;
        }
        let (lo, hi) = (value / 1.0102, value / 0.9898);
        self.index
            .range((unit, nutrient, lo.to_bits())..=(unit, nutrient, hi.to_bits()))
            .map(|(_, &g)| g)
            .find(|&g| {
                let v = self.groups[g].primary.value;
                (v - value).abs() <= v * 0.01
            })
    }

    fn add(&mut self, c: Candidate) {
        match self.find(c.unit, c.nutrient, c.value) {
            Some(g) => self.groups[g].also.push(c.diagnostic.span),
            None => {
                if c.value.is_finite() && c.value > 0.0 {
                    self.index
                        .insert((c.unit, c.nutrient, c.value.to_bits()), self.groups.len());
                }
                self.groups.push(Group {
                    primary: c,
                    also: Vec::new(),
                });
            }
        }
    }

    /// Whether the panel check reports the dose of a prose finding.
    pub(super) fn reports(&self, ctx: &Context<'_>, f: &CopyFinding) -> bool {
        let unit = ctx
            .doc
            .unit_key(ctx.doc.blocks[f.block].source_span().start);
        self.find(unit, f.nutrient, f.value)
            .is_some_and(|g| !self.groups[g].primary.sentence)
    }
}

fn rank(kind: PanelKind) -> Option<u8> {
    match kind {
        PanelKind::SupplementFacts | PanelKind::NutritionFacts => Some(0),
        PanelKind::PerUnit => Some(1),
        PanelKind::Loose => Some(2),
        PanelKind::Sentence => Some(3),
        // Serving facts in front matter have their own check.
        PanelKind::FrontMatter => None,
    }
}

/// Words that may stand before a nutrient's name in a row without changing what it is.
const MODIFIERS: &[&str] = &[
    "elemental",
    "total",
    "supplemental",
    "natural",
    "chelated",
    "buffered",
    "organic",
    "pure",
];

/// "equiv.", "equivalent to", "equals": a row that gives the nutrient in the compound above.
static EQUIVALENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:equiv(?:alent)?\.?(?:\s+to)?|equal\s+to|equals|=)\s+")
        .expect("valid equivalent regex")
});

/// "50% as beta-carotene": a share of the amount in one form.
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)([0-9]{1,3}(?:\.[0-9]+)?)\s*%\s*as\s+([^,;()]+)").expect("valid share regex")
});

impl DoseRule {
    /// What a name written on a panel refers to: the table's name that is the whole of it
    /// (after modifiers such as "elemental", and before "per tablet").
    fn resolve(&self, ctx: &Context<'_>, name: &str) -> Option<NameRef> {
        let lower = name.trim().to_lowercase();
        let head = lower
            .split(" per ")
            .next()
            .unwrap_or(&lower)
            .trim_end_matches([':', ' ', '*', '†']);
        // "equiv. zinc 25 mg" under "Zinc amino acid chelate 125 mg" (Australian and
        // British labels): the amount of the nutrient in the compound above.
        let head = EQUIVALENT
            .find(head)
            .map_or(head, |m| head[m.end()..].trim_start());
        if let Some(r) = self.by_name.get(&super::normalize(head)) {
            return Some(*r);
        }
        let found = ctx.set.lexicon(self.lex.names).find_all(head);
        let m = found.iter().max_by_key(|m| m.range.len())?;
        let before_ok = head[..m.range.start]
            .split_whitespace()
            .all(|w| MODIFIERS.contains(&w));
        let after_ok = head[m.range.end..].trim().is_empty();
        (before_ok && after_ok).then(|| self.refs[m.term])
    }

    /// What a row's amount is of, with the share of it that counts: the name's nutrient, a
    /// form with its own IU factor, or a different nutrient the form names (folate as
    /// methylfolate, vitamin A as beta-carotene); a share when the qualifier splits the
    /// amount ("50% as beta-carotene, 50% as retinyl acetate").
    fn row_nutrient(&self, ctx: &Context<'_>, row: &Row) -> Option<(NameRef, f64)> {
        let name = self.resolve(ctx, &row.name.text)?;
        let n = name.nutrient();
        if let Some(q) = &row.qualifier {
            let shares: Vec<(f64, Option<NameRef>)> = SHARE
                .captures_iter(&q.text)
                .filter_map(|c| Some((c[1].parse::<f64>().ok()?, self.resolve(ctx, &c[2]))))
                .collect();
            if !shares.is_empty() {
                let mine: f64 = shares
                    .iter()
                    .filter(|(_, r)| r.is_none_or(|r| r.nutrient() == n))
                    .map(|(p, _)| p / 100.0)
                    .sum();
                return (mine > 0.0).then_some((NameRef::Nutrient(n), mine.min(1.0)));
            }
        }
        if let Some(form) = &row.form
            && let Some(f) = self.resolve(ctx, &form.text)
        {
            return match f {
                _ if f.nutrient() != n => Some((NameRef::Nutrient(f.nutrient()), 1.0)),
                NameRef::Form(..) => Some((f, 1.0)),
                // "Magnesium (as magnesium glycinate)": the amount is the magnesium.
                _ => Some((NameRef::Nutrient(n), 1.0)),
            };
        }
        Some((name, 1.0))
    }

    /// Every panel row above the upper limit, grouped by dose.
    pub(super) fn panel_groups(&self, meta: &RuleMeta, ctx: &Context<'_>) -> Groups {
        let mut candidates = Vec::new();
        let label = &ctx.doc.label;
        if label.panels.is_empty() {
            return Groups::default();
        }
        // Each product's directions, each shape once: a page that repeats its directions
        // a thousand times is read as one that states them once.
        let mut by_unit: HashMap<usize, Vec<&Direction>> = HashMap::new();
        let mut seen = HashSet::new();
        for d in &label.directions {
            let unit = ctx.doc.unit_key(d.sentence.span.start);
            let key = (
                unit,
                d.count.as_ref().map(|c| (c.n.to_bits(), c.unit)),
                d.frequency.as_ref().map(|f| f.per_day.to_bits()),
                d.cap.as_ref().map(|c| (c.n.to_bits(), c.unit)),
                d.audience.as_ref().map(|a| a.text.to_lowercase()),
            );
            if seen.insert(key) {
                by_unit.entry(unit).or_default().push(d);
            }
        }
        for panel in &label.panels {
            let Some(rank) = rank(panel.kind) else {
                continue;
            };
            let unit = ctx.doc.unit_key(panel.span.start);
            let directions = by_unit.get(&unit).map_or(&[][..], Vec::as_slice);
            for row in &panel.rows {
                if let Some(c) = self.row_candidate(meta, ctx, panel, row, directions) {
                    candidates.push(Candidate {
                        unit,
                        rank,
                        sentence: panel.kind == PanelKind::Sentence,
                        ..c
                    });
                }
            }
        }
        candidates.sort_by_key(|c| (c.rank, c.diagnostic.span.start));
        let mut groups = Groups::default();
        for c in candidates {
            groups.add(c);
        }
        groups
    }

    /// The worst daily amount of one row, over the directions that tie to its panel.
    fn row_candidate<'d>(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        panel: &Panel,
        row: &Row,
        directions: &[&'d Direction],
    ) -> Option<Candidate> {
        let amount = row.amount.as_ref()?;
        let QuantityUnit::Mass(written) = amount.unit else {
            return None;
        };
        let (name, share) = self.row_nutrient(ctx, row)?;
        let nutrient = &self.table.nutrients[name.nutrient()];
        let unit = nutrient.unit?;
        let basis = amount.basis.map(|b| b.as_str());
        let (weight, fraction) = self.in_unit(name, amount.value, written, basis)?;
        let per_serving = weight * fraction * share;
        let fallback = self.front_matter_stages(ctx);
        // (servings a day, the direction, stage, limit)
        let mut worst: Option<(f64, Option<&'d Direction>, &'static str, f64)> = None;
        let mut consider = |servings: f64, d: Option<&'d Direction>, stages: &[&'static str]| {
            let Some((stage, limit)) = audience::strictest(nutrient, stages) else {
                return;
            };
            let ratio = per_serving * servings / limit;
            if ratio > 1.000_001 && worst.is_none_or(|w| ratio > per_serving * w.0 / w.3) {
                worst = Some((servings, d, stage, limit));
            }
        };
        // A most a day stated anywhere in the product's directions caps the others: "Take 1
        // capsule every 4 hours. Do not exceed 3 capsules per day."
        let cap = directions
            .iter()
            .filter(|d| d.cap.is_some())
            .filter_map(|d| d.servings_per_day(panel.serving.as_ref()))
            .min_by(f64::total_cmp);
        let mut tied = false;
        for d in directions {
            let Some(mut servings) = d.servings_per_day(panel.serving.as_ref()) else {
                continue;
            };
            if let Some(cap) = cap {
                servings = servings.min(cap);
            }
            tied = true;
            let stages = d
                .audience
                .as_ref()
                .and_then(|a| audience::stages(&a.text))
                .unwrap_or_else(|| fallback.clone());
            consider(servings, Some(d), &stages);
        }
        if !tied
            && matches!(
                panel.kind,
                PanelKind::SupplementFacts | PanelKind::NutritionFacts
            )
        {
            // A panel with no directions: one serving a day, the least it means.
            consider(1.0, None, &fallback);
        }
        let (servings, direction, stage, limit) = worst?;
        let total = per_serving * servings;
        let u = unit.as_str();
        let iu_note = match (written, nutrient.iu) {
            (AmountUnit::Iu, Some(iu)) => format!(" ({} IU)", figure((total / iu).round())),
            _ => String::new(),
        };
        let shown = format!("{} {u}{iu_note}", figure(total));
        let n = figure(servings);
        let mut computation = match &panel.serving {
            Some(s) if panel.kind == PanelKind::SupplementFacts => {
                let (noun, each) = if servings == 1.0 {
                    ("serving", "")
                } else {
                    ("servings", " each")
                };
                format!("{n} {noun} of {} ({}{each})", amount.text, s.text)
            }
            Some(s) if s.count == 1.0 && s.unit.is_some() => {
                format!("{n} x {} per {}", amount.text, s.unit.unwrap_or_default())
            }
            Some(s) => format!("{n} x {} per {}", amount.text, s.text),
            None => format!("{n} x {}", amount.text),
        };
        // "10 drops a day at 20 drops a serving: 0.5 x 3 mg per ml".
        if let (Some(s), Some(d)) = (&panel.serving, direction)
            && let Some((per, also)) = s.also
            && crate::document::label::same_unit(d.unit(), Some(also))
            && let Some(units) = d.units_per_day()
        {
            computation = format!(
                "{} {also}s a day at {} {also}s a serving: {computation}",
                figure(units),
                figure(per)
            );
        }
        if fraction < 1.0 {
            computation.push_str(&format!(
                ", about {} {u} elemental",
                figure(weight * fraction)
            ));
        }
        if share < 1.0 {
            computation.push_str(&format!(", {}% of it counted", figure(share * 100.0)));
        }
        if direction.is_none() {
            computation.push_str(", one serving a day");
        }
        let limit_text = self.limit_text(nutrient, limit, written);
        let stage_text = table::stage_words(stage);
        let mut d = meta.diagnostic(
            &[
                ("amount", &shown),
                ("nutrient", &nutrient.name()),
                ("computation", &computation),
                ("limit", &limit_text),
                ("stage", &stage_text),
            ],
            amount.span,
        );
        d.cite = Some(note(nutrient, &stage_text, &limit_text));
        d.labels.push(Label {
            span: amount.span,
            text: "the amount".into(),
        });
        if !row.name.text.is_empty() {
            d.labels.push(Label {
                span: row.name.span,
                text: "the nutrient".into(),
            });
        }
        if let Some(s) = &panel.serving {
            d.labels.push(Label {
                span: s.span,
                text: "per serving".into(),
            });
        }
        if let Some(dir) = direction {
            d.labels.push(Label {
                span: dir.sentence.span,
                text: "the directions".into(),
            });
        }
        Some(Candidate {
            nutrient: name.nutrient(),
            value: total,
            unit: 0,
            rank: 0,
            sentence: false,
            diagnostic: d,
        })
    }

    /// Panels against the upper limit, each dose once.
    pub(super) fn check_panels(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let groups = self.panel_groups(meta, ctx);
        if groups.groups.is_empty() {
            return;
        }
        // Where the prose states each dose, by group.
        let mut stated: Vec<Vec<Span>> = vec![Vec::new(); groups.groups.len()];
        for f in self.copy_findings(meta, ctx) {
            let unit = ctx
                .doc
                .unit_key(ctx.doc.blocks[f.block].source_span().start);
            if let Some(g) = groups.find(unit, f.nutrient, f.value) {
                stated[g].push(f.diagnostic.span);
            }
        }
        for (g, stated) in groups.groups.into_iter().zip(stated) {
            // A sentence's dose that the prose check finds is the prose check's to report.
            if g.primary.sentence && !stated.is_empty() {
                continue;
            }
            let mut d = g.primary.diagnostic;
            for span in g.also.into_iter().chain(stated) {
                if span != d.span && !d.labels.iter().any(|l| l.span == span) {
                    d.labels.push(Label {
                        span,
                        text: "also stated here".into(),
                    });
                }
            }
            d.labels.sort_by_key(|l| l.span);
            d.labels.dedup_by_key(|l| l.span);
            out.push(d);
        }
    }
}
