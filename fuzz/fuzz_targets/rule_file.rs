//! Load any text as a user's rule file beside the built-in pack: it either compiles or comes
//! back as errors with positions inside the file; it never panics. A rule that compiles is
//! run over a page of copy.
#![no_main]

use claimlint::document::{Document, Format};
use claimlint::rules::{RuleSet, RuleSetSpec, SourceFile, builtin_pack};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

/// The built-in pack's data and smaller lexicons (not its rules, and not the two largest
/// lexicons), so one run costs milliseconds, not the whole pack's compile.
fn pack() -> &'static [SourceFile] {
    static PACK: OnceLock<Vec<SourceFile>> = OnceLock::new();
    PACK.get_or_init(|| {
        builtin_pack("us-fda")
            .unwrap_or_default()
            .into_iter()
            .filter(|f| {
                f.rel.starts_with("data/")
                    || (f.rel.starts_with("lexicons/") && f.text.len() < 10_000)
            })
            .collect()
    })
}

const PAGE: &str = "# Calm\n\nOur tea prevents migraines and supports a calm mood. Studies show \
it works [1]. Take 4000 mg of vitamin C daily, a miracle.\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first line picks where the file sits in the pack: a rule, a lexicon or data.
    let (rel, body) = match text.split_once('\n') {
        Some(("lexicon", rest)) => ("lexicons/fuzz.yaml", rest),
        Some(("data", rest)) => ("data/nutrients.yaml", rest),
        _ => ("fuzz.yaml", text),
    };
    let spec = RuleSetSpec {
        packs: vec![("us-fda".into(), pack().to_vec())],
        extra: vec![SourceFile {
            rel: rel.into(),
            origin: "fuzz.yaml".into(),
            text: Arc::from(body),
        }],
        ..RuleSetSpec::default()
    };
    match RuleSet::build(&spec) {
        Ok(rules) => {
            let doc = Document::parse(PAGE.to_string(), Format::Markdown);
            for d in rules.check(&doc) {
                assert!(d.span.end <= PAGE.len());
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(!e.message.is_empty());
                if let (Some(span), Some(t)) = (e.span, &e.text) {
                    assert!(span.end <= t.len(), "{e:?}");
                }
            }
        }
    }
});
