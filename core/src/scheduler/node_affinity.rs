//! The NodeAffinity plugin, PreFilter, Filter and Score
//! (`pkg/scheduler/framework/plugins/nodeaffinity`), with the matching of
//! `component-helpers/scheduling/corev1/nodeaffinity: GetRequiredNodeAffinity(pod).Match(node)`.

use super::Rejection;
use super::prioritize::{NodeScores, default_normalize_score};
use crate::api::NodeAffinity;
use crate::api::identifiers::is_qualified_name;
use crate::api::identifiers::is_valid_label_value;
use crate::api::{
    Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec, PreferredSchedulingTerm,
};

/// The plugin's name.
pub const NAME: &str = "NodeAffinity";
/// `ErrReasonPod`.
pub const ERR_REASON_POD: &str = "node(s) didn't match Pod's node affinity/selector";
/// `errReasonEnforced`: the profile's `addedAffinity` rejects the node.
pub const ERR_REASON_ENFORCED: &str = "node(s) didn't match scheduler-enforced node affinity";

/// Models the first step of `Filter` with `NodeAffinityArgs.addedAffinity`: the
/// profile's required node selector (`addedNodeSelector.Match`), checked before
/// the pod's own. `UnschedulableAndUnresolvable`.
pub fn added_filter(added: &NodeAffinity, node: &Node) -> Result<(), Rejection> {
    let Some(selector) = &added.required_during_scheduling_ignored_during_execution else {
        return Ok(());
    };
    // `NewNodeSelector`: terms without requirements are dropped; none left
    // matches nothing.
    let matches = selector
        .node_selector_terms
        .iter()
        .filter(|t| !t.match_expressions.is_empty() || !t.match_fields.is_empty())
        .any(|t| term_matches(t, node));
    if matches {
        Ok(())
    } else {
        Err(Rejection {
            plugin: NAME,
            reason: ERR_REASON_ENFORCED.to_string(),
        })
    }
}

/// Models `addedPrefSchedTerms.Score(node)`: the weights of the profile's
/// preferred terms the node matches, added to the pod's own in `Score`.
pub fn added_score(added: &NodeAffinity, node: &Node) -> i64 {
    added
        .preferred_during_scheduling_ignored_during_execution
        .iter()
        .filter(|p| p.weight != 0 && term_matches(&p.preference, node))
        .map(|p| i64::from(p.weight))
        .sum()
}

/// Models `pkg/scheduler/framework/plugins/nodeaffinity: Filter`: rejects nodes
/// that fail `nodeSelector` or the required node affinity.
pub fn filter(pod: &Pod, node: &Node) -> Result<(), Rejection> {
    if required_node_affinity_matches(&pod.spec, node) {
        Ok(())
    } else {
        Err(Rejection {
            plugin: NAME,
            reason: ERR_REASON_POD.to_string(),
        })
    }
}

/// Models `pkg/scheduler/framework/plugins/nodeaffinity: PreFilter`: when every required term pins nodes by
/// `metadata.name In [...]`, only those nodes need filtering (DaemonSet pods).
pub fn prefilter_node_names(spec: &PodSpec) -> Option<Vec<&str>> {
    let terms = required_terms(spec)?;
    let mut names: Vec<&str> = Vec::new();
    for term in terms {
        // Within a term the `metadata.name In` requirements intersect; a term without
        // one lets every node through, since terms are ORed.
        let mut term_names: Option<Vec<&str>> = None;
        for r in term
            .match_fields
            .iter()
            .filter(|r| r.key == "metadata.name" && r.operator == "In")
        {
            term_names = Some(match term_names {
                None => r.values.iter().map(String::as_str).collect(),
                Some(so_far) => so_far
                    .into_iter()
                    .filter(|n| r.values.iter().any(|v| v == n))
                    .collect(),
            });
        }
        names.extend(term_names?);
    }
    crate::sort::sort(&mut names);
    names.dedup();
    (!terms.is_empty()).then_some(names)
}

/// `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`,
/// if the requirement is set.
pub fn required_terms(spec: &PodSpec) -> Option<&[NodeSelectorTerm]> {
    let selector = spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()?;
    Some(&selector.node_selector_terms)
}

