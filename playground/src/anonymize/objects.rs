//! Kubernetes objects, rewritten field by field: what decides placement stays,
//! with every name in it replaced the same way everywhere (a selector and the
//! labels it selects, a pod's `nodeName` and its node, an owner reference and
//! its owner, a UID and the references to it); what does not decide placement
//! and may tell secrets is left out (`env`, `command`, volumes, annotations,
//! addresses, `managedFields`, a ConfigMap's or Secret's data). Timestamps
//! stay: an import places the simulated clock by them (ages, how much of a
//! `tolerationSeconds` has run), so without them the replay would differ.
//!
//! Only a text the API server takes is rewritten so (`super::session` checks);
//! the fields kept are the ones the simulation reads, so the rewritten text is
//! taken too and replays to the same placement.

use super::names::{Cat, Derived, Namer};
use serde_yaml::{Mapping, Value};

/// One YAML document: an object, or a `List` of them. `import`: the text of a
/// whole cluster's state, where kinds not simulated are dropped.
pub(crate) fn document(n: &mut impl Namer, doc: &Value, import: bool) -> Option<Value> {
    if doc.get("items").and_then(Value::as_sequence).is_none() {
        return object(n, doc, import);
    }
    Some(fields(doc, |key, value| match key {
        "apiVersion" | "kind" => Some(value.clone()),
        "items" => Some(Value::Sequence(
            value
                .as_sequence()?
                .iter()
                .filter_map(|item| object(n, item, import))
                .collect(),
        )),
        _ => None,
    }))
}

/// One object, by its kind.
fn object(n: &mut impl Namer, v: &Value, import: bool) -> Option<Value> {
    let kind = str_of(v, "kind");
    let simulated = matches!(
        kind,
        "Node"
            | "Pod"
            | "DaemonSet"
            | "Deployment"
            | "ReplicaSet"
            | "PodDisruptionBudget"
            | "PriorityClass"
            | "Namespace"
    );
    if !simulated && import {
        // A kind a whole cluster's state brings that the simulation does not
        // import: skipped by the import, so left out of its text.
        return None;
    }
    Some(fields(v, |key, value| match (kind, key) {
        (_, "apiVersion" | "kind") => Some(value.clone()),
        (_, "metadata") => Some(metadata(n, kind, value)),
        ("Node", "spec") => Some(node_spec(n, value)),
        ("Node", "status") => Some(node_status(value)),
        ("Pod", "spec") => Some(pod_spec(n, value)),
        ("Pod", "status") => Some(pod_status(n, value)),
        ("DaemonSet" | "Deployment" | "ReplicaSet", "spec") => Some(workload_spec(n, value)),
        ("PodDisruptionBudget", "spec") => Some(fields(value, |k, v| match k {
            "minAvailable" | "maxUnavailable" | "unhealthyPodEvictionPolicy" => Some(v.clone()),
            "selector" => Some(selector(n, v)),
            _ => None,
        })),
        ("PriorityClass", "value" | "globalDefault" | "preemptionPolicy") => Some(value.clone()),
        // Another kind (a Service, a ConfigMap): kept with the names in its
        // text replaced, but for a ConfigMap's or Secret's data.
        (_, "data" | "stringData" | "binaryData") => None,
        _ if !simulated => Some(text_values(n, value)),
        _ => None,
    }))
}

