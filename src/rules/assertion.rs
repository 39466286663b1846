//! Whether a mention of a disease is asserted for the product, or something excuses it.
//!
//! A disease named in supplement copy is evidence that the product is meant to treat or
//! prevent it (21 U.S.C. 321(g)(1)(B)) unless the words around it say otherwise. The model
//! is ConText's (Chapman et al.; medspaCy): trigger phrases with a direction and a scope that
//! ends at a clause boundary, and pseudo-triggers that look like triggers but are not. The
//! excuses, each with the words that make it:
//!
//! - **negated**: "is not intended to treat any disease", "no supplement can cure diabetes";
//!   "not only", "no more" and "no longer" are pseudo-negations ("no more chest pains" is a
//!   claim), and "without" reaches only the next few words ("lower blood pressure without
//!   medication" is still a claim);
//! - **a caution**: a warning, contraindication or interaction in the same clause, before or
//!   after the mention ("do not use if you have kidney disease", "people with diabetes should
//!   consult a doctor", "can make HIV medications less effective"); a conditional ("if you
//!   have ...") counts only with a caution in its sentence, since "if you have arthritis, try
//!   it" is a claim;
//! - **a side effect**: what the product may cause ("may have a laxative effect");
//! - **a drug depletion**: what a drug does to a nutrient ("diuretics can deplete magnesium");
//! - **probiotic**: bacteria as the product's own cultures ("keeps the bacteria alive");
//! - **answered no**: a question whose next sentence starts with "No" ("Is this for high
//!   cholesterol? No, ...");
//! - **a habit's**: advice whose subject is a way of living ("Exercise and a healthy diet
//!   help prevent type 2 diabetes"), with no word for the product in its clause.
//!
//! Organisation names, qualified natural states and lawful health claims are excused by the
//! rules themselves, since they depend on the term or on data.

use super::lexicon::Term;
use super::{Compiler, LexId, TermSource};
use serde::Deserialize;
use std::ops::Range;

mod caution;
mod lifestyle;
mod organisation;
mod outcome;
mod section;

pub use super::sentence::{SentenceView, is_clause_punct};
pub use organisation::organisation;

/// The excuse lexicons as written in a rule file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExcusesFile {
    /// Words that negate what follows them ("not", "never").
    #[serde(default)]
    pub negations: Option<TermSource>,
    /// Phrases that look like negations but claim ("not only", "no more").
    #[serde(default)]
    pub pseudo_negations: Option<TermSource>,
    /// Negations that reach only a few words ("without").
    #[serde(default)]
    pub short_negations: Option<TermSource>,
    /// Warnings, contraindications and interaction notes ("do not use", "consult your").
    #[serde(default)]
    pub cautions: Option<TermSource>,
    /// Conditions that excuse only together with a caution ("if you have").
    #[serde(default)]
    pub conditionals: Option<TermSource>,
    /// What the product may cause ("may cause", "may have a").
    #[serde(default)]
    pub side_effects: Option<TermSource>,
    /// What a drug does to a nutrient ("deplete", "lower levels of").
    #[serde(default)]
    pub depletions: Option<TermSource>,
    /// Words that make bacteria the product's own cultures ("probiotic", "CFU").
    #[serde(default)]
    pub cultures: Option<TermSource>,
    /// Words that make germs what the product is tested for ("tested for", "free of").
    #[serde(default)]
    pub testing: Option<TermSource>,
    /// Words of a statistic about a disease ("the leading cause of death").
    #[serde(default)]
    pub epidemiology: Option<TermSource>,
    /// Words of a historical account ("sailors on long voyages once suffered from").
    #[serde(default)]
    pub history: Option<TermSource>,
    /// Words that end a clause ("but", "which").
    #[serde(default)]
    pub barriers: Option<TermSource>,
    /// Words just before a drug that make it a medicine the writer takes ("I take a water
    /// pill", "I'm on diuretics").
    #[serde(default)]
    pub medication: Option<TermSource>,
    /// The medicines a label or a table cell leads an interaction note with ("Blood
    /// pressure medicines: ...", "| Warfarin | ... |").
    #[serde(default)]
    pub interaction_leads: Option<TermSource>,
    /// Words of time after a denied disease that make the denial an outcome ("No colds
    /// this winter", "haven't had a migraine since").
    #[serde(default)]
    pub outcomes: Option<TermSource>,
    /// Whether a bibliographic citation excuses a mention: what a study's title names is
    /// what it was about ("Reduced effect of warfarin caused by ubidecarenone. Lancet.
    /// 1994;344:1372.").
    #[serde(default)]
    pub citations: bool,
}

