//! `--format sarif`: the document validates against the SARIF 2.1.0 schema (a copy in
//! tests/data), and its rules, regions (UTF-16 columns), URIs and fingerprints are exact.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir).arg("check").arg("--no-config");
    cmd
}

fn sarif(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = claimlint(dir)
        .args(["--format", "sarif"])
        .args(args)
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).expect("SARIF output is JSON");
    (log, out.status.code().unwrap())
}

fn schema_errors(log: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn fixture_pages_validate_against_the_sarif_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (log, code) = sarif(root, &["fixtures/pages", "fixtures/rules"]);
    assert_eq!(code, 1);
    assert_eq!(schema_errors(&log), Vec::<String>::new());

    // Same findings as the JSON report, rule for rule and position for position.
    let json: Value = serde_json::from_slice(
        &claimlint(root)
            .args(["--format", "json", "fixtures/pages", "fixtures/rules"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let run = &log["runs"][0];
    let results = run["results"].as_array().unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(results.len() > 30, "{} results", results.len());
    assert_eq!(results.len(), diagnostics.len());
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["rule"]);
        assert_eq!(r["message"]["text"], d["message"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], d["path"]);
        assert_eq!(loc["region"]["startLine"], d["span"]["line"]);
        assert_eq!(loc["region"]["endLine"], d["span"]["end_line"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(r["level"], level);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], r["ruleId"]);
    }

    // One driver rule per rule that fired, in id order, each documented.
    let mut fired: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    fired.sort();
    fired.dedup();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, fired);
    let disease = rules
        .iter()
        .find(|r| r["id"] == "us-fda/disease-claim")
        .unwrap();
    assert_eq!(disease["name"], "disease-claim");
    assert_eq!(disease["defaultConfiguration"]["level"], "error");
    assert_eq!(
        disease["helpUri"],
        "https://github.com/claimlint/claimlint/blob/main/docs/rules/us-fda/disease-claim.md"
    );
    assert!(
        disease["help"]["markdown"]
            .as_str()
            .unwrap()
            .starts_with("## What it checks")
    );
    assert!(
        !disease["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains('\n')
    );
    assert_eq!(disease["properties"]["category"], "disease-claim");
    for r in rules {
        for key in ["shortDescription", "fullDescription"] {
            assert!(!r[key]["text"].as_str().unwrap().is_empty(), "{key} of {r}");
        }
    }
    // A catalog's findings say which product they are in.
    let in_catalog: Vec<&Value> = results
        .iter()
        .filter(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "fixtures/pages/catalog.csv"
        })
        .collect();
    assert!(!in_catalog.is_empty());
    assert!(in_catalog.iter().all(|r| {
        r["properties"]["context"]
            .as_str()
            .is_some_and(|c| c.starts_with("row "))
    }));
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "claimlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        driver["informationUri"],
        "https://github.com/claimlint/claimlint"
    );
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn the_schema_check_rejects_a_broken_log() {
    // Guard against a validator that accepts anything.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut log, _) = sarif(root, &["fixtures/pages/magnesium-glycinate.txt"]);
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert_eq!(schema_errors(&log).len(), 2, "{:?}", schema_errors(&log));
}

