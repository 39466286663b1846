//! False alarms per page and claims found, on a folder of labelled product pages.
//!
//! A page set is a folder of pages (any format claimlint reads) and a `labels.tsv` with the
//! header `file<TAB>quote<TAB>label<TAB>note`: one line per clear disease claim, where `quote`
//! is an exact piece of the page's source. Every other word of a page is lawful by the
//! labeller's judgement. A `disease-claim` finding that overlaps a labelled quote finds it;
//! one that overlaps none is a false alarm. A finding marks its own words and the words its
//! labels mark on the same line (a finding on "long covid ... #beatADHD" that names both
//! diseases marks both); a label on another line (the question of an answer) is context. An optional `expected-doses.tsv`
//! (`file<TAB>nutrient<TAB>...`) lists the doses above the upper limit a reviewer would flag;
//! a `dose` finding in that file whose message names the nutrient finds it.
//!
//! Measuring per page, not per line, is the point: real pages repeat a claim in a title, a
//! heading and a meta description, and the figure that decides whether a team keeps the
//! linter on is how often it cries wolf on a page.

use crate::diagnostic::{Category, Diagnostic, Span};
use crate::document::Format;
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::path::Path;

/// A labelled claim and whether a finding overlapped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The page's file name.
    pub file: String,
    /// The labelled words.
    pub quote: String,
    /// `disease` or `deficiency`.
    pub label: String,
    /// The labeller's note (the criterion).
    pub note: String,
    /// Whether a disease-claim finding overlapped it.
    pub found: bool,
}

/// A dose a reviewer would flag and whether a dose finding named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedDose {
    /// The page's file name.
    pub file: String,
    /// The nutrient, as the labeller wrote it.
    pub nutrient: String,
    /// Whether a dose finding in that file named it.
    pub found: bool,
}

/// A finding that overlapped no labelled claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FalseAlarm {
    /// The page's file name.
    pub file: String,
    /// 1-based line of the finding.
    pub line: usize,
    /// The rule that fired.
    pub rule: String,
    /// The words it flagged.
    pub text: String,
}

/// The evaluation of one page set.
#[derive(Debug, Clone, Default)]
pub struct PageEvaluation {
    /// Pages linted.
    pub pages: usize,
    /// Every labelled claim.
    pub claims: Vec<Claim>,
    /// Every finding that overlapped no labelled claim.
    pub false_alarms: Vec<FalseAlarm>,
    /// Every expected dose.
    pub doses: Vec<ExpectedDose>,
}

/// Files of a page set that are not pages.
const NOT_PAGES: &[&str] = &["labels.tsv", "expected-doses.tsv", "README.md"];

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Rows of a TSV with a header that starts with `first`; each row has at least `fields`.
fn rows<'a>(
    path: &Path,
    text: &'a str,
    first: &str,
    fields: usize,
) -> Result<Vec<Vec<&'a str>>, String> {
    let mut lines = text.lines();
    if !lines.next().unwrap_or("").starts_with(first) {
        return Err(format!(
            "{}:1: expected a header starting with `{first}`",
            path.display()
        ));
    }
    let mut out = Vec::new();
    for (i, raw) in lines.enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let row: Vec<&str> = raw.split('\t').collect();
        if row.len() < fields {
            return Err(format!(
                "{}:{}: expected at least {fields} tab-separated fields, found {}",
                path.display(),
                i + 2,
                row.len()
            ));
        }
        out.push(row);
    }
    Ok(out)
}

/// Whether `dir` is a page set (it has a `labels.tsv`).
pub fn is_page_set(dir: &Path) -> bool {
    dir.join("labels.tsv").is_file()
}

