//! The InterPodAffinity plugin (`pkg/scheduler/framework/plugins/interpodaffinity`):
//! required pod affinity and anti-affinity, the incoming pod's and the existing
//! pods', filter ([`filtering`]); preferred terms, and existing pods' required
//! affinity at `hardPodAffinityWeight`, score ([`scoring`]).

pub mod filtering;
pub mod scoring;
#[cfg(test)]
mod tests;

use super::affinity_term::AffinityTerm;
use super::snapshot::Snapshot;
use std::collections::BTreeMap;

/// The plugin's name.
pub const NAME: &str = "InterPodAffinity";
/// `InterPodAffinityArgs.HardPodAffinityWeight`'s default
/// (`pkg/scheduler/apis/config/v1/defaults.go`).
pub const DEFAULT_HARD_POD_AFFINITY_WEIGHT: i64 = 1;

/// A topology domain: a node label and its value (`topologyPair`).
pub type TopologyPair = (String, String);

/// Models `mergeAffinityTermNamespacesIfNotEmpty` for the incoming pod's terms:
/// a non-empty namespace selector becomes the namespaces it selects, so that
/// existing pods are matched by namespace name alone. An empty selector (`{}`,
/// every namespace) stays as it is.
pub fn merge_namespaces(snapshot: &dyn Snapshot, terms: &mut [AffinityTerm]) {
    for term in terms {
        let Some(selector) = term.namespace_selector.as_ref() else {
            continue;
        };
        if selector.is_empty() {
            continue;
        }
        for ns in snapshot.namespaces() {
            if selector.matches(&snapshot.namespace_labels(ns)) && !term.namespaces.contains(ns) {
                term.namespaces.push(ns.clone());
            }
        }
        term.namespace_selector = None;
    }
}

/// The labels `AffinityTerm.Matches` is given for an existing pod matched
/// against the incoming pod's merged terms: none are needed, except that an
/// empty namespace selector matches any labels.
pub fn no_labels() -> &'static BTreeMap<String, String> {
    static EMPTY: BTreeMap<String, String> = BTreeMap::new();
    &EMPTY
}
