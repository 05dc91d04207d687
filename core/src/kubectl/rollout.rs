//! `kubectl rollout status|restart|undo|history`.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl rollout ARGS...`.
pub fn run(_inv: Invocation<'_>, _args: &[String]) -> Output {
    super::not_yet("rollout")
}
