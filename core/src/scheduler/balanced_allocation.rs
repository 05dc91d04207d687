//! The NodeResourcesBalancedAllocation plugin, Score only
//! (`pkg/scheduler/framework/plugins/noderesources: balanced_allocation.go`): it
//! favours nodes whose cpu and memory would be used in equal shares.

use super::node_info::{NodeInfo, PodInfo};

/// The plugin's name.
pub const NAME: &str = "NodeResourcesBalancedAllocation";

/// Models `pkg/scheduler/framework/plugins/noderesources: BalancedAllocation.Score`
/// (`balancedResourceScorer`) for two resources: `(1 - |cpu% - mem%| / 2) * 100`,
/// using actual requests (not the non-zero defaults). Already 0..=100, so there
/// is no NormalizeScore. [`NodeInfo::resource_scores`] calls it, once per node
/// load and request.
pub fn score(pod: &PodInfo<'_>, info: &NodeInfo) -> i64 {
    let want = pod.requests;
    let fraction = |used: i64, alloc: i64| -> f64 {
        if alloc <= 0 {
            0.0
        } else {
            (used as f64 / alloc as f64).min(1.0)
        }
    };
    let cpu = fraction(
        info.requested.cpu.saturating_add(want.cpu),
        info.allocatable.cpu,
    );
    let memory = fraction(
        info.requested.memory.saturating_add(want.memory),
        info.allocatable.memory,
    );
    // The standard deviation of two values is half their difference.
    let std = (cpu - memory).abs() / 2.0;
    ((1.0 - std) * 100.0) as i64
}
