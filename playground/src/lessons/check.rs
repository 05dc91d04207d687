//! The check language: what a lesson step asks of the cluster, written as data.
//!
//! A check is a YAML mapping with one key, the predicate's name, whose value holds
//! its arguments: `taint: {node: master, key: node-role.kubernetes.io/master}`.
//! `all`, `any` and `not` combine checks. docs/lessons.md lists every predicate.
//! Checks read the cluster as it is now, so they run after every change on the
//! page; each one reads the few objects it names, or the pods once.

use super::checks::{
    cordoned, daemon_set_of, deployment_of, evicted_by_taint, has_label, kubelet_running, ready,
    tolerates,
};
use super::errors::Errors;
use super::predicates;
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::{Pod, PodSpec, TaintEffect};
use taintlab_core::cluster::ConditionStatus;
use taintlab_core::scheduler::node_affinity::required_terms;

/// How deeply `all`, `any`, `not` and `every` may nest in one check.
pub const MAX_CHECK_DEPTH: usize = 32;

/// A question about the cluster, true or false.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Every check holds (true when empty).
    All(Vec<Check>),
    /// Some check holds.
    Any(Vec<Check>),
    /// The check does not hold.
    Not(Box<Check>),
    /// The node carries a taint with this key (any if `None`) and effect (any if `None`).
    Taint {
        /// The node.
        node: String,
        /// The taint's key.
        key: Option<String>,
        /// The taint's effect.
        effect: Option<TaintEffect>,
    },
    /// The node has the label `key`, with `value` if given.
    Label {
        /// The node.
        node: String,
        /// The label's key.
        key: String,
        /// The label's value.
        value: Option<String>,
    },
    /// The node is cordoned (`spec.unschedulable`).
    Cordoned(String),
    /// The node's Ready condition has this status.
    Ready {
        /// The node.
        node: String,
        /// `True`, `False` or `Unknown`.
        status: ConditionStatus,
    },
    /// The kubelet on the node runs.
    KubeletRunning(String),
    /// The number of static pod manifests on the node is within `count`.
    Manifests {
        /// The node.
        node: String,
        /// How many.
        count: Count,
    },
    /// The object exists (a pod being deleted still exists).
    Exists(ObjectRef),
    /// The controllers recorded an event with this reason about an object whose name
    /// matches, and whose message starts with `message` if given.
    Event {
        /// The event's reason (`Killing`, `FailedScheduling`, ...).
        reason: String,
        /// The object's kind (`Pod` unless given).
        kind: String,
        /// The object's name.
        name: Pattern,
        /// The start of the message.
        message: Option<String>,
    },
    /// The taint eviction controller marked a pod whose name matches for deletion.
    Evicted(Pattern),
    /// Pods that match, counted (boxed: a query is the largest predicate).
    Pods(Box<PodQuery>),
    /// A Deployment with no placement rules of its own has all its pods bound, on
    /// every node that carries the label.
    SpreadByDefault {
        /// The label (`topology.kubernetes.io/zone`).
        label: String,
    },
    /// A Deployment kept apart per node by required pod anti-affinity runs at most
    /// one pod a node, on two or more, and one of its pods waits for that reason.
    OnePodPerNode,
    /// A Deployment spread over the label's domains as a hard rule has every pod
    /// bound, `min` or more, using every domain, the counts differing by one at most.
    Balanced {
        /// The label (`topology.kubernetes.io/zone`).
        label: String,
        /// Pods at least.
        min: usize,
    },
    /// A pod runs on a node where it preempted a pod.
    Preempted,
    /// A pod that may not preempt (`preemptionPolicy: Never`) waits, with the
    /// scheduler's reason, and preempted no one.
    PreemptionRefused,
    /// A pod that a PodDisruptionBudget protects runs on one node, and a pod
    /// preempted on other nodes only, after the budget was created.
    BudgetSteered,
}

/// An object named in a check: `node/master`, `pod/patient`, `daemonset/redis-ds`,
/// `deployment/web` (namespaced kinds in `default`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRef {
    /// The kind.
    pub kind: Kind,
    /// The name.
    pub name: String,
}

