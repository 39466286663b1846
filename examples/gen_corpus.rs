//! Write the benchmark corpus to a folder.
//!
//! `cargo run --release --example gen_corpus -- OUT [SIZE_MB] [SEED]` writes generated
//! supplement copy (Markdown with front matter and plain text, 1 KB to 200 KB a page) until
//! it holds SIZE_MB megabytes (default 50, the standard corpus), then prints the number of
//! files and bytes. The same seed always writes the same bytes.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_corpus OUT [SIZE_MB] [SEED]");
        return ExitCode::from(2);
    };
    let size_mb: f64 = match args.next().map(|s| s.parse()) {
        None => corpus::STANDARD_SIZE as f64 / 1e6,
        Some(Ok(v)) if v > 0.0 => v,
        Some(_) => {
            eprintln!("error: SIZE_MB must be a positive number");
            return ExitCode::from(2);
        }
    };
    let seed = match args.next().map(|s| s.parse()) {
        None => corpus::STANDARD_SEED,
        Some(Ok(v)) => v,
        Some(Err(_)) => {
            eprintln!("error: SEED must be a whole number");
            return ExitCode::from(2);
        }
    };
    let (mut files, mut bytes) = (0usize, 0usize);
    for page in corpus::corpus(seed, (size_mb * 1e6) as usize) {
        let path = out.join(&page.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &page.text));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
        files += 1;
        bytes += page.text.len();
    }
    println!("{files} files, {bytes} bytes in {}", out.display());
    ExitCode::SUCCESS
}
