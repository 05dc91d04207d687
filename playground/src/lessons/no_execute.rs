//! NoExecute taints and `tolerationSeconds`: evicted at once, after a delay, or never.

use super::checks::{deployment_pods, evicted_by_taint, has_effect, pods_on};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::Cluster;
use taintlab_core::api::TaintEffect;

const SETUP: &str = concat!(
    web_deployment!(1),
    "---\n",
    "apiVersion: v1
kind: Pod
metadata:
  name: patient
spec:
  containers:
    - name: app
      image: busybox
  tolerations:
    - key: maintenance
      operator: Exists
      effect: NoExecute
      tolerationSeconds: 60
",
    "---\n",
    "apiVersion: v1
kind: Pod
metadata:
  name: steady
spec:
  containers:
    - name: app
      image: busybox
  tolerations:
    - key: maintenance
      operator: Exists
      effect: NoExecute
"
);

fn web_evicted(c: &Cluster) -> bool {
    evicted_by_taint(c, |name| name.starts_with("web-"))
}

fn patient_evicted(c: &Cluster) -> bool {
    evicted_by_taint(c, |name| name == "patient") && c.pod("default", "patient").is_none()
}

fn on_worker(c: &Cluster, name: &str) -> bool {
    pods_on(c, "worker").any(|p| p.metadata.name == name)
}

fn tainted(c: &Cluster) -> bool {
    has_effect(c, "worker", TaintEffect::NoExecute) && web_evicted(c)
}

fn patient_gone_steady_stays(c: &Cluster) -> bool {
    has_effect(c, "worker", TaintEffect::NoExecute) && patient_evicted(c) && on_worker(c, "steady")
}

fn untainted(c: &Cluster) -> bool {
    !has_effect(c, "worker", TaintEffect::NoExecute)
        && patient_evicted(c)
        && deployment_pods(c, "web").any(|p| p.spec.node_name == "worker")
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "no-execute",
    title: Text {
        en: "NoExecute and tolerationSeconds",
        zh: "NoExecute 与 tolerationSeconds",
    },
    summary: Text {
        en: "Evicted at once, after a delay, or never: tolerationSeconds decides.",
        zh: "立即驱逐、延时驱逐还是永不驱逐：由 tolerationSeconds 决定。",
    },
    intro: Text {
        en: "A NoExecute taint goes further than NoSchedule: it also evicts pods already \
             running on the node. Each pod's tolerations decide when. Three workloads run on \
             `worker`: the Deployment `web` (no toleration), the pod `patient` (tolerates the \
             maintenance taint for 60 seconds) and the pod `steady` (tolerates it with no time \
             limit). Pause the clock first if you want to step through the countdown.",
        zh: "NoExecute 污点比 NoSchedule 更进一步：它还会驱逐节点上已在运行的 Pod。\
             何时驱逐，由每个 Pod 的容忍度决定。`worker` 上运行着三个工作负载：\
             Deployment `web`（没有容忍度）、Pod `patient`（容忍 maintenance 污点 60 秒）\
             和 Pod `steady`（容忍该污点，不限时间）。想一步步观察倒计时，可以先暂停时钟。",
    },
    start: "tutorial",
    setup: SETUP,
    steps: &[
        Step {
            goal: Text {
                en: "Taint `worker` with `maintenance=true:NoExecute`. `web`'s pod is evicted at \
                     once; its ReplicaSet creates a new one, which stays Pending because no \
                     node will take it.",
                zh: "给 `worker` 加上 `maintenance=true:NoExecute` 污点。`web` 的 Pod 立即被驱逐；\
                     它的 ReplicaSet 新建一个 Pod，但没有节点肯接纳，只能 Pending。",
            },
            hint: Hint::Shell("kubectl taint nodes worker maintenance=true:NoExecute"),
            why: Text {
                en: "The taint eviction controller deletes every pod on the node that does not \
                     tolerate a NoExecute taint. For the replacement, `master` (NoSchedule) and \
                     `worker` (NoExecute) are both closed.",
                zh: "污点驱逐控制器会删除节点上所有不容忍 NoExecute 污点的 Pod。\
                     对新建的 Pod 来说，`master`（NoSchedule）和 `worker`（NoExecute）都进不去。",
            },
            check: tainted,
        },
        Step {
            goal: Text {
                en: "Let a minute pass (`sleep 60` in the terminal, or play the clock). `patient` \
                     is evicted when its 60 seconds are up; `steady` stays.",
                zh: "让一分钟过去（在终端里 `sleep 60`，或让时钟走起来）。\
                     `patient` 的 60 秒一到就被驱逐；`steady` 留了下来。",
            },
            hint: Hint::Shell("sleep 60"),
            why: Text {
                en: "`tolerationSeconds` is how long a pod may stay once a matching NoExecute \
                     taint appears. Without it the toleration holds for good.",
                zh: "`tolerationSeconds` 表示匹配的 NoExecute 污点出现后，Pod 还能留多久。\
                     不写它，容忍就一直有效。",
            },
            check: patient_gone_steady_stays,
        },
        Step {
            goal: Text {
                en: "Remove the taint. The Pending `web` pod is scheduled onto `worker`; `patient` \
                     does not come back, since nothing recreates a bare pod.",
                zh: "删除污点。处于 Pending 的 `web` Pod 被调度到 `worker`；\
                     `patient` 却不会回来，因为没有控制器会重建一个裸 Pod。",
            },
            hint: Hint::Shell("kubectl taint nodes worker maintenance=true:NoExecute-"),
            why: Text {
                en: "An eviction is a deletion. Controllers such as ReplicaSets and DaemonSets \
                     replace what they own; a pod created on its own is simply gone.",
                zh: "驱逐就是删除。ReplicaSet、DaemonSet 这类控制器会补上自己管理的 Pod；\
                     单独创建的 Pod 被驱逐后就没有了。",
            },
            check: untainted,
        },
    ],
};
