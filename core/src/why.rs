//! Answers to "why": for a pod, each filter plugin's verdict and the scores on every
//! node; for a DaemonSet, each node's `NodeShouldRunDaemonPod`; for a pod under a
//! NoExecute taint, which toleration holds it and until when; for a node, what
//! `kubectl describe node` tells, with each taint's effect spelled out.

mod node;
pub mod resources;
mod selection;
mod subject;

pub use node::{
    NodeExplanation, NodePod, ResourceUse, TaintInfo, TaintOrigin, condition_healthy, explain_node,
};
pub use selection::{SelectionMiss, selection_miss};
pub use subject::{Subject, subjects};

use crate::api::{Taint, TaintEffect, Toleration};
use crate::clock::Time;
use crate::cluster::Cluster;
use crate::controller::daemon::{
    NotRunReason, add_or_update_daemon_pod_tolerations, node_should_run_daemon_pod,
    target_node_name,
};
use crate::controller::taint_eviction::{EvictionDecision, eviction_decision};
use crate::scheduler::cluster_snapshot::any_zone;
use crate::scheduler::config::Profile;
use crate::scheduler::inter_pod_affinity;
use crate::scheduler::inter_pod_affinity::filtering::ERR_REASON_AFFINITY_RULES_NOT_MATCH;
use crate::scheduler::inter_pod_affinity::filtering::ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH;
use crate::scheduler::node_info::PodInfo;
use crate::scheduler::prioritize::NodeScores;
use crate::scheduler::prioritize::ScoreWeights;
use crate::scheduler::prioritize::prioritize_nodes;
use crate::scheduler::taint_toleration::{untolerated_reason, untolerated_taint};
use crate::scheduler::{
    self, Rejection, balanced_allocation, image_locality, node_affinity, node_name, node_ports,
    node_resources, node_unschedulable, pod_topology_spread, taint_toleration,
};
use crate::status::{DaemonSetStatus, daemon_set_status};
use crate::view::pod_status_text;

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
    AffinityMismatch {
        /// What the node misses.
        miss: SelectionMiss,
    },
    /// A host port the pod wants is taken.
    PortsTaken,
    /// Not enough of a resource is left.
    Insufficient {
        /// `cpu` or `memory`.
        resource: String,
    },
    /// The node runs as many pods as it allows.
    TooManyPods,
    /// The node lacks the label a `DoNotSchedule` spread constraint spreads over.
    SpreadMissingLabel {
        /// The constraint's `topologyKey`.
        key: String,
    },
    /// Placing the pod here would spread its group more unevenly than allowed.
    SpreadSkew {
        /// The constraint's `topologyKey`.
        key: String,
        /// The node's value of it: its domain.
        value: String,
        /// Matching pods the domain would hold with this pod.
        after: i64,
        /// The fewest matching pods in any domain.
        min: i64,
        /// The constraint's `maxSkew`.
        max_skew: i64,
    },
    /// The pod's required pod affinity finds no matching pod in this node's domain.
    PodAffinityUnmet,
    /// The pod's required anti-affinity finds a matching pod in this node's domain.
    PodAntiAffinityConflict,
    /// A pod in this node's domain has anti-affinity that rules this pod out.
    ExistingPodsAntiAffinity,
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
            Why::AffinityMismatch { miss } => match miss {
                SelectionMiss::Label {
                    key,
                    value,
                    found: None,
                } => format!(
                    "The pod's nodeSelector asks for the label {key}={value:?}; the node has no label {key}."
                ),
                SelectionMiss::Label {
                    key,
                    value,
                    found: Some(found),
                } => format!(
                    "The pod's nodeSelector asks for the label {key}={value:?}; the node has {key}={found:?}."
                ),
                SelectionMiss::Terms(terms) if terms.is_empty() => {
                    "The pod's required node affinity has no usable term, so it matches no node."
                        .to_string()
                }
                SelectionMiss::Terms(terms) => format!(
                    "The node matches none of the pod's required node-affinity terms: {}.",
                    terms.join("; ")
                ),
            },
            Why::PortsTaken => {
                "A host port the pod needs is already used on this node.".to_string()
            }
            Why::Insufficient { resource } => {
                format!("Not enough {resource} is left on the node for the pod's requests.")
            }
            Why::TooManyPods => "The node already runs as many pods as it allows.".to_string(),
            Why::SpreadMissingLabel { key } => format!(
                "The node has no label {key}, which one of the pod's DoNotSchedule topology spread constraints spreads over."
            ),
            Why::SpreadSkew {
                key,
                value,
                after,
                min,
                max_skew,
            } => format!(
                "With this pod, {key}={value} would hold {after} matching pods while some domain holds {min}: a skew of {} where maxSkew is {max_skew}.",
                after - min
            ),
            Why::PodAffinityUnmet => {
                "No pod that the pod's required pod affinity asks for runs in this node's topology domain."
                    .to_string()
            }
            Why::PodAntiAffinityConflict => {
                "A pod that the pod's required anti-affinity keeps away from runs in this node's topology domain."
                    .to_string()
            }
            Why::ExistingPodsAntiAffinity => {
                "A pod in this node's topology domain has a required anti-affinity that keeps this pod away."
                    .to_string()
            }
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

