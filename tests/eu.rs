//! Markets and the `eu` pack: every EU rule fires on its fixtures and stays silent on the
//! rest (`fixtures/eu/rules/<rule name>/`, as `tests/rule_fixtures.rs` reads the US ones), a
//! compliant EU page passes clean, and each kind of problem the EU rules exist for is caught
//! by a test of its own.

use claimlint::config::rules_for_markets;
use claimlint::diagnostic::Diagnostic;
use claimlint::document::Format;
use claimlint::lint;
use claimlint::rules::RuleSet;
use std::path::Path;
use std::sync::OnceLock;

fn eu() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules_for_markets(&["eu"]).expect("eu rules load"))
}

fn both() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| rules_for_markets(&["us", "eu"]).expect("us and eu rules load"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn compliant() -> String {
    std::fs::read_to_string(root().join("fixtures/eu/pages/compliant.md")).unwrap()
}

fn findings(text: &str, format: Format, rules: &RuleSet) -> Vec<Diagnostic> {
    lint(text, format, rules).diagnostics
}

fn rules_of(text: &str) -> Vec<String> {
    findings(text, Format::Text, eu())
        .into_iter()
        .map(|d| d.rule)
        .collect()
}

#[test]
fn every_eu_rule_fires_on_its_fixtures_and_stays_silent_on_the_rest() {
    let rules = eu();
    let dir = root().join("fixtures/eu/rules");
    let mut failures = Vec::new();
    let eu_rules: Vec<_> = rules
        .rules
        .iter()
        .filter(|r| r.meta.id.starts_with("eu/"))
        .collect();
    assert!(eu_rules.len() >= 7, "{} eu rules", eu_rules.len());
    for rule in eu_rules {
        let name = rule.meta.id.split('/').nth(1).unwrap();
        let folder = dir.join(name);
        assert!(
            folder.is_dir(),
            "{} has no fixtures in {}",
            rule.meta.id,
            folder.display()
        );
        let mut entries: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        let (mut fires, mut silent) = (0, 0);
        for path in entries {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let expect = file.starts_with("fires");
            let text = std::fs::read_to_string(&path).unwrap();
            let cases: Vec<(String, String, Format)> = if file.ends_with(".txt") {
                text.lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| {
                        (
                            format!("{}:{}", path.display(), i + 1),
                            l.to_string(),
                            Format::Text,
                        )
                    })
                    .collect()
            } else {
                vec![(path.display().to_string(), text, Format::Markdown)]
            };
            for (origin, text, format) in cases {
                if expect {
                    fires += 1;
                } else {
                    silent += 1;
                }
                let got = findings(&text, format, rules);
                let fired = got.iter().any(|d| d.rule == rule.meta.id);
                if fired != expect {
                    failures.push(format!(
                        "{origin}: {} {} on {text:?}; got {:?}",
                        rule.meta.id,
                        if expect { "did not fire" } else { "fired" },
                        got.iter()
                            .map(|d| format!("{}: {}", d.rule, d.message))
                            .collect::<Vec<_>>()
                    ));
                }
            }
        }
        assert!(
            fires > 0 && silent > 0,
            "{}: fixtures need both kinds",
            rule.meta.id
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn compliant_eu_page_passes_clean() {
    let got = findings(&compliant(), Format::Markdown, eu());
    assert!(got.is_empty(), "{got:#?}");
}

#[test]
fn market_eu_lints_by_eu_rules_only() {
    let text = "Our magnesium supports a calm mood and prevents migraines.";
    let got = findings(text, Format::Text, eu());
    assert!(got.iter().any(|d| d.rule == "eu/disease-claim"), "{got:#?}");
    assert!(
        got.iter().all(|d| !d.rule.starts_with("us-fda/")),
        "{got:#?}"
    );
    assert!(got.iter().all(|d| d.markets == ["eu"]), "{got:#?}");
}

#[test]
fn dshea_disclaimer_is_asked_for_only_in_us() {
    let page = compliant();
    let us = findings(&page, Format::Markdown, both());
    let dshea: Vec<_> = us
        .iter()
        .filter(|d| d.rule == "us-fda/dshea-disclaimer")
        .collect();
    assert_eq!(dshea.len(), 1, "{us:#?}");
    assert_eq!(dshea[0].markets, ["us"]);
    let eu_only = findings(&page, Format::Markdown, eu());
    assert!(eu_only.iter().all(|d| d.rule != "us-fda/dshea-disclaimer"));
}

#[test]
fn market_us_and_eu_lints_by_both_and_reports_shared_findings_once() {
    let text = "Our vitamin C prevents colds and flu.";
    let got = findings(text, Format::Text, both());
    let disease: Vec<_> = got
        .iter()
        .filter(|d| d.category == claimlint::diagnostic::Category::DiseaseClaim)
        .collect();
    assert_eq!(disease.len(), 1, "one finding for both markets: {got:#?}");
    assert_eq!(disease[0].markets, ["eu", "us"]);
    let cite = disease[0].cite.as_deref().unwrap();
    assert!(
        cite.contains("1169/2011") && cite.contains("21 CFR"),
        "{cite}"
    );
}

#[test]
fn a_made_up_claim_is_flagged_with_the_nearest_authorised_wording() {
    let got = findings(
        "Vitamin D boosts your immunity all winter long.",
        Format::Text,
        eu(),
    );
    let d = got
        .iter()
        .find(|d| d.rule == "eu/unauthorised-health-claim")
        .expect("flagged");
    let help = d.help.as_deref().unwrap();
    assert!(
        help.contains("Vitamin D contributes to the normal function of the immune system"),
        "{help}"
    );
    assert!(!help.contains("structure/function"), "{help}");
}

#[test]
fn a_real_claim_for_the_wrong_nutrient_is_flagged() {
    let got = findings(
        "Zinc contributes to normal collagen formation for the normal function of skin.",
        Format::Text,
        eu(),
    );
    let d = got
        .iter()
        .find(|d| d.rule == "eu/unauthorised-health-claim")
        .expect("flagged");
    assert!(
        d.message
            .contains("authorises it for vitamin C, not for zinc"),
        "{}",
        d.message
    );
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("Zinc contributes to the maintenance of normal skin")
    );
}

#[test]
fn a_claim_with_too_little_of_the_nutrient_is_flagged() {
    let text = "Vitamin C contributes to the normal function of the immune system. Vitamin C 8 mg (10% NRV).";
    let got = findings(text, Format::Text, eu());
    let d = got
        .iter()
        .find(|d| d.rule == "eu/health-claim-conditions")
        .expect("flagged");
    assert!(
        d.message.contains("8 mg") && d.message.contains("12 mg"),
        "{}",
        d.message
    );
    // 80 mg is enough.
    let ok = text.replace("8 mg (10%", "80 mg (100%");
    assert!(!rules_of(&ok).contains(&"eu/health-claim-conditions".to_string()));
}

#[test]
fn an_amount_per_capsule_counts_times_the_daily_capsules() {
    let text = "Zinc contributes to normal cognitive function. Zinc 1 mg per capsule (10% NRV). Take 2 capsules a day.";
    assert!(!rules_of(text).contains(&"eu/health-claim-conditions".to_string()));
    let one = text.replace("Take 2 capsules a day", "Take 1 capsule a day");
    assert!(rules_of(&one).contains(&"eu/health-claim-conditions".to_string()));
}

#[test]
fn a_disease_claim_is_flagged_with_eu_law_and_no_us_wording() {
    let got = findings("Magnesium to relieve migraines.", Format::Text, eu());
    let d = got
        .iter()
        .find(|d| d.rule == "eu/disease-claim")
        .expect("flagged");
    assert!(d.cite.as_deref().unwrap().contains("Art. 7(3)"));
    assert!(d.cite.as_deref().unwrap().contains("2002/46/EC"));
    let help = d.help.as_deref().unwrap();
    assert!(help.contains("EU Register"), "{help}");
    // The us-fda lexicon's structure/function replacement is not offered.
    let us = findings(
        "Magnesium to relieve migraines.",
        Format::Text,
        &RuleSet::builtin().unwrap(),
    );
    let us_help = us
        .iter()
        .find(|d| d.rule == "us-fda/disease-claim")
        .unwrap()
        .help
        .clone()
        .unwrap();
    if let Some(example) = us_help.split("e.g.").nth(1) {
        assert!(!help.contains(example.trim()), "{help}");
    }
}

#[test]
fn an_art_14_claim_in_its_wording_is_lawful_not_a_disease_claim() {
    let text = "Calcium and vitamin D help to reduce the loss of bone mineral in post-menopausal women. Low bone mineral density is a risk factor for osteoporotic bone fractures. Calcium 1200 mg (150% NRV), vitamin D 20 µg (400% NRV).";
    let got = rules_of(text);
    assert!(!got.iter().any(|r| r == "eu/disease-claim"), "{got:?}");
    assert!(
        !got.iter()
            .any(|r| r.starts_with("eu/health-claim") || r == "eu/unauthorised-health-claim"),
        "{got:?}"
    );
    // Its conditions are its own (Reg. 1228/2014, Annex I: at least 400 mg of calcium and
    // 15 µg of vitamin D per portion): 300 mg of calcium is a source of calcium, not enough
    // here; 400 mg and 15 µg are.
    let low = text.replace("1200 mg (150%", "300 mg (38%");
    assert!(rules_of(&low).contains(&"eu/health-claim-conditions".to_string()));
    let low_d = text.replace("20 µg (400%", "10 µg (200%");
    assert!(rules_of(&low_d).contains(&"eu/health-claim-conditions".to_string()));
    let least = text
        .replace("1200 mg (150%", "400 mg (50%")
        .replace("20 µg (400%", "15 µg (300%");
    assert!(
        !rules_of(&least).contains(&"eu/health-claim-conditions".to_string()),
        "{:?}",
        rules_of(&least)
    );
    // The same disease said more strongly is a disease claim.
    let strong = "Calcium and vitamin D prevent osteoporotic bone fractures.";
    assert!(rules_of(strong).contains(&"eu/disease-claim".to_string()));
}

#[test]
fn a_childrens_claim_is_authorised_in_its_wording() {
    let text = "Vitamin D is needed for normal growth and development of bone in children. Vitamin D 5 µg (100% NRV).";
    let got = rules_of(text);
    assert!(
        !got.iter()
            .any(|r| r == "eu/unauthorised-health-claim" || r == "eu/health-claim-conditions"),
        "{got:?}"
    );
}

#[test]
fn a_botanical_claim_is_a_warning_not_an_error() {
    let got = findings(
        "Ashwagandha supports a calm, balanced mood.",
        Format::Text,
        eu(),
    );
    let d = got
        .iter()
        .find(|d| d.rule == "eu/botanical-claim-on-hold")
        .expect("reported");
    assert_eq!(d.severity, claimlint::diagnostic::Severity::Warning);
    assert!(
        got.iter()
            .all(|d| d.severity < claimlint::diagnostic::Severity::Error),
        "{got:#?}"
    );
}

#[test]
fn nutrition_claims_need_15_and_30_percent() {
    let source = |mg: &str| format!("A source of vitamin C. Vitamin C {mg} (x% NRV).");
    assert!(rules_of(&source("11 mg")).contains(&"eu/nutrition-claim".to_string()));
    assert!(!rules_of(&source("12 mg")).contains(&"eu/nutrition-claim".to_string()));
    let high = |mg: &str| format!("High in vitamin C. Vitamin C {mg} (x% NRV).");
    assert!(rules_of(&high("20 mg")).contains(&"eu/nutrition-claim".to_string()));
    assert!(!rules_of(&high("24 mg")).contains(&"eu/nutrition-claim".to_string()));
}

/// Each statement of Art. 6, removed from the compliant page, is reported by name.
#[test]
fn each_missing_statement_is_flagged() {
    let page = compliant();
    let cases = [
        (
            "Food supplement with vitamins and minerals.",
            "Vitamin C and zinc tablets.",
            "\"food supplement\"",
        ),
        (
            "Food supplement with vitamins and minerals.",
            "Food supplement.",
            "categories of nutrients that characterise the product (not named: mineral)",
        ),
        (
            "Recommended daily portion: 1 tablet with water.",
            "Best with water.",
            "recommended daily portion",
        ),
        (
            "Do not exceed the recommended daily dose.",
            "",
            "not to exceed",
        ),
        (
            "Food supplements should not be used as a substitute for a varied and balanced diet and a\nhealthy lifestyle.",
            "",
            "substitute for a varied diet",
        ),
        (
            "Store out of the reach of young children.",
            "",
            "out of the reach of young children",
        ),
    ];
    for (from, to, expect) in cases {
        assert!(page.contains(from), "{from}");
        let mut text = page.replace(from, to);
        if expect == "recommended daily portion" {
            // The table's head states the daily portion too.
            text = text.replace("Per daily portion (1 tablet)", "Per tablet");
        }
        let got: Vec<_> = findings(&text, Format::Markdown, eu())
            .into_iter()
            .filter(|d| d.rule == "eu/supplement-labelling")
            .collect();
        assert_eq!(got.len(), 1, "{expect}: {got:#?}");
        assert!(
            got[0].message.contains(expect),
            "{expect}: {}",
            got[0].message
        );
        assert!(got[0].cite.as_deref().unwrap().contains("2002/46/EC"));
    }
    // Art. 8: an amount without its share of the NRV.
    let text = page.replace("| Zinc | 10 mg | 100% |", "| Zinc | 10 mg | |");
    let got: Vec<_> = findings(&text, Format::Markdown, eu())
        .into_iter()
        .filter(|d| d.rule == "eu/supplement-labelling")
        .collect();
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0]
            .message
            .contains("zinc is not given as a percentage of the NRV")
    );
}

