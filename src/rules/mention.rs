//! `kind: mention`: a disease named in the copy with nothing that excuses it.
//!
//! Claim rules find a claim word tied to a disease. FDA's letters cite more than that:
//! product and tea names, headings, hashtags, use lists, testimonials and "a natural option
//! for people with high cholesterol" are evidence of intended use (21 U.S.C. 321(g)(1)(B))
//! with no claim verb in sight. A mention rule reports a sentence that names a disease,
//! disorder, characteristic symptom or disease vector when no claim rule has reported it and
//! nothing excuses it (see [`super::assertion`]): one finding per sentence, at its first
//! unexcused mention, with the others as labels.

use super::assertion::{Excuses, ExcusesFile, MentionKind, SentenceView, organisation, qualified};
use super::lexicon::{LexMatch, Need};
use super::{Compiler, Context, LexId, RuleMeta, TermSource, rule_file};
use crate::diagnostic::{Category, Diagnostic, Label};
use crate::document::line_index::ceil_char_boundary;
use serde::Deserialize;
use std::ops::Range;

rule_file! {
    /// A mention rule as written in YAML.
    MentionFile {
        /// What counts as a mention: diseases, symptoms, vectors.
        targets: Vec<TermSource>,
        /// Named pathogens ("E. coli"), which testing excuses.
        #[serde(default)]
        pathogens: Option<TermSource>,
        /// Generic words for germs ("bacteria"), which the product's own cultures and
        /// testing excuse.
        #[serde(default)]
        vectors: Option<TermSource>,
        /// Spellings that are also ordinary English, with what each needs to count (see
        /// scripts/vocab/gen_ambiguous_words.py); they apply whatever lexicon found the words.
        #[serde(default)]
        ambiguous: Option<TermSource>,
        /// What excuses a mention.
        #[serde(default)]
        excuses: ExcusesFile,
        /// Capitalised words after a mention that make it an organisation's name.
        #[serde(default)]
        organisations: Option<TermSource>,
        /// Terms another rule owns (a mention inside one of them is left to it).
        #[serde(default)]
        defer_to: Option<TermSource>,
        /// Phrases that hold a disease word but name no disease ("allergy advice").
        #[serde(default)]
        not_mentions: Option<TermSource>,
        /// How a finding labels a mention ("disease").
        #[serde(default)]
        target_label: Option<String>,
    }
}

/// A compiled mention rule.
#[derive(Debug)]
pub struct MentionRule {
    targets: Vec<LexId>,
    pathogens: Option<LexId>,
    vectors: Option<LexId>,
    ambiguous: Option<LexId>,
    excuses: Excuses,
    organisations: Option<LexId>,
    defer_to: Option<LexId>,
    not_mentions: Option<LexId>,
    target_label: String,
}

/// Compile a mention rule file.
pub fn compile(f: MentionFile, c: &mut Compiler) -> Result<MentionRule, (String, String)> {
    if f.targets.is_empty() {
        return Err(("targets:".into(), "a mention rule needs `targets`".into()));
    }
    let mut targets = Vec::new();
    for t in &f.targets {
        targets.push(
            c.terms(t, "targets")
                .map_err(|e| ("targets:".to_string(), e))?,
        );
    }
    let at = |field: &'static str| move |e: String| (format!("{field}:"), e);
    Ok(MentionRule {
        targets,
        pathogens: c
            .optional(&f.pathogens, "pathogens")
            .map_err(at("pathogens"))?,
        vectors: c.optional(&f.vectors, "vectors").map_err(at("vectors"))?,
        ambiguous: c
            .optional(&f.ambiguous, "ambiguous")
            .map_err(at("ambiguous"))?,
        excuses: Excuses::compile(&f.excuses, c)?,
        organisations: c
            .optional(&f.organisations, "organisations")
            .map_err(at("organisations"))?,
        defer_to: c
            .optional(&f.defer_to, "defer_to")
            .map_err(at("defer_to"))?,
        not_mentions: c
            .optional(&f.not_mentions, "not_mentions")
            .map_err(at("not_mentions"))?,
        target_label: f.target_label.unwrap_or_else(|| "disease".into()),
    })
}

