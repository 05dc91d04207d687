//! The *What if* mode: a copy of the cluster to try a change on. The tab
//! (`data-testid="what-if"`) starts a copy, then lists what the copy would
//! change, pod by pod, per node and per workload, each pod a link into *Why
//! here?*; the banner above the clusters keeps or drops the copy; and the
//! cluster as it is shows, read-only, beside the copy. Everything shown comes
//! from `taintlab_core::what_if` through the playground; this module lays it out.

use crate::explain::breakable;
use crate::panels::reveal_panels;
use crate::state::{Action, AppState};
use std::collections::BTreeMap;
use std::rc::Rc;
use taintlab_core::api::TaintEffect;
use taintlab_core::view::ClusterView;
use taintlab_core::what_if::{ChangeKind, Diff, PodChange};
use taintlab_playground::{Msg, WhatIfEvent};
use taintlab_ui::node_card::owner_class;
use taintlab_ui::{GRID_AT, Lang, tr};
use yew::prelude::*;

fn send(state: &UseReducerHandle<AppState>, event: WhatIfEvent) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| state.dispatch(Action::Update(Msg::WhatIf(event))))
}

/// The tab's body: how to start a copy, or what the open copy would change.
pub fn panel(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let Some(what_if) = state.pg.what_if() else {
        return html! {
            <div class="what-if" data-testid="what-if">
                <p class="what-if-intro">
                    {tr(lang,
                        "Try a change before you make it. A copy of the cluster takes your changes (apply YAML, taint, label or cordon a node, delete one, a scheduler configuration) while the cluster as it is only lets time pass; then you see which pods would start, wait or be evicted, and when, with the reason for each.",
                        "先试再改。集群的一个副本接收你的改动（应用 YAML、给节点加污点、打标签、封锁或删除节点、调度器配置），原集群只随时间推进；随后你会看到哪些 Pod 会启动、等待或被驱逐、何时发生，以及各自的原因。")}
                </p>
                <button class="primary" data-action="what-if-start" onclick={send(state, WhatIfEvent::Start)}>
                    {tr(lang, "Make a what-if copy", "创建假如副本")}
                </button>
            </div>
        };
    };
    let diff = what_if.diff();
    let seconds = state.pg.cluster().now().millis_since(what_if.since()) / 1000;
    let select = {
        let state = state.clone();
        Callback::from(move |key: String| {
            state.dispatch(Action::Update(Msg::Select(key)));
            reveal_panels();
        })
    };
    html! {
        <div class="what-if" data-testid="what-if">
            <p class="what-if-headline" aria-live="polite">{headline(lang, &diff, seconds)}</p>
            if !diff.is_empty() {
                <ul class="what-if-list">
                    {for by_kind(&diff).into_iter().map(|change| change_row(lang, change, &select))}
                </ul>
                <div class="what-if-tables">
                    {node_table(lang, &diff)}
                    {workload_table(lang, &diff)}
                </div>
            }
        </div>
    }
}

/// The changes, the worst news first (evictions, then pods that wait), each
/// kind in namespace/name order.
fn by_kind(diff: &Diff) -> Vec<&PodChange> {
    let mut changes: Vec<&PodChange> = diff.pods.iter().collect();
    // Stable: the diff is in namespace/name order already.
    changes.sort_by_key(|c| c.kind);
    changes
}

/// `3 pods would change, 40 s after the copy was made`.
fn headline(lang: Lang, diff: &Diff, seconds: u64) -> String {
    let n = diff.pods.len();
    match (lang, n) {
        (Lang::En, 0) => format!("No pod would change, {seconds} s after the copy was made."),
        (Lang::En, 1) => format!("1 pod would change, {seconds} s after the copy was made:"),
        (Lang::En, n) => format!("{n} pods would change, {seconds} s after the copy was made:"),
        (Lang::Zh, 0) => format!("副本创建 {seconds} 秒后，没有 Pod 会改变。"),
        (Lang::Zh, n) => format!("副本创建 {seconds} 秒后，{n} 个 Pod 会改变："),
    }
}

