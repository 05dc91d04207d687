//! Static pods: each kubelet runs the pods in its manifest directory and mirrors
//! them into the API (`pkg/kubelet/config/file.go`, `common.go`, `pod/mirror_client.go`).

use super::{Cluster, STATIC_POD_PATH, key, namespaced};
use crate::api::{OwnerReference, Pod, TaintEffect, Toleration};
use crate::decode::{Object, decode};
use crate::names::fnv128a_hex;
use crate::shared::Shared;
use crate::{Diagnostic, Severity};
use std::collections::{BTreeMap, BTreeSet};

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

/// A manifest file as the kubelet reads it: the pod it runs, or why it cannot.
pub(crate) type Decoded = Result<Shared<StaticPod>, String>;

/// The pod a manifest file makes on its node.
#[derive(Debug, Clone)]
pub(crate) struct StaticPod {
    /// `namespace/name` of its mirror pod.
    pub key: String,
    /// Its `kubernetes.io/config.hash`.
    pub hash: String,
    /// The pod with its defaults, all but `kubernetes.io/config.seen`, which is
    /// stamped when the mirror pod is made.
    pub pod: Pod,
}

/// Decodes a manifest written as `file` on `node`. The cluster does it once per
/// write, so the control loops, which run many rounds per command, never
/// decode a manifest again.
pub(crate) fn decode_manifest(content: &str, file: &str, node: &str, node_uid: &str) -> Decoded {
    let mut pod = static_pod_from_manifest(content, file, node, node_uid, "")?;
    pod.metadata.annotations.remove(SEEN);
    Ok(Shared::new(StaticPod {
        key: key(&pod.metadata.namespace, &pod.metadata.name),
        hash: hash_of(&pod).unwrap_or_default(),
        pod,
    }))
}

const SEEN: &str = "kubernetes.io/config.seen";

/// A mirror pod's `kubernetes.io/config.hash`.
fn hash_of(p: &Pod) -> Option<String> {
    p.metadata
        .annotations
        .get("kubernetes.io/config.hash")
        .cloned()
}

