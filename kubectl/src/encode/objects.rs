//! Nodes, workloads, namespaces, events and the stored-only kinds as the API
//! server returns them: the applied text (unmodelled fields kept), API defaulting
//! (`pkg/apis/apps/v1/defaults.go`, `pkg/apis/core/v1/defaults.go`), and the
//! status the controllers and kubelets write.

use super::meta::{
    LAST_APPLIED, MetaOptions, binary_quantity, child, default, empty, int, last_applied, map,
    metadata, quantity, remove, s, set, str_of, string_map, time, uuid, yaml,
};
use super::pod::{image_id, normalize_image, template};
use serde_yaml::Value;
use taintlab_core::Cluster;
use taintlab_core::api::{
    DaemonSet, Deployment, IntOrString, LabelSelector, Node, ObjectMeta, Pod, ReplicaSet,
};
use taintlab_core::clock::Time;
use taintlab_core::events::Event;

pub(super) fn int_or_string(v: &IntOrString) -> Value {
    match v {
        IntOrString::Int(n) => int(*n),
        IntOrString::String(text) => s(text.as_str()),
    }
}

pub(super) fn selector(sel: &LabelSelector) -> Value {
    let mut v = empty();
    if !sel.match_labels.is_empty() {
        set(&mut v, "matchLabels", string_map(&sel.match_labels));
    }
    if !sel.match_expressions.is_empty() {
        let list = sel
            .match_expressions
            .iter()
            .map(|r| {
                let mut e = map([
                    ("key", s(r.key.as_str())),
                    ("operator", s(r.operator.as_str())),
                ]);
                if !r.values.is_empty() {
                    let values = r.values.iter().map(|x| s(x.as_str())).collect();
                    set(&mut e, "values", Value::Sequence(values));
                }
                e
            })
            .collect();
        set(&mut v, "matchExpressions", Value::Sequence(list));
    }
    v
}

/// `metadata` plus the `last-applied-configuration` of an applied object.
/// A workload's `spec`: the applied one (unmodelled fields kept) with the simulated
/// replicas, selector and pod template over it.
fn workload_spec(
    written: Option<&Value>,
    replicas: Option<i64>,
    sel: Option<&LabelSelector>,
    template_written: Option<&Value>,
    pod_template: &taintlab_core::api::PodTemplateSpec,
    minor: u32,
) -> Value {
    let mut spec = written
        .cloned()
        .filter(Value::is_mapping)
        .unwrap_or_else(empty);
    if let Some(replicas) = replicas {
        set(&mut spec, "replicas", int(replicas));
    }
    if let Some(sel) = sel {
        set(&mut spec, "selector", selector(sel));
    }
    set(
        &mut spec,
        "template",
        template(template_written, pod_template, minor),
    );
    spec
}

pub(super) fn applied_meta(
    applied: Option<&Value>,
    meta: &ObjectMeta,
    namespace: Option<&str>,
    generation: Option<u64>,
    mut extra: Vec<(String, String)>,
) -> Value {
    if let Some(applied) = applied {
        extra.push((LAST_APPLIED.to_string(), last_applied(applied, namespace)));
    }
    metadata(
        meta,
        MetaOptions {
            applied: applied.and_then(|a| a.get("metadata")),
            namespaced: namespace.is_some(),
            generation,
            extra_annotations: extra,
        },
    )
}

pub(super) fn namespace_of(meta: &ObjectMeta) -> &str {
    if meta.namespace.is_empty() {
        "default"
    } else {
        &meta.namespace
    }
}

/// Pods controlled by the object with `uid` that count (not terminating).
fn owned_pods<'a>(cluster: &'a Cluster, uid: &'a str) -> impl Iterator<Item = &'a Pod> {
    cluster.pods().filter(move |p| {
        !p.is_terminating() && p.metadata.controller_of().is_some_and(|r| r.uid == uid)
    })
}

/// When a pod became ready: when its last container started running.
fn ready_since(pod: &Pod) -> Option<Time> {
    if !pod.is_ready() {
        return None;
    }
    pod.status
        .container_statuses
        .iter()
        .filter_map(|c| match c.state {
            taintlab_core::api::ContainerState::Running(t) => Some(t),
            _ => None,
        })
        .max()
}

/// Sets a count that is `omitempty` in the API type.
fn set_count(v: &mut Value, key: &str, n: usize) {
    if n > 0 {
        set(v, key, int(n as i64));
    }
}

