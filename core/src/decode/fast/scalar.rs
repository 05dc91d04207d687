//! What a plain (unquoted) scalar means, exactly as the general parser resolves
//! it: modelled on yaml_serde's `visit_untagged_scalar` (`de.rs`) and the
//! `ValueVisitor` it feeds (`value/de.rs`), line by line, so a fast path and the
//! general parser turn the same text into the same [`Value`].

use serde_yaml::Value;
use std::num::ParseIntError;

/// yaml_serde's `parse_null`.
fn is_null(scalar: &str) -> bool {
    matches!(scalar, "null" | "Null" | "NULL" | "~")
}

/// yaml_serde's `parse_bool`.
fn parse_bool(scalar: &str) -> Option<bool> {
    match scalar {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// yaml_serde's `digits_but_not_number`: leading zeros followed by digits are a
/// string in YAML 1.2.
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A radix prefix (`0x`, `0o`, `0b`) and the rest, as yaml_serde tries them.
fn radix_prefixed<T>(
    unpositive: &str,
    from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>,
) -> Option<Option<T>> {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return Some(None);
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(Some(int));
            }
        }
    }
    None
}

/// yaml_serde's `parse_unsigned_int`.
fn parse_unsigned_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>,
) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    if let Some(found) = radix_prefixed(unpositive, from_str_radix) {
        return found;
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

/// yaml_serde's `parse_negative_int`.
fn parse_negative_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>,
) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

/// yaml_serde's `parse_f64`.
fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => scalar,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// The value of a plain scalar, or `None` where the general parser would not
/// produce a value (an integer beyond 64 bits: the value visitor refuses it),
/// so the caller leaves the text to the general parser.
pub(super) fn plain(scalar: &str) -> Option<Value> {
    let Some(&first) = scalar.as_bytes().first() else {
        return Some(Value::Null);
    };
    // Only these can start a null (`null`, `~`), a bool (`true`, `false`), an
    // integer (a digit or sign) or a float (a digit, sign or `.`, or Rust's `inf`,
    // `infinity` and `nan` in any case): any other scalar is a string, and most
    // are (names, images, quantities).
    if !(first.is_ascii_digit() || b"+-.~nNtTfFiI".contains(&first)) {
        return Some(Value::String(scalar.to_string()));
    }
    if is_null(scalar) {
        return Some(Value::Null);
    }
    if let Some(b) = parse_bool(scalar) {
        return Some(Value::Bool(b));
    }
    if let Some(int) = parse_unsigned_int(scalar, u64::from_str_radix) {
        return Some(Value::Number(int.into()));
    }
    if let Some(int) = parse_negative_int(scalar, i64::from_str_radix) {
        return Some(Value::Number(int.into()));
    }
    if parse_unsigned_int(scalar, u128::from_str_radix).is_some()
        || parse_negative_int(scalar, i128::from_str_radix).is_some()
    {
        return None;
    }
    if !digits_but_not_number(scalar)
        && let Some(float) = parse_f64(scalar)
    {
        return Some(Value::Number(float.into()));
    }
    Some(Value::String(scalar.to_string()))
}
