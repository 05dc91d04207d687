//! The InterPodAffinity plugin (`pkg/scheduler/framework/plugins/interpodaffinity`):
//! required pod affinity and anti-affinity, the incoming pod's and the existing
//! pods', filter ([`filtering`]); preferred terms, and existing pods' required
//! affinity at `hardPodAffinityWeight`, score ([`scoring`]).

pub mod counting;
pub mod filtering;
pub mod scoring;
#[cfg(test)]
mod tests;

use super::affinity_term::AffinityTerm;
use super::snapshot::Domains;
use super::snapshot::Snapshot;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The plugin's name.
pub const NAME: &str = "InterPodAffinity";
/// `InterPodAffinityArgs.HardPodAffinityWeight`'s default
/// (`pkg/scheduler/apis/config/v1/defaults.go`).
pub const DEFAULT_HARD_POD_AFFINITY_WEIGHT: i64 = 1;

/// Counts by topology domain (`topologyToMatchedTermCount`, keyed by
/// `topologyPair`): for each label key, a count per numbered domain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainTally {
    /// Label key, its domains, and a count per domain.
    pub keys: Vec<(String, Rc<Domains>, Vec<i64>)>,
    /// How many domains have a count other than 0 (upstream deletes zero entries).
    nonzero: usize,
}

impl DomainTally {
    /// Makes room for `key`, so that [`DomainTally::at`] can tell a node with
    /// the label and no count from a node without the label.
    pub fn ensure(&mut self, snapshot: &dyn Snapshot, key: &str) {
        self.entry(snapshot, key);
    }

    fn entry(&mut self, snapshot: &dyn Snapshot, key: &str) -> usize {
        if let Some(at) = self.keys.iter().position(|(k, _, _)| k == key) {
            return at;
        }
        let domains = snapshot.domains(key);
        let counts = vec![0; domains.len()];
        self.keys.push((key.to_string(), domains, counts));
        self.keys.len() - 1
    }

    /// Adds `n` to the domain of `key` that holds the node at `pos`, if the node
    /// has that label.
    pub fn add(&mut self, snapshot: &dyn Snapshot, key: &str, pos: usize, n: i64) {
        if n == 0 {
            return;
        }
        let at = self.entry(snapshot, key);
        let (_, domains, counts) = &mut self.keys[at];
        if let Some(d) = domains.of_pos(pos) {
            let before = counts[d];
            counts[d] += n;
            self.nonzero = self.nonzero + usize::from(counts[d] != 0) - usize::from(before != 0);
        }
    }

    /// Adds each node's count in `per_node` (by position) to its domain of `key`.
    pub fn add_all(&mut self, snapshot: &dyn Snapshot, key: &str, per_node: &[i64]) {
        for (pos, n) in per_node.iter().enumerate() {
            self.add(snapshot, key, pos, *n);
        }
    }

    /// The count of the domain of `key` holding the node at `pos`; `None` when
    /// the node lacks the label, or when `key` was never [`ensure`](Self::ensure)d.
    pub fn at(&self, key: &str, pos: usize) -> Option<i64> {
        let (_, domains, counts) = self.keys.iter().find(|(k, _, _)| k == key)?;
        domains.of_pos(pos).map(|d| counts[d])
    }

    /// Whether some domain of the node at `pos`, for any key, has a positive count.
    pub fn any_at(&self, pos: usize) -> bool {
        self.keys
            .iter()
            .any(|(_, domains, counts)| domains.of_pos(pos).is_some_and(|d| counts[d] > 0))
    }

    /// Whether every count is 0 (upstream's map is empty).
    pub fn is_empty(&self) -> bool {
        self.nonzero == 0
    }
}

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
