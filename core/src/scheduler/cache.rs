//! The scheduler's cache and snapshot (`pkg/scheduler/backend/cache`): one
//! [`NodeInfo`] per node, in node-name order, and the image states, kept from one
//! scheduling pass to the next and brought up to date only for the nodes that
//! changed (written, or a pod bound to them or removed from them), as upstream's
//! `UpdateSnapshot` copies only the node infos whose generation moved.

use super::node_info::{ImageState, ImageTable, NodeInfo, PodLoad};
use crate::api::LabelSelector;
use crate::api::Pod;
use crate::cluster::Cluster;
use crate::cluster::NodeChanges;
use crate::cluster::store::CountChanges;
use std::collections::BTreeSet;
use std::rc::Rc;

/// The node infos and image states the scheduling cycle reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct SchedulerCache {
    /// One per node, in node-name order.
    pub infos: Vec<NodeInfo>,
    /// The images the nodes hold.
    pub images: ImageTable,
    /// The spreading counts the last pass used, kept up to date for the next.
    pub spreads: Vec<Spread>,
    /// Whether a Node object was written, added or removed since the last pass.
    pub nodes_changed: bool,
    /// Pending pods that found no node and wait for a cluster event that may
    /// make room (the scheduling queue's `unschedulablePods`), by arrival number.
    pub unschedulable: BTreeSet<u64>,
    /// The waiting pods whose own spreading constraints or pod affinity another
    /// pod's arrival may satisfy: InterPodAffinity and PodTopologySpread ask to
    /// hear of an assigned pod added (their `EventsToRegister`), so these move
    /// back when any pod is bound.
    pub waiting_on_pods: BTreeSet<u64>,
}

/// How many pods one selector counts on each node (bound, not terminating, in
/// one namespace: `countPodsMatchSelector`), for PodTopologySpread (the default
/// constraints with a ReplicaSet's selector, or a pod's own constraints):
/// counted once, then kept up to date as passes bind pods and as pods come and
/// go, as the scheduler's snapshot is. Without it every pod with spreading
/// would read every pod again, and a rollout would be quadratic.
#[derive(Debug, Clone)]
pub(crate) struct Spread {
    /// The namespace counted.
    pub namespace: String,
    /// The selector.
    pub selector: LabelSelector,
    /// Pods per node, indexed by node position. Each pending pod's `PodInfo`
    /// shares it rather than copying it (a copy per pod made large Deployments
    /// quadratic); the pod's share is gone by the time it is counted, so
    /// `Rc::make_mut` then changes it in place.
    pub counts: Rc<Vec<i64>>,
}

impl Spread {
    /// Whether the selector counts `pod` (wherever it runs).
    fn selects(&self, pod: &Pod) -> bool {
        pod.metadata.namespace == self.namespace && self.selector.matches(&pod.metadata.labels)
    }

    /// Stops counting `pod`, on the node at `pos`, if the selector counts it.
    pub fn removed(&mut self, pod: &Pod, pos: usize) {
        if pod.is_terminating() || !self.selects(pod) {
            return;
        }
        self.shift(Some(pos), None);
    }

    /// Counts `pod`, just bound to the node at `pos`, if the selector counts it.
    pub fn bound(&mut self, pod: &Pod, pos: usize) {
        if pod.is_terminating() || !self.selects(pod) {
            return;
        }
        self.shift(None, Some(pos));
    }

    /// Moves one count from `from` to `to` (either may be none).
    fn shift(&mut self, from: Option<usize>, to: Option<usize>) {
        let counts = Rc::make_mut(&mut self.counts);
        if let Some(c) = from.and_then(|p| counts.get_mut(p)) {
            *c -= 1;
        }
        if let Some(c) = to.and_then(|p| counts.get_mut(p)) {
            *c += 1;
        }
    }
}

