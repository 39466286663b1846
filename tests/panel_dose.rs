//! Panels against the upper limit end to end: the panel read from each format, times the
//! directions wherever they stand, reported once at the panel row with the directions and
//! every other place the dose is stated as labels.

use claimlint::diagnostic::{Category, Diagnostic};
use claimlint::document::Format;
use claimlint::rules::RuleSet;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::builtin().expect("built-in rules"));

const PANEL: &str = "us-fda/panel-above-upper-limit";
const UL: &str = "us-fda/dose-above-upper-limit";

fn dose(text: &str, format: Format) -> Vec<Diagnostic> {
    claimlint::lint(text, format, &RULES)
        .diagnostics
        .into_iter()
        .filter(|d| d.category == Category::Dose)
        .collect()
}

/// (rule, the words pointed at, message, labels as (words, text)).
type Finding = (String, String, String, Vec<(String, String)>);

fn findings(text: &str, format: Format) -> Vec<Finding> {
    dose(text, format)
        .into_iter()
        .map(|d| {
            let at = |s: claimlint::diagnostic::Span| text[s.start..s.end].to_string();
            let labels = d
                .labels
                .iter()
                .map(|l| (at(l.span), l.text.clone()))
                .collect();
            (d.rule, at(d.span), d.message, labels)
        })
        .collect()
}

fn labels(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn an_html_table_with_the_directions_below() {
    let page = "<h2>Supplement Facts</h2>\n<table><caption>Serving Size: 2 Capsules</caption>\n<tr><th></th><th>Amount Per Serving</th><th>% Daily Value</th></tr>\n<tr><td>Magnesium (as magnesium bisglycinate chelate)</td><td>200 mg</td><td>48%</td></tr>\n</table>\n<h2>Directions</h2>\n<p>Adults: Take 2 capsules twice daily with food.</p>\n";
    assert_eq!(
        findings(page, Format::Html),
        [(
            PANEL.to_string(),
            "200 mg".to_string(),
            "400 mg of magnesium a day (2 servings of 200 mg (2 Capsules each)) is above the upper limit of 350 mg for adults".to_string(),
            labels(&[
                ("Serving Size: 2 Capsules", "per serving"),
                ("Magnesium", "the nutrient"),
                ("200 mg", "the amount"),
                ("Adults: Take 2 capsules twice daily with food.", "the directions"),
            ])
        )]
    );
    let d = &dose(page, Format::Html)[0];
    assert!(
        d.cite.as_deref().unwrap().starts_with(
            "upper limit for adults: 350 mg a day (magnesium from supplements and medications only"
        ),
        "{:?}",
        d.cite
    );
}

#[test]
fn a_div_grid_with_the_directions_above_and_an_audience() {
    let page = "<p>Adults and children 12 years and older: chew 2 gummies up to twice daily.</p>\n<div class=\"sf\"><div>Supplement Facts</div><div>Serving Size 2 Gummies</div>\n<div class=\"row\"><span>Zinc (as zinc citrate)</span><span>25 mg 227%</span></div></div>\n";
    let got = findings(page, Format::Html);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, PANEL);
    assert_eq!(got[0].1, "25 mg");
    assert_eq!(
        got[0].2,
        "50 mg of zinc a day (2 servings of 25 mg (2 Gummies each)) is above the upper limit of 23 mg for children aged 9-13"
    );
}

#[test]
fn a_plain_text_panel_and_a_per_unit_sentence_are_one_finding() {
    let page = "Each softgel provides 30 mg of zinc as zinc gluconate.\n\nSupplement Facts\nServing Size: 2 Softgels\n                               Amount Per Serving   % Daily Value\nZinc (as zinc gluconate)             60 mg               545%\n\nDirections\nAdult men take 2 softgels daily with a meal.\n";
    assert_eq!(
        findings(page, Format::Text),
        [(
            PANEL.to_string(),
            "60 mg".to_string(),
            "60 mg of zinc a day (1 serving of 60 mg (2 Softgels)) is above the upper limit of 40 mg for adults".to_string(),
            labels(&[
                ("30 mg", "also stated here"),
                ("Serving Size: 2 Softgels", "per serving"),
                ("Zinc", "the nutrient"),
                ("60 mg", "the amount"),
                ("Adult men take 2 softgels daily with a meal.", "the directions"),
            ])
        )]
    );
}

#[test]
fn a_dose_in_prose_and_in_the_panel_is_reported_once_with_both_places() {
    let page = "Take 2 capsules daily. Each capsule provides 75 mg of vitamin B6.\n\n| Serving Size 2 Capsules | |\n|---|---|\n| Vitamin B6 (as pyridoxal-5'-phosphate) | 150 mg |\n";
    let got = findings(page, Format::Markdown);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (PANEL, "150 mg"));
    assert!(
        got[0]
            .3
            .contains(&("75 mg".to_string(), "also stated here".to_string())),
        "{:?}",
        got[0].3
    );
}

