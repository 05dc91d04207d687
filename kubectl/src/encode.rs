//! Objects as the API server returns them, for `-o yaml`, `-o json` and
//! `-o jsonpath`: each simulated object as a full document (metadata, spec,
//! status), and the printers kubectl uses for them.
//!
//! kubectl reads objects as unstructured JSON (`kubectl get` builds its requests
//! with `Unstructured()`), so both printers write keys sorted: `-o json` in Go's
//! byte order (`encoding/json` sorts map keys), `-o yaml` in `yaml.v2`'s order
//! (`sorter.go: keyList.Less`). Several objects, or a listing, are wrapped as
//! `get.go: printGeneric` wraps them: `apiVersion: v1`, `items`, `kind: List`,
//! `metadata: {resourceVersion: ""}`.
//!
//! Pods, the objects of the big listings, are built as `node::Node`s (keys and
//! strings borrowed from the applied text and the typed pod), which `-o yaml` and
//! `-o json` write directly, one object at a time; every other user reads the
//! `Value` `Node::to_value` gives for the same tree, so the two cannot
//! drift (`tests.rs` checks that they print the same bytes for every kind).

pub(crate) mod json;
mod meta;
pub(crate) mod node;
mod objects;
mod pod;
mod policy;
pub(crate) mod yaml;

use crate::jsonpath;
use crate::lookup::Lookup;
use crate::resource::ResourceType;
use node::Node;
use serde_yaml::Value;
use taintlab_core::Cluster;

pub use jsonpath::Options as JsonPathOptions;
pub use objects::{event_name, event_namespace};

/// The object `namespace/name` of type `resource` as the API returns it, or `None`
/// when there is no such object. An empty namespace means `default` for
/// namespaced kinds; it is ignored for cluster-scoped ones. Events are named as
/// [`event_name`] names them.
pub fn object(
    cluster: &Cluster,
    resource: &ResourceType,
    namespace: &str,
    name: &str,
) -> Option<Value> {
    object_in(&Lookup::new(cluster), resource, namespace, name)
}

/// [`object`] with the lookups of a command that encodes many objects, built
/// once for all of them rather than once an object.
pub fn object_in(
    lookup: &Lookup<'_>,
    resource: &ResourceType,
    namespace: &str,
    name: &str,
) -> Option<Value> {
    let cluster = lookup.cluster();
    let namespace = if namespace.is_empty() {
        "default"
    } else {
        namespace
    };
    let in_ns = |meta: &taintlab_core::api::ObjectMeta| {
        let ns = if meta.namespace.is_empty() {
            "default"
        } else {
            meta.namespace.as_str()
        };
        ns == namespace && meta.name == name
    };
    match resource.kind {
        "Pod" => cluster.pod(namespace, name).map(|p| pod::pod(lookup, p)),
        "Node" => cluster.node(name).map(|n| objects::node(cluster, n)),
        "DaemonSet" => cluster
            .daemon_sets()
            .find(|d| in_ns(&d.metadata))
            .map(|d| objects::daemon_set(cluster, d)),
        "Deployment" => cluster
            .deployments()
            .find(|d| in_ns(&d.metadata))
            .map(|d| objects::deployment(cluster, d)),
        "ReplicaSet" => cluster
            .replica_sets()
            .find(|r| in_ns(&r.metadata))
            .map(|r| objects::replica_set(cluster, r)),
        "Namespace" => cluster
            .namespaces()
            .iter()
            .any(|n| n == name)
            .then(|| objects::namespace(cluster, name)),
        "PriorityClass" => cluster
            .priority_class(name)
            .map(|pc| policy::priority_class(cluster, pc)),
        "PodDisruptionBudget" => cluster
            .disruption_budgets()
            .find(|p| in_ns(&p.metadata))
            .map(|p| policy::pod_disruption_budget(cluster, p)),
        "Event" => cluster
            .events()
            .all()
            .iter()
            .find(|e| event_namespace(e) == namespace && event_name(e) == name)
            .map(|e| objects::event(cluster, e)),
        kind => cluster
            .other_objects()
            .find(|o| o.kind == kind && in_ns(&o.metadata))
            .and_then(|o| objects::other(cluster, o)),
    }
}

/// [`object_in`] as a [`Node`]: pods (the objects of the big listings) are not
/// built as `Value`s; the other kinds are.
pub(crate) fn object_node_in<'a>(
    lookup: &Lookup<'a>,
    resource: &ResourceType,
    namespace: &str,
    name: &str,
) -> Option<Node<'a>> {
    if resource.kind == "Pod" {
        let namespace = if namespace.is_empty() {
            "default"
        } else {
            namespace
        };
        let cluster = lookup.cluster();
        return cluster
            .pod(namespace, name)
            .map(|p| pod::pod_node(lookup, p));
    }
    object_in(lookup, resource, namespace, name).map(Node::value)
}

