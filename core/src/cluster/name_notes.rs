//! [`NameNotes`]: the names of what was written, noted as writes happen and read
//! once, sorted, by whoever follows the changes (the scheduler's cache). A
//! vector rather than a set: a B-tree of names costs the first-load module more
//! code than the sort does, and the notes live only from one read to the next.

use std::rc::Rc;

/// Names noted as they come; repeats are allowed and dropped when read.
#[derive(Debug, Clone, Default)]
pub struct NameNotes(Vec<Rc<str>>);

/// Noted names, sorted, each once.
#[derive(Debug, Clone, Default)]
pub struct SortedNames(Vec<Rc<str>>);

impl NameNotes {
    /// Notes `name` (a repeat of the last name noted is skipped at once).
    pub fn note(&mut self, name: &Rc<str>) {
        if self.0.last().is_none_or(|last| **last != **name) {
            self.0.push(Rc::clone(name));
        }
    }

    /// The names noted, sorted and each once; the notes are left empty.
    pub fn take_sorted(&mut self) -> SortedNames {
        let mut names = std::mem::take(&mut self.0);
        crate::sort::sort(&mut names);
        names.dedup();
        SortedNames(names)
    }
}

impl SortedNames {
    /// Whether `name` is among them.
    pub fn contains(&self, name: &str) -> bool {
        self.0.binary_search_by(|n| (**n).cmp(name)).is_ok()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &Rc<str>> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_come_back_sorted_and_once() {
        let mut notes = NameNotes::default();
        for name in ["b", "a", "a", "c", "b"] {
            notes.note(&Rc::from(name));
        }
        let sorted = notes.take_sorted();
        assert_eq!(
            sorted.iter().map(|n| &**n).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert!(sorted.contains("b") && !sorted.contains("d"));
        assert!(notes.take_sorted().is_empty());
    }
}