/// The kinds a check can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `node`.
    Node,
    /// `pod`.
    Pod,
    /// `daemonset`.
    DaemonSet,
    /// `deployment`.
    Deployment,
    /// `replicaset`.
    ReplicaSet,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        Some(match word.to_ascii_lowercase().as_str() {
            "node" | "nodes" | "no" => Kind::Node,
            "pod" | "pods" | "po" => Kind::Pod,
            "daemonset" | "daemonsets" | "ds" => Kind::DaemonSet,
            "deployment" | "deployments" | "deploy" => Kind::Deployment,
            "replicaset" | "replicasets" | "rs" => Kind::ReplicaSet,
            _ => return None,
        })
    }

    /// The API's name of the kind.
    pub fn api_name(self) -> &'static str {
        match self {
            Kind::Node => "Node",
            Kind::Pod => "Pod",
            Kind::DaemonSet => "DaemonSet",
            Kind::Deployment => "Deployment",
            Kind::ReplicaSet => "ReplicaSet",
        }
    }
}

/// A name, or a prefix when it ends in `*` (`web-*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// This name.
    Exact(String),
    /// Names starting with this.
    Prefix(String),
}

impl Pattern {
    fn new(text: &str) -> Pattern {
        match text.strip_suffix('*') {
            Some(prefix) => Pattern::Prefix(prefix.to_string()),
            None => Pattern::Exact(text.to_string()),
        }
    }

    fn matches(&self, name: &str) -> bool {
        match self {
            Pattern::Exact(exact) => name == exact,
            Pattern::Prefix(prefix) => name.starts_with(prefix.as_str()),
        }
    }
}

/// Bounds on a number: `count: 2` is exactly two, `count: {min: 2}` two or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// At least.
    pub min: usize,
    /// At most.
    pub max: Option<usize>,
}

impl Count {
    fn holds(self, n: usize) -> bool {
        n >= self.min && self.max.is_none_or(|max| n <= max)
    }
}

/// Where a pod is: `node/NAME`, `node` (bound to some node) or `pending`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Bound to this node.
    Node(String),
    /// Bound to some node.
    AnyNode,
    /// Not bound yet.
    Pending,
}

/// What a pod must be for a [`PodQuery`] to count it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PodFilter {
    /// Its name.
    pub name: Option<Pattern>,
    /// What runs it: `daemonset/NAME`, `deployment/NAME`, `replicaset/NAME`, or a
    /// kind alone for any of that kind.
    pub of: Option<(Kind, Option<String>)>,
    /// Where it is.
    pub on: Option<Place>,
    /// Its phase (`Running`, `Pending`, ...).
    pub phase: Option<String>,
    /// Whether it is a mirror pod (of a static pod).
    pub mirror: Option<bool>,
    /// Taints (`key:effect`) its tolerations tolerate.
    pub tolerates: Vec<(String, TaintEffect)>,
    /// What the template of its DaemonSet or Deployment says.
    pub template: Option<TemplateFilter>,
    /// A filter it must not match.
    pub not: Option<Box<PodFilter>>,
}

/// What the pod template of a pod's DaemonSet or Deployment says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TemplateFilter {
    /// Taints (`key:effect`) its tolerations tolerate.
    pub tolerates: Vec<(String, TaintEffect)>,
    /// Whether it chooses nodes by `nodeSelector` or required node affinity.
    pub selects_nodes: Option<bool>,
    /// Whether it requires nodes by node affinity.
    pub requires_nodes: Option<bool>,
}

/// How matching pods are grouped before counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// By the node they are bound to.
    Node,
    /// By what runs them (a Deployment for its ReplicaSets' pods).
    Owner,
}

/// `pods:` counts the pods that are not being deleted and match the filter. With
/// `per`, they are grouped, and the check holds if some group passes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PodQuery {
    /// Which pods.
    pub filter: PodFilter,
    /// How to group them.
    pub per: Vec<Group>,
    /// How many (default: one or more).
    pub count: Option<Count>,
    /// A filter every pod of the group must also match.
    pub every: Option<PodFilter>,
}

