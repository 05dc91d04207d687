//! The scheduler inside the cluster: resources, host ports, scores, spreading.

use crate::cluster::Cluster;

fn three_nodes(worker2_taints: &str) -> Cluster {
    let text = format!(
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n  kubeadmConfigPatches:\n  - |\n    kind: JoinConfiguration\n    nodeRegistration:\n      taints: {worker2_taints}\n"
    );
    Cluster::from_config(&text).expect("config")
}

fn pod(name: &str, spec: &str) -> String {
    format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{spec}")
}

fn node_of(c: &Cluster, name: &str) -> String {
    c.pod("default", name)
        .map(|p| p.spec.node_name.clone())
        .unwrap_or_default()
}

fn scheduled_message(c: &Cluster, name: &str) -> String {
    c.pod("default", name)
        .and_then(|p| p.condition("PodScheduled"))
        .map(|c| c.message.clone())
        .unwrap_or_default()
}

#[test]
fn insufficient_cpu_is_resolvable_in_the_message() {
    let mut c = three_nodes("[]");
    let big = "  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"3\"\n";
    c.apply(&pod("a", big)).expect("applies");
    c.apply(&pod("b", big)).expect("applies");
    c.apply(&pod("c", big)).expect("applies");
    assert_ne!(node_of(&c, "a"), node_of(&c, "b"));
    assert_eq!(node_of(&c, "c"), "");
    assert_eq!(
        scheduled_message(&c, "c"),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    );
}

