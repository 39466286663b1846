//! `kind: dose`: daily amounts of a nutrient against its tolerable upper intake level (UL).
//!
//! The table of ULs, names, compounds and IU factors is data (`data/nutrients.yaml` in the
//! pack). An amount counts as a daily amount when the sentence says so ("per day", "daily")
//! or sets a ceiling ("should not exceed", "up to", "less than ... is safe"). A compound
//! weight ("750 mg magnesium glycinate") is converted to its elemental amount; amounts in
//! warnings about overdose ("doses above 5,000 mg can be fatal") are not directions.

use super::{Compiler, Context, LexId, RuleMeta, TermSource, rule_file};
use crate::diagnostic::{Diagnostic, Label};
use crate::rules::lexicon::{Lexicon, Term};
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Which dose check a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoseCheck {
    /// A daily amount above the UL.
    UpperLimit,
    /// Copy that calls a daily amount above the UL safe.
    CalledSafe,
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
    }
}

/// A mass unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Milligrams.
    Mg,
    /// Micrograms.
    Mcg,
}

/// The nutrient table file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Its kind (`upper-limits`).
    pub table: String,
    /// The nutrients.
    pub nutrients: Vec<Nutrient>,
}

/// One nutrient with its ULs by life stage.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nutrient {
    /// Stable id (`magnesium`).
    pub id: String,
    /// Names in copy.
    pub names: Vec<String>,
    /// The unit of the UL figures.
    #[serde(default)]
    pub unit: Option<Unit>,
    /// What the UL covers (supplements only, synthetic forms only, ...).
    #[serde(default)]
    pub covers: Option<String>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<String>,
    /// UL per day by life stage; empty when the nutrient has none.
    #[serde(default)]
    pub ul: BTreeMap<String, f64>,
    /// How many `unit` one IU is.
    #[serde(default)]
    pub iu: Option<f64>,
    /// IU factors by form.
    #[serde(default)]
    pub iu_forms: Vec<IuForm>,
    /// Salts and chelates sold by compound weight.
    #[serde(default)]
    pub compounds: Vec<Compound>,
}

/// An IU factor for a named form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IuForm {
    /// The form's names.
    pub names: Vec<String>,
    /// How many `unit` one IU of this form is.
    pub iu: f64,
}

/// A compound with its elemental fraction by mass.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compound {
    /// The compound's names.
    pub names: Vec<String>,
    /// Mass fraction of the nutrient (0 to 1).
    pub elemental_fraction: f64,
}

/// What a name in the table refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NameRef {
    Nutrient(usize),
    Compound(usize, f64),
    Form(usize, f64),
}

/// A compiled dose rule.
#[derive(Debug)]
pub struct DoseRule {
    check: DoseCheck,
    table: Arc<Table>,
    names: LexId,
    refs: Arc<Vec<NameRef>>,
    daily: LexId,
    ceilings: LexId,
    harms: LexId,
    safe: LexId,
    dosing: LexId,
    amount: regex::Regex,
}