/// Every event in `namespace` (all namespaces when `None`) as the API returns it,
/// oldest first.
pub fn events(cluster: &Cluster, namespace: Option<&str>) -> Vec<Value> {
    cluster
        .events()
        .all()
        .iter()
        .filter(|e| namespace.is_none_or(|ns| event_namespace(e) == ns))
        .map(|e| objects::event(cluster, e))
        .collect()
}

/// What the printers print: one object as itself, otherwise a `kind: List`.
fn document(objects: &[Value], as_list: bool) -> Value {
    match objects {
        [one] if !as_list => one.clone(),
        _ => owned_document(objects.to_vec(), as_list),
    }
}

/// [`document`] taking the objects: a listing of thousands of objects is not
/// copied to be wrapped.
fn owned_document(mut objects: Vec<Value>, as_list: bool) -> Value {
    if !as_list
        && objects.len() == 1
        && let Some(one) = objects.pop()
    {
        return one;
    }
    meta::map([
        ("apiVersion", meta::s("v1")),
        ("items", Value::Sequence(objects)),
        ("kind", meta::s("List")),
        ("metadata", meta::map([("resourceVersion", meta::s(""))])),
    ])
}

/// `-o yaml`: one object as itself, several as a `kind: List`
/// (`printers.YAMLPrinter`, which is `sigs.k8s.io/yaml.Marshal`).
pub fn to_yaml(objects: &[Value], as_list: bool) -> String {
    yaml::marshal(&document(objects, as_list))
}

/// [`to_yaml`] taking the objects, which it does not copy. A listing is written
/// object by object as `objects` yields them, each dropped once written.
pub fn into_yaml(objects: impl IntoIterator<Item = Value>, as_list: bool) -> String {
    nodes_yaml(objects.into_iter().map(Node::value), as_list)
}

/// [`into_yaml`] over [`Node`]s: the objects are written without being built as
/// `Value`s.
pub(crate) fn nodes_yaml<'a>(objects: impl Iterator<Item = Node<'a>>, as_list: bool) -> String {
    let mut objects = objects;
    if as_list {
        return yaml::marshal_list(&mut objects);
    }
    let mut objects: Vec<Node<'a>> = objects.collect();
    match objects.pop() {
        Some(one) if objects.is_empty() => yaml::marshal_node(&one),
        last => {
            objects.extend(last);
            yaml::marshal_list(&mut objects.into_iter())
        }
    }
}

/// `-o json`: one object as itself, several as a `kind: List`, indented as kubectl
/// indents (four spaces; `printers.JSONPrinter`), ending in a newline.
pub fn to_json(objects: &[Value], as_list: bool) -> String {
    let mut text = json::marshal_indent(&document(objects, as_list));
    text.push('\n');
    text
}

/// [`to_json`] taking the objects: the `kind: List` around them is written as
/// text rather than built as a tree holding a copy of every object, and each
/// object is written as `objects` yields it and dropped once written.
pub fn into_json(objects: impl IntoIterator<Item = Value>, as_list: bool) -> String {
    nodes_json(objects.into_iter().map(Node::value), as_list)
}

/// [`into_json`] over [`Node`]s: the objects are written without being built as
/// `Value`s.
pub(crate) fn nodes_json<'a>(objects: impl Iterator<Item = Node<'a>>, as_list: bool) -> String {
    let mut objects = objects;
    let mut text = if as_list {
        json::list_indent(&mut objects)
    } else {
        let mut objects: Vec<Node<'a>> = objects.collect();
        match objects.pop() {
            Some(one) if objects.is_empty() => json::node_indent(&one),
            last => {
                objects.extend(last);
                json::list_indent(&mut objects.into_iter())
            }
        }
    };
    text.push('\n');
    text
}

/// `-o jsonpath=TEMPLATE` over the objects (a single object, or a List of them),
/// with kubectl's defaults (`--allow-missing-template-keys=true`). `Ok` is what
/// kubectl writes to standard output (no newline is added); `Err` is what it
/// writes to standard error, `error: …` with its trailing newlines.
pub fn jsonpath(template: &str, objects: &[Value], as_list: bool) -> Result<String, String> {
    jsonpath_with(template, objects, as_list, JsonPathOptions::default())
}

/// [`jsonpath`] with `--allow-missing-template-keys` and `-o jsonpath-as-json`.
pub fn jsonpath_with(
    template: &str,
    objects: &[Value],
    as_list: bool,
    options: JsonPathOptions,
) -> Result<String, String> {
    jsonpath::execute(template, &document(objects, as_list), options)
}

#[cfg(test)]
mod tests;
