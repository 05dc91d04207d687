//! The two passes over a session: [`Collector`] finds every real name, value,
//! UID, address and image, [`Mapping`] gives each its placeholder and rewrites.
//!
//! Both passes walk the session with the same code (`super::session`), which
//! asks a [`Namer`] for each string it meets at a place that may hold a name;
//! the collector notes it and gives it back, the mapping gives its placeholder.
//! So the two passes cannot disagree on what is a name.

use super::images;
use super::vocabulary;
use super::words;
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use taintlab_core::api::identifiers;

/// What a string names, strongest first: a string used both as a node's name
/// and as a label value is a node (its placeholder is `node-N` everywhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Cat {
    /// A node (`node-1`).
    Node,
    /// A namespace (`ns-1`).
    Namespace,
    /// A DaemonSet (`ds-1`).
    DaemonSet,
    /// A Deployment (`deploy-1`).
    Deployment,
    /// A ReplicaSet no Deployment named (`rs-1`).
    ReplicaSet,
    /// A pod no controller named (`pod-1`).
    Pod,
    /// A PodDisruptionBudget (`pdb-1`).
    Pdb,
    /// A PriorityClass (`priority-1`).
    PriorityClass,
    /// An object of a kind the simulation does not schedule (`object-1`).
    Object,
    /// A container (`container-1`).
    Container,
    /// A zone (`zone-a`).
    Zone,
    /// A region (`region-a`).
    Region,
    /// A label, annotation or taint key outside Kubernetes' domains (`label-1`).
    Key,
    /// A label or taint value (`value-1`).
    Value,
    /// A UID (`00000000-0000-4000-8000-000000000001`).
    Uid,
    /// An IP address (`10.0.0.1`).
    Ip,
}

impl Cat {
    /// The category of the objects of `kind`.
    pub(crate) fn of_kind(kind: &str) -> Cat {
        match kind {
            "Node" => Cat::Node,
            "Namespace" => Cat::Namespace,
            "DaemonSet" => Cat::DaemonSet,
            "Deployment" => Cat::Deployment,
            "ReplicaSet" => Cat::ReplicaSet,
            "Pod" => Cat::Pod,
            "PodDisruptionBudget" => Cat::Pdb,
            "PriorityClass" => Cat::PriorityClass,
            _ => Cat::Object,
        }
    }

    /// Names of this category are objects' names, which a controller's objects
    /// extend (`web` → `web-7c5b9d6f84`).
    fn owns_names(self) -> bool {
        matches!(
            self,
            Cat::DaemonSet | Cat::Deployment | Cat::ReplicaSet | Cat::Pod | Cat::Object
        )
    }

    /// Whether a string is a valid name of this category; others are left as
    /// typed (a name the API server refuses never became an object, and must
    /// stay refused when the session replays).
    fn accepts(self, s: &str) -> bool {
        match self {
            Cat::Namespace => identifiers::is_dns1123_label(s).is_ok(),
            Cat::Key => identifiers::is_qualified_name(s).is_ok(),
            Cat::Value | Cat::Zone | Cat::Region => identifiers::is_valid_label_value(s).is_ok(),
            Cat::Container => identifiers::is_dns1123_label(s).is_ok(),
            Cat::Uid | Cat::Ip => !s.is_empty() && s.len() <= 253,
            _ => identifiers::is_dns1123_subdomain(s).is_ok(),
        }
    }
}

/// How a name is made of another: a controller's object extends its owner's
/// name (`web-7c5b9d6f84` of Deployment `web`), a mirror pod ends with its
/// node's (`etcd-kind-control-plane`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Derived {
    /// `owner` then the rest (`-7c5b9d6f84`), kept.
    Prefix { owner: String },
    /// `base`, `-`, then `node`.
    Suffix { base: String, node: String },
}

/// Strings no session renames: Kubernetes' words ([`vocabulary`]) and the
/// names the built-in starting clusters give (`master`, `worker`): those
/// exist whatever the log says, so a command naming them must still find them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Keep {
    /// Every string of the built-in clusters: names, label keys and values.
    pub(crate) builtin: HashSet<String>,
    /// Their nodes' names, which placeholders of other nodes sort around.
    pub(crate) builtin_nodes: BTreeSet<String>,
}

