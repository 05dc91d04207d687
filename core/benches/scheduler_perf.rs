//! End-to-end workloads shaped like upstream's `test/integration/scheduler_perf`
//! (`misc/performance-config.yaml`, `templates/pod-default.yaml`,
//! `templates/node-default.yaml`): nodes of 4 CPU / 32Gi / 110 pods, pods requesting
//! 100m / 500Mi. Every measured span starts from text (YAML, or JSON as
//! `kubectl get -o json` prints it) and ends when `Cluster::apply` (decode, apply,
//! the control loops to quiescence) returns with every pod bound: nothing is
//! decoded ahead of time and no controller is skipped.
//!
//! | name | what is measured (n = 1/4 size, 4n = full size) |
//! |---|---|
//! | `SchedulingBasic` | 1,000 init pods, then 10,000 measured pods as one `kind: List`, 5,000 nodes |
//! | `SchedulingBasicJson` | the same, the measured pods as JSON shaped like `kubectl get pods -o json` (indented by 2, to fit the 8 MiB per apply) |
//! | `SchedulingDeployment` | the same 10,000 pods through one Deployment |
//! | `DeploymentScale` | that Deployment at 10 replicas, applied again with `replicas: 10000` (what `kubectl scale` asks of the API) |
//! | `SchedulingDaemonset` | one DaemonSet over 15,000 nodes |
//! | `OneMorePod` | one more pod (YAML) on 5,000 nodes running 11,000 pods |
//! | `TaintNoExecute` | one node of that cluster tainted `NoExecute` (what `kubectl taint` calls), with the evictions |
//! | `Sleep300` | `sleep 300` (`advance(300)`) on 5,000 nodes with 15,000 running pods, nothing happening |
//! | `SchedulingPodAntiAffinity` | `affinity/performance-config.yaml`: 1,000 init pods in `sched-0`, then 2,000 measured pods in `sched-1`, each with required anti-affinity to `color: green` on `kubernetes.io/hostname` (`pod-with-pod-anti-affinity.yaml`), 5,000 nodes |
//! | `TopologySpreading` | `topology_spreading/performance-config.yaml`: 5,000 nodes in three zones, 5,000 default init pods, then 5,000 measured pods with a `DoNotSchedule` zone constraint of maxSkew 5 (`pod-with-topology-spreading.yaml`) |
//! | `PreemptionBasic` | `default_preemption/performance-config.yaml`: 1,000 nodes filled by 4,000 low-priority pods of 900m (`pod-low-priority.yaml`), then 1,000 pods of 3 CPU and priority 10 (`pod-high-priority.yaml`, through a PriorityClass, as taintlab's Priority admission requires), each preempting three low pods |
//! | `ImportState` | a real cluster's state as `kubectl get nodes,pods,daemonsets,deployments,replicasets -A -o yaml` prints it (`import_dump`: 1,000 nodes, two DaemonSets, 200 Deployments with their ReplicaSets, 30,000 pods of about 4 KB each with `managedFields` and a running status, ten pending), from the text through `import::merge` and `Cluster::import_state` until every pod is bound and the controllers are quiet |
//! | `WhyImportedPod` | what `taintlab why pod/NAME` computes (`why::explain_pod` and `why::explain_eviction`) for a Deployment's pod of that imported cluster; median of 10 |
//! | `WhatIfImported` | what the page's *What if* and `taintlab diff` do on that imported cluster: copy it, taint one node `NoExecute` in the copy (the evictions, the replacements scheduled), let 60 simulated seconds pass in both, and compare them pod by pod (`what_if::diff`) |
//! | `ClockStep` | one quiet simulated second on 1,000 nodes running a DaemonSet and a 10,000-replica Deployment, and the cluster view after it (in-process, no budget) |
//!
//! Every run of every workload is a child process (this binary, run again), so a
//! run that exceeds the wall-clock budget (`BENCH_BUDGET` seconds, default 60) is
//! stopped and reported as "did not finish within N s" instead of hanging: today's
//! engine runs the whole apply, control loops included, in one call, so the run
//! cannot be cut between steps from outside the engine. Setting up the cluster
//! (not measured) has its own limit, three times the budget. `RUNS` (default 5)
//! runs per size; the lines give the median, pods/s, the issue's goal and the
//! growth `time(4n) / time(n)` (4.0 is linear). Run with
//! `cargo bench -p taintlab-core --bench scheduler_perf -- [names...]`.