/// What containerd 2 reports to the kubelet (`status.runtimeHandlers`, v1.30+).
const RUNTIME_HANDLERS: &str = "- features: {recursiveReadOnlyMounts: true, userNamespaces: true}
  name: \"\"
- features: {recursiveReadOnlyMounts: true, userNamespaces: true}
  name: runc
";

/// The node as `kubectl get node -o yaml` shows it.
#[inline(never)]
pub fn node(cluster: &Cluster, node: &Node) -> Value {
    let minor = cluster.version().minor;
    let name = node.name();
    let applied = cluster.applied_config("Node", "", name);
    let meta = applied_meta(applied, &node.metadata, None, None, Vec::new());
    let runtime = cluster.node_runtime(name);
    let mut spec = applied
        .and_then(|a| a.get("spec"))
        .cloned()
        .filter(Value::is_mapping)
        .unwrap_or_else(empty);
    if let Some(runtime) = runtime {
        set(&mut spec, "podCIDR", s(runtime.pod_cidr.as_str()));
        set(
            &mut spec,
            "podCIDRs",
            Value::Sequence(vec![s(runtime.pod_cidr.as_str())]),
        );
    }
    if node.spec.taints.is_empty() {
        remove(&mut spec, "taints");
    } else {
        let taints = node
            .spec
            .taints
            .iter()
            .map(|t| {
                let mut v = map([("effect", s(t.effect.as_str())), ("key", s(t.key.as_str()))]);
                if !t.value.is_empty() {
                    set(&mut v, "value", s(t.value.as_str()));
                }
                v
            })
            .collect();
        set(&mut spec, "taints", Value::Sequence(taints));
    }
    if node.spec.unschedulable {
        set(&mut spec, "unschedulable", Value::Bool(true));
    } else {
        remove(&mut spec, "unschedulable");
    }
    let mut status = empty();
    if let Some(st) = taintlab_core::status::node_status(cluster, name) {
        set(
            &mut status,
            "addresses",
            Value::Sequence(vec![
                map([
                    ("address", s(st.internal_ip.as_str())),
                    ("type", s("InternalIP")),
                ]),
                map([
                    ("address", s(st.hostname.as_str())),
                    ("type", s("Hostname")),
                ]),
            ]),
        );
        let mut resources = empty();
        let mut names: Vec<&str> = taintlab_core::api::node::DEFAULT_ALLOCATABLE
            .iter()
            .map(|(r, _)| *r)
            .collect();
        names.extend(node.allocatable.keys().map(String::as_str));
        for resource in names {
            let q = node.allocatable(resource);
            let text = if resource == "memory"
                || resource.starts_with("hugepages-")
                || resource == "ephemeral-storage"
            {
                binary_quantity(q)
            } else {
                quantity(q)
            };
            set(&mut resources, resource, s(text));
        }
        set(&mut status, "allocatable", resources.clone());
        set(&mut status, "capacity", resources);
        let conditions = st
            .conditions
            .iter()
            .map(|c| {
                map([
                    ("lastHeartbeatTime", time(c.last_heartbeat)),
                    ("lastTransitionTime", time(c.last_transition)),
                    ("message", s(c.message)),
                    ("reason", s(c.reason)),
                    ("status", s(c.status)),
                    ("type", s(c.type_)),
                ])
            })
            .collect();
        set(&mut status, "conditions", Value::Sequence(conditions));
        set(
            &mut status,
            "daemonEndpoints",
            yaml("kubeletEndpoint: {Port: 10250}"),
        );
        if minor >= 33 {
            set(
                &mut status,
                "features",
                map([("supplementalGroupsPolicy", Value::Bool(true))]),
            );
        }
        if let Some(runtime) = runtime
            && !runtime.images.is_empty()
        {
            // The kubelet lists images largest first (`sliceutils.ByImageSize`).
            let mut images: Vec<(u64, &String)> = runtime
                .images
                .iter()
                .map(|i| (taintlab_core::names::image_size(i), i))
                .collect();
            taintlab_core::sort::sort_by(&mut images, |a, b| (b.0, a.1) < (a.0, b.1));
            let list = images
                .into_iter()
                .map(|(size, image)| {
                    map([
                        (
                            "names",
                            Value::Sequence(vec![s(image_id(image)), s(normalize_image(image))]),
                        ),
                        ("sizeBytes", int(size as i64)),
                    ])
                })
                .collect();
            set(&mut status, "images", Value::Sequence(list));
        }
        let arch = node
            .metadata
            .labels
            .get("kubernetes.io/arch")
            .map_or("amd64", String::as_str);
        let os = node
            .metadata
            .labels
            .get("kubernetes.io/os")
            .map_or("linux", String::as_str);
        let kube_proxy = if minor >= 33 {
            String::new()
        } else {
            st.kubelet_version.clone()
        };
        set(
            &mut status,
            "nodeInfo",
            map([
                ("architecture", s(arch)),
                (
                    "bootID",
                    s(uuid(&format!(
                        "boot/{}/{}",
                        node.metadata.uid,
                        runtime.map_or(Time::ZERO, |r| r.kubelet_started)
                    ))),
                ),
                ("containerRuntimeVersion", s(st.container_runtime_version)),
                ("kernelVersion", s(st.kernel_version)),
                ("kubeProxyVersion", s(kube_proxy)),
                ("kubeletVersion", s(st.kubelet_version.as_str())),
                (
                    "machineID",
                    s(&super::meta::hex64(&format!("machine/{name}"))[..32]),
                ),
                ("operatingSystem", s(os)),
                ("osImage", s(st.os_image)),
                ("systemUUID", s(uuid(&format!("system/{name}")))),
            ]),
        );
        if minor >= 31 {
            set(&mut status, "runtimeHandlers", yaml(RUNTIME_HANDLERS));
        }
    }
    map([
        ("apiVersion", s("v1")),
        ("kind", s("Node")),
        ("metadata", meta),
        ("spec", spec),
        ("status", status),
    ])
}

