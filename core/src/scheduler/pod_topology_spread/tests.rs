//! Upstream's own cases: `podtopologyspread/scoring_test.go: TestPodTopologySpreadScore`
//! and `filtering_test.go: TestSingleConstraint` / `TestMultipleConstraints`.

use super::filtering::ERR_REASON_CONSTRAINTS_NOT_MATCH;
use super::filtering::ERR_REASON_NODE_LABEL_NOT_MATCH;
use super::filtering::PreFilterState;
use super::scoring::PreScoreState;
use crate::api::LabelSelector;
use crate::api::LabelSelectorRequirement;
use crate::api::Node;
use crate::api::Pod;
use crate::api::TopologySpreadConstraint;
use crate::scheduler::node_info::NodeInfo;
use crate::scheduler::test_snapshot::TestSnapshot;
use crate::scheduler::test_snapshot::node;
use crate::scheduler::test_snapshot::pod;

fn exists(key: &str) -> LabelSelector {
    LabelSelector {
        match_expressions: vec![LabelSelectorRequirement {
            key: key.to_string(),
            operator: "Exists".to_string(),
            values: vec![],
        }],
        ..Default::default()
    }
}

/// `st.MakePod().Name("p").Label(...).SpreadConstraint(...)`.
fn incoming(labels: &[&str], constraints: &[(i32, &str, &str, &str)]) -> Pod {
    let mut p = pod("p", "", labels);
    p.spec.topology_spread_constraints = constraints
        .iter()
        .map(|(skew, key, when, selector)| TopologySpreadConstraint {
            max_skew: *skew,
            topology_key: key.to_string(),
            when_unsatisfiable: when.to_string(),
            label_selector: Some(exists(selector)),
            ..Default::default()
        })
        .collect();
    p
}

const HOST: &str = "kubernetes.io/hostname";
const SOFT: &str = "ScheduleAnyway";
const HARD: &str = "DoNotSchedule";

/// Nodes with a hostname label and, where given, a zone.
fn nodes(names: &[(&str, &str)]) -> Vec<Node> {
    names
        .iter()
        .map(|(name, zone)| {
            let mut labels = vec![(HOST, *name)];
            if !zone.is_empty() {
                labels.push(("zone", zone));
            }
            node(name, &labels)
        })
        .collect()
}

/// Existing pods as `(name, node, labels)`.
fn existing(list: &[(&str, &str, &[&str])]) -> Vec<Pod> {
    list.iter()
        .map(|(name, node, labels)| pod(name, node, labels))
        .collect()
}

/// Scores the nodes named in `feasible` (the others failed filtering).
fn scores(snapshot: &TestSnapshot, p: &Pod, feasible: &[&str]) -> Vec<i64> {
    let state = PreScoreState::of(snapshot, p).expect("soft constraints");
    let infos: Vec<NodeInfo> = snapshot
        .nodes
        .iter()
        .enumerate()
        .map(|(pos, node)| {
            let mut info = NodeInfo::for_node(node);
            info.pos = pos;
            info
        })
        .collect();
    let list: Vec<(&Node, &NodeInfo)> = snapshot
        .nodes
        .iter()
        .copied()
        .zip(&infos)
        .filter(|(n, _)| feasible.contains(&n.metadata.name.as_str()))
        .collect();
    state.score(&list)
}

#[test]
fn one_constraint_on_node_all_4_nodes_are_candidates_max_skew_3() {
    let p = incoming(&["foo"], &[(3, HOST, SOFT, "foo")]);
    let s = TestSnapshot::new(
        nodes(&[
            ("node-a", ""),
            ("node-b", ""),
            ("node-c", ""),
            ("node-d", ""),
        ]),
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-a2", "node-a", &["foo"]),
            ("p-a3", "node-a", &["foo"]),
            ("p-a4", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-b2", "node-b", &["foo"]),
            ("p-b3", "node-b", &["foo"]),
            ("p-c1", "node-c", &["foo"]),
            ("p-c2", "node-c", &["foo"]),
            ("p-d1", "node-d", &["foo"]),
        ]),
    );
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-c", "node-d"]),
        [44, 66, 77, 100]
    );
}

fn four_two_one_three() -> Vec<Pod> {
    existing(&[
        ("p-a1", "node-a", &["foo"]),
        ("p-a2", "node-a", &["foo"]),
        ("p-a3", "node-a", &["foo"]),
        ("p-a4", "node-a", &["foo"]),
        ("p-b1", "node-b", &["foo"]),
        ("p-b2", "node-b", &["foo"]),
        ("p-x1", "node-x", &["foo"]),
        ("p-y1", "node-y", &["foo"]),
        ("p-y2", "node-y", &["foo"]),
        ("p-y3", "node-y", &["foo"]),
    ])
}

#[test]
fn one_constraint_on_node_3_out_of_4_nodes_are_candidates() {
    let p = incoming(&["foo"], &[(1, HOST, SOFT, "foo")]);
    let s = TestSnapshot::new(
        nodes(&[
            ("node-a", ""),
            ("node-b", ""),
            ("node-x", ""),
            ("node-y", ""),
        ]),
        four_two_one_three(),
    );
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-x"]),
        [33, 83, 100]
    );
}

#[test]
fn one_node_does_not_match_the_topology_key() {
    let p = incoming(&["foo"], &[(1, HOST, SOFT, "foo")]);
    let mut all = nodes(&[
        ("node-a", ""),
        ("node-b", ""),
        ("node-x", ""),
        ("node-y", ""),
    ]);
    all[1] = node("node-b", &[("n", "node-b")]);
    let s = TestSnapshot::new(all, four_two_one_three());
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-x"]),
        [16, 0, 100]
    );
}

