//! Answers to "why": for a pod, each filter plugin's verdict and the scores on every
//! node; for a DaemonSet, each node's `NodeShouldRunDaemonPod`; for a pod under a
//! NoExecute taint, which toleration holds it and until when.

use crate::api::{Pod, Taint, TaintEffect, Toleration};
use crate::clock::Time;
use crate::cluster::Cluster;
use crate::controller::daemon::{NotRunReason, node_should_run_daemon_pod, target_node_name};
use crate::controller::taint_eviction::{EvictionDecision, eviction_decision};
use crate::scheduler::node_info::PodInfo;
use crate::scheduler::scoring::{NodeScores, score};
use crate::scheduler::taint_toleration::{untolerated_reason, untolerated_taint};
use crate::scheduler::{
    self, FILTER_PLUGINS, Rejection, node_affinity, node_name, node_ports, node_resources,
    node_unschedulable,
};

/// What a filter found, in terms a person can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// The node is cordoned and the pod does not tolerate that.
    Unschedulable,
    /// The pod names another node.
    NodeNameMismatch {
        /// The node the pod asks for.
        wanted: String,
    },
    /// A NoSchedule or NoExecute taint is not tolerated.
    UntoleratedTaint {
        /// `Taint.ToString`.
        taint: String,
    },
    /// `nodeSelector` or required node affinity does not match.
    AffinityMismatch,
    /// A host port the pod wants is taken.
    PortsTaken,
    /// Not enough of a resource is left.
    Insufficient {
        /// `cpu` or `memory`.
        resource: String,
    },
    /// The node runs as many pods as it allows.
    TooManyPods,
}

impl Why {
    /// A plain English sentence (the UI has its own translations of these).
    pub fn sentence(&self) -> String {
        match self {
            Why::Unschedulable => {
                "The node is cordoned (unschedulable) and the pod does not tolerate that."
                    .to_string()
            }
            Why::NodeNameMismatch { wanted } => format!("The pod asks for node {wanted} by name."),
            Why::UntoleratedTaint { taint } => {
                format!("The node has the taint {taint} and the pod has no toleration for it.")
            }
            Why::AffinityMismatch => {
                "The node's labels do not match the pod's nodeSelector or required node affinity."
                    .to_string()
            }
            Why::PortsTaken => {
                "A host port the pod needs is already used on this node.".to_string()
            }
            Why::Insufficient { resource } => {
                format!("Not enough {resource} is left on the node for the pod's requests.")
            }
            Why::TooManyPods => "The node already runs as many pods as it allows.".to_string(),
        }
    }
}

/// One filter plugin's verdict on one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterVerdict {
    /// The plugin, e.g. `TaintToleration`.
    pub plugin: &'static str,
    /// `None` when the node passes; else upstream's reason and the plain reason.
    pub rejection: Option<(String, Why)>,
}

/// Every plugin's verdict and the scores for one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeRow {
    /// The node.
    pub node: String,
    /// All filter plugins, each run on its own (the scheduler stops at the first failure).
    pub filters: Vec<FilterVerdict>,
    /// The first plugin that rejects the node: the one the scheduler reports.
    pub deciding: Option<&'static str>,
    /// Scores, for feasible nodes.
    pub scores: Option<NodeScores>,
}

/// Why a pod is where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodExplanation {
    /// The node the pod is bound to, if any.
    pub node: Option<String>,
    /// Whether the pod never went through the scheduler (a static pod, or
    /// `spec.nodeName` set by its author).
    pub bypassed_scheduler: bool,
    /// One row per node, in node-name order.
    pub rows: Vec<NodeRow>,
    /// The feasible node with the highest total score (ties to the first).
    pub best: Option<String>,
}

fn why(rejection: &Rejection, pod: &Pod, node: &crate::api::Node) -> Why {
    match rejection.plugin {
        node_unschedulable::NAME => Why::Unschedulable,
        node_name::NAME => Why::NodeNameMismatch {
            wanted: pod.spec.node_name.clone(),
        },
        node_affinity::NAME => Why::AffinityMismatch,
        node_ports::NAME => Why::PortsTaken,
        node_resources::NAME if rejection.reason == node_resources::ERR_REASON_TOO_MANY_PODS => {
            Why::TooManyPods
        }
        node_resources::NAME => Why::Insufficient {
            resource: rejection
                .reason
                .trim_start_matches("Insufficient ")
                .to_string(),
        },
        _ => Why::UntoleratedTaint {
            taint: untolerated_taint(pod, node)
                .map(ToString::to_string)
                .unwrap_or_default(),
        },
    }
}

