//! Helpers the integration tests share (`mod common;` in each test file that needs them).
#![allow(dead_code)] // each test file uses only some of them

pub mod lsp;

use assert_cmd::Command;
use claimlint::rules::RuleSet;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// The built-in pack, loaded once per test binary.
pub fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in rules load"))
}

/// (rule, the words pointed at) of every disease-claim finding of `text`, mention rules
/// included, in order.
pub fn disease_findings(text: &str, format: claimlint::document::Format) -> Vec<(String, String)> {
    claimlint::lint(text, format, rules())
        .diagnostics
        .iter()
        .filter(|d| d.category == claimlint::diagnostic::Category::DiseaseClaim)
        .map(|d| (d.rule.clone(), text[d.span.start..d.span.end].to_string()))
        .collect()
}

/// The binary, run in `dir`, without the caller's colour settings and at a fixed width.
pub fn claimlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimlint").expect("binary builds");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    cmd
}

/// (path, rule, line) of every diagnostic of a `--format json` report, in order.
pub fn path_rule_line(report: &Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .expect("a diagnostics list")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}
