//! Importing a whole cluster's state, as `kubectl get ... -A -o yaml` prints it.
//!
//! Unlike `kubectl apply`, an import keeps what the API server had written: each
//! object's UID, a pod's node and its running status. Controllers then adopt
//! their pods through `ownerReferences` instead of creating new ones.

use super::Cluster;
use super::key;
use super::namespaced;
use crate::api::ContainerState;
use crate::api::ContainerStatus;
use crate::api::Pod;
use crate::decode::Object;
use crate::diagnostic::Diagnostic;
use serde_yaml::Value;

/// The annotation that carries a DaemonSet's template generation in `apps/v1`.
const TEMPLATE_GENERATION: &str = "deprecated.daemonset.template.generation";

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// How many objects were imported.
    pub imported: usize,
    /// Namespaces created because imported objects use them.
    pub namespaces_created: Vec<String>,
    /// Objects left out, once per kind: the kind and why.
    pub skipped: Vec<(String, String)>,
}

/// The status field `name` of a raw object, as text.
fn status_str<'a>(raw: &'a Value, name: &str) -> &'a str {
    raw.get("status")
        .and_then(|s| s.get(name))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// The `metadata.uid` of a raw object, if it has one.
fn raw_uid(raw: &Value) -> Option<String> {
    raw.get("metadata")
        .and_then(|m| m.get("uid"))
        .and_then(Value::as_str)
        .filter(|uid| !uid.is_empty())
        .map(str::to_string)
}

impl Cluster {
    /// Imports the objects of a `kind: List` (or several documents) as the API
    /// server returned them: objects keep their UIDs, bound pods stay on their
    /// nodes with a running status, and pending pods are left to the scheduler.
    /// Kinds taintlab does not simulate are skipped and listed once each.
    /// Refused whole, with the decoder's diagnostics, when the text is invalid.
    pub fn import_state(&mut self, text: &str) -> Result<ImportReport, Vec<Diagnostic>> {
        let decoded = self.decode(text)?;
        self.settle_first();
        let mut report = ImportReport::default();
        let mut daemon_sets = Vec::new();
        for located in decoded.objects {
            let raw = located.raw;
            let kind = raw
                .get("kind")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            if let Some(ns) = object_namespace(&located.object)
                && let Err(i) = self.namespaces.binary_search(&ns)
            {
                self.namespaces.insert(i, ns.clone());
                report.namespaces_created.push(ns);
            }
            let uid = raw_uid(&raw);
            let outcome = match located.object {
                Object::Other(_) => Err("not simulated".to_string()),
                Object::Pod(pod) => self.import_pod(pod, &raw, uid),
                Object::DaemonSet(mut ds) => {
                    keep_uid(&mut ds.metadata, uid);
                    daemon_sets.push(key(&namespaced(&ds.metadata.namespace), &ds.metadata.name));
                    self.import_via_apply(Object::DaemonSet(ds), &raw)
                }
                Object::Deployment(mut d) => {
                    keep_uid(&mut d.metadata, uid);
                    self.import_via_apply(Object::Deployment(d), &raw)
                }
                Object::ReplicaSet(mut rs) => {
                    keep_uid(&mut rs.metadata, uid);
                    self.import_via_apply(Object::ReplicaSet(rs), &raw)
                }
                other => self.import_via_apply(other, &raw),
            };
            match outcome {
                Ok(()) => report.imported += 1,
                Err(reason) => {
                    if !report
                        .skipped
                        .iter()
                        .any(|(k, r)| *k == kind && *r == reason)
                    {
                        report.skipped.push((kind, reason));
                    }
                }
            }
        }
        for k in daemon_sets {
            self.seed_daemon_set_revision(&k);
        }
        self.reconcile();
        Ok(report)
    }

    /// Records the revision an imported DaemonSet's pods were made from, as the
    /// API server's ControllerRevision (not in the text) had it: the pods whose
    /// `pod-template-generation` is the DaemonSet's template generation carry its
    /// hash. Without it the controller would take its running pods for an old
    /// revision and replace them.
    fn seed_daemon_set_revision(&mut self, k: &str) {
        let Some(ds) = self.daemon_sets.get(k) else {
            return;
        };
        let uid = ds.metadata.uid.clone();
        let uid = uid.as_str();
        let Some(generation) = ds.metadata.annotations.get(TEMPLATE_GENERATION) else {
            return;
        };
        let template = ds.spec.template.clone();
        let revision = generation.parse::<i64>().unwrap_or(1);
        let hash = self
            .pods
            .owned_by(uid)
            .filter_map(|seq| self.pods.get_seq(seq))
            .filter(|p| p.metadata.labels.get("pod-template-generation") == Some(generation))
            .find_map(|p| p.metadata.labels.get("controller-revision-hash").cloned());
        if let Some(hash) = hash {
            self.daemon_set_history
                .insert(uid.to_string(), vec![(revision, hash, template)]);
        }
    }

