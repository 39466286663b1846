//! `claimlint lsp`: a Language Server over standard input and output.
//!
//! Synchronous, on lsp-server's message types: full-document sync, diagnostics on open,
//! change and save, hover with the rule's documentation, and code actions (the rule's fix,
//! and "ignore this rule here", which inserts a suppression comment). Positions are UTF-16
//! code units, the protocol's default. `claimlint.yaml` is found from each document's folder
//! up and reloaded when it changes (its modification time is checked on every lint, and
//! `workspace/didChangeWatchedFiles` drops the cache).
//!
//! lsp-server's own stdio transport stops at the first malformed message, so this module
//! frames messages itself: a body that is not JSON is answered with ParseError, JSON that is
//! not a request with InvalidRequest, an unknown method with MethodNotFound, bad parameters
//! with InvalidParams, and the server carries on.

use crate::config::{self, Config};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Severity, Span};
use crate::document::{BlockKind, Document, Format, LineIndex, ParseOptions};
use crate::report::rule_doc;
use crate::rules::{LoadError, RuleSet};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// The largest message body accepted; anything bigger is skipped with a ParseError.
const MAX_BODY: usize = 64 * 1024 * 1024;

/// Run the server on standard input and output until `exit` or the end of input. Returns the
/// process exit code: 0 after `shutdown` then `exit`, 1 otherwise, as the protocol asks.
pub fn run() -> u8 {
    let (server, client) = Connection::memory();
    let out = Arc::new(Mutex::new(io::stdout()));
    let writer_out = Arc::clone(&out);
    let client_receiver = client.receiver;
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
    let client_sender = client.sender;
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

/// One framed message read from the client.
#[derive(Debug)]
enum Frame {
    /// A well-formed request, notification or response.
    Message(Message),
    /// Something to answer with an error, with the request id when it could be read.
    Invalid {
        id: Option<Value>,
        code: ErrorCode,
        message: String,
    },
    /// The client closed its end.
    Eof,
}

fn invalid(id: Option<Value>, code: ErrorCode, message: impl Into<String>) -> Frame {
    Frame::Invalid {
        id,
        code,
        message: message.into(),
    }
}

/// Read one `Content-Length`-framed message. Malformed headers are skipped up to the next
/// `Content-Length` so one bad message does not lose the ones after it.
fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut saw_header = false;
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Frame::Eof,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        // Resynchronise on a header glued to the end of a previous, unframed body.
        let lower = text.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            let value = text[at + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("invalid Content-Length header `{value}`")),
            );
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return invalid(None, ErrorCode::ParseError, e),
        None => {
            return invalid(
                None,
                ErrorCode::ParseError,
                "message has no Content-Length header",
            );
        }
    };
    if length > MAX_BODY {
        let _ = io::copy(&mut input.take(length as u64), &mut io::sink());
        return invalid(
            None,
            ErrorCode::ParseError,
            format!("message of {length} bytes is larger than the {MAX_BODY} byte limit"),
        );
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Frame::Eof;
    }
    parse_message(&body)
}

/// Turn a message body into a [`Message`], or say which error answers it.
fn parse_message(body: &[u8]) -> Frame {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid(None, ErrorCode::ParseError, format!("invalid JSON: {e}")),
    };
    let Value::Object(mut obj) = value else {
        return invalid(
            None,
            ErrorCode::InvalidRequest,
            "a message must be a JSON object (batches are not supported)",
        );
    };
    let raw_id = obj.get("id").cloned();
    let id = match &raw_id {
        None => None,
        Some(Value::Number(n)) => match n.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) => Some(RequestId::from(n)),
            None => {
                return invalid(
                    None,
                    ErrorCode::InvalidRequest,
                    "a request id must be a string or a 32-bit integer",
                );
            }
        },
        Some(Value::String(s)) => Some(RequestId::from(s.clone())),
        Some(Value::Null) if !obj.contains_key("method") => None,
        Some(_) => {
            return invalid(
                None,
                ErrorCode::InvalidRequest,
                "a request id must be a string or a 32-bit integer",
            );
        }
    };
    let params = obj.remove("params").unwrap_or(Value::Null);
    match obj.remove("method") {
        Some(Value::String(method)) => match id {
            Some(id) => Frame::Message(Message::Request(Request { id, method, params })),
            None => Frame::Message(Message::Notification(Notification { method, params })),
        },
        Some(_) => invalid(
            raw_id,
            ErrorCode::InvalidRequest,
            "`method` must be a string",
        ),
        None if obj.contains_key("result") || obj.contains_key("error") => {
            obj.insert("params".into(), params);
            match serde_json::from_value::<Response>(Value::Object(obj)) {
                Ok(r) => Frame::Message(Message::Response(r)),
                Err(e) => invalid(
                    None,
                    ErrorCode::InvalidRequest,
                    format!("malformed response: {e}"),
                ),
            }
        }
        None => invalid(
            raw_id,
            ErrorCode::InvalidRequest,
            "a message needs a `method` (or a `result` or `error` when it is a response)",
        ),
    }
}

