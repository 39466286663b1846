//! Questions in copy that ask whether the product suits the asker ("Can I take it with my
//! statin?", "I have Crohn's. Is this safe for me?"): contraindication questions, which the
//! assertion step excuses, unlike questions about a use ("Can I take it for my arthritis?").

use super::sentence::SentenceView;
use std::ops::Range;

/// How a question asking whether the reader may use the product begins: with a condition
/// on the reader after it ("Can I take it if I have Crohn's disease?") it is a question
/// about a contraindication.
const PERMISSION_QUESTIONS: &[&str] = &[
    "can i ",
    "can you ",
    "can he ",
    "can she ",
    "can they ",
    "can we ",
    "may i ",
    "should i ",
    "can people ",
    "can someone ",
    "can children ",
    "can kids ",
    "can my ",
    "will this let me",
    "i have ",
    "i'm ",
    "would this ",
    "would it ",
    "will this ",
    "will these ",
    "will it ",
    "does this ",
    "does it ",
    "how many ",
    "how much ",
    "how often ",
    "how should i ",
    "when should i ",
    "what dose",
    "is this a good",
];

/// Words anywhere in a question that make it ask whether the product suits the asker ("Is
/// FlexDew safe for me?", "I have coeliac disease: is it gluten-free?").
const PERMISSION_WORDS: &[&str] = &[
    " safe",
    "suitable",
    " okay",
    " ok ",
    " ok?",
    "right for me",
    "appropriate",
    "compatible",
    "alright",
    " fine to",
    " fine for",
    "contraindicated",
    " interact",
    " interfere",
    " be combined",
    " combine ",
    " bother",
    " upset my",
    " affect my",
    " worsen",
    " aggravate",
    " irritate",
    "good choice",
    "good option",
    "right choice",
    "gluten-free",
    "gluten free",
    "dairy-free",
    "contain gluten",
    " a problem",
    " an issue",
    " a concern",
    " risky",
    " harmful",
    " dangerous",
];

/// A sentence without the emphasis marks and quotation marks around it, which stay in
/// plain text ("**Is it safe ...?**", "\"Is it okay with my meds?\"").
pub fn unmarked(s: &SentenceView<'_, '_>, r: Range<usize>) -> String {
    bare(&s.text[r]).to_string()
}

/// `text` without the whitespace, emphasis marks and quotation marks around it.
pub fn bare(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '"' | '\u{201c}' | '\u{201d}')
    })
}

/// Whether `question` asks whether the reader may use the product ("Can I take it ...?",
/// "Is this safe for me?").
pub fn permission_question(question: &str) -> bool {
    question.ends_with('?') && {
        let q = question
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        let q = q.strip_prefix("q ").unwrap_or(&q).trim_start();
        PERMISSION_QUESTIONS.iter().any(|p| q.starts_with(p))
            || PERMISSION_WORDS.iter().any(|w| q.contains(w))
    }
}

/// Words of a question about what the product does for a disease ("Can I take it for my
/// arthritis?", "Can it replace my statin?"): such a question asks about a use.
const USE_WORDS: &[&str] = &[
    // Taken at a symptom's start: "Can I take it when I feel a UTI coming on?".
    " coming on",
    "first sign",
    "first twinge",
    " onset",
    " for my ",
    " for his ",
    " for her ",
    " for their ",
    " help",
    " treat ",
    " treat?",
    " treats",
    " treating",
    "treatment for",
    " a treatment",
    " cure",
    " heal",
    " replace",
    " instead of",
    " work for",
    " good for",
    " fix",
    " get rid",
    " fight",
    " boost",
    " prevent",
    " protect",
    " relieve",
    " ease ",
    " beat",
    " kill",
    " lower",
    " reduce",
    " stop",
    " reverse",
    " clear",
    " shrink",
    " against",
];

/// Whether `question` asks whether the product suits the asker, not what it does: "Can I
/// take it with my statin?", "Is the capsule suitable for a patient with coeliac disease?".
pub fn suitability_question(question: &str) -> bool {
    let q = format!(" {}", question.to_ascii_lowercase());
    permission_question(question) && !USE_WORDS.iter().any(|w| q.contains(w))
}

/// Whether the words before a mention state the asker's own condition, as a fact about
/// them ("I have", "had", "was told", "I take warfarin for", "a patient on sertraline"),
/// not as a result ("This cleared my eczema" still claims). `conditional` says whether a
/// conditional ("if you have", "I have") stands there.
pub fn states_condition(before: &str, conditional: bool) -> bool {
    let before = before.to_ascii_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    conditional
        || words.iter().any(|w| {
            matches!(
                *w,
                "had"
                    | "has"
                    | "told"
                    | "diagnosed"
                    | "found"
                    | "says"
                    | "said"
                    | "wants"
                    | "i'm"
                    | "take"
                    | "taking"
                    | "takes"
                    | "prescribed"
                    | "patient"
                    | "patients"
            )
        })
        || words
            .windows(2)
            .any(|w| w[1] == "on" && matches!(w[0], "is" | "am" | "are" | "been"))
}

/// Whether sentence `s` belongs to a question about the product's suitability for the
/// asker: it is one ("Is it safe with my blood thinner?"), or it states the asker's
/// condition and the next sentence asks whether they may use the product ("I have MS and my
/// neurologist wants my levels higher. Is this one okay to take?").
pub fn asks_suitability(s: &SentenceView<'_, '_>) -> bool {
    if suitability_question(&unmarked(s, s.range.clone())) {
        return true;
    }
    let text = unmarked(s, s.range.clone()).to_ascii_lowercase();
    let text = text
        .strip_prefix("q:")
        .or_else(|| text.strip_prefix("question:"))
        .unwrap_or(&text)
        .trim_start();
    first_person(text)
        && states_condition(
            text,
            text.starts_with("i have") || text.starts_with("i've had"),
        )
        && s.next_sentence()
            .is_some_and(|n| suitability_question(&unmarked(s, n)))
}

/// Whether lowercase `text` opens in the writer's own voice ("i have ...", "my son ...").
pub fn first_person(text: &str) -> bool {
    ["i ", "i'm ", "i've ", "my ", "we ", "our "]
        .iter()
        .any(|p| text.starts_with(p))
}
