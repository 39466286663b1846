//! The documents the editor has open, the rules each is linted with (from the config file
//! found from its folder up, rebuilt when that file changes), and linting them.

use super::Server;
use super::convert::{offset, to_lsp};
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::document::{Document, Format, LineIndex, ParseOptions};
use crate::rules::{LoadError, RuleSet};
use lsp_types as lsp;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// An open document.
pub(super) struct OpenDocument {
    pub(super) text: String,
    /// Whether `text` changed since it was last linted.
    pub(super) stale: bool,
    pub(super) version: i32,
    pub(super) language: String,
    /// The result of the last lint: the parsed document and its diagnostics.
    pub(super) linted: Option<(Document, Vec<Diagnostic>, Arc<Setup>)>,
}

/// What one config file (or none) sets up: the rules and the parse options.
pub(super) struct Setup {
    pub(super) rules: RuleSet,
    pub(super) options: ParseOptions,
    /// The config's `labels:` globs, which pick the documents parsed as labels.
    pub(super) labels: crate::walk::PathGlobs,
}

/// The setup for one config file, and the stamp of the file it was built from.
pub(super) struct CachedRules {
    pub(super) setup: Arc<Setup>,
    pub(super) stamp: Option<(SystemTime, u64)>,
}

impl Server {
    pub(super) fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) {
        let doc = p.text_document;
        self.documents.insert(
            doc.uri.clone(),
            OpenDocument {
                text: doc.text,
                version: doc.version,
                language: doc.language_id,
                linted: None,
                stale: true,
            },
        );
    }

    pub(super) fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) {
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
        doc.stale = true;
    }

    pub(super) fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) {
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
        doc.stale = true;
    }

    pub(super) fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        if self.documents.remove(&uri).is_some() {
            self.publish(&uri, Vec::new(), None);
        }
    }

    pub(super) fn relint_all(&mut self) {
        for doc in self.documents.values_mut() {
            doc.stale = true;
        }
    }

    /// Whether a document changed since its last lint.
    pub(super) fn has_stale(&self) -> bool {
        self.documents.values().any(|d| d.stale)
    }

    /// Lint every document changed since its last lint. The server calls this when the
    /// client pauses, so a burst of changes is linted once, at its last version.
    pub(super) fn lint_stale(&mut self) {
        let mut uris: Vec<lsp::Uri> = self
            .documents
            .iter()
            .filter(|(_, d)| d.stale)
            .map(|(u, _)| u.clone())
            .collect();
        uris.sort();
        for uri in uris {
            self.lint(&uri);
        }
    }

    /// Lint `uri` now if it changed since its last lint: a request about it is answered for
    /// the text the editor has.
    pub(super) fn refresh(&mut self, uri: &lsp::Uri) {
        if self.documents.get(uri).is_some_and(|d| d.stale) {
            self.lint(uri);
        }
    }

    /// The rules for a document: from the config file found from its folder up (or from the
    /// workspace root for documents that are not files), rebuilt when that file changes.
    pub(super) fn rules_for(&mut self, uri: &lsp::Uri) -> Option<Arc<Setup>> {
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
                        labels: crate::walk::PathGlobs::default(),
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

    pub(super) fn lint(&mut self, uri: &lsp::Uri) {
        if let Some(doc) = self.documents.get_mut(uri) {
            doc.stale = false;
        }
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
        let version = doc.version;
        let text = &doc.text;
        // `market_paths:` may give this file markets of its own, and `labels:` may make it
        // a label.
        let path = uri_to_path(uri);
        let options = ParseOptions {
            markets: path.as_ref().and_then(|p| setup.rules.markets_for_path(p)),
            label: path.as_ref().is_some_and(|p| setup.labels.matches(p)),
            ..setup.options.clone()
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            crate::lint_with(text, format, &setup.rules, &options)
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

    pub(super) fn publish(
        &self,
        uri: &lsp::Uri,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    ) {
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        );
    }
}

/// Build the rules and parse options for a config file, or the defaults when there is none.
pub(super) fn build_setup(path: Option<&Path>) -> Result<Setup, Vec<LoadError>> {
    let config = match path {
        Some(p) => Config::load(p).map_err(|e| vec![e])?,
        None => Config::default(),
    };
    let rules = config.build_rules()?;
    let labels = config.label_globs().map_err(|e| vec![e])?;
    Ok(Setup {
        rules,
        options: config.parse_options(),
        labels,
    })
}

/// The format of a document: by its file extension, else by the editor's language id.
pub(super) fn format_of(uri: &lsp::Uri, language: &str) -> Option<Format> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn file_uris_become_paths() {
        let uri = lsp::Uri::from_str("file:///tmp/a%20b/caf%C3%A9.md").unwrap();
        assert_eq!(uri_to_path(&uri), Some(PathBuf::from("/tmp/a b/café.md")));
        let untitled = lsp::Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(uri_to_path(&untitled), None);
    }
}
