//! Models `pkg/scheduler/framework/plugins/nodename`.

use super::Rejection;
use crate::api::{Node, Pod};

/// The plugin's name.
pub const NAME: &str = "NodeName";
/// `ErrReason`.
pub const ERR_REASON: &str = "node(s) didn't match the requested node name";

/// A pod that names a node fits only that node.
pub fn filter(pod: &Pod, node: &Node) -> Result<(), Rejection> {
    if pod.spec.node_name.is_empty() || pod.spec.node_name == node.metadata.name {
        Ok(())
    } else {
        Err(Rejection {
            plugin: NAME,
            reason: ERR_REASON.to_string(),
        })
    }
}
