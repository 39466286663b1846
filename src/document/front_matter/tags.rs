//! The tags and keywords of front matter: each value is copy of its own, mapped
//! to its bytes in the YAML text, as an HTML page's meta keywords are. FDA's warning letters
//! cite a site's tags and keywords as evidence of what a product is for.

use super::super::{Block, BlockBuilder, BlockKind, Document};
use crate::diagnostic::Span;

/// Front matter keys whose values are tags: a list, or one string of comma-separated tags.
/// A shop's categories ("Cold & Flu > Immune Support") are its navigation, which names the
/// aisle rather than the product, and are not read.
pub const TAG_KEYS: &[&str] = &["tags", "keywords"];

/// One block per tag of `key`: the strings of `value` (a string is split at commas), each
/// found in order in the key's lines of the YAML text. A tag not found verbatim (written
/// with escapes) is skipped: its span would be a guess.
pub fn tag_blocks(source: &str, content: Span, key: &str, value: &serde_json::Value) -> Vec<Block> {
    let tags: Vec<&str> = match value {
        serde_json::Value::String(s) => s.split(',').collect(),
        serde_json::Value::Array(items) => items.iter().filter_map(|v| v.as_str()).collect(),
        _ => return Vec::new(),
    };
    let Some(region) = key_region(source, content, key) else {
        return Vec::new();
    };
    let mut at = region.start;
    let mut blocks = Vec::new();
    for tag in tags {
        let tag = tag.trim();
        if tag.is_empty() {
            continue;
        }
        let Some(i) = source[at..region.end].find(tag) else {
            continue;
        };
        let start = at + i;
        at = start + tag.len();
        let mut block = BlockBuilder::new(BlockKind::FrontMatter);
        block.push(tag, start..at);
        blocks.extend(block.finish());
    }
    blocks
}

/// Whether `block` is one of the tags of the document's front matter.
pub fn is_tag(doc: &Document, block: &Block) -> bool {
    let Some(fm) = &doc.front_matter else {
        return false;
    };
    let span = block.source_span();
    if block.kind != BlockKind::FrontMatter || span.start < fm.span.start || span.end > fm.span.end
    {
        return false;
    }
    TAG_KEYS.iter().any(|key| match fm.value.get(*key) {
        Some(serde_json::Value::String(s)) => s.split(',').any(|t| t.trim() == block.text),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .any(|v| v.as_str().map(str::trim) == Some(&block.text)),
        _ => false,
    })
}

/// The bytes of a top-level key's value: the rest of its line, and the indented or list
/// lines under it.
fn key_region(source: &str, content: Span, key: &str) -> Option<std::ops::Range<usize>> {
    let yaml = &source[content.start..content.end];
    let mut offset = content.start;
    let mut lines = yaml.split_inclusive('\n');
    for line in lines.by_ref() {
        let start = offset;
        offset += line.len();
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start_matches([' ', '\t']).starts_with(':')
        {
            let value_start = start + key.len() + rest.find(':')? + 1;
            let mut end = offset;
            for next in lines {
                let t = next.trim_start();
                if next.starts_with([' ', '\t']) || t.starts_with("- ") || t == "-" {
                    end += next.len();
                } else {
                    break;
                }
            }
            return Some(value_start..end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::document::{BlockKind, Document, Format};

    fn tags(src: &str) -> Vec<&str> {
        let doc = Document::parse(src.into(), Format::Markdown);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::FrontMatter)
            .map(|b| &src[b.source_span().start..b.source_span().end])
            .collect()
    }

    #[test]
    fn a_flow_list_a_string_and_a_block_list_give_one_block_a_tag() {
        let src = "---\ntitle: Calm\ntags: [sleep, migraine relief]\nkeywords: gout, kelp tea\ncategory: Cold & Flu\n---\nBody.\n";
        assert_eq!(
            tags(src),
            ["Calm", "sleep", "migraine relief", "gout", "kelp tea"]
        );
        let src = "---\nkeywords:\n  - Joint care\n  - \"Lupus support\"\nprice: 3\n---\nBody.\n";
        assert_eq!(tags(src), ["Joint care", "Lupus support"]);
    }

    #[test]
    fn a_key_that_only_starts_like_a_tag_key_is_not_read() {
        let src = "---\ntagsline: gout\ncategory_id: 7\n---\nBody.\n";
        assert!(tags(src).is_empty());
    }
}
