//! Whom copy addresses: the life stages a sentence names ("children 4-8", "ages 12 and up",
//! "pregnant or breastfeeding", "toddlers"), so an amount is judged against their upper
//! limit. Mentions that exclude a group ("not for children", "keep out of reach of children")
//! do not count. Copy that names no one addresses adults.
//!
//! "Children" with no ages reads as children aged 4-8: US labels address "adults and children
//! 4 years and older" unless they say otherwise (21 CFR 101.9(c)(8)(iv), 101.36(b)(2)(iii)),
//! and products for younger children name them (toddlers, ages 1-3).

use super::table::{Nutrient, STAGES, stage_ages};
use crate::lean_regex::Regex;
use std::sync::LazyLock;

/// Words that, shortly before a mention, exclude the group instead of addressing it.
const EXCLUDING: &[&str] = &[
    "not for",
    "not intended for",
    "reach of",
    "away from",
    "not recommended for",
    "not suitable for",
    "give to",
    "given to",
    "used by",
    "use by",
    "use in",
    "unless",
    "except",
];

struct Pattern {
    re: Regex,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Pregnancy,
    Lactation,
    Infants,
    Toddlers,
    Children,
    Teens,
    Adults,
    Women,
    /// An age range in years: `ages 4-8`, `4 to 8 years`.
    Range,
    /// An age range in months.
    Months,
    /// From an age up: `ages 12 and up`, `4+`, `over 4`.
    From,
    /// Up to an age: `under 4`.
    Under,
}

/// Word boundaries are ASCII (`(?-u:\b)`): with Unicode ones, the regex engine leaves its
/// DFA for a much slower one on any text with a non-ASCII character (™, —, °), and the
/// words these patterns look for are ASCII.
fn ascii_boundaries(re: &str) -> String {
    re.replace(r"\b", r"(?-u:\b)")
}

/// The patterns, unprefixed, with their kinds.
fn sources() -> Vec<(&'static str, Kind)> {
    vec![
        (
            r"\bpregnan\w*|\bprenatal\b|\bexpecting mothers?\b",
            Kind::Pregnancy,
        ),
        (
            r"\bbreast-?fe(?:e|d)\w*|\blactat\w*|\bnursing (?:mothers?|moms?|women)\b|\b(?:while|or|are) nursing\b|\bpostnatal\b",
            Kind::Lactation,
        ),
        (
            r"\binfants?\b|\bbab(?:y|ies)\b|\bnewborns?\b",
            Kind::Infants,
        ),
        (r"\btoddlers?\b", Kind::Toddlers),
        (r"\bchild(?:ren)?(?:'s)?\b|\bkids?(?:'s)?\b", Kind::Children),
        (r"\bteens?\b|\bteenagers?\b|\badolescents?\b", Kind::Teens),
        (r"\badults?\b|\bmen\b|\bseniors?\b", Kind::Adults),
        (r"\bwomen\b", Kind::Women),
        (
            r"\b(?:(?:ages?|aged)\s+(\d{1,2})\s*(?:-|–|to|through)\s*(\d{1,2})\b|(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*(?:years?|yrs?)\s+(?:old|of\s+age)\b|(?:children|kids?|child)\s+(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b)",
            Kind::Range,
        ),
        (
            r"\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*months?\s+(?:old|of\s+age)\b|\b(?:infants?|babies|baby)\s+(?:aged\s+)?(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*months?\b",
            Kind::Months,
        ),
        (
            r"\b(?:(?:ages?|aged|kids?|children|child)\s+(\d{1,2})\s*(?:years?\s*)?(?:\+|and\s+(?:up|over|older)|or\s+older)|(\d{1,2})\s*(?:years?|yrs?)(?:\s+of\s+age)?\s+(?:and|or)\s+(?:up|over|older)|(?:over|older\s+than|above)\s+(?:the\s+age\s+of|age)\s+(\d{1,2})\b|(?:over|older\s+than|above)\s+(\d{1,2})\s*(?:years?|yrs?)\b|(?:children|kids?|adults?|people|those|anyone)\s+(?:over|older\s+than|above)\s+(\d{1,2})\b)",
            Kind::From,
        ),
        (
            r"\b(?:(?:under|younger\s+than|below)\s+(?:the\s+age\s+of|age)\s+(\d{1,2})\b|(?:under|younger\s+than|below)\s+(\d{1,2})\s*(?:years?|yrs?)\b|(?:children|kids?)\s+(?:under|younger\s+than|below)\s+(\d{1,2})\b)",
            Kind::Under,
        ),
    ]
}

