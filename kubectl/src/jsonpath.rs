//! `-o jsonpath=TEMPLATE`: a port of `k8s.io/client-go/util/jsonpath` (parser.go,
//! jsonpath.go) and of kubectl's printer around it
//! (`cli-runtime/pkg/printers/jsonpath.go: JSONPathPrinter.PrintObj`,
//! `genericclioptions/jsonpath_flags.go: ToPrinter`), with upstream's error texts.
//!
//! kubectl evaluates the template over the unstructured object
//! (`map[string]interface{}`): maps, `[]interface{}`, strings, `int64`, `float64`,
//! bools and nil. Where Go iterates a map in random order (`*`, `..`), keys are
//! taken in sorted order here so output is deterministic.

use crate::encode::json;
use crate::encode::yaml::{go_float_g, is_letter};
use serde_yaml::Value;
use taintlab_core::api::field_value::go_quote;

/// One parsed template node (`node.go`).
#[derive(Debug, Clone, PartialEq)]
enum Node {
    List(Vec<Node>),
    Text(String),
    Field(String),
    Array([Param; 3]),
    Filter {
        left: Vec<Node>,
        right: Vec<Node>,
        operator: String,
    },
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Identifier(String),
}

/// `ParamsEntry`: one of start, end and step of `[start:end:step]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Param {
    value: i64,
    known: bool,
    derived: bool,
}

/// Parses a template (`jsonpath.Parse`) into its top-level nodes.
fn parse(text: &str) -> Result<Vec<Node>, String> {
    let mut p = Parser {
        input: text,
        pos: 0,
        start: 0,
        width: 0,
        root: Vec::new(),
        scratch: Vec::new(),
    };
    p.run()?;
    Ok(p.root)
}

/// Models `parseAction`: parses `{text}` and returns the action's nodes.
fn parse_action(text: &str) -> Result<Vec<Node>, String> {
    let nodes = parse(&format!("{{{text}}}"))?;
    Ok(match nodes.into_iter().next() {
        Some(Node::List(nodes)) => nodes,
        _ => Vec::new(),
    })
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    width: usize,
    root: Vec<Node>,
    /// Never used: what `cur` would return if the root had no action open.
    scratch: Vec<Node>,
}

/// `isTerminator`.
fn is_terminator(r: Option<char>) -> bool {
    match r {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
        ),
    }
}

/// `isAlphaNumeric` (non-ASCII characters count as letters; see `is_letter`).
fn is_alphanumeric(r: Option<char>) -> bool {
    r.is_some_and(|c| c == '_' || is_letter(c) || c.is_ascii_digit())
}

/// Go's `unicode.IsControl` and the C1 range `strconv.IsPrint` rejects.
fn is_control(c: char) -> bool {
    (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32))
}

