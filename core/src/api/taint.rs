//! `Taint` and `TaintEffect` (`staging/src/k8s.io/api/core/v1/taint.go`).

use crate::api::identifiers::{invalid, is_qualified_name, is_valid_label_value};
use std::fmt;

/// What a taint does to pods that do not tolerate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaintEffect {
    /// New pods are not scheduled onto the node; running pods stay.
    NoSchedule,
    /// The scheduler tries to avoid the node.
    PreferNoSchedule,
    /// New pods are not scheduled and running pods are evicted.
    NoExecute,
}

impl TaintEffect {
    /// All effects, in the order upstream lists them in validation messages.
    pub const ALL: [TaintEffect; 3] = [
        TaintEffect::NoSchedule,
        TaintEffect::PreferNoSchedule,
        TaintEffect::NoExecute,
    ];

    /// The API spelling (`NoSchedule`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TaintEffect::NoSchedule => "NoSchedule",
            TaintEffect::PreferNoSchedule => "PreferNoSchedule",
            TaintEffect::NoExecute => "NoExecute",
        }
    }

    /// Parses the case-sensitive API spelling.
    pub fn parse(s: &str) -> Option<TaintEffect> {
        TaintEffect::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// Upstream's `field.NotSupported` detail for a bad effect.
    pub(crate) fn unsupported(value: &str) -> String {
        let supported: Vec<String> = TaintEffect::ALL
            .iter()
            .map(|e| format!("{:?}", e.as_str()))
            .collect();
        format!(
            "Unsupported value: {value:?}: supported values: {}",
            supported.join(", ")
        )
    }
}

impl fmt::Display for TaintEffect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A node taint: `key[=value]:effect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taint {
    /// The taint key, a qualified name such as `node-role.kubernetes.io/master`.
    pub key: String,
    /// The taint value; often empty.
    pub value: String,
    /// The taint effect.
    pub effect: TaintEffect,
}

/// The wire form of a taint, before validation.
#[derive(Debug, Default)]
pub struct RawTaint {
    /// `key`.
    pub key: String,
    /// `value`.
    pub value: String,
    /// `effect`.
    pub effect: String,
}

impl TryFrom<RawTaint> for Taint {
    type Error = String;

    /// Models `pkg/apis/core/validation: validateNodeTaints` for one entry. An error
    /// starting with `.` names the child field it is about.
    fn try_from(raw: RawTaint) -> Result<Self, Self::Error> {
        if let Err(errs) = is_qualified_name(&raw.key) {
            return Err(invalid("key", &raw.key, &errs.join("; ")));
        }
        if let Err(errs) = is_valid_label_value(&raw.value) {
            return Err(invalid("value", &raw.value, &errs.join("; ")));
        }
        let effect = match raw.effect.as_str() {
            "" => return Err(".effect: Required value".to_string()),
            other => TaintEffect::parse(other)
                .ok_or_else(|| format!(".effect: {}", TaintEffect::unsupported(other)))?,
        };
        Ok(Taint {
            key: raw.key,
            value: raw.value,
            effect,
        })
    }
}

impl Taint {
    /// A taint with the given key, value and effect.
    pub fn new(key: &str, value: &str, effect: TaintEffect) -> Taint {
        Taint {
            key: key.to_string(),
            value: value.to_string(),
            effect,
        }
    }

    /// Models `Taint.MatchTaint`: same key and effect.
    pub fn matches(&self, other: &Taint) -> bool {
        self.key == other.key && self.effect == other.effect
    }
}

/// Models `Taint.ToString`: `k=v:E` or `k:E`.
impl fmt::Display for Taint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.value.is_empty() {
            write!(f, "{}:{}", self.key, self.effect)
        } else {
            write!(f, "{}={}:{}", self.key, self.value, self.effect)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_string_matches_upstream() {
        let cases = [
            (
                Taint::new("k", "v", TaintEffect::NoSchedule),
                "k=v:NoSchedule",
            ),
            (Taint::new("k", "", TaintEffect::NoExecute), "k:NoExecute"),
            (
                Taint::new(
                    "node-role.kubernetes.io/master",
                    "",
                    TaintEffect::NoSchedule,
                ),
                "node-role.kubernetes.io/master:NoSchedule",
            ),
        ];
        for (taint, want) in cases {
            assert_eq!(taint.to_string(), want);
        }
    }

    #[test]
    fn effects_are_case_sensitive() {
        assert_eq!(
            TaintEffect::parse("NoSchedule"),
            Some(TaintEffect::NoSchedule)
        );
        assert_eq!(TaintEffect::parse("noschedule"), None);
        assert_eq!(
            TaintEffect::unsupported("Nope"),
            r#"Unsupported value: "Nope": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute""#
        );
    }
}
