//! Static pods: each kubelet runs the pods in its manifest directory and mirrors
//! them into the API (`pkg/kubelet/config/file.go`, `common.go`, `pod/mirror_client.go`).

use super::{Cluster, STATIC_POD_PATH, key, namespaced};
use crate::api::{OwnerReference, Pod, TaintEffect, Toleration};
use crate::decode::{Object, decode};
use crate::names::fnv128a_hex;
use crate::{Diagnostic, Severity};
use std::collections::BTreeMap;

/// What the kubelet says about a manifest file, as positioned diagnostics for the
/// editor: nothing when it runs the pod. Decoding errors keep their positions;
/// the kubelet's own refusals (not exactly one Pod, no name) point at the
/// document they are about.
pub fn manifest_diagnostics(content: &str, file: &str) -> Vec<Diagnostic> {
    let decoded = match decode(content) {
        Ok(decoded) => decoded,
        Err(errors) => return errors,
    };
    let Err(message) = static_pod_from_manifest(content, file, "", "", "") else {
        return Vec::new();
    };
    // A second document is what "exactly one Pod" refuses; else the first.
    let at = decoded.objects.get(1).or(decoded.objects.first());
    vec![Diagnostic {
        severity: Severity::Error,
        document: at.map_or(1, |o| o.document),
        line: at.map_or(1, |o| o.line),
        column: 1,
        path: String::new(),
        message,
    }]
}

