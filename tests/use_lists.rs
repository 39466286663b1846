//! Lists of uses ("Uses: ...", "Indications: ...", a row of comma-separated conditions): each
//! item is its own use of the product, so each disease in the list is pointed at, even when
//! another item of the list is already a claim. Lists of lawful items, and lists of cautions,
//! stay silent. The copy is written for these tests.

mod common;

use claimlint::diagnostic::Category;
use claimlint::document::Format;

/// The words each disease-claim finding points at.
fn pointed_at(text: &str) -> Vec<String> {
    claimlint::lint(text, Format::Text, common::rules())
        .diagnostics
        .iter()
        .filter(|d| d.category == Category::DiseaseClaim)
        .map(|d| text[d.span.start..d.span.end].to_string())
        .collect()
}

#[test]
fn every_disease_of_a_use_list_is_pointed_at() {
    assert_eq!(
        pointed_at("Uses: high cholesterol, high triglycerides, heart health\n"),
        ["high cholesterol", "high triglycerides"]
    );
    // A claim word that leads the list takes its items in one finding.
    assert_eq!(
        pointed_at("Good for: gout, kidney stones and general wellness\n"),
        ["for: gout, kidney stones"]
    );
    // No label: three or more short items.
    assert_eq!(
        pointed_at("Joint comfort, bursitis, tendinitis, everyday mobility\n"),
        ["bursitis", "tendinitis"]
    );
}

#[test]
fn a_list_item_next_to_a_claim_is_still_reported() {
    // "hypothyroid support" is the claim rule's; "thyroid nodules" is a second use.
    let found = pointed_at("Indications: hypothyroid support, thyroid nodules, steady energy\n");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.contains(&"thyroid nodules".to_string()), "{found:?}");
    // The claim rule's disease is not reported a second time by the mention rule.
    assert!(!found.contains(&"hypothyroid".to_string()), "{found:?}");
}

#[test]
fn a_sentence_with_a_claim_is_not_a_list_of_uses() {
    // Prose, not a list: one finding for the sentence, as before.
    let found = pointed_at(
        "It lowers blood pressure naturally, and many of our customers with diabetes love the taste.\n",
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn lists_of_lawful_items_and_of_cautions_stay_silent() {
    for text in [
        "Uses: healthy vision, normal energy, restful sleep\n",
        "Free from: gluten, dairy, soy, artificial colours\n",
        "Ask a doctor before use if you have: diabetes, kidney disease, high blood pressure\n",
        "Do not use with: blood thinners, antidepressants, diabetes medication\n",
    ] {
        assert_eq!(pointed_at(text), Vec::<String>::new(), "{text}");
    }
}

/// Tags and keywords in front matter are copy, each tag on its own; a minor state FDA
/// accepts when qualified is read as the qualified one there, since a tag has no room for
/// the qualifier. A shop's category is its navigation and is not read.
#[test]
fn front_matter_tags_are_read_one_by_one() {
    let page = "---\ntitle: Evening Magnesium\ntags: [magnesium, sleeplessness, migraine relief]\nkeywords: gout, bedtime\ncategory: Cold & Flu\n---\n\nA calm end to the day.\n";
    assert_eq!(
        common::disease_findings(page, Format::Markdown),
        [
            (
                "us-fda/disease-claim".to_string(),
                "migraine relief".to_string()
            ),
            ("us-fda/disease-mention".to_string(), "gout".to_string()),
        ]
    );
}
