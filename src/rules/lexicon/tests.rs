use super::spelling::{Stream, fold, is_ignorable, word_char_before};
use super::*;

fn lex(terms: &[&str]) -> Lexicon {
    Lexicon::new(
        "t",
        terms
            .iter()
            .map(|t| TermEntry::Bare(t.to_string()).into_term())
            .collect(),
    )
    .unwrap()
}

fn found<'a>(l: &Lexicon, text: &'a str) -> Vec<&'a str> {
    l.find_all(text)
        .into_iter()
        .map(|m| &text[m.range])
        .collect()
}

#[test]
fn whole_words_case_insensitive_longest_first() {
    let l = lex(&["blood pressure", "high blood pressure", "gout"]);
    assert_eq!(
        found(
            &l,
            "Lowers HIGH blood pressure and Gout; not yogout or goutish."
        ),
        ["HIGH blood pressure", "Gout"]
    );
}

#[test]
fn plurals_and_apostrophes() {
    let l = lex(&["migraine", "alzheimer's disease", "ulcer", "rash", "hiv"]);
    assert_eq!(
        found(
            &l,
            "migraines, Alzheimer’s disease and ulcers, rashes, hives"
        ),
        ["migraines", "Alzheimer’s disease", "ulcers", "rashes"]
    );
}

#[test]
fn spaces_and_hyphens_between_words_are_optional() {
    let l = lex(&[
        "postpartum depression",
        "high blood pressure",
        "coronavirus",
    ]);
    assert_eq!(
        found(
            &l,
            "post partum depression, Post-Partum Depression, #highbloodpressure, corona virus"
        ),
        [
            "post partum depression",
            "Post-Partum Depression",
            "highbloodpressure",
            "corona virus"
        ]
    );
    // A hyphen a term starts with is still needed.
    let l = lex(&["-lowering"]);
    assert_eq!(found(&l, "cholesterol-lowering, lowering"), ["-lowering"]);
}

#[test]
fn generated_variants_match() {
    let l = lex(&["tumor", "type 2 diabetes", "crohn's disease", "edema"]);
    assert_eq!(
        found(
            &l,
            "tumours, Type II diabetes, Crohns disease, Crohn disease, oedema"
        ),
        [
            "tumours",
            "Type II diabetes",
            "Crohns disease",
            "Crohn disease",
            "oedema"
        ]
    );
}

#[test]
fn invisible_characters_neither_split_nor_hide_a_word() {
    let l = lex(&["prevents", "cancer"]);
    let text = "It pre\u{00AD}vents can\u{200B}cer.";
    assert_eq!(found(&l, text), ["pre\u{00AD}vents", "can\u{200B}cer"]);
    // A word with a soft hyphen is the word without it, whichever side the term is on.
    assert_eq!(
        found(&lex(&["gout"]), "go\u{00AD}ut and gout\u{00AD}ish"),
        ["go\u{00AD}ut"]
    );
}

#[test]
fn a_shorter_spelling_that_ends_on_a_boundary_wins_over_a_longer_one_that_does_not() {
    let l = lex(&["heart", "heart dis"]);
    assert_eq!(found(&l, "heart disease"), ["heart"]);
}

#[test]
fn uppercase_terms_count_only_in_capitals_in_mixed_text() {
    let mut t = TermEntry::Bare("ms".into()).into_term();
    t.needs = vec![Need::Uppercase];
    let l = Lexicon::new("t", vec![t]).unwrap();
    assert_eq!(found(&l, "Living with MS is hard."), ["MS"]);
    assert!(found(&l, "Take 500 ms of rest; Ms. Smith agrees.").is_empty());
    assert!(found(&l, "MS SUPPORT FORMULA").is_empty());
}

#[test]
fn inflected_verbs() {
    let mut t = TermEntry::Bare("lower the risk of".into()).into_term();
    t.inflect = Some(Inflect::Verb);
    let l = Lexicon::new("t", vec![t]).unwrap();
    assert_eq!(
        found(&l, "Lowering the risk of gout; lowers the risk of"),
        ["Lowering the risk of", "lowers the risk of"]
    );
}

