//! [`Playground`]: the session and its one update path.
//!
//! Crux-style: the page sends [`Msg`]s to [`Playground::update`], which changes
//! the playground and returns the [`Effect`]s the page has to show (a terminal
//! command's output). Every change to the cluster is recorded in the session's
//! log, and [`Playground::replay`] reaches the same cluster from that log: the
//! share link, the autosave and the handover from the first-load module are
//! session texts replayed here ([`Playground::restore`]).

pub mod command;
pub mod lesson;
pub mod what_if;
pub mod workspace;

use crate::lessons::{Lesson, LessonError};
use std::mem;
use std::rc::Rc;
use taintlab_core::Cluster;
use taintlab_core::Diagnostic;
use taintlab_core::actions;
use taintlab_core::actions::NodeAction;
use taintlab_core::recorded::{self, FIRST_FILE, next_speed};
use taintlab_core::session::Input;
use taintlab_core::session::Session;
use taintlab_core::view::ClusterView;
use taintlab_shell::Terminal;

use command::Entry;
use what_if::{WhatIf, WhatIfEvent};
use workspace::{Workspace, WorkspaceEvent};

/// The panel that explains what is selected.
const EXPLAIN: &str = "explain";

/// What the user (or the page on the user's behalf) asks of the playground.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The open file's text changed.
    Edit(String),
    /// Apply the open file: a workspace file to the API server, a manifest to
    /// its node.
    Apply,
    /// Keep the workspace (Ctrl/Cmd+S): writes an open manifest to its node,
    /// and marks the workspace saved.
    Save,
    /// One wall-clock second passed: time moves at the session's speed unless
    /// paused, or held while a change is still settling (see
    /// [`Playground::settle`]): a step would finish it in one go.
    Tick,
    /// Pause or resume simulated time.
    TogglePause,
    /// Let this many simulated seconds pass now.
    Step(u64),
    /// The next speed: 1×, 2×, 5×, 10×, then 1× again.
    NextSpeed,
    /// A button on a node card.
    Node(String, NodeAction),
    /// Open a panel, by the name the session keeps (`events`, `terminal`, ...).
    Open(String),
    /// Select an object (`pod/NAMESPACE/NAME`, `node/NAME`,
    /// `daemonset/NAMESPACE/NAME`) and open its explanation.
    Select(String),
    /// Run a line in the terminal, with its here-document's body.
    Command {
        /// The line as typed.
        line: String,
        /// The here-document's body.
        stdin: Option<String>,
    },
    /// Ctrl+C in the terminal: the lines typed so far, abandoned, not run.
    Interrupted(Vec<String>),
    /// Open a lesson and reset the cluster to its start (recorded in the log).
    StartLesson(&'static str),
    /// Read a lesson file (its name, for the errors, and its text: a file the
    /// learner chose, or one fetched from a `#lesson=` URL) and start it; the
    /// session carries the text. A text that does not read changes nothing but
    /// [`Playground::lesson_errors`].
    OpenLessonText {
        /// The file's name or URL, as errors name it.
        name: String,
        /// The lesson file.
        text: String,
    },
    /// Start the carried lesson again (its *Start over*).
    StartCarriedLesson,
    /// Back to the list of lessons; the cluster stays as it is.
    CloseLesson,
    /// Open, create, rename, delete or upload workspace files.
    Workspace(WorkspaceEvent),
    /// Replace everything with this session, replayed.
    Restore(Session),
    /// Start again from the built-in example.
    Reset,
    /// Replace the cluster (inputs from [`crate::import::Import::inputs`]).
    Import(Vec<Input>),
    /// Replace the cluster with an import: its inputs are logged, and the
    /// cluster that checking it made, when it carries one, is taken as their
    /// replay (the same inputs from a reset reach the same cluster), so a big
    /// cluster is not imported twice.
    Imported(Box<crate::import::Import>),
    /// The pending share (handed over by the first-load module) is done.
    Shared,
    /// Open, keep or drop a what-if copy of the cluster.
    WhatIf(WhatIfEvent),
}

/// What the page has to do after an update, beyond showing the new state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this command on the terminal's screen.
    Print(Entry),
    /// Clear the terminal's screen (`clear`).
    ClearScreen,
}

