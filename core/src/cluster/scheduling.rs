//! kube-scheduler's scheduling cycle over the pending pods, in queue order
//! (`pkg/scheduler/schedule_one.go`).

use super::Cluster;
use super::pods::pod_key;
use crate::api::Pod;
use crate::events::{EventType, ObjectRef};
use crate::scheduler::fit_error::failed_scheduling_message;
use crate::scheduler::node_info::NodeInfo;
use crate::scheduler::scoring::{NodeScores, num_feasible_nodes_to_find, score};
use crate::scheduler::{self};
use std::cmp::Reverse;

const SOURCE: &str = "default-scheduler";
/// `ErrNoNodesAvailable`.
const NO_NODES: &str = "no nodes available to schedule pods";

/// Where a scheduling attempt ended.
enum Outcome {
    Bound(usize),
    Failed(String),
}

impl Cluster {
    /// The load on each node (in node-name order) from the pods bound to it.
    pub(super) fn node_infos(&self) -> (Vec<String>, Vec<NodeInfo>) {
        let names: Vec<String> = self.nodes.keys().cloned().collect();
        let mut infos = vec![NodeInfo::default(); names.len()];
        for pod in self.pods.iter().filter(|p| !p.spec.node_name.is_empty()) {
            if let Ok(i) = names.binary_search(&pod.spec.node_name) {
                infos[i].add(pod);
            }
        }
        (names, infos)
    }

    /// Models one `scheduleOne` for `pod`: filter nodes from the rotating start index
    /// until enough are feasible (`percentageOfNodesToScore`), score them, and pick the
    /// highest total; ties go to the first evaluated.
    fn schedule_one(&mut self, pod: &Pod, names: &[String], infos: &[NodeInfo]) -> Outcome {
        let n = names.len();
        if n == 0 {
            return Outcome::Failed(NO_NODES.to_string());
        }
        let want = num_feasible_nodes_to_find(n);
        let start = self.next_start_node % n;
        let mut feasible = Vec::new();
        let mut reasons = Vec::new();
        let mut processed = 0;
        for offset in 0..n {
            let i = (start + offset) % n;
            processed += 1;
            let Some(record) = self.nodes.get(&names[i]) else {
                continue;
            };
            match scheduler::filter(pod, &record.node, &infos[i], self.version) {
                Ok(()) => {
                    feasible.push(i);
                    if feasible.len() >= want {
                        break;
                    }
                }
                Err(rejection) => {
                    let resolvable = rejection.resolvable();
                    reasons.push((rejection.reason, resolvable));
                }
            }
        }
        self.next_start_node = (start + processed) % n;
        match feasible.as_slice() {
            [] => Outcome::Failed(failed_scheduling_message(n, &reasons)),
            [only] => Outcome::Bound(*only),
            _ => {
                let candidates: Vec<_> = feasible
                    .iter()
                    .filter_map(|i| self.nodes.get(&names[*i]).map(|r| (&r.node, &infos[*i])))
                    .collect();
                let scores: Vec<NodeScores> = score(pod, &candidates);
                let best = scores
                    .iter()
                    .enumerate()
                    .max_by_key(|(pos, s)| (s.total(), Reverse(*pos)))
                    .map_or(0, |(pos, _)| pos);
                Outcome::Bound(feasible[best])
            }
        }
    }

    /// Schedules every unbound pod, highest priority first, then in arrival order.
    /// A pod that fits nowhere gets `PodScheduled=False` and a `FailedScheduling`
    /// event, repeated only when the reason changes.
    pub(super) fn schedule_pending(&mut self) -> bool {
        let mut pending: Vec<(i32, String)> = self
            .pods
            .iter()
            .filter(|p| p.spec.node_name.is_empty() && !p.is_terminating())
            .map(|p| (p.spec.priority, pod_key(p)))
            .collect();
        if pending.is_empty() {
            return false;
        }
        pending.sort_by_key(|(priority, _)| Reverse(*priority));
        let (names, mut infos) = self.node_infos();
        let mut changed = false;
        for (_, key) in pending {
            let Some(pod) = self.pods.get(&key).cloned() else {
                continue;
            };
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            match self.schedule_one(&pod, &names, &infos) {
                Outcome::Bound(i) => {
                    let node = names[i].clone();
                    infos[i].add(&pod);
                    if let Some(pod) = self.pods.get_mut(&key) {
                        pod.spec.node_name = node.clone();
                        pod.set_condition("PodScheduled", "True", "", "");
                    }
                    self.record_event(
                        EventType::Normal,
                        object,
                        SOURCE,
                        "Scheduled",
                        format!("Successfully assigned {key} to {node}"),
                    );
                    changed = true;
                }
                Outcome::Failed(message) => {
                    let updated = self.pods.get_mut(&key).is_some_and(|pod| {
                        pod.set_condition("PodScheduled", "False", "Unschedulable", &message)
                    });
                    if updated {
                        self.record_event(
                            EventType::Warning,
                            object,
                            SOURCE,
                            "FailedScheduling",
                            message,
                        );
                        changed = true;
                    }
                }
            }
        }
        changed
    }
}
