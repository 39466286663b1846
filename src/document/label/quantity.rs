//! The tokens of a label: amounts with their units ("125 mcg", "680 mcg DFE", "5,000 IU",
//! "50 Billion CFU"), %DV as stated ("48%", "<1%", "†", "**"), counts ("2", "one", "1/2",
//! "1-2") and the nouns a supplement is taken in ("capsules", "vegan capsule", "scoop").

use crate::document::front_matter::AmountUnit;
use crate::lean_regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The unit of an amount on a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityUnit {
    /// A mass or IU, as the dose rules read them.
    Mass(AmountUnit),
    /// Colony-forming units (probiotics).
    Cfu,
    /// Calories (a number after "Calories", no unit written).
    Calories,
}

/// The basis written after a unit: "mcg DFE", "mcg RAE", "mg NE", "mg alpha-TE".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Dietary folate equivalents.
    Dfe,
    /// Retinol activity equivalents.
    Rae,
    /// Niacin equivalents.
    Ne,
    /// Alpha-tocopherol equivalents (pre-2016 vitamin E).
    AlphaTe,
}

impl Basis {
    /// The spelling the dose rules use for a basis (`dfe`, `rae`, `ne`).
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Dfe => "dfe",
            Basis::Rae => "rae",
            Basis::Ne => "ne",
            Basis::AlphaTe => "alpha-te",
        }
    }
}

/// An amount found in a piece of label text, in that text's offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The whole amount, number to unit (and basis).
    pub range: Range<usize>,
    /// The figure (the top of a range such as "100-200 mg").
    pub value: f64,
    /// The unit.
    pub unit: QuantityUnit,
    /// A basis after the unit.
    pub basis: Option<Basis>,
}

/// A figure: `1,000`, `1000`, `0.5`, `.5`.
const NUMBER: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+";

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)({NUMBER})(?:\s*(?:-|–|to)\s*({NUMBER}))?\s*(billion|million|trillion)?\s*(mg|milligrams?|mcg|µg|μg|ug|micrograms?|grams?|g|i\.\s?u\.|iu|cfu)(?:\s+(dfe|rae|ne|alpha-te|α-te|a-te))?"
    ))
    .expect("valid label amount regex")
});

/// The value of a figure with thousands separators.
fn figure(s: &str) -> Option<f64> {
    let v: f64 = s.replace(',', "").parse().ok()?;
    v.is_finite().then_some(v)
}

/// Every amount in `text`, in order. A number must start a word and a unit end one.
pub fn amounts(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for caps in AMOUNT.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let before = text[..whole.start()].chars().next_back();
        let after = text[whole.end()..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',')
            || after.is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let Some(low) = figure(&caps[1]) else {
            continue;
        };
        let high = caps.get(2).and_then(|m| figure(m.as_str())).unwrap_or(low);
        let scale = match caps.get(3).map(|m| m.as_str().to_ascii_lowercase()) {
            Some(s) if s == "billion" => 1e9,
            Some(s) if s == "million" => 1e6,
            Some(s) if s == "trillion" => 1e12,
            _ => 1.0,
        };
        let word = caps[4].to_ascii_lowercase();
        let unit = if word == "cfu" {
            QuantityUnit::Cfu
        } else {
            match AmountUnit::from_word(&word) {
                Some(u) if scale == 1.0 => QuantityUnit::Mass(u),
                _ => continue,
            }
        };
        let basis = caps
            .get(5)
            .map(|m| match m.as_str().to_ascii_lowercase().as_str() {
                "dfe" => Basis::Dfe,
                "rae" => Basis::Rae,
                "ne" => Basis::Ne,
                _ => Basis::AlphaTe,
            });
        out.push(Found {
            range: whole.range(),
            value: high.max(low) * scale,
            unit,
            basis,
        });
    }
    out
}

/// A %DV as stated.
#[derive(Debug, Clone, PartialEq)]
pub enum DvValue {
    /// A percentage: "48%".
    Percent(f64),
    /// "<1%" or "less than 1%".
    LessThanOne,
    /// A symbol alone, pointing at a footnote: "†", "*", "**".
    Symbol(String),
}

/// A %DV token found in text, in that text's offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDv {
    /// The token, with any symbol after it.
    pub range: Range<usize>,
    /// What it says.
    pub value: DvValue,
    /// A symbol after a percentage ("20%*": the calorie footnote), or the symbol itself.
    pub symbol: Option<String>,
}

/// Footnote symbols labels use.
pub const SYMBOLS: &[char] = &['†', '‡', '*', '§', '¶', '#', '◊', '∆'];

