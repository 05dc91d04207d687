//! Pods and pod templates as the API server returns them: the spec as applied
//! (unmodelled fields kept) with the simulated state over it, API defaulting
//! (`pkg/apis/core/v1/defaults.go`), the admission plugins every pod meets
//! (`ServiceAccount`, `Priority`, `DefaultTolerationSeconds`), and the status the
//! scheduler and kubelet write (`pkg/kubelet/kubelet_pods.go: generateAPIPodStatus`).

use super::meta::LAST_APPLIED;
use super::meta::canonical_quantity;
use super::meta::hex64;
use super::meta::last_applied;
use super::meta::metadata_node;
use super::meta::suffix;
use super::node::Node;
use super::node::child;
use super::node::default;
use super::node::empty;
use super::node::int;
use super::node::items_mut;
use super::node::map;
use super::node::remove;
use super::node::s;
use super::node::set;
use super::node::str_of;
use super::node::string_map;
use super::node::time;
use crate::lookup::Lookup;
use serde_yaml::Value;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use taintlab_core::Cluster;
use taintlab_core::api::ContainerState;
use taintlab_core::api::NodeSelectorRequirement;
use taintlab_core::api::NodeSelectorTerm;
use taintlab_core::api::Pod;
use taintlab_core::api::PodSpec;
use taintlab_core::api::PodTemplateSpec;
use taintlab_core::api::Quantity;
use taintlab_core::api::Toleration;
use taintlab_core::clock::Time;

/// Where the service account token is mounted (`serviceaccount.DefaultAPITokenMountPath`).
const TOKEN_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// The projected volume the ServiceAccount admission plugin adds
/// (`plugin/pkg/admission/serviceaccount/admission.go: TokenVolumeSource`),
/// named `name`. Its source is the same for every pod: built once a thread
/// and shared.
fn token_volume(name: String) -> Node<'static> {
    thread_local! {
        static PROJECTED: Rc<Node<'static>> = Rc::new(projected_token_source());
    }
    let projected = PROJECTED.with(Rc::clone);
    map([("projected", Node::Shared(projected)), ("name", s(name))])
}

/// The `projected` source of [`token_volume`].
fn projected_token_source() -> Node<'static> {
    let path = |p: &'static str| map([("key", s(p)), ("path", s(p))]);
    map([
        ("defaultMode", int(420)),
        (
            "sources",
            Node::Seq(vec![
                map([(
                    "serviceAccountToken",
                    map([("expirationSeconds", int(3607)), ("path", s("token"))]),
                )]),
                map([(
                    "configMap",
                    map([
                        ("items", Node::Seq(vec![path("ca.crt")])),
                        ("name", s("kube-root-ca.crt")),
                    ]),
                )]),
                map([(
                    "downwardAPI",
                    map([(
                        "items",
                        Node::Seq(vec![map([
                            (
                                "fieldRef",
                                map([
                                    ("apiVersion", s("v1")),
                                    ("fieldPath", s("metadata.namespace")),
                                ]),
                            ),
                            ("path", s("namespace")),
                        ])]),
                    )]),
                )]),
            ]),
        ),
    ])
}

/// A toleration as the API writes it (empty fields omitted).
fn toleration(t: &Toleration) -> Node<'_> {
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

fn requirement(r: &NodeSelectorRequirement) -> Node<'_> {
    let mut v = map([
        ("key", s(r.key.as_str())),
        ("operator", s(r.operator.as_str())),
    ]);
    if !r.values.is_empty() {
        set(
            &mut v,
            "values",
            Node::Seq(r.values.iter().map(|x| s(x.as_str())).collect()),
        );
    }
    v
}

fn term(t: &NodeSelectorTerm) -> Node<'_> {
    let mut v = empty();
    for (key, list) in [
        ("matchExpressions", &t.match_expressions),
        ("matchFields", &t.match_fields),
    ] {
        if !list.is_empty() {
            set(
                &mut v,
                key,
                Node::Seq(list.iter().map(requirement).collect()),
            );
        }
    }
    v
}

