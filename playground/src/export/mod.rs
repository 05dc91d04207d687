//! Export: the simulated scenario as one shell script that rebuilds it on a real
//! cluster made with kind (<https://kind.sigs.k8s.io>).
//!
//! The script writes two files and runs the tools:
//!
//! - `kind.yaml`, a `kind.x-k8s.io/v1alpha4` Cluster with one kind node per
//!   simulated node (control planes first, then workers). Labels go in kind's
//!   `nodes[].labels`, which kind hands to the kubelet's `--node-labels`; the
//!   kubelet refuses labels in the `kubernetes.io` and `k8s.io` namespaces there,
//!   so those are set with `kubectl label` instead. Taints go in kubeadm's
//!   `nodeRegistration.taints` through `kubeadmConfigPatches`
//!   (`InitConfiguration` for the first control plane, `JoinConfiguration` for
//!   the others), so nodes register already tainted.
//! - `manifests.yaml`, the objects of the scenario as last applied (editor or
//!   terminal); objects made by commands (`kubectl run`, `create deployment`)
//!   are written from their live state without what the server filled in.
//!
//! Then `kind create cluster`, `kubectl label|taint|cordon` for what the config
//! cannot say, static pod files written into the node containers, `kubectl apply`,
//! and `systemctl stop kubelet` on nodes whose kubelet was stopped.
//!
//! What the commands must fix is found by reading the generated `kind.yaml` with
//! taintlab's own model of kind and kubeadm ([`Cluster::from_config`]) and
//! comparing its nodes with the simulated ones, so the two stay in step.
//!
//! kind names nodes itself (`taintlab-control-plane`, `taintlab-worker2`), so
//! node names in pod specs (`nodeName`, a `kubernetes.io/hostname` selector,
//! `metadata.name` fields in node affinity) are rewritten to the kind names.
//! The script rebuilds the final setup, not its history: a pod that was placed
//! before a taint was added may land elsewhere, and the clock starts anew.

mod host_access;
mod manifests;
#[cfg(test)]
mod nasty_tests;
mod script;
#[cfg(test)]
mod tests;

pub use script::{CONFIRM_VAR, sh_quote};

use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::{Node, Taint};
use taintlab_core::cluster::{STATIC_POD_PATH, lifecycle_taint};
use taintlab_core::version::KubeVersion;

/// The name the UI gives the downloaded script.
pub const SCRIPT_NAME: &str = "taintlab-kind.sh";

/// The kind cluster's name; its nodes are named after it.
pub const CLUSTER: &str = "taintlab";

/// Labels the kubelet sets from the machine it runs on: the real machine decides
/// them (`kubernetes.io/arch` is `arm64` on an ARM laptop), so they are not copied.
const KUBELET_LABELS: [&str; 5] = [
    "kubernetes.io/hostname",
    "kubernetes.io/os",
    "kubernetes.io/arch",
    "beta.kubernetes.io/os",
    "beta.kubernetes.io/arch",
];

/// Static pods kubeadm runs on a kind control plane: never overwritten.
const CONTROL_PLANE_MANIFESTS: [&str; 4] = [
    "etcd.yaml",
    "kube-apiserver.yaml",
    "kube-controller-manager.yaml",
    "kube-scheduler.yaml",
];

/// A static pod manifest to write on a kind node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticPod {
    /// The kind node's name.
    pub node: String,
    /// The file's name under `/etc/kubernetes/manifests`.
    pub file: String,
    /// Its content.
    pub content: String,
}

/// A pod the script would run that can reach the machine kind runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostAccess {
    /// Which pod: `static pod /etc/kubernetes/manifests/FILE on NODE`, or
    /// `KIND NAME in manifests.yaml` (the object that makes the pods).
    pub what: String,
    /// What it asks for (`privileged`, `hostPath volume`, `hostNetwork`, ...).
    pub how: Vec<&'static str>,
}

/// The scenario, ready for a real cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The simulated Kubernetes version.
    pub version: KubeVersion,
    /// Each simulated node's name and the name kind gives its counterpart.
    pub nodes: Vec<(String, String)>,
    /// A kind control plane with no simulated counterpart (kind needs one).
    pub extra_control_plane: Option<String>,
    /// `kind.yaml`.
    pub kind_config: String,
    /// `manifests.yaml` (empty when there is nothing to apply).
    pub manifests: String,
    /// Workload objects whose pod spec named nodes by their simulated names.
    pub renamed: Vec<String>,
    /// `kubectl label|taint|cordon` lines for what `kind.yaml` cannot say.
    pub commands: Vec<String>,
    /// Static pod files to write.
    pub static_pods: Vec<StaticPod>,
    /// kind nodes whose kubelet is stopped in the simulation.
    pub stopped: Vec<String>,
    /// Pods that can reach the user's machine: the script names them and asks
    /// before it changes anything.
    pub host_access: Vec<HostAccess>,
}

