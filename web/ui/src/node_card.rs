//! One node: roles, status, taints, its pods, and which DaemonSets skip it and why.

use crate::i18n::{Lang, tr};
use taintlab_core::actions::NodeAction;
use taintlab_core::api::TaintEffect;
use taintlab_core::view::NodeCard;
use taintlab_core::view::PodOwner;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`NodeCardView`].
#[derive(Properties, PartialEq)]
pub struct NodeCardProps {
    /// UI language.
    pub lang: Lang,
    /// What core says about the node.
    pub card: NodeCard,
    /// A button was pressed: what to do to this node.
    pub on_action: Callback<NodeAction>,
    /// An object was clicked, to explain it: `pod/NAMESPACE/NAME`, `node/NAME`
    /// or (with [`CardExtras::daemon_set_links`]) `daemonset/NAMESPACE/NAME`.
    pub on_select: Callback<String>,
}

/// What the full module adds to a card. Not props: the full module's own card
/// component makes them from its props, so the first-load module never
/// compares (or carries) them.
pub struct CardExtras {
    /// Under the header: the node's labels and resource use.
    pub meta: Html,
    /// After the other node buttons: Delete.
    pub more_actions: Html,
    /// After the pods: chips of pods that just left.
    pub departed: Html,
    /// A taint's text as shown (the full module lets it wrap between words).
    pub taint_label: fn(&str) -> Html,
    /// Whether a DaemonSet that skips the node is a button that explains it.
    pub daemon_set_links: bool,
}

impl Default for CardExtras {
    fn default() -> CardExtras {
        CardExtras {
            meta: Html::default(),
            more_actions: Html::default(),
            departed: Html::default(),
            taint_label: plain,
            daemon_set_links: false,
        }
    }
}

/// Text as it is.
fn plain(text: &str) -> Html {
    html! { {text.to_string()} }
}

fn effect_class(effect: TaintEffect) -> &'static str {
    match effect {
        TaintEffect::NoSchedule => "taint no-schedule",
        TaintEffect::PreferNoSchedule => "taint prefer-no-schedule",
        TaintEffect::NoExecute => "taint no-execute",
    }
}

fn effect_text(lang: Lang, effect: TaintEffect) -> &'static str {
    match effect {
        TaintEffect::NoSchedule => tr(
            lang,
            "NoSchedule: new pods that do not tolerate this taint are not placed here; running pods stay.",
            "NoSchedule：不容忍该污点的新 Pod 不会被放到这里，已运行的 Pod 不受影响。",
        ),
        TaintEffect::PreferNoSchedule => tr(
            lang,
            "PreferNoSchedule: the scheduler avoids this node when it can.",
            "PreferNoSchedule：调度器会尽量避开这个节点。",
        ),
        TaintEffect::NoExecute => tr(
            lang,
            "NoExecute: pods that do not tolerate this taint are evicted, and new ones are not placed here.",
            "NoExecute：不容忍该污点的 Pod 会被驱逐，新 Pod 也不会被放到这里。",
        ),
    }
}

/// The class that colours a pod by its owner.
pub fn owner_class(owner: PodOwner) -> &'static str {
    match owner {
        PodOwner::DaemonSet => "owner-daemonset",
        PodOwner::ReplicaSet => "owner-replicaset",
        PodOwner::Node => "owner-node",
        PodOwner::None => "owner-none",
    }
}

/// The node's buttons: cordon, the kubelet, and a small form to add a taint.
fn node_actions(props: &NodeCardProps, more: Html) -> Html {
    let lang = props.lang;
    let card = &props.card;
    let emit = |action: NodeAction| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let (cordon_text, cordon) = if card.cordoned {
        (tr(lang, "Uncordon", "恢复调度"), NodeAction::Uncordon)
    } else {
        (tr(lang, "Cordon", "停止调度"), NodeAction::Cordon)
    };
    let (kubelet_text, kubelet) = if card.kubelet_running {
        (
            tr(lang, "Stop kubelet", "停止 kubelet"),
            NodeAction::StopKubelet,
        )
    } else {
        (
            tr(lang, "Start kubelet", "启动 kubelet"),
            NodeAction::StartKubelet,
        )
    };
    let spec_ref = NodeRef::default();
    let add = {
        let on_action = props.on_action.clone();
        let spec_ref = spec_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = spec_ref.cast::<HtmlInputElement>() {
                on_action.emit(NodeAction::AddTaintSpec(input.value()));
            }
        })
    };
    let id = format!("taint-spec-{}", card.name);
    html! {
        <div class="node-actions" role="group" aria-label={tr(lang, "Node actions", "节点操作")}>
            <button class="small" data-action="cordon" onclick={emit(cordon)}>{cordon_text}</button>
            <button class="small" data-action="kubelet" onclick={emit(kubelet)}>{kubelet_text}</button>
            {more}
            <form class="add-taint" onsubmit={add}>
                <label for={id.clone()} class="visually-hidden">{tr(lang, "Add a taint", "添加污点")}</label>
                <input id={id} ref={spec_ref} data-field="taint" placeholder="key=value:NoSchedule"
                    title={tr(lang, "Add a taint", "添加污点")} />
                <button class="small" type="submit">{tr(lang, "Add a taint", "添加污点")}</button>
            </form>
        </div>
    }
}