/// The DaemonSet as `kubectl get ds -o yaml` shows it.
#[inline(never)]
pub fn daemon_set(cluster: &Cluster, ds: &DaemonSet) -> Value {
    let minor = cluster.version().minor;
    let ns = namespace_of(&ds.metadata);
    let applied = cluster.applied_config("DaemonSet", ns, ds.name());
    let generation = ds.metadata.generation.max(1);
    // The API server keeps `spec.templateGeneration` in this annotation
    // (`pkg/registry/apps/daemonset/strategy.go`); taintlab bumps it with the
    // generation.
    let extra = vec![(
        "deprecated.daemonset.template.generation".to_string(),
        generation.to_string(),
    )];
    let meta = applied_meta(applied, &ds.metadata, Some(ns), Some(generation), extra);
    let written = applied.and_then(|a| a.get("spec"));
    let mut spec = workload_spec(
        written,
        None,
        ds.spec.selector.as_ref(),
        written.and_then(|w| w.get("template")),
        &ds.spec.template,
        minor,
    );
    // Models `SetDefaults_DaemonSet`.
    let strategy = &ds.spec.update_strategy;
    let type_ = if strategy.type_.is_empty() {
        "RollingUpdate"
    } else {
        &strategy.type_
    };
    let mut update = map([("type", s(type_))]);
    if type_ == "RollingUpdate" {
        let surge = strategy.max_surge.as_ref().map_or(int(0), int_or_string);
        let unavailable = strategy
            .max_unavailable
            .as_ref()
            .map_or(int(1), int_or_string);
        set(
            &mut update,
            "rollingUpdate",
            map([("maxSurge", surge), ("maxUnavailable", unavailable)]),
        );
    }
    set(&mut spec, "updateStrategy", update);
    default(&mut spec, "revisionHistoryLimit", int(10));
    let st = taintlab_core::status::daemon_set_status(cluster, ds);
    let mut status = map([
        (
            "currentNumberScheduled",
            int(st.current_number_scheduled as i64),
        ),
        (
            "desiredNumberScheduled",
            int(st.desired_number_scheduled as i64),
        ),
        ("numberMisscheduled", int(st.number_misscheduled as i64)),
        ("numberReady", int(st.number_ready as i64)),
        ("observedGeneration", int(generation as i64)),
    ]);
    set_count(&mut status, "numberAvailable", st.number_available);
    set_count(&mut status, "numberUnavailable", st.number_unavailable);
    set_count(
        &mut status,
        "updatedNumberScheduled",
        st.updated_number_scheduled,
    );
    map([
        ("apiVersion", s("apps/v1")),
        ("kind", s("DaemonSet")),
        ("metadata", meta),
        ("spec", spec),
        ("status", status),
    ])
}

