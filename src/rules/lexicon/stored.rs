//! An automaton as bytes, and one rule set's view of the automaton build.rs made.
//!
//! build.rs builds one automaton over the built-in lexicon files, one slot per file, and
//! writes its arrays as they are in memory (in the target's byte order) with
//! [`Automaton::to_bytes`]; the binary embeds them and [`Automaton::from_bytes`] uses them
//! in place, so startup neither folds, sorts nor links the ~46k spellings. A rule set's
//! lexicons are not the files: a lexicon can merge several files (`lexicons: [a, b]`) and a
//! file can serve several lexicons. [`Automaton::mapped`] rewrites the terminals for the
//! set (each file's onto the slots of the lexicons that use it, with their term and spelling
//! offsets), which is what building from the set's own spellings would give, and shares
//! the rest of the arrays.

use super::automaton::{Automaton, Edge, Ends, Node, Terminal};
use std::borrow::Cow;

/// Marks the bytes as an automaton of this layout.
const MAGIC: u32 = 0x434c_4101;

/// Types made of `u32` fields only, `repr(C)`: any aligned bytes of their size are a value.
///
/// # Safety
/// Implement only for `repr(C)` types of `WORDS` `u32` fields and no padding.
unsafe trait Words: Copy + 'static {
    const WORDS: usize;
    fn words(&self, out: &mut Vec<u32>);
    fn from_words(w: &[u32]) -> Self;
}

unsafe impl Words for u32 {
    const WORDS: usize = 1;
    fn words(&self, out: &mut Vec<u32>) {
        out.push(*self);
    }
    fn from_words(w: &[u32]) -> Self {
        w[0]
    }
}

unsafe impl Words for Node {
    const WORDS: usize = 3;
    fn words(&self, out: &mut Vec<u32>) {
        out.extend([self.first_edge, self.edge_count, self.ends]);
    }
    fn from_words(w: &[u32]) -> Self {
        Node {
            first_edge: w[0],
            edge_count: w[1],
            ends: w[2],
        }
    }
}

unsafe impl Words for Edge {
    const WORDS: usize = 2;
    fn words(&self, out: &mut Vec<u32>) {
        out.extend([self.byte, self.child]);
    }
    fn from_words(w: &[u32]) -> Self {
        Edge {
            byte: w[0],
            child: w[1],
        }
    }
}

unsafe impl Words for Ends {
    const WORDS: usize = 2;
    fn words(&self, out: &mut Vec<u32>) {
        out.extend([self.first, self.count]);
    }
    fn from_words(w: &[u32]) -> Self {
        Ends {
            first: w[0],
            count: w[1],
        }
    }
}

unsafe impl Words for Terminal {
    const WORDS: usize = 4;
    fn words(&self, out: &mut Vec<u32>) {
        out.extend([self.slot, self.term, self.order, self.flags]);
    }
    fn from_words(w: &[u32]) -> Self {
        Terminal {
            slot: w[0],
            term: w[1],
            order: w[2],
            flags: w[3],
        }
    }
}

/// `len` values of `T` from `bytes` at `*at`, borrowed when aligned.
fn array<T: Words>(bytes: &'static [u8], at: &mut usize, len: usize) -> Cow<'static, [T]> {
    const { assert!(std::mem::size_of::<T>() == 4 * T::WORDS) };
    let size = len * 4 * T::WORDS;
    let b = &bytes[*at..*at + size];
    *at += size;
    if (b.as_ptr() as usize) % std::mem::align_of::<T>() == 0 {
        // SAFETY: `T` is `repr(C)` of `u32`s only (`Words`), `b` is aligned for it and
        // holds `len` of them, written in this target's byte order by `to_bytes`.
        return Cow::Borrowed(unsafe { std::slice::from_raw_parts(b.as_ptr().cast::<T>(), len) });
    }
    let words: Vec<u32> = b
        .chunks_exact(4)
        .map(|w| u32::from_ne_bytes([w[0], w[1], w[2], w[3]]))
        .collect();
    Cow::Owned(words.chunks_exact(T::WORDS).map(T::from_words).collect())
}

/// One use of a file of the built-in automaton by a rule set's lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Use {
    /// The file's slot in the built-in automaton.
    pub file: u32,
    /// The lexicon's slot in the rule set.
    pub slot: u32,
    /// Where the file's terms start in the lexicon's.
    pub terms: u32,
    /// Where the file's spellings start in the lexicon's.
    pub spellings: u32,
}

