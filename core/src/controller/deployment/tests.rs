//! The Deployment controller over time, with the ReplicaSet controller under it.

use crate::cluster::Cluster;

/// A Deployment of three nginx pods (the other workload tests use it too).
pub(crate) const WEB: &str = "apiVersion: apps/v1
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
