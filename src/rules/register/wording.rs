//! Reading a health claim's wording: copy and authorised wordings are reduced to the same
//! normal form, and a claim matches an authorised one when, in that form, it says the same.
//!
//! The variations accepted are those national authorities' guidance on the flexibility of
//! wording treats as keeping the meaning (the UK's, for one: Department of Health, "General
//! guidance to stakeholders on Regulation (EC) No 1924/2006 on nutrition and health claims
//! made on foods", principles on the flexibility of wording); docs/markets.md lists them and
//! each has a test below:
//!
//! 1. **Verbs of the same strength**: "contributes to" may be written "helps", "helps to",
//!    "supports", "plays a role in", "plays a part in", "is needed for"; a claim authorised
//!    as "is needed for" or "has a role in" may use those too. "Boosts", "strengthens",
//!    "improves", "is essential for", "maintains" (as the main verb), "optimal" do not keep
//!    the meaning: they claim more.
//! 2. **Noun or verb**: "the maintenance of normal bones" and "maintain normal bones",
//!    "the reduction of tiredness" and "reduce tiredness", "the protection of cells" and
//!    "protect cells".
//! 3. **Word order of a function**: "the normal function of the immune system" and "normal
//!    immune system function"; "functioning" and "function".
//! 4. **Articles and possessives**: "the", "a", "an", "your", "our", "its", "their" are
//!    ignored; a parenthesis ("vitamin C (as ascorbic acid)") is skipped.
//! 5. **Spelling**: British and American spellings ("utilization", "sulfur", "hemoglobin",
//!    "fetus") are the same word; "/" reads as "and".
//! 6. **Several claims and several nutrients in one sentence**: "vitamin C and zinc
//!    contribute to the normal function of the immune system and to the reduction of
//!    tiredness and fatigue" is four claims, each checked; "which" or "that" may come
//!    between the nutrient and the verb.
//!
//! Not accepted: dropping or replacing "normal" (including "healthy" for "normal"), adding
//! words inside the authorised phrase, or a claim whose nutrient is named only after the
//! verb ("supports normal immunity with vitamin C" is not read as a claim: see the docs).

use std::ops::Range;

/// A word of copy in normal form, with the bytes it came from. A clause break
/// (`.;:!?` and dashes) is the word `|`; a comma is `,`.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The normal form.
    pub word: &'static str,
    /// Or, for a word with no fixed normal form, its lowercase text.
    pub owned: Option<String>,
    /// Bytes in the text.
    pub range: Range<usize>,
}

impl Token {
    /// The word.
    pub fn text(&self) -> &str {
        self.owned.as_deref().unwrap_or(self.word)
    }
}

/// Words dropped (articles and possessives).
const DROPPED: &[&str] = &["the", "a", "an", "your", "our", "its", "their"];

/// Spellings made one, and nouns and verbs made one: each word maps to its normal form (one
/// or two words).
const NORMAL: &[(&str, &[&str])] = &[
    ("utilization", &["utilisation"]),
    ("mineralization", &["mineralisation"]),
    ("specialization", &["specialisation"]),
    ("sulfur", &["sulphur"]),
    ("hemoglobin", &["haemoglobin"]),
    ("fetus", &["foetus"]),
    ("fetal", &["foetal"]),
    ("functioning", &["function"]),
    ("functions", &["function"]),
    ("maintain", &["maintenance", "of"]),
    ("maintains", &["maintenance", "of"]),
    ("maintaining", &["maintenance", "of"]),
    ("reduce", &["reduction", "of"]),
    ("reduces", &["reduction", "of"]),
    ("reducing", &["reduction", "of"]),
    ("protect", &["protection", "of"]),
    ("protects", &["protection", "of"]),
    ("protecting", &["protection", "of"]),
    ("regulate", &["regulation", "of"]),
    ("regulates", &["regulation", "of"]),
    ("regulating", &["regulation", "of"]),
];

