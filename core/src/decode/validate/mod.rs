//! API-server validation that looks at more than one field, in upstream's words
//! (`pkg/apis/core/validation`, `pkg/apis/apps/validation`).

mod placement;
mod policy;
mod ports;
mod resources;
pub mod scheduling;

use crate::api::field_value::go_quote;
use crate::api::field_value::{self, ValueStyle};
use crate::api::identifiers::{
    is_dns1123_label, is_dns1123_subdomain, is_qualified_name, is_valid_label_value,
};
use crate::api::{LabelSelector, ObjectMeta, PodSpec, PodTemplateSpec};
use crate::decode::Object;
use crate::limits::{Limit, MAX_REPLICAS};
use std::collections::BTreeMap;
use std::fmt;

/// A `field.Error`: a path and upstream's detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field path, e.g. `spec.selector`.
    pub path: String,
    /// Upstream's text after the path, e.g. `Required value`.
    pub detail: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.detail)
    }
}

fn err(path: &str, detail: impl Into<String>) -> FieldError {
    FieldError {
        path: path.to_string(),
        detail: detail.into(),
    }
}

/// Validates an object as the API server would on create or update.
/// `allow_invalid_values` lets a required node affinity hold values that are not
/// label values, as before v1.33.
pub fn validate(object: &Object, style: ValueStyle, allow_invalid_values: bool) -> Vec<FieldError> {
    match object {
        Object::Node(node) => {
            // Models `ValidateNodeResources` for the part taintlab keeps.
            let mut errs = validate_meta(&node.metadata);
            for (name, q) in &node.allocatable {
                let path = format!("status.allocatable.{name}");
                errs.extend(resources::quantity_value(name, *q, &path));
            }
            errs
        }
        // Models `ValidateNamespace`: a namespace's name is a DNS label.
        Object::Namespace(meta) => validate_meta_named(meta, is_dns1123_label),
        Object::Other(other) => validate_meta(&other.metadata),
        Object::Pod(pod) => {
            let mut errs = validate_meta(&pod.metadata);
            errs.extend(validate_pod_spec(
                &pod.spec,
                "spec",
                true,
                style,
                allow_invalid_values,
            ));
            errs
        }
        Object::DaemonSet(ds) => validate_workload(
            &ds.metadata,
            None,
            ds.spec.selector.as_ref(),
            &ds.spec.template,
            "daemonset",
            style,
            allow_invalid_values,
        ),
        Object::Deployment(d) => validate_workload(
            &d.metadata,
            d.spec.replicas,
            d.spec.selector.as_ref(),
            &d.spec.template,
            "deployment",
            style,
            allow_invalid_values,
        ),
        Object::PriorityClass(pc) => scheduling::priority_class(pc),
        Object::PodDisruptionBudget(pdb) => policy::pod_disruption_budget(pdb, style),
        Object::ReplicaSet(rs) => validate_workload(
            &rs.metadata,
            rs.spec.replicas,
            rs.spec.selector.as_ref(),
            &rs.spec.template,
            "replicaset",
            style,
            allow_invalid_values,
        ),
    }
}

/// Checks `spec.replicas` of a Deployment or ReplicaSet: upstream's
/// `ValidateNonnegativeField`, then taintlab's [`MAX_REPLICAS`] (each replica
/// is a pod the simulation creates and schedules).
pub fn validate_replicas(replicas: i64) -> Option<FieldError> {
    let detail = if replicas < 0 {
        resources::IS_NEGATIVE.to_string()
    } else if replicas > MAX_REPLICAS {
        Limit::Replicas.en()
    } else {
        return None;
    };
    Some(err(
        "spec.replicas",
        format!("Invalid value: {replicas}: {detail}"),
    ))
}

/// Models `ValidateObjectMeta` with `NameIsDNSSubdomain`, plus `ValidateLabels`.
fn validate_meta(meta: &ObjectMeta) -> Vec<FieldError> {
    validate_meta_named(meta, is_dns1123_subdomain)
}

/// Models `ValidateObjectMeta` with the kind's name check (`NameIsDNSSubdomain`,
/// or `NameIsDNSLabel` for a namespace), plus `ValidateLabels`.
fn validate_meta_named(
    meta: &ObjectMeta,
    is_name: fn(&str) -> Result<(), Vec<String>>,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if meta.name.is_empty() && meta.generate_name.is_empty() {
        errs.push(err(
            "metadata.name",
            "Required value: name or generateName is required",
        ));
    } else if !meta.name.is_empty()
        && let Err(msgs) = is_name(&meta.name)
    {
        for msg in msgs {
            errs.push(err(
                "metadata.name",
                format!("Invalid value: {}: {msg}", go_quote(&meta.name)),
            ));
        }
    }
    errs.extend(validate_labels(&meta.labels, "metadata.labels"));
    errs
}

/// Models `ValidateLabels`.
fn validate_labels(labels: &BTreeMap<String, String>, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (key, value) in labels {
        if let Err(msgs) = is_qualified_name(key) {
            for msg in msgs {
                errs.push(err(
                    path,
                    format!("Invalid value: {}: {msg}", go_quote(key)),
                ));
            }
        }
        if let Err(msgs) = is_valid_label_value(value) {
            for msg in msgs {
                errs.push(err(
                    path,
                    format!("Invalid value: {}: {msg}", go_quote(value)),
                ));
            }
        }
    }
    errs
}

