//! `kind: claim`: a claim word near a target term, within one clause of one sentence.
//!
//! "prevents ... depression", "relieving symptoms of ADHD", "constipation relief", or (with
//! `standalone`) a target that is a claim by itself ("antidepressant"). Qualifiers on a target
//! ("occasional constipation"), negations ("is not intended to treat"), warning contexts ("if
//! you have kidney disease, do not use") and organisation names ("Arthritis Foundation") keep
//! it silent.

use super::assertion::{Excuses, ExcusesFile, MentionKind, SentenceView, organisation, qualified};
use super::{Compiler, Context, LexId, RuleMeta, RuleRegex, TermSource, rule_file};
use crate::diagnostic::{Diagnostic, Label};
use crate::rules::lexicon::LexMatch;
use serde::Deserialize;
use std::ops::Range;

mod anaphora;

fn default_window() -> usize {
    8
}

rule_file! {
    /// A claim rule as written in YAML.
    ClaimFile {
        /// What a claim is about (diseases, drugs, vectors).
        targets: TermSource,
        /// Claim words that come before the target ("prevents").
        #[serde(default)]
        triggers: Option<TermSource>,
        /// Claim words that come after the target ("relief", "-fighting").
        #[serde(default)]
        trailing_triggers: Option<TermSource>,
        /// Whether a target is a claim on its own.
        #[serde(default)]
        standalone: bool,
        /// Words allowed between a claim word and its target, or between listed targets.
        #[serde(default = "default_window")]
        window: usize,
        /// Words before a claim word that negate it ("not", "never").
        #[serde(default)]
        negations: Option<TermSource>,
        /// Phrases that make a clause a warning, not a claim ("if you have", "consult your").
        #[serde(default)]
        exceptions: Option<TermSource>,
        /// Phrases that hold a claim word but do not claim (ConText's pseudo-triggers): "is
        /// seen mainly in people with" says who gets a disease, not who the product is for.
        #[serde(default)]
        pseudo_triggers: Option<TermSource>,
        /// Words that end a clause ("but", "which").
        #[serde(default)]
        barriers: Option<TermSource>,
        /// Capitalised words after a target that make it an organisation's name.
        #[serde(default)]
        organisations: Option<TermSource>,
        /// Terms another rule owns: a target inside one of them, or naming one in apposition
        /// ("scurvy, a disease that..."), is left to that rule.
        #[serde(default)]
        defer_to: Option<TermSource>,
        /// Regular expressions: when the document matches one, the rule is satisfied.
        #[serde(default)]
        unless_document_matches: Vec<String>,
        /// How a finding labels its target ("disease or symptom").
        #[serde(default)]
        target_label: Option<String>,
        /// What else excuses a target (see [`super::assertion`]): side effects, drug
        /// depletions, the product's own cultures, questions answered "no".
        #[serde(default)]
        excuses: Option<ExcusesFile>,
        /// Generic words for germs among the targets ("bacteria"), which the product's own
        /// cultures excuse.
        #[serde(default)]
        vectors: Option<TermSource>,
        /// Whether `help:` offers the target's replacement wording from its lexicon (the
        /// us-fda lexicons hold US structure/function phrases; a market that does not allow
        /// them sets this to false). Default true.
        #[serde(default)]
        suggest_replacements: Option<bool>,
        /// Whether a claim word whose object is a pronoun ("protect yourself from both")
        /// claims the targets of the sentence before it (see [`anaphora`]).
        #[serde(default)]
        pronouns: bool,
    }
}

/// A compiled claim rule.
#[derive(Debug)]
pub struct ClaimRule {
    targets: LexId,
    triggers: Option<LexId>,
    trailing: Option<LexId>,
    standalone: bool,
    window: usize,
    negations: Option<LexId>,
    exceptions: Option<LexId>,
    pseudo_triggers: Option<LexId>,
    barriers: Option<LexId>,
    organisations: Option<LexId>,
    defer_to: Option<LexId>,
    unless_document: Vec<RuleRegex>,
    target_label: String,
    excuses: Option<Excuses>,
    vectors: Option<LexId>,
    suggest_replacements: bool,
    pronouns: bool,
}

