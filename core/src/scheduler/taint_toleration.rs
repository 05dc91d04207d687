//! Models `pkg/scheduler/framework/plugins/tainttoleration: Filter`.

use super::Rejection;
use crate::api::toleration::{do_not_schedule_taints, find_matching_untolerated_taint};
use crate::api::{Node, Pod, Taint};
use crate::version::KubeVersion;

/// The plugin's name.
pub const NAME: &str = "TaintToleration";
/// `ErrReasonNotMatch`: still defined upstream and used by the kubelet.
pub const ERR_REASON_NOT_MATCH: &str = "node(s) had taints that the pod didn't tolerate";

/// The reason string for an untolerated taint, as the simulated version words it.
pub fn untolerated_reason(taint: &Taint, version: KubeVersion) -> String {
    if version.minor <= 23 {
        format!(
            "node(s) had taint {{{}: {}}}, that the pod didn't tolerate",
            taint.key, taint.value
        )
    } else if version.minor <= 34 {
        format!(
            "node(s) had untolerated taint {{{}: {}}}",
            taint.key, taint.value
        )
    } else {
        // PR #134740: the taint itself is only logged.
        "node(s) had untolerated taint(s)".to_string()
    }
}

/// Rejects the node if a NoSchedule or NoExecute taint is not tolerated.
pub fn filter(pod: &Pod, node: &Node, version: KubeVersion) -> Result<(), Rejection> {
    match untolerated_taint(pod, node) {
        None => Ok(()),
        Some(taint) => Err(Rejection {
            plugin: NAME,
            reason: untolerated_reason(taint, version),
        }),
    }
}

/// The first NoSchedule/NoExecute taint, in node order, that the pod does not tolerate.
pub fn untolerated_taint<'a>(pod: &Pod, node: &'a Node) -> Option<&'a Taint> {
    find_matching_untolerated_taint(
        &node.spec.taints,
        &pod.spec.tolerations,
        do_not_schedule_taints,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::TaintEffect;

    #[test]
    fn reason_wording_follows_the_version() {
        let taint = Taint::new(
            "node-role.kubernetes.io/control-plane",
            "",
            TaintEffect::NoSchedule,
        );
        let cases = [
            (
                23,
                "node(s) had taint {node-role.kubernetes.io/control-plane: }, that the pod didn't tolerate",
            ),
            (
                24,
                "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }",
            ),
            (
                34,
                "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }",
            ),
            (35, "node(s) had untolerated taint(s)"),
            (36, "node(s) had untolerated taint(s)"),
        ];
        for (minor, want) in cases {
            assert_eq!(
                untolerated_reason(&taint, KubeVersion::v1(minor)),
                want,
                "1.{minor}"
            );
        }
    }
}
