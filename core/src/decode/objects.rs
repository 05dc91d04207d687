//! Decoders for each simulated kind. Field lists are upstream's JSON names
//! (`staging/src/k8s.io/api/{core,apps}/v1/types.go`), so anything a real cluster
//! returns is accepted, and anything else is an unknown field.

use super::read::{DecodeError, Obj, Read, Unknown, type_error};
use crate::api::taint::RawTaint;
use crate::api::toleration::RawToleration;
use crate::api::when_set::WhenSet;
use crate::api::*;
use serde_yaml::Value;

const TOP: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];
const OBJECT_META: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];
const OWNER_REFERENCE: &[&str] = &[
    "apiVersion",
    "kind",
    "name",
    "uid",
    "controller",
    "blockOwnerDeletion",
];
const NODE_SPEC: &[&str] = &[
    "podCIDR",
    "podCIDRs",
    "providerID",
    "unschedulable",
    "taints",
    "configSource",
    "externalID",
];
const TAINT: &[&str] = &["key", "value", "effect", "timeAdded"];
const POD_SPEC: &[&str] = &[
    "volumes",
    "initContainers",
    "containers",
    "ephemeralContainers",
    "restartPolicy",
    "terminationGracePeriodSeconds",
    "activeDeadlineSeconds",
    "dnsPolicy",
    "nodeSelector",
    "serviceAccountName",
    "serviceAccount",
    "automountServiceAccountToken",
    "nodeName",
    "hostNetwork",
    "hostPID",
    "hostIPC",
    "shareProcessNamespace",
    "securityContext",
    "imagePullSecrets",
    "hostname",
    "subdomain",
    "affinity",
    "schedulerName",
    "tolerations",
    "hostAliases",
    "priorityClassName",
    "priority",
    "dnsConfig",
    "readinessGates",
    "runtimeClassName",
    "enableServiceLinks",
    "preemptionPolicy",
    "overhead",
    "topologySpreadConstraints",
    "setHostnameAsFQDN",
    "os",
    "hostUsers",
    "schedulingGates",
    "resourceClaims",
    "resources",
    "hostnameOverride",
];
const CONTAINER: &[&str] = &[
    "name",
    "image",
    "command",
    "args",
    "workingDir",
    "ports",
    "envFrom",
    "env",
    "resources",
    "resizePolicy",
    "restartPolicy",
    "restartPolicyRules",
    "volumeMounts",
    "volumeDevices",
    "livenessProbe",
    "readinessProbe",
    "startupProbe",
    "lifecycle",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "imagePullPolicy",
    "securityContext",
    "stdin",
    "stdinOnce",
    "tty",
];
const CONTAINER_PORT: &[&str] = &["name", "hostPort", "containerPort", "protocol", "hostIP"];
const RESOURCES: &[&str] = &["limits", "requests", "claims"];
const NODE_STATUS: &[&str] = &[
    "capacity",
    "allocatable",
    "phase",
    "conditions",
    "addresses",
    "daemonEndpoints",
    "nodeInfo",
    "images",
    "volumesInUse",
    "volumesAttached",
    "config",
    "runtimeHandlers",
    "features",
    "declaredFeatures",
];
const TOLERATION: &[&str] = &["key", "operator", "value", "effect", "tolerationSeconds"];
const AFFINITY: &[&str] = &["nodeAffinity", "podAffinity", "podAntiAffinity"];
const POD_AFFINITY: &[&str] = &[
    "requiredDuringSchedulingIgnoredDuringExecution",
    "preferredDuringSchedulingIgnoredDuringExecution",
];
const POD_AFFINITY_TERM: &[&str] = &[
    "labelSelector",
    "namespaces",
    "topologyKey",
    "namespaceSelector",
    "matchLabelKeys",
    "mismatchLabelKeys",
];
const WEIGHTED_POD_AFFINITY_TERM: &[&str] = &["weight", "podAffinityTerm"];
const TOPOLOGY_SPREAD_CONSTRAINT: &[&str] = &[
    "maxSkew",
    "topologyKey",
    "whenUnsatisfiable",
    "labelSelector",
    "minDomains",
    "nodeAffinityPolicy",
    "nodeTaintsPolicy",
    "matchLabelKeys",
];
const NODE_AFFINITY: &[&str] = &[
    "requiredDuringSchedulingIgnoredDuringExecution",
    "preferredDuringSchedulingIgnoredDuringExecution",
];
const NODE_SELECTOR: &[&str] = &["nodeSelectorTerms"];
const NODE_SELECTOR_TERM: &[&str] = &["matchExpressions", "matchFields"];
const REQUIREMENT: &[&str] = &["key", "operator", "values"];
const PREFERRED_TERM: &[&str] = &["weight", "preference"];
const TEMPLATE: &[&str] = &["metadata", "spec"];
const LABEL_SELECTOR: &[&str] = &["matchLabels", "matchExpressions"];
const DAEMON_SET_SPEC: &[&str] = &[
    "selector",
    "template",
    "updateStrategy",
    "minReadySeconds",
    "revisionHistoryLimit",
];
const DS_STRATEGY: &[&str] = &["type", "rollingUpdate"];
const ROLLING_UPDATE: &[&str] = &["maxUnavailable", "maxSurge"];
const DEPLOYMENT_SPEC: &[&str] = &[
    "replicas",
    "selector",
    "template",
    "strategy",
    "minReadySeconds",
    "revisionHistoryLimit",
    "paused",
    "progressDeadlineSeconds",
];
const REPLICA_SET_SPEC: &[&str] = &["replicas", "minReadySeconds", "selector", "template"];

