//! The dose rules end to end: exact messages, spans, labels and notes for each way copy states
//! a daily amount; serving facts in front matter, malformed ones included; and the generated
//! table in docs/dose-limits.md checked against the data.

mod common;

use claimlint::diagnostic::{Category, Diagnostic};
use claimlint::document::Format;
use claimlint::rules::RuleSet;
use claimlint::rules::dose::table::{Table, limits_markdown};
use std::path::Path;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::builtin().expect("built-in rules"));

/// Dose findings and input problems as (rule, the words pointed at, message).
fn findings(text: &str, format: Format) -> Vec<(String, String, String)> {
    full(text, format)
        .into_iter()
        .map(|d| {
            let words = text[d.span.start..d.span.end].to_string();
            (d.rule, words, d.message)
        })
        .collect()
}

fn full(text: &str, format: Format) -> Vec<Diagnostic> {
    claimlint::lint(text, format, &RULES)
        .diagnostics
        .into_iter()
        .filter(|d| d.category == Category::Dose || d.rule == "claimlint/invalid-input")
        .collect()
}

fn one(rule: &str, words: &str, message: &str) -> Vec<(String, String, String)> {
    vec![(rule.into(), words.into(), message.into())]
}

const UL: &str = "us-fda/dose-above-upper-limit";
const SAFE: &str = "us-fda/unsafe-dose-called-safe";
const SERVING: &str = "us-fda/serving-facts-above-upper-limit";
const ELEMENTAL: &str = "us-fda/elemental-exceeds-compound";
const INPUT: &str = "claimlint/invalid-input";

fn text(t: &str) -> Vec<(String, String, String)> {
    findings(t, Format::Text)
}

