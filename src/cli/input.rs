//! One input (a file, or standard input): read it, lint it, fix it and write it back, and
//! reduce the result to what the reports need.

use claimlint::document::{Format, LineIndex, NotRead, ParseOptions};
use claimlint::load::{self, LoadProblem};
use claimlint::report::{Finding, InputMessage, Position, human};
use claimlint::rules::RuleSet;
use std::path::Path;

/// One linted input, reduced to what the reporters need.
pub(crate) struct Outcome {
    pub(crate) findings: Vec<Finding>,
    pub(crate) messages: Vec<InputMessage>,
    pub(crate) human: String,
    pub(crate) linted: bool,
    /// Safe fixes applied (or, with `--diff`, that would be).
    pub(crate) fixed: usize,
    /// The unified diff of the fixes, with `--diff`.
    pub(crate) diff: String,
    /// The whole fixed input, for standard input with `--fix`.
    pub(crate) fixed_text: Option<Vec<u8>>,
    /// The text that was linted, when the report shows it (HTML).
    pub(crate) source: Option<String>,
    /// What in it was not read, and where.
    pub(crate) unread: Vec<(NotRead, Position)>,
}

/// What a report needs of each input besides its findings.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Want {
    /// Human output, drawn as the file is done.
    pub(crate) human: Option<human::Style>,
    /// The linted text itself.
    pub(crate) source: bool,
}

impl Outcome {
    pub(crate) fn failed(messages: Vec<InputMessage>) -> Outcome {
        Outcome {
            findings: Vec::new(),
            messages,
            human: String::new(),
            linted: false,
            fixed: 0,
            diff: String::new(),
            fixed_text: None,
            source: None,
            unread: Vec::new(),
        }
    }
}

/// What to do with safe fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FixMode {
    /// Report only.
    Off,
    /// Apply and write them.
    Write,
    /// Show them as a diff.
    Diff,
}

pub(crate) fn message(
    path: &str,
    level: &'static str,
    message: String,
    line: Option<usize>,
) -> InputMessage {
    InputMessage {
        path: path.to_string(),
        level,
        message,
        line,
        column: None,
        not_read: None,
        raw_path: None,
    }
}

/// The message that a file was skipped unread, and why.
fn skipped(name: &str, problem: &LoadProblem) -> InputMessage {
    let (level, kind) = match problem {
        LoadProblem::Binary => ("note", NotRead::Binary),
        _ => ("warning", NotRead::TooLarge),
    };
    InputMessage {
        not_read: Some(kind),
        ..message(name, level, problem.message(), None)
    }
}

/// Lint `bytes` and, unless `fix` is off, apply safe fixes until none is left. `write` puts
/// the fixed bytes where they belong and says why it could not.
pub(crate) fn lint_bytes(
    name: &str,
    bytes: Vec<u8>,
    (format, options): (Format, &ParseOptions),
    rules: &RuleSet,
    want: Want,
    fix: FixMode,
    write: &dyn Fn(&[u8]) -> Result<(), String>,
) -> Outcome {
    let loaded = match load::decode(bytes) {
        Ok(l) => l,
        Err(p @ LoadProblem::NotUtf8 { line, .. }) => {
            return Outcome::failed(vec![message(name, "error", p.message(), Some(line))]);
        }
        Err(p) => return Outcome::failed(vec![skipped(name, &p)]),
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
    let mut findings: Vec<Finding> = linted
        .diagnostics
        .into_iter()
        .map(|d| Finding::new(name, d, text, &index, loaded.bom))
        .collect();
    claimlint::baseline::set_fingerprints(&mut findings);
    let human = match want.human {
        Some(style) if !findings.is_empty() => {
            human::render_file(&findings, name, text, &index, style)
        }
        _ => String::new(),
    };
    let unread = linted
        .document
        .unread
        .iter()
        .map(|u| (u.kind, Position::new(u.span, text, &index, loaded.bom)))
        .collect();
    Outcome {
        findings,
        messages,
        human,
        linted: true,
        fixed,
        diff,
        fixed_text,
        source: want.source.then(|| text.clone()),
        unread,
    }
}

/// Lint the file at `path` (see [`read_and_lint`]), its findings and messages carrying the
/// path's bytes when they are not UTF-8.
pub(crate) fn lint_path(
    path: &Path,
    format: (Format, &ParseOptions),
    rules: &RuleSet,
    limit: u64,
    want: Want,
    fix: FixMode,
) -> Outcome {
    // `market_paths:` in claimlint.yaml may give this file markets of its own.
    let per_path;
    let format = match rules.markets_for_path(path) {
        Some(markets) => {
            per_path = ParseOptions {
                markets: Some(markets),
                ..format.1.clone()
            };
            (format.0, &per_path)
        }
        None => format,
    };
    let mut outcome = read_and_lint(path, format, rules, limit, want, fix);
    if let Some(raw) = raw_path(path) {
        for f in &mut outcome.findings {
            f.raw_path = Some(raw.clone());
        }
        for m in &mut outcome.messages {
            m.raw_path = Some(raw.clone());
        }
    }
    outcome
}

/// The bytes of `path` when they are not UTF-8 (its display shows U+FFFD in their place).
pub(crate) fn raw_path(path: &Path) -> Option<Vec<u8>> {
    if path.to_str().is_some() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(path.as_os_str().as_bytes().to_vec())
    }
    #[cfg(not(unix))]
    None
}

/// Read the file at `path`, lint it, and fix it as `fix` asks.
fn read_and_lint(
    path: &Path,
    format: (Format, &ParseOptions),
    rules: &RuleSet,
    limit: u64,
    want: Want,
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
        return Outcome::failed(vec![skipped(&name, &p)]);
    }
    // The file may have grown since its size was looked at: what was read cut at the limit
    // would be written back as the whole file by `--fix`.
    let bytes = match load::read_limited(&file, limit) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let p = LoadProblem::OverLimit { limit };
            return Outcome::failed(vec![skipped(&name, &p)]);
        }
        Err(e) => return fail(format!("cannot read the file: {}", io_reason(&e))),
    };
    let write = |fixed: &[u8]| {
        claimlint::fix::write_atomically(path, fixed, &stamp).map_err(|e| e.message())
    };
    let mut outcome = lint_bytes(&name, bytes, format, rules, want, fix, &write);
    // The fixed text is on disk; only standard input prints it.
    outcome.fixed_text = None;
    outcome
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        _ => load::io_reason(e),
    }
}
