//! The NodeAffinity plugin, PreFilter, Filter and Score
//! (`pkg/scheduler/framework/plugins/nodeaffinity`), with the matching of
//! `component-helpers/scheduling/corev1/nodeaffinity: GetRequiredNodeAffinity(pod).Match(node)`.

use super::Rejection;
use super::prioritize::{NodeScores, default_normalize_score};
use crate::api::NodeAffinity;
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

/// Expressions AND fields; a term that fails to parse does not match.
pub fn term_matches(term: &NodeSelectorTerm, node: &Node) -> bool {
    term.match_expressions
        .iter()
        .all(|r| label_requirement_matches(r, node))
        && term
            .match_fields
            .iter()
            .all(|r| field_requirement_matches(r, node))
}

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

/// Only `metadata.name` with In/NotIn and exactly one value is supported.
fn field_requirement_matches(req: &NodeSelectorRequirement, node: &Node) -> bool {
    if req.key != "metadata.name" || req.values.len() != 1 {
        return false;
    }
    let equal = req.values[0] == node.metadata.name;
    match req.operator.as_str() {
        "In" => equal,
        "NotIn" => !equal,
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
        .filter(|p| p.weight != 0 && term_matches(&p.preference, node))
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
}
