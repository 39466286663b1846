//! The language server under load: a burst of changes is linted once, at its last version,
//! and a header line of any length costs no memory.

use super::common::lsp::Client;
use serde_json::{Value, json};
use tempfile::TempDir;

#[test]
fn a_burst_of_changes_is_linted_at_its_last_version_only() {
    let dir = TempDir::new().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    let uri = "file:///tmp/claimlint-burst/page.md";
    let filler = "Our magnesium blend supports a calm mood and restful sleep. ".repeat(300);
    c.open(uri, "markdown", &format!("A fine tea.\n\n{filler}\n"));
    const CHANGES: i64 = 300;
    for v in 2..=CHANGES + 1 {
        // Only the last version starts with a disease claim.
        let first = if v == CHANGES + 1 {
            "Cures gout."
        } else {
            "A fine tea."
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"text": format!("{first}\n\n{filler}\n")}]}),
        );
    }
    // A request answers for the text the editor has, whatever is still to be linted.
    let hover = c.request(
        50,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(shown.contains("us-fda/disease-claim"), "{hover}");
    let last = c.wait_for("diagnostics of the last version", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["version"] == json!(CHANGES + 1)
    });
    assert!(
        last["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "us-fda/disease-claim")
    );
    let published = c
        .backlog
        .iter()
        .filter(|m: &&Value| m["method"] == "textDocument/publishDiagnostics")
        .count();
    assert!(
        published < 10,
        "{published} versions of {CHANGES} were linted and published"
    );
    assert_eq!(c.stop(true), 0);
}

#[test]
fn a_header_line_of_megabytes_is_dropped_and_the_next_message_answered() {
    let dir = TempDir::new().unwrap();
    let mut c = Client::start(dir.path());
    let junk = format!("X-Junk: {}\r\n\r\n", "x".repeat(4 << 20));
    c.stdin
        .as_mut()
        .map(|s| std::io::Write::write_all(s, junk.as_bytes()))
        .unwrap()
        .unwrap();
    let error = c.wait_for("the error for the long header", |m| {
        m.get("error").is_some()
    });
    assert_eq!(error["error"]["code"], -32700);
    assert_eq!(
        error["error"]["message"],
        "a header line is longer than 8192 bytes"
    );
    c.initialize(dir.path(), false);
    assert_eq!(c.stop(true), 0);
}
