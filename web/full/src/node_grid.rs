//! The compact view of a large cluster: one cell per node, coloured by status, with
//! a search over names, labels, taints and status. Replaces the cards past
//! [`GRID_AT`](taintlab_ui::GRID_AT) nodes, and stays quick at a thousand nodes.

use std::rc::Rc;
use taintlab_core::api::TaintEffect;
use taintlab_core::view::NodeCard;
use taintlab_ui::i18n::{Lang, tr};
use web_sys::Element;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`NodeGrid`].
#[derive(Properties, PartialEq)]
pub struct NodeGridProps {
    /// UI language.
    pub lang: Lang,
    /// Every node, in name order, each shared with the last render while it is
    /// the same (`use_shared_cards`).
    pub nodes: Rc<[Rc<NodeCard>]>,
    /// A cell was clicked: `node/NAME`, to explain it.
    pub on_select: Callback<String>,
}

/// Up to this many shown nodes, each cell carries its node's name.
const NAMED_UP_TO: usize = 48;

/// The cell's class: status first, then the strongest taint effect.
fn cell_class(card: &NodeCard) -> Classes {
    let status = if !card.status.starts_with("Ready") {
        "not-ready"
    } else if card.cordoned {
        "cordoned"
    } else {
        "ready"
    };
    let effect = |e: TaintEffect| card.taints.iter().any(|t| t.effect == e);
    let taint = if effect(TaintEffect::NoExecute) {
        Some("t-no-execute")
    } else if effect(TaintEffect::NoSchedule) {
        Some("t-no-schedule")
    } else if effect(TaintEffect::PreferNoSchedule) {
        Some("t-prefer-no-schedule")
    } else {
        None
    };
    classes!("cell", status, taint)
}

/// The grid (`data-testid="node-grid"`), each cell a button with `data-node`.
#[component]
pub fn NodeGrid(props: &NodeGridProps) -> Html {
    let lang = props.lang;
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let shown: Vec<&Rc<NodeCard>> = props.nodes.iter().filter(|c| c.matches(&query)).collect();
    // One listener for every cell (a cell's click, or Enter on it, bubbles here),
    // so that the cells carry no callback of their own.
    let onclick = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: MouseEvent| {
            let node = e
                .target_dyn_into::<Element>()
                .and_then(|target| target.closest("[data-node]").ok().flatten())
                .and_then(|cell| cell.get_attribute("data-node"));
            if let Some(node) = node {
                on_select.emit(format!("node/{node}"));
            }
        })
    };
    // Few enough cells to name them: a search has found its nodes.
    let named = shown.len() <= NAMED_UP_TO;
    let count = match lang {
        Lang::En => format!("{} of {} nodes", shown.len(), props.nodes.len()),
        Lang::Zh => format!("{} / {} 个节点", shown.len(), props.nodes.len()),
    };
    let pending_hint = tr(
        lang,
        "Search by name, label (key=value), taint or status",
        "按名称、标签（key=value）、污点或状态搜索",
    );
    html! {
        <div class="node-grid-wrap">
            <div class="grid-tools">
                <input type="search" class="filter" data-testid="node-search" value={(*query).clone()}
                    {oninput} placeholder={pending_hint} aria-label={pending_hint} />
                <span class="muted small" aria-live="polite">{count}</span>
            </div>
            <ul class="grid-legend muted small" aria-hidden="true">
                <li><span class="cell ready"></span>{tr(lang, "Ready", "就绪")}</li>
                <li><span class="cell not-ready"></span>{tr(lang, "NotReady", "未就绪")}</li>
                <li><span class="cell cordoned"></span>{tr(lang, "SchedulingDisabled", "禁止调度")}</li>
                <li><span class="cell ready t-no-schedule"></span>{tr(lang, "tainted (corner: effect)", "有污点（角标颜色表示效果）")}</li>
            </ul>
            <ul class={classes!("node-grid", named.then_some("named"))} data-testid="node-grid"
                aria-label={tr(lang, "Nodes", "节点")} {onclick}>
                {for shown.iter().map(|card| html! {
                    <GridCell key={card.name.as_str()} {lang} card={Rc::clone(card)} {named} />
                })}
            </ul>
        </div>
    }
}

/// Properties of [`GridCell`]: all cheap to compare (the card by address), and
/// no callback (the grid hears the clicks), so that a cell whose node did not
/// change does not render again.
#[derive(Properties, PartialEq)]
struct GridCellProps {
    lang: Lang,
    card: Rc<NodeCard>,
    /// Whether the cell shows its node's name.
    named: bool,
}

/// One node of the grid: a button with `data-node`.
#[component]
fn GridCell(props: &GridCellProps) -> Html {
    let card = &props.card;
    let taints: Vec<&str> = card.taints.iter().map(|t| t.text.as_str()).collect();
    let pods = match props.lang {
        Lang::En => format!("{} pod(s)", card.pods.len()),
        Lang::Zh => format!("{} 个 Pod", card.pods.len()),
    };
    // The name the cell shows, then its count, as the accessible name
    // starts (WCAG 2.5.3).
    let title = format!(
        "{} {pods} · {}{}{}",
        card.name,
        card.status,
        if taints.is_empty() { "" } else { " · " },
        taints.join(", ")
    );
    html! {
        <li>
            <button class={cell_class(card)} data-node={card.name.clone()}
                title={title.clone()} aria-label={title}>
                if props.named {
                    <span class="cell-name">{card.name.clone()}</span>{" "}
                }
                <span class="pods-count">{card.pods.len()}</span>
            </button>
        </li>
    }
}
