//! The questions lesson checks ask of a cluster: where pods run, who owns them,
//! which taints a node carries and what a template tolerates. Each reads the
//! objects as `kubectl get` would show them, or the events the controllers
//! recorded.

use taintlab_core::Cluster;
use taintlab_core::api::toleration::tolerations_tolerate_taint;
use taintlab_core::api::{DaemonSet, Pod, Taint, TaintEffect, Toleration};
use taintlab_core::clock::Time;
use taintlab_core::cluster::ConditionStatus;

/// Pods bound to `node` that are not being deleted.
pub fn pods_on<'a>(cluster: &'a Cluster, node: &'a str) -> impl Iterator<Item = &'a Pod> + 'a {
    cluster
        .pods()
        .filter(move |p| p.spec.node_name == node && !p.is_terminating())
}

/// The kind and name of the pod's controller (`DaemonSet`, `ReplicaSet`, `Node`).
fn controller(pod: &Pod) -> Option<(&str, &str)> {
    pod.metadata
        .controller_of()
        .map(|r| (r.kind.as_str(), r.name.as_str()))
}

/// Whether a DaemonSet runs the pod.
pub fn is_daemon_pod(pod: &Pod) -> bool {
    controller(pod).is_some_and(|(kind, _)| kind == "DaemonSet")
}

/// The DaemonSet that runs the pod, if one does.
pub fn daemon_set_of<'a>(cluster: &'a Cluster, pod: &Pod) -> Option<&'a DaemonSet> {
    let (kind, name) = controller(pod)?;
    if kind != "DaemonSet" {
        return None;
    }
    cluster
        .daemon_sets()
        .find(|ds| ds.metadata.name == name && ds.metadata.namespace == pod.metadata.namespace)
}

/// The name of the Deployment whose ReplicaSet runs the pod, if one does.
pub fn deployment_of<'a>(cluster: &'a Cluster, pod: &Pod) -> Option<&'a str> {
    let (kind, name) = controller(pod)?;
    if kind != "ReplicaSet" {
        return None;
    }
    let rs = cluster
        .replica_sets()
        .find(|rs| rs.metadata.name == name && rs.metadata.namespace == pod.metadata.namespace)?;
    rs.metadata
        .controller_of()
        .filter(|r| r.kind == "Deployment")
        .map(|r| r.name.as_str())
}

/// Pods of the Deployment `name` that are not being deleted.
pub fn deployment_pods<'a>(cluster: &'a Cluster, name: &'a str) -> impl Iterator<Item = &'a Pod> {
    cluster
        .pods()
        .filter(move |p| !p.is_terminating() && deployment_of(cluster, p) == Some(name))
}

/// Whether the pod of the DaemonSet `name` runs on `node`.
pub fn daemon_pod_on(cluster: &Cluster, name: &str, node: &str) -> bool {
    pods_on(cluster, node).any(|p| controller(p) == Some(("DaemonSet", name)))
}

/// Whether some DaemonSet's pod is bound to `node` and `test` holds for it.
pub fn any_daemon_pod_on(cluster: &Cluster, node: &str, test: impl Fn(&Pod) -> bool) -> bool {
    pods_on(cluster, node).any(|p| is_daemon_pod(p) && test(p))
}

/// Whether the node carries a taint with this key and effect.
pub fn has_taint(cluster: &Cluster, node: &str, key: &str, effect: TaintEffect) -> bool {
    cluster.node(node).is_some_and(|n| {
        n.spec
            .taints
            .iter()
            .any(|t| t.key == key && t.effect == effect)
    })
}

/// Whether the node carries any taint with this effect.
pub fn has_effect(cluster: &Cluster, node: &str, effect: TaintEffect) -> bool {
    cluster
        .node(node)
        .is_some_and(|n| n.spec.taints.iter().any(|t| t.effect == effect))
}

/// Whether the tolerations tolerate the valueless taint `key:effect` (the form
/// kubeadm's control-plane taints take).
pub fn tolerates(tolerations: &[Toleration], key: &str, effect: TaintEffect) -> bool {
    tolerations_tolerate_taint(tolerations, &Taint::new(key, "", effect))
}

/// Whether the node's label `key` has `value`.
pub fn has_label(cluster: &Cluster, node: &str, key: &str, value: &str) -> bool {
    cluster
        .node(node)
        .is_some_and(|n| n.metadata.labels.get(key).is_some_and(|v| v == value))
}

/// Whether the node is cordoned (`spec.unschedulable`).
pub fn cordoned(cluster: &Cluster, node: &str) -> bool {
    cluster.node(node).is_some_and(|n| n.spec.unschedulable)
}

/// The node's Ready condition, as the node-lifecycle controller last set it.
pub fn ready(cluster: &Cluster, node: &str) -> Option<ConditionStatus> {
    cluster.node_runtime(node).map(|r| r.ready)
}

/// Whether the kubelet on the node runs.
pub fn kubelet_running(cluster: &Cluster, node: &str) -> bool {
    cluster
        .node_runtime(node)
        .is_some_and(|r| r.kubelet_running)
}

