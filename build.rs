//! Prepare the built-in rule packs for a fast start.
//!
//! `include_dir!` embeds `rules/` as YAML. Parsing that YAML with serde-saphyr took ~25 ms of
//! every run (about 6 MB/s), longer than everything else a one-file lint does, so this script
//! also converts each YAML file to JSON, which serde_json reads ~10x faster. At run time
//! `yaml::from_str` uses the JSON when it is given the exact text of a built-in file and the
//! JSON deserializes into the wanted type; otherwise (user files, or a built-in file this
//! script could not convert) it parses the YAML, so errors still point at lines and columns.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // include_dir! does not notice new rule files on stable: rebuild when rules/ changes.
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut files = Vec::new();
    collect(&root.join("rules"), &mut files);
    files.sort();
    let mut out = String::from(
        "/// Built-in YAML files and the same data as JSON, made by build.rs.\n\
         pub(crate) static PREPARED: &[(&str, &str)] = &[\n",
    );
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        // A file that does not parse is left to the run-time parser, which reports it.
        let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let Ok(json) = serde_json::to_string(&value) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    (include_str!({:?}), {:?}),",
            path.display().to_string(),
            json
        );
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("prepared.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}
