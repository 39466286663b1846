//! Human output points where the machine formats point: each finding's header names the
//! line and column of its span, as JSON, SARIF and GitHub annotations do, and the snippet
//! shows the words the message is about.

mod common;
use common::claimlint;

use serde_json::Value;
use std::path::Path;

#[test]
fn every_header_is_at_the_span_the_json_report_gives() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let json = claimlint(root)
        .args(["check", "--no-config", "--format", "json", "fixtures/pages"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let expected: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["path"].as_str().unwrap(),
                d["span"]["line"],
                d["span"]["column"]
            )
        })
        .collect();
    let human = claimlint(root)
        .args(["check", "--no-config", "--color", "never", "fixtures/pages"])
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    let headers: Vec<String> = human
        .lines()
        .filter_map(|l| l.split_once("╭─[").map(|(_, rest)| rest))
        .map(|rest| rest.trim_end_matches(']').to_string())
        .collect();
    assert_eq!(headers, expected);
    assert!(expected.len() > 20, "the sample pages have many findings");
}

#[test]
fn a_wrong_disclaimer_is_shown_with_the_claim_that_needs_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = claimlint(root)
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "fixtures/pages/magnesium-faq.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let finding = text
        .split("\n\n")
        .skip_while(|p| !p.starts_with("us-fda/dshea-disclaimer"))
        .nth(1)
        .unwrap();
    assert!(
        finding.contains("╭─[fixtures/pages/magnesium-faq.md:20:3]"),
        "{finding}"
    );
    // The disclaimer the message calls "this disclaimer" is in the snippet, underlined,
    // and so is the claim that needs the real one, labelled.
    assert!(
        finding.contains(
            " 20 │ **Disclaimer:** This page is for general information only and is not medical advice."
        ),
        "{finding}"
    );
    assert!(
        finding.contains("╰── structure/function claim that needs the DSHEA disclaimer"),
        "{finding}"
    );
}

#[test]
fn wrapped_help_never_breaks_a_word_at_its_hyphens() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("page.md"),
        "# Tea\n\n<!-- claimlint-disabel-next-line -->\nA calm cup.\n",
    )
    .unwrap();
    for width in ["60", "80", "100"] {
        let out = claimlint(dir.path())
            .args(["check", "--no-config", "--color", "never", "page.md"])
            .env("COLUMNS", width)
            .output()
            .unwrap();
        let human = String::from_utf8(out.stdout).unwrap();
        assert!(human.contains("claimlint-enable"), "{human}");
        for line in human.lines() {
            assert!(
                !line.trim_end().ends_with("claimlint-"),
                "width {width}: a word broken at its hyphen:\n{human}"
            );
        }
    }
}

#[test]
fn a_finding_that_names_thousands_of_mentions_draws_a_few() {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "Customer stories: {}\n",
        "gout and eczema and asthma and ".repeat(2000)
    );
    std::fs::write(dir.path().join("stories.txt"), &page).unwrap();
    let json = claimlint(dir.path())
        .args(["check", "--no-config", "--format", "json", "stories.txt"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let labels = report["diagnostics"][0]["labels"].as_array().unwrap().len();
    assert!(
        labels > 1000,
        "the JSON report keeps every mention: {labels}"
    );
    let human = claimlint(dir.path())
        .args(["check", "--no-config", "--color", "never", "stories.txt"])
        .output()
        .unwrap();
    // Drawn with its thousands of labels, this finding was hundreds of megabytes.
    assert!(
        human.stdout.len() < 20_000,
        "{} bytes of output",
        human.stdout.len()
    );
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("names a disease"), "{text}");
}
