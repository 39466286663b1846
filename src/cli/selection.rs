//! `--select` and `--ignore`: which rules run, named by id, by name, by category or by pack,
//! as ruff's flags of the same names. `--select` keeps only what it names (claimlint's own
//! rules too), then `--ignore` drops what it names. Input errors are always reported.

use claimlint::internal;
use claimlint::rules::{RuleOverride, RuleSet};

/// What a selector can name: an id, its name after the pack, its category, its pack.
fn names(selector: &str, id: &str, category: &str) -> bool {
    let (pack, name) = id.split_once('/').unwrap_or(("", id));
    selector == id || selector == name || selector == category || selector == pack
}

/// Every rule a selector can reach: (id, category), enabled or not.
fn every_rule(rules: &RuleSet) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = rules
        .rules
        .iter()
        .map(|r| (r.meta.id.clone(), r.meta.category.as_str().to_string()))
        .collect();
    for id in rules.known.keys() {
        if !all.iter().any(|(a, _)| a == id) {
            all.push((id.clone(), String::new()));
        }
    }
    for r in internal::RULES {
        all.push((r.id.to_string(), r.category().as_str().to_string()));
    }
    all
}

/// Narrow `rules` to the selection. An error (a selector that names nothing, or a selection
/// that leaves no rule) is the message to print.
pub(crate) fn apply(
    rules: &mut RuleSet,
    select: &[String],
    ignore: &[String],
) -> Result<(), String> {
    if select.is_empty() && ignore.is_empty() {
        return Ok(());
    }
    let all = every_rule(rules);
    for (flag, list) in [("--select", select), ("--ignore", ignore)] {
        for s in list {
            if !all.iter().any(|(id, cat)| names(s, id, cat)) {
                let mut packs: Vec<&str> = all
                    .iter()
                    .filter_map(|(id, _)| id.split_once('/').map(|p| p.0))
                    .collect();
                packs.sort_unstable();
                packs.dedup();
                return Err(format!(
                    "error: `{flag}` names no rule, category or pack `{s}`\n  = help: rule ids \
                     are listed by `claimlint rules`; categories: disease-claim, disclaimer, \
                     dose, reference, other; packs: {}\n",
                    packs.join(", ")
                ));
            }
        }
    }
    let runs = |id: &str, category: &str| {
        (select.is_empty() || select.iter().any(|s| names(s, id, category)))
            && !ignore.iter().any(|s| names(s, id, category))
    };
    let mut dropped = Vec::new();
    rules.rules.retain(|r| {
        let keep = runs(&r.meta.id, r.meta.category.as_str());
        if !keep {
            dropped.push(r.meta.id.clone());
        }
        keep
    });
    for id in dropped {
        rules.known.insert(id, false);
    }
    for r in internal::RULES {
        if r.configurable && !runs(r.id, r.category().as_str()) {
            rules.internal.insert(r.id.to_string(), RuleOverride::Off);
        }
    }
    if rules.rules.is_empty() {
        return Err(
            "error: no rules to run: `--select` and `--ignore` leave none\n  = help: `claimlint \
             rules` lists the rules the config turns on\n"
                .into(),
        );
    }
    Ok(())
}
