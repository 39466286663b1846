//! Writing fixed text back over a file: atomically (a new file renamed over the old one), as
//! the same file to the people who use it (owner, group and mode from its first byte, one
//! name), and only over the file that was read. Whatever goes wrong, the file is as it was
//! and no temporary file is left.

use crate::load::{FileStamp, io_reason};
use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why fixes were not written. The file on disk is as it was in every case.
#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after it was read (someone saved it meanwhile).
    Changed,
    /// Not a regular file (a pipe, a device): there is nothing to put a fixed copy in place of.
    NotAFile,
    /// The file is read-only.
    ReadOnly,
    /// The file has this many names (hard links); a new file renamed over one of them would
    /// leave the others with the old text.
    HardLinks(u64),
    /// The new file could not be given the original's owner and group.
    Owner,
    /// The folder (as shown) does not let a new file be made in it, though the file itself
    /// may be writable: a fix writes a new copy beside the file.
    Folder(String),
    /// An I/O error.
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        WriteError::Io(e)
    }
}

impl WriteError {
    /// What to tell the user, lowercase, no trailing period.
    pub fn message(&self) -> String {
        let unchanged = "cannot write the fixes, the file is unchanged";
        match self {
            WriteError::Changed => "not fixed: the file changed on disk while it was being \
                                    fixed, and its new contents are kept (run `--fix` again)"
                .into(),
            WriteError::NotAFile => format!(
                "{unchanged}: it is not a regular file (to fix a pipe's text, pipe it to `check \
                 --fix -`, which prints the fixed text)"
            ),
            WriteError::ReadOnly => {
                format!("{unchanged}: permission denied (the file is read-only)")
            }
            WriteError::HardLinks(n) => format!(
                "{unchanged}: it has {n} hard links, and a fixed copy put in its place would \
                 leave the other names with the old text (see the fixes with `--diff`)"
            ),
            WriteError::Owner => format!(
                "{unchanged}: the fixed copy cannot be given the file's owner and group (run \
                 `--fix` as the file's owner)"
            ),
            WriteError::Folder(folder) => format!(
                "{unchanged}: the folder `{folder}` cannot be written to (a fix writes a new copy \
                 of the file beside it, then renames it over the file)"
            ),
            WriteError::Io(e) => format!("{unchanged}: {}", io_reason(e)),
        }
    }
}

/// Replace the file at `path` with `contents` atomically: write a new file in the same
/// folder with the original's owner, group and permissions, flush it to disk, then rename
/// it over the original. A symbolic link is followed, so the link stays a link. Refused: what
/// is not a regular file, a read-only file, a file with other hard links, and a file that is no longer the one `read`
/// describes (edited, replaced or resized since), whose new contents would be lost.
pub fn write_atomically(path: &Path, contents: &[u8], read: &FileStamp) -> Result<(), WriteError> {
    if !fs::metadata(path)?.is_file() {
        return Err(WriteError::NotAFile);
    }
    let target = fs::canonicalize(path)?;
    let metadata = fs::metadata(&target)?;
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(WriteError::HardLinks(metadata.nlink()));
        }
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let folder_refused = |e: WriteError| match e {
        WriteError::Io(io) if io.kind() == io::ErrorKind::PermissionDenied => {
            WriteError::Folder(shown_folder(path, dir))
        }
        e => e,
    };
    let mut temp = Temp::create(dir, &metadata).map_err(folder_refused)?;
    temp.file.write_all(contents)?;
    temp.file.sync_all()?;
    // As late as possible: an edit saved after this and before the rename is the window
    // that remains (docs/robustness.md).
    if FileStamp::of(&fs::metadata(&target)?) != *read {
        return Err(WriteError::Changed);
    }
    temp.replace(&target).map_err(folder_refused)
}

/// The folder `dir` (where the file `path` really is) as the user named it, when they did.
fn shown_folder(path: &Path, dir: &Path) -> String {
    let named = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => Path::new("."),
    };
    if fs::canonicalize(named).is_ok_and(|n| n == dir) {
        named.display().to_string()
    } else {
        dir.display().to_string()
    }
}

/// The fixed copy being written, in the folder of the file it replaces.
struct Temp {
    file: File,
    dir: PathBuf,
    /// Its name in the folder, once it has one. On Linux it has none until it is complete,
    /// so a process killed while writing leaves nothing behind.
    name: Option<PathBuf>,
}

impl Temp {
    fn create(dir: &Path, original: &Metadata) -> Result<Temp, WriteError> {
        let mode = permission_bits(original);
        #[cfg(target_os = "linux")]
        let unnamed = unnamed(dir, mode);
        #[cfg(not(target_os = "linux"))]
        let unnamed = None;
        let temp = match unnamed {
            Some(file) => Temp {
                file,
                dir: dir.to_path_buf(),
                name: None,
            },
            None => {
                let (file, name) = named(dir, mode)?;
                Temp {
                    file,
                    dir: dir.to_path_buf(),
                    name: Some(name),
                }
            }
        };
        keep_attributes(&temp.file, original)?;
        Ok(temp)
    }

