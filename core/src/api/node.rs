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
    /// `status.allocatable`: what pods may use (cpu, memory, pods, ...).
    pub allocatable: std::collections::BTreeMap<String, crate::api::Quantity>,
}

/// What a simulated node offers when its object does not say: a modest machine.
pub const DEFAULT_ALLOCATABLE: [(&str, i64); 3] = [("cpu", 4), ("memory", 8 << 30), ("pods", 110)];

/// `Node.spec`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeSpec {
    /// Taints, in the order the node lists them.
    pub taints: Vec<Taint>,
    /// Set by `kubectl cordon`.
    pub unschedulable: bool,
}

impl Node {
    /// `status.allocatable[resource]`, or the simulated default.
    pub fn allocatable(&self, resource: &str) -> crate::api::Quantity {
        self.allocatable.get(resource).copied().unwrap_or_else(|| {
            let units = DEFAULT_ALLOCATABLE
                .iter()
                .find(|(r, _)| *r == resource)
                .map_or(0, |(_, n)| *n);
            // The kubelet reports memory in bytes (`BinarySI`), the rest in units.
            let format = if resource == "memory" {
                crate::api::quantity::Format::BinarySI
            } else {
                crate::api::quantity::Format::DecimalSI
            };
            crate::api::Quantity::from_units(units).with_format(format)
        })
    }

    /// The node's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// Whether kubeadm made this a control-plane node: it carries the
    /// `node-role.kubernetes.io/control-plane` label, or the `master` one that
    /// clusters before v1.24 (and the tutorial's) keep.
    pub fn is_control_plane(&self) -> bool {
        let labels = &self.metadata.labels;
        labels.contains_key("node-role.kubernetes.io/control-plane")
            || labels.contains_key("node-role.kubernetes.io/master")
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
        crate::sort::sort(&mut roles);
        roles.dedup();
        roles
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_plane_nodes_carry_either_role_label() {
        let cluster = crate::Cluster::tutorial();
        let node = |name: &str| cluster.nodes().find(|n| n.name() == name).cloned();
        let (Some(master), Some(worker)) = (node("master"), node("worker")) else {
            panic!("the tutorial has a master and a worker");
        };
        assert!(master.is_control_plane(), "the pre-v1.24 master label");
        assert!(!worker.is_control_plane());
        let mut renamed = worker;
        renamed.metadata.labels.insert(
            "node-role.kubernetes.io/control-plane".into(),
            String::new(),
        );
        assert!(renamed.is_control_plane(), "the v1.24 control-plane label");
    }
}
