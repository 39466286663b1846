//! `claimlint check`: walk the paths, lint the files in parallel, print the report as it
//! goes, and say with the exit code how it went.

use super::args::{CheckArgs, ColorChoice, FailOn, OutputFormat};
use super::baseline::BaselineRun;
use super::input::{FixMode, Outcome, Want, lint_bytes, lint_path, message, raw_path};
use super::output::{Stdout, stderr};
use super::progress::{self, Progress};
use super::setup::load_rules;
use super::statistics::Statistics;
use claimlint::diagnostic::Severity;
use claimlint::document::{Format, LineIndex};
use claimlint::report::{self, Summary, human};
use claimlint::rules::RuleSet;
use claimlint::walk::{self, Entry, Filter};
use rayon::prelude::*;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn check(args: CheckArgs) -> Result<u8, ()> {
    let (config, mut rules) = load_rules(&args.config)?;
    super::selection::apply(&mut rules, &args.select, &args.ignore).map_err(|e| stderr(&e))?;
    // The process ends with this run: freeing the rules' tries, tables and regexes one by
    // one (~0.5 ms, a twentieth of a one-file run) would only delay the exit.
    let rules: &RuleSet = Box::leak(Box::new(rules));
    let labels = config.label_globs().map_err(|e| {
        super::setup::print_load_errors(&[e]);
    })?;
    let options = config.parse_options();
    let label_options = claimlint::document::ParseOptions {
        label: true,
        ..config.parse_options()
    };
    // Labels are picked by path (`labels:` in claimlint.yaml), as `include` picks files.
    let options_for = |path: &Path| {
        if labels.matches(path) {
            &label_options
        } else {
            &options
        }
    };
    let fail_on = match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => config.fail_on(),
    };
    if args.dump_config {
        let mut out = Stdout::default();
        out.write(super::settings::dump(&config, rules, fail_on).as_bytes());
        return Ok(out.exit_code(0));
    }
    if args.show_config {
        let mut out = Stdout::default();
        out.write(super::settings::show(&config, rules, &args, fail_on).as_bytes());
        return Ok(out.exit_code(0));
    }
    if args.statistics && !matches!(args.format, OutputFormat::Human | OutputFormat::Json) {
        stderr(
            "error: `--statistics` prints a table or JSON\n  = help: use `--format human` or \
             `--format json` with it\n",
        );
        return Err(());
    }
    let mut baseline = match &args.baseline {
        Some(path) => Some(BaselineRun::load(path.clone(), args.update_baseline)?),
        None => None,
    };
    let fix = match (args.fix, args.diff) {
        (_, true) => FixMode::Diff,
        (true, false) => FixMode::Write,
        (false, false) => FixMode::Off,
    };
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let paths = match (&args.stdin_filename, args.paths.is_empty()) {
        // As ruff does: a name for standard input and no paths reads standard input.
        (Some(_), true) => vec![PathBuf::from("-")],
        (Some(_), false) if !reads_stdin => {
            stderr(
                "error: `--stdin-filename` names standard input, but `-` is not among the \
                 paths\n  = help: add `-` to the paths to read standard input, or drop \
                 `--stdin-filename`\n",
            );
            return Err(());
        }
        (_, true) => vec![PathBuf::from(".")],
        (_, false) => args.paths.clone(),
    };
    let stdin_fixed = fix == FixMode::Write && paths.iter().any(|p| p.as_os_str() == "-");
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
    // Human output is drawn as each file is done, unless only the counts are wanted.
    let human_findings = args.format == OutputFormat::Human && !args.statistics;
    let want = Want {
        human: human_findings.then_some(human::Style { color, width }),
        // The HTML report shows the copy; a baseline may leave a file's human output to
        // draw again.
        source: args.format == OutputFormat::Html || (human_findings && args.baseline.is_some()),
    };
    let filter = Filter::new(
        &config.file.include,
        &config.file.exclude,
        &config.base_dir(),
    )
    .map_err(|e| {
        stderr(&format!(
            "error: {e}\n  --> {}\n",
            config
                .path
                .as_ref()
                .map_or("claimlint.yaml".into(), |p| p.display().to_string())
        ));
    })?;

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
            let mut outcome = lint_bytes(
                &name,
                bytes,
                (format, options_for(Path::new(&name))),
                rules,
                want,
                fix,
                &|_| Ok(()),
            );
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
                let mut m = message(&p.display().to_string(), "error", why, None);
                m.raw_path = raw_path(&p);
                messages.push(m)
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
    let stream = human_findings && fix != FixMode::Diff && !stdin_fixed;
    // JSON is streamed too: its head now, each finding as its file is done, the rest last.
    let stream_json = args.format == OutputFormat::Json
        && fix != FixMode::Diff
        && !stdin_fixed
        && !args.statistics;
    let keep_findings =
        !matches!(args.format, OutputFormat::Human) && !stream_json && !args.statistics;
    let mut json = report::json::Stream::default();
    let mut statistics = Statistics::default();
    let mut html_files: Vec<report::html::FileReport> = Vec::new();
    let progress = Progress::new(
        files.len(),
        progress::wanted(
            args.format == OutputFormat::Human,
            std::io::stderr().is_terminal(),
            std::env::var("CI").ok().as_deref(),
        ) && !stdin_fixed,
    );

    let mut summary = Summary::default();
    let mut findings = Vec::new();
    let mut human_out = String::new();
    let mut diffs = String::new();
    let mut fixed_stdin: Vec<u8> = Vec::new();
    let mut fix_notes = Vec::new();
    let (mut fixed_total, mut fixed_files) = (0, 0);
    let mut stdout = Stdout::default();
    if stream_json {
        stdout.write(report::json::Stream::head().as_bytes());
    }
    let mut failing = false;
    // Whether standard output still takes the report: when it does not, the run stops.
    let mut take = |name: String, mut o: Outcome| -> bool {
        if o.linted {
            summary.files += 1;
        }
        if let Some(b) = baseline.as_mut() {
            let all = std::mem::take(&mut o.findings);
            let before = all.len();
            o.findings = b.filter(&name, o.linted, all);
            // The drawn findings are drawn again without those the baseline holds.
            if o.findings.len() != before
                && let (Some(style), Some(text)) = (want.human, &o.source)
            {
                o.human = if o.findings.is_empty() {
                    String::new()
                } else {
                    let index = LineIndex::new(text);
                    human::render_file(&o.findings, &name, text, &index, style)
                };
            }
        }
        statistics.add(&o.findings);
        for (kind, _) in &o.unread {
            statistics.not_read(*kind);
        }
        for m in &o.messages {
            if let Some(kind) = m.not_read {
                statistics.not_read(kind);
            }
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
            progress.suspend(|| stdout.write(o.human.as_bytes()));
        } else {
            human_out.push_str(&o.human);
        }
        diffs.push_str(&o.diff);
        messages.extend(o.messages);
        if stream_json {
            for f in &o.findings {
                stdout.write(json.finding(f).as_bytes());
            }
        }
        if args.format == OutputFormat::Html {
            html_files.push(report::html::FileReport {
                path: name.strip_prefix("./").unwrap_or(&name).to_string(),
                text: o.source.take().unwrap_or_default(),
                findings: o.findings.clone(),
                unread: o.unread.iter().map(|(k, p)| (*k, p.line)).collect(),
            });
        }
        if keep_findings {
            findings.extend(o.findings);
        }
        stdout.write(b"")
    };
    'files: for chunk in files.chunks(64) {
        let linted: Vec<Outcome> = chunk
            .par_iter()
            .map(|(_, p, f)| {
                let o = lint_path(p, (*f, options_for(p)), rules, limit, want, fix);
                progress.inc();
                o
            })
            .collect();
        for ((name, _, _), o) in chunk.iter().zip(linted) {
            while let Some((n, stdin)) = early.next_if(|(n, _)| n <= name) {
                if !take(n, stdin) {
                    break 'files;
                }
            }
            if !take(name.clone(), o) {
                break 'files;
            }
        }
    }
    for (n, stdin) in early {
        take(n, stdin);
    }
    summary.input_errors += messages.iter().filter(|m| m.level == "error").count();
    progress.finish();
    let hidden = baseline.as_ref().map_or(0, |b| b.hidden);
    if let Some(b) = baseline.take()
        && let Some(note) = b.finish(rules)?
    {
        stderr(&note);
    }

    for note in &fix_notes {
        stderr(&format!("{note}\n"));
    }
    let print_messages = || {
        for m in &messages {
            let at = m.line.map(|l| format!(":{l}")).unwrap_or_default();
            stderr(&format!("{}: {}{at}: {}\n", m.level, m.path, m.message));
        }
    };
    if fix == FixMode::Diff {
        stdout.write(diffs.as_bytes());
        if !args.quiet {
            let mut line = format!(
                "would fix {} in {}",
                plural(fixed_total, "problem", "problems"),
                plural(fixed_files, "file", "files")
            );
            // What the diff cannot show must not look like a clean run.
            if summary.total() > 0 {
                let remain = if summary.total() == 1 {
                    "remains"
                } else {
                    "remain"
                };
                line.push_str(&format!(
                    "; {} {remain} with no safe fix\n  = help: run without `--diff` to see them",
                    plural(summary.total(), "problem", "problems"),
                ));
            }
            stderr(&format!("{line}\n"));
        }
        print_messages();
        let code = if summary.input_errors > 0 {
            2
        } else {
            u8::from(fixed_total > 0 || failing)
        };
        return Ok(stdout.exit_code(code));
    }

    let report = match args.format {
        OutputFormat::Json if args.statistics => statistics.json(),
        OutputFormat::Json if stream_json => json.tail(&messages, &summary),
        OutputFormat::Json => report::json::render(&findings, &messages, &summary),
        OutputFormat::Sarif => {
            let base = std::env::current_dir().ok();
            report::sarif::render(&findings, &messages, rules, base.as_deref())
        }
        OutputFormat::Github => report::github::render(&findings, &messages),
        OutputFormat::Html => report::html::render(&html_files, &messages, &summary, rules),
        OutputFormat::Human => {
            let mut out = if args.statistics {
                statistics.human()
            } else {
                human_out
            };
            if !args.quiet {
                out.push_str(&summary.line());
                if hidden > 0 && !args.update_baseline {
                    out.push_str(&format!(
                        "; {} in the baseline not shown",
                        plural(hidden, "finding", "findings")
                    ));
                }
                out.push('\n');
            }
            out
        }
    };
    if stdin_fixed {
        stdout.write(&fixed_stdin);
        stderr(&report);
    } else {
        stdout.write(report.as_bytes());
    }
    print_messages();
    let code = if summary.input_errors > 0 {
        2
    } else {
        u8::from(failing)
    };
    Ok(stdout.exit_code(code))
}
