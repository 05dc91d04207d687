//! The workspace: the session's files, plus the nodes' static pod manifests
//! (`/etc/kubernetes/manifests`), which live in the cluster.
//!
//! A workspace file is kept in the session's files. A manifest's truth is the
//! node's file: the editor shows it, edits stay a draft here until they are
//! applied or saved, and writing one goes through the session log
//! ([`Input::Manifest`]) like every other change to the cluster.

use super::{FIRST_FILE, Playground};
use crate::bundle::Bundle;
use taintlab_core::Cluster;
use taintlab_core::cluster::STATIC_POD_PATH;
use taintlab_core::cluster::manifest_diagnostics;
use taintlab_core::file_name::NameError;
use taintlab_core::file_name::name_error;
use taintlab_core::file_name::unique_name;
use taintlab_core::session::Input;

/// A file in a node's manifest directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRef {
    /// The node's name.
    pub node: String,
    /// The file's name in `/etc/kubernetes/manifests`.
    pub file: String,
}

/// Which file something is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A workspace file, by name.
    File(String),
    /// A node's manifest.
    Manifest(ManifestRef),
}

impl Target {
    /// The file as a path: `redis-ds.yaml` or `master:/etc/kubernetes/manifests/web.yaml`.
    pub fn path(&self) -> String {
        match self {
            Target::File(name) => name.clone(),
            Target::Manifest(at) => format!("{}:{STATIC_POD_PATH}/{}", at.node, at.file),
        }
    }
}

/// A manifest edited in the workspace and not written to its node yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Which manifest.
    pub at: ManifestRef,
    /// The edited text.
    pub text: String,
}

/// What the workspace holds beyond the session's files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Workspace {
    /// The manifest open in the editor; `None` when a workspace file is open.
    pub manifest: Option<ManifestRef>,
    /// Manifests edited (or created) and not written yet. They are not part of
    /// the session, so they do not survive a reload; written manifests do.
    pub drafts: Vec<Draft>,
    /// Whether the workspace was kept (Ctrl/Cmd+S) since its last change.
    pub saved: bool,
    /// The file the current diagnostics are about.
    pub diagnostics_of: Option<Target>,
    /// The manifest the last apply wrote to its node.
    pub written: Option<ManifestRef>,
    /// Why the last workspace operation did nothing, or did not take every file.
    pub errors: Vec<FileError>,
    /// kubectl's refusal of the last apply, when it refused the input as a whole.
    pub refusal: Option<String>,
}

impl Workspace {
    fn draft(&self, at: &ManifestRef) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.at == *at)
    }

    /// The open manifest's text (its draft, else the node's file), if a manifest is open.
    pub fn manifest_text<'a>(&'a self, cluster: &'a Cluster) -> Option<&'a str> {
        let at = self.manifest.as_ref()?;
        Some(match self.draft(at) {
            Some(draft) => &draft.text,
            None => on_node(cluster, at).unwrap_or_default(),
        })
    }

    /// Edits the open manifest: a draft, unless the text is what the node has.
    pub fn set_manifest_text(&mut self, text: String, cluster: &Cluster) {
        let Some(at) = self.manifest.clone() else {
            return;
        };
        self.drafts.retain(|d| d.at != at);
        if on_node(cluster, &at) != Some(text.as_str()) {
            self.drafts.push(Draft { at, text });
        }
    }

    /// Whether `at` has edits its node does not have yet.
    pub fn is_draft(&self, at: &ManifestRef) -> bool {
        self.draft(at).is_some()
    }
}

/// The content of a manifest on its node.
pub fn on_node<'a>(cluster: &'a Cluster, at: &ManifestRef) -> Option<&'a str> {
    cluster
        .node_runtime(&at.node)
        .and_then(|r| r.manifests.get(&at.file))
        .map(String::as_str)
}

/// The open file.
fn target(state: &Playground) -> Target {
    match &state.workspace.manifest {
        Some(at) => Target::Manifest(at.clone()),
        None => Target::File(
            state
                .session
                .files
                .get(state.session.active)
                .map(|(name, _)| name.clone())
                .unwrap_or_default(),
        ),
    }
}

