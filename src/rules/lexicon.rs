//! Term lists compiled into one trie each, found through a word index of the text.
//!
//! Matching is ASCII case-insensitive, whole words only, longest match first, and accepts a
//! plural `s`/`es` after any term. Straight and curly apostrophes are interchangeable.
//!
//! A match starts where a word starts (or at the punctuation a term starts with: "(ref)",
//! "-lowering"). Each block is tokenised once ([`Candidates`]): every word is hashed and
//! looked up in one table of the first words of every lexicon's terms ([`Vocabulary`]), and
//! each lexicon then walks its trie only at the words that can start one of its terms. There
//! the longest spelling wins; if it does not end at a word boundary it is dropped, and the
//! next try is after it. The tests compare this with a brute-force search on random text.
//!
//! History: this module first ran one Aho-Corasick automaton per lexicon over every block
//! (30 MB/s per lexicon, more than parsing cost for twenty lexicons), then a word index that
//! reproduced that automaton exactly, including its quirk that a dropped match starting
//! inside a word ("heart dis" in "sweetheart disease") hides any match it overlaps
//! ("disease"). Emulating the quirk took 40% of the tokenising time and it only ever hid
//! real matches, so it went.

use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

/// One lexicon entry as written in YAML: a term, its aliases, and what can replace it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The canonical term, lowercase.
    pub term: String,
    /// Other spellings, abbreviations and lay names that mean the same.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Compliant wording to suggest instead, when there is one.
    #[serde(default)]
    pub replacement: Option<String>,
    /// Words that, shortly before the term, make it an acceptable natural-state condition
    /// (`occasional` constipation).
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// For claim words: how many words may stand between this word and its target.
    #[serde(default)]
    pub window: Option<usize>,
    /// For claim words: the verb to name in messages ("prevent" for "prevention of").
    #[serde(default)]
    pub means: Option<String>,
}

/// A lexicon entry written either as a bare string or as a full [`Term`].
///
/// Deserialized by hand: serde's `untagged` buffers every entry and tries each variant in
/// turn, which was a sixth of a one-file run's instructions (most of the time reading the
/// built-in lexicons), and its error ("did not match any variant") named neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermEntry {
    /// `- hypertension`
    Bare(String),
    /// `- term: hypertension ...`
    Full(Term),
}

impl<'de> Deserialize<'de> for TermEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = TermEntry;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a term, or a map with `term:` and optional `aliases:`")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<TermEntry, E> {
                Ok(TermEntry::Bare(v.to_string()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<TermEntry, E> {
                Ok(TermEntry::Bare(v))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<TermEntry, A::Error> {
                Term::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(TermEntry::Full)
            }
        }
        d.deserialize_any(Entry)
    }
}

impl TermEntry {
    /// The entry as a full term.
    pub fn into_term(self) -> Term {
        match self {
            TermEntry::Bare(term) => Term {
                term,
                aliases: Vec::new(),
                replacement: None,
                qualifiers: Vec::new(),
                window: None,
                means: None,
            },
            TermEntry::Full(t) => t,
        }
    }
}

/// A lexicon file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// The lexicon's name, referenced by rules as `{lexicon: NAME}`.
    pub lexicon: String,
    /// One line on what it holds.
    #[serde(default)]
    pub description: Option<String>,
    /// The entries.
    pub terms: Vec<TermEntry>,
}

/// A match of a lexicon term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Byte range in the text (including a plural suffix).
    pub range: Range<usize>,
    /// Index of the matched entry in [`Lexicon::terms`].
    pub term: usize,
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Its name.
    pub name: String,
    /// The entries, canonical terms first.
    pub terms: Vec<Term>,
    /// Every spelling: terms, aliases, apostrophe variants.
    spellings: Vec<String>,
    /// The spellings as a trie, built the first time a text has a word one of them starts
    /// with: a run over a short page never needs most of the big lexicons' tries, and
    /// building them all took a fifth of the startup.
    trie: std::sync::OnceLock<Trie>,
    /// For each spelling, the entry it belongs to.
    pattern_term: Vec<usize>,
    /// Where this lexicon's terms can start, for [`Lexicon::find_all`]; built on first use,
    /// since a [`RuleSet`](super::RuleSet) indexes all its lexicons in one vocabulary.
    vocabulary: std::sync::OnceLock<Vocabulary>,
}

