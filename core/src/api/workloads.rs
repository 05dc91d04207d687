//! `apps/v1` workloads (`staging/src/k8s.io/api/apps/v1/types.go`).

use super::label_selector::LabelSelector;
use super::meta::ObjectMeta;
use super::pod::PodTemplateSpec;

/// A DaemonSet: one pod on every eligible node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaemonSet {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: DaemonSetSpec,
}

/// `DaemonSet.spec`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaemonSetSpec {
    /// Which pods belong to this DaemonSet; required and immutable.
    pub selector: Option<LabelSelector>,
    /// The pod to run on each node.
    pub template: PodTemplateSpec,
    /// `RollingUpdate` (default) or `OnDelete`.
    pub update_strategy: DaemonSetUpdateStrategy,
}

/// `DaemonSet.spec.updateStrategy`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaemonSetUpdateStrategy {
    /// `RollingUpdate` (default) or `OnDelete`.
    pub type_: String,
    /// `rollingUpdate.maxUnavailable` (default 1).
    pub max_unavailable: Option<IntOrString>,
    /// `rollingUpdate.maxSurge` (default 0).
    pub max_surge: Option<IntOrString>,
}

impl DaemonSet {
    /// The DaemonSet's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
}

/// An `intstr.IntOrString`: `3` or `"25%"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntOrString {
    /// An absolute number.
    Int(i64),
    /// A string, normally a percentage such as `25%`.
    String(String),
}

impl IntOrString {
    /// Models `intstr.GetScaledValueFromIntOrPercent`: a percentage of `total`,
    /// rounded up or down. `None` for a string that is not a percentage.
    pub fn scaled(&self, total: i64, round_up: bool) -> Option<i64> {
        match self {
            IntOrString::Int(n) => Some(*n),
            IntOrString::String(s) => {
                let percent: i64 = s.strip_suffix('%')?.parse().ok()?;
                let scaled = percent.checked_mul(total)?;
                Some(if round_up {
                    (scaled + 99).div_euclid(100)
                } else {
                    scaled.div_euclid(100)
                })
            }
        }
    }
}

/// A Deployment: replicas of a pod template, rolled out through ReplicaSets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deployment {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: DeploymentSpec,
}

/// `Deployment.spec`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeploymentSpec {
    /// Desired pods; defaults to 1.
    pub replicas: Option<i32>,
    /// Which pods belong to this Deployment; required and immutable.
    pub selector: Option<LabelSelector>,
    /// The pod to run.
    pub template: PodTemplateSpec,
    /// How to replace old pods.
    pub strategy: DeploymentStrategy,
}

/// `Deployment.spec.strategy`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeploymentStrategy {
    /// `RollingUpdate` (default) or `Recreate`.
    pub type_: String,
    /// Parameters for `RollingUpdate`.
    pub rolling_update: Option<RollingUpdateDeployment>,
}

/// `Deployment.spec.strategy.rollingUpdate`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollingUpdateDeployment {
    /// Extra pods allowed during an update (default 25%).
    pub max_surge: Option<IntOrString>,
    /// Pods allowed to be unavailable during an update (default 25%).
    pub max_unavailable: Option<IntOrString>,
}

impl Deployment {
    /// `spec.replicas`, defaulted to 1.
    pub fn replicas(&self) -> i64 {
        i64::from(self.spec.replicas.unwrap_or(1))
    }

    /// Models `deploymentutil.ResolveFenceposts`: (maxSurge, maxUnavailable) in pods.
    /// Recreate means (0, all).
    pub fn fenceposts(&self) -> (i64, i64) {
        let replicas = self.replicas();
        if self.spec.strategy.type_ == "Recreate" {
            return (0, replicas);
        }
        let default = IntOrString::String("25%".to_string());
        let rolling = self
            .spec
            .strategy
            .rolling_update
            .clone()
            .unwrap_or_default();
        let surge = rolling
            .max_surge
            .unwrap_or_else(|| default.clone())
            .scaled(replicas, true)
            .unwrap_or(0);
        let unavailable = rolling
            .max_unavailable
            .unwrap_or(default)
            .scaled(replicas, false)
            .unwrap_or(0);
        if surge == 0 && unavailable == 0 {
            (0, 1)
        } else {
            (surge.max(0), unavailable.max(0))
        }
    }
}

/// A ReplicaSet: keeps a number of pods from a template running.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplicaSet {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: ReplicaSetSpec,
}

/// `ReplicaSet.spec`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReplicaSetSpec {
    /// Desired pods; defaults to 1.
    pub replicas: Option<i32>,
    /// Which pods belong to it.
    pub selector: Option<LabelSelector>,
    /// The pod to run.
    pub template: PodTemplateSpec,
}

impl ReplicaSet {
    /// `spec.replicas`, defaulted to 1.
    pub fn replicas(&self) -> i64 {
        i64::from(self.spec.replicas.unwrap_or(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fenceposts_follow_upstream_rounding() {
        let deployment =
            |replicas, surge: Option<IntOrString>, unavailable: Option<IntOrString>| {
                let mut d = Deployment::default();
                d.spec.replicas = Some(replicas);
                d.spec.strategy.rolling_update = Some(RollingUpdateDeployment {
                    max_surge: surge,
                    max_unavailable: unavailable,
                });
                d
            };
        let pct = |s: &str| Some(IntOrString::String(s.to_string()));
        assert_eq!(deployment(3, None, None).fenceposts(), (1, 0));
        assert_eq!(deployment(4, None, None).fenceposts(), (1, 1));
        assert_eq!(deployment(10, pct("25%"), pct("25%")).fenceposts(), (3, 2));
        assert_eq!(
            deployment(1, Some(IntOrString::Int(0)), Some(IntOrString::Int(0))).fenceposts(),
            (0, 1)
        );
        let mut recreate = deployment(5, None, None);
        recreate.spec.strategy.type_ = "Recreate".into();
        assert_eq!(recreate.fenceposts(), (0, 5));
    }
}
