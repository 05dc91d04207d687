//! The PodTopologySpread plugin (`pkg/scheduler/framework/plugins/podtopologyspread`):
//! a pod's `DoNotSchedule` constraints filter ([`filtering`]), its `ScheduleAnyway`
//! constraints, or the cluster's default constraints for a pod without any of
//! its own, score ([`scoring`]). This module holds what both share (`common.go`).

pub mod filtering;
pub mod scoring;
#[cfg(test)]
mod tests;

use super::node_affinity::required_node_affinity_matches;
use super::snapshot::Domains;
use super::snapshot::Snapshot;
use super::taint_toleration::untolerated_taint;
use crate::api::LabelSelector;
use crate::api::LabelSelectorRequirement;
use crate::api::Node;
use crate::api::Pod;
use std::rc::Rc;

/// The plugin's name.
pub const NAME: &str = "PodTopologySpread";
/// `v1.LabelHostname`: counted node by node rather than by domain in Score.
pub const LABEL_HOSTNAME: &str = "kubernetes.io/hostname";
/// `v1.LabelTopologyZone`.
pub const LABEL_ZONE: &str = "topology.kubernetes.io/zone";
/// `v1.DoNotSchedule`.
pub const DO_NOT_SCHEDULE: &str = "DoNotSchedule";
/// `v1.ScheduleAnyway`.
pub const SCHEDULE_ANYWAY: &str = "ScheduleAnyway";

/// Models `topologySpreadConstraint`: a constraint with its selector resolved and
/// its optional fields defaulted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    /// `maxSkew`.
    pub max_skew: i64,
    /// `topologyKey`.
    pub topology_key: String,
    /// The selector, `matchLabelKeys` merged in; `None` matches no pod.
    pub selector: Option<LabelSelector>,
    /// `minDomains`, 1 when unset.
    pub min_domains: i64,
    /// `nodeAffinityPolicy: Honor` (the default).
    pub honor_node_affinity: bool,
    /// `nodeTaintsPolicy: Honor` (the default is `Ignore`).
    pub honor_node_taints: bool,
}

impl Constraint {
    /// Whether [`Constraint::includes`] can exclude a node for `pod`: only with
    /// a node selector or required node affinity honoured, or taints honoured.
    pub fn reads_node(&self, pod: &Pod) -> bool {
        self.honor_node_taints
            || (self.honor_node_affinity
                && (!pod.spec.node_selector.is_empty()
                    || super::node_affinity::required_terms(&pod.spec).is_some()))
    }

    /// Models `matchNodeInclusionPolicies`: whether `node`'s pods count at all.
    pub fn includes(&self, pod: &Pod, node: &Node) -> bool {
        (!self.honor_node_affinity || required_node_affinity_matches(&pod.spec, node))
            && (!self.honor_node_taints || untolerated_taint(pod, node).is_none())
    }
}

/// Models `filterTopologySpreadConstraints`: `pod`'s constraints with the action
/// `action`, with `matchLabelKeys` merged into each selector.
pub fn constraints_of(pod: &Pod, action: &str) -> Vec<Constraint> {
    pod.spec
        .topology_spread_constraints
        .iter()
        .filter(|c| c.when_unsatisfiable == action)
        .map(|c| {
            let selector = c.label_selector.clone().map(|mut selector| {
                for key in &c.match_label_keys {
                    if let Some(value) = pod.metadata.labels.get(key) {
                        selector.match_expressions.push(LabelSelectorRequirement {
                            key: key.clone(),
                            operator: "In".to_string(),
                            values: vec![value.clone()],
                        });
                    }
                }
                selector
            });
            Constraint {
                max_skew: i64::from(c.max_skew),
                topology_key: c.topology_key.clone(),
                selector,
                min_domains: c.min_domains.map_or(1, i64::from),
                honor_node_affinity: c.node_affinity_policy.as_deref() != Some("Ignore"),
                honor_node_taints: c.node_taints_policy.as_deref() == Some("Honor"),
            }
        })
        .collect()
}

