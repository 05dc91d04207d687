//! The NodeResourcesFit plugin, Filter and Score with the default `LeastAllocated`
//! strategy (`pkg/scheduler/framework/plugins/noderesources: fit.go`,
//! `least_allocated.go`). Its sibling NodeResourcesBalancedAllocation, in the same
//! upstream folder, is [`super::balanced_allocation`].

use super::Rejection;
use super::config::scoring_strategy::ScoringStrategy;
use super::node_info::{NodeInfo, PodInfo};

/// The plugin's name.
pub const NAME: &str = "NodeResourcesFit";
/// Reason when the node already runs as many pods as it allows.
pub const ERR_REASON_TOO_MANY_PODS: &str = "Too many pods";

/// Models `pkg/scheduler/framework/plugins/noderesources: Fit.Filter`: rejects the
/// node if the pod does not fit in what is left (`fitsRequest`).
/// This rejection is `Unschedulable`: preemption could help.
#[inline]
pub fn filter(pod: &PodInfo<'_>, info: &NodeInfo) -> Result<(), Rejection> {
    if i64::try_from(info.pods).unwrap_or(i64::MAX) >= info.allowed_pods {
        return Err(Rejection {
            plugin: NAME,
            reason: ERR_REASON_TOO_MANY_PODS.to_string(),
        });
    }
    let wanted = pod.requests;
    if wanted.cpu == 0 && wanted.memory == 0 {
        return Ok(());
    }
    for (name, want, used, allocatable) in [
        ("cpu", wanted.cpu, info.requested.cpu, info.allocatable.cpu),
        (
            "memory",
            wanted.memory,
            info.requested.memory,
            info.allocatable.memory,
        ),
    ] {
        // A resource the pod does not ask for never fails, even on an
        // overcommitted node (`fitsRequest` checks `> 0` first).
        if want > 0 && want > allocatable.saturating_sub(used) {
            return Err(Rejection {
                plugin: NAME,
                reason: format!("Insufficient {name}"),
            });
        }
    }
    Ok(())
}

/// A resource a node lacks for a pod (`noderesources.InsufficientResource`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InsufficientResource {
    /// `pods`, `cpu` or `memory`.
    pub resource: &'static str,
    /// What the pod asks for: 1 pod, millicores or bytes.
    pub requested: i64,
    /// What the node's pods already take.
    pub used: i64,
    /// What the node allows.
    pub capacity: i64,
}

/// Models `noderesources.Fits` (`fitsRequest`): every resource `info` lacks for
/// a pod that requests `wanted`, in upstream's order: pods, cpu, memory. The
/// kubelet's admission (`generalFilter`) reads these, and reports the first.
pub fn insufficient_resources(
    wanted: super::node_info::Resources,
    info: &NodeInfo,
) -> Vec<InsufficientResource> {
    let mut lacking = Vec::new();
    let pods = i64::try_from(info.pods).unwrap_or(i64::MAX);
    if pods >= info.allowed_pods {
        lacking.push(InsufficientResource {
            resource: "pods",
            requested: 1,
            used: pods,
            capacity: info.allowed_pods,
        });
    }
    if wanted.cpu == 0 && wanted.memory == 0 {
        return lacking;
    }
    for (resource, requested, used, capacity) in [
        ("cpu", wanted.cpu, info.requested.cpu, info.allocatable.cpu),
        (
            "memory",
            wanted.memory,
            info.requested.memory,
            info.allocatable.memory,
        ),
    ] {
        if requested > 0 && requested > capacity.saturating_sub(used) {
            lacking.push(InsufficientResource {
                resource,
                requested,
                used,
                capacity,
            });
        }
    }
    lacking
}

/// Models `leastRequestedScore` for one resource: `(capacity - requested) * 100 / capacity`.
fn least_requested(requested: i64, capacity: i64) -> i64 {
    if capacity <= 0 || requested > capacity {
        0
    } else {
        // Saturating: a negative request (refused by validation, but summed
        // with saturation) must not overflow the subtraction.
        let free = capacity.saturating_sub(requested);
        // Bytes times 100 only overflow i64 on an absurd node: then widen.
        match free.checked_mul(100) {
            Some(scaled) => scaled / capacity,
            None => {
                i64::try_from(i128::from(free) * 100 / i128::from(capacity)).unwrap_or(i64::MAX)
            }
        }
    }
}

/// Models `pkg/scheduler/framework/plugins/noderesources: Fit.Score` with the
/// default `LeastAllocated` strategy (`leastResourceScorer`), cpu and memory
/// weighted 1:1 and averaged: already 0..=100, so there is no NormalizeScore.
/// [`NodeInfo::resource_scores`] calls it, once per node load and request.
pub fn least_allocated_score(pod: &PodInfo<'_>, info: &NodeInfo) -> i64 {
    let want = pod.nonzero;
    let used = info.nonzero_requested;
    let cpu = least_requested(used.cpu.saturating_add(want.cpu), info.allocatable.cpu);
    let memory = least_requested(
        used.memory.saturating_add(want.memory),
        info.allocatable.memory,
    );
    (cpu + memory) / 2
}

/// Models `Fit.Score` with a profile's `scoringStrategy`
/// (`resourceAllocationScorer.score`): the non-zero requests of cpu and
/// memory (`useRequested` is false for NodeResourcesFit), the pod's added to
/// the node's, against allocatable; the other resources a strategy names are
/// not simulated, so no node has them and they are skipped.
pub fn strategy_score(pod: &PodInfo<'_>, info: &NodeInfo, strategy: &ScoringStrategy) -> i64 {
    let want = pod.nonzero;
    let used = info.nonzero_requested;
    let per_resource: Vec<(i64, i64)> = strategy
        .resources
        .iter()
        .map(|(name, _)| match name.as_str() {
            "cpu" => (
                used.cpu.saturating_add(want.cpu),
                info.allocatable.cpu.max(0),
            ),
            "memory" => (
                used.memory.saturating_add(want.memory),
                info.allocatable.memory.max(0),
            ),
            _ => (0, 0),
        })
        .collect();
    strategy.score(&per_resource)
}
