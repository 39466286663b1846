//! Nutrient content claims of the copy against the panel (21 CFR 101.54): "high in",
//! "rich in" and "excellent source of" need 20% of the Daily Value or more per serving,
//! "good source of", "contains" and "provides" 10 to 19% (101.54(b), (c)); "high potency"
//! 100% of the RDI for the nutrient it names, or for two thirds of the vitamins and
//! minerals present at 2% or more (101.54(f)); "more", "extra" and "added" a reference
//! food, how much more, and at least 10% of the Daily Value more (101.54(e), 101.13(j)(2)).
//!
//! The allergen statement ("Contains: milk") and amount statements ("each softgel provides
//! 60 mg of zinc", 101.13(i)) are not content claims: a "contains" or "provides" is one only
//! when a nutrient's name follows it directly. Claims are checked only against a panel of
//! the same product that lists the nutrient.

use super::PanelCheck;
use super::daily_values::{Audiences, DvTable};
use crate::diagnostic::Diagnostic;
use crate::document::label::quantity::Words;
use crate::document::label::{Panel, PanelKind};
use crate::document::{Block, BlockKind};
use crate::lean_regex::Regex;
use crate::rules::{Context, RuleMeta};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

mod verdict;

use verdict::{comparative, content, potency};

/// The claim patterns of a Daily Value table, each compiled the first time a document with
/// a panel asks for it: a run that finds no panel never pays for them.
#[derive(Debug)]
pub struct Patterns {
    names: String,
    /// "high in zinc", "rich in", "excellent source of", "high-protein".
    high: OnceLock<Regex>,
    /// "good source of", "contains", "provides" before a nutrient's name.
    good: OnceLock<Regex>,
    /// "and vitamin D" after a claimed nutrient: the rest of a list.
    more_names: OnceLock<Regex>,
    /// "more zinc", "extra vitamin C", "added calcium".
    comparative: OnceLock<Regex>,
    /// "high potency", with a nutrient's name after it.
    potency_of: OnceLock<Regex>,
}

/// The pattern `template` with `{names}` replaced, compiled once into `cell`.
fn compiled<'c>(cell: &'c OnceLock<Regex>, template: &str, names: &str) -> &'c Regex {
    cell.get_or_init(|| Regex::new(&template.replace("{names}", names)).expect("valid claim regex"))
}

impl Patterns {
    /// The patterns for the names of `table`.
    pub fn new(table: &DvTable) -> Patterns {
        Patterns {
            names: table.alternation.clone(),
            high: OnceLock::new(),
            good: OnceLock::new(),
            more_names: OnceLock::new(),
            comparative: OnceLock::new(),
            potency_of: OnceLock::new(),
        }
    }

    fn high(&self) -> &Regex {
        compiled(
            &self.high,
            r"(?i)(?-u:\b)(?:(high\s+in|rich\s+in|(?:an\s+)?excellent\s+source\s+of)\s+|(high)-)({names})(?-u:\b)",
            &self.names,
        )
    }

    fn good(&self) -> &Regex {
        compiled(
            &self.good,
            r"(?i)(?-u:\b)((?:a\s+)?good\s+source\s+of|contains|provides)\s+({names})(?-u:\b)",
            &self.names,
        )
    }

    fn more_names(&self) -> &Regex {
        compiled(
            &self.more_names,
            r"(?i)^(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)({names})(?-u:\b)",
            &self.names,
        )
    }

    fn comparative(&self) -> &Regex {
        compiled(
            &self.comparative,
            r"(?i)(?-u:\b)(more|extra|added)\s+({names})(?-u:\b)",
            &self.names,
        )
    }

    fn potency_of(&self) -> &Regex {
        compiled(
            &self.potency_of,
            r"(?i)(?-u:\b)high[\s-]+potency(?:\s+({names})(?-u:\b))?",
            &self.names,
        )
    }
}

/// The words each claim check's patterns start with.
static CONTENT_WORDS: Words =
    Words::new(&["high", "rich", "excellent", "good", "contains", "provides"]);
static POTENCY_WORDS: Words = Words::new(&["potency"]);
static COMPARATIVE_WORDS: Words = Words::new(&["more", "extra", "added"]);

/// Words before a claim that deny it: "not a good source of".
static DENIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bnot|n't|\bno|\bnever|\bwithout)\s+(?:\w+\s+){0,2}$").expect("valid regex")
});

/// A comparative sentence about the reader's intake, not the product: "taking more zinc
/// than you need", "too much", "do not add extra iron".
static INTAKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:tak(?:e|ing)|intake|consum\w*|eat(?:ing)?|you\s+need|too\s+much|excess\w*|do\s+not|don't|avoid|if\s+you|add|adding|I|my|me)\b")
        .expect("valid regex")
});

/// "for extra protein", "to get more fiber": what the reader gets by using the product in a
/// recipe, not a claim that it has more than a reference food.
static FOR_MORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:for|get|need|want|getting)\s+$").expect("valid regex"));

/// A word after a nutrient's name that makes it a compound or a form, not the nutrient:
/// "provides calcium carbonate", "contains zinc picolinate".
static COMPOUND_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]+(?:carbonate|citrate|oxide|gluconate|glycinate|bisglycinate|picolinate|sulfate|sulphate|chloride|phosphate|malate|chelate|aspartate|orotate|threonate|lactate|acetate|fumarate|succinate|palmitate|ascorbate|amino|hcl|salt|supplements?|levels?|deficiency|status|absorption|intake)\b|^\s*:")
        .expect("valid regex")
});

/// A claim in the copy.
struct Found {
    block: usize,
    /// The claim words ("good source of").
    words: Range<usize>,
    /// The nutrient's name.
    name: Range<usize>,
    nutrient: usize,
    sentence: Range<usize>,
}

