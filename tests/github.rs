//! `--format github`: one workflow command per finding, escaped as the Actions runner
//! requires (`%`, CR and LF everywhere; `:` and `,` in properties).

use assert_cmd::Command;
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("claimlint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "github"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn findings_become_escaped_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    // A file name with every character a property must escape, and a message with a `%`.
    std::fs::write(
        dir.path().join("a,b:c%.txt"),
        "Our tea is 100% safe.\nIt prevents migraines.\n",
    )
    .unwrap();
    // Info findings become notices.
    std::fs::write(
        dir.path().join("claimlint.yaml"),
        "rules:\n  us-fda/miracle-claim: info\n",
    )
    .unwrap();
    let (stdout, _, code) = run(dir.path(), &["a,b:c%.txt"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        concat!(
            "::notice file=a%2Cb%3Ac%25.txt,line=1,col=12,endLine=1,endColumn=21,",
            "title=us-fda/miracle-claim::\"100%25 safe\" promises more than any evidence can ",
            "support%0Ahelp: describe the effect you can substantiate, without absolute words",
            "%0Anote: FTC Act sections 5 and 12; FTC Health Products Compliance Guidance (2022)\n",
            "::error file=a%2Cb%3Ac%25.txt,line=2,col=4,endLine=2,endColumn=22,",
            "title=us-fda/disease-claim::\"prevents\" with \"migraines\" claims to prevent a ",
            "disease%0Ahelp: a supplement may only claim to affect the body's structure or ",
            "function; drop the disease word or rewrite the claim%0Anote: 21 CFR ",
            "101.93(g)(2)(i)-(iii); 21 U.S.C. 321(g)(1)(B)\n",
        )
    );
}

#[test]
fn columns_count_characters_and_warnings_stay_warnings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.md"),
        "Café — a miracle in every cup.\n",
    )
    .unwrap();
    let (stdout, _, code) = run(dir.path(), &["--no-config", "page.md"]);
    assert_eq!(code, 1);
    // "Café — a " is 9 characters (12 bytes): the annotation starts at column 10.
    assert_eq!(
        stdout.lines().next().unwrap(),
        "::warning file=page.md,line=1,col=10,endLine=1,endColumn=17,title=us-fda/miracle-claim::\"miracle\" promises more than any evidence can support%0Ahelp: describe the effect you can substantiate, without absolute words%0Anote: FTC Act sections 5 and 12; FTC Health Products Compliance Guidance (2022)"
    );
}

#[test]
fn clean_copy_prints_nothing_and_input_errors_are_annotated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.md"), "A fine cup of tea.\n").unwrap();
    let (stdout, _, code) = run(dir.path(), &["--no-config", "ok.md"]);
    assert_eq!((stdout.as_str(), code), ("", 0));

    std::fs::write(dir.path().join("bad.txt"), b"line one\ncaf\xE9\n").unwrap();
    let (stdout, stderr, code) = run(dir.path(), &["--no-config", "bad.txt", "ok.md"]);
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "::error file=bad.txt,line=2,title=claimlint::not valid UTF-8: byte 0xE9 at line 2, column 4 (Latin-1 or Windows-1252 exports look like this; save the file as UTF-8)\n"
    );
    assert!(
        stderr.contains("error: bad.txt:2: not valid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn catalog_findings_name_their_product() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (stdout, _, _) = run(root, &["--no-config", "fixtures/pages/catalog.csv"]);
    let line = stdout
        .lines()
        .find(|l| l.contains("line=10,col=4,"))
        .expect("the zinc lozenges claim");
    assert!(
        line.ends_with(
            "claims to prevent a disease%0Ahelp: a supplement may only claim to affect the body's structure or function; drop the disease word or rewrite the claim; e.g. \"supports the immune system\"%0Anote: in row 4, column `Body (HTML)`, product `zinc-lozenges`%0Anote: 21 CFR 101.93(g)(2)(i)-(iii); 21 U.S.C. 321(g)(1)(B)"
        ),
        "{line}"
    );
}
