//! The excuses a mention's section makes: the lead of its list or heading, the label its
//! paragraph opens with, the other cells of its table row, its list's other items, and the
//! answer to its question in the next block (see [`super`]).

use super::{Excuses, SentenceView};
use std::ops::Range;

/// The most words an interaction note's lead may have ("Blood pressure medicines").
const LEAD_WORDS: usize = 4;

impl Excuses {
    /// A warning or side-effect trigger in the lead of the block's section: the list's lead-in
    /// ("Side effects can occur, including:") for a list item, the heading above it
    /// otherwise. The range is in the lead block's text.
    ///
    /// A block that opens with a label ("WARNINGS: ...", "Side effects: ...") is a section of
    /// its own, and so is a table row whose other cells hold a warning ("| Nodules | Use
    /// caution in patients with thyroid nodules |"): the range is then in this block's text,
    /// or in the cell's.
    pub(super) fn section(&self, s: &SentenceView<'_, '_>) -> Option<Range<usize>> {
        let lexicons = || [self.cautions, self.side_effects].into_iter().flatten();
        if let Some(label) = s.block_label() {
            if let Some(m) = lexicons().find_map(|id| s.matches_in(id, &label).first()) {
                return Some(m.range.clone());
            }
            if let Some(r) = self.interaction_lead(s.block, s.ctx, &label) {
                return Some(r);
            }
        }
        if let Some(label) = s.sentence_label()
            && let Some(m) = lexicons().find_map(|id| s.matches_in(id, &label).first())
        {
            return Some(m.range.clone());
        }
        for cell in s.row_cells() {
            if let Some(m) = lexicons().find_map(|id| s.ctx.matches(id, cell).first()) {
                return Some(m.range.clone());
            }
            let text = &s.ctx.doc.blocks[cell].text;
            if let Some(r) = self.interaction_lead(cell, s.ctx, &(0..text.len())) {
                return Some(r);
            }
        }
        // A list of cautions under a heading that does not say so ("Safety first"): most of
        // the other items hold a caution or a side effect.
        let siblings = s.list_siblings();
        let warning = |b: usize| lexicons().find_map(|id| s.ctx.matches(id, b).first());
        let warned: Vec<_> = siblings.iter().filter_map(|&b| warning(b)).collect();
        if siblings.len() >= 2 && warned.len() * 3 >= siblings.len() * 2 {
            return Some(warned[0].range.clone());
        }
        let lead = s.section_lead()?;
        lexicons()
            .find_map(|id| s.ctx.matches(id, lead).first())
            .map(|m| m.range.clone())
    }

    /// A question answered in the next block with a refusal ("Can it help with eczema?" /
    /// "We are not able to make claims about medical conditions.") or a caution ("Please
    /// talk to your doctor first."): the question ends its heading or paragraph, and the
    /// answer's first five words hold a negation or a caution. The range is in the answer's
    /// block.
    pub(super) fn answered_elsewhere(&self, s: &SentenceView<'_, '_>) -> Option<Range<usize>> {
        if !crate::rules::question::bare(&s.text[s.range.clone()]).ends_with('?') {
            return None;
        }
        // The answer: the next sentence of the block ("Question: ... Answer: ..." on one
        // line), else the first of the next block.
        let doc = s.ctx.doc;
        let (next, first) = match s.next_sentence() {
            Some(n) => (s.block, n),
            None => {
                let next = s.block + 1;
                if next >= doc.blocks.len() || doc.unit_of(next) != doc.unit_of(s.block) {
                    return None;
                }
                (next, doc.blocks[next].sentences.first()?.clone())
            }
        };
        let starts = s.ctx.word_starts(next);
        let i = starts.partition_point(|&w| w < first.start);
        let to = starts
            .get(i + 5)
            .copied()
            .unwrap_or(first.end)
            .min(first.end);
        let pseudo = self.pseudo_negations;
        // "Please talk to your endocrinologist before taking any iodine supplement."
        if let Some(c) = self.cautions
            && let Some(m) = s.ctx.matches_in(c, next, &(first.start..to)).first()
        {
            return Some(m.range.clone());
        }
        s.ctx
            .matches_in(self.negations?, next, &(first.start..to))
            .iter()
            .find(|m| {
                pseudo.is_none_or(|p| {
                    !s.ctx
                        .matches_in(p, next, &(first.start..first.end))
                        .iter()
                        .any(|x| x.range.start <= m.range.start && m.range.end <= x.range.end)
                })
            })
            .map(|m| m.range.clone())
    }

    /// The medicine that the words at `r` of block `b` lead an interaction note with:
    /// four words or fewer that name one ("Diabetes medicines", "Warfarin"), and not the
    /// product's own class ("Natural diuretic").
    fn interaction_lead(
        &self,
        b: usize,
        ctx: &crate::rules::Context<'_>,
        r: &Range<usize>,
    ) -> Option<Range<usize>> {
        let id = self.interaction_leads?;
        let text = ctx.doc.blocks[b].text.get(r.clone())?;
        let lower = text.to_ascii_lowercase();
        if text.split_whitespace().count() > LEAD_WORDS
            || ["natural", "herbal", "nature's", "natures", "plant"]
                .iter()
                .any(|w| {
                    lower
                        .split(|c: char| !c.is_alphanumeric() && c != '\'')
                        .any(|x| x == *w)
                })
        {
            return None;
        }
        // The medicine ends the lead, but for a gloss in brackets ("Diuretics (\"water
        // pills\")"): "Eliminates insulin resistance" names a disease, not a medicine.
        let mut end = r.start + text.trim_end().len();
        let trimmed = text.trim_end();
        if trimmed.ends_with(')')
            && let Some(open) = trimmed.rfind('(')
        {
            end = r.start + trimmed[..open].trim_end().len();
        }
        ctx.matches_in(id, b, r)
            .iter()
            .find(|m| m.range.end == end)
            .map(|m| m.range.clone())
    }
}

/// Whether the clause of `m` opens by saying what the product is ("it is a dietary
/// supplement for diabetics", "this formula is made for people with gout").
pub(super) fn describes_product(s: &SentenceView<'_, '_>, m: &Range<usize>) -> bool {
    let clause = s.clause_of(m.start);
    // The openings are short: read no more of a long clause than the longest needs.
    let mut end = m.start.min(clause.start + 32);
    while !s.text.is_char_boundary(end) {
        end -= 1;
    }
    let opening = s.text[clause.start..end]
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase()
        .replace('’', "'");
    [
        "it is ",
        "it's ",
        "this product is ",
        "this supplement is ",
        "this formula is ",
        "our formula is ",
        "our product is ",
        "this blend is ",
    ]
    .iter()
    .any(|p| opening.starts_with(p))
}