#[cfg(test)]
thread_local! {
    /// How many manifests this thread has decoded, for the tests.
    static DECODED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A manifest file turned into the pod the kubelet runs, or why it cannot be.
fn static_pod_from_manifest(
    content: &str,
    file: &str,
    node: &str,
    node_uid: &str,
    seen: &str,
) -> Result<Pod, String> {
    #[cfg(test)]
    DECODED.with(|d| d.set(d.get() + 1));
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
        (SEEN, seen),
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

impl super::NodeRuntime {
    /// The text of the manifest file that made the mirror pod `pod`.
    pub fn manifest_of(&self, pod: &Pod) -> Option<&str> {
        let hash = pod.metadata.annotations.get("kubernetes.io/config.hash")?;
        let (file, _) = self
            .static_pods
            .iter()
            .find(|(_, decoded)| decoded.as_ref().is_ok_and(|p| p.hash == *hash))?;
        self.manifests.get(file).map(String::as_str)
    }
}

impl Cluster {
    /// Each running kubelet makes the API's mirror pods match its manifest files:
    /// creates missing ones (also after a user deleted one), replaces edited ones,
    /// and removes those whose file is gone.
    pub(super) fn sync_static_pods(&mut self) -> bool {
        let mut changed = false;
        let seen = self.now.rfc3339();
        // Mirror pods by node, from the store's index.
        let mirrors: Vec<(String, String)> = self
            .pods
            .mirrors()
            .filter_map(|seq| self.pods.get_seq(seq))
            .map(|p| {
                (
                    p.spec.node_name.clone(),
                    key(&p.metadata.namespace, &p.metadata.name),
                )
            })
            .collect();
        // Only nodes with manifests, manifest errors or mirror pods have work; the
        // records are only read here, so an apply copies none of the others.
        let mut mirrored: Vec<&str> = mirrors.iter().map(|(node, _)| node.as_str()).collect();
        crate::sort::sort(&mut mirrored);
        mirrored.dedup();
        let nodes: Vec<std::rc::Rc<str>> = self
            .nodes
            .iter()
            .filter(|(n, r)| {
                r.runtime.kubelet_running
                    && (!r.runtime.manifests.is_empty()
                        || !r.runtime.manifest_errors.is_empty()
                        || mirrored.binary_search(&&***n).is_ok())
            })
            .map(|(n, _)| n.clone())
            .collect();
        for node in nodes {
            let Some(record) = self.nodes.get(&node) else {
                continue;
            };
            // The pods the manifests make (a later file wins a name), decoded
            // when they were written.
            let runtime = &record.runtime;
            let mut wanted: BTreeMap<&str, &Shared<StaticPod>> = BTreeMap::new();
            for pod in runtime.static_pods.values().flatten() {
                wanted.insert(&pod.key, pod);
            }
            let errors = runtime
                .static_pods
                .iter()
                .filter_map(|(file, decoded)| decoded.as_ref().err().map(|e| (file, e)));
            let errors_changed = !errors.eq(runtime.manifest_errors.iter());
            // Sets are filled by `insert`, not `collect`: collecting into a B-tree
            // sorts with std's stable sort, whose code the first load cannot afford.
            let mut wanted_hashes: BTreeSet<&str> = BTreeSet::new();
            for pod in wanted.values() {
                wanted_hashes.insert(pod.hash.as_str());
            }
            let stale_running = runtime
                .static_running
                .keys()
                .any(|h| !wanted_hashes.contains(h.as_str()));
            let existing: Vec<String> = mirrors
                .iter()
                .filter(|(n, _)| **n == *node)
                .map(|(_, k)| k.clone())
                .collect();
            let mut replaced = Vec::new();
            for k in existing {
                let current = self.pods.get(&k).and_then(hash_of);
                match wanted.get(k.as_str()) {
                    Some(w) if Some(&w.hash) == current.as_ref() => {
                        wanted.remove(k.as_str());
                    }
                    _ => replaced.push(k),
                }
            }
            let made: Vec<Shared<StaticPod>> = wanted.into_values().cloned().collect();
            let running: Option<BTreeSet<String>> = stale_running.then(|| {
                let mut running = BTreeSet::new();
                for hash in &wanted_hashes {
                    running.insert(hash.to_string());
                }
                running
            });
            let errors: Option<BTreeMap<String, String>> = errors_changed.then(|| {
                let mut errors = BTreeMap::new();
                for (file, decoded) in &runtime.static_pods {
                    if let Err(e) = decoded {
                        errors.insert(file.clone(), e.clone());
                    }
                }
                errors
            });
            if (errors.is_some() || running.is_some())
                && let Some((_, runtime)) = self.nodes.runtime_mut(&node)
            {
                if let Some(errors) = errors {
                    runtime.manifest_errors = errors;
                    changed = true;
                }
                if let Some(running) = running {
                    runtime.static_running.retain(|h, _| running.contains(h));
                }
            }
            for k in replaced {
                self.delete_pod_gracefully(&k);
                changed = true;
            }
            for made in made {
                if self.pods.get(&made.key).is_some() || !self.room_for_pod() {
                    // A regular pod holds the name, or the API server refuses one
                    // more pod: the kubelet cannot create the mirror pod.
                    continue;
                }
                let mut pod = made.pod.clone();
                pod.metadata
                    .annotations
                    .insert(SEEN.to_string(), seen.clone());
                // A mirror pod goes through admission too: refused (an unknown
                // priority class), the kubelet runs the pod without one.
                if self.admit_priority(&mut pod).is_err() {
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

    fn decoded() -> usize {
        DECODED.with(|d| d.get())
    }

    #[test]
    fn a_manifest_is_decoded_once_per_change() {
        let mut c = Cluster::tutorial();
        let before = decoded();
        for i in 0..20 {
            let text = POD.replace("name: web", &format!("name: web{i}"));
            assert!(c.write_manifest("worker", &format!("web{i}.yaml"), &text));
        }
        c.write_manifest("worker", "broken.yaml", "kind: Pod\n");
        assert_eq!(decoded() - before, 21, "each once, when written");
        assert_eq!(c.pods().filter(|p| p.is_mirror()).count(), 20);
        // Time passing, the kubelet restarting and the same text written again
        // read nothing.
        let steady = decoded();
        c.advance(60);
        c.stop_kubelet("worker");
        c.advance(60);
        c.start_kubelet("worker");
        c.write_manifest(
            "worker",
            "web3.yaml",
            &POD.replace("name: web", "name: web3"),
        );
        assert_eq!(decoded(), steady);
        assert_eq!(c.pods().filter(|p| p.is_mirror()).count(), 20);
        // A change is read once, and the mirror pod follows it.
        c.write_manifest(
            "worker",
            "web3.yaml",
            &POD.replace("name: web", "name: moved"),
        );
        assert_eq!(decoded(), steady + 1);
        c.advance(60);
        assert!(c.pod("default", "moved-worker").is_some());
        assert!(c.pod("default", "web3-worker").is_none());
        let errors = &c.node_runtime("worker").expect("worker").manifest_errors;
        assert_eq!(errors.keys().collect::<Vec<_>>(), ["broken.yaml"]);
    }

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
