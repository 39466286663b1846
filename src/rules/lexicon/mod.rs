//! Term lists, matched as whole words through one automaton for a whole rule set.
//!
//! Matching is ASCII case-insensitive, whole words only, longest match first, and accepts a
//! plural `s`/`es` after any term; spaces and hyphens between words are optional
//! ("post-partum", "postpartum"), apostrophes straight or curly, and the spelling variants
//! of [`spelling::variants`] come for free. A [`RuleSet`](super::RuleSet) searches the
//! spellings of every lexicon it has with its [`Automata`], so each block of a document is
//! read once for all of them (see [`super::Context`]): the [`Automaton`] build.rs made of
//! the built-in lexicon files, mapped onto the set's lexicons, and one built at run time for
//! the others. [`Lexicon::find_all`] searches one lexicon on its own, with the same result.
//!
//! History: this module first ran one Aho-Corasick automaton per lexicon over every block,
//! then a word index that looked each word up in a table of the lexicons' first words and
//! walked one trie per lexicon there. Both read a block once per lexicon that had a
//! candidate; neither could skip a hyphen inside a term.

mod automaton;
mod misspell;
mod packed;
#[cfg(test)]
mod packed_write;
mod prebuilt;
pub mod spelling;
mod stored;
#[cfg(test)]
mod tests;

pub use automaton::{Automaton, Terminal, in_capitals};
pub use prebuilt::{Automata, Part, builtin};
pub use spelling::{Inflect, is_word_char};

use serde::Deserialize;
use std::ops::Range;
use std::sync::OnceLock;

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
    /// The ICD-10-CM code or category the entry comes from, when it has one.
    #[serde(default)]
    pub code: Option<String>,
    /// Conditions the context must meet for the term to count (see [`Need`]).
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Where the entry comes from, when its lexicon cites sources per entry.
    #[serde(default)]
    pub source: Option<String>,
    /// How to inflect the spellings (default: the lexicon's `inflect`, or none).
    #[serde(default)]
    pub inflect: Option<Inflect>,
    /// Whether to match common misspellings too (default: the lexicon's `misspell`).
    #[serde(default)]
    pub misspell: Option<bool>,
    /// The spelling variants build.rs made for a built-in lexicon's term: the options it
    /// made them with, and one list for the term and each alias. Used only while the
    /// options and the spellings are still the ones they were made for.
    #[serde(default, rename = "_variants")]
    pub variants: Option<Variants>,
    /// For a term of a built-in lexicon file, whose variants build.rs keeps apart from the
    /// file (see [`prebuilt::variants`]): the file's slot in the built-in automaton and the
    /// term's index in the file.
    #[serde(skip)]
    pub builtin_at: Option<(u32, u32)>,
}

/// Spelling variants made by build.rs: the options they were made with, and one list for
/// the term and each alias.
pub type Variants = (Inflect, bool, Vec<Vec<String>>);

impl Term {
    /// The variants build.rs made for this term, if it made any.
    pub fn made_variants(&self) -> Option<&Variants> {
        self.variants
            .as_ref()
            .or_else(|| self.builtin_at.and_then(|(f, i)| prebuilt::variants(f, i)))
    }
}

/// A condition on the context of a term that is also ordinary English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Need {
    /// It counts only where a claim word ties it to the product ("fights colds"), never as
    /// a mention on its own ("cold water", "a stroke of luck").
    Claim,
    /// An acronym that counts only in capitals, in text that is not all capitals ("MS",
    /// not "ms" or "ADD TO CART").
    Uppercase,
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
    Full(Box<Term>),
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
                    .map(|t| TermEntry::Full(Box::new(t)))
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
                code: None,
                needs: Vec::new(),
                source: None,
                inflect: None,
                misspell: None,
                variants: None,
                builtin_at: None,
            },
            TermEntry::Full(t) => *t,
        }
    }
}

/// A lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// The lexicon's name, referenced by rules as `{lexicon: NAME}`.
    pub lexicon: String,
    /// One line on what it holds.
    #[serde(default)]
    pub description: Option<String>,
    /// The source and version the lexicon was generated or curated from.
    #[serde(default)]
    pub source: Option<String>,
    /// How its entries' spellings are inflected, unless an entry says otherwise.
    #[serde(default)]
    pub inflect: Option<Inflect>,
    /// Whether its entries match common misspellings, unless an entry says otherwise.
    #[serde(default)]
    pub misspell: Option<bool>,
    /// The entries.
    pub terms: Vec<TermEntry>,
}

impl LexiconFile {
    /// Read a lexicon file: a built-in one from the packed form build.rs made of it (see
    /// [`packed`]), any other from its YAML.
    pub fn read(text: &str) -> Result<LexiconFile, crate::yaml::YamlError> {
        if let Some(file) = crate::yaml::packed_lexicon(text).and_then(packed::unpack) {
            return Ok(file);
        }
        crate::yaml::from_str(text)
    }

