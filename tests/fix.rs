//! `check --fix` and `--diff`: safe fixes only, written atomically with the file's
//! permissions kept, nothing touched when there is nothing to fix, and a failed write leaves
//! the original as it was.

use assert_cmd::Command;
use std::path::Path;
use std::time::{Duration, SystemTime};

const DISCLAIMER: &str = "These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.";

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = Command::cargo_bin("claimlint").unwrap();
    cmd.current_dir(dir)
        .args(["check", "--no-config", "--color", "never"])
        .args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    let out = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap(),
    }
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn fix_appends_the_disclaimer_as_its_own_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    // No newline at the end of the file.
    std::fs::write(
        dir.path().join("page.md"),
        "# Calm\n\nSupports restful sleep.",
    )
    .unwrap();
    let r = run(dir.path(), &["--fix", "page.md"], None);
    assert_eq!(r.stderr, "fixed 1 problem in page.md\n");
    assert_eq!(r.stdout, "no problems found in 1 file\n");
    assert_eq!(r.code, 0);
    assert_eq!(
        read(dir.path(), "page.md"),
        format!("# Calm\n\nSupports restful sleep.\n\n{DISCLAIMER}\n")
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["page.md"]);
}

#[test]
fn fix_keeps_crlf_line_endings_and_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("label.txt"),
        "\u{FEFF}Calm Tea\r\n\r\nSupports restful sleep.\r\n",
    )
    .unwrap();
    let r = run(dir.path(), &["--fix", "label.txt"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        read(dir.path(), "label.txt"),
        format!("\u{FEFF}Calm Tea\r\n\r\nSupports restful sleep.\r\n\r\n{DISCLAIMER}\r\n")
    );
}

#[test]
fn fix_replaces_a_near_miss_and_reports_what_remains() {
    let dir = tempfile::tempdir().unwrap();
    let page = "Supports restful sleep. Prevents migraines.\n\n*These statements have not been evaluated by the FDA. This product is not intended to diagnose, treat, cure, or prevent any disease!*\n";
    std::fs::write(dir.path().join("page.md"), page).unwrap();
    let r = run(dir.path(), &["--fix", "page.md"], None);
    assert_eq!(r.stderr, "fixed 1 problem in page.md\n");
    assert_eq!(
        read(dir.path(), "page.md"),
        format!("Supports restful sleep. Prevents migraines.\n\n*{DISCLAIMER}*\n")
    );
    // The disease claim has no safe fix: it is reported, against the fixed file.
    assert!(r.stdout.contains("us-fda/disease-claim"), "{}", r.stdout);
    assert!(r.stdout.contains("page.md:1:25"), "{}", r.stdout);
    assert!(!r.stdout.contains("dshea"), "{}", r.stdout);
    assert_eq!(r.code, 1);
}

#[test]
fn unsafe_fixes_are_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    // Replacing this near miss would drop "or condition": not safe to do unasked.
    let page = "Supports restful sleep.\n\nThese statements have not been evaluated by the FDA. This product is not intended to diagnose, treat, cure, or prevent any disease or condition.\n";
    std::fs::write(dir.path().join("a.md"), page).unwrap();
    // Appended after an unclosed code fence, the disclaimer would be code.
    let fenced = "Supports restful sleep.\n\n```\nnotes\n";
    std::fs::write(dir.path().join("b.md"), fenced).unwrap();
    let r = run(dir.path(), &["--fix", "a.md", "b.md"], None);
    assert_eq!(r.stderr, "");
    assert_eq!(read(dir.path(), "a.md"), page);
    assert_eq!(read(dir.path(), "b.md"), fenced);
    assert_eq!(r.code, 1);
}

#[test]
fn nothing_to_fix_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clean.md");
    std::fs::write(&path, format!("Supports restful sleep.\n\n{DISCLAIMER}\n")).unwrap();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let r = run(dir.path(), &["--fix", "clean.md"], None);
    assert_eq!((r.stderr.as_str(), r.code), ("", 0));
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_symbolic_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    std::fs::write(&real, "Supports restful sleep.\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
    let r = run(dir.path(), &["--fix", "link.md"], None);
    assert_eq!(r.stderr, "fixed 1 problem in link.md\n");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(read(dir.path(), "real.md").ends_with(&format!("\n\n{DISCLAIMER}\n")));
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_original_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let original = "Supports restful sleep.\n";
    std::fs::write(folder.join("page.md"), original).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // As root, permissions do not stop a write: then there is nothing to test here.
    let probe = folder.join("probe");
    let blocked = std::fs::write(&probe, "x").is_err();
    let _ = std::fs::remove_file(&probe);
    if blocked {
        let r = run(dir.path(), &["--fix", "locked/page.md"], None);
        assert_eq!(r.code, 2);
        assert!(
            r.stderr.contains(
                "error: locked/page.md: cannot write the fixes, the file is unchanged: the folder `locked` cannot be written to"
            ),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("fixed"), "{}", r.stderr);
        assert_eq!(read(&folder, "page.md"), original);
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
        // The finding is still reported, against the file as it is.
        assert!(r.stdout.contains("us-fda/dshea-disclaimer"), "{}", r.stdout);
    }
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();

    // A read-only file is refused whoever runs the fix.
    let file = folder.join("page.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let r = run(dir.path(), &["--fix", "locked/page.md"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("cannot write the fixes, the file is unchanged: permission denied"),
        "{}",
        r.stderr
    );
    assert_eq!(read(&folder, "page.md"), original);
}

