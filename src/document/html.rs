//! HTML product pages: the text a reader sees, read the way a browser tokenizes it.
//!
//! Paragraphs, headings, list items and table cells become blocks; every block element and
//! `<br>` ends a block, inline elements (`<b>`, `<a>`, `<span>`) do not split words. `alt` and
//! `title` attributes, `<title>`, the meta description (`description`, `og:description`,
//! `twitter:description`) and the `name` and `description` of schema.org Product JSON-LD are
//! blocks of their own. Script, style, noscript, template, code and pre are never prose.
//!
//! Character references are decoded (the full WHATWG table, legacy forms without `;`
//! included) and each decoded piece maps back to the bytes of the reference, so a span always
//! points at the original source. Malformed markup is read as a browser reads it: a stray `<`
//! is text, an unclosed comment or raw text element runs to the end, a tag cut off by the end
//! of the file is dropped, and an unknown reference stays as written.

use super::{Block, BlockBuilder, BlockKind, Document, Link, directive, json_ld};
use crate::diagnostic::Span;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is not prose on the page (code samples, inert templates, icons).
const SKIPPED: &[&str] = &["code", "pre", "template", "svg", "math", "kbd", "samp"];

/// Elements whose content is raw text up to the matching end tag: no markup inside.
const RAW: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Elements that start and end a block of prose.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Block elements whose start tag closes an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements an implied end does not reach past (the HTML "scope" boundaries).
const SCOPE: &[&str] = &[
    "html", "table", "td", "th", "caption", "template", "button", "object",
];

/// Heading elements: a new heading closes an open one.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

fn block_kind(name: &str) -> BlockKind {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "td" | "th" | "caption" => BlockKind::TableCell,
        _ => BlockKind::Paragraph,
    }
}

/// HTML's white space: space, tab, line feed, form feed, carriage return.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

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

/// An attribute: its lowercased name and the range of its value (without quotes).
#[derive(Debug, Clone)]
struct Attr {
    name: String,
    value: Range<usize>,
}

/// A start or end tag.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<Attr>,
    /// One past the closing `>`.
    end: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&Range<usize>> {
        self.attrs.iter().find(|a| a.name == name).map(|a| &a.value)
    }
}

/// Read a tag whose name starts at `name_start`; `None` when the file ends inside it (a
/// browser drops such a tag).
fn read_tag(src: &str, name_start: usize) -> Option<Tag> {
    let bytes = src.as_bytes();
    let mut i = name_start;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = src[name_start..i].to_ascii_lowercase();
    let mut attrs: Vec<Attr> = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return None,
            Some(b'>') => {
                return Some(Tag {
                    name,
                    attrs,
                    end: i + 1,
                });
            }
            Some(_) => {}
        }
        // An attribute name may begin with `=`; it ends at space, `/`, `>` or `=`.
        let n0 = i;
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr_name = src[n0..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let mut value = i..i;
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = src[j + 1..].find(q as char)? + j + 1;
                    value = j + 1..close;
                    i = close + 1;
                }
                Some(_) => {
                    let mut k = j;
                    while k < bytes.len() && !is_space(bytes[k]) && bytes[k] != b'>' {
                        k += 1;
                    }
                    value = j..k;
                    i = k;
                }
                None => return None,
            }
        }
        // The first of two attributes with one name wins.
        if !attrs.iter().any(|a| a.name == attr_name) {
            attrs.push(Attr {
                name: attr_name,
                value,
            });
        }
    }
}

/// Where raw text that starts at `from` ends: the content range and one past the end tag.
fn raw_text_end(src: &str, name: &str, from: usize) -> (Range<usize>, usize) {
    let bytes = src.as_bytes();
    let mut at = from;
    while let Some(p) = src[at..].find("</") {
        let start = at + p;
        let name_end = start + 2 + name.len();
        if name_end <= bytes.len()
            && bytes[start + 2..name_end].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(name_end)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            let end = src[name_end..]
                .find('>')
                .map_or(src.len(), |e| name_end + e + 1);
            return (from..start, end);
        }
        at = start + 2;
    }
    (from..src.len(), src.len())
}

/// A link whose end tag has not been seen.
struct OpenLink {
    text_start: usize,
    dest: String,
    src_start: usize,
}

