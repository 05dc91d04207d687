//! `Pod` and the parts of its spec that placement reads
//! (`staging/src/k8s.io/api/core/v1/types.go`).

use super::label_selector::LabelSelector;
use super::meta::ObjectMeta;
use super::toleration::Toleration;
use std::collections::BTreeMap;
use std::hash::Hash;
use std::hash::Hasher;

/// A Pod as stored by the simulated API server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pod {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: PodSpec,
    /// `status`, written by the simulated scheduler and kubelet.
    pub status: PodStatus,
}

/// `Pod.spec` (and `PodTemplateSpec.spec`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodSpec {
    /// The node the pod is bound to; empty until scheduled.
    pub node_name: String,
    /// Labels the node must carry.
    pub node_selector: BTreeMap<String, String>,
    /// Node affinity and friends.
    pub affinity: Option<Affinity>,
    /// Tolerations, in pod order.
    pub tolerations: Vec<Toleration>,
    /// The pod's containers.
    pub containers: Vec<Container>,
    /// Whether the pod uses the node's network namespace.
    pub host_network: bool,
    /// `spec.priority` (resolved from the priority class).
    pub priority: i32,
    /// `spec.priority` as the client wrote it: the Priority admission plugin
    /// refuses a value other than the one it computes, then clears this.
    pub requested_priority: crate::api::when_set::WhenSet<Option<i32>>,
    /// `spec.priorityClassName`; admission sets the global default's name.
    pub priority_class_name: crate::api::when_set::WhenSet<String>,
    /// `spec.preemptionPolicy`: `PreemptLowerPriority` or `Never`.
    pub preemption_policy: crate::api::when_set::WhenSet<Option<String>>,
    /// `spec.topologySpreadConstraints`, in pod order.
    pub topology_spread_constraints: Vec<TopologySpreadConstraint>,
    /// `spec.schedulerName` as written; empty reads as `default-scheduler`
    /// (API defaulting), see [`PodSpec::scheduler_name`].
    pub scheduler_name_field: String,
}

impl PodSpec {
    /// `spec.schedulerName`, defaulted: the profile that schedules the pod.
    pub fn scheduler_name(&self) -> &str {
        if self.scheduler_name_field.is_empty() {
            crate::scheduler::config::DEFAULT_SCHEDULER_NAME
        } else {
            &self.scheduler_name_field
        }
    }
}

/// Hashes as the `pod-template-hash` reads it (`names::compute_hash`): fields
/// added since that hash was first taken count only when set, so a template
/// that does not use them keeps the name it always had.
impl Hash for PodSpec {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.node_name.hash(state);
        self.node_selector.hash(state);
        self.affinity.hash(state);
        self.tolerations.hash(state);
        self.containers.hash(state);
        self.host_network.hash(state);
        self.priority.hash(state);
        self.requested_priority.hash(state);
        self.priority_class_name.hash(state);
        self.preemption_policy.hash(state);
        if !self.topology_spread_constraints.is_empty() {
            self.topology_spread_constraints.hash(state);
        }
        // Defaulted before hashing upstream: only another scheduler counts.
        if self.scheduler_name() != crate::scheduler::config::DEFAULT_SCHEDULER_NAME {
            self.scheduler_name_field.hash(state);
        }
    }
}

/// As for [`PodSpec`]: pod affinity counts only when set.
impl Hash for Affinity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.node_affinity.hash(state);
        if self.pod_affinity.is_some() || self.pod_anti_affinity.is_some() {
            self.pod_affinity.hash(state);
            self.pod_anti_affinity.hash(state);
        }
    }
}

/// A container; only what the simulation and the UI show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Container {
    /// Container name.
    pub name: String,
    /// Image reference.
    pub image: String,
    /// Declared ports.
    pub ports: Vec<ContainerPort>,
    /// `resources.requests`, by resource name.
    pub requests: BTreeMap<String, crate::api::Quantity>,
    /// `resources.limits`, by resource name.
    pub limits: BTreeMap<String, crate::api::Quantity>,
}

