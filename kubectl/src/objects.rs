//! The objects kubectl reads from the simulated API server: lists of one
//! resource type in a namespace (or all), single objects by name, in the order the
//! API server returns them (etcd key order: `namespace/name`).

use crate::resource::ResourceType;
use std::borrow::Cow;
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::PodDisruptionBudget;
use taintlab_core::api::PriorityClass;
use taintlab_core::api::{DaemonSet, Deployment, Node, Pod, ReplicaSet};
use taintlab_core::clock::Time;
use taintlab_core::decode::OtherObject;
use taintlab_core::events::Event;

/// Seconds from 1970 to the simulated clock's zero (`clock.rs` keeps its own copy
/// private); event names carry Unix nanoseconds.
const EPOCH_UNIX_SECONDS: u64 = 1_767_225_600;

/// An event with the name and namespace the API server stores it under.
#[derive(Debug, Clone)]
pub struct EventObject<'a> {
    /// The event.
    pub event: &'a Event,
    /// Models `record.makeEvent`: `<involved object name>.<unix nanos in hex>`.
    pub name: String,
    /// The involved object's namespace; node events live in `default`.
    pub namespace: String,
}

/// One object of any kind `kubectl get` lists.
#[derive(Debug, Clone)]
pub enum Object<'a> {
    /// A Pod.
    Pod(&'a Pod),
    /// A Node.
    Node(&'a Node),
    /// A DaemonSet.
    DaemonSet(&'a DaemonSet),
    /// A Deployment.
    Deployment(&'a Deployment),
    /// A ReplicaSet.
    ReplicaSet(&'a ReplicaSet),
    /// A Namespace (only its name is stored).
    Namespace(&'a str),
    /// A PriorityClass.
    PriorityClass(&'a PriorityClass),
    /// A PodDisruptionBudget.
    PodDisruptionBudget(&'a PodDisruptionBudget),
    /// An Event.
    Event(EventObject<'a>),
    /// An object of a kind that is stored but not simulated.
    Other(&'a OtherObject),
}

/// `default` for an empty namespace.
fn or_default(namespace: &str) -> &str {
    if namespace.is_empty() {
        "default"
    } else {
        namespace
    }
}

impl<'a> Object<'a> {
    /// `metadata.name`.
    pub fn name(&self) -> &str {
        match self {
            Object::Pod(p) => &p.metadata.name,
            Object::Node(n) => &n.metadata.name,
            Object::DaemonSet(d) => &d.metadata.name,
            Object::Deployment(d) => &d.metadata.name,
            Object::ReplicaSet(r) => &r.metadata.name,
            Object::Namespace(n) => n,
            Object::PriorityClass(p) => &p.metadata.name,
            Object::PodDisruptionBudget(p) => &p.metadata.name,
            Object::Event(e) => &e.name,
            Object::Other(o) => &o.metadata.name,
        }
    }

    /// `metadata.namespace`: empty for cluster-scoped kinds, `default` when unset.
    pub fn namespace(&self) -> &str {
        match self {
            Object::Node(_) | Object::Namespace(_) | Object::PriorityClass(_) => "",
            Object::PodDisruptionBudget(p) => or_default(&p.metadata.namespace),
            Object::Pod(p) => or_default(&p.metadata.namespace),
            Object::DaemonSet(d) => or_default(&d.metadata.namespace),
            Object::Deployment(d) => or_default(&d.metadata.namespace),
            Object::ReplicaSet(r) => or_default(&r.metadata.namespace),
            Object::Event(e) => &e.namespace,
            Object::Other(o) => or_default(&o.metadata.namespace),
        }
    }

    /// [`Object::labels`], borrowed where the object holds them: selecting among
    /// or printing thousands of objects then copies no label map.
    pub fn labels_ref(&self) -> Cow<'_, BTreeMap<String, String>> {
        match self {
            Object::Pod(p) => Cow::Borrowed(&p.metadata.labels),
            Object::Node(n) => Cow::Borrowed(&n.metadata.labels),
            Object::DaemonSet(d) => Cow::Borrowed(&d.metadata.labels),
            Object::Deployment(d) => Cow::Borrowed(&d.metadata.labels),
            Object::ReplicaSet(r) => Cow::Borrowed(&r.metadata.labels),
            Object::Other(o) => Cow::Borrowed(&o.metadata.labels),
            Object::PriorityClass(p) => Cow::Borrowed(&p.metadata.labels),
            Object::PodDisruptionBudget(p) => Cow::Borrowed(&p.metadata.labels),
            Object::Namespace(_) | Object::Event(_) => Cow::Owned(self.labels()),
        }
    }

    /// `metadata.labels`. A namespace carries the label the API server adds to
    /// every namespace, `kubernetes.io/metadata.name`.
    pub fn labels(&self) -> BTreeMap<String, String> {
        match self {
            Object::Pod(p) => p.metadata.labels.clone(),
            Object::Node(n) => n.metadata.labels.clone(),
            Object::DaemonSet(d) => d.metadata.labels.clone(),
            Object::Deployment(d) => d.metadata.labels.clone(),
            Object::ReplicaSet(r) => r.metadata.labels.clone(),
            Object::Namespace(n) => {
                BTreeMap::from([("kubernetes.io/metadata.name".to_string(), n.to_string())])
            }
            Object::Event(_) => BTreeMap::new(),
            Object::Other(o) => o.metadata.labels.clone(),
            Object::PriorityClass(p) => p.metadata.labels.clone(),
            Object::PodDisruptionBudget(p) => p.metadata.labels.clone(),
        }
    }

    /// `metadata.creationTimestamp`. Namespaces are not timed by the simulation;
    /// they count from the cluster's start.
    pub fn created(&self) -> Time {
        match self {
            Object::Pod(p) => p.metadata.created,
            Object::Node(n) => n.metadata.created,
            Object::DaemonSet(d) => d.metadata.created,
            Object::Deployment(d) => d.metadata.created,
            Object::ReplicaSet(r) => r.metadata.created,
            Object::Namespace(_) => Time::ZERO,
            Object::Event(e) => e.event.first_timestamp,
            Object::Other(o) => o.metadata.created,
            Object::PriorityClass(p) => p.metadata.created,
            Object::PodDisruptionBudget(p) => p.metadata.created,
        }
    }

    /// The etcd key order: `namespace/name` compared as bytes, without building
    /// either key (a listing compares tens of thousands of them).
    fn key_less(&self, other: &Object<'_>) -> bool {
        let (ns, other_ns) = (self.namespace(), other.namespace());
        if ns == other_ns {
            // The same `namespace/` before both names.
            return self.name() < other.name();
        }
        let a = ns
            .bytes()
            .chain(std::iter::once(b'/'))
            .chain(self.name().bytes());
        let b = other_ns
            .bytes()
            .chain(std::iter::once(b'/'))
            .chain(other.name().bytes());
        a.lt(b)
    }
}

/// Names every event as the API server stores it.
fn events(cluster: &Cluster) -> Vec<EventObject<'_>> {
    cluster
        .events()
        .all()
        .iter()
        .enumerate()
        .map(|(i, event)| {
            // Unix nanoseconds of the first occurrence; the index keeps events of
            // one millisecond apart, as real nanoseconds would.
            let millis = (EPOCH_UNIX_SECONDS * 1000).saturating_add(event.first_timestamp.0);
            let nanos = millis
                .saturating_mul(1_000_000)
                .saturating_add(i as u64 % 1_000_000);
            EventObject {
                event,
                name: format!("{}.{nanos:x}", event.object.name),
                namespace: or_default(&event.object.namespace).to_string(),
            }
        })
        .collect()
}

/// Every object of `resource`, in `namespace` (`None`: all namespaces; ignored for
/// cluster-scoped types), in the API server's order.
pub fn list<'a>(
    cluster: &'a Cluster,
    resource: &ResourceType,
    namespace: Option<&str>,
) -> Vec<Object<'a>> {
    let mut objects: Vec<Object<'a>> = match resource.kind {
        "Pod" => cluster.pods().map(Object::Pod).collect(),
        "Node" => cluster.nodes().map(Object::Node).collect(),
        "DaemonSet" => cluster.daemon_sets().map(Object::DaemonSet).collect(),
        "Deployment" => cluster.deployments().map(Object::Deployment).collect(),
        "ReplicaSet" => cluster.replica_sets().map(Object::ReplicaSet).collect(),
        "Namespace" => cluster
            .namespaces()
            .iter()
            .map(|n| Object::Namespace(n.as_str()))
            .collect(),
        "Event" => events(cluster).into_iter().map(Object::Event).collect(),
        "PriorityClass" => cluster
            .priority_classes()
            .into_iter()
            .map(Object::PriorityClass)
            .collect(),
        "PodDisruptionBudget" => cluster
            .disruption_budgets()
            .map(Object::PodDisruptionBudget)
            .collect(),
        _ => {
            let wanted = resource.qualified_singular();
            cluster
                .other_objects()
                .filter(|o| o.resource == wanted)
                .map(Object::Other)
                .collect()
        }
    };
    if resource.namespaced
        && let Some(ns) = namespace
    {
        objects.retain(|o| o.namespace() == ns);
    }
    // Often already in order (nodes always): a sort over tens of thousands of keys
    // is then skipped. Only strictly increasing keys are left as they are, so the
    // order is the sort's even if two keys were equal.
    if !objects.windows(2).all(|w| w[0].key_less(&w[1])) {
        taintlab_core::sort::sort_by(&mut objects, |a, b| a.key_less(b));
    }
    objects
}

/// The object `name` of `resource` in `namespace` (ignored for cluster-scoped types).
pub fn get<'a>(
    cluster: &'a Cluster,
    resource: &ResourceType,
    namespace: &str,
    name: &str,
) -> Option<Object<'a>> {
    list(cluster, resource, Some(namespace))
        .into_iter()
        .find(|o| o.name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resource::resolve;

    fn resource(word: &str) -> &'static ResourceType {
        resolve(word).expect("known type")
    }

    #[test]
    fn lists_in_key_order_and_filters_namespaces() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default-2\n")
            .expect("applies");
        for (ns, name) in [
            ("default", "zeta"),
            ("default-2", "alpha"),
            ("default", "beta"),
        ] {
            c.apply(&format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  containers: [{{name: c, image: nginx}}]\n"
            ))
            .expect("applies");
        }
        let names = |objects: Vec<Object<'_>>| {
            objects
                .iter()
                .map(|o| format!("{}/{}", o.namespace(), o.name()))
                .collect::<Vec<_>>()
        };
        // `default-2/...` sorts before `default/...`: '-' is below '/'.
        assert_eq!(
            names(list(&c, resource("pods"), None)),
            ["default-2/alpha", "default/beta", "default/zeta"]
        );
        assert_eq!(
            names(list(&c, resource("po"), Some("default"))),
            ["default/beta", "default/zeta"]
        );
        assert_eq!(
            names(list(&c, resource("nodes"), Some("default"))),
            ["/master", "/worker"]
        );
        assert!(get(&c, resource("pods"), "default", "alpha").is_none());
        assert!(get(&c, resource("pods"), "default-2", "alpha").is_some());
    }

    #[test]
    fn events_are_named_and_namespaced_as_the_api_server_stores_them() {
        let c = Cluster::tutorial();
        let events = list(&c, resource("events"), Some("default"));
        assert!(!events.is_empty());
        let Object::Event(first) = &events[0] else {
            panic!("an event");
        };
        // 2026-01-01T00:00:00Z is 1767225600 s after the Unix epoch: in hex
        // nanoseconds, 0x18867251edfa0000.
        assert_eq!(first.name, "master.18867251edfa0000");
        assert_eq!(first.namespace, "default");
        assert!(list(&c, resource("events"), Some("kube-system")).is_empty());
    }

    #[test]
    fn namespaces_carry_the_metadata_name_label() {
        let c = Cluster::tutorial();
        let all = list(&c, resource("ns"), None);
        assert_eq!(all.len(), 4);
        assert_eq!(
            all[0]
                .labels()
                .get("kubernetes.io/metadata.name")
                .map(String::as_str),
            Some("default")
        );
    }
}