/// Whether the taint eviction controller marked a pod for deletion whose name
/// `name` accepts (its `TaintManagerEviction` event).
pub fn evicted_by_taint(cluster: &Cluster, name: impl Fn(&str) -> bool) -> bool {
    cluster.events().all().iter().any(|e| {
        e.reason == "TaintManagerEviction"
            && e.message.starts_with("Marking for deletion")
            && e.object.kind == "Pod"
            && name(&e.object.name)
    })
}

/// Whether the kubelet stopped the containers of a pod called `name` (its
/// `Killing` event).
pub fn killed(cluster: &Cluster, name: &str) -> bool {
    cluster
        .events()
        .all()
        .iter()
        .any(|e| e.reason == "Killing" && e.object.kind == "Pod" && e.object.name == name)
}

/// Mirror pods (of static pods) bound to `node`.
pub fn mirror_pods_on<'a>(cluster: &'a Cluster, node: &'a str) -> impl Iterator<Item = &'a Pod> {
    pods_on(cluster, node).filter(|p| p.is_mirror())
}

/// Whether the pod waits for a node: not bound and not being deleted.
pub fn pending(pod: &Pod) -> bool {
    pod.spec.node_name.is_empty() && !pod.is_terminating()
}

/// The messages of the `FailedScheduling` events the scheduler recorded for the pod.
pub fn scheduling_failures<'a>(
    cluster: &'a Cluster,
    pod: &'a Pod,
) -> impl Iterator<Item = &'a str> + 'a {
    cluster
        .events()
        .all()
        .iter()
        .filter(move |e| {
            e.reason == "FailedScheduling"
                && e.object.kind == "Pod"
                && e.object.namespace == pod.metadata.namespace
                && e.object.name == pod.metadata.name
        })
        .map(|e| e.message.as_str())
}

/// The preemptions the pod with `uid` made, as `(node, when)`: one for each of
/// its victims' `Preempted` events (`Preempted by pod UID on node NODE`).
pub fn preemptions_by<'a>(
    cluster: &'a Cluster,
    uid: &'a str,
) -> impl Iterator<Item = (&'a str, Time)> + 'a {
    cluster.events().all().iter().filter_map(move |e| {
        if e.reason != "Preempted" || e.object.kind != "Pod" {
            return None;
        }
        let rest = e.message.strip_prefix("Preempted by pod ")?;
        let (by, node) = rest.split_once(" on node ")?;
        (by == uid).then_some((node, e.first_timestamp))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::{TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

    #[test]
    fn daemon_pods_and_taints_as_the_tutorial_leaves_them() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        assert!(daemon_pod_on(&c, "redis-ds", "worker"));
        assert!(!daemon_pod_on(&c, "redis-ds", "master"));
        assert!(!daemon_pod_on(&c, "other", "worker"));
        assert!(has_taint(
            &c,
            "master",
            "node-role.kubernetes.io/master",
            TaintEffect::NoSchedule
        ));
        assert!(!has_taint(
            &c,
            "master",
            "node-role.kubernetes.io/master",
            TaintEffect::NoExecute
        ));
        let pod = pods_on(&c, "worker").next().expect("a pod");
        assert!(is_daemon_pod(pod));
        assert_eq!(
            daemon_set_of(&c, pod).map(|d| d.metadata.name.as_str()),
            Some("redis-ds")
        );
        assert_eq!(deployment_of(&c, pod), None);
        // The pod carries the DaemonSet's default tolerations, not the master one.
        let tolerations = &pod.spec.tolerations;
        assert!(tolerates(
            tolerations,
            "node.kubernetes.io/unreachable",
            TaintEffect::NoExecute
        ));
        assert!(!tolerates(
            tolerations,
            "node-role.kubernetes.io/master",
            TaintEffect::NoSchedule
        ));
        c.apply(TUTORIAL_DAEMONSET_TOLERATING).expect("applies");
        let ds = c.daemon_sets().next().expect("the DaemonSet");
        assert!(tolerates(
            &ds.spec.template.spec.tolerations,
            "node-role.kubernetes.io/master",
            TaintEffect::NoSchedule
        ));
    }

    #[test]
    fn deployment_pods_are_found_through_their_replica_set() {
        let mut c = Cluster::tutorial();
        let deployment = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
";
        c.apply(deployment).expect("applies");
        assert_eq!(deployment_pods(&c, "web").count(), 2);
        assert_eq!(deployment_pods(&c, "api").count(), 0);
        assert!(!evicted_by_taint(&c, |n| n.starts_with("web-")));
        assert!(!killed(&c, "anything"));
        assert!(!cordoned(&c, "worker"));
        assert_eq!(ready(&c, "worker"), Some(ConditionStatus::True));
        assert!(kubelet_running(&c, "worker"));
        assert!(has_label(&c, "master", "kubernetes.io/hostname", "master"));
        assert!(!has_label(&c, "master", "kubernetes.io/hostname", "worker"));
        assert_eq!(mirror_pods_on(&c, "worker").count(), 0);
    }
}
