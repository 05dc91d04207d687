//! The texts a real cluster's state comes in, read into one import.
//!
//! A cluster's state reaches taintlab as the output of `kubectl get
//! nodes,pods,... -A -o yaml` (or `-o json`), as the output of `kubectl
//! cluster-info dump` (its lists printed one after another, with the pods' logs
//! in between), as the files `kubectl cluster-info dump --output-directory DIR`
//! writes (`DIR/nodes.json`, `DIR/NAMESPACE/pods.json`, ...), or as several of
//! these. [`merge`] reads them all and makes one text of them, a `kind: List`
//! that [`crate::Cluster::import_state`] imports: so an import is one input of
//! the session whatever it was read from, and a share link replays it as it was.
//!
//! The merged list holds the objects of the kinds taintlab simulates, nodes
//! first, then the kinds in the order `kubectl get nodes,pods,daemonsets,...`
//! prints them ([`rank`]), each kind in the order the texts gave it. Objects of other kinds (Events, Services, ...) are left out and counted
//! ([`Skipped`]); an object given twice (same kind, namespace and name) is taken
//! from the later text, and the earlier one is reported ([`Duplicate`]).
//! `metadata.managedFields`, which `kubectl get` hides and the import never
//! reads, is dropped, and the list is written as compact JSON: the recorded text
//! is a fraction of what was read.

mod dump;
mod json;
#[cfg(test)]
mod tests;

use crate::decode::yaml;
use crate::diagnostic::{Diagnostic, Severity};
use crate::limits::{Limit, MAX_IMPORT_BYTES, MAX_IMPORT_OBJECTS};
use serde_yaml::Value;
use std::collections::HashMap;

pub use dump::{dump_files, is_dump_file};

/// One text to import: its name (a file's path, empty for a paste) and text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file's name or path as the user knows it; empty for a paste.
    pub name: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// A diagnostic about one of the texts of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDiagnostic {
    /// The name of the text ([`Source::name`]).
    pub source: String,
    /// What is wrong, and where in that text.
    pub diagnostic: Diagnostic,
}

/// Why an import left objects out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// A kind taintlab does not simulate (Event, Service, ConfigMap, ...).
    NotSimulated,
    /// A kind taintlab simulates, in an API version it does not serve
    /// (`policy/v1beta1` PodDisruptionBudgets of an old cluster): the version.
    NoMatch(String),
    /// A pod bound to a node the state does not hold: the node's name.
    NodeMissing(String),
    /// The simulated API server refused the object: its message.
    Refused(String),
}

/// Objects of one kind an import left out for one reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Their kind, as in `kind:`.
    pub kind: String,
    /// Why; for a reason that names something (a node, a message), the first
    /// object's.
    pub reason: SkipReason,
    /// How many objects.
    pub count: usize,
}

impl Skipped {
    /// The reason in English.
    pub fn reason_en(&self) -> String {
        match &self.reason {
            SkipReason::NotSimulated => "not simulated".to_string(),
            SkipReason::NoMatch(version) => {
                format!("no matches for kind {:?} in version {version:?}", self.kind)
            }
            SkipReason::NodeMissing(node) => format!("its node {node:?} is not in the text"),
            SkipReason::Refused(message) => message.clone(),
        }
    }

    /// Whether `other` is the same kind left out for the same kind of reason:
    /// then it is counted here rather than listed again.
    fn same_class(&self, kind: &str, reason: &SkipReason) -> bool {
        self.kind == kind
            && match (&self.reason, reason) {
                (SkipReason::NoMatch(a), SkipReason::NoMatch(b)) => a == b,
                (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
            }
    }
}

/// Adds one object left out to `skipped`: counted with its kind and reason when
/// they are already there, else listed after the others.
pub fn note_skipped(skipped: &mut Vec<Skipped>, kind: &str, reason: SkipReason, count: usize) {
    match skipped.iter_mut().find(|s| s.same_class(kind, &reason)) {
        Some(seen) => seen.count += count,
        None => skipped.push(Skipped {
            kind: kind.to_string(),
            reason,
            count,
        }),
    }
}

/// An object given twice: the later one is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Its kind.
    pub kind: String,
    /// Its namespace (empty for a cluster-scoped kind).
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// The text the earlier one was in ([`Source::name`]).
    pub dropped_from: String,
    /// The text the one imported is in.
    pub kept_from: String,
}

