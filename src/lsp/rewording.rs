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

/// The action's title and its edit: the finding's words replaced by the wording.
pub fn rewording(d: &Diagnostic) -> Option<(String, Edit)> {
    let wording = suggested_wording(d)?;
    if d.span.is_empty() {
        return None;
    }
    Some((
        format!("reword as a structure/function claim: \"{wording}\""),
        Edit {
            span: d.span,
            replacement: wording.to_string(),
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
        let (title, edit) = rewording(d).unwrap();
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
        assert_eq!(rewording(&d), None, "not a disease claim");
        d.category = Category::DiseaseClaim;
        d.help = Some("drop the disease word".into());
        assert_eq!(rewording(&d), None);
    }
}
