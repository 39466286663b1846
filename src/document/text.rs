//! Plain text: blank lines separate paragraphs; bullet lines are list items; a short line
//! with no closing punctuation followed by a capitalised line is a heading. Lines holding only
//! a `<!-- claimlint-... -->` comment are suppression directives, and so is such a comment
//! at the end of a line of text.

use super::{BlockBuilder, BlockKind, Document, directive};

/// Bullet markers recognised at the start of a line.
const BULLETS: &[char] = &['•', '-', '*', '·', '‣', '▪', '◦', '–', '—', '+'];

/// The lines of `source` as byte ranges without their line ending, each with the range of
/// its line ending.
pub(crate) fn lines(source: &str) -> Vec<(usize, usize, usize)> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n`, which ended its line already.
            continue;
        }
        let end = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
        out.push((start, i, end));
        start = end;
    }
    if start < bytes.len() {
        out.push((start, bytes.len(), bytes.len()));
    }
    out
}

/// Length of a bullet or list number (with the space after it) at the start of `line`.
fn bullet_len(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    if BULLETS.contains(&first) {
        let after = first.len_utf8();
        return line[after..].starts_with([' ', '\t']).then_some(after + 1);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2 {
            return Some(digits + 2);
        }
    }
    None
}

fn ends_open(line: &str) -> bool {
    !line.ends_with(['.', '!', '?', ',', ';', ':', '-', '…', '"', '”', ')'])
}

/// The most words a line may have to be read as a heading.
const HEADING_WORDS: usize = 8;

/// Whether a line standing alone before a capitalised line reads as a heading: a few words
/// with no closing punctuation, or in capitals with a closing parenthesis or colon
/// ("CLINICAL CONSIDERATIONS (PRACTITIONER NOTES)", "WARNINGS:").
fn is_heading_line(line: &str) -> bool {
    // A count after a section's name is no closing punctuation: "Reviews (63)".
    let line = match line.strip_suffix(')').and_then(|l| l.rsplit_once('(')) {
        Some((name, n))
            if !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit() || c == ',')
                && name.ends_with(' ') =>
        {
            name.trim_end()
        }
        _ => line,
    };
    let words = line.split_whitespace().count();
    if words == 0 || words > HEADING_WORDS {
        return false;
    }
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = letters >= 3 && !line.chars().any(char::is_lowercase);
    ends_open(line) || (capitals && line.ends_with([')', ':']))
}

/// A `claimlint-` comment that ends `line` (at `at`) after some text: the text before it,
/// trimmed, and the directive or what is wrong with it. `None` when the line does not end
/// in one, or is only the comment.
fn trailing_directive(
    line: &str,
    at: usize,
) -> Option<(&str, Result<super::Directive, super::ParseProblem>)> {
    if !line.ends_with("-->") {
        return None;
    }
    let open = line.rfind("<!--")?;
    let prose = line[..open].trim_end();
    if prose.is_empty() {
        return None;
    }
    match directive::parse(&line[open..], at + open) {
        Ok(Some(d)) => Some((prose, Ok(d))),
        Ok(None) => None,
        Err(problem) => Some((prose, Err(problem))),
    }
}

/// Parse plain text into `doc`.
pub fn parse(doc: &mut Document) {
    // A paragraph after a blank line is a paragraph whatever comes before it.
    doc.append_at = Some(doc.source.len());
    let source = doc.source.as_str();
    let lines = lines(source);
    let mut current: Option<BlockBuilder> = None;
    let mut blocks = Vec::new();
    let flush = |current: &mut Option<BlockBuilder>, blocks: &mut Vec<_>| {
        if let Some(b) = current.take().and_then(BlockBuilder::finish) {
            blocks.push(b);
        }
    };
    for (n, &(start, end, line_end)) in lines.iter().enumerate() {
        let raw = &source[start..end];
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            flush(&mut current, &mut blocks);
            continue;
        }
        let lead = raw.len() - raw.trim_start().len();
        let content_start = start + lead;
        // A directive at the end of a line of text (`claimlint-disable-line`, typically):
        // the comment is read as a directive, the text before it as prose.
        let trimmed = match trailing_directive(trimmed, content_start) {
            Some((prose, found)) => {
                match found {
                    Ok(d) => doc.directives.push(d),
                    Err(problem) => doc.problems.push(problem),
                }
                prose
            }
            None => trimmed,
        };
        if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            match directive::parse(trimmed, content_start) {
                Ok(Some(d)) => {
                    flush(&mut current, &mut blocks);
                    doc.directives.push(d);
                    continue;
                }
                Ok(None) => {}
                Err(problem) => {
                    doc.problems.push(problem);
                    continue;
                }
            }
        }
        if let Some(len) = bullet_len(trimmed) {
            flush(&mut current, &mut blocks);
            let mut item = BlockBuilder::new(BlockKind::ListItem);
            let text = trimmed[len..].trim_start();
            let text_start = content_start + (trimmed.len() - text.len());
            item.push(text, text_start..text_start + text.len());
            current = Some(item);
            continue;
        }
        let next_starts_capital = lines.get(n + 1).is_some_and(|&(s, e, _)| {
            source[s..e].trim_start().starts_with(|c: char| {
                // A review's stars start its line as a capital would: "★★★★★ Easy".
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '★' | '☆')
            })
        });
        let next_is_bullet = lines
            .get(n + 1)
            .is_some_and(|&(s, e, _)| bullet_len(source[s..e].trim_start()).is_some());
        // A short line alone between blank lines, before a capitalised one, is a heading
        // too: "Questions & Answers" over "Q: ..." ends the "Warnings" section above it.
        let alone_before_capital = || {
            lines
                .get(n + 1)
                .is_some_and(|&(s, e, _)| source[s..e].trim().is_empty())
                && lines[n + 1..]
                    .iter()
                    .map(|&(s, e, _)| source[s..e].trim_start())
                    .find(|l| !l.is_empty())
                    .is_some_and(|l| l.starts_with(|c: char| c.is_uppercase()))
        };
        // A heading line after a finished sentence starts a block of its own: "...a tiny
        // amount of selenium." then "Selenium and cancer risk".
        let heading = is_heading_line(trimmed)
            && (next_starts_capital || next_is_bullet || alone_before_capital());
        if heading
            && n > 0
            && source[lines[n - 1].0..lines[n - 1].1]
                .trim_end()
                .ends_with(['.', '!', '?'])
        {
            flush(&mut current, &mut blocks);
        }
        // Whether this line starts a paragraph of its own.
        let alone = current.as_ref().is_none_or(|b| b.len() == 0);
        match current.as_mut() {
            // A continuation line of a paragraph or of a wrapped bullet.
            Some(b) if b.len() > 0 => {
                let prev_end = lines[n - 1].1;
                b.push_space(prev_end..start);
                b.push(trimmed, content_start..content_start + trimmed.len());
            }
            _ => {
                let mut b = BlockBuilder::new(BlockKind::Paragraph);
                b.push(trimmed, content_start..content_start + trimmed.len());
                current = Some(b);
            }
        }
        // A line that ends with no punctuation before a capitalised line closes its block:
        // flattened pages put headings and list lines on their own lines. Alone in its
        // block and short, it is a heading ("DRUG INTERACTIONS", "Customer questions").
        if alone && heading {
            if let Some(b) = current.as_mut() {
                b.set_kind(BlockKind::Heading);
            }
            flush(&mut current, &mut blocks);
        } else if ends_open(trimmed) && next_starts_capital {
            flush(&mut current, &mut blocks);
        }
        let _ = line_end;
    }
    flush(&mut current, &mut blocks);
    doc.blocks = blocks;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};

    #[test]
    fn lines_are_the_ones_a_loop_over_every_byte_found() {
        fn by_bytes(source: &str) -> Vec<(usize, usize, usize)> {
            let bytes = source.as_bytes();
            let mut out = Vec::new();
            let (mut start, mut i) = (0, 0);
            while i < bytes.len() {
                match bytes[i] {
                    b'\n' => {
                        out.push((start, i, i + 1));
                        start = i + 1;
                    }
                    b'\r' => {
                        let end = if bytes.get(i + 1) == Some(&b'\n') {
                            i + 2
                        } else {
                            i + 1
                        };
                        out.push((start, i, end));
                        start = end;
                        i = end - 1;
                    }
                    _ => {}
                }
                i += 1;
            }
            if start < bytes.len() {
                out.push((start, bytes.len(), bytes.len()));
            }
            out
        }
        let pieces = ["a", "bc ", "\n", "\r", "\r\n", "é", "\n\r", "\r\r"];
        for text in
            crate::testing::random_texts(&pieces, 0x1234_5678_9abc_def1, 3000, |_, s| s % 20)
        {
            assert_eq!(lines(&text), by_bytes(&text), "{text:?}");
        }
    }

    fn blocks(src: &str) -> Vec<(BlockKind, String)> {
        let doc = Document::parse(src.to_string(), Format::Text);
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.clone()))
            .collect()
    }

    #[test]
    fn paragraphs_bullets_and_headings() {
        let src = "Our Story\nWe make calm\nblends.\n\n  • Supports focus (ref)\n  • Tastes fine\n\n1. Take one daily";
        assert_eq!(
            blocks(src),
            [
                (BlockKind::Heading, "Our Story".into()),
                (BlockKind::Paragraph, "We make calm blends.".into()),
                (BlockKind::ListItem, "Supports focus (ref)".into()),
                (BlockKind::ListItem, "Tastes fine".into()),
                (BlockKind::ListItem, "Take one daily".into()),
            ]
        );
    }

    #[test]
    fn a_section_name_with_a_count_over_starred_reviews_is_a_heading() {
        let src = "Warnings\nDo not use if pregnant.\nReviews (63)\n★★★★★ Easy to use\nNo taste at all.\n";
        let got = blocks(src);
        assert!(
            got.contains(&(BlockKind::Heading, "Reviews (63)".into())),
            "{got:?}"
        );
        assert!(
            !blocks("Vitamin D (as D3)\nTake daily.\n")
                .iter()
                .any(|b| b.0 == BlockKind::Heading),
            "a closing bracket that is not a count still closes the line"
        );
    }

    #[test]
    fn spans_survive_crlf_and_lone_cr() {
        let src = "First line\r\nsecond line.\rThird.";
        let doc = Document::parse(src.to_string(), Format::Text);
        let b = &doc.blocks[0];
        let at = b.text.find("second").unwrap();
        let span = b.span(at..at + 6);
        assert_eq!(&src[span.start..span.end], "second");
        let at = b.text.find("Third").unwrap();
        let span = b.span(at..b.text.len());
        assert_eq!(&src[span.start..span.end], "Third.");
    }

    #[test]
    fn directive_lines_are_not_prose() {
        let src = "<!-- claimlint-disable-next-line us-fda/x -->\nText here.";
        let doc = Document::parse(src.to_string(), Format::Text);
        assert_eq!(doc.directives.len(), 1);
        assert_eq!(doc.blocks.len(), 1);
    }
}
