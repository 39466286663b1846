//! `kind: panel`: what the Supplement Facts panels of the label model (docs/label.md) say,
//! checked against 21 CFR 101.36 and 101.54 wherever a panel is found, on a label or on a
//! page about one: the %DV arithmetic ([`arithmetic`]), the panel's format ([`format`]),
//! nutrient content claims of the copy against the panel ([`claims`]) and ingredients on
//! FDA's Dietary Supplement Ingredient Advisory List ([`advisory`]).
//!
//! The Daily Values are data (`data/daily-values.yaml`, [`daily_values`]), as is the
//! advisory list (`data/advisory-list.yaml`).

pub mod advisory;
mod arithmetic;
mod claims;
pub mod daily_values;
mod format;

use super::{Compiler, Context, RuleMeta, rule_file};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::Document;
use crate::document::label::{Panel, PanelKind};
use daily_values::DvTable;
use regex::Regex;
use serde::Deserialize;
use std::sync::{Arc, LazyLock};

/// Which panel check a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PanelCheck {
    /// A stated %DV that is not the amount over the Daily Value, rounded.
    DailyValue,
    /// A supplement's panel titled "Nutrition Facts".
    NutritionFactsTitle,
    /// A nutrient with a Daily Value and an amount but no %DV.
    MissingDailyValue,
    /// A dietary ingredient with no Daily Value not marked with a symbol tied to the
    /// footnote "Daily Value not established".
    NotEstablished,
    /// A proprietary blend without its total weight.
    BlendWeight,
    /// A panel with no serving size.
    ServingSize,
    /// "High in", "good source of", "contains" against the panel's %DV.
    ContentClaim,
    /// "High potency" against 21 CFR 101.54(f).
    HighPotency,
    /// "More", "extra", "added" without a reference food, how much more, or 10% DV more.
    ComparativeClaim,
    /// An ingredient on FDA's Dietary Supplement Ingredient Advisory List.
    AdvisoryIngredient,
}

rule_file! {
    /// A panel rule as written in YAML.
    PanelFile {
        /// Which check.
        check: PanelCheck,
        /// The data file the check reads, a path inside the pack: the Daily Value table
        /// (`data/daily-values.yaml`), or for `advisory-ingredient` the advisory list
        /// (`data/advisory-list.yaml`).
        table: String,
    }
}

/// What a compiled panel rule reads.
#[derive(Debug)]
enum Data {
    DailyValues(Arc<DvTable>, Arc<claims::Patterns>),
    Advisory(Arc<advisory::List>),
}

/// A compiled panel rule.
#[derive(Debug)]
pub struct PanelRule {
    check: PanelCheck,
    data: Data,
}

/// Compile a panel rule file.
pub fn compile(f: PanelFile, c: &mut Compiler) -> Result<PanelRule, (String, String)> {
    let Some(file) = c.data_file(&f.table).cloned() else {
        return Err((
            "table:".into(),
            format!("no data file `{}` in the pack", f.table),
        ));
    };
    let at = |message: String| ("table:".to_string(), format!("{}: {message}", file.origin));
    let data = if f.check == PanelCheck::AdvisoryIngredient {
        Data::Advisory(Arc::new(advisory::List::load(&file.text).map_err(at)?))
    } else {
        let table = DvTable::load(&file.text).map_err(at)?;
        let patterns = claims::Patterns::new(&table);
        Data::DailyValues(Arc::new(table), Arc::new(patterns))
    };
    Ok(PanelRule {
        check: f.check,
        data,
    })
}

/// Whether a panel is a panel (a Supplement Facts or Nutrition Facts table), not a line or
/// a sentence that states what a unit holds.
pub(crate) fn is_table(panel: &Panel) -> bool {
    matches!(
        panel.kind,
        PanelKind::SupplementFacts | PanelKind::NutritionFacts
    )
}

/// A panel of another market's reference values: "%NRV", "%RI", "Reference Intake",
/// "EC RDA" (EU and UK labels). Its percentages are not %DV and its nutrients are not held
/// to US Daily Values.
static OTHER_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)%\s*(?:NRV|RI|EC\s*RDA|RDA|RNI)\b|\bNRVs?\b|\bnutrient\s+reference\s+values?\b|\breference\s+intakes?\b|\bEC\s+RDA\b")
        .expect("valid regex")
});

/// Whether a panel states another market's reference values (looked for in the panel and
/// in the lines just before it, where its column heads may stand).
pub(crate) fn other_market(doc: &Document, panel: &Panel) -> bool {
    let mut start = panel.span.start.saturating_sub(300);
    while !doc.source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (panel.span.end + 300).min(doc.source.len());
    while !doc.source.is_char_boundary(end) {
        end += 1;
    }
    OTHER_REFERENCE.is_match(&doc.source[start..end])
}

/// The blocks and bytes of the product holding source offset `at`: its unit of a catalog,
/// the whole document when it is one, nothing between units.
pub(crate) fn unit_of(doc: &Document, at: usize) -> (std::ops::Range<usize>, Span) {
    if doc.units.is_empty() {
        return (0..doc.blocks.len(), Span::new(0, doc.source.len()));
    }
    match doc.unit_key(at).checked_sub(1) {
        Some(i) => (doc.units[i].blocks.clone(), doc.units[i].span),
        None => (0..0, Span::new(at, at)),
    }
}

impl PanelRule {
    /// Run the rule over a document.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.doc.label.panels.is_empty() && ctx.doc.label.statements.is_empty() {
            return;
        }
        match &self.data {
            Data::Advisory(list) => advisory::check(list, meta, ctx, out),
            Data::DailyValues(table, patterns) => match self.check {
                PanelCheck::DailyValue => arithmetic::check(table, meta, ctx, out),
                PanelCheck::NutritionFactsTitle
                | PanelCheck::MissingDailyValue
                | PanelCheck::NotEstablished
                | PanelCheck::BlendWeight
                | PanelCheck::ServingSize => format::check(self.check, table, meta, ctx, out),
                PanelCheck::ContentClaim
                | PanelCheck::HighPotency
                | PanelCheck::ComparativeClaim => {
                    claims::check(self.check, table, patterns, meta, ctx, out)
                }
                PanelCheck::AdvisoryIngredient => {}
            },
        }
    }
}
