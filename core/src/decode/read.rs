//! Reading typed fields out of a parsed YAML value the way the API server's JSON
//! decoder does: strict about unknown fields, with Go's wording for type errors.

use serde_yaml::{Mapping, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// A decoding failure at a field path (with list indices, for locating it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// e.g. `spec.template.spec.containers[0].ports[0].containerPort`.
    pub path: String,
    /// Upstream's message.
    pub message: String,
}

/// The result of reading a field.
pub type Read<T> = Result<T, DecodeError>;

/// Decoding state for one object: the unknown fields seen so far (reported
/// together at the end, as strict decoding does) and the feature gates in force.
#[derive(Debug, Default)]
pub struct Unknown {
    fields: RefCell<Vec<String>>,
    /// The `TaintTolerationComparisonOperators` gate: `Lt`/`Gt` tolerations.
    pub comparison_operators: bool,
    /// How error messages print bad values.
    pub style: crate::api::field_value::ValueStyle,
}

impl Unknown {
    /// A fresh state with the given gate.
    pub fn new(comparison_operators: bool, style: crate::api::field_value::ValueStyle) -> Unknown {
        Unknown {
            fields: RefCell::default(),
            comparison_operators,
            style,
        }
    }

    /// The unknown field paths, in document order.
    pub fn into_paths(self) -> Vec<String> {
        self.fields.into_inner()
    }
}

/// JSON's name for a value's kind, as Go's `UnmarshalTypeError` prints it.
fn json_kind(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(_) => "bool".to_string(),
        Value::Number(n) if n.is_f64() => format!("number {n}"),
        Value::Number(_) => "number".to_string(),
        Value::String(_) => "string".to_string(),
        Value::Sequence(_) => "array".to_string(),
        Value::Mapping(_) => "object".to_string(),
        Value::Tagged(t) => json_kind(&t.value),
    }
}

/// A path without list indices: Go's error names fields, not items.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The value at a string key, as `Mapping::get` finds it. An object's mappings
/// hold a few keys each, and comparing them in order is several times quicker
/// than hashing the key (SipHash) to look it up; a large mapping is still looked
/// up by hash.
pub fn field<'a>(map: &'a Mapping, key: &str) -> Option<&'a Value> {
    const SCAN: usize = 16;
    if map.len() > SCAN {
        return map.get(key);
    }
    map.iter()
        .find(|(k, _)| matches!(k, Value::String(s) if s == key))
        .map(|(_, v)| v)
}

/// `Value::get` with a string key (tags looked through), by [`field`].
pub fn value_field<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_mapping().and_then(|m| field(m, key))
}

/// One object (a Go struct) being read, with its path and its known fields.
pub struct Obj<'a> {
    map: Option<&'a Mapping>,
    path: String,
    go_struct: &'static str,
    unknown: &'a Unknown,
}