/// Compile a claim rule file.
pub fn compile(f: ClaimFile, c: &mut Compiler) -> Result<ClaimRule, (String, String)> {
    fn at(field: &'static str) -> impl Fn(String) -> (String, String) {
        move |e| (format!("{field}:"), e)
    }
    if f.triggers.is_none() && f.trailing_triggers.is_none() && !f.standalone {
        return Err((
            "targets:".into(),
            "a claim rule needs `triggers`, `trailing_triggers` or `standalone: true`".into(),
        ));
    }
    Ok(ClaimRule {
        targets: c.terms(&f.targets, "targets").map_err(at("targets"))?,
        triggers: c
            .optional(&f.triggers, "triggers")
            .map_err(at("triggers"))?,
        trailing: c
            .optional(&f.trailing_triggers, "trailing_triggers")
            .map_err(at("trailing_triggers"))?,
        standalone: f.standalone,
        window: f.window,
        negations: c
            .optional(&f.negations, "negations")
            .map_err(at("negations"))?,
        exceptions: c
            .optional(&f.exceptions, "exceptions")
            .map_err(at("exceptions"))?,
        pseudo_triggers: c
            .optional(&f.pseudo_triggers, "pseudo_triggers")
            .map_err(at("pseudo_triggers"))?,
        barriers: c
            .optional(&f.barriers, "barriers")
            .map_err(at("barriers"))?,
        organisations: c
            .optional(&f.organisations, "organisations")
            .map_err(at("organisations"))?,
        defer_to: c
            .optional(&f.defer_to, "defer_to")
            .map_err(at("defer_to"))?,
        unless_document: f
            .unless_document_matches
            .iter()
            .map(|p| c.regex(p))
            .collect::<Result<_, _>>()?,
        target_label: f.target_label.unwrap_or_else(|| "target".into()),
        excuses: f
            .excuses
            .as_ref()
            .map(|e| Excuses::compile(e, c))
            .transpose()?,
        vectors: c.optional(&f.vectors, "vectors").map_err(at("vectors"))?,
        suggest_replacements: f.suggest_replacements.unwrap_or(true),
        pronouns: f.pronouns,
    })
}

/// "doesn't just mask arthritis pain", "not only relieves...": a negation followed by "just",
/// "only" or "merely" claims more, not less.
fn not_only(after: &str) -> bool {
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    ["just", "only", "merely", "simply"]
        .iter()
        .any(|w| next.eq_ignore_ascii_case(w))
}

/// How many words before a claim word a negation may stand.
const NEGATION_REACH: usize = 8;

/// A claim word: its range, its entry and its lexicon.
type Trigger = (Range<usize>, usize, LexId);
/// The claim words of one finding and the targets they claim.
type Finding<'m> = (Vec<Trigger>, Vec<&'m LexMatch>);

type Sentence<'c, 'a> = SentenceView<'c, 'a>;

impl ClaimRule {
    /// Whether the claim word at `trig` is inside a pseudo-trigger ("seen mainly in people
    /// with").
    fn pseudo(&self, s: &Sentence<'_, '_>, trig: &Range<usize>) -> bool {
        self.pseudo_triggers.is_some_and(|p| {
            s.ctx
                .matches_in(p, s.block, &s.range)
                .iter()
                .any(|m| m.range.start <= trig.start && trig.end <= m.range.end)
        })
    }

    /// Whether the clause around `own` (the claim word or target) is a warning, note or
    /// disclaimer. An exception phrase that is part of the claim word itself does not count:
    /// "risk of" marks a warning, but not inside "reduces the risk of".
    fn excepted(&self, s: &Sentence<'_, '_>, own: &Range<usize>) -> bool {
        self.excepted_besides(s, own, &(0..0))
    }

    /// [`Self::excepted`], where an exception inside `word` (a trailing claim word: "back
    /// within the normal range") is part of that word too.
    fn excepted_besides(
        &self,
        s: &Sentence<'_, '_>,
        own: &Range<usize>,
        word: &Range<usize>,
    ) -> bool {
        let Some(ex) = self.exceptions else {
            return false;
        };
        let clause = s.clause_of(own.start);
        let inside =
            |r: &Range<usize>| word.start <= r.start && r.end <= word.end && !word.is_empty();
        s.ctx
            .matches_in(ex, s.block, &clause)
            .iter()
            .filter(|m| !inside(&m.range))
            .any(|m| {
                // Outside the claim word, or around it ("stop use", "reduce the effect of"):
                // but not inside it ("risk of" in "reduces the risk of"). "No side effects"
                // is a promise, not a warning.
                (m.range.end <= own.start
                    || m.range.start >= own.end
                    || (m.range.start <= own.start && own.end < m.range.end))
                    && !super::assertion::promised_absence(s, &m.range)
            })
    }

