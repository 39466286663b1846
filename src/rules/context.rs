//! What rules share while checking one document: lexicon matches and word starts per block,
//! and dose readings, each computed once when a rule first asks.

use super::lexicon::{self, LexMatch};
use super::{LexId, RuleSet, dose};
use crate::document::Document;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// What rules share while checking one document: the matches of every lexicon in a block,
/// found in one pass over it when a rule first asks for any of them. A document's rules run
/// on one thread, so the caches are plain cells (`OnceLock`'s synchronisation was 7% of a
/// lint).
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The rules and lexicons.
    pub set: &'a RuleSet,
    /// Per block: every lexicon's matches, sorted by lexicon and then position.
    matches: Vec<OnceCell<BlockMatches>>,
    /// Per block: where its words start.
    words: Vec<OnceCell<Vec<usize>>>,
    /// Per block: whether it is a bibliographic citation (see `SentenceView::in_citation`).
    citations: Vec<OnceCell<bool>>,
    /// Dose readings of the document, by what they were read with (see `dose`).
    dose_readings: RefCell<Vec<(dose::ReadingKey, Rc<Vec<dose::reading::Sentence>>)>>,
}

/// The matches of one block: `matches[i]` is of lexicon `lexicons[i]`.
struct BlockMatches {
    lexicons: Vec<u32>,
    matches: Vec<LexMatch>,
}

impl<'a> Context<'a> {
    pub(super) fn new(doc: &'a Document, set: &'a RuleSet) -> Self {
        let blocks = doc.blocks.len();
        Context {
            doc,
            set,
            matches: (0..blocks).map(|_| OnceCell::new()).collect(),
            words: (0..blocks).map(|_| OnceCell::new()).collect(),
            citations: (0..blocks).map(|_| OnceCell::new()).collect(),
            dose_readings: RefCell::new(Vec::new()),
        }
    }

    /// Whether block `block` is a citation, decided by `decide` the first time it is asked:
    /// every sentence of a long block asks, and the answer reads the whole block.
    pub fn citation(&self, block: usize, decide: impl FnOnce() -> bool) -> bool {
        *self.citations[block].get_or_init(decide)
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
        let all = self.matches[block].get_or_init(|| {
            let found = self.set.automaton().find(&self.doc.blocks[block].text);
            let (lexicons, matches) = found.into_iter().unzip();
            BlockMatches { lexicons, matches }
        });
        let slot = id.0 as u32;
        let lo = all.lexicons.partition_point(|&l| l < slot);
        let hi = all.lexicons.partition_point(|&l| l <= slot);
        &all.matches[lo..hi]
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
