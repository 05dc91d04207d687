//! A node goes NotReady: the unreachable taints, DefaultTolerationSeconds for
//! ordinary pods, and the tolerations every DaemonSet pod gets.

use super::checks::{
    daemon_pod_on, deployment_pods, evicted_by_taint, has_taint, kubelet_running, ready,
};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::Cluster;
use taintlab_core::api::TaintEffect;
use taintlab_core::cluster::ConditionStatus;

const UNREACHABLE: &str = "node.kubernetes.io/unreachable";

const SETUP: &str = concat!(node_agent_daemon_set!(), "---\n", web_deployment!(1));

fn unreachable(c: &Cluster) -> bool {
    ready(c, "worker") == Some(ConditionStatus::Unknown)
        && has_taint(c, "worker", UNREACHABLE, TaintEffect::NoSchedule)
        && has_taint(c, "worker", UNREACHABLE, TaintEffect::NoExecute)
}

fn web_evicted(c: &Cluster) -> bool {
    evicted_by_taint(c, |name| name.starts_with("web-"))
}

fn kubelet_stopped(c: &Cluster) -> bool {
    !kubelet_running(c, "worker")
}

fn daemon_pod_stays(c: &Cluster) -> bool {
    unreachable(c) && web_evicted(c) && daemon_pod_on(c, "node-agent", "worker")
}

fn back(c: &Cluster) -> bool {
    ready(c, "worker") == Some(ConditionStatus::True)
        && !has_taint(c, "worker", UNREACHABLE, TaintEffect::NoExecute)
        && web_evicted(c)
        && deployment_pods(c, "web").any(|p| p.spec.node_name == "worker")
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "not-ready",
    title: Text {
        en: "A node goes NotReady",
        zh: "节点变成 NotReady",
    },
    summary: Text {
        en: "A silent kubelet, the unreachable taints, and who leaves after five minutes.",
        zh: "kubelet 失联、unreachable 污点，以及五分钟后谁会离开。",
    },
    intro: Text {
        en: "Every kubelet keeps renewing its node's lease. When the renewals stop, the \
             node-lifecycle controller waits out a grace period, marks the node NotReady and \
             taints it `node.kubernetes.io/unreachable`. From there tolerations decide again, \
             and every DaemonSet pod comes with some of its own. On `worker` run the DaemonSet \
             `node-agent` and the Deployment `web`.",
        zh: "每个 kubelet 都会不断续约自己节点的租约。续约一停，节点生命周期控制器等过一段\
             宽限期，就把节点标成 NotReady，并加上 `node.kubernetes.io/unreachable` 污点。\
             接下来又轮到容忍度做决定，而每个 DaemonSet 的 Pod 都自带一些容忍度。\
             `worker` 上运行着 DaemonSet `node-agent` 和 Deployment `web`。",
    },
    start: "tutorial",
    setup: SETUP,
    steps: &[
        Step {
            goal: Text {
                en: "Stop the kubelet on `worker` (or use the stop-kubelet button on its card). \
                     Nothing shows yet: the containers keep running and the control plane has \
                     not noticed.",
                zh: "停掉 `worker` 上的 kubelet（也可以点它卡片上的停止 kubelet 按钮）。\
                     暂时看不出变化：容器照常运行，控制平面还没有察觉。",
            },
            hint: Hint::Shell("ssh worker systemctl stop kubelet"),
            why: Text {
                en: "The kubelet is only the node's agent; `containerd` keeps the containers \
                     running without it. What stops is the node's heartbeat.",
                zh: "kubelet 只是节点上的代理，没有它，`containerd` 仍让容器继续运行。\
                     停下来的是节点的心跳。",
            },
            check: kubelet_stopped,
        },
        Step {
            goal: Text {
                en: "Wait for the grace period, 50 seconds since v1.32 (`sleep 60`, or play the \
                     clock). `worker` turns NotReady and gets two taints: \
                     `node.kubernetes.io/unreachable` with NoSchedule and with NoExecute.",
                zh: "等宽限期过去，自 v1.32 起为 50 秒（`sleep 60`，或让时钟走起来）。\
                     `worker` 变成 NotReady，并加上两个污点：\
                     NoSchedule 和 NoExecute 两种效果的 `node.kubernetes.io/unreachable`。",
            },
            hint: Hint::Shell("sleep 60"),
            why: Text {
                en: "Ready is Unknown rather than False: the controller cannot tell what \
                     happened, only that the node went silent. That is why the taint says \
                     `unreachable` and not `not-ready`.",
                zh: "Ready 的状态是 Unknown 而不是 False：控制器不知道发生了什么，\
                     只知道节点没了音讯。所以污点是 `unreachable`，而不是 `not-ready`。",
            },
            check: unreachable,
        },
        Step {
            goal: Text {
                en: "Wait five more minutes (`sleep 300`, or the clock at 10×). `web`'s pod is \
                     evicted and a new one waits in Pending; `node-agent`'s pod stays.",
                zh: "再等五分钟（`sleep 300`，或把时钟调到 10×）。`web` 的 Pod 被驱逐，\
                     新建的 Pod 在 Pending 中等待；`node-agent` 的 Pod 留了下来。",
            },
            hint: Hint::Shell("sleep 300"),
            why: Text {
                en: "The DefaultTolerationSeconds admission plugin gave `web`'s pod tolerations \
                     for `not-ready` and `unreachable`, NoExecute, for 300 seconds. DaemonSet pods \
                     get the same two without a time limit, so they never leave. They get no \
                     toleration for the NoSchedule variants, though: no new DaemonSet pod \
                     starts on a NotReady node. The evicted pod shows Terminating until the \
                     kubelet is back to confirm.",
                zh: "DefaultTolerationSeconds 准入插件给 `web` 的 Pod 加上了对 `not-ready` 和 \
                     `unreachable`（NoExecute）的容忍，期限 300 秒。DaemonSet 的 Pod 也有这两个\
                     容忍度，但不限时间，所以永远不会被赶走。不过它们没有针对 NoSchedule \
                     版本的容忍度：NotReady 的节点上不会新起 DaemonSet 的 Pod。\
                     被驱逐的 Pod 会一直显示 Terminating，直到 kubelet 回来确认。",
            },
            check: daemon_pod_stays,
        },
        Step {
            goal: Text {
                en: "Start the kubelet again. `worker` turns Ready, the taints go, and `web`'s \
                     waiting pod lands on `worker`.",
                zh: "重新启动 kubelet。`worker` 恢复 Ready，污点消失，\
                     `web` 那个等待中的 Pod 落到了 `worker` 上。",
            },
            hint: Hint::Shell("ssh worker systemctl start kubelet"),
            why: Text {
                en: "The first heartbeat brings Ready back, the controller lifts both taints, \
                     and the scheduler finds a node for the Pending pod.",
                zh: "第一次心跳让 Ready 恢复，控制器撤掉两个污点，\
                     调度器也为 Pending 的 Pod 找到了节点。",
            },
            check: back,
        },
    ],
};
