//! View models: what the UI shows, computed here so that `web` only lays it out.

use crate::api::ContainerState;
use crate::api::{Pod, TaintEffect};
use crate::cluster::{Cluster, ConditionStatus};
use crate::controller::daemon::{DaemonPodTemplate, NotRunReason};
use crate::controller::taint_eviction::{EvictionDecision, eviction_decision};
use crate::scheduler::node_affinity::ERR_REASON_POD;
use crate::scheduler::node_info::NodeInfo;
use crate::scheduler::node_name::ERR_REASON;
use crate::scheduler::taint_toleration::untolerated_reason;

/// Everything the cluster view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterView {
    /// One card per node, sorted by name.
    pub nodes: Vec<NodeCard>,
    /// Pods the scheduler could not place.
    pub pending: Vec<PendingPod>,
}

/// A node card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeCard {
    /// Node name.
    pub name: String,
    /// Roles from `node-role.kubernetes.io/*` labels; empty means `<none>`.
    pub roles: Vec<String>,
    /// `kubectl get nodes` STATUS, e.g. `Ready` or `Ready,SchedulingDisabled`.
    pub status: String,
    /// Taints in node order.
    pub taints: Vec<TaintBadge>,
    /// Pods bound to the node.
    pub pods: Vec<PodChip>,
    /// DaemonSets that have no pod here, and why.
    pub skipped: Vec<DaemonSetSkip>,
    /// `spec.unschedulable` (cordoned).
    pub cordoned: bool,
    /// Whether the node's kubelet runs.
    pub kubelet_running: bool,
    /// Labels other than the roles and the ones every node has (hostname,
    /// architecture, OS): `(key, value)` in key order.
    pub labels: Vec<(String, String)>,
    /// CPU requested by the node's pods and allocatable, in millicores.
    pub cpu: (i64, i64),
    /// Memory requested by the node's pods and allocatable, in bytes.
    pub memory: (i64, i64),
}

/// Labels every node carries or that the card shows another way (roles, the
/// hostname, architecture and OS, and their `beta.` forms).
fn is_routine_label(key: &str) -> bool {
    key.starts_with("node-role.kubernetes.io/")
        || key.starts_with("beta.kubernetes.io/")
        || matches!(
            key,
            "kubernetes.io/hostname" | "kubernetes.io/arch" | "kubernetes.io/os"
        )
}

impl NodeCard {
    /// Whether the node matches every word of `query` (in its name, roles, a
    /// `key=value` label, a taint or its status), case-insensitively: the search of
    /// the large-cluster grid.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.to_lowercase();
        let has = |text: &str, word: &str| text.to_lowercase().contains(word);
        query.split_whitespace().all(|word| {
            has(&self.name, word)
                || has(&self.status, word)
                || self.roles.iter().any(|r| has(r, word))
                || self
                    .labels
                    .iter()
                    .any(|(k, v)| has(&format!("{k}={v}"), word))
                || self.taints.iter().any(|t| has(&t.text, word))
        })
    }

    /// Requested as a whole percentage of allocatable (0 when nothing is allocatable).
    pub fn percent((requested, allocatable): (i64, i64)) -> i64 {
        if allocatable <= 0 {
            0
        } else {
            requested.saturating_mul(100) / allocatable
        }
    }
}

/// A taint as a badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaintBadge {
    /// `Taint.ToString`, e.g. `node-role.kubernetes.io/master:NoSchedule`.
    pub text: String,
    /// The taint's key.
    pub key: String,
    /// The effect, for colouring.
    pub effect: TaintEffect,
}

/// Who owns a pod, for colouring its chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodOwner {
    /// Created by a DaemonSet.
    DaemonSet,
    /// Created by a ReplicaSet (a Deployment's).
    ReplicaSet,
    /// A mirror of a static pod.
    Node,
    /// No controller.
    None,
}

/// A pod chip on a node card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodChip {
    /// Pod name.
    pub name: String,
    /// Pod namespace.
    pub namespace: String,
    /// Controller kind.
    pub owner: PodOwner,
    /// `status.phase`.
    pub phase: String,
    /// What `kubectl get pods` prints in STATUS, e.g. `ContainerCreating`.
    pub status: String,
    /// Seconds until a NoExecute eviction, if one is due.
    pub evict_after_seconds: Option<i64>,
}

/// A DaemonSet that does not run a pod on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonSetSkip {
    /// The DaemonSet's name.
    pub daemon_set: String,
    /// The DaemonSet's namespace.
    pub namespace: String,
    /// The reason in the scheduler's words for the simulated version.
    pub reason: String,
    /// The deciding taint (`Taint.ToString`), when a taint decided.
    pub taint: Option<String>,
    /// Whether an existing pod may stay (a NoSchedule taint does not evict).
    pub should_continue_running: bool,
}

/// A pod waiting for a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPod {
    /// Pod name.
    pub name: String,
    /// Pod namespace.
    pub namespace: String,
    /// The FailedScheduling message, empty if the scheduler has not tried yet.
    pub message: String,
}