/// Who controls a pod (`metadata.ownerReferences`, the controller entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// e.g. `DaemonSet`, `ReplicaSet`, `Node` (a mirror pod).
    pub kind: String,
    /// The owner's name.
    pub name: String,
}

/// Why a pod is where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodExplanation {
    /// The node the pod is bound to, if any.
    pub node: Option<String>,
    /// Whether the pod never went through the scheduler (a static pod, or
    /// `spec.nodeName` set by its author).
    pub bypassed_scheduler: bool,
    /// Whether it is the mirror of a static pod, which the kubelet runs from a
    /// manifest on its node.
    pub static_pod: bool,
    /// The pod's controller, if any.
    pub owner: Option<Owner>,
    /// What `kubectl get pods` prints in STATUS.
    pub status: String,
    /// The `FailedScheduling` message (`PodScheduled=False`), while the pod waits.
    pub scheduling_message: Option<String>,
    /// The pod's tolerations as `kubectl describe` prints them, in pod order.
    pub tolerations: Vec<String>,
    /// One row per node, in node-name order.
    pub rows: Vec<NodeRow>,
    /// The feasible node with the highest total score (ties to the first).
    pub best: Option<String>,
    /// For a pod no node can take: what DefaultPreemption would do now.
    pub preemption: Option<PreemptionExplanation>,
    /// The score weights of the pod's profile (`spec.schedulerName`).
    pub weights: ScoreWeights,
    /// The pod's `spec.schedulerName`, when no profile has it: no scheduler
    /// here takes the pod, so it stays pending (`frameworkForPod`).
    pub no_profile: Option<String>,
}

/// What DefaultPreemption would do for a pod that fits no node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreemptionExplanation {
    /// The pod's priority.
    pub priority: i32,
    /// Why the pod may not preempt at all (`preemptionPolicy: Never`, or victims
    /// of an earlier preemption still terminating on its nominated node).
    pub not_eligible: Option<String>,
    /// Each node the dry run tried, in node order.
    pub nodes: Vec<PreemptionNode>,
    /// The node whose pods would make room.
    pub chosen: Option<String>,
    /// Which criterion chose it among several candidates (one of
    /// `default_preemption::CRITERIA`).
    pub decided_by: Option<&'static str>,
}

/// One node in a preemption dry run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreemptionNode {
    /// The node.
    pub node: String,
    /// The pods that would be removed, most important first, as
    /// `(namespace/name, priority)`.
    pub victims: Vec<(String, i32)>,
    /// How many of them a PodDisruptionBudget would rather keep.
    pub pdb_violations: usize,
    /// Why removing pods would not make room here, when it would not.
    pub reason: Option<String>,
}

