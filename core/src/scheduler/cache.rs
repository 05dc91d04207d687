//! The scheduler's cache and snapshot (`pkg/scheduler/backend/cache`): one
//! [`NodeInfo`] per node, in node-name order, and the image states, kept from one
//! scheduling pass to the next and brought up to date only for the nodes that
//! changed (written, or a pod bound to them or removed from them), as upstream's
//! `UpdateSnapshot` copies only the node infos whose generation moved.

use super::node_info::{ImageState, ImageTable, NodeInfo, PodLoad};
use crate::cluster::Cluster;
use crate::cluster::NodeChanges;

/// The node infos and image states the scheduling cycle reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct SchedulerCache {
    /// One per node, in node-name order.
    pub infos: Vec<NodeInfo>,
    /// The images the nodes hold.
    pub images: ImageTable,
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

    /// Brings the cache up to date: rebuilt whole when nodes came or went,
    /// otherwise only the written nodes and the nodes whose pods changed are read
    /// again. The image table is rebuilt only when some node's images changed.
    pub(crate) fn refresh_scheduler_cache(&mut self) {
        let loads = self.pods.take_load_changes();
        let touched = match self.nodes.take_changes() {
            NodeChanges::Reshaped => {
                let (infos, images) = self.node_infos(None);
                self.scheduler_cache = SchedulerCache { infos, images };
                return;
            }
            NodeChanges::Touched(touched) => touched,
        };
        let mut cache = std::mem::take(&mut self.scheduler_cache);
        let mut images_changed = false;
        for name in &touched {
            let (Some(pos), Some(record)) = (self.nodes.position(name), self.nodes.get(name)) else {
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
        for name in loads.iter().filter(|n| !touched.contains(*n)) {
            let Some(pos) = self.nodes.position(name) else {
                continue;
            };
            if let Some(cached) = cache.infos.get_mut(pos) {
                cached.set_load(self.pods.load_on(name).unwrap_or(&no_pods));
            }
        }
        if images_changed {
            cache.images = self.image_table(&mut cache.infos);
        }
        self.scheduler_cache = cache;
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
}
