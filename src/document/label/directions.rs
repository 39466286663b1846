//! Directions: how much at a time ("2 capsules", "1-2 tablets": the upper end counts, "1/2
//! to 1 teaspoon"), how often ("twice daily", "3 times a day", "every 4 hours": 16 waking
//! hours / 4, "with each meal"), the most a day ("up to 6 a day", "do not exceed 2 tablets
//! per day") and for whom ("Adults and children 12 years and older:"). A sentence (or a
//! clause of one, between semicolons) is a direction when it directs: a verb such as take,
//! chew or mix, a stated most a day, a "Directions" heading above it, or an audience
//! with a colon before it.

use super::quantity::{self, DIRECTION_COUNT as COUNT, Words, unit_noun};
use super::{Cap, Count, Direction, Frequency, Text};
use crate::document::{Block, BlockKind, Document};
use crate::lean_regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Waking hours a day: "every N hours" is this many hours / N intakes a day.
const WAKING_HOURS: f64 = 16.0;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid directions regex")
}

static COUNT_RE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)({COUNT})(?:\s*(?:-|–|to|or)\s*({COUNT}))?\s+"
    ))
});

/// "Take a capsule", "chew an extra gummy": a count of one after a verb.
static A_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(?:take|chew|swallow|use|mix|dissolve|add|stir|empty)\s+(an?)\s+")
});

static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    let bare = format!(r"(?:once|twice|thrice|{COUNT})");
    re(&format!(
        r"(?i)(?-u:\b)(?:({bare})\s*(?:-|–|to|or)\s*)?(?:(once|twice|thrice)|({COUNT})\s*(?:times|x))\s*(?:a|an|per|each|every|/)?\s*(?:day|daily)(?-u:\b)"
    ))
});

/// A dose split over the day: "2 capsules in the morning and 2 capsules in the evening",
/// "2 softgels morning and 2 evening", "1 with breakfast and 1 with dinner": one count,
/// the sum.
static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    let early = r"(?:in\s+the\s+|each\s+|every\s+|at\s+|with\s+)?(?:morning|a\.?m\.?|breakfast)";
    let late = r"(?:in\s+the\s+|each\s+|every\s+|at\s+|with\s+|before\s+)?(?:evening|night|bedtime|bed|p\.?m\.?|dinner|supper)";
    re(&format!(
        r"(?i)(?-u:\b)({COUNT})\s+(?:[a-z]+\s+){{0,2}}?{early}\s*(?:,|and|&|plus|\+)\s*(?:then\s+)?(?:take\s+)?(?:another\s+)?({COUNT})\s+(?:[a-z]+\s+){{0,2}}?{late}(?-u:\b)"
    ))
});

/// One count taken at two times of the day: "1 capsule morning and evening", "with
/// breakfast and dinner".
static TWICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:in\s+the\s+|with\s+|at\s+)?(?:morning|breakfast|a\.?m\.?)\s+(?:and|&|\+)\s+(?:in\s+the\s+|with\s+|at\s+)?(?:evening|night|bedtime|dinner|supper|p\.?m\.?)(?-u:\b)",
    )
});

static DAILY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(?:daily|per\s+day|a\s+day|each\s+day|every\s+day|/\s*day)(?-u:\b)")
});

static HOURS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)every\s+([0-9]+)(?:\s*(?:-|–|to)\s*([0-9]+))?\s*(?:hours?|hrs?)(?-u:\b)")
});

static MEALS: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)(?:(?:with|at)\s+(?:each|every)\s+meal|three\s+meals)(?-u:\b)")
});

static CAP_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:up\s+to|no\s+more\s+than|not\s+(?:to\s+)?(?:exceed|more\s+than)|(?:do\s+not|don't|never)\s+(?:exceed|go\s+over|go\s+above|take\s+more\s+than|use\s+more\s+than|consume\s+more\s+than)|a\s+maximum\s+of|maximum\s+(?:of\s+)?|max\.?\s+(?:of\s+)?)\s+({COUNT})\s+"
    ))
});

static PER_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:[a-z]+\s+){0,2}?(?:(?:a|per|each|every|in\s+(?:(?:a|one|any)\s+)?)\s*(?:day|24\s*hours?|24-hour\s+period)|daily|/\s*day)(?-u:\b)",
    )
});

