//! YAML syntax highlighting for the editor: the text cut into classified spans.
//!
//! A line scanner with a little state carried between lines (an open block scalar,
//! an open quoted string, the depth of flow collections), so it is small, needs no
//! tables, and costs one pass over the text. It aims at what people type into the
//! playground: Kubernetes manifests in block style, JSON, and the YAML features
//! those use (quoted keys, `- key: value` items, flow `{}`/`[]`, `|`/`>` block
//! scalars, anchors, tags, comments). It never fails: text that is not valid YAML
//! is still cut into spans, which the decoder's errors then explain.
//!
//! Spans are byte ranges that start and end on ASCII characters or line ends, so
//! they are always on `char` boundaries; they are sorted, never overlap, never
//! cross a line end, and leave out what needs no colour (indentation, spaces).

/// What a piece of YAML is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `# ...` to the end of the line.
    Comment,
    /// A mapping key, plain or quoted.
    Key,
    /// A scalar value that is a string (plain or quoted).
    String,
    /// An integer or a float (`3`, `-1.5`, `0x1f`, `.inf`).
    Number,
    /// `true`, `false`, `null`, `~`.
    Literal,
    /// An anchor (`&base`) or an alias (`*base`).
    Anchor,
    /// A tag (`!!str`, `!custom`).
    Tag,
    /// A document marker (`---`, `...`) or a directive (`%YAML 1.2`).
    Marker,
    /// The `|` or `>` that starts a block scalar, with its indicators (`|-`, `>+2`).
    BlockIndicator,
    /// A line of a block scalar's content.
    BlockText,
    /// Structure: `:`, `-`, `?`, `,`, `[`, `]`, `{`, `}`.
    Punct,
}

/// A classified byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

/// What carries over from one line to the next.
#[derive(Default)]
struct State {
    /// Inside a block scalar whose owner (key or `-`) sits at this column: lines
    /// indented further, and blank lines, are its content. `-1` for a block
    /// scalar at the top of a document, whose content may start at column 0.
    block: Option<isize>,
    /// A quoted scalar that has not been closed yet: its quote character.
    quote: Option<u8>,
    /// How many flow collections (`[`, `{`) are open.
    flow: usize,
}

/// Cuts `text` into classified spans, line by line.
pub fn highlight(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut state = State::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let mut scanner = Scanner {
            bytes: body.as_bytes(),
            base: offset,
            out: &mut out,
        };
        scanner.line(&mut state);
        offset += line.len();
    }
    out
}

struct Scanner<'a> {
    /// The line without its line end.
    bytes: &'a [u8],
    /// The line's offset in the whole text.
    base: usize,
    out: &'a mut Vec<Span>,
}

