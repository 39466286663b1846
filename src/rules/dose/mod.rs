//! `kind: dose`: daily amounts of a nutrient against its tolerable upper intake level (UL),
//! and the arithmetic of compound weights.
//!
//! The table of ULs, names, compounds and IU factors is data (`data/nutrients.yaml` in the
//! pack, [`table`]). Each sentence is read ([`reading`]) into amounts, the nutrient each
//! belongs to, per-unit markers ("per capsule"), counts ("2 capsules") and frequencies
//! ("3 times daily"), which together give a daily amount. An amount counts when the sentence
//! directs, recommends or allows it ("per day", "twice daily", "should not exceed", "up to");
//! amounts in warnings about too much ("doses above 5,000 mg can be fatal") do not. A per-unit
//! fact ("each capsule provides 200 mg of magnesium") combines with directions elsewhere on
//! the page ("take 2 capsules twice daily"). Serving facts in front matter
//! (docs/serving-facts.md) are checked on their own, and the panels of the label model
//! against its directions ([`panel`]).

pub mod amount;
pub mod audience;
mod copy;
mod elemental;
mod panel;
pub mod reading;
mod serving;
pub mod table;

use super::{Compiler, Context, LexId, RuleMeta, TermSource, rule_file};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::lexicon::{Lexicon, Term};
use amount::{AmountUnit, convert, figure};
use reading::{Dose, Lexicons, Sentence};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
pub use table::{NameRef, Nutrient, Table, Unit};

/// Which dose check a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoseCheck {
    /// A daily amount in the copy above the UL.
    UpperLimit,
    /// Copy that calls a daily amount above the UL safe.
    CalledSafe,
    /// A daily amount computed from the front matter's serving facts above the UL.
    ServingFacts,
    /// An elemental amount more than its stated compound weight can hold.
    ElementalExceedsCompound,
    /// A panel's amount per serving times the servings a day the directions allow, above
    /// the UL (docs/label.md).
    Panel,
}

rule_file! {
    /// A dose rule as written in YAML.
    DoseFile {
        /// Which check.
        check: DoseCheck,
        /// The nutrient table, a path inside the pack (`data/nutrients.yaml`).
        table: String,
        /// Words that make an amount a daily amount ("per day", "daily").
        daily: TermSource,
        /// Words that make an amount an allowed ceiling ("should not exceed", "up to").
        ceilings: TermSource,
        /// Words that make a sentence a warning about too much ("can cause", "toxic").
        harms: TermSource,
        /// Words that call an amount safe.
        safe: TermSource,
        /// Words that make a sentence about dosing when it names no nutrient ("dosage").
        dosing: TermSource,
        /// What counts of units count ("capsule", "serving"); without it, amounts per capsule
        /// or per serving are never multiplied.
        #[serde(default)]
        units: Option<TermSource>,
        /// Words that join a compound weight to the elemental amount it provides
        /// ("providing", "yielding").
        #[serde(default)]
        links: Option<TermSource>,
        /// Words that make an amount one reported from research rather than directed
        /// ("participants", "in a trial"); such amounts are not upper-limit findings.
        #[serde(default)]
        reported: Option<TermSource>,
    }
}

/// How far an elemental figure may exceed what its compound weight holds before it is
/// reported: labels round elemental figures, and hydrates and blends vary a little.
const ELEMENTAL_TOLERANCE: f64 = 1.10;

/// A compiled dose rule.
#[derive(Debug)]
pub struct DoseRule {
    check: DoseCheck,
    table: Arc<Table>,
    refs: Arc<Vec<NameRef>>,
    by_name: Arc<HashMap<String, NameRef>>,
    lex: Lexicons,
}