/// Whether the node is a control plane (kubeadm's role labels, either spelling).
fn is_control_plane(node: &Node) -> bool {
    [
        "node-role.kubernetes.io/control-plane",
        "node-role.kubernetes.io/master",
    ]
    .iter()
    .any(|l| node.metadata.labels.contains_key(*l))
}

/// kind's node name for the `n`th (from 1) node of a role.
fn kind_name(control_plane: bool, n: usize) -> String {
    let role = if control_plane {
        "control-plane"
    } else {
        "worker"
    };
    match n {
        1 => format!("{CLUSTER}-{role}"),
        n => format!("{CLUSTER}-{role}{n}"),
    }
}

/// Whether the kubelet may set `key` through `--node-labels`: keys outside the
/// `kubernetes.io` and `k8s.io` namespaces (models the check in
/// `cmd/kubelet/app/options: ValidateKubeletFlags`; the allowed keys inside
/// those namespaces are the kubelet's own, which kind sets anyway).
fn kubelet_may_set(key: &str) -> bool {
    let Some((namespace, _)) = key.split_once('/') else {
        return true;
    };
    let k8s = |domain: &str| namespace == domain || namespace.ends_with(&format!(".{domain}"));
    !k8s("kubernetes.io") && !k8s("k8s.io")
}

/// The taints a user set (not the node-lifecycle controller's).
fn user_taints(node: &Node) -> Vec<&Taint> {
    node.spec
        .taints
        .iter()
        .filter(|t| !lifecycle_taint(t))
        .collect()
}

fn taint_value(t: &Taint) -> Value {
    let mut m = Mapping::new();
    m.insert("key".into(), t.key.as_str().into());
    if !t.value.is_empty() {
        m.insert("value".into(), t.value.as_str().into());
    }
    m.insert("effect".into(), t.effect.as_str().into());
    Value::Mapping(m)
}

/// `key=value:Effect`, as `kubectl taint` reads it.
fn taint_arg(t: &Taint) -> String {
    if t.value.is_empty() {
        format!("{}:{}", t.key, t.effect.as_str())
    } else {
        format!("{}={}:{}", t.key, t.value, t.effect.as_str())
    }
}