/// A separating blank; a stray CR counts as one (only a line's last CR is its end).
fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\r'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<u8> {
        self.bytes.get(i).copied()
    }

    /// Whether position `i` is the end of the line or a blank.
    fn ends_token(&self, i: usize) -> bool {
        self.at(i).is_none_or(is_blank)
    }

    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        let end = end.min(self.bytes.len());
        if start < end {
            self.out.push(Span {
                start: self.base + start,
                end: self.base + end,
                kind,
            });
        }
    }

    fn skip_blanks(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_blank) {
            i += 1;
        }
        i
    }

    /// A `---` or `...` line start (followed by a blank or the line end).
    fn is_marker(&self) -> bool {
        (self.bytes.starts_with(b"---") || self.bytes.starts_with(b"...")) && self.ends_token(3)
    }

    fn line(&mut self, state: &mut State) {
        let indent = self.skip_blanks(0);
        // A document marker at column 0 ends whatever was open.
        if self.is_marker() {
            *state = State::default();
            self.push(0, 3, Kind::Marker);
            self.tokens(3, state, -1);
            return;
        }
        if let Some(owner) = state.block {
            let blank = indent == self.bytes.len();
            if blank || indent as isize > owner {
                self.push(indent, self.bytes.len(), Kind::BlockText);
                return;
            }
            state.block = None;
        }
        if let Some(quote) = state.quote {
            let end = self.quoted_end(0, quote);
            match end {
                Some(end) => {
                    state.quote = None;
                    self.push(indent, end, Kind::String);
                    let next = self.key_after(end, state).unwrap_or(end);
                    self.tokens(next, state, indent as isize);
                }
                None => self.push(indent, self.bytes.len(), Kind::String),
            }
            return;
        }
        if indent == 0 && self.at(0) == Some(b'%') && state.flow == 0 {
            let comment = self.comment_start(0).unwrap_or(self.bytes.len());
            let mut end = comment;
            while end > 0 && self.at(end - 1).is_some_and(is_blank) {
                end -= 1;
            }
            self.push(0, end, Kind::Marker);
            self.comment(comment);
            return;
        }
        self.tokens(indent, state, indent as isize);
    }

    /// Where a comment starts at or after `from` (a `#` at the start or after a
    /// blank), scanning plain text.
    fn comment_start(&self, from: usize) -> Option<usize> {
        (from..self.bytes.len())
            .find(|&i| self.at(i) == Some(b'#') && (i == 0 || self.at(i - 1).is_some_and(is_blank)))
    }

    fn comment(&mut self, at: usize) {
        if self.at(at) == Some(b'#') {
            self.push(at, self.bytes.len(), Kind::Comment);
        }
    }

    /// The end (one past the closing quote) of a quoted scalar whose content
    /// starts at `from`; `None` if it goes on past this line.
    fn quoted_end(&self, from: usize, quote: u8) -> Option<usize> {
        let mut i = from;
        while let Some(b) = self.at(i) {
            if quote == b'"' && b == b'\\' {
                i += 2;
                continue;
            }
            if b == quote {
                // In single quotes, '' is an escaped quote.
                if quote == b'\'' && self.at(i + 1) == Some(b'\'') {
                    i += 2;
                    continue;
                }
                return Some(i + 1);
            }
            i += 1;
        }
        None
    }

    /// After a quoted scalar ending at `end` (just pushed as a string): a `:`
    /// indicator makes it a key. Returns where scanning goes on after the `:`.
    fn key_after(&mut self, end: usize, state: &State) -> Option<usize> {
        let next = self.skip_blanks(end);
        if self.at(next) != Some(b':') || !(state.flow > 0 || self.ends_token(next + 1)) {
            return None;
        }
        if let Some(last) = self.out.last_mut() {
            last.kind = Kind::Key;
        }
        self.push(next, next + 1, Kind::Punct);
        Some(next + 1)
    }

    /// Scans tokens from `i` to the end of the line. `owner` is the column of the
    /// node that a block scalar starting here would belong to.
    fn tokens(&mut self, mut i: usize, state: &mut State, mut owner: isize) {
        // At a node's start a `-`, `?`, block indicator, anchor or tag may come.
        let mut node_start = true;
        loop {
            i = self.skip_blanks(i);
            let Some(b) = self.at(i) else {
                return;
            };
            match b {
                b'#' if i == 0 || self.at(i - 1).is_some_and(is_blank) => {
                    self.comment(i);
                    return;
                }
                b'-' | b'?' | b':' if self.ends_token(i + 1) && (b != b'-' || state.flow == 0) => {
                    self.push(i, i + 1, Kind::Punct);
                    if b != b':' {
                        owner = i as isize;
                    }
                    node_start = true;
                    i += 1;
                }
                b'[' | b'{' => {
                    state.flow += 1;
                    self.push(i, i + 1, Kind::Punct);
                    node_start = true;
                    i += 1;
                }
                b']' | b'}' | b',' if state.flow > 0 => {
                    if b != b',' {
                        state.flow -= 1;
                    }
                    self.push(i, i + 1, Kind::Punct);
                    node_start = true;
                    i += 1;
                }
                b'&' | b'*' | b'!' => {
                    let end = self.word_end(i, state.flow > 0);
                    let kind = if b == b'!' { Kind::Tag } else { Kind::Anchor };
                    self.push(i, end, kind);
                    i = end;
                }
                b'|' | b'>' if node_start && state.flow == 0 => {
                    let mut end = i + 1;
                    while self
                        .at(end)
                        .is_some_and(|c| c == b'+' || c == b'-' || c.is_ascii_digit())
                    {
                        end += 1;
                    }
                    if !self.ends_token(end) {
                        // Not a block indicator after all (`>foo`): plain text.
                        i = self.plain(i, state, &mut owner);
                        node_start = false;
                        continue;
                    }
                    self.push(i, end, Kind::BlockIndicator);
                    state.block = Some(owner);
                    let rest = self.skip_blanks(end);
                    self.comment(rest);
                    return;
                }
                b'"' | b'\'' => match self.quoted_end(i + 1, b) {
                    Some(end) => {
                        self.push(i, end, Kind::String);
                        match self.key_after(end, state) {
                            Some(next) => {
                                owner = i as isize;
                                node_start = true;
                                i = next;
                            }
                            None => {
                                node_start = false;
                                i = end;
                            }
                        }
                    }
                    None => {
                        self.push(i, self.bytes.len(), Kind::String);
                        state.quote = Some(b);
                        return;
                    }
                },
                _ => {
                    i = self.plain(i, state, &mut owner);
                    node_start = i < self.bytes.len()
                        && self.out.last().map(|s| s.kind) == Some(Kind::Punct);
                }
            }
        }
    }

    /// The end of an anchor, alias or tag starting at `i`.
    fn word_end(&self, i: usize, flow: bool) -> usize {
        let mut end = i + 1;
        while let Some(c) = self.at(end) {
            if is_blank(c) || (flow && is_flow_indicator(c)) {
                break;
            }
            end += 1;
        }
        end
    }

    /// A plain scalar starting at `i`: a key if a `:` indicator ends it, else a
    /// value classified by its text. Returns where scanning goes on.
    fn plain(&mut self, i: usize, state: &State, owner: &mut isize) -> usize {
        let flow = state.flow > 0;
        let mut end = i;
        let mut key = None;
        while let Some(c) = self.at(end) {
            if c == b':'
                && (self.ends_token(end + 1)
                    || (flow && self.at(end + 1).is_some_and(is_flow_indicator)))
            {
                key = Some(end);
                break;
            }
            if c == b'#' && end > i && self.at(end - 1).is_some_and(is_blank) {
                break;
            }
            if flow && is_flow_indicator(c) {
                break;
            }
            end += 1;
        }
        // The scalar stops before the blanks that precede what ended it.
        let mut last = end;
        while last > i && self.at(last - 1).is_some_and(is_blank) {
            last -= 1;
        }
        match key {
            Some(colon) => {
                self.push(i, last, Kind::Key);
                self.push(colon, colon + 1, Kind::Punct);
                *owner = i as isize;
                colon + 1
            }
            None => {
                let kind = scalar_kind(self.bytes.get(i..last).unwrap_or_default());
                self.push(i, last, kind);
                end
            }
        }
    }
}

