//! Building blocks for objects as the API server returns them: `Value` trees,
//! `ObjectMeta`, the `last-applied-configuration` annotation, stable made-up
//! identifiers, and quantities in their canonical form.

use super::node;
use super::node::Node;
use serde_yaml::{Mapping, Value};
use std::cell::RefCell;
use std::collections::BTreeMap;
use taintlab_core::api::quantity::Format;
use taintlab_core::api::{ObjectMeta, OwnerReference, Quantity};
use taintlab_core::clock::Time;

// The helpers below are kept out of line: building objects calls them hundreds
// of times, and inlined allocations would cost the web page's size budget.

/// A string value.
pub fn s(text: impl Into<String>) -> Value {
    string(text.into())
}

#[inline(never)]
fn string(text: String) -> Value {
    Value::String(text)
}

/// An integer value.
#[inline(never)]
pub fn int(n: i64) -> Value {
    Value::Number(n.into())
}

/// A timestamp as Kubernetes writes it.
#[inline(never)]
pub fn time(t: Time) -> Value {
    s(t.rfc3339())
}

/// A mapping from `(key, value)` pairs.
pub fn map<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    map_of(&mut pairs.into_iter())
}

#[inline(never)]
fn map_of(pairs: &mut dyn Iterator<Item = (&str, Value)>) -> Value {
    // Sized once: growing the table entry by entry costs a listing of thousands
    // of pods several allocations per mapping.
    let mut m = Mapping::with_capacity(pairs.size_hint().0);
    for (k, v) in pairs {
        m.insert(s(k), v);
    }
    Value::Mapping(m)
}

/// An empty mapping (`{}`).
#[inline(never)]
pub fn empty() -> Value {
    Value::Mapping(Mapping::new())
}

/// A value from YAML text: constant structures cost less as text than as code.
/// Each text is parsed once per thread and cloned after that: a listing of
/// thousands of pods asks for the same few constants for every pod. Only
/// constants come here, so the cache stays a handful of entries.
#[inline(never)]
pub fn yaml(text: &str) -> Value {
    thread_local! {
        static PARSED: RefCell<BTreeMap<String, Value>> = const { RefCell::new(BTreeMap::new()) };
    }
    PARSED.with_borrow_mut(|parsed| {
        if let Some(v) = parsed.get(text) {
            return v.clone();
        }
        let v: Value = serde_yaml::from_str(text).unwrap_or(Value::Null);
        parsed.insert(text.to_string(), v.clone());
        v
    })
}

/// Sets `key` in a mapping value (making it a mapping if it is not one).
#[inline(never)]
pub fn set(target: &mut Value, key: &str, value: Value) {
    if !target.is_mapping() {
        *target = empty();
    }
    if let Value::Mapping(m) = target {
        m.insert(s(key), value);
    }
}

/// Sets `key` unless it is already there (and not null or empty), as defaulting does.
#[inline(never)]
pub fn default(target: &mut Value, key: &str, value: Value) {
    let missing = match target.get(key) {
        None | Some(Value::Null) => true,
        Some(Value::String(text)) => text.is_empty(),
        Some(_) => false,
    };
    if missing {
        set(target, key, value);
    }
}

/// Removes `key` from a mapping value.
#[inline(never)]
pub fn remove(target: &mut Value, key: &str) {
    if let Value::Mapping(m) = target {
        m.shift_remove(key);
    }
}

/// The mapping under `key`, created (or replaced, if not a mapping) as needed.
#[inline(never)]
pub fn child<'a>(target: &'a mut Value, key: &str) -> &'a mut Value {
    if !target.get(key).is_some_and(Value::is_mapping) {
        set(target, key, empty());
    }
    match target {
        Value::Mapping(m) => m.entry(s(key)).or_insert_with(empty),
        other => other,
    }
}

/// The items of the sequence under `key`, if there is one.
pub fn items_mut<'a>(target: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
    target
        .get_mut(key)
        .and_then(Value::as_sequence_mut)
        .into_iter()
        .flatten()
}

/// A string field, or "".
#[inline(never)]
pub fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A `map[string]string`.
pub fn string_map(m: &std::collections::BTreeMap<String, String>) -> Value {
    let mut out = Mapping::new();
    for (k, v) in m {
        out.insert(s(k.as_str()), s(v.as_str()));
    }
    Value::Mapping(out)
}

/// An owner reference as controllers write it (`metav1.NewControllerRef` sets
/// `blockOwnerDeletion` along with `controller`).
fn owner_reference(r: &OwnerReference) -> Node<'_> {
    let mut v = node::map([
        ("apiVersion", node::s(r.api_version.as_str())),
        ("kind", node::s(r.kind.as_str())),
        ("name", node::s(r.name.as_str())),
        ("uid", node::s(r.uid.as_str())),
    ]);
    if let Some(controller) = r.controller {
        node::set(&mut v, "controller", Node::Bool(controller));
        if controller {
            node::set(&mut v, "blockOwnerDeletion", Node::Bool(true));
        }
    }
    v
}

