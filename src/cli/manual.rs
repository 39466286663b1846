//! `claimlint completions SHELL` and `claimlint man`: generated from the same clap
//! definitions as `--help`, so the three never disagree.

use super::args::Cli;
use super::output::Stdout;
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

/// The man page, roff: the command, its options (those of `check`, the default command) and
/// its subcommands.
pub(crate) fn man_page() -> Vec<u8> {
    let command = Cli::command();
    let mut page = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = clap_mangen::Man::new(command).render(&mut page);
    page
}

/// Print the man page.
pub(crate) fn man() -> u8 {
    let mut out = Stdout::default();
    out.write(&man_page());
    out.exit_code(0)
}
