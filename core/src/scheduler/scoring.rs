//! Score plugins and `selectHost` (`pkg/scheduler/framework/plugins/*: Score`,
//! `helper.DefaultNormalizeScore`, `schedule_one.go: prioritizeNodes`).

use super::node_info::{NodeInfo, PodInfo};
use crate::api::{Node, Pod, TaintEffect};
use crate::scheduler::node_affinity::term_matches;

/// Plugin weights of the default profile (`default_plugins.go`).
pub const TAINT_TOLERATION_WEIGHT: i64 = 3;
/// NodeAffinity's weight.
pub const NODE_AFFINITY_WEIGHT: i64 = 2;
/// NodeResourcesFit's weight.
pub const NODE_RESOURCES_FIT_WEIGHT: i64 = 1;
/// NodeResourcesBalancedAllocation's weight.
pub const BALANCED_ALLOCATION_WEIGHT: i64 = 1;
/// ImageLocality's weight.
pub const IMAGE_LOCALITY_WEIGHT: i64 = 1;
/// PodTopologySpread's weight.
pub const POD_TOPOLOGY_SPREAD_WEIGHT: i64 = 2;

/// One node's scores, after normalization and before weighting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeScores {
    /// TaintToleration (PreferNoSchedule taints), 0..=100.
    pub taint_toleration: i64,
    /// NodeAffinity (preferred terms), 0..=100.
    pub node_affinity: i64,
    /// NodeResourcesFit, LeastAllocated, 0..=100.
    pub least_allocated: i64,
    /// NodeResourcesBalancedAllocation, 0..=100.
    pub balanced_allocation: i64,
    /// ImageLocality, 0..=100.
    pub image_locality: i64,
    /// PodTopologySpread with the default constraints, 0..=100.
    pub pod_topology_spread: i64,
}

impl NodeScores {
    /// The weighted sum that `selectHost` compares.
    pub fn total(&self) -> i64 {
        TAINT_TOLERATION_WEIGHT * self.taint_toleration
            + NODE_AFFINITY_WEIGHT * self.node_affinity
            + NODE_RESOURCES_FIT_WEIGHT * self.least_allocated
            + BALANCED_ALLOCATION_WEIGHT * self.balanced_allocation
            + IMAGE_LOCALITY_WEIGHT * self.image_locality
            + POD_TOPOLOGY_SPREAD_WEIGHT * self.pod_topology_spread
    }
}

/// Models the TaintToleration plugin's raw score: PreferNoSchedule taints not
/// tolerated by the pod's tolerations with an empty or PreferNoSchedule effect.
fn intolerable_prefer_no_schedule(pod: &Pod, node: &Node) -> i64 {
    let relevant = |t: &&crate::api::Toleration| {
        t.effect.is_none() || t.effect == Some(TaintEffect::PreferNoSchedule)
    };
    node.spec
        .taints
        .iter()
        .filter(|t| t.effect == TaintEffect::PreferNoSchedule)
        .filter(|t| {
            !pod.spec
                .tolerations
                .iter()
                .filter(relevant)
                .any(|tol| tol.tolerates(t))
        })
        .count() as i64
}

/// Models the NodeAffinity plugin's raw score: the weights of matching preferred terms.
fn preferred_affinity(pod: &Pod, node: &Node) -> i64 {
    let Some(na) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
    else {
        return 0;
    };
    na.preferred_during_scheduling_ignored_during_execution
        .iter()
        .filter(|p| p.weight != 0 && term_matches(&p.preference, node))
        .map(|p| i64::from(p.weight))
        .sum()
}

