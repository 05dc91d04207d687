//! The pod store: pods in arrival order, with an index by `namespace/name` and the
//! indexes the control loops read instead of scanning every pod (upstream's
//! informer indexers): pods by controlling owner, pods and their summed requests
//! by node, pods by namespace, the scheduler's pending pods and the kubelets' work.
//!
//! Every write goes through the store ([`PodStore::insert`], [`PodStore::remove`],
//! or a [`PodMut`] from [`PodStore::get_mut`]), which brings the indexes up to date
//! as the write ends, so they can never disagree with the pods.

use super::key;
use crate::api::Pod;
use crate::scheduler::affinity_term::has_pod_affinity;
use crate::scheduler::node_info::Contribution;
use crate::scheduler::node_info::PodLoad;
use crate::shared::Shared;
use crate::sorted_map::SortedMap;
use crate::unseen::Unseen;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::ops::Deref;
use std::ops::DerefMut;
use std::rc::Rc;

/// Pods in arrival order (the scheduler's queue order at equal priority).
///
/// Pods are [`Shared`] and keys reference-counted, so copying the store (as every
/// apply does) copies no pod and no name.
/// The key index is a B-tree: controller-made names arrive in random order, and a
/// sorted vector would move half the index on every insert.
#[derive(Debug, Clone, Default)]
pub struct PodStore {
    by_seq: SortedMap<u64, Slot>,
    by_key: BTreeMap<Rc<str>, u64>,
    next_seq: u64,
    index: Index,
}

/// A pod and what the indexes hold of it.
#[derive(Debug, Clone)]
struct Slot {
    pod: Shared<Pod>,
    facts: Facts,
}

/// What the indexes know of one pod, as of its last write.
#[derive(Debug, Clone, Default)]
struct Facts {
    /// The pod's UID.
    uid: Option<Rc<str>>,
    /// The controlling owner's UID.
    owner: Option<Rc<str>>,
    /// The node it is bound to, and what it adds to that node's load while it
    /// is not terminal (a Succeeded or Failed pod holds nothing there).
    node: Option<(Rc<str>, Option<Contribution>)>,
    /// Unbound and not terminating: the scheduler's work.
    pending: bool,
    /// Bound and either terminating or not yet admitted: its kubelet's work.
    kubelet: bool,
    /// Whether it is a kubelet's mirror of a static pod.
    mirror: bool,
    /// Bound, with pod affinity or anti-affinity: InterPodAffinity reads it
    /// for every pod it schedules.
    with_affinity: bool,
    /// The node it counts on for spreading: bound and not terminating.
    counted: Option<Rc<str>>,
    /// A hash of its namespace and labels, to notice a change of either.
    labels: u64,
    /// Its namespace, as the namespace index holds it.
    namespace: Option<Rc<str>>,
}

/// A pod that started or stopped counting on a node for spreading (bound and not
/// terminating), or moved: what the scheduler's spreading counts must follow.
#[derive(Debug, Clone)]
pub struct CountChange {
    /// The pod's arrival number.
    pub seq: u64,
    /// Where it counted before, if anywhere.
    pub from: Option<Rc<str>>,
    /// Where it counts now, if anywhere.
    pub to: Option<Rc<str>>,
    /// The pod itself, when it left the store.
    pub removed: Option<Shared<Pod>>,
}

/// Changes to what counts for spreading since the scheduler last looked.
#[derive(Debug, Clone, Default)]
pub struct CountChanges {
    /// Pods that started, stopped or moved.
    pub moves: Vec<CountChange>,
    /// Whether a counted pod's labels or namespace changed: every count may be off.
    pub relabelled: bool,
}

/// A hash of a pod's namespace and labels.
fn labels_hash(pod: &Pod) -> u64 {
    use std::hash::Hash;
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    pod.metadata.namespace.hash(&mut hasher);
    pod.metadata.labels.hash(&mut hasher);
    hasher.finish()
}

