//! Measuring the rules on labelled copy: a corpus of lines ([`lines`]) or a folder of
//! labelled pages ([`pages`]). `claimlint eval` runs both, so a team can score its own
//! labelled claims with the rules and config it lints with.

pub mod lines;
pub mod pages;

pub use lines::{Case, Counts, Evaluation, LABELS, evaluate};
pub use pages::{PageEvaluation, evaluate_pages, is_page_set};
