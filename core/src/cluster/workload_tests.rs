//! Deployments and ReplicaSets, next to a DaemonSet.

use super::*;

const WEB: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
";

fn replica_sets(c: &Cluster) -> Vec<(String, i64)> {
    c.replica_sets()
        .map(|rs| (rs.metadata.name.clone(), rs.replicas()))
        .collect()
}

fn running(c: &Cluster) -> usize {
    c.pods().filter(|p| p.status.phase == "Running").count()
}

#[test]
fn deployment_creates_a_replica_set_and_pods_avoid_the_master() {
    let mut c = Cluster::tutorial();
    let report = c.apply(WEB).expect("applies");
    assert_eq!(report.lines, ["deployment.apps/web created"]);
    c.advance(5);
    let sets = replica_sets(&c);
    assert_eq!(sets.len(), 1);
    assert!(sets[0].0.starts_with("web-") && sets[0].1 == 3);
    assert_eq!(running(&c), 3);
    assert!(c.pods().all(|p| p.spec.node_name == "worker"));
    assert!(
        c.pods()
            .all(|p| p.metadata.name.starts_with(&format!("{}-", sets[0].0)))
    );
    let scaled: Vec<String> = c
        .events()
        .all()
        .iter()
        .filter(|e| e.reason == "ScalingReplicaSet")
        .map(|e| e.message.clone())
        .collect();
    assert_eq!(
        scaled,
        [format!("Scaled up replica set {} from 0 to 3", sets[0].0)]
    );
}

#[test]
fn scaling_and_rolling_update() {
    let mut c = Cluster::tutorial();
    c.apply(WEB).expect("applies");
    c.advance(5);
    c.apply(&WEB.replace("replicas: 3", "replicas: 5"))
        .expect("applies");
    c.advance(5);
    assert_eq!(running(&c), 5);
    c.apply(&WEB.replace("replicas: 3", "replicas: 2"))
        .expect("applies");
    assert_eq!(c.pods().count(), 2);
    // A new image rolls out: 2 replicas give maxSurge 1 and maxUnavailable 0, so
    // two pods stay available throughout.
    c.apply(
        &WEB.replace("replicas: 3", "replicas: 2")
            .replace("nginx:1.27", "nginx:1.28"),
    )
    .expect("applies");
    for _ in 0..20 {
        let available = c.pods().filter(|p| p.is_ready()).count();
        assert!(available >= 2, "never below minAvailable");
        c.advance(1);
    }
    let sets = replica_sets(&c);
    assert_eq!(sets.len(), 2);
    assert_eq!(sets.iter().map(|s| s.1).sum::<i64>(), 2);
    assert!(c.pods().all(|p| p.spec.containers[0].image == "nginx:1.28"));
    assert_eq!(running(&c), 2);
}

#[test]
fn recreate_strategy_stops_old_pods_first() {
    let mut c = Cluster::tutorial();
    let recreate = WEB.replace(
        "  replicas: 3\n",
        "  replicas: 3\n  strategy:\n    type: Recreate\n",
    );
    c.apply(&recreate).expect("applies");
    c.advance(5);
    c.apply(&recreate.replace("nginx:1.27", "nginx:1.28"))
        .expect("applies");
    assert!(c.pods().all(|p| p.spec.containers[0].image == "nginx:1.28"));
    c.advance(5);
    assert_eq!(running(&c), 3);
}

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
fn replica_sets_are_numbered_by_revision() {
    let mut c = Cluster::tutorial();
    c.apply(WEB).expect("applies");
    c.advance(5);
    c.apply(&WEB.replace("nginx:1.27", "nginx:1.28"))
        .expect("applies");
    c.advance(30);
    let mut revisions: Vec<(String, String)> = c
        .replica_sets()
        .map(|rs| {
            let image = rs.spec.template.spec.containers[0].image.clone();
            let revision = rs
                .metadata
                .annotations
                .get("deployment.kubernetes.io/revision")
                .cloned()
                .unwrap_or_default();
            (revision, image)
        })
        .collect();
    revisions.sort();
    assert_eq!(
        revisions,
        [
            ("1".to_string(), "nginx:1.27".to_string()),
            ("2".to_string(), "nginx:1.28".to_string())
        ]
    );
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
