//! A node: what `kubectl describe node` tells (roles, labels, taints, conditions,
//! allocatable and requested resources, pods), laid out to read, with each taint's
//! effect and origin spelled out.

use super::table::{ExplainTable, columns, explain_table};
use super::texts::{self, pick};
use super::{breakable, mark, subject_button};
use taintlab_core::Cluster;
use taintlab_core::why::NodeExplanation;
use taintlab_core::why::Subject;
use taintlab_core::why::TaintInfo;
use taintlab_core::why::condition_healthy;
use taintlab_core::why::explain_node;
use taintlab_ui::i18n::{Lang, tr};
use yew::prelude::*;

/// The explanation of node `name`.
pub fn node_view(lang: Lang, cluster: &Cluster, name: &str, select: &Callback<String>) -> Html {
    let Some(n) = explain_node(cluster, name) else {
        return html! {};
    };
    let ready = n.status.starts_with("Ready");
    html! {
        <article class="explain-node" aria-labelledby="explain-title">
            <header class="explain-head">
                <span class="kind">{tr(lang, "Node", "节点")}</span>
                <h3 id="explain-title"><code>{n.name.clone()}</code></h3>
                <span class="roles">
                    if n.roles.is_empty() {
                        <span class="role none">{"<none>"}</span>
                    }
                    {for n.roles.iter().map(|r| html! { <span class="role">{r.clone()}</span> })}
                </span>
                <span class={classes!("status-badge", if ready { "ready" } else { "not-ready" })}>{n.status.clone()}</span>
            </header>
            <dl class="facts">
                <dt>{"Unschedulable"}</dt>
                <dd>
                    <code>{n.unschedulable.to_string()}</code>{" "}
                    <span class="muted small">{if n.unschedulable {
                        tr(lang, "cordoned: the scheduler places no new pod here (kubectl uncordon undoes it)", "已封锁：调度器不会再把新 Pod 放到这里（kubectl uncordon 可撤销）")
                    } else {
                        tr(lang, "the scheduler may place pods here", "调度器可以把 Pod 放到这里")
                    }}</span>
                </dd>
                <dt>{"kubelet"}</dt>
                <dd>
                    if n.kubelet_running {
                        {tr(lang, "running", "运行中")}
                    } else {
                        <strong>{tr(lang, "stopped: the node stops reporting and turns NotReady after the grace period", "已停止：节点不再上报状态，宽限期过后变为 NotReady")}</strong>
                    }
                    if let Some(version) = &n.kubelet_version {
                        <span class="muted small">{pick(lang, format!(" ({version})"), format!("（{version}）"))}</span>
                    }
                </dd>
                if let Some(ip) = &n.internal_ip {
                    <dt>{"InternalIP"}</dt>
                    <dd><code>{ip.clone()}</code></dd>
                }
            </dl>
            {taints(lang, &n, select)}
            {pods(lang, &n, select)}
            {resources(lang, &n)}
            {conditions(lang, &n)}
            <section class="explain-section">
                <h4>{tr(lang, "Labels", "标签")}</h4>
                <p class="muted small">{tr(lang, "What nodeSelector and node affinity match against.", "nodeSelector 和节点亲和性匹配的就是这些标签。")}</p>
                if n.labels.is_empty() {
                    <p class="muted small">{tr(lang, "None.", "没有。")}</p>
                }
                <ul class="labels">
                    {for n.labels.iter().map(|(k, v)| html! { <li><code class="label">{breakable(&format!("{k}={v}"))}</code></li> })}
                </ul>
            </section>
            <p class="muted small">{pick(lang,
                format!("The same facts as kubectl describe node {}; type it in the terminal to see the original.", n.name),
                format!("与 kubectl describe node {} 的内容相同；在终端中输入它可查看原始输出。", n.name))}</p>
        </article>
    }
}

/// Each taint with its effect, its origin and the node's pods it affects.
fn taints(lang: Lang, n: &NodeExplanation, select: &Callback<String>) -> Html {
    html! {
        <section class="explain-section">
            <h4>{tr(lang, "Taints", "污点")}</h4>
            if n.taints.is_empty() {
                <p class="muted small">{tr(lang, "None: any pod may be placed here, if it fits.", "没有：只要放得下，任何 Pod 都可以放到这里。")}</p>
            }
            <ul class="taint-list" data-testid="node-taints">
                {for n.taints.iter().map(|t| taint(lang, t, select))}
            </ul>
        </section>
    }
}

fn taint(lang: Lang, t: &TaintInfo, select: &Callback<String>) -> Html {
    let pods = |list: &[Subject]| {
        html! { <>{for list.iter().map(|p| subject_button(p, select, ""))}</> }
    };
    html! {
        <li data-taint={t.text.clone()}>
            <code class={texts::effect_class(t.effect)}>{t.text.clone()}</code>
            <p class="effect">{texts::effect(lang, t.effect)}</p>
            <p class="origin muted small">{texts::origin(lang, t.origin)}</p>
            if !t.tolerated_by.is_empty() {
                <p class="small">{tr(lang, "Tolerated by: ", "容忍它的 Pod：")}{pods(&t.tolerated_by)}</p>
            }
            if !t.not_tolerated_by.is_empty() {
                <p class="small">{tr(lang, "Here without tolerating it: ", "在此但不容忍它的 Pod：")}{pods(&t.not_tolerated_by)}</p>
            }
        </li>
    }
}

