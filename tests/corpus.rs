//! The disease-claim check measured on the labelled corpus (`fixtures/corpus/claims.tsv`,
//! documented in docs/corpus.md): precision and recall must both stay at or above 0.95.
//! `claimlint eval fixtures/corpus/claims.tsv` prints the full table, misses and false alarms.

use claimlint::rules::RuleSet;

const FLOOR: f64 = 0.95;

#[test]
fn disease_claim_precision_and_recall_on_the_corpus() {
    let tsv = include_str!("../fixtures/corpus/claims.tsv");
    let rules = RuleSet::builtin().expect("built-in rules load");
    let eval = claimlint::eval::evaluate(tsv, &rules).expect("corpus parses");
    assert!(
        eval.cases.len() >= 400,
        "the corpus shrank: {}",
        eval.cases.len()
    );
    let positives = eval.cases.iter().filter(|c| c.positive()).count();
    assert!(
        positives * 2 < eval.cases.len(),
        "the corpus must hold more negatives than positives"
    );
    let (p, r) = (eval.total.precision(), eval.total.recall());
    assert!(
        p >= FLOOR && r >= FLOOR,
        "precision {p:.3}, recall {r:.3} (floor {FLOOR})\n{}",
        eval.report()
    );
}

/// The second set, written blind to the rules (see docs/corpus.md, "Held-out set"). Its first,
/// blind score was precision 0.979, recall 0.807; the gaps it showed were then fixed, so it is
/// now a second regression set, not a held-out one.
#[test]
fn disease_claim_precision_and_recall_on_the_second_set() {
    let tsv = include_str!("../fixtures/corpus/holdout.tsv");
    let rules = RuleSet::builtin().expect("built-in rules load");
    let eval = claimlint::eval::evaluate(tsv, &rules).expect("corpus parses");
    assert!(
        eval.cases.len() >= 250,
        "the set shrank: {}",
        eval.cases.len()
    );
    let (p, r) = (eval.total.precision(), eval.total.recall());
    assert!(
        p >= FLOOR && r >= FLOOR,
        "precision {p:.3}, recall {r:.3} (floor {FLOOR})\n{}",
        eval.report()
    );
}
