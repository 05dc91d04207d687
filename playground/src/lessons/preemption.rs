//! Priority and preemption: PriorityClasses, a pod that evicts a lower-priority
//! one, a pod that may not, and a PodDisruptionBudget steering the choice of
//! victims.

use super::Hint;
use super::Lesson;
use super::Step;
use super::Text;
use super::checks::pending;
use super::checks::preemptions_by;
use super::checks::scheduling_failures;
use taintlab_core::Cluster;
use taintlab_core::api::Pod;

/// The class `low` and two Deployments in it that fill both workers (4 CPUs
/// each): `reports` on `worker-1`, `crawler` on `worker-2`.
const SETUP: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: low
value: 1000
description: Batch work that can wait.
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reports
spec:
  replicas: 2
  selector:
    matchLabels:
      app: reports
  template:
    metadata:
      labels:
        app: reports
    spec:
      priorityClassName: low
      nodeSelector:
        kubernetes.io/hostname: worker-1
      containers:
        - name: reports
          image: busybox
          resources:
            requests:
              cpu: \"2\"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: crawler
spec:
  replicas: 2
  selector:
    matchLabels:
      app: crawler
  template:
    metadata:
      labels:
        app: crawler
    spec:
      priorityClassName: low
      nodeSelector:
        kubernetes.io/hostname: worker-2
      containers:
        - name: crawler
          image: busybox
          resources:
            requests:
              cpu: \"2\"
";

const URGENT: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000000
description: User-facing work.
---
apiVersion: v1
kind: Pod
metadata:
  name: urgent
spec:
  priorityClassName: high
  containers:
    - name: app
      image: nginx
      resources:
        requests:
          cpu: \"2\"
";

const POLITE: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: polite
value: 100000
preemptionPolicy: Never
description: Important, but waits for room instead of evicting anyone.
---
apiVersion: v1
kind: Pod
metadata:
  name: backup
spec:
  priorityClassName: polite
  containers:
    - name: backup
      image: busybox
      resources:
        requests:
          cpu: \"2\"
";

const BUDGET: &str = "apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: reports
spec:
  maxUnavailable: 0
  selector:
    matchLabels:
      app: reports
---
apiVersion: v1
kind: Pod
metadata:
  name: urgent-2
spec:
  priorityClassName: high
  containers:
    - name: app
      image: nginx
      resources:
        requests:
          cpu: \"2\"
";

/// Whether the pod runs on a node it made room on by preemption.
fn bound_by_preemption(c: &Cluster, pod: &Pod) -> bool {
    !pending(pod)
        && preemptions_by(c, &pod.metadata.uid).any(|(node, _)| node == pod.spec.node_name)
}

/// A pod runs on a node where it preempted a pod.
fn preempted(c: &Cluster) -> bool {
    c.pods().any(|p| bound_by_preemption(c, p))
}

/// A pod that may not preempt waits, with the scheduler's reason, and preempted
/// no one.
fn waits(c: &Cluster) -> bool {
    c.pods().any(|p| {
        p.spec.preemption_policy.as_deref() == Some("Never")
            && pending(p)
            && preemptions_by(c, &p.metadata.uid).next().is_none()
            && scheduling_failures(c, p)
                .any(|m| m.ends_with("preemption: not eligible due to preemptionPolicy=Never."))
    })
}

