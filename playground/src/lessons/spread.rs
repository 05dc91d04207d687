//! Spreading replicas over nodes and zones: the default spreading, required pod
//! anti-affinity per node, and a topology spread constraint over zones.

use super::Hint;
use super::Lesson;
use super::Step;
use super::Text;
use super::checks::deployment_pods;
use super::checks::pending;
use super::checks::scheduling_failures;
use std::collections::BTreeMap;
use taintlab_core::Cluster;
use taintlab_core::api::Deployment;
use taintlab_core::api::Pod;

const HOSTNAME: &str = "kubernetes.io/hostname";
const ZONE: &str = "topology.kubernetes.io/zone";

/// The workers in two zones: `worker-1` and `worker-2` in `zone-a`, `worker-3`
/// alone in `zone-b`. Applying a Node sets its labels as written, so each keeps
/// the labels the kubelet gave it.
const SETUP: &str = "apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: worker-1
    kubernetes.io/os: linux
    topology.kubernetes.io/zone: zone-a
---
apiVersion: v1
kind: Node
metadata:
  name: worker-2
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: worker-2
    kubernetes.io/os: linux
    topology.kubernetes.io/zone: zone-a
---
apiVersion: v1
kind: Node
metadata:
  name: worker-3
  labels:
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: worker-3
    kubernetes.io/os: linux
    topology.kubernetes.io/zone: zone-b
";

const ANTI_AFFINITY: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 4
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchLabels:
                  app: cache
              topologyKey: kubernetes.io/hostname
      containers:
        - name: cache
          image: redis:7-alpine
";

const ZONE_SPREAD: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 6
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: shop
      containers:
        - name: shop
          image: nginx
";

/// The node's zone, if it has one.
fn zone_of<'a>(c: &'a Cluster, node: &str) -> Option<&'a str> {
    c.node(node)
        .and_then(|n| n.metadata.labels.get(ZONE))
        .map(String::as_str)
}

/// The Deployment's pods, if it has some and every one is bound.
fn all_bound<'a>(c: &'a Cluster, d: &'a Deployment) -> Option<Vec<&'a Pod>> {
    let pods: Vec<&Pod> = deployment_pods(c, &d.metadata.name).collect();
    (!pods.is_empty() && pods.iter().all(|p| !pending(p))).then_some(pods)
}

/// A Deployment without placement rules of its own runs pods on every node that
/// has a zone, all of them bound.
fn spread_by_default(c: &Cluster) -> bool {
    let zoned: Vec<&str> = c
        .nodes()
        .filter(|n| n.metadata.labels.contains_key(ZONE))
        .map(|n| n.metadata.name.as_str())
        .collect();
    !zoned.is_empty()
        && c.deployments().any(|d| {
            let spec = &d.spec.template.spec;
            if spec.affinity.is_some() || !spec.topology_spread_constraints.is_empty() {
                return false;
            }
            all_bound(c, d).is_some_and(|pods| {
                zoned
                    .iter()
                    .all(|node| pods.iter().any(|p| p.spec.node_name == *node))
            })
        })
}

/// Whether the template keeps its pods apart per node: a required pod
/// anti-affinity term over the hostname that matches the template's own labels.
fn apart_per_node(d: &Deployment) -> bool {
    let template = &d.spec.template;
    template
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.pod_anti_affinity.as_ref())
        .is_some_and(|anti| {
            anti.required_during_scheduling_ignored_during_execution
                .iter()
                .any(|term| {
                    term.topology_key == HOSTNAME
                        && term
                            .label_selector
                            .as_ref()
                            .is_some_and(|s| s.matches(&template.metadata.labels))
                })
        })
}

/// A Deployment with required anti-affinity per node runs at most one pod on
/// each node, on two or more nodes, and a pod of it waits with the scheduler's
/// anti-affinity reason.
fn one_per_node(c: &Cluster) -> bool {
    c.deployments().filter(|d| apart_per_node(d)).any(|d| {
        let pods: Vec<&Pod> = deployment_pods(c, &d.metadata.name).collect();
        let mut nodes: Vec<&str> = pods
            .iter()
            .filter(|p| !pending(p))
            .map(|p| p.spec.node_name.as_str())
            .collect();
        let bound = nodes.len();
        nodes.sort_unstable();
        nodes.dedup();
        bound >= 2
            && nodes.len() == bound
            && pods.iter().any(|p| {
                pending(p)
                    && scheduling_failures(c, p)
                        .any(|m| m.contains("didn't match pod anti-affinity rules"))
            })
    })
}