struct Parser<'a> {
    src: &'a str,
    blocks: Vec<Block>,
    current: BlockBuilder,
    /// Open block elements with the kind of prose inside them, innermost last.
    open: Vec<(&'static str, BlockKind)>,
    /// How many of each element are open, so implied ends need not scan a deep stack.
    open_counts: HashMap<&'static str, usize>,
    /// Open elements whose content is skipped, innermost last.
    skipped: Vec<&'static str>,
    link: Option<OpenLink>,
    doc: &'a mut Document,
}

/// The `&'static` spelling of a known element name.
fn known(list: &[&'static str], name: &str) -> Option<&'static str> {
    list.iter().find(|n| **n == name).copied()
}

impl Parser<'_> {
    fn kind(&self) -> BlockKind {
        self.open.last().map_or(BlockKind::Paragraph, |o| o.1)
    }

    /// Open a block element: its prose takes its kind, or its parent's (a `<p>` in a `<li>`
    /// is list item prose).
    fn push_open(&mut self, name: &'static str) {
        let kind = match block_kind(name) {
            BlockKind::Paragraph => self.kind(),
            k => k,
        };
        self.open.push((name, kind));
        *self.open_counts.entry(name).or_default() += 1;
    }

    /// Close the open element at `i` and everything inside it.
    fn truncate_open(&mut self, i: usize) {
        for (name, _) in self.open.drain(i..) {
            if let Some(c) = self.open_counts.get_mut(name) {
                *c -= 1;
            }
        }
    }

    fn is_open(&self, names: &[&str]) -> bool {
        names
            .iter()
            .any(|n| self.open_counts.get(n).is_some_and(|c| *c > 0))
    }

    /// End the current block at source offset `at`; a link still open goes on in the next.
    fn flush(&mut self, at: usize) {
        let next = BlockBuilder::new(self.kind());
        let mut done = std::mem::replace(&mut self.current, next);
        if let Some(link) = self.link.take() {
            if done.len() > link.text_start {
                done.add_link(Link {
                    text_range: link.text_start..done.len(),
                    dest: link.dest.clone(),
                    span: Span::new(link.src_start, at),
                });
            }
            self.link = Some(OpenLink {
                text_start: 0,
                src_start: at,
                ..link
            });
        }
        if let Some(b) = done.finish() {
            self.blocks.push(b);
        }
    }

    fn close_link(&mut self, at: usize) {
        if let Some(link) = self.link.take()
            && self.current.len() > link.text_start
        {
            let text_range = link.text_start..self.current.len();
            self.current.add_link(Link {
                text_range,
                dest: link.dest,
                span: Span::new(link.src_start, at),
            });
        }
    }

    /// Close the innermost open element named in `targets`, unless a `stop` element is
    /// nearer.
    fn close_nearest(&mut self, targets: &[&str], stop: &[&str]) {
        if !self.is_open(targets) {
            return;
        }
        for i in (0..self.open.len()).rev() {
            let n = self.open[i].0;
            if targets.contains(&n) {
                self.truncate_open(i);
                return;
            }
            if stop.contains(&n) || SCOPE.contains(&n) {
                return;
            }
        }
    }

    /// The end tags a start tag implies: a new `<li>` closes the previous one, and so on.
    fn implied_ends(&mut self, name: &str) {
        match name {
            "li" => self.close_nearest(&["li"], &["ul", "ol", "menu"]),
            "dt" | "dd" => self.close_nearest(&["dt", "dd"], &["dl"]),
            "td" | "th" => self.close_nearest(&["td", "th"], &["tr"]),
            "tr" => self.close_nearest(&["tr"], &["tbody", "thead", "tfoot"]),
            "tbody" | "thead" | "tfoot" => self.close_nearest(&["tbody", "thead", "tfoot"], &[]),
            "option" => self.close_nearest(&["option"], &["select", "optgroup"]),
            "optgroup" => self.close_nearest(&["option", "optgroup"], &["select"]),
            _ => {}
        }
        if HEADINGS.contains(&name) && self.open.last().is_some_and(|n| HEADINGS.contains(&n.0)) {
            self.truncate_open(self.open.len() - 1);
        }
        if CLOSES_P.contains(&name) {
            self.close_nearest(&["p"], &[]);
        }
    }

    /// A block of its own from an attribute value or raw text.
    fn extra_block(&mut self, kind: BlockKind, range: Range<usize>, attr: bool) {
        let mut b = BlockBuilder::new(kind);
        push_text(&mut b, self.src, range, attr);
        if let Some(block) = b.finish() {
            self.blocks.push(block);
        }
    }

    fn decode(&self, range: Range<usize>) -> String {
        let mut b = BlockBuilder::new(BlockKind::Paragraph);
        push_text(&mut b, self.src, range, true);
        b.text.trim().to_string()
    }

    fn comment(&mut self, at: usize) -> usize {
        let src = self.src;
        let body = at + 4;
        let end = if src[body..].starts_with('>') {
            body + 1
        } else if src[body..].starts_with("->") {
            body + 2
        } else {
            let close = src[body..].find("-->").map(|p| body + p + 3);
            let bang = src[body..].find("--!>").map(|p| body + p + 4);
            match (close, bang) {
                (Some(a), Some(b)) => a.min(b),
                (a, b) => a.or(b).unwrap_or(src.len()),
            }
        };
        match directive::parse(&src[at..end], at) {
            Ok(Some(d)) => self.doc.directives.push(d),
            Ok(None) => {}
            Err(p) => self.doc.problems.push(p),
        }
        end
    }

    /// Handle the markup at `at` (a `<`); `None` when the `<` is only text.
    fn markup(&mut self, at: usize) -> Option<usize> {
        let src = self.src;
        let bytes = src.as_bytes();
        let rest = &src[at..];
        let bogus_comment = |from: usize| src[from..].find('>').map_or(src.len(), |p| from + p + 1);
        if rest.starts_with("<!--") {
            return Some(self.comment(at));
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return Some(bogus_comment(at + 2));
        }
        if rest.starts_with("</") {
            return match bytes.get(at + 2) {
                Some(b) if b.is_ascii_alphabetic() => match read_tag(src, at + 2) {
                    Some(tag) => {
                        self.end_tag(&tag, at);
                        Some(tag.end)
                    }
                    None => Some(src.len()),
                },
                Some(b'>') => Some(at + 3),
                Some(_) => Some(bogus_comment(at + 2)),
                None => None,
            };
        }
        if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let Some(tag) = read_tag(src, at + 1) else {
            return Some(src.len());
        };
        Some(self.start_tag(&tag, at))
    }

    fn is_json_ld(&self, tag: &Tag) -> bool {
        tag.attr("type").is_some_and(|t| {
            self.src[t.clone()]
                .trim()
                .eq_ignore_ascii_case("application/ld+json")
        })
    }

    /// Handle a start tag at `at`; returns where parsing goes on.
    fn start_tag(&mut self, tag: &Tag, at: usize) -> usize {
        let name = tag.name.as_str();
        let tag_range = at..tag.end;
        if let Some(raw) = known(RAW, name) {
            let (content, end) = raw_text_end(self.src, raw, tag.end);
            if !self.skipped.is_empty() {
                return end;
            }
            match raw {
                "script" if self.is_json_ld(tag) => {
                    json_ld::extract(self.src, content, &mut self.blocks, &mut self.doc.problems)
                }
                "title" => {
                    self.flush(at);
                    self.extra_block(BlockKind::Heading, content, false);
                }
                "script" | "style" => {}
                _ => self.current.push_space(at..end),
            }
            return end;
        }
        let void = VOID.contains(&name);
        if !self.skipped.is_empty() {
            if let Some(s) = known(SKIPPED, name) {
                self.skipped.push(s);
            }
            return tag.end;
        }
        if let Some(s) = known(SKIPPED, name) {
            if BLOCK.contains(&name) {
                self.implied_ends(name);
                self.flush(at);
            } else {
                self.current.push_space(tag_range);
            }
            self.skipped.push(s);
            return tag.end;
        }
        if let Some(block) = known(BLOCK, name) {
            self.implied_ends(name);
            if !void {
                self.push_open(block);
            }
            self.flush(at);
        }
        match name {
            "a" => {
                self.close_link(at);
                let is_button = tag
                    .attr("role")
                    .is_some_and(|r| self.src[r.clone()].trim().eq_ignore_ascii_case("button"));
                if let Some(href) = tag.attr("href")
                    && !is_button
                {
                    let dest = self.decode(href.clone());
                    if !dest.to_ascii_lowercase().starts_with("javascript:") {
                        self.link = Some(OpenLink {
                            text_start: self.current.len(),
                            dest,
                            src_start: at,
                        });
                    }
                }
            }
            "img" | "input" | "area" | "embed" | "video" | "audio" | "object" | "canvas" => {
                self.current.push_space(tag_range.clone());
            }
            "meta" => {
                let key = tag
                    .attr("name")
                    .or_else(|| tag.attr("property"))
                    .map(|r| self.src[r.clone()].trim().to_ascii_lowercase());
                if let Some(key) = key
                    && matches!(
                        key.as_str(),
                        "description" | "og:description" | "twitter:description"
                    )
                    && let Some(content) = tag.attr("content")
                {
                    self.extra_block(BlockKind::FrontMatter, content.clone(), true);
                }
            }
            _ => {}
        }
        if matches!(name, "img" | "area" | "input")
            && let Some(alt) = tag.attr("alt")
        {
            self.extra_block(BlockKind::Paragraph, alt.clone(), true);
        }
        if let Some(title) = tag.attr("title") {
            self.extra_block(BlockKind::Paragraph, title.clone(), true);
        }
        tag.end
    }

    fn end_tag(&mut self, tag: &Tag, at: usize) {
        let name = tag.name.as_str();
        if !self.skipped.is_empty() {
            if let Some(i) = self.skipped.iter().rposition(|s| *s == name) {
                self.skipped.truncate(i);
                if self.skipped.is_empty() {
                    if BLOCK.contains(&name) {
                        self.flush(tag.end);
                    } else {
                        self.current.push_space(at..tag.end);
                    }
                }
            }
            return;
        }
        if name == "a" {
            self.close_link(tag.end);
            return;
        }
        if BLOCK.contains(&name) {
            self.close_nearest(&[name], &[]);
            self.flush(at);
        }
    }

    fn run(&mut self) {
        let src = self.src;
        let mut text_start = 0;
        let mut from = 0;
        while let Some(p) = src[from..].find('<') {
            let at = from + p;
            if let Some(next) = self.markup_after_text(text_start, at) {
                text_start = next;
                from = next;
            } else {
                from = at + 1;
            }
        }
        self.text(text_start..src.len());
        self.close_link(src.len());
        self.flush(src.len());
    }

    /// Try markup at `at`; when it is markup, first emit the text before it.
    fn markup_after_text(&mut self, text_start: usize, at: usize) -> Option<usize> {
        // Text must go into the block before the markup changes it; markup that turns out to
        // be a literal `<` leaves the text for later.
        let bytes = self.src.as_bytes();
        let is_markup = match bytes.get(at + 1) {
            Some(b'!' | b'?') => true,
            Some(b'/') => bytes.get(at + 2).is_some(),
            Some(b) => b.is_ascii_alphabetic(),
            None => false,
        };
        if !is_markup {
            return None;
        }
        self.text(text_start..at);
        self.markup(at)
    }

    fn text(&mut self, range: Range<usize>) {
        if !self.skipped.is_empty() || range.is_empty() {
            return;
        }
        push_text(&mut self.current, self.src, range, false);
    }
}

/// Parse HTML into `doc`.
pub fn parse(doc: &mut Document) {
    let source = std::mem::take(&mut doc.source);
    let mut parser = Parser {
        src: &source,
        blocks: Vec::new(),
        current: BlockBuilder::new(BlockKind::Paragraph),
        open: Vec::new(),
        open_counts: HashMap::new(),
        skipped: Vec::new(),
        link: None,
        doc,
    };
    parser.run();
    let mut blocks = parser.blocks;
    blocks.sort_by_key(|b| b.source_span().start);
    doc.blocks.extend(blocks);
    doc.directives.sort_by_key(|d| d.span.start);
    doc.source = source;
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};

    fn parse(src: &str) -> Document {
        Document::parse(src.to_string(), Format::Html)
    }

    fn texts(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
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
    fn blocks_of_every_kind_and_inline_markup_joins() {
        let src = "<html><head><title>Calm &amp; Co</title></head><body>\n<h1>Night <em>Blend</em></h1>\n<p>Mag<b>nesium</b> helps you\n  unwind.<br>New line</p>\n<ul><li>one<li>two</ul>\n<table><tr><td>cell a<td>cell b</table>\n</body></html>";
        let doc = parse(src);
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::Heading, "Calm & Co"),
                (BlockKind::Heading, "Night Blend"),
                (BlockKind::Paragraph, "Magnesium helps you unwind."),
                (BlockKind::Paragraph, "New line"),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two"),
                (BlockKind::TableCell, "cell a"),
                (BlockKind::TableCell, "cell b"),
            ]
        );
        assert_eq!(source_of(src, &doc, "Magnesium"), "Mag<b>nesium");
        assert_eq!(source_of(src, &doc, "you unwind"), "you\n  unwind");
        assert_eq!(source_of(src, &doc, "&"), "&amp;");
    }

    #[test]
    fn scripts_styles_code_and_templates_are_not_prose() {
        let src = "<p>Before</p><script>var cure = 'cures cancer';</script><style>p::after{content:'treats flu'}</style><noscript>prevents flu</noscript><template><p>treats colds</p></template><pre>cures <b>all</b></pre><p>Use <code>cure()</code> daily</p><svg><title>heals</title></svg>";
        let doc = parse(src);
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::Paragraph, "Before"),
                (BlockKind::Paragraph, "Use daily"),
            ]
        );
    }

    #[test]
    fn attributes_meta_and_title_are_blocks_at_their_bytes() {
        let src = r#"<meta name="description" content="Rest &amp; recover"><meta property="og:description" content='Calm nights'><meta name="viewport" content="width=device-width"><p>See <img src="a.png" alt="a calm  woman"> and <abbr title="Recommended&nbsp;Daily Allowance">RDA</abbr>.</p>"#;
        let doc = parse(src);
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::FrontMatter, "Rest & recover"),
                (BlockKind::FrontMatter, "Calm nights"),
                (BlockKind::Paragraph, "See and RDA."),
                (BlockKind::Paragraph, "a calm woman"),
                (BlockKind::Paragraph, "Recommended Daily Allowance"),
            ]
        );
        assert_eq!(source_of(src, &doc, "a calm woman"), "a calm  woman");
        assert_eq!(
            source_of(src, &doc, "Recommended Daily"),
            "Recommended&nbsp;Daily"
        );
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
        assert_eq!(doc.blocks[0].links[0].dest, "/p?x=1&copy=2&y=3");
    }

    #[test]
    fn links_carry_their_target_and_span() {
        let src = r##"<p>Studies show it <a href="#">(ref)</a>, see <a href="https://doi.test/1">the <i>trial</i></a>. <a href="#" role="button">Buy</a></p>"##;
        let doc = parse(src);
        let b = &doc.blocks[0];
        assert_eq!(b.links.len(), 2);
        assert_eq!(&b.text[b.links[0].text_range.clone()], "(ref)");
        assert_eq!(b.links[0].dest, "#");
        let s = b.links[0].span;
        assert_eq!(&src[s.start..s.end], r##"<a href="#">(ref)</a>"##);
        assert_eq!(&b.text[b.links[1].text_range.clone()], "the trial");
        assert_eq!(b.links[1].dest, "https://doi.test/1");
    }

    #[test]
    fn comments_become_directives() {
        let src = "<!-- claimlint-disable-next-line us-fda/disease-claim -->\n<p>Text <!-- plain note --> more</p>\n<!-- claimlint-enable -->";
        let doc = parse(src);
        assert_eq!(doc.directives.len(), 2);
        assert_eq!(doc.blocks[0].text, "Text more");
    }

    #[test]
    fn malformed_markup_reads_as_a_browser_reads_it() {
        // A stray `<`, a `<` before a digit, an unclosed <p>, a broken reference, an
        // unclosed comment at the end.
        let src = "<p>5 < 6 and <3 hearts &amp<p>second <b>bold<div>third</div><!-- never closed <p>hidden";
        let doc = parse(src);
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::Paragraph, "5 < 6 and <3 hearts &"),
                (BlockKind::Paragraph, "second bold"),
                (BlockKind::Paragraph, "third"),
            ]
        );
        // A tag cut off by the end of the file is dropped with what follows it.
        let doc = parse("<p>kept</p><p class=\"x");
        assert_eq!(texts(&doc), [(BlockKind::Paragraph, "kept")]);
        // Unclosed raw text runs to the end without swallowing anything into prose.
        let doc = parse("<p>a</p><script>cures all");
        assert_eq!(texts(&doc), [(BlockKind::Paragraph, "a")]);
        let doc = parse("</ p>text</>< p>");
        assert_eq!(texts(&doc), [(BlockKind::Paragraph, "text< p>")]);
    }

    #[test]
    fn deep_nesting_and_huge_input_do_not_overflow() {
        let src = format!(
            "{}deep{}",
            "<div><span>".repeat(20000),
            "</span></div>".repeat(20000)
        );
        let doc = parse(&src);
        assert_eq!(texts(&doc), [(BlockKind::Paragraph, "deep")]);
    }

    #[test]
    fn list_item_text_after_a_nested_paragraph_stays_a_list_item() {
        let doc = parse("<ul><li>lead<p>inner</p>tail</li></ul>");
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::ListItem, "lead"),
                (BlockKind::ListItem, "inner"),
                (BlockKind::ListItem, "tail"),
            ]
        );
    }
}