/// The playground: the session, the terminal that owns the simulated cluster,
/// the workspace, the open lesson and what the last apply or button said.
#[derive(Debug, Clone)]
pub struct Playground {
    terminal: Terminal,
    /// Shared, so that copying the playground (the page's reducer does, for
    /// every input) does not copy every card, and so that the page can tell an
    /// unchanged view by its address.
    view: Rc<ClusterView>,
    session: Session,
    workspace: Workspace,
    /// The open lesson: a built-in one, or [`Playground::carried`].
    lesson: Option<Rc<Lesson>>,
    /// The lesson the session carries ([`Session::lesson`]), read.
    carried: Option<Rc<Lesson>>,
    /// Why the last lesson text did not open.
    lesson_errors: Vec<LessonError>,
    diagnostics: Vec<Diagnostic>,
    applied: Vec<String>,
    failed: bool,
    action_error: Option<String>,
    /// The round budget the page asked for, kept for every cluster a restore,
    /// a reset or a lesson brings (`None`: changes settle before returning).
    round_budget: Option<usize>,
    /// The cluster as it is, while changes go to a what-if copy (then
    /// `terminal` owns the copy).
    what_if: Option<Box<WhatIf>>,
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new()
    }
}

impl Playground {
    /// The tutorial's starting point: its cluster and its DaemonSet in the
    /// workspace's one file.
    pub fn new() -> Playground {
        let cluster = Cluster::tutorial();
        Playground {
            view: Rc::new(ClusterView::of(&cluster)),
            terminal: Terminal::new(cluster),
            session: recorded::tutorial_session(),
            workspace: Workspace::default(),
            lesson: None,
            carried: None,
            lesson_errors: Vec::new(),
            diagnostics: Vec::new(),
            applied: Vec::new(),
            failed: false,
            action_error: None,
            round_budget: None,
            what_if: None,
        }
    }

    /// The tutorial's starting point with every input of `log` performed on it,
    /// as it was recorded: the same cluster, clock, terminal files and log as
    /// when the inputs were made one by one. The one replay of the page and the
    /// command line.
    pub fn replay(log: &[Input]) -> Playground {
        let mut playground = Playground::new();
        playground.perform_and_log(log.iter().cloned());
        playground
    }

    /// `session` replayed from the start, with its pending input performed as
    /// if the user had just asked for it: what a share link, the autosave and
    /// the handover from the first-load module open.
    pub fn restore(mut session: Session) -> Playground {
        let mut playground = match &session.fork {
            Some(fork) => Playground::replay_with_fork(&session.log, fork),
            None => Playground::replay(&session.log),
        };
        playground.carried = lesson::carried(&session);
        playground.lesson = lesson::from_panel(&session.panel, playground.carried.as_ref());
        let pending = session.pending.take();
        if session.files.is_empty() {
            // A session without files keeps the tutorial's workspace.
            playground.session.panel = mem::take(&mut session.panel);
            playground.session.lesson = session.lesson.take();
        } else {
            playground.session = session;
        }
        match pending {
            Some(Input::Node { node, action }) => playground.node_action(node, action),
            // The first-load module leaves a scheduler configuration to this
            // one: applied as Apply applies the open file.
            Some(Input::Apply(_)) => playground.apply(),
            _ => {}
        }
        playground
    }

