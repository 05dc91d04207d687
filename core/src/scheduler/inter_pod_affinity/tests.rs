//! Upstream's own cases: `interpodaffinity/filtering_test.go:
//! TestRequiredAffinitySingleNode`, `TestRequiredAffinityMultipleNodes` and
//! `scoring_test.go: TestPreferredAffinity`,
//! `TestPreferredAffinityWithHardPodAffinitySymmetricWeight`.

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

/// A term whose selector holds every `(key, operator, values)` requirement.
fn term_of(requirements: &[(&str, &str, &[&str])], topology: &str) -> PodAffinityTerm {
    PodAffinityTerm {
        label_selector: Some(LabelSelector {
            match_expressions: requirements
                .iter()
                .map(|(key, operator, values)| LabelSelectorRequirement {
                    key: key.to_string(),
                    operator: operator.to_string(),
                    values: values.iter().map(|v| v.to_string()).collect(),
                })
                .collect(),
            ..Default::default()
        }),
        topology_key: topology.to_string(),
        ..Default::default()
    }
}

/// Preferred affinity and anti-affinity terms with their weights.
fn preferred(
    affinity: Vec<(i32, PodAffinityTerm)>,
    anti: Vec<(i32, PodAffinityTerm)>,
) -> Option<Affinity> {
    let wrap = |terms: Vec<(i32, PodAffinityTerm)>| {
        (!terms.is_empty()).then(|| PodAffinity {
            preferred_during_scheduling_ignored_during_execution: terms
                .into_iter()
                .map(|(weight, pod_affinity_term)| WeightedPodAffinityTerm {
                    weight,
                    pod_affinity_term,
                })
                .collect(),
            ..Default::default()
        })
    };
    Some(Affinity {
        pod_affinity: wrap(affinity),
        pod_anti_affinity: wrap(anti),
        ..Default::default()
    })
}

/// The filter's answer on every node of `s`.
fn filter_all(s: &TestSnapshot, p: &Pod) -> Vec<Result<(), String>> {
    (0..s.nodes.len())
        .map(|pos| match PreFilterState::of(s, p) {
            None => Ok(()),
            Some(state) => state.filter(pos).map_err(|r| r.reason),
        })
        .collect()
}

fn affinity_err() -> Result<(), String> {
    Err(ERR_REASON_AFFINITY_RULES_NOT_MATCH.to_string())
}

fn anti_affinity_err() -> Result<(), String> {
    Err(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH.to_string())
}

/// Upstream's `namespaces` of the scoring tests: `subteam{1,2}.team{1,2}`,
/// labelled `team=team1` or `team=team2`.
fn label_team_namespaces(s: &mut TestSnapshot) {
    for team in ["team1", "team2"] {
        for sub in ["subteam1", "subteam2"] {
            s.namespace_labels.insert(
                format!("{sub}.{team}"),
                [("team".to_string(), team.to_string())].into(),
            );
        }
    }
}

fn in_namespace(mut p: Pod, namespace: &str) -> Pod {
    p.metadata.namespace = namespace.to_string();
    p
}

/// `TestRequiredAffinitySingleNode` "PodAntiAffinity symmetry check a1:
/// incoming pod and existing pod partially match each other on AffinityTerms":
/// the incoming pod's own anti-affinity turns the node down.
#[test]
fn symmetry_a1_the_incoming_pods_anti_affinity_rejects() {
    let mut p = with_labels(pod("p", "", &[]), &[("service", "securityscan")]);
    p.spec.affinity = required(
        vec![],
        vec![
            term("service", "Exists", &[], "zone"),
            term("security", "Exists", &[], "zone"),
        ],
    );
    let mut existing = with_labels(pod("existing", "node1", &[]), &[("security", "S1")]);
    existing.spec.affinity = required(vec![], vec![term("security", "Exists", &[], "zone")]);
    assert_eq!(on_node1(&p, vec![existing]), anti_affinity_err());
}

/// `TestRequiredAffinitySingleNode` "PodAntiAffinity symmetry check a2": the
/// existing pod's anti-affinity turns the node down.
#[test]
fn symmetry_a2_the_existing_pods_anti_affinity_rejects() {
    let mut p = with_labels(pod("p", "", &[]), &[("security", "S1")]);
    p.spec.affinity = required(vec![], vec![term("security", "Exists", &[], "zone")]);
    let mut existing = with_labels(
        pod("existing", "node1", &[]),
        &[("service", "securityscan")],
    );
    existing.spec.affinity = required(
        vec![],
        vec![
            term("service", "Exists", &[], "zone"),
            term("security", "Exists", &[], "zone"),
        ],
    );
    assert_eq!(
        on_node1(&p, vec![existing]),
        Err(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH.to_string())
    );
}

