//! Applying fixes: non-overlapping edits, safe ones only unless asked.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

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
