//! Precision and recall of the disease-claim check on the labelled corpus.
//!
//! `cargo run --release --example corpus_eval [CORPUS.tsv]` (default
//! `fixtures/corpus/claims.tsv`) prints totals, a table per criterion and every miss and false
//! alarm; it exits 1 when precision or recall is below 0.95.

use claimlint::rules::RuleSet;
use std::process::ExitCode;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/corpus/claims.tsv".to_string());
    let tsv = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let rules = match RuleSet::builtin() {
        Ok(r) => r,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return ExitCode::from(2);
        }
    };
    match claimlint::eval::evaluate(&tsv, &rules) {
        Ok(eval) => {
            print!("{}", eval.report());
            if eval.total.precision() < 0.95 || eval.total.recall() < 0.95 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("error: {path}: {e}");
            ExitCode::from(2)
        }
    }
}
