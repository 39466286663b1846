//! claimlint: a linter for the marketing copy of dietary supplements.
pub mod diagnostic;
pub mod document;
pub mod yaml;
