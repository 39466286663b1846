//! Where rules come from: the built-in packs embedded in the binary, and what a RuleSet is
//! built from (packs, the user's files, lexicon additions, overrides).

use crate::diagnostic::Severity;
use crate::rules::lexicon::Term;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The built-in rule packs, embedded at build time.
static BUILTIN: include_dir::Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/rules");

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
    /// Changes to claimlint's own rules (`claimlint/unused-suppression: warning`), checked
    /// by the config against [`crate::internal::RULES`].
    pub internal: BTreeMap<String, RuleOverride>,
    /// Markets: which market each built-in pack is for, the markets pages are linted for,
    /// and per-path markets (see [`crate::market`]).
    pub markets: crate::market::MarketSpec,
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