impl Parser<'_> {
    fn next(&mut self) -> Option<char> {
        match self.input.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) => {
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
            None => {
                self.width = 0;
                None
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        let r = self.next();
        self.backup();
        r
    }

    fn backup(&mut self) {
        self.pos -= self.width;
    }

    fn consume(&mut self) -> String {
        let value = self
            .input
            .get(self.start..self.pos)
            .unwrap_or("")
            .to_string();
        self.start = self.pos;
        value
    }

    fn rest(&self) -> &str {
        self.input.get(self.pos..).unwrap_or("")
    }

    /// The byte two before the current position (`p.input[p.pos-2]`).
    fn byte_before_last(&self) -> Option<u8> {
        self.pos
            .checked_sub(2)
            .and_then(|i| self.input.as_bytes().get(i).copied())
    }

    /// The action being filled (the last list at the top level).
    fn cur(&mut self) -> &mut Vec<Node> {
        if !matches!(self.root.last(), Some(Node::List(_))) {
            self.root.push(Node::List(Vec::new()));
        }
        match self.root.last_mut() {
            Some(Node::List(nodes)) => nodes,
            _ => &mut self.scratch,
        }
    }

    /// `parseText`, `parseLeftDelim`, `parseInsideAction` and `parseRightDelim`,
    /// as a loop.
    fn run(&mut self) -> Result<(), String> {
        loop {
            // parseText
            let mut delim = false;
            loop {
                if self.rest().starts_with('{') {
                    delim = true;
                    break;
                }
                if self.next().is_none() {
                    break;
                }
            }
            if self.pos > self.start {
                let text = self.consume();
                self.root.push(Node::Text(text));
            }
            if !delim {
                return Ok(());
            }
            // parseLeftDelim
            self.pos += 1;
            self.consume();
            self.root.push(Node::List(Vec::new()));
            // parseInsideAction
            loop {
                if self.rest().starts_with('}') {
                    self.pos += 1;
                    self.consume();
                    break;
                }
                if self.rest().starts_with("[?(") {
                    self.parse_filter()?;
                    continue;
                }
                if self.rest().starts_with("..") {
                    self.parse_recursive()?;
                    continue;
                }
                match self.next() {
                    None | Some('\r' | '\n') => return Err("unclosed action".to_string()),
                    Some(' ' | '@' | '$') => {
                        self.consume();
                    }
                    Some('[') => self.parse_array()?,
                    Some(q @ ('"' | '\'')) => self.parse_quote(q)?,
                    Some('.') => self.parse_field(),
                    Some(c) if c == '+' || c == '-' || c.is_ascii_digit() => {
                        self.backup();
                        self.parse_number()?;
                    }
                    r if is_alphanumeric(r) => {
                        self.backup();
                        self.parse_identifier();
                    }
                    Some(c) => {
                        return Err(format!(
                            "unrecognized character in action: {}",
                            go_sharp_u(c)
                        ));
                    }
                }
            }
        }
    }

    fn parse_identifier(&mut self) {
        loop {
            let r = self.next();
            if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume();
        let node = match value.as_str() {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            _ => Node::Identifier(value),
        };
        self.cur().push(node);
    }

    fn parse_recursive(&mut self) -> Result<(), String> {
        if matches!(self.cur().last(), Some(Node::Recursive)) {
            return Err("invalid multiple recursive descent".to_string());
        }
        self.pos += 2;
        self.consume();
        self.cur().push(Node::Recursive);
        if is_alphanumeric(self.peek()) {
            self.parse_field();
        }
        Ok(())
    }

    fn parse_number(&mut self) -> Result<(), String> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        loop {
            let r = self.next();
            if !r.is_some_and(|c| c == '.' || c.is_ascii_digit()) {
                self.backup();
                break;
            }
        }
        let value = self.consume();
        let node = if let Ok(i) = value.parse::<i64>() {
            Node::Int(i)
        } else if let Some(f) = go_parse_float(&value) {
            Node::Float(f)
        } else {
            return Err(format!("cannot parse number {value}"));
        };
        self.cur().push(node);
        Ok(())
    }

    fn parse_array(&mut self) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".to_string()),
                Some(']') => break,
                Some(_) => {}
            }
        }
        let text = self.consume();
        let inner = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
        let inner = if inner == "*" { ":" } else { inner };
        // union operator
        let parts: Vec<&str> = inner.split(',').collect();
        if parts.len() > 1 {
            let mut union = Vec::new();
            for part in parts {
                union.push(parse_action(&format!("[{}]", part.trim_matches(' ')))?);
            }
            self.cur().push(Node::Union(union));
            return Ok(());
        }
        // dict key: ^'([^']*)'$
        if inner.len() >= 2
            && inner.starts_with('\'')
            && inner.ends_with('\'')
            && !inner[1..inner.len() - 1].contains('\'')
        {
            let nodes = parse_action(&format!(".{}", &inner[1..inner.len() - 1]))?;
            self.cur().extend(nodes);
            return Ok(());
        }
        let groups = slice_groups(inner).ok_or_else(|| format!("invalid array index {inner}"))?;
        let mut params = [Param::default(); 3];
        for i in 0..3 {
            let group = groups[i];
            if !group.is_empty() {
                let digits = if i > 0 { &group[1..] } else { group };
                if i > 0 && digits.is_empty() {
                    params[i].known = false;
                } else {
                    params[i].known = true;
                    params[i].value = digits
                        .parse::<i64>()
                        .map_err(|_| format!("array index {digits} is not a number"))?;
                }
            } else if i == 1 {
                params[i] = Param {
                    value: params[0].value.saturating_add(1),
                    known: true,
                    derived: true,
                };
            }
        }
        self.cur().push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let (mut begin, mut end) = (false, false);
        let mut pair = '"';
        loop {
            let r = self.next();
            match r {
                None | Some('\n') => return Err("unterminated filter".to_string()),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    if self.byte_before_last() != Some(b'\\') && q == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                Some(_) => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".to_string());
        }
        let text = self.consume();
        let text = text.get(..text.len().saturating_sub(2)).unwrap_or("");
        let node = match split_comparison(text) {
            None => Node::Filter {
                left: parse_action(text)?,
                right: Vec::new(),
                operator: "exists".to_string(),
            },
            Some((left, operator, right)) => Node::Filter {
                left: parse_action(left)?,
                right: parse_action(right)?,
                operator: operator.to_string(),
            },
        };
        self.cur().push(node);
        Ok(())
    }

    fn parse_quote(&mut self, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".to_string()),
                Some(c) if c == end && self.byte_before_last() != Some(b'\\') => break,
                Some(_) => {}
            }
        }
        let value = self.consume();
        let text = unquote_extend(&value)
            .ok_or_else(|| format!("unquote string {value} error invalid syntax"))?;
        self.cur().push(Node::Text(text));
        Ok(())
    }

    fn parse_field(&mut self) {
        self.consume();
        loop {
            let r = self.next();
            if r == Some('\\') {
                self.next();
            } else if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume();
        let node = if value == "*" {
            Node::Wildcard
        } else {
            Node::Field(value.replace('\\', ""))
        };
        self.cur().push(node);
    }
}

/// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`: the three groups (empty when absent).
fn slice_groups(text: &str) -> Option<[&str; 3]> {
    let b = text.as_bytes();
    let mut groups = [""; 3];
    let mut i = 0;
    for (n, group) in groups.iter_mut().enumerate() {
        let start = i;
        if n > 0 {
            if b.get(i) != Some(&b':') {
                break;
            }
            i += 1;
        }
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        *group = &text[start..i];
    }
    (i == b.len()).then_some(groups)
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$` on a filter's text.
fn split_comparison(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let at = text.find(is_op)?;
    if at == 0 {
        return None;
    }
    let mut end = text[at..]
        .find(|c: char| !is_op(c))
        .map_or(text.len(), |n| at + n);
    if end == text.len() {
        // The right side needs at least one character: give back an operator one.
        if end - at < 2 {
            return None;
        }
        end -= 1;
    }
    let right = &text[end..];
    if right.contains('\n') || right.is_empty() {
        return None;
    }
    Some((&text[..at], &text[at..end], right))
}

/// `strconv.ParseFloat` for the digits-and-dots text `parseNumber` collects.
fn go_parse_float(text: &str) -> Option<f64> {
    let digits = text.trim_start_matches(['+', '-']);
    if digits.is_empty() || digits == "." || digits.matches('.').count() > 1 {
        return None;
    }
    text.parse().ok()
}

/// Models `UnquoteExtend`: `strconv.Unquote` that also takes single quotes.
fn unquote_extend(s: &str) -> Option<String> {
    let quote = s.chars().next()?;
    if s.len() < 2 || !s.ends_with(quote) || !(quote == '"' || quote == '\'') {
        return None;
    }
    let body = &s[1..s.len() - 1];
    if !body.contains('\\') && !body.contains(quote) {
        return Some(body.to_string());
    }
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = chars.next()?;
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| {
            let digits: String = (0..n).filter_map(|_| chars.next()).collect();
            if digits.len() == n {
                u32::from_str_radix(&digits, 16).ok()
            } else {
                None
            }
        };
        match escaped {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '\'' | '"' if escaped == quote => out.push(escaped),
            'x' => out.push(char::from_u32(hex(&mut chars, 2)?)?),
            'u' => out.push(char::from_u32(hex(&mut chars, 4)?)?),
            'U' => out.push(char::from_u32(hex(&mut chars, 8)?)?),
            '0'..='7' => {
                let mut value = escaped.to_digit(8)?;
                for _ in 0..2 {
                    value = value * 8 + chars.next()?.to_digit(8)?;
                }
                if value > 255 {
                    return None;
                }
                out.push(char::from_u32(value)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// fmt's `%#U`: `U+0021 '!'` (the character only when printable).
fn go_sharp_u(c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    if is_control(c) {
        code
    } else {
        format!("{code} '{c}'")
    }
}

/// A value during evaluation: a reference into the object, a value made by
/// the template (literals and text), or Go's invalid `reflect.Value` (the data of
/// a range with no items).
#[derive(Debug, Clone)]
enum Val<'a> {
    Invalid,
    Ref(&'a Value),
    Own(Value, Literal),
}

/// What Go type a template-made value has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Literal {
    Str,
    Int,
    Float,
    Bool,
    Byte,
}

impl Val<'_> {
    fn value(&self) -> Option<&Value> {
        match self {
            Val::Invalid => None,
            Val::Ref(v) => Some(untag(v)),
            Val::Own(v, _) => Some(v),
        }
    }

    /// Models `template.Indirect` plus `reflect.Value.Kind` checks: `None` for nil.
    fn indirect(&self) -> Option<&Value> {
        self.value().filter(|v| !v.is_null())
    }

    /// `value.Type()` as `%v` prints it.
    fn type_name(&self) -> &'static str {
        match self {
            Val::Invalid => "<invalid reflect.Value>",
            Val::Own(_, Literal::Str) => "string",
            Val::Own(_, Literal::Int) => "int",
            Val::Own(_, Literal::Float) => "float64",
            Val::Own(_, Literal::Bool) => "bool",
            Val::Own(_, Literal::Byte) => "uint8",
            Val::Ref(v) => match untag(v) {
                Value::Mapping(_) => "map[string]interface {}",
                Value::Sequence(_) => "[]interface {}",
                Value::String(_) => "string",
                Value::Bool(_) => "bool",
                Value::Number(n) if n.is_f64() => "float64",
                Value::Number(_) => "int64",
                Value::Null | Value::Tagged(_) => "interface {}",
            },
        }
    }
}

fn untag(v: &Value) -> &Value {
    match v {
        Value::Tagged(t) => untag(&t.value),
        other => other,
    }
}

/// Map entries in sorted key order.
fn sorted_entries(map: &serde_yaml::Mapping) -> Vec<(String, &Value)> {
    let mut entries: Vec<(String, &Value)> =
        map.iter().map(|(k, v)| (json::key_string(k), v)).collect();
    taintlab_core::sort::sort_by(&mut entries, |a, b| a.0 < b.0);
    entries
}

