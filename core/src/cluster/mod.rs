//! The simulated cluster: an object store plus the control loops that run after
//! every change until nothing more changes, on one simulated clock.
//!
//! The controllers of kube-controller-manager (DaemonSet, Deployment, ReplicaSet,
//! disruption, node lifecycle, pod GC, taint eviction) live in [`crate::controller`], each in
//! its own module, as `impl Cluster` blocks; `Cluster::reconcile` runs them here
//! with the scheduler's cycle ([`crate::scheduler::schedule_one`]) and the loops
//! that stay in this module: static pods and the kubelets.

mod apply;
mod config;
mod eviction;
mod import;
mod kubelet;
pub(crate) mod name_notes;
mod node_table;
mod pods;
mod priority;
mod server;
mod static_pods;
pub(crate) mod store;
mod undo;

use crate::api::{DaemonSet, Deployment, Node, Pod, ReplicaSet, Taint, TaintEffect};
use crate::clock::Time;
use crate::controller::{node_lifecycle, podgc};
use crate::decode::{DecodeOptions, Decoded, Object, OtherObject, decode_with};
use crate::diagnostic::{Diagnostic, Severity};
use crate::events::{EventLog, EventType, ObjectRef};
use crate::names::NameGenerator;
use crate::scheduler::cluster_snapshot::ClusterSnapshot;
use crate::scheduler::snapshot::Snapshot;
use crate::shared::Shared;
use crate::sorted_map::SortedMap;
use crate::version::KubeVersion;
use std::collections::BTreeMap;

/// Whether the node-lifecycle controller owns a taint (it mirrors a condition or cordoning).
pub use crate::controller::node_lifecycle::owned as lifecycle_taint;
pub use config::{control_plane_labels, control_plane_taints, has_retired_master_label};
pub use eviction::Eviction;
pub use eviction::VIOLATES_BUDGET;
pub use import::ImportReport;
pub use kubelet::{ConditionStatus, NodeRuntime};
pub(crate) use node_table::NodeChanges;
pub(crate) use pods::pod_key;
pub use server::Kind;
pub use static_pods::manifest_diagnostics;
pub use store::PodStore;

/// Control loops stop after this many rounds even if something keeps changing,
/// so a bug can never hang the page.
const MAX_RECONCILE_ROUNDS: usize = 200;

/// The seed for generated names, so every session starts the same.
const NAME_SEED: u64 = 0x7a17_1ab5;

/// Where kubelets read static pod manifests (`staticPodPath`).
pub const STATIC_POD_PATH: &str = "/etc/kubernetes/manifests";

/// What a controller saw at each object's last sync that changed nothing, by the
/// object's UID (kept out of `Debug`: it is bookkeeping, not state).
pub(crate) type SyncStamps<T> = crate::unseen::Unseen<SortedMap<String, T>>;

/// A node and the simulated machine behind it.
#[derive(Debug, Clone)]
pub struct NodeRecord {
    /// The Node object.
    pub node: Node,
    /// The node's kubelet, runtime and files.
    pub runtime: NodeRuntime,
}

