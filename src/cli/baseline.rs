//! A run with `--baseline`: findings the baseline holds are not reported, and with
//! `--update-baseline` none are, while the file is written anew with the findings of this
//! run. What this run did not look at keeps its entries: a file it did not lint (when the
//! file is still there) and, in the files it linted, a rule it did not run (`--select`,
//! `--ignore`, a rule turned off), so recording one page does not forget the catalog.
//! Paths are stored relative to the baseline file's folder, so a run from another folder
//! (`cd copy && claimlint check --baseline ../claimlint-baseline.json .`) finds the same keys.

use super::output::stderr;
use claimlint::baseline::{self, Baseline, Entry};
use claimlint::report::Finding;
use claimlint::rules::RuleSet;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// `path` made absolute from the folder `cwd`, with `.` and `..` taken out as words, not by
/// following links (the file may not be there).
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let joined = cwd.join(path);
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// `path` relative to the folder `base` (both absolute), with `/` separators and `..` where
/// it is outside `base`.
fn relative(path: &Path, base: &Path) -> String {
    let (p, b): (Vec<Component>, Vec<Component>) =
        (path.components().collect(), base.components().collect());
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The baseline of a run.
pub(crate) struct BaselineRun {
    path: PathBuf,
    /// The baseline file's folder, absolute: stored paths are relative to it.
    base: PathBuf,
    /// The working folder, which the run's paths are relative to.
    cwd: PathBuf,
    keys: BTreeSet<(String, String)>,
    update: bool,
    /// With `--update-baseline`, the entries of the file as it was (none when it was
    /// missing or unreadable: it is written anew).
    previous: Vec<Entry>,
    recorded: Vec<Entry>,
    /// The files this run linted, as baselines name them.
    linted: BTreeSet<String>,
    /// Findings not reported because the baseline holds them.
    pub(crate) hidden: usize,
}

/// Read and parse the baseline at `path`, the error being the message to print.
fn read(path: &Path) -> Result<Baseline, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "error: cannot read the baseline {shown}: {}\n  = help: write one with \
             `--update-baseline`\n",
            claimlint::load::io_reason(&e)
        )
    })?;
    Baseline::parse(&text).map_err(|e| {
        let at = e
            .line_col
            .map(|(l, c)| format!(":{l}:{c}"))
            .unwrap_or_default();
        format!(
            "error: the baseline is not one claimlint wrote: {}\n  --> {shown}{at}\n  = \
             help: write it anew with `--update-baseline`\n",
            e.message
        )
    })
}

impl BaselineRun {
    /// Read the baseline at `path`. To be written anew, a missing or broken file is no
    /// error. An error is printed.
    pub(crate) fn load(path: PathBuf, update: bool) -> Result<BaselineRun, ()> {
        let (keys, previous) = if update {
            // Said before the run, not after it.
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                && !dir.is_dir()
            {
                stderr(&format!(
                    "error: cannot write the baseline {}: there is no folder {}\n  = help: \
                     create the folder, or name a file in one that exists\n",
                    path.display(),
                    dir.display()
                ));
                return Err(());
            }
            let previous = read(&path).map(|b| b.findings).unwrap_or_default();
            (BTreeSet::new(), previous)
        } else {
            (read(&path).map_err(|e| stderr(&e))?.keys(), Vec::new())
        };
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut base = absolute(&cwd, &path);
        base.pop();
        Ok(BaselineRun {
            path,
            base,
            cwd,
            keys,
            update,
            previous,
            recorded: Vec::new(),
            linted: BTreeSet::new(),
            hidden: 0,
        })
    }

    /// The findings of the file `name` that are reported; `linted` is whether it was read
    /// and linted (a file that could not be read keeps its entries).
    pub(crate) fn filter(
        &mut self,
        name: &str,
        linted: bool,
        findings: Vec<Finding>,
    ) -> Vec<Finding> {
        if self.update {
            if linted {
                self.linted.insert(self.key(name));
            }
            let entries = Baseline::of(&findings).findings.into_iter();
            let entries: Vec<Entry> = entries
                .map(|e| Entry {
                    path: self.key(&e.path),
                    ..e
                })
                .collect();
            self.recorded.extend(entries);
            let (kept, accepted): (Vec<Finding>, Vec<Finding>) =
                findings.into_iter().partition(|f| !baseline::accepts(f));
            self.hidden += accepted.len();
            return kept;
        }
        let prints = baseline::fingerprints_of(&findings);
        let mut kept = Vec::with_capacity(findings.len());
        for (f, print) in findings.into_iter().zip(prints) {
            let key = (self.key(&f.path), print);
            if baseline::accepts(&f) && self.keys.contains(&key) {
                self.hidden += 1;
            } else {
                kept.push(f);
            }
        }
        kept
    }

    /// How the baseline names the file `name` (as this run names it).
    fn key(&self, name: &str) -> String {
        let path = absolute(&self.cwd, Path::new(&baseline::path_key(name)));
        relative(&path, &self.base)
    }

    /// Write the file when updating; what to say about it. `rules` are the rules this run
    /// ran.
    pub(crate) fn finish(mut self, rules: &RuleSet) -> Result<Option<String>, ()> {
        if !self.update {
            return Ok(None);
        }
        let ran = |id: &str| rules.rule(id).is_some() || rules.internal_severity(id).is_some();
        let linted = std::mem::take(&mut self.linted);
        let kept: Vec<Entry> = std::mem::take(&mut self.previous)
            .into_iter()
            .filter(|e| {
                if linted.contains(&e.path) {
                    !ran(&e.rule)
                } else {
                    self.base.join(&e.path).exists()
                }
            })
            .collect();
        let n_kept = kept.len();
        self.recorded.extend(kept);
        self.recorded.sort_by(|a, b| a.path.cmp(&b.path));
        let n = self.recorded.len();
        let file = Baseline {
            version: baseline::VERSION,
            findings: self.recorded,
        };
        baseline::write_file(&self.path, &file.to_json()).map_err(|e| {
            stderr(&format!(
                "error: cannot write the baseline {}: {}\n",
                self.path.display(),
                claimlint::load::io_reason(&e)
            ));
        })?;
        let findings = if n == 1 { "finding" } else { "findings" };
        let kept = match n_kept {
            0 => String::new(),
            k => format!(" ({k} kept from files or rules this run did not check)"),
        };
        Ok(Some(format!(
            "wrote {n} {findings} to the baseline {}{kept}\n",
            self.path.display()
        )))
    }
}
