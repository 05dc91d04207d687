//! The full app's state: the playground, which holds everything the session
//! decides, plus what is purely the page's: the language, the events filter and
//! the terminal's screen. One reducer, as in yew's todomvc: the playground's
//! events go through [`Playground::update`], and its effects land here.

use crate::scrollback::Scrollback;
use std::rc::Rc;
use taintlab_playground::{Effect, Msg, Playground, WorkspaceEvent};
use taintlab_ui::{Lang, Panel};
use yew::Reducible;

/// Everything the full app holds.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The session, the cluster, the workspace and the open lesson.
    pub pg: Playground,
    /// UI language.
    pub lang: Lang,
    /// What the events list is filtered by (part of `kind/name`).
    pub event_filter: String,
    /// The terminal's screen (not part of the session: a restored or
    /// handed-over session starts with an empty one).
    pub scrollback: Scrollback,
    /// The open file's text, shared: the workspace panel's props hold it on
    /// every render, and a text of megabytes (10,000 pods) would otherwise be
    /// copied for each. Renewed only when the playground's text changes.
    pub text: Rc<str>,
    /// A lesson file being fetched or read, or why it could not be (the
    /// playground says why a text that arrived does not read).
    pub lesson_load: Option<crate::lessons::LessonLoad>,
}

/// What the user can do.
pub enum Action {
    /// Anything the playground decides.
    Update(Msg),
    /// A workspace control (short for `Update(Msg::Workspace(..))`).
    Workspace(WorkspaceEvent),
    /// Switch the UI language.
    SetLang(Lang),
    /// The events filter changed.
    FilterEvents(String),
    /// Ctrl+L: an empty screen, nothing run.
    ClearScreen,
    /// A frame is due while a change is still settling: run some more of it.
    Settle,
    /// A lesson file is being fetched or read, or could not be (`None`: done).
    LessonLoad(Option<crate::lessons::LessonLoad>),
}

impl From<Msg> for Action {
    fn from(event: Msg) -> Action {
        Action::Update(event)
    }
}

/// The rounds of the control loops a change runs before the page draws: one,
/// so that a big change returns after its first round (20 to 60 ms in the
/// browser at 10,000 pods) and the page shows it in waves; each further step
/// runs rounds for up to [`STEP_MS`].
pub const ROUND_BUDGET: usize = 1;

/// How long one step of a settling change may run rounds, in ms: a small change
/// (a few rounds of well under a millisecond) settles within the input's own
/// step, as it did without a budget, and a big one leaves room in each frame for
/// the view and the render, under the 100 ms a frame may take.
pub const STEP_MS: f64 = 30.0;

/// Runs rounds of an unsettled change until [`STEP_MS`] after `start` (when the
/// reducer took the action): a round starts only if one as long as the longest
/// so far (`ran`: the round the change itself ran, if it did) still fits. A
/// frame's step (`ran` is `None`) runs at least one, so the change moves on.
fn settle_step(pg: &mut Playground, start: f64, ran: Option<f64>) {
    let mut last = js_sys::Date::now();
    let mut longest = ran.unwrap_or_default();
    let mut first = ran.is_none();
    pg.settle(|| {
        let now = js_sys::Date::now();
        longest = longest.max(now - last);
        last = now;
        std::mem::take(&mut first) || now - start + longest <= STEP_MS
    });
}

impl AppState {
    /// A page over `pg`, in the given language; big changes run in steps
    /// ([`ROUND_BUDGET`]).
    pub fn new(mut pg: Playground, lang: Lang) -> AppState {
        pg.set_round_budget(Some(ROUND_BUDGET));
        AppState {
            text: Rc::from(pg.text()),
            pg,
            lang,
            event_filter: String::new(),
            scrollback: Scrollback::default(),
            lesson_load: None,
        }
    }

    /// The open panel (kept in the session, so that a link reopens it).
    pub fn panel(&self) -> Panel {
        Panel::from_key(&self.pg.session().panel)
    }
}

impl AppState {
    /// Sends `event` to the playground and shows its effects; a change left
    /// unsettled runs on while the step's time lasts.
    fn update(&mut self, event: Msg, start: f64) {
        // A new scenario starts with a clean page.
        if matches!(event, Msg::Restore(_) | Msg::Reset) {
            self.event_filter.clear();
            self.scrollback = Scrollback::default();
        }
        for effect in self.pg.update(event) {
            match effect {
                Effect::Print(entry) => self.scrollback.push(entry),
                Effect::ClearScreen => self.scrollback = Scrollback::default(),
            }
        }
        // The change ran one round already: the next may be as long.
        settle_step(&mut self.pg, start, Some(js_sys::Date::now() - start));
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let start = js_sys::Date::now();
        let mut next = (*self).clone();
        match action {
            // Nothing changes: no new state, so nothing renders.
            Action::Update(Msg::Edit(text)) if text == self.pg.text() => return self,
            // Time is held while a change settles (see `Msg::Tick`).
            Action::Update(Msg::Tick) if self.pg.session().paused || !self.pg.is_settled() => {
                return self;
            }
            Action::Settle if self.pg.is_settled() => return self,
            Action::Settle => settle_step(&mut next.pg, start, None),
            Action::Update(event) => {
                // Another lesson chosen: what the last load said is old news.
                if matches!(
                    event,
                    Msg::StartLesson(_) | Msg::OpenLessonText { .. } | Msg::Restore(_) | Msg::Reset
                ) {
                    next.lesson_load = None;
                }
                next.update(event, start)
            }
            Action::Workspace(event) => next.update(Msg::Workspace(event), start),
            Action::SetLang(lang) => {
                lang.remember();
                next.lang = lang;
            }
            Action::FilterEvents(filter) => next.event_filter = filter,
            Action::ClearScreen => next.scrollback = Scrollback::default(),
            Action::LessonLoad(load) => next.lesson_load = load,
        }
        if *next.text != *next.pg.text() {
            next.text = Rc::from(next.pg.text());
        }
        Rc::new(next)
    }
}
