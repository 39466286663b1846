//! The parsed form of one source file: prose blocks whose text maps back to source bytes.
//!
//! Parsers turn markup into [`Block`]s of plain prose. Each block's `text` is what rules read
//! (entities decoded, inline markup removed, line breaks folded to spaces) and its
//! [`OffsetMap`] turns any range of that text back into the exact bytes of the source, so a
//! diagnostic always points at the words in the original file.

pub mod csv;
pub mod directive;
pub mod front_matter;
pub mod html;
mod json_ld;
pub mod label;
pub mod layout;
pub mod line_index;
pub mod markdown;
pub mod sentences;
pub mod text;

use crate::diagnostic::Span;
use std::ops::Range;
use std::path::Path;

pub use label::Label;
pub use layout::Layout;
pub use line_index::LineIndex;

/// The markup a source is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: blank lines separate paragraphs, bullet lines are list items.
    Text,
    /// CommonMark with GFM tables and footnotes, optional YAML front matter.
    Markdown,
    /// HTML: the visible text, `alt` and `title` attributes, meta descriptions, JSON-LD.
    Html,
    /// A catalog export with a header row; chosen columns are linted, product by product.
    Csv,
}

impl Format {
    /// The format for a file name, by extension; `None` when claimlint does not lint it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Every extension recognised when walking folders.
    pub const EXTENSIONS: &'static [&'static str] = &[
        "txt", "text", "md", "markdown", "mdown", "mkd", "html", "htm", "csv",
    ];
}

/// What kind of prose a block holds. Every block ends sentences at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A paragraph of running text.
    Paragraph,
    /// A heading.
    Heading,
    /// A list item (or a bullet line in plain text).
    ListItem,
    /// A table cell.
    TableCell,
    /// A footnote or reference definition.
    Footnote,
    /// A metadata value that is prose: front matter `title` and `description`, an HTML meta
    /// description, a JSON-LD product `name` or `description`.
    FrontMatter,
}

/// One contiguous piece of the map: `text_len` bytes of block text came from `src_len`
/// bytes of source. When the lengths are equal the piece is verbatim and maps byte for byte;
/// otherwise (a decoded entity, a folded line break) it maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    text_len: usize,
    src_start: usize,
    src_len: usize,
}

impl Piece {
    fn verbatim(&self) -> bool {
        self.text_len == self.src_len
    }
}

/// Maps byte offsets in a block's text to byte offsets in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    fn piece_at(&self, text_offset: usize) -> Option<&Piece> {
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

/// A link (or footnote reference) inside a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link text, in block text offsets.
    pub text_range: Range<usize>,
    /// The target as written (`#`, `TODO`, a URL); for footnotes, `^label`.
    pub dest: String,
    /// The whole link in the source.
    pub span: Span,
}

/// A run of prose with its offset map and sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The prose, normalised.
    pub text: String,
    /// Text offsets to source offsets.
    pub map: OffsetMap,
    /// Sentence ranges in `text`, in order, covering every non-blank part.
    pub sentences: Vec<Range<usize>>,
    /// Links and footnote references in the block.
    pub links: Vec<Link>,
}

impl Block {
    /// The source span of a range of this block's text.
    pub fn span(&self, range: Range<usize>) -> Span {
        self.map.span(range)
    }

    /// The source span of the whole block.
    pub fn source_span(&self) -> Span {
        self.map.span(0..self.text.len())
    }

    /// The link whose text covers a text range, if any.
    pub fn linked(&self, range: &Range<usize>) -> Option<&Link> {
        self.links
            .iter()
            .find(|l| l.text_range.start <= range.start && range.end <= l.text_range.end)
    }
}

/// A suppression directive written as a comment in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// What the directive does.
    pub action: DirectiveAction,
    /// The rule ids it names, each with its source span; empty means every rule.
    pub rules: Vec<(String, Span)>,
    /// The whole comment.
    pub span: Span,
}

/// The suppression directives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveAction {
    /// `claimlint-disable-next-line`: the next line with text.
    DisableNextLine,
    /// `claimlint-disable-line`: the line the comment is on (written at its end).
    DisableLine,
    /// `claimlint-disable`: from here to the matching enable or the end of the file.
    Disable,
    /// `claimlint-enable`: ends a `claimlint-disable`.
    Enable,
}

/// A problem with the input itself, found while parsing (malformed front matter, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it.
    pub help: Option<String>,
}

