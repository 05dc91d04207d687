//! The Kubernetes API types that taintlab simulates, decoded from YAML.
//!
//! Field names and JSON/YAML spellings follow `staging/src/k8s.io/api`; only the
//! fields the simulation reads are typed, everything else is ignored here.

pub mod field_value;
pub mod identifiers;
pub mod label_selector;
pub mod meta;
pub mod node;
pub mod pod;
pub mod policy;
pub mod quantity;
pub mod scheduling;
pub mod taint;
pub mod taint_spec;
pub mod toleration;
pub mod when_set;
pub mod workloads;

pub use label_selector::{LabelSelector, LabelSelectorRequirement};
pub use meta::{ObjectMeta, OwnerReference};
pub use node::{Node, NodeSpec};
pub use pod::{
    Affinity, Container, ContainerPort, ContainerState, ContainerStatus, NodeAffinity,
    NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodAffinity, PodAffinityTerm,
    PodCondition, PodSpec, PodStatus, PodTemplateSpec, PreferredSchedulingTerm,
    TopologySpreadConstraint, WeightedPodAffinityTerm,
};
pub use policy::PodDisruptionBudget;
pub use policy::PodDisruptionBudgetSpec;
pub use quantity::Quantity;
pub use scheduling::PriorityClass;
pub use taint::{Taint, TaintEffect};
pub use toleration::{Toleration, TolerationOperator};
pub use workloads::{
    DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy, Deployment, DeploymentSpec,
    DeploymentStrategy, IntOrString, ReplicaSet, ReplicaSetSpec, RollingUpdateDeployment,
};
