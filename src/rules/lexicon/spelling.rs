//! How a spelling and a text are compared: one normalised byte stream for both, and the
//! spelling variants a lexicon entry stands for without listing them.
//!
//! The stream is ASCII-lowercased; curly apostrophes read as straight ones; invisible format
//! characters (a soft hyphen from CMS hyphenation, zero-width spaces and joiners) are left
//! out, so they neither split nor hide a word; and a run of spaces or hyphens *between two
//! word characters* is left out too, so "post-partum", "post partum" and "postpartum" are one
//! spelling, and "#highbloodpressure" reads as "high blood pressure". Elsewhere a run of
//! separators is one byte (a space, or a hyphen when it has no space), so a term that starts
//! with punctuation ("-lowering", "(ref)") still needs it.
//!
//! Variants are generated, not typed in: British and American spellings ("tumour",
//! "oedema", "anaemia"), Roman and Arabic numerals after "type" or "stage" ("type II" /
//! "type 2"), possessives with and without the apostrophe ("Crohn's", "Crohns", "Crohn"), and,
//! for entries marked `inflect: verb`, the verb forms of the first word ("lowering the risk
//! of" from "lower the risk of").

use serde::Deserialize;

/// Whether `c` continues a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters with no width that must not split a word: soft hyphen, zero-width space,
/// non-joiner, joiner, word joiner, and a byte-order mark inside the text.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Spaces and hyphens: between two word characters they are left out of the stream.
fn separator(c: char) -> Option<u8> {
    match c {
        ' ' | '\t' | '\n' | '\r' | '\u{00A0}' | '\u{2009}' | '\u{202F}' => Some(b' '),
        '-' | '\u{2010}' | '\u{2011}' => Some(b'-'),
        _ => None,
    }
}

/// The character at byte `at` of `text` (which must be a char boundary) and its length.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    text[at..].chars().next().map(|c| (c, c.len_utf8()))
}

/// Whether a word character comes at or after `at`, past ignorable characters.
fn word_char_from(text: &str, mut at: usize) -> bool {
    while let Some((c, len)) = char_at(text, at) {
        if !is_ignorable(c) {
            return is_word_char(c);
        }
        at += len;
    }
    false
}

/// Whether a word character comes just before `at`, past ignorable characters.
pub fn word_char_before(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .rev()
        .find(|&c| !is_ignorable(c))
        .is_some_and(is_word_char)
}

/// The shortest word pieces a space or hyphen between them may be left out for.
const MIN_JOINED: usize = 3;

/// How many word characters (up to [`MIN_JOINED`]) the text has from `at`, past invisible
/// characters.
fn piece_from(text: &str, mut at: usize) -> usize {
    let mut n = 0;
    while n < MIN_JOINED
        && let Some((c, len)) = char_at(text, at)
    {
        if is_word_char(c) {
            n += 1;
        } else if !is_ignorable(c) {
            break;
        }
        at += len;
    }
    n
}

/// The ASCII letter of `[X]` at `at`, when a word follows it: warning letters and other
/// quoting documents mark a capital they changed that way ("[I]nfection-fighting").
pub fn bracketed_letter(text: &str, at: usize) -> Option<u8> {
    let b = text.as_bytes().get(at..at + 4)?;
    (b[0] == b'[' && b[1].is_ascii_alphabetic() && b[2] == b']' && b[3].is_ascii_alphabetic())
        .then_some(b[1])
}

/// One step of the normalised stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The byte the trie reads.
    pub byte: u8,
    /// Where the text continues after it.
    pub next: usize,
    /// Whether the character it came from is a word character.
    pub word: bool,
}

/// The normalised stream of `text` from byte `at`.
#[derive(Debug, Clone)]
pub struct Stream<'a> {
    text: &'a str,
    at: usize,
    /// Bytes of the current character not yet given out (multi-byte characters).
    pending: (usize, usize),
    prev_word: bool,
    /// How many word characters the current word piece has had so far.
    piece: usize,
}

impl<'a> Stream<'a> {
    /// The stream from `at`, which must be a char boundary.
    pub fn new(text: &'a str, at: usize) -> Stream<'a> {
        Stream {
            text,
            at,
            pending: (0, 0),
            prev_word: false,
            piece: 0,
        }
    }
}

impl Iterator for Stream<'_> {
    type Item = Step;

