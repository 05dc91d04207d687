//! The objects of one resource type, as the commands that act on objects find them.

use super::resource::ResourceType;
use crate::Cluster;
use std::collections::BTreeMap;

/// An object's identity and labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Its namespace (empty for cluster-scoped objects).
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// Its labels.
    pub labels: BTreeMap<String, String>,
}

/// Every object of `resource` in `namespace` (all namespaces when `None`), sorted
/// by namespace and name as the API lists them.
pub fn list(cluster: &Cluster, resource: &ResourceType, namespace: Option<&str>) -> Vec<Found> {
    let wanted = |ns: &str| !resource.namespaced || namespace.is_none_or(|n| n == ns);
    let found = |meta: &crate::api::ObjectMeta| Found {
        namespace: if resource.namespaced {
            meta.namespace.clone()
        } else {
            String::new()
        },
        name: meta.name.clone(),
        labels: meta.labels.clone(),
    };
    let mut out: Vec<Found> = match resource.kind {
        "Pod" => cluster.pods().map(|p| found(&p.metadata)).collect(),
        "Node" => cluster.nodes().map(|n| found(&n.metadata)).collect(),
        "DaemonSet" => cluster.daemon_sets().map(|d| found(&d.metadata)).collect(),
        "Deployment" => cluster.deployments().map(|d| found(&d.metadata)).collect(),
        "ReplicaSet" => cluster.replica_sets().map(|r| found(&r.metadata)).collect(),
        "Namespace" => cluster
            .namespaces()
            .iter()
            .map(|n| Found {
                namespace: String::new(),
                name: n.clone(),
                labels: BTreeMap::new(),
            })
            .collect(),
        "Event" => Vec::new(),
        kind => cluster
            .other_objects()
            .filter(|o| o.kind == kind)
            .map(|o| found(&o.metadata))
            .collect(),
    };
    out.retain(|f| wanted(&f.namespace));
    crate::sort::sort_by_key(&mut out, |f| (f.namespace.clone(), f.name.clone()));
    out
}