/// `spec.affinity.nodeAffinity` from the simulated pod.
fn node_affinity(a: &taintlab_core::api::NodeAffinity) -> Node<'_> {
    let mut v = empty();
    if let Some(required) = &a.required_during_scheduling_ignored_during_execution {
        let terms = required.node_selector_terms.iter().map(term).collect();
        set(
            &mut v,
            "requiredDuringSchedulingIgnoredDuringExecution",
            map([("nodeSelectorTerms", Node::Seq(terms))]),
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
            Node::Seq(preferred),
        );
    }
    v
}

/// A quantity the simulation holds without its written form: bytes in binary
/// form, everything else in decimal form.
fn resource_quantity(resource: &str, q: Quantity) -> Node<'static> {
    if resource == "memory" || resource == "ephemeral-storage" || resource.starts_with("hugepages-")
    {
        s(super::meta::binary_quantity(q))
    } else {
        s(super::meta::quantity(q))
    }
}

fn resource_list(list: &BTreeMap<String, Quantity>) -> Node<'_> {
    let mut v = empty();
    for (k, q) in list {
        set(&mut v, k, resource_quantity(k, *q));
    }
    v
}

/// A container from the simulated pod alone (no applied text to start from).
fn typed_container(c: &taintlab_core::api::Container) -> Node<'_> {
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
        set(&mut v, "ports", Node::Seq(ports));
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
fn overlay_spec<'a>(base: Option<Node<'a>>, typed: &'a PodSpec) -> Node<'a> {
    let mut spec = base.filter(Node::is_mapping).unwrap_or_else(empty);
    // Left `null` in place: replaced below whenever the key was there.
    let mut written_containers = spec.get_mut("containers").map(std::mem::take);
    let containers: Vec<Node<'a>> = typed
        .containers
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let written = written_containers
                .as_mut()
                .and_then(|cs| cs.item_mut(i))
                .filter(|w| str_of(w, "name") == c.name)
                .map(std::mem::take);
            let mut v = written.unwrap_or_else(|| typed_container(c));
            set(&mut v, "image", s(c.image.as_str()));
            v
        })
        .collect();
    if !containers.is_empty() || spec.get("containers").is_some() {
        set(&mut spec, "containers", Node::Seq(containers));
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
        set(&mut spec, "tolerations", Node::Seq(list));
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
        set(&mut spec, "hostNetwork", Node::Bool(true));
    }
    spec
}

