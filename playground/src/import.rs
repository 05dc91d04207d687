//! Import: a real cluster's nodes, as `kubectl get nodes -o yaml` (or `-o json`)
//! prints them, turned into a simulated cluster of those nodes.
//!
//! What the API server returns holds much that makes no sense to apply (uid,
//! resourceVersion, managedFields, conditions, images, addresses) and fields a
//! newer API has that the decoder does not know. The import keeps what decides
//! scheduling (name, labels, taints, `unschedulable`, capacity and allocatable)
//! as plain Node manifests, and reads the version from the kubelets. Taints the
//! node-lifecycle controller owns (`node.kubernetes.io/unschedulable`,
//! `not-ready`, `unreachable`, the pressure taints) are left out: the simulated
//! controller sets them from the node's state, as the real one did. A node whose
//! `Ready` condition is not `True` gets its kubelet stopped, so it turns NotReady
//! on the simulated clock too.
//!
//! The result is a list of session inputs ([`Import::inputs`]): start from an
//! empty cluster of that version, apply the manifests, stop those kubelets. A
//! share link or the autosave replays them exactly.
//!
//! Text that holds other kinds beside Nodes (`kubectl get nodes,pods,daemonsets,
//! deployments,replicasets,priorityclasses,poddisruptionbudgets -A -o yaml`) is
//! a whole cluster's state: it is recorded as it was given, as one
//! [`Input::ImportState`], and imported whole (objects keep their UIDs, running
//! pods stay where they are; see `Cluster::import_state`).

use serde_yaml::{Mapping, Value};
use taintlab_core::actions::NodeAction;
use taintlab_core::api::taint::{Taint, TaintEffect};
use taintlab_core::decode::regions;
use taintlab_core::diagnostic::{Diagnostic, Severity};
use taintlab_core::locate::locate;
use taintlab_core::session::{self, Input};
use taintlab_core::version::KubeVersion;

/// Real nodes, ready to replace the simulated cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The Kubernetes version the cluster is simulated at: the newest kubelet's
    /// minor release (the API server is at least that new), at most the newest
    /// version taintlab simulates.
    pub version: KubeVersion,
    /// The nodes' names, in the order given.
    pub nodes: Vec<String>,
    /// Nodes whose `Ready` condition was not `True`.
    pub not_ready: Vec<String>,
    /// The Node manifests, one YAML document each.
    pub manifest: String,
    /// The text as given, when it holds more than Nodes (a whole cluster's
    /// state from `kubectl get nodes,pods,... -A -o yaml`): it is imported
    /// whole, objects keeping their UIDs, instead of as Node manifests.
    pub state: Option<String>,
    /// What a whole-state import leaves out, once per kind: the kind and why.
    pub skipped: Vec<(String, String)>,
}

impl Import {
    /// The session inputs that make the simulated cluster these nodes.
    pub fn inputs(&self) -> Vec<Input> {
        let mut inputs = vec![
            Input::Reset(session::empty_start(self.version)),
            match &self.state {
                Some(text) => Input::ImportState(text.clone()),
                None => Input::Apply(self.manifest.clone()),
            },
        ];
        inputs.extend(self.not_ready.iter().map(|node| Input::Node {
            node: node.clone(),
            action: NodeAction::StopKubelet,
        }));
        inputs
    }
}

/// One Node found in the text, with where it came from.
struct Found {
    name: String,
    manifest: String,
    /// Index of the `---` region, its first line and its text.
    document: usize,
    first_line: usize,
    region: String,
    /// The item's path in its document (`items[2].` or empty).
    prefix: String,
    /// For each taint kept, its index in the original list.
    taint_origin: Vec<usize>,
}