/// Verbs that make a claim and keep the meaning of the Register's verbs (variation 1), in
/// normal form, longest first when matched.
pub const ACCEPTED_VERBS: &[&[&str]] = &[
    &["contributes", "to"],
    &["contribute", "to"],
    &["contributing", "to"],
    &["helps", "to"],
    &["help", "to"],
    &["helping", "to"],
    &["helps"],
    &["help"],
    &["helping"],
    &["supports"],
    &["support"],
    &["supporting"],
    &["plays", "role", "in"],
    &["play", "role", "in"],
    &["plays", "part", "in"],
    &["play", "part", "in"],
    &["is", "needed", "for"],
    &["are", "needed", "for"],
    &["needed", "for"],
    &["has", "role", "in"],
    &["have", "role", "in"],
    &["increases"],
    &["increase"],
];

/// The verbs of authorised wordings, after which the predicate starts.
const REGISTER_VERBS: &[&[&str]] = &[
    &["contributes", "to"],
    &["contribute", "to"],
    &["is", "needed", "for"],
    &["are", "needed", "for"],
    &["has", "role", "in"],
    &["helps", "to"],
    &["help", "to"],
    &["increases"],
];

/// Words that make a claim about a nutrient but claim more than the Register allows: a
/// sentence with one is a health claim, and never an authorised one.
pub const STRONGER_VERBS: &[&str] = &[
    "boosts",
    "boost",
    "boosting",
    "strengthens",
    "strengthen",
    "improves",
    "improve",
    "enhances",
    "enhance",
    "promotes",
    "promote",
    "essential",
    "vital",
    "crucial",
    "important",
    "key",
    "fuels",
    "fuel",
    "powers",
    "builds",
    "optimises",
    "optimizes",
    "optimal",
    "maintenance",
    "protection",
    "reduction",
    "aids",
    "nourishes",
    "regulation",
    "balances",
    "restores",
    "energises",
    "energizes",
    "good",
    "great",
    "benefits",
    "keeps",
];

/// Words after "for" that make "[nutrient] for ..." a claim ("biotin for healthy hair").
pub const FOR_CLAIMS: &[&str] = &[
    "healthy",
    "strong",
    "stronger",
    "normal",
    "better",
    "good",
    "glowing",
    "radiant",
    "shiny",
    "immune",
    "immunity",
    "energy",
    "bones",
    "bone",
    "skin",
    "hair",
    "nails",
    "teeth",
    "heart",
    "brain",
    "mood",
    "sleep",
    "focus",
    "memory",
    "vision",
    "eyes",
    "muscles",
    "joints",
    "stress",
    "fatigue",
    "tiredness",
    "defences",
    "defenses",
    "wellbeing",
    "vitality",
];

/// Whether the words at `at` make a claim that is never an authorised one: a stronger verb,
/// or "for" and a benefit.
pub fn stronger_at(words: &[&str], at: usize) -> bool {
    STRONGER_VERBS.contains(&words[at])
        || (words[at] == "for" && words.get(at + 1).is_some_and(|w| FOR_CLAIMS.contains(w)))
}

/// Words that join the parts of a sentence of several claims.
const CONNECTORS: &[&str] = &[",", "and", "to", "also", "as", "well"];

/// Copy's words in normal form. `skip` ranges (nutrient names) are kept as one word each,
/// `"\u{1}"` followed by their index, so a name of two words stays one.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next().expect("in bounds");
        let len = c.len_utf8();
        if c == '(' || c == '[' {
            depth += 1;
            i += len;
            continue;
        }
        if c == ')' || c == ']' {
            depth = depth.saturating_sub(1);
            i += len;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut end = i;
            while end < text.len() {
                let ch = text[end..].chars().next().expect("in bounds");
                let apostrophe = (ch == '\'' || ch == '’')
                    && text[end + ch.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if ch.is_alphanumeric() || apostrophe {
                    end += ch.len_utf8();
                } else {
                    break;
                }
            }
            i = end;
            if depth > 0 {
                continue;
            }
            let word = text[start..end].to_lowercase();
            if DROPPED.contains(&word.as_str()) {
                continue;
            }
            if let Some((_, forms)) = NORMAL.iter().find(|(w, _)| *w == word) {
                for f in *forms {
                    out.push(Token {
                        word: f,
                        owned: None,
                        range: start..end,
                    });
                }
            } else {
                out.push(Token {
                    word: "",
                    owned: Some(word),
                    range: start..end,
                });
            }
            continue;
        }
        i += len;
        if depth > 0 {
            continue;
        }
        let word = match c {
            ',' => ",",
            '/' => "and",
            '&' => "and",
            '.' | ';' | ':' | '!' | '?' | '—' | '–' | '•' => "|",
            '-' if bytes.get(i).is_some_and(|b| *b == b' ') && i >= 2 && bytes[i - 2] == b' ' => {
                "|"
            }
            _ => continue,
        };
        out.push(Token {
            word,
            owned: None,
            range: i - len..i,
        });
    }
    out
}

