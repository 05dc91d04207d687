//! Importing a whole cluster's state, as `kubectl get ... -A -o yaml` prints it
//! (or as [`crate::import::merge`] makes one list of several texts).
//!
//! Unlike `kubectl apply`, an import keeps what the API server had written: each
//! object's UID, a pod's node and its running status, and the moments objects
//! were made and started, placed on the simulated clock ([`clock`]).
//! Controllers then adopt their pods through `ownerReferences` instead of
//! creating new ones.

mod clock;

use super::Cluster;
use super::key;
use super::namespaced;
use crate::api::ContainerState;
use crate::api::ContainerStatus;
use crate::api::Pod;
use crate::clock::Time;
use crate::decode::Object;
use crate::diagnostic::Diagnostic;
use crate::import::{SkipReason, Skipped, note_skipped};
use crate::sorted_map::SortedMap;
use clock::{ImportClock, text_at};
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
    /// Objects left out, once per kind and reason, with how many.
    pub skipped: Vec<Skipped>,
    /// The moment the state was read, taken as its latest timestamp (Unix
    /// milliseconds): the simulated clock's now stands for it, and every
    /// imported time lies as far before now as it lay before that moment.
    /// `None` when the state holds no timestamp.
    pub read_at: Option<i64>,
}

/// The status field `name` of a raw object, as text.
fn status_str<'a>(raw: &'a Value, name: &str) -> &'a str {
    text_at(raw, &["status", name]).unwrap_or("")
}

/// The `metadata.uid` of a raw object, if it has one.
fn raw_uid(raw: &Value) -> Option<String> {
    text_at(raw, &["metadata", "uid"])
        .filter(|uid| !uid.is_empty())
        .map(str::to_string)
}

/// What one import carries from object to object.
struct Importing {
    clock: Option<ImportClock>,
    /// For each node imported with NoExecute taints, the earliest moment one of
    /// them was added (`timeAdded`), on the simulated clock.
    no_execute_since: SortedMap<String, Time>,
    /// The pods imported bound to a node, by UID, with the moment they started.
    bound: Vec<(String, Time)>,
}

impl Importing {
    /// The simulated moment of the timestamp at `path` in `raw`.
    fn at(&self, raw: &Value, path: &[&str]) -> Option<Time> {
        self.clock.and_then(|c| c.at(text_at(raw, path)))
    }
}

impl Cluster {
    /// Imports the objects of a `kind: List` (or several documents) as the API
    /// server returned them: objects keep their UIDs, bound pods stay on their
    /// nodes with a running status, pending pods are left to the scheduler, and
    /// the times the objects carry are placed on the simulated clock before its
    /// now ([`ImportReport::read_at`]). Kinds taintlab does not simulate are
    /// skipped and listed once each. Bounded by
    /// [`crate::limits::MAX_IMPORT_BYTES`] and
    /// [`crate::limits::MAX_IMPORT_OBJECTS`]; refused whole, with the
    /// decoder's diagnostics, when the text is invalid.
    pub fn import_state(&mut self, text: &str) -> Result<ImportReport, Vec<Diagnostic>> {
        let decoded = crate::decode::decode_import(text, self.decode_options())?;
        self.import_decoded(decoded)
    }

    /// [`Cluster::import_state`] of a merged import's text, from the objects
    /// the merge has already read when it still holds them (the first import of
    /// it; a replay reads the text). Either way the outcome is the same.
    pub fn import_merged(
        &mut self,
        merged: &mut crate::import::Merged,
    ) -> Result<ImportReport, Vec<Diagnostic>> {
        let values = merged.take_values();
        if values.is_empty() {
            return self.import_state(&merged.text);
        }
        let decoded = crate::decode::decode_values(values, self.decode_options())?;
        self.import_decoded(decoded)
    }

