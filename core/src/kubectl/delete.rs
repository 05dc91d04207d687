//! `kubectl delete` by name, file, label selector or `--all`.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl delete ARGS...`.
pub fn run(_inv: Invocation<'_>, _args: &[String]) -> Output {
    super::not_yet("delete")
}
