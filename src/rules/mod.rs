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

mod compiler;
mod context;
mod error;
mod regex;

pub use compiler::Compiler;
pub use context::Context;
pub use error::LoadError;
pub use regex::{Regex, RuleRegex, compile_alternation, compile_regex};

use crate::diagnostic::{Category, Diagnostic, Severity, Span};
use crate::document::Document;
use crate::yaml;
use lexicon::{Lexicon, LexiconFile, Term, TermEntry, Vocabulary};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The built-in rule packs, embedded at build time.
static BUILTIN: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/rules");

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
