//! API-server validation of the pod fields that place pods on nodes or towards
//! or away from other pods: `spec.affinity.nodeAffinity`, `podAffinity`,
//! `podAntiAffinity` and `spec.topologySpreadConstraints`
//! (`pkg/apis/core/validation/validation.go`),
//! with the label selectors inside them (`apimachinery/pkg/apis/meta/v1/validation`).

use super::{FieldError, err, validate_labels};
use crate::api::LabelSelector;
use crate::api::NodeAffinity;
use crate::api::NodeSelectorRequirement;
use crate::api::NodeSelectorTerm;
use crate::api::PodAffinity;
use crate::api::PodAffinityTerm;
use crate::api::PodSpec;
use crate::api::TopologySpreadConstraint;
use crate::api::field_value::go_quote;
use crate::api::identifiers::is_dns1123_label;
use crate::api::identifiers::is_dns1123_subdomain;
use crate::api::identifiers::is_qualified_name;
use crate::api::identifiers::is_valid_label_value;

/// `isNotPositiveErrorMsg`.
const NOT_POSITIVE: &str = "must be greater than zero";
/// `core.DoNotSchedule`.
pub const DO_NOT_SCHEDULE: &str = "DoNotSchedule";
/// `core.ScheduleAnyway`.
pub const SCHEDULE_ANYWAY: &str = "ScheduleAnyway";

/// The checks of `ValidatePodSpec` on affinity between pods and on spreading,
/// in upstream's order (`validateAffinity`, then `validateTopologySpreadConstraints`).
/// `allow_invalid_values` lets a required node affinity hold values that are
/// not label values (before v1.33).
pub(super) fn validate(spec: &PodSpec, path: &str, allow_invalid_values: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(affinity) = &spec.affinity {
        let at = format!("{path}.affinity");
        if let Some(a) = &affinity.node_affinity {
            errs.extend(node_affinity(
                a,
                &format!("{at}.nodeAffinity"),
                allow_invalid_values,
            ));
        }
        if let Some(a) = &affinity.pod_anti_affinity {
            errs.extend(pod_affinity(a, &format!("{at}.podAntiAffinity")));
        }
        if let Some(a) = &affinity.pod_affinity {
            errs.extend(pod_affinity(a, &format!("{at}.podAffinity")));
        }
    }
    errs.extend(topology_spread_constraints(
        &spec.topology_spread_constraints,
        &format!("{path}.topologySpreadConstraints"),
    ));
    errs
}