    fn negated(&self, s: &Sentence<'_, '_>, pos: usize) -> bool {
        let Some(neg) = self.negations else {
            return false;
        };
        let from = s.words_back(pos, NEGATION_REACH);
        s.ctx
            .matches_in(neg, s.block, &(from..pos))
            .iter()
            .any(|m| !s.barrier_between(m.range.end, pos) && !not_only(&s.text[m.range.end..pos]))
    }

    fn qualified(&self, s: &Sentence<'_, '_>, m: &LexMatch) -> bool {
        let term = &s.ctx.set.lexicon(self.targets).terms[m.term];
        qualified(s, term, &m.range)
    }

    /// Whether another rule owns this target: it lies within one of the `defer_to` terms, or
    /// restates one in apposition ("pellagra, a disease of...").
    fn deferred(&self, s: &Sentence<'_, '_>, m: &LexMatch) -> bool {
        let Some(other) = self.defer_to else {
            return false;
        };
        s.ctx.matches_in(other, s.block, &s.range).iter().any(|o| {
            let covers = o.range.start <= m.range.start && m.range.end <= o.range.end;
            let apposition = o.range.end <= m.range.start && {
                let between = s.text[o.range.end..m.range.start].to_ascii_lowercase();
                let rest = between.trim_start().strip_prefix(',').map(str::trim);
                rest.is_some_and(|r| {
                    let words: Vec<&str> = r.split_whitespace().collect();
                    words.len() <= 3
                        && words
                            .first()
                            .is_none_or(|w| matches!(*w, "a" | "an" | "the"))
                })
            };
            covers || apposition
        })
    }

    fn organisation(&self, s: &Sentence<'_, '_>, m: &LexMatch) -> bool {
        self.organisations
            .is_some_and(|org| organisation(s, &m.range, org))
    }

