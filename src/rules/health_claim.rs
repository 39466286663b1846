//! `kind: health-claim`: lawful health claims, and health claims that left out what makes
//! them lawful.
//!
//! A sentence that names one of a claim's substances and one of its diseases is read as that
//! health claim. It is lawful when it states the relationship as FDA allows ("may reduce the
//! risk") with no stronger word beside it, and, for a qualified health claim, when FDA's
//! qualifying language is in the sentence or the two after it. A lawful claim is not a disease
//! claim: the rule set drops the findings of the other disease-claim rules inside it. A claim
//! that drops the qualifier is reported here; one that states the link more strongly
//! ("prevents osteoporosis") is left to the disease-claim rules, which report it.

use super::assertion::{Excuses, MentionKind, SentenceView};
use super::{Compiler, Context, LexId, RuleMeta, rule_file};
use crate::diagnostic::{Diagnostic, Label, Span};
use crate::rules::lexicon::{Lexicon, Term, TermEntry};
use crate::yaml;
use serde::Deserialize;
use std::ops::Range;

rule_file! {
    /// A health-claim rule as written in YAML.
    HealthClaimFile {
        /// The data file of claims, by its path in the pack (`data/health-claims.yaml`).
        claims: String,
        /// Words that state a link more strongly than any health claim may ("prevents").
        strong: super::TermSource,
        /// What makes a sentence that reads as a claim something else: a caution, an
        /// interaction note, a warnings section (see [`super::assertion`]).
        #[serde(default)]
        excuses: Option<super::assertion::ExcusesFile>,
    }
}

/// An amount condition of a claim.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// The nutrient it is about.
    pub nutrient: String,
    /// Milligrams.
    pub mg: f64,
}

/// One lawful claim, as the data file lists it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable id.
    pub id: String,
    /// `authorized` or `qualified`.
    pub kind: String,
    /// The regulation or FDA letter.
    pub cite: String,
    /// Names of the substance.
    pub substances: Vec<String>,
    /// Names of the disease.
    pub diseases: Vec<String>,
    /// FDA's model wording.
    pub wording: String,
    /// Phrases that state the relationship as FDA allows.
    #[serde(default)]
    pub risk: Vec<String>,
    /// Qualifying language, one of which a qualified claim must keep.
    #[serde(default)]
    pub qualifiers: Vec<String>,
    /// Whether the link alone, with no substance named, is a lawful claim.
    #[serde(default)]
    pub short_form: bool,
    /// The least per serving.
    #[serde(default)]
    pub min_per_serving: Option<Amount>,
    /// The most per day.
    #[serde(default)]
    pub max_per_day: Option<Amount>,
    /// Notes.
    #[serde(default)]
    pub notes: Option<String>,
}

/// The data file of claims.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    /// Every claim.
    pub claims: Vec<Claim>,
}

/// The relationship as 21 CFR 101.14 has health claims state it, when a claim gives none.
const DEFAULT_RISK: &[&str] = &[
    "may reduce the risk",
    "may help reduce the risk",
    "may lower the risk",
    "may help lower the risk",
    "may reduce your risk",
    "may reduce their risk",
    "might reduce the risk",
    "may decrease the risk",
];

/// How many sentences after the claim its qualifier may come in.
const QUALIFIER_SENTENCES: usize = 2;
/// How many sentences before the claim belong to it (FDA's "Development of cancer depends
/// on many factors." leads into the claim).
const LEAD_SENTENCES: usize = 1;

/// A compiled claim: its lexicons.
#[derive(Debug)]
struct Compiled {
    claim: Claim,
    substances: LexId,
    diseases: LexId,
    risk: LexId,
    qualifiers: Option<LexId>,
}

/// A compiled health-claim rule.
#[derive(Debug)]
pub struct HealthClaimRule {
    claims: Vec<Compiled>,
    strong: LexId,
    /// The diseases of every claim: a block that names none holds no health claim.
    any_disease: LexId,
    excuses: Option<Excuses>,
}

fn lexicon(name: &str, words: &[String]) -> Result<Lexicon, String> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| TermEntry::Bare(w.clone()).into_term())
        .collect();
    Lexicon::new(name, terms)
}