/// Explains what DefaultPreemption would do for `pod_info`, given each node's
/// deciding filter verdict.
fn explain_preemption(
    cluster: &Cluster,
    pod_info: &PodInfo<'_>,
    snapshot: &dyn crate::scheduler::snapshot::Snapshot,
    infos: &[crate::scheduler::node_info::NodeInfo],
    rows: &[NodeRow],
    profile: &Profile,
) -> PreemptionExplanation {
    use crate::scheduler::default_preemption::{self, CRITERIA, Inputs, Rejected};
    let rejected: Vec<Rejected> = rows
        .iter()
        .enumerate()
        .filter_map(|(pos, row)| {
            let plugin = row.deciding?;
            let reason = row
                .filters
                .iter()
                .find(|f| f.plugin == plugin)
                .and_then(|f| f.rejection.as_ref())
                .map(|(reason, _)| reason.clone())?;
            let resolvable = Rejection {
                plugin,
                reason: reason.clone(),
            }
            .resolvable();
            Some(Rejected {
                pos: Some(pos),
                reason,
                resolvable,
            })
        })
        .collect();
    let mut explanation = PreemptionExplanation {
        priority: pod_info.pod.spec.priority,
        not_eligible: None,
        nodes: Vec::new(),
        chosen: None,
        decided_by: None,
    };
    if let Err(why) = default_preemption::eligibility(pod_info.pod, snapshot, &rejected) {
        explanation.not_eligible = Some(why.to_string());
        return explanation;
    }
    let budgets = cluster.preemption_budgets();
    let inputs = Inputs {
        infos,
        budgets: &budgets,
        version: cluster.version(),
        now: cluster.now(),
        profile,
    };
    let run = default_preemption::dry_run(pod_info, snapshot, &inputs, &rejected);
    let name = |pos: usize| rows.get(pos).map(|r| r.node.clone()).unwrap_or_default();
    let mut nodes: Vec<(usize, PreemptionNode)> = run
        .statuses
        .iter()
        .map(|(pos, reason)| {
            (
                *pos,
                PreemptionNode {
                    node: name(*pos),
                    victims: Vec::new(),
                    pdb_violations: 0,
                    reason: Some(reason.clone()),
                },
            )
        })
        .collect();
    let candidates: Vec<_> = run.clean.iter().chain(&run.violating).cloned().collect();
    for c in &candidates {
        nodes.push((
            c.pos,
            PreemptionNode {
                node: name(c.pos),
                victims: c
                    .victims
                    .iter()
                    .map(|v| (format!("{}/{}", v.namespace, v.name), v.priority))
                    .collect(),
                pdb_violations: c.pdb_violations,
                reason: None,
            },
        ));
    }
    nodes.sort_by_key(|(pos, _)| *pos);
    explanation.nodes = nodes.into_iter().map(|(_, n)| n).collect();
    if !candidates.is_empty() {
        let (chosen, decided) = default_preemption::pick_one_node(candidates);
        explanation.chosen = Some(name(chosen.pos));
        explanation.decided_by = decided.and_then(|i| CRITERIA.get(i).copied());
    }
    explanation
}

impl PodExplanation {
    /// Whether the scheduler would skip scoring: with a single feasible node it binds
    /// there at once (`schedule_one.go: schedulePod`).
    pub fn scoring_skipped(&self) -> bool {
        self.rows.iter().filter(|r| r.deciding.is_none()).count() == 1
    }

    /// The DaemonSet that owns the pod, if a DaemonSet does.
    pub fn daemon_set(&self) -> Option<&str> {
        self.owner
            .as_ref()
            .filter(|o| o.kind == "DaemonSet")
            .map(|o| o.name.as_str())
    }
}

