//! Paths named on the command line that are not plain files or folders.

use super::{CLAIM, claimlint, json, located, row, write};
use tempfile::TempDir;

#[cfg(target_os = "linux")]
fn fifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// Let a writer still waiting for a reader go (when claimlint did not read the pipe), so the
/// test fails instead of hanging.
#[cfg(target_os = "linux")]
fn release(path: &std::path::Path, writer: std::thread::JoinHandle<()>) {
    use std::os::unix::fs::OpenOptionsExt;
    const O_NONBLOCK: i32 = 0o4000;
    let _reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(O_NONBLOCK)
        .open(path);
    writer.join().unwrap();
}

#[test]
fn dev_stdin_named_as_a_path_is_read() {
    let dir = TempDir::new().unwrap();
    let out = claimlint(dir.path())
        .args(["check", "--format", "json", "/dev/stdin"])
        .write_stdin("Our tea cures gout.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(located(&report), [row("/dev/stdin", CLAIM, 1, 9, 8, 18)]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_named_pipe_is_read_and_bounded_by_the_size_limit() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let pipe = d.join("copy.txt");
    fifo(&pipe);
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::write(pipe, "Our tea cures gout.\n").unwrap())
    };
    let (report, code, stderr) = json(d, &["copy.txt"]);
    release(&pipe, writer);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(located(&report), [row("copy.txt", CLAIM, 1, 9, 8, 18)]);

    // Its size says 0; what comes out of it is what counts.
    write(d, "claimlint.yaml", "max_file_size: 10\n");
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || {
            // The reader stops at the limit and closes its end.
            let _ = std::fs::write(pipe, "Our tea cures gout.\n");
        })
    };
    let (report, code, _) = json(d, &["copy.txt"]);
    release(&pipe, writer);
    assert_eq!(code, 0);
    assert_eq!(
        report["errors"][0]["message"],
        "skipped: more than 10 bytes were read from it, over the byte limit (raise \
         `max_file_size` in claimlint.yaml)"
    );
}

#[test]
fn fixing_what_is_not_a_regular_file_is_refused() {
    let dir = TempDir::new().unwrap();
    let out = claimlint(dir.path())
        .args(["check", "--fix", "/dev/stdin"])
        .write_stdin("Supports restful sleep.\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "error: /dev/stdin: cannot write the fixes, the file is unchanged: it is not a \
             regular file"
        ),
        "{stderr}"
    );
}

#[test]
fn a_file_reached_by_two_named_paths_is_linted_once() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "sub/a.md", "It cures gout.\n");
    write(d, "b.md", "It cures gout.\n");
    let (report, code, _) = json(d, &[".", "sub", "./sub/a.md", "sub/./a.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        located(&report),
        [
            row("b.md", CLAIM, 1, 4, 3, 13),
            row("sub/a.md", CLAIM, 1, 4, 3, 13)
        ]
    );
    assert_eq!(report["summary"]["files"], 2);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_keeps_its_bytes_in_sarif() {
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let name = std::ffi::OsStr::from_bytes(b"bad\xFF name.txt");
    std::fs::write(d.join(name), "It cures gout.\n").unwrap();
    for arg in [name, std::ffi::OsStr::new(".")] {
        let out = claimlint(d)
            .args(["check", "--format", "sarif"])
            .arg(arg)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"];
        assert_eq!(uri, "bad%FF%20name.txt", "{arg:?}");
    }
}