/// Explains the placement of pod `namespace/name`, as the scheduler sees the cluster now.
pub fn explain_pod(cluster: &Cluster, namespace: &str, name: &str) -> Option<PodExplanation> {
    let pod = cluster.pod(namespace, name)?;
    // Judge the pod against everything else: leave its own load out.
    let (infos, images) = cluster.node_infos(Some(&pod.metadata.uid));
    // A pod judged for scheduling has no node yet.
    let mut candidate = pod.clone();
    let bypassed = pod.is_mirror()
        || (!pod.spec.node_name.is_empty()
            && pod
                .condition("PodScheduled")
                .is_none_or(|c| c.status != "True"));
    if !bypassed {
        candidate.spec.node_name.clear();
    }
    let version = cluster.version();
    let mut pod_info = PodInfo::new(&candidate);
    pod_info.resolve_images(&images);
    pod_info.spread = cluster.spread_counts(&candidate).map(|counts| {
        // Leave the pod itself out of its own spread.
        counts
            .into_iter()
            .map(|(n, c)| {
                if n == pod.spec.node_name {
                    (n, c - 1)
                } else {
                    (n, c)
                }
            })
            .collect()
    });
    let mut rows = Vec::new();
    let mut feasible = Vec::new();
    for (i, node) in cluster.nodes().enumerate() {
        let info = &infos[i];
        let filters: Vec<FilterVerdict> = FILTER_PLUGINS
            .iter()
            .map(|plugin| FilterVerdict {
                plugin,
                rejection: scheduler::run_filter(plugin, &pod_info, node, info, version)
                    .err()
                    .map(|r| (r.reason.clone(), why(&r, &candidate, node))),
            })
            .collect();
        let deciding = filters
            .iter()
            .find(|f| f.rejection.is_some())
            .map(|f| f.plugin);
        if deciding.is_none() {
            feasible.push(i);
        }
        rows.push(NodeRow {
            node: node.metadata.name.clone(),
            filters,
            deciding,
            scores: None,
        });
    }
    let nodes: Vec<_> = cluster.nodes().collect();
    let candidates: Vec<_> = feasible.iter().map(|i| (nodes[*i], &infos[*i])).collect();
    let scores = score(&pod_info, &candidates);
    for (pos, i) in feasible.iter().enumerate() {
        rows[*i].scores = scores.get(pos).copied();
    }
    let best = feasible
        .iter()
        .zip(&scores)
        .enumerate()
        .max_by_key(|(pos, (_, s))| (s.total(), std::cmp::Reverse(*pos)))
        .map(|(_, (i, _))| rows[*i].node.clone());
    Some(PodExplanation {
        node: (!pod.spec.node_name.is_empty()).then(|| pod.spec.node_name.clone()),
        bypassed_scheduler: bypassed,
        rows,
        best,
    })
}

/// One node's answer for a DaemonSet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonNodeRow {
    /// The node.
    pub node: String,
    /// A daemon pod should be created here.
    pub should_run: bool,
    /// An existing daemon pod may stay here.
    pub should_continue_running: bool,
    /// The deciding rule when it should not run.
    pub why: Option<Why>,
    /// Upstream's reason string for that rule, for the simulated version.
    pub reason: Option<String>,
    /// The daemon pod on this node, if there is one.
    pub pod: Option<String>,
}

/// Explains DaemonSet `namespace/name` node by node.
pub fn explain_daemon_set(
    cluster: &Cluster,
    namespace: &str,
    name: &str,
) -> Option<Vec<DaemonNodeRow>> {
    let ds = cluster
        .daemon_sets()
        .find(|d| d.metadata.namespace == namespace && d.metadata.name == name)?;
    let version = cluster.version();
    Some(
        cluster
            .nodes()
            .map(|node| {
                let placement = node_should_run_daemon_pod(node, ds);
                let (why, reason) = match placement.reason {
                    None => (None, None),
                    Some(NotRunReason::NodeName) => (
                        Some(Why::NodeNameMismatch {
                            wanted: ds.spec.template.spec.node_name.clone(),
                        }),
                        Some(node_name::ERR_REASON.to_string()),
                    ),
                    Some(NotRunReason::NodeAffinity) => (
                        Some(Why::AffinityMismatch),
                        Some(node_affinity::ERR_REASON_POD.to_string()),
                    ),
                    Some(NotRunReason::Taint(t)) => (
                        Some(Why::UntoleratedTaint {
                            taint: t.to_string(),
                        }),
                        Some(untolerated_reason(&t, version)),
                    ),
                };
                let pod = cluster
                    .pods()
                    .find(|p| {
                        p.metadata
                            .controller_of()
                            .is_some_and(|r| r.uid == ds.metadata.uid)
                            && target_node_name(p) == Some(node.metadata.name.as_str())
                    })
                    .map(|p| p.metadata.name.clone());
                DaemonNodeRow {
                    node: node.metadata.name.clone(),
                    should_run: placement.should_run,
                    should_continue_running: placement.should_continue_running,
                    why,
                    reason,
                    pod,
                }
            })
            .collect(),
    )
}