/// What `metadata` holds beyond the typed fields.
pub struct MetaOptions<'a> {
    /// `metadata` as applied (unmodelled fields such as `finalizers` are kept).
    pub applied: Option<&'a Value>,
    /// Whether the kind is namespaced.
    pub namespaced: bool,
    /// `metadata.generation`, for kinds whose API strategy keeps one.
    pub generation: Option<u64>,
    /// Annotations the server or a controller adds.
    pub extra_annotations: Vec<(String, String)>,
}

/// `metadata` as the API returns it: the applied metadata with the server's
/// fields (`uid`, `resourceVersion`, `creationTimestamp`, `generation`) and the
/// simulated labels, annotations and owners. `managedFields` is hidden, as kubectl
/// hides it by default (`--show-managed-fields=false`).
pub fn metadata(meta: &ObjectMeta, options: MetaOptions<'_>) -> Value {
    let extra: Vec<(&str, String)> = options
        .extra_annotations
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    metadata_node(
        meta,
        options.applied.map(Node::of),
        options.namespaced,
        options.generation,
        extra,
        None,
    )
    .to_value()
}

/// [`metadata`] as a [`Node`], from the applied metadata as a node; `extra_label`
/// is added unless the object has that label.
pub fn metadata_node<'a>(
    meta: &'a ObjectMeta,
    applied: Option<Node<'a>>,
    namespaced: bool,
    generation: Option<u64>,
    extra_annotations: Vec<(&'a str, String)>,
    extra_label: Option<(&'a str, String)>,
) -> Node<'a> {
    let mut v = applied.filter(Node::is_mapping).unwrap_or_else(node::empty);
    for key in [
        "uid",
        "resourceVersion",
        "creationTimestamp",
        "generation",
        "managedFields",
        "selfLink",
        "deletionTimestamp",
        "deletionGracePeriodSeconds",
        "labels",
        "annotations",
    ] {
        node::remove(&mut v, key);
    }
    node::set(&mut v, "name", node::s(meta.name.as_str()));
    if namespaced {
        let namespace = if meta.namespace.is_empty() {
            "default"
        } else {
            &meta.namespace
        };
        node::set(&mut v, "namespace", node::s(namespace));
    } else {
        node::remove(&mut v, "namespace");
    }
    if !meta.generate_name.is_empty() {
        node::set(&mut v, "generateName", node::s(meta.generate_name.as_str()));
    }
    let mut labels = node::string_map(&meta.labels);
    if let Some((key, value)) = extra_label
        && labels.get(key).is_none()
    {
        node::set(&mut labels, key, node::s(value));
    }
    if labels.as_map().is_some_and(|m| !m.is_empty()) {
        node::set(&mut v, "labels", labels);
    }
    let mut annotations = node::string_map(&meta.annotations);
    for (k, value) in extra_annotations {
        node::set(&mut annotations, k, node::s(value));
    }
    if annotations.as_map().is_some_and(|m| !m.is_empty()) {
        node::set(&mut v, "annotations", annotations);
    }
    if !meta.owner_references.is_empty() && v.get("ownerReferences").is_none() {
        let owners = meta.owner_references.iter().map(owner_reference).collect();
        node::set(&mut v, "ownerReferences", Node::Seq(owners));
    }
    if !meta.uid.is_empty() {
        node::set(&mut v, "uid", node::s(meta.uid.as_str()));
    }
    node::set(
        &mut v,
        "resourceVersion",
        node::s(meta.resource_version.to_string()),
    );
    node::set(&mut v, "creationTimestamp", node::time(meta.created));
    if let Some(generation) = generation {
        node::set(&mut v, "generation", node::int(generation as i64));
    }
    if let Some(deleted) = meta.deleted {
        node::set(&mut v, "deletionTimestamp", node::time(deleted));
        node::set(&mut v, "deletionGracePeriodSeconds", node::int(30));
    }
    v
}

