//! [`Unseen`]: bookkeeping that a cluster's `Debug` output leaves out.
//!
//! Caches and notes of what changed (the scheduler's cache, the stores' change
//! notes and write counters, the controllers' last-sync stamps) are derived from
//! the cluster's state and the path that led to it. Two clusters in the same state
//! may have reached it along different paths (one clock step at a time, or a run
//! of steps at once), and tests compare their `Debug` output to prove it.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// A value kept out of `Debug` output; it derefs to the value.
#[derive(Clone, Default)]
pub struct Unseen<T>(pub T);

impl<T> fmt::Debug for Unseen<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("_")
    }
}

impl<T> Deref for Unseen<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Unseen<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}