/// Compile a dose rule file.
pub fn compile(f: DoseFile, c: &mut Compiler) -> Result<DoseRule, (String, String)> {
    let Some(file) = c.data_file(&f.table).cloned() else {
        return Err((
            "table:".into(),
            format!("no data file `{}` in the pack", f.table),
        ));
    };
    let table: Table = yaml::from_str(&file.text).map_err(|e| {
        let at = e.line.map(|l| format!(" at line {l}")).unwrap_or_default();
        (
            "table:".to_string(),
            format!("{}{at}: {}", file.origin, e.message),
        )
    })?;
    let mut terms = Vec::new();
    let mut refs = Vec::new();
    for (i, n) in table.nutrients.iter().enumerate() {
        for name in &n.names {
            terms.push(bare(name));
            refs.push(NameRef::Nutrient(i));
        }
        for comp in &n.compounds {
            if !(0.0..=1.0).contains(&comp.elemental_fraction) {
                return Err((
                    "table:".into(),
                    format!(
                        "{}: `{}` has an elemental fraction outside 0..1",
                        file.origin,
                        comp.names.join("/")
                    ),
                ));
            }
            for name in &comp.names {
                terms.push(bare(name));
                refs.push(NameRef::Compound(i, comp.elemental_fraction));
            }
        }
        for form in &n.iu_forms {
            for name in &form.names {
                terms.push(bare(name));
                refs.push(NameRef::Form(i, form.iu));
            }
        }
    }
    let lex = Lexicon::new("nutrient names", terms).map_err(|e| ("table:".to_string(), e))?;
    let names = c.register(&format!("table:{}", f.table), lex);
    let err = |field: &'static str| move |e: String| (format!("{field}:"), e);
    Ok(DoseRule {
        check: f.check,
        table: Arc::new(table),
        names,
        refs: Arc::new(refs),
        daily: c.terms(&f.daily, "daily").map_err(err("daily"))?,
        ceilings: c.terms(&f.ceilings, "ceilings").map_err(err("ceilings"))?,
        harms: c.terms(&f.harms, "harms").map_err(err("harms"))?,
        safe: c.terms(&f.safe, "safe").map_err(err("safe"))?,
        dosing: c.terms(&f.dosing, "dosing").map_err(err("dosing"))?,
        amount: regex::Regex::new(AMOUNT).expect("valid amount regex"),
    })
}

fn bare(name: &str) -> Term {
    crate::rules::lexicon::TermEntry::Bare(name.to_string()).into_term()
}

/// An amount with an optional range and a unit.
const AMOUNT: &str = r"(?i)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))?\s*(mg|milligrams?|mcg|µg|μg|ug|micrograms?|grams?|g|i\.\s?u\.|iu)";

/// A parsed amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    /// The lower figure (equal to `high` when not a range).
    pub low: f64,
    /// The upper figure.
    pub high: f64,
    /// The unit as written.
    pub unit: AmountUnit,
}

/// Units as they appear in copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// Grams.
    G,
    /// Milligrams.
    Mg,
    /// Micrograms.
    Mcg,
    /// International units.
    Iu,
}

fn number(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// Every amount in `text` with its byte range.
pub fn amounts(re: &regex::Regex, text: &str) -> Vec<(std::ops::Range<usize>, Amount)> {
    let mut out = Vec::new();
    for caps in re.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        // The number must start a word and the unit must end one.
        if text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',')
            || text[whole.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let Some(low) = number(&caps[1]) else {
            continue;
        };
        let high = caps.get(2).and_then(|m| number(m.as_str())).unwrap_or(low);
        let unit = match caps[3].to_ascii_lowercase().as_str() {
            "mg" | "milligram" | "milligrams" => AmountUnit::Mg,
            "g" | "gram" | "grams" => AmountUnit::G,
            "iu" => AmountUnit::Iu,
            u if u.starts_with('i') => AmountUnit::Iu,
            _ => AmountUnit::Mcg,
        };
        out.push((
            whole.range(),
            Amount {
                low,
                high: high.max(low),
                unit,
            },
        ));
    }
    out
}

/// Convert `value` in `from` to the nutrient's unit; IU needs an IU factor.
pub fn convert(value: f64, from: AmountUnit, to: Unit, iu: Option<f64>) -> Option<f64> {
    let in_mg = |v: f64| match to {
        Unit::Mg => v,
        Unit::Mcg => v * 1000.0,
    };
    Some(match from {
        AmountUnit::G => in_mg(value * 1000.0),
        AmountUnit::Mg => in_mg(value),
        AmountUnit::Mcg => in_mg(value / 1000.0),
        AmountUnit::Iu => value * iu?,
    })
}

/// Format a figure without a trailing `.0`, with thousands separators.
pub fn figure(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    let int = rounded.trunc() as i64;
    let frac = ((rounded - int as f64).abs() * 10.0).round() as i64;
    let digits = int.abs().to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if int < 0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// The life stage a sentence is about.
fn life_stage(text: &str) -> &'static str {
    let t = text.to_ascii_lowercase();
    let has = |w: &str| t.contains(w);
    if has("pregnan") {
        "pregnancy"
    } else if has("breastfeed") || has("lactat") || has("nursing mother") {
        "lactation"
    } else if has("toddler") || has("ages 1") || has("age 1") {
        "children-1-3"
    } else if has("teen") || has("adolescent") {
        "teens-14-18"
    } else if has("child") || has("kids") {
        "children-4-8"
    } else {
        "adults"
    }
}

