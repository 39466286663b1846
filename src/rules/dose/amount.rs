//! Reading amounts and frequencies in copy: "150mg", "1,000 mcg", "0.5 g", "4,000 I.U.",
//! "100 to 350 mg", "twice a day", "3 times daily", "every 8 hours"; unit conversion; and
//! figures written back the way copy writes them.

use super::table::Unit;
pub use crate::document::front_matter::AmountUnit;
use crate::lean_regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A figure: `1,000`, `1000`, `0.5`.
/// ASCII digits only: figures in other scripts do not parse as numbers anyway.
const NUMBER: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";

/// An amount with an optional range and a unit.
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)({NUMBER})(?:\s*(?:-|–|to)\s*({NUMBER}))?\s*(mg|milligrams?|mcg|µg|μg|ug|micrograms?|grams?|g|i\.\s?u\.|iu)"
    ))
    .expect("valid amount regex")
});

/// Number words copy uses for small counts.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("once", 1.0),
    ("twice", 2.0),
    ("thrice", 3.0),
];

const COUNT: &str = r"[0-9]+/[0-9]+|½|half(?:\s+an?)?|[0-9]+(?:\.[0-9]+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

/// "twice daily", "3 times a day", "1-2 times per day", "once or twice daily", "3x/day".
static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    let bare = format!(r"(?:once|twice|thrice|{COUNT})");
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:({bare})\s*(?:-|–|to|or)\s*)?(?:(once|twice|thrice)|({COUNT})\s*(?:times|x))\s*(?:a|an|per|each|every|/)?\s*(?:day|daily)(?-u:\b)"
    ))
    .expect("valid frequency regex")
});

/// "every 8 hours", "every 6 to 8 hours".
static EVERY_HOURS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)every\s+([0-9]+)(?:\s*(?:-|–|to)\s*([0-9]+))?\s*(?:hours?|hrs?)(?-u:\b)",
    )
    .expect("valid hours regex")
});

/// "with each meal", "at every meal": three times a day.
static MEALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:with|at)\s+(?:each|every)\s+meal(?-u:\b)")
        .expect("valid meal regex")
});

/// A parsed amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    /// The lower figure (equal to `high` when not a range).
    pub low: f64,
    /// The upper figure.
    pub high: f64,
    /// The unit as written.
    pub unit: AmountUnit,
}

/// The value of a figure or a number word.
pub fn number(s: &str) -> Option<f64> {
    let lower = s.trim().to_ascii_lowercase();
    if lower == "½" || lower.starts_with("half") {
        return Some(0.5);
    }
    if lower == "a" || lower == "an" {
        return Some(1.0);
    }
    if let Some((a, b)) = lower.split_once('/') {
        let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
        return (b > 0.0).then(|| a / b);
    }
    if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(v);
    }
    lower.replace(',', "").parse().ok()
}

/// Every amount in `text` with its byte range.
pub fn amounts(text: &str) -> Vec<(Range<usize>, Amount)> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for caps in AMOUNT.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        // The number must start a word and the unit must end one.
        if text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',')
            || text[whole.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let Some(low) = number(&caps[1]) else {
            continue;
        };
        let high = caps.get(2).and_then(|m| number(m.as_str())).unwrap_or(low);
        let Some(unit) = AmountUnit::from_word(&caps[3]) else {
            continue;
        };
        out.push((
            whole.range(),
            Amount {
                low,
                high: high.max(low),
                unit,
            },
        ));
    }
    out
}

/// How often a day copy says to take something.
#[derive(Debug, Clone, PartialEq)]
pub struct Frequency {
    /// Where, in the text.
    pub range: Range<usize>,
    /// Times a day (the top of a range: "1-2 times daily" is 2).
    pub times: f64,
}

/// Every frequency in `text`: "twice daily", "3 times a day", "every 8 hours", "with each meal".
pub fn frequencies(text: &str) -> Vec<Frequency> {
    let mut out = Vec::new();
    // Each pattern needs its word; most sentences have none of them. One pass finds which
    // are there ("daily" starts with "da" too, but not with "day").
    let bytes = text.as_bytes();
    let at = |i: usize, word: &[u8]| {
        bytes
            .get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    let (mut day, mut every, mut meal) = (false, false, false);
    for (i, b) in bytes.iter().enumerate() {
        match b | 0x20 {
            b'd' => day = day || at(i, b"day") || at(i, b"dail"),
            b'e' => every = every || at(i, b"every"),
            b'm' => meal = meal || at(i, b"meal"),
            _ => {}
        }
    }
    for caps in FREQUENCY.captures_iter(if day { text } else { "" }) {
        let word = caps.get(2).or_else(|| caps.get(3));
        let times = word.and_then(|m| number(m.as_str())).filter(|t| *t > 0.0);
        let low = caps.get(1).and_then(|m| number(m.as_str()));
        if let Some(times) = times {
            out.push(Frequency {
                range: caps.get(0).expect("group 0").range(),
                times: times.max(low.unwrap_or(0.0)),
            });
        }
    }
    for caps in EVERY_HOURS.captures_iter(if every { text } else { "" }) {
        let a = number(&caps[1]).unwrap_or(0.0);
        let b = caps.get(2).and_then(|m| number(m.as_str())).unwrap_or(a);
        let shortest = a.min(b);
        if (1.0..=24.0).contains(&shortest) {
            out.push(Frequency {
                range: caps.get(0).expect("group 0").range(),
                times: (24.0 / shortest).floor(),
            });
        }
    }
    for m in MEALS.find_iter(if meal { text } else { "" }) {
        out.push(Frequency {
            range: m.range(),
            times: 3.0,
        });
    }
    out.sort_by_key(|f| f.range.start);
    out
}

/// A count written before a unit noun ("2", "1-2", "one or two", "up to 3"): the top figure,
/// if the text right before `end` is one.
pub fn count_before(text: &str, end: usize) -> Option<(usize, f64)> {
    static COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)({COUNT})(?:\s*(?:-|–|to|or)\s*({COUNT}))?\s*$"
        ))
        .expect("valid count regex")
    });
    let caps = COUNT_RE.captures(&text[..end])?;
    let start = caps.get(0).expect("group 0").start();
    // The count must start a word: not "one" in "someone", not "5" in "2.5" or "1,500".
    if text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '-'))
    {
        return None;
    }
    let a = number(&caps[1])?;
    let b = caps.get(2).and_then(|m| number(m.as_str())).unwrap_or(a);
    Some((start, a.max(b)))
}