/// Models `buildDefaultConstraints` with the system defaults
/// (`pkg/scheduler/apis/config/v1/defaults.go: systemDefaultConstraints`):
/// hostname with maxSkew 3 and zone with maxSkew 5, both `ScheduleAnyway`, over
/// the selector of the pod's owner (`helper.DefaultSelector`).
pub fn default_constraints(selector: &LabelSelector) -> Vec<Constraint> {
    [(LABEL_HOSTNAME, 3), (LABEL_ZONE, 5)]
        .into_iter()
        .map(|(key, max_skew)| Constraint {
            max_skew,
            topology_key: key.to_string(),
            selector: Some(selector.clone()),
            min_domains: 1,
            honor_node_affinity: true,
            honor_node_taints: false,
        })
        .collect()
}

/// Matching pods per topology domain for one constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainCounts {
    /// The domains of the constraint's key.
    pub domains: Rc<Domains>,
    /// Matching pods in each domain, by domain number.
    pub counts: Vec<i64>,
    /// Whether each domain has a node that counts (`TpValueToMatchNum` has an
    /// entry for it).
    pub present: Vec<bool>,
}

impl DomainCounts {
    /// The matching pods in the domain of the node at `pos`; `None` when the
    /// node lacks the key.
    pub fn at(&self, pos: usize) -> Option<i64> {
        let d = self.domains.of_pos(pos)?;
        Some(self.counts.get(d).copied().unwrap_or(0))
    }

    /// How many domains are present.
    pub fn present_count(&self) -> usize {
        self.present.iter().filter(|p| **p).count()
    }
}

/// Whether the node at `pos` has every constraint's key
/// (`nodeLabelsMatchSpreadConstraints`).
pub fn has_all_keys(domains: &[Rc<Domains>], pos: usize) -> bool {
    domains.iter().all(|d| d.of_pos(pos).is_some())
}

/// For each constraint, how many pods it counts in each domain, over the nodes
/// that have every key (when `require_all`) and that its inclusion policies
/// admit: the loop shared by `calPreFilterState` and `PreScore`. The pods are
/// counted per node by the snapshot (kept between pods), and domains are
/// numbered, so this reads each node once and compares no strings.
pub fn domain_counts(
    snapshot: &dyn Snapshot,
    pod: &Pod,
    constraints: &[Constraint],
    require_all: bool,
) -> Vec<DomainCounts> {
    let domains: Vec<Rc<Domains>> = constraints
        .iter()
        .map(|c| snapshot.domains(&c.topology_key))
        .collect();
    let per_node: Vec<Option<Rc<Vec<i64>>>> = constraints
        .iter()
        .map(|c| {
            c.selector
                .as_ref()
                .map(|s| snapshot.selector_counts(&pod.metadata.namespace, s))
        })
        .collect();
    let mut out: Vec<DomainCounts> = domains
        .iter()
        .map(|d| DomainCounts {
            domains: Rc::clone(d),
            counts: vec![0; d.len()],
            present: vec![false; d.len()],
        })
        .collect();
    // Most pods have no node selector, affinity or taint policy: then every
    // node is included and no node needs to be read.
    let reads_nodes = constraints.iter().any(|c| c.reads_node(pod));
    for (pos, node) in snapshot.nodes().iter().enumerate() {
        if require_all && !has_all_keys(&domains, pos) {
            continue;
        }
        for (i, c) in constraints.iter().enumerate() {
            let Some(d) = domains[i].of_pos(pos) else {
                continue;
            };
            if reads_nodes && !c.includes(pod, node) {
                continue;
            }
            let n = per_node[i]
                .as_ref()
                .and_then(|counts| counts.get(pos).copied())
                .unwrap_or(0);
            out[i].counts[d] += n;
            out[i].present[d] = true;
        }
    }
    out
}
