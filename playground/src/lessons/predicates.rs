//! The predicates of the check language that read a scheduling outcome across
//! several objects (spreading, preemption), too involved to spell out with
//! `pods` filters. They were the spread and preemption lessons' checks.

use super::checks::{deployment_pods, pending, preemptions_by, scheduling_failures};
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::{Deployment, Pod};

const HOSTNAME: &str = "kubernetes.io/hostname";

/// The node's zone, if it has one.
fn zone_of<'a>(c: &'a Cluster, node: &str, label: &str) -> Option<&'a str> {
    c.node(node)
        .and_then(|n| n.metadata.labels.get(label))
        .map(String::as_str)
}

/// The Deployment's pods, if it has some and every one is bound.
fn all_bound<'a>(c: &'a Cluster, d: &'a Deployment) -> Option<Vec<&'a Pod>> {
    let pods: Vec<&Pod> = deployment_pods(c, &d.metadata.name).collect();
    (!pods.is_empty() && pods.iter().all(|p| !pending(p))).then_some(pods)
}

/// A Deployment without placement rules of its own runs pods on every node that
/// has a zone, all of them bound.
pub(crate) fn spread_by_default(c: &Cluster, label: &str) -> bool {
    let zoned: Vec<&str> = c
        .nodes()
        .filter(|n| n.metadata.labels.contains_key(label))
        .map(|n| n.metadata.name.as_str())
        .collect();
    !zoned.is_empty()
        && c.deployments().any(|d| {
            let spec = &d.spec.template.spec;
            if spec.affinity.is_some() || !spec.topology_spread_constraints.is_empty() {
                return false;
            }
            all_bound(c, d).is_some_and(|pods| {
                zoned
                    .iter()
                    .all(|node| pods.iter().any(|p| p.spec.node_name == *node))
            })
        })
}

/// Whether the template keeps its pods apart per node: a required pod
/// anti-affinity term over the hostname that matches the template's own labels.
fn apart_per_node(d: &Deployment) -> bool {
    let template = &d.spec.template;
    template
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.pod_anti_affinity.as_ref())
        .is_some_and(|anti| {
            anti.required_during_scheduling_ignored_during_execution
                .iter()
                .any(|term| {
                    term.topology_key == HOSTNAME
                        && term
                            .label_selector
                            .as_ref()
                            .is_some_and(|s| s.matches(&template.metadata.labels))
                })
        })
}

/// A Deployment with required anti-affinity per node runs at most one pod on
/// each node, on two or more nodes, and a pod of it waits with the scheduler's
/// anti-affinity reason.
pub(crate) fn one_per_node(c: &Cluster) -> bool {
    c.deployments().filter(|d| apart_per_node(d)).any(|d| {
        let pods: Vec<&Pod> = deployment_pods(c, &d.metadata.name).collect();
        let mut nodes: Vec<&str> = pods
            .iter()
            .filter(|p| !pending(p))
            .map(|p| p.spec.node_name.as_str())
            .collect();
        let bound = nodes.len();
        nodes.sort_unstable();
        nodes.dedup();
        bound >= 2
            && nodes.len() == bound
            && pods.iter().any(|p| {
                pending(p)
                    && scheduling_failures(c, p)
                        .any(|m| m.contains("didn't match pod anti-affinity rules"))
            })
    })
}

/// Whether the template spreads its pods over zones as a hard rule.
fn spread_over(d: &Deployment, label: &str) -> bool {
    d.spec
        .template
        .spec
        .topology_spread_constraints
        .iter()
        .any(|t| t.topology_key == label && t.when_unsatisfiable == "DoNotSchedule")
}

/// A Deployment spread over zones as a hard rule has every pod bound, four or
/// more, in zones whose counts differ by one at most, and uses every zone.
pub(crate) fn balanced(c: &Cluster, label: &str, min: usize) -> bool {
    let zones: BTreeMap<&str, usize> = c
        .nodes()
        .filter_map(|n| n.metadata.labels.get(label))
        .map(|z| (z.as_str(), 0))
        .collect();
    zones.len() >= 2
        && c.deployments().filter(|d| spread_over(d, label)).any(|d| {
            let Some(pods) = all_bound(c, d) else {
                return false;
            };
            let mut counts = zones.clone();
            for pod in &pods {
                if let Some(n) =
                    zone_of(c, &pod.spec.node_name, label).and_then(|z| counts.get_mut(z))
                {
                    *n += 1;
                }
            }
            let (least, most) = (counts.values().min(), counts.values().max());
            pods.len() >= min && least.is_some_and(|l| *l > 0 && most.is_some_and(|m| m - l <= 1))
        })
}

/// Whether the pod runs on a node it made room on by preemption.
fn bound_by_preemption(c: &Cluster, pod: &Pod) -> bool {
    !pending(pod)
        && preemptions_by(c, &pod.metadata.uid).any(|(node, _)| node == pod.spec.node_name)
}

/// A pod runs on a node where it preempted a pod.
pub(crate) fn preempted(c: &Cluster) -> bool {
    c.pods().any(|p| bound_by_preemption(c, p))
}

/// A pod that may not preempt waits, with the scheduler's reason, and preempted
/// no one.
pub(crate) fn waits(c: &Cluster) -> bool {
    c.pods().any(|p| {
        p.spec.preemption_policy.as_deref() == Some("Never")
            && pending(p)
            && preemptions_by(c, &p.metadata.uid).next().is_none()
            && scheduling_failures(c, p)
                .any(|m| m.ends_with("preemption: not eligible due to preemptionPolicy=Never."))
    })
}

/// A pod that a PodDisruptionBudget protects (no disruption allowed) runs on one
/// node, and a pod preempted on another node only, after the budget was created.
pub(crate) fn budget_steered(c: &Cluster) -> bool {
    c.pods().filter(|p| !pending(p)).any(|protected| {
        let Some(since) = c
            .disruption_budgets_for(protected)
            .filter(|(_, allowed)| *allowed <= 0)
            .map(|(pdb, _)| pdb.metadata.created)
            .min()
        else {
            return false;
        };
        let node = protected.spec.node_name.as_str();
        c.pods().any(|p| {
            let mut made_room = preemptions_by(c, &p.metadata.uid).peekable();
            made_room.peek().is_some()
                && made_room.all(|(on, when)| on != node && when >= since)
                && bound_by_preemption(c, p)
        })
    })
}