fn why(rejection: &Rejection, pod_info: &PodInfo<'_>, node: &crate::api::Node, pos: usize) -> Why {
    let pod = pod_info.pod;
    match rejection.plugin {
        pod_topology_spread::NAME => spread_why(pod_info, pos),
        inter_pod_affinity::NAME => match rejection.reason.as_str() {
            ERR_REASON_AFFINITY_RULES_NOT_MATCH => Why::PodAffinityUnmet,
            ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH => Why::PodAntiAffinityConflict,
            _ => Why::ExistingPodsAntiAffinity,
        },
        node_unschedulable::NAME => Why::Unschedulable,
        node_name::NAME => Why::NodeNameMismatch {
            wanted: pod.spec.node_name.clone(),
        },
        node_affinity::NAME => Why::AffinityMismatch {
            // The filter rejected the node, so something is missed.
            miss: selection_miss(&pod.spec, node).unwrap_or(SelectionMiss::Terms(Vec::new())),
        },
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

/// The first spread constraint that rejects `node`, as a [`Why`].
fn spread_why(pod_info: &PodInfo<'_>, pos: usize) -> Why {
    let Some(state) = &pod_info.topology_spread else {
        return Why::SpreadMissingLabel { key: String::new() };
    };
    for ((c, counts), skew) in state
        .constraints
        .iter()
        .zip(&state.counts)
        .zip(state.skews(pos))
    {
        match skew {
            None => {
                return Why::SpreadMissingLabel {
                    key: c.topology_key.clone(),
                };
            }
            Some(s) if s.skew() > s.max_skew => {
                return Why::SpreadSkew {
                    key: c.topology_key.clone(),
                    value: counts
                        .domains
                        .of_pos(pos)
                        .and_then(|d| counts.domains.values.get(d))
                        .cloned()
                        .unwrap_or_default(),
                    after: s.match_num + s.self_match,
                    min: s.min_match,
                    max_skew: s.max_skew,
                };
            }
            Some(_) => {}
        }
    }
    Why::SpreadMissingLabel { key: String::new() }
}

/// Each score plugin the profile runs as `(name, normalized score, weight)`,
/// in the order of the default profile (`default_plugins.go`);
/// [`NodeScores::total`] is the sum of score × weight.
pub fn score_breakdown(
    scores: &NodeScores,
    weights: &ScoreWeights,
) -> Vec<(&'static str, i64, i64)> {
    [
        (
            taint_toleration::NAME,
            scores.taint_toleration,
            weights.taint_toleration,
        ),
        (
            node_affinity::NAME,
            scores.node_affinity,
            weights.node_affinity,
        ),
        (
            node_resources::NAME,
            scores.least_allocated,
            weights.node_resources_fit,
        ),
        (
            pod_topology_spread::NAME,
            scores.pod_topology_spread,
            weights.pod_topology_spread,
        ),
        (
            inter_pod_affinity::NAME,
            scores.inter_pod_affinity,
            weights.inter_pod_affinity,
        ),
        (
            balanced_allocation::NAME,
            scores.balanced_allocation,
            weights.balanced_allocation,
        ),
        (
            image_locality::NAME,
            scores.image_locality,
            weights.image_locality,
        ),
    ]
    .into_iter()
    .filter(|(_, _, weight)| *weight != 0)
    .collect()
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
    let scheduler_name = pod.spec.scheduler_name();
    let configured = cluster.scheduler_config.profile_for(scheduler_name);
    let no_profile = configured.is_none().then(|| scheduler_name.to_string());
    let default_profile;
    let profile = match configured {
        Some(p) => p,
        None => {
            default_profile = Profile::default_profile();
            &default_profile
        }
    };
    let mut pod_info = PodInfo::new(&candidate);
    pod_info.resolve_images(&images);
    let all_nodes: Vec<_> = cluster.nodes().collect();
    if !bypassed {
        // What PreFilter and PreScore find, with the pod itself left out of
        // every count.
        let default_selector = cluster
            .spread_owner(&candidate)
            .and_then(|rs| rs.spec.selector.as_ref());
        let snapshot = cluster.snapshot(&all_nodes, Some(&pod.metadata.uid), any_zone(&all_nodes));
        pod_info.pre_filter_for(&snapshot, default_selector, profile);
    }
    let mut rows = Vec::new();
    let mut feasible = Vec::new();
    for (i, node) in cluster.nodes().enumerate() {
        let info = &infos[i];
        let filters: Vec<FilterVerdict> = profile
            .filters
            .iter()
            .map(|plugin| FilterVerdict {
                plugin,
                rejection: scheduler::run_profile_filter(
                    profile, plugin, &pod_info, node, info, version,
                )
                .err()
                .map(|r| (r.reason.clone(), why(&r, &pod_info, node, i))),
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
    let candidates: Vec<_> = feasible
        .iter()
        .map(|i| (all_nodes[*i], &infos[*i]))
        .collect();
    let scores = prioritize_nodes(&pod_info, &candidates, profile);
    for (pos, i) in feasible.iter().enumerate() {
        rows[*i].scores = scores.get(pos).copied();
    }
    let best = feasible
        .iter()
        .zip(&scores)
        .enumerate()
        .max_by_key(|(pos, (_, s))| (s.total(&profile.weights), std::cmp::Reverse(*pos)))
        .map(|(_, (i, _))| rows[*i].node.clone());
    let preempts = profile.preemption && no_profile.is_none();
    let preemption =
        (preempts && feasible.is_empty() && !bypassed && !rows.is_empty()).then(|| {
            let snapshot =
                cluster.snapshot(&all_nodes, Some(&pod.metadata.uid), any_zone(&all_nodes));
            explain_preemption(cluster, &pod_info, &snapshot, &infos, &rows, profile)
        });
    Some(PodExplanation {
        node: (!pod.spec.node_name.is_empty()).then(|| pod.spec.node_name.clone()),
        bypassed_scheduler: bypassed,
        static_pod: pod.is_mirror(),
        owner: pod.metadata.controller_of().map(|r| Owner {
            kind: r.kind.clone(),
            name: r.name.clone(),
        }),
        status: pod_status_text(pod),
        scheduling_message: pod
            .condition("PodScheduled")
            .filter(|c| c.status == "False" && !c.message.is_empty())
            .map(|c| c.message.clone()),
        tolerations: pod.spec.tolerations.iter().map(|t| t.to_string()).collect(),
        rows,
        best,
        preemption,
        weights: profile.weights,
        no_profile,
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
                        Some(Why::AffinityMismatch {
                            miss: selection_miss(&ds.spec.template.spec, node)
                                .unwrap_or(SelectionMiss::Terms(Vec::new())),
                        }),
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

/// What a DaemonSet asks of nodes, beside its node-by-node answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonSetFacts {
    /// `.status`: desired, current, ready... (`kubectl get ds` columns).
    pub status: DaemonSetStatus,
    /// The template's `nodeSelector`, as `key=value`.
    pub node_selector: Vec<String>,
    /// The tolerations its pods get, as `kubectl describe` prints them, each with
    /// whether the controller added it (`AddOrUpdateDaemonPodTolerations`) rather
    /// than the template.
    pub tolerations: Vec<(String, bool)>,
}

/// The facts of DaemonSet `namespace/name` that decide where it runs.
pub fn daemon_set_facts(cluster: &Cluster, namespace: &str, name: &str) -> Option<DaemonSetFacts> {
    let ds = cluster
        .daemon_sets()
        .find(|d| d.metadata.namespace == namespace && d.metadata.name == name)?;
    let template = &ds.spec.template.spec;
    let mut spec = template.clone();
    add_or_update_daemon_pod_tolerations(&mut spec);
    Some(DaemonSetFacts {
        status: daemon_set_status(cluster, ds),
        node_selector: template
            .node_selector
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect(),
        tolerations: spec
            .tolerations
            .iter()
            .map(|t| {
                // A default that replaced a template toleration in place (dropping
                // its tolerationSeconds) counts as the controller's.
                let from_template = template.tolerations.iter().any(|own| own == t);
                (t.to_string(), !from_template)
            })
            .collect(),
    })
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
    /// Whole seconds from now until that deadline (rounded up).
    pub seconds_left: Option<u64>,
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
    let deadline = cluster.eviction_deadline(&pod.metadata.uid);
    Some(EvictionExplanation {
        decision: eviction_decision(&node.spec.taints, &pod.spec.tolerations),
        seconds_left: deadline.map(|t| t.millis_since(cluster.now()).div_ceil(1000)),
        deadline,
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
mod more_tests {
    use super::*;
    use crate::TUTORIAL_DAEMONSET;

    #[test]
    fn the_plugin_breakdown_adds_up_to_the_total() {
        let scores = NodeScores {
            taint_toleration: 100,
            node_affinity: 40,
            least_allocated: 97,
            balanced_allocation: 99,
            image_locality: 3,
            pod_topology_spread: 50,
            inter_pod_affinity: 10,
        };
        let plugins = score_breakdown(&scores, &ScoreWeights::DEFAULT);
        let sum: i64 = plugins.iter().map(|(_, s, w)| s * w).sum();
        assert_eq!(sum, scores.total(&ScoreWeights::DEFAULT));
        assert_eq!(sum, 300 + 80 + 97 + 99 + 3 + 100 + 20);
        assert_eq!(plugins[0], ("TaintToleration", 100, 3));
    }

    const PINNED_TO_MASTER: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    node-role.kubernetes.io/master: \"\"\n  containers:\n  - name: c\n    image: nginx\n";

    #[test]
    fn a_pending_pod_carries_its_failed_scheduling_message() {
        let mut c = Cluster::tutorial();
        c.apply(PINNED_TO_MASTER).expect("applies");
        let e = explain_pod(&c, "default", "p").expect("explained");
        let message = e.scheduling_message.expect("a FailedScheduling message");
        assert!(
            message.starts_with("0/2 nodes are available: "),
            "{message}"
        );
        assert_eq!(e.status, "Pending");
        assert_eq!(e.owner, None);
        // The worker lacks the label: the plain reason names it.
        let affinity = e.rows[1]
            .filters
            .iter()
            .find(|f| f.plugin == "NodeAffinity")
            .and_then(|f| f.rejection.clone())
            .map(|(_, why)| why);
        assert_eq!(
            affinity,
            Some(Why::AffinityMismatch {
                miss: SelectionMiss::Label {
                    key: "node-role.kubernetes.io/master".into(),
                    value: String::new(),
                    found: None,
                }
            })
        );
        assert!(
            affinity
                .map(|w| w.sentence())
                .is_some_and(|s| s.contains("the node has no label node-role.kubernetes.io/master"))
        );
    }

    #[test]
    fn a_daemon_pod_is_pinned_by_a_metadata_name_term() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        let name = c
            .pods()
            .next()
            .map(|p| p.metadata.name.clone())
            .expect("a daemon pod");
        let e = explain_pod(&c, "default", &name).expect("explained");
        assert_eq!(e.daemon_set(), Some("redis-ds"));
        assert_eq!(e.node.as_deref(), Some("worker"));
        assert!(!e.bypassed_scheduler && !e.static_pod);
        assert!(e.scoring_skipped(), "only worker is feasible");
        // Its own tolerations include the controller's defaults.
        assert!(
            e.tolerations
                .iter()
                .any(|t| t.starts_with("node.kubernetes.io/not-ready:NoExecute")),
            "{:?}",
            e.tolerations
        );
        // The master is rejected by the taint first; the pin would reject it too.
        let master = &e.rows[0];
        assert_eq!(master.deciding, Some("TaintToleration"));
        let pin = master
            .filters
            .iter()
            .find(|f| f.plugin == "NodeAffinity")
            .and_then(|f| f.rejection.clone())
            .map(|(_, why)| why);
        assert_eq!(
            pin,
            Some(Why::AffinityMismatch {
                miss: SelectionMiss::Terms(vec!["metadata.name In [worker]".into()])
            })
        );
    }

    #[test]
    fn a_static_pod_bypasses_the_scheduler() {
        let mut c = Cluster::tutorial();
        assert!(c.write_manifest(
            "master",
            "web.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
        ));
        c.advance(5);
        let e = explain_pod(&c, "default", "web-master").expect("the mirror pod");
        assert!(e.bypassed_scheduler && e.static_pod);
        assert_eq!(e.node.as_deref(), Some("master"));
        assert_eq!(e.owner.map(|o| o.kind), Some("Node".to_string()));
        // The master's taint would keep it out, had it gone through the scheduler.
        assert_eq!(e.rows[0].deciding, Some("TaintToleration"));
    }

    #[test]
    fn daemon_set_facts_separate_own_and_default_tolerations() {
        let mut c = Cluster::tutorial();
        c.apply(crate::TUTORIAL_DAEMONSET_TOLERATING)
            .expect("applies");
        let facts = daemon_set_facts(&c, "default", "redis-ds").expect("explained");
        assert_eq!(facts.status.desired_number_scheduled, 2);
        let own: Vec<&str> = facts
            .tolerations
            .iter()
            .filter(|(_, default)| !default)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(own.len(), 1, "{:?}", facts.tolerations);
        assert!(own[0].starts_with("node-role.kubernetes.io/"), "{own:?}");
        assert_eq!(facts.tolerations.len(), 7);
        assert!(facts.node_selector.is_empty());
        assert!(daemon_set_facts(&c, "default", "nope").is_none());
    }

    #[test]
    fn the_eviction_countdown_moves_with_the_clock() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n  tolerations:\n  - {key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 30}\n")
            .expect("applies");
        c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  taints:\n  - {key: maintenance, effect: NoExecute}\n")
            .expect("applies");
        let left = |c: &Cluster| explain_eviction(c, "default", "p").and_then(|e| e.seconds_left);
        assert_eq!(left(&c), Some(30));
        c.advance(1);
        assert_eq!(left(&c), Some(29));
        c.advance(29);
        assert!(c.pod("default", "p").is_none(), "evicted at the deadline");
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
        assert!(explain_node(&c, "").is_none());
        assert!(daemon_set_facts(&c, "", "").is_none());
    }
}
