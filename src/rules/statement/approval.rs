//! `check: approval`: copy that says or suggests FDA approved the product. FDA does not
//! approve dietary supplements before they are sold, and it neither certifies products nor
//! issues registration certificates; a label or advertisement that says otherwise is false
//! or misleading (21 U.S.C. 343(a)(1), 321(n); FTC Act sections 5 and 12).
//!
//! Read as a claim: "FDA approved", "FDA-certified", "approved by the Food and Drug
//! Administration", "has FDA approval", "FDA registered" said of the product. Not a claim:
//! the words negated ("not approved by the FDA", "does not require FDA approval"), a
//! question ("Is it FDA approved?"), the words quoted as words, an approved drug, device,
//! additive or health claim spoken of ("an FDA-approved drug"), and a registered facility
//! ("made in an FDA-registered facility": food facilities must register, 21 U.S.C. 350d).

use super::super::RuleMeta;
use crate::diagnostic::{Diagnostic, Label};
use crate::document::{Block, Document};
use crate::lean_regex::Regex;
use std::sync::LazyLock;

/// The words of approval and registration, with the agency.
static CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    let agency = r"(?:the\s+)?(?:U\.?\s?S\.?\s+|United\s+States\s+)?(?:FDA|Food\s+(?:and|&)\s+Drug\s+Administration)";
    let agency_first = r"(?:U\.?\s?S\.?\s+)?(?:FDA|Food\s+(?:and|&)\s+Drug\s+Administration)";
    Regex::new(&format!(
        r"(?i)\b(?:{agency_first}[\s-]*(?:(?P<reg1>registered|registration|inspected)\s*(?:and|&|/)\s*)?(?P<word1>approved|approval|certified|certification|cleared|endorsed|registered|registration)|(?P<word2>approved|certified|cleared|endorsed|registered)\s+(?:by|with)\s+{agency})\b"
    ))
    .expect("valid approval regex")
});

/// The agency, found by a literal search before the claim's regex runs.
static AGENCY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u)fda|food\s*(?:and|&)\s*drug").expect("valid regex"));

/// Words that deny what follows them in a clause.
const NEGATIONS: &[&str] = &[
    "not", "never", "no", "neither", "nor", "without", "none", "nothing", "cannot", "nobody",
];

/// Things FDA does approve, clear or certify: copy that speaks of them is not a claim about
/// the product.
const APPROVED_THINGS: &[&str] = &[
    "drug",
    "drugs",
    "medication",
    "medications",
    "medicine",
    "medicines",
    "pharmaceutical",
    "pharmaceuticals",
    "prescription",
    "prescriptions",
    "treatment",
    "treatments",
    "therapy",
    "therapies",
    "vaccine",
    "vaccines",
    "device",
    "devices",
    "additive",
    "additives",
    "color",
    "colors",
    "colour",
    "colours",
    "dye",
    "dyes",
    "claim",
    "claims",
    "biologic",
    "biologics",
];

/// Words that make a registration the facility's: registering it is the law, not an
/// approval (21 U.S.C. 350d).
const FACILITY: &[&str] = &[
    "facility",
    "facilities",
    "plant",
    "plants",
    "factory",
    "factories",
    "manufacturer",
    "manufacturers",
    "manufacturing",
    "lab",
    "labs",
    "laboratory",
    "laboratories",
    "site",
    "sites",
    "warehouse",
    "warehouses",
    "establishment",
    "establishments",
    "facility's",
];

/// Lowercase words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let w = c.is_alphanumeric() || ((c == '\'' || c == '’') && start.is_some());
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, text[s..i].to_lowercase().replace('’', "'")));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether a word denies: a negation or a contraction of "not".
fn negates(w: &str) -> bool {
    NEGATIONS.contains(&w) || w.ends_with("n't")
}