/// The reason given to nodes that PreFilter left out, as the simulated version words
/// it (`schedule_one.go: findNodesThatFitPod`): from v1.32 one status for all absent
/// nodes (PR #126022); in 1.30 one per node (PR #119779); in 1.31, and before 1.30,
/// none: those nodes are not counted (PR #125197 removed the 1.30 status and was
/// backported to 1.30 patch releases, which taintlab does not tell apart).
pub fn prefilter_reason(minor: u32) -> Option<&'static str> {
    match minor {
        32.. => Some("node(s) didn't satisfy plugin(s) [NodeAffinity]"),
        30 => Some("node is filtered out by the prefilter result"),
        _ => None,
    }
}

/// `nodeSelector` (every label equal) AND the required terms (ORed).
pub fn required_node_affinity_matches(spec: &PodSpec, node: &Node) -> bool {
    let labels = &node.metadata.labels;
    let selector_matches = spec
        .node_selector
        .iter()
        .all(|(k, v)| labels.get(k) == Some(v));
    selector_matches
        && match required_terms(spec) {
            // An absent requirement matches everything.
            None => true,
            // A nil or empty term list matches nothing; empty terms are skipped.
            Some(terms) => terms
                .iter()
                .filter(|t| !t.match_expressions.is_empty() || !t.match_fields.is_empty())
                .any(|t| term_matches(t, node)),
        }
}

/// Models `nodeSelectorTerm.match` for a term `newNodeSelectorTerm` parsed: the
/// expressions AND the fields, where a node without a name has no fields to
/// match. A term that fails to parse matches nothing (`LazyErrorNodeSelector`
/// skips it); it is checked last, so that most nodes pay only for the match.
pub fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    term.match_expressions
        .iter()
        .all(|r| label_requirement_matches(r, node))
        && (node.metadata.name.is_empty()
            || term
                .match_fields
                .iter()
                .all(|r| field_requirement_matches(r, node)))
        && term_parses(term)
}

/// Whether `newNodeSelectorTerm` parses the term without error: every expression
/// is a valid `labels.Requirement` (`nodeSelectorRequirementsAsSelector`) and
/// every field requirement a valid field selector
/// (`nodeSelectorRequirementsAsFieldSelector`).
fn term_parses(term: &NodeSelectorTerm) -> bool {
    term.match_expressions.iter().all(label_requirement_parses)
        && term
            .match_fields
            .iter()
            .all(|r| matches!(r.operator.as_str(), "In" | "NotIn") && r.values.len() == 1)
}

/// Models `labels.NewRequirement` after the operator's translation: an operator
/// other than the six is `NotSupported`; In and NotIn need values, Exists and
/// DoesNotExist none, Gt and Lt exactly one integer (`strconv.ParseInt`); the key
/// must be a qualified name and every value a label value.
fn label_requirement_parses(req: &NodeSelectorRequirement) -> bool {
    let values_fit = match req.operator.as_str() {
        "In" | "NotIn" => !req.values.is_empty(),
        "Exists" | "DoesNotExist" => req.values.is_empty(),
        "Gt" | "Lt" => req.values.len() == 1 && req.values.iter().all(|v| v.parse::<i64>().is_ok()),
        _ => return false,
    };
    values_fit
        && is_qualified_name(&req.key).is_ok()
        && req.values.iter().all(|v| is_valid_label_value(v).is_ok())
}

