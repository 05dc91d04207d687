//! The editor's text rules: indenting, outdenting, a new line's indentation, and
//! positions. Pure functions over the text and a selection, in byte offsets; the
//! web layer turns the result into one native edit so the browser's undo keeps it.

/// One change to the text: replace `start..end` with `insert`, then select
/// `select` (byte offsets in the changed text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced.
    pub end: usize,
    /// The replacement.
    pub insert: String,
    /// The selection afterwards: start and end.
    pub select: (usize, usize),
}

/// What one Tab press indents by (Kubernetes YAML is indented by two spaces).
pub const INDENT: &str = "  ";

/// `i` moved back to a char boundary and into the text.
fn clamp(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The start of the line holding byte `i`.
fn line_start(text: &str, i: usize) -> usize {
    text[..i].rfind('\n').map_or(0, |n| n + 1)
}

/// The lines a selection touches, as a byte range from the first line's start to
/// the last line's end (without its line break). A selection that ends at the
/// start of a line does not touch that line.
fn touched_lines(text: &str, start: usize, end: usize) -> (usize, usize) {
    let last = if end > start && text[..end].ends_with('\n') {
        end - 1
    } else {
        end
    };
    let from = line_start(text, start);
    let to = text[last..].find('\n').map_or(text.len(), |n| last + n);
    (from, to)
}

/// Tab: two spaces in place of the selection, or, when the selection spans
/// several lines, two more spaces at the start of each line it touches.
pub fn indent(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = (clamp(text, start.min(end)), clamp(text, start.max(end)));
    if !text[start..end].contains('\n') {
        let at = start + INDENT.len();
        return Edit {
            start,
            end,
            insert: INDENT.into(),
            select: (at, at),
        };
    }
    let (from, to) = touched_lines(text, start, end);
    let block = &text[from..to];
    let lines = block.split('\n').count();
    let insert: String = block
        .split('\n')
        .map(|l| format!("{INDENT}{l}"))
        .collect::<Vec<_>>()
        .join("\n");
    Edit {
        start: from,
        end: to,
        select: (start + INDENT.len(), end + INDENT.len() * lines),
        insert,
    }
}

/// Shift+Tab: up to two leading spaces removed from each line the selection (or
/// the caret) touches.
pub fn outdent(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = (clamp(text, start.min(end)), clamp(text, start.max(end)));
    let (from, to) = touched_lines(text, start, end);
    let mut insert = String::new();
    let mut at = from;
    // Where the selection's ends move: each removed space before them shifts them.
    let (mut new_start, mut new_end) = (start, end);
    for (i, line) in text[from..to].split('\n').enumerate() {
        if i > 0 {
            insert.push('\n');
        }
        let removed = line.len() - line.trim_start_matches(' ').len();
        let removed = removed.min(INDENT.len());
        insert.push_str(&line[removed..]);
        let shift = |pos: usize| pos.saturating_sub(at).min(removed);
        new_start -= shift(start);
        new_end -= shift(end);
        at += line.len() + 1;
    }
    Edit {
        start: from,
        end: to,
        insert,
        select: (new_start, new_end),
    }
}

/// Enter: a line break followed by the current line's indentation, two spaces
/// more after a line that opens a mapping or a block scalar (`key:`, `key: |`,
/// `- name:`), and with a `- ` item's own indentation.
pub fn newline(text: &str, start: usize, end: usize) -> Edit {
    let (start, end) = (clamp(text, start.min(end)), clamp(text, start.max(end)));
    let line = &text[line_start(text, start)..start];
    let spaces = line.len() - line.trim_start_matches(' ').len();
    let mut indent = spaces;
    let content = line.trim();
    if let Some(item) = content.strip_prefix("- ") {
        // The keys of a mapping in a sequence item line up after the dash; a
        // scalar item is followed by the next item, at the dash.
        if item.contains(": ") || item.ends_with(':') {
            indent += 2;
        }
    }
    let code = content.split(" #").next().unwrap_or_default().trim_end();
    let last_word = code.rsplit(' ').next().unwrap_or_default();
    let block_indicator = code.len() > last_word.len()
        && last_word.starts_with(['|', '>'])
        && last_word[1..]
            .chars()
            .all(|c| c == '+' || c == '-' || c.is_ascii_digit());
    if code.ends_with(':') || block_indicator || code == "-" {
        indent += 2;
    }
    let insert = format!("\n{}", " ".repeat(indent));
    let at = start + insert.len();
    Edit {
        start,
        end,
        insert,
        select: (at, at),
    }
}

/// The byte offset of 1-based `line` and `column` (columns count characters),
/// clamped to the text: past the end of a line is its end.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    text[start..end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(end, |(i, _)| start + i)
}

/// A byte offset as a UTF-16 offset (what a browser's selection counts).
pub fn utf16_of(text: &str, byte: usize) -> usize {
    text[..clamp(text, byte)].encode_utf16().count()
}

