//! Which objects a `-l` selector picks, for the commands that change objects.

use std::collections::BTreeMap;

/// Whether `labels` satisfy the selector text (`k=v`, `k==v`, `k!=v`, `k`, `!k`,
/// comma-separated); the error is kubectl's message.
pub fn matches(selector: &str, labels: &BTreeMap<String, String>) -> Result<bool, String> {
    let mut all = true;
    for term in selector.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let ok = if let Some((k, v)) = term.split_once("!=") {
            labels.get(k.trim()).is_none_or(|l| l != v.trim())
        } else if let Some((k, v)) = term.split_once("==").or_else(|| term.split_once('=')) {
            labels.get(k.trim()).is_some_and(|l| l == v.trim())
        } else if let Some(k) = term.strip_prefix('!') {
            !labels.contains_key(k.trim())
        } else if term
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        {
            labels.contains_key(term)
        } else {
            return Err(format!(
                "error: unable to parse requirement: found '{term}', expected: identifier"
            ));
        };
        all &= ok;
    }
    Ok(all)
}
