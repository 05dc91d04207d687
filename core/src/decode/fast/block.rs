//! Block-style YAML of the plain shape `kubectl get -o yaml` prints (and most
//! manifests use) read straight into the [`Value`] the general parser would build,
//! several times faster.
//!
//! The shape taken here: lines indented by spaces, `key: value` entries whose keys
//! are plain scalars without spaces (words, and `managedFields`' `f:spec` and
//! `k:{"name":"app"}`), `- ` items (a compact sequence may sit at its key's
//! indentation), and one-line values: plain scalars (resolved by
//! [`super::scalar::plain`]), quoted scalars without escapes, `{}` and `[]`.
//! Everything else (comments, multi-line scalars, `|`, anchors, tags, flow
//! collections with content, quoted keys, duplicate keys, trailing spaces,
//! anything that is an error) returns `None`, and the general parser decides, with
//! its own messages and positions.

use super::ItemSink;
use super::scalar;
use serde_yaml::Mapping;
use serde_yaml::Value;

/// Nesting taken here; yaml_serde refuses 128 levels, and objects need about 12.
const MAX_NESTING: usize = 64;

/// The longest key taken here: libyaml drops a possible simple key after 1,024
/// characters.
const MAX_KEY: usize = 1000;

/// One line: its indentation and its content (without the indentation).
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    content: &'a str,
}

/// Reads `text` as one block-style document, or `None` to leave it to the
/// general parser.
pub(super) fn parse(text: &str, item: ItemSink<'_>) -> Option<Value> {
    // `#` may start a comment: such a text is left to the general parser (one
    // search here, rather than one per line).
    if text.contains('#') {
        return None;
    }
    let mut reader = Reader {
        lines: text.split('\n'),
        ahead: None,
        depth: 0,
        entries: Vec::new(),
        items: Vec::new(),
        sink: item,
        top_items_next: false,
    };
    reader.advance()?;
    let first = reader.ahead?;
    let value = reader.node(first)?;
    reader.ahead.is_none().then_some(value)
}

struct Reader<'a, 's> {
    /// The lines not yet looked at (read one ahead, never all held at once).
    lines: std::str::Split<'a, char>,
    /// The next line with content, not yet read; `None` at the end.
    ahead: Option<Line<'a>>,
    depth: usize,
    /// Entries of the mappings being read, innermost last: each mapping is
    /// built at its final size once read, rather than grown (and rehashed) entry
    /// by entry.
    entries: Vec<(Value, Value)>,
    /// Items of the sequences being read, likewise.
    items: Vec<Value>,
    /// Sees each item of the top-level mapping's `items` sequence.
    sink: ItemSink<'s>,
    /// The node about to be read is the top-level mapping's `items`.
    top_items_next: bool,
}

/// `- ` or a lone `-`: a sequence item, with what follows the dash.
fn item(content: &str) -> Option<&str> {
    if content == "-" {
        Some("")
    } else {
        content.strip_prefix("- ")
    }
}

/// `key: rest` or `key:`: a mapping entry whose key is a plain scalar without
/// spaces: a word (`name`, `app.kubernetes.io/name`) or a key of
/// `managedFields` (`f:metadata`, `k:{"type":"Ready"}`, `.`), which ends at the
/// first `: ` or at a `:` that ends the line, as a plain scalar does in block
/// context (where `{`, `}`, `[`, `]`, `,` and `"` are plain characters).
fn entry(content: &str) -> Option<(&str, &str)> {
    // A plain loop: lines are short, and a search routine costs more to start.
    let bytes = content.as_bytes();
    let mut colon = None;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b':' {
            if matches!(bytes.get(i + 1), None | Some(b' ')) {
                colon = Some(i);
                break;
            }
        } else if !(b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'_' | b'-' | b'.' | b'/' | b'{' | b'}' | b'[' | b']' | b',' | b'"'
            ))
        {
            return None;
        }
    }
    let colon = colon?;
    let (key, rest) = (&content[..colon], &content[colon + 1..]);
    let first = key.bytes().next()?;
    if !(first.is_ascii_alphanumeric() || matches!(first, b'_' | b'.')) || key.len() > MAX_KEY {
        return None;
    }
    if rest.is_empty() {
        Some((key, rest))
    } else {
        rest.strip_prefix(' ').map(|rest| (key, rest))
    }
}

