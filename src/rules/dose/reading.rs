//! Reading the dose statements of one sentence: each amount with the nutrient it belongs to,
//! whether it is per day, per capsule or per serving, how many units and how many times a
//! day the sentence directs, and which compound weight an elemental figure explains
//! ("750 mg magnesium bisglycinate providing 105 mg magnesium").

use super::amount::{self, Amount, Frequency};
use super::table::{NameRef, Unit};
use crate::rules::{Context, LexId};
use std::borrow::Cow;
use std::ops::Range;

/// The lexicons a dose rule reads sentences with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lexicons {
    /// Nutrient, compound and form names from the table.
    pub names: LexId,
    /// "per day", "daily".
    pub daily: LexId,
    /// "should not exceed", "up to".
    pub ceilings: LexId,
    /// "can cause", "toxic".
    pub harms: LexId,
    /// "safe", "well tolerated".
    pub safe: LexId,
    /// "dosage", "intake": a sentence about dosing that names no nutrient.
    pub dosing: LexId,
    /// "capsule", "serving": what a count counts.
    pub units: Option<LexId>,
    /// "providing", "yielding": words joining a compound weight to its elemental amount.
    pub links: Option<LexId>,
    /// "participants", "in a trial": amounts reported from research, not directed.
    pub reported: Option<LexId>,
}

/// A marker that makes amounts per unit: "each capsule", "per serving", "/tablet",
/// "two capsules provide", or a bare "each".
#[derive(Debug, Clone, PartialEq)]
pub struct PerUnit {
    /// Where, in the block text.
    pub range: Range<usize>,
    /// The unit (an entry of the units lexicon); `None` for a bare "each".
    pub unit: Option<usize>,
    /// How many units the amount is for ("two capsules provide 400 mg": 2).
    pub per: f64,
}

/// A count of units taken: "2 capsules", "1-2 tablets", "one serving".
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// Where, in the block text (the number and the noun).
    pub range: Range<usize>,
    /// The top of the count.
    pub n: f64,
    /// The unit (an entry of the units lexicon).
    pub unit: usize,
}

/// One amount in a sentence, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Dose {
    /// The amount's bytes in the block text.
    pub range: Range<usize>,
    /// The amount.
    pub amount: Amount,
    /// The name it belongs to and where that name is.
    pub name: Option<(Range<usize>, NameRef)>,
    /// A daily word right after it ("400 mg of magnesium a day").
    pub daily_marked: bool,
    /// The per-unit marker that applies to it.
    pub per_unit: Option<PerUnit>,
    /// A basis after the unit, lowercase ("dfe" in "680 mcg DFE").
    pub basis: Option<String>,
    /// For a compound weight: the index of the elemental amount that states what it provides;
    /// for an elemental amount: the index of the compound weight it comes from.
    pub paired: Option<usize>,
}

/// A sentence, read.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The block.
    pub block: usize,
    /// The sentence's bytes in the block text.
    pub range: Range<usize>,
    /// Every amount, in order.
    pub doses: Vec<Dose>,
    /// Counts of units taken.
    pub counts: Vec<Count>,
    /// Frequencies ("twice daily").
    pub frequencies: Vec<Frequency>,
    /// A daily word that is not part of a frequency.
    pub daily: bool,
    /// The first ceiling word, if any.
    pub ceiling: Option<Range<usize>>,
    /// A harm word, or a safe word negated: the sentence warns about too much.
    pub harms: bool,
    /// A word that calls an amount safe.
    pub safe: bool,
    /// A word that reports research rather than directing.
    pub reported: bool,
    /// A word about dosing.
    pub dosing: bool,
    /// Where each amount and count ends, in order: what [`Sentence::lead_in`] searches.
    target_ends: Vec<usize>,
    /// For each unit counted, the largest count of it; and the largest count of any unit.
    largest_counts: (std::collections::HashMap<usize, usize>, Option<usize>),
}

impl Sentence {
    /// Whether the sentence directs, recommends or allows a daily amount.
    pub fn directs(&self) -> bool {
        self.daily || !self.frequencies.is_empty() || self.ceiling.is_some()
    }

