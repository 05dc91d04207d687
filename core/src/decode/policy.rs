//! The `policy/v1` decoder: PodDisruptionBudget
//! (`staging/src/k8s.io/api/policy/v1/types.go`). Its status is the disruption
//! controller's to write, so a status given is accepted and ignored.

use super::objects::int_or_string;
use super::objects::meta;
use super::objects::selector;
use super::read::Obj;
use super::read::Read;
use super::read::Unknown;
use crate::api::PodDisruptionBudget;
use crate::api::PodDisruptionBudgetSpec;
use serde_yaml::Value;

const TOP: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];
const SPEC: &[&str] = &[
    "minAvailable",
    "selector",
    "maxUnavailable",
    "unhealthyPodEvictionPolicy",
];
const STATUS: &[&str] = &[
    "observedGeneration",
    "disruptedPods",
    "disruptionsAllowed",
    "currentHealthy",
    "desiredHealthy",
    "expectedPods",
    "conditions",
];

/// `policy/v1` PodDisruptionBudget.
pub fn pod_disruption_budget(v: &Value, unknown: &Unknown) -> Read<PodDisruptionBudget> {
    let o = Obj::open(
        v,
        "",
        "PodDisruptionBudget",
        TOP,
        "PodDisruptionBudget",
        "PodDisruptionBudget",
        unknown,
    )?;
    let spec = o
        .nested(
            "spec",
            "PodDisruptionBudgetSpec",
            "v1.PodDisruptionBudgetSpec",
            SPEC,
            |s| {
                let policy = s.string("unhealthyPodEvictionPolicy")?;
                Ok(PodDisruptionBudgetSpec {
                    min_available: int_or_string(s, "minAvailable")?,
                    max_unavailable: int_or_string(s, "maxUnavailable")?,
                    selector: selector(s)?,
                    unhealthy_pod_eviction_policy: s
                        .get("unhealthyPodEvictionPolicy")
                        .map(|_| policy),
                })
            },
        )?
        .unwrap_or_default();
    o.nested(
        "status",
        "PodDisruptionBudgetStatus",
        "v1.PodDisruptionBudgetStatus",
        STATUS,
        |_| Ok(()),
    )?;
    Ok(PodDisruptionBudget {
        metadata: meta(&o)?,
        spec,
    })
}