impl<'a> Obj<'a> {
    /// Opens `v` as the struct `go_struct` at `path`. `null` reads as empty. Keys not in
    /// `known` are noted as unknown fields. `parent` and `go_type` word the type error
    /// when `v` is not a mapping.
    pub fn open(
        v: &'a Value,
        path: &str,
        go_struct: &'static str,
        known: &[&str],
        parent: &str,
        go_type: &str,
        unknown: &'a Unknown,
    ) -> Read<Obj<'a>> {
        Obj::open_at(
            v,
            path.to_string(),
            go_struct,
            known,
            parent,
            go_type,
            unknown,
        )
    }

    /// [`Obj::open`] with the path already built (a child's is built anyway, so
    /// it is not built twice).
    fn open_at(
        v: &'a Value,
        path: String,
        go_struct: &'static str,
        known: &[&str],
        parent: &str,
        go_type: &str,
        unknown: &'a Unknown,
    ) -> Read<Obj<'a>> {
        let map = match v {
            Value::Null => None,
            Value::Mapping(m) => Some(m),
            Value::Tagged(t) => {
                return Obj::open_at(&t.value, path, go_struct, known, parent, go_type, unknown);
            }
            other => return Err(type_error(other, parent, &path, go_type)),
        };
        if let Some(map) = map {
            for key in map.keys() {
                let name = key.as_str().unwrap_or("<non-string key>");
                // Lengths first: most known names differ from a key in length,
                // and comparing those costs no call.
                let is_known = known.iter().any(|k| k.len() == name.len() && *k == name);
                if !is_known {
                    let full = if path.is_empty() {
                        name.to_string()
                    } else {
                        format!("{path}.{name}")
                    };
                    unknown.fields.borrow_mut().push(full);
                }
            }
        }
        Ok(Obj {
            map,
            path,
            go_struct,
            unknown,
        })
    }

    /// The path of a child field.
    pub fn child(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The raw value of a field, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map
            .and_then(|m| field(m, key))
            .filter(|v| !v.is_null())
    }

    fn type_error(&self, v: &Value, key: &str, go_type: &str) -> DecodeError {
        type_error(v, self.go_struct, &self.child(key), go_type)
    }

    /// A `string` field; absent means empty.
    pub fn string(&self, key: &str) -> Read<String> {
        match self.get(key) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(self.type_error(other, key, "string")),
        }
    }

    /// A `bool` field; absent means false.
    pub fn bool(&self, key: &str) -> Read<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(self.type_error(other, key, "bool")),
        }
    }

    /// An integer field of Go type `go_type` (`int32`, `int64`).
    pub fn int(&self, key: &str, go_type: &str) -> Read<Option<i64>> {
        let (min, max) = if go_type == "int32" {
            (i64::from(i32::MIN), i64::from(i32::MAX))
        } else {
            (i64::MIN, i64::MAX)
        };
        match self.get(key) {
            None => Ok(None),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(i) if (min..=max).contains(&i) => Ok(Some(i)),
                // Go's decoder names the literal of a number that overflows
                // the field (`literalStore`: "number " + item).
                Some(_) | None if !n.is_f64() => {
                    let mut e = self.type_error(&Value::Number(n.clone()), key, go_type);
                    e.message =
                        e.message
                            .replacen("unmarshal number", &format!("unmarshal number {n}"), 1);
                    Err(e)
                }
                _ => Err(self.type_error(&Value::Number(n.clone()), key, go_type)),
            },
            Some(other) => Err(self.type_error(other, key, go_type)),
        }
    }

    /// A `map[string]string` field.
    pub fn string_map(&self, key: &str) -> Read<BTreeMap<String, String>> {
        let Some(v) = self.get(key) else {
            return Ok(BTreeMap::new());
        };
        let Value::Mapping(m) = v else {
            return Err(self.type_error(v, key, "map[string]string"));
        };
        let mut out = BTreeMap::new();
        for (k, val) in m {
            let k = match k {
                Value::String(s) => s.clone(),
                other => return Err(self.type_error(other, key, "map[string]string")),
            };
            let val = match val {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => return Err(self.type_error(other, key, "string")),
            };
            out.insert(k, val);
        }
        Ok(out)
    }

    /// A `[]string` field.
    pub fn strings(&self, key: &str) -> Read<Vec<String>> {
        self.list(key, "[]string", |v, path| match v {
            Value::String(s) => Ok(s.clone()),
            other => Err(type_error(
                other,
                self.go_struct,
                &without_indices(path),
                "string",
            )),
        })
    }

    /// A list field whose items `item` reads (given the item and its path).
    pub fn list<T>(
        &self,
        key: &str,
        go_type: &str,
        item: impl Fn(&'a Value, &str) -> Read<T>,
    ) -> Read<Vec<T>> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let Value::Sequence(items) = v else {
            return Err(self.type_error(v, key, go_type));
        };
        let base = self.child(key);
        items
            .iter()
            .enumerate()
            .map(|(i, v)| item(v, &format!("{base}[{i}]")))
            .collect()
    }

    /// A nested struct field, read by `f` from an opened [`Obj`].
    pub fn nested<T>(
        &self,
        key: &str,
        go_struct: &'static str,
        go_type: &str,
        known: &[&str],
        f: impl FnOnce(&Obj<'a>) -> Read<T>,
    ) -> Read<Option<T>> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let obj = Obj::open_at(
            v,
            self.child(key),
            go_struct,
            known,
            self.go_struct,
            go_type,
            self.unknown,
        )?;
        f(&obj).map(Some)
    }

    /// The tracker for unknown fields, for opening list items.
    pub fn unknown(&self) -> &'a Unknown {
        self.unknown
    }

    /// The Go struct name, for wording item errors.
    pub fn go_struct(&self) -> &'static str {
        self.go_struct
    }
}

/// Go's `json: cannot unmarshal K into Go struct field S.path of type T`.
pub fn type_error(v: &Value, go_struct: &str, path: &str, go_type: &str) -> DecodeError {
    DecodeError {
        path: path.to_string(),
        message: format!(
            "json: cannot unmarshal {} into Go struct field {go_struct}.{} of type {go_type}",
            json_kind(v),
            without_indices(path)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_drop_indices_for_go_messages() {
        assert_eq!(
            without_indices("spec.containers[0].ports[12].hostPort"),
            "spec.containers.ports.hostPort"
        );
    }
}
