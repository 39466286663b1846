//! `claimlint eval`: score the rules on labelled copy, a corpus of lines or a folder of
//! labelled pages (see docs/corpus.md), with the rules and config a team lints with.

use super::args::EvalArgs;
use super::input::io_reason;
use super::output::{Stdout, stderr};
use super::setup::load_rules;

/// Each path is scored on its own; an unreadable or malformed one is an error (exit 2) and
/// the others are still scored.
pub(crate) fn eval(args: &EvalArgs) -> Result<u8, ()> {
    let (_, rules) = load_rules(&args.config)?;
    let mut failed = false;
    let mut out = Stdout::default();
    for path in &args.paths {
        let result = if path.is_dir() {
            claimlint::eval::evaluate_pages(path, &rules).map(|e| {
                if args.summary {
                    e.summary()
                } else {
                    e.report()
                }
            })
        } else {
            std::fs::read_to_string(path)
                .map_err(|e| io_reason(&e))
                .and_then(|tsv| claimlint::eval::evaluate(&tsv, &rules))
                .map(|e| {
                    if args.summary {
                        e.summary()
                    } else {
                        e.report()
                    }
                })
                .map_err(|e| format!("{}: {e}", path.display()))
        };
        match result {
            Ok(report) => {
                if args.paths.len() > 1 {
                    out.write(format!("== {}\n", path.display()).as_bytes());
                }
                out.write(report.as_bytes());
            }
            Err(e) => {
                stderr(&format!("error: {e}\n"));
                failed = true;
            }
        }
    }
    Ok(out.exit_code(if failed { 2 } else { 0 }))
}
