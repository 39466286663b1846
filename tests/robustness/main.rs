//! Bad input, case by case: every file that cannot be linted gets a message naming it (and
//! its line where there is one) and the right exit code, nothing panics, and the other files
//! are still linted. An input the fuzzers in fuzz/ find crashing belongs here as a test
//! (the `fix` target's finds are in `fix_pages`: see docs/robustness.md).
//! (tests/cli.rs already covers a missing path, Latin-1 copy, malformed front matter, a
//! malformed config and the common rule-file mistakes; this file adds the rest.)
//!
//! The first round's cases are here; the second round's (issue 17) are in the modules, one
//! concern each.

#[path = "../common/mod.rs"]
mod common;
use common::{claimlint, rules};

mod config;
mod fix_pages;
mod fix_writes;
mod lsp;
mod odd_text;
mod output;
mod paths;

use claimlint::document::{Format, LineIndex};
use claimlint::lint;
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

pub(crate) fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

/// Run `check --format json` and return the report, the exit code and stderr.
pub(crate) fn json(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let out = claimlint(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (value, out.status.code().unwrap(), stderr)
}

/// `(path, rule, line, column, start, end)` of every diagnostic.
pub(crate) fn located(report: &Value) -> Vec<(String, String, u64, u64, u64, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = &d["span"];
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                s["line"].as_u64().unwrap(),
                s["column"].as_u64().unwrap(),
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// `(path, level, message, line)` of every input message.
fn errors(report: &Value) -> Vec<(String, String, String, Option<u64>)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["level"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
                e["line"].as_u64(),
            )
        })
        .collect()
}

pub(crate) fn row(
    path: &str,
    rule: &str,
    line: u64,
    column: u64,
    start: u64,
    end: u64,
) -> (String, String, u64, u64, u64, u64) {
    (path.into(), rule.into(), line, column, start, end)
}

pub(crate) const CLAIM: &str = "us-fda/disease-claim";

#[test]
fn encodings_and_line_endings_keep_spans_true_and_bad_files_do_not_stop_the_run() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    // "prevents migraines" sits at byte 8 of the text; the BOM moves it to byte 11 of the file.
    write(d, "bom.txt", b"\xEF\xBB\xBFOur tea prevents migraines.\n");
    write(d, "crlf.txt", "Title\r\n\r\nA blend that cures gout.\r\n");
    write(d, "cr.txt", "Title\r\rA blend that cures gout.\r");
    write(d, "latin1.txt", b"Fine copy.\nSoothing caf\xE9 blend.\n");
    write(d, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(d, "empty.md", "");
    write(d, "blank.txt", "\n\n   \r\n");
    let (report, code, stderr) = json(
        d,
        &[
            "bom.txt",
            "crlf.txt",
            "cr.txt",
            "latin1.txt",
            "image.txt",
            "empty.md",
            "blank.txt",
        ],
    );
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        located(&report),
        [
            row("bom.txt", CLAIM, 1, 9, 11, 29),
            row("cr.txt", CLAIM, 3, 14, 20, 30),
            row("crlf.txt", CLAIM, 3, 14, 22, 32),
        ]
    );
    assert_eq!(
        errors(&report),
        [
            (
                "image.txt".into(),
                "note".into(),
                "skipped: looks like a binary file (it contains a NUL byte)".into(),
                None
            ),
            (
                "latin1.txt".into(),
                "error".into(),
                "not valid UTF-8: byte 0xE9 at line 2, column 13 (Latin-1 or Windows-1252 \
                 exports look like this; save the file as UTF-8)"
                    .into(),
                Some(2)
            ),
        ]
    );
    // Empty and blank files are linted (and clean); the binary and Latin-1 ones are not.
    assert_eq!(report["summary"]["files"], 5);
    assert!(stderr.contains("note: image.txt: skipped: looks like a binary file"));
    assert!(stderr.contains("error: latin1.txt:2: not valid UTF-8"));
}

