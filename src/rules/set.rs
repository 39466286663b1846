//! The compiled rule set: every rule and lexicon, built once per run, and checking a
//! document with it.

use super::compiler::load_rule;
use super::compiler::{BuiltinTerms, Compiler};
use super::lexicon::{Automata, Lexicon, LexiconFile, Part, TermEntry};
use super::{
    Context, LexId, LoadError, Rule, RuleKind, RuleOverride, RuleSetSpec, SourceFile, builtin_pack,
};
use crate::diagnostic::{Category, Diagnostic, Span};
use crate::document::Document;
use crate::yaml;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// All rules, compiled once per run.
#[derive(Debug)]
pub struct RuleSet {
    /// Enabled rules, in id order.
    pub rules: Vec<Rule>,
    /// Every compiled lexicon, indexed by [`LexId`].
    pub lexicons: Vec<Lexicon>,
    /// Ids of every rule that exists, enabled or not (for suppression checks).
    pub known: BTreeMap<String, bool>,
    /// Changes to claimlint's own rules (see [`crate::internal`]), by id.
    pub internal: BTreeMap<String, RuleOverride>,
    allow: Option<Lexicon>,
    /// Every lexicon's spellings, for one pass per block: the built-in automaton mapped
    /// onto the set's lexicons, and one built for the others; made the first time a
    /// document has text.
    automaton: OnceLock<Automata>,
    /// The markets pages are linted for, and per-path markets.
    pub markets: crate::market::Markets,
}

fn is_lexicon(rel: &str) -> bool {
    rel.starts_with("lexicons/") || rel.contains("/lexicons/")
}

fn is_data(rel: &str) -> bool {
    rel.starts_with("data/") || rel.contains("/data/")
}

impl RuleSet {
    /// The built-in `us-fda` pack with no changes, for the default market (`us`).
    pub fn builtin() -> Result<RuleSet, Vec<LoadError>> {
        let files = builtin_pack("us-fda").unwrap_or_default();
        let us = crate::market::DEFAULT.to_string();
        RuleSet::build(&RuleSetSpec {
            packs: vec![("us-fda".into(), files)],
            markets: crate::market::MarketSpec {
                pack_markets: [("us-fda".to_string(), us.clone())].into(),
                markets: vec![us.clone()],
                loaded: vec![us],
                ..crate::market::MarketSpec::default()
            },
            ..RuleSetSpec::default()
        })
    }

