//! One trie over the spellings of every lexicon, walked once at each place a term can start.
//!
//! A rule set puts all its lexicons in one automaton, so a block of text is read once for
//! every term of every lexicon, and each match comes back tagged with its lexicon's slot.
//! Per lexicon the result is what a search of that lexicon alone would give: at each place
//! a term can start (a word's first character, or punctuation a term starts with), the
//! longest of its spellings that ends on a word boundary (a plural `s`/`es` allowed); the
//! next try for that lexicon is after the match.

use super::LexMatch;
use super::spelling::{Stream, bracketed_letter, is_ignorable, is_word_char, word_char_before};
use std::borrow::Cow;

/// What ends at a trie node: a spelling of one term of one lexicon.
///
/// `repr(C)` and all `u32`, like [`Node`] and [`Edge`], so build.rs can store the arrays
/// as they are in memory and the binary can use them in place (see `stored.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct Terminal {
    /// The lexicon's slot in the automaton.
    pub slot: u32,
    /// The entry in that lexicon.
    pub term: u32,
    /// The spelling's index in its lexicon: of two spellings with the same end, the first
    /// listed wins.
    pub order: u32,
    pub(super) flags: u32,
}

const STARTS_WORD: u32 = 1;
const ENDS_WORD: u32 = 2;
const UPPERCASE: u32 = 4;

impl Terminal {
    /// A terminal for a spelling; `uppercase` when the term only counts in capitals.
    pub fn new(slot: u32, term: u32, order: u32, spelling: &str, uppercase: bool) -> Terminal {
        let mut flags = 0;
        if spelling.trim().chars().next().is_some_and(is_word_char) {
            flags |= STARTS_WORD;
        }
        if spelling
            .trim()
            .chars()
            .next_back()
            .is_some_and(is_word_char)
        {
            flags |= ENDS_WORD;
        }
        if uppercase {
            flags |= UPPERCASE;
        }
        Terminal {
            slot,
            term,
            order,
            flags,
        }
    }
}

/// A trie node: its children, and the terminals that end at it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C)]
pub(super) struct Node {
    pub(super) first_edge: u32,
    pub(super) edge_count: u32,
    /// Its entry in [`Automaton::ends`], or `u32::MAX` when nothing ends here.
    pub(super) ends: u32,
}

/// A link from a node to a child.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C)]
pub(super) struct Edge {
    pub(super) byte: u32,
    pub(super) child: u32,
}

/// Where a node's terminals are in [`Automaton::terminals`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C)]
pub(super) struct Ends {
    pub(super) first: u32,
    pub(super) count: u32,
}

/// The merged trie.
///
/// Its arrays are borrowed from the binary for the automaton build.rs made of the
/// built-in lexicons, owned otherwise.
#[derive(Clone, PartialEq, Eq)]
pub struct Automaton {
    pub(super) slots: usize,
    /// The child of the root for each first byte; 0 for none (256 entries).
    pub(super) root: Cow<'static, [u32]>,
    pub(super) nodes: Cow<'static, [Node]>,
    /// Children of every node, sorted by byte within each node's slice.
    pub(super) edges: Cow<'static, [Edge]>,
    /// Per node with terminals, where they are; a rule set that maps the built-in
    /// automaton's lexicons onto its own replaces these two arrays only.
    pub(super) ends: Cow<'static, [Ends]>,
    /// Within each node, in order of their spelling's index and then of their slot.
    pub(super) terminals: Cow<'static, [Terminal]>,
    /// For nodes with many children, their children by byte: 256 entries from
    /// `dense_at[node]`, 0 for none. Near the root most nodes have dozens of children, and a
    /// table there replaces a binary search on most steps of most walks.
    pub(super) dense: Cow<'static, [u32]>,
    /// Per node, where its table starts in `dense`, or `u32::MAX`.
    pub(super) dense_at: Cow<'static, [u32]>,
}