#[test]
fn a_varied_diet_claim_is_flagged() {
    assert!(
        rules_of("Even a balanced diet cannot provide all the nutrients your body needs.")
            .contains(&"eu/varied-diet-claim".to_string())
    );
}

#[test]
fn front_matter_market_overrides_the_configured_one() {
    let page = "---\ntitle: Tablets\nmarket: us\n---\n\nOur vitamin C prevents colds.\n";
    let got = findings(page, Format::Markdown, both());
    assert!(got.iter().all(|d| d.markets == ["us"]), "{got:#?}");
    let page = page.replace("market: us", "market: [eu]");
    let got = findings(&page, Format::Markdown, both());
    assert!(got.iter().all(|d| d.markets == ["eu"]), "{got:#?}");
    // A market the config does not load is reported, not skipped silently.
    let page = page.replace("market: [eu]", "market: eu");
    let got = findings(&page, Format::Markdown, &RuleSet::builtin().unwrap());
    assert!(
        got.iter().any(|d| d.rule == "claimlint/unknown-market"),
        "{got:#?}"
    );
    let page = page.replace("market: eu", "market: mars");
    let got = findings(&page, Format::Markdown, both());
    assert!(
        got.iter()
            .any(|d| d.rule == "claimlint/unknown-market" && d.message.contains("mars"))
    );
    // A market claimlint has no pack for does not switch the checks off: the configured
    // markets apply, and the finding says so.
    let page = page.replace("market: mars", "market: Canada");
    let got = findings(&page, Format::Markdown, &RuleSet::builtin().unwrap());
    let unknown = got
        .iter()
        .find(|d| d.rule == "claimlint/unknown-market")
        .expect("the unknown market is reported");
    assert!(
        unknown
            .help
            .as_deref()
            .is_some_and(|h| h.contains("linted for us instead")),
        "{unknown:#?}"
    );
    assert!(
        got.iter().any(|d| d.rule == "us-fda/disease-claim"),
        "{got:#?}"
    );
}

