//! `Toleration` (`staging/src/k8s.io/api/core/v1/toleration.go`) with upstream's
//! matching and validation rules.

use super::taint::{Taint, TaintEffect};
use crate::api::identifiers::{invalid, is_qualified_name, is_valid_label_value, not_supported};
use std::fmt;

/// How a toleration compares its value with a taint's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TolerationOperator {
    /// `Equal` (also the empty string): the values must be equal.
    Equal,
    /// `Exists`: any value matches.
    Exists,
    /// `Lt` (gate `TaintTolerationComparisonOperators`): taint value < toleration value.
    Lt,
    /// `Gt` (gate `TaintTolerationComparisonOperators`): taint value > toleration value.
    Gt,
}

/// A pod toleration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Toleration {
    /// Taint key to match; empty matches every key (only with `Exists`).
    pub key: String,
    /// The operator; `None` is the empty string, which means `Equal`.
    pub operator: Option<TolerationOperator>,
    /// Value to compare with `Equal`.
    pub value: String,
    /// Effect to match; `None` matches every effect.
    pub effect: Option<TaintEffect>,
    /// For `NoExecute`: how long the pod stays bound after the taint appears.
    pub toleration_seconds: Option<i64>,
}

/// The wire form of a toleration, before validation.
#[derive(Debug, Default)]
pub struct RawToleration {
    /// `key`.
    pub key: String,
    /// `operator`.
    pub operator: String,
    /// `value`.
    pub value: String,
    /// `effect`.
    pub effect: String,
    /// `tolerationSeconds`.
    pub toleration_seconds: Option<i64>,
}

impl TryFrom<RawToleration> for Toleration {
    type Error = String;

    /// Validates with the `TaintTolerationComparisonOperators` gate off (the default).
    fn try_from(raw: RawToleration) -> Result<Self, Self::Error> {
        Toleration::validate(raw, false, crate::api::field_value::ValueStyle::default())
    }
}

/// Models `content.IsDecimalInteger`: an int64 in canonical decimal form (no leading
/// zeros, no `+`, no `-0`, no spaces).
fn decimal_integer(value: &str) -> Option<i64> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && value != "-0";
    if canonical { value.parse().ok() } else { None }
}

