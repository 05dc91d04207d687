//! What the UI's buttons do to a node: each is the change a terminal command makes,
//! and says which command that is (`kubectl taint ...`, `kubectl cordon ...`,
//! `ssh NODE systemctl stop kubelet`), so the terminal history can show it.
//!
//! The one-taint cases of `reorganizeTaints` are written out here rather than
//! taken from `kubectl::taint`: only its parser is in the page, and linking the
//! rest costs more than the page's size budget has left (measured: 0.8 KB gzipped).

use crate::Cluster;
use crate::api::identifiers::{is_qualified_name, is_valid_label_value};
use crate::api::{Taint, TaintEffect};

/// A change to one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeAction {
    /// `kubectl cordon NODE`.
    Cordon,
    /// `kubectl uncordon NODE`.
    Uncordon,
    /// `systemctl stop kubelet` on the node.
    StopKubelet,
    /// `systemctl start kubelet` on the node.
    StartKubelet,
    /// `kubectl taint nodes NODE KEY:EFFECT-`.
    RemoveTaint {
        /// The taint's key.
        key: String,
        /// Its effect.
        effect: TaintEffect,
    },
    /// `kubectl taint nodes NODE SPEC [--overwrite]`, the spec as typed.
    AddTaintSpec(String),
    /// `kubectl delete node NODE`.
    Delete,
    /// A new node of this name joins (`kubeadm join`, `--control-plane` for a
    /// control-plane node).
    Join {
        /// Whether it joins as a control-plane node.
        control_plane: bool,
    },
    /// `kubectl taint nodes NODE KEY[=VALUE]:EFFECT [--overwrite]`.
    AddTaint {
        /// The key.
        key: String,
        /// The value (may be empty).
        value: String,
        /// The effect.
        effect: TaintEffect,
    },
}

/// Applies `action` to `node`. Returns the equivalent terminal command, or the
/// error that command would print (then nothing changes).
pub fn apply(cluster: &mut Cluster, node: &str, action: &NodeAction) -> Result<String, String> {
    if let NodeAction::Join { control_plane } = action {
        return join(cluster, node, *control_plane);
    }
    let Some(current) = cluster.node(node) else {
        return Err(format!(
            "Error from server (NotFound): nodes \"{node}\" not found"
        ));
    };
    let taints = current.spec.taints.clone();
    match action {
        NodeAction::Cordon | NodeAction::Uncordon => {
            let cordon = *action == NodeAction::Cordon;
            cluster.update_node(node, |n| n.spec.unschedulable = cordon);
            let verb = if cordon { "cordon" } else { "uncordon" };
            Ok(format!("kubectl {verb} {node}"))
        }
        NodeAction::Delete => {
            cluster.delete_node(node);
            Ok(format!("kubectl delete node {node}"))
        }
        NodeAction::Join { .. } => join(cluster, node, false),
        NodeAction::StopKubelet => {
            cluster.stop_kubelet(node);
            Ok(format!("ssh {node} systemctl stop kubelet"))
        }
        NodeAction::StartKubelet => {
            cluster.start_kubelet(node);
            Ok(format!("ssh {node} systemctl start kubelet"))
        }
        NodeAction::RemoveTaint { key, effect } => {
            let spec = format!("{key}:{}", effect.as_str());
            if !taints.iter().any(|t| t.key == *key && t.effect == *effect) {
                return Err(format!("error: taint \"{spec}\" not found"));
            }
            cluster.update_node(node, |n| {
                n.spec
                    .taints
                    .retain(|t| !(t.key == *key && t.effect == *effect));
            });
            Ok(format!("kubectl taint nodes {node} {spec}-"))
        }
        NodeAction::AddTaintSpec(spec) => {
            let spec = spec.trim();
            match crate::api::taint_spec::parse_addition(spec) {
                Ok((key, value, effect)) => {
                    apply(cluster, node, &NodeAction::AddTaint { key, value, effect })
                }
                Err(message) => Err(format!(
                    "error: {message}\nSee 'kubectl taint -h' for help and examples"
                )),
            }
        }
        NodeAction::AddTaint { key, value, effect } => {
            // Models `parseTaint`'s checks, with kubectl's words.
            let mut spec = key.clone();
            if !value.is_empty() {
                spec.push('=');
                spec.push_str(value);
            }
            spec.push(':');
            spec.push_str(effect.as_str());
            if let Err(errors) = is_qualified_name(key) {
                return Err(format!(
                    "error: invalid taint spec: {spec}, {}",
                    errors.join("; ")
                ));
            }
            if let Err(errors) = is_valid_label_value(value) {
                return Err(format!(
                    "error: invalid taint spec: {spec}, {}",
                    errors.join("; ")
                ));
            }
            let replaces = taints.iter().any(|t| t.key == *key && t.effect == *effect);
            let new = Taint::new(key, value, *effect);
            cluster.update_node(node, |n| {
                // `reorganizeTaints`: the new taint first, the others after it.
                let mut next = vec![new.clone()];
                next.extend(
                    n.spec
                        .taints
                        .iter()
                        .filter(|t| !(t.key == new.key && t.effect == new.effect))
                        .cloned(),
                );
                n.spec.taints = next;
            });
            let overwrite = if replaces { " --overwrite" } else { "" };
            Ok(format!("kubectl taint nodes {node} {spec}{overwrite}"))
        }
    }
}

