//! A progress bar on standard error for long runs: only when standard error is a terminal,
//! the report is for people (human format), no CI is running (`CI` set, as every CI service
//! sets it) and the run has taken more than a second, so short runs, CI logs, pipes and
//! machine formats never see it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a run goes before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// [`DELAY`], or `CLAIMLINT_PROGRESS_DELAY_MS` (for tests, which cannot count on a run
/// lasting a second on every machine).
fn delay() -> Duration {
    std::env::var("CLAIMLINT_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// Whether a run may show a bar at all: a person is watching standard error.
pub(crate) fn wanted(human: bool, stderr_is_terminal: bool, ci: Option<&str>) -> bool {
    human && stderr_is_terminal && ci.is_none_or(|v| v.is_empty() || v == "false" || v == "0")
}

/// The bar, hidden until the run has gone on for [`delay`].
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    delay: Duration,
    shown: AtomicBool,
}

impl Progress {
    /// A bar for `files` files, or none when [`wanted`] says no.
    pub(crate) fn new(files: usize, wanted: bool) -> Progress {
        let bar = wanted.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            started: Instant::now(),
            delay: delay(),
            shown: AtomicBool::new(false),
        }
    }

    /// One more file done (from any thread).
    pub(crate) fn inc(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed() > self.delay {
            self.shown.store(true, Ordering::Relaxed);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Run `write` (output to the terminal) with the bar out of its way.
    pub(crate) fn suspend<T>(&self, write: impl FnOnce() -> T) -> T {
        match &self.bar {
            Some(bar) if self.shown.load(Ordering::Relaxed) => bar.suspend(write),
            _ => write(),
        }
    }

    /// Remove the bar.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_people_at_a_terminal_outside_ci_get_a_bar() {
        assert!(wanted(true, true, None));
        assert!(wanted(true, true, Some("false")));
        assert!(!wanted(true, true, Some("true")));
        assert!(!wanted(true, true, Some("1")));
        assert!(!wanted(true, false, None), "a pipe or a log");
        assert!(!wanted(false, true, None), "a machine format");
    }

    #[test]
    fn a_short_run_draws_nothing() {
        let p = Progress::new(3, true);
        p.inc();
        assert!(!p.shown.load(Ordering::Relaxed));
        p.finish();
    }
}
