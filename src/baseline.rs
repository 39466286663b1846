//! Baselines: the findings a team has accepted, so that adopting claimlint on a catalog that
//! already has thousands of them fails only on new ones.
//!
//! Each finding is keyed by a fingerprint that survives edits elsewhere in the file: the
//! rule, the flagged words and the words around them on their line (case and spacing
//! folded), and which occurrence of those in the file it is. Never the line number, so a
//! line added above a finding does not make it new. SARIF's `partialFingerprints` carry the
//! same value.

use crate::report::Finding;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The baseline file's format version.
pub const VERSION: u32 = 1;

/// Characters of context kept on each side of the flagged words, within their line.
const CONTEXT_CHARS: usize = 40;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, relative to the baseline file's folder, with `/` separators.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// See the module documentation.
    pub fingerprint: String,
    /// The flagged words, for the people who read the file (not part of the key).
    pub words: String,
}

/// The file: `{"version": 1, "findings": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The format version.
    pub version: u32,
    /// Accepted findings, sorted by path, then in file order.
    pub findings: Vec<Entry>,
}

/// Why a baseline could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineError {
    /// What is wrong.
    pub message: String,
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
}

/// Lowercase, with every run of whitespace one space.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The words around `start..end` of `text` on their line, up to [`CONTEXT_CHARS`] each side.
pub fn context(text: &str, start: usize, end: usize) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (floor(start), floor(end.max(start)));
    // Only a window either side is read: [`CONTEXT_CHARS`] chars fit in four bytes each, and
    // reading to the line's ends made a one-line catalog cell quadratic in its findings.
    let reach = 4 * CONTEXT_CHARS + 4;
    let lo = floor(start.saturating_sub(reach));
    let hi = floor(end.saturating_add(reach));
    let line_start = text[lo..start]
        .rfind(['\n', '\r'])
        .map_or(lo, |i| lo + i + 1);
    let line_end = text[end..hi].find(['\n', '\r']).map_or(hi, |i| end + i);
    let before: String = text[line_start..start]
        .chars()
        .rev()
        .take(CONTEXT_CHARS)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[end..line_end].chars().take(CONTEXT_CHARS).collect();
    normalise(&format!("{before}\u{1}{after}"))
}

/// A 64-bit FNV-1a hash: stable across platforms, runs and Rust versions, unlike std's.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xFF)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// The fingerprint of each finding, in order. Findings of several files may be mixed:
/// occurrences are counted per file.
pub fn fingerprints(findings: &[Finding]) -> Vec<String> {
    let mut seen: BTreeMap<(&str, u64), usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let words = normalise(&f.excerpt);
            let hash = fnv1a(&[&f.diagnostic.rule, &words, &f.surroundings]);
            let n = seen.entry((f.path.as_str(), hash)).or_insert(0);
            *n += 1;
            format!("{hash:016x}:{n}")
        })
        .collect()
}

/// Give each finding of one file (or several, each file's in order) its fingerprint, so it
/// keeps it whatever is filtered out later (a baseline hiding the first of two identical
/// claims must not renumber the second).
pub fn set_fingerprints(findings: &mut [Finding]) {
    let prints = fingerprints(findings);
    for (f, print) in findings.iter_mut().zip(prints) {
        f.fingerprint = print;
    }
}

/// The fingerprint of each finding: the one it was given, or computed from `findings`.
pub fn fingerprints_of(findings: &[Finding]) -> Vec<String> {
    if findings.iter().all(|f| !f.fingerprint.is_empty()) {
        findings.iter().map(|f| f.fingerprint.clone()).collect()
    } else {
        fingerprints(findings)
    }
}

/// A path as baselines store it.
pub fn path_key(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    slashed.trim_start_matches("./").to_string()
}

/// Whether a finding may be accepted into a baseline: an input error never is, since it
/// means part of the copy was not read.
pub fn accepts(f: &Finding) -> bool {
    f.diagnostic.rule != crate::suppress::INVALID_INPUT
}

impl Baseline {
    /// The baseline of `findings` (of one or more files, each file's in order).
    pub fn of(findings: &[Finding]) -> Baseline {
        let prints = fingerprints_of(findings);
        let mut entries: Vec<(String, usize, Entry)> = findings
            .iter()
            .zip(prints)
            .enumerate()
            .filter(|(_, (f, _))| accepts(f))
            .map(|(i, (f, fingerprint))| {
                let path = path_key(&f.path);
                let entry = Entry {
                    path: path.clone(),
                    rule: f.diagnostic.rule.clone(),
                    fingerprint,
                    words: normalise(&f.excerpt).chars().take(120).collect(),
                };
                (path, i, entry)
            })
            .collect();
        entries.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        Baseline {
            version: VERSION,
            findings: entries.into_iter().map(|(_, _, e)| e).collect(),
        }
    }

    /// Parse a baseline file's text.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| BaselineError {
            message: e.to_string().split(" at line ").next().unwrap_or("").into(),
            line_col: (e.line() > 0).then(|| (e.line(), e.column())),
        })?;
        if baseline.version != VERSION {
            return Err(BaselineError {
                message: format!(
                    "baseline version {} is not one this claimlint reads (it reads {VERSION})",
                    baseline.version
                ),
                line_col: None,
            });
        }
        Ok(baseline)
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        out.push('\n');
        out
    }

    /// The keys to look findings up by.
    pub fn keys(&self) -> BTreeSet<(String, String)> {
        self.findings
            .iter()
            .map(|e| (e.path.clone(), e.fingerprint.clone()))
            .collect()
    }
}

/// Write `text` to `path` whole or not at all: a new file beside it, renamed over it.
pub fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "baseline".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn context_stays_on_the_line_and_folds_case_and_spacing() {
        let text = "Line above.\nOur  Tea prevents migraines, they say.\nLine below.";
        let at = text.find("prevents").unwrap();
        let end = text.find(", they").unwrap();
        assert_eq!(context(text, at, end), "our tea \u{1}, they say.");
        let long = format!("{}cures gout{}", "a".repeat(100), "b".repeat(100));
        let c = context(&long, 100, 110);
        assert_eq!(c, format!("{}\u{1}{}", "a".repeat(40), "b".repeat(40)));
        // Far from the line's ends, and in four-byte characters, still forty of them.
        let wide = format!("x\n{}cures gout{}\ny", "𝔞".repeat(500), "𝔟".repeat(500));
        let at = wide.find("cures").unwrap();
        let c = context(&wide, at, at + "cures gout".len());
        assert_eq!(c, format!("{}\u{1}{}", "𝔞".repeat(40), "𝔟".repeat(40)));
    }

    #[test]
    fn a_bad_file_says_where() {
        let e = Baseline::parse("{\"version\": 1,\n \"findings\": [}").unwrap_err();
        assert_eq!(e.line_col.map(|l| l.0), Some(2));
        let e = Baseline::parse("{\"version\": 9, \"findings\": []}").unwrap_err();
        assert!(e.message.contains("version 9"), "{}", e.message);
    }
}
