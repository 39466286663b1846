//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! The small subset GitHub reads, written by hand: one run whose driver lists each rule that
//! fired (with its documentation), one result per finding with a physical location, related
//! locations for secondary labels, fixes, and a content fingerprint. Columns and character
//! offsets count UTF-16 code units, SARIF's default `columnKind`, which the run states
//! explicitly.

use super::{Finding, InputMessage, Position, RuleDoc, rule_doc};
use crate::diagnostic::Severity;
use crate::rules::RuleSet;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The schema the document declares.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The key of claimlint's own entry in `partialFingerprints`, the fingerprint baselines use
/// ([`crate::baseline`]). GitHub computes and reserves `primaryLocationLineHash`, so
/// claimlint does not write that one. (`claimlint/v1` hashed the path and the words alone.)
pub const FINGERPRINT_KEY: &str = "claimlint/v2";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    results: Vec<ResultOut<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<RuleOut<'a>>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct TextAndMarkdown<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleOut<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    help: TextAndMarkdown<'a>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    category: &'static str,
    tags: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cite: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultOut<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<FixOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<ResultProperties<'a>>,
}

/// Where in a document of several units (a catalog's product) the finding is.
#[derive(Serialize)]
struct ResultProperties<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<&'a str>,
    /// The markets the finding is for, when they are not the default market alone.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    markets: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    char_length: Option<usize>,
}