/// For any text: Unicode classes and case folding, as the patterns are written.
static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| compile("(?i)"));

/// For ASCII text, matched lowercased: ASCII classes and no case folding. On ASCII text
/// `\w`, `\d`, `\s` and `\b` match the same with or without Unicode, and the lowercased
/// text has no uppercase to fold (every literal in the patterns is lowercase), so these find
/// exactly what `PATTERNS` find, and compile several times faster (Unicode `\w` and `\d`,
/// case-folded, were most of the 67 M instructions the audience patterns cost a page).
static ASCII_PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| compile("(?-u)"));

fn compile(flags: &str) -> Vec<Pattern> {
    sources()
        .into_iter()
        .map(|(re, kind)| Pattern {
            re: Regex::new(&format!("{flags}{}", ascii_boundaries(re)))
                .expect("valid audience regex"),
            kind,
        })
        .collect()
}

fn excluded(lower: &str, at: usize) -> bool {
    let from = lower[..at]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let before = &lower[from..at];
    // Only within the same clause.
    let before = before.rsplit([';', ':', '.']).next().unwrap_or(before);
    EXCLUDING.iter().any(|cue| before.contains(cue))
}

/// Every pattern at once, to rule out the text that names no one (most of it) in one pass.
fn any(flags: &str) -> Regex {
    let all: Vec<String> = sources()
        .iter()
        .map(|(re, _)| format!("(?:{})", ascii_boundaries(re)))
        .collect();
    Regex::new(&format!("{flags}{}", all.join("|"))).expect("valid audience regex")
}

static ANY: LazyLock<Regex> = LazyLock::new(|| any("(?i)"));

/// `ANY` for lowercased ASCII text, like `ASCII_PATTERNS`.
static ASCII_ANY: LazyLock<Regex> = LazyLock::new(|| any("(?-u)"));

/// The life stages `text` addresses, or `None` when it names no one.
pub fn stages(text: &str) -> Option<Vec<&'static str>> {
    let (lower, patterns) = if text.is_ascii() {
        let lower = text.to_ascii_lowercase();
        if !ASCII_ANY.is_match(&lower) {
            return None;
        }
        (lower, &*ASCII_PATTERNS)
    } else {
        if !ANY.is_match(text) {
            return None;
        }
        (text.to_lowercase(), &*PATTERNS)
    };
    let mut kinds: Vec<Kind> = Vec::new();
    let mut ranges: Vec<(f64, f64)> = Vec::new();
    for p in patterns {
        for caps in p.re.captures_iter(&lower) {
            let whole = caps.get(0).expect("group 0");
            if excluded(&lower, whole.start()) {
                continue;
            }
            let nums: Vec<f64> = caps
                .iter()
                .skip(1)
                .flatten()
                .filter_map(|m| m.as_str().parse().ok())
                .collect();
            match p.kind {
                Kind::Range if nums.len() == 2 => ranges.push((nums[0], nums[1] + 1.0)),
                Kind::Months if nums.len() == 2 => ranges.push((nums[0] / 12.0, nums[1] / 12.0)),
                Kind::From if nums.len() == 1 => ranges.push((nums[0], f64::INFINITY)),
                Kind::Under if nums.len() == 1 => ranges.push((0.0, nums[0])),
                Kind::Range | Kind::Months | Kind::From | Kind::Under => {}
                k => kinds.push(k),
            }
        }
    }
    let has = |k: Kind| kinds.contains(&k);
    let childhood = has(Kind::Children) || has(Kind::Toddlers) || has(Kind::Infants);
    let mut out: Vec<&'static str> = Vec::new();
    let mut add = |s: &'static str| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    if has(Kind::Pregnancy) {
        add("pregnancy");
    }
    if has(Kind::Lactation) {
        add("lactation");
    }
    if has(Kind::Adults) || (has(Kind::Women) && !has(Kind::Pregnancy) && !has(Kind::Lactation)) {
        add("adults");
    }
    if has(Kind::Teens) {
        add("teens-14-18");
    }
    if has(Kind::Toddlers) {
        add("children-1-3");
    }
    if has(Kind::Infants) && ranges.is_empty() {
        add("infants-0-6m");
        add("infants-7-12m");
    }
    for (lo, hi) in &ranges {
        // "Children under 4" starts at 1; "children 4 and up" ends at 13 unless adults are
        // addressed too.
        let lo = if childhood && !has(Kind::Infants) {
            lo.max(1.0)
        } else {
            *lo
        };
        let hi = if childhood && hi.is_infinite() && !has(Kind::Adults) {
            14.0
        } else {
            *hi
        };
        for stage in STAGES {
            if let Some((a, b)) = stage_ages(stage)
                && lo < b
                && hi > a
            {
                add(stage);
            }
        }
    }
    if has(Kind::Children) && ranges.is_empty() {
        add("children-4-8");
    }
    if out.is_empty() { None } else { Some(out) }
}

