//! A kind cluster's whole state, as `kubectl get nodes,pods,daemonsets,
//! deployments,replicasets,priorityclasses,poddisruptionbudgets -A -o yaml`
//! (and `-o json`) prints it: four nodes (one cordoned, one NotReady with the
//! node controller's `unreachable` taints), four namespaces, a DaemonSet that
//! tolerates the control plane and one that does not, a Deployment in the
//! middle of a rollout (two ReplicaSets, a new pod still creating), a pod on
//! the NotReady node and a pod no node can take. Imported as the page and
//! the command line import it (`import::nodes`, then its session inputs), it
//! must look as the real cluster does.

use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::view::pod_status_text;
use taintlab_core::why;
use taintlab_playground::import;

const YAML: &str = include_str!("../../core/tests/fixtures/kind_rollout_state.yaml");
const JSON: &str = include_str!("../../core/tests/fixtures/kind_rollout_state.json");

fn imported(text: &str) -> Cluster {
    let import = import::nodes(text).expect("imports");
    assert!(import.state.is_some(), "a whole state");
    let skipped: Vec<(String, String, usize)> = import
        .skipped
        .iter()
        .map(|s| (s.kind.clone(), s.reason_en(), s.count))
        .collect();
    assert_eq!(
        skipped,
        [("ConfigMap".to_string(), "not simulated".to_string(), 1)]
    );
    let mut cluster = Cluster::tutorial();
    for input in import.inputs() {
        taintlab_core::session::replay(&mut cluster, &input);
    }
    cluster
}

/// Every pod's node and STATUS, by namespace/name.
fn placement(cluster: &Cluster) -> BTreeMap<String, (String, String)> {
    cluster
        .pods()
        .map(|p| {
            (
                format!("{}/{}", p.metadata.namespace, p.metadata.name),
                (p.spec.node_name.clone(), pod_status_text(p)),
            )
        })
        .collect()
}

#[test]
fn the_import_places_every_pod_where_the_cluster_had_it() {
    let cluster = imported(YAML);
    let nodes: Vec<&str> = cluster.nodes().map(|n| n.metadata.name.as_str()).collect();
    assert_eq!(
        nodes,
        [
            "kind-control-plane",
            "kind-worker",
            "kind-worker2",
            "kind-worker3"
        ]
    );
    assert!(
        cluster
            .node("kind-worker2")
            .is_some_and(|n| n.spec.unschedulable)
    );
    for ns in ["batch", "logging", "monitoring", "shop"] {
        assert!(cluster.namespaces().iter().any(|n| n == ns), "{ns}");
    }
    let pods = placement(&cluster);
    let on = |pod: &str| pods.get(pod).map(|(node, _)| node.as_str());
    assert_eq!(on("logging/log-agent-4kq2x"), Some("kind-control-plane"));
    assert_eq!(on("monitoring/node-exporter-w4mnh"), Some("kind-worker3"));
    assert_eq!(on("batch/cruncher"), Some("kind-worker3"));
    // Mid-rollout: both ReplicaSets' pods are adopted, none is made or removed.
    let web: Vec<&String> = pods.keys().filter(|k| k.starts_with("shop/web-")).collect();
    assert_eq!(
        web,
        [
            "shop/web-5f8d7c9b6a-7hjkl",
            "shop/web-5f8d7c9b6a-zt6qw",
            "shop/web-7c5b9d6f84-2xk8d",
            "shop/web-7c5b9d6f84-q4v9s"
        ]
    );
    assert_eq!(
        pods.get("shop/web-5f8d7c9b6a-zt6qw")
            .map(|(_, s)| s.as_str()),
        Some("ContainerCreating")
    );
    assert_eq!(cluster.pods().count(), 13);
    // The pod no node can take waits, and the scheduler says why.
    let report = cluster.pod("batch", "report").expect("imported");
    assert!(report.spec.node_name.is_empty());
    let message = report
        .condition("PodScheduled")
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert!(message.starts_with("0/4 nodes are available:"), "{message}");
    assert!(message.contains("Insufficient cpu"), "{message}");
}

#[test]
fn json_and_yaml_import_to_the_same_cluster() {
    assert_eq!(placement(&imported(YAML)), placement(&imported(JSON)));
}

#[test]
fn the_missing_daemon_pod_has_the_real_reason() {
    let cluster = imported(YAML);
    let rows = why::explain_daemon_set(&cluster, "monitoring", "node-exporter").expect("explained");
    let control_plane = rows
        .iter()
        .find(|r| r.node == "kind-control-plane")
        .expect("a row");
    assert!(!control_plane.should_run);
    assert_eq!(
        control_plane.reason.as_deref(),
        Some("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")
    );
    // The DaemonSet that tolerates the control plane runs there.
    let rows = why::explain_daemon_set(&cluster, "logging", "log-agent").expect("explained");
    assert!(rows.iter().all(|r| r.pod.is_some()), "{rows:?}");
}

#[test]
fn the_not_ready_node_is_not_ready_and_its_pods_go_when_their_time_is_up() {
    let mut cluster = imported(YAML);
    let status = |cluster: &Cluster| {
        taintlab_core::view::ClusterView::of(cluster)
            .nodes
            .iter()
            .find(|n| n.name == "kind-worker3")
            .map(|n| n.status.clone())
            .unwrap_or_default()
    };
    // NotReady at once, with the node controller's taints as the state had them.
    assert_eq!(status(&cluster), "NotReady");
    let taints: Vec<String> = cluster
        .node("kind-worker3")
        .map(|n| n.spec.taints.iter().map(|t| t.to_string()).collect())
        .unwrap_or_default();
    assert_eq!(
        taints,
        [
            "node.kubernetes.io/unreachable:NoSchedule",
            "node.kubernetes.io/unreachable:NoExecute"
        ]
    );
    // The unreachable NoExecute taint was added at 09:09:15; the state was read
    // at 09:10:00 (its newest time); the pod tolerates it for 300 s, so it has
    // 255 s left. The daemon pods tolerate it for ever.
    cluster.advance(254);
    assert!(
        cluster
            .pod("batch", "cruncher")
            .is_some_and(|p| !p.is_terminating())
    );
    cluster.advance(1);
    assert!(
        cluster
            .pod("batch", "cruncher")
            .is_none_or(|p| p.is_terminating()),
        "evicted"
    );
    assert!(cluster.pod("monitoring", "node-exporter-w4mnh").is_some());
    assert_eq!(status(&cluster), "NotReady");
}
