//! YAML front matter at the top of a Markdown file, between `---` lines.
//!
//! The values of `title`, `description` and `summary` are prose: they become blocks mapped to
//! their position in the file. The whole mapping is kept as metadata for rules that read it,
//! and the serving facts under `supplement:` (docs/serving-facts.md) are read here, each
//! amount with its byte span in the file, so a dose rule can point at the value.

use super::{BlockBuilder, BlockKind, Document, ParseProblem};
use crate::diagnostic::Span;
use crate::yaml;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

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

/// A unit of amount as copy and serving facts write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    /// Grams.
    G,
    /// Milligrams.
    Mg,
    /// Micrograms (mcg, µg, ug).
    Mcg,
    /// International units.
    Iu,
}

impl AmountUnit {
    /// The unit a word names (`mg`, `milligrams`, `µg`, `I.U.`), case-insensitively.
    pub fn from_word(word: &str) -> Option<AmountUnit> {
        let w: String = word
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        Some(match w.as_str() {
            "g" | "gram" | "grams" => AmountUnit::G,
            "mg" | "milligram" | "milligrams" => AmountUnit::Mg,
            "mcg" | "µg" | "μg" | "ug" | "microgram" | "micrograms" => AmountUnit::Mcg,
            "iu" | "i.u." | "i.u" => AmountUnit::Iu,
            _ => return None,
        })
    }

    /// The usual short spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AmountUnit::G => "g",
            AmountUnit::Mg => "mg",
            AmountUnit::Mcg => "mcg",
            AmountUnit::Iu => "IU",
        }
    }
}

/// Serving facts from the front matter's `supplement:` mapping (docs/serving-facts.md).
#[derive(Debug, Clone, PartialEq)]
pub struct ServingFacts {
    /// What one serving is, as written ("2 capsules").
    pub serving: Option<String>,
    /// Where that is written.
    pub serving_span: Option<Span>,
    /// The most servings a day the label directs, with the span of the number; `None` when
    /// not given (a rule then counts one serving a day, the least a daily direction means).
    pub servings_per_day: Option<(f64, Span)>,
    /// The amount of each ingredient in one serving, in the order written.
    pub per_serving: Vec<ServingAmount>,
}

/// One `per_serving` entry: `magnesium: 150 mg`.
#[derive(Debug, Clone, PartialEq)]
pub struct ServingAmount {
    /// The ingredient as written in the key (`magnesium`, `vitamin d3`, `zinc picolinate`).
    pub name: String,
    /// The number.
    pub value: f64,
    /// Its unit.
    pub unit: AmountUnit,
    /// A basis written after the unit, lowercase: `dfe`, `rae` or `ne` (`680 mcg DFE`).
    pub basis: Option<String>,
    /// The value as written (`150 mg`).
    pub text: String,
    /// The value's bytes in the source, without quotes.
    pub span: Span,
}

/// Bases that may follow a unit in serving facts.
const BASES: &[&str] = &["dfe", "rae", "ne"];

/// Why a text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// A number with no unit (`150`).
    NoUnit,
    /// A number and a word that is not a unit (`150 mgs`).
    UnknownUnit(String),
    /// Not a number and a unit at all (`lots`).
    NotAnAmount,
}

/// Parse `150 mg`, `1,000 mcg`, `0.5 g`, `4000 IU`, `680 mcg DFE`: a number, a unit and an
/// optional basis.
pub fn parse_amount(text: &str) -> Result<(f64, AmountUnit, Option<String>), AmountError> {
    let t = text.trim();
    let digits = t
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let (number, rest) = t.split_at(digits);
    let grouped = number.contains(',');
    let valid_grouping = !grouped
        || number.split('.').next().is_some_and(|int| {
            let mut groups = int.split(',');
            groups.next().is_some_and(|g| {
                (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit())
            }) && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
        });
    let value: f64 = match number.replace(',', "").parse() {
        Ok(v) if valid_grouping && !number.is_empty() => v,
        _ => return Err(AmountError::NotAnAmount),
    };
    if !value.is_finite() {
        return Err(AmountError::NotAnAmount);
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Err(AmountError::NoUnit);
    }
    // "I.U." holds a period and no space; anything else splits unit and basis at a space.
    let (unit_word, basis) = match rest.split_once(char::is_whitespace) {
        Some((u, b)) => (u, Some(b.trim())),
        None => (rest, None),
    };
    let unit = AmountUnit::from_word(unit_word)
        .ok_or_else(|| AmountError::UnknownUnit(unit_word.to_string()))?;
    let basis = match basis {
        None => None,
        Some(b) if BASES.contains(&b.to_ascii_lowercase().as_str()) => Some(b.to_ascii_lowercase()),
        Some(_) => return Err(AmountError::UnknownUnit(rest.to_string())),
    };
    Ok((value, unit, basis))
}

/// The `supplement:` mapping as written, every value with its position.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    supplement: Option<Spanned<RawServingFacts>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServingFacts {
    #[serde(default)]
    serving: Option<Spanned<serde_json::Value>>,
    #[serde(default)]
    servings_per_day: Option<Spanned<serde_json::Value>>,
    #[serde(default)]
    per_serving: Option<BTreeMap<String, Spanned<serde_json::Value>>>,
}

