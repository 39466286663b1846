//! The statement of identity (21 CFR 101.3(g)) and the net quantity of contents
//! (21 CFR 101.105) of a label.

use super::super::RuleMeta;
use super::{LabelUnit, overlaps};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::document::BlockKind;
use crate::document::label::quantity::unit_noun;
use regex::Regex;
use std::sync::LazyLock;

/// "dietary supplement", or a word before "supplement" that may stand for "dietary".
static IDENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<word>[a-z0-9][a-z0-9'’-]*)(?:\s*[/&+]\s*[a-z0-9-]+)?\s+supplements?\b(?P<facts>\s+facts)?")
        .expect("valid identity regex")
});

/// Words before "supplement" that do not say what is in it: "this supplement", "our
/// daily supplement". "food supplement" (the EU's term) and "nutritional supplement" are not
/// among the variants 101.3(g) permits.
const NOT_IDENTITY: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "your",
    "our",
    "my",
    "their",
    "its",
    "any",
    "each",
    "every",
    "per",
    "of",
    "other",
    "new",
    "best",
    "quality",
    "premium",
    "natural",
    "great",
    "good",
    "one",
    "daily",
    "food",
    "nutritional",
    "nutrition",
    "to",
    "as",
    "and",
    "or",
    "with",
    "for",
    "in",
    "on",
    "is",
    "are",
    "take",
    "taking",
    "use",
    "using",
    "no",
    "not",
    "popular",
    "favorite",
    "favourite",
    "perfect",
    "ideal",
];

/// Terms that are used in place of a statement of identity but are not one.
const WRONG_TERMS: &[&str] = &["food", "nutritional", "nutrition"];

/// The most words a block may have to be read as a name line of the label.
const NAME_LINE_WORDS: usize = 12;

/// Whether a block may hold the statement of identity: a heading, a title, or a short line.
fn name_line(block: &crate::document::Block) -> bool {
    matches!(block.kind, BlockKind::Heading | BlockKind::FrontMatter)
        || block.text.split_whitespace().count() <= NAME_LINE_WORDS
}

/// `check: identity`.
pub(super) fn identity(meta: &RuleMeta, unit: &LabelUnit<'_>, out: &mut Vec<Diagnostic>) {
    let mut wrong: Option<(Span, String)> = None;
    for (_, block) in unit.block_iter() {
        for m in IDENTITY.captures_iter(&block.text) {
            if m.name("facts").is_some() {
                continue;
            }
            let word = m["word"].to_lowercase();
            if word == "dietary" {
                return;
            }
            if WRONG_TERMS.contains(&word.as_str()) {
                if wrong.is_none() {
                    let whole = m.get(0).expect("group 0");
                    wrong = Some((block.span(whole.range()), whole.as_str().to_string()));
                }
                continue;
            }
            if name_line(block) && !NOT_IDENTITY.contains(&word.as_str()) {
                return;
            }
        }
    }
    let mut d = match &wrong {
        Some((span, words)) => {
            let mut d = meta.diagnostic(&[], *span);
            d.message = format!("`{words}` is not a statement of identity a US label may use");
            d
        }
        None => meta.diagnostic(&[], unit.anchor()),
    };
    if wrong.is_none() {
        d.labels.push(Label {
            span: d.span,
            text: "the product's name, where the statement of identity belongs".into(),
        });
    }
    out.push(d);
}

/// "Net Wt. 2.1 oz (60 g)", "Net Contents: 60 capsules".
static NET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bnet\s*(?:wt|weight|contents?|qty|quantity|vol|volume)\b\.?\s*(?:of\s+contents\s*)?[:.]?\s*\d")
        .expect("valid net quantity regex")
});

/// A count: "60 capsules", "120 Vegetarian Capsules", "60 ct".
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,5})\s*(?:-\s*)?(ct\b|count\b|[a-z][a-z -]{1,40})")
        .expect("valid count regex")
});

/// A weight or volume on a line of its own: "16 oz (454 g)", "2 fl oz (60 mL)".
static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d+(?:\.\d+)?\s*(?:fl\.?\s*oz|oz|lbs?|g|kg|ml|l)\b\.?")
        .expect("valid measure regex")
});

/// Units a net quantity may be counted in (not a scoop or a teaspoon, which are doses).
const COUNTED: &[&str] = &[
    "capsule", "softgel", "tablet", "caplet", "gummy", "chewable", "lozenge", "packet", "wafer",
    "pill",
];

/// Words before a count that make it a dose or a serving, not the contents.
const DOSE_WORDS: &[&str] = &[
    "take",
    "takes",
    "taking",
    "size",
    "serving",
    "servings",
    "each",
    "per",
    "of",
    "chew",
    "swallow",
    "use",
    "with",
    "to",
    "or",
    "and",
    "daily",
    "exceed",
    "than",
    "up",
    "dose",
    "dosage",
    "usage",
    "adults",
    "adult",
    "children",
    "kids",
    "suggested",
    "recommended",
    "chewing",
    "dissolve",
];

/// Where the unit states its net quantity, if it does.
pub(super) fn net_quantity_at(unit: &LabelUnit<'_>) -> Option<Span> {
    for (_, block) in unit.block_iter() {
        if let Some(m) = NET.find(&block.text) {
            return Some(block.span(m.range()));
        }
        for c in COUNT.captures_iter(&block.text) {
            let whole = c.get(0).expect("group 0");
            let tail = c.get(2).expect("group 2");
            // "1 capsule = 500 mg" says what a unit holds; a net quantity counts more.
            if c[1].parse::<u32>().is_ok_and(|n| n < 2) {
                continue;
            }
            let t = tail.as_str().to_lowercase();
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            // The unit may follow a word or two the model does not know: "60 Veg Capsules",
            // "90 Easy Swallow Tablets".
            let mut rest = t.as_str();
            let mut counted = t == "ct" || t == "count";
            for _ in 0..3 {
                if counted {
                    break;
                }
                counted = unit_noun(rest).is_some_and(|(n, _)| COUNTED.contains(&n));
                match rest.split_once(' ') {
                    Some((_, r)) => rest = r,
                    None => break,
                }
            }
            if !counted {
                continue;
            }
            let span = block.span(whole.range());
            if unit.in_serving_or_directions(span) {
                continue;
            }
            let before = block.text[..whole.start()]
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            if DOSE_WORDS.contains(&before.as_str()) {
                continue;
            }
            return Some(span);
        }
        if block.text.split_whitespace().count() <= 8
            && let Some(m) = MEASURE.find(&block.text)
        {
            let span = block.span(m.range());
            if !unit.panels.iter().any(|p| overlaps(p.span, span)) {
                return Some(span);
            }
        }
    }
    None
}

/// `check: net-quantity`.
pub(super) fn net_quantity(meta: &RuleMeta, unit: &LabelUnit<'_>, out: &mut Vec<Diagnostic>) {
    if net_quantity_at(unit).is_some() {
        return;
    }
    let mut d = meta.diagnostic(&[], unit.anchor());
    d.labels.push(Label {
        span: d.span,
        text: "the product's name; the net quantity belongs on the same panel".into(),
    });
    out.push(d);
}
