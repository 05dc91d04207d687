//! `policy/v1` PodDisruptionBudget (`staging/src/k8s.io/api/policy/v1/types.go`).

use super::label_selector::LabelSelector;
use super::meta::ObjectMeta;
use super::workloads::IntOrString;

/// A PodDisruptionBudget: how many of the pods it selects may be disrupted at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodDisruptionBudget {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: PodDisruptionBudgetSpec,
}

/// `PodDisruptionBudget.spec`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PodDisruptionBudgetSpec {
    /// `minAvailable`: pods that must stay available (a number or a percentage).
    pub min_available: Option<IntOrString>,
    /// `maxUnavailable`: pods that may be unavailable (a number or a percentage).
    pub max_unavailable: Option<IntOrString>,
    /// `selector`: the pods it covers; absent selects none, `{}` selects all
    /// pods of its namespace (policy/v1).
    pub selector: Option<LabelSelector>,
    /// `unhealthyPodEvictionPolicy`: `IfHealthyBudget` or `AlwaysAllow`.
    pub unhealthy_pod_eviction_policy: Option<String>,
}

impl PodDisruptionBudget {
    /// The budget's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
}
