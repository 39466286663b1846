//! The cautions that excuse a mention: a warning or a side effect in its clause, in the
//! clause a relative clause belongs to, in the clause after it or in the lead of its list; a
//! harm the product may do to the disease; the asker's condition before a question of
//! whether they may use the product; a conditional with a caution (see [`super`]).

use super::super::lexicon::LexMatch;
use super::super::question::states_condition;
use super::{Excuses, NEXT_CAUTION_REACH, SentenceView, hedged, promised_absence};
use crate::document::line_index::{ceil_char_boundary, floor_char_boundary};
use crate::rules::LexId;
use std::ops::Range;

impl Excuses {
    /// A caution in the clause of `m` (or in the clause a relative clause holding `m`
    /// belongs to: "copper deficiency, which may show up as anemia"), or a conditional there with a caution
    /// anywhere in the sentence or in a question asking whether the reader may use the
    /// product. A caution inside the mention itself does not count.
    pub(super) fn caution(
        &self,
        s: &SentenceView<'_, '_>,
        m: &Range<usize>,
    ) -> Option<Range<usize>> {
        let id = self.cautions?;
        let outside = |r: &Range<usize>| r.end <= m.start || r.start >= m.end;
        let clause = s.clause_of(m.start);
        let warns = |lex: LexId, c: &Range<usize>| {
            s.matches_in(lex, c)
                .iter()
                .find(|t| outside(&t.range) && !promised_absence(s, &t.range))
                .map(|t| t.range.clone())
        };
        if let Some(r) = warns(id, &clause) {
            return Some(r);
        }
        if let Some(r) = made_worse(s, &clause, m) {
            return Some(r);
        }
        if let Some(r) = suits_a_diet(s, m) {
            return Some(r);
        }
        if let Some(r) = tolerated(s, m) {
            return Some(r);
        }
        // A reason given for a caution, when it speaks of a risk: "Do not give honey to
        // infants because of the risk of infant botulism". Not a reason that is the claim
        // ("Ask your doctor about it, because it cured my arthritis").
        if clause.start > s.range.start
            && matches!(s.first_word(clause.start).as_str(), "because" | "since")
            && s.text[clause.clone()]
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| matches!(w, "risk" | "risks" | "may" | "might" | "could"))
            && let Some(r) = warns(id, &s.clause_of(clause.start - 1))
        {
            return Some(r);
        }
        // The lead of a list the mention is an item of: "Ask a doctor before use if you
        // have: diabetes, kidney disease, ..." cautions about every item.
        if let Some(lead) = s.list_lead(m.start)
            && let Some(r) = warns(id, &lead)
        {
            return Some(r);
        }
        // The clause a relative clause belongs to: a caution or a side effect there speaks
        // of the mention too (the clause's own side-effect words have a shorter reach).
        if let Some(c) = s.antecedent_clause(&clause) {
            if let Some(r) = [Some(id), self.side_effects]
                .into_iter()
                .flatten()
                .find_map(|lex| warns(lex, &c))
            {
                return Some(r);
            }
        }
        // The clause after: a consequence that cautions ("milk thistle may lower blood
        // sugar, so please check with your doctor"), or a relative clause that cautions
        // about the mention ("some herbs act as diuretics, which may not be right for
        // everyone with kidney conditions"). A side effect there says what the disease
        // does ("clots, which can cause heart attacks"), so it does not count.
        if clause.end < s.range.end {
            let next = s.clause_of(clause.end);
            let opener = s.first_word(next.start);
            let cautions = s.matches_in(id, &next);
            let caution = |t: &&LexMatch| {
                !promised_absence(s, &t.range) && !self.is_side_effect_caution(s, t)
            };
            // "... so you can take less" is what the claim promises, not a caution.
            let benefit = {
                let t = s.text[next.clone()].trim_start().to_ascii_lowercase();
                [
                    "so you can ",
                    "so you could ",
                    "so you'll ",
                    "so you may ",
                    "so that you ",
                ]
                .iter()
                .any(|p| t.starts_with(p))
            };
            if matches!(opener.as_str(), "so" | "which" | "who")
                && !benefit
                && let Some(t) = cautions.iter().find(caution)
            {
                return Some(t.range.clone());
            }
            // A hedged effect, then advice ("chromium may lower blood sugar; monitor your
            // levels"): an interaction note. "Lowers blood sugar; consult your doctor"
            // still claims.
            if hedged(s, &(clause.start..m.start))
                && let Some(t) = cautions
                    .iter()
                    .filter(caution)
                    .find(|t| s.words_between(next.start, t.range.start) <= 2)
            {
                return Some(t.range.clone());
            }
        }
        // The asker's condition, then the question: "I have Crohn's. Is this safe for me?",
        // "My dad had a heart attack last year. Can he take this?" The condition is stated
        // as one ("I have", "had"), not as a result ("This cleared my eczema. Can I take it
        // daily?" still claims).
        let stated = || {
            let conditional = self
                .conditionals
                .is_some_and(|c| !s.matches_in(c, &(s.range.start..m.start)).is_empty());
            states_condition(&s.text[s.range.start..m.start], conditional)
        };
        if s.suitability_questions().1
            && stated()
            && let Some(n) = s.next_sentence()
        {
            return Some(n);
        }
        let cond = self.conditionals?;
        let c = s
            .matches_in(cond, &clause)
            .iter()
            .find(|t| t.range.end <= m.start)?;
        let asks = s.suitability_questions().0;
        // The caution may open the next sentence: "People with kidney disease handle
        // calcium differently. Please do not start this without your nephrologist's
        // approval."
        let next_warns = || {
            s.next_sentence().is_some_and(|n| {
                s.matches_in(id, &n)
                    .iter()
                    .any(|t| s.words_between(n.start, t.range.start) <= NEXT_CAUTION_REACH)
            })
        };
        (asks || s.matches_in(id, &s.range).iter().any(|t| outside(&t.range)) || next_warns())
            .then(|| c.range.clone())
    }

    /// Whether caution `t` is one of what a thing may cause ("can cause", "may lead to"),
    /// which says what a disease does when it follows one.
    fn is_side_effect_caution(&self, s: &SentenceView<'_, '_>, t: &LexMatch) -> bool {
        self.cautions.is_some_and(|id| {
            let term = &s.ctx.set.lexicon(id).terms[t.term].term;
            term == "side effect"
        })
    }
}

