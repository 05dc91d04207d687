//! Go's `encoding/json` as kubectl uses it: `json.MarshalIndent(obj, "", "    ")`
//! for `-o json` (`cli-runtime/pkg/printers/json.go: JSONPrinter.PrintObj`), and
//! `json.Marshal` for JSONPath results and the `last-applied-configuration`
//! annotation. kubectl prints unstructured objects (`map[string]interface{}`), so
//! object keys come out sorted byte-wise, as `encoding/json` sorts map keys.

use super::node::Node;
use serde_yaml::{Mapping, Number, Value};
use std::borrow::Cow;

/// `json.Marshal`: compact, keys sorted.
pub fn marshal(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, None, 0);
    out
}

/// `json.Marshal` of `object` with the value under `key` replaced by
/// `replacement` (added if missing), without copying the object.
pub fn marshal_replacing_node(object: &Mapping, key: &str, replacement: &Node<'_>) -> String {
    let mut out = String::new();
    let replaced = std::iter::once((Cow::Borrowed(key), None));
    let others = object
        .iter()
        .filter(|(k, _)| k.as_str() != Some(key))
        .map(|(k, v)| (entry_key(k), Some(v)));
    let mut entries: Vec<(Cow<'_, str>, Option<&Value>)> = replaced.chain(others).collect();
    taintlab_core::sort::sort_by(&mut entries, |a, b| a.0 < b.0);
    out.push('{');
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quote_into(&mut out, k);
        out.push(':');
        match v {
            Some(v) => write(&mut out, v, None, 0),
            None => write_node(&mut out, replacement, None, 0, &mut Vec::new()),
        }
    }
    out.push('}');
    out
}

/// `json.MarshalIndent(value, "", "    ")`, without a trailing newline.
pub fn marshal_indent(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, Some("    "), 0);
    out
}

/// `json.MarshalIndent` of a [`Node`], without a trailing newline.
pub fn node_indent(node: &Node<'_>) -> String {
    let mut out = String::new();
    write_node(&mut out, node, Some("    "), 0, &mut Vec::new());
    out
}

/// `json.MarshalIndent` of a `kind: List` holding `items` (what
/// [`marshal_indent`] writes for the `Value` `get.go: printGeneric` builds),
/// without a trailing newline; each item is written as it comes.
pub fn list_indent<'a>(items: &mut dyn Iterator<Item = Node<'a>>) -> String {
    let mut out = String::from("{\n    \"apiVersion\": \"v1\",\n    \"items\": [");
    let mut any = false;
    while let Some(item) = items.next() {
        if any {
            out.push(',');
        }
        newline(&mut out, Some("    "), 2);
        let before = out.len();
        write_node(&mut out, &item, Some("    "), 2, &mut Vec::new());
        if !any {
            // Room for the rest, sized on the first: growing a text of a hundred
            // megabytes by doubling copies it again and again.
            let (low, high) = items.size_hint();
            let rest = high.unwrap_or(low);
            out.reserve((out.len() - before + 16).saturating_mul(rest));
        }
        any = true;
    }
    out.push_str(if any { "\n    ]," } else { "]," });
    out.push_str("\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}");
    out
}

/// Writes a [`Node`] as [`write`] writes the `Value` it stands for
/// ([`Node::to_value`]); `scratch` as in [`write_with`].
fn write_node<'n, 'a>(
    out: &mut String,
    node: &'n Node<'a>,
    indent: Option<&str>,
    depth: usize,
    scratch: &mut Vec<(&'n str, &'n Node<'a>)>,
) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Int(i) => integer(out, *i),
        Node::Number(n) => match n.as_i64() {
            Some(i) => integer(out, i),
            None => out.push_str(&number(n)),
        },
        Node::Str(s) => quote_into(out, s),
        Node::Value(v) => write_with(out, v, indent, depth, &mut Vec::new()),
        Node::Shared(n) => write_node(out, n, indent, depth, scratch),
        Node::Seq(items) => write_seq(out, items, indent, depth, |out, item| {
            write_node(out, item, indent, depth + 1, scratch)
        }),
        Node::Map(entries) => {
            if entries.is_empty() {
                out.push_str("{}");
                return;
            }
            let start = scratch.len();
            scratch.extend(entries.iter().map(|(k, v)| (k.as_ref(), v)));
            let end = scratch.len();
            sort_keys(&mut scratch[start..end], |a, b| a < b);
            out.push('{');
            for i in start..end {
                let (k, v) = scratch[i];
                if i > start {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                quote_into(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_node(out, v, indent, depth + 1, scratch);
            }
            scratch.truncate(start);
            newline(out, indent, depth);
            out.push('}');
        }
    }
}

/// A map key as JSON sees it: YAML allows other scalars as keys, the API's JSON
/// only strings.
pub fn key_string(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => number(n),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
        Value::Tagged(t) => key_string(&t.value),
        Value::Sequence(_) | Value::Mapping(_) => marshal(key),
    }
}

