//! The `scheduling.k8s.io/v1` decoder: PriorityClass
//! (`staging/src/k8s.io/api/scheduling/v1/types.go`), defaulted as
//! `pkg/apis/scheduling/v1: SetDefaults_PriorityClass` does.

use super::objects::meta;
use super::read::Obj;
use super::read::Read;
use super::read::Unknown;
use crate::api::PriorityClass;
use crate::api::scheduling::PREEMPT_LOWER_PRIORITY;
use serde_yaml::Value;

const PRIORITY_CLASS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "value",
    "globalDefault",
    "description",
    "preemptionPolicy",
];

/// `scheduling.k8s.io/v1` PriorityClass.
pub fn priority_class(v: &Value, unknown: &Unknown) -> Read<PriorityClass> {
    let o = Obj::open(
        v,
        "",
        "PriorityClass",
        PRIORITY_CLASS,
        "PriorityClass",
        "PriorityClass",
        unknown,
    )?;
    let preemption_policy = o.string("preemptionPolicy")?;
    Ok(PriorityClass {
        metadata: meta(&o)?,
        // An int32 field: the reader refuses anything wider.
        value: o.int("value", "int32")?.unwrap_or_default() as i32,
        global_default: o.bool("globalDefault")?,
        description: o.string("description")?,
        // Defaulted only when absent: an empty string is validation's to refuse.
        preemption_policy: if o.get("preemptionPolicy").is_none() {
            PREEMPT_LOWER_PRIORITY.to_string()
        } else {
            preemption_policy
        },
    })
}
