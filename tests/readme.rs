//! The README tells the truth: its first command lints a small sample and says what it
//! promises.

mod common;
use common::claimlint;

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The first command of the first `sh` block: the one a newcomer runs first.
fn first_command() -> String {
    let text = readme();
    let block = text.split("```sh\n").nth(1).unwrap();
    let line = block.lines().next().unwrap();
    line.split(" #").next().unwrap().trim().to_string()
}

#[test]
fn the_first_command_lints_a_small_sample_as_the_readme_says() {
    let command = first_command();
    let args = command
        .strip_prefix("cargo run --release -- ")
        .unwrap_or_else(|| panic!("the first command runs claimlint: {command}"));
    let args: Vec<&str> = args.split_whitespace().collect();
    assert_eq!(args[0], "check");
    let folder = args[1];
    assert!(
        !folder.starts_with("fixtures/rules") && folder != "fixtures/" && folder != "fixtures",
        "the rules' test copy is not a sample: {folder}"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = claimlint(root)
        .args(&args)
        .arg("--color")
        .arg("never")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.lines().count() < 100,
        "a newcomer's first screen, not {} lines",
        stdout.lines().count()
    );
    // What the README says of it.
    let text = readme();
    let said = text
        .split("```\n\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .replace('\n', " ");
    assert!(said.contains("five problems"), "{said}");
    assert_eq!(
        stdout.lines().last(),
        Some("found 5 problems (3 errors, 2 warnings) in 2 files")
    );
    for name in ["night-calm.md", "calm-tea.md"] {
        let path = format!("{folder}{name}");
        assert!(said.contains(&format!("`{path}`")), "{said}");
        assert!(root.join(&path).is_file(), "{path}");
    }
    let passing = format!("{folder}calm-tea.md");
    claimlint(root).args(["check", &passing]).assert().code(0);
    assert!(
        !stdout.contains("silent"),
        "no rule fixture in the sample: {stdout}"
    );
}

#[test]
fn the_rules_table_lists_every_built_in_rule_with_its_category_and_severity() {
    let out = claimlint(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["rules", "--format", "json", "--no-config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = readme();
    let table: Vec<Vec<String>> = text
        .split("| rule | category | severity | checks |")
        .nth(1)
        .expect("README has a rules table")
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect()
        })
        .collect();
    let mut listed = Vec::new();
    for r in rules.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        if !id.starts_with("us-fda/") {
            continue;
        }
        listed.push(id.to_string());
        let row = table
            .iter()
            .find(|row| row[0] == id)
            .unwrap_or_else(|| panic!("README's rules table lacks {id}"));
        assert_eq!(row[1], r["category"].as_str().unwrap(), "{id}");
        assert_eq!(row[2], r["severity"].as_str().unwrap(), "{id}");
    }
    for row in &table {
        assert!(listed.contains(&row[0]), "not a built-in rule: {}", row[0]);
    }
}