/// Models `imagelocality.Score`: the sizes of the pod's images already on the node,
/// each scaled by the share of nodes that have it, clamped between 23 MB and
/// 1000 MB per container, as 0..=100. The scaled sizes come from
/// [`PodInfo::resolve_images`].
fn image_locality(pod: &PodInfo<'_>, info: &NodeInfo) -> i64 {
    const MB: i64 = 1024 * 1024;
    const MIN_THRESHOLD: i64 = 23 * MB;
    const MAX_CONTAINER_THRESHOLD: i64 = 1000 * MB;
    if info.images.is_empty() || pod.image_scores.is_empty() {
        return 0;
    }
    let sum: i64 = pod
        .image_scores
        .iter()
        .filter(|(id, _)| info.images.contains(id))
        .map(|(_, scaled)| scaled)
        .sum();
    if sum <= MIN_THRESHOLD {
        // Small images (most of them) score nothing: skip the division.
        return 0;
    }
    let max = MAX_CONTAINER_THRESHOLD * pod.pod.spec.containers.len().max(1) as i64;
    let clamped = sum.min(max);
    100 * (clamped - MIN_THRESHOLD) / (max - MIN_THRESHOLD)
}

/// Models PodTopologySpread's `Score` and `NormalizeScore` with the default
/// constraints (`kubernetes.io/hostname` with maxSkew 3; the zone constraint counts
/// only on nodes that have a zone label, and simulated nodes have none): fewer
/// matching pods on a node scores higher.
fn pod_topology_spread(pod: &PodInfo<'_>, feasible: &[(&Node, &NodeInfo)]) -> Vec<i64> {
    const MAX_SKEW: f64 = 3.0;
    let Some(spread) = &pod.spread else {
        return vec![0; feasible.len()];
    };
    // `topologyNormalizingWeight`: ln(number of domains + 2); each node is a domain.
    let weight = ((feasible.len() + 2) as f64).ln();
    let raw: Vec<i64> = feasible
        .iter()
        .map(|(node, _)| {
            let count = spread
                .binary_search_by(|(n, _)| n.as_str().cmp(&node.metadata.name))
                .map_or(0, |i| spread[i].1);
            (count as f64 * weight + (MAX_SKEW - 1.0)).round() as i64
        })
        .collect();
    let (min, max) = (
        raw.iter().copied().min().unwrap_or(0),
        raw.iter().copied().max().unwrap_or(0),
    );
    raw.iter()
        .map(|s| {
            if max == 0 {
                100
            } else {
                100 * (max + min - s) / max
            }
        })
        .collect()
}

/// Models `helper.DefaultNormalizeScore(100, reverse, scores)` for one score.
fn normalized(raw: i64, max: i64, reverse: bool) -> i64 {
    if max == 0 {
        return if reverse { 100 } else { 0 };
    }
    let scaled = 100 * raw / max;
    if reverse { 100 - scaled } else { scaled }
}

/// Normalizes one plugin's raw scores in place, as `DefaultNormalizeScore` does.
fn normalize(scores: &mut [NodeScores], field: fn(&mut NodeScores) -> &mut i64, reverse: bool) {
    let max = scores.iter_mut().map(|s| *field(s)).max().unwrap_or(0);
    if max == 0 && !reverse {
        // All zero stays all zero: the usual case for preferred node affinity.
        return;
    }
    for s in scores {
        let value = field(s);
        *value = normalized(*value, max, reverse);
    }
}

/// Scores every feasible node for `pod`.
pub fn score(pod_info: &PodInfo<'_>, feasible: &[(&Node, &NodeInfo)]) -> Vec<NodeScores> {
    let pod = pod_info.pod;
    let prefers = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .is_some_and(|na| {
            !na.preferred_during_scheduling_ignored_during_execution
                .is_empty()
        });
    // Raw TaintToleration and NodeAffinity scores first; both are normalized
    // over all feasible nodes below.
    let mut scores: Vec<NodeScores> = feasible
        .iter()
        .map(|(node, info)| {
            let (least_allocated, balanced_allocation) = info.resource_scores(pod_info);
            NodeScores {
                taint_toleration: if info.plain {
                    0
                } else {
                    intolerable_prefer_no_schedule(pod, node)
                },
                node_affinity: if prefers {
                    preferred_affinity(pod, node)
                } else {
                    0
                },
                least_allocated,
                balanced_allocation,
                image_locality: image_locality(pod_info, info),
                pod_topology_spread: 0,
            }
        })
        .collect();
    normalize(&mut scores, |s| &mut s.taint_toleration, true);
    normalize(&mut scores, |s| &mut s.node_affinity, false);
    if pod_info.spread.is_some() {
        let spread = pod_topology_spread(pod_info, feasible);
        for (s, value) in scores.iter_mut().zip(spread) {
            s.pod_topology_spread = value;
        }
    }
    scores
}

