//! Pods and pod templates as the API server returns them: the spec as applied
//! (unmodelled fields kept) with the simulated state over it, API defaulting
//! (`pkg/apis/core/v1/defaults.go`), the admission plugins every pod meets
//! (`ServiceAccount`, `Priority`, `DefaultTolerationSeconds`), and the status the
//! scheduler and kubelet write (`pkg/kubelet/kubelet_pods.go: generateAPIPodStatus`).

use super::meta::{
    LAST_APPLIED, MetaOptions, canonical_quantity, child, default, empty, hex64, int, items_mut,
    last_applied, map, metadata, remove, s, set, str_of, string_map, suffix, time, yaml,
};
use crate::lookup::Lookup;
use serde_yaml::Value;
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::{
    ContainerState, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, PodTemplateSpec,
    Quantity, Toleration,
};
use taintlab_core::clock::Time;

/// Where the service account token is mounted (`serviceaccount.DefaultAPITokenMountPath`).
const TOKEN_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// The projected volume the ServiceAccount admission plugin adds
/// (`plugin/pkg/admission/serviceaccount/admission.go: TokenVolumeSource`); its
/// name is filled in.
const TOKEN_VOLUME: &str = "projected:
  defaultMode: 420
  sources:
  - serviceAccountToken: {expirationSeconds: 3607, path: token}
  - configMap:
      items: [{key: ca.crt, path: ca.crt}]
      name: kube-root-ca.crt
  - downwardAPI:
      items:
      - fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}
        path: namespace
";

/// A toleration as the API writes it (empty fields omitted).
fn toleration(t: &Toleration) -> Value {
    let mut v = empty();
    if !t.key.is_empty() {
        set(&mut v, "key", s(t.key.as_str()));
    }
    if let Some(op) = t.operator {
        let op = match op {
            taintlab_core::api::TolerationOperator::Equal => "Equal",
            taintlab_core::api::TolerationOperator::Exists => "Exists",
            taintlab_core::api::TolerationOperator::Lt => "Lt",
            taintlab_core::api::TolerationOperator::Gt => "Gt",
        };
        set(&mut v, "operator", s(op));
    }
    if !t.value.is_empty() {
        set(&mut v, "value", s(t.value.as_str()));
    }
    if let Some(effect) = t.effect {
        set(&mut v, "effect", s(effect.as_str()));
    }
    if let Some(seconds) = t.toleration_seconds {
        set(&mut v, "tolerationSeconds", int(seconds));
    }
    v
}

fn requirement(r: &NodeSelectorRequirement) -> Value {
    let mut v = map([
        ("key", s(r.key.as_str())),
        ("operator", s(r.operator.as_str())),
    ]);
    if !r.values.is_empty() {
        set(
            &mut v,
            "values",
            Value::Sequence(r.values.iter().map(|x| s(x.as_str())).collect()),
        );
    }
    v
}

fn term(t: &NodeSelectorTerm) -> Value {
    let mut v = empty();
    for (key, list) in [
        ("matchExpressions", &t.match_expressions),
        ("matchFields", &t.match_fields),
    ] {
        if !list.is_empty() {
            set(
                &mut v,
                key,
                Value::Sequence(list.iter().map(requirement).collect()),
            );
        }
    }
    v
}

/// `spec.affinity.nodeAffinity` from the simulated pod.
fn node_affinity(a: &taintlab_core::api::NodeAffinity) -> Value {
    let mut v = empty();
    if let Some(required) = &a.required_during_scheduling_ignored_during_execution {
        let terms = required.node_selector_terms.iter().map(term).collect();
        set(
            &mut v,
            "requiredDuringSchedulingIgnoredDuringExecution",
            map([("nodeSelectorTerms", Value::Sequence(terms))]),
        );
    }
    if !a
        .preferred_during_scheduling_ignored_during_execution
        .is_empty()
    {
        let preferred = a
            .preferred_during_scheduling_ignored_during_execution
            .iter()
            .map(|p| {
                map([
                    ("preference", term(&p.preference)),
                    ("weight", int(i64::from(p.weight))),
                ])
            })
            .collect();
        set(
            &mut v,
            "preferredDuringSchedulingIgnoredDuringExecution",
            Value::Sequence(preferred),
        );
    }
    v
}

