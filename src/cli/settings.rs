//! `--show-config` and `--dump-config`: the settings a run would use, after the config file
//! and the command line. `--show-config` says where each comes from; `--dump-config` prints
//! them as a claimlint.yaml that loads back to the same settings, as typos' `--dump-config`.

use super::args::CheckArgs;
use claimlint::config::Config;
use claimlint::diagnostic::Severity;
use claimlint::document::csv::CsvOptions;
use claimlint::rules::RuleSet;
use claimlint::rules::lexicon::TermEntry;

/// A YAML scalar for any string: JSON's double-quoted form is YAML's too.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Every rule id with its setting in this run: a severity, or `off`, in id order.
fn rule_settings(rules: &RuleSet) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = rules
        .known
        .iter()
        .map(|(id, on)| {
            let setting = match rules.rule(id) {
                Some(r) if *on => r.meta.severity.as_str(),
                _ => "off",
            };
            (id.clone(), setting.to_string())
        })
        .collect();
    for r in claimlint::internal::RULES.iter().filter(|r| r.configurable) {
        let setting = rules
            .internal_severity(r.id)
            .map_or("off", Severity::as_str);
        out.push((r.id.to_string(), setting.to_string()));
    }
    out.sort();
    out
}

fn packs(config: &Config) -> Vec<String> {
    config
        .file
        .packs
        .clone()
        .unwrap_or_else(|| vec!["us-fda".into()])
}

fn csv(config: &Config) -> CsvOptions {
    config.file.csv.clone().unwrap_or_default()
}

/// The effective configuration as a claimlint.yaml.
pub(crate) fn dump(config: &Config, rules: &RuleSet, fail_on: Severity) -> String {
    let mut out = String::from("# the effective configuration of claimlint");
    match &config.path {
        Some(p) => out.push_str(&format!(
            ", from {} (paths and globs are relative to its folder)\n",
            p.display()
        )),
        None => out.push_str(": the defaults (no config file)\n"),
    }
    out.push_str(&format!("packs: {}\n", list(&packs(config))));
    out.push_str(&format!("rule_files: {}\n", list(&config.file.rule_files)));
    out.push_str("rules:\n");
    for (id, setting) in rule_settings(rules) {
        out.push_str(&format!("  {}: {setting}\n", quoted(&id)));
    }
    if config.file.lexicons.is_empty() {
        out.push_str("lexicons: {}\n");
    } else {
        out.push_str("lexicons:\n");
        for (name, change) in &config.file.lexicons {
            out.push_str(&format!("  {}:\n    add:\n", quoted(name)));
            for entry in &change.add {
                match entry {
                    TermEntry::Bare(t) => out.push_str(&format!("      - {}\n", quoted(t))),
                    TermEntry::Full(t) => {
                        out.push_str(&format!("      - term: {}\n", quoted(&t.term)));
                        if !t.aliases.is_empty() {
                            out.push_str(&format!("        aliases: {}\n", list(&t.aliases)));
                        }
                        if let Some(r) = &t.replacement {
                            out.push_str(&format!("        replacement: {}\n", quoted(r)));
                        }
                    }
                }
            }
        }
    }
    out.push_str(&format!("allow: {}\n", list(&config.file.allow)));
    out.push_str(&format!("include: {}\n", list(&config.file.include)));
    out.push_str(&format!("exclude: {}\n", list(&config.file.exclude)));
    out.push_str(&format!("fail_on: {fail_on}\n"));
    out.push_str(&format!("max_file_size: {}\n", config.max_file_size()));
    let csv = csv(config);
    out.push_str(&format!(
        "csv:\n  columns: {}\n  id_columns: {}\n",
        list(&csv.columns),
        list(&csv.id_columns)
    ));
    out
}

/// The settings in effect, each with where it comes from.
pub(crate) fn show(
    config: &Config,
    rules: &RuleSet,
    args: &CheckArgs,
    fail_on: Severity,
) -> String {
    let from_file = |set: bool| if set { "claimlint.yaml" } else { "default" };
    let mut out = String::new();
    match &config.path {
        Some(p) => out.push_str(&format!("config file: {}\n", p.display())),
        None => out.push_str("config file: none\n"),
    }
    let names = |v: &[String]| {
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    };
    out.push_str(&format!(
        "packs: {} ({})\n",
        packs(config).join(", "),
        from_file(config.file.packs.is_some())
    ));
    out.push_str(&format!("rule_files: {}\n", names(&config.file.rule_files)));
    let fail_from = if args.fail_on.is_some() {
        "--fail-on"
    } else {
        from_file(config.file.fail_on.is_some())
    };
    out.push_str(&format!("fail_on: {fail_on} ({fail_from})\n"));
    out.push_str(&format!(
        "max_file_size: {} bytes ({})\n",
        config.max_file_size(),
        from_file(config.file.max_file_size.is_some())
    ));
    out.push_str(&format!("include: {}\n", names(&config.file.include)));
    out.push_str(&format!("exclude: {}\n", names(&config.file.exclude)));
    out.push_str(&format!("allow: {}\n", names(&config.file.allow)));
    let lexicons: Vec<String> = config
        .file
        .lexicons
        .iter()
        .map(|(name, change)| format!("{name} (+{})", change.add.len()))
        .collect();
    out.push_str(&format!("lexicon additions: {}\n", names(&lexicons)));
    let csv = csv(config);
    let csv_from = from_file(config.file.csv.is_some());
    out.push_str(&format!(
        "csv columns: {} ({csv_from})\ncsv id_columns: {} ({csv_from})\n",
        csv.columns.join(", "),
        csv.id_columns.join(", ")
    ));
    if !args.select.is_empty() || !args.ignore.is_empty() {
        out.push_str(&format!(
            "selection: --select {}; --ignore {}\n",
            names(&args.select),
            names(&args.ignore)
        ));
    }
    let settings = rule_settings(rules);
    let on = settings.iter().filter(|(_, s)| s != "off").count();
    out.push_str(&format!("rules: {on} on, {} off\n", settings.len() - on));
    let width = settings.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    for (id, setting) in settings {
        let from = if config.file.rules.contains_key(&id) {
            " (claimlint.yaml)"
        } else {
            ""
        };
        out.push_str(&format!("  {id:width$}  {setting}{from}\n"));
    }
    out
}