#[test]
fn one_constraint_on_zone_3_out_of_4_nodes_are_candidates() {
    let p = incoming(&["foo"], &[(1, "zone", SOFT, "foo")]);
    let s = TestSnapshot::new(
        nodes(&[
            ("node-a", "zone1"),
            ("node-b", "zone1"),
            ("node-x", "zone2"),
            ("node-y", "zone2"),
        ]),
        four_two_one_three(),
    );
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-x"]),
        [75, 75, 100]
    );
}

#[test]
fn two_constraints_on_zone_and_node_with_different_label_selectors() {
    let p = incoming(
        &["foo", "bar"],
        &[(1, "zone", SOFT, "foo"), (1, HOST, SOFT, "bar")],
    );
    let s = TestSnapshot::new(
        nodes(&[
            ("node-a", "zone1"),
            ("node-b", "zone1"),
            ("node-x", "zone2"),
            ("node-y", "zone2"),
        ]),
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo", "bar"]),
            ("p-y1", "node-y", &["foo"]),
            ("p-y2", "node-y", &["bar"]),
        ]),
    );
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-x", "node-y"]),
        [60, 20, 100, 60]
    );
}

#[test]
fn terminating_pods_and_other_namespaces_do_not_count() {
    let p = incoming(&["foo"], &[(1, HOST, SOFT, "foo")]);
    let mut pods = existing(&[
        ("p-a1", "node-a", &["foo"]),
        ("p-a2", "node-a", &["foo"]),
        ("p-b1", "node-b", &["foo"]),
        ("p-b2", "node-b", &["foo"]),
    ]);
    pods[0].metadata.namespace = "ns1".to_string();
    let s = TestSnapshot::new(nodes(&[("node-a", ""), ("node-b", "")]), pods);
    assert_eq!(scores(&s, &p, &["node-a", "node-b"]), [100, 33]);

    let mut pods = existing(&[("p-a", "node-a", &["foo"]), ("p-b", "node-b", &["foo"])]);
    pods[0].metadata.deleted = Some(crate::clock::Time::ZERO);
    let s = TestSnapshot::new(nodes(&[("node-a", ""), ("node-b", "")]), pods);
    assert_eq!(scores(&s, &p, &["node-a", "node-b"]), [100, 0]);
}

/// `filter` on each node, as `Ok` or the reason.
fn filter_all(s: &TestSnapshot, p: &Pod) -> Vec<Result<(), String>> {
    let state = PreFilterState::of(s, p).expect("hard constraints");
    (0..s.nodes.len())
        .map(|pos| state.filter(pos).map_err(|r| r.reason))
        .collect()
}

#[test]
fn pods_spread_across_zones_as_3_3_all_nodes_fit() {
    let p = incoming(&["foo"], &[(1, "zone", HARD, "foo")]);
    let s = TestSnapshot::new(
        nodes(&[
            ("node-a", "zone1"),
            ("node-b", "zone1"),
            ("node-x", "zone2"),
            ("node-y", "zone2"),
        ]),
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-a2", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-y1", "node-y", &["foo"]),
            ("p-y2", "node-y", &["foo"]),
            ("p-y3", "node-y", &["foo"]),
        ]),
    );
    assert!(filter_all(&s, &p).iter().all(Result::is_ok));
}

#[test]
fn pods_spread_across_zones_as_1_2_due_to_absence_of_label_zone_on_node_b() {
    let p = incoming(&["foo"], &[(1, "zone", HARD, "foo")]);
    let mut all = nodes(&[
        ("node-a", "zone1"),
        ("node-b", ""),
        ("node-x", "zone2"),
        ("node-y", "zone2"),
    ]);
    all[1] = node("node-b", &[("node", "node-b")]);
    let s = TestSnapshot::new(
        all,
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-x1", "node-x", &["foo"]),
            ("p-y1", "node-y", &["foo"]),
        ]),
    );
    let not_match = Err(ERR_REASON_CONSTRAINTS_NOT_MATCH.to_string());
    assert_eq!(
        filter_all(&s, &p),
        [
            Ok(()),
            Err(ERR_REASON_NODE_LABEL_NOT_MATCH.to_string()),
            not_match.clone(),
            not_match,
        ]
    );
}

#[test]
fn fewer_domains_than_min_domains_make_the_global_minimum_zero() {
    let mut p = incoming(&["foo"], &[(1, "zone", HARD, "foo")]);
    let s = TestSnapshot::new(
        nodes(&[("node-a", "zone1"), ("node-x", "zone2")]),
        existing(&[("p-a1", "node-a", &["foo"]), ("p-x1", "node-x", &["foo"])]),
    );
    assert!(filter_all(&s, &p).iter().all(Result::is_ok));
    p.spec.topology_spread_constraints[0].min_domains = Some(3);
    let not_match = Err(ERR_REASON_CONSTRAINTS_NOT_MATCH.to_string());
    assert_eq!(filter_all(&s, &p), [not_match.clone(), not_match]);
}

/// Nodes labelled `node=<name>`, the first two also `foo=""`.
fn inclusion_nodes(tainted: bool) -> Vec<Node> {
    let mut nodes = vec![
        node("node-a", &[("node", "node-a"), ("foo", "")]),
        node("node-b", &[("node", "node-b"), ("foo", "")]),
        node("node-c", &[("node", "node-c")]),
    ];
    if tainted {
        // Taints of every node the scheduler reads; a NoSchedule one is enough.
        nodes[0].metadata.labels.remove("foo");
        nodes[1].metadata.labels.remove("foo");
        nodes[2].spec.taints.push(crate::api::Taint::new(
            "foo",
            "",
            crate::api::TaintEffect::NoSchedule,
        ));
    }
    nodes
}

