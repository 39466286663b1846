//! YAML loading for rule files, config and front matter, through serde-saphyr with a tight
//! budget so a hostile file cannot exhaust memory or the stack.

use serde::de::DeserializeOwned;
use std::fmt;

/// A YAML error with its position in the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong, without a source snippet.
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Byte offset into the YAML text, when known.
    pub offset: Option<usize>,
    /// How to fix it, when the parser's message leaves that unsaid.
    pub help: Option<String>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_depth = 64;
    budget.max_documents = 1;
    budget.max_nodes = 100_000;
    budget.max_total_scalar_bytes = 8 * 1024 * 1024;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

mod prepared {
    include!(concat!(env!("OUT_DIR"), "/prepared.rs"));
}

/// What build.rs made from `text`, when `text` is a built-in rule file: its JSON, and for
/// a lexicon file its slot in the built-in automaton (`u32::MAX` for other files).
fn prepared_file(text: &str) -> Option<(&'static str, u32)> {
    prepared_entry(text).map(|(_, json, slot, _)| (*json, *slot))
}

type Prepared = (&'static str, &'static str, u32, std::ops::Range<usize>);

fn prepared_entry(text: &str) -> Option<&'static Prepared> {
    prepared::PREPARED
        .iter()
        .find(|(yaml, ..)| yaml.len() == text.len() && *yaml == text)
}

static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicons.packed"));

/// The packed form build.rs made of `text` (see `rules::lexicon::packed`), when `text` is
/// exactly a built-in lexicon file it could pack.
pub fn packed_lexicon(text: &str) -> Option<&'static [u8]> {
    let (.., range) = prepared_entry(text)?;
    (!range.is_empty()).then(|| &PACKED[range.clone()])
}

/// Every built-in file as build.rs prepared it: its YAML, its JSON and its slot.
#[cfg(test)]
pub fn prepared_files() -> impl Iterator<Item = (&'static str, &'static str, u32)> {
    prepared::PREPARED
        .iter()
        .map(|(yaml, json, slot, _)| (*yaml, *json, *slot))
}

/// The JSON that build.rs made from `text`, when `text` is a built-in rule file.
fn prepared(text: &str) -> Option<&'static str> {
    prepared_file(text).map(|(json, _)| json)
}

/// The slot of the lexicon file `text` in the automaton build.rs made of the built-in
/// lexicons (see `rules::lexicon::builtin`), with its number of terms and of spellings,
/// when `text` is exactly a built-in lexicon file.
pub fn builtin_lexicon(text: &str) -> Option<(u32, u32, u32)> {
    let (_, slot) = prepared_file(text)?;
    let &(terms, spellings) = prepared::LEXICON_SIZES.get(slot as usize)?;
    Some((slot, terms, spellings))
}

/// Whether `text` is exactly a built-in rule file (tests check everything in those).
pub fn is_prepared(text: &str) -> bool {
    prepared(text).is_some()
}

/// The number of slots of the built-in automaton (see [`builtin_lexicon`]).
pub fn builtin_lexicon_count() -> usize {
    prepared::LEXICON_SIZES.len()
}

/// The spelling variants build.rs made for the terms of the built-in lexicon file in
/// `slot`, as a JSON list with one `_variants` per term (build.rs takes them out of the
/// file's JSON).
pub fn builtin_lexicon_variants(slot: u32) -> Option<&'static str> {
    prepared::LEXICON_VARIANTS.get(slot as usize).copied()
}

/// Deserialize `text` strictly (the target types use `deny_unknown_fields`).
///
/// The built-in rule packs come pre-converted to JSON (see build.rs): the same data, read
/// ~10x faster. Anything else, or a built-in file whose JSON does not fit `T`, is parsed as
/// YAML, so every error still comes from the YAML parser with its line and column.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if let Some(json) = prepared(text)
        && let Ok(value) = serde_json::from_str(json)
    {
        return Ok(value);
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| convert(text, &e))
}

