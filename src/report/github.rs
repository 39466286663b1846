//! `--format github`: GitHub Actions workflow commands, one per finding, which the runner
//! turns into annotations on the pull request:
//! `::error file=copy/page.md,line=3,col=5,endLine=3,endColumn=12,title=us-fda/disease-claim::...`.

use super::{Finding, InputMessage};
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Escape a command's data (the message): `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: what data escapes, plus `:` and `,`, which end properties.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Render one workflow command per finding, then one per input problem.
pub fn render(findings: &[Finding], errors: &[InputMessage]) -> String {
    let mut out = String::new();
    for f in findings {
        let d = &f.diagnostic;
        let p = &f.position;
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        if let Some(context) = &d.context {
            message.push_str("\nnote: in ");
            message.push_str(context);
        }
        if let Some(cite) = &d.cite {
            message.push_str("\nnote: ");
            message.push_str(cite);
        }
        let _ = writeln!(
            out,
            "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            command(d.severity),
            escape_property(&f.path),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            escape_property(&d.rule),
            escape_data(&message)
        );
    }
    for m in errors {
        let level = match m.level {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let line = m.line.map(|l| format!(",line={l}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "::{level} file={}{line},title=claimlint::{}",
            escape_property(&m.path),
            escape_data(&m.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
