//! Models `pkg/scheduler/framework/plugins/nodeports`.

use super::Rejection;
use super::node_info::{NodeInfo, PodInfo};

/// The plugin's name.
pub const NAME: &str = "NodePorts";
/// `ErrReason`.
pub const ERR_REASON: &str = "node(s) didn't have free ports for the requested pod ports";

/// Rejects the node if a wanted host port (same port and protocol, overlapping IP)
/// is taken. This rejection is `Unschedulable`: preemption could help.
#[inline(always)]
pub fn filter(pod: &PodInfo<'_>, info: &NodeInfo) -> Result<(), Rejection> {
    if pod.ports.is_empty() || info.used_ports.is_empty() {
        return Ok(());
    }
    conflict(pod, info)
}

#[inline(never)]
fn conflict(pod: &PodInfo<'_>, info: &NodeInfo) -> Result<(), Rejection> {
    let conflict = pod.ports.iter().any(|(port, protocol, ip)| {
        info.used_ports.iter().any(|(p, proto, used_ip)| {
            p == port
                && proto == protocol
                && (ip == used_ip || ip == "0.0.0.0" || used_ip == "0.0.0.0")
        })
    });
    if conflict {
        Err(Rejection {
            plugin: NAME,
            reason: ERR_REASON.to_string(),
        })
    } else {
        Ok(())
    }
}
