//! Loading the config and the rules it names, and printing what is wrong with them.

use super::args::ConfigArgs;
use claimlint::config::{self, Config};
use claimlint::rules::{LoadError, RuleSet};
use std::io::Write;

/// Print load errors rustc-style on stderr.
pub(crate) fn print_load_errors(errors: &[LoadError]) {
    let mut err = std::io::stderr().lock();
    for e in errors {
        let _ = writeln!(err, "error: {}", e.message);
        match e.line_col {
            Some((l, c)) => {
                let _ = writeln!(err, "  --> {}:{l}:{c}", e.origin);
                if let Some(text) = &e.text
                    && let Some(line) = text.lines().nth(l - 1)
                {
                    let _ = writeln!(
                        err,
                        "   |\n{l:>3}| {line}\n   | {}^",
                        " ".repeat(c.saturating_sub(1))
                    );
                }
            }
            None => {
                let _ = writeln!(err, "  --> {}", e.origin);
            }
        }
        if let Some(h) = &e.help {
            let _ = writeln!(err, "  = help: {h}");
        }
    }
}

pub(crate) fn load_config(args: &ConfigArgs) -> Result<Config, Vec<LoadError>> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d)),
    };
    match path {
        Some(p) => Config::load(&p).map_err(|e| vec![e]),
        None => Ok(Config::default()),
    }
}

pub(crate) fn load_rules(args: &ConfigArgs) -> Result<(Config, RuleSet), ()> {
    let config = load_config(args).map_err(|e| print_load_errors(&e))?;
    let rules = config.build_rules().map_err(|e| print_load_errors(&e))?;
    Ok((config, rules))
}
