//! What if: a copy of the cluster to try changes on before making them.
//!
//! While a copy is open, every change (an apply, a node button, a terminal
//! command) goes to the copy, which the page shows and explains as the
//! cluster; the cluster as it is stays aside and only lets time pass, step for
//! step with the copy. [`taintlab_core::what_if::diff`] compares the two after
//! each change. The session keeps both ([`Fork`]): a share link or the
//! autosave replays the cluster to the copy's start, makes the copy, then
//! plays each one's inputs.

use super::Playground;
use std::rc::Rc;
use taintlab_core::clock::Time;
use taintlab_core::session::{Fork, Input};
use taintlab_core::view::ClusterView;
use taintlab_core::what_if::{Diff, diff};
use taintlab_shell::Terminal;

/// What the page asks of a what-if copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatIfEvent {
    /// Copy the cluster; changes go to the copy from now on.
    Start,
    /// Make the copy the cluster: its changes are kept, as if made directly.
    Keep,
    /// Drop the copy and its changes; back to the cluster as it is.
    Discard,
    /// Apply the open workspace file to both clusters: the same workload under
    /// two scheduler configurations, or after two different changes.
    ApplyToBoth,
}

/// The cluster as it is, kept aside while changes go to a copy.
#[derive(Debug, Clone)]
pub struct WhatIf {
    /// The terminal that owns the cluster as it is.
    base: Terminal,
    /// Its view, after each of its steps.
    base_view: Rc<ClusterView>,
    /// When the copy was made (evictions are counted from it).
    since: Time,
    /// The copy compared with the cluster as it is, after the last change
    /// that settled.
    diff: Rc<Diff>,
}

impl WhatIf {
    /// The cluster as it is.
    pub fn base(&self) -> &taintlab_core::Cluster {
        self.base.cluster()
    }

    /// Its view, shared: a new one (a new address) after each of its steps.
    pub fn base_view(&self) -> Rc<ClusterView> {
        Rc::clone(&self.base_view)
    }

    /// What the copy would change, pod by pod.
    pub fn diff(&self) -> Rc<Diff> {
        Rc::clone(&self.diff)
    }

    /// When the copy was made.
    pub fn since(&self) -> Time {
        self.since
    }
}

impl Playground {
    /// The open what-if copy's other half (the cluster as it is), if a copy is
    /// open; [`Playground::cluster`] is then the copy.
    pub fn what_if(&self) -> Option<&WhatIf> {
        self.what_if.as_deref()
    }

    pub(super) fn update_what_if(&mut self, event: WhatIfEvent) {
        match event {
            WhatIfEvent::Start => self.start_what_if(),
            WhatIfEvent::Keep => self.keep_what_if(),
            WhatIfEvent::Discard => self.discard_what_if(),
            WhatIfEvent::ApplyToBoth => self.apply_to_both(),
        }
    }

    /// Applies the open workspace file to the cluster as it is, then, if it
    /// took it, to the copy as Apply does (its report is the copy's). Refused
    /// by the cluster as it is, it changes neither, and its errors are shown.
    /// A manifest open in the editor is not a file to apply: nothing happens.
    fn apply_to_both(&mut self) {
        if self.workspace.manifest.is_some() {
            return;
        }
        let text = self.text().to_string();
        let Some(what_if) = self.what_if.as_deref_mut() else {
            return;
        };
        match taintlab_core::recorded::apply_text(what_if.base.cluster_mut(), &text) {
            Ok(_) => {
                what_if.base_view = Rc::new(ClusterView::of(what_if.base.cluster()));
                self.session.record_base(Input::Apply(text));
                self.apply();
            }
            Err(errors) => {
                self.diagnostics = errors;
                self.applied = Vec::new();
                self.failed = true;
            }
        }
    }

    /// Copies the cluster (a change still settling is finished first, so both
    /// start from the same state).
    pub(super) fn start_what_if(&mut self) {
        if self.what_if.is_some() {
            return;
        }
        self.settle_fully();
        let mut base = self.terminal.clone();
        // The cluster as it is runs its steps whole; only the copy, which the
        // page shows as the cluster, settles between frames.
        base.cluster_mut().set_round_budget(None);
        self.what_if = Some(Box::new(WhatIf {
            since: base.cluster().now(),
            base_view: Rc::clone(&self.view),
            diff: Rc::new(Diff::default()),
            base,
        }));
        self.session.fork = Some(Fork {
            at: self.session.log.len(),
            log: Vec::new(),
        });
        self.clear_reports();
    }

    /// The copy becomes the cluster: the session's log is the log up to the
    /// copy, then the copy's own inputs (which hold every step since, too).
    fn keep_what_if(&mut self) {
        if let Some(fork) = self.session.fork.take() {
            self.session.log.truncate(fork.at);
            self.session.log.extend(fork.log);
        }
        self.what_if = None;
        self.refresh();
    }

    /// Back to the cluster as it is; the copy's changes are gone.
    pub(super) fn discard_what_if(&mut self) {
        let Some(what_if) = self.what_if.take() else {
            return;
        };
        self.session.fork = None;
        self.terminal = what_if.base;
        self.terminal
            .cluster_mut()
            .set_round_budget(self.round_budget);
        self.clear_reports();
        self.refresh();
    }

    /// Lets the same `seconds` pass for the cluster as it is as for the copy.
    pub(super) fn advance_base(&mut self, seconds: u64) {
        let Some(what_if) = self.what_if.as_deref_mut() else {
            return;
        };
        what_if.base.cluster_mut().advance(seconds);
        what_if.base_view = Rc::new(ClusterView::of(what_if.base.cluster()));
        self.session
            .record_base(Input::Advance { seconds, times: 1 });
    }

    /// Compares the copy with the cluster as it is again, once the copy's
    /// change has settled (a step of a settling change compares nothing: the
    /// last comparison stands until it ends).
    pub(super) fn refresh_diff(&mut self) {
        let settled = self.is_settled();
        if let Some(what_if) = self.what_if.as_deref_mut()
            && settled
        {
            what_if.diff = Rc::new(diff(
                what_if.base.cluster(),
                self.terminal.cluster(),
                what_if.since,
            ));
        }
    }

    /// A session with a copy open, replayed: the log up to the copy, the copy
    /// made, then the cluster as it is gets the rest of the log and the copy
    /// its own inputs.
    pub(super) fn replay_with_fork(log: &[Input], fork: &Fork) -> Playground {
        let at = fork.at.min(log.len());
        let mut playground = Playground::replay(&log[..at]);
        playground.start_what_if();
        if let Some(what_if) = playground.what_if.as_deref_mut() {
            for input in &log[at..] {
                crate::terminal_session::replay(&mut what_if.base, input);
                playground.session.record_base(input.clone());
            }
            what_if.base_view = Rc::new(ClusterView::of(what_if.base.cluster()));
        }
        playground.perform_and_log(fork.log.iter().cloned());
        playground
    }
}