/// A node card (`data-node="<name>"`), as the first-load module shows it.
#[component]
pub fn NodeCardView(props: &NodeCardProps) -> Html {
    node_card(props, CardExtras::default())
}

/// A node card (`data-node="<name>"`) with `extras`.
pub fn node_card(props: &NodeCardProps, extras: CardExtras) -> Html {
    let lang = props.lang;
    let card = &props.card;
    let roles = if card.roles.is_empty() {
        html! { <span class="role none">{"<none>"}</span> }
    } else {
        html! { <>{for card.roles.iter().map(|r| html! { <span class="role">{r.clone()}</span> })}</> }
    };
    let status_class = if card.status.starts_with("Ready") {
        "status-badge ready"
    } else {
        "status-badge not-ready"
    };
    html! {
        <article class="node-card" data-node={card.name.clone()} aria-label={card.name.clone()}>
            <header>
                <h3 class="node-name">
                    <button class="link" onclick={props.on_select.reform({
                        let key = format!("node/{}", card.name);
                        move |_: MouseEvent| key.clone()
                    })}>{card.name.clone()}</button>
                </h3>
                <div class="roles">{roles}</div>
                <span class={status_class}>{card.status.clone()}</span>
            </header>
            {extras.meta}
            <div class="taints">
                if card.taints.is_empty() {
                    <span class="muted">{tr(lang, "No taints", "没有污点")}</span>
                }
                {for card.taints.iter().map(|taint| {
                    let remove = {
                        let on_action = props.on_action.clone();
                        let action = NodeAction::RemoveTaint { key: taint.key.clone(), effect: taint.effect };
                        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
                    };
                    html! {
                        <span class={effect_class(taint.effect)} title={effect_text(lang, taint.effect)}
                            data-taint={taint.text.clone()}>
                            {(extras.taint_label)(&taint.text)}
                            <button class="taint-remove" onclick={remove}
                                aria-label={format!("{}: {}", tr(lang, "Remove this taint", "移除这个污点"), taint.text)}
                                title={tr(lang, "Remove this taint", "移除这个污点")}>{"×"}</button>
                        </span>
                    }
                })}
            </div>
            {node_actions(props, extras.more_actions)}
            <ul class="pods">
                if card.pods.is_empty() {
                    <li class="muted empty">{tr(lang, "No pods", "暂无 Pod")}</li>
                }
                {for card.pods.iter().map(|pod| {
                    let phase = format!("phase-{}", pod.phase.to_ascii_lowercase());
                    let select = props.on_select.reform({
                        let key = format!("pod/{}/{}", pod.namespace, pod.name);
                        move |_: MouseEvent| key.clone()
                    });
                    html! {
                        <li class={classes!("chip", owner_class(pod.owner), phase)} data-pod={pod.name.clone()}
                            title={pod.status.clone()}>
                            <button class="pod-name" onclick={select}>{pod.name.clone()}</button>
                            <span class="pod-phase">{pod.status.clone()}</span>
                            if let Some(seconds) = pod.evict_after_seconds {
                                <span class="evict">{format!("{} {seconds}s", tr(lang, "evicted after", "将被驱逐，剩余"))}</span>
                            }
                        </li>
                    }
                })}
                {extras.departed}
            </ul>
            {for card.skipped.iter().map(|skip| html! {
                <div class="skip" data-skip={skip.daemon_set.clone()}>
                    <div class="skip-head">
                        if extras.daemon_set_links {
                            <button class="link" onclick={props.on_select.reform({
                                let key = format!("daemonset/{}/{}", skip.namespace, skip.daemon_set);
                                move |_: MouseEvent| key.clone()
                            })}><strong>{skip.daemon_set.clone()}</strong></button>
                        } else {
                            <strong>{skip.daemon_set.clone()}</strong>
                        }
                        {tr(lang, ": ", "：")}{tr(lang, "no pod on this node", "不会在此节点创建 Pod")}
                    </div>
                    <code class="reason">{skip.reason.clone()}</code>
                    if let Some(taint) = &skip.taint {
                        <code class="deciding-taint">{taint.clone()}</code>
                    }
                    if skip.should_continue_running {
                        <p class="muted small">{tr(lang, "A pod that already runs here may stay: NoSchedule does not evict.", "已在此运行的 Pod 可以留下：NoSchedule 不会驱逐。")}</p>
                    }
                </div>
            })}
        </article>
    }
}
