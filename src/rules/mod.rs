//! Rules are data, rule kinds are code.
//!
//! A rule is one YAML file whose `kind` picks one of the typed kinds below. Loading is
//! strict: an unknown field, a wrong type, a bad regex or a missing lexicon is an error that
//! names the file, line and column. The built-in packs under `rules/` are embedded in the
//! binary; users add rule files and lexicon terms through `claimlint.yaml`.

pub mod claim;
pub mod dose;
pub mod lexicon;
pub mod pattern;
pub mod reference;
pub mod required;

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Document;
use crate::yaml;
use lexicon::{Candidates, LexMatch, Lexicon, LexiconFile, Term, TermEntry, Vocabulary};
use serde::Deserialize;
use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

/// The built-in rule packs, embedded at build time.
static BUILTIN: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/rules");

/// A problem loading a rule file, a lexicon or the config, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the user knows it (a path, or `rules/us-fda/x.yaml (built in)`).
    pub origin: String,
    /// What is wrong: lowercase, no trailing period.
    pub message: String,
    /// Where in the file, when known.
    pub span: Option<Span>,
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
    /// The file's text, for showing the line.
    pub text: Option<Arc<str>>,
    /// How to fix it.
    pub help: Option<String>,
}

impl LoadError {
    /// An error with no position.
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        LoadError {
            origin: origin.into(),
            message: message.into(),
            span: None,
            line_col: None,
            text: None,
            help: None,
        }
    }

    /// An error at a YAML position in `text`.
    pub fn at(origin: &str, text: &Arc<str>, err: &yaml::YamlError) -> Self {
        let span = err.offset.map(|o| {
            let end = text[o..].find('\n').map_or(text.len(), |i| o + i);
            Span::new(o, end.max(o))
        });
        LoadError {
            origin: origin.to_string(),
            message: err.message.clone(),
            span,
            line_col: err.line.zip(err.column),
            text: Some(text.clone()),
            help: None,
        }
    }

    /// Point this error at the first occurrence of `needle` in its text.
    /// A needle that was a YAML string (a regex, say) is also looked for as it is written
    /// inside double quotes, with its backslashes and quotes escaped.
    pub fn pointing_at(mut self, needle: &str) -> Self {
        let quoted = needle.replace('\\', "\\\\").replace('"', "\\\"");
        if let Some(text) = &self.text
            && let Some((at, len)) = text
                .find(needle)
                .map(|at| (at, needle.len()))
                .or_else(|| text.find(&quoted).map(|at| (at, quoted.len())))
        {
            self.span = Some(Span::new(at, at + len));
            let idx = crate::document::LineIndex::new(text);
            self.line_col = Some(idx.line_col(text, at));
        }
        self
    }

    /// Attach help.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_col {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

/// Where a rule's terms come from: a named lexicon, inline terms, or both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSource {
    /// A lexicon by name (`conditions`).
    #[serde(default)]
    pub lexicon: Option<String>,
    /// Inline terms.
    #[serde(default)]
    pub terms: Vec<TermEntry>,
}

/// The fields every rule carries, whatever its kind.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// Stable id, `pack/name`.
    pub id: String,
    /// One of the closed set.
    pub category: Category,
    /// Effective severity.
    pub severity: Severity,
    /// Message template (`{placeholders}` are filled per finding).
    pub message: String,
    /// The regulation or source.
    pub cite: Option<String>,
    /// How to fix a finding.
    pub help: String,
    /// One line for `claimlint rules`.
    pub summary: String,
    /// Full documentation in Markdown: what it checks, why, examples, the fix.
    pub docs: String,
    /// Where the rule came from.
    pub origin: String,
}

impl RuleMeta {
    /// A diagnostic of this rule with a filled-in message.
    pub fn diagnostic(&self, vars: &[(&str, &str)], span: Span) -> Diagnostic {
        let mut d = Diagnostic::new(
            self.id.clone(),
            self.category,
            self.severity,
            fill(&self.message, vars),
            span,
        );
        d.help = Some(fill(&self.help, vars));
        d.cite = self.cite.clone();
        d
    }
}

