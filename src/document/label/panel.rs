//! Reading panels line by line. A title ("Supplement Facts"), a serving size or an "Amount
//! Per Serving" header opens a panel; rows, footnotes and the statements beside it keep it
//! open; a heading or prose after its rows closes it, and one that has found no row after a
//! few lines is given up (a "Supplement Facts" tab in a menu). Rows are nested by their
//! indentation in plain text, under a proprietary blend, and by their names ("Includes 3 g
//! Added Sugars", "Total Sugars"); a row with no amount followed by an indented one with an
//! amount is one row written on two lines.

use super::lines::{Line, LineKind};
use super::loose::{Loose, PerUnit};
use super::quantity::{self, Words, unit_noun};
use super::{Footnote, Panel, PanelKind, Row, Serving, Statement, Text, row, statements};
use crate::diagnostic::Span;
use regex::Regex;
use std::sync::LazyLock;

mod open;

use open::{Open, continue_row, is_blend, unbalanced};

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(supplement|nutrition)\s+facts\b").expect("valid title regex")
});

static SERVING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bserving\s+size\b\s*[:\-–]?\s*(?:({c})(?:\s*(?:-|–|to|or)\s*({c}))?\s*)?([^|·•,;()\n]*)(?:\(([^)]*)\))?",
        c = quantity::COUNT
    ))
    .expect("valid serving regex")
});

static PER_CONTAINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bservings\s+per\s+(?:container|bottle|package|pack|jar|bag|box|tub)\b\s*[:\-–]?\s*(?:about\s+|approx(?:imately|\.)?\s+|~\s*)?([0-9][0-9,]*)")
        .expect("valid servings regex")
});

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bamount\s+per\s+([a-z]+(?:\s+[a-z]+)?)|%\s*daily\s+values?\b|%\s*dv\b|\bdaily\s+values?\s*\(dv\)")
        .expect("valid header regex")
});

static FOOTNOTE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bdaily\s+values?\s*(?:\(dvs?\)\s*)?(?:is\s+|are\s+|has\s+|have\s+)?(?:not\s+(?:yet\s+)?established|based\s+on)|\bpercent\s+daily\s+values?\b|\bnot\s+established\b")
        .expect("valid footnote regex")
});

/// Words that open a sentence, not a row: "Take 50 mg daily", "Do not exceed 400 mg".
const NOT_NAMES: &[&str] = &[
    "take",
    "chew",
    "mix",
    "use",
    "do",
    "don't",
    "keep",
    "store",
    "consult",
    "if",
    "each",
    "adults",
    "children",
    "directions",
    "warning",
    "warnings",
    "suggested",
    "why",
    "how",
    "what",
    "when",
    "this",
    "these",
    "our",
    "we",
    "you",
    "it",
    "up",
    "about",
    "only",
];

/// Whether a row read from a line that is not a table row reads as one: not a question, not
/// a sentence of directions; a row with no amount is a short name.
fn plausible(row: &Row, line: &Line<'_>) -> bool {
    if line.kind == LineKind::TableRow {
        return true;
    }
    let last = line.cells.last().map_or("", |c| c.text);
    if last.ends_with(['?', '!']) {
        return false;
    }
    let first_word = row
        .name
        .text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .next()
        .unwrap_or("")
        .to_lowercase();
    if NOT_NAMES.contains(&first_word.as_str()) {
        return false;
    }
    row.amount.is_some()
        || row.daily_value.is_some()
        || (row.name.text.split_whitespace().count() <= 8
            && !last.ends_with('.')
            && !line.cells.iter().any(|c| c.text.contains(": ")))
}

/// Lines a panel with no row yet waits for its first row.
const PATIENCE: usize = 3;

/// The panels, statements and loose rows read from a document's lines.
#[derive(Debug, Default)]
pub(super) struct Read {
    pub panels: Vec<Panel>,
    pub statements: Vec<Statement>,
}

