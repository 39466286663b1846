//! Configs that cannot be right: no rules to run, and saying which config is in use.

use super::{claimlint, rules, write};
use tempfile::TempDir;

/// Exit code and stderr of `check page.txt` in `dir`.
fn check(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = claimlint(dir)
        .arg("check")
        .args(args)
        .arg("page.txt")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_config_with_no_rules_to_run_is_an_error_that_names_it() {
    let every_rule_off: String = rules()
        .rules
        .iter()
        .map(|r| format!("  {}: off\n", r.meta.id))
        .collect();
    let cases = [
        (
            "packs: []\n".to_string(),
            (
                "error: no rules to run: every file would pass\n",
                "claimlint.yaml:1:1\n",
            ),
            "= help: name a pack (`packs: [us-fda]`) or rule files, or remove `packs` for the \
             built-in rules",
        ),
        (
            "packs: [./empty]\n".to_string(),
            (
                "error: the rule pack `./empty` holds no rule files\n",
                "claimlint.yaml:1:9\n",
            ),
            "= help: a pack folder holds rule files (`*.yaml`), with `lexicons/` and `data/` \
             beside them",
        ),
        (
            "packs: [./words]\n".to_string(),
            (
                "error: the rule pack `./words` holds no rule files\n",
                "claimlint.yaml:1:9\n",
            ),
            "",
        ),
        (
            format!("rules:\n{every_rule_off}"),
            (
                "error: no rules to run: every file would pass\n",
                "claimlint.yaml:1:1\n",
            ),
            "= help: turn at least one rule back on",
        ),
    ];
    for (config, (error, at), help) in cases {
        let dir = TempDir::new().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("empty")).unwrap();
        write(
            d,
            "words/lexicons/brand.yaml",
            "lexicon: brand\nterms: [gizmo]\n",
        );
        write(d, "claimlint.yaml", &config);
        write(d, "page.txt", "It cures gout.\n");
        let (code, stderr) = check(d, &[]);
        assert_eq!(code, 2, "{config}: {stderr}");
        assert!(stderr.starts_with(error), "{config}: {stderr}");
        assert!(stderr.contains(at), "{config}: {stderr}");
        assert!(stderr.contains(help), "{config}: {stderr}");
        // Named by --config too, wherever it is.
        write(d, "other/strict.yaml", config.replace("./", "../"));
        let (code, stderr) = check(d, &["--config", "other/strict.yaml"]);
        assert_eq!(code, 2, "{config}: {stderr}");
        assert!(
            stderr.contains("--> other/strict.yaml:1:"),
            "{config}: {stderr}"
        );
    }
}

#[test]
fn verbose_output_names_the_config_in_use_and_where_it_was_found() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "claimlint.yaml", "fail_on: error\n");
    write(d, "site/page.txt", "A fine cup of tea.\n");
    write(d, "site/page2.txt", "A fine cup of tea.\n");
    let above = d.join("claimlint.yaml");
    let cases: [(&str, &[&str], String); 4] = [
        (
            "site",
            &["-v"],
            format!(
                "note: config: {} (found in a folder above the working folder)\n",
                above.display()
            ),
        ),
        (
            ".",
            &["--verbose"],
            format!(
                "note: config: {} (found in the working folder)\n",
                above.display()
            ),
        ),
        (
            "site",
            &["-v", "--config", "../claimlint.yaml"],
            "note: config: ../claimlint.yaml (--config)\n".into(),
        ),
        (
            "site",
            &["-v", "--no-config"],
            "note: no config file (--no-config): the built-in rules as they are\n".into(),
        ),
    ];
    for (cwd, args, note) in cases {
        let out = claimlint(&d.join(cwd))
            .arg("check")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(String::from_utf8(out.stderr).unwrap(), note, "{args:?}");
    }
    // Without --verbose nothing is said.
    let out = claimlint(&d.join("site")).arg("check").output().unwrap();
    assert_eq!(out.stderr, b"");
}