/// Lowercase, `_` as a space, single spaces: how serving-fact keys are looked up.
fn normalize(name: &str) -> String {
    name.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A nutrient table loaded once for every dose rule that names it.
#[derive(Debug, Clone)]
pub(crate) struct SharedTable {
    table: Arc<Table>,
    refs: Arc<Vec<NameRef>>,
    by_name: Arc<HashMap<String, NameRef>>,
    names: LexId,
}

/// Load `path` from the pack, or reuse what an earlier dose rule loaded from it.
fn shared_table(path: &str, c: &mut Compiler) -> Result<SharedTable, (String, String)> {
    if let Some(t) = c.tables.get(path) {
        return Ok(t.clone());
    }
    let Some(file) = c.data_file(path).cloned() else {
        return Err((
            "table:".into(),
            format!("no data file `{path}` in the pack"),
        ));
    };
    let table = Table::load(&file.text).map_err(|(message, line)| {
        let at = line.map(|l| format!(":{l}")).unwrap_or_default();
        (
            "table:".to_string(),
            format!("{}{at}: {message}", file.origin),
        )
    })?;
    let mut terms = Vec::new();
    let mut refs = Vec::new();
    let mut by_name = HashMap::new();
    for (name, r) in table.names() {
        terms.push(bare(name));
        refs.push(r);
        by_name.insert(normalize(name), r);
    }
    for (i, n) in table.nutrients.iter().enumerate() {
        by_name
            .entry(normalize(&n.id.replace('-', " ")))
            .or_insert(NameRef::Nutrient(i));
    }
    let lex = Lexicon::new("nutrient names", terms).map_err(|e| ("table:".to_string(), e))?;
    let names = c.register(&format!("table:{path}"), lex);
    let shared = SharedTable {
        table: Arc::new(table),
        refs: Arc::new(refs),
        by_name: Arc::new(by_name),
        names,
    };
    c.tables.insert(path.to_string(), shared.clone());
    Ok(shared)
}

/// Compile a dose rule file.
pub fn compile(f: DoseFile, c: &mut Compiler) -> Result<DoseRule, (String, String)> {
    let shared = shared_table(&f.table, c)?;
    let err = |field: &'static str| move |e: String| (format!("{field}:"), e);
    let lex = Lexicons {
        names: shared.names,
        daily: c.terms(&f.daily, "daily").map_err(err("daily"))?,
        ceilings: c.terms(&f.ceilings, "ceilings").map_err(err("ceilings"))?,
        harms: c.terms(&f.harms, "harms").map_err(err("harms"))?,
        safe: c.terms(&f.safe, "safe").map_err(err("safe"))?,
        dosing: c.terms(&f.dosing, "dosing").map_err(err("dosing"))?,
        units: c.optional(&f.units, "units").map_err(err("units"))?,
        links: c.optional(&f.links, "links").map_err(err("links"))?,
        reported: c
            .optional(&f.reported, "reported")
            .map_err(err("reported"))?,
    };
    Ok(DoseRule {
        check: f.check,
        table: shared.table,
        refs: shared.refs,
        by_name: shared.by_name,
        lex,
    })
}

fn bare(name: &str) -> Term {
    crate::rules::lexicon::TermEntry::Bare(name.to_string()).into_term()
}

/// What a document's dose readings depend on: the lexicons and the table's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingKey {
    lex: Lexicons,
    refs: usize,
}

/// A daily amount worked out from one amount in the copy.
struct Daily {
    /// The nutrient.
    nutrient: usize,
    /// The amount in the nutrient's unit, per day.
    value: f64,
    /// How the copy's figure became `value`, for the message ("400 mg (2 x 200 mg)").
    shown: String,
}

