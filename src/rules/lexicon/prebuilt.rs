//! The automaton build.rs made of the built-in lexicon files, and a rule set's automata.
//!
//! Building the merged trie of the ~46k built-in spellings was a third of a one-file run's
//! instructions (113 M of 345 M). build.rs now builds it once, one slot per built-in
//! lexicon file (see `stored.rs`), and a rule set maps the files its lexicons are made of
//! onto their slots at load. Lexicons made at run time (user files, inline terms, a
//! built-in lexicon with terms added by the config, the lexicons rules make of their data)
//! get a second, small automaton; a block is read by both, and the matches of each slot
//! are exactly what one automaton over every lexicon would find.

use super::automaton::Automaton;
use super::stored::Use;
use super::{LexMatch, Lexicon, Variants};
use std::sync::OnceLock;

/// Aligns embedded bytes for the arrays they hold.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

static BYTES: &Aligned<[u8]> = &Aligned {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/lexicons.automaton")),
};

/// The automaton over every built-in lexicon file, a slot per file in the order of
/// [`crate::yaml::builtin_lexicon`]'s slots.
pub fn builtin() -> &'static Automaton {
    static BUILT: OnceLock<Automaton> = OnceLock::new();
    BUILT.get_or_init(|| {
        Automaton::from_bytes(&BYTES.bytes).expect("build.rs writes the automaton it reads")
    })
}

/// The spelling variants build.rs made for term `index` of the built-in lexicon file in
/// `slot`. build.rs keeps them out of the file's JSON (the automaton has the spellings), so
/// a file's are read only when a lexicon is built from its terms at run time (with terms
/// added by the config, say).
pub fn variants(slot: u32, index: u32) -> Option<&'static Variants> {
    static READ: OnceLock<Vec<OnceLock<Vec<Option<Variants>>>>> = OnceLock::new();
    let files = READ.get_or_init(|| {
        (0..crate::yaml::builtin_lexicon_count())
            .map(|_| OnceLock::new())
            .collect()
    });
    files
        .get(slot as usize)?
        .get_or_init(|| {
            crate::yaml::builtin_lexicon_variants(slot)
                .and_then(|json| serde_json::from_str(json).ok())
                .unwrap_or_default()
        })
        .get(index as usize)?
        .as_ref()
}

/// Where a lexicon's terms are in the built-in automaton: a file's slot there, and where
/// that file's terms and spellings start among the lexicon's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The file's slot in [`builtin`].
    pub file: u32,
    /// Index of the file's first term in the lexicon's terms.
    pub terms: u32,
    /// Index of the file's first spelling in the lexicon's spellings.
    pub spellings: u32,
}

/// The automata of a rule set: the built-in one mapped onto the set's lexicons made of
/// built-in files, and one built at run time for the others.
#[derive(Debug)]
pub struct Automata {
    builtin: Option<Automaton>,
    runtime: Option<Automaton>,
}

impl Automata {
    /// The automata over `lexicons`, each in the slot of its index.
    pub fn new(lexicons: &[Lexicon]) -> Automata {
        let mut uses = Vec::new();
        let mut entries = Vec::new();
        for (slot, l) in lexicons.iter().enumerate() {
            if l.parts.is_empty() {
                entries.extend(l.entries(slot as u32));
            }
            uses.extend(l.parts.iter().map(|p| Use {
                file: p.file,
                slot: slot as u32,
                terms: p.terms,
                spellings: p.spellings,
            }));
        }
        let slots = lexicons.len();
        Automata {
            builtin: (!uses.is_empty()).then(|| builtin().mapped(slots, &uses)),
            runtime: (!entries.is_empty()).then(|| Automaton::new(slots, entries)),
        }
    }

    /// Every match in `text`, as (slot, match), sorted by slot and then position (see
    /// [`Automaton::find`]).
    pub fn find(&self, text: &str) -> Vec<(u32, LexMatch)> {
        match (&self.builtin, &self.runtime) {
            (Some(a), None) | (None, Some(a)) => a.find(text),
            (Some(a), Some(b)) => {
                let mut all = a.find(text);
                all.extend(b.find(text));
                all.sort_unstable_by_key(|m| (m.0, m.1.range.start));
                all
            }
            (None, None) => Vec::new(),
        }
    }

    /// Every spelling that starts at `at` and ends by `limit` (see
    /// [`Automaton::spellings_at`]), in the order one automaton would give them.
    pub fn spellings_at(&self, text: &str, at: usize, limit: usize) -> Vec<(u32, u32, usize)> {
        let mut all = Vec::new();
        for a in self.builtin.iter().chain(&self.runtime) {
            all.extend(a.spellings_in_order(text, at, limit));
        }
        if self.builtin.is_some() && self.runtime.is_some() {
            all.sort_by_key(|&(slot, _, end, order)| (end, order, slot));
        }
        all.into_iter()
            .map(|(slot, term, end, _)| (slot, term, end))
            .collect()
    }
}
