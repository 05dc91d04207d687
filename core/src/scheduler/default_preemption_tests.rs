//! DefaultPreemption inside the cluster, after the cases of upstream's
//! `defaultpreemption/default_preemption_test.go` (`TestPostFilter`,
//! `TestSelectBestCandidate`, `TestDryRunPreemption`, `TestPreempt`) and
//! `preemption_test.go` (`TestPickOneNodeForPreemption`).

use super::default_preemption::Candidate;
use super::default_preemption::Victim;
use super::default_preemption::pick_one_node;
use crate::clock::Time;
use crate::cluster::Cluster;

const CLASSES: &str = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: mid\nvalue: 500\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: never\nvalue: 1000\npreemptionPolicy: Never\n";

/// Two workers of 4 CPU (the kind defaults) beside a tainted control plane.
fn cluster() -> Cluster {
    let config = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n";
    let mut c = Cluster::from_config(config).expect("config");
    c.apply(CLASSES).expect("classes apply");
    c
}

fn pod(name: &str, class: &str, cpu: &str, labels: &str) -> String {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!("  priorityClassName: {class}\n")
    };
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{{labels}}}\nspec:\n{class}  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"{cpu}\"\n"
    )
}

fn node_of(c: &Cluster, name: &str) -> Option<String> {
    c.pod("default", name).map(|p| p.spec.node_name.clone())
}

fn message(c: &Cluster, name: &str) -> String {
    c.pod("default", name)
        .and_then(|p| p.condition("PodScheduled"))
        .map(|c| c.message.clone())
        .unwrap_or_default()
}

fn events(c: &Cluster, reason: &str) -> Vec<String> {
    c.events()
        .all()
        .iter()
        .filter(|e| e.reason == reason)
        .map(|e| format!("{}: {}", e.object.name, e.message))
        .collect()
}

/// `TestPostFilter` "pod with higher priority is preempting lower priority
/// pods": the low pods are deleted with a `Preempted` event, the pod is
/// nominated, then runs where they were.
#[test]
fn a_higher_priority_pod_preempts_the_lower_ones() {
    let mut c = cluster();
    c.apply(&pod("low-a", "", "3", "")).expect("applies");
    c.apply(&pod("low-b", "", "3", "")).expect("applies");
    let (a, b) = (node_of(&c, "low-a"), node_of(&c, "low-b"));
    assert_ne!(a, b, "one low pod per worker");
    c.apply(&pod("high", "high", "2", "")).expect("applies");
    // The victim is the low pod on the first worker (every criterion ties).
    let preempted = events(&c, "Preempted");
    assert_eq!(preempted.len(), 1, "{preempted:?}");
    let victim = if c.pod("default", "low-a").is_none() {
        "low-a"
    } else {
        "low-b"
    };
    let uid = c
        .pod("default", "high")
        .map(|p| p.metadata.uid.clone())
        .unwrap_or_default();
    assert!(
        preempted[0].starts_with(&format!(
            "{victim}: Preempted by pod {uid} on node kind-worker"
        )),
        "{preempted:?}"
    );
    // The failed attempt says nothing of preemption: it made room.
    let failed = events(&c, "FailedScheduling");
    assert!(
        failed.iter().any(|m| m
            == "high: 0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu."),
        "{failed:?}"
    );
    c.advance(1);
    assert_eq!(node_of(&c, "high").as_deref(), Some("kind-worker"));
    // Binding cleared the nomination (from 1.34).
    assert_eq!(
        c.pod("default", "high")
            .map(|p| p.status.nominated_node_name.clone()),
        Some(String::new())
    );
}

