//! A node as `kubectl describe node` tells it (`describe.go: describeNode`), as data
//! for a readable layout: each taint with where it comes from and which of the
//! node's pods tolerate it, conditions, what is allocatable and requested, the pods.

use super::resources::{allocatable, non_terminated_pods, percent, totals};
use super::subject::Subject;
use crate::Cluster;
use crate::api::{Quantity, TaintEffect};
use crate::cluster::ConditionStatus;
use crate::status::{NodeCondition, node_status};
use crate::view::pod_status_text;

/// Who puts a well-known taint on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaintOrigin {
    /// kubeadm's control-plane taint (`node-role.kubernetes.io/master` before v1.24's
    /// rename, `node-role.kubernetes.io/control-plane` after), so that ordinary
    /// workloads stay off the control plane.
    ControlPlane,
    /// `spec.unschedulable` (`kubectl cordon`), mirrored as a taint by the
    /// node-lifecycle controller.
    Cordon,
    /// A node condition, mirrored as a taint by the node-lifecycle controller
    /// (`nodeConditionToTaintKeyStatusMap`), e.g. `Ready` `False` for `not-ready`.
    Condition {
        /// The condition type.
        condition: &'static str,
        /// The status that brings the taint.
        status: &'static str,
    },
}

impl TaintOrigin {
    /// The origin of a taint with `key`, if it is a well-known one.
    pub fn of(key: &str) -> Option<TaintOrigin> {
        let condition = |condition, status| Some(TaintOrigin::Condition { condition, status });
        match key {
            "node-role.kubernetes.io/master" | "node-role.kubernetes.io/control-plane" => {
                Some(TaintOrigin::ControlPlane)
            }
            "node.kubernetes.io/unschedulable" => Some(TaintOrigin::Cordon),
            "node.kubernetes.io/not-ready" => condition("Ready", "False"),
            "node.kubernetes.io/unreachable" => condition("Ready", "Unknown"),
            "node.kubernetes.io/memory-pressure" => condition("MemoryPressure", "True"),
            "node.kubernetes.io/disk-pressure" => condition("DiskPressure", "True"),
            "node.kubernetes.io/pid-pressure" => condition("PIDPressure", "True"),
            "node.kubernetes.io/network-unavailable" => condition("NetworkUnavailable", "True"),
            _ => None,
        }
    }
}

/// One taint of the node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaintInfo {
    /// `Taint.ToString`, e.g. `node-role.kubernetes.io/master:NoSchedule`.
    pub text: String,
    /// The key.
    pub key: String,
    /// The effect.
    pub effect: TaintEffect,
    /// Who puts it there, for well-known keys.
    pub origin: Option<TaintOrigin>,
    /// The node's pods that tolerate it.
    pub tolerated_by: Vec<Subject>,
    /// The node's pods that do not: under NoSchedule or PreferNoSchedule they stay
    /// (only NoExecute evicts); under NoExecute they are about to go.
    pub not_tolerated_by: Vec<Subject>,
}

/// One resource: what the node offers and what its pods ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceUse {
    /// `cpu`, `memory`, `pods`...
    pub resource: String,
    /// `status.allocatable` (taintlab reserves nothing: capacity is the same).
    pub allocatable: Quantity,
    /// The sum of the pods' requests (for `pods`, the number of pods).
    pub requests: Quantity,
    /// Requests as a percentage of allocatable, truncated as kubectl does.
    pub requests_percent: i64,
    /// The sum of the pods' limits; `None` for `pods`, which has none.
    pub limits: Option<Quantity>,
    /// Limits as a percentage of allocatable (may pass 100: overcommitted).
    pub limits_percent: i64,
}

/// A pod on the node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodePod {
    /// The pod.
    pub pod: Subject,
    /// Its controller's kind (`DaemonSet`, `ReplicaSet`, `Node` for a mirror pod).
    pub owner_kind: Option<String>,
    /// `kubectl get pods` STATUS.
    pub status: String,
    /// CPU requested.
    pub cpu: Quantity,
    /// Memory requested.
    pub memory: Quantity,
    /// Seconds until its NoExecute eviction, if one is scheduled.
    pub evict_in: Option<u64>,
}

