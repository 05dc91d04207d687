//! The app's state and the actions that change it (one reducer, as in yew's todomvc).

use crate::i18n::Lang;
use std::rc::Rc;
use taintlab_core::actions::{self, NodeAction};
use taintlab_core::view::ClusterView;
use taintlab_core::{Cluster, Diagnostic, TUTORIAL_DAEMONSET};
use yew::Reducible;

/// Everything the UI holds.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The simulated cluster.
    pub cluster: Cluster,
    /// The view of `cluster`, computed by core after every change.
    pub view: ClusterView,
    /// The editor's text; never lost on errors.
    pub text: String,
    /// Errors and warnings from the last apply.
    pub diagnostics: Vec<Diagnostic>,
    /// `kubectl apply` lines from the last successful apply.
    pub applied: Vec<String>,
    /// Whether the last apply failed.
    pub failed: bool,
    /// UI language.
    pub lang: Lang,
    /// Whether simulated time stands still.
    pub paused: bool,
    /// Simulated seconds per wall-clock second.
    pub speed: u64,
    /// What the UI's buttons did, as the terminal commands that do the same.
    pub history: Vec<String>,
    /// Why the last button did nothing, in the words of its command.
    pub action_error: Option<String>,
    /// What the events list is filtered by (part of `kind/name`).
    pub event_filter: String,
}

/// The speeds the time controls offer.
pub const SPEEDS: [u64; 4] = [1, 2, 5, 10];

/// What the user can do.
pub enum Action {
    /// The editor text changed.
    Edit(String),
    /// Apply the editor text to the cluster.
    Apply,
    /// Replace the editor text with an example.
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
}

impl AppState {
    /// The tutorial's starting point, in the given language.
    pub fn new(lang: Lang) -> AppState {
        let cluster = Cluster::tutorial();
        AppState {
            view: ClusterView::of(&cluster),
            cluster,
            text: TUTORIAL_DAEMONSET.to_string(),
            diagnostics: Vec::new(),
            applied: Vec::new(),
            failed: false,
            lang,
            paused: false,
            speed: 1,
            history: Vec::new(),
            action_error: None,
            event_filter: String::new(),
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(text) => {
                if text == self.text {
                    return self;
                }
                next.text = text;
            }
            Action::Load(text) => next.text = text.to_string(),
            Action::SetLang(lang) => {
                lang.remember();
                next.lang = lang;
            }
            Action::Tick => {
                if self.paused {
                    return self;
                }
                next.cluster.advance(self.speed);
                next.view = ClusterView::of(&next.cluster);
            }
            Action::TogglePause => next.paused = !self.paused,
            Action::Step(seconds) => {
                next.cluster.advance(seconds);
                next.view = ClusterView::of(&next.cluster);
            }
            Action::NextSpeed => {
                let at = SPEEDS.iter().position(|s| *s == self.speed).unwrap_or(0);
                next.speed = SPEEDS[(at + 1) % SPEEDS.len()];
            }
            Action::FilterEvents(filter) => next.event_filter = filter,
            Action::Node(node, action) => {
                match actions::apply(&mut next.cluster, &node, &action) {
                    Ok(command) => {
                        next.history.push(command);
                        next.action_error = None;
                    }
                    Err(message) => next.action_error = Some(message),
                }
                next.view = ClusterView::of(&next.cluster);
            }
            Action::Apply => match next.cluster.apply(&next.text) {
                Ok(report) => {
                    next.applied = report.lines;
                    next.diagnostics = report.warnings;
                    next.failed = false;
                    next.view = ClusterView::of(&next.cluster);
                }
                Err(errors) => {
                    next.diagnostics = errors;
                    next.applied = Vec::new();
                    next.failed = true;
                }
            },
        }
        Rc::new(next)
    }
}