/// The pods bound to one node and their summed load.
#[derive(Debug, Clone, Default)]
pub struct NodePods {
    /// Arrival numbers of the pods bound to the node.
    pub seqs: BTreeSet<u64>,
    /// What they request, as the scheduler's `NodeInfo` counts it.
    pub load: PodLoad,
}

#[derive(Debug, Clone, Default)]
struct Index {
    by_uid: BTreeMap<Rc<str>, u64>,
    by_owner: BTreeMap<Rc<str>, BTreeSet<u64>>,

    by_node: BTreeMap<Rc<str>, NodePods>,
    pending: BTreeSet<u64>,
    kubelet: BTreeSet<u64>,
    mirrors: BTreeSet<u64>,
    /// Bound pods with pod affinity or anti-affinity (upstream's
    /// `NodeInfo.PodsWithAffinity`, over every node).
    with_affinity: BTreeSet<u64>,
    /// Pods by namespace (the disruption controller lists a budget's pods here).
    by_namespace: BTreeMap<Rc<str>, BTreeSet<u64>>,
    /// Notes of the writes, for those who follow them.
    notes: Unseen<Notes>,
}

/// What the store notes of its writes.
#[derive(Debug, Clone, Default)]
struct Notes {
    /// For each owner with pods, the number of the last write to one of them
    /// (`writes` at the time): a controller that synced after it has nothing new
    /// to see in its pods.
    owner_writes: BTreeMap<Rc<str>, u64>,
    /// Writes so far.
    writes: u64,
    /// For each namespace with pods, the number of the last write to one of them.
    namespace_writes: BTreeMap<Rc<str>, u64>,
    /// Nodes whose pods changed since [`PodStore::take_load_changes`].
    load_touched: super::name_notes::NameNotes,
    /// Spreading changes since [`PodStore::take_count_changes`].
    counts: CountChanges,
    /// Whether a pod left a node since [`PodStore::take_queue_events`].
    freed: bool,
    /// Pending pods written since then.
    pending_written: BTreeSet<u64>,
}

/// What the scheduling queue hears of the pods since it last looked.
#[derive(Debug, Default)]
pub struct QueueEvents {
    /// A pod left a node (deleted or unbound): room may have been made.
    pub freed: bool,
    /// Pending pods that were written (created or updated).
    pub written: BTreeSet<u64>,
}

/// Whether the pod finished (Succeeded or Failed): it holds no resources.
fn is_terminal(pod: &Pod) -> bool {
    pod.status.phase == "Succeeded" || pod.status.phase == "Failed"
}

/// Whether a bound pod still waits for its kubelet: to admit it (Pending, never
/// started) or to stop it (terminating).
fn kubelet_work(pod: &Pod) -> bool {
    !pod.spec.node_name.is_empty()
        && (pod.is_terminating()
            || (pod.status.start_time.is_none() && pod.status.phase == "Pending"))
}