impl Keep {
    /// Whether `s` stays as it is wherever it appears.
    pub(crate) fn kept(&self, s: &str) -> bool {
        s.is_empty()
            || vocabulary::is_word(s)
            || vocabulary::is_number(s)
            || vocabulary::is_version(s)
            || self.builtin.contains(s)
    }
}

/// What both passes ask at every place that may hold a name.
pub(crate) trait Namer {
    /// A name, UID or address of category `cat`.
    fn name(&mut self, cat: Cat, s: &str) -> String;
    /// A name made of another's.
    fn derived(&mut self, s: &str, how: Derived) -> String;
    /// A container image.
    fn image(&mut self, s: &str) -> String;
    /// Free text: a file that is not YAML the API reads, a path, a selection.
    fn text(&mut self, s: &str) -> String;
    /// A terminal line: the collector also notes the names it introduces
    /// (`kubectl create namespace x`, `kubectl label … team=x`).
    fn line(&mut self, s: &str) -> String;
    /// Whether the API server takes `text` (cached: both passes ask).
    fn decodes(&mut self, text: &str) -> bool;
    /// The cluster started again from the built-in `start`: its names stay.
    fn start(&mut self, start: &str);
    /// Whether this is the first pass, which only notes names.
    fn collects(&self) -> bool;
    /// The log is walked: what follows (history, files) belongs to no cluster
    /// of its own.
    fn end_log(&mut self);
    /// The documents of `text` as the first pass cleaned them (real names
    /// still in them), so that the second pass does not parse it again.
    fn cleaned(&mut self, text: &str, import: bool) -> Option<Arc<Vec<Value>>>;
    /// Keeps the first pass's cleaned documents of `text`.
    fn keep_cleaned(&mut self, text: &str, import: bool, documents: Vec<Value>);

    /// A label, annotation or taint key.
    fn key(&mut self, key: &str) -> String {
        if vocabulary::is_kept_key(key) {
            key.to_string()
        } else {
            self.name(Cat::Key, key)
        }
    }

    /// The value of label (or taint) `key`.
    fn value(&mut self, key: &str, value: &str) -> String {
        if vocabulary::keeps_values(key) {
            value.to_string()
        } else {
            self.name(vocabulary::value_category(key), value)
        }
    }
}

/// Whether the API server takes `text`: an apply of it, or its import.
fn decodes(text: &str) -> bool {
    if taintlab_core::recorded::is_scheduler_config(text) {
        taintlab_core::decode::scheduler_config::decode_scheduler_config(
            text,
            taintlab_core::KubeVersion::NEWEST.minor,
        )
        .is_ok()
    } else {
        taintlab_core::decode::decode(text).is_ok()
    }
}

/// A stable hash of a text, to remember what the first pass decoded.
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The first pass: every string met, with its strongest category.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    keep: Keep,
    seen: HashMap<String, Cat>,
    /// Kept strings met as names of each category: placeholders are put in
    /// order around them (see [`ordered`]).
    kept_seen: HashMap<Cat, BTreeSet<String>>,
    derived: HashMap<String, Derived>,
    images: BTreeSet<String>,
    decoded: HashMap<u64, bool>,
    cleaned: HashMap<(u64, bool), Arc<Vec<Value>>>,
    starts: HashMap<String, BTreeSet<String>>,
    /// The nodes of the cluster the inputs walked so far started from, and the
    /// names that stay met as nodes since: the nodes a renamed node of this
    /// cluster sorts among.
    segment_nodes: BTreeSet<String>,
    /// Whether a renamed node was named since the last start.
    named_node: bool,
    /// Whether the log is walked (see [`Namer::end_log`]).
    log_done: bool,
}

