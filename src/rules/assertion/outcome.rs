//! Negations that report an outcome: "No ear infections this winter", "haven't had a
//! migraine since March". A disease denied for a stretch of time is what the product is said
//! to have prevented, so the negation does not excuse it.

use super::SentenceView;
use crate::rules::LexId;
use std::ops::Range;

/// How many words may stand between the denied disease and the word of time ("no ear
/// infections at all this winter").
const TIME_REACH: usize = 5;

/// Whether the negation at `neg`, before the mention at `m`, reports that the disease has not
/// come back for a time: the negation is "no" or "zero" right before the disease, or a "not"
/// before "had" ("haven't had", "never had"), and a word of time (`times`: "since", "this
/// winter", "in years") follows the mention within a few words, in its clause.
pub fn outcome(
    s: &SentenceView<'_, '_>,
    neg: &Range<usize>,
    m: &Range<usize>,
    times: LexId,
) -> bool {
    let word = s.text[neg.clone()].to_ascii_lowercase();
    let between = s.text[neg.end..m.start].trim_start().to_ascii_lowercase();
    let had = [
        "had ",
        "once had ",
        "even had ",
        "had a ",
        "had any ",
        "gotten ",
        "caught ",
    ]
    .iter()
    .any(|h| between.starts_with(h));
    // "No ear infections", "zero nasty migraines"; not "no reports of liver problems" or
    // "no history of kidney stones", where the negation denies something else.
    let direct = matches!(word.as_str(), "no" | "zero")
        && between.split_whitespace().count() <= 2
        && !between.split_whitespace().any(|w| {
            matches!(
                w,
                "of" | "known"
                    | "reports"
                    | "report"
                    | "cases"
                    | "case"
                    | "history"
                    | "evidence"
                    | "link"
                    | "risk"
                    | "sign"
                    | "signs"
            )
        });
    if !(direct || had) {
        return false;
    }
    // "since" may itself end the clause: a barrier that opens the word of time is its own.
    s.matches_in(times, &(m.end..s.range.end)).iter().any(|t| {
        s.words_between(m.end, t.range.start) <= TIME_REACH
            && !s.barrier_between(m.end, t.range.start.saturating_sub(1))
    })
}
