//! The whole lint of any text in each format with the built-in rules: every span, label and
//! fix edit lies inside the source on char boundaries, positions resolve, and the JSON report
//! parses.
#![no_main]

use claimlint::document::{Format, LineIndex};
use claimlint::report::{Finding, Summary, json};
use claimlint::rules::RuleSet;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = [Format::Text, Format::Markdown, Format::Html, Format::Csv][selector as usize % 4];
    let linted = claimlint::lint(text, format, rules());
    let index = LineIndex::new(text);
    let ok = |s: claimlint::diagnostic::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut findings = Vec::new();
    for d in linted.diagnostics {
        assert!(ok(d.span), "{format:?} {d:?}");
        for l in &d.labels {
            assert!(ok(l.span), "{format:?} label {d:?}");
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(ok(e.span), "{format:?} edit {d:?}");
        }
        findings.push(Finding::new("fuzz", d, text, &index, 0));
    }
    let report = json::render(&findings, &[], &Summary::default());
    serde_json::from_str::<serde_json::Value>(&report).expect("the JSON report parses");
});