    /// Run the rule over a document.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // The document-wide regexes are costly: run them only when there is something they
        // could excuse. They excuse a whole unit (a catalog's product), not the whole file.
        let any_target =
            (0..ctx.doc.blocks.len()).any(|bi| !ctx.matches(self.targets, bi).is_empty());
        if !any_target {
            return;
        }
        let mut excused = vec![false; ctx.doc.blocks.len()];
        if !self.unless_document.is_empty() {
            for unit in ctx.doc.unit_blocks() {
                if ctx.doc.blocks[unit.clone()].iter().any(|b| {
                    self.unless_document
                        .iter()
                        .any(|re| re.get().is_match(&b.text))
                }) {
                    excused[unit].fill(true);
                }
            }
        }
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            if ctx.matches(self.targets, bi).is_empty() || excused[bi] {
                continue;
            }
            for (k, range) in block.sentences.iter().enumerate() {
                let targets: Vec<&LexMatch> =
                    ctx.matches_in(self.targets, bi, range).iter().collect();
                if targets.is_empty() {
                    if self.pronouns && k > 0 {
                        self.check_anaphora(meta, ctx, bi, k, out);
                    }
                    continue;
                }
                let s = SentenceView::new(ctx, bi, range.clone(), self.barriers);
                let targets: Vec<&LexMatch> = targets
                    .into_iter()
                    .filter(|m| {
                        !self.qualified(&s, m) && !self.organisation(&s, m) && !self.deferred(&s, m)
                    })
                    .collect();
                if !targets.is_empty() {
                    self.check_sentence(meta, &s, &targets, out);
                }
            }
        }
    }

    fn check_sentence(
        &self,
        meta: &RuleMeta,
        s: &Sentence<'_, '_>,
        targets: &[&LexMatch],
        out: &mut Vec<Diagnostic>,
    ) {
        let ctx = s.ctx;
        // Each finding: (trigger ranges, target matches).
        let mut findings: Vec<Finding<'_>> = Vec::new();
        if let Some(tid) = self.triggers {
            let lex = ctx.set.lexicon(tid);
            let trigs = ctx.matches_in(tid, s.block, &s.range);
            // Claim words with nothing of their own that run into the next one ("prevents or
            // treats depression") join the next finding.
            let mut pending: Vec<Trigger> = Vec::new();
            // In a citation's title a short, loose claim word ("for", "against") says what
            // the study was about ("Lutein for age-related macular degeneration. JAMA.
            // 2013;309:2005-15."); a verb ("reverses") still claims.
            // A citation led as proof ("See the study: ...") is marketing, not a reference.
            let citation = s.in_citation() && !s.citation_as_proof();
            for (k, trig) in trigs.iter().enumerate() {
                // A claim word inside a target is part of its name ("panic attacks").
                let inside = targets
                    .iter()
                    .any(|t| t.range.start <= trig.range.start && trig.range.end <= t.range.end);
                let loose = citation && lex.terms[trig.term].window.is_some_and(|w| w <= 2);
                if inside
                    || loose
                    || self.pseudo(s, &trig.range)
                    || self.negated(s, trig.range.start)
                    || self.excepted(s, &trig.range)
                {
                    pending.clear();
                    continue;
                }
                // The nearest claim word before a target owns it.
                let next = trigs.get(k + 1).map_or(usize::MAX, |t| t.range.start);
                let mut window = lex.terms[trig.term].window.unwrap_or(self.window);
                let mut anchor = trig.range.end;
                let mut accepted = Vec::new();
                // Targets are in order: start at the first after the claim word.
                let from = targets.partition_point(|t| t.range.start < trig.range.end);
                for t in &targets[from..] {
                    if t.range.start >= next
                        || s.barrier_between(anchor, t.range.start)
                        || s.words_between(anchor, t.range.start) > window
                            && !(accepted.is_empty()
                                && coordinated(s, anchor, t.range.start, window))
                    {
                        break;
                    }
                    accepted.push(*t);
                    anchor = t.range.end;
                    window = self.window;
                }
                let this = (trig.range.clone(), trig.term, tid);
                if accepted.is_empty() {
                    // Only a coordination joins: "prevents or treats", "prevents, and treats".
                    let joins = next != usize::MAX && {
                        let between = s.text[trig.range.end..next]
                            .trim_matches(|c: char| c.is_whitespace() || c == ',')
                            .to_ascii_lowercase();
                        matches!(between.as_str(), "or" | "and" | "and/or" | "&" | "/" | "")
                            && !s.text[trig.range.end..next].trim().is_empty()
                    };
                    if joins {
                        pending.push(this);
                    } else {
                        pending.clear();
                    }
                    continue;
                }
                let mut triggers = std::mem::take(&mut pending);
                triggers.push(this);
                findings.push((triggers, accepted));
            }
        }
        if let Some(tid) = self.trailing {
            let lex = ctx.set.lexicon(tid);
            // The targets a finding already holds.
            let mut claimed: std::collections::HashSet<(usize, usize)> = findings
                .iter()
                .flat_map(|f| f.1.iter().map(|x| (x.range.start, x.range.end)))
                .collect();
            for trig in ctx.matches_in(tid, s.block, &s.range) {
                let window = lex.terms[trig.term].window.unwrap_or(2);
                // The last target that ends before the word (targets of one lexicon do not
                // overlap, so their ends are in order too).
                let before = targets.partition_point(|t| t.range.end <= trig.range.start);
                let Some(t) = before.checked_sub(1).map(|i| targets[i]) else {
                    continue;
                };
                // A barrier that opens the trailing word is its own ("..., but natural").
                if s.barrier_between(t.range.end, trig.range.start.saturating_sub(1))
                    || s.words_between(t.range.end, trig.range.start) > window
                    || self.negated(s, t.range.start)
                    || self.excepted_besides(s, &t.range, &trig.range)
                    || claimed.contains(&(t.range.start, t.range.end))
                {
                    continue;
                }
                claimed.insert((t.range.start, t.range.end));
                findings.push((vec![(trig.range.clone(), trig.term, tid)], vec![t]));
            }
        }
        if self.standalone {
            for t in targets {
                if findings
                    .iter()
                    .any(|f| f.1.iter().any(|x| x.range == t.range))
                    || self.negated(s, t.range.start)
                    || self.excepted(s, &t.range)
                    // A class named in a citation's title, with no claim word: what the study
                    // was about ("Nattokinase and fibrinolytic activity ...").
                    || s.in_citation()
                {
                    continue;
                }
                findings.push((Vec::new(), vec![*t]));
            }
        }
        for (triggers, hits) in findings {
            if let Some(ex) = &self.excuses
                && hits.iter().any(|h| {
                    let kind = if self
                        .vectors
                        .is_some_and(|v| !s.matches_in(v, &h.range).is_empty())
                    {
                        MentionKind::Germs
                    } else {
                        MentionKind::Disease
                    };
                    ex.excuse(s, &h.range, kind).is_some()
                })
            {
                continue;
            }
            out.push(self.finding(meta, ctx, s.block, &triggers, &hits));
        }
    }

    /// The finding for claim words `triggers` on targets `hits` in block `bi`.
    fn finding(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        bi: usize,
        triggers: &[Trigger],
        hits: &[&LexMatch],
    ) -> Diagnostic {
        let block = &ctx.doc.blocks[bi];
        let target_lex = ctx.set.lexicon(self.targets);
        let start = triggers
            .iter()
            .map(|t| t.0.start)
            .chain(hits.iter().map(|h| h.range.start))
            .min()
            .unwrap_or(0);
        let end = triggers
            .iter()
            .map(|t| t.0.end)
            .chain(hits.iter().map(|h| h.range.end))
            .max()
            .unwrap_or(0);
        let trigger_text = triggers
            .last()
            .map(|t| block.text[t.0.clone()].to_string())
            .unwrap_or_default();
        let verb = triggers
            .last()
            .map(|t| {
                let term = &ctx.set.lexicon(t.2).terms[t.1];
                term.means.clone().unwrap_or_else(|| term.term.clone())
            })
            .unwrap_or_default();
        let target_text = hits
            .iter()
            .map(|h| block.text[h.range.clone()].to_string())
            .collect::<Vec<_>>()
            .join("\", \"");
        let term = &target_lex.terms[hits[0].term];
        let mut d = meta.diagnostic(
            &[
                ("trigger", &trigger_text),
                ("verb", &verb),
                ("target", &target_text),
                ("term", &term.term),
            ],
            block.span(start..end),
        );
        for t in triggers {
            d.labels.push(Label {
                span: block.span(t.0.clone()),
                text: "claim word".into(),
            });
        }
        for h in hits {
            let term = &target_lex.terms[h.term];
            let text = if term.term.eq_ignore_ascii_case(&block.text[h.range.clone()]) {
                self.target_label.clone()
            } else {
                format!("{}: {}", self.target_label, term.term)
            };
            d.labels.push(Label {
                span: block.span(h.range.clone()),
                text,
            });
        }
        if let Some(rep) = hits
            .iter()
            .filter(|_| self.suggest_replacements)
            .find_map(|h| target_lex.terms[h.term].replacement.as_ref())
        {
            d.help = Some(format!(
                "{}; e.g. \"{rep}\"",
                d.help
                    .as_deref()
                    .unwrap_or("rewrite as a structure/function claim")
            ));
        }
        d.labels.sort_by_key(|l| l.span);
        d
    }
}

