//! The tutorial's DaemonSet path, step by step, through core's public API.

use taintlab_core::view::ClusterView;
use taintlab_core::{Cluster, TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

fn pod_count(view: &ClusterView, node: &str) -> usize {
    view.nodes
        .iter()
        .find(|n| n.name == node)
        .map(|n| n.pods.len())
        .unwrap_or_default()
}

#[test]
fn tutorial_steps() {
    let mut cluster = Cluster::tutorial();
    let view = ClusterView::of(&cluster);
    assert_eq!(
        view.nodes
            .iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>(),
        ["master", "worker"]
    );
    assert_eq!(
        view.nodes[0].taints[0].text,
        "node-role.kubernetes.io/master:NoSchedule"
    );

    cluster
        .apply(TUTORIAL_DAEMONSET)
        .expect("the tutorial YAML applies");
    let view = ClusterView::of(&cluster);
    assert_eq!(
        (pod_count(&view, "master"), pod_count(&view, "worker")),
        (0, 1)
    );

    cluster
        .apply(TUTORIAL_DAEMONSET_TOLERATING)
        .expect("the toleration applies");
    let view = ClusterView::of(&cluster);
    assert_eq!(
        (pod_count(&view, "master"), pod_count(&view, "worker")),
        (1, 1)
    );
}
