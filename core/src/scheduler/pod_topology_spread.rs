//! The PodTopologySpread plugin's Score with the cluster-default constraints
//! (`pkg/scheduler/framework/plugins/podtopologyspread: scoring.go`). Its Filter
//! checks only `DoNotSchedule` constraints; the default ones are `ScheduleAnyway`
//! and taintlab does not model a pod's own `topologySpreadConstraints`, so only
//! Score is here.

use super::node_info::{NodeInfo, PodInfo};
use crate::api::Node;

/// The plugin's name.
pub const NAME: &str = "PodTopologySpread";

/// Models `pkg/scheduler/framework/plugins/podtopologyspread: Score` and
/// `NormalizeScore` with the default constraints (`kubernetes.io/hostname` with
/// maxSkew 3; the zone constraint counts only on nodes that have a zone label, and
/// simulated nodes have none): fewer matching pods on a node scores higher. Both
/// steps in one, over every feasible node, since the raw scores are weighted by the
/// number of nodes (PreScore's `topologyNormalizingWeight`). The counts come from
/// [`PodInfo::spread`]; a pod without them scores 0 everywhere (PreScore's `Skip`).
pub fn score(pod: &PodInfo<'_>, feasible: &[(&Node, &NodeInfo)]) -> Vec<i64> {
    const MAX_SKEW: f64 = 3.0;
    let Some(spread) = &pod.spread else {
        return vec![0; feasible.len()];
    };
    // `topologyNormalizingWeight`: ln(number of domains + 2); each node is a domain.
    let weight = ((feasible.len() + 2) as f64).ln();
    let raw: Vec<i64> = feasible
        .iter()
        .map(|(_, info)| {
            let count = spread.get(info.pos).copied().unwrap_or(0);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Pod;

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
        let infos: Vec<NodeInfo> = (0..3)
            .map(|pos| {
                let mut info = NodeInfo::default();
                info.pos = pos;
                info
            })
            .collect();
        let feasible: Vec<(&Node, &NodeInfo)> = nodes.iter().zip(&infos).collect();
        let pod = Pod::default();
        let mut pod_info = PodInfo::new(&pod);
        assert_eq!(
            score(&pod_info, &feasible),
            [0, 0, 0],
            "no owner, no spreading"
        );
        pod_info.spread = Some(vec![0, 1, 2].into());
        // ln(3 + 2) weights the counts: raw 2, 4, 5; normalized 100 * (5 + 2 - raw) / 5.
        assert_eq!(score(&pod_info, &feasible), [100, 60, 40]);
    }
}