/// The bytes of a value in the source, without surrounding quotes.
fn value_span<T>(yaml: &str, base: usize, v: &Spanned<T>) -> Span {
    let span = v.referenced.span();
    let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) else {
        return Span::new(base, base);
    };
    let (mut start, mut end) = (start as usize, (start + len) as usize);
    end = end.min(yaml.len());
    start = start.min(end);
    let raw = &yaml[start..end];
    if raw.len() >= 2
        && ((raw.starts_with('"') && raw.ends_with('"'))
            || (raw.starts_with('\'') && raw.ends_with('\'')))
    {
        start += 1;
        end -= 1;
    }
    Span::new(base + start, base + end)
}

fn describe(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "nothing".into(),
        serde_json::Value::Bool(b) => format!("`{b}`"),
        serde_json::Value::Number(n) => format!("the number {n}"),
        serde_json::Value::String(s) => format!("the text \"{s}\""),
        serde_json::Value::Array(_) => "a list".into(),
        serde_json::Value::Object(_) => "a mapping".into(),
    }
}

/// Read the serving facts of the front matter `yaml`, which starts at byte `base` of the file.
/// A malformed value is a problem and is left out; the well-formed rest is still returned, so
/// one bad entry does not hide the others.
fn serving_facts(yaml: &str, base: usize) -> (Option<ServingFacts>, Vec<ParseProblem>) {
    let help = "write serving facts as in docs/serving-facts.md: `supplement: {serving: \"2 capsules\", servings_per_day: 2, per_serving: {magnesium: 150 mg}}`";
    let probe: Probe = match yaml::from_str(yaml) {
        Ok(p) => p,
        Err(e) => {
            let at = (base + e.offset.unwrap_or(0)).min(base + yaml.len());
            let line_end = yaml[at - base..]
                .find(['\n', '\r'])
                .map_or(base + yaml.len(), |i| at + i);
            let problem = ParseProblem {
                message: format!("invalid serving facts under `supplement`: {}", e.message),
                span: Span::new(at, line_end),
                help: Some(help.into()),
            };
            return (None, vec![problem]);
        }
    };
    let Some(raw) = probe.supplement else {
        return (None, Vec::new());
    };
    let raw = raw.value;
    let mut problems = Vec::new();
    let serving_span = raw.serving.as_ref().map(|v| value_span(yaml, base, v));
    let serving = match &raw.serving {
        None => None,
        Some(v) => match &v.value {
            serde_json::Value::String(s) => Some(s.clone()),
            other => {
                problems.push(ParseProblem {
                    message: format!(
                        "`supplement.serving` must be text such as \"2 capsules\", not {}",
                        describe(other)
                    ),
                    span: value_span(yaml, base, v),
                    help: Some("write what one serving is, e.g. `serving: \"2 capsules\"`".into()),
                });
                None
            }
        },
    };
    let servings_per_day = match &raw.servings_per_day {
        None => None,
        Some(v) => {
            let span = value_span(yaml, base, v);
            match v.value.as_f64() {
                Some(n) if n > 0.0 && n <= 100.0 => Some((n, span)),
                Some(n) => {
                    problems.push(ParseProblem {
                        message: format!(
                            "`supplement.servings_per_day` must be more than 0 and at most 100, not {n}"
                        ),
                        span,
                        help: Some(
                            "write the most servings a day the label directs, e.g. `servings_per_day: 2`"
                                .into(),
                        ),
                    });
                    None
                }
                None => {
                    problems.push(ParseProblem {
                        message: format!(
                            "`supplement.servings_per_day` must be a number, not {}",
                            describe(&v.value)
                        ),
                        span,
                        help: Some(
                            "write the most servings a day the label directs as a number, e.g. `servings_per_day: 2`"
                                .into(),
                        ),
                    });
                    None
                }
            }
        }
    };
    let mut per_serving = Vec::new();
    for (name, v) in raw.per_serving.iter().flatten() {
        let span = value_span(yaml, base, v);
        let key = format!("supplement.per_serving.{name}");
        let unit_help = "write a number and a unit: g, mg, mcg (µg) or IU, e.g. `150 mg`";
        let text = match &v.value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => {
                problems.push(ParseProblem {
                    message: format!("`{key}` has no unit"),
                    span,
                    help: Some(format!(
                        "write the unit after the number, e.g. `{name}: {n} mg`"
                    )),
                });
                continue;
            }
            other => {
                problems.push(ParseProblem {
                    message: format!(
                        "`{key}` must be an amount such as `150 mg`, not {}",
                        describe(other)
                    ),
                    span,
                    help: Some(unit_help.into()),
                });
                continue;
            }
        };
        match parse_amount(&text) {
            Ok((value, unit, basis)) => per_serving.push(ServingAmount {
                name: name.trim().to_string(),
                value,
                unit,
                basis,
                text: text.trim().to_string(),
                span,
            }),
            Err(e) => {
                let message = match e {
                    AmountError::NoUnit => format!("`{key}` has no unit"),
                    AmountError::UnknownUnit(u) => format!("unknown unit `{u}` in `{key}`"),
                    AmountError::NotAnAmount => {
                        format!(
                            "`{key}` must be an amount such as `150 mg`, not the text \"{text}\""
                        )
                    }
                };
                problems.push(ParseProblem {
                    message,
                    span,
                    help: Some(unit_help.into()),
                });
            }
        }
    }
    per_serving.sort_by_key(|a| a.span);
    problems.sort_by_key(|p| p.span);
    let facts = ServingFacts {
        serving_span: serving.as_ref().and(serving_span),
        serving,
        servings_per_day,
        per_serving,
    };
    (Some(facts), problems)
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
