//! Sentence boundaries inside a block of prose.
//!
//! A rule-based splitter: a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
//! brackets) followed by white space and a character that can start a sentence, unless the
//! word before the period is a known abbreviation (Dr., St., No., approx., e.g., i.e., vs.)
//! or a single-letter initial. Blocks (headings, list items, table cells) always end
//! sentences, so the splitter never sees a boundary across them.

use std::ops::Range;

/// Abbreviations, lowercase and without their final period, that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "approx", "ca", "cf", "co", "corp", "dept", "dr", "e.g", "eg", "esp", "est", "etc", "fig",
    "i.e", "ie", "inc", "incl", "jr", "ltd", "max", "min", "mr", "mrs", "ms", "mt", "no", "nos",
    "prof", "sr", "st", "vol", "vs", "viz", "wt", "al",
];

fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '"' | '\'' | '”' | '’' | '»' | '*' | '_')
}

fn can_start_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '•' | '*' | '-' | '¿' | '¡'
        )
}

/// The word (letters and inner periods) that ends right before `end` in `text`.
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..end]
}

/// Words after which a sentence cannot end: articles, prepositions, conjunctions.
const CONTINUING: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "from",
    "in",
    "including",
    "into",
    "like",
    "nor",
    "of",
    "on",
    "or",
    "such",
    "than",
    "that",
    "the",
    "to",
    "with",
    "your",
    "our",
    "their",
];

fn continues_sentence(word: &str) -> bool {
    CONTINUING.contains(&word.to_ascii_lowercase().as_str())
}

fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // A single letter ("J. Smith") is an initial.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Split `text` into sentence ranges, trimmed of surrounding white space.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Runs like "?!" or "..." end together.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '.' | '!' | '?' | '…') || is_closer(d) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let Some(after_space) = rest.find(|ch: char| !ch.is_whitespace()) else {
            continue; // the end of the block ends the sentence anyway
        };
        if after_space == 0 {
            continue; // "1.5", "e.g.," or "U.S.A" continue the sentence
        }
        let next = rest[after_space..].chars().next().unwrap_or(' ');
        if !can_start_sentence(next) {
            continue;
        }
        if c == '.' && is_abbreviation(word_before(text, i)) {
            continue;
        }
        // An ellipsis after a word that cannot end a sentence ("as well as … Ritalin") marks
        // words left out of a quote, not the end of the sentence.
        let ellipsis = c == '…' || text[i..end].starts_with("...");
        if ellipsis
            && continues_sentence(word_before(
                text[..i].trim_end(),
                text[..i].trim_end().len(),
            ))
        {
            continue;
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            texts("Take one daily. Store cool!  Is it safe? Yes."),
            ["Take one daily.", "Store cool!", "Is it safe?", "Yes."]
        );
    }

    #[test]
    fn an_ellipsis_after_a_function_word_does_not_end_the_sentence() {
        assert_eq!(
            texts("It works as well as … Ritalin. Helps with ... Migraines."),
            [
                "It works as well as … Ritalin.",
                "Helps with ... Migraines."
            ]
        );
        assert_eq!(texts("Wait for it… Relief."), ["Wait for it…", "Relief."]);
    }

    #[test]
    fn keeps_abbreviations_decimals_and_initials() {
        assert_eq!(
            texts(
                "Ask Dr. Lee about approx. 1.5 mg, e.g. Zinc. Made by J. Smith Co. Ltd. in St. Paul."
            ),
            [
                "Ask Dr. Lee about approx. 1.5 mg, e.g. Zinc.",
                "Made by J. Smith Co. Ltd. in St. Paul."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            texts("She said \"it works.\" Then she left. (See below.) Next"),
            [
                "She said \"it works.\"",
                "Then she left.",
                "(See below.)",
                "Next"
            ]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            texts("Use 2 caps. daily with food."),
            ["Use 2 caps. daily with food."]
        );
    }

    #[test]
    fn blank_text_has_no_sentences() {
        assert!(split("   ").is_empty());
    }
}
