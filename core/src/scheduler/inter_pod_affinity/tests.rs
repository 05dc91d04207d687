//! Upstream's own cases: `interpodaffinity/filtering_test.go:
//! TestRequiredAffinitySingleNode` and `scoring_test.go: TestPreferredAffinity`.

use super::filtering::ERR_REASON_AFFINITY_RULES_NOT_MATCH;
use super::filtering::ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH;
use super::filtering::ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH;
use super::filtering::PreFilterState;
use super::scoring::PreScoreState;
use crate::api::Affinity;
use crate::api::LabelSelector;
use crate::api::LabelSelectorRequirement;
use crate::api::Pod;
use crate::api::PodAffinity;
use crate::api::PodAffinityTerm;
use crate::api::WeightedPodAffinityTerm;
use crate::scheduler::snapshot::Snapshot;
use crate::scheduler::test_snapshot::TestSnapshot;
use crate::scheduler::test_snapshot::node;
use crate::scheduler::test_snapshot::pod;

fn term(key: &str, operator: &str, values: &[&str], topology: &str) -> PodAffinityTerm {
    PodAffinityTerm {
        label_selector: Some(LabelSelector {
            match_expressions: vec![LabelSelectorRequirement {
                key: key.to_string(),
                operator: operator.to_string(),
                values: values.iter().map(|v| v.to_string()).collect(),
            }],
            ..Default::default()
        }),
        topology_key: topology.to_string(),
        ..Default::default()
    }
}

fn with_labels(mut p: Pod, labels: &[(&str, &str)]) -> Pod {
    p.metadata.labels = labels
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    p
}

fn required(affinity: Vec<PodAffinityTerm>, anti: Vec<PodAffinityTerm>) -> Option<Affinity> {
    let wrap = |terms: Vec<PodAffinityTerm>| {
        (!terms.is_empty()).then(|| PodAffinity {
            required_during_scheduling_ignored_during_execution: terms,
            ..Default::default()
        })
    };
    Some(Affinity {
        pod_affinity: wrap(affinity),
        pod_anti_affinity: wrap(anti),
        ..Default::default()
    })
}

/// The filter's answer on `node1` (labels `region=r1, zone=z11`).
fn on_node1(incoming: &Pod, existing: Vec<Pod>) -> Result<(), String> {
    let s = TestSnapshot::new(
        vec![node("node1", &[("region", "r1"), ("zone", "z11")])],
        existing,
    );
    match PreFilterState::of(&s, incoming) {
        None => Ok(()),
        Some(state) => state.filter(0).map_err(|r| r.reason),
    }
}

fn security_scan() -> Pod {
    with_labels(
        pod("existing", "node1", &[]),
        &[("service", "securityscan")],
    )
}

#[test]
fn a_pod_without_required_pod_affinity_fits_a_node_without_pods() {
    assert_eq!(on_node1(&pod("p", "", &[]), vec![]), Ok(()));
}

#[test]
fn satisfies_pod_affinity_using_in_operator_that_matches_the_existing_pod() {
    let mut p = with_labels(pod("p", "", &[]), &[("service", "securityscan")]);
    p.spec.affinity = required(
        vec![term("service", "In", &["securityscan", "value2"], "region")],
        vec![],
    );
    assert_eq!(on_node1(&p, vec![security_scan()]), Ok(()));
}

#[test]
fn does_not_satisfy_pod_affinity_because_of_another_namespace() {
    let mut t = term("service", "In", &["securityscan", "value2"], "region");
    t.namespaces = vec!["DiffNameSpace".to_string()];
    let mut p = pod("p", "", &[]);
    p.spec.affinity = required(vec![t], vec![]);
    assert_eq!(
        on_node1(&p, vec![security_scan()]),
        Err(ERR_REASON_AFFINITY_RULES_NOT_MATCH.to_string())
    );
}

#[test]
fn does_not_satisfy_pod_affinity_because_of_an_unmatching_label_selector() {
    let mut p = pod("p", "", &[]);
    p.spec.affinity = required(
        vec![term(
            "service",
            "In",
            &["antivirusscan", "value2"],
            "region",
        )],
        vec![],
    );
    assert_eq!(
        on_node1(&p, vec![security_scan()]),
        Err(ERR_REASON_AFFINITY_RULES_NOT_MATCH.to_string())
    );
}

