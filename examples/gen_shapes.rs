//! Write the inputs of extreme shapes that scripts/bench-e2e.sh --growth times.
//!
//! `cargo run --release --example gen_shapes -- OUT` writes, each at two or three sizes:
//! catalogs of many rows (`catalog-ROWS.csv`), one product with one huge cell
//! (`cell-MB.csv`), one sentence listing many doses (`doses-KB.txt`), one sentence full of
//! claims (`claims-KB.txt`), one sentence of conditions after a caution (`cautions-KB.txt`)
//! and one of conditions joined by "and" (`stories-KB.txt`), one HTML tag with many attributes (`attributes-N.html`) and
//! a page of many numbered references (`references-N.md`).

#[path = "../benches/support/shapes.rs"]
mod shapes;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: gen_shapes OUT");
        return ExitCode::from(2);
    };
    let mut files: Vec<(String, String)> = Vec::new();
    for rows in [50_000, 100_000, 200_000] {
        files.push((format!("catalog-{rows}.csv"), shapes::catalog(rows)));
    }
    for mb in [10, 20, 40] {
        files.push((
            format!("cell-{mb}.csv"),
            shapes::catalog_cell(mb * 1_000_000),
        ));
    }
    for kb in [1_000, 2_000, 4_000] {
        files.push((
            format!("doses-{kb}.txt"),
            shapes::sentence_of_doses(kb * 1000),
        ));
    }
    for kb in [250, 500, 1_000] {
        files.push((
            format!("claims-{kb}.txt"),
            shapes::sentence_of_claims(kb * 1000),
        ));
    }
    for kb in [125, 250, 500] {
        files.push((
            format!("cautions-{kb}.txt"),
            shapes::sentence_of_mentions(kb * 1000, true),
        ));
        files.push((
            format!("stories-{kb}.txt"),
            shapes::sentence_of_mentions(kb * 1000, false),
        ));
    }
    for n in [100_000, 200_000, 400_000] {
        files.push((
            format!("attributes-{n}.html"),
            shapes::tag_with_attributes(n),
        ));
    }
    for n in [20_000, 40_000, 80_000] {
        files.push((format!("references-{n}.md"), shapes::page_of_references(n)));
    }
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    for (name, text) in files {
        if let Err(e) = std::fs::write(out.join(&name), text) {
            eprintln!("error: cannot write {name}: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
