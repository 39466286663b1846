//! `kind: pattern`: regular expressions over each block of prose, for rules a team writes
//! that are not about a lexicon ("#1 doctor recommended", a banned product name).

use super::{Compiler, Context, LexId, RuleMeta, RuleRegex, TermSource, rule_file};
use crate::diagnostic::Diagnostic;
use serde::Deserialize;

rule_file! {
    /// A pattern rule as written in YAML.
    PatternFile {
        /// Regular expressions (Rust regex syntax); a match is a finding.
        patterns: Vec<String>,
        /// Phrases that, in the same sentence, make a match acceptable.
        #[serde(default)]
        exceptions: Option<TermSource>,
        /// Where to look: `all` prose (the default), or `names`: headings, titles, product
        /// names and other short lines of six words or fewer, where coined words are names.
        #[serde(default)]
        scope: Option<String>,
        /// Whole matches that are ordinary words, not findings ("Diabetes" for a pattern
        /// of coined names that start like it); compared without case.
        #[serde(default)]
        words: Vec<String>,
    }
}

/// A compiled pattern rule.
#[derive(Debug)]
pub struct PatternRule {
    regex: RuleRegex,
    exceptions: Option<LexId>,
    names_only: bool,
    /// Lower-cased whole matches that are not findings.
    words: std::collections::HashSet<String>,
}

/// The most words a block may have to be read as a name when it is not a heading or title.
const NAME_WORDS: usize = 6;

/// Whether a block reads as a name: a heading, a title or product name, or a short line.
fn is_name(block: &crate::document::Block) -> bool {
    use crate::document::BlockKind;
    matches!(block.kind, BlockKind::Heading | BlockKind::FrontMatter)
        || block.text.split_whitespace().count() <= NAME_WORDS
}

/// Compile a pattern rule file.
pub fn compile(f: PatternFile, c: &mut Compiler) -> Result<PatternRule, (String, String)> {
    if f.patterns.is_empty() {
        return Err(("patterns:".into(), "`patterns` is empty".into()));
    }
    let names_only = match f.scope.as_deref() {
        None | Some("all") => false,
        Some("names") => true,
        Some(other) => {
            return Err((
                "scope:".into(),
                format!("`scope` is `{other}`; use `all` or `names`"),
            ));
        }
    };
    Ok(PatternRule {
        names_only,
        words: f.words.iter().map(|w| w.to_lowercase()).collect(),
        regex: c.alternation(&f.patterns)?,
        exceptions: c
            .optional(&f.exceptions, "exceptions")
            .map_err(|e| ("exceptions:".to_string(), e))?,
    })
}

impl PatternRule {
    /// Run the rule over a document.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            if self.names_only && !is_name(block) {
                continue;
            }
            for m in self.regex.get().find_iter(&block.text) {
                if m.is_empty() || self.words.contains(&block.text[m.range()].to_lowercase()) {
                    continue;
                }
                if let Some(ex) = self.exceptions
                    && let Some(s) = block
                        .sentences
                        .get(block.sentences.partition_point(|s| s.end <= m.start()))
                        .filter(|s| s.start <= m.start())
                    && !ctx.matches_in(ex, bi, s).is_empty()
                {
                    continue;
                }
                // A question answered "No" in the next sentence asserts nothing, and nor
                // does a question about whether the product suits the asker ("I have MS and
                // my neurologist wants my levels higher. Is this one okay to take?").
                if let Some(r) = block
                    .sentences
                    .get(block.sentences.partition_point(|s| s.end <= m.start()))
                {
                    let s = super::assertion::SentenceView::new(ctx, bi, r.clone(), None);
                    if s.answered_no().is_some() || super::question::asks_suitability(&s) {
                        continue;
                    }
                }
                let found = &block.text[m.range()];
                out.push(meta.diagnostic(&[("match", found)], block.span(m.range())));
            }
        }
    }
}
