//! One node: roles, status, taints, its pods, and which DaemonSets skip it and why.

use crate::i18n::{Lang, Text, t};
use taintlab_core::actions::NodeAction;
use taintlab_core::api::TaintEffect;
use taintlab_core::view::{NodeCard, PodOwner};
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
    /// An object was clicked, to explain it: `pod/NAMESPACE/NAME` or `node/NAME`.
    pub on_select: Callback<String>,
}

fn effect_class(effect: TaintEffect) -> &'static str {
    match effect {
        TaintEffect::NoSchedule => "taint no-schedule",
        TaintEffect::PreferNoSchedule => "taint prefer-no-schedule",
        TaintEffect::NoExecute => "taint no-execute",
    }
}

fn effect_text(effect: TaintEffect) -> Text {
    match effect {
        TaintEffect::NoSchedule => Text::EffectNoSchedule,
        TaintEffect::PreferNoSchedule => Text::EffectPreferNoSchedule,
        TaintEffect::NoExecute => Text::EffectNoExecute,
    }
}

fn owner_class(owner: PodOwner) -> &'static str {
    match owner {
        PodOwner::DaemonSet => "owner-daemonset",
        PodOwner::ReplicaSet => "owner-replicaset",
        PodOwner::Node => "owner-node",
        PodOwner::None => "owner-none",
    }
}

/// Deleting a node loses its pods: ask first.
fn confirm_delete(props: &NodeCardProps) -> Callback<MouseEvent> {
    let on_action = props.on_action.clone();
    let question = match props.lang {
        Lang::En => format!("Delete node {}? Its pods go with it.", props.card.name),
        Lang::Zh => format!("删除节点 {}？节点上的 Pod 会一并消失。", props.card.name),
    };
    Callback::from(move |_: MouseEvent| {
        let sure = web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(false);
        if sure {
            on_action.emit(NodeAction::Delete);
        }
    })
}

/// "Delete node" (the full module's button).
fn delete_text(lang: Lang) -> &'static str {
    #[cfg(feature = "full")]
    return crate::i18n::tr(lang, "Delete node", "删除节点");
    #[cfg(not(feature = "full"))]
    {
        let _ = lang;
        ""
    }
}

/// The node's buttons: cordon, the kubelet, and a small form to add a taint.
fn node_actions(props: &NodeCardProps) -> Html {
    let lang = props.lang;
    let card = &props.card;
    let emit = |action: NodeAction| {
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    };
    let (cordon_text, cordon) = if card.cordoned {
        (Text::Uncordon, NodeAction::Uncordon)
    } else {
        (Text::Cordon, NodeAction::Cordon)
    };
    let (kubelet_text, kubelet) = if card.kubelet_running {
        (Text::StopKubelet, NodeAction::StopKubelet)
    } else {
        (Text::StartKubelet, NodeAction::StartKubelet)
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
        <div class="node-actions" role="group" aria-label={t(lang, Text::NodeActions)}>
            <button class="small" data-action="cordon" onclick={emit(cordon)}>{t(lang, cordon_text)}</button>
            <button class="small" data-action="kubelet" onclick={emit(kubelet)}>{t(lang, kubelet_text)}</button>
            if cfg!(feature = "full") {
                <button class="small" data-action="delete" onclick={confirm_delete(props)}>
                    {delete_text(lang)}
                </button>
            }
            <form class="add-taint" onsubmit={add}>
                <label for={id.clone()} class="visually-hidden">{t(lang, Text::AddTaint)}</label>
                <input id={id} ref={spec_ref} data-field="taint" placeholder="key=value:NoSchedule"
                    title={t(lang, Text::AddTaint)} />
                <button class="small" type="submit">{t(lang, Text::AddTaint)}</button>
            </form>
        </div>
    }
}

/// The node's labels beyond its roles, and how much CPU and memory its pods request.
fn usage(card: &NodeCard) -> Html {
    let bar = |name: &'static str, use_: (i64, i64)| {
        let percent = NodeCard::percent(use_);
        html! {
            <span class="use" title={format!("{name}: {percent}%")}>
                {format!("{name} {percent}%")}
                <span class="bar" aria-hidden="true">
                    // `~style` sets the property (CSSOM), which the page's Content-Security-Policy allows; it blocks style attributes.
                    <span ~style={format!("width:{}%", percent.min(100))}></span>
                </span>
            </span>
        }
    };
    html! {
        <div class="node-meta">
            if !card.labels.is_empty() {
                <div class="node-labels">
                    {for card.labels.iter().map(|(k, v)| html! { <code class="label">{format!("{k}={v}")}</code> })}
                </div>
            }
            {bar("cpu", card.cpu)}
            {bar("memory", card.memory)}
        </div>
    }
}