#[test]
fn bad_quantities_are_rejected_with_upstreams_message() {
    let errors = Cluster::tutorial()
        .apply(&pod("q", "  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        memory: 1GB\n"))
        .expect_err("bad quantity");
    assert_eq!(
        errors[0].message,
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
    assert_eq!(errors[0].path, "spec.containers[0].resources.limits.memory");
    assert_eq!(errors[0].line, 11);
}

/// Issue 11: requests past int64 used to wrap to negative and fit. They parse as
/// upstream's do (BinarySI capped at 2^63-1), never fit, and a node they are
/// bound to by name stays full however many there are (sums saturate).
#[test]
fn huge_requests_never_fit_and_their_sums_saturate() {
    let mut c = Cluster::tutorial();
    let huge = |node: &str| {
        format!(
            "{node}  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        memory: 100000000000000000000Ei\n        cpu: 170141183460469231731687303715884105727n\n"
        )
    };
    c.apply(&pod("huge", &huge(""))).expect("applies");
    assert_eq!(node_of(&c, "huge"), "");
    assert!(
        scheduled_message(&c, "huge").contains("1 Insufficient cpu"),
        "{}",
        scheduled_message(&c, "huge")
    );
    // With its kubelet stopped the worker admits nothing, so the pinned pods stay
    // Pending and count (a running kubelet would refuse them: OutOfcpu).
    assert!(c.stop_kubelet("worker"));
    for name in ["pinned-1", "pinned-2", "pinned-3"] {
        c.apply(&pod(name, &huge("  nodeName: worker\n")))
            .expect("applies");
        assert_eq!(node_of(&c, name), "worker");
    }
    let small = "  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 100m\n";
    c.apply(&pod("small", small)).expect("applies");
    assert_eq!(node_of(&c, "small"), "", "the worker is full");
}

/// Negative requests are refused at apply with upstream's message and path.
#[test]
fn negative_requests_are_refused_at_apply() {
    let errors = Cluster::tutorial()
        .apply(&pod("n", "  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"-1\"\n"))
        .expect_err("negative");
    assert_eq!(
        errors[0].message,
        "spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"
    );
    assert_eq!(errors[0].path, "spec.containers[0].resources.requests[cpu]");
    assert_eq!((errors[0].line, errors[0].column), (11, 9), "the cpu line");
}

#[test]
fn host_ports_conflict() {
    let mut c = Cluster::tutorial();
    let web = "  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: 80\n      hostPort: 8080\n";
    c.apply(&pod("a", web)).expect("applies");
    c.apply(&pod("b", web)).expect("applies");
    assert_eq!(node_of(&c, "a"), "worker");
    assert_eq!(
        scheduled_message(&c, "b"),
        "0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
    );
}

#[test]
fn prefer_no_schedule_and_preferred_affinity_steer_pods() {
    let mut c = three_nodes("[{key: spot, value: \"true\", effect: PreferNoSchedule}]");
    let plain = "  containers:\n  - name: c\n    image: nginx\n";
    for name in ["a", "b", "c"] {
        c.apply(&pod(name, plain)).expect("applies");
        assert_eq!(
            node_of(&c, name),
            "kind-worker",
            "{name} avoids the PreferNoSchedule node"
        );
    }
    let prefers = "  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 100\n        preference:\n          matchExpressions:\n          - key: kubernetes.io/hostname\n            operator: In\n            values: [kind-worker2]\n  tolerations:\n  - key: spot\n    operator: Exists\n    effect: PreferNoSchedule\n" .to_string() + plain;
    c.apply(&pod("d", &prefers)).expect("applies");
    assert_eq!(node_of(&c, "d"), "kind-worker2");
}

#[test]
fn a_deployment_spreads_over_equal_workers() {
    let mut c = three_nodes("[]");
    let web = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n";
    c.apply(web).expect("applies");
    let on = |n: &str| c.pods().filter(|p| p.spec.node_name == n).count();
    assert_eq!(
        (
            on("kind-worker"),
            on("kind-worker2"),
            on("kind-control-plane")
        ),
        (2, 2, 0)
    );
}

#[test]
fn a_daemon_pod_that_does_not_fit_names_the_prefilter() {
    let mut c = three_nodes("[]");
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: big\nspec:\n  selector:\n    matchLabels: {app: big}\n  template:\n    metadata:\n      labels: {app: big}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        resources:\n          requests: {cpu: \"5\"}\n";
    c.apply(ds).expect("applies");
    let messages: Vec<String> = c
        .pods()
        .filter_map(|p| p.condition("PodScheduled").map(|c| c.message.clone()))
        .collect();
    assert_eq!(messages.len(), 2, "one pod per worker, both pending");
    assert_eq!(
        messages[0],
        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
    );
}

/// Models `fitsRequest`: a resource the pod does not ask for never fails, even on
/// a node whose pods (here one bound by `nodeName`) ask for more than it has.
#[test]
fn a_resource_the_pod_does_not_request_never_fails() {
    let mut c = Cluster::tutorial();
    // With its kubelet stopped the worker admits nothing, so the hog stays Pending
    // and counts (a running kubelet would refuse it: OutOfcpu).
    assert!(c.stop_kubelet("worker"));
    let hog = "  nodeName: worker\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"6\"\n";
    c.apply(&pod("hog", hog)).expect("applies");
    assert_eq!(node_of(&c, "hog"), "worker");
    let memory_only = "  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        memory: 64Mi\n";
    c.apply(&pod("small", memory_only)).expect("applies");
    assert_eq!(node_of(&c, "small"), "worker");
    let some_cpu = "  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 100m\n";
    c.apply(&pod("cpu", some_cpu)).expect("applies");
    assert_eq!(node_of(&c, "cpu"), "");
    assert_eq!(
        scheduled_message(&c, "cpu"),
        "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
    );
}

/// A Deployment whose pods keep apart by hostname, on two schedulable workers:
/// two run, the third waits with InterPodAffinity's reason, and moves to a
/// third worker as soon as one joins.
#[test]
fn required_anti_affinity_keeps_replicas_apart() {
    let mut c = three_nodes("[]");
    let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n          - labelSelector:\n              matchLabels: {app: web}\n            topologyKey: kubernetes.io/hostname\n      containers:\n      - name: web\n        image: nginx\n";
    c.apply(deployment).expect("applies");
    let pods: Vec<_> = c
        .pods()
        .filter(|p| p.metadata.name.starts_with("web-"))
        .collect();
    let mut nodes: Vec<&str> = pods.iter().map(|p| p.spec.node_name.as_str()).collect();
    nodes.sort_unstable();
    assert_eq!(nodes, ["", "kind-worker", "kind-worker2"]);
    let waiting = pods
        .iter()
        .find(|p| p.spec.node_name.is_empty())
        .and_then(|p| p.condition("PodScheduled"))
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert_eq!(
        waiting,
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    );
    c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker3\n  labels:\n    kubernetes.io/hostname: kind-worker3\n")
        .expect("applies");
    let placed = c
        .pods()
        .filter(|p| p.metadata.name.starts_with("web-"))
        .filter(|p| p.spec.node_name == "kind-worker3")
        .count();
    assert_eq!(placed, 1);
}

/// `topologySpreadConstraints` over zones: with maxSkew 1, four replicas over
/// two zones of one and two workers land two and two.
#[test]
fn topology_spread_over_zones_balances_replicas() {
    let mut c = three_nodes("[]");
    for (node, zone) in [("kind-worker", "a"), ("kind-worker2", "b")] {
        c.apply(&format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: {node}\n  labels:\n    kubernetes.io/hostname: {node}\n    topology.kubernetes.io/zone: {zone}\n"))
            .expect("applies");
    }
    c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: kind-worker3\n  labels:\n    kubernetes.io/hostname: kind-worker3\n    topology.kubernetes.io/zone: b\n")
        .expect("applies");
    let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: topology.kubernetes.io/zone\n        whenUnsatisfiable: DoNotSchedule\n        labelSelector:\n          matchLabels: {app: web}\n      containers:\n      - name: web\n        image: nginx\n";
    c.apply(deployment).expect("applies");
    let in_zone = |zone: &str| {
        c.pods()
            .filter(|p| p.metadata.name.starts_with("web-"))
            .filter(|p| {
                c.node(&p.spec.node_name).is_some_and(|n| {
                    n.metadata
                        .labels
                        .get("topology.kubernetes.io/zone")
                        .map(String::as_str)
                        == Some(zone)
                })
            })
            .count()
    };
    assert_eq!((in_zone("a"), in_zone("b")), (2, 2));
}