/// A node, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeExplanation {
    /// The node's name.
    pub name: String,
    /// Roles from the `node-role.kubernetes.io/*` labels.
    pub roles: Vec<String>,
    /// Labels, by key.
    pub labels: Vec<(String, String)>,
    /// `kubectl get nodes` STATUS: `Ready`, `NotReady`, with `,SchedulingDisabled`.
    pub status: String,
    /// `spec.unschedulable` (cordoned).
    pub unschedulable: bool,
    /// Whether the kubelet runs.
    pub kubelet_running: bool,
    /// Taints, in node order.
    pub taints: Vec<TaintInfo>,
    /// Conditions, as the kubelet (or the node-lifecycle controller) reports them.
    pub conditions: Vec<NodeCondition>,
    /// The `InternalIP` address.
    pub internal_ip: Option<String>,
    /// The kubelet's version.
    pub kubelet_version: Option<String>,
    /// cpu, memory, pods, then any other allocatable resource.
    pub resources: Vec<ResourceUse>,
    /// The non-terminated pods bound to it, by namespace and name.
    pub pods: Vec<NodePod>,
}

/// Whether a node condition is in its healthy state: `Ready` when `True`, the
/// others (the pressures, `NetworkUnavailable`) when `False`.
pub fn condition_healthy(condition: &NodeCondition) -> bool {
    if condition.type_ == "Ready" {
        condition.status == "True"
    } else {
        condition.status == "False"
    }
}

/// The resources kubectl lists first, in its order; others follow by name.
const FIRST: [&str; 3] = ["cpu", "memory", "pods"];

/// Explains node `name`; `None` if there is no such node.
pub fn explain_node(cluster: &Cluster, name: &str) -> Option<NodeExplanation> {
    let node = cluster.node(name)?;
    let pods = non_terminated_pods(cluster, name);
    let subject = |p: &crate::api::Pod| Subject::Pod {
        namespace: p.metadata.namespace.clone(),
        name: p.metadata.name.clone(),
    };
    let taints = node
        .spec
        .taints
        .iter()
        .map(|taint| {
            let (tolerated, not_tolerated): (Vec<_>, Vec<_>) = pods
                .iter()
                .partition(|p| p.spec.tolerations.iter().any(|t| t.tolerates(taint)));
            TaintInfo {
                text: taint.to_string(),
                key: taint.key.clone(),
                effect: taint.effect,
                origin: TaintOrigin::of(&taint.key),
                tolerated_by: tolerated.into_iter().map(&subject).collect(),
                not_tolerated_by: not_tolerated.into_iter().map(&subject).collect(),
            }
        })
        .collect();
    let runtime = cluster.node_runtime(name);
    let ready = match runtime.map(|r| r.ready) {
        Some(ConditionStatus::True) | None => "Ready",
        Some(_) => "NotReady",
    };
    let status = node_status(cluster, name);
    Some(NodeExplanation {
        name: name.to_string(),
        roles: node.roles(),
        labels: node
            .metadata
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        status: if node.spec.unschedulable {
            format!("{ready},SchedulingDisabled")
        } else {
            ready.to_string()
        },
        unschedulable: node.spec.unschedulable,
        kubelet_running: runtime.is_none_or(|r| r.kubelet_running),
        taints,
        conditions: status
            .as_ref()
            .map(|s| s.conditions.clone())
            .unwrap_or_default(),
        internal_ip: status.as_ref().map(|s| s.internal_ip.clone()),
        kubelet_version: status.as_ref().map(|s| s.kubelet_version.clone()),
        resources: resources(node, &pods),
        pods: pods
            .iter()
            .map(|p| {
                let (requests, _) = totals(std::slice::from_ref(p));
                let get = |r: &str| requests.get(r).copied().unwrap_or_default();
                NodePod {
                    pod: subject(p),
                    owner_kind: p.metadata.controller_of().map(|r| r.kind.clone()),
                    status: pod_status_text(p),
                    cpu: get("cpu"),
                    memory: get("memory"),
                    evict_in: cluster
                        .eviction_deadline(&p.metadata.uid)
                        .map(|t| t.millis_since(cluster.now()).div_ceil(1000)),
                }
            })
            .collect(),
    })
}