fn inclusion_pods() -> Vec<Pod> {
    existing(&[
        ("p-a1", "node-a", &["foo"]),
        ("p-a2", "node-a", &["foo"]),
        ("p-b1", "node-b", &["foo"]),
        ("p-c1", "node-c", &["foo"]),
    ])
}

/// `TestPodTopologySpreadScore` "NodeAffinityPolicy honoed with labelSelectors"
/// and "NodeAffinityPolicy ignored with labelSelectors".
#[test]
fn node_affinity_policy_with_a_node_selector() {
    let mut p = incoming(&["foo"], &[(1, "node", SOFT, "foo")]);
    p.spec
        .node_selector
        .insert("foo".to_string(), String::new());
    let s = TestSnapshot::new(inclusion_nodes(false), inclusion_pods());
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-c"]),
        [0, 33, 100]
    );
    p.spec.topology_spread_constraints[0].node_affinity_policy = Some("Ignore".to_string());
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-c"]),
        [66, 100, 100]
    );
}

/// `TestPodTopologySpreadScore` "NodeTaintsPolicy honored" and
/// "NodeTaintsPolicy ignored".
#[test]
fn node_taints_policy() {
    let mut p = incoming(&["foo"], &[(1, "node", SOFT, "foo")]);
    let s = TestSnapshot::new(inclusion_nodes(true), inclusion_pods());
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-c"]),
        [66, 100, 100]
    );
    p.spec.topology_spread_constraints[0].node_taints_policy = Some("Honor".to_string());
    assert_eq!(
        scores(&s, &p, &["node-a", "node-b", "node-c"]),
        [0, 33, 100]
    );
}

/// `AddPod`/`RemovePod` (`updateWithPod`), as preemption's dry runs and the
/// nominated pods use them: only the node's domain changes, and the global
/// minimum follows it.
#[test]
fn update_with_pod_moves_one_domain_and_the_minimum() {
    let p = incoming(&["foo"], &[(1, "zone", HARD, "foo")]);
    let s = TestSnapshot::new(
        nodes(&[("node-a", "zone1"), ("node-x", "zone2")]),
        existing(&[("p-a1", "node-a", &["foo"]), ("p-x1", "node-x", &["foo"])]),
    );
    let mut state = PreFilterState::of(&s, &p).expect("hard constraints");
    assert_eq!(state.min_match, [1]);
    let min_excluding = state.min_excluding(0);
    let victim = pod("p-a1", "node-a", &["foo"]);
    state.update_with_pod(&p, &victim, s.nodes[0], 0, -1, &min_excluding);
    assert_eq!(state.min_match, [0], "zone1 now holds none");
    assert_eq!(
        state.filter(1).map_err(|r| r.reason),
        Err(ERR_REASON_CONSTRAINTS_NOT_MATCH.to_string())
    );
    state.update_with_pod(&p, &victim, s.nodes[0], 0, 1, &min_excluding);
    assert_eq!(state.min_match, [1]);
    assert_eq!(state.filter(1), Ok(()));
    // Another namespace's pod changes nothing.
    let mut other = pod("q", "node-a", &["foo"]);
    other.metadata.namespace = "other".to_string();
    state.update_with_pod(&p, &other, s.nodes[0], 0, 1, &min_excluding);
    assert_eq!(state.min_match, [1]);
}

/// `SpreadConstraint(maxSkew, key, DoNotSchedule, selector, minDomains,
/// nodeAffinityPolicy, nodeTaintsPolicy, nil)`; `None` is the nil selector.
fn hard(
    skew: i32,
    key: &str,
    selector: Option<&str>,
    min_domains: Option<i32>,
    affinity_policy: Option<&str>,
    taints_policy: Option<&str>,
) -> TopologySpreadConstraint {
    TopologySpreadConstraint {
        max_skew: skew,
        topology_key: key.to_string(),
        when_unsatisfiable: HARD.to_string(),
        label_selector: selector.map(exists),
        min_domains,
        node_affinity_policy: affinity_policy.map(str::to_string),
        node_taints_policy: taints_policy.map(str::to_string),
        ..Default::default()
    }
}

/// `hard` with only the first three arguments.
fn hard3(skew: i32, key: &str, selector: &str) -> TopologySpreadConstraint {
    hard(skew, key, Some(selector), None, None, None)
}

/// Upstream's filtering nodes: `zone=<zone>` (unless empty), `node=<name>`,
/// and the extra labels.
fn zn(name: &str, zone: &str, extra: &[(&str, &str)]) -> Node {
    let mut labels = vec![("node", name)];
    if !zone.is_empty() {
        labels.push(("zone", zone));
    }
    labels.extend_from_slice(extra);
    node(name, &labels)
}

/// The four nodes `node-a`, `node-b` (zone1), `node-x`, `node-y` (zone2).
fn abxy() -> Vec<Node> {
    vec![
        zn("node-a", "zone1", &[]),
        zn("node-b", "zone1", &[]),
        zn("node-x", "zone2", &[]),
        zn("node-y", "zone2", &[]),
    ]
}

/// `taints`: `node.kubernetes.io/unschedulable:NoSchedule`.
fn unschedulable(mut n: Node) -> Node {
    n.spec.taints.push(crate::api::Taint::new(
        "node.kubernetes.io/unschedulable",
        "",
        crate::api::TaintEffect::NoSchedule,
    ));
    n
}

/// `NodeAffinityIn(key, values)` / `NodeAffinityNotIn(key, values)`.
fn with_node_affinity(mut p: Pod, key: &str, operator: &str, values: &[&str]) -> Pod {
    p.spec.affinity = Some(crate::api::Affinity {
        node_affinity: Some(crate::api::NodeAffinity {
            required_during_scheduling_ignored_during_execution: Some(crate::api::NodeSelector {
                node_selector_terms: vec![crate::api::NodeSelectorTerm {
                    match_expressions: vec![crate::api::NodeSelectorRequirement {
                        key: key.to_string(),
                        operator: operator.to_string(),
                        values: values.iter().map(|v| v.to_string()).collect(),
                    }],
                    ..Default::default()
                }],
            }),
            ..Default::default()
        }),
        ..Default::default()
    });
    p
}

