//! The session's own rules, shared by both of the page's apps: the tutorial's
//! starting session, the time controls, and the changes that are made to the
//! cluster and logged in one go.
//!
//! The first-load app cannot carry the playground (its size budget), yet it
//! must log exactly what the playground replays after the handover; both make
//! these changes through the functions here, so the two logs cannot drift.

use crate::diagnostic::Diagnostic;
use crate::session::{Input, Session};
use crate::{ApplyReport, Cluster, TUTORIAL_DAEMONSET};

/// The speeds the time controls offer, in the order "next speed" walks them.
pub const SPEEDS: [u64; 4] = [1, 2, 5, 10];

/// The name of the workspace's first file.
pub const FIRST_FILE: &str = "redis-ds.yaml";

/// The panel a session opens on.
pub const FIRST_PANEL: &str = "events";

/// The tutorial's starting session: its DaemonSet as the first file, time at
/// 1×, the events open.
pub fn tutorial_session() -> Session {
    Session {
        files: vec![(FIRST_FILE.into(), TUTORIAL_DAEMONSET.into())],
        speed: 1,
        panel: FIRST_PANEL.into(),
        ..Session::default()
    }
}

/// The speed after `speed`: 1×, 2×, 5×, 10×, then 1× again (an unknown speed,
/// from an old link, starts over).
pub fn next_speed(speed: u64) -> u64 {
    let at = SPEEDS.iter().position(|s| *s == speed).unwrap_or(0);
    SPEEDS[(at + 1) % SPEEDS.len()]
}

/// Lets `seconds` of simulated time pass, logged as one step.
pub fn advance(cluster: &mut Cluster, session: &mut Session, seconds: u64) {
    cluster.advance(seconds);
    session.record(Input::Advance { seconds, times: 1 });
}

/// Applies `text`, all or nothing, and logs it when it was taken: a refused
/// text leaves the cluster and the log as they were.
pub fn apply(
    cluster: &mut Cluster,
    session: &mut Session,
    text: &str,
) -> Result<ApplyReport, Vec<Diagnostic>> {
    let report = apply_text(cluster, text)?;
    session.record(Input::Apply(text.to_string()));
    Ok(report)
}

/// Whether `text` is a `KubeSchedulerConfiguration`: a top-level `kind` line
/// (YAML) or member (JSON) naming it. The decoder then checks the rest.
pub fn is_scheduler_config(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_end();
        line.strip_prefix("kind:").is_some_and(|kind| {
            kind.trim().trim_matches(['"', '\'']) == "KubeSchedulerConfiguration"
        }) || (line.trim_start().starts_with("\"kind\"")
            && line.contains("\"KubeSchedulerConfiguration\""))
    })
}

/// What the page's Apply (and its replay) does with `text`. A
/// `KubeSchedulerConfiguration` restarts the simulated kube-scheduler with it:
/// upstream reads it from a file when kube-scheduler starts, not through the
/// API, so `kubectl apply` in the terminal refuses it as a real cluster does.
/// Anything else is applied as `kubectl apply` applies it.
pub fn apply_text(cluster: &mut Cluster, text: &str) -> Result<ApplyReport, Vec<Diagnostic>> {
    if !is_scheduler_config(text) {
        return cluster.apply(text);
    }
    cluster.set_scheduler_config(text)?;
    let names: Vec<&str> = cluster
        .scheduler_config()
        .profiles
        .iter()
        .map(|p| p.scheduler_name.as_str())
        .collect();
    Ok(ApplyReport {
        lines: vec![format!(
            "kube-scheduler restarted with this configuration: profile(s) {}",
            names.join(", ")
        )],
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::replay;
    use crate::view::ClusterView;

    const PROFILES: &str = "apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
- schedulerName: batch
";

    const BATCH_POD: &str = "apiVersion: v1
kind: Pod
metadata:
  name: job
spec:
  schedulerName: batch
  containers:
  - name: c
    image: nginx
";

    /// The page's Apply of a `KubeSchedulerConfiguration` restarts the
    /// scheduler with it, and a replay (a share link) does the same.
    #[test]
    fn a_scheduler_configuration_applied_from_the_page_replays() {
        let mut cluster = Cluster::tutorial();
        let mut session = Session::default();
        let bound = |c: &Cluster| c.pod("default", "job").map(|p| p.spec.node_name.clone());
        apply(&mut cluster, &mut session, BATCH_POD).expect("applies");
        assert_eq!(
            bound(&cluster).as_deref(),
            Some(""),
            "no profile is called batch"
        );
        let report = apply(&mut cluster, &mut session, PROFILES).expect("configures");
        assert_eq!(
            report.lines,
            [
                "kube-scheduler restarted with this configuration: profile(s) default-scheduler, batch"
            ]
        );
        assert_eq!(bound(&cluster).as_deref(), Some("worker"));
        let mut again = Cluster::tutorial();
        for input in &session.log {
            replay(&mut again, input);
        }
        assert_eq!(bound(&again).as_deref(), Some("worker"));
        // The terminal's kubectl refuses the kind, as a real cluster does.
        assert!(cluster.apply(PROFILES).is_err());
        assert!(is_scheduler_config(
            "{\n  \"kind\": \"KubeSchedulerConfiguration\"\n}"
        ));
        assert!(!is_scheduler_config(BATCH_POD));
    }

    #[test]
    fn the_speeds_cycle_and_an_unknown_one_starts_over() {
        assert_eq!(next_speed(1), 2);
        assert_eq!(next_speed(2), 5);
        assert_eq!(next_speed(5), 10);
        assert_eq!(next_speed(10), 1);
        assert_eq!(next_speed(7), 2, "a speed not offered counts as 1×");
    }

    #[test]
    fn what_is_logged_replays_to_the_same_cluster() {
        let mut cluster = Cluster::tutorial();
        let mut session = tutorial_session();
        let text = session.files[0].1.clone();
        assert!(apply(&mut cluster, &mut session, &text).is_ok());
        advance(&mut cluster, &mut session, 5);
        advance(&mut cluster, &mut session, 5);
        assert!(apply(&mut cluster, &mut session, "kind: Nope\n").is_err());
        // Two equal steps are one logged run; the refused text is not logged.
        assert_eq!(session.log.len(), 2);
        let mut again = Cluster::tutorial();
        for input in &session.log {
            assert!(replay(&mut again, input));
        }
        assert_eq!(again.now(), cluster.now());
        assert_eq!(ClusterView::of(&again), ClusterView::of(&cluster));
        let names = |c: &Cluster| {
            c.pods()
                .map(|p| p.metadata.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&again), names(&cluster));
    }
}
