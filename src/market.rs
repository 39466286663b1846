//! Markets: the country or union a page is sold in picks the rules it is linted by.
//!
//! A market is a set of built-in packs plus the languages those packs read. `market:` in
//! `claimlint.yaml` names the markets pages are linted for (one or several, `us` by
//! default), `market_paths:` changes them for the files some globs match, and `market:` in a
//! page's front matter changes them for that page. A page sold in several markets is checked
//! once per market; every finding names its markets, and a finding that two markets raise on
//! the same words is reported once, naming both (see [`merge`]). docs/markets.md is the
//! user's account of all this.

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Document;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod language;
pub use language::{MIN_HITS, language};

/// A built-in market.
#[derive(Debug, Clone, Copy)]
pub struct MarketDef {
    /// Its name in config and front matter.
    pub name: &'static str,
    /// What it is, for messages.
    pub title: &'static str,
    /// The built-in packs whose rules run for it.
    pub packs: &'static [&'static str],
    /// Built-in packs whose lexicons (not rules) its packs use by name.
    pub lexicons_from: &'static [&'static str],
    /// The languages its packs read (ISO 639-1 codes).
    pub languages: &'static [&'static str],
}

/// The built-in markets.
pub const MARKETS: &[MarketDef] = &[
    MarketDef {
        name: "us",
        title: "the United States (FDA, FTC)",
        packs: &["us-fda"],
        lexicons_from: &[],
        languages: &["en"],
    },
    MarketDef {
        name: "eu",
        title: "the European Union",
        packs: &["eu"],
        // The disease-claim rules of the EU pack read the us-fda lexicons of diseases, claim
        // words, negations and warnings: what a disease is does not change at the border.
        lexicons_from: &["us-fda"],
        languages: &["en"],
    },
];

/// The market pages are linted for when nothing says otherwise.
pub const DEFAULT: &str = "us";

/// A built-in market by name.
pub fn market(name: &str) -> Option<&'static MarketDef> {
    MARKETS.iter().find(|m| m.name == name)
}

