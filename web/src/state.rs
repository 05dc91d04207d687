//! The app's state and the actions that change it (one reducer, as in yew's todomvc).

use crate::i18n::Lang;
use std::rc::Rc;
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
}

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
    /// One second of simulated time passes.
    Tick,
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
                next.cluster.advance(1);
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
