//! A claim word whose object is a pronoun: the targets it claims are in the sentence before.
//!
//! "Poor sleep is tied to heart disease and type 2 diabetes. Our formula helps protect you
//! from both." The first sentence states a fact, the second claims the product acts on it;
//! neither names a claim word and a disease together. FDA reads the two as one claim (21 CFR
//! 101.93(g)(2)(x): a statement that otherwise suggests an effect on a disease).
//!
//! Read narrowly, so that a pronoun about people or products does not turn a fact into a
//! claim:
//! - the pronoun ("both", "them", "these", "either") stands within the claim word's window
//!   after it, with no clause barrier between, and is not a determiner ("both men and
//!   women"); or the claim word holds it ("don't need it anymore", "off them"), where "it"
//!   counts too;
//! - the sentence before, in the same block, names a target and has no claim word of its
//!   own (a sentence that already claims, or that was excused with its claim word, is left
//!   as it was judged);
//! - the claim word is neither negated nor in a warning, and the rule's excuses do not
//!   excuse the pronoun where it stands.

use super::{ClaimRule, Sentence, Trigger};
use crate::diagnostic::Diagnostic;
use crate::document::line_index::ceil_char_boundary;
use crate::rules::assertion::{MentionKind, SentenceView};
use crate::rules::lexicon::LexMatch;
use crate::rules::{Context, RuleMeta};
use std::ops::Range;

/// Pronouns that take the place of the diseases named before.
const PRONOUNS: &[&str] = &["both", "them", "these", "those", "either"];

/// Words that may follow such a pronoun when it is one. Any other word makes it a
/// determiner ("both men and women", "these capsules").
const AFTER_PRONOUN: &[&str] = &[
    "conditions",
    "diseases",
    "disorders",
    "illnesses",
    "ailments",
    "problems",
    "issues",
    "symptoms",
    "off",
    "away",
    "naturally",
    "too",
    "again",
    "for",
    "from",
    "in",
    "at",
    "with",
    "without",
    "before",
    "and",
    "or",
    "while",
    "safely",
    "effectively",
];

impl ClaimRule {
    /// Findings for sentence `k` of block `bi`, which names no target of its own, when a
    /// claim word in it takes a pronoun for the targets of sentence `k - 1`.
    pub(super) fn check_anaphora(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        bi: usize,
        k: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(tid) = self.triggers else {
            return;
        };
        let block = &ctx.doc.blocks[bi];
        let range = &block.sentences[k];
        let trigs = ctx.matches_in(tid, bi, range);
        let trailing = self
            .trailing
            .map_or(&[][..], |t| ctx.matches_in(t, bi, range));
        if trigs.is_empty() && trailing.is_empty() {
            return;
        }
        let before = &block.sentences[k - 1];
        if !ctx.matches_in(tid, bi, before).is_empty() {
            return;
        }
        let prev = SentenceView::new(ctx, bi, before.clone(), self.barriers);
        let targets: Vec<&LexMatch> = ctx
            .matches_in(self.targets, bi, before)
            .iter()
            .filter(|m| {
                !self.qualified(&prev, m)
                    && !self.organisation(&prev, m)
                    && !self.deferred(&prev, m)
            })
            .collect();
        if targets.is_empty() {
            return;
        }
        let s = SentenceView::new(ctx, bi, range.clone(), self.barriers);
        let lex = ctx.set.lexicon(tid);
        // Claim words that hold their pronoun ("don't need it anymore", "off them"), of
        // either lexicon, then claim words with a pronoun after them.
        let holding = trigs
            .iter()
            .map(|t| (t, tid))
            .chain(trailing.iter().map(|t| (t, self.trailing.unwrap_or(tid))))
            .filter_map(|(t, id)| held_pronoun(s.text, &t.range).map(|p| (t, id, p)));
        let after = trigs.iter().filter_map(|trig| {
            let window = lex.terms[trig.term].window.unwrap_or(self.window);
            // A short, loose claim word ("for") takes a pronoun about anything.
            if window <= 2 {
                return None;
            }
            pronoun_after(&s, trig.range.end, window).map(|p| (trig, tid, p))
        });
        // A claim word after its target with a pronoun for it: "they're back to normal".
        let before = trailing.iter().filter_map(|trig| {
            let id = self.trailing?;
            let window = ctx.set.lexicon(id).terms[trig.term].window.unwrap_or(2);
            pronoun_before(&s, trig.range.start, window).map(|p| (trig, id, p))
        });
        let found: Vec<_> = holding.chain(after).chain(before).collect();
        for (trig, id, pronoun) in found {
            if self.negated(&s, trig.range.start) || self.excepted(&s, &trig.range) {
                continue;
            }
            if self.excepted(&s, &pronoun)
                || self
                    .excuses
                    .as_ref()
                    .is_some_and(|ex| ex.excuse(&s, &pronoun, MentionKind::Disease).is_some())
            {
                continue;
            }
            let trigger: Trigger = (trig.range.clone(), trig.term, id);
            let mut d = self.finding(meta, ctx, bi, &[trigger], &targets);
            d.span =
                block.span(trig.range.start.min(pronoun.start)..pronoun.end.max(trig.range.end));
            let refers = format!(" (\"{}\" refers to it)", &block.text[pronoun.clone()]);
            for label in d.labels.iter_mut() {
                if label.span.end <= d.span.start {
                    label.text.push_str(&refers);
                }
            }
            out.push(d);
            return;
        }
    }
}

