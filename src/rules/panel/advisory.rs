//! Ingredients FDA has said are not lawful in dietary supplements (data/advisory-list.yaml:
//! the entries of FDA's former Dietary Supplement Ingredient Advisory List and of FDA's
//! ingredient pages), found in a panel's rows (names, forms, blend members) and in the
//! ingredient statements.

use crate::diagnostic::{Diagnostic, Span};
use crate::document::label::{PanelKind, Text};
use crate::document::{Block, BlockKind};
use crate::rules::{Context, RuleMeta};
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

/// One entry of the list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id.
    pub id: String,
    /// As messages say it.
    pub name: String,
    /// Spellings on labels.
    pub names: Vec<String>,
    /// The date of the FDA action the entry rests on (its addition to the Advisory List, or
    /// FDA's warning letters or page for an ingredient that was never on the list).
    pub added: String,
    /// What FDA said.
    pub why: String,
    /// The FDA statement the entry rests on and the stored copy it was checked against.
    pub source: String,
    /// Fields (`names`, `added`, `why`) checked against a copy of FDA's own text.
    #[serde(default)]
    pub verified: Vec<String>,
    /// Fields checked only against reports of FDA's text (law firms, trade press).
    #[serde(default)]
    pub secondary: Vec<String>,
    /// Fields checked against nothing.
    #[serde(default)]
    pub unverified: Vec<String>,
}

/// The fields of an entry whose provenance is recorded.
const CHECKED_FIELDS: [&str; 3] = ["names", "added", "why"];

impl Entry {
    /// Each of `names`, `added` and `why` is in exactly one of `verified`, `secondary` and
    /// `unverified`, so the file cannot claim more than was checked, or leave a field out.
    fn check_provenance(&self) -> Result<(), String> {
        let lists = [
            ("verified", &self.verified),
            ("secondary", &self.secondary),
            ("unverified", &self.unverified),
        ];
        for (list, fields) in lists {
            if let Some(f) = fields
                .iter()
                .find(|f| !CHECKED_FIELDS.contains(&f.as_str()))
            {
                return Err(format!(
                    "entry `{}`: `{list}` names `{f}`; it takes names, added and why",
                    self.id
                ));
            }
        }
        for field in CHECKED_FIELDS {
            let n = lists
                .iter()
                .filter(|(_, fields)| fields.iter().any(|f| f == field))
                .count();
            if n != 1 {
                return Err(format!(
                    "entry `{}`: `{field}` is in {n} of verified, secondary and unverified; \
                     it must be in one",
                    self.id
                ));
            }
        }
        if self.source.trim().is_empty() {
            return Err(format!("entry `{}` has no source", self.id));
        }
        Ok(())
    }
}

/// The list file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListFile {
    /// Its kind (`advisory-list`).
    pub table: String,
    /// The entries.
    pub entries: Vec<Entry>,
}

/// The list, with one regex over every spelling.
#[derive(Debug)]
pub struct List {
    entries: Vec<Entry>,
    /// Which entry each alternative of `regex` is (by its spelling, lowercase).
    spellings: Vec<(String, usize)>,
    pattern: String,
    /// Compiled at load for a user's list, so an error names its file; for the built-in
    /// one on first use (15 M instructions, more than the rest of a one-line run's rule
    /// loading; a test compiles it), since most pages have no panel.
    regex: OnceLock<Regex>,
}

impl List {
    /// Load and check the list.
    pub fn load(text: &str) -> Result<List, String> {
        let file: ListFile = crate::yaml::from_str(text).map_err(|e| e.to_string())?;
        if file.table != "advisory-list" {
            return Err(format!(
                "`table` is `{}`; the advisory list says `table: advisory-list`",
                file.table
            ));
        }
        let mut spellings = Vec::new();
        for (i, e) in file.entries.iter().enumerate() {
            if e.names.is_empty() {
                return Err(format!("entry `{}` has no names", e.id));
            }
            e.check_provenance()?;
            for n in &e.names {
                let n = n.trim().to_lowercase();
                if n.is_empty() {
                    return Err(format!("entry `{}` has an empty name", e.id));
                }
                if spellings.iter().any(|(s, _)| *s == n) {
                    return Err(format!("the name `{n}` is in two entries"));
                }
                spellings.push((n, i));
            }
        }
        spellings.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        let alternation = spellings
            .iter()
            .map(|(s, _)| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|");
        let pattern = format!(r"(?i)(?:^|[^\w-])({alternation})(?:$|[^\w-])");
        let regex = OnceLock::new();
        if !crate::yaml::is_prepared(text) {
            let _ = regex.set(Regex::new(&pattern).map_err(|e| e.to_string())?);
        }
        Ok(List {
            entries: file.entries,
            spellings,
            pattern,
            regex,
        })
    }

    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.pattern).expect("the built-in list compiles (tested)"))
    }

    /// Every entry a text names, with where in the text.
    fn find_all<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, &'t Entry)> + 't {
        self.regex().captures_iter(text).filter_map(move |c| {
            let m = c.get(1)?;
            let lower = m.as_str().to_lowercase();
            let (_, i) = self.spellings.iter().find(|(s, _)| *s == lower)?;
            Some((m.range(), &self.entries[*i]))
        })
    }
}