/// A denial that points back at what was named before it: "not a treatment for it",
/// "not intended to cure them", "cannot prevent it".
static NEGATED_BACK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?i)\s+(?:(?:be|been|is|are|a|an|the|intended|meant|designed|able|claimed|claiming|to)\s+)*(?:treatment|cure|remedy|medicine|drug|therapy|substitute|replacement|treat|cure|prevent|heal|mitigate|diagnose)(?:\s+(?:for|of))?\s+(?:it|them|this condition|these conditions|that condition|any of them)\b",
    )
    .expect("the back-negation pattern compiles")
});

/// Why a mention is not asserted for the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excuse {
    /// A negation before it.
    Negated,
    /// A warning, contraindication or interaction note.
    Caution,
    /// A side effect of the product.
    SideEffect,
    /// What a drug does to a nutrient.
    Depletion,
    /// The product's own bacteria.
    Cultures,
    /// What the product is tested for.
    Testing,
    /// A statistic about a disease.
    Epidemiology,
    /// A historical account.
    History,
    /// A list or section under a heading or lead-in that is a warning or a list of side
    /// effects ("Side effects:", "Do not use if you have:").
    Section,
    /// A question answered "no".
    AnsweredNo,
    /// A medicine the writer takes.
    Medication,
    /// A bibliographic citation.
    Citation,
    /// Advice whose subject is a way of living ("exercise and diet help prevent ...").
    Habit,
}

/// What a mention names, for the excuses that depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// A disease, disorder or symptom.
    Disease,
    /// A named pathogen ("E. coli"): what a product may be tested for.
    Pathogen,
    /// A generic word for germs ("bacteria"): also the product's own cultures.
    Germs,
}

/// An excuse and the words that make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// Which excuse.
    pub excuse: Excuse,
    /// The trigger's range in the block text.
    pub range: Range<usize>,
}

/// The compiled excuse lexicons.
#[derive(Debug, Clone, Default)]
pub struct Excuses {
    negations: Option<LexId>,
    pseudo_negations: Option<LexId>,
    short_negations: Option<LexId>,
    cautions: Option<LexId>,
    conditionals: Option<LexId>,
    side_effects: Option<LexId>,
    depletions: Option<LexId>,
    cultures: Option<LexId>,
    testing: Option<LexId>,
    epidemiology: Option<LexId>,
    history: Option<LexId>,
    medication: Option<LexId>,
    interaction_leads: Option<LexId>,
    outcomes: Option<LexId>,
    citations: bool,
    /// Clause barriers, for [`SentenceView::new`].
    pub barriers: Option<LexId>,
}

/// How many words may open the next sentence before the caution that makes a condition
/// on the reader a warning ("People with X ... . Please do not start this ...").
const NEXT_CAUTION_REACH: usize = 8;
/// How many words before a mention a negation may stand.
const NEGATION_REACH: usize = 10;
/// How many words a short negation ("without") reaches.
const SHORT_NEGATION_REACH: usize = 3;
/// How many words before a mention a side-effect trigger may stand.
const SIDE_EFFECT_REACH: usize = 10;
/// How many words after a mention a side-effect phrase that follows it may stand ("mild
/// indigestion or loose stools may occur").
const SIDE_EFFECT_AFTER: usize = 5;
/// How many words before a drug the words that make it the writer's medicine may stand
/// ("I take a water pill"): any further and they are about the product ("I take this
/// natural diuretic").
const MEDICATION_REACH: usize = 3;