impl Duplicate {
    /// The warning in English.
    pub fn en(&self) -> String {
        let object = match self.namespace.as_str() {
            "" => format!("{} {}", self.kind, self.name),
            ns => format!("{} {ns}/{}", self.kind, self.name),
        };
        let from = |name: &str| {
            if name.is_empty() {
                "the text".to_string()
            } else {
                name.to_string()
            }
        };
        if self.dropped_from == self.kept_from {
            format!(
                "{object} is given twice in {}: the later one is imported",
                from(&self.kept_from)
            )
        } else {
            format!(
                "{object} is in {} and in {}: the one in {} is imported",
                from(&self.dropped_from),
                from(&self.kept_from),
                from(&self.kept_from)
            )
        }
    }
}

/// Where one object of the merged list came from, to point a diagnostic about
/// it at the text the user gave.
#[derive(Debug, Clone)]
struct Origin {
    /// Index of its source.
    source: usize,
    /// 1-based number of its document in the source.
    document: usize,
    /// 1-based line of the document's first line in the source.
    first_line: usize,
    /// The document's bytes in the source.
    range: std::ops::Range<usize>,
    /// Its path in the document: `items[3].`, or empty for a document of its own.
    prefix: String,
}

/// Several texts made one: what [`crate::Cluster::import_state`] imports.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The objects as one `kind: List`, in compact JSON.
    pub text: String,
    /// The Nodes' names, in the order of the list.
    pub node_names: Vec<String>,
    /// The newest kubelet among the Nodes (`status.nodeInfo.kubeletVersion`).
    pub kubelet_version: Option<crate::KubeVersion>,
    /// The Nodes whose `Ready` condition is there and not `True`.
    pub not_ready: Vec<String>,
    /// How many Nodes it holds.
    pub nodes: usize,
    /// How many objects it holds.
    pub objects: usize,
    /// Whether a text was the output of `kubectl cluster-info dump`.
    pub dump: bool,
    /// Objects left out: the kinds taintlab does not simulate.
    pub skipped: Vec<Skipped>,
    /// Objects given twice.
    pub duplicates: Vec<Duplicate>,
    /// Where each object came from, in the order of the list.
    origins: Vec<Origin>,
    /// The objects as read, in the order of the list, until
    /// [`Merged::take_values`] takes them: importing them saves reading the
    /// text again.
    values: Vec<Value>,
    /// The sources' names.
    names: Vec<String>,
}

impl Merged {
    /// The objects as read, in the order of the list (once: afterwards, none;
    /// the text holds them too).
    pub fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.values)
    }

    /// Points a diagnostic about the merged text (a path `items[N]....`, as
    /// decoding it reports) at the text the object came from: its name, its
    /// document, and the line of the path there when it can be found.
    pub fn locate(&self, sources: &[Source<'_>], diagnostic: &Diagnostic) -> SourceDiagnostic {
        let found = diagnostic
            .path
            .strip_prefix("items[")
            .and_then(|rest| rest.split_once(']'))
            .and_then(|(index, rest)| {
                let origin = self.origins.get(index.parse::<usize>().ok()?)?;
                Some((origin, rest.strip_prefix('.').unwrap_or(rest)))
            });
        let Some((origin, rest)) = found else {
            return SourceDiagnostic {
                source: self.names.first().cloned().unwrap_or_default(),
                diagnostic: diagnostic.clone(),
            };
        };
        let path = format!("{}{rest}", origin.prefix);
        let document_text = sources
            .get(origin.source)
            .and_then(|s| s.text.get(origin.range.clone()))
            .unwrap_or("");
        let within = crate::locate::locate(document_text, &path)
            .or_else(|| crate::locate::locate(document_text, origin.prefix.trim_end_matches('.')))
            .unwrap_or((1, 1));
        SourceDiagnostic {
            source: self.names.get(origin.source).cloned().unwrap_or_default(),
            diagnostic: Diagnostic {
                severity: diagnostic.severity,
                document: origin.document,
                line: origin.first_line + within.0 - 1,
                column: within.1,
                path,
                message: diagnostic.message.clone(),
            },
        }
    }
}

