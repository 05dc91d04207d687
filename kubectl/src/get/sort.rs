//! `--sort-by`: a JSONPath into each object, and kubectl's ordering of the values.
//!
//! Models `staging/src/k8s.io/kubectl/pkg/cmd/get/sorter.go` (`TableSorter`,
//! `isLess`, `fieldFoundOnce`), `customcolumn.go: RelaxedJSONPathExpression`, and
//! `github.com/fvbommel/sortorder: NaturalLess`.

use serde_yaml::Value;
use std::cmp::Ordering;

const RELAXED_ERROR: &str = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";

/// Models `RelaxedJSONPathExpression`: `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all
/// become `{.a.b}`.
pub fn relaxed(expr: &str) -> Result<String, String> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    let inner = match expr.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
        Some(inner) => inner,
        None => expr,
    };
    let body = inner.strip_prefix('.').unwrap_or(inner);
    if body.is_empty() || body.contains(['{', '}']) {
        return Err(RELAXED_ERROR.to_string());
    }
    Ok(format!("{{.{body}}}"))
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
    All,
}

/// The steps of a relaxed path `{.a.b[0]['c.d']}`.
fn steps(field: &str) -> Result<Vec<Step>, String> {
    let unsupported = || format!("taintlab does not simulate the JSONPath {field} in --sort-by");
    let body = field
        .strip_prefix('{')
        .and_then(|f| f.strip_suffix('}'))
        .ok_or_else(unsupported)?;
    let chars: Vec<char> = body.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '.' => {
                i += 1;
                let mut key = String::new();
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    if chars[i] == '\\' && chars.get(i + 1) == Some(&'.') {
                        i += 1;
                    }
                    key.push(chars[i]);
                    i += 1;
                }
                if key.is_empty() {
                    return Err(unsupported());
                }
                out.push(Step::Key(key));
            }
            '[' => {
                let close = chars[i..]
                    .iter()
                    .position(|c| *c == ']')
                    .ok_or_else(unsupported)?;
                let inside: String = chars[i + 1..i + close].iter().collect();
                let quoted = inside
                    .strip_prefix('\'')
                    .and_then(|s| s.strip_suffix('\''))
                    .or_else(|| inside.strip_prefix('"').and_then(|s| s.strip_suffix('"')));
                out.push(match (inside.as_str(), quoted) {
                    ("*", _) => Step::All,
                    (_, Some(key)) => Step::Key(key.to_string()),
                    (index, None) => Step::Index(index.parse().map_err(|_| unsupported())?),
                });
                i += close + 1;
            }
            _ => return Err(unsupported()),
        }
    }
    Ok(out)
}

/// The first value the path finds (jsonpath with `AllowMissingKeys`), if any.
fn find<'v>(value: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    let Some((step, rest)) = steps.split_first() else {
        return Some(value);
    };
    match (step, value) {
        (Step::Key(k), Value::Mapping(m)) => find(m.get(k.as_str())?, rest),
        (Step::Index(i), Value::Sequence(s)) => find(s.get(*i)?, rest),
        (Step::All, Value::Sequence(s)) => s.iter().find_map(|v| find(v, rest)),
        (Step::All, Value::Mapping(m)) => m.values().find_map(|v| find(v, rest)),
        _ => None,
    }
}

/// Models `sortorder.NaturalLess`: digit runs compare as numbers, digits before
/// other characters, fewer leading zeros first.
pub fn natural_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (ca, cb) = (a[i], b[j]);
        let (da, db) = (ca.is_ascii_digit(), cb.is_ascii_digit());
        if da != db {
            return da;
        }
        if !da {
            if ca != cb {
                return ca < cb;
            }
            i += 1;
            j += 1;
            continue;
        }
        while i < a.len() && a[i] == b'0' {
            i += 1;
        }
        while j < b.len() && b[j] == b'0' {
            j += 1;
        }
        let (nz_a, nz_b) = (i, j);
        while i < a.len() && a[i].is_ascii_digit() {
            i += 1;
        }
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let (len_a, len_b) = (i - nz_a, j - nz_b);
        if len_a != len_b {
            return len_a < len_b;
        }
        if a[nz_a..i] != b[nz_b..j] {
            return a[nz_a..i] < b[nz_b..j];
        }
        if nz_a != nz_b {
            return nz_a < nz_b;
        }
    }
    a.len() < b.len()
}

