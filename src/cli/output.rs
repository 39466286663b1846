//! Writing to standard output and standard error. A closed pipe on standard output
//! (`claimlint check | head -1`) stops the run quietly, as ripgrep does; any other write error
//! there (a full disk) makes the run fail with exit code 2 and a message on standard error.
//! Standard error failing too is ignored: there is nowhere left to say so, and a panic would
//! only turn exit code 2 into 101.

use claimlint::load::io_reason;
use std::io::{self, Write};

/// Standard output, remembering the first write that failed.
#[derive(Debug, Default)]
pub(crate) struct Stdout {
    failure: Option<io::Error>,
}

impl Stdout {
    /// Write `bytes` unless an earlier write failed; whether standard output still takes
    /// what the run has to say.
    pub(crate) fn write(&mut self, bytes: &[u8]) -> bool {
        if self.failure.is_none()
            && let Err(e) = io::stdout().lock().write_all(bytes)
        {
            self.failure = Some(e);
        }
        self.failure.is_none()
    }

    /// Flush, and turn the exit code the run earned into the one it ends with: unchanged
    /// when everything was written or the reader closed the pipe (what it read is true),
    /// 2 after any other write error, which is said on standard error.
    pub(crate) fn exit_code(mut self, code: u8) -> u8 {
        if self.failure.is_none()
            && let Err(e) = io::stdout().lock().flush()
        {
            self.failure = Some(e);
        }
        match self.failure {
            None => code,
            Some(e) if e.kind() == io::ErrorKind::BrokenPipe => code,
            Some(e) => {
                stderr(&format!(
                    "error: cannot write to standard output: {}\n",
                    io_reason(&e)
                ));
                2
            }
        }
    }
}

/// Write `text` to standard error, ignoring a failure (see the module comment).
pub(crate) fn stderr(text: &str) {
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// Print what clap has to say (an argument error, `--help`, `--version`) where it belongs,
/// and the exit code: clap's (2 for an error, 0 for help), or 2 when standard output cannot
/// take the help.
pub(crate) fn clap_error(e: &clap::Error) -> u8 {
    let code = u8::try_from(e.exit_code()).unwrap_or(2);
    let printed = e.print().and_then(|()| io::stdout().lock().flush());
    match printed {
        Err(err) if !e.use_stderr() && err.kind() != io::ErrorKind::BrokenPipe => {
            stderr(&format!(
                "error: cannot write to standard output: {}\n",
                io_reason(&err)
            ));
            2
        }
        _ => code,
    }
}