/// Whether the template spreads its pods over zones as a hard rule.
fn spread_over_zones(d: &Deployment) -> bool {
    d.spec
        .template
        .spec
        .topology_spread_constraints
        .iter()
        .any(|t| t.topology_key == ZONE && t.when_unsatisfiable == "DoNotSchedule")
}

/// A Deployment spread over zones as a hard rule has every pod bound, four or
/// more, in zones whose counts differ by one at most, and uses every zone.
fn balanced_zones(c: &Cluster) -> bool {
    let zones: BTreeMap<&str, usize> = c
        .nodes()
        .filter_map(|n| n.metadata.labels.get(ZONE))
        .map(|z| (z.as_str(), 0))
        .collect();
    zones.len() >= 2
        && c.deployments().filter(|d| spread_over_zones(d)).any(|d| {
            let Some(pods) = all_bound(c, d) else {
                return false;
            };
            let mut counts = zones.clone();
            for pod in &pods {
                if let Some(n) = zone_of(c, &pod.spec.node_name).and_then(|z| counts.get_mut(z)) {
                    *n += 1;
                }
            }
            let (least, most) = (counts.values().min(), counts.values().max());
            pods.len() >= 4 && least.is_some_and(|l| *l > 0 && most.is_some_and(|m| m - l <= 1))
        })
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "spread-zones",
    title: Text {
        en: "Spreading pods across nodes and zones",
        zh: "把 Pod 分散到各节点和可用区",
    },
    summary: Text {
        en: "Default spreading, one replica per node with anti-affinity, and balanced zones.",
        zh: "默认的分散、用反亲和性做到每个节点一个副本，以及可用区之间的均衡。",
    },
    intro: Text {
        en: "Replicas protect you only if they do not fail together. Here three workers sit \
             in two zones, as the label `topology.kubernetes.io/zone` says (cloud providers \
             set it on every node): `worker-1` and `worker-2` in `zone-a`, `worker-3` alone \
             in `zone-b`. `master` keeps its taint and belongs to no zone. You will see how \
             far the scheduler spreads pods on its own, then ask for one replica per node, \
             then for zones in balance.",
        zh: "副本要能互相兜底，前提是它们不会一起倒下。这个集群的三个 worker 分属两个可用区，\
             由 `topology.kubernetes.io/zone` 标签标明（云厂商会给每个节点打上它）：\
             `worker-1` 和 `worker-2` 在 `zone-a`，`worker-3` 独自在 `zone-b`。\
             `master` 仍带着污点，也不属于任何可用区。本课先看调度器自己会把 Pod 分散到什么程度，\
             再要求每个节点只放一个副本，最后要求两个可用区保持均衡。",
    },
    start: "three-nodes",
    setup: SETUP,
    steps: &[
        Step {
            goal: Text {
                en: "Run `web` with six replicas and no placement rules. Each worker gets two, \
                     which leaves four in `zone-a` and only two in `zone-b` (try \
                     `kubectl get pods -o wide` and `kubectl get nodes -L topology.kubernetes.io/zone`).",
                zh: "不加任何调度规则，运行六个副本的 `web`。每个 worker 各分到两个，\
                     结果 `zone-a` 有四个，`zone-b` 只有两个（可以用 `kubectl get pods -o wide` \
                     和 `kubectl get nodes -L topology.kubernetes.io/zone` 查看）。",
            },
            hint: Hint::Yaml(web_deployment!(6)),
            why: Text {
                en: "A pod of a ReplicaSet without spread rules of its own gets the \
                     PodTopologySpread plugin's default constraints: over \
                     `kubernetes.io/hostname` with maxSkew 3 and over zones with maxSkew 5, \
                     both `ScheduleAnyway`. They only add to the scores, so the scheduler \
                     prefers nodes with fewer `web` pods but never turns one away. Even nodes \
                     are not even zones: if `zone-a` goes down, four of the six replicas go \
                     with it.",
                zh: "ReplicaSet 的 Pod 如果自己没写分散规则，PodTopologySpread 插件会给它套上默认约束：\
                     按 `kubernetes.io/hostname` 分散（maxSkew 3），按可用区分散（maxSkew 5），\
                     两条都是 `ScheduleAnyway`。它们只参与打分，调度器因此偏爱 `web` Pod \
                     较少的节点，但不会因此拒绝任何节点。节点之间平均，不等于可用区之间平均：\
                     `zone-a` 一旦整体故障，六个副本会一下子少掉四个。",
            },
            check: spread_by_default,
        },
        Step {
            goal: Text {
                en: "Apply `cache`: four replicas that refuse to share a node (a required \
                     `podAntiAffinity` term over `kubernetes.io/hostname`). Three run, one per \
                     worker; the fourth stays Pending, and `kubectl describe pod` shows why.",
                zh: "应用 `cache`：四个副本，彼此不肯共用一个节点（一条以 `kubernetes.io/hostname` \
                     为拓扑键的必需 `podAntiAffinity`）。三个副本各占一个 worker，\
                     第四个一直 Pending，`kubectl describe pod` 会告诉你原因。",
            },
            hint: Hint::Yaml(ANTI_AFFINITY),
            why: Text {
                en: "The InterPodAffinity plugin's filter rules out every node whose hostname \
                     domain, that is the node itself, already runs a pod the term selects. \
                     Once each worker has a `cache` pod, the fourth gets a FailedScheduling \
                     event with `3 node(s) didn't match pod anti-affinity rules`. Preemption \
                     cannot help either: the pods in the way have the same priority. A \
                     required rule caps the replicas at the number of nodes; \
                     `preferredDuringSchedulingIgnoredDuringExecution` would only steer.",
                zh: "InterPodAffinity 插件的过滤阶段会排除这样的节点：它的 hostname 拓扑域\
                     （也就是节点本身）里已经有一个被该规则选中的 Pod。每个 worker 都有了 `cache` \
                     Pod 之后，第四个副本收到 FailedScheduling 事件，写着 \
                     `3 node(s) didn't match pod anti-affinity rules`。抢占也帮不上忙：\
                     挡路的 Pod 优先级和它一样。必需的反亲和性让副本数最多等于节点数；\
                     换成 `preferredDuringSchedulingIgnoredDuringExecution` 就只是倾向，不再强制。",
            },
            check: one_per_node,
        },
        Step {
            goal: Text {
                en: "Apply `shop`: six replicas with a topology spread constraint over zones, \
                     `maxSkew: 1` and `whenUnsatisfiable: DoNotSchedule`. Each zone gets three, \
                     so `worker-3` alone carries half of them.",
                zh: "应用 `shop`：六个副本，带一条按可用区分散的拓扑分布约束，`maxSkew: 1`，\
                     `whenUnsatisfiable: DoNotSchedule`。两个可用区各分到三个，\
                     于是 `worker-3` 一个节点就扛了一半。",
            },
            hint: Hint::Yaml(ZONE_SPREAD),
            why: Text {
                en: "The PodTopologySpread plugin counts the pods the constraint selects in \
                     each zone. A node passes the filter only if one more pod in its zone \
                     leaves that zone at most `maxSkew` above the emptiest zone; \
                     `DoNotSchedule` makes this a hard rule, where `ScheduleAnyway` would only \
                     score. `master` has no zone label, so it is no part of any zone and is \
                     left out. The rule speaks of zones only: how the three pods of `zone-a` \
                     split between its two nodes is up to the scores.",
                zh: "PodTopologySpread 插件会数出每个可用区里被约束选中的 Pod。只有当某个节点所在的\
                     可用区再多一个 Pod 后，仍然不比最空的可用区多出 `maxSkew` 以上，\
                     这个节点才能通过过滤。`DoNotSchedule` 让它成为硬性规则，\
                     `ScheduleAnyway` 则只影响打分。`master` 没有可用区标签，不属于任何可用区，\
                     因此被排除在外。这条规则只管可用区：`zone-a` 的三个 Pod 在两个节点间怎么分，\
                     由打分决定。",
            },
            check: balanced_zones,
        },
    ],
};
