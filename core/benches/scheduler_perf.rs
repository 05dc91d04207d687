//! Workloads shaped like upstream's `test/integration/scheduler_perf`:
//!
//! - `SchedulingBasic/5000Nodes_10000Pods`: 5,000 nodes, then 10,000 plain pods.
//! - `SchedulingDaemonset/15000Nodes`: 15,000 nodes, then one DaemonSet.
//!
//! Each reports pods scheduled per second from the moment the pods (or the
//! DaemonSet) are applied until every pod is bound, on one core. Run with
//! `cargo bench -p taintlab-core`; pass a workload name to run only that one.

use std::time::Instant;
use taintlab_core::api::Node;
use taintlab_core::{Cluster, KubeVersion};

fn nodes(count: usize) -> Vec<Node> {
    (0..count)
        .map(|i| {
            let mut node = Node::default();
            node.metadata.name = format!("node-{i:05}");
            node.metadata.labels.insert(
                "kubernetes.io/hostname".to_string(),
                node.metadata.name.clone(),
            );
            node
        })
        .collect()
}

fn pods_yaml(count: usize) -> String {
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..count {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: pod-{i:05}\n  spec:\n    containers:\n    - name: pause\n      image: registry.k8s.io/pause:3.10\n      resources:\n        requests:\n          cpu: 10m\n          memory: 16Mi\n"
        ));
    }
    text
}

const DAEMON_SET: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector:
    matchLabels: {app: ds}
  template:
    metadata:
      labels: {app: ds}
    spec:
      containers:
      - name: pause
        image: registry.k8s.io/pause:3.10
";

fn report(name: &str, pods: usize, seconds: f64) {
    println!(
        "{name}: {pods} pods in {seconds:.3} s = {:.0} pods/s",
        pods as f64 / seconds
    );
}

fn scheduling_basic() {
    let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(5000));
    let text = pods_yaml(10_000);
    let start = Instant::now();
    let report_lines = cluster.apply(&text).map(|r| r.lines.len());
    let elapsed = start.elapsed().as_secs_f64();
    let bound = cluster
        .pods()
        .filter(|p| !p.spec.node_name.is_empty())
        .count();
    assert_eq!((report_lines, bound), (Ok(10_000), 10_000));
    report("SchedulingBasic/5000Nodes_10000Pods", bound, elapsed);
}

fn scheduling_daemonset() {
    let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(15_000));
    let start = Instant::now();
    let applied = cluster.apply(DAEMON_SET).map(|r| r.lines.len());
    let elapsed = start.elapsed().as_secs_f64();
    let bound = cluster
        .pods()
        .filter(|p| !p.spec.node_name.is_empty())
        .count();
    assert_eq!((applied, bound), (Ok(1), 15_000));
    report("SchedulingDaemonset/15000Nodes", bound, elapsed);
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    if wanted("SchedulingBasic") {
        scheduling_basic();
    }
    if wanted("SchedulingDaemonset") {
        scheduling_daemonset();
    }
}
