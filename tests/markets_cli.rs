//! Markets from the command line: `market:` and `market_paths:` in claimlint.yaml, the
//! `markets` field of the JSON report, the market line of the human report, and config errors.

mod common;
use common::claimlint;

use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn json(dir: &Path) -> Value {
    let out = claimlint(dir)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (path, rule, markets) of every finding.
fn findings(report: &Value) -> Vec<(String, String, Vec<String>)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let markets = d["markets"]
                .as_array()
                .map(|m| m.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                markets,
            )
        })
        .collect()
}

const CLAIM: &str = "Our vitamin C prevents colds.\n";

#[test]
fn market_paths_give_files_markets_of_their_own() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "claimlint.yaml",
        "market: us\nmarket_paths:\n  - {paths: [\"eu/**\"], market: eu}\n  - {paths: [\"both/**\"], market: [us, eu]}\n",
    );
    write(dir.path(), "us/page.txt", CLAIM);
    write(dir.path(), "eu/page.txt", CLAIM);
    write(dir.path(), "both/page.txt", CLAIM);
    let got = findings(&json(dir.path()));
    let of = |path: &str| -> Vec<(String, Vec<String>)> {
        got.iter()
            .filter(|(p, _, _)| p == path)
            .map(|(_, r, m)| (r.clone(), m.clone()))
            .collect()
    };
    let eu = of("eu/page.txt");
    assert!(
        eu.iter().all(|(r, m)| r.starts_with("eu/") && m == &["eu"]),
        "{eu:?}"
    );
    assert!(!eu.is_empty());
    let us = of("us/page.txt");
    assert!(
        us.iter()
            .all(|(r, m)| r.starts_with("us-fda/") && m == &["us"]),
        "{us:?}"
    );
    let both = of("both/page.txt");
    assert!(
        both.iter()
            .any(|(r, m)| r == "eu/disease-claim" && m == &["eu", "us"]),
        "{both:?}"
    );
}

#[test]
fn without_a_config_findings_are_for_us_and_the_human_report_is_unchanged() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "page.txt", CLAIM);
    let got = findings(&json(dir.path()));
    assert!(!got.is_empty());
    assert!(got.iter().all(|(_, _, m)| m == &["us"]), "{got:?}");
    let out = claimlint(dir.path())
        .args(["check", "page.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("market"), "{text}");
}

#[test]
fn the_human_report_names_the_market() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "claimlint.yaml", "market: [us, eu]\n");
    write(dir.path(), "page.txt", CLAIM);
    let out = claimlint(dir.path())
        .args(["check", "page.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("note: markets: eu, us"), "{text}");
}

#[test]
fn packs_without_market_work_as_before() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "claimlint.yaml", "packs: [us-fda]\n");
    write(dir.path(), "page.txt", CLAIM);
    let report = json(dir.path());
    let got = findings(&report);
    assert!(got.iter().any(|(_, r, _)| r == "us-fda/disease-claim"));
    assert!(got.iter().all(|(_, _, m)| m.is_empty()), "{got:?}");
    assert!(report["diagnostics"][0].get("markets").is_none());
}

#[test]
fn an_unknown_market_is_a_config_error_at_its_line() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "claimlint.yaml",
        "fail_on: error\nmarket: [us, mars]\n",
    );
    write(dir.path(), "page.txt", CLAIM);
    let out = claimlint(dir.path())
        .args(["check", "page.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("there is no market named `mars`"), "{err}");
    assert!(err.contains("claimlint.yaml:2"), "{err}");
}
