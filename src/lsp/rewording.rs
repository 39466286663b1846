//! The compliant rewording a disease-claim finding suggests in its help (`...; e.g. "helps
//! maintain a calm, relaxed mood"`), offered as a code action that replaces the claim's
//! words. It changes what the copy says, so it is never the preferred action.

use crate::diagnostic::{Category, Diagnostic, Edit};

/// The structure/function wording at the end of a finding's help, if it has one.
pub fn suggested_wording(d: &Diagnostic) -> Option<&str> {
    if d.category != Category::DiseaseClaim {
        return None;
    }
    let help = d.help.as_deref()?;
    let (_, quoted) = help.rsplit_once("e.g. \"")?;
    let wording = quoted.strip_suffix('"')?;
    (!wording.is_empty() && !wording.contains('"')).then_some(wording)
}

/// The action's title and its edit: the finding's words in `text` replaced by the wording,
/// its verb in the form the copy needs ("proven to help", "Helping maintain", as the
/// claim's first word was). A wording that does not begin with a verb ("for occasional
/// sleeplessness", "vitamin D supports ...") would not read in the claim's place: no action.
pub fn rewording(d: &Diagnostic, text: &str) -> Option<(String, Edit)> {
    let wording = suggested_wording(d)?;
    if d.span.is_empty() || d.span.end > text.len() || !text.is_char_boundary(d.span.start) {
        return None;
    }
    let (verb, rest) = wording.split_once(' ').unwrap_or((wording, ""));
    // A verb in the third person: helps, supports, promotes, maintains.
    let base = verb.strip_suffix('s').filter(|b| {
        b.len() >= 3 && !b.ends_with('s') && b.chars().all(|c| c.is_ascii_lowercase())
    })?;
    let claim = &text[d.span.start..d.span.end];
    let first = claim
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let before = text[..d.span.start].trim_end();
    let after_to = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("to"));
    let verb = if first.to_lowercase().ends_with("ing") {
        format!("{}ing", base.strip_suffix('e').unwrap_or(base))
    } else if after_to {
        base.to_string()
    } else {
        verb.to_string()
    };
    let verb = if first.starts_with(char::is_uppercase) {
        let mut c = verb.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or(verb)
    } else {
        verb
    };
    let replacement = if rest.is_empty() {
        verb
    } else {
        format!("{verb} {rest}")
    };
    Some((
        format!("reword as a structure/function claim: \"{replacement}\""),
        Edit {
            span: d.span,
            replacement,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Severity, Span};
    use crate::document::Format;
    use crate::rules::RuleSet;

    #[test]
    fn a_disease_claim_offers_the_wording_its_help_suggests() {
        let rules = RuleSet::builtin().unwrap();
        let text = "Our tea reduces anxiety.\n";
        let linted = crate::lint(text, Format::Text, &rules);
        let d = linted
            .diagnostics
            .iter()
            .find(|d| d.rule == "us-fda/disease-claim")
            .unwrap();
        let (title, edit) = rewording(d, text).unwrap();
        assert_eq!(
            title,
            "reword as a structure/function claim: \"helps maintain a calm, relaxed mood\""
        );
        assert_eq!(&text[edit.span.start..edit.span.end], "reduces anxiety");
        assert_eq!(edit.replacement, "helps maintain a calm, relaxed mood");
    }

    #[test]
    fn no_wording_no_action() {
        let mut d = Diagnostic::new(
            "us-fda/miracle-claim",
            Category::Other,
            Severity::Warning,
            "x",
            Span::new(0, 4),
        );
        d.help = Some("say it; e.g. \"something\"".into());
        assert_eq!(rewording(&d, "text"), None, "not a disease claim");
        d.category = Category::DiseaseClaim;
        d.help = Some("drop the disease word".into());
        assert_eq!(rewording(&d, "text"), None);
    }

    /// The replacement offered for the first disease-claim finding of `text`, if any.
    fn offered(text: &str) -> Option<String> {
        let rules = RuleSet::builtin().unwrap();
        let linted = crate::lint(text, Format::Text, &rules);
        let d = linted
            .diagnostics
            .iter()
            .find(|d| d.rule == "us-fda/disease-claim")
            .unwrap_or_else(|| panic!("a disease claim in {text:?}"));
        rewording(d, text).map(|(_, e)| {
            let mut out = text.to_string();
            out.replace_range(e.span.start..e.span.end, &e.replacement);
            out
        })
    }

    #[test]
    fn the_wording_takes_the_form_the_sentence_needs() {
        assert_eq!(
            offered("It is proven to ease anxiety.\n").as_deref(),
            Some("It is proven to help maintain a calm, relaxed mood.\n")
        );
        assert_eq!(
            offered("Reducing anxiety, one cup at a time.\n").as_deref(),
            Some("Helping maintain a calm, relaxed mood, one cup at a time.\n")
        );
        // Its help suggests "for occasional sleeplessness": no verb, so it would not read in
        // the claim's place.
        let d = offered("Our tea cures insomnia.\n");
        assert!(d.is_none(), "{d:?}");
    }
}
