//! Paths to files: folders are walked recursively, honouring `.gitignore` (inside or outside
//! a git repository), hidden files are skipped, and only known copy extensions are taken
//! unless a file is named explicitly.

use crate::document::Format;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// A file to lint, or a problem with a path the user named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A file and the format to parse it as.
    File(PathBuf, Format),
    /// A named path that does not exist or cannot be read.
    Missing(PathBuf, String),
    /// A folder that held nothing to lint.
    Empty(PathBuf),
}

/// Include and exclude globs, relative to a base folder.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    base: PathBuf,
}

fn build(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        b.add(Glob::new(g).map_err(|e| format!("invalid glob `{g}`: {e}"))?);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// Globs relative to a base folder, matched as `include` matches them: against the path
/// relative to the base, or the path as given.
#[derive(Debug, Clone, Default)]
pub struct PathGlobs {
    set: Option<GlobSet>,
    base: PathBuf,
}

impl PathGlobs {
    /// Globs relative to `base`; no globs match nothing.
    pub fn new(globs: &[String], base: &Path) -> Result<PathGlobs, String> {
        Ok(PathGlobs {
            set: build(globs)?,
            base: base.to_path_buf(),
        })
    }

    /// Whether `path` matches any of the globs.
    pub fn matches(&self, path: &Path) -> bool {
        let Some(set) = &self.set else {
            return false;
        };
        let rel = path.strip_prefix(&self.base).unwrap_or(path);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        set.is_match(rel) || set.is_match(path)
    }
}

impl Filter {
    /// A filter from globs relative to `base`.
    pub fn new(include: &[String], exclude: &[String], base: &Path) -> Result<Filter, String> {
        Ok(Filter {
            include: build(include)?,
            exclude: build(exclude)?,
            base: base.to_path_buf(),
        })
    }

    fn keeps(&self, path: &Path) -> bool {
        let rel = path.strip_prefix(&self.base).unwrap_or(path);
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        if let Some(ex) = &self.exclude
            && (ex.is_match(rel) || ex.is_match(path))
        {
            return false;
        }
        match &self.include {
            Some(inc) => inc.is_match(rel) || inc.is_match(path),
            None => true,
        }
    }
}

/// Expand `paths` into entries, sorted by path.
pub fn walk(paths: &[PathBuf], filter: &Filter) -> Vec<Entry> {
    let mut out = Vec::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                out.push(Entry::Missing(path.clone(), crate::load::io_reason(&e)));
                continue;
            }
        };
        if !meta.is_dir() {
            // A file named explicitly is linted even when its extension is unknown: as the
            // user asked for it, plain text is the safe reading. So is anything else that is
            // not a folder (`/dev/stdin`, a pipe, `<(...)`): it is read as it is.
            let format = Format::from_path(path).unwrap_or(Format::Text);
            out.push(Entry::File(lexical(path), format));
            continue;
        }
        let before = out.len();
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    if !e.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    let p = e.path();
                    if let Some(f) = Format::from_path(p)
                        && filter.keeps(p)
                    {
                        out.push(Entry::File(lexical(p), f));
                    }
                }
                Err(err) => {
                    let p = match &err {
                        ignore::Error::WithPath { path, .. } => path.clone(),
                        _ => path.clone(),
                    };
                    let why = match err.io_error() {
                        Some(io) => crate::load::io_reason(io),
                        None => err.to_string(),
                    };
                    out.push(Entry::Missing(p, why));
                }
            }
        }
        if out.len() == before {
            out.push(Entry::Empty(path.clone()));
        }
    }
    out.sort_by(|a, b| key(a).cmp(key(b)));
    out.dedup();
    out
}

/// `path` without its `.` components, so `./sub/a.md` (from walking `.`) and `sub/a.md`
/// (from walking `sub`) are one file, named once.
fn lexical(path: &Path) -> PathBuf {
    let clean: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if clean.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        clean
    }
}

fn key(e: &Entry) -> &Path {
    match e {
        Entry::File(p, _) | Entry::Missing(p, _) | Entry::Empty(p) => p,
    }
}
