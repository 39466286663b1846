//! What the editor asks about a document: hover (the rule's documentation) and code actions
//! (the rule's fix, the structure/function rewording a disease claim's help suggests, and
//! "ignore this rule here", which inserts a suppression comment).

use super::Server;
use super::convert::{offset, range, text_edit, to_lsp, workspace_edit};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Span};
use crate::document::{BlockKind, Document, Format, LineIndex};
use crate::report::rule_doc;
use lsp_types as lsp;

impl Server {
    pub(super) fn hover(&self, p: &lsp::HoverParams) -> Option<lsp::Hover> {
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

    pub(super) fn code_actions(&self, p: &lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
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
            if let Some((title, edit)) = super::rewording::rewording(d, text) {
                actions.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title,
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(workspace_edit(uri, vec![text_edit(text, &index, &edit)])),
                    // The wording changes what the copy claims: a person chooses it.
                    is_preferred: Some(false),
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
    let eol = doc.line_ending();
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
    use crate::diagnostic::Severity;

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
