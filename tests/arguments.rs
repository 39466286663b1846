//! Command-line arguments that change what is read or reported: standard input's name,
//! `--select` and `--ignore`, `--output-format`.

mod common;
use common::claimlint;

use std::fs;
use tempfile::TempDir;

#[test]
fn stdin_filename_alone_reads_standard_input_and_with_other_paths_is_an_error() {
    let dir = TempDir::new().unwrap();
    // A file in the folder that must not be linted instead of standard input.
    fs::write(dir.path().join("other.txt"), "A miracle.\n").unwrap();
    let out = claimlint(dir.path())
        .args(["check", "--format", "json", "--stdin-filename", "page.md"])
        .write_stdin("Our tea prevents migraines.\n")
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["page.md"], "{report}");
    assert_eq!(report["summary"]["files"], 1);

    let out = claimlint(dir.path())
        .args(["check", "--stdin-filename", "page.md", "other.txt"])
        .write_stdin("Our tea prevents migraines.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, b"");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: `--stdin-filename` names standard input, but `-` is not among the paths\n  \
         = help: add `-` to the paths to read standard input, or drop `--stdin-filename`\n"
    );
}

/// (rule, line) of every finding of a JSON run with `args`, and the exit code.
fn rules_fired(dir: &std::path::Path, args: &[&str]) -> (Vec<String>, i32) {
    let out = claimlint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let Ok(report) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else {
        return (
            vec![String::from_utf8_lossy(&out.stderr).into_owned()],
            code,
        );
    };
    let rules = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect();
    (rules, code)
}

#[test]
fn select_and_ignore_name_rules_by_id_name_category_or_pack() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("page.txt"),
        "Our tea prevents migraines. A little miracle (ref).\n\
         <!-- claimlint-disable-next-line us-fda/dose-above-upper-limit -->\nA calm cup.\n",
    )
    .unwrap();
    let all = rules_fired(dir.path(), &["page.txt"]).0;
    assert_eq!(
        all,
        [
            "us-fda/disease-claim",
            "us-fda/miracle-claim",
            "us-fda/reference-placeholder",
            "claimlint/unused-suppression"
        ]
    );
    for (args, expected) in [
        (
            &["--select", "us-fda/disease-claim"][..],
            &["us-fda/disease-claim"][..],
        ),
        (
            &["--select", "miracle-claim,reference"],
            &["us-fda/miracle-claim", "us-fda/reference-placeholder"],
        ),
        // The suppression names a rule that does not run: it is not called unused.
        (&["--select", "other"], &["us-fda/miracle-claim"]),
        (
            &["--select", "other,dose"],
            &["us-fda/miracle-claim", "claimlint/unused-suppression"],
        ),
        (
            &["--select", "us-fda"],
            &[
                "us-fda/disease-claim",
                "us-fda/miracle-claim",
                "us-fda/reference-placeholder",
            ],
        ),
        (
            &["--ignore", "disease-claim", "--ignore", "claimlint"],
            &["us-fda/miracle-claim", "us-fda/reference-placeholder"],
        ),
        (
            &["--select", "us-fda", "--ignore", "us-fda/miracle-claim"],
            &["us-fda/disease-claim", "us-fda/reference-placeholder"],
        ),
    ] {
        let (fired, _) = rules_fired(dir.path(), &[args, &["page.txt"]].concat());
        assert_eq!(fired, expected, "{args:?}");
    }
    let out = claimlint(dir.path())
        .args(["check", "--select", "us-fda/no-such", "page.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: `--select` names no rule, category or pack `us-fda/no-such`\n"),
        "{stderr}"
    );
    let out = claimlint(dir.path())
        .args(["check", "--ignore", "us-fda,claimlint", "page.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .starts_with("error: no rules to run: `--select` and `--ignore` leave none\n")
    );
}

