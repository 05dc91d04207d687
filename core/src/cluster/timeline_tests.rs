//! Behaviour over simulated time: kubelets, evictions, node lifecycle, static pods.

use super::*;
use crate::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

use super::tests::pods_on;

fn messages(cluster: &Cluster, reason: &str) -> Vec<String> {
    cluster
        .events()
        .all()
        .iter()
        .filter(|e| e.reason == reason)
        .map(|e| e.message.clone())
        .collect()
}

fn node_yaml(name: &str, taints: &str) -> String {
    let master_label = if name == "master" {
        "\n    node-role.kubernetes.io/master: \"\""
    } else {
        ""
    };
    format!(
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n  labels:\n    kubernetes.io/arch: amd64\n    kubernetes.io/hostname: {name}\n    kubernetes.io/os: linux{master_label}\nspec:\n  taints: [{taints}]\n"
    )
}

const MASTER_TAINT: &str = "{key: node-role.kubernetes.io/master, effect: NoSchedule}";

fn bare_pod(name: &str, extra_spec: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n{extra_spec}"
    )
}

const STATIC_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
  - name: web
    image: nginx:1.27
";

/// The tutorial, replayed step by step against the simulated cluster.
#[test]
fn tutorial_replay() {
    let mut c = Cluster::tutorial();
    // 1. The DaemonSet lands on worker only.
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    c.advance(5);
    assert_eq!(pods_on(&c, "master").len(), 0);
    assert_eq!(pods_on(&c, "worker").len(), 1);
    // 2. kubectl taint node master node-role.kubernetes.io/master:NoSchedule-
    c.apply(&node_yaml("master", "")).expect("applies");
    c.advance(5);
    let on_master = pods_on(&c, "master");
    assert_eq!(on_master.len(), 1);
    // 3. The taint comes back: NoSchedule does not evict the running pod.
    c.apply(&node_yaml("master", MASTER_TAINT))
        .expect("applies");
    c.advance(600);
    assert_eq!(pods_on(&c, "master"), on_master);
    // 4. A toleration instead: the DaemonSet rolls and both nodes run a new pod.
    c.apply(TUTORIAL_DAEMONSET_TOLERATING).expect("applies");
    c.advance(5);
    assert_eq!(pods_on(&c, "master").len(), 1);
    assert_ne!(
        pods_on(&c, "master"),
        on_master,
        "the old revision was replaced"
    );
    assert!(c.pods().all(|p| p.status.phase == "Running"));
    // 5. A NoExecute taint on worker evicts its daemon pod at once.
    c.apply(&node_yaml(
        "worker",
        "{key: maintenance, effect: NoExecute}",
    ))
    .expect("applies");
    assert!(pods_on(&c, "worker").is_empty());
    assert!(
        messages(&c, "TaintManagerEviction")
            .iter()
            .any(|m| m.starts_with("Marking for deletion Pod default/redis-ds-"))
    );
    // 6. A static pod on each node, whatever the taints say.
    for node in ["master", "worker"] {
        assert!(c.write_manifest(node, "static-web.yaml", STATIC_POD));
    }
    c.advance(5);
    for node in ["master", "worker"] {
        let pod = c
            .pod("default", &format!("static-web-{node}"))
            .expect("mirror pod");
        assert_eq!(pod.status.phase, "Running");
        assert_eq!(
            pod.metadata.controller_of().map(|r| r.kind.as_str()),
            Some("Node")
        );
    }
}

#[test]
fn kubelet_events_follow_upstream_wording() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    c.advance(5);
    let pod = pods_on(&c, "worker").remove(0);
    assert_eq!(
        messages(&c, "Scheduled"),
        [format!("Successfully assigned default/{pod} to worker")]
    );
    assert_eq!(
        messages(&c, "SuccessfulCreate"),
        [format!("Created pod: {pod}")]
    );
    assert_eq!(
        messages(&c, "Pulling"),
        ["Pulling image \"redis:5-alpine\""]
    );
    assert!(messages(&c, "Pulled")[0].starts_with(
        "Successfully pulled image \"redis:5-alpine\" in 2s (2s including waiting). Image size: "
    ));
    assert_eq!(messages(&c, "Created"), ["Container created"]);
    assert_eq!(messages(&c, "Started"), ["Container started"]);
}

