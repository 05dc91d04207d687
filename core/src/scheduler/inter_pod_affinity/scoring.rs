//! InterPodAffinity's PreScore, Score and NormalizeScore
//! (`interpodaffinity/scoring.go`).

use super::DEFAULT_HARD_POD_AFFINITY_WEIGHT;
use super::merge_namespaces;
use super::no_labels;
use crate::api::Node;
use crate::api::Pod;
use crate::scheduler::affinity_term::AffinityTerm;
use crate::scheduler::affinity_term::PodTerms;
use crate::scheduler::affinity_term::WeightedAffinityTerm;
use crate::scheduler::snapshot::Snapshot;
use std::collections::BTreeMap;

/// `framework.MaxNodeScore`.
const MAX_NODE_SCORE: i64 = 100;

/// Models `preScoreState.topologyScore`: a score for each topology key and value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreScoreState {
    /// `topologyScore[key][value]`.
    pub topology_score: BTreeMap<String, BTreeMap<String, i64>>,
}

impl PreScoreState {
    fn process_term(
        &mut self,
        term: &AffinityTerm,
        weight: i64,
        pod: &Pod,
        namespace_labels: &BTreeMap<String, String>,
        node: &Node,
        multiplier: i64,
    ) {
        if !term.matches(pod, namespace_labels) {
            return;
        }
        if let Some(value) = node.metadata.labels.get(&term.topology_key) {
            *self
                .topology_score
                .entry(term.topology_key.clone())
                .or_default()
                .entry(value.clone())
                .or_insert(0) += weight * multiplier;
        }
    }

    fn process_terms(
        &mut self,
        terms: &[WeightedAffinityTerm],
        pod: &Pod,
        namespace_labels: &BTreeMap<String, String>,
        node: &Node,
        multiplier: i64,
    ) {
        for t in terms {
            self.process_term(&t.term, t.weight, pod, namespace_labels, node, multiplier);
        }
    }

    /// Models `PreScore` with the default arguments (`hardPodAffinityWeight` 1,
    /// `ignorePreferredTermsOfExistingPods` false); `None` when no node would
    /// score (`Skip`). Unless the pod has preferred terms of its own, only the
    /// pods with affinity are visited.
    pub fn of(snapshot: &dyn Snapshot, pod: &Pod) -> Option<PreScoreState> {
        let mut terms = PodTerms::of(pod);
        let has_constraints =
            !terms.preferred_affinity.is_empty() || !terms.preferred_anti_affinity.is_empty();
        for weighted in terms
            .preferred_affinity
            .iter_mut()
            .chain(terms.preferred_anti_affinity.iter_mut())
        {
            merge_namespaces(snapshot, std::slice::from_mut(&mut weighted.term));
        }
        // Read only when some pod is visited: most clusters have no affinity.
        let mut namespace_labels = None;
        let nodes = snapshot.nodes();
        let mut state = PreScoreState::default();
        // Models `processExistingPod`.
        let mut process = |node: &Node, existing: &Pod| {
            if node.metadata.labels.is_empty() {
                return;
            }
            let namespace_labels = namespace_labels
                .get_or_insert_with(|| snapshot.namespace_labels(&pod.metadata.namespace));
            state.process_terms(&terms.preferred_affinity, existing, no_labels(), node, 1);
            state.process_terms(
                &terms.preferred_anti_affinity,
                existing,
                no_labels(),
                node,
                -1,
            );
            let theirs = PodTerms::of(existing);
            for t in &theirs.required_affinity {
                state.process_term(
                    t,
                    DEFAULT_HARD_POD_AFFINITY_WEIGHT,
                    pod,
                    namespace_labels,
                    node,
                    1,
                );
            }
            state.process_terms(&theirs.preferred_affinity, pod, namespace_labels, node, 1);
            state.process_terms(
                &theirs.preferred_anti_affinity,
                pod,
                namespace_labels,
                node,
                -1,
            );
        };
        if has_constraints {
            for (pos, node) in nodes.iter().enumerate() {
                snapshot.for_each_pod_on(pos, &mut |existing| process(node, existing));
            }
        } else {
            snapshot.for_each_pod_with_affinity(&mut |pos, existing| {
                if let Some(node) = nodes.get(pos) {
                    process(node, existing);
                }
            });
        }
        (!state.topology_score.is_empty()).then_some(state)
    }

    /// Models `Score`: the sum of the scores of the node's domains.
    pub fn raw_score(&self, node: &Node) -> i64 {
        self.topology_score
            .iter()
            .filter_map(|(key, values)| {
                let value = node.metadata.labels.get(key)?;
                values.get(value).copied()
            })
            .sum()
    }

    /// Models `Score` and `NormalizeScore` over the feasible nodes: scaled so the
    /// lowest scores 0 and the highest 100.
    pub fn score(&self, feasible: &[&Node]) -> Vec<i64> {
        let raw: Vec<i64> = feasible.iter().map(|n| self.raw_score(n)).collect();
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
