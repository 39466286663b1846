//! What an HTML page holds that claimlint cannot read: images with no alt text, and a body
//! that scripts fill in (a single-page app's shell), so the report can say so.

use crate::diagnostic::Span;
use crate::document::{Block, BlockKind, NotRead, Unread};

/// Fewer words than this in a page's body, with a script on the page, and the page is taken
/// to be filled in by script: a shell of a title, a "loading" line and a mount point.
const SHELL_WORDS: usize = 20;

/// An image with no alt text, when `alt` (the decoded value, if the attribute is there)
/// holds nothing to read.
pub(super) fn image(alt: Option<&str>, tag: Span) -> Option<Unread> {
    alt.is_none_or(|a| a.trim().is_empty()).then_some(Unread {
        kind: NotRead::ImageWithoutAlt,
        span: tag,
    })
}

/// Whether a page with `scripts` scripts (not JSON-LD) and these blocks is filled in by
/// script: next to no words in what the body shows. `body` is where the body starts (its
/// tag, or the end of the head), or 0 when the page has neither.
pub(super) fn filled_by_script(blocks: &[Block], scripts: usize, body: Span) -> Option<Unread> {
    if scripts == 0 {
        return None;
    }
    let words: usize = blocks
        .iter()
        .filter(|b| b.kind != BlockKind::FrontMatter && b.source_span().start >= body.start)
        .map(|b| b.text.split_whitespace().count())
        .sum();
    (words < SHELL_WORDS).then_some(Unread {
        kind: NotRead::FilledByScript,
        span: body,
    })
}
