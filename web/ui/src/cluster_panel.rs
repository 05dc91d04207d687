//! The cluster panel's frame: its title, the pod owners' legend, the nodes,
//! and the pending pods' tray. What goes inside is each module's: the
//! first-load module passes plain cards, the full one cards with more on them,
//! a grid for a large cluster and a form to add a node.

use crate::i18n::{Lang, tr};
use yew::prelude::*;

/// Past this many nodes the cluster shows as a compact grid (the full module's;
/// the first-load module hands over when a cluster grows past it).
pub const GRID_AT: usize = 30;

/// Properties of [`ClusterPanel`].
#[derive(Properties, PartialEq)]
pub struct ClusterPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The nodes: cards, or a grid.
    pub nodes: Html,
    /// Under the nodes (the full module's form that adds one).
    #[prop_or_default]
    pub after_nodes: Html,
    /// The pending pods, each with the scheduler's message; nothing shows
    /// the tray.
    #[prop_or_default]
    pub pending: Option<Html>,
}

/// Nodes, then pods that could not be placed.
#[component]
pub fn ClusterPanel(props: &ClusterPanelProps) -> Html {
    let lang = props.lang;
    let legend = [
        ("owner-daemonset", tr(lang, "DaemonSet", "DaemonSet")),
        ("owner-replicaset", tr(lang, "Deployment", "Deployment")),
        ("owner-node", tr(lang, "Static pod", "静态 Pod")),
        ("owner-none", tr(lang, "Bare pod", "独立 Pod")),
    ];
    html! {
        <section class="panel cluster-panel" aria-labelledby="cluster-title">
            <div class="panel-head">
                <h2 id="cluster-title">{tr(lang, "Cluster", "集群")}</h2>
                <ul class="legend" aria-label={tr(lang, "Pod owners", "Pod 的属主")}>
                    {for legend.iter().map(|(class, text)| html! {
                        <li><span class={classes!("swatch", *class)}></span>{*text}</li>
                    })}
                </ul>
            </div>
            {props.nodes.clone()}
            {props.after_nodes.clone()}
            if let Some(pending) = &props.pending {
                <div class="pending" data-testid="pending">
                    <h3>{tr(lang, "Pending pods", "等待调度的 Pod")}</h3>
                    {pending.clone()}
                </div>
            }
        </section>
    }
}