#[test]
fn regions_count_utf16_code_units_and_uris_are_relative_and_encoded() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("copy")).unwrap();
    let text = "# Café 😀 Calm\n\nOur café blend — 😀 — prevents migraines.\n";
    std::fs::write(dir.path().join("copy/a page.md"), text).unwrap();
    // An absolute path inside the working directory still gives a relative URI.
    let abs = dir.path().join("copy/a page.md");
    let (log, code) = sarif(dir.path(), &[abs.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(schema_errors(&log), Vec::<String>::new());
    let results = log["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "us-fda/disease-claim")
        .unwrap();
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "copy/a%20page.md");
    // "Our café blend — 😀 — " is 21 characters but 22 UTF-16 units: the emoji is two.
    let start = text.find("prevents").unwrap();
    let end = text.find(".\n").unwrap();
    let line3 = text.find("Our").unwrap();
    assert_eq!(text[line3..start].encode_utf16().count(), 22);
    assert_eq!(
        loc["region"],
        serde_json::json!({
            "startLine": 3, "startColumn": 23, "endLine": 3, "endColumn": 41,
            "charOffset": text[..start].encode_utf16().count(),
            "charLength": text[start..end].encode_utf16().count(),
        })
    );
    assert_eq!(loc["region"]["charOffset"], 38);
    assert_eq!(loc["region"]["charLength"], 18);
    let related = r["relatedLocations"].as_array().unwrap();
    assert_eq!(related[0]["message"]["text"], "claim word");
    assert_eq!(related[0]["physicalLocation"]["region"]["endColumn"], 31);
}

fn fingerprints(dir: &Path, file: &str) -> Vec<(String, u64, String)> {
    let (log, _) = sarif(dir, &[file]);
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "us-fda/disease-claim")
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                r["partialFingerprints"]["claimlint/v2"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_unrelated_edits() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    std::fs::write(
        &page,
        "Our tea prevents migraines.\n\nOur tea prevents migraines.\n\nA second cup prevents migraines.\n",
    )
    .unwrap();
    let before = fingerprints(dir.path(), "page.md");
    assert_eq!(before.len(), 3);
    // The same words in the same context twice: told apart by their order, not their line.
    assert_ne!(before[0].2, before[1].2);
    assert!(before[0].2.ends_with(":1") && before[1].2.ends_with(":2"));
    // The same words in other context: another finding.
    assert_eq!(before[0].2.split(':').next(), before[1].2.split(':').next());
    assert_ne!(before[2].2.split(':').next(), before[0].2.split(':').next());

    std::fs::write(
        &page,
        "# Tea\n\nBrewed in small batches.\n\nOur tea prevents migraines.\n\nOur tea prevents migraines.\n\nA second cup prevents migraines.\n",
    )
    .unwrap();
    let after = fingerprints(dir.path(), "page.md");
    assert_eq!(after[0].1, 5);
    assert_eq!(before[0].1, 1);
    assert_eq!(
        after.iter().map(|f| &f.2).collect::<Vec<_>>(),
        before.iter().map(|f| &f.2).collect::<Vec<_>>()
    );

    // A different claim is a different alert.
    std::fs::write(&page, "Our tea prevents asthma.\n").unwrap();
    let other = fingerprints(dir.path(), "page.md");
    assert_ne!(other[0].2, before[0].2);
}

#[test]
fn unreadable_input_is_a_notification_and_the_run_unsuccessful() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xE9 tea\n").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Our tea prevents migraines.\n").unwrap();
    let (log, code) = sarif(dir.path(), &["latin1.txt", "ok.txt"]);
    assert_eq!(code, 2);
    assert_eq!(schema_errors(&log), Vec::<String>::new());
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "latin1.txt"
    );
    assert_eq!(
        n["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    assert!(
        n["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("not valid UTF-8")
    );
    // The other file is still linted.
    assert_eq!(
        log["runs"][0]["results"][0]["ruleId"],
        "us-fda/disease-claim"
    );
}

#[test]
fn fixes_are_sarif_replacements() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.md"), "Supports restful sleep.\n").unwrap();
    let (log, _) = sarif(dir.path(), &["p.md"]);
    assert_eq!(schema_errors(&log), Vec::<String>::new());
    let fix = &log["runs"][0]["results"][0]["fixes"][0];
    assert_eq!(fix["description"]["text"], "append the DSHEA disclaimer");
    let rep = &fix["artifactChanges"][0]["replacements"][0];
    assert_eq!(rep["deletedRegion"]["charOffset"], 24);
    assert_eq!(rep["deletedRegion"]["charLength"], 0);
    assert_eq!(
        rep["insertedContent"]["text"],
        "\nThese statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.\n"
    );
}