fn owned_replica_sets<'a>(
    cluster: &'a Cluster,
    d: &'a Deployment,
) -> impl Iterator<Item = &'a ReplicaSet> {
    cluster.replica_sets().filter(move |rs| {
        rs.metadata
            .controller_of()
            .is_some_and(|r| r.uid == d.metadata.uid)
    })
}

/// The Deployment as `kubectl get deploy -o yaml` shows it.
#[inline(never)]
pub fn deployment(cluster: &Cluster, d: &Deployment) -> Value {
    let minor = cluster.version().minor;
    let ns = namespace_of(&d.metadata);
    let applied = cluster.applied_config("Deployment", ns, &d.metadata.name);
    let generation = d.metadata.generation.max(1);
    let hash = taintlab_core::names::compute_hash(&d.spec.template);
    let replica_sets: Vec<&ReplicaSet> = owned_replica_sets(cluster, d).collect();
    let current = replica_sets
        .iter()
        .find(|rs| rs.metadata.labels.get("pod-template-hash") == Some(&hash));
    let revision = current
        .and_then(|rs| rs.metadata.annotations.get(REVISION))
        .cloned();
    let extra: Vec<(String, String)> = revision
        .into_iter()
        .map(|r| (REVISION.to_string(), r))
        .collect();
    let meta = applied_meta(applied, &d.metadata, Some(ns), Some(generation), extra);
    let written = applied.and_then(|a| a.get("spec"));
    let mut spec = workload_spec(
        written,
        Some(d.replicas()),
        d.spec.selector.as_ref(),
        written.and_then(|w| w.get("template")),
        &d.spec.template,
        minor,
    );
    // Models `SetDefaults_Deployment`.
    let strategy = &d.spec.strategy;
    let type_ = if strategy.type_.is_empty() {
        "RollingUpdate"
    } else {
        &strategy.type_
    };
    let mut strategy_value = map([("type", s(type_))]);
    if type_ == "RollingUpdate" {
        let rolling = strategy.rolling_update.clone().unwrap_or_default();
        let pct = || s("25%");
        set(
            &mut strategy_value,
            "rollingUpdate",
            map([
                (
                    "maxSurge",
                    rolling.max_surge.as_ref().map_or_else(pct, int_or_string),
                ),
                (
                    "maxUnavailable",
                    rolling
                        .max_unavailable
                        .as_ref()
                        .map_or_else(pct, int_or_string),
                ),
            ]),
        );
    }
    set(&mut spec, "strategy", strategy_value);
    default(&mut spec, "revisionHistoryLimit", int(10));
    default(&mut spec, "progressDeadlineSeconds", int(600));

    let st = taintlab_core::status::deployment_status(cluster, d);
    let mut status = map([("observedGeneration", int(generation as i64))]);
    set_count(&mut status, "availableReplicas", st.available_replicas);
    set_count(&mut status, "readyReplicas", st.ready_replicas);
    set_count(&mut status, "replicas", st.replicas);
    set_count(&mut status, "updatedReplicas", st.updated_replicas);
    let total: i64 = replica_sets.iter().map(|rs| rs.replicas()).sum();
    set_count(
        &mut status,
        "unavailableReplicas",
        usize::try_from(total - st.available_replicas as i64).unwrap_or(0),
    );
    // Models `calculateStatus` and `syncRolloutStatus` conditions.
    let (_, max_unavailable) = d.fenceposts();
    let ready_at = replica_sets
        .iter()
        .flat_map(|rs| owned_pods(cluster, &rs.metadata.uid))
        .filter_map(ready_since)
        .max();
    let changed_at = ready_at
        .unwrap_or(d.metadata.created)
        .max(d.metadata.created);
    let available = st.available_replicas as i64 >= d.replicas() - max_unavailable;
    let (status_text, reason, message) = if available {
        (
            "True",
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.".to_string(),
        )
    } else {
        (
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.".to_string(),
        )
    };
    let deployment_condition =
        |type_: &str, status_text: &str, reason: &str, message: String, at: Time, updated: Time| {
            map([
                ("lastTransitionTime", time(at)),
                ("lastUpdateTime", time(updated)),
                ("message", s(message)),
                ("reason", s(reason)),
                ("status", s(status_text)),
                ("type", s(type_)),
            ])
        };
    let available_at = if available {
        changed_at
    } else {
        d.metadata.created
    };
    let mut conditions = vec![deployment_condition(
        "Available",
        status_text,
        reason,
        message,
        available_at,
        available_at,
    )];
    if let Some(rs) = current {
        let desired = usize::try_from(d.replicas()).unwrap_or(0);
        let complete = st.updated_replicas == desired
            && st.replicas == desired
            && st.available_replicas == desired;
        let (reason, message, updated) = if complete {
            (
                "NewReplicaSetAvailable",
                format!(
                    "ReplicaSet {:?} has successfully progressed.",
                    rs.metadata.name
                ),
                changed_at,
            )
        } else {
            (
                "ReplicaSetUpdated",
                format!("ReplicaSet {:?} is progressing.", rs.metadata.name),
                rs.metadata.created,
            )
        };
        conditions.push(deployment_condition(
            "Progressing",
            "True",
            reason,
            message,
            d.metadata.created,
            updated,
        ));
    }
    set(&mut status, "conditions", Value::Sequence(conditions));
    map([
        ("apiVersion", s("apps/v1")),
        ("kind", s("Deployment")),
        ("metadata", meta),
        ("spec", spec),
        ("status", status),
    ])
}

