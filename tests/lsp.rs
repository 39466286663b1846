//! `claimlint lsp`, driven over standard input and output the way an editor drives it:
//! JSON-RPC messages with `Content-Length` framing. Every wait has a timeout, so a server that
//! hangs fails the test instead of hanging it.

mod common;
use common::lsp::{Client, TIMEOUT, apply_edits, codes, uri_of};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn lifecycle_initialize_shutdown_exit() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    // Requests before initialize are refused, not fatal.
    let early = c.request(7, "textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    let init = c.initialize(dir.path(), false);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 1);
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["textDocumentSync"]["save"]["includeText"], true);
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(init["result"]["serverInfo"]["name"], "claimlint");
    // After shutdown, requests are invalid; exit then ends the process with 0.
    let r = c.request(2, "shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let after = c.request(3, "textDocument/hover", json!({}));
    assert_eq!(after["error"]["code"], -32600);
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    let code = loop {
        if let Some(s) = c.child.try_wait().unwrap() {
            break s.code().unwrap();
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    assert_eq!(c.stop(false), 1);
}

#[test]
fn diagnostics_on_open_count_utf16_code_units() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("page.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    // "Ça va 😀 — our blend " is 20 characters but 21 UTF-16 code units (the emoji is two).
    let text = "Ça va 😀 — our blend prevents migraines.\n";
    let before = &text[..text.find("prevents").unwrap()];
    assert_eq!(
        (before.chars().count(), before.encode_utf16().count()),
        (20, 21)
    );
    let d = c.open(&uri, "markdown", text);
    assert_eq!(d["version"], 1);
    let diags = d["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{d}");
    let diag = &diags[0];
    assert_eq!(
        diag["range"],
        json!({"start": {"line": 0, "character": 21}, "end": {"line": 0, "character": 39}})
    );
    assert_eq!(diag["severity"], 1);
    assert_eq!(diag["code"], "us-fda/disease-claim");
    assert_eq!(diag["source"], "claimlint");
    assert_eq!(
        diag["message"],
        "\"prevents\" with \"migraines\" claims to prevent a disease"
    );
    assert_eq!(
        diag["codeDescription"]["href"],
        "https://github.com/claimlint/claimlint/blob/main/docs/rules/us-fda/disease-claim.md"
    );
    let related = diag["relatedInformation"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0]["message"], "claim word");
    assert_eq!(
        related[0]["location"]["range"],
        json!({"start": {"line": 0, "character": 21}, "end": {"line": 0, "character": 29}})
    );
    assert_eq!(related[0]["location"]["uri"], uri);
    assert_eq!(related[1]["message"], "disease or symptom: migraine");
    assert_eq!(c.stop(true), 0);
}

#[test]
fn diagnostics_follow_changes_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("notes.txt"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    let d = c.open(&uri, "plaintext", "A fine cup of tea.\n");
    assert_eq!(codes(&d), Vec::<String>::new());
    let d = c.change(&uri, 2, "A fine cup of tea.\nIt is a miracle.\n");
    assert_eq!(d["version"], 2);
    assert_eq!(codes(&d), ["us-fda/miracle-claim"]);
    assert_eq!(d["diagnostics"][0]["severity"], 2);
    assert_eq!(
        d["diagnostics"][0]["range"],
        json!({"start": {"line": 1, "character": 8}, "end": {"line": 1, "character": 15}})
    );
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}, "text": "It prevents colds.\n"}),
    );
    assert_eq!(codes(&c.diagnostics(&uri)), ["us-fda/disease-claim"]);
    // Closing clears the document's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(codes(&c.diagnostics(&uri)), Vec::<String>::new());
    assert_eq!(c.stop(true), 0);
}