mod import_dump;

use std::io::Write;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use taintlab_core::api::{Node, Quantity, Taint, TaintEffect};
use taintlab_core::import::{Source, merge};
use taintlab_core::view::ClusterView;
use taintlab_core::why::{explain_eviction, explain_pod};
use taintlab_core::{Cluster, KubeVersion};

const CHILD: &str = "TAINTLAB_BENCH_CHILD";

/// `node-default.yaml`: 4 CPU, 32Gi, 110 pods.
fn nodes(count: usize) -> Vec<Node> {
    let memory = Quantity::parse("32Gi").expect("32Gi parses");
    (0..count)
        .map(|i| {
            let mut node = Node::default();
            node.metadata.name = format!("node-{i:05}");
            node.metadata.labels.insert(
                "kubernetes.io/hostname".to_string(),
                node.metadata.name.clone(),
            );
            node.allocatable
                .insert("cpu".to_string(), Quantity::from_units(4));
            node.allocatable.insert("memory".to_string(), memory);
            node.allocatable
                .insert("pods".to_string(), Quantity::from_units(110));
            node
        })
        .collect()
}

/// `pod-default.yaml`'s container, indented by `indent` spaces.
fn container_yaml(indent: &str) -> String {
    format!(
        "{indent}containers:\n{indent}- image: registry.k8s.io/pause:3.10\n{indent}  name: pause\n{indent}  ports:\n{indent}  - containerPort: 80\n{indent}  resources:\n{indent}    limits:\n{indent}      cpu: 100m\n{indent}      memory: 500Mi\n{indent}    requests:\n{indent}      cpu: 100m\n{indent}      memory: 500Mi\n"
    )
}

/// `count` pods named `{prefix}-NNNNN` as one `kind: List`.
fn pods_yaml(prefix: &str, count: usize) -> String {
    shaped_pods_yaml(prefix, count, "default", "", "")
}

/// `count` pods in `namespace` with `labels` (YAML flow mapping entries, may be
/// empty) and `spec` lines (indented by 4) before the container.
fn shaped_pods_yaml(
    prefix: &str,
    count: usize,
    namespace: &str,
    labels: &str,
    spec: &str,
) -> String {
    let container = container_yaml("    ");
    let labels = if labels.is_empty() {
        String::new()
    } else {
        format!("    labels: {{{labels}}}\n")
    };
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..count {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: {prefix}-{i:05}\n    namespace: {namespace}\n{labels}  spec:\n{spec}{container}"
        ));
    }
    text
}

/// `count` pods requesting (and limited to) `cpu` and 500Mi, with `spec` lines
/// (indented by 4) before the container.
fn cpu_pods_yaml(prefix: &str, count: usize, cpu: &str, spec: &str) -> String {
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..count {
        text.push_str(&format!(
            "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: {prefix}-{i:05}\n    namespace: default\n  spec:\n{spec}    containers:\n    - image: registry.k8s.io/pause:3.10\n      name: pause\n      resources:\n        limits: {{cpu: {cpu}, memory: 500Mi}}\n        requests: {{cpu: {cpu}, memory: 500Mi}}\n"
        ));
    }
    text
}

/// `pod-with-pod-anti-affinity.yaml`'s spec, indented by 4.
const ANTI_AFFINITY_SPEC: &str = "    affinity:\n      podAntiAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n        - labelSelector:\n            matchLabels:\n              color: green\n          topologyKey: kubernetes.io/hostname\n          namespaces: [sched-0, sched-1]\n";