/// `metadata` of an object of `kind`: names, namespace, UID, labels, owners
/// and the annotations the simulation reads.
fn metadata(n: &mut impl Namer, kind: &str, meta: &Value) -> Value {
    let owners = meta.get("ownerReferences").and_then(Value::as_sequence);
    // The controlling owner, whose name a controller's object extends.
    let owner = owners.and_then(|list| {
        list.iter()
            .find(|o| o.get("controller").and_then(Value::as_bool) == Some(true))
            .or_else(|| list.first())
    });
    let owner = owner.map(|o| (str_of(o, "kind"), str_of(o, "name")));
    fields(meta, |key, value| match key {
        "name" => Some(object_name(n, kind, value.as_str()?, owner).into()),
        // A controller's prefix for its objects' names: its own name and `-`.
        "generateName" => {
            let (owner_kind, owner_name) = owner?;
            (value.as_str()?.strip_suffix('-') == Some(owner_name))
                .then(|| format!("{}-", n.name(Cat::of_kind(owner_kind), owner_name)).into())
        }
        "namespace" => Some(n.name(Cat::Namespace, value.as_str()?).into()),
        "uid" => Some(n.name(Cat::Uid, value.as_str()?).into()),
        "generation" | "creationTimestamp" | "deletionTimestamp" => Some(value.clone()),
        "labels" => Some(labels(n, value)),
        "annotations" => {
            let kept: Mapping = value
                .as_mapping()?
                .iter()
                .filter(|(k, _)| k.as_str().is_some_and(super::vocabulary::keeps_annotation))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            (!kept.is_empty()).then_some(Value::Mapping(kept))
        }
        "ownerReferences" => Some(each(value, |o| {
            let cat = Cat::of_kind(str_of(o, "kind"));
            fields(o, |k, v| match k {
                "apiVersion" | "kind" | "controller" | "blockOwnerDeletion" => Some(v.clone()),
                "name" => Some(n.name(cat, v.as_str()?).into()),
                "uid" => Some(n.name(Cat::Uid, v.as_str()?).into()),
                _ => None,
            })
        })),
        _ => None,
    })
}

/// An object's name: made of its owner's where a controller made it so
/// (`web-7c5b9d6f84` of `web`, `etcd-kind-control-plane` on its node).
fn object_name(n: &mut impl Namer, kind: &str, name: &str, owner: Option<(&str, &str)>) -> String {
    let cat = Cat::of_kind(kind);
    if let Some((owner_kind, owner_name)) = owner
        && !owner_name.is_empty()
        && matches!(kind, "Pod" | "ReplicaSet")
    {
        if owner_kind == "Node"
            && let Some(base) = name
                .strip_suffix(owner_name)
                .and_then(|b| b.strip_suffix('-'))
                .filter(|b| !b.is_empty())
        {
            n.name(Cat::Pod, base);
            n.name(Cat::Node, owner_name);
            let how = Derived::Suffix {
                base: base.to_string(),
                node: owner_name.to_string(),
            };
            return n.derived(name, how);
        }
        if name.len() > owner_name.len()
            && name.starts_with(owner_name)
            && name[owner_name.len()..].starts_with('-')
        {
            n.name(Cat::of_kind(owner_kind), owner_name);
            let how = Derived::Prefix {
                owner: owner_name.to_string(),
            };
            return n.derived(name, how);
        }
    }
    n.name(cat, name)
}

/// Labels (or a `nodeSelector`, a `matchLabels`): keys and values.
fn labels(n: &mut impl Namer, v: &Value) -> Value {
    let Some(map) = v.as_mapping() else {
        return v.clone();
    };
    let out = map
        .iter()
        .map(|(k, value)| match (k.as_str(), value.as_str()) {
            (Some(key), Some(text)) => (Value::from(n.key(key)), Value::from(n.value(key, text))),
            (Some(key), None) => (Value::from(n.key(key)), value.clone()),
            _ => (k.clone(), value.clone()),
        })
        .collect();
    Value::Mapping(out)
}

fn node_spec(n: &mut impl Namer, s: &Value) -> Value {
    fields(s, |key, value| match key {
        "unschedulable" => Some(value.clone()),
        "taints" => Some(taints(n, value)),
        _ => None,
    })
}

/// What a condition keeps: which, its state and its reason, and when it last
/// changed or was reported (the import's clock reads them).
const CONDITION: &[&str] = &[
    "type",
    "status",
    "reason",
    "lastTransitionTime",
    "lastHeartbeatTime",
];

/// What a node's status says that the import reads: its room, its kubelet's
/// version and whether it is ready.
fn node_status(s: &Value) -> Value {
    fields(s, |key, value| match key {
        "capacity" | "allocatable" | "phase" => Some(value.clone()),
        "conditions" => Some(each(value, |c| kept(c, CONDITION))),
        "nodeInfo" => Some(kept(
            value,
            &[
                "kubeletVersion",
                "kubeProxyVersion",
                "architecture",
                "operatingSystem",
            ],
        )),
        _ => None,
    })
}