impl Excuses {
    /// Compile the lexicons of `f`; errors name the field.
    pub fn compile(f: &ExcusesFile, c: &mut Compiler) -> Result<Excuses, (String, String)> {
        let mut one = |src: &Option<TermSource>, field: &'static str| {
            c.optional(src, field).map_err(|e| (format!("{field}:"), e))
        };
        Ok(Excuses {
            negations: one(&f.negations, "negations")?,
            pseudo_negations: one(&f.pseudo_negations, "pseudo_negations")?,
            short_negations: one(&f.short_negations, "short_negations")?,
            cautions: one(&f.cautions, "cautions")?,
            conditionals: one(&f.conditionals, "conditionals")?,
            side_effects: one(&f.side_effects, "side_effects")?,
            depletions: one(&f.depletions, "depletions")?,
            cultures: one(&f.cultures, "cultures")?,
            testing: one(&f.testing, "testing")?,
            epidemiology: one(&f.epidemiology, "epidemiology")?,
            history: one(&f.history, "history")?,
            barriers: one(&f.barriers, "barriers")?,
            medication: one(&f.medication, "medication")?,
            interaction_leads: one(&f.interaction_leads, "interaction_leads")?,
            outcomes: one(&f.outcomes, "outcomes")?,
            citations: f.citations,
        })
    }

    /// Why the mention at `m` in sentence `s` is not asserted, if anything excuses it.
    pub fn excuse(
        &self,
        s: &SentenceView<'_, '_>,
        m: &Range<usize>,
        kind: MentionKind,
    ) -> Option<Evidence> {
        let found = |excuse: Excuse, range: Range<usize>| Some(Evidence { excuse, range });
        if let Some(r) = self.negated(s, m) {
            return found(Excuse::Negated, r);
        }
        if self.citations && s.in_citation() && !s.citation_as_proof() {
            return found(Excuse::Citation, s.range.clone());
        }
        if let Some(r) = self.caution(s, m) {
            return found(Excuse::Caution, r);
        }
        if s.suitability_questions().0 {
            return found(Excuse::Caution, s.range.clone());
        }
        // A side effect named first: "Mild indigestion or loose stools may occur".
        if let Some(id) = self.side_effects
            && let Some(t) = s.matches_in(id, &(m.end..s.range.end)).iter().find(|t| {
                s.words_between(m.end, t.range.start) <= SIDE_EFFECT_AFTER
                    && !promised_absence(s, &t.range)
            })
            && !s.barrier_between(m.end, t.range.start)
        {
            return found(Excuse::SideEffect, t.range.clone());
        }
        if let Some(id) = self.side_effects {
            let from = s.words_back(m.start, SIDE_EFFECT_REACH);
            // "No side effects" is a promise, not a side effect.
            if let Some(t) = s.matches_in(id, &(from..m.end)).iter().rev().find(|t| {
                !s.barrier_between(t.range.end, m.start) && !promised_absence(s, &t.range)
            }) {
                return found(Excuse::SideEffect, t.range.clone());
            }
        }
        if let Some(id) = self.depletions
            && let Some(t) = s.matches_in(id, &s.clause_of(m.start)).first()
        {
            return found(Excuse::Depletion, t.range.clone());
        }
        if kind == MentionKind::Germs
            && let Some(id) = self.cultures
            && let Some(t) = s.matches_in(id, &s.range).first()
        {
            return found(Excuse::Cultures, t.range.clone());
        }
        if kind != MentionKind::Disease
            && let Some(id) = self.testing
            && let Some(t) = s.matches_in(id, &s.range).first()
        {
            return found(Excuse::Testing, t.range.clone());
        }
        if let Some(id) = self.epidemiology
            && let Some(t) = s.matches_in(id, &s.clause_of(m.start)).first()
        {
            return found(Excuse::Epidemiology, t.range.clone());
        }
        if let Some(id) = self.history
            && let Some(t) = s.matches_in(id, &s.range).first()
        {
            return found(Excuse::History, t.range.clone());
        }
        if let Some(r) = lifestyle::habit_subject(s, m) {
            return found(Excuse::Habit, r);
        }
        // A clause that says what the product is for is the seller's, under any lead
        // ("Precautions: ... it is a dietary supplement for diabetics").
        if !section::describes_product(s, m)
            && let Some(r) = self.section(s)
        {
            return found(Excuse::Section, r);
        }
        if let Some(r) = s.answered_no().or_else(|| self.answered_elsewhere(s)) {
            return found(Excuse::AnsweredNo, r);
        }
        if let Some(id) = self.medication {
            let from = s.words_back(m.start, MEDICATION_REACH);
            if let Some(t) = s
                .matches_in(id, &(from..m.start))
                .iter()
                .rev()
                .find(|t| !s.barrier_between(t.range.end, m.start))
            {
                return found(Excuse::Medication, t.range.clone());
            }
        }
        None
    }

    /// A negation before `m` in its clause, or one after it that points back at it ("... is
    /// not a treatment for it"), that no pseudo-negation covers.
    fn negated(&self, s: &SentenceView<'_, '_>, m: &Range<usize>) -> Option<Range<usize>> {
        let pseudo = |r: &Range<usize>| {
            self.pseudo_negations.is_some_and(|p| {
                s.matches_in(p, &s.range)
                    .iter()
                    .any(|x| x.range.start <= r.start && r.end <= x.range.end)
            })
        };
        if let Some(id) = self.negations {
            let from = s.words_back(m.start, NEGATION_REACH);
            if let Some(t) = s.matches_in(id, &(from..m.start)).iter().rev().find(|t| {
                !s.barrier_between(t.range.end, m.start)
                    && !pseudo(&t.range)
                    && !self
                        .outcomes
                        .is_some_and(|o| outcome::outcome(s, &t.range, m, o))
            }) {
                return Some(t.range.clone());
            }
        }
        // A negation later in the sentence that points back at the mention: "Diabetes is a
        // serious disease, and this supplement is not a treatment for it".
        if let Some(id) = self.negations
            && let Some(t) = s.matches_in(id, &(m.end..s.range.end)).iter().find(|t| {
                !pseudo(&t.range) && NEGATED_BACK.is_match(&s.text[t.range.end..s.range.end])
            })
        {
            return Some(t.range.clone());
        }
        if let Some(id) = self.short_negations {
            let from = s.words_back(m.start, SHORT_NEGATION_REACH);
            if let Some(t) = s
                .matches_in(id, &(from..m.start))
                .iter()
                .rev()
                .find(|t| !s.barrier_between(t.range.end, m.start))
            {
                return Some(t.range.clone());
            }
        }
        None
    }
}

