//! Parse any bytes as a document of each format: no panic, and every block's map lands
//! inside the source on char boundaries.
#![no_main]

use claimlint::document::{Document, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Text, Format::Markdown, Format::Html, Format::Csv] {
        let doc = Document::parse(text.to_string(), format);
        for block in &doc.blocks {
            for s in &block.sentences {
                assert!(s.start <= s.end && s.end <= block.text.len());
                assert!(block.text.is_char_boundary(s.start) && block.text.is_char_boundary(s.end));
                let span = block.span(s.clone());
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{format:?} {span:?}"
                );
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
        for p in &doc.problems {
            assert!(p.span.end <= text.len(), "{format:?} {:?}", p.span);
        }
        for d in &doc.directives {
            assert!(d.span.end <= text.len(), "{format:?} {:?}", d.span);
        }
    }
});
