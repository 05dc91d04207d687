//! The diff between a cluster and its what-if copy, scenario by scenario.

use super::*;
use crate::actions::{self, NodeAction};
use crate::api::TaintEffect;
use crate::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

const WEB: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";

/// The cluster as it is and its copy, `change` made to the copy, then the same
/// `seconds` passed in both.
fn what_if(base: &Cluster, seconds: u64, change: impl FnOnce(&mut Cluster)) -> Diff {
    let before = base.clone();
    let mut after = base.clone();
    let since = after.now();
    change(&mut after);
    let mut before = before;
    before.advance(seconds);
    after.advance(seconds);
    diff(&before, &after, since)
}

fn taint(cluster: &mut Cluster, node: &str, key: &str, effect: TaintEffect) {
    let action = NodeAction::AddTaint {
        key: key.into(),
        value: "x".into(),
        effect,
    };
    actions::apply(cluster, node, &action).expect("tainted");
}

#[test]
fn the_same_cluster_changes_nothing() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    let d = what_if(&c, 30, |_| {});
    assert!(d.is_empty());
    assert_eq!(d.text(), "no pod would change\n");
}

#[test]
fn a_toleration_starts_a_daemon_pod_on_the_master() {
    let mut c = Cluster::tutorial();
    c.apply(TUTORIAL_DAEMONSET).expect("applies");
    let d = what_if(&c, 10, |f| {
        f.apply(TUTORIAL_DAEMONSET_TOLERATING).expect("applies");
    });
    // The new template rolls the worker's pod over, and adds one on the master.
    let started: Vec<&PodChange> = d
        .pods
        .iter()
        .filter(|p| p.kind == ChangeKind::Started)
        .collect();
    let mut nodes: Vec<&str> = started
        .iter()
        .filter_map(|p| p.after.as_ref().map(|a| a.node.as_str()))
        .collect();
    nodes.sort();
    assert_eq!(nodes, ["master", "worker"], "{}", d.text());
    let replaced = d
        .pods
        .iter()
        .find(|p| p.kind == ChangeKind::Removed)
        .expect("rolled over");
    assert_eq!(
        replaced
            .reason
            .as_deref()
            .map(|r| r.starts_with("deleted by daemonset/redis-ds (Deleted pod: redis-ds-")),
        Some(true),
        "{}",
        d.text()
    );
    assert_eq!(
        started[0].workload.as_deref(),
        Some("daemonset/default/redis-ds")
    );
    assert_eq!(
        d.nodes.get("master").map(|n| n.gained),
        Some(1),
        "{}",
        d.text()
    );
    assert_eq!(
        d.nodes.get("worker"),
        Some(&NodeDelta { gained: 1, lost: 1 })
    );
    assert!(
        d.text().contains(": new, Running on master\n"),
        "{}",
        d.text()
    );
}

#[test]
fn a_no_execute_taint_evicts_and_the_replacements_wait() {
    let mut c = Cluster::tutorial();
    c.apply(WEB).expect("applies");
    c.advance(5);
    let d = what_if(&c, 60, |f| {
        taint(f, "worker", "dedicated", TaintEffect::NoExecute)
    });
    let evicted: Vec<&PodChange> = d
        .pods
        .iter()
        .filter(|p| p.kind == ChangeKind::Evicted)
        .collect();
    assert_eq!(evicted.len(), 2, "{}", d.text());
    for e in &evicted {
        assert_eq!(e.seconds, Some(0), "evicted at once: {}", d.text());
        assert_eq!(
            e.reason.as_deref(),
            Some("node worker has taint dedicated=x:NoExecute that the pod does not tolerate")
        );
        assert_eq!(e.selection(), "node/worker");
        assert_eq!(e.workload.as_deref(), Some("deployment/default/web"));
    }
    let pending: Vec<&PodChange> = d
        .pods
        .iter()
        .filter(|p| p.kind == ChangeKind::Pending)
        .collect();
    assert_eq!(pending.len(), 2, "{}", d.text());
    for p in &pending {
        let reason = p.reason.as_deref().unwrap_or_default();
        assert!(reason.starts_with("0/2 nodes are available:"), "{reason}");
        assert!(p.selection().starts_with("pod/default/web-"));
    }
    assert_eq!(
        d.nodes.get("worker"),
        Some(&NodeDelta { gained: 0, lost: 2 })
    );
    let counts = d.workloads.get("deployment/default/web").expect("counted");
    assert_eq!(counts_text(counts), "2 evicted, 2 pending");
}

