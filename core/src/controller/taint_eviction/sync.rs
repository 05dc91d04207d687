//! The taint-eviction controller's sync loop
//! (`pkg/controller/tainteviction/taint_eviction.go`), acting on the decision in
//! [`super`].

use super::{EvictionDecision, eviction_decision};
use crate::api::PodCondition;
use crate::cluster::{Cluster, pod_key};
use crate::events::{EventType, ObjectRef};

/// The component name on its events (split out of the node-lifecycle controller in v1.29).
fn source(minor: u32) -> &'static str {
    if minor >= 29 {
        "taint-eviction-controller"
    } else {
        "taint-controller"
    }
}

impl Cluster {
    /// Models `processPodOnNode` for every bound pod: evict now, schedule an eviction
    /// (a scheduled deadline never moves), fire due evictions, or cancel them.
    pub(crate) fn sync_taint_eviction(&mut self) -> bool {
        let now = self.now;
        let source = source(self.version.minor);
        let mut changed = false;
        // Most nodes have no NoExecute taint and nothing is scheduled: then there is
        // nothing to look at.
        let mut no_execute: Vec<&str> = self
            .nodes
            .iter()
            .filter(|(_, r)| {
                r.node
                    .spec
                    .taints
                    .iter()
                    .any(|t| t.effect == crate::api::TaintEffect::NoExecute)
            })
            .map(|(n, _)| &**n)
            .collect();
        if no_execute.is_empty() && self.evictions.is_empty() {
            return false;
        }
        crate::sort::sort(&mut no_execute);
        // The pods to look at: those on a NoExecute-tainted node and those with an
        // eviction scheduled, found through the store's indexes, in arrival order.
        let mut candidates: Vec<u64> = no_execute
            .iter()
            .flat_map(|node| self.pods.on_node(node))
            .chain(
                self.evictions
                    .keys()
                    .filter_map(|uid| self.pods.seq_of_uid(uid)),
            )
            .collect();
        crate::sort::sort(&mut candidates);
        candidates.dedup();
        let bound: Vec<(String, String, String, EvictionDecision)> = candidates
            .into_iter()
            .filter_map(|seq| self.pods.get_seq(seq))
            .filter(|p| !p.spec.node_name.is_empty() && !p.is_terminating())
            .filter_map(|p| {
                let node = self.nodes.get(p.spec.node_name.as_str())?;
                let decision = eviction_decision(&node.node.spec.taints, &p.spec.tolerations);
                Some((
                    pod_key(p),
                    p.metadata.uid.clone(),
                    p.metadata.namespace.clone(),
                    decision,
                ))
            })
            .collect();
        for (key, uid, namespace, decision) in bound {
            let name = key
                .split_once('/')
                .map(|(_, n)| n.to_string())
                .unwrap_or_default();
            let object = ObjectRef::new("Pod", &namespace, &name);
            let fire = match decision {
                EvictionDecision::Keep => {
                    if self.evictions.remove(&uid).is_some() {
                        self.record_event(
                            EventType::Normal,
                            object.clone(),
                            source,
                            "TaintManagerEviction",
                            format!("Cancelling deletion of Pod {key}"),
                        );
                        changed = true;
                    }
                    false
                }
                EvictionDecision::EvictNow => true,
                EvictionDecision::EvictAfter(seconds) => {
                    let deadline = *self
                        .evictions
                        .get_or_insert_with(uid.clone(), || now.plus_secs(seconds.unsigned_abs()));
                    deadline <= now
                }
            };
            if fire {
                self.evictions.remove(&uid);
                self.record_event(
                    EventType::Normal,
                    object,
                    source,
                    "TaintManagerEviction",
                    format!("Marking for deletion Pod {key}"),
                );
                if let Some(mut pod) = self.pods.get_mut(&key) {
                    pod.status.conditions.push(PodCondition {
                        type_: "DisruptionTarget".to_string(),
                        status: "True".to_string(),
                        reason: "DeletionByTaintManager".to_string(),
                        message: "Taint manager: deleting due to NoExecute taint".to_string(),
                    });
                }
                self.delete_pod_gracefully(&key);
                changed = true;
            }
        }
        // Forget deadlines of pods that are gone.
        if !self.evictions.is_empty() {
            let pods = &self.pods;
            self.evictions
                .retain(|uid, _| pods.seq_of_uid(uid).is_some());
        }
        changed
    }
}