#[test]
fn a_dose_only_in_prose_stays_the_prose_checks() {
    let page = "Each capsule provides 200 mg of magnesium. Take 2 capsules twice daily.\n";
    let got = findings(page, Format::Text);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!((got[0].0.as_str(), got[0].1.as_str()), (UL, "200 mg"));
}

#[test]
fn directions_before_a_per_unit_sentence_that_the_prose_check_does_not_read() {
    let page = "Take 2 softgels with dinner. Each softgel provides 60 mg of zinc.\n";
    let got = findings(page, Format::Text);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, PANEL);
    assert_eq!(
        got[0].2,
        "120 mg of zinc a day (2 x 60 mg per softgel) is above the upper limit of 40 mg for adults"
    );
}

#[test]
fn a_specification_table_and_the_panel_are_one_finding() {
    let page = "| Attribute | Detail |\n|---|---|\n| Elemental iron per tablet | 65 mg |\n\n## Supplement Facts\n\n| Serving Size 1 Tablet | |\n|---|---|\n| Iron (as ferrous sulfate) | 65 mg 361% |\n\nTake 1 tablet daily.\n";
    let got = findings(page, Format::Markdown);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, PANEL);
    assert_eq!(
        got[0].2,
        "65 mg of iron a day (1 serving of 65 mg (1 Tablet)) is above the upper limit of 45 mg for adults"
    );
    assert!(
        got[0]
            .3
            .iter()
            .any(|(w, t)| t == "also stated here" && w == "65 mg")
    );
}

#[test]
fn a_catalog_cell_with_a_panel() {
    let csv = "Handle,Body (HTML)\nzinc-50,\"<table><tr><td>Serving Size: 1 Capsule</td></tr><tr><td>Zinc</td><td>50 mg</td></tr></table><p>Take 1 capsule daily.</p>\"\nzinc-15,\"<table><tr><td>Serving Size: 1 Capsule</td></tr><tr><td>Zinc</td><td>15 mg</td></tr></table><p>Take 1 capsule daily.</p>\"\n";
    let got = dose(csv, Format::Csv);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(&csv[got[0].span.start..got[0].span.end], "50 mg");
    let linted = claimlint::lint(csv, Format::Csv, &RULES);
    let d = linted.diagnostics.iter().find(|d| d.rule == PANEL).unwrap();
    assert_eq!(
        d.context.as_deref(),
        Some("row 2, column `Body (HTML)`, product `zinc-50`")
    );
}

#[test]
fn units_forms_and_shares() {
    // IU; a form that is another nutrient (no UL); a share (2 x 1,000 mcg preformed is
    // within the UL, 2 x 2,000 mcg would not be).
    let page = "Supplement Facts\nServing Size: 1 Tablet\nVitamin D (as cholecalciferol)   5,000 IU   625%\nFolate (as L-methylfolate)   1,700 mcg DFE   425%\nVitamin A (50% as beta-carotene, 50% as retinyl acetate)   2,000 mcg   222%\n\nTake 1 tablet twice daily.\n";
    let got: Vec<String> = findings(page, Format::Text)
        .into_iter()
        .map(|f| f.2)
        .collect();
    assert_eq!(
        got,
        [
            "250 mcg (10,000 IU) of vitamin D a day (2 servings of 5,000 IU (1 Tablet each)) is above the upper limit of 100 mcg (4,000 IU) for adults",
        ]
    );
}

#[test]
fn a_panel_with_no_directions_counts_one_serving() {
    let page = "Supplement Facts\nServing Size: 1 Softgel\nVitamin D3 (as cholecalciferol)   125 mcg (5,000 IU)   625%\n";
    let got = findings(page, Format::Text);
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].2,
        "125 mcg of vitamin D a day (1 serving of 125 mcg (1 Softgel), one serving a day) is above the upper limit of 100 mcg for adults"
    );
}

#[test]
fn a_canadian_head_that_gives_the_serving_in_millilitres() {
    let text = "Medicinal ingredients (each 5 mL):\nZinc (zinc gluconate) ........ 25 mg\n\nRecommended dose: Adults: take 5 to 10 mL once or twice daily with food.\n";
    let found = findings(text, Format::Text);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (rule, at, message, _) = &found[0];
    assert_eq!(rule, PANEL);
    assert!(at.contains("25 mg"), "{at}");
    // 10 mL twice a day is four servings of 5 mL: 100 mg.
    assert!(message.contains("100 mg"), "{message}");
}