/// The interpreter state (`JSONPath`).
struct Eval {
    allow_missing_keys: bool,
    begin_range: usize,
    in_range: usize,
    end_range: usize,
    last_end: Option<usize>,
}

type Results<'a> = Result<Vec<Val<'a>>, String>;

impl Eval {
    /// Models `FindResults`; `offset` places `nodes` in the top-level list, so the
    /// last `{end}` can be found again (upstream compares node addresses).
    fn find_results<'a>(
        &mut self,
        data: Val<'a>,
        nodes: &'a [Node],
        offset: usize,
    ) -> Result<Vec<Vec<Val<'a>>>, String> {
        let cur = vec![data];
        let mut full = Vec::new();
        let mut i = 0;
        while i < nodes.len() {
            let results = self.walk(&cur, &nodes[i])?;
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                self.last_end = Some(offset + i);
                break;
            }
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                let rest = &nodes[i + 1..];
                if results.is_empty() {
                    self.find_results(Val::Invalid, rest, offset + i + 1)?;
                } else {
                    for value in results {
                        full.extend(self.find_results(value, rest, offset + i + 1)?);
                    }
                }
                self.in_range -= 1;
                if let Some(k) = (i + 1..nodes.len()).find(|k| Some(offset + k) == self.last_end) {
                    i = k;
                }
                i += 1;
                continue;
            }
            full.push(results);
            i += 1;
        }
        Ok(full)
    }

    fn walk<'a>(&mut self, input: &[Val<'a>], node: &'a Node) -> Results<'a> {
        match node {
            Node::List(nodes) => self.eval_list(input, nodes),
            Node::Text(text) => Ok(vec![Val::Own(Value::String(text.clone()), Literal::Str)]),
            Node::Field(name) => self.eval_field(input, name),
            Node::Array(params) => eval_array(input, *params),
            Node::Filter {
                left,
                right,
                operator,
            } => self.eval_filter(input, left, right, operator),
            Node::Int(i) => Ok(input
                .iter()
                .map(|_| Val::Own(Value::Number((*i).into()), Literal::Int))
                .collect()),
            Node::Float(f) => Ok(input
                .iter()
                .map(|_| Val::Own(Value::Number((*f).into()), Literal::Float))
                .collect()),
            Node::Bool(b) => Ok(input
                .iter()
                .map(|_| Val::Own(Value::Bool(*b), Literal::Bool))
                .collect()),
            Node::Wildcard => Ok(children(input)),
            Node::Recursive => Ok(recursive(input)),
            Node::Union(lists) => {
                let mut result = Vec::new();
                for list in lists {
                    result.extend(self.eval_list(input, list)?);
                }
                Ok(result)
            }
            Node::Identifier(name) => match name.as_str() {
                "range" => {
                    self.begin_range += 1;
                    Ok(input.to_vec())
                }
                "end" => {
                    if self.in_range > 0 {
                        self.end_range += 1;
                        Ok(Vec::new())
                    } else {
                        Err("not in range, nothing to end".to_string())
                    }
                }
                other => Err(format!("unrecognized identifier {other}")),
            },
        }
    }

    fn eval_list<'a>(&mut self, input: &[Val<'a>], nodes: &'a [Node]) -> Results<'a> {
        let mut cur = input.to_vec();
        for node in nodes {
            cur = self.walk(&cur, node)?;
        }
        Ok(cur)
    }

    fn eval_field<'a>(&mut self, input: &[Val<'a>], name: &str) -> Results<'a> {
        let mut results = Vec::new();
        if input.is_empty() {
            return Ok(results);
        }
        for value in input {
            if let Val::Ref(v) = value
                && let Value::Mapping(map) = untag(v)
                && let Some(found) = lookup(map, name)
            {
                results.push(Val::Ref(found));
            }
        }
        if results.is_empty() && !self.allow_missing_keys {
            return Err(format!("{name} is not found"));
        }
        Ok(results)
    }

    fn eval_filter<'a>(
        &mut self,
        input: &[Val<'a>],
        left: &'a [Node],
        right: &'a [Node],
        operator: &str,
    ) -> Results<'a> {
        let mut results = Vec::new();
        for value in input {
            let items: &'a [Value] = match value {
                Val::Ref(v) => match untag(v) {
                    Value::Sequence(items) => items,
                    other => {
                        return Err(format!(
                            "{} is not array or slice and cannot be filtered",
                            go_v(other)
                        ));
                    }
                },
                Val::Own(v, _) => {
                    return Err(format!(
                        "{} is not array or slice and cannot be filtered",
                        go_v(v)
                    ));
                }
                Val::Invalid => {
                    return Err(
                        "<invalid reflect.Value> is not array or slice and cannot be filtered"
                            .to_string(),
                    );
                }
            };
            for item in items.iter().map(Val::Ref) {
                let temp = [item.clone()];
                let lefts = self.eval_list(&temp, left);
                if operator == "exists" {
                    if lefts.is_ok_and(|l| !l.is_empty()) {
                        results.push(item);
                    }
                    continue;
                }
                let lefts = lefts?;
                let left_value = match lefts.as_slice() {
                    [] => continue,
                    [one] => one.clone(),
                    _ => return Err("can only compare one element at a time".to_string()),
                };
                let rights = self.eval_list(&temp, right)?;
                let right_value = match rights.as_slice() {
                    [] => continue,
                    [one] => one.clone(),
                    _ => return Err("can only compare one element at a time".to_string()),
                };
                if compare(&left_value, &right_value, operator)? {
                    results.push(item);
                }
            }
        }
        Ok(results)
    }
}