/// Opens a list item as a struct.
fn item<'a>(
    v: &'a Value,
    path: &str,
    go_struct: &'static str,
    known: &[&str],
    parent: &Obj<'a>,
    go_type: &str,
) -> Read<Obj<'a>> {
    Obj::open(
        v,
        path,
        go_struct,
        known,
        parent.go_struct(),
        go_type,
        parent.unknown(),
    )
}

/// Turns a validation detail from a `TryFrom` check into an error at the right path.
fn checked(path: &str, detail: String) -> DecodeError {
    match detail.strip_prefix('.').and_then(|d| d.split_once(": ")) {
        Some((child, rest)) => DecodeError {
            path: format!("{path}.{child}"),
            message: format!("{path}.{child}: {rest}"),
        },
        None => DecodeError {
            path: path.to_string(),
            message: format!("{path}: {detail}"),
        },
    }
}

pub(super) fn meta(o: &Obj<'_>) -> Read<ObjectMeta> {
    Ok(o.nested(
        "metadata",
        "ObjectMeta",
        "v1.ObjectMeta",
        OBJECT_META,
        |m| {
            Ok(ObjectMeta {
                name: m.string("name")?,
                generate_name: m.string("generateName")?,
                namespace: m.string("namespace")?,
                uid: m.string("uid")?,
                labels: m.string_map("labels")?,
                annotations: m.string_map("annotations")?,
                owner_references: m.list("ownerReferences", "[]v1.OwnerReference", |v, path| {
                    let r = item(
                        v,
                        path,
                        "OwnerReference",
                        OWNER_REFERENCE,
                        m,
                        "v1.OwnerReference",
                    )?;
                    Ok(OwnerReference {
                        api_version: r.string("apiVersion")?,
                        kind: r.string("kind")?,
                        name: r.string("name")?,
                        uid: r.string("uid")?,
                        controller: r
                            .get("controller")
                            .map(|_| r.bool("controller"))
                            .transpose()?,
                    })
                })?,
                ..Default::default()
            })
        },
    )?
    .unwrap_or_default())
}

fn requirements(o: &Obj<'_>, key: &str) -> Read<Vec<NodeSelectorRequirement>> {
    o.list(key, "[]v1.NodeSelectorRequirement", |v, path| {
        let r = item(
            v,
            path,
            "NodeSelectorRequirement",
            REQUIREMENT,
            o,
            "v1.NodeSelectorRequirement",
        )?;
        Ok(NodeSelectorRequirement {
            key: r.string("key")?,
            operator: r.string("operator")?,
            values: r.strings("values")?,
        })
    })
}

fn term(t: &Obj<'_>) -> Read<NodeSelectorTerm> {
    Ok(NodeSelectorTerm {
        match_expressions: requirements(t, "matchExpressions")?,
        match_fields: requirements(t, "matchFields")?,
    })
}

/// A `v1.PodAffinityTerm`.
fn pod_affinity_term(t: &Obj<'_>) -> Read<PodAffinityTerm> {
    Ok(PodAffinityTerm {
        label_selector: label_selector(t, "labelSelector")?,
        namespaces: t.strings("namespaces")?,
        topology_key: t.string("topologyKey")?,
        namespace_selector: label_selector(t, "namespaceSelector")?,
        match_label_keys: t.strings("matchLabelKeys")?,
        mismatch_label_keys: t.strings("mismatchLabelKeys")?,
    })
}