#[test]
fn hover_shows_the_rule_documentation() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("page.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    c.open(&uri, "markdown", "Café tea prevents migraines.\n");
    let pos = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let h = c.request(10, "textDocument/hover", pos(0, 12));
    let value = h["result"]["contents"]["value"].as_str().unwrap();
    assert_eq!(h["result"]["contents"]["kind"], "markdown");
    assert!(
        value.starts_with(
            "**us-fda/disease-claim** (error): \"prevents\" with \"migraines\" claims to prevent a disease\n\nhelp: "
        ),
        "{value}"
    );
    assert!(value.contains("## What it checks"), "{value}");
    assert!(value.contains("note: 21 CFR 101.93(g)"), "{value}");
    assert!(value.contains(
        "(https://github.com/claimlint/claimlint/blob/main/docs/rules/us-fda/disease-claim.md)"
    ));
    assert_eq!(
        h["result"]["range"],
        json!({"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 27}})
    );
    // Outside any finding there is nothing to show.
    let h = c.request(11, "textDocument/hover", pos(0, 2));
    assert_eq!(h["result"], Value::Null);
    assert_eq!(c.stop(true), 0);
}

#[test]
fn code_actions_fix_and_ignore() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("page.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    let text = "# Tea 😀\n\nSupports calm.\nIt prevents migraines.\n";
    let d = c.open(&uri, "markdown", text);
    assert_eq!(
        codes(&d),
        ["us-fda/dshea-disclaimer", "us-fda/disease-claim"]
    );
    let actions_at = |c: &mut Client, id: i64, line: u32| {
        let r = c.request(
            id,
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 3}},
                "context": {"diagnostics": []},
            }),
        );
        r["result"].as_array().unwrap().clone()
    };
    let actions = actions_at(&mut c, 20, 2);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "append the DSHEA disclaimer",
            "ignore `us-fda/dshea-disclaimer` on this line"
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(
        actions[0]["diagnostics"][0]["code"],
        "us-fda/dshea-disclaimer"
    );
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply_edits(text, edits);
    assert_eq!(
        fixed,
        format!(
            "{text}\nThese statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.\n"
        )
    );
    let d = c.change(&uri, 2, &fixed);
    assert_eq!(codes(&d), ["us-fda/disease-claim"]);

    // "Ignore" on a line that continues a paragraph goes at the end of the line above, so
    // the paragraph stays one paragraph; the finding is gone and nothing is left unused.
    let actions = actions_at(&mut c, 21, 3);
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["ignore `us-fda/disease-claim` on this line"]);
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    let ignored = apply_edits(&fixed, edits);
    assert!(
        ignored.starts_with(
            "# Tea 😀\n\nSupports calm. <!-- claimlint-disable-next-line us-fda/disease-claim -->\nIt prevents migraines.\n"
        ),
        "{ignored}"
    );
    let d = c.change(&uri, 3, &ignored);
    assert_eq!(codes(&d), Vec::<String>::new());
    assert_eq!(c.stop(true), 0);
}

#[test]
fn ignore_in_plain_text_is_a_comment_line_above() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("label.txt"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    let text = "Calm Tea\r\n\r\n  Our tea is a miracle.\r\n";
    c.open(&uri, "plaintext", text);
    let r = c.request(
        30,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 16}, "end": {"line": 2, "character": 16}},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        }),
    );
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{r}");
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    let ignored = apply_edits(text, edits);
    assert_eq!(
        ignored,
        "Calm Tea\r\n\r\n  <!-- claimlint-disable-next-line us-fda/miracle-claim -->\r\n  Our tea is a miracle.\r\n"
    );
    assert_eq!(codes(&c.change(&uri, 2, &ignored)), Vec::<String>::new());
    // Asking only for other kinds of action gives none.
    let r = c.request(
        31,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
            "context": {"diagnostics": [], "only": ["refactor"]},
        }),
    );
    assert_eq!(r["result"], json!([]));
    assert_eq!(c.stop(true), 0);
}

#[test]
fn malformed_messages_get_errors_and_the_server_carries_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);

    c.raw(b"{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": ");
    let e = c.response(Value::Null);
    assert_eq!(e["error"]["code"], -32700);

    c.send(json!({"jsonrpc": "2.0", "id": 6}));
    let e = c.response(json!(6));
    assert_eq!(e["error"]["code"], -32600);

    c.send(json!([1, 2, 3]));
    let e = c.response(Value::Null);
    assert_eq!(e["error"]["code"], -32600);

    let e = c.request(7, "textDocument/formatting", json!({}));
    assert_eq!(e["error"]["code"], -32601);

    let e = c.request(8, "textDocument/hover", json!({"position": "here"}));
    assert_eq!(e["error"]["code"], -32602);

    // A header with no length, then a good message: the good one is still served.
    c.stdin
        .as_mut()
        .unwrap()
        .write_all(b"Content-Type: x\r\n\r\n")
        .unwrap();
    let e = c.response(Value::Null);
    assert_eq!(e["error"]["code"], -32700);

    // A change to a document that was never opened is logged and ignored.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere/x.md", "version": 2}, "contentChanges": [{"text": "It cures colds."}]}),
    );
    let log = c.wait_for("a log message", |m| m["method"] == "window/logMessage");
    assert!(
        log["params"]["message"]
            .as_str()
            .unwrap()
            .contains("file:///nowhere/x.md, which is not open"),
        "{log}"
    );
    // An unknown notification is ignored; the server still answers.
    c.notify("workspace/somethingNew", json!({}));
    let uri = uri_of(&dir.path().join("after.md"));
    assert_eq!(
        codes(&c.open(&uri, "markdown", "It cures colds.\n")),
        ["us-fda/disease-claim"]
    );
    assert_eq!(c.stop(true), 0);
}

