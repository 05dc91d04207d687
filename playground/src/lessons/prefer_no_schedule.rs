//! PreferNoSchedule: a taint the scheduler scores against but never filters on.

use super::checks::{deployment_of, has_effect, pods_on};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::Cluster;
use taintlab_core::api::TaintEffect;

fn soft_taint(c: &Cluster) -> bool {
    has_effect(c, "worker-1", TaintEffect::PreferNoSchedule)
}

/// How many pods of Deployments run on `node`.
fn deployment_pods_on(c: &Cluster, node: &str) -> usize {
    pods_on(c, node)
        .filter(|p| deployment_of(c, p).is_some())
        .count()
}

fn avoided(c: &Cluster) -> bool {
    soft_taint(c)
        && deployment_pods_on(c, "worker-2") >= 3
        && deployment_pods_on(c, "worker-1") == 0
}

fn used_when_needed(c: &Cluster) -> bool {
    soft_taint(c) && deployment_pods_on(c, "worker-1") > 0
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "prefer-no-schedule",
    title: Text {
        en: "PreferNoSchedule: a soft taint",
        zh: "PreferNoSchedule：软性污点",
    },
    summary: Text {
        en: "A taint the scheduler avoids while it can and uses when it must.",
        zh: "调度器能避则避、不得已时照用的污点。",
    },
    intro: Text {
        en: "PreferNoSchedule is the mildest effect. The scheduler avoids such a node while it \
             has a choice, but still uses it when nothing else fits, and nothing is ever \
             evicted for it. This cluster has `master` (tainted NoSchedule) and two workers.",
        zh: "PreferNoSchedule 是最温和的效果。只要还有别的选择，调度器就避开带这种污点的节点；\
             实在没有别处可去时照样会用它，也从不因它驱逐任何 Pod。\
             这个集群有 `master`（带 NoSchedule 污点）和两个 worker。",
    },
    start: "three-nodes",
    setup: "",
    steps: &[
        Step {
            goal: Text {
                en: "Taint `worker-1` with `disk=slow:PreferNoSchedule`.",
                zh: "给 `worker-1` 加上 `disk=slow:PreferNoSchedule` 污点。",
            },
            hint: Hint::Shell("kubectl taint nodes worker-1 disk=slow:PreferNoSchedule"),
            why: Text {
                en: "Nothing moves: the taint only matters the next time a pod is placed.",
                zh: "什么都没有变化：这个污点只在下一次安置 Pod 时才起作用。",
            },
            check: soft_taint,
        },
        Step {
            goal: Text {
                en: "Create a Deployment with three replicas. All three go to `worker-2`.",
                zh: "创建一个三副本的 Deployment。三个副本都去了 `worker-2`。",
            },
            hint: Hint::Shell("kubectl create deployment web --image=nginx --replicas=3"),
            why: Text {
                en: "`worker-1` passed every filter but lost on score: the TaintToleration \
                     plugin ranks a node lower for each PreferNoSchedule taint the pod does \
                     not tolerate.",
                zh: "`worker-1` 通过了所有过滤，却在打分时落后：TaintToleration 插件会按 Pod \
                     不容忍的 PreferNoSchedule 污点个数给节点减分。",
            },
            check: avoided,
        },
        Step {
            goal: Text {
                en: "Cordon `worker-2` and scale to five replicas. With `worker-2` closed, the two \
                     new pods go to `worker-1` after all.",
                zh: "封锁（cordon）`worker-2`，再把副本数扩到五个。`worker-2` 不再接收新 Pod，\
                     两个新副本最终还是去了 `worker-1`。",
            },
            hint: Hint::Shell(
                "kubectl cordon worker-2
kubectl scale deployment web --replicas=5",
            ),
            why: Text {
                en: "A soft taint never makes a node unfit. Once `worker-1` is the only node \
                     that passes the filters, it wins whatever its score.",
                zh: "软性污点永远不会让节点变得不可用。当 `worker-1` 成为唯一通过过滤的节点时，\
                     分数高低已无关紧要。",
            },
            check: used_when_needed,
        },
    ],
};
