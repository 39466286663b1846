//! The language of a block, by stopwords (see [`language`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Stopwords of the languages the detector knows: common function words that are rare as
/// words of English copy. A block is read as in a language when at least
/// [`MIN_HITS`] of its words are that language's stopwords and more than twice as many as
/// are English ones.
pub(super) const STOPWORDS: &[(&str, &str, &[&str])] = &[
    (
        "en",
        "English",
        &[
            "the", "and", "of", "to", "is", "with", "for", "your", "this", "that", "it", "are",
            "you", "our", "be", "as", "on", "by", "or", "from", "not", "can", "may", "each",
        ],
    ),
    (
        "de",
        "German",
        &[
            "der", "das", "und", "ist", "nicht", "mit", "für", "von", "zu", "den", "dem", "des",
            "ein", "eine", "einer", "auf", "sich", "auch", "wird", "sind", "oder", "bei", "nach",
            "zur", "zum", "ihr", "ihre", "werden", "kann", "täglich", "zu", "einem",
        ],
    ),
    (
        "fr",
        "French",
        &[
            "le",
            "la",
            "les",
            "et",
            "est",
            "une",
            "des",
            "du",
            "pour",
            "avec",
            "dans",
            "sur",
            "pas",
            "qui",
            "au",
            "aux",
            "cette",
            "sont",
            "vous",
            "votre",
            "ne",
            "ou",
            "par",
            "contribue",
            "normal",
            "fonctionnement",
        ],
    ),
    (
        "es",
        "Spanish",
        &[
            "el",
            "los",
            "las",
            "y",
            "es",
            "una",
            "para",
            "con",
            "por",
            "del",
            "que",
            "su",
            "sus",
            "al",
            "como",
            "más",
            "está",
            "contribuye",
            "sistema",
            "inmunitario",
        ],
    ),
    (
        "it",
        "Italian",
        &[
            "il",
            "gli",
            "della",
            "di",
            "che",
            "è",
            "per",
            "con",
            "una",
            "del",
            "delle",
            "sono",
            "non",
            "alla",
            "nel",
            "dei",
            "contribuisce",
            "normale",
            "funzione",
        ],
    ),
    (
        "nl",
        "Dutch",
        &[
            "de", "het", "een", "en", "van", "niet", "met", "voor", "op", "zijn", "dat", "bij",
            "uw", "wordt", "draagt", "bij", "normale", "werking",
        ],
    ),
];

/// Stopword hits a block needs before it is read as in some language.
pub const MIN_HITS: usize = 3;

/// Words of a block the detector reads at most: a language shows in its first sentences, and
/// the cost per block stays bounded whatever its length.
const MAX_WORDS: usize = 200;

/// The longest stopword, in bytes: no longer ASCII word can be one.
const LONGEST: usize = {
    let mut longest = 0;
    let mut l = 0;
    while l < STOPWORDS.len() {
        let words = STOPWORDS[l].2;
        let mut w = 0;
        while w < words.len() {
            if words[w].len() > longest {
                longest = words[w].len();
            }
            w += 1;
        }
        l += 1;
    }
    longest
};

/// Per first byte, the lengths (bits) of the ASCII stopwords that start with it: an ASCII
/// word with no stopword of its first letter and length is not looked up.
static ASCII_LENGTHS: [u32; 128] = {
    let mut table = [0u32; 128];
    let mut l = 0;
    while l < STOPWORDS.len() {
        let words = STOPWORDS[l].2;
        let mut w = 0;
        while w < words.len() {
            let bytes = words[w].as_bytes();
            let mut ascii = true;
            let mut i = 0;
            while i < bytes.len() {
                ascii &= bytes[i] < 0x80;
                i += 1;
            }
            if ascii && !bytes.is_empty() && bytes.len() < 32 {
                table[bytes[0] as usize] |= 1 << bytes.len();
            }
            w += 1;
        }
        l += 1;
    }
    table
};

/// FNV-1a: the stopwords are short, and SipHash was most of the cost of looking a word up.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Each stopword with the languages (bits, by index into [`STOPWORDS`]) it belongs to.
static STOPWORD_INDEX: LazyLock<HashMap<&'static str, u32, BuildHasherDefault<Fnv>>> =
    LazyLock::new(|| {
        let mut m = HashMap::default();
        for (i, (_, _, words)) in STOPWORDS.iter().enumerate() {
            for w in *words {
                *m.entry(*w).or_insert(0) |= 1 << i;
            }
        }
        m
    });

