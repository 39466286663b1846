//! `kind: register`: copy checked against a register of authorised claims and a table of
//! nutrient reference values (the EU's Union Register and NRVs, first).
//!
//! A health claim is a sentence that names a nutrient and then, in the same clause, a claim
//! verb ("contributes to", "helps", "boosts", "is essential for"). It is authorised when
//! what follows the verb says what an authorised claim for that nutrient says, in one of the
//! variations that keep the meaning ([`wording`]); its conditions of use are met when the
//! copy states at least the amount the claim needs per daily portion ([`amounts`]). The
//! checks:
//!
//! - `wording`: a claim that is not authorised for the nutrient it names, with the nearest
//!   authorised wording in `help:`; sentences of authorised claims are lawful, so no
//!   disease-claim rule of the market reports them (Art. 14 claims name diseases);
//! - `conditions`: an authorised claim whose nutrient is stated below the amount its
//!   conditions of use ask for, or not stated at all;
//! - `botanical`: a claim about a plant, whose claims are on hold;
//! - `nutrition-claim`: "source of", "high in", "rich in", "contains" a vitamin or mineral,
//!   with too little of it;
//! - `statements`: statements a label must carry that the copy lacks, and amounts given
//!   without their share of the NRV.

pub mod amounts;
pub mod data;
mod statements;
pub mod wording;

use super::{Compiler, Context, LexId, RuleMeta, TermSource, rule_file};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::lexicon::{Lexicon, TermEntry};
use data::{Claim, NrvTable};
use serde::Deserialize;
use std::sync::Arc;
use wording::Token;

/// Which check a register rule runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegisterCheck {
    /// Claims not authorised for their nutrient.
    Wording,
    /// Authorised claims whose conditions of use the copy does not meet.
    Conditions,
    /// Claims about botanicals, on hold.
    Botanical,
    /// Nutrition claims below their thresholds.
    NutritionClaim,
    /// Statements a label must carry.
    Statements,
}

rule_file! {
    /// A register rule as written in YAML.
    RegisterFile {
        /// Which check.
        check: RegisterCheck,
        /// The NRV table, a path inside the pack.
        nrv: String,
        /// The register of authorised claims, a path inside the pack (`wording`, `conditions`).
        #[serde(default)]
        register: Option<String>,
        /// Plant names (`botanical`).
        #[serde(default)]
        botanicals: Option<TermSource>,
        /// The statements a label must carry (`statements`).
        #[serde(default)]
        statements: Vec<statements::StatementFile>,
        /// Nutrition-claim phrases and the share of the NRV each needs (`nutrition-claim`).
        #[serde(default)]
        nutrition_claims: Vec<statements::NutritionClaimFile>,
    }
}

/// A compiled register rule.
#[derive(Debug)]
pub struct RegisterRule {
    check: RegisterCheck,
    nrv: Arc<NrvTable>,
    claims: Arc<Vec<Claim>>,
    names: LexId,
    /// The NRV-table index of each term of `names`.
    name_refs: Arc<Vec<usize>>,
    botanicals: Option<LexId>,
    statements: Vec<statements::Statement>,
    nutrition_claims: Vec<statements::NutritionClaim>,
}