/// `pod-with-topology-spreading.yaml`'s spec, indented by 4.
const SPREADING_SPEC: &str = "    topologySpreadConstraints:\n    - maxSkew: 5\n      topologyKey: topology.kubernetes.io/zone\n      whenUnsatisfiable: DoNotSchedule\n      labelSelector:\n        matchLabels:\n          color: blue\n";

/// The same pods shaped as `kubectl get pods -o json` prints a list, indented by 2.
fn pods_json(prefix: &str, count: usize) -> String {
    let mut text = String::from("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n");
    for i in 0..count {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&format!(
            r#"        {{
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {{
                "name": "{prefix}-{i:05}",
                "namespace": "default"
            }},
            "spec": {{
                "containers": [
                    {{
                        "image": "registry.k8s.io/pause:3.10",
                        "name": "pause",
                        "ports": [
                            {{
                                "containerPort": 80,
                                "protocol": "TCP"
                            }}
                        ],
                        "resources": {{
                            "limits": {{
                                "cpu": "100m",
                                "memory": "500Mi"
                            }},
                            "requests": {{
                                "cpu": "100m",
                                "memory": "500Mi"
                            }}
                        }}
                    }}
                ]
            }}
        }}"#
        ));
    }
    text.push_str("\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    // kubectl indents by 4, which makes 10,000 pods 10 MiB, over taintlab's 8 MiB
    // per apply; indented by 2 (as `jq` prints it) they are 6.8 MiB.
    text.lines()
        .map(|line| {
            let body = line.trim_start_matches(' ');
            format!("{}{body}\n", " ".repeat((line.len() - body.len()) / 2))
        })
        .collect()
}

fn deployment_yaml(replicas: usize) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bench\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: bench\n  template:\n    metadata:\n      labels:\n        app: bench\n    spec:\n{}",
        container_yaml("      ")
    )
}

fn daemon_set_yaml() -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds\nspec:\n  selector:\n    matchLabels:\n      app: ds\n  template:\n    metadata:\n      labels:\n        app: ds\n    spec:\n{}",
        container_yaml("      ")
    )
}

fn bound(cluster: &Cluster) -> usize {
    cluster
        .pods()
        .filter(|p| !p.spec.node_name.is_empty())
        .count()
}

fn apply(cluster: &mut Cluster, text: &str) -> usize {
    match cluster.apply(text) {
        Ok(report) => report.lines.len(),
        Err(errors) => panic!("apply refused: {:?}", &errors[..errors.len().min(3)]),
    }
}

/// A workload: its name, the issue's goal, what it counts, and its sizes.
struct Workload {
    name: &'static str,
    /// Full size (4n), as in upstream's names.
    full: &'static str,
    goal: &'static str,
    /// True when the figure is a latency (ms), false for a rate (pods/s).
    latency: bool,
}

