//! Models `pkg/scheduler/framework/types.go: FitError.Error` together with the
//! DefaultPreemption post-filter message.

/// Counts equal reasons and sorts the `"<count> <reason>"` entries as plain strings,
/// as upstream does ("10 x" sorts before "2 y").
pub(super) fn histogram<'a>(reasons: impl Iterator<Item = &'a str>) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for reason in reasons {
        match counts.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => counts.push((reason, 1)),
        }
    }
    let mut entries: Vec<String> = counts.iter().map(|(r, n)| format!("{n} {r}")).collect();
    crate::sort::sort(&mut entries);
    entries.join(", ")
}

/// The `FailedScheduling` message for a pod that fits no node: every rejected
/// node's reason counted, then what the PostFilter (DefaultPreemption) said,
/// when it did not make room (`preemption`, after `preemption: `).
pub fn failed_scheduling_message<'a>(
    num_nodes: usize,
    reasons: impl Iterator<Item = &'a str>,
    preemption: Option<&str>,
) -> String {
    let filter = histogram(reasons);
    let filter = if filter.is_empty() {
        String::new()
    } else {
        format!(" {filter}.")
    };
    match preemption {
        Some(post) => format!("0/{num_nodes} nodes are available:{filter} preemption: {post}"),
        None => format!("0/{num_nodes} nodes are available:{filter}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unresolvable(reason: &str) -> (String, bool) {
        (reason.to_string(), false)
    }

    /// The message when no pod can be preempted: nodes that removing pods could
    /// help find no victims, the others are not helped.
    fn message(num_nodes: usize, reasons: &[(String, bool)]) -> String {
        let post = histogram(reasons.iter().map(|(_, resolvable)| {
            if *resolvable {
                crate::scheduler::default_preemption::NO_VICTIMS
            } else {
                crate::scheduler::default_preemption::NOT_HELPFUL
            }
        }));
        let post = format!("0/{num_nodes} nodes are available: {post}.");
        failed_scheduling_message(
            num_nodes,
            reasons.iter().map(|(r, _)| r.as_str()),
            Some(&post),
        )
    }

    #[test]
    fn matches_upstream_examples() {
        assert_eq!(
            message(1, &[unresolvable("node(s) had untolerated taint(s)")]),
            "0/1 nodes are available: 1 node(s) had untolerated taint(s). preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        );
        assert_eq!(
            message(
                1,
                &[unresolvable(
                    "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
                )]
            ),
            "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        );
    }

    #[test]
    fn histogram_sorts_as_strings() {
        let mut reasons = vec![unresolvable("y"); 2];
        reasons.extend(vec![unresolvable("x"); 10]);
        let msg = message(12, &reasons);
        assert!(
            msg.starts_with("0/12 nodes are available: 10 x, 2 y. preemption:"),
            "{msg}"
        );
    }

    #[test]
    fn mixed_resolvable_reasons() {
        let reasons = [
            unresolvable("node(s) had untolerated taint(s)"),
            ("Insufficient cpu".to_string(), true),
            ("Insufficient cpu".to_string(), true),
        ];
        assert_eq!(
            message(3, &reasons),
            "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
        );
    }
}