/// The whole simulated cluster.
///
/// The fields marked `pub(crate)` are the store that the controllers in
/// [`crate::controller`] and the scheduling cycle in
/// [`crate::scheduler::schedule_one`] read and write from their own modules, as
/// upstream's work through informers and the API; the rest stay private to this
/// module.
#[derive(Debug, Clone)]
pub struct Cluster {
    pub(crate) version: KubeVersion,
    pub(crate) now: Time,
    pub(crate) nodes: node_table::NodeTable,
    pub(crate) pods: PodStore,
    pub(crate) daemon_sets: SortedMap<String, DaemonSet>,
    pub(crate) deployments: SortedMap<String, Deployment>,
    pub(crate) replica_sets: SortedMap<String, ReplicaSet>,
    /// PriorityClasses by name, without the two system classes (always there).
    pub(crate) priority_classes: SortedMap<String, crate::api::PriorityClass>,
    /// PodDisruptionBudgets by `namespace/name`.
    pub(crate) disruption_budgets: SortedMap<String, crate::api::PodDisruptionBudget>,
    /// The disruption controller's status of each budget, by its UID.
    pub(crate) disruption_status: SortedMap<String, crate::controller::disruption::Status>,
    /// Generates UIDs and names (the Deployment controller names its ReplicaSets).
    pub(crate) names: NameGenerator,
    events: EventLog,
    /// Pending NoExecute evictions: pod UID to the moment it is deleted
    /// (the taint-eviction controller's queue).
    pub(crate) evictions: SortedMap<String, Time>,
    /// Feature gates switched on or off (`featureGates` in a kind config).
    feature_gates: std::collections::BTreeMap<String, bool>,
    /// The scheduler's `nextStartNodeIndex`: where the next filtering pass begins
    /// (the scheduling cycle in [`crate::scheduler::schedule_one`] moves it).
    pub(crate) next_start_node: usize,
    /// Namespaces that exist.
    namespaces: Vec<String>,
    /// The labels users gave namespaces, for pod affinity's `namespaceSelector`
    /// (only namespaces with labels of their own are here).
    namespace_labels: SortedMap<String, BTreeMap<String, String>>,
    /// Objects stored but not simulated, by `resource/namespace/name`, with their text.
    others: SortedMap<String, (OtherObject, serde_yaml::Value)>,
    /// Kinds the user has been told are not simulated (told once per cluster).
    told_not_simulated: Vec<String>,
    /// Each DaemonSet's ControllerRevisions, by DaemonSet UID: (revision, template
    /// hash, template), oldest first (the DaemonSet controller writes them).
    pub(crate) daemon_set_history:
        SortedMap<String, Vec<(i64, String, crate::api::PodTemplateSpec)>>,
    /// How many nodes have ever joined (numbers their addresses).
    nodes_added: u32,
    /// Deleted nodes and when, for the pod garbage collector's quarantine (it
    /// reads and clears them).
    pub(crate) deleted_nodes: SortedMap<String, Time>,
    /// Each object's text as last applied, by `Kind/namespace/name`: it keeps the
    /// fields taintlab accepts but does not model, to print them back.
    applied: SortedMap<std::rc::Rc<str>, Shared<serde_yaml::Value>>,
    /// The most pods this cluster holds: [`crate::limits::MAX_PODS`] (tests lower it).
    max_pods: usize,
    /// What each DaemonSet's last sync that changed nothing saw, by UID: its
    /// resourceVersion, the nodes' generation and its pods' last write. A sync
    /// that would see the same has nothing to do (a work queue that holds only
    /// the DaemonSets something happened to).
    pub(crate) daemon_set_synced: SyncStamps<(u64, u64, u64)>,
    /// The same for each ReplicaSet: its resourceVersion, its pods' last write and
    /// whether there was room for more pods.
    pub(crate) replica_set_synced: SyncStamps<((u64, i64), u64, bool)>,
    /// The same for each Deployment.
    pub(crate) deployment_synced: SyncStamps<crate::controller::deployment::DeploymentStamp>,
    /// The same for each PodDisruptionBudget: its resourceVersion and the last
    /// write to a pod of its namespace.
    pub(crate) disruption_synced: SyncStamps<(u64, u64)>,
    /// What each budget's last sync that changed nothing read: its
    /// resourceVersion and a fingerprint of its pods (the disruption controller's).
    pub(crate) disruption_seen: SyncStamps<(u64, u64)>,
    /// The most rounds of the control loops one change runs before it returns,
    /// leaving the rest to [`Cluster::settle`] (`None`: all of them). The page
    /// sets it, to draw between rounds (a setting of the viewer, not state).
    round_budget: crate::unseen::Unseen<Option<usize>>,
    /// Rounds run since the loops were last quiet; nonzero while unsettled.
    rounds_unsettled: usize,
    /// Whether the loops stopped at the round budget with work left.
    unsettled: bool,
    /// The scheduler's configuration: its profiles (`KubeSchedulerConfiguration`).
    pub(crate) scheduler_config: crate::scheduler::config::SchedulerConfig,
    /// The scheduler's node infos, kept between scheduling passes.
    pub(crate) scheduler_cache: crate::unseen::Unseen<crate::scheduler::cache::SchedulerCache>,
}

/// What `apply` did: one `kubectl apply` line per object, plus warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyReport {
    /// e.g. `daemonset.apps/redis-ds created`.
    pub lines: Vec<String>,
    /// Non-fatal notes about the text.
    pub warnings: Vec<Diagnostic>,
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster::tutorial()
    }
}

