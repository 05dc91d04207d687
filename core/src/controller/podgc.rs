//! The pod garbage collector (`pkg/controller/podgc/gc_controller.go`): only its
//! orphan pass, which removes the pods of deleted nodes.

use crate::cluster::Cluster;

/// PodGC waits this long before deleting pods of a node that is gone (`quarantineTime`).
pub(crate) const QUARANTINE_MILLIS: u64 = 40_000;

impl Cluster {
    /// Models `pkg/controller/podgc: gcOrphaned`: pods bound to a node that has been
    /// gone for the quarantine period are deleted.
    pub(crate) fn collect_orphaned_pods(&mut self) -> bool {
        let now = self.now;
        let expired: Vec<String> = self
            .deleted_nodes
            .iter()
            .filter(|(_, t)| t.plus_millis(QUARANTINE_MILLIS) <= now)
            .map(|(n, _)| n.clone())
            .collect();
        if expired.is_empty() {
            return false;
        }
        self.deleted_nodes.retain(|n, _| !expired.contains(n));
        // The pods bound to the expired nodes, from the store's index, in arrival order.
        let mut seqs: Vec<u64> = expired
            .iter()
            .filter(|n| !self.nodes.contains_key(n.as_str()))
            .flat_map(|n| self.pods.on_node(n))
            .collect();
        crate::sort::sort(&mut seqs);
        let orphans: Vec<String> = seqs
            .into_iter()
            .filter_map(|seq| self.pods.get_seq(seq))
            .map(crate::cluster::pod_key)
            .collect();
        for key in &orphans {
            self.remove_pod(key);
        }
        true
    }
}
