//! What the plugins' PreFilter and PreScore read of the whole cluster: upstream's
//! `SharedLister` over the scheduler's snapshot (`NodeInfos().List()`,
//! `HavePodsWithAffinityList()`) and the namespace lister.

use super::inter_pod_affinity::counting::AffinityGroup;
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
    /// The pods bound to the node at `pos`, terminating ones too.
    fn pods_on(&self, pos: usize) -> Vec<&Pod>;
    /// Calls `f` with each bound pod that has pod affinity or anti-affinity, and
    /// its node's position.
    fn for_each_pod_with_affinity(&self, f: &mut dyn FnMut(usize, &Pod));
    /// Calls `f` with each bound pod that is terminating, and its node's position.
    fn for_each_terminating(&self, f: &mut dyn FnMut(usize, &Pod));
    /// The bound pods with pod affinity or anti-affinity, grouped by their terms.
    /// The scheduling pass keeps them between pods and adds the pods it binds.
    fn affinity_groups(&self) -> Rc<Vec<AffinityGroup>>;
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
    /// The topology domains of the label `key`: each node's value of it as a
    /// small number, so that the plugins count per domain in arrays rather than
    /// in maps of strings. The scheduling pass keeps them between pods.
    fn domains(&self, key: &str) -> Rc<Domains>;
}

/// The values one node label takes across the nodes, numbered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Domains {
    /// Each node's domain, by node position; `None` where the node lacks the label.
    pub of_node: Vec<Option<u32>>,
    /// Each domain's value, by domain number.
    pub values: Vec<String>,
}

impl Domains {
    /// Numbers the values of `key` over `nodes`.
    pub fn of(nodes: &[&Node], key: &str) -> Domains {
        let mut ids: BTreeMap<&str, u32> = BTreeMap::new();
        let mut values = Vec::new();
        let of_node = nodes
            .iter()
            .map(|n| {
                let value = n.metadata.labels.get(key)?;
                Some(*ids.entry(value.as_str()).or_insert_with(|| {
                    values.push(value.clone());
                    (values.len() - 1) as u32
                }))
            })
            .collect();
        Domains { of_node, values }
    }

    /// The domain of the node at `pos`, if it has the label.
    pub fn of_pos(&self, pos: usize) -> Option<usize> {
        self.of_node.get(pos).copied().flatten().map(|d| d as usize)
    }

    /// How many domains there are.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no node has the label.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
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