/// `podAffinity` or `podAntiAffinity` (the same Go shape under two types).
fn pod_affinity(a: &Obj<'_>, key: &str, go_struct: &'static str) -> Read<Option<PodAffinity>> {
    let go_type = if go_struct == "PodAffinity" {
        "*v1.PodAffinity"
    } else {
        "*v1.PodAntiAffinity"
    };
    a.nested(key, go_struct, go_type, POD_AFFINITY, |pa| {
        Ok(PodAffinity {
            required_during_scheduling_ignored_during_execution: pa.list(
                "requiredDuringSchedulingIgnoredDuringExecution",
                "[]v1.PodAffinityTerm",
                |v, path| {
                    pod_affinity_term(&item(
                        v,
                        path,
                        "PodAffinityTerm",
                        POD_AFFINITY_TERM,
                        pa,
                        "v1.PodAffinityTerm",
                    )?)
                },
            )?,
            preferred_during_scheduling_ignored_during_execution: pa.list(
                "preferredDuringSchedulingIgnoredDuringExecution",
                "[]v1.WeightedPodAffinityTerm",
                |v, path| {
                    let w = item(
                        v,
                        path,
                        "WeightedPodAffinityTerm",
                        WEIGHTED_POD_AFFINITY_TERM,
                        pa,
                        "v1.WeightedPodAffinityTerm",
                    )?;
                    Ok(WeightedPodAffinityTerm {
                        weight: w.int("weight", "int32")?.unwrap_or_default() as i32,
                        pod_affinity_term: w
                            .nested(
                                "podAffinityTerm",
                                "PodAffinityTerm",
                                "v1.PodAffinityTerm",
                                POD_AFFINITY_TERM,
                                pod_affinity_term,
                            )?
                            .unwrap_or_default(),
                    })
                },
            )?,
        })
    })
}

/// `spec.topologySpreadConstraints` (or PodTopologySpreadArgs'
/// `defaultConstraints`) at `key`.
pub(super) fn topology_spread_constraints(
    s: &Obj<'_>,
    key: &str,
) -> Read<Vec<TopologySpreadConstraint>> {
    s.list(key, "[]v1.TopologySpreadConstraint", |v, path| {
        let c = item(
            v,
            path,
            "TopologySpreadConstraint",
            TOPOLOGY_SPREAD_CONSTRAINT,
            s,
            "v1.TopologySpreadConstraint",
        )?;
        let optional = |key: &str| c.get(key).map(|_| c.string(key)).transpose();
        Ok(TopologySpreadConstraint {
            max_skew: c.int("maxSkew", "int32")?.unwrap_or_default() as i32,
            topology_key: c.string("topologyKey")?,
            when_unsatisfiable: c.string("whenUnsatisfiable")?,
            label_selector: label_selector(&c, "labelSelector")?,
            min_domains: c.int("minDomains", "int32")?.map(|n| n as i32),
            node_affinity_policy: optional("nodeAffinityPolicy")?,
            node_taints_policy: optional("nodeTaintsPolicy")?,
            match_label_keys: c.strings("matchLabelKeys")?,
        })
    })
}

fn affinity(s: &Obj<'_>) -> Read<Option<Affinity>> {
    s.nested("affinity", "Affinity", "*v1.Affinity", AFFINITY, |a| {
        Ok(Affinity {
            pod_affinity: pod_affinity(a, "podAffinity", "PodAffinity")?,
            pod_anti_affinity: pod_affinity(a, "podAntiAffinity", "PodAntiAffinity")?,
            node_affinity: node_affinity(a, "nodeAffinity")?,
        })
    })
}

