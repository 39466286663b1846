//! Precision and recall of the disease-claim check on a labelled corpus
//! (`fixtures/corpus/claims.tsv`: `label<TAB>criterion<TAB>text`).
//!
//! Each line is linted on its own as plain text. A line counts as flagged when any rule of
//! category `disease-claim` fires on it. Lines labelled `disease` or `deficiency` should be
//! flagged; every other line should not.

use crate::diagnostic::Category;
use crate::document::Format;
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// One corpus line and what the linter said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// 1-based line number in the corpus file.
    pub line: usize,
    /// `disease`, `deficiency`, `structure-function` or `neutral`.
    pub label: String,
    /// The criterion the line exercises.
    pub criterion: String,
    /// The sentence.
    pub text: String,
    /// The disease-claim rules that fired.
    pub fired: Vec<String>,
}

impl Case {
    /// Whether the line should be flagged.
    pub fn positive(&self) -> bool {
        self.label == "disease" || self.label == "deficiency"
    }

    /// Whether it was flagged.
    pub fn flagged(&self) -> bool {
        !self.fired.is_empty()
    }
}

/// Counts for one group of lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Positives flagged.
    pub true_positives: usize,
    /// Negatives flagged.
    pub false_positives: usize,
    /// Positives missed.
    pub false_negatives: usize,
    /// Negatives left alone.
    pub true_negatives: usize,
}

impl Counts {
    fn add(&mut self, case: &Case) {
        match (case.positive(), case.flagged()) {
            (true, true) => self.true_positives += 1,
            (false, true) => self.false_positives += 1,
            (true, false) => self.false_negatives += 1,
            (false, false) => self.true_negatives += 1,
        }
    }

    /// Flagged lines that should be flagged, out of all flagged (1 when nothing is flagged).
    pub fn precision(&self) -> f64 {
        let flagged = self.true_positives + self.false_positives;
        if flagged == 0 {
            1.0
        } else {
            self.true_positives as f64 / flagged as f64
        }
    }

    /// Positives flagged, out of all positives (1 when there are none).
    pub fn recall(&self) -> f64 {
        let positives = self.true_positives + self.false_negatives;
        if positives == 0 {
            1.0
        } else {
            self.true_positives as f64 / positives as f64
        }
    }
}

/// The evaluation of a whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// Every case.
    pub cases: Vec<Case>,
    /// Over all lines.
    pub total: Counts,
    /// By `label/criterion`.
    pub by_criterion: BTreeMap<String, Counts>,
}

/// Parse and evaluate a corpus; malformed lines are an error naming the line.
pub fn evaluate(tsv: &str, rules: &RuleSet) -> Result<Evaluation, String> {
    let mut eval = Evaluation::default();
    for (i, raw) in tsv.lines().enumerate().skip(1) {
        if raw.trim().is_empty() {
            continue;
        }
        let mut parts = raw.splitn(3, '\t');
        let (Some(label), Some(criterion), Some(text)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(format!(
                "line {}: expected label<TAB>criterion<TAB>text",
                i + 1
            ));
        };
        if !["disease", "deficiency", "structure-function", "neutral"].contains(&label) {
            return Err(format!("line {}: unknown label `{label}`", i + 1));
        }
        let linted = crate::lint(text, Format::Text, rules);
        let mut fired: Vec<String> = linted
            .diagnostics
            .iter()
            .filter(|d| d.category == Category::DiseaseClaim)
            .map(|d| d.rule.clone())
            .collect();
        fired.dedup();
        let case = Case {
            line: i + 1,
            label: label.to_string(),
            criterion: criterion.to_string(),
            text: text.to_string(),
            fired,
        };
        eval.total.add(&case);
        eval.by_criterion
            .entry(format!("{label}/{criterion}"))
            .or_default()
            .add(&case);
        eval.cases.push(case);
    }
    Ok(eval)
}

impl Evaluation {
    /// A plain-text report: totals, a table per criterion, then every miss and false alarm.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let t = &self.total;
        out.push_str(&format!(
            "disease-claim check on {} lines: precision {:.3}, recall {:.3} (tp {}, fp {}, fn {}, tn {})\n\n",
            self.cases.len(),
            t.precision(),
            t.recall(),
            t.true_positives,
            t.false_positives,
            t.false_negatives,
            t.true_negatives
        ));
        out.push_str(&format!(
            "{:<40} {:>5} {:>9} {:>7} {:>6}\n",
            "label/criterion", "lines", "flagged", "missed", "false"
        ));
        for (k, c) in &self.by_criterion {
            let lines = c.true_positives + c.false_positives + c.false_negatives + c.true_negatives;
            out.push_str(&format!(
                "{:<40} {:>5} {:>9} {:>7} {:>6}\n",
                k,
                lines,
                c.true_positives + c.false_positives,
                c.false_negatives,
                c.false_positives
            ));
        }
        out.push_str("\nmisses (should fire, did not):\n");
        for c in self.cases.iter().filter(|c| c.positive() && !c.flagged()) {
            out.push_str(&format!("  {:>4} [{}] {}\n", c.line, c.criterion, c.text));
        }
        out.push_str("\nfalse alarms (fired, should not):\n");
        for c in self.cases.iter().filter(|c| !c.positive() && c.flagged()) {
            out.push_str(&format!(
                "  {:>4} [{}] {} <- {}\n",
                c.line,
                c.criterion,
                c.text,
                c.fired.join(", ")
            ));
        }
        out
    }
}