impl Collector {
    pub(crate) fn new(keep: Keep) -> Collector {
        let mut kept_seen = HashMap::new();
        kept_seen.insert(
            Cat::Namespace,
            vocabulary::NAMESPACES
                .iter()
                .map(|s| s.to_string())
                .collect(),
        );
        Collector {
            segment_nodes: keep.builtin_nodes.clone(),
            keep,
            kept_seen,
            ..Collector::default()
        }
    }

    /// Gives every string its placeholder.
    pub(crate) fn finish(self) -> Mapping {
        let mut this = self;
        this.end_segment();
        let Collector {
            keep,
            mut seen,
            mut kept_seen,
            derived,
            images,
            decoded,
            cleaned,
            ..
        } = this;
        // Names met before the reset to a built-in cluster that has them.
        seen.retain(|s, cat| {
            let kept = keep.kept(s);
            if kept {
                kept_seen.entry(*cat).or_default().insert(s.clone());
            }
            !kept
        });
        // A derived name follows its owner, unless it is also a node's or a
        // namespace's name (which must follow the node or namespace).
        let derived: HashMap<String, Derived> = derived
            .into_iter()
            .filter(|(s, _)| !matches!(seen.get(s), Some(Cat::Node | Cat::Namespace)))
            .collect();
        seen.retain(|s, _| !derived.contains_key(s));
        let mut by_cat: BTreeMap<Cat, Vec<String>> = BTreeMap::new();
        for (s, cat) in &seen {
            by_cat.entry(*cat).or_default().push(s.clone());
        }
        let mut names: HashMap<String, String> = HashMap::with_capacity(seen.len());
        for (cat, mut strings) in by_cat {
            strings.sort_unstable();
            // Only nodes and namespaces sort around names that stay: those are
            // the built-in nodes and namespaces that share their list. Objects
            // sort within their namespace, where names that stay (`coredns`)
            // meet few others, and are numbered plainly.
            let empty = BTreeSet::new();
            let kept: Vec<&str> = match cat {
                Cat::Node | Cat::Namespace => kept_seen.get(&cat).unwrap_or(&empty),
                _ => &empty,
            }
            .iter()
            .map(String::as_str)
            .collect();
            let placeholders = placeholders(cat, &strings, &kept);
            names.extend(strings.into_iter().zip(placeholders));
        }
        let mut owners: HashSet<String> = seen
            .iter()
            .filter(|(_, cat)| cat.owns_names())
            .map(|(s, _)| s.clone())
            .collect();
        let nodes: HashSet<String> = seen
            .iter()
            .filter(|(_, cat)| **cat == Cat::Node)
            .map(|(s, _)| s.clone())
            .collect();
        // Derived names, after their owners (which may be derived themselves).
        let mut resolved: HashMap<String, String> = HashMap::with_capacity(derived.len());
        for s in derived.keys() {
            let placeholder = resolve(s, &derived, &names, &mut resolved, 0);
            resolved.insert(s.clone(), placeholder);
        }
        owners.extend(derived.keys().cloned());
        names.extend(resolved);
        Mapping {
            keep,
            names,
            images: images::placeholders(&images),
            owners,
            nodes,
            decoded,
            cleaned,
        }
    }
}

impl Collector {
    /// The cluster starts again: if a node of the one before was renamed, the
    /// nodes that kept their names there are its placeholders' bounds.
    fn end_segment(&mut self) {
        if self.named_node {
            let bounds = std::mem::take(&mut self.segment_nodes);
            self.kept_seen.entry(Cat::Node).or_default().extend(bounds);
        }
        self.segment_nodes.clear();
        self.named_node = false;
    }
}

