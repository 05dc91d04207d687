//! kube-scheduler's scheduling cycle over the pending pods, in queue order
//! (`pkg/scheduler/schedule_one.go`): PreFilter, the Filter phase in [`super`],
//! the Score phase in [`super::prioritize`], then binding. It runs as an
//! `impl Cluster` block, one of the loops of `Cluster::reconcile`.

use super::affinity_term::has_pod_affinity;
use super::cache::SchedulerCache;
use super::cluster_snapshot::PassSpreads;
use super::cluster_snapshot::any_zone;
use super::config::Profile;
use super::config::SpreadDefaulting;
use super::config::event_source;
use super::default_preemption;
use super::default_preemption::Budget;
use super::default_preemption::Candidate;
use super::default_preemption::Inputs;
use super::default_preemption::PostFilter;
use super::default_preemption::Rejected;
use super::fit_error::failed_scheduling_message;
use super::node_affinity;
use super::node_info::{ImageTable, NodeInfo, PodInfo};
use super::prioritize::prioritize_nodes;
use super::snapshot::Snapshot;
use crate::api::{LabelSelector, Node, Pod, ReplicaSet};
use crate::clock::Time;
use crate::cluster::Cluster;
use crate::events::{EventType, ObjectRef};
use crate::version::KubeVersion;
use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::collections::BTreeSet;

/// How much work one scheduling pass does at most, counted as nodes filtered
/// plus nodes scored: about 500 pods on a cluster of 5,000 nodes (each filters
/// and scores the 500 nodes `percentageOfNodesToScore` asks for), and thousands
/// of DaemonSet pods (each filters its one node). Upstream schedules one pod at a
/// time without rounds; here a pass is one round of the control loops, and a
/// bounded pass keeps each round short. The pods left wait for the next round,
/// in the same order.
pub(crate) const MAX_WORK_PER_PASS: usize = 500_000;
/// `ErrNoNodesAvailable`.
const NO_NODES: &str = "no nodes available to schedule pods";

/// Where a scheduling attempt ended.
enum Outcome {
    Bound(usize),
    /// No node fits: the `FailedScheduling` message, and the node preemption
    /// made room on, with its victims, if it did.
    Failed(String, Option<Candidate>),
}

/// What one scheduling cycle reads besides the pod.
struct Cycle<'a> {
    snapshot: &'a dyn Snapshot,
    images: &'a ImageTable,
    nodes: &'a [&'a Node],
    infos: &'a [NodeInfo],
    version: KubeVersion,
    budgets: &'a [Budget],
    now: Time,
    /// Pods nominated to a node by an earlier preemption, by node position.
    nominated: &'a BTreeMap<usize, Vec<(u64, Pod)>>,
    /// The pod's profile (`frameworkForPod`).
    profile: &'a Profile,
}

/// Models `RunFilterPluginsWithNominatedPods` for the node at `i`: the pods
/// nominated to it with a priority at least the pod's (other than the pod
/// itself) hold their room, so the filters see the node as if they ran there:
/// its load, and the spreading and inter-pod affinity states (`AddPod`).
fn filter_with_nominated(
    pod_info: &PodInfo<'_>,
    seq: u64,
    cycle: &Cycle<'_>,
    i: usize,
) -> Result<(), super::Rejection> {
    let (node, info) = (cycle.nodes[i], &cycle.infos[i]);
    let holding: Vec<&Pod> = cycle
        .nominated
        .get(&i)
        .map(|pods| {
            pods.iter()
                .filter(|(other, p)| *other != seq && p.spec.priority >= pod_info.pod.spec.priority)
                .map(|(_, p)| p)
                .collect()
        })
        .unwrap_or_default();
    if holding.is_empty() {
        return super::profile_filter(cycle.profile, pod_info, node, info, cycle.version);
    }
    let mut with = info.clone();
    let mut added = pod_info.clone();
    let mut spread = pod_info.topology_spread.as_deref().cloned();
    let min_excluding = spread
        .as_ref()
        .map(|s| s.min_excluding(i))
        .unwrap_or_default();
    let mut affinity = pod_info.inter_pod_affinity.as_deref().cloned();
    let namespace_labels = cycle
        .snapshot
        .namespace_labels(&pod_info.pod.metadata.namespace);
    for p in holding {
        with.add(p);
        if let Some(s) = &mut spread {
            s.update_with_pod(pod_info.pod, p, node, i, 1, &min_excluding);
        }
        if let Some(a) = &mut affinity {
            a.update_with_pod(cycle.snapshot, pod_info.pod, &namespace_labels, p, i, 1);
        }
    }
    added.topology_spread = spread.map(std::rc::Rc::new);
    added.inter_pod_affinity = affinity.map(std::rc::Rc::new);
    super::profile_filter(cycle.profile, &added, node, &with, cycle.version)
}