/// `TestPostFilter` "pod can not be scheduled and its preemptionPolicy is Never".
#[test]
fn preemption_policy_never_is_not_eligible() {
    let mut c = cluster();
    c.apply(&pod("low-a", "", "3", "")).expect("applies");
    c.apply(&pod("low-b", "", "3", "")).expect("applies");
    c.apply(&pod("polite", "never", "2", "")).expect("applies");
    assert_eq!(node_of(&c, "polite").as_deref(), Some(""));
    assert_eq!(
        message(&c, "polite"),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."
    );
    assert!(events(&c, "Preempted").is_empty());
}

/// Equal priorities: nothing to preempt, as before priorities existed.
#[test]
fn equal_priorities_find_no_victims() {
    let mut c = cluster();
    c.apply(&pod("a", "", "3", "")).expect("applies");
    c.apply(&pod("b", "", "3", "")).expect("applies");
    c.apply(&pod("c", "", "2", "")).expect("applies");
    assert_eq!(
        message(&c, "c"),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
    );
}

/// A pod too big even for an empty node: removing everything would not do,
/// and the message names the filter's reason for those nodes.
#[test]
fn a_pod_that_fits_nowhere_even_alone_preempts_nothing() {
    let mut c = cluster();
    c.apply(&pod("low-a", "", "1", "")).expect("applies");
    c.apply(&pod("huge", "high", "16", "")).expect("applies");
    assert!(events(&c, "Preempted").is_empty());
    assert_eq!(
        message(&c, "huge"),
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
    );
}

/// `TestSelectBestCandidate` with a PodDisruptionBudget: the node whose victim a
/// budget protects is passed over for the one whose victim it does not.
#[test]
fn a_disruption_budget_steers_preemption_to_another_node() {
    let mut c = cluster();
    c.apply(&pod("guarded", "", "3", "app: db"))
        .expect("applies");
    c.apply(&pod("free", "", "3", "app: web")).expect("applies");
    let pdb = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: db\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels: {app: db}\n";
    c.apply(pdb).expect("applies");
    c.advance(5);
    let guarded_node = node_of(&c, "guarded");
    c.apply(&pod("high", "high", "2", "")).expect("applies");
    assert!(c.pod("default", "guarded").is_some(), "the budget keeps it");
    assert!(c.pod("default", "free").is_none(), "the other one goes");
    c.advance(1);
    assert_ne!(node_of(&c, "high"), guarded_node);
}

/// The lowest priority goes first: with a mid and a low pod on one node, room
/// for the high pod is made by the low one alone.
#[test]
fn the_least_important_victims_are_chosen() {
    let config = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n";
    let mut c = Cluster::from_config(config).expect("config");
    c.apply(CLASSES).expect("classes apply");
    c.apply(&pod("mid", "mid", "2", "")).expect("applies");
    c.apply(&pod("low", "", "2", "")).expect("applies");
    c.apply(&pod("high", "high", "2", "")).expect("applies");
    assert!(c.pod("default", "mid").is_some());
    assert!(c.pod("default", "low").is_none());
}

fn candidate(pos: usize, victims: &[(i32, u64)], violations: usize) -> Candidate {
    Candidate {
        pos,
        victims: victims
            .iter()
            .map(|(priority, start)| Victim {
                namespace: "default".to_string(),
                name: format!("v{pos}-{priority}-{start}"),
                uid: String::new(),
                priority: *priority,
                start: Time(*start),
                terminating: false,
            })
            .collect(),
        pdb_violations: violations,
    }
}

