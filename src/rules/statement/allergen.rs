//! `check: allergens`: each major food allergen an ingredient comes from is declared as
//! 21 U.S.C. 343(w) asks: in a "Contains" statement (which then names every one), or, with
//! no such statement, in the ingredient list, where the ingredient's own name, a parenthesis
//! after it or another ingredient names the food source. For fish and crustacean shellfish
//! the name is the species, for tree nuts the nut (343(w)(2)).
//!
//! The ingredient list is the panel's rows (a source named in them, "Calcium (as calcium
//! carbonate from oyster shell)", is part of it, 21 CFR 101.36(d)) and the "Ingredients" and
//! "Other ingredients" statements. The table of allergens, the words that name them and the
//! ingredients that hide them is data: `rules/us-fda/data/allergens.yaml`.

use super::super::{Compiler, RuleMeta};
use super::LabelUnit;
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::document::label::StatementKind;
use crate::yaml;
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The allergen table as written (`data/allergens.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    allergens: Vec<AllergenEntry>,
    #[serde(default)]
    masks: Vec<MaskEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllergenEntry {
    allergen: String,
    /// The law that makes it a major food allergen (documentation).
    #[allow(dead_code)]
    cite: String,
    declare: String,
    example: String,
    names: Vec<String>,
    #[serde(default)]
    specific: Option<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    hidden: Vec<HiddenEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HiddenEntry {
    term: String,
    /// What the ingredient is (documentation, for readers of the table).
    #[allow(dead_code)]
    what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MaskEntry {
    phrase: String,
    word: String,
    /// What the phrase is (documentation).
    #[allow(dead_code)]
    what: String,
    #[serde(default)]
    unless: Vec<String>,
}

/// What a word of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Names the food source generically ("fish", "tree nuts", "milk").
    Name,
    /// Names the species or the nut ("anchovy", "almond").
    Kind,
    /// Comes from the allergen without naming it ("whey").
    Hidden,
}

/// One allergen of the table.
#[derive(Debug)]
struct Allergen {
    name: String,
    declare: String,
    example: String,
    /// "species" or "nut": the declaration names the kind, not just the allergen.
    specific: Option<String>,
}

/// A compiled allergen check.
#[derive(Debug)]
pub(super) struct Allergens {
    allergens: Vec<Allergen>,
    terms: LazyRegex,
    /// Lowercase term to its allergen and role.
    roles: HashMap<String, (usize, Role)>,
    masks: LazyRegex,
    /// Lowercase mask phrase to the word it masks and the words that undo it.
    mask_words: HashMap<String, (String, Vec<String>)>,
}

/// An allergen word found in an ingredient.
#[derive(Debug, Clone, Copy)]
struct Found {
    allergen: usize,
    role: Role,
}

/// A regex of the table, compiled on first use for the built-in pack (most runs check no
/// label, and every run pays startup) and at load for a user's table, so that a bad one
/// is an error then.
#[derive(Debug)]
struct LazyRegex {
    pattern: String,
    cell: OnceLock<Regex>,
}

impl LazyRegex {
    fn new(pattern: String, eager: bool) -> Result<LazyRegex, String> {
        let cell = OnceLock::new();
        if eager {
            let _ = cell.set(Regex::new(&pattern).map_err(|e| e.to_string())?);
        }
        Ok(LazyRegex { pattern, cell })
    }

    fn get(&self) -> &Regex {
        self.cell.get_or_init(|| {
            Regex::new(&self.pattern)
                .expect("the built-in allergen table compiles (the rule fixtures compile it)")
        })
    }
}

/// An alternation of `terms`, longest first, as whole words with an optional plural.
fn alternation(terms: &[&str]) -> String {
    let mut sorted: Vec<&str> = terms.to_vec();
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    sorted.dedup();
    let body: Vec<String> = sorted
        .iter()
        .map(|t| regex::escape(t).replace(' ', r"[\s-]+"))
        .collect();
    format!(r"(?i)\b(?:{})(?:e?s)?\b", body.join("|"))
}

/// Fold a matched term to its table spelling: lowercase, single spaces, no plural.
fn fold<'m>(text: &str, known: &'m HashMap<String, impl Sized>) -> Option<(&'m String, String)> {
    let lower = text
        .to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for cut in [0, 1, 2] {
        if lower.len() <= cut {
            break;
        }
        if !lower.is_char_boundary(lower.len() - cut) {
            continue;
        }
        let stem = &lower[..lower.len() - cut];
        if (cut == 0 || lower.ends_with('s'))
            && let Some((k, _)) = known.get_key_value(stem)
        {
            return Some((k, lower.clone()));
        }
    }
    None
}

impl Allergens {
    pub(super) fn load(rel: &str, c: &Compiler) -> Result<Allergens, (String, String)> {
        let Some(file) = c.data_file(rel) else {
            return Err(("table:".into(), format!("no data file `{rel}` in the pack")));
        };
        let data: TableFile = yaml::from_str(&file.text).map_err(|e| {
            let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
            (
                "table:".to_string(),
                format!("{}{at}: {}", file.origin, e.message),
            )
        })?;
        let mut roles = HashMap::new();
        let mut allergens = Vec::new();
        for (i, a) in data.allergens.iter().enumerate() {
            if let Some(s) = &a.specific
                && s != "species"
                && s != "nut"
            {
                return Err((
                    "table:".into(),
                    format!(
                        "{}: allergen `{}`: `specific` is `{s}`; use `species` or `nut`",
                        file.origin, a.allergen
                    ),
                ));
            }
            let entries = a
                .names
                .iter()
                .map(|n| (n, Role::Name))
                .chain(a.kinds.iter().map(|k| (k, Role::Kind)))
                .chain(a.hidden.iter().map(|h| (&h.term, Role::Hidden)));
            for (term, role) in entries {
                let key = term.to_lowercase();
                if let Some((j, _)) = roles.insert(key.clone(), (i, role)) {
                    return Err((
                        "table:".into(),
                        format!(
                            "{}: `{term}` is listed twice (also under `{}`)",
                            file.origin, data.allergens[j].allergen
                        ),
                    ));
                }
            }
            allergens.push(Allergen {
                name: a.allergen.clone(),
                declare: a.declare.clone(),
                example: a.example.clone(),
                specific: a.specific.clone(),
            });
        }
        let keys: Vec<&str> = roles.keys().map(String::as_str).collect();
        let eager = !c.builtin_file;
        let terms = LazyRegex::new(alternation(&keys), eager)
            .map_err(|e| ("table:".to_string(), format!("{}: {e}", file.origin)))?;
        let mut mask_words = HashMap::new();
        for m in &data.masks {
            mask_words.insert(
                m.phrase.to_lowercase(),
                (
                    m.word.to_lowercase(),
                    m.unless.iter().map(|u| u.to_lowercase()).collect(),
                ),
            );
        }
        let phrases: Vec<&str> = mask_words.keys().map(String::as_str).collect();
        let pattern = if phrases.is_empty() {
            r"[^\s\S]".to_string()
        } else {
            alternation(&phrases)
        };
        let masks = LazyRegex::new(pattern, eager)
            .map_err(|e| ("table:".to_string(), format!("{}: {e}", file.origin)))?;
        Ok(Allergens {
            allergens,
            terms,
            roles,
            masks,
            mask_words,
        })
    }

    /// The allergen words of one ingredient (or "Contains" item).
    fn scan(&self, text: &str) -> Vec<Found> {
        // ASCII lowercase keeps the byte offsets of `text`.
        let lower = text.to_ascii_lowercase();
        // Ranges where a word is something else ("milk" in "milk thistle").
        let mut masked: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
        for m in self.masks.get().find_iter(text) {
            let Some((phrase, _)) = fold(m.as_str(), &self.mask_words) else {
                continue;
            };
            let (word, unless) = &self.mask_words[phrase];
            if unless
                .iter()
                .any(|u| lower[..m.start()].contains(u.as_str()))
            {
                continue;
            }
            masked.push((m.range(), word.as_str()));
        }
        let mut out = Vec::new();
        for m in self.terms.get().find_iter(text) {
            let Some((term, _)) = fold(m.as_str(), &self.roles) else {
                continue;
            };
            if masked
                .iter()
                .any(|(r, w)| r.start <= m.start() && m.end() <= r.end && term.starts_with(*w))
            {
                continue;
            }
            // "milk-free", "no soy", "free of wheat": not an ingredient.
            let after = &lower[m.end()..];
            let before = lower[..m.start()].trim_end();
            if after.starts_with("-free")
                || after.starts_with(" free")
                || before.ends_with("free of")
                || before.ends_with("free from")
                || before.ends_with(" no")
                || before == "no"
                || before.ends_with("without")
            {
                continue;
            }
            let (allergen, role) = self.roles[term];
            out.push(Found { allergen, role });
        }
        out
    }

    pub(super) fn check(&self, meta: &RuleMeta, unit: &LabelUnit<'_>, out: &mut Vec<Diagnostic>) {
        // The ingredient list: panel rows and ingredient statements, in source order.
        let mut ingredients: Vec<(String, Span)> = unit
            .panels
            .iter()
            .flat_map(|p| p.rows.iter())
            .map(|r| {
                let end = r.qualifier.as_ref().map_or(r.name.span.end, |q| q.span.end);
                (r.full_name(), Span::new(r.name.span.start, end))
            })
            .chain(
                unit.statements
                    .iter()
                    .filter(|s| s.kind != StatementKind::Contains)
                    .flat_map(|s| s.items.iter())
                    .map(|i| (i.text.clone(), i.span)),
            )
            .collect();
        ingredients.sort_by_key(|(_, s)| s.start);
        let contains: Vec<(String, Span)> = unit
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::Contains)
            .flat_map(|s| s.items.iter().map(|i| (i.text.clone(), i.span)))
            .collect();
        let statement_span = unit
            .statements
            .iter()
            .find(|s| s.kind == StatementKind::Contains)
            .map(|s| s.span);
        // What the "Contains" statement names, by allergen: (names it, names the kind, where).
        let mut declared: HashMap<usize, (bool, Option<Span>)> = HashMap::new();
        for (text, span) in &contains {
            for f in self.scan(text) {
                if f.role == Role::Hidden {
                    continue;
                }
                let e = declared.entry(f.allergen).or_insert((false, Some(*span)));
                e.0 |= f.role == Role::Kind;
            }
        }
        // Per allergen: its first ingredient, and whether the list names it and its kind.
        let mut present: Vec<(usize, String, Span, bool, bool)> = Vec::new();
        for (text, span) in &ingredients {
            for f in self.scan(text) {
                let names = f.role != Role::Hidden;
                let kind = f.role == Role::Kind;
                match present.iter_mut().find(|p| p.0 == f.allergen) {
                    Some(p) => {
                        p.3 |= names;
                        p.4 |= kind;
                    }
                    None => present.push((f.allergen, text.clone(), *span, names, kind)),
                }
            }
        }
        for (ai, ingredient, span, named, kind_named) in present {
            let a = &self.allergens[ai];
            let kind_word = match a.specific.as_deref() {
                Some("species") => "the species",
                Some(_) => "the kind of nut",
                None => "",
            };
            // The nut or species of the example, "anchovy" in "fish (anchovy)".
            let kind_example = a
                .example
                .split_once('(')
                .map_or(a.example.as_str(), |(_, k)| k.trim_end_matches(')'));
            let (problem, at, other, help) = match (statement_span, declared.get(&ai)) {
                (Some(stmt), None) => (
                    format!("the \"Contains\" statement does not name {}", a.name),
                    span,
                    Some((stmt, "the allergen statement")),
                    Some(format!(
                        "add {} to the \"Contains\" statement (\"Contains: {}\"): a label that has one names every major food allergen in it",
                        a.declare, a.example
                    )),
                ),
                (Some(_), Some((false, item))) if a.specific.is_some() => (
                    format!(
                        "the \"Contains\" statement names {} without {kind_word}",
                        a.name
                    ),
                    item.unwrap_or(span),
                    Some((span, "the ingredient")),
                    Some(format!(
                        "name {} in the \"Contains\" statement, e.g. \"Contains: {}\"",
                        a.declare, a.example
                    )),
                ),
                (Some(_), Some(_)) => continue,
                (None, _) if !named => (
                    format!("the label does not name {} as its source", a.name),
                    span,
                    None,
                    None,
                ),
                (None, _) if a.specific.is_some() && !kind_named => (
                    format!("the label does not name {kind_word}"),
                    span,
                    None,
                    Some(format!(
                        "name {} after the ingredient (\"{} ({kind_example})\") or in a \"Contains\" statement (\"Contains: {}\")",
                        a.declare,
                        ingredient.trim(),
                        a.example
                    )),
                ),
                (None, _) => continue,
            };
            let mut d = meta.diagnostic(
                &[
                    ("ingredient", ingredient.trim()),
                    ("allergen", &a.name),
                    ("problem", &problem),
                    ("declare", &a.declare),
                    ("example", &a.example),
                ],
                at,
            );
            if let Some(h) = help {
                d.help = Some(h);
            }
            d.labels.push(Label {
                span: at,
                text: format!("{} is a major food allergen", a.name),
            });
            if let Some((s, t)) = other {
                d.labels.push(Label {
                    span: s,
                    text: t.into(),
                });
            }
            out.push(d);
        }
    }
}
