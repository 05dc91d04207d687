//! The v1.24 rename (KEP-2067): kubeadm's control-plane taint under its new key.

use super::checks::{any_daemon_pod_on, daemon_set_of, has_taint, tolerates};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::api::{Pod, TaintEffect};
use taintlab_core::{Cluster, TUTORIAL_DAEMONSET_TOLERATING};

const MASTER: &str = "node-role.kubernetes.io/master";
const CONTROL_PLANE: &str = "node-role.kubernetes.io/control-plane";
const NODE: &str = "kind-control-plane";

const BOTH_TOLERATIONS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: redis-ds
  labels:
    app: redis-ds
spec:
  selector:
    matchLabels:
      name: redis-ds
  template:
    metadata:
      labels:
        name: redis-ds
    spec:
      containers:
        - image: redis:5-alpine
          name: redis
          ports:
            - containerPort: 6379
      tolerations:
        - key: node-role.kubernetes.io/master
          effect: NoSchedule
          operator: Exists
        - key: node-role.kubernetes.io/control-plane
          effect: NoSchedule
          operator: Exists
";

/// Whether the pod, and the template of the DaemonSet it comes from, tolerate the
/// control-plane taint `key`.
fn pod_and_template_tolerate(c: &Cluster, pod: &Pod, key: &str) -> bool {
    tolerates(&pod.spec.tolerations, key, TaintEffect::NoSchedule)
        && daemon_set_of(c, pod).is_some_and(|ds| {
            tolerates(
                &ds.spec.template.spec.tolerations,
                key,
                TaintEffect::NoSchedule,
            )
        })
}

/// A DaemonSet tolerating only the old key runs on the worker and not on the
/// control plane, which still carries both taints.
fn old_toleration_not_enough(c: &Cluster) -> bool {
    has_taint(c, NODE, CONTROL_PLANE, TaintEffect::NoSchedule)
        && any_daemon_pod_on(c, "kind-worker", |p| {
            pod_and_template_tolerate(c, p, MASTER)
        })
        && !any_daemon_pod_on(c, NODE, |_| true)
}

fn both_tolerated(c: &Cluster) -> bool {
    has_taint(c, NODE, MASTER, TaintEffect::NoSchedule)
        && has_taint(c, NODE, CONTROL_PLANE, TaintEffect::NoSchedule)
        && any_daemon_pod_on(c, NODE, |p| {
            pod_and_template_tolerate(c, p, MASTER)
                && pod_and_template_tolerate(c, p, CONTROL_PLANE)
        })
}

fn old_taint_gone(c: &Cluster) -> bool {
    !has_taint(c, NODE, MASTER, TaintEffect::NoSchedule)
        && has_taint(c, NODE, CONTROL_PLANE, TaintEffect::NoSchedule)
        && any_daemon_pod_on(c, NODE, |p| pod_and_template_tolerate(c, p, CONTROL_PLANE))
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "control-plane",
    title: Text {
        en: "v1.24: the control-plane taint",
        zh: "v1.24：control-plane 污点",
    },
    summary: Text {
        en: "The control-plane taint that replaced master, and a toleration for both.",
        zh: "取代 master 的 control-plane 污点，以及同时容忍两者的写法。",
    },
    intro: Text {
        en: "Kubernetes moved away from the word `master`. kubeadm has labelled control-plane \
             nodes `node-role.kubernetes.io/control-plane` since v1.20, and since v1.24 it \
             taints them with that key as well. v1.24 itself kept the old `master` taint next \
             to the new one; from v1.25 on only the new one is left. This kind cluster runs \
             v1.24, so `kind-control-plane` carries both taints.",
        zh: "Kubernetes 逐步弃用 `master` 这个词。kubeadm 从 v1.20 起给控制平面节点打上 \
             `node-role.kubernetes.io/control-plane` 标签，从 v1.24 起也用这个键打污点。\
             v1.24 本身同时保留旧的 `master` 污点和新污点；从 v1.25 起只剩新污点。\
             这个 kind 集群运行 v1.24，所以 `kind-control-plane` 两个污点都有。",
    },
    start: "kind-1.24",
    setup: "",
    steps: &[
        Step {
            goal: Text {
                en: "Apply the previous lesson's DaemonSet, which tolerates the `master` taint. \
                     Its pod starts on `kind-worker` only: the control-plane taint is not \
                     tolerated.",
                zh: "应用上一课那个容忍 `master` 污点的 DaemonSet。它的 Pod 只在 `kind-worker` \
                     上启动：control-plane 污点没有被容忍。",
            },
            hint: Hint::Yaml(TUTORIAL_DAEMONSET_TOLERATING),
            why: Text {
                en: "A pod must tolerate every NoSchedule and NoExecute taint of a node. One \
                     toleration out of two leaves the node closed.",
                zh: "Pod 必须容忍节点上的每一个 NoSchedule 和 NoExecute 污点。\
                     两个只容忍了一个，节点依然不接纳它。",
            },
            check: old_toleration_not_enough,
        },
        Step {
            goal: Text {
                en: "Tolerate both keys. The DaemonSet's pod now runs on `kind-control-plane` \
                     too.",
                zh: "同时容忍两个键。DaemonSet 的 Pod 现在也会在 `kind-control-plane` 上运行。",
            },
            hint: Hint::Yaml(BOTH_TOLERATIONS),
            why: Text {
                en: "With both tolerations the same manifest works on clusters from before, \
                     during and after the rename. kubeadm's own CoreDNS carried both until \
                     v1.26 for that reason.",
                zh: "同时写上两个容忍度，同一份清单在改名之前、之中、之后的集群上都能用。\
                     kubeadm 自带的 CoreDNS 出于同样的原因，直到 v1.26 都同时带着两者。",
            },
            check: both_tolerated,
        },
        Step {
            goal: Text {
                en: "Upgrading to v1.25 removes the old taint. Remove it by hand to see the \
                     node as it would be: the DaemonSet's pods stay where they are.",
                zh: "升级到 v1.25 时旧污点会被移除。手动删掉它，看看节点升级后的样子：\
                     DaemonSet 的 Pod 原地不动。",
            },
            hint: Hint::Shell(
                "kubectl taint nodes kind-control-plane node-role.kubernetes.io/master:NoSchedule-",
            ),
            why: Text {
                en: "Only `node-role.kubernetes.io/control-plane:NoSchedule` is left, and the \
                     toleration for it is the one that keeps working.",
                zh: "节点上只剩 `node-role.kubernetes.io/control-plane:NoSchedule`，\
                     今后真正起作用的就是针对它的容忍度。",
            },
            check: old_taint_gone,
        },
    ],
};
