//! How a cluster starts: the tutorial's two nodes, a list of Node objects, or a
//! kind cluster config (`kind.x-k8s.io/v1alpha4`).

use super::Cluster;
use crate::api::{Node, Taint, TaintEffect};
use crate::decode::{Object, decode};
use crate::diagnostic::{Diagnostic, Severity};
use crate::version::KubeVersion;
use serde_yaml::Value;
use std::collections::BTreeMap;

const MASTER: &str = "node-role.kubernetes.io/master";
const CONTROL_PLANE: &str = "node-role.kubernetes.io/control-plane";

/// The role labels kubeadm puts on a control-plane node of `version` (KEP-2067).
pub fn control_plane_labels(version: KubeVersion) -> Vec<&'static str> {
    match version.minor {
        ..=19 => vec![MASTER],
        20..=23 => vec![CONTROL_PLANE, MASTER],
        _ => vec![CONTROL_PLANE],
    }
}

/// Whether `node` carries the `master` role label that kubeadm no longer puts on
/// nodes of `version` (dropped in v1.24, KEP-2067), as the tutorial's cluster does.
pub fn has_retired_master_label(node: &crate::api::Node, version: KubeVersion) -> bool {
    node.metadata.labels.contains_key(MASTER) && !control_plane_labels(version).contains(&MASTER)
}

/// The taints kubeadm puts on a control-plane node of `version` when
/// `nodeRegistration.taints` is not set (KEP-2067).
pub fn control_plane_taints(version: KubeVersion) -> Vec<Taint> {
    let keys: &[&str] = match version.minor {
        ..=23 => &[MASTER],
        24 => &[MASTER, CONTROL_PLANE],
        _ => &[CONTROL_PLANE],
    };
    keys.iter()
        .map(|k| Taint::new(k, "", TaintEffect::NoSchedule))
        .collect()
}

/// A node with kind's standard labels.
fn kind_node(name: &str, control_plane: bool, version: KubeVersion) -> Node {
    let mut node = Node::default();
    node.metadata.name = name.to_string();
    for (k, v) in [
        ("beta.kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("kubernetes.io/hostname", name),
        ("kubernetes.io/os", "linux"),
    ] {
        node.metadata.labels.insert(k.to_string(), v.to_string());
    }
    if control_plane {
        for label in control_plane_labels(version) {
            node.metadata
                .labels
                .insert(label.to_string(), String::new());
        }
        node.metadata.labels.insert(
            "node.kubernetes.io/exclude-from-external-load-balancers".to_string(),
            String::new(),
        );
    }
    node
}

impl Cluster {
    /// A new node joins, as `kubeadm join` makes one: kind's standard labels, and
    /// for a control-plane node the role labels and taints of this version. Returns
    /// false, changing nothing, if a node of that name exists or the name is not
    /// one the API server takes for a Node (a DNS-1123 subdomain, as
    /// `pkg/apis/core/validation: ValidateNodeName` checks).
    pub fn join_node(&mut self, name: &str, control_plane: bool) -> bool {
        self.settle_first();
        if self.node(name).is_some() || crate::api::identifiers::is_dns1123_subdomain(name).is_err()
        {
            return false;
        }
        let mut node = kind_node(name, control_plane, self.version());
        if control_plane {
            node.spec.taints = control_plane_taints(self.version());
        }
        self.add_node(node);
        self.reconcile();
        true
    }
}

fn config_error(path: &str, line: usize, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        document: 1,
        line,
        column: 1,
        path: path.to_string(),
        message,
    }
}