/// The kind of a change as a short word, for its badge and the counts.
fn kind_word(lang: Lang, kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Evicted => tr(lang, "evicted", "被驱逐"),
        ChangeKind::Preempted => tr(lang, "preempted", "被抢占"),
        ChangeKind::WillBeEvicted => tr(lang, "to be evicted", "将被驱逐"),
        ChangeKind::Removed => tr(lang, "removed", "被移除"),
        ChangeKind::Pending => tr(lang, "pending", "等待调度"),
        ChangeKind::Scheduled => tr(lang, "scheduled", "已调度"),
        ChangeKind::Started => tr(lang, "started", "启动"),
        ChangeKind::Moved => tr(lang, "moved", "换了节点"),
        ChangeKind::StatusChanged => tr(lang, "changed", "状态改变"),
    }
}

/// The badge's colour: bad news red, waiting amber, good news green.
fn kind_class(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Evicted | ChangeKind::Preempted | ChangeKind::Removed => "change-bad",
        ChangeKind::WillBeEvicted | ChangeKind::Pending | ChangeKind::StatusChanged => {
            "change-warn"
        }
        ChangeKind::Scheduled | ChangeKind::Started | ChangeKind::Moved => "change-good",
    }
}

/// Where a pod is: `Running on worker`, `Pending`.
fn place(lang: Lang, place: Option<&taintlab_core::what_if::Place>) -> String {
    let Some(place) = place else {
        return String::new();
    };
    match (lang, place.node.is_empty()) {
        (_, true) => place.status.clone(),
        (Lang::En, false) => format!("{} on {}", place.status, place.node),
        (Lang::Zh, false) => format!("{}，位于 {}", place.status, place.node),
    }
}

/// What happens to the pod, in the page's language.
fn summary(lang: Lang, change: &PodChange) -> String {
    let before = place(lang, change.before.as_ref());
    let after = place(lang, change.after.as_ref());
    let node = change
        .before
        .as_ref()
        .map(|p| p.node.clone())
        .unwrap_or_default();
    let secs = change.seconds.unwrap_or_default();
    match (change.kind, lang) {
        (ChangeKind::Evicted, Lang::En) => {
            format!("evicted from {node}, {secs} s after the change")
        }
        (ChangeKind::Evicted, Lang::Zh) => format!("改动后 {secs} 秒从 {node} 被驱逐"),
        (ChangeKind::Preempted, Lang::En) => {
            format!("preempted on {node}, {secs} s after the change")
        }
        (ChangeKind::Preempted, Lang::Zh) => format!("改动后 {secs} 秒在 {node} 上被抢占"),
        (ChangeKind::WillBeEvicted, Lang::En) => format!("{after}; evicted in {secs} s"),
        (ChangeKind::WillBeEvicted, Lang::Zh) => format!("{after}；{secs} 秒后将被驱逐"),
        (ChangeKind::Removed, Lang::En) if change.after.is_none() => format!("gone; was {before}"),
        (ChangeKind::Removed, Lang::Zh) if change.after.is_none() => {
            format!("已不存在；原为 {before}")
        }
        (ChangeKind::Started | ChangeKind::Pending, Lang::En) if change.before.is_none() => {
            format!("new: {after}")
        }
        (ChangeKind::Started | ChangeKind::Pending, Lang::Zh) if change.before.is_none() => {
            format!("新建：{after}")
        }
        _ => format!("{before} → {after}"),
    }
}

