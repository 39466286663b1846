//! Problems loading a rule file, a lexicon or the config, with where they are.

use crate::diagnostic::Span;
use crate::yaml;
use std::sync::Arc;

/// A problem loading a rule file, a lexicon or the config, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, as the user knows it (a path, or `rules/us-fda/x.yaml (built in)`).
    pub origin: String,
    /// What is wrong: lowercase, no trailing period.
    pub message: String,
    /// Where in the file, when known.
    pub span: Option<Span>,
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
    /// The file's text, for showing the line.
    pub text: Option<Arc<str>>,
    /// How to fix it.
    pub help: Option<String>,
}

impl LoadError {
    /// An error with no position.
    pub fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        LoadError {
            origin: origin.into(),
            message: message.into(),
            span: None,
            line_col: None,
            text: None,
            help: None,
        }
    }

    /// An error at a YAML position in `text`.
    pub fn at(origin: &str, text: &Arc<str>, err: &yaml::YamlError) -> Self {
        let span = err.offset.map(|o| {
            let end = text[o..].find('\n').map_or(text.len(), |i| o + i);
            Span::new(o, end.max(o))
        });
        LoadError {
            origin: origin.to_string(),
            message: err.message.clone(),
            span,
            line_col: err.line.zip(err.column),
            text: Some(text.clone()),
            help: err.help.clone(),
        }
    }

    /// Point this error at the first occurrence of `needle` in its text.
    /// A needle that was a YAML string (a regex, say) is also looked for as it is written
    /// inside double quotes, with its backslashes and quotes escaped.
    pub fn pointing_at(mut self, needle: &str) -> Self {
        let quoted = needle.replace('\\', "\\\\").replace('"', "\\\"");
        if let Some(text) = &self.text
            && let Some((at, len)) = text
                .find(needle)
                .map(|at| (at, needle.len()))
                .or_else(|| text.find(&quoted).map(|at| (at, quoted.len())))
        {
            self.span = Some(Span::new(at, at + len));
            let idx = crate::document::LineIndex::new(text);
            self.line_col = Some(idx.line_col(text, at));
        }
        self
    }

    /// Replace the message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Attach help.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line_col {
            Some((l, c)) => write!(f, "{}:{l}:{c}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}