#[test]
fn copy_in_a_language_the_pack_does_not_read_is_reported_once() {
    let page = "# Vitamin C\n\nVitamin C trägt zu einer normalen Funktion des Immunsystems bei und ist für die Haut wichtig.\n\nNahrungsergänzungsmittel sind kein Ersatz für eine ausgewogene und abwechslungsreiche Ernährung und sind für Kinder unzugänglich aufzubewahren.\n";
    let got = findings(page, Format::Markdown, both());
    let unread: Vec<_> = got
        .iter()
        .filter(|d| d.rule == "claimlint/unread-language")
        .collect();
    assert_eq!(unread.len(), 1, "{got:#?}");
    assert!(unread[0].message.contains("German"));
    assert_eq!(unread[0].markets, ["eu", "us"]);
    let english = findings(&compliant(), Format::Markdown, eu());
    assert!(
        english
            .iter()
            .all(|d| d.rule != "claimlint/unread-language")
    );
}

#[test]
fn the_default_market_is_us_and_its_findings_say_so() {
    let got = findings(
        "Our blend prevents migraines.",
        Format::Text,
        &RuleSet::builtin().unwrap(),
    );
    assert!(got.iter().any(|d| d.rule == "us-fda/disease-claim"));
    assert!(got.iter().all(|d| d.markets == ["us"]), "{got:#?}");
}

