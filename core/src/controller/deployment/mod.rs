//! The Deployment controller (`pkg/controller/deployment`): a ReplicaSet per pod
//! template, rolled by `rolloutRolling` or `rolloutRecreate`. The ReplicaSets'
//! pods are [`super::replicaset`]'s work.

use crate::api::{Deployment, OwnerReference, ReplicaSet};
use crate::cluster::{Cluster, key};
use crate::events::{EventType, ObjectRef};
use crate::names::compute_hash;

#[cfg(test)]
pub(crate) mod tests;

const SOURCE: &str = "deployment-controller";
/// The annotation that numbers a Deployment's ReplicaSets (`kubectl rollout history`).
pub const REVISION: &str = "deployment.kubernetes.io/revision";

/// A Deployment's stamp (see [`Cluster::sync_deployments`]).
pub(crate) type DeploymentStamp = (u64, i64, Vec<(u64, i64, u64)>);

impl Cluster {
    /// Rolls every Deployment one step toward its desired state.
    pub(crate) fn sync_deployments(&mut self) -> bool {
        // A Deployment is synced when it, one of its ReplicaSets or their pods
        // changed since its last sync that did nothing.
        crate::controller::work_queue::Queue {
            objects: |c| c.deployments.values().collect(),
            uid: |d: &Deployment| d.metadata.uid.as_str(),
            stamp: Cluster::deployment_stamp,
            stamps: |c| &mut c.deployment_synced,
            sync: Cluster::sync_deployment,
        }
        .run(self)
    }

