//! `claimlint.yaml`: found by walking up from the working directory, or given with
//! `--config`. Strict: an unknown key is an error with its line and column.
//!
//! ```yaml
//! market: [us, eu]                 # markets pages are sold in (default: us); docs/markets.md
//! market_paths:                    # per path; the first entry that matches wins
//!   - {paths: ["copy/eu/**"], market: eu}
//! packs: [us-fda]                  # built-in pack names, or paths to pack folders
//! rule_files: [rules/brand]        # extra rule files or folders (lexicons/ and data/ inside)
//! rules:
//!   us-fda/miracle-claim: off      # off | error | warning | info
//!   us-fda/dose-above-upper-limit: error
//! lexicons:
//!   conditions:
//!     add: [brain fog]             # or full entries: {term: ..., aliases: [...], replacement: ...}
//! allow: ["clinically studied ingredient"]   # approved phrases: findings inside them are dropped
//! include: ["copy/**"]             # globs, relative to the config file
//! exclude: ["copy/archive/**"]
//! labels: ["labels/**"]            # files that are labels (the package itself), as `include`
//! fail_on: warning                 # error | warning | info
//! max_file_size: 10485760          # bytes
//! csv:                             # catalog exports
//!   columns: [Title, Body (HTML)]  # header names of the columns to lint
//!   id_columns: [Handle, SKU]      # header names that identify a product
//! ```

use crate::diagnostic::Severity;
use crate::document::ParseOptions;
use crate::document::csv::CsvOptions;
use crate::rules::lexicon::{Term, TermEntry};
use crate::rules::{self, LoadError, RuleOverride, RuleSet, RuleSetSpec};
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod rule_path;

use rule_path::is_rule_file;
pub use rule_path::read_rule_path;

/// File names searched for, in order, in each folder up from the working directory.
pub const FILE_NAMES: &[&str] = &["claimlint.yaml", ".claimlint.yaml", "claimlint.yml"];

/// Default `max_file_size`: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Terms added to a lexicon.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconChange {
    /// Entries to add.
    #[serde(default)]
    pub add: Vec<TermEntry>,
}

/// The config file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// The markets pages are linted for (default: `us`).
    #[serde(default)]
    pub market: Option<crate::market::MarketList>,
    /// Markets by path: the first entry whose globs match a file sets its markets.
    #[serde(default)]
    pub market_paths: Vec<crate::market::MarketPath>,
    /// Packs to load besides the markets' (default: none; without `market:`, `[us-fda]`).
    #[serde(default)]
    pub packs: Option<Vec<String>>,
    /// Extra rule files or folders.
    #[serde(default)]
    pub rule_files: Vec<String>,
    /// Per-rule changes: `off` or a severity.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    /// Terms to add to lexicons, by lexicon name.
    #[serde(default)]
    pub lexicons: BTreeMap<String, LexiconChange>,
    /// Approved phrases.
    #[serde(default)]
    pub allow: Vec<String>,
    /// Globs of files to lint when walking folders.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to skip when walking folders.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Globs of files that are labels, the package itself and not copy about it: the checks
    /// of what a label must carry (identity, net quantity, allergens...) run on them, and on
    /// files whose front matter says `kind: label`, and on no others.
    #[serde(default)]
    pub labels: Vec<String>,
    /// The lowest severity that fails the run.
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Files larger than this many bytes are skipped with a warning.
    #[serde(default)]
    pub max_file_size: Option<u64>,
    /// Which columns of a catalog export (`.csv`) are linted and which name the product.
    #[serde(default)]
    pub csv: Option<CsvOptions>,
}

/// A loaded config and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file, when there is one.
    pub path: Option<PathBuf>,
    /// Its contents.
    pub file: ConfigFile,
    text: Option<Arc<str>>,
}

/// The built-in rules of `markets` (`["us", "eu"]`), as `market: [...]` in a config with
/// nothing else would build them.
pub fn rules_for_markets(markets: &[&str]) -> Result<RuleSet, Vec<LoadError>> {
    let config = Config {
        file: ConfigFile {
            market: Some(crate::market::MarketList::Many(
                markets.iter().map(|m| (*m).to_string()).collect(),
            )),
            ..ConfigFile::default()
        },
        ..Config::default()
    };
    config.build_rules()
}

