//! Share links without real names: a [`Session`] whose imported cluster's names
//! are replaced by stable placeholders, replaying to the same placement.
//!
//! A link of an imported cluster carries its whole state: node, namespace and
//! pod names, label values, images, UIDs. [`anonymize`] replaces them, in every
//! input of the log, the history, the selection and the workspace's files
//! (whose names stay). It is pure and runs where the link is made (in the
//! browser for the page): nothing is sent anywhere.
//!
//! # The placeholders
//!
//! | what | placeholder |
//! |---|---|
//! | nodes (and `kubernetes.io/hostname` values) | `node-1`, `node-2`, … |
//! | namespaces (not `default`, `kube-system`, `kube-public`, `kube-node-lease`) | `ns-1`, … |
//! | DaemonSets, Deployments, ReplicaSets, pods, PDBs, PriorityClasses | `ds-1`, `deploy-1`, `rs-1`, `pod-1`, `pdb-1`, `priority-1` |
//! | a controller's objects | the owner's placeholder and the same suffix: `deploy-1-7c5b9d6f84-2xk8d`, `ds-1-4kq2x`; a mirror pod `etcd-node-1` |
//! | containers | `container-1`, … |
//! | label, taint and toleration keys outside Kubernetes' domains | `label-1`, … (`app`, `tier`, `kubernetes.io/…` stay) |
//! | label, taint and toleration values | `value-1`, …; zones `zone-a`, regions `region-a` |
//! | images | `image-` and six letters, of the same simulated size |
//! | UIDs, pod and host IPs | `00000000-0000-4000-8000-000000000001`, `10.0.0.1` |
//!
//! What stays: Kubernetes' own words and values with scheduling meaning
//! (`kubernetes.io/os: linux`, `node-role.kubernetes.io/*`, effects,
//! operators, instance types), numbers, versions, template hashes, the names
//! of the built-in starting clusters (`master`, `worker`: they exist whatever
//! the log says), and the files' names.
//!
//! # The same placement
//!
//! One string gets one placeholder everywhere, so selectors, affinities,
//! tolerations, topology keys, owner references, `nodeName` and UIDs still
//! match. Placeholders keep the order of the names they replace within each
//! kind, since the simulation breaks ties by name (the first of equally good
//! nodes wins; controllers sync in name order). Fields that decide nothing
//! (environment, commands, volumes, annotations other than those the
//! simulation reads, timestamps, ConfigMap and Secret data) are dropped.
//! A text the API server refuses is rewritten word by word instead, so that it
//! is still refused. Objects generated after an import from an anonymized
//! template (a ReplicaSet's hash) get other generated names, and a word no
//! input defines (a typo of a name) stays as typed.
//!
//! # Cost
//!
//! Two passes: the first collects every name ([`Mapping::of`]), the second
//! rewrites ([`Mapping::session`]). Look-ups are hashed; sorting the distinct
//! names is the only step above linear. Never panics: a session is a
//! stranger's text.

mod images;
mod names;
mod objects;
mod vocabulary;
mod words;

#[cfg(test)]
mod tests;

pub use names::Mapping;

use names::{Cat, Collector, Derived, Keep, Namer};
use taintlab_core::Cluster;
use taintlab_core::actions::NodeAction;
use taintlab_core::decode::{regions, yaml};
use taintlab_core::session::{self, Fork, Input, Session};

/// `session` with every real name replaced by its placeholder.
pub fn anonymize(session: &Session) -> Session {
    Mapping::of(session).session(session)
}

/// Whether `session` holds a real cluster's import, whose names a link would
/// carry: an [`Input::ImportState`], or a reset to an empty cluster (`empty`,
/// `empty v1.30`), which only an import of nodes makes
/// ([`crate::import::Import::inputs`]: the reset, then the nodes applied).
/// Anywhere in the log or the what-if copy's: a later reset or lesson leaves
/// the import in it.
pub fn is_imported(session: &Session) -> bool {
    let fork = session.fork.iter().flat_map(|f| &f.log);
    session
        .log
        .iter()
        .chain(fork)
        .chain(&session.pending)
        .any(|input| match input {
            Input::ImportState(_) => true,
            Input::Reset(start) => start == "empty" || start.starts_with("empty "),
            _ => false,
        })
}