/// A verb that directs.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:take|chew|swallow|use|mix|dissolve|consume|give|add|stir|drink|place|shake|empty|suck|increased?\s+to)(?-u:\b)",
    )
});

/// An authority's advice, reported: "The Ministry of Health recommends that pregnant women
/// take a 150 microgram iodine tablet every day" directs no one to take this product.
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:ministry|department|nhs|government|authorit(?:y|ies)|world\s+health|health\s+canada|institutes?|associations?|societ(?:y|ies)|guidelines?|experts?|officials?|public\s+health|college|council|committee|agency)(?-u:\b)[^.;]{0,80}?(?-u:\b)(?:recommends?|recommended|advises?|advised|suggests?|urges?)\s+that(?-u:\b)",
    )
});

/// A heading (or a label before a colon) over directions.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:directions(?:\s+for\s+use)?|suggested\s+(?:use|usage|dose|serving)|recommended\s+(?:use|dose|dosage|serving)|how\s+to\s+(?:use|take)|dosage|usage|to\s+use|serving\s+suggestion)\b|^\s*use\s*:?\s*$",
    )
});

static AUDIENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:for\s+)?((?:adults?|adult\s+(?:men|women)|men|women|children|child|kids|teens|teenagers|adolescents|toddlers|infants|babies|seniors|pregnant\b[^:;.]*?women)\b[^:;.]{0,80}?)\s*(?::|,|\s+(?:take|chew|use|mix|swallow|should|may|dissolve|give|can)\b)",
    )
});

static AUDIENCE_FOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)for\s+((?:adults?|children|kids|teens|teenagers|adolescents|toddlers|infants|babies|seniors|men|women)\b[^,;.]{0,60})",
    )
});