impl Index {
    /// Brings the indexes from `facts` to what `pod` is now, and updates `facts`.
    fn update(&mut self, seq: u64, pod: &Pod, facts: &mut Facts) {
        self.notes.writes += 1;
        let uid = pod.metadata.uid.as_str();
        if facts.uid.as_deref() != Some(uid) {
            if let Some(old) = facts.uid.take()
                && self.by_uid.get(&*old) == Some(&seq)
            {
                self.by_uid.remove(&*old);
            }
            let uid: Rc<str> = Rc::from(uid);
            self.by_uid.insert(Rc::clone(&uid), seq);
            facts.uid = Some(uid);
        }
        let owner = pod.metadata.controller_of().map(|r| r.uid.as_str());
        if owner != facts.owner.as_deref() {
            if let Some(old) = facts.owner.take() {
                self.disown(&old, seq);
            }
            if let Some(new) = owner {
                let new: Rc<str> = Rc::from(new);
                self.by_owner
                    .entry(Rc::clone(&new))
                    .or_default()
                    .insert(seq);
                facts.owner = Some(new);
            }
        }
        if let Some(owner) = &facts.owner {
            let writes = self.notes.writes;
            match self.notes.owner_writes.get_mut(&**owner) {
                Some(at) => *at = writes,
                None => {
                    self.notes.owner_writes.insert(Rc::clone(owner), writes);
                }
            }
        }
        self.note_namespace(seq, &pod.metadata.namespace, facts);
        let node = pod.spec.node_name.as_str();
        // The scheduler's pod informer leaves out Succeeded and Failed pods
        // (`status.phase!=Succeeded,status.phase!=Failed`), and the kubelet's
        // admission counts only active pods (`filterOutInactivePods`): a terminal
        // pod stays on its node's list but takes nothing from the node's load.
        let terminal = is_terminal(pod);
        if facts.node.as_ref().map_or("", |(n, _)| &**n) != node {
            if let Some((old, contribution)) = facts.node.take() {
                self.unbind(seq, old, contribution.as_ref());
            }
            if !node.is_empty() {
                // The node's name is shared with its entry when there is one.
                let name: Rc<str> = match self.by_node.get_key_value(node) {
                    Some((known, _)) => Rc::clone(known),
                    None => Rc::from(node),
                };
                let contribution = (!terminal).then(|| Contribution::of(pod));
                let entry = self.by_node.entry(Rc::clone(&name)).or_default();
                entry.seqs.insert(seq);
                if let Some(c) = &contribution {
                    entry.load.add(c);
                }
                self.notes.load_touched.note(&name);
                facts.node = Some((name, contribution));
            }
        } else if let Some((name, contribution)) = &mut facts.node
            && terminal == contribution.is_some()
        {
            // The pod finished on the node it stays bound to (or, written back
            // as it was, is active again).
            if let Some(entry) = self.by_node.get_mut(&**name) {
                match contribution.take() {
                    Some(c) => {
                        entry.load.remove(&c);
                        self.notes.freed = true;
                    }
                    None => {
                        let c = Contribution::of(pod);
                        entry.load.add(&c);
                        *contribution = Some(c);
                    }
                }
            }
            self.notes.load_touched.note(name);
        }
        let counted = match &facts.node {
            Some((name, _)) if !pod.is_terminating() && !terminal => Some(name),
            _ => None,
        };
        if counted.map(|n| &**n) != facts.counted.as_deref() {
            let to = counted.cloned();
            self.notes.counts.moves.push(CountChange {
                seq,
                from: facts.counted.take(),
                to: to.clone(),
                removed: None,
            });
            // Only a counted pod's labels matter to the counts.
            if to.is_some() {
                facts.labels = labels_hash(pod);
            }
            facts.counted = to;
        } else if facts.counted.is_some() {
            let labels = labels_hash(pod);
            if labels != facts.labels {
                self.notes.counts.relabelled = true;
                facts.labels = labels;
            }
        }
        let pending = node.is_empty() && !pod.is_terminating();
        if pending {
            self.notes.pending_written.insert(seq);
        }
        if pending != facts.pending {
            set_member(&mut self.pending, seq, pending);
            facts.pending = pending;
        }
        let mirror = pod.is_mirror();
        if mirror != facts.mirror {
            set_member(&mut self.mirrors, seq, mirror);
            facts.mirror = mirror;
        }
        let kubelet = kubelet_work(pod);
        if kubelet != facts.kubelet {
            set_member(&mut self.kubelet, seq, kubelet);
            facts.kubelet = kubelet;
        }
        let with_affinity = facts.node.is_some() && has_pod_affinity(pod);
        if with_affinity != facts.with_affinity {
            set_member(&mut self.with_affinity, seq, with_affinity);
            facts.with_affinity = with_affinity;
        }
    }