/// What [`Automaton::find`] keeps per slot while it reads a block, kept between calls so
/// that a block costs no allocation but its result.
#[derive(Default)]
struct Scratch {
    /// Per slot, where its next match may start.
    resume: Vec<usize>,
    /// (slot, raw end, match end, term, order) of the best spelling per lexicon here.
    here: Vec<(u32, usize, usize, u32, u32)>,
    /// Per slot, its entry in `here`, or u32::MAX.
    slot_here: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Nodes with more children than this get a table (see [`Automaton::dense`]).
const DENSE_FROM: u32 = 4;

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automaton")
            .field("slots", &self.slots)
            .field("nodes", &self.nodes.len())
            .field("terminals", &self.terminals.len())
            .field("tables", &(self.dense.len() / 256))
            .finish()
    }
}

impl Automaton {
    /// Build from folded spellings and what each one is, for `slots` lexicons.
    pub fn new(slots: usize, mut entries: Vec<(Vec<u8>, Terminal)>) -> Automaton {
        // Sorted, a spelling shares the nodes of its common prefix with the one before it;
        // of one spelling listed twice in a lexicon only the first counts.
        entries.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.slot.cmp(&b.1.slot))
                .then(a.1.order.cmp(&b.1.order))
        });
        entries.dedup_by(|b, a| a.0 == b.0 && a.1.slot == b.1.slot);
        let mut count = 1usize;
        let mut links: Vec<(u32, u8, u32)> = Vec::new();
        let mut node_terminals: Vec<(u32, Terminal)> = Vec::new();
        let mut path: Vec<u32> = vec![0];
        let mut previous: &[u8] = &[];
        for (folded, terminal) in &entries {
            if folded.is_empty() {
                continue;
            }
            let common = folded
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            path.truncate(common + 1);
            for &b in &folded[common..] {
                let child = count as u32;
                count += 1;
                links.push((*path.last().expect("root"), b, child));
                path.push(child);
            }
            node_terminals.push((*path.last().expect("root"), *terminal));
            previous = folded;
        }
        // Children were created in byte order under each parent, so a counting sort by
        // parent keeps them in order (a comparison sort of the ~300k links cost more than
        // the rest of the build).
        let mut nodes = vec![
            Node {
                ends: u32::MAX,
                ..Node::default()
            };
            count
        ];
        let mut root = vec![0u32; 256];
        for &(parent, _, _) in &links {
            nodes[parent as usize].edge_count += 1;
        }
        let mut at = 0u32;
        for n in nodes.iter_mut() {
            n.first_edge = at;
            at += n.edge_count;
        }
        let mut filled = vec![0u32; count];
        let mut edges = vec![Edge::default(); links.len()];
        for &(parent, b, child) in &links {
            let n = &nodes[parent as usize];
            edges[(n.first_edge + filled[parent as usize]) as usize] = Edge {
                byte: b as u32,
                child,
            };
            filled[parent as usize] += 1;
            if parent == 0 {
                root[b as usize] = child;
            }
        }
        node_terminals.sort_unstable_by_key(|t| (t.0, t.1.order, t.1.slot));
        let mut terminals = Vec::with_capacity(node_terminals.len());
        let mut ends: Vec<Ends> = Vec::new();
        for (k, (node, t)) in node_terminals.into_iter().enumerate() {
            let n = &mut nodes[node as usize];
            if n.ends == u32::MAX {
                n.ends = ends.len() as u32;
                ends.push(Ends {
                    first: k as u32,
                    count: 0,
                });
            }
            ends[n.ends as usize].count += 1;
            terminals.push(t);
        }
        let mut dense = Vec::new();
        let mut dense_at = vec![u32::MAX; nodes.len()];
        for (i, n) in nodes.iter().enumerate() {
            if i == 0 || n.edge_count <= DENSE_FROM {
                continue;
            }
            dense_at[i] = dense.len() as u32;
            let base = dense.len();
            dense.resize(base + 256, 0);
            for e in &edges[n.first_edge as usize..(n.first_edge + n.edge_count) as usize] {
                dense[base + e.byte as usize] = e.child;
            }
        }
        Automaton {
            slots,
            root: root.into(),
            nodes: nodes.into(),
            edges: edges.into(),
            ends: ends.into(),
            terminals: terminals.into(),
            dense: dense.into(),
            dense_at: dense_at.into(),
        }
    }

    /// Number of lexicons.
    pub fn slots(&self) -> usize {
        self.slots
    }

    #[inline]
    pub(super) fn child(&self, node: u32, b: u8) -> Option<u32> {
        if node == 0 {
            let c = self.root[b as usize];
            return (c != 0).then_some(c);
        }
        let at = self.dense_at[node as usize];
        if at != u32::MAX {
            let c = self.dense[at as usize + b as usize];
            return (c != 0).then_some(c);
        }
        let n = &self.nodes[node as usize];
        let kids = &self.edges[n.first_edge as usize..(n.first_edge + n.edge_count) as usize];
        let b = b as u32;
        if kids.len() <= 8 {
            kids.iter().find(|e| e.byte == b).map(|e| e.child)
        } else {
            kids.binary_search_by_key(&b, |e| e.byte)
                .ok()
                .map(|i| kids[i].child)
        }
    }

    fn terminals(&self, node: u32) -> &[Terminal] {
        let at = self.nodes[node as usize].ends;
        if at == u32::MAX {
            return &[];
        }
        let e = self.ends[at as usize];
        &self.terminals[e.first as usize..(e.first + e.count) as usize]
    }

    /// Every match in `text`, as (slot, match), sorted by slot and then position.
    pub fn find(&self, text: &str) -> Vec<(u32, LexMatch)> {
        SCRATCH.with_borrow_mut(|scratch| self.find_with(text, scratch))
    }

    fn find_with(&self, text: &str, scratch: &mut Scratch) -> Vec<(u32, LexMatch)> {
        let mut out: Vec<(u32, LexMatch)> = Vec::new();
        let Scratch {
            resume,
            here,
            slot_here,
        } = scratch;
        resume.clear();
        resume.resize(self.slots, 0);
        here.clear();
        slot_here.clear();
        slot_here.resize(self.slots, u32::MAX);
        let bytes = text.as_bytes();
        let mut prev_word = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII first: inside a word nothing starts, and elsewhere only a byte the root
            // has a child for can.
            if b < 0x80 {
                let word = b.is_ascii_alphanumeric();
                let starts = !(word && prev_word);
                prev_word = word;
                let first = match b {
                    b'\t' | b'\n' | b'\r' => b' ',
                    b'[' => bracketed_letter(text, i).map_or(b, |l| l.to_ascii_lowercase()),
                    _ => b.to_ascii_lowercase(),
                };
                if !starts || self.root[first as usize] == 0 {
                    i += 1;
                    continue;
                }
            }
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or('\u{fffd}');
                (c, c.len_utf8())
            };
            if b >= 0x80 {
                if is_ignorable(c) {
                    i += len;
                    continue;
                }
                let word = is_word_char(c);
                let candidate = !(word && prev_word);
                prev_word = word;
                if !candidate {
                    i += len;
                    continue;
                }
            }
            let mut stream = Stream::new(text, i);
            let Some(first) = stream.next() else { break };
            let Some(mut node) = self.child(0, first.byte) else {
                i += len;
                continue;
            };
            here.clear();
            let mut step = first;
            loop {
                // Every terminal of a node ends where the others do, so whether its
                // boundaries hold depends on its flags alone: a common word is a terminal of
                // dozens of lexicons.
                let mut accepted = [None::<Option<usize>>; 8];
                for t in self.terminals(node) {
                    if i < resume[t.slot as usize] {
                        continue;
                    }
                    let Some(end) = *accepted[t.flags as usize & 7]
                        .get_or_insert_with(|| accept(text, i, step.next, t))
                    else {
                        continue;
                    };
                    let at = slot_here[t.slot as usize];
                    if at == u32::MAX {
                        slot_here[t.slot as usize] = here.len() as u32;
                        here.push((t.slot, step.next, end, t.term, t.order));
                    } else {
                        let h = &mut here[at as usize];
                        // Terminals come in order of their end: a later one is longer.
                        if h.1 != step.next {
                            *h = (t.slot, step.next, end, t.term, t.order);
                        }
                    }
                }
                // Nothing longer can match: do not read on (a space costs most to read).
                if self.nodes[node as usize].edge_count == 0 {
                    break;
                }
                let Some(next) = stream.next() else { break };
                match self.child(node, next.byte) {
                    Some(n) => node = n,
                    None => break,
                }
                step = next;
            }
            for &(slot, _, end, term, _) in here.iter() {
                slot_here[slot as usize] = u32::MAX;
                resume[slot as usize] = end;
                out.push((
                    slot,
                    LexMatch {
                        range: i..end,
                        term: term as usize,
                    },
                ));
            }
            i += len;
        }
        out.sort_unstable_by_key(|m| (m.0, m.1.range.start));
        out
    }
}

