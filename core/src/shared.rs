//! `Shared`: a value behind a reference count that is copied only when written.
//!
//! `Cluster::apply` works on a copy of the cluster so that a refused object leaves
//! everything as it was. With the large collections holding `Shared` values, that
//! copy costs a reference count per object, and an apply pays a deep copy only for
//! the objects it actually changes.

use std::ops::{Deref, DerefMut};
use std::rc::Rc;

/// A copy-on-write value: reads share, the first write after a clone copies.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shared<T>(Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> Shared<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T: Clone> Shared<T> {
    /// The value itself, copied only if it is still shared.
    pub fn into_inner(self) -> T {
        Rc::unwrap_or_clone(self.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    #[test]
    fn a_write_after_a_clone_leaves_the_original_alone() {
        let original = Shared::new(vec![1, 2]);
        let mut copy = original.clone();
        copy.push(3);
        assert_eq!(*original, [1, 2]);
        assert_eq!(*copy, [1, 2, 3]);
        assert_eq!(copy.into_inner(), [1, 2, 3]);
    }
}
