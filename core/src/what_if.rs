//! What a change would do: the cluster as it is and a copy with the change
//! made, after the same simulated time, compared pod by pod.
//!
//! The comparison is what `taintlab diff` prints and what the page's *What if*
//! mode lists: every pod that would start, wait, be evicted (and when), go or
//! change state, with the reason for each, then the same changes counted per
//! node and per workload. It reads each cluster once: pods, ReplicaSets and
//! events go into maps first, so the cost grows with the clusters' size, not
//! with its square.

use crate::Cluster;
use crate::api::Pod;
use crate::api::TaintEffect;
use crate::clock::Time;
use crate::events::Event;
use crate::view::pod_status_text;
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::collections::HashSet;

/// Where a pod is and what `kubectl get pods` says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Its node; empty while it waits for one.
    pub node: String,
    /// STATUS as `kubectl get pods` prints it.
    pub status: String,
}

impl Place {
    fn of(pod: &Pod) -> Place {
        Place {
            node: pod.spec.node_name.clone(),
            status: pod_status_text(pod),
        }
    }

    fn text(&self) -> String {
        if self.node.is_empty() {
            self.status.clone()
        } else {
            format!("{} on {}", self.status, self.node)
        }
    }
}

/// What happens to one pod in the copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// Evicted by the taint-eviction controller (a `NoExecute` taint).
    Evicted,
    /// Preempted to make room for a pod of higher priority.
    Preempted,
    /// Still running, but its eviction is scheduled (a toleration with
    /// `tolerationSeconds`).
    WillBeEvicted,
    /// Gone for another reason (its node deleted, its workload scaled down).
    Removed,
    /// Waits for a node in the copy.
    Pending,
    /// Waited in the cluster as it is, and has a node in the copy.
    Scheduled,
    /// A pod only the copy has, with a node.
    Started,
    /// On another node.
    Moved,
    /// Same node, another state.
    StatusChanged,
}

impl ChangeKind {
    /// A short word for counts (`2 evicted`).
    pub fn word(self) -> &'static str {
        match self {
            ChangeKind::Evicted => "evicted",
            ChangeKind::Preempted => "preempted",
            ChangeKind::WillBeEvicted => "to be evicted",
            ChangeKind::Removed => "removed",
            ChangeKind::Pending => "pending",
            ChangeKind::Scheduled => "scheduled",
            ChangeKind::Started => "started",
            ChangeKind::Moved => "moved",
            ChangeKind::StatusChanged => "changed",
        }
    }
}

/// How one pod differs between the cluster as it is and the copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodChange {
    /// The pod's namespace.
    pub namespace: String,
    /// The pod's name.
    pub name: String,
    /// The workload it belongs to, as `kind/NAMESPACE/NAME` (`deployment/default/web`;
    /// a ReplicaSet's pods count for its Deployment), if it has a controller.
    pub workload: Option<String>,
    /// What happens to it.
    pub kind: ChangeKind,
    /// Where it is in the cluster as it is (`None`: only the copy has it).
    pub before: Option<Place>,
    /// Where it is in the copy (`None`: gone there).
    pub after: Option<Place>,
    /// Why, in the words of the component that decided (the scheduler's
    /// message for a pending pod, the taint for an eviction).
    pub reason: Option<String>,
    /// Seconds from the copy's start to its eviction or preemption (past), or
    /// from now to its scheduled eviction (future).
    pub seconds: Option<u64>,
}

impl PodChange {
    /// `pod/NAMESPACE/NAME` when the copy still has the pod, else
    /// `node/NODE` where it was: what *Why here?* opens for this change.
    pub fn selection(&self) -> String {
        match (&self.after, &self.before) {
            (Some(_), _) => format!("pod/{}/{}", self.namespace, self.name),
            (None, Some(before)) if !before.node.is_empty() => format!("node/{}", before.node),
            _ => format!("pod/{}/{}", self.namespace, self.name),
        }
    }

