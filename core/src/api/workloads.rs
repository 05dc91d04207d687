//! `apps/v1` workloads (`staging/src/k8s.io/api/apps/v1/types.go`).

use super::label_selector::LabelSelector;
use super::meta::ObjectMeta;
use super::pod::PodTemplateSpec;
use serde::Deserialize;

/// A DaemonSet: one pod on every eligible node.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DaemonSet {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: DaemonSetSpec,
}

/// `DaemonSet.spec`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DaemonSetSpec {
    /// Which pods belong to this DaemonSet; required and immutable.
    pub selector: Option<LabelSelector>,
    /// The pod to run on each node.
    pub template: PodTemplateSpec,
}

impl DaemonSet {
    /// The DaemonSet's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
}
