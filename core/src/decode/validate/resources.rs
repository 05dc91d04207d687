//! Models `ValidateResourceRequirements` and the resource-name and quantity
//! checks it makes (`pkg/apis/core/validation/validation.go`, with the name
//! classes of `pkg/apis/core/helper/helpers.go`).

use super::{FieldError, err};
use crate::api::field_value::{self, ValueStyle};
use crate::api::identifiers::is_qualified_name;
use crate::api::{Container, Quantity};
use std::collections::BTreeMap;

/// `apimachineryvalidation.IsNegativeErrorMsg`.
pub(super) const IS_NEGATIVE: &str = "must be greater than or equal to 0";
/// `isNotIntegerErrorMsg`.
const IS_NOT_INTEGER: &str = "must be an integer";

/// `standardResources`: names a resource list may use without a domain.
const STANDARD_RESOURCES: [&str; 20] = [
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "storage",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

/// `integerResources`: counted in whole numbers.
const INTEGER_RESOURCES: [&str; 9] = [
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "services.nodeports",
    "services.loadbalancers",
];

/// Models `helper.IsHugePageResourceName`.
fn is_huge_pages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

/// Models `helper.IsStandardResourceName` (with `IsQuotaHugePageResourceName`).
fn is_standard_resource(name: &str) -> bool {
    STANDARD_RESOURCES.contains(&name)
        || is_huge_pages(name)
        || name.starts_with("requests.hugepages-")
}

/// Models `helper.IsStandardContainerResourceName`.
fn is_standard_container_resource(name: &str) -> bool {
    ["cpu", "memory", "ephemeral-storage"].contains(&name) || is_huge_pages(name)
}

/// Models `helper.IsNativeResource`: no domain, or a `kubernetes.io/` one.
fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// Models `helper.IsExtendedResourceName`: a domain of one's own (`example.com/gpu`).
fn is_extended(name: &str) -> bool {
    !is_native(name)
        && !name.starts_with("requests.")
        && is_qualified_name(&format!("requests.{name}")).is_ok()
}

/// Models `helper.IsOvercommitAllowed`: requests may be below limits.
fn overcommit_allowed(name: &str) -> bool {
    is_native(name) && !is_huge_pages(name)
}

/// Models `helper.IsIntegerResourceName`.
fn is_integer_resource(name: &str) -> bool {
    INTEGER_RESOURCES.contains(&name) || is_extended(name)
}

/// Models `ValidateResourceRequirements` for `container.resources` at `path`.
/// A Pod's requests are defaulted from its limits first (`SetDefaults_Pod`; a
/// pod template's are not).
pub(super) fn validate_requirements(
    container: &Container,
    path: &str,
    is_pod: bool,
    style: ValueStyle,
) -> Vec<FieldError> {
    // A Pod's limits default its missing requests: copy the requests only when
    // that adds one.
    let defaulted;
    let requests = if is_pod
        && container
            .limits
            .keys()
            .any(|name| !container.requests.contains_key(name))
    {
        let mut requests = container.requests.clone();
        for (name, limit) in &container.limits {
            requests.entry(name.clone()).or_insert(*limit);
        }
        defaulted = requests;
        &defaulted
    } else {
        &container.requests
    };
    let mut errs = Vec::new();
    // The checks are made at an empty path, and the entry's path is put in
    // front of an error's: most containers have none, and then no path is built.
    let placed = |errs: &mut Vec<FieldError>, list: &str, name: &str, found: Vec<FieldError>| {
        errs.extend(found.into_iter().map(|e| FieldError {
            path: format!("{path}.{list}[{name}]{}", e.path),
            detail: e.detail,
        }));
    };
    for (name, q) in &container.limits {
        placed(
            &mut errs,
            "limits",
            name,
            container_resource_name(name, "", style),
        );
        placed(&mut errs, "limits", name, quantity_value(name, *q, ""));
    }
    for (name, q) in requests {
        placed(
            &mut errs,
            "requests",
            name,
            container_resource_name(name, "", style),
        );
        placed(&mut errs, "requests", name, quantity_value(name, *q, ""));
        errs.extend(request_within_limit(name, *q, &container.limits, path));
    }
    errs
}

/// Checks that a request is at most its limit, or equal to it where overcommit
/// is not allowed, and that such a resource has a limit.
fn request_within_limit(
    name: &str,
    request: Quantity,
    limits: &BTreeMap<String, Quantity>,
    path: &str,
) -> Option<FieldError> {
    let at = || format!("{path}.requests");
    match limits.get(name) {
        Some(limit) if !overcommit_allowed(name) && request.cmp_value(limit).is_ne() => Some(err(
            &at(),
            format!("Invalid value: \"{request}\": must be equal to {name} limit of {limit}"),
        )),
        Some(limit) if request.cmp_value(limit).is_gt() => Some(err(
            &at(),
            format!(
                "Invalid value: \"{request}\": must be less than or equal to {name} limit of {limit}"
            ),
        )),
        None if !overcommit_allowed(name) => Some(err(
            &format!("{path}.limits"),
            "Required value: Limit must be set for non overcommitable resources",
        )),
        _ => None,
    }
}

/// Models `validateContainerResourceName` (with `validateResourceName`).
fn container_resource_name(name: &str, path: &str, style: ValueStyle) -> Vec<FieldError> {
    let invalid = |msg: &str| {
        err(
            path,
            format!("Invalid value: {}: {msg}", field_value::string(name, style)),
        )
    };
    let mut errs: Vec<FieldError> = match is_qualified_name(name) {
        Err(msgs) => return msgs.iter().map(|m| invalid(m)).collect(),
        Ok(()) if !name.contains('/') && !is_standard_resource(name) => {
            vec![invalid(
                "must be a standard resource type or fully qualified",
            )]
        }
        Ok(()) => Vec::new(),
    };
    if !name.contains('/') {
        if !is_standard_container_resource(name) {
            errs.push(invalid("must be a standard resource for containers"));
        }
    } else if !is_native(name) && !is_extended(name) {
        errs.push(invalid("doesn't follow extended resource name standard"));
    }
    errs
}

/// Models `ValidateResourceQuantityValue` (with `ValidateNonnegativeQuantity`).
/// The value prints as its canonical string, quoted (`field.Invalid` with
/// `value.String()`, or the quantity's JSON, which is the same).
pub(super) fn quantity_value(name: &str, q: Quantity, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if q.is_negative() {
        errs.push(err(path, format!("Invalid value: \"{q}\": {IS_NEGATIVE}")));
    }
    // Whole units checked exactly (`AsScale(0)`), not by `MilliValue() % 1000`,
    // which wraps past the int64 range.
    if is_integer_resource(name) && !q.is_integer() {
        errs.push(err(
            path,
            format!("Invalid value: \"{q}\": {IS_NOT_INTEGER}"),
        ));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(requests: &[(&str, &str)], limits: &[(&str, &str)]) -> Container {
        let list = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .filter_map(|(k, v)| Some((k.to_string(), Quantity::parse(v).ok()?)))
                .collect()
        };
        Container {
            name: "c".into(),
            image: "nginx".into(),
            requests: list(requests),
            limits: list(limits),
            ..Default::default()
        }
    }

    fn messages(c: &Container, is_pod: bool) -> Vec<String> {
        validate_requirements(c, "spec.containers[0].resources", is_pod, ValueStyle::Json)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// Requests, limits, whether it is a Pod's container, the errors.
    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        &'a [(&'a str, &'a str)],
        bool,
        Vec<String>,
    );

    #[test]
    fn requirements_as_upstream() {
        let p = "spec.containers[0].resources";
        let cases: &[Case<'_>] = &[
            (
                &[("cpu", "100m"), ("memory", "64Mi")],
                &[("memory", "128Mi")],
                true,
                vec![],
            ),
            (
                &[("cpu", "-1"), ("memory", "-1Gi")],
                &[],
                true,
                vec![
                    format!(
                        "{p}.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"
                    ),
                    format!(
                        "{p}.requests[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0"
                    ),
                ],
            ),
            // A Pod's request defaults to its limit, so both are refused.
            (
                &[],
                &[("cpu", "-0.5")],
                true,
                vec![
                    format!(
                        "{p}.limits[cpu]: Invalid value: \"-500m\": must be greater than or equal to 0"
                    ),
                    format!(
                        "{p}.requests[cpu]: Invalid value: \"-500m\": must be greater than or equal to 0"
                    ),
                ],
            ),
            // A template's is not.
            (
                &[],
                &[("cpu", "-0.5")],
                false,
                vec![format!(
                    "{p}.limits[cpu]: Invalid value: \"-500m\": must be greater than or equal to 0"
                )],
            ),
            (
                &[("cpu", "2")],
                &[("cpu", "1")],
                true,
                vec![format!(
                    "{p}.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"
                )],
            ),
            (
                &[("memory", "1Gi")],
                &[("memory", "1000Mi")],
                true,
                vec![format!(
                    "{p}.requests: Invalid value: \"1Gi\": must be less than or equal to memory limit of 1000Mi"
                )],
            ),
            (
                &[("memory", "1Gi")],
                &[("memory", "1073741824")],
                true,
                vec![],
            ),
            // Extended resources: whole numbers, requests equal to limits.
            (
                &[("example.com/gpu", "2")],
                &[("example.com/gpu", "2")],
                true,
                vec![],
            ),
            (
                &[("example.com/gpu", "1")],
                &[("example.com/gpu", "2")],
                true,
                vec![format!(
                    "{p}.requests: Invalid value: \"1\": must be equal to example.com/gpu limit of 2"
                )],
            ),
            (
                &[("example.com/gpu", "1")],
                &[],
                false,
                vec![format!(
                    "{p}.limits: Required value: Limit must be set for non overcommitable resources"
                )],
            ),
            (
                &[],
                &[("example.com/gpu", "1500m")],
                false,
                vec![format!(
                    "{p}.limits[example.com/gpu]: Invalid value: \"1500m\": must be an integer"
                )],
            ),
            // Upstream's TestValidateResourceQuantityValueIntegerOverflow.
            (
                &[],
                &[("example.com/gpu", "18446744073709551616")],
                false,
                vec![],
            ),
            (
                &[],
                &[("example.com/gpu", "10000000000000000")],
                false,
                vec![],
            ),
            (
                &[],
                &[("example.com/gpu", "18446744073709551616500m")],
                false,
                vec![format!(
                    "{p}.limits[example.com/gpu]: Invalid value: \"18446744073709551616500m\": must be an integer"
                )],
            ),
            // Names.
            (
                &[("limit", "1")],
                &[],
                false,
                vec![
                    format!(
                        "{p}.requests[limit]: Invalid value: \"limit\": must be a standard resource type or fully qualified"
                    ),
                    format!(
                        "{p}.requests[limit]: Invalid value: \"limit\": must be a standard resource for containers"
                    ),
                ],
            ),
            (
                &[("pods", "1")],
                &[],
                false,
                vec![format!(
                    "{p}.requests[pods]: Invalid value: \"pods\": must be a standard resource for containers"
                )],
            ),
        ];
        for (requests, limits, is_pod, want) in cases {
            let c = container(requests, limits);
            assert_eq!(&messages(&c, *is_pod), want, "{requests:?} {limits:?}");
        }
    }
}
