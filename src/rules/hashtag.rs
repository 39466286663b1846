//! Claims run together in a hashtag: "#NoMoreViagra", "#CureYourGout". A hashtag written in
//! CamelCase is read as the words its capitals start ("No More Viagra"), and the claim rules
//! run over those words; a claim they find there is reported at the hashtag. Lower-case
//! hashtags ("#lupuswarrior") have no word breaks to read and are left to the mention rules.

use super::{Context, Rule, RuleKind};
use crate::diagnostic::{Category, Diagnostic, Span};
use crate::document::{Document, Format};

/// The words of a CamelCase hashtag, spaced ("#NoMoreViagra" → "No More Viagra"), when it
/// has two words or more. A run of capitals is a word of its own ("#BeatSAD" → "Beat SAD",
/// "#MSWarrior" → "MS Warrior").
fn words(tag: &str) -> Option<String> {
    let body = tag.strip_prefix('#')?;
    if !body.bytes().all(|b| b.is_ascii_alphanumeric()) || body.len() < 4 {
        return None;
    }
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len() + 8);
    let mut parts = 1;
    for i in 0..b.len() {
        let starts = i > 0
            && ((b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase())
                || (b[i].is_ascii_uppercase()
                    && b[i - 1].is_ascii_uppercase()
                    && b.get(i + 1).is_some_and(u8::is_ascii_lowercase))
                || (b[i].is_ascii_digit() != b[i - 1].is_ascii_digit()));
        if starts {
            out.push(' ');
            parts += 1;
        }
        out.push(b[i] as char);
    }
    (parts >= 2).then_some(out)
}

/// The disease-claim findings of the claim rules in `rules` over the CamelCase hashtags of
/// `doc`, each at its hashtag, where `reported` says no claim rule has a finding on it yet.
pub(super) fn claims(
    rules: &[&Rule],
    set: &super::RuleSet,
    doc: &Document,
    reported: impl Fn(Span) -> bool,
) -> Vec<Diagnostic> {
    let claim_rules: Vec<&Rule> = rules
        .iter()
        .copied()
        .filter(|r| {
            matches!(r.kind, RuleKind::Claim(_)) && r.meta.category == Category::DiseaseClaim
        })
        .collect();
    if claim_rules.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for block in &doc.blocks {
        if !block.text.contains('#') {
            continue;
        }
        let mut offset = 0;
        for token in block.text.split_inclusive(char::is_whitespace) {
            let start = offset;
            offset += token.len();
            let tag = token
                .trim_end()
                .trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            let Some(spaced) = words(tag) else {
                continue;
            };
            let span = block.span(start..start + tag.len());
            // Blocks and their hashtags are in order: only the last finding can be this one.
            let again = found
                .last()
                .is_some_and(|d: &Diagnostic| d.span.end > span.start);
            if again || reported(Span::new(span.start, span.end)) {
                continue;
            }
            let sub = Document::parse(spaced, Format::Text);
            let ctx = Context::new(&sub, set);
            for rule in &claim_rules {
                let RuleKind::Claim(r) = &rule.kind else {
                    continue;
                };
                let mut here = Vec::new();
                r.check(&rule.meta, &ctx, &mut here);
                if let Some(mut d) = here.into_iter().next() {
                    d.span = Span::new(span.start, span.end);
                    d.labels.clear();
                    d.fix = None;
                    found.push(d);
                    break;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn capitals_start_the_words_of_a_hashtag() {
        assert_eq!(words("#NoMoreViagra").as_deref(), Some("No More Viagra"));
        assert_eq!(words("#BeatSAD").as_deref(), Some("Beat SAD"));
        assert_eq!(words("#MSWarrior").as_deref(), Some("MS Warrior"));
        assert_eq!(words("#Type2Free").as_deref(), Some("Type 2 Free"));
        assert_eq!(words("#lupuswarrior"), None);
        assert_eq!(words("#Vegan"), None);
        assert_eq!(words("#café-life"), None);
    }
}