static DV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(<\s*1\s*%|less\s+than\s+1\s*%|([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?)\s*%)\s*([*†‡§¶#◊∆]+)?|([*†‡§¶#◊∆]+)")
        .expect("valid %DV regex")
});

/// The first %DV token in `text`.
pub fn daily_value(text: &str) -> Option<FoundDv> {
    for caps in DV.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if let Some(symbol) = caps.get(4) {
            return Some(FoundDv {
                range: whole.range(),
                value: DvValue::Symbol(symbol.as_str().to_string()),
                symbol: Some(symbol.as_str().to_string()),
            });
        }
        // A percentage must start a word ("13% anthocyanins" is part of a name, not %DV;
        // that is decided by the caller, who only asks after the amount).
        if text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            continue;
        }
        let symbol = caps.get(3).map(|m| m.as_str().to_string());
        let value = match caps.get(2) {
            Some(n) => match figure(n.as_str()) {
                Some(v) => DvValue::Percent(v),
                None => continue,
            },
            None => DvValue::LessThanOne,
        };
        return Some(FoundDv {
            range: whole.range(),
            value,
            symbol,
        });
    }
    None
}

pub use super::words::Words;

/// A count in directions: a figure or a number word (not "a", which would match every "a"
/// of a page; "take a capsule" is read apart).
pub const DIRECTION_COUNT: &str = r"[0-9]+\s*/\s*[0-9]+|[0-9]+(?:\.[0-9]+)?|½|¼|¾|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

/// Number words counts use.
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
    ("a", 1.0),
    ("an", 1.0),
    ("half", 0.5),
    ("½", 0.5),
    ("¼", 0.25),
    ("¾", 0.75),
];

/// A count as written: `2`, `1.5`, `1/2`, `½`, `one`, `a`.
pub const COUNT: &str = r"[0-9]+\s*/\s*[0-9]+|[0-9]+(?:\.[0-9]+)?|½|¼|¾|half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|an?";

/// The value of a count.
pub fn count(s: &str) -> Option<f64> {
    let lower = s.trim().to_lowercase();
    if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        return Some(v);
    }
    if let Some((a, b)) = lower.split_once('/') {
        let (a, b): (f64, f64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        return (b > 0.0).then(|| a / b);
    }
    lower.parse().ok().filter(|v: &f64| v.is_finite())
}

/// The nouns a supplement is taken in, each with its other spellings; the first is the
/// name the label model uses. Plurals are matched by [`unit_noun`].
const UNIT_NOUNS: &[(&str, &[&str])] = &[
    (
        "capsule",
        &["capsule", "cap", "vcap", "vegcap", "veggie cap", "capsul"],
    ),
    (
        "softgel",
        &[
            "softgel",
            "soft gel",
            "soft-gel",
            "gelcap",
            "liquid softgel",
        ],
    ),
    ("tablet", &["tablet", "tab"]),
    ("caplet", &["caplet"]),
    ("gummy", &["gummy", "gummie"]),
    ("chewable", &["chewable", "chew", "chewable tablet"]),
    ("lozenge", &["lozenge"]),
    ("scoop", &["scoop", "scoopful", "level scoop"]),
    ("packet", &["packet", "sachet", "stick", "stick pack"]),
    ("teaspoon", &["teaspoon", "tsp", "teaspoonful"]),
    ("tablespoon", &["tablespoon", "tbsp", "tablespoonful"]),
    ("ml", &["ml", "milliliter", "millilitre"]),
    ("dropper", &["dropper", "dropperful", "full dropper"]),
    ("drop", &["drop"]),
    ("spray", &["spray", "pump"]),
    ("wafer", &["wafer"]),
    ("pill", &["pill"]),
    ("serving", &["serving", "dose"]),
];

/// Words before a unit noun that do not change it: "2 vegetable capsules".
const UNIT_ADJECTIVES: &[&str] = &[
    "vegetable",
    "vegan",
    "veggie",
    "vegetarian",
    "plant-based",
    "plant",
    "liquid",
    "delayed-release",
    "enteric-coated",
    "easy-to-swallow",
    "small",
    "large",
    "coated",
    "film-coated",
    "sugar-coated",
    "gastro-resistant",
    "effervescent",
    "dispersible",
    "soluble",
    "soft",
    "hard",
    "chewable",
    "rapid-release",
    "extended-release",
    "slow-release",
    "time-release",
    "sustained-release",
    "modified-release",
    "controlled-release",
    "mini",
    "level",
    "full",
    "heaping",
    "rounded",
];

/// A serving counted in units, as a parenthesis after a serving in another unit gives it:
/// "approx. 20 drops", "about 30 drops", "20 drops" is (20, `drop`). A weight ("5 g") or a
/// bare number is not a count of units.
pub fn counted_as(text: &str) -> Option<(f64, &'static str)> {
    let lower = text.trim().to_lowercase();
    let mut rest = lower.as_str();
    for hedge in [
        "approximately",
        "approx.",
        "approx",
        "about",
        "around",
        "ca.",
        "~",
        "≈",
    ] {
        if let Some(r) = rest.strip_prefix(hedge) {
            rest = r.trim_start();
            break;
        }
    }
    let (n, words) = rest.split_once(' ')?;
    let n = count(n)?;
    let words: String = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let (unit, len) = unit_noun(&words)?;
    let tail = words[len..].trim();
    (n > 0.0 && unit != "serving" && (tail.is_empty() || tail == ")")).then_some((n, unit))
}