    /// Load and compile every rule; collects every error rather than stopping at the first.
    pub fn build(spec: &RuleSetSpec) -> Result<RuleSet, Vec<LoadError>> {
        let mut errors = Vec::new();
        let all_files: Vec<&SourceFile> = spec
            .packs
            .iter()
            .flat_map(|(_, f)| f.iter())
            .chain(spec.extra.iter())
            .collect();
        // The market of each file's pack, by the file's origin.
        let file_market: HashMap<&str, &String> = spec
            .packs
            .iter()
            .filter_map(|(name, files)| {
                spec.markets
                    .pack_markets
                    .get(name)
                    .map(|m| files.iter().map(move |f| (f.origin.as_str(), m)))
            })
            .flatten()
            .collect();
        let mut compiler = Compiler {
            lexicon_files: HashMap::new(),
            moved: HashMap::new(),
            additions: spec.lexicon_additions.clone(),
            lexicons: Vec::new(),
            by_name: HashMap::new(),
            data_files: HashMap::new(),
            tables: HashMap::new(),
            builtin_file: false,
        };
        for file in &all_files {
            if is_data(&file.rel) {
                compiler
                    .data_files
                    .insert(file.rel.clone(), (*file).clone());
            } else if is_lexicon(&file.rel) {
                match LexiconFile::read(&file.text) {
                    Ok(lex) => {
                        // Where these terms are in the built-in automaton, for a built-in
                        // file as build.rs read it.
                        let part = yaml::builtin_lexicon(&file.text)
                            .filter(|&(_, count, _)| count as usize == lex.terms.len());
                        let name = lex.lexicon.clone();
                        let terms = lex.into_terms(part.map(|(slot, _, _)| slot));
                        if let Some(entry) = compiler.lexicon_files.get_mut(&name) {
                            // A second file with the name extends the lexicon.
                            entry.2 = match (entry.2.take(), part) {
                                (Some(mut b), Some((file, _, spellings))) => {
                                    b.parts.push(Part {
                                        file,
                                        terms: entry.0.len() as u32,
                                        spellings: b.spellings,
                                    });
                                    b.spellings += spellings;
                                    Some(b)
                                }
                                _ => None,
                            };
                            entry.0.extend(terms);
                        } else {
                            let builtin = part.map(|(file, _, spellings)| BuiltinTerms {
                                parts: vec![Part {
                                    file,
                                    terms: 0,
                                    spellings: 0,
                                }],
                                spellings,
                            });
                            compiler
                                .lexicon_files
                                .insert(name, (terms, (*file).clone(), builtin));
                        }
                    }
                    Err(e) => errors.push(LoadError::at(&file.origin, &file.text, &e)),
                }
            }
        }
        for name in spec.lexicon_additions.keys() {
            if !compiler.lexicon_files.contains_key(name) {
                errors.push(LoadError::new(
                    "claimlint.yaml",
                    format!("`lexicons.{name}` adds terms to a lexicon that does not exist"),
                ));
            }
        }
        let mut rules: Vec<Rule> = Vec::new();
        let mut known = BTreeMap::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for file in &all_files {
            if is_lexicon(&file.rel) || is_data(&file.rel) {
                continue;
            }
            match load_rule(file, &mut compiler) {
                Ok(mut rule) => {
                    rule.market = file_market.get(file.origin.as_str()).map(|m| (*m).clone());
                    if let Some(previous) = seen.get(&rule.meta.id) {
                        errors.push(
                            LoadError {
                                text: Some(file.text.clone()),
                                ..LoadError::new(
                                    &file.origin,
                                    format!(
                                        "duplicate rule id `{}` (also defined in {previous})",
                                        rule.meta.id
                                    ),
                                )
                            }
                            .pointing_at(&rule.meta.id),
                        );
                        continue;
                    }
                    seen.insert(rule.meta.id.clone(), file.origin.clone());
                    let enabled = match spec.overrides.get(&rule.meta.id) {
                        Some(RuleOverride::Off) => false,
                        Some(RuleOverride::Severity(s)) => {
                            rule.meta.severity = *s;
                            true
                        }
                        None => true,
                    };
                    known.insert(rule.meta.id.clone(), enabled);
                    if enabled {
                        rules.push(rule);
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        for id in spec.overrides.keys() {
            if !known.contains_key(id) {
                errors.push(
                    LoadError::new(
                        "claimlint.yaml",
                        format!("`rules` names an unknown rule `{id}`"),
                    )
                    .with_help("run `claimlint rules` to list rule ids"),
                );
            }
        }
        let allow = if spec.allow.is_empty() {
            None
        } else {
            let terms = spec
                .allow
                .iter()
                .map(|p| TermEntry::Bare(p.clone()).into_term())
                .collect();
            match Lexicon::new("allow", terms) {
                Ok(l) => Some(l),
                Err(e) => {
                    errors.push(LoadError::new("claimlint.yaml", e));
                    None
                }
            }
        };
        let markets = crate::market::Markets::new(&spec.markets).unwrap_or_else(|e| {
            errors.push(LoadError::new(
                "claimlint.yaml",
                format!("`market_paths` has an {e}"),
            ));
            crate::market::Markets::default()
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        Ok(RuleSet {
            rules,
            lexicons: compiler.lexicons,
            known,
            internal: spec.internal.clone(),
            allow,
            automaton: OnceLock::new(),
            markets,
        })
    }

    /// The automata over every lexicon of the set.
    pub fn automaton(&self) -> &Automata {
        self.automaton.get_or_init(|| Automata::new(&self.lexicons))
    }

    /// The severity claimlint's own rule `id` is reported at, `None` when it is off.
    pub fn internal_severity(&self, id: &str) -> Option<crate::diagnostic::Severity> {
        match self.internal.get(id) {
            Some(RuleOverride::Off) => None,
            Some(RuleOverride::Severity(s)) => Some(*s),
            None => crate::internal::find(id).map(|r| r.severity),
        }
    }

    /// The lexicon behind an id.
    pub fn lexicon(&self, id: LexId) -> &Lexicon {
        &self.lexicons[id.0]
    }

    /// A rule by id, enabled or not.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.meta.id == id)
    }

    /// The rule with this id, or with this name after the pack (`disease-claim` finds
    /// `us-fda/disease-claim`) when exactly one rule has it.
    pub fn find(&self, id_or_name: &str) -> Option<&Rule> {
        self.rule(id_or_name).or_else(|| {
            let mut named = self
                .rules
                .iter()
                .filter(|r| r.meta.id.rsplit('/').next() == Some(id_or_name));
            let first = named.next()?;
            named.next().is_none().then_some(first)
        })
    }

    /// Run every rule over `doc` for the configured markets; diagnostics come back sorted
    /// by position.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        self.check_for(doc, None)
    }

    /// Run every rule over `doc` for each of its markets: its front matter's, else
    /// `file_markets` (from `market_paths:`), else the configured ones. With no market in
    /// use, every rule runs once and findings name no market.
    pub fn check_for(&self, doc: &Document, file_markets: Option<&[String]>) -> Vec<Diagnostic> {
        let ctx = Context::new(doc, self);
        if self.markets.markets.is_empty() {
            return self.run(doc, &ctx, None);
        }
        let (markets, mut out) = crate::market::markets_of(doc, &self.markets, file_markets);
        for m in &markets {
            let mut found = self.run(doc, &ctx, Some(m));
            found.extend(crate::market::unread_languages(doc, m));
            for d in &mut found {
                d.markets = vec![m.clone()];
            }
            out.extend(found);
        }
        let mut out = crate::market::merge(out);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        out
    }

    /// Add the claims of CamelCase hashtags (src/rules/hashtag.rs) that no claim rule has
    /// reported yet.
    fn hashtag_claims(&self, rules: &[&Rule], doc: &Document, out: &mut Vec<Diagnostic>) {
        let claimed = Spans::new(
            out.iter()
                .filter(|d| d.category == Category::DiseaseClaim)
                .map(|d| d.span)
                .collect(),
        );
        let tags = super::hashtag::claims(rules, self, doc, |s| claimed.intersects(s));
        out.extend(tags);
    }

    /// The markets of the file at `path`, when `market_paths:` names it.
    pub fn markets_for_path(&self, path: &std::path::Path) -> Option<Vec<String>> {
        self.markets.for_path(path)
    }

    /// Run the rules of `market` (and those of no market) over `doc`; every rule when
    /// `market` is `None`.
    fn run(&self, doc: &Document, ctx: &Context<'_>, market: Option<&str>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // Health claims come first, so their lawful sentences are known; mention rules come
        // last, since they report only what no other rule has.
        let phase = |r: &&Rule| match r.kind {
            RuleKind::HealthClaim(_) | RuleKind::Register(_) => 0,
            RuleKind::Mention(_) => 2,
            _ => 1,
        };
        let mut order: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| market.is_none() || r.market.is_none() || r.market.as_deref() == market)
            .collect();
        order.sort_by_key(phase);
        let market_rules: Vec<&Rule> = order.clone();
        let mut hashtags_read = false;
        let mut lawful: Vec<Span> = Vec::new();
        let mut health_rules: Vec<&str> = Vec::new();
        let mut mention_rules: Vec<&str> = Vec::new();
        for rule in order {
            // The claims run together in hashtags, once the claim rules have run and before
            // the mention rules, which leave the words a claim points at alone.
            if phase(&rule) == 2 && !hashtags_read {
                hashtags_read = true;
                self.hashtag_claims(&market_rules, doc, &mut out);
            }
            let before = out.len();
            match &rule.kind {
                RuleKind::Claim(r) => r.check(&rule.meta, ctx, &mut out),
                RuleKind::Required(r) => r.check(&rule.meta, ctx, &mut out),
                RuleKind::Dose(r) => r.check(&rule.meta, ctx, &mut out),
                RuleKind::Reference(r) => r.check(&rule.meta, ctx, &mut out),
                RuleKind::Pattern(r) => r.check(&rule.meta, ctx, &mut out),
                RuleKind::Panel(r) => r.check(&rule.meta, ctx, &mut out),
                RuleKind::Statement(r) => r.check(&rule.meta, ctx, &mut out),
                RuleKind::HealthClaim(r) => {
                    health_rules.push(&rule.meta.id);
                    r.check(&rule.meta, ctx, &mut lawful, &mut out);
                }
                RuleKind::Register(r) => {
                    health_rules.push(&rule.meta.id);
                    r.check(&rule.meta, ctx, &mut lawful, &mut out);
                }
                RuleKind::Mention(r) => {
                    mention_rules.push(&rule.meta.id);
                    let mut found = Vec::new();
                    r.check(&rule.meta, ctx, &out, &mut found);
                    out.append(&mut found);
                }
            }
            debug_assert!(out[before..].iter().all(|d| d.span.end <= doc.source.len()));
        }
        // The claims run together in hashtags; a mention finding that lies inside one of
        // them ("SAD" in "#BeatSAD") is the hashtag's claim now.
        if !hashtags_read {
            self.hashtag_claims(&market_rules, doc, &mut out);
        }
        super::answer::settle(doc, &mut out);
        // A lawful health claim is not a disease claim, and a heading over one names its
        // subject ("Selenium and cancer risk"): the mention rules' findings there are
        // dropped too (a claim word in it still claims). Spans are looked up by binary
        // search: a long page has thousands of each.
        if !lawful.is_empty() {
            let lawful = Spans::new(lawful);
            let headings = Spans::new(
                doc.blocks
                    .windows(2)
                    .filter(|w| {
                        w[0].kind == crate::document::BlockKind::Heading
                            && lawful.intersects(w[1].source_span())
                    })
                    .map(|w| w[0].source_span())
                    .collect(),
            );
            out.retain(|d| {
                let mention = mention_rules.contains(&d.rule.as_str());
                let health = health_rules.contains(&d.rule.as_str());
                !(mention && headings.contains(d.span))
                    && (d.category != Category::DiseaseClaim || health || !lawful.contains(d.span))
            });
        }
        if let Some(allow) = &self.allow {
            let allowed: Vec<Span> = doc
                .blocks
                .iter()
                .flat_map(|b| allow.find_all(&b.text).into_iter().map(|m| b.span(m.range)))
                .collect();
            out.retain(|d| !allowed.iter().any(|a| a.contains(d.span)));
        }
        nested_once(&mut out);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        out
    }
}

/// One disease claim, one finding: a finding of another claim rule that lies inside one,
/// starts after it and ends where it ends ("for ... zopiclone" inside "replacement for
/// zopiclone") is the same problem, and is dropped unless it is the more severe. Findings
/// on the very same words are kept: each names its own criterion.
fn nested_once(out: &mut Vec<Diagnostic>) {
    let mut claims: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].category == Category::DiseaseClaim)
        .collect();
    if claims.len() < 2 {
        return;
    }
    claims.sort_by_key(|&i| (out[i].span.end, out[i].span.start));
    let mut remove = vec![false; out.len()];
    let mut outer = claims[0];
    for &i in &claims[1..] {
        let (o, d) = (&out[outer], &out[i]);
        if d.span.end == o.span.end
            && d.span.start > o.span.start
            && d.rule != o.rule
            && d.severity <= o.severity
        {
            remove[i] = true;
        } else if d.span.end != o.span.end || d.severity > o.severity {
            outer = i;
        }
    }
    let mut i = 0;
    out.retain(|_| {
        let keep = !remove[i];
        i += 1;
        keep
    });
}

/// Spans sorted by start, with the greatest end up to each: which of them contains or
/// meets a span, in a binary search.
struct Spans {
    spans: Vec<Span>,
    max_end: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<Span>) -> Spans {
        spans.sort_by_key(|s| s.start);
        let max_end = spans
            .iter()
            .scan(0, |m, s| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        Spans { spans, max_end }
    }

    /// Whether one of the spans lies around `d`.
    fn contains(&self, d: Span) -> bool {
        let i = self.spans.partition_point(|s| s.start <= d.start);
        i > 0 && self.max_end[i - 1] >= d.end
    }

    /// Whether one of the spans shares a byte with `d`.
    fn intersects(&self, d: Span) -> bool {
        let i = self.spans.partition_point(|s| s.start < d.end);
        i > 0 && self.max_end[i - 1] > d.start
    }
}