/// `TestPickOneNodeForPreemption`'s order of criteria.
#[test]
fn pick_one_node_follows_upstreams_criteria() {
    // Fewest budget violations first.
    let (picked, _) = pick_one_node(vec![candidate(0, &[(1, 0)], 1), candidate(1, &[(5, 0)], 0)]);
    assert_eq!(picked.pos, 1);
    // Then the lowest highest priority.
    let (picked, _) = pick_one_node(vec![
        candidate(0, &[(10, 0)], 0),
        candidate(1, &[(5, 0), (5, 0)], 0),
    ]);
    assert_eq!(picked.pos, 1);
    // Then the smallest sum of priorities.
    let (picked, _) = pick_one_node(vec![
        candidate(0, &[(10, 0), (5, 0)], 0),
        candidate(1, &[(10, 0), (1, 0)], 0),
    ]);
    assert_eq!(picked.pos, 1);
    // Then the fewest victims (priorities offset by 2^31, so fewer is less).
    let (picked, _) = pick_one_node(vec![
        candidate(0, &[(10, 0), (-5, 0)], 0),
        candidate(1, &[(10, 0)], 0),
    ]);
    assert_eq!(picked.pos, 1);
    // Then the latest start of the highest-priority victims.
    let (picked, _) = pick_one_node(vec![
        candidate(0, &[(10, 5)], 0),
        candidate(1, &[(10, 9)], 0),
    ]);
    assert_eq!(picked.pos, 1);
    // Then the first.
    let (picked, _) = pick_one_node(vec![
        candidate(0, &[(10, 9)], 0),
        candidate(1, &[(10, 9)], 0),
    ]);
    assert_eq!(picked.pos, 0);
}

/// The explanation of a pending pod tells what preemption would do: a pod whose
/// class never preempts says so; a pod that outranks everyone but fits nowhere
/// even alone gets each node's reason.
#[test]
fn the_explanation_tells_what_preemption_would_do() {
    let mut c = cluster();
    c.apply(&pod("low-a", "", "3", "")).expect("applies");
    c.apply(&pod("low-b", "", "3", "")).expect("applies");
    c.apply(&pod("polite", "never", "2", "")).expect("applies");
    let e = crate::why::explain_pod(&c, "default", "polite").expect("explained");
    let p = e.preemption.expect("a preemption explanation");
    assert_eq!(
        p.not_eligible.as_deref(),
        Some("not eligible due to preemptionPolicy=Never.")
    );
    c.apply(&pod("huge", "high", "16", "")).expect("applies");
    let e = crate::why::explain_pod(&c, "default", "huge").expect("explained");
    let p = e.preemption.expect("a preemption explanation");
    assert_eq!(p.not_eligible, None);
    assert_eq!(p.chosen, None);
    let reasons: Vec<(&str, Option<&str>)> = p
        .nodes
        .iter()
        .map(|n| (n.node.as_str(), n.reason.as_deref()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("kind-worker", Some("Insufficient cpu")),
            ("kind-worker2", Some("Insufficient cpu")),
        ]
    );
    // A pod bound by the scheduler has nothing to explain about preemption.
    let e = crate::why::explain_pod(&c, "default", "low-a").expect("explained");
    assert_eq!(e.preemption, None);
}

/// `RunFilterPluginsWithNominatedPods`: the room a preemptor made is held for
/// it; a waiting pod of the same priority that came first does not take it.
#[test]
fn a_nominated_pod_holds_the_room_it_made() {
    let mut c = cluster();
    c.apply(&pod("low-a", "", "3", "")).expect("applies");
    c.apply(&pod("low-b", "", "3", "")).expect("applies");
    c.apply(&pod("backup", "never", "3", "")).expect("applies");
    c.apply(&pod("urgent", "high", "3", "")).expect("applies");
    c.advance(2);
    assert_eq!(events(&c, "Preempted").len(), 1, "one victim only");
    assert_ne!(node_of(&c, "urgent").as_deref(), Some(""));
    assert_eq!(
        node_of(&c, "backup").as_deref(),
        Some(""),
        "backup still waits"
    );
}

/// Upstream's priorities: `negPriority`, `midPriority`, `highPriority`,
/// `veryHighPriority` (`lowPriority` is 0, a pod without a class).
const UPSTREAM_CLASSES: &str = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: neg\nvalue: -100\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: mid\nvalue: 100\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: veryhigh\nvalue: 10000\n---\napiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high-never\nvalue: 1000\npreemptionPolicy: Never\n";

