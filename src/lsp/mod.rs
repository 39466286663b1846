//! `claimlint lsp`: a Language Server over standard input and output.
//!
//! Synchronous, on lsp-server's message types: full-document sync, diagnostics on open,
//! change and save, hover with the rule's documentation, and code actions (the rule's fix,
//! and "ignore this rule here", which inserts a suppression comment). Positions are UTF-16
//! code units, the protocol's default. `claimlint.yaml` is found from each document's folder
//! up and reloaded when it changes (its modification time is checked on every lint, and
//! `workspace/didChangeWatchedFiles` drops the cache).
//!
//! This file is the server loop; `documents` holds the open documents and lints them,
//! `actions` answers hover and code actions, `convert` turns offsets into UTF-16 positions.
//! lsp-server's own stdio transport stops at the first malformed message, so `transport`
//! frames messages itself: a body that is not JSON is answered with ParseError, JSON that is
//! not a request with InvalidRequest, an unknown method with MethodNotFound, bad parameters
//! with InvalidParams, and the server carries on.

mod actions;
mod convert;
mod documents;
mod rewording;
mod transport;

pub use actions::suppression_edit;
pub use documents::uri_to_path;

use crate::config;
use crossbeam_channel::RecvTimeoutError;
use documents::{CachedRules, OpenDocument};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use transport::{Frame, read_frame, write_error};

/// How many messages read from the client wait for the server at most.
const INCOMING: usize = 4;

/// How long the client must be quiet before changed documents are linted: longer than it
/// takes to read the next change of a large document, shorter than a keystroke.
const PAUSE: Duration = Duration::from_millis(40);