/// Models the PostFilter step of `schedulingCycle`: DefaultPreemption, and the
/// `FitError` message with its part when it made no room. A profile without
/// the PostFilter plugin does not preempt, and its message has no
/// preemption part.
fn post_filter(pod_info: &PodInfo<'_>, cycle: &Cycle<'_>, rejected: &[Rejected]) -> Outcome {
    let inputs = Inputs {
        infos: cycle.infos,
        budgets: cycle.budgets,
        version: cycle.version,
        now: cycle.now,
        profile: cycle.profile,
    };
    let reasons = rejected.iter().map(|r| r.reason.as_str());
    let n = cycle.nodes.len();
    if !cycle.profile.preemption {
        return Outcome::Failed(failed_scheduling_message(n, reasons, None), None);
    }
    match default_preemption::post_filter(pod_info, cycle.snapshot, &inputs, rejected) {
        PostFilter::Nominated(candidate) => {
            Outcome::Failed(failed_scheduling_message(n, reasons, None), Some(candidate))
        }
        PostFilter::Unschedulable(why) => {
            Outcome::Failed(failed_scheduling_message(n, reasons, Some(&why)), None)
        }
    }
}

/// Scores the feasible nodes and picks the highest total. Models `selectHost`,
/// except that upstream breaks a tie at random and taintlab takes the first tied
/// node, so that every run of a scenario ends the same.
fn pick(pod: &PodInfo<'_>, cycle: &Cycle<'_>, feasible: &[usize]) -> Outcome {
    let (nodes, infos) = (cycle.nodes, cycle.infos);
    let candidates: Vec<_> = feasible.iter().map(|i| (nodes[*i], &infos[*i])).collect();
    let scores = prioritize_nodes(pod, &candidates, cycle.profile);
    let weights = &cycle.profile.weights;
    let best = scores
        .iter()
        .enumerate()
        .max_by_key(|(pos, s)| (s.total(weights), Reverse(*pos)))
        .map_or(0, |(pos, _)| pos);
    Outcome::Bound(feasible[best])
}