/// Names of the built-in markets, for help texts.
pub fn names() -> String {
    MARKETS
        .iter()
        .map(|m| m.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One market or several, as written in YAML (`eu` or `[us, eu]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum MarketList {
    /// `market: eu`
    One(String),
    /// `market: [us, eu]`
    Many(Vec<String>),
}

impl MarketList {
    /// The names, trimmed and lowercased, without repeats, in the order written.
    pub fn names(&self) -> Vec<String> {
        let raw: Vec<&String> = match self {
            MarketList::One(s) => vec![s],
            MarketList::Many(v) => v.iter().collect(),
        };
        let mut out: Vec<String> = Vec::new();
        for r in raw {
            let n = r.trim().to_ascii_lowercase();
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

/// One entry of `market_paths:` in claimlint.yaml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketPath {
    /// Globs, relative to the config file's folder.
    pub paths: Vec<String>,
    /// The markets of the files they match.
    pub market: MarketList,
}

/// What the rule set needs to know about markets, from the config.
#[derive(Debug, Clone, Default)]
pub struct MarketSpec {
    /// The market of each built-in pack loaded for a market (`us-fda` -> `us`).
    pub pack_markets: BTreeMap<String, String>,
    /// The markets pages are linted for; empty when the run names none (`packs:` without
    /// `market:`), and then rules run as before markets existed.
    pub markets: Vec<String>,
    /// Every market whose packs are loaded.
    pub loaded: Vec<String>,
    /// `market_paths:`, in order: globs and the markets of the files they match.
    pub paths: Vec<(Vec<String>, Vec<String>)>,
    /// The folder the globs are relative to.
    pub base: PathBuf,
}

/// [`MarketSpec`] with its globs compiled.
#[derive(Debug, Clone, Default)]
pub struct Markets {
    /// The markets pages are linted for (empty: no market in use).
    pub markets: Vec<String>,
    /// Every market whose packs are loaded.
    pub loaded: Vec<String>,
    paths: Vec<(GlobSet, Vec<String>)>,
    base: PathBuf,
}

impl Markets {
    /// Compile the globs of `spec`.
    pub fn new(spec: &MarketSpec) -> Result<Markets, String> {
        let mut paths = Vec::new();
        for (globs, markets) in &spec.paths {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?);
            }
            paths.push((b.build().map_err(|e| e.to_string())?, markets.clone()));
        }
        Ok(Markets {
            markets: spec.markets.clone(),
            loaded: spec.loaded.clone(),
            paths,
            base: spec.base.clone(),
        })
    }

    /// The markets of the file at `path` when `market_paths:` names it (the first entry
    /// that matches wins).
    pub fn for_path(&self, path: &Path) -> Option<Vec<String>> {
        if self.paths.is_empty() {
            return None;
        }
        let rel = path.strip_prefix(&self.base).unwrap_or(path);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        self.paths
            .iter()
            .find(|(set, _)| set.is_match(rel) || set.is_match(path))
            .map(|(_, m)| m.clone())
    }
}

/// Rule id of the finding for a page whose front matter names a market badly.
pub const UNKNOWN_MARKET: &str = "claimlint/unknown-market";
/// Rule id of the finding for a page in a language its market's packs do not read.
pub const UNREAD_LANGUAGE: &str = "claimlint/unread-language";

/// The markets `doc` is linted for: its front matter's `market:`, else the file's markets
/// from `market_paths:`, else the configured ones. Problems with the front matter's value
/// come back as findings; when it names no usable market, the file's or the configured
/// markets apply.
pub fn markets_of(
    doc: &Document,
    set: &Markets,
    file: Option<&[String]>,
) -> (Vec<String>, Vec<Diagnostic>) {
    let configured = file.map_or_else(|| set.markets.clone(), <[String]>::to_vec);
    let Some(fm) = &doc.front_matter else {
        return (configured, Vec::new());
    };
    let Some(value) = fm.value.get("market") else {
        return (configured, Vec::new());
    };
    let at = key_span(doc, fm.span, "market");
    let bad = |message: String, help: String| {
        let mut d = Diagnostic::new(
            UNKNOWN_MARKET,
            Category::Other,
            Severity::Error,
            message,
            at,
        );
        d.help = Some(help);
        d
    };
    let named: Vec<String> = match value {
        serde_json::Value::String(s) => vec![s.trim().to_ascii_lowercase()],
        serde_json::Value::Array(items) if items.iter().all(|v| v.is_string()) => items
            .iter()
            .filter_map(|v| v.as_str())
            .map(|s| s.trim().to_ascii_lowercase())
            .collect(),
        _ => {
            let d = bad(
                "`market` in the front matter is not a market name or a list of them".into(),
                format!(
                    "write `market: eu` or `market: [us, eu]` (markets: {})",
                    names()
                ),
            );
            return (configured, vec![d]);
        }
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for n in named {
        if market(&n).is_none() {
            problems.push(bad(
                format!("the front matter names an unknown market `{n}`"),
                format!("markets: {}", names()),
            ));
        } else if !set.loaded.contains(&n) {
            problems.push(bad(
                format!(
                    "the front matter names market `{n}`, which claimlint.yaml does not load: \
                     the copy was not checked for it"
                ),
                format!(
                    "add `{n}` to `market:` (or to an entry of `market_paths:`) in \
                     claimlint.yaml"
                ),
            ));
        } else if !out.contains(&n) {
            out.push(n);
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push(bad(
            "`market` in the front matter names no market".into(),
            format!("markets: {}", names()),
        ));
    }
    // An override that names no market claimlint can use leaves the configured ones: a
    // misspelt or unsupported market ("market: Canada") must not switch every check off.
    if out.is_empty() {
        let fallback = configured.join(", ");
        for p in &mut problems {
            if let Some(help) = &mut p.help {
                help.push_str(&format!("; the copy was linted for {fallback} instead"));
            }
        }
        out = configured;
    }
    (out, problems)
}

/// The span of `key:` inside the front matter, or the front matter's span.
fn key_span(doc: &Document, fm: Span, key: &str) -> Span {
    let text = &doc.source[fm.start..fm.end.min(doc.source.len())];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(&format!("{key}:")) && !line.starts_with([' ', '\t']) {
            let end = line.trim_end().len();
            return Span::new(fm.start + offset, fm.start + offset + end);
        }
        offset += line.len();
    }
    fm
}

/// One finding per language of `doc` that market `name`'s packs do not read, at the first
/// block in it.
pub fn unread_languages(doc: &Document, name: &str) -> Vec<Diagnostic> {
    let Some(def) = market(name) else {
        return Vec::new();
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for block in &doc.blocks {
        let Some((code, lang)) = language(&block.text) else {
            continue;
        };
        if def.languages.contains(&code) || seen.contains(&code) {
            continue;
        }
        seen.push(code);
        let span = block.source_span();
        let mut d = Diagnostic::new(
            UNREAD_LANGUAGE,
            Category::Other,
            Severity::Warning,
            format!(
                "this copy is in {lang}, which the {name} rules do not read: it was not checked"
            ),
            span,
        );
        d.help = Some(format!(
            "have the {lang} copy reviewed by hand, or lint its English version; the {name} \
             packs read: {}",
            def.languages.join(", ")
        ));
        out.push(d);
    }
    out
}

/// Findings of several markets, each tagged with its market, made one per problem: the same
/// rule on the same words, or rules of the same category from different markets on the same
/// words, become one finding that names every market. The first rule's id and message are
/// kept; citations and help texts that differ are joined, each prefixed by its markets.
pub fn merge(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by(|a, b| (a.span, &a.rule).cmp(&(b.span, &b.rule)));
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags {
        let group_start = out.partition_point(|r| r.span < d.span);
        let target = out[group_start..].iter_mut().find(|r| {
            r.span == d.span
                && (r.rule == d.rule
                    || (r.category == d.category
                        && r.category != Category::Other
                        && !d.markets.iter().any(|m| r.markets.contains(m))))
        });
        let Some(r) = target else {
            out.push(d);
            continue;
        };
        if r.rule != d.rule {
            r.cite = join(&r.markets, r.cite.take(), &d.markets, d.cite);
            r.help = join(&r.markets, r.help.take(), &d.markets, d.help);
        }
        for m in d.markets {
            if !r.markets.contains(&m) {
                r.markets.push(m);
            }
        }
        r.markets.sort();
    }
    out
}

fn join(am: &[String], a: Option<String>, bm: &[String], b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) if a != b => {
            Some(format!("{}: {a}; {}: {b}", am.join(", "), bm.join(", ")))
        }
        (a, b) => a.or(b),
    }
}

/// "market: eu" or "markets: eu, us", the line reports add to a finding.
pub fn describe(markets: &[String]) -> Option<String> {
    match markets {
        [] => None,
        [one] => Some(format!("market: {one}")),
        many => Some(format!("markets: {}", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_german_french_and_english() {
        assert_eq!(
            language("Vitamin C trägt zu einer normalen Funktion des Immunsystems bei und ist für die Haut wichtig.").map(|l| l.0),
            Some("de")
        );
        assert_eq!(
            language("La vitamine C contribue au fonctionnement normal du système immunitaire et à la réduction de la fatigue.").map(|l| l.0),
            Some("fr")
        );
        assert_eq!(
            language("Vitamin C contributes to the normal function of the immune system and is good for you.").map(|l| l.0),
            Some("en")
        );
    }

    #[test]
    fn short_or_mixed_text_is_not_called_foreign() {
        assert_eq!(language("Le Petit Magnesium, 200 mg."), None);
        assert_eq!(
            language("Our Eau de Vie tonic is made with the best of the harvest and the sea.")
                .map(|l| l.0),
            Some("en")
        );
    }

    fn diag(rule: &str, cat: Category, span: (usize, usize), market: &str) -> Diagnostic {
        let mut d = Diagnostic::new(rule, cat, Severity::Error, "m", Span::new(span.0, span.1));
        d.markets = vec![market.into()];
        d.cite = Some(format!("{market} law"));
        d
    }

    #[test]
    fn same_words_in_two_markets_are_one_finding() {
        let merged = merge(vec![
            diag("us-fda/disease-claim", Category::DiseaseClaim, (0, 5), "us"),
            diag("eu/disease-claim", Category::DiseaseClaim, (0, 5), "eu"),
            diag(
                "us-fda/dshea-disclaimer",
                Category::Disclaimer,
                (0, 5),
                "us",
            ),
            diag("mine/x", Category::Other, (7, 9), "us"),
            diag("mine/x", Category::Other, (7, 9), "eu"),
        ]);
        assert_eq!(merged.len(), 3, "{merged:#?}");
        assert_eq!(merged[0].rule, "eu/disease-claim");
        assert_eq!(merged[0].markets, ["eu", "us"]);
        assert_eq!(merged[0].cite.as_deref(), Some("eu: eu law; us: us law"));
        assert_eq!(merged[1].markets, ["us"]);
        assert_eq!(merged[2].markets, ["eu", "us"]);
    }

    #[test]
    fn findings_of_one_market_are_never_merged_across_rules() {
        let merged = merge(vec![
            diag("us-fda/a", Category::DiseaseClaim, (0, 5), "us"),
            diag("us-fda/b", Category::DiseaseClaim, (0, 5), "us"),
        ]);
        assert_eq!(merged.len(), 2);
    }
}
