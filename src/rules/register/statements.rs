//! The `statements` and `nutrition-claim` checks of a register rule: what a food
//! supplement's label must say (Directive 2002/46/EC Art. 6 and 8), and nutrition claims
//! against their thresholds (Annex to Regulation (EC) No 1924/2006).

use super::{RegisterRule, amounts, wording};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::{Context, RuleMeta};
use regex::Regex;
use serde::Deserialize;

/// A statement a label must carry, as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementFile {
    /// What the statement is, for the message ("the warning not to exceed the daily portion").
    pub name: String,
    /// Regular expressions; the copy carries the statement when one matches.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Instead of `patterns`: by nutrient category of the NRV table (`vitamin`, `mineral`),
    /// a regular expression that names it. The copy must name every category of the
    /// nutrients it states amounts of.
    #[serde(default)]
    pub categories: std::collections::BTreeMap<String, String>,
    /// The provision that asks for it.
    pub cite: String,
    /// How to add it.
    pub help: String,
}

/// A compiled statement.
#[derive(Debug)]
pub struct Statement {
    name: String,
    patterns: Vec<Regex>,
    categories: Vec<(String, Regex)>,
    cite: String,
    help: String,
}

/// A nutrition-claim phrase, as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NutritionClaimFile {
    /// The words before the nutrient, in the matcher's normal form ("source of", "high in").
    pub phrase: String,
    /// The share of the NRV the claim needs per daily portion (0.15, 0.3).
    pub share: f64,
}

/// A compiled nutrition-claim phrase.
#[derive(Debug)]
pub struct NutritionClaim {
    words: Vec<String>,
    phrase: String,
    share: f64,
}