/// Compile a health-claim rule file.
pub fn compile(f: HealthClaimFile, c: &mut Compiler) -> Result<HealthClaimRule, (String, String)> {
    let Some(file) = c.data_file(&f.claims).cloned() else {
        return Err((
            "claims:".into(),
            format!("no data file `{}` in the pack", f.claims),
        ));
    };
    let data: ClaimsFile = yaml::from_str(&file.text).map_err(|e| {
        let at = e.line.map(|l| format!(":{l}")).unwrap_or_default();
        (
            "claims:".to_string(),
            format!("{}{at}: {}", file.origin, e.message),
        )
    })?;
    let mut claims = Vec::new();
    let all_diseases: Vec<String> = data
        .claims
        .iter()
        .flat_map(|c| c.diseases.iter().cloned())
        .collect();
    let any_disease = c.register(
        &format!("health-claim:{}:any-disease", f.claims),
        lexicon("diseases", &all_diseases).map_err(|e| ("claims:".to_string(), e))?,
    );
    for claim in data.claims {
        let bad = |e: String| ("claims:".to_string(), format!("claim `{}`: {e}", claim.id));
        if !matches!(claim.kind.as_str(), "authorized" | "qualified") {
            return Err(bad(format!(
                "kind `{}` is not `authorized` or `qualified`",
                claim.kind
            )));
        }
        if claim.kind == "qualified" && claim.qualifiers.is_empty() {
            return Err(bad("a qualified claim needs `qualifiers`".into()));
        }
        let risk: Vec<String> = if claim.risk.is_empty() {
            DEFAULT_RISK.iter().map(|s| s.to_string()).collect()
        } else {
            claim.risk.clone()
        };
        let key = |what: &str| format!("health-claim:{}:{}:{what}", f.claims, claim.id);
        let substances = c.register(
            &key("substances"),
            lexicon("substances", &claim.substances).map_err(bad)?,
        );
        let diseases = c.register(
            &key("diseases"),
            lexicon("diseases", &claim.diseases).map_err(bad)?,
        );
        let risk = c.register(&key("risk"), lexicon("risk", &risk).map_err(bad)?);
        let qualifiers = if claim.qualifiers.is_empty() {
            None
        } else {
            Some(c.register(
                &key("qualifiers"),
                lexicon("qualifiers", &claim.qualifiers).map_err(bad)?,
            ))
        };
        claims.push(Compiled {
            claim,
            substances,
            diseases,
            risk,
            qualifiers,
        });
    }
    let excuses = f
        .excuses
        .as_ref()
        .map(|e| Excuses::compile(e, c))
        .transpose()
        .map_err(|(field, e)| (format!("excuses.{field}"), e))?;
    Ok(HealthClaimRule {
        claims,
        any_disease,
        excuses,
        strong: c
            .terms(&f.strong, "strong")
            .map_err(|e| ("strong:".to_string(), e))?,
    })
}