    /// Keeps the pod in its namespace's set, and notes the write there.
    fn note_namespace(&mut self, seq: u64, namespace: &str, facts: &mut Facts) {
        if facts.namespace.as_deref() != Some(namespace) {
            if let Some(old) = facts.namespace.take() {
                remove_from(&mut self.by_namespace, &old, seq);
            }
            let name: Rc<str> = match self.by_namespace.get_key_value(namespace) {
                Some((known, _)) => Rc::clone(known),
                None => Rc::from(namespace),
            };
            self.by_namespace
                .entry(Rc::clone(&name))
                .or_default()
                .insert(seq);
            facts.namespace = Some(name);
        }
        if let Some(name) = &facts.namespace {
            let writes = self.notes.writes;
            match self.notes.namespace_writes.get_mut(&**name) {
                Some(at) => *at = writes,
                None => {
                    self.notes.namespace_writes.insert(Rc::clone(name), writes);
                }
            }
        }
    }

    /// Forgets a pod that leaves the store.
    fn forget(&mut self, seq: u64, facts: Facts, pod: &Shared<Pod>) {
        if let Some(from) = facts.counted {
            self.notes.counts.moves.push(CountChange {
                seq,
                from: Some(from),
                to: None,
                removed: Some(pod.clone()),
            });
        }
        if let Some(uid) = facts.uid
            && self.by_uid.get(&*uid) == Some(&seq)
        {
            self.by_uid.remove(&*uid);
        }
        self.notes.writes += 1;
        if let Some(owner) = facts.owner {
            self.disown(&owner, seq);
        }
        if let Some(namespace) = facts.namespace {
            remove_from(&mut self.by_namespace, &namespace, seq);
            let writes = self.notes.writes;
            if let Some(at) = self.notes.namespace_writes.get_mut(&*namespace) {
                *at = writes;
            }
        }
        if let Some((node, contribution)) = facts.node {
            self.unbind(seq, node, contribution.as_ref());
        }
        self.pending.remove(&seq);
        self.kubelet.remove(&seq);
        self.mirrors.remove(&seq);
        self.with_affinity.remove(&seq);
    }

    /// Takes a pod off its owner's list; the owner hears of it.
    fn disown(&mut self, owner: &str, seq: u64) {
        remove_from(&mut self.by_owner, owner, seq);
        if self.by_owner.contains_key(owner) {
            let writes = self.notes.writes;
            if let Some(at) = self.notes.owner_writes.get_mut(owner) {
                *at = writes;
            }
        } else {
            // No pods left: forgotten, so the owner reads 0, unlike any write.
            self.notes.owner_writes.remove(owner);
        }
    }

    /// Takes a pod off the node it was bound to.
    fn unbind(&mut self, seq: u64, node: Rc<str>, contribution: Option<&Contribution>) {
        self.notes.freed = true;
        if let Some(entry) = self.by_node.get_mut(&*node) {
            entry.seqs.remove(&seq);
            if let Some(c) = contribution {
                entry.load.remove(c);
            }
            if entry.seqs.is_empty() {
                self.by_node.remove(&*node);
            }
        }
        self.notes.load_touched.note(&node);
    }
}

fn set_member(set: &mut BTreeSet<u64>, seq: u64, member: bool) {
    if member {
        set.insert(seq);
    } else {
        set.remove(&seq);
    }
}

fn remove_from(map: &mut BTreeMap<Rc<str>, BTreeSet<u64>>, key: &str, seq: u64) {
    if let Some(set) = map.get_mut(key) {
        set.remove(&seq);
        if set.is_empty() {
            map.remove(key);
        }
    }
}

/// A pod being written: it derefs to the pod, and when it goes out of scope the
/// store's indexes catch up with whatever was changed.
pub struct PodMut<'a> {
    slot: &'a mut Slot,
    index: &'a mut Index,
    seq: u64,
}

impl Deref for PodMut<'_> {
    type Target = Pod;

    fn deref(&self) -> &Pod {
        &self.slot.pod
    }
}

impl DerefMut for PodMut<'_> {
    fn deref_mut(&mut self) -> &mut Pod {
        &mut self.slot.pod
    }
}

