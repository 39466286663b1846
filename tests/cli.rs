//! The command line, case by case: exit codes, the JSON contract, stdin, config and rule
//! files (good and broken), walking, suppression, and the `rules`/`explain` commands.

mod common;
use common::claimlint;

use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

const DISCLAIMER: &str = "These statements have not been evaluated by the Food and Drug \
Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.";

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = claimlint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (value, out.status.code().unwrap())
}

fn rules_fired(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn compliant_copy_exits_zero_with_a_summary() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "page.md",
        &format!("# Calm\n\nSupports a calm mood.*\n\n\\* {DISCLAIMER}\n"),
    );
    claimlint(dir.path())
        .args(["check", "page.md"])
        .assert()
        .code(0)
        .stdout("no problems found in 1 file\n");
}

#[test]
fn default_command_is_check_and_findings_exit_one() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "page.txt", "Our tea prevents migraines.\n");
    claimlint(dir.path())
        .arg("page.txt")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("us-fda/disease-claim"))
        .stdout(predicate::str::contains(
            "\"prevents\" with \"migraines\" claims to prevent a disease",
        ))
        .stdout(predicate::str::contains("note: 21 CFR 101.93(g)"))
        .stdout(predicate::str::contains(
            "found 1 problem (1 error) in 1 file",
        ));
}

#[test]
fn fail_on_sets_the_threshold() {
    let dir = TempDir::new().unwrap();
    // A placeholder reference is a warning, nothing else fires.
    write(dir.path(), "page.txt", "Magnesium is a mineral (ref).\n");
    claimlint(dir.path())
        .args(["check", "page.txt"])
        .assert()
        .code(1);
    claimlint(dir.path())
        .args(["check", "--fail-on", "error", "page.txt"])
        .assert()
        .code(0);
}

#[test]
fn quiet_drops_the_summary() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "page.txt", "Magnesium is a mineral.\n");
    claimlint(dir.path())
        .args(["check", "--quiet", "page.txt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
}

#[test]
fn json_follows_the_contract() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "b.md",
        "Supports restful sleep. Studies show it eases arthritis pain.\n\nSee [the trial](#).\n",
    );
    write(dir.path(), "a.txt", "Our tea prevents migraines.\n");
    let (report, code) = json(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(report["version"], 2);
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["errors"], Value::Array(vec![]));
    let diags = report["diagnostics"].as_array().unwrap();
    // Sorted by path, then position.
    let keys: Vec<(String, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["span"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys[0].0.ends_with("a.txt"), "{keys:?}");

    let claim = diags
        .iter()
        .find(|d| {
            d["rule"] == "us-fda/disease-claim" && d["path"].as_str().unwrap().ends_with("a.txt")
        })
        .expect("the disease claim in a.txt");
    assert_eq!(claim["category"], "disease-claim");
    assert_eq!(claim["severity"], "error");
    assert_eq!(
        claim["cite"],
        "21 CFR 101.93(g)(2)(i)-(iii); 21 U.S.C. 321(g)(1)(B)"
    );
    assert!(claim["help"].is_string());
    let span = &claim["span"];
    assert_eq!(span["start"], 8);
    assert_eq!(span["end"], 26);
    assert_eq!(span["line"], 1);
    assert_eq!(span["column"], 9);
    assert_eq!(span["end_line"], 1);
    assert_eq!(span["end_column"], 27);
    let labels: Vec<(&str, u64)> = claim["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["text"].as_str().unwrap(),
                l["span"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [("claim word", 8), ("disease or symptom: migraine", 17)]
    );
    assert!(claim.get("fix").is_none());

    // The disclaimer finding carries a fix with an edit.
    let disclaimer = diags
        .iter()
        .find(|d| d["rule"] == "us-fda/dshea-disclaimer")
        .expect("b.md makes a structure/function claim without the disclaimer");
    let fix = &disclaimer["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert!(
        fix["edits"][0]["replacement"]
            .as_str()
            .unwrap()
            .contains(DISCLAIMER)
    );
}

#[test]
fn json_output_is_deterministic() {
    let dir = TempDir::new().unwrap();
    for i in 0..12 {
        write(
            dir.path(),
            &format!("p{i}.md"),
            "Prevents colds. Studies show it works (ref). Take 900 mg of magnesium daily.\n",
        );
    }
    let first = claimlint(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let second = claimlint(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn stdin_takes_its_format_and_name_from_stdin_filename() {
    let dir = TempDir::new().unwrap();
    // In Markdown the code span is not copy; as plain text it would be.
    let copy = "Use `prevents cancer` as a search term.\n";
    let out = claimlint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "page.md",
            "-",
        ])
        .write_stdin(copy)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["diagnostics"], Value::Array(vec![]), "{report}");
    assert_eq!(out.status.code(), Some(0));

    let out = claimlint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "page.txt",
            "-",
        ])
        .write_stdin(copy)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["path"], "page.txt");
    assert_eq!(report["diagnostics"][0]["rule"], "us-fda/disease-claim");
}