impl Automaton {
    /// Every spelling that starts at `at` and ends by `limit`, whatever comes before or
    /// after it: (slot, term, end). For words run together, as in hashtags and domain names
    /// ("#lupuswarrior", "cancertea.com"), where no word boundary marks a term. A spelling
    /// that needs capitals is one only where it is written in capitals in text that is not.
    pub fn spellings_at(&self, text: &str, at: usize, limit: usize) -> Vec<(u32, u32, usize)> {
        self.spellings_in_order(text, at, limit)
            .into_iter()
            .map(|(slot, term, end, _)| (slot, term, end))
            .collect()
    }

    /// [`Automaton::spellings_at`] with each spelling's index: (slot, term, end, order), in
    /// order of (end, order, slot).
    pub(super) fn spellings_in_order(
        &self,
        text: &str,
        at: usize,
        limit: usize,
    ) -> Vec<(u32, u32, usize, u32)> {
        let mut out = Vec::new();
        let mut stream = Stream::new(&text[..limit], at);
        let Some(first) = stream.next() else {
            return out;
        };
        let Some(mut node) = self.child(0, first.byte) else {
            return out;
        };
        let mut step = first;
        loop {
            for t in self.terminals(node) {
                // A spelling that needs capitals counts where it is written in them
                // ("#BeatSAD"); the caller checks the text around it.
                if t.flags & UPPERCASE == 0 || in_capitals(text, at, step.next) {
                    out.push((t.slot, t.term, step.next, t.order));
                }
            }
            let Some(next) = stream.next() else { break };
            match self.child(node, next.byte) {
                Some(n) => node = n,
                None => break,
            }
            step = next;
        }
        out
    }
}

