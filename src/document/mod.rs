//! The parsed form of one source file: prose blocks whose text maps back to source bytes.
//!
//! Parsers turn markup into [`Block`]s of plain prose. Each block's `text` is what rules read
//! (entities decoded, inline markup removed, line breaks folded to spaces) and its
//! [`OffsetMap`] turns any range of that text back into the exact bytes of the source, so a
//! diagnostic always points at the words in the original file.

mod builder;
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

pub(crate) use builder::BlockBuilder;
pub use builder::OffsetMap;
use builder::Piece;
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