/// `TestRequiredAffinityMultipleNodes` "A pod can be scheduled onto all the
/// nodes that have the same topology key & label value with one of them has an
/// existing pod that matches the affinity rules".
#[test]
fn affinity_admits_every_node_of_the_matching_region() {
    let mut p = pod("p", "", &[]);
    p.spec.affinity = required(vec![term("foo", "In", &["bar"], "region")], vec![]);
    let s = TestSnapshot::new(
        vec![
            node("machine1", &[("region", "China")]),
            node("machine2", &[("region", "China"), ("az", "az1")]),
            node("machine3", &[("region", "India")]),
        ],
        vec![with_labels(pod("p1", "machine1", &[]), &[("foo", "bar")])],
    );
    assert_eq!(filter_all(&s, &p), [Ok(()), Ok(()), affinity_err()]);
}

/// `TestRequiredAffinityMultipleNodes` "The affinity rule is to schedule all of
/// the pods of this collection to the same zone. The first pod of the collection
/// should not be blocked from being scheduled onto any node, even there's no
/// existing pod that matches the rule anywhere": one existing pod matches one
/// of the two terms only, which is no match.
#[test]
fn the_first_pod_of_a_collection_with_two_terms_fits_anywhere() {
    let mut p = with_labels(
        pod("p", "", &[]),
        &[("foo", "bar"), ("service", "securityscan")],
    );
    p.spec.affinity = required(
        vec![
            term("foo", "In", &["bar"], "zone"),
            term("service", "In", &["securityscan"], "zone"),
        ],
        vec![],
    );
    let s = TestSnapshot::new(
        vec![
            node("nodeA", &[("zone", "az1"), ("hostname", "h1")]),
            node("nodeB", &[("zone", "az2"), ("hostname", "h2")]),
        ],
        vec![with_labels(pod("p1", "nodeA", &[]), &[("foo", "bar")])],
    );
    assert_eq!(filter_all(&s, &p), [Ok(()), Ok(())]);
}

/// `TestRequiredAffinityMultipleNodes` "This test ensures that anti-affinity
/// matches a pod when any term of the anti-affinity rule matches a pod": the
/// `zone` term matches on nodeA only, the `region` term on both.
#[test]
fn anti_affinity_rejects_when_any_term_matches() {
    let mut p = pod("p", "", &[]);
    p.spec.affinity = required(
        vec![],
        vec![
            term("foo", "In", &["abc"], "region"),
            term("service", "In", &["securityscan"], "zone"),
        ],
    );
    let s = TestSnapshot::new(
        vec![
            node(
                "nodeA",
                &[("region", "r1"), ("zone", "z1"), ("hostname", "nodeA")],
            ),
            node(
                "nodeB",
                &[("region", "r1"), ("zone", "z2"), ("hostname", "nodeB")],
            ),
        ],
        vec![with_labels(
            pod("p1", "nodeA", &[]),
            &[("foo", "abc"), ("service", "securityscan")],
        )],
    );
    assert_eq!(
        filter_all(&s, &p),
        [anti_affinity_err(), anti_affinity_err()]
    );
}

/// `TestRequiredAffinityMultipleNodes` "NodeA and nodeB have same topologyKey
/// and label value. NodeA has an existing pod that matches the inter pod
/// affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be
/// scheduled onto nodeC".
#[test]
fn anti_affinity_keeps_off_the_whole_region_only() {
    let mut p = pod("p", "", &[]);
    p.spec.affinity = required(vec![], vec![term("foo", "In", &["abc"], "region")]);
    let s = TestSnapshot::new(
        vec![
            node("nodeA", &[("region", "China")]),
            node("nodeB", &[("region", "China"), ("az", "az1")]),
            node("nodeC", &[("region", "India")]),
        ],
        vec![with_labels(pod("p1", "nodeA", &[]), &[("foo", "abc")])],
    );
    assert_eq!(
        filter_all(&s, &p),
        [anti_affinity_err(), anti_affinity_err(), Ok(())]
    );
}