/// A pod's spec: what scheduling, admission and the kubelet read.
fn pod_spec(n: &mut impl Namer, s: &Value) -> Value {
    fields(s, |key, value| match key {
        "restartPolicy"
        | "terminationGracePeriodSeconds"
        | "activeDeadlineSeconds"
        | "hostNetwork"
        | "schedulerName"
        | "priority"
        | "preemptionPolicy"
        | "overhead"
        | "os"
        | "resources" => Some(value.clone()),
        "initContainers" | "containers" | "ephemeralContainers" => {
            Some(each(value, |c| container(n, c)))
        }
        "nodeSelector" => Some(labels(n, value)),
        "nodeName" => Some(n.name(Cat::Node, value.as_str()?).into()),
        "affinity" => Some(affinity(n, value)),
        "tolerations" => Some(tolerations(n, value)),
        "priorityClassName" => Some(n.name(Cat::PriorityClass, value.as_str()?).into()),
        "topologySpreadConstraints" => Some(spread(n, value)),
        "schedulingGates" => Some(each(value, |gate| {
            fields(gate, |k, v| match k {
                "name" => Some(n.key(v.as_str()?).into()),
                _ => None,
            })
        })),
        _ => None,
    })
}

fn container(n: &mut impl Namer, c: &Value) -> Value {
    fields(c, |key, value| match key {
        "name" => Some(n.name(Cat::Container, value.as_str()?).into()),
        "image" => Some(n.image(value.as_str()?).into()),
        "restartPolicy" | "imagePullPolicy" => Some(value.clone()),
        "resources" => Some(kept(value, &["requests", "limits"])),
        "ports" => Some(each(value, |p| {
            kept(p, &["containerPort", "hostPort", "protocol"])
        })),
        _ => None,
    })
}

/// A pod's status as an import reads it: phase, readiness, addresses (fake).
fn pod_status(n: &mut impl Namer, s: &Value) -> Value {
    fields(s, |key, value| match key {
        "phase" | "qosClass" | "startTime" => Some(value.clone()),
        "podIP" | "hostIP" => Some(n.name(Cat::Ip, value.as_str()?).into()),
        "podIPs" | "hostIPs" => Some(each(value, |item| {
            fields(item, |k, v| match k {
                "ip" => Some(n.name(Cat::Ip, v.as_str()?).into()),
                _ => None,
            })
        })),
        "nominatedNodeName" => Some(n.name(Cat::Node, value.as_str()?).into()),
        "conditions" => Some(each(value, |c| kept(c, CONDITION))),
        "initContainerStatuses" | "containerStatuses" => Some(each(value, |c| {
            fields(c, |k, v| match k {
                "name" => Some(n.name(Cat::Container, v.as_str()?).into()),
                "ready" | "restartCount" | "started" => Some(v.clone()),
                // Which state and since when; a waiting or terminated
                // container's message may name anything, and is left out.
                "state" => Some(fields(v, |state, detail| {
                    Some(kept(
                        detail,
                        match state {
                            "running" => &["startedAt"],
                            _ => &["reason", "exitCode", "startedAt", "finishedAt"],
                        },
                    ))
                })),
                _ => None,
            })
        })),
        _ => None,
    })
}

/// A DaemonSet's, Deployment's or ReplicaSet's spec.
fn workload_spec(n: &mut impl Namer, s: &Value) -> Value {
    fields(s, |key, value| match key {
        "replicas"
        | "minReadySeconds"
        | "revisionHistoryLimit"
        | "paused"
        | "progressDeadlineSeconds"
        | "strategy"
        | "updateStrategy" => Some(value.clone()),
        "selector" => Some(selector(n, value)),
        "template" => Some(fields(value, |k, v| match k {
            "metadata" => Some(metadata(n, "Pod", v)),
            "spec" => Some(pod_spec(n, v)),
            _ => None,
        })),
        _ => None,
    })
}