    /// What happens, in one line without the pod's name
    /// (`evicted from worker 30s after the change`).
    pub fn summary(&self) -> String {
        let before = self.before.as_ref().map(Place::text).unwrap_or_default();
        let after = self.after.as_ref().map(Place::text).unwrap_or_default();
        let node = self
            .before
            .as_ref()
            .map(|p| p.node.as_str())
            .unwrap_or_default();
        let secs = self.seconds.unwrap_or_default();
        match self.kind {
            ChangeKind::Evicted | ChangeKind::Preempted if self.seconds.is_some() => {
                format!("{} from {node} {secs}s after the change", self.kind.word())
            }
            ChangeKind::Evicted | ChangeKind::Preempted => {
                format!("{} from {node}", self.kind.word())
            }
            ChangeKind::WillBeEvicted => format!("{after}, evicted in {secs}s"),
            ChangeKind::Removed if self.after.is_some() => format!("{before} -> {after}"),
            ChangeKind::Removed => format!("gone, was {before}"),
            ChangeKind::Started | ChangeKind::Pending if self.before.is_none() => {
                format!("new, {after}")
            }
            _ => format!("{before} -> {after}"),
        }
    }

    /// The change as `taintlab diff` prints it: a line, and the reason indented
    /// below.
    pub fn line(&self) -> String {
        let head = format!("pod {}/{}: {}", self.namespace, self.name, self.summary());
        match &self.reason {
            Some(reason) => format!("{head}\n    {reason}"),
            None => head,
        }
    }
}

/// Every pod change, and the same counted per node and per workload.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Each pod that differs, in namespace/name order.
    pub pods: Vec<PodChange>,
    /// Per node: pods it gains (bound there in the copy only) and loses.
    pub nodes: BTreeMap<String, NodeDelta>,
    /// Per workload (`kind/NAMESPACE/NAME`): how many of its pods had each kind of change.
    pub workloads: BTreeMap<String, BTreeMap<ChangeKind, usize>>,
}

/// How many pods a node gains and loses in the copy.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeDelta {
    /// Pods bound to it in the copy and not in the cluster as it is.
    pub gained: usize,
    /// Pods bound to it in the cluster as it is and not in the copy (or
    /// leaving it: evicted, preempted, terminating).
    pub lost: usize,
}

impl Diff {
    /// Whether no pod would change.
    pub fn is_empty(&self) -> bool {
        self.pods.is_empty()
    }

    /// The whole diff as `taintlab diff` prints it.
    pub fn text(&self) -> String {
        if self.is_empty() {
            return "no pod would change\n".to_string();
        }
        let mut out = String::new();
        for change in &self.pods {
            out.push_str(&change.line());
            out.push('\n');
        }
        out.push_str("\nper node:\n");
        let width = self.nodes.keys().map(String::len).max().unwrap_or(0);
        for (node, delta) in &self.nodes {
            out.push_str(&format!("  {node:width$}  {}\n", delta.text()));
        }
        out.push_str("\nper workload:\n");
        let width = self.workloads.keys().map(String::len).max().unwrap_or(0);
        for (workload, counts) in &self.workloads {
            out.push_str(&format!("  {workload:width$}  {}\n", counts_text(counts)));
        }
        out
    }
}

impl NodeDelta {
    /// `+1 -2` (either part left out when zero).
    pub fn text(&self) -> String {
        match (self.gained, self.lost) {
            (0, lost) => format!("-{lost}"),
            (gained, 0) => format!("+{gained}"),
            (gained, lost) => format!("+{gained} -{lost}"),
        }
    }
}

