//! How much of each nutrient the daily portion provides, as the copy states it.
//!
//! Directive 2002/46/EC Art. 8(1) has a food supplement's label state its amounts per
//! recommended daily portion, so an amount given with a nutrient's name ("Vitamin C 80 mg",
//! "80 mg of vitamin C", a table row "Zinc | 10 mg | 100%") is read as the amount per daily
//! portion. An amount marked per unit ("per capsule", "each tablet") is multiplied by the
//! daily count in the directions ("take 2 capsules a day", "daily portion: 2 capsules") when
//! the copy gives one. Where a nutrient's amount is stated more than once, the largest counts.
//! Reading the conditions of use "per daily portion" is an interpretation (docs/markets.md):
//! Regulation 1169/2011 Annex XIII Part A point 2 speaks of 100 g, 100 ml or a single-portion
//! package.

use super::data::NrvTable;
use crate::diagnostic::Span;
use crate::rules::dose::amount::{self, AmountUnit, convert};
use crate::rules::{Context, LexId};
use regex::Regex;
use std::sync::LazyLock;

/// One nutrient's amount per daily portion.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    /// In the NRV table's unit.
    pub value: f64,
    /// Where the amount is.
    pub span: Span,
    /// Its words ("80 mg").
    pub text: String,
    /// Whether a percentage follows it, or another amount of the nutrient, on its line
    /// ("80 mg (100% NRV)").
    pub has_percent: bool,
}

/// "take 2 capsules a day", "2 tablets daily", "daily portion: 1 capsule".
static DAILY_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let unit = r"(?:capsules?|tablets?|softgels?|gummies|gummy|scoops?|sachets?|caplets?|lozenges?|drops|sticks?|ampoules?|vials?)";
    let n = r"([0-9]+|one|two|three|four|five|six)";
    Regex::new(&format!(
        r"(?i)(?:\b(?:take|daily (?:portion|dose|serving)|recommended daily (?:portion|dose|intake))\s*:?\s*{n}\s+{unit})|(?:\b{n}\s+{unit}\s+(?:a|per|each)?\s*day\b)|(?:\b{n}\s+{unit}\s+daily\b)"
    ))
    .expect("valid daily-count regex")
});

/// "per capsule", "each tablet", "/ capsule".
static PER_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bper|\beach|/)\s*(?:capsule|tablet|softgel|gummy|scoop|sachet|caplet|lozenge|drop|stick|ampoule|vial)\b")
        .expect("valid per-unit regex")
});

/// The daily count of units the directions in `blocks` give, if any.
fn daily_count(ctx: &Context<'_>, blocks: &std::ops::Range<usize>) -> Option<f64> {
    ctx.doc.blocks[blocks.clone()]
        .iter()
        .flat_map(|b| DAILY_COUNT.captures_iter(&b.text).collect::<Vec<_>>())
        .filter_map(|c| {
            let n = c.get(1).or(c.get(2)).or(c.get(3))?;
            amount::number(n.as_str())
        })
        .fold(None, |a: Option<f64>, n| Some(a.map_or(n, |a| a.max(n))))
}

/// An amount in a block's text.
type Found = (std::ops::Range<usize>, amount::Amount);

