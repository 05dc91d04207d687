//! The TaintToleration plugin, Filter and Score
//! (`pkg/scheduler/framework/plugins/tainttoleration`).

use super::Rejection;
use super::node_info::NodeInfo;
use super::prioritize::{NodeScores, default_normalize_score};
use crate::api::toleration::{do_not_schedule_taints, find_matching_untolerated_taint};
use crate::api::{Node, Pod, Taint, TaintEffect, Toleration};
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

/// Models `pkg/scheduler/framework/plugins/tainttoleration: Filter`: rejects the
/// node if a NoSchedule or NoExecute taint is not tolerated.
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

/// Models `pkg/scheduler/framework/plugins/tainttoleration: Score`
/// (`countIntolerableTaintsPreferNoSchedule`): how many of the node's
/// PreferNoSchedule taints the pod does not tolerate, counting only its
/// tolerations with an empty or PreferNoSchedule effect (those PreScore collects,
/// `getAllTolerationPreferNoSchedule`). The raw count: [`normalize_score`] turns
/// the counts into 0..=100, fewer scoring higher.
pub fn score(pod: &Pod, node: &Node, info: &NodeInfo) -> i64 {
    if info.plain {
        // An untainted node has nothing to count: skip reading the node.
        return 0;
    }
    let relevant =
        |t: &&Toleration| t.effect.is_none() || t.effect == Some(TaintEffect::PreferNoSchedule);
    node.spec
        .taints
        .iter()
        .filter(|t| t.effect == TaintEffect::PreferNoSchedule)
        .filter(|t| {
            !pod.spec
                .tolerations
                .iter()
                .filter(relevant)
                .any(|tol| tol.tolerates(t))
        })
        .count() as i64
}

/// Models `pkg/scheduler/framework/plugins/tainttoleration: NormalizeScore`: scales
/// the raw counts over the feasible nodes to 0..=100, reversed, so the node with
/// the most intolerable taints scores 0 and one with none 100.
pub fn normalize_score(scores: &mut [NodeScores]) {
    default_normalize_score(scores, |s| &mut s.taint_toleration, true);
}

#[cfg(test)]
mod tests {
    use super::*;

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
