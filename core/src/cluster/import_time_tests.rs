//! An imported state's times on the simulated clock: ages and NoExecute
//! countdowns as they were when the state was read.

use super::*;
use crate::api::ContainerState;

/// A node read at 12:00:00 (its last heartbeat, the newest time in the text),
/// made at 11:00:00, with a NoExecute taint added `taint_age` seconds before
/// noon; a pod on it that started at 11:55:00 and tolerates the taint for
/// `toleration` seconds; and a DaemonSet made at 11:30:00.
fn state(taint_age: u32, toleration: u32) -> String {
    let added = format!(
        "11:{:02}:{:02}",
        59 - (taint_age - 1) / 60,
        59 - (taint_age - 1) % 60
    );
    format!(
        r#"apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: worker
    creationTimestamp: "2026-12-01T11:00:00Z"
  spec:
    taints:
    - key: dedicated
      value: batch
      effect: NoExecute
      timeAdded: "2026-12-01T{added}Z"
  status:
    allocatable: {{cpu: "4", memory: 8Gi, pods: "110"}}
    conditions:
    - type: Ready
      status: "True"
      lastHeartbeatTime: "2026-12-01T12:00:00Z"
      lastTransitionTime: "2026-12-01T11:00:10Z"
- apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: agent
    namespace: default
    uid: 5a1e9b7c-6d84-4c3f-b2ac-7e6d1b3f0f06
    creationTimestamp: "2026-12-01T11:30:00Z"
  spec:
    selector:
      matchLabels: {{app: agent}}
    template:
      metadata:
        labels: {{app: agent}}
      spec:
        containers:
        - name: agent
          image: agent:1
        tolerations:
        - operator: Exists
- apiVersion: v1
  kind: Pod
  metadata:
    name: batch
    namespace: default
    uid: 6b2f0c8d-7e95-4d40-83bd-8f7e2c401007
    creationTimestamp: "2026-12-01T11:55:00Z"
  spec:
    nodeName: worker
    containers:
    - name: job
      image: job:1
    tolerations:
    - key: dedicated
      operator: Exists
      effect: NoExecute
      tolerationSeconds: {toleration}
  status:
    phase: Running
    startTime: "2026-12-01T11:55:00Z"
    containerStatuses:
    - name: job
      ready: true
      restartCount: 0
      state:
        running:
          startedAt: "2026-12-01T11:55:02Z"
"#
    )
}

fn imported(text: &str) -> (Cluster, ImportReport) {
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    let report = c.import_state(text).expect("imports");
    (c, report)
}

/// How long before the simulated now `then` is, in seconds.
fn age(c: &Cluster, then: Time) -> u64 {
    c.now().millis_since(then) / 1000
}

#[test]
fn ages_are_what_they_were_when_the_state_was_read() {
    let (c, report) = imported(&state(30, 60));
    assert_eq!(
        report.read_at,
        crate::clock::unix_millis("2026-12-01T12:00:00Z")
    );
    // The clock starts at the oldest time, the node's creation, an hour back.
    assert_eq!(c.now(), Time::from_secs(3600));
    let pod = c.pod("default", "batch").expect("imported");
    assert_eq!(age(&c, pod.metadata.created), 5 * 60);
    assert_eq!(pod.status.start_time.map(|t| age(&c, t)), Some(5 * 60));
    assert_eq!(
        pod.status.container_statuses[0].state,
        ContainerState::Running(Time::from_secs(3600 - (5 * 60 - 2)))
    );
    let node = c.node("worker").expect("imported");
    assert_eq!(age(&c, node.metadata.created), 3600);
    let ds = c.daemon_sets().next().expect("imported");
    assert_eq!(age(&c, ds.metadata.created), 30 * 60);
}

#[test]
fn a_toleration_counts_from_when_the_taint_was_added() {
    // Added 30 s before the state was read, tolerated for 60 s: 30 s are left.
    let (mut c, _) = imported(&state(30, 60));
    let uid = "6b2f0c8d-7e95-4d40-83bd-8f7e2c401007";
    assert_eq!(c.eviction_deadline(uid), Some(c.now().plus_secs(30)));
    c.advance(29);
    let pod = c.pod("default", "batch").expect("still there");
    assert!(pod.metadata.deleted.is_none(), "not yet evicted");
    c.advance(1);
    let gone = c
        .pod("default", "batch")
        .is_none_or(|p| p.metadata.deleted.is_some());
    assert!(gone, "evicted 30 s after the import");
    assert!(
        c.events()
            .all()
            .iter()
            .any(|e| e.reason == "TaintManagerEviction"
                && e.message == "Marking for deletion Pod default/batch")
    );
}

#[test]
fn a_toleration_counts_from_the_pod_start_when_the_taint_is_older() {
    // The taint is 20 minutes old; the pod started 5 minutes ago and tolerates
    // it for 10: the controller scheduled its deletion when it saw the pod.
    let (c, _) = imported(&state(20 * 60, 600));
    let uid = "6b2f0c8d-7e95-4d40-83bd-8f7e2c401007";
    assert_eq!(c.eviction_deadline(uid), Some(c.now().plus_secs(300)));
}

#[test]
fn a_deletion_already_due_happens_at_the_import() {
    // Added 2 minutes before, tolerated for 60 s: the real controller was about to.
    let (c, _) = imported(&state(120, 60));
    let gone = c
        .pod("default", "batch")
        .is_none_or(|p| p.metadata.deleted.is_some());
    assert!(gone);
}

#[test]
fn without_timestamps_times_are_the_import_s() {
    let text = state(30, 60)
        .lines()
        .filter(|l| !l.contains("Time") && !l.contains("timeAdded") && !l.contains("startedAt"))
        .collect::<Vec<_>>()
        .join("\n");
    let (c, report) = imported(&text);
    assert_eq!(report.read_at, None);
    assert_eq!(c.now(), Time::ZERO);
    let pod = c.pod("default", "batch").expect("imported");
    assert_eq!(pod.metadata.created, Time::ZERO);
    assert_eq!(pod.status.start_time, Some(Time::ZERO));
}

#[test]
fn an_import_replays_to_the_same_clock() {
    let (a, _) = imported(&state(30, 60));
    let (b, _) = imported(&state(30, 60));
    assert_eq!(a.now(), b.now());
    assert_eq!(
        format!("{:?}", a.pods().collect::<Vec<_>>()),
        format!("{:?}", b.pods().collect::<Vec<_>>())
    );
}
