//! Ingredients on FDA's Dietary Supplement Ingredient Advisory List (data/advisory-list.yaml),
//! found in a panel's rows (names, forms, blend members) and in the ingredient statements.

use crate::diagnostic::{Diagnostic, Span};
use crate::document::label::Text;
use crate::rules::{Context, RuleMeta};
use regex::Regex;
use serde::Deserialize;

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
    /// When FDA added it.
    pub added: String,
    /// What FDA said.
    pub why: String,
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
    regex: Regex,
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
        let regex = Regex::new(&format!(r"(?i)(?:^|[^\w-])({alternation})(?:$|[^\w-])"))
            .map_err(|e| e.to_string())?;
        Ok(List {
            entries: file.entries,
            spellings,
            regex,
        })
    }

    /// The entry a text names, if any.
    fn find(&self, text: &str) -> Option<&Entry> {
        let m = self.regex.captures(text)?.get(1)?;
        let lower = m.as_str().to_lowercase();
        let (_, i) = self.spellings.iter().find(|(s, _)| *s == lower)?;
        Some(&self.entries[*i])
    }
}

/// Report each place of the panels and statements that names an entry.
pub(super) fn check(list: &List, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let label = &ctx.doc.label;
    let mut places: Vec<(&Text, Span)> = Vec::new();
    for p in &label.panels {
        for r in &p.rows {
            places.push((&r.name, r.name.span));
            if let Some(q) = &r.qualifier {
                places.push((q, q.span));
            }
        }
    }
    for s in &label.statements {
        for item in &s.items {
            places.push((item, item.span));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (text, span) in places {
        let Some(e) = list.find(&text.text) else {
            continue;
        };
        if !seen.insert((span.start, span.end)) {
            continue;
        }
        let vars = [
            ("ingredient", e.name.as_str()),
            ("written", text.text.as_str()),
            ("added", e.added.as_str()),
            ("why", e.why.as_str()),
        ];
        let mut d = meta.diagnostic(&vars, span);
        if let Some(c) = &d.cite {
            d.cite = Some(format!("{c}; added {}: {}", e.added, e.why));
        }
        out.push(d);
    }
}