/// `2 evicted, 2 pending`, in [`ChangeKind`] order.
pub fn counts_text(counts: &BTreeMap<ChangeKind, usize>) -> String {
    counts
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.word()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Compares the cluster as it is (`before`) with the copy (`after`), after
/// the same simulated time; `since` is when the copy was made (times of
/// evictions are counted from it).
pub fn diff(before: &Cluster, after: &Cluster, since: Time) -> Diff {
    let old: HashMap<(&str, &str), &Pod> = before.pods().map(|p| (pod_key(p), p)).collect();
    let new: HashMap<(&str, &str), &Pod> = after.pods().map(|p| (pod_key(p), p)).collect();
    let removals = Removals::of(before, after);
    let workloads = Workloads::of(before, after);
    let mut pods = Vec::new();
    for (key, pod) in &old {
        let change = match new.get(key) {
            None => Some(gone(pod, after, &removals, since)),
            Some(now) => changed(pod, now, after, &removals, since),
        };
        pods.extend(change.map(|c| c.with_workload(pod, &workloads)));
    }
    for (key, pod) in &new {
        if !old.contains_key(key) {
            let place = Place::of(pod);
            let kind = if place.node.is_empty() {
                ChangeKind::Pending
            } else {
                ChangeKind::Started
            };
            let change = PodChange::new(pod, kind, None, Some(place), waiting_reason(pod));
            pods.push(change.with_workload(pod, &workloads));
        }
    }
    pods.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    let mut diff = Diff {
        pods,
        ..Diff::default()
    };
    diff.count();
    diff
}

impl Diff {
    /// Fills the per-node and per-workload counts from the pod changes.
    fn count(&mut self) {
        for change in &self.pods {
            let was = change.before.as_ref().map(|p| p.node.as_str());
            let is = change.after.as_ref().map(|p| p.node.as_str());
            let leaving = matches!(
                change.kind,
                ChangeKind::Evicted | ChangeKind::Preempted | ChangeKind::Removed
            );
            if let Some(node) = was.filter(|n| !n.is_empty())
                && (leaving || is != Some(node))
            {
                self.nodes.entry(node.to_string()).or_default().lost += 1;
            }
            if let Some(node) = is.filter(|n| !n.is_empty())
                && !leaving
                && was != Some(node)
            {
                self.nodes.entry(node.to_string()).or_default().gained += 1;
            }
            let workload = change
                .workload
                .clone()
                .unwrap_or_else(|| "(no controller)".to_string());
            *self
                .workloads
                .entry(workload)
                .or_default()
                .entry(change.kind)
                .or_default() += 1;
        }
    }
}

impl PodChange {
    fn new(
        pod: &Pod,
        kind: ChangeKind,
        before: Option<Place>,
        after: Option<Place>,
        reason: Option<String>,
    ) -> PodChange {
        PodChange {
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
            workload: None,
            kind,
            before,
            after,
            reason,
            seconds: None,
        }
    }

    fn with_workload(mut self, pod: &Pod, workloads: &Workloads) -> PodChange {
        self.workload = workloads.of_pod(pod);
        self
    }
}

/// A pod of the cluster as it is that the copy no longer has.
fn gone(pod: &Pod, after: &Cluster, removals: &Removals<'_>, since: Time) -> PodChange {
    let before = Some(Place::of(pod));
    if let Some(removal) = removals.get(pod) {
        let mut change = PodChange::new(pod, removal.kind, before, None, None);
        change.seconds = Some(removal.at.millis_since(since) / 1000);
        change.reason = Some(removal_reason(pod, after, removal));
        return change;
    }
    let reason = (!pod.spec.node_name.is_empty() && after.node(&pod.spec.node_name).is_none())
        .then(|| format!("node {} no longer exists", pod.spec.node_name));
    PodChange::new(pod, ChangeKind::Removed, before, None, reason)
}

/// A pod both clusters have: its change, if any.
fn changed(
    was: &Pod,
    now: &Pod,
    after: &Cluster,
    removals: &Removals<'_>,
    since: Time,
) -> Option<PodChange> {
    let (before, place) = (Place::of(was), Place::of(now));
    if let Some(removal) = removals.get(now) {
        // Evicted or preempted, and still terminating.
        let mut change = PodChange::new(now, removal.kind, Some(before), Some(place), None);
        change.seconds = Some(removal.at.millis_since(since) / 1000);
        change.reason = Some(removal_reason(was, after, removal));
        return Some(change);
    }
    let deadline = after.eviction_deadline(&now.metadata.uid);
    if deadline.is_some() && deadline != removals.before_deadline(was) {
        let mut change = PodChange::new(
            now,
            ChangeKind::WillBeEvicted,
            Some(before),
            Some(place),
            None,
        );
        change.seconds = deadline.map(|t| t.millis_since(after.now()).div_ceil(1000));
        change.reason = tolerated_taint(now, after);
        return Some(change);
    }
    if before == place {
        return None;
    }
    let kind = match (before.node.is_empty(), place.node.is_empty()) {
        (_, true) => ChangeKind::Pending,
        (true, false) => ChangeKind::Scheduled,
        (false, false) if before.node != place.node => ChangeKind::Moved,
        (false, false) => ChangeKind::StatusChanged,
    };
    Some(PodChange::new(
        now,
        kind,
        Some(before),
        Some(place),
        waiting_reason(now),
    ))
}

/// The scheduler's message for a pod that waits for a node.
fn waiting_reason(pod: &Pod) -> Option<String> {
    if !pod.spec.node_name.is_empty() {
        return None;
    }
    pod.condition("PodScheduled")
        .filter(|c| c.status == "False" && !c.message.is_empty())
        .map(|c| c.message.clone())
}

/// Why a pod was removed: the NoExecute taint it did not tolerate, or the
/// event's own message.
fn removal_reason(pod: &Pod, after: &Cluster, removal: &Removal) -> String {
    if removal.kind == ChangeKind::Evicted
        && let Some(node) = after.node(&pod.spec.node_name)
    {
        let untolerated = node.spec.taints.iter().find(|t| {
            t.effect == TaintEffect::NoExecute
                && !pod.spec.tolerations.iter().any(|tol| tol.tolerates(t))
        });
        if let Some(taint) = untolerated {
            return format!(
                "node {} has taint {taint} that the pod does not tolerate",
                node.metadata.name
            );
        }
        if let Some(taint) = node
            .spec
            .taints
            .iter()
            .find(|t| t.effect == TaintEffect::NoExecute)
        {
            return format!(
                "node {} has taint {taint}, tolerated for a limited time",
                node.metadata.name
            );
        }
    }
    removal.message.clone()
}

/// For a pod whose eviction is scheduled: the taint it tolerates for a while.
fn tolerated_taint(pod: &Pod, after: &Cluster) -> Option<String> {
    let node = after.node(&pod.spec.node_name)?;
    node.spec
        .taints
        .iter()
        .filter(|t| t.effect == TaintEffect::NoExecute)
        .find_map(|t| {
            let seconds = pod
                .spec
                .tolerations
                .iter()
                .find(|tol| tol.tolerates(t))?
                .toleration_seconds?;
            Some(format!(
                "node {} has taint {t}, tolerated for {seconds}s",
                node.metadata.name
            ))
        })
}

fn pod_key(pod: &Pod) -> (&str, &str) {
    (&pod.metadata.namespace, &pod.metadata.name)
}

/// The pod an event says was evicted, preempted or deleted by its controller,
/// as the kind of change, its namespace and its name.
fn removal_of(event: &Event) -> Option<(ChangeKind, &str, &str)> {
    let ns = event.object.namespace.as_str();
    match (event.object.kind, event.reason) {
        // Models pkg/controller/tainteviction: the event recorded as the
        // deletion starts ("Marking for deletion Pod NS/NAME").
        ("Pod", "TaintManagerEviction") if event.message.starts_with("Marking") => {
            Some((ChangeKind::Evicted, ns, &event.object.name))
        }
        ("Pod", "Preempted") => Some((ChangeKind::Preempted, ns, &event.object.name)),
        // pkg/controller: RealPodControl.DeletePod's event on the controller.
        (_, "SuccessfulDelete") => event
            .message
            .strip_prefix("Deleted pod: ")
            .map(|name| (ChangeKind::Removed, ns, name)),
        _ => None,
    }
}

/// A pod's eviction, preemption or deletion by its controller, from the copy's events.
struct Removal {
    kind: ChangeKind,
    at: Time,
    message: String,
}

/// The copy's evictions and preemptions by pod, and the cluster as it is's
/// scheduled evictions by pod UID (one pass over each event log).
struct Removals<'a> {
    /// By namespace, then by pod name.
    by_pod: HashMap<&'a str, HashMap<&'a str, Removal>>,
    before_deadlines: HashMap<&'a str, Time>,
}

