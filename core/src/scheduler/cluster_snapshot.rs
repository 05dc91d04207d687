//! The [`Snapshot`] the scheduling cycle and the explanations give the plugins:
//! the node list of the pass, the pod store's indexes and the namespaces.

use super::affinity_term::has_pod_affinity;
use super::cache::Spread;
use super::inter_pod_affinity::counting::AffinityGroup;
use super::inter_pod_affinity::counting::add_to_groups;
use super::inter_pod_affinity::counting::group_pods;
use super::inter_pod_affinity::counting::remove_from_groups;
use super::pod_topology_spread::LABEL_ZONE;
use super::snapshot::Domains;
use super::snapshot::Snapshot;
use crate::api::LabelSelector;
use crate::api::Node;
use crate::api::Pod;
use crate::cluster::store::PodStore;
use crate::sorted_map::SortedMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::rc::Rc;

/// The cluster as one pod's scheduling cycle sees it. It borrows only the parts
/// it reads, so the pass can write the pods once the cycle has decided.
pub(crate) struct ClusterSnapshot<'a> {
    /// The nodes, sorted by name.
    pub nodes: &'a [&'a Node],
    /// The pods and their indexes.
    pub pods: &'a PodStore,
    /// Every namespace, sorted.
    pub namespaces: &'a [String],
    /// Labels given to namespaces.
    pub namespace_labels: &'a SortedMap<String, BTreeMap<String, String>>,
    /// A pod left out of every count: the one being explained.
    pub skip_uid: Option<&'a str>,
    /// Whether any node has a zone label (computed once per pass).
    pub has_zones: bool,
    /// The scheduling pass's spreading counts, when a pass is running.
    pub spreads: Option<&'a RefCell<PassSpreads>>,
}

/// The spreading counts of one scheduling pass.
#[derive(Debug, Default)]
pub(crate) struct PassSpreads {
    /// The counts this pass has used, which it moves as it binds pods.
    pub active: Vec<Spread>,
    /// Counts kept from the last pass and not used yet.
    pub kept: Vec<Spread>,
    /// The pods with affinity, grouped, once some pod asked (the pass adds the
    /// pods it binds).
    pub groups: Option<Rc<Vec<AffinityGroup>>>,
    /// UIDs of pods this pass's preemptions will delete: no later pod of the
    /// pass counts them, or picks them as victims again.
    pub claimed: BTreeSet<String>,
    /// The topology domains asked for, by label key (nodes do not change
    /// during a pass).
    pub domains: Vec<(String, Rc<Domains>)>,
}

impl PassSpreads {
    /// Stops counting `pod`, on the node at `pos`, which a preemption of this
    /// pass will delete.
    pub fn claimed(&mut self, pod: &Pod, pos: usize) {
        if !self.claimed.insert(pod.metadata.uid.clone()) {
            return;
        }
        for s in &mut self.active {
            s.removed(pod, pos);
        }
        if let Some(groups) = &mut self.groups
            && has_pod_affinity(pod)
        {
            remove_from_groups(Rc::make_mut(groups).as_mut_slice(), pos, pod);
        }
    }

    /// Counts `pod`, just bound to the node at `pos`.
    pub fn bound(&mut self, pod: &Pod, pos: usize) {
        for s in &mut self.active {
            s.bound(pod, pos);
        }
        if let Some(groups) = &mut self.groups
            && has_pod_affinity(pod)
        {
            add_to_groups(Rc::make_mut(groups), pos, pod);
        }
    }
}

/// Whether any of `nodes` has the zone label.
pub(crate) fn any_zone(nodes: &[&Node]) -> bool {
    nodes
        .iter()
        .any(|n| n.metadata.labels.contains_key(LABEL_ZONE))
}

impl ClusterSnapshot<'_> {
    /// [`super::snapshot::count_selected`], reading only the pods of `namespace` (the store's
    /// index) rather than every pod on every node: an explanation outside a
    /// pass counts without kept tallies, and a big cluster's other namespaces
    /// hold most of its pods.
    fn count_in_namespace(&self, namespace: &str, selector: &LabelSelector) -> Vec<i64> {
        // Each of the namespace's pods costs a search among the nodes; reading
        // every node's pods costs the nodes and all their pods. When most pods
        // are in the namespace, the second is cheaper.
        let search = (usize::BITS - self.nodes.len().leading_zeros()) as usize + 1;
        if self.pods.namespace_len(namespace).saturating_mul(search)
            >= self.pods.len() + self.nodes.len()
        {
            return super::snapshot::count_selected(self, namespace, selector);
        }
        let mut counts = vec![0; self.nodes.len()];
        for seq in self.pods.in_namespace(namespace) {
            let Some(pod) = self.pods.get_seq(seq) else {
                continue;
            };
            let node = pod.spec.node_name.as_str();
            if node.is_empty()
                || pod.is_terminating()
                || !self.counted(pod)
                || !selector.matches(&pod.metadata.labels)
            {
                continue;
            }
            if let Ok(pos) = self
                .nodes
                .binary_search_by(|n| n.metadata.name.as_str().cmp(node))
            {
                counts[pos] += 1;
            }
        }
        counts
    }

    /// Whether the scheduler's cache holds `pod`: not the one skipped, and not
    /// terminal (its informer leaves out Succeeded and Failed pods).
    fn counted(&self, pod: &Pod) -> bool {
        self.skip_uid.is_none_or(|uid| pod.metadata.uid != uid)
            && pod.status.phase != "Succeeded"
            && pod.status.phase != "Failed"
            && self.spreads.is_none_or(|pass| {
                let pass = pass.borrow();
                pass.claimed.is_empty() || !pass.claimed.contains(&pod.metadata.uid)
            })
    }
}