    /// Imports decoded objects (see [`Cluster::import_state`]).
    fn import_decoded(
        &mut self,
        decoded: crate::decode::Decoded,
    ) -> Result<ImportReport, Vec<Diagnostic>> {
        self.settle_first();
        let clock = ImportClock::of(decoded.objects.iter().map(|o| &o.raw), self.now);
        if let Some(clock) = clock {
            // The clock jumps forward; an import starts a fresh cluster (the
            // page and the command line reset first), so no timer is passed.
            self.now = clock.now();
        }
        let mut report = ImportReport {
            read_at: clock.map(|c| c.read_at()),
            ..ImportReport::default()
        };
        let mut importing = Importing {
            clock,
            no_execute_since: SortedMap::default(),
            bound: Vec::new(),
        };
        let mut daemon_sets = Vec::new();
        for located in decoded.objects {
            let raw = located.raw;
            let kind = text_at(&raw, &["kind"]).unwrap_or("").to_string();
            if let Some(ns) = object_namespace(&located.object)
                && let Err(i) = self.namespaces.binary_search(&ns)
            {
                self.namespaces.insert(i, ns.clone());
                report.namespaces_created.push(ns);
            }
            let uid = raw_uid(&raw);
            let created = importing.at(&raw, &["metadata", "creationTimestamp"]);
            let outcome = match located.object {
                Object::Other(_) => Err(SkipReason::NotSimulated),
                Object::Pod(pod) => self.import_pod(pod, &raw, uid, &mut importing),
                Object::Node(node) => {
                    let name = node.metadata.name.clone();
                    self.note_no_execute(&name, &raw, &mut importing);
                    let outcome = self.import_via_apply(Object::Node(node), &raw, uid, created);
                    if outcome.is_ok() {
                        self.import_readiness(&name, &raw, &importing);
                    }
                    outcome
                }
                Object::DaemonSet(ds) => {
                    daemon_sets.push(key(&namespaced(&ds.metadata.namespace), &ds.metadata.name));
                    self.import_via_apply(Object::DaemonSet(ds), &raw, uid, created)
                }
                other => self.import_via_apply(other, &raw, uid, created),
            };
            match outcome {
                Ok(()) => report.imported += 1,
                Err(reason) => note_skipped(&mut report.skipped, &kind, reason, 1),
            }
        }
        for k in daemon_sets {
            self.seed_daemon_set_revision(&k);
        }
        self.seed_evictions(&importing);
        self.reconcile();
        Ok(report)
    }

    /// A node the state shows not Ready stays so: its kubelet stopped when it
    /// last posted status (the Ready condition's `lastHeartbeatTime`) and its
    /// Ready condition is the state's, so the node-lifecycle controller keeps
    /// the `not-ready` or `unreachable` taints the state has (with their
    /// `timeAdded`, which the eviction countdowns run from) instead of
    /// clearing them as a healthy node's. A kubelet that reports `False` is
    /// simulated as stopped now: the simulation has no running kubelet that
    /// reports a node not Ready.
    fn import_readiness(&mut self, node: &str, raw: &Value, importing: &Importing) {
        let ready = raw
            .get("status")
            .and_then(|s| s.get("conditions"))
            .and_then(Value::as_sequence)
            .and_then(|all| {
                all.iter()
                    .find(|c| c.get("type").and_then(Value::as_str) == Some("Ready"))
            });
        let Some(ready) = ready else {
            return;
        };
        let now = self.now;
        let (status, stopped) = match ready.get("status").and_then(Value::as_str) {
            Some("True") => return,
            Some("False") => (super::ConditionStatus::False, now),
            _ => (
                super::ConditionStatus::Unknown,
                importing
                    .at(ready, &["lastHeartbeatTime"])
                    .map_or(now, |t| t.min(now)),
            ),
        };
        let since = importing
            .at(ready, &["lastTransitionTime"])
            .map_or(now, |t| t.min(now));
        if let Some(record) = self.nodes.get_mut(node) {
            let runtime = &mut record.runtime;
            runtime.kubelet_started = runtime.kubelet_started.min(stopped);
            runtime.stop(stopped);
            runtime.ready = status;
            runtime.ready_since = since;
        }
    }

    /// Notes when a node's NoExecute taints were added, from their `timeAdded`.
    fn note_no_execute(&self, node: &str, raw: &Value, importing: &mut Importing) {
        let taints = raw
            .get("spec")
            .and_then(|s| s.get("taints"))
            .and_then(Value::as_sequence);
        let since = taints
            .into_iter()
            .flatten()
            .filter(|t| t.get("effect").and_then(Value::as_str) == Some("NoExecute"))
            .filter_map(|t| importing.at(t, &["timeAdded"]))
            .min();
        if let Some(since) = since {
            importing.no_execute_since.insert(node.to_string(), since);
        }
    }

