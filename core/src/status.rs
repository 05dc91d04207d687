//! Workload status counters, as the controllers write them into `.status`
//! (`kubectl get ds` / `get deploy` print them).

use crate::api::{DaemonSet, Deployment, Pod};
use crate::cluster::Cluster;
use crate::controller::daemon::DaemonPodTemplate;
use crate::names::compute_hash;

/// `DaemonSet.status`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DaemonSetStatus {
    /// Nodes that should run a daemon pod (DESIRED).
    pub desired_number_scheduled: usize,
    /// Nodes that run one and should (CURRENT).
    pub current_number_scheduled: usize,
    /// Of those, nodes whose pod is ready (READY).
    pub number_ready: usize,
    /// Nodes running the current template's pod (UP-TO-DATE).
    pub updated_number_scheduled: usize,
    /// Nodes whose pod is available, minReadySeconds being 0 (AVAILABLE).
    pub number_available: usize,
    /// Nodes that run a daemon pod but should not.
    pub number_misscheduled: usize,
    /// Desired minus available.
    pub number_unavailable: usize,
}

/// The pods the object with `uid` controls and that are not terminating, in
/// arrival order (from the store's owner index).
fn owned_by<'a>(cluster: &'a Cluster, uid: &'a str) -> impl Iterator<Item = &'a Pod> {
    cluster
        .pods
        .owned_by(uid)
        .filter_map(|seq| cluster.pods.get_seq(seq))
        .filter(|p| !p.is_terminating())
}

/// Models `updateDaemonSetStatus`.
pub fn daemon_set_status(cluster: &Cluster, ds: &DaemonSet) -> DaemonSetStatus {
    let template = DaemonPodTemplate::new(ds);
    let revision = cluster.daemon_set_revision(ds);
    let uid = ds.metadata.uid.as_str();
    let mut status = DaemonSetStatus::default();
    for node in cluster.nodes() {
        let should_run = template.placement_on(node).should_run;
        // The node's pods from the store's index: every pod is read once in all.
        let here: Vec<&Pod> = cluster
            .pods_on_node(&node.metadata.name)
            .filter(|p| {
                !p.is_terminating() && p.metadata.controller_of().is_some_and(|r| r.uid == uid)
            })
            .collect();
        if should_run {
            status.desired_number_scheduled += 1;
            if let Some(pod) = here.first() {
                status.current_number_scheduled += 1;
                if pod.is_ready() {
                    status.number_ready += 1;
                    status.number_available += 1;
                }
                if here
                    .iter()
                    .any(|p| p.metadata.labels.get("controller-revision-hash") == Some(&revision))
                {
                    status.updated_number_scheduled += 1;
                }
            }
        } else if !here.is_empty() {
            status.number_misscheduled += 1;
        }
    }
    status.number_unavailable = status.desired_number_scheduled - status.number_available;
    status
}

/// `Deployment.status` (the columns of `kubectl get deploy`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeploymentStatus {
    /// Desired replicas (`spec.replicas`).
    pub desired: usize,
    /// Pods of all its ReplicaSets.
    pub replicas: usize,
    /// Pods of the current template (UP-TO-DATE).
    pub updated_replicas: usize,
    /// Ready pods (READY, over `desired`).
    pub ready_replicas: usize,
    /// Available pods, minReadySeconds being 0 (AVAILABLE).
    pub available_replicas: usize,
}

/// Models `calculateStatus` in `pkg/controller/deployment/sync.go`.
pub fn deployment_status(cluster: &Cluster, d: &Deployment) -> DeploymentStatus {
    let hash = compute_hash(&d.spec.template);
    // The ReplicaSet the controller takes for the current template.
    let new = cluster
        .replica_sets_of(d, &hash)
        .1
        .and_then(|k| cluster.replica_sets.get(&k))
        .map(|rs| rs.metadata.uid.as_str());
    let mut status = DeploymentStatus {
        desired: usize::try_from(d.replicas()).unwrap_or(0),
        ..Default::default()
    };
    for rs in cluster.replica_sets().filter(|rs| {
        rs.metadata
            .controller_of()
            .is_some_and(|r| r.uid == d.metadata.uid)
    }) {
        let current = new == Some(rs.metadata.uid.as_str());
        for pod in owned_by(cluster, &rs.metadata.uid).filter(|p| p.is_active()) {
            status.replicas += 1;
            if current {
                status.updated_replicas += 1;
            }
            if pod.is_ready() {
                status.ready_replicas += 1;
                status.available_replicas += 1;
            }
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TUTORIAL_DAEMONSET;

    #[test]
    fn tutorial_daemon_set_counts() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        let ds = c.daemon_sets().next().cloned().expect("ds");
        let s = daemon_set_status(&c, &ds);
        assert_eq!(
            (
                s.desired_number_scheduled,
                s.current_number_scheduled,
                s.number_ready
            ),
            (1, 1, 0)
        );
        assert_eq!(s.number_unavailable, 1);
        c.advance(5);
        let s = daemon_set_status(&c, &ds);
        assert_eq!(
            (
                s.number_ready,
                s.updated_number_scheduled,
                s.number_available
            ),
            (1, 1, 1)
        );
        // Remove the master taint, then put it back: the master pod stays (NoSchedule
        // keeps shouldContinueRunning) but shouldRun is false, so it is misscheduled.
        c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: master\n  labels: {node-role.kubernetes.io/master: \"\"}\n").expect("applies");
        c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: master\n  labels: {node-role.kubernetes.io/master: \"\"}\nspec:\n  taints: [{key: node-role.kubernetes.io/master, effect: NoSchedule}]\n").expect("applies");
        let s = daemon_set_status(&c, &ds);
        assert_eq!((s.desired_number_scheduled, s.number_misscheduled), (1, 1));
    }

    #[test]
    fn deployment_counts() {
        let mut c = Cluster::tutorial();
        c.apply("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: nginx, image: nginx}\n").expect("applies");
        let d = c.deployments().next().cloned().expect("deployment");
        assert_eq!(
            deployment_status(&c, &d),
            DeploymentStatus {
                desired: 2,
                replicas: 2,
                updated_replicas: 2,
                ready_replicas: 0,
                available_replicas: 0
            }
        );
        c.advance(5);
        assert_eq!(deployment_status(&c, &d).available_replicas, 2);
    }
}

/// One node condition as `kubectl describe node` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeCondition {
    /// e.g. `Ready`.
    pub type_: &'static str,
    /// `True`, `False` or `Unknown`.
    pub status: &'static str,
    /// The last heartbeat the control plane saw.
    pub last_heartbeat: crate::clock::Time,
    /// When the status last changed.
    pub last_transition: crate::clock::Time,
    /// e.g. `KubeletReady`.
    pub reason: &'static str,
    /// e.g. `kubelet is posting ready status`.
    pub message: &'static str,
}