/// Writes a JSON array of `items`, one per line at `depth + 1`, each by
/// `item`: the shape [`write_node`] and [`write_with`] share.
fn write_seq<'i, T>(
    out: &mut String,
    items: &'i [T],
    indent: Option<&str>,
    depth: usize,
    mut item: impl FnMut(&mut String, &'i T),
) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (i, each) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, indent, depth + 1);
        item(out, each);
    }
    newline(out, indent, depth);
    out.push(']');
}

fn newline(out: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(unit) = indent {
        out.push('\n');
        // The indent of deep lines in one copy rather than one unit at a time.
        const SPACES: &str = "                                                                ";
        if unit == "    " && depth * 4 <= SPACES.len() {
            out.push_str(&SPACES[..depth * 4]);
            return;
        }
        for _ in 0..depth {
            out.push_str(unit);
        }
    }
}

fn write(out: &mut String, value: &Value, indent: Option<&str>, depth: usize) {
    write_with(out, value, indent, depth, &mut Vec::new());
}

/// [`write`] with the entries of the mappings being written kept on one stack
/// (`scratch`), each mapping's above its parent's: sorting a mapping's keys then
/// allocates nothing (a listing of thousands of pods has hundreds of thousands
/// of mappings).
fn write_with<'a>(
    out: &mut String,
    value: &'a Value,
    indent: Option<&str>,
    depth: usize,
    scratch: &mut Vec<(&'a str, &'a Value)>,
) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_i64() {
            // Integers, the common case, without a `String` each.
            Some(i) => integer(out, i),
            None => out.push_str(&number(n)),
        },
        Value::String(s) => quote_into(out, s),
        Value::Tagged(t) => write_with(out, &t.value, indent, depth, scratch),
        Value::Sequence(items) => write_seq(out, items, indent, depth, |out, item| {
            write_with(out, item, indent, depth + 1, scratch)
        }),
        Value::Mapping(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            let start = scratch.len();
            for (k, v) in map {
                match k {
                    Value::String(k) => scratch.push((k.as_str(), v)),
                    _ => {
                        // Keys other than strings (never in API objects) are
                        // written from their own text.
                        scratch.truncate(start);
                        let entries = map.iter().map(|(k, v)| (entry_key(k), v)).collect();
                        write_entries(out, entries, indent, depth);
                        return;
                    }
                }
            }
            let end = scratch.len();
            sort_keys(&mut scratch[start..end], |a, b| a < b);
            out.push('{');
            for i in start..end {
                let (k, v) = scratch[i];
                if i > start {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                quote_into(out, k);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_with(out, v, indent, depth + 1, scratch);
            }
            scratch.truncate(start);
            newline(out, indent, depth);
            out.push('}');
        }
    }
}