/// The session a share link carries: with placeholders when asked, else as it
/// is. The page asks for placeholders by default exactly when
/// [`is_imported`] holds.
pub fn for_link(session: &Session, placeholders: bool) -> Session {
    if placeholders {
        anonymize(session)
    } else {
        session.clone()
    }
}

impl Mapping {
    /// Every real name in `session`, each with its placeholder.
    pub fn of(session: &Session) -> Mapping {
        let mut keep = Keep::default();
        if let Some(tutorial) = session::start("tutorial") {
            builtin(&tutorial, &mut keep);
        }
        let mut collector = Collector::new(keep);
        let _ = map_session(&mut collector, session);
        collector.finish()
    }

    /// `session` with every name of this mapping replaced.
    pub fn session(&self, session: &Session) -> Session {
        map_session(&mut &*self, session)
    }
}

/// The strings a built-in starting cluster gives: its nodes' names, labels and
/// taints, its namespaces and pods.
pub(crate) fn builtin(cluster: &Cluster, keep: &mut Keep) {
    for node in cluster.nodes() {
        keep.builtin.insert(node.metadata.name.clone());
        keep.builtin_nodes.insert(node.metadata.name.clone());
        for (k, v) in &node.metadata.labels {
            keep.builtin.insert(k.clone());
            keep.builtin.insert(v.clone());
        }
        for taint in &node.spec.taints {
            keep.builtin.insert(taint.key.clone());
            keep.builtin.insert(taint.value.clone());
        }
    }
    keep.builtin.extend(cluster.namespaces().iter().cloned());
    keep.builtin
        .extend(cluster.pods().map(|p| p.metadata.name.clone()));
}

/// The session through `n`: what both passes walk. The logs first (each
/// through [`map_inputs`]): their resets say which built-in names exist when
/// (see [`Namer::start`]); then what belongs to no one cluster.
fn map_session(n: &mut impl Namer, s: &Session) -> Session {
    let log = map_inputs(n, &s.log);
    let fork = s.fork.as_ref().map(|f| Fork {
        at: f.at,
        log: map_inputs(n, &f.log),
    });
    let pending = s.pending.as_ref().map(|input| map_input(n, input));
    n.end_log();
    let history = s.history.iter().map(|line| n.line(line)).collect();
    let files = s
        .files
        .iter()
        .map(|(name, text)| (name.clone(), yaml_text(n, text, false)))
        .collect();
    Session {
        files,
        active: s.active,
        paused: s.paused,
        speed: s.speed,
        history,
        panel: s.panel.clone(),
        selected: n.text(&s.selected),
        log,
        pending,
        share: s.share,
        fork,
        // The lesson is its author's text, not the learner's cluster: its
        // checks name the lesson's own nodes, which a placeholder would break.
        lesson: s.lesson.clone(),
    }
}

/// A list of inputs through `n`: a session's log (and any other log of one).
fn map_inputs(n: &mut impl Namer, inputs: &[Input]) -> Vec<Input> {
    inputs.iter().map(|input| map_input(n, input)).collect()
}

/// One input through `n`: every input of every log goes through here.
fn map_input(n: &mut impl Namer, input: &Input) -> Input {
    match input {
        Input::Reset(start) => {
            n.start(start);
            Input::Reset(start.clone())
        }
        Input::Apply(text) => Input::Apply(yaml_text(n, text, false)),
        Input::ImportState(text) => Input::ImportState(yaml_text(n, text, true).into()),
        Input::Advance { seconds, times } => Input::Advance {
            seconds: *seconds,
            times: *times,
        },
        Input::Node { node, action } => Input::Node {
            node: n.name(Cat::Node, node),
            action: node_action(n, action),
        },
        Input::File { name, content } => Input::File {
            name: name.clone(),
            content: yaml_text(n, content, false),
        },
        Input::Manifest { path, content } => {
            let (node, file) = path.split_once('/').unwrap_or((path.as_str(), ""));
            if let Some(text) = content {
                mirror_pod(n, node, text);
            }
            let node = n.name(Cat::Node, node);
            Input::Manifest {
                path: if path.contains('/') {
                    format!("{node}/{file}")
                } else {
                    node
                },
                content: content.as_ref().map(|text| yaml_text(n, text, false)),
            }
        }
        Input::Command { line, stdin } => Input::Command {
            line: n.line(line),
            stdin: stdin.as_ref().map(|text| yaml_text(n, text, false)),
        },
    }
}

