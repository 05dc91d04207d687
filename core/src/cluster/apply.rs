//! `kubectl apply` semantics: create or update each object by kind, namespace and name.

use super::{Cluster, key, namespaced};
use crate::api::{DaemonSet, Deployment, LabelSelector, Node, ObjectMeta, Pod, ReplicaSet};
use crate::clock::Time;
use crate::decode::{Object, OtherObject};
use crate::names::NameGenerator;
use crate::sorted_map::SortedMap;
use serde_yaml::Value;

/// A field path and upstream's message for an update the API server refuses.
use crate::limits::Limit;

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
    pub(super) fn apply_object(&mut self, object: Object, raw: &Value) -> Result<String, Refusal> {
        let style = crate::api::field_value::ValueStyle::for_minor(self.version.minor);
        let namespace = match &object {
            Object::Pod(p) => Some(&p.metadata.namespace),
            Object::DaemonSet(d) => Some(&d.metadata.namespace),
            Object::Deployment(d) => Some(&d.metadata.namespace),
            Object::ReplicaSet(r) => Some(&r.metadata.namespace),
            Object::Other(o) => Some(&o.metadata.namespace),
            Object::PodDisruptionBudget(p) => Some(&p.metadata.namespace),
            Object::Node(_) | Object::Namespace(_) | Object::PriorityClass(_) => None,
        };
        if let Some(ns) = namespace.map(|n| namespaced(n))
            && self.namespaces.binary_search(&ns).is_err()
        {
            return Err((
                "metadata.namespace".to_string(),
                format!(
                    "namespaces {} not found",
                    crate::api::field_value::go_quote(&ns)
                ),
            ));
        }
        match object {
            Object::Namespace(meta) => {
                let labels = (!meta.labels.is_empty()).then(|| meta.labels.clone());
                let relabelled = self.namespace_labels.get(&meta.name) != labels.as_ref();
                match &labels {
                    Some(labels) => {
                        self.namespace_labels
                            .insert(meta.name.clone(), labels.clone());
                    }
                    None => drop(self.namespace_labels.remove(&meta.name)),
                }
                let outcome = match self.namespaces.binary_search(&meta.name) {
                    Ok(_) if relabelled => "configured",
                    Ok(_) => "unchanged",
                    Err(i) => {
                        self.namespaces.insert(i, meta.name.clone());
                        "created"
                    }
                };
                Ok(format!("namespace/{} {outcome}", meta.name))
            }
            Object::Node(node) => {
                if self.node(&node.metadata.name).is_none() && !self.room_for_node() {
                    return Err((
                        "metadata.name".to_string(),
                        format!(
                            "nodes {:?} is forbidden: {}",
                            node.metadata.name,
                            Limit::Nodes.en()
                        ),
                    ));
                }
                Ok(self.apply_node(&node))
            }
            Object::Other(other) => Ok(self.apply_other(&other, raw)),
            Object::PriorityClass(class) => self.apply_priority_class(&class),
            Object::PodDisruptionBudget(pdb) => Ok(self.apply_disruption_budget(pdb)),
            Object::DaemonSet(ds) => {
                apply_workload(&mut self.daemon_sets, &mut self.names, self.now, &ds, style)
            }
            Object::Deployment(d) => {
                apply_workload(&mut self.deployments, &mut self.names, self.now, &d, style)
            }
            Object::ReplicaSet(rs) => apply_workload(
                &mut self.replica_sets,
                &mut self.names,
                self.now,
                &rs,
                style,
            ),
            Object::Pod(pod) => self.apply_pod(pod),
        }
    }

    /// Stores an object of a kind taintlab does not simulate; it is listed, and its
    /// text is kept as applied.
    fn apply_other(&mut self, other: &OtherObject, raw: &Value) -> String {
        let namespace = namespaced(&other.metadata.namespace);
        let k = other_key(other);
        let outcome = match self.others.get(&k) {
            Some((_, existing)) if existing == raw => "unchanged",
            Some(_) => "configured",
            None => "created",
        };
        let mut stored = other.clone();
        stored.metadata.namespace = namespace;
        if outcome != "unchanged" {
            stored.metadata.resource_version = self.names.resource_version();
            self.others.insert(k, (stored, raw.clone()));
        }
        format!("{}/{} {outcome}", other.resource, other.metadata.name)
    }

    pub(super) fn apply_node(&mut self, node: &Node) -> String {
        let name = node.metadata.name.clone();
        let unchanged = match self.nodes.get_mut(name.as_str()) {
            Some(record) => {
                let existing = &mut record.node;
                let before = existing.clone();
                existing.metadata.labels = node.metadata.labels.clone();
                existing.metadata.annotations = node.metadata.annotations.clone();
                existing.spec = node.spec.clone();
                let unchanged = *existing == before;
                if before.spec.unschedulable != node.spec.unschedulable {
                    // Models the kubelet's `recordNodeSchedulableEvent`.
                    let reason = if node.spec.unschedulable {
                        "NodeNotSchedulable"
                    } else {
                        "NodeSchedulable"
                    };
                    self.events.record(
                        self.now,
                        crate::events::EventType::Normal,
                        crate::events::ObjectRef::new("Node", "", &name),
                        "kubelet",
                        reason,
                        format!("Node {name} status is now: {reason}"),
                    );
                }
                if !unchanged {
                    existing.metadata.resource_version = self.names.resource_version();
                }
                Some(unchanged)
            }
            None => {
                self.add_node(node.clone());
                None
            }
        };
        format!("node/{name} {}", outcome(unchanged))
    }

    fn apply_pod(&mut self, mut pod: Pod) -> Result<String, Refusal> {
        pod.metadata.namespace = namespaced(&pod.metadata.namespace);
        let name = pod.metadata.name.clone();
        let k = key(&pod.metadata.namespace, &name);
        let Some(mut existing) = self.pods.get_mut(&k) else {
            if !self.room_for_pod() {
                return Err((
                    "metadata.name".to_string(),
                    format!("pods {name:?} is forbidden: {}", Limit::Pods.en()),
                ));
            }
            if let Err(why) = self.admit_priority(&mut pod) {
                return Err((
                    "spec.priorityClassName".to_string(),
                    format!("pods {name:?} is forbidden: {why}"),
                ));
            }
            self.create_pod(pod);
            return Ok(format!("pod/{name} created"));
        };
        let mut wanted = pod.spec.clone();
        if wanted.node_name.is_empty() {
            wanted.node_name = existing.spec.node_name.clone();
        }
        // What the Priority admission plugin set on create stays unless given.
        super::priority::keep_admitted(&mut wanted, &existing.spec);
        // Admission added default tolerations on create; an apply that omits them
        // keeps them, as a three-way merge would.
        for t in &existing.spec.tolerations {
            if t.toleration_seconds == Some(300) && !wanted.tolerations.contains(t) {
                wanted.tolerations.push(t.clone());
            }
        }
        if wanted == existing.spec {
            return Ok(format!("pod/{name} unchanged"));
        }
        // Models `validateOnlyAddedTolerations`: every old toleration must still be
        // there, though its tolerationSeconds may change.
        let kept = existing.spec.tolerations.iter().all(|old| {
            wanted.tolerations.iter().any(|new| {
                let mut old = old.clone();
                old.toleration_seconds = new.toleration_seconds;
                old == *new
            })
        });
        if !kept {
            return Err((
                "spec.tolerations".to_string(),
                format!(
                    "The Pod {name:?} is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"
                ),
            ));
        }
        // Models `ValidatePodUpdate`: among the fields modelled here, only the
        // tolerations may change.
        let mut without_tolerations = wanted.clone();
        without_tolerations.tolerations = existing.spec.tolerations.clone();
        if without_tolerations == existing.spec {
            existing.spec.tolerations = wanted.tolerations;
            existing.metadata.resource_version = self.names.resource_version();
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

/// Where an object of a kind taintlab does not simulate is stored: `resource/namespace/name`.
pub(super) fn other_key(other: &OtherObject) -> String {
    let namespace = namespaced(&other.metadata.namespace);
    format!("{}/{namespace}/{}", other.resource, other.metadata.name)
}

/// What `apply` needs from an `apps/v1` workload.
trait Workload: Clone + PartialEq {
    /// The kind, as validation messages name it.
    const KIND: &'static str;
    /// The resource, as kubectl prints it (`daemonset.apps`).
    const RESOURCE: &'static str;
    /// `metadata`.
    fn meta(&mut self) -> &mut ObjectMeta;
    /// `spec.selector`.
    fn selector(&self) -> Option<&LabelSelector>;
    /// Takes `other`'s spec; returns whether it differed.
    fn take_spec(&mut self, other: Self) -> bool;
}

macro_rules! workload {
    ($type:ty, $kind:literal, $resource:literal) => {
        impl Workload for $type {
            const KIND: &'static str = $kind;
            const RESOURCE: &'static str = $resource;
            fn meta(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
            fn selector(&self) -> Option<&LabelSelector> {
                self.spec.selector.as_ref()
            }
            fn take_spec(&mut self, other: Self) -> bool {
                let changed = self.spec != other.spec;
                self.spec = other.spec;
                changed
            }
        }
    };
}

workload!(DaemonSet, "DaemonSet", "daemonset.apps");
workload!(Deployment, "Deployment", "deployment.apps");
workload!(ReplicaSet, "ReplicaSet", "replicaset.apps");

/// Creates or updates a workload: metadata labels and annotations follow the text,
/// a changed spec bumps `generation`, and `spec.selector` may not change.
fn apply_workload<T: Workload>(
    table: &mut SortedMap<String, T>,
    names: &mut NameGenerator,
    now: Time,
    object: &T,
    style: crate::api::field_value::ValueStyle,
) -> Result<String, Refusal> {
    let mut object = object.clone();
    let meta = object.meta();
    meta.namespace = namespaced(&meta.namespace);
    let name = meta.name.clone();
    let k = key(&meta.namespace, &name);
    let unchanged = match table.get_mut(&k) {
        Some(existing) => {
            immutable_selector(
                T::KIND,
                &name,
                existing.selector(),
                object.selector(),
                style,
            )?;
            let before = existing.clone();
            let meta = object.meta().clone();
            let target = existing.meta();
            target.labels = meta.labels;
            target.annotations = meta.annotations;
            if existing.take_spec(object) {
                existing.meta().generation += 1;
            }
            let unchanged = *existing == before;
            if !unchanged {
                existing.meta().resource_version = names.resource_version();
            }
            Some(unchanged)
        }
        None => {
            let meta = object.meta();
            meta.uid = names.uid();
            meta.created = now;
            meta.generation = 1;
            meta.resource_version = names.resource_version();
            table.insert(k, object);
            None
        }
    };
    Ok(format!("{}/{name} {}", T::RESOURCE, outcome(unchanged)))
}

/// Models `ValidateImmutableField` for `spec.selector`.
fn immutable_selector(
    kind: &str,
    name: &str,
    old: Option<&LabelSelector>,
    new: Option<&LabelSelector>,
    style: crate::api::field_value::ValueStyle,
) -> Result<(), Refusal> {
    if old == new {
        return Ok(());
    }
    Err((
        "spec.selector".to_string(),
        format!(
            "The {kind} {name:?} is invalid: spec.selector: Invalid value: {}: field is immutable",
            crate::api::field_value::label_selector(new, style)
        ),
    ))
}