/// A label selector.
fn selector(n: &mut impl Namer, s: &Value) -> Value {
    fields(s, |key, value| match key {
        "matchLabels" => Some(labels(n, value)),
        "matchExpressions" => Some(each(value, |r| requirement(n, r, false))),
        _ => None,
    })
}

/// One `key`/`operator`/`values` requirement; `field`: a `matchFields` one,
/// whose key is a field path and whose values for `metadata.name` are nodes.
fn requirement(n: &mut impl Namer, r: &Value, field: bool) -> Value {
    let key = str_of(r, "key");
    fields(r, |k, value| match k {
        "key" if field => Some(value.clone()),
        "key" => Some(n.key(key).into()),
        "operator" => Some(value.clone()),
        "values" => Some(each(value, |v| match v.as_str() {
            Some(text) if field && key == "metadata.name" => n.name(Cat::Node, text).into(),
            Some(_) if field => v.clone(),
            Some(text) => n.value(key, text).into(),
            None => v.clone(),
        })),
        _ => None,
    })
}

/// `spec.affinity`.
fn affinity(n: &mut impl Namer, a: &Value) -> Value {
    fields(a, |key, value| match key {
        "nodeAffinity" => Some(node_affinity(n, value)),
        "podAffinity" | "podAntiAffinity" => Some(pod_affinity(n, value)),
        _ => None,
    })
}

/// A node affinity (a pod's, or a scheduler profile's `addedAffinity`).
fn node_affinity(n: &mut impl Namer, a: &Value) -> Value {
    fields(a, |key, value| match key {
        "requiredDuringSchedulingIgnoredDuringExecution" => Some(fields(value, |k, v| match k {
            "nodeSelectorTerms" => Some(each(v, |t| node_selector_term(n, t))),
            _ => None,
        })),
        "preferredDuringSchedulingIgnoredDuringExecution" => Some(each(value, |p| {
            fields(p, |k, v| match k {
                "weight" => Some(v.clone()),
                "preference" => Some(node_selector_term(n, v)),
                _ => None,
            })
        })),
        _ => None,
    })
}

fn node_selector_term(n: &mut impl Namer, t: &Value) -> Value {
    fields(t, |key, value| match key {
        "matchExpressions" => Some(each(value, |r| requirement(n, r, false))),
        "matchFields" => Some(each(value, |r| requirement(n, r, true))),
        _ => None,
    })
}

/// `podAffinity` or `podAntiAffinity`.
fn pod_affinity(n: &mut impl Namer, a: &Value) -> Value {
    fields(a, |key, value| match key {
        "requiredDuringSchedulingIgnoredDuringExecution" => {
            Some(each(value, |t| pod_affinity_term(n, t)))
        }
        "preferredDuringSchedulingIgnoredDuringExecution" => Some(each(value, |p| {
            fields(p, |k, v| match k {
                "weight" => Some(v.clone()),
                "podAffinityTerm" => Some(pod_affinity_term(n, v)),
                _ => None,
            })
        })),
        _ => None,
    })
}

fn pod_affinity_term(n: &mut impl Namer, t: &Value) -> Value {
    fields(t, |key, value| match key {
        "labelSelector" | "namespaceSelector" => Some(selector(n, value)),
        "namespaces" => Some(each(value, |ns| match ns.as_str() {
            Some(ns) => n.name(Cat::Namespace, ns).into(),
            None => ns.clone(),
        })),
        "topologyKey" => Some(n.key(value.as_str()?).into()),
        "matchLabelKeys" | "mismatchLabelKeys" => Some(label_keys(n, value)),
        _ => None,
    })
}

/// A list of label keys.
fn label_keys(n: &mut impl Namer, keys: &Value) -> Value {
    each(keys, |k| match k.as_str() {
        Some(key) => n.key(key).into(),
        None => k.clone(),
    })
}

