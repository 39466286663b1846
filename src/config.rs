//! `claimlint.yaml`: found by walking up from the working directory, or given with
//! `--config`. Strict: an unknown key is an error with its line and column.
//!
//! ```yaml
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
use crate::rules::{self, LoadError, RuleOverride, RuleSet, RuleSetSpec, SourceFile};
use crate::yaml;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Packs to load (default: `[us-fda]`).
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

    /// The effective failure threshold.
    pub fn fail_on(&self) -> Severity {
        self.file.fail_on.unwrap_or(Severity::Warning)
    }

    /// How to parse sources, as configured.
    pub fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            csv: self.file.csv.clone().unwrap_or_default(),
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
        let packs = self
            .file
            .packs
            .clone()
            .unwrap_or_else(|| vec!["us-fda".to_string()]);
        for pack in &packs {
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
            let o = match setting.trim().to_ascii_lowercase().as_str() {
                "off" | "false" | "disabled" => RuleOverride::Off,
                "error" => RuleOverride::Severity(Severity::Error),
                "warning" => RuleOverride::Severity(Severity::Warning),
                "info" => RuleOverride::Severity(Severity::Info),
                other => {
                    errors.push(
                        self.error(
                            format!("`{other}` is not a rule setting for `{id}`"),
                            &format!("{id}:"),
                        )
                        .with_help("use off, error, warning or info"),
                    );
                    continue;
                }
            };
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

/// Whether a file of a pack (by its path inside the pack) is a rule, not a lexicon or data.
fn is_rule_file(rel: &str) -> bool {
    !rel.split('/')
        .any(|part| part == "lexicons" || part == "data")
}

/// Read a rule file, or every YAML file in a rule folder (with `lexicons/` and `data/`).
pub fn read_rule_path(path: &Path) -> Result<Vec<SourceFile>, LoadError> {
    let origin = path.display().to_string();
    if path.is_file() {
        let text = crate::load::read_text(path)
            .map_err(|e| LoadError::new(&origin, format!("cannot read the rule file: {e}")))?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let parent = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = if parent == "lexicons" || parent == "data" {
            format!("{parent}/{name}")
        } else {
            name
        };
        return Ok(vec![SourceFile {
            rel,
            origin,
            text: Arc::from(text),
        }]);
    }
    if !path.is_dir() {
        return Err(LoadError::new(&origin, "no such rule file or folder"));
    }
    let mut files = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            LoadError::new(
                dir.display().to_string(),
                format!("cannot read the folder: {}", crate::load::io_reason(&e)),
            )
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let text = crate::load::read_text(&p).map_err(|e| {
                    LoadError::new(
                        p.display().to_string(),
                        format!("cannot read the rule file: {e}"),
                    )
                })?;
                let rel = p
                    .strip_prefix(path)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push(SourceFile {
                    rel,
                    origin: p.display().to_string(),
                    text: Arc::from(text),
                });
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(files)
}