/// Lint every page of the set in `dir` and compare with its labels.
pub fn evaluate_pages(dir: &Path, rules: &RuleSet) -> Result<PageEvaluation, String> {
    let labels_path = dir.join("labels.tsv");
    let labels_text = read(&labels_path)?;
    let labels = rows(&labels_path, &labels_text, "file\tquote", 3)?;
    let doses_path = dir.join("expected-doses.tsv");
    let doses_text = if doses_path.is_file() {
        read(&doses_path)?
    } else {
        String::new()
    };
    let dose_rows = if doses_text.is_empty() {
        Vec::new()
    } else {
        rows(&doses_path, &doses_text, "file\tnutrient", 2)?
    };
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !NOT_PAGES.contains(&n.as_str()))
        .filter(|n| Format::from_path(Path::new(n)).is_some())
        .collect();
    files.sort();
    for row in &labels {
        if !files.iter().any(|f| f == row[0]) {
            return Err(format!(
                "{}: labels a file that is not in the set: {}",
                labels_path.display(),
                row[0]
            ));
        }
    }
    let mut eval = PageEvaluation {
        pages: files.len(),
        ..PageEvaluation::default()
    };
    for file in &files {
        let path = dir.join(file);
        let source = read(&path)?;
        let format = Format::from_path(&path).unwrap_or(Format::Text);
        let linted = crate::lint(&source, format, rules);
        let index = crate::document::LineIndex::new(&source);
        let claims: Vec<&Diagnostic> = linted
            .diagnostics
            .iter()
            .filter(|d| d.category == Category::DiseaseClaim)
            .collect();
        let mut quoted: Vec<(usize, Vec<Span>)> = Vec::new();
        for (k, row) in labels.iter().enumerate().filter(|(_, r)| r[0] == file) {
            let spans: Vec<Span> = source
                .match_indices(row[1])
                .map(|(at, q)| Span::new(at, at + q.len()))
                .collect();
            if spans.is_empty() {
                return Err(format!(
                    "{}:{}: the quote is not in {file}: {}",
                    labels_path.display(),
                    k + 2,
                    row[1]
                ));
            }
            quoted.push((k, spans));
        }
        let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
        let marks: Vec<Vec<Span>> = claims
            .iter()
            .map(|d| {
                let line = index.line_col(&source, d.span.start).0;
                let mut marked = vec![d.span];
                marked.extend(
                    d.labels
                        .iter()
                        .filter(|l| index.line_col(&source, l.span.start).0 == line)
                        .map(|l| l.span),
                );
                marked
            })
            .collect();
        let marks_any =
            |m: &[Span], spans: &[Span]| m.iter().any(|a| spans.iter().any(|s| overlaps(*s, *a)));
        for (k, spans) in &quoted {
            let row = &labels[*k];
            eval.claims.push(Claim {
                file: file.clone(),
                quote: row[1].to_string(),
                label: row[2].to_string(),
                note: row.get(3).unwrap_or(&"").to_string(),
                found: marks.iter().any(|m| marks_any(m, spans)),
            });
        }
        for (d, m) in claims.iter().zip(&marks) {
            if !quoted.iter().any(|(_, spans)| marks_any(m, spans)) {
                eval.false_alarms.push(FalseAlarm {
                    file: file.clone(),
                    line: index.line_col(&source, d.span.start).0,
                    rule: d.rule.clone(),
                    text: source[d.span.start..d.span.end].to_string(),
                });
            }
        }
        for row in dose_rows.iter().filter(|r| r[0] == file) {
            let nutrient = row[1].to_ascii_lowercase();
            eval.doses.push(ExpectedDose {
                file: file.clone(),
                nutrient: row[1].to_string(),
                found: linted.diagnostics.iter().any(|d| {
                    d.category == Category::Dose
                        && d.message.to_ascii_lowercase().contains(&nutrient)
                }),
            });
        }
    }
    Ok(eval)
}

impl PageEvaluation {
    /// False alarms per ten pages.
    pub fn false_alarms_per_10_pages(&self) -> f64 {
        if self.pages == 0 {
            0.0
        } else {
            self.false_alarms.len() as f64 * 10.0 / self.pages as f64
        }
    }

    /// The share of labelled claims that a finding overlapped (1 when there are none).
    pub fn recall(&self) -> f64 {
        if self.claims.is_empty() {
            return 1.0;
        }
        self.claims.iter().filter(|c| c.found).count() as f64 / self.claims.len() as f64
    }