    #[inline(always)]
    fn next(&mut self) -> Option<Step> {
        let bytes = self.text.as_bytes();
        // Most of any text: an ASCII letter or digit.
        if self.pending.0 == self.pending.1
            && let Some(&b) = bytes.get(self.at)
            && b.is_ascii_alphanumeric()
        {
            self.at += 1;
            self.prev_word = true;
            self.piece += 1;
            return Some(Step {
                byte: b.to_ascii_lowercase(),
                next: self.at,
                word: true,
            });
        }
        self.next_slow()
    }
}

impl Stream<'_> {
    /// Everything but an ASCII letter or digit: kept out of line so the common step inlines.
    #[inline(never)]
    fn next_slow(&mut self) -> Option<Step> {
        let bytes = self.text.as_bytes();
        if self.pending.0 < self.pending.1 {
            let i = self.pending.0;
            self.pending.0 += 1;
            return Some(Step {
                byte: bytes[i],
                next: self.pending.0,
                word: self.prev_word,
            });
        }
        loop {
            let (c, len) = char_at(self.text, self.at)?;
            if is_ignorable(c) {
                self.at += len;
                continue;
            }
            if let Some(first) = separator(c) {
                // A run of separators is one step, or none between two word characters.
                let mut end = self.at + len;
                let mut byte = first;
                while let Some((c, l)) = char_at(self.text, end) {
                    match separator(c) {
                        Some(b' ') => byte = b' ',
                        Some(_) => {}
                        None if is_ignorable(c) => {}
                        None => break,
                    }
                    end += l;
                }
                self.at = end;
                let before = std::mem::take(&mut self.piece);
                if self.prev_word && word_char_from(self.text, end) {
                    // Between two word pieces of three letters or more the separator is
                    // optional ("post partum"); next to a shorter one it is kept, as a
                    // space, so "as d-alpha" never reads "asd" and "type-2" is "type 2".
                    if before >= MIN_JOINED && piece_from(self.text, end) >= MIN_JOINED {
                        continue;
                    }
                    byte = b' ';
                }
                self.prev_word = false;
                return Some(Step {
                    byte,
                    next: end,
                    word: false,
                });
            }
            // A quote's editorial capital, "[I]nfection-fighting", reads as the letter.
            if c == '['
                && let Some(letter) = bracketed_letter(self.text, self.at)
            {
                self.at += 3;
                self.prev_word = true;
                self.piece += 1;
                return Some(Step {
                    byte: letter.to_ascii_lowercase(),
                    next: self.at,
                    word: true,
                });
            }
            let word = is_word_char(c);
            self.prev_word = word;
            if word {
                self.piece += 1;
            } else {
                self.piece = 0;
            }
            let start = self.at;
            self.at += len;
            if len == 1 {
                return Some(Step {
                    byte: bytes[start].to_ascii_lowercase(),
                    next: self.at,
                    word,
                });
            }
            if c == '’' || c == '‘' {
                return Some(Step {
                    byte: b'\'',
                    next: self.at,
                    word,
                });
            }
            self.pending = (start + 1, start + len);
            return Some(Step {
                byte: bytes[start],
                next: start + 1,
                word,
            });
        }
    }
}

/// A spelling as the trie stores it.
pub fn fold(spelling: &str) -> Vec<u8> {
    Stream::new(spelling.trim(), 0).map(|s| s.byte).collect()
}

/// How an entry's spellings are inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Inflect {
    /// The first word is a verb: add its -s, -ing and -ed forms.
    Verb,
    /// Only the spellings as written (and their generated spelling variants).
    None,
}

