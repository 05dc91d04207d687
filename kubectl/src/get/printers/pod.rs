//! Models `printers.go: printPod`.

use super::{Column, NAME, col, wide};
use crate::age::age;
use taintlab_core::api::{ContainerState, Pod};
use taintlab_core::clock::Time;

/// `podColumnDefinitions`.
pub const COLUMNS: &[Column] = &[
    NAME,
    col("Ready"),
    col("Status"),
    col("Restarts"),
    col("Age"),
    wide("IP"),
    wide("Node"),
    wide("Nominated Node"),
    wide("Readiness Gates"),
];

/// READY counts containers that are ready and running, over the spec's
/// containers; RESTARTS sums restart counts; STATUS is `pod_status_text`.
pub fn cells(pod: &Pod, now: Time) -> Vec<String> {
    let ready = pod
        .status
        .container_statuses
        .iter()
        .filter(|s| s.ready && matches!(s.state, ContainerState::Running(_)))
        .count();
    let restarts: u64 = pod
        .status
        .container_statuses
        .iter()
        .map(|s| u64::from(s.restart_count))
        .sum();
    let or_none = |s: &str| {
        if s.is_empty() {
            "<none>".to_string()
        } else {
            s.to_string()
        }
    };
    vec![
        pod.metadata.name.clone(),
        format!("{ready}/{}", pod.spec.containers.len()),
        taintlab_core::view::pod_status_text(pod),
        restarts.to_string(),
        age(now, Some(pod.metadata.created)),
        or_none(&pod.status.pod_ip),
        or_none(&pod.spec.node_name),
        or_none(&pod.status.nominated_node_name),
        "<none>".to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::api::{Container, ContainerStatus};

    #[test]
    fn pod_cells() {
        let mut pod = Pod::default();
        pod.metadata.name = "web".into();
        pod.metadata.created = Time::from_secs(10);
        pod.status.phase = "Pending".into();
        pod.spec.containers = vec![Container::default(), Container::default()];
        assert_eq!(
            cells(&pod, Time::from_secs(75)),
            [
                "web", "0/2", "Pending", "0", "65s", "<none>", "<none>", "<none>", "<none>"
            ]
        );
        pod.spec.node_name = "worker".into();
        pod.status.pod_ip = "10.244.1.2".into();
        pod.status.phase = "Running".into();
        let status = |ready, state, restarts| ContainerStatus {
            name: "c".into(),
            image: "nginx".into(),
            ready,
            restart_count: restarts,
            state,
        };
        pod.status.container_statuses = vec![
            status(true, ContainerState::Running(Time::ZERO), 2),
            status(false, ContainerState::Waiting("CrashLoopBackOff".into()), 3),
        ];
        assert_eq!(
            cells(&pod, Time::from_secs(75))[..7],
            [
                "web",
                "1/2",
                "CrashLoopBackOff",
                "5",
                "65s",
                "10.244.1.2",
                "worker"
            ]
        );
    }
}