#[test]
fn pods_start_after_the_image_is_pulled() {
    let mut c = Cluster::tutorial();
    c.apply(&bare_pod("a", "")).expect("applies");
    let phase = |c: &Cluster, n| c.pod("default", n).map(|p| p.status.phase.clone());
    assert_eq!(phase(&c, "a").as_deref(), Some("Pending"));
    c.advance(2);
    assert_eq!(phase(&c, "a").as_deref(), Some("Pending"));
    c.advance(1);
    assert_eq!(phase(&c, "a").as_deref(), Some("Running"));
    // The image is now on worker: the next pod only needs its container started.
    c.apply(&bare_pod("b", "")).expect("applies");
    c.advance(1);
    assert_eq!(phase(&c, "b").as_deref(), Some("Running"));
    assert!(
        messages(&c, "Pulled")
            .contains(&"Container image \"nginx:1.27\" already present on machine".to_string())
    );
}

#[test]
fn toleration_seconds_delay_eviction_and_the_deadline_does_not_move() {
    let mut c = Cluster::tutorial();
    let tolerating = |seconds| {
        format!(
            "  tolerations:\n  - key: maintenance\n    operator: Exists\n    effect: NoExecute\n    tolerationSeconds: {seconds}\n"
        )
    };
    c.apply(&bare_pod("patient", &tolerating(30)))
        .expect("applies");
    c.advance(3);
    c.apply(&node_yaml(
        "worker",
        "{key: maintenance, effect: NoExecute}",
    ))
    .expect("applies");
    let uid = c
        .pod("default", "patient")
        .map(|p| p.metadata.uid.clone())
        .unwrap_or_default();
    assert_eq!(c.eviction_deadline(&uid), Some(Time::from_secs(33)));
    c.advance(29);
    assert!(c.pod("default", "patient").is_some());
    c.advance(1);
    assert!(
        c.pod("default", "patient").is_none(),
        "evicted exactly at the deadline"
    );
    assert_eq!(
        messages(&c, "TaintManagerEviction"),
        ["Marking for deletion Pod default/patient"]
    );

    // Removing the taint before the deadline cancels the eviction.
    let mut c = Cluster::tutorial();
    c.apply(&bare_pod("lucky", &tolerating(60)))
        .expect("applies");
    c.apply(&node_yaml(
        "worker",
        "{key: maintenance, effect: NoExecute}",
    ))
    .expect("applies");
    c.advance(10);
    c.apply(&node_yaml("worker", "")).expect("applies");
    c.advance(120);
    assert!(c.pod("default", "lucky").is_some());
    assert_eq!(
        messages(&c, "TaintManagerEviction"),
        ["Cancelling deletion of Pod default/lucky"]
    );
}

#[test]
fn stopped_kubelet_makes_the_node_unreachable() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    c.apply(&bare_pod("plain", "")).expect("applies");
    c.advance(10);
    assert!(c.stop_kubelet("worker"));
    // Last lease renewal at 10 s; the controller notices at the first 5 s tick after 60 s.
    c.advance(50);
    assert_eq!(
        c.node_runtime("worker").map(|r| r.ready),
        Some(ConditionStatus::True)
    );
    c.advance(5);
    assert_eq!(
        c.node_runtime("worker").map(|r| r.ready),
        Some(ConditionStatus::Unknown)
    );
    let taints: Vec<String> = c
        .node("worker")
        .map(|n| n.spec.taints.iter().map(|t| t.to_string()).collect())
        .unwrap_or_default();
    assert_eq!(
        taints,
        [
            "node.kubernetes.io/unreachable:NoSchedule",
            "node.kubernetes.io/unreachable:NoExecute"
        ]
    );
    assert_eq!(
        messages(&c, "NodeNotReady")[0],
        "Node worker status is now: NodeNotReady"
    );
    // MarkPodsNotReady turns the Ready condition False and leaves the containers'
    // statuses as the kubelet last posted them.
    let daemon_pod = |c: &Cluster| {
        pods_on(c, "worker")
            .into_iter()
            .find(|name| name.starts_with("redis-ds-"))
            .and_then(|name| c.pod("default", &name).cloned())
            .expect("the daemon pod")
    };
    let pod = daemon_pod(&c);
    assert!(!pod.is_ready());
    assert!(pod.status.container_statuses.iter().all(|s| s.ready));
    // The bare pod got 300 s from DefaultTolerationSeconds; the daemon pod tolerates forever.
    c.advance(299);
    assert!(
        c.pod("default", "plain")
            .is_some_and(|p| !p.is_terminating())
    );
    c.advance(1);
    let plain = c
        .pod("default", "plain")
        .expect("still there while the kubelet is down");
    assert!(plain.is_terminating());
    assert_eq!(pods_on(&c, "worker").len(), 2);
    // The kubelet comes back: the deletion completes and the taints go.
    assert!(c.start_kubelet("worker"));
    assert!(c.pod("default", "plain").is_none());
    assert_eq!(c.node("worker").map(|n| n.spec.taints.len()), Some(0));
    assert_eq!(pods_on(&c, "worker").len(), 1, "the daemon pod stayed");
    assert!(
        daemon_pod(&c).is_ready(),
        "the kubelet posts it Ready again"
    );
}

