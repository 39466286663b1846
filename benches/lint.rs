//! Benchmarks: `cargo bench` (divan). See docs/performance.md for the results and what they
//! mean.
//!
//! Corpus benches run over an in-memory sample of the standard corpus (`SAMPLE_BYTES`, the
//! first pages of seed `STANDARD_SEED`, 1 KB to 200 KB a page, Markdown and plain text);
//! `scripts/bench-e2e.sh` runs the binary over the full 50 MB corpus on disk.

#[path = "support/corpus.rs"]
mod corpus;

use claimlint::document::{Document, Format, LineIndex};
use claimlint::report::{self, Finding, Summary, human};
use claimlint::rules::lexicon::Term;
use claimlint::rules::{RuleSet, RuleSetSpec, builtin_pack};
use divan::Bencher;
use divan::counter::BytesCount;
use std::sync::LazyLock;

/// How much of the standard corpus the corpus benches use: the first 4.07 MB (118 pages).
const SAMPLE_BYTES: usize = 4_000_000;

fn main() {
    divan::main();
}

struct Sample {
    pages: Vec<(String, Format, String)>,
    bytes: usize,
}

static SAMPLE: LazyLock<Sample> = LazyLock::new(|| {
    let pages: Vec<_> = corpus::corpus(corpus::STANDARD_SEED, SAMPLE_BYTES)
        .map(|p| {
            let format = match p.format {
                corpus::PageFormat::Markdown => Format::Markdown,
                corpus::PageFormat::Text => Format::Text,
            };
            (p.path, format, p.text)
        })
        .collect();
    let bytes = pages.iter().map(|p| p.2.len()).sum();
    Sample { pages, bytes }
});

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in rules load"));

/// The built-in pack with the disease lexicon (`conditions`) doubled by synthetic terms.
static DOUBLED: LazyLock<RuleSet> = LazyLock::new(|| {
    let files = builtin_pack("us-fda").expect("us-fda pack");
    let conditions = RULES
        .rules
        .iter()
        .find(|r| r.meta.id == "us-fda/disease-claim")
        .map(|_| {
            RULES
                .lexicons
                .iter()
                .find(|l| l.name == "conditions")
                .expect("conditions lexicon")
        })
        .expect("disease-claim rule");
    let mut spec = RuleSetSpec {
        packs: vec![("us-fda".into(), files)],
        ..RuleSetSpec::default()
    };
    spec.lexicon_additions.insert(
        "conditions".into(),
        synthetic_terms(conditions.terms.as_slice()),
    );
    RuleSet::build(&spec).expect("doubled rules load")
});

/// As many made-up disease names as `like` has, with as many aliases each.
fn synthetic_terms(like: &[Term]) -> Vec<Term> {
    const SYLLABLES: &[&str] = &[
        "bra", "cor", "den", "fal", "gri", "hol", "ken", "lum", "mor", "nex", "pra", "quo", "rin",
        "sol", "tav", "ulm", "ver", "wex", "yor", "zan",
    ];
    const ENDINGS: &[&str] = &["itis", "osis", " syndrome", " disease", " disorder", "emia"];
    let mut rng = corpus::Rng::new(7);
    let word = |rng: &mut corpus::Rng| {
        let mut w = String::new();
        for _ in 0..2 + rng.below(2) {
            w.push_str(rng.pick(SYLLABLES));
        }
        w.push_str(rng.pick(ENDINGS));
        w
    };
    like.iter()
        .enumerate()
        .map(|(i, t)| Term {
            term: format!("{} {i}", word(&mut rng)),
            aliases: t
                .aliases
                .iter()
                .enumerate()
                .map(|(j, _)| format!("{} {i}x{j}", word(&mut rng)))
                .collect(),
            replacement: None,
            qualifiers: Vec::new(),
            window: None,
            means: None,
            code: None,
            needs: Vec::new(),
            source: None,
            inflect: None,
            misspell: None,
            variants: None,
            builtin_at: None,
        })
        .collect()
}

/// Parse only: prose blocks, offset maps and sentences, no rules.
#[divan::bench(sample_count = 20)]
fn parse(b: Bencher) {
    let s = &*SAMPLE;
    b.counter(BytesCount::new(s.bytes)).bench(|| {
        for (_, format, text) in &s.pages {
            divan::black_box(Document::parse(text.clone(), *format));
        }
    });
}

/// Parse and check with the built-in pack, suppressions applied: what `claimlint::lint` does.
#[divan::bench(sample_count = 20)]
fn lint(b: Bencher) {
    let s = &*SAMPLE;
    let rules = &*RULES;
    b.counter(BytesCount::new(s.bytes)).bench(|| {
        for (_, format, text) in &s.pages {
            divan::black_box(claimlint::lint(text, *format, rules));
        }
    });
}

/// As `lint`, with the disease lexicon twice its size.
#[divan::bench(sample_count = 20)]
fn lint_doubled_lexicon(b: Bencher) {
    let s = &*SAMPLE;
    let rules = &*DOUBLED;
    b.counter(BytesCount::new(s.bytes)).bench(|| {
        for (_, format, text) in &s.pages {
            divan::black_box(claimlint::lint(text, *format, rules));
        }
    });
}

/// Findings of the sample, resolved to lines and columns, with each page's text and index.
fn findings() -> Vec<(String, String, LineIndex, Vec<Finding>)> {
    SAMPLE
        .pages
        .iter()
        .map(|(name, format, text)| {
            let linted = claimlint::lint(text, *format, &RULES);
            let index = LineIndex::new(text);
            let found = linted
                .diagnostics
                .into_iter()
                .map(|d| Finding::new(name, d, text, &index, 0))
                .collect();
            (name.clone(), text.clone(), index, found)
        })
        .collect()
}

/// Human output (miette, no colour) for every finding of the sample.
#[divan::bench(sample_count = 10)]
fn render_human(b: Bencher) {
    let pages = findings();
    let count: usize = pages.iter().map(|p| p.3.len()).sum();
    let style = human::Style {
        color: false,
        width: 100,
    };
    b.counter(divan::counter::ItemsCount::new(count)).bench(|| {
        for (name, text, index, found) in &pages {
            divan::black_box(human::render_file(found, name, text, index, style));
        }
    });
}

/// `--format json` for every finding of the sample.
#[divan::bench(sample_count = 10)]
fn render_json(b: Bencher) {
    let found: Vec<Finding> = findings().into_iter().flat_map(|p| p.3).collect();
    let mut summary = Summary::default();
    for f in &found {
        summary.add(f.diagnostic.severity);
    }
    b.counter(divan::counter::ItemsCount::new(found.len()))
        .bench(|| divan::black_box(report::json::render(&found, &[], &summary)));
}

/// Startup: load and compile the built-in pack.
#[divan::bench(sample_count = 20)]
fn ruleset_build() -> RuleSet {
    RuleSet::builtin().expect("built-in rules load")
}

/// What a language server does per change: re-lint a 20 KB page with prebuilt rules.
#[divan::bench(sample_count = 50)]
fn relint_20kb_page(b: Bencher) {
    let page = corpus::page(corpus::STANDARD_SEED, 3, 20_000);
    let format = match page.format {
        corpus::PageFormat::Markdown => Format::Markdown,
        corpus::PageFormat::Text => Format::Text,
    };
    let rules = &*RULES;
    b.counter(BytesCount::new(page.text.len()))
        .bench(|| claimlint::lint(&page.text, format, rules));
}
