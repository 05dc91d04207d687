//! A light tree for objects being encoded: what a `serde_yaml::Value` holds,
//! with keys and strings borrowed where they can be (from the applied objects
//! and the cluster's typed objects) and mappings as plain vectors. Building a
//! pod as `Value`s cost a `String` for every key and string and a hashed insert
//! for every entry; a listing of 15,000 pods spent more time in the allocator
//! than anywhere else. The printers write a `Node` directly (`-o json`,
//! `-o yaml`); [`Node::to_value`] gives the `Value` the other users read
//! (`-o jsonpath`, `--sort-by`, custom columns).

use serde_yaml::Mapping;
use serde_yaml::Number;
use serde_yaml::Value;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use taintlab_core::clock::Time;

/// One value of an object being encoded.
#[derive(Clone, Debug, Default)]
pub enum Node<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer the encoder computed.
    Int(i64),
    /// A number as written in an applied object (kept as written: integers,
    /// unsigned and floats print differently).
    Number(Number),
    /// A string.
    Str(Cow<'a, str>),
    /// A mapping's entries in insertion order; the printers sort the keys.
    Map(Vec<(Cow<'a, str>, Node<'a>)>),
    /// A sequence.
    Seq(Vec<Node<'a>>),
    /// A whole object built as a `Value` (the kinds other than pods), boxed
    /// so that every other node stays small.
    Value(Box<Value>),
    /// A constant part of many objects (the service account token volume of
    /// every pod), shared rather than built for each; changing it changes a
    /// copy.
    Shared(Rc<Node<'static>>),
}

impl<'a> Node<'a> {
    /// A whole `Value`.
    pub fn value(value: Value) -> Node<'a> {
        Node::Value(Box::new(value))
    }

    /// `value` as a node, borrowing its keys and strings. Tags are dropped, as
    /// the printers and `Value`'s accessors look through them.
    pub fn of(value: &'a Value) -> Node<'a> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
            Value::String(s) => Node::Str(Cow::Borrowed(s.as_str())),
            Value::Sequence(items) => Node::Seq(items.iter().map(Node::of).collect()),
            Value::Mapping(map) => {
                Node::Map(map.iter().map(|(k, v)| (key_of(k), Node::of(v))).collect())
            }
            Value::Tagged(t) => Node::of(&t.value),
        }
    }

    /// `value` as a node owning its strings (for values that do not outlive
    /// the encoding, such as a parsed static pod manifest).
    pub fn owned(value: &Value) -> Node<'a> {
        match value {
            Value::String(s) => Node::Str(Cow::Owned(s.clone())),
            Value::Sequence(items) => Node::Seq(items.iter().map(Node::owned).collect()),
            Value::Mapping(map) => Node::Map(
                map.iter()
                    .map(|(k, v)| (Cow::Owned(key_of(k).into_owned()), Node::owned(v)))
                    .collect(),
            ),
            Value::Tagged(t) => Node::owned(&t.value),
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
        }
    }

    /// The `Value` this node stands for.
    pub fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Int(i) => Value::Number((*i).into()),
            Node::Number(n) => Value::Number(n.clone()),
            Node::Str(s) => Value::String(s.to_string()),
            Node::Seq(items) => Value::Sequence(items.iter().map(Node::to_value).collect()),
            Node::Map(entries) => {
                let mut m = Mapping::with_capacity(entries.len());
                for (k, v) in entries {
                    m.insert(Value::String(k.to_string()), v.to_value());
                }
                Value::Mapping(m)
            }
            Node::Value(v) => Value::clone(v),
            Node::Shared(n) => n.to_value(),
        }
    }

    /// Makes a shared node this node's own, to change it.
    fn own(&mut self) {
        if let Node::Shared(n) = &*self {
            let owned: Node<'a> = Node::clone(n);
            *self = owned;
        }
    }

    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            Node::Shared(n) => n.get(key),
            _ => None,
        }
    }

    /// The value under `key` of a mapping, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node<'a>> {
        self.own();
        match self {
            Node::Map(entries) => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The `i`th item of a sequence, to change.
    pub fn item_mut(&mut self, i: usize) -> Option<&mut Node<'a>> {
        self.own();
        match self {
            Node::Seq(items) => items.get_mut(i),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            Node::Shared(n) => n.as_str(),
            _ => None,
        }
    }

    /// The integer, if this is one that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Node::Int(i) => Some(*i),
            Node::Number(n) => n.as_i64(),
            Node::Shared(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_seq(&self) -> Option<&Vec<Node<'a>>> {
        match self {
            Node::Seq(items) => Some(items),
            Node::Shared(n) => n.as_seq(),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&Vec<(Cow<'a, str>, Node<'a>)>> {
        match self {
            Node::Map(entries) => Some(entries),
            Node::Shared(n) => n.as_map(),
            _ => None,
        }
    }

    /// Whether this is a mapping.
    pub fn is_mapping(&self) -> bool {
        self.as_map().is_some()
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        match self {
            Node::Shared(n) => n.is_null(),
            other => matches!(other, Node::Null),
        }
    }
}

/// A mapping key as a string: string keys borrowed, others (never in API
/// objects) as JSON writes them.
fn key_of(key: &Value) -> Cow<'_, str> {
    match key {
        Value::String(s) => Cow::Borrowed(s.as_str()),
        other => Cow::Owned(super::json::key_string(other)),
    }
}

/// A string.
pub fn s<'a>(text: impl Into<Cow<'a, str>>) -> Node<'a> {
    Node::Str(text.into())
}

/// An integer.
pub fn int<'a>(n: i64) -> Node<'a> {
    Node::Int(n)
}

