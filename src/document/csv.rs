//! Catalog exports: CSV with a header row, one product per row.
//!
//! The columns to lint are chosen by header name, case-insensitively (by default `Title`,
//! `Body (HTML)`, `Description` and `Body`); a cell in a column whose name says HTML, or a cell
//! that holds tags, is linted as HTML, any other as plain text. Every cell keeps a map from
//! its decoded text back to the bytes of the file (a `""` inside a quoted cell stands for one
//! `"`), so findings point into the CSV itself. Each product is a [`Unit`]: rules that judge
//! a whole document (the DSHEA disclaimer, reference entries) judge each product on its own.
//! Consecutive rows with the same handle or id (a product's variant rows) are one product.
//!
//! The reader follows RFC 4180 (commas, double quotes, CRLF or LF) and is lenient where
//! spreadsheet programs are: text after a closing quote belongs to the cell, and blank lines
//! are skipped. A quote that is never closed and a row whose field count differs from the
//! header's are problems with their line; the rows before them are still linted.

use super::{
    Directive, Document, Format, OffsetMap, ParseProblem, Piece, Unit, html, label, sentences, text,
};
use crate::diagnostic::Span;
use serde::Deserialize;
use std::ops::Range;

/// The columns linted when `claimlint.yaml` names none (Shopify's and most shops' exports).
pub const DEFAULT_COLUMNS: &[&str] = &["Title", "Body (HTML)", "Description", "Body"];

/// The columns that name a product, in order of preference.
pub const DEFAULT_ID_COLUMNS: &[&str] = &["Handle", "ID", "SKU"];

/// `csv:` in `claimlint.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvOptions {
    /// Header names of the columns to lint (case-insensitive).
    #[serde(default = "default_columns")]
    pub columns: Vec<String>,
    /// Header names of the columns that identify a product, in order of preference.
    #[serde(default = "default_id_columns")]
    pub id_columns: Vec<String>,
}

fn default_columns() -> Vec<String> {
    DEFAULT_COLUMNS.iter().map(|c| c.to_string()).collect()
}

fn default_id_columns() -> Vec<String> {
    DEFAULT_ID_COLUMNS.iter().map(|c| c.to_string()).collect()
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            columns: default_columns(),
            id_columns: default_id_columns(),
        }
    }
}

/// One field as written: its bytes (quotes included) and whether it is quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    range: Range<usize>,
    quoted: bool,
}

/// One record: its fields and its bytes without the line ending.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    fields: Vec<Field>,
    span: Range<usize>,
}

