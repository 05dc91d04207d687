//! How `field.Error` prints a bad value (`apimachinery/pkg/util/validation/field/errors.go`):
//! before v1.34 structs, maps and lists print with Go's `%#v` (pointers dereferenced);
//! from v1.34 (PR #132314) they print as JSON.

use crate::api::LabelSelector;
use std::collections::BTreeMap;

/// Which rendering the simulated API server uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ValueStyle {
    /// Go's `%#v`, up to v1.33.
    GoSyntax,
    /// JSON, from v1.34.
    #[default]
    Json,
}

impl ValueStyle {
    /// The style of Kubernetes 1.`minor`.
    pub fn for_minor(minor: u32) -> ValueStyle {
        if minor >= 34 {
            ValueStyle::Json
        } else {
            ValueStyle::GoSyntax
        }
    }
}

/// A JSON string as Go's `encoding/json` writes it (HTML characters escaped too).
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value of a named string type (`core.ResourceName`): Go's `%#v` quotes it
/// as `%q` does, JSON as `encoding/json` does.
pub fn string(s: &str, style: ValueStyle) -> String {
    match style {
        ValueStyle::GoSyntax => go_quote(s),
        ValueStyle::Json => json_str(s),
    }
}

fn json_map(map: &BTreeMap<String, String>) -> String {
    let entries: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{}:{}", json_str(k), json_str(v)))
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// A `map[string]string`.
pub fn string_map(map: &BTreeMap<String, String>, style: ValueStyle) -> String {
    match style {
        ValueStyle::Json => json_map(map),
        ValueStyle::GoSyntax => {
            let entries: Vec<String> = map.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
            format!("map[string]string{{{}}}", entries.join(", "))
        }
    }
}

/// A `*metav1.LabelSelector` (dereferenced; `null` when nil).
pub fn label_selector(selector: Option<&LabelSelector>, style: ValueStyle) -> String {
    let Some(selector) = selector else {
        return "null".to_string();
    };
    match style {
        ValueStyle::Json => {
            let mut fields = Vec::new();
            if !selector.match_labels.is_empty() {
                fields.push(format!(
                    "\"matchLabels\":{}",
                    json_map(&selector.match_labels)
                ));
            }
            if !selector.match_expressions.is_empty() {
                let items: Vec<String> = selector
                    .match_expressions
                    .iter()
                    .map(|r| {
                        let values: Vec<String> = r.values.iter().map(|v| json_str(v)).collect();
                        let values = if r.values.is_empty() {
                            String::new()
                        } else {
                            format!(",\"values\":[{}]", values.join(","))
                        };
                        format!(
                            "{{\"key\":{},\"operator\":{}{values}}}",
                            json_str(&r.key),
                            json_str(&r.operator)
                        )
                    })
                    .collect();
                fields.push(format!("\"matchExpressions\":[{}]", items.join(",")));
            }
            format!("{{{}}}", fields.join(","))
        }
        ValueStyle::GoSyntax => {
            let labels = if selector.match_labels.is_empty() {
                "map[string]string(nil)".to_string()
            } else {
                string_map(&selector.match_labels, style)
            };
            let expressions = if selector.match_expressions.is_empty() {
                "[]v1.LabelSelectorRequirement(nil)".to_string()
            } else {
                let items: Vec<String> = selector
                    .match_expressions
                    .iter()
                    .map(|r| {
                        let values: Vec<String> = r.values.iter().map(|v| format!("{v:?}")).collect();
                        format!(
                            "v1.LabelSelectorRequirement{{Key:{:?}, Operator:{:?}, Values:[]string{{{}}}}}",
                            r.key,
                            r.operator,
                            values.join(", ")
                        )
                    })
                    .collect();
                format!("[]v1.LabelSelectorRequirement{{{}}}", items.join(", "))
            };
            format!("v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{expressions}}}")
        }
    }
}

/// A toleration as written (internal `core.Toleration`).
pub fn toleration(
    key: &str,
    operator: &str,
    value: &str,
    effect: &str,
    seconds: Option<i64>,
    style: ValueStyle,
) -> String {
    match style {
        ValueStyle::Json => {
            let mut fields = Vec::new();
            for (name, v) in [
                ("key", key),
                ("operator", operator),
                ("value", value),
                ("effect", effect),
            ] {
                if !v.is_empty() {
                    fields.push(format!("\"{name}\":{}", json_str(v)));
                }
            }
            if let Some(s) = seconds {
                fields.push(format!("\"tolerationSeconds\":{s}"));
            }
            format!("{{{}}}", fields.join(","))
        }
        ValueStyle::GoSyntax => {
            // A set tolerationSeconds is a pointer, printed as an address that differs on
            // every call; a fixed one stands in for it.
            let seconds = match seconds {
                None => "(*int64)(nil)",
                Some(_) => "(*int64)(0xc000000000)",
            };
            format!(
                "core.Toleration{{Key:{key:?}, Operator:{operator:?}, Value:{value:?}, Effect:{effect:?}, TolerationSeconds:{seconds}}}"
            )
        }
    }
}

/// Go's `unicode.IsControl` and the C1 range `strconv.IsPrint` rejects.
fn go_is_control(c: char) -> bool {
    (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32))
}

/// `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if go_is_control(c) || c == '\u{FEFF}' => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_styles() {
        let labels: BTreeMap<String, String> = [("app".to_string(), "web".to_string())].into();
        assert_eq!(string_map(&labels, ValueStyle::Json), r#"{"app":"web"}"#);
        assert_eq!(
            string_map(&labels, ValueStyle::GoSyntax),
            r#"map[string]string{"app":"web"}"#
        );
        let selector = LabelSelector {
            match_labels: labels,
            ..Default::default()
        };
        assert_eq!(
            label_selector(Some(&selector), ValueStyle::Json),
            r#"{"matchLabels":{"app":"web"}}"#
        );
        assert_eq!(
            label_selector(Some(&selector), ValueStyle::GoSyntax),
            r#"v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"#
        );
        assert_eq!(label_selector(None, ValueStyle::Json), "null");
        assert_eq!(json_str("a<b"), r#""a\u003cb""#);
        assert_eq!(
            toleration("k", "Exists", "v", "", Some(5), ValueStyle::Json),
            r#"{"key":"k","operator":"Exists","value":"v","tolerationSeconds":5}"#
        );
    }
}
