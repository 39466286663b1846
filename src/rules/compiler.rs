//! Compiling rule files: lexicons by name, data files, regexes, and each rule's typed kind.

use super::lexicon::{Lexicon, Part, Term, TermEntry};
use super::panel;
use super::regex::{alternation, compile_alternation, compile_regex};
use super::{
    KINDS, KindProbe, LexId, LoadError, Rule, RuleKind, RuleRegex, SourceFile, claim, dose,
    health_claim, mention, pattern, reference, register, required, statement,
};
use crate::yaml;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// Where a rule's terms come from: a named lexicon, inline terms, or both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSource {
    /// A lexicon by name (`conditions`).
    #[serde(default)]
    pub lexicon: Option<String>,
    /// Several lexicons by name, searched as one (`[conditions, icd10cm]`).
    #[serde(default)]
    pub lexicons: Vec<String>,
    /// Inline terms.
    #[serde(default)]
    pub terms: Vec<TermEntry>,
}

/// Where the terms of a lexicon made of built-in files only are in the automaton build.rs
/// made (see [`crate::yaml::builtin_lexicon`]), and its number of spellings.
#[derive(Debug, Clone)]
pub struct BuiltinTerms {
    /// Its files, in the order their terms come.
    pub parts: Vec<Part>,
    /// How many spellings they have.
    pub spellings: u32,
}

/// Compiles lexicons on demand while rules are loaded.
pub struct Compiler {
    /// Lexicons by name: their files' terms, the first file, and where the terms are in the
    /// built-in automaton when they are exactly those of built-in files.
    pub(super) lexicon_files: HashMap<String, (Vec<Term>, SourceFile, Option<BuiltinTerms>)>,
    /// Lexicons whose terms were moved out of `lexicon_files` into a compiled lexicon
    /// instead of copied (the three big disease lexicons are only used merged): that
    /// lexicon, and where the terms (with the config's additions) are in it.
    pub(super) moved: HashMap<String, (LexId, std::ops::Range<usize>)>,
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
        let compiled = if self.builtin_file {
            None
        } else {
            Some(compile_regex(pattern)?)
        };
        Ok(RuleRegex::new(pattern.to_string(), compiled))
    }

    /// The alternation of `patterns` (see [`compile_alternation`]), as one regex.
    pub fn alternation(&self, patterns: &[String]) -> Result<RuleRegex, (String, String)> {
        let compiled = if self.builtin_file {
            None
        } else {
            Some(compile_alternation(patterns)?)
        };
        Ok(RuleRegex::new(alternation(patterns), compiled))
    }

    /// Resolve a term source to a compiled lexicon.
    pub fn terms(&mut self, src: &TermSource, what: &str) -> Result<LexId, String> {
        let mut terms = Vec::new();
        if !src.lexicons.is_empty() {
            if src.lexicon.is_some() {
                return Err("give either `lexicon` or `lexicons`, not both".into());
            }
            let key = format!("lexicons:{}", src.lexicons.join("+"));
            if src.terms.is_empty()
                && let Some(id) = self.by_name.get(&key)
            {
                return Ok(*id);
            }
            // Made of built-in files only, it is found through the built-in automaton.
            let mut parts = Some(Vec::new());
            let mut spellings = 0;
            let mut taken = Vec::new();
            // Each lexicon's terms, joined once their number is known: growing one vector
            // copied the 7,340 terms of `icd10cm` and more at every start.
            let mut pieces = Vec::new();
            let mut count = 0;
            for name in &src.lexicons {
                let once = src.lexicons.iter().filter(|n| *n == name).count() == 1;
                let mine = if once && src.terms.is_empty() {
                    let (mine, moved) = self.take_named_terms(name)?;
                    if moved {
                        taken.push((name.clone(), count..count + mine.len()));
                    }
                    mine
                } else {
                    self.named_terms(name)?
                };
                match (self.builtin_terms(name), &mut parts) {
                    (Some(b), Some(parts)) => {
                        parts.extend(b.parts.iter().map(|p| Part {
                            file: p.file,
                            terms: count as u32 + p.terms,
                            spellings: spellings + p.spellings,
                        }));
                        spellings += b.spellings;
                    }
                    _ => parts = None,
                }
                count += mine.len();
                pieces.push(mine);
            }
            terms.reserve_exact(count + src.terms.len());
            for piece in pieces {
                terms.extend(piece);
            }
            if src.terms.is_empty() {
                let name = src.lexicons.join("+");
                let lex = match parts {
                    Some(parts) => Lexicon::prebuilt(&name, terms, parts)?,
                    None => Lexicon::new(&name, terms)?,
                };
                let id = self.register(&key, lex);
                for (name, range) in taken {
                    self.moved.insert(name, (id, range));
                }
                return Ok(id);
            }
        }
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

    /// Where lexicon `name` is in the automaton build.rs made, when its terms are exactly
    /// those of a built-in file (no terms added by the config or another file).
    fn builtin_terms(&self, name: &str) -> Option<&BuiltinTerms> {
        let (_, _, builtin) = self.lexicon_files.get(name)?;
        if self.additions.get(name).is_some_and(|a| !a.is_empty()) {
            return None;
        }
        builtin.as_ref()
    }

    /// The terms of lexicon `name` with the config's additions, without compiling it.
    fn named_terms(&self, name: &str) -> Result<Vec<Term>, String> {
        if let Some(id) = self.by_name.get(name) {
            return Ok(self.lexicons[id.0].terms.clone());
        }
        self.file_terms(name)
    }

    /// [`Compiler::named_terms`], moving the terms out of `lexicon_files` when they are
    /// still there; whether it did.
    fn take_named_terms(&mut self, name: &str) -> Result<(Vec<Term>, bool), String> {
        if self.by_name.contains_key(name) || self.moved.contains_key(name) {
            return Ok((self.named_terms(name)?, false));
        }
        let Some((terms, _, _)) = self.lexicon_files.get_mut(name) else {
            return Err(self.unknown(name));
        };
        let mut terms = std::mem::take(terms);
        terms.extend(self.additions.get(name).cloned().unwrap_or_default());
        Ok((terms, true))
    }

    /// The terms of the files of lexicon `name` with the config's additions.
    fn file_terms(&self, name: &str) -> Result<Vec<Term>, String> {
        if let Some((id, range)) = self.moved.get(name) {
            return Ok(self.lexicons[id.0].terms[range.clone()].to_vec());
        }
        let Some((terms, _, _)) = self.lexicon_files.get(name) else {
            return Err(self.unknown(name));
        };
        let mut terms = terms.clone();
        terms.extend(self.additions.get(name).cloned().unwrap_or_default());
        Ok(terms)
    }

    fn unknown(&self, name: &str) -> String {
        let mut known: Vec<_> = self.lexicon_files.keys().cloned().collect();
        known.sort();
        format!("no lexicon named `{name}` (known: {})", known.join(", "))
    }

    fn named(&mut self, name: &str) -> Result<LexId, String> {
        if let Some(id) = self.by_name.get(name) {
            return Ok(*id);
        }
        let terms = self.file_terms(name)?;
        if terms.is_empty() {
            return Err(format!("lexicon `{name}` is empty"));
        }
        let lex = match self.builtin_terms(name) {
            Some(b) => Lexicon::prebuilt(name, terms, b.parts.clone())?,
            None => Lexicon::new(name, terms)?,
        };
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
        // A lexicon built at run time with the name and terms of one registered before
        // shares its id, so the automaton searches it once: each health claim of the
        // built-in pack without its own wording of the link has the same `risk` lexicon,
        // and claims name the same substances (24 of the 140 lexicons of the us-fda pack).
        // Equal name, terms and no built-in parts give equal matches.
        let same = lexicon.parts().is_empty().then(|| {
            self.lexicons.iter().position(|l| {
                l.parts().is_empty() && l.name == lexicon.name && l.terms == lexicon.terms
            })
        });
        let id = match same.flatten() {
            Some(i) => LexId(i),
            None => {
                self.lexicons.push(lexicon);
                LexId(self.lexicons.len() - 1)
            }
        };
        self.by_name.insert(key.to_string(), id);
        id
    }

    /// A data file (e.g. `data/nutrients.yaml`) from the packs, by its path in the pack.
    pub fn data_file(&self, rel: &str) -> Option<&SourceFile> {
        self.data_files.get(rel)
    }
}

