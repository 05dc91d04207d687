//! Import: a real cluster turned into the simulated one.
//!
//! Two things can be imported. A real cluster's nodes, as `kubectl get nodes -o
//! yaml` (or `-o json`) prints them, become Node manifests applied to an empty
//! cluster of the kubelets' version ([`nodes`](self::nodes_only)). A whole
//! cluster's state, its nodes with other kinds (`kubectl get nodes,pods,
//! daemonsets,deployments,replicasets,priorityclasses,poddisruptionbudgets -A
//! -o yaml`, the output of `kubectl cluster-info dump` or the files of its
//! `--output-directory`, or several of these at once), is merged into one list
//! ([`taintlab_core::import::merge`]) and imported whole: objects keep their
//! UIDs, running pods stay where they are, and their times keep their ages
//! (see `Cluster::import_state`).
//!
//! Either way the result is a list of session inputs ([`Import::inputs`]):
//! start from an empty cluster of that version, apply the manifests or import
//! the merged state as one [`Input::ImportState`], stop the kubelets of the
//! nodes that were not Ready. A share link or the autosave replays them
//! exactly.

mod nodes;
#[cfg(test)]
mod tests;

use nodes::nodes_only;
use std::rc::Rc;
use taintlab_core::Cluster;
use taintlab_core::actions::NodeAction;
use taintlab_core::diagnostic::{Diagnostic, Severity};
use taintlab_core::import::{Duplicate, Merged, Skipped, Source, SourceDiagnostic, note_skipped};
use taintlab_core::session::{self, Input};
use taintlab_core::version::KubeVersion;

pub use taintlab_core::import::{dump_files, is_dump_file};

/// A real cluster, ready to replace the simulated one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Import {
    /// The Kubernetes version the cluster is simulated at: the newest kubelet's
    /// minor release (the API server is at least that new), at most the newest
    /// version taintlab simulates.
    pub version: KubeVersion,
    /// The nodes' names, in the order given.
    pub nodes: Vec<String>,
    /// Nodes whose `Ready` condition was not `True`.
    pub not_ready: Vec<String>,
    /// The Node manifests, one YAML document each (nodes only).
    pub manifest: String,
    /// A whole cluster's state: the merged list, imported whole, objects
    /// keeping their UIDs, instead of Node manifests.
    pub state: Option<Rc<str>>,
    /// How many objects a whole state imports.
    pub objects: usize,
    /// What a whole-state import leaves out, once per kind and reason.
    pub skipped: Vec<Skipped>,
    /// Objects given twice: the later one is imported.
    pub duplicates: Vec<Duplicate>,
    /// When the state was read, taken as its latest timestamp (Unix
    /// milliseconds): the simulated clock's now stands for it.
    pub read_at: Option<i64>,
    /// The cluster [`Import::inputs`] make, made while checking them.
    pub(crate) prepared: Prepared,
}

/// The cluster an import's inputs make, when checking the import made it
/// already (a whole state is checked by importing it): the playground takes it
/// as their replay instead of importing a big cluster a second time. Equal
/// only to itself.
#[derive(Clone, Default)]
pub(crate) struct Prepared(pub(crate) Option<Rc<Cluster>>);

impl PartialEq for Prepared {
    fn eq(&self, other: &Prepared) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }
}

impl Eq for Prepared {}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Prepared(cluster)"
        } else {
            "Prepared(none)"
        })
    }
}

impl Import {
    /// The same import without the cluster it made (to keep for showing it).
    pub fn without_cluster(&self) -> Import {
        Import {
            prepared: Prepared::default(),
            ..self.clone()
        }
    }

    /// The cluster [`Import::inputs`] make: the one checking the import made,
    /// or else their replay.
    pub fn into_cluster(self) -> Cluster {
        match self.prepared.0 {
            Some(cluster) => Rc::try_unwrap(cluster).unwrap_or_else(|c| (*c).clone()),
            None => {
                let mut cluster = Cluster::tutorial();
                for input in self.inputs() {
                    session::replay(&mut cluster, &input);
                }
                cluster
            }
        }
    }

