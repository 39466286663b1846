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
        let _ = writeln!(err, "error: {}", shortened(&e.message, MAX_MESSAGE));
        match e.line_col {
            Some((l, c)) => {
                let _ = writeln!(err, "  --> {}:{l}:{c}", e.origin);
                if let Some(text) = &e.text
                    && let Some(line) = text.lines().nth(l - 1)
                {
                    let (shown, caret) = window(line, c);
                    let _ = writeln!(
                        err,
                        "   |\n{l:>3}| {shown}\n   | {}^",
                        " ".repeat(caret.saturating_sub(1))
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

/// Characters of a message shown at most (a key of a megabyte can be in one).
const MAX_MESSAGE: usize = 300;

/// Characters of a line shown on each side of the caret.
const SIDE: usize = 60;

/// `text` cut to `max` characters, with an ellipsis when it was longer.
fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The part of `line` around 1-based column `column` that is shown, and the caret's column
/// in it: a line of a megabyte (a minified value) shows its neighbourhood of the error, not
/// the megabyte, and not a megabyte of spaces before the caret.
fn window(line: &str, column: usize) -> (String, usize) {
    let at = column.saturating_sub(1);
    if line.chars().nth(2 * SIDE + 2).is_none() {
        return (line.to_string(), column);
    }
    let from = at.saturating_sub(SIDE);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    let mut rest = line.chars().skip(from);
    shown.extend(rest.by_ref().take(at - from + 1 + SIDE));
    if rest.next().is_some() {
        shown.push('…');
    }
    (shown, at - from + 1 + usize::from(from > 0))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_shows_a_window_with_the_caret_under_the_error() {
        let line = format!("{}X{}", "a".repeat(100_000), "b".repeat(100_000));
        let (shown, caret) = window(&line, 100_001);
        assert_eq!(shown.chars().count(), 2 * SIDE + 2 + 1);
        assert_eq!(shown.chars().nth(caret - 1), Some('X'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        // Near the start: no ellipsis before.
        let (shown, caret) = window(&line, 3);
        assert_eq!((shown.chars().nth(caret - 1), caret), (Some('a'), 3));
        assert!(!shown.starts_with('…'));
        // A short line is shown whole.
        assert_eq!(window("key: value", 6), ("key: value".to_string(), 6));
        assert_eq!(shortened("abcdef", 3), "abc…");
    }
}
