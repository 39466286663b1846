//! Markdown (CommonMark, GFM tables, footnotes) through pulldown-cmark's offset iterator.
//!
//! Paragraphs, headings, list items, table cells and footnote definitions become blocks;
//! link text and image alt text are prose inside their block; code spans and code blocks are
//! never linted (a code span stands as one space so words around it do not join). HTML
//! comments are scanned for suppression directives.

use super::{BlockBuilder, BlockKind, Document, Link, directive, front_matter};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// A block being built, with the kind its continuation should take.
struct Open {
    builder: BlockBuilder,
    /// Open links: (text start, destination, source range of the whole link).
    links: Vec<(usize, String, Range<usize>)>,
}

impl Open {
    fn new(kind: BlockKind) -> Self {
        Open {
            builder: BlockBuilder::new(kind),
            links: Vec::new(),
        }
    }
}

fn block_kind(tag: &Tag<'_>, parent: Option<BlockKind>) -> Option<BlockKind> {
    Some(match tag {
        Tag::Paragraph => match parent {
            Some(k @ (BlockKind::ListItem | BlockKind::Footnote | BlockKind::TableCell)) => k,
            _ => BlockKind::Paragraph,
        },
        Tag::Heading { .. } => BlockKind::Heading,
        Tag::Item => BlockKind::ListItem,
        Tag::TableCell => BlockKind::TableCell,
        Tag::FootnoteDefinition(_) => BlockKind::Footnote,
        _ => return None,
    })
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
    )
}

/// Scan `html` (found at `offset`) for comments and record directives or problems.
fn scan_comments(doc: &mut Document, html: &str, offset: usize) {
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--") {
        let start = from + open;
        let Some(close) = html[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        match directive::parse(&html[start..end], offset + start) {
            Ok(Some(d)) => doc.directives.push(d),
            Ok(None) => {}
            Err(p) => doc.problems.push(p),
        }
        from = end;
    }
}

/// Whether a code or HTML block (at `range` of `src`) that the file ends in would take a
/// paragraph appended after it, a blank line on, as its own content: a code fence never
/// closed, or an HTML block of the kinds that end only at their closing text (script, pre,
/// style and textarea, a comment, `<?`, `<!X`, CDATA). Other HTML blocks and indented code
/// end at the blank line.
/// With `lone_cr` (the file's line ending, which a fix writes, is a lone `\r`), every HTML
/// block does: pulldown-cmark does not end one at a blank line made of `\r`s.
fn takes_what_follows(src: &str, range: Range<usize>, fenced: bool, lone_cr: bool) -> bool {
    let block = &src[range];
    let mut lines = block.lines();
    let first = lines.next().unwrap_or("").trim_start();
    if fenced {
        let Some(fence) = first.chars().next() else {
            return true;
        };
        let n = first.chars().take_while(|&c| c == fence).count();
        let closes = |line: &str| {
            let t = line.trim_start_matches([' ', '\t', '>']).trim_end();
            t.len() >= n && t.chars().all(|c| c == fence)
        };
        return !lines.last().is_some_and(closes);
    }
    // As pulldown-cmark reads them: each opener has its own closing text, looked for as
    // written (`</SCRIPT>` does not close `<script>`).
    let opener = first.strip_prefix('<').unwrap_or("").to_ascii_lowercase();
    let raw = ["pre", "style", "script", "textarea"]
        .into_iter()
        .find(|tag| {
            opener
                .strip_prefix(tag)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '>']))
        });
    let end = match raw {
        Some("pre") => "</pre>",
        Some("style") => "</style>",
        Some("script") => "</script>",
        Some(_) => "</textarea>",
        None if opener.starts_with("!--") => "-->",
        None if opener.starts_with('?') => "?>",
        None if first.starts_with("<![CDATA[") => "]]>",
        None if opener.starts_with('!')
            && opener[1..].starts_with(|c: char| c.is_ascii_alphabetic()) =>
        {
            ">"
        }
        None => return lone_cr,
    };
    !block.contains(end)
}