    /// The session inputs that make the simulated cluster this one.
    pub fn inputs(&self) -> Vec<Input> {
        let mut inputs = vec![
            Input::Reset(session::empty_start(self.version)),
            match &self.state {
                Some(text) => Input::ImportState(text.clone()),
                None => Input::Apply(self.manifest.clone()),
            },
        ];
        inputs.extend(self.not_ready.iter().map(|node| Input::Node {
            node: node.clone(),
            action: NodeAction::StopKubelet,
        }));
        inputs
    }
}

/// Reads one pasted text: `kubectl get nodes -o yaml` output, a whole
/// cluster's state, or `kubectl cluster-info dump` output. Errors point at
/// the text given.
pub fn nodes(text: &str) -> Result<Import, Vec<Diagnostic>> {
    files(&[Source { name: "", text }])
        .map_err(|errors| errors.into_iter().map(|e| e.diagnostic).collect())
}

/// Reads several texts as one import (the files chosen together, or the files
/// of a `kubectl cluster-info dump --output-directory`, in the order of
/// [`dump_files`]): Nodes only become Node manifests; anything more is a whole
/// cluster's state, merged into one list and checked by importing it into an
/// empty cluster of its version, as the replay will, so that what is refused is
/// said now. Errors name the text and point at its lines.
pub fn files(sources: &[Source<'_>]) -> Result<Import, Vec<SourceDiagnostic>> {
    let merged = taintlab_core::import::merge(sources)?;
    let whole_state =
        merged.nodes > 0 && (merged.objects > merged.nodes || !merged.skipped.is_empty());
    if whole_state {
        return state(merged, sources);
    }
    let named = |name: &str, errors: Vec<Diagnostic>| {
        errors
            .into_iter()
            .map(|diagnostic| SourceDiagnostic {
                source: name.to_string(),
                diagnostic,
            })
            .collect::<Vec<_>>()
    };
    match sources {
        // One text keeps its own words and places for what is wrong.
        [one] if !merged.dump => nodes_only(one.text).map_err(|errors| named(one.name, errors)),
        _ if merged.nodes == 0 => Err(named(
            sources.first().map_or("", |s| s.name),
            vec![Diagnostic {
                severity: Severity::Error,
                document: 1,
                line: 1,
                column: 1,
                path: String::new(),
                message: "no Node found: a cluster's state needs its Nodes (kubectl get nodes -o yaml, or nodes.json of kubectl cluster-info dump)".into(),
            }],
        )),
        _ => nodes_only(&merged.text)
            .map_err(|errors| errors.iter().map(|d| merged.locate(sources, d)).collect()),
    }
}

/// A whole cluster's state, checked by importing it into an empty cluster of
/// its version.
fn state(mut merged: Merged, sources: &[Source<'_>]) -> Result<Import, Vec<SourceDiagnostic>> {
    let version = merged
        .kubelet_version
        .filter(|v| v.major == 1)
        .map_or(KubeVersion::NEWEST, |v| v.min(KubeVersion::NEWEST));
    let mut cluster = session::start(&session::empty_start(version))
        .unwrap_or_else(|| taintlab_core::Cluster::empty(version));
    let report = cluster.import_merged(&mut merged).map_err(|errors| {
        errors
            .iter()
            .map(|d| merged.locate(sources, d))
            .collect::<Vec<_>>()
    })?;
    let mut skipped = merged.skipped;
    for s in report.skipped {
        note_skipped(&mut skipped, &s.kind, s.reason, s.count);
    }
    let mut import = Import {
        version,
        nodes: merged.node_names,
        not_ready: merged.not_ready,
        manifest: String::new(),
        state: Some(merged.text.into()),
        objects: report.imported,
        skipped,
        duplicates: merged.duplicates,
        read_at: report.read_at,
        prepared: Prepared::default(),
    };
    // The rest of the inputs (the kubelets of the nodes not Ready), as a
    // replay performs them, so that the cluster is what they make.
    for input in import.inputs().iter().skip(2) {
        session::replay(&mut cluster, input);
    }
    import.prepared = Prepared(Some(Rc::new(cluster)));
    Ok(import)
}
