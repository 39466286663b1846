//! Organisations and publications named after a disease: "the Arthritis Foundation",
//! "Cancer Creek Apiaries", "Diabetes UK". Their names are not claims about the product.

use super::SentenceView;
use crate::rules::LexId;
use std::ops::Range;

/// How many words of a capitalised run on each side of a mention, connectors not counted,
/// may make it an organisation's name ("Centers for Disease Control", "National Institute of
/// Diabetes and Digestive and Kidney Diseases"); farther words belong to a title set in
/// Title Case.
const ORGANISATION_REACH: usize = 5;

/// Whether the capitalised mention at `m` belongs to an organisation's or a publication's
/// name: the run of capitalised words around it ("Centers for Disease Control", "Cancer
/// Creek Apiaries", "the Arthritis Foundation's Walk to Cure Arthritis") holds a word of
/// `org` ("Foundation", "Farms", "Report") besides the mention. Runs are Title Case only:
/// in text set in capitals every word would be in one.
pub fn organisation(s: &SentenceView<'_, '_>, m: &Range<usize>, org: LexId) -> bool {
    let capital = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    };
    if !capital(&s.text[m.clone()]) {
        return false;
    }
    const CONNECTORS: &[&str] = &["of", "for", "and", "&", "the", "to", "on", "in", "de"];
    let starts = s.ctx.word_starts(s.block);
    let word_at = |i: usize| {
        let from = starts[i];
        let to = s.text[from..]
            .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '.'))
            .map_or(s.text.len(), |e| from + e);
        &s.text[from..to]
    };
    let in_run = |i: usize| {
        let w = word_at(i);
        // Title Case words, small connectors, and short abbreviations in capitals ("LLC").
        capital(w)
            || CONNECTORS.contains(&w)
            || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
    };
    // A bracket ends a name: "Beat My Cat Allergy (Brand Seasonal Review)" is a title.
    let bracket = |from: usize, to: usize| s.text[from..to].contains(['(', ')', '[', ']']);
    let first = starts.partition_point(|&x| x < m.start);
    let last = starts.partition_point(|&x| x < m.end);
    let (mut lo, mut hi) = (first, last);
    // Words counted toward the reach: not the connectors.
    let (mut before, mut after) = (0, 0);
    let counts = |i: usize| usize::from(!CONNECTORS.contains(&word_at(i)));
    while lo > 0
        && before < ORGANISATION_REACH
        && starts[lo - 1] >= s.range.start
        && in_run(lo - 1)
        && !bracket(
            starts[lo - 1],
            if lo == first { m.start } else { starts[lo] },
        )
    {
        lo -= 1;
        before += counts(lo);
    }
    while hi < starts.len()
        && after < ORGANISATION_REACH
        && starts[hi] < s.range.end
        && in_run(hi)
        && !bracket(if hi == last { m.end } else { starts[hi - 1] }, starts[hi])
    {
        after += counts(hi);
        hi += 1;
    }
    // A mention inside a run-together word ("#CureLupus") may start after the last word
    // start.
    let run = starts.get(lo).map_or(m.start, |&x| x.min(m.start))
        ..starts
            .get(hi)
            .copied()
            .unwrap_or(s.range.end)
            .min(s.range.end);
    s.matches_in(org, &run).iter().any(|o| {
        (o.range.end <= m.start || o.range.start >= m.end)
            && s.text[o.range.clone()].starts_with(char::is_uppercase)
    })
}
