//! Compiling a rule pack: lexicons compiled on demand as rules name them, data files, and
//! the regexes of the file being compiled.

use super::lexicon::{Lexicon, Term, TermEntry};
use super::regex::{alternation, compile_alternation, compile_regex};
use super::{LexId, RuleRegex, SourceFile, TermSource, dose};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Compiles lexicons on demand while rules are loaded.
pub struct Compiler {
    pub(super) lexicon_files: HashMap<String, (Vec<Term>, SourceFile)>,
    pub(super) additions: BTreeMap<String, Vec<Term>>,
    pub(super) lexicons: Vec<Lexicon>,
    pub(super) by_name: HashMap<String, LexId>,
    pub(super) data_files: HashMap<String, SourceFile>,
    /// Nutrient tables already loaded, by their path in the pack: the dose rules that share
    /// a table share one copy of it (and its readings of each document, see [`Context`]).
    pub(crate) tables: HashMap<String, dose::SharedTable>,
    /// Whether the file being compiled is a built-in one (see [`RuleRegex`]).
    pub(super) builtin_file: bool,
}

impl Compiler {
    /// A regular expression of the file being compiled.
    pub fn regex(&self, pattern: &str) -> Result<RuleRegex, (String, String)> {
        let compiled = OnceLock::new();
        if !self.builtin_file {
            let _ = compiled.set(compile_regex(pattern)?);
        }
        Ok(RuleRegex {
            pattern: pattern.to_string(),
            compiled,
        })
    }

    /// The alternation of `patterns` (see [`compile_alternation`]), as one regex.
    pub fn alternation(&self, patterns: &[String]) -> Result<RuleRegex, (String, String)> {
        let compiled = OnceLock::new();
        if !self.builtin_file {
            let _ = compiled.set(compile_alternation(patterns)?);
        }
        Ok(RuleRegex {
            pattern: alternation(patterns),
            compiled,
        })
    }

    /// Resolve a term source to a compiled lexicon.
    pub fn terms(&mut self, src: &TermSource, what: &str) -> Result<LexId, String> {
        let mut terms = Vec::new();
        if let Some(name) = &src.lexicon {
            if src.terms.is_empty() {
                return self.named(name);
            }
            let id = self.named(name)?;
            terms.extend(self.lexicons[id.0].terms.clone());
        }
        terms.extend(src.terms.iter().cloned().map(TermEntry::into_term));
        if terms.is_empty() {
            return Err(format!(
                "`{what}` has no terms: name a lexicon or list terms"
            ));
        }
        let lex = Lexicon::new(what, terms)?;
        self.lexicons.push(lex);
        Ok(LexId(self.lexicons.len() - 1))
    }

    /// Resolve an optional term source.
    pub fn optional(
        &mut self,
        src: &Option<TermSource>,
        what: &str,
    ) -> Result<Option<LexId>, String> {
        src.as_ref().map(|s| self.terms(s, what)).transpose()
    }

    fn named(&mut self, name: &str) -> Result<LexId, String> {
        if let Some(id) = self.by_name.get(name) {
            return Ok(*id);
        }
        let Some((terms, _)) = self.lexicon_files.get(name) else {
            let mut known: Vec<_> = self.lexicon_files.keys().cloned().collect();
            known.sort();
            return Err(format!(
                "no lexicon named `{name}` (known: {})",
                known.join(", ")
            ));
        };
        let mut terms = terms.clone();
        terms.extend(self.additions.get(name).cloned().unwrap_or_default());
        if terms.is_empty() {
            return Err(format!("lexicon `{name}` is empty"));
        }
        let lex = Lexicon::new(name, terms)?;
        self.lexicons.push(lex);
        let id = LexId(self.lexicons.len() - 1);
        self.by_name.insert(name.to_string(), id);
        Ok(id)
    }

    /// Add a lexicon compiled elsewhere under a unique key; the same key gives the same id.
    pub fn register(&mut self, key: &str, lexicon: Lexicon) -> LexId {
        if let Some(id) = self.by_name.get(key) {
            return *id;
        }
        self.lexicons.push(lexicon);
        let id = LexId(self.lexicons.len() - 1);
        self.by_name.insert(key.to_string(), id);
        id
    }

    /// A data file (e.g. `data/nutrients.yaml`) from the packs, by its path in the pack.
    pub fn data_file(&self, rel: &str) -> Option<&SourceFile> {
        self.data_files.get(rel)
    }
}