#[test]
fn a_missing_path_is_reported_and_the_rest_still_linted() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "page.txt", "Our tea prevents migraines.\n");
    let (report, code) = json(dir.path(), &["missing.md", "page.txt"]);
    assert_eq!(code, 2);
    assert_eq!(rules_fired(&report), ["us-fda/disease-claim"]);
    assert_eq!(report["errors"][0]["path"], "missing.md");
    assert_eq!(report["errors"][0]["message"], "no such file or folder");
    claimlint(dir.path())
        .args(["check", "missing.md", "page.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: missing.md: no such file or folder",
        ))
        .stdout(predicate::str::contains("us-fda/disease-claim"));
}

#[test]
fn non_utf8_input_names_the_line_and_column() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("latin1.txt"), b"Line one.\nCaf\xe9 copy.\n").unwrap();
    write(dir.path(), "ok.txt", "Our tea prevents migraines.\n");
    claimlint(dir.path())
        .args(["check", "latin1.txt", "ok.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "latin1.txt:2: not valid UTF-8: byte 0xE9 at line 2, column 4",
        ))
        .stdout(predicate::str::contains("ok.txt"));
}

#[test]
fn malformed_front_matter_is_an_input_error_at_its_line() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "page.md",
        "---\ntitle: [unclosed\n---\nHello.\n",
    );
    let (report, code) = json(dir.path(), &["page.md"]);
    assert_eq!(code, 2);
    let d = &report["diagnostics"][0];
    assert_eq!(d["rule"], "claimlint/invalid-input");
    assert_eq!(d["span"]["line"], 2);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid YAML front matter")
    );
}

#[test]
fn folders_honour_gitignore_without_git_and_skip_unknown_extensions() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), ".gitignore", "drafts/\n");
    write(dir.path(), "drafts/old.md", "Cures the flu.\n");
    write(dir.path(), "notes.rtf", "Cures the flu.\n");
    write(dir.path(), "copy/page.md", "Cures the flu.\n");
    let (report, _) = json(dir.path(), &["."]);
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p.ends_with("page.md")), "{paths:?}");
    assert_eq!(report["summary"]["files"], 1);
    // Named explicitly, an unknown extension is linted as plain text.
    let (report, _) = json(dir.path(), &["notes.rtf"]);
    assert_eq!(rules_fired(&report), ["us-fda/disease-claim"]);
}