impl Automaton {
    /// The arrays as bytes, in the byte order of a big-endian target or a little-endian one.
    pub fn to_bytes(&self, big_endian: bool) -> Vec<u8> {
        let mut words = vec![
            MAGIC,
            self.slots as u32,
            self.root.len() as u32,
            self.nodes.len() as u32,
            self.edges.len() as u32,
            self.ends.len() as u32,
            self.terminals.len() as u32,
            self.dense.len() as u32,
            self.dense_at.len() as u32,
        ];
        fn put<T: Words>(out: &mut Vec<u32>, items: &[T]) {
            for i in items {
                i.words(out);
            }
        }
        put(&mut words, &self.root);
        put(&mut words, &self.nodes);
        put(&mut words, &self.edges);
        put(&mut words, &self.ends);
        put(&mut words, &self.terminals);
        put(&mut words, &self.dense);
        put(&mut words, &self.dense_at);
        words
            .iter()
            .flat_map(|w| {
                if big_endian {
                    w.to_be_bytes()
                } else {
                    w.to_le_bytes()
                }
            })
            .collect()
    }

    /// The automaton that [`Automaton::to_bytes`] wrote for this target, its arrays
    /// borrowed from `bytes` (which should be aligned to 4 bytes; otherwise they are copied).
    pub fn from_bytes(bytes: &'static [u8]) -> Option<Automaton> {
        let word = |i: usize| -> Option<usize> {
            let w = bytes.get(4 * i..4 * i + 4)?;
            Some(u32::from_ne_bytes([w[0], w[1], w[2], w[3]]) as usize)
        };
        if word(0)? != MAGIC as usize {
            return None;
        }
        let lens: Vec<usize> = (2..9).map(word).collect::<Option<_>>()?;
        let need = 4
            * (9 + lens[0]
                + 3 * lens[1]
                + 2 * lens[2]
                + 2 * lens[3]
                + 4 * lens[4]
                + lens[5]
                + lens[6]);
        if bytes.len() != need || lens[0] != 256 {
            return None;
        }
        let mut at = 4 * 9;
        Some(Automaton {
            slots: word(1)?,
            root: array(bytes, &mut at, lens[0]),
            nodes: array(bytes, &mut at, lens[1]),
            edges: array(bytes, &mut at, lens[2]),
            ends: array(bytes, &mut at, lens[3]),
            terminals: array(bytes, &mut at, lens[4]),
            dense: array(bytes, &mut at, lens[5]),
            dense_at: array(bytes, &mut at, lens[6]),
        })
    }