/// The non-terminated pods on the node.
fn pods(lang: Lang, n: &NodeExplanation, select: &Callback<String>) -> Html {
    html! {
        <section class="explain-section">
            <h4>{pick(lang, format!("Pods ({})", n.pods.len()), format!("Pod（{} 个）", n.pods.len()))}</h4>
            if n.pods.is_empty() {
                <p class="muted small">{tr(lang, "No pod runs here.", "这里没有运行任何 Pod。")}</p>
            } else {
                {explain_table(ExplainTable {
                    id: "pods",
                    class: "plain",
                    testid: "node-pods",
                    caption: tr(lang, "Pods on this node", "该节点上的 Pod"),
                    note: None,
                    head: columns(&[
                        "Pod",
                        tr(lang, "Owner", "所有者"),
                        tr(lang, "Status", "状态"),
                        tr(lang, "CPU requests", "CPU 请求"),
                        tr(lang, "Memory requests", "内存请求"),
                    ]),
                    body: html! {
                        {for n.pods.iter().map(|p| html! {
                            <tr>
                                <th scope="row">{subject_button(&p.pod, select, "")}</th>
                                <td><span class={classes!("swatch", texts::owner_class(p.owner_kind.as_deref()))}></span>{" "}{p.owner_kind.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>
                                    {p.status.clone()}
                                    if let Some(s) = p.evict_in {
                                        <span class="evict small">{pick(lang, format!(" evicted in {s}s"), format!("（{s} 秒后驱逐）"))}</span>
                                    }
                                </td>
                                <td><code>{p.cpu.to_string()}</code></td>
                                <td><code>{p.memory.to_string()}</code></td>
                            </tr>
                        })}
                    },
                })}
            }
        </section>
    }
}

/// Allocatable against what the pods request, with a bar per resource.
fn resources(lang: Lang, n: &NodeExplanation) -> Html {
    html! {
        <section class="explain-section">
            <h4>{tr(lang, "Resources", "资源")}</h4>
            {explain_table(ExplainTable {
                id: "resources",
                class: "plain resources",
                testid: "node-resources",
                caption: tr(lang, "Resources: allocatable and requested", "资源：可分配量与请求量"),
                note: Some(tr(lang, "What the node offers (allocatable; capacity is the same here) and what its pods request. The scheduler's NodeResourcesFit compares requests, never actual use.",
                    "节点可提供的资源（allocatable；这里与 capacity 相同）以及其上 Pod 的请求量。调度器的 NodeResourcesFit 比较的是请求量，而不是实际用量。")),
                head: columns(&[
                    tr(lang, "Resource", "资源"),
                    tr(lang, "Allocatable", "可分配"),
                    tr(lang, "Requested", "已请求"),
                    tr(lang, "Limits", "上限"),
                ]),
                body: html! {
                    {for n.resources.iter().map(|r| html! {
                        <tr>
                            <th scope="row"><code>{r.resource.clone()}</code></th>
                            <td><code>{r.allocatable.to_string()}</code></td>
                            <td>
                                <code>{format!("{} ({}%)", r.requests, r.requests_percent)}</code>
                                // `~style` sets the property (CSSOM), which the page's Content-Security-Policy allows; it blocks style attributes.
                                <span class="bar" aria-hidden="true"><span ~style={format!("width: {}%", r.requests_percent.clamp(0, 100))}></span></span>
                            </td>
                            <td>
                                if let Some(l) = r.limits {
                                    <code>{format!("{l} ({}%)", r.limits_percent)}</code>
                                } else {
                                    <span class="muted">{"—"}</span>
                                }
                            </td>
                        </tr>
                    })}
                },
            })}
        </section>
    }
}

/// The node's conditions as the kubelet reports them.
fn conditions(lang: Lang, n: &NodeExplanation) -> Html {
    if n.conditions.is_empty() {
        return html! {};
    }
    html! {
        <section class="explain-section">
            <h4>{tr(lang, "Conditions", "状况")}</h4>
            {explain_table(ExplainTable {
                id: "conditions",
                class: "plain",
                testid: "node-conditions",
                caption: tr(lang, "Node conditions", "节点状况"),
                note: Some(tr(lang, "What the kubelet reports. Ready is good when True; the pressure conditions are good when False. A condition that goes bad brings a taint from the node-lifecycle controller.",
                    "kubelet 上报的状况。Ready 为 True 表示正常；各种 Pressure 状况为 False 表示正常。状况变坏时，节点生命周期控制器会加上相应的污点。")),
                head: columns(&[
                    tr(lang, "Type", "类型"),
                    tr(lang, "Status", "状态"),
                    tr(lang, "Reason", "原因"),
                    tr(lang, "Message", "消息"),
                ]),
                body: html! {
                    {for n.conditions.iter().map(|c| {
                        let good = condition_healthy(c);
                        html! {
                            <tr>
                                <th scope="row">{c.type_}</th>
                                <td class={if good { "pass" } else { "fail" }}>{mark(lang, good)}{" "}{c.status}</td>
                                <td><code>{c.reason}</code></td>
                                <td>{c.message}</td>
                            </tr>
                        }
                    })}
                },
            })}
        </section>
    }
}
