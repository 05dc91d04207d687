//! Models `printers.go: printNode` (with `findNodeRoles`, `getNodeInternalIP`).

use super::{Column, NAME, col, wide};
use crate::age::age;
use taintlab_core::Cluster;
use taintlab_core::api::Node;

/// `nodeColumnDefinitions`.
pub const COLUMNS: &[Column] = &[
    NAME,
    col("Status"),
    col("Roles"),
    col("Age"),
    col("Version"),
    wide("Internal-IP"),
    wide("External-IP"),
    wide("OS-Image"),
    wide("Kernel-Version"),
    wide("Container-Runtime"),
];

/// STATUS is `Ready`, `NotReady` (Ready False or Unknown) or `Unknown` (no Ready
/// condition), plus `,SchedulingDisabled` when cordoned; ROLES are the sorted
/// role labels or `<none>`.
pub fn cells(cluster: &Cluster, node: &Node) -> Vec<String> {
    let status = taintlab_core::status::node_status(cluster, &node.metadata.name);
    let ready = status
        .as_ref()
        .and_then(|s| s.conditions.iter().find(|c| c.type_ == "Ready"));
    let mut conditions = vec![match ready {
        Some(c) if c.status == "True" => "Ready",
        Some(_) => "NotReady",
        None => "Unknown",
    }];
    if node.spec.unschedulable {
        conditions.push("SchedulingDisabled");
    }
    let roles = node.roles();
    let roles = if roles.is_empty() {
        "<none>".to_string()
    } else {
        roles.join(",")
    };
    let known = |s: Option<&str>| match s {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "<unknown>".to_string(),
    };
    let internal_ip = status
        .as_ref()
        .map(|s| s.internal_ip.clone())
        .filter(|ip| !ip.is_empty())
        .unwrap_or_else(|| "<none>".to_string());
    vec![
        node.metadata.name.clone(),
        conditions.join(","),
        roles,
        age(cluster.now(), Some(node.metadata.created)),
        status
            .as_ref()
            .map(|s| s.kubelet_version.clone())
            .unwrap_or_default(),
        internal_ip,
        "<none>".to_string(),
        known(status.as_ref().map(|s| s.os_image)),
        known(status.as_ref().map(|s| s.kernel_version)),
        known(status.as_ref().map(|s| s.container_runtime_version)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_cells_follow_the_node() {
        let mut c = Cluster::tutorial();
        let master = |c: &Cluster| cells(c, c.node("master").expect("master"));
        assert_eq!(
            master(&c),
            [
                "master",
                "Ready",
                "master",
                "0s",
                "v1.36.0",
                "172.18.0.2",
                "<none>",
                "Debian GNU/Linux 12 (bookworm)",
                "6.8.0-45-generic",
                "containerd://2.1.1"
            ]
        );
        assert_eq!(cells(&c, c.node("worker").expect("worker"))[2], "<none>");
        c.apply(
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  unschedulable: true\n",
        )
        .expect("applies");
        c.stop_kubelet("worker");
        c.advance(120);
        let worker = cells(&c, c.node("worker").expect("worker"));
        assert_eq!(worker[1], "NotReady,SchedulingDisabled");
        assert_eq!(worker[3], "2m");
    }
}