/// Models the API server's name check for a new Node and kubeadm's labels and taints.
fn join(cluster: &mut Cluster, node: &str, control_plane: bool) -> Result<String, String> {
    if let Err(errors) = crate::api::identifiers::is_dns1123_subdomain(node) {
        return Err(format!(
            "The Node \"{node}\" is invalid: metadata.name: Invalid value: \"{node}\": {}",
            errors.join(", ")
        ));
    }
    if cluster.node(node).is_none() && cluster.node_count() >= crate::limits::MAX_NODES {
        return Err(format!(
            "Error from server (Forbidden): nodes \"{node}\" is forbidden: {}",
            crate::limits::Limit::Nodes.en()
        ));
    }
    if !cluster.join_node(node, control_plane) {
        return Err(format!(
            "Error from server (AlreadyExists): nodes \"{node}\" already exists"
        ));
    }
    let role = if control_plane {
        " --control-plane"
    } else {
        ""
    };
    Ok(format!("kubeadm join{role} --node-name {node}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_join_with_kubeadm_roles_and_can_be_deleted() {
        let mut c = Cluster::tutorial();
        let join = |control_plane| NodeAction::Join { control_plane };
        assert_eq!(
            apply(&mut c, "worker-2", &join(false)),
            Ok("kubeadm join --node-name worker-2".to_string())
        );
        assert_eq!(
            apply(&mut c, "cp-2", &join(true)),
            Ok("kubeadm join --control-plane --node-name cp-2".to_string())
        );
        let cp = c.node("cp-2").expect("joined");
        // The default version's kubeadm: the control-plane label and taint only.
        assert!(
            cp.metadata
                .labels
                .contains_key("node-role.kubernetes.io/control-plane")
        );
        assert_eq!(
            cp.spec
                .taints
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>(),
            ["node-role.kubernetes.io/control-plane:NoSchedule"]
        );
        assert!(c.node("worker-2").expect("joined").spec.taints.is_empty());
        assert_eq!(
            apply(&mut c, "worker-2", &join(false)),
            Err("Error from server (AlreadyExists): nodes \"worker-2\" already exists".to_string())
        );
        assert!(apply(&mut c, "Bad_Name", &join(false)).is_err_and(|e| e.contains("RFC 1123")));
        assert_eq!(
            apply(&mut c, "worker-2", &NodeAction::Delete),
            Ok("kubectl delete node worker-2".to_string())
        );
        assert!(c.node("worker-2").is_none());
    }

    #[test]
    fn buttons_do_what_their_commands_do() {
        let mut c = Cluster::tutorial();
        let remove = NodeAction::RemoveTaint {
            key: "node-role.kubernetes.io/master".into(),
            effect: TaintEffect::NoSchedule,
        };
        assert_eq!(
            apply(&mut c, "master", &remove),
            Ok("kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-".into())
        );
        assert!(c.node("master").is_some_and(|n| n.spec.taints.is_empty()));
        assert_eq!(
            apply(&mut c, "master", &remove),
            Err("error: taint \"node-role.kubernetes.io/master:NoSchedule\" not found".into())
        );
        let add = NodeAction::AddTaint {
            key: "gpu".into(),
            value: "yes".into(),
            effect: TaintEffect::NoExecute,
        };
        assert_eq!(
            apply(&mut c, "worker", &add),
            Ok("kubectl taint nodes worker gpu=yes:NoExecute".into())
        );
        assert_eq!(
            apply(&mut c, "worker", &add),
            Ok("kubectl taint nodes worker gpu=yes:NoExecute --overwrite".into())
        );
        let bad = NodeAction::AddTaint {
            key: "bad key".into(),
            value: String::new(),
            effect: TaintEffect::NoSchedule,
        };
        assert!(
            apply(&mut c, "worker", &bad)
                .is_err_and(|e| e.starts_with("error: invalid taint spec: bad key:NoSchedule, "))
        );
        assert_eq!(
            apply(
                &mut c,
                "worker",
                &NodeAction::AddTaintSpec(" spot:PreferNoSchedule ".into())
            ),
            Ok("kubectl taint nodes worker spot:PreferNoSchedule".into())
        );
        assert_eq!(
            apply(&mut c, "worker", &NodeAction::AddTaintSpec("spot".into())),
            Err(
                "error: invalid taint spec: spot\nSee 'kubectl taint -h' for help and examples"
                    .into()
            )
        );
        assert_eq!(
            apply(&mut c, "worker", &NodeAction::Cordon),
            Ok("kubectl cordon worker".into())
        );
        assert!(c.node("worker").is_some_and(|n| n.spec.unschedulable));
        assert_eq!(
            apply(&mut c, "worker", &NodeAction::StopKubelet),
            Ok("ssh worker systemctl stop kubelet".into())
        );
        assert!(c.node_runtime("worker").is_some_and(|r| !r.kubelet_running));
        assert!(apply(&mut c, "nowhere", &NodeAction::Cordon).is_err());
    }
}