/// `TestPreferredAffinity` "Affinity: different Label operators and values for
/// pod affinity scheduling preference, including some match failures": two
/// terms of several requirements each, weights 8 and 2.
#[test]
fn preferred_terms_of_several_requirements_add_up() {
    let mut p = security("p", "", "S1");
    p.spec.affinity = preferred(
        vec![
            (
                8,
                term_of(
                    &[("security", "NotIn", &["S1"]), ("security", "In", &["S2"])],
                    "region",
                ),
            ),
            (
                2,
                term_of(
                    &[
                        ("security", "Exists", &[]),
                        ("wrongkey", "DoesNotExist", &[]),
                    ],
                    "region",
                ),
            ),
        ],
        vec![],
    );
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("az", "az1")]),
        ],
        vec![
            security("e1", "node1", "S1"),
            security("e2", "node2", "S2"),
            security("e3", "node3", "S1"),
        ],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [20, 100, 0]);
}

/// `TestPreferredAffinity` "Affinity symmetry: considered only the
/// preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry".
#[test]
fn existing_pods_preferred_affinity_draws_the_pod_they_prefer() {
    let p = security("p", "", "S2");
    let mut e1 = security("e1", "node1", "S1");
    e1.spec.affinity = stay_with("S1", 5);
    let mut e2 = security("e2", "node2", "S2");
    e2.spec.affinity = stay_with("S2", 6);
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("az", "az1")]),
        ],
        vec![e1, e2],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [0, 100, 0]);
}

/// An upstream `affinityNamespaceSelector` / `antiAffinityNamespaceSelector`:
/// weight 5 to `security=S1` in `region`, in `subteam2.team2` and the
/// namespaces labelled `team=team1`.
fn namespace_selector_term() -> PodAffinityTerm {
    let mut t = term("security", "In", &["S1"], "region");
    t.namespaces = vec!["subteam2.team2".to_string()];
    t.namespace_selector = Some(LabelSelector {
        match_expressions: vec![LabelSelectorRequirement {
            key: "team".to_string(),
            operator: "In".to_string(),
            values: vec!["team1".to_string()],
        }],
        ..Default::default()
    });
    t
}

/// `TestPreferredAffinity` "Affinity symmetry with namespace selector" and
/// "AntiAffinity symmetry with namespace selector": the incoming pod in
/// `subteam1.team1` is selected through its namespace's labels.
#[test]
fn existing_pods_terms_select_the_pod_by_its_namespaces_labels() {
    let p = in_namespace(security("p", "", "S1"), "subteam1.team1");
    let nodes = || {
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("az", "az1")]),
        ]
    };
    let mut e2 = security("e2", "node2", "S2");
    e2.spec.affinity = stay_with("S2", 6);
    let mut e1 = security("e1", "node1", "S1");
    e1.spec.affinity = preferred(vec![(5, namespace_selector_term())], vec![]);
    let mut s = TestSnapshot::new(nodes(), vec![e1.clone(), e2.clone()]);
    label_team_namespaces(&mut s);
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [100, 0, 0]);
    e1.spec.affinity = preferred(vec![], vec![(5, namespace_selector_term())]);
    let mut s = TestSnapshot::new(nodes(), vec![e1, e2]);
    label_team_namespaces(&mut s);
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [0, 100, 100]);
}

/// `TestPreferredAffinity` "Affinity symmetry: considered
/// RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry":
/// both existing pods' two required terms match the incoming pod.
#[test]
fn existing_pods_required_terms_count_in_scoring() {
    let p = security("p", "", "S1");
    let hard = || {
        required(
            vec![
                term("security", "In", &["S1", "value2"], "region"),
                term_of(
                    &[
                        ("security", "Exists", &[]),
                        ("wrongkey", "DoesNotExist", &[]),
                    ],
                    "region",
                ),
            ],
            vec![],
        )
    };
    let mut e1 = security("e1", "node1", "S1");
    e1.spec.affinity = hard();
    let mut e2 = security("e2", "node2", "S2");
    e2.spec.affinity = hard();
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("az", "az1")]),
        ],
        vec![e1, e2],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [100, 100, 0]);
}

