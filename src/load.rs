//! Bytes to text: UTF-8 with or without a byte order mark; binary files, files over the
//! size limit and invalid UTF-8 are refused with a message that says where.

use crate::document::LineIndex;
use std::io::Read;

/// Why a file was not linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// Looks binary (a NUL byte): skipped with a note, not an error.
    Binary,
    /// Larger than the limit: skipped with a warning.
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// More than the limit came out of it, whatever size it had when it was opened (a file
    /// that grew meanwhile, a pipe): skipped with a warning.
    OverLimit {
        /// The limit.
        limit: u64,
    },
    /// Not valid UTF-8: an error naming the first bad byte's line and column.
    NotUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in characters) of the first invalid byte.
        column: usize,
        /// The byte.
        byte: u8,
    },
}

impl LoadProblem {
    /// The message, lowercase, no trailing period.
    pub fn message(&self) -> String {
        match self {
            LoadProblem::Binary => {
                "skipped: looks like a binary file (it contains a NUL byte)".into()
            }
            LoadProblem::TooLarge { size, limit } => format!(
                "skipped: the file is {} bytes, over the {} byte limit (raise `max_file_size` in claimlint.yaml)",
                size, limit
            ),
            LoadProblem::OverLimit { limit } => format!(
                "skipped: more than {limit} bytes were read from it, over the byte limit (raise `max_file_size` in claimlint.yaml)"
            ),
            LoadProblem::NotUtf8 { line, column, byte } => format!(
                "not valid UTF-8: byte 0x{byte:02X} at line {line}, column {column} (Latin-1 or Windows-1252 exports look like this; save the file as UTF-8)"
            ),
        }
    }

    /// Whether this problem makes the run fail with exit code 2.
    pub fn is_error(&self) -> bool {
        matches!(self, LoadProblem::NotUtf8 { .. })
    }
}

/// A loaded text: the text without a BOM and the BOM's length (to shift offsets back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The text.
    pub text: String,
    /// 3 when the file began with a UTF-8 byte order mark, else 0.
    pub bom: usize,
}

/// Why an I/O operation failed, in the words of the messages: lowercase, no OS error number.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => return "permission denied".into(),
        std::io::ErrorKind::NotFound => return "no such file or folder".into(),
        std::io::ErrorKind::IsADirectory => return "it is a folder".into(),
        _ => {}
    }
    // ELOOP (Linux 40, macOS and the BSDs 62): the kind for it is not stable yet.
    if matches!(e.raw_os_error(), Some(40 | 62)) && e.to_string().contains("symbolic links") {
        return "a symbolic link loop (a link that points back at itself)".into();
    }
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "unknown error".into(),
    }
}

/// Read a configuration or rule file as UTF-8 text (without a byte order mark); the error
/// says why, and for bytes that are not UTF-8, where.
pub fn read_text(path: &std::path::Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| io_reason(&e))?;
    match decode(bytes) {
        Ok(l) => Ok(l.text),
        Err(LoadProblem::Binary) => Err("not a text file (it contains a NUL byte)".into()),
        Err(p) => Err(p.message()),
    }
}

/// What tells whether a file on disk is still the one that was read: which file it is (device
/// and inode), its size, and when its contents and its metadata last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    id: (u64, u64, i64, i64),
}

impl FileStamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            id: (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// Read everything `reader` holds, but no more than `limit` bytes: `None` when there is more.
/// The size a file had when it was opened says nothing about what a read returns (it may
/// have grown since, or be a pipe), so the bound is on the read itself.
pub fn read_limited(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Decode `bytes`.
pub fn decode(bytes: Vec<u8>) -> Result<Loaded, LoadProblem> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(LoadProblem::Binary);
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let mut bytes = bytes;
    match std::str::from_utf8(&bytes[bom..]) {
        Ok(_) => {
            bytes.drain(..bom);
            let text = String::from_utf8(bytes).unwrap_or_default();
            Ok(Loaded { text, bom })
        }
        Err(e) => {
            let at = bom + e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[bom..at]).unwrap_or("");
            let index = LineIndex::new(valid);
            let (line, column) = index.line_col(valid, valid.len());
            Err(LoadProblem::NotUtf8 {
                line,
                column,
                byte: bytes[at],
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_bom() {
        let l = decode(b"\xEF\xBB\xBFhello".to_vec()).unwrap();
        assert_eq!((l.text.as_str(), l.bom), ("hello", 3));
    }

    #[test]
    fn latin1_is_located() {
        let err = decode(b"ok\ncaf\xE9 au lait".to_vec()).unwrap_err();
        assert_eq!(
            err,
            LoadProblem::NotUtf8 {
                line: 2,
                column: 4,
                byte: 0xE9
            }
        );
        assert!(err.is_error());
    }

    #[test]
    fn a_read_stops_one_byte_past_the_limit() {
        let forty = [b'a'; 40];
        assert_eq!(read_limited(&forty[..], 40).unwrap().unwrap().len(), 40);
        assert_eq!(read_limited(&forty[..], 39).unwrap(), None);
        // Whatever the size was when it was looked at: the bytes decide.
        let endless = std::io::repeat(b'a');
        assert_eq!(read_limited(endless, 1 << 20).unwrap(), None);
    }

    #[test]
    fn nul_means_binary() {
        assert_eq!(
            decode(b"PK\x00\x03".to_vec()).unwrap_err(),
            LoadProblem::Binary
        );
    }
}
