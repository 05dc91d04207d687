//! The pod store: pods in arrival order, with an index by `namespace/name`.

use super::key;
use crate::api::Pod;
use crate::table::Table;

/// Pods in arrival order (the scheduler's queue order at equal priority).
#[derive(Debug, Clone, Default)]
pub struct PodStore {
    by_seq: Table<u64, Pod>,
    by_key: Table<String, u64>,
    next_seq: u64,
}

impl PodStore {
    /// Adds a pod (its namespace must be set). Replaces a pod with the same key.
    pub fn insert(&mut self, pod: Pod) {
        let k = key(&pod.metadata.namespace, &pod.metadata.name);
        if let Some(seq) = self.by_key.get(&k) {
            self.by_seq.insert(*seq, pod);
            return;
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.by_key.insert(k, seq);
        self.by_seq.insert(seq, pod);
    }

    /// Removes the pod with `key` and returns it.
    pub fn remove(&mut self, key: &str) -> Option<Pod> {
        let seq = self.by_key.remove(key)?;
        self.by_seq.remove(&seq)
    }

    /// The pod with `key`.
    pub fn get(&self, key: &str) -> Option<&Pod> {
        self.by_key.get(key).and_then(|seq| self.by_seq.get(seq))
    }

    /// The pod with `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Pod> {
        let seq = self.by_key.get(key)?;
        self.by_seq.get_mut(seq)
    }

    /// All pods in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = &Pod> {
        self.by_seq.values()
    }

    /// All pods in arrival order, mutably.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Pod> {
        self.by_seq.values_mut()
    }

    /// Keys of the pods matching `f`, in arrival order.
    pub fn keys_where(&self, f: impl Fn(&Pod) -> bool) -> Vec<String> {
        self.by_seq
            .values()
            .filter(|p| f(p))
            .map(|p| key(&p.metadata.namespace, &p.metadata.name))
            .collect()
    }

    /// How many pods there are.
    pub fn len(&self) -> usize {
        self.by_seq.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_seq.is_empty()
    }
}
