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

/// What ends at a trie node: a spelling of one term of one lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// The lexicon's slot in the automaton.
    pub slot: u32,
    /// The entry in that lexicon.
    pub term: u32,
    /// The spelling's index in its lexicon: of two spellings with the same end, the first
    /// listed wins.
    pub order: u32,
    flags: u8,
}

const STARTS_WORD: u8 = 1;
const ENDS_WORD: u8 = 2;
const UPPERCASE: u8 = 4;

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

#[derive(Debug, Clone, Copy, Default)]
struct Node {
    first_edge: u32,
    edge_count: u32,
    first_terminal: u32,
    terminal_count: u32,
}

/// The merged trie.
#[derive(Clone)]
pub struct Automaton {
    slots: usize,
    /// The child of the root for each first byte; 0 for none.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// Children of every node, sorted by byte within each node's slice.
    edges: Vec<(u8, u32)>,
    terminals: Vec<Terminal>,
    /// For nodes with many children, their children by byte: 256 entries from
    /// `dense_at[node]`, 0 for none. Near the root most nodes have dozens of children, and a
    /// table there replaces a binary search on most steps of most walks.
    dense: Vec<u32>,
    /// Per node, where its table starts in `dense`, or `u32::MAX`.
    dense_at: Vec<u32>,
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
        // Children were created in byte order under each parent.
        links.sort_by_key(|l| l.0);
        let mut nodes = vec![Node::default(); count];
        let mut root = Box::new([0u32; 256]);
        let mut edges = Vec::with_capacity(links.len());
        for (k, &(parent, b, child)) in links.iter().enumerate() {
            let n = &mut nodes[parent as usize];
            if n.edge_count == 0 {
                n.first_edge = k as u32;
            }
            n.edge_count += 1;
            edges.push((b, child));
            if parent == 0 {
                root[b as usize] = child;
            }
        }
        node_terminals.sort_by_key(|t| (t.0, t.1.order));
        let mut terminals = Vec::with_capacity(node_terminals.len());
        for (k, (node, t)) in node_terminals.into_iter().enumerate() {
            let n = &mut nodes[node as usize];
            if n.terminal_count == 0 {
                n.first_terminal = k as u32;
            }
            n.terminal_count += 1;
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
            for &(b, child) in &edges[n.first_edge as usize..(n.first_edge + n.edge_count) as usize]
            {
                dense[base + b as usize] = child;
            }
        }
        Automaton {
            slots,
            root,
            nodes,
            edges,
            terminals,
            dense,
            dense_at,
        }
    }

    /// Number of lexicons.
    pub fn slots(&self) -> usize {
        self.slots
    }

    #[inline]
    fn child(&self, node: u32, b: u8) -> Option<u32> {
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
        if kids.len() <= 8 {
            kids.iter().find(|e| e.0 == b).map(|e| e.1)
        } else {
            kids.binary_search_by_key(&b, |e| e.0)
                .ok()
                .map(|i| kids[i].1)
        }
    }

    fn terminals(&self, node: u32) -> &[Terminal] {
        let n = &self.nodes[node as usize];
        &self.terminals[n.first_terminal as usize..(n.first_terminal + n.terminal_count) as usize]
    }

    /// Every match in `text`, as (slot, match), sorted by slot and then position.
    pub fn find(&self, text: &str) -> Vec<(u32, LexMatch)> {
        let mut out: Vec<(u32, LexMatch)> = Vec::new();
        let mut resume = vec![0usize; self.slots];
        // (slot, raw end, match end, term, order) of the best spelling per lexicon here.
        let mut here: Vec<(u32, usize, usize, u32, u32)> = Vec::new();
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
                for t in self.terminals(node) {
                    if i < resume[t.slot as usize] {
                        continue;
                    }
                    let Some(end) = accept(text, i, step.next, t) else {
                        continue;
                    };
                    match here.iter_mut().find(|h| h.0 == t.slot) {
                        // Terminals come in order of their end: a later one is longer.
                        Some(h) if h.1 == step.next => {}
                        Some(h) => *h = (t.slot, step.next, end, t.term, t.order),
                        None => here.push((t.slot, step.next, end, t.term, t.order)),
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
            for &(slot, _, end, term, _) in &here {
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
        out.sort_by_key(|m| (m.0, m.1.range.start));
        out
    }
}

impl Automaton {
    /// Every spelling that starts at `at` and ends by `limit`, whatever comes before or
    /// after it: (slot, term, end). For words run together, as in hashtags and domain names
    /// ("#lupuswarrior", "cancertea.com"), where no word boundary marks a term.
    pub fn spellings_at(&self, text: &str, at: usize, limit: usize) -> Vec<(u32, u32, usize)> {
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
                if t.flags & UPPERCASE == 0 {
                    out.push((t.slot, t.term, step.next));
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