/// `namespace/name`, with an empty namespace meaning `default`.
pub(crate) fn key(namespace: &str, name: &str) -> String {
    // Built by hand: this runs for every pod in every controller pass.
    let namespace = if namespace.is_empty() {
        "default"
    } else {
        namespace
    };
    let mut key = String::with_capacity(namespace.len() + 1 + name.len());
    key.push_str(namespace);
    key.push('/');
    key.push_str(name);
    key
}

/// `default` for an empty namespace.
pub(crate) fn namespaced(namespace: &str) -> String {
    if namespace.is_empty() {
        "default".to_string()
    } else {
        namespace.to_string()
    }
}

impl Cluster {
    /// Sets the scheduler's configuration from a `KubeSchedulerConfiguration`
    /// (`kubescheduler.config.k8s.io/v1`, YAML or JSON), as kube-scheduler's
    /// `--config` does: refused whole, with kube-scheduler's words, when it
    /// does not decode or validate. Pods still pending are tried again with it.
    pub fn set_scheduler_config(&mut self, text: &str) -> Result<(), Vec<Diagnostic>> {
        let config =
            crate::decode::scheduler_config::decode_scheduler_config(text, self.version.minor)?;
        self.settle_first();
        self.scheduler_config = config;
        // Every waiting pod may fit under the new profiles: the scheduler
        // starts over with them, as a restarted kube-scheduler does.
        self.scheduler_cache.nodes_changed = true;
        self.reconcile();
        Ok(())
    }

    /// The scheduler's configuration.
    pub fn scheduler_config(&self) -> &crate::scheduler::config::SchedulerConfig {
        &self.scheduler_config
    }

    /// An empty cluster of the given version.
    pub fn empty(version: KubeVersion) -> Cluster {
        Cluster {
            version,
            now: Time::ZERO,
            nodes: node_table::NodeTable::default(),
            pods: PodStore::default(),
            daemon_sets: SortedMap::default(),
            deployments: SortedMap::default(),
            replica_sets: SortedMap::default(),
            priority_classes: SortedMap::default(),
            disruption_budgets: SortedMap::default(),
            disruption_status: SortedMap::default(),
            names: NameGenerator::new(NAME_SEED),
            events: EventLog::default(),
            evictions: SortedMap::default(),
            feature_gates: Default::default(),
            next_start_node: 0,
            namespaces: ["default", "kube-node-lease", "kube-public", "kube-system"]
                .map(String::from)
                .to_vec(),
            namespace_labels: SortedMap::default(),
            others: SortedMap::default(),
            daemon_set_history: SortedMap::default(),
            told_not_simulated: Vec::new(),
            applied: SortedMap::default(),
            nodes_added: 0,
            deleted_nodes: SortedMap::default(),
            max_pods: crate::limits::MAX_PODS,
            round_budget: Default::default(),
            rounds_unsettled: 0,
            unsettled: false,
            daemon_set_synced: Default::default(),
            replica_set_synced: Default::default(),
            deployment_synced: Default::default(),
            disruption_synced: Default::default(),
            disruption_seen: Default::default(),
            scheduler_config: Default::default(),
            scheduler_cache: Default::default(),
        }
    }

    /// The tutorial's starting point: `master` (labelled and tainted
    /// `node-role.kubernetes.io/master`, NoSchedule) and `worker`.
    pub fn tutorial() -> Cluster {
        Cluster::tutorial_nodes(&["master", "worker"])
    }

    /// A cluster like the tutorial's with these nodes: the one called `master` is
    /// labelled and tainted as the tutorial's master, the others are workers
    /// (lessons that need more than one worker start here).
    pub fn tutorial_nodes(names: &[&str]) -> Cluster {
        let mut cluster = Cluster::empty(KubeVersion::default());
        for &name in names {
            let mut node = Node::default();
            node.metadata.name = name.to_string();
            for (k, v) in [
                ("kubernetes.io/arch", "amd64"),
                ("kubernetes.io/hostname", name),
                ("kubernetes.io/os", "linux"),
            ] {
                node.metadata.labels.insert(k.to_string(), v.to_string());
            }
            if name == "master" {
                node.metadata
                    .labels
                    .insert("node-role.kubernetes.io/master".to_string(), String::new());
                node.spec.taints.push(Taint::new(
                    "node-role.kubernetes.io/master",
                    "",
                    TaintEffect::NoSchedule,
                ));
            }
            cluster.add_node(node);
        }
        cluster.reconcile();
        cluster
    }