#[test]
fn output_format_is_format() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("page.txt"), "Our tea prevents migraines.\n").unwrap();
    let with = |flag: &str| {
        claimlint(dir.path())
            .args(["check", flag, "github", "page.txt"])
            .output()
            .unwrap()
            .stdout
    };
    let github = with("--format");
    assert!(github.starts_with(b"::error file=page.txt,line=1"));
    assert_eq!(with("--output-format"), github);
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("page.txt"),
        "Our tea prevents migraines. It cures gout. A miracle.\n",
    )
    .unwrap();
    let out = claimlint(dir.path())
        .args(["check", "--statistics", "page.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "2  us-fda/disease-claim  error    disease-claim\n\
         1  us-fda/miracle-claim  warning  other\n\
         found 3 problems (2 errors, 1 warning) in 1 file\n"
    );
    let out = claimlint(dir.path())
        .args(["check", "--statistics", "--format", "json", "page.txt"])
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["rules"][0]["rule"], "us-fda/disease-claim");
    assert_eq!(stats["rules"][0]["count"], 2);
    assert_eq!(stats["not_read"], serde_json::json!({}));
    let out = claimlint(dir.path())
        .args(["check", "--statistics", "--format", "sarif", "page.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn show_config_says_where_settings_come_from_and_dump_config_loads_back() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    fs::write(
        d.join("claimlint.yaml"),
        "rules:\n  us-fda/miracle-claim: off\n  claimlint/unused-suppression: warning\n\
         lexicons:\n  conditions:\n    add: [brain fog, {term: tired blood, aliases: [weak blood]}]\n\
         allow: [\"clinically studied ingredient\"]\nfail_on: error\n",
    )
    .unwrap();
    let out = claimlint(d)
        .args(["check", "--show-config", "--fail-on", "info"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8(out.stdout).unwrap();
    for line in [
        "packs: us-fda (default)\n",
        "fail_on: info (--fail-on)\n",
        "allow: clinically studied ingredient\n",
        "lexicon additions: conditions (+2)\n",
        "csv id_columns: Handle, ID, SKU (default)\n",
    ] {
        assert!(shown.contains(line), "{line} in\n{shown}");
    }
    assert!(
        shown
            .lines()
            .any(|l| l.trim_start().starts_with("us-fda/miracle-claim")
                && l.ends_with("off (claimlint.yaml)")),
        "{shown}"
    );
    let dump = |args: &[&str]| {
        let out = claimlint(d)
            .args(["check", "--dump-config"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let first = dump(&[]);
    assert!(
        first.contains("  \"us-fda/miracle-claim\": off\n"),
        "{first}"
    );
    assert!(
        first.contains("  \"claimlint/unused-suppression\": warning\n"),
        "{first}"
    );
    assert!(first.contains("fail_on: error\n"), "{first}");
    fs::write(d.join("dumped.yaml"), &first).unwrap();
    let again = dump(&["--config", "dumped.yaml"]);
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&again), body(&first), "the dump loads back to itself");
}

#[test]
fn init_writes_a_commented_config_that_loads_as_the_defaults() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let out = claimlint(d).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = fs::read_to_string(d.join("claimlint.yaml")).unwrap();
    assert!(written.starts_with("# claimlint.yaml"));
    for key in [
        "packs:",
        "rule_files:",
        "rules:",
        "lexicons:",
        "allow:",
        "include:",
        "exclude:",
        "fail_on:",
        "max_file_size:",
        "csv:",
    ] {
        assert!(written.contains(&format!("# {key}")), "{key}");
    }
    let defaults = claimlint(d)
        .args(["check", "--dump-config", "--no-config"])
        .output()
        .unwrap()
        .stdout;
    let with_file = claimlint(d)
        .args(["check", "--dump-config"])
        .output()
        .unwrap()
        .stdout;
    let body = |s: Vec<u8>| {
        String::from_utf8(s)
            .unwrap()
            .lines()
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(with_file), body(defaults));
    // A second init does not overwrite; --force does.
    fs::write(d.join("claimlint.yaml"), "fail_on: error\n").unwrap();
    let out = claimlint(d).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(d.join("claimlint.yaml")).unwrap(),
        "fail_on: error\n"
    );
    claimlint(d).args(["init", "--force"]).assert().code(0);
    assert_eq!(
        fs::read_to_string(d.join("claimlint.yaml")).unwrap(),
        written
    );
}
