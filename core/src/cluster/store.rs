//! The pod store: pods in arrival order, with an index by `namespace/name`.

use super::key;
use crate::api::Pod;
use crate::shared::Shared;
use crate::sorted_map::SortedMap;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Pods in arrival order (the scheduler's queue order at equal priority).
///
/// Pods are [`Shared`] and keys reference-counted, so copying the store (as every
/// apply does) copies no pod and no name.
/// The key index is a B-tree: controller-made names arrive in random order, and a
/// sorted vector would move half the index on every insert.
#[derive(Debug, Clone, Default)]
pub struct PodStore {
    by_seq: SortedMap<u64, Shared<Pod>>,
    by_key: BTreeMap<Rc<str>, u64>,
    next_seq: u64,
}

impl PodStore {
    /// Adds a pod (its namespace must be set). Replaces a pod with the same key.
    pub fn insert(&mut self, pod: Pod) {
        let k = key(&pod.metadata.namespace, &pod.metadata.name);
        if let Some(seq) = self.by_key.get(k.as_str()) {
            self.by_seq.insert(*seq, Shared::new(pod));
            return;
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.by_key.insert(Rc::from(k), seq);
        self.by_seq.insert(seq, Shared::new(pod));
    }

    /// Removes the pod with `key` and returns it.
    pub fn remove(&mut self, key: &str) -> Option<Pod> {
        let seq = self.by_key.remove(key)?;
        self.by_seq.remove(&seq).map(Shared::into_inner)
    }

    /// The pod with `key`.
    pub fn get(&self, key: &str) -> Option<&Pod> {
        self.by_key
            .get(key)
            .and_then(|seq| self.by_seq.get(seq))
            .map(|p| &**p)
    }

    /// The pod with `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Pod> {
        let seq = self.by_key.get(key)?;
        self.by_seq.get_mut(seq).map(|p| &mut **p)
    }

    /// All pods in arrival order, with their arrival numbers (stable handles that
    /// are cheaper to look up than keys).
    pub fn iter_seq(&self) -> impl Iterator<Item = (u64, &Pod)> {
        self.by_seq.iter().map(|(seq, p)| (*seq, &**p))
    }

    /// The pod with arrival number `seq`.
    pub fn get_seq(&self, seq: u64) -> Option<&Pod> {
        self.by_seq.get(&seq).map(|p| &**p)
    }

    /// The pod with arrival number `seq`, mutably.
    pub fn get_mut_seq(&mut self, seq: u64) -> Option<&mut Pod> {
        self.by_seq.get_mut(&seq).map(|p| &mut **p)
    }

    /// All pods in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = &Pod> {
        self.by_seq.values().map(|p| &**p)
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
