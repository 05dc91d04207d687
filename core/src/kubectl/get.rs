//! `kubectl get`: tables, wide, names, labels, YAML, JSON and JSONPath.

use super::Invocation;
use crate::terminal::Output;

/// Runs `kubectl get ARGS...`.
pub fn run(_inv: Invocation<'_>, _args: &[String]) -> Output {
    super::not_yet("get")
}
