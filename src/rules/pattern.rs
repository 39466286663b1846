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
    }
}

/// A compiled pattern rule.
#[derive(Debug)]
pub struct PatternRule {
    regex: RuleRegex,
    exceptions: Option<LexId>,
}

/// Compile a pattern rule file.
pub fn compile(f: PatternFile, c: &mut Compiler) -> Result<PatternRule, (String, String)> {
    if f.patterns.is_empty() {
        return Err(("patterns:".into(), "`patterns` is empty".into()));
    }
    Ok(PatternRule {
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
            for m in self.regex.get().find_iter(&block.text) {
                if m.is_empty() {
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
                let found = &block.text[m.range()];
                out.push(meta.diagnostic(&[("match", found)], block.span(m.range())));
            }
        }
    }
}