/// `TestPreferredAffinity` "Anti Affinity: pod that does not match topology key
/// & match the pods in nodes will get higher score comparing to others" and
/// "Anti Affinity: one node has more matching pods comparing to other node":
/// a node without the `az` key is out of the term's reach.
#[test]
fn preferred_anti_affinity_spares_nodes_without_the_topology_key() {
    let mut p = security("p", "", "S1");
    p.spec.affinity = preferred(vec![], vec![(5, term("security", "In", &["S1"], "az"))]);
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("az", "az1")]),
            node("node2", &[("region", "China")]),
        ],
        vec![security("e1", "node1", "S1"), security("e2", "node2", "S1")],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1]), [0, 100]);
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("az", "az1")]),
            node("node2", &[("region", "India")]),
        ],
        vec![
            security("e1", "node1", "S1"),
            security("e2", "node1", "S1"),
            security("e3", "node2", "S2"),
        ],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1]), [0, 100]);
}

/// `TestPreferredAffinity` "Anti Affinity symmetry: the existing pods in node
/// which has anti affinity match will get high score".
#[test]
fn existing_pods_preferred_anti_affinity_pushes_the_pod_away() {
    let p = security("p", "", "S2");
    let away = |value: &str| preferred(vec![], vec![(5, term("security", "In", &[value], "az"))]);
    let mut e1 = security("e1", "node1", "S1");
    e1.spec.affinity = away("S2");
    let mut e2 = security("e2", "node2", "S2");
    e2.spec.affinity = away("S1");
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("az", "az1")]),
            node("node2", &[("az", "az2")]),
        ],
        vec![e1, e2],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1]), [0, 100]);
}

/// `TestPreferredAffinity` "Affinity and Anti Affinity: considered only
/// preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti
/// affinity".
#[test]
fn preferred_affinity_and_anti_affinity_together() {
    let mut p = security("p", "", "S1");
    p.spec.affinity = preferred(
        vec![(8, term("security", "In", &["S1"], "region"))],
        vec![(5, term("security", "In", &["S2"], "az"))],
    );
    let s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("az", "az1")]),
        ],
        vec![security("e1", "node1", "S1"), security("e2", "node2", "S1")],
    );
    let state = PreScoreState::of(&s, &p).expect("nodes score");
    assert_eq!(state.score(&[0, 1]), [100, 0]);
}

/// `TestPreferredAffinityWithHardPodAffinitySymmetricWeight`: an existing pod's
/// required term, with `namespaces` and a `namespaceSelector`, scores at
/// `hardPodAffinityWeight` for a pod it selects; with weight 0, or for a pod in
/// a namespace it does not select, PreScore skips.
#[test]
fn hard_pod_affinity_symmetric_weight() {
    let mut hard = term("service", "In", &["S1"], "region");
    // Upstream's "" is the test pods' namespace, here `default`.
    hard.namespaces = vec!["default".to_string(), "subteam2.team2".to_string()];
    hard.namespace_selector = Some(LabelSelector {
        match_expressions: vec![LabelSelectorRequirement {
            key: "team".to_string(),
            operator: "In".to_string(),
            values: vec!["team1".to_string()],
        }],
        ..Default::default()
    });
    let existing = |name: &str, node: &str| {
        let mut e = pod(name, node, &[]);
        e.spec.affinity = required(vec![hard.clone()], vec![]);
        e
    };
    let mut s = TestSnapshot::new(
        vec![
            node("node1", &[("region", "China")]),
            node("node2", &[("region", "India")]),
            node("node3", &[("az", "az1")]),
        ],
        vec![existing("e1", "node1"), existing("e2", "node2")],
    );
    label_team_namespaces(&mut s);
    let incoming = |namespace: &str| {
        in_namespace(
            with_labels(pod("p", "", &[]), &[("service", "S1")]),
            namespace,
        )
    };
    // "with default weight".
    let state = PreScoreState::of(&s, &incoming("default")).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [100, 100, 0]);
    // "with zero weight".
    assert_eq!(
        PreScoreState::with_weight(&s, &incoming("default"), 0),
        None
    );
    // "with no matching namespace".
    assert_eq!(PreScoreState::of(&s, &incoming("subteam1.team2")), None);
    // "with matching NamespaceSelector".
    let state = PreScoreState::of(&s, &incoming("subteam1.team1")).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [100, 100, 0]);
    // "with matching Namespaces".
    let state = PreScoreState::of(&s, &incoming("subteam2.team2")).expect("nodes score");
    assert_eq!(state.score(&[0, 1, 2]), [100, 100, 0]);
}