/// Write an error response directly, for messages that never became a [`Request`].
fn write_error(
    out: &mut impl Write,
    id: Option<Value>,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(Value::Null),
        "error": {"code": code as i32, "message": message},
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
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

/// An open document.
struct OpenDocument {
    text: String,
    version: i32,
    language: String,
    /// The result of the last lint: the parsed document and its diagnostics.
    linted: Option<(Document, Vec<Diagnostic>, Arc<Setup>)>,
}

/// What one config file (or none) sets up: the rules and the parse options.
struct Setup {
    rules: RuleSet,
    options: ParseOptions,
}

/// The setup for one config file, and the stamp of the file it was built from.
struct CachedRules {
    setup: Arc<Setup>,
    stamp: Option<(SystemTime, u64)>,
}

struct Server {
    conn: Connection,
    phase: Phase,
    documents: HashMap<lsp::Uri, OpenDocument>,
    rules: HashMap<Option<PathBuf>, CachedRules>,
    root: Option<PathBuf>,
    watch_config: bool,
    next_request: i32,
}

impl Server {
    fn new(conn: Connection) -> Server {
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

    fn send(&self, msg: impl Into<Message>) {
        let _ = self.conn.sender.send(msg.into());
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Notification::new(method.to_string(), params));
    }

    fn log(&self, kind: lsp::MessageType, message: String) {
        self.notify(
            "window/logMessage",
            lsp::LogMessageParams { typ: kind, message },
        );
    }

    fn reply_err(&self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, message.into()));
    }

    /// Serve until `exit` or until the client goes away; returns the exit code.
    fn serve(mut self) -> u8 {
        let receiver = self.conn.receiver.clone();
        for msg in &receiver {
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
        1
    }

    fn request(&mut self, req: Request) {
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
                        let result = self.hover(&p);
                        self.send(Response::new_ok(id, result));
                    }
                    Err(e) => self.reply_err(id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            (Phase::Running, "textDocument/codeAction") => {
                match serde_json::from_value::<lsp::CodeActionParams>(req.params) {
                    Ok(p) => {
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

    fn initialize(&mut self, req: Request) {
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

    fn notification(&mut self, n: Notification) {
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

    fn register_watchers(&mut self) {
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

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let doc = p.text_document;
        self.documents.insert(
            doc.uri.clone(),
            OpenDocument {
                text: doc.text,
                version: doc.version,
                language: doc.language_id,
                linted: None,
            },
        );
        self.lint(&doc.uri);
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(doc) = self.documents.get_mut(&uri) else {
            self.log(
                lsp::MessageType::WARNING,
                format!(
                    "claimlint: ignoring a change to {}, which is not open",
                    uri.as_str()
                ),
            );
            return;
        };
        for change in p.content_changes {
            match change.range {
                None => doc.text = change.text,
                // Full sync is what the server asks for; a ranged change is applied anyway.
                Some(range) => {
                    let index = LineIndex::new(&doc.text);
                    let start = offset(&doc.text, &index, range.start);
                    let end = offset(&doc.text, &index, range.end).max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
            }
        }
        doc.version = p.text_document.version;
        self.lint(&uri);
    }

    fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) {
        let uri = p.text_document.uri;
        let Some(doc) = self.documents.get_mut(&uri) else {
            self.log(
                lsp::MessageType::WARNING,
                format!(
                    "claimlint: ignoring a save of {}, which is not open",
                    uri.as_str()
                ),
            );
            return;
        };
        if let Some(text) = p.text {
            doc.text = text;
        }
        self.lint(&uri);
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        if self.documents.remove(&uri).is_some() {
            self.publish(&uri, Vec::new(), None);
        }
    }

    fn relint_all(&mut self) {
        let mut uris: Vec<lsp::Uri> = self.documents.keys().cloned().collect();
        uris.sort();
        for uri in uris {
            self.lint(&uri);
        }
    }

    /// The rules for a document: from the config file found from its folder up (or from the
    /// workspace root for documents that are not files), rebuilt when that file changes.
    fn rules_for(&mut self, uri: &lsp::Uri) -> Option<Arc<Setup>> {
        let start = uri_to_path(uri)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| self.root.clone())
            .or_else(|| std::env::current_dir().ok());
        let path = start.as_deref().and_then(config::discover);
        let stamp = path.as_deref().and_then(|p| {
            let m = std::fs::metadata(p).ok()?;
            Some((m.modified().ok()?, m.len()))
        });
        if let Some(cached) = self.rules.get(&path)
            && cached.stamp == stamp
        {
            return Some(Arc::clone(&cached.setup));
        }
        let setup = match build_setup(path.as_deref()) {
            Ok(setup) => Arc::new(setup),
            Err(errors) => {
                let shown = path
                    .as_ref()
                    .map_or_else(|| "claimlint.yaml".into(), |p| p.display().to_string());
                let detail: Vec<String> = errors.iter().map(ToString::to_string).collect();
                self.notify(
                    "window/showMessage",
                    lsp::ShowMessageParams {
                        typ: lsp::MessageType::ERROR,
                        message: format!(
                            "claimlint: {shown} has errors, keeping the previous rules: {}",
                            detail.join("; ")
                        ),
                    },
                );
                // Keep what worked before; with nothing before, the built-in defaults.
                match self.rules.get(&path) {
                    Some(c) => Arc::clone(&c.setup),
                    None => Arc::new(Setup {
                        rules: RuleSet::builtin().ok()?,
                        options: ParseOptions::default(),
                    }),
                }
            }
        };
        self.rules.insert(
            path,
            CachedRules {
                setup: Arc::clone(&setup),
                stamp,
            },
        );
        Some(setup)
    }

    fn lint(&mut self, uri: &lsp::Uri) {
        let Some(format) = self
            .documents
            .get(uri)
            .and_then(|d| format_of(uri, &d.language))
        else {
            let language = self
                .documents
                .get(uri)
                .map(|d| d.language.clone())
                .unwrap_or_default();
            self.log(
                lsp::MessageType::INFO,
                format!(
                    "claimlint: not linting {} (language `{language}`): not a format claimlint reads",
                    uri.as_str()
                ),
            );
            return;
        };
        let Some(setup) = self.rules_for(uri) else {
            return;
        };
        let Some(doc) = self.documents.get_mut(uri) else {
            return;
        };
        let text = doc.text.clone();
        let version = doc.version;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::lint_with(&text, format, &setup.rules, &setup.options)
        }));
        let linted = match outcome {
            Ok(l) => l,
            Err(_) => {
                doc.linted = None;
                self.log(
                    lsp::MessageType::ERROR,
                    format!("claimlint: internal error while linting {}", uri.as_str()),
                );
                return;
            }
        };
        let index = LineIndex::new(&linted.document.source);
        let diagnostics = linted
            .diagnostics
            .iter()
            .map(|d| to_lsp(uri, &linted.document.source, &index, d, &setup.rules))
            .collect();
        doc.linted = Some((linted.document, linted.diagnostics, setup));
        self.publish(uri, diagnostics, Some(version));
    }

    fn publish(&self, uri: &lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        );
    }

    fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
        let pos = &p.text_document_position_params;
        let doc = self.documents.get(&pos.text_document.uri)?;
        let (document, diagnostics, setup) = doc.linted.as_ref()?;
        let rules = &setup.rules;
        let text = &document.source;
        let index = LineIndex::new(text);
        let at = offset(text, &index, pos.position);
        let hits: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| {
                d.span.start <= at && (at < d.span.end || (d.span.is_empty() && at == d.span.end))
            })
            .collect();
        let first = hits.first()?;
        let mut parts = Vec::new();
        let mut shown: Vec<&str> = Vec::new();
        for d in &hits {
            let mut s = format!("**{}** ({}): {}", d.rule, d.severity, d.message);
            if let Some(help) = &d.help {
                s.push_str(&format!("\n\nhelp: {help}"));
            }
            if let Some(cite) = &d.cite {
                s.push_str(&format!("\n\nnote: {cite}"));
            }
            if !shown.contains(&d.rule.as_str()) {
                shown.push(&d.rule);
                if let Some(doc) = rule_doc(rules, &d.rule) {
                    s.push_str(&format!("\n\n---\n\n{}", doc.docs.trim_end()));
                    if let Some(url) = doc.url {
                        s.push_str(&format!("\n\n[{} documentation]({url})", doc.id));
                    }
                }
            }
            parts.push(s);
        }
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: Some(range(text, &index, first.span)),
        })
    }

    fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let quickfix_wanted = p
            .context
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|k| k.as_str().starts_with("quickfix")));
        let uri = &p.text_document.uri;
        let Some((document, diagnostics, setup)) =
            self.documents.get(uri).and_then(|d| d.linted.as_ref())
        else {
            return Vec::new();
        };
        let rules = &setup.rules;
        if !quickfix_wanted {
            return Vec::new();
        }
        let text = &document.source;
        let index = LineIndex::new(text);
        let from = offset(text, &index, p.range.start);
        let to = offset(text, &index, p.range.end).max(from);
        let mut actions = Vec::new();
        let mut ignored: Vec<(String, usize)> = Vec::new();
        for d in diagnostics {
            if !(d.span.start <= to && from <= d.span.end) {
                continue;
            }
            let lsp_diag = to_lsp(uri, text, &index, d, rules);
            if let Some(fix) = &d.fix {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| text_edit(text, &index, e))
                    .collect();
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: fix.title.clone(),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(fix.applicability == Applicability::Safe),
                    ..lsp::CodeAction::default()
                }));
            }
            let line = index.line_of(d.span.start);
            if ignored.iter().any(|(r, l)| *r == d.rule && *l == line) {
                continue;
            }
            if let Some(edit) = suppression_edit(document, &index, d) {
                ignored.push((d.rule.clone(), line));
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!("ignore `{}` on this line", d.rule),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag]),
                    edit: Some(workspace_edit(uri, vec![text_edit(text, &index, &edit)])),
                    ..lsp::CodeAction::default()
                }));
            }
        }
        actions
    }
}