/// Each node with manifest files (on the node, or drafts), and those files' names,
/// sorted by node and file.
fn manifest_groups(state: &Playground) -> Vec<(String, Vec<String>)> {
    let mut all: Vec<(String, String)> = state
        .cluster()
        .manifests()
        .map(|(node, file, _)| (node.to_string(), file.to_string()))
        .collect();
    let extra = state
        .workspace
        .drafts
        .iter()
        .map(|d| &d.at)
        .chain(state.workspace.manifest.as_ref());
    for at in extra {
        if !all.iter().any(|(n, f)| *n == at.node && *f == at.file) {
            all.push((at.node.clone(), at.file.clone()));
        }
    }
    all.sort();
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (node, file) in all {
        match groups.last_mut() {
            Some((n, files)) if *n == node => files.push(file),
            _ => groups.push((node, vec![file])),
        }
    }
    groups
}

/// Why a workspace operation did nothing (or left a file out); the page says
/// it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// `name` cannot name a file there.
    Name {
        /// The name refused.
        name: String,
        /// Why.
        error: NameError,
    },
    /// The node does not exist (kubectl's `nodes "NAME" not found`).
    NodeNotFound(String),
    /// An upload could not be read: the reader's message.
    Unreadable(String),
}

impl FileError {
    /// kubectl's words for a node that does not exist.
    pub fn not_found(node: &str) -> String {
        format!("Error from server (NotFound): nodes \"{node}\" not found")
    }
}

/// Where a new file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The workspace.
    Workspace,
    /// A node's manifest directory.
    Node(String),
}

/// What the workspace's controls ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkspaceEvent {
    /// Open a workspace file by index.
    OpenFile(usize),
    /// Open a workspace file by name (nothing happens if there is none).
    OpenFileNamed(String),
    /// Open a node's manifest.
    OpenManifest(ManifestRef),
    /// Create a file and open it.
    New {
        /// Where.
        location: Location,
        /// Its name.
        name: String,
        /// Its first text.
        text: String,
    },
    /// Rename the open file.
    Rename(String),
    /// Delete the open file.
    Delete,
    /// Files read from the user's disk: workspace files, or a bundle's files and manifests.
    Upload(Bundle),
    /// An upload could not be read.
    UploadFailed(String),
    /// Forget the last error.
    DismissError,
    /// Open YAML from elsewhere (a lesson's hint) in a file of its own: the file
    /// named after its first object, created if there is none, so that the open
    /// file keeps what was typed in it.
    OpenYaml(String),
}

/// The workspace file for `text`: its first object's name, or `lesson.yaml`.
fn file_for(state: &Playground, text: &str) -> String {
    state
        .cluster()
        .decode(text)
        .ok()
        .and_then(|d| {
            d.objects.first().and_then(|o| {
                o.raw
                    .get("metadata")?
                    .get("name")?
                    .as_str()
                    .map(str::to_string)
            })
        })
        .filter(|name| name_error(&format!("{name}.yaml"), std::iter::empty()).is_none())
        .map_or_else(|| "lesson.yaml".to_string(), |name| format!("{name}.yaml"))
}

/// Apply (the button, Ctrl/Cmd+Enter): a workspace file goes to the API server; a
/// manifest is written to its node, where the kubelet picks it up.
fn apply(state: &mut Playground) {
    let target = target(state);
    state.workspace.errors.clear();
    state.workspace.written = None;
    state.workspace.refusal = None;
    match &target {
        Target::Manifest(at) => write_manifest(state, at.clone()),
        // Models kubectl's refusal of input without objects (apply.go): nothing is
        // applied or logged.
        Target::File(_) if matches!(state.cluster().decode(state.text()), Ok(d) if d.objects.is_empty()) =>
        {
            state.diagnostics = Vec::new();
            state.applied = Vec::new();
            state.failed = true;
            state.workspace.refusal = Some("error: no objects passed to apply".to_string());
        }
        Target::File(_) => state.apply_text(),
    }
    state.workspace.diagnostics_of = Some(target);
}

/// Save (Ctrl/Cmd+S): writes an open manifest to its node and marks the workspace kept.
fn save(state: &mut Playground) {
    if state.workspace.manifest.is_some() {
        apply(state);
    }
    state.workspace.saved = true;
}

