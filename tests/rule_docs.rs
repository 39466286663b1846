//! `docs/rules/` is generated from the rule files, so the docs never drift from the rules
//! (as ruff does for its rule pages). When a rule changes, regenerate with
//! `UPDATE_RULE_DOCS=1 cargo test --test rule_docs` and commit the result.

use claimlint::rules::RuleSet;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every built-in rule, of every market.
fn all_rules() -> RuleSet {
    claimlint::config::rules_for_markets(&["us", "eu"]).expect("built-in rules load")
}

fn expected() -> BTreeMap<PathBuf, String> {
    let rules = all_rules();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let mut files = BTreeMap::new();
    let mut index = String::from(
        "# Rule reference\n\n\
         Generated from the rule files in `rules/` by `tests/rule_docs.rs`; do not edit by hand.\n\
         `claimlint explain RULE` prints the same text.\n\n\
         | rule | category | severity | checks |\n|---|---|---|---|\n",
    );
    for rule in claimlint::internal::RULES {
        let rel = format!("{}.md", rule.id);
        index.push_str(&format!(
            "| [`{}`]({rel}) | {} | {} | {} |\n",
            rule.id,
            rule.category(),
            rule.severity,
            rule.summary.replace('|', "\\|")
        ));
        files.insert(root.join(&rel), rule.documentation(None));
    }
    for rule in &rules.rules {
        let m = &rule.meta;
        let rel = format!("{}.md", m.id);
        index.push_str(&format!(
            "| [`{}`]({rel}) | {} | {} | {} |\n",
            m.id,
            m.category,
            m.severity,
            m.summary.replace('|', "\\|")
        ));
        files.insert(root.join(&rel), rule.documentation());
    }
    files.insert(root.join("README.md"), index);
    files
}

#[test]
fn rule_docs_are_current() {
    let update = std::env::var_os("UPDATE_RULE_DOCS").is_some();
    let mut stale = Vec::new();
    for (path, text) in expected() {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != text {
            if update {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "rule docs are out of date: {stale:?}\nrun `UPDATE_RULE_DOCS=1 cargo test --test rule_docs`"
    );
}

#[test]
fn every_rule_doc_has_the_standard_sections() {
    let rules = all_rules();
    for rule in &rules.rules {
        for section in ["## What it checks", "## Why it matters", "## Example"] {
            assert!(
                rule.meta.docs.contains(section),
                "{} lacks `{section}`",
                rule.meta.id
            );
        }
        assert!(
            rule.meta.docs.contains("## Compliant alternative")
                || rule.meta.docs.contains("## Fix"),
            "{} lacks a compliant alternative",
            rule.meta.id
        );
    }
}