/// Convert `value` in `from` to the nutrient's unit; IU needs an IU factor.
pub fn convert(value: f64, from: AmountUnit, to: Unit, iu: Option<f64>) -> Option<f64> {
    let in_mg = |v: f64| match to {
        Unit::Mg => v,
        Unit::Mcg => v * 1000.0,
    };
    Some(match from {
        AmountUnit::G => in_mg(value * 1000.0),
        AmountUnit::Mg => in_mg(value),
        AmountUnit::Mcg => in_mg(value / 1000.0),
        AmountUnit::Iu => value * iu?,
    })
}

/// Format a figure without a trailing `.0`, with thousands separators: one decimal at most,
/// two below 1 (fluoride and nickel ULs are fractions of a milligram).
pub fn figure(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() { "?" } else { "more than 10^308" }.into();
    }
    let scale = if v.abs() < 1.0 { 100.0 } else { 10.0 };
    let rounded = (v * scale).round() / scale;
    // From 2^53 on a float holds whole numbers only, and past i64 a cast saturates (a dose of
    // 1e19 mcg printed as 9,223,372,036,854,775,807.9223372036854775807): write out the
    // whole number the float holds.
    let (digits, frac) = if rounded.abs() >= 9.0e15 {
        (format!("{:.0}", rounded.abs()), 0)
    } else {
        let int = rounded.trunc() as i64;
        let frac = ((rounded - int as f64).abs() * scale).round() as i64;
        (int.abs().to_string(), frac)
    };
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{grouped}")
    } else if scale == 100.0 {
        let frac = format!("{frac:02}");
        format!("{sign}{grouped}.{}", frac.trim_end_matches('0'))
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<(f64, f64, AmountUnit)> {
        amounts(text)
            .into_iter()
            .map(|(_, a)| (a.low, a.high, a.unit))
            .collect()
    }

    #[test]
    fn every_common_spelling() {
        assert_eq!(parse("150mg"), [(150.0, 150.0, AmountUnit::Mg)]);
        assert_eq!(parse("150 mg"), [(150.0, 150.0, AmountUnit::Mg)]);
        assert_eq!(parse("150 milligrams"), [(150.0, 150.0, AmountUnit::Mg)]);
        assert_eq!(parse("1,000 mcg"), [(1000.0, 1000.0, AmountUnit::Mcg)]);
        assert_eq!(parse("400 µg"), [(400.0, 400.0, AmountUnit::Mcg)]);
        assert_eq!(parse("400 μg"), [(400.0, 400.0, AmountUnit::Mcg)]);
        assert_eq!(parse("400ug"), [(400.0, 400.0, AmountUnit::Mcg)]);
        assert_eq!(parse("0.5 g"), [(0.5, 0.5, AmountUnit::G)]);
        assert_eq!(parse("2 grams"), [(2.0, 2.0, AmountUnit::G)]);
        assert_eq!(parse("4000 IU"), [(4000.0, 4000.0, AmountUnit::Iu)]);
        assert_eq!(parse("4,000 I.U."), [(4000.0, 4000.0, AmountUnit::Iu)]);
        assert_eq!(parse("4,000 i.u."), [(4000.0, 4000.0, AmountUnit::Iu)]);
        assert_eq!(parse("100 to 350 mg"), [(100.0, 350.0, AmountUnit::Mg)]);
        assert_eq!(parse("100-350 mg"), [(100.0, 350.0, AmountUnit::Mg)]);
        assert_eq!(parse("100–350mg"), [(100.0, 350.0, AmountUnit::Mg)]);
        assert_eq!(parse("400 mg/day"), [(400.0, 400.0, AmountUnit::Mg)]);
        assert_eq!(
            parse("50 µg and 2 grams"),
            [(50.0, 50.0, AmountUnit::Mcg), (2.0, 2.0, AmountUnit::G)]
        );
    }

    #[test]
    fn amounts_carry_their_range_in_the_text() {
        let text = "Take 1,000 mcg daily.";
        let found = amounts(text);
        assert_eq!(&text[found[0].0.clone()], "1,000 mcg");
    }

    #[test]
    fn not_inside_words_or_other_units() {
        assert!(parse("B12mg").is_empty());
        assert!(parse("250 mgs").is_empty());
        assert!(parse("5 grapes").is_empty());
        assert!(parse("Omega3 gummies").is_empty());
        assert!(parse("3.5 gallons").is_empty());
    }

    #[test]
    fn frequencies_in_every_spelling() {
        let times = |t: &str| -> Vec<f64> { frequencies(t).into_iter().map(|f| f.times).collect() };
        assert_eq!(times("take it twice a day"), [2.0]);
        assert_eq!(times("twice daily"), [2.0]);
        assert_eq!(times("once daily"), [1.0]);
        assert_eq!(times("2 capsules 3 times daily"), [3.0]);
        assert_eq!(times("three times per day"), [3.0]);
        assert_eq!(times("1-2 times a day"), [2.0]);
        assert_eq!(times("once or twice daily"), [2.0]);
        assert_eq!(times("3x daily"), [3.0]);
        assert_eq!(times("3x/day"), [3.0]);
        assert_eq!(times("every 8 hours"), [3.0]);
        assert_eq!(times("every 6 to 8 hours"), [4.0]);
        assert_eq!(times("one capsule with each meal"), [3.0]);
        assert!(times("take 2 a day").is_empty());
        assert!(times("per day").is_empty());
        assert!(times("every day").is_empty());
    }

    #[test]
    fn counts_before_a_noun() {
        let c = |t: &str| count_before(t, t.len()).map(|(_, n)| n);
        assert_eq!(c("take 2 "), Some(2.0));
        assert_eq!(c("take two "), Some(2.0));
        assert_eq!(c("take 1-2 "), Some(2.0));
        assert_eq!(c("take one or two "), Some(2.0));
        assert_eq!(c("mix 1/2 "), Some(0.5));
        assert_eq!(c("mix ½ "), Some(0.5));
        assert_eq!(c("mix half a "), Some(0.5));
        assert_eq!(c("take 1 to 3 "), Some(3.0));
        assert_eq!(c("take the "), None);
        assert_eq!(c("someone "), None);
        assert_eq!(c("take a "), Some(1.0));
        assert_eq!(c("take 2.5 "), Some(2.5));
    }

    #[test]
    fn conversions() {
        assert_eq!(convert(1.0, AmountUnit::G, Unit::Mg, None), Some(1000.0));
        assert_eq!(
            convert(0.5, AmountUnit::G, Unit::Mcg, None),
            Some(500_000.0)
        );
        assert_eq!(convert(500.0, AmountUnit::Mcg, Unit::Mg, None), Some(0.5));
        assert_eq!(convert(2.0, AmountUnit::Mg, Unit::Mcg, None), Some(2000.0));
        // Vitamin D: 1 mcg = 40 IU.
        assert_eq!(
            convert(4000.0, AmountUnit::Iu, Unit::Mcg, Some(0.025)),
            Some(100.0)
        );
        // Vitamin A as retinol: 1 IU = 0.3 mcg RAE.
        let a = convert(10_000.0, AmountUnit::Iu, Unit::Mcg, Some(0.3)).unwrap();
        assert!((a - 3000.0).abs() < 1e-9);
        // Vitamin E: natural 1 IU = 0.67 mg, synthetic 1 IU = 0.45 mg.
        let natural = convert(1500.0, AmountUnit::Iu, Unit::Mg, Some(0.67)).unwrap();
        let synthetic = convert(1100.0, AmountUnit::Iu, Unit::Mg, Some(0.45)).unwrap();
        assert!((natural - 1005.0).abs() < 1e-9, "{natural}");
        assert!((synthetic - 495.0).abs() < 1e-9, "{synthetic}");
        assert_eq!(convert(10.0, AmountUnit::Iu, Unit::Mg, None), None);
    }

    #[test]
    fn figures_read_naturally() {
        assert_eq!(figure(350.0), "350");
        assert_eq!(figure(10000.0), "10,000");
        assert_eq!(figure(105.75), "105.8");
        assert_eq!(figure(0.7), "0.7");
        assert_eq!(figure(0.25), "0.25");
        assert_eq!(figure(1.0), "1");
    }

    #[test]
    fn figures_past_any_integer_type_are_written_out() {
        assert_eq!(figure(9.2e18), "9,200,000,000,000,000,000");
        assert_eq!(figure(1e19), "10,000,000,000,000,000,000");
        assert_eq!(figure(-1e19), "-10,000,000,000,000,000,000");
        assert_eq!(figure(1e300).len(), 301 + 100);
        assert_eq!(figure(f64::INFINITY), "more than 10^308");
        // Just below where floats stop holding fractions, the decimal is still there.
        assert_eq!(figure(1_000_000_000_000.5), "1,000,000,000,000.5");
    }
}
