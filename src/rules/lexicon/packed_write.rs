//! Writing a lexicon file in the packed form `packed.rs` reads (build.rs uses this on the
//! JSON it makes of each built-in lexicon file).
//!
//! The form mirrors serde's reading of the JSON into a `LexiconFile`: a string entry is a
//! bare term, a map a full one, a `null` an absent option. Whatever that reading would
//! reject or read differently (an unknown key, a value of the wrong type, an unknown
//! `inflect`) is not packed (`None`), and the run time reads that file as before.
//!
//! Layout: a number is LEB128 (`u32`); a string its length and its UTF-8 bytes; an optional
//! string 0, or 1 and the string; a list its length and its items. A file: `lexicon`,
//! `description`, `source`, `inflect`, `misspell`, the terms. `inflect` is a byte: 0 absent,
//! 1 `verb`, 2 `none`; `misspell` 0 absent, 1 false, 2 true. A term: 0 and a string (bare),
//! or 1 and `term`, `aliases`, `replacement`, `qualifiers`, `window` (0, or 1 and a number),
//! `means`, `code`, `needs` (a list of bytes: 0 `claim`, 1 `uppercase`), `source`,
//! `inflect`, `misspell`, `_variants` (0, or 1, the inflect byte, 0/1 for misspell, and the
//! lists of strings).

use serde_json::{Map, Value};

/// `file` (a lexicon file as JSON) packed, or `None` when it is not exactly a lexicon file.
pub fn pack(file: &Value) -> Option<Vec<u8>> {
    let map = file.as_object()?;
    known(
        map,
        &[
            "lexicon",
            "description",
            "source",
            "inflect",
            "misspell",
            "terms",
        ],
    )?;
    let mut out = Vec::new();
    string(&mut out, map.get("lexicon")?)?;
    opt_string(&mut out, map.get("description"))?;
    opt_string(&mut out, map.get("source"))?;
    inflect(&mut out, map.get("inflect"))?;
    misspell(&mut out, map.get("misspell"))?;
    let terms = map.get("terms")?.as_array()?;
    number(&mut out, terms.len())?;
    for t in terms {
        term(&mut out, t)?;
    }
    Some(out)
}

fn known(map: &Map<String, Value>, keys: &[&str]) -> Option<()> {
    map.keys().all(|k| keys.contains(&k.as_str())).then_some(())
}

fn number(out: &mut Vec<u8>, n: usize) -> Option<()> {
    let mut n = u32::try_from(n).ok()?;
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return Some(());
        }
        out.push(byte | 0x80);
    }
}

fn string(out: &mut Vec<u8>, v: &Value) -> Option<()> {
    let s = v.as_str()?;
    number(out, s.len())?;
    out.extend_from_slice(s.as_bytes());
    Some(())
}

fn opt_string(out: &mut Vec<u8>, v: Option<&Value>) -> Option<()> {
    match v {
        None | Some(Value::Null) => out.push(0),
        Some(v) => {
            out.push(1);
            string(out, v)?;
        }
    }
    Some(())
}

/// A list of strings; absent is empty (serde's `default`), `null` is an error there.
fn strings(out: &mut Vec<u8>, v: Option<&Value>) -> Option<()> {
    let Some(v) = v else {
        return number(out, 0);
    };
    let list = v.as_array()?;
    number(out, list.len())?;
    for s in list {
        string(out, s)?;
    }
    Some(())
}

fn inflect_byte(v: &Value) -> Option<u8> {
    match v.as_str()? {
        "verb" => Some(1),
        "none" => Some(2),
        _ => None,
    }
}

fn inflect(out: &mut Vec<u8>, v: Option<&Value>) -> Option<()> {
    out.push(match v {
        None | Some(Value::Null) => 0,
        Some(v) => inflect_byte(v)?,
    });
    Some(())
}

fn misspell(out: &mut Vec<u8>, v: Option<&Value>) -> Option<()> {
    out.push(match v {
        None | Some(Value::Null) => 0,
        Some(v) => 1 + u8::from(v.as_bool()?),
    });
    Some(())
}

fn term(out: &mut Vec<u8>, t: &Value) -> Option<()> {
    if t.is_string() {
        out.push(0);
        return string(out, t);
    }
    let map = t.as_object()?;
    known(
        map,
        &[
            "term",
            "aliases",
            "replacement",
            "qualifiers",
            "window",
            "means",
            "code",
            "needs",
            "source",
            "inflect",
            "misspell",
            "_variants",
        ],
    )?;
    out.push(1);
    string(out, map.get("term")?)?;
    strings(out, map.get("aliases"))?;
    opt_string(out, map.get("replacement"))?;
    strings(out, map.get("qualifiers"))?;
    match map.get("window") {
        None | Some(Value::Null) => out.push(0),
        Some(w) => {
            out.push(1);
            number(out, usize::try_from(w.as_u64()?).ok()?)?;
        }
    }
    opt_string(out, map.get("means"))?;
    opt_string(out, map.get("code"))?;
    match map.get("needs") {
        None => number(out, 0)?,
        Some(v) => {
            let list = v.as_array()?;
            number(out, list.len())?;
            for n in list {
                out.push(match n.as_str()? {
                    "claim" => 0,
                    "uppercase" => 1,
                    _ => return None,
                });
            }
        }
    }
    opt_string(out, map.get("source"))?;
    inflect(out, map.get("inflect"))?;
    misspell(out, map.get("misspell"))?;
    match map.get("_variants") {
        None | Some(Value::Null) => out.push(0),
        Some(v) => {
            let [how, miss, lists] = v.as_array()?.as_slice() else {
                return None;
            };
            out.push(1);
            out.push(inflect_byte(how)?);
            out.push(u8::from(miss.as_bool()?));
            let lists = lists.as_array()?;
            number(out, lists.len())?;
            for l in lists {
                strings(out, Some(l))?;
            }
        }
    }
    Some(())
}