    /// Rename the copy over `target` (giving it a name first if it has none).
    fn replace(mut self, target: &Path) -> Result<(), WriteError> {
        let name = match &self.name {
            Some(name) => name.clone(),
            None => {
                let name = self.link()?;
                self.name = Some(name.clone());
                name
            }
        };
        fs::rename(&name, target)?;
        self.name = None;
        Ok(())
    }

    #[cfg(target_os = "linux")]
    fn link(&self) -> io::Result<PathBuf> {
        use std::os::fd::AsRawFd;
        let proc_path = format!("/proc/self/fd/{}", self.file.as_raw_fd());
        free_name(&self.dir, |name| {
            rustix::fs::linkat(
                rustix::fs::CWD,
                proc_path.as_str(),
                rustix::fs::CWD,
                name,
                rustix::fs::AtFlags::SYMLINK_FOLLOW,
            )
            .map_err(io::Error::from)
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn link(&self) -> io::Result<PathBuf> {
        Err(io::Error::other("the temporary file has no name"))
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(name) = &self.name {
            let _ = fs::remove_file(name);
        }
    }
}

#[cfg(unix)]
fn permission_bits(meta: &Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn permission_bits(_: &Metadata) -> u32 {
    0o666
}

/// A file with no name in `dir` (`O_TMPFILE`), where the file system and `/proc` (to name it
/// later) allow one.
#[cfg(target_os = "linux")]
fn unnamed(dir: &Path, mode: u32) -> Option<File> {
    use rustix::fs::{Mode, OFlags};
    if !Path::new("/proc/self/fd").is_dir() {
        return None;
    }
    let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
    let fd = rustix::fs::open(dir, flags, Mode::from_raw_mode(mode)).ok()?;
    Some(File::from(fd))
}

/// A new file in `dir` under a short name (the original's may already be as long as names
/// can be), created with `mode` so it is never readable by more people than the original.
fn named(dir: &Path, mode: u32) -> io::Result<(File, PathBuf)> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
    #[cfg(not(unix))]
    let _ = mode;
    let mut file = None;
    let name = free_name(dir, |name| {
        file = Some(options.open(name)?);
        Ok(())
    })?;
    Ok((file.expect("created with the name"), name))
}

/// Call `create` with names in `dir` until one is not taken; the name it took.
fn free_name(dir: &Path, mut create: impl FnMut(&Path) -> io::Result<()>) -> io::Result<PathBuf> {
    for attempt in 0..100 {
        let name = dir.join(format!(".claimlint-{}-{attempt}.tmp", std::process::id()));
        match create(&name) {
            Ok(()) => return Ok(name),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "could not create a temporary file next to it",
    ))
}

/// Give the new file the original's owner and group, then its permissions (in that order:
/// changing the owner clears the set-user-ID and set-group-ID bits).
fn keep_attributes(file: &File, original: &Metadata) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let new = file.metadata()?;
        if (new.uid(), new.gid()) != (original.uid(), original.gid()) {
            std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()))
                .map_err(|_| WriteError::Owner)?;
        }
    }
    file.set_permissions(original.permissions())?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_copy_has_the_original_mode_from_its_first_byte() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("page.md");
        fs::write(&original, "private\n").unwrap();
        fs::set_permissions(&original, fs::Permissions::from_mode(0o600)).unwrap();
        let meta = fs::metadata(&original).unwrap();
        let (file, name) = named(dir.path(), permission_bits(&meta)).unwrap();
        assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        assert!(name.file_name().unwrap().len() < 40, "{name:?}");
        fs::remove_file(name).unwrap();
        let temp = Temp::create(dir.path(), &meta).unwrap();
        assert_eq!(
            temp.file.metadata().unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_copy_has_no_name_until_it_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("page.md");
        fs::write(&original, "old\n").unwrap();
        let meta = fs::metadata(&original).unwrap();
        let mut temp = Temp::create(dir.path(), &meta).unwrap();
        temp.file.write_all(b"new\n").unwrap();
        // A process killed now leaves only the original.
        assert_eq!(names(dir.path()), ["page.md"]);
        temp.replace(&original).unwrap();
        assert_eq!(names(dir.path()), ["page.md"]);
        assert_eq!(fs::read(&original).unwrap(), b"new\n");
        // Dropped before it is complete: nothing is left either.
        let temp = Temp::create(dir.path(), &meta).unwrap();
        drop(temp);
        assert_eq!(names(dir.path()), ["page.md"]);
    }
}