#[test]
fn the_first_pod_of_a_group_with_affinity_to_itself_fits() {
    let mut p = with_labels(pod("p", "", &[]), &[("service", "securityscan")]);
    p.spec.affinity = required(
        vec![term("service", "In", &["securityscan"], "region")],
        vec![],
    );
    assert_eq!(on_node1(&p, vec![]), Ok(()));
    // A pod that does not match its own terms has no such excuse.
    let mut q = pod("q", "", &[]);
    q.spec.affinity = p.spec.affinity.clone();
    assert_eq!(
        on_node1(&q, vec![]),
        Err(ERR_REASON_AFFINITY_RULES_NOT_MATCH.to_string())
    );
}

#[test]
fn does_not_satisfy_pod_anti_affinity_with_the_existing_pod() {
    let mut p = pod("p", "", &[]);
    p.spec.affinity = required(
        vec![],
        vec![term("service", "In", &["securityscan"], "zone")],
    );
    assert_eq!(
        on_node1(&p, vec![security_scan()]),
        Err(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH.to_string())
    );
}

#[test]
fn the_anti_affinity_of_an_existing_pod_is_respected() {
    // "verify that PodAntiAffinity from existing pod is respected when pod has no
    // AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the
    // existing pod".
    let p = with_labels(pod("p", "", &[]), &[("service", "securityscan")]);
    let mut existing = pod("existing", "node1", &[]);
    existing.spec.affinity = required(
        vec![],
        vec![term("service", "In", &["securityscan"], "zone")],
    );
    assert_eq!(
        on_node1(&p, vec![existing.clone()]),
        Err(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH.to_string())
    );
    // On a topology key the node lacks, the anti-affinity keeps nothing away.
    existing.spec.affinity = required(
        vec![],
        vec![term("service", "In", &["securityscan"], "rack")],
    );
    assert_eq!(on_node1(&p, vec![existing]), Ok(()));
}

#[test]
fn a_namespace_selector_chooses_namespaces_by_label() {
    let mut t = term("service", "In", &["securityscan"], "region");
    t.namespace_selector = Some(LabelSelector {
        match_labels: [("team".to_string(), "sec".to_string())].into(),
        ..Default::default()
    });
    let mut p = pod("p", "", &[]);
    p.spec.affinity = required(vec![t], vec![]);
    let mut existing = security_scan();
    existing.metadata.namespace = "scanners".to_string();
    let mut s = TestSnapshot::new(vec![node("node1", &[("region", "r1")])], vec![existing]);
    let verdict = |s: &TestSnapshot| {
        PreFilterState::of(s, &p).map_or(Ok(()), |state| state.filter(0).map_err(|r| r.reason))
    };
    assert_eq!(
        verdict(&s),
        Err(ERR_REASON_AFFINITY_RULES_NOT_MATCH.to_string())
    );
    s.namespace_labels.insert(
        "scanners".to_string(),
        [("team".to_string(), "sec".to_string())].into(),
    );
    assert_eq!(verdict(&s), Ok(()));
}

/// `TestPreferredAffinity`: "Affinity: pod that matches topology key & pods in
/// nodes will get high score comparing to others which doesn't match either pods
/// in nodes or in topology key".
#[test]
fn preferred_affinity_scores_the_domain_of_matching_pods_highest() {
    let mut p = pod("p", "", &[]);
    p.spec.affinity = Some(Affinity {
        pod_affinity: Some(PodAffinity {
            preferred_during_scheduling_ignored_during_execution: vec![WeightedPodAffinityTerm {
                weight: 5,
                pod_affinity_term: term("security", "In", &["S1"], "region"),
            }],
            ..Default::default()
        }),
        ..Default::default()
    });
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("az", "az1")]),
        ],
        vec![with_labels(
            pod("existing", "node1", &[]),
            &[("security", "S1")],
        )],
    );
    let state = PreScoreState::of(&s, &p).expect("a node scores");
    assert_eq!(state.score(&[0, 1, 2][..s.nodes.len()]), [100, 0, 0]);
    // Anti-affinity turns it around.
    if let Some(a) = p.spec.affinity.as_mut() {
        a.pod_anti_affinity = a.pod_affinity.take();
    }
    let state = PreScoreState::of(&s, &p).expect("a node scores");
    assert_eq!(state.score(&[0, 1, 2][..s.nodes.len()]), [0, 100, 100]);
}