/// The kind of a plain value, by YAML 1.2's core schema (what the decoder uses).
fn scalar_kind(text: &[u8]) -> Kind {
    const LITERALS: [&[u8]; 10] = [
        b"true", b"True", b"TRUE", b"false", b"False", b"FALSE", b"null", b"Null", b"NULL", b"~",
    ];
    if LITERALS.contains(&text) {
        Kind::Literal
    } else if is_number(text) {
        Kind::Number
    } else {
        Kind::String
    }
}

/// Whether `text` is a YAML 1.2 core schema number: `[-+]?` digits with an optional
/// fraction and exponent, `0x`/`0o` integers, `.inf` and `.nan`.
fn is_number(text: &[u8]) -> bool {
    const INFINITE: [&[u8]; 3] = [b".inf", b".Inf", b".INF"];
    const NAN: [&[u8]; 3] = [b".nan", b".NaN", b".NAN"];
    let (signed, rest) = match text {
        [b'-' | b'+', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    if INFINITE.contains(&rest) || (!signed && NAN.contains(&rest)) {
        return true;
    }
    if let (false, [b'0', base @ (b'x' | b'o'), digits @ ..]) = (signed, rest) {
        let hex = *base == b'x';
        return !digits.is_empty()
            && digits
                .iter()
                .all(|c| (b'0'..=b'7').contains(c) || (hex && c.is_ascii_hexdigit()));
    }
    // Digits with at most one dot among them, then an optional exponent.
    let mut digits = 0;
    let mut dot = false;
    let mut i = 0;
    while let Some(&c) = rest.get(i) {
        if c.is_ascii_digit() {
            digits += 1;
        } else if c == b'.' && !dot {
            dot = true;
        } else {
            break;
        }
        i += 1;
    }
    match rest.get(i..) {
        _ if digits == 0 => false,
        Some([]) | None => true,
        Some([b'e' | b'E', exponent @ ..]) => {
            let exponent = match exponent {
                [b'-' | b'+', e @ ..] => e,
                e => e,
            };
            !exponent.is_empty() && exponent.iter().all(u8::is_ascii_digit)
        }
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests;