/// The placeholder of derived name `s`: its owner's placeholder and the rest,
/// or its base's and its node's.
fn resolve(
    s: &str,
    derived: &HashMap<String, Derived>,
    names: &HashMap<String, String>,
    resolved: &mut HashMap<String, String>,
    depth: usize,
) -> String {
    if let Some(done) = resolved.get(s) {
        return done.clone();
    }
    let placeholder = |part: &str, resolved: &mut HashMap<String, String>| -> String {
        match names.get(part) {
            Some(p) => p.clone(),
            // Owners chain a few levels at most (pod, ReplicaSet, Deployment);
            // the bound stops a crafted cycle.
            None if depth < 8 && derived.contains_key(part) => {
                let p = resolve(part, derived, names, resolved, depth + 1);
                resolved.insert(part.to_string(), p.clone());
                p
            }
            None => part.to_string(),
        }
    };
    match derived.get(s) {
        Some(Derived::Prefix { owner }) => {
            let rest = s.get(owner.len()..).unwrap_or("");
            format!("{}{rest}", placeholder(owner, resolved))
        }
        Some(Derived::Suffix { base, node }) => {
            format!(
                "{}-{}",
                placeholder(base, resolved),
                placeholder(node, resolved)
            )
        }
        None => s.to_string(),
    }
}

/// Placeholders for `strings` (sorted) of category `cat`, in the same order:
/// the simulation breaks ties by name (the first of equally good nodes wins,
/// controllers sync in name order), so renaming must not reorder. `kept` are
/// the strings of the category that stay (`default`, `master`): placeholders
/// fall between them where the originals did.
fn placeholders(cat: Cat, strings: &[String], kept: &[&str]) -> Vec<String> {
    let total = strings.len();
    match cat {
        Cat::Uid => (1..=total)
            .map(|i| format!("00000000-0000-4000-8000-{i:012x}"))
            .collect(),
        Cat::Ip => (1..=total)
            .map(|i| format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255))
            .collect(),
        Cat::Zone => ordered(strings, kept, "zone-", &|i| letters(i, total)),
        Cat::Region => ordered(strings, kept, "region-", &|i| letters(i, total)),
        _ => {
            let prefix = match cat {
                Cat::Node => "node-",
                Cat::Namespace => "ns-",
                Cat::DaemonSet => "ds-",
                Cat::Deployment => "deploy-",
                Cat::ReplicaSet => "rs-",
                Cat::Pod => "pod-",
                Cat::Pdb => "pdb-",
                Cat::PriorityClass => "priority-",
                Cat::Container => "container-",
                Cat::Key => "label-",
                Cat::Value => "value-",
                _ => "object-",
            };
            let width = total.to_string().len();
            ordered(strings, kept, prefix, &|i| format!("{i:0width$}"))
        }
    }
}

