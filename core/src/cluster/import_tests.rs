//! Importing a whole cluster's state from `kubectl get ... -A -o yaml` output.

use super::*;

/// A kind cluster as `kubectl get nodes,pods,daemonsets,deployments,replicasets,
/// priorityclasses,poddisruptionbudgets -A -o yaml` prints it (plus a ConfigMap,
/// a kind taintlab does not simulate).
const STATE: &str = include_str!("../../tests/fixtures/cluster_state.yaml");

/// Each pod's `namespace/name`, UID, node and phase, sorted.
fn pod_rows(c: &Cluster) -> Vec<(String, String, String, String)> {
    let mut rows: Vec<_> = c
        .pods()
        .map(|p| {
            (
                key(&p.metadata.namespace, &p.metadata.name),
                p.metadata.uid.clone(),
                p.spec.node_name.clone(),
                p.status.phase.clone(),
            )
        })
        .collect();
    rows.sort();
    rows
}

/// What a report says it left out: kind, reason in English, how many.
fn skipped(report: &ImportReport) -> Vec<(&str, String, usize)> {
    report
        .skipped
        .iter()
        .map(|s| (s.kind.as_str(), s.reason_en(), s.count))
        .collect()
}

fn imported() -> (Cluster, ImportReport) {
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    let report = c.import_state(STATE).expect("imports");
    (c, report)
}

/// The UIDs the fixture gives its pods, sorted.
const POD_UIDS: [&str; 6] = [
    "6b2f0c8d-7e95-4d40-83bd-8f7e2c401007",
    "7c3a1d9e-8fa6-4e51-94ce-9a8f3d512108",
    "8d4b2e0f-90b7-4f62-a5df-ab904e623209",
    "af6d4021-b2d9-4184-87f1-cd1260844b0b",
    "b07e5132-c3ea-4295-9802-de2371955c0c",
    "c18f6243-d4fb-43a6-a913-ef3482a66d0d",
];

#[test]
fn nothing_is_recreated() {
    let (c, _) = imported();
    let mut uids: Vec<String> = c.pods().map(|p| p.metadata.uid.clone()).collect();
    uids.sort();
    assert_eq!(uids, POD_UIDS);
    let creations: Vec<_> = c
        .events()
        .all()
        .iter()
        .filter(|e| {
            matches!(
                e.reason,
                "SuccessfulCreate" | "SuccessfulDelete" | "ScalingReplicaSet" | "Killing"
            )
        })
        .collect();
    assert!(creations.is_empty(), "{creations:?}");
    let rs: Vec<_> = c.replica_sets().map(|r| r.metadata.uid.as_str()).collect();
    assert_eq!(rs, ["9e5c3f10-a1c8-4073-b6e0-bc015f73430a"]);
    let d: Vec<_> = c.deployments().map(|d| d.metadata.uid.as_str()).collect();
    assert_eq!(d, ["0f6b4e21-b2d7-4184-a7f1-cd1260844b10"]);
    let ds: Vec<_> = c.daemon_sets().map(|d| d.metadata.uid.as_str()).collect();
    assert_eq!(ds, ["5a1e9b7c-6d84-4c3f-b2ac-7e6d1b3f0f06"]);
}

#[test]
fn running_pods_stay_running_where_they_are() {
    let (c, _) = imported();
    let rows = pod_rows(&c);
    let running: Vec<_> = rows
        .iter()
        .filter(|r| r.0 != "default/report")
        .map(|r| (r.0.as_str(), r.2.as_str(), r.3.as_str()))
        .collect();
    assert_eq!(
        running,
        [
            ("logging/log-agent-4kq2x", "kind-control-plane", "Running"),
            ("logging/log-agent-m7wzp", "kind-worker", "Running"),
            ("logging/log-agent-xr9tn", "kind-worker2", "Running"),
            ("shop/web-7c5b9d6f84-2xk8d", "kind-worker", "Running"),
            ("shop/web-7c5b9d6f84-q4v9s", "kind-worker", "Running"),
        ]
    );
    for pod in c.pods().filter(|p| p.metadata.name != "report") {
        assert!(pod.is_ready(), "{}", pod.metadata.name);
        // The kubelet neither pulls nor starts what already runs.
        let about: Vec<_> = c
            .events()
            .all()
            .iter()
            .filter(|e| e.object.kind == "Pod" && e.object.name == pod.metadata.name)
            .collect();
        assert!(about.is_empty(), "{about:?}");
    }
}

#[test]
fn the_pending_pod_is_scheduled_around_the_taint_and_the_cordon() {
    let (c, _) = imported();
    let pod = c.pod("default", "report").expect("imported");
    // The control plane's taint and kind-worker2's cordon leave kind-worker.
    assert_eq!(pod.spec.node_name, "kind-worker");
    assert_eq!(pod.metadata.uid, "c18f6243-d4fb-43a6-a913-ef3482a66d0d");
    let scheduled: Vec<_> = c
        .events()
        .all()
        .iter()
        .filter(|e| e.reason == "Scheduled")
        .map(|e| e.object.name.as_str())
        .collect();
    assert_eq!(scheduled, ["report"]);
    assert!(c.node("kind-worker2").is_some_and(|n| n.spec.unschedulable));
}