/// A UTF-16 offset as a byte offset; inside a surrogate pair, the char's start.
pub fn byte_of(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > utf16 {
            return i;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies `edit` and shows the selection as `[` and `]` (or `|` for a caret).
    fn show(text: &str, edit: &Edit) -> String {
        let mut out = String::new();
        out.push_str(&text[..edit.start]);
        out.push_str(&edit.insert);
        out.push_str(&text[edit.end..]);
        let (a, b) = edit.select;
        if a == b {
            out.insert(a, '|');
        } else {
            out.insert(b, ']');
            out.insert(a, '[');
        }
        out
    }

    /// `text` with `|` for a caret or `[`...`]` for a selection, as (text, start, end).
    fn parse(marked: &str) -> (String, usize, usize) {
        if let Some(at) = marked.find('|') {
            return (marked.replacen('|', "", 1), at, at);
        }
        let a = marked.find('[').expect("a selection");
        let b = marked.find(']').expect("a selection end") - 1;
        (marked.replacen('[', "", 1).replacen(']', "", 1), a, b)
    }

    #[test]
    fn tab_and_shift_tab() {
        type Rule = fn(&str, usize, usize) -> Edit;
        let cases: [(&str, Rule, &str); 9] = [
            ("a:|b", indent, "a:  |b"),
            ("a[bc]d", indent, "a  |d"),
            ("[a\nb]\nc", indent, "  [a\n  b]\nc"),
            ("a\n[b\nc\n]d", indent, "a\n  [b\n  c\n]d"),
            ("  a|", outdent, "a|"),
            ("   a|", outdent, " a|"),
            ("a|", outdent, "a|"),
            ("[  a\n    b]", outdent, "[a\n  b]"),
            ("  x\n  [y\n]  z", outdent, "  x\n[y\n]  z"),
        ];
        for (before, edit, after) in cases {
            let (text, start, end) = parse(before);
            assert_eq!(show(&text, &edit(&text, start, end)), after, "{before:?}");
        }
    }

    #[test]
    fn enter_keeps_and_opens_indentation() {
        let cases = [
            ("metadata:|", "metadata:\n  |"),
            ("  name: x|", "  name: x\n  |"),
            ("spec:\n  containers:|", "spec:\n  containers:\n    |"),
            ("  - name: web|", "  - name: web\n    |"),
            ("  - containers:|", "  - containers:\n      |"),
            ("  - image: x  # c|", "  - image: x  # c\n    |"),
            ("  - a|", "  - a\n  |"),
            ("  -|", "  -\n    |"),
            ("a: [b]|c", "a: [b]\n|c"),
            ("x|", "x\n|"),
            ("|", "\n|"),
        ];
        for (before, after) in cases {
            let (text, start, end) = parse(before);
            assert_eq!(
                show(&text, &newline(&text, start, end)),
                after,
                "{before:?}"
            );
        }
        // After a block scalar's indicator the content is indented.
        for text in ["data:\n  s: |", "data:\n  s: >-", "data:\n  s: |+2 # c"] {
            let edit = newline(text, text.len(), text.len());
            assert_eq!(edit.insert, "\n    ", "{text:?}");
        }
        // A value that merely ends in `|` text is not a block scalar.
        assert_eq!(newline("  a: x|", 7, 7).insert, "\n  ");
    }

    #[test]
    fn positions_count_characters_and_utf16_units() {
        let text = "a: 1\n名字: 值\n😀x\n";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 3), 5 + "名字".len());
        assert_eq!(offset_of(text, 2, 99), 5 + "名字: 值".len());
        assert_eq!(offset_of(text, 3, 2), text.find('x').expect("x"));
        assert_eq!(offset_of(text, 9, 1), text.len());
        assert_eq!(offset_of("", 0, 0), 0);
        let x = text.find('x').expect("x");
        assert_eq!(utf16_of(text, x), 5 + 6 + 2);
        assert_eq!(byte_of(text, 5 + 6 + 2), x);
        // Inside the emoji's surrogate pair: the emoji's start.
        assert_eq!(byte_of(text, 5 + 6 + 1), x - 4);
        assert_eq!(byte_of(text, 1000), text.len());
        assert_eq!(utf16_of(text, 1000), text.encode_utf16().count());
        // A byte offset inside a character counts up to that character.
        assert_eq!(utf16_of(text, 6), 5);
    }

    #[test]
    fn selections_past_the_end_or_backwards_are_safe() {
        let text = "名字\nb";
        for (a, b) in [(0, 99), (99, 0), (1, 2), (4, 1), (99, 99)] {
            for edit in [indent(text, a, b), outdent(text, a, b), newline(text, a, b)] {
                assert!(edit.start <= edit.end && edit.end <= text.len());
                let mut out = text[..edit.start].to_string();
                out.push_str(&edit.insert);
                out.push_str(&text[edit.end..]);
                assert!(edit.select.0 <= edit.select.1 && edit.select.1 <= out.len());
                assert!(out.is_char_boundary(edit.select.0) && out.is_char_boundary(edit.select.1));
            }
        }
    }
}