/// The unit noun at the start of `words` (lowercase, single spaces), after any adjectives,
/// with the byte length it takes: `vegan capsules` is `capsule`.
pub fn unit_noun(words: &str) -> Option<(&'static str, usize)> {
    let mut at = 0;
    loop {
        let rest = &words[at..];
        let word_end = rest.find(' ').unwrap_or(rest.len());
        let word = &rest[..word_end];
        if UNIT_ADJECTIVES.contains(&word) && word_end < rest.len() {
            // "chewable tablets": the adjective, unless it is the noun itself.
            let after = &rest[word_end + 1..];
            if noun_at(after).is_some() {
                at += word_end + 1;
                continue;
            }
        }
        return noun_at(rest).map(|(n, len)| (n, at + len));
    }
}

fn noun_at(rest: &str) -> Option<(&'static str, usize)> {
    let mut best: Option<(&'static str, usize)> = None;
    for (name, spellings) in UNIT_NOUNS {
        for s in *spellings {
            let Some(after) = rest.strip_prefix(s) else {
                continue;
            };
            let plural = ["es", "s", ""]
                .iter()
                .find(|p| {
                    after.strip_prefix(**p).is_some_and(|a| {
                        a.is_empty() || !a.starts_with(|c: char| c.is_alphanumeric())
                    })
                })
                .map(|p| p.len());
            if let Some(p) = plural {
                let len = s.len() + p;
                if best.is_none_or(|(_, l)| len > l) {
                    best = Some((name, len));
                }
            }
        }
    }
    // "gummies": the spelling "gummie" with "s".
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (f64, QuantityUnit, Option<Basis>, &str) {
        let f = amounts(text).into_iter().next().expect("an amount");
        (f.value, f.unit, f.basis, &text[f.range])
    }

    #[test]
    fn label_amounts_with_their_bases() {
        use AmountUnit::*;
        assert_eq!(
            one("125 mcg (5,000 IU)"),
            (125.0, QuantityUnit::Mass(Mcg), None, "125 mcg")
        );
        assert_eq!(
            one("680 mcg DFE"),
            (
                680.0,
                QuantityUnit::Mass(Mcg),
                Some(Basis::Dfe),
                "680 mcg DFE"
            )
        );
        assert_eq!(
            one("900 mcg RAE"),
            (
                900.0,
                QuantityUnit::Mass(Mcg),
                Some(Basis::Rae),
                "900 mcg RAE"
            )
        );
        assert_eq!(
            one("16 mg NE"),
            (16.0, QuantityUnit::Mass(Mg), Some(Basis::Ne), "16 mg NE")
        );
        assert_eq!(
            one("50 Billion CFU"),
            (50e9, QuantityUnit::Cfu, None, "50 Billion CFU")
        );
        assert_eq!(
            one("1,150 mg"),
            (1150.0, QuantityUnit::Mass(Mg), None, "1,150 mg")
        );
        assert_eq!(one("10 g"), (10.0, QuantityUnit::Mass(G), None, "10 g"));
        assert!(amounts("B12mg and 5 grapes").is_empty());
        assert!(amounts("4 g1%").is_empty());
    }

    #[test]
    fn daily_values_as_stated() {
        let dv = |t: &str| daily_value(t).map(|d| (d.value, d.symbol));
        assert_eq!(dv("48%"), Some((DvValue::Percent(48.0), None)));
        assert_eq!(dv("41667%"), Some((DvValue::Percent(41667.0), None)));
        assert_eq!(dv("20%*"), Some((DvValue::Percent(20.0), Some("*".into()))));
        assert_eq!(dv("<1%"), Some((DvValue::LessThanOne, None)));
        assert_eq!(dv("less than 1%"), Some((DvValue::LessThanOne, None)));
        assert_eq!(
            dv("†"),
            Some((DvValue::Symbol("†".into()), Some("†".into())))
        );
        assert_eq!(
            dv("**"),
            Some((DvValue::Symbol("**".into()), Some("**".into())))
        );
        assert_eq!(dv("mg"), None);
    }

    #[test]
    fn counts_and_unit_nouns() {
        assert_eq!(count("2"), Some(2.0));
        assert_eq!(count("one"), Some(1.0));
        assert_eq!(count("1/2"), Some(0.5));
        assert_eq!(count("½"), Some(0.5));
        assert_eq!(unit_noun("capsules"), Some(("capsule", 8)));
        assert_eq!(unit_noun("vegan capsule daily"), Some(("capsule", 13)));
        assert_eq!(unit_noun("gummies"), Some(("gummy", 7)));
        assert_eq!(unit_noun("softgels with food"), Some(("softgel", 8)));
        assert_eq!(unit_noun("chewable tablets"), Some(("tablet", 16)));
        assert_eq!(unit_noun("chewables"), Some(("chewable", 9)));
        assert_eq!(unit_noun("scoop (11 g)"), Some(("scoop", 5)));
        assert_eq!(unit_noun("tsp"), Some(("teaspoon", 3)));
        assert_eq!(unit_noun("capsaicin"), None);
        assert_eq!(unit_noun("hours"), None);
    }
}
