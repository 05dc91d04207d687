//! Counting for InterPodAffinity without reading every pod for every pod.
//!
//! Upstream's PreFilter and PreScore visit every pod (the incoming pod's terms)
//! or every pod with affinity (the existing pods' terms) for each pod they
//! schedule, in parallel. Here the same sums come from two places that cost a
//! read of each node rather than of each pod:
//! - for the incoming pod's terms, the per-node counts of a namespace and
//!   selector that the scheduling pass keeps ([`Snapshot::selector_counts`]),
//!   plus the terminating pods, which those leave out and InterPodAffinity counts;
//! - for the existing pods' terms, [`AffinityGroup`]s: the pods with affinity
//!   grouped by their terms (the pods of one template share them), with how many
//!   of each group run on each node.

use super::no_labels;
use crate::api::LabelSelector;
use crate::api::Pod;
use crate::scheduler::affinity_term::AffinityTerm;
use crate::scheduler::affinity_term::PodTerms;
use crate::scheduler::snapshot::Snapshot;
use std::collections::BTreeMap;

/// Pods with affinity that have the same terms, and how many run on each node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffinityGroup {
    /// The terms every pod of the group has.
    pub terms: PodTerms,
    /// How many of the group's pods each node runs, by node position.
    pub nodes: BTreeMap<usize, i64>,
}

/// Adds `pod`, bound to the node at `pos`, to its group.
pub fn add_to_groups(groups: &mut Vec<AffinityGroup>, pos: usize, pod: &Pod) {
    let terms = PodTerms::of(pod);
    let at = match groups.iter().position(|g| g.terms == terms) {
        Some(at) => at,
        None => {
            groups.push(AffinityGroup {
                terms,
                nodes: BTreeMap::new(),
            });
            groups.len() - 1
        }
    };
    *groups[at].nodes.entry(pos).or_insert(0) += 1;
}

/// Takes `pod`, on the node at `pos`, off its group.
pub fn remove_from_groups(groups: &mut [AffinityGroup], pos: usize, pod: &Pod) {
    let terms = PodTerms::of(pod);
    if let Some(group) = groups.iter_mut().find(|g| g.terms == terms)
        && let Some(n) = group.nodes.get_mut(&pos)
    {
        *n -= 1;
        if *n <= 0 {
            group.nodes.remove(&pos);
        }
    }
}

/// The groups of every bound pod with affinity, read afresh.
pub fn group_pods(snapshot: &dyn Snapshot) -> Vec<AffinityGroup> {
    let mut groups = Vec::new();
    snapshot.for_each_pod_with_affinity(&mut |pos, pod| add_to_groups(&mut groups, pos, pod));
    groups
}

/// The namespaces a merged term looks in: its list, or every namespace for an
/// empty namespace selector.
fn namespaces_of<'a>(snapshot: &'a dyn Snapshot, term: &'a AffinityTerm) -> Vec<&'a str> {
    let mut namespaces: Vec<&str> = term.namespaces.iter().map(String::as_str).collect();
    if term.namespace_selector.is_some() {
        namespaces.extend(snapshot.namespaces().iter().map(String::as_str));
    }
    namespaces.sort_unstable();
    namespaces.dedup();
    namespaces
}

/// The AND of two selectors: both sets of labels and expressions; `None` when
/// they ask for different values of one label, so that nothing matches.
fn and(a: &LabelSelector, b: &LabelSelector) -> Option<LabelSelector> {
    let mut out = a.clone();
    for (k, v) in &b.match_labels {
        match out.match_labels.get(k) {
            Some(existing) if existing != v => return None,
            Some(_) => {}
            None => {
                out.match_labels.insert(k.clone(), v.clone());
            }
        }
    }
    out.match_expressions
        .extend(b.match_expressions.iter().cloned());
    Some(out)
}

/// How many pods on each node match every one of `terms` (merged terms of the
/// incoming pod, matched by namespace name), terminating pods included, as
/// `podMatchesAllAffinityTerms` counts them; all zeros for no terms.
pub fn matching_all(snapshot: &dyn Snapshot, terms: &[AffinityTerm]) -> Vec<i64> {
    let mut counts = vec![0; snapshot.nodes().len()];
    let Some((first, rest)) = terms.split_first() else {
        return counts;
    };
    // The namespaces all terms look in, and the selectors ANDed.
    let mut namespaces = namespaces_of(snapshot, first);
    let mut selector = first.selector.clone();
    for term in rest {
        let theirs = namespaces_of(snapshot, term);
        namespaces.retain(|ns| theirs.contains(ns));
        selector = match (&selector, &term.selector) {
            (Some(a), Some(b)) => and(a, b),
            _ => None,
        };
    }
    let Some(selector) = selector else {
        return counts;
    };
    for ns in namespaces {
        let per_node = snapshot.selector_counts(ns, &selector);
        for (total, n) in counts.iter_mut().zip(per_node.iter()) {
            *total += n;
        }
    }
    // The kept counts leave terminating pods out; the scheduler's node infos
    // still hold them, and so does this count.
    snapshot.for_each_terminating(&mut |pos, pod| {
        if terms.iter().all(|t| t.matches(pod, no_labels()))
            && let Some(total) = counts.get_mut(pos)
        {
            *total += 1;
        }
    });
    counts
}