impl HealthClaimRule {
    /// Run the rule over a document: report claims without their qualifier, and add every
    /// lawful one to `lawful`.
    pub fn check(
        &self,
        meta: &RuleMeta,
        ctx: &Context<'_>,
        lawful: &mut Vec<Span>,
        out: &mut Vec<Diagnostic>,
    ) {
        for (bi, block) in ctx.doc.blocks.iter().enumerate() {
            if ctx.matches(self.any_disease, bi).is_empty() {
                continue;
            }
            for (si, range) in block.sentences.iter().enumerate() {
                let within = |id: LexId| ctx.matches_in(id, bi, range);
                // A warning or an interaction note ("Hibiscus may lower blood pressure. Use
                // caution with antihypertensive medicines.") is not a claim.
                let excused = |r: &Range<usize>| {
                    self.excuses.as_ref().is_some_and(|ex| {
                        let s = SentenceView::new(ctx, bi, range.clone(), ex.barriers);
                        ex.excuse(&s, r, MentionKind::Disease).is_some()
                    })
                };
                if within(self.any_disease).is_empty() || !within(self.strong).is_empty() {
                    continue;
                }
                let last = (si + QUALIFIER_SENTENCES).min(block.sentences.len() - 1);
                let after = range.start..block.sentences[last].end;
                let scope = block.sentences[si.saturating_sub(LEAD_SENTENCES)].start..after.end;
                // The claim whose disease this sentence names with the link FDA allows, but
                // not its substance: the lawful claim is for another one.
                let mut other_substance: Option<(&Compiled, Range<usize>, Range<usize>)> = None;
                let mut matched = false;
                for c in &self.claims {
                    let Some(dis) = within(c.diseases).first() else {
                        continue;
                    };
                    let risk = within(c.risk).first();
                    let qualifier = c
                        .qualifiers
                        .and_then(|q| ctx.matches_in(q, bi, &after).first());
                    let Some(sub) = within(c.substances).first() else {
                        if let Some(r) = risk
                            && other_substance.is_none()
                            && !c.claim.short_form
                        {
                            other_substance = Some((c, dis.range.clone(), r.range.clone()));
                        }
                        continue;
                    };
                    // The link as FDA states it, or (a qualified claim) FDA's qualifier.
                    if risk.is_none() && qualifier.is_none() {
                        continue;
                    }
                    matched = true;
                    if c.qualifiers.is_none() || qualifier.is_some() {
                        // The lawful claim's own words: the sentence before only when it
                        // names the claim's disease (FDA's "Development of cancer depends
                        // on many factors."), and after it up to its qualifier. A disease
                        // claim next to a lawful one is still a claim.
                        let lead = scope.start < range.start
                            && !ctx
                                .matches_in(c.diseases, bi, &(scope.start..range.start))
                                .is_empty();
                        let end = qualifier.map_or(range.end, |q| {
                            let i = block.sentences.partition_point(|r| r.end <= q.range.start);
                            block
                                .sentences
                                .get(i)
                                .map_or(range.end, |r| r.end.max(range.end))
                        });
                        let start = if lead { scope.start } else { range.start };
                        lawful.push(block.span(start..end));
                        break;
                    }
                    if excused(&dis.range) {
                        lawful.push(block.span(range.clone()));
                        break;
                    }
                    let risk = risk.map(|r| r.range.clone()).unwrap_or(dis.range.clone());
                    let start = sub.range.start.min(dis.range.start).min(risk.start);
                    let end = sub.range.end.max(dis.range.end).max(risk.end);
                    let mut d = meta.diagnostic(
                        &[
                            ("substance", &block.text[sub.range.clone()]),
                            ("disease", &block.text[dis.range.clone()]),
                            ("wording", &c.claim.wording),
                        ],
                        block.span(start..end),
                    );
                    d.cite = Some(c.claim.cite.clone());
                    for (r, text) in [
                        (&sub.range, "substance"),
                        (&dis.range, "disease"),
                        (&risk, "the claimed link"),
                    ] {
                        if d.labels.iter().all(|l| l.span != block.span(r.clone())) {
                            d.labels.push(Label {
                                span: block.span(r.clone()),
                                text: text.into(),
                            });
                        }
                    }
                    d.labels.sort_by_key(|l| l.span);
                    out.push(d);
                    // The claim is reported here, once: the disease-claim rules need not.
                    lawful.push(block.span(range.clone()));
                    break;
                }
                if !matched && let Some((c, dis, risk)) = other_substance {
                    if excused(&dis) {
                        lawful.push(block.span(range.clone()));
                        continue;
                    }
                    let mut d = Diagnostic::new(
                        meta.id.clone(),
                        meta.category,
                        meta.severity,
                        format!(
                            "\"{}\" with \"{}\" reads as a health claim, which FDA allows only for {}",
                            &block.text[dis.clone()],
                            &block.text[risk.clone()],
                            c.claim.substances[..c.claim.substances.len().min(3)].join(", ")
                        ),
                        block.span(dis.start.min(risk.start)..dis.end.max(risk.end)),
                    );
                    d.help = Some(format!(
                        "make the claim only for what FDA allowed, in its words (\"{}\"), or drop the disease",
                        c.claim.wording
                    ));
                    d.cite = Some(c.claim.cite.clone());
                    out.push(d);
                    lawful.push(block.span(range.clone()));
                }
            }
        }
    }
}