/// Models one `scheduleOne` for `pod` over `nodes` (sorted by name): PreFilter for
/// pods pinned by name, the nominated node first for a pod that preempted
/// (`evaluateNominatedNode`), else filter from the rotating start index until
/// enough nodes are feasible (`percentageOfNodesToScore`), then score; when no
/// node fits, the PostFilter. Returns the outcome, the next start index and
/// the work done.
fn schedule_one(
    pod: &Pod,
    seq: u64,
    default_selector: Option<&LabelSelector>,
    cycle: &Cycle<'_>,
    start: usize,
) -> (Outcome, usize, usize) {
    let (nodes, infos, version) = (cycle.nodes, cycle.infos, cycle.version);
    let n = nodes.len();
    if n == 0 {
        return (Outcome::Failed(NO_NODES.to_string(), None), start, 1);
    }
    let mut pod_info = PodInfo::new(pod);
    pod_info.resolve_images(cycle.images);
    pod_info.pre_filter_for(cycle.snapshot, default_selector, cycle.profile);
    let nominated = pod.status.nominated_node_name.as_str();
    if !nominated.is_empty()
        && let Ok(i) = nodes.binary_search_by(|node| node.metadata.name.as_str().cmp(nominated))
        && filter_with_nominated(&pod_info, seq, cycle, i).is_ok()
    {
        return (Outcome::Bound(i), start, 1);
    }
    // The plain filters when no pod is nominated anywhere: the hot path.
    let filter = |i: usize| {
        if cycle.nominated.is_empty() {
            super::profile_filter(cycle.profile, &pod_info, nodes[i], &infos[i], version)
        } else {
            filter_with_nominated(&pod_info, seq, cycle, i)
        }
    };
    let mut feasible = Vec::new();
    let mut rejected = Vec::new();
    let reject = |pos: usize, r: super::Rejection| Rejected {
        pos: Some(pos),
        resolvable: r.resolvable(),
        reason: r.reason,
    };
    if let Some(pinned) = node_affinity::prefilter_node_names(&pod.spec) {
        // Every node outside the PreFilter result counts as rejected by NodeAffinity.
        let mut tried = 0;
        for name in &pinned {
            let Ok(i) = nodes.binary_search_by(|node| node.metadata.name.as_str().cmp(name)) else {
                continue;
            };
            tried += 1;
            match filter(i) {
                Ok(()) => feasible.push(i),
                Err(r) => rejected.push(reject(i, r)),
            }
        }
        if feasible.is_empty()
            && let Some(reason) = node_affinity::prefilter_reason(version.minor)
        {
            rejected.extend((tried..n).map(|_| Rejected {
                pos: None,
                reason: reason.to_string(),
                resolvable: false,
            }));
        }
        let work = rejected.len() + 2 * feasible.len();
        let outcome = match feasible.as_slice() {
            [] => post_filter(&pod_info, cycle, &rejected),
            [only] => Outcome::Bound(*only),
            _ => pick(&pod_info, cycle, &feasible),
        };
        return (outcome, start, work.max(1));
    }
    let want = cycle.profile.num_feasible_nodes_to_find(n);
    feasible.reserve(want);
    let start = start % n;
    let mut processed = 0;
    let mut i = start;
    for _ in 0..n {
        processed += 1;
        match filter(i) {
            Ok(()) => {
                feasible.push(i);
                if feasible.len() >= want {
                    break;
                }
            }
            Err(r) => rejected.push(reject(i, r)),
        }
        // Wrap by hand: a division per node is measurable here.
        i = if i + 1 == n { 0 } else { i + 1 };
    }
    let next = (start + processed) % n;
    let work = processed + feasible.len();
    let outcome = match feasible.as_slice() {
        [] => post_filter(&pod_info, cycle, &rejected),
        [only] => Outcome::Bound(*only),
        _ => pick(&pod_info, cycle, &feasible),
    };
    (outcome, next, work)
}

impl Cluster {
    /// The PodDisruptionBudgets as preemption weighs them.
    pub(crate) fn preemption_budgets(&self) -> Vec<Budget> {
        self.disruption_budgets()
            .map(|pdb| Budget {
                namespace: pdb.metadata.namespace.clone(),
                selector: pdb.spec.selector.clone(),
                allowed: i64::from(self.disruption_status(pdb).disruptions_allowed),
            })
            .collect()
    }

