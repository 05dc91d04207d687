//! Models `printers.go: printDaemonSet`, `printDeployment` and `printReplicaSet`.

use super::{Column, NAME, col, container_cells, wide};
use crate::age::age;
use crate::selector::{format_label_selector, format_labels, label_selector_string};
use taintlab_core::Cluster;
use taintlab_core::api::{DaemonSet, Deployment, ReplicaSet};
use taintlab_core::status::{daemon_set_status, deployment_status};

/// `daemonSetColumnDefinitions`.
pub const DAEMON_SET_COLUMNS: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Node Selector"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

/// `deploymentColumnDefinitions`.
pub const DEPLOYMENT_COLUMNS: &[Column] = &[
    NAME,
    col("Ready"),
    col("Up-to-date"),
    col("Available"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

/// `replicaSetColumnDefinitions`.
pub const REPLICA_SET_COLUMNS: &[Column] = &[
    NAME,
    col("Desired"),
    col("Current"),
    col("Ready"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

/// Models `printDaemonSet`: the status counters, the template's node selector
/// (`labels.FormatLabels`), and with wide the selector (`FormatLabelSelector`).
pub fn daemon_set_cells(cluster: &Cluster, ds: &DaemonSet) -> Vec<String> {
    let s = daemon_set_status(cluster, ds);
    let (names, images) = container_cells(&ds.spec.template.spec.containers);
    vec![
        ds.metadata.name.clone(),
        s.desired_number_scheduled.to_string(),
        s.current_number_scheduled.to_string(),
        s.number_ready.to_string(),
        s.updated_number_scheduled.to_string(),
        s.number_available.to_string(),
        format_labels(&ds.spec.template.spec.node_selector),
        age(cluster.now(), Some(ds.metadata.created)),
        names,
        images,
        format_label_selector(ds.spec.selector.as_ref()),
    ]
}

/// Models `printDeployment`: READY is ready over desired; the wide selector is
/// `selector.String()` (empty, not `<none>`, when there is none).
pub fn deployment_cells(cluster: &Cluster, d: &Deployment) -> Vec<String> {
    let s = deployment_status(cluster, d);
    let (names, images) = container_cells(&d.spec.template.spec.containers);
    vec![
        d.metadata.name.clone(),
        format!("{}/{}", s.ready_replicas, d.replicas()),
        s.updated_replicas.to_string(),
        s.available_replicas.to_string(),
        age(cluster.now(), Some(d.metadata.created)),
        names,
        images,
        label_selector_string(d.spec.selector.as_ref()).unwrap_or_else(|| "<invalid>".to_string()),
    ]
}

/// Models `replicaset.calculateStatus`: `replicas` counts the active pods the
/// ReplicaSet controls, `readyReplicas` the ready ones among them.
pub fn replica_set_counts(cluster: &Cluster, rs: &ReplicaSet) -> (usize, usize) {
    let active: Vec<_> = cluster
        .pods_controlled_by(&rs.metadata.uid)
        .filter(|p| p.is_active())
        .collect();
    let ready = active.iter().filter(|p| p.is_ready()).count();
    (active.len(), ready)
}

/// Models `printReplicaSet`: DESIRED is `spec.replicas`, CURRENT and READY the status.
pub fn replica_set_cells(cluster: &Cluster, rs: &ReplicaSet) -> Vec<String> {
    let (current, ready) = replica_set_counts(cluster, rs);
    let (names, images) = container_cells(&rs.spec.template.spec.containers);
    vec![
        rs.metadata.name.clone(),
        rs.replicas().to_string(),
        current.to_string(),
        ready.to_string(),
        age(cluster.now(), Some(rs.metadata.created)),
        names,
        images,
        format_label_selector(rs.spec.selector.as_ref()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::TUTORIAL_DAEMONSET;

    const DEPLOYMENT: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      nodeSelector: {disk: ssd}\n      containers:\n      - {name: nginx, image: nginx}\n      - {name: sidecar, image: busybox}\n";

    #[test]
    fn daemon_set_cells_count_nodes() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        c.advance(5);
        let ds = c.daemon_sets().next().expect("ds");
        assert_eq!(
            daemon_set_cells(&c, ds),
            [
                "redis-ds",
                "1",
                "1",
                "1",
                "1",
                "1",
                "<none>",
                "5s",
                "redis",
                "redis:5-alpine",
                "name=redis-ds"
            ]
        );
    }

    #[test]
    fn deployment_and_replica_set_cells() {
        let mut c = Cluster::tutorial();
        c.apply(&DEPLOYMENT.replace("      nodeSelector: {disk: ssd}\n", ""))
            .expect("applies");
        let d = c.deployments().next().expect("deployment");
        assert_eq!(
            deployment_cells(&c, d),
            [
                "web",
                "0/2",
                "2",
                "0",
                "0s",
                "nginx,sidecar",
                "nginx,busybox",
                "app=web"
            ]
        );
        c.advance(10);
        let d = c.deployments().next().expect("deployment");
        assert_eq!(deployment_cells(&c, d)[..4], ["web", "2/2", "2", "2"]);
        let rs = c.replica_sets().next().expect("rs");
        let cells = replica_set_cells(&c, rs);
        assert!(cells[0].starts_with("web-"), "{}", cells[0]);
        assert_eq!(cells[1..5], ["2", "2", "2", "10s"]);
        assert!(
            cells[7].starts_with("app=web,pod-template-hash="),
            "{}",
            cells[7]
        );
    }

    #[test]
    fn pending_pods_count_as_current_not_ready() {
        let mut c = Cluster::tutorial();
        c.apply(DEPLOYMENT).expect("applies");
        c.advance(10);
        let rs = c.replica_sets().next().expect("rs");
        assert_eq!(replica_set_cells(&c, rs)[1..4], ["2", "2", "0"]);
    }
}
