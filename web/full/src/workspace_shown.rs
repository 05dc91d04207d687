//! What the workspace panel shows, as values: the panel, its file forms and
//! its diagnostics compare it, so they render again when it changes and not on
//! every clock tick.

use crate::state::AppState;
use std::rc::Rc;
use taintlab_core::Diagnostic;
use taintlab_playground::{Target, Workspace};
use taintlab_ui::i18n::Lang;

/// Everything the workspace panel (with its file forms and diagnostics) shows,
/// as values: the panel renders again when one of them changes, not on every
/// clock tick.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkspaceShown {
    /// UI language.
    pub lang: Lang,
    /// The names of the session's files (their texts are not compared on every
    /// render: the open one is [`WorkspaceShown::text`]).
    pub files: Vec<String>,
    /// Manifests open, drafts, what the last operation said.
    pub workspace: Workspace,
    /// The open file.
    pub target: Target,
    /// The open file's text, shared with the state ([`AppState::text`]): no copy
    /// of a text of megabytes per render, and an unchanged text compares by
    /// address.
    pub text: Rc<str>,
    /// Each node with manifest files, and their names.
    pub groups: Vec<(String, Vec<String>)>,
    /// The nodes' names.
    pub nodes: Vec<String>,
    /// Where a static pod snippet goes first.
    pub static_node: Option<String>,
    /// Errors and warnings from the last apply.
    pub diagnostics: Vec<Diagnostic>,
    /// `kubectl apply` lines from the last apply.
    pub applied: Vec<String>,
    /// Whether the last apply failed.
    pub failed: bool,
    /// Whether a what-if copy is open (Apply goes to the copy, and a second
    /// button applies to both clusters).
    pub what_if: bool,
}

impl WorkspaceShown {
    /// What `state` shows in the workspace panel.
    pub fn of(state: &AppState) -> WorkspaceShown {
        let pg = &state.pg;
        WorkspaceShown {
            lang: state.lang,
            files: pg
                .session()
                .files
                .iter()
                .map(|(name, _)| name.clone())
                .collect(),
            workspace: pg.workspace().clone(),
            target: pg.target(),
            text: Rc::clone(&state.text),
            groups: pg.manifest_groups(),
            nodes: pg
                .cluster()
                .nodes()
                .map(|n| n.metadata.name.clone())
                .collect(),
            static_node: first_static_node(state),
            diagnostics: pg.diagnostics().to_vec(),
            applied: pg.applied().to_vec(),
            failed: pg.failed(),
            what_if: pg.what_if().is_some(),
        }
    }
}

/// The node a static pod snippet is offered for first: a control-plane node if
/// there is one (that is where kubeadm keeps its static pods), else the first node.
fn first_static_node(state: &AppState) -> Option<String> {
    let nodes: Vec<_> = state.pg.cluster().nodes().collect();
    nodes
        .iter()
        .find(|n| n.is_control_plane())
        .or(nodes.first())
        .map(|n| n.metadata.name.clone())
}
