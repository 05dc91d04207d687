//! The tutorial's path: a Deployment next to a DaemonSet, the master taint that
//! keeps the DaemonSet off `master`, and the two ways to let it in.

use super::checks::{
    any_daemon_pod_on, daemon_set_of, deployment_of, has_taint, pods_on, tolerates,
};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::api::TaintEffect;
use taintlab_core::{Cluster, TUTORIAL_DAEMONSET, TUTORIAL_DAEMONSET_TOLERATING};

const MASTER_TAINT: &str = "node-role.kubernetes.io/master";

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-deploy
spec:
  replicas: 3
  selector:
    matchLabels:
      app: redis-deploy
  template:
    metadata:
      labels:
        app: redis-deploy
    spec:
      containers:
        - name: redis
          image: redis:5-alpine
";

fn master_tainted(c: &Cluster) -> bool {
    has_taint(c, "master", MASTER_TAINT, TaintEffect::NoSchedule)
}

/// Some node runs two or more pods of one Deployment.
fn deployment_shares_a_node(c: &Cluster) -> bool {
    c.nodes().any(|node| {
        let mut owners: Vec<&str> = pods_on(c, node.name())
            .filter_map(|p| deployment_of(c, p))
            .collect();
        owners.sort_unstable();
        owners.windows(2).any(|w| w[0] == w[1])
    })
}

fn daemon_set_on_worker_only(c: &Cluster) -> bool {
    master_tainted(c)
        && any_daemon_pod_on(c, "worker", |_| true)
        && !any_daemon_pod_on(c, "master", |_| true)
}

fn taint_removed(c: &Cluster) -> bool {
    !master_tainted(c) && any_daemon_pod_on(c, "master", |_| true)
}

/// The taint is back and a daemon pod that does not tolerate it still runs there.
fn taint_back(c: &Cluster) -> bool {
    master_tainted(c)
        && any_daemon_pod_on(c, "master", |p| {
            !tolerates(&p.spec.tolerations, MASTER_TAINT, TaintEffect::NoSchedule)
        })
}