#[test]
fn config_turns_rules_off_changes_severity_adds_terms_and_allows_phrases() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "page.txt",
        "A little miracle. Relieves brain fog. Clinically studied ingredient.\n",
    );
    let (report, _) = json(dir.path(), &["page.txt"]);
    assert!(rules_fired(&report).contains(&"us-fda/miracle-claim".to_string()));
    assert!(!rules_fired(&report).contains(&"us-fda/disease-claim".to_string()));

    write(
        dir.path(),
        "claimlint.yaml",
        "rules:\n  us-fda/miracle-claim: off\n  us-fda/unsupported-evidence: info\n\
         lexicons:\n  conditions:\n    add: [brain fog]\n",
    );
    let (report, code) = json(dir.path(), &["page.txt"]);
    let fired = rules_fired(&report);
    assert!(
        !fired.contains(&"us-fda/miracle-claim".to_string()),
        "{fired:?}"
    );
    assert!(
        fired.contains(&"us-fda/disease-claim".to_string()),
        "{fired:?}"
    );
    assert_eq!(code, 1);

    // An approved phrase silences findings inside it.
    write(
        dir.path(),
        "claim.txt",
        "Clinically proven to support focus.\n",
    );
    let (report, _) = json(dir.path(), &["claim.txt"]);
    assert!(rules_fired(&report).contains(&"us-fda/unsupported-evidence".to_string()));
    write(
        dir.path(),
        "claimlint.yaml",
        "allow: [\"clinically proven to support focus\"]\n",
    );
    let (report, _) = json(dir.path(), &["claim.txt"]);
    assert!(!rules_fired(&report).contains(&"us-fda/unsupported-evidence".to_string()));

    // --no-config ignores it again.
    let (report, _) = json(dir.path(), &["--no-config", "claim.txt"]);
    assert!(rules_fired(&report).contains(&"us-fda/unsupported-evidence".to_string()));
}

#[test]
fn config_is_found_walking_up_from_the_working_directory() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "claimlint.yaml",
        "rules:\n  us-fda/miracle-claim: off\n",
    );
    write(dir.path(), "site/copy/page.txt", "A little miracle.\n");
    claimlint(&dir.path().join("site/copy"))
        .args(["check", "page.txt"])
        .assert()
        .code(0);
}

#[test]
fn a_malformed_config_points_at_the_line_and_exits_two() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "page.txt", "Fine copy.\n");
    write(
        dir.path(),
        "claimlint.yaml",
        "rules:\n  us-fda/miracle-claim: off\nbogus: 1\n",
    );
    claimlint(dir.path())
        .args(["check", "page.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `bogus`"))
        .stderr(predicate::str::contains("claimlint.yaml:3:1"));

    write(
        dir.path(),
        "claimlint.yaml",
        "rules:\n  us-fda/miracle-claim: of\n",
    );
    claimlint(dir.path())
        .args(["check", "page.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`of` is not a rule setting for `us-fda/miracle-claim`",
        ))
        .stderr(predicate::str::contains("claimlint.yaml:2:"));

    write(
        dir.path(),
        "claimlint.yaml",
        "rules:\n  us-fda/no-such-rule: off\n",
    );
    claimlint(dir.path())
        .args(["check", "page.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("us-fda/no-such-rule"));

    write(dir.path(), "claimlint.yaml", "packs: [eu-efsa]\n");
    claimlint(dir.path())
        .args(["check", "page.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("eu-efsa"));
}

const BRAND_RULE: &str = r#"id: brand/no-superfood
kind: pattern
category: other
severity: warning
message: "\"{match}\" is a word our style guide bans"
help: "name what the ingredient does"
patterns: ["(?i)(?-u:\\b)super ?foods?(?-u:\\b)"]
exceptions: {terms: ["not a"]}
"#;

#[test]
fn user_rule_files_load_and_fire() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "rules/brand/no-superfood.yaml", BRAND_RULE);
    write(dir.path(), "claimlint.yaml", "rule_files: [rules/brand]\n");
    write(
        dir.path(),
        "page.txt",
        "A superfood blend. Kale is not a superfood.\n",
    );
    let (report, code) = json(dir.path(), &["page.txt"]);
    assert_eq!(code, 1);
    let d = &report["diagnostics"][0];
    assert_eq!(d["rule"], "brand/no-superfood");
    assert_eq!(d["message"], "\"superfood\" is a word our style guide bans");
    assert_eq!(d["span"]["column"], 3);
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 1);
    claimlint(dir.path())
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("brand/no-superfood"));
}

