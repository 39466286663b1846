//! The automaton build.rs made of the built-in lexicon files, and a rule set's automata.
//!
//! Building the merged trie of the ~46k built-in spellings was a third of a one-file run's
//! instructions (113 M of 345 M). build.rs now builds it once, one slot per built-in
//! lexicon file (see `stored.rs`), and a rule set maps the files its lexicons are made of
//! onto their slots at load. Lexicons made at run time (user files, inline terms, a
//! built-in lexicon with terms added by the config, the lexicons rules make of their data)
//! get a second, small automaton; a block is read by both, and the matches of each slot
//! are exactly what one automaton over every lexicon would find. Once a run has searched
//! enough text, the second is grafted onto the first (`Automaton::grafted`), and blocks
//! are read once.

use super::automaton::Automaton;
use super::stored::Use;
use super::{LexMatch, Lexicon, Variants};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

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
/// built-in files, and one built at run time for the others; after the first
/// [`GRAFT_AFTER`] bytes searched, one trie of both.
pub struct Automata {
    builtin: Option<Automaton>,
    runtime: Option<Automaton>,
    /// The run-time lexicons' automaton entries, for [`Automata::merged`].
    entries: Vec<(Vec<u8>, super::Terminal)>,
    /// The built-in trie with the run-time lexicons' spellings grafted on, so a block is
    /// read once.
    merged: OnceLock<Automaton>,
    /// Bytes searched so far by the two tries.
    searched: AtomicUsize,
}

/// Bytes two tries search before the rule set grafts them into one. Reading a block twice
/// costs ~90 M instructions per MB; the graft ~14 M and copies ~9 MB of arrays (page faults
/// too), which a one-page run should not pay.
const GRAFT_AFTER: usize = 256 * 1024;

impl std::fmt::Debug for Automata {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automata")
            .field("builtin", &self.builtin)
            .field("runtime", &self.runtime)
            .field("grafted", &self.merged.get().is_some())
            .finish()
    }
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
        let builtin = (!uses.is_empty()).then(|| builtin().mapped(slots, &uses));
        let runtime = (!entries.is_empty()).then(|| Automaton::new(slots, entries.clone()));
        Automata {
            entries: if builtin.is_some() && runtime.is_some() {
                entries
            } else {
                Vec::new()
            },
            builtin,
            runtime,
            merged: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }

    /// The one trie of both, when there are two; grafted now if it was not yet.
    pub fn merged(&self) -> Option<&Automaton> {
        let (Some(builtin), Some(_)) = (&self.builtin, &self.runtime) else {
            return None;
        };
        Some(
            self.merged
                .get_or_init(|| builtin.clone().grafted(self.entries.clone())),
        )
    }

    /// The one automaton to search with, if there is one now.
    fn one(&self, text: &str) -> Option<&Automaton> {
        match (&self.builtin, &self.runtime) {
            (Some(a), None) | (None, Some(a)) => Some(a),
            (None, None) => None,
            (Some(_), Some(_)) => {
                if let Some(m) = self.merged.get() {
                    return Some(m);
                }
                let before = self.searched.fetch_add(text.len(), Ordering::Relaxed);
                if before + text.len() > GRAFT_AFTER {
                    return self.merged();
                }
                None
            }
        }
    }

    /// Every match in `text`, as (slot, match), sorted by slot and then position (see
    /// [`Automaton::find`]).
    pub fn find(&self, text: &str) -> Vec<(u32, LexMatch)> {
        if let Some(a) = self.one(text) {
            return a.find(text);
        }
        let mut all = Vec::new();
        for a in self.builtin.iter().chain(&self.runtime) {
            all.extend(a.find(text));
        }
        all.sort_unstable_by_key(|m| (m.0, m.1.range.start));
        all
    }

    /// Every spelling that starts at `at` and ends by `limit` (see
    /// [`Automaton::spellings_at`]), in the order one automaton would give them.
    pub fn spellings_at(&self, text: &str, at: usize, limit: usize) -> Vec<(u32, u32, usize)> {
        if let Some(a) = self.merged.get() {
            return a.spellings_at(text, at, limit);
        }
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
