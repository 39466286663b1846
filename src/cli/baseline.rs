//! A run with `--baseline`: findings the baseline holds are not reported, and with
//! `--update-baseline` none are, while the file is written anew with exactly the findings
//! of this run.

use super::output::stderr;
use claimlint::baseline::{self, Baseline, Entry};
use claimlint::report::Finding;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The baseline of a run.
pub(crate) struct BaselineRun {
    path: PathBuf,
    keys: BTreeSet<(String, String)>,
    update: bool,
    recorded: Vec<Entry>,
    /// Findings not reported because the baseline holds them.
    pub(crate) hidden: usize,
}

impl BaselineRun {
    /// Read the baseline at `path` (not needed when it is to be written anew). An error is
    /// printed.
    pub(crate) fn load(path: PathBuf, update: bool) -> Result<BaselineRun, ()> {
        let keys = if update {
            BTreeSet::new()
        } else {
            let shown = path.display();
            let text = std::fs::read_to_string(&path).map_err(|e| {
                stderr(&format!(
                    "error: cannot read the baseline {shown}: {}\n  = help: write one with \
                     `--update-baseline`\n",
                    claimlint::load::io_reason(&e)
                ));
            })?;
            let baseline = Baseline::parse(&text).map_err(|e| {
                let at = e
                    .line_col
                    .map(|(l, c)| format!(":{l}:{c}"))
                    .unwrap_or_default();
                stderr(&format!(
                    "error: the baseline is not one claimlint wrote: {}\n  --> {shown}{at}\n  = \
                     help: write it anew with `--update-baseline`\n",
                    e.message
                ));
            })?;
            baseline.keys()
        };
        Ok(BaselineRun {
            path,
            keys,
            update,
            recorded: Vec::new(),
            hidden: 0,
        })
    }

    /// The findings of one file that are reported.
    pub(crate) fn filter(&mut self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.update {
            self.recorded.extend(Baseline::of(&findings).findings);
            let (kept, accepted): (Vec<Finding>, Vec<Finding>) =
                findings.into_iter().partition(|f| !baseline::accepts(f));
            self.hidden += accepted.len();
            return kept;
        }
        let prints = baseline::fingerprints_of(&findings);
        let mut kept = Vec::with_capacity(findings.len());
        for (f, print) in findings.into_iter().zip(prints) {
            let key = (baseline::path_key(&f.path), print);
            if baseline::accepts(&f) && self.keys.contains(&key) {
                self.hidden += 1;
            } else {
                kept.push(f);
            }
        }
        kept
    }

    /// Write the file when updating; what to say about it.
    pub(crate) fn finish(mut self) -> Result<Option<String>, ()> {
        if !self.update {
            return Ok(None);
        }
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
        Ok(Some(format!(
            "wrote {n} {findings} to the baseline {}\n",
            self.path.display()
        )))
    }
}
