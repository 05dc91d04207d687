//! Label selectors as text: `metav1.LabelSelectorAsSelector(...).String()` for
//! printing, and `labels.Parse` for `-l`.

use super::gosort::sort_slice;
use crate::api::LabelSelector;
use std::collections::BTreeMap;

/// One requirement of a parsed selector (`labels.Requirement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    key: String,
    operator: Operator,
    values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

impl Requirement {
    /// Models `Requirement.Matches`.
    fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let value = labels.get(&self.key);
        let has = |v: &String| self.values.contains(v);
        let number = |s: &str| s.parse::<i64>().ok();
        match self.operator {
            Operator::Equals | Operator::DoubleEquals | Operator::In => value.is_some_and(has),
            Operator::NotEquals | Operator::NotIn => value.is_none_or(|v| !has(v)),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(v), Some(limit)) = (
                    value.and_then(|v| number(v)),
                    self.values.first().and_then(|v| number(v)),
                ) else {
                    return false;
                };
                if self.operator == Operator::GreaterThan {
                    v > limit
                } else {
                    v < limit
                }
            }
        }
    }

    /// Models `Requirement.String`.
    fn render(&self) -> String {
        let mut out = String::new();
        if self.operator == Operator::DoesNotExist {
            out.push('!');
        }
        out.push_str(&self.key);
        let (op, parens) = match self.operator {
            Operator::Equals => ("=", false),
            Operator::DoubleEquals => ("==", false),
            Operator::NotEquals => ("!=", false),
            Operator::In => (" in ", true),
            Operator::NotIn => (" notin ", true),
            Operator::GreaterThan => (">", false),
            Operator::LessThan => ("<", false),
            Operator::Exists | Operator::DoesNotExist => return out,
        };
        out.push_str(op);
        if parens {
            out.push('(');
        }
        let mut values = self.values.clone();
        crate::sort::sort(&mut values);
        out.push_str(&values.join(","));
        if parens {
            out.push(')');
        }
        out
    }
}

/// A parsed `-l` selector: every requirement must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector(Vec<Requirement>);

impl Selector {
    /// Whether `labels` satisfy every requirement.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.0.iter().all(|r| r.matches(labels))
    }
}

/// Models `metav1.LabelSelectorAsSelector(s).String()`: requirements sorted by key
/// (`matchLabels` as `k=v`), comma-joined; empty for a nil or empty selector.
pub fn as_string(selector: Option<&LabelSelector>) -> String {
    let Some(selector) = selector else {
        return String::new();
    };
    let mut reqs: Vec<Requirement> = selector
        .match_labels
        .iter()
        .map(|(k, v)| Requirement {
            key: k.clone(),
            operator: Operator::Equals,
            values: vec![v.clone()],
        })
        .collect();
    for e in &selector.match_expressions {
        let operator = match e.operator.as_str() {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            // Validation refuses any other operator; upstream would print "<error>".
            _ => return "<error>".to_string(),
        };
        reqs.push(Requirement {
            key: e.key.clone(),
            operator,
            values: e.values.clone(),
        });
    }
    sort_slice(&mut reqs, |a, b| a.key < b.key);
    reqs.iter()
        .map(Requirement::render)
        .collect::<Vec<_>>()
        .join(",")
}

/// Models `metav1.FormatLabelSelector`: as [`as_string`], `<none>` when empty.
pub fn format(selector: Option<&LabelSelector>) -> String {
    let text = as_string(selector);
    if text.is_empty() {
        "<none>".to_string()
    } else {
        text
    }
}

/// Models `labels.FormatLabels`: `k=v,...` sorted, or `<none>`.
pub fn format_labels(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".to_string();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses `-l` text in `labels.Parse` syntax: `k=v`, `k==v`, `k!=v`,
/// `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, `k>1`, `k<1`, comma-separated.
pub fn parse(text: &str) -> Result<Selector, String> {
    let mut reqs = Vec::new();
    for part in split_top_level(text)? {
        let part = part.trim();
        if part.is_empty() {
            if text.trim().is_empty() {
                continue;
            }
            return Err(format!(
                "unable to parse requirement: found ',', expected: identifier in {text:?}"
            ));
        }
        reqs.push(requirement(part)?);
    }
    Ok(Selector(reqs))
}

/// Splits at commas outside parentheses.
fn split_top_level(text: &str) -> Result<Vec<&str>, String> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1).ok_or_else(|| {
                    format!("unable to parse requirement: unexpected ')' in {text:?}")
                })?
            }
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(format!(
            "unable to parse requirement: found '', expected: ')' in {text:?}"
        ));
    }
    parts.push(&text[start..]);
    Ok(parts)
}

fn requirement(part: &str) -> Result<Requirement, String> {
    let bad = || format!("unable to parse requirement: {part:?} is not a valid label selector");
    let with = |key: &str, operator, values: Vec<String>| -> Result<Requirement, String> {
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(bad());
        }
        Ok(Requirement {
            key: key.to_string(),
            operator,
            values,
        })
    };
    if let Some(key) = part.strip_prefix('!') {
        return with(key, Operator::DoesNotExist, Vec::new());
    }
    for (op, operator) in [
        ("==", Operator::DoubleEquals),
        ("!=", Operator::NotEquals),
        ("=", Operator::Equals),
        (">", Operator::GreaterThan),
        ("<", Operator::LessThan),
    ] {
        if let Some((key, value)) = part.split_once(op) {
            let value = value.trim();
            if value.contains(char::is_whitespace) {
                return Err(bad());
            }
            return with(key, operator, vec![value.to_string()]);
        }
    }
    for (word, operator) in [(" notin ", Operator::NotIn), (" in ", Operator::In)] {
        if let Some((key, rest)) = part.split_once(word) {
            let rest = rest.trim();
            let inner = rest
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .ok_or_else(bad)?;
            let values = inner
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            return with(key, operator, values);
        }
    }
    with(part, Operator::Exists, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LabelSelectorRequirement;

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