/// `nodeRegistration.taints` from kubeadm config patches: `None` when no patch sets
/// it (kubeadm's default applies), `Some(vec![])` for an explicit `[]`.
fn patched_taints(patches: &[&Value], wanted_kind: &str) -> Result<Option<Vec<Taint>>, String> {
    let mut taints = None;
    for patch in patches {
        let Some(text) = patch.as_str() else {
            return Err("kubeadmConfigPatches entries must be strings".to_string());
        };
        for doc in text.split("\n---") {
            let value: Value = crate::decode::yaml::parse(doc)
                .map_err(|e| format!("kubeadmConfigPatches: {e}"))?;
            if value.get("kind").and_then(Value::as_str) != Some(wanted_kind) {
                continue;
            }
            let Some(list) = value.get("nodeRegistration").and_then(|r| r.get("taints")) else {
                continue;
            };
            let mut parsed = Vec::new();
            for t in list.as_sequence().into_iter().flatten() {
                let field = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                let raw = crate::api::taint::RawTaint {
                    key: field("key"),
                    value: field("value"),
                    effect: field("effect"),
                };
                parsed
                    .push(Taint::try_from(raw).map_err(|e| format!("nodeRegistration.taints{e}"))?);
            }
            taints = Some(parsed);
        }
    }
    Ok(taints)
}

impl Cluster {
    /// A cluster of `version` with these nodes, each with a running kubelet.
    pub fn from_nodes(version: KubeVersion, nodes: Vec<Node>) -> Cluster {
        let mut cluster = Cluster::empty(version);
        for node in nodes {
            cluster.add_node(node);
        }
        cluster.reconcile();
        cluster
    }

    /// A cluster from a kind cluster config, or from Node objects (for example the
    /// output of `kubectl get nodes -o yaml`).
    pub fn from_config(text: &str) -> Result<Cluster, Vec<Diagnostic>> {
        let is_kind = crate::decode::yaml::parse(text)
            .ok()
            .is_some_and(|v| v.get("kind").and_then(Value::as_str) == Some("Cluster"));
        if is_kind {
            return Cluster::from_kind_config(text);
        }
        let decoded = decode(text)?;
        let mut nodes = Vec::new();
        let mut errors = Vec::new();
        for located in decoded.objects {
            match located.object {
                Object::Node(node) => nodes.push(node),
                other => errors.push(config_error(
                    "kind",
                    located.line,
                    format!(
                        "a cluster file holds Nodes or a kind Cluster, not a {}",
                        other.kind()
                    ),
                )),
            }
        }
        if nodes.len() > crate::limits::MAX_NODES {
            errors.push(config_error("", 1, crate::limits::Limit::Nodes.en()));
        }
        if nodes.is_empty() && errors.is_empty() {
            errors.push(config_error(
                "",
                1,
                "the cluster file holds no Node".to_string(),
            ));
        }
        if errors.is_empty() {
            Ok(Cluster::from_nodes(KubeVersion::default(), nodes))
        } else {
            Err(errors)
        }
    }