impl Drop for PodMut<'_> {
    fn drop(&mut self) {
        self.index
            .update(self.seq, &self.slot.pod, &mut self.slot.facts);
    }
}

impl PodStore {
    /// Adds a pod (its namespace must be set). Replaces a pod with the same key.
    pub fn insert(&mut self, pod: Pod) {
        let k = key(&pod.metadata.namespace, &pod.metadata.name);
        if let Some(seq) = self.by_key.get(k.as_str()).copied() {
            if let Some(mut slot) = self.by_seq.remove(&seq) {
                // Forget the old pod entirely: the new one may differ in anything.
                self.index
                    .forget(seq, std::mem::take(&mut slot.facts), &slot.pod);
            }
            self.put(seq, pod);
            return;
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.by_key.insert(Rc::from(k), seq);
        self.put(seq, pod);
    }

    fn put(&mut self, seq: u64, pod: Pod) {
        let mut facts = Facts::default();
        self.index.update(seq, &pod, &mut facts);
        self.by_seq.insert(
            seq,
            Slot {
                pod: Shared::new(pod),
                facts,
            },
        );
    }

    /// Removes the pod with `key` and returns it.
    pub fn remove(&mut self, key: &str) -> Option<Pod> {
        let seq = self.by_key.remove(key)?;
        let slot = self.by_seq.remove(&seq)?;
        self.index.forget(seq, slot.facts, &slot.pod);
        Some(slot.pod.into_inner())
    }

    /// The pod with `key`.
    pub fn get(&self, key: &str) -> Option<&Pod> {
        self.by_key
            .get(key)
            .and_then(|seq| self.by_seq.get(seq))
            .map(|s| &*s.pod)
    }

    /// The pod with `key`, to write.
    pub fn get_mut(&mut self, key: &str) -> Option<PodMut<'_>> {
        let seq = *self.by_key.get(key)?;
        self.get_mut_seq(seq)
    }

    /// The arrival number of the pod with `key`.
    pub fn seq_of(&self, key: &str) -> Option<u64> {
        self.by_key.get(key).copied()
    }

    /// All pods in arrival order, with their arrival numbers (stable handles that
    /// are cheaper to look up than keys).
    pub fn iter_seq(&self) -> impl Iterator<Item = (u64, &Pod)> {
        self.by_seq.iter().map(|(seq, s)| (*seq, &*s.pod))
    }

    /// The pod with arrival number `seq`.
    pub fn get_seq(&self, seq: u64) -> Option<&Pod> {
        self.by_seq.get(&seq).map(|s| &*s.pod)
    }

