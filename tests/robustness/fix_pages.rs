//! The disclaimer fix on pages where added text cannot go just anywhere: it goes where the
//! parser reads prose, and a fix that would not remove its finding is not written.

use super::{claimlint, rules, write};
use claimlint::document::{Format, ParseOptions};
use claimlint::fix::fix_all;
use std::fs;
use tempfile::TempDir;

const DISCLAIMER: &str = "These statements have not been evaluated by the Food and Drug \
                          Administration. This product is not intended to diagnose, treat, \
                          cure, or prevent any disease.";
const DSHEA: &str = "us-fda/dshea-disclaimer";

/// Run `check --fix` on `name` holding `page`; the file afterwards, stdout and stderr.
fn fix(name: &str, page: &str) -> (String, String, String) {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, page);
    let out = claimlint(dir.path())
        .args(["check", "--no-config", "--color", "never", "--fix", name])
        .output()
        .unwrap();
    let after = fs::read_to_string(dir.path().join(name)).unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (after, stdout, stderr)
}

#[test]
fn the_disclaimer_goes_before_the_body_end_tag_the_parser_read() {
    let p = format!("<p>{DISCLAIMER}</p>\n");
    // (what, page, the fixed page)
    let cases = [
        (
            "a `</body>` in a script after the real one",
            "<body><p>Supports restful sleep.</p></body>\n<script>var s = \"</body>\";</script>\n"
                .to_string(),
            format!(
                "<body><p>Supports restful sleep.</p>{p}</body>\n<script>var s = \"</body>\";</script>\n"
            ),
        ),
        (
            "a `</body>` in a script and none after it",
            "<body><p>Supports restful sleep.</p>\n<script>document.write(\"</body>\")</script>\n"
                .to_string(),
            format!(
                "<body><p>Supports restful sleep.</p>\n<script>document.write(\"</body>\")</script>\n\n{p}"
            ),
        ),
        (
            "a comment after `</body>` that holds one",
            "<body><p>Supports restful sleep.</p></body>\n<!-- old footer </body> -->\n"
                .to_string(),
            format!(
                "<body><p>Supports restful sleep.</p>{p}</body>\n<!-- old footer </body> -->\n"
            ),
        ),
    ];
    for (what, page, fixed) in cases {
        let (after, stdout, stderr) = fix("page.html", &page);
        assert_eq!(after, fixed, "{what}");
        assert_eq!(stderr, "fixed 1 problem in page.html\n", "{what}");
        assert_eq!(stdout, "no problems found in 1 file\n", "{what}");
    }
}

#[test]
fn no_fix_where_nothing_added_would_be_read() {
    let cases = [
        (
            "page.html",
            "<p>Supports restful sleep.</p>\n<!-- draft footer\n",
        ),
        (
            "page.html",
            "<p>Supports restful sleep.</p>\n<script>var s = 1;\n",
        ),
        ("page.html", "<p>Supports restful sleep.</p>\n<pre>notes\n"),
        ("page.html", "<p>Supports restful sleep.</p>\n<img alt=\"x"),
        // Found by the `fix` fuzz target: a `</` at the end is text until something follows.
        ("page.html", "support/a</"),
        // And: what follows a link never closed is the link's text.
        ("page.html", "maintain<a href>"),
        ("page.html", "maintain<a href></body>"),
        ("page.md", "Supports restful sleep.\n\n<!-- draft notes\n"),
        (
            "page.md",
            "Supports restful sleep.\n\n<script>\nvar s = 1;\n",
        ),
        ("page.md", "Supports restful sleep.\n\n```\nnotes\n"),
        ("page.md", "Supports restful sleep.\n\n> ~~~~\n> notes\n"),
        // Found by the `fix` fuzz target: a `<script` block is closed by `</script>` only,
        // not by the `</pre>` CommonMark also allows.
        ("page.md", "Protects \n<script\n</pre>"),
        (
            "page.md",
            "Supports restful sleep.\n\n<SCRIPT>\n</SCRIPT>\n",
        ),
        // And: a blank line of lone CRs does not end an HTML block for pulldown-cmark.
        ("page.md", "\rsupport\n<nav"),
    ];
    for (name, page) in cases {
        let (after, stdout, stderr) = fix(name, page);
        assert_eq!(after, page, "{page:?}");
        assert_eq!(stderr, "", "{page:?}");
        assert!(stdout.contains(DSHEA), "{page:?}: {stdout}");
    }
}

#[test]
fn markdown_blocks_that_end_at_a_blank_line_take_the_fix_after_them() {
    for page in [
        "Supports restful sleep.\n\n<div class=\"note\">\nSee the label.\n",
        "Supports restful sleep.\n\n<!-- note -->\n",
        "Supports restful sleep.\n\n```\nnotes\n```\n",
        "Supports restful sleep.\n\n    indented code\n",
        "- Supports restful sleep.\n  - nested\n",
    ] {
        let (after, stdout, stderr) = fix("page.md", page);
        let page = page.trim_end_matches('\n');
        assert_eq!(after, format!("{page}\n\n{DISCLAIMER}\n"));
        assert_eq!(stderr, "fixed 1 problem in page.md\n", "{page:?}");
        assert_eq!(stdout, "no problems found in 1 file\n", "{page:?}");
    }
}

#[test]
fn a_fix_that_leaves_its_finding_is_not_applied() {
    let page = "<p>Supports restful sleep.</p>\n<!-- a comment -->\n";
    let options = ParseOptions::default();
    let mut linted = claimlint::lint_with(page, Format::Html, rules(), &options);
    // Point the fix inside the comment, where the disclaimer would be no disclaimer.
    let inside = page.find("a comment").unwrap();
    let d = linted
        .diagnostics
        .iter_mut()
        .find(|d| d.rule == DSHEA)
        .unwrap();
    let edit = &mut d.fix.as_mut().unwrap().edits[0];
    edit.span = claimlint::diagnostic::Span::new(inside, inside);
    let fixed = fix_all(linted, Format::Html, rules(), &options);
    assert_eq!(fixed.count, 0);
    assert_eq!(fixed.linted.document.source, page);
    assert!(fixed.linted.diagnostics.iter().any(|d| d.rule == DSHEA));
}