/// The words of an authorised claim after its verb, to the end of its first sentence, with
/// the variants that keep its meaning (variation 3).
#[derive(Debug, Clone, PartialEq)]
pub struct Predicate {
    /// Each variant's words; the first is the Register's order.
    pub variants: Vec<Vec<String>>,
}

impl Predicate {
    /// The words of the Register's order.
    pub fn words(&self) -> &[String] {
        &self.variants[0]
    }
}

/// The predicate of an authorised wording, or `None` when it has no verb the matcher knows.
pub fn predicate(wording: &str) -> Option<Predicate> {
    let toks = tokens(wording);
    let words: Vec<&str> = toks.iter().map(Token::text).collect();
    let (at, len) = (0..words.len()).find_map(|i| {
        REGISTER_VERBS
            .iter()
            .find(|v| words[i..].starts_with(v))
            .map(|v| (i, v.len()))
    })?;
    let rest: Vec<String> = words[at + len..]
        .iter()
        .take_while(|w| **w != "|")
        .map(|w| (*w).to_string())
        .collect();
    if rest.is_empty() {
        return None;
    }
    let mut variants = vec![rest.clone()];
    // "normal function of X" -> "normal X function".
    if let Some(i) = rest
        .windows(3)
        .position(|w| w[0] == "normal" && w[1] == "function" && w[2] == "of")
    {
        let from = i + 3;
        let to = rest[from..]
            .iter()
            .position(|w| matches!(w.as_str(), "during" | "for" | "in" | "and"))
            .map_or(rest.len(), |p| from + p);
        if to > from {
            let mut v: Vec<String> = rest[..=i].to_vec();
            v.extend(rest[from..to].iter().cloned());
            v.push("function".into());
            v.extend(rest[to..].iter().cloned());
            variants.push(v);
        }
    }
    Some(Predicate { variants })
}

/// The longest accepted verb at `at`, as its number of words.
pub fn accepted_verb_at(words: &[&str], at: usize) -> Option<usize> {
    ACCEPTED_VERBS
        .iter()
        .filter(|v| words[at..].starts_with(v))
        .map(|v| v.len())
        .max()
}

/// How many words of `words` from `at` one of `candidates` covers (the longest), and which.
pub fn predicate_at<'p>(
    words: &[&str],
    at: usize,
    candidates: impl Iterator<Item = (usize, &'p Predicate)>,
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (id, p) in candidates {
        for v in &p.variants {
            let fits =
                v.len() <= words.len() - at && v.iter().zip(&words[at..]).all(|(a, b)| a == b);
            if fits && best.is_none_or(|(_, l)| v.len() > l) {
                best = Some((id, v.len()));
            }
        }
    }
    best
}

/// Where the connectors from `at` end.
pub fn skip_connectors(words: &[&str], mut at: usize) -> usize {
    while at < words.len() && CONNECTORS.contains(&words[at]) {
        at += 1;
    }
    at
}

