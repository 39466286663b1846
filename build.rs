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
//!
//! Building the merged trie of those spellings was a third of a one-file run's instructions,
//! so this script builds it too, one slot per built-in lexicon file, with the run-time code
//! (src/rules/lexicon/automaton.rs and stored.rs), and writes its arrays to
//! `lexicons.automaton`, which the binary embeds and uses in place (see
//! src/rules/lexicon/prebuilt.rs). A file's slot and its numbers of terms and spellings go
//! into `prepared.rs`.
//!
//! Reading the lexicon files' JSON was then a quarter of a one-file run's instructions, so
//! this script also packs each lexicon file into a compact binary form
//! (src/rules/lexicon/packed_write.rs), read with slices at run time (`packed.rs`), in
//! `lexicons.packed`.

#[allow(dead_code)]
#[path = "src/rules/lexicon/spelling.rs"]
mod spelling;

#[allow(dead_code)]
#[path = "src/rules/lexicon/misspell.rs"]
mod misspell;

#[allow(dead_code)]
#[path = "src/rules/lexicon/automaton.rs"]
mod automaton;

#[allow(dead_code)]
#[path = "src/rules/lexicon/stored.rs"]
mod stored;

#[path = "src/rules/lexicon/packed_write.rs"]
mod packed_write;

/// What automaton.rs returns from a search, which this script does not do.
#[allow(dead_code)]
pub struct LexMatch {
    range: std::ops::Range<usize>,
    term: usize,
}

use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    // include_dir! does not notice new rule files on stable: rebuild when rules/ changes.
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/rules/lexicon/spelling.rs");
    println!("cargo::rerun-if-changed=src/rules/lexicon/automaton.rs");
    println!("cargo::rerun-if-changed=src/rules/lexicon/stored.rs");
    println!("cargo::rerun-if-changed=src/rules/lexicon/packed_write.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut files = Vec::new();
    collect(&root.join("rules"), &mut files);
    files.sort();
    let mut out = String::from(
        "/// Built-in YAML files and the same data as JSON, made by build.rs.\n\
         /// The third field is a lexicon file's slot in the built-in automaton, else u32::MAX;\n\
         /// the fourth where its packed form is in `lexicons.packed` (empty for none).\n\
         pub(crate) static PREPARED: &[(&str, &str, u32, std::ops::Range<usize>)] = &[\n",
    );
    let mut packed = Vec::new();
    let mut entries = Vec::new();
    let mut sizes = Vec::new();
    let mut variants = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        // A file that does not parse is left to the run-time parser, which reports it.
        let Ok(mut value) = serde_saphyr::from_str::<Value>(&text) else {
            continue;
        };
        add_variants(&mut value);
        let mut slot = u32::MAX;
        if path
            .to_string_lossy()
            .replace('\\', "/")
            .contains("/lexicons/")
            && let Some((terms, mine)) = lexicon_entries(&value, sizes.len() as u32)
        {
            slot = sizes.len() as u32;
            sizes.push((terms, mine.len()));
            entries.extend(mine);
            variants.push(take_variants(&mut value));
        }
        let Ok(json) = serde_json::to_string(&value) else {
            continue;
        };
        // A lexicon file is read from its packed form (see src/rules/lexicon/packed.rs).
        let start = packed.len();
        if value.get("lexicon").is_some()
            && let Some(bytes) = packed_write::pack(&value)
        {
            packed.extend(bytes);
        }
        let _ = writeln!(
            out,
            "    (include_str!({:?}), {:?}, {slot}, {start}..{}),",
            path.display().to_string(),
            json,
            packed.len()
        );
    }
    out.push_str("];\n");
    out.push_str(
        "/// Per slot of the built-in automaton: its file's numbers of terms and spellings.\n\
         pub(crate) static LEXICON_SIZES: &[(u32, u32)] = &[\n",
    );
    for (terms, spellings) in &sizes {
        let _ = writeln!(out, "    ({terms}, {spellings}),");
    }
    out.push_str("];\n");
    out.push_str(
        "/// Per slot of the built-in automaton: its file's `_variants`, one per term, as JSON.\n\
         pub(crate) static LEXICON_VARIANTS: &[&str] = &[\n",
    );
    for v in &variants {
        let _ = writeln!(out, "    {v:?},");
    }
    out.push_str("];\n");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(dir.join("prepared.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(dir.join("lexicons.packed"), packed).expect("OUT_DIR is writable");
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let automaton = automaton::Automaton::new(sizes.len(), entries);
    std::fs::write(
        dir.join("lexicons.automaton"),
        automaton.to_bytes(big_endian),
    )
    .expect("OUT_DIR is writable");
}

/// A folded spelling and what it is, as `Automaton::new` takes them.
type Entry = (Vec<u8>, automaton::Terminal);

/// A lexicon file's number of terms and its automaton entries in `slot`, as the run time
/// makes them (`Lexicon::new` and `Lexicon::entries`) from the file with its `_variants`;
/// `None` when the run time would not read it as this script does, which leaves the file
/// to be compiled at run time.
fn lexicon_entries(file: &Value, slot: u32) -> Option<(usize, Vec<Entry>)> {
    file.get("lexicon")?.as_str()?;
    let terms = file.get("terms")?.as_array()?;
    let mut entries = Vec::new();
    for (i, term) in terms.iter().enumerate() {
        let first = term.get("term")?.as_str()?;
        let mut spellings = vec![first];
        if let Some(aliases) = term.get("aliases") {
            for a in aliases.as_array()? {
                spellings.push(a.as_str()?);
            }
        }
        let lists = term.get("_variants")?.get(2)?.as_array()?;
        if lists.len() != spellings.len() {
            return None;
        }
        let upper = term
            .get("needs")
            .and_then(Value::as_array)
            .is_some_and(|n| n.iter().any(|n| n == "uppercase"));
        for (spelling, list) in spellings.iter().zip(lists) {
            let s = spelling.trim();
            // An empty term is an error at run time.
            spelling::Stream::new(s, 0).next()?;
            let mut all = vec![s];
            for v in list.as_array()? {
                all.push(v.as_str()?);
            }
            for s in all {
                let order = entries.len() as u32;
                entries.push((
                    spelling::fold(s),
                    automaton::Terminal::new(slot, i as u32, order, s, upper),
                ));
            }
        }
    }
    Some((terms.len(), entries))
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

/// The `_variants` of every term of a lexicon file with a slot, taken out of its JSON as one
/// JSON list: the run time needs them only to build a lexicon from these terms and more
/// (the automaton has the spellings), and reading them was a third of reading the file.
fn take_variants(file: &mut Value) -> String {
    let mut all = Vec::new();
    if let Some(terms) = file.get_mut("terms").and_then(Value::as_array_mut) {
        for t in terms {
            if let Some(t) = t.as_object_mut() {
                all.push(t.remove("_variants").unwrap_or(Value::Null));
            }
        }
    }
    serde_json::to_string(&all).expect("JSON values serialize")
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
