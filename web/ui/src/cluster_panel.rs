//! The cluster view: node cards and the pending-pods tray.

use super::node_card::NodeCardView;
use crate::i18n::{Lang, Text, t};
use crate::state::GRID_AT;
use taintlab_core::actions::NodeAction;
use taintlab_core::view::ClusterView;
use yew::prelude::*;

/// Properties of [`ClusterPanel`].
#[derive(Properties, PartialEq)]
pub struct ClusterPanelProps {
    /// UI language.
    pub lang: Lang,
    /// What core says the cluster looks like.
    pub view: ClusterView,
    /// A node card's button: the node and what to do.
    pub on_node_action: Callback<(String, NodeAction)>,
    /// An object was clicked, to explain it: `pod/NAMESPACE/NAME` or `node/NAME`.
    pub on_select: Callback<String>,
}

/// The compact grid of a large cluster (the full module has it; the first-load one
/// hands over when a cluster grows past [`GRID_AT`] nodes).
fn large_cluster(props: &ClusterPanelProps) -> Html {
    #[cfg(feature = "full")]
    return html! {
        <crate::full::node_grid::NodeGrid lang={props.lang} nodes={props.view.nodes.clone()}
            on_select={props.on_select.clone()} />
    };
    #[cfg(not(feature = "full"))]
    html! { <p class="muted" role="status">{t(props.lang, Text::LoadingFull)}</p> }
}

/// A form to join a node to the cluster (the full module).
fn add_node(props: &ClusterPanelProps) -> Html {
    #[cfg(feature = "full")]
    return crate::full::add_node_form(props.lang, props.on_node_action.clone());
    #[cfg(not(feature = "full"))]
    {
        let _ = props;
        html! {}
    }
}

/// The pending pods, each with the scheduler's message (the first-load module's
/// list; the full module's groups pods that share a message).
#[cfg(not(feature = "full"))]
fn pending_list(props: &ClusterPanelProps) -> Html {
    html! {
        <ul>
            {for props.view.pending.iter().map(|p| html! {
                <li data-pod={p.name.clone()}>
                    <span class="chip owner-none phase-pending">{p.name.clone()}</span>
                    <code class="reason">{p.message.clone()}</code>
                </li>
            })}
        </ul>
    }
}

/// The pending pods: those the scheduler turned down for the same reason (the
/// replicas of a Deployment) share one line, each pod a button that explains it.
#[cfg(feature = "full")]
fn pending_list(props: &ClusterPanelProps) -> Html {
    let mut groups: Vec<(&str, Vec<&taintlab_core::view::PendingPod>)> = Vec::new();
    for pod in &props.view.pending {
        match groups
            .iter_mut()
            .find(|(message, _)| *message == pod.message)
        {
            Some((_, pods)) => pods.push(pod),
            None => groups.push((&pod.message, vec![pod])),
        }
    }
    html! {
        <ul>
            {for groups.into_iter().map(|(message, pods)| html! {
                <li class="pending-group">
                    <span class="pending-pods">
                        {for pods.into_iter().map(|p| html! {
                            <span data-pod={p.name.clone()}>
                                <button class="chip owner-none phase-pending" onclick={props.on_select.reform({
                                    let key = format!("pod/{}/{}", p.namespace, p.name);
                                    move |_: MouseEvent| key.clone()
                                })}>{p.name.clone()}</button>
                            </span>
                        })}
                    </span>
                    <code class="reason">{message.to_string()}</code>
                </li>
            })}
        </ul>
    }
}

/// Nodes as cards (or a grid when there are many), then pods that could not be placed.
#[component]
pub fn ClusterPanel(props: &ClusterPanelProps) -> Html {
    let lang = props.lang;
    let legend = [
        ("owner-daemonset", Text::OwnerDaemonSet),
        ("owner-replicaset", Text::OwnerReplicaSet),
        ("owner-node", Text::OwnerStatic),
        ("owner-none", Text::OwnerBare),
    ];
    html! {
        <section class="panel cluster-panel" aria-labelledby="cluster-title">
            <div class="panel-head">
                <h2 id="cluster-title">{t(lang, Text::Cluster)}</h2>
                <ul class="legend" aria-label={t(lang, Text::Legend)}>
                    {for legend.iter().map(|(class, text)| html! {
                        <li><span class={classes!("swatch", *class)}></span>{t(lang, *text)}</li>
                    })}
                </ul>
            </div>
            if props.view.nodes.len() > GRID_AT {
                {large_cluster(props)}
            } else {
                <div class="nodes">
                    {for props.view.nodes.iter().map(|card| {
                        let name = card.name.clone();
                        let on_action = props.on_node_action.reform(move |a: NodeAction| (name.clone(), a));
                        html! { <NodeCardView lang={lang} card={card.clone()} {on_action} on_select={props.on_select.clone()} /> }
                    })}
                </div>
            }
            if cfg!(feature = "full") {
                {add_node(props)}
            }
            if !props.view.pending.is_empty() {
                <div class="pending" data-testid="pending">
                    <h3>{t(lang, Text::Pending)}</h3>
                    {pending_list(props)}
                </div>
            }
        </section>
    }
}