#[test]
fn non_ascii_text_around_matches() {
    let l = lex(&["eczema"]);
    assert_eq!(found(&l, "—eczema™ and éeczema"), ["eczema"]);
}

#[test]
fn multibyte_text_after_a_term_does_not_panic() {
    let l = lex(&["magnesium"]);
    assert!(found(&l, "magnesium\u{2014}x magnesium® magnesium’").len() == 3);
}

/// What [`Lexicon::find_all`] must return, by brute force: at every place a term may start
/// (a word's first character, or any other character), for every spelling whose folded
/// bytes the text's stream starts with, the longest that passes the boundary checks; the
/// next try is after the last match.
fn reference(l: &Lexicon) -> impl Fn(&str) -> Vec<LexMatch> + '_ {
    let spellings: Vec<(Vec<u8>, Terminal)> = l.entries(0).collect();
    move |text| {
        let mut out = Vec::new();
        let mut resume = 0;
        for (i, c) in text.char_indices() {
            if i < resume || is_ignorable(c) || (is_word_char(c) && word_char_before(text, i)) {
                continue;
            }
            let stream: Vec<(u8, usize)> = Stream::new(text, i).map(|s| (s.byte, s.next)).collect();
            let mut best: Option<(usize, usize, u32, u32)> = None;
            for (folded, t) in &spellings {
                if folded.is_empty()
                    || stream.len() < folded.len()
                    || !stream.iter().zip(folded).all(|(s, f)| s.0 == *f)
                {
                    continue;
                }
                let raw_end = stream[folded.len() - 1].1;
                let Some(end) = super::automaton::accept(text, i, raw_end, t) else {
                    continue;
                };
                let better = match best {
                    None => true,
                    Some((r, _, _, o)) => raw_end > r || (raw_end == r && t.order < o),
                };
                if better {
                    best = Some((raw_end, end, t.term, t.order));
                }
            }
            if let Some((_, end, term, _)) = best {
                resume = end;
                out.push(LexMatch {
                    range: i..end,
                    term: term as usize,
                });
            }
        }
        out
    }
}

#[test]
fn no_match_inside_a_word_hides_one_after_it() {
    let l = lex(&["heart dis", "disease", "blood pressure", "pressure"]);
    assert_eq!(
        found(&l, "sweetheart disease; lifeblood pressure"),
        ["disease", "pressure"]
    );
}

/// Random text from `pieces`, glued with spaces, punctuation, word fragments that make
/// terms start or end inside words, plural endings, hyphens, invisible characters and
/// non-ASCII letters.
fn random_text(seed: &mut u64, pieces: &[&str], words: usize) -> String {
    const GLUE: &[&str] = &[
        " ", " ", " ", ", ", ". ", "-", "(", ")", "’", "'", "s ", "es ", "’s ", "x", "art", "he",
        "é", "—", "™ ", "  ", "\u{2014}", "[", "]", "1", "hear", "ss", " - ", "\u{00AD}", "",
    ];
    let mut next = || {
        *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) as usize
    };
    let mut out = String::new();
    for _ in 0..words {
        if next() % 3 == 0 {
            out.push_str(GLUE[next() % GLUE.len()]);
        }
        let p = pieces[next() % pieces.len()];
        match next() % 4 {
            0 => out.push_str(&p.to_ascii_uppercase()),
            1 if p.len() > 2 => {
                let mut half = p.len() / 2;
                while !p.is_char_boundary(half) {
                    half -= 1;
                }
                out.push_str(&p[..half]);
            }
            _ => out.push_str(p),
        }
        out.push_str(GLUE[next() % GLUE.len()]);
    }
    out
}

