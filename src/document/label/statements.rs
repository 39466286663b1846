//! The statements beside a panel: "Other ingredients: ...", "Ingredients: ..." and the
//! allergen statement "Contains: Milk (whey), soy." Each is split into its items at commas
//! and semicolons outside parentheses ("Softgel (bovine gelatin, glycerin)" is one item).
//! "Contains no gluten" and "contains 60 mg of zinc" are not allergen statements.

use super::lines::Cell;
use super::{Statement, StatementKind, Text};
use crate::diagnostic::Span;
use regex::Regex;
use std::sync::LazyLock;

static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(other\s+ingredients?|inactive\s+ingredients?|non-medicinal\s+ingredients?|ingredients?|contains|allergens?(?:\s+(?:information|info|statement|declaration|warning))?)\s*(:|\s|$)")
        .expect("valid statement regex")
});

/// Words after a "Contains" with no colon that make it something else than an allergen
/// statement: "Contains no gluten", "contains less than 2% of", "contains about".
const NOT_ALLERGENS: &[&str] = &[
    "no",
    "not",
    "none",
    "less",
    "only",
    "up",
    "about",
    "approximately",
    "added",
    "a",
    "an",
    "the",
    "this",
    "these",
    "all",
    "over",
    "more",
    "at",
    "nothing",
    "zero",
];

/// Where "Contains:" starts a second statement inside an ingredient list.
static CONTAINS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[.;]\s+(Contains|CONTAINS)\s*:").expect("valid regex"));

/// The items of a statement's text, split outside parentheses at `,` and `;` (and at " and "
/// for an allergen statement: "milk and soy").
fn items(cell: &Cell<'_>, and_splits: bool) -> Vec<Text> {
    let text = cell.text;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut from = 0;
    let push = |from: usize, to: usize, out: &mut Vec<Text>| {
        let part = cell.slice(from..to);
        let t = part.text.trim_end_matches(['.', ' ', '*']);
        let part = part.slice(0..t.len());
        let t = part.text.trim_start_matches(['*', ' ']);
        let part = part.slice(part.text.len() - t.len()..part.text.len());
        if !part.text.is_empty() {
            out.push(Text {
                text: part.text.to_string(),
                span: part.whole(),
            });
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = (depth - 1).max(0),
            b',' | b';' if depth == 0 => {
                push(from, i, &mut out);
                from = i + 1;
            }
            b' ' if depth == 0
                && and_splits
                && bytes.len() > i + 5
                && bytes[i..i + 5].eq_ignore_ascii_case(b" and ") =>
            {
                push(from, i, &mut out);
                from = i + 5;
                i += 4;
            }
            _ => {}
        }
        i += 1;
    }
    push(from, bytes.len(), &mut out);
    out
}