/// Footnotes in one line: each starts with a symbol ("† Daily Value not established.");
/// a line of words with no symbol is one footnote.
fn footnotes(line: &Line<'_>) -> Vec<Footnote> {
    let mut out = Vec::new();
    for cell in &line.cells {
        let text = cell.text;
        let mut starts: Vec<(usize, usize)> = Vec::new();
        let mut prev: Option<char> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if quantity::SYMBOLS.contains(&c) && prev.is_none_or(char::is_whitespace) {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if quantity::SYMBOLS.contains(&d) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                starts.push((i, end));
                prev = text[..end].chars().next_back();
                continue;
            }
            prev = Some(c);
        }
        if starts
            .first()
            .is_none_or(|&(s, _)| !text[..s].trim().is_empty())
        {
            starts.insert(0, (0, 0));
        }
        for (k, &(s, e)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(text.len(), |n| n.0);
            let words = cell.slice(e..end);
            if words.text.is_empty() {
                continue;
            }
            out.push(Footnote {
                symbol: (e > s).then(|| text[s..e].to_string()),
                text: Text {
                    text: words.text.to_string(),
                    span: words.whole(),
                },
            });
        }
    }
    out
}

/// The serving size in `text` (the joined line), with its span found through `line`.
fn serving(line: &Line<'_>) -> Option<Serving> {
    for cell in &line.cells {
        let Some(caps) = SERVING.captures(cell.text) else {
            continue;
        };
        let whole = caps.get(0).expect("group 0");
        let count = caps
            .get(1)
            .and_then(|m| quantity::count(m.as_str()))
            .map(|a| {
                let b = caps.get(2).and_then(|m| quantity::count(m.as_str()));
                b.map_or(a, |b| a.max(b))
            });
        let words = caps.get(3).map_or("", |m| m.as_str()).to_lowercase();
        let words: String = words.split_whitespace().collect::<Vec<_>>().join(" ");
        let unit = unit_noun(&words).map(|(u, _)| u);
        let weight = caps.get(4).and_then(|m| {
            let found = quantity::amounts(m.as_str()).into_iter().next()?;
            let range = m.start() + found.range.start..m.start() + found.range.end;
            Some(super::Quantity {
                value: found.value,
                unit: found.unit,
                basis: found.basis,
                text: cell.text[range.clone()].to_string(),
                span: cell.span(range),
            })
        });
        let (count, unit) = match (count, unit) {
            (Some(c), u) => (c, u),
            // "Serving Size: 11 g" reads as a count of grams through the amount pattern.
            (None, u) => (1.0, u),
        };
        let text_start = caps.get(1).map_or(whole.end(), |m| m.start());
        let text = cell.text[text_start..whole.end()].trim().to_string();
        return Some(Serving {
            count,
            unit,
            weight,
            also: caps
                .get(4)
                .and_then(|m| quantity::counted_as(m.as_str()))
                .filter(|&(_, u)| Some(u) != unit),
            text,
            span: cell.span(whole.start()..whole.end()),
        });
    }
    None
}

fn per_container(line: &Line<'_>) -> Option<(f64, Span)> {
    line.cells.iter().find_map(|cell| {
        let caps = PER_CONTAINER.captures(cell.text)?;
        let n: f64 = caps[1].replace(',', "").parse().ok()?;
        Some((n, cell.span(caps.get(0).expect("group 0").range())))
    })
}

/// The words that decide which patterns can match a line: bit 0 "facts", 1 "serving",
/// 2 "ingredient", 3 "contain", 4 "per ", 5 "(each ".
static LINE_WORDS: Words = Words::new(&[
    "facts",
    "serving",
    "ingredient",
    "contain",
    "per ",
    "(each ",
]);

/// Whether the line opens with "each" or "every" ("Each capsule contains:").
fn first_word_each(line: &Line<'_>) -> bool {
    let t = line.cells[0].text.as_bytes();
    [&b"each "[..], b"every "]
        .iter()
        .any(|w| t.len() > w.len() && t[..w.len()].eq_ignore_ascii_case(w))
}

fn has_digit(line: &Line<'_>) -> bool {
    line.cells
        .iter()
        .any(|c| c.text.bytes().any(|b| b.is_ascii_digit()))
}