#[test]
fn config_changes_are_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("claimlint.yaml");
    std::fs::write(&config, "rules:\n  us-fda/miracle-claim: off\n").unwrap();
    let uri = uri_of(&dir.path().join("page.md"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), true);
    // With dynamic registration, the server asks to watch config files.
    let reg = c.wait_for("a registration", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    c.send(json!({"jsonrpc": "2.0", "id": reg["id"], "result": null}));
    let text = "A miracle of a tea.\n";
    assert_eq!(codes(&c.open(&uri, "markdown", text)), Vec::<String>::new());

    // Edited config, noticed by its modification time on the next lint.
    std::fs::write(&config, "rules:\n  us-fda/miracle-claim: error\n").unwrap();
    bump_mtime(&config, 10);
    let d = c.change(&uri, 2, text);
    assert_eq!(codes(&d), ["us-fda/miracle-claim"]);
    assert_eq!(d["diagnostics"][0]["severity"], 1);

    // Edited again, announced by the editor's file watcher: open documents are re-linted.
    std::fs::write(&config, "rules:\n  us-fda/miracle-claim: info\n").unwrap();
    bump_mtime(&config, 20);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri_of(&config), "type": 2}]}),
    );
    let d = c.diagnostics(&uri);
    assert_eq!(d["diagnostics"][0]["severity"], 3);

    // A broken config is reported, and the last good rules stay in force.
    std::fs::write(&config, "rules:\n  us-fda/miracle-claim: loud\n").unwrap();
    bump_mtime(&config, 30);
    let d = c.change(&uri, 3, text);
    let shown = c.wait_for("a message", |m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("`loud` is not a rule setting"),
        "{shown}"
    );
    assert_eq!(d["diagnostics"][0]["severity"], 3);
    assert_eq!(c.stop(true), 0);
}

#[test]
fn labels_globs_pick_the_label_checks_for_open_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claimlint.yaml"),
        "labels: [\"labels/**\"]\n",
    )
    .unwrap();
    let text = "Magnesium Glycinate\n\nOther Ingredients: whey protein, gelatin.\n";
    let label = uri_of(&dir.path().join("labels/a.txt"));
    let page = uri_of(&dir.path().join("pages/a.txt"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    let mut got = codes(&c.open(&label, "plaintext", text));
    got.sort();
    assert_eq!(
        got,
        [
            "us-fda/adverse-event-contact",
            "us-fda/allergen-declaration",
            "us-fda/net-quantity",
            "us-fda/place-of-business",
            "us-fda/statement-of-identity"
        ]
    );
    assert_eq!(
        codes(&c.open(&page, "plaintext", text)),
        Vec::<String>::new()
    );
    assert_eq!(c.stop(true), 0);
}

fn bump_mtime(path: &Path, secs: u64) {
    let t = std::time::SystemTime::now() + Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn html_is_linted_but_gets_no_ignore_comment() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("page.html"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    let text = "<html><body>\n<p>Our tea prevents migraines.</p>\n</body></html>\n";
    let d = c.open(&uri, "html", text);
    assert_eq!(codes(&d), ["us-fda/disease-claim"]);
    assert_eq!(
        d["diagnostics"][0]["range"],
        json!({"start": {"line": 1, "character": 11}, "end": {"line": 1, "character": 29}})
    );
    let r = c.request(
        40,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 1, "character": 12}, "end": {"line": 1, "character": 12}},
            "context": {"diagnostics": []},
        }),
    );
    assert_eq!(r["result"], json!([]));
    assert_eq!(c.stop(true), 0);
}

#[test]
fn a_disease_claim_offers_its_structure_function_rewording_not_preferred() {
    let dir = tempfile::tempdir().unwrap();
    let uri = uri_of(&dir.path().join("page.txt"));
    let mut c = Client::start(dir.path());
    c.initialize(dir.path(), false);
    let text = "Our tea reduces anxiety.\n";
    let d = c.open(&uri, "plaintext", text);
    assert_eq!(codes(&d), ["us-fda/disease-claim"]);
    let r = c.request(
        40,
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 10}, "end": {"line": 0, "character": 10}},
            "context": {"diagnostics": []},
        }),
    );
    let actions = r["result"].as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "reword as a structure/function claim: \"helps maintain a calm, relaxed mood\"",
            "ignore `us-fda/disease-claim` on this line"
        ]
    );
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], false);
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    let reworded = apply_edits(text, edits);
    assert_eq!(reworded, "Our tea helps maintain a calm, relaxed mood.\n");
    // The reworded copy is a structure/function claim: it needs the disclaimer, and makes no
    // disease claim.
    let d = c.change(&uri, 2, &reworded);
    assert_eq!(codes(&d), ["us-fda/dshea-disclaimer"]);
    assert_eq!(c.stop(true), 0);
}
