//! Load on the language server, for scripts/bench-e2e.sh --growth: open one generated page
//! of SIZE bytes, send CHANGES full-text changes as fast as the pipe takes them, then a hover,
//! and print how long the hover waited and the server's peak memory (Linux, VmHWM).
//!
//! `cargo run --release --example lsp_load -- BINARY SIZE CHANGES` prints
//! `SIZE CHANGES seconds peak-KB`.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::channel;
use std::time::Instant;

fn frame(msg: &Value) -> Vec<u8> {
    let body = msg.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

/// Read framed messages from `out` and send on the ids of responses.
fn read_responses(out: impl Read, ids: std::sync::mpsc::Sender<Value>) {
    let mut out = BufReader::new(out);
    loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                length = v.parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if out.read_exact(&mut body).is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if msg.get("method").is_none() && ids.send(msg["id"].clone()).is_err() {
            return;
        }
    }
}

fn peak_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [binary, size, changes] = args.as_slice() else {
        eprintln!("usage: lsp_load BINARY SIZE CHANGES");
        return ExitCode::from(2);
    };
    let (Ok(size), Ok(changes)) = (size.parse::<usize>(), changes.parse::<usize>()) else {
        eprintln!("error: SIZE and CHANGES are whole numbers");
        return ExitCode::from(2);
    };
    let mut child = Command::new(binary)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let (tx, responses) = channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || read_responses(stdout, tx));
    let mut stdin = child.stdin.take().expect("stdin");
    let uri = "file:///bench/page.md";
    let text = corpus::page(corpus::STANDARD_SEED, 1, size).text;
    let mut send = |msg: Value| stdin.write_all(&frame(&msg)).expect("the server reads");
    send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
    );
    let start = Instant::now();
    for v in 0..changes {
        // Each version differs from the one before, as typing makes it.
        let mut t = text.clone();
        t.push_str(&"x".repeat(v % 7));
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v + 2}, "contentChanges": [{"text": t}]}}),
        );
    }
    send(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}}),
    );
    while let Ok(id) = responses.recv() {
        if id == json!(2) {
            break;
        }
    }
    let waited = start.elapsed().as_secs_f64();
    let peak = peak_kb(child.id());
    send(json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": null}));
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    drop(stdin);
    let _ = child.wait();
    println!("{size} {changes} {waited:.3} {peak}");
    ExitCode::SUCCESS
}