/// Why a pod on a NoExecute-tainted node stays, or when it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvictionExplanation {
    /// Each NoExecute taint with the first toleration (in pod order) that tolerates it.
    pub taints: Vec<(Taint, Option<Toleration>)>,
    /// What the taint-eviction controller decides.
    pub decision: EvictionDecision,
    /// When the pod is deleted, if an eviction is scheduled.
    pub deadline: Option<Time>,
}

/// Explains NoExecute eviction for pod `namespace/name`; `None` if it is on no node
/// or the node has no NoExecute taint.
pub fn explain_eviction(
    cluster: &Cluster,
    namespace: &str,
    name: &str,
) -> Option<EvictionExplanation> {
    let pod = cluster.pod(namespace, name)?;
    let node = cluster.node(&pod.spec.node_name)?;
    let taints: Vec<(Taint, Option<Toleration>)> = node
        .spec
        .taints
        .iter()
        .filter(|t| t.effect == TaintEffect::NoExecute)
        .map(|t| {
            (
                t.clone(),
                pod.spec
                    .tolerations
                    .iter()
                    .find(|tol| tol.tolerates(t))
                    .cloned(),
            )
        })
        .collect();
    if taints.is_empty() {
        return None;
    }
    Some(EvictionExplanation {
        decision: eviction_decision(&node.spec.taints, &pod.spec.tolerations),
        deadline: cluster.eviction_deadline(&pod.metadata.uid),
        taints,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TUTORIAL_DAEMONSET;

    #[test]
    fn a_pod_blocked_by_the_master_taint() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    node-role.kubernetes.io/master: \"\"\n  containers:\n  - name: c\n    image: nginx\n")
            .expect("applies");
        let e = explain_pod(&c, "default", "p").expect("explained");
        assert_eq!(e.node, None);
        let master = &e.rows[0];
        assert_eq!(master.deciding, Some("TaintToleration"));
        let taint = master
            .filters
            .iter()
            .find(|f| f.plugin == "TaintToleration")
            .and_then(|f| f.rejection.clone());
        assert_eq!(
            taint,
            Some((
                "node(s) had untolerated taint(s)".to_string(),
                Why::UntoleratedTaint {
                    taint: "node-role.kubernetes.io/master:NoSchedule".to_string()
                }
            ))
        );
        let worker = &e.rows[1];
        assert_eq!(worker.deciding, Some("NodeAffinity"));
        assert!(
            worker
                .filters
                .iter()
                .filter(|f| f.rejection.is_some())
                .count()
                == 1
        );
        assert_eq!(e.best, None);
    }

    #[test]
    fn a_scheduled_pod_shows_scores_on_feasible_nodes() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n").expect("applies");
        let e = explain_pod(&c, "default", "p").expect("explained");
        assert_eq!(e.node.as_deref(), Some("worker"));
        assert!(!e.bypassed_scheduler);
        assert!(e.rows[1].scores.is_some());
        assert_eq!(e.rows[1].scores.map(|s| s.taint_toleration), Some(100));
        assert_eq!(e.best.as_deref(), Some("worker"));
    }

    #[test]
    fn daemon_set_rows() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        let rows = explain_daemon_set(&c, "default", "redis-ds").expect("explained");
        assert_eq!(
            (rows[0].should_run, rows[0].should_continue_running),
            (false, true)
        );
        assert_eq!(
            rows[0].why,
            Some(Why::UntoleratedTaint {
                taint: "node-role.kubernetes.io/master:NoSchedule".into()
            })
        );
        assert!(rows[0].pod.is_none());
        assert!(rows[1].should_run && rows[1].pod.is_some());
    }

    #[test]
    fn eviction_countdown() {
        let mut c = Cluster::tutorial();
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n  tolerations:\n  - {key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 90}\n";
        c.apply(pod).expect("applies");
        assert!(explain_eviction(&c, "default", "p").is_none());
        let node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  taints:\n  - {key: maintenance, effect: NoExecute}\n";
        c.apply(node).expect("applies");
        c.advance(10);
        let e = explain_eviction(&c, "default", "p").expect("explained");
        assert_eq!(e.decision, EvictionDecision::EvictAfter(90));
        assert_eq!(e.deadline, Some(Time::from_secs(90)));
        let used = e.taints[0].1.as_ref().and_then(|t| t.toleration_seconds);
        assert_eq!(used, Some(90));
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    #[test]
    fn unknown_objects_explain_to_nothing() {
        let c = Cluster::tutorial();
        assert!(explain_pod(&c, "default", "nope").is_none());
        assert!(explain_daemon_set(&c, "default", "nope").is_none());
        assert!(explain_eviction(&c, "", "").is_none());
    }
}