impl Cluster {
    /// The load on each node (in node-name order) from the pods bound to it, leaving
    /// out the pod with `except_uid`, and the images the nodes hold, built afresh
    /// (the explanations read it; the scheduling cycle reads the cache). The loads
    /// come from the pod store's per-node sums, not from the pods.
    pub(crate) fn node_infos(&self, except_uid: Option<&str>) -> (Vec<NodeInfo>, ImageTable) {
        let mut loads = self.pods.by_node().peekable();
        let mut infos: Vec<NodeInfo> = Vec::with_capacity(self.nodes.len());
        for (pos, (name, record)) in self.nodes.iter().enumerate() {
            let mut info = NodeInfo::for_node(&record.node);
            info.pos = pos;
            // Both are sorted by name: merge them rather than look each node up.
            while loads.next_if(|(n, _)| *n < &**name).is_some() {}
            if let Some((_, pods)) = loads.next_if(|(n, _)| *n == &**name) {
                info.set_load(&pods.load);
            }
            infos.push(info);
        }
        if let Some(uid) = except_uid
            && let Some(pod) = self.pods.iter().find(|p| p.metadata.uid == uid)
            && let Some(pos) = self.nodes.position(pod.spec.node_name.as_str())
        {
            infos[pos].remove(pod);
        }
        let images = self.image_table(&mut infos);
        (infos, images)
    }

    /// Image states, as the scheduler's snapshot keeps them for ImageLocality;
    /// sets each node info's images.
    fn image_table(&self, infos: &mut [NodeInfo]) -> ImageTable {
        let mut table = ImageTable {
            images: Vec::new(),
            total_nodes: infos.len(),
        };
        for (info, record) in infos.iter_mut().zip(self.nodes.values()) {
            info.images.clear();
            for image in &record.runtime.images {
                let id = match table.images.iter().position(|s| s.name == *image) {
                    Some(id) => id,
                    None => {
                        table.images.push(ImageState {
                            name: image.clone(),
                            size: crate::names::image_size(image),
                            nodes: 0,
                        });
                        table.images.len() - 1
                    }
                };
                table.images[id].nodes += 1;
                info.images.push(id);
            }
        }
        table
    }

    /// Moves the kept spreading counts with the pods that started, stopped or
    /// moved since the last pass; drops them all if a counted pod was relabelled.
    pub(crate) fn follow_count_changes(&mut self, changes: CountChanges) {
        let spreads = &mut self.scheduler_cache.spreads;
        if spreads.is_empty() {
            return;
        }
        if changes.relabelled {
            spreads.clear();
            return;
        }
        for change in &changes.moves {
            let pod = match &change.removed {
                Some(pod) => Some(&**pod),
                None => self.pods.get_seq(change.seq),
            };
            let Some(pod) = pod else {
                continue;
            };
            let from = change.from.as_deref().and_then(|n| self.nodes.position(n));
            let to = change.to.as_deref().and_then(|n| self.nodes.position(n));
            for spread in spreads.iter_mut().filter(|s| s.selects(pod)) {
                spread.shift(from, to);
            }
        }
    }

    /// Brings the cache up to date: rebuilt whole when nodes came or went,
    /// otherwise only the written nodes and the nodes whose pods changed are read
    /// again. The image table is rebuilt only when some node's images changed.
    /// Returns whether it was rebuilt whole (node positions may have moved).
    pub(crate) fn refresh_scheduler_cache(&mut self) -> bool {
        let loads = self.pods.take_load_changes();
        let touched = match self.nodes.take_changes() {
            NodeChanges::Reshaped => {
                let (infos, images) = self.node_infos(None);
                *self.scheduler_cache = SchedulerCache {
                    infos,
                    images,
                    spreads: Vec::new(),
                    nodes_changed: true,
                    unschedulable: std::mem::take(&mut self.scheduler_cache.unschedulable),
                    waiting_on_pods: std::mem::take(&mut self.scheduler_cache.waiting_on_pods),
                };
                return true;
            }
            NodeChanges::Touched(touched, runtime_touched) => (touched, runtime_touched),
        };
        let (touched, runtime_touched) = touched;
        if !touched.is_empty() {
            self.scheduler_cache.nodes_changed = true;
        }
        let mut cache = std::mem::take(&mut *self.scheduler_cache);
        let mut images_changed = false;
        for name in touched.iter() {
            let (Some(pos), Some(record)) = (self.nodes.position(name), self.nodes.get(name))
            else {
                continue;
            };
            let Some(cached) = cache.infos.get_mut(pos) else {
                continue;
            };
            let held = cached
                .images
                .iter()
                .map(|id| cache.images.images.get(*id).map(|s| &s.name));
            images_changed |= !held.eq(record.runtime.images.iter().map(Some));
            let images = std::mem::take(&mut cached.images);
            let mut info = NodeInfo::for_node(&record.node);
            info.pos = pos;
            info.images = images;
            if let Some(load) = self.pods.load_on(name) {
                info.set_load(load);
            }
            *cached = info;
        }
        let no_pods = PodLoad::default();
        for name in loads.iter().filter(|n| !touched.contains(n)) {
            let Some(pos) = self.nodes.position(name) else {
                continue;
            };
            if let Some(cached) = cache.infos.get_mut(pos) {
                cached.set_load(self.pods.load_on(name).unwrap_or(&no_pods));
            }
        }
        // A machine's own changes touch only its images.
        for name in runtime_touched.iter().filter(|n| !touched.contains(n)) {
            let (Some(pos), Some(record)) = (self.nodes.position(name), self.nodes.get(name))
            else {
                continue;
            };
            if let Some(cached) = cache.infos.get(pos) {
                let held = cached
                    .images
                    .iter()
                    .map(|id| cache.images.images.get(*id).map(|s| &s.name));
                images_changed |= !held.eq(record.runtime.images.iter().map(Some));
            }
        }
        if images_changed {
            cache.images = self.image_table(&mut cache.infos);
        }
        *self.scheduler_cache = cache;
        false
    }
}