    /// The pod with arrival number `seq`, to write.
    pub fn get_mut_seq(&mut self, seq: u64) -> Option<PodMut<'_>> {
        // The slot and the indexes are separate fields: both are borrowed for
        // the write, so the guard needs no lookup when it ends.
        let slot = self.by_seq.get_mut(&seq)?;
        Some(PodMut {
            slot,
            index: &mut self.index,
            seq,
        })
    }

    /// All pods in arrival order.
    pub fn iter(&self) -> impl Iterator<Item = &Pod> {
        self.by_seq.values().map(|s| &*s.pod)
    }

    /// Keys of the pods matching `f`, in arrival order.
    pub fn keys_where(&self, f: impl Fn(&Pod) -> bool) -> Vec<String> {
        self.by_seq
            .values()
            .filter(|s| f(&s.pod))
            .map(|s| key(&s.pod.metadata.namespace, &s.pod.metadata.name))
            .collect()
    }

    /// The arrival number of the pod with `uid`.
    pub fn seq_of_uid(&self, uid: &str) -> Option<u64> {
        self.index.by_uid.get(uid).copied()
    }

    /// The number of the last write to a pod that the owner with `uid` controls
    /// (0 when it controls none): unchanged, nothing changed in its pods.
    pub fn owner_written(&self, uid: &str) -> u64 {
        self.index.notes.owner_writes.get(uid).copied().unwrap_or(0)
    }

    /// The number of the last write to a pod in `namespace`: unchanged, nothing
    /// changed among its pods (a namespace that never held one reads 0).
    pub fn namespace_written(&self, namespace: &str) -> u64 {
        self.index
            .notes
            .namespace_writes
            .get(namespace)
            .copied()
            .unwrap_or(0)
    }

    /// Arrival numbers of the pods in `namespace`, in arrival order.
    pub fn in_namespace(&self, namespace: &str) -> impl Iterator<Item = u64> + '_ {
        self.index
            .by_namespace
            .get(namespace)
            .into_iter()
            .flatten()
            .copied()
    }

    /// How many pods `namespace` holds.
    pub fn namespace_len(&self, namespace: &str) -> usize {
        self.index
            .by_namespace
            .get(namespace)
            .map_or(0, BTreeSet::len)
    }

    /// Arrival numbers of the pods whose controlling owner has `uid`, in arrival order.
    pub fn owned_by(&self, uid: &str) -> impl Iterator<Item = u64> + '_ {
        self.index.by_owner.get(uid).into_iter().flatten().copied()
    }

    /// Arrival numbers of the pods bound to `node`, in arrival order.
    pub fn on_node<'s>(&'s self, node: &str) -> impl Iterator<Item = u64> + use<'s> {
        self.index
            .by_node
            .get(node)
            .into_iter()
            .flat_map(|n| n.seqs.iter().copied())
    }

    /// The pods bound to each node that has any, by node name.
    pub fn by_node(&self) -> impl Iterator<Item = (&str, &NodePods)> {
        self.index.by_node.iter().map(|(n, p)| (&**n, p))
    }

    /// Arrival numbers of the unbound pods that are not terminating: the
    /// scheduler's queue, in arrival order.
    pub fn pending(&self) -> impl Iterator<Item = u64> + '_ {
        self.index.pending.iter().copied()
    }

    /// Arrival numbers of the bound pods with pod affinity or anti-affinity.
    pub fn with_affinity(&self) -> impl Iterator<Item = u64> + '_ {
        self.index.with_affinity.iter().copied()
    }

    /// Arrival numbers of the mirror pods, in arrival order.
    pub fn mirrors(&self) -> impl Iterator<Item = u64> + '_ {
        self.index.mirrors.iter().copied()
    }

    /// Arrival numbers of the bound pods their kubelet has yet to admit or to
    /// stop, in arrival order.
    pub fn kubelet_work(&self) -> impl Iterator<Item = u64> + '_ {
        self.index.kubelet.iter().copied()
    }

    /// The arrival number the next new pod gets.
    pub(super) fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Takes back arrival numbers handed out since `next_seq` was read: every pod
    /// that got one must already be removed (a refused apply's pods).
    pub(super) fn rewind_seq(&mut self, next_seq: u64) {
        if self.by_seq.last_key().is_none_or(|s| *s < next_seq) {
            self.next_seq = next_seq;
        }
    }

    /// The load of the pods bound to `node`, if any are.
    pub fn load_on(&self, node: &str) -> Option<&PodLoad> {
        self.index.by_node.get(node).map(|n| &n.load)
    }

    /// The nodes whose pods changed since the last call, and forgets them.
    pub(crate) fn take_load_changes(&mut self) -> super::name_notes::SortedNames {
        self.index.notes.load_touched.take_sorted()
    }

    /// What the scheduling queue should hear of since the last call, and forgets it.
    pub(crate) fn take_queue_events(&mut self) -> QueueEvents {
        QueueEvents {
            freed: std::mem::take(&mut self.index.notes.freed),
            written: std::mem::take(&mut self.index.notes.pending_written),
        }
    }

    /// The spreading changes since the last call, and forgets them.
    pub(crate) fn take_count_changes(&mut self) -> CountChanges {
        std::mem::take(&mut self.index.notes.counts)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::OwnerReference;

    fn pod(name: &str) -> Pod {
        let mut pod = Pod::default();
        pod.metadata.name = name.to_string();
        pod.metadata.namespace = "default".to_string();
        pod.status.phase = "Pending".to_string();
        pod
    }

    /// Pending pods, the kubelets' work, pods by node and pods by namespace.
    type Seen = (
        Vec<u64>,
        Vec<u64>,
        Vec<(String, Vec<u64>)>,
        Vec<(String, Vec<u64>)>,
    );

    /// The indexes as a scan of every pod would find them.
    fn scanned(store: &PodStore) -> Seen {
        let pending = store
            .iter_seq()
            .filter(|(_, p)| p.spec.node_name.is_empty() && !p.is_terminating())
            .map(|(s, _)| s)
            .collect();
        let kubelet = store
            .iter_seq()
            .filter(|(_, p)| kubelet_work(p))
            .map(|(s, _)| s)
            .collect();
        let mut nodes: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for (s, p) in store.iter_seq() {
            if !p.spec.node_name.is_empty() {
                nodes.entry(p.spec.node_name.clone()).or_default().push(s);
            }
        }
        let mut namespaces: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for (s, p) in store.iter_seq() {
            namespaces
                .entry(p.metadata.namespace.clone())
                .or_default()
                .push(s);
        }
        (
            pending,
            kubelet,
            nodes.into_iter().collect(),
            namespaces.into_iter().collect(),
        )
    }

    fn indexed(store: &PodStore) -> Seen {
        (
            store.pending().collect(),
            store.kubelet_work().collect(),
            store
                .by_node()
                .map(|(n, p)| (n.to_string(), p.seqs.iter().copied().collect()))
                .collect(),
            store
                .index
                .by_namespace
                .keys()
                .map(|n| (n.to_string(), store.in_namespace(n).collect()))
                .collect(),
        )
    }

    #[test]
    fn indexes_follow_every_kind_of_write() {
        let mut store = PodStore::default();
        for i in 0..6 {
            let mut p = pod(&format!("p{i}"));
            if i % 2 == 0 {
                p.metadata.owner_references = vec![OwnerReference::controller(
                    "apps/v1",
                    "ReplicaSet",
                    "rs",
                    "uid-1",
                )];
            }
            store.insert(p);
        }
        assert_eq!(indexed(&store), scanned(&store));
        assert_eq!(store.owned_by("uid-1").collect::<Vec<_>>(), [0, 2, 4]);

        // Bind two pods, start one, terminate another.
        for (name, node) in [("p1", "a"), ("p2", "b")] {
            if let Some(mut p) = store.get_mut(&format!("default/{name}")) {
                p.spec.node_name = node.to_string();
            }
        }
        assert_eq!(indexed(&store), scanned(&store));
        if let Some(mut p) = store.get_mut("default/p1") {
            p.status.start_time = Some(crate::clock::Time::ZERO);
        }
        if let Some(mut p) = store.get_mut("default/p2") {
            p.metadata.deleted = Some(crate::clock::Time::ZERO);
        }
        assert_eq!(indexed(&store), scanned(&store));

        // Orphan one, replace one with a bound copy, remove one.
        if let Some(mut p) = store.get_mut("default/p4") {
            p.metadata.owner_references.clear();
        }
        let mut bound = pod("p0");
        bound.spec.node_name = "a".to_string();
        store.insert(bound);
        store.remove("default/p3");
        assert_eq!(indexed(&store), scanned(&store));
        assert_eq!(store.owned_by("uid-1").collect::<Vec<_>>(), [2]);
        assert_eq!(store.on_node("a").collect::<Vec<_>>(), [0, 1]);
        let load = &store.by_node().next().map(|(_, p)| p.load.clone());
        assert_eq!(load.as_ref().map(|l| l.pods), Some(2));

        // A copy is independent, as a refused apply needs.
        let copy = store.clone();
        store.remove("default/p1");
        assert_eq!(copy.on_node("a").count(), 2);
        assert_eq!(store.on_node("a").count(), 1);
        assert_eq!(indexed(&store), scanned(&store));
    }
}