/// Where kinds go in the merged list; `None` for the kinds taintlab does not
/// simulate. Nodes come first (the pods bound to them need them), then the
/// kinds in the order `kubectl get nodes,pods,daemonsets,deployments,
/// replicasets,priorityclasses,poddisruptionbudgets` prints them (an import
/// keeps the pods' priorities as written, and its controllers act only once
/// everything is in), then Namespaces, whose labels are all they add.
fn rank(api_version: &str, kind: &str) -> Option<u8> {
    Some(match (api_version, kind) {
        ("v1", "Node") => 0,
        ("v1", "Pod") => 1,
        ("apps/v1", "DaemonSet") => 2,
        ("apps/v1", "Deployment") => 3,
        ("apps/v1", "ReplicaSet") => 4,
        ("scheduling.k8s.io/v1", "PriorityClass") => 5,
        ("policy/v1", "PodDisruptionBudget") => 6,
        ("v1", "Namespace") => 7,
        _ => return None,
    })
}

/// Whether the kind at `rank` is cluster-scoped (no namespace in its key).
fn cluster_scoped(rank: u8) -> bool {
    matches!(rank, 0 | 5 | 7)
}

/// Whether taintlab simulates `kind` in some API version.
fn simulated_kind(kind: &str) -> bool {
    matches!(
        kind,
        "Node"
            | "Namespace"
            | "PriorityClass"
            | "DaemonSet"
            | "Deployment"
            | "ReplicaSet"
            | "Pod"
            | "PodDisruptionBudget"
    )
}

/// One object kept for the merged list.
struct Kept {
    rank: u8,
    value: Value,
    origin: Origin,
}