    /// Changes the playground as `event` asks; returns what the page has to do
    /// beyond showing it.
    pub fn update(&mut self, event: Msg) -> Vec<Effect> {
        match event {
            Msg::Edit(text) => {
                if text != self.text() {
                    self.set_text(text);
                }
            }
            Msg::Apply => self.apply(),
            Msg::Save => self.save(),
            Msg::Tick => {
                if !self.session.paused && self.is_settled() {
                    self.advance(self.session.speed);
                }
            }
            Msg::TogglePause => self.session.paused = !self.session.paused,
            Msg::Step(seconds) => self.advance(seconds),
            Msg::NextSpeed => self.session.speed = next_speed(self.session.speed),
            Msg::Node(node, action) => self.node_action(node, action),
            Msg::Open(panel) => self.open(panel),
            Msg::Select(selected) => {
                self.session.selected = selected;
                self.open(EXPLAIN.into());
            }
            Msg::Command { line, stdin } => return self.run_command(line, stdin),
            Msg::Interrupted(lines) => return vec![self.interrupted(lines)],
            Msg::StartLesson(id) => self.start_lesson(id),
            Msg::OpenLessonText { name, text } => self.open_lesson_text(name, text),
            Msg::StartCarriedLesson => self.start_carried_lesson(),
            Msg::CloseLesson => self.close_lesson(),
            Msg::Workspace(event) => self.update_workspace(event),
            Msg::Restore(session) => {
                // Replayed without a budget, as a link opened anywhere else is.
                *self = Playground::restore(session).with_round_budget(self.round_budget)
            }
            Msg::Reset => *self = Playground::new().with_round_budget(self.round_budget),
            Msg::Import(inputs) => {
                // An import replaces the cluster, so a copy of the old one goes.
                self.discard_what_if();
                self.perform_and_log(inputs);
                self.clear_reports();
                self.session.selected.clear();
            }
            Msg::Imported(import) => {
                let inputs = import.inputs();
                if import.prepared.0.is_some() {
                    let mut cluster = import.into_cluster();
                    cluster.set_round_budget(self.round_budget);
                    *self.terminal.cluster_mut() = cluster;
                    for input in inputs {
                        self.session.record(input);
                    }
                    self.refresh();
                } else {
                    self.perform_and_log(inputs);
                }
                self.clear_reports();
                self.session.selected.clear();
            }
            Msg::Shared => self.session.share = false,
            Msg::WhatIf(event) => self.update_what_if(event),
        }
        Vec::new()
    }

    /// Sets the most rounds of the control loops a change runs before
    /// [`Playground::update`] returns (`None`, the default: until they are
    /// quiet). The page sets one so that a big change (a Deployment of 10,000
    /// replicas) returns early and [`Playground::settle`] finishes it between
    /// frames; the command line and the tests keep none. The budget changes when
    /// the work is done, never what it reaches: a change, a clock step or a
    /// terminal command first finishes the one before, and a replay (a share
    /// link, the autosave) runs without a budget to the same cluster.
    pub fn set_round_budget(&mut self, rounds: Option<usize>) {
        self.round_budget = rounds;
        self.terminal.cluster_mut().set_round_budget(rounds);
    }

    fn with_round_budget(mut self, rounds: Option<usize>) -> Playground {
        self.set_round_budget(rounds);
        self
    }

    /// Whether the last change has run to its end (always, without a round budget).
    pub fn is_settled(&self) -> bool {
        self.cluster().is_settled()
    }

    /// Runs the control loops of an unsettled change, one round at a time, while
    /// `more` says so (it is asked before each round), then refreshes the view
    /// once if any round ran; returns whether the cluster is settled. Not logged:
    /// these rounds belong to the logged change, and a replay runs them without
    /// being asked.
    pub fn settle(&mut self, mut more: impl FnMut() -> bool) -> bool {
        let mut ran = false;
        while !self.is_settled() && more() {
            self.terminal.cluster_mut().settle(1);
            ran = true;
        }
        if ran {
            self.refresh();
        }
        self.is_settled()
    }

    /// Finishes an unsettled change now, for what reads the cluster as a whole
    /// (a terminal command prints what a run without a budget would print).
    fn settle_fully(&mut self) {
        if !self.is_settled() {
            self.terminal.cluster_mut().settle(usize::MAX);
            self.refresh();
        }
    }

    /// The simulated cluster.
    pub fn cluster(&self) -> &Cluster {
        self.terminal.cluster()
    }

    /// The terminal, which owns the cluster (for its prompt and Tab completion).
    pub fn terminal(&self) -> &Terminal {
        &self.terminal
    }

    /// The view of the cluster, computed by core after every change.
    pub fn view(&self) -> &ClusterView {
        &self.view
    }

    /// The same view, shared: a new one (a new address) after every change to the
    /// cluster, the same one otherwise.
    pub fn shared_view(&self) -> Rc<ClusterView> {
        Rc::clone(&self.view)
    }