    /// This automaton's terminals moved onto `slots` lexicons by `uses`: what
    /// [`Automaton::new`] makes of the spellings of the lexicons `uses` describes. The trie
    /// is shared; slots no use names drop out.
    pub fn mapped(&self, slots: usize, uses: &[Use]) -> Automaton {
        let mut by_file: Vec<Vec<Use>> = vec![Vec::new(); self.slots];
        for u in uses {
            by_file[u.file as usize].push(*u);
        }
        let mut ends = Vec::with_capacity(self.ends.len());
        let mut terminals: Vec<Terminal> = Vec::with_capacity(self.terminals.len());
        let mut here: Vec<Terminal> = Vec::new();
        for e in self.ends.iter() {
            here.clear();
            for t in &self.terminals[e.first as usize..(e.first + e.count) as usize] {
                for u in &by_file[t.slot as usize] {
                    here.push(Terminal {
                        slot: u.slot,
                        term: t.term + u.terms,
                        order: t.order + u.spellings,
                        ..*t
                    });
                }
            }
            // As `new` orders a node's terminals; of one spelling in two files merged into
            // one lexicon, only the first counts, as of one spelling listed twice.
            here.sort_unstable_by_key(|t| (t.order, t.slot));
            let first = terminals.len();
            for t in &here {
                if !terminals[first..].iter().any(|k| k.slot == t.slot) {
                    terminals.push(*t);
                }
            }
            ends.push(Ends {
                first: first as u32,
                count: (terminals.len() - first) as u32,
            });
        }
        Automaton {
            slots,
            root: self.root.clone(),
            nodes: self.nodes.clone(),
            edges: self.edges.clone(),
            ends: ends.into(),
            terminals: terminals.into(),
            dense: self.dense.clone(),
            dense_at: self.dense_at.clone(),
        }
    }
}

impl Automaton {
    /// This automaton with `entries` (folded spellings and what each one is, in slots none
    /// of its own terminals use) added: what [`Automaton::new`] makes of both, in one trie,
    /// so a block is read once. Its arrays are copied once; a parent that gains a child gets
    /// its edges moved to the end of `edges`, a node that gains a terminal its terminals to
    /// the end of `terminals`.
    pub fn grafted(mut self, mut entries: Vec<(Vec<u8>, Terminal)>) -> Automaton {
        entries.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.slot.cmp(&b.1.slot))
                .then(a.1.order.cmp(&b.1.order))
        });
        entries.dedup_by(|b, a| a.0 == b.0 && a.1.slot == b.1.slot);
        let mut slots: Vec<Terminal> = Vec::new();
        for (folded, terminal) in &entries {
            if folded.is_empty() {
                continue;
            }
            let mut node = 0u32;
            for &b in folded {
                node = match self.child(node, b) {
                    Some(c) => c,
                    None => self.add_child(node, b),
                };
            }
            let nodes = self.nodes.to_mut();
            let ends = self.ends.to_mut();
            let terminals = self.terminals.to_mut();
            slots.clear();
            let at = nodes[node as usize].ends;
            if at == u32::MAX {
                nodes[node as usize].ends = ends.len() as u32;
                ends.push(Ends::default());
            } else {
                let e = ends[at as usize];
                slots.extend_from_slice(&terminals[e.first as usize..(e.first + e.count) as usize]);
            }
            slots.push(*terminal);
            slots.sort_by_key(|t| (t.order, t.slot));
            ends[nodes[node as usize].ends as usize] = Ends {
                first: terminals.len() as u32,
                count: slots.len() as u32,
            };
            terminals.extend_from_slice(&slots);
        }
        self
    }

    /// A new child of `parent` for byte `b`, which it has none for.
    fn add_child(&mut self, parent: u32, b: u8) -> u32 {
        let nodes = self.nodes.to_mut();
        let child = nodes.len() as u32;
        nodes.push(Node {
            first_edge: 0,
            edge_count: 0,
            ends: u32::MAX,
        });
        self.dense_at.to_mut().push(u32::MAX);
        let p = nodes[parent as usize];
        let edges = self.edges.to_mut();
        let mut kids =
            edges[p.first_edge as usize..(p.first_edge + p.edge_count) as usize].to_vec();
        let at = kids.partition_point(|e| e.byte < b as u32);
        kids.insert(
            at,
            Edge {
                byte: b as u32,
                child,
            },
        );
        nodes[parent as usize].first_edge = edges.len() as u32;
        nodes[parent as usize].edge_count += 1;
        edges.extend_from_slice(&kids);
        if parent == 0 {
            self.root.to_mut()[b as usize] = child;
        } else if self.dense_at[parent as usize] != u32::MAX {
            let table = self.dense_at[parent as usize] as usize;
            self.dense.to_mut()[table + b as usize] = child;
        }
        child
    }
}
