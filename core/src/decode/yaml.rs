//! The one way user text becomes a YAML value: within the limits first.
//!
//! Every parse of text that came from a user (an applied file, a kind config, an
//! imported node list, a manifest on a node, a kubeadm patch) goes through
//! [`parse`], so none of them can reach the parser's quadratic or memory-hungry
//! cases ([`super::depth`], [`crate::limits`]).

use super::depth;
#[cfg(test)]
use crate::limits::MAX_TEXT_BYTES;
use crate::limits::{Limit, MAX_DEPTH};
use serde_yaml::Value;

/// Why a text is not a YAML value: the message, and where (1-based line and
/// column within the text, when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// yaml_serde's message without its position, or a limit's message.
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Drops a UTF-8 byte-order mark at the start of a text, as kubectl's file reader
/// does (cli-runtime's `FileVisitor` decodes through `unicode.BOMOverride`), so a
/// file saved by an editor that writes one reads as the same objects.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Checks a whole text against the size limit and its flow nesting against the
/// depth limit, in one linear pass, before any parser sees it.
pub fn check(text: &str) -> Result<(), YamlError> {
    check_within(text, Limit::TextBytes)
}

/// [`check`] with another bound on the text's bytes: [`Limit::ImportBytes`]
/// for an import of a cluster's state.
pub fn check_within(text: &str, bytes: Limit) -> Result<(), YamlError> {
    if text.len() as u64 > bytes.value() {
        return Err(YamlError {
            line: 1,
            column: 1,
            message: bytes.en(),
        });
    }
    depth::check(text, MAX_DEPTH).map_err(|at| YamlError {
        line: at.line,
        column: at.column,
        message: Limit::Depth.en(),
    })
}

/// Parses one YAML document of user text, within the limits.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    parse_items(text, Limit::TextBytes, &mut |_, _| {}).map(|(value, _)| value)
}

/// [`parse`] with another bound on the text's bytes ([`check_within`]).
pub fn parse_within(text: &str, bytes: Limit) -> Result<Value, YamlError> {
    parse_items(text, bytes, &mut |_, _| {}).map(|(value, _)| value)
}

/// [`parse`], which also hands `item` each item (with its index) of the
/// top-level mapping's `items` sequence as soon as it is read, when a fast path
/// reads the text: then it says `true`, and `item` has seen every item, in
/// order. With `false`, what `item` saw is to be ignored.
pub(crate) fn parse_items(
    text: &str,
    bytes: Limit,
    item: &mut dyn FnMut(usize, &Value),
) -> Result<(Value, bool), YamlError> {
    let text = without_bom(text);
    check_within(text, bytes)?;
    if let Some(value) = super::fast::parse(text, item) {
        return Ok((value, true));
    }
    serde_yaml::from_str(text)
        .map(|value| (value, false))
        .map_err(|err| {
            let (line, column) = err
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            YamlError {
                line,
                column,
                message: super::bare_message(&err),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_document() {
        let value = parse("\u{feff}kind: Pod\n").map_err(|e| e.message);
        assert_eq!(
            value.map(|v| v.get("kind").and_then(Value::as_str).map(str::to_string)),
            Ok(Some("Pod".to_string()))
        );
    }

    #[test]
    fn limits_come_before_parsing() {
        let deep = format!("{}{}", "{a: ".repeat(40_000), "}".repeat(40_000));
        let err = parse(&deep).err();
        assert_eq!(
            err.map(|e| (e.line, e.column, e.message)),
            Some((1, 4 * MAX_DEPTH + 1, Limit::Depth.en()))
        );
        let big = "#".repeat(MAX_TEXT_BYTES + 1);
        assert_eq!(
            parse(&big).err().map(|e| e.message),
            Some(Limit::TextBytes.en())
        );
    }
}