#[test]
fn diff_shows_the_fixes_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.md"), "Supports restful sleep.\n").unwrap();
    let r = run(dir.path(), &["--diff", "page.md"], None);
    assert_eq!(
        r.stdout,
        format!(
            "--- a/page.md\n+++ b/page.md\n@@ -1 +1,3 @@\n Supports restful sleep.\n+\n+{DISCLAIMER}\n"
        )
    );
    assert_eq!(r.stderr, "would fix 1 problem in 1 file\n");
    assert_eq!(r.code, 1);
    assert_eq!(read(dir.path(), "page.md"), "Supports restful sleep.\n");

    std::fs::write(dir.path().join("page.md"), "A fine cup of tea.\n").unwrap();
    let r = run(dir.path(), &["--diff", "page.md"], None);
    assert_eq!((r.stdout.as_str(), r.code), ("", 0));
}

#[test]
fn diff_says_what_no_fix_solves_and_fails_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let claims: String = (0..16)
        .map(|i| format!("Our tea {i} prevents migraines.\n\n"))
        .collect();
    std::fs::write(dir.path().join("page.txt"), &claims).unwrap();
    let r = run(dir.path(), &["--diff", "page.txt"], None);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "would fix 0 problems in 0 files; 16 problems remain with no safe fix\n  = help: run \
         without `--diff` to see them\n"
    );
    assert_eq!(r.code, 1);
    // Below the threshold they are still said, and do not fail.
    let r = run(
        dir.path(),
        &["--diff", "--fail-on", "error", "page.txt"],
        None,
    );
    assert_eq!(r.code, 1, "the claims are errors");
    std::fs::write(
        dir.path().join("page.txt"),
        "Magnesium is a mineral (ref).\n",
    )
    .unwrap();
    let r = run(
        dir.path(),
        &["--diff", "--fail-on", "error", "page.txt"],
        None,
    );
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("1 problem remains"), "{}", r.stderr);
}

#[test]
fn fix_and_diff_together_are_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.md"), "Supports restful sleep.\n").unwrap();
    let r = run(dir.path(), &["--fix", "--diff", "page.md"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("the argument '--fix' cannot be used with '--diff'"),
        "{}",
        r.stderr
    );
    assert_eq!(read(dir.path(), "page.md"), "Supports restful sleep.\n");
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        dir.path(),
        &["--fix", "-", "--stdin-filename", "page.md"],
        Some("Supports restful sleep."),
    );
    assert_eq!(
        r.stdout,
        format!("Supports restful sleep.\n\n{DISCLAIMER}\n")
    );
    assert_eq!(
        r.stderr,
        "fixed 1 problem in page.md\nno problems found in 1 file\n"
    );
    assert_eq!(r.code, 0);

    // Nothing to fix: the text comes back as it was, and the findings go to stderr.
    let r = run(dir.path(), &["--fix", "-"], Some("It prevents migraines."));
    assert_eq!(r.stdout, "It prevents migraines.");
    assert!(r.stderr.contains("us-fda/disease-claim"), "{}", r.stderr);
    assert_eq!(r.code, 1);
}

#[test]
fn the_appended_disclaimer_follows_exactly_one_blank_line() {
    use claimlint::document::Format;
    let rules = claimlint::rules::RuleSet::builtin().unwrap();
    let fixed = |source: &str, format: Format| {
        let linted = claimlint::lint(source, format, &rules);
        claimlint::fix::apply(source, &linted.diagnostics, false)
    };
    for (source, expected) in [
        (
            "Supports calm.",
            format!("Supports calm.\n\n{DISCLAIMER}\n"),
        ),
        (
            "Supports calm.\n",
            format!("Supports calm.\n\n{DISCLAIMER}\n"),
        ),
        (
            "Supports calm.\n\n",
            format!("Supports calm.\n\n{DISCLAIMER}\n"),
        ),
        (
            "Supports calm.  \n \n\n",
            format!("Supports calm.  \n \n\n{DISCLAIMER}\n"),
        ),
        (
            "Supports calm.\r\n",
            format!("Supports calm.\r\n\r\n{DISCLAIMER}\r\n"),
        ),
    ] {
        assert_eq!(
            fixed(source, Format::Markdown),
            (expected.clone(), 1),
            "{source:?}"
        );
        assert_eq!(fixed(source, Format::Text), (expected, 1), "{source:?}");
    }
    // The result is clean: the fix is the disclaimer the rule asks for.
    let (text, _) = fixed("Supports calm.", Format::Markdown);
    assert_eq!(
        claimlint::lint(&text, Format::Markdown, &rules).diagnostics,
        []
    );
}
