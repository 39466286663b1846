//! When a document is a label: `labels:` in claimlint.yaml (globs, as `include` takes
//! them) or `kind: label` in front matter. The label-only checks (identity, net quantity,
//! place of business, adverse-event contact, allergens, the iron warning) run on those and
//! on no other document; the approval check runs on every document.

mod common;
use common::claimlint;

use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// A label that carries none of the required statements and makes an approval claim.
const BARE: &str = "Magnesium Glycinate\n\nSupplement Facts\nServing Size: 2 Capsules\n\
Magnesium (as magnesium glycinate)   200 mg   48%\n\n\
Other Ingredients: whey protein, gelatin.\n\nFDA approved.\n";

/// The label-only rules.
const LABEL_RULES: &[&str] = &[
    "us-fda/adverse-event-contact",
    "us-fda/allergen-declaration",
    "us-fda/net-quantity",
    "us-fda/place-of-business",
    "us-fda/statement-of-identity",
];

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The rules that fired, by path, from a JSON report.
fn fired(out: &[u8]) -> Vec<(String, String)> {
    let report: Value = serde_json::from_slice(out).unwrap();
    let mut v: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("us-fda/"))
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn expected(path: &str, label: bool) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = std::iter::once("us-fda/fda-approval-claim")
        .chain(if label { LABEL_RULES } else { &[] }.iter().copied())
        .map(|r| (path.to_string(), r.to_string()))
        .collect();
    v.sort();
    v
}

#[test]
fn labels_globs_pick_the_label_checks_and_a_page_is_never_asked_for_them() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "claimlint.yaml", "labels: [\"labels/**\"]\n");
    write(dir.path(), "labels/magnesium.txt", BARE);
    write(dir.path(), "blog/magnesium.txt", BARE);
    let out = claimlint(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut want = expected("blog/magnesium.txt", false);
    want.extend(expected("labels/magnesium.txt", true));
    assert_eq!(fired(&out.stdout), want);
}

#[test]
fn front_matter_kind_label_marks_a_label_without_config() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "label.md",
        &format!("---\nkind: label\n---\n\n{BARE}"),
    );
    write(
        dir.path(),
        "page.md",
        &format!("---\nkind: page\n---\n\n{BARE}"),
    );
    let out = claimlint(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "label.md",
            "page.md",
        ])
        .output()
        .unwrap();
    let mut want = expected("label.md", true);
    want.extend(expected("page.md", false));
    want.sort();
    assert_eq!(fired(&out.stdout), want);
}

#[test]
fn standard_input_is_a_label_when_its_name_matches() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "claimlint.yaml", "labels: [\"labels/*.txt\"]\n");
    for (name, label) in [("labels/x.txt", true), ("pages/x.txt", false)] {
        let out = claimlint(dir.path())
            .args(["check", "--format", "json", "--stdin-filename", name, "-"])
            .write_stdin(BARE)
            .output()
            .unwrap();
        assert_eq!(fired(&out.stdout), expected(name, label), "{name}");
    }
}

#[test]
fn an_invalid_labels_glob_is_a_config_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "claimlint.yaml", "labels: [\"labels/[\"]\n");
    write(dir.path(), "a.txt", "Text.\n");
    let out = claimlint(dir.path())
        .args(["check", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`labels`: invalid glob `labels/[`"), "{err}");
    assert!(err.contains("claimlint.yaml:1:"), "{err}");
}

#[test]
fn the_label_category_is_in_the_json_report() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "label.md",
        &format!("---\nkind: label\n---\n\n{BARE}"),
    );
    let out = claimlint(dir.path())
        .args(["check", "--no-config", "--format", "json", "label.md"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["version"], 2);
    let categories: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["category"].as_str().unwrap()))
        .collect();
    for (rule, category) in categories {
        let want = if LABEL_RULES.contains(&rule) {
            "label"
        } else {
            "other"
        };
        assert_eq!(category, want, "{rule}");
    }
}

#[test]
fn a_statement_rule_with_an_unknown_check_or_a_bad_table_is_an_error_at_its_file() {
    let dir = TempDir::new().unwrap();
    let rule = |check: &str, extra: &str| {
        format!(
            "id: brand/x\nkind: statement\ncheck: {check}\ncategory: label\nseverity: error\n\
             message: m\nhelp: h\n{extra}"
        )
    };
    write(dir.path(), "a.txt", "Text.\n");
    write(dir.path(), "one/x.yaml", &rule("nutrition-facts", ""));
    write(
        dir.path(),
        "two/x.yaml",
        &rule("allergens", "table: data/allergens.yaml\n"),
    );
    write(
        dir.path(),
        "two/data/allergens.yaml",
        "allergens:\n  - {allergen: milk, cite: c, declare: milk, example: milk, names: [milk, whey]}\n  - {allergen: egg, cite: c, declare: egg, example: egg, names: [egg, whey]}\n",
    );
    for (folder, want) in [
        ("one", "unknown statement check `nutrition-facts`"),
        ("two", "`whey` is listed twice (also under `milk`)"),
    ] {
        write(
            dir.path(),
            "claimlint.yaml",
            &format!("packs: []\nrule_files: [{folder}]\n"),
        );
        let out = claimlint(dir.path())
            .args(["check", "a.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{folder}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{folder}: {err}");
        assert!(err.contains("x.yaml"), "{folder}: {err}");
    }
}