#[test]
fn trie_matches_brute_force_on_tricky_text() {
    let l = lex(&[
        "art disease",
        "disease",
        "gout",
        "heart dis",
        "(ref)",
        "-lowering",
        "cholesterol",
        "alzheimer's disease",
        "hiv",
        "rash",
        "ulcer",
        "high blood pressure",
        "blood pressure",
        "a b",
        "disease",
        "é b",
        "[1]",
        "s, x",
        "post partum",
    ]);
    let pieces = [
        "heart",
        "disease",
        "art",
        "gout",
        "goutish",
        "high",
        "blood",
        "pressure",
        "ref",
        "lowering",
        "cholesterol",
        "alzheimer",
        "hiv",
        "hives",
        "rash",
        "ulcer",
        "a",
        "b",
        "ab",
        "abs",
        "dis",
        "é",
        "sweetheart",
        "1",
        "s",
        "x",
        "post",
        "partum",
    ];
    let reference = reference(&l);
    let mut seed = 1;
    for _ in 0..5_000 {
        let text = random_text(&mut seed, &pieces, 12);
        assert_eq!(l.find_all(&text), reference(&text), "{text:?}");
    }
}

#[test]
fn one_automaton_for_every_lexicon_finds_what_each_finds_alone() {
    let set = crate::rules::RuleSet::builtin().unwrap();
    let shared = automaton(&set.lexicons);
    let page = include_str!("../../../fixtures/pages/magnesium-glycinate.txt");
    let mut seed = 7;
    let mut texts = vec![page.to_string()];
    let pieces: Vec<&str> = set
        .lexicons
        .iter()
        .flat_map(|l| l.spellings().take(40))
        .chain(["the", "and", "supports", "heart", "art", "s"])
        .collect();
    for _ in 0..300 {
        texts.push(random_text(&mut seed, &pieces, 14));
    }
    for text in &texts {
        let all = shared.find(text);
        for (slot, l) in set.lexicons.iter().enumerate() {
            let mine: Vec<LexMatch> = all
                .iter()
                .filter(|m| m.0 as usize == slot)
                .map(|m| m.1.clone())
                .collect();
            assert_eq!(mine, l.find_all(text), "{}: {text:?}", l.name);
        }
    }
}

#[test]
fn folding_is_what_the_trie_reads() {
    assert_eq!(fold("Crohn’s  Disease"), b"crohn's disease");
    assert_eq!(fold("Post-Partum  Depression"), b"postpartumdepression");
}

#[test]
fn entries_are_bare_strings_or_full_terms_and_errors_say_which_field() {
    let entries: Vec<TermEntry> =
        crate::yaml::from_str("- gout\n- term: high blood pressure\n  aliases: [hypertension]\n")
            .unwrap();
    assert_eq!(entries[0], TermEntry::Bare("gout".into()));
    let TermEntry::Full(t) = &entries[1] else {
        panic!("{entries:?}")
    };
    assert_eq!(
        (t.term.as_str(), t.aliases.len()),
        ("high blood pressure", 1)
    );
    let err = crate::yaml::from_str::<Vec<TermEntry>>("- term: gout\n  alias: [x]\n").unwrap_err();
    assert!(
        err.message.contains("unknown field `alias`"),
        "{}",
        err.message
    );
    let err = crate::yaml::from_str::<Vec<TermEntry>>("- [gout]\n").unwrap_err();
    assert!(err.message.contains("a term, or a map"), "{}", err.message);
    let needs: Vec<TermEntry> =
        crate::yaml::from_str("- term: cold\n  needs: [claim]\n  code: J00\n").unwrap();
    let TermEntry::Full(t) = &needs[0] else {
        panic!("{needs:?}")
    };
    assert_eq!(
        (t.needs.as_slice(), t.code.as_deref()),
        (&[Need::Claim][..], Some("J00"))
    );
}

#[test]
fn empty_term_is_an_error() {
    let err = Lexicon::new("x", vec![TermEntry::Bare(" ".into()).into_term()]).unwrap_err();
    assert!(err.contains("empty term"));
}

