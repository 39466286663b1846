//! The panel checks end to end (`kind: panel`): %DV arithmetic, format, content claims and
//! the advisory list, on panels read from each format, with what each finding says.

use claimlint::diagnostic::Diagnostic;
use claimlint::document::Format;
use claimlint::rules::RuleSet;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::builtin().expect("built-in rules"));

fn of(rule: &str, text: &str, format: Format) -> Vec<Diagnostic> {
    claimlint::lint(text, format, &RULES)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule)
        .collect()
}

fn at(text: &str, d: &Diagnostic) -> String {
    text[d.span.start..d.span.end].to_string()
}

const DV: &str = "us-fda/panel-daily-value";

#[test]
fn a_pre_2016_daily_value_in_an_html_table_is_reported_at_the_percent_with_the_old_value() {
    let page = "<h2>Supplement Facts</h2>\n<table><caption>Serving Size: 1 Capsule</caption>\n<tr><th></th><th>Amount Per Serving</th><th>% Daily Value</th></tr>\n<tr><td>Biotin</td><td>300 mcg</td><td>100%</td></tr>\n<tr><td>Vitamin C (as ascorbic acid)</td><td>90 mg</td><td>100%</td></tr>\n</table>\n";
    let found = of(DV, page, Format::Html);
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(at(page, d), "100%");
    assert_eq!(
        d.message,
        "the %DV of biotin is stated as 100%, but 300 mcg is 1,000% of the Daily Value of 30 mcg"
    );
    let help = d.help.as_deref().unwrap();
    assert!(help.starts_with("state 1,000%"), "{help}");
    assert!(
        help.contains("100% is what the Daily Value before 2016 (300 mcg) gives"),
        "{help}"
    );
    assert!(
        d.cite
            .as_deref()
            .unwrap()
            .contains("21 CFR 101.36(b)(2)(iii)"),
        "{:?}",
        d.cite
    );
    assert_eq!(d.labels.len(), 1);
    let l = d.labels[0].span;
    assert_eq!(&page[l.start..l.end], "300 mcg");
}

#[test]
fn a_misrounded_percent_in_plain_text_columns_says_no_old_value_when_none_gives_it() {
    let text = "Supplement Facts\nServing Size: 2 Tablets\nAmount Per Serving              % Daily Value\nMagnesium (as magnesium oxide)  250 mg    50%\nVitamin B6                      1.7 mg    100%\n";
    let found = of(DV, text, Format::Text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(at(text, &found[0]), "50%");
    assert!(!found[0].help.as_deref().unwrap().contains("before 2016"));
}

#[test]
fn the_audience_named_in_the_panel_picks_the_daily_values() {
    // 15 mg of vitamin C is 100% for children 1-3 and 17% for adults.
    let toddler = "Supplement Facts\nServing Size: 1 Gummy\nAmount Per Serving    % Daily Value for Children 1 to 3 Years of Age\nVitamin C  15 mg  100%\n";
    assert!(of(DV, toddler, Format::Text).is_empty());
    let adult = "Supplement Facts\nServing Size: 1 Gummy\nAmount Per Serving    % Daily Value\nVitamin C  15 mg  100%\n";
    assert_eq!(of(DV, adult, Format::Text).len(), 1);
    let stated_for_adults = "Supplement Facts\nServing Size: 1 Gummy\nAmount Per Serving    % Daily Value for Children 1 to 3 Years of Age\nVitamin C  15 mg  17%\n";
    let found = of(DV, stated_for_adults, Format::Text);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.ends_with("for children 1 through 3 years"),
        "{}",
        found[0].message
    );
}

#[test]
fn less_than_one_percent_is_right_below_one_and_wrong_above() {
    let ok = "Supplement Facts\nServing Size: 1 Capsule\nAmount Per Serving   % Daily Value\nCalcium  5 mg  <1%\nSodium  10 mg  less than 1%\n";
    assert!(of(DV, ok, Format::Text).is_empty());
    let zero = "Supplement Facts\nServing Size: 1 Capsule\nAmount Per Serving   % Daily Value\nCalcium  5 mg  0%\n";
    assert_eq!(of(DV, zero, Format::Text).len(), 1);
}