/// A `*v1.NodeAffinity` at `key` (a pod's, or a scheduler profile's
/// `addedAffinity`).
pub(super) fn node_affinity(a: &Obj<'_>, key: &str) -> Read<Option<NodeAffinity>> {
    a.nested(
        key,
        "NodeAffinity",
        "*v1.NodeAffinity",
        NODE_AFFINITY,
        |na| {
            Ok(NodeAffinity {
                required_during_scheduling_ignored_during_execution: na.nested(
                    "requiredDuringSchedulingIgnoredDuringExecution",
                    "NodeSelector",
                    "*v1.NodeSelector",
                    NODE_SELECTOR,
                    |ns| {
                        Ok(NodeSelector {
                            node_selector_terms: ns.list(
                                "nodeSelectorTerms",
                                "[]v1.NodeSelectorTerm",
                                |v, path| {
                                    term(&item(
                                        v,
                                        path,
                                        "NodeSelectorTerm",
                                        NODE_SELECTOR_TERM,
                                        ns,
                                        "v1.NodeSelectorTerm",
                                    )?)
                                },
                            )?,
                        })
                    },
                )?,
                preferred_during_scheduling_ignored_during_execution: na.list(
                    "preferredDuringSchedulingIgnoredDuringExecution",
                    "[]v1.PreferredSchedulingTerm",
                    |v, path| {
                        let p = item(
                            v,
                            path,
                            "PreferredSchedulingTerm",
                            PREFERRED_TERM,
                            na,
                            "v1.PreferredSchedulingTerm",
                        )?;
                        Ok(PreferredSchedulingTerm {
                            weight: p.int("weight", "int32")?.unwrap_or_default() as i32,
                            preference: p
                                .nested(
                                    "preference",
                                    "NodeSelectorTerm",
                                    "v1.NodeSelectorTerm",
                                    NODE_SELECTOR_TERM,
                                    term,
                                )?
                                .unwrap_or_default(),
                        })
                    },
                )?,
            })
        },
    )
}

fn pod_spec(o: &Obj<'_>) -> Read<PodSpec> {
    Ok(o.nested("spec", "PodSpec", "v1.PodSpec", POD_SPEC, |s| {
        Ok(PodSpec {
            node_name: s.string("nodeName")?,
            node_selector: s.string_map("nodeSelector")?,
            affinity: affinity(s)?,
            host_network: s.bool("hostNetwork")?,
            priority: s.int("priority", "int32")?.unwrap_or_default() as i32,
            requested_priority: WhenSet(s.int("priority", "int32")?.map(|p| p as i32)),
            priority_class_name: WhenSet(s.string("priorityClassName")?),
            preemption_policy: WhenSet(
                s.get("preemptionPolicy")
                    .map(|_| s.string("preemptionPolicy"))
                    .transpose()?,
            ),
            topology_spread_constraints: topology_spread_constraints(
                s,
                "topologySpreadConstraints",
            )?,
            scheduler_name_field: s.string("schedulerName")?,
            tolerations: s.list("tolerations", "[]v1.Toleration", |v, path| {
                let t = item(v, path, "Toleration", TOLERATION, s, "v1.Toleration")?;
                let raw = RawToleration {
                    key: t.string("key")?,
                    operator: t.string("operator")?,
                    value: t.string("value")?,
                    effect: t.string("effect")?,
                    toleration_seconds: t.int("tolerationSeconds", "int64")?,
                };
                Toleration::validate(raw, s.unknown().comparison_operators, s.unknown().style)
                    .map_err(|d| checked(path, d))
            })?,
            containers: s.list("containers", "[]v1.Container", |v, path| {
                let c = item(v, path, "Container", CONTAINER, s, "v1.Container")?;
                let (requests, limits) = c
                    .nested(
                        "resources",
                        "ResourceRequirements",
                        "v1.ResourceRequirements",
                        RESOURCES,
                        |r| Ok((quantities(r, "requests")?, quantities(r, "limits")?)),
                    )?
                    .unwrap_or_default();
                Ok(Container {
                    name: c.string("name")?,
                    image: c.string("image")?,
                    requests,
                    limits,
                    ports: c.list("ports", "[]v1.ContainerPort", |v, path| {
                        let p = item(
                            v,
                            path,
                            "ContainerPort",
                            CONTAINER_PORT,
                            &c,
                            "v1.ContainerPort",
                        )?;
                        Ok(ContainerPort {
                            container_port: p.int("containerPort", "int32")?.unwrap_or_default()
                                as i32,
                            host_port: p.int("hostPort", "int32")?.map(|n| n as i32),
                            protocol: p
                                .get("protocol")
                                .map(|_| p.string("protocol"))
                                .transpose()?,
                        })
                    })?,
                })
            })?,
        })
    })?
    .unwrap_or_default())
}

fn template(o: &Obj<'_>) -> Read<PodTemplateSpec> {
    Ok(o.nested(
        "template",
        "PodTemplateSpec",
        "v1.PodTemplateSpec",
        TEMPLATE,
        |t| {
            Ok(PodTemplateSpec {
                metadata: meta(t)?,
                spec: pod_spec(t)?,
            })
        },
    )?
    .unwrap_or_default())
}

