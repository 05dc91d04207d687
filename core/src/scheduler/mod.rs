//! kube-scheduler's filter plugins and its FailedScheduling message
//! (`pkg/scheduler/framework/plugins`, `pkg/scheduler/framework/types.go`).
//!
//! This covers the filters that decide placement in the tutorial: NodeUnschedulable,
//! NodeName, TaintToleration and NodeAffinity, in upstream's default order.

pub mod fit_error;
pub mod node_affinity;
pub mod node_info;
pub mod node_name;
pub mod node_ports;
pub mod node_resources;
pub mod node_unschedulable;
pub mod scoring;
pub mod taint_toleration;

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
    /// (`UnschedulableAndUnresolvable`). Only the resource and port filters say so.
    pub fn resolvable(&self) -> bool {
        self.plugin == node_ports::NAME || self.plugin == node_resources::NAME
    }
}

/// The filter plugins of the default profile, in order.
pub const FILTER_PLUGINS: [&str; 6] = [
    node_unschedulable::NAME,
    node_name::NAME,
    taint_toleration::NAME,
    node_affinity::NAME,
    node_ports::NAME,
    node_resources::NAME,
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
    node_resources::filter(pod_info, info)
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