/// Replace `{name}` placeholders in `template`.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

macro_rules! rule_file {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// Stable id, `pack/name`.
            pub id: String,
            /// The rule kind.
            pub kind: String,
            /// Category (closed set).
            pub category: $crate::diagnostic::Category,
            /// Default severity.
            pub severity: $crate::diagnostic::Severity,
            /// Message template.
            pub message: String,
            /// Regulatory citation.
            #[serde(default)]
            pub cite: Option<String>,
            /// Help template.
            pub help: String,
            /// One-line summary (default: the message).
            #[serde(default)]
            pub summary: String,
            /// Full documentation.
            #[serde(default)]
            pub docs: String,
            $($(#[$fm])* pub $field: $ty),*
        }

        impl $name {
            pub(crate) fn meta(&self, origin: &str) -> $crate::rules::RuleMeta {
                $crate::rules::RuleMeta {
                    id: self.id.clone(),
                    category: self.category,
                    severity: self.severity,
                    message: self.message.clone(),
                    cite: self.cite.clone(),
                    help: self.help.clone(),
                    summary: if self.summary.trim().is_empty() {
                        self.message.clone()
                    } else {
                        self.summary.clone()
                    },
                    docs: self.docs.clone(),
                    origin: origin.to_string(),
                }
            }
        }
    };
}
pub(crate) use rule_file;

/// Only the `kind` of a rule file, read first to pick the typed kind.
#[derive(Deserialize)]
struct KindProbe {
    kind: Option<String>,
    id: Option<String>,
}

/// The kinds a rule can have.
pub const KINDS: &[&str] = &["claim", "required", "dose", "reference", "pattern"];

/// A compiled rule of some kind.
#[derive(Debug)]
pub enum RuleKind {
    /// Claim words near target terms (disease claims).
    Claim(claim::ClaimRule),
    /// Text that must appear (the DSHEA disclaimer).
    Required(required::RequiredRule),
    /// Amounts against upper limits.
    Dose(dose::DoseRule),
    /// Evidence and reference checks.
    Reference(reference::ReferenceRule),
    /// Regular expressions.
    Pattern(pattern::PatternRule),
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Id, category, severity, message, docs.
    pub meta: RuleMeta,
    /// What it checks.
    pub kind: RuleKind,
    /// The kind's name.
    pub kind_name: &'static str,
}

impl Rule {
    /// The rule's full documentation as Markdown: what `claimlint explain` prints and what
    /// `docs/rules/` holds.
    pub fn documentation(&self) -> String {
        let m = &self.meta;
        let mut out = format!("# {}\n\n{}\n\n", m.id, m.summary);
        out.push_str(&format!("- kind: `{}`\n", self.kind_name));
        out.push_str(&format!("- category: `{}`\n", m.category));
        out.push_str(&format!("- default severity: `{}`\n", m.severity));
        if let Some(c) = &m.cite {
            out.push_str(&format!("- regulation: {c}\n"));
        }
        out.push('\n');
        out.push_str(m.docs.trim());
        out.push('\n');
        out
    }
}

/// Identifies a compiled lexicon within a [`RuleSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LexId(pub usize);

/// A source file of rules or lexicons: where it came from and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to its pack root, e.g. `lexicons/conditions.yaml`.
    pub rel: String,
    /// Name shown in errors.
    pub origin: String,
    /// Text.
    pub text: Arc<str>,
}