/// Whether `c` continues a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn word_boundary_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// The end of a match after an optional plural suffix, if the match ends on a word boundary.
fn word_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let ok = |s: &str| s.chars().next().is_none_or(|c| !is_word_char(c));
    if ok(rest) {
        return Some(end);
    }
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
            && ok(&rest[suffix.len()..])
        {
            return Some(end + suffix.len());
        }
    }
    None
}

impl Lexicon {
    /// Compile `terms`; errors name the offending term.
    pub fn new(name: &str, terms: Vec<Term>) -> Result<Lexicon, String> {
        let mut patterns = Vec::new();
        let mut pattern_term = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            for spelling in std::iter::once(&t.term).chain(&t.aliases) {
                let s = spelling.trim();
                if s.is_empty() {
                    return Err(format!("lexicon `{name}` has an empty term"));
                }
                patterns.push(s.to_string());
                pattern_term.push(i);
                if s.contains('\'') {
                    patterns.push(s.replace('\'', "’"));
                    pattern_term.push(i);
                }
            }
        }
        Ok(Lexicon {
            name: name.to_string(),
            terms,
            spellings: patterns,
            trie: std::sync::OnceLock::new(),
            pattern_term,
            vocabulary: std::sync::OnceLock::new(),
        })
    }

    /// The spellings the lexicon matches (terms, aliases, apostrophe variants).
    pub fn spellings(&self) -> &[String] {
        &self.spellings
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every whole-word match in `text`, in order, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<LexMatch> {
        let vocabulary = self
            .vocabulary
            .get_or_init(|| Vocabulary::new(std::iter::once(self.spellings())));
        let candidates = Candidates::new(vocabulary, text);
        self.find_at(text, &candidates, 0)
    }

    /// Every whole-word match in `text`, given its candidates from a vocabulary in which this
    /// lexicon is number `slot`.
    ///
    /// A term is tried where a word starts (or at the punctuation it starts with); of the
    /// spellings that start there, the longest is taken, and the next try is after its end.
    /// A longest spelling that does not end at a word boundary ("gout" in "goutish") is
    /// dropped, and nothing inside it is tried either.
    pub fn find_at(&self, text: &str, candidates: &Candidates, slot: usize) -> Vec<LexMatch> {
        let bit = 1u64 << slot;
        let mut out = Vec::new();
        if candidates.any & bit == 0 {
            return out;
        }
        let bytes = text.as_bytes();
        let mut resume = 0;
        for c in &candidates.list {
            if c.starts & bit == 0 || c.start < resume {
                continue;
            }
            let trie = self.trie.get_or_init(|| Trie::new(&self.spellings));
            if let Some((pattern, end)) = trie.longest_at(bytes, c.start) {
                resume = end;
                if let Some(m) = self.accept(text, c.start, end, pattern) {
                    out.push(m);
                }
            }
        }
        out
    }

    /// The boundary checks around a match of spelling `pattern` at `start..end`.
    fn accept(&self, text: &str, start: usize, end: usize, pattern: usize) -> Option<LexMatch> {
        // Boundaries matter only where the term itself starts or ends with a word
        // character: "-lowering" may follow "cholesterol" directly.
        let starts_word = text[start..].chars().next().is_some_and(is_word_char);
        if starts_word && !word_boundary_before(text, start) {
            return None;
        }
        let ends_word = text[..end].chars().next_back().is_some_and(is_word_char);
        let end = if ends_word { word_end(text, end)? } else { end };
        Some(LexMatch {
            range: start..end,
            term: self.pattern_term[pattern],
        })
    }

    /// Whether any term occurs in `text` as a whole word.
    pub fn is_match(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
    }
}

/// Lowercase an ASCII byte; other bytes stay as they are (case folding is ASCII only).
fn fold(b: u8) -> u8 {
    b.to_ascii_lowercase()
}

const NO_PATTERN: u32 = u32::MAX;

