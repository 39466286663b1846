//! Common misspellings of the long words of disease names, which lexicons marked
//! `misspell: true` match too. build.rs includes this file as well.

/// Common misspellings of `word` (lowercase ASCII): a doubled letter written once
/// ("diarhea"), a letter between vowels doubled ("syphillis"), a vowel left out of a long word
/// ("cholestrol"), "-al" written "-el" ("carpel"), endings written as they sound ("arthritus",
/// "diabetis", "hypertention"), "y" written "i" ("fibromialgia"), one of two vowels left out
/// ("psorasis"), and, in words of ten letters or more, one unstressed vowel written as another
/// ("osteoperosis"). Only words of seven letters or more (six for "-al") get them, so that no
/// short real word is made.
pub fn misspellings(word: &str) -> Vec<String> {
    let b = word.as_bytes();
    if b.len() < MISSPELL_MIN - 1 || !b.iter().all(u8::is_ascii_lowercase) {
        return Vec::new();
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: Vec<u8>| {
        if let Ok(v) = String::from_utf8(v)
            && v != word
            && !NOT_MISSPELLINGS.contains(&v.as_str())
            && !out.contains(&v)
        {
            out.push(v);
        }
    };
    for i in 1..b.len() {
        if b.len() < MISSPELL_MIN {
            break;
        }
        if b[i] == b[i - 1] && !vowel(b[i]) {
            let mut v = b.to_vec();
            v.remove(i);
            push(v);
        }
        if i + 1 < b.len()
            && matches!(
                b[i],
                b'l' | b's' | b't' | b'r' | b'n' | b'p' | b'm' | b'c' | b'f'
            )
            && vowel(b[i - 1])
            && vowel(b[i + 1])
        {
            let mut v = b.to_vec();
            v.insert(i, b[i]);
            push(v);
        }
        if b.len() >= MISSPELL_MIN + 2
            && i + 1 < b.len()
            && vowel(b[i])
            && !vowel(b[i - 1])
            && !vowel(b[i + 1])
            && i > 2
        {
            let mut v = b.to_vec();
            v.remove(i);
            push(v);
        }
    }
    if let Some(stem) = word.strip_suffix("al") {
        push(format!("{stem}el").into_bytes());
    }
    if b.len() < MISSPELL_MIN {
        return out;
    }
    // Endings written as they sound: "arthritus", "diabetis", "hypertention".
    if let Some(stem) = word.strip_suffix("itis") {
        push(format!("{stem}itus").into_bytes());
    }
    if b.len() > MISSPELL_MIN
        && let Some(stem) = word.strip_suffix("es")
    {
        push(format!("{stem}is").into_bytes());
    }
    if word.contains("nsion") {
        push(word.replace("nsion", "ntion").into_bytes());
    }
    for i in 2..b.len() - 1 {
        // "y" written "i" inside a word: "fibromialgia".
        if b[i] == b'y' && !vowel(b[i - 1]) {
            let mut v = b.to_vec();
            v[i] = b'i';
            push(v);
        }
        // One of two vowels left out: "psorasis", "pnemonia".
        if b.len() > MISSPELL_MIN && i > 2 && vowel(b[i]) && vowel(b[i - 1]) && b[i] != b[i - 1] {
            for at in [i - 1, i] {
                let mut v = b.to_vec();
                v.remove(at);
                push(v);
            }
        }
        // In a long word, an unstressed vowel written as another: "osteoperosis".
        if b.len() >= LONG_WORD
            && i > 2
            && i + 2 < b.len()
            && matches!(b[i], b'a' | b'e' | b'i' | b'o')
            && !vowel(b[i - 1])
            && !vowel(b[i + 1])
        {
            for to in [b'a', b'e', b'i', b'o'] {
                if to != b[i] {
                    let mut v = b.to_vec();
                    v[i] = to;
                    push(v);
                }
            }
        }
    }
    out
}

/// The shortest word whose vowels [`misspellings`] swaps.
const LONG_WORD: usize = 10;

/// The shortest word [`misspellings`] makes variants of.
const MISSPELL_MIN: usize = 7;

/// Misspellings the rules would make that are ordinary English words, as
/// scripts/vocab/check_misspellings.py finds them (wordfreq Zipf >= 2.5).
const NOT_MISSPELLINGS: &[&str] = &[
    "americans",
    "barret",
    "pancras",
    "patents",
    "scared",
    "scaring",
    "traveler",
    "travelers",
    "traveller",
    "travellers",
];

#[cfg(test)]
mod tests {
    use super::misspellings;
    use crate::rules::lexicon::spelling::{Inflect, variants, variants_with};

    #[test]
    fn common_misspellings_of_long_words() {
        let m = misspellings("syphilis");
        assert!(m.contains(&"syphillis".to_string()), "{m:?}");
        assert!(misspellings("cholesterol").contains(&"cholestrol".to_string()));
        assert!(misspellings("diarrhea").contains(&"diarhea".to_string()));
        assert!(misspellings("gout").is_empty());
        // Endings as they sound, "y" as "i", a vowel pair cut, a vowel swapped.
        for (word, wrong) in [
            ("arthritis", "arthritus"),
            ("osteoarthritis", "osteoarthritus"),
            ("diabetes", "diabetis"),
            ("hypertension", "hypertention"),
            ("fibromyalgia", "fibromialgia"),
            ("psoriasis", "psorasis"),
            ("pneumonia", "pnemonia"),
            ("osteoporosis", "osteoperosis"),
        ] {
            let m = misspellings(word);
            assert!(m.contains(&wrong.to_string()), "{word}: {m:?}");
        }
        // Short words keep their vowels: "colitis" is not swapped to "colites".
        assert!(!misspellings("colitis").contains(&"colotis".to_string()));
        let carpal = variants_with("carpal tunnel", Inflect::None, true);
        assert!(carpal.contains(&"carpel tunnel".to_string()), "{carpal:?}");
        // Without the flag, none.
        assert!(!variants("syphilis", Inflect::None).contains(&"syphillis".to_string()));
    }
}
