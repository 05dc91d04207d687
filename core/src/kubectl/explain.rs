//! `kubectl explain` for the fields of the simulated kinds.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl explain ARGS...`.
pub fn run(_inv: Invocation<'_>, _args: &[String]) -> Output {
    super::not_yet("explain")
}
