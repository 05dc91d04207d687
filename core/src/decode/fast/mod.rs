//! Fast paths from text to a YAML [`Value`] for the shapes most input has: JSON
//! (`kubectl get -o json`) and plain block-style YAML (`kubectl get -o yaml`,
//! most manifests). The general parser builds its value from a stream of events,
//! several times slower; these read the text once.
//!
//! Each fast path either returns exactly the value the general parser would
//! return for the text, or `None`: then the general parser reads the text and
//! decides, so every error keeps its message and position. The tests
//! (`tests.rs`) hold the two to the same results.

use serde_yaml::Value;

mod block;
mod json;
mod scalar;

#[cfg(test)]
mod tests;

/// Whether every character is one the general parser reads as itself: printable
/// and not a line break other than `\n` (libyaml's reader refuses control
/// characters, and treats `\r`, NEL and the Unicode line and paragraph separators
/// as breaks; a tab is left to it too, being meaningful in some places).
fn plain_characters(text: &str) -> bool {
    // Most text is printable ASCII: look at it a block of bytes at a time (a
    // loop the compiler vectorises), and decode only characters that are not.
    const BLOCK: usize = 64;
    let ascii = |b: &u8| *b == b'\n' || (b' '..=b'~').contains(b);
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if let Some(block) = bytes.get(at..at + BLOCK)
            && block.iter().all(ascii)
        {
            at += BLOCK;
            continue;
        }
        if ascii(&b) {
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        if !printable(c) {
            return false;
        }
        at += c.len_utf8();
    }
    true
}

/// Whether a character other than printable ASCII is one the general parser
/// reads as itself (see [`plain_characters`]).
fn printable(c: char) -> bool {
    match c {
        '\u{2028}' | '\u{2029}' | '\u{feff}' => false,
        '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'.. => true,
        _ => false,
    }
}

/// What a fast path hands each item of the top-level mapping's `items`
/// sequence, with its index, as soon as the item is read.
pub(super) type ItemSink<'s> = &'s mut dyn FnMut(usize, &Value);

/// The value the general parser would return for `text`, when a fast path can
/// tell; `None` otherwise (including every text the general parser refuses).
/// On the way, `item` sees each item of a top-level `items` sequence, in order
/// (with `None`, what it saw is not the text's).
pub(super) fn parse(text: &str, item: ItemSink<'_>) -> Option<Value> {
    match text.trim_start_matches([' ', '\n']).as_bytes().first()? {
        // JSON takes only ASCII outside its strings, and checks the characters
        // of its strings as it reads them.
        b'{' | b'[' => json::parse(text, item),
        _ if plain_characters(text) => block::parse(text, item),
        _ => None,
    }
}
