//! `ObjectMeta` and owner references (`k8s.io/apimachinery/pkg/apis/meta/v1`).

use crate::clock::Time;
use std::collections::BTreeMap;

/// Standard object metadata. Only the fields taintlab reads are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ObjectMeta {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.generateName`: a prefix the API server completes with a random suffix.
    pub generate_name: String,
    /// `metadata.namespace`; empty means `default` for namespaced kinds.
    pub namespace: String,
    /// `metadata.uid`, assigned by the simulated API server.
    pub uid: String,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// `metadata.annotations`.
    pub annotations: BTreeMap<String, String>,
    /// `metadata.ownerReferences`.
    pub owner_references: Vec<OwnerReference>,
    /// `metadata.generation`, bumped on every spec change.
    pub generation: u64,
    /// `metadata.resourceVersion`: changes whenever the stored object changes.
    pub resource_version: u64,
    /// `metadata.creationTimestamp`, on the simulated clock.
    pub created: Time,
    /// `metadata.deletionTimestamp`: set while a graceful deletion waits for the kubelet.
    pub deleted: Option<Time>,
}

/// `metadata.ownerReferences[]`: who controls an object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct OwnerReference {
    /// API group/version of the owner, e.g. `apps/v1`.
    pub api_version: String,
    /// Kind of the owner, e.g. `DaemonSet`.
    pub kind: String,
    /// Name of the owner.
    pub name: String,
    /// UID of the owner.
    pub uid: String,
    /// Whether the owner is the managing controller.
    pub controller: Option<bool>,
}

impl OwnerReference {
    /// A controlling owner reference (`controller: true`), as controllers set them.
    pub fn controller(api_version: &str, kind: &str, name: &str, uid: &str) -> OwnerReference {
        OwnerReference {
            api_version: api_version.to_string(),
            kind: kind.to_string(),
            name: name.to_string(),
            uid: uid.to_string(),
            controller: Some(true),
        }
    }
}

impl ObjectMeta {
    /// The controlling owner reference, if any (`metav1.GetControllerOf`).
    pub fn controller_of(&self) -> Option<&OwnerReference> {
        self.owner_references
            .iter()
            .find(|r| r.controller == Some(true))
    }
}