const WORKLOADS: [Workload; 14] = [
    Workload {
        name: "SchedulingBasic",
        full: "5000Nodes_1000Init_10000Pods",
        goal: ">= 68,000 pods/s",
        latency: false,
    },
    Workload {
        name: "SchedulingBasicJson",
        full: "5000Nodes_1000Init_10000Pods",
        goal: ">= 68,000 pods/s",
        latency: false,
    },
    Workload {
        name: "SchedulingDeployment",
        full: "5000Nodes_1000Init_10000Replicas",
        goal: ">= 68,000 pods/s",
        latency: false,
    },
    Workload {
        name: "DeploymentScale",
        full: "5000Nodes_1000Init_10To10000Replicas",
        goal: ">= 68,000 pods/s",
        latency: false,
    },
    Workload {
        name: "SchedulingDaemonset",
        full: "15000Nodes",
        goal: ">= 110,000 pods/s",
        latency: false,
    },
    Workload {
        name: "SchedulingPodAntiAffinity",
        full: "5000Nodes_1000Init_2000Pods",
        goal: ">= 6,000 pods/s (upstream 60)",
        latency: false,
    },
    Workload {
        name: "TopologySpreading",
        full: "5000Nodes_5000Init_5000Pods",
        goal: ">= 46,000 pods/s (upstream 460)",
        latency: false,
    },
    Workload {
        name: "PreemptionBasic",
        full: "1000Nodes_4000Init_1000Pods",
        goal: "none upstream (no threshold)",
        latency: false,
    },
    Workload {
        name: "ImportState",
        full: "1000Nodes_30000Pods",
        goal: "none upstream; the page's is 2 s",
        latency: false,
    },
    Workload {
        name: "WhyImportedPod",
        full: "1000Nodes_30000Pods",
        goal: "<= 1 s",
        latency: true,
    },
    Workload {
        name: "WhatIfImported",
        full: "1000Nodes_30000Pods",
        goal: "(none)",
        latency: true,
    },
    Workload {
        name: "OneMorePod",
        full: "5000Nodes_11000Pods",
        goal: "<= 1 ms",
        latency: true,
    },
    Workload {
        name: "TaintNoExecute",
        full: "5000Nodes_11000Pods",
        goal: "<= 1 ms + evictions",
        latency: true,
    },
    Workload {
        name: "Sleep300",
        full: "5000Nodes_15000Pods",
        goal: "<= 50 ms",
        latency: true,
    },
];

/// What one run measured: seconds, pods it counts, and a note.
struct Measured {
    seconds: f64,
    pods: usize,
    note: String,
}

/// Deadline (milliseconds since `START`) after which the child stops itself.
static DEADLINE_MS: AtomicU64 = AtomicU64::new(u64::MAX);
static PHASE: AtomicU64 = AtomicU64::new(0);

fn set_deadline(start: Instant, seconds: f64, phase: u64) {
    PHASE.store(phase, Ordering::SeqCst);
    let at = start.elapsed().as_millis() as u64 + (seconds * 1000.0) as u64;
    DEADLINE_MS.store(at, Ordering::SeqCst);
}

fn budget() -> f64 {
    std::env::var("BENCH_BUDGET")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(60.0)
}