/// What a node reports in `.status` beyond its conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeStatus {
    /// Conditions in kubelet order: MemoryPressure, DiskPressure, PIDPressure, Ready.
    pub conditions: Vec<NodeCondition>,
    /// `InternalIP`.
    pub internal_ip: String,
    /// `Hostname` (the node name).
    pub hostname: String,
    /// `spec.podCIDR`.
    pub pod_cidr: String,
    /// `nodeInfo.kubeletVersion`, e.g. `v1.36.0`.
    pub kubelet_version: String,
    /// `nodeInfo.containerRuntimeVersion`.
    pub container_runtime_version: &'static str,
    /// `nodeInfo.osImage`.
    pub os_image: &'static str,
    /// `nodeInfo.kernelVersion`.
    pub kernel_version: &'static str,
}

/// Models the kubelet's node status setters (`pkg/kubelet/nodestatus/setters.go`)
/// and, for a node that stopped reporting, the node-lifecycle controller's
/// `NodeStatusUnknown` conditions.
pub fn node_status(cluster: &Cluster, name: &str) -> Option<NodeStatus> {
    use crate::cluster::ConditionStatus;
    let node = cluster.node(name)?;
    let runtime = cluster.node_runtime(name)?;
    let heartbeat = runtime.last_heartbeat(cluster.now());
    let since = node.metadata.created;
    let unknown = runtime.ready == ConditionStatus::Unknown;
    let pressure = |type_: &'static str, reason: &'static str, message: &'static str| {
        if unknown {
            NodeCondition {
                type_,
                status: "Unknown",
                last_heartbeat: heartbeat,
                last_transition: runtime.ready_since,
                reason: "NodeStatusUnknown",
                message: "Kubelet stopped posting node status.",
            }
        } else {
            NodeCondition {
                type_,
                status: "False",
                last_heartbeat: heartbeat,
                last_transition: since,
                reason,
                message,
            }
        }
    };
    let mut conditions = vec![
        pressure(
            "MemoryPressure",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        pressure(
            "DiskPressure",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        pressure(
            "PIDPressure",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
    ];
    conditions.push(match runtime.ready {
        ConditionStatus::True => NodeCondition {
            type_: "Ready",
            status: "True",
            last_heartbeat: heartbeat,
            last_transition: runtime.ready_since,
            reason: "KubeletReady",
            message: "kubelet is posting ready status",
        },
        ConditionStatus::False => NodeCondition {
            type_: "Ready",
            status: "False",
            last_heartbeat: heartbeat,
            last_transition: runtime.ready_since,
            reason: "KubeletNotReady",
            message: "container runtime is down",
        },
        ConditionStatus::Unknown => NodeCondition {
            type_: "Ready",
            status: "Unknown",
            last_heartbeat: heartbeat,
            last_transition: runtime.ready_since,
            reason: "NodeStatusUnknown",
            message: "Kubelet stopped posting node status.",
        },
    });
    let version = cluster.version();
    Some(NodeStatus {
        conditions,
        internal_ip: runtime.internal_ip.clone(),
        hostname: name.to_string(),
        pod_cidr: runtime.pod_cidr.clone(),
        kubelet_version: version.git_version(),
        container_runtime_version: "containerd://2.1.1",
        os_image: "Debian GNU/Linux 12 (bookworm)",
        kernel_version: "6.8.0-45-generic",
    })
}

#[cfg(test)]
mod node_status_tests {
    use super::*;
    use crate::clock::Time;

    #[test]
    fn ready_then_unknown() {
        let mut c = Cluster::tutorial();
        let s = node_status(&c, "worker").expect("status");
        assert_eq!(
            s.conditions.iter().map(|c| c.type_).collect::<Vec<_>>(),
            ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]
        );
        assert_eq!(
            (s.conditions[3].status, s.conditions[3].reason),
            ("True", "KubeletReady")
        );
        assert_eq!(s.kubelet_version, "v1.36.0");
        c.advance(20);
        c.stop_kubelet("worker");
        c.advance(120);
        let s = node_status(&c, "worker").expect("status");
        assert!(
            s.conditions
                .iter()
                .all(|c| c.status == "Unknown"
                    && c.message == "Kubelet stopped posting node status.")
        );
        assert_eq!(s.conditions[3].last_heartbeat, Time::from_secs(20));
        assert!(node_status(&c, "nope").is_none());
    }
}