pub(super) fn selector(o: &Obj<'_>) -> Read<Option<LabelSelector>> {
    label_selector(o, "selector")
}

/// A `*metav1.LabelSelector` at `key`.
fn label_selector(o: &Obj<'_>, key: &str) -> Read<Option<LabelSelector>> {
    o.nested(
        key,
        "LabelSelector",
        "*v1.LabelSelector",
        LABEL_SELECTOR,
        |l| {
            Ok(LabelSelector {
                match_labels: l.string_map("matchLabels")?,
                match_expressions: l.list(
                    "matchExpressions",
                    "[]v1.LabelSelectorRequirement",
                    |v, path| {
                        let r = item(
                            v,
                            path,
                            "LabelSelectorRequirement",
                            REQUIREMENT,
                            l,
                            "v1.LabelSelectorRequirement",
                        )?;
                        Ok(LabelSelectorRequirement {
                            key: r.string("key")?,
                            operator: r.string("operator")?,
                            values: r.strings("values")?,
                        })
                    },
                )?,
            })
        },
    )
}

/// A `v1.ResourceList`: resource name to quantity.
fn quantities(o: &Obj<'_>, key: &str) -> Read<std::collections::BTreeMap<String, Quantity>> {
    let raw = o.get(key);
    let mut out = std::collections::BTreeMap::new();
    let Some(raw) = raw else {
        return Ok(out);
    };
    let Value::Mapping(map) = raw else {
        return Err(type_error(
            raw,
            o.go_struct(),
            &o.child(key),
            "v1.ResourceList",
        ));
    };
    for (name, value) in map {
        let name = name.as_str().unwrap_or_default().to_string();
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                return Err(type_error(
                    other,
                    o.go_struct(),
                    &o.child(key),
                    "resource.Quantity",
                ));
            }
        };
        // `Quantity.UnmarshalJSON` trims space before `ParseQuantity`.
        let quantity = Quantity::parse(text.trim()).map_err(|message| DecodeError {
            path: format!("{}.{name}", o.child(key)),
            message,
        })?;
        out.insert(name, quantity);
    }
    Ok(out)
}

pub(super) fn int_or_string(o: &Obj<'_>, key: &str) -> Read<Option<IntOrString>> {
    match o.get(key) {
        None => Ok(None),
        Some(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64().map(IntOrString::Int)),
        Some(Value::String(s)) => Ok(Some(IntOrString::String(s.clone()))),
        Some(other) => Err(type_error(
            other,
            o.go_struct(),
            &o.child(key),
            "intstr.IntOrString",
        )),
    }
}

/// Opens a top-level object of the given Go type.
fn top<'a>(v: &'a Value, go_struct: &'static str, unknown: &'a Unknown) -> Read<Obj<'a>> {
    Obj::open(v, "", go_struct, TOP, go_struct, go_struct, unknown)
}

/// `v1` Node.
pub fn node(v: &Value, unknown: &Unknown) -> Read<Node> {
    let o = top(v, "Node", unknown)?;
    Ok(Node {
        metadata: meta(&o)?,
        spec: o
            .nested("spec", "NodeSpec", "v1.NodeSpec", NODE_SPEC, |s| {
                Ok(NodeSpec {
                    unschedulable: s.bool("unschedulable")?,
                    taints: s.list("taints", "[]v1.Taint", |v, path| {
                        let t = item(v, path, "Taint", TAINT, s, "v1.Taint")?;
                        let raw = RawTaint {
                            key: t.string("key")?,
                            value: t.string("value")?,
                            effect: t.string("effect")?,
                        };
                        Taint::try_from(raw).map_err(|d| checked(path, d))
                    })?,
                })
            })?
            .unwrap_or_default(),
        allocatable: o
            .nested("status", "NodeStatus", "v1.NodeStatus", NODE_STATUS, |st| {
                quantities(st, "allocatable")
            })?
            .unwrap_or_default(),
    })
}