/// `TestRequiredAffinitySingleNode` "PodAntiAffinity symmetry check b1" and
/// "b2": both pods' anti-affinity would turn the node down; the incoming pod's
/// own is checked first.
#[test]
fn symmetry_b1_b2_the_incoming_pods_anti_affinity_is_named_first() {
    let both = || {
        required(
            vec![],
            vec![
                term("abc", "Exists", &[], "zone"),
                term("def", "Exists", &[], "zone"),
            ],
        )
    };
    for (incoming, existing) in [("abc", "def"), ("def", "abc")] {
        let mut p = with_labels(pod("p", "", &[]), &[(incoming, ""), ("xyz", "")]);
        p.spec.affinity = both();
        let mut e = with_labels(
            pod("existing", "node1", &[]),
            &[(existing, ""), ("xyz", "")],
        );
        e.spec.affinity = both();
        assert_eq!(on_node1(&p, vec![e]), anti_affinity_err(), "{incoming}");
    }
}

/// A `team In (team1)` namespace selector.
fn team1() -> LabelSelector {
    LabelSelector {
        match_expressions: vec![LabelSelectorRequirement {
            key: "team".to_string(),
            operator: "In".to_string(),
            values: vec!["team1".to_string()],
        }],
        ..Default::default()
    }
}

/// `TestRequiredAffinitySingleNode` "affinity with NamespaceSelector",
/// "affinity with non-matching NamespaceSelector", "anti-affinity with matching
/// NamespaceSelector", "anti-affinity with matching all NamespaceSelector" and
/// "anti-affinity with non-matching NamespaceSelector".
#[test]
fn namespace_selectors_of_required_terms() {
    let verdict = |p: &Pod, existing_namespace: &str| {
        let existing = in_namespace(
            with_labels(
                pod("existing", "node1", &[]),
                &[("service", "securityscan")],
            ),
            existing_namespace,
        );
        let mut s = TestSnapshot::new(
            vec![node("node1", &[("region", "r1"), ("zone", "z11")])],
            vec![existing],
        );
        label_team_namespaces(&mut s);
        filter_all(&s, p).remove(0)
    };
    let scan = || term("service", "In", &["securityscan", "value2"], "region");
    let mut t = scan();
    t.namespace_selector = Some(team1());
    let mut p = with_labels(pod("p", "", &[]), &[("security", "S1")]);
    p.spec.affinity = required(vec![t], vec![]);
    assert_eq!(verdict(&p, "subteam1.team1"), Ok(()));
    assert_eq!(verdict(&p, "subteam1.team2"), affinity_err());
    let mut t = scan();
    t.topology_key = "zone".to_string();
    t.namespace_selector = Some(team1());
    let mut p = in_namespace(
        with_labels(pod("p", "", &[]), &[("security", "S1")]),
        "subteam1.team1",
    );
    p.spec.affinity = required(vec![], vec![t.clone()]);
    assert_eq!(verdict(&p, "subteam2.team1"), anti_affinity_err());
    assert_eq!(verdict(&p, "subteam1.team2"), Ok(()));
    // An empty selector selects every namespace.
    t.namespace_selector = Some(LabelSelector::default());
    p.spec.affinity = required(vec![], vec![t]);
    assert_eq!(verdict(&p, "subteam2.team1"), anti_affinity_err());
}

/// `TestRequiredAffinityMultipleNodes` "The first pod of the collection can
/// only be scheduled on nodes labelled with the requested topology keys".
#[test]
fn the_first_pod_of_a_collection_needs_the_topology_key() {
    let mut p = with_labels(
        pod("p", "", &[]),
        &[("foo", "bar"), ("service", "securityscan")],
    );
    p.spec.affinity = required(
        vec![
            term("foo", "In", &["bar"], "zone"),
            term("service", "In", &["securityscan"], "zone"),
        ],
        vec![],
    );
    let s = TestSnapshot::new(
        vec![
            node("nodeA", &[("zoneLabel", "az1"), ("hostname", "h1")]),
            node("nodeB", &[("zoneLabel", "az2"), ("hostname", "h2")]),
        ],
        vec![with_labels(pod("p1", "nodeA", &[]), &[("foo", "bar")])],
    );
    assert_eq!(filter_all(&s, &p), [affinity_err(), affinity_err()]);
}
