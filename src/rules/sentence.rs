//! One sentence of a block with its clauses, and what lies around it (its section's lead,
//! its table row, the label its paragraph opens with): what the assertion step and the claim
//! rules read.

use super::{Context, LexId};
use std::ops::Range;

/// Words that start a relative clause: what it says belongs to the clause before it
/// ("copper deficiency, which may show up as anemia").
const RELATIVES: &[&str] = &["which", "who", "whom"];

/// How many list items on each side of one `list_siblings` looks at.
const LIST_REACH: usize = 8;

/// Characters that end a clause inside a sentence.
pub fn is_clause_punct(c: char) -> bool {
    matches!(c, ';' | ':' | '—' | '–' | '|')
}

/// One sentence of a block, with its clause boundaries: what assertions and claim rules
/// look at.
pub struct SentenceView<'c, 'a> {
    /// The document's shared matches.
    pub ctx: &'c Context<'a>,
    /// The block.
    pub block: usize,
    /// The block's text.
    pub text: &'a str,
    /// The sentence's range in it.
    pub range: Range<usize>,
    /// Clause boundaries (positions) inside the sentence, sorted.
    breaks: Vec<usize>,
    /// The colons of the sentence, each with whether it leads a list; read once when first
    /// asked for.
    list_colons: std::cell::OnceCell<Vec<(usize, bool)>>,
    /// Whether the sentence, and the next one, ask whether the product suits the asker
    /// (see [`super::question::suitability_question`]); read once when first asked for.
    suitability: std::cell::OnceCell<(bool, bool)>,
}

impl<'c, 'a> SentenceView<'c, 'a> {
    /// The sentence `range` of block `block`, with clauses ended by punctuation and by the
    /// terms of `barriers`.
    pub fn new(
        ctx: &'c Context<'a>,
        block: usize,
        range: Range<usize>,
        barriers: Option<LexId>,
    ) -> Self {
        let text = ctx.doc.blocks[block].text.as_str();
        let mut breaks: Vec<usize> = text[range.clone()]
            .char_indices()
            .filter(|&(_, c)| is_clause_punct(c))
            .map(|(i, _)| range.start + i)
            .collect();
        if let Some(b) = barriers {
            // "including but not limited to" continues its clause.
            breaks.extend(
                ctx.matches_in(b, block, &range)
                    .iter()
                    .filter(|m| {
                        !text[m.range.end..]
                            .get(..15)
                            .is_some_and(|t| t.eq_ignore_ascii_case(" not limited to"))
                    })
                    .map(|m| m.range.start),
            );
            breaks.sort_unstable();
        }
        SentenceView {
            ctx,
            block,
            text,
            range,
            breaks,
            list_colons: std::cell::OnceCell::new(),
            suitability: std::cell::OnceCell::new(),
        }
    }

