//! Building a block's text piece by piece, and the offset map that takes any range of that
//! text back to the bytes of the source it came from.

use super::{Block, BlockKind, Link, is_invisible};
use crate::diagnostic::Span;
use std::ops::Range;

/// One contiguous piece of the map: `text_len` bytes of block text came from `src_len`
/// bytes of source. When the lengths are equal the piece is verbatim and maps byte for byte;
/// otherwise (a decoded entity, a folded line break) it maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Piece {
    pub(super) text_start: usize,
    pub(super) text_len: usize,
    pub(super) src_start: usize,
    pub(super) src_len: usize,
}

impl Piece {
    pub(super) fn verbatim(&self) -> bool {
        self.text_len == self.src_len
    }
}

/// Maps byte offsets in a block's text to byte offsets in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pub(super) pieces: Vec<Piece>,
}

impl OffsetMap {
    pub(super) fn piece_at(&self, text_offset: usize) -> Option<&Piece> {
        let idx = self
            .pieces
            .partition_point(|p| p.text_start + p.text_len <= text_offset);
        self.pieces.get(idx).or_else(|| self.pieces.last())
    }

    /// The source offset where the text starting at `text_offset` begins.
    pub fn start(&self, text_offset: usize) -> usize {
        let Some(p) = self.piece_at(text_offset) else {
            return 0;
        };
        if text_offset >= p.text_start + p.text_len {
            return p.src_start + p.src_len;
        }
        let delta = text_offset.saturating_sub(p.text_start);
        if p.verbatim() {
            p.src_start + delta
        } else {
            p.src_start
        }
    }

    /// The source offset where text ending at `text_offset` (exclusive) ends.
    pub fn end(&self, text_offset: usize) -> usize {
        if text_offset == 0 {
            return self.pieces.first().map_or(0, |p| p.src_start);
        }
        // The piece holding the last byte before `text_offset`.
        let Some(p) = self.piece_at(text_offset - 1) else {
            return 0;
        };
        let delta = text_offset.saturating_sub(p.text_start);
        if p.verbatim() {
            p.src_start + delta.min(p.src_len)
        } else {
            p.src_start + p.src_len
        }
    }

    /// The source span of a text range.
    pub fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.start(range.start), self.end(range.end))
    }

    /// The text offset of the first text that stands at or after source offset `src` (the
    /// text's length when none does).
    pub fn text_at(&self, src: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.src_start + p.src_len <= src);
        match self.pieces.get(i) {
            Some(p) if p.verbatim() && p.src_start < src => p.text_start + (src - p.src_start),
            Some(p) => p.text_start,
            None => self.pieces.last().map_or(0, |p| p.text_start + p.text_len),
        }
    }
}

/// Builds a block's text and offset map piece by piece.
#[derive(Debug)]
pub(crate) struct BlockBuilder {
    kind: BlockKind,
    pub(super) text: String,
    pieces: Vec<Piece>,
    links: Vec<Link>,
}

impl BlockBuilder {
    pub(crate) fn new(kind: BlockKind) -> Self {
        BlockBuilder {
            kind,
            text: String::new(),
            pieces: Vec::new(),
            links: Vec::new(),
        }
    }

    /// The kind of block being built.
    pub(crate) fn kind(&self) -> BlockKind {
        self.kind
    }

    /// Make the block one of another kind (a paragraph line that reads as a heading).
    pub(crate) fn set_kind(&mut self, kind: BlockKind) {
        self.kind = kind;
    }

