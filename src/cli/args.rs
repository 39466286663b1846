//! The command line's arguments, as clap reads them.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Lint the marketing copy of dietary supplements for disease claims, the DSHEA disclaimer,
/// doses above safe upper limits and claims of evidence with no reference.
#[derive(Parser, Debug)]
#[command(name = "claimlint", version, args_conflicts_with_subcommands = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    #[command(flatten)]
    pub(crate) check: CheckArgs,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Lint files and folders (the default command).
    Check(CheckArgs),
    /// List every rule: id, category, severity and a one-line summary.
    Rules(RulesArgs),
    /// Run the language server over standard input and output (for editors).
    Lsp,
    /// Score the rules on labelled copy: a corpus of lines (.tsv, see docs/corpus.md) or a
    /// folder of pages with a labels.tsv.
    Eval(EvalArgs),
    /// Print a rule's full documentation.
    Explain {
        /// The rule id, e.g. us-fda/disease-claim.
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Write a commented claimlint.yaml in the working folder.
    Init {
        /// Replace a claimlint.yaml that is already there.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script for claimlint.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print claimlint's man page (roff), or a command's (`claimlint man check`).
    Man {
        /// The command whose page to print: claimlint-COMMAND(1).
        command: Option<String>,
    },
}

#[derive(Args, Debug, Clone, Default)]
pub(crate) struct ConfigArgs {
    /// Use this config file instead of searching for claimlint.yaml.
    #[arg(long, value_name = "FILE", global = true)]
    pub(crate) config: Option<PathBuf>,
    /// Ignore any claimlint.yaml: built-in rules with their defaults.
    #[arg(long, global = true, conflicts_with = "config")]
    pub(crate) no_config: bool,
    /// Say on standard error which config file is used and where it was found.
    #[arg(long, short, global = true)]
    pub(crate) verbose: bool,
}

#[derive(Args, Debug, Clone, Default)]
pub(crate) struct EvalArgs {
    /// Corpus files (`label<TAB>criterion<TAB>text[<TAB>source]`) or page-set folders.
    #[arg(required = true)]
    pub(crate) paths: Vec<PathBuf>,
    /// Print only the totals, not the misses and false alarms: for scoring a locked set
    /// without reading it.
    #[arg(long)]
    pub(crate) summary: bool,
    #[command(flatten)]
    pub(crate) config: ConfigArgs,
}

#[derive(Args, Debug, Clone, Default)]
pub(crate) struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub(crate) format: ListFormat,
    #[command(flatten)]
    pub(crate) config: ConfigArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    /// Annotated snippets for people.
    #[default]
    Human,
    /// One JSON document (schema: docs/json-schema.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// One self-contained HTML page for reviewers: the copy with its findings marked.
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone, Default)]
pub(crate) struct CheckArgs {
    /// Files and folders to lint; `-` reads standard input. Default: the current folder.
    pub(crate) paths: Vec<PathBuf>,
    /// Output format (`--output-format` is the same flag).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, visible_alias = "output-format")]
    pub(crate) format: OutputFormat,
    /// The lowest severity that makes the exit code 1 (default: warning, or `fail_on` in the config).
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
    /// Print only findings and errors, no summary line.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// The name (and so the format) to give standard input, e.g. page.md.
    #[arg(long, value_name = "NAME")]
    pub(crate) stdin_filename: Option<String>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    /// Apply safe fixes to the files (standard input: print the fixed text), then report
    /// what remains.
    #[arg(long)]
    pub(crate) fix: bool,
    /// Print the safe fixes as a unified diff instead of writing them; the exit code is 1
    /// when there are fixes or findings no fix solves.
    #[arg(long, conflicts_with = "fix")]
    pub(crate) diff: bool,
    /// Run only these rules: ids, names, categories or packs, comma-separated or repeated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Do not run these rules: ids, names, categories or packs, comma-separated or repeated;
    /// `--ignore` wins over `--select`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// Write the baseline file with exactly the current findings, and report none (files and
    /// rules this run did not check keep their entries).
    #[arg(long, requires = "baseline", conflicts_with_all = ["fix", "diff"])]
    pub(crate) update_baseline: bool,
    /// Print the number of findings per rule, and what was not read, instead of the findings.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub(crate) statistics: bool,
    /// Print the settings in effect and where each comes from, then exit.
    #[arg(long, conflicts_with = "dump_config")]
    pub(crate) show_config: bool,
    /// Print the effective configuration as a claimlint.yaml, then exit.
    #[arg(long)]
    pub(crate) dump_config: bool,
    #[command(flatten)]
    pub(crate) config: ConfigArgs,
}