/// Find a config file in `start` or any folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        for name in FILE_NAMES {
            let candidate = d.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        dir = d.parent();
    }
    None
}

impl Config {
    /// Read and parse a config file.
    pub fn load(path: &Path) -> Result<Config, LoadError> {
        let origin = path.display().to_string();
        let text = crate::load::read_text(path)
            .map_err(|e| LoadError::new(&origin, format!("cannot read the config file: {e}")))?;
        let text: Arc<str> = Arc::from(text);
        let file: ConfigFile = if text.trim().is_empty() {
            ConfigFile::default()
        } else {
            yaml::from_str(&text).map_err(|e| LoadError::at(&origin, &text, &e))?
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            file,
            text: Some(text),
        })
    }

    /// The folder relative paths in the config are resolved against.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    fn origin(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "claimlint.yaml".into(), |p| p.display().to_string())
    }

    fn error(&self, message: String, needle: &str) -> LoadError {
        LoadError {
            text: self.text.clone(),
            ..LoadError::new(self.origin(), message)
        }
        .pointing_at(needle)
    }

    /// An error pointing at `key` in the top-level mapping `section` of the config file (at
    /// the section when the key is not found there, at the start when neither is).
    fn error_at_key(&self, section: &str, key: &str) -> LoadError {
        let mut e = LoadError {
            text: self.text.clone(),
            ..LoadError::new(self.origin(), String::new())
        };
        if let Some(text) = self.text.as_deref()
            && let Some((at, len)) = key_in_section(text, section, key)
        {
            e.span = Some(crate::diagnostic::Span::new(at, at + len));
            e.line_col = Some(crate::document::LineIndex::new(text).line_col(text, at));
        }
        e
    }

    /// The effective failure threshold.
    pub fn fail_on(&self) -> Severity {
        self.file.fail_on.unwrap_or(Severity::Warning)
    }

    /// How to parse sources, as configured.
    pub fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            csv: self.file.csv.clone().unwrap_or_default(),
            markets: None,
            label: false,
        }
    }

    /// Which files are labels (`labels:`), as globs relative to the config file; an invalid
    /// glob is an error pointing at it.
    pub fn label_globs(&self) -> Result<crate::walk::PathGlobs, LoadError> {
        crate::walk::PathGlobs::new(&self.file.labels, &self.base_dir()).map_err(|e| {
            let needle = self
                .file
                .labels
                .iter()
                .find(|g| e.contains(&format!("`{g}`")))
                .cloned()
                .unwrap_or_else(|| "labels:".into());
            self.error(format!("`labels`: {e}"), &needle)
        })
    }

    /// The effective size limit.
    pub fn max_file_size(&self) -> u64 {
        self.file.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// What the RuleSet is built from, reading any rule files the config names.
    pub fn ruleset_spec(&self) -> Result<RuleSetSpec, Vec<LoadError>> {
        let mut errors = Vec::new();
        let mut spec = RuleSetSpec::default();
        let base = self.base_dir();
        let packs = self.market_packs(&mut spec, &mut errors);
        for pack in &packs {
            if spec.packs.iter().any(|(name, _)| name == pack) {
                continue;
            }
            // A pack named in full replaces the lexicons borrowed from it.
            spec.packs
                .retain(|(name, _)| *name != format!("{pack} (lexicons)"));
            if let Some(files) = rules::builtin_pack(pack) {
                spec.packs.push((pack.clone(), files));
            } else if pack.contains('/') || pack.starts_with('.') {
                match read_rule_path(&base.join(pack)) {
                    Ok(files) if !files.iter().any(|f| is_rule_file(&f.rel)) => errors.push(
                        self.error(format!("the rule pack `{pack}` holds no rule files"), pack)
                            .with_help(
                                "a pack folder holds rule files (`*.yaml`), with `lexicons/` \
                                 and `data/` beside them",
                            ),
                    ),
                    Ok(files) => spec.packs.push((pack.clone(), files)),
                    Err(e) => errors.push(e),
                }
            } else {
                errors.push(
                    self.error(format!("there is no rule pack named `{pack}`"), pack)
                        .with_help(format!(
                            "built-in packs: {}; a pack folder is written as a path (./my-pack)",
                            rules::builtin_pack_names().join(", ")
                        )),
                );
            }
        }
        for path in &self.file.rule_files {
            match read_rule_path(&base.join(path)) {
                Ok(files) => spec.extra.extend(files),
                Err(e) => errors.push(e),
            }
        }
        for (id, setting) in &self.file.rules {
            let at_key = || self.error_at_key("rules", id);
            let o = match setting.trim().to_ascii_lowercase().as_str() {
                "off" | "false" | "disabled" => RuleOverride::Off,
                "error" => RuleOverride::Severity(Severity::Error),
                "warning" => RuleOverride::Severity(Severity::Warning),
                "info" => RuleOverride::Severity(Severity::Info),
                other => {
                    errors.push(
                        at_key()
                            .with_message(format!("`{other}` is not a rule setting for `{id}`"))
                            .with_help("use off, error, warning or info"),
                    );
                    continue;
                }
            };
            if id.starts_with("claimlint/") {
                match crate::internal::find(id).filter(|r| r.id == id) {
                    Some(r) if r.configurable => {
                        spec.internal.insert(id.clone(), o);
                    }
                    Some(_) => errors.push(
                        at_key()
                            .with_message(format!("`{id}` cannot be changed"))
                            .with_help(
                                "an input error means part of the copy was not read; fix the input instead",
                            ),
                    ),
                    None => errors.push(unknown_rule(at_key(), id)),
                }
                continue;
            }
            spec.overrides.insert(id.clone(), o);
        }
        for (name, change) in &self.file.lexicons {
            let terms: Vec<Term> = change
                .add
                .iter()
                .cloned()
                .map(TermEntry::into_term)
                .collect();
            spec.lexicon_additions.insert(name.clone(), terms);
        }
        spec.allow = self.file.allow.clone();
        if errors.is_empty() {
            Ok(spec)
        } else {
            Err(errors)
        }
    }

    /// The markets' packs, loaded into `spec`, and the other packs `packs:` names. With
    /// `packs:` and no `market:` (nor `market_paths:`), no market is in use and `packs:`
    /// works as it did before markets: it replaces the default `[us-fda]`.
    fn market_packs(&self, spec: &mut RuleSetSpec, errors: &mut Vec<LoadError>) -> Vec<String> {
        use crate::market;
        let f = &self.file;
        let extra = f.packs.clone().unwrap_or_default();
        if f.packs.is_some() && f.market.is_none() && f.market_paths.is_empty() {
            return extra;
        }
        let check = |names: Vec<String>, needle: &str, errors: &mut Vec<LoadError>| {
            let mut ok = Vec::new();
            for n in names {
                if market::market(&n).is_some() {
                    ok.push(n);
                } else {
                    errors.push(
                        self.error(format!("there is no market named `{n}`"), needle)
                            .with_help(format!("markets: {}", market::names())),
                    );
                }
            }
            ok
        };
        let no_market = |errors: &mut Vec<LoadError>, message: &str, needle: &str| {
            errors.push(
                self.error(message.into(), needle)
                    .with_help(format!("markets: {}", market::names())),
            );
        };
        let markets = match &f.market {
            Some(m) if m.names().is_empty() => {
                no_market(errors, "`market` names no market", "market:");
                Vec::new()
            }
            Some(m) => check(m.names(), "market:", errors),
            None => vec![market::DEFAULT.to_string()],
        };
        let mut loaded = markets.clone();
        for entry in &f.market_paths {
            let names = check(entry.market.names(), "market_paths:", errors);
            if names.is_empty() {
                no_market(
                    errors,
                    "an entry of `market_paths` names no market",
                    "market_paths:",
                );
            }
            for n in &names {
                if !loaded.contains(n) {
                    loaded.push(n.clone());
                }
            }
            spec.markets.paths.push((entry.paths.clone(), names));
        }
        let mut borrowed = Vec::new();
        for name in &loaded {
            let Some(def) = market::market(name) else {
                continue;
            };
            for pack in def.packs {
                if let Some(files) = rules::builtin_pack(pack) {
                    spec.markets
                        .pack_markets
                        .insert((*pack).to_string(), name.clone());
                    spec.packs.push(((*pack).to_string(), files));
                }
            }
            borrowed.extend(def.lexicons_from.iter().copied());
        }
        // Lexicons a market's packs read by name, from packs whose rules are not loaded.
        for pack in borrowed {
            if spec.packs.iter().any(|(n, _)| n == pack) {
                continue;
            }
            if let Some(files) = rules::builtin_pack(pack) {
                let lexicons = files
                    .into_iter()
                    .filter(|f| f.rel.starts_with("lexicons/"))
                    .collect();
                spec.packs.push((format!("{pack} (lexicons)"), lexicons));
            }
        }
        spec.markets.markets = markets;
        spec.markets.loaded = loaded;
        spec.markets.base = self.base_dir();
        extra
    }

    /// Build the rules this config asks for. A config that leaves no rule to run is an
    /// error: every file would pass, whatever it says.
    pub fn build_rules(&self) -> Result<RuleSet, Vec<LoadError>> {
        let spec = self.ruleset_spec()?;
        let rules = RuleSet::build(&spec).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| self.locate(e))
                .collect::<Vec<_>>()
        })?;
        if !rules.rules.is_empty() {
            return Ok(rules);
        }
        let (needle, help) = if rules.known.is_empty() {
            (
                "packs:",
                "name a pack (`packs: [us-fda]`) or rule files, or remove `packs` for the \
                 built-in rules",
            )
        } else {
            ("rules:", "turn at least one rule back on")
        };
        Err(vec![
            self.error("no rules to run: every file would pass".into(), needle)
                .with_help(help),
        ])
    }

    /// Fill in the config file's text for errors reported while building rules.
    pub fn locate(&self, mut e: LoadError) -> LoadError {
        if e.origin == "claimlint.yaml"
            && e.text.is_none()
            && let Some(id) = e.message.strip_prefix(UNKNOWN_RULE_PREFIX)
        {
            let id = id.trim_end_matches('`');
            return LoadError {
                message: e.message.clone(),
                help: e.help.clone(),
                ..self.error_at_key("rules", id)
            };
        }
        if e.origin == "claimlint.yaml" && e.text.is_none() {
            e.origin = self.origin();
            e.text = self.text.clone();
            if let Some(needle) = e
                .message
                .split('`')
                .nth(1)
                .map(|s| s.trim_start_matches("lexicons.").to_string())
            {
                e = e.pointing_at(&needle);
            }
        }
        e
    }
}

