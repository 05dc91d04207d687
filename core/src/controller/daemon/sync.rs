//! The DaemonSet controller's sync loop (`pkg/controller/daemon: syncNodes`,
//! `podsShouldBeOnNode`, `update.go: rollingUpdate`, `constructHistory`), acting on
//! the rules in [`super`].

use super::{DaemonPodTemplate, target_node_name};
use crate::api::DaemonSet;
use crate::cluster::{Cluster, pod_key};
use crate::events::ObjectRef;
use crate::names::compute_hash;

const SOURCE: &str = "daemonset-controller";

/// What the controller knows about one of its pods.
#[derive(Debug, Clone)]
struct OwnedPod {
    key: String,
    terminating: bool,
    failed: bool,
    current: bool,
    ready: bool,
}

impl Cluster {
    /// The hash of a DaemonSet's current revision. Models `constructHistory`'s
    /// `Match`: a ControllerRevision whose template is the current one keeps its
    /// hash (an imported DaemonSet's came from the API server, and its pods
    /// carry it); only a new template gets a hash computed here.
    pub(crate) fn daemon_set_revision(&self, ds: &DaemonSet) -> String {
        self.daemon_set_history
            .get(&ds.metadata.uid)
            .and_then(|h| h.iter().rev().find(|(_, _, t)| *t == ds.spec.template))
            .map(|(_, hash, _)| hash.clone())
            .unwrap_or_else(|| compute_hash(&ds.spec.template))
    }

    /// Models `constructHistory` / `dedupCurHistories`: the current template has a
    /// ControllerRevision, and it carries the highest revision number.
    fn record_daemon_set_revision(&mut self, ds: &DaemonSet, hash: &str) {
        let history = self
            .daemon_set_history
            .get_or_insert_with(ds.metadata.uid.clone(), Vec::new);
        let max = history.iter().map(|(r, _, _)| *r).max().unwrap_or(0);
        match history.iter_mut().find(|(_, h, _)| h == hash) {
            Some((revision, _, _)) if *revision < max => *revision = max + 1,
            Some(_) => {}
            None => history.push((max + 1, hash.to_string(), ds.spec.template.clone())),
        }
        crate::sort::sort_by_key(history, |(r, _, _)| *r);
    }
}

/// Models `util.UnavailableCount` and `SurgeCount`: (maxSurge, maxUnavailable) in
/// pods for `desired` scheduled nodes; defaults 0 and 1, and never both 0.
fn update_budget(ds: &DaemonSet, desired: i64) -> (i64, i64) {
    let strategy = &ds.spec.update_strategy;
    let surge = strategy
        .max_surge
        .as_ref()
        .and_then(|v| v.scaled(desired, true))
        .unwrap_or(0)
        .max(0);
    let unavailable = strategy
        .max_unavailable
        .as_ref()
        .and_then(|v| v.scaled(desired, true))
        .unwrap_or(1)
        .max(0);
    if surge == 0 && unavailable == 0 {
        (0, 1)
    } else {
        (surge, unavailable)
    }
}

impl Cluster {
    /// Creates and deletes daemon pods so each node has one exactly where it should.
    /// Template changes roll out to completion: pods of an old revision are replaced.
    pub(crate) fn sync_daemon_sets(&mut self) -> bool {
        // A DaemonSet is synced when it, a Node object or one of its pods
        // changed since its last sync that did nothing.
        crate::controller::work_queue::Queue {
            objects: |c| c.daemon_sets.values().collect(),
            uid: |ds: &DaemonSet| ds.metadata.uid.as_str(),
            stamp: |c, ds| {
                (
                    ds.metadata.resource_version,
                    c.nodes.generation(),
                    c.pods.owner_written(&ds.metadata.uid),
                )
            },
            stamps: |c| &mut c.daemon_set_synced,
            sync: Cluster::sync_daemon_set,
        }
        .run(self)
    }

