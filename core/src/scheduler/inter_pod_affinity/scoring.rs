//! InterPodAffinity's PreScore, Score and NormalizeScore
//! (`interpodaffinity/scoring.go`).

use super::DEFAULT_HARD_POD_AFFINITY_WEIGHT;
use super::DomainTally;
use super::counting::matching_all;
use super::merge_namespaces;
use crate::api::Pod;
use crate::scheduler::affinity_term::PodTerms;
use crate::scheduler::snapshot::Snapshot;

/// `framework.MaxNodeScore`.
const MAX_NODE_SCORE: i64 = 100;

/// Models `preScoreState.topologyScore`: a score for each topology key and value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreScoreState {
    /// `topologyScore`, by key and numbered domain.
    pub topology_score: DomainTally,
    /// Whether any term added to it (upstream's map has an entry).
    touched: bool,
}

impl PreScoreState {
    /// Models `PreScore` with the default arguments (`hardPodAffinityWeight` 1,
    /// `ignorePreferredTermsOfExistingPods` false); `None` when no node would
    /// score (`Skip`). `processExistingPod`'s two halves are summed apart: the
    /// incoming pod's preferred terms against the pods on each node, then the
    /// existing pods' terms against the incoming pod, group by group.
    pub fn of(snapshot: &dyn Snapshot, pod: &Pod) -> Option<PreScoreState> {
        PreScoreState::with_weight(snapshot, pod, DEFAULT_HARD_POD_AFFINITY_WEIGHT)
    }

    /// [`PreScoreState::of`] with a profile's `hardPodAffinityWeight`: the
    /// weight of an existing pod's required affinity term that the incoming
    /// pod matches; 0 leaves those terms out (`processExistingPod`).
    pub fn with_weight(
        snapshot: &dyn Snapshot,
        pod: &Pod,
        hard_pod_affinity_weight: i64,
    ) -> Option<PreScoreState> {
        let mut terms = PodTerms::of(pod);
        for weighted in terms
            .preferred_affinity
            .iter_mut()
            .chain(terms.preferred_anti_affinity.iter_mut())
        {
            merge_namespaces(snapshot, std::slice::from_mut(&mut weighted.term));
        }
        let mut state = PreScoreState::default();
        for (list, multiplier) in [
            (&terms.preferred_affinity, 1),
            (&terms.preferred_anti_affinity, -1),
        ] {
            for weighted in list {
                let per_node = matching_all(snapshot, std::slice::from_ref(&weighted.term));
                for (pos, n) in per_node.iter().enumerate() {
                    let amount = n * weighted.weight * multiplier;
                    state.add(snapshot, &weighted.term.topology_key, pos, amount);
                }
            }
        }
        let groups = snapshot.affinity_groups();
        if !groups.is_empty() {
            let namespace_labels = snapshot.namespace_labels(&pod.metadata.namespace);
            for group in groups.iter() {
                // Each of the group's terms that matches the pod, with its weight.
                let mut matching: Vec<(&str, i64)> = Vec::new();
                if hard_pod_affinity_weight > 0 {
                    for term in &group.terms.required_affinity {
                        if term.matches(pod, &namespace_labels) {
                            matching.push((&term.topology_key, hard_pod_affinity_weight));
                        }
                    }
                }
                for (list, multiplier) in [
                    (&group.terms.preferred_affinity, 1),
                    (&group.terms.preferred_anti_affinity, -1),
                ] {
                    for weighted in list {
                        if weighted.term.matches(pod, &namespace_labels) {
                            matching
                                .push((&weighted.term.topology_key, weighted.weight * multiplier));
                        }
                    }
                }
                if matching.is_empty() {
                    continue;
                }
                for (pos, n) in &group.nodes {
                    for (key, weight) in &matching {
                        state.add(snapshot, key, *pos, weight * n);
                    }
                }
            }
        }
        state.touched.then_some(state)
    }

    /// Adds `amount` to the domain of `key` holding the node at `pos`, if the
    /// node has that label (`processTerm`).
    fn add(&mut self, snapshot: &dyn Snapshot, key: &str, pos: usize, amount: i64) {
        if amount == 0 {
            return;
        }
        if snapshot.domains(key).of_pos(pos).is_some() {
            self.touched = true;
        }
        self.topology_score.add(snapshot, key, pos, amount);
    }

    /// Models `Score` for the node at `pos`: the sum of the scores of its domains.
    pub fn raw_score(&self, pos: usize) -> i64 {
        self.topology_score
            .keys
            .iter()
            .filter_map(|(_, domains, scores)| domains.of_pos(pos).map(|d| scores[d]))
            .sum()
    }

    /// Models `Score` and `NormalizeScore` over the feasible nodes (by
    /// position): scaled so the lowest scores 0 and the highest 100.
    pub fn score(&self, feasible: &[usize]) -> Vec<i64> {
        let raw: Vec<i64> = feasible.iter().map(|pos| self.raw_score(*pos)).collect();
        let min = raw.iter().copied().min().unwrap_or(0);
        let max = raw.iter().copied().max().unwrap_or(0);
        let diff = max - min;
        raw.iter()
            .map(|s| {
                if diff > 0 {
                    (MAX_NODE_SCORE as f64 * ((s - min) as f64 / diff as f64)) as i64
                } else {
                    0
                }
            })
            .collect()
    }
}
