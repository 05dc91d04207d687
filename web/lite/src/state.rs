//! The first-load module's state and its small reducer: the cluster, the
//! editor's text and the clock, until the full module takes over.
//!
//! Every change to the cluster is recorded in the session's log, exactly as
//! the full module's playground records it: the handover passes the session
//! text, and the full module replays it to the same cluster. What this module
//! cannot do (a node button, Share, a panel) it asks the full module to do.

use std::rc::Rc;
use taintlab_core::Cluster;
use taintlab_core::Diagnostic;
use taintlab_core::TUTORIAL_DAEMONSET;
use taintlab_core::actions::NodeAction;
use taintlab_core::session::Input;
use taintlab_core::session::Session;
use taintlab_core::view::ClusterView;
use taintlab_ui::{GRID_AT, Lang, Panel};
use yew::Reducible;

/// The speeds the time controls offer (as the playground's).
const SPEEDS: [u64; 4] = [1, 2, 5, 10];

/// The name of the workspace's first file (as the playground's).
const FIRST_FILE: &str = "redis-ds.yaml";

/// Everything the first-load module holds.
#[derive(Debug, Clone)]
pub struct LiteState {
    /// The simulated cluster.
    pub cluster: Cluster,
    /// The view of the cluster, computed by core after every change.
    pub view: ClusterView,
    /// The editor's text, time controls and the input log.
    pub session: Session,
    /// Errors and warnings from the last apply.
    pub diagnostics: Vec<Diagnostic>,
    /// `kubectl apply` lines from the last successful apply.
    pub applied: Vec<String>,
    /// Whether the last apply failed.
    pub failed: bool,
    /// UI language.
    pub lang: Lang,
    /// The open tab.
    pub panel: Panel,
    /// Fetching the full module, to hand the session over: the user waits for it.
    pub loading_full: bool,
    /// The full module could not be loaded.
    pub full_failed: bool,
    /// The full module has taken over: this one shows nothing more.
    pub handed_over: bool,
}

/// What the user can do in the first-load module.
pub enum LiteAction {
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
    /// A button on a node card: the full module performs it.
    Node(String, NodeAction),
    /// Open a panel: the full module has them.
    Open(Panel),
    /// Select an object to explain: the full module explains it.
    Select(String),
    /// Share: the full module makes the link.
    Share,
    /// The full module has taken over (`true`), or could not be loaded (`false`).
    FullLoaded(bool),
}

impl LiteState {
    /// The tutorial's starting point, in the given language.
    pub fn new(lang: Lang) -> LiteState {
        let cluster = Cluster::tutorial();
        LiteState {
            view: ClusterView::of(&cluster),
            cluster,
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
            panel: Panel::Events,
            loading_full: false,
            full_failed: false,
            handed_over: false,
        }
    }

    /// The editor's text.
    pub fn text(&self) -> &str {
        self.session
            .files
            .first()
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
    }

    fn set_text(&mut self, text: String) {
        match self.session.files.first_mut() {
            Some(file) => file.1 = text,
            None => self.session.files.push((FIRST_FILE.into(), text)),
        }
    }

    /// Records `input`, which the cluster has already taken.
    fn logged(&mut self, input: Input) {
        self.session.record(input);
        self.view = ClusterView::of(&self.cluster);
    }

    /// Lets `seconds` of simulated time pass, as one logged step.
    fn advance(&mut self, seconds: u64) {
        self.cluster.advance(seconds);
        self.logged(Input::Advance { seconds, times: 1 });
    }

    /// Applies the editor's text, all or nothing: on errors the cluster is as
    /// it was. A cluster past [`GRID_AT`] nodes needs the full module's grid.
    fn apply(&mut self) {
        let text = self.text().to_string();
        match self.cluster.apply(&text) {
            Ok(report) => {
                self.applied = report.lines;
                self.diagnostics = report.warnings;
                self.failed = false;
                self.logged(Input::Apply(text));
                if self.view.nodes.len() > GRID_AT {
                    self.load_full();
                }
            }
            Err(errors) => {
                self.diagnostics = errors;
                self.applied = Vec::new();
                self.failed = true;
            }
        }
    }

    /// Hands over to the full module now.
    fn load_full(&mut self) {
        self.loading_full = true;
        self.full_failed = false;
    }

    fn open(&mut self, panel: Panel) {
        self.panel = panel;
        self.session.panel = panel.key().into();
        self.load_full();
    }
}

impl Reducible for LiteState {
    type Action = LiteAction;

    fn reduce(self: Rc<Self>, action: LiteAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            LiteAction::Edit(text) => {
                if text == self.text() {
                    return self;
                }
                next.set_text(text);
            }
            LiteAction::Apply => next.apply(),
            LiteAction::Load(text) => next.set_text(text.to_string()),
            LiteAction::SetLang(lang) => {
                lang.remember();
                next.lang = lang;
            }
            LiteAction::Tick => {
                if self.session.paused || self.handed_over {
                    return self;
                }
                next.advance(self.session.speed);
            }
            LiteAction::TogglePause => next.session.paused = !self.session.paused,
            LiteAction::Step(seconds) => next.advance(seconds),
            LiteAction::NextSpeed => {
                let at = SPEEDS
                    .iter()
                    .position(|s| *s == self.session.speed)
                    .unwrap_or(0);
                next.session.speed = SPEEDS[(at + 1) % SPEEDS.len()];
            }
            LiteAction::Node(node, action) => {
                next.session.pending = Some(Input::Node { node, action });
                next.load_full();
            }
            LiteAction::Open(panel) => next.open(panel),
            LiteAction::Select(selected) => {
                next.session.selected = selected;
                next.open(Panel::Explain);
            }
            LiteAction::Share => {
                next.session.share = true;
                next.load_full();
            }
            LiteAction::FullLoaded(ok) => {
                next.loading_full = false;
                if ok {
                    next.handed_over = true;
                } else if self.loading_full {
                    // Only a load the user waits for reports its failure.
                    next.full_failed = true;
                    next.panel = Panel::Events;
                }
            }
        }
        Rc::new(next)
    }
}