/// A part of a document that document-wide rules (the required disclaimer, reference
/// entries) judge on its own: one product of a catalog export. A document without units is
/// one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What reports call it, e.g. "row 12, product `magnesium-glycinate`".
    pub name: String,
    /// Its bytes in the source.
    pub span: Span,
    /// Its blocks: a contiguous range of [`Document::blocks`].
    pub blocks: Range<usize>,
    /// Named parts inside it (a row's cells), each with the context reports show for a
    /// finding in it, e.g. "row 12, column `Body (HTML)`, product `magnesium-glycinate`".
    pub parts: Vec<(Span, String)>,
}

/// How to parse, beyond the format: settings from `claimlint.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Which columns of a catalog export are linted and which name the product.
    pub csv: csv::CsvOptions,
    /// The markets this file is linted for, from `market_paths:` in `claimlint.yaml`;
    /// `None` for the configured ones.
    pub markets: Option<Vec<String>>,
    /// Whether the file is a label (its path matches `labels:` in claimlint.yaml): the
    /// checks of what a package must carry run on it.
    pub label: bool,
}

/// A parsed source.
#[derive(Debug, Clone)]
pub struct Document {
    /// The source text (without a byte order mark).
    pub source: String,
    /// The format it was parsed as.
    pub format: Format,
    /// YAML front matter, when present and well-formed.
    pub front_matter: Option<front_matter::FrontMatter>,
    /// The prose, in source order.
    pub blocks: Vec<Block>,
    /// Suppression comments, in source order.
    pub directives: Vec<Directive>,
    /// Problems with the input itself.
    pub problems: Vec<ParseProblem>,
    /// The parts judged separately, in source order; empty when the document is one whole.
    pub units: Vec<Unit>,
    /// Where text added at the end of the copy (a paragraph of its own) is read as prose, as
    /// the parser saw the document: the end of the file, before `</body>` in HTML; `None`
    /// when nothing added there would be (a catalog export, a Markdown file that ends in a
    /// code fence or comment never closed, an HTML page that ends inside a comment).
    pub append_at: Option<usize>,
    /// Table rows and cell breaks the parser saw, for reading panels.
    pub layout: Layout,
    /// The label: Supplement Facts panels, statements, directions.
    pub label: Label,
    /// Parts of the copy claimlint could not read, in source order (an image with no alt
    /// text, a page whose body a script fills in).
    pub unread: Vec<Unread>,
}

/// What claimlint could not read: the words in an image, a page filled in by script, and
/// files skipped whole (those two are found while loading, not parsing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NotRead {
    /// An image with no alt text (missing or empty): any words in it were not checked.
    ImageWithoutAlt,
    /// An HTML page with scripts and next to no text in its body: a browser shows copy that
    /// a script writes, which claimlint never sees.
    FilledByScript,
    /// A file skipped because it is binary.
    Binary,
    /// A file skipped because it is larger than `max_file_size`.
    TooLarge,
}

impl NotRead {
    /// What `n` of them are, e.g. "2 images with no alt text".
    pub fn describe(self, n: usize) -> String {
        let (one, many) = match self {
            NotRead::ImageWithoutAlt => ("image with no alt text", "images with no alt text"),
            NotRead::FilledByScript => ("page filled in by script", "pages filled in by script"),
            NotRead::Binary => ("file skipped as binary", "files skipped as binary"),
            NotRead::TooLarge => ("file skipped as too large", "files skipped as too large"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// A short stable name, for JSON and for the report's markup.
    pub fn as_str(self) -> &'static str {
        match self {
            NotRead::ImageWithoutAlt => "image-without-alt",
            NotRead::FilledByScript => "filled-by-script",
            NotRead::Binary => "binary",
            NotRead::TooLarge => "too-large",
        }
    }
}

/// A part of a document claimlint could not read, and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unread {
    /// What it is.
    pub kind: NotRead,
    /// The markup (the `<img>` tag, the image in Markdown, the `<body>` tag).
    pub span: Span,
}

impl Document {
    /// The serving facts declared in the front matter (`supplement:`), if any.
    pub fn serving_facts(&self) -> Option<&front_matter::ServingFacts> {
        self.front_matter.as_ref().and_then(|f| f.serving.as_ref())
    }

    /// Parse `source` as `format` with default options.
    pub fn parse(source: String, format: Format) -> Document {
        Document::parse_with(source, format, &ParseOptions::default())
    }

