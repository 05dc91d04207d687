//! PodTopologySpread's PreScore, Score and NormalizeScore
//! (`podtopologyspread/scoring.go`): fewer matching pods in a node's domains
//! scores higher.

use super::Constraint;
use super::DomainCounts;
use super::LABEL_HOSTNAME;
use super::SCHEDULE_ANYWAY;
use super::constraints_of;
use super::default_constraints;
use super::domain_counts;
use crate::api::LabelSelector;
use crate::api::Node;
use crate::api::Pod;
use crate::scheduler::node_info::NodeInfo;
use crate::scheduler::snapshot::Snapshot;
use std::rc::Rc;

/// `framework.MaxNodeScore`.
const MAX_NODE_SCORE: i64 = 100;

/// How a constraint's pods are counted for Score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counts {
    /// For `kubernetes.io/hostname`: matching pods on each node, by position.
    ByNode(Rc<Vec<i64>>),
    /// For any other key: matching pods in each domain (`TopologyValueToPodCounts`).
    ByDomain(DomainCounts),
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
            // The same per-node counts, summed by zone over the nodes the pod's
            // node affinity admits (the default `nodeAffinityPolicy`).
            let zones = snapshot.domains(&zone.topology_key);
            let reads_nodes = zone.reads_node(pod);
            let mut counts_by_zone = DomainCounts {
                domains: Rc::clone(&zones),
                counts: vec![0; zones.len()],
                present: vec![false; zones.len()],
            };
            for (pos, node) in snapshot.nodes().iter().enumerate() {
                let Some(d) = zones.of_pos(pos) else {
                    continue;
                };
                if reads_nodes && !zone.includes(pod, node) {
                    continue;
                }
                counts_by_zone.counts[d] += host.get(pos).copied().unwrap_or(0);
                counts_by_zone.present[d] = true;
            }
            counts.push(Counts::ByDomain(counts_by_zone));
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
            .map(|(node, info)| {
                self.require_all
                    && self
                        .counts
                        .iter()
                        .zip(&self.constraints)
                        .any(|(counts, c)| match counts {
                            Counts::ByDomain(d) => d.domains.of_pos(info.pos).is_none(),
                            Counts::ByNode(_) => !has_label(node, info, c),
                        })
            })
            .collect();
        let scored = ignored.iter().filter(|i| !**i).count();
        // `topologyNormalizingWeight`: ln(domains + 2), where nodes lacking a
        // non-hostname key make up the "" domain, as upstream's map does.
        let weights: Vec<f64> = self
            .counts
            .iter()
            .zip(&self.constraints)
            .map(|(counts, c)| {
                let size = match counts {
                    Counts::ByDomain(d) if c.topology_key != LABEL_HOSTNAME => {
                        let mut seen = vec![false; d.domains.len()];
                        let mut unlabelled = false;
                        for ((_, info), ignored) in feasible.iter().zip(&ignored) {
                            if *ignored {
                                continue;
                            }
                            match d.domains.of_pos(info.pos) {
                                Some(i) => seen[i] = true,
                                None => unlabelled = true,
                            }
                        }
                        seen.iter().filter(|s| **s).count() + usize::from(unlabelled)
                    }
                    _ => scored,
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
                            if !has_label(node, info, c) {
                                continue;
                            }
                            by_node.get(info.pos).copied().unwrap_or(0)
                        }
                        Counts::ByDomain(d) => {
                            let Some(count) = d.at(info.pos) else {
                                continue;
                            };
                            count
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

/// Whether the node has the constraint's key; the hostname label is known from
/// the node info, without a lookup.
fn has_label(node: &Node, info: &NodeInfo, c: &Constraint) -> bool {
    if c.topology_key == LABEL_HOSTNAME {
        info.hostname_labelled
    } else {
        node.metadata.labels.contains_key(&c.topology_key)
    }
}