impl<'a> Removals<'a> {
    fn of(before: &'a Cluster, after: &'a Cluster) -> Removals<'a> {
        let already: HashSet<(ChangeKind, &str, &str)> = before
            .events()
            .all()
            .iter()
            .filter_map(removal_of)
            .collect();
        let mut by_pod: HashMap<&str, HashMap<&str, Removal>> = HashMap::new();
        for event in after.events().all() {
            let Some((kind, ns, name)) = removal_of(event) else {
                continue;
            };
            if already.contains(&(kind, ns, name)) {
                continue;
            }
            let message = match kind {
                ChangeKind::Removed => format!(
                    "deleted by {}/{} ({})",
                    event.object.kind.to_lowercase(),
                    event.object.name,
                    event.message
                ),
                _ => event.message.clone(),
            };
            by_pod.entry(ns).or_default().insert(
                name,
                Removal {
                    kind,
                    at: event.last_timestamp,
                    message,
                },
            );
        }
        let before_deadlines = before
            .pods()
            .filter_map(|p| {
                let deadline = before.eviction_deadline(&p.metadata.uid)?;
                Some((p.metadata.uid.as_str(), deadline))
            })
            .collect();
        Removals {
            by_pod,
            before_deadlines,
        }
    }

    fn get(&self, pod: &Pod) -> Option<&Removal> {
        self.by_pod
            .get(pod.metadata.namespace.as_str())?
            .get(pod.metadata.name.as_str())
    }

    fn before_deadline(&self, pod: &Pod) -> Option<Time> {
        self.before_deadlines
            .get(pod.metadata.uid.as_str())
            .copied()
    }
}