/// `i` (from 1) as letters of a fixed width for `total`: `a`…`z`, or
/// `aa`…`zz` past 26, so that the order of the text is the order of `i`.
fn letters(i: usize, total: usize) -> String {
    let mut width = 1;
    let mut room = 26usize;
    while room < total {
        width += 1;
        room = room.saturating_mul(26);
    }
    let mut n = i.saturating_sub(1);
    let mut out = vec![b'a'; width];
    for slot in out.iter_mut().rev() {
        *slot = b'a' + (n % 26) as u8;
        n /= 26;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Numbers `strings` (sorted) with `prefix` and `number(i)`, keeping each run
/// of them between the same two `kept` strings as the originals: a run whose
/// placeholders would not sort there gets a letter before the prefix.
fn ordered(
    strings: &[String],
    kept: &[&str],
    prefix: &str,
    number: &dyn Fn(usize) -> String,
) -> Vec<String> {
    let mut out = Vec::with_capacity(strings.len());
    let mut at = 0;
    while at < strings.len() {
        let gap = kept.partition_point(|k| *k < strings[at].as_str());
        let end = at
            + strings[at..]
                .iter()
                .take_while(|s| kept.partition_point(|k| *k < s.as_str()) == gap)
                .count();
        let (low, high) = (
            gap.checked_sub(1).and_then(|g| kept.get(g)).copied(),
            kept.get(gap).copied(),
        );
        let fits = |p: &str| {
            let (first, last) = (
                format!("{p}{}", number(at + 1)),
                format!("{p}{}", number(end)),
            );
            low.is_none_or(|l| l < first.as_str()) && high.is_none_or(|h| last.as_str() < h)
        };
        // The plain prefix, else one letter before it (`a-ns-1` sorts before
        // `default`, `e-ns-1` between `default` and `kube-node-lease`), else
        // the lower name itself.
        let candidates = std::iter::once(prefix.to_string())
            .chain((b'a'..=b'z').map(|c| format!("{}-{prefix}", char::from(c))))
            .chain(low.map(|l| format!("{l}-{prefix}")))
            .chain(std::iter::once(format!("0-{prefix}")));
        let chosen = candidates
            .into_iter()
            .find(|p| fits(p))
            .unwrap_or_else(|| prefix.to_string());
        out.extend((at + 1..=end).map(|i| format!("{chosen}{}", number(i))));
        at = end.max(at + 1);
    }
    out
}

impl Namer for Collector {
    fn name(&mut self, cat: Cat, s: &str) -> String {
        if self.keep.kept(s) {
            if cat == Cat::Node {
                // A bound only for the nodes of the same cluster.
                if !self.log_done {
                    self.segment_nodes.insert(s.to_string());
                }
            } else if !s.is_empty() {
                self.kept_seen.entry(cat).or_default().insert(s.to_string());
            }
        } else if cat.accepts(s) {
            self.named_node |= cat == Cat::Node;
            match self.seen.get_mut(s) {
                Some(seen) => *seen = (*seen).min(cat),
                None => {
                    self.seen.insert(s.to_string(), cat);
                }
            }
        }
        s.to_string()
    }

    fn derived(&mut self, s: &str, how: Derived) -> String {
        if !self.keep.kept(s) && Cat::Pod.accepts(s) {
            self.derived.entry(s.to_string()).or_insert(how);
        }
        s.to_string()
    }

    fn image(&mut self, s: &str) -> String {
        if !s.is_empty() && s.len() <= 4096 {
            self.images.insert(s.to_string());
        }
        s.to_string()
    }

    fn text(&mut self, s: &str) -> String {
        s.to_string()
    }

    fn line(&mut self, s: &str) -> String {
        words::collect_line(self, s);
        s.to_string()
    }

    fn collects(&self) -> bool {
        true
    }

    fn end_log(&mut self) {
        self.end_segment();
        self.log_done = true;
    }

    fn cleaned(&mut self, _: &str, _: bool) -> Option<Arc<Vec<Value>>> {
        None
    }

    fn keep_cleaned(&mut self, text: &str, import: bool, documents: Vec<Value>) {
        self.cleaned
            .insert((text_hash(text), import), Arc::new(documents));
    }

    fn start(&mut self, start: &str) {
        if !self.starts.contains_key(start) {
            let mut nodes = BTreeSet::new();
            if let Some(cluster) = taintlab_core::session::start(start) {
                super::builtin(&cluster, &mut self.keep);
                nodes.extend(cluster.nodes().map(|n| n.metadata.name.clone()));
            }
            self.starts.insert(start.to_string(), nodes);
        }
        self.end_segment();
        self.segment_nodes = self.starts.get(start).cloned().unwrap_or_default();
    }

    fn decodes(&mut self, text: &str) -> bool {
        *self
            .decoded
            .entry(text_hash(text))
            .or_insert_with(|| decodes(text))
    }
}

/// Every real string of a session and its placeholder: the result of
/// [`super::Mapping::of`], applied with [`super::Mapping::session`].
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    keep: Keep,
    /// Names, keys, values, UIDs and addresses: one space, so a string is
    /// replaced the same way wherever it appears, free text included.
    names: HashMap<String, String>,
    images: HashMap<String, String>,
    /// Names other names extend (`web` of `web-7c5b9d6f84-2xk8d`).
    owners: HashSet<String>,
    nodes: HashSet<String>,
    decoded: HashMap<u64, bool>,
    cleaned: HashMap<(u64, bool), Arc<Vec<Value>>>,
}

impl Mapping {
    /// The placeholder of a name, key, value, UID or address, if it has one.
    pub fn name(&self, s: &str) -> Option<&str> {
        self.names.get(s).map(String::as_str)
    }

    /// The placeholder of an image, if it has one.
    pub fn image(&self, s: &str) -> Option<&str> {
        self.images.get(s).map(String::as_str)
    }

    /// Free text with every name it holds replaced, word by word: what the
    /// mapping does to terminal lines, and what a test does to messages.
    pub fn text(&self, s: &str) -> String {
        words::map_text(self, s)
    }

    /// How many strings get a placeholder.
    pub fn len(&self) -> usize {
        self.names.len() + self.images.len()
    }

    /// Whether nothing gets a placeholder.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub(crate) fn is_owner(&self, s: &str) -> bool {
        self.owners.contains(s)
    }

    pub(crate) fn is_node(&self, s: &str) -> bool {
        self.nodes.contains(s)
    }

    pub(crate) fn kept(&self, s: &str) -> bool {
        self.keep.kept(s)
    }
}

