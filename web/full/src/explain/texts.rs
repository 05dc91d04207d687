//! The explanation panel's sentences in English and Chinese: core's plain reasons
//! ([`Why`]), what each taint effect does, and where well-known taints come from.

use taintlab_core::api::TaintEffect;
use taintlab_core::why::SelectionMiss;
use taintlab_core::why::TaintOrigin;
use taintlab_core::why::Why;
use taintlab_ui::i18n::Lang;

/// `en` or `zh`, for sentences with values in them.
pub fn pick(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A plain sentence for a filter's rejection.
pub fn why(lang: Lang, why: &Why) -> String {
    match why {
        Why::Unschedulable => pick(
            lang,
            "The node is cordoned (spec.unschedulable: true) and the pod does not tolerate the node.kubernetes.io/unschedulable taint.".into(),
            "节点已被封锁（spec.unschedulable: true），而 Pod 不容忍 node.kubernetes.io/unschedulable 污点。".into(),
        ),
        Why::NodeNameMismatch { wanted } => pick(
            lang,
            format!("The pod's spec.nodeName names node {wanted}, so no other node can take it."),
            format!("Pod 的 spec.nodeName 指定了节点 {wanted}，其他节点都不能接收它。"),
        ),
        Why::UntoleratedTaint { taint } => pick(
            lang,
            format!("The node has the taint {taint}, and none of the pod's tolerations matches it."),
            format!("节点带有污点 {taint}，而 Pod 的容忍度（toleration）都与它不匹配。"),
        ),
        Why::AffinityMismatch { miss } => selection(lang, miss),
        Why::PortsTaken => pick(
            lang,
            "A host port the pod asks for is already taken by another pod on this node.".into(),
            "Pod 需要的主机端口已被该节点上的其他 Pod 占用。".into(),
        ),
        Why::Insufficient { resource } => pick(
            lang,
            format!("The pods on this node already request so much {resource} that this pod's request does not fit in what is allocatable."),
            format!("该节点上的 Pod 已请求了大量 {resource}，剩余的可分配量放不下这个 Pod 的请求。"),
        ),
        Why::TooManyPods => pick(
            lang,
            "The node already runs as many pods as its allocatable pods count allows.".into(),
            "该节点运行的 Pod 数已达到其可分配 pods 数量的上限。".into(),
        ),
        Why::SpreadMissingLabel { key } => pick(
            lang,
            format!("A DoNotSchedule topology spread constraint of the pod spreads over the label {key}, and this node has no such label."),
            format!("Pod 的 DoNotSchedule 拓扑分布约束按标签 {key} 分布，而该节点没有这个标签。"),
        ),
        Why::SpreadSkew {
            key,
            value,
            after,
            min,
            max_skew,
        } => pick(
            lang,
            format!("With this pod the domain {key}={value} would hold {after} matching pods, while the emptiest domain holds {min}: a skew of {} is more than maxSkew {max_skew}.", after - min),
            format!("放上这个 Pod 后，拓扑域 {key}={value} 将有 {after} 个匹配的 Pod，而最少的拓扑域只有 {min} 个：偏差 {} 超过了 maxSkew {max_skew}。", after - min),
        ),
        Why::PodAffinityUnmet => pick(
            lang,
            "The pod's required pod affinity wants to be near certain pods, and none of them runs in this node's topology domain.".into(),
            "Pod 的必需 Pod 亲和性要求靠近某些 Pod，而该节点所在的拓扑域里没有这样的 Pod。".into(),
        ),
        Why::PodAntiAffinityConflict => pick(
            lang,
            "The pod's required pod anti-affinity keeps it away from certain pods, and one of them already runs in this node's topology domain.".into(),
            "Pod 的必需 Pod 反亲和性要求远离某些 Pod，而该节点所在的拓扑域里已经有这样的 Pod。".into(),
        ),
        Why::ExistingPodsAntiAffinity => pick(
            lang,
            "A pod already running in this node's topology domain has a required anti-affinity that keeps this pod away.".into(),
            "该节点所在拓扑域里已运行的某个 Pod 带有必需反亲和性，不允许这个 Pod 靠近。".into(),
        ),
    }
}

/// What a node misses of the pod's nodeSelector or required node affinity.
fn selection(lang: Lang, miss: &SelectionMiss) -> String {
    match miss {
        SelectionMiss::Label {
            key,
            value,
            found: None,
        } => pick(
            lang,
            format!("The pod's nodeSelector asks for the label {key}={value:?}; this node has no {key} label."),
            format!("Pod 的 nodeSelector 要求标签 {key}={value:?}；该节点没有 {key} 标签。"),
        ),
        SelectionMiss::Label {
            key,
            value,
            found: Some(found),
        } => pick(
            lang,
            format!("The pod's nodeSelector asks for the label {key}={value:?}; this node has {key}={found:?}."),
            format!("Pod 的 nodeSelector 要求标签 {key}={value:?}；该节点的值是 {key}={found:?}。"),
        ),
        SelectionMiss::Terms(terms) if terms.is_empty() => pick(
            lang,
            "The pod's required node affinity has no usable term, and an empty list matches no node.".into(),
            "Pod 的必需节点亲和性没有可用的条件项，空列表不匹配任何节点。".into(),
        ),
        SelectionMiss::Terms(terms) => pick(
            lang,
            format!("The node matches none of the pod's required node-affinity terms: {}.", terms.join(" OR ")),
            format!("该节点不满足 Pod 必需节点亲和性中的任何一项：{}。", terms.join(" 或 ")),
        ),
    }
}

/// What a taint effect does, in full.
pub fn effect(lang: Lang, effect: TaintEffect) -> &'static str {
    match (lang, effect) {
        (Lang::En, TaintEffect::NoSchedule) => {
            "NoSchedule: the scheduler places no new pod here unless the pod tolerates this taint. Pods already running here stay."
        }
        (Lang::Zh, TaintEffect::NoSchedule) => {
            "NoSchedule：除非 Pod 容忍这个污点，调度器不会把新 Pod 放到这里。已在这里运行的 Pod 不受影响。"
        }
        (Lang::En, TaintEffect::PreferNoSchedule) => {
            "PreferNoSchedule: a soft version of NoSchedule. Pods that do not tolerate it score lower here, so the scheduler picks another node when one fits, and this one when none does."
        }
        (Lang::Zh, TaintEffect::PreferNoSchedule) => {
            "PreferNoSchedule：NoSchedule 的“软”版本。不容忍它的 Pod 在这里得分较低，有别的节点可用时调度器会选别的节点，没有时仍会用这个节点。"
        }
        (Lang::En, TaintEffect::NoExecute) => {
            "NoExecute: no new pod is placed here without a toleration, and running pods that do not tolerate it are evicted. A toleration with tolerationSeconds lets a pod stay only that long."
        }
        (Lang::Zh, TaintEffect::NoExecute) => {
            "NoExecute：没有对应容忍度的新 Pod 不会被放到这里，已运行但不容忍它的 Pod 会被驱逐。带 tolerationSeconds 的容忍度只允许 Pod 再停留这么长时间。"
        }
    }
}

