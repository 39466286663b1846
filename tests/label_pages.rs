//! The sample labels in fixtures/pages, one in each format (`label-*`): linted as labels
//! (the Markdown one says `kind: label` in its front matter; the others are labels as
//! `labels:` in claimlint.yaml would make them), every diagnostic asserted exactly (rule,
//! line, column and the words it points at), and the compliant label silent. Linted as
//! copy about a product, the same files are never asked for what only a package carries.

use claimlint::document::{Format, LineIndex, ParseOptions};
use claimlint::rules::RuleSet;
use std::path::Path;

type Found = Vec<(String, usize, usize, String)>;

fn diagnostics(name: &str, label: bool) -> Found {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pages")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let rules = RuleSet::builtin().unwrap();
    let options = ParseOptions {
        label,
        ..ParseOptions::default()
    };
    let linted = claimlint::lint_with(&text, Format::from_path(&path).unwrap(), &rules, &options);
    let index = LineIndex::new(&text);
    linted
        .diagnostics
        .iter()
        .map(|d| {
            let (line, col) = index.line_col(&text, d.span.start);
            (
                d.rule.clone(),
                line,
                col,
                text[d.span.start..d.span.end].to_string(),
            )
        })
        .collect()
}

fn expect(list: &[(&str, usize, usize, &str)]) -> Found {
    list.iter()
        .map(|(r, l, c, t)| (r.to_string(), *l, *c, t.to_string()))
        .collect()
}

/// What a file gives when it is not a label: only the rules that are not label-only.
fn not_label_only(found: Found) -> Found {
    let set = RuleSet::builtin().unwrap();
    found
        .into_iter()
        .filter(|(rule, ..)| {
            set.rule(rule)
                .is_none_or(|r| r.meta.category != claimlint::diagnostic::Category::Label)
        })
        .collect()
}

#[test]
fn a_text_label_with_a_near_miss_iron_warning_and_milk_left_out_of_contains() {
    let found = diagnostics("label-iron.txt", true);
    assert_eq!(
        found,
        expect(&[
            ("us-fda/allergen-declaration", 14, 48, "whey protein"),
            (
                "us-fda/iron-warning",
                19,
                1,
                "Warning: Accidental overdose of iron-containing products is a leading cause of \
                 fatal poisoning in children under 6. Keep out of reach of children. In case of \
                 accidental overdose, call a doctor or poison control center immediately"
            ),
        ])
    );
    assert_eq!(diagnostics("label-iron.txt", false), not_label_only(found));
}

#[test]
fn a_markdown_label_with_fish_but_no_species_and_a_canadian_contact() {
    let found = diagnostics("label-fish-oil.md", true);
    assert_eq!(
        found,
        expect(&[
            ("us-fda/allergen-declaration", 26, 11, "Fish"),
            ("us-fda/adverse-event-contact", 32, 66, "Canada"),
        ])
    );
    // `kind: label` in its front matter makes it a label whatever the options say.
    assert_eq!(diagnostics("label-fish-oil.md", false), found);
}

#[test]
fn an_html_label_that_declares_its_allergens_only_in_the_ingredient_list_is_silent() {
    assert_eq!(diagnostics("label-protein.html", true), expect(&[]));
}

#[test]
fn a_catalog_of_labels_is_judged_product_by_product() {
    let found = diagnostics("label-catalog.csv", true);
    assert_eq!(
        found,
        expect(&[
            ("us-fda/net-quantity", 9, 20, "Kids Multi Gummies"),
            ("us-fda/statement-of-identity", 9, 43, "Food Supplement"),
            ("us-fda/fda-approval-claim", 10, 4, "FDA Approved"),
        ])
    );
    assert_eq!(
        diagnostics("label-catalog.csv", false),
        expect(&[("us-fda/fda-approval-claim", 10, 4, "FDA Approved")])
    );
}
