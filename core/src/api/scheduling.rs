//! `scheduling.k8s.io/v1` PriorityClass (`staging/src/k8s.io/api/scheduling/v1/types.go`)
//! and the two classes every cluster has (`pkg/apis/scheduling/types.go`).

use super::meta::ObjectMeta;

/// `PreemptLowerPriority`, the default `preemptionPolicy` of classes and pods.
pub const PREEMPT_LOWER_PRIORITY: &str = "PreemptLowerPriority";

/// `Never`: a pod that waits rather than preempts.
pub const PREEMPT_NEVER: &str = "Never";

/// `SystemPriorityClassPrefix`: names reserved for the system classes.
pub const SYSTEM_PRIORITY_CLASS_PREFIX: &str = "system-";

/// `HighestUserDefinablePriority`: user classes go up to one billion.
pub const HIGHEST_USER_DEFINABLE_PRIORITY: i32 = 1_000_000_000;

/// `SystemCriticalPriority`: the base of the system classes.
pub const SYSTEM_CRITICAL_PRIORITY: i32 = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;

/// A PriorityClass: a name for a pod priority.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriorityClass {
    /// `metadata` (cluster-scoped: no namespace).
    pub metadata: ObjectMeta,
    /// `value`: the priority pods of this class receive.
    pub value: i32,
    /// `globalDefault`: the class of pods that name none.
    pub global_default: bool,
    /// `description`.
    pub description: String,
    /// `preemptionPolicy`, defaulted to `PreemptLowerPriority`
    /// (`SetDefaults_PriorityClass`).
    pub preemption_policy: String,
}

impl PriorityClass {
    /// The class's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
}

/// Models `scheduling.SystemPriorityClasses()`: `system-node-critical` and
/// `system-cluster-critical`, as the API server creates them at start-up
/// (`pkg/registry/scheduling/rest: AddSystemPriorityClasses`).
pub fn system_priority_classes() -> [PriorityClass; 2] {
    let class = |name: &str, value: i32, description: &str| PriorityClass {
        metadata: ObjectMeta {
            name: name.to_string(),
            ..Default::default()
        },
        value,
        global_default: false,
        description: description.to_string(),
        preemption_policy: PREEMPT_LOWER_PRIORITY.to_string(),
    };
    [
        class(
            "system-node-critical",
            SYSTEM_CRITICAL_PRIORITY + 1000,
            "Used for system critical pods that must not be moved from their current node.",
        ),
        class(
            "system-cluster-critical",
            SYSTEM_CRITICAL_PRIORITY,
            "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
        ),
    ]
}

/// Models `schedulingapiv1.IsKnownSystemPriorityClass`: whether a `system-`
/// name is one of the system classes with its own value and not a global
/// default; the error says what differs.
pub fn is_known_system_priority_class(
    name: &str,
    value: i32,
    global_default: bool,
) -> Result<(), String> {
    let classes = system_priority_classes();
    let Some(class) = classes.iter().find(|c| c.name() == name) else {
        return Err(format!("{name} is not a known system priority class"));
    };
    if class.value != value {
        return Err(format!(
            "value of {name} PriorityClass must be {}",
            class.value
        ));
    }
    if class.global_default != global_default {
        return Err(format!(
            "globalDefault of {name} PriorityClass must be {}",
            class.global_default
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pkg/apis/scheduling/v1/helpers_test.go: TestIsKnownSystemPriorityClass`.
    #[test]
    fn only_the_system_classes_are_known() {
        assert_eq!(
            is_known_system_priority_class("system-node-critical", 2_000_001_000, false),
            Ok(())
        );
        assert_eq!(
            is_known_system_priority_class("system-cluster-critical", 2_000_000_000, false),
            Ok(())
        );
        assert_eq!(
            is_known_system_priority_class("system-node-critical", 1000, false),
            Err("value of system-node-critical PriorityClass must be 2000001000".to_string())
        );
        assert_eq!(
            is_known_system_priority_class("system-cluster-critical", 2_000_000_000, true),
            Err("globalDefault of system-cluster-critical PriorityClass must be false".to_string())
        );
        assert_eq!(
            is_known_system_priority_class("system-foo", 0, false),
            Err("system-foo is not a known system priority class".to_string())
        );
    }
}
