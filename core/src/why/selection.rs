//! Which part of a pod's node selection a node misses: the `nodeSelector` label or
//! the required node-affinity terms (the rules of
//! `component-helpers/scheduling/corev1/nodeaffinity: GetRequiredNodeAffinity(pod).Match(node)`,
//! which [`required_node_affinity_matches`] models).

use crate::api::{Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec};
use crate::scheduler::node_affinity::{required_node_affinity_matches, required_terms};

/// The part of a pod's node selection that a node does not satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionMiss {
    /// The first `nodeSelector` entry the node's labels lack.
    Label {
        /// The label key.
        key: String,
        /// The value the pod asks for.
        value: String,
        /// The node's value for that key, if it has the label.
        found: Option<String>,
    },
    /// No required node-affinity term matches; the usable terms, each written as
    /// its requirements (`metadata.name In [worker]`), ANDed with `, `. Empty when
    /// there is no usable term, which matches no node.
    Terms(Vec<String>),
}

/// One requirement as it reads in YAML: `key Operator [values]`.
fn requirement_text(r: &NodeSelectorRequirement) -> String {
    if r.values.is_empty() {
        format!("{} {}", r.key, r.operator)
    } else {
        format!("{} {} [{}]", r.key, r.operator, r.values.join(", "))
    }
}

/// A term's requirements, label expressions first, then fields.
fn term_text(term: &NodeSelectorTerm) -> String {
    term.match_expressions
        .iter()
        .chain(&term.match_fields)
        .map(requirement_text)
        .collect::<Vec<_>>()
        .join(", ")
}

/// What `node` misses of `spec`'s node selection; `None` when it matches.
pub fn selection_miss(spec: &PodSpec, node: &Node) -> Option<SelectionMiss> {
    if required_node_affinity_matches(spec, node) {
        return None;
    }
    let labels = &node.metadata.labels;
    // `nodeSelector` is checked first, and its entries in key order.
    if let Some((key, value)) = spec
        .node_selector
        .iter()
        .find(|(k, v)| labels.get(*k) != Some(*v))
    {
        return Some(SelectionMiss::Label {
            key: key.clone(),
            value: value.clone(),
            found: labels.get(key).cloned(),
        });
    }
    let terms = required_terms(spec).unwrap_or_default();
    Some(SelectionMiss::Terms(
        terms
            .iter()
            .filter(|t| !t.match_expressions.is_empty() || !t.match_fields.is_empty())
            .map(term_text)
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cluster;
    use crate::api::{Affinity, NodeAffinity, NodeSelector};

    fn spec_with_terms(terms: Vec<NodeSelectorTerm>) -> PodSpec {
        PodSpec {
            affinity: Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                        node_selector_terms: terms,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn requirement(key: &str, operator: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: operator.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn worker() -> Node {
        Cluster::tutorial()
            .node("worker")
            .cloned()
            .expect("the tutorial has a worker")
    }

    #[test]
    fn a_missing_selector_label_is_named() {
        let mut spec = PodSpec::default();
        spec.node_selector
            .insert("node-role.kubernetes.io/master".into(), String::new());
        assert_eq!(
            selection_miss(&spec, &worker()),
            Some(SelectionMiss::Label {
                key: "node-role.kubernetes.io/master".into(),
                value: String::new(),
                found: None,
            })
        );
    }

    #[test]
    fn a_label_with_another_value_is_shown_with_it() {
        let mut spec = PodSpec::default();
        spec.node_selector
            .insert("kubernetes.io/hostname".into(), "master".into());
        assert_eq!(
            selection_miss(&spec, &worker()),
            Some(SelectionMiss::Label {
                key: "kubernetes.io/hostname".into(),
                value: "master".into(),
                found: Some("worker".into()),
            })
        );
    }

    #[test]
    fn unmatched_terms_are_written_out() {
        let spec = spec_with_terms(vec![
            NodeSelectorTerm {
                match_expressions: vec![requirement("disktype", "In", &["ssd", "nvme"])],
                match_fields: Vec::new(),
            },
            // An empty term is skipped by the matcher, and so here.
            NodeSelectorTerm::default(),
            NodeSelectorTerm {
                match_expressions: vec![requirement("gpu", "Exists", &[])],
                match_fields: vec![requirement("metadata.name", "In", &["master"])],
            },
        ]);
        assert_eq!(
            selection_miss(&spec, &worker()),
            Some(SelectionMiss::Terms(vec![
                "disktype In [ssd, nvme]".into(),
                "gpu Exists, metadata.name In [master]".into(),
            ]))
        );
    }

    #[test]
    fn an_empty_term_list_matches_nothing() {
        assert_eq!(
            selection_miss(&spec_with_terms(Vec::new()), &worker()),
            Some(SelectionMiss::Terms(Vec::new()))
        );
    }

    #[test]
    fn a_matching_node_misses_nothing() {
        let spec = spec_with_terms(vec![NodeSelectorTerm {
            match_expressions: Vec::new(),
            match_fields: vec![requirement("metadata.name", "In", &["worker"])],
        }]);
        assert_eq!(selection_miss(&spec, &worker()), None);
        assert_eq!(selection_miss(&PodSpec::default(), &worker()), None);
    }
}