    /// The totals in one line.
    pub fn summary(&self) -> String {
        let found = self.claims.iter().filter(|c| c.found).count();
        let doses = self.doses.iter().filter(|d| d.found).count();
        format!(
            "{} pages: {} false alarms ({:.1} per 10 pages), {found} of {} labelled claims found (recall {:.3}), {doses} of {} doses above the upper limit found\n",
            self.pages,
            self.false_alarms.len(),
            self.false_alarms_per_10_pages(),
            self.claims.len(),
            self.recall(),
            self.doses.len(),
        )
    }

    /// The summary, then every missed claim, false alarm and missed dose.
    pub fn report(&self) -> String {
        let mut out = self.summary();
        out.push_str("\nmissed claims:\n");
        for c in self.claims.iter().filter(|c| !c.found) {
            out.push_str(&format!("  {} [{}] {}\n", c.file, c.note, c.quote));
        }
        out.push_str("\nfalse alarms:\n");
        for f in &self.false_alarms {
            out.push_str(&format!(
                "  {}:{} {} <- {}\n",
                f.file, f.line, f.text, f.rule
            ));
        }
        let by_file: BTreeMap<&str, Vec<&str>> =
            self.doses
                .iter()
                .filter(|d| !d.found)
                .fold(BTreeMap::new(), |mut m, d| {
                    m.entry(d.file.as_str()).or_default().push(&d.nutrient);
                    m
                });
        out.push_str("\nmissed doses:\n");
        for (file, nutrients) in by_file {
            out.push_str(&format!("  {file}: {}\n", nutrients.join(", ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn findings_on_labelled_words_find_them_and_others_are_false_alarms() {
        let dir = set(&[
            (
                "labels.tsv",
                "file\tquote\tlabel\tnote\na.txt\tprevents migraines\tdisease\tg2-i\n",
            ),
            (
                "a.txt",
                "Our blend prevents migraines.\n\nIt also cures the common cold.\n",
            ),
            ("b.txt", "Supports a calm mood.\n"),
            ("README.md", "Not a page: prevents cancer.\n"),
        ]);
        let eval = evaluate_pages(dir.path(), &RuleSet::builtin().unwrap()).unwrap();
        assert_eq!(eval.pages, 2, "README.md is not a page");
        assert_eq!(eval.claims.len(), 1);
        assert!(eval.claims[0].found);
        assert_eq!(eval.false_alarms.len(), 1, "{:?}", eval.false_alarms);
        assert_eq!(eval.false_alarms[0].file, "a.txt");
        assert_eq!(eval.false_alarms[0].line, 3);
        assert!((eval.false_alarms_per_10_pages() - 5.0).abs() < 1e-9);
    }

    #[test]
    fn a_finding_that_names_two_diseases_finds_a_quote_on_either() {
        let page = "My brain fog from long covid is finally lifting #CortexCap #beatADHD\n";
        let linted = crate::lint(page, Format::Text, &RuleSet::builtin().unwrap());
        let d = linted
            .diagnostics
            .iter()
            .find(|d| d.category == Category::DiseaseClaim)
            .expect("a disease finding");
        let adhd = page.find("ADHD").unwrap();
        assert!(
            d.span.start > adhd || d.span.end <= adhd,
            "the finding's own span does not cover ADHD, so only its label can: {d:?}"
        );
        let dir = set(&[
            (
                "labels.tsv",
                "file\tquote\tlabel\tnote\na.txt\t#beatADHD\tdisease\tg2-iv\n",
            ),
            ("a.txt", page),
        ]);
        let eval = evaluate_pages(dir.path(), &RuleSet::builtin().unwrap()).unwrap();
        assert!(eval.claims[0].found, "{:?}", eval.claims);
    }

    #[test]
    fn a_quote_that_is_not_in_its_page_is_an_error() {
        let dir = set(&[
            (
                "labels.tsv",
                "file\tquote\tlabel\tnote\na.txt\tcures gout\tdisease\tg2-i\n",
            ),
            ("a.txt", "Supports a calm mood.\n"),
        ]);
        let err = evaluate_pages(dir.path(), &RuleSet::builtin().unwrap()).unwrap_err();
        assert!(
            err.ends_with("labels.tsv:2: the quote is not in a.txt: cures gout"),
            "{err}"
        );
    }
}