pub(super) fn compile_statements(
    files: &[StatementFile],
) -> Result<Vec<Statement>, (String, String)> {
    files
        .iter()
        .map(|f| {
            let patterns = f
                .patterns
                .iter()
                .map(|p| {
                    Regex::new(p).map_err(|e| ("patterns:".to_string(), format!("`{p}`: {e}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let categories = f
                .categories
                .iter()
                .map(|(c, p)| {
                    Regex::new(p)
                        .map(|r| (c.clone(), r))
                        .map_err(|e| ("categories:".to_string(), format!("`{p}`: {e}")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if patterns.is_empty() == categories.is_empty() {
                return Err((
                    "statements:".into(),
                    format!("`{}` needs `patterns` or `categories`, not both", f.name),
                ));
            }
            Ok(Statement {
                name: f.name.clone(),
                patterns,
                categories,
                cite: f.cite.clone(),
                help: f.help.clone(),
            })
        })
        .collect()
}

pub(super) fn compile_nutrition_claims(
    files: &[NutritionClaimFile],
) -> Result<Vec<NutritionClaim>, (String, String)> {
    files
        .iter()
        .map(|f| {
            let words: Vec<String> = wording::tokens(&f.phrase)
                .iter()
                .map(|t| t.text().to_string())
                .collect();
            if words.is_empty() || !(0.0..=10.0).contains(&f.share) {
                return Err((
                    "nutrition_claims:".into(),
                    format!("`{}` needs words and a share between 0 and 10", f.phrase),
                ));
            }
            Ok(NutritionClaim {
                words,
                phrase: f.phrase.clone(),
                share: f.share,
            })
        })
        .collect()
}

impl RegisterRule {
    pub(super) fn check_nutrition_claims(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut stated: Option<(std::ops::Range<usize>, Vec<Option<amounts::Stated>>)> = None;
        for (bi, block, range) in ctx.doc.sentences() {
            if ctx.matches_in(self.names, bi, &range).is_empty() {
                continue;
            }
            let toks = wording::tokens(&block.text[range.clone()]);
            let w = self.words(ctx, bi, &range, &toks);
            for i in 0..w.words.len() {
                let Some(claim) = self.nutrition_claims.iter().find(|c| {
                    w.words[i..].len() > c.words.len()
                        && c.words.iter().zip(&w.words[i..]).all(|(a, b)| a == b)
                }) else {
                    continue;
                };
                // The nutrients listed after the phrase: "source of vitamin C and zinc".
                let mut j = i + claim.words.len();
                let mut named: Vec<(usize, usize, usize)> = Vec::new(); // (nutrient, from, to)
                while j < w.words.len() {
                    if let Some(n) = w.nutrient[j] {
                        let from = j;
                        while j < w.words.len() && w.nutrient[j] == Some(n) {
                            j += 1;
                        }
                        named.push((n, from, j));
                    } else if matches!(w.words[j], "," | "and") && !named.is_empty() {
                        j += 1;
                    } else {
                        break;
                    }
                }
                for (n, _, to) in named {
                    let unit = ctx.doc.unit_of(bi);
                    if stated.as_ref().is_none_or(|(u, _)| *u != unit) {
                        let s = amounts::stated(
                            ctx,
                            self.names,
                            &self.name_refs,
                            &self.nrv,
                            unit.clone(),
                        );
                        stated = Some((unit, s));
                    }
                    let stated = &stated.as_ref().expect("just read").1;
                    let nut = &self.nrv.nutrients[n];
                    let needs = nut.nrv * claim.share;
                    let pct = format!("{:.0}%", claim.share * 100.0);
                    let span = block.span(
                        range.start + toks[i].range.start..range.start + toks[to - 1].range.end,
                    );
                    let reason = match &stated[n] {
                        Some(s) if s.value + 1e-9 >= needs => continue,
                        Some(s) => format!(
                            "the daily portion provides {} ({:.0}% of the NRV), and \"{}\" needs at least {pct} ({})",
                            s.text,
                            s.value / nut.nrv * 100.0,
                            claim.phrase,
                            amounts::shown(needs, nut.unit)
                        ),
                        None => format!(
                            "the copy does not say how much {} a daily portion provides; \"{}\" needs at least {pct} of the NRV ({})",
                            nut.name(),
                            claim.phrase,
                            amounts::shown(needs, nut.unit)
                        ),
                    };
                    let claim_text = &ctx.doc.source[span.start..span.end];
                    let mut d = meta.diagnostic(
                        &[
                            ("claim", claim_text),
                            ("nutrient", &nut.name()),
                            ("reason", &reason),
                        ],
                        span,
                    );
                    if let Some(s) = &stated[n] {
                        d.labels.push(Label {
                            span: s.span,
                            text: "the amount per daily portion".into(),
                        });
                    }
                    out.push(d);
                }
            }
        }
    }

    pub(super) fn check_statements(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        for unit in ctx.doc.unit_blocks() {
            self.check_statements_in(meta, ctx, unit, out);
        }
    }

    /// The statements of one product: the document, or one row of a catalog.
    fn check_statements_in(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        unit: std::ops::Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let blocks = &ctx.doc.blocks[unit.clone()];
        let stated = amounts::stated(ctx, self.names, &self.name_refs, &self.nrv, unit);
        let is_product = stated.iter().any(Option::is_some)
            || blocks
                .iter()
                .any(|b| b.text.to_lowercase().contains("food supplement"));
        if !is_product {
            return;
        }
        let Some(first) = blocks.first() else {
            return;
        };
        // Missing statements are reported at the start of the copy (its first line).
        let head = first.source_span();
        let line_end = ctx.doc.source[head.start..head.end]
            .find('\n')
            .map_or(head.end, |p| head.start + p);
        let at = Span::new(head.start, line_end);
        let said = |p: &Regex| blocks.iter().any(|b| p.is_match(&b.text));
        for s in &self.statements {
            let missing: Vec<&str> = if s.categories.is_empty() {
                if s.patterns.iter().any(said) {
                    continue;
                }
                Vec::new()
            } else {
                let stated_categories: Vec<&str> = stated
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.is_some())
                    .map(|(n, _)| self.nrv.nutrients[n].category.as_str())
                    .collect();
                let missing: Vec<&str> = s
                    .categories
                    .iter()
                    .filter(|(c, p)| stated_categories.contains(&c.as_str()) && !said(p))
                    .map(|(c, _)| c.as_str())
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                missing
            };
            let mut message = format!("the copy of a food supplement must carry {}", s.name);
            if !missing.is_empty() {
                message.push_str(&format!(" (not named: {})", missing.join(", ")));
            }
            let mut d = meta.diagnostic(&[("statement", &s.name), ("message", &message)], at);
            d.message = message;
            d.help = Some(s.help.clone());
            d.cite = Some(s.cite.clone());
            out.push(d);
        }
        for (n, s) in stated.iter().enumerate() {
            let Some(s) = s else {
                continue;
            };
            if s.has_percent {
                continue;
            }
            let nut = &self.nrv.nutrients[n];
            let message = format!(
                "the amount of {} is not given as a percentage of the NRV",
                nut.name()
            );
            let mut d = meta.diagnostic(&[("message", &message)], s.span);
            d.message = message;
            d.help = Some(format!(
                "give the share of the NRV beside the amount: \"{} ({:.0}% NRV)\" (NRV: {})",
                s.text,
                s.value / nut.nrv * 100.0,
                amounts::shown(nut.nrv, nut.unit)
            ));
            d.cite = Some(
                "Directive 2002/46/EC, Art. 8(1) and 8(2); NRVs of Regulation (EU) No 1169/2011, Annex XIII, Part A"
                    .into(),
            );
            out.push(d);
        }
    }
}