/// One pod's change: its badge, its name (opens *Why here?*), what happens
/// and why.
fn change_row(lang: Lang, change: &PodChange, select: &Callback<String>) -> Html {
    let key = change.selection();
    let onclick = select.reform(move |_: MouseEvent| key.clone());
    let name = format!("{}/{}", change.namespace, change.name);
    let title = if change.after.is_some() {
        tr(
            lang,
            "Why here? for this pod in the copy",
            "在副本中查看此 Pod 为什么在这里",
        )
    } else {
        tr(
            lang,
            "Why here? for the node it left, in the copy",
            "在副本中查看它离开的节点",
        )
    };
    html! {
        <li class="what-if-change" data-change={kind_word(Lang::En, change.kind)} data-pod={name.clone()}>
            <span class={classes!("tag", kind_class(change.kind))}>{kind_word(lang, change.kind)}</span>
            <button class="link pod-link" {title} {onclick}>{name}</button>
            <span class="what-if-summary">{summary(lang, change)}</span>
            if let Some(workload) = &change.workload {
                <span class="muted small">{workload.clone()}</span>
            }
            if let Some(reason) = &change.reason {
                <span class="what-if-reason">{reason.clone()}</span>
            }
        </li>
    }
}

/// Pods each node gains and loses in the copy.
fn node_table(lang: Lang, diff: &Diff) -> Html {
    html! {
        <section class="explain-section">
            <h3>{tr(lang, "Per node", "按节点")}</h3>
            <div class="table-wrap">
                <table class="table what-if-nodes">
                    <thead><tr>
                        <th scope="col">{tr(lang, "Node", "节点")}</th>
                        <th scope="col">{tr(lang, "Pods gained", "增加的 Pod")}</th>
                        <th scope="col">{tr(lang, "Pods lost", "减少的 Pod")}</th>
                    </tr></thead>
                    <tbody>
                        {for diff.nodes.iter().map(|(node, delta)| html! {
                            <tr data-node={node.clone()}>
                                <th scope="row"><code>{node.clone()}</code></th>
                                <td class="good-text">{(delta.gained > 0).then(|| format!("+{}", delta.gained))}</td>
                                <td class="bad-text">{(delta.lost > 0).then(|| format!("−{}", delta.lost))}</td>
                            </tr>
                        })}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// How many of each workload's pods change, and how.
fn workload_table(lang: Lang, diff: &Diff) -> Html {
    let counts = |counts: &BTreeMap<ChangeKind, usize>| {
        counts
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind_word(lang, *kind)))
            .collect::<Vec<_>>()
            .join(tr(lang, ", ", "，"))
    };
    html! {
        <section class="explain-section">
            <h3>{tr(lang, "Per workload", "按工作负载")}</h3>
            <div class="table-wrap">
                <table class="table what-if-workloads">
                    <thead><tr>
                        <th scope="col">{tr(lang, "Workload", "工作负载")}</th>
                        <th scope="col">{tr(lang, "Its pods", "其 Pod")}</th>
                    </tr></thead>
                    <tbody>
                        {for diff.workloads.iter().map(|(workload, c)| html! {
                            <tr>
                                <th scope="row"><code>{match workload.as_str() {
                                    "(no controller)" => tr(lang, "(no controller)", "（无控制器）").to_string(),
                                    other => other.to_string(),
                                }}</code></th>
                                <td>{counts(c)}</td>
                            </tr>
                        })}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The strip above the clusters while a copy is open: what is going on, and
/// the two ways out.
pub fn banner(state: &UseReducerHandle<AppState>) -> Html {
    let lang = state.lang;
    let Some(what_if) = state.pg.what_if() else {
        return html! {};
    };
    let n = what_if.diff().pods.len();
    let open_tab = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Update(Msg::Open(
                taintlab_ui::Panel::WhatIf.key().into(),
            )));
            reveal_panels();
        })
    };
    html! {
        <div class="what-if-banner" role="region" aria-label={tr(lang, "What if", "假如")} data-testid="what-if-banner">
            <p>
                <strong>{tr(lang, "What if: ", "假如：")}</strong>
                {tr(lang,
                    "your changes now go to a copy of the cluster; the cluster as it is only lets time pass.",
                    "现在的改动都作用于集群的副本；原集群只随时间推进。")}
                {" "}
                <button class="link" data-action="what-if-show" onclick={open_tab}>
                    {match lang {
                        Lang::En if n == 1 => "1 pod would change".to_string(),
                        Lang::En => format!("{n} pods would change"),
                        Lang::Zh => format!("{n} 个 Pod 会改变"),
                    }}
                </button>
            </p>
            <div class="what-if-actions">
                <button class="primary" data-action="what-if-keep" onclick={send(state, WhatIfEvent::Keep)}
                    title={tr(lang, "Make the copy the cluster, with its changes", "让副本（连同改动）成为集群")}>
                    {tr(lang, "Keep the changes", "保留改动")}
                </button>
                <button class="ghost" data-action="what-if-discard" onclick={send(state, WhatIfEvent::Discard)}
                    title={tr(lang, "Drop the copy and its changes", "丢弃副本及其改动")}>
                    {tr(lang, "Discard the copy", "丢弃副本")}
                </button>
            </div>
        </div>
    }
}

