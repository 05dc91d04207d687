//! The controllers' work queues, modelled as stamps. Upstream's controllers sync
//! an object when an informer event about it (or about its pods, or for a
//! DaemonSet about a node) puts its key in their queue. Here each controller
//! notes, for each object, a stamp of what its last sync that changed nothing
//! read; an object whose stamp is the same has nothing new to act on and is
//! skipped, so a round costs what changed rather than every object.

use crate::cluster::Cluster;
use crate::cluster::SyncStamps;

/// One controller's objects and how to sync them.
pub(crate) struct Queue<T, S> {
    /// The objects.
    pub objects: for<'a> fn(&'a Cluster) -> Vec<&'a T>,
    /// An object's UID.
    pub uid: fn(&T) -> &str,
    /// What a sync of the object reads, as a comparable stamp.
    pub stamp: fn(&Cluster, &T) -> S,
    /// Where the controller keeps its stamps.
    pub stamps: fn(&mut Cluster) -> &mut SyncStamps<S>,
    /// The sync itself; returns whether it changed anything.
    pub sync: fn(&mut Cluster, &T) -> bool,
}

impl<T: Clone, S: PartialEq> Queue<T, S> {
    /// Syncs every object whose stamp moved since its last idle sync; returns
    /// whether any sync changed something. A sync that changed something leaves
    /// no stamp, so the next round syncs the object again and sees it settle.
    pub fn run(&self, cluster: &mut Cluster) -> bool {
        let mut seen = std::mem::take(&mut **(self.stamps)(cluster));
        // Only the objects due are copied (a sync writes the cluster): the loops
        // run at every timer, and most of the time nothing is due.
        let objects = (self.objects)(cluster);
        let count = objects.len();
        let due: Vec<T> = objects
            .into_iter()
            .filter(|o| seen.get((self.uid)(o)) != Some(&(self.stamp)(cluster, o)))
            .cloned()
            .collect();
        let mut changed = false;
        for object in &due {
            let uid = (self.uid)(object);
            if (self.sync)(cluster, object) {
                changed = true;
                seen.remove(uid);
            } else {
                seen.insert(uid.to_string(), (self.stamp)(cluster, object));
            }
        }
        // Forget the objects that are gone.
        if seen.len() > count {
            let mut live: Vec<&str> = (self.objects)(cluster)
                .into_iter()
                .map(|o| (self.uid)(o))
                .collect();
            crate::sort::sort(&mut live);
            seen.retain(|uid, _| live.binary_search(&uid.as_str()).is_ok());
        }
        **(self.stamps)(cluster) = seen;
        changed
    }
}
