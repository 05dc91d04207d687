//! `kubectl version`, `api-resources` and `cluster-info`.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl version|api-resources|cluster-info ARGS...`.
pub fn run(_inv: Invocation<'_>, command: &str, _args: &[String]) -> Output {
    super::not_yet(command)
}
