//! API-server validation that looks at more than one field, in upstream's words
//! (`pkg/apis/core/validation`, `pkg/apis/apps/validation`).

use crate::api::{LabelSelector, ObjectMeta, PodSpec, PodTemplateSpec};
use crate::decode::Object;
use crate::render::{self, ValueStyle};
use crate::validation::{is_dns1123_subdomain, is_qualified_name, is_valid_label_value};
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
pub fn validate(object: &Object, style: ValueStyle) -> Vec<FieldError> {
    match object {
        Object::Node(node) => validate_meta(&node.metadata),
        Object::Namespace(meta) => validate_meta(meta),
        Object::Other(other) => validate_meta(&other.metadata),
        Object::Pod(pod) => {
            let mut errs = validate_meta(&pod.metadata);
            errs.extend(validate_pod_spec(&pod.spec, "spec"));
            errs
        }
        Object::DaemonSet(ds) => validate_workload(
            &ds.metadata,
            ds.spec.selector.as_ref(),
            &ds.spec.template,
            "daemonset",
            style,
        ),
        Object::Deployment(d) => {
            let mut errs = validate_workload(
                &d.metadata,
                d.spec.selector.as_ref(),
                &d.spec.template,
                "deployment",
                style,
            );
            if d.spec.replicas.is_some_and(|r| r < 0) {
                errs.push(err(
                    "spec.replicas",
                    format!(
                        "Invalid value: {}: must be greater than or equal to 0",
                        d.spec.replicas.unwrap_or_default()
                    ),
                ));
            }
            errs
        }
        Object::ReplicaSet(rs) => validate_workload(
            &rs.metadata,
            rs.spec.selector.as_ref(),
            &rs.spec.template,
            "replicaset",
            style,
        ),
    }
}

/// Models `ValidateObjectMeta` with `NameIsDNSSubdomain`, plus `ValidateLabels`.
fn validate_meta(meta: &ObjectMeta) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if meta.name.is_empty() && meta.generate_name.is_empty() {
        errs.push(err(
            "metadata.name",
            "Required value: name or generateName is required",
        ));
    } else if !meta.name.is_empty()
        && let Err(msgs) = is_dns1123_subdomain(&meta.name)
    {
        for msg in msgs {
            errs.push(err(
                "metadata.name",
                format!("Invalid value: {:?}: {msg}", meta.name),
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
                errs.push(err(path, format!("Invalid value: {key:?}: {msg}")));
            }
        }
        if let Err(msgs) = is_valid_label_value(value) {
            for msg in msgs {
                errs.push(err(path, format!("Invalid value: {value:?}: {msg}")));
            }
        }
    }
    errs
}

/// The container checks of `ValidatePodSpec` that a learner trips over.
fn validate_pod_spec(spec: &PodSpec, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.containers.is_empty() {
        errs.push(err(&format!("{path}.containers"), "Required value"));
    }
    for (i, container) in spec.containers.iter().enumerate() {
        if container.name.is_empty() {
            errs.push(err(
                &format!("{path}.containers[{i}].name"),
                "Required value",
            ));
        }
        if container.image.is_empty() {
            errs.push(err(
                &format!("{path}.containers[{i}].image"),
                "Required value",
            ));
        }
    }
    errs
}

/// Models the shared part of `pkg/apis/apps/validation`: `ValidateDaemonSet`,
/// `ValidateDeployment` and `ValidateReplicaSet` on create.
fn validate_workload(
    meta: &ObjectMeta,
    selector: Option<&LabelSelector>,
    template: &PodTemplateSpec,
    kind: &str,
    style: ValueStyle,
) -> Vec<FieldError> {
    let mut errs = validate_meta(meta);
    match selector {
        None => errs.push(err("spec.selector", "Required value")),
        Some(selector) if selector.is_empty() => errs.push(err(
            "spec.selector",
            format!(
                "Invalid value: {}: empty selector is invalid for {kind}",
                render::label_selector(Some(selector), style)
            ),
        )),
        Some(selector) => {
            let labels = &template.metadata.labels;
            if !selector.matches(labels) {
                errs.push(err(
                    "spec.template.metadata.labels",
                    format!(
                        "Invalid value: {}: `selector` does not match template `labels`",
                        render::string_map(labels, style)
                    ),
                ));
            }
        }
    }
    errs.extend(validate_labels(
        &template.metadata.labels,
        "spec.template.metadata.labels",
    ));
    errs.extend(validate_pod_spec(&template.spec, "spec.template.spec"));
    errs
}