/// The annotation that numbers a Deployment's ReplicaSets.
const REVISION: &str = "deployment.kubernetes.io/revision";

/// The ReplicaSet as `kubectl get rs -o yaml` shows it.
#[inline(never)]
pub fn replica_set(cluster: &Cluster, rs: &ReplicaSet) -> Value {
    let minor = cluster.version().minor;
    let ns = namespace_of(&rs.metadata);
    let applied = cluster.applied_config("ReplicaSet", ns, &rs.metadata.name);
    let owner = rs
        .metadata
        .controller_of()
        .filter(|o| o.kind == "Deployment")
        .and_then(|o| cluster.deployments().find(|d| d.metadata.uid == o.uid));
    let mut extra = Vec::new();
    // A Deployment's ReplicaSet: created with its size, then one generation per
    // scale (`ScalingReplicaSet` events), annotated by `SetReplicasAnnotations`.
    let generation = match owner {
        Some(d) => {
            let (surge, _) = d.fenceposts();
            extra.push((
                "deployment.kubernetes.io/desired-replicas".to_string(),
                d.replicas().to_string(),
            ));
            extra.push((
                "deployment.kubernetes.io/max-replicas".to_string(),
                (d.replicas() + surge).to_string(),
            ));
            let needle = format!("replica set {} ", rs.metadata.name);
            let scalings: u64 = cluster
                .events()
                .about("Deployment", &d.metadata.namespace, &d.metadata.name)
                .filter(|e| e.reason == "ScalingReplicaSet" && e.message.contains(&needle))
                .map(|e| u64::from(e.count))
                .sum();
            rs.metadata.generation.max(scalings).max(1)
        }
        None => rs.metadata.generation.max(1),
    };
    let meta = applied_meta(applied, &rs.metadata, Some(ns), Some(generation), extra);
    let written = applied.and_then(|a| a.get("spec"));
    let template_written = written.and_then(|w| w.get("template")).or_else(|| {
        let d = owner?;
        cluster
            .applied_config("Deployment", namespace_of(&d.metadata), &d.metadata.name)?
            .get("spec")?
            .get("template")
    });
    let spec = workload_spec(
        written,
        Some(rs.replicas()),
        rs.spec.selector.as_ref(),
        template_written,
        &rs.spec.template,
        minor,
    );
    let pods: Vec<&Pod> = owned_pods(cluster, &rs.metadata.uid)
        .filter(|p| p.is_active())
        .collect();
    let labelled = pods
        .iter()
        .filter(|p| {
            rs.spec
                .template
                .metadata
                .labels
                .iter()
                .all(|(k, v)| p.metadata.labels.get(k) == Some(v))
        })
        .count();
    let ready = pods.iter().filter(|p| p.is_ready()).count();
    let mut status = map([
        ("observedGeneration", int(generation as i64)),
        ("replicas", int(pods.len() as i64)),
    ]);
    set_count(&mut status, "availableReplicas", ready);
    set_count(&mut status, "fullyLabeledReplicas", labelled);
    set_count(&mut status, "readyReplicas", ready);
    map([
        ("apiVersion", s("apps/v1")),
        ("kind", s("ReplicaSet")),
        ("metadata", meta),
        ("spec", spec),
        ("status", status),
    ])
}