/// A quantity the simulation holds without its written form: bytes in binary
/// form, everything else in decimal form.
fn resource_quantity(resource: &str, q: Quantity) -> Value {
    if resource == "memory" || resource == "ephemeral-storage" || resource.starts_with("hugepages-")
    {
        s(super::meta::binary_quantity(q))
    } else {
        s(super::meta::quantity(q))
    }
}

fn resource_list(list: &BTreeMap<String, Quantity>) -> Value {
    let mut v = empty();
    for (k, q) in list {
        set(&mut v, k, resource_quantity(k, *q));
    }
    v
}

/// A container from the simulated pod alone (no applied text to start from).
fn typed_container(c: &taintlab_core::api::Container) -> Value {
    let mut v = map([("name", s(c.name.as_str())), ("image", s(c.image.as_str()))]);
    if !c.ports.is_empty() {
        let ports = c
            .ports
            .iter()
            .map(|p| {
                let mut port = map([("containerPort", int(i64::from(p.container_port)))]);
                if let Some(host) = p.host_port {
                    set(&mut port, "hostPort", int(i64::from(host)));
                }
                if let Some(protocol) = &p.protocol {
                    set(&mut port, "protocol", s(protocol.as_str()));
                }
                port
            })
            .collect();
        set(&mut v, "ports", Value::Sequence(ports));
    }
    let mut resources = empty();
    if !c.limits.is_empty() {
        set(&mut resources, "limits", resource_list(&c.limits));
    }
    if !c.requests.is_empty() {
        set(&mut resources, "requests", resource_list(&c.requests));
    }
    set(&mut v, "resources", resources);
    v
}

/// The applied (or template) spec with the simulated spec over it: the fields the
/// simulation owns come from `typed`, everything else stays as written.
/// `base` is taken, not borrowed: the written containers move into the result
/// instead of being copied a second time.
fn overlay_spec(base: Option<Value>, typed: &PodSpec) -> Value {
    let mut spec = base.filter(Value::is_mapping).unwrap_or_else(empty);
    // Left `null` in place: replaced below whenever the key was there.
    let mut written_containers = spec.get_mut("containers").map(std::mem::take);
    let containers: Vec<Value> = typed
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let written = written_containers
                .as_mut()
                .and_then(|cs| cs.get_mut(i))
                .filter(|w| str_of(w, "name") == c.name)
                .map(std::mem::take);
            let mut v = written.unwrap_or_else(|| typed_container(c));
            set(&mut v, "image", s(c.image.as_str()));
            v
        })
        .collect();
    if !containers.is_empty() || spec.get("containers").is_some() {
        set(&mut spec, "containers", Value::Sequence(containers));
    }
    if typed.node_name.is_empty() {
        remove(&mut spec, "nodeName");
    } else {
        set(&mut spec, "nodeName", s(typed.node_name.as_str()));
    }
    if typed.node_selector.is_empty() {
        remove(&mut spec, "nodeSelector");
    } else {
        set(&mut spec, "nodeSelector", string_map(&typed.node_selector));
    }
    if typed.tolerations.is_empty() {
        remove(&mut spec, "tolerations");
    } else {
        let list = typed.tolerations.iter().map(toleration).collect();
        set(&mut spec, "tolerations", Value::Sequence(list));
    }
    match &typed.affinity {
        None => remove(&mut spec, "affinity"),
        Some(affinity) => {
            let v = child(&mut spec, "affinity");
            match &affinity.node_affinity {
                Some(na) => set(v, "nodeAffinity", node_affinity(na)),
                None => remove(v, "nodeAffinity"),
            }
        }
    }
    if typed.host_network {
        set(&mut spec, "hostNetwork", Value::Bool(true));
    }
    spec
}

