//! `--fix` writing files back: nothing the user saved, and nothing of the file, is lost.

use super::write;
use claimlint::fix::{WriteError, write_atomically};
use claimlint::load::FileStamp;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

fn stamp(path: &Path) -> FileStamp {
    FileStamp::of(&fs::metadata(path).unwrap())
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_fix_is_not_written_over_an_edit_saved_meanwhile() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let path = d.join("page.md");
    // Each way an editor saves: a new file renamed over the old one, a write in place that
    // changes the size, and one that keeps it.
    type Save<'a> = (&'a str, &'a dyn Fn(&Path));
    let saves: [Save; 3] = [
        ("renamed over", &|p| {
            fs::write(p.with_extension("new"), "Edited meanwhile.\n").unwrap();
            fs::rename(p.with_extension("new"), p).unwrap();
        }),
        ("longer in place", &|p| {
            fs::write(p, "Edited meanwhile, and longer.\n").unwrap()
        }),
        ("same size in place", &|p| {
            fs::write(p, "Supports restful sleep!\n").unwrap();
            let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(later)
                .unwrap();
        }),
    ];
    for (how, save) in saves {
        write(d, "page.md", "Supports restful sleep.\n");
        let read = stamp(&path);
        save(&path);
        let edited = fs::read(&path).unwrap();
        let result = write_atomically(&path, b"Supports restful sleep.\n\nfixed\n", &read);
        assert!(
            matches!(result, Err(WriteError::Changed)),
            "{how}: {result:?}"
        );
        assert_eq!(fs::read(&path).unwrap(), edited, "{how}");
        assert_eq!(names(d), ["page.md"], "{how}: no temporary file is left");
    }
    // Unchanged since it was read: written.
    let read = stamp(&path);
    write_atomically(&path, b"fixed\n", &read).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"fixed\n");
}
