//! Suppression comments and claimlint's own rules about them: an unused suppression is an
//! info that the config can change, a misspelt directive is reported once and the summary
//! says why the exit code is 2, and `claimlint-disable-line` works at the end of a line.

mod common;
use common::claimlint;

use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// (rule, severity, line) of every diagnostic, the exit code and the whole report.
fn findings(dir: &Path, args: &[&str]) -> (Vec<(String, String, u64)>, i32, Value) {
    let out = claimlint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    (list, out.status.code().unwrap(), report)
}

fn owned(list: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    list.iter()
        .map(|(r, s, l)| (r.to_string(), s.to_string(), *l))
        .collect()
}

const STALE: &str =
    "<!-- claimlint-disable-next-line us-fda/miracle-claim -->\nA calm cup of tea.\n";

#[test]
fn an_unused_suppression_is_an_info_that_does_not_fail_the_run() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("page.md"), STALE).unwrap();
    let (found, code, _) = findings(dir.path(), &["page.md"]);
    assert_eq!(found, owned(&[("claimlint/unused-suppression", "info", 1)]));
    assert_eq!(code, 0);
}

#[test]
fn the_config_changes_claimlints_own_rules() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("page.md"), STALE).unwrap();
    let config = dir.path().join("claimlint.yaml");
    fs::write(&config, "rules:\n  claimlint/unused-suppression: warning\n").unwrap();
    let (found, code, _) = findings(dir.path(), &["page.md"]);
    assert_eq!(
        found,
        owned(&[("claimlint/unused-suppression", "warning", 1)])
    );
    assert_eq!(code, 1);

    fs::write(&config, "rules:\n  claimlint/unused-suppression: off\n").unwrap();
    let (found, code, _) = findings(dir.path(), &["page.md"]);
    assert_eq!((found, code), (vec![], 0));

    // Input errors cannot be turned off, and an id claimlint does not have is unknown.
    for (text, message, at) in [
        (
            "fail_on: error\nrules:\n  claimlint/invalid-input: off\n",
            "error: `claimlint/invalid-input` cannot be changed\n",
            "claimlint.yaml:3:3\n",
        ),
        (
            "rules:\n  claimlint/unused-suppressions: info\n",
            "error: `rules` names an unknown rule `claimlint/unused-suppressions`\n",
            "claimlint.yaml:2:3\n",
        ),
    ] {
        fs::write(&config, text).unwrap();
        let out = claimlint(dir.path())
            .args(["check", "page.md"])
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.starts_with(message), "{stderr}");
        assert!(stderr.contains(at), "{stderr}");
    }
}

#[test]
fn a_misspelt_directive_is_reported_once_and_the_summary_says_why_the_exit_code_is_2() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("page.md"),
        "# Tea\n\n<!-- claimlint-disabel-next-line -->\nA calm cup.\n\n\
         <!-- claimlint-enabel -->\n\nText <!-- claimlint-dsable --> here.\n",
    )
    .unwrap();
    let (found, code, report) = findings(dir.path(), &["page.md"]);
    assert_eq!(
        found,
        owned(&[
            ("claimlint/invalid-input", "error", 3),
            ("claimlint/invalid-input", "error", 6),
            ("claimlint/invalid-input", "error", 8),
        ])
    );
    assert_eq!(code, 2);
    assert_eq!(report["summary"]["errors"], 3);
    assert_eq!(report["summary"]["input_errors"], 1, "one input had errors");

    let out = claimlint(dir.path())
        .args(["check", "page.md"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout.lines().last(),
        Some("found 3 problems (3 errors) in 1 file; 1 input has errors, so the exit code is 2")
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn disable_line_at_the_end_of_a_line_suppresses_that_line() {
    let dir = TempDir::new().unwrap();
    let text = "Our tea prevents migraines. <!-- claimlint-disable-line us-fda/disease-claim -->\n\
                It cures colds. <!-- claimlint-disable-lin -->\n\
                A fine cup. <!-- claimlint-disable-line -->\n\
                It prevents gout.\n";
    fs::write(dir.path().join("page.txt"), text).unwrap();
    fs::write(dir.path().join("page.md"), text.replace('\n', "\n\n")).unwrap();
    let (found, _, _) = findings(dir.path(), &["page.txt"]);
    assert_eq!(
        found,
        owned(&[
            ("us-fda/disease-claim", "error", 2),
            ("claimlint/invalid-input", "error", 2),
            ("claimlint/unused-suppression", "info", 3),
            ("us-fda/disease-claim", "error", 4),
        ])
    );
    // The same in Markdown, where the comment is inline HTML.
    let (found, _, _) = findings(dir.path(), &["page.md"]);
    assert_eq!(
        found,
        owned(&[
            ("us-fda/disease-claim", "error", 3),
            ("claimlint/invalid-input", "error", 3),
            ("claimlint/unused-suppression", "info", 5),
            ("us-fda/disease-claim", "error", 7),
        ])
    );
}