/// A mention: its lexicon and match.
type Mention = (LexId, LexMatch);

/// Whether a token runs words together: a hashtag, a domain name, a URL or a CamelCase
/// name.
fn run_together(token: &str) -> bool {
    let t = token.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let b = t.as_bytes();
    // A capital inside a word: "CancerHerb", "NeuropAWAY"; not a last capital alone, as in
    // a credential ("PharmD", "PsyD").
    let camel = b
        .windows(2)
        .enumerate()
        .any(|(i, w)| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase() && i + 2 < b.len());
    if camel || t.starts_with('#') {
        return true;
    }
    // Most tokens have no dot or slash, and no URL has neither.
    if !b.iter().any(|&c| c == b'.' || c == b'/') {
        return false;
    }
    let has = |needle: &str| {
        b.windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    let ends = |suffix: &str| {
        b.len() >= suffix.len()
            && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    has("www.")
        || has("://")
        || [
            ".com", ".net", ".org", ".htm", ".html", ".shop", ".co", ".us",
        ]
        .iter()
        .any(|e| {
            ends(e)
                || b.windows(e.len() + 1)
                    .any(|w| w[..e.len()].eq_ignore_ascii_case(e.as_bytes()) && w[e.len()] == b'/')
        })
}

/// Whether the mention at `r` is a short word in capitals that is part of a code or an
/// amount: a strain or lot code ("TB-201"), a currency after a price ("$24.99 CAD"), a
/// button ("ADD TO CART") or a credential after a name ("Ann Ruiz, MS, RDN"). Acronyms of diseases ("TB", "CAD", "MS") are also strain names, part numbers and
/// currencies.
fn code_or_currency(text: &str, r: &Range<usize>) -> bool {
    let word = &text[r.clone()];
    if word.len() > 4 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    // Three characters at least: "HIV-1" and "HPV-16" name the virus.
    let code = text[r.end..]
        .strip_prefix('-')
        .is_some_and(|rest| rest.bytes().take_while(u8::is_ascii_alphanumeric).count() >= 3);
    let before = text[..r.start].trim_end_matches(' ');
    // A button in capitals: "ADD TO CART".
    let button = text[r.end..].starts_with(" TO ");
    code || button
        || (before.len() < r.start && before.ends_with(|c: char| c.is_ascii_digit()))
        || credential(text, r)
        || state(text, r)
}

/// Whether `from..to` in a token run together (`start..end`) is an abbreviation in
/// capitals that is a part of its own: it starts the token or follows a lowercase letter or
/// a non-letter, and a lowercase letter, a capital that starts a word, or the end follows it
/// ("#MSwarrior", "#ADHDMom", "#BeatSAD").
fn abbreviation(bytes: &[u8], start: usize, from: usize, to: usize, end: usize) -> bool {
    let part = &bytes[from..to];
    if part.len() < 2 || !part.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let opens = from == start
        || !bytes[from - 1].is_ascii_alphanumeric()
        || bytes[from - 1].is_ascii_lowercase();
    let closes = to >= end
        || !bytes[to].is_ascii_alphanumeric()
        || bytes[to].is_ascii_lowercase()
        || (to + 1 < end && bytes[to].is_ascii_uppercase() && bytes[to + 1].is_ascii_lowercase());
    opens && closes
}

/// The USPS codes of the states and DC: several are also a disease's abbreviation (MI, MS).
const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC",
];

/// Whether the capitals at `r` are a state after a town, as a reviewer signs: "Ann Arbor,
/// MI", "Jackson, MS 39201". The town is capitalised, and the code ends the text or is
/// followed by a ZIP code or punctuation.
fn state(text: &str, r: &Range<usize>) -> bool {
    if !STATES.contains(&&text[r.clone()]) || !text[..r.start].ends_with(", ") {
        return false;
    }
    let town = text[..r.start - 2]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let after = text[r.end..].trim_start_matches(' ');
    town.starts_with(|c: char| c.is_uppercase())
        && (after.is_empty()
            || after.starts_with(|c: char| {
                c.is_ascii_digit()
                    || matches!(
                        c,
                        '.' | ')' | ',' | ';' | '|' | '\n' | '<' | '*' | '—' | '-'
                    )
            }))
}

/// Whether the mention at `r` is what something tastes or smells like ("tastes like cherry
/// cough drops"): a flavour, not a condition. Reads back to `floor` (the sentence's start)
/// at most.
fn sensory(text: &str, r: &Range<usize>, floor: usize) -> bool {
    // Four words back at most: never the whole sentence, which may hold many mentions.
    let from = ceil_char_boundary(text, r.start.saturating_sub(60).max(floor));
    let before = text[from..r.start].to_ascii_lowercase();
    let words: Vec<&str> = before
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .collect();
    words.windows(2).take(3).any(|w| {
        w[0] == "like"
            && matches!(
                w[1],
                "taste"
                    | "tastes"
                    | "tasted"
                    | "tasting"
                    | "smell"
                    | "smells"
                    | "smelled"
                    | "flavored"
                    | "flavoured"
            )
    })
}

/// Degrees and licences written after a name ("Paul Rees, MS, RDN").
const CREDENTIALS: &[&str] = &[
    "PhD", "MD", "DO", "RD", "RDN", "LD", "LDN", "ND", "DC", "CNS", "CN", "CCN", "RN", "NP", "FNP",
    "PA", "PharmD", "RPh", "MPH", "MSc", "BSc", "LAc", "DPT", "CDE", "CDCES", "IBCLC",
];

/// Whether the acronym at `r` is one of a list of credentials after a name: it follows a
/// comma, and a known credential stands next to it in the list ("Paul Rees, MS, RDN"), or the
/// name is a byline's ("By Dana Ortiz-Lee, MS, Clinical Nutrition").
fn credential(text: &str, r: &Range<usize>) -> bool {
    if !text[..r.start].ends_with(", ") {
        return false;
    }
    if byline_name(&text[..r.start - 2]) {
        return true;
    }
    let next = text[r.end..].strip_prefix(", ").map(|rest| {
        rest.split(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("")
    });
    let prev = text[..r.start - 2]
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    [next.unwrap_or(""), prev]
        .iter()
        .any(|w| CREDENTIALS.contains(w))
}

/// Whether `before` ends with a byline's name: "By" and one to four capitalised words
/// ("By Dana Ortiz-Lee", "written by J. R. Moss").
fn byline_name(before: &str) -> bool {
    for (names, w) in before.split_whitespace().rev().enumerate() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        if w.eq_ignore_ascii_case("by") {
            return names > 0;
        }
        let name = w.starts_with(|c: char| c.is_uppercase())
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
        if !name || names == 4 {
            return false;
        }
    }
    false
}

/// What follows a disease's name that opens a sentence defining it: "Hashimoto's
/// thyroiditis is an autoimmune condition in which ...", "Neural tube defects are birth
/// defects of ...", "Pellagra, a disease caused by ...", "Gout and pseudogout are two types
/// of ...", "Shingles develops when ...".
static DEFINITION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?i:'s)?(?: (?:and|or)(?: [A-Za-z'-]+){1,3}?)?(?:,| is| are| was| were)(?: an?| the| one of the)?(?: [a-z'-]+,?){0,3}? (?:condition|conditions|disease|diseases|disorder|disorders|infection|infections|defect|defects|syndrome|illness|deficiency|type|types|form|forms|kind|kinds)(?: (?:in which|that|which|where|caused|of|marked|characterized|characterised|affecting|when|involving|and)\b|[,;]|\.?\s*$)|^(?: (?:and|or)(?: [A-Za-z'-]+){1,3}?)? (?:develops|develop|occurs|occur|happens|happen|starts|start|begins|begin)(?: (?:mostly|mainly|usually|often|most often))? (?:when|if|as)\b|^(?: (?:and|or)(?: [A-Za-z'-]+){1,3}?)? (?:is|are) (?:not|never)(?: an?)? (?:normal|natural|inevitable|typical|expected)(?: part| sign| result)? of (?:aging|ageing|getting older|growing older)",
    )
    .expect("the definition pattern compiles")
});

