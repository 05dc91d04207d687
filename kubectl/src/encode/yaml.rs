//! `sigs.k8s.io/yaml.Marshal` as kubectl's YAML printer calls it
//! (`cli-runtime/pkg/printers/yaml.go`): the object goes through JSON, then
//! `yaml.v2` (`goyaml.v2`) writes it. This is a port of the parts of its emitter
//! (`emitterc.go`, `encode.go`, `resolve.go`, `sorter.go`) that block-style
//! output of JSON data reaches: keys sorted by `keyList.Less`, sequences inside
//! mappings not indented, `{}`/`[]` for empty collections, plain scalars unless
//! they would read back as something else (then double-quoted) or contain YAML
//! indicators (then single-quoted), `|` blocks for multi-line strings, and long
//! lines folded at spaces past column 80 (`best_width`).

use super::json::{key_string, number};
use super::node::Node;
use serde_yaml::Number;
use serde_yaml::Value;
use std::borrow::Cow;

/// `yaml.Marshal` of a JSON-shaped value: the document, ending in a newline.
pub fn marshal(value: &Value) -> String {
    let mut e = Emitter::new();
    e.node(value, Context::Root, &mut Vec::new());
    e.finish()
}

/// `yaml.Marshal` of a [`Node`]: the document, ending in a newline.
pub fn marshal_node(node: &Node<'_>) -> String {
    let mut e = Emitter::new();
    e.tree(node, Context::Root, &mut Vec::new());
    e.finish()
}

/// `yaml.Marshal` of a `kind: List` holding `items` (what [`marshal`] writes for
/// the `Value` `get.go: printGeneric` builds); each item is written as it comes,
/// so a listing never holds every object at once.
pub fn marshal_list<'a>(items: &mut dyn Iterator<Item = Node<'a>>) -> String {
    let mut e = Emitter::new();
    let mut items = items.peekable();
    // The root mapping's keys, in `keyList.Less` order.
    let saved = e.increase_indent(false, false);
    e.key("apiVersion");
    e.tree(
        &Node::Str(Cow::Borrowed("v1")),
        Context::Mapping,
        &mut Vec::new(),
    );
    e.key("items");
    if items.peek().is_none() {
        e.empty_flow("[", "]");
    } else {
        // The sequence branch of [`Emitter::node`], item by item.
        let indentless = !e.indention;
        let saved_items = e.increase_indent(false, indentless);
        let mut first = true;
        while let Some(item) = items.next() {
            e.write_indent();
            e.indicator("-", true, false, true);
            let before = e.out.len();
            e.tree(&item, Context::Sequence, &mut Vec::new());
            if first {
                // Room for the rest, sized on the first: growing a text of tens
                // of megabytes by doubling copies it again and again.
                let (low, high) = items.size_hint();
                let rest = high.unwrap_or(low);
                e.out
                    .reserve((e.out.len() - before + 16).saturating_mul(rest));
                first = false;
            }
        }
        e.indent = saved_items;
    }
    e.key("kind");
    e.tree(
        &Node::Str(Cow::Borrowed("List")),
        Context::Mapping,
        &mut Vec::new(),
    );
    e.key("metadata");
    let metadata = Node::Map(vec![(
        Cow::Borrowed("resourceVersion"),
        Node::Str(Cow::Borrowed("")),
    )]);
    e.tree(&metadata, Context::Mapping, &mut Vec::new());
    e.indent = saved;
    e.finish()
}

const BEST_INDENT: isize = 2;
const BEST_WIDTH: usize = 80;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Root,
    Sequence,
    Mapping,
    SimpleKey,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Emitter {
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
    open_ended: bool,
    indent: isize,
}

/// A scalar as the encoder hands it to the emitter; strings are borrowed from
/// the value (a listing writes hundreds of thousands of them).
struct Scalar<'a> {
    text: Cow<'a, str>,
    /// The encoder's style: plain if it reads back as itself.
    style: Style,
}

fn scalar(value: &Value) -> Scalar<'_> {
    match value {
        Value::Null => Scalar {
            text: Cow::Borrowed("null"),
            style: Style::Plain,
        },
        Value::Bool(b) => Scalar {
            text: Cow::Borrowed(if *b { "true" } else { "false" }),
            style: Style::Plain,
        },
        Value::Number(n) => number_scalar(n),
        Value::String(s) => string_scalar(s),
        Value::Tagged(t) => scalar(&t.value),
        // Not reached: collections are emitted as nodes.
        Value::Sequence(_) | Value::Mapping(_) => Scalar {
            text: Cow::Borrowed(""),
            style: Style::Double,
        },
    }
}