/// A namespace. taintlab keeps only their names, so the server fields are made
/// up stably (the built-in ones date from the cluster's start).
#[inline(never)]
pub fn namespace(cluster: &Cluster, name: &str) -> Value {
    let applied = cluster.applied_config("Namespace", "", name);
    let mut meta_typed = ObjectMeta {
        name: name.to_string(),
        uid: uuid(&format!("namespace/{name}")),
        ..Default::default()
    };
    if let Some(labels) = applied
        .and_then(|a| a.get("metadata"))
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_mapping)
    {
        for (k, v) in labels {
            if let (Some(k), Some(v)) = (k.as_str(), v.as_str()) {
                meta_typed.labels.insert(k.to_string(), v.to_string());
            }
        }
    }
    if let Some(annotations) = applied
        .and_then(|a| a.get("metadata"))
        .and_then(|m| m.get("annotations"))
        .and_then(Value::as_mapping)
    {
        for (k, v) in annotations {
            if let (Some(k), Some(v)) = (k.as_str(), v.as_str()) {
                meta_typed.annotations.insert(k.to_string(), v.to_string());
            }
        }
    }
    // The NamespaceDefaultLabelName admission sets this label on every namespace.
    meta_typed
        .labels
        .insert("kubernetes.io/metadata.name".to_string(), name.to_string());
    meta_typed.resource_version = u64::from(taintlab_core::names::fnv32a(name) % 1000);
    let meta = applied_meta(applied, &meta_typed, None, None, Vec::new());
    map([
        ("apiVersion", s("v1")),
        ("kind", s("Namespace")),
        ("metadata", meta),
        (
            "spec",
            map([("finalizers", Value::Sequence(vec![s("kubernetes")]))]),
        ),
        ("status", map([("phase", s("Active"))])),
    ])
}

/// Nanoseconds since 1970 of a moment on the simulated clock.
fn unix_nanos(t: Time) -> u128 {
    const EPOCH_UNIX_SECONDS: u128 = 1_767_225_600;
    (EPOCH_UNIX_SECONDS * 1000 + u128::from(t.0)) * 1_000_000
}

/// An event's name: `<object>.<hex of its creation in Unix nanoseconds>`, as
/// `record.makeEvent` names it. The nanoseconds below the simulated
/// millisecond come from the event's text, so names are stable and distinct.
pub fn event_name(event: &Event) -> String {
    let jitter = taintlab_core::names::fnv32a(&format!(
        "{}/{}/{}/{}",
        event.object.kind, event.reason, event.source, event.message
    )) % 1_000_000;
    format!(
        "{}.{:x}",
        event.object.name,
        unix_nanos(event.first_timestamp) + u128::from(jitter)
    )
}

/// The namespace an event lives in: its object's, or `default` for nodes.
pub fn event_namespace(event: &Event) -> &str {
    if event.object.namespace.is_empty() {
        "default"
    } else {
        &event.object.namespace
    }
}