/// `map[name]`, with the map's lifetime.
fn lookup<'m>(map: &'m serde_yaml::Mapping, name: &str) -> Option<&'m Value> {
    map.iter()
        .find(|(k, _)| json::key_string(k) == name)
        .map(|(_, v)| v)
}

/// Models `evalArray`.
fn eval_array<'a>(input: &[Val<'a>], node_params: [Param; 3]) -> Results<'a> {
    let mut result = Vec::new();
    for value in input {
        let items: &'a [Value] = match value {
            Val::Ref(v) => match untag(v) {
                Value::Sequence(items) => items,
                Value::Null => continue,
                _ => return Err(format!("{} is not array or slice", value.type_name())),
            },
            _ => return Err(format!("{} is not array or slice", value.type_name())),
        };
        let len = items.len() as i64;
        let mut params = node_params;
        if !params[0].known {
            params[0].value = 0;
        }
        if params[0].value < 0 {
            params[0].value += len;
        }
        if !params[1].known {
            params[1].value = len;
        }
        if params[1].value < 0 || (params[1].value == 0 && params[1].derived) {
            params[1].value += len;
        }
        if params[1].value == params[0].value {
            return Ok(result);
        }
        if params[0].value >= len || params[0].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                params[0].value
            ));
        }
        if params[1].value > len || params[1].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                params[1].value.saturating_sub(1)
            ));
        }
        if params[0].value > params[1].value {
            return Err(format!(
                "starting index {} is greater than ending index {}",
                params[0].value, params[1].value
            ));
        }
        let step = if params[2].known {
            if params[2].value <= 0 {
                return Err("step must be > 0".to_string());
            }
            usize::try_from(params[2].value).unwrap_or(usize::MAX)
        } else {
            1
        };
        let (from, to) = (params[0].value as usize, params[1].value as usize);
        result.extend(items[from..to].iter().step_by(step).map(Val::Ref));
    }
    Ok(result)
}

/// The children `*` and `..` visit: map values (sorted by key), slice items, and a
/// string's bytes.
fn children_of<'a>(value: &Val<'a>) -> Vec<Val<'a>> {
    match value {
        Val::Ref(v) => match untag(v) {
            Value::Mapping(map) => sorted_entries(map)
                .into_iter()
                .map(|(_, v)| Val::Ref(v))
                .collect(),
            Value::Sequence(items) => items.iter().map(Val::Ref).collect(),
            Value::String(s) => bytes(s),
            _ => Vec::new(),
        },
        Val::Own(Value::String(s), _) => bytes(s),
        _ => Vec::new(),
    }
}

fn bytes<'a>(s: &str) -> Vec<Val<'a>> {
    s.bytes()
        .map(|b| Val::Own(Value::Number(u64::from(b).into()), Literal::Byte))
        .collect()
}

/// Models `evalWildcard`.
fn children<'a>(input: &[Val<'a>]) -> Vec<Val<'a>> {
    input
        .iter()
        .filter(|v| v.indirect().is_some())
        .flat_map(children_of)
        .collect()
}

/// Models `evalRecursive`.
fn recursive<'a>(input: &[Val<'a>]) -> Vec<Val<'a>> {
    let mut result = Vec::new();
    for value in input {
        if value.indirect().is_none() {
            continue;
        }
        let kids = children_of(value);
        if !kids.is_empty() {
            result.push(value.clone());
            result.extend(recursive(&kids));
        }
    }
    result
}

/// Go's comparison kinds (`basicKind`).
#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Bool,
    Int,
    Uint,
    Float,
    Str,
}

fn kind(v: &Val<'_>) -> Result<Kind, String> {
    let bad = || "invalid type for comparison".to_string();
    match v {
        Val::Own(_, Literal::Byte) => Ok(Kind::Uint),
        _ => match v.value().ok_or_else(bad)? {
            Value::Bool(_) => Ok(Kind::Bool),
            Value::String(_) => Ok(Kind::Str),
            Value::Number(n) if n.is_f64() => Ok(Kind::Float),
            Value::Number(n) if n.is_i64() => Ok(Kind::Int),
            Value::Number(_) => Ok(Kind::Uint),
            _ => Err(bad()),
        },
    }
}