/// ReplicaSets' Deployments, by namespace and name, in both clusters.
struct Workloads {
    deployment_of: HashMap<(String, String), String>,
}

impl Workloads {
    fn of(before: &Cluster, after: &Cluster) -> Workloads {
        let mut deployment_of = HashMap::new();
        for rs in before.replica_sets().chain(after.replica_sets()) {
            let owner = rs
                .metadata
                .owner_references
                .iter()
                .find(|o| o.controller == Some(true) && o.kind == "Deployment");
            if let Some(owner) = owner {
                deployment_of.insert(
                    (rs.metadata.namespace.clone(), rs.metadata.name.clone()),
                    owner.name.clone(),
                );
            }
        }
        Workloads { deployment_of }
    }

    /// `kind/NAMESPACE/NAME` of the pod's controller (a ReplicaSet's Deployment).
    fn of_pod(&self, pod: &Pod) -> Option<String> {
        let owner = pod
            .metadata
            .owner_references
            .iter()
            .find(|o| o.controller == Some(true))?;
        let ns = &pod.metadata.namespace;
        if owner.kind == "ReplicaSet"
            && let Some(deployment) = self.deployment_of.get(&(ns.clone(), owner.name.clone()))
        {
            return Some(format!("deployment/{ns}/{deployment}"));
        }
        if owner.kind == "Node" {
            return Some(format!("node/{}", owner.name));
        }
        Some(format!("{}/{ns}/{}", owner.kind.to_lowercase(), owner.name))
    }
}

#[cfg(test)]
mod tests;
