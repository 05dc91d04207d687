//! The node-lifecycle controller: Ready goes Unknown when heartbeats stop, and node
//! conditions and cordoning show up as taints
//! (`pkg/controller/nodelifecycle/node_lifecycle_controller.go`). Its NoExecute
//! taints are acted on by [`super::taint_eviction`].

use crate::api::{Taint, TaintEffect};
use crate::clock::Time;
use crate::cluster::{Cluster, ConditionStatus, NodeRecord};
use crate::events::{EventType, ObjectRef};

/// `--node-monitor-grace-period`: 50 s since v1.32 (40 s before).
const GRACE_PERIOD_MILLIS: u64 = 50_000;
/// `--node-monitor-period`: the controller looks every 5 s.
const MONITOR_PERIOD_MILLIS: u64 = 5_000;

const NOT_READY: &str = "node.kubernetes.io/not-ready";
const UNREACHABLE: &str = "node.kubernetes.io/unreachable";
const UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
/// The NoSchedule keys `doNoScheduleTaintingPass` owns.
const NO_SCHEDULE_KEYS: [&str; 7] = [
    NOT_READY,
    UNREACHABLE,
    "node.kubernetes.io/memory-pressure",
    "node.kubernetes.io/disk-pressure",
    "node.kubernetes.io/network-unavailable",
    "node.kubernetes.io/pid-pressure",
    UNSCHEDULABLE,
];

/// The grace period for the simulated version (PR #126287 raised it in v1.32).
fn grace_period(minor: u32) -> u64 {
    if minor >= 32 {
        GRACE_PERIOD_MILLIS
    } else {
        40_000
    }
}

/// When the controller will notice missing heartbeats: the first monitor tick
/// strictly after the last renewal plus the grace period.
fn unknown_at(record: &NodeRecord, now: Time, minor: u32) -> Option<Time> {
    if record.runtime.kubelet_running || record.runtime.ready == ConditionStatus::Unknown {
        return None;
    }
    let limit = record
        .runtime
        .last_heartbeat(now)
        .plus_millis(grace_period(minor));
    let ticks = limit.0 / MONITOR_PERIOD_MILLIS + 1;
    Some(Time(ticks * MONITOR_PERIOD_MILLIS))
}

/// The next moment this controller acts on `record` by itself (the cluster's clock
/// jumps from timer to timer).
pub(crate) fn next_deadline(record: &NodeRecord, now: Time, minor: u32) -> Option<Time> {
    unknown_at(record, now, minor).filter(|t| *t > now)
}

/// Whether a taint is one the node-lifecycle controller owns.
pub fn owned(t: &Taint) -> bool {
    (t.effect == TaintEffect::NoSchedule && NO_SCHEDULE_KEYS.contains(&t.key.as_str()))
        || (t.effect == TaintEffect::NoExecute && (t.key == NOT_READY || t.key == UNREACHABLE))
}

/// Whether the tainting passes may have something to do: the common case, a healthy
/// node that is not cordoned and carries none of the controller's taints, has not.
fn needs_taint_pass(record: &NodeRecord) -> bool {
    record.runtime.ready != ConditionStatus::True
        || record.node.spec.unschedulable
        || record.node.spec.taints.iter().any(owned)
}

impl Cluster {
    /// Reconciles Ready from heartbeats, then the taints that mirror conditions.
    pub(crate) fn sync_node_lifecycle(&mut self) -> bool {
        let now = self.now;
        let minor = self.version.minor;
        let mut changed = false;
        // Records are only read to find the work, so an apply copies none of the
        // healthy nodes' records.
        let transition = |record: &NodeRecord| {
            if record.runtime.kubelet_running && record.runtime.ready != ConditionStatus::True {
                Some((ConditionStatus::True, "kubelet", "NodeReady"))
            } else if unknown_at(record, now, minor).is_some_and(|t| t <= now) {
                Some((ConditionStatus::Unknown, "node-controller", "NodeNotReady"))
            } else {
                None
            }
        };
        let work: Vec<std::rc::Rc<str>> = self
            .nodes
            .iter()
            .filter(|(_, r)| transition(r).is_some() || needs_taint_pass(r))
            .map(|(n, _)| n.clone())
            .collect();
        for name in work {
            let Some(record) = self.nodes.get_mut(&name) else {
                continue;
            };
            if let Some((status, source, reason)) = transition(record) {
                record.runtime.ready = status;
                record.runtime.ready_since = now;
                changed = true;
                self.record_event(
                    EventType::Normal,
                    ObjectRef::new("Node", "", &name),
                    source,
                    reason,
                    format!("Node {name} status is now: {reason}"),
                );
                if status == ConditionStatus::Unknown {
                    self.mark_pods_not_ready(&name);
                }
            }
            changed |= self.reconcile_condition_taints(&name);
        }
        changed
    }

    /// Models `pkg/controller/util/node: MarkPodsNotReady` and the `NodeNotReady` pod
    /// event. Only a True Ready condition turns False (keeping its reason and
    /// message, which the kubelet leaves empty for a ready pod); the container
    /// statuses are the kubelet's and stay as it last posted them, so `kubectl get
    /// pods` still counts the containers ready.
    fn mark_pods_not_ready(&mut self, node: &str) {
        let seqs: Vec<u64> = self.pods.on_node(node).collect();
        for seq in seqs {
            let Some(mut pod) = self.pods.get_mut_seq(seq) else {
                continue;
            };
            if pod.is_ready() {
                pod.set_condition("Ready", "False", "", "");
            }
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            drop(pod);
            self.record_event(
                EventType::Warning,
                object,
                "node-controller",
                "NodeNotReady",
                "Node is not ready".to_string(),
            );
        }
    }

    /// Models `doNoScheduleTaintingPass` and `doNoExecuteTaintingPass`.
    fn reconcile_condition_taints(&mut self, node: &str) -> bool {
        let Some(record) = self.nodes.get_mut(node) else {
            return false;
        };
        if !needs_taint_pass(record) {
            return false;
        }
        let ready = record.runtime.ready;
        let unschedulable = record.node.spec.unschedulable;
        let mut wanted: Vec<Taint> = Vec::new();
        let condition_key = match ready {
            ConditionStatus::False => Some(NOT_READY),
            ConditionStatus::Unknown => Some(UNREACHABLE),
            ConditionStatus::True => None,
        };
        if let Some(key) = condition_key {
            wanted.push(Taint::new(key, "", TaintEffect::NoSchedule));
            wanted.push(Taint::new(key, "", TaintEffect::NoExecute));
        }
        if unschedulable {
            wanted.push(Taint::new(UNSCHEDULABLE, "", TaintEffect::NoSchedule));
        }
        let taints = &mut record.node.spec.taints;
        let before = taints.clone();
        taints.retain(|t| !owned(t) || wanted.iter().any(|w| w.matches(t)));
        for taint in wanted {
            if !taints.iter().any(|t| t.matches(&taint)) {
                taints.push(taint);
            }
        }
        *taints != before
    }
}
