//! `kubectl label` and `kubectl annotate`.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl label|annotate ARGS...`.
pub fn run(_inv: Invocation<'_>, command: &str, _args: &[String]) -> Output {
    super::not_yet(command)
}
