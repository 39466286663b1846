//! Where lint time goes, rule by rule.
//!
//! `cargo run --release --example rule_costs DIR` parses every `.md` and `.txt` file under DIR
//! (for instance `target/bench-corpus/5mb`, written by `scripts/bench-e2e.sh`) and prints the
//! throughput of parsing alone, of the whole built-in pack, and of each rule checked on its
//! own (each with a fresh context, so a rule pays for the lexicon matches it asks for).

use claimlint::document::{Document, Format};
use claimlint::rules::RuleSet;
use std::time::Instant;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-corpus/5mb".into());
    let mut pages = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&dir)];
    while let Some(p) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&p) else {
            eprintln!("error: cannot read {}", p.display());
            std::process::exit(2);
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(format) = match path.extension().and_then(|e| e.to_str()) {
                Some("md") => Some(Format::Markdown),
                Some("txt") => Some(Format::Text),
                _ => None,
            } {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    pages.push((format, text));
                }
            }
        }
    }
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let mb = bytes as f64 / 1e6;
    let mut rules = RuleSet::builtin().expect("built-in rules load");
    let parse = best_of(3, || {
        for (f, t) in &pages {
            std::hint::black_box(Document::parse(t.clone(), *f));
        }
    });
    let docs: Vec<Document> = pages
        .iter()
        .map(|(f, t)| Document::parse(t.clone(), *f))
        .collect();
    let blocks: usize = docs.iter().map(|d| d.blocks.len()).sum();
    println!(
        "{} files, {mb:.1} MB, {blocks} blocks; parse {:.1} MB/s",
        pages.len(),
        mb / parse
    );
    let only = std::env::var("RULE").ok();
    if only.is_some() {
        return profile(rules, &docs, only.as_deref().unwrap_or_default());
    }
    let mut found = 0;
    let all = best_of(3, || {
        found = docs.iter().map(|d| rules.check(d).len()).sum()
    });
    println!(
        "all rules: {:.1} MB/s ({all:.3} s, {found} findings)",
        mb / all
    );
    let full = best_of(3, || {
        for (f, text) in &pages {
            std::hint::black_box(claimlint::lint(text, *f, &rules));
        }
    });
    println!("claimlint::lint: {:.1} MB/s ({full:.3} s)", mb / full);
    let automaton = rules.automaton();
    let mut n = 0;
    let c = best_of(3, || {
        n = 0;
        for d in &docs {
            for b in &d.blocks {
                n += automaton.find(&b.text).len();
            }
        }
    });
    println!(
        "lexicon pass: {:.1} MB/s ({:.1} ms, {n} matches)",
        mb / c,
        c * 1e3
    );
    let every = std::mem::take(&mut rules.rules);
    let mut costs = Vec::new();
    for rule in every {
        let id = rule.meta.id.clone();
        rules.rules = vec![rule];
        let mut n = 0;
        let s = best_of(3, || n = docs.iter().map(|d| rules.check(d).len()).sum());
        costs.push((s, id, n));
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (s, id, n) in costs {
        println!("{:>8.1} ms {:>5.1}%  {id} ({n})", s * 1e3, 100.0 * s / all);
    }
}

/// The fastest of `runs` runs of `f`, in seconds: the machine is shared and noisy.
fn best_of(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// `RULE=us-fda/x`: check only that rule, ten times over, for a profiler (`RULE=all`: every
/// rule).
fn profile(mut rules: RuleSet, docs: &[Document], only: &str) {
    rules.rules.retain(|r| only == "all" || r.meta.id == only);
    if rules.rules.is_empty() {
        eprintln!("error: no rule `{only}`");
        std::process::exit(2);
    }
    for _ in 0..10 {
        for d in docs {
            std::hint::black_box(rules.check(d));
        }
    }
}