/// Reads `kubectl get nodes -o yaml` output (a `List` or `NodeList` of Nodes,
/// single Node documents, or the same as JSON). Errors point at the text given.
pub fn nodes(text: &str) -> Result<Import, Vec<Diagnostic>> {
    let mut found: Vec<Found> = Vec::new();
    let mut errors = Vec::new();
    let mut version: Option<KubeVersion> = None;
    let mut not_ready = Vec::new();
    // Whether the text holds a Node, and where the errors for other kinds are:
    // with both, it is a whole cluster's state.
    let mut saw_node = false;
    let mut other_kinds: Vec<usize> = Vec::new();
    for (index, region) in regions(text).iter().enumerate() {
        let error = |path: &str, message: String| {
            let (line, column) = locate(region.text, path).unwrap_or((1, 1));
            Diagnostic {
                severity: Severity::Error,
                document: index + 1,
                line: region.first_line + line - 1,
                column,
                path: path.to_string(),
                message,
            }
        };
        let value: Value = match taintlab_core::decode::yaml::parse(region.text) {
            Ok(value) => value,
            Err(e) => {
                let (line, column) = (e.line, e.column);
                errors.push(Diagnostic {
                    severity: Severity::Error,
                    document: index + 1,
                    line: region.first_line + line.saturating_sub(1),
                    column,
                    path: String::new(),
                    message: e.message,
                });
                continue;
            }
        };
        let items: Vec<(String, &Value)> = match value.get("items").and_then(Value::as_sequence) {
            Some(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (format!("items[{i}]."), item))
                .collect(),
            None => vec![(String::new(), &value)],
        };
        for (prefix, item) in items {
            let kind = item.get("kind").and_then(Value::as_str).unwrap_or("");
            let api_version = item.get("apiVersion").and_then(Value::as_str).unwrap_or("");
            if kind == "Node" {
                saw_node = true;
            } else if !kind.is_empty() {
                // Other kinds beside Nodes make a whole cluster's state; without
                // a Node they stay the error they always were.
                other_kinds.push(errors.len());
            }
            if kind != "Node" {
                let what = if kind.is_empty() {
                    "an object without a kind".to_string()
                } else {
                    format!("a {kind}")
                };
                errors.push(error(
                    &format!("{prefix}kind"),
                    format!(
                        "import reads Nodes, as `kubectl get nodes -o yaml` prints them, not {what}"
                    ),
                ));
                continue;
            }
            if api_version != "v1" {
                errors.push(error(
                    &format!("{prefix}apiVersion"),
                    format!("no matches for kind \"Node\" in version \"{api_version}\""),
                ));
                continue;
            }
            let (clean, taint_origin) = clean_node(item);
            let name = item
                .get("metadata")
                .and_then(|m| m.get("name"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if found.iter().any(|f| f.name == name) && !name.is_empty() {
                errors.push(error(
                    &format!("{prefix}metadata.name"),
                    format!("node \"{name}\" is listed twice"),
                ));
                continue;
            }
            if let Some(v) = kubelet_version(item) {
                version = Some(version.map_or(v, |seen| seen.max(v)));
            }
            if !is_ready(item) {
                not_ready.push(name.clone());
            }
            found.push(Found {
                name,
                manifest: serde_yaml::to_string(&clean).unwrap_or_default(),
                document: index + 1,
                first_line: region.first_line,
                region: region.text.to_string(),
                prefix,
                taint_origin,
            });
        }
    }
    let whole_state = saw_node && !other_kinds.is_empty();
    if whole_state {
        // One pass: `other_kinds` holds the indexes in increasing order.
        let mut next = other_kinds.iter().peekable();
        let mut at = 0;
        errors.retain(|_| {
            let drop = next.peek() == Some(&&at);
            if drop {
                next.next();
            }
            at += 1;
            !drop
        });
    }
    if found.is_empty() && errors.is_empty() {
        errors.push(Diagnostic {
            severity: Severity::Error,
            document: 1,
            line: 1,
            column: 1,
            path: String::new(),
            message: "no Node found: paste the output of `kubectl get nodes -o yaml`".into(),
        });
    }
    // Each manifest must decode and validate as the API server would take it.
    for node in &found {
        if let Err(diagnostics) = taintlab_core::decode::decode(&node.manifest) {
            for d in diagnostics {
                let path = format!(
                    "{}{}",
                    node.prefix,
                    original_path(&d.path, &node.taint_origin)
                );
                let (line, column) = locate(&node.region, &path)
                    .or_else(|| locate(&node.region, &format!("{}metadata", node.prefix)))
                    .unwrap_or((1, 1));
                errors.push(Diagnostic {
                    severity: Severity::Error,
                    document: node.document,
                    line: node.first_line + line - 1,
                    column,
                    path,
                    message: d.message,
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let version = version
        .filter(|v| v.major == 1)
        .map_or(KubeVersion::NEWEST, |v| v.min(KubeVersion::NEWEST));
    if whole_state {
        return state(text, version, found, not_ready);
    }
    let manifest = found
        .iter()
        .map(|f| f.manifest.as_str())
        .collect::<Vec<_>>()
        .join("---\n");
    Ok(Import {
        version,
        nodes: found.into_iter().map(|f| f.name).collect(),
        not_ready,
        manifest,
        state: None,
        skipped: Vec::new(),
    })
}

/// A whole cluster's state: checked by importing it into an empty cluster of
/// its version, as the replay will, so that what is refused is said now.
fn state(
    text: &str,
    version: KubeVersion,
    found: Vec<Found>,
    not_ready: Vec<String>,
) -> Result<Import, Vec<Diagnostic>> {
    let mut cluster = session::start(&session::empty_start(version))
        .unwrap_or_else(|| taintlab_core::Cluster::empty(version));
    let report = cluster.import_state(text)?;
    Ok(Import {
        version,
        nodes: found.into_iter().map(|f| f.name).collect(),
        not_ready,
        manifest: String::new(),
        state: Some(text.to_string()),
        skipped: report.skipped,
    })
}

/// The Node as a manifest worth applying, and for each taint kept its index in
/// the original list.
fn clean_node(item: &Value) -> (Value, Vec<usize>) {
    let get = |v: &Value, path: &[&str]| -> Option<Value> {
        let mut at = v;
        for key in path {
            at = at.get(*key)?;
        }
        Some(at.clone())
    };
    let mut metadata = Mapping::new();
    if let Some(name) = get(item, &["metadata", "name"]) {
        metadata.insert("name".into(), name);
    }
    if let Some(labels) = get(item, &["metadata", "labels"]).filter(|l| !is_empty(l)) {
        metadata.insert("labels".into(), labels);
    }
    let mut spec = Mapping::new();
    let mut taints = Vec::new();
    let mut taint_origin = Vec::new();
    let listed = item.get("spec").and_then(|s| s.get("taints"));
    for (i, taint) in listed
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let field = |k: &str| taint.get(k).and_then(Value::as_str).unwrap_or("");
        let owned = TaintEffect::parse(field("effect")).is_some_and(|e| {
            taintlab_core::cluster::lifecycle_taint(&Taint::new(field("key"), "", e))
        });
        if owned {
            continue;
        }
        // `timeAdded` is the node controller's bookkeeping; keep what a user sets.
        let mut kept = Mapping::new();
        for key in ["key", "value", "effect"] {
            if let Some(v) = taint.get(key) {
                kept.insert(key.into(), v.clone());
            }
        }
        taints.push(Value::Mapping(kept));
        taint_origin.push(i);
    }
    if listed.is_some_and(|l| !l.is_sequence()) {
        // Not a list: let the decoder say so, in its words.
        spec.insert("taints".into(), listed.cloned().unwrap_or(Value::Null));
    } else if !taints.is_empty() {
        spec.insert("taints".into(), Value::Sequence(taints));
    }
    if let Some(unschedulable) = get(item, &["spec", "unschedulable"])
        .filter(|u| !matches!(u, Value::Bool(false) | Value::Null))
    {
        spec.insert("unschedulable".into(), unschedulable);
    }
    let mut status = Mapping::new();
    for key in ["capacity", "allocatable"] {
        if let Some(v) = get(item, &["status", key]).filter(|v| !is_empty(v)) {
            status.insert(key.into(), v);
        }
    }
    let mut node = Mapping::new();
    node.insert("apiVersion".into(), "v1".into());
    node.insert("kind".into(), "Node".into());
    node.insert("metadata".into(), Value::Mapping(metadata));
    for (key, part) in [("spec", spec), ("status", status)] {
        if !part.is_empty() {
            node.insert(key.into(), Value::Mapping(part));
        }
    }
    (Value::Mapping(node), taint_origin)
}

fn is_empty(v: &Value) -> bool {
    matches!(v, Value::Null) || v.as_mapping().is_some_and(Mapping::is_empty)
}

/// `status.nodeInfo.kubeletVersion` (`v1.30.0`, `v1.29.3+k3s1`, ...).
fn kubelet_version(item: &Value) -> Option<KubeVersion> {
    let text = item
        .get("status")?
        .get("nodeInfo")?
        .get("kubeletVersion")?
        .as_str()?;
    KubeVersion::parse(text)
}

/// Whether the node's `Ready` condition is `True`; a node without conditions (a
/// manifest written by hand) counts as ready.
fn is_ready(item: &Value) -> bool {
    let conditions = item
        .get("status")
        .and_then(|s| s.get("conditions"))
        .and_then(Value::as_sequence);
    let ready = conditions
        .into_iter()
        .flatten()
        .find(|c| c.get("type").and_then(Value::as_str) == Some("Ready"));
    ready.is_none_or(|c| c.get("status").and_then(Value::as_str) == Some("True"))
}

/// A path in the cleaned manifest as a path in the original: taint indices shift
/// when the controller's taints are left out.
fn original_path(path: &str, taint_origin: &[usize]) -> String {
    const TAINTS: &str = "spec.taints[";
    let Some(rest) = path.strip_prefix(TAINTS) else {
        return path.to_string();
    };
    let Some((index, after)) = rest.split_once(']') else {
        return path.to_string();
    };
    match index
        .parse::<usize>()
        .ok()
        .and_then(|i| taint_origin.get(i))
    {
        Some(original) => format!("{TAINTS}{original}]{after}"),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::Cluster;
    use taintlab_core::session::replay;

    const KIND_V130: &str = include_str!("../../core/tests/fixtures/kind-v1.30-nodes.yaml");

    fn imported(text: &str) -> Cluster {
        let import = nodes(text).expect("imports");
        let mut cluster = Cluster::tutorial();
        for input in import.inputs() {
            assert!(replay(&mut cluster, &input));
        }
        cluster
    }

    const STATE: &str = include_str!("../../core/tests/fixtures/cluster_state.yaml");

    /// Each pod's name, UID, node and phase, sorted.
    fn pods(c: &Cluster) -> Vec<(String, String, String, String)> {
        let mut rows: Vec<_> = c
            .pods()
            .map(|p| {
                (
                    p.metadata.name.clone(),
                    p.metadata.uid.clone(),
                    p.spec.node_name.clone(),
                    p.status.phase.clone(),
                )
            })
            .collect();
        rows.sort();
        rows
    }

    #[test]
    fn a_whole_state_is_imported_as_one_recorded_input() {
        let import = nodes(STATE).expect("imports");
        assert_eq!(
            import.nodes,
            ["kind-control-plane", "kind-worker", "kind-worker2"]
        );
        assert_eq!(
            import.skipped,
            [("ConfigMap".to_string(), "not simulated".to_string())]
        );
        let inputs = import.inputs();
        assert_eq!(inputs[1], Input::ImportState(STATE.to_string()));
        let c = imported(STATE);
        let web = c.pod("shop", "web-7c5b9d6f84-2xk8d").expect("kept");
        assert_eq!(web.metadata.uid, "af6d4021-b2d9-4184-87f1-cd1260844b0b");
        assert_eq!(web.status.phase, "Running");
        assert_eq!(c.pods().count(), 6);
    }

    #[test]
    fn a_whole_state_replays_from_a_share_link_as_it_happened() {
        let mut recorded = session::Session::default();
        for input in nodes(STATE).expect("imports").inputs() {
            recorded.record(input);
        }
        let decoded = session::Session::decode(&recorded.encode()).expect("decodes");
        assert_eq!(decoded.log, recorded.log);
        let mut replayed = Cluster::tutorial();
        for input in &decoded.log {
            assert!(replay(&mut replayed, input));
        }
        assert_eq!(pods(&replayed), pods(&imported(STATE)));
    }

    fn taints(c: &Cluster, node: &str) -> Vec<String> {
        c.node(node)
            .map(|n| n.spec.taints.iter().map(ToString::to_string).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_kind_cluster_becomes_its_nodes() {
        let import = nodes(KIND_V130).expect("imports");
        assert_eq!(import.version, KubeVersion::v1(30));
        assert_eq!(
            import.nodes,
            ["lab-control-plane", "lab-worker", "lab-worker2"]
        );
        assert!(import.not_ready.is_empty());
        // What makes no sense to apply is gone; the manifests are a fraction of the paste.
        for gone in [
            "managedFields",
            "uid",
            "resourceVersion",
            "images",
            "conditions",
            "timeAdded",
            "annotations",
            "podCIDR",
        ] {
            assert!(
                !import.manifest.contains(gone),
                "{gone} in\n{}",
                import.manifest
            );
        }
        assert!(import.manifest.len() * 4 < KIND_V130.len());
        assert_eq!(
            import.inputs()[0],
            Input::Reset("empty v1.30".into()),
            "the version survives replay"
        );

        let c = imported(KIND_V130);
        assert_eq!(c.version(), KubeVersion::v1(30));
        let names: Vec<&str> = c.nodes().map(|n| n.name()).collect();
        assert_eq!(names, ["lab-control-plane", "lab-worker", "lab-worker2"]);
        assert_eq!(
            taints(&c, "lab-control-plane"),
            ["node-role.kubernetes.io/control-plane:NoSchedule"]
        );
        let worker2 = c.node("lab-worker2").expect("lab-worker2");
        assert!(worker2.spec.unschedulable);
        // The controller put its cordon taint back, after the user's.
        assert_eq!(
            taints(&c, "lab-worker2"),
            [
                "dedicated=gpu:NoSchedule",
                "node.kubernetes.io/unschedulable:NoSchedule"
            ]
        );
        assert_eq!(
            worker2.metadata.labels.get("gpu").map(String::as_str),
            Some("true")
        );
        assert_eq!(
            c.node("lab-worker")
                .and_then(|n| n.metadata.labels.get("tier"))
                .map(String::as_str),
            Some("frontend")
        );
        assert_eq!(worker2.allocatable("cpu").to_string(), "8");
        assert_eq!(worker2.allocatable("memory").to_string(), "32567888Ki");
    }

    #[test]
    fn the_tutorial_daemonset_runs_where_a_real_cluster_would_run_it() {
        let mut c = imported(KIND_V130);
        c.apply(taintlab_core::TUTORIAL_DAEMONSET).expect("applies");
        c.advance(5);
        let placed: Vec<&str> = c.pods().map(|p| p.spec.node_name.as_str()).collect();
        // The control plane is tainted; lab-worker2 is tainted and cordoned.
        assert_eq!(placed, ["lab-worker"]);
    }

    #[test]
    fn not_ready_nodes_get_their_kubelet_stopped() {
        let text = KIND_V130.replacen(
            "message: kubelet is posting ready status\n      reason: KubeletReady\n      status: \"True\"",
            "message: Kubelet stopped posting node status.\n      reason: NodeStatusUnknown\n      status: Unknown",
            2,
        );
        let import = nodes(&text).expect("imports");
        assert_eq!(import.not_ready, ["lab-control-plane", "lab-worker"]);
        let mut c = imported(&text);
        assert!(
            !c.node_runtime("lab-worker")
                .expect("runtime")
                .kubelet_running
        );
        c.advance(60);
        assert!(
            taints(&c, "lab-worker")
                .contains(&"node.kubernetes.io/unreachable:NoExecute".to_string())
        );
    }

    #[test]
    fn our_own_kubectl_output_imports_as_the_same_nodes() {
        let mut terminal = taintlab_shell::Terminal::new(Cluster::tutorial());
        let _ = terminal.run("kubectl label node worker disk=ssd", None);
        let _ = terminal.run("kubectl cordon worker", None);
        let yaml = terminal.run("kubectl get nodes -o yaml", None).text;
        let json = terminal.run("kubectl get nodes -o json", None).text;
        for text in [yaml, json] {
            let c = imported(&text);
            for node in ["master", "worker"] {
                let (a, b) = (
                    c.node(node).expect("node"),
                    terminal.cluster().node(node).expect("node"),
                );
                assert_eq!(a.metadata.labels, b.metadata.labels, "{node}");
                assert_eq!(a.spec, b.spec, "{node}");
            }
        }
    }

    #[test]
    fn nodes_one_per_document_and_newer_fields_are_fine() {
        let text = "apiVersion: v1\nkind: Node\nmetadata:\n  name: a\nstatus:\n  features:\n    supplementalGroupsPolicy: true\n  declaredFeatures: [X]\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n";
        let import = nodes(text).expect("imports");
        assert_eq!(import.nodes, ["a", "b"]);
        assert_eq!(import.version, KubeVersion::NEWEST);
        assert_eq!(import.inputs()[0], Input::Reset("empty".into()));
    }

    #[test]
    fn errors_point_at_the_pasted_text() {
        let errors = nodes("").unwrap_err();
        assert!(errors[0].message.contains("no Node found"), "{errors:?}");

        let errors = nodes("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: x\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (5, 3), "{errors:?}");
        assert!(errors[0].message.contains("not a Pod"), "{errors:?}");

        let errors =
            nodes("kind: Node\napiVersion: v1\nmetadata:\n  name: a\n   labels: {}\n").unwrap_err();
        assert_eq!(errors[0].line, 5, "{errors:?}");
        assert!(
            errors[0].message.contains("mapping values are not allowed"),
            "{errors:?}"
        );

        // The controller's taint is left out, so the bad taint is the second in the cleaned
        // list but is reported where it stands in the paste.
        let bad = KIND_V130.replace(
            "      timeAdded: \"2026-11-20T08:35:27Z\"\n",
            "      timeAdded: \"2026-11-20T08:35:27Z\"\n    - effect: NoScheduled\n      key: other\n",
        );
        let errors = nodes(&bad).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .message
                .contains("Unsupported value: \"NoScheduled\""),
            "{errors:?}"
        );
        let line = bad
            .lines()
            .position(|l| l.contains("effect: NoScheduled"))
            .unwrap()
            + 1;
        assert_eq!(errors[0].line, line, "{errors:?}");

        let twice =
            format!("{KIND_V130}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: lab-worker\n");
        assert!(
            nodes(&twice).unwrap_err()[0]
                .message
                .contains("listed twice")
        );

        let errors = nodes("apiVersion: v2\nkind: Node\nmetadata:\n  name: a\n").unwrap_err();
        assert_eq!(
            errors[0].message,
            "no matches for kind \"Node\" in version \"v2\""
        );
    }

    #[test]
    fn every_prefix_of_a_paste_is_an_answer_not_a_panic() {
        for (i, _) in KIND_V130.char_indices().step_by(257) {
            let _ = nodes(&KIND_V130[..i]);
        }
        for mangled in [
            KIND_V130.replace("taints:\n    - effect", "taints: 3\n    - effecx"),
            KIND_V130.replace("items:", "items: 5\nx:"),
            KIND_V130.replace("cpu: \"8\"", "cpu: eight"),
            KIND_V130.replace("name: lab-worker2", "name: Lab_Worker2"),
        ] {
            let _ = nodes(&mangled);
        }
        assert!(nodes(&KIND_V130.replace("cpu: \"8\"", "cpu: eight")).is_err());
        assert!(nodes(&KIND_V130.replace("name: lab-worker2", "name: Lab_Worker2")).is_err());
    }
}
