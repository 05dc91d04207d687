//! PodDisruptionBudget validation in upstream's words
//! (`pkg/apis/policy/validation: ValidatePodDisruptionBudgetSpec`).

use super::FieldError;
use super::err;
use super::resources::IS_NEGATIVE;
use super::validate_meta;
use crate::api::IntOrString;
use crate::api::PodDisruptionBudget;
use crate::api::field_value::ValueStyle;
use crate::api::field_value::json_str;
use crate::api::field_value::label_selector;

/// `validation.IsValidPercent`'s message.
const NOT_A_PERCENT: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/// The unhealthy-pod eviction policies, sorted as `sets.List` sorts them.
const EVICTION_POLICIES: [&str; 2] = ["AlwaysAllow", "IfHealthyBudget"];

/// Models `ValidatePodDisruptionBudget` with its metadata.
pub(super) fn pod_disruption_budget(
    pdb: &PodDisruptionBudget,
    style: ValueStyle,
) -> Vec<FieldError> {
    let mut errs = validate_meta(&pdb.metadata);
    let spec = &pdb.spec;
    if spec.min_available.is_some() && spec.max_unavailable.is_some() {
        errs.push(err(
            "spec",
            format!(
                "Invalid value: {}: minAvailable and maxUnavailable cannot be both set",
                spec_value(pdb, style)
            ),
        ));
    }
    for (value, path) in [
        (&spec.min_available, "spec.minAvailable"),
        (&spec.max_unavailable, "spec.maxUnavailable"),
    ] {
        if let Some(value) = value {
            errs.extend(positive_int_or_percent(value, path, style));
        }
    }
    if let Some(policy) = &spec.unhealthy_pod_eviction_policy
        && !EVICTION_POLICIES.contains(&policy.as_str())
    {
        errs.push(err(
            "spec.unhealthyPodEvictionPolicy",
            format!(
                "Unsupported value: {}: supported values: \"{}\", \"{}\"",
                json_str(policy),
                EVICTION_POLICIES[0],
                EVICTION_POLICIES[1]
            ),
        ));
    }
    errs
}

/// An `intstr.IntOrString` as `field.Invalid` prints it.
fn int_or_string(value: &IntOrString, style: ValueStyle) -> String {
    match (value, style) {
        (IntOrString::Int(n), ValueStyle::Json) => n.to_string(),
        (IntOrString::String(s), ValueStyle::Json) => json_str(s),
        (IntOrString::Int(n), ValueStyle::GoSyntax) => {
            format!("intstr.IntOrString{{Type:0, IntVal:{n}, StrVal:\"\"}}")
        }
        (IntOrString::String(s), ValueStyle::GoSyntax) => {
            format!("intstr.IntOrString{{Type:1, IntVal:0, StrVal:{s:?}}}")
        }
    }
}

/// The spec as `field.Invalid` prints the whole (internal) spec: JSON from
/// v1.34; before, Go's `%#v`, whose pointers print as addresses that differ on
/// every call (a fixed one stands in for them, as for tolerations).
fn spec_value(pdb: &PodDisruptionBudget, style: ValueStyle) -> String {
    let spec = &pdb.spec;
    if style == ValueStyle::GoSyntax {
        let pointer = |set: bool, ty: &str| {
            if set {
                format!("(*{ty})(0xc000000000)")
            } else {
                format!("(*{ty})(nil)")
            }
        };
        return format!(
            "policy.PodDisruptionBudgetSpec{{MinAvailable:{}, Selector:{}, MaxUnavailable:{}, UnhealthyPodEvictionPolicy:{}}}",
            pointer(spec.min_available.is_some(), "intstr.IntOrString"),
            pointer(spec.selector.is_some(), "v1.LabelSelector"),
            pointer(spec.max_unavailable.is_some(), "intstr.IntOrString"),
            pointer(
                spec.unhealthy_pod_eviction_policy.is_some(),
                "policy.UnhealthyPodEvictionPolicyType"
            ),
        );
    }
    let mut fields = Vec::new();
    if let Some(v) = &spec.min_available {
        fields.push(format!(
            "\"minAvailable\":{}",
            int_or_string(v, ValueStyle::Json)
        ));
    }
    if spec.selector.is_some() {
        fields.push(format!(
            "\"selector\":{}",
            label_selector(spec.selector.as_ref(), ValueStyle::Json)
        ));
    }
    if let Some(v) = &spec.max_unavailable {
        fields.push(format!(
            "\"maxUnavailable\":{}",
            int_or_string(v, ValueStyle::Json)
        ));
    }
    if let Some(policy) = &spec.unhealthy_pod_eviction_policy {
        fields.push(format!(
            "\"unhealthyPodEvictionPolicy\":{}",
            json_str(policy)
        ));
    }
    format!("{{{}}}", fields.join(","))
}

