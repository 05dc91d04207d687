//! The taint-eviction controller (`pkg/controller/tainteviction`): here the
//! decision for one pod on one node's NoExecute taints, in `sync.rs` the loop that
//! acts on it for every bound pod (`processPodOnNode`).

use crate::api::{Taint, TaintEffect, Toleration};

mod sync;

/// What the taint-eviction controller does with a pod on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvictionDecision {
    /// No NoExecute taint applies, or all are tolerated forever.
    Keep,
    /// Delete the pod now.
    EvictNow,
    /// Delete the pod after this many seconds, unless the taints go away.
    EvictAfter(i64),
}

/// Models `GetMatchingTolerations` + `getMinTolerationTime` + `processPodOnNode`.
pub fn eviction_decision(taints: &[Taint], tolerations: &[Toleration]) -> EvictionDecision {
    let no_execute: Vec<&Taint> = taints
        .iter()
        .filter(|t| t.effect == TaintEffect::NoExecute)
        .collect();
    if no_execute.is_empty() {
        return EvictionDecision::Keep;
    }
    // For each taint, the first toleration in pod order that tolerates it.
    let mut used = Vec::new();
    for taint in no_execute {
        match tolerations.iter().find(|t| t.tolerates(taint)) {
            Some(t) => used.push(t),
            None => return EvictionDecision::EvictNow,
        }
    }
    let seconds: Vec<i64> = used.iter().filter_map(|t| t.toleration_seconds).collect();
    match seconds.iter().min() {
        None => EvictionDecision::Keep,
        Some(&min) if min <= 0 => EvictionDecision::EvictNow,
        Some(&min) => EvictionDecision::EvictAfter(min),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tol(key: &str, seconds: Option<i64>) -> Toleration {
        let mut t = Toleration::exists(key, Some(TaintEffect::NoExecute));
        t.toleration_seconds = seconds;
        t
    }

    /// Cases after upstream `taint_eviction_test.go` and `getMinTolerationTime`.
    #[test]
    fn decisions() {
        let a = Taint::new("a", "", TaintEffect::NoExecute);
        let b = Taint::new("b", "", TaintEffect::NoExecute);
        let ns = Taint::new("c", "", TaintEffect::NoSchedule);
        let cases = [
            (
                "no NoExecute taints",
                vec![ns.clone()],
                vec![],
                EvictionDecision::Keep,
            ),
            (
                "untolerated",
                vec![a.clone()],
                vec![],
                EvictionDecision::EvictNow,
            ),
            (
                "tolerated forever",
                vec![a.clone()],
                vec![tol("a", None)],
                EvictionDecision::Keep,
            ),
            (
                "minimum over taints",
                vec![a.clone(), b.clone()],
                vec![tol("a", Some(60)), tol("b", Some(30))],
                EvictionDecision::EvictAfter(30),
            ),
            (
                "nil does not count",
                vec![a.clone(), b.clone()],
                vec![tol("a", None), tol("b", Some(30))],
                EvictionDecision::EvictAfter(30),
            ),
            (
                "zero means now",
                vec![a.clone()],
                vec![tol("a", Some(0))],
                EvictionDecision::EvictNow,
            ),
            (
                "negative means now",
                vec![a.clone()],
                vec![tol("a", Some(-5))],
                EvictionDecision::EvictNow,
            ),
            (
                "first matching toleration wins",
                vec![a.clone()],
                vec![tol("a", Some(10)), tol("a", None)],
                EvictionDecision::EvictAfter(10),
            ),
            (
                "one untolerated taint evicts",
                vec![a.clone(), b.clone()],
                vec![tol("a", None)],
                EvictionDecision::EvictNow,
            ),
        ];
        for (name, taints, tolerations, want) in cases {
            assert_eq!(eviction_decision(&taints, &tolerations), want, "{name}");
        }
    }
}