fn owner_of(pod: &Pod) -> PodOwner {
    match pod.metadata.controller_of().map(|r| r.kind.as_str()) {
        Some("DaemonSet") => PodOwner::DaemonSet,
        Some("ReplicaSet") => PodOwner::ReplicaSet,
        Some("Node") => PodOwner::Node,
        _ => PodOwner::None,
    }
}

/// Models kubectl's `printPod` STATUS column: the phase, or a container's waiting
/// or terminated reason, or `Terminating` while a deletion is pending.
pub fn pod_status_text(pod: &Pod) -> String {
    if pod.is_terminating() {
        return "Terminating".to_string();
    }
    let mut reason = if pod.status.reason.is_empty() {
        pod.status.phase.clone()
    } else {
        pod.status.reason.clone()
    };
    for status in pod.status.container_statuses.iter().rev() {
        match &status.state {
            ContainerState::Waiting(r) if !r.is_empty() => reason = r.clone(),
            ContainerState::Terminated(r) if !r.is_empty() => reason = r.clone(),
            _ => {}
        }
    }
    reason
}

impl ClusterView {
    /// Builds the view of `cluster`.
    pub fn of(cluster: &Cluster) -> ClusterView {
        let version = cluster.version();
        // Pods by node from the store's index (in arrival order on each node):
        // scanning every pod for every node is quadratic, and the page builds this
        // view every simulated second.
        let by_node: Vec<Vec<&Pod>> = cluster
            .nodes()
            .map(|n| {
                cluster
                    .pods
                    .on_node(&n.metadata.name)
                    .filter_map(|seq| cluster.pods.get_seq(seq))
                    .collect()
            })
            .collect();
        // Each DaemonSet's pod template, prepared once rather than once per node.
        let templates: Vec<_> = cluster
            .daemon_sets()
            .map(|ds| (ds, DaemonPodTemplate::new(ds)))
            .collect();
        let nodes = cluster
            .nodes()
            .zip(&by_node)
            .map(|(node, on_node)| {
                let pods = on_node
                    .iter()
                    .map(|p| PodChip {
                        name: p.metadata.name.clone(),
                        namespace: p.metadata.namespace.clone(),
                        owner: owner_of(p),
                        phase: p.status.phase.clone(),
                        status: pod_status_text(p),
                        // A scheduled eviction counts down; otherwise show the full delay.
                        evict_after_seconds: cluster
                            .eviction_deadline(&p.metadata.uid)
                            .map(|t| t.millis_since(cluster.now()).div_ceil(1000) as i64)
                            .or(
                                match eviction_decision(&node.spec.taints, &p.spec.tolerations) {
                                    EvictionDecision::EvictAfter(s) => Some(s),
                                    _ => None,
                                },
                            ),
                    })
                    .collect();
                let skipped = templates
                    .iter()
                    .filter_map(|(ds, template)| {
                        // Models pkg/controller/daemon: NodeShouldRunDaemonPod.
                        let placement = template.placement_on(node);
                        let (reason, taint) = match placement.reason? {
                            NotRunReason::NodeName => (ERR_REASON.to_string(), None),
                            NotRunReason::NodeAffinity => (ERR_REASON_POD.to_string(), None),
                            NotRunReason::Taint(t) => {
                                (untolerated_reason(&t, version), Some(t.to_string()))
                            }
                        };
                        Some(DaemonSetSkip {
                            daemon_set: ds.metadata.name.clone(),
                            namespace: ds.metadata.namespace.clone(),
                            reason,
                            taint,
                            should_continue_running: placement.should_continue_running,
                        })
                    })
                    .collect();
                let ready = match cluster.node_runtime(&node.metadata.name).map(|r| r.ready) {
                    Some(ConditionStatus::True) | None => "Ready",
                    Some(_) => "NotReady",
                };
                let status = if node.spec.unschedulable {
                    format!("{ready},SchedulingDisabled")
                } else {
                    ready.to_string()
                };
                // The load NodeResourcesFit sees: every pod bound to the node that
                // has not finished, as the scheduler's own node infos count it (the
                // store's per-node sums).
                let mut load = NodeInfo::for_node(node);
                if let Some(sums) = cluster.pods.load_on(&node.metadata.name) {
                    load.set_load(sums);
                }
                NodeCard {
                    labels: node
                        .metadata
                        .labels
                        .iter()
                        .filter(|(k, _)| !is_routine_label(k))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                    cpu: (load.requested.cpu, load.allocatable.cpu),
                    memory: (load.requested.memory, load.allocatable.memory),
                    name: node.metadata.name.clone(),
                    roles: node.roles(),
                    status,
                    taints: node
                        .spec
                        .taints
                        .iter()
                        .map(|t| TaintBadge {
                            text: t.to_string(),
                            key: t.key.clone(),
                            effect: t.effect,
                        })
                        .collect(),
                    pods,
                    skipped,
                    cordoned: node.spec.unschedulable,
                    kubelet_running: cluster
                        .node_runtime(&node.metadata.name)
                        .is_none_or(|r| r.kubelet_running),
                }
            })
            .collect();
        let pending = cluster
            .pods()
            .filter(|p| p.spec.node_name.is_empty())
            .map(|p| PendingPod {
                name: p.metadata.name.clone(),
                namespace: p.metadata.namespace.clone(),
                message: p
                    .status
                    .conditions
                    .iter()
                    .find(|c| c.type_ == "PodScheduled" && c.status == "False")
                    .map(|c| c.message.clone())
                    .unwrap_or_default(),
            })
            .collect();
        ClusterView { nodes, pending }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TUTORIAL_DAEMONSET;

    /// kubectl's STATUS column through a pod's life.
    #[test]
    fn cards_show_other_labels_and_what_the_pods_request() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\n  labels: {disk: ssd}\n")
            .expect("node applies");
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {cpu: 500m, memory: 1Gi}\n")
            .expect("pod applies");
        let view = ClusterView::of(&c);
        let worker = &view.nodes[1];
        assert_eq!(worker.name, "worker");
        // Roles and the hostname are shown elsewhere on the card.
        assert!(worker.labels.contains(&("disk".into(), "ssd".into())));
        assert!(
            !worker
                .labels
                .iter()
                .any(|(k, _)| k == "kubernetes.io/hostname")
        );
        assert!(
            !view.nodes[0]
                .labels
                .iter()
                .any(|(k, _)| k.starts_with("node-role"))
        );
        // The simulated nodes have 4 CPUs allocatable.
        assert_eq!(worker.cpu, (500, 4000));
        assert_eq!(NodeCard::percent(worker.cpu), 12);
        assert_eq!(worker.memory.0, 1 << 30);
        assert!(NodeCard::percent(worker.memory) > 0);
        assert_eq!(NodeCard::percent((5, 0)), 0);
    }