/// Chips of pods that have left, without `data-pod` (they are not on the node any
/// more) and hidden from screen readers (the events say what happened).
#[cfg(feature = "full")]
fn departed_chips(pods: &[taintlab_core::view::PodChip]) -> Vec<Html> {
    pods.iter()
        .map(|pod| {
            html! {
                <li class={classes!("chip", owner_class(pod.owner), "leaving")} aria-hidden="true">
                    <span class="pod-name">{pod.name.clone()}</span>
                    // What kubectl shows while a deleted pod goes.
                    <span class="pod-phase">{"Terminating"}</span>
                </li>
            }
        })
        .collect()
}

/// The colon after a label: full-width in Chinese (the full module; the
/// first-load one has no room for it and is replaced two seconds in).
fn colon(lang: Lang) -> &'static str {
    #[cfg(feature = "full")]
    return crate::i18n::tr(lang, ": ", "：");
    #[cfg(not(feature = "full"))]
    {
        let _ = lang;
        ": "
    }
}

/// A taint's text; the full module lets it wrap after `/`, `.`, `:` and `=`
/// rather than inside a word.
fn taint_label(text: &str) -> Html {
    // One flex item (the badge is a flex box, so that × stays beside the text).
    #[cfg(feature = "full")]
    return html! { <span class="taint-text">{crate::full::breakable(text)}</span> };
    #[cfg(not(feature = "full"))]
    html! { {text.to_string()} }
}

/// A node card (`data-node="<name>"`).
#[component]
pub fn NodeCardView(props: &NodeCardProps) -> Html {
    let lang = props.lang;
    let card = &props.card;
    // Pods that just left, fading out (the full module's; the first-load one
    // hands over two seconds after the page opens).
    #[cfg(feature = "full")]
    let departed = departed_chips(&crate::full::leaving::use_departed(&card.name, &card.pods));
    #[cfg(not(feature = "full"))]
    let departed = std::iter::empty::<Html>();
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
            if cfg!(feature = "full") {
                {usage(card)}
            }
            <div class="taints">
                if card.taints.is_empty() {
                    <span class="muted">{t(lang, Text::NoTaints)}</span>
                }
                {for card.taints.iter().map(|taint| {
                    let remove = {
                        let on_action = props.on_action.clone();
                        let action = NodeAction::RemoveTaint { key: taint.key.clone(), effect: taint.effect };
                        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
                    };
                    html! {
                        <span class={effect_class(taint.effect)} title={t(lang, effect_text(taint.effect))}
                            data-taint={taint.text.clone()}>
                            {taint_label(&taint.text)}
                            <button class="taint-remove" onclick={remove}
                                aria-label={format!("{}: {}", t(lang, Text::RemoveTaint), taint.text)}
                                title={t(lang, Text::RemoveTaint)}>{"×"}</button>
                        </span>
                    }
                })}
            </div>
            {node_actions(props)}
            <ul class="pods">
                if card.pods.is_empty() {
                    <li class="muted empty">{t(lang, Text::NoPods)}</li>
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
                                <span class="evict">{format!("{} {seconds}s", t(lang, Text::EvictionDue))}</span>
                            }
                        </li>
                    }
                }).chain(departed)}
            </ul>
            {for card.skipped.iter().map(|skip| html! {
                <div class="skip" data-skip={skip.daemon_set.clone()}>
                    <div class="skip-head">
                        // Clickable in the full module; the first load has no room.
                        if cfg!(feature = "full") {
                            <button class="link" onclick={props.on_select.reform({
                                let key = format!("daemonset/{}/{}", skip.namespace, skip.daemon_set);
                                move |_: MouseEvent| key.clone()
                            })}><strong>{skip.daemon_set.clone()}</strong></button>
                        } else {
                            <strong>{skip.daemon_set.clone()}</strong>
                        }
                        {colon(lang)}{t(lang, Text::NoPodHere)}
                    </div>
                    <code class="reason">{skip.reason.clone()}</code>
                    if let Some(taint) = &skip.taint {
                        <code class="deciding-taint">{taint.clone()}</code>
                    }
                    if skip.should_continue_running {
                        <p class="muted small">{t(lang, Text::MayStay)}</p>
                    }
                </div>
            })}
        </article>
    }
}