/// Where a taint comes from.
pub fn origin(lang: Lang, origin: Option<TaintOrigin>) -> String {
    match origin {
        Some(TaintOrigin::ControlPlane) => pick(
            lang,
            "kubeadm puts this taint on control-plane nodes so that ordinary workloads stay off them; system pods tolerate it or run as static pods.".into(),
            "kubeadm 会给控制平面节点加上这个污点，让普通工作负载远离它们；系统组件要么容忍它，要么以静态 Pod 运行。".into(),
        ),
        Some(TaintOrigin::Cordon) => pick(
            lang,
            "It is there because the node is cordoned (spec.unschedulable: true, as kubectl cordon sets it); uncordon removes it.".into(),
            "它来自节点被封锁（spec.unschedulable: true，kubectl cordon 会这样设置）；kubectl uncordon 会移除它。".into(),
        ),
        Some(TaintOrigin::Condition { condition, status }) => pick(
            lang,
            format!("The node-lifecycle controller adds it while the node's {condition} condition is {status}, and removes it when the condition recovers."),
            format!("节点的 {condition} 状况为 {status} 时，节点生命周期控制器会加上它；状况恢复后会移除它。"),
        ),
        None => pick(
            lang,
            "Put there by a person or a tool (kubectl taint, or the Node object's spec.taints).".into(),
            "由人或工具添加（kubectl taint，或 Node 对象的 spec.taints）。".into(),
        ),
    }
}

/// The CSS class of a taint badge (the same colours as on the node cards).
pub fn effect_class(effect: TaintEffect) -> &'static str {
    match effect {
        TaintEffect::NoSchedule => "taint no-schedule",
        TaintEffect::PreferNoSchedule => "taint prefer-no-schedule",
        TaintEffect::NoExecute => "taint no-execute",
    }
}

/// The CSS class for a pod owned by `kind` (the node cards' colours).
pub fn owner_class(kind: Option<&str>) -> &'static str {
    match kind {
        Some("DaemonSet") => "owner-daemonset",
        Some("ReplicaSet") => "owner-replicaset",
        Some("Node") => "owner-node",
        _ => "owner-none",
    }
}