fn stage_words(stage: &str) -> String {
    match stage {
        "lactation" => "breastfeeding".into(),
        "infants-0-6m" => "infants aged 0-6 months".into(),
        "infants-7-12m" => "infants aged 7-12 months".into(),
        other => match other.split_once('-') {
            Some((group, ages)) => format!("{group} aged {ages}"),
            None => other.to_string(),
        },
    }
}

impl DoseRule {
    /// The nutrient most of the nutrient names in a unit (the document, or a catalog's
    /// product) refer to, if one dominates.
    fn main_nutrient(&self, ctx: &Context<'_>, unit: std::ops::Range<usize>) -> Option<usize> {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        let mut total = 0;
        for bi in unit {
            for m in ctx.matches(self.names, bi) {
                let n = match self.refs[m.term] {
                    NameRef::Nutrient(n) | NameRef::Compound(n, _) | NameRef::Form(n, _) => n,
                };
                *counts.entry(n).or_default() += 1;
                total += 1;
            }
        }
        let (n, c) = counts.into_iter().max_by_key(|&(_, c)| c)?;
        (c * 2 > total).then_some(n)
    }

    /// Run the rule over a document.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut mains: BTreeMap<usize, Option<usize>> = BTreeMap::new();
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            let found = amounts(&self.amount, &block.text);
            if found.is_empty() {
                continue;
            }
            for sentence in &block.sentences {
                let in_sentence: Vec<_> = found
                    .iter()
                    .filter(|(r, _)| sentence.start <= r.start && r.end <= sentence.end)
                    .collect();
                if in_sentence.is_empty() {
                    continue;
                }
                let has = |id: LexId| !ctx.matches_in(id, bi, sentence).is_empty();
                let daily = has(self.daily);
                let ceilings = ctx.matches_in(self.ceilings, bi, sentence);
                if (!daily && ceilings.is_empty()) || has(self.harms) {
                    continue;
                }
                let called_safe = has(self.safe);
                if called_safe != (self.check == DoseCheck::CalledSafe) {
                    continue;
                }
                let names = ctx.matches_in(self.names, bi, sentence);
                for (range, amount) in in_sentence {
                    // The name right after the amount, else the nearest one before it.
                    let after = names.iter().find(|m| {
                        m.range.start >= range.end
                            && ctx.words_between(bi, range.end, m.range.start) <= 3
                    });
                    let before = names.iter().rev().find(|m| m.range.end <= range.start);
                    let (name_ref, name_range) = match after.or(before) {
                        Some(m) => (self.refs[m.term], Some(m.range.clone())),
                        None => {
                            if !has(self.dosing) {
                                continue;
                            }
                            let unit = ctx.doc.unit_of(bi);
                            let main = *mains
                                .entry(unit.start)
                                .or_insert_with(|| self.main_nutrient(ctx, unit));
                            match main {
                                Some(n) => (NameRef::Nutrient(n), None),
                                None => continue,
                            }
                        }
                    };
                    let (ni, fraction, iu) = match name_ref {
                        NameRef::Nutrient(n) => (n, 1.0, self.table.nutrients[n].iu),
                        NameRef::Compound(n, f) => (n, f, None),
                        NameRef::Form(n, iu) => (n, 1.0, Some(iu)),
                    };
                    let nutrient = &self.table.nutrients[ni];
                    let stage = life_stage(&block.text[sentence.clone()]);
                    let (Some(unit), Some(&limit)) = (nutrient.unit, nutrient.ul.get(stage)) else {
                        continue;
                    };
                    let Some(value) = convert(amount.high, amount.unit, unit, iu) else {
                        continue;
                    };
                    let elemental = value * fraction;
                    if elemental <= limit * 1.000_001 {
                        continue;
                    }
                    let unit_name = match unit {
                        Unit::Mg => "mg",
                        Unit::Mcg => "mcg",
                    };
                    let amount_text = &block.text[range.clone()];
                    let shown = if fraction < 1.0 {
                        format!(
                            "{amount_text} (about {} {unit_name} elemental)",
                            figure(elemental)
                        )
                    } else {
                        amount_text.to_string()
                    };
                    let name = nutrient
                        .names
                        .first()
                        .cloned()
                        .unwrap_or_else(|| nutrient.id.clone());
                    let limit_text = format!("{} {unit_name}", figure(limit));
                    let stage_text = stage_words(stage);
                    let mut d = meta.diagnostic(
                        &[
                            ("amount", &shown),
                            ("nutrient", &name),
                            ("limit", &limit_text),
                            ("stage", &stage_text),
                        ],
                        block.span(range.clone()),
                    );
                    let mut note = format!("upper limit for {stage_text}: {limit_text} a day");
                    if let Some(c) = &nutrient.covers {
                        note.push_str(&format!(" ({c})"));
                    }
                    if let Some(s) = &nutrient.source {
                        note.push_str(&format!("; {s}"));
                    }
                    d.cite = Some(note);
                    if let Some(r) = name_range {
                        d.labels.push(Label {
                            span: block.span(r),
                            text: "the nutrient".into(),
                        });
                    }
                    if let Some(c) = ceilings.first() {
                        d.labels.push(Label {
                            span: block.span(c.range.clone()),
                            text: "stated as an allowed amount".into(),
                        });
                    }
                    d.labels.sort_by_key(|l| l.span);
                    out.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<(f64, f64, AmountUnit)> {
        let re = regex::Regex::new(AMOUNT).unwrap();
        amounts(&re, text)
            .into_iter()
            .map(|(_, a)| (a.low, a.high, a.unit))
            .collect()
    }

    #[test]
    fn every_common_spelling() {
        assert_eq!(parse("150mg"), [(150.0, 150.0, AmountUnit::Mg)]);
        assert_eq!(parse("150 mg"), [(150.0, 150.0, AmountUnit::Mg)]);
        assert_eq!(parse("1,000 mcg"), [(1000.0, 1000.0, AmountUnit::Mcg)]);
        assert_eq!(parse("0.5 g"), [(0.5, 0.5, AmountUnit::G)]);
        assert_eq!(parse("4000 IU"), [(4000.0, 4000.0, AmountUnit::Iu)]);
        assert_eq!(parse("4,000 I.U."), [(4000.0, 4000.0, AmountUnit::Iu)]);
        assert_eq!(parse("100 to 350 mg"), [(100.0, 350.0, AmountUnit::Mg)]);
        assert_eq!(parse("100-350 mg"), [(100.0, 350.0, AmountUnit::Mg)]);
        assert_eq!(
            parse("50 µg and 2 grams"),
            [(50.0, 50.0, AmountUnit::Mcg), (2.0, 2.0, AmountUnit::G)]
        );
    }

    #[test]
    fn not_inside_words_or_other_units() {
        assert!(parse("B12mg").is_empty());
        assert!(parse("250 mgs").is_empty());
        assert!(parse("5 grapes").is_empty());
        assert!(parse("Omega3 gummies").is_empty());
    }

    #[test]
    fn conversions() {
        assert_eq!(convert(1.0, AmountUnit::G, Unit::Mg, None), Some(1000.0));
        assert_eq!(convert(500.0, AmountUnit::Mcg, Unit::Mg, None), Some(0.5));
        assert_eq!(
            convert(4000.0, AmountUnit::Iu, Unit::Mcg, Some(0.025)),
            Some(100.0)
        );
        assert_eq!(convert(10.0, AmountUnit::Iu, Unit::Mg, None), None);
    }

    #[test]
    fn figures_read_naturally() {
        assert_eq!(figure(350.0), "350");
        assert_eq!(figure(10000.0), "10,000");
        assert_eq!(figure(105.75), "105.8");
    }
}