    /// Parse `source` as `format`.
    pub fn parse_with(source: String, format: Format, options: &ParseOptions) -> Document {
        let mut doc = Document::empty(source, format);
        match format {
            Format::Text => text::parse(&mut doc),
            Format::Markdown => markdown::parse(&mut doc),
            Format::Html => html::parse(&mut doc),
            Format::Csv => csv::parse(&mut doc, &options.csv),
        }
        for block in &mut doc.blocks {
            // A catalog's cells were split as they were read.
            if block.sentences.is_empty() {
                block.sentences = sentences::split(&block.text);
            }
        }
        let marked = if options.label {
            Some(label::Marked::Config)
        } else if doc.front_matter_says_label() {
            Some(label::Marked::FrontMatter)
        } else {
            None
        };
        if format == Format::Csv {
            // Each cell's label was read as it was parsed.
            doc.label.marked = marked;
        } else {
            doc.label = label::read(&doc, marked);
        }
        doc
    }

    /// Whether the front matter says `kind: label`.
    fn front_matter_says_label(&self) -> bool {
        self.front_matter.as_ref().is_some_and(|f| {
            f.value
                .get("kind")
                .and_then(|k| k.as_str())
                .is_some_and(|k| k.trim().eq_ignore_ascii_case("label"))
        })
    }

    fn empty(source: String, format: Format) -> Document {
        Document {
            source,
            format,
            front_matter: None,
            blocks: Vec::new(),
            directives: Vec::new(),
            problems: Vec::new(),
            units: Vec::new(),
            append_at: None,
            layout: Layout::default(),
            label: Label::default(),
            unread: Vec::new(),
        }
    }

    /// The line ending the source uses (its first one): `\r\n`, a lone `\r` or `\n`, which
    /// is also the answer for a source with no line break. Text added by a fix uses it, so
    /// a file keeps one kind of line ending.
    pub fn line_ending(&self) -> &'static str {
        let at = self.source.find(['\r', '\n']);
        match at.map(|i| &self.source.as_bytes()[i..]) {
            Some([b'\r', b'\n', ..]) => "\r\n",
            Some([b'\r', ..]) => "\r",
            _ => "\n",
        }
    }

    /// The block ranges document-wide rules judge separately: one per unit, or all blocks.
    pub fn unit_blocks(&self) -> Vec<Range<usize>> {
        if self.units.is_empty() {
            std::iter::once(0..self.blocks.len()).collect()
        } else {
            self.units.iter().map(|u| u.blocks.clone()).collect()
        }
    }

    /// The block range of the unit holding block `block`.
    pub fn unit_of(&self, block: usize) -> Range<usize> {
        let i = self.units.partition_point(|u| u.blocks.end <= block);
        self.units
            .get(i)
            .filter(|u| u.blocks.contains(&block))
            .map_or(0..self.blocks.len(), |u| u.blocks.clone())
    }

    /// The unit (a catalog's product) that holds source offset `at`: its index plus one, or
    /// 0 when the document is one whole or `at` lies between units. Facts with the same key
    /// belong to one product.
    pub fn unit_key(&self, at: usize) -> usize {
        let i = self.units.partition_point(|u| u.span.start <= at);
        match i.checked_sub(1) {
            Some(i) if at <= self.units[i].span.end => i + 1,
            _ => 0,
        }
    }

    /// Where a span sits when the document has units: the part's context, else the unit's
    /// name; `None` for a document that is one whole.
    pub fn context(&self, span: Span) -> Option<&str> {
        let i = self
            .units
            .partition_point(|u| u.span.start <= span.start)
            .checked_sub(1)?;
        let unit = &self.units[i];
        if span.start > unit.span.end {
            return None;
        }
        let part = unit
            .parts
            .iter()
            .find(|(s, _)| s.start <= span.start && span.start <= s.end);
        Some(part.map_or(unit.name.as_str(), |(_, c)| c.as_str()))
    }

    /// Iterate over every sentence as `(block index, block, text range)`.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, &Block, Range<usize>)> {
        self.blocks
            .iter()
            .enumerate()
            .flat_map(|(i, b)| b.sentences.iter().map(move |s| (i, b, s.clone())))
    }
}

/// Whether `c` is a format character that shows nothing and joins or splits nothing a
/// reader sees: the soft hyphen that CMS hyphenation inserts, zero-width spaces, joiners and
/// non-joiners, direction marks and embeddings, the word joiner and invisible operators, and
/// the byte order mark inside text. In a word it would hide the word from every rule.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Builds a block's text and offset map piece by piece.
#[derive(Debug)]
pub(crate) struct BlockBuilder {
    kind: BlockKind,
    text: String,
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