/// A timestamp as Kubernetes writes it.
pub fn time<'a>(t: Time) -> Node<'a> {
    Node::Str(Cow::Owned(rfc3339(t)))
}

/// [`Time::rfc3339`], with the date of the day kept from the last call: a pod
/// has half a dozen timestamps, and a listing's pods mostly share their days.
fn rfc3339(t: Time) -> String {
    thread_local! {
        static DAY: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
    }
    let secs = t.as_secs();
    let (day, in_day) = (secs / 86_400, secs % 86_400);
    DAY.with_borrow_mut(|(cached, date)| {
        if *cached != day {
            *cached = day;
            *date = Time::from_secs(day * 86_400).rfc3339();
        }
        // `YYYY-MM-DDT00:00:00Z`; other years are written whole.
        if date.len() != 20 {
            return t.rfc3339();
        }
        let mut text = String::with_capacity(20);
        text.push_str(&date[..11]);
        for (i, n) in [in_day / 3600, in_day % 3600 / 60, in_day % 60]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                text.push(':');
            }
            text.push(char::from(b'0' + (n / 10) as u8));
            text.push(char::from(b'0' + (n % 10) as u8));
        }
        text.push('Z');
        text
    })
}

/// A mapping from `(key, value)` pairs.
pub fn map<'a, const N: usize>(pairs: [(&'a str, Node<'a>); N]) -> Node<'a> {
    Node::Map(
        pairs
            .into_iter()
            .map(|(k, v)| (Cow::Borrowed(k), v))
            .collect(),
    )
}

/// An empty mapping (`{}`).
pub fn empty<'a>() -> Node<'a> {
    Node::Map(Vec::new())
}

/// A `map[string]string`, borrowed.
pub fn string_map(m: &BTreeMap<String, String>) -> Node<'_> {
    Node::Map(
        m.iter()
            .map(|(k, v)| (Cow::Borrowed(k.as_str()), s(v.as_str())))
            .collect(),
    )
}

/// Sets `key` in a mapping (making `target` a mapping if it is not one), in
/// place if it is there, last if not (as `Mapping::insert` does).
pub fn set<'a>(target: &mut Node<'a>, key: impl Into<Cow<'a, str>>, value: Node<'a>) {
    target.own();
    if !target.is_mapping() {
        *target = empty();
    }
    if let Node::Map(entries) = target {
        let key = key.into();
        match entries.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => entries.push((key, value)),
        }
    }
}

/// Sets `key` unless it is already there (and not null or empty), as defaulting does.
pub fn default<'a>(target: &mut Node<'a>, key: &'a str, value: Node<'a>) {
    let missing = match target.get(key) {
        None | Some(Node::Null) => true,
        Some(Node::Str(text)) => text.is_empty(),
        Some(_) => false,
    };
    if missing {
        set(target, key, value);
    }
}

/// Removes `key` from a mapping, keeping the others in order.
pub fn remove(target: &mut Node<'_>, key: &str) {
    target.own();
    if let Node::Map(entries) = target
        && let Some(at) = entries.iter().position(|(k, _)| k == key)
    {
        entries.remove(at);
    }
}

/// The mapping under `key`, created (or replaced, if not a mapping) as needed.
pub fn child<'a, 'n>(target: &'n mut Node<'a>, key: &'a str) -> &'n mut Node<'a> {
    target.own();
    if !target.get(key).is_some_and(Node::is_mapping) {
        set(target, key, empty());
    }
    let Node::Map(entries) = target else {
        // `set` made it a mapping.
        return target;
    };
    let at = entries.iter().position(|(k, _)| k == key);
    match at {
        Some(at) => &mut entries[at].1,
        None => {
            entries.push((Cow::Borrowed(key), empty()));
            let last = entries.len() - 1;
            &mut entries[last].1
        }
    }
}

/// The items of the sequence under `key`, if there is one.
pub fn items_mut<'a, 'n>(
    target: &'n mut Node<'a>,
    key: &str,
) -> impl Iterator<Item = &'n mut Node<'a>> {
    let items = match target.get_mut(key) {
        Some(Node::Seq(items)) => Some(items),
        _ => None,
    };
    items.into_iter().flatten()
}

/// A string field, or "".
pub fn str_of<'n>(v: &'n Node<'_>, key: &str) -> &'n str {
    v.get(key).and_then(Node::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_node_reads_as_itself_and_changes_as_a_copy() {
        let constant = Rc::new(map([("a", int(1)), ("b", map([("c", s("d"))]))]));
        let mut node = Node::Shared(Rc::clone(&constant));
        assert_eq!(node.to_value(), constant.to_value());
        assert_eq!(node.get("b").map(|b| str_of(b, "c")), Some("d"));
        assert!(node.is_mapping());
        set(child(&mut node, "b"), "c", s("e"));
        assert_eq!(str_of(node.get("b").unwrap_or(&Node::Null), "c"), "e");
        assert_eq!(str_of(constant.get("b").unwrap_or(&Node::Null), "c"), "d");
    }

    #[test]
    fn timestamps_are_written_as_the_clock_writes_them() {
        let mut seconds = 0u64;
        // Within a day, across days and months, and back to an earlier day.
        for step in [1, 59, 3599, 86_399, 86_401, 31 * 86_400 + 7, 400 * 86_400] {
            seconds += step;
            let t = Time::from_secs(seconds);
            assert_eq!(rfc3339(t), t.rfc3339(), "{seconds}");
            let earlier = Time::from_secs(seconds / 3);
            assert_eq!(rfc3339(earlier), earlier.rfc3339(), "{seconds}");
        }
        let far = Time(u64::MAX);
        assert_eq!(rfc3339(far), far.rfc3339());
    }
}