/// Split `src` into records. A quote that is never closed ends reading with a problem.
fn records(src: &str, problems: &mut Vec<ParseProblem>) -> Vec<Record> {
    let bytes = src.as_bytes();
    let len = bytes.len();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < len {
        let start = pos;
        let mut fields = Vec::new();
        let end = loop {
            let field_start = pos;
            if bytes.get(pos) == Some(&b'"') {
                let mut i = pos + 1;
                let closed = loop {
                    match bytes.get(i) {
                        None => break false,
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                        Some(b'"') => break true,
                        Some(_) => i += 1,
                    }
                };
                if !closed {
                    problems.push(ParseProblem {
                        message: "this quoted field is never closed, so the rest of the file was not linted".into(),
                        span: Span::new(pos, pos + 1),
                        help: Some(
                            "close the field with `\"`; a quote inside a quoted field is written `\"\"`".into(),
                        ),
                    });
                    return out;
                }
                pos = i + 1;
                // Text after the closing quote belongs to the cell, as spreadsheets read it.
                while pos < len && !matches!(bytes[pos], b',' | b'\n' | b'\r') {
                    pos += 1;
                }
                fields.push(Field {
                    range: field_start..pos,
                    quoted: true,
                });
            } else {
                while pos < len && !matches!(bytes[pos], b',' | b'\n' | b'\r') {
                    pos += 1;
                }
                fields.push(Field {
                    range: field_start..pos,
                    quoted: false,
                });
            }
            match bytes.get(pos) {
                Some(b',') => pos += 1,
                Some(b'\r') => {
                    let end = pos;
                    pos += if bytes.get(pos + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    break end;
                }
                Some(_) => {
                    pos += 1;
                    break pos - 1;
                }
                None => break pos,
            }
        };
        let blank = fields.len() == 1 && !fields[0].quoted && fields[0].range.is_empty();
        if !blank {
            out.push(Record {
                fields,
                span: start..end,
            });
        }
    }
    out
}

/// A field's text and the map from it back to the file.
fn cell(src: &str, field: &Field) -> (String, OffsetMap) {
    let mut text = String::new();
    let mut pieces = Vec::new();
    let mut push = |text: &mut String, piece_text: &str, src_start: usize, src_len: usize| {
        if piece_text.is_empty() {
            return;
        }
        pieces.push(Piece {
            text_start: text.len(),
            text_len: piece_text.len(),
            src_start,
            src_len,
        });
        text.push_str(piece_text);
    };
    let r = field.range.clone();
    if !field.quoted {
        push(&mut text, &src[r.clone()], r.start, r.len());
        return (text, OffsetMap { pieces });
    }
    let bytes = src.as_bytes();
    let mut run = r.start + 1;
    let mut i = run;
    while i < r.end {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        push(&mut text, &src[run..i], run, i - run);
        if bytes.get(i + 1) == Some(&b'"') && i + 1 < r.end {
            push(&mut text, "\"", i, 2);
            i += 2;
        } else {
            // The closing quote: not text; what follows it is.
            i += 1;
        }
        run = i;
    }
    push(&mut text, &src[run..r.end], run, r.end - run);
    (text, OffsetMap { pieces })
}

/// `map` takes block text to cell text; `through` takes cell text to the file. The result
/// takes block text to the file.
fn remap(map: &OffsetMap, through: &OffsetMap) -> OffsetMap {
    let mut pieces = Vec::new();
    for p in &map.pieces {
        if !p.verbatim() {
            let start = through.start(p.src_start);
            let end = through.end(p.src_start + p.src_len);
            pieces.push(Piece {
                src_start: start,
                src_len: end.saturating_sub(start),
                ..*p
            });
            continue;
        }
        // A verbatim piece maps piece by piece through the cell's map.
        let (mut t, mut c) = (p.text_start, p.src_start);
        let end = p.src_start + p.src_len;
        while c < end {
            let Some(q) = through.piece_at(c) else { break };
            let q_end = q.text_start + q.text_len;
            if c >= q_end {
                break;
            }
            let take = end.min(q_end) - c;
            let (src_start, src_len) = if q.verbatim() {
                (q.src_start + (c - q.text_start), take)
            } else {
                (q.src_start, q.src_len)
            };
            pieces.push(Piece {
                text_start: t,
                text_len: take,
                src_start,
                src_len,
            });
            t += take;
            c += take;
        }
    }
    OffsetMap { pieces }
}

fn remap_span(span: Span, through: &OffsetMap) -> Span {
    Span::new(through.start(span.start), through.end(span.end))
}

/// Whether a plain cell holds markup: a tag or a comment.
fn looks_like_html(text: &str) -> bool {
    let Some(last_gt) = text.rfind('>') else {
        return false;
    };
    text[..last_gt].match_indices('<').any(|(i, _)| {
        let rest = &text[i + 1..];
        rest.starts_with(|c: char| c.is_ascii_alphabetic())
            || rest.starts_with('/')
            || rest.starts_with("!--")
    })
}

/// Parse one cell as its own small document and move its prose into `doc`.
fn lint_cell(doc: &mut Document, text: String, through: &OffsetMap, as_html: bool) {
    let format = if as_html { Format::Html } else { Format::Text };
    let mut sub = Document::empty(text, format);
    if as_html {
        html::parse(&mut sub);
    } else {
        text::parse(&mut sub);
    }
    // A cell is read as its own small document, label and all; what is read of it moves
    // into the catalog's bytes.
    for block in &mut sub.blocks {
        block.sentences = sentences::split(&block.text);
    }
    let mut read = label::read(&sub, None);
    read.remap(&|s| remap_span(s, through));
    doc.label.panels.extend(read.panels);
    doc.label.statements.extend(read.statements);
    doc.label.directions.extend(read.directions);
    for mut block in sub.blocks {
        block.map = remap(&block.map, through);
        for link in &mut block.links {
            link.span = remap_span(link.span, through);
        }
        doc.blocks.push(block);
    }
    for d in sub.directives {
        doc.directives.push(Directive {
            action: d.action,
            rules: d
                .rules
                .into_iter()
                .map(|(r, s)| (r, remap_span(s, through)))
                .collect(),
            span: remap_span(d.span, through),
        });
    }
    for mut p in sub.problems {
        p.span = remap_span(p.span, through);
        doc.problems.push(p);
    }
    // A cell is a fragment, not a page: only its images count as not read.
    for mut u in sub.unread {
        if u.kind == super::NotRead::ImageWithoutAlt {
            u.span = remap_span(u.span, through);
            doc.unread.push(u);
        }
    }
}

fn first_line(src: &str, range: &Range<usize>) -> Span {
    let line = &src[range.clone()];
    let end = line
        .find(['\n', '\r'])
        .map_or(range.end, |e| range.start + e);
    Span::new(range.start, end)
}

/// Parse a catalog export into `doc`.
pub fn parse(doc: &mut Document, options: &CsvOptions) {
    let source = std::mem::take(&mut doc.source);
    let src = source.as_str();
    let records = records(src, &mut doc.problems);
    let Some(header) = records.first() else {
        doc.source = source;
        return;
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|f| cell(src, f).0.trim().to_string())
        .collect();
    let find = |wanted: &String| -> Vec<usize> {
        (0..names.len())
            .filter(|&i| names[i].eq_ignore_ascii_case(wanted.trim()))
            .collect()
    };
    let mut columns: Vec<usize> = options.columns.iter().flat_map(&find).collect();
    columns.sort_unstable();
    columns.dedup();
    let id_columns: Vec<usize> = options.id_columns.iter().flat_map(&find).collect();
    if columns.is_empty() {
        let listed: Vec<String> = options.columns.iter().map(|c| format!("`{c}`")).collect();
        doc.problems.push(ParseProblem {
            message: format!(
                "the header has none of the columns claimlint lints ({})",
                listed.join(", ")
            ),
            span: first_line(src, &header.span),
            help: Some(
                "name the columns to lint in claimlint.yaml (`csv: {columns: [...]}`), or exclude this file".into(),
            ),
        });
    }
    let mut last_id: Option<String> = None;
    let mut unit_first_row = 0;
    for (r, record) in records.iter().enumerate().skip(1) {
        let row = r + 1;
        if record.fields.len() != header.fields.len() {
            doc.problems.push(ParseProblem {
                message: format!(
                    "row {row} has {} fields but the header has {}",
                    record.fields.len(),
                    header.fields.len()
                ),
                span: first_line(src, &record.span),
                help: Some(
                    "look for a missing or extra comma, or a quote that is not doubled; the row's cells were linted by position".into(),
                ),
            });
        }
        let id = id_columns
            .iter()
            .filter_map(|&i| record.fields.get(i))
            .map(|f| cell(src, f).0.trim().to_string())
            .find(|v| !v.is_empty());
        let product = id
            .as_ref()
            .map(|i| format!(", product `{i}`"))
            .unwrap_or_default();
        let same_product = id.is_some() && id == last_id && !doc.units.is_empty();
        last_id = id.clone();
        let first_block = doc.blocks.len();
        let mut parts = Vec::new();
        for &c in &columns {
            let Some(field) = record.fields.get(c) else {
                continue;
            };
            let (text, through) = cell(src, field);
            if text.trim().is_empty() {
                continue;
            }
            let as_html = names[c].to_ascii_lowercase().contains("html") || looks_like_html(&text);
            lint_cell(doc, text, &through, as_html);
            parts.push((
                Span::new(field.range.start, field.range.end),
                format!("row {row}, column `{}`{product}", names[c]),
            ));
        }
        let blocks = first_block..doc.blocks.len();
        let span = Span::new(record.span.start, record.span.end);
        match doc.units.last_mut() {
            Some(unit) if same_product => {
                unit.blocks.end = blocks.end;
                unit.span.end = span.end;
                unit.parts.extend(parts);
                unit.name = format!("rows {unit_first_row}-{row}{product}");
            }
            _ => {
                unit_first_row = row;
                doc.units.push(Unit {
                    name: format!("row {row}{product}"),
                    span,
                    blocks,
                    parts,
                });
            }
        }
    }
    doc.source = source;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Document {
        Document::parse(src.to_string(), Format::Csv)
    }

    #[test]
    fn records_handle_quotes_newlines_and_crlf() {
        let src = "a,\"b,1\",\"say \"\"hi\"\"\nthere\"\r\n\r\nx,,\"\"\n";
        let mut problems = Vec::new();
        let recs = records(src, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(recs.len(), 2);
        let texts: Vec<String> = recs[0].fields.iter().map(|f| cell(src, f).0).collect();
        assert_eq!(texts, ["a", "b,1", "say \"hi\"\nthere"]);
        let texts: Vec<String> = recs[1].fields.iter().map(|f| cell(src, f).0).collect();
        assert_eq!(texts, ["x", "", ""]);
        assert_eq!(&src[recs[1].span.clone()], "x,,\"\"");
    }

    #[test]
    fn cell_maps_escaped_quotes_to_both_bytes() {
        let src = "\"a \"\"b\"\" c\"";
        let field = Field {
            range: 0..src.len(),
            quoted: true,
        };
        let (text, map) = cell(src, &field);
        assert_eq!(text, "a \"b\" c");
        let q = text.find('"').unwrap();
        let s = map.span(q..q + 1);
        assert_eq!(&src[s.start..s.end], "\"\"");
        let s = map.span(0..text.len());
        assert_eq!(&src[s.start..s.end], "a \"\"b\"\" c");
        let b = text.find('b').unwrap();
        let s = map.span(b..b + 1);
        assert_eq!(&src[s.start..s.end], "b");
    }

    #[test]
    fn columns_rows_and_units() {
        let src = "Handle,Title,Body (HTML),Price\nmag,Magnesium,\"<p>Calm <b>\"\"nights\"\"</b></p>\",10\nmag,,,12\nzinc,Zinc,Plain body,9\n";
        let doc = parse(src);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Magnesium", "Calm \"nights\"", "Zinc", "Plain body"]
        );
        let b = &doc.blocks[1];
        let at = b.text.find("\"nights\"").unwrap();
        let s = b.span(at..at + 8);
        assert_eq!(&src[s.start..s.end], "\"\"nights\"\"");
        assert_eq!(doc.units.len(), 2);
        assert_eq!(doc.units[0].name, "rows 2-3, product `mag`");
        assert_eq!(doc.units[0].blocks, 0..2);
        assert_eq!(doc.units[1].name, "row 4, product `zinc`");
        assert_eq!(
            doc.context(s),
            Some("row 2, column `Body (HTML)`, product `mag`")
        );
    }

    #[test]
    fn entities_and_escaped_quotes_in_one_html_cell_map_to_their_bytes() {
        let src = "Title,Body (HTML)\nT,\"<p>Tom &amp; \"\"Jerry\"\"&#8217;s</p>\"\n";
        let doc = parse(src);
        let b = doc
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Tom"))
            .unwrap();
        assert_eq!(b.text, "Tom & \"Jerry\"’s");
        let slice = |r: Range<usize>| {
            let s = b.span(r);
            &src[s.start..s.end]
        };
        assert_eq!(slice(4..5), "&amp;");
        assert_eq!(slice(6..7), "\"\"");
        assert_eq!(slice(7..12), "Jerry");
        assert_eq!(slice(13..16), "&#8217;");
        assert_eq!(slice(0..b.text.len()), "Tom &amp; \"\"Jerry\"\"&#8217;s");
    }

    #[test]
    fn malformed_csv_is_a_problem_with_a_position() {
        let src = "Title,Body\nOne,ok\nTwo,has,extra\nThree,\"never closed\n";
        let doc = parse(src);
        let problems: Vec<(&str, &str)> = doc
            .problems
            .iter()
            .map(|p| (p.message.as_str(), &src[p.span.start..p.span.end]))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    "this quoted field is never closed, so the rest of the file was not linted",
                    "\""
                ),
                ("row 3 has 3 fields but the header has 2", "Two,has,extra"),
            ]
        );
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["One", "ok", "Two", "has"]);
    }

    #[test]
    fn a_header_without_lintable_columns_is_a_problem() {
        let doc = parse("sku,price\nA1,3\n");
        assert_eq!(
            doc.problems[0].message,
            "the header has none of the columns claimlint lints (`Title`, `Body (HTML)`, `Description`, `Body`)"
        );
    }

    #[test]
    fn html_is_recognised_in_plain_columns() {
        assert!(looks_like_html("Calm <em>nights</em>"));
        assert!(looks_like_html("<!-- note --> text"));
        assert!(!looks_like_html("5 < 6 and 7 > 2"));
        assert!(!looks_like_html("no markup"));
    }
}
