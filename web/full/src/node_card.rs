//! The full module's node cards: the shared card ([`node_card`]) with the
//! node's labels and resource use, a Delete button, pods fading out as they
//! leave, taints that wrap between words and DaemonSets that explain
//! themselves; the pending pods grouped by message; and the grid of a large
//! cluster.

use crate::add_node::AddNodeForm;
use crate::explain::breakable;
use crate::leaving::use_departed;
use crate::node_grid::NodeGrid;
use crate::shared_cards::use_shared_cards;
use std::rc::Rc;
use taintlab_core::actions::NodeAction;
use taintlab_core::view::ClusterView;
use taintlab_core::view::NodeCard;
use taintlab_core::view::PendingPod;
use taintlab_core::view::PodChip;
use taintlab_ui::node_card::{CardExtras, NodeCardProps, node_card, owner_class};
use taintlab_ui::{GRID_AT, Lang, titled_cluster_panel, tr};
use yew::prelude::*;

/// Properties of [`FullNodeCard`]: each compares cheaply (the card by address,
/// the callbacks are the app's own), so that a card whose node did not change
/// does not render again.
#[derive(Properties, PartialEq)]
pub struct FullNodeCardProps {
    /// UI language.
    pub lang: Lang,
    /// What core says about the node (shared with the last render while it is
    /// the same: [`use_shared_cards`]).
    pub card: Rc<NodeCard>,
    /// A button was pressed: the node and what to do to it.
    pub on_node_action: Callback<(String, NodeAction)>,
    /// An object was clicked, to explain it.
    pub on_select: Callback<String>,
}

/// A node card with everything the full module adds.
#[component]
pub fn FullNodeCard(props: &FullNodeCardProps) -> Html {
    let lang = props.lang;
    let card = &*props.card;
    // Pods that just left, fading out.
    let departed = use_departed(&card.name, &card.pods);
    let name = card.name.clone();
    let card_props = NodeCardProps {
        lang,
        card: card.clone(),
        on_action: props
            .on_node_action
            .reform(move |action: NodeAction| (name.clone(), action)),
        on_select: props.on_select.clone(),
    };
    let extras = CardExtras {
        meta: usage(card),
        more_actions: delete_button(props),
        departed: departed_chips(&departed),
        taint_label,
        daemon_set_links: true,
    };
    node_card(&card_props, extras)
}

/// A taint's text, free to wrap after `/`, `.`, `:` and `=` rather than inside
/// a word. One flex item (the badge is a flex box, so that × stays beside it).
fn taint_label(text: &str) -> Html {
    html! { <span class="taint-text">{breakable(text)}</span> }
}

/// Deleting a node loses its pods: ask first.
fn delete_button(props: &FullNodeCardProps) -> Html {
    let on_action = props.on_node_action.clone();
    let node = props.card.name.clone();
    let question = match props.lang {
        Lang::En => format!("Delete node {}? Its pods go with it.", props.card.name),
        Lang::Zh => format!("删除节点 {}？节点上的 Pod 会一并消失。", props.card.name),
    };
    let onclick = Callback::from(move |_: MouseEvent| {
        let sure = web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(false);
        if sure {
            on_action.emit((node.clone(), NodeAction::Delete));
        }
    });
    html! {
        <button class="small" data-action="delete" {onclick}>
            {tr(props.lang, "Delete node", "删除节点")}
        </button>
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
fn departed_chips(pods: &[PodChip]) -> Html {
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

/// The most pending pods shown on one line, as buttons: a big change shown in
/// steps has thousands pending at first, and a button each would be tens of
/// thousands of elements to build in every frame.
const SHOWN_PENDING: usize = 100;

/// The pending pods: those the scheduler turned down for the same reason (the
/// replicas of a Deployment) share one line, each pod a button that explains it,
/// up to [`SHOWN_PENDING`] of them and a count of the rest.
fn pending_list(lang: Lang, pending: &[PendingPod], on_select: &Callback<String>) -> Html {
    let mut groups: Vec<(&str, Vec<&PendingPod>)> = Vec::new();
    for pod in pending {
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
                        {for pods.iter().take(SHOWN_PENDING).map(|p| html! {
                            <span data-pod={p.name.clone()}>
                                <button class="chip owner-none phase-pending" onclick={on_select.reform({
                                    let key = format!("pod/{}/{}", p.namespace, p.name);
                                    move |_: MouseEvent| key.clone()
                                })}>{p.name.clone()}</button>
                            </span>
                        })}
                        if pods.len() > SHOWN_PENDING {
                            <span class="muted" data-testid="pending-more">{match lang {
                                Lang::En => format!("…and {} more", pods.len() - SHOWN_PENDING),
                                Lang::Zh => format!("……另有 {} 个", pods.len() - SHOWN_PENDING),
                            }}</span>
                        }
                    </span>
                    <code class="reason">{message.to_string()}</code>
                </li>
            })}
        </ul>
    }
}

/// Properties of [`FullClusterPanel`]. The callbacks are the app's own, the
/// same from one render to the next, so that the cards compare them cheaply.
#[derive(Properties, PartialEq)]
pub struct FullClusterPanelProps {
    /// UI language.
    pub lang: Lang,
    /// What core says the cluster looks like (shared with the playground: a
    /// new one after every change to the cluster).
    pub view: Rc<ClusterView>,
    /// A node card's button or the add-node form: the node and what to do.
    pub on_node_action: Callback<(String, NodeAction)>,
    /// An object was clicked, to explain it.
    pub on_select: Callback<String>,
    /// Whether this is a what-if copy (its title says so).
    #[prop_or_default]
    pub copy: bool,
}

/// Nodes as cards, or a grid past [`GRID_AT`] nodes; the form that adds a
/// node; the pending pods.
#[component]
pub fn FullClusterPanel(props: &FullClusterPanelProps) -> Html {
    let lang = props.lang;
    let view = &props.view;
    let cards = use_shared_cards(&view.nodes);
    let nodes = if cards.len() > GRID_AT {
        html! { <NodeGrid {lang} nodes={cards} on_select={props.on_select.clone()} /> }
    } else {
        html! {
            <div class="nodes">
                {for cards.iter().map(|card| html! {
                    <FullNodeCard key={card.name.as_str()} {lang} card={Rc::clone(card)}
                        on_node_action={props.on_node_action.clone()}
                        on_select={props.on_select.clone()} />
                })}
            </div>
        }
    };
    let pending =
        (!view.pending.is_empty()).then(|| pending_list(lang, &view.pending, &props.on_select));
    let add_node = html! { <AddNodeForm {lang} on_action={props.on_node_action.clone()} /> };
    let title = if props.copy {
        tr(lang, "What if (the copy)", "假如（副本）")
    } else {
        tr(lang, "Cluster", "集群")
    };
    titled_cluster_panel(lang, title, nodes, add_node, pending)
}