/// Models `SetDefaults_Container` (plus `SetDefaults_ContainerPort`, probes,
/// handlers and `ObjectFieldSelector` inside it), and canonical quantities.
fn default_container(c: &mut Value, host_network_ports: bool) {
    let image = str_of(c, "image").to_string();
    default(c, "imagePullPolicy", s(pull_policy(&image)));
    default(c, "terminationMessagePath", s("/dev/termination-log"));
    default(c, "terminationMessagePolicy", s("File"));
    let resources = child(c, "resources");
    for list in ["limits", "requests"] {
        if let Some(Value::Mapping(m)) = resources.get_mut(list) {
            for (_, q) in m.iter_mut() {
                let text = match q {
                    Value::String(t) => t.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => continue,
                };
                *q = s(canonical_quantity(&text));
            }
        }
    }
    for port in items_mut(c, "ports") {
        default(port, "protocol", s("TCP"));
        if host_network_ports && port.get("hostPort").is_none() {
            let container_port = port.get("containerPort").cloned().unwrap_or(Value::Null);
            set(port, "hostPort", container_port);
        }
    }
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe).filter(|p| p.is_mapping()) {
            default(p, "timeoutSeconds", int(1));
            default(p, "periodSeconds", int(10));
            default(p, "successThreshold", int(1));
            default(p, "failureThreshold", int(3));
            default_handler(p);
        }
    }
    if let Some(lifecycle) = c.get_mut("lifecycle") {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = lifecycle.get_mut(hook) {
                default_handler(h);
            }
        }
    }
    for env in items_mut(c, "env") {
        if let Some(field_ref) = env.get_mut("valueFrom").and_then(|f| f.get_mut("fieldRef")) {
            default(field_ref, "apiVersion", s("v1"));
        }
    }
}

/// Models `SetDefaults_HTTPGetAction`.
fn default_handler(h: &mut Value) {
    if let Some(get) = h.get_mut("httpGet").filter(|g| g.is_mapping()) {
        default(get, "path", s("/"));
        default(get, "scheme", s("HTTP"));
    }
}

/// Models the `imagePullPolicy` default: `Always` for `:latest` or no tag, else
/// `IfNotPresent`.
fn pull_policy(image: &str) -> &'static str {
    if image.contains('@') {
        return "IfNotPresent";
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, "latest")) | None => "Always",
        Some(_) => "IfNotPresent",
    }
}

/// Models `SetDefaults_Volume` and the volume sources' `defaultMode`s.
fn default_volume(v: &mut Value) {
    let has_source = v
        .as_mapping()
        .is_some_and(|m| m.keys().any(|k| k.as_str() != Some("name")));
    if !has_source {
        set(v, "emptyDir", empty());
    }
    for source in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(src) = v.get_mut(source).filter(|x| x.is_mapping()) {
            default(src, "defaultMode", int(420));
        }
    }
    if let Some(host) = v.get_mut("hostPath").filter(|x| x.is_mapping())
        && host.get("type").is_none()
    {
        set(host, "type", s(""));
    }
}

/// Models `SetDefaults_PodSpec` (pods and templates alike).
fn default_spec(spec: &mut Value, host_network_ports: bool) {
    default(spec, "dnsPolicy", s("ClusterFirst"));
    default(spec, "restartPolicy", s("Always"));
    default(spec, "terminationGracePeriodSeconds", int(30));
    default(spec, "schedulerName", s("default-scheduler"));
    if spec.get("securityContext").is_none_or(Value::is_null) {
        set(spec, "securityContext", empty());
    }
    for list in ["initContainers", "containers"] {
        for c in items_mut(spec, list) {
            default_container(c, host_network_ports);
        }
    }
    for v in items_mut(spec, "volumes") {
        default_volume(v);
    }
}

/// `spec.template` of a workload: the template as written with the simulated one
/// over it, defaulted as templates are. Before v1.34 (PR #130989) an empty
/// `creationTimestamp` printed as `null`.
pub fn template(written: Option<&Value>, typed: &PodTemplateSpec, minor: u32) -> Value {
    let mut meta = written
        .and_then(|t| t.get("metadata"))
        .cloned()
        .filter(Value::is_mapping)
        .unwrap_or_else(empty);
    for (key, values) in [
        ("labels", &typed.metadata.labels),
        ("annotations", &typed.metadata.annotations),
    ] {
        if values.is_empty() {
            remove(&mut meta, key);
        } else {
            set(&mut meta, key, string_map(values));
        }
    }
    if minor < 34 {
        set(&mut meta, "creationTimestamp", Value::Null);
    }
    let mut spec = overlay_spec(written.and_then(|t| t.get("spec")).cloned(), &typed.spec);
    default_spec(&mut spec, false);
    map([("metadata", meta), ("spec", spec)])
}

/// A pod template of a kind taintlab only stores (StatefulSet, Job, CronJob):
/// defaulted as the API server defaults templates.
pub fn default_template(template: &mut Value, minor: u32) {
    let meta = child(template, "metadata");
    if minor < 34 {
        set(meta, "creationTimestamp", Value::Null);
    }
    default_spec(child(template, "spec"), false);
}

