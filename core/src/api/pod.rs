//! `Pod` and the parts of its spec that placement reads
//! (`staging/src/k8s.io/api/core/v1/types.go`).

use super::meta::ObjectMeta;
use super::toleration::Toleration;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A Pod as stored by the simulated API server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Pod {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: PodSpec,
    /// `status`, written by the simulated scheduler and kubelet.
    pub status: PodStatus,
}

/// `Pod.spec` (and `PodTemplateSpec.spec`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
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
}

/// A container; only what the simulation and the UI show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Container {
    /// Container name.
    pub name: String,
    /// Image reference.
    pub image: String,
    /// Declared ports.
    pub ports: Vec<ContainerPort>,
}

/// `containers[].ports[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ContainerPort {
    /// Port inside the container.
    pub container_port: i32,
    /// Port on the host, if any.
    pub host_port: Option<i32>,
    /// TCP, UDP or SCTP.
    pub protocol: Option<String>,
}

/// `spec.affinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Affinity {
    /// `spec.affinity.nodeAffinity`.
    pub node_affinity: Option<NodeAffinity>,
}

/// `spec.affinity.nodeAffinity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeAffinity {
    /// Hard requirement, checked when scheduling.
    pub required_during_scheduling_ignored_during_execution: Option<NodeSelector>,
}

/// A list of node selector terms, ORed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelector {
    /// The terms; a node matches if any term matches.
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

/// One term: expressions and fields, ANDed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelectorTerm {
    /// Requirements on node labels.
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// Requirements on node fields (only `metadata.name`).
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// A node selector requirement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelectorRequirement {
    /// Label key or field name.
    pub key: String,
    /// `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`.
    pub operator: String,
    /// Values for the operator.
    pub values: Vec<String>,
}

/// `Pod.status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    pub phase: String,
    /// Why the pod is in this state (e.g. `TaintToleration`).
    pub reason: String,
    /// A human-readable message.
    pub message: String,
    /// Conditions such as `PodScheduled`.
    pub conditions: Vec<PodCondition>,
}

/// `Pod.status.conditions[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodCondition {
    /// e.g. `PodScheduled`.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: String,
    /// Machine-readable reason, e.g. `Unschedulable`.
    pub reason: String,
    /// Human-readable message, e.g. the FailedScheduling text.
    pub message: String,
}

/// `PodTemplateSpec`: the pod a controller stamps out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PodTemplateSpec {
    /// Template metadata (labels, annotations).
    pub metadata: ObjectMeta,
    /// Template spec.
    pub spec: PodSpec,
}

impl Pod {
    /// The pod's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// `namespace/name`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.metadata.namespace, self.metadata.name)
    }
}
