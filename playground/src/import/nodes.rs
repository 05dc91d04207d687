//! Nodes only: `kubectl get nodes -o yaml` (or `-o json`) output turned into
//! Node manifests worth applying.
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

use super::Import;
use serde_yaml::{Mapping, Value};
use taintlab_core::api::taint::{Taint, TaintEffect};
use taintlab_core::decode::regions;
use taintlab_core::diagnostic::{Diagnostic, Severity};
use taintlab_core::locate::locate;
use taintlab_core::version::KubeVersion;

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
/// single Node documents, or the same as JSON) that holds Nodes only. Errors
/// point at the text given.
pub(super) fn nodes_only(text: &str) -> Result<Import, Vec<Diagnostic>> {
    let mut found: Vec<Found> = Vec::new();
    let mut errors = Vec::new();
    let mut version: Option<KubeVersion> = None;
    let mut not_ready = Vec::new();
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
        ..Import::default()
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
