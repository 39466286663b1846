//! The `claimlint` command line: argument parsing, exit codes, and printing. The work is done
//! by the library.

use claimlint::config::{self, Config};
use claimlint::diagnostic::Severity;
use claimlint::document::{Format, LineIndex, ParseOptions};
use claimlint::load::{self, LoadProblem};
use claimlint::report::{self, Finding, InputMessage, Summary, human};
use claimlint::rules::{LoadError, RuleSet};
use claimlint::walk::{self, Entry, Filter};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Lint the marketing copy of dietary supplements for disease claims, the DSHEA disclaimer,
/// doses above safe upper limits and claims of evidence with no reference.
#[derive(Parser, Debug)]
#[command(name = "claimlint", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files and folders (the default command).
    Check(CheckArgs),
    /// List every rule: id, category, severity and a one-line summary.
    Rules(RulesArgs),
    /// Run the language server over standard input and output (for editors).
    Lsp,
    /// Print a rule's full documentation.
    Explain {
        /// The rule id, e.g. us-fda/disease-claim.
        rule: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

#[derive(Args, Debug, Clone, Default)]
struct ConfigArgs {
    /// Use this config file instead of searching for claimlint.yaml.
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// Ignore any claimlint.yaml: built-in rules with their defaults.
    #[arg(long, global = true, conflicts_with = "config")]
    no_config: bool,
}

#[derive(Args, Debug, Clone, Default)]
struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
enum OutputFormat {
    /// Annotated snippets for people.
    #[default]
    Human,
    /// One JSON document (schema: docs/json-schema.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone, Default)]
struct CheckArgs {
    /// Files and folders to lint; `-` reads standard input. Default: the current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// The lowest severity that makes the exit code 1 (default: warning, or `fail_on` in the config).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Print only findings and errors, no summary line.
    #[arg(long, short)]
    quiet: bool,
    /// The name (and so the format) to give standard input, e.g. page.md.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// When to use colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Apply safe fixes to the files (standard input: print the fixed text), then report
    /// what remains.
    #[arg(long)]
    fix: bool,
    /// Print the safe fixes as a unified diff instead of writing them.
    #[arg(long)]
    diff: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => check(args),
        None => check(cli.check),
        Some(Command::Rules(args)) => list_rules(&args),
        Some(Command::Explain { rule, config }) => explain(&rule, &config),
        Some(Command::Lsp) => Ok(claimlint::lsp::run()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(()) => ExitCode::from(2),
    }
}

/// Print load errors rustc-style on stderr.
fn print_load_errors(errors: &[LoadError]) {
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

fn load_config(args: &ConfigArgs) -> Result<Config, Vec<LoadError>> {
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

fn load_rules(args: &ConfigArgs) -> Result<(Config, RuleSet), ()> {
    let config = load_config(args).map_err(|e| print_load_errors(&e))?;
    let spec = config.ruleset_spec().map_err(|e| print_load_errors(&e))?;
    let rules = RuleSet::build(&spec).map_err(|errors| {
        let errors: Vec<LoadError> = errors.into_iter().map(|e| config.locate(e)).collect();
        print_load_errors(&errors)
    })?;
    Ok((config, rules))
}

fn list_rules(args: &RulesArgs) -> Result<u8, ()> {
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
fn write_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn explain(id: &str, args: &ConfigArgs) -> Result<u8, ()> {
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

/// One linted input, reduced to what the reporters need.
struct Outcome {
    findings: Vec<Finding>,
    messages: Vec<InputMessage>,
    human: String,
    linted: bool,
    /// Safe fixes applied (or, with `--diff`, that would be).
    fixed: usize,
    /// The unified diff of the fixes, with `--diff`.
    diff: String,
    /// The whole fixed input, for standard input with `--fix`.
    fixed_text: Option<Vec<u8>>,
}

impl Outcome {
    fn failed(messages: Vec<InputMessage>) -> Outcome {
        Outcome {
            findings: Vec::new(),
            messages,
            human: String::new(),
            linted: false,
            fixed: 0,
            diff: String::new(),
            fixed_text: None,
        }
    }
}

/// What to do with safe fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    /// Report only.
    Off,
    /// Apply and write them.
    Write,
    /// Show them as a diff.
    Diff,
}

fn message(path: &str, level: &'static str, message: String, line: Option<usize>) -> InputMessage {
    InputMessage {
        path: path.to_string(),
        level,
        message,
        line,
        column: None,
    }
}

/// Lint `bytes` and, unless `fix` is off, apply safe fixes until none is left. `write` puts
/// the fixed bytes where they belong and says why it could not.
fn lint_bytes(
    name: &str,
    bytes: Vec<u8>,
    (format, options): (Format, &ParseOptions),
    rules: &RuleSet,
    human_style: Option<human::Style>,
    fix: FixMode,
    write: &dyn Fn(&[u8]) -> Result<(), String>,
) -> Outcome {
    let loaded = match load::decode(bytes) {
        Ok(l) => l,
        Err(p) => {
            let (level, line) = match &p {
                LoadProblem::NotUtf8 { line, .. } => ("error", Some(*line)),
                LoadProblem::Binary => ("note", None),
                LoadProblem::TooLarge { .. } => ("warning", None),
            };
            return Outcome::failed(vec![message(name, level, p.message(), line)]);
        }
    };
    let original = loaded.text;
    let mut linted = claimlint::lint_with(&original, format, rules, options);
    let mut fixed = 0;
    if fix != FixMode::Off {
        let done = claimlint::fix::fix_all(linted, format, rules, options);
        linted = done.linted;
        fixed = done.count;
    }
    let mut messages = Vec::new();
    let mut diff = String::new();
    let mut fixed_text = None;
    if fixed > 0 {
        let text = &linted.document.source;
        let mut bytes = Vec::with_capacity(loaded.bom + text.len());
        if loaded.bom > 0 {
            bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
        }
        bytes.extend_from_slice(text.as_bytes());
        match fix {
            FixMode::Diff => {
                diff = similar::TextDiff::from_lines(&original, text)
                    .unified_diff()
                    .header(&format!("a/{name}"), &format!("b/{name}"))
                    .to_string();
            }
            FixMode::Write => {
                if let Err(why) = write(&bytes) {
                    // The file on disk is unchanged: report what is wrong with it as it is.
                    messages.push(message(name, "error", why, None));
                    fixed = 0;
                    linted = claimlint::lint_with(&original, format, rules, options);
                } else {
                    fixed_text = Some(bytes);
                }
            }
            FixMode::Off => {}
        }
    }
    let text = &linted.document.source;
    let index = LineIndex::new(text);
    let findings: Vec<Finding> = linted
        .diagnostics
        .into_iter()
        .map(|d| Finding::new(name, d, text, &index, loaded.bom))
        .collect();
    let human = match human_style {
        Some(style) if !findings.is_empty() => {
            human::render_file(&findings, name, text, &index, style)
        }
        _ => String::new(),
    };
    Outcome {
        findings,
        messages,
        human,
        linted: true,
        fixed,
        diff,
        fixed_text,
    }
}

fn lint_path(
    path: &Path,
    format: (Format, &ParseOptions),
    rules: &RuleSet,
    limit: u64,
    style: Option<human::Style>,
    fix: FixMode,
) -> Outcome {
    let name = path.display().to_string();
    let name = name.strip_prefix("./").unwrap_or(&name).to_string();
    let fail = |msg: String| Outcome::failed(vec![message(&name, "error", msg, None)]);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(format!("cannot read the file: {}", io_reason(&e))),
    };
    let stamp = match file.metadata() {
        Ok(m) => load::FileStamp::of(&m),
        Err(e) => return fail(format!("cannot read the file: {}", io_reason(&e))),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        let p = LoadProblem::TooLarge { size, limit };
        return Outcome::failed(vec![message(&name, "warning", p.message(), None)]);
    }
    // The file may have grown since its size was looked at: what was read cut at the limit
    // would be written back as the whole file by `--fix`.
    let bytes = match load::read_limited(&file, limit) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let now = file.metadata().map(|m| m.len()).unwrap_or(0);
            let p = LoadProblem::TooLarge {
                size: now.max(limit + 1),
                limit,
            };
            return Outcome::failed(vec![message(&name, "warning", p.message(), None)]);
        }
        Err(e) => return fail(format!("cannot read the file: {}", io_reason(&e))),
    };
    let write = |fixed: &[u8]| {
        claimlint::fix::write_atomically(path, fixed, &stamp).map_err(|e| e.message())
    };
    let mut outcome = lint_bytes(&name, bytes, format, rules, style, fix, &write);
    // The fixed text is on disk; only standard input prints it.
    outcome.fixed_text = None;
    outcome
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        _ => load::io_reason(e),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn check(args: CheckArgs) -> Result<u8, ()> {
    let (config, rules) = load_rules(&args.config)?;
    // The process ends with this run: freeing the rules' tries, tables and regexes one by
    // one (~0.5 ms, a twentieth of a one-file run) would only delay the exit.
    let rules: &RuleSet = Box::leak(Box::new(rules));
    let options = config.parse_options();
    let fail_on = match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => config.fail_on(),
    };
    let fix = match (args.fix, args.diff) {
        (_, true) => FixMode::Diff,
        (true, false) => FixMode::Write,
        (false, false) => FixMode::Off,
    };
    let stdin_fixed = fix == FixMode::Write && args.paths.iter().any(|p| p.as_os_str() == "-");
    // With standard input fixed, standard output carries the fixed text and the report
    // goes to standard error.
    let report_is_terminal = if stdin_fixed {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            report_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100);
    let style = (args.format == OutputFormat::Human).then_some(human::Style { color, width });
    let filter = Filter::new(
        &config.file.include,
        &config.file.exclude,
        &config.base_dir(),
    )
    .map_err(|e| {
        eprintln!(
            "error: {e}\n  --> {}",
            config
                .path
                .as_ref()
                .map_or("claimlint.yaml".into(), |p| p.display().to_string())
        );
    })?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    let mut outcomes: Vec<(String, Outcome)> = Vec::new();
    let mut file_paths = Vec::new();
    let mut messages = Vec::new();
    for p in &paths {
        if p.as_os_str() == "-" {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".into());
            let format = Format::from_path(Path::new(&name)).unwrap_or(Format::Text);
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
                messages.push(message(
                    &name,
                    "error",
                    format!("cannot read standard input: {e}"),
                    None,
                ));
                continue;
            }
            let original = bytes.clone();
            let mut outcome =
                lint_bytes(&name, bytes, (format, &options), rules, style, fix, &|_| {
                    Ok(())
                });
            // Whatever happened, standard output gets the text back, fixed or as it was.
            if fix == FixMode::Write && outcome.fixed_text.is_none() {
                outcome.fixed_text = Some(original);
            }
            outcomes.push((name.clone(), outcome));
        } else {
            file_paths.push(p.clone());
        }
    }
    let mut files = Vec::new();
    for entry in walk::walk(&file_paths, &filter) {
        match entry {
            Entry::File(p, f) => files.push((p, f)),
            Entry::Missing(p, why) => {
                messages.push(message(&p.display().to_string(), "error", why, None))
            }
            Entry::Empty(p) => messages.push(message(
                &p.display().to_string(),
                "warning",
                "nothing to lint in this folder".into(),
                None,
            )),
        }
    }
    let limit = config.max_file_size();
    // Files are linted a chunk at a time, in path order. Human output goes to the terminal as
    // each chunk is done (unless fixes or stdin need it held), so memory holds one chunk of
    // outcomes, not the whole run's output. Standard input (linted above) takes its place
    // among the paths.
    let mut files: Vec<(String, &PathBuf, Format)> = files
        .iter()
        .map(|(p, f)| (p.display().to_string(), p, *f))
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut early = outcomes.into_iter().peekable();
    let stream = args.format == OutputFormat::Human && fix != FixMode::Diff && !stdin_fixed;
    // JSON is streamed too: its head now, each finding as its file is done, the rest last.
    let stream_json = args.format == OutputFormat::Json && fix != FixMode::Diff && !stdin_fixed;
    let keep_findings = args.format != OutputFormat::Human && !stream_json;
    let mut json = report::json::Stream::default();

    let mut summary = Summary::default();
    let mut findings = Vec::new();
    let mut human_out = String::new();
    let mut diffs = String::new();
    let mut fixed_stdin: Vec<u8> = Vec::new();
    let mut fix_notes = Vec::new();
    let (mut fixed_total, mut fixed_files) = (0, 0);
    let mut streamed = std::io::stdout().lock();
    if stream_json {
        let _ = streamed.write_all(report::json::Stream::head().as_bytes());
    }
    let mut failing = false;
    let mut take = |name: String, o: Outcome| {
        if o.linted {
            summary.files += 1;
        }
        if o.findings
            .iter()
            .any(|f| f.diagnostic.rule == claimlint::suppress::INVALID_INPUT)
        {
            summary.input_errors += 1;
        }
        for f in &o.findings {
            summary.add(f.diagnostic.severity);
            failing |= f.diagnostic.severity >= fail_on;
        }
        if o.fixed > 0 {
            fixed_total += o.fixed;
            fixed_files += 1;
            if fix == FixMode::Write {
                fix_notes.push(format!(
                    "fixed {} in {}",
                    plural(o.fixed, "problem", "problems"),
                    name.strip_prefix("./").unwrap_or(&name)
                ));
            }
        }
        if let Some(text) = &o.fixed_text {
            fixed_stdin.extend_from_slice(text);
        }
        if stream {
            let _ = streamed.write_all(o.human.as_bytes());
        } else {
            human_out.push_str(&o.human);
        }
        diffs.push_str(&o.diff);
        messages.extend(o.messages);
        if stream_json {
            for f in &o.findings {
                let _ = streamed.write_all(json.finding(f).as_bytes());
            }
        }
        if keep_findings {
            findings.extend(o.findings);
        }
    };
    for chunk in files.chunks(64) {
        let linted: Vec<Outcome> = chunk
            .par_iter()
            .map(|(_, p, f)| lint_path(p, (*f, &options), rules, limit, style, fix))
            .collect();
        for ((name, _, _), o) in chunk.iter().zip(linted) {
            while let Some((n, stdin)) = early.next_if(|(n, _)| n <= name) {
                take(n, stdin);
            }
            take(name.clone(), o);
        }
    }
    for (n, stdin) in early {
        take(n, stdin);
    }
    drop(streamed);
    summary.input_errors += messages.iter().filter(|m| m.level == "error").count();

    let mut stderr = std::io::stderr().lock();
    for note in &fix_notes {
        let _ = writeln!(stderr, "{note}");
    }
    if fix == FixMode::Diff {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(diffs.as_bytes());
        let _ = stdout.flush();
        if !args.quiet {
            let _ = writeln!(
                stderr,
                "would fix {} in {}",
                plural(fixed_total, "problem", "problems"),
                plural(fixed_files, "file", "files")
            );
        }
        for m in &messages {
            let at = m.line.map(|l| format!(":{l}")).unwrap_or_default();
            let _ = writeln!(stderr, "{}: {}{at}: {}", m.level, m.path, m.message);
        }
        if summary.input_errors > 0 {
            return Ok(2);
        }
        return Ok(u8::from(fixed_total > 0));
    }

    let report = match args.format {
        OutputFormat::Json if stream_json => json.tail(&messages, &summary),
        OutputFormat::Json => report::json::render(&findings, &messages, &summary),
        OutputFormat::Sarif => {
            let base = std::env::current_dir().ok();
            report::sarif::render(&findings, &messages, rules, base.as_deref())
        }
        OutputFormat::Github => report::github::render(&findings, &messages),
        OutputFormat::Human => {
            let mut out = human_out;
            if !args.quiet {
                out.push_str(&summary.line());
                out.push('\n');
            }
            out
        }
    };
    if stdin_fixed {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(&fixed_stdin);
        let _ = stdout.flush();
        let _ = stderr.write_all(report.as_bytes());
    } else {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(report.as_bytes());
        let _ = stdout.flush();
    }
    for m in &messages {
        let at = m.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(stderr, "{}: {}{at}: {}", m.level, m.path, m.message);
    }
    if summary.input_errors > 0 {
        return Ok(2);
    }
    Ok(u8::from(failing))
}
