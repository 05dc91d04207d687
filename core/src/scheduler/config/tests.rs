//! The configuration inside the cluster: profiles picked by `spec.schedulerName`,
//! disabled plugins, weights and strategies that change the chosen node.

use crate::cluster::Cluster;

const HEAD: &str = "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n";

fn three_nodes() -> Cluster {
    let text = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n";
    Cluster::from_config(text).expect("config")
}

fn pod(name: &str, spec: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n{spec}  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 100m\n        memory: 100Mi\n"
    )
}

fn node_of(c: &Cluster, name: &str) -> String {
    c.pod("default", name)
        .map(|p| p.spec.node_name.clone())
        .unwrap_or_default()
}

/// A pod on kind-worker already, so the workers differ in load.
fn loaded() -> String {
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: load\nspec:\n  nodeName: kind-worker\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"1\"\n        memory: 1Gi\n".to_string()
}

#[test]
fn a_pod_naming_no_profile_stays_pending_without_an_event() {
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- schedulerName: default-scheduler\n- schedulerName: packer\n"
    ))
    .expect("valid");
    c.apply(&pod("lost", "  schedulerName: other\n"))
        .expect("applies");
    c.apply(&pod("packed", "  schedulerName: packer\n"))
        .expect("applies");
    let lost = c.pod("default", "lost").expect("stored");
    assert_eq!(lost.spec.node_name, "");
    assert!(lost.condition("PodScheduled").is_none());
    assert!(c.events().all().iter().all(|e| e.object.name != "lost"));
    // The other profile schedules its pod, and its events come from it.
    assert_ne!(node_of(&c, "packed"), "");
    let scheduled = c
        .events()
        .all()
        .iter()
        .find(|e| e.object.name == "packed" && e.reason == "Scheduled")
        .expect("scheduled event");
    assert_eq!(scheduled.source, "packer");
    // The default profile's pods: unchanged.
    c.apply(&pod("plain", "")).expect("applies");
    assert_ne!(node_of(&c, "plain"), "");
}

#[test]
fn a_disabled_filter_is_skipped() {
    let pinned = "  nodeSelector:\n    kubernetes.io/hostname: kind-control-plane\n";
    let mut c = three_nodes();
    c.apply(&pod("tainted", pinned)).expect("applies");
    assert_eq!(node_of(&c, "tainted"), "");
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- plugins:\n    filter:\n      disabled:\n      - name: TaintToleration\n"
    ))
    .expect("valid");
    c.apply(&pod("tainted", pinned)).expect("applies");
    assert_eq!(node_of(&c, "tainted"), "kind-control-plane");
}

#[test]
fn without_the_post_filter_there_is_no_preemption_part() {
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- plugins:\n    postFilter:\n      disabled:\n      - name: DefaultPreemption\n"
    ))
    .expect("valid");
    c.apply(&pod("nowhere", "  nodeSelector:\n    missing: label\n"))
        .expect("applies");
    let message = c
        .pod("default", "nowhere")
        .and_then(|p| p.condition("PodScheduled"))
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert_eq!(
        message,
        "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector."
    );
}

#[test]
fn most_allocated_packs_where_least_allocated_spreads() {
    let mut c = three_nodes();
    c.apply(&loaded()).expect("applies");
    c.apply(&pod("spread", "")).expect("applies");
    assert_eq!(node_of(&c, "spread"), "kind-worker2");
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args:\n      scoringStrategy:\n        type: MostAllocated\n"
    ))
    .expect("valid");
    c.apply(&loaded()).expect("applies");
    c.apply(&pod("packed", "")).expect("applies");
    assert_eq!(node_of(&c, "packed"), "kind-worker");
}