/// How a definition may be led in: "Diabetes is a different matter: it is a serious,
/// lifelong condition in which ...".
static DEFINITION_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^ (?:is|are) (?:a |an )?(?:different|separate|another|other)(?: [a-z]+)?[:;,]? (?:it|they)",
    )
    .expect("the definition lead pattern compiles")
});

/// Whether the sentence of `s` opens with the disease at `m` and goes on to define it, as
/// education does, with no word for the product or the reader in it ("Arthritis is a
/// condition our formula fights" is not a definition).
fn defines(s: &SentenceView<'_, '_>, m: &Range<usize>) -> bool {
    let lead = &s.text[s.range.start..m.start];
    let rest = &s.text[m.end..s.range.end];
    let rest = DEFINITION_LEAD
        .find(rest)
        .map_or(rest, |l| &rest[l.end()..]);
    lead.chars()
        .all(|c| c.is_whitespace() || matches!(c, '-' | '*' | '_' | '#' | '>' | '"'))
        && DEFINITION.find(rest).is_some_and(|d| {
            // The definition and the few words after it name neither the product nor the
            // reader ("Arthritis is a condition our formula fights").
            let upto = rest[d.end()..]
                .match_indices(' ')
                .nth(DEFINITION_TAIL)
                .map_or(rest.len(), |(i, _)| d.end() + i);
            !rest[..upto]
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| {
                    matches!(
                        w,
                        "our"
                            | "we"
                            | "us"
                            | "you"
                            | "your"
                            | "this"
                            | "it"
                            | "formula"
                            | "product"
                    )
                })
        })
}

