//! `kind: required`: text that must appear when the copy makes a certain kind of claim.
//!
//! The DSHEA disclaimer (21 CFR 101.93(c)) is compared word by word, ignoring case,
//! punctuation, white space, line breaks and markup. A passage that resembles it (a word
//! missing, "FDA" for the agency's name) is reported with what differs; a generic disclaimer
//! in its place is reported as not being the DSHEA disclaimer; otherwise the finding points at
//! the first claim that makes it necessary.

use super::{Compiler, Context, LexId, RuleMeta, TermSource, rule_file};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Span};
use crate::document::Format;
use serde::Deserialize;
use std::borrow::Cow;

fn default_threshold() -> f64 {
    0.6
}

rule_file! {
    /// A required-text rule as written in YAML.
    RequiredFile {
        /// The accepted wordings; the first is the one a fix inserts.
        text: Vec<String>,
        /// The claims that make the text necessary.
        when: TermSource,
        /// Message for a passage that resembles the text but differs (`{differences}`).
        near_miss_message: String,
        /// Message for a generic disclaimer found in its place.
        generic_message: String,
        /// Words that mark a generic disclaimer ("disclaimer", "medical advice").
        generic: TermSource,
        /// How much of the text a passage must share to count as a near miss (0 to 1).
        #[serde(default = "default_threshold")]
        threshold: f64,
    }
}

/// A compiled required-text rule.
#[derive(Debug)]
pub struct RequiredRule {
    texts: Vec<(String, Vec<String>)>,
    when: LexId,
    generic: LexId,
    near_miss_message: String,
    generic_message: String,
    threshold: f64,
}

/// Compile a required rule file.
pub fn compile(f: RequiredFile, c: &mut Compiler) -> Result<RequiredRule, (String, String)> {
    if f.text.is_empty() || f.text.iter().any(|t| words(t).is_empty()) {
        return Err((
            "text:".into(),
            "`text` needs at least one non-empty wording".into(),
        ));
    }
    if !(0.0..=1.0).contains(&f.threshold) || f.threshold == 0.0 {
        return Err((
            "threshold:".into(),
            "`threshold` must be above 0 and at most 1".into(),
        ));
    }
    Ok(RequiredRule {
        texts: f
            .text
            .iter()
            .map(|t| {
                let norm = t.split_whitespace().collect::<Vec<_>>().join(" ");
                let w = words(&norm).into_iter().map(|(_, w)| w).collect();
                (norm, w)
            })
            .collect(),
        when: c
            .terms(&f.when, "when")
            .map_err(|e| ("when:".to_string(), e))?,
        generic: c
            .terms(&f.generic, "generic")
            .map_err(|e| ("generic:".to_string(), e))?,
        near_miss_message: f.near_miss_message,
        generic_message: f.generic_message,
        threshold: f.threshold,
    })
}

/// Lowercased words of `text` with their byte ranges; curly apostrophes fold to straight.
pub(crate) fn words(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    word_iter(text).map(|(r, w)| (r, w.into_owned())).collect()
}

/// As [`words`], borrowing the words that are already lowercase ASCII (most of them), since
/// this runs over every word of every page that makes a structure/function claim.
pub(crate) fn word_iter(
    text: &str,
) -> impl Iterator<Item = (std::ops::Range<usize>, Cow<'_, str>)> {
    raw_words(text).map(|range| {
        let raw = &text[range.clone()];
        let word = if raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'')
        {
            Cow::Borrowed(raw)
        } else {
            Cow::Owned(raw.to_lowercase().replace('’', "'"))
        };
        (range, word)
    })
}

/// Where the words of `text` are: runs of letters and digits with inner apostrophes,
/// trailing apostrophes left out.
fn raw_words(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| {
            let w = c.is_alphanumeric() || ((c == '\'' || c == '’') && start.is_some());
            match (w, start) {
                (true, None) => {
                    start = Some(i);
                    None
                }
                (false, Some(s)) => {
                    start = None;
                    let raw = text[s..i].trim_end_matches(['\'', '’']);
                    Some(s..s + raw.len())
                }
                _ => None,
            }
        })
}

/// Whether a word as written equals a lowercased word of a wording, as [`words`] compares.
fn same_word(raw: &str, want: &str) -> bool {
    if raw.is_ascii() {
        raw.eq_ignore_ascii_case(want)
    } else {
        raw.to_lowercase().replace('’', "'") == want
    }
}

/// Whether a word of a wording is distinctive enough to start a near-miss search at.
fn is_anchor(word: &str) -> bool {
    word.len() >= ANCHOR_LEN
}

