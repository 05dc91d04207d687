//! Random sequences of user actions, replayed from a fixed seed: nothing panics and
//! the cluster's invariants hold once it settles.

use super::*;
use crate::names::NameGenerator;

const ACTIONS: usize = 400;

fn pick<'a>(rng: &mut NameGenerator, items: &'a [&'a str]) -> &'a str {
    let n = rng
        .generate_name("")
        .bytes()
        .fold(0usize, |acc, b| acc * 31 + usize::from(b));
    items[n % items.len()]
}

#[test]
fn random_actions_keep_the_invariants() {
    for seed in [1, 7, 42, 99, 1234, 2026] {
        run_seed(seed);
    }
}

fn run_seed(seed: u64) {
    let mut rng = NameGenerator::new(seed);
    let mut c = Cluster::from_config(
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n",
    )
    .expect("config");
    let manifests = [
        crate::TUTORIAL_DAEMONSET,
        crate::TUTORIAL_DAEMONSET_TOLERATING,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx}]\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx:2}]\n",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  containers: [{name: c, image: busybox}]\n  tolerations: [{key: maint, operator: Exists, effect: NoExecute, tolerationSeconds: 7}]\n",
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\nspec:\n  taints: [{key: maint, effect: NoExecute}]\n",
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\nspec:\n  unschedulable: true\n",
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\n",
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker3\n",
    ];
    let nodes = [
        "kind-control-plane",
        "kind-worker",
        "kind-worker2",
        "kind-worker3",
    ];
    for _ in 0..ACTIONS {
        match pick(
            &mut rng,
            &[
                "apply",
                "apply",
                "advance",
                "stop",
                "start",
                "delete-node",
                "delete-pod",
                "manifest",
                "unmanifest",
            ],
        ) {
            "apply" => {
                let text = pick(&mut rng, &manifests);
                let _ = c.apply(text);
            }
            "advance" => c.advance(u64::from(rng.generate_name("").len() as u32) * 7),
            "stop" => {
                c.stop_kubelet(pick(&mut rng, &nodes));
            }
            "start" => {
                c.start_kubelet(pick(&mut rng, &nodes));
            }
            "delete-node" => {
                c.delete_node(pick(&mut rng, &nodes));
            }
            "delete-pod" => {
                let first = c.pods().next().map(|p| p.metadata.name.clone());
                if let Some(name) = first {
                    c.delete_pod("default", &name);
                }
            }
            "manifest" => {
                c.write_manifest(pick(&mut rng, &nodes), "s.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: s\nspec:\n  containers: [{name: c, image: nginx}]\n");
            }
            _ => {
                c.remove_manifest(pick(&mut rng, &nodes), "s.yaml");
            }
        }
        c.assert_scheduler_cache_fresh();
        assert_counts_read_through_the_namespace_index(&c);
    }
    // Let everything settle with every kubelet running.
    for node in nodes {
        c.start_kubelet(node);
    }
    c.advance(600);
    let node_names: Vec<String> = c.nodes().map(|n| n.metadata.name.clone()).collect();
    for pod in c.pods() {
        assert!(
            !pod.is_terminating(),
            "{} still terminating",
            pod.metadata.name
        );
        if !pod.spec.node_name.is_empty() {
            assert!(
                node_names.contains(&pod.spec.node_name),
                "{} on a node that is gone",
                pod.metadata.name
            );
        }
    }
    for ds in c.daemon_sets() {
        for node in &node_names {
            let here = c
                .pods()
                .filter(|p| {
                    p.spec.node_name == *node
                        && p.metadata
                            .controller_of()
                            .is_some_and(|r| r.uid == ds.metadata.uid)
                })
                .count();
            assert!(here <= 1, "{node} runs {here} pods of {}", ds.metadata.name);
        }
    }
}

/// Runs of clock steps are replayed by [`Cluster::advance_steps`], which jumps
/// over idle steps: it must reach exactly the state that stepping one by one
/// reaches, timers, events and names included.
#[test]
fn runs_of_steps_reach_the_state_of_single_steps() {
    for seed in [3, 8, 21] {
        let mut rng = NameGenerator::new(seed);
        let start = Cluster::from_config(
            "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n",
        )
        .expect("config");
        let (mut one_by_one, mut in_runs) = (start.clone(), start);
        let manifests = [
            crate::TUTORIAL_DAEMONSET,
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx}]\n      tolerations: [{key: maint, operator: Exists, effect: NoExecute, tolerationSeconds: 45}]\n",
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\nspec:\n  taints: [{key: maint, effect: NoExecute}]\n",
            "apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker\n",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers: [{name: c, image: nginx, resources: {requests: {cpu: 900}}}]\n",
        ];
        for _ in 0..60 {
            let action = pick(&mut rng, &["apply", "steps", "steps", "stop", "start"]);
            let node = pick(&mut rng, &["kind-worker", "kind-worker2"]);
            let text = pick(&mut rng, &manifests);
            let (seconds, times) = (
                1 + rng.generate_name("").len() as u64 % 3,
                rng.generate_name("").len() as u64 * 13,
            );
            for (c, runs) in [(&mut one_by_one, false), (&mut in_runs, true)] {
                match action {
                    "apply" => {
                        let _ = c.apply(text);
                    }
                    "stop" => {
                        c.stop_kubelet(node);
                    }
                    "start" => {
                        c.start_kubelet(node);
                    }
                    _ if runs => c.advance_steps(seconds, times),
                    _ => {
                        for _ in 0..times {
                            c.advance(seconds);
                        }
                    }
                }
            }
            assert_eq!(
                format!("{one_by_one:?}"),
                format!("{in_runs:?}"),
                "seed {seed}"
            );
        }
    }
}

/// Counting the pods a selector picks, per node, through the store's index of
/// a namespace's pods reads what reading every pod on every node reads.
fn assert_counts_read_through_the_namespace_index(c: &Cluster) {
    use crate::api::LabelSelector;
    use crate::scheduler::snapshot::{Snapshot, count_selected};
    let nodes: Vec<&Node> = c.nodes().collect();
    let snapshot = c.snapshot(&nodes, None, false);
    let web = LabelSelector {
        match_labels: [("app".to_string(), "web".to_string())].into(),
        ..LabelSelector::default()
    };
    for namespace in ["default", "kube-system"] {
        for selector in [&web, &LabelSelector::default()] {
            assert_eq!(
                *snapshot.selector_counts(namespace, selector),
                count_selected(&snapshot, namespace, selector),
                "{namespace} {selector:?}"
            );
        }
    }
}