/// How many words after a definition's defining word may name the product or the reader
/// and undo it.
const DEFINITION_TAIL: usize = 4;

/// Spellings shorter than this are not looked for inside run-together words, where a
/// short one ("flu", "gas") is too often part of another word.
const MIN_INSIDE: usize = 4;

impl MentionRule {
    /// Every lexicon whose terms are mentions.
    fn lexicons(&self) -> impl Iterator<Item = &LexId> {
        self.targets
            .iter()
            .chain(self.pathogens.iter())
            .chain(self.vectors.iter())
    }

    fn kind(&self, id: LexId) -> MentionKind {
        if Some(id) == self.vectors {
            MentionKind::Germs
        } else if Some(id) == self.pathogens {
            MentionKind::Pathogen
        } else {
            MentionKind::Disease
        }
    }

    /// The mentions of a sentence, longest first where they overlap, in order: whole
    /// words, and words run together in hashtags and domain names.
    fn mentions(&self, s: &SentenceView<'_, '_>) -> Vec<Mention> {
        let mut all: Vec<Mention> = Vec::new();
        for &id in self.lexicons() {
            all.extend(s.matches_in(id, &s.range).iter().map(|m| (id, m.clone())));
        }
        let sentence = &s.text[s.range.clone()];
        let mut offset = s.range.start;
        for token in sentence.split_inclusive(char::is_whitespace) {
            let start = offset;
            offset += token.len();
            if !run_together(token.trim()) {
                continue;
            }
            let end = start + token.trim_end().len();
            let automaton = s.ctx.set.automaton();
            let bytes = s.text.as_bytes();
            // In CamelCase a capital starts a part ("NaturalFluRemedy"): a spelling that is a
            // whole part counts however short it is.
            let capital_at = |at: usize| {
                at > start && bytes[at].is_ascii_uppercase() && bytes[at - 1].is_ascii_lowercase()
            };
            let part_end =
                |at: usize| at >= end || !bytes[at].is_ascii_alphanumeric() || capital_at(at);
            for (i, c) in s.text[start..end].char_indices() {
                if !c.is_alphanumeric() {
                    continue;
                }
                for (slot, term, to) in automaton.spellings_at(s.text, start + i, end) {
                    let id = LexId(slot as usize);
                    let whole_part = capital_at(start + i) && part_end(to)
                        || abbreviation(bytes, start, start + i, to, end);
                    if (to - (start + i) >= MIN_INSIDE || whole_part)
                        && self
                            .targets
                            .iter()
                            .chain(self.pathogens.iter())
                            .any(|&t| t == id)
                    {
                        all.push((
                            id,
                            LexMatch {
                                range: start + i..to,
                                term: term as usize,
                            },
                        ));
                    }
                }
            }
        }
        all.sort_by_key(|(_, m)| (m.range.start, std::cmp::Reverse(m.range.end)));
        let mut kept: Vec<Mention> = Vec::new();
        for m in all {
            if kept.last().is_some_and(|k| m.1.range.start < k.1.range.end) {
                continue;
            }
            kept.push(m);
        }
        kept
    }