/// Bytes in a word distinctive enough to start a near-miss search at (see [`is_anchor`]).
/// An ASCII word shorter than that as written is shorter lowercased too.
const ANCHOR_LEN: usize = 8;

/// What a scan of a unit's words found.
enum Scan {
    /// An accepted wording, word for word.
    Exact,
    /// No accepted wording, but a word a near miss could start at.
    Anchor,
    /// Neither.
    NoAnchor,
}

/// A word of the document with where it stands.
pub(crate) struct DocWord<'a> {
    pub(crate) block: usize,
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) word: Cow<'a, str>,
}

/// The words of `blocks` of `doc`, in order, each with where it stands.
pub(crate) fn doc_words(
    doc: &crate::document::Document,
    blocks: std::ops::Range<usize>,
) -> Vec<DocWord<'_>> {
    blocks
        .flat_map(|bi| {
            word_iter(&doc.blocks[bi].text).map(move |(range, word)| DocWord {
                block: bi,
                range,
                word,
            })
        })
        .collect()
}

/// One step of a word alignment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    Same(usize),
    Missing(usize),
    Extra(usize),
}

/// Longest-common-subsequence alignment of `have` against `want`.
pub(crate) fn align(have: &[&str], want: &[String]) -> Vec<Step> {
    let (n, m) = (have.len(), want.len());
    let mut dp = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if have[i] == want[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::new();
    while i < n || j < m {
        if i < n && j < m && have[i] == want[j] {
            steps.push(Step::Same(i));
            i += 1;
            j += 1;
        } else if j < m && (i == n || dp[i][j + 1] >= dp[i + 1][j]) {
            steps.push(Step::Missing(j));
            j += 1;
        } else {
            steps.push(Step::Extra(i));
            i += 1;
        }
    }
    steps
}

impl RequiredRule {
    /// Run the rule over a document: each unit (a catalog's product) on its own, so the
    /// disclaimer of one product does not excuse another.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for unit in ctx.doc.unit_blocks() {
            self.check_unit(meta, ctx, unit, out);
        }
    }

    fn check_unit(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        unit: std::ops::Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let trigger = unit.clone().find_map(|bi| {
            ctx.matches(self.when, bi)
                .first()
                .map(|m| (bi, m.range.clone()))
        });
        let Some((tb, trange)) = trigger else {
            return;
        };
        match self.scan(ctx, unit.clone()) {
            Scan::Exact => return,
            // No passage can come near the wording: skip the word list and the alignment.
            Scan::NoAnchor => {}
            Scan::Anchor => {
                if let Some(d) = self.near_miss_in(meta, ctx, unit.clone()) {
                    out.push(d);
                    return;
                }
            }
        }
        self.missing(meta, ctx, unit, (tb, trange), out);
    }

    /// The unit's words, lowercased, and the closest passage to an accepted wording, if
    /// close enough.
    fn near_miss_in(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        unit: std::ops::Range<usize>,
    ) -> Option<Diagnostic> {
        let all = doc_words(ctx.doc, unit);
        let flat: Vec<&str> = all.iter().map(|w| w.word.as_ref()).collect();
        self.near_miss(meta, ctx, &all, &flat)
    }

    /// No accepted wording and no near miss: a generic disclaimer in its place, or none.
    fn missing(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        unit: std::ops::Range<usize>,
        (tb, trange): (usize, std::ops::Range<usize>),
        out: &mut Vec<Diagnostic>,
    ) {
        let doc = ctx.doc;
        // A generic disclaimer in place of the DSHEA one.
        for bi in unit {
            let block = &doc.blocks[bi];
            if let Some(m) = ctx.matches(self.generic, bi).first() {
                let sentence = block
                    .sentences
                    .iter()
                    .find(|s| s.start <= m.range.start && m.range.start < s.end)
                    .cloned()
                    .unwrap_or(m.range.clone());
                let mut d = meta.diagnostic(&[], block.span(sentence));
                d.message = self.generic_message.clone();
                d.labels.push(Label {
                    span: doc.blocks[tb].span(trange.clone()),
                    text: "structure/function claim that needs the DSHEA disclaimer".into(),
                });
                d.fix = self.append_fix(ctx);
                out.push(d);
                return;
            }
        }
        let mut d = meta.diagnostic(&[], doc.blocks[tb].span(trange));
        d.labels.push(Label {
            span: d.span,
            text: "structure/function claim".into(),
        });
        d.fix = self.append_fix(ctx);
        out.push(d);
    }

    /// Whether the unit's words, across blocks, hold one of the accepted wordings word
    /// for word, and if not, whether they hold a word a near miss must start near (see
    /// [`Self::near_miss`]). Streams the words through a window, from the last block back,
    /// since the disclaimer usually ends the page; the document's word list (which most
    /// pages, those that have the disclaimer or nothing like it, never need) is not built.
    fn scan(&self, ctx: &Context<'_>, unit: std::ops::Range<usize>) -> Scan {
        let longest = self.texts.iter().map(|t| t.1.len()).max().unwrap_or(0);
        let anchors: Vec<&str> = self
            .texts
            .iter()
            .flat_map(|t| t.1.iter())
            .filter(|w| is_anchor(w))
            .map(String::as_str)
            .collect();
        let mut anchored = false;
        let mut window: std::collections::VecDeque<&str> = std::collections::VecDeque::new();
        let mut ranges = Vec::new();
        for block in ctx.doc.blocks[unit].iter().rev() {
            ranges.clear();
            ranges.extend(raw_words(&block.text));
            for range in ranges.iter().rev() {
                let raw = &block.text[range.clone()];
                window.push_front(raw);
                if window.len() > longest {
                    window.pop_back();
                }
                for (_, want) in &self.texts {
                    if window.len() >= want.len()
                        && window.iter().zip(want).all(|(raw, w)| same_word(raw, w))
                    {
                        return Scan::Exact;
                    }
                }
                anchored = anchored
                    || ((raw.len() >= ANCHOR_LEN || !raw.is_ascii())
                        && anchors.iter().any(|a| same_word(raw, a)));
            }
        }
        if anchored {
            Scan::Anchor
        } else {
            Scan::NoAnchor
        }
    }

    /// Append the first wording as a paragraph of its own where the parser says added text
    /// is prose ([`crate::document::Document::append_at`]): at the end of the copy, in the
    /// file's line endings, after exactly one blank line; in HTML, as a paragraph before
    /// `</body>`. No fix where nothing added would be read (a catalog export, whose
    /// disclaimer belongs in a product's cell; a file that ends inside a comment or a code
    /// fence).
    fn append_fix(&self, ctx: &Context<'_>) -> Option<Fix> {
        let at = ctx.doc.append_at?;
        let src = &ctx.doc.source;
        let text = &self.texts[0].0;
        let eol = ctx.doc.line_ending();
        let insert = if at < src.len() {
            format!("<p>{text}</p>{eol}")
        } else {
            let body = src.trim_end_matches([' ', '\t', '\r', '\n']);
            // Keep what the file has after its last line; add only the missing line breaks.
            let tail = &src[body.len()..];
            let breaks = tail.matches('\n').count().max(tail.matches('\r').count());
            let lead = if body.is_empty() {
                String::new()
            } else {
                eol.repeat(2usize.saturating_sub(breaks))
            };
            match ctx.doc.format {
                Format::Html => format!("{lead}<p>{text}</p>{eol}"),
                _ => format!("{lead}{text}{eol}"),
            }
        };
        Some(Fix {
            title: "append the DSHEA disclaimer".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span: Span::new(at, at),
                replacement: insert,
            }],
        })
    }

    fn near_miss(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        all: &[DocWord],
        flat: &[&str],
    ) -> Option<Diagnostic> {
        // Candidate passages start at a word of the required text's first few words.
        let mut best: Option<(f64, usize, usize, usize)> = None; // (score, start, end, variant)
        for (vi, (_, want)) in self.texts.iter().enumerate() {
            let len = want.len();
            // Start only at distinctive words, so common words cost nothing.
            let anchors: Vec<&String> = want.iter().filter(|w| is_anchor(w)).collect();
            let mut i = 0;
            while i < flat.len() {
                if !anchors.iter().any(|a| *a == flat[i]) {
                    i += 1;
                    continue;
                }
                let lo = i.saturating_sub(4);
                let hi = (i + len + len / 3).min(flat.len());
                let steps = align(&flat[lo..hi], want);
                let same: Vec<usize> = steps
                    .iter()
                    .filter_map(|s| {
                        if let Step::Same(k) = s {
                            Some(*k)
                        } else {
                            None
                        }
                    })
                    .collect();
                let score = same.len() as f64 / len as f64;
                if score >= self.threshold
                    && best.is_none_or(|b| score > b.0)
                    && let (Some(first), Some(last)) = (same.first(), same.last())
                {
                    best = Some((score, lo + first, lo + last + 1, vi));
                }
                i += 1;
            }
        }
        let (_, start, end, vi) = best?;
        let (text, want) = &self.texts[vi];
        let have = &flat[start..end];
        let steps = align(have, want);
        let differences = describe(&steps, have, text, want, &all[start..end]);
        let (first, last) = (&all[start], &all[end - 1]);
        let doc = ctx.doc;
        let span = Span::new(
            doc.blocks[first.block].span(first.range.clone()).start,
            doc.blocks[last.block].span(last.range.clone()).end,
        );
        let mut d = meta.diagnostic(&[], span);
        d.message = super::fill(&self.near_miss_message, &[("differences", &differences)]);
        d.help = Some(format!("use the exact wording: \"{text}\""));
        // Replace the passage through the end of its last sentence when it sits in one
        // block (not in a catalog export, where the cell's CSV quoting would need to change
        // too). Words after the last matching one are part of the passage too; removing
        // them may change what the copy says, so that fix is not applied automatically.
        if first.block == last.block && doc.format != Format::Csv {
            let block = &doc.blocks[first.block];
            let sentence_end = block
                .sentences
                .iter()
                .find(|s| s.start < last.range.end && last.range.end <= s.end)
                .map_or(block.text.len(), |s| s.end);
            let rest = &block.text[last.range.end..sentence_end];
            let trailing = rest.trim_end();
            let words_dropped = trailing.chars().any(char::is_alphanumeric);
            let end_text = if words_dropped {
                last.range.end + trailing.len()
            } else {
                // Through the closing punctuation, but not a closing quote or bracket.
                last.range.end
                    + trailing
                        .find(|c: char| !matches!(c, '.' | '!' | '?' | ';' | ','))
                        .unwrap_or(trailing.len())
            };
            let start_text = first.range.start;
            let fix_span = block.span(start_text..end_text);
            d.fix = Some(Fix {
                title: "replace with the exact DSHEA disclaimer".into(),
                applicability: if words_dropped {
                    Applicability::Unsafe
                } else {
                    Applicability::Safe
                },
                edits: vec![Edit {
                    span: fix_span,
                    replacement: text.clone(),
                }],
            });
        }
        Some(d)
    }
}