/// A byte trie of case-folded spellings: finds the longest spelling that starts at a position.
#[derive(Clone)]
struct Trie {
    patterns: usize,
    /// The child of the root for each first byte; 0 for none (the root is nobody's child).
    root: Box<[u32; 256]>,
    nodes: Vec<TrieNode>,
    /// Children of every node, sorted by byte within each node's slice.
    edges: Vec<(u8, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct TrieNode {
    first_edge: u32,
    edge_count: u32,
    /// The first spelling that ends here, or `NO_PATTERN`.
    pattern: u32,
}

impl Trie {
    fn new(kept: &[String]) -> Trie {
        let folded: Vec<Vec<u8>> = kept.iter().map(|p| p.bytes().map(fold).collect()).collect();
        // Insert in sorted order, so a spelling shares the nodes of its common prefix with
        // the one before it and nothing needs looking up; of two identical spellings the
        // first one added (the lower index) is the one reported.
        let mut order: Vec<usize> = (0..kept.len()).collect();
        order.sort_unstable_by(|&a, &b| folded[a].cmp(&folded[b]).then(a.cmp(&b)));
        let mut ends: Vec<u32> = vec![NO_PATTERN];
        // (parent, byte, child), grouped by parent below.
        let mut links: Vec<(u32, u8, u32)> = Vec::new();
        let mut path: Vec<u32> = vec![0];
        let mut previous: &[u8] = &[];
        for &i in &order {
            let p = &folded[i];
            let common = p.iter().zip(previous).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &b in &p[common..] {
                let child = ends.len() as u32;
                ends.push(NO_PATTERN);
                links.push((*path.last().expect("root"), b, child));
                path.push(child);
            }
            let node = *path.last().expect("root") as usize;
            if ends[node] == NO_PATTERN {
                ends[node] = i as u32;
            }
            previous = p;
        }
        // Children were created in byte order under each parent.
        links.sort_by_key(|l| l.0);
        let mut root = Box::new([0u32; 256]);
        let mut nodes: Vec<TrieNode> = ends
            .iter()
            .map(|&pattern| TrieNode {
                first_edge: 0,
                edge_count: 0,
                pattern,
            })
            .collect();
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
        Trie {
            patterns: kept.len(),
            root,
            nodes,
            edges,
        }
    }

    fn child(&self, node: u32, b: u8) -> Option<u32> {
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

    /// The longest spelling at `at`: its index and where it ends.
    fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut node = self.root[fold(*text.get(at)?) as usize];
        if node == 0 {
            return None;
        }
        let mut best = None;
        let mut i = at + 1;
        loop {
            let pattern = self.nodes[node as usize].pattern;
            if pattern != NO_PATTERN {
                best = Some((pattern as usize, i));
            }
            let Some(&b) = text.get(i) else { break };
            match self.child(node, fold(b)) {
                Some(next) => node = next,
                None => break,
            }
            i += 1;
        }
        best
    }
}

impl std::fmt::Debug for Trie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Trie")
            .field("patterns", &self.patterns)
            .field("nodes", &self.nodes.len())
            .finish()
    }
}

/// FNV-1a over case-folded bytes, for word lookups.
#[derive(Clone, Copy)]
struct WordHash(u64);

impl WordHash {
    const START: WordHash = WordHash(0xcbf2_9ce4_8422_2325);

    fn push(self, b: u8) -> WordHash {
        self.push_folded(fold(b))
    }

    fn push_folded(self, folded: u8) -> WordHash {
        WordHash((self.0 ^ u64::from(folded)).wrapping_mul(0x0100_0000_01b3))
    }

    /// The final key, mixed so that its low bits are as good as its high ones.
    fn key(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }

    fn of(bytes: &[u8]) -> WordHash {
        bytes.iter().fold(WordHash::START, |h, &b| h.push(b))
    }
}

/// An open-addressing table from word hashes to lexicon bits: one probe for most words,
/// which a general-purpose map made several times slower on the hot path.
#[derive(Clone)]
struct WordTable {
    /// (key, bits); key 0 marks an empty slot.
    slots: Vec<(u64, u64)>,
}

impl WordTable {
    fn new(entries: &HashMap<u64, u64>) -> WordTable {
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u64, 0u64); size];
        for (&key, &bits) in entries {
            let key = key.max(1);
            let mut i = key as usize & (size - 1);
            while slots[i].0 != 0 && slots[i].0 != key {
                i = (i + 1) & (size - 1);
            }
            slots[i].0 = key;
            slots[i].1 |= bits;
        }
        WordTable { slots }
    }

    fn get(&self, key: u64) -> u64 {
        let key = key.max(1);
        let size = self.slots.len();
        let mut i = key as usize & (size - 1);
        loop {
            let (k, bits) = self.slots[i];
            if k == key {
                return bits;
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & (size - 1);
        }
    }
}

