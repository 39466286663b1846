//! `kind: reference`: claims of evidence need a reference behind them.
//!
//! Three checks, one per rule: `placeholder` finds "(ref)", "(reference)" and numbered
//! markers like "[1]" that lead nowhere; `evidence` finds "studies show", "clinically proven"
//! and the like with no citation in the same paragraph; `link-target` finds links whose
//! target is empty or a placeholder (`#`, `TODO`).

use super::{Compiler, Context, LexId, RuleMeta, RuleRegex, TermSource, rule_file};
use crate::diagnostic::{Diagnostic, Label};
use crate::document::Block;
use serde::Deserialize;
use std::collections::HashSet;

/// Which reference check a rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferenceCheck {
    /// Reference placeholders and dangling numbered markers.
    Placeholder,
    /// Evidence phrases with no citation nearby.
    Evidence,
    /// Links with an empty or placeholder target.
    LinkTarget,
}

rule_file! {
    /// A reference rule as written in YAML.
    ReferenceFile {
        /// Which check.
        check: ReferenceCheck,
        /// The phrases to look for (placeholders or evidence phrases).
        #[serde(default)]
        terms: Option<TermSource>,
        /// Regular expressions for what counts as a citation written in the text.
        #[serde(default)]
        citations: Vec<String>,
        /// Link targets that are placeholders (compared case-insensitively, trimmed).
        #[serde(default)]
        placeholder_targets: Vec<String>,
    }
}

/// A numbered reference marker, "[1]" or "[2, 3]"; compiled once for every rule that uses it,
/// the first time a text has a `[` (most copy has none, and a one-file run need not pay for
/// compiling it).
static NUMBERED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]").expect("valid regex")
});

/// The numbered markers in `text`.
fn numbered(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    text.contains('[')
        .then(|| NUMBERED.find_iter(text))
        .into_iter()
        .flatten()
}

/// A compiled reference rule.
#[derive(Debug)]
pub struct ReferenceRule {
    check: ReferenceCheck,
    terms: Option<LexId>,
    citations: Option<RuleRegex>,
    placeholder_targets: Vec<String>,
}

/// Compile a reference rule file.
pub fn compile(f: ReferenceFile, c: &mut Compiler) -> Result<ReferenceRule, (String, String)> {
    let terms = c
        .optional(&f.terms, "terms")
        .map_err(|e| ("terms:".to_string(), e))?;
    if terms.is_none() && f.check != ReferenceCheck::LinkTarget {
        return Err(("check:".into(), "this check needs `terms`".into()));
    }
    let citations = if f.citations.is_empty() {
        None
    } else {
        Some(c.alternation(&f.citations)?)
    };
    Ok(ReferenceRule {
        check: f.check,
        terms,
        citations,
        placeholder_targets: f
            .placeholder_targets
            .iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .collect(),
    })
}

/// The numbered markers with a reference entry, per unit of the document.
struct Entries {
    units: Vec<std::ops::Range<usize>>,
    markers: Vec<HashSet<String>>,
}

impl Entries {
    /// The markers with an entry in the unit of block `block`.
    fn of(&self, block: usize) -> &HashSet<String> {
        &self.markers[self.units.partition_point(|u| u.end <= block)]
    }
}

impl ReferenceRule {
    fn is_placeholder_target(&self, dest: &str) -> bool {
        let d = dest.trim().to_ascii_lowercase();
        d.is_empty() || self.placeholder_targets.contains(&d)
    }

    /// Whether a block carries a citation: a real link, a footnote, or a written citation.
    fn cited(&self, block: &Block, resolved_numbers: &HashSet<String>) -> bool {
        block
            .links
            .iter()
            .any(|l| !self.is_placeholder_target(&l.dest))
            || self
                .citations
                .as_ref()
                .is_some_and(|re| re.get().is_match(&block.text))
            || numbered(&block.text).any(|m| resolved_numbers.contains(m.as_str()))
    }

    /// Numbered markers that have a reference entry (a block starting with the marker), per
    /// unit: entries count only in their own unit (a catalog's product cites its own).
    fn reference_entries(&self, ctx: &Context<'_>) -> Entries {
        let units = ctx.doc.unit_blocks();
        let markers = units
            .iter()
            .map(|u| {
                ctx.doc.blocks[u.clone()]
                    .iter()
                    .filter_map(|b| {
                        let m = numbered(&b.text).next()?;
                        (m.start() == 0).then(|| m.as_str().to_string())
                    })
                    .collect()
            })
            .collect();
        Entries { units, markers }
    }

    /// Run the rule over a document.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        match self.check {
            ReferenceCheck::Placeholder => self.placeholders(meta, ctx, out),
            ReferenceCheck::Evidence => self.evidence(meta, ctx, out),
            ReferenceCheck::LinkTarget => self.link_targets(meta, ctx, out),
        }
    }

    fn placeholders(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(terms) = self.terms else { return };
        let entries = self.reference_entries(ctx);
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            for m in ctx.matches(terms, bi) {
                // Linked placeholders are the link-target check's business.
                if block.linked(&m.range).is_some() {
                    continue;
                }
                let text = &block.text[m.range.clone()];
                out.push(meta.diagnostic(&[("placeholder", text)], block.span(m.range.clone())));
            }
            for m in numbered(&block.text) {
                if m.start() == 0 || entries.of(bi).contains(m.as_str()) {
                    continue;
                }
                if block.linked(&m.range()).is_some() {
                    continue;
                }
                let mut d = meta.diagnostic(&[("placeholder", m.as_str())], block.span(m.range()));
                d.help = Some(format!(
                    "add a reference entry starting with {} or link the marker to its source",
                    m.as_str()
                ));
                out.push(d);
            }
        }
    }

    fn evidence(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(terms) = self.terms else { return };
        let entries = self.reference_entries(ctx);
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            let found = ctx.matches(terms, bi);
            if found.is_empty() || self.cited(block, entries.of(bi)) {
                continue;
            }
            // A placeholder in the same block is what should become a link: found once for
            // the block, not once for each finding in it.
            let placeholder = block.text.find("(ref");
            for m in found {
                let text = &block.text[m.range.clone()];
                let mut d = meta.diagnostic(&[("phrase", text)], block.span(m.range.clone()));
                if let Some(p) = placeholder {
                    d.labels.push(Label {
                        span: block.span(p..p + 5),
                        text: "a placeholder, not a citation".into(),
                    });
                }
                out.push(d);
            }
        }
    }

    fn link_targets(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for block in &ctx.doc.blocks {
            for link in &block.links {
                if link.dest.starts_with('^') || !self.is_placeholder_target(&link.dest) {
                    continue;
                }
                let shown = if link.dest.trim().is_empty() {
                    "an empty target".to_string()
                } else {
                    format!("the placeholder target `{}`", link.dest.trim())
                };
                let mut d = meta.diagnostic(&[("target", &shown)], link.span);
                d.labels.push(Label {
                    span: block.span(link.text_range.clone()),
                    text: "link text".into(),
                });
                out.push(d);
            }
        }
    }
}
