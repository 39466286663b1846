//! `claimlint init`: a commented claimlint.yaml in the working folder, every key shown with
//! its default and what it does, so a team starts from the whole reference.

use super::output::stderr;
use std::path::Path;

/// The file `init` writes. Every setting is a comment, so the file means exactly the
/// defaults until someone edits it.
pub(crate) const TEMPLATE: &str = "\
# claimlint.yaml: the settings of claimlint for the copy in this folder and below it.
# Every key is optional; the values shown are the defaults. `claimlint check --show-config`
# prints the settings in effect, `claimlint rules` the rule ids.

# Rule packs: built-in names (us-fda), or paths to pack folders of your own.
# packs: [us-fda]

# Your own rule files, or folders of them (with lexicons/ and data/ inside).
# rule_files: [rules/brand]

# Per rule: off, error, warning or info. claimlint's own rules can be changed too.
# rules:
#   us-fda/miracle-claim: warning
#   claimlint/unused-suppression: info

# Terms added to the built-in lexicons, by lexicon name.
# lexicons:
#   conditions:
#     add: [brain fog]

# Approved phrases: findings inside them are dropped.
# allow: [\"clinically studied ingredient\"]

# Globs, relative to this file, of the files to lint when walking folders, and to skip.
# include: [\"copy/**\"]
# exclude: [\"copy/archive/**\"]

# The lowest severity that makes the exit code 1: error, warning or info.
# fail_on: warning

# Files larger than this many bytes are skipped with a warning.
# max_file_size: 10485760

# Catalog exports (.csv): the columns to lint, and those that name a product.
# csv:
#   columns: [Title, Body (HTML), Description, Body]
#   id_columns: [Handle, ID, SKU]
";

/// Write [`TEMPLATE`] to `claimlint.yaml`, unless there is one and `force` is not given.
pub(crate) fn init(force: bool) -> Result<u8, ()> {
    let path = Path::new("claimlint.yaml");
    if path.exists() && !force {
        stderr(
            "error: claimlint.yaml already exists\n  = help: edit it, or pass `--force` to \
             replace it with the commented defaults\n",
        );
        return Err(());
    }
    if let Err(e) = std::fs::write(path, TEMPLATE) {
        stderr(&format!(
            "error: cannot write claimlint.yaml: {}\n",
            claimlint::load::io_reason(&e)
        ));
        return Err(());
    }
    stderr("wrote claimlint.yaml: every setting is a comment showing its default\n");
    Ok(0)
}