/// `NodeSelector({"foo": ""})`.
fn with_foo_selector(mut p: Pod) -> Pod {
    p.spec
        .node_selector
        .insert("foo".to_string(), String::new());
    p
}

fn hard_pod(labels: &[&str], constraints: Vec<TopologySpreadConstraint>) -> Pod {
    let mut p = pod("p", "", labels);
    p.spec.topology_spread_constraints = constraints;
    p
}

/// One upstream case: `want` has a letter per node, `S` for Success, `U` for
/// Unschedulable (constraints not match), `X` for UnschedulableAndUnresolvable
/// (node label not match).
struct FilterCase {
    name: &'static str,
    pod: Pod,
    nodes: Vec<Node>,
    pods: Vec<Pod>,
    want: &'static str,
}

fn run_filter_cases(cases: Vec<FilterCase>) {
    let mut failures = Vec::new();
    for case in cases {
        let s = TestSnapshot::new(case.nodes, case.pods);
        let got: String = filter_all(&s, &case.pod)
            .into_iter()
            .map(|r| match r {
                Ok(()) => 'S',
                Err(reason) if reason == ERR_REASON_CONSTRAINTS_NOT_MATCH => 'U',
                Err(reason) if reason == ERR_REASON_NODE_LABEL_NOT_MATCH => 'X',
                Err(_) => '?',
            })
            .collect();
        if got != case.want {
            failures.push(format!("{}: want {}, got {}", case.name, case.want, got));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// `filtering_test.go: TestSingleConstraint`.
#[test]
fn upstream_single_constraint_table() {
    let two_one_zero_three = || {
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-a2", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-y1", "node-y", &["foo"]),
            ("p-y2", "node-y", &["foo"]),
            ("p-y3", "node-y", &["foo"]),
        ])
    };
    let two_two_one = || {
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-a2", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-b2", "node-b", &["foo"]),
            ("p-c1", "node-c", &["foo"]),
        ])
    };
    let abc = || {
        vec![
            zn("node-a", "", &[]),
            zn("node-b", "", &[]),
            zn("node-c", "", &[]),
        ]
    };
    let zone_two_one = || {
        existing(&[
            ("p-b1", "node-a", &["foo"]),
            ("p-b2", "node-b", &["foo"]),
            ("p-y1", "node-y", &["foo"]),
        ])
    };
    let foo_nodes = |tainted: bool| {
        let y = if tainted {
            unschedulable(zn("node-y", "", &[]))
        } else {
            zn("node-y", "", &[])
        };
        vec![
            zn("node-a", "", &[("foo", "")]),
            zn("node-b", "", &[("foo", "")]),
            zn("node-x", "", &[("foo", "")]),
            y,
        ]
    };
    let one_one_zero_one = zone_two_one;
    let mut ns_pods = existing(&[
        ("p-a1", "node-a", &["foo"]),
        ("p-b1", "node-a", &["foo"]),
        ("p-x1", "node-x", &["foo"]),
        ("p-y1", "node-y", &["foo"]),
    ]);
    ns_pods[0].metadata.namespace = "ns1".to_string();
    ns_pods[1].metadata.namespace = "ns2".to_string();
    let mut terminating = existing(&[("p-a", "node-a", &["foo"]), ("p-b", "node-b", &["foo"])]);
    terminating[0].metadata.deleted = Some(crate::clock::Time::ZERO);
    run_filter_cases(vec![
        FilterCase {
            name: "no existing pods",
            pod: hard_pod(&["foo"], vec![hard3(1, "zone", "foo")]),
            nodes: abxy(),
            pods: vec![],
            want: "SSSS",
        },
        FilterCase {
            name: "no existing pods, incoming pod doesn't match itself",
            pod: hard_pod(&["foo"], vec![hard3(1, "zone", "bar")]),
            nodes: abxy(),
            pods: vec![],
            want: "SSSS",
        },
        FilterCase {
            name: "existing pods in a different namespace do not count",
            pod: hard_pod(&["foo"], vec![hard3(1, "zone", "foo")]),
            nodes: abxy(),
            pods: ns_pods,
            want: "SSUU",
        },
        FilterCase {
            name: "existing pods do not match null selector",
            pod: hard_pod(&["foo"], vec![hard(1, "zone", None, None, None, None)]),
            nodes: abxy(),
            pods: existing(&[("p-x1", "node-x", &["foo"]), ("p-y1", "node-y", &["foo"])]),
            want: "SSSS",
        },
        FilterCase {
            name: "pod cannot be scheduled as all nodes don't have label 'rack'",
            pod: hard_pod(&["foo"], vec![hard3(1, "rack", "foo")]),
            nodes: vec![zn("node-a", "zone1", &[]), zn("node-x", "zone2", &[])],
            pods: vec![],
            want: "XX",
        },
        FilterCase {
            name: "pods spread across nodes as 2/1/0/3, only node-x fits",
            pod: hard_pod(&["foo"], vec![hard3(1, "node", "foo")]),
            nodes: abxy(),
            pods: two_one_zero_three(),
            want: "UUSU",
        },
        FilterCase {
            name: "pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit",
            pod: hard_pod(&["foo"], vec![hard3(2, "node", "foo")]),
            nodes: abxy(),
            pods: two_one_zero_three(),
            want: "USSU",
        },
        FilterCase {
            name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
            pod: hard_pod(&["bar"], vec![hard3(1, "node", "foo")]),
            nodes: abxy(),
            pods: two_one_zero_three(),
            want: "USSU",
        },
        FilterCase {
            name: "incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits",
            pod: with_node_affinity(
                hard_pod(&["foo"], vec![hard3(1, "node", "foo")]),
                "node",
                "In",
                &["node-a", "node-y"],
            ),
            nodes: abxy(),
            pods: two_one_zero_three(),
            want: "SSSU",
        },
        FilterCase {
            name: "terminating Pods should be excluded",
            pod: hard_pod(&["foo"], vec![hard3(1, "node", "foo")]),
            nodes: vec![zn("node-a", "", &[]), zn("node-b", "", &[])],
            pods: terminating,
            want: "SU",
        },
        FilterCase {
            name: "incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits",
            pod: with_node_affinity(
                hard_pod(&["foo"], vec![hard3(1, "zone", "foo")]),
                "node",
                "NotIn",
                &["node-b"],
            ),
            nodes: abxy(),
            pods: existing(&[
                ("p-b1", "node-b", &["foo"]),
                ("p-b2", "node-b", &["foo"]),
                ("p-y1", "node-y", &["foo"]),
            ]),
            want: "SSUU",
        },
        FilterCase {
            name: "pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits",
            pod: hard_pod(
                &["foo"],
                vec![hard(2, "node", Some("foo"), Some(4), None, None)],
            ),
            nodes: abc(),
            pods: two_two_one(),
            want: "UUS",
        },
        FilterCase {
            name: "pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit",
            pod: hard_pod(
                &["foo"],
                vec![hard(2, "node", Some("foo"), Some(2), None, None)],
            ),
            nodes: abc(),
            pods: two_two_one(),
            want: "SSS",
        },
        FilterCase {
            name: "pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit",
            pod: hard_pod(
                &["foo"],
                vec![hard(2, "zone", Some("foo"), Some(3), None, None)],
            ),
            nodes: abxy(),
            pods: zone_two_one(),
            want: "UUSS",
        },
        FilterCase {
            name: "pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit",
            pod: hard_pod(
                &["foo"],
                vec![hard(2, "zone", Some("foo"), Some(1), None, None)],
            ),
            nodes: abxy(),
            pods: zone_two_one(),
            want: "SSSS",
        },
        FilterCase {
            name: "NodeAffinityPolicy honored with labelSelectors",
            pod: with_foo_selector(hard_pod(&["foo"], vec![hard3(1, "node", "foo")])),
            nodes: foo_nodes(false),
            pods: one_one_zero_one(),
            want: "UUSS",
        },
        FilterCase {
            name: "NodeAffinityPolicy ignored with labelSelectors",
            pod: with_foo_selector(hard_pod(
                &["foo"],
                vec![hard(1, "node", Some("foo"), None, Some("Ignore"), None)],
            )),
            nodes: foo_nodes(false),
            pods: one_one_zero_one(),
            want: "UUSU",
        },
        FilterCase {
            name: "NodeAffinityPolicy honored with nodeAffinity",
            pod: with_node_affinity(
                hard_pod(&["foo"], vec![hard3(1, "node", "foo")]),
                "foo",
                "In",
                &[""],
            ),
            nodes: foo_nodes(false),
            pods: one_one_zero_one(),
            want: "UUSS",
        },
        FilterCase {
            name: "NodeAffinityPolicy ignored with labelSelectors (nodeAffinity)",
            pod: with_node_affinity(
                hard_pod(
                    &["foo"],
                    vec![hard(1, "node", Some("foo"), None, Some("Ignore"), None)],
                ),
                "foo",
                "In",
                &[""],
            ),
            nodes: foo_nodes(false),
            pods: one_one_zero_one(),
            want: "UUSU",
        },
        FilterCase {
            name: "NodeTaintsPolicy honored",
            pod: hard_pod(
                &["foo"],
                vec![hard(1, "node", Some("foo"), None, None, Some("Honor"))],
            ),
            nodes: foo_nodes(true),
            pods: one_one_zero_one(),
            want: "UUSS",
        },
        FilterCase {
            name: "NodeTaintsPolicy ignored",
            pod: hard_pod(&["foo"], vec![hard3(1, "node", "foo")]),
            nodes: foo_nodes(true),
            pods: one_one_zero_one(),
            want: "UUSU",
        },
    ]);
}