#[cfg(test)]
impl Cluster {
    /// Refreshes the cache and checks it against a fresh build: what every
    /// scheduling pass would read, whatever happened before.
    pub(crate) fn assert_scheduler_cache_fresh(&mut self) {
        fn seen(infos: &[NodeInfo], table: &ImageTable) -> Vec<String> {
            infos
                .iter()
                .map(|i| {
                    let mut ports = i.used_ports.clone();
                    crate::sort::sort(&mut ports);
                    let images: Vec<&str> = i
                        .images
                        .iter()
                        .filter_map(|id| table.images.get(*id))
                        .map(|s| s.name.as_str())
                        .collect();
                    let shared: Vec<(&str, usize)> = i
                        .images
                        .iter()
                        .filter_map(|id| table.images.get(*id))
                        .map(|s| (s.name.as_str(), s.nodes))
                        .collect();
                    format!(
                        "{} {} {:?} {} {} {:?} {:?} {ports:?} {images:?} {shared:?} {}",
                        i.pos,
                        i.plain,
                        i.allocatable,
                        i.allowed_pods,
                        i.pods,
                        i.requested,
                        i.nonzero_requested,
                        table.total_nodes
                    )
                })
                .collect()
        }
        // As the next pass would see them: kept spreading counts follow the
        // changes first (on a copy: the real pass must still see the changes).
        let mut next = self.clone();
        if next.refresh_scheduler_cache() {
            next.scheduler_cache.spreads.clear();
        }
        let changes = next.pods.take_count_changes();
        next.follow_count_changes(changes);
        for spread in &next.scheduler_cache.spreads {
            let counted = next.count_matching(&spread.namespace, &spread.selector);
            assert_eq!(
                *spread.counts, counted,
                "spreading counts of {:?}",
                spread.selector
            );
        }
        self.refresh_scheduler_cache();
        let (infos, table) = self.node_infos(None);
        let cache = &self.scheduler_cache;
        assert_eq!(seen(&cache.infos, &cache.images), seen(&infos, &table));
    }
}

#[cfg(test)]
mod tests {
    use crate::cluster::Cluster;