/// Whether `s` is written plain with no other check: ASCII letters, digits and
/// `-_./`, starting with a letter (then only resolve's short special words read
/// back as something else), so [`string_scalar`] picks plain, [`analyze`] finds
/// no indicator, blank or break, and nothing folds.
fn is_plain_word(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphabetic)
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'/'))
        && (b.len() > 5 || resolves_to_string(s))
}

/// Models `encoder.floatv` for floats, `encoder.intv` and `uintv` otherwise.
fn number_scalar(n: &Number) -> Scalar<'static> {
    Scalar {
        text: Cow::Owned(match n.as_f64() {
            Some(f) if n.is_f64() => yaml_float(f),
            _ => number(n),
        }),
        style: Style::Plain,
    }
}

/// Models `encoder.stringv`: literal if multi-line, plain if `resolve` reads it
/// back as a string (and it is not a base-60 float), double-quoted otherwise.
fn string_scalar(s: &str) -> Scalar<'_> {
    let style = if s.contains('\n') {
        Style::Literal
    } else if resolves_to_string(s) && !is_base60_float(s) {
        Style::Plain
    } else {
        Style::Double
    };
    Scalar {
        text: Cow::Borrowed(s),
        style,
    }
}

/// Models `encoder.floatv`: `strconv.FormatFloat(f, 'g', -1, 64)` plus YAML's
/// spellings of infinities and NaN.
fn yaml_float(f: f64) -> String {
    if f.is_nan() {
        ".nan".to_string()
    } else if f.is_infinite() {
        if f > 0.0 { ".inf" } else { "-.inf" }.to_string()
    } else {
        go_float_g(f)
    }
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64)` (also fmt's `%v` for a float64):
/// shortest digits, exponent form when the decimal exponent is below -4 or at
/// least 6 (`eprec` is 6 for the shortest form).
pub fn go_float_g(f: f64) -> String {
    let (_, digits, point) = super::json::decimal_digits(f);
    let exp = point - 1;
    super::json::format_float(f, !digits.is_empty() && !(-4..6).contains(&exp))
}

/// Models `resolve("", s)`: whether a plain scalar `s` would read back as a
/// string (not a bool, null, int, float, timestamp or merge key).
fn resolves_to_string(s: &str) -> bool {
    // resolve's table of special words, as a `match`: it runs for every short
    // key and value written, and a `match` compares by length first.
    let special = |s: &str| {
        matches!(
            s,
            "y" | "Y"
                | "yes"
                | "Yes"
                | "YES"
                | "true"
                | "True"
                | "TRUE"
                | "on"
                | "On"
                | "ON"
                | "n"
                | "N"
                | "no"
                | "No"
                | "NO"
                | "false"
                | "False"
                | "FALSE"
                | "off"
                | "Off"
                | "OFF"
                | ""
                | "~"
                | "null"
                | "Null"
                | "NULL"
                | ".nan"
                | ".NaN"
                | ".NAN"
                | ".inf"
                | ".Inf"
                | ".INF"
                | "+.inf"
                | "+.Inf"
                | "+.INF"
                | "-.inf"
                | "-.Inf"
                | "-.INF"
        )
    };
    let Some(first) = s.bytes().next() else {
        return false;
    };
    let hint = match first {
        b'+' | b'-' => 'S',
        b'0'..=b'9' => 'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => 'M',
        b'.' => '.',
        _ if s == "<<" => return false,
        _ => return true,
    };
    // The special words are at most five bytes long: longer scalars (most
    // starting with `n`, `t`, `o`, such as `name` or `type`, are words of
    // every object) skip the comparisons.
    if s.len() <= 5 && special(s) {
        return false;
    }
    match hint {
        '.' => !is_go_float(s),
        'D' | 'S' => {
            if is_timestamp(s) {
                return false;
            }
            // Underscores are rare: copy only when there are some to drop.
            let plain: Cow<'_, str> = if s.contains('_') {
                Cow::Owned(s.chars().filter(|&c| c != '_').collect())
            } else {
                Cow::Borrowed(s)
            };
            if go_parse_int(&plain) || is_yaml_style_float(&plain) {
                return false;
            }
            let binary = plain
                .strip_prefix("0b")
                .or_else(|| plain.strip_prefix("-0b"));
            !binary.is_some_and(|b| !b.is_empty() && b.bytes().all(|c| c == b'0' || c == b'1'))
        }
        _ => true,
    }
}

/// `strconv.ParseFloat` for the forms a `.`-led scalar can take.
fn is_go_float(s: &str) -> bool {
    is_yaml_style_float(s)
        || s.parse::<f64>()
            .is_ok_and(|_| !s.contains(['i', 'I', 'n', 'N']))
}

/// `strconv.ParseInt(s, 0, 64)` or `ParseUint(s, 0, 64)` succeeds: decimal, or
/// `0x`/`0o`/`0b`/leading-`0` octal, with an optional sign.
fn go_parse_int(s: &str) -> bool {
    let digits = s
        .strip_prefix('-')
        .or_else(|| s.strip_prefix('+'))
        .unwrap_or(s);
    let (radix, body) = if let Some(b) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        (16, b)
    } else if let Some(b) = digits
        .strip_prefix("0o")
        .or_else(|| digits.strip_prefix("0O"))
    {
        (8, b)
    } else if let Some(b) = digits
        .strip_prefix("0b")
        .or_else(|| digits.strip_prefix("0B"))
    {
        (2, b)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    !body.is_empty() && u64::from_str_radix(body, radix).is_ok()
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        let group = &b[start..i];
        let ok = match group {
            [d] => d.is_ascii_digit(),
            [a, d] => (b'0'..=b'5').contains(a) && d.is_ascii_digit(),
            _ => false,
        };
        if !ok {
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// Models `parseTimestamp`: `YYYY-M-D`, optionally followed by a time
/// (`T`, `t` or a space, then `h:m:s`, fractions and a zone for `T`/`t`).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let number = |i: &mut usize, min: usize, max: usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        *i - start >= min
    };
    let mut i = 0;
    if !(number(&mut i, 4, 4) && b.get(i) == Some(&b'-')) {
        return false;
    }
    i += 1;
    if !(number(&mut i, 1, 2) && b.get(i) == Some(&b'-')) {
        return false;
    }
    i += 1;
    if !number(&mut i, 1, 2) {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zoned = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    for sep in [b':', b':', 0] {
        if !number(&mut i, 1, 2) {
            return false;
        }
        if sep != 0 {
            if b.get(i) != Some(&sep) {
                return false;
            }
            i += 1;
        }
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !number(&mut i, 1, 9) {
            return false;
        }
    }
    if i == b.len() {
        return !zoned;
    }
    if !zoned {
        return false;
    }
    match b[i] {
        b'Z' => i + 1 == b.len(),
        b'+' | b'-' => {
            i += 1;
            number(&mut i, 2, 2)
                && b.get(i) == Some(&b':')
                && {
                    i += 1;
                    number(&mut i, 2, 2)
                }
                && i == b.len()
        }
        _ => false,
    }
}

/// Models `keyList.Less`: letters sort after other characters, digit runs
/// compare as numbers.
pub fn key_less(a: &str, b: &str) -> bool {
    // Most neighbouring keys differ in a first letter: the first step of
    // `runes_less` decides them.
    if let (Some(&x), Some(&y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x != y
        && x.is_ascii_alphabetic()
        && y.is_ascii_alphabetic()
    {
        return x < y;
    }
    // Keys are ASCII nearly always: their bytes are their runes, and sorting the
    // keys of every mapping of a listing then copies nothing.
    if a.is_ascii() && b.is_ascii() {
        return runes_less(a.as_bytes(), b.as_bytes());
    }
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    runes_less(&ar, &br)
}

/// [`key_less`] over the keys' runes (bytes for ASCII keys, which order the same).
fn runes_less<C: Copy + Ord + Into<char>>(ar: &[C], br: &[C]) -> bool {
    let digit = |c: C| c.into().is_ascii_digit();
    let value = |c: C| i64::from(c.into() as u8 - b'0');
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            continue;
        }
        let al = is_letter(ar[i].into());
        let bl = is_letter(br[i].into());
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i].into() == '0' || br[i].into() == '0' {
            for j in (0..i).rev() {
                if !digit(ar[j]) {
                    break;
                }
                if ar[j].into() != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(value(ar[ai]));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(value(br[bi]));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// `unicode.IsLetter`, with every non-ASCII character taken for a letter: the
/// Unicode tables would cost the web page more than keys outside ASCII are worth.
pub fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || !c.is_ascii()
}

/// `is_printable` with `unicode` on: what may appear unescaped.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{D7FF}')
        || (('\u{E000}'..='\u{FFFD}').contains(&c) && c != '\u{FEFF}')
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// What `yaml_emitter_analyze_scalar` allows.
#[derive(Debug, PartialEq, Eq)]
struct Analysis {
    multiline: bool,
    block_plain: bool,
    single_quoted: bool,
    block: bool,
}

/// Models `yaml_emitter_analyze_scalar` (block context: flow indicators only
/// matter inside flow collections, which JSON data never needs here).
fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            multiline: false,
            block_plain: true,
            single_quoted: true,
            block: false,
        };
    }
    // Most keys and values are printable ASCII without a blank, such as
    // `containerPort`, `100m`, `registry.k8s.io/pause:3.10` or a timestamp: no
    // break, special character or leading or trailing space, and the only
    // indicators are the first character, a `:` at the end (followed by the
    // end, as good as a blank), `---` or `...` at the start, or `?`, `:` or
    // `-` alone (`#` inside counts only after a blank).
    let b = s.as_bytes();
    if b.iter().all(|c| (0x21..=0x7E).contains(c)) {
        let first = b[0];
        let block_indicators = matches!(
            first,
            b'#' | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        ) || (b.len() == 1 && matches!(first, b'?' | b':' | b'-'))
            || (b.len() > 1 && b[b.len() - 1] == b':')
            || s.starts_with("---")
            || s.starts_with("...");
        return Analysis {
            multiline: false,
            block_plain: !block_indicators,
            single_quoted: true,
            block: true,
        };
    }
    analyze_walk(s)
}

