//! The ReplicaSet controller (`pkg/controller/replicaset: manageReplicas`). One
//! file: it has no rules apart from its sync. Its tests are the Deployment's
//! ([`super::deployment`]), which drives it.

use crate::api::{OwnerReference, Pod, ReplicaSet};
use crate::cluster::Cluster;
use crate::events::ObjectRef;
use std::cmp::Reverse;

const SOURCE: &str = "replicaset-controller";

/// `BurstReplicas`: the most pods one sync creates or deletes. A larger
/// difference is made up over the following syncs (rounds of the control loops),
/// so a huge `replicas` arrives in bounded steps.
pub(crate) const BURST_REPLICAS: usize = 500;

/// Models `slowStartBatch`'s batch sizes for `count` creations: 1, 2, 4, ... (the
/// last one what is left). A batch runs only if every create before it succeeded.
fn slow_start_batches(count: usize) -> impl Iterator<Item = usize> {
    let mut left = count;
    let mut size = 1usize;
    std::iter::from_fn(move || {
        if left == 0 {
            return None;
        }
        let batch = size.min(left);
        left -= batch;
        size = size.saturating_mul(2);
        Some(batch)
    })
}

/// Models the order of `controller.ActivePods` for deletion: unassigned before
/// assigned, Pending before Unknown before Running, not ready before ready, then
/// the newest first. The first pods in this order are deleted first.
fn deletion_rank(pod: &Pod) -> (bool, u8, bool, Reverse<u64>) {
    let phase = match pod.status.phase.as_str() {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    };
    (
        !pod.spec.node_name.is_empty(),
        phase,
        pod.is_ready(),
        Reverse(pod.metadata.created.0),
    )
}

impl Cluster {
    /// Creates or deletes pods so each ReplicaSet has `spec.replicas` active pods.
    pub(crate) fn sync_replica_sets(&mut self) -> bool {
        // A ReplicaSet is synced when it or one of its pods changed since its
        // last sync that did nothing, or room for pods came back after a refused
        // create. The Deployment controller scales its ReplicaSets in place, so
        // the stamp holds `spec.replicas` itself besides the resourceVersion.
        crate::controller::work_queue::Queue {
            objects: |c| c.replica_sets.values().collect(),
            uid: |rs: &ReplicaSet| rs.metadata.uid.as_str(),
            stamp: |c, rs| {
                (
                    (rs.metadata.resource_version, rs.replicas()),
                    c.pods.owner_written(&rs.metadata.uid),
                    c.room_for_pod(),
                )
            },
            stamps: |c| &mut c.replica_set_synced,
            sync: Cluster::sync_replica_set,
        }
        .run(self)
    }

    fn sync_replica_set(&mut self, rs: &ReplicaSet) -> bool {
        let object = ObjectRef::new("ReplicaSet", &rs.metadata.namespace, &rs.metadata.name);
        let active: Vec<u64> = self
            .pods
            .owned_by(&rs.metadata.uid)
            .filter(|seq| self.pods.get_seq(*seq).is_some_and(Pod::is_active))
            .collect();
        let want = usize::try_from(rs.replicas().max(0)).unwrap_or(0);
        if active.len() < want {
            // Models `manageReplicas`: at most `burstReplicas` per sync, created in
            // slow-start batches that stop at the first refused create.
            let diff = (want - active.len()).min(BURST_REPLICAS);
            let mut created = false;
            'batches: for batch in slow_start_batches(diff) {
                for _ in 0..batch {
                    if !self.create_replica(rs, &object) {
                        break 'batches;
                    }
                    created = true;
                }
            }
            return created;
        }
        if active.len() > want {
            let mut ranked: Vec<_> = active
                .into_iter()
                .filter_map(|seq| self.pods.get_seq(seq))
                .enumerate()
                .map(|(i, p)| (deletion_rank(p), i, crate::cluster::pod_key(p)))
                .collect();
            // Equal ranks keep arrival order (the sort is not stable by itself).
            crate::sort::sort_by_key(&mut ranked, |(rank, i, _)| (*rank, *i));
            let surplus = (ranked.len() - want).min(BURST_REPLICAS);
            for (_, _, key) in ranked.into_iter().take(surplus) {
                self.delete_controlled_pod(&key, &object, SOURCE);
            }
            return true;
        }
        false
    }

    /// Creates one pod from the ReplicaSet's template; false if the API refused it.
    fn create_replica(&mut self, rs: &ReplicaSet, object: &ObjectRef) -> bool {
        let mut pod = Pod {
            metadata: rs.spec.template.metadata.clone(),
            spec: rs.spec.template.spec.clone(),
            ..Default::default()
        };
        pod.metadata.name = String::new();
        pod.metadata.generate_name = format!("{}-", rs.metadata.name);
        pod.metadata.namespace = rs.metadata.namespace.clone();
        pod.metadata.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "ReplicaSet",
            &rs.metadata.name,
            &rs.metadata.uid,
        )];
        self.create_controlled_pod(pod, object, SOURCE)
    }

    /// Ready and available pods of a ReplicaSet (minReadySeconds is 0).
    pub(crate) fn replica_set_counts(&self, rs: &ReplicaSet) -> (i64, i64) {
        let (mut active, mut ready) = (0, 0);
        for pod in self
            .pods
            .owned_by(&rs.metadata.uid)
            .filter_map(|seq| self.pods.get_seq(seq))
            .filter(|p| p.is_active())
        {
            active += 1;
            ready += i64::from(pod.is_ready());
        }
        (active, ready)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slow_start_doubles_its_batches() {
        let batches = |n| slow_start_batches(n).collect::<Vec<_>>();
        assert_eq!(batches(0), Vec::<usize>::new());
        assert_eq!(batches(1), [1]);
        assert_eq!(batches(10), [1, 2, 4, 3]);
        assert_eq!(batches(500).iter().sum::<usize>(), 500);
    }

    #[test]
    fn one_sync_creates_at_most_burst_replicas() {
        let text = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: big\nspec:\n  replicas: 1200\n  selector:\n    matchLabels: {app: big}\n  template:\n    metadata:\n      labels: {app: big}\n    spec:\n      containers: [{name: c, image: nginx}]\n";
        let mut cluster = Cluster::tutorial_nodes(&["a", "b"]);
        // The whole apply runs the loops until quiet: three syncs of 500, 500, 200.
        cluster.apply(text).expect("applies");
        assert_eq!(cluster.pods().count(), 1200);

        // Scaled up by 1,200 more, one sync makes 500 of them.
        let mut more = cluster.clone();
        more.apply(&text.replace("1200", "2400")).expect("applies");
        assert_eq!(more.pods().count(), 2400);
        let Some(rs) = cluster.replica_sets().next().cloned() else {
            panic!("no ReplicaSet");
        };
        let mut scaled = rs.clone();
        scaled.spec.replicas = Some(2400);
        if let Some(stored) = cluster.replica_sets.values_mut().next() {
            *stored = scaled;
        }
        assert!(cluster.sync_replica_sets());
        assert_eq!(cluster.pods().count(), 1700);
    }
}