/// `containers[].ports[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ContainerPort {
    /// Port inside the container.
    pub container_port: i32,
    /// Port on the host, if any.
    pub host_port: Option<i32>,
    /// TCP, UDP or SCTP.
    pub protocol: Option<String>,
}

/// `spec.affinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affinity {
    /// `spec.affinity.nodeAffinity`.
    pub node_affinity: Option<NodeAffinity>,
    /// `spec.affinity.podAffinity`.
    pub pod_affinity: Option<PodAffinity>,
    /// `spec.affinity.podAntiAffinity`: the same shape as `podAffinity`.
    pub pod_anti_affinity: Option<PodAffinity>,
}

/// `spec.affinity.podAffinity` or `spec.affinity.podAntiAffinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PodAffinity {
    /// Hard terms: every one must hold for the pod to be placed.
    pub required_during_scheduling_ignored_during_execution: Vec<PodAffinityTerm>,
    /// Soft terms, used for scoring.
    pub preferred_during_scheduling_ignored_during_execution: Vec<WeightedPodAffinityTerm>,
}

/// `v1.PodAffinityTerm`: the pods a term selects and the topology they share.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PodAffinityTerm {
    /// Which pods; `None` selects no pod (`LabelSelectorAsSelector(nil)`).
    pub label_selector: Option<LabelSelector>,
    /// Namespaces to look in; with no `namespaceSelector` either, the pod's own.
    pub namespaces: Vec<String>,
    /// The node label whose value is the topology domain.
    pub topology_key: String,
    /// Namespaces to look in, by their labels; `{}` selects every namespace.
    pub namespace_selector: Option<LabelSelector>,
    /// Label keys whose values in the incoming pod are added to the selector with `In`.
    pub match_label_keys: Vec<String>,
    /// Label keys whose values in the incoming pod are added with `NotIn`.
    pub mismatch_label_keys: Vec<String>,
}

/// `v1.WeightedPodAffinityTerm`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct WeightedPodAffinityTerm {
    /// 1 to 100.
    pub weight: i32,
    /// The term.
    pub pod_affinity_term: PodAffinityTerm,
}

/// `v1.TopologySpreadConstraint`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct TopologySpreadConstraint {
    /// How unevenly matching pods may be spread; more than 0.
    pub max_skew: i32,
    /// The node label whose value is the topology domain.
    pub topology_key: String,
    /// `DoNotSchedule` (a filter) or `ScheduleAnyway` (a score).
    pub when_unsatisfiable: String,
    /// Which pods count; `None` counts none.
    pub label_selector: Option<LabelSelector>,
    /// The fewest eligible domains; below it the global minimum counts as 0.
    pub min_domains: Option<i32>,
    /// `Honor` (the default) or `Ignore`: whether nodes the pod's node affinity
    /// rules out count.
    pub node_affinity_policy: Option<String>,
    /// `Honor` or `Ignore` (the default): whether nodes with taints the pod does
    /// not tolerate count.
    pub node_taints_policy: Option<String>,
    /// Label keys whose values in the incoming pod narrow the selector.
    pub match_label_keys: Vec<String>,
}

/// `spec.affinity.nodeAffinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NodeAffinity {
    /// Hard requirement, checked when scheduling.
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
    /// Soft preferences, used for scoring.
    pub preferred_during_scheduling_ignored_during_execution: Vec<PreferredSchedulingTerm>,
}

/// A weighted node preference.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PreferredSchedulingTerm {
    /// 1 to 100.
    pub weight: i32,
    /// The term a node should match.
    pub preference: NodeSelectorTerm,
}

/// A list of node selector terms, ORed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NodeSelector {
    /// The terms; a node matches if any term matches.
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// One term: expressions and fields, ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NodeSelectorTerm {
    /// Requirements on node labels.
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// Requirements on node fields (only `metadata.name`).
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// A node selector requirement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct NodeSelectorRequirement {
    /// Label key or field name.
    pub key: String,
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
    pub operator: String,
    /// Values for the operator.
    pub values: Vec<String>,
}