/// Pronouns that stand for a target as the subject of a claim word after it: "they're
/// back to normal", "it's down".
const SUBJECTS: &[&str] = &["they", "they're", "they’re", "it", "it's", "it’s", "both"];

/// The subject pronoun within `window` words before `to` in `s`, with no barrier between.
fn pronoun_before(s: &Sentence<'_, '_>, to: usize, window: usize) -> Option<Range<usize>> {
    // A few words back, not the whole sentence: a long one has many claim words.
    let from = ceil_char_boundary(
        s.text,
        to.saturating_sub(16 * (window + 1)).max(s.range.start),
    );
    let words = words_in(s.text, from, to, usize::MAX);
    let last = words.len().saturating_sub(window + 1);
    let w = words[last..].iter().rev().find(|w| {
        SUBJECTS
            .iter()
            .any(|p| s.text[(*w).clone()].eq_ignore_ascii_case(p))
    })?;
    (!s.barrier_between(w.end, to)).then(|| w.clone())
}

/// A pronoun that is part of the claim word itself ("don't need it anymore", "off them"):
/// "it" counts here, where the words around it are fixed.
fn held_pronoun(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    words_in(text, range.start, range.end, usize::MAX)
        .into_iter()
        .find(|w| {
            let word = &text[w.clone()];
            word.eq_ignore_ascii_case("it") || PRONOUNS.iter().any(|p| word.eq_ignore_ascii_case(p))
        })
}

/// The pronoun within `window` words after `from` in `s`, with no barrier before it, that
/// stands for something named before (not a determiner).
fn pronoun_after(s: &Sentence<'_, '_>, from: usize, window: usize) -> Option<Range<usize>> {
    let end = s.range.end;
    let words = words_in(s.text, from, end, window + 2);
    for (i, w) in words.iter().enumerate().take(window + 1) {
        let word = &s.text[w.clone()];
        if !PRONOUNS.iter().any(|p| word.eq_ignore_ascii_case(p)) {
            continue;
        }
        if s.barrier_between(from, w.start) {
            return None;
        }
        // Only punctuation, the end of the sentence or a word that completes the pronoun
        // may follow it.
        let next = words.get(i + 1);
        let joined = next.is_some_and(|n| s.text[w.end..n.start].trim().is_empty());
        let fits = !joined
            || next.is_some_and(|n| {
                let after = s.text[n.clone()].to_ascii_lowercase();
                AFTER_PRONOUN.contains(&after.as_str())
            });
        return fits.then(|| w.clone());
    }
    None
}

/// The first `most` words of `text[from..end]`: runs of letters, digits and apostrophes.
fn words_in(text: &str, from: usize, end: usize, most: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[from..end].char_indices() {
        let at = from + i;
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            start.get_or_insert(at);
        } else if let Some(st) = start.take() {
            out.push(st..at);
            if out.len() >= most {
                return out;
            }
        }
    }
    if let Some(st) = start {
        out.push(st..end);
    }
    out
}
