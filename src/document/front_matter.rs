//! YAML front matter at the top of a Markdown file, between `---` lines.
//!
//! The values of `title`, `description` and `summary` are prose, and so is each tag, keyword
//! and category: they become blocks mapped to their position in the file. The whole mapping is kept as metadata for rules that read it,
//! and the serving facts under `supplement:` (docs/serving-facts.md) are read here, each
//! amount with its byte span in the file, so a dose rule can point at the value.

use super::{BlockBuilder, BlockKind, Document, ParseProblem};
use crate::diagnostic::Span;
use crate::yaml;

mod serving;
mod tags;

use serving::serving_facts;
pub use serving::{AmountError, AmountUnit, ServingAmount, ServingFacts, parse_amount};
pub use tags::is_tag;

/// Keys whose string values are linted as prose.
pub const PROSE_KEYS: &[&str] = &["title", "description", "summary", "excerpt", "subtitle"];
/// Front matter keys whose value is the page's address or slug, read for its words.
const URL_KEYS: &[&str] = &["url", "slug", "canonical", "permalink", "handle"];

/// Parsed front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// The mapping, as JSON-like data.
    pub value: serde_json::Value,
    /// The YAML text between the delimiters, in the source.
    pub span: Span,
    /// Serving facts under `supplement:`, when present and well-formed.
    pub serving: Option<ServingFacts>,
}

/// Where the front matter is: the YAML content range and where the Markdown body begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// The YAML between the delimiter lines.
    pub content: Span,
    /// The first byte after the closing delimiter line.
    pub body_start: usize,
}

/// Find front matter at the start of `source`. `Err` carries the opening line's span when
/// the block is never closed.
pub fn locate(source: &str) -> Result<Option<Location>, Span> {
    let lines = super::text::lines(source);
    let Some(&(s, e, first_end)) = lines.first() else {
        return Ok(None);
    };
    if source[s..e].trim_end() != "---" {
        return Ok(None);
    }
    for &(ls, le, line_end) in &lines[1..] {
        let line = source[ls..le].trim_end();
        if line == "---" || line == "..." {
            return Ok(Some(Location {
                content: Span::new(first_end, ls),
                body_start: line_end,
            }));
        }
    }
    Err(Span::new(s, e))
}

/// Parse the front matter of `doc` (if any); returns the offset where the body starts.
pub fn parse(doc: &mut Document) -> usize {
    let location = match locate(&doc.source) {
        Ok(Some(loc)) => loc,
        Ok(None) => return 0,
        Err(span) => {
            doc.problems.push(ParseProblem {
                message: "front matter is never closed".into(),
                span,
                help: Some("end the front matter with a line holding only `---`".into()),
            });
            return 0;
        }
    };
    let content = &doc.source[location.content.start..location.content.end];
    let value: serde_json::Value = if content.trim().is_empty() {
        serde_json::Value::Object(Default::default())
    } else {
        match yaml::from_str(content) {
            Ok(v) => v,
            Err(e) => {
                let at = location.content.start + e.offset.unwrap_or(0);
                let at = at.min(location.content.end);
                let end = doc.source[at..location.content.end]
                    .find(['\n', '\r'])
                    .map_or(location.content.end, |i| at + i);
                doc.problems.push(ParseProblem {
                    message: format!("invalid YAML front matter: {}", e.message),
                    span: Span::new(at, end),
                    help: Some("fix the YAML between the `---` lines".into()),
                });
                return location.body_start;
            }
        }
    };
    let serde_json::Value::Object(map) = &value else {
        doc.problems.push(ParseProblem {
            message: "front matter is not a mapping of keys to values".into(),
            span: location.content,
            help: Some("write front matter as `key: value` lines".into()),
        });
        return location.body_start;
    };
    // A page's address is copy too ("url: .../chromium-for-diabetes"), as in HTML.
    for key in PROSE_KEYS.iter().chain(URL_KEYS) {
        if let Some(serde_json::Value::String(text)) = map.get(*key)
            && let Some(block) = prose_block(&doc.source, location.content, key, text)
        {
            doc.blocks.push(block);
        }
    }
    for key in tags::TAG_KEYS {
        if let Some(value) = map.get(*key) {
            let blocks = tags::tag_blocks(&doc.source, location.content, key, value);
            doc.blocks.extend(blocks);
        }
    }
    let (serving, problems) = serving_facts(content, location.content.start);
    doc.problems.extend(problems);
    doc.front_matter = Some(FrontMatter {
        value,
        span: location.content,
        serving,
    });
    location.body_start
}