/// Say what differs, grouping runs: `"FDA" in place of "Food and Drug Administration"`.
pub(crate) fn describe(
    steps: &[Step],
    _have: &[&str],
    text: &str,
    want: &[String],
    words: &[DocWord],
) -> String {
    let original: Vec<(std::ops::Range<usize>, String)> = super::required::words(text);
    let want_word = |j: usize| -> String {
        original
            .get(j)
            .map(|(r, _)| text[r.clone()].to_string())
            .unwrap_or_else(|| want[j].clone())
    };
    let mut parts = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    let flush = |missing: &mut Vec<String>, extra: &mut Vec<String>, parts: &mut Vec<String>| {
        match (missing.is_empty(), extra.is_empty()) {
            (false, false) => parts.push(format!(
                "\"{}\" in place of \"{}\"",
                extra.join(" "),
                missing.join(" ")
            )),
            (false, true) => parts.push(format!("\"{}\" is missing", missing.join(" "))),
            (true, false) => parts.push(format!("\"{}\" is not in the wording", extra.join(" "))),
            (true, true) => {}
        }
        missing.clear();
        extra.clear();
    };
    for step in steps {
        match step {
            Step::Same(_) => flush(&mut missing, &mut extra, &mut parts),
            Step::Missing(j) => missing.push(want_word(*j)),
            Step::Extra(i) => extra.push(words[*i].word.to_string()),
        }
    }
    flush(&mut missing, &mut extra, &mut parts);
    if parts.is_empty() {
        return "the words are out of order".into();
    }
    if parts.len() > 3 {
        let more = parts.len() - 3;
        parts.truncate(3);
        parts.push(format!(
            "{more} more difference{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_apostrophes() {
        let w: Vec<String> = words("Isn’t it FDA-evaluated?")
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(w, ["isn't", "it", "fda", "evaluated"]);
    }

    #[test]
    fn written_words_compare_as_their_lowercase_forms() {
        let text = "Isn’t it FDA-evaluated? Don't’";
        let raw: Vec<&str> = raw_words(text).map(|r| &text[r]).collect();
        assert_eq!(raw, ["Isn’t", "it", "FDA", "evaluated", "Don't"]);
        let lowered = words(text);
        for (r, w) in raw.iter().zip(&lowered) {
            assert!(same_word(r, &w.1), "{r} {}", w.1);
        }
        assert!(same_word("Food", "food"));
        assert!(!same_word("Food", "foods"));
        assert!(!same_word("Fo\u{f6}d", "food"));
    }

    #[test]
    fn alignment_finds_replacements() {
        let want: Vec<String> = ["by", "the", "food", "and", "drug", "administration", "this"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let have = ["by", "the", "fda", "this"];
        let steps = align(&have, &want);
        let missing = steps
            .iter()
            .filter(|s| matches!(s, Step::Missing(_)))
            .count();
        let extra = steps.iter().filter(|s| matches!(s, Step::Extra(_))).count();
        assert_eq!((missing, extra), (4, 1));
    }
}