/// A manifest file turned into the pod the kubelet runs, or why it cannot be.
fn static_pod_from_manifest(
    content: &str,
    file: &str,
    node: &str,
    node_uid: &str,
    seen: &str,
) -> Result<Pod, String> {
    let decoded = decode(content).map_err(|errors| {
        errors
            .iter()
            .map(|e| format!("line {}, column {}: {}", e.line, e.column, e.message))
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let mut objects = decoded.objects.into_iter();
    let pod = match (objects.next(), objects.next()) {
        (Some(located), None) => match located.object {
            Object::Pod(pod) => pod,
            other => {
                return Err(format!(
                    "{STATIC_POD_PATH}/{file}: couldn't parse as pod(Object kind {:?} is not a Pod), please check config file",
                    other.kind()
                ));
            }
        },
        _ => {
            return Err(format!(
                "{STATIC_POD_PATH}/{file}: couldn't parse as pod(a manifest holds exactly one Pod), please check config file"
            ));
        }
    };
    if pod.metadata.name.is_empty() {
        return Err("invalid pod: name is needed for the pod".to_string());
    }
    // Models `applyDefaults`: name, namespace, UID hash, annotations, node, toleration.
    let mut pod = pod;
    let hash = fnv128a_hex(&format!(
        "{content}host:{node}file:{STATIC_POD_PATH}/{file}"
    ));
    // Node names are DNS names, so ASCII lowercasing is `strings.ToLower` here.
    pod.metadata.name = format!("{}-{}", pod.metadata.name, node.to_ascii_lowercase());
    pod.metadata.namespace = namespaced(&pod.metadata.namespace);
    for (k, v) in [
        ("kubernetes.io/config.hash", hash.as_str()),
        ("kubernetes.io/config.mirror", hash.as_str()),
        ("kubernetes.io/config.seen", seen),
        ("kubernetes.io/config.source", "file"),
    ] {
        pod.metadata
            .annotations
            .insert(k.to_string(), v.to_string());
    }
    pod.metadata.owner_references = vec![OwnerReference::controller("v1", "Node", node, node_uid)];
    pod.spec.node_name = node.to_string();
    pod.spec
        .tolerations
        .push(Toleration::exists("", Some(TaintEffect::NoExecute)));
    Ok(pod)
}

impl Cluster {
    /// Each running kubelet makes the API's mirror pods match its manifest files:
    /// creates missing ones (also after a user deleted one), replaces edited ones,
    /// and removes those whose file is gone.
    pub(super) fn sync_static_pods(&mut self) -> bool {
        let mut changed = false;
        let seen = self.now.rfc3339();
        // Mirror pods by node, found in one pass over the pods.
        let mirrors: Vec<(String, String)> = self
            .pods
            .iter()
            .filter(|p| p.is_mirror())
            .map(|p| {
                (
                    p.spec.node_name.clone(),
                    key(&p.metadata.namespace, &p.metadata.name),
                )
            })
            .collect();
        // Only nodes with manifests, manifest errors or mirror pods have work; the
        // records are only read here, so an apply copies none of the others.
        let nodes: Vec<std::rc::Rc<str>> = self
            .nodes
            .iter()
            .filter(|(n, r)| {
                r.runtime.kubelet_running
                    && (!r.runtime.manifests.is_empty()
                        || !r.runtime.manifest_errors.is_empty()
                        || mirrors.iter().any(|(m, _)| **m == ***n))
            })
            .map(|(n, _)| n.clone())
            .collect();
        for node in nodes {
            let Some(record) = self.nodes.get(&*node) else {
                continue;
            };
            let mut wanted: BTreeMap<String, Pod> = BTreeMap::new();
            let mut errors = BTreeMap::new();
            for (file, content) in &record.runtime.manifests {
                match static_pod_from_manifest(
                    content,
                    file,
                    &node,
                    &record.node.metadata.uid,
                    &seen,
                ) {
                    Ok(pod) => {
                        wanted.insert(key(&pod.metadata.namespace, &pod.metadata.name), pod);
                    }
                    Err(message) => {
                        errors.insert(file.clone(), message);
                    }
                }
            }
            let hash_of = |p: &Pod| {
                p.metadata
                    .annotations
                    .get("kubernetes.io/config.hash")
                    .cloned()
            };
            let wanted_hashes: Vec<String> = wanted.values().filter_map(hash_of).collect();
            let errors_changed = record.runtime.manifest_errors != errors;
            let stale_running = record
                .runtime
                .static_running
                .keys()
                .any(|h| !wanted_hashes.contains(h));
            if (errors_changed || stale_running)
                && let Some(record) = self.nodes.get_mut(&*node)
            {
                if errors_changed {
                    record.runtime.manifest_errors = errors;
                    changed = true;
                }
                record
                    .runtime
                    .static_running
                    .retain(|h, _| wanted_hashes.contains(h));
            }
            let existing: Vec<String> = mirrors
                .iter()
                .filter(|(n, _)| **n == *node)
                .map(|(_, k)| k.clone())
                .collect();
            for k in existing {
                let current = self.pods.get(&k).and_then(hash_of);
                let keep = wanted.get(&k).is_some_and(|w| hash_of(w) == current);
                if keep {
                    wanted.remove(&k);
                } else {
                    self.delete_pod_gracefully(&k);
                    changed = true;
                }
            }
            for (k, pod) in wanted {
                if self.pods.get(&k).is_some() || !self.room_for_pod() {
                    // A regular pod holds the name, or the API server refuses one
                    // more pod: the kubelet cannot create the mirror pod.
                    continue;
                }
                self.create_pod(pod);
                changed = true;
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: c\n      image: nginx\n";

    #[test]
    fn manifest_diagnostics_say_what_the_kubelet_says_and_where() {
        assert!(manifest_diagnostics(POD, "web.yaml").is_empty());
        let cases = [
            (
                format!("{POD}---\n{POD}"),
                10,
                "/etc/kubernetes/manifests/two.yaml: couldn't parse as pod(a manifest holds exactly one Pod), please check config file",
            ),
            (
                "# a comment\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {a: b}\n  template:\n    metadata:\n      labels: {a: b}\n    spec:\n      containers: [{name: c, image: i}]\n".to_string(),
                1,
                "/etc/kubernetes/manifests/two.yaml: couldn't parse as pod(Object kind \"Deployment\" is not a Pod), please check config file",
            ),
            (
                POD.replace("  name: web\n", "  labels: {}\n"),
                1,
                // The API's validation speaks first, as `kubectl apply` would.
                "metadata.name: Required value: name or generateName is required",
            ),
        ];
        for (text, line, message) in cases {
            let found = manifest_diagnostics(&text, "two.yaml");
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!((found[0].line, found[0].message.as_str()), (line, message));
            assert_eq!(found[0].severity, Severity::Error);
        }
        // Broken YAML keeps the decoder's position.
        let broken =
            manifest_diagnostics("kind: Pod\nmetadata:\n  name: x\n   labels: {}\n", "b.yaml");
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].line, 4);
    }
}