/// "Iodine can make some thyroid conditions worse": a harm the product may do to a disease
/// is a caution. The verb needs a modal before it, so "don't let stress make your psoriasis
/// worse" is not one.
fn made_worse(
    s: &SentenceView<'_, '_>,
    clause: &Range<usize>,
    m: &Range<usize>,
) -> Option<Range<usize>> {
    // The cheap test first, on a few bytes: a caution is looked for at every mention, and a
    // long clause holds thousands of them.
    let after = &s.text[m.end..clause.end];
    let after = after.trim_start();
    let worse = |t: &str| {
        t.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("worse"))
            || t.get(..10)
                .is_some_and(|w| w.eq_ignore_ascii_case("even worse"))
    };
    if !worse(after) {
        return None;
    }
    // Five words back: the modal and the verb, and up to three words between.
    let from = s.words_back(m.start, 5).max(clause.start);
    let before = &s.text[from..m.start];
    let words: Vec<(usize, &str)> = before
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - before.as_ptr() as usize, w))
        .collect();
    let verb = words.iter().rev().take(4).position(|(_, w)| {
        matches!(w.to_ascii_lowercase().as_str(), "make" | "makes" | "making")
    })?;
    let at = words.len() - 1 - verb;
    let modal = at
        .checked_sub(1)
        .map(|i| words[i].1.to_ascii_lowercase())
        .is_some_and(|w| {
            matches!(
                w.as_str(),
                "can" | "may" | "might" | "could" | "will" | "often" | "sometimes" | "also"
            )
        });
    modal.then(|| from + words[at].0..m.end)
}

/// Dietary suitability: "Gluten-free, so suitable for children with coeliac disease",
/// "Sugar-free and suitable for diabetics". A product free of what a disease forbids suits
/// that diet; it does not claim to treat the disease. Both halves are needed: "suitable
/// for people with arthritis" alone says whom the product is for.
fn suits_a_diet(s: &SentenceView<'_, '_>, m: &Range<usize>) -> Option<Range<usize>> {
    const SUITS: &[&str] = &["suitable for", "safe for", "suits"];
    // A few words around the mention, never the whole sentence: a long one holds many
    // mentions.
    let around = |at: usize, forward: bool| {
        if forward {
            floor_char_boundary(s.text, (at + 120).min(s.range.end))
        } else {
            ceil_char_boundary(s.text, at.saturating_sub(120).max(s.range.start))
        }
    };
    let from = around(m.start, false);
    let before = s.text[from..m.start].to_ascii_lowercase();
    let (at, len) = SUITS
        .iter()
        .filter_map(|p| before.rfind(p).map(|i| (i, p.len())))
        .max()?;
    let lead = from + at..from + at + len;
    if s.words_between(lead.end, m.start) > 4 || s.barrier_between(lead.end, m.start) {
        return None;
    }
    let near = s.text[around(lead.start, false)..around(m.end, true)].to_ascii_lowercase();
    ["-free", "free from", "free of", " free,", " free and"]
        .iter()
        .any(|w| near.contains(w))
        .then_some(lead)
}

/// Tolerance: "most people who are lactose intolerant handle it fine", "people with IBS
/// usually tolerate it well". The people with the condition take the product without
/// trouble; nothing is claimed for the condition. The verb must follow the mention within
/// a few words, in its clause.
fn tolerated(s: &SentenceView<'_, '_>, m: &Range<usize>) -> Option<Range<usize>> {
    let end = floor_char_boundary(s.text, (m.end + 60).min(s.range.end));
    let after = s.text[m.end..end].to_ascii_lowercase();
    let words: Vec<(usize, &str)> = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - after.as_ptr() as usize, w))
        .take(5)
        .collect();
    let at = words
        .iter()
        .position(|&(_, w)| matches!(w, "tolerate" | "tolerates" | "handle" | "handles"))?;
    let verb = m.end + words[at].0;
    if s.barrier_between(m.end, verb) {
        return None;
    }
    // "handle" needs its manner ("handle it fine", "handle well"): "handle stress" is not
    // tolerance.
    let handled = words[at].1.starts_with("tolerat")
        || words[at + 1..]
            .iter()
            .take(2)
            .any(|&(_, w)| matches!(w, "fine" | "well"));
    handled.then(|| verb..verb + words[at].1.len())
}
