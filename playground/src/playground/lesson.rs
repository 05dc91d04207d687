//! The open lesson. Progress is not stored: the page asks core how far the
//! cluster has come (`Lesson::progress`). Starting a lesson records the reset to
//! its cluster (and its setup YAML) in the session's log, so a replayed session
//! reaches the same cluster and shows the same progress. Which lesson is open
//! lives in [`Playground::lesson`] and, while the lessons panel is open, in the
//! session's panel as `lessons/ID`, so a share link taken there reopens it.
//!
//! A lesson that is not built in (a file the learner chose, or one fetched from
//! a `#lesson=` URL) is carried whole in the session ([`Session::lesson`]), so
//! that a link, the autosave and the handover reopen it without fetching it
//! again. Its panel is `lessons/file/ID`: lesson ids hold no `/`, so it can be
//! told from a built-in lesson of the same id.
//!
//! [`Session::lesson`]: taintlab_core::session::Session::lesson

use super::Playground;
use crate::lessons::{self, Lesson, LessonError};
use std::rc::Rc;
use taintlab_core::session::{LessonFile, Session};

/// The lessons panel, as the session names it.
pub const LESSONS: &str = "lessons";

/// The prefix of a carried lesson's id in the panel (`lessons/file/ID`).
const CARRIED: &str = "file/";

/// The carried lesson of `session`, read from its text; `None` when it has
/// none, or a text that does not read (a link is a stranger's text: it is then
/// left out, as a damaged record would be).
pub fn carried(session: &Session) -> Option<Rc<Lesson>> {
    let file = session.lesson.as_ref()?;
    lessons::parse(&file.name, &file.text).ok().map(Rc::new)
}

/// The lesson a session's panel names (`lessons/ID`, or `lessons/file/ID` for
/// the carried lesson `carried`), if any.
pub fn from_panel(panel: &str, carried: Option<&Rc<Lesson>>) -> Option<Rc<Lesson>> {
    let id = panel.strip_prefix("lessons/")?;
    match id.strip_prefix(CARRIED) {
        Some(id) => carried.filter(|l| l.id == id).cloned(),
        None => lessons::find(id).map(|l| Rc::new(l.clone())),
    }
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
        self.open_lesson(Rc::new(lesson.clone()));
    }

    /// Starts the carried lesson again from its start (its *Start over*).
    pub(super) fn start_carried_lesson(&mut self) {
        if let Some(lesson) = self.carried.clone() {
            self.open_lesson(lesson);
        }
    }

    /// Reads the lesson file `name` holding `text` and starts it, carrying its
    /// text in the session. A text that does not read changes nothing but the
    /// errors shown ([`Playground::lesson_errors`]).
    pub(super) fn open_lesson_text(&mut self, name: String, text: String) {
        match lessons::parse(&name, &text) {
            Ok(lesson) => {
                let lesson = Rc::new(lesson);
                self.session.lesson = Some(LessonFile::new(name, text));
                self.carried = Some(Rc::clone(&lesson));
                self.open_lesson(lesson);
            }
            Err(errors) => self.lesson_errors = errors,
        }
    }

    /// Resets the cluster to `lesson`'s start and opens it.
    fn open_lesson(&mut self, lesson: Rc<Lesson>) {
        // A lesson starts from its own cluster: a copy has nothing to compare.
        self.discard_what_if();
        self.perform_and_log(lesson.start_inputs());
        self.clear_reports();
        self.lesson_errors.clear();
        self.lesson = Some(lesson);
        self.session.panel = LESSONS.into();
        self.remember_lesson();
    }

    /// Back to the list of lessons.
    pub(super) fn close_lesson(&mut self) {
        self.lesson = None;
        self.lesson_errors.clear();
        self.remember_lesson();
    }

    /// Whether the open lesson is the carried one (not built in).
    pub fn lesson_is_carried(&self) -> bool {
        match (&self.lesson, &self.carried) {
            (Some(open), Some(carried)) => Rc::ptr_eq(open, carried),
            _ => false,
        }
    }

    /// The lesson the session carries (opened from a file or a URL), if any.
    pub fn carried_lesson(&self) -> Option<&Lesson> {
        self.carried.as_deref()
    }

    /// Why the last lesson text did not open: each error at its line and
    /// column. Empty once a lesson opens or the list is shown again.
    pub fn lesson_errors(&self) -> &[LessonError] {
        &self.lesson_errors
    }

    /// Keeps the open lesson in the session's panel while the lessons panel is open.
    pub(super) fn remember_lesson(&mut self) {
        if panel_key(&self.session.panel) == LESSONS {
            let carried = if self.lesson_is_carried() {
                CARRIED
            } else {
                ""
            };
            self.session.panel = match &self.lesson {
                Some(lesson) => format!("{LESSONS}/{carried}{}", lesson.id),
                None => LESSONS.into(),
            };
        }
    }
}