/// A node button's action: the taint's key and value are labels'.
fn node_action(n: &mut impl Namer, action: &NodeAction) -> NodeAction {
    match action {
        NodeAction::AddTaint { key, value, effect } => NodeAction::AddTaint {
            key: n.key(key),
            value: n.value(key, value),
            effect: *effect,
        },
        NodeAction::AddTaintSpec(spec) => NodeAction::AddTaintSpec(taint_spec(n, spec)),
        NodeAction::RemoveTaint { key, effect } => NodeAction::RemoveTaint {
            key: n.key(key),
            effect: *effect,
        },
        other => other.clone(),
    }
}

/// `key=value:Effect` or `key:Effect`, as kubectl taint reads it.
fn taint_spec(n: &mut impl Namer, spec: &str) -> String {
    let Some((pair, effect)) = spec.rsplit_once(':') else {
        return n.text(spec);
    };
    match pair.split_once('=') {
        Some((key, value)) => format!("{}={}:{effect}", n.key(key), n.value(key, value)),
        None => format!("{}:{effect}", n.key(pair)),
    }
}

/// A static pod written to `node`: its mirror pod is called `NAME-NODE`.
fn mirror_pod(n: &mut impl Namer, node: &str, text: &str) {
    let name = regions(text).first().and_then(|region| {
        let doc = yaml::parse(region.text).ok()?;
        let name = doc.get("metadata")?.get("name")?.as_str()?.to_string();
        Some(name)
    });
    if let Some(name) = name.filter(|name| !name.is_empty() && !node.is_empty()) {
        n.name(Cat::Pod, &name);
        n.name(Cat::Node, node);
        let how = Derived::Suffix {
            base: name.clone(),
            node: node.to_string(),
        };
        n.derived(&format!("{name}-{node}"), how);
    }
}

/// A text that may be YAML: objects the API server takes are rewritten field
/// by field (`import`: a whole cluster's state, whose kinds not simulated are
/// dropped); anything else word by word.
fn yaml_text(n: &mut impl Namer, text: &str, import: bool) -> String {
    if text.trim().is_empty() {
        return text.to_string();
    }
    if !n.decodes(text) {
        // Refused, so rewritten word by word to stay refused; its objects'
        // names are still found first, or a refused import would keep them.
        if n.collects() {
            for region in regions(text) {
                if let Ok(doc) = yaml::parse(region.text) {
                    let _ = objects::document(n, &doc, import);
                }
            }
        }
        return n.text(text);
    }
    let scheduler = taintlab_core::recorded::is_scheduler_config(text);
    let rewrite = |n: &mut _, doc: &serde_yaml::Value| {
        if scheduler {
            Some(objects::scheduler_config(n, doc))
        } else {
            objects::document(n, doc, import)
        }
    };
    if let Some(cleaned) = n.cleaned(text, import) {
        let documents: Vec<String> = cleaned
            .iter()
            .filter_map(|doc| rewrite(&mut *n, doc))
            .map(|doc| serde_yaml::to_string(&doc).unwrap_or_default())
            .collect();
        return documents.join("---\n");
    }
    let mut documents = Vec::new();
    for region in regions(text) {
        let Ok(doc) = yaml::parse(region.text) else {
            return n.text(text);
        };
        if !doc.is_null()
            && let Some(rewritten) = rewrite(&mut *n, &doc)
        {
            documents.push(rewritten);
        }
    }
    if n.collects() {
        // The first pass's text is not used: its documents are, by the second.
        n.keep_cleaned(text, import, documents);
        return text.to_string();
    }
    documents
        .iter()
        .map(|doc| serde_yaml::to_string(doc).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("---\n")
}