/// Compile a register rule file.
pub fn compile(f: RegisterFile, c: &mut Compiler) -> Result<RegisterRule, (String, String)> {
    let load = |path: &str, field: &str, c: &Compiler| {
        c.data_file(path).cloned().ok_or_else(|| {
            (
                format!("{field}:"),
                format!("no data file `{path}` in the pack"),
            )
        })
    };
    let nrv_file = load(&f.nrv, "nrv", c)?;
    let nrv = data::load_nrv(&nrv_file.text)
        .map_err(|e| ("nrv:".to_string(), format!("{}: {e}", nrv_file.origin)))?;
    let claims = match &f.register {
        Some(path) => {
            let file = load(path, "register", c)?;
            data::load_register(&file.text, &nrv)
                .map_err(|e| ("register:".to_string(), format!("{}: {e}", file.origin)))?
        }
        None if matches!(f.check, RegisterCheck::Wording | RegisterCheck::Conditions) => {
            return Err((
                "check:".into(),
                "the `wording` and `conditions` checks need a `register`".into(),
            ));
        }
        None => Vec::new(),
    };
    let mut terms = Vec::new();
    let mut refs = Vec::new();
    for (i, n) in nrv.nutrients.iter().enumerate() {
        for name in &n.names {
            terms.push(TermEntry::Bare(name.clone()).into_term());
            refs.push(i);
        }
    }
    let lex = Lexicon::new("nrv names", terms).map_err(|e| ("nrv:".to_string(), e))?;
    let names = c.register(&format!("nrv:{}", f.nrv), lex);
    let botanicals = c
        .optional(&f.botanicals, "botanicals")
        .map_err(|e| ("botanicals:".to_string(), e))?;
    if f.check == RegisterCheck::Botanical && botanicals.is_none() {
        return Err((
            "check:".into(),
            "the `botanical` check needs `botanicals`".into(),
        ));
    }
    let statements = statements::compile_statements(&f.statements)?;
    let nutrition_claims = statements::compile_nutrition_claims(&f.nutrition_claims)?;
    Ok(RegisterRule {
        check: f.check,
        nrv: Arc::new(nrv),
        claims: Arc::new(claims),
        names,
        name_refs: Arc::new(refs),
        botanicals,
        statements,
        nutrition_claims,
    })
}

/// A health claim found in a sentence, and what is wrong with it.
#[derive(Debug, Clone)]
struct Found {
    /// From the first nutrient to the end of what was read.
    span: Span,
    /// The block it is in.
    block: usize,
    /// The sentence.
    sentence: Span,
    /// The sentence after it in its block.
    next_sentence: Option<Span>,
    /// The claim's words.
    text: String,
    /// The authorised claims it makes (register indexes).
    authorised: Vec<usize>,
    /// What is wrong, if anything.
    problem: Option<Problem>,
}

#[derive(Debug, Clone)]
struct Problem {
    /// The nutrient the claim is not authorised for.
    nutrient: usize,
    /// The nearest authorised claim for that nutrient.
    nearest: Option<usize>,
    /// An authorised claim for another nutrient that says the same.
    other: Option<usize>,
}

/// A sentence's words, and which nutrient each word names.
struct Words<'t> {
    words: Vec<&'t str>,
    nutrient: Vec<Option<usize>>,
}

impl RegisterRule {
    /// Run the rule over a document. `lawful` receives the sentences of authorised claims.
    pub fn check(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        lawful: &mut Vec<Span>,
        out: &mut Vec<Diagnostic>,
    ) {
        match self.check {
            RegisterCheck::Wording => {
                let found = self.claims_in(ctx);
                for sentence in found.chunk_by(|a, b| a.sentence == b.sentence) {
                    if sentence.iter().all(|f| f.problem.is_none()) {
                        lawful.push(sentence[0].sentence);
                        // An Art. 14 claim's wording goes on in a second sentence ("Falling
                        // is a risk factor for bone fractures ..."): that sentence is part
                        // of the lawful claim.
                        let goes_on = sentence
                            .iter()
                            .flat_map(|f| &f.authorised)
                            .any(|&c| self.claims[c].wording.contains(". "));
                        if goes_on && let Some(next) = sentence[0].next_sentence {
                            lawful.push(next);
                        }
                    }
                }
                for f in found.iter().filter(|f| f.problem.is_some()) {
                    out.push(self.wording_diagnostic(meta, f));
                }
            }
            RegisterCheck::Conditions => self.check_conditions(meta, ctx, out),
            RegisterCheck::Botanical => self.check_botanicals(meta, ctx, out),
            RegisterCheck::NutritionClaim => self.check_nutrition_claims(meta, ctx, out),
            RegisterCheck::Statements => self.check_statements(meta, ctx, out),
        }
    }