/// How many lexicons one [`Vocabulary`] can index (one bit each in a `u64`).
pub const VOCABULARY_SLOTS: usize = 64;

/// Where the terms of up to 64 lexicons can start, as one table for a single pass over a text.
///
/// For lexicon number `slot`, bit `1 << slot` is set on the first word (a run of word
/// characters, case-folded) of each of its terms that starts with a word character, and on
/// the first byte of each term that starts with anything else.
#[derive(Clone)]
pub struct Vocabulary {
    first_words: WordTable,
    first_bytes: Box<[u64; 256]>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary")
            .field("first_words", &self.first_words.slots.len())
            .finish()
    }
}

/// The length of the leading run of word characters in `s`.
fn first_word_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(s.len(), |(i, _)| i)
}

impl Vocabulary {
    /// Index the spellings of each lexicon, the n-th list in slot n (at most 64 lists).
    pub fn new<'a>(lexicons: impl Iterator<Item = &'a [String]>) -> Vocabulary {
        let mut first_words: HashMap<u64, u64> = HashMap::new();
        let mut first_bytes = Box::new([0u64; 256]);
        for (slot, spellings) in lexicons.enumerate().take(VOCABULARY_SLOTS) {
            let bit = 1u64 << slot;
            for s in spellings {
                let n = first_word_len(s);
                if n == 0 {
                    if let Some(&b) = s.as_bytes().first() {
                        first_bytes[fold(b) as usize] |= bit;
                        first_bytes[b as usize] |= bit;
                    }
                    continue;
                }
                let word = &s.as_bytes()[..n];
                *first_words.entry(WordHash::of(word).key()).or_default() |= bit;
            }
        }
        Vocabulary {
            first_words: WordTable::new(&first_words),
            first_bytes,
        }
    }

    fn starting(&self, h: WordHash) -> u64 {
        self.first_words.get(h.key())
    }
}

/// [`ASCII_WORD`] for an ASCII byte that is not a word character.
const NOT_WORD: u8 = 0;
/// [`ASCII_WORD`] for a byte that starts or continues a multi-byte character.
const NON_ASCII: u8 = 0xFF;

/// Per byte: an ASCII letter or digit, lowercased; [`NOT_WORD`] for other ASCII;
/// [`NON_ASCII`] for the bytes of other characters, which need decoding.
static ASCII_WORD: [u8; 256] = {
    let mut t = [NOT_WORD; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            NOT_WORD
        };
        b += 1;
    }
    t
};

/// A place in a text where terms of some lexicons can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offset of the word (or of the punctuation).
    pub start: usize,
    /// End of the word.
    pub end: usize,
    /// Lexicons (by vocabulary slot) with a term that can start at `start`.
    pub starts: u64,
}

/// The candidates of one text for one [`Vocabulary`], in order.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    list: Vec<Candidate>,
    /// The lexicons any candidate is for: a lexicon with no bit here has nothing to find.
    any: u64,
}

impl Candidates {
    /// How many places terms can start at.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether no term can start anywhere.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Tokenise `text` once and look every word up.
    pub fn new(vocabulary: &Vocabulary, text: &str) -> Candidates {
        let bytes = text.as_bytes();
        let mut list = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (c, len) = if b < 0x80 {
                (b as char, 1)
            } else {
                let c = text[i..].chars().next().unwrap_or('\u{fffd}');
                (c, c.len_utf8())
            };
            if !is_word_char(c) {
                let starts = vocabulary.first_bytes[b as usize];
                if starts != 0 {
                    list.push(Candidate {
                        start: i,
                        end: i + len,
                        starts,
                    });
                }
                i += len;
                continue;
            }
            // A word: hash it, and the word without a final "s" or "es" (a plural).
            let start = i;
            let (mut h, mut h1, mut h2) = (WordHash::START, WordHash::START, WordHash::START);
            while i < bytes.len() {
                let b = bytes[i];
                let class = ASCII_WORD[b as usize];
                if class == NOT_WORD {
                    break;
                }
                if class != NON_ASCII {
                    (h2, h1, h) = (h1, h, h.push_folded(class));
                    i += 1;
                    continue;
                }
                let c = text[i..].chars().next().unwrap_or('\u{fffd}');
                if !is_word_char(c) {
                    break;
                }
                for &b in &bytes[i..i + c.len_utf8()] {
                    (h2, h1, h) = (h1, h, h.push(b));
                }
                i += c.len_utf8();
            }
            let word = &bytes[start..i];
            let mut starts = vocabulary.starting(h);
            if let [.., last] = word
                && fold(*last) == b's'
            {
                starts |= vocabulary.starting(h1);
                if word.len() > 2 && fold(word[word.len() - 2]) == b'e' {
                    starts |= vocabulary.starting(h2);
                }
            }
            if starts != 0 {
                list.push(Candidate {
                    start,
                    end: i,
                    starts,
                });
            }
        }
        let any = list.iter().fold(0, |a, c| a | c.starts);
        Candidates { list, any }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(terms: &[&str]) -> Lexicon {
        Lexicon::new(
            "t",
            terms
                .iter()
                .map(|t| TermEntry::Bare(t.to_string()).into_term())
                .collect(),
        )
        .unwrap()
    }