/// Models the forked `text/template` comparisons (`Equal`, `Less` and the others
/// built from them).
fn compare(left: &Val<'_>, right: &Val<'_>, operator: &str) -> Result<bool, String> {
    let (k1, k2) = (kind(left)?, kind(right)?);
    let (a, b) = (left.value(), right.value());
    let int = |v: Option<&Value>| v.and_then(Value::as_i64).unwrap_or(0);
    let uint = |v: Option<&Value>| v.and_then(Value::as_u64).unwrap_or(0);
    let float = |v: Option<&Value>| v.and_then(Value::as_f64).unwrap_or(0.0);
    let string = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
    let equal = || -> Result<bool, String> {
        Ok(match (k1, k2) {
            (Kind::Int, Kind::Uint) => int(a) >= 0 && int(a) as u64 == uint(b),
            (Kind::Uint, Kind::Int) => int(b) >= 0 && uint(a) == int(b) as u64,
            _ if k1 != k2 => return Err("incompatible types for comparison".to_string()),
            (Kind::Bool, _) => a.and_then(Value::as_bool) == b.and_then(Value::as_bool),
            (Kind::Float, _) => float(a) == float(b),
            (Kind::Int, _) => int(a) == int(b),
            (Kind::Uint, _) => uint(a) == uint(b),
            (Kind::Str, _) => string(a) == string(b),
        })
    };
    let less = || -> Result<bool, String> {
        Ok(match (k1, k2) {
            (Kind::Int, Kind::Uint) => int(a) < 0 || (int(a) as u64) < uint(b),
            (Kind::Uint, Kind::Int) => int(b) >= 0 && uint(a) < int(b) as u64,
            _ if k1 != k2 => return Err("incompatible types for comparison".to_string()),
            (Kind::Bool, _) => return Err("invalid type for comparison".to_string()),
            (Kind::Float, _) => float(a) < float(b),
            (Kind::Int, _) => int(a) < int(b),
            (Kind::Uint, _) => uint(a) < uint(b),
            (Kind::Str, _) => string(a) < string(b),
        })
    };
    match operator {
        "==" => equal(),
        "!=" => equal().map(|e| !e),
        "<" => less(),
        "<=" => Ok(less()? || equal()?),
        ">" => Ok(!(less()? || equal()?)),
        ">=" => less().map(|l| !l),
        other => Err(format!("unrecognized filter operator {other}")),
    }
}

/// Models `PrintResults`: each result as text (maps and slices as compact JSON),
/// separated by spaces.
fn print_results(out: &mut String, results: &[Val<'_>]) {
    for (i, r) in results.iter().enumerate() {
        match (r, r.value()) {
            (Val::Own(Value::Number(n), Literal::Float), _) => {
                out.push_str(&go_float_g(n.as_f64().unwrap_or(0.0)));
            }
            (_, Some(v @ (Value::Mapping(_) | Value::Sequence(_)))) => {
                out.push_str(&json::marshal(v));
            }
            (_, Some(v)) => out.push_str(&go_print(v)),
            (_, None) => out.push_str("<no value>"),
        }
        if i + 1 != results.len() {
            out.push(' ');
        }
    }
}

/// fmt's `Fprint` of a scalar from the object.
fn go_print(v: &Value) -> String {
    match untag(v) {
        Value::Null => "<nil>".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => go_float_g(n.as_f64().unwrap_or(0.0)),
        Value::Number(n) => json::number(n),
        other => go_v(other),
    }
}

/// fmt's `%v` of unstructured data: `map[k:v k2:v2]`, `[a b]`, `<nil>`.
fn go_v(v: &Value) -> String {
    match untag(v) {
        Value::Mapping(map) => {
            let entries: Vec<String> = sorted_entries(map)
                .into_iter()
                .map(|(k, v)| format!("{k}:{}", go_v(v)))
                .collect();
            format!("map[{}]", entries.join(" "))
        }
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(go_v).collect();
            format!("[{}]", items.join(" "))
        }
        other => go_print(other),
    }
}

/// fmt's `%#v` of unstructured data, as kubectl's error dump prints it:
/// `map[string]interface {}{"k":"v"}`, `[]interface {}{…}`, `interface {}(nil)`.
fn go_sharp_v(v: &Value) -> String {
    match untag(v) {
        Value::Mapping(map) => {
            let entries: Vec<String> = sorted_entries(map)
                .into_iter()
                .map(|(k, v)| format!("{}:{}", go_quote(&k), go_sharp_v(v)))
                .collect();
            format!("map[string]interface {{}}{{{}}}", entries.join(", "))
        }
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(go_sharp_v).collect();
            format!("[]interface {{}}{{{}}}", items.join(", "))
        }
        Value::String(s) => go_quote(s),
        Value::Null => "interface {}(nil)".to_string(),
        other => go_print(other),
    }
}

