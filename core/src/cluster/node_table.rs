//! The nodes, by name, with a note of which ones were written since the
//! scheduler cache last looked: the cache then updates those nodes only, as
//! upstream's cache does from node informer events.

use super::NodeRecord;
use super::name_notes::NameNotes;
use super::name_notes::SortedNames;
use crate::shared::Shared;
use crate::sorted_map::SortedMap;
use crate::unseen::Unseen;
use std::rc::Rc;

/// Nodes sorted by name. Every write goes through [`NodeTable::get_mut`],
/// [`NodeTable::insert`] or [`NodeTable::remove`], which note it.
#[derive(Debug, Clone, Default)]
pub struct NodeTable {
    map: SortedMap<Rc<str>, Shared<NodeRecord>>,
    notes: Unseen<Notes>,
}

/// What the table notes of its writes.
#[derive(Debug, Clone, Default)]
struct Notes {
    /// Nodes written since [`NodeTable::take_changes`].
    touched: NameNotes,
    /// Nodes whose simulated machine (not the Node object) was written since then.
    runtime_touched: NameNotes,
    /// Whether a node was added or removed since then (positions moved).
    reshaped: bool,
    /// Writes to Node objects so far (additions and removals included).
    generation: u64,
}

/// What changed in the nodes since the last look.
pub(crate) enum NodeChanges {
    /// Nodes came or went: every position may have moved.
    Reshaped,
    /// These nodes (by name) were written: the Node objects (first), and only
    /// the simulated machines (second).
    Touched(SortedNames, SortedNames),
}

impl NodeTable {
    /// The node called `name`.
    pub fn get(&self, name: &str) -> Option<&NodeRecord> {
        self.map.get(name).map(|r| &**r)
    }

    /// The node called `name`, to write.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut NodeRecord> {
        let (key, record) = self.map.get_key_value_mut(name)?;
        self.notes.touched.note(key);
        self.notes.generation += 1;
        Some(&mut **record)
    }

    /// The simulated machine behind the node called `name`, to write, with the
    /// Node object to read: a write that leaves the Node object as it was.
    pub fn runtime_mut(
        &mut self,
        name: &str,
    ) -> Option<(&crate::api::Node, &mut super::NodeRuntime)> {
        let (key, record) = self.map.get_key_value_mut(name)?;
        self.notes.runtime_touched.note(key);
        let record = &mut **record;
        Some((&record.node, &mut record.runtime))
    }

    /// Adds or replaces a node.
    pub fn insert(&mut self, name: Rc<str>, record: Shared<NodeRecord>) {
        self.notes.generation += 1;
        if self.map.insert(Rc::clone(&name), record).is_none() {
            self.notes.reshaped = true;
        } else {
            self.notes.touched.note(&name);
        }
    }

    /// Removes a node.
    pub fn remove(&mut self, name: &str) -> Option<Shared<NodeRecord>> {
        let removed = self.map.remove(name);
        if removed.is_some() {
            self.notes.reshaped = true;
            self.notes.generation += 1;
        }
        removed
    }

    /// How many times a Node object was written, added or removed: unchanged,
    /// no Node object changed.
    pub fn generation(&self) -> u64 {
        self.notes.generation
    }

    /// The shared record of the node called `name` (to note it before a write).
    pub fn shared(&self, name: &str) -> Option<&Shared<NodeRecord>> {
        self.map.get(name)
    }

    /// Whether a node called `name` exists.
    pub fn contains_key(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// The position of the node called `name` in name order.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.map.position(name)
    }

    /// Names and records, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&Rc<str>, &NodeRecord)> {
        self.map.iter().map(|(n, r)| (n, &**r))
    }

    /// Records, by name.
    pub fn values(&self) -> impl Iterator<Item = &NodeRecord> {
        self.map.values().map(|r| &**r)
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// What changed since the last call, and forgets it.
    pub(crate) fn take_changes(&mut self) -> NodeChanges {
        let touched = self.notes.touched.take_sorted();
        let runtime_touched = self.notes.runtime_touched.take_sorted();
        if std::mem::take(&mut self.notes.reshaped) {
            NodeChanges::Reshaped
        } else {
            NodeChanges::Touched(touched, runtime_touched)
        }
    }
}