impl Check {
    /// Whether the check holds on the cluster as it is.
    pub fn holds(&self, c: &Cluster) -> bool {
        match self {
            Check::All(checks) => checks.iter().all(|check| check.holds(c)),
            Check::Any(checks) => checks.iter().any(|check| check.holds(c)),
            Check::Not(check) => !check.holds(c),
            Check::Taint { node, key, effect } => c.node(node).is_some_and(|n| {
                n.spec.taints.iter().any(|t| {
                    key.as_ref().is_none_or(|k| &t.key == k) && effect.is_none_or(|e| t.effect == e)
                })
            }),
            Check::Label { node, key, value } => match value {
                Some(value) => has_label(c, node, key, value),
                None => c
                    .node(node)
                    .is_some_and(|n| n.metadata.labels.contains_key(key)),
            },
            Check::Cordoned(node) => cordoned(c, node),
            Check::Ready { node, status } => ready(c, node) == Some(*status),
            Check::KubeletRunning(node) => kubelet_running(c, node),
            Check::Manifests { node, count } => c
                .node_runtime(node)
                .is_some_and(|r| count.holds(r.manifests.len())),
            Check::Exists(object) => exists(c, object),
            Check::Event {
                reason,
                kind,
                name,
                message,
            } => c.events().all().iter().any(|e| {
                e.reason == *reason
                    && e.object.kind == *kind
                    && name.matches(&e.object.name)
                    && message
                        .as_ref()
                        .is_none_or(|m| e.message.starts_with(m.as_str()))
            }),
            Check::Evicted(name) => evicted_by_taint(c, |n| name.matches(n)),
            Check::Pods(query) => query.holds(c),
            Check::SpreadByDefault { label } => predicates::spread_by_default(c, label),
            Check::OnePodPerNode => predicates::one_per_node(c),
            Check::Balanced { label, min } => predicates::balanced(c, label, *min),
            Check::Preempted => predicates::preempted(c),
            Check::PreemptionRefused => predicates::waits(c),
            Check::BudgetSteered => predicates::budget_steered(c),
        }
    }

