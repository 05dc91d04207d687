//! The wall-clock times of an imported state, placed on the simulated clock.
//!
//! A real cluster's objects carry the moments they were made and started
//! (`metadata.creationTimestamp`, a pod's `status.startTime`, a container's
//! `state.running.startedAt`, a taint's `timeAdded`). What matters of them is
//! how long before the state was read each one was: that is a pod's AGE in
//! `kubectl get pods`, and how much of a `tolerationSeconds` has run. The state
//! does not say when it was read, so the import takes the latest timestamp it
//! holds for that moment (a node's `lastHeartbeatTime`, the last condition
//! that changed: a kubelet writes one every few minutes at most), places the
//! simulated clock's now there, and every other time that much earlier.
//! The simulated clock counts from the cluster's start and cannot go below it,
//! so when the oldest timestamp is further back than the clock has run, the
//! clock moves forward to it first: the simulated cluster then started when
//! the oldest imported object was made.

use crate::clock::{Time, unix_millis};
use serde_yaml::Value;

/// The fields in which the API server writes timestamps (`metav1.Time`).
const TIME_FIELDS: [&str; 12] = [
    "creationTimestamp",
    "deletionTimestamp",
    "startTime",
    "startedAt",
    "finishedAt",
    "lastTransitionTime",
    "lastHeartbeatTime",
    "lastProbeTime",
    "lastUpdateTime",
    "timeAdded",
    "lastScaleTime",
    // `metadata.managedFields[].time`
    "time",
];

/// Where the times of one import land on the simulated clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ImportClock {
    /// The import's now: the latest timestamp of the state, in Unix milliseconds.
    read_at: i64,
    /// The simulated moment that stands for it.
    now: Time,
}

impl ImportClock {
    /// The clock of a state whose objects are `objects`, for a cluster whose
    /// clock reads `current`: `None` when the objects hold no timestamp (their
    /// times are then the moment of the import, as for applied objects).
    pub(super) fn of<'a>(objects: impl Iterator<Item = &'a Value>, current: Time) -> Option<Self> {
        let mut range: Option<(i64, i64)> = None;
        let mut found = |millis| {
            range = Some(match range {
                None => (millis, millis),
                Some((low, high)) => (low.min(millis), high.max(millis)),
            });
        };
        for object in objects {
            // Where the API server writes times: the metadata, the status and
            // a node's taints (a spec holds none else; a pod template's
            // `creationTimestamp` is always null).
            let taints = object.get("spec").and_then(|s| s.get("taints"));
            for part in [object.get("metadata"), object.get("status"), taints]
                .into_iter()
                .flatten()
            {
                visit(part, &mut found);
            }
        }
        let (oldest, read_at) = range?;
        // Far enough from the start for the oldest time to land on the clock.
        let span = u64::try_from(read_at - oldest).unwrap_or(0);
        Some(ImportClock {
            read_at,
            now: Time(current.0.max(span)),
        })
    }

    /// The simulated moment that stands for the import's now.
    pub(super) fn now(&self) -> Time {
        self.now
    }

    /// The import's now, in Unix milliseconds.
    pub(super) fn read_at(&self) -> i64 {
        self.read_at
    }

    /// The simulated moment of a timestamp, as far before the clock's now as
    /// it was before the import's; `None` for text that is not a timestamp.
    pub(super) fn at(&self, text: Option<&str>) -> Option<Time> {
        let millis = unix_millis(text?)?;
        let before = u64::try_from(self.read_at.saturating_sub(millis)).unwrap_or(0);
        Some(Time(self.now.0.saturating_sub(before)))
    }
}

/// Calls `found` with every timestamp in `value`'s [`TIME_FIELDS`].
fn visit(value: &Value, found: &mut dyn FnMut(i64)) {
    match value {
        Value::Mapping(map) => {
            for (key, item) in map {
                if let (Some(key), Some(text)) = (key.as_str(), item.as_str()) {
                    if TIME_FIELDS.contains(&key)
                        && let Some(millis) = unix_millis(text)
                    {
                        found(millis);
                    }
                } else {
                    visit(item, found);
                }
            }
        }
        Value::Sequence(items) => items.iter().for_each(|item| visit(item, found)),
        Value::Tagged(tagged) => visit(&tagged.value, found),
        _ => {}
    }
}

/// A field of a raw object by path (`["status", "startTime"]`), as text.
pub(super) fn text_at<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(value, |at, key| at.get(*key))
        .and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_land_as_far_before_now_as_they_were_before_the_newest() {
        let objects: Vec<Value> = [
            "metadata: {creationTimestamp: '2026-12-01T09:00:00Z'}\nstatus:\n  conditions:\n  - lastHeartbeatTime: '2026-12-01T09:10:00Z'\n    lastProbeTime: null\n",
            "metadata:\n  creationTimestamp: '2026-12-01T09:05:00Z'\n  annotations: {note: '2030-01-01T00:00:00Z'}\n",
        ]
        .iter()
        .map(|t| crate::decode::yaml::parse(t).expect("parses"))
        .collect();
        let clock = ImportClock::of(objects.iter(), Time::ZERO).expect("has times");
        // The oldest time, ten minutes before the newest, is the clock's start.
        assert_eq!(clock.now(), Time::from_secs(600));
        assert_eq!(
            clock.at(Some("2026-12-01T09:05:00Z")),
            Some(Time::from_secs(300))
        );
        assert_eq!(clock.at(Some("2026-12-01T09:00:00Z")), Some(Time::ZERO));
        assert_eq!(clock.at(Some("not a time")), None);
        // A clock already further on stays where it is.
        let later = ImportClock::of(objects.iter(), Time::from_secs(3600)).expect("has times");
        assert_eq!(later.now(), Time::from_secs(3600));
        assert_eq!(
            later.at(Some("2026-12-01T09:05:00Z")),
            Some(Time::from_secs(3300))
        );
        assert_eq!(ImportClock::of([Value::Null].iter(), Time::ZERO), None);
    }
}