    /// Where the words that qualify the amount or count at `at` begin: after the amount or
    /// count before it ("Adults take 2 capsules daily; children 4-8 take 1 capsule daily").
    pub fn lead_in(&self, at: usize) -> usize {
        let before = self.target_ends.partition_point(|&e| e <= at);
        before
            .checked_sub(1)
            .map_or(self.range.start, |i| self.target_ends[i])
    }

    /// The frequency that applies to the amount or count ending at `end`: the first one after
    /// it and before the next count (amounts listed together share one: "calcium 600 mg with
    /// vitamin D 800 IU, twice daily"); when there is none, the sentence's own frequency if
    /// it directs only one amount or count ("Twice daily, take 200 mg").
    pub fn frequency_after(&self, end: usize) -> Option<&Frequency> {
        // Counts and frequencies are in order: a search, not a scan, for each amount of a
        // sentence that lists thousands.
        let next = self
            .counts
            .get(self.counts.partition_point(|c| c.range.start < end))
            .map_or(self.range.end, |c| c.range.start);
        let after = self
            .frequencies
            .get(self.frequencies.partition_point(|f| f.range.start < end))
            .filter(|f| f.range.start < next);
        if after.is_some() || self.target_ends.len() > 1 {
            return after;
        }
        self.frequencies
            .iter()
            .max_by(|a, b| a.times.total_cmp(&b.times))
    }

    /// The largest count of `unit` (any unit when `None`).
    pub fn count_of(&self, unit: Option<usize>) -> Option<&Count> {
        let (by_unit, any) = &self.largest_counts;
        let i = match unit {
            Some(u) => by_unit.get(&u).copied(),
            None => *any,
        };
        i.map(|i| &self.counts[i])
    }
}

/// Verbs after a counted unit that make it the amount's basis: "two capsules provide".
const PROVIDE: &[&str] = &[
    "provide",
    "provides",
    "providing",
    "contain",
    "contains",
    "containing",
    "supply",
    "supplies",
    "supplying",
    "deliver",
    "delivers",
    "delivering",
    "give",
    "gives",
    "giving",
    "has",
    "have",
    "yield",
    "yields",
    "hold",
    "holds",
    "offer",
    "offers",
];

/// Whether one of the three words before `at` (not before `from`) negates what follows:
/// "not safe", "is not considered safe", "never safe".
fn negated(text: &str, from: usize, at: usize) -> bool {
    let before = &text[from..at];
    before
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| {
            let w = w.to_lowercase().replace('’', "'");
            matches!(
                w.as_str(),
                "not" | "never" | "no" | "isn't" | "aren't" | "wasn't" | "nor"
            ) || w.ends_with("n't")
        })
}

/// Words that may stand between an amount and the name it belongs to: "500 mg of
/// magnesium", "105 mg elemental magnesium", "5,000 IU (as beta-carotene)". Any other word
/// ("600 mg with vitamin D") means the name belongs elsewhere.
const NAME_JOINERS: &[&str] = &[
    "of",
    "elemental",
    "as",
    "from",
    "pure",
    "total",
    "supplemental",
    "natural",
    "synthetic",
    "chelated",
    "buffered",
    "the",
];

fn joins_name(gap: &str) -> bool {
    let words: Vec<String> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 3
        && words.iter().all(|w| NAME_JOINERS.contains(&w.as_str()))
        && !gap.contains([',', ';', ':', '.'])
}

/// `s` lowercase, copied only when it has something to lowercase (most words do not).
/// Whether the word right after an amount is an acronym that names a substance ("DHA",
/// "EPA", "CBD", "MSM"), not a unit or a label term ("IU", "DFE", "DV").
fn names_another(after: &str) -> bool {
    let word: &str = after
        .trim_start()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
    letters >= 2
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !matches!(
            word,
            "IU" | "DFE"
                | "RAE"
                | "NE"
                | "DV"
                | "RDA"
                | "RDI"
                | "AI"
                | "UL"
                | "NRV"
                | "RI"
                | "MG"
                | "MCG"
                | "TE"
                | "AT"
                | "OR"
                | "AND"
                | "OF"
                | "PER"
                | "EACH"
                | "DAILY"
                | "A"
        )
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The word before `at` in `text`, lowercase.
fn word_before(text: &str, at: usize) -> (usize, Cow<'_, str>) {
    let t = text[..at].trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start, lower(&t[start..]))
}

