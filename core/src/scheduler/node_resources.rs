//! Models `pkg/scheduler/framework/plugins/noderesources`: the `Fit` filter and the
//! `LeastAllocated` and `BalancedAllocation` scores.

use super::Rejection;
use super::node_info::{NodeInfo, PodInfo};
use crate::api::Node;

/// The filter plugin's name.
pub const NAME: &str = "NodeResourcesFit";
/// The balanced-allocation score plugin's name.
pub const BALANCED_NAME: &str = "NodeResourcesBalancedAllocation";
/// Reason when the node already runs as many pods as it allows.
pub const ERR_REASON_TOO_MANY_PODS: &str = "Too many pods";

/// Rejects the node if the pod does not fit in what is left (`fitsRequest`).
/// This rejection is `Unschedulable`: preemption could help.
pub fn filter(pod: &PodInfo<'_>, node: &Node, info: &NodeInfo) -> Result<(), Rejection> {
    let allowed = node.allocatable("pods").milli() / 1000;
    if info.pods as i128 + 1 > allowed {
        return Err(Rejection {
            plugin: NAME,
            reason: ERR_REASON_TOO_MANY_PODS.to_string(),
        });
    }
    let wanted = pod.requests;
    if wanted.cpu.milli() == 0 && wanted.memory.milli() == 0 {
        return Ok(());
    }
    for (name, want, used) in [
        ("cpu", wanted.cpu, info.requested.cpu),
        ("memory", wanted.memory, info.requested.memory),
    ] {
        if want.milli() > node.allocatable(name).milli() - used.milli() {
            return Err(Rejection {
                plugin: NAME,
                reason: format!("Insufficient {name}"),
            });
        }
    }
    Ok(())
}

/// Models `leastResourceScorer` with cpu and memory weighted 1:1:
/// `((allocatable - requested) * 100 / allocatable)`, averaged.
pub fn least_allocated_score(pod: &PodInfo<'_>, node: &Node, info: &NodeInfo) -> i64 {
    let want = pod.nonzero;
    // i64 arithmetic: thousandths of any real node's memory fit comfortably.
    let score = |alloc: i128, used: i128| -> i64 {
        let (alloc, used) = (clamp(alloc), clamp(used));
        if alloc <= 0 || used > alloc {
            0
        } else {
            (alloc - used) * 100 / alloc
        }
    };
    let cpu = score(
        node.allocatable("cpu").milli(),
        info.nonzero_requested.cpu.milli() + want.cpu.milli(),
    );
    let memory = score(
        node.allocatable("memory").milli(),
        info.nonzero_requested.memory.milli() + want.memory.milli(),
    );
    (cpu + memory) / 2
}

/// Narrows a quantity in thousandths to i64, saturating (no real node comes close).
fn clamp(milli: i128) -> i64 {
    i64::try_from(milli).unwrap_or(if milli < 0 { i64::MIN } else { i64::MAX / 100 })
}

/// Models `balancedResourceScorer` for two resources: `(1 - |cpu% - mem%| / 2) * 100`,
/// using actual requests (not the non-zero defaults).
pub fn balanced_allocation_score(pod: &PodInfo<'_>, node: &Node, info: &NodeInfo) -> i64 {
    let want = pod.requests;
    let fraction = |used: i128, alloc: i128| -> f64 {
        let (used, alloc) = (clamp(used), clamp(alloc));
        if alloc <= 0 {
            0.0
        } else {
            (used as f64 / alloc as f64).min(1.0)
        }
    };
    let cpu = fraction(
        info.requested.cpu.milli() + want.cpu.milli(),
        node.allocatable("cpu").milli(),
    );
    let memory = fraction(
        info.requested.memory.milli() + want.memory.milli(),
        node.allocatable("memory").milli(),
    );
    // The standard deviation of two values is half their difference.
    let std = (cpu - memory).abs() / 2.0;
    ((1.0 - std) * 100.0) as i64
}