/// Nodes as upstream's `st.MakeNode().Name(name).Capacity(veryLargeRes)`:
/// 500m CPU, 500 bytes of memory, 32 pods. As in `TestPreempt`, a name
/// `host/zone/region` gives the labels `hostname`, `zone` and `region`.
fn upstream_cluster(names: &[&str]) -> Cluster {
    let nodes: Vec<String> = names
        .iter()
        .map(|spec| {
            let parts: Vec<&str> = spec.split('/').collect();
            let name = parts[0];
            let labels: String = ["hostname", "zone", "region"]
                .iter()
                .zip(&parts)
                .map(|(key, value)| format!("    {key}: {value}\n"))
                .collect();
            format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n  labels:\n    kubernetes.io/hostname: {name}\n{labels}status:\n  allocatable:\n    cpu: 500m\n    memory: \"500\"\n    pods: \"32\"\n")
        })
        .collect();
    let mut c = Cluster::from_config(&nodes.join("---\n")).expect("nodes");
    c.apply(UPSTREAM_CLASSES).expect("classes apply");
    c
}

/// Upstream's resources: `smallRes` (100m, 100), `mediumRes` (200m, 200),
/// `largeRes` (300m, 300), `veryLargeRes` (500m, 500).
fn res(size: &str) -> u32 {
    match size {
        "small" => 100,
        "medium" => 200,
        "large" => 300,
        "veryLarge" => 500,
        other => panic!("no size {other}"),
    }
}

/// `st.MakePod().Name(name).Node(node).Priority(class).Req(size)` (no
/// requests for an empty size), with labels given as flow-mapping entries.
fn upstream_pod(name: &str, node: &str, class: &str, size: &str, labels: &str) -> String {
    let node = if node.is_empty() {
        String::new()
    } else {
        format!("  nodeName: {node}\n")
    };
    let class = if class.is_empty() {
        String::new()
    } else {
        format!("  priorityClassName: {class}\n")
    };
    let resources = if size.is_empty() {
        String::new()
    } else {
        let r = res(size);
        format!("    resources:\n      requests:\n        cpu: {r}m\n        memory: \"{r}\"\n")
    };
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  labels: {{{labels}}}\nspec:\n{node}{class}  containers:\n  - name: c\n    image: nginx\n{resources}"
    )
}

/// Applies `(name, node, class, size)` pods at once (one start time), then
/// lets the kubelet admit them and set their start time.
fn place(c: &mut Cluster, pods: &[(&str, &str, &str, &str)]) {
    let docs: Vec<String> = pods
        .iter()
        .map(|(name, node, class, size)| upstream_pod(name, node, class, size, ""))
        .collect();
    c.apply(&docs.join("---\n")).expect("pods apply");
    c.advance(1);
    for (name, node, _, _) in pods {
        assert_eq!(node_of(c, name).as_deref(), Some(*node), "{name} is bound");
        let pod = c.pod("default", name).expect("the pod");
        assert_ne!(pod.status.phase, "Failed", "{name} is admitted");
        assert!(pod.status.start_time.is_some(), "{name} has started");
    }
}

