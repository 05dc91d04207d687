//! PriorityClass validation and the pod's `preemptionPolicy`, in upstream's
//! words (`pkg/apis/scheduling/validation`, `pkg/apis/core/validation`).

use super::FieldError;
use super::err;
use super::validate_meta;
use crate::api::PriorityClass;
use crate::api::field_value::go_quote;
use crate::api::identifiers::is_dns1123_subdomain;
use crate::api::scheduling::HIGHEST_USER_DEFINABLE_PRIORITY;
use crate::api::scheduling::PREEMPT_LOWER_PRIORITY;
use crate::api::scheduling::PREEMPT_NEVER;
use crate::api::scheduling::SYSTEM_PRIORITY_CLASS_PREFIX;
use crate::api::scheduling::is_known_system_priority_class;

/// Models `ValidatePriorityClass` (create).
pub(super) fn priority_class(pc: &PriorityClass) -> Vec<FieldError> {
    let mut errs = validate_meta(&pc.metadata);
    if pc.name().starts_with(SYSTEM_PRIORITY_CLASS_PREFIX) {
        if let Err(why) = is_known_system_priority_class(pc.name(), pc.value, pc.global_default) {
            errs.push(err(
                "metadata.name",
                format!(
                    "Forbidden: priority class names with '{SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: {why}"
                ),
            ));
        }
    } else if pc.value > HIGHEST_USER_DEFINABLE_PRIORITY {
        errs.push(err(
            "value",
            format!(
                "Forbidden: maximum allowed value of a user defined priority is {HIGHEST_USER_DEFINABLE_PRIORITY}"
            ),
        ));
    }
    errs.extend(preemption_policy(&pc.preemption_policy, || {
        "preemptionPolicy".to_string()
    }));
    errs
}

/// Models `ValidatePriorityClassUpdate`: `value` and `preemptionPolicy` are
/// immutable.
pub fn priority_class_update(new: &PriorityClass, old: &PriorityClass) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if new.value != old.value {
        errs.push(err("value", "Forbidden: may not be changed in an update."));
    }
    if new.preemption_policy != old.preemption_policy {
        errs.push(err(
            "preemptionPolicy",
            format!(
                "Invalid value: {}: field is immutable",
                go_quote(&new.preemption_policy)
            ),
        ));
    }
    errs
}

/// Models `ValidatePodSpec`'s check of `priorityClassName`
/// (`ValidatePriorityClassName`: a DNS subdomain).
pub(super) fn priority_class_name(name: &str, path: impl Fn() -> String) -> Vec<FieldError> {
    if name.is_empty() {
        return Vec::new();
    }
    match is_dns1123_subdomain(name) {
        Ok(()) => Vec::new(),
        Err(msgs) => msgs
            .into_iter()
            .map(|msg| err(&path(), format!("Invalid value: {}: {msg}", go_quote(name))))
            .collect(),
    }
}

/// Models `ValidatePreemptionPolicy`.
pub(super) fn preemption_policy(policy: &str, path: impl Fn() -> String) -> Option<FieldError> {
    match policy {
        PREEMPT_LOWER_PRIORITY | PREEMPT_NEVER => None,
        "" => Some(err(&path(), "Required value")),
        other => Some(err(
            &path(),
            format!(
                "Unsupported value: {}: supported values: \"{PREEMPT_LOWER_PRIORITY}\", \"{PREEMPT_NEVER}\"",
                go_quote(other)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ObjectMeta;

    fn class(name: &str, value: i32, global_default: bool) -> PriorityClass {
        PriorityClass {
            metadata: ObjectMeta {
                name: name.to_string(),
                ..Default::default()
            },
            value,
            global_default,
            description: String::new(),
            preemption_policy: PREEMPT_LOWER_PRIORITY.to_string(),
        }
    }

    fn messages(errs: Vec<FieldError>) -> Vec<String> {
        errs.into_iter().map(|e| e.to_string()).collect()
    }

    /// `pkg/apis/scheduling/validation/validation_test.go: TestValidatePriorityClass`:
    /// its success cases and its error cases ("Missing Name", "Invalid Name",
    /// "Incorrect system class name", "incorrect system class value",
    /// "Invalid preemptionPolicy").
    #[test]
    fn validate_priority_class_cases() {
        for ok in [
            class("tier1", 100, false),
            class("system-node-critical", 2_000_001_000, false),
            class("system-cluster-critical", 2_000_000_000, false),
        ] {
            assert_eq!(messages(priority_class(&ok)), Vec::<String>::new());
        }
        assert_eq!(
            messages(priority_class(&class("", 100, false))),
            ["metadata.name: Required value: name or generateName is required"]
        );
        assert_eq!(
            messages(priority_class(&class("tier&1", 100, false))).len(),
            1
        );
        assert_eq!(
            messages(priority_class(&class("system-something", 200, false))),
            [
                "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-something is not a known system priority class"
            ]
        );
        assert_eq!(
            messages(priority_class(&class("system-node-critical", 100, false))),
            [
                "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"
            ]
        );
        let mut never = class("tier1", 100, false);
        never.preemption_policy = "foo".to_string();
        assert_eq!(
            messages(priority_class(&never)),
            [
                "preemptionPolicy: Unsupported value: \"foo\": supported values: \"PreemptLowerPriority\", \"Never\""
            ]
        );
        assert_eq!(
            messages(priority_class(&class("big", 1_000_000_001, false))),
            ["value: Forbidden: maximum allowed value of a user defined priority is 1000000000"]
        );
    }

    /// `pkg/apis/core/validation/validation_test.go: TestValidatePodSpec`'s
    /// "bad priorityClassName".
    #[test]
    fn a_pod_names_its_class_as_a_dns_subdomain() {
        let path = || "spec.priorityClassName".to_string();
        assert!(priority_class_name("", path).is_empty());
        assert!(priority_class_name("system-node-critical", path).is_empty());
        let errs = messages(priority_class_name("InvalidName", path));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("spec.priorityClassName: Invalid value: \"InvalidName\": a lowercase RFC 1123 subdomain"), "{errs:?}");
    }

    /// `validation_test.go: TestValidatePriorityClassUpdate`: the value and the
    /// preemption policy may not change; the description and globalDefault may.
    #[test]
    fn value_and_policy_are_immutable() {
        let old = class("tier1", 100, false);
        let mut new = old.clone();
        new.description = "changed".to_string();
        new.global_default = true;
        assert!(priority_class_update(&new, &old).is_empty());
        new.value = 101;
        new.preemption_policy = PREEMPT_NEVER.to_string();
        assert_eq!(
            messages(priority_class_update(&new, &old)),
            [
                "value: Forbidden: may not be changed in an update.",
                "preemptionPolicy: Invalid value: \"Never\": field is immutable"
            ]
        );
    }
}
