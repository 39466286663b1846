//! `claimlint rules` and `claimlint explain`: the rule list and a rule's documentation.

use super::args::{ConfigArgs, ListFormat, RulesArgs};
use super::output::{Stdout, stderr};
use super::setup::load_rules;

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
    let Some(rule) = rules.find(id) else {
        stderr(&format!("error: no rule `{id}`\n"));
        let close: Vec<&str> = rules
            .rules
            .iter()
            .map(|r| r.meta.id.as_str())
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
