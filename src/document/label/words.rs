//! A small set of words looked for in text ignoring ASCII case, used to rule out most lines
//! and sentences of a page before any pattern runs.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::OnceLock;

/// A set of words (lowercase ASCII) looked for in text ignoring ASCII case, anywhere (not
/// only at word starts).
///
/// One pass of an Aho-Corasick DFA over the bytes, built the first time the set is used.
/// It was a byte loop that compared every word wherever one's first letter stood: the first
/// letters of these sets (`a`, `o`, `t`, `h`, `p`, ...) stand almost everywhere, and the
/// loop was an eighth of a run's instructions.
pub struct Words {
    words: &'static [&'static str],
    automaton: OnceLock<AhoCorasick>,
}

impl Words {
    /// The set of `words`; each must be lowercase ASCII and not empty, at most 64 of them.
    pub const fn new(words: &'static [&'static str]) -> Words {
        assert!(words.len() <= 64);
        Words {
            words,
            automaton: OnceLock::new(),
        }
    }

    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(self.words)
                .expect("a few short words make a small automaton")
        })
    }

    /// Which of the words `text` holds, as bits (bit `i` for the `i`th word).
    pub fn found(&self, text: &str) -> u64 {
        let mut out = 0u64;
        for m in self.automaton().find_overlapping_iter(text) {
            out |= 1 << m.pattern().as_usize();
        }
        out
    }

    /// Whether `text` holds any of the words.
    pub fn any(&self, text: &str) -> bool {
        self.automaton().is_match(text)
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    /// The byte loop `Words` replaced: every word compared wherever its first letter stands.
    fn found_by_loop(words: &[&str], text: &str) -> u64 {
        let bytes = text.as_bytes();
        let mut out = 0u64;
        for i in 0..bytes.len() {
            for (k, w) in words.iter().enumerate() {
                let w = w.as_bytes();
                if bytes.len() - i >= w.len() && bytes[i..i + w.len()].eq_ignore_ascii_case(w) {
                    out |= 1 << k;
                }
            }
        }
        out
    }

    #[test]
    fn words_are_found_as_the_byte_loop_found_them() {
        static SETS: [Words; 3] = [
            Words::new(&["one ", "two ", "a day", "an ", "half", "once"]),
            Words::new(&["exceed", "up to", "no more than", "max "]),
            Words::new(&["contain", "contains", "has ", "suppl", "a", "aa"]),
        ];
        let lists: [&[&str]; 3] = [
            &["one ", "two ", "a day", "an ", "half", "once"],
            &["exceed", "up to", "no more than", "max "],
            &["contain", "contains", "has ", "suppl", "a", "aa"],
        ];
        let pieces = [
            "One ",
            "TWO ",
            "a DAY",
            "an",
            " ",
            "Half",
            "onc",
            "e",
            "EXCEED",
            "up",
            " to",
            "No ",
            "more than",
            "MAX ",
            "max",
            "Contains",
            "has",
            "SUPPL",
            "aaa",
            "é",
            "½",
            "—",
            "\n",
            "x",
            "K",
            "ſ",
        ];
        for text in crate::testing::random_texts(&pieces, 0x9e37_79b9_7f4a_7c15, 4000, |_, s| s % 9)
        {
            for (set, list) in SETS.iter().zip(lists) {
                let expected = found_by_loop(list, &text);
                assert_eq!(set.found(&text), expected, "{text:?}");
                assert_eq!(set.any(&text), expected != 0, "{text:?}");
            }
        }
    }
}
