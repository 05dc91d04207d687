//! Lookups one command builds once over the whole cluster, so that printing many
//! objects does not scan every pod or event again for each of them.
//!
//! kubectl gets the same effect from the API server: `describe nodes` asks for the
//! pods of each node with a field selector (`spec.nodeName=`), which the server
//! answers from its watch cache, and each object's events with another
//! (`involvedObject.name=`). The engine indexes pods by node
//! (`Cluster::pods_on_node`) but not events, so the command builds that index
//! here, the first time it is asked for.

use std::cell::OnceCell;
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::Pod;
use taintlab_core::events::Event;

/// Indexes over one cluster, each built on first use.
pub struct Lookup<'a> {
    cluster: &'a Cluster,
    events_by_name: OnceCell<BTreeMap<&'a str, Vec<&'a Event>>>,
}

impl<'a> Lookup<'a> {
    /// No index yet.
    pub fn new(cluster: &'a Cluster) -> Lookup<'a> {
        Lookup {
            cluster,
            events_by_name: OnceCell::new(),
        }
    }

    /// The cluster the lookups are over.
    pub fn cluster(&self) -> &'a Cluster {
        self.cluster
    }

    /// Pods bound to `node` that have not terminated, by namespace and name: what
    /// `taintlab_core::why::resources::non_terminated_pods` returns (models
    /// `describe.go: NodeDescriber.Describe`'s field-selected pod list).
    pub fn non_terminated_pods(&self, node: &str) -> Vec<&'a Pod> {
        taintlab_core::why::resources::non_terminated_pods(self.cluster, node)
    }

    /// Events about the object, oldest first: what `Events::about` yields.
    pub fn events_about(&self, kind: &str, namespace: &str, name: &str) -> Vec<&'a Event> {
        // By name only: a borrowed `str` finds a `&str` key whatever its lifetime,
        // and few objects share a name.
        let by_name = self.events_by_name.get_or_init(|| {
            let mut by_name: BTreeMap<&'a str, Vec<&'a Event>> = BTreeMap::new();
            for e in self.cluster.events().all() {
                by_name.entry(e.object.name.as_str()).or_default().push(e);
            }
            by_name
        });
        by_name
            .get(name)
            .into_iter()
            .flatten()
            .filter(|e| e.object.kind == kind && e.object.namespace == namespace)
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_agree_with_the_engines_scans() {
        let mut cluster = Cluster::tutorial();
        cluster.advance(30);
        let lookup = Lookup::new(&cluster);
        for node in cluster.nodes() {
            let name = node.metadata.name.as_str();
            let want = taintlab_core::why::resources::non_terminated_pods(&cluster, name);
            let got = lookup.non_terminated_pods(name);
            assert_eq!(got.len(), want.len());
            assert!(got.iter().zip(&want).all(|(a, b)| std::ptr::eq(*a, *b)));
            let want: Vec<&Event> = cluster.events().about("Node", "", name).collect();
            assert_eq!(lookup.events_about("Node", "", name), want);
        }
        for pod in cluster.pods() {
            let (ns, name) = (pod.metadata.namespace.as_str(), pod.metadata.name.as_str());
            let want: Vec<&Event> = cluster.events().about("Pod", ns, name).collect();
            assert_eq!(lookup.events_about("Pod", ns, name), want);
        }
    }
}
