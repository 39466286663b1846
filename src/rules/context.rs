//! What the rules share while checking one document: lexicon matches and word starts per
//! block, and the dose readings, each computed when a rule first asks.

use super::lexicon::{self, Candidates, LexMatch};
use super::{LexId, RuleSet, dose};
use crate::document::Document;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

/// What rules share while checking one document: lexicon matches per block, computed once,
/// when a rule first asks for them. A document's rules run on one thread, so the caches are
/// plain cells (`OnceLock`'s synchronisation was 7% of a lint).
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The rules and lexicons.
    pub set: &'a RuleSet,
    /// Per block: where terms can start, from one pass over its words.
    candidates: Vec<OnceCell<Candidates>>,
    /// Per block: the matches of the lexicons with a vocabulary slot, as they are asked for.
    matches: Vec<BlockMatches>,
    /// Per lexicon past the vocabulary slots and block (`(lexicon - slots) * blocks + block`).
    others: Vec<OnceCell<Vec<LexMatch>>>,
    /// Per block: where its words start.
    words: Vec<OnceCell<Vec<usize>>>,
    /// Dose readings of the document, by what they were read with (see `dose`).
    dose_readings: RefCell<Vec<(dose::ReadingKey, Rc<Vec<dose::reading::Sentence>>)>>,
}

/// What is known of one block's lexicon matches: which lexicons (by vocabulary slot) have
/// been looked for, and the matches of those that found any, a list that only grows, so what
/// was handed out stays put. Most lexicons find nothing in most blocks: a cell for each
/// lexicon and block was half the memory of a page of many short blocks.
#[derive(Default)]
struct BlockMatches {
    searched: Cell<u64>,
    /// The lexicons that found something: only they are looked up in `found`.
    nonempty: Cell<u64>,
    found: OnceCell<Box<Found>>,
}

/// The matches of one lexicon in a block, and the next lexicon's.
struct Found {
    slot: usize,
    matches: Box<[LexMatch]>,
    next: OnceCell<Box<Found>>,
}

impl BlockMatches {
    /// The matches of `slot`, when it has been looked for.
    fn get(&self, slot: usize) -> Option<&[LexMatch]> {
        let bit = 1 << slot;
        if self.searched.get() & bit == 0 {
            return None;
        }
        if self.nonempty.get() & bit == 0 {
            return Some(&[]);
        }
        let mut at = &self.found;
        while let Some(f) = at.get() {
            if f.slot == slot {
                return Some(&f.matches);
            }
            at = &f.next;
        }
        Some(&[])
    }

    /// Record what looking for `slot` found.
    fn put(&self, slot: usize, matches: Vec<LexMatch>) -> &[LexMatch] {
        self.searched.set(self.searched.get() | (1 << slot));
        if matches.is_empty() {
            return &[];
        }
        self.nonempty.set(self.nonempty.get() | (1 << slot));
        let mut at = &self.found;
        while let Some(f) = at.get() {
            at = &f.next;
        }
        let f = at.get_or_init(|| {
            Box::new(Found {
                slot,
                matches: matches.into_boxed_slice(),
                next: OnceCell::new(),
            })
        });
        &f.matches
    }
}

impl<'a> Context<'a> {
    pub(super) fn new(doc: &'a Document, set: &'a RuleSet) -> Self {
        let blocks = doc.blocks.len();
        let others = set.lexicons.len().saturating_sub(lexicon::VOCABULARY_SLOTS);
        Context {
            doc,
            set,
            candidates: (0..blocks).map(|_| OnceCell::new()).collect(),
            matches: (0..blocks).map(|_| BlockMatches::default()).collect(),
            others: (0..others * blocks).map(|_| OnceCell::new()).collect(),
            words: (0..blocks).map(|_| OnceCell::new()).collect(),
            dose_readings: RefCell::new(Vec::new()),
        }
    }

    /// The dose readings made with `key`, read by `read` the first time they are asked for.
    pub(crate) fn dose_readings(
        &self,
        key: dose::ReadingKey,
        read: impl FnOnce() -> Vec<dose::reading::Sentence>,
    ) -> Rc<Vec<dose::reading::Sentence>> {
        let cached = self
            .dose_readings
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| s.clone());
        if let Some(s) = cached {
            return s;
        }
        // Read without holding the borrow: reading asks the context for lexicon matches.
        let read = Rc::new(read());
        self.dose_readings.borrow_mut().push((key, read.clone()));
        read
    }

    /// Matches of lexicon `id` in block `block`.
    pub fn matches(&self, id: LexId, block: usize) -> &[LexMatch] {
        let text = &self.doc.blocks[block].text;
        match id.0.checked_sub(lexicon::VOCABULARY_SLOTS) {
            None => {
                let cache = &self.matches[block];
                if let Some(found) = cache.get(id.0) {
                    return found;
                }
                let candidates = self.candidates[block]
                    .get_or_init(|| Candidates::new(&self.set.vocabulary, text));
                cache.put(id.0, self.set.lexicon(id).find_at(text, candidates, id.0))
            }
            Some(other) => self.others[other * self.doc.blocks.len() + block]
                .get_or_init(|| self.set.lexicon(id).find_all(text)),
        }
    }

    /// Matches of lexicon `id` in block `block` that lie inside `range`.
    pub fn matches_in(
        &self,
        id: LexId,
        block: usize,
        range: &std::ops::Range<usize>,
    ) -> &[LexMatch] {
        let all = self.matches(id, block);
        let lo = all.partition_point(|m| m.range.start < range.start);
        let hi = all.partition_point(|m| m.range.start < range.end);
        let hi = hi.max(lo);
        // A match starting inside but running past the range is cut off here.
        let mut end = hi;
        while end > lo && all[end - 1].range.end > range.end {
            end -= 1;
        }
        &all[lo..end]
    }

    /// Byte offsets where words start in block `block`.
    pub fn word_starts(&self, block: usize) -> &[usize] {
        self.words[block].get_or_init(|| {
            let mut starts = Vec::new();
            let mut prev_word = false;
            for (i, c) in self.doc.blocks[block].text.char_indices() {
                let w = lexicon::is_word_char(c);
                if w && !prev_word {
                    starts.push(i);
                }
                prev_word = w || (prev_word && (c == '\'' || c == '’'));
            }
            starts
        })
    }

    /// Number of words starting in `from..to` of block `block`.
    pub fn words_between(&self, block: usize, from: usize, to: usize) -> usize {
        if to <= from {
            return 0;
        }
        let starts = self.word_starts(block);
        starts.partition_point(|&s| s < to) - starts.partition_point(|&s| s < from)
    }
}
