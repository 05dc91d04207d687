//! What kubectl asks of the API server besides `apply`: updates of a node or of an
//! object's labels and annotations, deletion with garbage collection, scaling and
//! rollouts. Each runs the control loops to quiescence afterwards, like `apply`.

use super::{Cluster, key, namespaced};
use crate::api::{Node, ObjectMeta};

/// A kind whose objects these operations reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `v1` Pod.
    Pod,
    /// `v1` Node.
    Node,
    /// `v1` Namespace.
    Namespace,
    /// `apps/v1` DaemonSet.
    DaemonSet,
    /// `apps/v1` Deployment.
    Deployment,
    /// `apps/v1` ReplicaSet.
    ReplicaSet,
    /// `scheduling.k8s.io/v1` PriorityClass.
    PriorityClass,
    /// `policy/v1` PodDisruptionBudget.
    PodDisruptionBudget,
}

impl Kind {
    /// The kind for a `kind:` value, if simulated.
    pub fn of(kind: &str) -> Option<Kind> {
        Some(match kind {
            "Pod" => Kind::Pod,
            "Node" => Kind::Node,
            "Namespace" => Kind::Namespace,
            "DaemonSet" => Kind::DaemonSet,
            "Deployment" => Kind::Deployment,
            "ReplicaSet" => Kind::ReplicaSet,
            "PriorityClass" => Kind::PriorityClass,
            "PodDisruptionBudget" => Kind::PodDisruptionBudget,
            _ => return None,
        })
    }
}

impl Cluster {
    /// Updates a node in place (`kubectl taint`, `cordon`, `label`): `change` edits
    /// a copy, which then replaces the node as an update would. Returns whether the
    /// node exists; an unchanged node keeps its resourceVersion.
    pub fn update_node(&mut self, name: &str, change: impl FnOnce(&mut Node)) -> bool {
        self.settle_first();
        let Some(mut node) = self.node(name).cloned() else {
            return false;
        };
        change(&mut node);
        self.apply_node(&node);
        self.reconcile();
        true
    }

    /// Edits the metadata (labels, annotations) of an object. Returns whether the
    /// object exists. A change bumps its resourceVersion.
    pub fn update_metadata(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        change: impl FnOnce(&mut ObjectMeta),
    ) -> bool {
        self.settle_first();
        let k = key(namespace, name);
        if kind == Kind::Pod {
            // A pod's labels and owners feed the store's indexes: write it through
            // the store, which updates them as the write ends.
            let Some(mut pod) = self.pods.get_mut(&k) else {
                return false;
            };
            let before = pod.metadata.clone();
            change(&mut pod.metadata);
            if pod.metadata != before {
                pod.metadata.resource_version = self.names.resource_version();
            }
            drop(pod);
            self.reconcile();
            return true;
        }
        let meta = match kind {
            Kind::Node => {
                return self.update_node(name, |node| change(&mut node.metadata));
            }
            Kind::Namespace => return self.namespaces.binary_search(&name.to_string()).is_ok(),
            Kind::Pod => None,
            Kind::DaemonSet => self.daemon_sets.get_mut(&k).map(|d| &mut d.metadata),
            Kind::Deployment => self.deployments.get_mut(&k).map(|d| &mut d.metadata),
            Kind::ReplicaSet => self.replica_sets.get_mut(&k).map(|r| &mut r.metadata),
            // A system class is not stored: its metadata cannot change here.
            Kind::PriorityClass => self.priority_classes.get_mut(name).map(|p| &mut p.metadata),
            Kind::PodDisruptionBudget => {
                self.disruption_budgets.get_mut(&k).map(|p| &mut p.metadata)
            }
        };
        let Some(meta) = meta else {
            return false;
        };
        let before = meta.clone();
        change(meta);
        if *meta != before {
            meta.resource_version = self.names.resource_version();
        }
        self.reconcile();
        true
    }

    /// Deletes an object as `kubectl delete` does (background cascading: the
    /// garbage collector then deletes what it owned). Returns whether it existed.
    /// A `grace` of zero removes a pod at once, even from a node whose kubelet is
    /// down (`--grace-period=0 --force`).
    pub fn delete_object(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        grace: Option<u64>,
    ) -> bool {
        self.settle_first();
        let namespace = namespaced(namespace);
        let k = key(&namespace, name);
        let found = match kind {
            Kind::Node => return self.delete_node(name),
            Kind::Pod => {
                if self.pods.get(&k).is_none() {
                    return false;
                }
                if grace == Some(0) {
                    self.remove_pod(&k);
                } else {
                    self.delete_pod_gracefully(&k);
                }
                true
            }
            Kind::DaemonSet => match self.daemon_sets.remove(&k) {
                Some(ds) => {
                    self.daemon_set_history.remove(&ds.metadata.uid);
                    true
                }
                None => false,
            },
            Kind::Deployment => self.deployments.remove(&k).is_some(),
            Kind::ReplicaSet => self.replica_sets.remove(&k).is_some(),
            // The system classes cannot be deleted (kubectl says why).
            Kind::PriorityClass => self.priority_classes.remove(name).is_some(),
            Kind::PodDisruptionBudget => match self.disruption_budgets.remove(&k) {
                Some(pdb) => {
                    self.disruption_status.remove(&pdb.metadata.uid);
                    self.disruption_seen.remove(&pdb.metadata.uid);
                    true
                }
                None => false,
            },
            Kind::Namespace => {
                let Ok(at) = self.namespaces.binary_search(&name.to_string()) else {
                    return false;
                };
                self.namespaces.remove(at);
                drop(self.namespace_labels.remove(name));
                self.delete_namespace_contents(name);
                true
            }
        };
        if found {
            self.collect_garbage();
            self.reconcile();
        }
        found
    }

