//! A [`Snapshot`] built from plain lists, for the plugins' tests (upstream's
//! `cache.NewSnapshot(existingPods, nodes)`).

use super::affinity_term::has_pod_affinity;
use super::snapshot::Snapshot;
use crate::api::Node;
use crate::api::Pod;
use std::collections::BTreeMap;

/// Nodes and the pods bound to them.
pub struct TestSnapshot {
    /// The nodes, in the order given (leaked: a test's snapshot lives as long
    /// as the test, and the plugins want a slice of references).
    pub nodes: Vec<&'static Node>,
    pods: Vec<Pod>,
    namespaces: Vec<String>,
    /// Labels of namespaces, by name.
    pub namespace_labels: BTreeMap<String, BTreeMap<String, String>>,
}

/// `st.MakeNode().Name(name).Label(k, v)...`.
pub fn node(name: &str, labels: &[(&str, &str)]) -> Node {
    let mut n = Node::default();
    n.metadata.name = name.to_string();
    for (k, v) in labels {
        n.metadata.labels.insert(k.to_string(), v.to_string());
    }
    n
}

/// `st.MakePod().Name(name).Node(node).Label(key, "")...` in `default`.
pub fn pod(name: &str, node: &str, labels: &[&str]) -> Pod {
    let mut p = Pod::default();
    p.metadata.name = name.to_string();
    p.metadata.namespace = "default".to_string();
    p.metadata.uid = format!("uid-{name}");
    p.spec.node_name = node.to_string();
    for key in labels {
        p.metadata.labels.insert(key.to_string(), String::new());
    }
    p
}

impl TestSnapshot {
    /// A snapshot of `nodes` running `pods`.
    pub fn new(nodes: Vec<Node>, pods: Vec<Pod>) -> TestSnapshot {
        let mut namespaces: Vec<String> =
            pods.iter().map(|p| p.metadata.namespace.clone()).collect();
        namespaces.push("default".to_string());
        namespaces.sort();
        namespaces.dedup();
        let nodes: &'static [Node] = Vec::leak(nodes);
        TestSnapshot {
            nodes: nodes.iter().collect(),
            pods,
            namespaces,
            namespace_labels: BTreeMap::new(),
        }
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.metadata.name == name)
    }
}

impl Snapshot for TestSnapshot {
    fn nodes(&self) -> &[&Node] {
        &self.nodes
    }

    fn for_each_pod_on(&self, pos: usize, f: &mut dyn FnMut(&Pod)) {
        let Some(node) = self.nodes.get(pos) else {
            return;
        };
        for p in self
            .pods
            .iter()
            .filter(|p| p.spec.node_name == node.metadata.name)
        {
            f(p);
        }
    }

    fn pods_on(&self, pos: usize) -> Vec<&Pod> {
        let Some(node) = self.nodes.get(pos) else {
            return Vec::new();
        };
        self.pods
            .iter()
            .filter(|p| p.spec.node_name == node.metadata.name)
            .collect()
    }

    fn for_each_pod_with_affinity(&self, f: &mut dyn FnMut(usize, &Pod)) {
        for p in self.pods.iter().filter(|p| has_pod_affinity(p)) {
            if let Some(pos) = self.position(&p.spec.node_name) {
                f(pos, p);
            }
        }
    }

    fn namespace_labels(&self, name: &str) -> BTreeMap<String, String> {
        let mut labels = self.namespace_labels.get(name).cloned().unwrap_or_default();
        labels.insert("kubernetes.io/metadata.name".to_string(), name.to_string());
        labels
    }

    fn namespaces(&self) -> &[String] {
        &self.namespaces
    }

    fn for_each_terminating(&self, f: &mut dyn FnMut(usize, &Pod)) {
        for p in self.pods.iter().filter(|p| p.is_terminating()) {
            if let Some(pos) = self.position(&p.spec.node_name) {
                f(pos, p);
            }
        }
    }

    fn affinity_groups(
        &self,
    ) -> std::rc::Rc<Vec<super::inter_pod_affinity::counting::AffinityGroup>> {
        std::rc::Rc::new(super::inter_pod_affinity::counting::group_pods(self))
    }

    fn domains(&self, key: &str) -> std::rc::Rc<super::snapshot::Domains> {
        std::rc::Rc::new(super::snapshot::Domains::of(&self.nodes, key))
    }

    fn selector_counts(
        &self,
        namespace: &str,
        selector: &crate::api::LabelSelector,
    ) -> std::rc::Rc<Vec<i64>> {
        std::rc::Rc::new(super::snapshot::count_selected(self, namespace, selector))
    }

    fn has_zones(&self) -> bool {
        self.nodes.iter().any(|n| {
            n.metadata
                .labels
                .contains_key(super::pod_topology_spread::LABEL_ZONE)
        })
    }
}
