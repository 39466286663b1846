//! Health advice whose subject is a way of living, not the product: "Exercise and a healthy
//! diet help prevent type 2 diabetes", "Quitting smoking lowers the risk of heart disease".
//! The claim is the habit's; a clause that names the product (or an ingredient, or "it") in
//! its subject is not excused.

use super::SentenceView;
use crate::document::line_index::floor_char_boundary;
use std::ops::Range;

/// The words that make a subject a way of living.
const HABITS: &[&str] = &[
    "exercise",
    "exercising",
    "diet",
    "diets",
    "eating",
    "sleep",
    "walking",
    "activity",
    "movement",
    "yoga",
    "stretching",
    "weight",
    "smoking",
    "stress",
    "lifestyle",
    "habits",
    "fitness",
];

/// Words a habit's subject may hold besides the habits: "regular physical activity and a
/// balanced diet", "losing weight", "not smoking".
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "regular",
    "daily",
    "healthy",
    "healthful",
    "balanced",
    "good",
    "more",
    "plenty",
    "of",
    "physical",
    "moderate",
    "enough",
    "quality",
    "mediterranean",
    "losing",
    "quitting",
    "stopping",
    "not",
    "less",
    "maintaining",
    "keeping",
    "getting",
    "staying",
    "active",
    "management",
    "managing",
    "changes",
    "change",
    "simple",
    "loss",
    "your",
];

/// What may follow the subject: a verb, or a modal before one.
const VERBS: &[&str] = &[
    "help", "helps", "can", "may", "might", "could", "will", "lowers", "lower", "reduces",
    "reduce", "prevents", "prevent", "cuts", "protects", "protect", "improves", "is", "are",
    "remain", "remains",
];

/// The words that name the product or a thing taken in a subject.
const PRODUCT: &[&str] = &[
    "this",
    "our",
    "it",
    "product",
    "supplement",
    "supplements",
    "formula",
    "capsule",
    "capsules",
    "tablet",
    "tablets",
    "tea",
    "blend",
    "gummies",
    "powder",
    "drops",
    "extract",
];

/// The subject of the clause of `m` when it is a way of living, its range in the text.
pub(super) fn habit_subject(s: &SentenceView<'_, '_>, m: &Range<usize>) -> Option<Range<usize>> {
    let clause = s.clause_of(m.start);
    // The subject stands in the first few words of the clause.
    let end = floor_char_boundary(s.text, (clause.start + 120).min(m.start));
    let head = s.text[clause.start..end].to_ascii_lowercase();
    let mut habit = false;
    let mut words = 0;
    let mut at = 0;
    for w in head.split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '\'') {
        at += w.len() + 1;
        if w.is_empty() {
            continue;
        }
        words += 1;
        if HABITS.contains(&w) {
            habit = true;
        } else if VERBS.contains(&w) {
            let subject = clause.start..clause.start + at - w.len() - 1;
            let names_product = s.text[clause.clone()]
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|x| PRODUCT.contains(&x));
            return (habit && !names_product).then_some(subject);
        } else if !FILLER.contains(&w) {
            return None;
        }
        if words > 10 {
            return None;
        }
    }
    None
}
