//! A pod-spec field added after templates were first hashed.

use std::hash::Hash;
use std::hash::Hasher;
use std::ops::Deref;
use std::ops::DerefMut;

/// A field that a template's hash (`controller-revision-hash`,
/// `pod-template-hash`, [`crate::names::compute_hash`]) takes in only when it is
/// set: a template that leaves it unset keeps the hash it had before the field
/// existed, so names and revisions stay as they were.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WhenSet<T>(pub T);

impl<T: Hash + Default + PartialEq> Hash for WhenSet<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        if self.0 != T::default() {
            self.0.hash(state);
        }
    }
}

impl<T> Deref for WhenSet<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for WhenSet<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(v: &impl Hash) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        v.hash(&mut h);
        h.finish()
    }

    #[test]
    fn unset_adds_nothing_to_a_hash() {
        assert_eq!(hash(&(1, WhenSet(String::new()))), hash(&(1,)));
        assert_ne!(hash(&(1, WhenSet("x".to_string()))), hash(&(1,)));
        assert_eq!(hash(&(1, WhenSet(None::<i32>))), hash(&(1,)));
    }
}
