//! Questions and their answers: a claim that a question names is made, or not, by the
//! answer.
//!
//! "Will this help with hepatitis C?" in a Q&A section is the asker's words. What the seller
//! (or a customer it publishes) says about the product is in the answer: "Yes! Many
//! customers use it after chemotherapy" takes the question's disease use for the product,
//! and "For me they help with the mild moodiness before my period" does not. FDA's warning
//! letters quote such pairs together, the answer being what shows the intended use (21
//! U.S.C. 321(g)(1)(B)).
//!
//! So, after every rule has run, a disease-claim finding inside a question that has an
//! answer is settled by that answer:
//! - an answer that says yes ("Yes", "It did for me", "Absolutely", "Many customers ...")
//!   carries the finding: it is reported at the answer, with the question's words as a
//!   label;
//! - any other answer drops it (answers that say no, or that send the asker to a doctor, are
//!   excused earlier, by the assertion step);
//! - a question with no answer after it (a heading at the end of a page, a line set) keeps
//!   its finding where it is;
//! - the seller's own question ("Does B6 help carpal tunnel?" over "Yes, B6 eases ...") is
//!   settled only by an answer that says yes; any other copy after it leaves it a claim.

use super::question::{bare, first_person};
use crate::diagnostic::{Category, Diagnostic, Label, Span};
use crate::document::{Block, BlockKind, Document};
use std::collections::HashSet;

/// How many attribution lines ("Asked by Ron, 5 months ago") may stand between a question
/// and its answer.
const ATTRIBUTION_REACH: usize = 2;

/// How an answer that says yes begins, after any "A:" or "Answer:" (lowercase).
const YES: &[&str] = &[
    "yes",
    "yeah",
    "yep",
    "absolutely",
    "definitely",
    "certainly",
    "of course",
    "for sure",
    "sure,",
    "sure!",
    "totally",
    "100%",
    "it did",
    "it does",
    "it can",
    "it will",
    "it has",
    "it helped",
    "it works",
    "it worked",
    "it really",
    "they did",
    "they do ",
    "they do,",
    "they do!",
    "they can",
    "they will",
    "they have",
    "they helped",
    "they work",
    "this did",
    "this does",
    "this can",
    "this will",
    "this has",
    "this helped",
    "did for me",
    "does for me",
    "worked for me",
    "works for me",
    "helped me",
    "helped my",
    "many customers",
    "many of our",
    "many people",
    "most customers",
    "most people",
    "lots of",
    "thousands of",
    "plenty of",
    "our customers",
    "customers",
];

/// A question sentence and its answer.
struct Question {
    span: Span,
    answer: Option<Answer>,
    /// Whether an asker puts it (see [`asked`]); the seller's own question is settled only
    /// by an answer that says yes.
    asked: bool,
}

/// Where an answer is: its first sentence, and the whole of it.
#[derive(Clone, Copy)]
struct Answer {
    first: Span,
    whole: Span,
}

/// Settle the disease-claim findings inside questions by their answers (see the module
/// documentation).
pub fn settle(doc: &Document, out: &mut Vec<Diagnostic>) {
    if !doc.source.contains('?') || !out.iter().any(|d| d.category == Category::DiseaseClaim) {
        return;
    }
    let questions = questions(doc);
    if questions.is_empty() {
        return;
    }
    let mut moved: Vec<(usize, Answer, Span)> = Vec::new();
    let mut dropped: Vec<usize> = Vec::new();
    for (i, d) in out.iter().enumerate() {
        if d.category != Category::DiseaseClaim {
            continue;
        }
        let at = questions.partition_point(|q| q.span.end <= d.span.start);
        let Some(q) = questions
            .get(at)
            .filter(|q| q.span.start <= d.span.start && d.span.end <= q.span.end)
        else {
            continue;
        };
        let Some(answer) = q.answer else {
            continue;
        };
        if says_yes(&doc.source[answer.first.start..answer.first.end]) {
            moved.push((i, answer, d.span));
        } else if q.asked {
            dropped.push(i);
        }
    }
    // An answer another finding already reports takes the question as a label there. The
    // findings are looked up by binary search: a catalog may hold thousands of each.
    let mut remove = vec![false; out.len()];
    let mut asked = vec![false; out.len()];
    for &i in &dropped {
        remove[i] = true;
        asked[i] = true;
    }
    for &(i, _, _) in &moved {
        asked[i] = true;
    }
    let mut claims: Vec<(usize, usize, usize)> = out
        .iter()
        .enumerate()
        .filter(|(i, d)| d.category == Category::DiseaseClaim && !asked[*i])
        .map(|(i, d)| (d.span.start, d.span.end, i))
        .collect();
    claims.sort_unstable();
    let label = |question: Span| Label {
        span: question,
        text: "the question this answer says yes to".to_string(),
    };
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for &(i, answer, question) in &moved {
        let from = claims.partition_point(|c| c.0 < answer.whole.start);
        let host = claims[from..]
            .iter()
            .take_while(|c| c.0 < answer.whole.end)
            .find(|c| c.1 <= answer.whole.end)
            .map(|c| c.2);
        if let Some(h) = host {
            out[h].labels.push(label(question));
            remove[i] = true;
        } else if !seen.insert((answer.first.start, answer.first.end)) {
            // Two findings in one question moved to one answer are one problem.
            remove[i] = true;
        } else {
            let d = &mut out[i];
            d.span = answer.first;
            d.labels.insert(0, label(question));
        }
    }
    let mut i = 0;
    out.retain(|_| {
        let keep = !remove[i];
        i += 1;
        keep
    });
}