/// Map a top-level string value back to its bytes in the YAML text.
fn prose_block(source: &str, content: Span, key: &str, value: &str) -> Option<super::Block> {
    let yaml = &source[content.start..content.end];
    let mut offset = content.start;
    let mut found = None;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && let Some(rest) = rest.trim_end_matches(['\n', '\r']).strip_prefix(':')
        {
            let lead = rest.len() - rest.trim_start().len();
            let value_start = offset + key.len() + 1 + lead;
            found = Some((value_start, rest.trim()));
            break;
        }
        offset += line.len();
    }
    let (value_start, raw) = found?;
    let mut block = BlockBuilder::new(BlockKind::FrontMatter);
    let unquoted = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')));
    match unquoted {
        Some(inner) if inner == value => {
            block.push(value, value_start + 1..value_start + 1 + inner.len())
        }
        None if raw == value => block.push(value, value_start..value_start + raw.len()),
        _ => {
            // A block scalar, a folded plain scalar or escapes: map the value as a whole,
            // from its first byte to the end of its last indented line.
            let mut end = value_start + raw.len();
            let after = &source[end..content.end];
            for line in after.split_inclusive('\n').skip(1) {
                if line.starts_with([' ', '\t']) || line.trim().is_empty() {
                    end += line.len();
                } else {
                    break;
                }
            }
            let end = value_start + source[value_start..end].trim_end().len();
            let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
            block.push(&folded, value_start..end);
        }
    }
    block.finish()
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format};

    #[test]
    fn title_and_description_are_prose_at_their_position() {
        let src = "---\nlayout: page\ntitle: \"Calm Blend\"\ndescription: Cures anxiety fast\n---\n# Hi\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let fm: Vec<_> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == crate::document::BlockKind::FrontMatter)
            .map(|b| &src[b.source_span().start..b.source_span().end])
            .collect();
        assert_eq!(fm, ["Calm Blend", "Cures anxiety fast"]);
        let meta = doc.front_matter.unwrap().value;
        assert_eq!(meta["layout"], "page");
    }

    #[test]
    fn malformed_front_matter_is_a_problem_with_a_position() {
        let src = "---\ntitle: [unclosed\n---\nBody text.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        assert_eq!(doc.problems.len(), 1);
        assert!(
            doc.problems[0]
                .message
                .starts_with("invalid YAML front matter")
        );
        assert!(doc.blocks.iter().any(|b| b.text == "Body text."));
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let src = "---\ntitle: x\nNo end here.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        assert_eq!(doc.problems[0].message, "front matter is never closed");
    }

    #[test]
    fn non_mapping_front_matter_is_reported() {
        let src = "---\n- a\n- b\n---\nText.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        assert!(doc.problems[0].message.contains("not a mapping"));
    }
    #[test]
    fn amounts_in_serving_facts_in_every_spelling() {
        use super::{AmountError, AmountUnit, parse_amount};
        let ok = |t: &str| parse_amount(t).unwrap();
        assert_eq!(ok("150 mg"), (150.0, AmountUnit::Mg, None));
        assert_eq!(ok("150mg"), (150.0, AmountUnit::Mg, None));
        assert_eq!(ok("1,000 mcg"), (1000.0, AmountUnit::Mcg, None));
        assert_eq!(ok("400 µg"), (400.0, AmountUnit::Mcg, None));
        assert_eq!(ok("0.5 g"), (0.5, AmountUnit::G, None));
        assert_eq!(ok("4000 IU"), (4000.0, AmountUnit::Iu, None));
        assert_eq!(ok("4,000 I.U."), (4000.0, AmountUnit::Iu, None));
        assert_eq!(
            ok("680 mcg DFE"),
            (680.0, AmountUnit::Mcg, Some("dfe".to_string()))
        );
        assert_eq!(parse_amount("150"), Err(AmountError::NoUnit));
        assert_eq!(
            parse_amount("150 mgs"),
            Err(AmountError::UnknownUnit("mgs".into()))
        );
        assert_eq!(
            parse_amount("150 mg total"),
            Err(AmountError::UnknownUnit("mg total".into()))
        );
        assert_eq!(parse_amount("lots"), Err(AmountError::NotAnAmount));
        assert_eq!(parse_amount("1,00 mg"), Err(AmountError::NotAnAmount));
    }

    #[test]
    fn serving_facts_keep_the_span_of_each_value() {
        let src = "---\ntitle: X\nsupplement:\n  serving: \"2 capsules\"\n  servings_per_day: 2\n  per_serving:\n    magnesium: 150 mg\n    zinc: \"15 mg\"\n---\nBody.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let facts = doc.front_matter.unwrap().serving.unwrap();
        assert_eq!(facts.serving.as_deref(), Some("2 capsules"));
        let (n, span) = facts.servings_per_day.unwrap();
        assert_eq!((n, &src[span.start..span.end]), (2.0, "2"));
        let got: Vec<(&str, f64, &str)> = facts
            .per_serving
            .iter()
            .map(|a| (a.name.as_str(), a.value, &src[a.span.start..a.span.end]))
            .collect();
        assert_eq!(
            got,
            [("magnesium", 150.0, "150 mg"), ("zinc", 15.0, "15 mg")]
        );
    }

    #[test]
    fn pages_without_serving_facts_have_none() {
        let doc = Document::parse("---\ntitle: X\n---\nBody.\n".into(), Format::Markdown);
        assert_eq!(doc.front_matter.unwrap().serving, None);
    }

    #[test]
    fn malformed_serving_facts_are_problems_and_the_rest_is_kept() {
        let src = "---\nsupplement:\n  serving: 2\n  servings_per_day: \"2\"\n  per_serving:\n    magnesium: 150\n    zinc: 15 mg\n---\nBody.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        let got: Vec<(&str, &str)> = doc
            .problems
            .iter()
            .map(|p| (p.message.as_str(), &src[p.span.start..p.span.end]))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "`supplement.serving` must be text such as \"2 capsules\", not the number 2",
                    "2"
                ),
                (
                    "`supplement.servings_per_day` must be a number, not the text \"2\"",
                    "2"
                ),
                ("`supplement.per_serving.magnesium` has no unit", "150"),
            ]
        );
        let facts = doc.front_matter.unwrap().serving.unwrap();
        assert_eq!(facts.servings_per_day, None);
        assert_eq!(facts.per_serving.len(), 1);
        assert_eq!(facts.per_serving[0].name, "zinc");
    }

    #[test]
    fn a_misspelt_serving_fact_key_is_a_problem_at_its_line() {
        let src = "---\nsupplement:\n  per_servings:\n    magnesium: 150 mg\n---\nBody.\n";
        let doc = Document::parse(src.into(), Format::Markdown);
        assert_eq!(doc.problems.len(), 1);
        let p = &doc.problems[0];
        assert!(
            p.message.starts_with(
                "invalid serving facts under `supplement`: unknown field `per_servings`"
            ),
            "{}",
            p.message
        );
        assert_eq!(&src[p.span.start..p.span.end], "per_servings:");
    }
}