/// Build the rules and parse options for a config file, or the defaults when there is none.
fn build_setup(path: Option<&Path>) -> Result<Setup, Vec<LoadError>> {
    let config = match path {
        Some(p) => Config::load(p).map_err(|e| vec![e])?,
        None => Config::default(),
    };
    let spec = config.ruleset_spec()?;
    let rules = RuleSet::build(&spec).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| config.locate(e))
            .collect::<Vec<_>>()
    })?;
    Ok(Setup {
        rules,
        options: config.parse_options(),
    })
}

/// The format of a document: by its file extension, else by the editor's language id.
fn format_of(uri: &lsp::Uri, language: &str) -> Option<Format> {
    let by_path = uri
        .path()
        .as_str()
        .rsplit('/')
        .next()
        .and_then(|name| Format::from_path(Path::new(name)));
    by_path.or_else(|| match language {
        "plaintext" | "text" => Some(Format::Text),
        // Language ids are usually the format's extension (markdown, html).
        other => Format::from_path(Path::new(&format!("document.{other}"))),
    })
}

/// The local path of a `file:` URI.
pub fn uri_to_path(uri: &lsp::Uri) -> Option<PathBuf> {
    if uri.scheme().map(|s| s.as_str().to_ascii_lowercase()) != Some("file".into()) {
        return None;
    }
    let raw = uri.path().as_str();
    let mut bytes = Vec::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if b[i] == b'%'
            && let Some(Ok(v)) = hex.map(|h| u8::from_str_radix(h, 16))
        {
            bytes.push(v);
            i += 3;
            continue;
        }
        bytes.push(b[i]);
        i += 1;
    }
    let path = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => {
            path[1..].to_string()
        }
        _ => path,
    };
    Some(PathBuf::from(path))
}

