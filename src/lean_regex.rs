//! The built-in scanners' regexes, compiled without the literal prefilter.
//!
//! The `regex` crate always works out a literal prefilter for a pattern (and, for a pattern
//! that starts with no literal, a "reverse inner" one). For the `(?i)` alternations of the
//! label and dose readers that was most of their compile time: a one-page run compiled ~30
//! of them on first use, ~115 M instructions, more than half of the whole process. The
//! texts they search are blocks and sentences, where the prefilter buys little (see
//! `rules::regex::compile_regex`, which does the same for rule files). The prefilter never
//! changes what matches, only how the search gets there.
//!
//! [`Regex`] wraps regex-automata's meta regex (the engine the `regex` crate wraps) built
//! with `auto_prefilter(false)`, with the few methods of `regex::Regex` these scanners use,
//! and the same results.

use std::ops::{Index, Range};

use regex_automata::meta;
use regex_automata::util::captures::Captures as Slots;

/// A compiled regex; see the module documentation.
#[derive(Clone, Debug)]
pub struct Regex(meta::Regex);

/// A match of a [`Regex`] in a haystack, as `regex::Match`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(haystack: &'h str, span: regex_automata::Span) -> Match<'h> {
        Match {
            haystack,
            start: span.start,
            end: span.end,
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The groups of a match, as `regex::Captures`.
#[derive(Clone, Debug)]
pub struct Captures<'h> {
    haystack: &'h str,
    slots: Slots,
}

impl<'h> Captures<'h> {
    /// Group `i`, if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.slots
            .get_group(i)
            .map(|span| Match::new(self.haystack, span))
    }

    /// The named group `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.slots
            .get_group_by_name(name)
            .map(|span| Match::new(self.haystack, span))
    }

    /// Every group, group 0 first, `None` for one that did not take part.
    pub fn iter(&self) -> impl Iterator<Item = Option<Match<'h>>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The number of groups, group 0 included.
    pub fn len(&self) -> usize {
        self.slots.group_len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Index<usize> for Captures<'_> {
    type Output = str;

    /// The text of group `i`; panics if it did not take part, as `regex::Captures`.
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

impl Regex {
    /// Compile `pattern` with the `regex` crate's syntax and limits, without a prefilter.
    pub fn new(pattern: &str) -> Result<Regex, Box<meta::BuildError>> {
        let config = meta::Config::new()
            .auto_prefilter(false)
            // No fully compiled DFA: building one for each small pattern cost a third of
            // the compile time, and the lazy DFA searches these short blocks as fast.
            .dfa(false)
            .nfa_size_limit(Some(10 * (1 << 20)))
            .hybrid_cache_capacity(2 * (1 << 20));
        meta::Regex::builder()
            .configure(config)
            .build(pattern)
            .map(Regex)
            .map_err(Box::new)
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.0.is_match(haystack)
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.0
            .find(haystack)
            .map(|m| Match::new(haystack, m.span()))
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.0
            .find_iter(haystack)
            .map(move |m| Match::new(haystack, m.span()))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let mut slots = self.0.create_captures();
        self.0.captures(haystack, &mut slots);
        slots.is_match().then_some(Captures { haystack, slots })
    }

    pub fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.0
            .captures_iter(haystack)
            .map(move |slots| Captures { haystack, slots })
    }
}

#[cfg(test)]
mod tests {
    use super::Regex;

    /// Every match and group span is the `regex` crate's, on texts with empty matches,
    /// optional groups, named groups and non-ASCII letters.
    #[test]
    fn matches_what_the_regex_crate_matches() {
        let patterns = [
            r"(?i)(?-u:\b)(take|chew)\s+(an?)?\s*(?P<n>[0-9]+)?",
            r"(?i)^\s*(?:for\s+)?((?:adults?|children)\b[^:;.]{0,80}?)\s*(?::|,)",
            r"x*",
            r"(?i)daily|per\s+day|/\s*day",
            r"\b\w+\b",
        ];
        let texts = [
            "",
            "Take 2 capsules daily. CHEW an 3 per day",
            "For adults: take one; children, chew a tablet / day",
            "xx yx  xxx",
            "Ärzte empfehlen ſ K déjà vu — 3 × täglich",
        ];
        for p in patterns {
            let ours = Regex::new(p).unwrap();
            let theirs = regex::Regex::new(p).unwrap();
            for t in texts {
                assert_eq!(ours.is_match(t), theirs.is_match(t), "{p} on {t:?}");
                let a: Vec<_> = ours.find_iter(t).map(|m| m.range()).collect();
                let b: Vec<_> = theirs.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(a, b, "{p} on {t:?}");
                assert_eq!(
                    ours.find(t).map(|m| m.as_str()),
                    theirs.find(t).map(|m| m.as_str())
                );
                let a: Vec<Vec<_>> = ours
                    .captures_iter(t)
                    .map(|c| (0..c.len()).map(|i| c.get(i).map(|m| m.range())).collect())
                    .collect();
                let b: Vec<Vec<_>> = theirs
                    .captures_iter(t)
                    .map(|c| (0..c.len()).map(|i| c.get(i).map(|m| m.range())).collect())
                    .collect();
                assert_eq!(a, b, "{p} on {t:?}");
                let a = ours.captures(t).map(|c| c.name("n").map(|m| m.range()));
                let b = theirs.captures(t).map(|c| c.name("n").map(|m| m.range()));
                assert_eq!(a, b, "{p} on {t:?}");
            }
        }
    }
}