#[test]
fn malformed_rule_files_point_at_file_line_and_column() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "unknown field",
            "id: brand/x\nkind: pattern\ncategory: other\nseverity: warning\nmessage: x\nhelp: y\npaterns: [a]\n",
            "x.yaml:7:1",
        ),
        (
            "bad regex",
            "id: brand/x\nkind: pattern\ncategory: other\nseverity: warning\nmessage: x\nhelp: y\npatterns: [\"(unclosed\"]\n",
            "x.yaml:7:",
        ),
        (
            "wrong type",
            "id: brand/x\nkind: pattern\ncategory: other\nseverity: 3\nmessage: x\nhelp: y\npatterns: [a]\n",
            "x.yaml:4:",
        ),
        (
            "unknown category",
            "id: brand/x\nkind: pattern\ncategory: health\nseverity: warning\nmessage: x\nhelp: y\npatterns: [a]\n",
            "x.yaml:3:",
        ),
        (
            "unknown kind",
            "id: brand/x\nkind: regexp\ncategory: other\nseverity: warning\nmessage: x\nhelp: y\n",
            "x.yaml:2:",
        ),
        (
            "unknown lexicon",
            "id: brand/x\nkind: claim\ncategory: disease-claim\nseverity: error\nmessage: x\nhelp: y\ntargets: {lexicon: nope}\n",
            "x.yaml:7:",
        ),
        ("invalid YAML", "id: brand/x\nkind: [pattern\n", "x.yaml:"),
        (
            "duplicate id",
            "id: us-fda/miracle-claim\nkind: pattern\ncategory: other\nseverity: warning\nmessage: x\nhelp: y\npatterns: [a]\n",
            "us-fda/miracle-claim",
        ),
    ];
    for (what, rule, expect) in cases {
        let dir = TempDir::new().unwrap();
        write(dir.path(), "x.yaml", rule);
        write(dir.path(), "claimlint.yaml", "rule_files: [x.yaml]\n");
        write(dir.path(), "page.txt", "Fine copy.\n");
        let out = claimlint(dir.path())
            .args(["check", "page.txt"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(
            stderr.contains(expect),
            "{what}: expected `{expect}` in\n{stderr}"
        );
        assert!(stderr.starts_with("error: "), "{what}: {stderr}");
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
}

#[test]
fn suppression_comments_silence_exactly_what_they_name() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "page.md",
        "<!-- claimlint-disable-next-line us-fda/miracle-claim -->\n\
         A little miracle.\n\n\
         Another miracle.\n\n\
         <!-- claimlint-disable-next-line us-fda/no-such-rule -->\n\
         Fine copy.\n",
    );
    let (report, _) = json(dir.path(), &["page.md"]);
    let found: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("us-fda/miracle-claim".to_string(), 4),
            ("claimlint/unknown-rule".to_string(), 6),
        ]
    );
}

#[test]
fn rules_lists_every_rule_and_explain_prints_its_docs() {
    let dir = TempDir::new().unwrap();
    let out = claimlint(dir.path()).arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for id in [
        "us-fda/disease-claim",
        "us-fda/dshea-disclaimer",
        "us-fda/reference-placeholder",
        "us-fda/unsupported-evidence",
        "us-fda/dose-above-upper-limit",
    ] {
        assert!(text.contains(id), "{id} missing from\n{text}");
    }
    let json_out = claimlint(dir.path())
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), text.lines().count());

    claimlint(dir.path())
        .args(["explain", "us-fda/dshea-disclaimer"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# us-fda/dshea-disclaimer\n"))
        .stdout(predicate::str::contains("## Why it matters"))
        .stdout(predicate::str::contains("21 CFR 101.93(c)"));
    // The name alone finds the rule when it is unambiguous.
    claimlint(dir.path())
        .args(["explain", "dshea-disclaimer"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# us-fda/dshea-disclaimer\n"));
    claimlint(dir.path())
        .args(["explain", "us-fda/nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("error: no rule `us-fda/nope`"));
}

#[test]
fn no_colour_when_piped_or_when_no_color_is_set() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "page.txt", "Our tea prevents migraines.\n");
    let out = claimlint(dir.path())
        .args(["check", "page.txt"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b), "escape codes in piped output");
    let out = claimlint(dir.path())
        .args(["check", "--color", "always", "page.txt"])
        .output()
        .unwrap();
    assert!(out.stdout.contains(&0x1b), "--color always gives colour");
    let out = claimlint(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "--color", "auto", "page.txt"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn usage_errors_exit_two() {
    let dir = TempDir::new().unwrap();
    claimlint(dir.path())
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    claimlint(dir.path())
        .args(["check", "--fail-on", "never"])
        .assert()
        .code(2);
}