    /// A pod bound to a node whose kubelet is down changes the node's load but
    /// not the node: the cache must still count it.
    #[test]
    fn a_bound_pod_counts_even_when_its_node_is_not_written() {
        let mut c = Cluster::tutorial();
        assert!(c.stop_kubelet("worker"));
        c.assert_scheduler_cache_fresh();
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx, resources: {requests: {cpu: 100m}}}]\n")
            .expect("applies");
        assert_eq!(
            c.pod("default", "p").map(|p| p.spec.node_name.as_str()),
            Some("worker")
        );
        c.assert_scheduler_cache_fresh();
        assert!(c.delete_pod("default", "p"));
        c.assert_scheduler_cache_fresh();
        // Bound by its own nodeName, past the scheduler.
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  nodeName: worker\n  containers: [{name: c, image: nginx, resources: {requests: {cpu: 100m}}}]\n")
            .expect("applies");
        c.assert_scheduler_cache_fresh();
    }

    /// A rollout in several passes (500 pods per ReplicaSet sync) keeps its
    /// spreading counts from pass to pass: they must stay what a fresh count
    /// gives, and the replicas spread evenly.
    #[test]
    fn spreading_counts_kept_between_passes_stay_exact() {
        let deployment = |replicas: u32| {
            format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: web}}\n  template:\n    metadata:\n      labels: {{app: web}}\n    spec:\n      containers: [{{name: c, image: nginx}}]\n"
            )
        };
        // Ten nodes of 110 pods each.
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        let mut c = Cluster::tutorial_nodes(&names);
        let per_node = |c: &Cluster| -> Vec<usize> {
            names
                .iter()
                .map(|n| c.pods().filter(|p| p.spec.node_name == *n).count())
                .collect()
        };
        c.apply(&deployment(1000)).expect("applies");
        c.assert_scheduler_cache_fresh();
        assert_eq!(per_node(&c), [100; 10]);
        // Scaled down and up again, with pods deleted in between.
        c.apply(&deployment(400)).expect("applies");
        c.advance(5);
        c.apply(&deployment(1050)).expect("applies");
        c.assert_scheduler_cache_fresh();
        let spread = per_node(&c);
        assert_eq!(spread.iter().sum::<usize>(), 1050);
        assert!(spread.iter().all(|n| (104..=106).contains(n)), "{spread:?}");
    }

    fn pod(name: &str, extra: &str) -> String {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers: [{{name: c, image: nginx, resources: {{requests: {{cpu: '3'}}}}}}]\n{extra}"
        )
    }

    fn node_of(c: &Cluster, name: &str) -> String {
        c.pod("default", name)
            .map(|p| p.spec.node_name.clone())
            .unwrap_or_default()
    }

    /// Models the scheduling queue: a pod that fits nowhere waits, untried, until
    /// a pod leaves a node, a node changes, or the pod itself is updated.
    #[test]
    fn an_unschedulable_pod_waits_for_an_event_that_may_make_room() {
        // One worker of 4 CPUs; the master is tainted.
        let mut c = Cluster::tutorial();
        c.apply(&pod("big", "")).expect("applies");
        c.apply(&pod("waits", "")).expect("applies");
        assert_eq!(node_of(&c, "big"), "worker");
        assert_eq!(node_of(&c, "waits"), "");
        let waiting = |c: &Cluster| c.scheduler_cache.unschedulable.len();
        assert_eq!(waiting(&c), 1);
        c.advance(120);
        assert_eq!(waiting(&c), 1, "nothing changed: not tried again");
        // Its own update (a toleration for the master's taint) moves it back.
        c.apply(&pod(
            "waits",
            "  tolerations: [{key: node-role.kubernetes.io/master, operator: Exists, effect: NoSchedule}]\n",
        ))
        .expect("applies");
        assert_eq!(node_of(&c, "waits"), "master");
        assert_eq!(waiting(&c), 0);
        // A third waits again, until a pod leaves the worker.
        c.apply(&pod("third", "")).expect("applies");
        assert_eq!(node_of(&c, "third"), "");
        assert!(c.delete_pod("default", "big"));
        assert_eq!(node_of(&c, "third"), "worker");
        // A fourth waits, until the master's taint goes (a Node update).
        c.apply(&pod("fourth", "")).expect("applies");
        assert_eq!(node_of(&c, "fourth"), "");
        assert!(c.update_node("master", |n| n.spec.taints.clear()));
        assert_eq!(waiting(&c), 1, "the master is full too: it waits again");
        let message = c
            .pod("default", "fourth")
            .and_then(|p| p.condition("PodScheduled"))
            .map(|c| c.message.clone())
            .unwrap_or_default();
        assert!(
            message.contains("2 Insufficient cpu"),
            "tried again: {message}"
        );
        c.assert_scheduler_cache_fresh();
    }
}