/// How `-o jsonpath` runs: `--allow-missing-template-keys` (default true) and
/// `-o jsonpath-as-json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `--allow-missing-template-keys`.
    pub allow_missing_keys: bool,
    /// `-o jsonpath-as-json`: each result set as an indented JSON array.
    pub as_json: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            allow_missing_keys: true,
            as_json: false,
        }
    }
}

/// Runs `template` over `data` (the object, or the `kind: List` of several) as
/// kubectl does. `Ok` holds standard output; `Err` holds what kubectl writes to
/// standard error, starting with `error: ` and ending in its newlines.
pub fn execute(template: &str, data: &Value, options: Options) -> Result<String, String> {
    if template.is_empty() {
        return Err("error: template format specified but no template given\n".to_string());
    }
    let nodes =
        parse(template).map_err(|e| format!("error: error parsing jsonpath {template}, {e}\n"))?;
    let mut eval = Eval {
        allow_missing_keys: options.allow_missing_keys,
        begin_range: 0,
        in_range: 0,
        end_range: 0,
        last_end: None,
    };
    match eval.find_results(Val::Ref(data), &nodes, 0) {
        Ok(full) => {
            let mut out = String::new();
            for results in full {
                if options.as_json {
                    let items: Vec<Value> = results
                        .iter()
                        .map(|r| r.value().cloned().unwrap_or(Value::Null))
                        .collect();
                    out.push_str(&json::marshal_indent(&Value::Sequence(items)));
                    out.push('\n');
                } else {
                    print_results(&mut out, &results);
                }
            }
            Ok(out)
        }
        Err(e) => Err(format!(
            "error: error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
            go_quote(template),
            go_sharp_v(data)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Value {
        serde_yaml::from_str(
            "apiVersion: v1\nkind: List\nmetadata: {resourceVersion: \"\"}\nitems:\n- metadata: {name: master, labels: {b: \"2\", a: \"1\"}}\n  spec:\n    taints: [{key: node-role.kubernetes.io/master, effect: NoSchedule}]\n  status:\n    conditions: [{type: MemoryPressure, status: \"False\"}, {type: Ready, status: \"True\"}]\n    capacity: {pods: 110}\n- metadata: {name: worker}\n  spec: {}\n  status:\n    conditions: [{type: Ready, status: \"False\"}]\n    capacity: {pods: 20}\n",
        )
        .unwrap_or(Value::Null)
    }

    fn run(template: &str) -> Result<String, String> {
        execute(template, &data(), Options::default())
    }

    #[test]
    fn common_templates() {
        assert_eq!(run("{.items[*].metadata.name}"), Ok("master worker".into()));
        assert_eq!(run("{.items[0].metadata.name}"), Ok("master".into()));
        assert_eq!(run("{.items[-1].metadata.name}"), Ok("worker".into()));
        assert_eq!(
            run("{range .items[*]}{.metadata.name}{\"\\t\"}{.status.capacity.pods}{\"\\n\"}{end}"),
            Ok("master\t110\nworker\t20\n".into())
        );
        assert_eq!(
            run("{.items[0].spec.taints}"),
            Ok(r#"[{"effect":"NoSchedule","key":"node-role.kubernetes.io/master"}]"#.into())
        );
        assert_eq!(
            run("{.items[0].metadata.labels}"),
            Ok(r#"{"a":"1","b":"2"}"#.into())
        );
        assert_eq!(
            run("{.items[*].status.conditions[?(@.type==\"Ready\")].status}"),
            Ok("True False".into())
        );
        assert_eq!(
            run("{.items[?(@.status.capacity.pods>100)].metadata.name}"),
            Ok("master".into())
        );
        assert_eq!(
            run("{.items[*].spec.taints[*].key}"),
            Ok("node-role.kubernetes.io/master".into())
        );
        assert_eq!(run("{.foo}"), Ok(String::new()));
        assert_eq!(
            run("names: {.items[*].metadata.name}!"),
            Ok("names: master worker!".into())
        );
        assert_eq!(
            run("{.items[0:2].metadata.name}"),
            Ok("master worker".into())
        );
        assert_eq!(run("{.items[0]['metadata']['name']}"), Ok("master".into()));
        assert_eq!(
            run("{.items[0,1].metadata.name}"),
            Ok("master worker".into())
        );
        assert_eq!(run("{.items[*].metadata.labels.*}"), Ok("1 2".into()));
        assert_eq!(run("{..name}"), Ok("master worker".into()));
        assert_eq!(run("{.metadata.resourceVersion}"), Ok(String::new()));
        assert_eq!(
            run("{.items[?(@.spec.taints)].metadata.name}"),
            Ok("master".into())
        );
        assert_eq!(
            run("{range .items[*]}[{.metadata.name}]{end} done"),
            Ok("[master][worker] done".into())
        );
        assert_eq!(
            run("{range .items[*]}{range .status.conditions[*]}{.type}={.status};{end}|{end}"),
            Ok("MemoryPressure=False;Ready=True;|Ready=False;|".into())
        );
        assert_eq!(run("{range .nothing[*]}x{end}y"), Ok("y".into()));
    }

    #[test]
    fn parse_errors_as_kubectl_prints_them() {
        let cases = [
            ("{.items[}", "unterminated array"),
            ("{.items", "unclosed action"),
            ("{.items[?(@.a==\"b\"}", "unterminated filter"),
            ("{\"abc}", "unterminated quoted string"),
            ("{.items[a]}", "invalid array index a"),
            ("{!}", "unrecognized character in action: U+0021 '!'"),
            ("{....a}", "invalid multiple recursive descent"),
        ];
        for (template, message) in cases {
            assert_eq!(
                run(template),
                Err(format!(
                    "error: error parsing jsonpath {template}, {message}\n"
                )),
                "{template}"
            );
        }
        assert_eq!(
            run(""),
            Err("error: template format specified but no template given\n".into())
        );
    }

    #[test]
    fn execution_errors_dump_the_object() {
        let small: Value =
            serde_yaml::from_str("kind: Pod\nmetadata: {name: p}\nspec: {n: 1, x: null, l: [a]}\n")
                .unwrap_or(Value::Null);
        let strict = Options {
            allow_missing_keys: false,
            as_json: false,
        };
        assert_eq!(
            execute("{.foo}", &small, strict),
            Err("error: error executing jsonpath \"{.foo}\": Error executing template: foo is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.foo}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"kind\":\"Pod\", \"metadata\":map[string]interface {}{\"name\":\"p\"}, \"spec\":map[string]interface {}{\"l\":[]interface {}{\"a\"}, \"n\":1, \"x\":interface {}(nil)}}\n\n\n".into())
        );
        let err = |t: &str| {
            execute(t, &small, Options::default())
                .err()
                .unwrap_or_default()
        };
        assert!(
            err("{.spec.l[3]}").contains(
                "Error executing template: array index out of bounds: index 3, length 1. "
            )
        );
        assert!(
            err("{.metadata[0]}").contains(
                "Error executing template: map[string]interface {} is not array or slice. "
            )
        );
        assert!(err("{end}").contains("not in range, nothing to end"));
        assert!(err("{.a b}").contains("unrecognized identifier b"));
        assert!(
            err("{.spec[?(@.x==1)]}")
                .contains("map[l:[a] n:1 x:<nil>] is not array or slice and cannot be filtered")
        );
        assert!(err("{.spec.l[?(@==1)]}").contains("incompatible types for comparison"));
        assert_eq!(
            execute("{.spec.x}", &small, Options::default()),
            Ok("<nil>".into())
        );
    }

    #[test]
    fn jsonpath_as_json() {
        let out = execute(
            "{.items[*].metadata.name}",
            &data(),
            Options {
                allow_missing_keys: true,
                as_json: true,
            },
        );
        assert_eq!(out, Ok("[\n    \"master\",\n    \"worker\"\n]\n".into()));
    }

    #[test]
    fn malformed_templates_never_panic() {
        for t in [
            "{",
            "}",
            "{[",
            "{[?(",
            "{[?()]}",
            "{..}",
            "{.a[1:2:0]}",
            "{.items[5:1]}",
            "{'",
            "{\"\\q\"}",
            "{.items[-9]}",
            "{@}",
            "{$.items[*]}",
            "{range}{end}{end}",
            "{range .items[*]}",
            "{[,]}",
            "{[?(@.a=)]}",
            "{9999999999999999999999}",
            "{.items[99999999999999999999]}",
            "{é}",
        ] {
            let _ = run(t);
        }
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;

    /// Random templates from JSONPath's own characters never panic.
    #[test]
    fn random_templates_never_panic() {
        let data: Value = serde_yaml::from_str(
            "items: [{a: 1, b: [x, {c: null}], s: str}, {a: 2.5, b: []}]\nm: {k: v}\n",
        )
        .unwrap_or(Value::Null);
        let alphabet: Vec<char> = "{}[]().,:*?@$!=<>'\"\\ -+0123456789abcrangeendé\t\n"
            .chars()
            .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let mut template = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                template.push(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let _ = execute(&template, &data, Options::default());
            let pieces = [
                "{range .items[*]}",
                "{end}",
                "{.b[?(@.c==1)]}",
                "{.items[1:2:3]}",
                "{..a}",
                "{.items[-1:]}",
                "{.items[?(@.a>1)].s}",
                "{.m.*}",
                "{@}",
                "{$}",
                "x",
                "{.items[0,1].b[*]}",
                "{.items[*].b[?(@)]}",
                "{range .m}{.k}{end}",
                "{.items[-5]}",
                "{.s[0]}",
                "{.items[:0]}",
            ];
            let mut built = String::new();
            for _ in 0..(len % 6) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                built.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            let _ = execute(&built, &data, Options::default());
            let _ = execute(
                &format!("{{{template}}}"),
                &data,
                Options {
                    allow_missing_keys: false,
                    as_json: true,
                },
            );
        }
    }
}
