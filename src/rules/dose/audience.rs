//! Whom copy addresses: the life stages a sentence names ("children 4-8", "ages 12 and up",
//! "pregnant or breastfeeding", "toddlers"), so an amount is judged against their upper
//! limit. Mentions that exclude a group ("not for children", "keep out of reach of children")
//! do not count. Copy that names no one addresses adults.
//!
//! "Children" with no ages reads as children aged 4-8: US labels address "adults and children
//! 4 years and older" unless they say otherwise (21 CFR 101.9(c)(8)(iv), 101.36(b)(2)(iii)),
//! and products for younger children name them (toddlers, ages 1-3).

use super::table::{Nutrient, STAGES, stage_ages};
use regex::Regex;
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

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let p = |re: &str, kind| Pattern {
        re: Regex::new(&format!("(?i){}", ascii_boundaries(re))).expect("valid audience regex"),
        kind,
    };
    vec![
        p(
            r"\bpregnan\w*|\bprenatal\b|\bexpecting mothers?\b",
            Kind::Pregnancy,
        ),
        p(
            r"\bbreast-?fe(?:e|d)\w*|\blactat\w*|\bnursing (?:mothers?|moms?|women)\b|\b(?:while|or|are) nursing\b|\bpostnatal\b",
            Kind::Lactation,
        ),
        p(
            r"\binfants?\b|\bbab(?:y|ies)\b|\bnewborns?\b",
            Kind::Infants,
        ),
        p(r"\btoddlers?\b", Kind::Toddlers),
        p(r"\bchild(?:ren)?(?:'s)?\b|\bkids?(?:'s)?\b", Kind::Children),
        p(r"\bteens?\b|\bteenagers?\b|\badolescents?\b", Kind::Teens),
        p(r"\badults?\b|\bmen\b|\bseniors?\b", Kind::Adults),
        p(r"\bwomen\b", Kind::Women),
        p(
            r"\b(?:(?:ages?|aged)\s+(\d{1,2})\s*(?:-|–|to|through)\s*(\d{1,2})\b|(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*(?:years?|yrs?)\s+(?:old|of\s+age)\b|(?:children|kids?|child)\s+(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b)",
            Kind::Range,
        ),
        p(
            r"\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*months?\s+(?:old|of\s+age)\b|\b(?:infants?|babies|baby)\s+(?:aged\s+)?(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*months?\b",
            Kind::Months,
        ),
        p(
            r"\b(?:(?:ages?|aged|kids?|children|child)\s+(\d{1,2})\s*(?:years?\s*)?(?:\+|and\s+(?:up|over|older)|or\s+older)|(\d{1,2})\s*(?:years?|yrs?)(?:\s+of\s+age)?\s+(?:and|or)\s+(?:up|over|older)|(?:over|older\s+than|above)\s+(?:the\s+age\s+of|age)\s+(\d{1,2})\b|(?:over|older\s+than|above)\s+(\d{1,2})\s*(?:years?|yrs?)\b|(?:children|kids?|adults?|people|those|anyone)\s+(?:over|older\s+than|above)\s+(\d{1,2})\b)",
            Kind::From,
        ),
        p(
            r"\b(?:(?:under|younger\s+than|below)\s+(?:the\s+age\s+of|age)\s+(\d{1,2})\b|(?:under|younger\s+than|below)\s+(\d{1,2})\s*(?:years?|yrs?)\b|(?:children|kids?)\s+(?:under|younger\s+than|below)\s+(\d{1,2})\b)",
            Kind::Under,
        ),
    ]
});

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
static ANY: LazyLock<Regex> = LazyLock::new(|| {
    let all: Vec<String> = PATTERNS
        .iter()
        .map(|p| format!("(?:{})", p.re.as_str().trim_start_matches("(?i)")))
        .collect();
    regex::RegexBuilder::new(&format!("(?i){}", all.join("|")))
        .build()
        .expect("valid audience regex")
});

/// The life stages `text` addresses, or `None` when it names no one.
pub fn stages(text: &str) -> Option<Vec<&'static str>> {
    if !ANY.is_match(text) {
        return None;
    }
    let lower = text.to_lowercase();
    let mut kinds: Vec<Kind> = Vec::new();
    let mut ranges: Vec<(f64, f64)> = Vec::new();
    for p in PATTERNS.iter() {
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