/// Models `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent`.
fn positive_int_or_percent(value: &IntOrString, path: &str, style: ValueStyle) -> Vec<FieldError> {
    let printed = || int_or_string(value, style);
    match value {
        IntOrString::Int(n) if *n < 0 => {
            vec![err(path, format!("Invalid value: {n}: {IS_NEGATIVE}"))]
        }
        IntOrString::Int(_) => Vec::new(),
        IntOrString::String(s) => {
            let percent = s
                .strip_suffix('%')
                .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
            match percent {
                None => vec![err(
                    path,
                    format!("Invalid value: {}: {NOT_A_PERCENT}", printed()),
                )],
                // Digits only: a value too long for a number is over 100 too.
                Some(digits) if digits.parse::<u64>().map_or(true, |p| p > 100) => vec![err(
                    path,
                    format!(
                        "Invalid value: {}: must not be greater than 100%",
                        printed()
                    ),
                )],
                Some(_) => Vec::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ObjectMeta;
    use crate::api::PodDisruptionBudgetSpec;

    fn pdb(min: Option<IntOrString>, max: Option<IntOrString>) -> PodDisruptionBudget {
        PodDisruptionBudget {
            metadata: ObjectMeta {
                name: "pdb".to_string(),
                ..Default::default()
            },
            spec: PodDisruptionBudgetSpec {
                min_available: min,
                max_unavailable: max,
                ..Default::default()
            },
        }
    }

    fn messages(p: &PodDisruptionBudget) -> Vec<String> {
        pod_disruption_budget(p, ValueStyle::Json)
            .into_iter()
            .map(|e| e.to_string())
            .collect()
    }

    /// `pkg/apis/policy/validation/validation_test.go:
    /// TestValidateMinAvailablePodDisruptionBudgetSpec` and
    /// `TestValidateMaxUnavailablePodDisruptionBudgetSpec`: numbers from 0 and
    /// percentages up to 100% pass; negatives, bad percentages and over 100% fail.
    #[test]
    fn min_available_and_max_unavailable_values() {
        let int = |n| Some(IntOrString::Int(n));
        let pct = |s: &str| Some(IntOrString::String(s.to_string()));
        for ok in [int(0), int(10), pct("0%"), pct("10%"), pct("100%")] {
            assert!(messages(&pdb(ok.clone(), None)).is_empty(), "{ok:?}");
            assert!(messages(&pdb(None, ok.clone())).is_empty(), "{ok:?}");
        }
        assert_eq!(
            messages(&pdb(int(-1), None)),
            ["spec.minAvailable: Invalid value: -1: must be greater than or equal to 0"]
        );
        assert_eq!(
            messages(&pdb(None, pct("101%"))),
            ["spec.maxUnavailable: Invalid value: \"101%\": must not be greater than 100%"]
        );
        assert_eq!(
            messages(&pdb(pct("1.1%"), None)),
            [format!(
                "spec.minAvailable: Invalid value: \"1.1%\": {NOT_A_PERCENT}"
            )]
        );
    }

    /// `validation_test.go: TestValidateMinAvailablePodAndMaxUnavailableDisruptionBudgetSpec`.
    #[test]
    fn both_set_is_refused() {
        assert_eq!(
            messages(&pdb(Some(IntOrString::Int(1)), Some(IntOrString::Int(1)))),
            [
                "spec: Invalid value: {\"minAvailable\":1,\"maxUnavailable\":1}: minAvailable and maxUnavailable cannot be both set"
            ]
        );
    }

    /// `validation_test.go: TestValidateUnhealthyPodEvictionPolicyDisruptionBudgetSpec`.
    #[test]
    fn eviction_policy_values() {
        let mut p = pdb(Some(IntOrString::Int(1)), None);
        for ok in ["IfHealthyBudget", "AlwaysAllow"] {
            p.spec.unhealthy_pod_eviction_policy = Some(ok.to_string());
            assert!(messages(&p).is_empty());
        }
        p.spec.unhealthy_pod_eviction_policy = Some("Invalid".to_string());
        assert_eq!(
            messages(&p),
            [
                "spec.unhealthyPodEvictionPolicy: Unsupported value: \"Invalid\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\""
            ]
        );
    }
}