impl<'a> Reader<'a, '_> {
    fn peek(&self) -> Option<Line<'a>> {
        self.ahead
    }

    /// Moves to the next line with content; `None` if a line is outside the
    /// shape taken here.
    fn advance(&mut self) -> Option<()> {
        self.ahead = None;
        for raw in self.lines.by_ref() {
            let content = raw.trim_start_matches(' ');
            if content.is_empty() {
                continue;
            }
            // Trailing spaces are trimmed by YAML in ways not modelled here, and
            // `---`, `...` and `%` may be document markers.
            let marker = raw.starts_with(['.', '%'])
                || (raw.starts_with('-') && !(raw.starts_with("- ") || raw == "-"));
            if content.ends_with(' ') || marker {
                return None;
            }
            self.ahead = Some(Line {
                indent: raw.len() - content.len(),
                content,
            });
            break;
        }
        Some(())
    }

    /// The node that starts with `line` (the next line, or the part of one after
    /// a `- `): a mapping or a sequence.
    fn node(&mut self, line: Line<'a>) -> Option<Value> {
        let top_items = std::mem::take(&mut self.top_items_next);
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return None;
        }
        let value = if item(line.content).is_some() {
            self.sequence(line.indent, top_items)
        } else if entry(line.content).is_some() {
            self.advance()?;
            self.mapping(line)
        } else {
            None
        };
        self.depth -= 1;
        value
    }

    /// A one-line value after `key: ` or `- `. The node ends with its line: a
    /// deeper line after it would continue a plain scalar, or be an error.
    fn scalar(&mut self, text: &str, indent: usize) -> Option<Value> {
        if self.peek().is_some_and(|l| l.indent > indent) {
            return None;
        }
        let bytes = text.as_bytes();
        match *bytes.first()? {
            b'"' | b'\'' => {
                let quote = bytes[0];
                let inner = text.get(1..text.len().checked_sub(1)?)?;
                let closed = text.len() >= 2 && bytes[text.len() - 1] == quote;
                let simple = !inner.bytes().any(|b| b == quote || b == b'\\');
                (closed && simple).then(|| Value::String(inner.to_string()))
            }
            _ if text == "{}" => Some(Value::Mapping(Mapping::new())),
            _ if text == "[]" => Some(Value::Sequence(Vec::new())),
            first => {
                let plain_start = first.is_ascii_alphanumeric()
                    || matches!(first, b'_' | b'.' | b'/' | b'+' | b'~' | b'(' | b'$')
                    || (first == b'-' && bytes.get(1).is_some_and(|b| *b != b' '));
                let plain = plain_start && !text.contains(": ") && !text.ends_with(':');
                if plain { scalar::plain(text) } else { None }
            }
        }
    }

    /// A block mapping whose first entry is `first` (already read: a line, or
    /// the part of one after `- `); its entries sit at `first.indent`.
    fn mapping(&mut self, first: Line<'a>) -> Option<Value> {
        let indent = first.indent;
        let start = self.entries.len();
        // On `None` the whole text goes to the general parser: nothing to undo.
        self.mapping_entries(first, indent)?;
        let mut map = Mapping::with_capacity(self.entries.len() - start);
        for (key, value) in self.entries.drain(start..) {
            if map.insert(key, value).is_some() {
                // A duplicate key: the general parser reports it.
                return None;
            }
        }
        Some(Value::Mapping(map))
    }

    /// Reads a mapping's entries onto `self.entries`.
    fn mapping_entries(&mut self, first: Line<'a>, indent: usize) -> Option<()> {
        let mut line = first;
        loop {
            let (key, rest) = entry(line.content)?;
            let top_items = self.depth == 1 && key == "items";
            let key = scalar::plain(key)?;
            let value = if rest.is_empty() {
                self.top_items_next = top_items;
                match self.peek() {
                    Some(next) if next.indent > indent => self.node(next)?,
                    // `key:` then `- item` at the key's indentation.
                    Some(next) if next.indent == indent && item(next.content).is_some() => {
                        self.node(next)?
                    }
                    _ => Value::Null,
                }
            } else {
                self.scalar(rest, indent)?
            };
            self.top_items_next = false;
            self.entries.push((key, value));
            match self.peek() {
                Some(next) if next.indent == indent && item(next.content).is_none() => {
                    self.advance()?;
                    line = next;
                }
                Some(next) if next.indent > indent => return None,
                _ => return Some(()),
            }
        }
    }

    /// A block sequence whose items sit at `indent`.
    /// A block sequence; `top_items` if it is the top-level mapping's `items`.
    fn sequence(&mut self, indent: usize, top_items: bool) -> Option<Value> {
        let start = self.items.len();
        self.sequence_items(indent, top_items)?;
        Some(Value::Sequence(self.items.split_off(start)))
    }

    /// Reads a sequence's items onto `self.items`.
    fn sequence_items(&mut self, indent: usize, top_items: bool) -> Option<()> {
        let mut index = 0;
        while let Some(line) = self.peek() {
            if line.indent != indent {
                if line.indent > indent {
                    return None;
                }
                break;
            }
            let Some(rest) = item(line.content) else {
                break;
            };
            self.advance()?;
            let value = if rest.is_empty() {
                match self.peek() {
                    Some(next) if next.indent > indent => self.node(next)?,
                    _ => Value::Null,
                }
            } else {
                let rest_trimmed = rest.trim_start_matches(' ');
                let inner = Line {
                    indent: indent + 2 + (rest.len() - rest_trimmed.len()),
                    content: rest_trimmed,
                };
                if item(inner.content).is_some() {
                    // `- - x`: left to the general parser.
                    return None;
                }
                if entry(inner.content).is_some() {
                    self.depth += 1;
                    let value = if self.depth > MAX_NESTING {
                        None
                    } else {
                        self.mapping(inner)
                    };
                    self.depth -= 1;
                    value?
                } else {
                    self.scalar(inner.content, indent)?
                }
            };
            if top_items {
                (self.sink)(index, &value);
            }
            index += 1;
            self.items.push(value);
        }
        Some(())
    }
}
