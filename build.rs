//! Prepare the built-in rule packs for a fast start.
//!
//! `include_dir!` embeds `rules/` as YAML. Parsing that YAML with serde-saphyr took ~25 ms of
//! every run (about 6 MB/s), longer than everything else a one-file lint does, so this script
//! also converts each YAML file to JSON, which serde_json reads ~10x faster. At run time
//! `yaml::from_str` uses the JSON when it is given the exact text of a built-in file and the
//! JSON deserializes into the wanted type; otherwise (user files, or a built-in file this
//! script could not convert) it parses the YAML, so errors still point at lines and columns.
//!
//! Generating the spelling variants of every lexicon term (British and American forms,
//! numerals, possessives, inflections, misspellings) was three quarters of a one-file run's
//! instructions, so this script generates them too, with the run-time code
//! (src/rules/lexicon/spelling.rs), and writes them into each built-in lexicon's JSON as the
//! term's `_variants` (the options they were made with, and one list per spelling). At run
//! time a term uses them when its options are still the same (see `Lexicon::new`).

#[allow(dead_code)]
#[path = "src/rules/lexicon/spelling.rs"]
mod spelling;

use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // include_dir! does not notice new rule files on stable: rebuild when rules/ changes.
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/rules/lexicon/spelling.rs");
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
        let Ok(mut value) = serde_saphyr::from_str::<Value>(&text) else {
            continue;
        };
        add_variants(&mut value);
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

/// In a lexicon file, each term's spelling variants as `_variants: [inflect, misspell,
/// [[variants of the term], [variants of each alias]...]]`, made with the options the term
/// will have at run time (its own, else the file's).
fn add_variants(file: &mut Value) {
    let Some(map) = file.as_object_mut() else {
        return;
    };
    if !map.contains_key("lexicon") {
        return;
    }
    let inflect = map.get("inflect").cloned().unwrap_or(Value::Null);
    let misspell = map.get("misspell").cloned().unwrap_or(Value::Null);
    let Some(terms) = map.get_mut("terms").and_then(Value::as_array_mut) else {
        return;
    };
    for entry in terms {
        if let Some(term) = entry.as_str() {
            *entry = json!({ "term": term });
        }
        let Some(term) = entry.as_object_mut() else {
            continue;
        };
        let inflect = term.get("inflect").cloned().unwrap_or(inflect.clone());
        let misspell = term.get("misspell").cloned().unwrap_or(misspell.clone());
        let how = match inflect.as_str() {
            Some("verb") => spelling::Inflect::Verb,
            None | Some("none") => spelling::Inflect::None,
            Some(_) => continue,
        };
        let Some(first) = term.get("term").and_then(Value::as_str) else {
            continue;
        };
        let mut spellings = vec![first.to_string()];
        if let Some(aliases) = term.get("aliases") {
            let Some(aliases) = aliases.as_array() else {
                continue;
            };
            for a in aliases {
                let Some(a) = a.as_str() else {
                    continue;
                };
                spellings.push(a.to_string());
            }
        }
        let lists: Vec<Vec<String>> = spellings
            .iter()
            .map(|s| {
                spelling::variants_with(
                    &s.trim().to_lowercase(),
                    how,
                    misspell.as_bool().unwrap_or(false),
                )
            })
            .collect();
        term.insert(
            "_variants".into(),
            json!([
                if how == spelling::Inflect::Verb {
                    "verb"
                } else {
                    "none"
                },
                misspell.as_bool().unwrap_or(false),
                lists
            ]),
        );
    }
}
