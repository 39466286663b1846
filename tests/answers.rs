//! A disease use asked about in a Q&A is the answer's to claim: an answer that says yes
//! carries the finding, with the question as a label; any other answer leaves the question
//! a question. The seller's own hooks ("Dealing with ...?") are not settled by the copy
//! after them. The copy is written for these tests.

mod common;

use claimlint::diagnostic::Category;
use claimlint::document::Format;

/// The disease-claim findings on `text`: the line each is reported on, and its labels.
fn findings(text: &str, format: Format) -> Vec<(usize, Vec<String>)> {
    let linted = claimlint::lint(text, format, common::rules());
    linted
        .diagnostics
        .iter()
        .filter(|d| d.category == Category::DiseaseClaim)
        .map(|d| {
            let line = text[..d.span.start].matches('\n').count() + 1;
            let labels = d.labels.iter().map(|l| l.text.clone()).collect();
            (line, labels)
        })
        .collect()
}

/// Asserts that `text` has one disease-claim finding, reported on `line`.
fn reported_once_at(text: &str, format: Format, line: usize) {
    let found = findings(text, format);
    assert_eq!(found.len(), 1, "one problem, reported once: {found:?}");
    assert_eq!(found[0].0, line, "reported at the answer: {found:?}");
}

/// Asserts that `text` has one disease-claim finding, at the answer on `line`, with the
/// question it says yes to as a label.
fn carried_by_the_answer_at(text: &str, format: Format, line: usize) {
    let found = findings(text, format);
    assert_eq!(found.len(), 1, "one problem, at the answer: {found:?}");
    assert_eq!(found[0].0, line, "reported at the answer: {found:?}");
    assert!(
        found[0].1.iter().any(|l| l.contains("says yes")),
        "the question is a label: {found:?}"
    );
}

#[test]
fn an_answer_that_says_yes_carries_the_claim() {
    let text = "Questions from shoppers\n\nQ: Will this help with my shingles?\n\nAsked by Dana, 2 weeks ago\n\nA: Yes! Lots of buyers take two a day during a flare.\n";
    carried_by_the_answer_at(text, Format::Text, 7);
}