    /// Workspace files, time controls, history and the input log.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The workspace beyond the session's files: node manifests open or edited.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The open lesson (kept in the session as the panel `lessons/ID`, or
    /// `lessons/file/ID` for the carried one).
    pub fn lesson(&self) -> Option<&Lesson> {
        self.lesson.as_deref()
    }

    /// The open lesson's id.
    pub fn lesson_id(&self) -> Option<&str> {
        self.lesson().map(|l| l.id.as_str())
    }

    /// Errors and warnings from the last apply.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// `kubectl apply` lines from the last successful apply.
    pub fn applied(&self) -> &[String] {
        &self.applied
    }

    /// Whether the last apply failed.
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Why the last node button did nothing, in the words of its command.
    pub fn action_error(&self) -> Option<&str> {
        self.action_error.as_deref()
    }

    /// The open file's text: a manifest's (its draft, else the node's file), or
    /// the open workspace file's.
    pub fn text(&self) -> &str {
        if let Some(text) = self.workspace.manifest_text(self.terminal.cluster()) {
            return text;
        }
        self.session
            .files
            .get(self.session.active)
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
    }

    fn set_text(&mut self, text: String) {
        self.workspace.saved = false;
        if self.workspace.manifest.is_some() {
            return self
                .workspace
                .set_manifest_text(text, self.terminal.cluster());
        }
        match self.session.files.get_mut(self.session.active) {
            Some(file) => file.1 = text,
            None => self.session.files.push((FIRST_FILE.into(), text)),
        }
    }

    /// Performs one logged input without logging it: the cluster's inputs on
    /// the cluster, a terminal line or file on the terminal. An input that
    /// fails changes nothing, now as when it was recorded.
    fn perform(&mut self, input: &Input) {
        // Its output was shown when it ran; replaying needs its effect only.
        crate::terminal_session::replay(&mut self.terminal, input);
    }

    /// Performs `inputs` as a replay does and logs each one, then refreshes
    /// the view once.
    fn perform_and_log(&mut self, inputs: impl IntoIterator<Item = Input>) {
        for input in inputs {
            self.perform(&input);
            self.session.record(input);
        }
        self.refresh();
    }

    /// Records `input`, which the cluster has already taken.
    fn logged(&mut self, input: Input) {
        self.session.record(input);
        self.refresh();
    }

    /// The view after a change to the cluster.
    fn refresh(&mut self) {
        self.view = Rc::new(ClusterView::of(self.terminal.cluster()));
        self.refresh_diff();
    }

    /// Forgets what the last apply and the last button said.
    fn clear_reports(&mut self) {
        self.diagnostics.clear();
        self.applied.clear();
        self.failed = false;
        self.action_error = None;
    }

    /// Lets `seconds` of simulated time pass, as one logged step.
    fn advance(&mut self, seconds: u64) {
        recorded::advance(self.terminal.cluster_mut(), &mut self.session, seconds);
        self.advance_base(seconds);
        self.refresh();
    }

    /// A button on a node card; a refused change leaves the cluster as it was
    /// and is not logged.
    fn node_action(&mut self, node: String, action: NodeAction) {
        match actions::apply(self.terminal.cluster_mut(), &node, &action) {
            Ok(command) => {
                self.session.history.push(command);
                self.action_error = None;
                self.logged(Input::Node { node, action });
            }
            Err(message) => self.action_error = Some(message),
        }
    }

    /// Applies the open workspace file's text to the cluster, all or nothing:
    /// on errors the cluster and the text stay as they were.
    fn apply_text(&mut self) {
        let text = self.text().to_string();
        match recorded::apply(self.terminal.cluster_mut(), &mut self.session, &text) {
            Ok(report) => {
                self.applied = report.lines;
                self.diagnostics = report.warnings;
                self.failed = false;
                self.refresh();
            }
            Err(errors) => {
                self.diagnostics = errors;
                self.applied = Vec::new();
                self.failed = true;
            }
        }
    }

    /// Opens the panel the session names `panel`.
    fn open(&mut self, panel: String) {
        self.session.panel = panel;
        self.remember_lesson();
    }
}

#[cfg(test)]
mod tests;
