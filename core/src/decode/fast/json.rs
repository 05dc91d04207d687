//! JSON (what `kubectl get -o json` prints) read straight into the [`Value`] the
//! general YAML parser would build from the same text, several times faster.
//!
//! JSON is YAML's flow style, so the result must be exactly the general parser's:
//! keys and strings are double-quoted scalars (always strings), numbers and
//! `true`/`false`/`null` are plain scalars (resolved by [`super::scalar::plain`]).
//! Anything where YAML and JSON could part ways (a duplicate key, a surrogate
//! escape, a key too long to be a YAML simple key, a tab, trailing text, a
//! syntax error) returns `None`, and the general parser decides, with its own
//! messages and positions.

use super::ItemSink;
use super::scalar;
use crate::limits::MAX_DEPTH;
use serde_yaml::Mapping;
use serde_yaml::Value;

/// The longest key (from its opening quote to the `:`) taken here: libyaml drops
/// a possible simple key after 1,024 characters, and bytes never undercount them.
const MAX_KEY_SPAN: usize = 1000;

/// Reads `text` as one JSON value, or `None` to leave it to the general parser.
pub(super) fn parse(text: &str, item: ItemSink<'_>) -> Option<Value> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        depth: 0,
        entries: Vec::new(),
        items: Vec::new(),
        sink: item,
        top_items_next: false,
    };
    reader.blank()?;
    let value = reader.value()?;
    reader.blank()?;
    (reader.at == reader.bytes.len()).then_some(value)
}

struct Reader<'a, 's> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    depth: usize,
    /// Entries of the objects being read, innermost last: each mapping is built
    /// at its final size once read, rather than grown (and rehashed) entry by
    /// entry. On `None` the text goes to the general parser: nothing to undo.
    entries: Vec<(Value, Value)>,
    /// Items of the arrays being read, likewise.
    items: Vec<Value>,
    /// Sees each item of the top-level object's `items` array.
    sink: ItemSink<'s>,
    /// The value about to be read is the top-level object's `items`.
    top_items_next: bool,
}

impl Reader<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips spaces and newlines; `None` on anything YAML may read otherwise
    /// (tabs and carriage returns are left to the general parser).
    fn blank(&mut self) -> Option<()> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\n' => self.at += 1,
                b'\t' | b'\r' => return None,
                _ => break,
            }
        }
        Some(())
    }

    /// Skips spaces only: a key and its `:` must share a line to be a YAML
    /// simple key.
    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
    }

    fn value(&mut self) -> Option<Value> {
        let top_items = std::mem::take(&mut self.top_items_next);
        match self.peek()? {
            b'{' => self.object(),
            b'[' => self.array(top_items),
            b'"' => self.string().map(Value::String),
            _ => self.plain(),
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        self.at += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn object(&mut self) -> Option<Value> {
        self.enter()?;
        let start = self.entries.len();
        self.blank()?;
        if self.peek()? == b'}' {
            self.at += 1;
        } else {
            self.object_entries()?;
        }
        self.depth -= 1;
        let mut map = Mapping::with_capacity(self.entries.len() - start);
        for (key, value) in self.entries.drain(start..) {
            if map.insert(key, value).is_some() {
                // A duplicate key: the general parser reports it.
                return None;
            }
        }
        Some(Value::Mapping(map))
    }

    /// Reads an object's entries onto `self.entries`, up to its `}`.
    fn object_entries(&mut self) -> Option<()> {
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            let start = self.at;
            let key = self.string()?;
            self.spaces();
            if self.peek()? != b':' || self.at - start > MAX_KEY_SPAN {
                return None;
            }
            self.at += 1;
            self.blank()?;
            self.top_items_next = self.depth == 1 && key == "items";
            let value = self.value()?;
            self.entries.push((Value::String(key), value));
            self.blank()?;
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.blank()?;
                }
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// An array; `top_items` if it is the top-level object's `items`.
    fn array(&mut self, top_items: bool) -> Option<Value> {
        self.enter()?;
        let start = self.items.len();
        self.blank()?;
        if self.peek()? == b']' {
            self.at += 1;
        } else {
            self.array_items(top_items)?;
        }
        self.depth -= 1;
        Some(Value::Sequence(self.items.split_off(start)))
    }

    /// Reads an array's items onto `self.items`, up to its `]`.
    fn array_items(&mut self, top_items: bool) -> Option<()> {
        for index in 0.. {
            let value = self.value()?;
            if top_items {
                (self.sink)(index, &value);
            }
            self.items.push(value);
            self.blank()?;
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.blank()?;
                }
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
        None
    }

    /// A JSON number, `true`, `false` or `null`: a plain scalar to YAML.
    fn plain(&mut self) -> Option<Value> {
        let start = self.at;
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b']' | b'}' | b' ' | b'\n') {
                break;
            }
            self.at += 1;
        }
        let token = self.text.get(start..self.at)?;
        if !(matches!(token, "true" | "false" | "null") || is_json_number(token)) {
            return None;
        }
        scalar::plain(token)
    }

    /// A string, with JSON's escapes (all of which YAML's double-quoted scalars
    /// share), and only characters the general parser reads as themselves.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || !(b' '..=b'~').contains(&b) {
                    break;
                }
                self.at += 1;
            }
            out.push_str(self.text.get(start..self.at)?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                // Not ASCII: a character the general parser reads as itself, or
                // `None` (control characters, DEL, line breaks other than `\n`).
                0x80.. => {
                    let c = self.text.get(self.at..)?.chars().next()?;
                    if !super::printable(c) {
                        return None;
                    }
                    out.push(c);
                    self.at += c.len_utf8();
                }
                b'\\' => {
                    let escaped = *self.bytes.get(self.at + 1)?;
                    self.at += 2;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = self.text.get(self.at..self.at + 4)?;
                            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return None;
                            }
                            self.at += 4;
                            // libyaml refuses surrogate escapes, even in pairs.
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                        }
                        _ => return None,
                    });
                }
                _ => return None,
            }
        }
    }
}

/// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(token: &str) -> bool {
    let b = token.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}