/// Whether a block of the copy may hold a claim: prose, not a panel's own rows.
fn prose(block: &Block, panels: &[&Panel]) -> bool {
    if block.kind == BlockKind::FrontMatter && block.text.len() > 2000 {
        return false;
    }
    let span = block.source_span();
    !panels
        .iter()
        .any(|p| p.kind != PanelKind::Sentence && p.span.contains(span))
}

/// The sentence of `block` holding offset `at`.
fn sentence_at(block: &Block, at: usize) -> Range<usize> {
    let i = block.sentences.partition_point(|s| s.end <= at);
    block
        .sentences
        .get(i)
        .filter(|s| s.start <= at)
        .cloned()
        .unwrap_or(0..block.text.len())
}

/// Run one claim check over the copy of every product with a panel.
pub(super) fn check(
    which: PanelCheck,
    table: &DvTable,
    patterns: &Patterns,
    meta: &RuleMeta,
    ctx: &Context<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let doc = ctx.doc;
    // The panels of each product, found once: a catalog of thousands of products stays
    // linear.
    let mut by_unit: HashMap<usize, Vec<&Panel>> = HashMap::new();
    for p in &doc.label.panels {
        if p.kind != PanelKind::FrontMatter && !p.rows.is_empty() && !super::other_market(doc, p) {
            by_unit
                .entry(doc.unit_key(p.span.start))
                .or_default()
                .push(p);
        }
    }
    if by_unit.is_empty() {
        return;
    }
    let aud = RefCell::new(Audiences::default());
    for (bi, block) in doc.blocks.iter().enumerate() {
        let unit = doc.unit_key(block.source_span().start);
        let Some(mine) = by_unit.get(&unit) else {
            continue;
        };
        if !prose(block, mine) {
            continue;
        }
        let text = block.text.as_str();
        // The claim words, looked for in one pass before any pattern runs: most blocks
        // have none.
        let words = match which {
            PanelCheck::ContentClaim => &CONTENT_WORDS,
            PanelCheck::HighPotency => &POTENCY_WORDS,
            _ => &COMPARATIVE_WORDS,
        };
        if !words.any(text) {
            continue;
        }
        match which {
            PanelCheck::ContentClaim => {
                for claim in content_claims(table, patterns, bi, block) {
                    content(table, meta, ctx, &aud, mine, &claim, out);
                }
            }
            PanelCheck::HighPotency => {
                for caps in patterns.potency_of().captures_iter(text) {
                    let whole = caps.get(0).expect("group 0");
                    if DENIED.is_match(&text[..whole.start()]) {
                        continue;
                    }
                    potency(
                        table,
                        meta,
                        ctx,
                        &aud,
                        mine,
                        block,
                        whole.range(),
                        caps.get(1),
                        out,
                    );
                }
            }
            PanelCheck::ComparativeClaim => {
                for caps in patterns.comparative().captures_iter(text) {
                    let (w, m) = (caps.get(1).expect("group 1"), caps.get(2).expect("group 2"));
                    let Some(nutrient) = table.lookup(m.as_str()) else {
                        continue;
                    };
                    let sentence = sentence_at(block, w.start());
                    let s = &text[sentence.clone()];
                    if INTAKE.is_match(s)
                        || DENIED.is_match(&text[sentence.start..w.start()])
                        || FOR_MORE.is_match(&text[sentence.start..w.start()])
                        || COMPOUND_AFTER.is_match(&text[m.end()..])
                    {
                        continue;
                    }
                    let found = Found {
                        block: bi,
                        words: w.range(),
                        name: m.range(),
                        nutrient,
                        sentence,
                    };
                    comparative(table, meta, ctx, &aud, mine, &found, out);
                }
            }
            _ => {}
        }
    }
}

/// The content claims of a block, each with whether it is a "high" claim.
fn content_claims(
    table: &DvTable,
    patterns: &Patterns,
    bi: usize,
    block: &Block,
) -> Vec<(Found, bool)> {
    let text = block.text.as_str();
    let mut out = Vec::new();
    let push =
        |words: Range<usize>, name: Range<usize>, high: bool, out: &mut Vec<(Found, bool)>| {
            if DENIED.is_match(&text[..words.start]) {
                return;
            }
            let mut names = vec![name];
            // "a good source of zinc, selenium and vitamin C": each name of the list.
            let mut end = names[0].end;
            while let Some(c) = patterns.more_names().captures(&text[end..]) {
                let m = c.get(1).expect("group 1");
                names.push(end + m.start()..end + m.end());
                end += c.get(0).expect("group 0").end();
            }
            for name in names {
                if COMPOUND_AFTER.is_match(&text[name.end..]) {
                    continue;
                }
                if let Some(nutrient) = table.lookup(&text[name.clone()]) {
                    out.push((
                        Found {
                            block: bi,
                            words: words.clone(),
                            name: name.clone(),
                            nutrient,
                            sentence: sentence_at(block, words.start),
                        },
                        high,
                    ));
                }
            }
        };
    for caps in patterns.high().captures_iter(text) {
        let w = caps.get(1).or_else(|| caps.get(2)).expect("claim words");
        push(
            w.range(),
            caps.get(3).expect("group 3").range(),
            true,
            &mut out,
        );
    }
    for caps in patterns.good().captures_iter(text) {
        let w = caps.get(1).expect("group 1");
        // "Contains: Soy" is the allergen statement.
        if text[w.end()..].trim_start().starts_with(':') {
            continue;
        }
        push(
            w.range(),
            caps.get(2).expect("group 2").range(),
            false,
            &mut out,
        );
    }
    out
}
