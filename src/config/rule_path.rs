//! Reading rule files and rule folders (`packs:` and `rule_files:` paths): a file as it is,
//! a folder walked for its YAML files, with `lexicons/` and `data/` inside, within bounds.

use crate::rules::{LoadError, SourceFile};
use std::path::Path;
use std::sync::Arc;

/// How many entries a rule folder may hold, and how deep its folders may go: a bound on the
/// walk, so `rule_files: [/]` is an error, not a walk of the whole disk.
const MAX_RULE_FOLDER_ENTRIES: usize = 10_000;
const MAX_RULE_FOLDER_DEPTH: usize = 16;

/// Whether a file of a pack (by its path inside the pack) is a rule, not a lexicon or data.
pub(super) fn is_rule_file(rel: &str) -> bool {
    !rel.split('/')
        .any(|part| part == "lexicons" || part == "data")
}

/// Read a rule file, or every YAML file in a rule folder (with `lexicons/` and `data/`).
pub fn read_rule_path(path: &Path) -> Result<Vec<SourceFile>, LoadError> {
    let origin = path.display().to_string();
    if path.is_file() {
        let text = crate::load::read_text(path)
            .map_err(|e| LoadError::new(&origin, format!("cannot read the rule file: {e}")))?;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let parent = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let rel = if parent == "lexicons" || parent == "data" {
            format!("{parent}/{name}")
        } else {
            name
        };
        return Ok(vec![SourceFile {
            rel,
            origin,
            text: Arc::from(text),
        }]);
    }
    if !path.is_dir() {
        let what = if path.exists() {
            "not a rule file or folder (a pipe or a device)"
        } else {
            "no such rule file or folder"
        };
        return Err(LoadError::new(&origin, what));
    }
    let mut files = Vec::new();
    let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut stack = vec![(path.to_path_buf(), 0)];
    let mut seen = 0;
    while let Some((dir, depth)) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            LoadError::new(
                dir.display().to_string(),
                format!("cannot read the folder: {}", crate::load::io_reason(&e)),
            )
        })?;
        for entry in entries.flatten() {
            seen += 1;
            if seen > MAX_RULE_FOLDER_ENTRIES || depth > MAX_RULE_FOLDER_DEPTH {
                return Err(LoadError::new(
                    &origin,
                    format!(
                        "the rule folder holds more than {MAX_RULE_FOLDER_ENTRIES} entries or \
                         folders more than {MAX_RULE_FOLDER_DEPTH} deep"
                    ),
                )
                .with_help("name the folder that holds your rule files, not one above it"));
            }
            let p = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            // Links are followed only to files inside the rule folder: a link to a folder
            // (`ln -s . r/a`) or out of it would walk forever or walk the disk.
            let is_file = if kind.is_symlink() {
                let inside = std::fs::canonicalize(&p).is_ok_and(|t| t.starts_with(&root));
                inside && std::fs::metadata(&p).is_ok_and(|m| m.is_file())
            } else {
                kind.is_file()
            };
            if kind.is_dir() {
                stack.push((p, depth + 1));
            } else if is_file && p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let text = crate::load::read_text(&p).map_err(|e| {
                    LoadError::new(
                        p.display().to_string(),
                        format!("cannot read the rule file: {e}"),
                    )
                })?;
                let rel = p
                    .strip_prefix(path)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push(SourceFile {
                    rel,
                    origin: p.display().to_string(),
                    text: Arc::from(text),
                });
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(files)
}
