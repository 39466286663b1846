//! `claimlint --help`, the man page, the completions and the README's option table all come
//! from, or must agree with, the same clap definitions: every flag is in each of them.

mod common;
use common::claimlint;

use std::collections::BTreeSet;
use std::path::Path;

fn output(args: &[&str]) -> String {
    let out = claimlint(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Every `--long-flag` and `-s` short flag written in `text`.
fn flags(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find("--") {
        let start = i + at;
        let mut end = start + 2;
        while end < bytes.len() && (bytes[end].is_ascii_lowercase() || bytes[end] == b'-') {
            end += 1;
        }
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let letter = bytes.get(start + 2).is_some_and(u8::is_ascii_lowercase);
        if letter && before.is_none_or(|b| !b.is_ascii_alphanumeric() && b != b'-') {
            out.insert(text[start..end].trim_end_matches('-').to_string());
        }
        i = end;
    }
    // A short flag: `-q` after a space, a backtick or the start of a line, and followed by
    // neither a letter, a digit nor a hyphen (so not `-1`, a word with a hyphen or `--x`).
    for (start, _) in text.match_indices('-') {
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let letter = bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic);
        let after = bytes.get(start + 2);
        if letter
            && before.is_none_or(|b| matches!(b, b' ' | b'`' | b'\n'))
            && after.is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'-')
        {
            out.insert(text[start..start + 2].to_string());
        }
    }
    out
}

/// The man page as text: roff's escaped hyphens and font changes undone.
fn man_text() -> String {
    man_text_of(&["man"])
}

fn man_text_of(args: &[&str]) -> String {
    output(args)
        .replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
}

#[test]
fn help_and_the_man_page_name_the_same_flags() {
    let help = flags(&output(&["--help"]));
    let man = flags(&man_text());
    assert_eq!(help, man);
    for flag in [
        "--format",
        "--output-format",
        "--select",
        "--ignore",
        "--baseline",
        "--update-baseline",
        "--statistics",
        "--show-config",
        "--dump-config",
        "-q",
        "-v",
        "-h",
        "-V",
    ] {
        assert!(help.contains(flag), "{flag}");
    }
    assert!(man_text().starts_with(".ie \\n(.g .ds Aq"), "roff");
    // Each command's page, which claimlint(1) lists as claimlint-COMMAND(1), agrees with its
    // `--help`.
    for command in [
        "check",
        "rules",
        "explain",
        "eval",
        "init",
        "completions",
        "man",
        "lsp",
    ] {
        let page = man_text_of(&["man", command]);
        assert!(
            page.contains(&format!(".TH claimlint-{command} 1")),
            "{command}"
        );
        assert_eq!(
            flags(&output(&[command, "--help"])),
            flags(&page),
            "claimlint-{command}(1)"
        );
    }
}

#[test]
fn every_flag_is_in_the_readmes_option_table() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table: String = readme
        .split("| option | meaning |")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    let documented = flags(&table);
    let mut missing = Vec::new();
    let mut every = BTreeSet::new();
    for command in [
        "check",
        "rules",
        "explain",
        "eval",
        "init",
        "completions",
        "man",
        "lsp",
    ] {
        every.extend(flags(&output(&[command, "--help"])));
    }
    every.extend(flags(&output(&["--help"])));
    for flag in every.iter().cloned() {
        if !documented.contains(&flag) {
            missing.push(flag);
        }
    }
    assert!(
        missing.is_empty(),
        "not in README's option table: {missing:?}"
    );
    let extra: Vec<&String> = documented.iter().filter(|f| !every.contains(*f)).collect();
    assert!(extra.is_empty(), "in the table but not a flag: {extra:?}");
}

#[test]
fn completions_know_every_flag() {
    let help = flags(&output(&["check", "--help"]));
    for shell in ["bash", "zsh", "fish"] {
        let script = output(&["completions", shell]);
        assert!(script.contains("claimlint"), "{shell}");
        for flag in &help {
            let name = flag.trim_start_matches('-');
            assert!(script.contains(name), "{shell} completion lacks {flag}");
        }
    }
}
