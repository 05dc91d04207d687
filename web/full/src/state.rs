//! The app's state and the actions that change it (one reducer, as in yew's todomvc).
//!
//! Every change to the cluster is recorded in the session's log: the log is what the share link, the autosave and the
//! handover to the full module replay.

use crate::engine::{self, Engine};
use crate::i18n::Lang;
use std::rc::Rc;
#[cfg(feature = "full")]
use taintlab_core::actions;
use taintlab_core::actions::NodeAction;
use taintlab_core::session::{Input, Session};
use taintlab_core::view::ClusterView;
use taintlab_core::{Cluster, Diagnostic, TUTORIAL_DAEMONSET};
use yew::Reducible;

/// The panels under the cluster view. They come with the full module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// The events timeline.
    Events,
    /// The kubectl and node-shell terminal.
    Terminal,
    /// Why a pod, node or DaemonSet is where it is.
    Explain,
    /// Guided lessons.
    Lessons,
}

impl Panel {
    /// Every panel, in tab order.
    pub const ALL: [Panel; 4] = [
        Panel::Events,
        Panel::Terminal,
        Panel::Explain,
        Panel::Lessons,
    ];

    /// The panel's name in a session.
    pub fn key(self) -> &'static str {
        match self {
            Panel::Events => "events",
            Panel::Terminal => "terminal",
            Panel::Explain => "explain",
            Panel::Lessons => "lessons",
        }
    }

    /// The panel named `key` (what comes after a `/` says what the panel shows,
    /// as in `lessons/tutorial`); the events for anything else.
    #[cfg(feature = "full")]
    pub fn from_key(key: &str) -> Panel {
        let key = key.split('/').next().unwrap_or_default();
        Panel::ALL
            .into_iter()
            .find(|p| p.key() == key)
            .unwrap_or(Panel::Events)
    }

    /// Whether the panel needs the full module: all of them do, so that the first
    /// load stays within its budget.
    pub fn needs_full(self) -> bool {
        !engine::FULL
    }
}

/// Everything the UI holds.
#[derive(Debug, Clone)]
pub struct AppState {
    /// What runs the simulated cluster.
    pub engine: Engine,
    /// The view of the cluster, computed by core after every change.
    pub view: ClusterView,
    /// Workspace files, time controls, history and the input log.
    pub session: Session,
    /// Errors and warnings from the last apply.
    pub diagnostics: Vec<Diagnostic>,
    /// `kubectl apply` lines from the last successful apply.
    pub applied: Vec<String>,
    /// Whether the last apply failed.
    pub failed: bool,
    /// UI language.
    pub lang: Lang,
    /// Why the last button did nothing, in the words of its command.
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    pub action_error: Option<String>,
    /// What the events list is filtered by (part of `kind/name`).
    pub event_filter: String,
    /// The open panel.
    pub panel: Panel,
    /// The first-load module is fetching the full one, to hand the session over.
    pub loading_full: bool,
    /// Why the full module could not be loaded.
    pub full_error: Option<String>,
    /// The full module has taken over: this one shows nothing more.
    pub handed_over: bool,
    /// The terminal's screen (not part of the session).
    #[cfg(feature = "full")]
    pub terminal: crate::full::terminal::Scrollback,
    /// The open lesson's id (kept in the session as the panel `lessons/ID`).
    #[cfg(feature = "full")]
    pub lesson: Option<&'static str>,
    /// The workspace beyond the session's files: node manifests open or edited.
    #[cfg(feature = "full")]
    pub workspace: crate::full::workspace::Workspace,
}

/// The speeds the time controls offer.
pub const SPEEDS: [u64; 4] = [1, 2, 5, 10];

/// Past this many nodes the cluster shows as a compact grid (the full module's).
pub const GRID_AT: usize = 30;

/// The name of the workspace's first file.
pub const FIRST_FILE: &str = "redis-ds.yaml";