impl DoseRule {
    /// Run the rule over a document.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        match self.check {
            DoseCheck::ServingFacts => self.check_serving_facts(meta, ctx, out),
            DoseCheck::ElementalExceedsCompound => {
                self.check_elemental_in_copy(meta, ctx, out);
                self.check_elemental_in_serving_facts(meta, ctx, out);
            }
            DoseCheck::UpperLimit | DoseCheck::CalledSafe => self.check_copy(meta, ctx, out),
            DoseCheck::Panel => self.check_panels(meta, ctx, out),
        }
    }

    /// Every sentence that holds an amount or a unit word, read. Dose rules that read with
    /// the same table and lexicons read each document once: the first one to ask does the
    /// reading and the others get it from the context.
    fn sentences(&self, ctx: &Context<'_>) -> std::rc::Rc<Vec<Sentence>> {
        let key = ReadingKey {
            lex: self.lex,
            refs: Arc::as_ptr(&self.refs) as usize,
        };
        ctx.dose_readings(key, || self.read_sentences(ctx))
    }

    fn read_sentences(&self, ctx: &Context<'_>) -> Vec<Sentence> {
        let mut out = Vec::new();
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            let found = amount::amounts(&block.text);
            let units = self.lex.units.map(|u| ctx.matches(u, bi)).unwrap_or(&[]);
            if found.is_empty() && units.is_empty() {
                continue;
            }
            for range in &block.sentences {
                // Both lists are in order: a search for the sentence, not a scan of the block
                // for each of its thousands of sentences.
                let has_amount = found[found.partition_point(|(r, _)| r.start < range.start)..]
                    .iter()
                    .take_while(|(r, _)| r.start < range.end)
                    .any(|(r, _)| r.end <= range.end);
                let has_unit = self
                    .lex
                    .units
                    .is_some_and(|u| !ctx.matches_in(u, bi, range).is_empty());
                if has_amount || has_unit {
                    out.push(reading::read(
                        ctx,
                        &self.lex,
                        &self.refs,
                        bi,
                        range.clone(),
                        &found,
                    ));
                }
            }
        }
        out
    }

    /// The nutrient most of the nutrient names in a unit (the document, or a catalog's
    /// product) refer to, if one dominates.
    fn main_nutrient(&self, ctx: &Context<'_>, unit: std::ops::Range<usize>) -> Option<usize> {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut total = 0;
        for bi in unit {
            for m in ctx.matches(self.lex.names, bi) {
                *counts.entry(self.refs[m.term].nutrient()).or_default() += 1;
                total += 1;
            }
        }
        let (n, c) = counts.into_iter().max_by_key(|&(_, c)| c)?;
        (c * 2 > total).then_some(n)
    }

    /// The amount of one serving-fact or copy figure in the nutrient's unit, with what each
    /// unit of its name holds (the elemental fraction of a compound, 1 otherwise).
    fn in_unit(
        &self,
        name: NameRef,
        value: f64,
        unit: AmountUnit,
        basis: Option<&str>,
    ) -> Option<(f64, f64)> {
        let nutrient = &self.table.nutrients[name.nutrient()];
        let (fraction, iu) = match name {
            NameRef::Nutrient(_) => (1.0, nutrient.iu),
            NameRef::Compound(n, c) => (self.table.compound(n, c).elemental_fraction, None),
            NameRef::Form(_, iu) => (1.0, Some(iu)),
        };
        let mut v = convert(value, unit, nutrient.unit?, iu)?;
        if let Some(b) = basis
            && let Some(f) = nutrient.equivalents.get(b)
        {
            v *= f;
        }
        Some((v, fraction))
    }

    /// The daily amount one dose of a sentence stands for, with the multiplier applied.
    fn daily(
        &self,
        name: NameRef,
        dose: &Dose,
        multiplier: f64,
        amount_text: &str,
    ) -> Option<Daily> {
        let nutrient = &self.table.nutrients[name.nutrient()];
        let unit = nutrient.unit?;
        let (weight, fraction) = self.in_unit(
            name,
            dose.amount.high,
            dose.amount.unit,
            dose.basis.as_deref(),
        )?;
        let value = weight * fraction * multiplier;
        let u = unit.as_str();
        let written_in_unit = dose.basis.is_none()
            && matches!(
                (dose.amount.unit, unit),
                (AmountUnit::Mg, Unit::Mg) | (AmountUnit::Mcg, Unit::Mcg)
            );
        let mut notes = Vec::new();
        if !written_in_unit && fraction == 1.0 && multiplier == 1.0 {
            notes.push(format!("{} {u}", figure(weight)));
        }
        if fraction < 1.0 {
            let each = if multiplier == 1.0 { "" } else { " each" };
            notes.push(format!(
                "about {} {u} elemental{each}",
                figure(weight * fraction)
            ));
        }
        let shown = if multiplier == 1.0 {
            if notes.is_empty() {
                amount_text.to_string()
            } else {
                format!("{amount_text} ({})", notes.join(", "))
            }
        } else {
            let about = if fraction < 1.0 { "about " } else { "" };
            let mut parts = vec![format!("{} x {amount_text}", figure(multiplier))];
            parts.extend(notes);
            format!("{about}{} {u} ({})", figure(value), parts.join(", "))
        };
        Some(Daily {
            nutrient: name.nutrient(),
            value,
            shown,
        })
    }

    /// A diagnostic for an amount above the UL, with the UL, the stage, what it covers and
    /// its source in the note.
    #[allow(clippy::too_many_arguments)]
    fn diagnostic(
        &self,
        meta: &RuleMeta,
        nutrient: &Nutrient,
        stage: &str,
        limit: f64,
        shown: &str,
        span: Span,
        written: AmountUnit,
    ) -> Diagnostic {
        let limit_text = self.limit_text(nutrient, limit, written);
        let stage_text = table::stage_words(stage);
        let mut d = meta.diagnostic(
            &[
                ("amount", shown),
                ("nutrient", &nutrient.name()),
                ("limit", &limit_text),
                ("stage", &stage_text),
            ],
            span,
        );
        d.cite = Some(note(nutrient, &stage_text, &limit_text));
        // With labels, the human report draws only labels: name the amount itself too.
        d.labels.push(Label {
            span,
            text: "the amount".into(),
        });
        d
    }

    /// "350 mg", or "100 mcg (4,000 IU)" when the copy wrote IU.
    fn limit_text(&self, nutrient: &Nutrient, limit: f64, written: AmountUnit) -> String {
        let unit = nutrient.unit.map_or("", Unit::as_str);
        match (written, nutrient.iu) {
            (AmountUnit::Iu, Some(iu)) => {
                format!(
                    "{} {unit} ({} IU)",
                    figure(limit),
                    figure((limit / iu).round())
                )
            }
            _ => format!("{} {unit}", figure(limit)),
        }
    }
}

/// The note of an upper-limit finding: the UL, the stage, what it covers and the source.
fn note(nutrient: &Nutrient, stage_text: &str, limit_text: &str) -> String {
    let mut note = format!("upper limit for {stage_text}: {limit_text} a day");
    if let Some(c) = &nutrient.covers {
        note.push_str(&format!(" ({c})"));
    }
    if let Some(s) = &nutrient.source {
        note.push_str(&format!("; {s}"));
    }
    note
}
