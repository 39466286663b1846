//! The HTML parser, case by case: blocks, what is not prose, attributes, links, comments and
//! markup a browser would forgive.

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
fn meta_keywords_and_the_words_of_site_urls_are_copy() {
    let url = r#"<link rel="canonical" href="https://x.test/products/gout-tea?a=1"><meta name="keywords" content="gout, joints"><p><a href="/c/arthritis-aid">a</a> <a href="https://nih.test/cancer">b</a></p>"#;
    let doc = parse(url);
    let found: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(found.contains(&"x.test/products/gout-tea"), "{found:?}");
    assert!(found.contains(&"gout, joints"), "{found:?}");
    assert!(found.contains(&"/c/arthritis-aid"), "{found:?}");
    assert!(!found.iter().any(|t| t.contains("nih.test")), "{found:?}");
    let b = doc
        .blocks
        .iter()
        .find(|b| b.text == "x.test/products/gout-tea")
        .unwrap();
    let span = b.span(0..b.text.len());
    assert_eq!(&url[span.start..span.end], "x.test/products/gout-tea");
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
    let src =
        "<p>5 < 6 and <3 hearts &amp<p>second <b>bold<div>third</div><!-- never closed <p>hidden";
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

#[test]
fn images_with_no_alt_text_and_pages_filled_in_by_script_are_recorded() {
    use crate::document::NotRead;
    let src = "<html><body><p>Our calm tea.</p><img src=a.png><img src=b.png alt=\" \"><img src=c.png alt=\"Calm &amp; Co\"><noscript><img src=d.png></noscript><script src=app.js></script></body></html>";
    let doc = parse(src);
    let unread: Vec<(NotRead, &str)> = doc
        .unread
        .iter()
        .map(|u| (u.kind, &src[u.span.start..u.span.end]))
        .collect();
    assert_eq!(
        unread,
        [
            (NotRead::FilledByScript, "<body>"),
            (NotRead::ImageWithoutAlt, "<img src=a.png>"),
            (NotRead::ImageWithoutAlt, "<img src=b.png alt=\" \">"),
        ]
    );
    // Enough words in the body: the scripts only add to a page that is there.
    let words = "word ".repeat(20);
    let doc = parse(&format!("<body><p>{words}</p><script>x()</script></body>"));
    assert!(doc.unread.is_empty());
    // JSON-LD is data, not a script that writes the page.
    let doc = parse(
        "<body><p>Tea.</p><script type=\"application/ld+json\">{\"@type\": \"Product\"}</script></body>",
    );
    assert!(doc.unread.is_empty());
}

#[test]
fn each_link_of_a_nav_is_a_block_and_the_nav_is_in_the_layout() {
    let src = "<nav>\n<a href=\"#a\">Cold, Flu &amp; Allergy</a>\n<a href=\"#b\">Vitamins</a>\n</nav><p>Fresh lemon taste.</p>";
    let doc = parse(src);
    let found: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        found,
        ["Cold, Flu & Allergy", "Vitamins", "Fresh lemon taste."]
    );
    let inside: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| doc.layout.in_navigation(b.source_span()))
        .collect();
    assert_eq!(inside, [true, true, false]);
}