    /// The words of sentence `range` of block `bi`.
    fn words<'t>(
        &self,
        ctx: &Context<'_>,
        bi: usize,
        range: &std::ops::Range<usize>,
        toks: &'t [Token],
    ) -> Words<'t> {
        let mentions = ctx.matches_in(self.names, bi, range);
        let nutrient = toks
            .iter()
            .map(|t| {
                let (s, e) = (t.range.start + range.start, t.range.end + range.start);
                mentions
                    .iter()
                    .find(|m| m.range.start <= s && e <= m.range.end)
                    .map(|m| self.name_refs[m.term])
            })
            .collect();
        Words {
            words: toks.iter().map(Token::text).collect(),
            nutrient,
        }
    }

    /// Every health claim about a nutrient in the document, in order.
    fn claims_in(&self, ctx: &Context<'_>) -> Vec<Found> {
        let mut out = Vec::new();
        for (bi, block, range) in ctx.doc.sentences() {
            if ctx.matches_in(self.names, bi, &range).is_empty() {
                continue;
            }
            let toks = wording::tokens(&block.text[range.clone()]);
            let w = self.words(ctx, bi, &range, &toks);
            let span_of = |from: usize, to: usize| {
                let s = range.start + toks[from].range.start;
                let e = range.start + toks[to.max(from + 1) - 1].range.end;
                block.span(s..e)
            };
            let sentence = block.span(range.clone());
            let next_sentence = block
                .sentences
                .iter()
                .find(|r| r.start >= range.end)
                .map(|r| block.span(r.clone()));
            let n = w.words.len();
            let mut i = 0;
            while i < n {
                if w.nutrient[i].is_none() {
                    i += 1;
                    continue;
                }
                let first = i;
                let mut subjects: Vec<usize> = Vec::new();
                let mut gap = 0;
                let mut verb: Option<(usize, usize, bool)> = None; // (at, len, accepted)
                let mut j = i;
                while j < n && w.words[j] != "|" && gap <= 6 {
                    if let Some(nu) = w.nutrient[j] {
                        if !subjects.contains(&nu) {
                            subjects.push(nu);
                        }
                        gap = 0;
                    } else if let Some(len) = wording::accepted_verb_at(&w.words, j) {
                        verb = Some((j, len, true));
                        break;
                    } else if wording::stronger_at(&w.words, j) {
                        verb = Some((j, 1, false));
                        break;
                    } else {
                        gap += 1;
                    }
                    j += 1;
                }
                let Some((at, len, accepted)) = verb else {
                    i = j.max(i + 1);
                    continue;
                };
                let k = at + len;
                let clause_end = (k..n).find(|&x| w.words[x] == "|").unwrap_or(n);
                let (end, found) = if accepted {
                    self.read_predicates(&w, &subjects, k, clause_end)
                } else {
                    (clause_end, Err(None))
                };
                let end = end.max(k).min(n);
                let mut f = Found {
                    span: span_of(first, end),
                    block: bi,
                    sentence,
                    next_sentence,
                    text: String::new(),

                    authorised: Vec::new(),
                    problem: None,
                };
                f.text = ctx.doc.source[f.span.start..f.span.end].to_string();
                match found {
                    Ok(claims) => f.authorised = claims,
                    Err(other) => {
                        let nutrient = match other {
                            Some((nu, _)) => nu,
                            None => subjects[0],
                        };
                        let after = &w.words[k.min(n)..clause_end.max(k).min(n)];
                        f.problem = Some(Problem {
                            nutrient,
                            nearest: self.nearest(nutrient, after),
                            other: other.map(|(_, c)| c),
                        });
                    }
                }
                out.push(f);
                i = end.max(i + 1);
            }
        }
        out
    }

    /// Read the predicates after a verb at `k`: the authorised claims they make for every
    /// subject, with where reading stopped; or the first subject a predicate is not
    /// authorised for, with the claim of another nutrient that says the same (`Err(None)`
    /// when no authorised claim says it).
    #[allow(clippy::type_complexity)]
    fn read_predicates(
        &self,
        w: &Words<'_>,
        subjects: &[usize],
        mut k: usize,
        clause_end: usize,
    ) -> (usize, Result<Vec<usize>, Option<(usize, usize)>>) {
        let mut claims = Vec::new();
        let words = &w.words[..clause_end];
        loop {
            let all = self
                .claims
                .iter()
                .enumerate()
                .map(|(i, c)| (i, &c.predicate));
            let Some((best, len)) = wording::predicate_at(words, k, all) else {
                return (clause_end, Err(None));
            };
            let said = self.claims[best].predicate.words();
            let mut subjects_sorted = subjects.to_vec();
            subjects_sorted.sort_unstable();
            let same = |c: &Claim| c.predicate.words() == said;
            let joint = if subjects.len() > 1 {
                self.claims.iter().position(|c| {
                    let mut ns = c.nutrients.clone();
                    ns.sort_unstable();
                    ns == subjects_sorted && same(c)
                })
            } else {
                None
            };
            if let Some(c) = joint {
                claims.push(c);
            } else {
                for &s in subjects {
                    let own = self
                        .claims
                        .iter()
                        .position(|c| c.nutrients == [s] && same(c));
                    match own {
                        Some(c) => claims.push(c),
                        None => {
                            let other = self.claims.iter().position(&same);
                            return (k + len, Err(other.map(|c| (s, c))));
                        }
                    }
                }
            }
            k += len;
            if k >= clause_end {
                return (k, Ok(claims));
            }
            let next = wording::skip_connectors(words, k);
            if next >= clause_end {
                return (k, Ok(claims));
            }
            let more = wording::predicate_at(
                words,
                next,
                self.claims
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i, &c.predicate)),
            );
            if more.is_none() {
                // A comma ends the claim; anything else is words the claim added.
                if words[k] == "," && wording::accepted_verb_at(words, next).is_none() {
                    return (k, Ok(claims));
                }
                return (clause_end, Err(None));
            }
            k = next;
        }
    }

    /// The authorised claim of `nutrient` nearest to `words`.
    fn nearest(&self, nutrient: usize, words: &[&str]) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (i, c) in self.claims.iter().enumerate() {
            if !c.nutrients.contains(&nutrient) || c.article != "13(1)" && c.nutrients.len() > 1 {
                continue;
            }
            let score = wording::overlap(words, &c.predicate);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
        best.map(|(i, _)| i)
    }

    fn wording_diagnostic(&self, meta: &RuleMeta, f: &Found) -> Diagnostic {
        let p = f.problem.as_ref().expect("a problem");
        let nutrient = self.nrv.nutrients[p.nutrient].name();
        let why = match p.other {
            Some(c) => {
                let names: Vec<String> = self.claims[c]
                    .nutrients
                    .iter()
                    .map(|&n| self.nrv.nutrients[n].name())
                    .collect();
                format!(
                    ": the Register authorises it for {}, not for {nutrient}",
                    names.join(" and ")
                )
            }
            None => String::new(),
        };
        let suggestion = match p.nearest {
            Some(c) => format!(
                "use the Register's wording, e.g. \"{}\"",
                self.claims[c].wording
            ),
            None => format!("the Register has no claim for {nutrient}; remove the claim"),
        };
        let mut d = meta.diagnostic(
            &[
                ("claim", f.text.trim()),
                ("nutrient", &nutrient),
                ("why", &why),
                ("suggestion", &suggestion),
            ],
            f.span,
        );
        if let Some(c) = p.nearest {
            let claim = &self.claims[c];
            d.cite = Some(format!(
                "{}; nearest authorised claim: {} (Reg. (EC) No 1924/2006, Art. {})",
                meta.cite.as_deref().unwrap_or(""),
                claim.act,
                claim.article
            ));
        }
        d.labels.push(Label {
            span: f.span,
            text: format!("health claim about {nutrient}"),
        });
        d
    }

    fn check_conditions(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let found = self.claims_in(ctx);
        if found.iter().all(|f| f.authorised.is_empty()) {
            return;
        }
        let mut by_unit: Vec<(std::ops::Range<usize>, Vec<Option<amounts::Stated>>)> = Vec::new();
        for f in found.iter().filter(|f| f.problem.is_none()) {
            let unit = ctx.doc.unit_of(f.block);
            if !by_unit.iter().any(|(u, _)| *u == unit) {
                let s = amounts::stated(ctx, self.names, &self.name_refs, &self.nrv, unit.clone());
                by_unit.push((unit.clone(), s));
            }
            let stated = &by_unit
                .iter()
                .find(|(u, _)| *u == unit)
                .expect("just read")
                .1;
            for &c in &f.authorised {
                let claim = &self.claims[c];
                for &n in &claim.nutrients {
                    let nut = &self.nrv.nutrients[n];
                    let needs = claim.needs(n, &self.nrv);
                    let need_text = amounts::shown(needs, nut.unit);
                    let share = if claim.minimum.iter().any(|(m, _)| *m == n) {
                        String::new()
                    } else {
                        format!(", 15% of the NRV of {}", amounts::shown(nut.nrv, nut.unit))
                    };
                    let (reason, at) = match &stated[n] {
                        Some(s) if s.value + 1e-9 >= needs => continue,
                        Some(s) => (
                            format!(
                                "the daily portion provides {} of {} ({:.0}% of the NRV), and the claim needs at least {need_text}{share}",
                                s.text,
                                nut.name(),
                                s.value / nut.nrv * 100.0
                            ),
                            Some(s.span),
                        ),
                        None => (
                            format!(
                                "the copy does not say how much {} a daily portion provides; the claim needs at least {need_text}{share}",
                                nut.name()
                            ),
                            None,
                        ),
                    };
                    let mut d = meta.diagnostic(
                        &[
                            ("claim", f.text.trim()),
                            ("nutrient", &nut.name()),
                            ("reason", &reason),
                        ],
                        f.span,
                    );
                    let mut note = format!(
                        "{}; conditions of use of the claim: {} (Reg. (EC) No 1924/2006, Art. {})",
                        meta.cite.as_deref().unwrap_or(""),
                        claim.act,
                        claim.article
                    );
                    if let Some(extra) = &claim.note {
                        note.push_str(&format!("; {extra}"));
                    }
                    d.cite = Some(note);
                    d.labels.push(Label {
                        span: f.span,
                        text: "authorised claim".into(),
                    });
                    if let Some(at) = at {
                        d.labels.push(Label {
                            span: at,
                            text: "the amount per daily portion".into(),
                        });
                    }
                    d.labels.sort_by_key(|l| l.span);
                    out.push(d);
                }
            }
        }
    }

    fn check_botanicals(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(lex) = self.botanicals else {
            return;
        };
        for (bi, block, range) in ctx.doc.sentences() {
            let plants = ctx.matches_in(lex, bi, &range);
            let Some(first) = plants.first() else {
                continue;
            };
            let toks = wording::tokens(&block.text[range.clone()]);
            let words: Vec<&str> = toks.iter().map(Token::text).collect();
            let start = toks
                .iter()
                .position(|t| t.range.start + range.start >= first.range.start)
                .unwrap_or(0);
            let verb = (start..words.len())
                .take_while(|&j| words[j] != "|")
                .find_map(|j| {
                    wording::accepted_verb_at(&words, j)
                        .map(|l| j + l)
                        .or_else(|| wording::stronger_at(&words, j).then_some(j + 1))
                });
            let Some(end) = verb else {
                continue;
            };
            let end = range.start + toks[end - 1].range.end;
            let span = block.span(first.range.start..end);
            let plant = &block.text[first.range.clone()];
            let mut d = meta.diagnostic(&[("plant", plant)], span);
            d.labels.push(Label {
                span: block.span(first.range.clone()),
                text: "botanical".into(),
            });
            out.push(d);
        }
    }
}
