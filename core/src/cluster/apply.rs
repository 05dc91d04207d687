//! `kubectl apply` semantics: create or update each object by kind, namespace and name.

use super::{Cluster, key, namespaced};
use crate::api::{DaemonSet, Deployment, LabelSelector, Node, Pod, ReplicaSet};
use crate::decode::Object;

/// A field path and upstream's message for an update the API server refuses.
type Refusal = (String, String);

/// `created`, `configured` or `unchanged`, as kubectl prints it.
fn outcome(before: Option<bool>) -> &'static str {
    match before {
        None => "created",
        Some(true) => "unchanged",
        Some(false) => "configured",
    }
}

impl Cluster {
    /// Creates or updates one object; returns kubectl's line or a field error.
    pub(super) fn apply_object(&mut self, object: &Object) -> Result<String, Refusal> {
        match object {
            Object::Node(node) => Ok(self.apply_node(node)),
            Object::DaemonSet(ds) => self.apply_daemon_set(ds),
            Object::Deployment(d) => self.apply_deployment(d),
            Object::ReplicaSet(rs) => self.apply_replica_set(rs),
            Object::Pod(pod) => self.apply_pod(pod),
        }
    }

    fn apply_node(&mut self, node: &Node) -> String {
        let name = node.metadata.name.clone();
        let unchanged = match self.nodes.get_mut(&name) {
            Some(record) => {
                let existing = &mut record.node;
                let before = existing.clone();
                existing.metadata.labels = node.metadata.labels.clone();
                existing.metadata.annotations = node.metadata.annotations.clone();
                existing.spec = node.spec.clone();
                Some(*existing == before)
            }
            None => {
                self.add_node(node.clone());
                None
            }
        };
        format!("node/{name} {}", outcome(unchanged))
    }

    fn apply_daemon_set(&mut self, ds: &DaemonSet) -> Result<String, Refusal> {
        let mut ds = ds.clone();
        ds.metadata.namespace = namespaced(&ds.metadata.namespace);
        let name = ds.metadata.name.clone();
        let k = key(&ds.metadata.namespace, &name);
        let unchanged = match self.daemon_sets.get_mut(&k) {
            Some(existing) => {
                immutable_selector(
                    "DaemonSet",
                    &name,
                    &existing.spec.selector,
                    &ds.spec.selector,
                )?;
                let before = existing.clone();
                existing.metadata.labels = ds.metadata.labels;
                existing.metadata.annotations = ds.metadata.annotations;
                if existing.spec != ds.spec {
                    existing.spec = ds.spec;
                    existing.metadata.generation += 1;
                }
                Some(*existing == before)
            }
            None => {
                ds.metadata.uid = self.names.uid();
                ds.metadata.created = self.now;
                ds.metadata.generation = 1;
                self.daemon_sets.insert(k, ds);
                None
            }
        };
        Ok(format!("daemonset.apps/{name} {}", outcome(unchanged)))
    }

    fn apply_deployment(&mut self, d: &Deployment) -> Result<String, Refusal> {
        let mut d = d.clone();
        d.metadata.namespace = namespaced(&d.metadata.namespace);
        let name = d.metadata.name.clone();
        let k = key(&d.metadata.namespace, &name);
        let unchanged = match self.deployments.get_mut(&k) {
            Some(existing) => {
                immutable_selector(
                    "Deployment",
                    &name,
                    &existing.spec.selector,
                    &d.spec.selector,
                )?;
                let before = existing.clone();
                existing.metadata.labels = d.metadata.labels;
                existing.metadata.annotations = d.metadata.annotations;
                if existing.spec != d.spec {
                    existing.spec = d.spec;
                    existing.metadata.generation += 1;
                }
                Some(*existing == before)
            }
            None => {
                d.metadata.uid = self.names.uid();
                d.metadata.created = self.now;
                d.metadata.generation = 1;
                self.deployments.insert(k, d);
                None
            }
        };
        Ok(format!("deployment.apps/{name} {}", outcome(unchanged)))
    }