    /// Its entries as terms, with the file's options where they have none; `builtin` is the
    /// file's slot in the built-in automaton when it is a built-in file as build.rs read it.
    pub fn into_terms(self, builtin: Option<u32>) -> Vec<Term> {
        let (inflect, misspell) = (self.inflect, self.misspell);
        self.terms
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let mut t = t.into_term();
                t.inflect = t.inflect.or(inflect);
                t.misspell = t.misspell.or(misspell);
                t.builtin_at = builtin.map(|f| (f, i as u32));
                t
            })
            .collect()
    }
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
#[derive(Debug)]
pub struct Lexicon {
    /// Its name.
    pub name: String,
    /// The entries, canonical terms first.
    pub terms: Vec<Term>,
    /// Every spelling (terms, aliases, generated variants) and the entry it belongs to;
    /// made on first use for a lexicon of built-in files, whose spellings are in the
    /// automaton build.rs made.
    spellings: OnceLock<Vec<(String, usize)>>,
    /// The built-in files it is made of, for a lexicon made of nothing else (see
    /// [`prebuilt`]); empty for the others.
    parts: Vec<Part>,
    /// The lexicon alone, for [`Lexicon::find_all`]; built on first use, since a rule set
    /// searches all its lexicons through one automaton.
    alone: OnceLock<Automaton>,
}

impl Clone for Lexicon {
    fn clone(&self) -> Lexicon {
        Lexicon {
            name: self.name.clone(),
            terms: self.terms.clone(),
            spellings: self.spellings.clone(),
            parts: self.parts.clone(),
            alone: OnceLock::new(),
        }
    }
}

impl Lexicon {
    /// Compile `terms`; errors name the offending term.
    pub fn new(name: &str, terms: Vec<Term>) -> Result<Lexicon, String> {
        let spellings = spellings_of(name, &terms)?;
        Ok(Lexicon {
            name: name.to_string(),
            terms,
            spellings: OnceLock::from(spellings),
            parts: Vec::new(),
            alone: OnceLock::new(),
        })
    }

    /// A lexicon of the terms of built-in lexicon files, which `parts` places in the
    /// automaton build.rs made; its spellings are made only if something asks for them.
    pub fn prebuilt(name: &str, terms: Vec<Term>, parts: Vec<Part>) -> Result<Lexicon, String> {
        for t in &terms {
            for spelling in std::iter::once(&t.term).chain(&t.aliases) {
                if is_empty_spelling(spelling) {
                    return Err(format!("lexicon `{name}` has an empty term"));
                }
            }
        }
        Ok(Lexicon {
            name: name.to_string(),
            terms,
            spellings: OnceLock::new(),
            parts,
            alone: OnceLock::new(),
        })
    }

    /// The built-in files it is made of (see [`Lexicon::prebuilt`]); empty when it was
    /// compiled at run time.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    fn spelling_list(&self) -> &[(String, usize)] {
        self.spellings.get_or_init(|| {
            spellings_of(&self.name, &self.terms).expect("checked when it was made")
        })
    }

    /// Every spelling the lexicon matches: terms, aliases and their generated variants.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        self.spelling_list().iter().map(|(s, _)| s.as_str())
    }

    /// Number of spellings.
    pub fn spelling_count(&self) -> usize {
        self.spelling_list().len()
    }

    /// This lexicon's spellings as automaton entries in `slot`.
    pub fn entries(&self, slot: u32) -> impl Iterator<Item = (Vec<u8>, Terminal)> + '_ {
        self.spelling_list()
            .iter()
            .enumerate()
            .map(move |(order, (s, term))| {
                let upper = self.terms[*term].needs.contains(&Need::Uppercase);
                (
                    spelling::fold(s),
                    Terminal::new(slot, *term as u32, order as u32, s, upper),
                )
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
        self.alone
            .get_or_init(|| Automaton::new(1, self.entries(0).collect()))
            .find(text)
            .into_iter()
            .map(|(_, m)| m)
            .collect()
    }

    /// Whether any term occurs in `text` as a whole word.
    pub fn is_match(&self, text: &str) -> bool {
        !self.find_all(text).is_empty()
    }
}

/// Whether `spelling` has nothing to match once trimmed and normalised. Nearly every
/// spelling starts with an ASCII letter or digit, which the stream gives out as it is: only
/// the others are trimmed and read (every start checks the ~10k built-in terms and their
/// aliases).
fn is_empty_spelling(spelling: &str) -> bool {
    if spelling
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    spelling::Stream::new(spelling.trim(), 0).next().is_none()
}

/// Every spelling of `terms` (terms, aliases, generated variants) and the entry it belongs
/// to, in order; an error for an empty term.
fn spellings_of(name: &str, terms: &[Term]) -> Result<Vec<(String, usize)>, String> {
    let mut spellings = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        let inflect = t.inflect.unwrap_or(Inflect::None);
        let misspell = t.misspell.unwrap_or(false);
        let made = t
            .made_variants()
            .filter(|(i, m, lists)| {
                *i == inflect && *m == misspell && lists.len() == 1 + t.aliases.len()
            })
            .map(|v| &v.2);
        for (k, spelling) in std::iter::once(&t.term).chain(&t.aliases).enumerate() {
            let s = spelling.trim();
            if is_empty_spelling(s) {
                return Err(format!("lexicon `{name}` has an empty term"));
            }
            spellings.push((s.to_string(), i));
            match made {
                Some(lists) => spellings.extend(lists[k].iter().map(|v| (v.clone(), i))),
                None => {
                    for v in spelling::variants_with(&s.to_lowercase(), inflect, misspell) {
                        spellings.push((v, i));
                    }
                }
            }
        }
    }
    Ok(spellings)
}

/// One automaton over `lexicons`, each in the slot of its index, built from their
/// spellings (a rule set uses [`Automata`], which gives the same matches).
pub fn automaton(lexicons: &[Lexicon]) -> Automaton {
    let entries = lexicons
        .iter()
        .enumerate()
        .flat_map(|(slot, l)| l.entries(slot as u32))
        .collect();
    Automaton::new(lexicons.len(), entries)
}
