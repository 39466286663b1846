//! Sentences of the copy that say what a unit holds: "Each softgel provides 60 mg of zinc",
//! "Two capsules contain 400 mg of magnesium as magnesium glycinate". Each is a panel of
//! its own ([`PanelKind::Sentence`]) with one row, so that the directions anywhere on the
//! page, before it or after it, give its daily amount as they give a panel's.

use super::quantity::{self, DIRECTION_COUNT as COUNT, Words, unit_noun};
use super::{Panel, PanelKind, Quantity, Row, Serving, Text};
use crate::document::{BlockKind, Document};
use crate::lean_regex::Regex;
use std::sync::LazyLock;

static UNIT_FACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(each|every|per|a\s+single|{COUNT})\s+([a-z][a-z\- ]{{0,30}}?)\s*(?:\([^)]*\)\s*)?(?:contains?|provides?|supplies|supply|delivers?|has|have|gives?|offers?)\s+(?:about\s+|approximately\s+|around\s+|roughly\s+)?"
    ))
    .expect("valid unit fact regex")
});

/// The verbs of [`UNIT_FACT`], to rule out most blocks before it runs.
static VERBS: Words = Words::new(&[
    "contain", "provide", "suppl", "deliver", "has ", "have ", "give", "offer",
]);

/// Words that end the name after an amount: "60 mg of zinc as zinc gluconate".
const NAME_ENDS: &[&str] = &[
    "as", "from", "in", "and", "which", "to", "for", "with", "per", "plus", "that", "so", "while",
    "each", "a", "the", "is", "are", "or", "but", "at", "than",
];

/// Every sentence of `doc` that says what a unit holds, as a panel of that unit.
pub(super) fn read(doc: &Document) -> Vec<Panel> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        if block.kind == BlockKind::FrontMatter
            || !block.text.bytes().any(|b| b.is_ascii_digit())
            || !VERBS.any(&block.text)
        {
            continue;
        }
        let text = block.text.as_str();
        for caps in UNIT_FACT.captures_iter(text) {
            let whole = caps.get(0).expect("group 0");
            let lead = caps[1].to_lowercase();
            let n = match lead.as_str() {
                "each" | "every" | "per" => 1.0,
                l if l.starts_with('a') && l.ends_with("single") => 1.0,
                other => match quantity::count(other) {
                    Some(n) if n >= 1.0 => n,
                    _ => continue,
                },
            };
            let words = caps[2].to_ascii_lowercase();
            let Some((unit, len)) = unit_noun(words.trim()) else {
                continue;
            };
            if unit == "serving" || len < words.trim().len() {
                continue;
            }
            // The amount right after the verb.
            // Only the few words after it are read: a sentence of thousands of amounts is
            // read in linear time.
            let window = (whole.end() + 40).min(text.len());
            let window = (window..=text.len())
                .find(|&e| text.is_char_boundary(e))
                .unwrap_or(text.len());
            let Some(found) = quantity::amounts(&text[whole.end()..window])
                .into_iter()
                .next()
                .filter(|f| f.range.start == 0)
            else {
                continue;
            };
            let amount_range = whole.end() + found.range.start..whole.end() + found.range.end;
            // "of zinc", "elemental magnesium": the name after the amount, up to a stop.
            let after = &text[amount_range.end..];
            let mut at = amount_range.end + (after.len() - after.trim_start().len());
            for skip in ["of ", "elemental "] {
                if text[at..].to_ascii_lowercase().starts_with(skip) {
                    at += skip.len();
                }
            }
            let (end, form) = name_end(text, at);
            if end == at {
                continue;
            }
            let form = form.and_then(|from: usize| {
                let rest = &text[from..];
                let start = from + (rest.len() - rest.trim_start().len());
                let stop = text[start..]
                    .find([',', '.', ';', ':', '(', ')'])
                    .map_or(text.len(), |i| start + i);
                (stop > start).then(|| Text {
                    text: text[start..stop].trim_end().to_string(),
                    span: block.span(start..start + text[start..stop].trim_end().len()),
                })
            });
            let span = block.span(whole.start()..end);
            let mut panel = Panel::new(PanelKind::Sentence, span);
            let lead_end = caps.get(2).expect("group 2").end();
            panel.serving = Some(Serving {
                count: n,
                unit: Some(unit),
                weight: None,
                also: None,
                text: text[whole.start()..lead_end].to_string(),
                span: block.span(whole.start()..lead_end),
            });
            panel.rows.push(Row {
                name: Text {
                    text: text[at..end].to_string(),
                    span: block.span(at..end),
                },
                form,
                qualifier: None,
                amount: Some(Quantity {
                    value: found.value,
                    unit: found.unit,
                    basis: found.basis,
                    text: text[amount_range.clone()].to_string(),
                    span: block.span(amount_range),
                }),
                alternate: None,
                daily_value: None,
                depth: 0,
                parent: None,
                span,
            });
            out.push(panel);
        }
    }
    out
}

/// Where the name that starts at `at` ends (at most four words, up to punctuation or a word
/// of [`NAME_ENDS`]), and where a form named after "as" begins.
fn name_end(text: &str, at: usize) -> (usize, Option<usize>) {
    let (mut i, mut end, mut words) = (at, at, 0);
    loop {
        let rest = &text[i..];
        let trimmed = rest.trim_start();
        let space = rest.len() - trimmed.len();
        if space == 0 && i != at {
            // Punctuation right after a word ends the name.
            return (end, None);
        }
        let len = trimmed
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(trimmed.len());
        if len == 0 {
            return (end, None);
        }
        let word = trimmed[..len].to_ascii_lowercase();
        if NAME_ENDS.contains(&word.as_str()) {
            return (end, (word == "as").then_some(i + space + len));
        }
        i += space + len;
        end = i;
        words += 1;
        if words >= 4 {
            return (end, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::label::PanelKind;
    use crate::document::{Document, Format};

    #[test]
    fn sentences_that_say_what_a_unit_holds() {
        let src = "Take 2 softgels with dinner. Each softgel provides 60 mg of zinc as zinc gluconate. Two capsules contain 400 mg elemental magnesium, our strongest. Each serving has 5 g of protein.";
        let doc = Document::parse(src.into(), Format::Text);
        let got: Vec<(f64, &str, &str, &str, Option<&str>)> = doc
            .label
            .panels
            .iter()
            .filter(|p| p.kind == PanelKind::Sentence)
            .map(|p| {
                let s = p.serving.as_ref().unwrap();
                let r = &p.rows[0];
                let a = r.amount.as_ref().unwrap();
                (
                    s.count,
                    s.unit.unwrap(),
                    &src[a.span.start..a.span.end],
                    &src[r.name.span.start..r.name.span.end],
                    r.form.as_ref().map(|f| &src[f.span.start..f.span.end]),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (1.0, "softgel", "60 mg", "zinc", Some("zinc gluconate")),
                (2.0, "capsule", "400 mg", "magnesium", None),
            ]
        );
    }
}