/// Models `validateNodeAffinity`: the required selector must have a term, and
/// from v1.33 its values must be label values (PR #128212); a preferred term
/// needs a weight of 1 to 100 and may hold any value, since it can still
/// succeed on a one-node cluster.
fn node_affinity(
    affinity: &NodeAffinity,
    path: &str,
    allow_invalid_values: bool,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(required) = &affinity.required_during_scheduling_ignored_during_execution {
        // Models `ValidateNodeSelector`.
        let terms =
            format!("{path}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
        if required.node_selector_terms.is_empty() {
            errs.push(err(
                &terms,
                "Required value: must have at least one node selector term",
            ));
        }
        for (i, term) in required.node_selector_terms.iter().enumerate() {
            errs.extend(node_selector_term(
                term,
                &format!("{terms}[{i}]"),
                allow_invalid_values,
            ));
        }
    }
    // Models `ValidatePreferredSchedulingTerms`.
    let preferred = format!("{path}.preferredDuringSchedulingIgnoredDuringExecution");
    for (i, term) in affinity
        .preferred_during_scheduling_ignored_during_execution
        .iter()
        .enumerate()
    {
        if term.weight <= 0 || term.weight > 100 {
            errs.push(err(
                &format!("{preferred}[{i}].weight"),
                format!("Invalid value: {}: must be in the range 1-100", term.weight),
            ));
        }
        errs.extend(node_selector_term(
            &term.preference,
            &format!("{preferred}[{i}].preference"),
            true,
        ));
    }
    errs
}

/// Models `ValidateNodeSelectorTerm`: each expression, then each field.
fn node_selector_term(
    term: &NodeSelectorTerm,
    path: &str,
    allow_invalid_values: bool,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (j, req) in term.match_expressions.iter().enumerate() {
        errs.extend(node_selector_requirement(
            req,
            &format!("{path}.matchExpressions[{j}]"),
            allow_invalid_values,
        ));
    }
    for (j, req) in term.match_fields.iter().enumerate() {
        errs.extend(node_field_selector_requirement(
            req,
            &format!("{path}.matchFields[{j}]"),
        ));
    }
    errs
}

/// Models `ValidateNodeSelectorRequirement`. Gt and Lt values are not checked for
/// being integers here: such a term passes and then matches no node.
fn node_selector_requirement(
    req: &NodeSelectorRequirement,
    path: &str,
    allow_invalid_values: bool,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match req.operator.as_str() {
        "In" | "NotIn" if req.values.is_empty() => errs.push(err(
            &format!("{path}.values"),
            "Required value: must be specified when `operator` is 'In' or 'NotIn'",
        )),
        "Exists" | "DoesNotExist" if !req.values.is_empty() => errs.push(err(
            &format!("{path}.values"),
            "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        )),
        "Gt" | "Lt" if req.values.len() != 1 => errs.push(err(
            &format!("{path}.values"),
            "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
        )),
        "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
        other => errs.push(err(
            &format!("{path}.operator"),
            format!(
                "Invalid value: {}: not a valid selector operator",
                go_quote(other)
            ),
        )),
    }
    errs.extend(label_name(&req.key, &format!("{path}.key")));
    if !allow_invalid_values {
        for (i, value) in req.values.iter().enumerate() {
            if let Err(msgs) = is_valid_label_value(value) {
                for msg in msgs {
                    errs.push(err(
                        &format!("{path}.values[{i}]"),
                        format!("Invalid value: {}: {msg}", go_quote(value)),
                    ));
                }
            }
        }
    }
    errs
}

/// Models `ValidateNodeFieldSelectorRequirement`: In or NotIn with one value, on
/// `metadata.name` only, whose values must be node names (`ValidateNodeName`).
fn node_field_selector_requirement(req: &NodeSelectorRequirement, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match req.operator.as_str() {
        "In" | "NotIn" => {
            if req.values.len() != 1 {
                errs.push(err(
                    &format!("{path}.values"),
                    "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                ));
            }
        }
        other => errs.push(err(
            &format!("{path}.operator"),
            format!(
                "Invalid value: {}: not a valid selector operator",
                go_quote(other)
            ),
        )),
    }
    if req.key != "metadata.name" {
        errs.push(err(
            &format!("{path}.key"),
            format!(
                "Invalid value: {}: not a valid field selector key",
                go_quote(&req.key)
            ),
        ));
    } else {
        for (i, value) in req.values.iter().enumerate() {
            if let Err(msgs) = is_dns1123_subdomain(value) {
                for msg in msgs {
                    errs.push(err(
                        &format!("{path}.values[{i}]"),
                        format!("Invalid value: {}: {msg}", go_quote(value)),
                    ));
                }
            }
        }
    }
    errs
}

/// Models `validatePodAffinity` and `validatePodAntiAffinity` (the same checks).
fn pod_affinity(affinity: &PodAffinity, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let required = format!("{path}.requiredDuringSchedulingIgnoredDuringExecution");
    for (i, term) in affinity
        .required_during_scheduling_ignored_during_execution
        .iter()
        .enumerate()
    {
        errs.extend(pod_affinity_term(term, &format!("{required}[{i}]")));
    }
    let preferred = format!("{path}.preferredDuringSchedulingIgnoredDuringExecution");
    for (i, weighted) in affinity
        .preferred_during_scheduling_ignored_during_execution
        .iter()
        .enumerate()
    {
        // Models `validateWeightedPodAffinityTerms`.
        let at = format!("{preferred}[{i}]");
        if !(1..=100).contains(&weighted.weight) {
            errs.push(err(
                &format!("{at}.weight"),
                format!(
                    "Invalid value: {}: must be in the range 1-100",
                    weighted.weight
                ),
            ));
        }
        errs.extend(pod_affinity_term(
            &weighted.pod_affinity_term,
            &format!("{at}.podAffinityTerm"),
        ));
    }
    errs
}

/// Models `validatePodAffinityTerm`.
fn pod_affinity_term(term: &PodAffinityTerm, path: &str) -> Vec<FieldError> {
    // `ValidatePodAffinityTermSelector`.
    let mut errs = label_selector(
        term.label_selector.as_ref(),
        &format!("{path}.labelSelector"),
    );
    errs.extend(label_selector(
        term.namespace_selector.as_ref(),
        &format!("{path}.namespaceSelector"),
    ));
    for name in &term.namespaces {
        // `ValidateNamespaceName`; upstream names the field `namespace` here.
        if let Err(msgs) = is_dns1123_label(name) {
            for msg in msgs {
                errs.push(err(
                    &format!("{path}.namespace"),
                    format!("Invalid value: {}: {msg}", go_quote(name)),
                ));
            }
        }
    }
    errs.extend(match_label_keys(path, term));
    let key_path = format!("{path}.topologyKey");
    if term.topology_key.is_empty() {
        errs.push(err(&key_path, "Required value: can not be empty"));
    }
    errs.extend(label_name(&term.topology_key, &key_path));
    errs
}

/// Models `validateMatchLabelKeysAndMismatchLabelKeys`: each key a label name,
/// keys only with a label selector, and no key in both lists.
fn match_label_keys(path: &str, term: &PodAffinityTerm) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (field, keys) in [
        ("matchLabelKeys", &term.match_label_keys),
        ("mismatchLabelKeys", &term.mismatch_label_keys),
    ] {
        errs.extend(label_keys(
            &format!("{path}.{field}"),
            keys,
            term.label_selector.as_ref(),
        ));
    }
    for (i, key) in term.match_label_keys.iter().enumerate() {
        if term.mismatch_label_keys.contains(key) {
            errs.push(err(
                &format!("{path}.matchLabelKeys[{i}]"),
                format!(
                    "Invalid value: {}: exists in both matchLabelKeys and mismatchLabelKeys",
                    go_quote(key)
                ),
            ));
        }
    }
    errs
}

/// Models `validateLabelKeys`: keys need a label selector to narrow, and each is
/// a label name.
fn label_keys(path: &str, keys: &[String], selector: Option<&LabelSelector>) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if keys.is_empty() {
        return errs;
    }
    if selector.is_none() {
        errs.push(err(
            path,
            "Forbidden: must not be specified when labelSelector is not set",
        ));
    }
    for (i, key) in keys.iter().enumerate() {
        errs.extend(label_name(key, &format!("{path}[{i}]")));
    }
    errs
}

/// Models `ValidateLabelName`.
fn label_name(name: &str, path: &str) -> Vec<FieldError> {
    match is_qualified_name(name) {
        Ok(()) => Vec::new(),
        Err(msgs) => msgs
            .into_iter()
            .map(|msg| err(path, format!("Invalid value: {}: {msg}", go_quote(name))))
            .collect(),
    }
}

/// Models `metav1validation.ValidateLabelSelector` with invalid label values
/// refused (`AllowInvalidLabelValueInSelector: false`, as for a new pod).
pub(super) fn label_selector(selector: Option<&LabelSelector>, path: &str) -> Vec<FieldError> {
    let Some(selector) = selector else {
        return Vec::new();
    };
    let mut errs = validate_labels(&selector.match_labels, &format!("{path}.matchLabels"));
    for (i, req) in selector.match_expressions.iter().enumerate() {
        // Models `ValidateLabelSelectorRequirement`.
        let at = format!("{path}.matchExpressions[{i}]");
        match req.operator.as_str() {
            "In" | "NotIn" if req.values.is_empty() => errs.push(err(
                &format!("{at}.values"),
                "Required value: must be specified when `operator` is 'In' or 'NotIn'",
            )),
            "Exists" | "DoesNotExist" if !req.values.is_empty() => errs.push(err(
                &format!("{at}.values"),
                "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )),
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => errs.push(err(
                &format!("{at}.operator"),
                format!(
                    "Invalid value: {}: not a valid selector operator",
                    go_quote(other)
                ),
            )),
        }
        errs.extend(label_name(&req.key, &format!("{at}.key")));
        for (j, value) in req.values.iter().enumerate() {
            if let Err(msgs) = is_valid_label_value(value) {
                for msg in msgs {
                    errs.push(err(
                        &format!("{at}.values[{j}]"),
                        format!("Invalid value: {}: {msg}", go_quote(value)),
                    ));
                }
            }
        }
    }
    errs
}

/// Models `validateTopologySpreadConstraints`, check by check in upstream's order.
fn topology_spread_constraints(
    constraints: &[TopologySpreadConstraint],
    path: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, c) in constraints.iter().enumerate() {
        let at = format!("{path}[{i}]");
        // `ValidateMaxSkew`.
        if c.max_skew <= 0 {
            errs.push(err(
                &format!("{at}.maxSkew"),
                format!("Invalid value: {}: {NOT_POSITIVE}", c.max_skew),
            ));
        }
        // `ValidateTopologyKey`.
        if c.topology_key.is_empty() {
            errs.push(err(
                &format!("{at}.topologyKey"),
                "Required value: can not be empty",
            ));
        }
        // `ValidateWhenUnsatisfiable`.
        if c.when_unsatisfiable != DO_NOT_SCHEDULE && c.when_unsatisfiable != SCHEDULE_ANYWAY {
            errs.push(err(
                &format!("{at}.whenUnsatisfiable"),
                format!(
                    "Unsupported value: {}: supported values: \"{DO_NOT_SCHEDULE}\", \"{SCHEDULE_ANYWAY}\"",
                    go_quote(&c.when_unsatisfiable)
                ),
            ));
        }
        // `ValidateSpreadConstraintNotRepeat`: one constraint per key and action.
        if constraints[i + 1..].iter().any(|rest| {
            rest.topology_key == c.topology_key && rest.when_unsatisfiable == c.when_unsatisfiable
        }) {
            errs.push(err(
                &format!("{at}.{{topologyKey, whenUnsatisfiable}}"),
                format!(
                    "Duplicate value: {}",
                    go_quote(&format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable))
                ),
            ));
        }
        // `validateMinDomains`.
        if let Some(min) = c.min_domains {
            let min_path = format!("{at}.minDomains");
            if min <= 0 {
                errs.push(err(
                    &min_path,
                    format!("Invalid value: {min}: {NOT_POSITIVE}"),
                ));
            }
            if c.when_unsatisfiable != DO_NOT_SCHEDULE {
                errs.push(err(
                    &min_path,
                    format!(
                        "Invalid value: {min}: can only use minDomains if whenUnsatisfiable={DO_NOT_SCHEDULE}, not {}",
                        c.when_unsatisfiable
                    ),
                ));
            }
        }
        // `validateNodeInclusionPolicy`.
        for (field, policy) in [
            ("nodeAffinityPolicy", &c.node_affinity_policy),
            ("nodeTaintsPolicy", &c.node_taints_policy),
        ] {
            if let Some(policy) = policy
                && policy != "Honor"
                && policy != "Ignore"
            {
                errs.push(err(
                    &format!("{at}.{field}"),
                    format!(
                        "Unsupported value: {}: supported values: \"Honor\", \"Ignore\"",
                        go_quote(policy)
                    ),
                ));
            }
        }
        // `validateMatchLabelKeysInTopologySpread`.
        errs.extend(label_keys(
            &format!("{at}.matchLabelKeys"),
            &c.match_label_keys,
            c.label_selector.as_ref(),
        ));
        errs.extend(label_selector(
            c.label_selector.as_ref(),
            &format!("{at}.labelSelector"),
        ));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LabelSelectorRequirement;
    use crate::api::WeightedPodAffinityTerm;

    fn spread(key: &str, when: &str) -> TopologySpreadConstraint {
        TopologySpreadConstraint {
            max_skew: 1,
            topology_key: key.to_string(),
            when_unsatisfiable: when.to_string(),
            label_selector: Some(LabelSelector::default()),
            ..Default::default()
        }
    }

    fn messages(spec: &PodSpec) -> Vec<String> {
        validate(spec, "spec", false)
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    /// Cases of `validation_test.go: TestValidateTopologySpreadConstraints`.
    #[test]
    fn topology_spread_constraints_as_upstream_words_them() {
        let mut spec = PodSpec::default();
        assert!(messages(&spec).is_empty());
        spec.topology_spread_constraints = vec![spread("zone", DO_NOT_SCHEDULE)];
        assert!(messages(&spec).is_empty(), "a valid constraint");
        spec.topology_spread_constraints = vec![TopologySpreadConstraint {
            max_skew: 0,
            ..spread("zone", DO_NOT_SCHEDULE)
        }];
        assert_eq!(
            messages(&spec),
            [
                "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"
            ]
        );
        spec.topology_spread_constraints = vec![spread("", DO_NOT_SCHEDULE)];
        assert_eq!(
            messages(&spec),
            ["spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty"]
        );
        spec.topology_spread_constraints = vec![spread("zone", "N/A")];
        assert_eq!(
            messages(&spec),
            [
                "spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: \"N/A\": supported values: \"DoNotSchedule\", \"ScheduleAnyway\""
            ]
        );
        spec.topology_spread_constraints = vec![
            spread("zone", DO_NOT_SCHEDULE),
            spread("zone", DO_NOT_SCHEDULE),
        ];
        assert_eq!(
            messages(&spec),
            [
                "spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: \"{zone, DoNotSchedule}\""
            ]
        );
        spec.topology_spread_constraints = vec![TopologySpreadConstraint {
            min_domains: Some(3),
            ..spread("zone", SCHEDULE_ANYWAY)
        }];
        assert_eq!(
            messages(&spec),
            [
                "spec.topologySpreadConstraints[0].minDomains: Invalid value: 3: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway"
            ]
        );
        spec.topology_spread_constraints = vec![TopologySpreadConstraint {
            min_domains: Some(-1),
            ..spread("zone", DO_NOT_SCHEDULE)
        }];
        assert_eq!(
            messages(&spec),
            [
                "spec.topologySpreadConstraints[0].minDomains: Invalid value: -1: must be greater than zero"
            ]
        );
        spec.topology_spread_constraints = vec![TopologySpreadConstraint {
            node_affinity_policy: Some("Always".to_string()),
            ..spread("zone", DO_NOT_SCHEDULE)
        }];
        assert_eq!(
            messages(&spec),
            [
                "spec.topologySpreadConstraints[0].nodeAffinityPolicy: Unsupported value: \"Always\": supported values: \"Honor\", \"Ignore\""
            ]
        );
        spec.topology_spread_constraints = vec![TopologySpreadConstraint {
            label_selector: None,
            match_label_keys: vec!["app".to_string()],
            ..spread("zone", DO_NOT_SCHEDULE)
        }];
        assert_eq!(
            messages(&spec),
            [
                "spec.topologySpreadConstraints[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set"
            ]
        );
    }

    /// Cases of `validation_test.go: TestValidatePod` ("invalid ... pod affinity").
    #[test]
    fn pod_affinity_terms_as_upstream_words_them() {
        let term = |key: &str| PodAffinityTerm {
            label_selector: Some(LabelSelector {
                match_expressions: vec![LabelSelectorRequirement {
                    key: "app".to_string(),
                    operator: "In".to_string(),
                    values: vec![],
                }],
                ..Default::default()
            }),
            topology_key: key.to_string(),
            ..Default::default()
        };
        let mut spec = PodSpec {
            affinity: Some(crate::api::Affinity {
                pod_anti_affinity: Some(PodAffinity {
                    required_during_scheduling_ignored_during_execution: vec![term("")],
                    preferred_during_scheduling_ignored_during_execution: vec![
                        WeightedPodAffinityTerm {
                            weight: 101,
                            pod_affinity_term: PodAffinityTerm {
                                label_selector: Some(LabelSelector::default()),
                                topology_key: "zone".to_string(),
                                namespaces: vec!["Not_A_Label".to_string()],
                                ..Default::default()
                            },
                        },
                    ],
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let got = messages(&spec);
        let base = "spec.affinity.podAntiAffinity";
        assert_eq!(
            got[0],
            format!(
                "{base}.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
            )
        );
        assert_eq!(
            got[1],
            format!(
                "{base}.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"
            )
        );
        assert!(
            got[2].starts_with(&format!(
                "{base}.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty"
            )),
            "{got:?}"
        );
        assert!(got.iter().any(|m| m
            == &format!(
                "{base}.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100"
            )));
        assert!(got.iter().any(|m| m.starts_with(&format!(
            "{base}.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.namespace: Invalid value: \"Not_A_Label\""
        ))));
        // A valid term passes.
        if let Some(a) = spec.affinity.as_mut() {
            a.pod_anti_affinity = Some(PodAffinity {
                required_during_scheduling_ignored_during_execution: vec![PodAffinityTerm {
                    label_selector: Some(LabelSelector::default()),
                    topology_key: "kubernetes.io/hostname".to_string(),
                    match_label_keys: vec!["pod-template-hash".to_string()],
                    ..Default::default()
                }],
                ..Default::default()
            });
        }
        assert!(messages(&spec).is_empty());
    }

    fn node_req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.to_string(),
            operator: op.to_string(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn with_node_affinity(affinity: NodeAffinity) -> PodSpec {
        PodSpec {
            affinity: Some(crate::api::Affinity {
                node_affinity: Some(affinity),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn required(terms: Vec<NodeSelectorTerm>) -> PodSpec {
        with_node_affinity(NodeAffinity {
            required_during_scheduling_ignored_during_execution: Some(crate::api::NodeSelector {
                node_selector_terms: terms,
            }),
            ..Default::default()
        })
    }

    fn exprs(reqs: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
        NodeSelectorTerm {
            match_expressions: reqs,
            match_fields: vec![],
        }
    }

    fn fields(reqs: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
        NodeSelectorTerm {
            match_expressions: vec![],
            match_fields: reqs,
        }
    }

    /// Models `validateNodeAffinity` (`ValidateNodeSelector`,
    /// `ValidateNodeSelectorRequirement`, `ValidateNodeFieldSelectorRequirement`,
    /// `ValidatePreferredSchedulingTerms`), in the spirit of `validation_test.go:
    /// TestValidatePod`'s node-affinity error cases (such as "invalid node field
    /// selector requirement in node affinity, more values for field selector").
    #[test]
    fn node_affinity_is_validated_as_upstream() {
        let base = "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
        let one = |term: NodeSelectorTerm| messages(&required(vec![term]));
        assert_eq!(
            messages(&required(vec![])),
            [format!(
                "{base}: Required value: must have at least one node selector term"
            )]
        );
        assert_eq!(
            one(exprs(vec![node_req("key1", "In", &[])])),
            [format!(
                "{base}[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"
            )]
        );
        assert_eq!(
            one(exprs(vec![node_req("key1", "Exists", &["x"])])),
            [format!(
                "{base}[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
            )]
        );
        assert_eq!(
            one(exprs(vec![node_req("key1", "Gt", &["1", "2"])])),
            [format!(
                "{base}[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"
            )]
        );
        assert_eq!(
            one(exprs(vec![node_req("key1", "Like", &["x"])])),
            [format!(
                "{base}[0].matchExpressions[0].operator: Invalid value: \"Like\": not a valid selector operator"
            )]
        );
        // A Gt or Lt value that is no integer passes validation (and matches nothing).
        assert!(one(exprs(vec![node_req("key1", "Gt", &["abc"])])).is_empty());
        let bad_key = one(exprs(vec![node_req("bad key", "Exists", &[])]));
        assert_eq!(bad_key.len(), 1);
        assert!(
            bad_key[0].starts_with(&format!(
                "{base}[0].matchExpressions[0].key: Invalid value: \"bad key\": name part must consist of"
            )),
            "{bad_key:?}"
        );
        // From v1.33 (PR #128212) values must be label values.
        let bad_value = one(exprs(vec![node_req("key1", "In", &["a b"])]));
        assert_eq!(bad_value.len(), 1);
        assert!(
            bad_value[0].starts_with(&format!(
                "{base}[0].matchExpressions[0].values[0]: Invalid value: \"a b\": a valid label must be"
            )),
            "{bad_value:?}"
        );
        let older = validate(
            &required(vec![exprs(vec![node_req("key1", "In", &["a b"])])]),
            "spec",
            true,
        );
        assert!(older.is_empty(), "{older:?}");
        // matchFields: one value, `metadata.name` only, a node name.
        assert_eq!(
            one(fields(vec![node_req("metadata.name", "In", &["a", "b"])])),
            [format!(
                "{base}[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"
            )]
        );
        assert_eq!(
            one(fields(vec![node_req("metadata.name", "Exists", &["a"])])),
            [format!(
                "{base}[0].matchFields[0].operator: Invalid value: \"Exists\": not a valid selector operator"
            )]
        );
        assert_eq!(
            one(fields(vec![node_req("metadata.uid", "In", &["a"])])),
            [format!(
                "{base}[0].matchFields[0].key: Invalid value: \"metadata.uid\": not a valid field selector key"
            )]
        );
        let bad_name = one(fields(vec![node_req("metadata.name", "In", &["node_1"])]));
        assert_eq!(bad_name.len(), 1);
        assert!(
            bad_name[0].starts_with(&format!(
                "{base}[0].matchFields[0].values[0]: Invalid value: \"node_1\": a lowercase RFC 1123 subdomain"
            )),
            "{bad_name:?}"
        );
        // Preferred terms: weight 1-100; any value, since they may still match.
        let preferred = with_node_affinity(NodeAffinity {
            preferred_during_scheduling_ignored_during_execution: vec![
                crate::api::PreferredSchedulingTerm {
                    weight: 0,
                    preference: exprs(vec![node_req("key1", "In", &["a b"])]),
                },
            ],
            ..Default::default()
        });
        assert_eq!(
            messages(&preferred),
            [
                "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"
            ]
        );
    }
}