/// The word after `at` in `text`, lowercase.
fn word_after(text: &str, at: usize) -> (usize, Cow<'_, str>) {
    let rest = &text[at..];
    let lead = rest.len() - rest.trim_start().len();
    let from = at + lead;
    let end = text[from..]
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
        .map_or(text.len(), |(i, _)| from + i);
    (end, lower(&text[from..end]))
}

/// Whether one of `items` (in order of their ranges' starts) lies wholly inside `from..to`.
fn lies_between<T>(
    items: &[T],
    range: impl Fn(&T) -> &Range<usize>,
    from: usize,
    to: usize,
) -> bool {
    let first = items.partition_point(|x| range(x).start < from);
    items[first..]
        .iter()
        .map(range)
        .take_while(|x| x.start < to)
        .any(|x| x.end <= to)
}

/// Read one sentence of block `bi`.
pub fn read(
    ctx: &Context<'_>,
    lex: &Lexicons,
    refs: &[NameRef],
    bi: usize,
    range: Range<usize>,
    found: &[(Range<usize>, Amount)],
) -> Sentence {
    let text = &ctx.doc.blocks[bi].text;
    let has = |id: LexId| !ctx.matches_in(id, bi, &range).is_empty();
    let opt_has = |id: Option<LexId>| id.is_some_and(has);
    let mut frequencies: Vec<Frequency> = amount::frequencies(&text[range.clone()])
        .into_iter()
        .map(|f| Frequency {
            range: f.range.start + range.start..f.range.end + range.start,
            times: f.times,
        })
        .collect();
    frequencies.sort_by_key(|f| f.range.start);
    let in_frequency = |r: &Range<usize>| {
        frequencies
            .iter()
            .any(|f| f.range.start <= r.start && r.end <= f.range.end)
    };
    // "Daily Value" is a label term, not a frequency.
    let daily_words: Vec<Range<usize>> = ctx
        .matches_in(lex.daily, bi, &range)
        .iter()
        .map(|m| m.range.clone())
        .filter(|r| !in_frequency(r) && !word_after(text, r.end).1.starts_with("value"))
        .collect();
    let first = found.partition_point(|(r, _)| r.start < range.start);
    let in_sentence: Vec<&(Range<usize>, Amount)> = found[first..]
        .iter()
        .take_while(|(r, _)| r.start < range.end)
        .filter(|(r, _)| r.end <= range.end)
        .collect();
    let names = ctx.matches_in(lex.names, bi, &range);

    // Units: per-unit markers and counts.
    let mut markers: Vec<PerUnit> = Vec::new();
    let mut counts: Vec<Count> = Vec::new();
    if let Some(units) = lex.units {
        for m in ctx.matches_in(units, bi, &range) {
            let (wstart, before) = word_before(text, m.range.start);
            let slash = text[..m.range.start].trim_end().ends_with('/');
            if slash || matches!(before.as_ref(), "each" | "per" | "every") {
                let start = if slash { m.range.start - 1 } else { wstart };
                markers.push(PerUnit {
                    range: start..m.range.end,
                    unit: Some(m.term),
                    per: 1.0,
                });
                continue;
            }
            let Some((cstart, n)) = amount::count_before(
                &text[range.start..m.range.start],
                m.range.start - range.start,
            )
            .map(|(s, n)| (s + range.start, n)) else {
                continue;
            };
            // "Two capsules provide 400 mg", "1 capsule = 133 mg": the amount's basis.
            let (_, after) = word_after(text, m.range.end);
            let equals = text[m.range.end..].trim_start().starts_with(['=', ':']);
            if PROVIDE.contains(&after.as_ref()) || equals {
                markers.push(PerUnit {
                    range: cstart..m.range.end,
                    unit: Some(m.term),
                    per: n.max(1.0),
                });
            } else if n > 0.0 && n <= 12.0 {
                counts.push(Count {
                    range: cstart..m.range.end,
                    n,
                    unit: m.term,
                });
            }
        }
    }
    // A bare "each" that is followed by a providing verb ("each providing 200 mg").
    let bytes = text.as_bytes();
    for at in range.start..range.end.saturating_sub(3) {
        if !bytes[at..at + 4].eq_ignore_ascii_case(b"each") {
            continue;
        }
        let boundary_before = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let (_, next) = word_after(text, at + 4);
        if boundary_before && PROVIDE.contains(&next.as_ref()) {
            markers.push(PerUnit {
                range: at..at + 4,
                unit: None,
                per: 1.0,
            });
        }
    }

    // Everything below is searched by position for each amount: kept in order.
    markers.sort_by_key(|m| m.range.start);
    let mut doses: Vec<Dose> = Vec::new();
    for (i, (r, amount)) in in_sentence.iter().enumerate() {
        let next_start = in_sentence.get(i + 1).map_or(range.end, |(n, _)| n.start);
        // The name right after the amount, else the nearest one before it (skipping a form
        // named in "(as ...)" after the nutrient it qualifies).
        let after = names[names.partition_point(|m| m.range.start < r.end)..]
            .iter()
            .take_while(|m| m.range.start < next_start)
            .find(|m| joins_name(&text[r.end..m.range.start]));
        let before = {
            let mut candidates = names[..names.partition_point(|m| m.range.start < r.start)]
                .iter()
                .rev()
                .filter(|m| m.range.end <= r.start);
            let mut pick = candidates.next();
            if let Some(m) = pick {
                let (_, w) = word_before(text, m.range.start);
                if w == "as"
                    && let Some(prev) = candidates.next()
                {
                    pick = Some(prev);
                }
            }
            pick
        };
        // "iron and iodine, plus a separate 200 mg DHA softgel": an amount followed by a
        // substance the table does not know is that substance's, not the name before it.
        let other = after.is_none() && names_another(&text[r.end..]);
        let mut name = after
            .or(before.filter(|_| !other))
            .map(|m| (m.range.clone(), refs[m.term]));
        // "105 mg elemental" is the nutrient itself, whatever name is nearest.
        let (after_end, next_word) = word_after(text, r.end);
        let elemental = next_word == "elemental"
            || (next_word == "of" && word_after(text, after_end).1 == "elemental")
            || word_before(text, r.start).1 == "elemental";
        if elemental && let Some((nr, NameRef::Compound(n, _))) = &name {
            name = Some((nr.clone(), NameRef::Nutrient(*n)));
        }
        let basis =
            matches!(next_word.as_ref(), "dfe" | "rae" | "ne").then(|| next_word.to_string());
        // A daily word after the amount, before the next amount, within a few words.
        let daily_marked = daily_words[daily_words.partition_point(|d| d.start < r.end)..]
            .iter()
            .take_while(|d| d.start < next_start)
            .any(|d| ctx.words_between(bi, r.end, d.start) <= 4);
        let per_unit = if daily_marked {
            None
        } else {
            // The nearest marker after the amount, unless a count, a frequency or a daily
            // word comes between them (then every later marker has it between too).
            // A marker that leads a statement of its own ("Each drop provides 150 mcg")
            // is the amount after it's, not the one before.
            let after_marker = markers
                .get(markers.partition_point(|m| m.range.start < r.end))
                .filter(|m| {
                    let (from, to) = (r.end, m.range.start);
                    !PROVIDE.contains(&word_after(text, m.range.end).1.as_ref())
                        && !lies_between(&counts, |c| &c.range, from, to)
                        && !lies_between(&frequencies, |f| &f.range, from, to)
                        && !lies_between(&daily_words, |d| d, from, to)
                });
            let each_after = next_word == "each"
                || (after.is_some_and(|m| word_after(text, m.range.end).1 == "each"));
            let before_marker = markers[..markers.partition_point(|m| m.range.start < r.start)]
                .iter()
                .rev()
                .find(|m| m.range.end <= r.start);
            after_marker.or(before_marker).cloned().or_else(|| {
                each_after.then_some(PerUnit {
                    range: r.end..r.end,
                    unit: None,
                    per: 1.0,
                })
            })
        };
        doses.push(Dose {
            range: r.clone(),
            amount: *amount,
            name,
            daily_marked,
            per_unit,
            basis,
            paired: None,
        });
    }

    // "Iodine 3 mg (3000 mcg) (from potassium iodide 3.92 mg)": an amount in brackets
    // right after an equal one restates it, and is of the same substance, whatever name
    // comes after it.
    for i in 1..doses.len() {
        let (a, b) = (&doses[i - 1], &doses[i]);
        let mass = |d: &Dose| amount::convert(d.amount.high, d.amount.unit, Unit::Mcg, None);
        let restates = text[a.range.end..b.range.start].trim() == "("
            && a.name.is_some()
            && mass(a)
                .zip(mass(b))
                .is_some_and(|(x, y)| (x - y).abs() <= x * 0.01);
        if restates {
            doses[i].name = doses[i - 1].name.clone();
        }
    }

    // Pair a compound weight with the elemental amount next to it.
    for i in 0..doses.len().saturating_sub(1) {
        let (a, b) = (&doses[i], &doses[i + 1]);
        let (Some((_, ra)), Some((_, rb))) = (&a.name, &b.name) else {
            continue;
        };
        let same = ra.nutrient() == rb.nutrient();
        let kinds = match (ra, rb) {
            (NameRef::Compound(..), NameRef::Nutrient(_)) => Some((i, i + 1)),
            (NameRef::Nutrient(_), NameRef::Compound(..)) => Some((i + 1, i)),
            _ => None,
        };
        let Some((compound, elemental)) = kinds.filter(|_| same) else {
            continue;
        };
        let gap = &text[a.range.end..b.range.start];
        let linked = gap.contains('(')
            || gap.contains('=')
            || lex.links.is_some_and(|l| {
                !ctx.matches_in(l, bi, &(a.range.end..b.range.start))
                    .is_empty()
            });
        if linked && ctx.words_between(bi, a.range.end, b.range.start) <= 8 {
            doses[compound].paired = Some(elemental);
            doses[elemental].paired = Some(compound);
        }
    }
    let safe_words: Vec<bool> = ctx
        .matches_in(lex.safe, bi, &range)
        .iter()
        .map(|m| negated(text, range.start, m.range.start))
        .collect();
    let mut target_ends: Vec<usize> = doses
        .iter()
        .map(|d| d.range.end)
        .chain(counts.iter().map(|c| c.range.end))
        .collect();
    target_ends.sort_unstable();
    let mut largest_counts = (std::collections::HashMap::new(), None);
    for (i, c) in counts.iter().enumerate() {
        // The last of equal counts, as `max_by` keeps.
        let larger = |j: &usize| counts[*j].n <= c.n;
        let by_unit = largest_counts.0.entry(c.unit).or_insert(i);
        if larger(by_unit) {
            *by_unit = i;
        }
        if largest_counts.1.as_ref().is_none_or(larger) {
            largest_counts.1 = Some(i);
        }
    }
    Sentence {
        block: bi,
        range: range.clone(),
        doses,
        counts,
        frequencies,
        daily: !daily_words.is_empty(),
        ceiling: ctx
            .matches_in(lex.ceilings, bi, &range)
            .first()
            .map(|m| m.range.clone()),
        // "is not safe" warns as "can cause" does.
        harms: has(lex.harms) || safe_words.iter().any(|&n| n),
        safe: safe_words.iter().any(|&n| !n),
        reported: opt_has(lex.reported),
        dosing: has(lex.dosing),
        target_ends,
        largest_counts,
    }
}