/// Parse Markdown into `doc`, front matter first.
pub fn parse(doc: &mut Document) {
    let body_start = front_matter::parse(doc);
    let lone_cr = doc.line_ending() == "\r";
    let source = std::mem::take(&mut doc.source);
    let body = &source[body_start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut stack: Vec<Open> = Vec::new();
    let mut blocks = Vec::new();
    let mut code_depth = 0usize;
    let content_end = source.trim_end().len();
    let mut open_at_end = false;
    let finish = |open: Open, blocks: &mut Vec<_>| {
        if let Some(b) = open.builder.finish() {
            blocks.push(b);
        }
    };
    let mut in_html_block = false;
    // Where the alt text of the image being read starts in its block's text.
    let mut image_alt: Option<usize> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        if range.end >= content_end
            && let Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) = &event
        {
            let fenced = matches!(
                event,
                Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_)))
            );
            open_at_end |= takes_what_follows(&source, range.clone(), fenced, lone_cr);
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                if code_depth == 0 {
                    doc.layout
                        .code
                        .push(crate::diagnostic::Span::new(range.start, range.end));
                }
                code_depth += 1;
            }
            Event::End(TagEnd::CodeBlock) => code_depth = code_depth.saturating_sub(1),
            _ if code_depth > 0 => {}
            // A comment in an HTML block is read once, from the whole block (it may span
            // lines); the block's `Html` events, a line each, are not read again.
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                scan_comments(doc, &source[range.clone()], range.start);
            }
            Event::End(TagEnd::HtmlBlock) => in_html_block = false,
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                // A table row is one line: its cells are read together as one row of a panel.
                doc.layout
                    .rows
                    .push(crate::diagnostic::Span::new(range.start, range.end));
            }
            Event::Start(ref tag) => {
                if let Some(kind) = block_kind(tag, stack.last().map(|o| o.builder_kind())) {
                    // Text after a nested block continues its parent as a new block.
                    if let Some(top) = stack.last_mut() {
                        let parent_kind = top.builder_kind();
                        let done = std::mem::replace(top, Open::new(parent_kind));
                        finish(done, &mut blocks);
                    }
                    stack.push(Open::new(kind));
                } else if let Tag::Link { dest_url, .. } = tag
                    && let Some(top) = stack.last_mut()
                {
                    top.links
                        .push((top.builder.len(), dest_url.to_string(), range.clone()));
                } else if let Tag::Image { .. } = tag
                    && let Some(top) = stack.last_mut()
                {
                    top.builder.push_space(range.start..range.start + 1);
                    image_alt = Some(top.builder.len());
                }
            }
            Event::End(ref tag) if ends_block(tag) => {
                if let Some(open) = stack.pop() {
                    finish(open, &mut blocks);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(top) = stack.last_mut()
                    && let Some((text_start, dest, link_range)) = top.links.pop()
                {
                    let text_end = top.builder.len();
                    top.builder.add_link(Link {
                        text_range: text_start..text_end,
                        dest,
                        span: crate::diagnostic::Span::new(link_range.start, link_range.end),
                    });
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some(top) = stack.last_mut() {
                    // Alt text is what claimlint reads of an image; with none, its words
                    // (a label, a banner) go unchecked.
                    if let Some(from) = image_alt.take()
                        && top.builder.text[from.min(top.builder.len())..]
                            .trim()
                            .is_empty()
                    {
                        doc.unread.push(crate::document::Unread {
                            kind: crate::document::NotRead::ImageWithoutAlt,
                            span: crate::diagnostic::Span::new(range.start, range.end),
                        });
                    }
                    top.builder.push_space(range.end - 1..range.end);
                }
            }
            Event::Text(text) => {
                if let Some(top) = stack.last_mut() {
                    top.builder.push(&text, range);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                if let Some(top) = stack.last_mut() {
                    top.builder.push_space(range);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(top) = stack.last_mut() {
                    top.builder.push_space(range);
                }
            }
            Event::InlineHtml(html) => {
                scan_comments(doc, &html, range.start);
                if let Some(top) = stack.last_mut()
                    && html.trim_start().to_ascii_lowercase().starts_with("<br")
                {
                    top.builder.push_space(range);
                }
            }
            Event::Html(html) if !in_html_block => scan_comments(doc, &html, range.start),
            Event::FootnoteReference(label) => {
                if let Some(top) = stack.last_mut() {
                    let at = top.builder.len();
                    top.builder.add_link(Link {
                        text_range: at..at,
                        dest: format!("^{label}"),
                        span: crate::diagnostic::Span::new(range.start, range.end),
                    });
                }
            }
            _ => {}
        }
    }
    while let Some(open) = stack.pop() {
        finish(open, &mut blocks);
    }
    doc.append_at = (!open_at_end).then_some(source.len());
    doc.source = source;
    doc.blocks.extend(blocks);
    doc.blocks.sort_by_key(|b| b.source_span().start);
    doc.directives.sort_by_key(|d| d.span.start);
}

impl Open {
    fn builder_kind(&self) -> BlockKind {
        self.builder.kind()
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};

    fn parse(src: &str) -> Document {
        Document::parse(src.to_string(), Format::Markdown)
    }

    fn texts(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    #[test]
    fn blocks_of_every_kind_without_code() {
        let src = "# Calm *Blend*\n\nIt **supports** a calm\nmood. Use `code here` daily.\n\n```\nprevents cancer\n```\n\n- one\n- two [link](https://x.test)\n\n| a | b |\n|---|---|\n| cell one | ![alt words](i.png) |\n";
        let doc = parse(src);
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::Heading, "Calm Blend"),
                (BlockKind::Paragraph, "It supports a calm mood. Use  daily."),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two link"),
                (BlockKind::TableCell, "a"),
                (BlockKind::TableCell, "b"),
                (BlockKind::TableCell, "cell one"),
                (BlockKind::TableCell, "alt words "),
            ]
        );
    }

    #[test]
    fn spans_point_at_source_words_through_markup_and_entities() {
        let src = "Our **blend** &amp; more helps.\n";
        let doc = parse(src);
        let b = &doc.blocks[0];
        assert_eq!(b.text, "Our blend & more helps.");
        let at = b.text.find("blend").unwrap();
        let span = b.span(at..at + 5);
        assert_eq!(&src[span.start..span.end], "blend");
        let amp = b.text.find('&').unwrap();
        let span = b.span(amp..amp + 1);
        assert_eq!(&src[span.start..span.end], "&amp;");
        let span = b.span(0..b.text.len());
        assert_eq!(
            &src[span.start..span.end],
            "Our **blend** &amp; more helps."
        );
    }

    #[test]
    fn links_keep_their_text_range_and_target() {
        let src = "Studies show it [(ref)](#) and [source](https://doi.test/1).\n";
        let doc = parse(src);
        let b = &doc.blocks[0];
        assert_eq!(b.links.len(), 2);
        assert_eq!(&b.text[b.links[0].text_range.clone()], "(ref)");
        assert_eq!(b.links[0].dest, "#");
        assert_eq!(b.links[1].dest, "https://doi.test/1");
    }

    #[test]
    fn nested_list_items_are_separate_blocks() {
        let src = "- outer text\n  - inner text\n";
        let doc = parse(src);
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::ListItem, "outer text"),
                (BlockKind::ListItem, "inner text")
            ]
        );
    }

    #[test]
    fn comments_become_directives() {
        let src = "<!-- claimlint-disable us-fda/disease-claim -->\n\nText <!-- claimlint-enable us-fda/disease-claim --> more.\n";
        let doc = parse(src);
        assert_eq!(doc.directives.len(), 2);
    }

    #[test]
    fn front_matter_offsets_carry_into_the_body() {
        let src = "---\ntitle: T\n---\nBody **here**.\n";
        let doc = parse(src);
        let body = doc
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .unwrap();
        let span = body.source_span();
        assert_eq!(&src[span.start..span.end], "Body **here**.");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = format!("{}deep\n", "> ".repeat(5000));
        let doc = parse(&src);
        assert_eq!(doc.blocks.len(), 1);
        let list: String = (0..3000)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let doc = parse(&list);
        assert!(!doc.blocks.is_empty());
    }

    #[test]
    fn images_with_no_alt_text_are_recorded() {
        let src = "# Tea\n\n![](label.png) and ![a calm cup](cup.png)\n";
        let doc = parse(src);
        let unread: Vec<&str> = doc
            .unread
            .iter()
            .map(|u| &src[u.span.start..u.span.end])
            .collect();
        assert_eq!(unread, ["![](label.png)"]);
    }
}
