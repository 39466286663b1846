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

/// Run `check --fix` in `dir` on `name`: exit code and stderr.
fn fix(dir: &Path, name: &str) -> (i32, String) {
    let out = super::claimlint(dir)
        .args(["check", "--no-config", "--fix", name])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (out.status.code().unwrap(), stderr)
}

#[cfg(unix)]
#[test]
fn the_fixed_file_keeps_its_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let path = d.join("page.md");
    write(d, "page.md", "Supports restful sleep.\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    // Only root can give a file away; others check the mode alone.
    let other = std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_ok();
    let before = fs::metadata(&path).unwrap();
    let (code, stderr) = fix(d, "page.md");
    assert_eq!((code, stderr.as_str()), (0, "fixed 1 problem in page.md\n"));
    let after = fs::metadata(&path).unwrap();
    assert_ne!(after.ino(), before.ino(), "a new file was renamed over it");
    assert_eq!(after.mode() & 0o7777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    if other {
        assert_eq!((after.uid(), after.gid()), (4321, 4322));
    }
    assert_eq!(names(d), ["page.md"]);
}

#[cfg(unix)]
#[test]
fn a_file_with_other_hard_links_is_not_fixed() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let page = "Supports restful sleep.\n";
    write(d, "page.md", page);
    fs::hard_link(d.join("page.md"), d.join("copy.md")).unwrap();
    let (code, stderr) = fix(d, "page.md");
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "error: page.md: cannot write the fixes, the file is unchanged: it has 2 hard \
             links, and a fixed copy put in its place would leave the other names with the \
             old text (see the fixes with `--diff`)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("fixed 1"), "{stderr}");
    assert_eq!(fs::read_to_string(d.join("page.md")).unwrap(), page);
    assert_eq!(fs::read_to_string(d.join("copy.md")).unwrap(), page);
    assert_eq!(names(d), ["copy.md", "page.md"]);
}

#[test]
fn a_file_name_as_long_as_names_can_be_is_fixed() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let name = format!("{}.md", "a".repeat(252));
    write(d, &name, "Supports restful sleep.\n");
    let (code, stderr) = fix(d, &name);
    assert_eq!((code, stderr), (0, format!("fixed 1 problem in {name}\n")));
    assert!(
        fs::read_to_string(d.join(&name))
            .unwrap()
            .contains("Food and Drug Administration")
    );
    assert_eq!(names(d), [name]);
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_refuses_new_files_is_named_as_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    let page = "Supports restful sleep.\n";
    write(d, "locked/page.md", page);
    let folder = d.join("locked");
    // A folder without write permission, or (as root, whom permissions do not stop) one
    // marked immutable; where neither can be had there is nothing to test.
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let blocked = |f: &Path| fs::write(f.join("probe"), "x").is_err();
    let mut immutable = false;
    if !blocked(&folder) {
        let _ = fs::remove_file(folder.join("probe"));
        immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(&folder)
            .status()
            .is_ok_and(|s| s.success());
    }
    if blocked(&folder) {
        let (code, stderr) = fix(d, "locked/page.md");
        assert_eq!(code, 2);
        assert!(
            stderr.contains(
                "error: locked/page.md: cannot write the fixes, the file is unchanged: the folder \
                 `locked` cannot be written to (a fix writes a new copy of the file beside it, \
                 then renames it over the file)"
            ),
            "{stderr}"
        );
        assert_eq!(fs::read_to_string(folder.join("page.md")).unwrap(), page);
    }
    if immutable {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&folder)
            .status();
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}