/// Runs one run of `name` at `scale` (1 = n, 4 = 4n) in this (child) process and
/// prints `RESULT seconds pods note`.
fn child(name: &str, scale: usize) {
    let start = Instant::now();
    let budget = budget();
    set_deadline(start, budget * 3.0, 0);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(5));
            if start.elapsed().as_millis() as u64 > DEADLINE_MS.load(Ordering::SeqCst) {
                let phase = if PHASE.load(Ordering::SeqCst) == 0 {
                    "SETUP"
                } else {
                    "TIMEOUT"
                };
                println!("{phase}");
                let _ = std::io::stdout().flush();
                std::process::exit(3);
            }
        }
    });
    let measure = || set_deadline(start, budget, 1);
    let q = |full: usize| full * scale / 4;
    let measured = match name {
        "SchedulingBasic" | "SchedulingBasicJson" => {
            let (init, count) = (q(1000), q(10_000));
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(q(5000)));
            apply(&mut cluster, &pods_yaml("init", init));
            let text = if name == "SchedulingBasic" {
                pods_yaml("pod", count)
            } else {
                pods_json("pod", count)
            };
            measure();
            let t = Instant::now();
            // What `Cluster::apply` does, in its two halves, to show the split.
            let decoded = cluster.decode(&text).expect("the pods decode");
            let decoding = t.elapsed().as_secs_f64();
            let applied = cluster.apply_decoded(decoded).map(|r| r.lines.len());
            let seconds = t.elapsed().as_secs_f64();
            assert_eq!(applied, Ok(count));
            assert_eq!(bound(&cluster), init + count);
            Measured {
                seconds,
                pods: count,
                note: format!(
                    "decode {:.0} ms ({} KiB)",
                    decoding * 1000.0,
                    text.len() / 1024
                ),
            }
        }
        "SchedulingDeployment" | "DeploymentScale" => {
            let (init, count) = (q(1000), q(10_000));
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(q(5000)));
            apply(&mut cluster, &pods_yaml("init", init));
            let before = if name == "DeploymentScale" {
                apply(&mut cluster, &deployment_yaml(10));
                assert_eq!(bound(&cluster), init + 10);
                10
            } else {
                0
            };
            let text = deployment_yaml(count);
            measure();
            let t = Instant::now();
            apply(&mut cluster, &text);
            let seconds = t.elapsed().as_secs_f64();
            assert_eq!(bound(&cluster), init + count);
            Measured {
                seconds,
                pods: count - before,
                note: String::new(),
            }
        }
        "SchedulingPodAntiAffinity" => {
            let (init, count) = (q(1000), q(2000));
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(q(5000)));
            apply(
                &mut cluster,
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: sched-0\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: sched-1\n",
            );
            apply(
                &mut cluster,
                &shaped_pods_yaml("init", init, "sched-0", "color: green", ANTI_AFFINITY_SPEC),
            );
            let text =
                shaped_pods_yaml("pod", count, "sched-1", "color: green", ANTI_AFFINITY_SPEC);
            measure();
            let t = Instant::now();
            apply(&mut cluster, &text);
            let seconds = t.elapsed().as_secs_f64();
            assert_eq!(bound(&cluster), init + count);
            Measured {
                seconds,
                pods: count,
                note: String::new(),
            }
        }
        "TopologySpreading" => {
            let (init, count) = (q(5000), q(5000));
            let mut zoned = nodes(q(5000));
            for (i, node) in zoned.iter_mut().enumerate() {
                // `labelNodePrepareStrategy`: zones moon-1..3, round robin.
                node.metadata.labels.insert(
                    "topology.kubernetes.io/zone".to_string(),
                    format!("moon-{}", i % 3 + 1),
                );
            }
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), zoned);
            apply(&mut cluster, &pods_yaml("init", init));
            let text = shaped_pods_yaml("pod", count, "default", "color: blue", SPREADING_SPEC);
            measure();
            let t = Instant::now();
            apply(&mut cluster, &text);
            let seconds = t.elapsed().as_secs_f64();
            assert_eq!(bound(&cluster), init + count);
            Measured {
                seconds,
                pods: count,
                note: String::new(),
            }
        }
        "PreemptionBasic" => {
            let (init, count) = (q(4000), q(1000));
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(q(1000)));
            apply(
                &mut cluster,
                "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 10\n",
            );
            apply(&mut cluster, &cpu_pods_yaml("low", init, "900m", ""));
            assert_eq!(bound(&cluster), init);
            let text = cpu_pods_yaml("high", count, "3000m", "    priorityClassName: high\n");
            measure();
            let t = Instant::now();
            apply(&mut cluster, &text);
            let seconds = t.elapsed().as_secs_f64();
            let high = cluster
                .pods()
                .filter(|p| p.metadata.name.starts_with("high-") && !p.spec.node_name.is_empty())
                .count();
            assert_eq!(high, count, "every high-priority pod runs");
            Measured {
                seconds,
                pods: count,
                note: format!("{} low pods left", bound(&cluster) - high),
            }
        }
        "ImportState" | "WhyImportedPod" | "WhatIfImported" => {
            let (nodes, pods) = (q(1000), q(30_000));
            let text = import_dump::state_yaml(nodes, pods);
            let import = |text: &str| {
                let mut merged = merge(&[Source { name: "", text }]).expect("the dump merges");
                let version = merged.kubelet_version.unwrap_or(KubeVersion::NEWEST);
                let mut cluster = Cluster::empty(version.min(KubeVersion::NEWEST));
                let merged_at = Instant::now();
                let report = cluster
                    .import_merged(&mut merged)
                    .expect("the dump imports");
                (cluster, report, merged, merged_at)
            };
            if name == "ImportState" {
                measure();
                let t = Instant::now();
                let (cluster, report, merged, merged_at) = import(&text);
                let seconds = t.elapsed().as_secs_f64();
                assert!(report.skipped.is_empty(), "{:?}", report.skipped);
                assert_eq!(cluster.pods().count(), pods, "nothing is recreated");
                assert_eq!(bound(&cluster), pods);
                assert!(cluster.is_settled());
                Measured {
                    seconds,
                    pods,
                    note: format!(
                        "merge {:.0} ms, import {:.0} ms; {} MiB read, {} MiB recorded",
                        (merged_at - t).as_secs_f64() * 1000.0,
                        merged_at.elapsed().as_secs_f64() * 1000.0,
                        text.len() >> 20,
                        merged.text.len() >> 20
                    ),
                }
            } else if name == "WhatIfImported" {
                let (cluster, _, _, _) = import(&text);
                let (namespace, pod) = import_dump::a_deployment_pod();
                let node = cluster
                    .pod(&namespace, &pod)
                    .map(|p| p.spec.node_name.clone())
                    .expect("the pod is bound");
                let on_node = cluster.pods().filter(|p| p.spec.node_name == node).count();
                measure();
                let t = Instant::now();
                let mut before = cluster.clone();
                let mut after = cluster.clone();
                let since = after.now();
                let taint = taintlab_core::actions::NodeAction::AddTaint {
                    key: "dedicated".into(),
                    value: "db".into(),
                    effect: TaintEffect::NoExecute,
                };
                taintlab_core::actions::apply(&mut after, &node, &taint).expect("tainted");
                before.advance(60);
                after.advance(60);
                let diff = taintlab_core::what_if::diff(&before, &after, since);
                let seconds = t.elapsed().as_secs_f64();
                let evicted = diff
                    .pods
                    .iter()
                    .filter(|c| c.kind == taintlab_core::what_if::ChangeKind::Evicted)
                    .count();
                assert!(evicted > 0 && evicted <= on_node, "{evicted} of {on_node}");
                Measured {
                    seconds,
                    pods: diff.pods.len(),
                    note: format!(
                        "{evicted} evicted of the node's {on_node} pods; {} changes",
                        diff.pods.len()
                    ),
                }
            } else {
                let (cluster, _, _, _) = import(&text);
                let (namespace, pod) = import_dump::a_deployment_pod();
                const TIMES: usize = 10;
                measure();
                let mut each: Vec<f64> = (0..TIMES)
                    .map(|_| {
                        let t = Instant::now();
                        let explained = explain_pod(&cluster, &namespace, &pod);
                        // No NoExecute taint: the countdown's answer is that there is none.
                        let eviction = explain_eviction(&cluster, &namespace, &pod);
                        let seconds = t.elapsed().as_secs_f64();
                        assert!(explained.is_some_and(|e| e.rows.len() == nodes));
                        assert!(eviction.is_none());
                        seconds
                    })
                    .collect();
                each.sort_by(f64::total_cmp);
                Measured {
                    seconds: each[TIMES / 2],
                    pods: 1,
                    note: format!(
                        "median of {TIMES}; slowest {:.0} ms",
                        each[TIMES - 1] * 1000.0
                    ),
                }
            }
        }
        "SchedulingDaemonset" => {
            let count = q(15_000);
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(count));
            let text = daemon_set_yaml();
            measure();
            let t = Instant::now();
            apply(&mut cluster, &text);
            let seconds = t.elapsed().as_secs_f64();
            assert_eq!(bound(&cluster), count);
            Measured {
                seconds,
                pods: count,
                note: String::new(),
            }
        }
        "OneMorePod" | "TaintNoExecute" => {
            let count = q(11_000);
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(q(5000)));
            apply(&mut cluster, &pods_yaml("pod", count));
            assert_eq!(bound(&cluster), count);
            if name == "OneMorePod" {
                const EXTRA: usize = 10;
                let texts: Vec<String> = (0..EXTRA)
                    .map(|i| {
                        format!(
                            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: extra-{i}\nspec:\n{}",
                            container_yaml("  ")
                        )
                    })
                    .collect();
                measure();
                let mut each: Vec<f64> = texts
                    .iter()
                    .map(|text| {
                        let t = Instant::now();
                        apply(&mut cluster, text);
                        t.elapsed().as_secs_f64()
                    })
                    .collect();
                each.sort_by(f64::total_cmp);
                let seconds = each[EXTRA / 2];
                assert_eq!(bound(&cluster), count + EXTRA);
                Measured {
                    seconds,
                    pods: 1,
                    note: format!(
                        "median of {EXTRA} pods applied one after another; slowest {:.2} ms",
                        each[EXTRA - 1] * 1000.0
                    ),
                }
            } else {
                let node = "node-00000";
                let on_node = cluster.pods().filter(|p| p.spec.node_name == node).count();
                measure();
                let t = Instant::now();
                let found = cluster.update_node(node, |n| {
                    n.spec
                        .taints
                        .push(Taint::new("bench", "", TaintEffect::NoExecute))
                });
                let seconds = t.elapsed().as_secs_f64();
                assert!(found);
                // Evicted: deleted gracefully (Terminating until the kubelet stops them).
                let evicted = on_node
                    - cluster
                        .pods()
                        .filter(|p| p.spec.node_name == node && p.metadata.deleted.is_none())
                        .count();
                Measured {
                    seconds,
                    pods: on_node,
                    note: format!("{evicted} of the node's {on_node} pods evicted"),
                }
            }
        }
        "Sleep300" => {
            let count = q(15_000);
            let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(q(5000)));
            apply(&mut cluster, &pods_yaml("pod", count));
            // Until every pod runs (image pulls, container starts), then quiet.
            let running = |c: &Cluster| c.pods().filter(|p| p.status.phase == "Running").count();
            let mut waited = 0;
            while running(&cluster) < count {
                cluster.advance(1);
                waited += 1;
            }
            cluster.advance(30);
            let events = cluster.events().recorded();
            measure();
            let t = Instant::now();
            cluster.advance(300);
            let seconds = t.elapsed().as_secs_f64();
            assert_eq!(running(&cluster), count);
            Measured {
                seconds,
                pods: count,
                note: format!(
                    "running after {waited} s; {} events in the 300 s",
                    cluster.events().recorded() - events
                ),
            }
        }
        other => panic!("no workload {other}"),
    };
    println!(
        "RESULT {} {} {}",
        measured.seconds, measured.pods, measured.note
    );
}

