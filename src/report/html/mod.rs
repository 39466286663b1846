//! `--format html`: one self-contained page for the people who sign off on copy. Each file's
//! copy with its findings marked in place and a note in the margin for each (the message,
//! the help, the regulation), a summary per file and per category, filters by severity,
//! category and rule, what claimlint did not read, and a print stylesheet with a sign-off
//! block, so the page can be printed or saved as a PDF and signed. No network, no external
//! assets: the style and the filters' script are inside the page.

mod copy;

use super::{Finding, InputMessage, Summary, rule_doc};
use crate::diagnostic::{Category, Severity};
use crate::document::NotRead;
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::fmt::Write;

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// One linted file as the report shows it.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as reported.
    pub path: String,
    /// The text that was linted (no byte order mark).
    pub text: String,
    /// Its findings, in order.
    pub findings: Vec<Finding>,
    /// What in it was not read, with the line where it is.
    pub unread: Vec<(NotRead, usize)>,
}

/// Escape text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A finding's margin note.
fn note(out: &mut String, f: &Finding, id: usize) {
    let d = &f.diagnostic;
    let _ = write!(
        out,
        "<div class=\"note sev-{sev}\" id=\"finding-{id}\" data-finding=\"{id}\" data-rule=\"{rule}\" \
         data-category=\"{cat}\" data-severity=\"{sev}\"><p><span class=\"num\">{id}</span>\
         <span class=\"sev\">{sev}</span> <span class=\"rule\">{rule}</span></p>\
         <p class=\"message\">{message}</p>",
        sev = d.severity,
        rule = escape(&d.rule),
        cat = d.category,
        message = escape(&d.message),
    );
    if let Some(help) = &d.help {
        let _ = write!(out, "<p class=\"help\">{}</p>", escape(help));
    }
    if let Some(context) = &d.context {
        let _ = write!(out, "<p class=\"where\">{}</p>", escape(context));
    }
    if let Some(cite) = &d.cite {
        let _ = write!(out, "<p class=\"cite\">{}</p>", escape(cite));
    }
    out.push_str("</div>");
}

/// Counts by severity.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    error: usize,
    warning: usize,
    info: usize,
}

impl Counts {
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }

    fn total(&self) -> usize {
        self.error + self.warning + self.info
    }

    fn cells(&self) -> String {
        format!(
            "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            self.error,
            self.warning,
            self.info,
            self.total()
        )
    }
}

const COUNT_HEADS: &str = "<th class=\"n\">errors</th><th class=\"n\">warnings</th><th class=\"n\">infos</th><th class=\"n\">total</th>";

/// The filter boxes for one facet.
fn facet(out: &mut String, name: &str, legend: &str, values: &[(String, usize)]) {
    let _ = write!(out, "<fieldset><legend>{legend}</legend>");
    for (value, n) in values {
        let _ = write!(
            out,
            "<label><input type=\"checkbox\" checked data-facet=\"{name}\" value=\"{v}\"> {v} ({n})</label>",
            v = escape(value)
        );
    }
    out.push_str("</fieldset>");
}