#[test]
fn weights_change_the_chosen_node() {
    // A preferred node affinity for the loaded worker wins with the default
    // weights...
    let prefers = "  affinity:\n    nodeAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 1\n        preference:\n          matchExpressions:\n          - key: kubernetes.io/hostname\n            operator: In\n            values: [kind-worker]\n";
    let mut c = three_nodes();
    c.apply(&loaded()).expect("applies");
    c.apply(&pod("default", prefers)).expect("applies");
    assert_eq!(node_of(&c, "default"), "kind-worker");
    // ...loses to spreading when NodeResourcesFit weighs 50...
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeResourcesFit\n        weight: 50\n"
    ))
    .expect("valid");
    c.apply(&loaded()).expect("applies");
    c.apply(&pod("light", prefers)).expect("applies");
    assert_eq!(node_of(&c, "light"), "kind-worker2");
    // ...wins again when NodeAffinity weighs 100,
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- plugins:\n    score:\n      enabled:\n      - name: NodeAffinity\n        weight: 100\n"
    ))
    .expect("valid");
    c.apply(&loaded()).expect("applies");
    c.apply(&pod("weighty", prefers)).expect("applies");
    assert_eq!(node_of(&c, "weighty"), "kind-worker");
    let e = crate::why::explain_pod(&c, "default", "weighty").expect("explained");
    assert_eq!(e.weights.node_affinity, 100);
    assert_eq!(e.best.as_deref(), Some("kind-worker"));
    // or when the resource scores are disabled.
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- plugins:\n    score:\n      disabled:\n      - name: NodeResourcesFit\n      - name: NodeResourcesBalancedAllocation\n"
    ))
    .expect("valid");
    c.apply(&loaded()).expect("applies");
    c.apply(&pod("heavy", prefers)).expect("applies");
    assert_eq!(node_of(&c, "heavy"), "kind-worker");
    let e = crate::why::explain_pod(&c, "default", "heavy").expect("explained");
    assert_eq!(e.weights.node_resources_fit, 0);
    let row = e.rows.iter().find_map(|r| r.scores).expect("scored");
    let names: Vec<&str> = crate::why::score_breakdown(&row, &e.weights)
        .iter()
        .map(|(n, _, _)| *n)
        .collect();
    assert!(!names.contains(&"NodeResourcesFit"));
    assert!(names.contains(&"NodeAffinity"));
}

#[test]
fn a_refused_configuration_changes_nothing() {
    let mut c = three_nodes();
    let errs = c
        .set_scheduler_config(&format!("{HEAD}percentageOfNodesToScore: 101\n"))
        .expect_err("invalid");
    assert_eq!(errs[0].path, "percentageOfNodesToScore");
    assert_eq!(errs[0].line, 3);
    assert_eq!(
        *c.scheduler_config(),
        crate::scheduler::config::SchedulerConfig::default()
    );
}

#[test]
fn percentage_of_nodes_to_score_bounds_the_search() {
    let p = |pct| crate::scheduler::config::Profile {
        percentage_of_nodes_to_score: Some(pct),
        ..crate::scheduler::config::Profile::default_profile()
    };
    assert_eq!(p(0).num_feasible_nodes_to_find(1000), 420);
    assert_eq!(p(10).num_feasible_nodes_to_find(5000), 500);
    assert_eq!(p(1).num_feasible_nodes_to_find(5000), 100);
    assert_eq!(p(100).num_feasible_nodes_to_find(5000), 5000);
    assert_eq!(p(10).num_feasible_nodes_to_find(50), 50);
}

/// NodeAffinityArgs.addedAffinity: every pod of the profile must match the
/// required terms (`errReasonEnforced` otherwise), and the preferred terms add
/// to every pod's score.
#[test]
fn added_affinity_is_enforced_and_preferred() {
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- pluginConfig:\n  - name: NodeAffinity\n    args:\n      addedAffinity:\n        requiredDuringSchedulingIgnoredDuringExecution:\n          nodeSelectorTerms:\n          - matchExpressions:\n            - key: kubernetes.io/hostname\n              operator: In\n              values: [kind-worker2]\n"
    ))
    .expect("valid");
    c.apply(&pod("anywhere", "")).expect("applies");
    assert_eq!(node_of(&c, "anywhere"), "kind-worker2");
    c.apply(&pod(
        "worker",
        "  nodeSelector:\n    kubernetes.io/hostname: kind-worker\n",
    ))
    .expect("applies");
    let message = c
        .pod("default", "worker")
        .and_then(|p| p.condition("PodScheduled"))
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert_eq!(
        message,
        "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't match scheduler-enforced node affinity, 1 node(s) had untolerated taint(s). preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
    let e = crate::why::explain_pod(&c, "default", "worker").expect("explained");
    let row = e
        .rows
        .iter()
        .find(|r| r.node == "kind-worker")
        .expect("row");
    assert_eq!(row.deciding, Some("NodeAffinity"));
    // Preferred: the spreading default would pick the empty worker2.
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- pluginConfig:\n  - name: NodeAffinity\n    args:\n      addedAffinity:\n        preferredDuringSchedulingIgnoredDuringExecution:\n        - weight: 10\n          preference:\n            matchExpressions:\n            - key: kubernetes.io/hostname\n              operator: In\n              values: [kind-worker]\n"
    ))
    .expect("valid");
    c.apply(&loaded()).expect("applies");
    c.apply(&pod("preferred", "")).expect("applies");
    assert_eq!(node_of(&c, "preferred"), "kind-worker");
}

