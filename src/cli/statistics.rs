//! `--statistics`: how many findings each rule has, as ruff's flag of the same name, and
//! what claimlint did not read (images with no alt text, pages filled in by script, files
//! skipped as binary or too large).

use claimlint::diagnostic::{Category, Severity};
use claimlint::document::NotRead;
use claimlint::report::Finding;
use std::collections::BTreeMap;

/// The counts of one run.
#[derive(Debug, Default)]
pub(crate) struct Statistics {
    rules: BTreeMap<String, (Category, Severity, usize)>,
    not_read: BTreeMap<NotRead, usize>,
}

impl Statistics {
    /// Count one file's findings.
    pub(crate) fn add(&mut self, findings: &[Finding]) {
        for f in findings {
            let d = &f.diagnostic;
            let entry = self
                .rules
                .entry(d.rule.clone())
                .or_insert((d.category, d.severity, 0));
            entry.2 += 1;
        }
    }

    /// Count something not read.
    pub(crate) fn not_read(&mut self, kind: NotRead) {
        *self.not_read.entry(kind).or_default() += 1;
    }

    /// Rules by count, most first, then by id.
    fn by_count(&self) -> Vec<(&String, &(Category, Severity, usize))> {
        let mut rows: Vec<_> = self.rules.iter().collect();
        rows.sort_by(|a, b| b.1.2.cmp(&a.1.2).then(a.0.cmp(b.0)));
        rows
    }

    /// The table for people.
    pub(crate) fn human(&self) -> String {
        let mut out = String::new();
        let rows = self.by_count();
        let width = rows.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
        let count_width = rows
            .iter()
            .map(|(_, v)| v.2.to_string().len())
            .max()
            .unwrap_or(1);
        for (id, (category, severity, n)) in &rows {
            out.push_str(&format!(
                "{n:>count_width$}  {id:width$}  {:7}  {category}\n",
                severity.as_str()
            ));
        }
        if rows.is_empty() {
            out.push_str("no findings\n");
        }
        if !self.not_read.is_empty() {
            out.push_str("not read:\n");
            for (kind, n) in &self.not_read {
                out.push_str(&format!("  {}\n", kind.describe(*n)));
            }
        }
        out
    }

    /// The same as JSON: `{"rules": [{rule, category, severity, count}], "not_read": {...}}`.
    pub(crate) fn json(&self) -> String {
        let rules: Vec<serde_json::Value> = self
            .by_count()
            .into_iter()
            .map(|(id, (category, severity, n))| {
                serde_json::json!({
                    "rule": id,
                    "category": category,
                    "severity": severity,
                    "count": n,
                })
            })
            .collect();
        let not_read: serde_json::Map<String, serde_json::Value> = self
            .not_read
            .iter()
            .map(|(k, n)| (k.as_str().to_string(), serde_json::json!(n)))
            .collect();
        let value = serde_json::json!({ "rules": rules, "not_read": not_read });
        let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
        out.push('\n');
        out
    }
}