    fn found<'a>(l: &Lexicon, text: &'a str) -> Vec<&'a str> {
        l.find_all(text)
            .into_iter()
            .map(|m| &text[m.range])
            .collect()
    }

    #[test]
    fn whole_words_case_insensitive_longest_first() {
        let l = lex(&["blood pressure", "high blood pressure", "gout"]);
        assert_eq!(
            found(
                &l,
                "Lowers HIGH blood pressure and Gout; not yogout or goutish."
            ),
            ["HIGH blood pressure", "Gout"]
        );
    }

    #[test]
    fn plurals_and_apostrophes() {
        let l = lex(&["migraine", "alzheimer's disease", "ulcer", "rash", "hiv"]);
        assert_eq!(
            found(
                &l,
                "migraines, Alzheimer’s disease and ulcers, rashes, hives"
            ),
            ["migraines", "Alzheimer’s disease", "ulcers", "rashes"]
        );
    }

    #[test]
    fn non_ascii_text_around_matches() {
        let l = lex(&["eczema"]);
        assert_eq!(found(&l, "—eczema™ and éeczema"), ["eczema"]);
    }

    #[test]
    fn multibyte_text_after_a_term_does_not_panic() {
        let l = lex(&["magnesium"]);
        assert!(found(&l, "magnesium\u{2014}x magnesium® magnesium’").len() == 3);
    }

    /// What [`Lexicon::find_all`] must return, by brute force: at every place a term may
    /// start (a word's first character, or any other character) that is not inside the last
    /// spelling tried, the longest spelling there, ASCII-case-insensitive, through the same
    /// boundary checks.
    fn reference(l: &Lexicon) -> impl Fn(&str) -> Vec<LexMatch> + '_ {
        let folded: Vec<Vec<u8>> = l
            .spellings()
            .iter()
            .map(|s| s.bytes().map(fold).collect())
            .collect();
        move |text| {
            let bytes = text.as_bytes();
            let mut out = Vec::new();
            let mut resume = 0;
            for (i, c) in text.char_indices() {
                if i < resume || (is_word_char(c) && !word_boundary_before(text, i)) {
                    continue;
                }
                let longest = folded
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| {
                        bytes.len() - i >= s.len()
                            && bytes[i..i + s.len()]
                                .iter()
                                .zip(*s)
                                .all(|(&a, &b)| fold(a) == b)
                    })
                    .max_by_key(|(k, s)| (s.len(), std::cmp::Reverse(*k)));
                if let Some((k, s)) = longest {
                    resume = i + s.len();
                    out.extend(l.accept(text, i, i + s.len(), k));
                }
            }
            out
        }
    }

    #[test]
    fn no_match_inside_a_word_hides_one_after_it() {
        let l = lex(&["heart dis", "disease", "blood pressure", "pressure"]);
        assert_eq!(
            found(&l, "sweetheart disease; lifeblood pressure"),
            ["disease", "pressure"]
        );
    }

    /// Random text from `pieces`, glued with spaces, punctuation, word fragments that make
    /// terms start or end inside words, plural endings and non-ASCII letters.
    fn random_text(seed: &mut u64, pieces: &[&str], words: usize) -> String {
        const GLUE: &[&str] = &[
            " ", " ", " ", ", ", ". ", "-", "(", ")", "’", "'", "s ", "es ", "’s ", "x", "art",
            "he", "é", "—", "™ ", "  ", "\u{2014}", "[", "]", "1", "hear", "ss",
        ];
        let mut next = || {
            *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = *seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as usize
        };
        let mut out = String::new();
        for _ in 0..words {
            if next() % 3 == 0 {
                out.push_str(GLUE[next() % GLUE.len()]);
            }
            let p = pieces[next() % pieces.len()];
            match next() % 4 {
                0 => out.push_str(&p.to_ascii_uppercase()),
                1 if p.len() > 2 => {
                    let mut half = p.len() / 2;
                    while !p.is_char_boundary(half) {
                        half -= 1;
                    }
                    out.push_str(&p[..half]);
                }
                _ => out.push_str(p),
            }
            out.push_str(GLUE[next() % GLUE.len()]);
        }
        out
    }

    #[test]
    fn word_index_matches_brute_force_on_tricky_text() {
        let l = Lexicon::new(
            "t",
            [
                "art disease",
                "disease",
                "gout",
                "heart dis",
                "(ref)",
                "-lowering",
                "cholesterol",
                "alzheimer's disease",
                "hiv",
                "rash",
                "ulcer",
                "high blood pressure",
                "blood pressure",
                "a b",
                "ab",
                "disease",
                "é b",
                "[1]",
                "s, x",
            ]
            .iter()
            .map(|t| TermEntry::Bare(t.to_string()).into_term())
            .collect(),
        )
        .unwrap();
        let pieces = [
            "heart",
            "disease",
            "art",
            "gout",
            "goutish",
            "high",
            "blood",
            "pressure",
            "ref",
            "lowering",
            "cholesterol",
            "alzheimer",
            "hiv",
            "hives",
            "rash",
            "ulcer",
            "a",
            "b",
            "ab",
            "abs",
            "dis",
            "é",
            "sweetheart",
            "1",
            "s",
            "x",
        ];
        let reference = reference(&l);
        let mut seed = 1;
        for _ in 0..20_000 {
            let text = random_text(&mut seed, &pieces, 12);
            assert_eq!(l.find_all(&text), reference(&text), "{text:?}");
        }
    }

    #[test]
    fn word_index_matches_brute_force_for_the_builtin_lexicons() {
        let set = crate::rules::RuleSet::builtin().unwrap();
        let shared = Vocabulary::new(set.lexicons.iter().map(Lexicon::spellings));
        let page = include_str!("../../fixtures/pages/magnesium-glycinate.txt");
        let mut seed = 7;
        for (slot, l) in set.lexicons.iter().enumerate() {
            let mut pieces: Vec<&str> = l.spellings().iter().map(String::as_str).collect();
            pieces.extend(["the", "and", "supports", "heart", "art", "s"]);
            let reference = reference(l);
            for i in 0..300 {
                let text = if i == 0 {
                    page.to_string()
                } else {
                    random_text(&mut seed, &pieces, 10)
                };
                let expected = reference(&text);
                assert_eq!(l.find_all(&text), expected, "{}: {text:?}", l.name);
                let candidates = Candidates::new(&shared, &text);
                assert_eq!(l.find_at(&text, &candidates, slot), expected, "{}", l.name);
            }
        }
    }

    #[test]
    fn entries_are_bare_strings_or_full_terms_and_errors_say_which_field() {
        let entries: Vec<TermEntry> = crate::yaml::from_str(
            "- gout\n- term: high blood pressure\n  aliases: [hypertension]\n",
        )
        .unwrap();
        assert_eq!(entries[0], TermEntry::Bare("gout".into()));
        let TermEntry::Full(t) = &entries[1] else {
            panic!("{entries:?}")
        };
        assert_eq!(
            (t.term.as_str(), t.aliases.len()),
            ("high blood pressure", 1)
        );
        let err =
            crate::yaml::from_str::<Vec<TermEntry>>("- term: gout\n  alias: [x]\n").unwrap_err();
        assert!(
            err.message.contains("unknown field `alias`"),
            "{}",
            err.message
        );
        let err = crate::yaml::from_str::<Vec<TermEntry>>("- [gout]\n").unwrap_err();
        assert!(err.message.contains("a term, or a map"), "{}", err.message);
    }

    #[test]
    fn empty_term_is_an_error() {
        let err = Lexicon::new("x", vec![TermEntry::Bare(" ".into()).into_term()]).unwrap_err();
        assert!(err.contains("empty term"));
    }
}
