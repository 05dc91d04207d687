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
    pub kind: String,
    /// Empty for cluster-scoped objects.
    pub namespace: String,
    /// Object name.
    pub name: String,
}

impl ObjectRef {
    /// A reference to `kind` `namespace/name`.
    pub fn new(kind: &str, namespace: &str, name: &str) -> ObjectRef {
        ObjectRef {
            kind: kind.to_string(),
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
    pub reason: String,
    /// Upstream's message.
    pub message: String,
    /// What it is about.
    pub object: ObjectRef,
    /// The reporting component, e.g. `default-scheduler`.
    pub source: String,
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
}

impl EventLog {
    /// Records an event; a repeat of an existing one (same object, reason, message,
    /// type and source) bumps its count instead, as the client-side correlator does.
    pub fn record(
        &mut self,
        now: Time,
        type_: EventType,
        object: ObjectRef,
        source: &str,
        reason: &str,
        message: String,
    ) {
        let window = self.events.len().saturating_sub(REPEAT_WINDOW);
        if let Some(existing) = self.events[window..].iter_mut().rev().find(|e| {
            e.reason == reason
                && e.message == message
                && e.object == object
                && e.type_ == type_
                && e.source == source
        }) {
            existing.count += 1;
            existing.last_timestamp = now;
            return;
        }
        if self.events.len() >= 2 * MAX_EVENTS {
            // Drop the oldest half at once, so recording stays O(1) amortized.
            self.events.drain(..MAX_EVENTS);
        }
        self.events.push(Event {
            type_,
            reason: reason.to_string(),
            message,
            object,
            source: source.to_string(),
            first_timestamp: now,
            last_timestamp: now,
            count: 1,
        });
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
