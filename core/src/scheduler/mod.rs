//! kube-scheduler: its plugins, the Filter phase, the Score phase and the
//! FailedScheduling message (`pkg/scheduler`).
//!
//! As upstream keeps each plugin in `pkg/scheduler/framework/plugins/<plugin>/`,
//! each plugin here is one module holding its Filter and its Score:
//! NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts,
//! NodeResourcesFit, PodTopologySpread and InterPodAffinity filter;
//! TaintToleration, NodeAffinity, NodeResourcesFit, PodTopologySpread,
//! InterPodAffinity, NodeResourcesBalancedAllocation and ImageLocality score. This
//! module runs the filters (`schedule_one.go: findNodesThatPassFilters`);
//! [`prioritize`] runs the scores (`prioritizeNodes`); [`schedule_one`] is the
//! scheduling cycle around them, over the cluster's pending pods.

pub mod affinity_term;
pub mod balanced_allocation;
pub(crate) mod cache;
pub(crate) mod cluster_snapshot;
pub mod config;
pub mod default_preemption;
#[cfg(test)]
mod default_preemption_tests;
pub mod fit_error;
pub mod image_locality;
pub mod inter_pod_affinity;
pub mod node_affinity;
pub mod node_info;
pub mod node_name;
pub mod node_ports;
pub mod node_resources;
pub mod node_unschedulable;
pub mod pod_topology_spread;
pub mod prioritize;
pub mod schedule_one;
#[cfg(test)]
mod schedule_one_tests;
pub mod snapshot;
pub mod taint_toleration;
#[cfg(test)]
mod test_snapshot;

use crate::api::Node;
use crate::version::KubeVersion;
use node_info::{NodeInfo, PodInfo};

/// Why a filter plugin rejected a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The plugin's name, e.g. `TaintToleration`.
    pub plugin: &'static str,
    /// Upstream's reason string for the simulated version.
    pub reason: String,
}

impl Rejection {
    /// Whether preemption could help (`Unschedulable`) rather than not
    /// (`UnschedulableAndUnresolvable`): the resource and port filters, and the
    /// spreading and pod-affinity reasons that removing pods can change.
    pub fn resolvable(&self) -> bool {
        match self.plugin {
            node_ports::NAME | node_resources::NAME => true,
            pod_topology_spread::NAME => {
                self.reason == pod_topology_spread::filtering::ERR_REASON_CONSTRAINTS_NOT_MATCH
            }
            inter_pod_affinity::NAME => {
                self.reason != inter_pod_affinity::filtering::ERR_REASON_AFFINITY_RULES_NOT_MATCH
            }
            _ => false,
        }
    }
}

/// The filter plugins of the default profile, in order
/// (`pkg/scheduler/apis/config/v1/default_plugins.go`; the volume plugins between
/// NodeResourcesFit and PodTopologySpread have nothing to check here).
pub const FILTER_PLUGINS: [&str; 8] = [
    node_unschedulable::NAME,
    node_name::NAME,
    taint_toleration::NAME,
    node_affinity::NAME,
    node_ports::NAME,
    node_resources::NAME,
    pod_topology_spread::NAME,
    inter_pod_affinity::NAME,
];

/// Runs one filter plugin by name.
pub fn run_filter(
    plugin: &str,
    pod_info: &PodInfo<'_>,
    node: &Node,
    info: &NodeInfo,
    version: KubeVersion,
) -> Result<(), Rejection> {
    let pod = pod_info.pod;
    match plugin {
        node_unschedulable::NAME => node_unschedulable::filter(pod, node),
        node_name::NAME => node_name::filter(pod, node),
        taint_toleration::NAME => taint_toleration::filter(pod, node, version),
        node_affinity::NAME => node_affinity::filter(pod, node),
        node_ports::NAME => node_ports::filter(pod_info, info),
        node_resources::NAME => node_resources::filter(pod_info, info),
        pod_topology_spread::NAME => pod_info
            .topology_spread
            .as_ref()
            .map_or(Ok(()), |s| s.filter(info.pos)),
        inter_pod_affinity::NAME => pod_info
            .inter_pod_affinity
            .as_ref()
            .map_or(Ok(()), |s| s.filter(info.pos)),
        _ => Ok(()),
    }
}