/// `filtering_test.go: TestMultipleConstraints`.
#[test]
fn upstream_multiple_constraints_table() {
    let zone_node = |a: &str, b: &str| vec![hard3(1, "zone", a), hard3(1, "node", b)];
    let two_one_zero = |extra: &[(&'static str, &'static str, &'static [&'static str])]| {
        let mut list = vec![
            ("p-a1", "node-a", &["foo"][..]),
            ("p-a2", "node-a", &["foo"][..]),
            ("p-b1", "node-b", &["foo"][..]),
        ];
        list.extend_from_slice(extra);
        existing(&list)
    };
    let foo_zone_nodes = |b_foo: bool| {
        let b: &[(&str, &str)] = if b_foo { &[("foo", "")] } else { &[] };
        vec![
            zn("node-a", "zone1", &[("foo", "")]),
            zn("node-b", "zone1", b),
            zn("node-x", "zone2", &[("foo", "")]),
        ]
    };
    let inclusion_pods = || {
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-y1", "node-y", &["foo"]),
        ])
    };
    let with_y = |mut list: Vec<Node>, y: Node| {
        list.push(y);
        list
    };
    let zone_bar_foo = vec![hard3(1, "zone", "bar"), hard3(1, "zone", "foo")];
    let three_three = [
        ("p-a1", "node-a", &["foo", "bar"][..]),
        ("p-a2", "node-a", &["foo"][..]),
        ("p-b1", "node-b", &["foo", "bar"][..]),
        ("p-y1", "node-y", &["foo"][..]),
        ("p-y2", "node-y", &["foo", "bar"][..]),
        ("p-y3", "node-y", &["foo"][..]),
    ];
    let mut three_four = three_three.to_vec();
    three_four.push(("p-y4", "node-y", &["foo"][..]));
    run_filter_cases(vec![
        FilterCase {
            name: "two Constraints on zone and node, spreads = [3/3, 2/1/0/3]",
            pod: hard_pod(&["foo"], zone_node("foo", "foo")),
            nodes: abxy(),
            pods: two_one_zero(&[
                ("p-y1", "node-y", &["foo"]),
                ("p-y2", "node-y", &["foo"]),
                ("p-y3", "node-y", &["foo"]),
            ]),
            want: "UUSU",
        },
        FilterCase {
            name: "two Constraints on zone and node, spreads = [3/4, 2/1/0/4]",
            pod: hard_pod(&["foo"], zone_node("foo", "foo")),
            nodes: abxy(),
            pods: two_one_zero(&[
                ("p-y1", "node-y", &["foo"]),
                ("p-y2", "node-y", &["foo"]),
                ("p-y3", "node-y", &["foo"]),
                ("p-y4", "node-y", &["foo"]),
            ]),
            want: "UUUU",
        },
        FilterCase {
            name: "Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]",
            pod: hard_pod(&["foo", "bar"], zone_node("foo", "bar")),
            nodes: abxy(),
            pods: existing(&[("p-a1", "node-a", &["foo"]), ("p-y1", "node-y", &["bar"])]),
            want: "UUSU",
        },
        FilterCase {
            name: "Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]",
            pod: hard_pod(&["foo", "bar"], zone_node("foo", "bar")),
            nodes: abxy(),
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-x1", "node-x", &["bar"]),
                ("p-y1", "node-y", &["bar"]),
            ]),
            want: "UUUU",
        },
        FilterCase {
            name: "Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]",
            pod: hard_pod(&["foo", "bar"], zone_node("foo", "bar")),
            nodes: abxy(),
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-a2", "node-a", &["foo", "bar"]),
                ("p-y1", "node-y", &["foo"]),
                ("p-y2", "node-y", &["foo", "bar"]),
                ("p-y3", "node-y", &["foo"]),
            ]),
            want: "USUU",
        },
        FilterCase {
            name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
            pod: hard_pod(&["bar"], zone_node("foo", "bar")),
            nodes: abxy(),
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-x1", "node-x", &["bar"]),
                ("p-y1", "node-y", &["bar"]),
            ]),
            want: "SSUU",
        },
        FilterCase {
            name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
            pod: hard_pod(&["foo"], zone_node("foo", "foo")),
            nodes: vec![
                zn("node-a", "zone1", &[]),
                zn("node-b", "zone1", &[]),
                node("node-x", &[("zone", "zone2")]),
                zn("node-y", "zone2", &[]),
            ],
            pods: existing(&[("p-a1", "node-a", &["foo"]), ("p-y3", "node-y", &["foo"])]),
            want: "USXU",
        },
        FilterCase {
            name: "two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore",
            pod: with_foo_selector(hard_pod(
                &["foo"],
                vec![
                    hard3(1, "zone", "foo"),
                    hard(1, "node", Some("foo"), None, Some("Ignore"), None),
                ],
            )),
            nodes: with_y(foo_zone_nodes(true), zn("node-y", "zone2", &[])),
            pods: inclusion_pods(),
            want: "UUSU",
        },
        FilterCase {
            name: "two node inclusion Constraints, zone: honor/honor, node: honor/ignore",
            pod: hard_pod(
                &["foo"],
                vec![
                    hard(1, "zone", Some("foo"), None, None, Some("Honor")),
                    hard3(1, "node", "foo"),
                ],
            ),
            nodes: with_y(
                foo_zone_nodes(true),
                unschedulable(zn("node-y", "zone2", &[])),
            ),
            pods: inclusion_pods(),
            want: "UUSU",
        },
        FilterCase {
            name: "two node inclusion Constraints, zone: honor/ignore, node: honor/ignore",
            pod: with_foo_selector(hard_pod(&["foo"], zone_node("foo", "foo"))),
            nodes: with_y(
                foo_zone_nodes(false),
                unschedulable(zn("node-y", "zone2", &[("foo", "")])),
            ),
            pods: inclusion_pods(),
            want: "USSU",
        },
        FilterCase {
            name: "two node inclusion Constraints, zone: honor/honor, node: ignore/ignore",
            pod: with_foo_selector(hard_pod(
                &["foo"],
                vec![
                    hard(1, "zone", Some("foo"), None, None, Some("Honor")),
                    hard(1, "node", Some("foo"), None, Some("Ignore"), None),
                ],
            )),
            nodes: with_y(
                foo_zone_nodes(false),
                unschedulable(zn("node-y", "zone2", &[("foo", "")])),
            ),
            pods: inclusion_pods(),
            want: "UUSU",
        },
        FilterCase {
            name: "two Constraints on zone, spreads = [3/3, 2/1]",
            pod: hard_pod(&["foo", "bar"], zone_bar_foo.clone()),
            nodes: abxy(),
            pods: existing(&three_three),
            want: "UUSS",
        },
        FilterCase {
            name: "two Constraints on zone, spreads = [3/4, 2/1]",
            pod: hard_pod(&["foo", "bar"], zone_bar_foo),
            nodes: abxy(),
            pods: existing(&three_four),
            want: "UUUU",
        },
    ]);
}