/// Properties of [`BaseClusterPanel`].
#[derive(Properties, PartialEq)]
pub struct BaseClusterPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The cluster as it is.
    pub view: Rc<ClusterView>,
    /// What the copy changes (a large cluster shows only the nodes it touches).
    pub diff: Rc<Diff>,
}

/// The cluster as it is, read-only, beside the copy: its nodes with their
/// taints and pods (for a large cluster, only the nodes the copy changes).
#[component]
pub fn BaseClusterPanel(props: &BaseClusterPanelProps) -> Html {
    let lang = props.lang;
    let large = props.view.nodes.len() > GRID_AT;
    let nodes: Vec<_> = props
        .view
        .nodes
        .iter()
        .filter(|n| !large || props.diff.nodes.contains_key(&n.name))
        .collect();
    html! {
        <section class="panel base-cluster" aria-labelledby="base-cluster-title" data-testid="base-cluster">
            <div class="panel-head">
                <h2 id="base-cluster-title">{tr(lang, "As it is", "原集群")}</h2>
                <span class="muted small">{tr(lang, "read-only: time passes here too", "只读：时间同样推进")}</span>
            </div>
            if large {
                <p class="muted small">{match lang {
                    Lang::En => format!("{} nodes; shown: the {} the copy changes.", props.view.nodes.len(), nodes.len()),
                    Lang::Zh => format!("共 {} 个节点；这里只列出副本改变了的 {} 个。", props.view.nodes.len(), nodes.len()),
                }}</p>
            }
            <ul class="base-nodes">
                {for nodes.iter().map(|node| html! {
                    <li class="base-node" data-base-node={node.name.clone()}>
                        <div class="base-node-head">
                            <code class="base-node-name">{node.name.clone()}</code>
                            <span class="muted small">{node.status.clone()}</span>
                        </div>
                        if !node.taints.is_empty() {
                            <ul class="base-taints">
                                {for node.taints.iter().map(|t| html! {
                                    <li class={classes!("taint", effect_class(t.effect))}>{breakable(&t.text)}</li>
                                })}
                            </ul>
                        }
                        <ul class="base-pods">
                            if node.pods.is_empty() {
                                <li class="muted small">{tr(lang, "No pods", "暂无 Pod")}</li>
                            }
                            {for node.pods.iter().map(|pod| html! {
                                <li class={classes!("chip", "small-chip", owner_class(pod.owner))} title={pod.status.clone()}>
                                    {pod.name.clone()}
                                </li>
                            })}
                        </ul>
                    </li>
                })}
            </ul>
            if !props.view.pending.is_empty() {
                <p class="muted small">{match lang {
                    Lang::En => format!("{} pending", props.view.pending.len()),
                    Lang::Zh => format!("{} 个等待调度", props.view.pending.len()),
                }}</p>
            }
        </section>
    }
}

fn effect_class(effect: TaintEffect) -> &'static str {
    match effect {
        TaintEffect::NoSchedule => "no-schedule",
        TaintEffect::PreferNoSchedule => "prefer-no-schedule",
        TaintEffect::NoExecute => "no-execute",
    }
}