/// The pods deleted with a `Preempted` event, sorted, and the node named.
fn preempted(c: &Cluster) -> (Vec<String>, String) {
    let mut victims = Vec::new();
    let mut nodes = Vec::new();
    for e in c.events().all().iter().filter(|e| e.reason == "Preempted") {
        victims.push(e.object.name.clone());
        if let Some((_, node)) = e.message.split_once(" on node ") {
            nodes.push(node.to_string());
        }
    }
    victims.sort();
    nodes.dedup();
    assert!(nodes.len() <= 1, "victims on one node: {nodes:?}");
    (victims, nodes.pop().unwrap_or_default())
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// `TestDryRunPreemption` "medium priority pod is preempted, but lower
/// priority one stays as it is small": on node1 the mid pod goes and the small
/// low one stays (node1 is picked as its victim started last).
#[test]
fn upstream_the_small_lower_priority_pod_stays() {
    let mut c = upstream_cluster(&["node1", "node2"]);
    place(&mut c, &[("p2", "node2", "mid", "large")]);
    place(
        &mut c,
        &[
            ("p1.1", "node1", "", "small"),
            ("p1.2", "node1", "mid", "large"),
        ],
    );
    c.apply(&upstream_pod("p", "", "high", "large", ""))
        .expect("applies");
    assert_eq!(preempted(&c), (names(&["p1.2"]), "node1".to_string()));
    assert!(c.pod("default", "p1.1").is_some());
}

/// `TestDryRunPreemption` "mixed priority pods are preempted": node2 holds a
/// high pod only; on node1 the low pod and the medium-sized mid pod go.
#[test]
fn upstream_mixed_priority_pods_are_preempted() {
    let mut c = upstream_cluster(&["node1", "node2"]);
    place(
        &mut c,
        &[
            ("p1.1", "node1", "mid", "small"),
            ("p1.2", "node1", "", "small"),
            ("p1.3", "node1", "mid", "medium"),
            ("p1.4", "node1", "high", "small"),
            ("p2", "node2", "high", "large"),
        ],
    );
    c.apply(&upstream_pod("p", "", "high", "large", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p1.2", "p1.3"]), "node1".to_string())
    );
}

/// `TestDryRunPreemption` "mixed priority pods are preempted, pick later
/// StartTime one when priorities are equal": of the two low pods, the one that
/// started later goes.
#[test]
fn upstream_the_later_started_of_equal_priorities_goes() {
    let mut c = upstream_cluster(&["node1", "node2"]);
    // Start times 1 to 5 as upstream's epochTime1..5.
    place(&mut c, &[("p2", "node2", "high", "large")]);
    place(&mut c, &[("p1.4", "node1", "high", "small")]);
    place(&mut c, &[("p1.3", "node1", "mid", "medium")]);
    place(&mut c, &[("p1.2", "node1", "", "small")]);
    place(&mut c, &[("p1.1", "node1", "", "small")]);
    c.apply(&upstream_pod("p", "", "high", "large", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p1.1", "p1.3"]), "node1".to_string())
    );
}

/// `TestDryRunPreemption` "preemption with violation of same pdb": both pods
/// a budget allowing one disruption covers must go.
#[test]
fn upstream_preemption_with_violation_of_same_pdb() {
    let mut c = upstream_cluster(&["node1"]);
    let docs = [
        upstream_pod("p1.1", "node1", "mid", "medium", "app: foo"),
        upstream_pod("p1.2", "node1", "mid", "medium", "app: foo"),
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: foo\nspec:\n  maxUnavailable: 1\n  selector:\n    matchLabels: {app: foo}\n".to_string(),
    ];
    c.apply(&docs.join("---\n")).expect("applies");
    c.advance(5);
    c.apply(&upstream_pod("p", "", "high", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p1.1", "p1.2"]), "node1".to_string())
    );
}

/// `TestSelectBestCandidate` "when highest priorities are the same, minimum sum
/// of priorities is picked".
#[test]
fn upstream_minimum_sum_of_priorities_is_picked() {
    let mut c = upstream_cluster(&["node1", "node2", "node3"]);
    place(
        &mut c,
        &[
            ("p1.1", "node1", "mid", "medium"),
            ("p1.2", "node1", "mid", "large"),
            ("p2.1", "node2", "mid", "large"),
            ("p2.2", "node2", "", "medium"),
            ("p3.1", "node3", "mid", "medium"),
            ("p3.2", "node3", "mid", "medium"),
        ],
    );
    c.apply(&upstream_pod("p", "", "high", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p2.1", "p2.2"]), "node2".to_string())
    );
}

/// `TestSelectBestCandidate` "when highest priority and sum are the same,
/// minimum number of pods is picked" and "sum of adjusted priorities is
/// considered": negative priorities, offset by 2^31, make fewer victims the
/// smaller sum.
#[test]
fn upstream_minimum_number_of_pods_and_adjusted_sums() {
    let mut c = upstream_cluster(&["node1", "node2", "node3"]);
    place(
        &mut c,
        &[
            ("p1.1", "node1", "mid", "small"),
            ("p1.2", "node1", "neg", "small"),
            ("p1.3", "node1", "mid", "small"),
            ("p1.4", "node1", "neg", "small"),
            ("p2.1", "node2", "mid", "large"),
            ("p2.2", "node2", "neg", "medium"),
            ("p3.1", "node3", "mid", "medium"),
            ("p3.2", "node3", "neg", "small"),
            ("p3.3", "node3", "", "small"),
        ],
    );
    c.apply(&upstream_pod("p", "", "high", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p2.1", "p2.2"]), "node2".to_string())
    );
    let mut c = upstream_cluster(&["node1", "node2", "node3"]);
    place(
        &mut c,
        &[
            ("p1.1", "node1", "mid", "small"),
            ("p1.2", "node1", "neg", "small"),
            ("p1.3", "node1", "neg", "small"),
            ("p2.1", "node2", "mid", "large"),
            ("p2.2", "node2", "neg", "medium"),
            ("p3.1", "node3", "mid", "medium"),
            ("p3.2", "node3", "neg", "small"),
            ("p3.3", "node3", "", "small"),
        ],
    );
    c.apply(&upstream_pod("p", "", "high", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p2.1", "p2.2"]), "node2".to_string())
    );
}

/// `TestSelectBestCandidate` "same priority, same number of victims, different
/// start time for each node's pod": the node whose victims started last.
#[test]
fn upstream_the_node_whose_victims_started_last() {
    let mut c = upstream_cluster(&["node1", "node2", "node3"]);
    place(
        &mut c,
        &[
            ("p3.1", "node3", "mid", "medium"),
            ("p3.2", "node3", "mid", "medium"),
        ],
    );
    place(
        &mut c,
        &[
            ("p1.1", "node1", "mid", "medium"),
            ("p1.2", "node1", "mid", "medium"),
        ],
    );
    place(
        &mut c,
        &[
            ("p2.1", "node2", "mid", "medium"),
            ("p2.2", "node2", "mid", "medium"),
        ],
    );
    c.apply(&upstream_pod("p", "", "high", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p2.1", "p2.2"]), "node2".to_string())
    );
}

/// `TestSelectBestCandidate` "same priority, same number of victims, different
/// start time for all pods" and "different priority, same number of victims,
/// different start time for all pods": the node whose earliest start among its
/// highest-priority victims is latest.
#[test]
fn upstream_the_latest_earliest_start_of_the_highest_priority_victims() {
    let mut c = upstream_cluster(&["node1", "node2", "node3"]);
    // Start times 1 to 6 as upstream's epochTime1..6.
    for (name, node) in [
        ("p2.2", "node2"),
        ("p1.2", "node1"),
        ("p3.1", "node3"),
        ("p1.1", "node1"),
        ("p2.1", "node2"),
        ("p3.2", "node3"),
    ] {
        place(&mut c, &[(name, node, "mid", "medium")]);
    }
    c.apply(&upstream_pod("p", "", "high", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p3.1", "p3.2"]), "node3".to_string())
    );
    let mut c = upstream_cluster(&["node1", "node2", "node3"]);
    for (name, node, class) in [
        ("p2.2", "node2", ""),
        ("p1.2", "node1", "mid"),
        ("p3.1", "node3", ""),
        ("p1.1", "node1", ""),
        ("p3.2", "node3", "mid"),
        ("p2.1", "node2", "mid"),
    ] {
        place(&mut c, &[(name, node, class, "medium")]);
    }
    c.apply(&upstream_pod("p", "", "high", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p2.1", "p2.2"]), "node2".to_string())
    );
}

/// `TestSelectBestCandidate` "non-overlapping lowest high priority, sum
/// priorities, and number of pods": node1's victims are the fewest and least
/// important. Upstream's p3.4 (a fourth pod of 200m on node3) is left out: its
/// snapshot overcommits node3 to 600m of 500m, which the simulated kubelet
/// refuses (the pod fails), so node3 here ties node1 and the first node wins.
#[test]
fn upstream_non_overlapping_criteria() {
    let mut c = upstream_cluster(&["node1", "node2", "node3", "node4"]);
    place(
        &mut c,
        &[
            ("p1.1", "node1", "mid", "small"),
            ("p1.2", "node1", "", "small"),
            ("p1.3", "node1", "", "small"),
            ("p2.1", "node2", "high", "large"),
            ("p3.1", "node3", "mid", "medium"),
            ("p3.2", "node3", "", "small"),
            ("p3.3", "node3", "", "small"),
            ("p4.1", "node4", "mid", "medium"),
            ("p4.2", "node4", "mid", "small"),
            ("p4.3", "node4", "mid", "small"),
            ("p4.4", "node4", "neg", "small"),
        ],
    );
    c.apply(&upstream_pod("p", "", "veryhigh", "veryLarge", ""))
        .expect("applies");
    assert_eq!(
        preempted(&c),
        (names(&["p1.1", "p1.2", "p1.3"]), "node1".to_string())
    );
}

/// `TestPreempt` "basic preemption logic" and "PreemptionPolicy is nil": the
/// two low pods on node1 go; "no preempting in pod": with
/// `preemptionPolicy: Never`, nothing does.
#[test]
fn upstream_basic_preemption_logic() {
    for (class, expected) in [
        ("high", (names(&["p1.1", "p1.2"]), "node1".to_string())),
        ("high-never", (Vec::new(), String::new())),
    ] {
        let mut c = upstream_cluster(&["node1", "node2", "node3"]);
        place(
            &mut c,
            &[
                ("p1.1", "node1", "", "small"),
                ("p1.2", "node1", "", "small"),
                ("p2.1", "node2", "high", "large"),
                ("p3.1", "node3", "mid", "medium"),
            ],
        );
        c.apply(&upstream_pod("p", "", class, "veryLarge", ""))
            .expect("applies");
        assert_eq!(preempted(&c), expected, "{class}");
    }
}

/// `TestPreempt` "preemption for topology spread constraints": spread by
/// `zone` and `hostname` fails everywhere; taking the low pod off node-b makes
/// room there.
#[test]
fn upstream_preemption_for_topology_spread_constraints() {
    let mut c = upstream_cluster(&["node-a/zone1", "node-b/zone1", "node-x/zone2"]);
    let docs: Vec<String> = [
        ("p-a1", "node-a", "high"),
        ("p-a2", "node-a", "high"),
        ("p-b1", "node-b", ""),
        ("p-x1", "node-x", "high"),
        ("p-x2", "node-x", "high"),
    ]
    .iter()
    .map(|(name, node, class)| upstream_pod(name, node, class, "", "foo: \"\""))
    .collect();
    c.apply(&docs.join("---\n")).expect("pods apply");
    c.advance(1);
    let spread = |key: &str| {
        format!(
            "  - maxSkew: 1\n    topologyKey: {key}\n    whenUnsatisfiable: DoNotSchedule\n    labelSelector:\n      matchExpressions:\n      - {{key: foo, operator: Exists}}\n"
        )
    };
    let p = upstream_pod("p", "", "high", "", "foo: \"\"").replace(
        "  containers:",
        &format!(
            "  topologySpreadConstraints:\n{}{}  containers:",
            spread("zone"),
            spread("hostname")
        ),
    );
    c.apply(&p).expect("applies");
    assert_eq!(preempted(&c), (names(&["p-b1"]), "node-b".to_string()));
}