/// Spans sorted by their starts with the furthest end so far, to ask whether any overlaps
/// a span with a search, not a scan.
struct Intervals {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Intervals {
    fn new(spans: impl Iterator<Item = Span>) -> Intervals {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_by_key(|s| s.start);
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end);
                furthest
            })
            .collect();
        Intervals {
            starts: spans.iter().map(|s| s.start).collect(),
            max_end,
        }
    }

    /// Whether any span overlaps `s`: of those starting before it ends, the furthest end
    /// lies after its start.
    fn overlaps(&self, s: Span) -> bool {
        let n = self.starts.partition_point(|&start| start < s.end);
        n > 0 && self.max_end[n - 1] > s.start
    }
}

/// Whether a block after a panel reads as more of it: a short line that is not a
/// sentence ("Caffeine Anhydrous, DMHA, Theobromine" under a blend's row).
fn list_like(block: &Block) -> bool {
    let t = block.text.trim();
    t.split_whitespace().nth(15).is_none() && !t.ends_with(['.', '!', '?']) && !t.contains(". ")
}

/// Report each place of the panels and statements that names an entry: the text of every
/// block inside a panel or a statement (and a list-like line right after a panel), then the
/// rows and items themselves (a catalog cell's panel, whose text is not a block).
pub(super) fn check(list: &List, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let label = &doc.label;
    let mut found: Vec<(Span, &Entry, String)> = Vec::new();
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    let panels = Intervals::new(
        label
            .panels
            .iter()
            .filter(|p| !matches!(p.kind, PanelKind::Sentence | PanelKind::FrontMatter))
            .map(|p| p.span),
    );
    let statements = Intervals::new(label.statements.iter().map(|s| s.span));
    let mut after_panel = false;
    for block in &doc.blocks {
        let bs = block.source_span();
        if block.kind == BlockKind::FrontMatter {
            after_panel = false;
            continue;
        }
        // A sentence of the copy that says what a unit holds is prose, not a panel.
        let in_panel = panels.overlaps(bs);
        let in_statement = statements.overlaps(bs);
        if in_panel || in_statement || (after_panel && list_like(block)) {
            for (r, e) in list.find_all(&block.text) {
                found.push((block.span(r.clone()), e, block.text[r].to_string()));
            }
        }
        after_panel = in_panel;
    }
    let mut places: Vec<&Text> = Vec::new();
    for p in &label.panels {
        for r in &p.rows {
            places.push(&r.name);
            places.extend(&r.qualifier);
        }
    }
    for s in &label.statements {
        places.extend(&s.items);
    }
    for text in places {
        if found.iter().any(|(s, _, _)| overlaps(*s, text.span)) {
            continue;
        }
        if let Some((r, e)) = list.find_all(&text.text).next() {
            found.push((text.span, e, text.text[r].to_string()));
        }
    }
    found.sort_by_key(|(s, _, _)| (s.start, s.end));
    found.dedup_by(|a, b| overlaps(a.0, b.0));
    for (span, e, written) in found {
        let vars = [
            ("ingredient", e.name.as_str()),
            ("written", written.as_str()),
            ("added", e.added.as_str()),
            ("why", e.why.as_str()),
        ];
        let mut d = meta.diagnostic(&vars, span);
        if let Some(c) = &d.cite {
            d.cite = Some(format!("{c}; FDA, {}: {}", e.added, e.why));
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_compiles_on_first_use_and_a_users_at_load() {
        let files = crate::rules::builtin_pack("us-fda").unwrap();
        let file = files
            .iter()
            .find(|f| f.rel == "data/advisory-list.yaml")
            .unwrap();
        let list = List::load(&file.text).unwrap();
        assert!(list.regex.get().is_none());
        assert!(Regex::new(&list.pattern).is_ok());
        assert!(list.find_all("with octodrine").next().is_some());
        let mine = List::load(&format!("{}\n# mine\n", file.text)).unwrap();
        assert!(mine.regex.get().is_some());
    }

    fn one_entry(provenance: &str) -> String {
        format!(
            "table: advisory-list\nentries:\n  - id: x\n    name: x\n    names: [x]\n    \
             added: \"2020\"\n    why: w\n    source: s\n{provenance}"
        )
    }

    #[test]
    fn each_checked_field_is_in_exactly_one_provenance_list() {
        let ok = one_entry("    verified: [names, why]\n    unverified: [added]\n");
        assert!(List::load(&ok).is_ok());
        let missing = one_entry("    verified: [names, why]\n");
        assert_eq!(
            List::load(&missing).unwrap_err(),
            "entry `x`: `added` is in 0 of verified, secondary and unverified; it must be in one"
        );
        let twice = one_entry("    verified: [names, why, added]\n    secondary: [added]\n");
        assert!(List::load(&twice).unwrap_err().contains("`added` is in 2"));
        let unknown = one_entry("    verified: [names, why, added, date]\n");
        assert!(List::load(&unknown).unwrap_err().contains("names `date`"));
    }
}