/// What one block offers directions, found once.
struct Found {
    counts: Vec<(Range<usize>, f64, Option<&'static str>)>,
    frequencies: Vec<(Range<usize>, f64)>,
    caps: Vec<(Range<usize>, f64, Option<&'static str>)>,
}

fn count_value(caps: &crate::lean_regex::Captures<'_>) -> Option<f64> {
    let a = quantity::count(caps.get(1)?.as_str())?;
    let b = caps.get(2).and_then(|m| quantity::count(m.as_str()));
    Some(b.map_or(a, |b| a.max(b)))
}

/// A few words after `at`, ASCII-lowercased (so offsets in it are offsets in `text`).
fn words_after(text: &str, at: usize) -> String {
    let end = (at + 48).min(text.len());
    let end = (end..=text.len())
        .find(|&e| text.is_char_boundary(e))
        .unwrap_or(text.len());
    text[at..end].to_ascii_lowercase()
}

/// Whether `after` (lowercase) opens with a unit of mass: "2 grams per day" is an amount,
/// not a count of units.
fn is_mass(after: &str) -> bool {
    let word: String = after
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == 'µ' || *c == '.')
        .collect();
    matches!(
        word.trim_end_matches('.'),
        "g" | "gram"
            | "grams"
            | "mg"
            | "milligram"
            | "milligrams"
            | "mcg"
            | "µg"
            | "ug"
            | "microgram"
            | "micrograms"
            | "iu"
            | "i.u"
            | "kg"
            | "oz"
            | "ounce"
            | "ounces"
    )
}

/// Whether a "daily" is a word of the directions, not of a name ("Daily Flora", "DAILY
/// PROSTATE SUPPORT", "Daily Value").
fn plain_daily(text: &str, at: Range<usize>) -> bool {
    let word = &text[at.clone()];
    if word.starts_with("DAILY") {
        return false;
    }
    if word.starts_with("Daily") {
        let next = text[at.end..].trim_start();
        return !next.starts_with(char::is_uppercase);
    }
    true
}

fn find(text: &str, base: usize) -> Found {
    let mut counts = Vec::new();
    for caps in COUNT_RE.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if text[..whole.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '/')
        {
            continue;
        }
        let Some(n) = count_value(&caps).filter(|n| *n > 0.0 && *n <= 24.0) else {
            continue;
        };
        let after = words_after(text, whole.end());
        if is_mass(&after) {
            continue;
        }
        if let Some((unit, len)) = unit_noun(&after) {
            counts.push((whole.start()..whole.end() + len, n, Some(unit)));
        } else if after.starts_with("daily")
            || after.starts_with("a day")
            || after.starts_with("per day")
            || after.starts_with("once")
            || after.starts_with("twice")
            || after.starts_with("times")
            || after.starts_with("at bedtime")
            || after.starts_with("with ")
        {
            // "Take 2 daily": a count of whatever the serving is in. Only after a verb.
            let before = text[..whole.start()].trim_end().to_lowercase();
            if ["take", "chew", "swallow", "use"]
                .iter()
                .any(|v| before.ends_with(v))
            {
                counts.push((whole.start()..whole.end() - 1, n, None));
            }
        }
    }
    for caps in A_UNIT.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if let Some((unit, len)) = unit_noun(&words_after(text, whole.end())) {
            let start = caps.get(1).expect("group 1").start();
            counts.push((start..whole.end() + len, 1.0, Some(unit)));
        }
    }
    // A dose split over the day is one count of the sum, with the unit of the first.
    for caps in SPLIT.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let (Some(a), Some(b)) = (
            caps.get(1).and_then(|m| quantity::count(m.as_str())),
            caps.get(2).and_then(|m| quantity::count(m.as_str())),
        ) else {
            continue;
        };
        let first = caps.get(1).expect("group 1");
        let unit = unit_noun(words_after(text, first.end()).trim_start()).map(|(u, _)| u);
        let sum = a + b;
        if sum > 0.0 && sum <= 24.0 {
            counts.push((whole.range(), sum, unit));
        }
    }
    counts.sort_by_key(|c| c.0.start);
    let mut frequencies = Vec::new();
    for m in TWICE.find_iter(text) {
        // Not the two halves of a split dose, which is one count already.
        let split = counts
            .iter()
            .any(|(r, _, _)| r.start <= m.start() && m.end() <= r.end);
        if !split {
            frequencies.push((m.range(), 2.0));
        }
    }
    for caps in FREQUENCY.captures_iter(text) {
        if let Some(t) = times_a_day(&caps) {
            frequencies.push((caps.get(0).expect("group 0").range(), t));
        }
    }
    for caps in HOURS.captures_iter(text) {
        let a: f64 = caps[1].parse().unwrap_or(0.0);
        let b: f64 = caps
            .get(2)
            .and_then(|m| m.as_str().parse().ok())
            .unwrap_or(a);
        let shortest = a.min(b);
        if (1.0..=24.0).contains(&shortest) {
            let times = (WAKING_HOURS / shortest).floor().max(1.0);
            frequencies.push((caps.get(0).expect("group 0").range(), times));
        }
    }
    for m in MEALS.find_iter(text) {
        frequencies.push((m.range(), 3.0));
    }
    // "daily" alone counts where no other frequency covers it.
    let extra: Vec<_> = DAILY
        .find_iter(text)
        .filter(|m| plain_daily(text, m.range()))
        .filter(|m| {
            !frequencies
                .iter()
                .any(|(r, _)| r.start <= m.start() && m.end() <= r.end)
        })
        .map(|m| (m.range(), 1.0))
        .collect();
    frequencies.extend(extra);
    frequencies.sort_by_key(|(r, _)| r.start);
    let mut caps_out = Vec::new();
    for caps in CAP_LEAD.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let Some(n) = count_value(&caps) else {
            continue;
        };
        let after = words_after(text, whole.end());
        if after.starts_with("times") || after.starts_with('x') || is_mass(&after) {
            continue;
        }
        let (unit, skip) = match unit_noun(&after) {
            Some((u, len)) => (Some(u), len),
            None => (None, 0),
        };
        let rest = &after[skip.min(after.len())..];
        let lead = rest.len() - rest.trim_start().len();
        // A cap on each dose, then how often: "up to 2 capsules twice daily" is 4 a day.
        if let Some(f) = FREQUENCY.captures(&rest[lead..])
            && f.get(0).is_some_and(|m| m.start() == 0)
            && let Some(t) = times_a_day(&f)
        {
            let end = whole.end() + skip + lead + f.get(0).expect("group 0").end();
            caps_out.push((whole.start()..end.min(text.len()), n * t, unit));
        } else if let Some(m) = PER_DAY.find(&rest[lead..]) {
            let end = whole.end() + skip + lead + m.end();
            caps_out.push((whole.start()..end.min(text.len()), n, unit));
        }
    }
    // The figure of a cap is not also a count: "do not exceed 2 tablets per day".
    counts.retain(|(r, _, _)| {
        let before = caps_out.partition_point(|(c, _, _)| c.start <= r.start);
        before
            .checked_sub(1)
            .is_none_or(|i| r.end > caps_out[i].0.end)
    });
    // Offsets in the block's text.
    let shift = |r: &mut Range<usize>| *r = r.start + base..r.end + base;
    counts.iter_mut().for_each(|c| shift(&mut c.0));
    frequencies.iter_mut().for_each(|c| shift(&mut c.0));
    caps_out.iter_mut().for_each(|c| shift(&mut c.0));
    Found {
        counts,
        frequencies,
        caps: caps_out,
    }
}