/// The language of `text`, by stopwords: its ISO 639-1 code and English name, or `None`
/// when it has too few stopwords of any language to say.
///
/// Its words are runs of letters and straight apostrophes, at most 16 bytes long; the first
/// [`MAX_WORDS`] of them are looked up, lowercased. ASCII words (nearly all of them) are
/// read byte by byte and lowercased on the stack.
pub fn language(text: &str) -> Option<(&'static str, &'static str)> {
    let index = &*STOPWORD_INDEX;
    let mut counts = [0usize; STOPWORDS.len()];
    let mut count = |w: &str| {
        if let Some(&bits) = index.get(w) {
            for (i, c) in counts.iter_mut().enumerate() {
                if bits & (1 << i) != 0 {
                    *c += 1;
                }
            }
        }
    };
    let bytes = text.as_bytes();
    let mut taken = 0;
    let mut i = 0;
    while i < bytes.len() && taken < MAX_WORDS {
        let start = i;
        let mut ascii = true;
        let mut upper = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !(b.is_ascii_alphabetic() || b == b'\'') {
                    break;
                }
                upper |= b.is_ascii_uppercase();
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("a char starts here");
                if !c.is_alphabetic() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        if i == start {
            // A separator: step over it.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let word = &text[start..i];
        if word.len() > 16 {
            continue;
        }
        taken += 1;
        if ascii {
            let first = word.as_bytes()[0].to_ascii_lowercase();
            if word.len() > LONGEST || ASCII_LENGTHS[first as usize] & (1 << word.len()) == 0 {
                continue;
            }
            if upper {
                let mut buf = [0u8; 16];
                let lower = &mut buf[..word.len()];
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                count(std::str::from_utf8(lower).expect("ASCII"));
            } else {
                count(word);
            }
        } else if word.chars().any(char::is_uppercase) {
            count(&word.to_lowercase());
        } else {
            count(word);
        }
    }
    let english = counts[0];
    let (best, hits) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i)))
        .map(|(i, c)| (i, *c))?;
    if hits < MIN_HITS {
        return None;
    }
    if best != 0 && hits <= 2 * english {
        return Some(("en", "English"));
    }
    Some((STOPWORDS[best].0, STOPWORDS[best].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The detector as it was first written, on `str::split` and `to_lowercase`.
    fn language_by_split(text: &str) -> Option<(&'static str, &'static str)> {
        let index: HashMap<&str, u32> = STOPWORD_INDEX.iter().map(|(k, v)| (*k, *v)).collect();
        let mut counts = [0usize; STOPWORDS.len()];
        for word in text
            .split(|c: char| !c.is_alphabetic() && c != '\'')
            .filter(|w| !w.is_empty() && w.len() <= 16)
            .take(MAX_WORDS)
        {
            let lower;
            let w = if word.chars().any(char::is_uppercase) {
                lower = word.to_lowercase();
                lower.as_str()
            } else {
                word
            };
            if let Some(&bits) = index.get(w) {
                for (i, c) in counts.iter_mut().enumerate() {
                    if bits & (1 << i) != 0 {
                        *c += 1;
                    }
                }
            }
        }
        let english = counts[0];
        let (best, hits) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i)))
            .map(|(i, c)| (i, *c))?;
        if hits < MIN_HITS {
            return None;
        }
        if best != 0 && hits <= 2 * english {
            return Some(("en", "English"));
        }
        Some((STOPWORDS[best].0, STOPWORDS[best].1))
    }

    #[test]
    fn the_byte_loop_reads_what_the_split_read() {
        let pieces = [
            "der ",
            "DER ",
            "Für",
            "FÜR ",
            "und",
            " ",
            "The ",
            "and",
            "of ",
            "la ",
            "le ",
            "et ",
            "des ",
            "Die",
            "ist",
            "nicht",
            "mit",
            "İ",
            "ẞ",
            "Ω",
            "K",
            "é",
            "’",
            "'",
            "—",
            "12 ",
            "mg",
            "\n",
            "vitamine",
            "contribuisce ",
            "a",
            "aaaaaaaaaaaaaaaaaaa ",
            "il ",
            "è ",
            "het ",
            "een ",
            "van ",
            "täglich ",
            "TÄGLICH ",
            "de ",
            "del ",
            ".",
        ];
        let long = |round: usize, s: u64| if round % 50 == 0 { 600 } else { 1 + s % 40 };
        for text in crate::testing::random_texts(&pieces, 0x2545_f491_4f6c_dd1d, 5000, long) {
            assert_eq!(language(&text), language_by_split(&text), "{text:?}");
        }
    }
}
