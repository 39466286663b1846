//! The `claimlint` command line: argument parsing, exit codes, and printing. The work is done
//! by the library; `cli/` holds the commands.

mod cli;

use clap::Parser;
use cli::args::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(cli::output::clap_error(&e)),
    };
    let result = match cli.command {
        Some(Command::Check(args)) => cli::check::check(args),
        None => cli::check::check(cli.check),
        Some(Command::Rules(args)) => cli::rules::list_rules(&args),
        Some(Command::Explain { rule, config }) => cli::rules::explain(&rule, &config),
        Some(Command::Eval(args)) => cli::eval::eval(&args),
        Some(Command::Lsp) => Ok(claimlint::lsp::run()),
        Some(Command::Init { force }) => cli::init::init(force),
        Some(Command::Completions { shell }) => Ok(cli::manual::completions(shell)),
        Some(Command::Man { command }) => cli::manual::man(command.as_deref()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(()) => ExitCode::from(2),
    }
}
