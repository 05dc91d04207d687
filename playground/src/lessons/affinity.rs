//! Node selectors and node affinity next to taints: a node must pass both.

use super::checks::{any_daemon_pod_on, daemon_set_of, deployment_pods, has_label, tolerates};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::api::{Pod, TaintEffect};
use taintlab_core::scheduler::node_affinity::required_terms;
use taintlab_core::{Cluster, api::DaemonSet};

const MASTER: &str = "node-role.kubernetes.io/master";

const SELECTING: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disktype: ssd
      containers:
        - name: monitor
          image: busybox
";

const SELECTING_AND_TOLERATING: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disktype: ssd
      tolerations:
        - key: node-role.kubernetes.io/master
          operator: Exists
          effect: NoSchedule
      containers:
        - name: monitor
          image: busybox
";

const PINNED: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: admin-tools
spec:
  replicas: 2
  selector:
    matchLabels:
      app: admin-tools
  template:
    metadata:
      labels:
        app: admin-tools
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - key: node-role.kubernetes.io/master
                    operator: Exists
      tolerations:
        - key: node-role.kubernetes.io/master
          operator: Exists
          effect: NoSchedule
      containers:
        - name: tools
          image: busybox
";

fn labelled(c: &Cluster) -> bool {
    has_label(c, "master", "disktype", "ssd") && has_label(c, "worker-2", "disktype", "ssd")
}

/// The DaemonSet the pod comes from, if its template chooses nodes by label.
fn selecting_daemon_set<'a>(c: &'a Cluster, pod: &Pod) -> Option<&'a DaemonSet> {
    daemon_set_of(c, pod).filter(|ds| {
        let spec = &ds.spec.template.spec;
        !spec.node_selector.is_empty() || required_terms(spec).is_some()
    })
}

/// Whether a pod of a selecting DaemonSet runs on `node`; `tolerating` says
/// whether its template must tolerate the master taint.
fn selecting_pod_on(c: &Cluster, node: &str, tolerating: bool) -> bool {
    any_daemon_pod_on(c, node, |p| {
        selecting_daemon_set(c, p).is_some_and(|ds| {
            !tolerating
                || tolerates(
                    &ds.spec.template.spec.tolerations,
                    MASTER,
                    TaintEffect::NoSchedule,
                )
        })
    })
}

fn selected_only_untainted(c: &Cluster) -> bool {
    labelled(c)
        && selecting_pod_on(c, "worker-2", false)
        && !selecting_pod_on(c, "master", false)
        && !selecting_pod_on(c, "worker-1", false)
}

fn selected_and_tolerated(c: &Cluster) -> bool {
    labelled(c)
        && selecting_pod_on(c, "worker-2", true)
        && selecting_pod_on(c, "master", true)
        && !selecting_pod_on(c, "worker-1", false)
}

/// A Deployment that requires a node by affinity and tolerates the master taint
/// runs two or more pods, all of them on master.
fn pinned_to_master(c: &Cluster) -> bool {
    c.deployments().any(|d| {
        let spec = &d.spec.template.spec;
        if required_terms(spec).is_none()
            || !tolerates(&spec.tolerations, MASTER, TaintEffect::NoSchedule)
        {
            return false;
        }
        let nodes: Vec<&str> = deployment_pods(c, &d.metadata.name)
            .map(|p| p.spec.node_name.as_str())
            .collect();
        nodes.len() >= 2 && nodes.iter().all(|n| *n == "master")
    })
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "affinity",
    title: Text {
        en: "Node selectors, affinity and taints",
        zh: "节点选择器、亲和性与污点",
    },
    summary: Text {
        en: "A node must match the pod's selector and be tolerated: both, not either.",
        zh: "节点既要符合 Pod 的选择器，又要被容忍：缺一不可。",
    },
    intro: Text {
        en: "Two separate questions decide where a pod may run. The pod's `nodeSelector` or \
             node affinity says which nodes it wants; each node's taints say which pods it \
             accepts. A node must pass both. Here the nodes with SSDs will be `master` \
             (tainted) and `worker-2`.",
        zh: "Pod 能在哪里运行，取决于两个互不相干的问题：Pod 的 `nodeSelector` 或节点亲和性\
             说明它想要哪些节点；节点的污点说明它接受哪些 Pod。节点必须两关都过。\
             本课中装有 SSD 的节点是 `master`（带污点）和 `worker-2`。",
    },
    start: "three-nodes",
    setup: "",
    steps: &[
        Step {
            goal: Text {
                en: "Label `master` and `worker-2` with `disktype=ssd`.",
                zh: "给 `master` 和 `worker-2` 打上 `disktype=ssd` 标签。",
            },
            hint: Hint::Shell("kubectl label nodes master worker-2 disktype=ssd"),
            why: Text {
                en: "Labels describe a node; they open or close nothing by themselves.",
                zh: "标签只是描述节点，本身不放行也不拦截任何 Pod。",
            },
            check: labelled,
        },
        Step {
            goal: Text {
                en: "Apply a DaemonSet that selects `disktype: ssd`. It runs on `worker-2` only: \
                     `worker-1` lacks the label, and `master` has the label but also the taint.",
                zh: "应用一个选择 `disktype: ssd` 的 DaemonSet。它只在 `worker-2` 上运行：\
                     `worker-1` 没有这个标签，`master` 有标签却也有污点。",
            },
            hint: Hint::Yaml(SELECTING),
            why: Text {
                en: "The DaemonSet controller checks the selector and the taints for each \
                     node. `master` fails on the taint, `worker-1` on the selector.",
                zh: "DaemonSet 控制器对每个节点既查选择器也查污点。\
                     `master` 卡在污点上，`worker-1` 卡在选择器上。",
            },
            check: selected_only_untainted,
        },
        Step {
            goal: Text {
                en: "Add a toleration for the `master` taint. `master` now passes both tests and \
                     gets a pod; `worker-1` still does not, because a toleration cannot stand \
                     in for a missing label.",
                zh: "加上对 `master` 污点的容忍度。`master` 现在两关都过，分到了一个 Pod；\
                     `worker-1` 仍然没有，因为容忍度替代不了缺失的标签。",
            },
            hint: Hint::Yaml(SELECTING_AND_TOLERATING),
            why: Text {
                en: "Selector and toleration answer different questions, and each node needs \
                     a yes to both.",
                zh: "选择器和容忍度回答的是不同的问题，每个节点两个问题都得是“是”。",
            },
            check: selected_and_tolerated,
        },
        Step {
            goal: Text {
                en: "A toleration allows a node; it never attracts a pod to it. To run a \
                     Deployment on `master` and nowhere else, require `master` by node affinity \
                     and tolerate its taint.",
                zh: "容忍度只是允许 Pod 去某个节点，从不吸引它过去。要让一个 Deployment \
                     只在 `master` 上运行，得用节点亲和性指定 `master`，同时容忍它的污点。",
            },
            hint: Hint::Yaml(PINNED),
            why: Text {
                en: "`requiredDuringSchedulingIgnoredDuringExecution` rules out every node \
                     without the label, and the toleration lets the pods past `master`'s taint: \
                     both replicas land on `master`.",
                zh: "`requiredDuringSchedulingIgnoredDuringExecution` 排除了所有没有该标签的节点，\
                     容忍度让 Pod 越过 `master` 的污点：两个副本都落在 `master` 上。",
            },
            check: pinned_to_master,
        },
    ],
};
