//! The objects of the scenario, as manifests to apply on the real cluster.

use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_kubectl::{encode, resource};

/// The namespaces every cluster has.
const BUILT_IN_NAMESPACES: [&str; 4] = ["default", "kube-node-lease", "kube-public", "kube-system"];

/// The objects to apply, in an order `kubectl apply` accepts (namespaces first),
/// and the names of those whose pod spec was renamed.
pub(super) fn manifests(
    cluster: &Cluster,
    names: &BTreeMap<String, String>,
) -> (Vec<Value>, Vec<String>) {
    let mut objects = Vec::new();
    for namespace in cluster.namespaces() {
        if BUILT_IN_NAMESPACES.contains(&namespace.as_str()) {
            continue;
        }
        objects.push(
            cluster
                .applied_config("Namespace", "", namespace)
                .cloned()
                .unwrap_or_else(|| {
                    let mut meta = Mapping::new();
                    meta.insert("name".into(), namespace.as_str().into());
                    let mut m = Mapping::new();
                    m.insert("apiVersion".into(), "v1".into());
                    m.insert("kind".into(), "Namespace".into());
                    m.insert("metadata".into(), Value::Mapping(meta));
                    Value::Mapping(m)
                }),
        );
    }
    for other in cluster.other_objects() {
        let namespace = match other.metadata.namespace.as_str() {
            "" => "default",
            ns => ns,
        };
        if let Some(v) = cluster.applied_config(&other.kind, namespace, &other.metadata.name) {
            objects.push(v.clone());
        }
    }
    // PriorityClasses before the pods that name them (the system ones are
    // every cluster's), and the disruption budgets, as they were applied.
    for class in cluster.priority_classes() {
        if let Some(v) = cluster.applied_config("PriorityClass", "", &class.metadata.name)
            && !class.metadata.name.starts_with("system-")
        {
            objects.push(v.clone());
        }
    }
    for pdb in cluster.disruption_budgets() {
        if let Some(v) = cluster.applied_config(
            "PodDisruptionBudget",
            &pdb.metadata.namespace,
            &pdb.metadata.name,
        ) {
            objects.push(v.clone());
        }
    }
    let mut workloads: Vec<(&str, &taintlab_core::api::ObjectMeta, Option<i32>)> = Vec::new();
    workloads.extend(
        cluster
            .replica_sets()
            .filter(|r| r.metadata.controller_of().is_none())
            .map(|r| ("ReplicaSet", &r.metadata, r.spec.replicas)),
    );
    workloads.extend(
        cluster
            .daemon_sets()
            .map(|d| ("DaemonSet", &d.metadata, None)),
    );
    workloads.extend(
        cluster
            .deployments()
            .map(|d| ("Deployment", &d.metadata, d.spec.replicas)),
    );
    workloads.extend(
        cluster
            .pods()
            .filter(|p| {
                p.metadata.controller_of().is_none()
                    && !p.is_mirror()
                    && p.metadata.deleted.is_none()
            })
            .map(|p| ("Pod", &p.metadata, None)),
    );
    let mut renamed = Vec::new();
    for (kind, meta, replicas) in workloads {
        let namespace = if meta.namespace.is_empty() {
            "default"
        } else {
            meta.namespace.as_str()
        };
        let mut object = match cluster.applied_config(kind, namespace, &meta.name) {
            Some(applied) => applied.clone(),
            None => match live(cluster, kind, namespace, &meta.name) {
                Some(v) => v,
                None => continue,
            },
        };
        // `kubectl scale` changes the live count, not what was applied.
        if let (Some(n), Some(spec)) = (
            replicas,
            object.get_mut("spec").and_then(Value::as_mapping_mut),
        ) {
            spec.insert("replicas".into(), Value::from(n));
        }
        if rename_nodes(&mut object, kind, names) {
            renamed.push(format!("{}/{}", kind.to_ascii_lowercase(), meta.name));
        }
        objects.push(object);
    }
    (objects, renamed)
}

