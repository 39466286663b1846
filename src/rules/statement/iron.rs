//! `check: iron-warning`: the warning of 21 CFR 101.17(e)(1), in its exact words, on a
//! dietary supplement in a solid oral dosage form (tablets, capsules, softgels, chewables,
//! gummies) that holds iron or iron salts as an iron source. Iron oxide, a colour, is not an
//! iron source; a liquid or a powder is not a solid oral dosage form.

use super::super::RuleMeta;
use super::super::required::{DocWord, Step, align, describe, doc_words, words};
use super::LabelUnit;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Span};
use crate::document::label::StatementKind;
use regex::Regex;
use std::sync::LazyLock;

/// The units of a solid oral dosage form, by their names in the label model.
const SOLID: &[&str] = &[
    "capsule", "softgel", "tablet", "caplet", "gummy", "chewable", "lozenge", "wafer", "pill",
];

/// A word for a solid oral dosage form anywhere on the label: "60 Tablets", "Iron Gummies".
static SOLID_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:tablets?|capsules?|softgels?|soft[\s-]gels?|gummies|gummy|chewables?|caplets?|lozenges?|chews)\b")
        .expect("valid dosage form regex")
});

/// An iron source in a name: iron itself, or an iron salt.
static IRON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:iron|ferrous|ferric|ferrochel)\b").expect("valid iron regex")
});

/// Iron that is not an iron source: the colour iron oxide.
static NOT_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\biron\s+oxides?\b").expect("valid regex"));

/// The most words of the text a passage may differ by, as a share, to be a near miss.
const NEAR_MISS: f64 = 0.6;

/// A compiled iron warning check.
#[derive(Debug)]
pub(super) struct IronWarning {
    text: String,
    want: Vec<String>,
}

/// Whether `name` holds iron as an iron source.
fn iron_source(name: &str) -> bool {
    IRON.is_match(name) && !NOT_SOURCE.is_match(name)
}

impl IronWarning {
    pub(super) fn new(text: &str) -> Result<IronWarning, String> {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let want: Vec<String> = words(&text).into_iter().map(|(_, w)| w).collect();
        if want.len() < 4 {
            return Err("`text` is too short to be the iron warning".into());
        }
        Ok(IronWarning { text, want })
    }

    /// The first iron source of the label: a panel row, or an item of an ingredient list.
    fn source(unit: &LabelUnit<'_>) -> Option<Span> {
        let row = unit.panels.iter().flat_map(|p| p.rows.iter()).find(|r| {
            iron_source(&r.full_name()) && r.amount.as_ref().is_none_or(|a| a.value > 0.0)
        });
        if let Some(r) = row {
            return Some(r.span);
        }
        unit.statements
            .iter()
            .filter(|s| s.kind != StatementKind::Contains)
            .flat_map(|s| s.items.iter())
            .find(|i| iron_source(&i.text))
            .map(|i| i.span)
    }

    /// Where the label says it is a solid oral dosage form; `None` when it is not one, or
    /// does not say.
    fn solid_form(unit: &LabelUnit<'_>) -> Option<Span> {
        let servings: Vec<_> = unit
            .panels
            .iter()
            .filter_map(|p| p.serving.as_ref())
            .filter(|s| s.unit.is_some())
            .collect();
        if let Some(s) = servings.first() {
            // The serving size says what the product is.
            return servings
                .iter()
                .find(|s| s.unit.is_some_and(|u| SOLID.contains(&u)))
                .map(|s| s.span)
                .or_else(|| s.unit.is_some_and(|u| SOLID.contains(&u)).then_some(s.span));
        }
        unit.block_iter()
            .find_map(|(_, b)| SOLID_WORD.find(&b.text).map(|m| b.span(m.range())))
    }

    pub(super) fn check(&self, meta: &RuleMeta, unit: &LabelUnit<'_>, out: &mut Vec<Diagnostic>) {
        let Some(source) = Self::source(unit) else {
            return;
        };
        let Some(form) = Self::solid_form(unit) else {
            return;
        };
        let doc = unit.doc;
        let all: Vec<DocWord> = doc_words(doc, unit.blocks.clone());
        let flat: Vec<&str> = all.iter().map(|w| w.word.as_ref()).collect();
        let n = self.want.len();
        if flat
            .windows(n)
            .any(|w| w.iter().zip(&self.want).all(|(a, b)| a == b))
        {
            return;
        }
        if let Some(d) = self.near_miss(meta, unit, &all, &flat) {
            out.push(d);
            return;
        }
        let mut d = meta.diagnostic(&[], source);
        d.labels.push(Label {
            span: source,
            text: "an iron source".into(),
        });
        d.labels.push(Label {
            span: form,
            text: "a solid oral dosage form".into(),
        });
        out.push(d);
    }

    /// The passage closest to the warning, when it shares enough of its words.
    fn near_miss(
        &self,
        meta: &RuleMeta,
        unit: &LabelUnit<'_>,
        all: &[DocWord],
        flat: &[&str],
    ) -> Option<Diagnostic> {
        let len = self.want.len();
        let anchors: Vec<&String> = self.want.iter().filter(|w| w.len() >= 8).collect();
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..flat.len() {
            if !anchors.iter().any(|a| *a == flat[i]) {
                continue;
            }
            let lo = i.saturating_sub(4);
            let hi = (i + len + len / 3).min(flat.len());
            let steps = align(&flat[lo..hi], &self.want);
            let same: Vec<usize> = steps
                .iter()
                .filter_map(|s| match s {
                    Step::Same(k) => Some(*k),
                    _ => None,
                })
                .collect();
            let score = same.len() as f64 / len as f64;
            if score >= NEAR_MISS
                && best.is_none_or(|b| score > b.0)
                && let (Some(first), Some(last)) = (same.first(), same.last())
            {
                best = Some((score, lo + first, lo + last + 1));
            }
        }
        let (_, start, end) = best?;
        let have = &flat[start..end];
        let steps = align(have, &self.want);
        let differences = describe(&steps, have, &self.text, &self.want, &all[start..end]);
        let doc = unit.doc;
        let (first, last) = (&all[start], &all[end - 1]);
        let span = Span::new(
            doc.blocks[first.block].span(first.range.clone()).start,
            doc.blocks[last.block].span(last.range.clone()).end,
        );
        let mut d = meta.diagnostic(&[], span);
        // Replace the passage through its closing period, when it sits in one block (not in
        // a catalog cell, whose CSV quoting would change too). Words the passage has around
        // the warning may stay, so a person reviews it: never applied automatically.
        if first.block == last.block && doc.format != crate::document::Format::Csv {
            let block = &doc.blocks[first.block];
            let end = last.range.end + usize::from(block.text[last.range.end..].starts_with('.'));
            d.fix = Some(Fix {
                title: "replace with the exact iron warning".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span: block.span(first.range.start..end),
                    replacement: self.text.clone(),
                }],
            });
        }
        d.message =
            format!("the iron warning differs from the words of 21 CFR 101.17(e): {differences}");
        d.help = Some(format!("use the exact words: \"{}\"", self.text));
        Some(d)
    }
}
