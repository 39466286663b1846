//! Suppression comments applied to diagnostics, and problems with the comments themselves:
//! an unknown rule id, a misspelt directive, or a suppression that suppresses nothing.

use crate::diagnostic::{Category, Diagnostic, Span};
use crate::document::{DirectiveAction, Document, LineIndex};
use crate::rules::RuleSet;

/// Rule id for a suppression naming a rule that does not exist.
pub const UNKNOWN_RULE: &str = "claimlint/unknown-rule";
/// Rule id for a suppression that suppressed nothing.
pub const UNUSED: &str = "claimlint/unused-suppression";
/// Rule id for a problem with the input itself (malformed front matter, bad directive).
pub const INVALID_INPUT: &str = "claimlint/invalid-input";

struct Region {
    rules: Vec<String>,
    span: Span,
    directive: usize,
}

/// A finding of claimlint's own rule `id` at the severity the config gives it, or `None`
/// when the config turns it off.
fn internal(
    set: &RuleSet,
    id: &'static str,
    message: String,
    span: Span,
    help: &str,
) -> Option<Diagnostic> {
    let severity = set.internal_severity(id)?;
    let mut diag = Diagnostic::new(id, Category::Other, severity, message, span);
    diag.help = Some(help.into());
    Some(diag)
}

/// Drop suppressed diagnostics and add diagnostics about the suppressions.
pub fn apply(doc: &Document, set: &RuleSet, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if doc.directives.is_empty() {
        return diagnostics;
    }
    let index = LineIndex::new(&doc.source);
    let mut regions: Vec<Region> = Vec::new();
    let mut extra = Vec::new();
    let mut open: Vec<(usize, String, usize)> = Vec::new(); // (start, rule or "", directive)
    for (i, d) in doc.directives.iter().enumerate() {
        for (rule, span) in &d.rules {
            if !set.known.contains_key(rule) && !rule.starts_with("claimlint/") {
                extra.extend(internal(
                    set,
                    UNKNOWN_RULE,
                    format!("suppression names an unknown rule `{rule}`"),
                    *span,
                    "run `claimlint rules` to list rule ids",
                ));
            }
        }
        let rules: Vec<String> = d.rules.iter().map(|(r, _)| r.clone()).collect();
        match d.action {
            DirectiveAction::DisableNextLine => {
                let mut line = index.line_of(d.span.end) + 1;
                while line < index.line_count() {
                    let start = index.line_start(line);
                    let end = index.line_start(line + 1).min(doc.source.len());
                    if !doc.source[start..end].trim().is_empty() {
                        break;
                    }
                    line += 1;
                }
                let start = index.line_start(line).min(doc.source.len());
                let end = index.line_start(line + 1).min(doc.source.len());
                regions.push(Region {
                    rules,
                    span: Span::new(start, end),
                    directive: i,
                });
            }
            DirectiveAction::DisableLine => {
                let line = index.line_of(d.span.start);
                let start = index.line_start(line).min(doc.source.len());
                let end = index.line_start(line + 1).min(doc.source.len());
                regions.push(Region {
                    rules,
                    span: Span::new(start, end),
                    directive: i,
                });
            }
            DirectiveAction::Disable => {
                if rules.is_empty() {
                    open.push((d.span.end, String::new(), i));
                }
                for r in rules {
                    open.push((d.span.end, r, i));
                }
            }
            DirectiveAction::Enable => {
                let targets: Vec<String> = if rules.is_empty() {
                    open.iter().map(|o| o.1.clone()).collect()
                } else {
                    rules
                };
                let mut closed = false;
                for r in targets {
                    if let Some(pos) = open.iter().rposition(|o| o.1 == r) {
                        let (start, rule, directive) = open.remove(pos);
                        regions.push(Region {
                            rules: if rule.is_empty() { vec![] } else { vec![rule] },
                            span: Span::new(start, d.span.start),
                            directive,
                        });
                        closed = true;
                    }
                }
                if !closed {
                    extra.extend(internal(
                        set,
                        UNUSED,
                        "`claimlint-enable` has no matching `claimlint-disable`".into(),
                        d.span,
                        "remove it, or add the `claimlint-disable` it ends",
                    ));
                }
            }
        }
    }
    for (start, rule, directive) in open {
        regions.push(Region {
            rules: if rule.is_empty() { vec![] } else { vec![rule] },
            span: Span::new(start, doc.source.len()),
            directive,
        });
    }
    let mut used = vec![false; doc.directives.len()];
    let kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diag| {
            let hit = regions.iter().find(|r| {
                r.span.start <= diag.span.start
                    && diag.span.start < r.span.end.max(r.span.start + 1)
                    && (r.rules.is_empty() || r.rules.contains(&diag.rule))
            });
            if let Some(r) = hit {
                used[r.directive] = true;
            }
            hit.is_none()
        })
        .collect();
    for (i, d) in doc.directives.iter().enumerate() {
        let enabled = d
            .rules
            .iter()
            .all(|(r, _)| set.known.get(r).copied().unwrap_or(false));
        if !used[i] && d.action != DirectiveAction::Enable && enabled {
            extra.extend(internal(
                set,
                UNUSED,
                "this suppression suppresses nothing".into(),
                d.span,
                "remove the comment: the rule it names no longer fires here",
            ));
        }
    }
    let mut out = kept;
    out.extend(extra);
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
    out
}