#[test]
fn a_binary_file_alone_is_a_note_not_a_failure() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "archive.txt", b"PK\x03\x04\x00\x00\x08\x00");
    let (report, code, _) = json(dir.path(), &["archive.txt"]);
    assert_eq!(code, 0);
    assert_eq!(errors(&report)[0].1, "note");
}

#[test]
fn files_over_the_size_limit_are_skipped_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "claimlint.yaml", "max_file_size: 40\n");
    write(
        d,
        "long.txt",
        "Our tea supports calm and prevents migraines.\n",
    );
    write(d, "short.txt", "It cures gout.\n");
    let (report, code, stderr) = json(d, &["long.txt", "short.txt"]);
    assert_eq!(
        code, 1,
        "a skipped file is a warning, the finding fails: {stderr}"
    );
    assert_eq!(located(&report), [row("short.txt", CLAIM, 1, 4, 3, 13)]);
    assert_eq!(
        errors(&report),
        [(
            "long.txt".into(),
            "warning".into(),
            "skipped: the file is 46 bytes, over the 40 byte limit (raise `max_file_size` in \
             claimlint.yaml)"
                .into(),
            None
        )]
    );

    // The default limit is 10 MB: a sparse file one byte over it is skipped unread.
    let big = TempDir::new().unwrap();
    let f = fs::File::create(big.path().join("huge.txt")).unwrap();
    f.set_len(10 * 1024 * 1024 + 1).unwrap();
    let (report, code, _) = json(big.path(), &["huge.txt"]);
    assert_eq!(code, 0);
    assert_eq!(
        errors(&report)[0].2,
        "skipped: the file is 10485761 bytes, over the 10485760 byte limit (raise \
         `max_file_size` in claimlint.yaml)"
    );

    write(d, "claimlint.yaml", "max_file_size: -1\n");
    let out = claimlint(d).args(["check", "short.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: expected a whole number, 0 or more\n"),
        "{stderr}"
    );
    assert!(stderr.contains("claimlint.yaml:1:16"), "{stderr}");
}

