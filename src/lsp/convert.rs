//! Between claimlint's byte offsets and diagnostics and the protocol's UTF-16 positions,
//! ranges, edits and diagnostics.

use crate::diagnostic::{Diagnostic, Edit, Severity, Span};
use crate::document::LineIndex;
use crate::report::rule_doc;
use crate::rules::RuleSet;
use lsp_types as lsp;
use std::collections::HashMap;
use std::str::FromStr;

pub(super) fn offset(text: &str, index: &LineIndex, p: lsp::Position) -> usize {
    index.offset_utf16(text, p.line as usize, p.character as usize)
}

pub(super) fn position(text: &str, index: &LineIndex, offset: usize) -> lsp::Position {
    let (line, character) = index.line_col_utf16(text, offset);
    lsp::Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

pub(super) fn range(text: &str, index: &LineIndex, span: Span) -> lsp::Range {
    lsp::Range {
        start: position(text, index, span.start),
        end: position(text, index, span.end),
    }
}

pub(super) fn text_edit(text: &str, index: &LineIndex, e: &Edit) -> lsp::TextEdit {
    lsp::TextEdit {
        range: range(text, index, e.span),
        new_text: e.replacement.clone(),
    }
}

pub(super) fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..lsp::WorkspaceEdit::default()
    }
}

pub(super) fn to_lsp(
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