/// The pod's spec as written: its own applied text, a static pod's manifest, or
/// its controller's template.
fn written_spec(cluster: &Cluster, pod: &Pod) -> (Option<Value>, Option<Value>) {
    let ns = &pod.metadata.namespace;
    if pod.is_mirror() {
        // The manifest that made it, found by its hash: only that one is read.
        let manifest = cluster
            .node_runtime(&pod.spec.node_name)
            .and_then(|r| r.manifest_of(pod))
            .and_then(|text| taintlab_core::decode::yaml::parse(text).ok());
        let meta = manifest.as_ref().and_then(|m| m.get("metadata")).cloned();
        return (meta, manifest.and_then(|m| m.get("spec").cloned()));
    }
    if let Some(owner) = pod.metadata.controller_of() {
        let template_spec = |kind: &str, name: &str| {
            cluster
                .applied_config(kind, ns, name)
                .and_then(|v| v.get("spec"))
                .and_then(|s| s.get("template"))
                .and_then(|t| t.get("spec"))
                .cloned()
        };
        let spec = match owner.kind.as_str() {
            "DaemonSet" => template_spec("DaemonSet", &owner.name),
            "ReplicaSet" => template_spec("ReplicaSet", &owner.name).or_else(|| {
                let rs = cluster
                    .replica_sets()
                    .find(|rs| rs.metadata.namespace == *ns && rs.metadata.name == owner.name)?;
                let deployment = rs.metadata.controller_of()?;
                template_spec("Deployment", &deployment.name)
            }),
            _ => None,
        };
        if spec.is_some() {
            return (None, spec);
        }
    }
    match cluster.applied_config("Pod", ns, &pod.metadata.name) {
        Some(applied) => (
            applied.get("metadata").cloned(),
            applied.get("spec").cloned(),
        ),
        None => (None, None),
    }
}

/// Models the `ServiceAccount` admission plugin: `serviceAccountName: default`
/// and, unless automounting is off, the projected token volume
/// (`kube-api-access-XXXXX`) mounted read-only in every container. Mirror pods
/// are left alone.
#[inline(never)]
fn service_account(spec: &mut Value, pod: &Pod) {
    default(spec, "serviceAccountName", s("default"));
    let account = str_of(spec, "serviceAccountName").to_string();
    set(spec, "serviceAccount", s(account));
    if spec.get("automountServiceAccountToken") == Some(&Value::Bool(false)) {
        return;
    }
    let name = format!("kube-api-access-{}", suffix(&pod.metadata.uid));
    let mut volume = yaml(TOKEN_VOLUME);
    set(&mut volume, "name", s(name.as_str()));
    let mut volumes = spec
        .get("volumes")
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    volumes.push(volume);
    set(spec, "volumes", Value::Sequence(volumes));
    for list in ["initContainers", "containers"] {
        for c in items_mut(spec, list) {
            let mounted = c
                .get("volumeMounts")
                .and_then(Value::as_sequence)
                .is_some_and(|ms| {
                    ms.iter()
                        .any(|m| str_of(m, "mountPath") == TOKEN_MOUNT_PATH)
                });
            if mounted {
                continue;
            }
            let mut mounts = c
                .get("volumeMounts")
                .and_then(Value::as_sequence)
                .cloned()
                .unwrap_or_default();
            mounts.push(map([
                ("mountPath", s(TOKEN_MOUNT_PATH)),
                ("name", s(name.as_str())),
                ("readOnly", Value::Bool(true)),
            ]));
            set(c, "volumeMounts", Value::Sequence(mounts));
        }
    }
}