/// Whether the words at `r` hedge what follows them ("may", "might", "can").
fn hedged(s: &SentenceView<'_, '_>, r: &Range<usize>) -> bool {
    s.text[r.clone()]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| {
            ["may", "might", "can", "could"]
                .iter()
                .any(|h| w.eq_ignore_ascii_case(h))
        })
}

/// Whether the words at `r` ("side effects", "interactions") follow a word that promises their
/// absence ("no side effects", "without any interactions"), or are side effects the product
/// promises to relieve ("reduces the side effects of chemotherapy"): a promise, not a caution.
pub fn promised_absence(s: &SentenceView<'_, '_>, r: &Range<usize>) -> bool {
    let from = s.words_back(r.start, 2);
    s.text[from..r.start]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| {
            ["no", "without", "zero", "free", "none", "any", "never"]
                .iter()
                .any(|n| w.eq_ignore_ascii_case(n))
        })
        || promised_relief(s, r)
}

/// Words that may stand between a relieving verb and the side effects it relieves ("eases
/// the harsh side effects").
const RELIEF_FILLERS: &[&str] = &[
    "the",
    "its",
    "their",
    "your",
    "his",
    "her",
    "my",
    "our",
    "many",
    "common",
    "usual",
    "typical",
    "unpleasant",
    "unwanted",
    "nasty",
    "harsh",
    "some",
    "most",
    "of",
];

