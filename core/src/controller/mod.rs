//! Controllers: pure decisions, kept apart from the loop in [`crate::cluster`] that acts on them.

pub mod daemon;
pub mod taint_eviction;