/// Models `v1qos.GetPodQOS` over the (defaulted) containers.
fn qos_class(spec: &Value) -> &'static str {
    let mut requests: BTreeMap<String, String> = BTreeMap::new();
    let mut limits: BTreeMap<String, String> = BTreeMap::new();
    let mut guaranteed = true;
    let containers = ["initContainers", "containers"]
        .into_iter()
        .filter_map(|l| spec.get(l).and_then(Value::as_sequence))
        .flatten();
    for c in containers {
        let list = |name: &str| -> Vec<(String, String)> {
            c.get("resources")
                .and_then(|r| r.get(name))
                .and_then(Value::as_mapping)
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| {
                            let k = k.as_str()?;
                            let text = v
                                .as_str()
                                .map(str::to_string)
                                .or_else(|| v.as_i64().map(|n| n.to_string()))?;
                            let zero = Quantity::parse(text.trim()).is_ok_and(Quantity::is_zero);
                            ((k == "cpu" || k == "memory") && !zero).then(|| (k.to_string(), text))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        for (k, v) in list("requests") {
            requests.insert(k, v);
        }
        let found = list("limits");
        if !(found.iter().any(|(k, _)| k == "cpu") && found.iter().any(|(k, _)| k == "memory")) {
            guaranteed = false;
        }
        for (k, v) in found {
            limits.insert(k, v);
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    if guaranteed && requests == limits {
        return "Guaranteed";
    }
    "Burstable"
}

/// Models `SetDefaults_Pod`: requests default to limits.
fn requests_from_limits(spec: &mut Value) {
    for list in ["initContainers", "containers"] {
        for c in items_mut(spec, list) {
            let resources = child(c, "resources");
            let Some(limits) = resources.get("limits").and_then(Value::as_mapping).cloned() else {
                continue;
            };
            let requests = child(resources, "requests");
            for (k, v) in limits {
                if let Some(key) = k.as_str()
                    && requests.get(key).is_none()
                {
                    set(requests, key, v);
                }
            }
        }
    }
}

/// `docker.io/library/nginx:latest` for `nginx`: the name containerd reports.
pub fn normalize_image(image: &str) -> String {
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    let (repo, tag) = match name.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r, Some(t)),
        _ => (name, None),
    };
    let first = repo.split('/').next().unwrap_or("");
    let has_domain =
        repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let repo = if has_domain {
        repo.to_string()
    } else if repo.contains('/') {
        format!("docker.io/{repo}")
    } else {
        format!("docker.io/library/{repo}")
    };
    match (tag, digest) {
        (_, Some(d)) => format!("{repo}@{d}"),
        (Some(t), None) => format!("{repo}:{t}"),
        (None, None) => format!("{repo}:latest"),
    }
}

/// The repository of a normalized image with a made-up digest: `imageID`.
pub fn image_id(image: &str) -> String {
    let normalized = normalize_image(image);
    let repo = match normalized.split_once('@') {
        Some((r, _)) => r.to_string(),
        None => normalized
            .rsplit_once(':')
            .filter(|(_, t)| !t.contains('/'))
            .map_or(normalized.clone(), |(r, _)| r.to_string()),
    };
    format!("{repo}@sha256:{}", hex64(&normalized))
}

/// The pod as `kubectl get pod -o yaml` shows it.
#[inline(never)]
pub fn pod(lookup: &Lookup<'_>, pod: &Pod) -> Value {
    let cluster = lookup.cluster();
    let minor = cluster.version().minor;
    let (written_meta, written) = written_spec(cluster, pod);
    let mut spec = overlay_spec(written, &pod.spec);
    requests_from_limits(&mut spec);
    // `defaultHostNetworkPorts` runs for pods (`SetDefaults_Pod`), not templates.
    default_spec(&mut spec, pod.spec.host_network);
    default(&mut spec, "enableServiceLinks", Value::Bool(true));
    if !pod.is_mirror() {
        service_account(&mut spec, pod);
    }
    // What the Priority admission plugin resolved on create.
    set(&mut spec, "priority", int(i64::from(pod.spec.priority)));
    if !pod.spec.priority_class_name.is_empty() {
        set(
            &mut spec,
            "priorityClassName",
            s(pod.spec.priority_class_name.as_str()),
        );
    }
    match &*pod.spec.preemption_policy {
        Some(policy) => set(&mut spec, "preemptionPolicy", s(policy.as_str())),
        None => default(&mut spec, "preemptionPolicy", s("PreemptLowerPriority")),
    }

    let applied = cluster.applied_config("Pod", &pod.metadata.namespace, &pod.metadata.name);
    let user_pod = applied.is_some() && pod.metadata.controller_of().is_none() && !pod.is_mirror();
    let mut extra = Vec::new();
    if let (true, Some(applied)) = (user_pod, applied) {
        extra.push((
            LAST_APPLIED.to_string(),
            last_applied(applied, Some(&pod.metadata.namespace)),
        ));
    }
    let mut meta_typed = pod.metadata.clone();
    if let Some(owner) = pod.metadata.controller_of()
        && owner.kind == "DaemonSet"
        && let Some(ds) = cluster.daemon_sets().find(|d| d.metadata.uid == owner.uid)
        && pod.metadata.labels.get("controller-revision-hash")
            == Some(&taintlab_core::names::compute_hash(&ds.spec.template))
    {
        // Models `util.CreatePodTemplate`: daemon pods carry the template generation.
        meta_typed
            .labels
            .entry("pod-template-generation".to_string())
            .or_insert_with(|| ds.metadata.generation.max(1).to_string());
    }
    // Pods have a generation from v1.33 (KEP-5067); a graceful delete bumps it.
    let generation = (minor >= 33).then_some(1 + u64::from(pod.metadata.deleted.is_some()));
    let meta = metadata(
        &meta_typed,
        MetaOptions {
            applied: if user_pod {
                applied.and_then(|a| a.get("metadata"))
            } else {
                written_meta.as_ref()
            },
            namespaced: true,
            generation,
            extra_annotations: extra,
        },
    );
    let status = status(lookup, pod, &spec);
    map([
        ("apiVersion", s("v1")),
        ("kind", s("Pod")),
        ("metadata", meta),
        ("spec", spec),
        ("status", status),
    ])
}

/// When an event about the pod with `reason` first happened, if it is still logged.
/// The events come from `lookup`'s index: scanning every event for every pod of a
/// listing made `get pods -o yaml` spend most of its time comparing names.
fn event_time(lookup: &Lookup<'_>, pod: &Pod, reason: &str) -> Option<Time> {
    lookup
        .events_about("Pod", &pod.metadata.namespace, &pod.metadata.name)
        .into_iter()
        .filter(|e| e.reason == reason && e.first_timestamp >= pod.metadata.created)
        .map(|e| e.first_timestamp)
        .next()
}

fn condition(
    type_: &str,
    status: &str,
    at: Time,
    reason: &str,
    message: &str,
    observed: Option<i64>,
) -> Value {
    let mut v = map([
        ("lastProbeTime", Value::Null),
        ("lastTransitionTime", time(at)),
        ("status", s(status)),
        ("type", s(type_)),
    ]);
    if !reason.is_empty() {
        set(&mut v, "reason", s(reason));
    }
    if !message.is_empty() {
        set(&mut v, "message", s(message));
    }
    if let Some(generation) = observed {
        set(&mut v, "observedGeneration", int(generation));
    }
    v
}

/// The pod's status as the scheduler and kubelet leave it.
#[inline(never)]
fn status(lookup: &Lookup<'_>, pod: &Pod, spec: &Value) -> Value {
    let cluster = lookup.cluster();
    let minor = cluster.version().minor;
    let st = &pod.status;
    // KEP-5067 (beta, on by default from v1.34): writers record the generation
    // they saw; the kubelet does not for mirror pods.
    let observed = (minor >= 34 && !pod.is_mirror()).then_some(1);
    let mut v = empty();
    // The scheduler's condition keeps its time; a pod bound by `nodeName` gets the
    // condition from the kubelet (`generateAPIPodStatus`) when it starts it.
    let scheduled_at = event_time(lookup, pod, "Scheduled")
        .or(st.start_time)
        .unwrap_or(pod.metadata.created);
    let mut conditions = Vec::new();
    let typed = |t: &str| pod.condition(t);
    if pod.was_rejected() {
        // Models `kubelet.rejectPod`: only the scheduler's condition stays.
        if let Some(c) = typed("PodScheduled") {
            conditions.push(condition(
                "PodScheduled",
                &c.status,
                scheduled_at,
                &c.reason,
                &c.message,
                observed,
            ));
        }
        set(&mut v, "message", s(st.message.as_str()));
        set(&mut v, "reason", s(st.reason.as_str()));
        if let Some(g) = observed {
            set(&mut v, "observedGeneration", int(g));
        }
    } else if let Some(started) = st.start_time {
        let running_since = st
            .container_statuses
            .iter()
            .filter_map(|c| match c.state {
                ContainerState::Running(t) => Some(t),
                _ => None,
            })
            .max();
        let unready: Vec<&str> = st
            .container_statuses
            .iter()
            .filter(|c| !c.ready)
            .map(|c| c.name.as_str())
            .collect();
        let not_ready_message = format!("containers with unready status: [{}]", unready.join(" "));
        if minor >= 29 {
            conditions.push(condition(
                "PodReadyToStartContainers",
                "True",
                started,
                "",
                "",
                observed,
            ));
        }
        conditions.push(condition("Initialized", "True", started, "", "", observed));
        let ready = typed("Ready");
        for type_ in ["Ready", "ContainersReady"] {
            let c = typed(type_).or(ready);
            let (status, reason, message) = match c {
                Some(c) if c.status == "True" => ("True", String::new(), String::new()),
                Some(c) => {
                    let message = if c.message.is_empty() && c.reason == "ContainersNotReady" {
                        not_ready_message.clone()
                    } else {
                        c.message.clone()
                    };
                    ("False", c.reason.clone(), message)
                }
                None => (
                    "False",
                    "ContainersNotReady".to_string(),
                    not_ready_message.clone(),
                ),
            };
            let at = if status == "True" {
                running_since.unwrap_or(started)
            } else {
                started
            };
            conditions.push(condition(type_, status, at, &reason, &message, observed));
        }
        conditions.push(condition(
            "PodScheduled",
            "True",
            scheduled_at,
            "",
            "",
            observed,
        ));
        if let Some(g) = observed {
            set(&mut v, "observedGeneration", int(g));
        }
    } else if let Some(c) = typed("PodScheduled") {
        let at = if c.status == "True" {
            scheduled_at
        } else {
            event_time(lookup, pod, "FailedScheduling").unwrap_or(pod.metadata.created)
        };
        conditions.push(condition(
            "PodScheduled",
            &c.status,
            at,
            &c.reason,
            &c.message,
            observed,
        ));
    }
    // Conditions other writers added (e.g. DisruptionTarget from the taint manager).
    for c in &st.conditions {
        let known = [
            "PodReadyToStartContainers",
            "Initialized",
            "Ready",
            "ContainersReady",
            "PodScheduled",
        ];
        if !known.contains(&c.type_.as_str()) {
            let at = pod.metadata.deleted.unwrap_or(cluster.now());
            conditions.push(condition(
                &c.type_, &c.status, at, &c.reason, &c.message, observed,
            ));
        }
    }
    if !conditions.is_empty() {
        set(&mut v, "conditions", Value::Sequence(conditions));
    }
    if !st.container_statuses.is_empty() && st.start_time.is_some() {
        // `kubetypes.SortedContainerStatuses`: by container name.
        let mut sorted: Vec<&taintlab_core::api::ContainerStatus> =
            st.container_statuses.iter().collect();
        taintlab_core::sort::sort_by(&mut sorted, |a, b| a.name < b.name);
        let statuses = sorted
            .into_iter()
            .map(|c| container_status(pod, c, spec, minor))
            .collect();
        set(&mut v, "containerStatuses", Value::Sequence(statuses));
    }
    if !st.host_ip.is_empty() {
        set(&mut v, "hostIP", s(st.host_ip.as_str()));
        if minor >= 29 {
            set(
                &mut v,
                "hostIPs",
                Value::Sequence(vec![map([("ip", s(st.host_ip.as_str()))])]),
            );
        }
    }
    set(&mut v, "phase", s(st.phase.as_str()));
    if !st.pod_ip.is_empty() {
        set(&mut v, "podIP", s(st.pod_ip.as_str()));
        set(
            &mut v,
            "podIPs",
            Value::Sequence(vec![map([("ip", s(st.pod_ip.as_str()))])]),
        );
    }
    set(&mut v, "qosClass", s(qos_class(spec)));
    if let Some(started) = st.start_time {
        set(&mut v, "startTime", time(started));
    }
    v
}

/// One `containerStatuses[]` entry (`convertToAPIContainerStatuses`).
#[inline(never)]
fn container_status(
    pod: &Pod,
    c: &taintlab_core::api::ContainerStatus,
    spec: &Value,
    minor: u32,
) -> Value {
    let mut v = map([
        ("lastState", empty()),
        ("name", s(c.name.as_str())),
        ("ready", Value::Bool(c.ready)),
        ("restartCount", int(i64::from(c.restart_count))),
    ]);
    let container = spec
        .get("containers")
        .and_then(Value::as_sequence)
        .and_then(|cs| cs.iter().find(|x| str_of(x, "name") == c.name));
    // RecursiveReadOnlyMounts (beta, on from v1.31): the mounts, whatever the state.
    if minor >= 31 {
        let mounts: Vec<Value> = container
            .and_then(|x| x.get("volumeMounts"))
            .and_then(Value::as_sequence)
            .map(|ms| ms.iter().map(volume_mount_status).collect())
            .unwrap_or_default();
        if !mounts.is_empty() {
            set(&mut v, "volumeMounts", Value::Sequence(mounts));
        }
    }
    match &c.state {
        ContainerState::Waiting(reason) => {
            set(&mut v, "image", s(c.image.as_str()));
            set(&mut v, "imageID", s(""));
            set(&mut v, "started", Value::Bool(false));
            let waiting = map([("reason", s(reason.as_str()))]);
            set(&mut v, "state", map([("waiting", waiting)]));
        }
        ContainerState::Running(since) => {
            let id = hex64(&format!("{}/{}", pod.metadata.uid, c.name));
            set(&mut v, "containerID", s(format!("containerd://{id}")));
            set(&mut v, "image", s(normalize_image(&c.image)));
            set(&mut v, "imageID", s(image_id(&c.image)));
            set(&mut v, "started", Value::Bool(true));
            let running = map([("startedAt", time(*since))]);
            set(&mut v, "state", map([("running", running)]));
            // InPlacePodVerticalScaling (beta, on from v1.33): the resources the
            // container runs with (`convertContainerStatusResources`).
            if minor >= 33 {
                set(&mut v, "resources", status_resources(container));
            }
            // SupplementalGroupsPolicy (beta, on from v1.33), as containerd 2 reports it.
            if minor >= 33 {
                let user = yaml("linux: {gid: 0, supplementalGroups: [0], uid: 0}");
                set(&mut v, "user", user);
            }
        }
        ContainerState::Terminated(reason) => {
            set(&mut v, "image", s(normalize_image(&c.image)));
            set(&mut v, "imageID", s(image_id(&c.image)));
            set(&mut v, "started", Value::Bool(false));
            let exit_code = if reason == "Completed" { 0 } else { 1 };
            let terminated = map([("exitCode", int(exit_code)), ("reason", s(reason.as_str()))]);
            set(&mut v, "state", map([("terminated", terminated)]));
        }
    }
    v
}

/// A `VolumeMountStatus`: name, path, and for read-only mounts the recursive
/// read-only mode (`Disabled` unless the mount asks for it).
fn volume_mount_status(mount: &Value) -> Value {
    let mut v = map([
        ("mountPath", s(str_of(mount, "mountPath"))),
        ("name", s(str_of(mount, "name"))),
    ]);
    if mount.get("readOnly") == Some(&Value::Bool(true)) {
        set(&mut v, "readOnly", Value::Bool(true));
        let mode = match str_of(mount, "recursiveReadOnly") {
            "Enabled" | "IfPossible" => "Enabled",
            _ => "Disabled",
        };
        set(&mut v, "recursiveReadOnly", s(mode));
    }
    v
}

/// The CPU, memory and ephemeral-storage limits and requests of a running
/// container, as the kubelet reports them back.
fn status_resources(container: Option<&Value>) -> Value {
    let mut v = empty();
    for list in ["limits", "requests"] {
        let Some(Value::Mapping(m)) = container
            .and_then(|c| c.get("resources"))
            .and_then(|r| r.get(list))
        else {
            continue;
        };
        let mut out = empty();
        for key in ["cpu", "ephemeral-storage", "memory"] {
            if let Some(q) = m.get(key) {
                set(&mut out, key, q.clone());
            }
        }
        if out.as_mapping().is_some_and(|m| !m.is_empty()) {
            set(&mut v, list, out);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_normalize_as_containerd_reports_them() {
        assert_eq!(normalize_image("nginx"), "docker.io/library/nginx:latest");
        assert_eq!(
            normalize_image("redis:5-alpine"),
            "docker.io/library/redis:5-alpine"
        );
        assert_eq!(
            normalize_image("bitnami/redis"),
            "docker.io/bitnami/redis:latest"
        );
        assert_eq!(
            normalize_image("registry.k8s.io/pause:3.10"),
            "registry.k8s.io/pause:3.10"
        );
        assert_eq!(
            normalize_image("localhost:5000/app"),
            "localhost:5000/app:latest"
        );
        assert!(image_id("nginx").starts_with("docker.io/library/nginx@sha256:"));
        assert_eq!(pull_policy("nginx"), "Always");
        assert_eq!(pull_policy("nginx:latest"), "Always");
        assert_eq!(pull_policy("nginx:1.27"), "IfNotPresent");
        assert_eq!(pull_policy("localhost:5000/app"), "Always");
        assert_eq!(pull_policy("nginx@sha256:abc"), "IfNotPresent");
    }
}