#[test]
fn controllers_report_their_adopted_pods() {
    let (c, _) = imported();
    let ds = c.daemon_sets().next().expect("daemon set");
    let status = crate::status::daemon_set_status(&c, ds);
    assert_eq!(
        (
            status.desired_number_scheduled,
            status.current_number_scheduled,
            status.updated_number_scheduled,
            status.number_ready,
            status.number_misscheduled,
        ),
        (3, 3, 3, 3, 0)
    );
    let d = c.deployments().next().expect("deployment");
    let status = crate::status::deployment_status(&c, d);
    assert_eq!(
        (
            status.desired,
            status.replicas,
            status.updated_replicas,
            status.ready_replicas
        ),
        (2, 2, 2, 2)
    );
    assert_eq!(
        c.pods_controlled_by("9e5c3f10-a1c8-4073-b6e0-bc015f73430a")
            .count(),
        2
    );
}

#[test]
fn namespaces_come_along_and_skipped_kinds_are_listed_once() {
    let (c, report) = imported();
    assert_eq!(report.namespaces_created, ["logging", "shop"]);
    assert!(c.namespaces().iter().any(|n| n == "shop"));
    assert_eq!(
        skipped(&report),
        [("ConfigMap", "not simulated".to_string(), 1)]
    );
    assert_eq!(report.imported, 12);
}

#[test]
fn an_import_is_deterministic() {
    let (mut a, ra) = imported();
    let (b, rb) = imported();
    // Pods stored as running from the start are indexed as any write would.
    a.assert_scheduler_cache_fresh();
    for pod in a.pods() {
        assert_eq!(
            a.pods_on_node(&pod.spec.node_name)
                .filter(|p| p.metadata.uid == pod.metadata.uid)
                .count(),
            usize::from(!pod.spec.node_name.is_empty())
        );
    }
    assert_eq!(ra, rb);
    assert_eq!(pod_rows(&a), pod_rows(&b));
    let events = |c: &Cluster| -> Vec<(String, String)> {
        c.events()
            .all()
            .iter()
            .map(|e| (e.reason.to_string(), e.message.clone()))
            .collect()
    };
    assert_eq!(events(&a), events(&b));
}

#[test]
fn managed_fields_and_json_do_not_matter() {
    let without: String = STATE
        .split_inclusive('\n')
        .scan(false, |skipping, line| {
            // Drops the one managedFields block of the fixture (it is indented by 4).
            if line.starts_with("    managedFields:") {
                *skipping = true;
                return Some(String::new());
            }
            if *skipping && line.starts_with("    ") && !line.starts_with("    name:") {
                return Some(String::new());
            }
            *skipping = false;
            Some(line.to_string())
        })
        .collect();
    assert!(!without.contains("managedFields"));
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    c.import_state(&without).expect("imports");
    assert_eq!(pod_rows(&c), pod_rows(&imported().0));
}

#[test]
fn json_output_imports_the_same() {
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    let report = c
        .import_state(include_str!("../../tests/fixtures/cluster_state.json"))
        .expect("imports");
    let (yaml, yaml_report) = imported();
    assert_eq!(report, yaml_report);
    assert_eq!(pod_rows(&c), pod_rows(&yaml));
}

#[test]
fn readiness_and_restarts_are_as_given() {
    let text = STATE
        .replacen("restartCount: 0\n      started: true", "restartCount: 3\n      started: true", 1)
        .replacen(
            "lastProbeTime: null\n      lastTransitionTime: \"2026-12-01T09:05:10Z\"\n      status: \"True\"\n      type: Ready",
            "lastProbeTime: null\n      lastTransitionTime: \"2026-12-01T09:05:10Z\"\n      status: \"False\"\n      reason: ContainersNotReady\n      type: Ready",
            1,
        );
    assert_ne!(text, STATE);
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    c.import_state(&text).expect("imports");
    let pod = c.pod("logging", "log-agent-4kq2x").expect("kept");
    assert_eq!(pod.status.phase, "Running");
    assert!(!pod.is_ready());
    assert_eq!(pod.status.container_statuses[0].restart_count, 3);
    let ds = c.daemon_sets().next().expect("daemon set");
    assert_eq!(crate::status::daemon_set_status(&c, ds).number_ready, 2);
}

#[test]
fn a_pod_on_a_node_not_in_the_text_is_skipped_with_the_reason() {
    let text = STATE.replace("nodeName: kind-worker2", "nodeName: gone");
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    let report = c.import_state(&text).expect("imports");
    assert_eq!(
        skipped(&report),
        [
            ("Pod", "its node \"gone\" is not in the text".to_string(), 1),
            ("ConfigMap", "not simulated".to_string(), 1),
        ]
    );
    assert!(c.pod("logging", "log-agent-xr9tn").is_none());
}

#[test]
fn invalid_text_changes_nothing_and_never_panics() {
    let mut c = Cluster::empty(KubeVersion::NEWEST);
    for text in ["", "kind: List\nitems: 3\n", ":\n- [", "kind: Pod\n"] {
        let _ = c.import_state(text);
    }
    assert_eq!(c.pods().count(), 0);
}