#[test]
fn paths_that_cannot_be_linted_are_named() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "page.txt", "It cures gout.\n");
    fs::create_dir(d.join("drafts")).unwrap();
    write(d, "drafts/notes.pdf", "not copy");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("b", d.join("a")).unwrap();
        std::os::unix::fs::symlink("a", d.join("b")).unwrap();
        // A link back to its own folder inside a walked folder: not followed, no hang.
        fs::create_dir(d.join("site")).unwrap();
        std::os::unix::fs::symlink("..", d.join("site/up")).unwrap();
        write(d, "site/index.md", "It cures gout.\n");
    }
    let (report, code, stderr) = json(d, &["drafts", "page.txt", "a", "site"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        located(&report),
        [
            row("page.txt", CLAIM, 1, 4, 3, 13),
            row("site/index.md", CLAIM, 1, 4, 3, 13),
        ]
    );
    assert_eq!(
        errors(&report),
        [
            (
                "a".into(),
                "error".into(),
                "a symbolic link loop (a link that points back at itself)".into(),
                None
            ),
            (
                "drafts".into(),
                "warning".into(),
                "nothing to lint in this folder".into(),
                None
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_and_the_rest_are_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "secret.txt", "It cures gout.\n");
    write(d, "page.txt", "It cures gout.\n");
    fs::set_permissions(d.join("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(d.join("secret.txt")).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to assert.
        eprintln!("skipped: the tests run with permission to read anything");
        return;
    }
    let (report, code, _) = json(d, &["secret.txt", "page.txt"]);
    assert_eq!(code, 2);
    assert_eq!(located(&report), [row("page.txt", CLAIM, 1, 4, 3, 13)]);
    assert_eq!(
        errors(&report),
        [(
            "secret.txt".into(),
            "error".into(),
            "cannot read the file: permission denied".into(),
            None
        )]
    );
}

#[test]
fn front_matter_that_cannot_be_read_is_an_input_error_at_its_line() {
    // Each case: the file, the message's start, its line and column.
    let cases: &[(&str, String, &str, u64, u64)] = &[
        (
            "unclosed",
            "---\ntitle: Calm\n\nIt cures gout.\n".into(),
            "front matter is never closed",
            1,
            1,
        ),
        (
            "a list",
            "---\n- calm\n- focus\n---\nHello.\n".into(),
            "front matter is not a mapping of keys to values",
            2,
            1,
        ),
        (
            "a string",
            "---\njust words\n---\nHello.\n".into(),
            "front matter is not a mapping of keys to values",
            2,
            1,
        ),
        (
            "a huge value",
            format!("---\ntitle: {}\n---\nHello.\n", "z".repeat(9 * 1024 * 1024)),
            "invalid YAML front matter: the YAML is too large to read: its values hold more \
             than 8 MB of text",
            2,
            8,
        ),
        (
            "nested too deep",
            format!("---\ntitle: {}\n---\nHello.\n", "[".repeat(5000)),
            "invalid YAML front matter: ",
            2,
            0,
        ),
    ];
    for (what, text, message, line, column) in cases {
        let linted = lint(text, Format::Markdown, rules());
        let d = linted
            .diagnostics
            .iter()
            .find(|d| d.rule == "claimlint/invalid-input")
            .unwrap_or_else(|| panic!("{what}: no input error in {:?}", linted.diagnostics));
        assert!(d.message.starts_with(message), "{what}: {}", d.message);
        let index = LineIndex::new(text);
        let (l, c) = index.line_col(text, d.span.start);
        assert_eq!(l as u64, *line, "{what}");
        if *column > 0 {
            assert_eq!(c as u64, *column, "{what}");
        }
        assert!(linted.has_input_errors());
    }
    // Copy after an unclosed fence is still linted.
    let linted = lint(
        "---\ntitle: Calm\n\nIt cures gout.\n",
        Format::Markdown,
        rules(),
    );
    assert!(linted.diagnostics.iter().any(|d| d.rule == CLAIM));
}

/// The rule ids and spans of the findings, input errors aside.
fn findings(text: &str, format: Format) -> Vec<(String, usize, usize)> {
    lint(text, format, rules())
        .diagnostics
        .into_iter()
        .map(|d| (d.rule, d.span.start, d.span.end))
        .collect()
}

#[test]
fn deeply_nested_markdown_is_linted_without_overflowing_the_stack() {
    let quotes = format!("{} It cures gout.\n", ">".repeat(5000));
    let at = quotes.find("cures").unwrap();
    assert_eq!(
        findings(&quotes, Format::Markdown),
        [(CLAIM.to_string(), at, at + 10)]
    );

    let bullets = format!("{} It cures gout.\n", "- ".repeat(5000));
    let at = bullets.find("cures").unwrap();
    assert_eq!(
        findings(&bullets, Format::Markdown),
        [(CLAIM.to_string(), at, at + 10)]
    );

    let indented: String = (0..3000)
        .map(|i| format!("{}- calm\n", "  ".repeat(i)))
        .collect();
    assert_eq!(findings(&indented, Format::Markdown), []);

    let html = format!("{}<p>It cures gout.", "<div><span>".repeat(20_000));
    let at = html.find("cures").unwrap();
    assert_eq!(
        findings(&html, Format::Html),
        [(CLAIM.to_string(), at, at + 10)]
    );
}

#[test]
fn a_one_megabyte_line_is_linted_with_every_finding_in_place() {
    let filler = "Our tea supports a calm evening routine. ".repeat(1000);
    let mut text = String::new();
    // "supports" is a structure/function claim: with no disclaimer, the first one is flagged.
    let mut expected = vec![("us-fda/dshea-disclaimer".to_string(), 8, 16)];
    while text.len() < 1024 * 1024 {
        text.push_str(&filler);
        let at = text.len() + 3;
        expected.push((CLAIM.to_string(), at, at + 10));
        text.push_str("It cures gout. ");
    }
    assert_eq!(findings(&text, Format::Text), expected);
    assert_eq!(expected.len(), 27);
}

#[test]
fn html_and_csv_oddities() {
    // A script that never closes hides the rest, as in a browser.
    assert_eq!(
        findings("<p>Calm.</p><script>It cures gout.", Format::Html),
        []
    );
    // A comment that never closes, a stray `</p>`, a `<` that is not a tag.
    let text = "</p>It cures gout. 3 < 4 <!-- cures gout";
    assert_eq!(findings(text, Format::Html), [(CLAIM.to_string(), 7, 17)]);
    // A CSV with only a header, and one with a byte order mark and CRLF rows.
    assert_eq!(findings("Handle,Title\r\n", Format::Csv), []);
    let csv = "Handle,Title\r\ncalm,It cures gout.\r\n";
    let at = csv.find("cures").unwrap();
    assert_eq!(
        findings(csv, Format::Csv),
        [(CLAIM.to_string(), at, at + 10)]
    );
}

/// A case: what it is, files to write, the config, what stderr must say.
type Case<'a> = (&'a str, &'a [(&'a str, &'a [u8])], &'a str, &'a [&'a str]);

#[test]
fn rule_and_config_files_that_cannot_be_used_point_at_file_line_and_column() {
    let cases: &[Case] = &[
        (
            "regex too large",
            &[(
                "big.yaml",
                b"id: brand/big\nkind: pattern\ncategory: other\nseverity: warning\nmessage: x\n\
                  help: y\npatterns: [\"\\\\w{1000}\\\\w{1000}\\\\w{1000}\"]\n",
            )],
            "rule_files: [big.yaml]\n",
            &[
                "error: invalid regular expression `\\w{1000}\\w{1000}\\w{1000}`: compiled \
                  regex exceeds size limit of 2097152 bytes\n",
                "big.yaml:7:13",
            ],
        ),
        (
            "empty lexicon",
            &[
                (
                    "pack/lexicons/widgets.yaml",
                    b"lexicon: widgets\nterms: []\n",
                ),
                (
                    "pack/widget.yaml",
                    b"id: brand/widget\nkind: claim\ncategory: disease-claim\nseverity: error\n\
                      message: x\nhelp: y\nstandalone: true\ntargets: {lexicon: widgets}\n",
                ),
            ],
            "rule_files: [pack]\n",
            &["error: lexicon `widgets` is empty\n", "widget.yaml:8:1"],
        ),
        (
            "lexicon with an unknown field",
            &[(
                "pack/lexicons/widgets.yaml",
                b"lexicon: widgets\nterms: [gizmo]\ncolour: red\n",
            )],
            "rule_files: [pack]\n",
            &["unknown field `colour`", "widgets.yaml:3:1"],
        ),
        (
            "rule file not UTF-8",
            &[("latin.yaml", b"id: brand/x\n# caf\xE9\n")],
            "rule_files: [latin.yaml]\n",
            &[
                "error: cannot read the rule file: not valid UTF-8: byte 0xE9 at line 2, \
                  column 6",
                "/latin.yaml\n",
            ],
        ),
        (
            "missing rule file",
            &[],
            "rule_files: [nowhere.yaml]\n",
            &["error: no such rule file or folder\n", "/nowhere.yaml\n"],
        ),
        (
            "missing pack",
            &[],
            "packs: [us-fda, eu-efsa]\n",
            &[
                "error: there is no rule pack named `eu-efsa`\n",
                "claimlint.yaml:1:17",
            ],
        ),
        (
            "a list where a mapping belongs",
            &[],
            "rules: [us-fda/miracle-claim]\n",
            &[
                "error: expected a mapping of keys to values (`key: value`)\n",
                "claimlint.yaml:1:8",
            ],
        ),
        (
            "a string where a list belongs",
            &[],
            "allow: clinically studied\n",
            &["error: expected a list", "claimlint.yaml:1:8"],
        ),
    ];
    for (what, files, config, expect) in cases {
        let dir = TempDir::new().unwrap();
        let d = dir.path();
        for (name, bytes) in *files {
            write(d, name, bytes);
        }
        write(d, "claimlint.yaml", config);
        write(d, "page.txt", "Fine copy.\n");
        let out = claimlint(d).args(["check", "page.txt"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        for e in *expect {
            assert!(stderr.contains(e), "{what}: expected `{e}` in\n{stderr}");
        }
    }
}
