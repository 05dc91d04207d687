//! Label selectors as strings: `app=web,tier in (a,b),!canary`.
//!
//! Models `staging/src/k8s.io/apimachinery/pkg/labels/selector.go`: the lexer, the
//! recursive-descent `Parse` with its error messages, `Requirement.Matches` and
//! `String`; plus `labels.FormatLabels` and `metav1.FormatLabelSelector`, which
//! kubectl's printers use.

use std::collections::BTreeMap;
use taintlab_core::api::LabelSelector;

mod lexer;
mod parser;

pub use parser::parse;

/// A requirement's operator (`selection.Operator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// `=`
    Equals,
    /// `==`
    DoubleEquals,
    /// `!=`
    NotEquals,
    /// `in`
    In,
    /// `notin`
    NotIn,
    /// a bare key
    Exists,
    /// `!key`
    DoesNotExist,
    /// `>`
    GreaterThan,
    /// `<`
    LessThan,
}

/// One requirement: a key, an operator and its values (kept sorted, as
/// `sets.String.List()` returns them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The label key.
    pub key: String,
    /// The operator.
    pub operator: Operator,
    /// The values, sorted.
    pub values: Vec<String>,
}

/// A parsed selector: requirements ANDed, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selector {
    /// The requirements.
    pub requirements: Vec<Requirement>,
}

impl Requirement {
    /// Models `Requirement.Matches`.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let value = labels.get(&self.key);
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => {
                value.is_some_and(|v| self.values.contains(v))
            }
            Operator::NotIn | Operator::NotEquals => value.is_none_or(|v| !self.values.contains(v)),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let (Some(Ok(have)), [wanted]) =
                    (value.map(|v| v.parse::<i64>()), &self.values[..])
                else {
                    return false;
                };
                let Ok(wanted) = wanted.parse::<i64>() else {
                    return false;
                };
                if self.operator == Operator::GreaterThan {
                    have > wanted
                } else {
                    have < wanted
                }
            }
        }
    }
}

impl std::fmt::Display for Requirement {
    /// Models `Requirement.String`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.operator == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let op = match self.operator {
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => " in ",
            Operator::NotIn => " notin ",
            Operator::GreaterThan => ">",
            Operator::LessThan => "<",
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
        };
        f.write_str(op)?;
        let set = matches!(self.operator, Operator::In | Operator::NotIn);
        if set {
            f.write_str("(")?;
        }
        let mut values = self.values.clone();
        taintlab_core::sort::sort(&mut values);
        f.write_str(&values.join(","))?;
        if set {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Selector {
    /// Whether every requirement matches (`internalSelector.Matches`).
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.requirements.iter().all(|r| r.matches(labels))
    }

    /// Adds requirements and keeps them sorted by key (`internalSelector.Add`).
    fn add(&mut self, more: Vec<Requirement>) {
        self.requirements.extend(more);
        sort_by_key_stable(&mut self.requirements);
    }
}