    /// The ReplicaSets the Deployment with `uid` controls, by namespace/name.
    fn replica_sets_controlled_by<'a>(
        &'a self,
        uid: &'a str,
    ) -> impl Iterator<Item = &'a ReplicaSet> + 'a {
        self.replica_sets
            .values()
            .filter(move |rs| rs.metadata.controller_of().is_some_and(|r| r.uid == uid))
    }

    /// What a Deployment's sync reads: the Deployment, and each of its
    /// ReplicaSets (resourceVersion, `spec.replicas`, its pods' last write).
    fn deployment_stamp(&self, d: &Deployment) -> DeploymentStamp {
        let sets = self
            .replica_sets_controlled_by(&d.metadata.uid)
            .map(|rs| {
                (
                    rs.metadata.resource_version,
                    rs.replicas(),
                    self.pods.owner_written(&rs.metadata.uid),
                )
            })
            .collect();
        (d.metadata.resource_version, d.replicas(), sets)
    }

    /// ReplicaSets owned by `d`, oldest first, and the key of the one for its current template.
    pub(crate) fn replica_sets_of(
        &self,
        d: &Deployment,
        hash: &str,
    ) -> (Vec<String>, Option<String>) {
        let mut owned: Vec<(&String, &ReplicaSet)> = self
            .replica_sets
            .iter()
            .filter(|(_, rs)| {
                rs.metadata
                    .controller_of()
                    .is_some_and(|r| r.uid == d.metadata.uid)
            })
            .collect();
        crate::sort::sort_by_key(&mut owned, |(k, rs)| (rs.metadata.created, *k));
        let new = owned
            .iter()
            .find(|(_, rs)| {
                rs.metadata
                    .labels
                    .get("pod-template-hash")
                    .map(String::as_str)
                    == Some(hash)
            })
            // Models `FindNewReplicaSet`'s `EqualIgnoreHash`: a ReplicaSet whose
            // template is the Deployment's but for its hash label is the new one
            // (an imported ReplicaSet's hash came from the API server).
            .or_else(|| {
                owned
                    .iter()
                    .find(|(_, rs)| equal_ignore_hash(&rs.spec.template, &d.spec.template))
            })
            .map(|(k, _)| (*k).clone());
        let old = owned
            .into_iter()
            .map(|(k, _)| k.clone())
            .filter(|k| Some(k) != new.as_ref())
            .collect();
        (old, new)
    }

    fn new_replica_set(&mut self, d: &Deployment, hash: &str) -> String {
        let mut rs = ReplicaSet::default();
        rs.metadata.name = format!("{}-{hash}", d.metadata.name);
        rs.metadata.namespace = d.metadata.namespace.clone();
        rs.metadata.uid = self.names.uid();
        rs.metadata.created = self.now;
        rs.metadata.labels = d.spec.template.metadata.labels.clone();
        // Models `deploymentutil.SetNewReplicaSetAnnotations`: one more than the
        // highest revision so far.
        let revision = self
            .replica_sets_controlled_by(&d.metadata.uid)
            .filter_map(|rs| rs.metadata.annotations.get(REVISION)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0)
            + 1;
        rs.metadata
            .annotations
            .insert(REVISION.to_string(), revision.to_string());
        rs.metadata
            .labels
            .insert("pod-template-hash".to_string(), hash.to_string());
        rs.metadata.owner_references = vec![OwnerReference::controller(
            "apps/v1",
            "Deployment",
            &d.metadata.name,
            &d.metadata.uid,
        )];
        let mut selector = d.spec.selector.clone().unwrap_or_default();
        selector
            .match_labels
            .insert("pod-template-hash".to_string(), hash.to_string());
        rs.spec.selector = Some(selector);
        rs.spec.template = d.spec.template.clone();
        rs.spec
            .template
            .metadata
            .labels
            .insert("pod-template-hash".to_string(), hash.to_string());
        rs.spec.replicas = Some(0);
        let key = key(&rs.metadata.namespace, &rs.metadata.name);
        self.replica_sets.insert(key.clone(), rs);
        key
    }

    fn scale(&mut self, d: &Deployment, rs_key: &str, to: i64) -> bool {
        let Some(rs) = self.replica_sets.get_mut(rs_key) else {
            return false;
        };
        let from = rs.replicas();
        if from == to {
            return false;
        }
        rs.spec.replicas = Some(i32::try_from(to).unwrap_or(i32::MAX));
        let name = rs.metadata.name.clone();
        let direction = if to > from { "up" } else { "down" };
        // `pkg/controller/deployment/sync.go`: PR #125118 (1.32) settled on "from .. to";
        // before it the old count came last, and a new ReplicaSet's event named no old count.
        let message = match self.version.minor {
            32.. => format!("Scaled {direction} replica set {name} from {from} to {to}"),
            24.. if from > 0 => {
                format!("Scaled {direction} replica set {name} to {to} from {from}")
            }
            _ => format!("Scaled {direction} replica set {name} to {to}"),
        };
        self.record_event(
            EventType::Normal,
            ObjectRef::new("Deployment", &d.metadata.namespace, &d.metadata.name),
            SOURCE,
            "ScalingReplicaSet",
            message,
        );
        true
    }

    fn sync_deployment(&mut self, d: &Deployment) -> bool {
        let hash = compute_hash(&d.spec.template);
        let (old, new) = self.replica_sets_of(d, &hash);
        let mut changed = false;
        let new = match new {
            Some(key) => {
                // Models `SetNewReplicaSetAnnotations` for an existing new ReplicaSet
                // (a rollback): it takes the revision after the highest old one.
                let max_old = old
                    .iter()
                    .filter_map(|k| self.replica_sets.get(k))
                    .filter_map(|rs| rs.metadata.annotations.get(REVISION)?.parse::<u64>().ok())
                    .max()
                    .unwrap_or(0);
                if let Some(rs) = self.replica_sets.get_mut(&key) {
                    let current = rs
                        .metadata
                        .annotations
                        .get(REVISION)
                        .and_then(|r| r.parse::<u64>().ok())
                        .unwrap_or(0);
                    if current < max_old + 1 {
                        rs.metadata
                            .annotations
                            .insert(REVISION.to_string(), (max_old + 1).to_string());
                        changed = true;
                    }
                }
                key
            }
            None => {
                changed = true;
                self.new_replica_set(d, &hash)
            }
        };
        let replicas = d.replicas();
        let spec_of =
            |c: &Cluster, k: &str| c.replica_sets.get(k).map(ReplicaSet::replicas).unwrap_or(0);
        let ready_of = |c: &Cluster, k: &str| {
            c.replica_sets
                .get(k)
                .map(|rs| c.replica_set_counts(rs).1)
                .unwrap_or(0)
        };
        if d.spec.strategy.type_ == "Recreate" {
            // Models rolloutRecreate: all old pods go before any new one starts.
            for k in &old {
                changed |= self.scale(d, k, 0);
            }
            let old_pods_left = old.iter().any(|k| {
                self.replica_sets
                    .get(k)
                    .is_some_and(|rs| self.pods.owned_by(&rs.metadata.uid).next().is_some())
            });
            if !old_pods_left {
                changed |= self.scale(d, &new, replicas);
            }
            return changed;
        }
        // Models rolloutRolling: reconcileNewReplicaSet, then reconcileOldReplicaSets.
        let (max_surge, max_unavailable) = d.fenceposts();
        let total: i64 = old.iter().chain([&new]).map(|k| spec_of(self, k)).sum();
        let new_spec = spec_of(self, &new);
        if new_spec > replicas {
            changed |= self.scale(d, &new, replicas);
        } else if new_spec < replicas {
            let room = replicas + max_surge - total;
            if room > 0 {
                changed |= self.scale(d, &new, new_spec + room.min(replicas - new_spec));
            }
        }
        let total: i64 = old.iter().chain([&new]).map(|k| spec_of(self, k)).sum();
        let min_available = replicas - max_unavailable;
        let new_unavailable = spec_of(self, &new) - ready_of(self, &new);
        let mut budget = total - min_available - new_unavailable;
        if budget <= 0 {
            return changed;
        }
        // cleanupUnhealthyReplicas: old replicas that are not available go first.
        for k in &old {
            let (spec, ready) = (spec_of(self, k), ready_of(self, k));
            let cut = (spec - ready).min(budget);
            if cut > 0 {
                changed |= self.scale(d, k, spec - cut);
                budget -= cut;
            }
        }
        // scaleDownOldReplicaSetsForRollingUpdate: keep minAvailable available pods,
        // oldest ReplicaSet first.
        let available: i64 = old.iter().chain([&new]).map(|k| ready_of(self, k)).sum();
        let mut budget = available - min_available;
        for k in &old {
            if budget <= 0 {
                break;
            }
            let spec = spec_of(self, k);
            let cut = spec.min(budget);
            if cut > 0 {
                changed |= self.scale(d, k, spec - cut);
                budget -= cut;
            }
        }
        changed
    }
}

/// Models `EqualIgnoreHash`: whether two pod templates are equal once the
/// `pod-template-hash` label is left out of both.
fn equal_ignore_hash(a: &crate::api::PodTemplateSpec, b: &crate::api::PodTemplateSpec) -> bool {
    let mut a = a.clone();
    let mut b = b.clone();
    a.metadata.labels.remove("pod-template-hash");
    b.metadata.labels.remove("pod-template-hash");
    a == b
}