/// What the user can do.
pub enum Action {
    /// The editor text changed.
    Edit(String),
    /// Apply the editor text to the cluster.
    Apply,
    /// Replace the editor text with an example (the full module's editor makes
    /// that an undoable edit instead).
    #[cfg_attr(feature = "full", allow(dead_code))]
    Load(&'static str),
    /// Switch the UI language.
    SetLang(Lang),
    /// One wall-clock second passed: time moves at `speed` unless paused.
    Tick,
    /// Pause or resume simulated time.
    TogglePause,
    /// Let this many simulated seconds pass now.
    Step(u64),
    /// The next speed: 1×, 2×, 5×, 10×, then 1× again.
    NextSpeed,
    /// A button on a node card.
    Node(String, NodeAction),
    /// The events filter changed.
    FilterEvents(String),
    /// Open a panel.
    Open(Panel),
    /// Select an object (`pod/NAMESPACE/NAME`, `node/NAME`, `daemonset/NAMESPACE/NAME`)
    /// and open its explanation.
    Select(String),
    /// Run a line in the terminal, with its here-document's body.
    #[cfg(feature = "full")]
    Command {
        /// The line as typed.
        line: String,
        /// The here-document's body.
        stdin: Option<String>,
    },
    /// Clear the terminal's screen, or show an interrupted line on it.
    #[cfg(feature = "full")]
    Screen(crate::full::terminal::ScreenEdit),
    /// The full module has taken over (`true`), or could not be loaded (`false`).
    #[cfg(not(feature = "full"))]
    FullLoaded(bool),
    /// Share: the first-load module hands over to the full one, which makes the link.
    #[cfg(not(feature = "full"))]
    Share,
    /// Sharing and keeping work: restore, reset, import.
    #[cfg(feature = "full")]
    Keep(crate::full::keep::KeepAction),
    /// Open a lesson and reset the cluster to its start (recorded in the log).
    #[cfg(feature = "full")]
    StartLesson(&'static str),
    /// Back to the list of lessons; the cluster stays as it is.
    #[cfg(feature = "full")]
    CloseLesson,
    /// Keep the workspace (Ctrl/Cmd+S): writes an open node manifest to its node,
    /// and marks the workspace saved.
    #[cfg(feature = "full")]
    Save,
    /// Open, create, rename, delete or upload workspace files.
    #[cfg(feature = "full")]
    Workspace(crate::full::workspace::WorkspaceAction),
}

impl AppState {
    /// The tutorial's starting point, in the given language.
    pub fn new(lang: Lang) -> AppState {
        let cluster = Cluster::tutorial();
        AppState {
            view: ClusterView::of(&cluster),
            engine: Engine::new(cluster),
            session: Session {
                files: vec![(FIRST_FILE.into(), TUTORIAL_DAEMONSET.into())],
                speed: 1,
                panel: Panel::Events.key().into(),
                ..Session::default()
            },
            diagnostics: Vec::new(),
            applied: Vec::new(),
            failed: false,
            lang,
            action_error: None,
            event_filter: String::new(),
            panel: Panel::Events,
            loading_full: false,
            full_error: None,
            handed_over: false,
            #[cfg(feature = "full")]
            terminal: Default::default(),
            #[cfg(feature = "full")]
            lesson: None,
            #[cfg(feature = "full")]
            workspace: Default::default(),
        }
    }

    /// `session` replayed from the start, in the given language, with its pending
    /// input performed as if the user had just asked for it.
    #[cfg(feature = "full")]
    pub fn restored(mut session: Session, lang: Lang) -> AppState {
        let mut state = AppState::new(lang);
        let mut engine = Engine::new(Cluster::tutorial());
        for input in &session.log {
            engine::replay(&mut engine, input);
        }
        state.view = ClusterView::of(engine.cluster());
        state.engine = engine;
        state.panel = Panel::from_key(&session.panel);
        state.lesson = crate::full::lessons::from_panel(&session.panel);
        let pending = session.pending.take();
        if session.files.is_empty() {
            state.session.log = session.log;
        } else {
            state.session = session;
        }
        if let Some(Input::Node { node, action }) = pending {
            state.node_action(node, action);
        }
        state
    }

    /// The simulated cluster.
    pub fn cluster(&self) -> &Cluster {
        self.engine.cluster()
    }

    /// The open file's text.
    pub fn text(&self) -> &str {
        #[cfg(feature = "full")]
        if let Some(text) = self.workspace.manifest_text(self.engine.cluster()) {
            return text;
        }
        self.session
            .files
            .get(self.session.active)
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
    }

    pub(crate) fn set_text(&mut self, text: String) {
        #[cfg(feature = "full")]
        {
            self.workspace.saved = false;
            if self.workspace.manifest.is_some() {
                return self
                    .workspace
                    .set_manifest_text(text, self.engine.cluster());
            }
        }
        match self.session.files.get_mut(self.session.active) {
            Some(file) => file.1 = text,
            None => self.session.files.push((FIRST_FILE.into(), text)),
        }
    }

    /// Lets `seconds` of simulated time pass, as one logged step.
    pub fn advance(&mut self, seconds: u64) {
        self.engine.cluster_mut().advance(seconds);
        self.logged(Input::Advance { seconds, times: 1 });
    }

    /// A button on a node card; a refused change leaves the cluster as it was and
    /// is not logged.
    #[cfg(feature = "full")]
    fn node_action(&mut self, node: String, action: NodeAction) {
        match actions::apply(self.engine.cluster_mut(), &node, &action) {
            Ok(command) => {
                self.session.history.push(command);
                self.action_error = None;
                self.logged(Input::Node { node, action });
            }
            Err(message) => self.action_error = Some(message),
        }
    }

    /// Applies the open file's text to the cluster, all or nothing.
    pub(crate) fn apply(&mut self) {
        let text = self.text().to_string();
        // Apply is all or nothing: on errors the cluster is as it was.
        match self.engine.cluster_mut().apply(&text) {
            Ok(report) => {
                self.applied = report.lines;
                self.diagnostics = report.warnings;
                self.failed = false;
                self.logged(Input::Apply(text));
                // The first-load module shows cards only; a large cluster needs the
                // full module's grid.
                if !engine::FULL && self.view.nodes.len() > GRID_AT {
                    self.loading_full = true;
                }
            }
            Err(errors) => {
                self.diagnostics = errors;
                self.applied = Vec::new();
                self.failed = true;
            }
        }
    }

    /// Records `input`, which the cluster has already taken.
    pub(crate) fn logged(&mut self, input: Input) {
        self.session.record(input);
        self.view = ClusterView::of(self.engine.cluster());
    }

    /// Opens `panel`: here if this module has it, else by handing over to the full one.
    fn open(&mut self, panel: Panel) {
        self.panel = panel;
        self.session.panel = panel.key().into();
        #[cfg(feature = "full")]
        self.remember_lesson();
        if panel.needs_full() && !engine::FULL {
            self.loading_full = true;
            self.full_error = None;
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => {
                if text == self.text() {
                    return self;
                }
                next.set_text(text);
            }
            Action::Load(text) => next.set_text(text.to_string()),
            Action::SetLang(lang) => {
                lang.remember();
                next.lang = lang;
            }
            Action::Tick => {
                if self.session.paused || self.handed_over {
                    return self;
                }
                next.advance(self.session.speed);
            }
            Action::TogglePause => next.session.paused = !self.session.paused,
            Action::Step(seconds) => next.advance(seconds),
            Action::NextSpeed => {
                let at = SPEEDS
                    .iter()
                    .position(|s| *s == self.session.speed)
                    .unwrap_or(0);
                next.session.speed = SPEEDS[(at + 1) % SPEEDS.len()];
            }
            Action::FilterEvents(filter) => next.event_filter = filter,
            #[cfg(feature = "full")]
            Action::Node(node, action) => next.node_action(node, action),
            // The first-load module has no node actions: the full one performs it.
            #[cfg(not(feature = "full"))]
            Action::Node(node, action) => {
                next.session.pending = Some(Input::Node { node, action });
                next.loading_full = true;
                next.full_error = None;
            }
            #[cfg(not(feature = "full"))]
            Action::Apply => next.apply(),
            #[cfg(feature = "full")]
            Action::Apply => crate::full::workspace::apply(&mut next),
            #[cfg(feature = "full")]
            Action::Save => crate::full::workspace::save(&mut next),
            #[cfg(feature = "full")]
            Action::Workspace(action) => crate::full::workspace::reduce(&mut next, action),
            #[cfg(feature = "full")]
            Action::Command { line, stdin } => {
                crate::full::terminal::run_command(&mut next, line, stdin)
            }
            #[cfg(feature = "full")]
            Action::Screen(edit) => crate::full::terminal::edit_screen(&mut next, edit),
            Action::Open(panel) => next.open(panel),
            Action::Select(selected) => {
                next.session.selected = selected;
                next.open(Panel::Explain);
            }
            #[cfg(feature = "full")]
            Action::StartLesson(id) => next.start_lesson(id),
            #[cfg(feature = "full")]
            Action::CloseLesson => {
                next.lesson = None;
                next.remember_lesson();
            }
            #[cfg(not(feature = "full"))]
            Action::Share => {
                next.session.share = true;
                next.loading_full = true;
                next.full_error = None;
            }
            #[cfg(feature = "full")]
            Action::Keep(action) => crate::full::keep::reduce(&mut next, action),
            #[cfg(not(feature = "full"))]
            Action::FullLoaded(ok) => {
                next.loading_full = false;
                if ok {
                    next.handed_over = true;
                } else if self.loading_full {
                    // Only a load the user waits for reports its failure.
                    next.full_error = Some("full".into());
                    next.panel = Panel::Events;
                }
            }
        }
        Rc::new(next)
    }
}
