//! A node's resources as `kubectl describe node` counts them
//! (`describe.go: describeNodeResource`, `getPodsTotalRequestsAndLimits`): the
//! pods that hold resources on it, what they request and limit, and what the
//! node can give. The node explanation and `kubectl describe` share them.

use crate::Cluster;
use crate::api::{Container, Node, Pod, Quantity};
use std::collections::BTreeMap;

/// A container's requests after API defaulting: a resource with only a limit
/// requests its limit.
pub fn requests(c: &Container) -> BTreeMap<String, Quantity> {
    let mut requests = c.requests.clone();
    for (name, limit) in &c.limits {
        requests.entry(name.clone()).or_insert(*limit);
    }
    requests
}

/// The pods bound to node `name` that have not finished, by namespace and name
/// (the `Non-terminated Pods` of `describeNode`).
pub fn non_terminated_pods<'a>(cluster: &'a Cluster, name: &str) -> Vec<&'a Pod> {
    // The node's pods from the store's index, not a scan of every pod.
    let mut pods: Vec<&Pod> = cluster
        .pods_on_node(name)
        .filter(|p| p.status.phase != "Succeeded" && p.status.phase != "Failed")
        .collect();
    // Namespace and name are unique: any sort gives the same order.
    crate::sort::sort_by(&mut pods, |a, b| {
        (a.metadata.namespace.as_str(), a.metadata.name.as_str())
            < (b.metadata.namespace.as_str(), b.metadata.name.as_str())
    });
    pods
}

/// `status.allocatable`: what the node object says, with the simulated defaults
/// for cpu, memory and pods, by resource name.
pub fn allocatable(node: &Node) -> BTreeMap<String, Quantity> {
    let mut list = node.allocatable.clone();
    for (resource, _) in crate::api::node::DEFAULT_ALLOCATABLE {
        list.entry(resource.to_string())
            .or_insert_with(|| node.allocatable(resource));
    }
    list
}

/// Sums of requests and limits by resource (`resourcehelper.PodRequests`/`PodLimits`).
pub fn totals(pods: &[&Pod]) -> (BTreeMap<String, Quantity>, BTreeMap<String, Quantity>) {
    let mut reqs: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<String, Quantity> = BTreeMap::new();
    for pod in pods {
        for c in &pod.spec.containers {
            for (name, q) in requests(c) {
                let total = reqs.entry(name).or_default();
                *total = *total + q;
            }
            for (name, q) in &c.limits {
                let total = limits.entry(name.clone()).or_default();
                *total = *total + *q;
            }
        }
    }
    (reqs, limits)
}

/// Go's `int64(float64(part) / float64(whole) * 100)`; a zero whole gives NaN or
/// infinity, which amd64 converts to the smallest int64.
pub fn percent(part: i64, whole: i64) -> i64 {
    let fraction = part as f64 / whole as f64 * 100.0;
    if fraction.is_finite() {
        fraction as i64
    } else {
        i64::MIN
    }
}