/// Every nutrient's largest amount per daily portion in `blocks` (a product: the document,
/// or a catalog's row), indexed like the NRV table.
pub fn stated(
    ctx: &Context<'_>,
    names: LexId,
    name_refs: &[usize],
    nrv: &NrvTable,
    blocks: std::ops::Range<usize>,
) -> Vec<Option<Stated>> {
    let doc = ctx.doc;
    let mut out: Vec<Option<Stated>> = vec![None; nrv.nutrients.len()];
    let count = daily_count(ctx, &blocks);
    let mut found_in: Vec<Option<Vec<Found>>> = vec![None; doc.blocks.len()];
    let mut amounts_of = |bi: usize| -> Vec<Found> {
        found_in[bi]
            .get_or_insert_with(|| amount::amounts(&doc.blocks[bi].text))
            .clone()
    };
    for bi in blocks.clone() {
        let block = &doc.blocks[bi];
        let mentions = ctx.matches(names, bi);
        if mentions.is_empty() {
            continue;
        }
        let found = amounts_of(bi);
        for (mi, m) in mentions.iter().enumerate() {
            let n = name_refs[m.term];
            let next_mention = mentions
                .get(mi + 1)
                .map_or(block.text.len(), |x| x.range.start);
            let prev_mention = if mi == 0 {
                0
            } else {
                mentions[mi - 1].range.end
            };
            let line_end = block.text[m.range.end..]
                .find('\n')
                .map_or(block.text.len(), |p| m.range.end + p);
            // The amount after the name on its line, before the next name; else one just
            // before it ("80 mg of vitamin C", "80 mg vitamin C"); else, in a table, the
            // first amount in the next cells of the row.
            let after = found.iter().find(|(r, _)| {
                r.start >= m.range.end
                    && r.start < next_mention.min(line_end)
                    && r.start - m.range.end <= 48
            });
            let before = found.iter().rev().find(|(r, _)| {
                r.end <= m.range.start && r.end >= prev_mention && {
                    let between = block.text[r.end..m.range.start].trim().to_lowercase();
                    between.is_empty() || between == "of"
                }
            });
            let mut hit = after.or(before).map(|(r, a)| (block.span(r.clone()), *a));
            if hit.is_none() && mi + 1 == mentions.len() {
                let from = block.span(m.range.clone()).end;
                for bj in bi + 1..blocks.end.min(bi + 4) {
                    let cell = &doc.blocks[bj];
                    let at = cell.source_span().start;
                    if at < from || doc.source[from..at].contains('\n') {
                        break;
                    }
                    if !ctx.matches(names, bj).is_empty() {
                        break;
                    }
                    if let Some((r, a)) = amounts_of(bj).first() {
                        hit = Some((cell.span(r.clone()), *a));
                        break;
                    }
                }
            }
            let Some((span, a)) = hit else {
                continue;
            };
            let nut = &nrv.nutrients[n];
            let iu = if a.unit == AmountUnit::Iu {
                nut.iu
            } else {
                None
            };
            let Some(mut value) = convert(a.high, a.unit, nut.unit, iu) else {
                continue;
            };
            let src = &doc.source;
            let line_start = src[..span.start].rfind('\n').map_or(0, |p| p + 1);
            let line_end = src[span.end..]
                .find('\n')
                .map_or(src.len(), |p| span.end + p);
            if let Some(c) = count
                && PER_UNIT.is_match(&src[line_start..line_end])
            {
                value *= c;
            }
            // A percentage after the amount, before the next amount on its line.
            let tail = &src[span.end..line_end];
            let tail = match amount::amounts(tail).first() {
                Some((r, _)) => &tail[..r.start],
                None => tail,
            };
            let lower = tail.to_lowercase();
            let has_percent = lower.contains('%') || lower.contains("nrv");
            let s = Stated {
                value,
                span,
                text: src[span.start..span.end].to_string(),
                has_percent,
            };
            // The largest amount counts; a percentage given with any of them counts too.
            let any_percent = s.has_percent || out[n].as_ref().is_some_and(|o| o.has_percent);
            if out[n].as_ref().is_none_or(|o| o.value < s.value) {
                out[n] = Some(s);
            }
            if let Some(o) = &mut out[n] {
                o.has_percent = any_percent;
            }
        }
    }
    out
}

/// "80 mg", "5 µg", written the way labels write them.
pub fn shown(value: f64, unit: crate::rules::dose::Unit) -> String {
    let u = match unit {
        crate::rules::dose::Unit::Mg => "mg",
        crate::rules::dose::Unit::Mcg => "µg",
    };
    format!("{} {u}", amount::figure(value))
}