    /// The objects the check says exist, not counting those under `not`: after a
    /// step's solution has run they must be there, or the check names a typo.
    pub fn named_objects(&self, out: &mut Vec<ObjectRef>) {
        let node = |name: &String| ObjectRef {
            kind: Kind::Node,
            name: name.clone(),
        };
        match self {
            Check::All(checks) | Check::Any(checks) => {
                checks.iter().for_each(|c| c.named_objects(out))
            }
            Check::Not(_) => {}
            Check::Taint { node: n, .. }
            | Check::Label { node: n, .. }
            | Check::Cordoned(n)
            | Check::Ready { node: n, .. }
            | Check::KubeletRunning(n)
            | Check::Manifests { node: n, .. } => out.push(node(n)),
            Check::Exists(object) => out.push(object.clone()),
            Check::Pods(query) => {
                for filter in [Some(&query.filter), query.every.as_ref()]
                    .into_iter()
                    .flatten()
                {
                    if let Some(Place::Node(n)) = &filter.on {
                        out.push(node(n));
                    }
                    if let Some((kind, Some(name))) = &filter.of {
                        out.push(ObjectRef {
                            kind: *kind,
                            name: name.clone(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether the object exists.
pub fn exists(c: &Cluster, object: &ObjectRef) -> bool {
    let name = object.name.as_str();
    match object.kind {
        Kind::Node => c.node(name).is_some(),
        Kind::Pod => c.pod("default", name).is_some(),
        Kind::DaemonSet => c
            .daemon_sets()
            .any(|d| d.metadata.name == name && d.metadata.namespace == "default"),
        Kind::Deployment => c
            .deployments()
            .any(|d| d.metadata.name == name && d.metadata.namespace == "default"),
        Kind::ReplicaSet => c
            .replica_sets()
            .any(|r| r.metadata.name == name && r.metadata.namespace == "default"),
    }
}

/// What runs the pod, as `(kind, name)`: the Deployment for a pod of one of its
/// ReplicaSets, else the pod's controller.
fn owner_of<'a>(c: &'a Cluster, pod: &'a Pod) -> Option<(Kind, &'a str)> {
    if let Some(deployment) = deployment_of(c, pod) {
        return Some((Kind::Deployment, deployment));
    }
    let r = pod.metadata.controller_of()?;
    Some((Kind::parse(&r.kind)?, r.name.as_str()))
}

/// The pod template of the pod's DaemonSet or Deployment.
fn template_of<'a>(c: &'a Cluster, pod: &Pod) -> Option<&'a PodSpec> {
    if let Some(ds) = daemon_set_of(c, pod) {
        return Some(&ds.spec.template.spec);
    }
    let name = deployment_of(c, pod)?;
    c.deployments()
        .find(|d| d.metadata.name == name && d.metadata.namespace == pod.metadata.namespace)
        .map(|d| &d.spec.template.spec)
}

fn tolerates_all(spec: &PodSpec, taints: &[(String, TaintEffect)]) -> bool {
    taints
        .iter()
        .all(|(key, effect)| tolerates(&spec.tolerations, key, *effect))
}

impl PodFilter {
    /// Whether the pod matches.
    pub fn matches(&self, c: &Cluster, pod: &Pod) -> bool {
        self.name
            .as_ref()
            .is_none_or(|n| n.matches(&pod.metadata.name))
            && self.of.as_ref().is_none_or(|(kind, name)| {
                let owner = match kind {
                    Kind::Deployment => deployment_of(c, pod).map(|n| (Kind::Deployment, n)),
                    _ => pod
                        .metadata
                        .controller_of()
                        .and_then(|r| Some((Kind::parse(&r.kind)?, r.name.as_str()))),
                };
                owner.is_some_and(|(k, n)| k == *kind && name.as_ref().is_none_or(|name| name == n))
            })
            && self.on.as_ref().is_none_or(|place| match place {
                Place::Node(node) => &pod.spec.node_name == node,
                Place::AnyNode => !pod.spec.node_name.is_empty(),
                Place::Pending => pod.spec.node_name.is_empty(),
            })
            && self.phase.as_ref().is_none_or(|p| &pod.status.phase == p)
            && self.mirror.is_none_or(|m| pod.is_mirror() == m)
            && tolerates_all(&pod.spec, &self.tolerates)
            && self.template.as_ref().is_none_or(|t| {
                template_of(c, pod).is_some_and(|spec| {
                    tolerates_all(spec, &t.tolerates)
                        && t.selects_nodes.is_none_or(|s| {
                            s == (!spec.node_selector.is_empty() || required_terms(spec).is_some())
                        })
                        && t.requires_nodes
                            .is_none_or(|r| r == required_terms(spec).is_some())
                })
            })
            && self.not.as_ref().is_none_or(|not| !not.matches(c, pod))
    }
}

impl PodQuery {
    /// Whether the pods that match pass the count (in some group, with `per`).
    pub fn holds(&self, c: &Cluster) -> bool {
        let count = self.count.unwrap_or(Count { min: 1, max: None });
        let pods = c
            .pods()
            .filter(|p| !p.is_terminating() && self.filter.matches(c, p));
        let passes = |group: &[&Pod]| {
            count.holds(group.len())
                && self
                    .every
                    .as_ref()
                    .is_none_or(|every| group.iter().all(|p| every.matches(c, p)))
        };
        if self.per.is_empty() {
            let all: Vec<&Pod> = pods.collect();
            return passes(&all);
        }
        let mut groups: BTreeMap<Vec<String>, Vec<&Pod>> = BTreeMap::new();
        for pod in pods {
            let key = self
                .per
                .iter()
                .map(|g| match g {
                    Group::Node => pod.spec.node_name.clone(),
                    Group::Owner => owner_of(c, pod)
                        .map(|(k, n)| format!("{}/{n}", k.api_name()))
                        .unwrap_or_default(),
                })
                .collect();
            groups.entry(key).or_default().push(pod);
        }
        groups.values().any(|group| passes(group))
    }
}

/// Reads checks from YAML, reporting every error with its field path.
pub(crate) struct CheckParser<'e, 'a> {
    /// Where errors go.
    pub errors: &'e mut Errors<'a>,
}

/// The names of every predicate, for the error that lists them.
const PREDICATES: &[&str] = &[
    "all",
    "any",
    "not",
    "taint",
    "label",
    "cordoned",
    "ready",
    "kubeletRunning",
    "manifests",
    "exists",
    "event",
    "evicted",
    "pods",
    "spreadByDefault",
    "onePodPerNode",
    "balanced",
    "preempted",
    "preemptionRefused",
    "budgetSteered",
];

/// The mapping's value at `key`, by its string key.
fn get<'v>(map: &'v Mapping, key: &str) -> Option<&'v Value> {
    map.get(Value::String(key.to_string()))
}

impl CheckParser<'_, '_> {
    /// The check at `path`, or `None` after reporting why not.
    pub fn check(&mut self, value: &Value, path: &str, depth: usize) -> Option<Check> {
        if depth > MAX_CHECK_DEPTH {
            self.errors.at(
                path,
                format!("checks nest deeper than {MAX_CHECK_DEPTH} levels"),
            );
            return None;
        }
        let Some(map) = value.as_mapping() else {
            self.errors.at(
                path,
                "a check is a mapping with one predicate, such as `taint: {node: master}`",
            );
            return None;
        };
        let mut entries = map.iter();
        let (Some((key, args)), None) = (entries.next(), entries.next()) else {
            self.errors.at(
                path,
                format!(
                    "a check has exactly one predicate (found {}); combine several with `all` or `any`",
                    map.len()
                ),
            );
            return None;
        };
        let Some(name) = key.as_str() else {
            self.errors.at(path, "a predicate's name is a string");
            return None;
        };
        let at = format!("{path}.{name}");
        match name {
            "all" | "any" => {
                let Some(items) = args.as_sequence() else {
                    self.errors
                        .at(&at, format!("`{name}` takes a list of checks"));
                    return None;
                };
                let mut checks = Vec::new();
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    match self.check(item, &format!("{at}[{i}]"), depth + 1) {
                        Some(check) => checks.push(check),
                        None => ok = false,
                    }
                }
                ok.then(|| {
                    if name == "all" {
                        Check::All(checks)
                    } else {
                        Check::Any(checks)
                    }
                })
            }
            "not" => Some(Check::Not(Box::new(self.check(args, &at, depth + 1)?))),
            "taint" => {
                let map = self.fields(args, &at, &["node", "key", "effect"])?;
                let node = self.node(map, &at, "node")?;
                let key = self.opt_string(map, &at, "key");
                let effect = match get(map, "effect") {
                    Some(_) => Some(self.effect(map, &at)?),
                    None => None,
                };
                Some(Check::Taint { node, key, effect })
            }
            "label" => {
                let map = self.fields(args, &at, &["node", "key", "value"])?;
                let node = self.node(map, &at, "node")?;
                let key = self.string(map, &at, "key")?;
                let value = self.opt_string(map, &at, "value");
                Some(Check::Label { node, key, value })
            }
            "cordoned" => Some(Check::Cordoned(self.node_name(args, &at)?)),
            "kubeletRunning" => Some(Check::KubeletRunning(self.node_name(args, &at)?)),
            "ready" => {
                let map = self.fields(args, &at, &["node", "status"])?;
                let node = self.node(map, &at, "node")?;
                // `True` unquoted reads as a boolean in YAML.
                let status = match get(map, "status").and_then(Value::as_bool) {
                    Some(true) => "True".to_string(),
                    Some(false) => "False".to_string(),
                    None => self.string(map, &at, "status")?,
                };
                let status = match status.as_str() {
                    "True" => ConditionStatus::True,
                    "False" => ConditionStatus::False,
                    "Unknown" => ConditionStatus::Unknown,
                    other => {
                        self.errors.at(
                            &format!("{at}.status"),
                            format!("unknown status {other:?}: one of True, False, Unknown"),
                        );
                        return None;
                    }
                };
                Some(Check::Ready { node, status })
            }
            "manifests" => {
                let map = self.fields(args, &at, &["node", "count"])?;
                let node = self.node(map, &at, "node")?;
                let count = self.count(map, &at)?.unwrap_or(Count { min: 1, max: None });
                Some(Check::Manifests { node, count })
            }
            "exists" => {
                let Some(text) = args.as_str() else {
                    self.errors.at(
                        &at,
                        "`exists` names an object: `pod/NAME`, `node/NAME`, ...",
                    );
                    return None;
                };
                Some(Check::Exists(self.object(text, &at)?))
            }
            "event" => {
                let map = self.fields(args, &at, &["reason", "kind", "name", "message"])?;
                let reason = self.string(map, &at, "reason")?;
                let kind = self
                    .opt_string(map, &at, "kind")
                    .unwrap_or_else(|| "Pod".into());
                let name = Pattern::new(&self.string(map, &at, "name")?);
                let message = self.opt_string(map, &at, "message");
                Some(Check::Event {
                    reason,
                    kind,
                    name,
                    message,
                })
            }
            "evicted" => {
                let map = self.fields(args, &at, &["pod"])?;
                Some(Check::Evicted(Pattern::new(&self.string(map, &at, "pod")?)))
            }
            "pods" => Some(Check::Pods(Box::new(self.pods(args, &at, depth)?))),
            "spreadByDefault" => {
                let map = self.fields(args, &at, &["label"])?;
                Some(Check::SpreadByDefault {
                    label: self.string(map, &at, "label")?,
                })
            }
            "balanced" => {
                let map = self.fields(args, &at, &["label", "min"])?;
                let label = self.string(map, &at, "label")?;
                let min = match get(map, "min") {
                    Some(v) => self.number(v, &format!("{at}.min"))?,
                    None => 1,
                };
                Some(Check::Balanced { label, min })
            }
            "onePodPerNode" | "preempted" | "preemptionRefused" | "budgetSteered" => {
                self.no_arguments(args, &at, name)?;
                Some(match name {
                    "onePodPerNode" => Check::OnePodPerNode,
                    "preempted" => Check::Preempted,
                    "preemptionRefused" => Check::PreemptionRefused,
                    _ => Check::BudgetSteered,
                })
            }
            other => {
                self.errors.at(
                    &at,
                    format!(
                        "unknown predicate {other:?}; the predicates are {}",
                        PREDICATES.join(", ")
                    ),
                );
                None
            }
        }
    }

    fn no_arguments(&mut self, args: &Value, at: &str, name: &str) -> Option<()> {
        let empty = args.is_null() || args.as_mapping().is_some_and(Mapping::is_empty);
        if !empty {
            self.errors.at(
                at,
                format!("`{name}` takes no arguments: write `{name}: {{}}`"),
            );
            return None;
        }
        Some(())
    }

    /// The mapping of a predicate's arguments, refusing keys it does not know.
    fn fields<'v>(&mut self, args: &'v Value, at: &str, known: &[&str]) -> Option<&'v Mapping> {
        let Some(map) = args.as_mapping() else {
            self.errors.at(
                at,
                format!("expected a mapping with the fields {}", known.join(", ")),
            );
            return None;
        };
        let mut ok = true;
        for key in map.keys() {
            let name = key.as_str().unwrap_or("");
            if !known.contains(&name) {
                self.errors.at(
                    &format!("{at}.{name}"),
                    format!(
                        "unknown field {name:?}; expected one of {}",
                        known.join(", ")
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(map)
    }

    fn string(&mut self, map: &Mapping, at: &str, key: &str) -> Option<String> {
        match get(map, key) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(_) => {
                self.errors.at(
                    &format!("{at}.{key}"),
                    format!("`{key}` is a non-empty string"),
                );
                None
            }
            None => {
                self.errors.at(at, format!("missing field `{key}`"));
                None
            }
        }
    }

    fn opt_string(&mut self, map: &Mapping, at: &str, key: &str) -> Option<String> {
        get(map, key)?;
        self.string(map, at, key)
    }

    /// A node's name, written `master` or `node/master`.
    fn node(&mut self, map: &Mapping, at: &str, key: &str) -> Option<String> {
        let name = self.string(map, at, key)?;
        Some(name.strip_prefix("node/").unwrap_or(&name).to_string())
    }

    fn node_name(&mut self, args: &Value, at: &str) -> Option<String> {
        match args.as_str() {
            Some(name) if !name.is_empty() => {
                Some(name.strip_prefix("node/").unwrap_or(name).to_string())
            }
            _ => {
                self.errors
                    .at(at, "expected a node's name, such as `node/worker`");
                None
            }
        }
    }

    fn effect(&mut self, map: &Mapping, at: &str) -> Option<TaintEffect> {
        let text = self.string(map, at, "effect")?;
        let effect = TaintEffect::parse(&text);
        if effect.is_none() {
            self.errors.at(
                &format!("{at}.effect"),
                format!("unknown effect {text:?}: one of NoSchedule, PreferNoSchedule, NoExecute"),
            );
        }
        effect
    }

    fn object(&mut self, text: &str, at: &str) -> Option<ObjectRef> {
        let parsed = text
            .split_once('/')
            .and_then(|(kind, name)| Some((Kind::parse(kind)?, name)))
            .filter(|(_, name)| !name.is_empty() && !name.contains('/'));
        match parsed {
            Some((kind, name)) => Some(ObjectRef {
                kind,
                name: name.to_string(),
            }),
            None => {
                self.errors.at(
                    at,
                    format!(
                        "cannot read {text:?} as KIND/NAME (kinds: node, pod, daemonset, deployment, replicaset)"
                    ),
                );
                None
            }
        }
    }

    fn number(&mut self, value: &Value, at: &str) -> Option<usize> {
        let n = value.as_u64().and_then(|n| usize::try_from(n).ok());
        if n.is_none() {
            self.errors.at(at, "expected a whole number, 0 or more");
        }
        n
    }

    /// `count: N` (exactly N) or `count: {min: N, max: M}`, if present.
    fn count(&mut self, map: &Mapping, at: &str) -> Option<Option<Count>> {
        let Some(value) = get(map, "count") else {
            return Some(None);
        };
        let at = format!("{at}.count");
        if value.is_mapping() {
            let bounds = self.fields(value, &at, &["min", "max"])?;
            let min = match get(bounds, "min") {
                Some(v) => self.number(v, &format!("{at}.min"))?,
                None => 0,
            };
            let max = match get(bounds, "max") {
                Some(v) => Some(self.number(v, &format!("{at}.max"))?),
                None => None,
            };
            return Some(Some(Count { min, max }));
        }
        let n = self.number(value, &at)?;
        Some(Some(Count {
            min: n,
            max: Some(n),
        }))
    }

    fn taints(&mut self, value: &Value, at: &str) -> Option<Vec<(String, TaintEffect)>> {
        let items: Vec<&Value> = match value {
            Value::Sequence(items) => items.iter().collect(),
            other => vec![other],
        };
        let mut taints = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = if value.is_sequence() {
                format!("{at}[{i}]")
            } else {
                at.to_string()
            };
            let parsed = item
                .as_str()
                .and_then(|t| t.rsplit_once(':'))
                .and_then(|(key, effect)| Some((key.to_string(), TaintEffect::parse(effect)?)));
            match parsed {
                Some(taint) => taints.push(taint),
                None => {
                    self.errors.at(
                        &at,
                        "expected a taint as KEY:EFFECT, such as `node-role.kubernetes.io/master:NoSchedule`",
                    );
                    return None;
                }
            }
        }
        Some(taints)
    }

    fn bool(&mut self, value: &Value, at: &str) -> Option<bool> {
        let b = value.as_bool();
        if b.is_none() {
            self.errors.at(at, "expected true or false");
        }
        b
    }

    fn pod_filter(&mut self, map: &Mapping, at: &str, depth: usize) -> Option<PodFilter> {
        let mut filter = PodFilter::default();
        let mut ok = true;
        for (key, value) in map {
            let key = key.as_str().unwrap_or("");
            let here = format!("{at}.{key}");
            match key {
                "name" => match value.as_str() {
                    Some(name) if !name.is_empty() => filter.name = Some(Pattern::new(name)),
                    _ => {
                        self.errors
                            .at(&here, "expected a pod's name, or a prefix ending in `*`");
                        ok = false;
                    }
                },
                "of" => {
                    let text = value.as_str().unwrap_or("");
                    let (kind, name) = match text.split_once('/') {
                        Some((kind, name)) => (kind, Some(name.to_string())),
                        None => (text, None),
                    };
                    match Kind::parse(kind) {
                        Some(k @ (Kind::DaemonSet | Kind::Deployment | Kind::ReplicaSet))
                            if name.as_ref().is_none_or(|n| !n.is_empty()) =>
                        {
                            filter.of = Some((k, name));
                        }
                        _ => {
                            self.errors.at(
                                &here,
                                format!(
                                    "cannot read {text:?}: expected daemonset, deployment or replicaset, alone or with /NAME"
                                ),
                            );
                            ok = false;
                        }
                    }
                }
                "on" => match value.as_str() {
                    Some("node") => filter.on = Some(Place::AnyNode),
                    Some("pending") => filter.on = Some(Place::Pending),
                    Some(text) if text.starts_with("node/") && text.len() > 5 => {
                        filter.on = Some(Place::Node(text[5..].to_string()));
                    }
                    _ => {
                        self.errors.at(
                            &here,
                            "expected `node/NAME`, `node` (any node) or `pending`",
                        );
                        ok = false;
                    }
                },
                "phase" => match value.as_str() {
                    Some(phase) => filter.phase = Some(phase.to_string()),
                    None => {
                        self.errors.at(&here, "expected a phase, such as `Running`");
                        ok = false;
                    }
                },
                "mirror" => match self.bool(value, &here) {
                    Some(b) => filter.mirror = Some(b),
                    None => ok = false,
                },
                "tolerates" => match self.taints(value, &here) {
                    Some(t) => filter.tolerates = t,
                    None => ok = false,
                },
                "template" => {
                    let Some(t) = self.fields(
                        value,
                        &here,
                        &["tolerates", "selectsNodes", "requiresNodes"],
                    ) else {
                        ok = false;
                        continue;
                    };
                    let mut template = TemplateFilter::default();
                    for (k, v) in t {
                        let k = k.as_str().unwrap_or("");
                        let there = format!("{here}.{k}");
                        let good = match k {
                            "tolerates" => self.taints(v, &there).map(|t| template.tolerates = t),
                            "selectsNodes" => self
                                .bool(v, &there)
                                .map(|b| template.selects_nodes = Some(b)),
                            _ => self
                                .bool(v, &there)
                                .map(|b| template.requires_nodes = Some(b)),
                        };
                        ok &= good.is_some();
                    }
                    filter.template = Some(template);
                }
                "not" => {
                    if depth >= MAX_CHECK_DEPTH {
                        self.errors.at(
                            &here,
                            format!("filters nest deeper than {MAX_CHECK_DEPTH} levels"),
                        );
                        ok = false;
                        continue;
                    }
                    let Some(inner) = self.fields(value, &here, POD_FILTER_FIELDS) else {
                        ok = false;
                        continue;
                    };
                    match self.pod_filter(inner, &here, depth + 1) {
                        Some(inner) => filter.not = Some(Box::new(inner)),
                        None => ok = false,
                    }
                }
                _ => {}
            }
        }
        ok.then_some(filter)
    }

    fn pods(&mut self, args: &Value, at: &str, depth: usize) -> Option<PodQuery> {
        let known: Vec<&str> = POD_FILTER_FIELDS
            .iter()
            .chain(["per", "count", "every"].iter())
            .copied()
            .collect();
        let map = self.fields(args, at, &known)?;
        let mut filter_map = map.clone();
        for key in ["per", "count", "every"] {
            filter_map.remove(key);
        }
        let filter = self.pod_filter(&filter_map, at, depth);
        let count = self.count(map, at);
        let mut per = Vec::new();
        let mut ok = true;
        if let Some(value) = get(map, "per") {
            let items: Vec<&Value> = match value {
                Value::Sequence(items) => items.iter().collect(),
                other => vec![other],
            };
            for item in items {
                match item.as_str() {
                    Some("node") => per.push(Group::Node),
                    Some("owner") => per.push(Group::Owner),
                    _ => {
                        self.errors.at(
                            &format!("{at}.per"),
                            "expected `node`, `owner` or a list of them",
                        );
                        ok = false;
                    }
                }
            }
        }
        let every = match get(map, "every") {
            Some(value) => {
                let here = format!("{at}.every");
                let inner = self.fields(value, &here, POD_FILTER_FIELDS);
                match inner.and_then(|inner| self.pod_filter(inner, &here, depth + 1)) {
                    Some(f) => Some(f),
                    None => {
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        let (filter, count) = (filter?, count?);
        ok.then_some(PodQuery {
            filter,
            per,
            count,
            every,
        })
    }
}

/// The fields of a pod filter.
const POD_FILTER_FIELDS: &[&str] = &[
    "name",
    "of",
    "on",
    "phase",
    "mirror",
    "tolerates",
    "template",
    "not",
];
