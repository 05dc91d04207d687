//! Models `pkg/scheduler/framework/plugins/nodeunschedulable`.

use super::Rejection;
use crate::api::{Node, Pod, Taint, TaintEffect};

/// The plugin's name.
pub const NAME: &str = "NodeUnschedulable";
/// `ErrReasonUnschedulable`.
pub const ERR_REASON_UNSCHEDULABLE: &str = "node(s) were unschedulable";

/// A cordoned node is rejected unless the pod tolerates
/// `node.kubernetes.io/unschedulable:NoSchedule`.
pub fn filter(pod: &Pod, node: &Node) -> Result<(), Rejection> {
    if !node.spec.unschedulable {
        return Ok(());
    }
    let taint = Taint::new(
        "node.kubernetes.io/unschedulable",
        "",
        TaintEffect::NoSchedule,
    );
    if pod.spec.tolerations.iter().any(|t| t.tolerates(&taint)) {
        return Ok(());
    }
    Err(Rejection {
        plugin: NAME,
        reason: ERR_REASON_UNSCHEDULABLE.to_string(),
    })
}
