//! Cordon and drain: emptying a node for maintenance, DaemonSet pods excepted.

use super::checks::{cordoned, daemon_pod_on, deployment_pods, is_daemon_pod, pods_on};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::Cluster;

const SETUP: &str = concat!(node_agent_daemon_set!(), "---\n", web_deployment!(2));

/// How many of web's pods run on `node`.
fn web_on(c: &Cluster, node: &str) -> usize {
    deployment_pods(c, "web")
        .filter(|p| p.spec.node_name == node)
        .count()
}

fn cordoned_pods_stay(c: &Cluster) -> bool {
    cordoned(c, "worker-1") && web_on(c, "worker-1") > 0
}

/// Only the DaemonSet's pod is left on the cordoned node; web runs on worker-2.
fn drained(c: &Cluster) -> bool {
    cordoned(c, "worker-1")
        && pods_on(c, "worker-1").all(is_daemon_pod)
        && daemon_pod_on(c, "node-agent", "worker-1")
        && web_on(c, "worker-2") >= 2
}

fn uncordoned(c: &Cluster) -> bool {
    !cordoned(c, "worker-1")
        && web_on(c, "worker-1") == 0
        && web_on(c, "worker-2") >= 2
        && daemon_pod_on(c, "node-agent", "worker-1")
}

fn used_again(c: &Cluster) -> bool {
    !cordoned(c, "worker-1") && web_on(c, "worker-1") > 0 && deployment_pods(c, "web").count() >= 4
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "cordon-drain",
    title: Text {
        en: "Cordon and drain",
        zh: "封锁（cordon）与腾空（drain）",
    },
    summary: Text {
        en: "Emptying a node for maintenance while DaemonSet pods stay.",
        zh: "为维护清空节点，DaemonSet 的 Pod 原地留守。",
    },
    intro: Text {
        en: "Before maintenance you empty a node in two moves: `kubectl cordon` stops new pods \
             from arriving, `kubectl drain` sends away the ones already there. DaemonSet pods \
             are the exception, since their controller would only start them again. This \
             cluster runs the DaemonSet `node-agent` and the Deployment `web`, one pod of each \
             on both workers.",
        zh: "维护节点之前，要分两步把它清空：`kubectl cordon` 让新的 Pod 不再进来，\
             `kubectl drain` 把已有的 Pod 请出去。DaemonSet 的 Pod 例外，\
             因为它的控制器只会把它们重新启动。这个集群运行着 DaemonSet `node-agent` \
             和 Deployment `web`，两个 worker 上各有它们的一个 Pod。",
    },
    start: "three-nodes",
    setup: SETUP,
    steps: &[
        Step {
            goal: Text {
                en: "Cordon `worker-1` (or use the cordon button on its card). Its status shows \
                     SchedulingDisabled; the pods on it keep running.",
                zh: "封锁 `worker-1`（也可以点它卡片上的封锁按钮）。它的状态显示 \
                     SchedulingDisabled；上面的 Pod 照常运行。",
            },
            hint: Hint::Shell("kubectl cordon worker-1"),
            why: Text {
                en: "Cordoning sets `spec.unschedulable`, and the node-lifecycle controller \
                     mirrors it as the taint `node.kubernetes.io/unschedulable:NoSchedule`. \
                     Like any NoSchedule taint it turns new pods away and leaves running ones.",
                zh: "封锁会设置 `spec.unschedulable`，节点生命周期控制器再把它体现为 \
                     `node.kubernetes.io/unschedulable:NoSchedule` 污点。\
                     和所有 NoSchedule 污点一样，它拒绝新 Pod，不动已在运行的 Pod。",
            },
            check: cordoned_pods_stay,
        },
        Step {
            goal: Text {
                en: "Drain `worker-1`. Without `--ignore-daemonsets` kubectl refuses because of \
                     `node-agent`'s pod; with it, `web`'s pod is evicted and its replacement \
                     starts on `worker-2`.",
                zh: "腾空 `worker-1`。不加 `--ignore-daemonsets` 时，kubectl 会因为 `node-agent` 的 \
                     Pod 而拒绝执行；加上之后，`web` 的 Pod 被驱逐，替代它的 Pod 在 `worker-2` \
                     上启动。",
            },
            hint: Hint::Shell("kubectl drain worker-1 --ignore-daemonsets"),
            why: Text {
                en: "drain evicts each pod through the Eviction API, which respects \
                     PodDisruptionBudgets, and the ReplicaSet replaces it wherever the \
                     scheduler can. `--ignore-daemonsets` tells drain to leave `node-agent`'s pod \
                     alone: deleting it would be pointless, since every DaemonSet pod tolerates \
                     the unschedulable taint and its controller would start it again.",
                zh: "drain 通过 Eviction API 驱逐每个 Pod（会遵守 PodDisruptionBudget），\
                     ReplicaSet 再在调度器找得到的地方补上新的。`--ignore-daemonsets` 让 drain \
                     放过 `node-agent` 的 Pod：删了也没用，因为所有 DaemonSet 的 Pod 都容忍 \
                     unschedulable 污点，控制器会马上把它重新启动。",
            },
            check: drained,
        },
        Step {
            goal: Text {
                en: "Maintenance done: uncordon `worker-1`. It accepts pods again, but nothing \
                     moves back by itself.",
                zh: "维护结束：解除 `worker-1` 的封锁（uncordon）。它又能接收 Pod 了，\
                     但已经迁走的 Pod 不会自己回来。",
            },
            hint: Hint::Shell("kubectl uncordon worker-1"),
            why: Text {
                en: "The scheduler only places new pods; it never moves running ones. The \
                     cluster stays unbalanced until pods are created again.",
                zh: "调度器只安置新 Pod，从不挪动正在运行的 Pod。\
                     在有新 Pod 被创建之前，集群会一直这样不均衡。",
            },
            check: uncordoned,
        },
        Step {
            goal: Text {
                en: "Scale `web` to four replicas. The new pods prefer the emptier `worker-1`.",
                zh: "把 `web` 扩到四个副本。新的 Pod 会优先落在更空闲的 `worker-1` 上。",
            },
            hint: Hint::Shell("kubectl scale deployment web --replicas=4"),
            why: Text {
                en: "The scheduler's scores favour nodes with more room left, so new pods \
                     fill `worker-1` first.",
                zh: "调度器打分时偏向剩余资源更多的节点，所以新 Pod 先填满 `worker-1`。",
            },
            check: used_again,
        },
    ],
};
