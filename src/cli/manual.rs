//! `claimlint completions SHELL` and `claimlint man`: generated from the same clap
//! definitions as `--help`, so the three never disagree.

use super::args::Cli;
use super::output::{Stdout, stderr};
use clap::CommandFactory;

/// Print the completion script for `shell`.
pub(crate) fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "claimlint", &mut script);
    let mut out = Stdout::default();
    out.write(&script);
    out.exit_code(0)
}

/// The man page, roff: claimlint(1), with the options of `check` (the default command) and
/// the list of commands, or claimlint-COMMAND(1) for one of them.
pub(crate) fn man_page(command: Option<&str>) -> Option<Vec<u8>> {
    let mut top = Cli::command();
    // Built, so each command carries the global options it accepts, as its `--help` shows.
    top.build();
    let page = match command {
        None => top,
        Some(name) => {
            let sub = top.find_subcommand(name)?.clone();
            // clap names commands with `'static` strings; the process prints one page.
            let title: &'static str = format!("claimlint-{}", sub.get_name()).leak();
            sub.name(title)
        }
    };
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = clap_mangen::Man::new(page)
        .source(format!("claimlint {}", env!("CARGO_PKG_VERSION")))
        .render(&mut out);
    Some(out)
}

/// Print a man page.
pub(crate) fn man(command: Option<&str>) -> Result<u8, ()> {
    let Some(page) = man_page(command) else {
        stderr(&format!(
            "error: claimlint has no command `{}`\n  = help: `claimlint help` lists them\n",
            command.unwrap_or_default()
        ));
        return Err(());
    };
    let mut out = Stdout::default();
    out.write(&page);
    Ok(out.exit_code(0))
}
