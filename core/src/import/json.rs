//! A YAML value written as compact JSON, which reads back as the same value
//! (the decoder's JSON fast path reads it in one pass).

use serde_yaml::Value;
use std::fmt::Write;

/// Writes `value` as compact JSON. Keys that are not strings (YAML allows
/// `80: x`) are written as the text of their scalar; a float JSON cannot hold
/// (`.inf`, `.nan`) is written as its YAML text, a string.
pub(super) fn write(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_finite() => {
            let _ = write!(out, "{n}");
        }
        Value::Number(n) => string(out, &n.to_string()),
        Value::String(s) => string(out, s),
        Value::Sequence(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item);
            }
            out.push(']');
        }
        Value::Mapping(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                match key {
                    Value::String(k) => string(out, k),
                    Value::Number(n) => string(out, &n.to_string()),
                    Value::Bool(b) => string(out, if *b { "true" } else { "false" }),
                    Value::Null => string(out, "null"),
                    // A collection as a key: its JSON, as a string.
                    other => {
                        let mut inner = String::new();
                        write(&mut inner, other);
                        string(out, &inner);
                    }
                }
                out.push(':');
                write(out, item);
            }
            out.push('}');
        }
        Value::Tagged(tagged) => write(out, &tagged.value),
    }
}

/// A JSON string: quotes, backslashes and the characters a YAML reader does not
/// take as themselves (control characters, line separators, a byte-order mark)
/// escaped, so that the text reads back as the same string.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        // Most bytes are printable ASCII other than `"` and `\`: taken as they are.
        if (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\' {
            at += 1;
            continue;
        }
        let Some(c) = s.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..
                if !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') =>
            {
                at += c.len_utf8();
                continue;
            }
            _ => "",
        };
        out.push_str(&s[plain..at]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push_str(escape);
        }
        at += c.len_utf8();
        plain = at;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}