/// `Pod.status`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    pub phase: String,
    /// Why the pod is in this state (e.g. `TaintToleration`).
    pub reason: String,
    /// A human-readable message.
    pub message: String,
    /// Conditions such as `PodScheduled`.
    pub conditions: Vec<PodCondition>,
    /// Per-container state, written by the simulated kubelet.
    pub container_statuses: Vec<ContainerStatus>,
    /// When the kubelet started the pod.
    pub start_time: Option<crate::clock::Time>,
    /// `status.nominatedNodeName`: where preemption made room for the pod.
    pub nominated_node_name: String,
    /// `status.podIP`, once the kubelet has set up the sandbox.
    pub pod_ip: String,
    /// `status.hostIP`: the node's internal IP.
    pub host_ip: String,
}

/// What a container is doing (`v1.ContainerState`, one of three).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContainerState {
    /// Not running yet, e.g. `ContainerCreating`.
    Waiting(String),
    /// Running since the given moment.
    Running(crate::clock::Time),
    /// Finished, with a reason such as `Completed` or `Error`.
    Terminated(String),
}

/// `Pod.status.containerStatuses[]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerStatus {
    /// Container name.
    pub name: String,
    /// Image reference.
    pub image: String,
    /// Whether the container passes its readiness checks.
    pub ready: bool,
    /// Restarts so far.
    pub restart_count: u32,
    /// Current state.
    pub state: ContainerState,
}

/// `Pod.status.conditions[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodCondition {
    /// e.g. `PodScheduled`.
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Machine-readable reason, e.g. `Unschedulable`.
    pub reason: String,
    /// Human-readable message, e.g. the FailedScheduling text.
    pub message: String,
}

/// `PodTemplateSpec`: the pod a controller stamps out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PodTemplateSpec {
    /// Template metadata (labels, annotations).
    pub metadata: ObjectMeta,
    /// Template spec.
    pub spec: PodSpec,
}

/// `Kubelet.rejectPod` puts this before the admission message in a refused
/// pod's `status.message`.
pub const REJECTED_PREFIX: &str = "Pod was rejected: ";

impl Pod {
    /// Whether its kubelet refused to admit it (`Kubelet.rejectPod`): Failed,
    /// with the rejection's message.
    pub fn was_rejected(&self) -> bool {
        self.status.phase == "Failed" && self.status.message.starts_with(REJECTED_PREFIX)
    }

    /// Whether a graceful deletion is in progress (`deletionTimestamp` set).
    pub fn is_terminating(&self) -> bool {
        self.metadata.deleted.is_some()
    }

    /// Models `controller.IsPodActive`: not terminating, not Succeeded or Failed.
    pub fn is_active(&self) -> bool {
        !self.is_terminating() && self.status.phase != "Succeeded" && self.status.phase != "Failed"
    }

    /// Whether the pod's Ready condition is True.
    pub fn is_ready(&self) -> bool {
        self.condition("Ready").is_some_and(|c| c.status == "True")
    }

    /// A status condition by type.
    pub fn condition(&self, type_: &str) -> Option<&PodCondition> {
        self.status.conditions.iter().find(|c| c.type_ == type_)
    }

    /// Sets a status condition; returns whether anything changed.
    pub fn set_condition(
        &mut self,
        type_: &str,
        status: &str,
        reason: &str,
        message: &str,
    ) -> bool {
        let wanted = || PodCondition {
            type_: type_.to_string(),
            status: status.to_string(),
            reason: reason.to_string(),
            message: message.to_string(),
        };
        match self.status.conditions.iter_mut().find(|c| c.type_ == type_) {
            Some(existing)
                if existing.status == status
                    && existing.reason == reason
                    && existing.message == message =>
            {
                false
            }
            Some(existing) => {
                *existing = wanted();
                true
            }
            None => {
                self.status.conditions.push(wanted());
                true
            }
        }
    }

    /// Whether this is a mirror pod of a static pod (`kubernetes.io/config.mirror`).
    pub fn is_mirror(&self) -> bool {
        self.metadata
            .annotations
            .contains_key("kubernetes.io/config.mirror")
    }

    /// The pod's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.metadata.namespace, self.metadata.name)
    }
}