/// What the RuleSet is built from: packs (built in or from disk), extra terms, overrides.
#[derive(Debug, Clone, Default)]
pub struct RuleSetSpec {
    /// Rule packs by name; each is a list of files.
    pub packs: Vec<(String, Vec<SourceFile>)>,
    /// Extra rule files and lexicons (user's own).
    pub extra: Vec<SourceFile>,
    /// Terms to add to named lexicons.
    pub lexicon_additions: BTreeMap<String, Vec<Term>>,
    /// Rule overrides: id -> None (off) or Some(severity).
    pub overrides: BTreeMap<String, RuleOverride>,
    /// Approved phrases: findings inside them are dropped.
    pub allow: Vec<String>,
}

/// A config change to one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleOverride {
    /// Turn the rule off.
    Off,
    /// Change its severity.
    Severity(Severity),
}

/// The files of a built-in pack, or `None` when there is no such pack.
pub fn builtin_pack(name: &str) -> Option<Vec<SourceFile>> {
    let dir = BUILTIN.get_dir(name)?;
    let mut files = Vec::new();
    collect_builtin(dir, name, &mut files);
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Some(files)
}

fn collect_builtin(dir: &include_dir::Dir<'static>, pack: &str, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        let path = file.path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let Some(text) = file.contents_utf8() else {
            continue;
        };
        let rel = path
            .strip_prefix(pack)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        out.push(SourceFile {
            origin: format!("rules/{} (built in)", path.to_string_lossy()),
            rel,
            text: Arc::from(text),
        });
    }
    for sub in dir.dirs() {
        collect_builtin(sub, pack, out);
    }
}

/// Names of the built-in packs.
pub fn builtin_pack_names() -> Vec<String> {
    BUILTIN
        .dirs()
        .map(|d| d.path().to_string_lossy().into_owned())
        .collect()
}