/// Tolerations (or, without `operator` and `tolerationSeconds`, taints): the
/// key and value are a label's.
fn tolerations(n: &mut impl Namer, list: &Value) -> Value {
    each(list, |t| {
        let key = str_of(t, "key");
        fields(t, |k, value| match k {
            "key" => Some(n.key(key).into()),
            "value" => Some(n.value(key, value.as_str()?).into()),
            "operator" | "effect" | "tolerationSeconds" => Some(value.clone()),
            _ => None,
        })
    })
}

/// A node's taints, with when each was added (a `NoExecute` countdown runs
/// from it).
fn taints(n: &mut impl Namer, list: &Value) -> Value {
    let rewritten = tolerations(n, list);
    match (rewritten, list.as_sequence()) {
        (Value::Sequence(mut items), Some(given)) => {
            for (item, taint) in items.iter_mut().zip(given) {
                if let (Some(item), Some(added)) = (item.as_mapping_mut(), taint.get("timeAdded")) {
                    item.insert("timeAdded".into(), added.clone());
                }
            }
            Value::Sequence(items)
        }
        (other, _) => other,
    }
}

/// `topologySpreadConstraints` (a pod's, or a profile's `defaultConstraints`).
fn spread(n: &mut impl Namer, list: &Value) -> Value {
    each(list, |c| {
        fields(c, |key, value| match key {
            "maxSkew" | "whenUnsatisfiable" | "minDomains" | "nodeAffinityPolicy"
            | "nodeTaintsPolicy" => Some(value.clone()),
            "topologyKey" => Some(n.key(value.as_str()?).into()),
            "labelSelector" => Some(selector(n, value)),
            "matchLabelKeys" => Some(label_keys(n, value)),
            _ => None,
        })
    })
}

/// A `KubeSchedulerConfiguration`: kept as it is, but for the label keys and
/// values and node names of its profiles' NodeAffinity and PodTopologySpread
/// arguments.
pub(crate) fn scheduler_config(n: &mut impl Namer, v: &Value) -> Value {
    match v {
        Value::Mapping(map) => Value::Mapping(
            map.iter()
                .map(|(k, value)| {
                    let rewritten = match k.as_str() {
                        Some("addedAffinity") => node_affinity(n, value),
                        Some("defaultConstraints") => spread(n, value),
                        _ => scheduler_config(n, value),
                    };
                    (k.clone(), rewritten)
                })
                .collect(),
        ),
        Value::Sequence(list) => {
            Value::Sequence(list.iter().map(|x| scheduler_config(n, x)).collect())
        }
        other => other.clone(),
    }
}

/// Every string in `v` as free text (names in it replaced), keys kept.
fn text_values(n: &mut impl Namer, v: &Value) -> Value {
    match v {
        Value::String(s) => n.text(s).into(),
        Value::Mapping(map) => Value::Mapping(
            map.iter()
                .map(|(k, value)| (k.clone(), text_values(n, value)))
                .collect(),
        ),
        Value::Sequence(list) => Value::Sequence(list.iter().map(|x| text_values(n, x)).collect()),
        Value::Tagged(tagged) => text_values(n, &tagged.value),
        other => other.clone(),
    }
}

/// The string at `key` of `v`, or `""`.
fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The fields of mapping `v` that `f` keeps, each as `f` rewrites it, in the
/// order they were written (anything but a mapping gives an empty one).
fn fields(v: &Value, mut f: impl FnMut(&str, &Value) -> Option<Value>) -> Value {
    let mut out = Mapping::new();
    for (key, value) in v.as_mapping().into_iter().flatten() {
        if let Some(name) = key.as_str()
            && let Some(rewritten) = f(name, value)
        {
            out.insert(key.clone(), rewritten);
        }
    }
    Value::Mapping(out)
}

/// `keys` of `v`, as they are.
fn kept(v: &Value, keys: &[&str]) -> Value {
    fields(v, |key, value| keys.contains(&key).then(|| value.clone()))
}

/// Each item of a sequence through `f`; anything else as it is.
fn each(v: &Value, mut f: impl FnMut(&Value) -> Value) -> Value {
    match v.as_sequence() {
        Some(list) => Value::Sequence(list.iter().map(&mut f).collect()),
        None => v.clone(),
    }
}
