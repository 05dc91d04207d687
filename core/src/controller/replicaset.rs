//! The ReplicaSet controller (`pkg/controller/replicaset: manageReplicas`). One
//! file: it has no rules apart from its sync. Its tests are the Deployment's
//! ([`super::deployment`]), which drives it.

use crate::api::{OwnerReference, Pod, ReplicaSet};
use crate::cluster::Cluster;
use crate::events::ObjectRef;
use std::cmp::Reverse;

const SOURCE: &str = "replicaset-controller";

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
        let mut changed = false;
        let sets: Vec<ReplicaSet> = self.replica_sets.values().cloned().collect();
        for rs in &sets {
            changed |= self.sync_replica_set(rs);
        }
        changed
    }

    fn sync_replica_set(&mut self, rs: &ReplicaSet) -> bool {
        let object = ObjectRef::new("ReplicaSet", &rs.metadata.namespace, &rs.metadata.name);
        let active: Vec<String> = self
            .pods_owned_by(&rs.metadata.uid)
            .into_iter()
            .filter(|k| self.pods.get(k).is_some_and(Pod::is_active))
            .collect();
        let want = usize::try_from(rs.replicas().max(0)).unwrap_or(0);
        if active.len() < want {
            let mut created = false;
            for _ in active.len()..want {
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
                if !self.create_controlled_pod(pod, &object, SOURCE) {
                    break;
                }
                created = true;
            }
            return created;
        }
        if active.len() > want {
            let mut ranked: Vec<_> = active
                .into_iter()
                .enumerate()
                .map(|(i, k)| (self.pods.get(&k).map(deletion_rank), i, k))
                .collect();
            crate::sort::sort(&mut ranked);
            let active: Vec<String> = ranked.into_iter().map(|(_, _, k)| k).collect();
            let surplus = active.len() - want;
            for key in active.into_iter().take(surplus) {
                self.delete_controlled_pod(&key, &object, SOURCE);
            }
            return true;
        }
        false
    }

    /// Ready and available pods of a ReplicaSet (minReadySeconds is 0).
    pub(crate) fn replica_set_counts(&self, rs: &ReplicaSet) -> (i64, i64) {
        let owned = self.pods_owned_by(&rs.metadata.uid);
        let active = owned
            .iter()
            .filter(|k| self.pods.get(k).is_some_and(Pod::is_active))
            .count() as i64;
        let ready = owned
            .iter()
            .filter(|k| {
                self.pods
                    .get(k)
                    .is_some_and(|p| p.is_active() && p.is_ready())
            })
            .count() as i64;
        (active, ready)
    }
}