/// Why a match in `sentence` (a range of the block's text) is not a claim, if it is not.
fn excused(
    block: &Block,
    sentence: std::ops::Range<usize>,
    m: &crate::lean_regex::Captures<'_>,
) -> bool {
    let text = &block.text;
    let whole = m.get(0).expect("group 0");
    let s = &text[sentence.clone()];
    let ws = words(s);
    let at = whole.start() - sentence.start;
    let end = whole.end() - sentence.start;
    let before: Vec<&str> = ws
        .iter()
        .filter(|w| w.1 <= at)
        .map(|w| w.2.as_str())
        .collect();
    let after: Vec<&str> = ws
        .iter()
        .filter(|w| w.0 >= end)
        .map(|w| w.2.as_str())
        .collect();
    // Negated within the clause: "not FDA approved", "has not been approved by the FDA",
    // "does not require FDA approval" ("not only" is no negation).
    let near: Vec<&str> = before.iter().rev().take(5).copied().collect();
    for (i, w) in near.iter().enumerate() {
        if negates(w) {
            let next = if i == 0 { None } else { Some(near[i - 1]) };
            if !matches!(next, Some("only" | "just" | "merely")) {
                return true;
            }
        }
    }
    // "FDA approval is not required", "FDA approval isn't needed".
    if after.iter().take(3).any(|w| negates(w)) {
        return true;
    }
    // A question is not an assertion, unless the copy answers it yes.
    if s.trim_end().ends_with('?') {
        let rest = text[sentence.end..].trim_start().to_lowercase();
        if !rest.starts_with("yes") {
            return true;
        }
    }
    // Quoted as words: "Beware of products labeled “FDA approved”."
    let open = s[..at].trim_end().chars().last();
    let close = s[end..].trim_start().chars().next();
    if matches!(open, Some('"' | '“' | '\'' | '‘')) && matches!(close, Some('"' | '”' | '\'' | '’'))
    {
        return true;
    }
    // An approved drug, device, color additive or health claim: not this product.
    let around = before
        .iter()
        .rev()
        .take(3)
        .chain(after.iter().take(3))
        .copied();
    if around.clone().any(|w| APPROVED_THINGS.contains(&w)) {
        return true;
    }
    // "approved by the FDA to treat ...": a drug.
    if after.first() == Some(&"to") && matches!(after.get(1), Some(&("treat" | "prevent" | "cure")))
        || after.first() == Some(&"for")
            && after.get(1) == Some(&"the")
            && after.get(2) == Some(&"treatment")
    {
        return true;
    }
    // A registration of the facility, not an approval of the product.
    let registration_only = m.name("reg1").is_none()
        && m.name("word1")
            .or_else(|| m.name("word2"))
            .is_some_and(|w| {
                let w = w.as_str().to_ascii_lowercase();
                w == "registered" || w == "registration"
            });
    if registration_only && ws.iter().any(|w| FACILITY.contains(&w.2.as_str())) {
        return true;
    }
    false
}

/// Report each approval claim of the document.
pub(super) fn check(meta: &RuleMeta, doc: &Document, out: &mut Vec<Diagnostic>) {
    for block in &doc.blocks {
        // Cheap test first: most blocks name no agency.
        if !AGENCY.is_match(&block.text) {
            continue;
        }
        for m in CLAIM.captures_iter(&block.text) {
            let whole = m.get(0).expect("group 0");
            // The sentence of the match, through its end ("Approved by the U.S. FDA" may be
            // split after "U.S.").
            let sentence = block
                .sentences
                .iter()
                .find(|s| s.start <= whole.start() && whole.start() < s.end)
                .map_or(0..block.text.len(), |s| s.start..s.end.max(whole.end()));
            let sentence = block
                .sentences
                .iter()
                .find(|s| s.start < sentence.end && sentence.end <= s.end)
                .map_or(sentence.clone(), |s| sentence.start..s.end);
            if excused(block, sentence, &m) {
                continue;
            }
            let found = whole.as_str();
            let span = block.span(whole.range());
            let mut d = meta.diagnostic(&[("claim", found)], span);
            d.labels.push(Label {
                span,
                text: "FDA does not approve, certify or register dietary supplements".into(),
            });
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};
    use crate::rules::RuleSet;

    fn claims(src: &str) -> Vec<String> {
        let rules = RuleSet::builtin().unwrap();
        let doc = Document::parse(src.into(), Format::Text);
        rules
            .check(&doc)
            .into_iter()
            .filter(|d| d.rule == "us-fda/fda-approval-claim")
            .map(|d| src[d.span.start..d.span.end].to_string())
            .collect()
    }

    #[test]
    fn approval_words_said_of_the_product() {
        for (src, want) in [
            ("Our formula is FDA approved.", "FDA approved"),
            ("FDA-Approved Ingredients.", "FDA-Approved"),
            (
                "Approved by the Food and Drug Administration.",
                "Approved by the Food and Drug Administration",
            ),
            ("This product is FDA registered.", "FDA registered"),
            (
                "Made in an FDA registered and approved facility.",
                "FDA registered and approved",
            ),
            ("Not only FDA approved but also organic.", "FDA approved"),
            (
                "Our capsules are certified by the FDA.",
                "certified by the FDA",
            ),
            ("It has FDA approval.", "FDA approval"),
        ] {
            assert_eq!(claims(src), [want], "{src}");
        }
    }

    #[test]
    fn denials_questions_drugs_and_facilities_are_not_claims() {
        for src in [
            "This product has not been approved by the FDA.",
            "Dietary supplements do not require FDA approval.",
            "FDA approval is not required for supplements.",
            "Supplements aren't FDA-approved.",
            "These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.",
            "Is it FDA approved? The FDA does not approve supplements.",
            "Beware of sellers who call a supplement \u{201c}FDA approved\u{201d}.",
            "Unlike an FDA-approved drug, a supplement is not reviewed before sale.",
            "Made in an FDA-registered facility.",
            "Our facility is registered with the FDA and follows cGMP.",
            "Metformin is approved by the FDA to treat diabetes.",
        ] {
            assert!(claims(src).is_empty(), "{src}: {:?}", claims(src));
        }
    }
}