impl Region {
    fn of(p: &Position) -> Region {
        Region {
            start_line: p.line,
            start_column: Some(p.utf16.column),
            end_line: Some(p.end_line),
            end_column: Some(p.utf16.end_column),
            char_offset: Some(p.utf16.offset),
            char_length: Some(p.utf16.len),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FixOut {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    locations: Vec<NotificationLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: NotificationPhysical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationPhysical {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encode a path's bytes for a URI reference, keeping `/` and RFC 3986's unreserved
/// characters: a byte that is not UTF-8 is encoded as itself, so the URI names the file.
fn encode_path(path: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The artifact URI of `path`: relative to `base` (the working directory) when it lies
/// inside it, which is what GitHub matches against the repository; otherwise a `file:` URI.
pub fn artifact_uri(path: &str, base: Option<&Path>) -> String {
    artifact_uri_of(path.as_bytes(), base)
}

/// As [`artifact_uri`], for a path given as the bytes the system names it with.
pub fn artifact_uri_of(path: &[u8], base: Option<&Path>) -> String {
    let slashed: Vec<u8> = path
        .iter()
        .map(|&b| if b == b'\\' { b'/' } else { b })
        .collect();
    let p = path_of(path);
    if p.is_absolute() {
        if let Some(rel) = base.and_then(|b| p.strip_prefix(b).ok()) {
            let rel: Vec<u8> = bytes_of(rel)
                .iter()
                .map(|&b| if b == b'\\' { b'/' } else { b })
                .collect();
            return encode_path(&rel);
        }
        let mut abs = Vec::with_capacity(slashed.len() + 1);
        if !slashed.starts_with(b"/") {
            abs.push(b'/');
        }
        abs.extend_from_slice(&slashed);
        return format!("file://{}", encode_path(&abs));
    }
    let mut rel = &slashed[..];
    while let Some(rest) = rel.strip_prefix(b"./") {
        rel = rest;
    }
    encode_path(rel)
}

#[cfg(unix)]
fn path_of(bytes: &[u8]) -> std::borrow::Cow<'_, Path> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(Path::new(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn path_of(bytes: &[u8]) -> std::borrow::Cow<'_, Path> {
    std::borrow::Cow::Owned(std::path::PathBuf::from(
        String::from_utf8_lossy(bytes).into_owned(),
    ))
}

#[cfg(unix)]
fn bytes_of(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn bytes_of(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

/// Render the findings as one SARIF 2.1.0 log; `base` is the folder URIs are made relative
/// to (the working directory).
pub fn render(
    findings: &[Finding],
    errors: &[InputMessage],
    rules: &RuleSet,
    base: Option<&Path>,
) -> String {
    // One driver rule per rule that fired, in id order.
    let mut ids: Vec<&str> = findings
        .iter()
        .map(|f| f.diagnostic.rule.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let docs: Vec<Option<RuleDoc<'_>>> = ids.iter().map(|id| rule_doc(rules, id)).collect();
    let rule_out: Vec<RuleOut<'_>> = ids
        .iter()
        .zip(&docs)
        .filter_map(|(_, d)| d.as_ref())
        .map(|d| RuleOut {
            id: d.id,
            name: d.name().to_string(),
            short_description: Text {
                text: d.summary.to_string(),
            },
            full_description: Text {
                text: d.description(),
            },
            help_uri: d.url.clone(),
            help: TextAndMarkdown {
                text: d.docs,
                markdown: d.docs,
            },
            default_configuration: Configuration {
                level: level(d.severity),
            },
            properties: RuleProperties {
                category: d.category.as_str(),
                tags: vec!["claimlint", d.category.as_str()],
                cite: d.cite,
            },
        })
        .collect();
    let index_of = |id: &str| rule_out.iter().position(|r| r.id == id);
    let prints = crate::baseline::fingerprints_of(findings);
    let results = findings
        .iter()
        .zip(prints)
        .map(|(f, print)| {
            let d = &f.diagnostic;
            let uri = ArtifactLocation {
                uri: match &f.raw_path {
                    Some(raw) => artifact_uri_of(raw, base),
                    None => artifact_uri(&f.path, base),
                },
            };
            let related = d
                .labels
                .iter()
                .zip(&f.label_positions)
                .enumerate()
                .map(|(i, (l, p))| Location {
                    id: Some(i + 1),
                    physical_location: PhysicalLocation {
                        artifact_location: uri.clone(),
                        region: Region::of(p),
                    },
                    message: Some(Text {
                        text: l.text.clone(),
                    }),
                })
                .collect();
            let fixes = d
                .fix
                .iter()
                .map(|fix| FixOut {
                    description: Text {
                        text: fix.title.clone(),
                    },
                    artifact_changes: vec![ArtifactChange {
                        artifact_location: uri.clone(),
                        replacements: fix
                            .edits
                            .iter()
                            .zip(&f.edit_positions)
                            .map(|(e, p)| Replacement {
                                deleted_region: Region::of(p),
                                inserted_content: Text {
                                    text: e.replacement.clone(),
                                },
                            })
                            .collect(),
                    }],
                })
                .collect();
            let markets: &[String] = if d.markets == [crate::market::DEFAULT] {
                &[]
            } else {
                &d.markets
            };
            ResultOut {
                rule_id: &d.rule,
                rule_index: index_of(&d.rule),
                level: level(d.severity),
                message: Text {
                    text: match crate::market::describe(markets) {
                        Some(m) => format!("{} ({m})", d.message),
                        None => d.message.clone(),
                    },
                },
                locations: vec![Location {
                    id: None,
                    physical_location: PhysicalLocation {
                        artifact_location: uri,
                        region: Region::of(&f.position),
                    },
                    message: None,
                }],
                related_locations: related,
                partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, print)]),
                fixes,
                properties: (d.context.is_some() || !markets.is_empty()).then_some(
                    ResultProperties {
                        context: d.context.as_deref(),
                        markets,
                    },
                ),
            }
        })
        .collect();
    let notifications = errors
        .iter()
        .map(|m| Notification {
            level: match m.level {
                "error" => "error",
                "warning" => "warning",
                _ => "note",
            },
            message: Text {
                text: m.message.clone(),
            },
            locations: vec![NotificationLocation {
                physical_location: NotificationPhysical {
                    artifact_location: ArtifactLocation {
                        uri: match &m.raw_path {
                            Some(raw) => artifact_uri_of(raw, base),
                            None => artifact_uri(&m.path, base),
                        },
                    },
                    region: m.line.map(|line| Region {
                        start_line: line,
                        start_column: m.column,
                        end_line: None,
                        end_column: None,
                        char_offset: None,
                        char_length: None,
                    }),
                },
            }],
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "claimlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rule_out,
                },
            },
            invocations: vec![Invocation {
                execution_successful: !errors.iter().any(|m| m.level == "error"),
                tool_execution_notifications: notifications,
            }],
            results,
            column_kind: "utf16CodeUnits",
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".into());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let base = Path::new("/repo");
        assert_eq!(
            artifact_uri("copy/a page.md", Some(base)),
            "copy/a%20page.md"
        );
        assert_eq!(artifact_uri("./copy/x.md", Some(base)), "copy/x.md");
        assert_eq!(artifact_uri("/repo/copy/x.md", Some(base)), "copy/x.md");
        assert_eq!(
            artifact_uri("/elsewhere/é.md", Some(base)),
            "file:///elsewhere/%C3%A9.md"
        );
        assert_eq!(artifact_uri("<stdin>", None), "%3Cstdin%3E");
    }
}