/// An event as `kubectl get events -o yaml` shows it (core `v1` Event). The
/// scheduler records through `events.k8s.io/v1`, whose events read back with
/// `eventTime`, `action` and `reportingInstance` instead of the counters.
#[inline(never)]
pub fn event(cluster: &Cluster, e: &Event) -> Value {
    let name = event_name(e);
    let namespace = event_namespace(e).to_string();
    let object = &e.object;
    let (api_version, uid, rv, node) = match object.kind {
        "Pod" => {
            let pod = cluster.pod(&object.namespace, &object.name);
            (
                "v1",
                pod.map(|p| p.metadata.uid.clone()),
                pod.map(|p| p.metadata.resource_version),
                pod.map(|p| p.spec.node_name.clone()).unwrap_or_default(),
            )
        }
        "Node" => {
            let node = cluster.node(&object.name);
            (
                "v1",
                node.map(|n| n.metadata.uid.clone()),
                None,
                object.name.clone(),
            )
        }
        kind => {
            let meta = match kind {
                "DaemonSet" => cluster
                    .daemon_sets()
                    .find(|d| {
                        d.metadata.namespace == object.namespace && d.metadata.name == object.name
                    })
                    .map(|d| &d.metadata),
                "Deployment" => cluster
                    .deployments()
                    .find(|d| {
                        d.metadata.namespace == object.namespace && d.metadata.name == object.name
                    })
                    .map(|d| &d.metadata),
                "ReplicaSet" => cluster
                    .replica_sets()
                    .find(|d| {
                        d.metadata.namespace == object.namespace && d.metadata.name == object.name
                    })
                    .map(|d| &d.metadata),
                _ => None,
            };
            (
                "apps/v1",
                meta.map(|m| m.uid.clone()),
                meta.map(|m| m.resource_version),
                String::new(),
            )
        }
    };
    let mut involved = map([("kind", s(object.kind)), ("name", s(object.name.as_str()))]);
    // The kubelet refers to its node by name (`kl.nodeRef`: no API version, and
    // the node name as UID).
    let kubelet_node = e.source == "kubelet" && object.kind == "Node";
    let uid = if kubelet_node {
        Some(object.name.clone())
    } else {
        set(&mut involved, "apiVersion", s(api_version));
        uid
    };
    if !object.namespace.is_empty() {
        set(&mut involved, "namespace", s(object.namespace.as_str()));
    }
    if let Some(uid) = uid.filter(|u| !u.is_empty()) {
        set(&mut involved, "uid", s(uid));
    }
    if let Some(rv) = rv {
        set(&mut involved, "resourceVersion", s(rv.to_string()));
    }
    // Kubelet container events name the container (`spec.containers{name}`).
    if e.source == "kubelet"
        && object.kind == "Pod"
        && matches!(
            e.reason,
            "Pulling" | "Pulled" | "Created" | "Started" | "Killing"
        )
        && let Some(pod) = cluster.pod(&object.namespace, &object.name)
    {
        let container = pod
            .spec
            .containers
            .iter()
            .find(|c| {
                e.message.contains(&format!("{:?}", c.image))
                    || e.message.ends_with(&format!(" {}", c.name))
            })
            .or(pod.spec.containers.first());
        if let Some(c) = container {
            set(
                &mut involved,
                "fieldPath",
                s(format!("spec.containers{{{}}}", c.name)),
            );
        }
    }
    let meta = map([
        ("creationTimestamp", time(e.first_timestamp)),
        ("name", s(name.as_str())),
        ("namespace", s(namespace.as_str())),
        (
            "resourceVersion",
            s((u64::from(taintlab_core::names::fnv32a(&name)) % 100_000).to_string()),
        ),
        ("uid", s(uuid(&format!("event/{name}")))),
    ]);
    let mut v = map([
        ("apiVersion", s("v1")),
        ("involvedObject", involved),
        ("kind", s("Event")),
        ("message", s(e.message.as_str())),
        ("metadata", meta),
        ("reason", s(e.reason)),
        ("reportingComponent", s(e.source)),
        ("type", s(e.type_.as_str())),
    ]);
    // The scheduler's events come from its events.k8s.io recorder, one per
    // profile (`profile.NewMap`): reportingController is the profile's name.
    let from_scheduler = e.source == "default-scheduler"
        || cluster
            .scheduler_config()
            .profiles
            .iter()
            .any(|p| p.scheduler_name == e.source);
    if from_scheduler {
        let micros = {
            let t = e.first_timestamp.rfc3339();
            let millis = e.first_timestamp.0 % 1000;
            format!("{}.{:06}Z", t.trim_end_matches('Z'), millis * 1000)
        };
        set(&mut v, "action", s("Scheduling"));
        set(&mut v, "eventTime", s(micros));
        set(&mut v, "firstTimestamp", Value::Null);
        set(&mut v, "lastTimestamp", Value::Null);
        let control_plane = cluster
            .nodes()
            .find(|n| !n.roles().is_empty())
            .or_else(|| cluster.nodes().next())
            .map_or(String::new(), |n| n.name().to_string());
        set(
            &mut v,
            "reportingInstance",
            s(format!("{}-{control_plane}", e.source)),
        );
        set(&mut v, "source", empty());
    } else {
        set(&mut v, "count", int(i64::from(e.count)));
        set(&mut v, "eventTime", Value::Null);
        set(&mut v, "firstTimestamp", time(e.first_timestamp));
        set(&mut v, "lastTimestamp", time(e.last_timestamp));
        let host = if e.source == "kubelet" {
            node
        } else {
            String::new()
        };
        set(&mut v, "reportingInstance", s(host.as_str()));
        let mut source = map([("component", s(e.source))]);
        if !host.is_empty() {
            set(&mut source, "host", s(host));
        }
        set(&mut v, "source", source);
    }
    v
}

