//! Precision and recall of the disease-claim check on a labelled corpus of lines
//! (`label<TAB>criterion<TAB>text`, optionally `<TAB>source`; see docs/corpus.md).
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
    /// Where the line comes from (a warning letter, a rule's preamble, `written: ...`), when
    /// the corpus has a `source` column.
    pub source: Option<String>,
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

/// The labels a corpus line may carry.
pub const LABELS: &[&str] = &["disease", "deficiency", "structure-function", "neutral"];

/// Parse and evaluate a corpus; malformed lines are an error naming the line.
///
/// The first line is a header: `label<TAB>criterion<TAB>text`, with an optional fourth
/// column `source`. A line has exactly as many fields as the header (a tab inside `text`
/// would shift the source into it, so it is an error rather than a guess).
pub fn evaluate(tsv: &str, rules: &RuleSet) -> Result<Evaluation, String> {
    let mut eval = Evaluation::default();
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let with_source = match header.as_slice() {
        ["label", "criterion", "text"] => false,
        ["label", "criterion", "text", "source"] => true,
        _ => {
            return Err(
                "line 1: expected the header label<TAB>criterion<TAB>text, optionally <TAB>source"
                    .to_string(),
            );
        }
    };
    for (i, raw) in lines.enumerate() {
        let line = i + 2;
        if raw.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = if with_source {
            raw.split('\t').collect()
        } else {
            raw.splitn(3, '\t').collect()
        };
        let (label, criterion, text, source) = match fields.as_slice() {
            [l, c, t] if !with_source => (*l, *c, *t, None),
            [l, c, t, s] if with_source => (*l, *c, *t, Some(s.to_string())),
            _ => {
                return Err(format!(
                    "line {line}: expected {} tab-separated fields, found {}",
                    header.len(),
                    fields.len()
                ));
            }
        };
        // `sf` is the short name some sets use for a structure/function claim.
        let label = if label == "sf" {
            "structure-function"
        } else {
            label
        };
        if !LABELS.contains(&label) {
            return Err(format!("line {line}: unknown label `{label}`"));
        }
        if text.trim().is_empty() {
            return Err(format!("line {line}: the text is empty"));
        }
        if source.as_deref().is_some_and(|s| s.trim().is_empty()) {
            return Err(format!("line {line}: the source is empty"));
        }
        let linted = crate::lint(text, Format::Text, rules);
        let mut fired: Vec<String> = linted
            .diagnostics
            .iter()
            .filter(|d| d.category == Category::DiseaseClaim)
            .map(|d| d.rule.clone())
            .collect();
        fired.sort();
        fired.dedup();
        let case = Case {
            line,
            label: label.to_string(),
            criterion: criterion.to_string(),
            text: text.to_string(),
            source,
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
    /// The totals in one line.
    pub fn summary(&self) -> String {
        let t = &self.total;
        format!(
            "disease-claim check on {} lines: precision {:.3}, recall {:.3} (tp {}, fp {}, fn {}, tn {})\n",
            self.cases.len(),
            t.precision(),
            t.recall(),
            t.true_positives,
            t.false_positives,
            t.false_negatives,
            t.true_negatives
        )
    }

    /// A plain-text report: totals, a table per criterion, then every miss and false alarm.
    pub fn report(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        RuleSet::builtin().expect("built-in rules load")
    }

    #[test]
    fn a_source_column_is_read_and_kept() {
        let tsv = "label\tcriterion\ttext\tsource\n\
                   disease\tg2-i\tPrevents migraines.\twritten: a benefit bullet\n\
                   neutral\twarning\tDo not use if you have kidney disease.\twritten: a warning\n";
        let eval = evaluate(tsv, &rules()).unwrap();
        assert_eq!(eval.cases.len(), 2);
        assert_eq!(
            eval.cases[0].source.as_deref(),
            Some("written: a benefit bullet")
        );
        assert!(eval.cases[0].flagged(), "{:?}", eval.cases[0]);
        assert!(!eval.cases[1].flagged(), "{:?}", eval.cases[1]);
        assert_eq!(eval.total.true_positives, 1);
        assert_eq!(eval.total.true_negatives, 1);
    }

    #[test]
    fn three_column_corpora_still_read_a_tab_as_part_of_the_text() {
        let tsv = "label\tcriterion\ttext\nneutral\tfact\tA\ttab inside.\n";
        let eval = evaluate(tsv, &rules()).unwrap();
        assert_eq!(eval.cases[0].text, "A\ttab inside.");
        assert_eq!(eval.cases[0].source, None);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let r = rules();
        let bad_header = evaluate("text\tlabel\n", &r).unwrap_err();
        assert!(
            bad_header.starts_with("line 1: expected the header"),
            "{bad_header}"
        );
        let head = "label\tcriterion\ttext\tsource\n";
        let short = evaluate(&format!("{head}disease\tg2-i\tCures colds.\n"), &r).unwrap_err();
        assert_eq!(short, "line 2: expected 4 tab-separated fields, found 3");
        let label = evaluate(&format!("{head}\nclaim\tg2-i\tCures colds.\tx\n"), &r).unwrap_err();
        assert_eq!(label, "line 3: unknown label `claim`");
        let source = evaluate(&format!("{head}disease\tg2-i\tCures colds.\t \n"), &r).unwrap_err();
        assert_eq!(source, "line 2: the source is empty");
    }

    #[test]
    fn sf_is_read_as_a_structure_function_line() {
        let r = rules();
        let e = evaluate(
            "label\tcriterion\ttext\nsf\tsf\tSupports a calm mood.\n",
            &r,
        )
        .unwrap();
        assert_eq!(e.cases[0].label, "structure-function");
        assert_eq!(e.total.true_negatives, 1);
        assert!(e.by_criterion.contains_key("structure-function/sf"));
    }
}
