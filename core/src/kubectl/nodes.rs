//! `kubectl cordon`, `uncordon` and `drain`.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl cordon|uncordon|drain ARGS...`.
pub fn run(_inv: Invocation<'_>, command: &str, _args: &[String]) -> Output {
    super::not_yet(command)
}
