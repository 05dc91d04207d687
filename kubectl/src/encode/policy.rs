//! PriorityClasses and PodDisruptionBudgets as the API server returns them:
//! the applied text with the server's metadata, `SetDefaults_PriorityClass`'s
//! preemption policy, and the status the disruption controller writes.

use super::meta::int;
use super::meta::map;
use super::meta::remove;
use super::meta::s;
use super::meta::set;
use super::meta::time;
use super::objects::applied_meta;
use super::objects::int_or_string;
use super::objects::namespace_of;
use super::objects::selector;
use serde_yaml::Value;
use taintlab_core::Cluster;
use taintlab_core::api::PodDisruptionBudget;
use taintlab_core::api::PriorityClass;

/// A PriorityClass (`globalDefault` and `description` are `omitempty`).
#[inline(never)]
pub fn priority_class(cluster: &Cluster, pc: &PriorityClass) -> Value {
    let applied = cluster.applied_config("PriorityClass", "", &pc.metadata.name);
    let mut v = applied
        .cloned()
        .filter(Value::is_mapping)
        .unwrap_or_else(|| {
            map([
                ("apiVersion", s("scheduling.k8s.io/v1")),
                ("kind", s("PriorityClass")),
            ])
        });
    let meta = applied_meta(
        applied,
        &pc.metadata,
        None,
        Some(pc.metadata.generation.max(1)),
        Vec::new(),
    );
    set(&mut v, "metadata", meta);
    set(&mut v, "value", int(i64::from(pc.value)));
    set(&mut v, "preemptionPolicy", s(pc.preemption_policy.as_str()));
    if pc.global_default {
        set(&mut v, "globalDefault", Value::Bool(true));
    } else {
        remove(&mut v, "globalDefault");
    }
    if pc.description.is_empty() {
        remove(&mut v, "description");
    } else {
        set(&mut v, "description", s(pc.description.as_str()));
    }
    v
}

/// A PodDisruptionBudget with the disruption controller's status.
#[inline(never)]
pub fn pod_disruption_budget(cluster: &Cluster, pdb: &PodDisruptionBudget) -> Value {
    let ns = namespace_of(&pdb.metadata);
    let applied = cluster.applied_config("PodDisruptionBudget", ns, &pdb.metadata.name);
    let mut v = applied
        .cloned()
        .filter(Value::is_mapping)
        .unwrap_or_else(|| {
            map([
                ("apiVersion", s("policy/v1")),
                ("kind", s("PodDisruptionBudget")),
            ])
        });
    let meta = applied_meta(
        applied,
        &pdb.metadata,
        Some(ns),
        Some(pdb.metadata.generation.max(1)),
        Vec::new(),
    );
    set(&mut v, "metadata", meta);
    let mut spec = Value::Mapping(serde_yaml::Mapping::new());
    if let Some(min) = &pdb.spec.min_available {
        set(&mut spec, "minAvailable", int_or_string(min));
    }
    if let Some(max) = &pdb.spec.max_unavailable {
        set(&mut spec, "maxUnavailable", int_or_string(max));
    }
    if let Some(sel) = &pdb.spec.selector {
        set(&mut spec, "selector", selector(sel));
    }
    if let Some(policy) = &pdb.spec.unhealthy_pod_eviction_policy {
        set(&mut spec, "unhealthyPodEvictionPolicy", s(policy.as_str()));
    }
    set(&mut v, "spec", spec);
    let st = cluster.disruption_status(pdb);
    let mut status = map([
        ("currentHealthy", int(i64::from(st.current_healthy))),
        ("desiredHealthy", int(i64::from(st.desired_healthy))),
        ("disruptionsAllowed", int(i64::from(st.disruptions_allowed))),
        ("expectedPods", int(i64::from(st.expected_pods))),
    ]);
    if st.observed_generation > 0 {
        set(
            &mut status,
            "observedGeneration",
            int(st.observed_generation as i64),
        );
    }
    let c = &st.condition;
    if !c.reason.is_empty() {
        let mut condition = map([
            ("lastTransitionTime", time(c.last_transition)),
            ("message", s(c.message.as_str())),
            ("reason", s(c.reason.as_str())),
            ("status", s(if c.allowed { "True" } else { "False" })),
            (
                "type",
                s(taintlab_core::controller::disruption::DISRUPTION_ALLOWED),
            ),
        ]);
        if c.observed_generation > 0 {
            set(
                &mut condition,
                "observedGeneration",
                int(c.observed_generation as i64),
            );
        }
        set(&mut status, "conditions", Value::Sequence(vec![condition]));
    }
    set(&mut v, "status", status);
    v
}