/// Content words shared by `words` and a predicate: how near a claim is to an authorised one.
pub fn overlap(words: &[&str], p: &Predicate) -> usize {
    const FILLER: &[&str] = &[
        "normal",
        "of",
        "to",
        "and",
        "in",
        "for",
        "|",
        ",",
        "function",
        "maintenance",
        "contribution",
    ];
    // Words are compared by their first five letters: "immunity" is near "immune".
    let stem = |w: &str| w.chars().take(5).collect::<String>();
    let copy: Vec<String> = words.iter().map(|w| stem(w)).collect();
    p.words()
        .iter()
        .filter(|w| !FILLER.contains(&w.as_str()))
        .filter(|w| copy.contains(&stem(w)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text).iter().map(|t| t.text().to_string()).collect()
    }

    fn matches(claim: &str, copy_after_verb: &str) -> bool {
        let p = predicate(claim).expect("a verb");
        let w = words(copy_after_verb);
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        predicate_at(&w, 0, std::iter::once((0, &p))).is_some_and(|(_, l)| l == w.len())
    }

    #[test]
    fn variation_2_noun_or_verb() {
        let c = "Calcium is needed for the maintenance of normal bones";
        assert!(matches(c, "maintain normal bones"));
        assert!(matches(c, "maintaining normal bones"));
        assert!(matches(
            "Vitamin B6 contributes to the regulation of hormonal activity",
            "regulate hormonal activity"
        ));
        assert!(matches(
            "Iron contributes to the reduction of tiredness and fatigue",
            "reduce tiredness and fatigue"
        ));
        assert!(matches(
            "Zinc contributes to the protection of cells from oxidative stress",
            "protect cells from oxidative stress"
        ));
    }

    #[test]
    fn variation_3_word_order_of_a_function() {
        let c = "Vitamin C contributes to the normal function of the immune system";
        assert!(matches(c, "normal immune system function"));
        assert!(matches(c, "the normal functioning of the immune system"));
        assert!(matches(
            "Biotin contributes to normal functioning of the nervous system",
            "normal nervous system function"
        ));
    }

    #[test]
    fn variation_4_articles_possessives_and_parentheses() {
        let c = "Vitamin C contributes to the normal function of the immune system";
        assert!(matches(c, "the normal function of your immune system"));
        assert_eq!(
            words("Vitamin C (as ascorbic acid) helps"),
            ["vitamin", "c", "helps"]
        );
    }

    #[test]
    fn variation_5_spelling() {
        assert!(matches(
            "Vitamin D contributes to normal absorption/utilisation of calcium and phosphorus",
            "normal absorption and utilization of calcium and phosphorus"
        ));
        assert!(matches(
            "Molybdenum contributes to normal sulphur amino acid metabolism",
            "normal sulfur amino acid metabolism"
        ));
    }

    #[test]
    fn meaning_changes_are_not_accepted() {
        let c = "Vitamin C contributes to the normal function of the immune system";
        assert!(
            !matches(c, "the function of the immune system"),
            "dropping normal"
        );
        assert!(
            !matches(c, "the healthy function of the immune system"),
            "healthy for normal"
        );
        assert!(
            !matches(c, "the optimal normal function of the immune system"),
            "adding words"
        );
        assert!(!matches(c, "immunity"));
    }

    #[test]
    fn register_verbs_give_the_predicate() {
        let p = predicate("Vitamin D helps to reduce the risk of falling associated with postural instability and muscle weakness. Falling is a risk factor").unwrap();
        assert_eq!(p.words()[..4], ["reduction", "of", "risk", "of"]);
        assert!(
            !p.words().iter().any(|w| w == "factor"),
            "stops at the first sentence"
        );
        assert!(predicate("Vitamin C is great").is_none());
    }

    #[test]
    fn variation_1_verbs_of_the_same_strength() {
        for verb in [
            "contributes to",
            "helps",
            "helps to",
            "supports",
            "plays a role in",
            "plays a part in",
            "is needed for",
        ] {
            let w = words(&format!("{verb} normal bones"));
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            assert_eq!(accepted_verb_at(&w, 0), Some(w.len() - 2), "{verb}");
        }
        for verb in ["boosts", "strengthens", "is essential for", "improves"] {
            let w = words(&format!("{verb} normal bones"));
            let w: Vec<&str> = w.iter().map(String::as_str).collect();
            assert_eq!(accepted_verb_at(&w, 0), None, "{verb}");
        }
    }
}