    /// The simulated Kubernetes version.
    pub fn version(&self) -> KubeVersion {
        self.version
    }

    /// The simulated clock's current time.
    pub fn now(&self) -> Time {
        self.now
    }

    /// Nodes, sorted by name.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.nodes.values().map(|r| &r.node)
    }

    /// Nodes with their simulated machines, sorted by name.
    pub fn node_records(&self) -> impl Iterator<Item = &NodeRecord> {
        self.nodes.values()
    }

    /// How many nodes there are.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// A node by name.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.get(name).map(|r| &r.node)
    }

    /// A node's simulated machine by name.
    pub fn node_runtime(&self, name: &str) -> Option<&NodeRuntime> {
        self.nodes.get(name).map(|r| &r.runtime)
    }

    /// Pods, in arrival order.
    pub fn pods(&self) -> impl Iterator<Item = &Pod> {
        self.pods.iter()
    }

    /// The pods the object with `uid` controls (its controller owner reference),
    /// in arrival order, from the store's index.
    pub fn pods_controlled_by<'a>(&'a self, uid: &'a str) -> impl Iterator<Item = &'a Pod> + 'a {
        self.pods
            .owned_by(uid)
            .filter_map(|seq| self.pods.get_seq(seq))
    }

    /// The pods bound to the node called `name`, in arrival order, from the
    /// store's index.
    pub fn pods_on_node<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Pod> + use<'a> {
        self.pods
            .on_node(name)
            .filter_map(|seq| self.pods.get_seq(seq))
    }

    /// A pod by namespace and name.
    pub fn pod(&self, namespace: &str, name: &str) -> Option<&Pod> {
        self.pods.get(&key(namespace, name))
    }

    /// DaemonSets, sorted by namespace/name.
    pub fn daemon_sets(&self) -> impl Iterator<Item = &DaemonSet> {
        self.daemon_sets.values()
    }

    /// Deployments, sorted by namespace/name.
    pub fn deployments(&self) -> impl Iterator<Item = &Deployment> {
        self.deployments.values()
    }

    /// ReplicaSets, sorted by namespace/name.
    pub fn replica_sets(&self) -> impl Iterator<Item = &ReplicaSet> {
        self.replica_sets.values()
    }

    /// Objects stored but not simulated, in `resource/namespace/name` order.
    pub fn other_objects(&self) -> impl Iterator<Item = &OtherObject> {
        self.others.values().map(|(o, _)| o)
    }

    /// An object's text as last applied (`kind` as written, e.g. `DaemonSet`; an empty
    /// namespace for cluster-scoped kinds), with every field the user wrote.
    pub fn applied_config(
        &self,
        kind: &str,
        namespace: &str,
        name: &str,
    ) -> Option<&serde_yaml::Value> {
        self.applied
            .get(format!("{kind}/{namespace}/{name}").as_str())
            .map(|v| &**v)
    }

    /// Namespaces, sorted.
    pub fn namespaces(&self) -> &[String] {
        &self.namespaces
    }

    /// The labels of namespace `name`, with the `kubernetes.io/metadata.name`
    /// label the API server gives every namespace (`pkg/registry/core/namespace`).
    pub fn namespace_labels(&self, name: &str) -> BTreeMap<String, String> {
        self.snapshot(&[], None, false).namespace_labels(name)
    }

    /// The scheduler's view of the cluster over `nodes` (all of them, in name
    /// order), leaving out the pod with UID `skip_uid`; `has_zones` is
    /// [`any_zone`] of `nodes`, worked out once per pass by the caller.
    pub(crate) fn snapshot<'a>(
        &'a self,
        nodes: &'a [&'a Node],
        skip_uid: Option<&'a str>,
        has_zones: bool,
    ) -> ClusterSnapshot<'a> {
        ClusterSnapshot {
            nodes,
            pods: &self.pods,
            namespaces: &self.namespaces,
            namespace_labels: &self.namespace_labels,
            skip_uid,
            has_zones,
            spreads: None,
        }
    }

    /// The event log.
    pub fn events(&self) -> &EventLog {
        &self.events
    }

    /// A DaemonSet's ControllerRevisions: revision number and pod template, oldest
    /// first (`kubectl rollout history daemonset`).
    pub fn daemon_set_revisions(
        &self,
        namespace: &str,
        name: &str,
    ) -> Vec<(i64, crate::api::PodTemplateSpec)> {
        let Some(ds) = self.daemon_sets.get(&key(namespace, name)) else {
            return Vec::new();
        };
        self.daemon_set_history
            .get(&ds.metadata.uid)
            .map(|h| h.iter().map(|(r, _, t)| (*r, t.clone())).collect())
            .unwrap_or_default()
    }

    /// When a pending NoExecute eviction of the pod with `uid` fires, if one is scheduled.
    pub fn eviction_deadline(&self, uid: &str) -> Option<Time> {
        self.evictions.get(uid).copied()
    }

    /// Applies YAML like `kubectl apply -f`: creates or updates each object, then
    /// runs the control loops to quiescence. On any error nothing changes.
    pub fn apply(&mut self, text: &str) -> Result<ApplyReport, Vec<Diagnostic>> {
        let decoded = self.decode(text)?;
        self.apply_decoded(decoded)
    }

    /// Decodes and validates YAML as this cluster's API server would (its version
    /// and feature gates decide what is valid), without applying it.
    pub fn decode(&self, text: &str) -> Result<Decoded, Vec<Diagnostic>> {
        decode_with(text, self.decode_options())
    }

    /// What this cluster's API server accepts: its version and feature gates.
    pub(crate) fn decode_options(&self) -> DecodeOptions {
        DecodeOptions {
            comparison_operators: self.version.minor >= 35
                && self.feature_enabled("TaintTolerationComparisonOperators"),
            style: crate::api::field_value::ValueStyle::for_minor(self.version.minor),
            allow_invalid_node_affinity_values: self.version.minor < 33,
        }
    }

    /// Applies objects that [`Cluster::decode`] produced. On any error nothing changes.
    pub fn apply_decoded(&mut self, decoded: Decoded) -> Result<ApplyReport, Vec<Diagnostic>> {
        self.settle_first();
        // Write in place, noting each entry's previous state, so that a refused
        // object leaves the cluster as it was at a cost proportional to the apply
        // (a copy of the whole cluster would cost as much as the cluster).
        let mut undo = undo::Undo::begin(self);
        let next = &mut *self;
        let mut report = ApplyReport {
            lines: Vec::new(),
            warnings: decoded.warnings,
        };
        let mut errors = Vec::new();
        for located in decoded.objects {
            if let Object::Other(other) = &located.object
                && !next.told_not_simulated.contains(&other.kind)
            {
                next.told_not_simulated.push(other.kind.clone());
                report.warnings.push(Diagnostic {
                    severity: Severity::Warning,
                    document: located.document,
                    line: located.line,
                    column: 1,
                    path: "kind".to_string(),
                    message: format!(
                        "{} objects are stored and listed, but taintlab does not simulate what they do",
                        other.kind
                    ),
                });
            }
            let namespace = match &located.object {
                Object::Node(_) | Object::Namespace(_) | Object::PriorityClass(_) => String::new(),
                _ => namespaced(
                    located
                        .raw
                        .get("metadata")
                        .and_then(|m| m.get("namespace"))
                        .and_then(serde_yaml::Value::as_str)
                        .unwrap_or(""),
                ),
            };
            let kind = located
                .raw
                .get("kind")
                .and_then(serde_yaml::Value::as_str)
                .unwrap_or("");
            let applied_key = format!("{kind}/{namespace}/{}", located.object.name());
            undo.note(next, &located.object);
            match next.apply_object(located.object, &located.raw) {
                Ok(line) => {
                    let key: std::rc::Rc<str> = applied_key.into();
                    let previous = next
                        .applied
                        .insert(std::rc::Rc::clone(&key), Shared::new(located.raw));
                    undo.applied(key, previous);
                    report.lines.push(line);
                }
                Err((path, message)) => errors.push(Diagnostic {
                    severity: Severity::Error,
                    document: located.document,
                    line: located.line,
                    column: 1,
                    path,
                    message,
                }),
            }
        }
        if !errors.is_empty() {
            undo.roll_back(self);
            return Err(errors);
        }
        undo.commit(self);
        self.reconcile();
        Ok(report)
    }

    /// Advances the simulated clock by `seconds`, firing every timer on the way in order.
    pub fn advance(&mut self, seconds: u64) {
        self.step(seconds);
    }

    /// [`Cluster::advance`], telling whether anything happened: a control loop
    /// changed something or an event was recorded.
    fn step(&mut self, seconds: u64) -> bool {
        let events = self.events.recorded();
        let target = self.now.plus_secs(seconds);
        let mut changed = false;
        // Time moves only from a settled cluster, so that a run in budgeted
        // rounds reaches the state a run without a budget reaches.
        let settled_first = self.unsettled;
        self.settle_first();
        changed |= settled_first;
        loop {
            let next = self
                .next_deadline()
                .filter(|t| *t > self.now && *t <= target)
                .unwrap_or(target);
            self.now = next;
            changed |= self.run_rounds(usize::MAX);
            if self.now >= target {
                break;
            }
        }
        changed || self.events.recorded() != events
    }

    /// `times` steps of `seconds` each, as the page's clock makes them (each ends
    /// with the control loops run), in time proportional to what happens rather
    /// than to `times`: after a step in which nothing happened, the steps before
    /// the next timer would do nothing either (the loops act on a change or a
    /// timer, which is what lets [`Cluster::advance`] jump between timers), so
    /// the clock moves over them at once.
    pub fn advance_steps(&mut self, seconds: u64, times: u64) {
        let step_millis = seconds.saturating_mul(1000);
        let mut left = times;
        while left > 0 {
            let happened = self.step(seconds);
            left -= 1;
            if happened || step_millis == 0 {
                continue;
            }
            // Steps that end before the next timer fires are idle.
            let idle = match self.next_deadline() {
                Some(t) => t
                    .millis_since(self.now)
                    .div_ceil(step_millis)
                    .saturating_sub(1),
                None => left,
            }
            .min(left);
            self.now = self.now.plus_millis(idle.saturating_mul(step_millis));
            left -= idle;
        }
    }

    /// The earliest moment after now at which some timer fires.
    fn next_deadline(&self) -> Option<Time> {
        let evictions = self.evictions.values().copied();
        let kubelets = self
            .nodes
            .values()
            .filter_map(|r| r.runtime.next_deadline(self.now));
        let minor = self.version.minor;
        let lifecycle = self
            .nodes
            .values()
            .filter_map(|r| node_lifecycle::next_deadline(r, self.now, minor));
        let orphans = self
            .deleted_nodes
            .values()
            .map(|t| t.plus_millis(podgc::QUARANTINE_MILLIS));
        evictions
            .chain(orphans)
            .chain(kubelets)
            .chain(lifecycle)
            .filter(|t| *t > self.now)
            .min()
    }

    /// Stops the kubelet on `node` (`systemctl stop kubelet`). Returns false for an unknown node.
    pub fn stop_kubelet(&mut self, node: &str) -> bool {
        self.settle_first();
        let now = self.now;
        let Some((_, runtime)) = self.nodes.runtime_mut(node) else {
            return false;
        };
        runtime.stop(now);
        self.reconcile();
        true
    }

    /// Starts the kubelet on `node` again. Returns false for an unknown node.
    pub fn start_kubelet(&mut self, node: &str) -> bool {
        self.settle_first();
        let now = self.now;
        let Some((_, runtime)) = self.nodes.runtime_mut(node) else {
            return false;
        };
        let was_stopped = !runtime.kubelet_running;
        runtime.start(now);
        if was_stopped {
            self.kubelet_started_events(node);
            self.repost_pod_statuses(node);
        }
        self.reconcile();
        true
    }

    /// Writes a static pod manifest on `node` (a file under [`STATIC_POD_PATH`]).
    /// Returns false, changing nothing, for an unknown node or a file name the
    /// workspace refuses ([`crate::file_name::name_error`]: empty, `.` or `..`, a
    /// slash, a control or invisible character, more than
    /// [`crate::file_name::MAX_NAME`] bytes), content over [`crate::limits::MAX_TEXT_BYTES`],
    /// or a new file past [`crate::limits::MAX_NODE_FILES`]. Every path that writes a manifest
    /// comes here (the page, the node shell, a share link's replay), and the
    /// name reaches the exported script and the workspace archive.
    pub fn write_manifest(&mut self, node: &str, file: &str, content: &str) -> bool {
        self.settle_first();
        if crate::file_name::name_error(file, std::iter::empty()).is_some() {
            return false;
        }
        let Some((node_object, runtime)) = self.nodes.runtime_mut(node) else {
            return false;
        };
        // The node shell holds its files to these limits; the editor and share
        // links write here directly, so the same bounds apply.
        let new_file = !runtime.manifests.contains_key(file);
        if content.len() > crate::limits::MAX_TEXT_BYTES
            || (new_file && runtime.manifests.len() >= crate::limits::MAX_NODE_FILES)
        {
            return false;
        }
        if runtime.manifests.get(file).map(String::as_str) != Some(content) {
            // Decoded once here, for every control loop round to come.
            let decoded =
                static_pods::decode_manifest(content, file, node, &node_object.metadata.uid);
            runtime.static_pods.insert(file.to_string(), decoded);
            runtime
                .manifests
                .insert(file.to_string(), content.to_string());
        }
        self.reconcile();
        true
    }

    /// Every static pod manifest, as (node, file name, content), by node and file.
    pub fn manifests(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.nodes.iter().flat_map(|(node, r)| {
            r.runtime
                .manifests
                .iter()
                .map(move |(file, content)| (&**node, file.as_str(), content.as_str()))
        })
    }

    /// Removes a static pod manifest from `node`. Returns whether it existed.
    pub fn remove_manifest(&mut self, node: &str, file: &str) -> bool {
        self.settle_first();
        let removed = self.nodes.runtime_mut(node).is_some_and(|(_, runtime)| {
            runtime.static_pods.remove(file);
            runtime.manifests.remove(file).is_some()
        });
        self.reconcile();
        removed
    }

    /// Deletes a node (`kubectl delete node`). Returns false for an unknown node.
    /// Pods bound to it are removed by the pod garbage collector after its quarantine.
    pub fn delete_node(&mut self, name: &str) -> bool {
        self.settle_first();
        if self.nodes.remove(name).is_none() {
            return false;
        }
        self.deleted_nodes.insert(name.to_string(), self.now);
        self.record_event(
            EventType::Normal,
            ObjectRef::new("Node", "", name),
            "node-controller",
            "RemovingNode",
            format!("Node {name} event: Removing Node {name} from Controller"),
        );
        self.reconcile();
        true
    }

    /// Deletes a pod through the API (`kubectl delete pod`). Returns false if it does not exist.
    pub fn delete_pod(&mut self, namespace: &str, name: &str) -> bool {
        self.settle_first();
        let found = self.pods.get(&key(namespace, name)).is_some();
        if found {
            self.delete_pod_gracefully(&key(namespace, name));
            self.reconcile();
        }
        found
    }

    /// Adds a node whose kubelet registers and reports Ready at once.
    fn add_node(&mut self, mut node: Node) {
        self.nodes_added += 1;
        self.deleted_nodes.remove(&node.metadata.name);
        node.metadata.uid = self.names.uid();
        node.metadata.created = self.now;
        node.metadata.resource_version = self.names.resource_version();
        let name = node.metadata.name.clone();
        self.kubelet_started_events(&name);
        self.record_event(
            EventType::Normal,
            ObjectRef::new("Node", "", &name),
            "node-controller",
            "RegisteredNode",
            format!("Node {name} event: Registered Node {name} in Controller"),
        );
        self.record_event(
            EventType::Normal,
            ObjectRef::new("Node", "", &name),
            "kubelet",
            "NodeReady",
            format!("Node {name} status is now: NodeReady"),
        );
        self.nodes.insert(
            name.into(),
            Shared::new(NodeRecord {
                node,
                runtime: NodeRuntime::started(self.now, self.nodes_added - 1),
            }),
        );
    }

    /// Models the kubelet's start-up events (`BirthCry` and the first node status).
    fn kubelet_started_events(&mut self, node: &str) {
        let object = ObjectRef::new("Node", "", node);
        self.record_event(
            EventType::Normal,
            object.clone(),
            "kubelet",
            "Starting",
            "Starting kubelet.".to_string(),
        );
        for reason in [
            "NodeHasSufficientMemory",
            "NodeHasNoDiskPressure",
            "NodeHasSufficientPID",
        ] {
            self.record_event(
                EventType::Normal,
                object.clone(),
                "kubelet",
                reason,
                format!("Node {node} status is now: {reason}"),
            );
        }
        self.record_event(
            EventType::Normal,
            object,
            "kubelet",
            "NodeAllocatableEnforced",
            "Updated Node Allocatable limit across pods".to_string(),
        );
    }

    /// Records an event at the current time (`EventRecorder.Event`); the
    /// controllers in [`crate::controller`] record theirs through it too.
    pub(crate) fn record_event(
        &mut self,
        type_: EventType,
        object: ObjectRef,
        source: &'static str,
        reason: &'static str,
        message: String,
    ) {
        self.events
            .record(self.now, type_, object, source, reason, message);
    }

    /// Runs the control loops to quiescence, until none of them changes anything,
    /// or for the round budget if one is set; returns whether any of them changed
    /// something.
    fn reconcile(&mut self) -> bool {
        self.run_rounds(self.round_budget.unwrap_or(usize::MAX))
    }

    /// Sets the most rounds of the control loops a change runs before returning
    /// (`None`: until they are quiet, the default). With a budget, a big change
    /// (a Deployment of 10,000 replicas, 500 pods per ReplicaSet sync and per
    /// scheduling pass) returns early, [`Cluster::is_settled`] is false, and
    /// [`Cluster::settle`] runs the rest a few rounds at a time, so that a page
    /// can draw in between. The rounds are the same either way, so the cluster
    /// ends in the same state; the clock moves only once it is settled.
    pub fn set_round_budget(&mut self, rounds: Option<usize>) {
        *self.round_budget = rounds.map(|r| r.max(1));
    }

    /// Whether the control loops are quiet (no budgeted change left work).
    pub fn is_settled(&self) -> bool {
        !self.unsettled
    }

    /// Runs up to `rounds` more rounds of the control loops of an unsettled
    /// change; returns whether the cluster is settled now.
    pub fn settle(&mut self, rounds: usize) -> bool {
        if self.unsettled {
            self.run_rounds(rounds.max(1));
        }
        !self.unsettled
    }

    /// Finishes an unsettled change before the next one, so that a change made
    /// while the page was still drawing the last one meets the cluster a run
    /// without a budget would have (a share link replays without one).
    fn settle_first(&mut self) {
        if self.unsettled {
            self.run_rounds(usize::MAX);
        }
    }

    /// Runs up to `limit` rounds, and never more than [`MAX_RECONCILE_ROUNDS`]
    /// since the loops were last quiet.
    fn run_rounds(&mut self, limit: usize) -> bool {
        let mut any = false;
        let left = MAX_RECONCILE_ROUNDS.saturating_sub(self.rounds_unsettled);
        let mut quiet = false;
        let mut ran = 0;
        for _ in 0..limit.min(left) {
            ran += 1;
            let changed = self.collect_orphaned_pods()
                | self.sync_node_lifecycle()
                | self.sync_static_pods()
                | self.sync_taint_eviction()
                | self.sync_daemon_sets()
                | self.sync_deployments()
                | self.sync_replica_sets()
                | self.sync_disruption_budgets()
                | self.schedule_pending()
                | self.sync_kubelets();
            if !changed {
                quiet = true;
                break;
            }
            any = true;
        }
        self.rounds_unsettled += ran;
        // Quiet, or out of rounds altogether (a bug must not hang the page).
        if quiet || self.rounds_unsettled >= MAX_RECONCILE_ROUNDS {
            self.rounds_unsettled = 0;
            self.unsettled = false;
        } else {
            self.unsettled = true;
        }
        // Upstream's scheduler cache follows node and pod events as they happen;
        // bring it up to date now, so the next pass reads only its own changes.
        self.refresh_scheduler_cache();
        any
    }

    /// Images already pulled on a node (for `Pulled` events and `crictl images`).
    pub fn images_on(&self, node: &str) -> Vec<String> {
        self.nodes
            .get(node)
            .map(|r| r.runtime.images.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod import_time_tests;
#[cfg(test)]
mod random_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod timeline_tests;
#[cfg(test)]
mod version_tests;
#[cfg(test)]
mod workload_tests;
