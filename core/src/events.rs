//! Events (`v1` Event) as components record them, with upstream's aggregation of
//! repeats into one event with a count.

use crate::clock::Time;

/// `Normal` or `Warning`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// Routine progress.
    Normal,
    /// Something the user may need to act on.
    Warning,
}

impl EventType {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// The object an event is about (`involvedObject`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    /// e.g. `Pod`.
    pub kind: &'static str,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
    /// Object name.
    pub name: String,
}

impl ObjectRef {
    /// A reference to `kind` `namespace/name`.
    pub fn new(kind: &'static str, namespace: &str, name: &str) -> ObjectRef {
        ObjectRef {
            kind,
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }
}

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Normal or Warning.
    pub type_: EventType,
    /// Upstream's reason, e.g. `FailedScheduling`.
    pub reason: &'static str,
    /// Upstream's message.
    pub message: String,
    /// What it is about.
    pub object: ObjectRef,
    /// The reporting component, e.g. `default-scheduler`.
    pub source: &'static str,
    /// When it first happened.
    pub first_timestamp: Time,
    /// When it last happened.
    pub last_timestamp: Time,
    /// How many times it happened.
    pub count: u32,
}

/// Keeps at least this many events, dropping the oldest (the API server's TTL, in spirit).
const MAX_EVENTS: usize = 2000;
/// How far back a repeat is looked for. The client-side correlator keeps an LRU
/// cache; a window of recent events finds the repeats that matter at a fixed cost.
const REPEAT_WINDOW: usize = 64;

/// The event log.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    events: Vec<Event>,
    /// Each event's [`fingerprint`], so looking for a repeat compares one number
    /// per event rather than five strings.
    fingerprints: Vec<u64>,
    /// Events recorded so far, repeats included.
    recorded: u64,
    /// While an apply may still be refused, its events wait here (see
    /// [`EventLog::stage`]).
    staged: Option<Vec<Staged>>,
}

/// An event held back until its apply is accepted.
#[derive(Debug, Clone, PartialEq)]
struct Staged {
    now: Time,
    type_: EventType,
    object: ObjectRef,
    source: &'static str,
    reason: &'static str,
    message: String,
}

/// A hash of the fields that make two events repeats of each other, eight bytes
/// at a time (in the manner of FxHash).
fn fingerprint(
    type_: EventType,
    object: &ObjectRef,
    source: &str,
    reason: &str,
    message: &str,
) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut hash: u64 = 0;
    let fields = [
        type_.as_str(),
        object.kind,
        &object.namespace,
        &object.name,
        source,
        reason,
        message,
    ];
    for field in fields {
        let bytes = field.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let mut tail = [0u8; 8];
        tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        // The length keeps ("ab", "c") and ("a", "bc") apart.
        tail[7] ^= bytes.len() as u8;
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    }
    hash
}

impl EventLog {
    /// Records an event; a repeat of an existing one (same object, reason, message,
    /// type and source) bumps its count instead, as the client-side correlator does.
    pub fn record(
        &mut self,
        now: Time,
        type_: EventType,
        object: ObjectRef,
        source: &'static str,
        reason: &'static str,
        message: String,
    ) {
        if let Some(staged) = &mut self.staged {
            staged.push(Staged {
                now,
                type_,
                object,
                source,
                reason,
                message,
            });
            return;
        }
        self.recorded += 1;
        let print = fingerprint(type_, &object, source, reason, &message);
        let window = self.events.len().saturating_sub(REPEAT_WINDOW);
        let repeat = (window..self.events.len()).rev().find(|&i| {
            let e = &self.events[i];
            self.fingerprints[i] == print
                && e.reason == reason
                && e.message == message
                && e.object == object
                && e.type_ == type_
                && e.source == source
        });
        if let Some(i) = repeat {
            let existing = &mut self.events[i];
            existing.count += 1;
            existing.last_timestamp = now;
            return;
        }
        if self.events.len() >= 2 * MAX_EVENTS {
            // Drop the oldest half at once, so recording stays O(1) amortized.
            self.events.drain(..MAX_EVENTS);
            self.fingerprints.drain(..MAX_EVENTS);
        }
        self.fingerprints.push(print);
        self.events.push(Event {
            type_,
            reason,
            message,
            object,
            source,
            first_timestamp: now,
            last_timestamp: now,
            count: 1,
        });
    }

    /// Holds back the events recorded from now on, until [`EventLog::commit`]
    /// records them or [`EventLog::discard`] drops them: the events of an apply
    /// exist only if the apply is accepted.
    pub(crate) fn stage(&mut self) {
        self.staged.get_or_insert_with(Vec::new);
    }

    /// Records the held-back events, in order.
    pub(crate) fn commit(&mut self) {
        for e in self.staged.take().unwrap_or_default() {
            self.record(e.now, e.type_, e.object, e.source, e.reason, e.message);
        }
    }

    /// Drops the held-back events.
    pub(crate) fn discard(&mut self) {
        self.staged = None;
    }

    /// How many events were ever recorded, repeats included: a step that
    /// records none leaves it as it was.
    pub fn recorded(&self) -> u64 {
        self.recorded
    }

    /// All events, oldest first.
    pub fn all(&self) -> &[Event] {
        &self.events
    }

    /// Events about one object, oldest first.
    pub fn about<'a>(
        &'a self,
        kind: &'a str,
        namespace: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Event> {
        self.events.iter().filter(move |e| {
            e.object.kind == kind && e.object.namespace == namespace && e.object.name == name
        })
    }
}