    /// Creates or updates an object as `kubectl apply` would, then puts back the
    /// UID the imported text gave it (apply generates a fresh one on create).
    fn import_via_apply(&mut self, object: Object, raw: &Value) -> Result<(), String> {
        let uid = raw_uid(raw);
        let k = match &object {
            Object::DaemonSet(d) => Some(key(&d.metadata.namespace, &d.metadata.name)),
            Object::Deployment(d) => Some(key(&d.metadata.namespace, &d.metadata.name)),
            Object::ReplicaSet(r) => Some(key(&r.metadata.namespace, &r.metadata.name)),
            _ => None,
        };
        let kind = match &object {
            Object::DaemonSet(_) => 1,
            Object::Deployment(_) => 2,
            Object::ReplicaSet(_) => 3,
            _ => 0,
        };
        self.apply_object(object, raw).map_err(|(_, why)| why)?;
        if let (Some(k), Some(uid)) = (k, uid) {
            let meta = match kind {
                1 => self.daemon_sets.get_mut(&k).map(|o| &mut o.metadata),
                2 => self.deployments.get_mut(&k).map(|o| &mut o.metadata),
                3 => self.replica_sets.get_mut(&k).map(|o| &mut o.metadata),
                _ => None,
            };
            if let Some(meta) = meta {
                meta.uid = uid;
            }
        }
        Ok(())
    }

    /// Stores a pod with its UID and node; a pod the text shows running keeps
    /// running, so the kubelet does not pull and start it again.
    fn import_pod(&mut self, mut pod: Pod, raw: &Value, uid: Option<String>) -> Result<(), String> {
        pod.metadata.namespace = namespaced(&pod.metadata.namespace);
        if !self.room_for_pod() {
            return Err(crate::limits::Limit::Pods.en().to_string());
        }
        if !pod.spec.node_name.is_empty() && self.node(&pod.spec.node_name).is_none() {
            return Err(format!(
                "its node {:?} is not in the text",
                pod.spec.node_name
            ));
        }
        let phase = status_str(raw, "phase").to_string();
        let pod_ip = status_str(raw, "podIP").to_string();
        let host_ip = status_str(raw, "hostIP").to_string();
        let name = self.create_pod(pod);
        let k = key(
            &namespaced(
                raw.get("metadata")
                    .and_then(|m| m.get("namespace"))
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            ),
            &name,
        );
        let now = self.now;
        let Some(mut stored) = self.pods.get_mut(&k) else {
            return Ok(());
        };
        if let Some(uid) = uid {
            stored.metadata.uid = uid;
        }
        if !stored.spec.node_name.is_empty() && phase == "Running" {
            stored.status.phase = phase;
            stored.status.pod_ip = pod_ip;
            stored.status.host_ip = host_ip;
            stored.status.start_time = Some(now);
            let given = raw
                .get("status")
                .and_then(|s| s.get("containerStatuses"))
                .and_then(Value::as_sequence);
            stored.status.container_statuses = stored
                .spec
                .containers
                .iter()
                .map(|c| {
                    let status = given.and_then(|g| {
                        g.iter()
                            .find(|s| s.get("name").and_then(Value::as_str) == Some(&c.name))
                    });
                    ContainerStatus {
                        name: c.name.clone(),
                        image: c.image.clone(),
                        ready: status
                            .and_then(|s| s.get("ready"))
                            .and_then(Value::as_bool)
                            .unwrap_or(true),
                        restart_count: status
                            .and_then(|s| s.get("restartCount"))
                            .and_then(Value::as_u64)
                            .and_then(|n| u32::try_from(n).ok())
                            .unwrap_or(0),
                        state: ContainerState::Running(now),
                    }
                })
                .collect();
            // A running pod was scheduled and initialized; whether it is ready is
            // what the text says (a failing readiness probe keeps it not ready).
            for condition in ["PodScheduled", "Initialized", "ContainersReady", "Ready"] {
                stored.set_condition(condition, "True", "", "");
            }
            let conditions = raw
                .get("status")
                .and_then(|s| s.get("conditions"))
                .and_then(Value::as_sequence);
            for condition in conditions.into_iter().flatten() {
                let text = |name: &str| condition.get(name).and_then(Value::as_str).unwrap_or("");
                if !text("type").is_empty() && !text("status").is_empty() {
                    stored.set_condition(
                        text("type"),
                        text("status"),
                        text("reason"),
                        text("message"),
                    );
                }
            }
        }
        Ok(())
    }
}

/// Puts back the UID an imported workload had.
fn keep_uid(meta: &mut crate::api::ObjectMeta, uid: Option<String>) {
    if let Some(uid) = uid {
        meta.uid = uid;
    }
}

/// The namespace a namespaced object lives in.
fn object_namespace(object: &Object) -> Option<String> {
    let ns = match object {
        Object::Pod(p) => &p.metadata.namespace,
        Object::DaemonSet(d) => &d.metadata.namespace,
        Object::Deployment(d) => &d.metadata.namespace,
        Object::ReplicaSet(r) => &r.metadata.namespace,
        Object::Other(o) => &o.metadata.namespace,
        Object::PodDisruptionBudget(p) => &p.metadata.namespace,
        Object::Node(_) | Object::Namespace(_) | Object::PriorityClass(_) => return None,
    };
    Some(namespaced(ns))
}