/// Read the panels and statements of `lines`.
pub(super) fn read(lines: &[Line<'_>]) -> Read {
    let mut out = Read::default();
    let mut open: Option<Open> = None;
    let mut loose = Loose::default();
    let close = |open: &mut Option<Open>, out: &mut Read| {
        if let Some(p) = open.take().and_then(Open::finish) {
            out.panels.push(p);
        }
    };
    for line in lines {
        if line.cells.is_empty() {
            // A blank line of plain text ends the rows under "Each capsule contains:" or
            // a "Per tablet" head; a Supplement Facts panel goes on past it.
            if let Some(o) = &open
                && matches!(o.panel.kind, PanelKind::PerUnit | PanelKind::Loose)
                && !o.panel.rows.is_empty()
            {
                close(&mut open, &mut out);
            }
            loose.flush(&mut out.panels);
            continue;
        }
        // Which patterns can match at all, found in one pass: most lines of a page have no
        // figure and none of these words, and are done with here.
        let digit = has_digit(line);
        let found = line
            .cells
            .iter()
            .fold(0, |acc, c| acc | LINE_WORDS.found(c.text));
        let facts = found & 1 != 0;
        let serving_word = found & 2 != 0;
        let lead = found & 12 != 0;
        // "Per 2 capsules", "Medicinal ingredients (each 10 mL)".
        let per = found & 48 != 0;
        if open.is_none()
            && !(digit || facts || serving_word || lead || per || first_word_each(line))
        {
            loose.flush(&mut out.panels);
            continue;
        }
        let first = &line.cells[0];
        let span = line.span();
        let words = first.text.split_whitespace().take(20).count();
        // A title: a short line naming the panel.
        if facts
            && let Some(m) = TITLE.find(first.text)
            && words <= 8
            && line.cells.len() <= 3
        {
            close(&mut open, &mut out);
            loose.flush(&mut out.panels);
            let kind = if m.as_str().to_lowercase().starts_with("nutrition") {
                super::PanelKind::NutritionFacts
            } else {
                PanelKind::SupplementFacts
            };
            let mut o = Open::new(kind, span);
            o.panel.title = Some(Text {
                text: first.text.to_string(),
                span: first.whole(),
            });
            o.panel.serving = serving(line);
            o.panel.servings_per_container = per_container(line);
            open = Some(o);
            continue;
        }
        if let Some(s) = serving_word.then(|| serving(line)).flatten() {
            loose.flush(&mut out.panels);
            let fresh = open
                .as_ref()
                .is_none_or(|o| o.panel.serving.is_some() && !o.panel.rows.is_empty());
            if fresh {
                close(&mut open, &mut out);
                open = Some(Open::new(PanelKind::SupplementFacts, span));
            }
            let o = open.as_mut().expect("a panel is open");
            o.settle();
            o.panel.serving = Some(s);
            if o.panel.servings_per_container.is_none() {
                o.panel.servings_per_container = per_container(line);
            }
            o.extend(span);
            continue;
        }
        if serving_word
            && let Some(o) = open.as_mut()
            && let Some(pc) = per_container(line)
        {
            o.panel.servings_per_container = Some(pc);
            o.extend(span);
            continue;
        }
        let stated = if lead {
            statements::read(first)
        } else {
            Vec::new()
        };
        if !stated.is_empty() {
            loose.flush(&mut out.panels);
            if let Some(o) = open.as_mut() {
                o.settle();
                o.extend(span);
            }
            out.statements.extend(stated);
            continue;
        }
        let has_amount = || {
            digit
                && line
                    .cells
                    .iter()
                    .any(|c| !quantity::amounts(c.text).is_empty())
        };
        if let Some(o) = open.as_mut() {
            // "Amount Per Serving", "% Daily Value": the column heads.
            let has_amount = has_amount();
            if !has_amount && let Some(caps) = HEADER.captures(&line.joined()) {
                if o.panel.serving.is_none()
                    && let Some(m) = caps.get(1)
                    && let Some((unit, _)) = unit_noun(&m.as_str().to_lowercase())
                    && unit != "serving"
                {
                    o.panel.serving = Some(Serving {
                        count: 1.0,
                        unit: Some(unit),
                        weight: None,
                        also: None,
                        text: m.as_str().to_string(),
                        span: first.span(m.range()),
                    });
                }
                o.extend(span);
                continue;
            }
            let symbol_first = first
                .text
                .starts_with(|c: char| quantity::SYMBOLS.contains(&c))
                && first
                    .text
                    .trim_start_matches(|c: char| quantity::SYMBOLS.contains(&c) || c == ' ')
                    .starts_with(|c: char| c.is_alphabetic());
            if symbol_first || (!has_amount && FOOTNOTE_WORDS.is_match(first.text)) {
                o.settle();
                o.panel.footnotes.extend(footnotes(line));
                o.extend(span);
                continue;
            }
            // A note in brackets under a row ("Folate 400 mcg DFE" over "(240 mcg folic
            // acid)") says more of the row above; the panel goes on.
            let joined = line.joined();
            let note = joined.trim();
            if !o.panel.rows.is_empty()
                && o.pending.is_none()
                && line.indent > o.base_indent.unwrap_or(0)
                && note.starts_with('(')
                && note.ends_with(')')
            {
                o.extend(span);
                continue;
            }
            // The rest of the open bracket of the row above, on a line of its own
            // ("Vitamin A (as retinyl palmitate and   2,100 mcg RAE" over "  naturally
            // occurring retinol)"): it finishes that row's name, and the panel goes on.
            if o.pending.is_none()
                && !has_amount
                && note.ends_with(')')
                && !note.starts_with('(')
                && let Some(last) = o.panel.rows.last_mut()
                && let Some(q) = last.qualifier.as_mut().filter(|q| unbalanced(&q.text))
            {
                q.text = format!("{} {note}", q.text);
                q.span = Span::new(q.span.start, span.end.max(q.span.end));
                if let Some(f) = last.form.as_mut() {
                    f.text = format!("{} {}", f.text, note.trim_end_matches(')').trim());
                }
                o.extend(span);
                continue;
            }
            if line.kind != LineKind::Heading
                && words <= 16
                && let Some(r) = row::parse(&line.cells).filter(|r| plausible(r, line))
            {
                if let Some((above, above_indent, kind)) = o.pending.take() {
                    let continues = r.amount.is_some()
                        && !is_blend(&above.name.text)
                        && (line.indent > above_indent
                            || unbalanced(&above.name.text)
                            || above
                                .qualifier
                                .as_ref()
                                .is_some_and(|q| unbalanced(&q.text))
                            || r.name.text.is_empty()
                            || r.name.text.starts_with(|c: char| c.is_lowercase()));
                    if continues {
                        o.push_row(continue_row(above, r), above_indent);
                        continue;
                    }
                    // A name whose bracket is still open wraps over more than two lines
                    // ("Vitamin C (as ascorbic acid," / "calcium ascorbate and" /
                    // "magnesium ascorbate)  1,000 mg"): the middle line waits with it.
                    let wraps = r.amount.is_none()
                        && r.daily_value.is_none()
                        && !is_blend(&above.name.text)
                        && (unbalanced(&above.name.text)
                            || above
                                .qualifier
                                .as_ref()
                                .is_some_and(|q| unbalanced(&q.text)));
                    if wraps {
                        o.pending = Some((continue_row(above, r), above_indent, kind));
                        o.extend(span);
                        continue;
                    }
                    o.pending = Some((above, above_indent, kind));
                    if !o.settle() {
                        close(&mut open, &mut out);
                        continue;
                    }
                }
                if r.amount.is_some() || r.daily_value.is_some() {
                    o.push_row(r, line.indent);
                } else {
                    o.pending = Some((r, line.indent, line.kind));
                    o.extend(span);
                }
                continue;
            }
            // Anything else ends a panel that has rows; one without waits a few lines for
            // its first row (a title, then a caption, then the column heads).
            let settled = o.settle();
            if o.panel.rows.is_empty() && settled {
                o.idle += 1;
                if o.idle <= PATIENCE {
                    continue;
                }
            }
            close(&mut open, &mut out);
        }
        // Outside a panel: "Each scoop provides: ..." and label-style rows ("Zinc 50 mg").
        // "Each capsule contains:" opens its line; "Per 2 capsules" is a short cell.
        let opens_per_unit = ["each ", "every ", "one ", "per ", "1 "].iter().any(|w| {
            first.text.len() > w.len()
                && first.text.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
        });
        let per_head = per
            && line
                .cells
                .iter()
                .any(|c| c.text.split_whitespace().nth(6).is_none());
        let per_unit = if opens_per_unit || per_head {
            super::loose::per_unit(line)
        } else {
            None
        };
        match per_unit {
            Some(PerUnit::Panel(p)) => {
                loose.flush(&mut out.panels);
                out.panels.push(p);
                continue;
            }
            Some(PerUnit::Opens(kind, s)) => {
                loose.flush(&mut out.panels);
                let mut o = Open::new(kind, span);
                o.panel.serving = Some(s);
                open = Some(o);
                continue;
            }
            None => {}
        }
        if words <= 14 && has_amount() {
            loose.offer(line);
        } else {
            loose.flush(&mut out.panels);
        }
    }
    close(&mut open, &mut out);
    loose.flush(&mut out.panels);
    out
}
