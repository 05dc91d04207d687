//! Static pods: a manifest file on a node, started by its kubelet without the
//! scheduler, and the mirror pod that shows it in the API.

use super::checks::{has_effect, has_taint, killed, mirror_pods_on};
use super::{Hint, Lesson, Step, Text};
use taintlab_core::Cluster;
use taintlab_core::api::TaintEffect;

fn master_tainted(c: &Cluster) -> bool {
    has_taint(
        c,
        "master",
        "node-role.kubernetes.io/master",
        TaintEffect::NoSchedule,
    )
}

fn mirror_on_master(c: &Cluster) -> bool {
    mirror_pods_on(c, "master").any(|p| p.status.phase == "Running")
}

fn static_pod_despite_no_schedule(c: &Cluster) -> bool {
    master_tainted(c) && mirror_on_master(c)
}

fn static_pod_despite_no_execute(c: &Cluster) -> bool {
    has_effect(c, "master", TaintEffect::NoExecute) && mirror_on_master(c)
}

/// The manifest is gone from `master`, and with it the pod: the kubelet stopped
/// the containers of `static-web-master`.
fn manifest_removed(c: &Cluster) -> bool {
    let no_manifests = c
        .node_runtime("master")
        .is_some_and(|r| r.manifests.is_empty());
    no_manifests && mirror_pods_on(c, "master").next().is_none() && killed(c, "static-web-master")
}

/// The lesson.
pub const LESSON: Lesson = Lesson {
    id: "static-pods",
    title: Text {
        en: "Static pods",
        zh: "静态 Pod",
    },
    summary: Text {
        en: "Pods the kubelet starts from files, with no scheduler and no taint checks.",
        zh: "kubelet 直接从文件启动的 Pod：不经调度器，也不看污点。",
    },
    intro: Text {
        en: "A DaemonSet is the usual way to run a pod on every node, but not the only one. \
             A static pod is a manifest file in a node's `/etc/kubernetes/manifests`: the \
             kubelet there starts it itself, without the scheduler. So that kubectl can see \
             it, the kubelet publishes a read-only copy, the mirror pod, named after the pod \
             and the node. kubeadm runs the control plane itself this way.",
        zh: "DaemonSet 是在每个节点上运行 Pod 的常用办法，但不是唯一的办法。\
             静态 Pod 就是节点上 `/etc/kubernetes/manifests` 目录里的一个清单文件：\
             由该节点的 kubelet 自己启动，不经过调度器。为了让 kubectl 看得到，\
             kubelet 会发布一个只读副本，即镜像 Pod，名字由 Pod 名和节点名组成。\
             kubeadm 正是这样运行控制平面本身的。",
    },
    start: "tutorial",
    setup: "",
    steps: &[
        Step {
            goal: Text {
                en: "Log in to `master`, write a pod manifest into the manifests directory and \
                     log out. Within seconds `static-web-master` runs on `master`, taint or no \
                     taint.",
                zh: "登录 `master`，把一个 Pod 清单写进清单目录，然后退出。\
                     几秒之内 `static-web-master` 就会在 `master` 上运行，污点拦不住它。",
            },
            hint: Hint::Shell(
                "ssh master
cat > /etc/kubernetes/manifests/static-web.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: static-web
spec:
  containers:
  - name: web
    image: nginx
EOF
exit",
            ),
            why: Text {
                en: "The scheduler never saw this pod, so the NoSchedule taint never came into \
                     play. Try `kubectl delete pod static-web-master`: the mirror pod comes \
                     straight back, because the file is still there.",
                zh: "调度器从未经手这个 Pod，NoSchedule 污点也就无从发挥作用。\
                     试试 `kubectl delete pod static-web-master`：镜像 Pod 马上又会出现，\
                     因为文件还在。",
            },
            check: static_pod_despite_no_schedule,
        },
        Step {
            goal: Text {
                en: "Taint `master` NoExecute. Ordinary pods would be evicted; the static pod \
                     keeps running.",
                zh: "给 `master` 加一个 NoExecute 污点。普通 Pod 会被驱逐，静态 Pod 却照常运行。",
            },
            hint: Hint::Shell("kubectl taint nodes master maintenance=true:NoExecute"),
            why: Text {
                en: "The kubelet gives every pod from a file a toleration for all NoExecute \
                     taints, so the taint eviction controller has nothing to evict here.",
                zh: "kubelet 会给所有来自文件的 Pod 加上一个容忍所有 NoExecute 污点的容忍度，\
                     污点驱逐控制器在这里无事可做。",
            },
            check: static_pod_despite_no_execute,
        },
        Step {
            goal: Text {
                en: "Remove the manifest file. The kubelet stops the pod and the mirror pod \
                     goes: the file is the only handle on a static pod.",
                zh: "删除清单文件。kubelet 停掉这个 Pod，镜像 Pod 随之消失：\
                     清单目录里的文件是管理静态 Pod 的唯一手段。",
            },
            hint: Hint::Shell("ssh master rm /etc/kubernetes/manifests/static-web.yaml"),
            why: Text {
                en: "kubectl can only see and delete the mirror; the kubelet answers to its \
                     manifests directory alone.",
                zh: "kubectl 只能看到和删除镜像 Pod；kubelet 只听从清单目录。",
            },
            check: manifest_removed,
        },
    ],
};