#[test]
fn variants_made_at_build_time_are_the_ones_made_at_run_time() {
    // build.rs writes each built-in term's variants into its JSON; a lexicon compiled from
    // them has exactly the spellings of one that generates them, and a term whose options
    // changed since (a rule asking for verb forms) generates its own.
    use crate::rules::lexicon::LexiconFile;
    let mut checked = 0;
    for f in crate::rules::builtin_pack("us-fda").unwrap() {
        if !f.rel.starts_with("lexicons/") {
            continue;
        }
        let file: LexiconFile = crate::yaml::from_str(&f.text).unwrap();
        let slot = crate::yaml::builtin_lexicon(&f.text).map(|b| b.0);
        let terms: Vec<Term> = file.into_terms(slot);
        assert!(
            terms.iter().all(|t| t.made_variants().is_some()),
            "{} has terms without prepared variants",
            f.rel
        );
        let fresh: Vec<Term> = terms
            .iter()
            .cloned()
            .map(|mut t| {
                t.variants = None;
                t.builtin_at = None;
                t
            })
            .collect();
        let a = Lexicon::new("a", terms.clone()).unwrap();
        let b = Lexicon::new("b", fresh).unwrap();
        assert!(a.spellings().eq(b.spellings()), "{}", f.rel);
        checked += a.spelling_count();
        let verbs: Vec<Term> = terms
            .into_iter()
            .map(|mut t| {
                t.inflect = Some(crate::rules::lexicon::Inflect::Verb);
                t
            })
            .collect();
        let c = Lexicon::new("c", verbs.clone()).unwrap();
        let d = Lexicon::new(
            "d",
            verbs
                .into_iter()
                .map(|mut t| {
                    t.variants = None;
                    t.builtin_at = None;
                    t
                })
                .collect(),
        )
        .unwrap();
        assert!(c.spellings().eq(d.spellings()), "{}", f.rel);
    }
    assert!(checked > 40_000, "{checked}");
}

/// The built-in lexicons as the run time reads them, each in its slot of the built-in
/// automaton.
fn builtin_lexicon_files() -> Vec<(u32, Lexicon)> {
    let mut out = Vec::new();
    for pack in crate::rules::builtin_pack_names() {
        for f in crate::rules::builtin_pack(&pack).unwrap() {
            if !f.rel.starts_with("lexicons/") {
                continue;
            }
            let (slot, terms, spellings) = crate::yaml::builtin_lexicon(&f.text)
                .unwrap_or_else(|| panic!("{} has no slot in the built-in automaton", f.rel));
            let file: LexiconFile = crate::yaml::from_str(&f.text).unwrap();
            let l = Lexicon::new(&f.rel, file.into_terms(Some(slot))).unwrap();
            assert_eq!(l.len(), terms as usize, "{}", f.rel);
            assert_eq!(l.spelling_count(), spellings as usize, "{}", f.rel);
            out.push((slot, l));
        }
    }
    out
}

#[test]
fn the_prebuilt_automaton_is_the_one_built_at_run_time() {
    let files = builtin_lexicon_files();
    let mut slots: Vec<u32> = files.iter().map(|(s, _)| *s).collect();
    slots.sort();
    assert_eq!(slots, (0..files.len() as u32).collect::<Vec<_>>());
    let entries = files
        .iter()
        .flat_map(|(slot, l)| l.entries(*slot))
        .collect();
    let runtime = Automaton::new(files.len(), entries);
    assert!(*builtin() == runtime, "build.rs made another automaton");
    // The embedded bytes are aligned, so the arrays are used in place.
    assert!(matches!(builtin().nodes, std::borrow::Cow::Borrowed(_)));
}

