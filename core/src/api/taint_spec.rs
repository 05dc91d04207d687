//! Taints as `kubectl taint` and the node buttons write them: `key[=value]:effect`
//! to add, `key[:effect]-` to remove.
//!
//! Models `pkg/util/taints/taints.go` (`ParseTaints`, `parseTaint`), which kubectl
//! vendors; kept in the engine so that the page's node buttons, which have no
//! kubectl, read a taint exactly as `kubectl taint` does.

use crate::api::TaintEffect;
use crate::api::identifiers::{is_qualified_name, is_valid_label_value};

/// A taint to add, or one to remove (whose effect may be empty: every effect).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaintSpec {
    /// The key.
    pub key: String,
    /// The value (empty for none, and always for a removal).
    pub value: String,
    /// The effect; a removal without one removes every effect.
    pub effect: Option<TaintEffect>,
}

impl TaintSpec {
    /// Models `Taint.ToString`: `key=value:effect`, leaving out what is empty.
    pub fn to_taint_string(&self) -> String {
        let mut s = self.key.clone();
        if !self.value.is_empty() {
            s.push('=');
            s.push_str(&self.value);
        }
        if let Some(effect) = self.effect {
            s.push(':');
            s.push_str(effect.as_str());
        }
        s
    }
}

/// Models `parseTaints`: additions (with an effect, unique by key and effect) and
/// removals (`-` suffix; key and effect only).
pub fn parse_taints(specs: &[String]) -> Result<(Vec<TaintSpec>, Vec<TaintSpec>), String> {
    let mut add: Vec<TaintSpec> = Vec::new();
    let mut remove = Vec::new();
    for spec in specs {
        if let Some(stripped) = spec.strip_suffix('-') {
            let mut taint = parse_taint(stripped)?;
            taint.value.clear();
            remove.push(taint);
        } else {
            let taint = parse_taint(spec)?;
            let Some(effect) = taint.effect else {
                return Err(format!("invalid taint spec: {spec}"));
            };
            if add
                .iter()
                .any(|t| t.key == taint.key && t.effect == taint.effect)
            {
                // Go's `%v` of the Taint struct: `{key value Effect <nil>}`.
                return Err(format!(
                    "duplicated taints with the same key and effect: {{{} {} {} <nil>}}",
                    taint.key,
                    taint.value,
                    effect.as_str()
                ));
            }
            add.push(taint);
        }
    }
    Ok((add, remove))
}

/// One taint to add, as `kubectl taint` reads it (`key[=value]:effect`): the key,
/// value and effect, or kubectl's message for a spec it refuses.
pub fn parse_addition(spec: &str) -> Result<(String, String, TaintEffect), String> {
    let taint = parse_taint(spec)?;
    match taint.effect {
        Some(effect) => Ok((taint.key, taint.value, effect)),
        None => Err(format!("invalid taint spec: {spec}")),
    }
}

/// Models `parseTaint`: `key=value:effect`, `key:effect` or `key`.
pub fn parse_taint(spec: &str) -> Result<TaintSpec, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (key, value, effect) = match parts.as_slice() {
        [key] => ((*key).to_string(), String::new(), None),
        [left, effect] => {
            let Some(effect) = TaintEffect::parse(effect) else {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            };
            let kv: Vec<&str> = left.split('=').collect();
            match kv.as_slice() {
                [key] => ((*key).to_string(), String::new(), Some(effect)),
                [key, value] => {
                    if let Err(errors) = is_valid_label_value(value) {
                        return Err(format!("invalid taint spec: {spec}, {}", errors.join("; ")));
                    }
                    ((*key).to_string(), (*value).to_string(), Some(effect))
                }
                _ => return Err(format!("invalid taint spec: {spec}")),
            }
        }
        _ => return Err(format!("invalid taint spec: {spec}")),
    };
    if let Err(errors) = is_qualified_name(&key) {
        return Err(format!("invalid taint spec: {spec}, {}", errors.join("; ")));
    }
    Ok(TaintSpec { key, value, effect })
}