#[test]
fn panel_checks_run_on_a_page_that_is_not_marked_as_a_label() {
    let page = "# Night Calm\n\nOur best seller.\n\nSupplement Facts\n\nServing Size: 2 Capsules\n\n| | Amount | %DV |\n|---|---|---|\n| Zinc | 15 mg | 100% |\n| Valerian root extract | 300 mg | |\n";
    assert_eq!(of(DV, page, Format::Markdown).len(), 1);
    let symbol = of(
        "us-fda/panel-daily-value-not-established",
        page,
        Format::Markdown,
    );
    assert_eq!(symbol.len(), 1);
    assert_eq!(at(page, &symbol[0]), "Valerian root extract");
}

#[test]
fn a_content_claim_is_reported_at_its_words_with_the_panel_percent() {
    let page = "An excellent source of zinc.\n\nSupplement Facts\n\nServing Size: 1 Capsule\n\n| | Amount | %DV |\n|---|---|---|\n| Zinc | 1 mg | 9% |\n";
    let found = of("us-fda/panel-content-claim", page, Format::Markdown);
    assert_eq!(found.len(), 1);
    assert_eq!(at(page, &found[0]), "An excellent source of zinc");
    assert_eq!(
        found[0].message,
        "\"an excellent source of zinc\" needs 20% of the Daily Value or more per serving, but the panel gives 9%"
    );
}

#[test]
fn an_advisory_ingredient_is_found_in_an_html_ingredient_list() {
    let page = "<h2>Supplement Facts</h2>\n<table><caption>Serving Size: 1 Scoop</caption>\n<tr><td>Caffeine</td><td>200 mg</td><td>†</td></tr>\n</table>\n<p>† Daily Value not established.</p>\n<p>Other ingredients: citric acid, octodrine, sucralose.</p>\n";
    let found = of("us-fda/panel-advisory-ingredient", page, Format::Html);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(at(page, &found[0]), "octodrine");
    assert!(
        found[0]
            .cite
            .as_deref()
            .unwrap()
            .contains("FDA, 2019-04-10: not a dietary ingredient")
    );
}

#[test]
fn an_advisory_ingredient_in_a_blend_line_under_a_div_grid_is_found_and_prose_is_not() {
    let page = "<p>Unlike formulas built on DMHA, this one is clean. Each scoop provides 200 mg of caffeine.</p>\n<div class=\"facts\">\n<div>Supplement Facts</div>\n<div><span>Energy Complex</span> <span>450 mg</span> <span>†</span></div>\n<div><span>Caffeine Anhydrous, DMHA, Theobromine</span></div>\n<div>† Daily Value not established.</div>\n</div>\n";
    let found = of("us-fda/panel-advisory-ingredient", page, Format::Html);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(at(page, &found[0]), "DMHA");
    assert!(found[0].span.start > page.find("facts").unwrap());
}

#[test]
fn a_user_rule_with_a_missing_table_is_an_error_naming_it() {
    use claimlint::rules::{RuleSetSpec, SourceFile, builtin_pack};
    let rule = "id: team/dv\nkind: panel\ncheck: daily-value\ncategory: other\nseverity: warning\nmessage: m\nhelp: h\ntable: data/nope.yaml\n";
    let spec = RuleSetSpec {
        packs: vec![("us-fda".into(), builtin_pack("us-fda").unwrap())],
        extra: vec![SourceFile {
            rel: "dv.yaml".into(),
            origin: "team/dv.yaml".into(),
            text: rule.into(),
        }],
        ..RuleSetSpec::default()
    };
    let err = RuleSet::build(&spec).unwrap_err();
    assert!(
        err.iter()
            .any(|e| e.message.contains("no data file `data/nope.yaml`")),
        "{err:?}"
    );
}
