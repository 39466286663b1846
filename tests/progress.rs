//! The progress bar: drawn on a terminal's standard error once a run passes a second, and
//! never under CI, in a pipe or with a machine format. A terminal is made with util-linux's
//! `script`; where it is missing the terminal half says so and passes.

use std::path::Path;
use std::process::Command;
use tempfile::TempDir;

/// Enough copy that a debug build takes a few seconds.
fn corpus(dir: &Path) {
    let body = "More words about tea and how it is brewed. ".repeat(120);
    for i in 0..800 {
        std::fs::write(
            dir.join(format!("p{i:03}.md")),
            format!("# Tea {i}\n\nOur tea supports a calm mood.\n\n{body}\n"),
        )
        .unwrap();
    }
}

/// What a terminal shows while `check --quiet --format FORMAT .` runs in `dir`, or `None`
/// without `script`.
fn on_a_terminal(dir: &Path, format: &str, ci: Option<&str>) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_claimlint");
    let log = dir.join("terminal.log");
    let mut cmd = Command::new("script");
    cmd.current_dir(dir)
        .args([
            "-qfc",
            &format!("{bin} check --quiet --format {format} . > /dev/null"),
        ])
        .arg(&log)
        .env_remove("CI")
        // Draw from the first file: how long a run takes depends on the machine.
        .env("CLAIMLINT_PROGRESS_DELAY_MS", "0");
    if let Some(v) = ci {
        cmd.env("CI", v);
    }
    let status = cmd.output().ok()?.status;
    assert!(status.code().is_some());
    Some(String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned())
}

#[test]
fn the_bar_is_drawn_on_a_terminal_and_nowhere_else() {
    let dir = TempDir::new().unwrap();
    corpus(dir.path());
    let Some(shown) = on_a_terminal(dir.path(), "human", None) else {
        eprintln!("skipped: no `script` to make a terminal with");
        return;
    };
    assert!(shown.contains("800/800 files"), "{shown}");
    let under_ci = on_a_terminal(dir.path(), "human", Some("true")).unwrap();
    assert!(!under_ci.contains("files"), "{under_ci}");
    let json = on_a_terminal(dir.path(), "json", None).unwrap();
    assert!(!json.contains("files"), "{json}");
}

#[test]
fn a_pipe_gets_no_bar() {
    let dir = TempDir::new().unwrap();
    corpus(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .current_dir(dir.path())
        .args(["check", "--quiet", "."])
        .env_remove("CI")
        .env("CLAIMLINT_PROGRESS_DELAY_MS", "0")
        .output()
        .unwrap();
    assert_eq!(out.stderr, b"");
}
