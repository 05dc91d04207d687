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