/// The taint stays, and a DaemonSet whose template tolerates it runs a pod made
/// from that template on `master`.
fn tolerated(c: &Cluster) -> bool {
    master_tainted(c)
        && any_daemon_pod_on(c, "master", |p| {
            tolerates(&p.spec.tolerations, MASTER_TAINT, TaintEffect::NoSchedule)
                && daemon_set_of(c, p).is_some_and(|ds| {
                    tolerates(
                        &ds.spec.template.spec.tolerations,
                        MASTER_TAINT,
                        TaintEffect::NoSchedule,
                    )
                })
        })
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "tutorial",
    title: Text {
        en: "DaemonSets and the master taint",
        zh: "DaemonSet 与 master 污点",
    },
    summary: Text {
        en: "A Deployment next to a DaemonSet, and the taint that keeps the DaemonSet off master.",
        zh: "Deployment 与 DaemonSet 对照，以及把 DaemonSet 挡在 master 之外的污点。",
    },
    intro: Text {
        en: "Two nodes: `master`, tainted `node-role.kubernetes.io/master:NoSchedule`, and `worker`. \
             A Deployment keeps a number of copies running wherever the scheduler finds room; \
             a DaemonSet keeps one copy on each node that accepts it. You will see the taint \
             keep a DaemonSet off `master`, then let it in two ways. This cluster spells the \
             control-plane taint the way clusters did before v1.24; the next lesson covers \
             the new name.",
        zh: "集群有两个节点：带有 `node-role.kubernetes.io/master:NoSchedule` 污点的 `master`，\
             以及 `worker`。Deployment 只保证副本数量，副本落在哪里由调度器决定；\
             DaemonSet 则在每个接受它的节点上各放一个副本。本课先看污点如何把 DaemonSet \
             挡在 `master` 之外，再用两种办法让它进去。这个集群沿用 v1.24 之前的污点名称，\
             新名称留到下一课。",
    },
    start: "tutorial",
    setup: "",
    steps: &[
        Step {
            goal: Text {
                en: "Run Redis as a Deployment with three replicas. All three end up on \
                     `worker`: a Deployment counts copies and does not mind them sharing a node.",
                zh: "用 Deployment 运行三个 Redis 副本。三个都会落在 `worker` 上：\
                     Deployment 只数副本，不在乎它们挤在同一个节点。",
            },
            hint: Hint::Yaml(DEPLOYMENT),
            why: Text {
                en: "The scheduler placed each replica on its own. `master` turned every one \
                     away because of its taint, so `worker` took all three.",
                zh: "调度器逐个安置副本。`master` 因为有污点，把它们都拒之门外，\
                     于是三个副本全在 `worker` 上。",
            },
            check: deployment_shares_a_node,
        },
        Step {
            goal: Text {
                en: "Now run Redis as the DaemonSet `redis-ds`. It gets one pod on `worker` and \
                     none on `master`; the `master` card says which taint is in the way.",
                zh: "再以 DaemonSet `redis-ds` 的形式运行 Redis。`worker` 上会有一个 Pod，\
                     `master` 上没有；`master` 的卡片会指出是哪个污点挡住了它。",
            },
            hint: Hint::Yaml(TUTORIAL_DAEMONSET),
            why: Text {
                en: "The DaemonSet controller asks, node by node, whether its pod could run \
                     there. On `master` the answer is no: the pod does not tolerate the \
                     NoSchedule taint.",
                zh: "DaemonSet 控制器逐个节点判断它的 Pod 能否在那里运行。\
                     在 `master` 上答案是否定的：Pod 不容忍那个 NoSchedule 污点。",
            },
            check: daemon_set_on_worker_only,
        },
        Step {
            goal: Text {
                en: "Remove the taint from `master` (the × on its taint badge does the same). \
                     The DaemonSet reacts at once and starts a pod on `master`.",
                zh: "去掉 `master` 上的污点（点污点标签上的 × 效果相同）。\
                     DaemonSet 立即响应，在 `master` 上启动一个 Pod。",
            },
            hint: Hint::Shell(
                "kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule-",
            ),
            why: Text {
                en: "The taint is gone (in kubectl, the trailing `-` of the hint removes a taint; \
                     the × on the badge runs that command). `master` is now an ordinary node, \
                     open to this DaemonSet and to every other pod as well.",
                zh: "污点已去掉（在 kubectl 中，提示命令末尾的 `-` 表示删除污点；污点标签上的 × \
                     执行的正是这条命令）。`master` 现在成了普通节点，\
                     不仅这个 DaemonSet，其他任何 Pod 也都能进来。",
            },
            check: taint_removed,
        },
        Step {
            goal: Text {
                en: "Put the taint back. The pod already on `master` keeps running: NoSchedule \
                     only stops new pods from being placed there.",
                zh: "把污点加回去。已经在 `master` 上的 Pod 继续运行：\
                     NoSchedule 只阻止新的 Pod 被放上来。",
            },
            hint: Hint::Shell(
                "kubectl taint nodes master node-role.kubernetes.io/master:NoSchedule",
            ),
            why: Text {
                en: "A NoSchedule taint is weighed when a pod is placed, not afterwards, and \
                     the DaemonSet controller leaves running pods alone for it too. Only \
                     NoExecute evicts pods that already run (a later lesson).",
                zh: "NoSchedule 污点只在安置 Pod 时起作用，事后不再追究；\
                     DaemonSet 控制器也不会因此删除正在运行的 Pod。\
                     只有 NoExecute 才会驱逐已在运行的 Pod（后面的课会讲）。",
            },
            check: taint_back,
        },
        Step {
            goal: Text {
                en: "Keep the taint and give the DaemonSet a toleration for it instead. \
                     Apply this version: the DaemonSet replaces its pods, and the new pod on \
                     `master` tolerates the taint.",
                zh: "保留污点，改为给 DaemonSet 加上对应的容忍度。\
                     应用下面这个版本：DaemonSet 会替换它的 Pod，`master` 上的新 Pod 容忍该污点。",
            },
            hint: Hint::Yaml(TUTORIAL_DAEMONSET_TOLERATING),
            why: Text {
                en: "`operator: Exists` matches the taint's key whatever its value. The node \
                     is unchanged, so other pods still keep off `master`: a toleration opens \
                     the door for the pods that carry it and no one else.",
                zh: "`operator: Exists` 表示只要键相同即可匹配，不看取值。节点本身没有变化，\
                     其他 Pod 依然进不了 `master`：容忍度只为带着它的 Pod 开门。",
            },
            check: tolerated,
        },
    ],
};