/// Whether the target at `to` is the second object of a coordination that starts within
/// the claim word's window: "Replaces your multivitamin and your thyroid pills" claims
/// for the pills what a window of three words would give only to the multivitamin. The
/// coordinator must lead a noun phrase (a determiner or the target), not a new verb
/// ("replaces your coffee and keeps your blood pressure steady").
fn coordinated(s: &Sentence<'_, '_>, from: usize, to: usize, window: usize) -> bool {
    // The claim word's window, the coordinator and a determiner at most: never the rest of
    // a long sentence.
    if s.words_between(from, to) > window + 2 {
        return false;
    }
    let gap = &s.text[from..to];
    let Some(at) = [" and ", " or ", " & "]
        .iter()
        .filter_map(|c| gap.rfind(c).map(|i| (i, c.len())))
        .max()
    else {
        return false;
    };
    let (left, right) = (from + at.0, from + at.0 + at.1);
    if s.words_between(from, left) > window || s.words_between(right, to) > 1 {
        return false;
    }
    let lead = s.text[right..to]
        .split_whitespace()
        .next()
        .map(str::to_ascii_lowercase);
    lead.is_none_or(|w| {
        matches!(
            w.as_str(),
            "your" | "my" | "the" | "his" | "her" | "their" | "our" | "all"
        )
    })
}
