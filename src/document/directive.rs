//! Suppression comments: `<!-- claimlint-disable-next-line RULE -->`,
//! `<!-- claimlint-disable-line RULE -->` (at the end of the line it suppresses),
//! `<!-- claimlint-disable RULE -->` and `<!-- claimlint-enable RULE -->`.

use super::{Directive, DirectiveAction, ParseProblem};
use crate::diagnostic::Span;

/// Parse one HTML comment found at `offset` in the source. Returns `Ok(None)` for comments
/// that are not claimlint directives, and an error for a `claimlint-` comment that is not a
/// valid directive (a misspelt directive must not silently suppress nothing).
pub fn parse(comment: &str, offset: usize) -> Result<Option<Directive>, ParseProblem> {
    let span = Span::new(offset, offset + comment.len());
    let Some(body) = comment
        .trim()
        .strip_prefix("<!--")
        .and_then(|b| b.strip_suffix("-->"))
    else {
        return Ok(None);
    };
    let body_start = offset + comment.find("<!--").unwrap_or(0) + 4;
    let trimmed = body.trim_start();
    let lead = body.len() - trimmed.len();
    if !trimmed.starts_with("claimlint-") {
        return Ok(None);
    }
    let word_end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let action = match &trimmed[..word_end] {
        "claimlint-disable-next-line" => DirectiveAction::DisableNextLine,
        "claimlint-disable-line" => DirectiveAction::DisableLine,
        "claimlint-disable" => DirectiveAction::Disable,
        "claimlint-enable" => DirectiveAction::Enable,
        other => {
            return Err(ParseProblem {
                message: format!("unknown suppression directive `{other}`"),
                span,
                help: Some(
                    "use claimlint-disable-next-line, claimlint-disable-line, claimlint-disable \
                     or claimlint-enable"
                        .into(),
                ),
            });
        }
    };
    let mut rules = Vec::new();
    let list_start = body_start + lead + word_end;
    let list = &trimmed[word_end..];
    let mut pos = 0;
    for part in list.split([',', ' ', '\t', '\n', '\r']) {
        if !part.is_empty() {
            let start = list_start + pos;
            rules.push((part.to_string(), Span::new(start, start + part.len())));
        }
        pos += part.len() + 1;
    }
    Ok(Some(Directive {
        action,
        rules,
        span,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_with_their_spans() {
        let c = "<!-- claimlint-disable-next-line us-fda/disease-claim, us-fda/dose-limit -->";
        let d = parse(c, 10).unwrap().unwrap();
        assert_eq!(d.action, DirectiveAction::DisableNextLine);
        assert_eq!(d.rules.len(), 2);
        let (id, span) = &d.rules[1];
        assert_eq!(id, "us-fda/dose-limit");
        assert_eq!(&c[span.start - 10..span.end - 10], "us-fda/dose-limit");
    }

    #[test]
    fn other_comments_are_not_directives() {
        assert_eq!(parse("<!-- TODO: rewrite -->", 0).unwrap(), None);
    }

    #[test]
    fn misspelt_directive_is_an_error() {
        let err = parse("<!-- claimlint-disabel x -->", 0).unwrap_err();
        assert!(err.message.contains("claimlint-disabel"));
    }
}
