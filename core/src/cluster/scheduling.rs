//! kube-scheduler's scheduling cycle over the pending pods, in queue order.

use super::Cluster;
use super::pods::pod_key;
use crate::events::{EventType, ObjectRef};
use crate::scheduler::{self, fit_error::failed_scheduling_message};
use std::collections::BTreeMap;

const SOURCE: &str = "default-scheduler";

impl Cluster {
    /// Filters every node for each unbound pod and binds it to a feasible node; among
    /// feasible nodes the one with the fewest pods wins, then the first by name.
    /// A pod that fits nowhere gets `PodScheduled=False` and a `FailedScheduling`
    /// event, repeated only when the reason changes.
    pub(super) fn schedule_pending(&mut self) -> bool {
        let pending = self
            .pods
            .keys_where(|p| p.spec.node_name.is_empty() && !p.is_terminating());
        if pending.is_empty() {
            return false;
        }
        let mut load: BTreeMap<String, usize> = BTreeMap::new();
        for pod in self.pods.iter().filter(|p| !p.spec.node_name.is_empty()) {
            *load.entry(pod.spec.node_name.clone()).or_default() += 1;
        }
        let mut changed = false;
        for key in pending {
            let Some(pod) = self.pods.get(&key) else {
                continue;
            };
            let mut reasons = Vec::new();
            let mut best: Option<(usize, &str)> = None;
            for (name, record) in &self.nodes {
                match scheduler::filter(pod, &record.node, self.version) {
                    Ok(()) => {
                        let l = load.get(name).copied().unwrap_or(0);
                        if best.is_none_or(|(b, _)| l < b) {
                            best = Some((l, name.as_str()));
                        }
                    }
                    Err(rejection) => reasons.push(rejection.reason),
                }
            }
            let object = ObjectRef::new("Pod", &pod.metadata.namespace, &pod.metadata.name);
            let full_name = pod_key(pod);
            match best.map(|(_, n)| n.to_string()) {
                Some(node) => {
                    *load.entry(node.clone()).or_default() += 1;
                    if let Some(pod) = self.pods.get_mut(&key) {
                        pod.spec.node_name = node.clone();
                        pod.set_condition("PodScheduled", "True", "", "");
                    }
                    self.record_event(
                        EventType::Normal,
                        object,
                        SOURCE,
                        "Scheduled",
                        format!("Successfully assigned {full_name} to {node}"),
                    );
                    changed = true;
                }
                None => {
                    let message = failed_scheduling_message(self.nodes.len(), &reasons);
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
