//! claimlint: a linter for the marketing copy of dietary supplements.
//!
//! The pipeline runs one way: load (bytes to text) → [`document`] (prose blocks mapped to
//! source bytes) → [`rules`] (a compiled [`rules::RuleSet`] checks the document) →
//! [`suppress`] (comments in the source) → [`report`]. The engine does no I/O; the CLI in
//! `main.rs` (with `src/cli/`) walks files and prints.
//!
//! ```
//! use claimlint::{document::Format, lint, rules::RuleSet};
//! let rules = RuleSet::builtin().expect("built-in rules load");
//! let result = lint("Our blend prevents migraines.", Format::Text, &rules);
//! assert!(result.diagnostics.iter().any(|d| d.rule == "us-fda/disease-claim"));
//! ```

// Load errors carry the file's text and position so they can be shown like rustc's; they are
// built once per bad file, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod eval;
pub mod fix;
pub mod internal;
pub mod lean_regex;
pub mod load;
pub mod lsp;
pub mod market;
pub mod report;
pub mod rules;
pub mod suppress;
#[cfg(test)]
mod testing;
pub mod walk;
pub mod yaml;

use diagnostic::{Category, Diagnostic, Severity};
use document::{Document, Format, ParseOptions};
use rules::RuleSet;

/// The result of linting one source.
#[derive(Debug, Clone)]
pub struct Linted {
    /// The parsed document (its `source` is the text that was linted).
    pub document: Document,
    /// Findings after suppressions, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Linted {
    /// Whether the input itself had problems (malformed front matter, a bad directive).
    pub fn has_input_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.rule == suppress::INVALID_INPUT)
    }
}

/// Lint `text` as `format` with `rules`.
pub fn lint(text: &str, format: Format, rules: &RuleSet) -> Linted {
    lint_with(text, format, rules, &ParseOptions::default())
}

/// Lint `text` as `format` with `rules`, parsing with `options` (from `claimlint.yaml`).
pub fn lint_with(text: &str, format: Format, rules: &RuleSet, options: &ParseOptions) -> Linted {
    let document = Document::parse_with(text.to_string(), format, options);
    let mut diagnostics = rules.check_for(&document, options.markets.as_deref());
    for p in &document.problems {
        let mut d = Diagnostic::new(
            suppress::INVALID_INPUT,
            Category::Other,
            Severity::Error,
            p.message.clone(),
            p.span,
        );
        d.help = p.help.clone();
        diagnostics.push(d);
    }
    let diagnostics = suppress::apply(&document, rules, diagnostics);
    let mut diagnostics = diagnostics;
    if !document.units.is_empty() {
        for d in &mut diagnostics {
            d.context = document.context(d.span).map(str::to_string);
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    Linted {
        document,
        diagnostics,
    }
}
