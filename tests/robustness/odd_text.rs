//! Text that reads one way and is written another: invisible characters inside words, huge
//! figures, line endings of one kind.

use super::{CLAIM, rules};
use claimlint::document::Format;

/// (rule, source text of the span) of every finding.
fn found(text: &str, format: Format) -> Vec<(String, String)> {
    claimlint::lint(text, format, rules())
        .diagnostics
        .into_iter()
        .map(|d| (d.rule, text[d.span.start..d.span.end].to_string()))
        .collect()
}

#[test]
fn invisible_characters_inside_a_word_do_not_hide_it() {
    let claim = |s: &str| (CLAIM.to_string(), s.to_string());
    for (text, format, span) in [
        // A soft hyphen as CMS hyphenation writes it, and as a character.
        (
            "<p>Our tea pre&shy;vents cancer.</p>",
            Format::Html,
            "pre&shy;vents cancer",
        ),
        (
            "Our tea pre\u{AD}vents cancer.",
            Format::Text,
            "pre\u{AD}vents cancer",
        ),
        // Zero-width space, joiner and non-joiner, word joiner, a BOM inside text.
        (
            "Our tea cu\u{200B}res gout.",
            Format::Markdown,
            "cu\u{200B}res gout",
        ),
        (
            "Our tea cures go\u{200D}ut.",
            Format::Text,
            "cures go\u{200D}ut",
        ),
        (
            "Our tea cu\u{200C}res gout.",
            Format::Text,
            "cu\u{200C}res gout",
        ),
        (
            "Our tea cures g\u{2060}out.",
            Format::Text,
            "cures g\u{2060}out",
        ),
        (
            "Our tea cu\u{FEFF}res gout.",
            Format::Text,
            "cu\u{FEFF}res gout",
        ),
        (
            "<p>Our tea cu&#8203;res g&#x2060;out.</p>",
            Format::Html,
            "cu&#8203;res g&#x2060;out",
        ),
    ] {
        assert_eq!(found(text, format), [claim(span)], "{text:?}");
    }
    // Inside a catalog cell too, with the span in the CSV file.
    let csv = "Handle,Body (HTML)\nsleep,\"<p>Our tea pre&shy;vents cancer.</p>\"\n";
    let found = found(csv, Format::Csv);
    assert!(found.contains(&claim("pre&shy;vents cancer")), "{found:?}");
}

#[test]
fn a_dose_past_any_integer_type_is_written_out() {
    let linted = claimlint::lint(
        "Take 10000000000000 g of selenium daily.",
        Format::Text,
        rules(),
    );
    let messages: Vec<&str> = linted
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "10000000000000 g (10,000,000,000,000,000,000 mcg) of selenium a day is above the \
          upper limit of 400 mcg for adults"
        ]
    );
}
