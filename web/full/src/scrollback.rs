//! The terminal's screen: the commands it showed, oldest first. What this page
//! showed, not part of the session (a restored or handed-over session starts
//! with an empty screen).

use std::rc::Rc;
use taintlab_playground::Entry;

/// How many commands the scrollback keeps; older ones scroll away for good.
const KEPT: usize = 500;

/// The screen's commands, oldest first; shared between states (the reducer clones
/// the state on every tick).
#[derive(Debug, Clone, Default)]
pub struct Scrollback(Rc<Vec<Entry>>);

impl PartialEq for Scrollback {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Scrollback {
    /// Puts `entry` at the bottom; the oldest scroll away past [`KEPT`].
    pub fn push(&mut self, entry: Entry) {
        let entries = Rc::make_mut(&mut self.0);
        entries.push(entry);
        if entries.len() > KEPT {
            let extra = entries.len() - KEPT;
            entries.drain(..extra);
        }
    }

    /// The commands on the screen, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.0
    }
}
