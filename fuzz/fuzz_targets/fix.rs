//! `--fix` on any document, the first byte picking the format. Every safe fix a rule offers,
//! applied alone, must remove its finding and bring no new one, and must change the text only
//! where its edits are: the fixed text with each edit's inserted text put back to what it
//! replaced is the original, byte for byte. The whole fix loop (`fix::fix_all`, what `--fix`
//! runs) must keep the same two promises.
#![no_main]

use claimlint::diagnostic::{Applicability, Diagnostic, Edit};
use claimlint::document::{Format, ParseOptions};
use claimlint::fix::{apply, fix_all};
use claimlint::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

/// Findings by rule and message, counted (positions move with a fix).
fn counts(diagnostics: &[Diagnostic]) -> HashMap<(String, String), isize> {
    let mut c = HashMap::new();
    for d in diagnostics {
        *c.entry((d.rule.clone(), d.message.clone())).or_default() += 1;
    }
    c
}

/// `fixed` with each of `edits` (sorted, applied to `original`) undone.
fn undo(fixed: &str, original: &str, edits: &[&Edit]) -> String {
    let mut out = String::new();
    let mut at = 0; // in `fixed`
    let mut from = 0; // in `original`
    for e in edits {
        let start = at + (e.span.start - from);
        out.push_str(&fixed[at..start]);
        let end = start + e.replacement.len();
        assert_eq!(
            &fixed[start..end],
            e.replacement,
            "the edit is where it says"
        );
        out.push_str(&original[e.span.start..e.span.end]);
        at = end;
        from = e.span.end;
    }
    out.push_str(&fixed[at..]);
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = [Format::Text, Format::Markdown, Format::Html, Format::Csv][selector as usize % 4];
    let options = ParseOptions::default();
    let linted = claimlint::lint_with(text, format, rules(), &options);
    let before = counts(&linted.diagnostics);
    for d in &linted.diagnostics {
        let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| f.applicability == Applicability::Safe)
        else {
            continue;
        };
        let (fixed, n) = apply(text, std::slice::from_ref(d), false);
        if n == 0 {
            continue;
        }
        let mut edits: Vec<&Edit> = fix.edits.iter().collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        assert_eq!(undo(&fixed, text, &edits), text, "{format:?}: {d:?}");
        let after = claimlint::lint_with(&fixed, format, rules(), &options);
        let mut left = before.clone();
        for (k, n) in counts(&after.diagnostics) {
            *left.entry(k).or_default() -= n;
        }
        assert!(
            left.values().all(|&n| n >= 0),
            "{format:?}: the fix of {d:?} brought a new finding into {fixed:?}"
        );
        assert!(
            left[&(d.rule.clone(), d.message.clone())] > 0,
            "{format:?}: the fix of {d:?} left its finding in {fixed:?}"
        );
    }
    let done = fix_all(linted, format, rules(), &options);
    let mut left = before.clone();
    for (k, n) in counts(&done.linted.diagnostics) {
        *left.entry(k).or_default() -= n;
    }
    assert!(
        left.values().all(|&n| n >= 0),
        "{format:?}: fix_all brought a finding"
    );
    assert!(done.count == 0 || done.linted.document.source != text);
});