/// A pod that a PodDisruptionBudget protects (no disruption allowed) runs on one
/// node, and a pod preempted on another node only, after the budget was created.
fn budget_steered(c: &Cluster) -> bool {
    c.pods().filter(|p| !pending(p)).any(|protected| {
        let Some(since) = c
            .disruption_budgets_for(protected)
            .filter(|(_, allowed)| *allowed <= 0)
            .map(|(pdb, _)| pdb.metadata.created)
            .min()
        else {
            return false;
        };
        let node = protected.spec.node_name.as_str();
        c.pods().any(|p| {
            let mut made_room = preemptions_by(c, &p.metadata.uid).peekable();
            made_room.peek().is_some()
                && made_room.all(|(on, when)| on != node && when >= since)
                && bound_by_preemption(c, p)
        })
    })
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "priority-preemption",
    title: Text {
        en: "Priority and preemption",
        zh: "优先级与抢占",
    },
    summary: Text {
        en: "A high-priority pod evicts a low one, a polite one waits, and a budget steers the choice.",
        zh: "高优先级 Pod 挤走低优先级 Pod，“礼让”的 Pod 选择等待，PDB 左右牺牲者的选择。",
    },
    intro: Text {
        en: "When a pod fits nowhere, the scheduler may make room by evicting pods of lower \
             priority: that is preemption. A pod's priority comes from its PriorityClass. \
             Both workers (4 CPUs each) are full: `reports` runs two pods on `worker-1` and \
             `crawler` two on `worker-2`, each asking for 2 CPUs, all of class `low` \
             (value 1000). `kubectl get priorityclasses` lists it next to the two built-in \
             classes.",
        zh: "当一个 Pod 在哪儿都放不下时，调度器可以驱逐优先级更低的 Pod 来腾地方，这就是抢占。\
             Pod 的优先级来自它的 PriorityClass。两个 worker（各 4 个 CPU）都已占满：\
             `reports` 在 `worker-1` 上运行两个 Pod，`crawler` 在 `worker-2` 上运行两个，\
             每个请求 2 个 CPU，全都属于 `low` 类（值为 1000）。\
             `kubectl get priorityclasses` 会把它和两个内置的类一起列出来。",
    },
    start: "three-nodes",
    setup: SETUP,
    steps: &[
        Step {
            goal: Text {
                en: "Create the class `high` (value 1000000) and the pod `urgent` in it, asking \
                     for 2 CPUs. No node has room, so the scheduler evicts one `low` pod: look \
                     for the `Preempted` event (`kubectl get events`), then see `urgent` run \
                     in its place.",
                zh: "创建 `high` 类（值为 1000000），以及属于它、请求 2 个 CPU 的 Pod `urgent`。\
                     没有哪个节点放得下，于是调度器驱逐了一个 `low` Pod：在 `kubectl get events` \
                     里找 `Preempted` 事件，再看 `urgent` 顶替它运行起来。",
            },
            hint: Hint::Yaml(URGENT),
            why: Text {
                en: "The Priority admission plugin copied the class's value into \
                     `spec.priority` when `urgent` was created. The Filter phase found no node \
                     with 2 free CPUs, so the DefaultPreemption plugin (a PostFilter) looked \
                     for victims: on each node it sets aside every lower-priority pod, then \
                     puts back as many as still leave room, so one pod is enough. The victim \
                     gets the `DisruptionTarget` condition and a `Preempted` event naming \
                     `urgent`'s UID; `urgent` is nominated to the node and bound once the room \
                     is free. The victim's ReplicaSet makes a replacement, which stays Pending: \
                     it may only evict pods of lower priority than its own.",
                zh: "创建 `urgent` 时，Priority 准入插件把类的值写进了它的 `spec.priority`。\
                     过滤阶段找不到有 2 个空闲 CPU 的节点，于是 DefaultPreemption 插件\
                     （一个 PostFilter 插件）开始挑选牺牲者：在每个节点上先把优先级更低的 Pod \
                     全部拿开，再尽量放回去，只要空间仍然够用，所以牺牲一个 Pod 就够了。\
                     被挤走的 Pod 会得到 `DisruptionTarget` 状况和一条写着 `urgent` UID 的 \
                     `Preempted` 事件；`urgent` 先被提名到该节点，腾出空间后再绑定上去。\
                     被挤走的 Pod 所属的 ReplicaSet 会补一个新的，但它只能一直 Pending：\
                     它只能驱逐比自己优先级低的 Pod。",
            },
            check: preempted,
        },
        Step {
            goal: Text {
                en: "Now create the class `polite` with `preemptionPolicy: Never` and the pod \
                     `backup` in it. It outranks every `low` pod, yet it stays Pending: \
                     `kubectl describe pod backup` ends with \
                     `preemption: not eligible due to preemptionPolicy=Never.`",
                zh: "再创建带 `preemptionPolicy: Never` 的 `polite` 类，以及属于它的 Pod `backup`。\
                     它的优先级比所有 `low` Pod 都高，却一直 Pending：`kubectl describe pod backup` \
                     的最后写着 `preemption: not eligible due to preemptionPolicy=Never.`",
            },
            hint: Hint::Yaml(POLITE),
            why: Text {
                en: "`preemptionPolicy: Never` keeps the priority for the scheduling queue, \
                     where `backup` goes ahead of lower pods, but takes away the right to \
                     evict: DefaultPreemption checks eligibility first and stops there. \
                     `backup` runs as soon as room appears by other means. It suits \
                     important work that must not disrupt anyone else.",
                zh: "`preemptionPolicy: Never` 保留了优先级在调度队列里的作用（`backup` 排在低优先级 \
                     Pod 前面），但取消了驱逐别人的权利：DefaultPreemption 首先检查资格，\
                     到这里就停了。一旦别处腾出空间，`backup` 就会运行。\
                     这适合那些重要、但不该打扰其他工作的任务。",
            },
            check: waits,
        },
        Step {
            goal: Text {
                en: "Protect `reports` with a PodDisruptionBudget that allows no disruption, \
                     and create `urgent-2`, another pod of class `high`. This time the victim \
                     is a `crawler` pod on `worker-2`, and `reports` keeps its pod on \
                     `worker-1` (`kubectl get pdb` shows ALLOWED DISRUPTIONS 0).",
                zh: "用一个不允许任何干扰的 PodDisruptionBudget 保护 `reports`，再创建同属 `high` \
                     类的 `urgent-2`。这一次被挤走的是 `worker-2` 上的一个 `crawler` Pod，\
                     `reports` 在 `worker-1` 上的 Pod 安然无恙（`kubectl get pdb` 显示 \
                     ALLOWED DISRUPTIONS 为 0）。",
            },
            hint: Hint::Yaml(BUDGET),
            why: Text {
                en: "The disruption controller keeps the budget's status: with \
                     `maxUnavailable: 0`, no `reports` pod may go. Without the budget the two \
                     workers would tie as candidates. When DefaultPreemption compares \
                     candidate nodes, it looks first at how many victims would break a budget \
                     and picks the node with the fewest: `worker-2`, whose victim breaks none. \
                     A budget is a preference, not a shield: if every node's victims broke \
                     one, preemption would still go ahead.",
                zh: "中断控制器（disruption controller）维护着这个预算的状态：`maxUnavailable: 0` \
                     表示 `reports` 的 Pod 一个都不能少。如果没有这个预算，两个 worker \
                     作为候选节点本来不相上下。DefaultPreemption 比较候选节点时，\
                     首先看有多少牺牲者会违反预算，选违反最少的节点：也就是 `worker-2`，\
                     在那里挤走 Pod 不违反任何预算。不过预算只是优先考虑的因素，并非护盾：\
                     假如每个节点上的牺牲者都会违反预算，抢占照样进行。",
            },
            check: budget_steered,
        },
    ],
};