/// Existing pods' required affinity counts at `hardPodAffinityWeight` (1) for a
/// pod that matches it.
#[test]
fn existing_required_affinity_draws_matching_pods() {
    let p = with_labels(pod("p", "", &[]), &[("app", "db")]);
    let mut existing = pod("web", "node2", &[]);
    existing.spec.affinity = required(vec![term("app", "In", &["db"], "region")], vec![]);
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
        ],
        vec![existing],
    );
    let state = PreScoreState::of(&s, &p).expect("a node scores");
    assert_eq!(state.score(&[0, 1, 2][..s.nodes.len()]), [0, 100]);
}

/// `AddPod` (`updateWithPod`): a pod put on the node that the incoming pod's
/// anti-affinity keeps away from, or whose own anti-affinity keeps the incoming
/// pod away, turns the node down; taking it off again lets it pass.
#[test]
fn update_with_pod_follows_added_and_removed_pods() {
    let mut p = with_labels(pod("p", "", &[]), &[("service", "web")]);
    p.spec.affinity = required(vec![], vec![term("service", "In", &["db"], "region")]);
    let s = TestSnapshot::new(vec![node("node1", &[("region", "r1")])], vec![]);
    let labels = s.namespace_labels("default");
    let mut state = PreFilterState::of(&s, &p).expect("a required term");
    assert_eq!(state.filter(0), Ok(()));
    let db = with_labels(pod("db", "node1", &[]), &[("service", "db")]);
    state.update_with_pod(&s, &p, &labels, &db, 0, 1);
    assert_eq!(
        state.filter(0).map_err(|r| r.reason),
        Err(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH.to_string())
    );
    state.update_with_pod(&s, &p, &labels, &db, 0, -1);
    assert_eq!(state.filter(0), Ok(()));
    let mut shy = pod("shy", "node1", &[]);
    shy.spec.affinity = required(vec![], vec![term("service", "In", &["web"], "region")]);
    state.update_with_pod(&s, &p, &labels, &shy, 0, 1);
    assert_eq!(
        state.filter(0).map_err(|r| r.reason),
        Err(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH.to_string())
    );
}

/// A preferred affinity term to pods labelled `security=<value>` in the same
/// `region`.
fn stay_with(value: &str, weight: i32) -> Option<Affinity> {
    Some(Affinity {
        pod_affinity: Some(PodAffinity {
            preferred_during_scheduling_ignored_during_execution: vec![WeightedPodAffinityTerm {
                weight,
                pod_affinity_term: term("security", "In", &[value], "region"),
            }],
            ..Default::default()
        }),
        ..Default::default()
    })
}

fn security(name: &str, node: &str, value: &str) -> Pod {
    with_labels(pod(name, node, &[]), &[("security", value)])
}

/// `TestPreferredAffinity` "all nodes are same priority as Affinity is nil":
/// PreScore skips.
#[test]
fn without_affinity_prescore_skips() {
    let p = security("p", "", "S1");
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("az", "az1")]),
        ],
        vec![],
    );
    assert_eq!(PreScoreState::of(&s, &p), None);
}

/// `TestPreferredAffinity` "All the nodes that have the same topology key &
/// label value with one of them has an existing pod that match the affinity
/// rules, have the same score".
#[test]
fn nodes_of_one_region_score_alike() {
    let mut p = pod("p", "", &[]);
    p.spec.affinity = stay_with("S1", 5);
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "China"), ("az", "az1")]),
            node("node3", &[("region", "India")]),
        ],
        vec![security("e1", "node1", "S1")],
    );
    let state = PreScoreState::of(&s, &p).expect("a node scores");
    assert_eq!(state.score(&[0, 1, 2]), [100, 100, 0]);
}

/// `TestPreferredAffinity` "Affinity: nodes in one region has more matching pods
/// comparing to other region, so the region which has more matches will get high
/// score".
#[test]
fn the_region_with_more_matches_scores_higher() {
    let mut p = security("p", "", "S1");
    p.spec.affinity = stay_with("S2", 6);
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("region", "China")]),
            node("node4", &[("region", "China")]),
            node("node5", &[("region", "India")]),
        ],
        vec![
            security("e1", "node1", "S2"),
            security("e2", "node1", "S2"),
            security("e3", "node2", "S2"),
            security("e4", "node3", "S2"),
            security("e5", "node4", "S2"),
            security("e6", "node5", "S2"),
        ],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2, 3, 4]), [100, 0, 100, 100, 0]);
}