/// A stored-only object: its applied text with the server's metadata, the
/// defaults every client sees (`Secret.type`, a Service's cluster IP and ports,
/// pod templates), and an empty status where the kind has one.
#[inline(never)]
pub fn other(cluster: &Cluster, object: &taintlab_core::decode::OtherObject) -> Option<Value> {
    let minor = cluster.version().minor;
    let ns = namespace_of(&object.metadata);
    let applied = cluster.applied_config(&object.kind, ns, &object.metadata.name)?;
    let mut meta_typed = object.metadata.clone();
    if meta_typed.uid.is_empty() {
        meta_typed.uid = uuid(&format!("{}/{ns}/{}", object.kind, object.metadata.name));
    }
    // API strategies that keep a generation (`PrepareForCreate` sets 1).
    let generation = matches!(
        object.kind.as_str(),
        "StatefulSet" | "Job" | "CronJob" | "Ingress" | "PodDisruptionBudget"
    )
    .then_some(1);
    let mut v = applied.clone();
    // The API server ignores a status sent on create (each strategy's
    // `PrepareForCreate` resets it); the kinds that have one get theirs below.
    remove(&mut v, "status");
    let meta = applied_meta(Some(applied), &meta_typed, Some(ns), generation, Vec::new());
    set(&mut v, "metadata", meta);
    let spec = child(&mut v, "spec");
    let template_path: &[&str] = match object.kind.as_str() {
        "StatefulSet" | "Job" => &["template"],
        "CronJob" => &["jobTemplate", "spec", "template"],
        _ => &[],
    };
    if !template_path.is_empty() {
        let mut at = &mut *spec;
        for key in template_path {
            at = child(at, key);
        }
        super::pod::default_template(at, minor);
    }
    match object.kind.as_str() {
        "Secret" => {
            default(&mut v, "type", s("Opaque"));
            if v.get("spec")
                .and_then(Value::as_mapping)
                .is_some_and(|m| m.is_empty())
            {
                remove(&mut v, "spec");
            }
        }
        "Service" => {
            service_defaults(child(&mut v, "spec"), &meta_typed.uid);
            set(&mut v, "status", map([("loadBalancer", empty())]));
        }
        "Ingress" => set(&mut v, "status", map([("loadBalancer", empty())])),
        "PersistentVolumeClaim" => set(&mut v, "status", map([("phase", s("Pending"))])),
        "StatefulSet" => set(
            &mut v,
            "status",
            map([("availableReplicas", int(0)), ("replicas", int(0))]),
        ),
        "Job" | "CronJob" | "ResourceQuota" => set(&mut v, "status", empty()),
        "PodDisruptionBudget" => set(
            &mut v,
            "status",
            map([
                ("currentHealthy", int(0)),
                ("desiredHealthy", int(0)),
                ("disruptionsAllowed", int(0)),
                ("expectedPods", int(0)),
            ]),
        ),
        _ => {
            if v.get("spec")
                .and_then(Value::as_mapping)
                .is_some_and(|m| m.is_empty())
            {
                remove(&mut v, "spec");
            }
        }
    }
    Some(v)
}

/// Models `SetDefaults_Service` and the ClusterIP allocator for a plain
/// single-stack IPv4 cluster.
fn service_defaults(spec: &mut Value, uid: &str) {
    default(spec, "type", s("ClusterIP"));
    default(spec, "sessionAffinity", s("None"));
    let type_ = str_of(spec, "type").to_string();
    if type_ != "ExternalName" {
        let h = taintlab_core::names::fnv32a(uid);
        let ip = format!("10.96.{}.{}", (h >> 8) % 256, h % 254 + 1);
        if str_of(spec, "clusterIP").is_empty() {
            set(spec, "clusterIP", s(ip.as_str()));
        }
        let cluster_ip = str_of(spec, "clusterIP").to_string();
        default(spec, "clusterIPs", Value::Sequence(vec![s(cluster_ip)]));
        default(spec, "internalTrafficPolicy", s("Cluster"));
        default(spec, "ipFamilies", Value::Sequence(vec![s("IPv4")]));
        default(spec, "ipFamilyPolicy", s("SingleStack"));
    }
    if matches!(type_.as_str(), "NodePort" | "LoadBalancer") {
        default(spec, "externalTrafficPolicy", s("Cluster"));
    }
    for port in super::meta::items_mut(spec, "ports") {
        default(port, "protocol", s("TCP"));
        if port.get("targetPort").is_none() {
            let target = port.get("port").cloned().unwrap_or(Value::Null);
            set(port, "targetPort", target);
        }
    }
}
