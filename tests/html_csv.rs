//! HTML product pages and CSV catalog exports: every diagnostic asserted by rule and by the
//! exact source bytes its span covers, the copy that must stay silent, malformed input, and
//! the CLI's handling of both formats.

mod common;
use common::rules;

use assert_cmd::Command;
use claimlint::document::csv::CsvOptions;
use claimlint::document::{Format, LineIndex, ParseOptions};
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pages")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// (rule, line, column, the source text under the span, context) of every diagnostic.
fn lint(text: &str, format: Format) -> Vec<(String, usize, usize, String, Option<String>)> {
    lint_with(text, format, &ParseOptions::default())
}

fn lint_with(
    text: &str,
    format: Format,
    options: &ParseOptions,
) -> Vec<(String, usize, usize, String, Option<String>)> {
    let linted = claimlint::lint_with(text, format, rules(), options);
    let index = LineIndex::new(text);
    linted
        .diagnostics
        .iter()
        .map(|d| {
            let (line, col) = index.line_col(text, d.span.start);
            (
                d.rule.clone(),
                line,
                col,
                text[d.span.start..d.span.end].to_string(),
                d.context.clone(),
            )
        })
        .collect()
}

/// Only (rule, source text).
fn found(text: &str, format: Format) -> Vec<(String, String)> {
    lint(text, format)
        .into_iter()
        .map(|(r, _, _, t, _)| (r, t))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(r, t)| (r.to_string(), t.to_string()))
        .collect()
}

