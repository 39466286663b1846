//! HTML product pages: the text a reader sees, read the way a browser tokenizes it.
//!
//! Paragraphs, headings, list items and table cells become blocks; every block element and
//! `<br>` ends a block, inline elements (`<b>`, `<a>`, `<span>`) do not split words. `alt` and
//! `title` attributes, `<title>`, the meta description (`description`, `og:description`,
//! `twitter:description`), meta keywords, the words of the page's URL (canonical link,
//! `og:url`) and of its links within the site, and the `name` and `description` of schema.org Product JSON-LD are
//! blocks of their own. Script, style, noscript, template, code and pre are never prose.
//!
//! Character references are decoded (the full WHATWG table, legacy forms without `;`
//! included) and each decoded piece maps back to the bytes of the reference, so a span always
//! points at the original source. Malformed markup is read as a browser reads it: a stray `<`
//! is text, an unclosed comment or raw text element runs to the end, a tag cut off by the end
//! of the file is dropped, and an unknown reference stays as written.

mod elements;
mod layout;
mod references;
mod tags;
mod unread;

use super::{Block, BlockBuilder, BlockKind, Document, Link, directive, json_ld};
use crate::diagnostic::Span;
use elements::{BLOCK, CLOSES_P, HEADINGS, RAW, SCOPE, SKIPPED, VOID, block_kind, known};
use references::push_text;
use std::collections::HashMap;
use std::ops::Range;
use tags::{Tag, raw_text_end, read_tag};

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
    /// Where the last `</body>` read as markup starts (not one inside a script or comment).
    body_end: Option<usize>,
    /// The `<body>` tag (or, without one, where `</head>` ends), for telling a page that
    /// scripts fill in.
    body_start: Option<Span>,
    /// Scripts seen that are not JSON-LD.
    scripts: usize,
    /// Whether a comment, raw text or tag runs to the end of the file unclosed: text appended
    /// to the file would be read as part of it.
    open_at_end: bool,
    /// Where the table row (`<tr>`, or `<dt>` with its `<dd>`s) being read started.
    row_start: Option<usize>,
    /// A block element the markup calls a row, whose child blocks are its cells.
    grid_row: Option<layout::GridRow>,
    /// Where the text of the outermost `<pre>` being skipped starts.
    pre_start: Option<usize>,
    /// Whether an inline element just ended with nothing but white space after it: a start
    /// tag now is a cell break (`</span><span>`).
    inline_closed: bool,
    /// Where each open `<nav>` starts.
    nav_starts: Vec<usize>,
    doc: &'a mut Document,
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
        self.inline_closed = false;
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

    /// The words of a URL as copy ("/products/arthritis-relief-tea", "cancertea.com"): FDA's
    /// letters cite them. The scheme, query and fragment are left out; spans stay on the
    /// URL's own bytes.
    fn url_words(&mut self, range: Range<usize>) {
        let url = &self.src[range.clone()];
        let lead = url.len() - url.trim_start().len();
        let mut start = range.start + lead;
        let rest = &self.src[start..range.end];
        if let Some(p) = rest.find("://") {
            start += p + 3;
        }
        let rest = &self.src[start..range.end];
        let end = start + rest.find(['?', '#']).unwrap_or(rest.trim_end().len());
        if self.src[start..end].trim_matches('/').is_empty() {
            return;
        }
        self.extra_block(BlockKind::FrontMatter, start..end, true);
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
                (a, b) => a.or(b).unwrap_or_else(|| self.ran_to_end()),
            }
        };
        match directive::parse(&src[at..end], at) {
            Ok(Some(d)) => self.doc.directives.push(d),
            Ok(None) => {}
            Err(p) => self.doc.problems.push(p),
        }
        end
    }

    /// Where parsing goes on after a construct the file ends inside.
    fn ran_to_end(&mut self) -> usize {
        self.open_at_end = true;
        self.src.len()
    }

    /// Where a paragraph added to the page is read as visible text: before the last
    /// `</body>`, else at the end of the file unless the file ends inside a comment, raw
    /// text, a cut-off tag or an element whose content is not prose.
    fn append_at(&self) -> Option<usize> {
        self.body_end
            .or((!self.open_at_end && self.skipped.is_empty()).then_some(self.src.len()))
    }

    /// Handle the markup at `at` (a `<`); `None` when the `<` is only text.
    fn markup(&mut self, at: usize) -> Option<usize> {
        let src = self.src;
        let bytes = src.as_bytes();
        let rest = &src[at..];
        let bogus_comment = |from: usize| src[from..].find('>').map(|p| from + p + 1);
        if rest.starts_with("<!--") {
            return Some(self.comment(at));
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return Some(bogus_comment(at + 2).unwrap_or_else(|| self.ran_to_end()));
        }
        if rest.starts_with("</") {
            return match bytes.get(at + 2) {
                Some(b) if b.is_ascii_alphabetic() => match read_tag(src, at + 2) {
                    Some(tag) => {
                        self.end_tag(&tag, at);
                        Some(tag.end)
                    }
                    None => Some(self.ran_to_end()),
                },
                Some(b'>') => Some(at + 3),
                Some(_) => Some(bogus_comment(at + 2).unwrap_or_else(|| self.ran_to_end())),
                None => None,
            };
        }
        if !bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let Some(tag) = read_tag(src, at + 1) else {
            return Some(self.ran_to_end());
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
            let end = end.unwrap_or_else(|| self.ran_to_end());
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
                "script" => self.scripts += 1,
                "style" => {}
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
            if s == "pre" {
                self.pre_start = Some(tag.end);
            }
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
            self.row_start_tag(name, at);
            self.implied_ends(name);
            self.grid_row_child(name);
            if !void {
                self.push_open(block);
                self.grid_row_start(tag, at);
            }
            self.flush(at);
        } else {
            if self.inline_closed {
                self.doc.layout.breaks.push(at);
            }
            self.inline_closed = false;
        }
        if name == "nav" {
            self.nav_starts.push(at);
        }
        match name {
            "a" => {
                self.close_link(at);
                // Each link of a menu is its own block: "Cold, Flu & Allergy" and the
                // next aisle's name are not one sentence.
                if self.is_open(&["nav"]) {
                    self.flush(at);
                }
                let is_button = tag
                    .attr("role")
                    .is_some_and(|r| self.src[r.clone()].trim().eq_ignore_ascii_case("button"));
                if let Some(href) = tag.attr("href")
                    && !is_button
                {
                    let dest = self.decode(href.clone());
                    let lower = dest.to_ascii_lowercase();
                    // A link within the site names its pages; links to other sites name
                    // theirs, which are not this copy's.
                    if !lower.contains("://")
                        && !lower.starts_with('#')
                        && !lower.starts_with("mailto:")
                        && !lower.starts_with("tel:")
                        && !lower.starts_with("javascript:")
                    {
                        self.url_words(href.clone());
                    }
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
                    && let Some(content) = tag.attr("content")
                {
                    match key.as_str() {
                        "description"
                        | "og:description"
                        | "twitter:description"
                        | "keywords"
                        | "news_keywords"
                        | "og:title" => {
                            self.extra_block(BlockKind::FrontMatter, content.clone(), true);
                        }
                        "og:url" => self.url_words(content.clone()),
                        _ => {}
                    }
                }
            }
            "link" => {
                let canonical = tag.attr("rel").is_some_and(|r| {
                    self.src[r.clone()]
                        .split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                });
                if canonical && let Some(href) = tag.attr("href") {
                    self.url_words(href.clone());
                }
            }
            _ => {}
        }
        if name == "img" {
            let alt = tag.attr("alt").map(|a| self.decode(a.clone()));
            self.doc
                .unread
                .extend(unread::image(alt.as_deref(), Span::new(at, tag.end)));
        }
        if name == "body" && self.body_start.is_none() {
            self.body_start = Some(Span::new(at, tag.end));
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
                    self.pre_text_end(at);
                    if BLOCK.contains(&name) {
                        self.flush(tag.end);
                    } else {
                        self.current.push_space(at..tag.end);
                    }
                }
            }
            return;
        }
        // Not while a link is open: what goes before this `</body>` would be its text.
        if name == "body" && self.link.is_none() {
            self.body_end = Some(at);
        }
        if name == "head" && self.body_start.is_none() {
            self.body_start = Some(Span::new(tag.end, tag.end));
        }
        self.row_end_tag(name, at, tag.end);
        if name == "nav"
            && let Some(start) = self.nav_starts.pop()
        {
            self.doc.layout.navigation.push(Span::new(start, tag.end));
        }
        if name == "a" {
            self.close_link(tag.end);
            if self.is_open(&["nav"]) {
                self.flush(tag.end);
            }
            self.inline_closed = true;
            return;
        }
        if BLOCK.contains(&name) {
            self.close_nearest(&[name], &[]);
            self.flush(at);
            self.grid_row_end(tag.end);
        } else {
            self.inline_closed = true;
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
        // A `</` the file ends in is text only because nothing follows it: anything added
        // would make it a tag or a bogus comment. And what follows a link never closed is
        // that link's text.
        if src.ends_with("</") || self.link.is_some() {
            self.open_at_end = true;
        }
        self.close_link(src.len());
        self.flush(src.len());
        self.close_row(src.len());
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
        if self.src.as_bytes()[range.clone()]
            .iter()
            .any(|b| !b.is_ascii_whitespace())
        {
            self.inline_closed = false;
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
        body_end: None,
        body_start: None,
        scripts: 0,
        open_at_end: false,
        row_start: None,
        grid_row: None,
        pre_start: None,
        inline_closed: false,
        nav_starts: Vec::new(),
        doc,
    };
    parser.run();
    let append_at = parser.append_at();
    let shell = unread::filled_by_script(
        &parser.blocks,
        parser.scripts,
        parser.body_start.unwrap_or_default(),
    );
    let mut blocks = parser.blocks;
    doc.unread.extend(shell);
    doc.unread.sort_by_key(|u| u.span.start);
    blocks.sort_by_key(|b| b.source_span().start);
    doc.blocks.extend(blocks);
    doc.directives.sort_by_key(|d| d.span.start);
    doc.layout.navigation.sort_by_key(|s| s.start);
    doc.append_at = append_at;
    doc.source = source;
}

#[cfg(test)]
mod tests;