pub(super) fn load_rule(file: &SourceFile, compiler: &mut Compiler) -> Result<Rule, LoadError> {
    compiler.builtin_file = yaml::is_prepared(&file.text);
    let err = |e: &yaml::YamlError| LoadError::at(&file.origin, &file.text, e);
    let probe: KindProbe = yaml::from_str(&file.text).map_err(|e| err(&e))?;
    let with_text = |message: String| LoadError {
        text: Some(file.text.clone()),
        ..LoadError::new(&file.origin, message)
    };
    let Some(kind) = probe.kind else {
        return Err(with_text("rule file has no `kind`".into())
            .with_help(format!("set `kind:` to one of: {}", KINDS.join(", "))));
    };
    let id = probe.id.unwrap_or_default();
    if !id.contains('/') || id.starts_with('/') || id.ends_with('/') {
        return Err(
            with_text(format!("rule id `{id}` is not of the form `pack/name`")).pointing_at("id:"),
        );
    }
    macro_rules! compile {
        ($file_ty:ty, $variant:ident, $module:ident, $name:literal) => {{
            let parsed: $file_ty = yaml::from_str(&file.text).map_err(|e| err(&e))?;
            let meta = parsed.meta(&file.origin);
            let compiled = $module::compile(parsed, compiler)
                .map_err(|(needle, msg)| with_text(msg).pointing_at(&needle))?;
            Rule {
                meta,
                kind: RuleKind::$variant(compiled),
                kind_name: $name,
                market: None,
            }
        }};
    }
    let rule = match kind.as_str() {
        "claim" => compile!(claim::ClaimFile, Claim, claim, "claim"),
        "required" => compile!(required::RequiredFile, Required, required, "required"),
        "dose" => compile!(dose::DoseFile, Dose, dose, "dose"),
        "reference" => compile!(reference::ReferenceFile, Reference, reference, "reference"),
        "pattern" => compile!(pattern::PatternFile, Pattern, pattern, "pattern"),
        "mention" => compile!(mention::MentionFile, Mention, mention, "mention"),
        "register" => compile!(register::RegisterFile, Register, register, "register"),
        "panel" => compile!(panel::PanelFile, Panel, panel, "panel"),
        "statement" => compile!(statement::StatementFile, Statement, statement, "statement"),
        "health-claim" => compile!(
            health_claim::HealthClaimFile,
            HealthClaim,
            health_claim,
            "health-claim"
        ),
        other => {
            return Err(with_text(format!("unknown rule kind `{other}`"))
                .pointing_at(&format!("kind: {other}"))
                .with_help(format!("use one of: {}", KINDS.join(", "))));
        }
    };
    Ok(rule)
}
