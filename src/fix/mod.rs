//! Applying fixes: non-overlapping edits, safe ones only unless asked, each kept only when
//! linting the result shows it did its job, and writing the result back without ever
//! leaving a half-written file.

use crate::Linted;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::{Format, ParseOptions};
use crate::rules::RuleSet;
use std::collections::HashMap;

mod write;
pub use write::{WriteError, write_atomically};

/// Apply the edits of every fix with `Safe` applicability (or any, when `unsafe_too`) to
/// `source`. Edits that overlap an earlier one are skipped. Returns the new text and how many
/// fixes were applied.
pub fn apply(source: &str, diagnostics: &[Diagnostic], unsafe_too: bool) -> (String, usize) {
    let mut edits: Vec<(&Edit, usize)> = Vec::new();
    let mut fixes = 0;
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability != Applicability::Safe && !unsafe_too {
            continue;
        }
        // A fix applies whole or not at all.
        let overlaps = fix.edits.iter().any(|e| {
            edits.iter().any(|(o, _)| {
                e.span.start < o.span.end && o.span.start < e.span.end
                    || (e.span.is_empty() && o.span.is_empty() && e.span.start == o.span.start)
            })
        });
        if overlaps || fix.edits.iter().any(|e| e.span.end > source.len()) {
            continue;
        }
        edits.extend(fix.edits.iter().map(|e| (e, i)));
        fixes += 1;
    }
    edits.sort_by_key(|(e, i)| (e.span.start, e.span.end, *i));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (e, _) in edits {
        out.push_str(&source[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&source[at..]);
    (out, fixes)
}

/// A text with its safe fixes applied.
#[derive(Debug)]
pub struct Fixed {
    /// The lint of the fixed text (its `document.source` is the text).
    pub linted: Linted,
    /// How many fixes were applied.
    pub count: usize,
}

/// Fixing can make another fix possible (or needed), and a fix can fail: stop after this
/// many tries.
const FIX_ATTEMPTS: usize = 16;

/// Apply the safe fixes of `linted` one at a time, linting the text again after each, and
/// keep a fix only when its finding is gone and no finding is new: a fix whose insertion
/// point turned out to be inside a script, a comment or code would otherwise be written and
/// reported as fixed while the page is broken and the finding stays.
pub fn fix_all(
    mut linted: Linted,
    format: Format,
    rules: &RuleSet,
    options: &ParseOptions,
) -> Fixed {
    let mut count = 0;
    let mut refused: Vec<(String, String)> = Vec::new();
    for _ in 0..FIX_ATTEMPTS {
        let Some(d) = linted.diagnostics.iter().find(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe)
                && !refused.iter().any(|(r, m)| *r == d.rule && *m == d.message)
        }) else {
            break;
        };
        let source = &linted.document.source;
        let (text, n) = apply(source, std::slice::from_ref(d), false);
        let relinted = (n > 0 && text != *source)
            .then(|| crate::lint_with(&text, format, rules, options))
            .filter(|after| removes(&linted.diagnostics, &after.diagnostics, d));
        match relinted {
            Some(after) => {
                linted = after;
                count += 1;
            }
            None => refused.push((d.rule.clone(), d.message.clone())),
        }
    }
    Fixed { linted, count }
}

/// Whether going from `before` to `after` removed `fixed` and added nothing, comparing
/// findings by rule and message (positions move with the fix).
fn removes(before: &[Diagnostic], after: &[Diagnostic], fixed: &Diagnostic) -> bool {
    let mut count: HashMap<(&str, &str), isize> = HashMap::new();
    for d in before {
        *count.entry((&d.rule, &d.message)).or_default() += 1;
    }
    for d in after {
        *count.entry((&d.rule, &d.message)).or_default() -= 1;
    }
    count.values().all(|&c| c >= 0) && count[&(fixed.rule.as_str(), fixed.message.as_str())] > 0
}