/// Compiles lexicons on demand while rules are loaded.
pub struct Compiler {
    lexicon_files: HashMap<String, (Vec<Term>, SourceFile)>,
    additions: BTreeMap<String, Vec<Term>>,
    lexicons: Vec<Lexicon>,
    by_name: HashMap<String, LexId>,
    data_files: HashMap<String, SourceFile>,
    /// Nutrient tables already loaded, by their path in the pack: the dose rules that share
    /// a table share one copy of it (and its readings of each document, see [`Context`]).
    pub(crate) tables: HashMap<String, dose::SharedTable>,
    /// Whether the file being compiled is a built-in one (see [`RuleRegex`]).
    builtin_file: bool,
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

/// All rules, compiled once per run.
#[derive(Debug)]
pub struct RuleSet {
    /// Enabled rules, in id order.
    pub rules: Vec<Rule>,
    /// Every compiled lexicon, indexed by [`LexId`].
    pub lexicons: Vec<Lexicon>,
    /// Ids of every rule that exists, enabled or not (for suppression checks).
    pub known: BTreeMap<String, bool>,
    allow: Option<Lexicon>,
    /// Where the terms of the first 64 lexicons can start, for one pass per block.
    vocabulary: Vocabulary,
}

fn is_lexicon(rel: &str) -> bool {
    rel.starts_with("lexicons/") || rel.contains("/lexicons/")
}

fn is_data(rel: &str) -> bool {
    rel.starts_with("data/") || rel.contains("/data/")
}

impl RuleSet {
    /// The built-in `us-fda` pack with no changes.
    pub fn builtin() -> Result<RuleSet, Vec<LoadError>> {
        let files = builtin_pack("us-fda").unwrap_or_default();
        RuleSet::build(&RuleSetSpec {
            packs: vec![("us-fda".into(), files)],
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
        let mut compiler = Compiler {
            lexicon_files: HashMap::new(),
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
                match yaml::from_str::<LexiconFile>(&file.text) {
                    Ok(lex) => {
                        let terms: Vec<Term> =
                            lex.terms.into_iter().map(TermEntry::into_term).collect();
                        if let Some(entry) = compiler.lexicon_files.get_mut(&lex.lexicon) {
                            // A user lexicon with a built-in name extends it.
                            entry.0.extend(terms);
                        } else {
                            compiler
                                .lexicon_files
                                .insert(lex.lexicon.clone(), (terms, (*file).clone()));
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
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        let vocabulary = Vocabulary::new(compiler.lexicons.iter().map(Lexicon::spellings));
        Ok(RuleSet {
            rules,
            lexicons: compiler.lexicons,
            known,
            allow,
            vocabulary,
        })
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

    /// Run every rule over `doc`; diagnostics come back sorted by position.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let ctx = Context::new(doc, self);
        let mut out = Vec::new();
        for rule in &self.rules {
            let before = out.len();
            match &rule.kind {
                RuleKind::Claim(r) => r.check(&rule.meta, &ctx, &mut out),
                RuleKind::Required(r) => r.check(&rule.meta, &ctx, &mut out),
                RuleKind::Dose(r) => r.check(&rule.meta, &ctx, &mut out),
                RuleKind::Reference(r) => r.check(&rule.meta, &ctx, &mut out),
                RuleKind::Pattern(r) => r.check(&rule.meta, &ctx, &mut out),
            }
            debug_assert!(out[before..].iter().all(|d| d.span.end <= doc.source.len()));
        }
        if let Some(allow) = &self.allow {
            let allowed: Vec<Span> = doc
                .blocks
                .iter()
                .flat_map(|b| allow.find_all(&b.text).into_iter().map(|m| b.span(m.range)))
                .collect();
            out.retain(|d| !allowed.iter().any(|a| a.contains(d.span)));
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        out
    }
}

fn load_rule(file: &SourceFile, compiler: &mut Compiler) -> Result<Rule, LoadError> {
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
            }
        }};
    }
    let rule = match kind.as_str() {
        "claim" => compile!(claim::ClaimFile, Claim, claim, "claim"),
        "required" => compile!(required::RequiredFile, Required, required, "required"),
        "dose" => compile!(dose::DoseFile, Dose, dose, "dose"),
        "reference" => compile!(reference::ReferenceFile, Reference, reference, "reference"),
        "pattern" => compile!(pattern::PatternFile, Pattern, pattern, "pattern"),
        other => {
            return Err(with_text(format!("unknown rule kind `{other}`"))
                .pointing_at(&format!("kind: {other}"))
                .with_help(format!("use one of: {}", KINDS.join(", "))));
        }
    };
    Ok(rule)
}

/// A compiled rule regex: regex-automata's meta regex, which the `regex` crate wraps, built
/// without a literal prefilter (see [`compile_regex`]).
pub type Regex = regex_automata::meta::Regex;

/// Compile a regular expression from a rule file, with a size limit.
///
/// Built without the literal prefilter the `regex` crate always tries: rules search short
/// blocks (a paragraph, ~110 bytes on average), where setting up the prefilter's search
/// costs more than the lazy DFA's pass, and working out the prefilter for a case-insensitive
/// alternation was most of its compile time. Measured on the 5 MB corpus, per block:
/// `miracle-claim` 142 → 351 MB/s, `implied-disease-claim` 353 → 387 MB/s, and compiling
/// the latter 2.8 → 1.4 ms, which every run that lints a sentence pays.
pub fn compile_regex(pattern: &str) -> Result<Regex, (String, String)> {
    const SIZE_LIMIT: usize = 2 * 1024 * 1024;
    let config = regex_automata::meta::Config::new()
        .auto_prefilter(false)
        .nfa_size_limit(Some(SIZE_LIMIT));
    if let Ok(re) = Regex::builder().configure(config).build(pattern) {
        return Ok(re);
    }
    // The `regex` crate words its errors better; it fails on the same patterns.
    let err = match regex::RegexBuilder::new(pattern)
        .size_limit(SIZE_LIMIT)
        .build()
    {
        Err(e) => e.to_string(),
        Ok(_) => "it does not compile".to_string(),
    };
    let detail = err.lines().last().unwrap_or("").trim();
    let detail = detail.trim_end_matches('.');
    let mut chars = detail.chars();
    let detail: String = match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    Err((
        pattern.to_string(),
        format!("invalid regular expression `{pattern}`: {detail}"),
    ))
}

fn alternation(patterns: &[String]) -> String {
    patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// A regular expression from a rule file, compiled once.
///
/// Compiling the built-in pack's regexes took a third of the startup (the two document
/// regexes of `deficiency-disease-claim` alone, with their Unicode `\b` and `[^.]{0,160}`,
/// about 5 ms), and most runs need few of them. So a built-in file's regexes are compiled
/// on first use: those files are exactly the text build.rs embedded, and a test compiles
/// every regex in them. A user's rule file is compiled at load, so a bad pattern is an
/// error that names the file, line and column.
#[derive(Debug)]
pub struct RuleRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
}

impl RuleRegex {
    /// The compiled regex.
    pub fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            // A built-in pattern always compiles (tested); should one not, it matches nothing
            // rather than stopping the run.
            compile_regex(&self.pattern)
                .unwrap_or_else(|_| Regex::new("[a&&b]").expect("an empty class"))
        })
    }
}

/// Compile the alternation of `patterns`, each of which must be valid on its own.
///
/// Compiling every pattern alone to check it cost as much as compiling the alternation, so
/// each is only parsed (cheap); when that or the alternation fails, the patterns are
/// compiled one by one, as before, so errors name the same pattern with the same message.
pub fn compile_alternation(patterns: &[String]) -> Result<Regex, (String, String)> {
    let joined = alternation(patterns);
    if patterns
        .iter()
        .all(|p| regex_syntax::Parser::new().parse(p).is_ok())
        && let Ok(re) = compile_regex(&joined)
    {
        return Ok(re);
    }
    for p in patterns {
        compile_regex(p)?;
    }
    compile_regex(&joined)
}

/// What rules share while checking one document: lexicon matches per block, computed once,
/// when a rule first asks for them. A document's rules run on one thread, so the caches are
/// plain cells (`OnceLock`'s synchronisation was 7% of a lint).
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The rules and lexicons.
    pub set: &'a RuleSet,
    /// Per block: where terms can start, from one pass over its words.
    candidates: Vec<OnceCell<Candidates>>,
    /// Per lexicon and block (`lexicon * blocks + block`).
    matches: Vec<OnceCell<Vec<LexMatch>>>,
    /// Per block: where its words start.
    words: Vec<OnceCell<Vec<usize>>>,
    /// Dose readings of the document, by what they were read with (see `dose`).
    dose_readings: RefCell<Vec<(dose::ReadingKey, Rc<Vec<dose::reading::Sentence>>)>>,
}

