//! `kubectl apply -f` and `kubectl create -f`.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl apply|create ARGS...`.
pub fn run(_inv: Invocation<'_>, command: &str, _args: &[String]) -> Output {
    super::not_yet(command)
}