/// Models `describeNodeResource`'s arithmetic: requests and limits summed over the
/// pods, as a share of allocatable (CPU in millicores, the rest in units).
fn resources(node: &crate::api::Node, pods: &[&crate::api::Pod]) -> Vec<ResourceUse> {
    let allocatable = allocatable(node);
    let (requests, limits) = totals(pods);
    let get = |m: &std::collections::BTreeMap<String, Quantity>, r: &str| {
        m.get(r).copied().unwrap_or_default()
    };
    let share = |part: Quantity, whole: Quantity, milli: bool| {
        let (part, whole) = if milli {
            (part.milli_value(), whole.milli_value())
        } else {
            (part.value(), whole.value())
        };
        if whole == 0 { 0 } else { percent(part, whole) }
    };
    let mut names: Vec<&String> = allocatable.keys().collect();
    names.sort_by_key(|r| {
        (
            FIRST.iter().position(|f| f == r).unwrap_or(FIRST.len()),
            r.as_str(),
        )
    });
    names
        .into_iter()
        .map(|resource| {
            let whole = get(&allocatable, resource);
            let milli = resource == "cpu";
            if resource == "pods" {
                let count = Quantity::from_units(pods.len() as i64);
                return ResourceUse {
                    resource: resource.clone(),
                    allocatable: whole,
                    requests: count,
                    requests_percent: share(count, whole, false),
                    limits: None,
                    limits_percent: 0,
                };
            }
            let (r, l) = (get(&requests, resource), get(&limits, resource));
            ResourceUse {
                resource: resource.clone(),
                allocatable: whole,
                requests: r,
                requests_percent: share(r, whole, milli),
                limits: Some(l),
                limits_percent: share(l, whole, milli),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TUTORIAL_DAEMONSET;

    #[test]
    fn the_master_taint_comes_from_the_control_plane() {
        let c = Cluster::tutorial();
        let master = explain_node(&c, "master").expect("explained");
        assert_eq!(master.roles, ["master"]);
        let taint = &master.taints[0];
        assert_eq!(taint.text, "node-role.kubernetes.io/master:NoSchedule");
        assert_eq!(taint.effect, TaintEffect::NoSchedule);
        assert_eq!(taint.origin, Some(TaintOrigin::ControlPlane));
        assert_eq!(master.status, "Ready");
        assert!(master.conditions.iter().all(condition_healthy));
        assert!(master.pods.is_empty());
        assert!(explain_node(&c, "nope").is_none());
    }

    #[test]
    fn a_silent_kubelet_turns_the_node_unhealthy_and_tainted() {
        let mut c = Cluster::tutorial();
        c.stop_kubelet("worker");
        c.advance(60);
        let worker = explain_node(&c, "worker").expect("explained");
        assert!(!worker.kubelet_running);
        assert_eq!(worker.status, "NotReady");
        let ready = worker
            .conditions
            .iter()
            .find(|c| c.type_ == "Ready")
            .expect("a Ready condition");
        assert!(!condition_healthy(ready));
        assert!(
            worker.taints.iter().any(|t| t.origin
                == Some(TaintOrigin::Condition {
                    condition: "Ready",
                    status: "Unknown"
                })),
            "{:?}",
            worker.taints
        );
    }

    #[test]
    fn cordon_and_not_ready_taints_are_told_apart() {
        assert_eq!(
            TaintOrigin::of("node.kubernetes.io/unschedulable"),
            Some(TaintOrigin::Cordon)
        );
        assert_eq!(
            TaintOrigin::of("node.kubernetes.io/unreachable"),
            Some(TaintOrigin::Condition {
                condition: "Ready",
                status: "Unknown"
            })
        );
        assert_eq!(TaintOrigin::of("dedicated"), None);
    }

    #[test]
    fn requests_and_tolerating_pods_are_counted() {
        let mut c = Cluster::tutorial();
        c.apply(TUTORIAL_DAEMONSET).expect("applies");
        c.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests: {cpu: 500m, memory: 1Gi}\n      limits: {cpu: \"1\"}\n")
            .expect("applies");
        c.apply("apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  taints:\n  - {key: dedicated, value: db, effect: NoSchedule}\n")
            .expect("applies");
        let worker = explain_node(&c, "worker").expect("explained");
        assert_eq!(worker.pods.len(), 2);
        let names: Vec<String> = worker.pods.iter().map(|p| p.pod.label()).collect();
        assert_eq!(names[0], "big");
        assert_eq!(worker.pods[0].cpu.to_string(), "500m");
        assert_eq!(worker.pods[1].owner_kind.as_deref(), Some("DaemonSet"));
        let cpu = &worker.resources[0];
        assert_eq!(cpu.resource, "cpu");
        // 500m of 4 cores, truncated; the limit is 1 core.
        assert_eq!((cpu.requests_percent, cpu.limits_percent), (12, 25));
        let pods = worker
            .resources
            .iter()
            .find(|r| r.resource == "pods")
            .expect("a pods row");
        assert_eq!((pods.requests.value(), pods.limits), (2, None));
        // Nobody tolerates the new NoSchedule taint, and it evicts no one.
        let taint = &worker.taints[0];
        assert_eq!(taint.origin, None);
        assert!(taint.tolerated_by.is_empty());
        assert_eq!(taint.not_tolerated_by.len(), 2);
    }
}