#[test]
fn an_unknown_rule_id_is_reported_at_its_own_line() {
    let cases = [
        (
            "rule_files: []\nrules:\n  us-fda/miracle-claim: off\n  us-fda/miracle-claims: info\n",
            "claimlint.yaml:4:3\n",
            "4|   us-fda/miracle-claims: info",
        ),
        (
            "# rules for the shop\nrules:\n  \"us-fda/no-such\": off\n",
            "claimlint.yaml:3:3\n",
            "3|   \"us-fda/no-such\": off",
        ),
        (
            "rules: {us-fda/miracle-claim: off, us-fda/no-such: error}\n",
            "claimlint.yaml:1:36\n",
            "1| rules: {us-fda/miracle-claim: off, us-fda/no-such: error}",
        ),
    ];
    for (config, at, shown) in cases {
        let dir = TempDir::new().unwrap();
        let d = dir.path();
        write(d, "claimlint.yaml", config);
        write(d, "page.txt", "A fine cup of tea.\n");
        let (code, stderr) = check(d, &[]);
        assert_eq!(code, 2, "{config}: {stderr}");
        assert!(
            stderr.starts_with("error: `rules` names an unknown rule `us-fda/"),
            "{config}: {stderr}"
        );
        assert!(stderr.contains(at), "{config}: {stderr}");
        assert!(stderr.contains(shown), "{config}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn rule_folders_with_link_cycles_pipes_or_the_whole_disk_do_not_hang() {
    let rule = "id: brand/widget\nkind: pattern\ncategory: other\nseverity: warning\n\
                message: a widget\nhelp: none\npatterns: [\"widget\"]\n";
    let run = |d: &std::path::Path| {
        let out = claimlint(d)
            .args(["check", "page.txt"])
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "page.txt", "A widget.\n");
    write(d, "r/widget.yaml", rule);
    std::os::unix::fs::symlink(".", d.join("r/a")).unwrap();
    std::os::unix::fs::symlink("/etc", d.join("r/out")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("r/pipe.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    write(d, "claimlint.yaml", "rule_files: [r]\n");
    let (code, stderr) = run(d);
    assert_eq!(code, Some(1), "the one rule ran: {stderr}");

    write(d, "claimlint.yaml", "rule_files: [r/pipe.yaml]\n");
    let (code, stderr) = run(d);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("error: not a rule file or folder (a pipe or a device)\n"),
        "{stderr}"
    );

    write(d, "claimlint.yaml", "rule_files: [/]\n");
    let (code, stderr) = run(d);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(
            "error: the rule folder holds more than 10000 entries or folders more than 16 deep\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("= help: name the folder that holds your rule files"));
}

#[test]
fn a_yaml_error_on_a_long_line_shows_a_window_and_a_duplicate_key_reads_plainly() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "page.txt", "A fine cup of tea.\n");
    // 1.4 MB on one line, the error at its end.
    let phrases: Vec<String> = (0..110_000).map(|i| format!("phrase{i}")).collect();
    write(
        d,
        "claimlint.yaml",
        format!("allow: [{}, \"unclosed]\n", phrases.join(", ")),
    );
    let (code, stderr) = check(d, &[]);
    assert_eq!(code, 2);
    assert!(stderr.len() < 1000, "{} bytes on stderr", stderr.len());
    assert!(stderr.contains("1| …"), "{stderr}");

    write(d, "claimlint.yaml", "fail_on: error\nfail_on: warning\n");
    let (code, stderr) = check(d, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: duplicate key `fail_on`\n"),
        "{stderr}"
    );
    assert!(stderr.contains("claimlint.yaml:2:1\n"), "{stderr}");
    assert!(
        stderr.contains("= help: keep one of them: YAML does not merge or override a repeated key"),
        "{stderr}"
    );
    assert!(!stderr.contains("DuplicateKeyPolicy"), "{stderr}");
}
