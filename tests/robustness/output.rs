//! Standard output and standard error that cannot be written: a full disk is an error (exit
//! code 2, said on stderr), a reader that closed the pipe stops the run quietly, and nothing
//! panics.

use super::write;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use tempfile::TempDir;

/// The binary as a plain process, to give it any standard streams.
fn command(dir: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimlint"));
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .stdin(Stdio::null());
    cmd
}

#[cfg(target_os = "linux")]
fn full() -> Stdio {
    Stdio::from(std::fs::File::create("/dev/full").unwrap())
}

/// Exit code and stderr of `args` run in `dir` with stdout on a full disk.
#[cfg(target_os = "linux")]
fn to_full_stdout(dir: &std::path::Path, args: &[&str], stdin: &str) -> (i32, String) {
    let input = dir.join("stdin.txt");
    std::fs::write(&input, stdin).unwrap();
    let out = command(dir)
        .args(args)
        .stdin(std::fs::File::open(&input).unwrap())
        .stdout(full())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_an_error() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "page.txt", "It cures gout.\n");
    write(d, "fine.txt", "A fine cup of tea.\n");
    let cases: &[(&[&str], &str)] = &[
        (&["check", "page.txt"], ""),
        (&["check", "fine.txt"], ""),
        (&["check", "--format", "json", "page.txt"], ""),
        (&["check", "--format", "sarif", "page.txt"], ""),
        (
            &["check", "--diff", "--no-config", "-"],
            "Supports restful sleep.\n",
        ),
        (&["check", "--fix", "-"], "Supports restful sleep.\n"),
        (&["rules"], ""),
        (&["explain", "us-fda/disease-claim"], ""),
        (&["--help"], ""),
    ];
    for (args, stdin) in cases {
        let (code, stderr) = to_full_stdout(d, args, stdin);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: cannot write to standard output: no space left on device\n"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_error_does_not_panic() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "page.txt", "It cures gout.\n");
    let run = |args: &[&str]| {
        command(d)
            .args(args)
            .stderr(full())
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&["explain", "nope"]), Some(2));
    assert_eq!(run(&["check", "--bogus"]), Some(2));
    assert_eq!(run(&["check", "missing.txt"]), Some(2));
    write(d, "claimlint.yaml", "include: [\"[ab\"]\n");
    assert_eq!(run(&["check", "page.txt"]), Some(2));
}

#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    // Far more report than a pipe holds, so claimlint is still writing when the reader goes.
    for i in 0..400 {
        write(
            d,
            &format!("copy/page{i:03}.txt"),
            "It cures gout and prevents colds.\n",
        );
    }
    let mut child = command(d)
        .args(["check", "--color", "never", "copy"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("us-fda/disease-claim"), "{first}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr, "");
    // What it wrote before the reader left was findings.
    assert_eq!(out.status.code(), Some(1));
}