    fn sync_daemon_set(&mut self, ds: &DaemonSet) -> bool {
        let revision = self.daemon_set_revision(ds);
        self.record_daemon_set_revision(ds, &revision);
        let object = ObjectRef::new("DaemonSet", &ds.metadata.namespace, &ds.metadata.name);
        let mut to_delete = Vec::new();
        let mut to_create = Vec::new();
        // The store's owner index finds the DaemonSet's own pods, placed by the
        // position of their target node; pods whose node is gone are garbage-collected.
        let mut by_node: Vec<(usize, OwnedPod)> = Vec::new();
        let owned = self
            .pods
            .owned_by(&ds.metadata.uid)
            .filter_map(|seq| self.pods.get_seq(seq));
        for pod in owned {
            let Some(at) = target_node_name(pod).and_then(|n| self.nodes.position(n)) else {
                to_delete.push(pod_key(pod));
                continue;
            };
            by_node.push((
                at,
                OwnedPod {
                    key: pod_key(pod),
                    terminating: pod.is_terminating(),
                    failed: pod.status.phase == "Failed",
                    current: pod.metadata.labels.get("controller-revision-hash") == Some(&revision),
                    ready: pod.is_ready(),
                },
            ));
        }
        // By node, then arrival: the index makes the key unique.
        let mut by_node: Vec<(usize, usize, OwnedPod)> = by_node
            .into_iter()
            .enumerate()
            .map(|(i, (at, pod))| (at, i, pod))
            .collect();
        crate::sort::sort_by_key(&mut by_node, |(at, i, _)| (*at, *i));
        let template = DaemonPodTemplate::new(ds);
        let mut plans = Vec::new();
        for (at, (node_name, record)) in self.nodes.iter().enumerate() {
            let placement = template.placement_on(&record.node);
            let from = by_node.partition_point(|(n, _, _)| *n < at);
            let here: Vec<&OwnedPod> = by_node[from..]
                .iter()
                .take_while(|(n, _, _)| *n == at)
                .map(|(_, _, p)| p)
                .collect();
            plans.push((node_name.clone(), placement, here));
        }
        let desired = plans.iter().filter(|(_, p, _)| p.should_run).count() as i64;
        let (max_surge, max_unavailable) = update_budget(ds, desired);
        let on_delete = ds.spec.update_strategy.type_ == "OnDelete";
        // Nodes that should run a pod but have no ready one count against maxUnavailable.
        let mut unavailable = plans
            .iter()
            .filter(|(_, p, pods)| p.should_run && !pods.iter().any(|o| o.ready && !o.terminating))
            .count() as i64;
        let mut surged = plans
            .iter()
            .filter(|(_, _, pods)| {
                pods.iter().any(|o| o.current) && pods.iter().any(|o| !o.current && !o.terminating)
            })
            .count() as i64;
        for (node_name, placement, pods) in plans {
            let live: Vec<&OwnedPod> = pods.iter().copied().filter(|o| !o.terminating).collect();
            let terminating_here = live.len() != pods.len();
            if !placement.should_continue_running {
                to_delete.extend(live.iter().map(|o| o.key.clone()));
                continue;
            }
            // Failed daemon pods are deleted (and replaced below).
            to_delete.extend(live.iter().filter(|o| o.failed).map(|o| o.key.clone()));
            let healthy: Vec<&OwnedPod> = live.iter().copied().filter(|o| !o.failed).collect();
            let current: Vec<&&OwnedPod> = healthy.iter().filter(|o| o.current).collect();
            let old: Vec<&&OwnedPod> = healthy.iter().filter(|o| !o.current).collect();
            // More than one pod of the current revision: keep the first.
            to_delete.extend(current.iter().skip(1).map(|o| o.key.clone()));
            let mut deleted_old = 0;
            let mut created_here = false;
            if !on_delete && !old.is_empty() {
                // Models rollingUpdate: an old pod that is not available goes at once;
                // an available one goes while maxUnavailable allows, or, with
                // maxSurge, once its replacement is ready.
                for o in &old {
                    let new_ready = current.first().is_some_and(|c| c.ready);
                    if !o.ready || new_ready {
                        to_delete.push(o.key.clone());
                        deleted_old += 1;
                    } else if max_surge == 0 && unavailable < max_unavailable {
                        unavailable += 1;
                        to_delete.push(o.key.clone());
                        deleted_old += 1;
                    } else if max_surge > 0
                        && current.is_empty()
                        && surged < max_surge
                        && placement.should_run
                        && !created_here
                    {
                        surged += 1;
                        created_here = true;
                        to_create.push(node_name.clone());
                    }
                }
            }
            let old_stays = on_delete && !old.is_empty();
            let replaced_now = !old.is_empty() && deleted_old == old.len();
            let nothing_left = current.is_empty() && (old.is_empty() || replaced_now) && !old_stays;
            if placement.should_run && nothing_left && !terminating_here && !created_here {
                to_create.push(node_name.clone());
            }
        }
        let mut changed = !to_delete.is_empty();
        for key in to_delete {
            self.delete_controlled_pod(&key, &object, SOURCE);
        }
        for node in to_create {
            let pod = template.pod_for(&node, &revision);
            if !self.create_controlled_pod(pod, &object, SOURCE) {
                break;
            }
            changed = true;
        }
        changed
    }
}