fn convert(text: &str, err: &serde_saphyr::Error) -> YamlError {
    let location = err.location();
    let line = location.map(|l| l.line() as usize).filter(|&l| l > 0);
    let column = location.map(|l| l.column() as usize).filter(|&c| c > 0);
    let offset = match (line, column) {
        (Some(line), Some(column)) => offset_of(text, line, column),
        _ => None,
    };
    let rendered = err.without_snippet().to_string();
    let first = rendered.lines().next().unwrap_or("invalid YAML").trim();
    let message = budget_message(first).unwrap_or_else(|| plain(&strip_position(first)));
    let help = message
        .starts_with("duplicate key")
        .then(|| "keep one of them: YAML does not merge or override a repeated key".to_string());
    YamlError {
        message,
        line,
        column,
        offset,
        help,
    }
}

/// The parser's terse type errors in the words of the file's author.
fn plain(msg: &str) -> String {
    // "duplicate mapping key: fail_on, set DuplicateKeyPolicy in Options if acceptable": the
    // setting it names is the parser's, not one the author can change.
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return format!("duplicate key `{key}`");
    }
    match msg {
        "expected sequence start" => {
            "expected a list (`[a, b]` or lines starting with `- `)".into()
        }
        "expected mapping start" => "expected a mapping of keys to values (`key: value`)".into(),
        "invalid u64" | "invalid u32" | "invalid usize" | "invalid u8" | "invalid u16" => {
            "expected a whole number, 0 or more".into()
        }
        _ => msg.to_string(),
    }
}

/// A plain message for a breached input budget, whose own text is a Rust debug dump
/// (`budget breached: ScalarBytes { total_scalar_bytes: 9000005 }`).
fn budget_message(msg: &str) -> Option<String> {
    let what = msg.strip_prefix("budget breached: ")?;
    let name = what.split([' ', '{']).next().unwrap_or("");
    let why = match name {
        "ScalarBytes" | "InputBytes" => "its values hold more than 8 MB of text",
        "Depth" | "PropertyExpansionDepth" => "it is nested more than 64 levels deep",
        "Events" | "Nodes" => "it has more than 100,000 entries",
        "Aliases"
        | "Anchors"
        | "AliasAnchorRatio"
        | "MergeKeys"
        | "RecordedAnchorEvents"
        | "RecordedAnchorBytes" => "it uses too many anchors and aliases",
        "Documents" => "it holds more than one document",
        _ => "it is larger than claimlint reads",
    };
    Some(format!("the YAML is too large to read: {why}"))
}

/// Drop a trailing " at line N, column M" that the parser appends: we report it ourselves.
fn strip_position(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    let msg = msg.trim_end_matches('.');
    let mut chars = msg.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "invalid YAML".into(),
    }
}