/// Run the server on standard input and output until `exit` or the end of input. Returns the
/// process exit code: 0 after `shutdown` then `exit`, 1 otherwise, as the protocol asks.
pub fn run() -> u8 {
    // Messages from the client wait in a short queue: while a lint runs, the reader stops
    // and the pipe holds the rest, instead of memory holding every queued change (each a
    // whole document with full sync).
    let (client_sender, incoming) = crossbeam_channel::bounded(INCOMING);
    let (outgoing, client_receiver) = crossbeam_channel::unbounded();
    let server = Connection {
        sender: outgoing,
        receiver: incoming,
    };
    let out = Arc::new(Mutex::new(io::stdout()));
    let writer_out = Arc::clone(&out);
    let writer = std::thread::spawn(move || {
        for msg in client_receiver {
            let Ok(mut out) = writer_out.lock() else {
                break;
            };
            if msg.write(&mut *out).is_err() {
                break;
            }
        }
    });
    // The reader thread is left blocked on standard input when the server exits; the
    // process ends with it.
    std::thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = io::BufReader::new(stdin.lock());
        loop {
            match read_frame(&mut input) {
                Frame::Eof => break,
                Frame::Message(msg) => {
                    if client_sender.send(msg).is_err() {
                        break;
                    }
                }
                Frame::Invalid { id, code, message } => {
                    let Ok(mut out) = out.lock() else { break };
                    if write_error(&mut *out, id, code, &message).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let code = Server::new(server).serve();
    let _ = writer.join();
    code
}

/// The state of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for `initialize`.
    Uninitialized,
    /// Serving.
    Running,
    /// `shutdown` answered; waiting for `exit`.
    ShutDown,
}

struct Server {
    pub(super) conn: Connection,
    pub(super) phase: Phase,
    pub(super) documents: HashMap<lsp::Uri, OpenDocument>,
    pub(super) rules: HashMap<Option<PathBuf>, CachedRules>,
    pub(super) root: Option<PathBuf>,
    pub(super) watch_config: bool,
    pub(super) next_request: i32,
}

impl Server {
    pub(super) fn new(conn: Connection) -> Server {
        Server {
            conn,
            phase: Phase::Uninitialized,
            documents: HashMap::new(),
            rules: HashMap::new(),
            root: None,
            watch_config: false,
            next_request: 0,
        }
    }

    pub(super) fn send(&self, msg: impl Into<Message>) {
        let _ = self.conn.sender.send(msg.into());
    }

    pub(super) fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }

    pub(super) fn log(&self, kind: lsp::MessageType, message: String) {
        self.notify(
            "window/logMessage",
            lsp::LogMessageParams { typ: kind, message },
        );
    }

    pub(super) fn reply_err(&self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, message.into()));
    }

    /// Serve until `exit` or until the client goes away; returns the exit code.
    ///
    /// Changes only mark a document stale. It is linted once the client has sent nothing for
    /// [`PAUSE`], so a version that a newer one replaced meanwhile is never linted (a request
    /// about a document lints it first, see `refresh`).
    pub(super) fn serve(mut self) -> u8 {
        let receiver = self.conn.receiver.clone();
        loop {
            let next = if self.has_stale() {
                match receiver.recv_timeout(PAUSE) {
                    Ok(msg) => Some(msg),
                    Err(RecvTimeoutError::Timeout) => {
                        self.lint_stale();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => None,
                }
            } else {
                receiver.recv().ok()
            };
            let Some(msg) = next else {
                return 1;
            };
            match msg {
                Message::Request(req) => self.request(req),
                Message::Notification(n) if n.method == "exit" => {
                    return if self.phase == Phase::ShutDown { 0 } else { 1 };
                }
                Message::Notification(n) => self.notification(n),
                // Answers to our own requests (capability registration) need no action.
                Message::Response(_) => {}
            }
        }
    }

    pub(super) fn request(&mut self, req: Request) {
        let id = req.id.clone();
        match (self.phase, req.method.as_str()) {
            (Phase::Uninitialized, "initialize") => self.initialize(req),
            (Phase::Uninitialized, _) => self.reply_err(
                id,
                ErrorCode::ServerNotInitialized,
                "the server has not been initialized",
            ),
            (Phase::ShutDown, _) => {
                self.reply_err(id, ErrorCode::InvalidRequest, "the server is shutting down")
            }
            (Phase::Running, "initialize") => self.reply_err(
                id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            ),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShutDown;
                self.send(Response::new_ok(id, ()));
            }
            (Phase::Running, "textDocument/hover") => {
                match serde_json::from_value::<lsp::HoverParams>(req.params) {
                    Ok(p) => {
                        self.refresh(&p.text_document_position_params.text_document.uri);
                        let result = self.hover(&p);
                        self.send(Response::new_ok(id, result));
                    }
                    Err(e) => self.reply_err(id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            (Phase::Running, "textDocument/codeAction") => {
                match serde_json::from_value::<lsp::CodeActionParams>(req.params) {
                    Ok(p) => {
                        self.refresh(&p.text_document.uri);
                        let result = self.code_actions(&p);
                        self.send(Response::new_ok(id, result));
                    }
                    Err(e) => self.reply_err(id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            (Phase::Running, method) => self.reply_err(
                id,
                ErrorCode::MethodNotFound,
                format!("claimlint does not handle `{method}`"),
            ),
        }
    }

    pub(super) fn initialize(&mut self, req: Request) {
        let params: lsp::InitializeParams = match serde_json::from_value(req.params) {
            Ok(p) => p,
            Err(e) => {
                return self.reply_err(req.id, ErrorCode::InvalidParams, e.to_string());
            }
        };
        #[allow(deprecated)] // root_uri: older clients send only this
        let root = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone());
        self.root = root.as_ref().and_then(uri_to_path);
        self.watch_config = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let result = json!({
            "capabilities": {
                "positionEncoding": "utf-16",
                "textDocumentSync": {
                    "openClose": true,
                    "change": 1,
                    "save": {"includeText": true},
                },
                "hoverProvider": true,
                "codeActionProvider": {"codeActionKinds": ["quickfix"]},
            },
            "serverInfo": {"name": "claimlint", "version": env!("CARGO_PKG_VERSION")},
        });
        self.phase = Phase::Running;
        self.send(Response::new_ok(req.id, result));
    }

    pub(super) fn notification(&mut self, n: Notification) {
        if self.phase != Phase::Running {
            return;
        }
        let method = n.method.clone();
        let result = match method.as_str() {
            "initialized" => {
                self.register_watchers();
                Ok(())
            }
            "textDocument/didOpen" => serde_json::from_value(n.params).map(|p| self.did_open(p)),
            "textDocument/didChange" => {
                serde_json::from_value(n.params).map(|p| self.did_change(p))
            }
            "textDocument/didSave" => serde_json::from_value(n.params).map(|p| self.did_save(p)),
            "textDocument/didClose" => serde_json::from_value(n.params).map(|p| self.did_close(p)),
            "workspace/didChangeWatchedFiles" => {
                self.rules.clear();
                self.relint_all();
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.log(
                lsp::MessageType::ERROR,
                format!("claimlint: ignoring `{method}` with invalid parameters: {e}"),
            );
        }
    }

    pub(super) fn register_watchers(&mut self) {
        if !self.watch_config {
            return;
        }
        self.next_request += 1;
        let watchers: Vec<Value> = config::FILE_NAMES
            .iter()
            .map(|name| json!({"globPattern": format!("**/{name}")}))
            .collect();
        self.send(Request::new(
            RequestId::from(format!("claimlint-{}", self.next_request)),
            "client/registerCapability".to_string(),
            json!({"registrations": [{
                "id": "claimlint-config",
                "method": "workspace/didChangeWatchedFiles",
                "registerOptions": {"watchers": watchers},
            }]}),
        ));
    }
}