    /// The matches of lexicon `id` inside `range`.
    pub fn matches_in(&self, id: LexId, range: &Range<usize>) -> &'c [super::lexicon::LexMatch] {
        self.ctx.matches_in(id, self.block, range)
    }

    /// The clause around `pos`.
    pub fn clause_of(&self, pos: usize) -> Range<usize> {
        let i = self.breaks.partition_point(|&b| b <= pos);
        let start = if i == 0 {
            self.range.start
        } else {
            self.breaks[i - 1]
        };
        let end = self.breaks.get(i).copied().unwrap_or(self.range.end);
        start..end
    }

    /// Whether a clause ends between `from` and `to`.
    pub fn barrier_between(&self, from: usize, to: usize) -> bool {
        self.breaks.iter().any(|&b| b > from && b <= to)
    }

    /// Number of words starting in `from..to`.
    pub fn words_between(&self, from: usize, to: usize) -> usize {
        self.ctx.words_between(self.block, from, to)
    }

    /// The start of the word `n` words before `pos`, bounded by the sentence.
    pub fn words_back(&self, pos: usize, n: usize) -> usize {
        let starts = self.ctx.word_starts(self.block);
        let i = starts.partition_point(|&s| s < pos);
        if i < n {
            // Fewer than `n` words before: all of the sentence before `pos`, punctuation too.
            return self.range.start.min(pos);
        }
        starts[i - n].max(self.range.start)
    }

    /// The block that leads this one's section: for a list item, the block before its list
    /// when that is a heading or ends with a colon; otherwise the nearest heading above, in
    /// the same unit (a catalog's product).
    pub fn section_lead(&self) -> Option<usize> {
        use crate::document::BlockKind;
        let blocks = &self.ctx.doc.blocks;
        let unit = self.ctx.doc.unit_of(self.block);
        let mut i = self.block;
        if blocks[i].kind == BlockKind::ListItem {
            while i > 0 && blocks[i - 1].kind == BlockKind::ListItem {
                i -= 1;
            }
            let lead = i.checked_sub(1)?;
            let text = blocks[lead].text.trim_end();
            return (self.ctx.doc.unit_of(lead) == unit
                && (blocks[lead].kind == BlockKind::Heading || text.ends_with(':')))
            .then_some(lead);
        }
        if blocks[i].kind == BlockKind::Heading {
            return None;
        }
        while i > 0 {
            i -= 1;
            if self.ctx.doc.unit_of(i) != unit {
                return None;
            }
            if blocks[i].kind == BlockKind::Heading {
                return Some(i);
            }
        }
        None
    }

    /// The first word at or after `at`, lowercased: what opens a clause.
    pub fn first_word(&self, at: usize) -> String {
        self.text[at..]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    }

    /// The clause `clause` is a relative clause of: the one before it, when it starts with a
    /// relative pronoun ("iron overload, which may show up as liver damage"). The clause
    /// after a mention is not one: "clots, which can cause heart attacks" says what the
    /// disease does.
    pub fn antecedent_clause(&self, clause: &Range<usize>) -> Option<Range<usize>> {
        let starts_relative = |at: usize| RELATIVES.contains(&self.first_word(at).as_str());
        (clause.start > self.range.start && starts_relative(clause.start))
            .then(|| self.clause_of(clause.start - 1))
    }

    /// The clause that leads the list holding `pos`: the one that ends in the last colon of
    /// the sentence before `pos`, when what follows the colon is a list of two or more
    /// short items ("Do not use with: blood thinners, antidepressants"). A label before a
    /// sentence ("Precautions: This product is not meant to replace insulin, ...") leads
    /// no list.
    pub fn list_lead(&self, pos: usize) -> Option<Range<usize>> {
        let colons = self.list_colons.get_or_init(|| self.colons_leading_lists());
        // The last colon before `pos`, and whether it leads a list.
        let i = colons.partition_point(|&(c, _)| c < pos);
        let &(colon, leads) = colons.get(i.checked_sub(1)?)?;
        (leads && colon > self.range.start).then(|| self.clause_of(colon - 1))
    }

    /// Every colon of the sentence, with whether what follows it to the end of the sentence
    /// is a list of two or more short items with no parenthesis or question in it. One pass
    /// from the end: each colon's list is the rest of its item and the items after it.
    fn colons_leading_lists(&self) -> Vec<(usize, bool)> {
        let end = self.range.start
            + self.text[self.range.clone()]
                .trim_end_matches(['.', '!'])
                .len();
        let bad = |t: &str| t.contains(['(', ')', '?']);
        // Items after the one being read: how many (non-empty), all short, any bad.
        let (mut count, mut short, mut any_bad) = (0usize, true, false);
        let mut out = Vec::new();
        let mut item_end = end;
        let starts: Vec<usize> = std::iter::once(self.range.start)
            .chain(
                self.text[self.range.start..end]
                    .match_indices([',', ';'])
                    .map(|(i, _)| self.range.start + i + 1),
            )
            .collect();
        for &item_start in starts.iter().rev() {
            let item = &self.text[item_start..item_end];
            for (i, _) in item
                .match_indices(':')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
            {
                let rest = &item[i + 1..];
                let trimmed = rest.split_whitespace().count();
                let n = count + usize::from(trimmed > 0);
                let ok = short && trimmed <= 6 && !any_bad && !bad(rest) && n >= 2;
                out.push((item_start + i, ok));
            }
            let words = item.split_whitespace().count();
            if words > 0 {
                count += 1;
            }
            // A separator ends its item: it belongs to none.
            short &= words <= 6;
            any_bad |= bad(item);
            item_end = item_start.saturating_sub(1).max(self.range.start);
        }
        out.reverse();
        out
    }

    /// The label a block opens with, as in "WARNINGS: Consult your physician ...": the
    /// words before a colon in the block's first 40 bytes, four words at most.
    pub fn block_label(&self) -> Option<Range<usize>> {
        self.label_at(0, self.text.len().min(40), 4)
    }

    /// The label this sentence opens with inside a paragraph, as flattened text joins a
    /// label's line to the lines before it ("Directions: Take one daily. Caution: Olive leaf
    /// may lower blood pressure."): the words before a colon in the sentence's first 30
    /// bytes, three words at most.
    pub fn sentence_label(&self) -> Option<Range<usize>> {
        self.label_at(
            self.range.start,
            self.range.end.min(self.range.start + 30),
            3,
        )
    }

    /// The words before a colon between `start` and `end`, `words` words at most.
    fn label_at(&self, start: usize, mut end: usize, words: usize) -> Option<Range<usize>> {
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &self.text[start..end];
        let colon = head.find(':')?;
        let n = head[..colon].split_whitespace().count();
        (n > 0 && n <= words).then_some(start..start + colon)
    }

    /// Whether the sentence is a list of short items: "Uses: shingles, warts, gout" (a label
    /// and two or more items), or three or more items with no label ("Joint pain, gout,
    /// bursitis"). Each item of such a list is its own use of the product.
    pub fn is_list(&self) -> bool {
        let mut body = &self.text[self.range.clone()];
        let mut needed = 3;
        let label = self
            .sentence_label()
            .or_else(|| (self.range.start == 0).then(|| self.block_label())?)
            .filter(|l| l.end < self.range.end);
        if let Some(label) = label {
            body = &self.text[label.end + 1..self.range.end];
            needed = 2;
        }
        short_items(body, &[',', ';', '•', '·', '|']) >= needed
    }

    /// The other cells of this block's table row, when the block is a table cell.
    pub fn row_cells(&self) -> Vec<usize> {
        use crate::document::BlockKind;
        let doc = self.ctx.doc;
        let blocks = &doc.blocks;
        if blocks[self.block].kind != BlockKind::TableCell {
            return Vec::new();
        }
        let row_of = |b: usize| doc.layout.row_at(blocks[b].source_span().start);
        let Some(row) = row_of(self.block) else {
            return Vec::new();
        };
        let same = |b: usize| blocks[b].kind == BlockKind::TableCell && row_of(b) == Some(row);
        let mut out = Vec::new();
        let mut i = self.block;
        while i > 0 && same(i - 1) {
            i -= 1;
            out.push(i);
        }
        let mut j = self.block + 1;
        while j < blocks.len() && same(j) {
            out.push(j);
            j += 1;
        }
        out
    }

    /// The sentence after this one in its block, if any.
    /// Whether this sentence asks whether the product suits the asker ("Can I take it with
    /// my statin?"), and whether the next one does: each mention asks, so they are read once.
    pub fn suitability_questions(&self) -> (bool, bool) {
        *self.suitability.get_or_init(|| {
            let asks = |r: Range<usize>| {
                super::question::suitability_question(super::question::bare(&self.text[r]))
            };
            (
                asks(self.range.clone()),
                self.next_sentence().is_some_and(asks),
            )
        })
    }

    pub fn next_sentence(&self) -> Option<Range<usize>> {
        let block = &self.ctx.doc.blocks[self.block];
        let i = block.sentences.iter().position(|r| *r == self.range)?;
        block.sentences.get(i + 1).cloned()
    }

    /// Whether the block is a bibliographic citation: "Author A, et al. Title. Journal.
    /// 2021;8(3):44-52." (a year and a volume), a DOI or a PubMed id, or any block under a
    /// "References" heading.
    pub fn in_citation(&self) -> bool {
        self.ctx.citation(self.block, || self.block_is_citation())
    }

    /// Whether the block's label leads a citation as proof ("Read the study: ...", "Proven:
    /// ..."): marketing, not a reference.
    pub fn citation_as_proof(&self) -> bool {
        self.block_label().is_some_and(|l| {
            let label = self.text[l].to_ascii_lowercase();
            [
                "see",
                "read",
                "study",
                "proof",
                "proven",
                "backed",
                "published",
                "shows",
            ]
            .iter()
            .any(|w| label.split_whitespace().any(|x| x == *w))
        })
    }

    fn block_is_citation(&self) -> bool {
        let text = self.text;
        let year_volume = text.as_bytes().windows(6).any(|w| {
            (w[..2] == *b"19" || w[..2] == *b"20")
                && w[2].is_ascii_digit()
                && w[3].is_ascii_digit()
                && (w[4] == b';' || (w[4] == b' ' && w[5] == b';'))
        });
        // A numbered or plain entry that ends with its journal and year: "... a randomized
        // trial. Journal of Urology Research, 2014."
        let tail = text.trim_end().trim_end_matches(['.', ')']);
        let ends_with_year = tail.len() > 4
            && tail.is_char_boundary(tail.len() - 4)
            && tail[tail.len() - 4..].bytes().all(|b| b.is_ascii_digit())
            && {
                let before = &tail[..tail.len() - 4];
                let l = text.to_ascii_lowercase();
                let keyword = ["journal", " trial", " review", " study", "et al", "reports"]
                    .iter()
                    .any(|w| l.contains(w));
                // "Leach MJ, Moore V. Black cohosh for menopausal symptoms. Cochrane
                // Database Syst Rev. 2012.": an author list, then the journal and year.
                ((before.ends_with(", ") || before.ends_with('(')) && keyword)
                    || (before.ends_with(". ") && (l.contains("et al") || starts_with_author(text)))
            };
        // "Smith et al. found ..." in prose is not a citation: a year and volume, a DOI or a
        // PubMed id is.
        if year_volume || ends_with_year || {
            let l = text.to_ascii_lowercase();
            l.contains("doi:") || l.contains("doi.org/") || l.contains("pmid")
        } {
            return true;
        }
        self.section_lead().is_some_and(|lead| {
            let heading = self.ctx.doc.blocks[lead]
                .text
                .trim()
                .trim_end_matches(':')
                .to_ascii_lowercase();
            matches!(
                heading.as_str(),
                "references"
                    | "reference"
                    | "sources"
                    | "bibliography"
                    | "citations"
                    | "studies cited"
                    | "works cited"
                    | "further reading"
                    | "selected references"
                    | "scientific references"
            )
        })
    }

    /// The other items of this block's list, when it is a list item: the nearest
    /// `LIST_REACH` on each side, so that a list of thousands of items stays linear.
    pub fn list_siblings(&self) -> Vec<usize> {
        use crate::document::BlockKind;
        let blocks = &self.ctx.doc.blocks;
        let unit = self.ctx.doc.unit_of(self.block);
        let item =
            |b: usize| blocks[b].kind == BlockKind::ListItem && self.ctx.doc.unit_of(b) == unit;
        if !item(self.block) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut i = self.block;
        while i > 0 && item(i - 1) && self.block - i < LIST_REACH {
            i -= 1;
            out.push(i);
        }
        let mut j = self.block + 1;
        while j < blocks.len() && item(j) && j - self.block <= LIST_REACH {
            out.push(j);
            j += 1;
        }
        out
    }

    /// When this sentence is a question and the next one answers "No", that answer.
    pub fn answered_no(&self) -> Option<Range<usize>> {
        if !self.text[self.range.clone()].trim_end().ends_with('?') {
            return None;
        }
        let block = &self.ctx.doc.blocks[self.block];
        let i = block.sentences.iter().position(|r| *r == self.range)?;
        let next = block.sentences.get(i + 1)?;
        let answer = self.text[next.clone()].trim_start();
        let offset = next.start + (self.text[next.clone()].len() - answer.len());
        let word: String = answer.chars().take_while(|c| c.is_alphabetic()).collect();
        word.eq_ignore_ascii_case("no")
            .then(|| offset..offset + word.len())
    }
}

/// Whether `text` opens with an author as reference lists write one: a capitalised surname
/// and one to three capital initials, then a comma or full stop ("Leach MJ, Moore V. ...",
/// "1. Smith JA. ...").
fn starts_with_author(text: &str) -> bool {
    let t = text.trim_start();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    let mut words = t.split(' ');
    let (Some(surname), Some(initials)) = (words.next(), words.next()) else {
        return false;
    };
    let initials = initials.trim_end_matches([',', '.']);
    surname.chars().next().is_some_and(char::is_uppercase)
        && surname
            .chars()
            .skip(1)
            .all(|c| c.is_lowercase() || c == '-' || c == '\'')
        && surname.chars().count() > 1
        && (1..=3).contains(&initials.len())
        && initials.chars().all(|c| c.is_ascii_uppercase())
}

/// How many items `text` splits into at `separators` when every item is short (six words
/// at most); 0 when one is longer.
fn short_items(text: &str, separators: &[char]) -> usize {
    let mut n = 0;
    for item in text
        .split(separators)
        .map(str::trim)
        .filter(|i| !i.is_empty())
    {
        if item.split_whitespace().count() > 6 {
            return 0;
        }
        n += 1;
    }
    n
}
