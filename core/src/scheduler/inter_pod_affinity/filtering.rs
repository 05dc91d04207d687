//! InterPodAffinity's PreFilter and Filter (`interpodaffinity/filtering.go`).

use super::NAME;
use super::TopologyPair;
use super::merge_namespaces;
use super::no_labels;
use crate::api::Node;
use crate::api::Pod;
use crate::scheduler::Rejection;
use crate::scheduler::affinity_term::AffinityTerm;
use crate::scheduler::affinity_term::PodTerms;
use crate::scheduler::affinity_term::matches_all;
use crate::scheduler::snapshot::Snapshot;
use std::collections::BTreeMap;

/// `ErrReasonExistingAntiAffinityRulesNotMatch`.
pub const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";
/// `ErrReasonAffinityRulesNotMatch`.
pub const ERR_REASON_AFFINITY_RULES_NOT_MATCH: &str = "node(s) didn't match pod affinity rules";
/// `ErrReasonAntiAffinityRulesNotMatch`.
pub const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH: &str =
    "node(s) didn't match pod anti-affinity rules";

/// Models `preFilterState`: for each topology domain, how many existing pods'
/// required anti-affinity terms match the incoming pod, and how many existing
/// pods match the incoming pod's required affinity and anti-affinity terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreFilterState {
    /// The incoming pod's required affinity terms, namespaces merged.
    pub affinity_terms: Vec<AffinityTerm>,
    /// Its required anti-affinity terms, namespaces merged.
    pub anti_affinity_terms: Vec<AffinityTerm>,
    /// `existingAntiAffinityCounts`.
    pub existing_anti_affinity_counts: BTreeMap<TopologyPair, i64>,
    /// `affinityCounts`.
    pub affinity_counts: BTreeMap<TopologyPair, i64>,
    /// `antiAffinityCounts`.
    pub anti_affinity_counts: BTreeMap<TopologyPair, i64>,
    /// Whether the pod matches all its own affinity terms: then the first pod of
    /// a group that wants to be together may go anywhere.
    pub matches_itself: bool,
}

fn add(counts: &mut BTreeMap<TopologyPair, i64>, node: &Node, key: &str) {
    if let Some(value) = node.metadata.labels.get(key) {
        *counts.entry((key.to_string(), value.clone())).or_insert(0) += 1;
    }
}

impl PreFilterState {
    /// Models `PreFilter`; `None` when nothing can reject a node (`Skip`): the pod
    /// has no required terms and no existing pod's anti-affinity matches it.
    pub fn of(snapshot: &dyn Snapshot, pod: &Pod) -> Option<PreFilterState> {
        let terms = PodTerms::of(pod);
        let mut affinity_terms = terms.required_affinity;
        let mut anti_affinity_terms = terms.required_anti_affinity;
        // Read only when some pod has affinity: most clusters have none.
        let mut namespace_labels = None;
        // Models `getExistingAntiAffinityCounts`, over the pods with affinity
        // (upstream's `HavePodsWithRequiredAntiAffinityList`).
        let nodes = snapshot.nodes();
        let mut existing_anti_affinity_counts = BTreeMap::new();
        snapshot.for_each_pod_with_affinity(&mut |pos, existing| {
            let Some(node) = nodes.get(pos) else {
                return;
            };
            let labels = namespace_labels
                .get_or_insert_with(|| snapshot.namespace_labels(&pod.metadata.namespace));
            for term in PodTerms::of(existing).required_anti_affinity {
                if term.matches(pod, labels) {
                    add(&mut existing_anti_affinity_counts, node, &term.topology_key);
                }
            }
        });
        if existing_anti_affinity_counts.is_empty()
            && affinity_terms.is_empty()
            && anti_affinity_terms.is_empty()
        {
            return None;
        }
        merge_namespaces(snapshot, &mut affinity_terms);
        merge_namespaces(snapshot, &mut anti_affinity_terms);
        // Models `getIncomingAffinityAntiAffinityCounts`: every pod on every node.
        let mut affinity_counts = BTreeMap::new();
        let mut anti_affinity_counts = BTreeMap::new();
        if !affinity_terms.is_empty() || !anti_affinity_terms.is_empty() {
            for (pos, node) in nodes.iter().enumerate() {
                snapshot.for_each_pod_on(pos, &mut |existing| {
                    if matches_all(&affinity_terms, existing, no_labels()) {
                        for term in &affinity_terms {
                            add(&mut affinity_counts, node, &term.topology_key);
                        }
                    }
                    for term in &anti_affinity_terms {
                        if term.matches(existing, no_labels()) {
                            add(&mut anti_affinity_counts, node, &term.topology_key);
                        }
                    }
                });
            }
        }
        let matches_itself = matches_all(&affinity_terms, pod, no_labels());
        Some(PreFilterState {
            affinity_terms,
            anti_affinity_terms,
            existing_anti_affinity_counts,
            affinity_counts,
            anti_affinity_counts,
            matches_itself,
        })
    }

    /// Models `satisfyPodAffinity`: every term's domain on this node holds a
    /// matching pod (the node must have every key), unless no pod anywhere
    /// matches and the pod matches its own terms.
    pub fn satisfies_pod_affinity(&self, node: &Node) -> bool {
        let mut pods_exist = true;
        for term in &self.affinity_terms {
            let Some(value) = node.metadata.labels.get(&term.topology_key) else {
                return false;
            };
            let pair = (term.topology_key.clone(), value.clone());
            if self.affinity_counts.get(&pair).copied().unwrap_or(0) <= 0 {
                pods_exist = false;
            }
        }
        pods_exist || (self.affinity_counts.is_empty() && self.matches_itself)
    }

    /// Models `satisfyPodAntiAffinity`: no term's domain on this node holds a
    /// matching pod.
    pub fn satisfies_pod_anti_affinity(&self, node: &Node) -> bool {
        self.anti_affinity_terms.iter().all(|term| {
            node.metadata
                .labels
                .get(&term.topology_key)
                .is_none_or(|value| {
                    let pair = (term.topology_key.clone(), value.clone());
                    self.anti_affinity_counts.get(&pair).copied().unwrap_or(0) <= 0
                })
        })
    }

    /// Models `satisfyExistingPodsAntiAffinity`: no domain of this node is one an
    /// existing pod's anti-affinity keeps the incoming pod out of.
    pub fn satisfies_existing_pods_anti_affinity(&self, node: &Node) -> bool {
        self.existing_anti_affinity_counts.is_empty()
            || node.metadata.labels.iter().all(|(k, v)| {
                self.existing_anti_affinity_counts
                    .get(&(k.clone(), v.clone()))
                    .copied()
                    .unwrap_or(0)
                    <= 0
            })
    }

    /// Models `Filter`, in upstream's order of checks.
    pub fn filter(&self, node: &Node) -> Result<(), Rejection> {
        let reason = if !self.satisfies_pod_affinity(node) {
            ERR_REASON_AFFINITY_RULES_NOT_MATCH
        } else if !self.satisfies_pod_anti_affinity(node) {
            ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH
        } else if !self.satisfies_existing_pods_anti_affinity(node) {
            ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH
        } else {
            return Ok(());
        };
        Err(Rejection {
            plugin: NAME,
            reason: reason.to_string(),
        })
    }
}