/// Sorts a mapping's entries by key (keys are unique). Most mappings are small
/// and many are already in order: insertion sort does one comparison an entry
/// for those; big ones go to the heap sort.
pub(super) fn sort_keys<V>(entries: &mut [(&str, V)], less: impl Fn(&str, &str) -> bool) {
    if entries.len() > 32 {
        taintlab_core::sort::sort_by(entries, |a, b| less(a.0, b.0));
        return;
    }
    for i in 1..entries.len() {
        let mut j = i;
        while j > 0 && less(entries[j].0, entries[j - 1].0) {
            entries.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// Writes an integer as `strconv` does, without going through `fmt`.
pub(super) fn integer(out: &mut String, i: i64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut n = i.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        out.push('-');
    }
    for &b in &buf[at..] {
        out.push(char::from(b));
    }
}

/// A map key for writing: string keys (all of them, in API objects) borrowed.
fn entry_key(key: &Value) -> Cow<'_, str> {
    match key {
        Value::String(s) => Cow::Borrowed(s.as_str()),
        other => Cow::Owned(key_string(other)),
    }
}

/// An object from its entries, keys sorted as `encoding/json` sorts them.
fn write_entries(
    out: &mut String,
    mut entries: Vec<(Cow<'_, str>, &Value)>,
    indent: Option<&str>,
    depth: usize,
) {
    if entries.is_empty() {
        out.push_str("{}");
        return;
    }
    taintlab_core::sort::sort_by(&mut entries, |a, b| a.0 < b.0);
    out.push('{');
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, indent, depth + 1);
        quote_into(out, k);
        out.push(':');
        if indent.is_some() {
            out.push(' ');
        }
        write(out, v, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.push('}');
}

/// A number as `encoding/json` writes an `int64` or `float64`.
pub fn number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    float(n.as_f64().unwrap_or(0.0))
}

/// The shortest digits of a finite `f` and where its decimal point goes:
/// `f = ±0.d1d2… × 10^point`. The digits come from `ryu` (through the YAML
/// library's number formatting), which the page already carries.
pub fn decimal_digits(f: f64) -> (bool, String, i32) {
    let text = Number::from(f.abs()).to_string();
    let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((&text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{int}{frac}");
    let trimmed = all.trim_start_matches('0');
    let leading = (all.len() - trimmed.len()) as i32;
    let digits = trimmed.trim_end_matches('0').to_string();
    let point = int.len() as i32 + exp - leading;
    (f.is_sign_negative(), digits, point)
}

/// `strconv.FormatFloat(f, 'f', -1, 64)` or `'e'` with Go's exponent spelling
/// (`e+06`, `e-07`), from the shortest digits.
pub fn format_float(f: f64, exponent: bool) -> String {
    let (negative, digits, point) = decimal_digits(f);
    let sign = if negative { "-" } else { "" };
    if digits.is_empty() {
        return format!("{sign}0");
    }
    if exponent {
        let exp = point - 1;
        let rest = if digits.len() > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{}{rest}e{exp_sign}{:02}", &digits[..1], exp.abs());
    }
    let len = digits.len() as i32;
    if point <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{sign}{digits}{}", "0".repeat((point - len) as usize))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{sign}{a}.{b}")
    }
}

/// Models `encoding/json: floatEncoder.encode`: `'f'` format, or `'e'` for very
/// small or large magnitudes with a two-digit exponent trimmed to one.
fn float(f: f64) -> String {
    if !f.is_finite() {
        // encoding/json refuses these; kubectl never meets them in an object.
        return "null".to_string();
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let text = format_float(f, true);
        // `1.5e-07` becomes `1.5e-7`.
        return match text.split_once("e-0") {
            Some((m, e)) => format!("{m}e-{e}"),
            None => match text.split_once("e+0") {
                Some((m, e)) => format!("{m}e+{e}"),
                None => text,
            },
        };
    }
    format_float(f, false)
}

/// Writes a JSON string as Go's `encoding/json` writes it with HTML escaping on
/// (the default): `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes; `\b` and `\f`
/// (Go 1.22+); other control characters as `\u00xx`.
fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    // Most strings need no escape: copy them whole. 0xE2 starts U+2028 and U+2029.
    // One table lookup a byte: every string of a listing goes through here.
    const ESCAPE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = true;
            b += 1;
        }
        table[b'"' as usize] = true;
        table[b'\\' as usize] = true;
        table[b'<' as usize] = true;
        table[b'>' as usize] = true;
        table[b'&' as usize] = true;
        table[0xE2] = true;
        table
    };
    let plain = !s.bytes().any(|b| ESCAPE[usize::from(b)]);
    if plain {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap_or(Value::Null)
    }

    #[test]
    fn indents_like_marshal_indent_with_sorted_keys() {
        let v = parse("b: [1, 2]\na: {}\nc: []\nd: {y: x, x: 'a<b'}\n");
        assert_eq!(
            marshal_indent(&v),
            "{\n    \"a\": {},\n    \"b\": [\n        1,\n        2\n    ],\n    \"c\": [],\n    \"d\": {\n        \"x\": \"a\\u003cb\",\n        \"y\": \"x\"\n    }\n}"
        );
        assert_eq!(
            marshal(&v),
            r#"{"a":{},"b":[1,2],"c":[],"d":{"x":"a\u003cb","y":"x"}}"#
        );
    }

    #[test]
    fn a_list_written_item_by_item_is_the_list_marshalled_whole() {
        let items = [
            parse("kind: Pod\nmetadata: {name: a, labels: {app: x}}\nspec: {containers: []}\n"),
            parse("kind: Pod\nmetadata: {name: 'b<'}\nstatus: {phase: Running, n: 3}\n"),
        ];
        for n in 0..=items.len() {
            let list =
                parse("apiVersion: v1\nitems: []\nkind: List\nmetadata: {resourceVersion: ''}\n");
            let mut list = list;
            if let Some(Value::Sequence(seq)) = list.get_mut("items") {
                seq.extend(items[..n].iter().cloned());
            }
            let mut written = items[..n].iter().cloned().map(Node::value);
            assert_eq!(
                list_indent(&mut written),
                marshal_indent(&list),
                "{n} items"
            );
        }
    }

    #[test]
    fn replacing_a_key_writes_what_setting_it_writes() {
        let object = parse("b: 1\nmetadata: {x: 1}\na: [2]\n");
        let replacement = parse("{y: 2}");
        let Value::Mapping(map) = &object else {
            panic!("a mapping");
        };
        let mut set = object.clone();
        if let Value::Mapping(m) = &mut set {
            m.insert(Value::String("metadata".into()), replacement.clone());
        }
        assert_eq!(
            marshal_replacing_node(map, "metadata", &Node::of(&replacement)),
            marshal(&set)
        );
        let mut added = object.clone();
        if let Value::Mapping(m) = &mut added {
            m.insert(Value::String("z".into()), replacement.clone());
        }
        assert_eq!(
            marshal_replacing_node(map, "z", &Node::of(&replacement)),
            marshal(&added)
        );
    }

    #[test]
    fn numbers_and_escapes_follow_go() {
        assert_eq!(
            marshal(&parse("[0.5, 1.0e21, 1.5e-7, -3, 2.0]")),
            "[0.5,1e+21,1.5e-7,-3,2]"
        );
        assert_eq!(
            marshal(&Value::String("a\u{8}\u{1}\u{2028}&".into())),
            r#""a\b\u0001\u2028\u0026""#
        );
    }
}