    fn apply_replica_set(&mut self, rs: &ReplicaSet) -> Result<String, Refusal> {
        let mut rs = rs.clone();
        rs.metadata.namespace = namespaced(&rs.metadata.namespace);
        let name = rs.metadata.name.clone();
        let k = key(&rs.metadata.namespace, &name);
        let unchanged = match self.replica_sets.get_mut(&k) {
            Some(existing) => {
                let before = existing.clone();
                existing.metadata.labels = rs.metadata.labels;
                existing.metadata.annotations = rs.metadata.annotations;
                existing.spec = rs.spec;
                Some(*existing == before)
            }
            None => {
                rs.metadata.uid = self.names.uid();
                rs.metadata.created = self.now;
                self.replica_sets.insert(k, rs);
                None
            }
        };
        Ok(format!("replicaset.apps/{name} {}", outcome(unchanged)))
    }

    fn apply_pod(&mut self, pod: &Pod) -> Result<String, Refusal> {
        let mut pod = pod.clone();
        pod.metadata.namespace = namespaced(&pod.metadata.namespace);
        let name = pod.metadata.name.clone();
        let k = key(&pod.metadata.namespace, &name);
        let Some(existing) = self.pods.get_mut(&k) else {
            self.create_pod(pod);
            return Ok(format!("pod/{name} created"));
        };
        let mut wanted = pod.spec.clone();
        if wanted.node_name.is_empty() {
            wanted.node_name = existing.spec.node_name.clone();
        }
        // Admission added default tolerations on create; an apply that omits them
        // keeps them, as a three-way merge would.
        for t in &existing.spec.tolerations {
            if t.toleration_seconds == Some(300) && !wanted.tolerations.contains(t) {
                wanted.tolerations.push(t.clone());
            }
        }
        // Models `ValidatePodUpdate`: among the fields modelled here, only additions
        // to tolerations may change.
        let mut without_tolerations = wanted.clone();
        without_tolerations.tolerations = existing.spec.tolerations.clone();
        let only_added = existing
            .spec
            .tolerations
            .iter()
            .all(|t| wanted.tolerations.contains(t));
        if wanted == existing.spec {
            return Ok(format!("pod/{name} unchanged"));
        }
        if without_tolerations == existing.spec && only_added {
            existing.spec.tolerations = wanted.tolerations;
            return Ok(format!("pod/{name} configured"));
        }
        Err((
            "spec".to_string(),
            format!(
                "The Pod {name:?} is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
            ),
        ))
    }
}

/// Models `ValidateImmutableField` for `spec.selector`.
fn immutable_selector(
    kind: &str,
    name: &str,
    old: &Option<LabelSelector>,
    new: &Option<LabelSelector>,
) -> Result<(), Refusal> {
    if old == new {
        return Ok(());
    }
    Err((
        "spec.selector".to_string(),
        format!(
            "The {kind} {name:?} is invalid: spec.selector: Invalid value: {}: field is immutable",
            go_label_selector(new.as_ref())
        ),
    ))
}

/// Go's `%#v` of a `*metav1.LabelSelector`, as the immutability error prints it.
fn go_label_selector(selector: Option<&LabelSelector>) -> String {
    let Some(selector) = selector else {
        return "(*v1.LabelSelector)(nil)".to_string();
    };
    let labels: Vec<String> = selector
        .match_labels
        .iter()
        .map(|(k, v)| format!("{k:?}:{v:?}"))
        .collect();
    let labels = if selector.match_labels.is_empty() {
        "map[string]string(nil)".to_string()
    } else {
        format!("map[string]string{{{}}}", labels.join(", "))
    };
    let expressions = if selector.match_expressions.is_empty() {
        "[]v1.LabelSelectorRequirement(nil)".to_string()
    } else {
        let items: Vec<String> = selector
            .match_expressions
            .iter()
            .map(|r| {
                let values: Vec<String> = r.values.iter().map(|v| format!("{v:?}")).collect();
                format!(
                    "v1.LabelSelectorRequirement{{Key:{:?}, Operator:{:?}, Values:[]string{{{}}}}}",
                    r.key,
                    r.operator,
                    values.join(", ")
                )
            })
            .collect();
        format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
    };
    format!("&v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{expressions}}}")
}
