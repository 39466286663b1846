//! Rules are data, rule kinds are code.
//!
//! A rule is one YAML file whose `kind` picks one of the typed kinds below. Loading is
//! strict: an unknown field, a wrong type, a bad regex or a missing lexicon is an error that
//! names the file, line and column. The built-in packs under `rules/` are embedded in the
//! binary; users add rule files and lexicon terms through `claimlint.yaml`.

mod answer;
pub mod assertion;
pub mod claim;
pub mod dose;
mod hashtag;
pub mod health_claim;
pub mod lexicon;
pub mod mention;
pub mod panel;
pub mod pattern;
mod question;
pub mod reference;
pub mod register;
pub mod required;
pub mod sentence;
pub mod statement;

mod compiler;
mod context;
mod error;
mod meta;
mod pack;
mod regex;
mod set;

pub use compiler::{Compiler, TermSource};
pub use context::Context;
pub use error::LoadError;
pub(crate) use meta::rule_file;
pub use meta::{RuleMeta, fill};
pub use pack::{RuleOverride, RuleSetSpec, SourceFile, builtin_pack, builtin_pack_names};
pub use regex::{Regex, RuleRegex, compile_alternation, compile_regex};
pub use set::RuleSet;

use serde::Deserialize;

/// Only the `kind` of a rule file, read first to pick the typed kind.
#[derive(Deserialize)]
struct KindProbe {
    kind: Option<String>,
    id: Option<String>,
}

/// The kinds a rule can have.
pub const KINDS: &[&str] = &[
    "claim",
    "mention",
    "health-claim",
    "required",
    "dose",
    "reference",
    "pattern",
    "register",
    "panel",
    "statement",
];

/// A compiled rule of some kind.
#[derive(Debug)]
pub enum RuleKind {
    /// Claim words near target terms (disease claims).
    Claim(claim::ClaimRule),
    /// Text that must appear (the DSHEA disclaimer).
    Required(required::RequiredRule),
    /// Amounts against upper limits.
    Dose(dose::DoseRule),
    /// Evidence and reference checks.
    Reference(reference::ReferenceRule),
    /// Regular expressions.
    Pattern(pattern::PatternRule),
    /// Disease mentions that nothing excuses.
    Mention(mention::MentionRule),
    /// Lawful health claims, and ones that dropped their qualifier.
    HealthClaim(health_claim::HealthClaimRule),
    /// Claims against a register of authorised claims, amounts against reference values,
    /// statements a label must carry.
    Register(register::RegisterRule),
    /// What a Supplement Facts panel says, against 21 CFR 101.36 and 101.54.
    Panel(panel::PanelRule),
    /// Statements a label must carry, and approval claims the copy must not make.
    Statement(statement::StatementRule),
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Id, category, severity, message, docs.
    pub meta: RuleMeta,
    /// What it checks.
    pub kind: RuleKind,
    /// The kind's name.
    pub kind_name: &'static str,
    /// The market the rule's pack belongs to (`us` for us-fda); `None` for a pack or rule
    /// file of the user's own, which runs for every market a page is linted for.
    pub market: Option<String>,
}

impl Rule {
    /// The rule's full documentation as Markdown: what `claimlint explain` prints and what
    /// `docs/rules/` holds.
    pub fn documentation(&self) -> String {
        let m = &self.meta;
        let mut out = format!("# {}\n\n{}\n\n", m.id, m.summary);
        out.push_str(&format!("- kind: `{}`\n", self.kind_name));
        out.push_str(&format!("- category: `{}`\n", m.category));
        out.push_str(&format!("- default severity: `{}`\n", m.severity));
        if let Some(c) = &m.cite {
            out.push_str(&format!("- regulation: {c}\n"));
        }
        out.push('\n');
        out.push_str(m.docs.trim());
        out.push('\n');
        out
    }
}

/// Identifies a compiled lexicon within a [`RuleSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LexId(pub usize);