    /// Whether a mention is the qualified natural state FDA accepts ("occasional
    /// sleeplessness"), needs a claim word, names an organisation, or is another rule's.
    fn left_alone(&self, s: &SentenceView<'_, '_>, (id, m): &Mention) -> bool {
        let id = *id;
        let term = &s.ctx.set.lexicon(id).terms[m.term];
        let mut needs = term.needs.clone();
        if let Some(a) = self.ambiguous
            && let Some(x) = s
                .matches_in(a, &m.range)
                .iter()
                .find(|x| x.range == m.range)
        {
            needs.extend(&s.ctx.set.lexicon(a).terms[x.term].needs);
        }
        if needs.contains(&Need::Claim)
            || (needs.contains(&Need::Uppercase)
                && !crate::rules::lexicon::in_capitals(s.text, m.range.start, m.range.end))
        {
            return true;
        }
        if qualified(s, term, &m.range)
            || code_or_currency(s.text, &m.range)
            || sensory(s.text, &m.range, s.range.start)
        {
            return true;
        }
        if let Some(org) = self.organisations
            && organisation(s, &m.range, org)
        {
            return true;
        }
        for other in [self.defer_to, self.not_mentions].into_iter().flatten() {
            if s.matches_in(other, &s.range)
                .iter()
                .any(|o| o.range.start <= m.range.start && m.range.end <= o.range.end)
            {
                return true;
            }
        }
        false
    }

