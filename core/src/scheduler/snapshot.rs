//! What the plugins' PreFilter and PreScore read of the whole cluster: upstream's
//! `SharedLister` over the scheduler's snapshot (`NodeInfos().List()`,
//! `HavePodsWithAffinityList()`) and the namespace lister.

use crate::api::LabelSelector;
use crate::api::Node;
use crate::api::Pod;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The cluster as one scheduling cycle sees it.
pub trait Snapshot {
    /// Every node, in name order: a node's position here is its
    /// [`super::node_info::NodeInfo::pos`].
    fn nodes(&self) -> &[&Node];
    /// Calls `f` with each pod bound to the node at `pos`, terminating ones too.
    fn for_each_pod_on(&self, pos: usize, f: &mut dyn FnMut(&Pod));
    /// Calls `f` with each bound pod that has pod affinity or anti-affinity, and
    /// its node's position.
    fn for_each_pod_with_affinity(&self, f: &mut dyn FnMut(usize, &Pod));
    /// The labels of namespace `name` (`GetNamespaceLabelsSnapshot`).
    fn namespace_labels(&self, name: &str) -> BTreeMap<String, String>;
    /// Every namespace, for the terms whose namespace selector is merged into
    /// their namespace list (`mergeAffinityTermNamespacesIfNotEmpty`).
    fn namespaces(&self) -> &[String];
    /// Whether any node has the label `topology.kubernetes.io/zone`: the default
    /// spreading's zone constraint scores no node otherwise.
    fn has_zones(&self) -> bool;
    /// How many pods in `namespace` that `selector` matches each node runs,
    /// terminating ones left out (`countPodsMatchSelector`), by node position.
    /// The scheduling pass keeps these between pods and moves them as it binds.
    fn selector_counts(&self, namespace: &str, selector: &LabelSelector) -> Rc<Vec<i64>>;
}

/// [`Snapshot::selector_counts`] by reading every pod: for a snapshot that
/// keeps no counts.
pub fn count_selected(
    snapshot: &dyn Snapshot,
    namespace: &str,
    selector: &LabelSelector,
) -> Vec<i64> {
    (0..snapshot.nodes().len())
        .map(|pos| {
            let mut n = 0;
            snapshot.for_each_pod_on(pos, &mut |pod| {
                if !pod.is_terminating()
                    && pod.metadata.namespace == namespace
                    && selector.matches(&pod.metadata.labels)
                {
                    n += 1;
                }
            });
            n
        })
        .collect()
}
