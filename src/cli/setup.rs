//! Loading the config and the rules it names, and printing what is wrong with them.

use super::args::ConfigArgs;
use super::output::stderr;
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
        verbose(
            args,
            "note: no config file (--no-config): the built-in rules as they are",
        );
        return Ok(Config::default());
    }
    let cwd = std::env::current_dir().ok();
    let path = match &args.config {
        Some(p) => {
            verbose(args, &format!("note: config: {} (--config)", p.display()));
            Some(p.clone())
        }
        None => {
            let found = cwd.as_deref().and_then(config::discover);
            match &found {
                Some(p) => {
                    // A config in a folder above is the one easy to forget is there.
                    let here = p.parent() == cwd.as_deref();
                    let where_ = if here {
                        "found in the working folder"
                    } else {
                        "found in a folder above the working folder"
                    };
                    verbose(args, &format!("note: config: {} ({where_})", p.display()));
                }
                None => verbose(
                    args,
                    "note: no config file in the working folder or above it: the built-in \
                     rules as they are",
                ),
            }
            found
        }
    };
    match path {
        Some(p) => Config::load(&p).map_err(|e| vec![e]),
        None => Ok(Config::default()),
    }
}

/// With `--verbose`, say `line` on standard error.
fn verbose(args: &ConfigArgs, line: &str) {
    if args.verbose {
        stderr(&format!("{line}\n"));
    }
}

pub(crate) fn load_rules(args: &ConfigArgs) -> Result<(Config, RuleSet), ()> {
    let config = load_config(args).map_err(|e| print_load_errors(&e))?;
    let rules = config.build_rules().map_err(|e| print_load_errors(&e))?;
    Ok((config, rules))
}