/// The adjectives of a disease's name: "osteoarthritic knee", "a diabetic diet",
/// "psychotic episodes", "anemic". Suffix rules, so a name they do not fit gets none.
pub fn adjectives(word: &str) -> Vec<String> {
    const RULES: &[(&str, &str)] = &[
        ("itis", "itic"),
        ("osis", "otic"),
        ("aemia", "aemic"),
        ("emia", "emic"),
        ("asthma", "asthmatic"),
        ("diabetes", "diabetic"),
        ("cancer", "cancerous"),
        ("ulcer", "ulcerated"),
        ("epilepsy", "epileptic"),
        ("psoriasis", "psoriatic"),
    ];
    RULES
        .iter()
        .filter_map(|(from, to)| word.strip_suffix(from).map(|stem| format!("{stem}{to}")))
        .filter(|a| a.len() >= 6 && a != word)
        .collect()
}

/// British and American spellings of medical words, as (American, British) pieces.
/// Every piece of [`SPELLINGS`], either form.
static SPELLING_PIECES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(SPELLINGS.iter().flat_map(|(us, uk)| [us, uk]))
            .expect("fixed pieces compile")
    });

const SPELLINGS: &[(&str, &str)] = &[
    ("tumor", "tumour"),
    ("edema", "oedema"),
    ("esophag", "oesophag"),
    ("diarrhea", "diarrhoea"),
    ("gonorrhea", "gonorrhoea"),
    ("dyspnea", "dyspnoea"),
    ("apnea", "apnoea"),
    ("anemi", "anaemi"),
    ("emia", "aemia"),
    ("hemorrh", "haemorrh"),
    ("hemat", "haemat"),
    ("hemo", "haemo"),
    ("hemangi", "haemangi"),
    ("celiac", "coeliac"),
    ("fetal", "foetal"),
    ("fetus", "foetus"),
    ("pediatric", "paediatric"),
    ("orthopedic", "orthopaedic"),
    ("estrogen", "oestrogen"),
    ("ameb", "amoeb"),
    ("leukemi", "leukaemi"),
    ("ischemi", "ischaemi"),
    ("behavior", "behaviour"),
    ("center", "centre"),
    ("fiber", "fibre"),
    ("sulfur", "sulphur"),
    ("labor", "labour"),
    ("ization", "isation"),
    ("yzed", "ysed"),
    ("yze", "yse"),
    ("ize", "ise"),
    ("izing", "ising"),
];

/// Roman numerals after a word that takes a number.
const NUMERALS: &[(&str, &str)] = &[("1", "i"), ("2", "ii"), ("3", "iii"), ("4", "iv")];
const NUMBERED: &[&str] = &["type", "stage", "grade", "class", "phase"];

/// `s` with every `from` replaced by `to`, when it has one.
fn replaced(s: &str, from: &str, to: &str) -> Option<String> {
    s.contains(from).then(|| s.replace(from, to))
}

/// The spelling variants of `s` (lowercase), not including `s`.
pub fn variants(s: &str, inflect: Inflect) -> Vec<String> {
    variants_with(s, inflect, false)
}