/// Models `isLess` on unstructured values: numbers numerically, strings as
/// quantities when both parse, else naturally; `null` first.
fn is_less(a: &Value, b: &Value) -> Result<bool, String> {
    match (a, b) {
        (Value::Null, Value::Null) => Ok(false),
        (Value::Null, _) => Ok(true),
        (_, Value::Null) => Ok(false),
        (Value::Number(x), Value::Number(y)) => Ok(match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x < y,
            _ => x.as_f64().partial_cmp(&y.as_f64()) == Some(Ordering::Less),
        }),
        (Value::String(x), Value::String(y)) => {
            use taintlab_core::api::Quantity;
            Ok(match (Quantity::parse(x), Quantity::parse(y)) {
                (Ok(qx), Ok(qy)) => qx.cmp_value(&qy) == Ordering::Less,
                _ => natural_less(x, y),
            })
        }
        _ => Err(format!("unsortable type: {}", type_name(a))),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::Sequence(_) => "[]interface {}",
        Value::Mapping(_) => "map[string]interface {}",
        _ => "interface {}",
    }
}

/// Models `NewTableSorter` plus `sort.Sort` on its rows: the order in which to
/// print `objects`, by the value at `field` (a relaxed path).
///
/// Go sorts up to twelve rows by insertion sort, whose result this reproduces
/// exactly, including upstream's `Less` treating a missing value as less than
/// anything (so rows without the field come first, in reverse order). Longer
/// tables use pdqsort upstream, which may order equal keys differently.
pub fn order(field: &str, objects: &[Value]) -> Result<Vec<usize>, String> {
    let steps = steps(field)?;
    let values: Vec<Option<&Value>> = objects.iter().map(|o| find(o, &steps)).collect();
    if !values.is_empty() && values.iter().all(Option::is_none) {
        return Err(format!(
            "couldn't find any field with path {field:?} in the list of objects"
        ));
    }
    let mut rows: Vec<usize> = (0..objects.len()).collect();
    let less = |i: usize, j: usize| -> Result<bool, String> {
        match (values[i], values[j]) {
            (None, _) => Ok(true),
            (_, None) => Ok(false),
            (Some(a), Some(b)) => is_less(a, b).map_err(|e| {
                format!("Field {field} in [][][]reflect.Value is an unsortable type: interface, err: {e}")
            }),
        }
    };
    for i in 1..rows.len() {
        let mut j = i;
        while j > 0 && less(rows[j], rows[j - 1])? {
            rows.swap(j, j - 1);
            j -= 1;
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relaxed_paths() {
        for (input, want) in [
            (".metadata.name", "{.metadata.name}"),
            ("metadata.name", "{.metadata.name}"),
            ("{.metadata.name}", "{.metadata.name}"),
            ("{metadata.name}", "{.metadata.name}"),
        ] {
            assert_eq!(relaxed(input).as_deref(), Ok(want));
        }
        assert_eq!(relaxed("{{x}").map_err(|e| e.len() > 10), Err(true));
    }

    /// `sortorder`'s own examples.
    #[test]
    fn natural_order() {
        let less = [
            ("a1", "a2"),
            ("a2", "a10"),
            ("a1b", "a01"),
            ("web-9", "web-10"),
            ("1", "a"),
            ("", "a"),
            ("a1", "a01"),
            ("2026-01-01T00:00:05Z", "2026-01-01T00:00:10Z"),
        ];
        for (a, b) in less {
            assert!(natural_less(a, b), "{a} < {b}");
            assert!(!natural_less(b, a), "not {b} < {a}");
        }
        assert!(!natural_less("x", "x"));
    }

    fn doc(yaml: &str) -> Value {
        serde_yaml::from_str(yaml).expect("yaml")
    }

    #[test]
    fn orders_like_kubectl() {
        let objects = [
            doc("{metadata: {name: b}, spec: {nodeName: worker}, n: 10}"),
            doc("{metadata: {name: a}, n: 9}"),
            doc("{metadata: {name: c}, spec: {nodeName: master}, n: 100}"),
            doc("{metadata: {name: d}, n: 2}"),
        ];
        assert_eq!(order("{.metadata.name}", &objects), Ok(vec![1, 0, 2, 3]));
        assert_eq!(order("{.n}", &objects), Ok(vec![3, 1, 0, 2]));
        // Rows without the field come first, and in reverse order.
        assert_eq!(order("{.spec.nodeName}", &objects), Ok(vec![3, 1, 2, 0]));
        assert_eq!(
            order("{.spec.bogus}", &objects),
            Err(
                "couldn't find any field with path \"{.spec.bogus}\" in the list of objects"
                    .to_string()
            )
        );
        assert_eq!(order("{.spec.bogus}", &[]), Ok(vec![]));
        let quantities = [doc("{q: 1Gi}"), doc("{q: 500Mi}")];
        assert_eq!(order("{.q}", &quantities), Ok(vec![1, 0]));
        let lists = [doc("{c: [{r: 3}]}"), doc("{c: [{r: 1}]}")];
        assert_eq!(order("{.c[0].r}", &lists), Ok(vec![1, 0]));
        assert_eq!(order("{.c[*].r}", &lists), Ok(vec![1, 0]));
    }
}
