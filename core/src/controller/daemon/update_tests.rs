//! DaemonSet update strategies over time (`pkg/controller/daemon: update_test.go`).

use crate::cluster::Cluster;

fn cluster_with_workers(n: usize) -> Cluster {
    let workers: String = (0..n).map(|_| "- role: worker\n").collect();
    Cluster::from_config(&format!(
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n{workers}"
    ))
    .expect("config")
}

fn ds(image: &str, strategy: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels: {{app: agent}}\n{strategy}  template:\n    metadata:\n      labels: {{app: agent}}\n    spec:\n      containers:\n      - name: agent\n        image: {image}\n"
    )
}

fn images(c: &Cluster) -> Vec<String> {
    c.pods()
        .map(|p| p.spec.containers[0].image.clone())
        .collect()
}

fn ready_nodes(c: &Cluster) -> usize {
    c.pods()
        .filter(|p| p.is_ready() && !p.is_terminating())
        .count()
}

#[test]
fn rolling_update_keeps_max_unavailable() {
    let mut c = cluster_with_workers(3);
    c.apply(&ds("agent:1", "")).expect("applies");
    c.advance(5);
    assert_eq!(ready_nodes(&c), 3);
    c.apply(&ds("agent:2", "")).expect("applies");
    for _ in 0..30 {
        assert!(ready_nodes(&c) >= 2, "at most one node without a ready pod");
        c.advance(1);
    }
    assert_eq!(images(&c), ["agent:2"; 3]);
    assert_eq!(ready_nodes(&c), 3);
}

#[test]
fn max_surge_starts_the_new_pod_first() {
    let mut c = cluster_with_workers(2);
    let strategy = "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n";
    c.apply(&ds("agent:1", strategy)).expect("applies");
    c.advance(5);
    c.apply(&ds("agent:2", strategy)).expect("applies");
    for _ in 0..30 {
        assert!(ready_nodes(&c) >= 2, "every node keeps a ready pod");
        c.advance(1);
    }
    assert_eq!(images(&c), ["agent:2"; 2]);
}

#[test]
fn on_delete_waits_for_the_user() {
    let mut c = cluster_with_workers(2);
    let strategy = "  updateStrategy:\n    type: OnDelete\n";
    c.apply(&ds("agent:1", strategy)).expect("applies");
    c.advance(5);
    c.apply(&ds("agent:2", strategy)).expect("applies");
    c.advance(30);
    assert_eq!(images(&c), ["agent:1"; 2]);
    let first = c
        .pods()
        .next()
        .map(|p| p.metadata.name.clone())
        .unwrap_or_default();
    assert!(c.delete_pod("default", &first));
    c.advance(5);
    let mut now = images(&c);
    now.sort();
    assert_eq!(now, ["agent:1", "agent:2"]);
}
