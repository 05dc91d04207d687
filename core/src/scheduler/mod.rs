//! kube-scheduler's filter plugins and its FailedScheduling message
//! (`pkg/scheduler/framework/plugins`, `pkg/scheduler/framework/types.go`).
//!
//! This covers the filters that decide placement in the tutorial: NodeUnschedulable,
//! NodeName, TaintToleration and NodeAffinity, in upstream's default order.

pub mod fit_error;
pub mod node_affinity;
pub mod node_name;
pub mod node_unschedulable;
pub mod taint_toleration;

use crate::api::{Node, Pod};
use crate::version::KubeVersion;

/// Why a filter plugin rejected a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The plugin's name, e.g. `TaintToleration`.
    pub plugin: &'static str,
    /// Upstream's reason string for the simulated version.
    pub reason: String,
}

/// Runs the filters in upstream's default order; the first rejection wins, so each
/// node contributes exactly one reason (`pkg/scheduler/schedule_one.go: findNodesThatPassFilters`).
pub fn filter(pod: &Pod, node: &Node, version: KubeVersion) -> Result<(), Rejection> {
    node_unschedulable::filter(pod, node)?;
    node_name::filter(pod, node)?;
    taint_toleration::filter(pod, node, version)?;
    node_affinity::filter(pod, node)?;
    Ok(())
}
