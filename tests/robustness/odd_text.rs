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

#[test]
fn lone_carriage_returns_are_line_breaks_in_the_report_and_in_fixes() {
    let dir = tempfile::TempDir::new().unwrap();
    let d = dir.path();
    super::write(d, "cr.txt", "Title\r\rA blend that cures gout.\r");
    let out = super::claimlint(d)
        .args(["check", "--no-config", "--color", "never", "cr.txt"])
        .output()
        .unwrap();
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(human.contains("[cr.txt:3:14]"), "{human}");
    assert!(
        human.contains(" 3 │ A blend that cures gout.\n"),
        "{human:?}"
    );
    assert!(!human.contains('\r'), "{human:?}");

    // A fix writes the file's own line ending.
    for (name, page, eol) in [
        ("cr.md", "Title\r\rSupports restful sleep.\r", "\r"),
        ("lf.md", "Title\n\nSupports restful sleep.", "\n"),
        (
            "crlf.md",
            "Title\r\n\r\nSupports restful sleep.\r\n",
            "\r\n",
        ),
    ] {
        super::write(d, name, page);
        let out = super::claimlint(d)
            .args(["check", "--no-config", "--fix", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        let fixed = std::fs::read_to_string(d.join(name)).unwrap();
        let body = page.trim_end_matches(['\r', '\n']);
        assert!(
            fixed.starts_with(&format!("{body}{eol}{eol}These statements")),
            "{name}: {fixed:?}"
        );
        assert!(
            fixed.ends_with(&format!("disease.{eol}")),
            "{name}: {fixed:?}"
        );
        let breaks = fixed.matches(['\r', '\n']).count();
        assert_eq!(
            breaks,
            fixed.matches(eol).count() * eol.len(),
            "{name}: {fixed:?}"
        );
    }
}