/// Models `SetDefaults_Container` (plus `SetDefaults_ContainerPort`, probes,
/// handlers and `ObjectFieldSelector` inside it), and canonical quantities.
fn default_container(c: &mut Node<'_>, host_network_ports: bool) {
    let policy = pull_policy(str_of(c, "image"));
    default(c, "imagePullPolicy", s(policy));
    default(c, "terminationMessagePath", s("/dev/termination-log"));
    default(c, "terminationMessagePolicy", s("File"));
    let resources = child(c, "resources");
    for list in ["limits", "requests"] {
        if let Some(Node::Map(m)) = resources.get_mut(list) {
            for (_, q) in m.iter_mut() {
                let canonical = match q {
                    Node::Str(t) => canonical_text(t),
                    Node::Number(n) => Some(canonical_quantity(&n.to_string())),
                    Node::Int(i) => Some(canonical_quantity(&i.to_string())),
                    _ => continue,
                };
                if let Some(canonical) = canonical {
                    *q = s(canonical);
                }
            }
        }
    }
    for port in items_mut(c, "ports") {
        default(port, "protocol", s("TCP"));
        if host_network_ports && port.get("hostPort").is_none() {
            let container_port = port.get("containerPort").cloned().unwrap_or(Node::Null);
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

/// [`canonical_quantity`] of `text` when it differs from `text`. Most quantities
/// are written canonically already and a listing's pods repeat the same few:
/// the answers are kept, so that those stay borrowed and are parsed once.
fn canonical_text(text: &str) -> Option<String> {
    thread_local! {
        static KNOWN: RefCell<Vec<(String, Option<String>)>> = const { RefCell::new(Vec::new()) };
    }
    KNOWN.with_borrow_mut(|known| {
        if let Some((_, canonical)) = known.iter().find(|(t, _)| t == text) {
            return canonical.clone();
        }
        let canonical = canonical_quantity(text);
        let canonical = (canonical != text).then_some(canonical);
        // A handful at most, whatever the cluster holds.
        if known.len() >= 16 {
            known.clear();
        }
        known.push((text.to_string(), canonical.clone()));
        canonical
    })
}

/// Models `SetDefaults_HTTPGetAction`.
fn default_handler(h: &mut Node<'_>) {
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
fn default_volume(v: &mut Node<'_>) {
    let has_source = v
        .as_map()
        .is_some_and(|m| m.iter().any(|(k, _)| k != "name"));
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
fn default_spec(spec: &mut Node<'_>, host_network_ports: bool) {
    default(spec, "dnsPolicy", s("ClusterFirst"));
    default(spec, "restartPolicy", s("Always"));
    default(spec, "terminationGracePeriodSeconds", int(30));
    default(spec, "schedulerName", s("default-scheduler"));
    if spec.get("securityContext").is_none_or(Node::is_null) {
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
        .map(Node::of)
        .filter(Node::is_mapping)
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
        set(&mut meta, "creationTimestamp", Node::Null);
    }
    let written_spec = written.and_then(|t| t.get("spec")).map(Node::of);
    let mut spec = overlay_spec(written_spec, &typed.spec);
    default_spec(&mut spec, false);
    map([("metadata", meta), ("spec", spec)]).to_value()
}

/// A pod template of a kind taintlab only stores (StatefulSet, Job, CronJob):
/// defaulted as the API server defaults templates.
pub fn default_template(template: &mut Value, minor: u32) {
    let mut node = Node::owned(template);
    let meta = child(&mut node, "metadata");
    if minor < 34 {
        set(meta, "creationTimestamp", Node::Null);
    }
    default_spec(child(&mut node, "spec"), false);
    *template = node.to_value();
}

/// The pod's spec as written: its own applied text, a static pod's manifest, or
/// its controller's template.
fn written_spec<'a>(
    cluster: &'a Cluster,
    pod: &Pod,
    applied: Option<&'a Value>,
) -> (Option<Node<'a>>, Option<Node<'a>>) {
    let ns = &pod.metadata.namespace;
    if pod.is_mirror() {
        // The manifest that made it, found by its hash: only that one is read.
        let manifest = cluster
            .node_runtime(&pod.spec.node_name)
            .and_then(|r| r.manifest_of(pod))
            .and_then(|text| taintlab_core::decode::yaml::parse(text).ok());
        let part = |key: &str| manifest.as_ref().and_then(|m| m.get(key)).map(Node::owned);
        return (part("metadata"), part("spec"));
    }
    if let Some(owner) = pod.metadata.controller_of() {
        let template_spec = |kind: &str, name: &str| {
            cluster
                .applied_config(kind, ns, name)
                .and_then(|v| v.get("spec"))
                .and_then(|s| s.get("template"))
                .and_then(|t| t.get("spec"))
                .map(Node::of)
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
    match applied {
        Some(applied) => (
            applied.get("metadata").map(Node::of),
            applied.get("spec").map(Node::of),
        ),
        None => (None, None),
    }
}

/// Models the `ServiceAccount` admission plugin: `serviceAccountName: default`
/// and, unless automounting is off, the projected token volume
/// (`kube-api-access-XXXXX`) mounted read-only in every container. Mirror pods
/// are left alone.
fn service_account(spec: &mut Node<'_>, pod: &Pod) {
    default(spec, "serviceAccountName", s("default"));
    let account = spec
        .get("serviceAccountName")
        .cloned()
        .filter(|a| a.as_str().is_some())
        .unwrap_or(s(""));
    set(spec, "serviceAccount", account);
    if matches!(
        spec.get("automountServiceAccountToken"),
        Some(Node::Bool(false))
    ) {
        return;
    }
    let name = format!("kube-api-access-{}", suffix(&pod.metadata.uid));
    let volume = token_volume(name.clone());
    match spec.get_mut("volumes") {
        Some(Node::Seq(volumes)) => volumes.push(volume),
        _ => set(spec, "volumes", Node::Seq(vec![volume])),
    }
    for list in ["initContainers", "containers"] {
        for c in items_mut(spec, list) {
            let mounted = c
                .get("volumeMounts")
                .and_then(Node::as_seq)
                .is_some_and(|ms| {
                    ms.iter()
                        .any(|m| str_of(m, "mountPath") == TOKEN_MOUNT_PATH)
                });
            if mounted {
                continue;
            }
            let mount = map([
                ("mountPath", s(TOKEN_MOUNT_PATH)),
                ("name", s(name.clone())),
                ("readOnly", Node::Bool(true)),
            ]);
            match c.get_mut("volumeMounts") {
                Some(Node::Seq(mounts)) => mounts.push(mount),
                _ => set(c, "volumeMounts", Node::Seq(vec![mount])),
            }
        }
    }
}

/// Models `v1qos.GetPodQOS` over the (defaulted) containers.
fn qos_class(spec: &Node<'_>) -> &'static str {
    // The quantities as written, borrowed: this runs for every pod of a listing.
    let mut requests: BTreeMap<&str, Cow<'_, str>> = BTreeMap::new();
    let mut limits: BTreeMap<&str, Cow<'_, str>> = BTreeMap::new();
    let mut guaranteed = true;
    let containers = ["initContainers", "containers"]
        .into_iter()
        .filter_map(|l| spec.get(l).and_then(Node::as_seq))
        .flatten();
    for c in containers {
        // The CPU and memory quantities of a list that are not zero.
        let list = |name: &str| {
            c.get("resources")
                .and_then(|r| r.get(name))
                .and_then(Node::as_map)
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| {
                    let text = match v.as_str() {
                        Some(text) => Cow::Borrowed(text),
                        None => Cow::Owned(v.as_i64()?.to_string()),
                    };
                    let zero = Quantity::parse(text.trim()).is_ok_and(Quantity::is_zero);
                    ((k == "cpu" || k == "memory") && !zero).then_some((k.as_ref(), text))
                })
        };
        for (k, v) in list("requests") {
            requests.insert(k, v);
        }
        let (mut cpu, mut memory) = (false, false);
        for (k, v) in list("limits") {
            cpu |= k == "cpu";
            memory |= k == "memory";
            limits.insert(k, v);
        }
        if !(cpu && memory) {
            guaranteed = false;
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
fn requests_from_limits(spec: &mut Node<'_>) {
    for list in ["initContainers", "containers"] {
        for c in items_mut(spec, list) {
            let resources = child(c, "resources");
            let Some(limits) = resources.get("limits").and_then(Node::as_map).cloned() else {
                continue;
            };
            let requests = child(resources, "requests");
            for (k, v) in limits {
                if requests.get(&k).is_none() {
                    set(requests, k, v);
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

/// [`normalize_image`] and [`image_id`] of `image`, kept from the last call:
/// the pods of a listing mostly run the same images.
fn image_names(image: &str) -> (String, String) {
    thread_local! {
        static LAST: RefCell<(String, String, String)> = const {
            RefCell::new((String::new(), String::new(), String::new()))
        };
    }
    LAST.with_borrow_mut(|(last, normalized, id)| {
        if last.is_empty() || last != image {
            *last = image.to_string();
            *normalized = normalize_image(image);
            *id = image_id(image);
        }
        (normalized.clone(), id.clone())
    })
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
pub fn pod(lookup: &Lookup<'_>, pod: &Pod) -> Value {
    pod_node(lookup, pod).to_value()
}

/// [`pod`] as a [`Node`], which the printers write without building the `Value`.
pub fn pod_node<'a, 'c: 'a>(lookup: &Lookup<'c>, pod: &'a Pod) -> Node<'a> {
    let cluster = lookup.cluster();
    let minor = cluster.version().minor;
    // The pod's own applied text, looked up once: its spec, its metadata and
    // the last-applied annotation all come from it.
    let applied = cluster.applied_config("Pod", &pod.metadata.namespace, &pod.metadata.name);
    let (written_meta, written) = written_spec(cluster, pod, applied);
    let mut spec = overlay_spec(written, &pod.spec);
    requests_from_limits(&mut spec);
    // `defaultHostNetworkPorts` runs for pods (`SetDefaults_Pod`), not templates.
    default_spec(&mut spec, pod.spec.host_network);
    default(&mut spec, "enableServiceLinks", Node::Bool(true));
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

    let user_pod = applied.is_some() && pod.metadata.controller_of().is_none() && !pod.is_mirror();
    let mut extra = Vec::new();
    if let (true, Some(applied)) = (user_pod, applied) {
        extra.push((
            LAST_APPLIED,
            last_applied(applied, Some(&pod.metadata.namespace)),
        ));
    }
    let mut extra_label = None;
    if let Some(owner) = pod.metadata.controller_of()
        && owner.kind == "DaemonSet"
        && let Some(ds) = cluster.daemon_sets().find(|d| d.metadata.uid == owner.uid)
        && pod.metadata.labels.get("controller-revision-hash")
            == Some(&taintlab_core::names::compute_hash(&ds.spec.template))
        && !pod.metadata.labels.contains_key("pod-template-generation")
    {
        // Models `util.CreatePodTemplate`: daemon pods carry the template generation.
        extra_label = Some((
            "pod-template-generation",
            ds.metadata.generation.max(1).to_string(),
        ));
    }
    // Pods have a generation from v1.33 (KEP-5067); a graceful delete bumps it.
    let generation = (minor >= 33).then_some(1 + u64::from(pod.metadata.deleted.is_some()));
    let applied_meta = if user_pod {
        applied.and_then(|a| a.get("metadata")).map(Node::of)
    } else {
        written_meta
    };
    let meta = metadata_node(
        &pod.metadata,
        applied_meta,
        true,
        generation,
        extra,
        extra_label,
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

fn condition<'a>(
    type_: &'a str,
    status: &'a str,
    at: Time,
    reason: impl Into<Cow<'a, str>>,
    message: impl Into<Cow<'a, str>>,
    observed: Option<i64>,
) -> Node<'a> {
    let (reason, message) = (reason.into(), message.into());
    let mut v = map([
        ("lastProbeTime", Node::Null),
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
fn status<'a>(lookup: &Lookup<'_>, pod: &'a Pod, spec: &Node<'a>) -> Node<'a> {
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
            conditions.push(condition(type_, status, at, reason, message, observed));
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
        set(&mut v, "conditions", Node::Seq(conditions));
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
        set(&mut v, "containerStatuses", Node::Seq(statuses));
    }
    if !st.host_ip.is_empty() {
        set(&mut v, "hostIP", s(st.host_ip.as_str()));
        if minor >= 29 {
            set(
                &mut v,
                "hostIPs",
                Node::Seq(vec![map([("ip", s(st.host_ip.as_str()))])]),
            );
        }
    }
    if !st.nominated_node_name.is_empty() {
        set(
            &mut v,
            "nominatedNodeName",
            s(st.nominated_node_name.as_str()),
        );
    }
    set(&mut v, "phase", s(st.phase.as_str()));
    if !st.pod_ip.is_empty() {
        set(&mut v, "podIP", s(st.pod_ip.as_str()));
        set(
            &mut v,
            "podIPs",
            Node::Seq(vec![map([("ip", s(st.pod_ip.as_str()))])]),
        );
    }
    set(&mut v, "qosClass", s(qos_class(spec)));
    if let Some(started) = st.start_time {
        set(&mut v, "startTime", time(started));
    }
    v
}

/// One `containerStatuses[]` entry (`convertToAPIContainerStatuses`).
fn container_status<'a>(
    pod: &'a Pod,
    c: &'a taintlab_core::api::ContainerStatus,
    spec: &Node<'a>,
    minor: u32,
) -> Node<'a> {
    let mut v = map([
        ("lastState", empty()),
        ("name", s(c.name.as_str())),
        ("ready", Node::Bool(c.ready)),
        ("restartCount", int(i64::from(c.restart_count))),
    ]);
    let container = spec
        .get("containers")
        .and_then(Node::as_seq)
        .and_then(|cs| cs.iter().find(|x| str_of(x, "name") == c.name));
    // RecursiveReadOnlyMounts (beta, on from v1.31): the mounts, whatever the state.
    if minor >= 31 {
        let mounts: Vec<Node<'_>> = container
            .and_then(|x| x.get("volumeMounts"))
            .and_then(Node::as_seq)
            .map(|ms| ms.iter().map(volume_mount_status).collect())
            .unwrap_or_default();
        if !mounts.is_empty() {
            set(&mut v, "volumeMounts", Node::Seq(mounts));
        }
    }
    match &c.state {
        ContainerState::Waiting(reason) => {
            set(&mut v, "image", s(c.image.as_str()));
            set(&mut v, "imageID", s(""));
            set(&mut v, "started", Node::Bool(false));
            let waiting = map([("reason", s(reason.as_str()))]);
            set(&mut v, "state", map([("waiting", waiting)]));
        }
        ContainerState::Running(since) => {
            let id = hex64(&format!("{}/{}", pod.metadata.uid, c.name));
            set(&mut v, "containerID", s(format!("containerd://{id}")));
            let (image, id) = image_names(&c.image);
            set(&mut v, "image", s(image));
            set(&mut v, "imageID", s(id));
            set(&mut v, "started", Node::Bool(true));
            let running = map([("startedAt", time(*since))]);
            set(&mut v, "state", map([("running", running)]));
            // InPlacePodVerticalScaling (beta, on from v1.33): the resources the
            // container runs with (`convertContainerStatusResources`).
            if minor >= 33 {
                set(&mut v, "resources", status_resources(container));
            }
            // SupplementalGroupsPolicy (beta, on from v1.33), as containerd 2 reports it.
            if minor >= 33 {
                thread_local! {
                    static USER: Rc<Node<'static>> = Rc::new(map([(
                        "linux",
                        map([
                            ("gid", int(0)),
                            ("supplementalGroups", Node::Seq(vec![int(0)])),
                            ("uid", int(0)),
                        ]),
                    )]));
                }
                set(&mut v, "user", Node::Shared(USER.with(Rc::clone)));
            }
        }
        ContainerState::Terminated(reason) => {
            set(&mut v, "image", s(normalize_image(&c.image)));
            set(&mut v, "imageID", s(image_id(&c.image)));
            set(&mut v, "started", Node::Bool(false));
            let exit_code = if reason == "Completed" { 0 } else { 1 };
            let terminated = map([("exitCode", int(exit_code)), ("reason", s(reason.as_str()))]);
            set(&mut v, "state", map([("terminated", terminated)]));
        }
    }
    v
}

/// A `VolumeMountStatus`: name, path, and for read-only mounts the recursive
/// read-only mode (`Disabled` unless the mount asks for it).
fn volume_mount_status<'a>(mount: &Node<'a>) -> Node<'a> {
    // The strings are the mount's own (borrowed from the applied text).
    let text = |key: &str| match mount.get(key) {
        Some(Node::Str(t)) => Node::Str(t.clone()),
        _ => s(""),
    };
    let mut v = map([("mountPath", text("mountPath")), ("name", text("name"))]);
    if matches!(mount.get("readOnly"), Some(Node::Bool(true))) {
        set(&mut v, "readOnly", Node::Bool(true));
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
fn status_resources<'a>(container: Option<&Node<'a>>) -> Node<'a> {
    let mut v = empty();
    for list in ["limits", "requests"] {
        let Some(m @ Node::Map(_)) = container
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
        if out.as_map().is_some_and(|m| !m.is_empty()) {
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
