//! The cluster panel's frame: its title, the pod owners' legend, the nodes,
//! and the pending pods' tray. What goes inside is each module's: the
//! first-load module passes plain cards, the full one cards with more on them,
//! a grid for a large cluster and a form to add a node.

use crate::i18n::{Lang, tr};
use yew::prelude::*;

/// Past this many nodes the cluster shows as a compact grid (the full module's;
/// the first-load module hands over when a cluster grows past it).
pub const GRID_AT: usize = 30;

/// The panel: nodes (cards, or a grid), what comes after them (the full
/// module's form that adds a node), then the pending pods' tray if there are
/// `pending` pods. A function rather than a component: each module's own
/// component calls it with what it shows, so the slots are never compared.
pub fn cluster_panel(lang: Lang, nodes: Html, after_nodes: Html, pending: Option<Html>) -> Html {
    titled_cluster_panel(
        lang,
        tr(lang, "Cluster", "集群"),
        nodes,
        after_nodes,
        pending,
    )
}

/// [`cluster_panel`] under another title (the full module's what-if copy).
pub fn titled_cluster_panel(
    lang: Lang,
    title: &str,
    nodes: Html,
    after_nodes: Html,
    pending: Option<Html>,
) -> Html {
    let legend = [
        ("owner-daemonset", tr(lang, "DaemonSet", "DaemonSet")),
        ("owner-replicaset", tr(lang, "Deployment", "Deployment")),
        ("owner-node", tr(lang, "Static pod", "静态 Pod")),
        ("owner-none", tr(lang, "Bare pod", "独立 Pod")),
    ];
    html! {
        <section class="panel cluster-panel" aria-labelledby="cluster-title">
            <div class="panel-head">
                <h2 id="cluster-title">{title.to_string()}</h2>
                <ul class="legend" aria-label={tr(lang, "Pod owners", "Pod 的属主")}>
                    {for legend.iter().map(|(class, text)| html! {
                        <li><span class={classes!("swatch", *class)}></span>{*text}</li>
                    })}
                </ul>
            </div>
            {nodes}
            {after_nodes}
            if let Some(pending) = pending {
                <div class="pending" data-testid="pending">
                    <h3>{tr(lang, "Pending pods", "等待调度的 Pod")}</h3>
                    {pending}
                </div>
            }
        </section>
    }
}