#[test]
fn data_files_parse_and_every_entry_has_a_source() {
    use claimlint::rules::register::data;
    let dir = root().join("rules/eu/data");
    let nrv_text = std::fs::read_to_string(dir.join("eu-nrv.yaml")).unwrap();
    let nrv = data::load_nrv(&nrv_text).expect("NRV table parses");
    assert!(nrv.source.contains("1169/2011"));
    assert_eq!(
        nrv.nutrients.len(),
        27,
        "every vitamin and mineral of Annex XIII Part A"
    );
    let claims = data::load_register(
        &std::fs::read_to_string(dir.join("eu-health-claims.yaml")).unwrap(),
        &nrv,
    )
    .expect("register parses");
    for c in &claims {
        assert!(
            !c.act.trim().is_empty() && c.act.contains("Regulation"),
            "{}: {}",
            c.wording,
            c.act
        );
    }
    for (i, n) in nrv.nutrients.iter().enumerate() {
        assert!(
            claims.iter().any(|c| c.nutrients == [i]),
            "no Register entry for {}",
            n.id
        );
    }
    let text = std::fs::read_to_string(dir.join("eu-health-claims.yaml")).unwrap();
    assert!(text.contains("WITHOUT NETWORK ACCESS"));
    // Every EU UL names what it covers and where it comes from.
    let ul = std::fs::read_to_string(dir.join("eu-upper-limits.yaml")).unwrap();
    let table = claimlint::rules::dose::Table::load(&ul).expect("UL table parses");
    for n in &table.nutrients {
        if !n.ul.is_empty() {
            assert!(
                n.source.as_deref().is_some_and(|s| s.contains("EFSA")),
                "{}",
                n.id
            );
            assert!(n.covers.is_some(), "{}", n.id);
        }
    }
}
