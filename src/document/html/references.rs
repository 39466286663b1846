//! Character references (`&amp;`, `&#8217;`, the legacy forms without `;`) and the text
//! they decode to, piece by piece with the bytes each piece came from.

use super::tags::is_space;
use crate::document::BlockBuilder;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The named character references, without their `&`: `"amp;"` and the legacy `"amp"`.
fn named_references() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        entities::ENTITIES
            .iter()
            .map(|e| (&e.entity[1..], e.characters))
            .collect()
    })
}

/// What numeric references to the C1 controls 0x80..=0x9F stand for (windows-1252).
fn c1_replacement(value: u32) -> Option<char> {
    Some(match value {
        0x80 => '\u{20AC}',
        0x82 => '\u{201A}',
        0x83 => '\u{0192}',
        0x84 => '\u{201E}',
        0x85 => '\u{2026}',
        0x86 => '\u{2020}',
        0x87 => '\u{2021}',
        0x88 => '\u{02C6}',
        0x89 => '\u{2030}',
        0x8A => '\u{0160}',
        0x8B => '\u{2039}',
        0x8C => '\u{0152}',
        0x8E => '\u{017D}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201C}',
        0x94 => '\u{201D}',
        0x95 => '\u{2022}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0x98 => '\u{02DC}',
        0x99 => '\u{2122}',
        0x9A => '\u{0161}',
        0x9B => '\u{203A}',
        0x9C => '\u{0153}',
        0x9E => '\u{017E}',
        0x9F => '\u{0178}',
        _ => return None,
    })
}

/// Decode the character reference at `at` (an `&`), looking no further than `end`. Returns
/// the text and where the reference ends, or `None` when the `&` is only an ampersand.
/// In attribute values a legacy reference without `;` followed by `=` or a letter or digit
/// stays as written, as browsers keep it (`?a=1&copy=2`).
pub(crate) fn char_ref(
    src: &str,
    at: usize,
    end: usize,
    attr: bool,
) -> Option<(Cow<'static, str>, usize)> {
    let bytes = &src.as_bytes()[..end];
    if bytes.get(at + 1) == Some(&b'#') {
        let hex = matches!(bytes.get(at + 2), Some(b'x' | b'X'));
        let digits_start = at + if hex { 3 } else { 2 };
        let mut j = digits_start;
        let mut value: u32 = 0;
        while let Some(&b) = bytes.get(j) {
            let d = match (hex, b) {
                (_, b'0'..=b'9') => b - b'0',
                (true, b'a'..=b'f') => b - b'a' + 10,
                (true, b'A'..=b'F') => b - b'A' + 10,
                _ => break,
            };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(u32::from(d))
                .min(0x11_0000);
            j += 1;
        }
        if j == digits_start {
            return None;
        }
        if bytes.get(j) == Some(&b';') {
            j += 1;
        }
        let c = match value {
            0 | 0xD800..=0xDFFF | 0x11_0000.. => '\u{FFFD}',
            0x80..=0x9F => {
                c1_replacement(value).unwrap_or_else(|| char::from_u32(value).unwrap_or('\u{FFFD}'))
            }
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some((Cow::Owned(c.to_string()), j));
    }
    let rest = &src[at + 1..end];
    let run = rest
        .bytes()
        .take(32)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if run == 0 {
        return None;
    }
    let table = named_references();
    if rest.as_bytes().get(run) == Some(&b';')
        && let Some(text) = table.get(&rest[..=run])
    {
        return Some((Cow::Borrowed(text), at + 2 + run));
    }
    // The longest legacy name (written without `;`) that starts the run.
    for k in (2..=run).rev() {
        if let Some(text) = table.get(&rest[..k]) {
            let next = rest.as_bytes().get(k);
            if attr && next.is_some_and(|b| *b == b'=' || b.is_ascii_alphanumeric()) {
                return None;
            }
            return Some((Cow::Borrowed(text), at + 1 + k));
        }
    }
    None
}

/// Append the text of `range` to `b`: runs of white space fold to one space, character
/// references are decoded, and every piece keeps its source bytes.
pub(crate) fn push_text(b: &mut BlockBuilder, src: &str, range: Range<usize>, attr: bool) {
    let bytes = src.as_bytes();
    let mut i = range.start;
    let mut run = i;
    while i < range.end {
        let c = bytes[i];
        if is_space(c) {
            b.push(&src[run..i], run..i);
            let mut j = i;
            while j < range.end && is_space(bytes[j]) {
                j += 1;
            }
            b.push_space(i..j);
            i = j;
            run = i;
        } else if c == b'&'
            && let Some((text, end)) = char_ref(src, i, range.end, attr)
        {
            b.push(&src[run..i], run..i);
            if text.chars().all(char::is_whitespace) {
                b.push_space(i..end);
            } else {
                b.push(&text, i..end);
            }
            i = end;
            run = i;
        } else {
            i += 1;
        }
    }
    b.push(&src[run..range.end], run..range.end);
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};

    fn parse(src: &str) -> Document {
        Document::parse(src.to_string(), Format::Html)
    }

    /// The source bytes behind `needle` in the first block whose text holds it.
    fn source_of<'a>(src: &'a str, doc: &Document, needle: &str) -> &'a str {
        let b = doc
            .blocks
            .iter()
            .find(|b| b.text.contains(needle))
            .unwrap_or_else(|| panic!("no block holds {needle:?}"));
        let at = b.text.find(needle).unwrap();
        let span = b.span(at..at + needle.len());
        &src[span.start..span.end]
    }

    #[test]
    fn character_references_decode_as_browsers_do() {
        let src = "<p>it&#8217;s &#x2019; &#146; &amp &notit; &copy2 &bogus; a&b &#; &#0;</p>";
        let doc = parse(src);
        assert_eq!(
            doc.blocks[0].text,
            "it’s ’ ’ & ¬it; ©2 &bogus; a&b &#; \u{FFFD}"
        );
        assert_eq!(source_of(src, &doc, "it’s"), "it&#8217;s");
    }

    #[test]
    fn attribute_values_keep_legacy_references_before_equals() {
        let src = r#"<a href="/p?x=1&copy=2&amp;y=3">Buy</a>"#;
        let doc = parse(src);
        let linked = doc.blocks.iter().find(|b| !b.links.is_empty()).unwrap();
        assert_eq!(linked.links[0].dest, "/p?x=1&copy=2&y=3");
    }
}
