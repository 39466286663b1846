//! Properties of linting any input, on generated mixtures of prose with disease words,
//! Markdown and HTML syntax, entities, front matter fences, CSV quoting, CR/LF, multibyte
//! characters and suppression comments, in every format:
//! - every span (diagnostic, labels, fix edits) lies inside the file on char boundaries;
//! - reported lines and columns agree with the byte offsets;
//! - the JSON report always parses;
//! - linting is deterministic;
//! - a suppression comment suppresses exactly the rule it names.

mod common;
use common::rules;

use claimlint::diagnostic::{Diagnostic, Span};
use claimlint::document::{Format, LineIndex};
use claimlint::lint;
use claimlint::report::{Finding, Position, Summary, json};
use proptest::prelude::*;

const FORMATS: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Csv];

/// Pieces of copy and markup the generator strings together.
const FRAGMENTS: &[&str] = &[
    // Prose, claims and near misses.
    "Our tea ",
    "supports a calm mood. ",
    "It prevents migraines. ",
    "cures ",
    "arthritis",
    "cancer. ",
    "Studies show it works. ",
    "clinically proven ",
    "a miracle ",
    "Take 5000 mg of vitamin C daily. ",
    "[1] ",
    "(ref) ",
    "Dr. Lee, e.g. ",
    "lowers blood pressure ",
    "not intended to diagnose, treat, cure, or prevent any disease. ",
    // Multibyte characters, some that change length when case-folded.
    "café ",
    "naïve ",
    "😀",
    "—",
    "™",
    "İ",
    "ﬃ",
    "e\u{301}",
    "\u{2028}",
    "ß",
    // Markdown.
    "# ",
    "- ",
    "> ",
    "1. ",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "    ",
    "[link](#)",
    "[doc](TODO)",
    "![prevents flu](a.png)",
    "| a | b |\n|---|---|\n| cures gout | x |\n",
    "[^1]",
    "[^1]: A note.\n",
    "\\",
    // HTML.
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "<a href=\"#\">",
    "</a>",
    "<img alt=\"cures gout\">",
    "<meta name=\"description\" content=\"prevents flu\">",
    "<title>",
    "<!-- note -->",
    "<!--",
    "-->",
    "<",
    ">",
    "&amp;",
    "&nbsp;",
    "&eacute;",
    "&#x27;",
    "&#0;",
    "&#xD800;",
    "&notin",
    "&",
    // Front matter.
    "---\n",
    "title: It cures gout\n",
    "description: [",
    ": : :\n",
    // CSV.
    ",",
    "\"",
    "\"\"",
    "Handle,Title,Body (HTML)\n",
    // Line endings and space.
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "\t",
    // Suppression comments.
    "<!-- claimlint-disable-next-line us-fda/disease-claim -->\n",
    "<!-- claimlint-disable -->",
    "<!-- claimlint-enable -->",
    "<!-- claimlint-disable us-fda/no-such-rule -->",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => prop::collection::vec(any::<char>(), 1..4).prop_map(String::from_iter),
    ]
}

fn copy() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..48).prop_map(|v| v.concat())
}

/// Copy with no comments and no fences: the fragments that open neither.
fn plain_copy() -> impl Strategy<Value = String> {
    let plain: Vec<&str> = FRAGMENTS
        .iter()
        .copied()
        .filter(|f| !f.contains("<!--") && !f.contains("---"))
        .collect();
    let piece = prop_oneof![
        6 => prop::sample::select(plain).prop_map(str::to_string),
        1 => prop::collection::vec(any::<char>(), 1..4).prop_map(String::from_iter),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|v| v.concat())
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(&FORMATS[..])
}

/// 1-based line and character column of `offset`, counted the slow, obvious way:
/// `\n`, `\r\n` and a lone `\r` each end a line.
fn naive_line_col(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        let lone_cr = c == '\r' && chars.peek().is_none_or(|&(_, n)| n != '\n');
        if c == '\n' || lone_cr {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

fn inside(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn check_position(text: &str, span: Span, p: &Position, bom: usize) {
    assert_eq!((p.start, p.end), (span.start + bom, span.end + bom));
    assert_eq!(
        (p.line, p.column),
        naive_line_col(text, span.start),
        "{span:?}"
    );
    assert_eq!(
        (p.end_line, p.end_column),
        naive_line_col(text, span.end),
        "{span:?}"
    );
}

/// Rule, shifted span and message of each finding, for comparing two runs.
fn summary(diagnostics: &[Diagnostic], shift: usize) -> Vec<(String, usize, usize, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.clone(),
                d.span.start.saturating_sub(shift),
                d.span.end.saturating_sub(shift),
                d.message.clone(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn spans_positions_and_json_hold_for_any_copy(text in copy(), format in format(), bom in any::<bool>()) {
        let linted = lint(&text, format, rules());
        let bom = if bom { 3 } else { 0 };
        let index = LineIndex::new(&text);
        let mut findings = Vec::new();
        for d in linted.diagnostics {
            prop_assert!(inside(&text, d.span), "{:?} {:?}", format, d);
            for l in &d.labels {
                prop_assert!(inside(&text, l.span), "label {:?} {:?}", format, d);
            }
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                prop_assert!(inside(&text, e.span), "edit {:?} {:?}", format, d);
            }
            prop_assert!(!d.message.is_empty() && !d.message.ends_with('.'), "{:?}", d);
            let f = Finding::new("copy", d, &text, &index, bom);
            check_position(&text, f.diagnostic.span, &f.position, bom);
            for (l, p) in f.diagnostic.labels.iter().zip(&f.label_positions) {
                check_position(&text, l.span, p, bom);
            }
            let edits = f.diagnostic.fix.iter().flat_map(|x| &x.edits);
            for (e, p) in edits.zip(&f.edit_positions) {
                check_position(&text, e.span, p, bom);
            }
            findings.push(f);
        }
        let report = json::render(&findings, &[], &Summary::default());
        let value: serde_json::Value = serde_json::from_str(&report).expect("JSON parses");
        prop_assert_eq!(value["diagnostics"].as_array().map(Vec::len), Some(findings.len()));
    }

    #[test]
    fn linting_is_deterministic(text in copy(), format in format()) {
        let a = lint(&text, format, rules()).diagnostics;
        let b = lint(&text, format, rules()).diagnostics;
        prop_assert_eq!(a, b);
    }

    #[test]
    fn a_suppression_comment_suppresses_exactly_the_rule_it_names(
        body in plain_copy(),
        format in prop::sample::select(&[Format::Text, Format::Markdown, Format::Html][..]),
        pick in any::<prop::sample::Index>(),
    ) {
        // Comments and fences in the body are the other properties' business: here the
        // only suppression is the one added, and the body cannot open front matter.
        prop_assume!(!body.contains("claimlint-") && !body.contains("<!--") && !body.contains("---"));
        let before = lint(&body, format, rules()).diagnostics;
        let fired: Vec<&str> = before
            .iter()
            .map(|d| d.rule.as_str())
            .filter(|r| r.starts_with("us-fda/"))
            .collect();
        prop_assume!(!fired.is_empty());
        let rule = fired[pick.index(fired.len())].to_string();
        let prefix = format!("<!-- claimlint-disable {rule} -->\n\n");
        let after = lint(&format!("{prefix}{body}"), format, rules()).diagnostics;
        let expected: Vec<_> = summary(&before, 0)
            .into_iter()
            .filter(|d| d.0 != rule)
            .collect();
        prop_assert_eq!(summary(&after, prefix.len()), expected);
    }
}
