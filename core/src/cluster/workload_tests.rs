//! Workloads meeting the API server and the pod garbage collector: Deployment
//! validation, the pods of a deleted node, the pod limit. The Deployment
//! controller's own tests are in `controller/deployment/tests.rs`.

use super::*;
use crate::controller::deployment::tests::WEB;

#[test]
fn deployment_selector_must_match_and_is_immutable() {
    let errors = Cluster::tutorial()
        .apply(&WEB.replace("        app: web\n", "        app: other\n"))
        .expect_err("mismatch");
    assert_eq!(
        errors[0].message,
        "spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`"
    );
    let mut c = Cluster::tutorial();
    c.apply(WEB).expect("applies");
    let changed = WEB
        .replace(
            "      app: web\n  template",
            "      app: web\n      tier: x\n  template",
        )
        .replace(
            "        app: web\n    spec",
            "        app: web\n        tier: x\n    spec",
        );
    let errors = c.apply(&changed).expect_err("immutable");
    assert!(errors[0].message.starts_with("The Deployment \"web\" is invalid: spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"x\"}}"), "{}", errors[0].message);
}

#[test]
fn pods_of_a_deleted_node_are_collected_and_replaced() {
    let mut c = Cluster::from_config(
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n",
    )
    .expect("config");
    c.apply(WEB).expect("applies");
    c.advance(5);
    let on_worker2 = c
        .pods()
        .filter(|p| p.spec.node_name == "kind-worker2")
        .count();
    assert!(on_worker2 > 0);
    assert!(c.delete_node("kind-worker2"));
    assert!(!c.delete_node("kind-worker2"));
    c.advance(39);
    assert_eq!(
        c.pods()
            .filter(|p| p.spec.node_name == "kind-worker2")
            .count(),
        on_worker2
    );
    c.advance(1);
    assert_eq!(
        c.pods()
            .filter(|p| p.spec.node_name == "kind-worker2")
            .count(),
        0
    );
    c.advance(5);
    assert_eq!(
        c.pods()
            .filter(|p| p.spec.node_name == "kind-worker" && p.status.phase == "Running")
            .count(),
        3
    );
}

/// At the pod limit the API server refuses creates: a controller records
/// `FailedCreate` and stops, bare pods are refused whole, and the cluster stays
/// usable.
#[test]
fn the_pod_limit_stops_controllers_and_refuses_bare_pods() {
    let mut c = Cluster::tutorial();
    c.max_pods = 5;
    let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 8\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx}]\n";
    assert!(c.apply(deployment).is_ok());
    c.advance(5);
    assert_eq!(c.pods().count(), 5);
    let refused: Vec<&str> = c
        .events()
        .all()
        .iter()
        .filter(|e| e.reason == "FailedCreate")
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(
        refused.first().copied(),
        Some(
            format!(
                "Error creating: pods \"web-{}-\" is forbidden: {}",
                c.replica_sets()
                    .next()
                    .map(|r| r.metadata.name.rsplit('-').next().unwrap_or("").to_string())
                    .unwrap_or_default(),
                crate::limits::Limit::Pods.en()
            )
            .as_str()
        )
    );
    let bare = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: extra\nspec:\n  containers: [{name: c, image: nginx}]\n";
    let err = c.apply(bare).err().unwrap_or_default();
    assert_eq!(
        err.first().map(|d| d.message.clone()),
        Some(format!(
            "pods \"extra\" is forbidden: {}",
            crate::limits::Limit::Pods.en()
        ))
    );
    // Scaling down makes room again.
    assert!(
        c.apply(&deployment.replace("replicas: 8", "replicas: 2"))
            .is_ok()
    );
    c.advance(5);
    assert!(c.apply(bare).is_ok());
}