impl Snapshot for ClusterSnapshot<'_> {
    fn nodes(&self) -> &[&Node] {
        self.nodes
    }

    fn for_each_pod_on(&self, pos: usize, f: &mut dyn FnMut(&Pod)) {
        let Some(node) = self.nodes.get(pos) else {
            return;
        };
        for seq in self.pods.on_node(&node.metadata.name) {
            if let Some(pod) = self.pods.get_seq(seq)
                && self.counted(pod)
            {
                f(pod);
            }
        }
    }

    fn pods_on(&self, pos: usize) -> Vec<&Pod> {
        let Some(node) = self.nodes.get(pos) else {
            return Vec::new();
        };
        self.pods
            .on_node(&node.metadata.name)
            .filter_map(|seq| self.pods.get_seq(seq))
            .filter(|pod| self.counted(pod))
            .collect()
    }

    fn for_each_pod_with_affinity(&self, f: &mut dyn FnMut(usize, &Pod)) {
        for seq in self.pods.with_affinity() {
            let Some(pod) = self.pods.get_seq(seq) else {
                continue;
            };
            let name = pod.spec.node_name.as_str();
            if let Ok(pos) = self
                .nodes
                .binary_search_by(|n| n.metadata.name.as_str().cmp(name))
                && self.counted(pod)
            {
                f(pos, pod);
            }
        }
    }

    fn for_each_terminating(&self, f: &mut dyn FnMut(usize, &Pod)) {
        // Terminating bound pods are their kubelets' work until they are gone.
        for seq in self.pods.kubelet_work() {
            let Some(pod) = self.pods.get_seq(seq) else {
                continue;
            };
            if !pod.is_terminating() || !self.counted(pod) {
                continue;
            }
            let name = pod.spec.node_name.as_str();
            if let Ok(pos) = self
                .nodes
                .binary_search_by(|n| n.metadata.name.as_str().cmp(name))
            {
                f(pos, pod);
            }
        }
    }

    fn affinity_groups(&self) -> Rc<Vec<AffinityGroup>> {
        let Some(pass) = self.spreads else {
            return Rc::new(group_pods(self));
        };
        if let Some(groups) = &pass.borrow().groups {
            return Rc::clone(groups);
        }
        let groups = Rc::new(group_pods(self));
        pass.borrow_mut().groups = Some(Rc::clone(&groups));
        groups
    }

    fn domains(&self, key: &str) -> Rc<Domains> {
        let Some(pass) = self.spreads else {
            return Rc::new(Domains::of(self.nodes, key));
        };
        if let Some((_, known)) = pass.borrow().domains.iter().find(|(k, _)| k == key) {
            return Rc::clone(known);
        }
        let domains = Rc::new(Domains::of(self.nodes, key));
        pass.borrow_mut()
            .domains
            .push((key.to_string(), Rc::clone(&domains)));
        domains
    }

    fn namespace_labels(&self, name: &str) -> BTreeMap<String, String> {
        let mut labels = self.namespace_labels.get(name).cloned().unwrap_or_default();
        labels.insert("kubernetes.io/metadata.name".to_string(), name.to_string());
        labels
    }

    fn namespaces(&self) -> &[String] {
        self.namespaces
    }

    fn has_zones(&self) -> bool {
        self.has_zones
    }

    fn selector_counts(&self, namespace: &str, selector: &LabelSelector) -> Rc<Vec<i64>> {
        let Some(cell) = self.spreads else {
            return Rc::new(self.count_in_namespace(namespace, selector));
        };
        let same = |s: &Spread| s.namespace == namespace && s.selector == *selector;
        {
            let mut pass = cell.borrow_mut();
            if let Some(known) = pass.active.iter().find(|s| same(s)) {
                return Rc::clone(&known.counts);
            }
            if let Some(at) = pass.kept.iter().position(same) {
                let spread = pass.kept.swap_remove(at);
                let counts = Rc::clone(&spread.counts);
                pass.active.push(spread);
                return counts;
            }
        }
        // Counted with the pass released: counting reads which pods it claimed.
        let counts = Rc::new(self.count_in_namespace(namespace, selector));
        cell.borrow_mut().active.push(Spread {
            namespace: namespace.to_string(),
            selector: selector.clone(),
            counts: Rc::clone(&counts),
        });
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::snapshot::count_selected;

    /// Reading a namespace's pods through the store's index counts what
    /// reading every node's pods counts, whichever way is taken.
    #[test]
    fn counting_through_the_namespace_index_counts_the_same() {
        let mut cluster = crate::Cluster::empty(crate::KubeVersion::NEWEST);
        cluster
            .import_state(include_str!("../../tests/fixtures/cluster_state.yaml"))
            .expect("imports");
        cluster.delete_pod("shop", "web-7c5b9d6f84-q4v9s");
        let nodes: Vec<&Node> = cluster.nodes().collect();
        let snapshot =
            cluster.snapshot(&nodes, Some("af6d4021-b2d9-4184-87f1-cd1260844b0b"), false);
        let selector = |labels: &[(&str, &str)]| LabelSelector {
            match_labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..LabelSelector::default()
        };
        for namespace in ["shop", "logging", "default", "none"] {
            for labels in [&[("app", "web")][..], &[("app", "log-agent")], &[]] {
                let selector = selector(labels);
                assert_eq!(
                    snapshot.count_in_namespace(namespace, &selector),
                    count_selected(&snapshot, namespace, &selector),
                    "{namespace} {labels:?}"
                );
            }
        }
        // The shop's pods: one skipped, one terminating, and the replacement
        // its ReplicaSet made for it, on kind-worker, the one counted.
        assert_eq!(
            snapshot.count_in_namespace("shop", &selector(&[("app", "web")])),
            [0, 1, 0]
        );
    }
}
