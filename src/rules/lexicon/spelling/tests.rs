//! Tests of the spelling stream, folding and variants.

use super::*;

fn stream(text: &str) -> String {
    String::from_utf8(fold(text)).unwrap()
}

#[test]
fn separators_between_words_are_left_out_and_others_kept() {
    assert_eq!(stream("Post-Partum"), "postpartum");
    assert_eq!(stream("post  partum"), "postpartum");
    assert_eq!(stream("post - partum"), "postpartum");
    assert_eq!(stream("-lowering"), "-lowering");
    assert_eq!(stream("s, x"), "s, x");
    assert_eq!(stream("(ref)"), "(ref)");
    assert_eq!(stream("e. coli"), "e. coli");
    // Next to a piece shorter than three letters a separator is kept, as a space.
    assert_eq!(stream("as d-alpha"), "as d alpha");
    assert_eq!(stream("Type-2 Diabetes"), "type 2 diabetes");
    assert_eq!(stream("type 2 diabetes"), "type 2 diabetes");
    assert_eq!(stream("Crohn’s"), "crohn's");
    assert_eq!(stream("[I]nfection"), "infection");
    assert_eq!(stream("[1] ref"), "[1] ref");
}

#[test]
fn invisible_characters_do_not_split_words() {
    assert_eq!(stream("pre\u{00AD}vents"), "prevents");
    assert_eq!(stream("pre\u{200B}vents"), "prevents");
    assert_eq!(stream("cancer\u{200D}"), "cancer");
}

#[test]
fn steps_point_after_the_source_bytes_they_read() {
    let text = "a\u{00AD}b é";
    let steps: Vec<Step> = Stream::new(text, 0).collect();
    let ends: Vec<usize> = steps.iter().map(|s| s.next).collect();
    // "a", the soft hyphen skipped, "b", the space between short pieces kept, "é" (2
    // bytes).
    assert_eq!(ends, [1, 4, 5, 6, 7]);
    assert!(!steps[2].word);
}

#[test]
fn british_american_numerals_and_possessives() {
    let v = variants("tumor", Inflect::None);
    assert_eq!(v, ["tumour"]);
    assert_eq!(variants("oedema", Inflect::None), ["edema"]);
    assert!(
        variants("iron deficiency anemia", Inflect::None)
            .contains(&"iron deficiency anaemia".to_string())
    );
    assert!(variants("type 2 diabetes", Inflect::None).contains(&"type ii diabetes".to_string()));
    assert!(variants("type ii diabetes", Inflect::None).contains(&"type 2 diabetes".to_string()));
    let crohn = variants("crohn's disease", Inflect::None);
    assert!(crohn.contains(&"crohns disease".to_string()), "{crohn:?}");
    assert!(crohn.contains(&"crohn disease".to_string()), "{crohn:?}");
    assert!(variants("gout", Inflect::None).is_empty());
    assert_eq!(variants("covid-19", Inflect::None), ["covid19"]);
}

#[test]
fn adjectives_of_disease_names() {
    assert_eq!(adjectives("osteoarthritis"), ["osteoarthritic"]);
    assert_eq!(adjectives("anemia"), ["anemic"]);
    assert!(adjectives("gout").is_empty());
    let v = variants_with("osteoarthritis", Inflect::None, true);
    assert!(v.contains(&"osteoarthritic".to_string()), "{v:?}");
}

#[test]
fn verbs_get_their_regular_forms() {
    assert_eq!(
        verb_forms("prevent"),
        ["prevents", "preventing", "prevented"]
    );
    assert_eq!(verb_forms("reduce"), ["reduces", "reducing", "reduced"]);
    assert_eq!(verb_forms("stop"), ["stops", "stopping", "stopped"]);
    assert_eq!(verb_forms("relieve"), ["relieves", "relieving", "relieved"]);
    assert_eq!(verb_forms("ease"), ["eases", "easing", "eased"]);
    assert_eq!(verb_forms("remedy"), ["remedies", "remedying", "remedied"]);
    assert_eq!(verb_forms("fix"), ["fixes", "fixing", "fixed"]);
    assert_eq!(verb_forms("soothe"), ["soothes", "soothing", "soothed"]);
    let risk = variants("lower the risk of", Inflect::Verb);
    assert!(
        risk.contains(&"lowering the risk of".to_string()),
        "{risk:?}"
    );
    assert!(risk.contains(&"lowers the risk of".to_string()), "{risk:?}");
}
