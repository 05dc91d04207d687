//! InterPodAffinity's PreFilter and Filter (`interpodaffinity/filtering.go`).

use super::DomainTally;
use super::NAME;
use super::counting::matching_all;
use super::merge_namespaces;
use super::no_labels;
use crate::api::Pod;
use crate::scheduler::Rejection;
use crate::scheduler::affinity_term::AffinityTerm;
use crate::scheduler::affinity_term::PodTerms;
use crate::scheduler::affinity_term::matches_all;
use crate::scheduler::snapshot::Snapshot;

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
    pub existing_anti_affinity_counts: DomainTally,
    /// `affinityCounts`.
    pub affinity_counts: DomainTally,
    /// `antiAffinityCounts`.
    pub anti_affinity_counts: DomainTally,
    /// Whether the pod matches all its own affinity terms: then the first pod of
    /// a group that wants to be together may go anywhere.
    pub matches_itself: bool,
}

impl PreFilterState {
    /// Models `PreFilter`; `None` when nothing can reject a node (`Skip`): the pod
    /// has no required terms and no existing pod's anti-affinity matches it.
    pub fn of(snapshot: &dyn Snapshot, pod: &Pod) -> Option<PreFilterState> {
        let terms = PodTerms::of(pod);
        let mut affinity_terms = terms.required_affinity;
        let mut anti_affinity_terms = terms.required_anti_affinity;
        // Models `getExistingAntiAffinityCounts`, group by group: each term
        // that matches the pod counts every pod of its group, in the domain of
        // the node it runs on.
        let mut existing_anti_affinity_counts = DomainTally::default();
        let groups = snapshot.affinity_groups();
        if groups
            .iter()
            .any(|g| !g.terms.required_anti_affinity.is_empty())
        {
            let namespace_labels = snapshot.namespace_labels(&pod.metadata.namespace);
            for group in groups.iter() {
                for term in &group.terms.required_anti_affinity {
                    if !term.matches(pod, &namespace_labels) {
                        continue;
                    }
                    for (pos, n) in &group.nodes {
                        existing_anti_affinity_counts.add(snapshot, &term.topology_key, *pos, *n);
                    }
                }
            }
        }
        if existing_anti_affinity_counts.is_empty()
            && affinity_terms.is_empty()
            && anti_affinity_terms.is_empty()
        {
            return None;
        }
        merge_namespaces(snapshot, &mut affinity_terms);
        merge_namespaces(snapshot, &mut anti_affinity_terms);
        // Models `getIncomingAffinityAntiAffinityCounts`: the pods on each node
        // that match all the affinity terms, and each anti-affinity term.
        let mut affinity_counts = DomainTally::default();
        let mut anti_affinity_counts = DomainTally::default();
        for term in &affinity_terms {
            affinity_counts.ensure(snapshot, &term.topology_key);
        }
        for term in &anti_affinity_terms {
            anti_affinity_counts.ensure(snapshot, &term.topology_key);
        }
        if !affinity_terms.is_empty() {
            let per_node = matching_all(snapshot, &affinity_terms);
            for term in &affinity_terms {
                affinity_counts.add_all(snapshot, &term.topology_key, &per_node);
            }
        }
        for term in &anti_affinity_terms {
            let per_node = matching_all(snapshot, std::slice::from_ref(term));
            anti_affinity_counts.add_all(snapshot, &term.topology_key, &per_node);
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

    /// Models `satisfyPodAffinity` for the node at `pos`: every term's domain
    /// holds a matching pod (the node must have every key), unless no pod
    /// anywhere matches and the pod matches its own terms.
    pub fn satisfies_pod_affinity(&self, pos: usize) -> bool {
        let mut pods_exist = true;
        for term in &self.affinity_terms {
            match self.affinity_counts.at(&term.topology_key, pos) {
                None => return false,
                Some(n) if n <= 0 => pods_exist = false,
                Some(_) => {}
            }
        }
        pods_exist || (self.affinity_counts.is_empty() && self.matches_itself)
    }

    /// Models `satisfyPodAntiAffinity`: no term's domain on this node holds a
    /// matching pod.
    pub fn satisfies_pod_anti_affinity(&self, pos: usize) -> bool {
        self.anti_affinity_terms.iter().all(|term| {
            self.anti_affinity_counts
                .at(&term.topology_key, pos)
                .is_none_or(|n| n <= 0)
        })
    }

    /// Models `satisfyExistingPodsAntiAffinity`: no domain of this node is one an
    /// existing pod's anti-affinity keeps the incoming pod out of.
    pub fn satisfies_existing_pods_anti_affinity(&self, pos: usize) -> bool {
        !self.existing_anti_affinity_counts.any_at(pos)
    }

    /// Models `Filter` for the node at `pos`, in upstream's order of checks.
    pub fn filter(&self, pos: usize) -> Result<(), Rejection> {
        let reason = if !self.satisfies_pod_affinity(pos) {
            ERR_REASON_AFFINITY_RULES_NOT_MATCH
        } else if !self.satisfies_pod_anti_affinity(pos) {
            ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH
        } else if !self.satisfies_existing_pods_anti_affinity(pos) {
            ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH
        } else {
            return Ok(());
        };
        Err(Rejection {
            plugin: NAME,
            reason: reason.to_string(),
        })
    }

    /// Models `AddPod` / `RemovePod` (`updateWithPod`) for preemption's dry
    /// runs: `other` is put on (`delta` 1) or taken off (-1) the node at `pos`.
    /// `pod` is the pod being scheduled, and `namespace_labels` its namespace's.
    pub fn update_with_pod(
        &mut self,
        snapshot: &dyn Snapshot,
        pod: &Pod,
        namespace_labels: &std::collections::BTreeMap<String, String>,
        other: &Pod,
        pos: usize,
        delta: i64,
    ) {
        for term in PodTerms::of(other).required_anti_affinity {
            if term.matches(pod, namespace_labels) {
                self.existing_anti_affinity_counts
                    .add(snapshot, &term.topology_key, pos, delta);
            }
        }
        if matches_all(&self.affinity_terms, other, no_labels()) {
            for term in &self.affinity_terms {
                self.affinity_counts
                    .add(snapshot, &term.topology_key, pos, delta);
            }
        }
        for term in &self.anti_affinity_terms {
            if term.matches(other, no_labels()) {
                self.anti_affinity_counts
                    .add(snapshot, &term.topology_key, pos, delta);
            }
        }
    }
}