/// Reads every source (YAML or JSON documents, `kind: List` or typed lists
/// such as `NodeList`, or `kubectl cluster-info dump` output) and makes one
/// list of the objects to import. Refused whole, with every diagnostic found
/// (each naming its source), when a text does not parse, an object has no
/// kind, or the texts or the objects are more than an import takes
/// ([`MAX_IMPORT_BYTES`], [`MAX_IMPORT_OBJECTS`]).
pub fn merge(sources: &[Source<'_>]) -> Result<Merged, Vec<SourceDiagnostic>> {
    let names: Vec<String> = sources.iter().map(|s| s.name.to_string()).collect();
    let total = sources
        .iter()
        .fold(0usize, |sum, s| sum.saturating_add(s.text.len()));
    if total > MAX_IMPORT_BYTES {
        return Err(vec![error_at(
            names.first().cloned().unwrap_or_default(),
            1,
            1,
            String::new(),
            Limit::ImportBytes.en(),
        )]);
    }
    let mut kept: Vec<Kept> = Vec::new();
    // (rank, namespace, name) to the index in `kept`.
    let mut seen: HashMap<(u8, String, String), usize> = HashMap::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let mut duplicates = Vec::new();
    let mut dump = false;
    for (index, source) in sources.iter().enumerate() {
        let blanked = dump::without_logs(yaml::without_bom(source.text));
        let text = blanked.as_deref().unwrap_or(yaml::without_bom(source.text));
        // Offsets in `text` are offsets in the source's text without its BOM.
        let bom = source.text.len() - yaml::without_bom(source.text).len();
        let documents = match dump::documents(text) {
            Ok(documents) => documents,
            Err((line, column, message)) => {
                errors.push(error_at(
                    source.name.to_string(),
                    line,
                    column,
                    String::new(),
                    message,
                ));
                continue;
            }
        };
        dump |= blanked.is_some() || documents.iter().filter(|d| d.json).count() > 1;
        for (d, document) in documents.iter().enumerate() {
            let piece = &text[document.range.clone()];
            let error = |line: usize, column: usize, path: String, message: String| {
                let mut e = error_at(source.name.to_string(), line, column, path, message);
                e.diagnostic.document = d + 1;
                e
            };
            let value = match yaml::parse_within(piece, Limit::ImportBytes) {
                Ok(value) => value,
                Err(e) => {
                    errors.push(error(
                        document.first_line + e.line.saturating_sub(1),
                        e.column,
                        String::new(),
                        e.message,
                    ));
                    continue;
                }
            };
            let origin = |prefix: String| Origin {
                source: index,
                document: d + 1,
                first_line: document.first_line,
                range: bom + document.range.start..bom + document.range.end,
                prefix,
            };
            let objects = match list_items(value) {
                Listed::Items {
                    items,
                    kind,
                    api_version,
                } => items
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut item)| {
                        fill_type(&mut item, &kind, &api_version);
                        (item, origin(format!("items[{i}].")))
                    })
                    .collect(),
                Listed::One(value) => vec![(value, origin(String::new()))],
                Listed::Empty => Vec::new(),
            };
            for (mut value, origin) in objects {
                let text_of = |field: &str| value.get(field).and_then(Value::as_str).unwrap_or("");
                let (kind, api_version) = (text_of("kind").to_string(), text_of("apiVersion"));
                if !value.is_mapping() || kind.is_empty() || api_version.is_empty() {
                    let what = if !value.is_mapping() {
                        None
                    } else if kind.is_empty() {
                        Some("kind")
                    } else {
                        Some("apiVersion")
                    };
                    let path = format!("{}{}", origin.prefix, what.unwrap_or(""));
                    let path = path.trim_end_matches('.').to_string();
                    let item = origin.prefix.trim_end_matches('.');
                    let (line, column) = crate::locate::locate(piece, &path)
                        .or_else(|| crate::locate::locate(piece, item))
                        .unwrap_or((1, 1));
                    errors.push(error(
                        document.first_line + line - 1,
                        column,
                        path,
                        match what {
                            Some(what) => format!("error validating data: {what} not set"),
                            None => "Object 'Kind' is missing: a Kubernetes object must be a mapping with apiVersion and kind".to_string(),
                        },
                    ));
                    continue;
                }
                let Some(rank) = rank(api_version, &kind) else {
                    let reason = if simulated_kind(&kind) {
                        SkipReason::NoMatch(api_version.to_string())
                    } else {
                        SkipReason::NotSimulated
                    };
                    note_skipped(&mut skipped, &kind, reason, 1);
                    continue;
                };
                drop_managed_fields(&mut value);
                let meta = value.get("metadata");
                let name = meta
                    .and_then(|m| m.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                let namespace = if cluster_scoped(rank) {
                    String::new()
                } else {
                    match meta
                        .and_then(|m| m.get("namespace"))
                        .and_then(Value::as_str)
                    {
                        None | Some("") => "default".to_string(),
                        Some(ns) => ns.to_string(),
                    }
                };
                let entry = Kept {
                    rank,
                    value,
                    origin,
                };
                if name.is_empty() {
                    // Decoding says what is wrong with it, at its place.
                    kept.push(entry);
                } else {
                    match seen.entry((rank, namespace.clone(), name.clone())) {
                        std::collections::hash_map::Entry::Occupied(at) => {
                            let earlier = &mut kept[*at.get()];
                            duplicates.push(Duplicate {
                                kind,
                                namespace,
                                name,
                                dropped_from: names[earlier.origin.source].clone(),
                                kept_from: source.name.to_string(),
                            });
                            *earlier = entry;
                        }
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(kept.len());
                            kept.push(entry);
                        }
                    }
                }
                if kept.len() > MAX_IMPORT_OBJECTS {
                    errors.push(error_at(
                        source.name.to_string(),
                        document.first_line,
                        1,
                        String::new(),
                        Limit::ImportObjects.en(),
                    ));
                    return Err(errors);
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Stable: each kind keeps the order the texts gave it.
    kept.sort_by_key(|k| k.rank);
    let nodes = kept.iter().filter(|k| k.rank == 0).count();
    let mut node_names = Vec::with_capacity(nodes);
    let mut kubelet_version: Option<crate::KubeVersion> = None;
    let mut not_ready = Vec::new();
    for node in kept.iter().filter(|k| k.rank == 0).map(|k| &k.value) {
        let name = text_at(node, &["metadata", "name"]).to_string();
        if let Some(v) =
            crate::KubeVersion::parse(text_at(node, &["status", "nodeInfo", "kubeletVersion"]))
        {
            kubelet_version = Some(kubelet_version.map_or(v, |seen| seen.max(v)));
        }
        let ready = node
            .get("status")
            .and_then(|s| s.get("conditions"))
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .find(|c| c.get("type").and_then(Value::as_str) == Some("Ready"));
        if ready.is_some_and(|c| c.get("status").and_then(Value::as_str) != Some("True")) {
            not_ready.push(name.clone());
        }
        node_names.push(name);
    }
    let mut text = String::with_capacity(total / 2);
    text.push_str("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
    let mut origins = Vec::with_capacity(kept.len());
    let mut values = Vec::with_capacity(kept.len());
    for (i, k) in kept.into_iter().enumerate() {
        text.push_str(if i == 0 { "\n" } else { ",\n" });
        json::write(&mut text, &k.value);
        origins.push(k.origin);
        values.push(k.value);
    }
    text.push_str("\n]}\n");
    if text.len() > MAX_IMPORT_BYTES {
        return Err(vec![error_at(
            names.first().cloned().unwrap_or_default(),
            1,
            1,
            String::new(),
            Limit::ImportBytes.en(),
        )]);
    }
    Ok(Merged {
        text,
        node_names,
        kubelet_version,
        not_ready,
        nodes,
        objects: origins.len(),
        dump,
        skipped,
        duplicates,
        origins,
        values,
        names,
    })
}

/// The text at `path` in `value`, or empty.
fn text_at<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    path.iter()
        .try_fold(value, |at, key| at.get(*key))
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// An error in the source called `source`.
fn error_at(
    source: String,
    line: usize,
    column: usize,
    path: String,
    message: String,
) -> SourceDiagnostic {
    SourceDiagnostic {
        source,
        diagnostic: Diagnostic {
            severity: Severity::Error,
            document: 1,
            line,
            column,
            path,
            message,
        },
    }
}

/// What one document holds.
enum Listed {
    /// A list's items, with the kind and version its type names: the items of
    /// a `NodeList`, as `kubectl cluster-info dump` prints them, carry no kind
    /// of their own (a typed client's list leaves its items' `TypeMeta` empty).
    Items {
        items: Vec<Value>,
        kind: String,
        api_version: String,
    },
    /// One object.
    One(Value),
    /// Nothing (an empty document).
    Empty,
}

/// The objects of a document: a list's items (`kind: List`, or a typed list
/// such as `PodList`, with an `items` sequence), or the document itself.
fn list_items(value: Value) -> Listed {
    let Value::Mapping(mut map) = value else {
        return match value {
            Value::Null => Listed::Empty,
            other => Listed::One(other),
        };
    };
    let text = |map: &serde_yaml::Mapping, key: &str| {
        map.get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let list_kind = text(&map, "kind");
    if !(list_kind == "List" || (list_kind.ends_with("List") && list_kind.len() > 4))
        || !map
            .get("items")
            .is_some_and(|i| i.is_sequence() || i.is_null())
    {
        return Listed::One(Value::Mapping(map));
    }
    let api_version = text(&map, "apiVersion");
    let items = match map.swap_remove("items") {
        Some(Value::Sequence(items)) => items,
        _ => Vec::new(),
    };
    let kind = list_kind
        .strip_suffix("List")
        .filter(|k| !k.is_empty())
        .unwrap_or("")
        .to_string();
    Listed::Items {
        items,
        kind,
        api_version,
    }
}

/// Gives an item of a typed list the kind and version of its list, when it has
/// none of its own.
fn fill_type(item: &mut Value, kind: &str, api_version: &str) {
    let Value::Mapping(map) = item else {
        return;
    };
    for (field, value) in [("kind", kind), ("apiVersion", api_version)] {
        let missing = map.get(field).is_none_or(|v| v.as_str() == Some(""));
        if missing && !value.is_empty() {
            map.insert(Value::from(field), Value::from(value));
        }
    }
}

/// Drops `metadata.managedFields`, which `kubectl get` hides (since v1.21) and
/// which the import never reads; it is often the better part of a real dump.
fn drop_managed_fields(value: &mut Value) {
    if let Some(Value::Mapping(meta)) = value.get_mut("metadata") {
        meta.shift_remove("managedFields");
    }
}