/// Of the stages addressed, the one with the lowest UL for `nutrient`, with that UL; `None`
/// when none of them has a UL (not determinable for that group).
pub fn strictest(nutrient: &Nutrient, stages: &[&'static str]) -> Option<(&'static str, f64)> {
    let mut best: Option<(&'static str, f64)> = None;
    for stage in STAGES {
        if !stages.contains(stage) {
            continue;
        }
        if let Some(ul) = nutrient.ul(stage)
            && best.is_none_or(|(_, b)| ul < b)
        {
            best = Some((stage, ul));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Option<Vec<&'static str>> {
        stages(text).map(|mut v| {
            v.sort_by_key(|s| STAGES.iter().position(|x| x == s));
            v
        })
    }

    #[test]
    fn ascii_patterns_find_what_the_unicode_ones_find_in_ascii_text() {
        let texts = [
            "Adults and children 12 years and older: take 2 capsules. Not for children under 4.",
            "Kids 4+ love these; babies 6-12 months; for pregnant or breastfeeding women.",
            "Teens 14 to 18 years old, seniors over 50, ages 9-13, younger than 3 years.",
            "Infants aged 0 to 6 months, toddlers, nursing mothers, prenatal.",
        ];
        for text in texts {
            let lower = text.to_lowercase();
            assert!(ANY.is_match(text) && ASCII_ANY.is_match(&lower));
            for (u, a) in PATTERNS.iter().zip(ASCII_PATTERNS.iter()) {
                let spans = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                    re.captures_iter(&lower)
                        .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                        .collect()
                };
                assert_eq!(spans(&u.re), spans(&a.re), "{text}");
            }
        }
    }

    #[test]
    fn no_one_named_means_none() {
        assert_eq!(s("Take 300 mg of magnesium daily."), None);
    }

    #[test]
    fn groups_by_name() {
        assert_eq!(s("Adults take one capsule daily."), Some(vec!["adults"]));
        assert_eq!(s("For pregnant women."), Some(vec!["pregnancy"]));
        assert_eq!(s("If you are breastfeeding"), Some(vec!["lactation"]));
        assert_eq!(s("Kids love it."), Some(vec!["children-4-8"]));
        assert_eq!(s("For toddlers."), Some(vec!["children-1-3"]));
        assert_eq!(s("Teens may take one."), Some(vec!["teens-14-18"]));
        assert_eq!(
            s("Drops for infants."),
            Some(vec!["infants-0-6m", "infants-7-12m"])
        );
    }

    #[test]
    fn ages_pick_the_bands_they_cover() {
        assert_eq!(
            s("Children ages 4-8: one gummy."),
            Some(vec!["children-4-8"])
        );
        assert_eq!(s("For kids 9 to 13 years."), Some(vec!["children-9-13"]));
        assert_eq!(
            s("Adults and children 12 years and older"),
            Some(vec!["children-9-13", "teens-14-18", "adults"])
        );
        assert_eq!(
            s("Kids 4+ love these"),
            Some(vec!["children-4-8", "children-9-13"])
        );
        assert_eq!(s("For children under 4."), Some(vec!["children-1-3"]));
        assert_eq!(s("Adults over 50"), Some(vec!["adults"]));
        assert_eq!(s("Babies 6-12 months"), Some(vec!["infants-7-12m"]));
        assert_eq!(s("Take it for 2-3 months."), None);
        assert_eq!(s("Doses above 50 mg"), None);
    }

    #[test]
    fn excluded_groups_do_not_count() {
        assert_eq!(s("Keep out of reach of children."), None);
        assert_eq!(s("Not for children under 12."), None);
        assert_eq!(
            s("Not for children; adults take 2 capsules."),
            Some(vec!["adults"])
        );
        assert_eq!(s("Not intended for pregnant women."), None);
    }

    #[test]
    fn strictest_stage_has_the_lowest_limit() {
        let n: Nutrient = crate::yaml::from_str(
            "id: zinc\nnames: [zinc]\nunit: mg\nul: {children-9-13: 23, teens-14-18: 34, adults: 40}\n",
        )
        .unwrap();
        assert_eq!(
            strictest(&n, &["adults", "children-9-13"]),
            Some(("children-9-13", 23.0))
        );
        assert_eq!(strictest(&n, &["infants-0-6m"]), None);
    }
}
