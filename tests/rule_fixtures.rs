//! Every built-in rule has copy it must fire on and copy it must stay silent on, in
//! `fixtures/rules/<rule name>/`: `fires*.txt` and `silent*.txt` hold one case per line,
//! `fires*.md` and `silent*.md` are one case per file.

use claimlint::document::Format;
use claimlint::rules::RuleSet;
use std::path::Path;

struct Case {
    origin: String,
    text: String,
    format: Format,
    fires: bool,
}

fn cases(dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let fires = name.starts_with("fires");
        assert!(
            fires || name.starts_with("silent"),
            "unexpected fixture {}",
            path.display()
        );
        let text = std::fs::read_to_string(&path).unwrap();
        if name.ends_with(".txt") {
            for (i, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                out.push(Case {
                    origin: format!("{}:{}", path.display(), i + 1),
                    text: line.to_string(),
                    format: Format::Text,
                    fires,
                });
            }
        } else {
            out.push(Case {
                origin: path.display().to_string(),
                text,
                format: Format::Markdown,
                fires,
            });
        }
    }
    out
}

#[test]
fn every_rule_fires_on_its_fixtures_and_stays_silent_on_the_rest() {
    let rules = RuleSet::builtin().expect("built-in rules load");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut failures = Vec::new();
    for rule in &rules.rules {
        let name = rule.meta.id.split('/').nth(1).unwrap();
        let dir = root.join(name);
        assert!(
            dir.is_dir(),
            "rule {} has no fixtures in {}",
            rule.meta.id,
            dir.display()
        );
        let cases = cases(&dir);
        assert!(
            cases.iter().any(|c| c.fires),
            "{}: no copy it must fire on",
            rule.meta.id
        );
        assert!(
            cases.iter().any(|c| !c.fires),
            "{}: no copy it must stay silent on",
            rule.meta.id
        );
        for case in cases {
            let linted = claimlint::lint(&case.text, case.format, &rules);
            let hits: Vec<_> = linted
                .diagnostics
                .iter()
                .filter(|d| d.rule == rule.meta.id)
                .collect();
            if case.fires && hits.is_empty() {
                failures.push(format!(
                    "{}: {} did not fire on: {}",
                    case.origin,
                    rule.meta.id,
                    case.text.trim()
                ));
            }
            if !case.fires && !hits.is_empty() {
                failures.push(format!(
                    "{}: {} fired ({}) on: {}",
                    case.origin,
                    rule.meta.id,
                    hits[0].message,
                    case.text.trim()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}
