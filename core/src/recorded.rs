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
    let report = cluster.apply(text)?;
    session.record(Input::Apply(text.to_string()));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::replay;
    use crate::view::ClusterView;

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