    /// Models `prepareCandidate` and the nomination: each victim not yet
    /// terminating gets the `DisruptionTarget` condition and a `Preempted` event
    /// and is deleted gracefully; lower-priority pods nominated to the node lose
    /// their nomination; the preemptor is nominated to the node.
    fn preempt(&mut self, seq: u64, node: &str, candidate: &Candidate) {
        let Some(preemptor) = self.pods.get_seq(seq) else {
            return;
        };
        let (uid, namespace, name, priority) = (
            preemptor.metadata.uid.clone(),
            preemptor.metadata.namespace.clone(),
            preemptor.metadata.name.clone(),
            preemptor.spec.priority,
        );
        // The profile's event recorder, and `pod.Spec.SchedulerName` in the
        // condition's message.
        let source = event_source(preemptor.spec.scheduler_name());
        let minor = self.version.minor;
        for victim in candidate.victims.iter().filter(|v| !v.terminating) {
            let key = format!("{}/{}", victim.namespace, victim.name);
            if minor >= 26
                && let Some(mut pod) = self.pods.get_mut(&key)
            {
                pod.set_condition(
                    "DisruptionTarget",
                    "True",
                    default_preemption::PREEMPTION_BY_SCHEDULER,
                    &format!("{source}: preempting to accommodate a higher priority pod"),
                );
            }
            // The message lost the preemptor's name in 1.27 (kubernetes#114882)
            // and gained its UID in 1.29 (kubernetes#119971).
            let message = if minor >= 29 {
                format!("Preempted by pod {uid} on node {node}")
            } else if minor >= 27 {
                format!("Preempted by a pod on node {node}")
            } else {
                format!("Preempted by {namespace}/{name} on node {node}")
            };
            let object = ObjectRef::new("Pod", &victim.namespace, &victim.name);
            self.record_event(EventType::Normal, object, source, "Preempted", message);
            self.delete_pod_gracefully(&key);
        }
        // Models `getLowerPriorityNominatedPods` and `clearNominatedNodeName`.
        let lower: Vec<u64> = self
            .pods
            .pending()
            .filter(|other| *other != seq)
            .filter(|other| {
                self.pods.get_seq(*other).is_some_and(|p| {
                    p.status.nominated_node_name == node && p.spec.priority < priority
                })
            })
            .collect();
        for other in lower {
            if let Some(mut pod) = self.pods.get_mut_seq(other) {
                pod.status.nominated_node_name.clear();
            }
        }
        if let Some(mut pod) = self.pods.get_mut_seq(seq) {
            pod.status.nominated_node_name = node.to_string();
        }
    }

    /// Models `helper.DefaultSelector` for the default spread constraints: the
    /// ReplicaSet that controls `pod`, whose selector spreads it (Services and
    /// StatefulSets are not simulated).
    pub(crate) fn spread_owner(&self, pod: &Pod) -> Option<&ReplicaSet> {
        let owner = pod
            .metadata
            .controller_of()
            .filter(|r| r.kind == "ReplicaSet")?;
        self.replica_sets
            .values()
            .find(|rs| rs.metadata.uid == owner.uid)
    }

    /// How many bound, running pods in `namespace` that `selector` matches each
    /// node runs, indexed by node position: what the kept counts must equal.
    #[cfg(test)]
    pub(crate) fn count_matching(&self, namespace: &str, selector: &LabelSelector) -> Vec<i64> {
        let mut counts = vec![0; self.nodes.len()];
        // By node from the store's index: one name lookup per node, not per pod.
        for (node, pods) in self.pods.by_node() {
            let Some(pos) = self.nodes.position(node) else {
                continue;
            };
            counts[pos] = pods
                .seqs
                .iter()
                .filter_map(|seq| self.pods.get_seq(*seq))
                .filter(|p| {
                    !p.is_terminating()
                        && p.status.phase != "Succeeded"
                        && p.status.phase != "Failed"
                        && p.metadata.namespace == namespace
                        && selector.matches(&p.metadata.labels)
                })
                .count() as i64;
        }
        counts
    }