/// Where the first sentence of `text` ends (after its period), outside parentheses, when
/// another sentence follows it.
fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = (depth - 1).max(0),
            b'.' if depth == 0 => {
                let rest = text[i + 1..].trim_start();
                if rest.len() < text.len() - i - 1 && rest.starts_with(char::is_uppercase) {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// One statement from `cell` if it opens with a lead, else `None`.
fn one(cell: &Cell<'_>) -> Option<Statement> {
    let caps = LEAD.captures(cell.text)?;
    let lead = caps.get(1).expect("group 1").as_str().to_ascii_lowercase();
    let colon = caps.get(2).is_some_and(|m| m.as_str() == ":");
    // "Allergen information: Contains milk." is the allergen statement too.
    let allergen_lead = lead.starts_with("allergen");
    if allergen_lead && !colon {
        return None;
    }
    let kind = if lead == "contains" || allergen_lead {
        StatementKind::Contains
    } else if lead.starts_with("ingredient") {
        StatementKind::Ingredients
    } else {
        StatementKind::OtherIngredients
    };
    let mut body = cell.slice(caps.get(0).expect("group 0").end()..cell.text.len());
    if allergen_lead {
        let rest = body.text;
        let lower = rest.to_ascii_lowercase();
        if lower.starts_with("contains") {
            let skip = rest.len()
                - rest["contains".len()..]
                    .trim_start_matches([':', ' '])
                    .len();
            body = body.slice(skip..rest.len());
        }
    }
    if kind == StatementKind::Contains
        && let Some(end) = sentence_end(body.text)
    {
        // "Contains: Shellfish. Free of gluten, dairy and soy.": the statement is the first
        // sentence.
        body = body.slice(0..end);
    }
    if kind == StatementKind::Contains && !colon {
        let first = body
            .text
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let words = body.text.split_whitespace().count();
        if first.is_empty()
            || NOT_ALLERGENS.contains(&first.as_str())
            || words > 12
            || body.text.bytes().any(|b| b.is_ascii_digit())
        {
            return None;
        }
    }
    if !colon && kind != StatementKind::Contains {
        // "Ingredients" with no colon is a heading, not a list.
        return None;
    }
    let items = items(&body, kind == StatementKind::Contains);
    Some(Statement {
        kind,
        text: Text {
            text: body.text.to_string(),
            span: body.whole(),
        },
        items,
        span: Span::new(cell.whole().start, body.whole().end.max(cell.whole().start)),
    })
}

/// The statements a cell holds: an ingredient list, and a "Contains:" after it in the same
/// cell, or an allergen statement alone.
pub(super) fn read(cell: &Cell<'_>) -> Vec<Statement> {
    if !LEAD.is_match(cell.text) {
        return Vec::new();
    }
    // "Other Ingredients: ..., soy lecithin. Contains: Soy." holds two statements.
    if let Some(m) = CONTAINS_AFTER.find(cell.text)
        && let Some(first) = one(&cell.slice(0..m.start() + 1))
        && first.kind != StatementKind::Contains
    {
        let second = one(&cell.slice(m.start() + 1..cell.text.len()));
        return std::iter::once(first).chain(second).collect();
    }
    one(cell).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::super::lines;
    use super::*;
    use crate::document::{Document, Format};

    fn statements(src: &str) -> Vec<(StatementKind, Vec<String>)> {
        let doc = Document::parse(src.into(), Format::Text);
        lines::text_lines(&doc)
            .iter()
            .flat_map(|l| read(&l.cells[0]))
            .map(|s| {
                for i in &s.items {
                    assert_eq!(&doc.source[i.span.start..i.span.end], i.text);
                }
                (s.kind, s.items.into_iter().map(|i| i.text).collect())
            })
            .collect()
    }

    #[test]
    fn ingredient_lists_and_allergen_statements() {
        use StatementKind::*;
        let got = statements(
            "Other Ingredients: Softgel (bovine gelatin, glycerin, water), soybean oil, soy lecithin. Contains: Soy.\n\
             Contains: Fish (anchovy, sardine).\n\
             Contains milk and soy.\n\
             Contains no wheat, gluten or soy.\n\
             Contains: Shellfish. Free of gluten and soy.\n\
             Allergen information: Contains milk and egg.\n\
             Allergens: wheat.\n\
             Allergen-free facility.\n\
             Each softgel contains 60 mg of zinc.\n\
             Ingredients\n",
        );
        assert_eq!(
            got,
            [
                (
                    OtherIngredients,
                    vec![
                        "Softgel (bovine gelatin, glycerin, water)".to_string(),
                        "soybean oil".into(),
                        "soy lecithin".into()
                    ]
                ),
                (Contains, vec!["Soy".into()]),
                (Contains, vec!["Fish (anchovy, sardine)".into()]),
                (Contains, vec!["milk".into(), "soy".into()]),
                (Contains, vec!["Shellfish".into()]),
                (Contains, vec!["milk".into(), "egg".into()]),
                (Contains, vec!["wheat".into()]),
            ]
        );
    }
}
