//! A pod affinity term as the scheduler uses it (`pkg/scheduler/framework/types.go:
//! AffinityTerm`, built by `NewPodInfo`): its namespaces resolved, its selector
//! parsed, and `matchLabelKeys` / `mismatchLabelKeys` folded into the selector.

use crate::api::LabelSelector;
use crate::api::LabelSelectorRequirement;
use crate::api::Pod;
use crate::api::PodAffinity;
use crate::api::PodAffinityTerm;
use std::collections::BTreeMap;

/// Models `framework.AffinityTerm`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffinityTerm {
    /// Namespaces named by the term (the owning pod's own when it names none and
    /// has no namespace selector).
    pub namespaces: Vec<String>,
    /// Namespaces chosen by their labels; `None` chooses none, `{}` every one.
    pub namespace_selector: Option<LabelSelector>,
    /// Which pods; `None` matches no pod (`LabelSelectorAsSelector(nil)`).
    pub selector: Option<LabelSelector>,
    /// The node label that names the topology domain.
    pub topology_key: String,
}

/// Models `framework.WeightedAffinityTerm`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightedAffinityTerm {
    /// The term.
    pub term: AffinityTerm,
    /// Its weight, 1 to 100.
    pub weight: i64,
}

impl AffinityTerm {
    /// Models `newAffinityTerm` with `GetNamespacesFromPodAffinityTerm` for a term
    /// of `owner`, and the API server's merge of `matchLabelKeys` (as `In`) and
    /// `mismatchLabelKeys` (as `NotIn`) with the owner's values of those labels
    /// (`pkg/registry/core/pod/strategy.go: applyMatchLabelKeysAndMismatchLabelKeys`).
    pub fn of(owner: &Pod, term: &PodAffinityTerm) -> AffinityTerm {
        let namespaces = if term.namespaces.is_empty() && term.namespace_selector.is_none() {
            vec![owner.metadata.namespace.clone()]
        } else {
            term.namespaces.clone()
        };
        let selector = term.label_selector.clone().map(|mut selector| {
            let labels = &owner.metadata.labels;
            for (keys, operator) in [
                (&term.match_label_keys, "In"),
                (&term.mismatch_label_keys, "NotIn"),
            ] {
                for key in keys {
                    if let Some(value) = labels.get(key) {
                        selector.match_expressions.push(LabelSelectorRequirement {
                            key: key.clone(),
                            operator: operator.to_string(),
                            values: vec![value.clone()],
                        });
                    }
                }
            }
            selector
        });
        AffinityTerm {
            namespaces,
            namespace_selector: term.namespace_selector.clone(),
            selector,
            topology_key: term.topology_key.clone(),
        }
    }

    /// Models `AffinityTerm.Matches`: `pod` is in one of the term's namespaces (by
    /// name, or by `namespace_labels`, the labels of the pod's namespace) and
    /// carries labels the selector matches.
    pub fn matches(&self, pod: &Pod, namespace_labels: &BTreeMap<String, String>) -> bool {
        let in_namespace = self.namespaces.contains(&pod.metadata.namespace)
            || self
                .namespace_selector
                .as_ref()
                .is_some_and(|s| s.matches(namespace_labels));
        in_namespace
            && self
                .selector
                .as_ref()
                .is_some_and(|s| s.matches(&pod.metadata.labels))
    }
}

/// The terms of one kind of a pod, ready to match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodTerms {
    /// Required pod affinity.
    pub required_affinity: Vec<AffinityTerm>,
    /// Required pod anti-affinity.
    pub required_anti_affinity: Vec<AffinityTerm>,
    /// Preferred pod affinity.
    pub preferred_affinity: Vec<WeightedAffinityTerm>,
    /// Preferred pod anti-affinity.
    pub preferred_anti_affinity: Vec<WeightedAffinityTerm>,
}

impl PodTerms {
    /// Models the affinity part of `framework.NewPodInfo`.
    pub fn of(pod: &Pod) -> PodTerms {
        let affinity = pod.spec.affinity.as_ref();
        let required = |a: Option<&PodAffinity>| -> Vec<AffinityTerm> {
            a.map(|a| {
                a.required_during_scheduling_ignored_during_execution
                    .iter()
                    .map(|t| AffinityTerm::of(pod, t))
                    .collect()
            })
            .unwrap_or_default()
        };
        let preferred = |a: Option<&PodAffinity>| -> Vec<WeightedAffinityTerm> {
            a.map(|a| {
                a.preferred_during_scheduling_ignored_during_execution
                    .iter()
                    .map(|w| WeightedAffinityTerm {
                        term: AffinityTerm::of(pod, &w.pod_affinity_term),
                        weight: i64::from(w.weight),
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        let affinity_of = affinity.and_then(|a| a.pod_affinity.as_ref());
        let anti_of = affinity.and_then(|a| a.pod_anti_affinity.as_ref());
        PodTerms {
            required_affinity: required(affinity_of),
            required_anti_affinity: required(anti_of),
            preferred_affinity: preferred(affinity_of),
            preferred_anti_affinity: preferred(anti_of),
        }
    }
}

/// Whether `pod` has pod affinity or anti-affinity of any kind: upstream's
/// `NodeInfo.PodsWithAffinity`.
pub fn has_pod_affinity(pod: &Pod) -> bool {
    pod.spec.affinity.as_ref().is_some_and(|a| {
        a.pod_affinity.as_ref().is_some_and(not_empty)
            || a.pod_anti_affinity.as_ref().is_some_and(not_empty)
    })
}

fn not_empty(a: &PodAffinity) -> bool {
    !a.required_during_scheduling_ignored_during_execution
        .is_empty()
        || !a
            .preferred_during_scheduling_ignored_during_execution
            .is_empty()
}

/// Models `podMatchesAllAffinityTerms`: `pod` matches every term (and there is
/// at least one). The terms' namespace selectors are checked against
/// `namespace_labels`, the labels of `pod`'s namespace.
pub fn matches_all(
    terms: &[AffinityTerm],
    pod: &Pod,
    namespace_labels: &BTreeMap<String, String>,
) -> bool {
    !terms.is_empty() && terms.iter().all(|t| t.matches(pod, namespace_labels))
}
