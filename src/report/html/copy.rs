//! One file's copy as the report shows it: line by line, each finding's words marked where
//! they stand and its note in the margin beside the line where it starts.

use super::escape;
use crate::document::LineIndex;
use crate::report::Finding;
use std::fmt::Write;

/// A file with at most this many lines is shown whole; a longer one only around its
/// findings.
const WHOLE_FILE_LINES: usize = 400;
/// Lines shown above and below a finding in a long file.
const AROUND: usize = 2;

/// The lines to show, in order (0-based).
fn shown_lines(findings: &[Finding], index: &LineIndex, text: &str) -> Vec<usize> {
    let count = index.line_count();
    if count <= WHOLE_FILE_LINES {
        return (0..count).collect();
    }
    let mut lines = Vec::new();
    for f in findings {
        let first = index.line_of(f.diagnostic.span.start.min(text.len()));
        let last = index.line_of(f.diagnostic.span.end.min(text.len()));
        lines.extend(first.saturating_sub(AROUND)..=(last + AROUND).min(count - 1));
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Where line `line` of `text` starts and ends, without its line break.
fn line_range(text: &str, index: &LineIndex, line: usize) -> (usize, usize) {
    let start = index.line_start(line).min(text.len());
    let next = index.line_start(line + 1).min(text.len());
    let end = start + text[start..next].trim_end_matches(['\n', '\r']).len();
    (start, end)
}

/// The copy of one file, marked up; `first_id` numbers its first finding.
pub(super) fn render(out: &mut String, text: &str, findings: &[Finding], first_id: usize) {
    let index = LineIndex::new(text);
    let spans: Vec<(usize, usize)> = findings
        .iter()
        .map(|f| {
            let s = f.diagnostic.span;
            (s.start.min(text.len()), s.end.min(text.len()))
        })
        .collect();
    // Which line each note goes beside: where its finding starts.
    let note_line: Vec<usize> = spans.iter().map(|s| index.line_of(s.0)).collect();
    // Where each finding's last marked piece ends, for its reference number.
    out.push_str("<div class=\"copy\">\n");
    let mut previous: Option<usize> = None;
    for line in shown_lines(findings, &index, text) {
        if previous.is_some_and(|p| line > p + 1) {
            out.push_str("<div class=\"gap\">\u{2026}</div>\n");
        }
        previous = Some(line);
        let (start, end) = line_range(text, &index, line);
        let _ = write!(
            out,
            "<div class=\"row\"><span class=\"ln\">{}</span><div class=\"text\">",
            line + 1
        );
        marked_line(out, text, (start, end), &spans, findings, first_id);
        out.push_str("</div><aside class=\"notes\">");
        for (i, f) in findings.iter().enumerate() {
            if note_line[i] == line {
                super::note(out, f, first_id + i);
            }
        }
        out.push_str("</aside></div>\n");
    }
    out.push_str("</div>\n");
}

/// The text of one line with every finding that touches it marked: the line is cut at each
/// span's ends, and each piece is marked with every finding that covers it, so overlapping
/// findings nest without breaking the markup.
fn marked_line(
    out: &mut String,
    text: &str,
    (start, end): (usize, usize),
    spans: &[(usize, usize)],
    findings: &[Finding],
    first_id: usize,
) {
    let touching: Vec<usize> = (0..spans.len())
        .filter(|&i| {
            let (s, e) = spans[i];
            (s < end && e > start) || (s == e && s >= start && s <= end)
        })
        .collect();
    let mut cuts = vec![start, end];
    for &i in &touching {
        let (s, e) = spans[i];
        cuts.push(s.clamp(start, end));
        cuts.push(e.clamp(start, end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let severity_of = |ids: &[usize]| {
        ids.iter()
            .map(|&i| findings[i].diagnostic.severity)
            .max()
            .map_or("info", |s| s.as_str())
    };
    for (n, &at) in cuts.iter().enumerate() {
        // Findings that mark a point (an insertion) here.
        for &i in &touching {
            if spans[i].0 == spans[i].1 && spans[i].0 == at {
                let _ = write!(
                    out,
                    "<mark class=\"finding point sev-{}\" data-finding=\"{}\" title=\"{}\"></mark><sup class=\"ref\" data-finding=\"{1}\">{1}</sup>",
                    findings[i].diagnostic.severity,
                    first_id + i,
                    escape(&findings[i].diagnostic.message)
                );
            }
        }
        let Some(&next) = cuts.get(n + 1) else { break };
        let piece = &text[at..next];
        let covering: Vec<usize> = touching
            .iter()
            .copied()
            .filter(|&i| spans[i].0 <= at && next <= spans[i].1 && spans[i].0 < spans[i].1)
            .collect();
        if covering.is_empty() {
            out.push_str(&escape(piece));
            continue;
        }
        let ids: Vec<String> = covering
            .iter()
            .map(|i| (first_id + i).to_string())
            .collect();
        let titles: Vec<&str> = covering
            .iter()
            .map(|&i| findings[i].diagnostic.message.as_str())
            .collect();
        let _ = write!(
            out,
            "<mark class=\"finding sev-{}\" data-finding=\"{}\" title=\"{}\">{}</mark>",
            severity_of(&covering),
            ids.join(" "),
            escape(&titles.join("\n")),
            escape(piece)
        );
        // A finding's number after the last piece of its words.
        for &i in &covering {
            if spans[i].1 == next {
                let _ = write!(
                    out,
                    "<sup class=\"ref\" data-finding=\"{0}\">{0}</sup>",
                    first_id + i
                );
            }
        }
    }
}