/// Every question sentence of the document, sorted by source offset, with its answer.
fn questions(doc: &Document) -> Vec<Question> {
    let mut out = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        if !block.text.contains('?') {
            continue;
        }
        // A question block's first question takes the sentences before it too: "Q: I use
        // eye drops for glaucoma. Can I take these too?" asks about the glaucoma.
        // So does one whose asker first states their own condition ("I have ADHD. Will
        // this replace my medication?").
        let mut from = block
            .sentences
            .first()
            .filter(|r| {
                question_lead(&block.text)
                    || first_person(&bare(&block.text[(*r).clone()]).to_lowercase())
            })
            .map(|r| r.start);
        let led = question_lead(&block.text);
        for (si, r) in block.sentences.iter().enumerate() {
            // A question on its own line, after other lines the sentence runs on from ("-
            // Sprout Co. (seller)\nQ: Will it help ...?"), starts on its line.
            let own = block.text[r.clone()]
                .rfind('\n')
                .map_or(r.start, |n| r.start + n + 1);
            // "Can this replace my statin? asked by Ron_T": the question ends at its mark.
            let raw = &block.text[own..r.end];
            let r_end = match raw.rfind('?') {
                Some(q) if !bare(&raw[q + 1..]).is_empty() && attribution(&raw[q + 1..]) => {
                    own + q + 1
                }
                _ => r.end,
            };
            let text = bare(&block.text[own..r_end]);
            if !text.ends_with('?') {
                continue;
            }
            // The seller's own question ("Does B6 help carpal tunnel?") is kept too: only an
            // answer that says yes settles it.
            // A question in a block led "Q:" is the asker's, whatever its subject ("Q: My
            // mom has AMD. Can she take this?").
            let asked = asked(text) || led;
            let start = from.take().filter(|_| asked).unwrap_or(own);
            // The asker's condition after the question, to the end of the block: "Can my
            // dad use it? He was diagnosed with Parkinson's." The answer is the next block.
            let context = asked
                && block.sentences.len() > si + 1
                && block.sentences[si + 1..]
                    .iter()
                    .all(|n| asker_context(bare(&block.text[n.clone()])));
            let end = if context { block.text.len() } else { r_end };
            let answer = match block.sentences.get(si + 1).filter(|_| !context) {
                Some(n) => Some(Answer {
                    first: opening(block, si + 1, n.start),
                    whole: block.span(n.start..block.text.len()),
                }),
                None => next_answer(doc, bi),
            };
            let answer =
                answer.filter(|a| !bare(&doc.source[a.first.start..a.first.end]).ends_with('?'));
            out.push(Question {
                span: block.span(start..end),
                answer,
                asked,
            });
        }
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// The first sentence of the block that answers the question ending block `b`: the next
/// block of the same unit, past attribution lines, when it is prose.
fn next_answer(doc: &Document, b: usize) -> Option<Answer> {
    let unit = doc.unit_of(b);
    let mut next = b + 1;
    let mut skipped = 0;
    while next < unit.end {
        let block = &doc.blocks[next];
        let skip = attribution(&block.text)
            || control(&block.text)
            || !block.text.contains('\n') && byline(&block.text);
        if !skip && matches!(block.kind, BlockKind::Heading) && !bare(&block.text).ends_with('?') {
            return None;
        }
        if skip {
            skipped += 1;
            if skipped > ATTRIBUTION_REACH {
                return None;
            }
            next += 1;
            continue;
        }
        return block.sentences.first().map(|r| {
            // A byline on the answer's first line ("Mari | September 22, 2026"), then the
            // answer on its own line: the answer starts there.
            let start = block.text[r.clone()]
                .rfind('\n')
                .filter(|&n| byline(&block.text[r.start..r.start + n]))
                .map_or(r.start, |n| r.start + n + 1);
            Answer {
                first: opening(block, 0, start),
                whole: block.source_span(),
            }
        });
    }
    None
}

/// Where an answer's finding is reported: its first sentence `i` of `block`, from text
/// offset `start`, or, when that sentence is a bare yes ("Yes.", "Absolutely!"), through
/// the next sentence too, which says what the yes is to ("Yes. Lots of our customers start
/// the full dose at the first twinge of burning ...").
fn opening(block: &Block, i: usize, start: usize) -> Span {
    let end = block.sentences[i].end;
    let first = bare(&block.text[start..end]);
    let end = match block.sentences.get(i + 1) {
        Some(next) if first.split_whitespace().count() <= 2 && says_yes(first) => next.end,
        _ => end,
    };
    block.span(start..end)
}

/// Whether a block opens as a Q&A question does ("Q:", "Question:").
fn question_lead(text: &str) -> bool {
    let t = bare(text).to_lowercase();
    QUESTION_LEADS.iter().any(|p| t.starts_with(p))
}

/// How an asker's question is led in a Q&A (lowercase).
const QUESTION_LEADS: &[&str] = &["q:", "q.", "question:", "customer question:"];

/// Whether a question is one an asker puts about the product ("Q: ...", "Will this help
/// with ...?", "Can I take it for ...?"), not the seller's own hook ("Dealing with post
/// partum depression?", "Can turmeric ease arthritis?"), which its "answer" cannot settle.
fn asked(question: &str) -> bool {
    let q = question.to_lowercase();
    if QUESTION_LEADS.iter().any(|p| q.starts_with(p)) {
        return true;
    }
    let mut words = q.split_whitespace();
    let (Some(verb), Some(subject)) = (words.next(), words.next()) else {
        return false;
    };
    matches!(
        verb,
        "will"
            | "would"
            | "does"
            | "do"
            | "did"
            | "can"
            | "could"
            | "is"
            | "are"
            | "should"
            | "has"
            | "have"
            | "may"
            | "might"
    ) && matches!(
        subject,
        "this"
            | "it"
            | "they"
            | "these"
            | "those"
            | "that"
            | "i"
            | "my"
            | "you"
            | "the"
            | "she"
            | "he"
            | "we"
            | "her"
            | "his"
            | "our"
    )
}

/// Whether a sentence after a question is the asker's own context, in their voice or about
/// the person they ask for: "I have diabetes.", "He was diagnosed with Parkinson's.", "She
/// is 70." Not a question, and not an answer ("Yes, ...", "A: ...").
fn asker_context(sentence: &str) -> bool {
    let t = sentence.to_lowercase();
    !t.ends_with('?')
        && !t.starts_with("a:")
        && !t.starts_with("answer")
        && !says_yes(sentence)
        && (first_person(&t)
            || ["he ", "she ", "he's ", "she's ", "they ", "my "]
                .iter()
                .any(|p| t.starts_with(p)))
}

/// Whether a line is a comment's byline: a name and a date ("Mari | September 22, 2026",
/// "Posted by Ron, 5 months ago").
fn byline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 8
        && (attribution(line)
            || line.contains('|')
            || line
                .split(|c: char| !c.is_ascii_digit())
                .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20"))))
}

/// Whether a block is a control of a comment thread or Q&A, not copy: "Reply", "Helpful
/// (3)", "Report".
fn control(text: &str) -> bool {
    let t = bare(text).to_ascii_lowercase();
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '(' | ')' | ' '));
    matches!(
        t,
        "reply" | "replies" | "report" | "helpful" | "like" | "share" | "comment" | "flag"
    )
}

