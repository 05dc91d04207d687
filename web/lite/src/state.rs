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
use taintlab_core::actions::NodeAction;
use taintlab_core::recorded::{self, FIRST_FILE};
use taintlab_core::session::Input;
use taintlab_core::session::Session;
use taintlab_core::view::ClusterView;
use taintlab_ui::{GRID_AT, Lang, Panel};
use yew::Reducible;

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
            session: recorded::tutorial_session(),
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

    /// Lets `seconds` of simulated time pass, as one logged step.
    fn advance(&mut self, seconds: u64) {
        recorded::advance(&mut self.cluster, &mut self.session, seconds);
        self.view = ClusterView::of(&self.cluster);
    }

    /// Applies the editor's text, all or nothing: on errors the cluster is as
    /// it was. A cluster past [`GRID_AT`] nodes needs the full module's grid.
    ///
    /// A `KubeSchedulerConfiguration` is the full module's to apply: its
    /// decoder stays out of this module's size budget (`xtask/src/dist.rs`).
    fn apply(&mut self) {
        let text = self.text().to_string();
        if recorded::is_scheduler_config(&text) {
            self.session.pending = Some(Input::Apply(text));
            self.load_full();
            return;
        }
        match self.cluster.apply(&text) {
            Ok(report) => {
                self.session.record(Input::Apply(text));
                self.applied = report.lines;
                self.diagnostics = report.warnings;
                self.failed = false;
                self.view = ClusterView::of(&self.cluster);
                if self.view.nodes.len() > GRID_AT {
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
            LiteAction::NextSpeed => next.session.speed = recorded::next_speed(self.session.speed),
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

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::TUTORIAL_DAEMONSET;

    fn reduce(state: LiteState, action: LiteAction) -> LiteState {
        Rc::unwrap_or_clone(Rc::new(state).reduce(action))
    }

    #[test]
    fn apply_logs_what_the_full_module_replays() {
        let state = reduce(LiteState::new(Lang::En), LiteAction::Apply);
        let state = reduce(state, LiteAction::Tick);
        let state = reduce(state, LiteAction::Step(1));
        assert!(!state.failed);
        assert_eq!(
            state.session.log,
            [
                Input::Apply(TUTORIAL_DAEMONSET.into()),
                Input::Advance {
                    seconds: 1,
                    times: 2
                }
            ]
        );
        assert_eq!(state.cluster.now().as_secs(), 2);
    }

    #[test]
    fn a_failed_apply_keeps_the_text_and_the_cluster() {
        let state = reduce(
            LiteState::new(Lang::En),
            LiteAction::Edit("kind: Pod\n".into()),
        );
        let state = reduce(state, LiteAction::Apply);
        assert!(state.failed);
        assert_eq!(state.text(), "kind: Pod\n");
        assert!(state.session.log.is_empty());
        assert_eq!(state.cluster.pods().count(), 0);
    }

    #[test]
    fn a_scheduler_configuration_is_applied_by_the_full_module() {
        let config =
            "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";
        let state = reduce(LiteState::new(Lang::En), LiteAction::Edit(config.into()));
        let state = reduce(state, LiteAction::Apply);
        assert!(state.loading_full);
        assert_eq!(state.session.pending, Some(Input::Apply(config.into())));
        assert!(state.session.log.is_empty(), "applied by the full module");
    }

    #[test]
    fn what_this_module_cannot_do_goes_to_the_full_one() {
        let state = reduce(
            LiteState::new(Lang::En),
            LiteAction::Node("worker".into(), NodeAction::Cordon),
        );
        assert!(state.loading_full);
        assert_eq!(
            state.session.pending,
            Some(Input::Node {
                node: "worker".into(),
                action: NodeAction::Cordon
            })
        );
        assert!(state.session.log.is_empty(), "performed by the full module");
        let state = reduce(LiteState::new(Lang::En), LiteAction::Share);
        assert!(state.session.share && state.loading_full);
        let state = reduce(
            LiteState::new(Lang::En),
            LiteAction::Select("node/master".into()),
        );
        assert_eq!(state.panel, Panel::Explain);
        assert_eq!(state.session.panel, "explain");
        assert_eq!(state.session.selected, "node/master");
        assert!(state.loading_full);
    }

    #[test]
    fn a_large_cluster_needs_the_full_modules_grid() {
        let nodes: String = (0..GRID_AT + 1)
            .map(|i| format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: n{i}\n---\n"))
            .collect();
        let state = reduce(LiteState::new(Lang::En), LiteAction::Edit(nodes));
        let state = reduce(state, LiteAction::Apply);
        assert!(state.view.nodes.len() > GRID_AT);
        assert!(state.loading_full);
    }

    #[test]
    fn only_a_load_the_user_waits_for_reports_its_failure() {
        let state = reduce(LiteState::new(Lang::En), LiteAction::FullLoaded(false));
        assert!(!state.full_failed, "the background load");
        let state = reduce(LiteState::new(Lang::En), LiteAction::Open(Panel::Terminal));
        let state = reduce(state, LiteAction::FullLoaded(false));
        assert!(state.full_failed);
        assert_eq!(state.panel, Panel::Events);
        let state = reduce(state, LiteAction::FullLoaded(true));
        assert!(state.handed_over);
        let ticked = reduce(state.clone(), LiteAction::Tick);
        assert_eq!(
            ticked.cluster.now(),
            state.cluster.now(),
            "nothing after the handover"
        );
    }

    #[test]
    fn the_speed_cycles_and_a_paused_clock_stands_still() {
        let mut state = LiteState::new(Lang::En);
        for speed in [2, 5, 10, 1] {
            state = reduce(state, LiteAction::NextSpeed);
            assert_eq!(state.session.speed, speed);
        }
        let state = reduce(state, LiteAction::TogglePause);
        let state = reduce(state, LiteAction::Tick);
        assert_eq!(state.cluster.now().as_secs(), 0);
        let state = reduce(state, LiteAction::Load(TUTORIAL_DAEMONSET));
        assert!(!state.session.has_work());
    }
}