fn offset(text: &str, index: &LineIndex, p: lsp::Position) -> usize {
    index.offset_utf16(text, p.line as usize, p.character as usize)
}

fn position(text: &str, index: &LineIndex, offset: usize) -> lsp::Position {
    let (line, character) = index.line_col_utf16(text, offset);
    lsp::Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

fn range(text: &str, index: &LineIndex, span: Span) -> lsp::Range {
    lsp::Range {
        start: position(text, index, span.start),
        end: position(text, index, span.end),
    }
}

fn text_edit(text: &str, index: &LineIndex, e: &Edit) -> lsp::TextEdit {
    lsp::TextEdit {
        range: range(text, index, e.span),
        new_text: e.replacement.clone(),
    }
}

fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..lsp::WorkspaceEdit::default()
    }
}

fn to_lsp(
    uri: &lsp::Uri,
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    rules: &RuleSet,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location {
                uri: uri.clone(),
                range: range(text, index, l.span),
            },
            message: l.text.clone(),
        })
        .collect();
    let href = rule_doc(rules, &d.rule)
        .and_then(|doc| doc.url)
        .and_then(|url| lsp::Uri::from_str(&url).ok());
    lsp::Diagnostic {
        range: range(text, index, d.span),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.clone())),
        code_description: href.map(|href| lsp::CodeDescription { href }),
        source: Some("claimlint".into()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

/// The edit that suppresses `d` with `<!-- claimlint-disable-next-line RULE -->` on the
/// line above the line where it starts.
///
/// In Markdown, when the line above is prose (the paragraph, heading or list item goes on
/// from there), a comment on a line of its own would end that paragraph or list and change
/// how the page renders; the comment is appended to the end of that line instead, as inline
/// HTML, which renders as nothing and still ends right before the line it suppresses. Table
/// cells and front matter cannot hold a comment, so they get no edit, and neither do other
/// formats nor claimlint's findings about the input and suppressions themselves.
pub fn suppression_edit(doc: &Document, index: &LineIndex, d: &Diagnostic) -> Option<Edit> {
    // HTML can hide a line inside a script or an attribute, and CSV has no comments.
    if d.rule.starts_with("claimlint/") || !matches!(doc.format, Format::Markdown | Format::Text) {
        return None;
    }
    let text = &doc.source;
    let at = d.span.start.min(text.len());
    let in_block = |kind: BlockKind| {
        doc.blocks
            .iter()
            .any(|b| b.kind == kind && b.source_span().start <= at && at < b.source_span().end)
    };
    if doc
        .front_matter
        .as_ref()
        .is_some_and(|f| f.span.start <= at && at < f.span.end)
        || in_block(BlockKind::FrontMatter)
        || in_block(BlockKind::TableCell)
    {
        return None;
    }
    let comment = format!("<!-- claimlint-disable-next-line {} -->", d.rule);
    let line = index.line_of(at);
    let line_start = index.line_start(line);
    if doc.format == Format::Markdown && line > 0 {
        let prev_start = index.line_start(line - 1);
        let prev = text[prev_start..line_start].trim_end_matches(['\n', '\r']);
        let content = prev.trim_end();
        let prose = !content.trim().is_empty()
            && doc.blocks.iter().any(|b| {
                let s = b.source_span();
                !matches!(b.kind, BlockKind::TableCell | BlockKind::FrontMatter)
                    && s.start < prev_start + content.len()
                    && prev_start + (prev.len() - prev.trim_start().len()) < s.end
            });
        if prose {
            // Keep a trailing backslash or double space, the Markdown hard line break, last.
            let end = prev_start + content.strip_suffix('\\').unwrap_or(content).len();
            return Some(Edit {
                span: Span::new(end, end),
                replacement: format!(" {comment}"),
            });
        }
    }
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line_text = &text[line_start..];
    // Indentation, and in Markdown the `>` of block quotes, so the comment stays inside
    // the same container as the line it suppresses.
    let prefix_len = line_text
        .char_indices()
        .find(|&(_, c)| !(c == ' ' || c == '\t' || (c == '>' && doc.format == Format::Markdown)))
        .map_or(line_text.len(), |(i, _)| i);
    let prefix = &line_text[..prefix_len];
    Some(Edit {
        span: Span::new(line_start, line_start),
        replacement: format!("{prefix}{comment}{eol}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(s: &str) -> Frame {
        read_frame(&mut io::Cursor::new(s.as_bytes().to_vec()))
    }

    #[test]
    fn frames_are_read_and_bad_ones_classified() {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let ok = frame(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        assert!(matches!(ok, Frame::Message(Message::Request(r)) if r.method == "shutdown"));
        let bad = frame("Content-Length: 5\r\n\r\n{oops");
        assert!(matches!(
            bad,
            Frame::Invalid {
                code: ErrorCode::ParseError,
                ..
            }
        ));
        let no_method = frame("Content-Length: 8\r\n\r\n{\"id\":3}");
        assert!(matches!(
            no_method,
            Frame::Invalid {
                id: Some(Value::Number(_)),
                code: ErrorCode::InvalidRequest,
                ..
            }
        ));
        assert!(matches!(frame(""), Frame::Eof));
    }

    #[test]
    fn file_uris_become_paths() {
        let uri = lsp::Uri::from_str("file:///tmp/a%20b/caf%C3%A9.md").unwrap();
        assert_eq!(uri_to_path(&uri), Some(PathBuf::from("/tmp/a b/café.md")));
        let untitled = lsp::Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&untitled), None);
    }

    fn suppress(source: &str, format: Format, rule_start: &str) -> Option<String> {
        let doc = Document::parse(source.to_string(), format);
        let index = LineIndex::new(source);
        let at = source.find(rule_start).unwrap();
        let d = Diagnostic::new(
            "us-fda/disease-claim",
            crate::diagnostic::Category::DiseaseClaim,
            Severity::Error,
            "x",
            Span::new(at, at + rule_start.len()),
        );
        let edit = suppression_edit(&doc, &index, &d)?;
        let mut out = source.to_string();
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        Some(out)
    }

    #[test]
    fn suppression_goes_on_its_own_line_above_a_paragraph() {
        assert_eq!(
            suppress("Intro.\n\n  Cures colds.\n", Format::Markdown, "Cures").unwrap(),
            "Intro.\n\n  <!-- claimlint-disable-next-line us-fda/disease-claim -->\n  Cures colds.\n"
        );
        assert_eq!(
            suppress(
                "Intro.\r\n\r\n> Cures colds.\r\n",
                Format::Markdown,
                "Cures"
            )
            .unwrap(),
            "Intro.\r\n\r\n> <!-- claimlint-disable-next-line us-fda/disease-claim -->\r\n> Cures colds.\r\n"
        );
        assert_eq!(
            suppress("Fine tea.\nCures colds.\n", Format::Text, "Cures").unwrap(),
            "Fine tea.\n<!-- claimlint-disable-next-line us-fda/disease-claim -->\nCures colds.\n"
        );
    }

    #[test]
    fn suppression_inside_a_paragraph_or_list_is_appended_to_the_line_above() {
        assert_eq!(
            suppress("Fine tea,\nit cures colds.\n", Format::Markdown, "cures").unwrap(),
            "Fine tea, <!-- claimlint-disable-next-line us-fda/disease-claim -->\nit cures colds.\n"
        );
        assert_eq!(
            suppress("- Fine tea  \n- Cures colds\n", Format::Markdown, "Cures").unwrap(),
            "- Fine tea <!-- claimlint-disable-next-line us-fda/disease-claim -->  \n- Cures colds\n"
        );
    }

    #[test]
    fn no_suppression_in_tables_or_front_matter() {
        let table = "| a | b |\n|---|---|\n| x | cures colds |\n";
        assert_eq!(suppress(table, Format::Markdown, "cures"), None);
        let fm = "---\ntitle: Cures colds\n---\n\nBody.\n";
        assert_eq!(suppress(fm, Format::Markdown, "Cures"), None);
    }
}
