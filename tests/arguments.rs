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
