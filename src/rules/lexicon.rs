//! Term lists compiled into one aho-corasick automaton each.
//!
//! Matching is ASCII case-insensitive, whole words only (checked in code around each match,
//! which keeps the automaton a plain DFA and fast on non-ASCII text), longest match first, and
//! accepts a plural `s`/`es` after any term. Straight and curly apostrophes are
//! interchangeable.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum TermEntry {
    /// `- hypertension`
    Bare(String),
    /// `- term: hypertension ...`
    Full(Term),
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
    automaton: Option<AhoCorasick>,
    /// For each automaton pattern, the entry it belongs to.
    pattern_term: Vec<usize>,
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
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .map_err(|e| format!("lexicon `{name}` cannot be compiled: {e}"))?,
            )
        };
        Ok(Lexicon {
            name: name.to_string(),
            terms,
            automaton,
            pattern_term,
        })
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
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            // Boundaries matter only where the term itself starts or ends with a word
            // character: "-lowering" may follow "cholesterol" directly.
            let starts_word = text[m.start()..].chars().next().is_some_and(is_word_char);
            if starts_word && !word_boundary_before(text, m.start()) {
                continue;
            }
            let ends_word = text[..m.end()]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            let end = if ends_word {
                match word_end(text, m.end()) {
                    Some(end) => end,
                    None => continue,
                }
            } else {
                m.end()
            };
            out.push(LexMatch {
                range: m.start()..end,
                term: self.pattern_term[m.pattern().as_usize()],
            });
        }
        out
    }

    /// Whether any term occurs in `text` as a whole word.
    pub fn is_match(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
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

    #[test]
    fn empty_term_is_an_error() {
        let err = Lexicon::new("x", vec![TermEntry::Bare(" ".into()).into_term()]).unwrap_err();
        assert!(err.contains("empty term"));
    }
}