/// How many times a day a [`FREQUENCY`] match says: the higher end of a range ("2 to 3
/// times a day" is 3).
fn times_a_day(caps: &crate::lean_regex::Captures<'_>) -> Option<f64> {
    let word = |m: &str| match m.to_lowercase().as_str() {
        "once" => Some(1.0),
        "twice" => Some(2.0),
        "thrice" => Some(3.0),
        other => quantity::count(other),
    };
    let times = caps
        .get(2)
        .or_else(|| caps.get(3))
        .and_then(|m| word(m.as_str()))?;
    let low = caps.get(1).and_then(|m| word(m.as_str()));
    (times > 0.0).then(|| times.max(low.unwrap_or(0.0)))
}

/// Whether a block reads as a heading: a heading, or a short line with no sentence in it.
fn heading_like(block: &Block) -> bool {
    block.kind == BlockKind::Heading
        || (block.text.split_whitespace().nth(4).is_none()
            && !block.text.trim_end().ends_with(['.', '!', '?']))
}

/// Figures and number words directions are written with.
static FIGURES: Words = Words::new(&[
    "one ",
    "two ",
    "three",
    "once",
    "twice",
    "daily",
    "a day",
    "per day",
    "half",
    "a capsule",
    "a tablet",
    "an ",
]);

/// Words that state the most a day.
static CAPS: Words = Words::new(&[
    "exceed",
    "up to",
    "no more than",
    "maximum",
    "max ",
    "go over",
    "go above",
]);

/// The indexes of the items whose range lies inside `r`; the items are in order of their
/// starts, so this is a search, not a scan.
fn inside<T>(items: &[T], range: impl Fn(&T) -> &Range<usize>, r: &Range<usize>) -> Vec<usize> {
    let from = items.partition_point(|x| range(x).start < r.start);
    items[from..]
        .iter()
        .take_while(|x| range(x).start < r.end)
        .enumerate()
        .filter(|(_, x)| range(x).end <= r.end)
        .map(|(i, _)| from + i)
        .collect()
}

/// The clauses of a sentence: split at semicolons.
fn clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = sentence.start;
    for (i, c) in text[sentence.clone()].char_indices() {
        if c == ';' {
            out.push(from..sentence.start + i);
            from = sentence.start + i + 1;
        }
    }
    out.push(from..sentence.end);
    out
}

/// Whether a sentence of `text` may be a direction: a figure or a number word, and
/// something that directs (a verb, a most a day, a heading above it or a label's colon).
fn may_direct(text: &str, under_heading: bool) -> bool {
    let figure =
        text.bytes().any(|b| b.is_ascii_digit()) || FIGURES.any(text) || text.contains('½');
    figure && (under_heading || text.contains(':') || CAPS.any(text) || VERB.is_match(text))
}

/// Whether one of the counts has a unit and follows a colon: "When your doctor has found low
/// iron stores: 1 tablet twice daily" is a direction written as a label writes one (the
/// caller asks for a frequency too, so "Serving size: 1 capsule" is not). Not when the
/// words before the colon are about a study ("In the trial: 2 tablets twice daily were
/// given") or the pack ("Contents: 60 tablets").
fn after_colon(
    text: &str,
    sentence_start: usize,
    all: &[(Range<usize>, f64, Option<&'static str>)],
    counts: &[usize],
) -> bool {
    static STUDY: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?-u:\b)(?:trials?|stud(?:y|ies)|research|researchers|participants|subjects|patients|clinical|dosed|volunteers|serving|servings|size|contents|pack|bottle|container)(?-u:\b)",
        )
    });
    counts.iter().any(|&i| {
        let (r, _, unit) = &all[i];
        let before = text[sentence_start.min(r.start)..r.start].trim_end();
        // The words of the label before the colon: the last 120 bytes at most.
        let near = (before.len().saturating_sub(120)..before.len())
            .find(|&i| before.is_char_boundary(i))
            .map_or(before, |i| &before[i..]);
        unit.is_some() && before.ends_with(':') && !STUDY.is_match(near)
    })
}

