//! Taking back a refused apply. `kubectl apply` of several objects changes
//! nothing when one of them is refused; rather than copy the whole cluster
//! before every apply (a cost proportional to the cluster, paid by every one-pod
//! apply), the apply notes the previous state of each entry it is about to
//! write, and a refused apply puts those entries back, newest first.

use super::{Cluster, NodeRecord, key, namespaced};
use crate::api::{DaemonSet, Deployment, Pod, ReplicaSet};
use crate::clock::Time;
use crate::decode::{Object, OtherObject};
use crate::names::NameGenerator;
use crate::shared::Shared;
use crate::sorted_map::SortedMap;
use std::collections::BTreeMap;
use std::rc::Rc;

/// One entry as it was before the apply wrote it (`None`: it did not exist).
enum Before {
    Node(String, Option<Shared<NodeRecord>>, Option<Time>),
    Pod(String, Option<Pod>),
    DaemonSet(String, Option<DaemonSet>),
    Deployment(String, Option<Deployment>),
    ReplicaSet(String, Option<ReplicaSet>),
    Other(String, Option<(OtherObject, serde_yaml::Value)>),
    PriorityClass(String, Option<crate::api::PriorityClass>),
    DisruptionBudget(String, Option<crate::api::PodDisruptionBudget>),
    Applied(Rc<str>, Option<Shared<serde_yaml::Value>>),
}

/// What an apply in progress has changed, to take back.
pub(super) struct Undo {
    namespaces: Vec<String>,
    namespace_labels: SortedMap<String, BTreeMap<String, String>>,
    names: NameGenerator,
    told_not_simulated: Vec<String>,
    nodes_added: u32,
    next_pod_seq: u64,
    entries: Vec<Before>,
}

impl Undo {
    /// Starts an apply: notes the cluster's small scalars, and holds back its
    /// events until the apply is accepted.
    pub(super) fn begin(cluster: &mut Cluster) -> Undo {
        cluster.events.stage();
        Undo {
            namespaces: cluster.namespaces.clone(),
            namespace_labels: cluster.namespace_labels.clone(),
            names: cluster.names.clone(),
            told_not_simulated: cluster.told_not_simulated.clone(),
            nodes_added: cluster.nodes_added,
            next_pod_seq: cluster.pods.next_seq(),
            entries: Vec::new(),
        }
    }

    /// Notes the text kept as applied under `key` before the apply replaced it.
    pub(super) fn applied(&mut self, key: Rc<str>, previous: Option<Shared<serde_yaml::Value>>) {
        self.entries.push(Before::Applied(key, previous));
    }

    /// Notes the entries that applying `object` may write.
    pub(super) fn note(&mut self, cluster: &Cluster, object: &Object) {
        let workload_key = |namespace: &str, name: &str| key(&namespaced(namespace), name);
        let before = match object {
            // Namespaces are noted whole by `begin`.
            Object::Namespace(_) => return,
            Object::Node(node) => {
                let name = node.metadata.name.clone();
                let record = cluster.nodes.shared(name.as_str()).cloned();
                let deleted = cluster.deleted_nodes.get(&name).copied();
                Before::Node(name, record, deleted)
            }
            Object::Pod(pod) => {
                let k = workload_key(&pod.metadata.namespace, &pod.metadata.name);
                let previous = cluster.pods.get(&k).cloned();
                Before::Pod(k, previous)
            }
            Object::DaemonSet(ds) => {
                let k = workload_key(&ds.metadata.namespace, &ds.metadata.name);
                let previous = cluster.daemon_sets.get(&k).cloned();
                Before::DaemonSet(k, previous)
            }
            Object::Deployment(d) => {
                let k = workload_key(&d.metadata.namespace, &d.metadata.name);
                let previous = cluster.deployments.get(&k).cloned();
                Before::Deployment(k, previous)
            }
            Object::ReplicaSet(rs) => {
                let k = workload_key(&rs.metadata.namespace, &rs.metadata.name);
                let previous = cluster.replica_sets.get(&k).cloned();
                Before::ReplicaSet(k, previous)
            }
            Object::PriorityClass(class) => {
                let k = class.metadata.name.clone();
                let previous = cluster.priority_classes.get(&k).cloned();
                Before::PriorityClass(k, previous)
            }
            Object::PodDisruptionBudget(pdb) => {
                let k = workload_key(&pdb.metadata.namespace, &pdb.metadata.name);
                let previous = cluster.disruption_budgets.get(&k).cloned();
                Before::DisruptionBudget(k, previous)
            }
            Object::Other(other) => {
                let k = super::apply::other_key(other);
                let previous = cluster.others.get(&k).cloned();
                Before::Other(k, previous)
            }
        };
        self.entries.push(before);
    }

    /// The apply was accepted: its events are recorded.
    pub(super) fn commit(self, cluster: &mut Cluster) {
        cluster.events.commit();
    }

    /// The apply was refused: everything it wrote is put back as it was.
    pub(super) fn roll_back(self, cluster: &mut Cluster) {
        cluster.events.discard();
        cluster.namespaces = self.namespaces;
        cluster.namespace_labels = self.namespace_labels;
        cluster.names = self.names;
        cluster.told_not_simulated = self.told_not_simulated;
        cluster.nodes_added = self.nodes_added;
        // Newest first, so an entry written twice ends as it was before the first.
        for before in self.entries.into_iter().rev() {
            match before {
                Before::Node(name, record, deleted) => {
                    match record {
                        Some(record) => cluster.nodes.insert(name.as_str().into(), record),
                        None => {
                            cluster.nodes.remove(name.as_str());
                        }
                    }
                    match deleted {
                        Some(t) => cluster.deleted_nodes.insert(name, t),
                        None => cluster.deleted_nodes.remove(&name),
                    };
                }
                Before::Pod(k, previous) => match previous {
                    // Written back in place, so the pod keeps its arrival number.
                    Some(pod) => {
                        if let Some(mut slot) = cluster.pods.get_mut(&k) {
                            *slot = pod;
                        }
                    }
                    None => {
                        cluster.pods.remove(&k);
                    }
                },
                Before::DaemonSet(k, previous) => restore(&mut cluster.daemon_sets, k, previous),
                Before::Deployment(k, previous) => restore(&mut cluster.deployments, k, previous),
                Before::ReplicaSet(k, previous) => restore(&mut cluster.replica_sets, k, previous),
                Before::Other(k, previous) => restore(&mut cluster.others, k, previous),
                Before::PriorityClass(k, previous) => {
                    restore(&mut cluster.priority_classes, k, previous)
                }
                Before::DisruptionBudget(k, previous) => {
                    restore(&mut cluster.disruption_budgets, k, previous)
                }
                Before::Applied(k, previous) => restore(&mut cluster.applied, k, previous),
            }
        }
        cluster.pods.rewind_seq(self.next_pod_seq);
    }
}

fn restore<K: Ord + std::borrow::Borrow<str>, V>(
    table: &mut crate::sorted_map::SortedMap<K, V>,
    k: K,
    previous: Option<V>,
) {
    match previous {
        Some(v) => {
            table.insert(k, v);
        }
        None => {
            table.remove(k.borrow());
        }
    }
}