    #[test]
    fn the_grid_search_looks_at_names_labels_taints_and_status() {
        let mut cluster = Cluster::tutorial();
        cluster.update_node("worker", |n| {
            n.metadata.labels.insert("zone".into(), "b".into());
            n.spec.unschedulable = true;
        });
        let view = ClusterView::of(&cluster);
        let names = |q: &str| {
            view.nodes
                .iter()
                .filter(|c| c.matches(q))
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(""), ["master", "worker"]);
        assert_eq!(names("MAST"), ["master"]);
        assert_eq!(names("zone=b"), ["worker"]);
        // Cordoning added the unschedulable taint to worker.
        assert_eq!(names("master:NoSchedule"), ["master"]);
        assert_eq!(names("unschedulable:NoSchedule"), ["worker"]);
        assert_eq!(names("schedulingdisabled"), ["worker"]);
        assert_eq!(names("master worker"), Vec::<&str>::new());
    }

    /// The card names the skipping DaemonSet fully, so that it can be selected.
    #[test]
    fn a_skipping_daemon_set_is_named_with_its_namespace() {
        let mut c = Cluster::tutorial();
        c.apply(&TUTORIAL_DAEMONSET.replace(
            "metadata:\n  name: redis-ds",
            "metadata:\n  name: redis-ds\n  namespace: kube-system",
        ))
        .expect("applies");
        let view = ClusterView::of(&c);
        let skip = &view.nodes[0].skipped[0];
        assert_eq!(
            (skip.namespace.as_str(), skip.daemon_set.as_str()),
            ("kube-system", "redis-ds")
        );
    }

    #[test]
    fn status_text_follows_the_pod() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        let status = |c: &Cluster| {
            let view = ClusterView::of(c);
            view.nodes[1].pods.first().map(|p| p.status.clone())
        };
        assert_eq!(status(&c).as_deref(), Some("ContainerCreating"));
        c.advance(3);
        assert_eq!(status(&c).as_deref(), Some("Running"));
        c.stop_kubelet("worker");
        let name = c
            .pods()
            .next()
            .map(|p| p.metadata.name.clone())
            .unwrap_or_default();
        c.delete_pod("default", &name);
        assert_eq!(status(&c).as_deref(), Some("Terminating"));
        let view = ClusterView::of(&c);
        assert_eq!(
            view.nodes[1].status, "Ready",
            "NotReady only after the grace period"
        );
        c.advance(60);
        assert_eq!(ClusterView::of(&c).nodes[1].status, "NotReady");
    }

    #[test]
    fn a_pod_bound_past_an_untolerated_no_execute_taint_is_evicted() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  taints: [{key: k, effect: NoExecute}]\n")
            .expect("applies");
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: pinned\nspec:\n  nodeName: worker\n  containers: [{name: c, image: nginx}]\n")
            .expect("applies");
        // nodeName skips the scheduler, not the taint-eviction controller.
        assert!(c.pod("default", "pinned").is_none());
        assert!(
            c.events()
                .all()
                .iter()
                .any(|e| e.message == "Marking for deletion Pod default/pinned")
        );
    }
}
