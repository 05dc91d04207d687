//! `kubectl taint nodes`: add, overwrite and remove taints.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl taint ARGS...`.
pub fn run(_inv: Invocation<'_>, _args: &[String]) -> Output {
    super::not_yet("taint")
}
