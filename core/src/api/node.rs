//! `Node` (`staging/src/k8s.io/api/core/v1/types.go`).

use super::meta::ObjectMeta;
use super::taint::Taint;

/// A Node as stored by the simulated API server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Node {
    /// `metadata`.
    pub metadata: ObjectMeta,
    /// `spec`.
    pub spec: NodeSpec,
}

/// `Node.spec`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeSpec {
    /// Taints, in the order the node lists them.
    pub taints: Vec<Taint>,
    /// Set by `kubectl cordon`.
    pub unschedulable: bool,
}

impl Node {
    /// The node's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// Roles as `kubectl get nodes` prints them: from `node-role.kubernetes.io/<role>`
    /// labels and `kubernetes.io/role=<role>`, sorted (`kubectl/pkg/printers: findNodeRoles`).
    pub fn roles(&self) -> Vec<String> {
        let mut roles: Vec<String> = self
            .metadata
            .labels
            .iter()
            .filter_map(|(k, v)| {
                if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                    (!role.is_empty()).then(|| role.to_string())
                } else if k == "kubernetes.io/role" && !v.is_empty() {
                    Some(v.clone())
                } else {
                    None
                }
            })
            .collect();
        roles.sort();
        roles.dedup();
        roles
    }
}
