//! `kubectl describe` for nodes, pods, DaemonSets, Deployments and ReplicaSets.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl describe ARGS...`.
pub fn run(_inv: Invocation<'_>, _args: &[String]) -> Output {
    super::not_yet("describe")
}
