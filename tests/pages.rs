//! The sample pages in fixtures/pages: every diagnostic asserted exactly (rule, line, column
//! and the words it points at), and the compliant page silent.

use claimlint::document::{Format, LineIndex};
use claimlint::rules::RuleSet;
use std::path::Path;

fn diagnostics(name: &str) -> Vec<(String, usize, usize, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pages")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let rules = RuleSet::builtin().unwrap();
    let linted = claimlint::lint(&text, Format::from_path(&path).unwrap(), &rules);
    let index = LineIndex::new(&text);
    linted
        .diagnostics
        .iter()
        .map(|d| {
            let (line, col) = index.line_col(&text, d.span.start);
            (
                d.rule.clone(),
                line,
                col,
                text[d.span.start..d.span.end].to_string(),
            )
        })
        .collect()
}

fn expect(list: &[(&str, usize, usize, &str)]) -> Vec<(String, usize, usize, String)> {
    list.iter()
        .map(|(r, l, c, t)| (r.to_string(), *l, *c, t.to_string()))
        .collect()
}

#[test]
fn product_page_in_plain_text() {
    assert_eq!(
        diagnostics("magnesium-glycinate.txt"),
        expect(&[
            (
                "us-fda/disease-claim",
                5,
                5,
                "Prevents tension, low energy, poor focus and depression"
            ),
            ("us-fda/reference-placeholder", 5, 61, "(reference)"),
            ("us-fda/reference-placeholder", 5, 73, "(ref)"),
            ("us-fda/dshea-disclaimer", 6, 5, "Supports"),
            ("us-fda/reference-placeholder", 6, 29, "(ref)"),
            ("us-fda/reference-placeholder", 7, 45, "(ref)"),
            (
                "us-fda/disease-claim",
                16,
                63,
                "reduce symptoms of depression"
            ),
            (
                "us-fda/disease-claim",
                16,
                133,
                "relieving symptoms of ADHD and anxiety"
            ),
            ("us-fda/disease-claim", 18, 58, "preventing osteoporosis"),
            ("us-fda/unsupported-evidence", 24, 95, "Studies show"),
            ("us-fda/dose-above-upper-limit", 26, 42, "450 mg"),
            ("us-fda/unsupported-evidence", 30, 1, "Research shows"),
            (
                "us-fda/disease-claim",
                30,
                49,
                "help with anxiety and insomnia"
            ),
            ("us-fda/biomarker-claim", 30, 129, "lower blood pressure"),
            ("us-fda/disease-claim", 30, 154, "preventing hypertension"),
            ("us-fda/disease-claim", 32, 19, "fight inflammation"),
            ("us-fda/reference-placeholder", 32, 38, "(ref)"),
            ("us-fda/unsafe-dose-called-safe", 36, 67, "450 mg"),
        ])
    );
}

#[test]
fn faq_in_markdown_with_front_matter() {
    assert_eq!(
        diagnostics("magnesium-faq.md"),
        expect(&[
            (
                "us-fda/deficiency-disease-claim",
                10,
                68,
                "treat or prevent low magnesium in the blood (hypomagnesemia"
            ),
            ("us-fda/disease-claim", 13, 5, "Reducing anxiety"),
            (
                "us-fda/dshea-disclaimer",
                20,
                3,
                "Disclaimer:** This page is for general information only and is not medical advice."
            ),
        ])
    );
}

#[test]
fn compliant_page_is_silent() {
    assert_eq!(diagnostics("compliant.md"), expect(&[]));
}

#[test]
fn messages_name_the_claim_and_help_offers_wording() {
    let text = "Prevents depression.";
    let rules = RuleSet::builtin().unwrap();
    let linted = claimlint::lint(text, Format::Text, &rules);
    let d = linted
        .diagnostics
        .iter()
        .find(|d| d.rule == "us-fda/disease-claim")
        .unwrap();
    assert_eq!(
        d.message,
        "\"Prevents\" with \"depression\" claims to prevent a disease"
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("supports a positive mood"),
        "{:?}",
        d.help
    );
    assert_eq!(d.labels.len(), 2);
    assert_eq!(
        &text[d.labels[0].span.start..d.labels[0].span.end],
        "Prevents"
    );
    assert_eq!(
        &text[d.labels[1].span.start..d.labels[1].span.end],
        "depression"
    );
    assert!(d.cite.as_deref().unwrap().starts_with("21 CFR 101.93(g)"));
}
