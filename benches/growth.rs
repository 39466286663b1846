//! Growth: each case lints one input of an extreme shape at three sizes, each twice the one
//! before. Linear growth is the target: double the input, at most ~2.2x the time. `cargo bench
//! --bench growth`; docs/robustness.md has the figures.

#[path = "support/shapes.rs"]
mod shapes;

use claimlint::document::Format;
use claimlint::rules::RuleSet;
use divan::Bencher;
use divan::counter::BytesCount;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::builtin().expect("built-in rules load"));

fn lint(b: Bencher, text: &str, format: Format) {
    let rules = &*RULES;
    b.counter(BytesCount::new(text.len()))
        .bench(|| divan::black_box(claimlint::lint(text, format, rules)));
}

/// Issue 17, item 10: one long sentence full of claims (the claim rule; being rewritten).
#[divan::bench(args = [128_000, 256_000, 512_000], sample_count = 3)]
fn sentence_of_claims(b: Bencher, bytes: usize) {
    lint(b, &shapes::sentence_of_claims(bytes), Format::Text);
}

/// One sentence of mentions after a caution, and one joined by "and": every mention's
/// excuses read the sentence's questions once, not once each.
#[divan::bench(args = [64_000, 128_000, 256_000], sample_count = 3)]
fn sentence_of_cautioned_mentions(b: Bencher, bytes: usize) {
    lint(b, &shapes::sentence_of_mentions(bytes, true), Format::Text);
}

#[divan::bench(args = [64_000, 128_000, 256_000], sample_count = 3)]
fn sentence_of_joined_mentions(b: Bencher, bytes: usize) {
    lint(b, &shapes::sentence_of_mentions(bytes, false), Format::Text);
}

/// Item 11: one sentence listing many doses.
#[divan::bench(args = [64_000, 128_000, 256_000], sample_count = 5)]
fn sentence_of_doses(b: Bencher, bytes: usize) {
    lint(b, &shapes::sentence_of_doses(bytes), Format::Text);
}

/// Item 12: a catalog export, one product a row, each needing the disclaimer.
#[divan::bench(args = [25_000, 50_000, 100_000], sample_count = 3)]
fn catalog_rows(b: Bencher, rows: usize) {
    lint(b, &shapes::catalog(rows), Format::Csv);
}

/// Item 13: one HTML tag with many attributes.
#[divan::bench(args = [25_000, 50_000, 100_000], sample_count = 5)]
fn tag_with_attributes(b: Bencher, count: usize) {
    lint(b, &shapes::tag_with_attributes(count), Format::Html);
}

/// Items 12 and 16: one product whose cell holds a whole page of claims, one block of
/// thousands of sentences (the evidence check looked for a placeholder once per finding).
#[divan::bench(args = [1_000_000, 2_000_000, 4_000_000], sample_count = 3)]
fn catalog_cell(b: Bencher, bytes: usize) {
    lint(b, &shapes::catalog_cell(bytes), Format::Csv);
}

/// A page of many numbered references (every block held a copy of the page's entries).
#[divan::bench(args = [5_000, 10_000, 20_000], sample_count = 5)]
fn page_of_references(b: Bencher, entries: usize) {
    lint(b, &shapes::page_of_references(entries), Format::Markdown);
}

/// Human output of a catalog cell on one line (the snippet's line-ending check scanned the
/// rest of the line once per finding).
#[divan::bench(args = [250_000, 500_000, 1_000_000], sample_count = 3)]
fn human_output_of_one_long_line(b: Bencher, bytes: usize) {
    use claimlint::document::LineIndex;
    use claimlint::report::{Finding, human};
    let text = shapes::catalog_cell(bytes);
    let index = LineIndex::new(&text);
    let found: Vec<Finding> = claimlint::lint(&text, Format::Csv, &RULES)
        .diagnostics
        .into_iter()
        .map(|d| Finding::new("cell.csv", d, &text, &index, 0))
        .collect();
    let style = human::Style {
        color: false,
        width: 100,
    };
    b.counter(divan::counter::ItemsCount::new(found.len()))
        .bench(|| divan::black_box(human::render_file(&found, "cell.csv", &text, &index, style)));
}