#[test]
fn an_answer_on_the_same_line_carries_the_claim() {
    let found = findings(
        "Question: Does it help with gout? Answer: It did for me within a week.\n",
        Format::Text,
    );
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn an_answer_that_narrows_the_use_leaves_the_question_unclaimed() {
    for text in [
        "**Do these help with PMS?**\n\nFor me they take the edge off the mild crankiness I get before my period.\n",
        "Q: Does it help with insomnia?\nA: It is made for occasional sleeplessness, so we cannot say.\n",
    ] {
        let found = findings(text, Format::Markdown);
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn a_question_with_no_answer_keeps_its_claim() {
    let found = findings("Will this help with my psoriasis?\n", Format::Text);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn the_sellers_own_hook_is_not_settled_by_the_copy_after_it() {
    for text in [
        "Struggling with eczema flares?\n\nOur balm blend was made for skin like yours.\n",
        "Can turmeric shrink kidney stones?\n\nOur founder thinks so.\n",
    ] {
        let found = findings(text, Format::Text);
        assert!(!found.is_empty(), "{text:?}: the hook still claims");
    }
}

#[test]
fn an_answer_with_its_own_claim_takes_the_question_as_a_label() {
    let text = "Q: Can I take it for my arthritis?\nA: Yes, it cured the arthritis in my hands.\n";
    reported_once_at(text, Format::Text, 2);
}

#[test]
fn a_question_block_asks_about_what_it_says_before_its_question() {
    let silent = findings(
        "Q: I use steroid eye drops for glaucoma. Is it safe to take these as well?\n\nA: Please ask your eye doctor first.\n",
        Format::Markdown,
    );
    assert!(silent.is_empty(), "{silent:?}");
    reported_once_at(
        "Q: I have had eczema since I was a child. Will this clear it up?\n\nA: Yes, it cleared mine in a month.\n",
        Format::Markdown,
        3,
    );
}

#[test]
fn the_sellers_question_answered_yes_is_reported_once_at_the_answer() {
    let text = "**Can zinc help rosacea?**\nYes, zinc calms rosacea, and readers say their cheeks look better.\n";
    reported_once_at(text, Format::Markdown, 2);
}

#[test]
fn a_question_after_the_line_before_it_is_asked_on_its_own_line() {
    // Plain-text Q&A runs its lines together: the question starts on its own line, and a
    // yes after a word of manner is a yes.
    let text = "Shopper questions\nA: Sized for ages 4 and up. - Brightleaf (seller)\nQ: Will it help my son's asthma?\nA: Honestly yes, his asthma has been calmer since spring. - Jo (customer)\n";
    reported_once_at(text, Format::Text, 4);
}

#[test]
fn an_asker_who_states_a_condition_first_asks_about_it() {
    // The answer does not say yes: the question's words are the asker's.
    let text = "**I have lupus. Will this replace my prescription?**\n\nEveryone responds differently, so keep your rheumatologist involved.\n";
    let found = findings(text, Format::Markdown);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_question_led_q_is_the_askers_whatever_its_subject() {
    // Answered no: the mention in the asker's first sentence is not the seller's claim.
    let text = "<p>Q: My aunt was diagnosed with wet AMD. Can she take this instead of her eye shots?</p>\n<p>A: No. A supplement does not replace the care her retina doctor gives.</p>\n";
    assert_eq!(findings(text, Format::Html), vec![], "answered no");
}

#[test]
fn the_askers_condition_after_the_question_is_part_of_it() {
    let no = "### Can my father take it? He has Parkinson's.\n\nPlease check with his neurologist before he starts.\n";
    assert_eq!(findings(no, Format::Markdown), vec![], "not answered yes");
    // Answered yes, the claim is the answer's.
    let yes = "### Can my father take it? He has Parkinson's.\n\nYes, and it eases his tremors within weeks.\n";
    reported_once_at(yes, Format::Markdown, 3);
}

#[test]
fn bylines_and_reply_buttons_stand_between_a_question_and_its_answer() {
    // A comment thread as a scraper flattens it: a byline, the question, a "Reply" control,
    // then the answer under its own byline.
    let text = "Remy | March 3, 2026\nDoes this work for rosacea?\nReply\n\nJo | March 4, 2026\nYes! It calmed my rosacea in a month.\nReply\n";
    carried_by_the_answer_at(text, Format::Text, 6);
}

#[test]
fn a_short_line_between_blank_lines_ends_the_warnings_section() {
    let text = "Warnings\nKeep out of reach of children.\n\nReader questions\n\nQ: Can it replace my blood pressure pills?\nA: Totally, my high blood pressure went away.\n";
    let found = findings(text, Format::Text);
    assert!(
        found.iter().any(|f| f.0 == 7),
        "the answer's claim is not excused by the warnings above: {found:?}"
    );
}

#[test]
fn a_question_with_its_asker_after_the_mark_is_still_a_question() {
    let page = "<div><p>Q: Can this replace my statin? <span>asked by Ron_T</span></p>\n<p>A: Yes, it works just as well for most people.</p></div>\n";
    carried_by_the_answer_at(page, Format::Html, 2);
}

#[test]
fn a_question_about_taking_it_as_a_symptom_starts_is_a_use() {
    let page = "### Can I take it when I feel a UTI coming on?\n\nYes. Many customers take the full dose at the first twinge of burning.\n";
    carried_by_the_answer_at(page, Format::Markdown, 3);
}

#[test]
fn a_bare_yes_reports_the_sentence_after_it_too() {
    // "Yes." alone says nothing a reviewer can read: the finding spans the sentence that
    // says what the yes is to.
    let text = "Will it help with my shingles?\n\nYes. Plenty of buyers take two a day through a flare-up.\n";
    let linted = claimlint::lint(text, Format::Text, common::rules());
    let spans: Vec<&str> = linted
        .diagnostics
        .iter()
        .filter(|d| d.category == Category::DiseaseClaim)
        .map(|d| &text[d.span.start..d.span.end])
        .collect();
    assert_eq!(
        spans,
        ["Yes. Plenty of buyers take two a day through a flare-up."],
        "{spans:?}"
    );
}