#[test]
fn static_pods_follow_their_files() {
    let mut c = Cluster::tutorial();
    c.write_manifest("master", "web.yaml", STATIC_POD);
    c.advance(5);
    let first = c
        .pod("default", "static-web-master")
        .expect("mirror")
        .clone();
    assert_eq!(first.status.phase, "Running");
    assert!(
        first
            .spec
            .tolerations
            .iter()
            .any(|t| t.key.is_empty() && t.effect == Some(TaintEffect::NoExecute))
    );
    assert_eq!(
        first
            .metadata
            .annotations
            .get("kubernetes.io/config.source")
            .map(String::as_str),
        Some("file")
    );
    // Deleting the mirror pod brings it back, still running.
    assert!(c.delete_pod("default", "static-web-master"));
    let back = c.pod("default", "static-web-master").expect("recreated");
    assert_ne!(back.metadata.uid, first.metadata.uid);
    assert_eq!(back.status.phase, "Running");
    // Editing the file replaces the pod; removing it removes the pod.
    c.write_manifest(
        "master",
        "web.yaml",
        &STATIC_POD.replace("nginx:1.27", "nginx:1.28"),
    );
    let edited = c.pod("default", "static-web-master").expect("replaced");
    assert_eq!(edited.spec.containers[0].image, "nginx:1.28");
    assert!(c.remove_manifest("master", "web.yaml"));
    assert!(c.pod("default", "static-web-master").is_none());
    // A broken manifest is reported on its node and breaks nothing else.
    c.write_manifest(
        "worker",
        "bad.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {}\nspec:\n  containers: [{name: a, image: b}]\n",
    );
    c.write_manifest("worker", "good.yaml", STATIC_POD);
    let errors = &c.node_runtime("worker").expect("worker").manifest_errors;
    assert!(
        errors
            .get("bad.yaml")
            .is_some_and(|e| e.contains("name or generateName is required")),
        "{errors:?}"
    );
    assert!(c.pod("default", "static-web-worker").is_some());
}

#[test]
fn cordon_shows_up_as_a_taint() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    let cordoned = node_yaml("worker", "").replace("spec:\n", "spec:\n  unschedulable: true\n");
    c.apply(&cordoned).expect("applies");
    let taints: Vec<String> = c
        .node("worker")
        .map(|n| n.spec.taints.iter().map(|t| t.to_string()).collect())
        .unwrap_or_default();
    assert_eq!(taints, ["node.kubernetes.io/unschedulable:NoSchedule"]);
    assert_eq!(
        pods_on(&c, "worker").len(),
        1,
        "daemon pods tolerate cordoning"
    );
    c.apply(&bare_pod("new", "")).expect("applies");
    let message = c
        .pod("default", "new")
        .and_then(|p| p.condition("PodScheduled").map(|c| c.message.clone()))
        .unwrap_or_default();
    assert_eq!(
        message,
        "0/2 nodes are available: 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
    );
}

#[test]
fn pods_get_ips_from_their_node() {
    let mut c = Cluster::tutorial();
    c.apply(&bare_pod("a", "")).expect("applies");
    c.apply(&bare_pod("b", "  hostNetwork: true\n"))
        .expect("applies");
    let worker = c.node_runtime("worker").expect("worker");
    assert_eq!(
        (worker.internal_ip.as_str(), worker.pod_cidr.as_str()),
        ("172.18.0.3", "10.244.1.0/24")
    );
    let a = c.pod("default", "a").expect("a");
    assert_eq!(
        (a.status.pod_ip.as_str(), a.status.host_ip.as_str()),
        ("10.244.1.2", "172.18.0.3")
    );
    let b = c.pod("default", "b").expect("b");
    assert_eq!(b.status.pod_ip, "172.18.0.3");
}

#[test]
fn node_events_as_describe_node_shows_them() {
    let mut c = Cluster::tutorial();
    let worker: Vec<(String, String)> = c
        .events()
        .about("Node", "", "worker")
        .map(|e| (e.reason.to_string(), e.message.clone()))
        .collect();
    let reasons: Vec<&str> = worker.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "Starting",
            "NodeHasSufficientMemory",
            "NodeHasNoDiskPressure",
            "NodeHasSufficientPID",
            "NodeAllocatableEnforced",
            "RegisteredNode",
            "NodeReady"
        ]
    );
    assert_eq!(worker[0].1, "Starting kubelet.");
    c.apply(&node_yaml("worker", "").replace("spec:\n", "spec:\n  unschedulable: true\n"))
        .expect("applies");
    assert!(
        c.events()
            .about("Node", "", "worker")
            .any(|e| e.message == "Node worker status is now: NodeNotSchedulable")
    );
}