impl<'a> Context<'a> {
    fn new(doc: &'a Document, set: &'a RuleSet) -> Self {
        let blocks = doc.blocks.len();
        Context {
            doc,
            set,
            candidates: (0..blocks).map(|_| OnceCell::new()).collect(),
            matches: (0..set.lexicons.len() * blocks)
                .map(|_| OnceCell::new())
                .collect(),
            words: (0..blocks).map(|_| OnceCell::new()).collect(),
            dose_readings: RefCell::new(Vec::new()),
        }
    }

    /// The dose readings made with `key`, read by `read` the first time they are asked for.
    pub(crate) fn dose_readings(
        &self,
        key: dose::ReadingKey,
        read: impl FnOnce() -> Vec<dose::reading::Sentence>,
    ) -> Rc<Vec<dose::reading::Sentence>> {
        let cached = self
            .dose_readings
            .borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| s.clone());
        if let Some(s) = cached {
            return s;
        }
        // Read without holding the borrow: reading asks the context for lexicon matches.
        let read = Rc::new(read());
        self.dose_readings.borrow_mut().push((key, read.clone()));
        read
    }

    /// Matches of lexicon `id` in block `block`.
    pub fn matches(&self, id: LexId, block: usize) -> &[LexMatch] {
        self.matches[id.0 * self.doc.blocks.len() + block].get_or_init(|| {
            let lex = self.set.lexicon(id);
            let text = &self.doc.blocks[block].text;
            if id.0 < lexicon::VOCABULARY_SLOTS {
                let candidates = self.candidates[block]
                    .get_or_init(|| Candidates::new(&self.set.vocabulary, text));
                lex.find_at(text, candidates, id.0)
            } else {
                lex.find_all(text)
            }
        })
    }

    /// Matches of lexicon `id` in block `block` that lie inside `range`.
    pub fn matches_in(
        &self,
        id: LexId,
        block: usize,
        range: &std::ops::Range<usize>,
    ) -> &[LexMatch] {
        let all = self.matches(id, block);
        let lo = all.partition_point(|m| m.range.start < range.start);
        let hi = all.partition_point(|m| m.range.start < range.end);
        let hi = hi.max(lo);
        // A match starting inside but running past the range is cut off here.
        let mut end = hi;
        while end > lo && all[end - 1].range.end > range.end {
            end -= 1;
        }
        &all[lo..end]
    }

    /// Byte offsets where words start in block `block`.
    pub fn word_starts(&self, block: usize) -> &[usize] {
        self.words[block].get_or_init(|| {
            let mut starts = Vec::new();
            let mut prev_word = false;
            for (i, c) in self.doc.blocks[block].text.char_indices() {
                let w = lexicon::is_word_char(c);
                if w && !prev_word {
                    starts.push(i);
                }
                prev_word = w || (prev_word && (c == '\'' || c == '’'));
            }
            starts
        })
    }

    /// Number of words starting in `from..to` of block `block`.
    pub fn words_between(&self, block: usize, from: usize, to: usize) -> usize {
        if to <= from {
            return 0;
        }
        let starts = self.word_starts(block);
        starts.partition_point(|&s| s < to) - starts.partition_point(|&s| s < from)
    }
}