    /// Puts back the taint-eviction controller's queue as the real cluster had
    /// it: the queue is in the controller's memory, not in the state, but
    /// `processPodOnNode` schedules a pod's deletion when it first sees the pod
    /// under a NoExecute taint it tolerates for a while, and keeps that
    /// schedule; that is the later of the taint's `timeAdded` and the pod's
    /// start. A deletion already due happens when the loops run.
    fn seed_evictions(&mut self, importing: &Importing) {
        use crate::controller::taint_eviction::{EvictionDecision, eviction_decision};
        for (uid, started) in &importing.bound {
            let Some(pod) = self.pods.seq_of_uid(uid).and_then(|s| self.pods.get_seq(s)) else {
                continue;
            };
            let Some(since) = importing.no_execute_since.get(pod.spec.node_name.as_str()) else {
                continue;
            };
            let Some(record) = self.nodes.get(&pod.spec.node_name) else {
                continue;
            };
            if let EvictionDecision::EvictAfter(seconds) =
                eviction_decision(&record.node.spec.taints, &pod.spec.tolerations)
            {
                let start = (*since).max(*started);
                self.evictions
                    .insert(uid.clone(), start.plus_secs(seconds.unsigned_abs()));
            }
        }
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
    /// UID (workloads: their pods name it as their owner) and the creation time
    /// the imported text gave it.
    fn import_via_apply(
        &mut self,
        object: Object,
        raw: &Value,
        uid: Option<String>,
        created: Option<Time>,
    ) -> Result<(), SkipReason> {
        let k = match &object {
            Object::DaemonSet(d) => key(&d.metadata.namespace, &d.metadata.name),
            Object::Deployment(d) => key(&d.metadata.namespace, &d.metadata.name),
            Object::ReplicaSet(r) => key(&r.metadata.namespace, &r.metadata.name),
            Object::PodDisruptionBudget(p) => key(&p.metadata.namespace, &p.metadata.name),
            other => other.name().to_string(),
        };
        let kind = object.kind();
        self.apply_object(object, raw)
            .map_err(|(_, why)| SkipReason::Refused(why))?;
        let meta = match kind {
            "DaemonSet" => self.daemon_sets.get_mut(&k).map(|o| &mut o.metadata),
            "Deployment" => self.deployments.get_mut(&k).map(|o| &mut o.metadata),
            "ReplicaSet" => self.replica_sets.get_mut(&k).map(|o| &mut o.metadata),
            "PriorityClass" => self.priority_classes.get_mut(&k).map(|o| &mut o.metadata),
            "PodDisruptionBudget" => self.disruption_budgets.get_mut(&k).map(|o| &mut o.metadata),
            "Node" if created.is_some() => self.nodes.get_mut(&k).map(|r| &mut r.node.metadata),
            _ => None,
        };
        if let Some(meta) = meta {
            if let Some(uid) = uid.filter(|_| kind != "Node") {
                meta.uid = uid;
            }
            if let Some(created) = created {
                meta.created = created;
            }
        }
        Ok(())
    }

    /// Stores a pod with its UID and node; a pod the text shows running keeps
    /// running, so the kubelet does not pull and start it again.
    fn import_pod(
        &mut self,
        mut pod: Pod,
        raw: &Value,
        uid: Option<String>,
        importing: &mut Importing,
    ) -> Result<(), SkipReason> {
        pod.metadata.namespace = namespaced(&pod.metadata.namespace);
        if !self.room_for_pod() {
            return Err(SkipReason::Refused(crate::limits::Limit::Pods.en()));
        }
        if !pod.spec.node_name.is_empty() && self.node(&pod.spec.node_name).is_none() {
            return Err(SkipReason::NodeMissing(pod.spec.node_name.clone()));
        }
        let now = self.now;
        let created = importing.at(raw, &["metadata", "creationTimestamp"]);
        let start_time = importing.at(raw, &["status", "startTime"]);
        let mut bound = None;
        // Stored once, as the real API server had it.
        self.create_pod_as(pod, |stored| {
            if let Some(uid) = uid {
                stored.metadata.uid = uid;
            }
            if let Some(created) = created {
                stored.metadata.created = created;
            }
            if stored.spec.node_name.is_empty() {
                return;
            }
            bound = Some((
                stored.metadata.uid.clone(),
                start_time.or(created).unwrap_or(now),
            ));
            if status_str(raw, "phase") == "Running" {
                run(stored, raw, start_time.unwrap_or(now), importing);
            }
        });
        importing.bound.extend(bound);
        Ok(())
    }
}

/// Puts back a running pod's status as the text gives it, so the kubelet does
/// not pull and start it again.
fn run(stored: &mut Pod, raw: &Value, started: Time, importing: &Importing) {
    stored.status.phase = "Running".to_string();
    stored.status.pod_ip = status_str(raw, "podIP").to_string();
    stored.status.host_ip = status_str(raw, "hostIP").to_string();
    stored.status.start_time = Some(started);
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
            let running_since = status
                .and_then(|s| importing.at(s, &["state", "running", "startedAt"]))
                .unwrap_or(started);
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
                state: ContainerState::Running(running_since),
            }
        })
        .collect();
    // A running pod was scheduled and initialized; whether it is ready is what
    // the text says (a failing readiness probe keeps it not ready).
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