/// A rule set's automata and one automaton built from its lexicons' spellings agree on
/// random texts of their spellings, for every slot.
fn automata_agree(set: &crate::rules::RuleSet, seed: u64) {
    let one = automaton(&set.lexicons);
    // Two tries, and the same grafted into one (a set grafts them after 256 KB of text).
    let two = Automata::new(&set.lexicons);
    let grafted = Automata::new(&set.lexicons);
    let merged = grafted.merged();
    assert!(merged.is_some(), "nothing to graft");
    let page = include_str!("../../../fixtures/pages/magnesium-glycinate.txt");
    let mut seed = seed;
    let mut texts = vec![page.to_string()];
    let pieces: Vec<&str> = set
        .lexicons
        .iter()
        .flat_map(|l| l.spellings().step_by(7).take(30))
        .chain(["the", "and", "supports", "heart", "art", "s", "#", "-"])
        .collect();
    for _ in 0..200 {
        texts.push(random_text(&mut seed, &pieces, 14));
    }
    for text in &texts {
        assert_eq!(two.find(text), one.find(text), "{text:?}");
        if let Some(merged) = merged {
            assert_eq!(merged.find(text), one.find(text), "grafted: {text:?}");
        }
        for (at, _) in text.char_indices().step_by(3) {
            let limit = (at + 40).min(text.len());
            let limit = (limit..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap();
            assert_eq!(
                two.spellings_at(text, at, limit),
                one.spellings_at(text, at, limit),
                "{text:?} at {at}"
            );
            if let Some(merged) = merged {
                assert_eq!(
                    merged.spellings_at(text, at, limit),
                    one.spellings_at(text, at, limit),
                    "grafted: {text:?} at {at}"
                );
            }
        }
    }
}

#[test]
fn a_rule_sets_automata_find_what_one_automaton_of_its_lexicons_finds() {
    let set = crate::rules::RuleSet::builtin().unwrap();
    // The big lexicons are the prebuilt ones, merged or not.
    for name in [
        "conditions+consumer-conditions+icd10cm",
        "drugs",
        "pathogens",
    ] {
        let l = set.lexicons.iter().find(|l| l.name == name).unwrap();
        assert!(!l.parts().is_empty(), "{name} was built at run time");
    }
    automata_agree(&set, 11);
}

#[test]
fn added_terms_and_both_packs_still_find_the_same() {
    // Terms added by the config make a built-in lexicon a run-time one, and the merged
    // lexicons made of it too.
    let mut spec = crate::rules::RuleSetSpec {
        packs: ["us-fda", "eu"]
            .iter()
            .map(|p| (p.to_string(), crate::rules::builtin_pack(p).unwrap()))
            .collect(),
        ..Default::default()
    };
    spec.lexicon_additions.insert(
        "conditions".into(),
        vec![TermEntry::Bare("gout".into()).into_term()],
    );
    let set = crate::rules::RuleSet::build(&spec).unwrap();
    let merged = |name: &str| set.lexicons.iter().find(|l| l.name == name).unwrap();
    assert!(
        merged("conditions+consumer-conditions+icd10cm")
            .parts()
            .is_empty()
    );
    assert!(!merged("drugs+drug-classes").parts().is_empty());
    automata_agree(&set, 12);
}

#[test]
fn a_lexicon_used_merged_and_then_alone_has_the_same_terms() {
    // The merge moves the files' terms instead of copying them; a rule that names one of
    // them afterwards still gets all of them.
    let rule = "id: brand/x\nkind: claim\ncategory: disease-claim\nseverity: error\n\
                message: x\nhelp: y\nstandalone: true\ntargets: {lexicon: icd10cm}\n";
    let spec = crate::rules::RuleSetSpec {
        packs: vec![(
            "us-fda".into(),
            crate::rules::builtin_pack("us-fda").unwrap(),
        )],
        extra: vec![crate::rules::SourceFile {
            rel: "x.yaml".into(),
            origin: "x.yaml".into(),
            text: rule.into(),
        }],
        ..Default::default()
    };
    let set = crate::rules::RuleSet::build(&spec).unwrap();
    let find = |name: &str| set.lexicons.iter().find(|l| l.name == name).unwrap();
    let merged = find("conditions+consumer-conditions+icd10cm");
    let alone = find("icd10cm");
    assert!(alone.len() > 1000);
    assert_eq!(alone.terms[..], merged.terms[merged.len() - alone.len()..]);
    automata_agree(&set, 13);
}