#[cfg(test)]
mod regex_tests {
    use super::*;

    #[test]
    fn every_builtin_regex_compiles() {
        // Built-in regexes are compiled on first use (see `RuleRegex`): check them all here.
        let mut checked = 0;
        for f in builtin_pack("us-fda").unwrap() {
            let value: serde_json::Value = yaml::from_str(&f.text).unwrap();
            for key in ["unless_document_matches", "citations", "patterns"] {
                let Some(list) = value[key].as_array() else {
                    continue;
                };
                let patterns: Vec<String> = list
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect();
                for p in &patterns {
                    compile_regex(p).unwrap_or_else(|e| panic!("{}: {}", f.rel, e.1));
                    checked += 1;
                }
                compile_alternation(&patterns).unwrap_or_else(|e| panic!("{}: {}", f.rel, e.1));
            }
        }
        assert!(checked >= 10, "{checked}");
    }

    #[test]
    fn builtin_regexes_wait_for_first_use_and_user_ones_do_not() {
        let builtin = Compiler {
            lexicon_files: HashMap::new(),
            additions: BTreeMap::new(),
            lexicons: Vec::new(),
            by_name: HashMap::new(),
            data_files: HashMap::new(),
            tables: HashMap::new(),
            builtin_file: true,
        };
        let lazy = builtin.regex("(?i)miracle").unwrap();
        assert!(lazy.compiled.get().is_none());
        assert!(lazy.get().is_match("A Miracle"));
        let user = Compiler {
            builtin_file: false,
            ..builtin
        };
        assert!(user.regex("(?i)miracle").unwrap().compiled.get().is_some());
        let err = user.regex("(unclosed").unwrap_err();
        assert!(
            err.1.starts_with("invalid regular expression `(unclosed`"),
            "{}",
            err.1
        );
        // What a broken built-in pattern would become: nothing, never a panic.
        let broken = RuleRegex {
            pattern: "(unclosed".into(),
            compiled: OnceLock::new(),
        };
        assert!(!broken.get().is_match("anything (unclosed"));
    }
}
