//! Workloads shaped like upstream's `test/integration/scheduler_perf`:
//!
//! - `SchedulingBasic/5000Nodes_10000Pods`: 5,000 nodes, then 10,000 plain pods.
//! - `SchedulingDaemonset/15000Nodes`: 15,000 nodes, then one DaemonSet.
//!
//! Each reports pods scheduled per second from the moment the decoded pods (or the
//! DaemonSet) are applied until every pod is bound and the cluster is quiet, on one
//! core. Upstream's harness also creates pod objects through the API and measures
//! the scheduler, so decoding the YAML is reported on its own line.
//! `IncrementalApply` then reports how long one more pod takes on that large cluster,
//! from YAML to bound: what a user waits for after a small change.
//! - `PlaygroundTick/1000Nodes`: what the page does every simulated second on a
//!   1,000-node cluster running a DaemonSet and 2,000 pods: advance the clock one
//!   second and compute the cluster view it renders.
//!
//! Every workload runs `RUNS` times (default 5) on a fresh cluster; the lines give
//! the best run and the median, since a shared machine adds noise. Run with
//! `cargo bench -p taintlab-core`; pass a workload name to run only that one.

use std::time::Instant;
use taintlab_core::api::Node;
use taintlab_core::view::ClusterView;
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

/// Best and median of the measured seconds.
fn best_and_median(mut seconds: Vec<f64>) -> (f64, f64) {
    seconds.sort_by(f64::total_cmp);
    let best = seconds.first().copied().unwrap_or(f64::NAN);
    let median = seconds.get(seconds.len() / 2).copied().unwrap_or(f64::NAN);
    (best, median)
}

fn report_rate(name: &str, count: usize, unit: &str, seconds: Vec<f64>) {
    let (best, median) = best_and_median(seconds);
    println!(
        "{name}: {count} {unit} in {best:.3} s = {:.0} {unit}/s (median {:.0})",
        count as f64 / best,
        count as f64 / median
    );
}

fn bound(cluster: &Cluster) -> usize {
    cluster
        .pods()
        .filter(|p| !p.spec.node_name.is_empty())
        .count()
}

/// Runs `SchedulingBasic` `runs` times; returns the last loaded cluster.
fn scheduling_basic(runs: usize) -> Cluster {
    let text = pods_yaml(10_000);
    let (mut decoding, mut scheduling) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..runs {
        let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(5000));
        let start = Instant::now();
        let decoded = cluster.decode(&text).map_err(|e| e.len());
        decoding.push(start.elapsed().as_secs_f64());
        let Ok(decoded) = decoded else {
            panic!("the pods do not decode: {decoded:?}");
        };
        let start = Instant::now();
        let applied = cluster.apply_decoded(decoded).map(|r| r.lines.len());
        scheduling.push(start.elapsed().as_secs_f64());
        assert_eq!((applied, bound(&cluster)), (Ok(10_000), 10_000));
        last = Some(cluster);
    }
    report_rate(
        "SchedulingBasic/5000Nodes_10000Pods",
        10_000,
        "pods",
        scheduling,
    );
    report_rate("  decoding their YAML", 10_000, "objects", decoding);
    last.unwrap_or_else(|| Cluster::from_nodes(KubeVersion::default(), nodes(5000)))
}

/// One more pod applied to the loaded cluster of `SchedulingBasic`, as YAML.
#[inline(never)]
fn incremental_apply(mut cluster: Cluster, runs: usize) {
    const PER_RUN: u32 = 20;
    let mut each = Vec::new();
    for run in 0..runs {
        let start = Instant::now();
        for i in 0..PER_RUN {
            let text = format!(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: extra-{run}-{i}\nspec:\n  containers:\n  - name: pause\n    image: registry.k8s.io/pause:3.10\n"
            );
            let applied = cluster.apply(&text).map(|r| r.lines.len());
            assert_eq!(applied, Ok(1));
        }
        each.push(start.elapsed().as_secs_f64() / f64::from(PER_RUN));
    }
    let (best, median) = best_and_median(each);
    println!(
        "IncrementalApply/5000Nodes_10000Pods: one pod applied and scheduled in {:.2} ms (median {:.2} ms)",
        best * 1000.0,
        median * 1000.0
    );
}

fn scheduling_daemonset(runs: usize) {
    let mut seconds = Vec::new();
    for _ in 0..runs {
        let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(15_000));
        let start = Instant::now();
        let applied = cluster.apply(DAEMON_SET).map(|r| r.lines.len());
        seconds.push(start.elapsed().as_secs_f64());
        assert_eq!((applied, bound(&cluster)), (Ok(1), 15_000));
    }
    report_rate("SchedulingDaemonset/15000Nodes", 15_000, "pods", seconds);
}

/// One page tick on a 1,000-node cluster: `advance(1)` plus the view.
fn playground_tick(runs: usize) {
    let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(1000));
    let applied = cluster.apply(DAEMON_SET).map(|r| r.lines.len());
    assert_eq!(applied, Ok(1));
    let applied = cluster.apply(&pods_yaml(2000)).map(|r| r.lines.len());
    assert_eq!(applied, Ok(2000));
    const PER_RUN: u32 = 10;
    let (mut ticks, mut views) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (mut tick, mut view) = (0.0, 0.0);
        for _ in 0..PER_RUN {
            let start = Instant::now();
            cluster.advance(1);
            tick += start.elapsed().as_secs_f64();
            let start = Instant::now();
            let shown = ClusterView::of(&cluster);
            view += start.elapsed().as_secs_f64();
            assert_eq!(shown.nodes.len(), 1000);
        }
        ticks.push(tick / f64::from(PER_RUN));
        views.push(view / f64::from(PER_RUN));
    }
    let (tick, tick_median) = best_and_median(ticks);
    let (view, view_median) = best_and_median(views);
    println!(
        "PlaygroundTick/1000Nodes: advance(1) {:.2} ms (median {:.2} ms), view {:.2} ms (median {:.2} ms)",
        tick * 1000.0,
        tick_median * 1000.0,
        view * 1000.0,
        view_median * 1000.0
    );
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let runs = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    if wanted("SchedulingBasic") || wanted("IncrementalApply") {
        let cluster = scheduling_basic(runs);
        if wanted("IncrementalApply") {
            incremental_apply(cluster, runs);
        }
    }
    if wanted("SchedulingDaemonset") {
        scheduling_daemonset(runs);
    }
    if wanted("PlaygroundTick") {
        playground_tick(runs);
    }
}
