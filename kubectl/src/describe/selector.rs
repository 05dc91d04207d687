//! Label selectors as describe prints and reads them, over the shared selector
//! module (`kubectl::selector`, a port of `labels.Parse` and friends).

use taintlab_core::api::LabelSelector;

pub use crate::selector::{Selector, format_labels, parse};

/// Models `metav1.LabelSelectorAsSelector(...).String()`: empty for a nil or empty
/// selector, `<error>` for one that cannot be converted.
pub fn as_string(selector: Option<&LabelSelector>) -> String {
    crate::selector::label_selector_string(selector).unwrap_or_else(|| "<error>".to_string())
}

/// Models `metav1.FormatLabelSelector`: as [`as_string`], `<none>` when empty.
pub fn format(selector: Option<&LabelSelector>) -> String {
    crate::selector::format_label_selector(selector)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use taintlab_core::api::LabelSelectorRequirement;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn selectors_print_as_upstream() {
        let selector = LabelSelector {
            match_labels: labels(&[("name", "redis-ds")]),
            match_expressions: vec![
                LabelSelectorRequirement {
                    key: "tier".into(),
                    operator: "In".into(),
                    values: vec!["web".into(), "cache".into()],
                },
                LabelSelectorRequirement {
                    key: "canary".into(),
                    operator: "DoesNotExist".into(),
                    values: vec![],
                },
            ],
        };
        assert_eq!(
            as_string(Some(&selector)),
            "!canary,name=redis-ds,tier in (cache,web)"
        );
        assert_eq!(format(None), "<none>");
        assert_eq!(as_string(Some(&LabelSelector::default())), "");
        assert_eq!(format_labels(&labels(&[])), "<none>");
        assert_eq!(format_labels(&labels(&[("b", "2"), ("a", "1")])), "a=1,b=2");
    }

    #[test]
    fn parsed_selectors_match() {
        let l = labels(&[("app", "web"), ("tier", "front"), ("n", "5")]);
        for (text, want) in [
            ("app=web", true),
            ("app==web,tier=front", true),
            ("app!=web", false),
            ("tier in (front, back)", true),
            ("tier notin (front)", false),
            ("app", true),
            ("!app", false),
            ("!missing", true),
            ("n>4", true),
            ("n<4", false),
            ("", true),
        ] {
            assert_eq!(parse(text).map(|s| s.matches(&l)), Ok(want), "{text}");
        }
        for bad in ["a in", "a in (b", "a b", ",a", "a=b c"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
