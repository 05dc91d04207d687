//! Which objects a `-l` selector picks, for the commands that change objects.

use super::selector;
use std::collections::BTreeMap;

/// Whether `labels` satisfy the selector text (the full syntax of
/// `labels.Parse`); the error is the parser's message as kubectl prints it.
pub fn matches(text: &str, labels: &BTreeMap<String, String>) -> Result<bool, String> {
    selector::parse(text)
        .map(|s| s.matches(labels))
        .map_err(|message| format!("error: {message}"))
}