/// Byte offset of a 1-based line and character column.
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let line_text = &text[start..];
    let col = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    Some(start + col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        name: String,
        count: u32,
    }

    #[test]
    fn builtin_files_read_from_json_as_they_do_from_yaml() {
        // Every built-in file is prepared, and its JSON gives the same data as its YAML.
        let files: Vec<_> = crate::rules::builtin_pack_names()
            .iter()
            .flat_map(|p| crate::rules::builtin_pack(p).unwrap())
            .collect();
        assert_eq!(files.len(), prepared::PREPARED.len());
        for f in &files {
            let json = prepared(&f.text).unwrap_or_else(|| panic!("{} not prepared", f.rel));
            let mut from_json: serde_json::Value = serde_json::from_str(json).unwrap();
            let mut from_yaml: serde_json::Value =
                serde_saphyr::from_str_with_options(&f.text, options()).unwrap();
            // build.rs adds each lexicon term's variants, writing a bare term as a map.
            if let Some(terms) = from_json["terms"].as_array_mut() {
                for t in terms {
                    t.as_object_mut().unwrap().remove("_variants");
                }
            }
            let lexicon = from_yaml.get("lexicon").is_some();
            if let Some(terms) = from_yaml["terms"].as_array_mut()
                && lexicon
            {
                for t in terms {
                    if let Some(term) = t.as_str() {
                        *t = serde_json::json!({ "term": term });
                    }
                }
            }
            assert_eq!(from_json, from_yaml, "{}", f.rel);
        }
        assert!(prepared("lexicon: x\nterms: [a]\n").is_none());
    }

    #[test]
    fn builtin_files_take_the_fast_path() {
        // The JSON must fit each file's type; otherwise the YAML is parsed again, slowly.
        use crate::rules::{
            claim, dose, health_claim, lexicon, mention, panel, pattern, reference, required,
            statement,
        };
        fn fits<T: DeserializeOwned>(json: &str) -> bool {
            serde_json::from_str::<T>(json).is_ok()
        }
        let files = crate::rules::builtin_pack_names()
            .iter()
            .flat_map(|p| crate::rules::builtin_pack(p).unwrap())
            .collect::<Vec<_>>();
        for f in files {
            let json = prepared(&f.text).unwrap();
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let ok = if f.rel.starts_with("lexicons/") {
                fits::<lexicon::LexiconFile>(json)
            } else if f.rel == "data/health-claims.yaml" {
                fits::<health_claim::ClaimsFile>(json)
            } else if f.rel == "data/eu-health-claims.yaml" {
                fits::<crate::rules::register::data::RegisterFile>(json)
            } else if f.rel == "data/eu-nrv.yaml" {
                fits::<crate::rules::register::data::NrvTable>(json)
            } else if f.rel == "data/daily-values.yaml" {
                fits::<panel::daily_values::TableFile>(json)
            } else if f.rel == "data/advisory-list.yaml" {
                fits::<panel::advisory::ListFile>(json)
            } else if f.rel == "data/allergens.yaml" {
                fits::<statement::AllergenTable>(json)
            } else if f.rel.starts_with("data/") {
                fits::<dose::Table>(json)
            } else {
                match value["kind"].as_str() {
                    Some("claim") => fits::<claim::ClaimFile>(json),
                    Some("required") => fits::<required::RequiredFile>(json),
                    Some("dose") => fits::<dose::DoseFile>(json),
                    Some("reference") => fits::<reference::ReferenceFile>(json),
                    Some("pattern") => fits::<pattern::PatternFile>(json),
                    Some("mention") => fits::<mention::MentionFile>(json),
                    Some("health-claim") => fits::<health_claim::HealthClaimFile>(json),
                    Some("register") => fits::<crate::rules::register::RegisterFile>(json),
                    Some("panel") => fits::<panel::PanelFile>(json),
                    Some("statement") => fits::<statement::StatementFile>(json),
                    _ => false,
                }
            };
            assert!(ok, "{} does not deserialize from its JSON", f.rel);
        }
    }

    #[test]
    fn unknown_field_points_at_its_line() {
        let err = from_str::<T>("name: x\ncount: 1\ncolour: red\n").unwrap_err();
        assert!(err.message.contains("colour"), "{err:?}");
        assert_eq!(err.line, Some(3));
        assert_eq!(err.offset, Some(17));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let err = from_str::<T>("name: x\ncount: many\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(!err.message.is_empty());
    }

    #[test]
    fn a_breached_budget_reads_plainly() {
        let text = format!("name: {}\ncount: 1\n", "x".repeat(9 * 1024 * 1024));
        let err = from_str::<T>(&text).unwrap_err();
        assert_eq!(
            err.message,
            "the YAML is too large to read: its values hold more than 8 MB of text"
        );
        let deep = format!("name: {}{}\n", "[".repeat(100), "]".repeat(100));
        let err = from_str::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(
            err.message,
            "the YAML is too large to read: it is nested more than 64 levels deep"
        );
    }

    #[test]
    fn a_duplicate_key_reads_plainly() {
        let err =
            from_str::<std::collections::BTreeMap<String, u32>>("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.message, "duplicate key `a`");
        assert!(err.help.is_some());
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = from_str::<T>("name: [x\ncount: 1\n").unwrap_err();
        assert!(err.line.is_some(), "{err:?}");
    }
}
