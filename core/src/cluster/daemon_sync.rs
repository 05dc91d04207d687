//! The DaemonSet controller's sync loop (`pkg/controller/daemon: syncNodes`,
//! `podsShouldBeOnNode`), acting on the pure decision in `controller::daemon`.

use super::Cluster;
use crate::api::DaemonSet;
use crate::controller::daemon::{DaemonPodTemplate, new_daemon_pod, target_node_name};
use crate::events::{EventType, ObjectRef};
use crate::names::compute_hash;

const SOURCE: &str = "daemonset-controller";

impl Cluster {
    /// Creates and deletes daemon pods so each node has one exactly where it should.
    /// Template changes roll out to completion: pods of an old revision are replaced.
    pub(super) fn sync_daemon_sets(&mut self) -> bool {
        let mut changed = false;
        let daemon_sets: Vec<DaemonSet> = self.daemon_sets.values().cloned().collect();
        for ds in &daemon_sets {
            changed |= self.sync_daemon_set(ds);
        }
        changed
    }

    fn sync_daemon_set(&mut self, ds: &DaemonSet) -> bool {
        let revision = compute_hash(&ds.spec.template);
        let object = ObjectRef::new("DaemonSet", &ds.metadata.namespace, &ds.metadata.name);
        let mut to_delete = Vec::new();
        let mut to_create = Vec::new();
        let owned = self.pods_owned_by(&ds.metadata.uid);
        // Pods whose node is gone are garbage-collected.
        for key in &owned {
            let gone = self
                .pods
                .get(key)
                .and_then(target_node_name)
                .is_none_or(|n| !self.nodes.contains_key(n));
            if gone {
                to_delete.push(key.clone());
            }
        }
        // Owned pods by target node, in one pass: (node, key, terminating).
        let mut by_node: Vec<(String, String, bool)> = owned
            .iter()
            .filter_map(|k| {
                let pod = self.pods.get(k)?;
                Some((
                    target_node_name(pod)?.to_string(),
                    k.clone(),
                    pod.is_terminating(),
                ))
            })
            .collect();
        by_node.sort();
        let template = DaemonPodTemplate::new(ds);
        for (node_name, record) in &self.nodes {
            let placement = template.placement_on(&record.node);
            let from = by_node.partition_point(|(n, _, _)| n < node_name);
            let here = by_node[from..]
                .iter()
                .take_while(|(n, _, _)| n == node_name);
            let mut on_node = Vec::new();
            let mut terminating_here = false;
            for (_, key, terminating) in here {
                if *terminating {
                    terminating_here = true;
                } else {
                    on_node.push(key);
                }
            }
            if !placement.should_continue_running {
                to_delete.extend(on_node.into_iter().cloned());
                continue;
            }
            // Failed pods and pods of an old revision go; then keep the oldest one.
            let mut keep = Vec::new();
            for key in on_node {
                let current = self.pods.get(key).is_some_and(|p| {
                    p.metadata.labels.get("controller-revision-hash") == Some(&revision)
                        && p.status.phase != "Failed"
                });
                if current && keep.is_empty() {
                    keep.push(key.clone());
                } else {
                    to_delete.push(key.clone());
                }
            }
            if placement.should_run && keep.is_empty() && !terminating_here {
                to_create.push(node_name.clone());
            }
        }
        let changed = !to_delete.is_empty() || !to_create.is_empty();
        for key in to_delete {
            let name = self
                .pods
                .get(&key)
                .map(|p| p.metadata.name.clone())
                .unwrap_or_default();
            self.delete_pod_gracefully(&key);
            self.record_event(
                EventType::Normal,
                object.clone(),
                SOURCE,
                "SuccessfulDelete",
                format!("Deleted pod: {name}"),
            );
        }
        for node in to_create {
            let pod = new_daemon_pod(ds, &node, String::new(), String::new(), &revision);
            let name = self.create_pod(pod);
            self.record_event(
                EventType::Normal,
                object.clone(),
                SOURCE,
                "SuccessfulCreate",
                format!("Created pod: {name}"),
            );
        }
        changed
    }
}
