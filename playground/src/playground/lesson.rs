//! The open lesson. Progress is not stored: the page asks core how far the
//! cluster has come (`Lesson::progress`). Starting a lesson records the reset to
//! its cluster (and its setup YAML) in the session's log, so a replayed session
//! reaches the same cluster and shows the same progress. Which lesson is open
//! lives in [`Playground::lesson`] and, while the lessons panel is open, in the
//! session's panel as `lessons/ID`, so a share link taken there reopens it.

use super::Playground;
use crate::lessons;

/// The lessons panel, as the session names it.
pub const LESSONS: &str = "lessons";

/// The lesson a session's panel names (`lessons/ID`), if any.
pub fn from_panel(panel: &str) -> Option<&'static str> {
    let id = panel.strip_prefix("lessons/")?;
    lessons::find(id).map(|l| l.id.as_str())
}

/// The panel itself in a session's panel (`lessons` in `lessons/tutorial`).
pub fn panel_key(panel: &str) -> &str {
    panel.split('/').next().unwrap_or_default()
}

impl Playground {
    /// Opens the lesson `id` and resets the cluster to its start. The inputs go
    /// through the same replay as a restored session, and into the log.
    pub(super) fn start_lesson(&mut self, id: &'static str) {
        let Some(lesson) = lessons::find(id) else {
            return;
        };
        self.perform_and_log(lesson.start_inputs());
        self.clear_reports();
        self.lesson = Some(lesson.id.as_str());
        self.session.panel = LESSONS.into();
        self.remember_lesson();
    }

    /// Back to the list of lessons.
    pub(super) fn close_lesson(&mut self) {
        self.lesson = None;
        self.remember_lesson();
    }

    /// Keeps the open lesson in the session's panel while the lessons panel is open.
    pub(super) fn remember_lesson(&mut self) {
        if panel_key(&self.session.panel) == LESSONS {
            self.session.panel = match self.lesson {
                Some(id) => format!("{LESSONS}/{id}"),
                None => LESSONS.into(),
            };
        }
    }
}