    /// Sets `spec.replicas` of a Deployment or ReplicaSet (`kubectl scale`).
    /// Returns the previous count, `Ok(None)` when there is no such object, or
    /// the API server's refusal, worded as kubectl prints it, when `replicas` is
    /// negative or above [`crate::limits::MAX_REPLICAS`]; nothing changes then.
    pub fn set_replicas(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        replicas: i64,
    ) -> Result<Option<i32>, String> {
        self.settle_first();
        let k = key(namespace, name);
        let (kind_name, meta, spec_replicas) = match kind {
            Kind::Deployment => match self.deployments.get_mut(&k) {
                Some(d) => ("Deployment", &mut d.metadata, &mut d.spec.replicas),
                None => return Ok(None),
            },
            Kind::ReplicaSet => match self.replica_sets.get_mut(&k) {
                Some(r) => ("ReplicaSet", &mut r.metadata, &mut r.spec.replicas),
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        let refused = |detail: String| format!("The {kind_name} {name:?} is invalid: {detail}");
        if let Some(e) = crate::decode::validate::validate_replicas(replicas) {
            return Err(refused(e.to_string()));
        }
        let Ok(replicas) = i32::try_from(replicas) else {
            // Unreachable: validated to at most MAX_REPLICAS.
            return Err(refused(format!("spec.replicas: Invalid value: {replicas}")));
        };
        let before = spec_replicas.unwrap_or(1);
        if before != replicas {
            *spec_replicas = Some(replicas);
            meta.generation += 1;
            meta.resource_version = self.names.resource_version();
        }
        self.reconcile();
        Ok(Some(before))
    }

    /// Edits the pod template of a DaemonSet, Deployment or ReplicaSet (`kubectl
    /// rollout restart`, `rollout undo`). Returns whether the object exists; a
    /// changed template bumps `generation` and rolls out.
    pub fn update_template(
        &mut self,
        kind: Kind,
        namespace: &str,
        name: &str,
        change: impl FnOnce(&mut crate::api::PodTemplateSpec),
    ) -> bool {
        self.settle_first();
        let k = key(namespace, name);
        let (meta, template) = match kind {
            Kind::DaemonSet => match self.daemon_sets.get_mut(&k) {
                Some(d) => (&mut d.metadata, &mut d.spec.template),
                None => return false,
            },
            Kind::Deployment => match self.deployments.get_mut(&k) {
                Some(d) => (&mut d.metadata, &mut d.spec.template),
                None => return false,
            },
            Kind::ReplicaSet => match self.replica_sets.get_mut(&k) {
                Some(r) => (&mut r.metadata, &mut r.spec.template),
                None => return false,
            },
            _ => return false,
        };
        let before = template.clone();
        change(template);
        if *template != before {
            meta.generation += 1;
            meta.resource_version = self.names.resource_version();
        }
        self.reconcile();
        true
    }

    /// Deletes a stored-only object (`resource` as kubectl names it, e.g. `service`).
    pub fn delete_stored(&mut self, resource: &str, namespace: &str, name: &str) -> bool {
        self.settle_first();
        let k = format!("{resource}/{}/{name}", namespaced(namespace));
        self.others.remove(&k).is_some()
    }

    /// Everything in a deleted namespace goes with it.
    fn delete_namespace_contents(&mut self, namespace: &str) {
        let prefix = format!("{namespace}/");
        self.daemon_sets.retain(|k, _| !k.starts_with(&prefix));
        self.deployments.retain(|k, _| !k.starts_with(&prefix));
        self.replica_sets.retain(|k, _| !k.starts_with(&prefix));
        self.disruption_budgets
            .retain(|k, _| !k.starts_with(&prefix));
        let mut live: Vec<String> = self
            .disruption_budgets
            .values()
            .map(|p| p.metadata.uid.clone())
            .collect();
        crate::sort::sort(&mut live);
        let kept = |uid: &String| live.binary_search(uid).is_ok();
        self.disruption_status.retain(|uid, _| kept(uid));
        self.disruption_seen.retain(|uid, _| kept(uid));
        for k in self.pods.keys_where(|p| p.metadata.namespace == namespace) {
            self.delete_pod_gracefully(&k);
        }
        self.others
            .retain(|_, (o, _)| o.metadata.namespace != namespace);
    }

    /// Models the garbage collector's background deletion: objects whose controller
    /// owner is gone are deleted (ReplicaSets of a deleted Deployment, pods of a
    /// deleted ReplicaSet or DaemonSet), until nothing more goes.
    fn collect_garbage(&mut self) {
        loop {
            let mut owners: Vec<&str> = Vec::new();
            owners.extend(self.daemon_sets.values().map(|d| d.metadata.uid.as_str()));
            owners.extend(self.deployments.values().map(|d| d.metadata.uid.as_str()));
            owners.extend(self.replica_sets.values().map(|r| r.metadata.uid.as_str()));
            owners.extend(self.nodes.values().map(|n| n.node.metadata.uid.as_str()));
            crate::sort::sort(&mut owners);
            let orphaned = |meta: &ObjectMeta| {
                meta.controller_of()
                    .is_some_and(|r| owners.binary_search(&r.uid.as_str()).is_err())
            };
            let replica_sets: Vec<String> = self
                .replica_sets
                .iter()
                .filter(|(_, rs)| orphaned(&rs.metadata))
                .map(|(k, _)| k.clone())
                .collect();
            let pods = self
                .pods
                .keys_where(|p| !p.is_terminating() && !p.is_mirror() && orphaned(&p.metadata));
            if replica_sets.is_empty() && pods.is_empty() {
                return;
            }
            for k in replica_sets {
                self.replica_sets.remove(&k);
            }
            for k in pods {
                self.delete_pod_gracefully(&k);
            }
        }
    }
}