/// [`variants`], and with `misspell` the common misspellings of each long word and the
/// adjective of the name ([`adjectives`]).
pub fn variants_with(s: &str, inflect: Inflect, misspell: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |v: String, out: &mut Vec<String>| {
        if v != s && !out.contains(&v) {
            out.push(v);
        }
    };
    // All-British and all-American forms. A piece is only replaced where its other form is
    // not already there ("oedema" must not become "ooedema").
    // Most spellings hold none of the pieces: one search over all of them says so, instead
    // of a search for each piece (a quarter of the instructions of a one-file run).
    if SPELLING_PIECES.is_match(s) {
        let mut british = s.to_string();
        let mut american = s.to_string();
        for (us, uk) in SPELLINGS {
            if !british.contains(uk) && british.contains(us) {
                british = british.replace(us, uk);
            }
            if american.contains(uk) {
                american = american.replace(uk, us);
            }
        }
        push(british, &mut out);
        push(american, &mut out);
    }
    // A separator next to a short piece is kept ("covid-19"); text also writes it joined
    // ("covid19"). Not after a lone letter: "hep a" joined is "hepa", a word of its own
    // (HEPA filters, "Hepa-" brand names).
    let pieces: Vec<&str> = s.split([' ', '-']).collect();
    if (2..=4).contains(&pieces.len())
        && pieces
            .iter()
            .all(|p| p.chars().next().is_some_and(is_word_char))
        && pieces.iter().any(|p| p.chars().count() < MIN_JOINED)
        && !pieces
            .iter()
            .any(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        push(s.replace([' ', '-'], ""), &mut out);
    }
    // Type 2 / type II.
    let words: Vec<&str> = s.split(' ').collect();
    for (i, pair) in words.windows(2).enumerate() {
        if !NUMBERED.contains(&pair[0]) {
            continue;
        }
        for (arabic, roman) in NUMERALS {
            let other = if pair[1] == *arabic {
                roman
            } else if pair[1] == *roman {
                arabic
            } else {
                continue;
            };
            let mut w = words.clone();
            w[i + 1] = other;
            push(w.join(" "), &mut out);
        }
    }
    // Possessives: "crohn's disease", "crohns disease", "crohn disease".
    for form in [s.to_string()]
        .into_iter()
        .chain(out.clone())
        .collect::<Vec<_>>()
    {
        if let Some(v) = replaced(&form, "'s", "s") {
            push(v, &mut out);
        }
        if form.contains("'s ") {
            push(form.replace("'s ", " "), &mut out);
        }
    }
    if misspell {
        let words: Vec<&str> = s.split(' ').collect();
        // A one-word name's adjective ("arthritic"), and the last word's in a longer one
        // ("rheumatoid arthritic").
        if let Some(last) = words.last() {
            for a in adjectives(last) {
                let mut v = words.clone();
                let n = v.len();
                v[n - 1] = &a;
                push(v.join(" "), &mut out);
            }
        }
        for (i, w) in words.iter().enumerate() {
            for m in super::misspell::misspellings(w) {
                let mut v = words.clone();
                v[i] = &m;
                push(v.join(" "), &mut out);
            }
        }
    }
    if inflect == Inflect::Verb {
        for form in [s.to_string()]
            .into_iter()
            .chain(out.clone())
            .collect::<Vec<_>>()
        {
            let (first, rest) = match form.split_once(' ') {
                Some((f, r)) => (f, format!(" {r}")),
                None => (form.as_str(), String::new()),
            };
            for f in verb_forms(first) {
                push(format!("{f}{rest}"), &mut out);
            }
        }
    }
    out
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The regular -s, -ing and -ed forms of a verb. Irregular verbs get regular forms too,
/// which no text has, so they cost a few trie nodes and nothing else; their real forms are
/// listed in the lexicon.
pub fn verb_forms(verb: &str) -> Vec<String> {
    let b = verb.as_bytes();
    if b.len() < 2 || !b.iter().all(u8::is_ascii_lowercase) {
        return Vec::new();
    }
    let last = b[b.len() - 1];
    let before = b[b.len() - 2];
    let third = if verb.ends_with("ss")
        || verb.ends_with("sh")
        || verb.ends_with("ch")
        || matches!(last, b'x' | b'z')
        || (last == b's' && !is_vowel(before))
    {
        format!("{verb}es")
    } else if last == b'y' && !is_vowel(before) {
        format!("{}ies", &verb[..verb.len() - 1])
    } else {
        format!("{verb}s")
    };
    // One syllable ending consonant-vowel-consonant doubles it: stop, stopping.
    let vowels = b.iter().filter(|&&c| is_vowel(c)).count();
    let cvc = b.len() >= 3
        && vowels == 1
        && !is_vowel(last)
        && !matches!(last, b'w' | b'x' | b'y')
        && is_vowel(before)
        && !is_vowel(b[b.len() - 3]);
    let (ing, ed) = if let Some(stem) = verb.strip_suffix("ie") {
        (format!("{stem}ying"), format!("{verb}d"))
    } else if last == b'e' && !matches!(before, b'e' | b'o' | b'y') {
        let stem = &verb[..verb.len() - 1];
        (format!("{stem}ing"), format!("{verb}d"))
    } else if last == b'y' && !is_vowel(before) {
        (
            format!("{verb}ing"),
            format!("{}ied", &verb[..verb.len() - 1]),
        )
    } else if cvc {
        let l = last as char;
        (format!("{verb}{l}ing"), format!("{verb}{l}ed"))
    } else {
        (format!("{verb}ing"), format!("{verb}ed"))
    };
    vec![third, ing, ed]
}

#[cfg(test)]
mod tests;
