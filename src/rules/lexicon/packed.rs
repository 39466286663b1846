//! Reading the built-in lexicon files from the packed form build.rs writes
//! (`packed_write.rs` describes it).
//!
//! Reading the lexicon files' JSON was a quarter of a one-file run's instructions (~28 M of
//! ~110 M: ~10k terms with their aliases, codes, sources and replacements); the packed form
//! is read with slices, a length before each string, no parse. A built-in file is read from
//! it when build.rs could pack it; every other file (a user's, one it could not pack) is
//! read from its YAML as before. A test checks that every packed file reads back to exactly
//! what its YAML gives.

use super::{Inflect, LexiconFile, Need, Term, TermEntry, Variants};

/// The lexicon file packed in `bytes`, or `None` when they do not hold exactly one.
pub fn unpack(bytes: &[u8]) -> Option<LexiconFile> {
    let mut r = Reader { bytes };
    let file = LexiconFile {
        lexicon: r.string()?,
        description: r.opt_string()?,
        source: r.opt_string()?,
        inflect: r.inflect()?,
        misspell: r.misspell()?,
        terms: {
            let n = r.number()?;
            let mut terms = Vec::with_capacity(n.min(r.bytes.len()));
            for _ in 0..n {
                terms.push(r.term()?);
            }
            terms
        },
    };
    r.bytes.is_empty().then_some(file)
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn number(&mut self) -> Option<usize> {
        let mut n: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.byte()?;
            n |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n as usize);
            }
        }
        None
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.number()?;
        if n > self.bytes.len() {
            return None;
        }
        let (s, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        std::str::from_utf8(s).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn opt_string(&mut self) -> Option<Option<String>> {
        match self.byte()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.number()?;
        let mut all = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            all.push(self.string()?);
        }
        Some(all)
    }

    fn how(b: u8) -> Option<Inflect> {
        match b {
            1 => Some(Inflect::Verb),
            2 => Some(Inflect::None),
            _ => None,
        }
    }

    fn inflect(&mut self) -> Option<Option<Inflect>> {
        match self.byte()? {
            0 => Some(None),
            b => Self::how(b).map(Some),
        }
    }

    fn misspell(&mut self) -> Option<Option<bool>> {
        match self.byte()? {
            0 => Some(None),
            1 => Some(Some(false)),
            2 => Some(Some(true)),
            _ => None,
        }
    }

    fn term(&mut self) -> Option<TermEntry> {
        if self.byte()? == 0 {
            return self.string().map(TermEntry::Bare);
        }
        let term = Term {
            term: self.string()?,
            aliases: self.strings()?,
            replacement: self.opt_string()?,
            qualifiers: self.strings()?,
            window: match self.byte()? {
                0 => None,
                1 => Some(self.number()?),
                _ => return None,
            },
            means: self.opt_string()?,
            code: self.opt_string()?,
            needs: {
                let n = self.number()?;
                let mut needs = Vec::with_capacity(n.min(self.bytes.len()));
                for _ in 0..n {
                    needs.push(match self.byte()? {
                        0 => Need::Claim,
                        1 => Need::Uppercase,
                        _ => return None,
                    });
                }
                needs
            },
            source: self.opt_string()?,
            inflect: self.inflect()?,
            misspell: self.misspell()?,
            variants: self.variants()?,
            builtin_at: None,
        };
        Some(TermEntry::Full(Box::new(term)))
    }

    fn variants(&mut self) -> Option<Option<Variants>> {
        if self.byte()? == 0 {
            return Some(None);
        }
        let how = Self::how(self.byte()?)?;
        let miss = match self.byte()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let n = self.number()?;
        let mut lists = Vec::with_capacity(n.min(self.bytes.len()));
        for _ in 0..n {
            lists.push(self.strings()?);
        }
        Some(Some((how, miss, lists)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::packed_write as write;
    use super::*;

    /// Every built-in lexicon file reads back from its packed form to exactly what its YAML
    /// gives (and its JSON, which is what build.rs packed).
    #[test]
    fn every_packed_file_reads_back_to_its_yaml() {
        let mut packed = 0;
        for (yaml, json, _) in crate::yaml::prepared_files() {
            let Ok(from_json) = serde_json::from_str::<LexiconFile>(json) else {
                assert!(crate::yaml::packed_lexicon(yaml).is_none());
                continue;
            };
            let bytes = crate::yaml::packed_lexicon(yaml).expect("every lexicon file is packed");
            packed += 1;
            let read = unpack(bytes).expect("build.rs packs what it can read back");
            assert_eq!(read, from_json);
            // The YAML has no `_variants` (build.rs adds them): compare without them.
            let from_yaml: LexiconFile = serde_saphyr::from_str(yaml).unwrap();
            let strip = |f: LexiconFile| {
                f.into_terms(None)
                    .into_iter()
                    .map(|mut t| {
                        t.variants = None;
                        t
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(read.lexicon, from_yaml.lexicon);
            assert_eq!(read.description, from_yaml.description);
            assert_eq!(read.source, from_yaml.source);
            assert_eq!(strip(read), strip(from_yaml));
        }
        assert!(packed >= 45, "{packed} lexicon files");
    }

    /// Packing then reading gives what serde reads from the same JSON; what serde would
    /// reject or read differently is not packed.
    #[test]
    fn packing_mirrors_serde() {
        let files = [
            r#"{"lexicon": "x", "terms": ["a", {"term": "b", "aliases": ["c", "dé"],
                "window": 300, "needs": ["claim", "uppercase"], "inflect": "verb",
                "misspell": true, "replacement": null,
                "_variants": ["none", false, [["b2"], [], ["x", "y"]]]}],
                "description": "d", "source": null, "inflect": "none", "misspell": false}"#,
            r#"{"lexicon": "x", "terms": []}"#,
        ];
        for f in files {
            let value: serde_json::Value = serde_json::from_str(f).unwrap();
            let bytes = write::pack(&value).unwrap();
            let expected: LexiconFile = serde_json::from_str(f).unwrap();
            assert_eq!(unpack(&bytes).unwrap(), expected);
            assert!(unpack(&bytes[..bytes.len() - 1]).is_none());
        }
        let rejected = [
            r#"{"lexicon": "x", "terms": [], "extra": 1}"#,
            r#"{"lexicon": "x", "terms": [{"term": "a", "colour": "red"}]}"#,
            r#"{"lexicon": "x", "terms": [{"term": "a", "aliases": null}]}"#,
            r#"{"lexicon": "x", "terms": [{"term": "a", "inflect": "noun"}]}"#,
            r#"{"lexicon": "x", "terms": [{"term": "a", "needs": ["lowercase"]}]}"#,
            r#"{"lexicon": "x", "terms": [{"term": "a", "window": -1}]}"#,
            r#"{"lexicon": "x", "terms": [3]}"#,
            r#"{"lexicon": 1, "terms": []}"#,
            r#"{"terms": []}"#,
        ];
        for f in rejected {
            let value: serde_json::Value = serde_json::from_str(f).unwrap();
            assert!(write::pack(&value).is_none(), "{f}");
            assert!(serde_json::from_str::<LexiconFile>(f).is_err(), "{f}");
        }
    }
}