/// An object made by a command, as a manifest: its live state without what the
/// server filled in (status, uid, timestamps, the scheduler's `nodeName`).
fn live(cluster: &Cluster, kind: &str, namespace: &str, name: &str) -> Option<Value> {
    let mut v = encode::object(cluster, resource::of_kind(kind)?, namespace, name)?;
    let m = v.as_mapping_mut()?;
    m.swap_remove("status");
    if let Some(meta) = m.get_mut("metadata").and_then(Value::as_mapping_mut) {
        meta.retain(|k, _| {
            matches!(
                k.as_str(),
                Some("name" | "namespace" | "labels" | "annotations")
            )
        });
        if let Some(annotations) = meta.get_mut("annotations").and_then(Value::as_mapping_mut) {
            annotations.retain(|k, _| {
                !matches!(
                    k.as_str(),
                    Some(
                        "deployment.kubernetes.io/revision"
                            | "deprecated.daemonset.template.generation"
                            | "kubectl.kubernetes.io/last-applied-configuration"
                    )
                )
            });
            if annotations.is_empty() {
                meta.swap_remove("annotations");
            }
        }
    }
    if let Some(spec) = m.get_mut("spec").and_then(Value::as_mapping_mut) {
        if kind == "Pod" {
            spec.swap_remove("nodeName");
        }
        if let Some(template_meta) = spec
            .get_mut("template")
            .and_then(|t| t.get_mut("metadata"))
            .and_then(Value::as_mapping_mut)
        {
            template_meta.swap_remove("creationTimestamp");
        }
    }
    Some(v)
}

/// Rewrites simulated node names to kind's in the object's pod spec; whether
/// anything changed.
fn rename_nodes(object: &mut Value, kind: &str, names: &BTreeMap<String, String>) -> bool {
    let spec = match kind {
        "Pod" => object.get_mut("spec"),
        _ => object
            .get_mut("spec")
            .and_then(|s| s.get_mut("template"))
            .and_then(|t| t.get_mut("spec")),
    };
    let Some(spec) = spec else {
        return false;
    };
    let mut changed = false;
    if let Some(v) = spec.get_mut("nodeName") {
        rename(v, names, &mut changed);
    }
    if let Some(v) = spec
        .get_mut("nodeSelector")
        .and_then(|s| s.get_mut("kubernetes.io/hostname"))
    {
        rename(v, names, &mut changed);
    }
    let Some(affinity) = spec
        .get_mut("affinity")
        .and_then(|a| a.get_mut("nodeAffinity"))
    else {
        return changed;
    };
    if let Some(terms) = affinity
        .get_mut("requiredDuringSchedulingIgnoredDuringExecution")
        .and_then(|r| r.get_mut("nodeSelectorTerms"))
        .and_then(Value::as_sequence_mut)
    {
        for term in terms {
            rename_term(term, names, &mut changed);
        }
    }
    if let Some(weighted) = affinity
        .get_mut("preferredDuringSchedulingIgnoredDuringExecution")
        .and_then(Value::as_sequence_mut)
    {
        for term in weighted.iter_mut().filter_map(|w| w.get_mut("preference")) {
            rename_term(term, names, &mut changed);
        }
    }
    changed
}

/// A node selector term's requirements on the node's name.
fn rename_term(term: &mut Value, names: &BTreeMap<String, String>, changed: &mut bool) {
    for (list, key) in [
        ("matchExpressions", "kubernetes.io/hostname"),
        ("matchFields", "metadata.name"),
    ] {
        let requirements = term.get_mut(list).and_then(Value::as_sequence_mut);
        for requirement in requirements.into_iter().flatten() {
            if requirement.get("key").and_then(Value::as_str) != Some(key) {
                continue;
            }
            let values = requirement
                .get_mut("values")
                .and_then(Value::as_sequence_mut);
            for v in values.into_iter().flatten() {
                rename(v, names, changed);
            }
        }
    }
}

fn rename(v: &mut Value, names: &BTreeMap<String, String>, changed: &mut bool) {
    if let Some(new) = v.as_str().and_then(|s| names.get(s))
        && v.as_str() != Some(new.as_str())
    {
        *v = Value::from(new.as_str());
        *changed = true;
    }
}
