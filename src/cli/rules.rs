//! `claimlint rules` and `claimlint explain`: the rule list and a rule's documentation.

use super::args::{ConfigArgs, ListFormat, RulesArgs};
use super::output::{Stdout, stderr};
use super::setup::load_rules;
use claimlint::diagnostic::{Category, Severity};
use claimlint::rules::RuleSet;

/// One line of the rule list.
struct Listed<'a> {
    id: &'a str,
    kind: &'static str,
    category: Category,
    severity: Severity,
    summary: &'a str,
    cite: Option<&'a str>,
}

/// Every rule that runs: the packs' and claimlint's own, in id order.
fn listed(rules: &RuleSet) -> Vec<Listed<'_>> {
    let mut list: Vec<Listed<'_>> = rules
        .rules
        .iter()
        .map(|r| Listed {
            id: &r.meta.id,
            kind: r.kind_name,
            category: r.meta.category,
            severity: r.meta.severity,
            summary: &r.meta.summary,
            cite: r.meta.cite.as_deref(),
        })
        .collect();
    for r in claimlint::internal::RULES {
        if let Some(severity) = rules.internal_severity(r.id) {
            list.push(Listed {
                id: r.id,
                kind: "internal",
                category: r.category(),
                severity,
                summary: r.summary,
                cite: None,
            });
        }
    }
    list.sort_by(|a, b| a.id.cmp(b.id));
    list
}

/// The ids of rules that exist but are off, in id order.
fn off(rules: &RuleSet) -> Vec<&str> {
    let mut ids: Vec<&str> = rules
        .known
        .iter()
        .filter(|(_, on)| !**on)
        .map(|(id, _)| id.as_str())
        .collect();
    ids.extend(
        claimlint::internal::RULES
            .iter()
            .filter(|r| rules.internal_severity(r.id).is_none())
            .map(|r| r.id),
    );
    ids.sort_unstable();
    ids
}

pub(crate) fn list_rules(args: &RulesArgs) -> Result<u8, ()> {
    let (_, rules) = load_rules(&args.config)?;
    let mut out = String::new();
    let list = listed(&rules);
    match args.format {
        ListFormat::Text => {
            let width = list.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &list {
                out.push_str(&format!(
                    "{:width$}  {:13}  {:7}  {}\n",
                    r.id,
                    r.category.as_str(),
                    r.severity.as_str(),
                    r.summary
                ));
            }
            for id in off(&rules) {
                out.push_str(&format!("{id:width$}  (off in claimlint.yaml)\n"));
            }
        }
        ListFormat::Json => {
            let list: Vec<_> = list
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "kind": r.kind,
                        "category": r.category,
                        "severity": r.severity,
                        "summary": r.summary,
                        "cite": r.cite,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&list).unwrap_or_default();
            out.push('\n');
        }
    }
    Ok(write_out(&out))
}

/// Print to standard output: the exit code, 2 when it could not be written (a closed pipe,
/// `claimlint rules | head`, is not an error).
fn write_out(text: &str) -> u8 {
    let mut stdout = Stdout::default();
    stdout.write(text.as_bytes());
    stdout.exit_code(0)
}

pub(crate) fn explain(id: &str, args: &ConfigArgs) -> Result<u8, ()> {
    let (_, rules) = load_rules(args)?;
    if rules.find(id).is_none()
        && let Some(internal) = claimlint::internal::find(id)
    {
        let doc = internal.documentation(rules.internal_severity(internal.id));
        return Ok(write_out(&doc));
    }
    let Some(rule) = rules.find(id) else {
        stderr(&format!("error: no rule `{id}`\n"));
        let close: Vec<&str> = rules
            .rules
            .iter()
            .map(|r| r.meta.id.as_str())
            .chain(claimlint::internal::RULES.iter().map(|r| r.id))
            .filter(|r| r.contains(id.rsplit('/').next().unwrap_or(id)))
            .collect();
        if !close.is_empty() {
            stderr(&format!("  = help: did you mean {}?\n", close.join(", ")));
        } else {
            stderr("  = help: run `claimlint rules` to list rule ids\n");
        }
        return Err(());
    };
    Ok(write_out(&rule.documentation()))
}
