//! The command line's parts: its arguments, loading the rules, each command, and one input
//! from reading to writing back.

pub(crate) mod args;
pub(crate) mod baseline;
pub(crate) mod check;
pub(crate) mod eval;
pub(crate) mod init;
pub(crate) mod input;
pub(crate) mod manual;
pub(crate) mod output;
pub(crate) mod progress;
pub(crate) mod rules;
pub(crate) mod selection;
pub(crate) mod settings;
pub(crate) mod setup;
pub(crate) mod statistics;
