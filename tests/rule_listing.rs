//! `claimlint rules` and `claimlint explain`: every id a finding can carry is listed and
//! explained (claimlint's own included), and a user rule without a summary reads as prose,
//! not as its message template.

mod common;
use common::claimlint;

use std::fs;
use tempfile::TempDir;

fn stdout(dir: &std::path::Path, args: &[&str]) -> (String, i32) {
    let out = claimlint(dir).args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn claimlints_own_rules_are_listed_and_explained() {
    let dir = TempDir::new().unwrap();
    let (list, code) = stdout(dir.path(), &["rules"]);
    assert_eq!(code, 0);
    let ids: Vec<&str> = list
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    for id in [
        "claimlint/invalid-input",
        "claimlint/unknown-rule",
        "claimlint/unused-suppression",
    ] {
        assert!(ids.contains(&id), "{id} not in\n{list}");
        let (doc, code) = stdout(dir.path(), &["explain", id]);
        assert_eq!(code, 0, "explain {id}");
        assert!(doc.starts_with(&format!("# {id}\n")), "{doc}");
        for section in [
            "## What it checks",
            "## Why it matters",
            "## Example",
            "## Fix",
        ] {
            assert!(doc.contains(section), "{id} lacks {section}");
        }
    }
    let line = list
        .lines()
        .find(|l| l.starts_with("claimlint/unused-suppression"))
        .unwrap();
    assert_eq!(
        line.split_whitespace().take(3).collect::<Vec<_>>(),
        ["claimlint/unused-suppression", "other", "info"]
    );
    // By name too, as pack rules are.
    let (doc, _) = stdout(dir.path(), &["explain", "unused-suppression"]);
    assert!(doc.starts_with("# claimlint/unused-suppression\n"), "{doc}");

    // The list follows the config.
    fs::write(
        dir.path().join("claimlint.yaml"),
        "rules:\n  claimlint/unused-suppression: off\n  claimlint/unknown-rule: error\n",
    )
    .unwrap();
    let (list, _) = stdout(dir.path(), &["rules"]);
    let off = list
        .lines()
        .find(|l| l.starts_with("claimlint/unused-suppression"))
        .unwrap();
    assert!(off.ends_with("  (off in claimlint.yaml)"), "{list}");
    let line = list
        .lines()
        .find(|l| l.starts_with("claimlint/unknown-rule"))
        .unwrap();
    assert!(line.contains(" error "), "{line}");
    let (json, _) = stdout(dir.path(), &["rules", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let entry = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "claimlint/unknown-rule")
        .unwrap();
    assert_eq!(entry["kind"], "internal");
    assert_eq!(entry["severity"], "error");
}

#[test]
fn a_user_rule_without_a_summary_is_listed_by_what_it_checks() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("brand")).unwrap();
    let rule = |id: &str, docs: &str| {
        format!(
            "id: {id}\nkind: pattern\ncategory: other\nseverity: warning\n\
             message: '\"{{match}}\" is a word the brand guide retired'\n\
             help: 'say \"{{match}}\" another way'\npatterns: ['(?i)\\bsuperfood\\b']\n{docs}"
        )
    };
    fs::write(
        dir.path().join("brand/retired.yaml"),
        rule("brand/retired-word", ""),
    )
    .unwrap();
    fs::write(
        dir.path().join("brand/documented.yaml"),
        rule(
            "brand/documented-word",
            "docs: |\n  ## What it checks\n  Words the brand guide of 2024 retired. More text.\n",
        ),
    )
    .unwrap();
    fs::write(dir.path().join("claimlint.yaml"), "rule_files: [brand]\n").unwrap();
    let (list, code) = stdout(dir.path(), &["rules"]);
    assert_eq!(code, 0, "{list}");
    let summary = |id: &str| {
        let line = list.lines().find(|l| l.starts_with(id)).unwrap();
        // id, category, severity, summary: columns two spaces apart or more.
        let columns: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        columns[3..].join("  ")
    };
    assert_eq!(
        summary("brand/retired-word"),
        "\"…\" is a word the brand guide retired"
    );
    assert_eq!(
        summary("brand/documented-word"),
        "Words the brand guide of 2024 retired"
    );
    let (doc, _) = stdout(dir.path(), &["explain", "brand/retired-word"]);
    assert!(!doc.contains("{match}"), "{doc}");
    assert!(
        doc.starts_with("# brand/retired-word\n\n\"…\" is a word the brand guide retired\n"),
        "{doc}"
    );
    // The finding itself still fills the template in.
    fs::write(dir.path().join("page.txt"), "A superfood blend.\n").unwrap();
    let (out, _) = stdout(dir.path(), &["check", "page.txt"]);
    assert!(
        out.contains("\"superfood\" is a word the brand guide retired"),
        "{out}"
    );
}
