//! `kubectl scale` for Deployments and ReplicaSets.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl scale ARGS...`.
pub fn run(_inv: Invocation<'_>, _args: &[String]) -> Output {
    super::not_yet("scale")
}
