//! Baselines for adopting claimlint on copy that already has findings: record them, and a
//! run reports (and fails on) only new ones, whatever moved; fixed ones drop out when the
//! baseline is written again; a plain run never writes it.

mod common;
use common::claimlint;

use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = claimlint(dir)
        .args(["check", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

const PAGE: &str = "# Calm Tea\n\nOur tea prevents migraines.\n\nIt is a miracle.\n";

fn baseline(dir: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(dir.join("claimlint-baseline.json")).unwrap()).unwrap()
}

#[test]
fn the_baseline_round_trips_and_only_new_findings_fail() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    fs::write(d.join("page.md"), PAGE).unwrap();
    fs::write(d.join("other.txt"), "A little miracle.\n").unwrap();
    let b = "claimlint-baseline.json";

    // Record: nothing is reported, the file holds exactly the findings.
    let r = run(d, &["--baseline", b, "--update-baseline", "."]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stderr,
        "wrote 3 findings to the baseline claimlint-baseline.json\n"
    );
    let recorded = baseline(d);
    assert_eq!(recorded["version"], 1);
    let entries: Vec<(&str, &str, &str)> = recorded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap(),
                e["rule"].as_str().unwrap(),
                e["words"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("other.txt", "us-fda/miracle-claim", "miracle"),
            ("page.md", "us-fda/disease-claim", "prevents migraines"),
            ("page.md", "us-fda/miracle-claim", "miracle"),
        ]
    );
    assert!(
        !recorded.to_string().contains("\"line\""),
        "no line numbers"
    );

    // A run with the baseline is clean, and says what it did not show.
    let r = run(d, &["--baseline", b, "."]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        "no problems found in 2 files; 3 findings in the baseline not shown\n"
    );

    // Edit a line above a finding: still clean.
    fs::write(
        d.join("page.md"),
        PAGE.replace(
            "# Calm Tea\n",
            "# Calm Tea\n\nBrewed in small batches in Vermont.\n",
        ),
    )
    .unwrap();
    let r = run(d, &["--baseline", b, "."]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "no problems found in 2 files; 3 findings in the baseline not shown\n"
        )
    );

    // Add a claim: only it is reported, and it fails the run.
    let grown = fs::read_to_string(d.join("page.md")).unwrap() + "\nIt also cures gout.\n";
    fs::write(d.join("page.md"), &grown).unwrap();
    let out = claimlint(d)
        .args(["check", "--format", "json", "--baseline", b, "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(&str, &str, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("page.md", "us-fda/disease-claim", 9)]);
    // The plain run never wrote the baseline.
    assert_eq!(baseline(d), recorded);

    // The same claim twice is two findings: the second is new.
    fs::write(
        d.join("other.txt"),
        "A little miracle.\nA little miracle.\n",
    )
    .unwrap();
    let r = run(d, &["--baseline", b, "other.txt"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("other.txt:2:10"), "{}", r.stdout);

    // Fix one and write the baseline again: it holds exactly what is there now.
    fs::write(d.join("other.txt"), "A calm cup.\n").unwrap();
    let r = run(d, &["--baseline", b, "--update-baseline", "."]);
    assert_eq!(r.code, 0);
    let now = baseline(d);
    let paths: Vec<&str> = now["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["page.md", "page.md", "page.md"]);
}

#[test]
fn sarif_fingerprints_are_the_baselines() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    fs::write(d.join("page.md"), PAGE).unwrap();
    run(d, &["--baseline", "b.json", "--update-baseline", "page.md"]);
    let recorded: Value =
        serde_json::from_str(&fs::read_to_string(d.join("b.json")).unwrap()).unwrap();
    let out = claimlint(d)
        .args(["check", "--format", "sarif", "page.md"])
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sarif: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"]["claimlint/v2"].as_str().unwrap())
        .collect();
    let base: Vec<&str> = recorded["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(sarif, base);
}

#[test]
fn a_finding_keeps_its_fingerprint_when_the_baseline_hides_another() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    fs::write(d.join("page.txt"), "A little miracle.\n").unwrap();
    run(
        d,
        &["--baseline", "b.json", "--update-baseline", "page.txt"],
    );
    fs::write(d.join("page.txt"), "A little miracle.\nA little miracle.\n").unwrap();
    let sarif = |args: &[&str]| -> Vec<String> {
        let out = claimlint(d)
            .args(["check", "--format", "sarif"])
            .args(args)
            .arg("page.txt")
            .output()
            .unwrap();
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["claimlint/v2"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let all = sarif(&[]);
    assert_eq!(all.len(), 2);
    assert_eq!(sarif(&["--baseline", "b.json"]), [all[1].clone()]);
    assert!(all[1].ends_with(":2"));
}

#[test]
fn a_missing_or_broken_baseline_is_an_error() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    fs::write(d.join("page.md"), PAGE).unwrap();
    let r = run(d, &["--baseline", "none.json", "page.md"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: cannot read the baseline none.json: no such file or folder\n  = help: write \
         one with `--update-baseline`\n"
    );
    assert_eq!(r.stdout, "");
    fs::write(
        d.join("bad.json"),
        "{\"version\": 1,\n \"findings\": [\n  {\"path\": 3}]}\n",
    )
    .unwrap();
    let r = run(d, &["--baseline", "bad.json", "page.md"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: the baseline is not one claimlint wrote: invalid type"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("  --> bad.json:3:"), "{}", r.stderr);
    // A baseline to write in a folder that is not there: said before any file is linted.
    let r = run(
        d,
        &["--baseline", "nodir/b.json", "--update-baseline", "page.md"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: cannot write the baseline nodir/b.json: there is no folder nodir\n  = help: \
         create the folder, or name a file in one that exists\n"
    );
    assert_eq!(r.stdout, "");
    // --update-baseline needs the file's name.
    let r = run(d, &["--update-baseline", "page.md"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--baseline <FILE>"), "{}", r.stderr);
}

/// (path, rule, words) of each entry of the baseline `b.json`.
fn entries(d: &Path) -> Vec<(String, String, String)> {
    let b: Value = serde_json::from_str(&fs::read_to_string(d.join("b.json")).unwrap()).unwrap();
    b["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("path"), s("rule"), s("words"))
        })
        .collect()
}

fn entry(path: &str, rule: &str, words: &str) -> (String, String, String) {
    (path.into(), format!("us-fda/{rule}"), words.into())
}

#[test]
fn recording_one_page_keeps_what_the_run_did_not_check() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    fs::write(d.join("a.md"), PAGE).unwrap();
    fs::write(d.join("b.txt"), "A little miracle.\n").unwrap();
    let update = |args: &[&str]| {
        let r = run(
            d,
            &[&["--baseline", "b.json", "--update-baseline"], args].concat(),
        );
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        r.stderr
    };
    update(&["."]);
    assert_eq!(entries(d).len(), 3);

    // A new claim on one page, recorded by linting that page alone: the other page's
    // entries stay, and a run over everything is clean.
    fs::write(d.join("b.txt"), "A little miracle.\nIt cures gout.\n").unwrap();
    assert_eq!(
        update(&["b.txt"]),
        "wrote 4 findings to the baseline b.json (2 kept from files or rules this run did not \
         check)\n"
    );
    let r = run(d, &["--baseline", "b.json", "."]);
    assert_eq!(
        (r.code, r.stdout.contains("4 findings in the baseline")),
        (0, true)
    );

    // With `--select`, the rules it leaves out keep their entries in the files it lints;
    // a finding of a selected rule that is gone drops out.
    fs::write(
        d.join("a.md"),
        PAGE.replace("It is a miracle.", "It is calm."),
    )
    .unwrap();
    update(&["--select", "miracle-claim", "a.md"]);
    assert_eq!(
        entries(d),
        [
            entry("a.md", "disease-claim", "prevents migraines"),
            entry("b.txt", "miracle-claim", "miracle"),
            entry("b.txt", "disease-claim", "cures gout"),
        ]
    );

    // A file that is gone loses its entries; a full run keeps nothing it did not find.
    fs::remove_file(d.join("b.txt")).unwrap();
    assert_eq!(update(&["."]), "wrote 1 finding to the baseline b.json\n");
    assert_eq!(
        entries(d),
        [entry("a.md", "disease-claim", "prevents migraines")]
    );

    // A baseline that cannot be read is written anew.
    fs::write(d.join("b.json"), "{ not json").unwrap();
    update(&["a.md"]);
    assert_eq!(entries(d).len(), 1);
}

#[test]
fn paths_are_the_baseline_folders_so_any_folder_can_run_it() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("copy/teas")).unwrap();
    fs::write(d.join("copy/teas/page.md"), PAGE).unwrap();
    let r = run(
        d,
        &[
            "--baseline",
            "b.json",
            "--update-baseline",
            "./copy/../copy",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let paths = |d: &Path| -> Vec<String> { entries(d).into_iter().map(|e| e.0).collect() };
    assert_eq!(paths(d), ["copy/teas/page.md", "copy/teas/page.md"]);

    // From a folder below: the same keys, so a clean run.
    let below = d.join("copy");
    let r = run(&below, &["--baseline", "../b.json", "."]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains("2 findings in the baseline not shown"),
        "{}",
        r.stdout
    );
    // Recorded from there, the file says the same.
    let r = run(
        &below,
        &[
            "--baseline",
            "../b.json",
            "--update-baseline",
            "teas/page.md",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(paths(d), ["copy/teas/page.md", "copy/teas/page.md"]);

    // A baseline in a folder of its own names the copy from there.
    fs::create_dir(d.join("ci")).unwrap();
    run(d, &["--baseline", "ci/b.json", "--update-baseline", "copy"]);
    let b: Value = serde_json::from_str(&fs::read_to_string(d.join("ci/b.json")).unwrap()).unwrap();
    assert_eq!(b["findings"][0]["path"], "../copy/teas/page.md");
    let r = run(&below, &["--baseline", "../ci/b.json", "teas"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}