impl Namer for &Mapping {
    fn name(&mut self, _: Cat, s: &str) -> String {
        self.names.get(s).cloned().unwrap_or_else(|| s.to_string())
    }

    fn derived(&mut self, s: &str, _: Derived) -> String {
        self.names.get(s).cloned().unwrap_or_else(|| s.to_string())
    }

    fn image(&mut self, s: &str) -> String {
        self.images.get(s).cloned().unwrap_or_else(|| s.to_string())
    }

    fn text(&mut self, s: &str) -> String {
        words::map_text(self, s)
    }

    fn line(&mut self, s: &str) -> String {
        words::map_text(self, s)
    }

    fn start(&mut self, _: &str) {}

    fn collects(&self) -> bool {
        false
    }

    fn end_log(&mut self) {}

    fn cleaned(&mut self, text: &str, import: bool) -> Option<Arc<Vec<Value>>> {
        self.cleaned.get(&(text_hash(text), import)).cloned()
    }

    fn keep_cleaned(&mut self, _: &str, _: bool, _: Vec<Value>) {}

    fn decodes(&mut self, text: &str) -> bool {
        match self.decoded.get(&text_hash(text)) {
            Some(known) => *known,
            None => decodes(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn placeholders_keep_the_order_of_the_names() {
        let names = strings(&["alpha", "beta", "gamma"]);
        assert_eq!(
            placeholders(Cat::Node, &names, &[]),
            ["node-1", "node-2", "node-3"]
        );
        let many: Vec<String> = (0..12).map(|i| format!("n{i:02}")).collect();
        let got = placeholders(Cat::Node, &many, &[]);
        assert_eq!(got[0], "node-01");
        assert!(got.windows(2).all(|w| w[0] < w[1]), "{got:?}");
    }

    #[test]
    fn placeholders_fall_between_the_kept_names_where_the_originals_did() {
        let kept = ["default", "kube-node-lease", "kube-public", "kube-system"];
        let names = strings(&["apps", "dev", "kube-ops", "shop", "zoo"]);
        let got = placeholders(Cat::Namespace, &names, &kept);
        let mut all: Vec<(String, bool)> = got.iter().map(|s| (s.clone(), false)).collect();
        all.extend(kept.iter().map(|k| (k.to_string(), true)));
        all.sort();
        let order: Vec<String> = all.iter().map(|(s, _)| s.clone()).collect();
        let mut expected: Vec<(String, bool)> = names.iter().map(|s| (s.clone(), false)).collect();
        expected.extend(kept.iter().map(|k| (k.to_string(), true)));
        expected.sort();
        let kinds = |v: &[(String, bool)]| v.iter().map(|(_, k)| *k).collect::<Vec<_>>();
        assert_eq!(kinds(&all), kinds(&expected), "{order:?}");
        assert_eq!(got[3], "ns-4");
        for p in &got {
            assert!(identifiers::is_dns1123_label(p).is_ok(), "{p}");
        }
    }

    #[test]
    fn letters_have_a_fixed_width() {
        assert_eq!(letters(1, 3), "a");
        assert_eq!(letters(26, 26), "z");
        assert_eq!(letters(1, 27), "aa");
        assert_eq!(letters(27, 27), "ba");
    }
}