/// Read the directions of a document.
pub(super) fn read(doc: &Document) -> Vec<Direction> {
    let mut out = Vec::new();
    let mut under_heading = false;
    for block in &doc.blocks {
        if block.kind == BlockKind::FrontMatter {
            continue;
        }
        let text = block.text.as_str();
        if heading_like(block) {
            under_heading = HEADING.is_match(text);
            if block.kind == BlockKind::Heading {
                continue;
            }
        }
        for sentence in &block.sentences {
            // Only a sentence that may direct is read: most are ruled out before any
            // pattern runs over them.
            if !may_direct(&text[sentence.clone()], under_heading)
                || REPORTED.is_match(&text[sentence.clone()])
            {
                continue;
            }
            let found = find(&text[sentence.clone()], sentence.start);
            if found.counts.is_empty() && found.frequencies.is_empty() && found.caps.is_empty() {
                continue;
            }
            for clause in clauses(text, sentence.clone()) {
                let counts = inside(&found.counts, |c| &c.0, &clause);
                let freqs = inside(&found.frequencies, |c| &c.0, &clause);
                let caps = inside(&found.caps, |c| &c.0, &clause);
                if counts.is_empty() && freqs.is_empty() && caps.is_empty() {
                    continue;
                }
                let clause_text = &text[clause.clone()];
                let head = &text[sentence.start..clause.end];
                let audience =
                    audience(block, clause.clone()).or_else(|| audience(block, sentence.clone()));
                // A count or a most a day with something that directs; a frequency alone
                // only with a verb or under a heading ("Use once daily.").
                let directed = under_heading || HEADING.is_match(head);
                let directs = if counts.is_empty() && caps.is_empty() {
                    VERB.is_match(clause_text) || directed
                } else {
                    VERB.is_match(clause_text)
                        || !caps.is_empty()
                        || directed
                        || audience.is_some() && head.contains(':')
                        || !freqs.is_empty()
                            && after_colon(text, sentence.start, &found.counts, &counts)
                };
                if !directs {
                    continue;
                }
                let count = counts
                    .iter()
                    .map(|&i| &found.counts[i])
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(r, n, u)| Count {
                        n: *n,
                        unit: *u,
                        span: block.span(r.clone()),
                    });
                let frequency = freqs
                    .iter()
                    .map(|&i| &found.frequencies[i])
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(r, n)| Frequency {
                        per_day: *n,
                        span: block.span(r.clone()),
                    });
                let cap = caps.first().map(|&i| {
                    let (r, n, u) = &found.caps[i];
                    Cap {
                        n: *n,
                        unit: *u,
                        span: block.span(r.clone()),
                    }
                });
                out.push(Direction {
                    count,
                    frequency,
                    cap,
                    audience,
                    sentence: Text {
                        text: clause_text.trim().to_string(),
                        span: block.span(trimmed(text, clause)),
                    },
                });
            }
        }
    }
    out
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    r.start + lead..r.start + lead + s.trim().len()
}

/// Whom a clause addresses: "Adults:", "Adults and children 12 years and older:", "Adult
/// men take", "for children 4 years and older".
fn audience(block: &Block, clause: Range<usize>) -> Option<Text> {
    // "Directions: Adults take ...": the audience after the heading's colon.
    let mut clause = clause;
    if let Some(m) = HEADING.find(&block.text[clause.clone()])
        && let Some(rest) = block.text[clause.start + m.end()..clause.end].strip_prefix(':')
    {
        clause.start = clause.end - rest.len();
    }
    let text = &block.text[clause.clone()];
    let m = AUDIENCE
        .captures(text)
        .or_else(|| AUDIENCE_FOR.captures(text))?
        .get(1)?;
    let r = clause.start + m.start()..clause.start + m.end();
    let r = trimmed(&block.text, r);
    Some(Text {
        text: block.text[r.clone()].to_string(),
        span: block.span(r),
    })
}
