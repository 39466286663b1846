//! What installing and integrating claimlint relies on: the GitHub Action is a well-formed
//! composite action whose inputs the README uses, every version named in the README is the
//! crate's, the licenses Cargo.toml declares are there, the shipped profile strips the binary
//! while release keeps line tables, and Installation is the README's first section.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

fn tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

#[test]
fn the_action_is_a_composite_action_and_the_readme_uses_its_inputs() {
    let action: Value = claimlint::yaml::from_str(&read("action.yml")).unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let inputs: BTreeSet<String> = action["inputs"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for (name, input) in action["inputs"].as_object().unwrap() {
        assert!(input["description"].is_string(), "{name} has a description");
    }
    let steps = action["runs"]["steps"].as_array().unwrap();
    // Every `inputs.X` an expression reads is declared.
    let text = read("action.yml");
    for part in text.split("inputs.").skip(1) {
        let name: String = part
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        assert!(inputs.contains(&name), "undeclared input {name}");
    }
    for step in steps {
        assert!(
            step["shell"] == "bash" || step["uses"].is_string(),
            "a composite step needs a shell: {step}"
        );
    }
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.contains("--format github")));
    assert!(runs.iter().any(|r| r.contains("--format sarif")));
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo install --locked --profile dist"))
    );
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
    }));

    // The README's workflow pins the action to the release and passes declared inputs.
    let readme = read("README.md");
    let snippet = readme
        .split(&format!("- uses: claimlint/claimlint@{}\n", tag()))
        .nth(1)
        .expect("the README's workflow uses the action at the release tag");
    let with: Vec<&str> = snippet
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("          "))
        .collect();
    assert!(!with.is_empty());
    for line in with {
        let key = line.trim().split(':').next().unwrap();
        assert!(
            inputs.contains(key),
            "the README passes unknown input {key}"
        );
    }
}

#[test]
fn every_version_the_readme_names_is_the_crates() {
    let readme = read("README.md");
    let tag = tag();
    assert!(
        readme.contains(&format!("    rev: {tag} ")),
        "pre-commit rev"
    );
    for (i, _) in readme.match_indices("--tag v") {
        let named: String = readme[i + 6..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect();
        assert_eq!(named, tag, "install command");
    }
    for (i, _) in readme.match_indices("claimlint/claimlint@") {
        let named: String = readme[i + 20..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '`')
            .collect();
        assert_eq!(named, tag, "action");
    }
    assert!(readme.contains("scripts/release.sh"));
    assert!(read("scripts/release.sh").contains("git tag -a \"$tag\""));
}

#[test]
fn the_package_is_described_and_licensed_and_dist_is_stripped() {
    let manifest = read("Cargo.toml");
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    assert!(read("LICENSE-MIT").starts_with("MIT License"));
    assert!(read("LICENSE-APACHE").contains("Apache License"));
    assert!(read("LICENSE-APACHE").contains("Version 2.0, January 2004"));
    let line = |key: &str| {
        manifest
            .lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("no {key}"))
            .to_string()
    };
    let keywords = line("keywords");
    assert!(
        keywords.matches('"').count() / 2 <= 5,
        "crates.io takes five keywords"
    );
    assert!(line("categories").contains("command-line-utilities"));
    let profile = |name: &str| {
        manifest
            .split(&format!("[profile.{name}]\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("no profile {name}"))
            .split("\n\n")
            .next()
            .unwrap()
            .to_string()
    };
    assert!(profile("release").contains("debug = \"line-tables-only\""));
    let dist = profile("dist");
    assert!(dist.contains("inherits = \"release\""));
    assert!(dist.contains("strip = true"));
    assert!(dist.contains("debug = false"));
}

#[test]
fn installation_is_the_readmes_first_section() {
    let readme = read("README.md");
    let first = readme.lines().find(|l| l.starts_with("## ")).unwrap();
    assert_eq!(first, "## Installation");
    let section = readme.split("## Installation\n").nth(1).unwrap();
    assert!(section.contains("cargo install --locked --profile dist --path ."));
}

#[test]
fn the_pre_commit_hooks_pass_every_format_claimlint_lints() {
    let hooks: Value = claimlint::yaml::from_str(&read(".pre-commit-hooks.yaml")).unwrap();
    let hooks = hooks.as_array().unwrap();
    assert_eq!(hooks.len(), 2);
    for hook in hooks {
        let types: BTreeSet<&str> = hook["types_or"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        // identify's tags for .txt, .md, .html and .csv.
        assert_eq!(
            types,
            BTreeSet::from(["plain-text", "markdown", "html", "csv"]),
            "{}",
            hook["id"]
        );
        assert!(
            hook["entry"]
                .as_str()
                .unwrap()
                .starts_with("claimlint check"),
            "{}",
            hook["id"]
        );
    }
}
