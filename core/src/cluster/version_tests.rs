//! What changes with the simulated Kubernetes version and feature gates.

use super::*;
use crate::TUTORIAL_DAEMONSET_TOLERATING;
use crate::view::ClusterView;

fn kind_cluster(image: &str, extra: &str) -> Cluster {
    let text = format!(
        "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n{extra}nodes:\n- role: control-plane\n  image: {image}\n- role: worker\n  image: {image}\n"
    );
    Cluster::from_config(&text).expect("kind config")
}

fn pods_on(c: &Cluster, node: &str) -> usize {
    c.pods().filter(|p| p.spec.node_name == node).count()
}

/// The tutorial's v1.24 note: tolerating only the `master` taint is no longer enough.
#[test]
fn v1_24_needs_the_control_plane_toleration_too() {
    let mut c = kind_cluster("kindest/node:v1.24.7", "");
    c.apply(TUTORIAL_DAEMONSET_TOLERATING).expect("applies");
    assert_eq!(pods_on(&c, "kind-control-plane"), 0);
    assert_eq!(pods_on(&c, "kind-worker"), 1);
    let view = ClusterView::of(&c);
    let skip = &view.nodes[0].skipped[0];
    assert_eq!(
        skip.reason,
        "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"
    );
    let both = TUTORIAL_DAEMONSET_TOLERATING.to_string()
        + "        - key: node-role.kubernetes.io/control-plane\n          effect: NoSchedule\n          operator: Exists\n";
    c.apply(&both).expect("applies");
    assert_eq!(pods_on(&c, "kind-control-plane"), 1);
}

#[test]
fn failed_scheduling_wording_by_version() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    node-role.kubernetes.io/control-plane: \"\"\n  containers:\n  - name: c\n    image: nginx\n";
    let cases = [
        (
            "kindest/node:v1.23.17",
            "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate.",
        ),
        (
            "kindest/node:v1.30.0",
            "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.",
        ),
        (
            "kindest/node:v1.35.0",
            "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s).",
        ),
    ];
    for (image, want) in cases {
        let mut c = kind_cluster(image, "");
        let text = if image.contains("v1.23") {
            pod.replace("control-plane: \"\"", "master: \"\"")
        } else {
            pod.to_string()
        };
        c.apply(&text).expect("applies");
        let message = c
            .pod("default", "p")
            .and_then(|p| p.condition("PodScheduled"))
            .map(|c| c.message.clone())
            .unwrap_or_default();
        assert!(message.starts_with(want), "{image}: {message}");
    }
}

#[test]
fn comparison_operators_follow_the_feature_gate() {
    let tolerating = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n  tolerations:\n  - key: node-role.kubernetes.io/control-plane\n    operator: Lt\n    value: \"5\"\n";
    let mut off = kind_cluster("kindest/node:v1.35.0", "");
    let errors = off.apply(tolerating).expect_err("gate off");
    assert_eq!(
        errors[0].message,
        "spec.tolerations[0].operator: Unsupported value: \"Lt\": supported values: \"Equal\", \"Exists\""
    );
    let mut on = kind_cluster(
        "kindest/node:v1.35.0",
        "featureGates:\n  TaintTolerationComparisonOperators: true\n",
    );
    assert!(on.feature_enabled("TaintTolerationComparisonOperators"));
    on.apply(tolerating).expect("gate on");
    // The control-plane taint has an empty value, which is not an integer: no match.
    assert_eq!(
        on.pod("default", "p")
            .map(|p| p.spec.node_name.clone())
            .as_deref(),
        Some("kind-worker")
    );
}

/// `field.Error` printed bad values with Go's `%#v` until v1.34, JSON after.
#[test]
fn bad_values_print_as_go_syntax_before_1_34() {
    let mismatched = crate::TUTORIAL_DAEMONSET.replace(
        "        name: redis-ds\n    spec:",
        "        name: other\n    spec:",
    );
    let old = kind_cluster("kindest/node:v1.30.0", "")
        .apply(&mismatched)
        .expect_err("mismatch");
    assert_eq!(
        old[0].message,
        "spec.template.metadata.labels: Invalid value: map[string]string{\"name\":\"other\"}: `selector` does not match template `labels`"
    );
    let mut c = kind_cluster("kindest/node:v1.30.0", "");
    c.apply(crate::TUTORIAL_DAEMONSET).expect("applies");
    let errors = c
        .apply(&super::tests::redis_ds_with_tier())
        .expect_err("immutable");
    assert_eq!(
        errors[0].message,
        "The DaemonSet \"redis-ds\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"name\":\"redis-ds\", \"tier\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
    );
}

/// Nodes a DaemonSet pod's PreFilter leaves out: one status each in 1.30, none in
/// 1.31 (not counted), one status for all from 1.32.
#[test]
fn prefilter_wording_by_version() {
    let ds = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: big\nspec:\n  selector:\n    matchLabels: {app: big}\n  template:\n    metadata:\n      labels: {app: big}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        resources:\n          requests: {cpu: \"5\"}\n";
    for (image, want) in [
        (
            "kindest/node:v1.30.0",
            "0/2 nodes are available: 1 Insufficient cpu, 1 node is filtered out by the prefilter result. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
        ),
        (
            "kindest/node:v1.31.0",
            "0/2 nodes are available: 1 Insufficient cpu. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod.",
        ),
        (
            "kindest/node:v1.32.0",
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
        ),
    ] {
        let mut c = kind_cluster(image, "");
        c.apply(ds).expect("applies");
        let message = c
            .pods()
            .find(|p| p.spec.node_name.is_empty())
            .and_then(|p| p.condition("PodScheduled"))
            .map(|c| c.message.clone())
            .unwrap_or_default();
        assert_eq!(message, want, "{image}");
    }
}

/// PR #128212 (v1.33): a required node affinity's values must be label values.
/// Before, such a pod is created, its term fails to parse in the scheduler
/// (`newNodeSelectorTerm`) and it matches no node.
#[test]
fn node_affinity_values_are_refused_from_v1_33() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: odd\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: kubernetes.io/os\n            operator: NotIn\n            values: [\"not a label value\"]\n  containers:\n  - name: c\n    image: nginx\n";
    let mut old = kind_cluster("kindest/node:v1.32.0", "");
    old.apply(pod).expect("v1.32 accepts it");
    let odd = old.pod("default", "odd").expect("created");
    assert_eq!(odd.spec.node_name, "");
    let message = odd
        .condition("PodScheduled")
        .map(|c| c.message.clone())
        .unwrap_or_default();
    assert!(
        message.contains("didn't match Pod's node affinity/selector"),
        "{message}"
    );
    let mut new = kind_cluster("kindest/node:v1.33.1", "");
    let errors = new.apply(pod).expect_err("v1.33 refuses it");
    assert!(
        errors.iter().any(|e| e.message.contains(
            "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"not a label value\""
        )),
        "{errors:?}"
    );
}