/// `SpreadConstraint(maxSkew, key, ScheduleAnyway, fooSelector, ...)`, with
/// the same optional arguments as `hard`.
fn soft(
    skew: i32,
    key: &str,
    selector: Option<&str>,
    min_domains: Option<i32>,
    affinity_policy: Option<&str>,
    taints_policy: Option<&str>,
) -> TopologySpreadConstraint {
    TopologySpreadConstraint {
        when_unsatisfiable: SOFT.to_string(),
        ..hard(
            skew,
            key,
            selector,
            min_domains,
            affinity_policy,
            taints_policy,
        )
    }
}

/// `soft` with only the first three arguments.
fn soft3(skew: i32, key: &str, selector: &str) -> TopologySpreadConstraint {
    soft(skew, key, Some(selector), None, None, None)
}

/// One upstream scoring case: `nodes` are upstream's `nodes` then its
/// `failedNodes`; `feasible` names the former; `want` is their scores.
struct ScoreCase {
    name: &'static str,
    pod: Pod,
    nodes: Vec<Node>,
    pods: Vec<Pod>,
    feasible: &'static [&'static str],
    want: &'static [i64],
}

fn run_score_cases(cases: Vec<ScoreCase>) {
    let mut failures = Vec::new();
    for case in cases {
        let s = TestSnapshot::new(case.nodes, case.pods);
        let got = scores(&s, &case.pod, case.feasible);
        if got != case.want {
            failures.push(format!(
                "{}: want {:?}, got {:?}",
                case.name, case.want, got
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// `scoring_test.go: TestPodTopologySpreadScore`, the cases not above.
#[test]
fn upstream_pod_topology_spread_score_table() {
    let abcd = || {
        nodes(&[
            ("node-a", ""),
            ("node-b", ""),
            ("node-c", ""),
            ("node-d", ""),
        ])
    };
    let two_one_zero_three = || {
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-a2", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-d1", "node-d", &["foo"]),
            ("p-d2", "node-d", &["foo"]),
            ("p-d3", "node-d", &["foo"]),
        ])
    };
    let zones_abxy = || {
        nodes(&[
            ("node-a", "zone1"),
            ("node-b", "zone1"),
            ("node-x", "zone2"),
            ("node-y", "zone2"),
        ])
    };
    let different_selectors = || {
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo", "bar"]),
            ("p-y1", "node-y", &["foo"]),
            ("p-y2", "node-y", &["bar"]),
        ])
    };
    let zone_foo_host_bar = || vec![soft3(1, "zone", "foo"), soft3(1, HOST, "bar")];
    let foo_abc = || {
        vec![
            zn("node-a", "", &[("foo", "")]),
            zn("node-b", "", &[("foo", "")]),
            zn("node-c", "", &[]),
        ]
    };
    let two_one_one = || {
        existing(&[
            ("p-a1", "node-a", &["foo"]),
            ("p-a2", "node-a", &["foo"]),
            ("p-b1", "node-b", &["foo"]),
            ("p-c1", "node-c", &["foo"]),
        ])
    };
    let abcd_zones = || {
        nodes(&[
            ("node-a", "zone1"),
            ("node-b", "zone1"),
            ("node-c", "zone2"),
            ("node-d", "zone2"),
        ])
    };
    let with_match_label_keys = |mut c: TopologySpreadConstraint, keys: &[&str]| {
        c.match_label_keys = keys.iter().map(|k| k.to_string()).collect();
        c
    };
    let empty_selector = |c: TopologySpreadConstraint| TopologySpreadConstraint {
        label_selector: Some(LabelSelector::default()),
        ..c
    };
    run_score_cases(vec![
        ScoreCase {
            name: "one constraint on node, no existing pods",
            pod: hard_pod(&["foo"], vec![soft3(1, HOST, "foo")]),
            nodes: nodes(&[("node-a", ""), ("node-b", "")]),
            pods: vec![],
            feasible: &["node-a", "node-b"],
            want: &[100, 100],
        },
        ScoreCase {
            name: "one constraint on node, only one node is candidate",
            pod: hard_pod(&["foo"], vec![soft3(1, HOST, "foo")]),
            nodes: nodes(&[("node-a", ""), ("node-b", "")]),
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-a2", "node-a", &["foo"]),
                ("p-b1", "node-b", &["foo"]),
            ]),
            feasible: &["node-a"],
            want: &[100],
        },
        ScoreCase {
            name: "one constraint on node, all nodes have the same number of matching pods",
            pod: hard_pod(&["foo"], vec![soft3(1, HOST, "foo")]),
            nodes: nodes(&[("node-a", ""), ("node-b", "")]),
            pods: existing(&[("p-a1", "node-a", &["foo"]), ("p-b1", "node-b", &["foo"])]),
            feasible: &["node-a", "node-b"],
            want: &[100, 100],
        },
        ScoreCase {
            name: "one constraint on node, all 4 nodes are candidates",
            pod: hard_pod(&["foo"], vec![soft3(1, HOST, "foo")]),
            nodes: abcd(),
            pods: two_one_zero_three(),
            feasible: &["node-a", "node-b", "node-c", "node-d"],
            want: &[20, 60, 100, 0],
        },
        ScoreCase {
            name: "one constraint on node, null selector",
            pod: hard_pod(&["foo"], vec![soft(1, HOST, None, None, None, None)]),
            nodes: abcd(),
            pods: two_one_zero_three(),
            feasible: &["node-a", "node-b", "node-c", "node-d"],
            want: &[100, 100, 100, 100],
        },
        ScoreCase {
            name: "one constraint on node, all 4 nodes are candidates, maxSkew=2",
            pod: hard_pod(&["foo"], vec![soft3(2, HOST, "foo")]),
            nodes: abcd(),
            pods: two_one_zero_three(),
            feasible: &["node-a", "node-b", "node-c", "node-d"],
            want: &[33, 66, 100, 16],
        },
        ScoreCase {
            name: "two Constraints on zone and node, 2 out of 4 nodes are candidates",
            pod: hard_pod(
                &["foo"],
                vec![soft3(1, "zone", "foo"), soft3(1, HOST, "foo")],
            ),
            nodes: nodes(&[
                ("node-a", "zone1"),
                ("node-x", "zone2"),
                ("node-b", "zone1"),
                ("node-y", "zone2"),
            ]),
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-a2", "node-a", &["foo"]),
                ("p-b1", "node-b", &["foo"]),
                ("p-x1", "node-x", &["foo"]),
                ("p-x2", "node-x", &["foo"]),
                ("p-y1", "node-y", &["foo"]),
                ("p-y2", "node-y", &["foo"]),
                ("p-y3", "node-y", &["foo"]),
                ("p-y4", "node-y", &["foo"]),
            ]),
            feasible: &["node-a", "node-x"],
            want: &[100, 63],
        },
        ScoreCase {
            name: "two Constraints on zone, 2 out of 4 nodes are candidates",
            pod: hard_pod(
                &["foo", "bar"],
                vec![soft3(1, "zone", "foo"), soft3(1, "zone", "bar")],
            ),
            nodes: vec![
                node("node-a", &[("zone", "zone1")]),
                node("node-x", &[("zone", "zone2")]),
                node("node-b", &[("zone", "zone1")]),
                node("node-y", &[("zone", "zone2")]),
            ],
            pods: existing(&[
                ("p-a1", "node-a", &["foo", "bar"]),
                ("p-a2", "node-a", &["foo"]),
                ("p-b1", "node-b", &["foo", "bar"]),
                ("p-y1", "node-y", &["foo"]),
                ("p-y2", "node-y", &["foo", "bar"]),
                ("p-y3", "node-y", &["foo"]),
            ]),
            feasible: &["node-a", "node-x"],
            want: &[85, 100],
        },
        ScoreCase {
            name: "two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods",
            pod: hard_pod(&["foo", "bar"], zone_foo_host_bar()),
            nodes: zones_abxy(),
            pods: existing(&[
                ("p-b1", "node-b", &["bar"]),
                ("p-x1", "node-x", &["foo"]),
                ("p-y1", "node-y", &["foo", "bar"]),
            ]),
            feasible: &["node-a", "node-b", "node-x", "node-y"],
            want: &[100, 60, 40, 0],
        },
        ScoreCase {
            name: "two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates",
            pod: hard_pod(&["foo", "bar"], zone_foo_host_bar()),
            nodes: zones_abxy(),
            pods: different_selectors(),
            feasible: &["node-a", "node-b", "node-x"],
            want: &[50, 25, 100],
        },
        ScoreCase {
            name: "minDomains has no effect when ScheduleAnyway",
            pod: hard_pod(
                &["foo"],
                vec![soft(2, "node", Some("foo"), Some(10), None, None)],
            ),
            nodes: vec![
                zn("node-a", "", &[]),
                zn("node-b", "", &[]),
                zn("node-c", "", &[]),
            ],
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-a2", "node-a", &["foo"]),
                ("p-b1", "node-b", &["foo"]),
                ("p-b2", "node-b", &["foo"]),
                ("p-c1", "node-c", &["foo"]),
            ]),
            feasible: &["node-a", "node-b", "node-c"],
            want: &[75, 75, 100],
        },
        ScoreCase {
            name: "NodeAffinityPolicy honoed with nodeAffinity",
            pod: with_node_affinity(
                hard_pod(&["foo"], vec![soft3(1, "node", "foo")]),
                "foo",
                "In",
                &[""],
            ),
            nodes: foo_abc(),
            pods: two_one_one(),
            feasible: &["node-a", "node-b", "node-c"],
            want: &[0, 33, 100],
        },
        ScoreCase {
            name: "NodeAffinityPolicy ignored with nodeAffinity",
            pod: with_node_affinity(
                hard_pod(
                    &["foo"],
                    vec![soft(1, "node", Some("foo"), None, Some("Ignore"), None)],
                ),
                "foo",
                "In",
                &[""],
            ),
            nodes: foo_abc(),
            pods: two_one_one(),
            feasible: &["node-a", "node-b", "node-c"],
            want: &[66, 100, 100],
        },
        ScoreCase {
            name: "matchLabelKeys ANDed with LabelSelector when LabelSelector is empty",
            pod: hard_pod(
                &["foo", "bar"],
                vec![
                    with_match_label_keys(empty_selector(soft3(1, "zone", "x")), &["foo"]),
                    with_match_label_keys(empty_selector(soft3(1, HOST, "x")), &["bar"]),
                ],
            ),
            nodes: abcd_zones(),
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-b1", "node-b", &["foo", "bar"]),
                ("p-y1", "node-c", &["foo"]),
                ("p-y2", "node-c", &["bar"]),
            ]),
            feasible: &["node-a", "node-b", "node-c", "node-d"],
            want: &[60, 20, 60, 100],
        },
        ScoreCase {
            name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
            pod: hard_pod(
                &["foo", "bar", "baz"],
                vec![
                    soft3(1, "zone", "foo"),
                    with_match_label_keys(soft3(1, HOST, "bar"), &["baz"]),
                ],
            ),
            nodes: abcd_zones(),
            pods: existing(&[
                ("p-a1", "node-a", &["foo"]),
                ("p-b1", "node-b", &["foo", "bar", "baz"]),
                ("p-c1", "node-c", &["foo"]),
                ("p-c2", "node-c", &["bar"]),
                ("p-d3", "node-c", &["bar", "baz"]),
            ]),
            feasible: &["node-a", "node-b", "node-c", "node-d"],
            want: &[60, 20, 60, 100],
        },
    ]);
}