impl Toleration {
    /// Models `pkg/apis/core/validation: validateTolerations` for one entry;
    /// `comparison_operators` is the `TaintTolerationComparisonOperators` gate.
    /// An error starting with `.` names the child field it is about.
    pub fn validate(
        raw: RawToleration,
        comparison_operators: bool,
        style: crate::api::field_value::ValueStyle,
    ) -> Result<Toleration, String> {
        if !raw.key.is_empty()
            && let Err(errs) = is_qualified_name(&raw.key)
        {
            return Err(invalid("key", &raw.key, &errs.join("; ")));
        }
        if raw.key.is_empty() && raw.operator != "Exists" {
            return Err(invalid(
                "operator",
                &raw.operator,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if raw.toleration_seconds.is_some() && raw.effect != "NoExecute" {
            return Err(invalid(
                "effect",
                &raw.effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        let operator = match raw.operator.as_str() {
            "" | "Equal" => {
                if let Err(errs) = is_valid_label_value(&raw.value) {
                    return Err(invalid("operator", &raw.value, &errs.join(";")));
                }
                (!raw.operator.is_empty()).then_some(TolerationOperator::Equal)
            }
            "Exists" => {
                if !raw.value.is_empty() {
                    // Upstream passes the whole toleration as the bad value.
                    let value = crate::api::field_value::toleration(
                        &raw.key,
                        &raw.operator,
                        &raw.value,
                        &raw.effect,
                        raw.toleration_seconds,
                        style,
                    );
                    return Err(format!(
                        ".operator: Invalid value: {value}: value must be empty when `operator` is 'Exists'"
                    ));
                }
                Some(TolerationOperator::Exists)
            }
            op @ ("Lt" | "Gt") if comparison_operators => {
                // `content.IsDecimalInteger`'s messages (`decimal_int.go`).
                if raw.value.is_empty() {
                    return Err(invalid("value", &raw.value, "must be non-empty"));
                }
                if decimal_integer(&raw.value).is_none() {
                    return Err(invalid(
                        "value",
                        &raw.value,
                        "must be a valid decimal integer in canonical form",
                    ));
                }
                Some(if op == "Lt" {
                    TolerationOperator::Lt
                } else {
                    TolerationOperator::Gt
                })
            }
            other if comparison_operators => {
                return Err(not_supported(
                    "operator",
                    other,
                    &["Equal", "Exists", "Gt", "Lt"],
                ));
            }
            other => return Err(not_supported("operator", other, &["Equal", "Exists"])),
        };
        let effect = match raw.effect.as_str() {
            "" => None,
            other => match TaintEffect::parse(other) {
                Some(effect) => Some(effect),
                None => return Err(format!(".effect: {}", TaintEffect::unsupported(other))),
            },
        };
        Ok(Toleration {
            key: raw.key,
            operator,
            value: raw.value,
            effect,
            toleration_seconds: raw.toleration_seconds,
        })
    }
}

impl Toleration {
    /// A toleration with operator `Exists` for `key` and `effect`.
    pub fn exists(key: &str, effect: Option<TaintEffect>) -> Toleration {
        Toleration {
            key: key.to_string(),
            operator: Some(TolerationOperator::Exists),
            value: String::new(),
            effect,
            toleration_seconds: None,
        }
    }

    /// Models `Toleration.ToleratesTaint`.
    ///
    /// The matcher does not re-check validation: an empty key with `Equal` matches any
    /// key with an equal value, exactly as upstream. `Lt`/`Gt` compare both values as
    /// canonical integers (strictly); they only pass validation while the
    /// `TaintTolerationComparisonOperators` gate is on.
    pub fn tolerates(&self, taint: &Taint) -> bool {
        if self.effect.is_some_and(|e| e != taint.effect) {
            return false;
        }
        if !self.key.is_empty() && self.key != taint.key {
            return false;
        }
        match self.operator {
            None | Some(TolerationOperator::Equal) => self.value == taint.value,
            Some(TolerationOperator::Exists) => true,
            Some(op @ (TolerationOperator::Lt | TolerationOperator::Gt)) => {
                match (decimal_integer(&taint.value), decimal_integer(&self.value)) {
                    (Some(taint_value), Some(toleration_value)) => {
                        if op == TolerationOperator::Lt {
                            taint_value < toleration_value
                        } else {
                            taint_value > toleration_value
                        }
                    }
                    _ => false,
                }
            }
        }
    }

    /// Models `Toleration.MatchToleration`: same key, operator, value and effect
    /// (tolerationSeconds is ignored).
    pub fn same_as(&self, other: &Toleration) -> bool {
        self.key == other.key
            && self.operator.unwrap_or(TolerationOperator::Equal)
                == other.operator.unwrap_or(TolerationOperator::Equal)
            && self.value == other.value
            && self.effect == other.effect
    }
}

/// The `kubectl describe` form: `key[=value][:effect][ op=Exists][ for Ns]`.
impl fmt::Display for Toleration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key)?;
        if !self.value.is_empty() {
            write!(f, "={}", self.value)?;
        }
        if let Some(effect) = self.effect {
            write!(f, ":{effect}")?;
        }
        if self.operator == Some(TolerationOperator::Exists) && self.value.is_empty() {
            if self.key.is_empty() && self.effect.is_none() {
                f.write_str("op=Exists")?;
            } else {
                f.write_str(" op=Exists")?;
            }
        }
        if let Some(seconds) = self.toleration_seconds {
            write!(f, " for {seconds}s")?;
        }
        Ok(())
    }
}

/// Models `component-helpers/scheduling/corev1: TolerationsTolerateTaint`.
pub fn tolerations_tolerate_taint(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| t.tolerates(taint))
}

/// Models `component-helpers/scheduling/corev1: FindMatchingUntoleratedTaint`:
/// the first taint, in node order, that passes `filter` and is not tolerated.
pub fn find_matching_untolerated_taint<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'a Taint> {
    taints
        .iter()
        .filter(|t| filter(t))
        .find(|t| !tolerations_tolerate_taint(tolerations, t))
}

/// Models `helper.DoNotScheduleTaintsFilterFunc`: keeps NoSchedule and NoExecute taints.
pub fn do_not_schedule_taints(taint: &Taint) -> bool {
    matches!(
        taint.effect,
        TaintEffect::NoSchedule | TaintEffect::NoExecute
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tol(
        key: &str,
        op: Option<TolerationOperator>,
        value: &str,
        effect: Option<TaintEffect>,
    ) -> Toleration {
        Toleration {
            key: key.into(),
            operator: op,
            value: value.into(),
            effect,
            toleration_seconds: None,
        }
    }

    /// Cases from upstream `toleration_test.go: TestTolerationToleratesTaint`.
    #[test]
    fn tolerates_taint() {
        use TaintEffect::*;
        use TolerationOperator::*;
        let cases = [
            (
                "empty effect matches all effects",
                tol("foo", Some(Exists), "", None),
                Taint::new("foo", "bar", NoExecute),
                true,
            ),
            (
                "different effect does not match",
                tol("foo", Some(Exists), "", Some(NoSchedule)),
                Taint::new("foo", "bar", NoExecute),
                false,
            ),
            (
                "different key does not match",
                tol("foo", Some(Exists), "", Some(NoSchedule)),
                Taint::new("bar", "", NoSchedule),
                false,
            ),
            (
                "empty key with Exists matches all keys",
                tol("", Some(Exists), "", None),
                Taint::new("anything", "v", PreferNoSchedule),
                true,
            ),
            (
                "Equal needs equal values",
                tol("foo", Some(Equal), "bar", Some(NoSchedule)),
                Taint::new("foo", "baz", NoSchedule),
                false,
            ),
            (
                "Equal with equal values matches",
                tol("foo", Some(Equal), "bar", Some(NoSchedule)),
                Taint::new("foo", "bar", NoSchedule),
                true,
            ),
            (
                "empty operator means Equal",
                tol("foo", None, "bar", Some(NoSchedule)),
                Taint::new("foo", "bar", NoSchedule),
                true,
            ),
            (
                "empty operator and value match an empty taint value",
                tol(
                    "node-role.kubernetes.io/control-plane",
                    None,
                    "",
                    Some(NoSchedule),
                ),
                Taint::new("node-role.kubernetes.io/control-plane", "", NoSchedule),
                true,
            ),
            (
                "Exists ignores the value",
                tol("foo", Some(Exists), "", Some(NoSchedule)),
                Taint::new("foo", "bar", NoSchedule),
                true,
            ),
            (
                "an all-empty toleration matches any taint with an empty value",
                tol("", None, "", None),
                Taint::new("k", "", NoExecute),
                true,
            ),
            (
                "Lt compares integers",
                tol("foo", Some(Lt), "10", None),
                Taint::new("foo", "5", NoSchedule),
                true,
            ),
            (
                "Lt is strict",
                tol("foo", Some(Lt), "5", None),
                Taint::new("foo", "5", NoSchedule),
                false,
            ),
            (
                "Gt compares integers",
                tol("foo", Some(Gt), "10", None),
                Taint::new("foo", "11", NoSchedule),
                true,
            ),
            (
                "leading zeros never match",
                tol("foo", Some(Gt), "1", None),
                Taint::new("foo", "05", NoSchedule),
                false,
            ),
            (
                "-0 never matches",
                tol("foo", Some(Lt), "1", None),
                Taint::new("foo", "-0", NoSchedule),
                false,
            ),
        ];
        for (name, toleration, taint, want) in cases {
            assert_eq!(toleration.tolerates(&taint), want, "{name}");
        }
    }

    #[test]
    fn comparison_operators_need_the_gate() {
        let raw = |op: &str, value: &str| RawToleration {
            key: "gpu-count".into(),
            operator: op.into(),
            value: value.into(),
            ..Default::default()
        };
        assert_eq!(
            Toleration::validate(raw("Lt", "4"), false, Default::default()),
            Err(
                ".operator: Unsupported value: \"Lt\": supported values: \"Equal\", \"Exists\""
                    .to_string()
            )
        );
        assert!(Toleration::validate(raw("Lt", "4"), true, Default::default()).is_ok());
        assert_eq!(
            Toleration::validate(raw("Gt", "04"), true, Default::default()),
            Err(
                ".value: Invalid value: \"04\": must be a valid decimal integer in canonical form"
                    .to_string()
            )
        );
        assert_eq!(
            Toleration::validate(raw("Gt", ""), true, Default::default()),
            Err(".value: Invalid value: \"\": must be non-empty".to_string())
        );
        assert!(Toleration::validate(raw("Gt", "-5"), true, Default::default()).is_ok());
    }

    #[test]
    fn first_untolerated_taint_in_node_order() {
        use TaintEffect::*;
        let taints = [
            Taint::new("a", "", PreferNoSchedule),
            Taint::new("b", "", NoSchedule),
            Taint::new("c", "", NoExecute),
        ];
        let tolerations = [tol("b", Some(TolerationOperator::Exists), "", None)];
        let found = find_matching_untolerated_taint(&taints, &tolerations, do_not_schedule_taints);
        assert_eq!(found, Some(&taints[2]));
        let none =
            find_matching_untolerated_taint(&taints[..2], &tolerations, do_not_schedule_taints);
        assert_eq!(none, None);
    }

    #[test]
    fn describe_format() {
        use TaintEffect::*;
        let mut t = tol(
            "node.kubernetes.io/not-ready",
            Some(TolerationOperator::Exists),
            "",
            Some(NoExecute),
        );
        t.toleration_seconds = Some(300);
        assert_eq!(
            t.to_string(),
            "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s"
        );
        assert_eq!(
            tol("", Some(TolerationOperator::Exists), "", None).to_string(),
            "op=Exists"
        );
        assert_eq!(
            tol("k", None, "v", Some(NoSchedule)).to_string(),
            "k=v:NoSchedule"
        );
    }
}
