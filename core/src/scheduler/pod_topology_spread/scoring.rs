//! PodTopologySpread's PreScore, Score and NormalizeScore
//! (`podtopologyspread/scoring.go`): fewer matching pods in a node's domains
//! scores higher.

use super::Constraint;
use super::LABEL_HOSTNAME;
use super::SCHEDULE_ANYWAY;
use super::constraints_of;
use super::default_constraints;
use super::domain_counts;
use super::node_has_all_keys;
use crate::api::LabelSelector;
use crate::api::Node;
use crate::api::Pod;
use crate::scheduler::node_info::NodeInfo;
use crate::scheduler::snapshot::Snapshot;
use std::collections::BTreeMap;
use std::rc::Rc;

/// `framework.MaxNodeScore`.
const MAX_NODE_SCORE: i64 = 100;

/// How a constraint's pods are counted for Score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counts {
    /// For `kubernetes.io/hostname`: matching pods on each node, by position.
    ByNode(Rc<Vec<i64>>),
    /// For any other key: matching pods in each domain (`TopologyValueToPodCounts`).
    ByDomain(BTreeMap<String, i64>),
}

/// Models `preScoreState` before the filtered nodes are known: the soft
/// constraints and their counts over the whole cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreScoreState {
    /// The pod's `ScheduleAnyway` constraints, or the default ones.
    pub constraints: Vec<Constraint>,
    /// The counts, by constraint.
    pub counts: Vec<Counts>,
    /// Whether a node must have every key to be scored (`requireAllTopologies`:
    /// the pod's own constraints; the system defaults do not require it, so
    /// nodes without a zone label still spread by hostname).
    pub require_all: bool,
}

impl PreScoreState {
    /// Models `PreScore`'s counting for a pod with constraints of its own; `None`
    /// when it has none of its own (see [`PreScoreState::defaults`]) or none soft
    /// (`Skip`).
    pub fn of(snapshot: &dyn Snapshot, pod: &Pod) -> Option<PreScoreState> {
        if pod.spec.topology_spread_constraints.is_empty() {
            return None;
        }
        let constraints = constraints_of(pod, SCHEDULE_ANYWAY);
        if constraints.is_empty() {
            return None;
        }
        let by_domain = domain_counts(snapshot, pod, &constraints, true);
        let counts = constraints
            .iter()
            .zip(by_domain)
            .map(|(c, domains)| {
                if c.topology_key == LABEL_HOSTNAME {
                    // Per node, all nodes: `Score` counts a node's own pods.
                    Counts::ByNode(match &c.selector {
                        Some(s) => snapshot.selector_counts(&pod.metadata.namespace, s),
                        None => Rc::new(vec![0; snapshot.nodes().len()]),
                    })
                } else {
                    Counts::ByDomain(domains)
                }
            })
            .collect();
        Some(PreScoreState {
            constraints,
            counts,
            require_all: true,
        })
    }

    /// The default constraints for a pod whose owner's selector is `selector`.
    /// The zone constraint is counted only when some node has a zone label:
    /// without one it scores no node.
    pub fn defaults(snapshot: &dyn Snapshot, pod: &Pod, selector: &LabelSelector) -> PreScoreState {
        let host = snapshot.selector_counts(&pod.metadata.namespace, selector);
        let mut constraints = default_constraints(selector);
        let zone = &constraints[1];
        let zoned = snapshot.has_zones();
        let mut counts = vec![Counts::ByNode(Rc::clone(&host))];
        if zoned {
            // Per-node counts of the same selector, summed by zone over the nodes
            // the pod's node affinity admits (the default `nodeAffinityPolicy`).
            let mut zones: BTreeMap<String, i64> = BTreeMap::new();
            for (pos, node) in snapshot.nodes().iter().enumerate() {
                if !zone.includes(pod, node) {
                    continue;
                }
                let value = node
                    .metadata
                    .labels
                    .get(&zone.topology_key)
                    .cloned()
                    .unwrap_or_default();
                *zones.entry(value).or_insert(0) += host.get(pos).copied().unwrap_or(0);
            }
            counts.push(Counts::ByDomain(zones));
        } else {
            constraints.truncate(1);
        }
        PreScoreState {
            constraints,
            counts,
            require_all: false,
        }
    }

    /// Models `Score` and `NormalizeScore` over the feasible nodes, with
    /// `initPreScoreState`'s per-node part (ignored nodes, normalizing weights).
    pub fn score(&self, feasible: &[(&Node, &NodeInfo)]) -> Vec<i64> {
        let ignored: Vec<bool> = feasible
            .iter()
            .map(|(node, _)| self.require_all && !node_has_all_keys(node, &self.constraints))
            .collect();
        let scored = ignored.iter().filter(|i| !**i).count();
        // `topologyNormalizingWeight`: ln(domains + 2), where a node lacking a
        // non-hostname key counts in the "" domain, as upstream's map does.
        let weights: Vec<f64> = self
            .constraints
            .iter()
            .map(|c| {
                let size = if c.topology_key == LABEL_HOSTNAME {
                    scored
                } else {
                    let mut values: Vec<&str> = feasible
                        .iter()
                        .zip(&ignored)
                        .filter(|(_, ignored)| !**ignored)
                        .map(|((node, _), _)| {
                            node.metadata
                                .labels
                                .get(&c.topology_key)
                                .map_or("", String::as_str)
                        })
                        .collect();
                    values.sort_unstable();
                    values.dedup();
                    values.len()
                };
                ((size + 2) as f64).ln()
            })
            .collect();
        let raw: Vec<Option<i64>> = feasible
            .iter()
            .zip(&ignored)
            .map(|((node, info), ignored)| {
                if *ignored {
                    return None;
                }
                let mut score = 0.0;
                for (i, c) in self.constraints.iter().enumerate() {
                    // A node without the key scores nothing for it (`Score`).
                    let count = match &self.counts[i] {
                        Counts::ByNode(by_node) => {
                            let labelled = if c.topology_key == LABEL_HOSTNAME {
                                info.hostname_labelled
                            } else {
                                node.metadata.labels.contains_key(&c.topology_key)
                            };
                            if !labelled {
                                continue;
                            }
                            by_node.get(info.pos).copied().unwrap_or(0)
                        }
                        Counts::ByDomain(domains) => {
                            let Some(value) = node.metadata.labels.get(&c.topology_key) else {
                                continue;
                            };
                            domains.get(value).copied().unwrap_or(0)
                        }
                    };
                    // `scoreForCount`: `maxSkew - 1` waters small differences down.
                    score += count as f64 * weights[i] + (c.max_skew - 1) as f64;
                }
                Some(score.round() as i64)
            })
            .collect();
        let min = raw.iter().flatten().copied().min().unwrap_or(i64::MAX);
        let max = raw.iter().flatten().copied().max().unwrap_or(0).max(0);
        raw.iter()
            .map(|s| match s {
                None => 0,
                Some(_) if max == 0 => MAX_NODE_SCORE,
                Some(s) => MAX_NODE_SCORE * (max + min - s) / max,
            })
            .collect()
    }
}