/// Models `numFeasibleNodesToFind` with the adaptive `percentageOfNodesToScore`:
/// all nodes below 100; otherwise `50 - n/125` percent (at least 5 %), at least 100.
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
    use crate::scheduler::node_info::{ImageState, ImageTable};

    /// The upstream examples: raws 0,1,2 give 100,50,0 and raws 0,1,3 give 100,67,0.
    #[test]
    fn prefer_no_schedule_normalization() {
        let run = |raw: &[i64], reverse: bool| {
            let mut scores: Vec<NodeScores> = raw
                .iter()
                .map(|r| NodeScores {
                    taint_toleration: *r,
                    ..Default::default()
                })
                .collect();
            normalize(&mut scores, |s| &mut s.taint_toleration, reverse);
            scores
                .iter()
                .map(|s| s.taint_toleration)
                .collect::<Vec<_>>()
        };
        assert_eq!(run(&[0, 1, 2], true), [100, 50, 0]);
        assert_eq!(run(&[0, 1, 3], true), [100, 67, 0]);
        assert_eq!(run(&[0, 0], true), [100, 100]);
        assert_eq!(run(&[0, 0], false), [0, 0]);
        assert_eq!(run(&[2, 4], false), [50, 100]);
    }

    #[test]
    fn image_locality_follows_upstream() {
        const MB: u64 = 1024 * 1024;
        let mut pod = Pod::default();
        pod.spec.containers.push(crate::api::Container {
            name: "c".into(),
            image: "nginx".into(),
            ..Default::default()
        });
        let score = |size: u64, holders: usize, total: usize| {
            let table = ImageTable {
                images: vec![ImageState {
                    name: "nginx:latest".into(),
                    size,
                    nodes: holders,
                }],
                total_nodes: total,
            };
            let mut pod = PodInfo::new(&pod);
            pod.resolve_images(&table);
            let mut info = NodeInfo::default();
            info.images.push(0);
            image_locality(&pod, &info)
        };
        // 500 MB on the only node: 100 * (500 - 23) / (1000 - 23).
        assert_eq!(score(500 * MB, 1, 1), 48);
        // Spread over 1 of 4 nodes, the same image counts a quarter: under 23 MB gives 0.
        assert_eq!(score(80 * MB, 1, 4), 0);
        let pod = PodInfo::new(&pod);
        assert_eq!(image_locality(&pod, &NodeInfo::default()), 0);
    }

    #[test]
    fn pod_topology_spread_prefers_emptier_nodes() {
        let nodes: Vec<Node> = ["a", "b", "c"]
            .iter()
            .map(|n| {
                let mut node = Node::default();
                node.metadata.name = (*n).to_string();
                node
            })
            .collect();
        let info = NodeInfo::default();
        let feasible: Vec<(&Node, &NodeInfo)> = nodes.iter().map(|n| (n, &info)).collect();
        let pod = Pod::default();
        let mut pod_info = PodInfo::new(&pod);
        assert_eq!(
            pod_topology_spread(&pod_info, &feasible),
            [0, 0, 0],
            "no owner, no spreading"
        );
        pod_info.spread = Some(vec![("b".to_string(), 1), ("c".to_string(), 2)]);
        // ln(3 + 2) weights the counts: raw 2, 4, 5; normalized 100 * (5 + 2 - raw) / 5.
        assert_eq!(pod_topology_spread(&pod_info, &feasible), [100, 60, 40]);
    }

    #[test]
    fn nodes_to_score() {
        assert_eq!(num_feasible_nodes_to_find(50), 50);
        assert_eq!(num_feasible_nodes_to_find(100), 100);
        assert_eq!(num_feasible_nodes_to_find(1000), 420);
        assert_eq!(num_feasible_nodes_to_find(5000), 500);
        assert_eq!(num_feasible_nodes_to_find(15000), 750);
    }
}