/// The end of a match of terminal `t` over `start..raw_end`, if its boundaries hold.
pub(super) fn accept(text: &str, start: usize, raw_end: usize, t: &Terminal) -> Option<usize> {
    if t.flags & STARTS_WORD != 0 && word_char_before(text, start) {
        return None;
    }
    let end = if t.flags & ENDS_WORD != 0 {
        word_end(text, raw_end)?
    } else {
        raw_end
    };
    if t.flags & UPPERCASE != 0 && !in_capitals(text, start, end) {
        return None;
    }
    Some(end)
}

/// Whether the words at `start..end` are written in capitals in text that is not all
/// capitals ("MS" in running text; not "ms", nor "ADD TO CART").
pub fn in_capitals(text: &str, start: usize, end: usize) -> bool {
    let word = &text.as_bytes()[start..end];
    if !word.iter().any(u8::is_ascii_uppercase) || word.iter().any(u8::is_ascii_lowercase) {
        return false;
    }
    let mut lo = start.saturating_sub(60);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let mut hi = (end + 60).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    text[lo..start]
        .bytes()
        .chain(text[end..hi].bytes())
        .any(|b| b.is_ascii_lowercase())
}

/// Whether the text from `at` (past invisible characters) starts with a word character.
fn word_follows(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .find(|&c| !is_ignorable(c))
        .is_some_and(is_word_char)
}

/// The end of a match after an optional plural suffix, if the match ends on a word boundary.
fn word_end(text: &str, end: usize) -> Option<usize> {
    if !word_follows(text, end) {
        return Some(end);
    }
    let rest = &text[end..];
    // "es" only after a sibilant (ulcer-s, rash-es), so "hiv" never reads "hives".
    let sibilant = text.as_bytes()[..end]
        .last()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b's' | b'x' | b'z' | b'h'));
    for suffix in ["s", "es", "’s", "'s"] {
        if suffix == "es" && !sibilant {
            continue;
        }
        if rest
            .as_bytes()
            .get(..suffix.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(suffix.as_bytes()))
            && !word_follows(text, end + suffix.len())
        {
            return Some(end + suffix.len());
        }
    }
    None
}
