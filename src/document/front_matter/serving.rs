//! The serving facts under `supplement:` in the front matter (docs/serving-facts.md): each
//! amount parsed from its text ("150 mg", "680 mcg DFE") and kept with its byte span.

use super::super::ParseProblem;
use crate::diagnostic::Span;
use crate::yaml;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

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
pub(super) fn serving_facts(yaml: &str, base: usize) -> (Option<ServingFacts>, Vec<ParseProblem>) {
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