/// [`analyze`] character by character, for any non-empty `s`.
fn analyze_walk(s: &str) -> Analysis {
    // Walked with one character of lookahead rather than collected: this runs
    // for every key and scalar written.
    let mut chars = s.chars().peekable();
    let mut i = 0;
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break) = (false, false);
    let (mut trailing_space, mut trailing_break) = (false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let last = next.is_none();
        let followed_by_whitespace = next.is_none_or(|n| is_blank(n) || is_break(n));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if last {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if last {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(c) || is_break(c);
        i += 1;
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain: true,
        single_quoted: true,
        block: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain = false;
    }
    if trailing_space {
        a.block = false;
    }
    if break_space {
        a.block_plain = false;
        a.single_quoted = false;
    }
    if space_break || special {
        a.block_plain = false;
        a.single_quoted = false;
        a.block = false;
    }
    if line_breaks || block_indicators {
        a.block_plain = false;
    }
    a
}

/// Models `yaml_emitter_select_scalar_style` in block context.
fn select_style(requested: Style, a: &Analysis, simple_key: bool) -> Style {
    let mut style = requested;
    if simple_key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain && !a.block_plain {
        style = Style::Single;
    }
    if style == Style::Single && !a.single_quoted {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block || simple_key) {
        style = Style::Double;
    }
    style
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// Models `yaml_emitter_write_indent`.
    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        // The spaces in one copy: every line of a listing starts with some.
        const SPACES: &str = "                                                                ";
        if self.column < indent {
            let n = indent - self.column;
            if n <= SPACES.len() {
                self.out.push_str(&SPACES[..n]);
                self.column = indent;
            }
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    /// Models `yaml_emitter_write_indicator`.
    fn indicator(
        &mut self,
        text: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in text.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
    }

    /// Models `yaml_emitter_increase_indent`; returns the indent to restore.
    fn increase_indent(&mut self, flow: bool, indentless: bool) -> isize {
        let saved = self.indent;
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
        saved
    }

    fn new() -> Emitter {
        Emitter {
            out: String::new(),
            column: 0,
            whitespace: true,
            indention: true,
            open_ended: false,
            indent: -1,
        }
    }

    /// The end of the document: `yaml_emitter_emit_document_end` (implicit), then
    /// the stream end.
    fn finish(mut self) -> String {
        self.indent = -1;
        self.write_indent();
        if self.open_ended {
            self.indicator("...", true, false, false);
            self.write_indent();
        }
        self.out
    }

    /// A mapping key and its `:`, on a line of its own (`yaml_emitter_emit_block_mapping_key`).
    fn key(&mut self, key: &str) {
        if is_plain_word(key) && key.len() <= 128 {
            // What the general path below does for such a key: a simple key,
            // plain, then `:`.
            self.write_indent();
            self.out.push_str(key);
            self.out.push(':');
            self.column += key.len() + 1;
            self.whitespace = false;
            self.indention = false;
            self.open_ended = false;
            return;
        }
        self.write_indent();
        let key_scalar = string_scalar(key);
        // The analysis is made once for the check and the style.
        let analysis = analyze(key);
        // yaml_emitter_check_simple_key: one line, at most 128 bytes.
        let simple = !analysis.multiline && key.len() <= 128;
        if simple {
            self.scalar_analyzed(&key_scalar, &analysis, Context::SimpleKey);
            self.indicator(":", false, false, false);
        } else {
            self.indicator("?", true, false, true);
            self.scalar_analyzed(&key_scalar, &analysis, Context::Mapping);
            self.write_indent();
            self.indicator(":", true, false, true);
        }
    }

    /// Writes `value`. The entries of the mappings being written are kept on one
    /// stack (`scratch`), each mapping's above its parent's: sorting a mapping's
    /// keys then allocates nothing (a listing of thousands of pods has hundreds
    /// of thousands of mappings).
    fn node<'a>(
        &mut self,
        value: &'a Value,
        context: Context,
        scratch: &mut Vec<(&'a str, &'a Value)>,
    ) {
        match value {
            Value::Tagged(t) => self.node(&t.value, context, scratch),
            Value::Mapping(map) if map.is_empty() => self.empty_flow("{", "}"),
            Value::Sequence(items) if items.is_empty() => self.empty_flow("[", "]"),
            Value::Mapping(map) => {
                let start = scratch.len();
                let saved = self.increase_indent(false, false);
                if map.keys().all(Value::is_string) {
                    scratch.extend(map.iter().filter_map(|(k, v)| Some((k.as_str()?, v))));
                    let end = scratch.len();
                    super::json::sort_keys(&mut scratch[start..end], key_less);
                    for i in start..end {
                        let (key, value) = scratch[i];
                        self.key(key);
                        self.node(value, Context::Mapping, scratch);
                    }
                    scratch.truncate(start);
                } else {
                    // Keys other than strings (never in API objects) are written
                    // from their own text.
                    let mut entries: Vec<(String, &Value)> =
                        map.iter().map(|(k, v)| (key_string(k), v)).collect();
                    taintlab_core::sort::sort_by(&mut entries, |a, b| key_less(&a.0, &b.0));
                    for (key, value) in &entries {
                        self.key(key);
                        self.node(value, Context::Mapping, &mut Vec::new());
                    }
                }
                self.indent = saved;
            }
            Value::Sequence(items) => {
                let indentless = context == Context::Mapping && !self.indention;
                let saved = self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.indicator("-", true, false, true);
                    self.node(item, Context::Sequence, scratch);
                }
                self.indent = saved;
            }
            _ => self.scalar(&scalar(value), context),
        }
    }

    /// Writes a [`Node`] as [`Emitter::node`] writes the `Value` it stands for
    /// ([`Node::to_value`]); `scratch` as there.
    fn tree<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        context: Context,
        scratch: &mut Vec<(&'n str, &'n Node<'a>)>,
    ) {
        match node {
            Node::Value(v) => self.node(v, context, &mut Vec::new()),
            Node::Shared(n) => self.tree(n, context, scratch),
            Node::Map(entries) if entries.is_empty() => self.empty_flow("{", "}"),
            Node::Seq(items) if items.is_empty() => self.empty_flow("[", "]"),
            Node::Map(entries) => {
                let start = scratch.len();
                let saved = self.increase_indent(false, false);
                scratch.extend(entries.iter().map(|(k, v)| (k.as_ref(), v)));
                let end = scratch.len();
                super::json::sort_keys(&mut scratch[start..end], key_less);
                for i in start..end {
                    let (key, value) = scratch[i];
                    self.key(key);
                    self.tree(value, Context::Mapping, scratch);
                }
                scratch.truncate(start);
                self.indent = saved;
            }
            Node::Seq(items) => {
                let indentless = context == Context::Mapping && !self.indention;
                let saved = self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.indicator("-", true, false, true);
                    self.tree(item, Context::Sequence, scratch);
                }
                self.indent = saved;
            }
            Node::Str(s) if context != Context::SimpleKey && is_plain_word(s) => {
                // What [`Emitter::plain`] does for a word: no space to fold at.
                if !self.whitespace {
                    self.put(' ');
                }
                self.out.push_str(s);
                self.column += s.len();
                self.whitespace = false;
                self.indention = false;
                if context == Context::Root {
                    self.open_ended = true;
                }
            }
            Node::Str(s) => self.scalar(&string_scalar(s), context),
            Node::Number(n) if context != Context::SimpleKey && !n.is_f64() => match n.as_i64() {
                Some(i) => self.plain_integer(i, context),
                None => self.scalar(&number_scalar(n), context),
            },
            Node::Int(i) if context != Context::SimpleKey => self.plain_integer(*i, context),
            Node::Int(i) => {
                let mut text = String::new();
                super::json::integer(&mut text, *i);
                let scalar = Scalar {
                    text: Cow::Owned(text),
                    style: Style::Plain,
                };
                self.scalar(&scalar, context);
            }
            Node::Number(n) => self.scalar(&number_scalar(n), context),
            Node::Null => self.scalar(&scalar(&Value::Null), context),
            Node::Bool(b) => self.scalar(&scalar(&Value::Bool(*b)), context),
        }
    }

    /// What [`Emitter::plain`] does for an integer (`encoder.intv` writes it
    /// plain; digits and a sign are no indicator), without a `String` for it.
    fn plain_integer(&mut self, i: i64, context: Context) {
        if !self.whitespace {
            self.put(' ');
        }
        let before = self.out.len();
        super::json::integer(&mut self.out, i);
        self.column += self.out.len() - before;
        self.whitespace = false;
        self.indention = false;
        if context == Context::Root {
            self.open_ended = true;
        }
    }

    /// An empty mapping or sequence: `{}` or `[]` (flow style).
    fn empty_flow(&mut self, open: &str, close: &str) {
        self.indicator(open, true, true, false);
        self.indicator(close, false, false, false);
    }

    /// Models `yaml_emitter_emit_scalar`.
    fn scalar(&mut self, scalar: &Scalar, context: Context) {
        self.scalar_analyzed(scalar, &analyze(&scalar.text), context);
    }

    /// [`Emitter::scalar`] with the text's analysis made.
    fn scalar_analyzed(&mut self, scalar: &Scalar, analysis: &Analysis, context: Context) {
        let simple_key = context == Context::SimpleKey;
        let style = select_style(scalar.style, analysis, simple_key);
        let saved = self.increase_indent(true, false);
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => self.plain(&scalar.text, allow_breaks, context == Context::Root),
            Style::Single => self.single_quoted(&scalar.text, allow_breaks),
            Style::Double => self.double_quoted(&scalar.text, allow_breaks),
            Style::Literal => self.literal(&scalar.text),
        }
        self.indent = saved;
    }

    /// Models `yaml_emitter_write_plain_scalar`.
    fn plain(&mut self, text: &str, allow_breaks: bool, root: bool) {
        if !text.is_empty() && !self.whitespace {
            self.put(' ');
        }
        if !allow_breaks || !text.contains(' ') {
            // No space to fold at: every character is put as it is (the loop
            // below would do the same, one character at a time).
            self.out.push_str(text);
            self.column += if text.is_ascii() {
                text.len()
            } else {
                text.chars().count()
            };
            if !text.is_empty() {
                self.indention = false;
            }
        } else {
            self.plain_folded(text, allow_breaks);
        }
        self.whitespace = false;
        self.indention = false;
        if root {
            self.open_ended = true;
        }
    }

    /// [`Emitter::plain`]'s characters when a space may fold the line.
    fn plain_folded(&mut self, text: &str, allow_breaks: bool) {
        let chars: Vec<char> = text.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
    }

    /// Models `yaml_emitter_write_single_quoted_scalar` (no line breaks reach it).
    fn single_quoted(&mut self, text: &str, allow_breaks: bool) {
        self.indicator("'", true, false, false);
        let chars: Vec<char> = text.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < chars.len()
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        self.indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// Models `yaml_emitter_write_double_quoted_scalar`.
    fn double_quoted(&mut self, text: &str, allow_breaks: bool) {
        self.indicator("\"", true, false, false);
        // Timestamps, `"True"`, numbers as strings: printable ASCII with no
        // blank, quote or backslash is copied as it is (the loop below would put
        // each character unchanged and never fold).
        if text
            .bytes()
            .all(|b| (0x21..=0x7E).contains(&b) && b != b'"' && b != b'\\')
        {
            self.out.push_str(text);
            self.column += text.len();
            self.indicator("\"", false, false, false);
            self.whitespace = false;
            self.indention = false;
            return;
        }
        self.double_quoted_walk(text, allow_breaks);
    }

    /// [`Emitter::double_quoted`] character by character, after the opening quote.
    fn double_quoted_walk(&mut self, text: &str, allow_breaks: bool) {
        let chars: Vec<char> = text.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{FEFF}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let code = c as u32;
                match c {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{b}' => self.put('v'),
                    '\u{c}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1b}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{a0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    _ => {
                        let (prefix, width) = if code <= 0xFF {
                            ('x', 2)
                        } else if code <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(prefix);
                        for hex in format!("{code:0width$X}").chars() {
                            self.put(hex);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < chars.len()
                {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// Models `yaml_emitter_write_literal_scalar` with its block scalar hints.
    fn literal(&mut self, text: &str) {
        self.indicator("|", true, false, false);
        let chars: Vec<char> = text.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.indicator("2", false, false, false);
        }
        self.open_ended = false;
        let last_break = chars.last().is_some_and(|&c| is_break(c));
        if !last_break {
            self.indicator("-", false, false, false);
        } else if chars.len() == 1 || chars.get(chars.len() - 2).is_some_and(|&c| is_break(c)) {
            self.indicator("+", false, false, false);
            self.open_ended = true;
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.put_break();
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                    breaks = false;
                }
                self.put(c);
                self.indention = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml::Mapping;

    fn yaml(text: &str) -> String {
        marshal(&serde_yaml::from_str(text).unwrap_or(Value::Null))
    }

    #[test]
    fn block_layout_as_goyaml_writes_it() {
        let got = yaml(
            "spec: {containers: [{name: nginx, image: nginx, ports: [{containerPort: 80}]}], empty: {}, none: []}\nb: [[1, 2], {}]\n",
        );
        assert_eq!(
            got,
            "b:\n- - 1\n  - 2\n- {}\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    ports:\n    - containerPort: 80\n  empty: {}\n  none: []\n"
        );
    }

    #[test]
    fn quoting_follows_resolve_and_the_emitter() {
        let cases = [
            ("\"\"", "\"\""),
            ("\"true\"", "\"true\""),
            ("\"yes\"", "\"yes\""),
            ("\"123\"", "\"123\""),
            ("\"0x1F\"", "\"0x1F\""),
            ("\"1.5\"", "\"1.5\""),
            ("\"1e3\"", "\"1e3\""),
            ("\"08\"", "\"08\""),
            ("\"1:20\"", "\"1:20\""),
            ("\"2026-01-01T00:00:05Z\"", "\"2026-01-01T00:00:05Z\""),
            ("\"2026-01-01\"", "\"2026-01-01\""),
            ("\"null\"", "\"null\""),
            ("\"*\"", "'*'"),
            ("\"a: b\"", "'a: b'"),
            ("\"it's\"", "it's"),
            ("\"it's #1\"", "'it''s #1'"),
            ("\"x #y\"", "'x #y'"),
            ("\"- a\"", "'- a'"),
            ("\" lead\"", "' lead'"),
            ("\"tab\\there\"", "\"tab\\there\""),
            ("\"10.244.1.2\"", "10.244.1.2"),
            ("\"v1.36.0\"", "v1.36.0"),
            ("\"25%\"", "25%"),
            ("\"-\"", "'-'"),
            ("\"abc\\n\"", "|\n  abc"),
            ("\"abc\"", "abc"),
        ];
        for (input, want) in cases {
            assert_eq!(
                yaml(&format!("k: {input}\n")),
                format!("k: {want}\n"),
                "{input}"
            );
        }
        assert_eq!(yaml("k: \"a\\nb\"\n"), "k: |-\n  a\n  b\n");
        assert_eq!(yaml("k: \"a\\n\\nb\\n\"\n"), "k: |\n  a\n\n  b\n");
        assert_eq!(
            yaml("k: 1.5\nj: 1000000.0\nn: null\nt: true\n"),
            "j: 1e+06\nk: 1.5\n\"n\": null\nt: true\n"
        );
        assert_eq!(yaml("\"\": x\n\"1\": y\n"), "\"\": x\n\"1\": \"y\"\n");
    }

    #[test]
    fn long_lines_fold_past_column_80() {
        let message = "0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
        let got = yaml(&format!(
            "conditions:\n- message: {}\n",
            serde_yaml::to_string(message)
                .unwrap_or_default()
                .trim_end()
        ));
        assert_eq!(
            got,
            "conditions:\n- message: '0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master:\n    }, 1 node(s) didn''t match Pod''s node affinity/selector. preemption: 0/2 nodes\n    are available: 2 Preemption is not helpful for scheduling.'\n"
        );
    }

    #[test]
    fn a_list_written_item_by_item_is_the_list_marshalled_whole() {
        let parse = |text: &str| serde_yaml::from_str(text).unwrap_or(Value::Null);
        let items: [Value; 3] = [
            parse("kind: Pod\nmetadata: {name: a, labels: {app: x}}\nspec: {containers: []}\n"),
            parse(
                "kind: Pod\nmetadata: {name: 'b<'}\nstatus: {phase: Running, n: 3, m: 'a\n b'}\n",
            ),
            parse("- [1, {}]\n- {1: x, true: y}\n"),
        ];
        for n in 0..=items.len() {
            let mut list: Value =
                parse("apiVersion: v1\nitems: []\nkind: List\nmetadata: {resourceVersion: ''}\n");
            if let Some(Value::Sequence(seq)) = list.get_mut("items") {
                seq.extend(items[..n].iter().cloned());
            }
            let mut written = items[..n].iter().cloned().map(Node::value);
            assert_eq!(marshal_list(&mut written), marshal(&list), "{n} items");
        }
    }

    #[test]
    fn the_fast_analysis_agrees_with_the_walk() {
        let pieces = [
            "a", "-", ":", "?", "#", ".", "...", "---", "'", "\"", "0", "x:", "!", "%", "@", "`",
            ",", "[", "}", "|", ">", "&", "*", "~", "/", "_", "=",
        ];
        for a in pieces {
            for b in pieces {
                for c in ["", "a", ":", "#", "-"] {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(analyze(&s), analyze_walk(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn plain_words_take_the_general_path_s_choices() {
        let words = [
            "a",
            "name",
            "no",
            "No",
            "null",
            "true",
            "y",
            "off",
            "On",
            "Yes",
            "yes1",
            "nan",
            "apiVersion",
            "kube-api-access-x2f9k",
            "v1.36.0",
            "a/b",
            "x_y",
            "n.",
            "t-",
            "offset",
            "False",
            "FALSE",
        ];
        for w in words {
            let plain = is_plain_word(w);
            let general = string_scalar(w).style == Style::Plain && analyze(w).block_plain;
            assert_eq!(plain, general, "{w}");
            let mut map = Mapping::new();
            map.insert(Value::String(w.to_string()), Value::String(w.to_string()));
            let node = Node::Map(vec![(Cow::Borrowed(w), Node::Str(Cow::Borrowed(w)))]);
            assert_eq!(marshal_node(&node), marshal(&Value::Mapping(map)), "{w}");
            let seq = Node::Seq(vec![Node::Str(Cow::Borrowed(w))]);
            assert_eq!(marshal_node(&seq), marshal(&seq.to_value()), "{w}");
            assert_eq!(
                marshal_node(&Node::Str(Cow::Borrowed(w))),
                marshal(&Value::String(w.to_string())),
                "{w}"
            );
        }
        for i in [0, 7, -3, 420, i64::MIN, i64::MAX] {
            let node = Node::Map(vec![(
                Cow::Borrowed("n"),
                Node::Seq(vec![
                    Node::Int(i),
                    Node::Map(vec![(Cow::Borrowed("i"), Node::Int(i))]),
                ]),
            )]);
            assert_eq!(marshal_node(&node), marshal(&node.to_value()), "{i}");
            assert_eq!(
                marshal_node(&Node::Int(i)),
                marshal(&Node::Int(i).to_value()),
                "{i}"
            );
        }
    }

    #[test]
    fn quoted_text_copied_whole_is_the_walk_s_text() {
        for text in [
            "2026-01-01T00:00:05Z",
            "True",
            "1",
            "0x1F",
            "a\"b",
            "a\\b",
            "a b",
            "tab\there",
            "\u{7f}",
            "é",
        ] {
            for column in [0, 79, 81, 200] {
                let mut fast = Emitter::new();
                fast.column = column;
                fast.whitespace = false;
                fast.double_quoted(text, true);
                let mut walk = Emitter::new();
                walk.column = column;
                walk.whitespace = false;
                walk.indicator("\"", true, false, false);
                walk.double_quoted_walk(text, true);
                assert_eq!(fast.out, walk.out, "{text:?} at {column}");
                assert_eq!(fast.column, walk.column, "{text:?} at {column}");
                assert_eq!(
                    (fast.whitespace, fast.indention, fast.open_ended),
                    (walk.whitespace, walk.indention, walk.open_ended),
                    "{text:?} at {column}"
                );
            }
        }
    }

    #[test]
    fn keys_sort_as_goyaml_sorts_them() {
        let mut keys = vec!["b", "a10", "a2", "A", "_x", "a-b", "ab", "a.b", "a"];
        taintlab_core::sort::sort_by(&mut keys, |a, b| key_less(a, b));
        assert_eq!(keys, ["_x", "A", "a", "a-b", "a.b", "a2", "a10", "ab", "b"]);
        assert_eq!(go_float_g(0.5), "0.5");
        assert_eq!(go_float_g(1e21), "1e+21");
        assert_eq!(go_float_g(123456.0), "123456");
        assert_eq!(go_float_g(1234567.0), "1.234567e+06");
        assert_eq!(go_float_g(1e-5), "1e-05");
    }
}