    /// Models kind's node naming and kubeadm's labels and taints for each node.
    fn from_kind_config(text: &str) -> Result<Cluster, Vec<Diagnostic>> {
        let value: Value = crate::decode::yaml::parse(text)
            .map_err(|e| vec![config_error("", e.line, e.message)])?;
        let api_version = value
            .get("apiVersion")
            .and_then(Value::as_str)
            .unwrap_or("");
        if api_version != "kind.x-k8s.io/v1alpha4" {
            return Err(vec![config_error(
                "apiVersion",
                1,
                format!(
                    "unknown apiVersion for kind Cluster: {api_version:?} (kind reads kind.x-k8s.io/v1alpha4)"
                ),
            )]);
        }
        let name = value.get("name").and_then(Value::as_str).unwrap_or("kind");
        // Models sigs.k8s.io/kind pkg/internal/apis/config: (*Cluster).Validate's
        // name check, in its words.
        let kind_name =
            |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-';
        if name.is_empty() || !name.chars().all(kind_name) {
            return Err(vec![config_error(
                "name",
                1,
                format!(
                    "'{}' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`",
                    crate::file_name::comment_text(name)
                ),
            )]);
        }
        let default_nodes = vec![Value::Mapping(
            [(Value::from("role"), Value::from("control-plane"))]
                .into_iter()
                .collect(),
        )];
        let nodes = value
            .get("nodes")
            .and_then(Value::as_sequence)
            .cloned()
            .unwrap_or(default_nodes);
        if nodes.len() > crate::limits::MAX_NODES {
            return Err(vec![config_error(
                "nodes",
                1,
                crate::limits::Limit::Nodes.en(),
            )]);
        }
        let version = nodes
            .iter()
            .find_map(|n| {
                n.get("image")
                    .and_then(Value::as_str)
                    .and_then(KubeVersion::parse)
            })
            .unwrap_or_default();
        let gates: BTreeMap<String, bool> = value
            .get("featureGates")
            .and_then(Value::as_mapping)
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_bool()?)))
                    .collect()
            })
            .unwrap_or_default();
        let cluster_patches: Vec<&Value> = value
            .get("kubeadmConfigPatches")
            .and_then(Value::as_sequence)
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        let (mut control_planes, mut workers) = (0, 0);
        let mut built = Vec::new();
        for (i, spec) in nodes.iter().enumerate() {
            let role = spec
                .get("role")
                .and_then(Value::as_str)
                .unwrap_or("control-plane");
            let control_plane = match role {
                "control-plane" => true,
                "worker" => false,
                other => {
                    return Err(vec![config_error(
                        &format!("nodes[{i}].role"),
                        1,
                        format!("unknown role {other:?}: kind nodes are control-plane or worker"),
                    )]);
                }
            };
            let node_name = if control_plane {
                control_planes += 1;
                match control_planes {
                    1 => format!("{name}-control-plane"),
                    n => format!("{name}-control-plane{n}"),
                }
            } else {
                workers += 1;
                match workers {
                    1 => format!("{name}-worker"),
                    n => format!("{name}-worker{n}"),
                }
            };
            // Models `ValidateNodeName`: kind's name rule lets through names the
            // API server refuses for a Node (`-x-control-plane`).
            if let Err(errors) = crate::api::identifiers::is_dns1123_subdomain(&node_name) {
                return Err(vec![config_error(
                    "name",
                    1,
                    format!(
                        "The Node \"{node_name}\" is invalid: metadata.name: Invalid value: \"{node_name}\": {}",
                        errors.join(", ")
                    ),
                )]);
            }
            let mut node = kind_node(&node_name, control_plane, version);
            if let Some(labels) = spec.get("labels").and_then(Value::as_mapping) {
                for (k, v) in labels {
                    if let (Some(k), Some(v)) = (
                        k.as_str(),
                        v.as_str()
                            .map(str::to_string)
                            .or_else(|| v.as_bool().map(|b| b.to_string())),
                    ) {
                        // Models cmd/kubelet/app/options: ValidateKubeletFlags: a
                        // bad `--node-labels` entry stops the kubelet, in its words.
                        let bad = crate::api::identifiers::is_qualified_name(k)
                            .map_err(|e| (k, e))
                            .and_then(|()| {
                                crate::api::identifiers::is_valid_label_value(&v)
                                    .map_err(|e| (&*v, e))
                            });
                        if let Err((what, errors)) = bad {
                            return Err(vec![config_error(
                                &format!("nodes[{i}].labels"),
                                1,
                                format!(
                                    "invalid node labels: '{}' - {}",
                                    crate::file_name::comment_text(what),
                                    errors.join(", ")
                                ),
                            )]);
                        }
                        node.metadata.labels.insert(k.to_string(), v);
                    }
                }
            }
            let mut patches = cluster_patches.clone();
            if let Some(own) = spec
                .get("kubeadmConfigPatches")
                .and_then(Value::as_sequence)
            {
                patches.extend(own.iter());
            }
            // The first control-plane node runs `kubeadm init`; the others join.
            let config_kind = if control_plane && control_planes == 1 {
                "InitConfiguration"
            } else {
                "JoinConfiguration"
            };
            let taints = patched_taints(&patches, config_kind).map_err(|e| {
                vec![config_error(
                    &format!("nodes[{i}].kubeadmConfigPatches"),
                    1,
                    e,
                )]
            })?;
            node.spec.taints = match taints {
                Some(taints) => taints,
                None if control_plane => control_plane_taints(version),
                None => Vec::new(),
            };
            built.push(node);
        }
        // kind untaints the control plane of a single-node cluster so workloads can run.
        if built.len() == 1 {
            built[0]
                .spec
                .taints
                .retain(|t| t.key != MASTER && t.key != CONTROL_PLANE);
        }
        let mut cluster = Cluster::from_nodes(version, built);
        cluster.feature_gates = gates;
        Ok(cluster)
    }

    /// The feature gates set in the simulated cluster (from a kind config).
    pub fn feature_gates(&self) -> &BTreeMap<String, bool> {
        &self.feature_gates
    }

    /// Whether a feature gate is on in the simulated cluster.
    pub fn feature_enabled(&self, gate: &str) -> bool {
        self.feature_gates.get(gate).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taints(c: &Cluster, node: &str) -> Vec<String> {
        c.node(node)
            .map(|n| n.spec.taints.iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    }

    fn kind(image: &str) -> String {
        format!(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: demo\nnodes:\n- role: control-plane\n  image: {image}\n- role: worker\n  image: {image}\n- role: worker\n  image: {image}\n"
        )
    }

    #[test]
    fn kind_names_and_control_plane_taints_follow_the_version() {
        let c = Cluster::from_config(&kind("kindest/node:v1.23.17")).expect("config");
        let names: Vec<&str> = c.nodes().map(|n| n.name()).collect();
        assert_eq!(names, ["demo-control-plane", "demo-worker", "demo-worker2"]);
        assert_eq!(
            taints(&c, "demo-control-plane"),
            ["node-role.kubernetes.io/master:NoSchedule"]
        );
        assert_eq!(
            c.node("demo-control-plane").map(|n| n.roles()),
            Some(vec!["control-plane".to_string(), "master".to_string()])
        );
        let c = Cluster::from_config(&kind("kindest/node:v1.24.7")).expect("config");
        assert_eq!(
            taints(&c, "demo-control-plane"),
            [
                "node-role.kubernetes.io/master:NoSchedule",
                "node-role.kubernetes.io/control-plane:NoSchedule"
            ]
        );
        assert_eq!(
            c.node("demo-control-plane").map(|n| n.roles()),
            Some(vec!["control-plane".to_string()])
        );
        let c = Cluster::from_config(&kind("kindest/node:v1.30.0")).expect("config");
        assert_eq!(
            taints(&c, "demo-control-plane"),
            ["node-role.kubernetes.io/control-plane:NoSchedule"]
        );
        assert_eq!(c.version(), KubeVersion::v1(30));
        assert!(taints(&c, "demo-worker").is_empty());
    }

    #[test]
    fn kubeadm_patches_set_taints_and_single_nodes_are_untainted() {
        let text = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n  kubeadmConfigPatches:\n  - |\n    kind: InitConfiguration\n    nodeRegistration:\n      taints: []\n- role: worker\n  labels:\n    disk: ssd\n  kubeadmConfigPatches:\n  - |\n    kind: JoinConfiguration\n    nodeRegistration:\n      taints:\n      - key: dedicated\n        value: gpu\n        effect: NoSchedule\n";
        let c = Cluster::from_config(text).expect("config");
        assert!(taints(&c, "kind-control-plane").is_empty());
        assert_eq!(taints(&c, "kind-worker"), ["dedicated=gpu:NoSchedule"]);
        assert_eq!(
            c.node("kind-worker")
                .and_then(|n| n.metadata.labels.get("disk"))
                .map(String::as_str),
            Some("ssd")
        );
        let single = Cluster::from_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n")
            .expect("config");
        assert_eq!(single.nodes().count(), 1);
        assert!(taints(&single, "kind-control-plane").is_empty());
    }

    #[test]
    fn nodes_from_kubectl_output_and_errors() {
        let c = Cluster::from_config(include_str!("../../tests/fixtures/kind-nodes.yaml"))
            .expect("nodes");
        assert_eq!(c.nodes().count(), 2);
        assert!(
            Cluster::from_config("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n").is_err()
        );
        assert!(
            Cluster::from_config(
                "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: boss\n"
            )
            .is_err()
        );
        assert!(Cluster::from_config("").is_err());
    }

    #[test]
    fn names_kind_and_the_api_server_refuse_are_errors() {
        let message = |text: &str| match Cluster::from_config(text) {
            Ok(_) => String::new(),
            Err(errors) => errors
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("\n"),
        };
        let kind = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n";
        assert_eq!(
            message(&format!("{kind}name: \"x; touch y\\n\"\n")),
            "'x; touch y\\u{a}' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`"
        );
        assert!(message(&format!("{kind}name: \"\"\n")).contains("is not a valid cluster name"));
        assert!(
            message(&format!("{kind}name: -x\n")).starts_with(
                "The Node \"-x-control-plane\" is invalid: metadata.name: Invalid value: \"-x-control-plane\": a lowercase RFC 1123 subdomain"
            ),
            "kind's rule lets a leading dash through; a Node name does not"
        );
        assert_eq!(
            message(&format!(
                "{kind}nodes:\n- role: control-plane\n  labels:\n    ok: \"$(touch x)\"\n"
            )),
            "invalid node labels: '$(touch x)' - a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        );
        assert!(
            message(&format!(
                "{kind}nodes:\n- role: control-plane\n  labels:\n    \"a b\": x\n"
            ))
            .starts_with("invalid node labels: 'a b' - name part must consist of")
        );
        let fine = Cluster::from_config(&format!("{kind}name: a.b-1\n")).expect("a valid name");
        assert!(fine.node("a.b-1-control-plane").is_some());
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    /// Every prefix of real cluster files, and a few mangled ones, gives a cluster
    /// or errors, never a panic.
    #[test]
    fn truncated_cluster_files_never_panic() {
        let kind = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: demo\nfeatureGates:\n  TaintTolerationComparisonOperators: true\nnodes:\n- role: control-plane\n  image: kindest/node:v1.24.7@sha256:abc\n  kubeadmConfigPatches:\n  - |\n    kind: InitConfiguration\n    nodeRegistration:\n      taints: [{key: a, value: b, effect: NoSchedule}]\n- role: worker\n  labels: {tier: x, flag: true}\n";
        let nodes = include_str!("../../tests/fixtures/kind-nodes.yaml");
        for text in [kind, nodes] {
            for (i, _) in text.char_indices() {
                let _ = Cluster::from_config(&text[..i]);
            }
        }
        for mangled in [
            kind.replace("role: worker", "role: 7"),
            kind.replace("taints: [", "taints: {"),
            kind.replace("effect: NoSchedule", "effect: Never"),
            kind.replace("v1.24.7", "vX.Y"),
            kind.replace("  - |\n", "  - 3\n"),
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: 5\n".to_string(),
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: []\n".to_string(),
        ] {
            let _ = Cluster::from_config(&mangled);
        }
    }
}

#[cfg(test)]
mod retired_names_tests {
    use super::*;

    #[test]
    fn the_master_label_is_retired_from_v1_24() {
        let tutorial = crate::Cluster::tutorial();
        let master = tutorial.node("master").expect("the tutorial's master");
        let at = |minor| KubeVersion {
            minor,
            ..tutorial.version()
        };
        assert!(has_retired_master_label(master, at(24)));
        assert!(!has_retired_master_label(master, at(23)));
        let worker = tutorial.node("worker").expect("the tutorial's worker");
        assert!(!has_retired_master_label(worker, at(36)));
    }
}