#[test]
fn a_toleration_with_seconds_says_when_the_eviction_comes() {
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: patient\nspec:\n  nodeName: worker\n  tolerations:\n  - {key: dedicated, operator: Exists, effect: NoExecute, tolerationSeconds: 90}\n  containers:\n  - name: c\n    image: nginx\n")
        .expect("applies");
    c.advance(2);
    let d = what_if(&c, 30, |f| {
        taint(f, "worker", "dedicated", TaintEffect::NoExecute)
    });
    let change = d.pods.iter().find(|p| p.name == "patient").expect("listed");
    assert_eq!(change.kind, ChangeKind::WillBeEvicted, "{}", d.text());
    assert_eq!(change.seconds, Some(60));
    assert_eq!(
        change.line(),
        "pod default/patient: Running on worker, evicted in 60s\n    node worker has taint dedicated=x:NoExecute, tolerated for 90s"
    );
    // Once the time has passed, it is evicted, 90 s after the change.
    let d = what_if(&c, 100, |f| {
        taint(f, "worker", "dedicated", TaintEffect::NoExecute)
    });
    let change = d.pods.iter().find(|p| p.name == "patient").expect("listed");
    assert_eq!(change.kind, ChangeKind::Evicted, "{}", d.text());
    assert_eq!(change.seconds, Some(90));
}

#[test]
fn a_no_schedule_taint_moves_nothing_that_runs() {
    let mut c = Cluster::tutorial();
    c.apply(WEB).expect("applies");
    c.advance(5);
    let d = what_if(&c, 60, |f| {
        taint(f, "worker", "dedicated", TaintEffect::NoSchedule)
    });
    assert!(d.is_empty(), "{}", d.text());
}

#[test]
fn a_deleted_node_takes_its_pods_with_it() {
    let mut c = Cluster::tutorial();
    c.apply(WEB).expect("applies");
    c.advance(5);
    let d = what_if(&c, 60, |f| {
        actions::apply(f, "worker", &NodeAction::Delete).expect("deleted");
    });
    let removed: Vec<&PodChange> = d
        .pods
        .iter()
        .filter(|p| p.kind == ChangeKind::Removed)
        .collect();
    assert_eq!(removed.len(), 2, "{}", d.text());
    assert_eq!(
        removed[0].reason.as_deref(),
        Some("node worker no longer exists")
    );
    assert!(
        d.text().contains("\nper node:\n  worker  -2\n"),
        "{}",
        d.text()
    );
}

#[test]
fn the_text_lists_pods_then_nodes_then_workloads() {
    let mut c = Cluster::tutorial();
    c.apply(WEB).expect("applies");
    c.advance(5);
    let d = what_if(&c, 10, |f| {
        f.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  nodeName: master\n  containers:\n  - name: c\n    image: nginx\n")
            .expect("applies");
        taint(f, "worker", "dedicated", TaintEffect::NoExecute);
    });
    let names: Vec<&str> = d.pods.iter().map(|p| p.name.as_str()).collect();
    let text = d.text();
    let mut expected = String::new();
    for change in &d.pods {
        expected.push_str(&change.line());
        expected.push('\n');
    }
    expected.push_str("\nper node:\n  master  +1\n  worker  -2\n\nper workload:\n  (no controller)         1 started\n  deployment/default/web  2 evicted, 2 pending\n");
    assert_eq!(text, expected, "{names:?}");
    assert!(
        text.contains("pod default/solo: new, Running on master\n"),
        "{text}"
    );
    assert!(
        text.contains(": evicted from worker 0s after the change\n    node worker has taint dedicated=x:NoExecute that the pod does not tolerate\n"),
        "{text}"
    );
}