/// Render the report. `skipped` are the inputs' messages (files not read at all among them).
pub fn render(
    files: &[FileReport],
    messages: &[InputMessage],
    summary: &Summary,
    rules: &RuleSet,
) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>claimlint report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>Copy review</h1><p class=\"meta\">claimlint {} &middot; {}</p></header>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&summary.line())
    );
    summary_section(&mut out, files);
    not_read_section(&mut out, files, messages);
    filters(&mut out, files);
    out.push_str("<main>\n");
    let mut next_id = 1;
    for (n, file) in files.iter().enumerate() {
        if file.findings.is_empty() {
            continue;
        }
        let mut counts = Counts::default();
        for f in &file.findings {
            counts.add(f.diagnostic.severity);
        }
        let _ = writeln!(
            out,
            "<section class=\"file\" id=\"file-{n}\"><h2>{}</h2><p class=\"muted\">{} errors, {} warnings, {} infos</p>",
            escape(&file.path),
            counts.error,
            counts.warning,
            counts.info
        );
        copy::render(&mut out, &file.text, &file.findings, next_id);
        next_id += file.findings.len();
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n");
    rule_index(&mut out, files, rules);
    out.push_str(
        "<section class=\"signoff\"><h2>Sign-off</h2><p>Reviewed by<span class=\"line\"></span>\
         Date<span class=\"line\"></span></p><p>Decision<span class=\"line\"></span>\
         Signature<span class=\"line\"></span></p></section>\n",
    );
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

fn summary_section(out: &mut String, files: &[FileReport]) {
    let mut by_category: BTreeMap<Category, Counts> = BTreeMap::new();
    for f in files.iter().flat_map(|f| &f.findings) {
        by_category
            .entry(f.diagnostic.category)
            .or_default()
            .add(f.diagnostic.severity);
    }
    out.push_str("<section id=\"summary\"><h2>Summary</h2>\n");
    let _ = write!(
        out,
        "<table class=\"by-category\"><thead><tr><th>category</th>{COUNT_HEADS}</tr></thead><tbody>"
    );
    for (category, counts) in &by_category {
        let _ = write!(out, "<tr><td>{category}</td>{}</tr>", counts.cells());
    }
    out.push_str("</tbody></table>\n");
    let _ = write!(
        out,
        "<table class=\"by-file\"><thead><tr><th>file</th>{COUNT_HEADS}<th class=\"n\">not read</th></tr></thead><tbody>"
    );
    for (n, file) in files.iter().enumerate() {
        let mut counts = Counts::default();
        for f in &file.findings {
            counts.add(f.diagnostic.severity);
        }
        let name = if file.findings.is_empty() {
            escape(&file.path)
        } else {
            format!("<a href=\"#file-{n}\">{}</a>", escape(&file.path))
        };
        let _ = write!(
            out,
            "<tr><td>{name}</td>{}<td class=\"n\">{}</td></tr>",
            counts.cells(),
            file.unread.len()
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn not_read_section(out: &mut String, files: &[FileReport], messages: &[InputMessage]) {
    let mut items = Vec::new();
    for file in files {
        for (kind, line) in &file.unread {
            items.push((*kind, format!("{}:{line}", file.path)));
        }
    }
    for m in messages {
        if let Some(kind) = m.not_read {
            items.push((kind, m.path.clone()));
        }
    }
    out.push_str("<section id=\"not-read\"><h2>Not read</h2>\n");
    if items.is_empty() {
        out.push_str("<p class=\"muted\">claimlint read all of the copy it was given.</p>");
    } else {
        let mut totals: BTreeMap<NotRead, usize> = BTreeMap::new();
        for (kind, _) in &items {
            *totals.entry(*kind).or_default() += 1;
        }
        let said: Vec<String> = totals.iter().map(|(k, n)| k.describe(*n)).collect();
        let _ = write!(
            out,
            "<p>Words in these places were not checked: {}. Review them by eye.</p><ul class=\"unread\">",
            said.join(", ")
        );
        for (kind, at) in &items {
            let _ = write!(
                out,
                "<li data-unread=\"{}\"><span class=\"rule\">{}</span>: {}</li>",
                kind.as_str(),
                escape(at),
                kind.describe(1).trim_start_matches("1 ")
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>\n");
}

fn filters(out: &mut String, files: &[FileReport]) {
    let mut severities: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut categories: BTreeMap<Category, usize> = BTreeMap::new();
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for f in files.iter().flat_map(|f| &f.findings) {
        let d = &f.diagnostic;
        *severities.entry(d.severity).or_default() += 1;
        *categories.entry(d.category).or_default() += 1;
        *rules.entry(&d.rule).or_default() += 1;
        total += 1;
    }
    let _ = write!(
        out,
        "<nav id=\"filters\" class=\"no-print\"><p>Showing <span id=\"shown\">{total}</span> of {total} findings</p>"
    );
    let sev: Vec<(String, usize)> = severities
        .iter()
        .rev()
        .map(|(s, n)| (s.to_string(), *n))
        .collect();
    facet(out, "severity", "Severity", &sev);
    let cat: Vec<(String, usize)> = categories
        .iter()
        .map(|(c, n)| (c.to_string(), *n))
        .collect();
    facet(out, "category", "Category", &cat);
    let rule: Vec<(String, usize)> = rules.iter().map(|(r, n)| (r.to_string(), *n)).collect();
    facet(out, "rule", "Rule", &rule);
    out.push_str("</nav>\n");
}

/// The rules that fired, with a line each and their published documentation.
fn rule_index(out: &mut String, files: &[FileReport], rules: &RuleSet) {
    let mut ids: Vec<&str> = files
        .iter()
        .flat_map(|f| &f.findings)
        .map(|f| f.diagnostic.rule.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return;
    }
    out.push_str("<section id=\"rules\"><h2>Rules</h2><table><tbody>");
    for id in ids {
        let Some(doc) = rule_doc(rules, id) else {
            continue;
        };
        let name = match &doc.url {
            Some(url) => format!("<a href=\"{}\">{}</a>", escape(url), escape(id)),
            None => escape(id),
        };
        let _ = write!(
            out,
            "<tr><td class=\"rule\">{name}</td><td>{}</td><td>{}</td></tr>",
            escape(doc.summary),
            escape(doc.cite.unwrap_or(""))
        );
    }
    out.push_str("</tbody></table></section>\n");
}