/// Verbs and comparatives that say the product relieves what follows them.
const RELIEF_WORDS: &[&str] = &[
    "reduce",
    "reduces",
    "reduced",
    "reducing",
    "ease",
    "eases",
    "eased",
    "easing",
    "lessen",
    "lessens",
    "lessening",
    "minimize",
    "minimizes",
    "minimise",
    "minimises",
    "minimizing",
    "minimising",
    "relieve",
    "relieves",
    "relieving",
    "counteract",
    "counteracts",
    "combat",
    "combats",
    "fight",
    "fights",
    "offset",
    "offsets",
    "soothe",
    "soothes",
    "alleviate",
    "alleviates",
    "fewer",
    "less",
    "lower",
    "lowers",
    "manage",
    "manages",
    "managing",
    "prevent",
    "prevents",
    "preventing",
    "block",
    "blocks",
    "mitigate",
    "mitigates",
    "cope",
];

/// Whether the side effects at `r` are the object of a relieving word ("reduces the side
/// effects of chemotherapy", "fewer side effects from statins"). Only side effects, adverse
/// effects and reactions: "reduce the risk of bleeding" stays a caution.
fn promised_relief(s: &SentenceView<'_, '_>, r: &Range<usize>) -> bool {
    let own = s.text[r.clone()].to_ascii_lowercase();
    if !["effect", "event", "reaction"]
        .iter()
        .any(|w| own.contains(w))
    {
        return false;
    }
    let from = s.words_back(r.start, 5);
    s.text[from..r.start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .find(|w| !RELIEF_FILLERS.iter().any(|f| w.eq_ignore_ascii_case(f)))
        .is_some_and(|w| RELIEF_WORDS.iter().any(|v| w.eq_ignore_ascii_case(v)))
}

/// How many words around a term its qualifier may stand ("common symptoms of PMS").
const QUALIFIER_REACH: usize = 3;

/// Whether the term at `m` is qualified as the minor natural state FDA accepts: one of its
/// `qualifiers` stands just before it ("occasional constipation") or after it ("hair loss
/// associated with aging").
pub fn qualified(s: &SentenceView<'_, '_>, term: &Term, m: &Range<usize>) -> bool {
    if term.qualifiers.is_empty() {
        return false;
    }
    // A tag ("tags: [sleep, sleeplessness, pms]") has no room for a qualifier: a minor state
    // FDA accepts when qualified is read as the qualified one there.
    if crate::document::front_matter::is_tag(s.ctx.doc, &s.ctx.doc.blocks[s.block]) {
        return true;
    }
    let from = s.words_back(m.start, QUALIFIER_REACH);
    let starts = s.ctx.word_starts(s.block);
    let after_idx = starts.partition_point(|&x| x < m.end) + QUALIFIER_REACH + 1;
    let to = starts
        .get(after_idx)
        .copied()
        .unwrap_or(s.range.end)
        .min(s.range.end);
    let around = [
        s.text[from..m.start].to_ascii_lowercase(),
        s.text[m.end..to.max(m.end)].to_ascii_lowercase(),
    ];
    term.qualifiers.iter().any(|q| {
        let q = q.to_ascii_lowercase();
        around.iter().any(|t| {
            t.split(|c: char| !c.is_alphanumeric() && c != '-')
                .any(|w| w == q)
                || (q.contains(' ') && t.contains(&q))
        })
    })
}
