//! The framework's Score phase: runs the score plugins over the feasible nodes,
//! normalizes their scores, weights them as the pod's profile does and sums them
//! (`pkg/scheduler/schedule_one.go: prioritizeNodes`, `framework/runtime:
//! RunScorePlugins`, `apis/config/v1/default_plugins.go`). Each plugin's Score
//! and NormalizeScore live in its own module, next to its Filter.

use super::config::Profile;
use super::config::scoring_strategy::ScoringStrategy;
use super::node_info::{NodeInfo, PodInfo};
use super::node_resources;
use super::{image_locality, node_affinity, taint_toleration};
use crate::api::Node;

/// Plugin weights of the default profile (`default_plugins.go`): TaintToleration's.
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
/// InterPodAffinity's weight.
pub const INTER_POD_AFFINITY_WEIGHT: i64 = 2;

/// One node's scores, after normalization and before weighting: one field per
/// score plugin, where upstream keeps a `NodePluginScores` list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeScores {
    /// TaintToleration (PreferNoSchedule taints), 0..=100.
    pub taint_toleration: i64,
    /// NodeAffinity (preferred terms), 0..=100.
    pub node_affinity: i64,
    /// NodeResourcesFit (LeastAllocated unless the profile's strategy says
    /// otherwise), 0..=100.
    pub least_allocated: i64,
    /// NodeResourcesBalancedAllocation, 0..=100.
    pub balanced_allocation: i64,
    /// ImageLocality, 0..=100.
    pub image_locality: i64,
    /// PodTopologySpread (the pod's soft constraints, or the default ones), 0..=100.
    pub pod_topology_spread: i64,
    /// InterPodAffinity (preferred terms, and existing pods' terms), 0..=100.
    pub inter_pod_affinity: i64,
}

/// A profile's score plugin weights (`scorePluginWeight`): one field per
/// score plugin, 0 for a plugin that does not score in the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreWeights {
    /// TaintToleration's.
    pub taint_toleration: i64,
    /// NodeAffinity's.
    pub node_affinity: i64,
    /// NodeResourcesFit's.
    pub node_resources_fit: i64,
    /// NodeResourcesBalancedAllocation's.
    pub balanced_allocation: i64,
    /// ImageLocality's.
    pub image_locality: i64,
    /// PodTopologySpread's.
    pub pod_topology_spread: i64,
    /// InterPodAffinity's.
    pub inter_pod_affinity: i64,
}

impl ScoreWeights {
    /// The default profile's weights.
    pub const DEFAULT: ScoreWeights = ScoreWeights {
        taint_toleration: TAINT_TOLERATION_WEIGHT,
        node_affinity: NODE_AFFINITY_WEIGHT,
        node_resources_fit: NODE_RESOURCES_FIT_WEIGHT,
        balanced_allocation: BALANCED_ALLOCATION_WEIGHT,
        image_locality: IMAGE_LOCALITY_WEIGHT,
        pod_topology_spread: POD_TOPOLOGY_SPREAD_WEIGHT,
        inter_pod_affinity: INTER_POD_AFFINITY_WEIGHT,
    };
}

impl Default for ScoreWeights {
    fn default() -> Self {
        ScoreWeights::DEFAULT
    }
}

impl NodeScores {
    /// The weighted sum that `selectHost` compares, with a profile's weights.
    pub fn total(&self, w: &ScoreWeights) -> i64 {
        // Weights are int32 and scores 0..=100: seven products cannot
        // overflow an i64.
        w.taint_toleration * self.taint_toleration
            + w.node_affinity * self.node_affinity
            + w.node_resources_fit * self.least_allocated
            + w.balanced_allocation * self.balanced_allocation
            + w.image_locality * self.image_locality
            + w.pod_topology_spread * self.pod_topology_spread
            + w.inter_pod_affinity * self.inter_pod_affinity
    }
}

/// Models `helper.DefaultNormalizeScore(100, reverse, scores)` for one score.
fn normalized(raw: i64, max: i64, reverse: bool) -> i64 {
    if max == 0 {
        return if reverse { 100 } else { 0 };
    }
    let scaled = 100 * raw / max;
    if reverse { 100 - scaled } else { scaled }
}

/// Models `pkg/scheduler/framework/plugins/helper: DefaultNormalizeScore(100,
/// reverse, scores)` over one plugin's field of every node's scores, in place:
/// the plugins' NormalizeScore call it.
pub(super) fn default_normalize_score(
    scores: &mut [NodeScores],
    field: fn(&mut NodeScores) -> &mut i64,
    reverse: bool,
) {
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

/// Models `prioritizeNodes` (with `RunScorePlugins`): every score plugin of the
/// profile scores every feasible node for `pod`, then the plugins with a
/// NormalizeScore scale their scores over the nodes. [`NodeScores::total`]
/// weights and sums them.
pub fn prioritize_nodes(
    pod_info: &PodInfo<'_>,
    feasible: &[(&Node, &NodeInfo)],
    profile: &Profile,
) -> Vec<NodeScores> {
    let pod = pod_info.pod;
    let added = profile.added_affinity.as_ref();
    // PreScore skips only when neither the pod nor the profile prefers.
    let prefers = node_affinity::pre_score(pod)
        || added.is_some_and(|a| {
            !a.preferred_during_scheduling_ignored_during_execution
                .is_empty()
        });
    let default_fit = profile.is_default || profile.fit_strategy == ScoringStrategy::default();
    let mut scores: Vec<NodeScores> = feasible
        .iter()
        .map(|(node, info)| {
            let (mut least_allocated, balanced_allocation) = info.resource_scores(pod_info);
            if !default_fit {
                least_allocated =
                    node_resources::strategy_score(pod_info, info, &profile.fit_strategy);
            }
            NodeScores {
                taint_toleration: taint_toleration::score(pod, node, info),
                node_affinity: if prefers {
                    node_affinity::score(pod, node)
                        + added.map_or(0, |a| node_affinity::added_score(a, node))
                } else {
                    0
                },
                least_allocated,
                balanced_allocation,
                image_locality: image_locality::score(pod_info, info),
                pod_topology_spread: 0,
                inter_pod_affinity: 0,
            }
        })
        .collect();
    taint_toleration::normalize_score(&mut scores);
    node_affinity::normalize_score(&mut scores);
    if let Some(state) = &pod_info.topology_spread_score {
        for (s, value) in scores.iter_mut().zip(state.score(feasible)) {
            s.pod_topology_spread = value;
        }
    }
    if let Some(state) = &pod_info.inter_pod_affinity_score {
        let positions: Vec<usize> = feasible.iter().map(|(_, info)| info.pos).collect();
        for (s, value) in scores.iter_mut().zip(state.score(&positions)) {
            s.inter_pod_affinity = value;
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

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
            default_normalize_score(&mut scores, |s| &mut s.taint_toleration, reverse);
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
}