#[test]
fn a_css_grid_of_divs_with_the_dose_raised_in_the_directions() {
    let page = "<div class=\"facts\" role=\"table\" aria-label=\"Supplement Facts\">\n<div class=\"facts-title\">Supplement Facts</div>\n<div class=\"facts-serving\">Serving Size 1 Tablet</div>\n<div class=\"facts-row\"><div class=\"name\">Zinc (as zinc citrate)</div><div class=\"amount\">25 mg</div><div class=\"dv\">227%</div></div>\n<div class=\"facts-row\"><div class=\"name\">Copper (as copper citrate)</div><div class=\"amount\">1 mg</div><div class=\"dv\">111%</div></div>\n</div>\n<h2>How to use</h2>\n<p>Take 1 tablet a day; during the cold months you may take 1 tablet twice a day.</p>\n";
    let got = findings(page, Format::Html);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, PANEL);
    assert_eq!(got[0].1, "25 mg");
    assert!(got[0].2.starts_with("50 mg of zinc a day"), "{}", got[0].2);
}

#[test]
fn a_markdown_code_block_panel() {
    let page = "## Medicinal ingredients (per 2 capsules)\n\n```\nVitamin A (as retinyl palmitate)    1500 mcg RAE (5000 IU)\n```\n\n## Directions\n\nAdults: take 2 capsules up to 3 times a day.\n";
    let got = findings(page, Format::Markdown);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].1, "1500 mcg RAE");
    assert!(got[0].2.contains("vitamin A"), "{}", got[0].2);
}

#[test]
fn an_html_pre_panel_but_not_a_pre_of_markup() {
    let page = "<h2>Supplement Facts</h2>\n<pre>\nServing Size 1 Capsule\nIron (as ferrous bisglycinate)      65 mg     361%\n</pre>\n<p>Take 1 capsule daily.</p>\n";
    let got = findings(page, Format::Html);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].1, "65 mg");
    // A `<pre>` that holds markup is code shown on the page, not a label in columns.
    let code = page
        .replace("<pre>\n", "<pre><code>\n")
        .replace("</pre>", "</code></pre>");
    assert_eq!(findings(&code, Format::Html), []);
}

#[test]
fn drops_against_a_serving_in_millilitres_that_says_how_many_drops_it_is() {
    let text = "Each 1 ml (approx. 20 drops) contains:\nIodine 3 mg (3000 mcg)\n(from potassium iodide 3.92 mg)\nEach drop provides approximately 150 mcg iodine.\n\nDirections: adults take 3-6 drops daily. May be increased to 10 drops daily for up to 4 weeks.\n";
    let found = findings(text, Format::Text);
    // Ten drops are half of the 1 ml serving: 1.5 mg, not ten servings of 3 mg. The
    // "(3000 mcg)" restates the 3 mg of iodine: it is not 3000 mcg of potassium iodide.
    assert_eq!(found.len(), 1, "{found:#?}");
    let (rule, _, message, _) = &found[0];
    assert_eq!(rule, PANEL);
    assert!(
        message.starts_with("1,500 mcg of iodine a day"),
        "{message}"
    );
    let all = claimlint::lint(text, Format::Text, &RULES).diagnostics;
    assert!(
        !all.iter()
            .any(|d| d.rule == "us-fda/elemental-exceeds-compound"),
        "{all:#?}"
    );
}

#[test]
fn drops_against_a_dropperful_are_not_read_as_droppers() {
    let text = "Supplement Facts\nServing Size: 1 dropperful (1 mL)\nIodine (as potassium iodide)   3 mg   2000%\n\nDirections: take 10 drops daily.\n";
    let found = findings(text, Format::Text);
    assert!(
        !found.iter().any(|f| f.2.contains("30,000")),
        "ten drops are not ten droppers: {found:#?}"
    );
}

#[test]
fn an_authority_s_advice_is_not_the_product_s_directions() {
    let text = "Supplement Facts\nServing Size: 1 ml\nIodine (as potassium iodide)   3 mg   2000%\n\nThe Ministry of Health recommends that pregnant women take a 150 microgram iodine tablet every day.\n\nDirections: take 2 drops daily.\n";
    let found = findings(text, Format::Text);
    assert!(
        !found
            .iter()
            .any(|f| f.3.iter().any(|l| l.0.contains("Ministry"))),
        "{found:#?}"
    );
}

/// A cap on each dose with how often after it ("up to 2 softgels twice daily") is that many
/// a day times the frequency, not a cap of 2 a day; a cap of 2 a day stays 2.
#[test]
fn a_cap_on_each_dose_times_how_often_is_the_daily_cap() {
    let panel = "| Supplement Facts | Amount Per Serving | % DV |\n|---|---|---|\n| Serving Size 2 Softgels | | |\n| Magnesium (as glycinate) | 200 mg | 48% |\n\n";
    let over = format!(
        "{panel}Take 2 softgels with dinner. When training hard you may take up to 2 softgels twice daily.\n"
    );
    let found = findings(&over, Format::Markdown);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].2.starts_with("400 mg of magnesium a day"),
        "{}",
        found[0].2
    );
    let under = format!("{panel}Take 2 softgels with dinner, up to 2 softgels per day.\n");
    assert!(findings(&under, Format::Markdown).is_empty());
}
