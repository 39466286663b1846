//! `claimlint rules` and `claimlint explain`: the rule list and a rule's documentation.

use super::args::{ConfigArgs, ListFormat, RulesArgs};
use super::setup::load_rules;
use std::io::Write;

pub(crate) fn list_rules(args: &RulesArgs) -> Result<u8, ()> {
    let (_, rules) = load_rules(&args.config)?;
    let mut out = String::new();
    match args.format {
        ListFormat::Text => {
            let width = rules
                .rules
                .iter()
                .map(|r| r.meta.id.len())
                .max()
                .unwrap_or(0);
            for r in &rules.rules {
                out.push_str(&format!(
                    "{:width$}  {:13}  {:7}  {}\n",
                    r.meta.id,
                    r.meta.category.as_str(),
                    r.meta.severity.as_str(),
                    r.meta.summary
                ));
            }
            for (id, enabled) in &rules.known {
                if !enabled {
                    out.push_str(&format!("{id:width$}  (off in claimlint.yaml)\n"));
                }
            }
        }
        ListFormat::Json => {
            let list: Vec<_> = rules
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.meta.id,
                        "kind": r.kind_name,
                        "category": r.meta.category,
                        "severity": r.meta.severity,
                        "summary": r.meta.summary,
                        "cite": r.meta.cite,
                    })
                })
                .collect();
            out = serde_json::to_string_pretty(&list).unwrap_or_default();
            out.push('\n');
        }
    }
    write_out(&out);
    Ok(0)
}

/// Print to standard output; a closed pipe (`claimlint rules | head`) is not an error.
pub(crate) fn write_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

pub(crate) fn explain(id: &str, args: &ConfigArgs) -> Result<u8, ()> {
    let (_, rules) = load_rules(args)?;
    let Some(rule) = rules.find(id) else {
        eprintln!("error: no rule `{id}`");
        let close: Vec<&str> = rules
            .rules
            .iter()
            .map(|r| r.meta.id.as_str())
            .filter(|r| r.contains(id.rsplit('/').next().unwrap_or(id)))
            .collect();
        if !close.is_empty() {
            eprintln!("  = help: did you mean {}?", close.join(", "));
        } else {
            eprintln!("  = help: run `claimlint rules` to list rule ids");
        }
        return Err(());
    };
    write_out(&rule.documentation());
    Ok(0)
}