#[test]
fn product_page_in_html() {
    let text = fixture("night-calm.html");
    let got: Vec<_> = lint(&text, Format::Html)
        .into_iter()
        .map(|(r, l, c, t, ctx)| {
            assert_eq!(ctx, None, "an HTML page is one whole");
            (r, l, c, t)
        })
        .collect();
    let want: Vec<(String, usize, usize, String)> = [
        ("us-fda/disease-claim", 7, 67, "cures insomnia"),
        ("us-fda/disease-claim", 21, 44, "relieves anxiety"),
        ("us-fda/disease-claim", 34, 58, "arthritis treatment"),
        ("us-fda/disease-claim", 39, 11, "Reduces joint inflammation"),
        (
            "us-fda/placeholder-link",
            39,
            38,
            r##"<a href="#">(ref)</a>"##,
        ),
        ("us-fda/unsupported-evidence", 40, 11, "Clinically proven"),
        ("us-fda/dose-above-upper-limit", 53, 57, "750&nbsp;mg"),
    ]
    .iter()
    .map(|(r, l, c, t)| (r.to_string(), *l, *c, t.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn catalog_export_in_csv() {
    let text = fixture("catalog.csv");
    let got = lint(&text, Format::Csv);
    let want: Vec<(String, usize, usize, String, Option<String>)> = [
        (
            "us-fda/dshea-disclaimer",
            9,
            33,
            "Supports",
            "row 4, column `Body (HTML)`, product `zinc-lozenges`",
        ),
        (
            "us-fda/disease-claim",
            10,
            4,
            "Prevents colds and flu",
            "row 4, column `Body (HTML)`, product `zinc-lozenges`",
        ),
        (
            "us-fda/placeholder-link",
            10,
            66,
            r##"<a href=""#"">(ref)</a>"##,
            "row 4, column `Body (HTML)`, product `zinc-lozenges`",
        ),
        (
            "us-fda/unsupported-evidence",
            11,
            58,
            "clinically proven",
            "row 5, column `Body (HTML)`, product `ashwagandha-root`",
        ),
        (
            "us-fda/disease-claim",
            11,
            81,
            "relieve anxiety",
            "row 5, column `Body (HTML)`, product `ashwagandha-root`",
        ),
        (
            "us-fda/dshea-disclaimer",
            14,
            71,
            "These statements have not been evaluated by the FDA. This product is not intended to diagnose, treat, cure, or prevent any disease",
            "row 6, column `Body (HTML)`, product `vitamin-d3`",
        ),
    ]
    .iter()
    .map(|(r, l, c, t, ctx)| (r.to_string(), *l, *c, t.to_string(), Some(ctx.to_string())))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn configured_columns_are_linted_and_others_are_not() {
    let text = fixture("catalog.csv");
    // `SEO Description` is not linted by default: "Cures insomnia fast." stays silent above.
    let options = ParseOptions {
        csv: CsvOptions {
            columns: vec!["seo description".into()],
            id_columns: vec!["Variant SKU".into()],
        },
        ..ParseOptions::default()
    };
    let got = lint_with(&text, Format::Csv, &options);
    assert_eq!(
        got,
        [(
            "us-fda/disease-claim".to_string(),
            7,
            204,
            "Cures insomnia".to_string(),
            Some("row 2, column `SEO Description`, product `MG-60`".to_string())
        )]
    );
}

#[test]
fn the_disclaimer_of_one_product_does_not_excuse_another() {
    let disclaimer = "These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.";
    let mut csv = String::from("Handle,Body (HTML)\n");
    for row in 2..=8 {
        match row {
            3 => csv.push_str(&format!(
                "calm,\"<p>Supports a calm mood.</p><p>{disclaimer}</p>\"\n"
            )),
            7 => csv.push_str("focus,<p>Supports mental focus.</p>\n"),
            _ => csv.push_str(&format!("plain-{row},<p>A plain jar.</p>\n")),
        }
    }
    let got = lint(&csv, Format::Csv);
    assert_eq!(
        got,
        [(
            "us-fda/dshea-disclaimer".to_string(),
            7,
            10,
            "Supports".to_string(),
            Some("row 7, column `Body (HTML)`, product `focus`".to_string())
        )]
    );
    // The same copy as one page is one whole: the disclaimer covers every claim on it.
    let page: String = csv
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').unwrap().1.trim_matches('"'))
        .collect();
    assert_eq!(found(&page, Format::Html), []);
    // A prevalence statement excuses a deficiency disease claim only in its own product.
    let csv = "Handle,Body\nc,\"Scurvy is rare in the United States, affecting about 7% of adults. Vitamin C prevents scurvy.\"\nc2,Our chews prevent scurvy.\n";
    assert_eq!(
        lint(csv, Format::Csv)
            .into_iter()
            .map(|(r, l, _, t, _)| (r, l, t))
            .collect::<Vec<_>>(),
        [(
            "us-fda/deficiency-disease-claim".to_string(),
            3,
            "prevent scurvy".to_string()
        )]
    );
    // Reference entries are per product too: row 2's entry does not resolve row 3's marker.
    let csv = "Handle,Body\na,\"Backed by research [1].\n\n[1] Ortiz, Sleep Journal, 2021.\"\nb,Backed by research [1].\n";
    assert_eq!(
        found(csv, Format::Csv),
        pairs(&[("us-fda/reference-placeholder", "[1]")])
    );
    let got = lint(csv, Format::Csv);
    assert_eq!(got[0].1, 5);
}

#[test]
fn hidden_markup_and_entities_stay_silent() {
    let page = r#"<html><head>
<script>var claim = "cures cancer";</script>
<style>.x::before { content: "prevents diabetes"; }</style>
</head><body>
<noscript>treats depression</noscript>
<template><p>Prevents heart disease.</p></template>
<p>Call <code>cureArthritis()</code> after load.</p>
<pre>heals ulcers</pre>
<p>Night Calm supports a relaxed mood.</p>
<p><em>These statements have not been evaluated by the Food&nbsp;&amp;&nbsp;Drug Administration.</em></p>
</body></html>"#;
    // "&amp;" is not "and": the disclaimer differs, and only that is reported.
    assert_eq!(
        found(page, Format::Html)
            .into_iter()
            .map(|(r, _)| r)
            .collect::<Vec<_>>(),
        ["us-fda/dshea-disclaimer"]
    );
    let exact = page.replace("Food&nbsp;&amp;&nbsp;Drug Administration.</em></p>", "Food&nbsp;and&#32;Drug<br>\n<em>Administration</em>.<br/>This product is not intended to <b>diagnose</b>, treat, cure, or prevent any disease.</em></p>");
    assert_eq!(found(&exact, Format::Html), []);
}

#[test]
fn html_links_are_seen_by_the_reference_checks() {
    let cited = r#"<p>Studies show magnesium glycinate is well absorbed (<a href="https://doi.org/10.1000/x">Lee, 2020</a>).</p>"#;
    assert_eq!(found(cited, Format::Html), []);
    let placeholder =
        r#"<p>Studies show magnesium glycinate is well absorbed <a href="TODO">here</a>.</p>"#;
    assert_eq!(
        found(placeholder, Format::Html),
        pairs(&[("us-fda/placeholder-link", r#"<a href="TODO">here</a>"#)])
    );
    // Exactly what the same copy gives in Markdown.
    let markdown = "Studies show magnesium glycinate is well absorbed [here](TODO).\n";
    assert_eq!(
        found(markdown, Format::Markdown),
        pairs(&[("us-fda/placeholder-link", "[here](TODO)")])
    );
    let bare = "<p>Studies show magnesium glycinate is well absorbed.</p>";
    assert_eq!(
        found(bare, Format::Html),
        pairs(&[("us-fda/unsupported-evidence", "Studies show")])
    );
}

#[test]
fn suppression_comments_work_in_html_and_in_html_cells() {
    let page = "<p>It cures insomnia.</p>\n<!-- claimlint-disable-next-line us-fda/disease-claim -->\n<p>It cures migraines.</p>\n<!-- claimlint-disable us-fda/disease-claim -->\n<ul><li>Treats gout.</li></ul>\n<!-- claimlint-enable us-fda/disease-claim -->\n<p>Prevents flu.</p>\n<!-- claimlint-disable-next-line us-fda/not-a-rule -->\n";
    assert_eq!(
        found(page, Format::Html),
        pairs(&[
            ("us-fda/disease-claim", "cures insomnia"),
            ("us-fda/disease-claim", "Prevents flu"),
            ("claimlint/unknown-rule", "us-fda/not-a-rule"),
        ])
    );
    let csv = "Handle,Body (HTML)\na,\"<p>Fine copy.</p>\n<!-- claimlint-disable-next-line us-fda/disease-claim -->\n<p>It cures insomnia.</p>\"\nb,<p>It cures gout.</p>\n";
    assert_eq!(
        found(csv, Format::Csv),
        pairs(&[("us-fda/disease-claim", "cures gout")])
    );
}

#[test]
fn the_disclaimer_fix_goes_before_the_end_of_the_body() {
    let page = "<html><body>\n<p>Supports a calm mood.</p>\n</body></html>\n";
    let linted = claimlint::lint(page, Format::Html, rules());
    let (fixed, n) = claimlint::fix::apply(page, &linted.diagnostics, false);
    assert_eq!(n, 1);
    assert_eq!(
        fixed,
        "<html><body>\n<p>Supports a calm mood.</p>\n<p>These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.</p>\n</body></html>\n"
    );
    assert!(
        claimlint::lint(&fixed, Format::Html, rules())
            .diagnostics
            .is_empty()
    );
    // A catalog gets no automatic fix: the text would need CSV quoting in its cell.
    let csv = "Title,Body\nCalm,Supports a calm mood.\n";
    let linted = claimlint::lint(csv, Format::Csv, rules());
    assert_eq!(linted.diagnostics.len(), 1);
    assert_eq!(linted.diagnostics[0].fix, None);
}

/// A fixture cut short is malformed somewhere: no cut may panic, and every span must lie on
/// character boundaries inside the text. Cuts fall at and just after every markup or quoting
/// character (where a tokenizer's state changes) and at every seventh byte.
fn survives_every_prefix(text: &str, format: Format) {
    let rules = rules();
    let special = |b: u8| {
        matches!(
            b,
            b'<' | b'>' | b'&' | b';' | b'"' | b'\'' | b'=' | b'-' | b'\\' | b',' | b'\n'
        )
    };
    let bytes = text.as_bytes();
    let cuts = (0..=text.len()).filter(|&e| {
        text.is_char_boundary(e)
            && (e % 7 == 0
                || bytes.get(e).is_some_and(|&b| special(b))
                || e > 0 && special(bytes[e - 1]))
    });
    for end in cuts {
        let cut = &text[..end];
        let linted = claimlint::lint(cut, format, rules);
        for d in &linted.diagnostics {
            assert!(
                d.span.end <= cut.len()
                    && cut.is_char_boundary(d.span.start)
                    && cut.is_char_boundary(d.span.end),
                "bad span {:?} for {} at prefix {end}",
                d.span,
                d.rule
            );
        }
    }
}

#[test]
fn truncated_html_never_panics() {
    survives_every_prefix(&fixture("night-calm.html"), Format::Html);
    survives_every_prefix(
        "<p a='x' b=\"y\" c=z d>t&#x1F33F;&#xD800;&#99999999;&notin;&NotNestedLessLess;<!--x--!><![CDATA[y]]><?php ?></p ><br/><wbr><img alt=\"é&eacute\">",
        Format::Html,
    );
}

#[test]
fn truncated_csv_never_panics() {
    survives_every_prefix(&fixture("catalog.csv"), Format::Csv);
}

#[test]
fn malformed_csv_reports_the_line_and_lints_the_rows_before() {
    let csv = "Handle,Title,Body\na,Calm,It cures gout.\nb,Focus,\"It cures \"\"brain fog\"\", period\nc,Zinc,It cures flu.\n";
    let got = lint(csv, Format::Csv);
    assert_eq!(
        got,
        [
            (
                "us-fda/disease-claim".to_string(),
                2,
                11,
                "cures gout".to_string(),
                Some("row 2, column `Body`, product `a`".to_string())
            ),
            (
                "claimlint/invalid-input".to_string(),
                3,
                9,
                "\"".to_string(),
                None
            ),
        ]
    );
    let linted = claimlint::lint(csv, Format::Csv, rules());
    assert!(linted.has_input_errors());
}

#[test]
fn a_few_thousand_rows_with_quoted_newlines_and_commas() {
    let mut csv = String::from("ID,Title,Body (HTML),Price\n");
    for i in 0..3000 {
        csv.push_str(&format!(
            "{i},\"Calm, No. {i}\",\"<p>Line one, with a comma.</p>\n<p>Relieves \"\"stress\"\" headaches.</p>\",9.99\n"
        ));
    }
    let started = std::time::Instant::now();
    let linted = claimlint::lint(&csv, Format::Csv, rules());
    let elapsed = started.elapsed();
    let claims: Vec<_> = linted
        .diagnostics
        .iter()
        .filter(|d| d.rule == "us-fda/disease-claim")
        .collect();
    assert_eq!(claims.len(), 3000);
    let last = claims.last().unwrap();
    assert_eq!(
        &csv[last.span.start..last.span.end],
        "Relieves \"\"stress\"\" headaches"
    );
    assert_eq!(
        last.context.as_deref(),
        Some("row 3001, column `Body (HTML)`, product `2999`")
    );
    assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
}

fn cli() -> Command {
    Command::cargo_bin("claimlint").unwrap()
}

#[test]
fn cli_lints_html_and_csv_by_extension_and_reports_bad_input_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), "<p>It cures gout.</p>\n").unwrap();
    std::fs::write(
        dir.path().join("bad.csv"),
        "Title,Body\nCalm,ok\nFocus,\"never closed\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.htm"), "<p>Plain notes.</p>\n").unwrap();
    let out = cli()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = common::path_rule_line(&json);
    assert_eq!(
        diags,
        [
            ("bad.csv".into(), "claimlint/invalid-input".into(), 3),
            ("page.html".into(), "us-fda/disease-claim".into(), 1),
        ]
    );
    assert_eq!(json["summary"]["files"], 3);
    // Human output names the row and column of a finding in a catalog.
    std::fs::write(
        dir.path().join("bad.csv"),
        "Handle,Body\nmag,It cures gout.\n",
    )
    .unwrap();
    let out = cli()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--color", "never", "bad.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("  note: in row 2, column `Body`, product `mag`\n"),
        "{stdout}"
    );
}

#[test]
fn cli_reads_csv_columns_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claimlint.yaml"),
        "csv:\n  columns: [Blurb]\n  id_columns: [Code]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("items.csv"),
        "Code,Body,Blurb\nX1,It cures gout.,It cures flu.\n",
    )
    .unwrap();
    let out = cli()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "items.csv"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(d["context"], "row 2, column `Blurb`, product `X1`");
    assert_eq!(d["span"]["column"], 22);
    // An unknown key under `csv:` is an error with its line.
    std::fs::write(
        dir.path().join("claimlint.yaml"),
        "csv:\n  colums: [Blurb]\n",
    )
    .unwrap();
    let out = cli()
        .current_dir(dir.path())
        .args(["check", "items.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("colums"), "{stderr}");
    assert!(stderr.contains("claimlint.yaml:2:"), "{stderr}");
}

/// A site's menu names its aisles: no disease mention is reported there, and its links are
/// not read as one sentence; a claim in a menu is still a claim.
#[test]
fn a_nav_menu_names_aisles_but_a_claim_there_still_counts() {
    let page = "<nav>\n<a href=\"/shop/cold-flu\">Cold, Flu &amp; Allergy</a>\n<a href=\"/shop/vitamins\">Vitamins &amp; Supplements</a>\n<a href=\"/shop/pain\">Pain Relief</a>\n<a href=\"/gout\">Cure Your Gout Today</a>\n</nav>\n<p>Our zinc lozenges have a fresh lemon taste.</p>\n";
    let found: Vec<(String, String)> = lint(page, Format::Html)
        .into_iter()
        .filter(|d| d.0 != "us-fda/dshea-disclaimer")
        .map(|d| (d.0, d.3))
        .collect();
    assert_eq!(
        found,
        [(
            "us-fda/disease-claim".to_string(),
            "Cure Your Gout".to_string()
        )]
    );
}