/// The scenario in `cluster`, for kind.
pub fn export(cluster: &Cluster) -> Export {
    let version = cluster.version();
    let (control_planes, workers): (Vec<&Node>, Vec<&Node>) =
        cluster.nodes().partition(|n| is_control_plane(n));
    let mut nodes = Vec::new();
    let mut kind_nodes = Vec::new();
    let extra_control_plane = control_planes.is_empty().then(|| kind_name(true, 1));
    if extra_control_plane.is_some() {
        kind_nodes.push(kind_node(true, None, true, version));
    }
    for (i, node) in control_planes.iter().enumerate() {
        nodes.push((node.metadata.name.clone(), kind_name(true, i + 1)));
        kind_nodes.push(kind_node(true, Some(node), i == 0, version));
    }
    for (i, node) in workers.iter().enumerate() {
        nodes.push((node.metadata.name.clone(), kind_name(false, i + 1)));
        kind_nodes.push(kind_node(false, Some(node), false, version));
    }
    let mut config = Mapping::new();
    config.insert("kind".into(), "Cluster".into());
    config.insert("apiVersion".into(), "kind.x-k8s.io/v1alpha4".into());
    config.insert("name".into(), CLUSTER.into());
    if !cluster.feature_gates().is_empty() {
        let gates: Mapping = cluster
            .feature_gates()
            .iter()
            .map(|(k, v)| (Value::from(k.as_str()), Value::from(*v)))
            .collect();
        config.insert("featureGates".into(), Value::Mapping(gates));
    }
    config.insert("nodes".into(), Value::Sequence(kind_nodes));
    let kind_config = serde_yaml::to_string(&Value::Mapping(config)).unwrap_or_default();

    let names: BTreeMap<String, String> = nodes.iter().cloned().collect();
    let modeled = Cluster::from_config(&kind_config).ok();
    let mut commands = Vec::new();
    for (simulated, kind) in &nodes {
        let (Some(node), Some(model)) = (
            cluster.node(simulated),
            modeled.as_ref().and_then(|m| m.node(kind)),
        ) else {
            continue;
        };
        commands.extend(fixes(node, model, kind));
    }
    let mut static_pods = Vec::new();
    let mut stopped = Vec::new();
    let mut host_access = Vec::new();
    for (simulated, kind) in &nodes {
        let Some(runtime) = cluster.node_runtime(simulated) else {
            continue;
        };
        for (file, content) in &runtime.manifests {
            if kind.contains("control-plane") && CONTROL_PLANE_MANIFESTS.contains(&file.as_str()) {
                continue;
            }
            let how = host_access::scan_text(content);
            if !how.is_empty() {
                host_access.push(HostAccess {
                    what: format!("static pod {STATIC_POD_PATH}/{file} on {kind}"),
                    how,
                });
            }
            static_pods.push(StaticPod {
                node: kind.clone(),
                file: file.clone(),
                content: content.clone(),
            });
        }
        if !runtime.kubelet_running {
            stopped.push(kind.clone());
        }
    }
    let (objects, renamed) = manifests::manifests(cluster, &names);
    for object in &objects {
        let mut how = Vec::new();
        host_access::scan(object, &mut how);
        if !how.is_empty() {
            host_access.push(HostAccess {
                what: format!("{} in manifests.yaml", object_name(object)),
                how,
            });
        }
    }
    let manifests = objects
        .iter()
        .map(|o| serde_yaml::to_string(o).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("---\n");
    Export {
        version,
        nodes,
        extra_control_plane,
        kind_config,
        manifests,
        renamed,
        commands,
        static_pods,
        stopped,
        host_access,
    }
}

/// `KIND NAME` or `KIND NAMESPACE/NAME` of an object to apply.
fn object_name(object: &Value) -> String {
    let field = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
    let kind = field(object.get("kind"));
    let meta = object.get("metadata");
    let name = field(meta.and_then(|m| m.get("name")));
    match field(meta.and_then(|m| m.get("namespace"))).as_str() {
        "" => format!("{kind} {name}"),
        namespace => format!("{kind} {namespace}/{name}"),
    }
}

/// One entry of `nodes:` in the kind config.
fn kind_node(control_plane: bool, node: Option<&Node>, init: bool, version: KubeVersion) -> Value {
    let mut entry = Mapping::new();
    let role = if control_plane {
        "control-plane"
    } else {
        "worker"
    };
    entry.insert("role".into(), role.into());
    let Some(node) = node else {
        return Value::Mapping(entry);
    };
    let labels: Mapping = node
        .metadata
        .labels
        .iter()
        .filter(|(k, _)| kubelet_may_set(k))
        .map(|(k, v)| (Value::from(k.as_str()), Value::from(v.as_str())))
        .collect();
    if !labels.is_empty() {
        entry.insert("labels".into(), Value::Mapping(labels));
    }
    let taints = user_taints(node);
    let defaults = if control_plane {
        taintlab_core::cluster::control_plane_taints(version)
    } else {
        Vec::new()
    };
    let is_default = taints.len() == defaults.len() && taints.iter().all(|t| defaults.contains(t));
    if !is_default {
        let mut registration = Mapping::new();
        registration.insert(
            "taints".into(),
            Value::Sequence(taints.iter().map(|t| taint_value(t)).collect()),
        );
        let mut patch = Mapping::new();
        let kind = if init {
            "InitConfiguration"
        } else {
            "JoinConfiguration"
        };
        patch.insert("kind".into(), kind.into());
        patch.insert("nodeRegistration".into(), Value::Mapping(registration));
        let text = serde_yaml::to_string(&Value::Mapping(patch)).unwrap_or_default();
        entry.insert(
            "kubeadmConfigPatches".into(),
            Value::Sequence(vec![Value::String(text)]),
        );
    }
    Value::Mapping(entry)
}

/// The commands that turn kind's node (as modeled) into the simulated one.
fn fixes(node: &Node, model: &Node, kind: &str) -> Vec<String> {
    // kind's own names are plain words; quoting keeps that true whatever happens.
    let kind = sh_quote(kind);
    let mut out = Vec::new();
    let copied = |k: &str| !KUBELET_LABELS.contains(&k);
    let mut labels = Vec::new();
    let mut overwrite = false;
    for (k, v) in node.metadata.labels.iter().filter(|(k, _)| copied(k)) {
        match model.metadata.labels.get(k) {
            Some(have) if have == v => {}
            have => {
                overwrite |= have.is_some();
                labels.push(sh_quote(&format!("{k}={v}")));
            }
        }
    }
    for k in model.metadata.labels.keys().filter(|k| copied(k)) {
        if !node.metadata.labels.contains_key(k) {
            labels.push(sh_quote(&format!("{k}-")));
        }
    }
    if !labels.is_empty() {
        let flag = if overwrite { " --overwrite" } else { "" };
        out.push(format!(
            "kubectl label nodes {kind} {}{flag}",
            labels.join(" ")
        ));
    }
    let (want, have) = (user_taints(node), user_taints(model));
    for t in have.iter().filter(|t| !want.contains(t)) {
        out.push(format!(
            "kubectl taint nodes {kind} {}",
            sh_quote(&format!("{}:{}-", t.key, t.effect.as_str()))
        ));
    }
    for t in want.iter().filter(|t| !have.contains(t)) {
        out.push(format!(
            "kubectl taint nodes {kind} {}",
            sh_quote(&taint_arg(t))
        ));
    }
    if node.spec.unschedulable && !model.spec.unschedulable {
        out.push(format!("kubectl cordon {kind}"));
    }
    out
}
