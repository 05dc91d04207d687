//! Models `pkg/scheduler/framework/types.go: FitError.Error` together with the
//! DefaultPreemption post-filter message.

/// The `FailedScheduling` message for a pod that fits no node.
///
/// `reasons` holds one reason per rejected node. Every filter modelled here rejects
/// with `UnschedulableAndUnresolvable`, so preemption cannot help any node and the
/// message ends with upstream's "Preemption is not helpful" suffix.
pub fn failed_scheduling_message(num_nodes: usize, reasons: &[String]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for reason in reasons {
        match counts.iter_mut().find(|(r, _)| r == reason) {
            Some((_, n)) => *n += 1,
            None => counts.push((reason.clone(), 1)),
        }
    }
    // Upstream sorts the formatted entries as plain strings ("10 x" < "2 y").
    let mut entries: Vec<String> = counts.iter().map(|(r, n)| format!("{n} {r}")).collect();
    entries.sort();
    let histogram = if entries.is_empty() {
        String::new()
    } else {
        format!(" {}.", entries.join(", "))
    };
    format!(
        "0/{num_nodes} nodes are available:{histogram} preemption: 0/{num_nodes} nodes are available: {num_nodes} Preemption is not helpful for scheduling."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_upstream_examples() {
        assert_eq!(
            failed_scheduling_message(1, &["node(s) had untolerated taint(s)".into()]),
            "0/1 nodes are available: 1 node(s) had untolerated taint(s). preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        );
        assert_eq!(
            failed_scheduling_message(
                1,
                &[
                    "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
                        .into()
                ]
            ),
            "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        );
    }

    #[test]
    fn histogram_sorts_as_strings() {
        let mut reasons = vec!["y".to_string(); 2];
        reasons.extend(vec!["x".to_string(); 10]);
        let msg = failed_scheduling_message(12, &reasons);
        assert!(
            msg.starts_with("0/12 nodes are available: 10 x, 2 y. preemption:"),
            "{msg}"
        );
    }
}