/// The metadata of a stored-but-not-simulated object: strict about metadata only,
/// since taintlab holds no schema for the rest.
pub fn other_meta(v: &Value, unknown: &Unknown) -> Read<ObjectMeta> {
    let keys: Vec<&str> = v
        .as_mapping()
        .map(|m| m.keys().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let o = Obj::open(v, "", "Object", &keys, "Object", "Object", unknown)?;
    meta(&o)
}

/// `v1` Namespace: its metadata (spec and status hold nothing simulated).
pub fn namespace(v: &Value, unknown: &Unknown) -> Read<ObjectMeta> {
    let o = top(v, "Namespace", unknown)?;
    meta(&o)
}

/// `v1` Pod.
pub fn pod(v: &Value, unknown: &Unknown) -> Read<Pod> {
    let o = top(v, "Pod", unknown)?;
    Ok(Pod {
        metadata: meta(&o)?,
        spec: pod_spec(&o)?,
        status: PodStatus::default(),
    })
}

/// `apps/v1` DaemonSet.
pub fn daemon_set(v: &Value, unknown: &Unknown) -> Read<DaemonSet> {
    let o = top(v, "DaemonSet", unknown)?;
    Ok(DaemonSet {
        metadata: meta(&o)?,
        spec: o
            .nested(
                "spec",
                "DaemonSetSpec",
                "v1.DaemonSetSpec",
                DAEMON_SET_SPEC,
                |s| {
                    Ok(DaemonSetSpec {
                        selector: selector(s)?,
                        template: template(s)?,
                        update_strategy: s
                            .nested(
                                "updateStrategy",
                                "DaemonSetUpdateStrategy",
                                "v1.DaemonSetUpdateStrategy",
                                DS_STRATEGY,
                                |u| {
                                    let rolling = u.nested(
                                        "rollingUpdate",
                                        "RollingUpdateDaemonSet",
                                        "*v1.RollingUpdateDaemonSet",
                                        ROLLING_UPDATE,
                                        |r| {
                                            Ok((
                                                int_or_string(r, "maxUnavailable")?,
                                                int_or_string(r, "maxSurge")?,
                                            ))
                                        },
                                    )?;
                                    let (max_unavailable, max_surge) =
                                        rolling.unwrap_or((None, None));
                                    Ok(DaemonSetUpdateStrategy {
                                        type_: u.string("type")?,
                                        max_unavailable,
                                        max_surge,
                                    })
                                },
                            )?
                            .unwrap_or_default(),
                    })
                },
            )?
            .unwrap_or_default(),
    })
}

/// `apps/v1` Deployment.
pub fn deployment(v: &Value, unknown: &Unknown) -> Read<Deployment> {
    let o = top(v, "Deployment", unknown)?;
    Ok(Deployment {
        metadata: meta(&o)?,
        spec: o
            .nested(
                "spec",
                "DeploymentSpec",
                "v1.DeploymentSpec",
                DEPLOYMENT_SPEC,
                |s| {
                    Ok(DeploymentSpec {
                        replicas: s.int("replicas", "int32")?.map(|n| n as i32),
                        selector: selector(s)?,
                        template: template(s)?,
                        strategy: s
                            .nested(
                                "strategy",
                                "DeploymentStrategy",
                                "v1.DeploymentStrategy",
                                DS_STRATEGY,
                                |st| {
                                    Ok(DeploymentStrategy {
                                        type_: st.string("type")?,
                                        rolling_update: st.nested(
                                            "rollingUpdate",
                                            "RollingUpdateDeployment",
                                            "*v1.RollingUpdateDeployment",
                                            ROLLING_UPDATE,
                                            |r| {
                                                Ok(RollingUpdateDeployment {
                                                    max_unavailable: int_or_string(
                                                        r,
                                                        "maxUnavailable",
                                                    )?,
                                                    max_surge: int_or_string(r, "maxSurge")?,
                                                })
                                            },
                                        )?,
                                    })
                                },
                            )?
                            .unwrap_or_default(),
                    })
                },
            )?
            .unwrap_or_default(),
    })
}

/// `apps/v1` ReplicaSet.
pub fn replica_set(v: &Value, unknown: &Unknown) -> Read<ReplicaSet> {
    let o = top(v, "ReplicaSet", unknown)?;
    Ok(ReplicaSet {
        metadata: meta(&o)?,
        spec: o
            .nested(
                "spec",
                "ReplicaSetSpec",
                "v1.ReplicaSetSpec",
                REPLICA_SET_SPEC,
                |s| {
                    Ok(ReplicaSetSpec {
                        replicas: s.int("replicas", "int32")?.map(|n| n as i32),
                        selector: selector(s)?,
                        template: template(s)?,
                    })
                },
            )?
            .unwrap_or_default(),
    })
}