/// PodTopologySpreadArgs with `defaultingType: List`: the listed constraints,
/// over the ReplicaSet's selector, bind a pod without constraints of its own.
#[test]
fn listed_default_constraints_spread_a_replica_set() {
    let cluster = || {
        let text = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n- role: worker\n  kubeadmConfigPatches:\n  - |\n    kind: JoinConfiguration\n    nodeRegistration:\n      taints: [{key: dedicated, value: x, effect: NoSchedule}]\n";
        Cluster::from_config(text).expect("config")
    };
    let rs = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx\n";
    let bound = |c: &Cluster| c.pods().filter(|p| !p.spec.node_name.is_empty()).count();
    // The system defaults only score: every replica lands on kind-worker.
    let mut c = cluster();
    c.apply(rs).expect("applies");
    assert_eq!(bound(&c), 3);
    let mut c = cluster();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- pluginConfig:\n  - name: PodTopologySpread\n    args:\n      defaultingType: List\n      defaultConstraints:\n      - maxSkew: 1\n        topologyKey: kubernetes.io/hostname\n        whenUnsatisfiable: DoNotSchedule\n"
    ))
    .expect("valid");
    c.apply(rs).expect("applies");
    // The tainted nodes still count as domains (nodeTaintsPolicy Ignore).
    assert_eq!(bound(&c), 1);
    let waiting = c
        .pods()
        .find(|p| p.spec.node_name.is_empty())
        .and_then(|p| p.condition("PodScheduled"))
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert!(
        waiting.contains("1 node(s) didn't match pod topology spread constraints"),
        "{waiting}"
    );
}

#[test]
fn pending_pods_are_tried_again_under_a_new_configuration() {
    let mut c = three_nodes();
    c.apply(&pod("later", "  schedulerName: later\n"))
        .expect("applies");
    assert_eq!(node_of(&c, "later"), "");
    c.set_scheduler_config(&format!("{HEAD}profiles:\n- schedulerName: later\n"))
        .expect("valid");
    assert_ne!(node_of(&c, "later"), "");
}

/// InterPodAffinityArgs.ignorePreferredTermsOfExistingPods: an existing pod's
/// preferred affinity no longer draws a pod that has no preferred terms.
#[test]
fn ignoring_existing_pods_preferred_terms() {
    let anchor = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: anchor\nspec:\n  nodeName: kind-worker\n  affinity:\n    podAffinity:\n      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 100\n        podAffinityTerm:\n          topologyKey: kubernetes.io/hostname\n          labelSelector:\n            matchLabels:\n              app: web\n  containers:\n  - name: c\n    image: nginx\n";
    let web = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n";
    let mut c = three_nodes();
    c.apply(anchor).expect("applies");
    c.apply(web).expect("applies");
    assert_eq!(node_of(&c, "web"), "kind-worker");
    let mut c = three_nodes();
    c.set_scheduler_config(&format!(
        "{HEAD}profiles:\n- pluginConfig:\n  - name: InterPodAffinity\n    args:\n      ignorePreferredTermsOfExistingPods: true\n"
    ))
    .expect("valid");
    c.apply(anchor).expect("applies");
    c.apply(web).expect("applies");
    assert_eq!(node_of(&c, "web"), "kind-worker2");
}
