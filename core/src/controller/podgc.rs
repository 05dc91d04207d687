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
        let orphans = self.pods.keys_where(|p| {
            expired.contains(&p.spec.node_name)
                && !self.nodes.contains_key(p.spec.node_name.as_str())
        });
        for key in &orphans {
            self.remove_pod(key);
        }
        true
    }
}