/// The container checks of `ValidatePodSpec` that a learner trips over, in
/// upstream's order (`validateContainers`, `validateContainerCommon`): name (a
/// DNS label), image, ports, resources, then a name used twice. `is_pod` is false
/// for a workload's pod template, which is not defaulted as a Pod is.
fn validate_pod_spec(
    spec: &PodSpec,
    path: &str,
    is_pod: bool,
    style: ValueStyle,
    allow_invalid_values: bool,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.containers.is_empty() {
        errs.push(err(&format!("{path}.containers"), "Required value"));
    }
    // Paths are built only for an error: a listing of thousands of pods has none.
    errs.extend(scheduling::priority_class_name(
        &spec.priority_class_name,
        || format!("{path}.priorityClassName"),
    ));
    if let Some(policy) = &*spec.preemption_policy {
        errs.extend(scheduling::preemption_policy(policy, || {
            format!("{path}.preemptionPolicy")
        }));
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, container) in spec.containers.iter().enumerate() {
        // Paths are built only for an error: most containers have none.
        let at = |field: &str| format!("{path}.containers[{i}]{field}");
        if container.name.is_empty() {
            errs.push(err(&at(".name"), "Required value"));
        } else if let Err(msgs) = is_dns1123_label(&container.name) {
            // Models `ValidateDNS1123Label`.
            for msg in msgs {
                errs.push(err(
                    &at(".name"),
                    format!("Invalid value: {}: {msg}", go_quote(&container.name)),
                ));
            }
        }
        if container.image.is_empty() {
            errs.push(err(&at(".image"), "Required value"));
        }
        // Checked at paths relative to the container, put behind its path.
        let mut found = ports::validate_ports(&container.ports, ".ports", style);
        found.extend(resources::validate_requirements(
            container,
            ".resources",
            is_pod,
            style,
        ));
        errs.extend(found.into_iter().map(|e| FieldError {
            path: at(&e.path),
            detail: e.detail,
        }));
        if !names.insert(container.name.as_str()) {
            errs.push(err(
                &at(".name"),
                format!("Duplicate value: {}", go_quote(&container.name)),
            ));
        }
    }
    errs.extend(placement::validate(spec, path, allow_invalid_values));
    errs
}

/// Models the shared part of `pkg/apis/apps/validation`: `ValidateDaemonSet`,
/// `ValidateDeployment` and `ValidateReplicaSet` on create, in upstream's order
/// (metadata, `spec.replicas`, which a DaemonSet has not, selector, template).
fn validate_workload(
    meta: &ObjectMeta,
    replicas: Option<i32>,
    selector: Option<&LabelSelector>,
    template: &PodTemplateSpec,
    kind: &str,
    style: ValueStyle,
    allow_invalid_values: bool,
) -> Vec<FieldError> {
    let mut errs = validate_meta(meta);
    errs.extend(replicas.and_then(|r| validate_replicas(i64::from(r))));
    match selector {
        None => errs.push(err("spec.selector", "Required value")),
        Some(selector) if selector.is_empty() => errs.push(err(
            "spec.selector",
            format!(
                "Invalid value: {}: empty selector is invalid for {kind}",
                field_value::label_selector(Some(selector), style)
            ),
        )),
        Some(selector) => {
            let labels = &template.metadata.labels;
            if !selector.matches(labels) {
                errs.push(err(
                    "spec.template.metadata.labels",
                    format!(
                        "Invalid value: {}: `selector` does not match template `labels`",
                        field_value::string_map(labels, style)
                    ),
                ));
            }
        }
    }
    errs.extend(validate_labels(
        &template.metadata.labels,
        "spec.template.metadata.labels",
    ));
    errs.extend(validate_pod_spec(
        &template.spec,
        "spec.template.spec",
        false,
        style,
        allow_invalid_values,
    ));
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replicas_from_zero_to_the_limit() {
        let detail = |n| validate_replicas(n).map(|e| e.to_string());
        assert_eq!(detail(0), None);
        assert_eq!(detail(MAX_REPLICAS), None);
        assert_eq!(
            detail(-1).as_deref(),
            Some("spec.replicas: Invalid value: -1: must be greater than or equal to 0")
        );
        assert_eq!(
            detail(i64::from(i32::MAX)),
            Some(format!(
                "spec.replicas: Invalid value: 2147483647: {}",
                Limit::Replicas.en()
            ))
        );
        // The web page translates the message by the limit it names.
        let message = detail(MAX_REPLICAS + 1).unwrap_or_default();
        assert_eq!(Limit::from_en(&message), Some(Limit::Replicas));
    }

    #[test]
    fn a_replica_set_is_held_to_the_same_bounds() {
        let rs = |replicas: i64| {
            format!(
                "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: rs\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: rs}}\n  template:\n    metadata:\n      labels: {{app: rs}}\n    spec:\n      containers:\n      - {{name: c, image: nginx}}\n"
            )
        };
        for (replicas, refused) in [(-1, true), (3, false), (MAX_REPLICAS + 1, true)] {
            let errors = crate::decode::decode(&rs(replicas))
                .err()
                .unwrap_or_default();
            assert_eq!(errors.len(), usize::from(refused), "{replicas}");
            if let Some(e) = errors.first() {
                assert_eq!((e.path.as_str(), e.line), ("spec.replicas", 6));
            }
        }
    }
}