#[test]
fn a_daily_amount_above_the_limit() {
    assert_eq!(
        text("Daily magnesium intake should not exceed 400 mg."),
        one(
            UL,
            "400 mg",
            "400 mg of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
}

#[test]
fn the_note_gives_the_limit_the_stage_what_it_covers_and_the_source() {
    let d = &full("Take 500 mg of magnesium daily.", Format::Text)[0];
    assert_eq!(
        d.cite.as_deref(),
        Some(
            "upper limit for adults: 350 mg a day (magnesium from supplements and medications \
             only, not magnesium in food and water); NIH ODS, Magnesium: Fact Sheet for Health \
             Professionals; IOM DRI 1997"
        )
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "keep recommended and allowed daily amounts at or below the upper limit, or direct \
             readers to take more only under medical supervision"
        )
    );
}

#[test]
fn ceilings_are_allowed_amounts() {
    for (copy, words) in [
        ("Take up to 500 mg of magnesium a day.", "500 mg"),
        ("Take no more than 500 mg of magnesium a day.", "500 mg"),
        ("Magnesium should not exceed 500 mg per day.", "500 mg"),
        ("Keep magnesium under 500 mg daily.", "500 mg"),
    ] {
        assert_eq!(
            text(copy),
            one(
                UL,
                words,
                "500 mg of magnesium a day is above the upper limit of 350 mg for adults"
            ),
            "{copy}"
        );
    }
    assert_eq!(
        text("Less than 5,000 IU of vitamin D a day is safe."),
        one(
            SAFE,
            "5,000 IU",
            "the copy calls 5,000 IU (125 mcg) of vitamin D a day safe, above the upper limit of \
             100 mcg (4,000 IU) for adults"
        )
    );
    // An amount with no daily word, frequency or ceiling is not a daily amount.
    assert_eq!(text("Each bottle has 500 mg of magnesium per capsule."), []);
}

#[test]
fn frequencies_multiply_the_amount() {
    assert_eq!(
        text("Take 200 mg of magnesium twice a day."),
        one(
            UL,
            "200 mg",
            "400 mg (2 x 200 mg) of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
    assert_eq!(
        text("Take 1 g of vitamin C three times a day."),
        one(
            UL,
            "1 g",
            "3,000 mg (3 x 1 g) of vitamin C a day is above the upper limit of 2,000 mg for adults"
        )
    );
    assert_eq!(
        text("Take 100 mg of magnesium every 6 hours."),
        one(
            UL,
            "100 mg",
            "400 mg (4 x 100 mg) of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
}

#[test]
fn counts_of_units_multiply_amounts_per_unit() {
    assert_eq!(
        text("Take 2 capsules 3 times daily, each providing 100 mg of magnesium."),
        one(
            UL,
            "100 mg",
            "600 mg (6 x 100 mg) of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
    assert_eq!(
        text("Take 2 tablets (15 mg zinc each) twice daily."),
        one(
            UL,
            "15 mg",
            "60 mg (4 x 15 mg) of zinc a day is above the upper limit of 40 mg for adults"
        )
    );
    // The amount of two capsules taken together is not multiplied by two again.
    assert_eq!(
        text("Take 2 capsules (200 mg magnesium) twice daily."),
        one(
            UL,
            "200 mg",
            "400 mg (2 x 200 mg) of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
    assert_eq!(text("Take 2 capsules (150 mg magnesium) daily."), []);
    assert_eq!(
        text("Take 100 mg of magnesium per serving, up to 3 servings a day."),
        []
    );
}

#[test]
fn the_same_dose_stated_twice_is_one_finding() {
    assert_eq!(
        text("Take 2 capsules daily for 400 mg of magnesium a day (200 mg per capsule)."),
        one(
            UL,
            "400 mg",
            "400 mg of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
}

#[test]
fn units_are_converted_per_nutrient() {
    assert_eq!(
        text("Take up to 5,000 IU of vitamin D3 per day."),
        one(
            UL,
            "5,000 IU",
            "5,000 IU (125 mcg) of vitamin D a day is above the upper limit of 100 mcg (4,000 IU) \
             for adults"
        )
    );
    assert_eq!(
        text("Take 4,000 I.U. of vitamin D3 twice daily."),
        one(
            UL,
            "4,000 I.U.",
            "200 mcg (2 x 4,000 I.U.) of vitamin D a day is above the upper limit of 100 mcg \
             (4,000 IU) for adults"
        )
    );
    assert_eq!(
        text("Take 0.5 g of magnesium daily."),
        one(
            UL,
            "0.5 g",
            "0.5 g (500 mg) of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
    // Vitamin A in IU as retinol: 3,000 IU is 900 mcg. Synthetic vitamin E: 1 IU = 0.45 mg.
    assert_eq!(text("Take 3,000 IU of vitamin A per day."), []);
    assert_eq!(
        text("Take 1,100 IU of synthetic vitamin E (dl-alpha-tocopherol) daily."),
        []
    );
    assert_eq!(
        text("Take 2,400 IU of d-alpha-tocopherol daily."),
        one(
            UL,
            "2,400 IU",
            "2,400 IU (1,608 mg) of vitamin E a day is above the upper limit of 1,000 mg \
             (1,493 IU) for adults"
        )
    );
    // Folate in DFE counts 1/1.7 as folic acid.
    assert_eq!(
        text("Folate 1,360 mcg DFE (800 mcg folic acid) per day."),
        []
    );
}

#[test]
fn compound_weights_count_as_their_elemental_amount() {
    assert_eq!(
        text("Take 3,000 mg of magnesium citrate daily."),
        one(
            UL,
            "3,000 mg",
            "3,000 mg (about 486 mg elemental) of magnesium a day is above the upper limit of \
             350 mg for adults"
        )
    );
    // Next to its elemental amount, the compound weight is not counted again.
    assert_eq!(
        text("Take 3,000 mg of magnesium bisglycinate (420 mg elemental) daily."),
        one(
            UL,
            "420 mg",
            "420 mg of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
    assert_eq!(
        text("Take 750 mg magnesium bisglycinate providing 105 mg magnesium twice daily."),
        []
    );
    // "Magnesium (as magnesium glycinate) 300 mg" states elemental magnesium.
    assert_eq!(
        text("Magnesium (as magnesium glycinate) 400 mg daily."),
        one(
            UL,
            "400 mg",
            "400 mg of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
}

#[test]
fn an_amount_belongs_to_the_name_it_is_joined_to() {
    assert_eq!(
        text("Calcium 600 mg with vitamin D 800 IU, take twice daily."),
        []
    );
    assert_eq!(
        text("Calcium 1,200 mg with vitamin D 800 IU, take twice daily."),
        one(
            UL,
            "1,200 mg",
            "2,400 mg (2 x 1,200 mg) of calcium a day is above the upper limit of 2,000 mg for \
             adults"
        )
    );
}

#[test]
fn the_group_addressed_sets_the_limit() {
    assert_eq!(
        text("Children ages 4-8: take 1 gummy (150 mg magnesium) daily."),
        one(
            UL,
            "150 mg",
            "150 mg of magnesium a day is above the upper limit of 110 mg for children aged 4-8"
        )
    );
    assert_eq!(
        text("Adults and children 12 years and older: take 30 mg of zinc daily."),
        one(
            UL,
            "30 mg",
            "30 mg of zinc a day is above the upper limit of 23 mg for children aged 9-13"
        )
    );
    assert_eq!(
        text("Pregnant women may take up to 4,000 mcg of vitamin A per day."),
        one(
            UL,
            "4,000 mcg",
            "4,000 mcg of vitamin A a day is above the upper limit of 3,000 mcg for pregnancy"
        )
    );
    // Vanadium has a UL for adults only: for children it is not determinable.
    assert_eq!(text("Children may take 5 mg of vanadium daily."), []);
    assert_eq!(
        text("Keep out of reach of children. Take 300 mg of magnesium daily."),
        []
    );
}

#[test]
fn a_heading_names_the_group_for_the_text_under_it() {
    let page = "## For kids ages 4-8\n\nGive one chewable with 15 mg of zinc each day.\n";
    assert_eq!(
        findings(page, Format::Markdown),
        one(
            UL,
            "15 mg",
            "15 mg of zinc a day is above the upper limit of 12 mg for children aged 4-8"
        )
    );
}

#[test]
fn a_per_unit_fact_combines_with_directions_elsewhere_on_the_page() {
    let page = "# Calm Magnesium\n\nEach capsule provides 150 mg of magnesium.\n\n## Directions\n\nTake 2 capsules twice daily with food.\n";
    let found = full(page, Format::Markdown);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.rule, UL);
    assert_eq!(&page[d.span.start..d.span.end], "150 mg");
    assert_eq!(
        d.message,
        "600 mg (4 x 150 mg) of magnesium a day is above the upper limit of 350 mg for adults"
    );
    let labels: Vec<(&str, &str)> = d
        .labels
        .iter()
        .map(|l| (&page[l.span.start..l.span.end], l.text.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("Each capsule", "per unit"),
            ("150 mg", "the amount"),
            ("magnesium", "the nutrient"),
            ("2 capsules twice daily", "the directions")
        ]
    );
    let under = page.replace("150 mg", "80 mg");
    assert_eq!(findings(&under, Format::Markdown), []);
}

#[test]
fn warnings_research_and_amounts_at_the_limit_are_silent() {
    for copy in [
        "Doses above 5,000 mg of magnesium can be fatal.",
        "In a clinical trial, participants took 500 mg of magnesium daily.",
        "Take 350 mg of magnesium daily.",
        "Take 200 mcg of chromium picolinate daily.",
        "Each capsule holds 750 mg of magnesium glycinate.",
        "This product contains 150 mg of elemental magnesium per serving.",
        "Vitamin A 5,000 IU (as beta-carotene) daily.",
    ] {
        assert_eq!(text(copy), [], "{copy}");
    }
}

#[test]
fn reference_intakes_and_supervised_doses_are_not_directions() {
    for copy in [
        "The Daily Value for magnesium is 420 mg.",
        "The RDA for magnesium is 420 mg a day for men.",
        "Most people get 250 mg of magnesium a day from food.",
        "Take 600 mg of magnesium daily only under medical supervision.",
    ] {
        assert_eq!(text(copy), [], "{copy}");
    }
    // A Daily Value next to a direction does not hide it.
    assert_eq!(
        text("Take 2 capsules daily (840 mg magnesium, 200% Daily Value)."),
        one(
            UL,
            "840 mg",
            "840 mg of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
}

#[test]
fn each_group_in_a_sentence_gets_its_own_directions() {
    let per_capsule = " Each capsule has 100 mg of magnesium.";
    let both = "Adults take 2 capsules daily; children 4-8 take 1 capsule daily.";
    assert_eq!(text(&format!("{both}{per_capsule}")), []);
    let kids_too_many = "Adults take 2 capsules daily; children 4-8 take 2 capsules daily.";
    assert_eq!(
        text(&format!("{kids_too_many}{per_capsule}")),
        one(
            UL,
            "100 mg",
            "200 mg (2 x 100 mg) of magnesium a day is above the upper limit of 110 mg for \
             children aged 4-8"
        )
    );
    assert_eq!(
        text(
            "Take 1 capsule (100 mg magnesium) 3 times daily, or 2 capsules (200 mg magnesium) twice daily."
        ),
        one(
            UL,
            "200 mg",
            "400 mg (2 x 200 mg) of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
}

#[test]
fn counts_in_fractions_and_per_unit_equations() {
    assert_eq!(
        text("Each scoop has 400 mg of magnesium; mix 1/2 scoop in water daily."),
        []
    );
    assert_eq!(
        text("Take 3 capsules daily (1 capsule = 133 mg magnesium)."),
        one(
            UL,
            "133 mg",
            "399 mg (3 x 133 mg) of magnesium a day is above the upper limit of 350 mg for adults"
        )
    );
    assert_eq!(
        text(
            "Adults: 1 tablet daily. Do not exceed 2 tablets in 24 hours. Each tablet contains 25 mg of zinc."
        ),
        one(
            UL,
            "25 mg",
            "50 mg (2 x 25 mg) of zinc a day is above the upper limit of 40 mg for adults"
        )
    );
}

#[test]
fn calling_an_amount_above_the_limit_safe_is_an_error() {
    assert_eq!(
        text("Taking 200 mg of magnesium twice a day is safe."),
        one(
            SAFE,
            "200 mg",
            "the copy calls 400 mg (2 x 200 mg) of magnesium a day safe, above the upper limit of \
             350 mg for adults"
        )
    );
    assert_eq!(
        text("More than 10,000 IU of vitamin D a day is not safe."),
        []
    );
    assert_eq!(
        text("Up to 40 mg of zinc a day is well tolerated by adults."),
        []
    );
}

#[test]
fn an_elemental_amount_the_compound_cannot_hold() {
    let found = full(
        "Each capsule has 500 mg magnesium glycinate providing 100 mg magnesium.",
        Format::Text,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.rule, ELEMENTAL);
    assert_eq!(
        d.message,
        "100 mg of magnesium cannot come from 500 mg of magnesium glycinate, which holds at most \
         about 70.5 mg"
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "check both figures: 500 mg of magnesium glycinate is at most 14.1% magnesium; if the \
             product is a blend (e.g. buffered with an oxide), name every source"
        )
    );
    assert_eq!(
        text("Each softgel offers 200 mcg of selenium from 100 mcg of selenomethionine."),
        one(
            ELEMENTAL,
            "200 mcg",
            "200 mcg of selenium cannot come from 100 mcg of selenomethionine, which holds at most \
             about 40.3 mcg"
        )
    );
    // Anhydrous calcium citrate is 24.1% calcium.
    assert_eq!(
        text("Calcium citrate 1,000 mg (240 mg calcium) per two tablets."),
        []
    );
}

const FACTS: &str = "---\ntitle: Deep Rest Magnesium\nsupplement:\n  serving: 2 capsules\n  servings_per_day: 2\n  per_serving:\n    magnesium: 250 mg\n    vitamin d3: \"1,000 IU\"\n---\n\nDeep Rest supports relaxation.\n";

#[test]
fn serving_facts_above_the_limit_name_the_computation() {
    let found = full(FACTS, Format::Markdown);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d.rule, SERVING);
    assert_eq!(&FACTS[d.span.start..d.span.end], "250 mg");
    assert_eq!(
        d.message,
        "2 servings (2 capsules each) of 250 mg magnesium a day make 500 mg, above the upper \
         limit of 350 mg for adults"
    );
    let labels: Vec<(&str, &str)> = d
        .labels
        .iter()
        .map(|l| (&FACTS[l.span.start..l.span.end], l.text.as_str()))
        .collect();
    assert_eq!(labels, [("2", "servings a day"), ("250 mg", "per serving")]);
    assert!(
        d.cite
            .as_deref()
            .unwrap()
            .starts_with("upper limit for adults: 350 mg a day"),
        "{:?}",
        d.cite
    );
    let one_a_day = FACTS.replace("servings_per_day: 2", "servings_per_day: 1");
    assert_eq!(findings(&one_a_day, Format::Markdown), []);
}

#[test]
fn serving_facts_convert_compounds_and_units() {
    let page = "---\nsupplement: {serving: 1 tablet, per_serving: {zinc picolinate: 250 mg, vitamin_d3: 5000 IU}}\n---\nText.\n";
    assert_eq!(
        findings(page, Format::Markdown),
        vec![
            (
                SERVING.to_string(),
                "250 mg".to_string(),
                "1 serving (1 tablet each) of 250 mg zinc picolinate (about 52.8 mg zinc) a day \
                 makes about 52.8 mg, above the upper limit of 40 mg for adults"
                    .to_string()
            ),
            (
                SERVING.to_string(),
                "5000 IU".to_string(),
                "1 serving (1 tablet each) of 5000 IU vitamin_d3 a day makes 125 mcg, above the \
                 upper limit of 100 mcg (4,000 IU) for adults"
                    .to_string()
            ),
        ]
    );
}

#[test]
fn serving_facts_for_children_use_their_limit() {
    let page = "---\ntitle: Calm Kids Gummies\nsupplement:\n  servings_per_day: 2\n  per_serving:\n    magnesium: 75 mg\n---\nText.\n";
    assert_eq!(
        findings(page, Format::Markdown),
        one(
            SERVING,
            "75 mg",
            "2 servings of 75 mg magnesium a day make 150 mg, above the upper limit of 110 mg for \
             children aged 4-8"
        )
    );
}

#[test]
fn serving_facts_with_more_elemental_than_their_compounds_hold() {
    let page = "---\nsupplement:\n  per_serving:\n    magnesium: 200 mg\n    magnesium glycinate: 500 mg\n---\nText.\n";
    assert_eq!(
        findings(page, Format::Markdown),
        one(
            ELEMENTAL,
            "200 mg",
            "200 mg of magnesium cannot come from 500 mg of magnesium glycinate, which holds at \
             most about 70.5 mg"
        )
    );
}

#[test]
fn malformed_serving_facts_are_input_errors_at_their_line() {
    let page = "---\nsupplement:\n  servings_per_day: two\n  per_serving:\n    magnesium: 500 mg\n    zinc: 150 mgs\n    iron: 18\n---\nText.\n";
    let found = full(page, Format::Markdown);
    let index = claimlint::document::LineIndex::new(page);
    let got: Vec<(String, usize, String)> = found
        .iter()
        .map(|d| {
            (
                d.rule.clone(),
                index.line_col(page, d.span.start).0,
                d.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                INPUT.to_string(),
                3,
                "`supplement.servings_per_day` must be a number, not the text \"two\"".to_string()
            ),
            (
                SERVING.to_string(),
                5,
                "1 serving of 500 mg magnesium a day makes 500 mg, above the upper limit of 350 mg \
                 for adults"
                    .to_string()
            ),
            (
                INPUT.to_string(),
                6,
                "unknown unit `mgs` in `supplement.per_serving.zinc`".to_string()
            ),
            (
                INPUT.to_string(),
                7,
                "`supplement.per_serving.iron` has no unit".to_string()
            ),
        ]
    );
    let typo = "---\nsupplement:\n  servings_per_dya: 2\n---\nText.\n";
    let found = full(typo, Format::Markdown);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, INPUT);
    assert_eq!(
        &typo[found[0].span.start..found[0].span.end],
        "servings_per_dya: 2"
    );
    assert!(
        found[0].message.starts_with(
            "invalid serving facts under `supplement`: unknown field `servings_per_dya`"
        ),
        "{}",
        found[0].message
    );
}

#[test]
fn malformed_serving_facts_exit_2_and_other_files_are_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        "---\nsupplement:\n  servings_per_day: \"2\"\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("good.md"),
        "Take 500 mg of magnesium daily.\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("claimlint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "bad.md",
            "good.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got = common::path_rule_line(&json);
    assert_eq!(
        got,
        vec![
            ("bad.md".to_string(), INPUT.to_string(), 3),
            ("good.md".to_string(), UL.to_string(), 1),
        ]
    );
}

/// docs/dose-limits.md holds tables generated from the data; regenerate them with
/// `CLAIMLINT_UPDATE_DOCS=1 cargo test --test dose`.
#[test]
fn the_dose_limits_doc_matches_the_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(root.join("rules/us-fda/data/nutrients.yaml")).unwrap();
    let table = Table::load(&data).unwrap();
    let generated = limits_markdown(&table);
    let doc_path = root.join("docs/dose-limits.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap();
    let begin = "<!-- begin generated tables -->\n";
    let end = "<!-- end generated tables -->\n";
    let (head, rest) = doc.split_once(begin).expect("begin marker");
    let (current, tail) = rest.split_once(end).expect("end marker");
    if current != generated {
        if std::env::var_os("CLAIMLINT_UPDATE_DOCS").is_some() {
            std::fs::write(&doc_path, format!("{head}{begin}{generated}{end}{tail}")).unwrap();
        } else {
            panic!(
                "docs/dose-limits.md is out of date with rules/us-fda/data/nutrients.yaml; run \
                 `CLAIMLINT_UPDATE_DOCS=1 cargo test --test dose` and review the diff"
            );
        }
    }
}