/// How [`RuleSet::build`] begins the message for an id under `rules:` that no rule has.
const UNKNOWN_RULE_PREFIX: &str = "`rules` names an unknown rule `";

fn unknown_rule(at: LoadError, id: &str) -> LoadError {
    at.with_message(format!("{UNKNOWN_RULE_PREFIX}{id}`"))
        .with_help("run `claimlint rules` to list rule ids")
}

/// Where `key` is written as a key of the top-level mapping `section` in the YAML `text`:
/// its byte offset and length (quotes included). Block mappings and flow mappings on the
/// section's line are both looked through; `None` when the key is not there.
pub fn key_in_section(text: &str, section: &str, key: &str) -> Option<(usize, usize)> {
    let spellings = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    let is_key_at = |rest: &str| -> Option<usize> {
        spellings.iter().find_map(|k| {
            let after = rest.strip_prefix(k.as_str())?;
            after.trim_start().starts_with(':').then_some(k.len())
        })
    };
    let mut offset = 0;
    let mut in_section = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim_start();
        let indent = body.len() - trimmed.len();
        if indent == 0 && !trimmed.is_empty() && !trimmed.starts_with('#') {
            in_section = false;
            if let Some(rest) = trimmed.strip_prefix(section)
                && let Some(rest) = rest.trim_start().strip_prefix(':')
            {
                in_section = true;
                // A flow mapping on the section's line: `rules: {a: off, b: info}`.
                let rest_at = start + body.len() - rest.len();
                let mut pos = 0;
                while let Some(i) = rest[pos..].find([',', '{']) {
                    let item = &rest[pos + i + 1..];
                    let lead = item.len() - item.trim_start().len();
                    if let Some(len) = is_key_at(item.trim_start()) {
                        return Some((rest_at + pos + i + 1 + lead, len));
                    }
                    pos += i + 1;
                }
            }
            continue;
        }
        if in_section && let Some(len) = is_key_at(trimmed) {
            return Some((start + indent, len));
        }
    }
    // The section itself, when the key is not in it.
    let at = text
        .split_inclusive('\n')
        .scan(0, |o, l| {
            let s = *o;
            *o += l.len();
            Some((s, l))
        })
        .find(|(_, l)| {
            l.strip_prefix(section)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|(s, _)| s)?;
    Some((at, section.len()))
}