/// Writes the open manifest's text to its node, as a logged input, and reports
/// what the kubelet makes of it.
fn write_manifest(state: &mut Playground, at: ManifestRef) {
    let text = state.text().to_string();
    if state.cluster().node(&at.node).is_none() {
        state.diagnostics = Vec::new();
        state.failed = true;
        state.workspace.errors = vec![FileError::NodeNotFound(at.node)];
        return;
    }
    state.workspace.drafts.retain(|d| d.at != at);
    state.diagnostics = manifest_diagnostics(&text, &at.file);
    state.applied = Vec::new();
    state.failed = false;
    change_manifest(state, Input::manifest(&at.node, &at.file, Some(text)));
    state.workspace.written = Some(at);
}

/// Changes a node's manifest directory exactly as replaying `input` will, and
/// logs it.
fn change_manifest(state: &mut Playground, input: Input) {
    state.perform(&input);
    state.logged(input);
}

/// Removes a manifest from its node, as a logged input.
fn remove_manifest(state: &mut Playground, at: &ManifestRef) {
    if on_node(state.cluster(), at).is_some() {
        change_manifest(state, Input::manifest(&at.node, &at.file, None));
    }
}

/// The other names in the folder `target` is in.
fn names_beside(state: &Playground, target: &Target) -> Vec<String> {
    match target {
        Target::File(name) => state
            .session
            .files
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| n != name)
            .collect(),
        Target::Manifest(at) => manifest_groups(state)
            .into_iter()
            .filter(|(node, _)| *node == at.node)
            .flat_map(|(_, files)| files)
            .filter(|f| *f != at.file)
            .collect(),
    }
}

/// The names in a folder, for new files.
fn names_in(state: &Playground, location: &Location) -> Vec<String> {
    match location {
        Location::Workspace => state.session.files.iter().map(|(n, _)| n.clone()).collect(),
        Location::Node(node) => manifest_groups(state)
            .into_iter()
            .filter(|(n, _)| n == node)
            .flat_map(|(_, files)| files)
            .collect(),
    }
}

fn open_file(state: &mut Playground, index: usize) {
    if index < state.session.files.len() {
        state.session.active = index;
        state.workspace.manifest = None;
    }
}

/// Changes the workspace.
fn reduce(state: &mut Playground, action: WorkspaceEvent) {
    state.workspace.errors.clear();
    match action {
        WorkspaceEvent::OpenFile(index) => open_file(state, index),
        WorkspaceEvent::OpenFileNamed(name) => {
            if let Some(index) = state.session.files.iter().position(|(n, _)| *n == name) {
                open_file(state, index);
            }
        }
        WorkspaceEvent::OpenManifest(at) => state.workspace.manifest = Some(at),
        WorkspaceEvent::New {
            location,
            name,
            text,
        } => {
            let taken = names_in(state, &location);
            if let Some(error) = name_error(&name, taken.iter().map(String::as_str)) {
                state.workspace.errors = vec![FileError::Name { name, error }];
                return;
            }
            match location {
                Location::Workspace => {
                    state.session.files.push((name, text));
                    open_file(state, state.session.files.len() - 1);
                }
                Location::Node(node) => {
                    if state.cluster().node(&node).is_none() {
                        state.workspace.errors = vec![FileError::NodeNotFound(node)];
                        return;
                    }
                    let at = ManifestRef { node, file: name };
                    // A new manifest is a draft until it is saved to the node.
                    state.workspace.drafts.push(Draft {
                        at: at.clone(),
                        text,
                    });
                    state.workspace.manifest = Some(at);
                }
            }
            state.workspace.saved = false;
        }
        WorkspaceEvent::Rename(to) => rename(state, to),
        WorkspaceEvent::Delete => delete(state),
        WorkspaceEvent::Upload(bundle) => upload(state, bundle),
        WorkspaceEvent::UploadFailed(error) => {
            state.workspace.errors = vec![FileError::Unreadable(error)]
        }
        WorkspaceEvent::DismissError => {}
        WorkspaceEvent::OpenYaml(text) => {
            let name = file_for(state, &text);
            match state.session.files.iter().position(|(n, _)| *n == name) {
                Some(index) => {
                    open_file(state, index);
                    state.set_text(text);
                }
                None => {
                    state.session.files.push((name, text));
                    open_file(state, state.session.files.len() - 1);
                }
            }
            state.workspace.saved = false;
        }
    }
}

