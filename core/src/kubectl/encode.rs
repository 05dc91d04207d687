//! Objects as the API server returns them, for `-o yaml`, `-o json` and
//! `-o jsonpath`: each simulated object as a full document (metadata, spec,
//! status), in the field order kubectl prints.

use crate::Cluster;
use crate::kubectl::resource::ResourceType;
use serde_yaml::Value;

/// The object `namespace/name` of type `resource` as the API returns it, or `None`
/// when there is no such object.
pub fn object(
    _cluster: &Cluster,
    _resource: &ResourceType,
    _namespace: &str,
    _name: &str,
) -> Option<Value> {
    None
}

/// `-o yaml`: one object as itself, several as a `kind: List`.
pub fn to_yaml(_objects: &[Value], _as_list: bool) -> String {
    String::new()
}

/// `-o json`: one object as itself, several as a `kind: List`, indented as kubectl
/// indents (four spaces).
pub fn to_json(_objects: &[Value], _as_list: bool) -> String {
    String::new()
}

/// `-o jsonpath=TEMPLATE` over the objects (a single object, or a List of them).
pub fn jsonpath(_template: &str, _objects: &[Value], _as_list: bool) -> Result<String, String> {
    Err("error: taintlab does not simulate -o jsonpath yet".to_string())
}
