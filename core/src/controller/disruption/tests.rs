//! The disruption controller against `pkg/controller/disruption/disruption_test.go`.

use crate::cluster::Cluster;

fn deployment(name: &str, replicas: u32) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: {name}}}\n  template:\n    metadata:\n      labels: {{app: {name}}}\n    spec:\n      containers: [{{name: c, image: nginx}}]\n"
    )
}

fn pdb(name: &str, rule: &str, selector: &str) -> String {
    format!(
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {name}\nspec:\n  {rule}\n  selector: {selector}\n"
    )
}

/// (expectedPods, desiredHealthy, currentHealthy, disruptionsAllowed, reason).
fn status(c: &Cluster, name: &str) -> (i32, i32, i32, i32, String) {
    let Some(pdb) = c.disruption_budgets().find(|p| p.metadata.name == name) else {
        return (-1, -1, -1, -1, String::new());
    };
    let s = c.disruption_status(pdb);
    (
        s.expected_pods,
        s.desired_healthy,
        s.current_healthy,
        s.disruptions_allowed,
        s.condition.reason,
    )
}

fn events(c: &Cluster, reason: &str) -> Vec<String> {
    c.events()
        .all()
        .iter()
        .filter(|e| e.reason == reason)
        .map(|e| e.message.clone())
        .collect()
}

/// `TestNoSelector`: `{}` selects every pod of the namespace (policy/v1).
#[test]
fn an_empty_selector_selects_all() {
    let mut c = Cluster::tutorial();
    c.apply(&pdb("all", "minAvailable: 3", "{}"))
        .expect("applies");
    assert_eq!(status(&c, "all"), (0, 3, 0, 0, "InsufficientPods".into()));
    assert_eq!(events(&c, "NoPods"), ["No matching pods found"]);
    c.apply(&deployment("web", 4)).expect("applies");
    c.advance(30);
    assert_eq!(status(&c, "all"), (4, 3, 4, 1, "SufficientPods".into()));
}

/// `TestIntegerMaxUnavailable`: maxUnavailable counts against the controller's
/// scale; `TestReplicaSet`-style percentages round up.
#[test]
fn max_unavailable_and_percentages() {
    let mut c = Cluster::tutorial();
    c.apply(&deployment("web", 10)).expect("applies");
    c.apply(&pdb(
        "max",
        "maxUnavailable: 1",
        "{matchLabels: {app: web}}",
    ))
    .expect("applies");
    c.apply(&pdb(
        "pct",
        "minAvailable: 25%",
        "{matchLabels: {app: web}}",
    ))
    .expect("applies");
    c.advance(30);
    assert_eq!(status(&c, "max"), (10, 9, 10, 1, "SufficientPods".into()));
    assert_eq!(status(&c, "pct"), (10, 3, 10, 7, "SufficientPods".into()));
    // Scaling the Deployment moves the expected count with it.
    c.apply(&deployment("web", 2)).expect("applies");
    c.advance(30);
    assert_eq!(status(&c, "max"), (2, 1, 2, 1, "SufficientPods".into()));
}

/// `TestNakedPod`: a percentage over a pod without a controller expects no
/// pods, so allows nothing, and says why.
#[test]
fn naked_pods_are_unmanaged() {
    let mut c = Cluster::tutorial();
    c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: naked\n  labels: {app: naked}\nspec:\n  containers: [{name: c, image: nginx}]\n")
        .expect("applies");
    c.apply(&pdb(
        "p",
        "minAvailable: 28%",
        "{matchLabels: {app: naked}}",
    ))
    .expect("applies");
    c.advance(30);
    assert_eq!(status(&c, "p"), (0, 0, 1, 0, "InsufficientPods".into()));
    assert_eq!(
        events(&c, "UnmanagedPods").first().map(String::as_str),
        Some(
            "Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: naked,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set \".spec.minAvailable\" field of the PDB to an integer value."
        )
    );
}

/// A DaemonSet has no scale subresource: the count fails and `failSafe`
/// writes `SyncFailed` (`getScaleController`).
#[test]
fn daemon_set_pods_fail_safe() {
    let mut c = Cluster::tutorial();
    c.apply(crate::TUTORIAL_DAEMONSET).expect("applies");
    c.apply(&pdb(
        "ds",
        "maxUnavailable: 1",
        "{matchLabels: {name: redis-ds}}",
    ))
    .expect("applies");
    c.advance(30);
    let (_, _, _, allowed, reason) = status(&c, "ds");
    assert_eq!((allowed, reason.as_str()), (0, "SyncFailed"));
    assert_eq!(
        events(&c, "CalculateExpectedPodCountFailed")
            .first()
            .map(String::as_str),
        Some(
            "Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource"
        )
    );
}

/// The preemption accessor: the budgets that cover a pod, with what they allow.
#[test]
fn budgets_for_a_pod() {
    let mut c = Cluster::tutorial();
    c.apply(&deployment("web", 2)).expect("applies");
    c.apply(&pdb("one", "minAvailable: 1", "{matchLabels: {app: web}}"))
        .expect("applies");
    c.apply(&pdb("other", "minAvailable: 1", "{matchLabels: {app: db}}"))
        .expect("applies");
    c.advance(30);
    let pod = c.pods().next().cloned().unwrap_or_default();
    let found: Vec<(String, i32)> = c
        .disruption_budgets_for(&pod)
        .map(|(p, allowed)| (p.metadata.name.clone(), allowed))
        .collect();
    assert_eq!(found, [("one".to_string(), 1)]);
}

/// A status is written once per change: a quiet cluster syncs nothing.
#[test]
fn the_condition_moves_only_when_its_status_does() {
    let mut c = Cluster::tutorial();
    c.apply(&deployment("web", 2)).expect("applies");
    c.apply(&pdb("one", "minAvailable: 1", "{matchLabels: {app: web}}"))
        .expect("applies");
    c.advance(30);
    let first = c
        .disruption_budgets()
        .next()
        .map(|p| c.disruption_status(p))
        .unwrap_or_default();
    c.advance(60);
    let later = c
        .disruption_budgets()
        .next()
        .map(|p| c.disruption_status(p))
        .unwrap_or_default();
    assert_eq!(first, later);
    assert!(first.condition.allowed);
}