enum Outcome {
    Done(Vec<(f64, usize, String)>),
    DidNotFinish(&'static str),
}

/// Runs `runs` child runs of `name` at `scale`; stops at the first that does not finish.
fn runs_of(name: &str, scale: usize, runs: usize) -> Outcome {
    let exe = std::env::current_exe().expect("the bench binary");
    let mut done = Vec::new();
    for _ in 0..runs {
        let output = Command::new(&exe)
            .env(CHILD, format!("{name}:{scale}"))
            .output()
            .expect("the child runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        if stdout.lines().any(|l| l == "TIMEOUT") {
            return Outcome::DidNotFinish("did not finish");
        }
        if stdout.lines().any(|l| l == "SETUP") {
            return Outcome::DidNotFinish("setup did not finish");
        }
        let Some(line) = stdout.lines().find_map(|l| l.strip_prefix("RESULT ")) else {
            panic!(
                "{name} failed:\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let mut parts = line.splitn(3, ' ');
        let seconds: f64 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(f64::NAN);
        let pods: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        done.push((seconds, pods, parts.next().unwrap_or("").to_string()));
    }
    done.sort_by(|a, b| a.0.total_cmp(&b.0));
    Outcome::Done(done)
}

fn median(runs: &[(f64, usize, String)]) -> &(f64, usize, String) {
    &runs[runs.len() / 2]
}

fn figure(latency: bool, (seconds, pods, _): &(f64, usize, String)) -> String {
    if latency {
        format!("{:.2} ms", seconds * 1000.0)
    } else {
        format!(
            "{pods} pods in {seconds:.3} s = {:.0} pods/s",
            *pods as f64 / seconds
        )
    }
}

fn report(workload: &Workload, runs: usize) {
    let budget = budget();
    let small = runs_of(workload.name, 1, runs);
    let large = match small {
        Outcome::Done(_) => runs_of(workload.name, 4, runs),
        Outcome::DidNotFinish(_) => Outcome::DidNotFinish("not run (n did not finish)"),
    };
    let describe = |o: &Outcome| match o {
        Outcome::Done(r) => {
            let m = median(r);
            let note = if m.2.is_empty() {
                String::new()
            } else {
                format!(" [{}]", m.2)
            };
            format!(
                "median of {}: {}{note}",
                r.len(),
                figure(workload.latency, m)
            )
        }
        Outcome::DidNotFinish(why) if why.starts_with("not run") => why.to_string(),
        Outcome::DidNotFinish(why) => format!("{why} within {budget:.0} s"),
    };
    let ratio = match (&small, &large) {
        (Outcome::Done(s), Outcome::Done(l)) => format!("{:.1}", median(l).0 / median(s).0),
        (Outcome::Done(s), Outcome::DidNotFinish(_)) => {
            format!("> {:.0}", budget / median(s).0)
        }
        _ => "-".to_string(),
    };
    println!(
        "{}/{} (goal {})",
        workload.name, workload.full, workload.goal
    );
    println!("  n  = 1/4 size: {}", describe(&small));
    println!("  4n = full size: {}", describe(&large));
    println!("  time(4n)/time(n) = {ratio}");
    let _ = std::io::stdout().flush();
}

/// Kept from the old harness (in-process, no budget): one page tick on a
/// 1,000-node cluster, `advance(1)` plus the view.
fn clock_step(runs: usize) {
    // What the page does every simulated second on a big cluster once things have
    // settled: 1,000 nodes running a DaemonSet and a 10,000-replica Deployment.
    let mut cluster = Cluster::from_nodes(KubeVersion::default(), nodes(1000));
    apply(&mut cluster, &daemon_set_yaml());
    apply(&mut cluster, &deployment_yaml(10_000));
    let running = |c: &Cluster| c.pods().filter(|p| p.status.phase == "Running").count();
    while running(&cluster) < 11_000 {
        cluster.advance(1);
    }
    cluster.advance(30);
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
    ticks.sort_by(f64::total_cmp);
    views.sort_by(f64::total_cmp);
    println!(
        "ClockStep/1000Nodes_11000Pods (a quiet second, in-process): advance(1) median {:.3} ms, ClusterView::of median {:.2} ms",
        ticks[ticks.len() / 2] * 1000.0,
        views[views.len() / 2] * 1000.0
    );
}

fn main() {
    if let Ok(which) = std::env::var(CHILD) {
        let (name, scale) = which.split_once(':').expect("name:scale");
        child(name, scale.parse().expect("a scale"));
        return;
    }
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let runs = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    // A filter matches a workload whose name equals it, or contains it when no
    // workload's name equals it (`SchedulingBasic` alone does not run the JSON one).
    let exact = |f: &String| WORKLOADS.iter().any(|w| w.name == f) || f == "ClockStep";
    let wanted = |name: &str| {
        filter.is_empty()
            || filter.iter().any(|f| {
                if exact(f) {
                    name == f
                } else {
                    name.contains(f.as_str())
                }
            })
    };
    println!(
        "taintlab-core scheduler_perf: {runs} runs per size, budget {:.0} s per run, {} cores",
        budget(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    for workload in WORKLOADS.iter().filter(|w| wanted(w.name)) {
        report(workload, runs);
    }
    if wanted("ClockStep") {
        clock_step(runs);
    }
}