    /// Run the rule over a document. `reported` holds what the other rules found, so a
    /// mention they already cover is not reported twice.
    pub fn check(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        reported: &[Diagnostic],
        out: &mut Vec<Diagnostic>,
    ) {
        let disease = || {
            reported
                .iter()
                .filter(|d| d.category == Category::DiseaseClaim)
        };
        // A claim in a hashtag ("#BeatSAD") is the hashtag's, not the whole sentence's.
        let claims = Spans::new(
            disease()
                .filter(|d| !ctx.doc.source[d.span.start..d.span.end].starts_with('#'))
                .map(|d| d.span)
                .collect(),
        );
        // What the other rules point at, labels included: a mention among them is theirs.
        let pointed = Spans::new(
            disease()
                .flat_map(|d| std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)))
                .collect(),
        );
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            // A site's menu names its aisles, not this product; a claim there is still the
            // claim rules'.
            if ctx.doc.layout.in_navigation(block.source_span()) {
                continue;
            }
            if self.lexicons().all(|&id| ctx.matches(id, bi).is_empty())
                && !block.text.contains(['#', '.', '/'])
            {
                continue;
            }
            for range in &block.sentences {
                // One problem is reported once: a sentence another rule has reported a
                // disease claim in is left to it.
                let sentence = block.span(range.clone());
                let s = SentenceView::new(ctx, bi, range.clone(), self.excuses.barriers);
                // But each item of a list is its own use: "Indications: hypothyroid support,
                // thyroid nodules" claims both.
                let list = s.is_list();
                if claims.overlaps(sentence) && !list {
                    continue;
                }
                let mentions = self.mentions(&s);
                if mentions.first().is_some_and(|(_, m)| defines(&s, &m.range)) {
                    continue;
                }
                let found: Vec<Mention> = mentions
                    .into_iter()
                    .filter(|m| !self.left_alone(&s, m))
                    // A citation's title names what the study was about; one that claims
                    // ("... suppresses tumor growth ...", 21 CFR 101.93(g)(2)(iv)(C)) is the
                    // claim rules'.
                    .filter(|_| !s.in_citation() || s.citation_as_proof())
                    .filter(|(id, m)| self.excuses.excuse(&s, &m.range, self.kind(*id)).is_none())
                    .filter(|(_, m)| !pointed.overlaps(block.span(m.range.clone())))
                    .collect();
                if list {
                    for m in found {
                        out.push(self.diagnostic(meta, ctx, bi, &[m]));
                    }
                    continue;
                }
                if !found.is_empty() {
                    out.push(self.diagnostic(meta, ctx, bi, &found));
                }
            }
        }
    }

    /// One finding at the first of `found`, with every one of them as a label.
    fn diagnostic(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        bi: usize,
        found: &[Mention],
    ) -> Diagnostic {
        let block = &ctx.doc.blocks[bi];
        let (first_id, first) = found[0].clone();
        let names: Vec<&str> = found
            .iter()
            .take(3)
            .map(|(_, m)| &block.text[m.range.clone()])
            .collect();
        let mut target = names.join("\", \"");
        if found.len() > 3 {
            target.push_str(&format!("\" and {} more \"", found.len() - 3));
            target = target.trim_end_matches(" \"").to_string();
        }
        let term = &ctx.set.lexicon(first_id).terms[first.term];
        let mut d = meta.diagnostic(
            &[("target", &target), ("term", &term.term)],
            block.span(first.range.clone()),
        );
        for (id, m) in found {
            let term = &ctx.set.lexicon(*id).terms[m.term];
            let mut text = self.target_label.clone();
            if !term.term.eq_ignore_ascii_case(&block.text[m.range.clone()]) {
                text.push_str(&format!(": {}", term.term));
            }
            if let Some(code) = &term.code {
                text.push_str(&format!(" (ICD-10-CM {code})"));
            }
            d.labels.push(Label {
                span: block.span(m.range.clone()),
                text,
            });
        }
        d
    }
}

/// Spans sorted by start, with the furthest end so far, so that whether any overlaps a span
/// is a binary search: a catalog cell of many sentences with thousands of claims would
/// otherwise compare every sentence with every claim.
struct Spans {
    spans: Vec<crate::diagnostic::Span>,
    /// `reach[i]`: the largest end among `spans[..=i]`.
    reach: Vec<usize>,
}

impl Spans {
    fn new(mut spans: Vec<crate::diagnostic::Span>) -> Spans {
        spans.sort_by_key(|s| (s.start, s.end));
        let reach = spans
            .iter()
            .scan(0, |r, s| {
                *r = s.end.max(*r);
                Some(*r)
            })
            .collect();
        Spans { spans, reach }
    }

    /// Whether any span overlaps `s`.
    fn overlaps(&self, s: crate::diagnostic::Span) -> bool {
        let before = self.spans.partition_point(|c| c.start < s.end);
        before > 0 && self.reach[before - 1] > s.start
    }
}