/// Models `labels.Requirement.Matches` on the node's labels.
fn label_requirement_matches(req: &NodeSelectorRequirement, node: &Node) -> bool {
    let value = node.metadata.labels.get(&req.key);
    match req.operator.as_str() {
        "In" => value.is_some_and(|v| req.values.contains(v)),
        "NotIn" => value.is_none_or(|v| !req.values.contains(v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        op @ ("Gt" | "Lt") => {
            // Exactly one value, parsed like strconv.ParseInt (leading zeros allowed).
            let [bound] = req.values.as_slice() else {
                return false;
            };
            let (Ok(bound), Some(Ok(actual))) =
                (bound.parse::<i64>(), value.map(|v| v.parse::<i64>()))
            else {
                return false;
            };
            if op == "Gt" {
                actual > bound
            } else {
                actual < bound
            }
        }
        _ => false,
    }
}

/// Models the field selector of one requirement (`fields.OneTermEqualSelector`
/// or `OneTermNotEqualSelector`) on `extractNodeFields`, which holds only
/// `metadata.name`: any other key reads as the empty string.
fn field_requirement_matches(req: &NodeSelectorRequirement, node: &Node) -> bool {
    let [value] = req.values.as_slice() else {
        return false;
    };
    let actual = if req.key == "metadata.name" {
        node.metadata.name.as_str()
    } else {
        ""
    };
    match req.operator.as_str() {
        "In" => actual == value,
        "NotIn" => actual != value,
        _ => false,
    }
}

/// Models `pkg/scheduler/framework/plugins/nodeaffinity: PreScore`: whether the pod
/// has preferred terms to score. Without them upstream returns `Skip` and Score
/// does not run, which leaves every node at 0.
pub fn pre_score(pod: &Pod) -> bool {
    preferred_terms(pod).is_some_and(|terms| !terms.is_empty())
}

/// Models `pkg/scheduler/framework/plugins/nodeaffinity: Score`: the sum of the
/// weights of the preferred terms the node matches. The raw sum: [`normalize_score`]
/// scales it to 0..=100.
pub fn score(pod: &Pod, node: &Node) -> i64 {
    let Some(terms) = preferred_terms(pod) else {
        return 0;
    };
    terms
        .iter()
        // `NewPreferredSchedulingTerms` skips weightless and empty terms.
        .filter(|p| {
            p.weight != 0
                && !(p.preference.match_expressions.is_empty()
                    && p.preference.match_fields.is_empty())
                && term_matches(&p.preference, node)
        })
        .map(|p| i64::from(p.weight))
        .sum()
}

/// Models `pkg/scheduler/framework/plugins/nodeaffinity: NormalizeScore`: scales the
/// raw sums over the feasible nodes to 0..=100, the best match scoring 100.
pub fn normalize_score(scores: &mut [NodeScores]) {
    default_normalize_score(scores, |s| &mut s.node_affinity, false);
}

/// `affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution`, if set.
fn preferred_terms(pod: &Pod) -> Option<&[PreferredSchedulingTerm]> {
    let na = pod.spec.affinity.as_ref()?.node_affinity.as_ref()?;
    Some(&na.preferred_during_scheduling_ignored_during_execution)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Pod;
    use crate::api::{Affinity, NodeAffinity, NodeSelector};

    fn node(name: &str, labels: &[(&str, &str)]) -> Node {
        let mut n = Node::default();
        n.metadata.name = name.into();
        n.metadata.labels = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        n
    }

    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn spec_with_terms(terms: Vec<NodeSelectorTerm>) -> PodSpec {
        PodSpec {
            affinity: Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                        node_selector_terms: terms,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    /// Cases in the spirit of upstream `nodeaffinity_test.go`.
    #[test]
    fn required_affinity() {
        let worker = node("worker", &[("disk", "ssd"), ("gen", "5")]);
        let expr = |r| NodeSelectorTerm {
            match_expressions: vec![r],
            match_fields: vec![],
        };
        let field = |r| NodeSelectorTerm {
            match_expressions: vec![],
            match_fields: vec![r],
        };
        let cases: Vec<(&str, PodSpec, bool)> = vec![
            ("no affinity matches", PodSpec::default(), true),
            (
                "empty term list matches nothing",
                spec_with_terms(vec![]),
                false,
            ),
            (
                "In",
                spec_with_terms(vec![expr(req("disk", "In", &["ssd", "hdd"]))]),
                true,
            ),
            (
                "NotIn on absent key",
                spec_with_terms(vec![expr(req("zone", "NotIn", &["a"]))]),
                true,
            ),
            (
                "Exists",
                spec_with_terms(vec![expr(req("disk", "Exists", &[]))]),
                true,
            ),
            (
                "DoesNotExist",
                spec_with_terms(vec![expr(req("disk", "DoesNotExist", &[]))]),
                false,
            ),
            (
                "Gt",
                spec_with_terms(vec![expr(req("gen", "Gt", &["04"]))]),
                true,
            ),
            (
                "Lt",
                spec_with_terms(vec![expr(req("gen", "Lt", &["5"]))]),
                false,
            ),
            (
                "Gt needs one value",
                spec_with_terms(vec![expr(req("gen", "Gt", &["1", "2"]))]),
                false,
            ),
            (
                "matchFields pins the node",
                spec_with_terms(vec![field(req("metadata.name", "In", &["worker"]))]),
                true,
            ),
            (
                "matchFields other node",
                spec_with_terms(vec![field(req("metadata.name", "In", &["master"]))]),
                false,
            ),
            (
                "matchFields needs one value",
                spec_with_terms(vec![field(req(
                    "metadata.name",
                    "In",
                    &["worker", "master"],
                ))]),
                false,
            ),
            (
                "terms are ORed",
                spec_with_terms(vec![
                    expr(req("disk", "In", &["hdd"])),
                    expr(req("gen", "In", &["5"])),
                ]),
                true,
            ),
            (
                "bad operator does not match",
                spec_with_terms(vec![expr(req("disk", "Like", &["ssd"]))]),
                false,
            ),
        ];
        for (name, spec, want) in cases {
            assert_eq!(
                required_node_affinity_matches(&spec, &worker),
                want,
                "{name}"
            );
        }
        let with_selector = PodSpec {
            node_selector: [("disk".to_string(), "hdd".to_string())].into(),
            ..Default::default()
        };
        assert!(!required_node_affinity_matches(&with_selector, &worker));
    }

    fn term(
        exprs: Vec<NodeSelectorRequirement>,
        fields: Vec<NodeSelectorRequirement>,
    ) -> NodeSelectorTerm {
        NodeSelectorTerm {
            match_expressions: exprs,
            match_fields: fields,
        }
    }

    /// Cases of `component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity_test.go:
    /// TestPodMatchesNodeSelectorAndAffinityTerms`, which
    /// `pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go: TestNodeAffinity`
    /// repeats for the Filter, by their upstream names.
    #[test]
    fn pod_matches_node_selector_and_affinity_terms() {
        let selector = |pairs: &[(&str, &str)]| -> std::collections::BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let with = |node_selector: &[(&str, &str)], terms: Option<Vec<NodeSelectorTerm>>| {
            let mut spec = match terms {
                Some(terms) => spec_with_terms(terms),
                None => PodSpec::default(),
            };
            spec.node_selector = selector(node_selector);
            spec
        };
        let name = |n: &str| req("metadata.name", "In", &[n]);
        type Case<'a> = (&'a str, PodSpec, &'a str, Vec<(&'a str, &'a str)>, bool);
        let cases: Vec<Case<'_>> = vec![
            ("no selector", with(&[], None), "", vec![], true),
            (
                "missing labels",
                with(&[("foo", "bar")], None),
                "",
                vec![],
                false,
            ),
            (
                "same labels",
                with(&[("foo", "bar")], None),
                "",
                vec![("foo", "bar")],
                true,
            ),
            (
                "node labels are superset",
                with(&[("foo", "bar")], None),
                "",
                vec![("foo", "bar"), ("baz", "blah")],
                true,
            ),
            (
                "node labels are subset",
                with(&[("foo", "bar"), ("baz", "blah")], None),
                "",
                vec![("foo", "bar")],
                false,
            ),
            (
                "Pod with matchExpressions using In operator that matches the existing node",
                with(
                    &[],
                    Some(vec![term(
                        vec![req("foo", "In", &["bar", "value2"])],
                        vec![],
                    )]),
                ),
                "",
                vec![("foo", "bar")],
                true,
            ),
            (
                "Pod with matchExpressions using Gt operator that matches the existing node",
                with(
                    &[],
                    Some(vec![term(
                        vec![req("kernel-version", "Gt", &["0204"])],
                        vec![],
                    )]),
                ),
                "",
                vec![("kernel-version", "0206")],
                true,
            ),
            (
                "Pod with matchExpressions using NotIn operator that matches the existing node",
                with(
                    &[],
                    Some(vec![term(
                        vec![req("mem-type", "NotIn", &["DDR", "DDR2"])],
                        vec![],
                    )]),
                ),
                "",
                vec![("mem-type", "DDR3")],
                true,
            ),
            (
                "Pod with matchExpressions using Exists operator that matches the existing node",
                with(
                    &[],
                    Some(vec![term(vec![req("GPU", "Exists", &[])], vec![])]),
                ),
                "",
                vec![("GPU", "NVIDIA-GRID-K1")],
                true,
            ),
            (
                "Pod with affinity that don't match node's labels won't schedule onto the node",
                with(
                    &[],
                    Some(vec![term(
                        vec![req("foo", "In", &["value1", "value2"])],
                        vec![],
                    )]),
                ),
                "",
                vec![("foo", "bar")],
                false,
            ),
            (
                "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
                with(&[], Some(vec![])),
                "",
                vec![("foo", "bar")],
                false,
            ),
            (
                "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
                with(&[], Some(vec![term(vec![], vec![])])),
                "",
                vec![("foo", "bar")],
                false,
            ),
            (
                "Pod with no Affinity will schedule onto a node",
                with(&[], None),
                "",
                vec![("foo", "bar")],
                true,
            ),
            (
                "Pod with multiple matchExpressions ANDed that matches the existing node",
                with(
                    &[],
                    Some(vec![term(
                        vec![
                            req("GPU", "Exists", &[]),
                            req("GPU", "NotIn", &["AMD", "INTER"]),
                        ],
                        vec![],
                    )]),
                ),
                "",
                vec![("GPU", "NVIDIA-GRID-K1")],
                true,
            ),
            (
                "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
                with(
                    &[],
                    Some(vec![term(
                        vec![
                            req("GPU", "Exists", &[]),
                            req("GPU", "In", &["AMD", "INTER"]),
                        ],
                        vec![],
                    )]),
                ),
                "",
                vec![("GPU", "NVIDIA-GRID-K1")],
                false,
            ),
            (
                "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
                with(
                    &[],
                    Some(vec![
                        term(vec![req("foo", "In", &["bar", "value2"])], vec![]),
                        term(vec![req("diffkey", "In", &["wrong", "value2"])], vec![]),
                    ]),
                ),
                "",
                vec![("foo", "bar")],
                true,
            ),
            (
                "Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node",
                with(
                    &[("foo", "bar")],
                    Some(vec![term(vec![req("foo", "Exists", &[])], vec![])]),
                ),
                "",
                vec![("foo", "bar")],
                true,
            ),
            (
                "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
                with(
                    &[("foo", "bar")],
                    Some(vec![term(vec![req("foo", "Exists", &[])], vec![])]),
                ),
                "",
                vec![("foo", "barrrrrr")],
                false,
            ),
            (
                "Pod with an invalid value in Affinity term won't be scheduled onto the node",
                with(
                    &[],
                    Some(vec![term(
                        vec![req("foo", "NotIn", &["invalid value: ___@#$%^"])],
                        vec![],
                    )]),
                ),
                "",
                vec![("foo", "bar")],
                false,
            ),
            (
                "Pod with matchFields using In operator that matches the existing node",
                with(&[], Some(vec![term(vec![], vec![name("node_1")])])),
                "node_1",
                vec![],
                true,
            ),
            (
                "Pod with matchFields using In operator that does not match the existing node",
                with(&[], Some(vec![term(vec![], vec![name("node_1")])])),
                "node_2",
                vec![],
                false,
            ),
            (
                "Pod with two terms: matchFields does not match, but matchExpressions matches",
                with(
                    &[],
                    Some(vec![
                        term(vec![], vec![name("node_1")]),
                        term(vec![req("foo", "In", &["bar"])], vec![]),
                    ]),
                ),
                "node_2",
                vec![("foo", "bar")],
                true,
            ),
            (
                "Pod with one term: matchFields does not match, but matchExpressions matches",
                with(
                    &[],
                    Some(vec![term(
                        vec![req("foo", "In", &["bar"])],
                        vec![name("node_1")],
                    )]),
                ),
                "node_2",
                vec![("foo", "bar")],
                false,
            ),
            (
                "Pod with one term: both matchFields and matchExpressions match",
                with(
                    &[],
                    Some(vec![term(
                        vec![req("foo", "In", &["bar"])],
                        vec![name("node_1")],
                    )]),
                ),
                "node_1",
                vec![("foo", "bar")],
                true,
            ),
            (
                "Pod with two terms: both matchFields and matchExpressions do not match",
                with(
                    &[],
                    Some(vec![
                        term(vec![], vec![name("node_1")]),
                        term(vec![req("foo", "In", &["not-match-to-bar"])], vec![]),
                    ]),
                ),
                "node_2",
                vec![("foo", "bar")],
                false,
            ),
        ];
        for (case, spec, node_name, labels, want) in cases {
            let n = node(node_name, &labels);
            assert_eq!(required_node_affinity_matches(&spec, &n), want, "{case}");
        }
    }

    /// `nodeaffinity_test.go: TestNodeSelectorMatch`, lazily as the scheduler
    /// matches (`NewLazyErrorNodeSelector`): a term that fails to parse matches
    /// nothing, and a valid term beside it still counts.
    #[test]
    fn node_selector_match() {
        let host = node("host_1", &[("label_1", "label_1_val")]);
        let bare_host = node("host_1", &[]);
        let label = || req("label_1", "In", &["label_1_val"]);
        let host_1 = || req("metadata.name", "In", &["host_1"]);
        // "invalid field selector and label selector": terms 0 and 2 do not parse.
        let invalid = vec![
            term(
                vec![],
                vec![req("metadata.name", "In", &["host_1", "host_2"])],
            ),
            term(vec![label()], vec![host_1()]),
            term(vec![req("invalid key", "In", &["label_value"])], vec![]),
        ];
        assert!(required_node_affinity_matches(
            &spec_with_terms(invalid.clone()),
            &host
        ));
        assert!(!required_node_affinity_matches(
            &spec_with_terms(invalid),
            &bare_host
        ));
        // "node matches field selector, but not labels".
        let both = vec![term(vec![label()], vec![host_1()])];
        assert!(!required_node_affinity_matches(
            &spec_with_terms(both.clone()),
            &bare_host
        ));
        // "node matches field selector and label selector".
        assert!(required_node_affinity_matches(
            &spec_with_terms(both),
            &host
        ));
        // "second term matches".
        let second = vec![term(vec![label()], vec![]), term(vec![], vec![host_1()])];
        assert!(required_node_affinity_matches(
            &spec_with_terms(second),
            &bare_host
        ));
    }

    /// How `nodeSelectorRequirementsAsSelector` and `labels.NewRequirement` parse
    /// (`nodeaffinity_test.go: TestNodeSelectorRequirementsAsSelector` and the
    /// rules `NewRequirement` lists): a requirement that does not parse makes its
    /// term match nothing, even where its operator alone would match.
    #[test]
    fn requirements_that_do_not_parse_match_nothing() {
        let n = node("worker", &[("foo", "bar"), ("gen", "5")]);
        let matches = |r: NodeSelectorRequirement| {
            required_node_affinity_matches(&spec_with_terms(vec![term(vec![r], vec![])]), &n)
        };
        // Parsed and matching: `foo in (baz,bar)`, `gen>1`, `gen<7`.
        assert!(matches(req("foo", "In", &["bar", "baz"])));
        assert!(matches(req("gen", "Gt", &["1"])));
        assert!(matches(req("gen", "Lt", &["7"])));
        // "values set must be empty for exists and does not exist".
        assert!(!matches(req("foo", "Exists", &["bar", "baz"])));
        // "for 'in', 'notin' operators, values set can't be empty": NotIn would match.
        assert!(!matches(req("zone", "NotIn", &[])));
        // "for 'Gt', 'Lt' operators, the value must be an integer".
        assert!(!matches(req("gen", "Gt", &["one"])));
        // "for 'Gt', 'Lt' operators, exactly one value is required".
        assert!(!matches(req("gen", "Lt", &["7", "8"])));
        // A negative bound is an integer but not a label value.
        assert!(!matches(req("gen", "Gt", &["-1"])));
        // NotSupported operator.
        assert!(!matches(req("foo", "Like", &["bar"])));
        // A value that is not a label value, where NotIn alone would match.
        assert!(!matches(req("foo", "NotIn", &["not a label value"])));
        // A key that is not a qualified name, where DoesNotExist alone would match.
        assert!(!matches(req("bad key", "DoesNotExist", &[])));
        // A node label that is not an integer never satisfies Gt.
        assert!(!matches(req("foo", "Gt", &["1"])));
    }

    /// `nodeSelectorRequirementsAsFieldSelector`: In and NotIn with one value on
    /// any key; `extractNodeFields` has only `metadata.name`, so another key reads
    /// as empty. A node without a name has no fields, and they are not checked.
    #[test]
    fn match_fields_follow_the_field_selector() {
        let n = node("worker", &[]);
        let fields = |r: NodeSelectorRequirement| {
            required_node_affinity_matches(&spec_with_terms(vec![term(vec![], vec![r])]), &n)
        };
        assert!(fields(req("metadata.name", "NotIn", &["master"])));
        assert!(!fields(req("metadata.name", "NotIn", &["worker"])));
        assert!(fields(req("metadata.uid", "NotIn", &["x"])));
        assert!(!fields(req("metadata.uid", "In", &["x"])));
        assert!(fields(req("metadata.uid", "In", &[""])));
        // "must have one element", and operators other than In and NotIn.
        assert!(!fields(req("metadata.name", "NotIn", &[])));
        assert!(!fields(req("metadata.name", "Exists", &[])));
        let unnamed = node("", &[]);
        let spec = spec_with_terms(vec![term(
            vec![],
            vec![req("metadata.name", "In", &["worker"])],
        )]);
        assert!(required_node_affinity_matches(&spec, &unnamed));
    }

    /// `nodeaffinity_test.go: TestPreferredSchedulingTermsScore`: "first and third
    /// term match" sums their weights, and "invalid field selector but no weight,
    /// error not reported" scores nothing; an empty preference is skipped too.
    #[test]
    fn preferred_terms_score() {
        let preferred = |terms: Vec<(i32, NodeSelectorTerm)>| Pod {
            spec: PodSpec {
                affinity: Some(Affinity {
                    node_affinity: Some(NodeAffinity {
                        preferred_during_scheduling_ignored_during_execution: terms
                            .into_iter()
                            .map(|(weight, preference)| PreferredSchedulingTerm {
                                weight,
                                preference,
                            })
                            .collect(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let host = node("host_1", &[("label_1", "label_1_val")]);
        let pod = preferred(vec![
            (
                5,
                term(vec![], vec![req("metadata.name", "In", &["host_1"])]),
            ),
            (
                7,
                term(
                    vec![req("unknown_label", "In", &["unknown_label_val"])],
                    vec![],
                ),
            ),
            (
                11,
                term(vec![req("label_1", "In", &["label_1_val"])], vec![]),
            ),
        ]);
        assert_eq!(score(&pod, &host), 16);
        let weightless = preferred(vec![(
            0,
            term(
                vec![],
                vec![req("metadata.name", "In", &["host_1", "host_2"])],
            ),
        )]);
        assert_eq!(score(&weightless, &host), 0);
        let empty = preferred(vec![(3, term(vec![], vec![]))]);
        assert_eq!(score(&empty, &host), 0);
    }

    /// `node_affinity_test.go: TestNodeAffinity`, "Pod with matchFields using In
    /// operator that matches the existing node": PreFilter narrows to `node1`;
    /// "Pod with two terms: matchFields does not match, but matchExpressions
    /// matches": a term without a name lets every node through.
    #[test]
    fn prefilter_narrows_to_named_nodes() {
        let one = spec_with_terms(vec![term(
            vec![],
            vec![req("metadata.name", "In", &["node1"])],
        )]);
        assert_eq!(prefilter_node_names(&one), Some(vec!["node1"]));
        let two = spec_with_terms(vec![
            term(
                vec![],
                vec![
                    req("metadata.name", "In", &["node1"]),
                    req("metadata.name", "In", &["node2"]),
                ],
            ),
            term(vec![req("foo", "In", &["bar"])], vec![]),
        ]);
        assert_eq!(prefilter_node_names(&two), None);
    }
}