/// The key of the annotation `kubectl apply` writes.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Models `util.GetModifiedConfiguration` as `kubectl apply` (client-side) runs it:
/// the object from the file, with `metadata.namespace` filled in for namespaced
/// kinds and the annotation itself left out (an object without annotations gets
/// `"annotations":{}`), encoded compactly with a trailing newline.
pub fn last_applied(applied: &Value, namespace: Option<&str>) -> String {
    if let Value::Mapping(object) = applied {
        // Only `metadata` changes: it alone is read as a node (its strings
        // borrowed, not copied), and the rest is written from the applied object
        // in place (for every pod of a listing).
        let mut meta = object
            .get("metadata")
            .filter(|m| m.is_mapping())
            .map(Node::of)
            .unwrap_or_else(node::empty);
        let annotations = node::child(&mut meta, "annotations");
        node::remove(annotations, LAST_APPLIED);
        if let Some(namespace) = namespace
            && node::str_of(&meta, "namespace").is_empty()
        {
            node::set(&mut meta, "namespace", node::s(namespace));
        }
        let mut text = super::json::marshal_replacing_node(object, "metadata", &meta);
        text.push('\n');
        return text;
    }
    let mut object = applied.clone();
    let meta = child(&mut object, "metadata");
    edit_last_applied_metadata(meta, namespace);
    let mut text = super::json::marshal(&object);
    text.push('\n');
    text
}

/// The metadata [`last_applied`] writes: the annotation itself left out (and
/// `annotations: {}` when there are no others), the namespace filled in.
fn edit_last_applied_metadata(meta: &mut Value, namespace: Option<&str>) {
    let annotations = child(meta, "annotations");
    remove(annotations, LAST_APPLIED);
    if let Some(namespace) = namespace
        && str_of(meta, "namespace").is_empty()
    {
        set(meta, "namespace", s(namespace));
    }
}

/// splitmix64's finalizer: spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `n` 64-bit words derived from `seed`, well mixed.
fn words(seed: &str, n: u64) -> impl Iterator<Item = u64> {
    let hash = taintlab_core::names::fnv128a_hex(seed);
    let high = u64::from_str_radix(&hash[..16], 16).unwrap_or(0);
    let low = u64::from_str_radix(&hash[16..], 16).unwrap_or(0);
    (0..n).map(move |i| mix(high ^ mix(low.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)))))
}

/// 64 stable hex digits derived from `seed`: the shape of container IDs and
/// image digests, which the simulation does not otherwise have.
pub fn hex64(seed: &str) -> String {
    // Digit by digit rather than `format!` per word: every running container
    // of a listing has one.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(64);
    for w in words(seed, 4) {
        for shift in (0..16).rev() {
            text.push(char::from(HEX[((w >> (shift * 4)) & 0xF) as usize]));
        }
    }
    text
}

/// A stable version-4-shaped UUID derived from `seed`.
pub fn uuid(seed: &str) -> String {
    let h: String = words(seed, 2).map(|w| format!("{w:016x}")).collect();
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        ["8", "9", "a", "b"][usize::from(h.as_bytes()[16] % 4)],
        &h[17..20],
        &h[20..32]
    )
}

/// Five characters from upstream's name alphabet, derived from `seed` (the suffix
/// `names.SimpleNameGenerator` would add).
pub fn suffix(seed: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = taintlab_core::names::fnv32a(seed);
    (0..5)
        .map(|_| {
            let c = ALPHANUMS[(h % ALPHANUMS.len() as u32) as usize];
            h /= ALPHANUMS.len() as u32;
            char::from(c)
        })
        .collect()
}

/// Models `Quantity.String()` after parsing `text` (decoding trims space first):
/// the canonical form in the format it was written in (`0.5` → `500m`, `1024Mi`
/// → `1Gi`, `1000m` → `1`). Text that is not a quantity is kept as written.
pub fn canonical_quantity(text: &str) -> String {
    Quantity::parse(text.trim()).map_or_else(|_| text.to_string(), |q| q.to_string())
}

/// A quantity in canonical decimal form (`DecimalSI`), e.g. node capacity.
pub fn quantity(q: Quantity) -> String {
    q.with_format(Format::DecimalSI).to_string()
}

/// A quantity of bytes in canonical binary form (`BinarySI`), e.g. memory.
pub fn binary_quantity(q: Quantity) -> String {
    q.with_format(Format::BinarySI).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_print_canonically() {
        for (text, want) in [
            ("0.5", "500m"),
            ("1000m", "1"),
            ("100m", "100m"),
            ("2", "2"),
            ("1500", "1500"),
            ("2000", "2k"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("1536Mi", "1536Mi"),
            ("512Ki", "512Ki"),
            ("1G", "1G"),
            ("128974848", "128974848"),
            ("1e3", "1e3"),
            ("0", "0"),
            ("bogus", "bogus"),
        ] {
            assert_eq!(canonical_quantity(text), want, "{text}");
        }
    }

    #[test]
    fn last_applied_is_compact_json_with_namespace_and_empty_annotations() {
        let v: Value = serde_yaml::from_str("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - {name: c, image: nginx}\n").unwrap_or(Value::Null);
        assert_eq!(
            last_applied(&v, Some("default")),
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"p\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"c\"}]}}\n"
        );
    }
}