impl std::fmt::Display for Selector {
    /// Models `internalSelector.String`: requirements joined by commas.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, r) in self.requirements.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

/// Sorts requirements by key. Go's `sort.Sort(ByKey)` is an insertion sort for the
/// short lists selectors are, which keeps equal keys in order.
fn sort_by_key_stable(reqs: &mut [Requirement]) {
    for i in 1..reqs.len() {
        let mut j = i;
        while j > 0 && reqs[j].key < reqs[j - 1].key {
            reqs.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Models `labels.FormatLabels`: `k=v` pairs sorted by key, or `<none>`.
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

/// Models `metav1.LabelSelectorAsSelector(...).String()`: matchLabels as `k=v`,
/// matchExpressions as set requirements, sorted by key; empty for no selector.
/// An unknown operator gives `None` (upstream's conversion error).
pub fn label_selector_string(selector: Option<&LabelSelector>) -> Option<String> {
    let Some(selector) = selector else {
        return Some(String::new());
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
    for expr in &selector.match_expressions {
        let operator = match expr.operator.as_str() {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            _ => return None,
        };
        reqs.push(Requirement {
            key: expr.key.clone(),
            operator,
            values: expr.values.clone(),
        });
    }
    let mut out = Selector::default();
    out.add(reqs);
    Some(out.to_string())
}

/// Models `metav1.FormatLabelSelector`: the selector's string, `<none>` when it is
/// empty, `<error>` when it cannot be converted.
pub fn format_label_selector(selector: Option<&LabelSelector>) -> String {
    match label_selector_string(selector) {
        None => "<error>".to_string(),
        Some(s) if s.is_empty() => "<none>".to_string(),
        Some(s) => s,
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

    /// Cases from upstream's `TestSelectorParse` / `TestToString`: the selector and
    /// its canonical string.
    #[test]
    fn parses_and_prints_canonically() {
        let cases = [
            ("", ""),
            ("x=a", "x=a"),
            ("x=a,y=b,z=c", "x=a,y=b,z=c"),
            ("x = a", "x=a"),
            ("x==a", "x==a"),
            ("x!=a", "x!=a"),
            ("x>1", "x>1"),
            ("x<1", "x<1"),
            ("x", "x"),
            ("!x", "!x"),
            ("x in (b,a)", "x in (a,b)"),
            ("x notin (a)", "x notin (a)"),
            ("x in ()", "x in ()"),
            (
                "x in (foo,,baz),y,z notin ()",
                "x in (,baz,foo),y,z notin ()",
            ),
            ("z=1,a=2", "a=2,z=1"),
            ("x=", "x="),
            ("in in (in)", "in in (in)"),
        ];
        for (input, want) in cases {
            let got = parse(input).map(|s| s.to_string());
            assert_eq!(got.as_deref(), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn parse_errors_use_upstream_words() {
        let cases = [
            ("x=a y=b", "found 'y', expected: ',' or 'end of string'"),
            (
                ",",
                "found ',', expected: !, identifier, or 'end of string'",
            ),
            ("x,", "found '', expected: identifier after ','"),
            (
                "x in b",
                "unable to parse requirement: found 'b' expected: '('",
            ),
            (
                "x foo y",
                "unable to parse requirement: found 'foo', expected: in, notin, =, ==, !=, gt, lt",
            ),
            (
                "x in (a b)",
                "unable to parse requirement: found 'b', expected: ',' or ')'",
            ),
            (
                "x>a",
                "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
            ),
            (
                "a:=b",
                "unable to parse requirement: <nil>: Invalid value: \"a:\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ),
            (
                "x=-a",
                "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse(input).map(|s| s.to_string()),
                Err(want.to_string()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn matching() {
        let l = labels(&[("app", "web"), ("tier", "1")]);
        let cases = [
            ("app=web", true),
            ("app==web", true),
            ("app!=web", false),
            ("app!=db", true),
            ("missing!=x", true),
            ("app in (db,web)", true),
            ("app notin (web)", false),
            ("missing notin (web)", true),
            ("app", true),
            ("!app", false),
            ("!missing", true),
            ("tier>0", true),
            ("tier<1", false),
            ("app>0", false),
            ("app=web,tier=2", false),
            ("", true),
        ];
        for (input, want) in cases {
            let selector = parse(input).expect("parses");
            assert_eq!(selector.matches(&l), want, "{input:?}");
        }
    }

    #[test]
    fn formats_labels_and_selectors() {
        use taintlab_core::api::LabelSelectorRequirement;
        assert_eq!(format_labels(&labels(&[])), "<none>");
        assert_eq!(format_labels(&labels(&[("b", "2"), ("a", "1")])), "a=1,b=2");
        assert_eq!(format_label_selector(None), "<none>");
        let selector = LabelSelector {
            match_labels: labels(&[("name", "redis")]),
            match_expressions: vec![
                LabelSelectorRequirement {
                    key: "env".into(),
                    operator: "In".into(),
                    values: vec!["prod".into(), "dev".into()],
                },
                LabelSelectorRequirement {
                    key: "canary".into(),
                    operator: "DoesNotExist".into(),
                    values: vec![],
                },
            ],
        };
        assert_eq!(
            format_label_selector(Some(&selector)),
            "!canary,env in (dev,prod),name=redis"
        );
        let bad = LabelSelector {
            match_expressions: vec![LabelSelectorRequirement {
                key: "x".into(),
                operator: "Bogus".into(),
                values: vec![],
            }],
            ..Default::default()
        };
        assert_eq!(format_label_selector(Some(&bad)), "<error>");
        assert_eq!(
            label_selector_string(Some(&LabelSelector::default())).as_deref(),
            Some("")
        );
    }
}
