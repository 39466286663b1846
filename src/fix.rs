//! Applying fixes: non-overlapping edits, safe ones only unless asked, and writing the
//! result back without ever leaving a half-written file.

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::load::FileStamp;
use std::io::{self, Write};
use std::path::Path;

/// Apply the edits of every fix with `Safe` applicability (or any, when `unsafe_too`) to
/// `source`. Edits that overlap an earlier one are skipped. Returns the new text and how many
/// fixes were applied.
pub fn apply(source: &str, diagnostics: &[Diagnostic], unsafe_too: bool) -> (String, usize) {
    let mut edits: Vec<(&Edit, usize)> = Vec::new();
    let mut fixes = 0;
    for (i, d) in diagnostics.iter().enumerate() {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability != Applicability::Safe && !unsafe_too {
            continue;
        }
        // A fix applies whole or not at all.
        let overlaps = fix.edits.iter().any(|e| {
            edits.iter().any(|(o, _)| {
                e.span.start < o.span.end && o.span.start < e.span.end
                    || (e.span.is_empty() && o.span.is_empty() && e.span.start == o.span.start)
            })
        });
        if overlaps || fix.edits.iter().any(|e| e.span.end > source.len()) {
            continue;
        }
        edits.extend(fix.edits.iter().map(|e| (e, i)));
        fixes += 1;
    }
    edits.sort_by_key(|(e, i)| (e.span.start, e.span.end, *i));
    let mut out = String::with_capacity(source.len());
    let mut at = 0;
    for (e, _) in edits {
        out.push_str(&source[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&source[at..]);
    (out, fixes)
}

/// Why fixes were not written. The file on disk is as it was in every case.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after it was read (someone saved it meanwhile).
    Changed,
    /// An I/O error.
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Replace the file at `path` with `contents` atomically: write a temporary file in the same
/// folder, give it the original's permissions, flush it to disk, then rename it over the
/// original. A symbolic link is followed, so the link stays a link. On any failure the
/// original is untouched and the temporary file is removed. A read-only file is refused, and
/// so is a file that is no longer the one `read` describes (edited, replaced or resized
/// since): its new contents would be lost.
pub fn write_atomically(path: &Path, contents: &[u8], read: &FileStamp) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    if metadata.permissions().readonly() {
        return Err(
            io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only").into(),
        );
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    for attempt in 0..100 {
        let temp = dir.join(format!(
            ".{name}.claimlint-{}-{attempt}.tmp",
            std::process::id()
        ));
        let mut file = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.into()),
        };
        let written = file
            .write_all(contents)
            .and_then(|()| file.set_permissions(metadata.permissions()))
            .and_then(|()| file.sync_all())
            .map_err(WriteError::from)
            .and_then(|()| {
                drop(file);
                // As late as possible: an edit saved after this and before the rename is the
                // window that remains (docs/robustness.md).
                if FileStamp::of(&std::fs::metadata(&target)?) != *read {
                    return Err(WriteError::Changed);
                }
                Ok(std::fs::rename(&temp, &target)?)
            });
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        return written;
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "could not create a temporary file next to it",
    )
    .into())
}