/// Runs the filters in upstream's default order; the first rejection wins, so each
/// node contributes exactly one reason (`pkg/scheduler/schedule_one.go: findNodesThatPassFilters`).
/// This is the hot path, so it calls the plugins directly rather than through
/// [`run_filter`]'s name lookup; both follow [`FILTER_PLUGINS`].
#[inline(always)]
pub fn filter(
    pod_info: &PodInfo<'_>,
    node: &Node,
    info: &NodeInfo,
    version: KubeVersion,
) -> Result<(), Rejection> {
    // Most pods and nodes are plain: the first four filters then pass without a
    // look at the node, which keeps the hot loop in the compact node infos.
    if !(pod_info.unconstrained && info.plain) {
        node_filters(pod_info, node, version)?;
    }
    node_ports::filter(pod_info, info)?;
    node_resources::filter(pod_info, info)?;
    if let Some(state) = &pod_info.topology_spread {
        state.filter(info.pos)?;
    }
    if let Some(state) = &pod_info.inter_pod_affinity {
        state.filter(info.pos)?;
    }
    Ok(())
}

/// Runs a profile's filter plugins in its order; the first rejection wins
/// (`findNodesThatPassFilters` with the profile's `filterPlugins`). The default
/// profile takes [`filter`] instead, inlined: this runs for every node.
#[inline(always)]
pub fn profile_filter(
    profile: &config::Profile,
    pod_info: &PodInfo<'_>,
    node: &Node,
    info: &NodeInfo,
    version: KubeVersion,
) -> Result<(), Rejection> {
    if profile.is_default {
        return filter(pod_info, node, info, version);
    }
    configured_filters(profile, pod_info, node, info, version)
}

/// A configured profile's filters, by name, in its order.
#[inline(never)]
fn configured_filters(
    profile: &config::Profile,
    pod_info: &PodInfo<'_>,
    node: &Node,
    info: &NodeInfo,
    version: KubeVersion,
) -> Result<(), Rejection> {
    for plugin in &profile.filters {
        run_profile_filter(profile, plugin, pod_info, node, info, version)?;
    }
    Ok(())
}

/// Runs one filter plugin by name with the profile's arguments: NodeAffinity
/// checks the profile's `addedAffinity` first.
pub fn run_profile_filter(
    profile: &config::Profile,
    plugin: &str,
    pod_info: &PodInfo<'_>,
    node: &Node,
    info: &NodeInfo,
    version: KubeVersion,
) -> Result<(), Rejection> {
    if plugin == node_affinity::NAME
        && let Some(added) = &profile.added_affinity
    {
        node_affinity::added_filter(added, node)?;
    }
    run_filter(plugin, pod_info, node, info, version)
}

/// NodeUnschedulable, NodeName, TaintToleration and NodeAffinity: the filters
/// that read the Node object.
#[inline(never)]
fn node_filters(
    pod_info: &PodInfo<'_>,
    node: &Node,
    version: KubeVersion,
) -> Result<(), Rejection> {
    let pod = pod_info.pod;
    node_unschedulable::filter(pod, node)?;
    node_name::filter(pod, node)?;
    taint_toleration::filter(pod, node, version)?;
    node_affinity::filter(pod, node)
}

/// Models `numFeasibleNodesToFind` with the adaptive `percentageOfNodesToScore`:
/// all nodes below 100; otherwise `50 - n/125` percent (at least 5 %), at least 100.
/// Filtering stops once this many nodes pass.
pub fn num_feasible_nodes_to_find(num_nodes: usize) -> usize {
    const MIN_FEASIBLE: usize = 100;
    if num_nodes < MIN_FEASIBLE {
        return num_nodes;
    }
    let percentage = 50usize.saturating_sub(num_nodes / 125).max(5);
    (num_nodes * percentage / 100).max(MIN_FEASIBLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_to_score() {
        assert_eq!(num_feasible_nodes_to_find(50), 50);
        assert_eq!(num_feasible_nodes_to_find(100), 100);
        assert_eq!(num_feasible_nodes_to_find(1000), 420);
        assert_eq!(num_feasible_nodes_to_find(5000), 500);
        assert_eq!(num_feasible_nodes_to_find(15000), 750);
    }
}