fn rename(state: &mut Playground, to: String) {
    let target = target(state);
    let taken = names_beside(state, &target);
    if let Some(error) = name_error(&to, taken.iter().map(String::as_str)) {
        state.workspace.errors = vec![FileError::Name { name: to, error }];
        return;
    }
    if state.workspace.diagnostics_of.as_ref() == Some(&target) {
        state.workspace.diagnostics_of = None;
    }
    match target {
        Target::File(_) => {
            if let Some(file) = state.session.files.get_mut(state.session.active) {
                file.0 = to;
            }
        }
        Target::Manifest(from) => {
            let text = state.text().to_string();
            let to = ManifestRef {
                node: from.node.clone(),
                file: to,
            };
            let was_on_node = on_node(state.cluster(), &from).is_some();
            state.workspace.drafts.retain(|d| d.at != from);
            if was_on_node {
                // `mv` on the node: the file under its new name, then the old one gone.
                let saved = on_node(state.cluster(), &from).map(str::to_string);
                if let Some(saved) = saved {
                    let input = Input::manifest(&to.node, &to.file, Some(saved.clone()));
                    change_manifest(state, input);
                    if saved != text {
                        state.workspace.drafts.push(Draft {
                            at: to.clone(),
                            text,
                        });
                    }
                }
                remove_manifest(state, &from);
            } else {
                state.workspace.drafts.push(Draft {
                    at: to.clone(),
                    text,
                });
            }
            state.workspace.manifest = Some(to);
        }
    }
    state.workspace.saved = false;
}

fn delete(state: &mut Playground) {
    let target = target(state);
    if state.workspace.diagnostics_of.as_ref() == Some(&target) {
        state.workspace.diagnostics_of = None;
    }
    match target {
        Target::File(_) => {
            let at = state.session.active;
            if at < state.session.files.len() {
                state.session.files.remove(at);
            }
            if state.session.files.is_empty() {
                state.session.files.push((FIRST_FILE.into(), String::new()));
            }
            state.session.active = at.min(state.session.files.len() - 1);
        }
        Target::Manifest(at) => {
            state.workspace.drafts.retain(|d| d.at != at);
            remove_manifest(state, &at);
            state.workspace.manifest = None;
            if state.workspace.written.as_ref() == Some(&at) {
                state.workspace.written = None;
            }
        }
    }
    state.workspace.saved = false;
}

/// Adds uploaded files under names of their own (a name already taken gets a
/// number), opens the last one, and writes a bundle's manifests to their nodes.
fn upload(state: &mut Playground, bundle: Bundle) {
    let mut missing = Vec::new();
    for (name, text) in bundle.files {
        // An archive is anyone's: a name the workspace refuses stays out.
        if let Some(error) = name_error(&name, std::iter::empty()) {
            missing.push(FileError::Name { name, error });
            continue;
        }
        let taken: Vec<&str> = state
            .session
            .files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        let name = unique_name(&name, &taken);
        state.session.files.push((name, normalize(&text)));
        open_file(state, state.session.files.len() - 1);
    }
    for (node, file, text) in bundle.manifests {
        if state.cluster().node(&node).is_none() {
            missing.push(FileError::NodeNotFound(node));
            continue;
        }
        if let Some(error) = name_error(&file, std::iter::empty()) {
            missing.push(FileError::Name { name: file, error });
            continue;
        }
        change_manifest(state, Input::manifest(&node, &file, Some(normalize(&text))));
    }
    missing.dedup();
    state.workspace.errors = missing;
    state.workspace.saved = false;
}

/// Line breaks as a browser's text area has them (`\n`), so the highlighted layer
/// and the text area agree on every line.
pub fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

impl Playground {
    /// The open file.
    pub fn target(&self) -> Target {
        target(self)
    }

    /// Each node with manifest files (on the node, or drafts), and those files'
    /// names, sorted by node and file.
    pub fn manifest_groups(&self) -> Vec<(String, Vec<String>)> {
        manifest_groups(self)
    }

    /// Apply (the button, Ctrl/Cmd+Enter).
    pub(super) fn apply(&mut self) {
        apply(self)
    }

    /// Save (Ctrl/Cmd+S).
    pub(super) fn save(&mut self) {
        save(self)
    }

    /// A workspace control.
    pub(super) fn update_workspace(&mut self, event: WorkspaceEvent) {
        reduce(self, event)
    }
}