    /// Schedules every unbound pod, highest priority first, then in arrival order.
    /// A pod that fits nowhere gets `PodScheduled=False` and a `FailedScheduling`
    /// event, repeated only when the reason changes.
    pub(crate) fn schedule_pending(&mut self) -> bool {
        // What changed since the last pass, for the spreading counts and the queue.
        let count_changes = self.pods.take_count_changes();
        let queue_events = self.pods.take_queue_events();
        // The cache, brought up to date with what changed since the last pass; the
        // pass works on it and leaves it counting the pods it bound.
        self.refresh_scheduler_cache();
        let cache = &mut self.scheduler_cache;
        // Models the scheduling queue's moves (`pkg/scheduler/backend/queue:
        // MoveAllToActiveOrBackoffQueue`): a Node added, removed or written, or a
        // pod leaving a node, may make room for every waiting pod; a pending pod's
        // own update moves that pod. Pods that failed wait until then, so a full
        // cluster is not searched again for every waiting pod on every round.
        let move_all = std::mem::take(&mut cache.nodes_changed)
            || queue_events.freed
            || count_changes.relabelled;
        let pod_bound = count_changes.moves.iter().any(|m| m.to.is_some());
        if move_all {
            cache.unschedulable.clear();
            cache.waiting_on_pods.clear();
        } else {
            if pod_bound {
                for seq in std::mem::take(&mut cache.waiting_on_pods) {
                    cache.unschedulable.remove(&seq);
                }
            }
            for seq in &queue_events.written {
                cache.unschedulable.remove(seq);
            }
        }
        // Priority first, then arrival: the arrival number orders the store. The
        // set of waiting pods keeps only those still pending.
        let pods = &self.pods;
        let mut waiting = BTreeSet::new();
        let mut pending: Vec<(Reverse<i32>, u64)> = Vec::new();
        for seq in pods.pending() {
            if cache.unschedulable.contains(&seq) {
                waiting.insert(seq);
            } else if let Some(pod) = pods.get_seq(seq) {
                pending.push((Reverse(pod.spec.priority), seq));
            }
        }
        cache.waiting_on_pods.retain(|seq| waiting.contains(seq));
        cache.unschedulable = waiting;
        if pending.is_empty() {
            // Counts kept for the next pass would have to follow every change
            // until then: drop them, and count afresh when pods wait again.
            cache.spreads.clear();
            return false;
        }
        crate::sort::sort(&mut pending);
        self.follow_count_changes(count_changes);
        let SchedulerCache {
            mut infos,
            images,
            spreads: kept,
            nodes_changed: _,
            mut unschedulable,
            mut waiting_on_pods,
        } = std::mem::take(&mut *self.scheduler_cache);
        let nodes: Vec<&Node> = self.nodes.values().map(|r| &r.node).collect();
        let has_zones = any_zone(&nodes);
        // The pods a preemption nominated to a node, which hold their room.
        let mut nominated: BTreeMap<usize, Vec<(u64, Pod)>> = BTreeMap::new();
        // Waiting pods count too: a preemptor waits for its victims to go.
        for seq in self.pods.pending() {
            if let Some(pod) = self.pods.get_seq(seq)
                && !pod.status.nominated_node_name.is_empty()
                && let Ok(pos) = nodes.binary_search_by(|n| {
                    n.metadata
                        .name
                        .as_str()
                        .cmp(&pod.status.nominated_node_name)
                })
            {
                nominated.entry(pos).or_default().push((seq, pod.clone()));
            }
        }
        let budgets = self.preemption_budgets();
        let mut events = Vec::new();
        let mut preemptions = Vec::new();
        // The spreading counts this pass uses: taken from the cache when kept
        // from the last pass, counted otherwise (`ClusterSnapshot::selector_counts`).
        let spreads = RefCell::new(PassSpreads {
            active: Vec::new(),
            kept,
            groups: None,
            claimed: BTreeSet::new(),
            domains: Vec::new(),
        });
        // Room held on a node for a pod that preempted there, until the pass
        // ends: (node, the preemptor, its victims).
        let mut reservations: Vec<(usize, Pod, Vec<Pod>)> = Vec::new();
        let (mut work, mut more) = (0, false);
        for (_, seq) in pending {
            if work >= MAX_WORK_PER_PASS {
                more = true;
                break;
            }
            let Some(pod) = self.pods.get_seq(seq) else {
                continue;
            };
            // Models `frameworkForPod`: a pod that names no profile is not this
            // scheduler's; it stays pending, untouched.
            let Some(profile) = self.scheduler_config.profile_for(pod.spec.scheduler_name()) else {
                continue;
            };
            let default_selector = self
                .spread_owner(pod)
                .and_then(|rs| rs.spec.selector.as_ref());
            let mut snapshot = self.snapshot(&nodes, None, has_zones);
            snapshot.spreads = Some(&spreads);
            let cycle = Cycle {
                snapshot: &snapshot,
                images: &images,
                nodes: &nodes,
                infos: &infos,
                version: self.version,
                budgets: &budgets,
                now: self.now,
                nominated: &nominated,
                profile,
            };
            let (outcome, next, done) =
                schedule_one(pod, seq, default_selector, &cycle, self.next_start_node);
            self.next_start_node = next;
            work += done;
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            let source = event_source(&profile.scheduler_name);
            // A pod spread by the profile's listed default constraints waits
            // on other pods' moves as one with constraints of its own does.
            let listed_spreading = matches!(
                &profile.spread_defaulting,
                SpreadDefaulting::List(c) if !c.is_empty()
            );
            match outcome {
                Outcome::Bound(i) => {
                    let node = &nodes[i].metadata.name;
                    infos[i].add(pod);
                    spreads.borrow_mut().bound(pod, i);
                    let message = format!(
                        "Successfully assigned {}/{} to {node}",
                        pod.metadata.namespace, pod.metadata.name
                    );
                    let version = self.version;
                    if let Some(mut pod) = self.pods.get_mut_seq(seq) {
                        pod.spec.node_name.clone_from(node);
                        pod.set_condition("PodScheduled", "True", "", "");
                        // From 1.34 the API server's binding clears the
                        // nomination (kubernetes#132443); before, it stayed.
                        if version.minor >= 34 {
                            pod.status.nominated_node_name.clear();
                        }
                    }
                    events.push((EventType::Normal, object, "Scheduled", message, source));
                }
                Outcome::Failed(message, nominated) => {
                    if let Some(candidate) = nominated {
                        // The rest of the pass sees the victims gone and the
                        // room held for the preemptor (upstream's nominated
                        // pods), so no later pod takes the same room.
                        let pos = candidate.pos;
                        let mut victims = Vec::new();
                        for victim in &candidate.victims {
                            let key = format!("{}/{}", victim.namespace, victim.name);
                            if let Some(v) = self.pods.get(&key) {
                                infos[pos].remove(v);
                                spreads.borrow_mut().claimed(v, pos);
                                victims.push(v.clone());
                            }
                        }
                        infos[pos].add(pod);
                        reservations.push((pos, pod.clone(), victims));
                        preemptions.push((seq, nodes[pos].metadata.name.clone(), candidate));
                    }
                    unschedulable.insert(seq);
                    if !pod.spec.topology_spread_constraints.is_empty()
                        || listed_spreading
                        || has_pod_affinity(pod)
                    {
                        waiting_on_pods.insert(seq);
                    }
                    let updated = self.pods.get_mut_seq(seq).is_some_and(|mut pod| {
                        pod.set_condition("PodScheduled", "False", "Unschedulable", &message)
                    });
                    if updated {
                        events.push((
                            EventType::Warning,
                            object,
                            "FailedScheduling",
                            message,
                            source,
                        ));
                    }
                }
            }
        }
        // The cache holds what the store holds: the held room and the victims
        // come back until the preemptions below delete them.
        for (pos, preemptor, victims) in reservations {
            if let Some(info) = infos.get_mut(pos) {
                info.remove(&preemptor);
                for v in &victims {
                    info.add(v);
                }
            }
        }
        // The binds of this pass are counted already, and its own writes to the
        // pods that failed are no news to the queue.
        drop(self.pods.take_count_changes());
        drop(self.pods.take_queue_events());
        *self.scheduler_cache = SchedulerCache {
            infos,
            images,
            spreads: spreads.into_inner().active,
            nodes_changed: false,
            unschedulable,
            waiting_on_pods,
        };
        let changed = !events.is_empty() || more || !preemptions.is_empty();
        for (seq, node, candidate) in preemptions {
            self.preempt(seq, &node, &candidate);
        }
        for (type_, object, reason, message, source) in events {
            self.record_event(type_, object, source, reason, message);
        }
        changed
    }
}
