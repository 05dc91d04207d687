//! kubectl's table printers for the simulated kinds: the columns each kind's
//! server-side table has, and each object's cells (all columns, wide ones included).
//!
//! Models `pkg/printers/internalversion/printers.go: AddHandlers` and the
//! `print<Kind>` functions; the default table for kinds without one models
//! `cli-runtime/pkg/printers/tableprinter.go: printObjectMeta`.

mod event;
mod node;
mod other;
mod pod;
mod policy;
mod workload;

pub use workload::replica_set_counts;

use crate::objects::Object;
use crate::resource::ResourceType;
use taintlab_core::Cluster;

/// A column of a table (`metav1.TableColumnDefinition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The name as defined; the header is its upper-case form.
    pub name: &'static str,
    /// Priority 1: shown only with `-o wide`.
    pub wide: bool,
    /// `Format: "name"`: the column that gets the `kind/` prefix.
    pub is_name: bool,
}

/// A priority-0 column.
pub(crate) const fn col(name: &'static str) -> Column {
    Column {
        name,
        wide: false,
        is_name: false,
    }
}

/// A priority-1 column (`-o wide`).
pub(crate) const fn wide(name: &'static str) -> Column {
    Column {
        name,
        wide: true,
        is_name: false,
    }
}

/// The `Name` column (`Format: "name"`).
pub(crate) const NAME: Column = Column {
    name: "Name",
    wide: false,
    is_name: true,
};

/// The columns of `resource`'s table in Kubernetes 1.`minor`.
pub fn columns(resource: &ResourceType, minor: u32) -> &'static [Column] {
    match resource.kind {
        "PriorityClass" => policy::priority_class_columns(minor),
        "PodDisruptionBudget" => policy::PDB_COLUMNS,
        "Pod" => pod::COLUMNS,
        "Node" => node::COLUMNS,
        "DaemonSet" => workload::DAEMON_SET_COLUMNS,
        "Deployment" => workload::DEPLOYMENT_COLUMNS,
        "ReplicaSet" => workload::REPLICA_SET_COLUMNS,
        "Event" => event::COLUMNS,
        kind => other::columns(kind),
    }
}

/// One object's cells, one per column of [`columns`].
pub fn cells(cluster: &Cluster, object: &Object<'_>) -> Vec<String> {
    let now = cluster.now();
    match object {
        Object::Pod(p) => pod::cells(p, now),
        Object::Node(n) => node::cells(cluster, n),
        Object::DaemonSet(d) => workload::daemon_set_cells(cluster, d),
        Object::Deployment(d) => workload::deployment_cells(cluster, d),
        Object::ReplicaSet(r) => workload::replica_set_cells(cluster, r),
        Object::Event(e) => event::cells(cluster, e),
        Object::PriorityClass(pc) => policy::priority_class_cells(cluster, pc),
        Object::PodDisruptionBudget(pdb) => policy::pdb_cells(cluster, pdb),
        Object::Namespace(_) | Object::Other(_) => other::cells(cluster, object),
    }
}

/// Models `layoutContainerCells`: container names and images, comma-joined.
pub(crate) fn container_cells(containers: &[taintlab_core::api::Container]) -> (String, String) {
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = containers.iter().map(|c| c.image.as_str()).collect();
    (names.join(","), images.join(","))
}
