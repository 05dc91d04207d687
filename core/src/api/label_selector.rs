//! `LabelSelector` (`k8s.io/apimachinery/pkg/apis/meta/v1`) and its matching rules.

use std::collections::BTreeMap;

/// A label query over a set of objects: `matchLabels` AND `matchExpressions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LabelSelector {
    /// Exact key=value pairs that must all be present.
    pub match_labels: BTreeMap<String, String>,
    /// Set-based requirements that must all hold.
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

/// One set-based requirement of a [`LabelSelector`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LabelSelectorRequirement {
    /// The label key the requirement applies to.
    pub key: String,
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    pub operator: String,
    /// Values for `In` and `NotIn`.
    pub values: Vec<String>,
}

impl LabelSelector {
    /// Whether the selector is empty (`{}`), which selects everything.
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// Models `metav1.LabelSelectorAsSelector(...).Matches(labels)`.
    ///
    /// An unknown operator never matches (upstream refuses to build such a selector).
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let labels_match = self
            .match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v));
        labels_match
            && self.match_expressions.iter().all(|req| {
                let value = labels.get(&req.key);
                match req.operator.as_str() {
                    "In" => value.is_some_and(|v| req.values.contains(v)),
                    "NotIn" => value.is_none_or(|v| !req.values.contains(v)),
                    "Exists" => value.is_some(),
                    "DoesNotExist" => value.is_none(),
                    _ => false,
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn selector_matching() {
        let req = |key: &str, op: &str, values: &[&str]| LabelSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        };
        let cases = [
            (LabelSelector::default(), labels(&[]), true),
            (
                LabelSelector {
                    match_labels: labels(&[("name", "redis-ds")]),
                    ..Default::default()
                },
                labels(&[("name", "redis-ds"), ("x", "y")]),
                true,
            ),
            (
                LabelSelector {
                    match_labels: labels(&[("name", "redis-ds")]),
                    ..Default::default()
                },
                labels(&[("name", "other")]),
                false,
            ),
            (
                LabelSelector {
                    match_expressions: vec![req("tier", "In", &["a", "b"])],
                    ..Default::default()
                },
                labels(&[("tier", "b")]),
                true,
            ),
            (
                LabelSelector {
                    match_expressions: vec![req("tier", "NotIn", &["a"])],
                    ..Default::default()
                },
                labels(&[]),
                true,
            ),
            (
                LabelSelector {
                    match_expressions: vec![req("tier", "DoesNotExist", &[])],
                    ..Default::default()
                },
                labels(&[("tier", "a")]),
                false,
            ),
            (
                LabelSelector {
                    match_expressions: vec![req("tier", "Bogus", &[])],
                    ..Default::default()
                },
                labels(&[("tier", "a")]),
                false,
            ),
        ];
        for (i, (selector, labels, want)) in cases.iter().enumerate() {
            assert_eq!(selector.matches(labels), *want, "case {i}");
        }
    }
}