    /// Current length of the text.
    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// Append `text` that stands in the source at `src` (verbatim when the lengths agree).
    /// Invisible format characters ([`is_invisible`]) are left out of the text, their source
    /// bytes spanned over, so "pre&shy;vents" reads as "prevents" and still points at them.
    pub(crate) fn push(&mut self, text: &str, src: Range<usize>) {
        // Every invisible character's UTF-8 starts with one of these bytes.
        if !text.bytes().any(|b| matches!(b, 0xC2 | 0xE2 | 0xEF)) || !text.chars().any(is_invisible)
        {
            return self.push_visible(text, src);
        }
        if text.len() != src.end - src.start {
            // Decoded text (a character reference) stands for its source as a whole.
            let visible: String = text.chars().filter(|&c| !is_invisible(c)).collect();
            return self.push_visible(&visible, src);
        }
        let mut run = 0;
        for (i, c) in text.char_indices() {
            if is_invisible(c) {
                self.push_visible(&text[run..i], src.start + run..src.start + i);
                run = i + c.len_utf8();
            }
        }
        self.push_visible(&text[run..], src.start + run..src.end);
    }

    /// Append `text` with no invisible characters in it.
    fn push_visible(&mut self, text: &str, src: Range<usize>) {
        if text.is_empty() {
            return;
        }
        let piece = Piece {
            text_start: self.text.len(),
            text_len: text.len(),
            src_start: src.start,
            src_len: src.end - src.start,
        };
        // Merge with the previous verbatim piece when both are contiguous.
        if let Some(last) = self.pieces.last_mut()
            && last.verbatim()
            && piece.verbatim()
            && last.src_start + last.src_len == piece.src_start
            && last.text_start + last.text_len == piece.text_start
        {
            last.text_len += piece.text_len;
            last.src_len += piece.src_len;
        } else {
            self.pieces.push(piece);
        }
        self.text.push_str(text);
    }

    /// Append a single space standing for `src` (a line break, markup), unless the text is
    /// empty or already ends in white space.
    pub(crate) fn push_space(&mut self, src: Range<usize>) {
        if self.text.is_empty() || self.text.ends_with(char::is_whitespace) {
            return;
        }
        self.push(" ", src);
    }

    pub(crate) fn add_link(&mut self, link: Link) {
        self.links.push(link);
    }

    /// Finish: `None` when the block holds no visible text.
    pub(crate) fn finish(self) -> Option<Block> {
        if self.text.trim().is_empty() {
            return None;
        }
        Some(Block {
            kind: self.kind,
            text: self.text,
            map: OffsetMap {
                pieces: self.pieces,
            },
            sentences: Vec::new(),
            links: self.links,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_pieces_map_byte_for_byte() {
        let mut b = BlockBuilder::new(BlockKind::Paragraph);
        b.push("Hello", 10..15);
        b.push_space(15..16);
        b.push("world", 16..21);
        let block = b.finish().unwrap();
        assert_eq!(block.text, "Hello world");
        assert_eq!(block.span(0..5), Span::new(10, 15));
        assert_eq!(block.span(6..11), Span::new(16, 21));
        assert_eq!(block.span(2..8), Span::new(12, 18));
    }

    #[test]
    fn replaced_pieces_map_as_a_whole() {
        // "a &amp; b" at source 0: the entity is 5 bytes of source for 1 byte of text.
        let mut b = BlockBuilder::new(BlockKind::Paragraph);
        b.push("a ", 0..2);
        b.push("&", 2..7);
        b.push(" b", 7..9);
        let block = b.finish().unwrap();
        assert_eq!(block.text, "a & b");
        assert_eq!(block.span(2..3), Span::new(2, 7));
        assert_eq!(block.span(0..5), Span::new(0, 9));
        assert_eq!(block.span(4..5), Span::new(8, 9));
    }

    #[test]
    fn gaps_in_the_source_are_spanned_over() {
        // "**bold** text": markup bytes are not in the text but inside the span.
        let mut b = BlockBuilder::new(BlockKind::Paragraph);
        b.push("bold", 2..6);
        b.push(" text", 8..13);
        let block = b.finish().unwrap();
        assert_eq!(block.text, "bold text");
        assert_eq!(block.span(0..9), Span::new(2, 13));
        assert_eq!(block.span(5..9), Span::new(9, 13));
    }
}