/// Whether a block is an attribution line of a Q&A: who asked or answered, and when.
fn attribution(text: &str) -> bool {
    let t = bare(text).to_ascii_lowercase();
    let words = t.split_whitespace().count();
    let lead = [
        "asked by",
        "answered by",
        "posted by",
        "submitted by",
        "by ",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    (lead && words <= 12) || (words <= 8 && t.contains(" ago"))
}

/// Whether an answer says yes to the question before it.
fn says_yes(answer: &str) -> bool {
    let t = bare(answer).to_lowercase();
    let t = ["a:", "a.", "a -", "answer:", "answer -"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(&t)
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'));
    // A word of manner before the yes: "Honestly yes", "Well, yes".
    let t = [
        "honestly",
        "well",
        "oh",
        "actually",
        "personally",
        "in my experience",
    ]
    .iter()
    .find_map(|w| t.strip_prefix(w))
    .map_or(t, |r| r.trim_start_matches([',', ' ']));
    YES.iter()
        .any(|y| t.starts_with(y) && !t[y.len()..].starts_with(|c: char| c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::{asked, says_yes};

    #[test]
    fn questions_an_asker_puts() {
        assert!(asked("Q: Does it help with insomnia?"));
        assert!(asked("Will this help with my hair loss?"));
        assert!(asked("Can I take it for my gout?"));
        assert!(!asked("Dealing with post partum depression?"));
        assert!(!asked("Can turmeric ease arthritis?"));
        assert!(!asked("Arthritis?"));
    }

    #[test]
    fn answers_that_say_yes() {
        assert!(says_yes("A: Yes, it's gentle on the stomach."));
        assert!(says_yes("Answer: Yes! Many customers use it that way."));
        assert!(says_yes("It did for me, within a month."));
        assert!(says_yes("**Absolutely.**"));
        assert!(says_yes("A: Honestly yes, it calmed down within a week."));
        assert!(!says_yes("Honestly, I can't say."));
        assert!(!says_yes("A: For me they help with the mild moodiness."));
        assert!(!says_yes("No, it is not meant for that."));
        assert!(!says_yes("Please ask your pharmacist."));
        assert!(!says_yes("Yesterday I asked the same thing."));
    }
}
